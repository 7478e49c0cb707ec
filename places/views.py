"""The admin's places: a professional sees the published places and the ones they proposed; history is for editors."""

from django.db.models import Q
from wagtail.utils.urlpatterns import decorate_urlpatterns

from places.models import Place
from wijkplatform.snippets import HISTORY_VIEWS, VisibleOnlyViewSet, publishers_only


class PlaceViewSet(VisibleOnlyViewSet):
    model = Place
    icon = "site"
    list_display = ["name", "address", "wheelchair_access", "hearing_loop"]
    search_fields = ["name", "address"]

    def visible_to(self, user):
        places = Place.objects.all()
        if self.permission_policy.user_has_permission(user, "publish"):
            return places
        # A subquery on the primary key, so that the chooser's search backend can filter on it.
        return places.filter(pk__in=Place.objects.filter(Q(live=True) | Q(latest_revision__user=user)).values("pk"))

    def get_urlpatterns(self):
        patterns = super().get_urlpatterns()
        history = [pattern for pattern in patterns if pattern.name in HISTORY_VIEWS]
        decorate_urlpatterns(history, publishers_only(self.permission_policy))
        return patterns
