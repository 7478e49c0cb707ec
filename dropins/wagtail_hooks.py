"""
Admin for places and organisations, and the history entries of occurrence corrections.

Professionals may edit places and their own organisation in the admin; what
they save is a draft that the resident editors approve (the snippets use the
same workflow as pages). Every view of one organisation (edit, history,
usage, revisions, workflow, chooser) checks on the server that the
professional works for it. Places are shared: a professional sees the
published places and the new ones they proposed, but the history of a place
(who changed what) only the editors see.
"""

from functools import wraps

from django.contrib.admin.utils import unquote
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.auth import permission_denied
from wagtail.log_actions import LogFormatter
from wagtail.permission_policies.base import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.chooser import (
    ChooseResultsView,
    ChooseView,
    SnippetChooserViewSet,
    SnippetChosenMultipleView,
    SnippetChosenView,
)
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup
from wagtail.utils.urlpatterns import decorate_urlpatterns

from dropins import services
from dropins.models import Organisation, Place, handles_all_organisations, organisations_of

HISTORY_VIEWS = {
    "history",
    "history_results",
    "workflow_history",
    "workflow_history_detail",
    "revisions_view",
    "revisions_compare",
    "revisions_revert",
    "revisions_unschedule",
}


class OrganisationPermissionPolicy(ModelPermissionPolicy):
    """Editors (who may publish) handle every organisation; a professional only their own."""

    def user_has_permission_for_instance(self, user, action, instance):
        if not self.user_has_permission(user, action):
            return False
        # Membership as stored, not as in a draft revision the professional may have edited.
        return handles_all_organisations(user) or organisations_of(user).filter(pk=instance.pk).exists()

    def user_has_any_permission_for_instance(self, user, actions, instance):
        return any(self.user_has_permission_for_instance(user, action, instance) for action in actions)

    def instances_user_has_any_permission_for(self, user, actions):
        instances = super().instances_user_has_any_permission_for(user, actions)
        if not handles_all_organisations(user):
            # A subquery on the primary key, so that the search backend can filter on it.
            instances = instances.filter(pk__in=organisations_of(user).values("pk"))
        return instances


register_permission_policy(Organisation, OrganisationPermissionPolicy(Organisation), exact_class=True)


def only_visible(visible_to):
    """Wrap an admin view of one object (URL argument `pk`): refuse objects outside `visible_to(user)`."""

    def decorator(view_func):
        @wraps(view_func)
        def wrapped(request, *args, **kwargs):
            if "pk" in kwargs:
                try:
                    visible = visible_to(request.user).filter(pk=unquote(str(kwargs["pk"]))).exists()
                except (ValueError, ValidationError) as error:
                    raise Http404 from error
                if not visible:
                    return permission_denied(request)
            return view_func(request, *args, **kwargs)

        return wrapped

    return decorator


def publishers_only(permission_policy):
    """Wrap an admin view so that only those who may publish the model reach it."""

    def decorator(view_func):
        @wraps(view_func)
        def wrapped(request, *args, **kwargs):
            if not permission_policy.user_has_permission(request.user, "publish"):
                return permission_denied(request)
            return view_func(request, *args, **kwargs)

        return wrapped

    return decorator


class VisibleObjectsMixin:
    def get_object_list(self):
        return self.model_class.snippet_viewset.visible_to(self.request.user)


class VisibleChooseView(VisibleObjectsMixin, ChooseView):
    pass


class VisibleChooseResultsView(VisibleObjectsMixin, ChooseResultsView):
    pass


class VisibleChosenView(SnippetChosenView):
    def get_object(self, pk):
        if not str(pk).isdigit():
            raise self.model_class.DoesNotExist
        return self.model_class.snippet_viewset.visible_to(self.request.user).get(pk=pk)


class VisibleChosenMultipleView(SnippetChosenMultipleView):
    def get_objects(self, pks):
        pks = [pk for pk in pks if pk.isdigit()]
        return self.model_class.snippet_viewset.visible_to(self.request.user).filter(pk__in=pks)


class VisibleChooserViewSet(SnippetChooserViewSet):
    """The chooser offers, and accepts, only what the user may see in the listing."""

    choose_view_class = VisibleChooseView
    choose_results_view_class = VisibleChooseResultsView
    chosen_view_class = VisibleChosenView
    chosen_multiple_view_class = VisibleChosenMultipleView


class VisibleOnlyViewSet(SnippetViewSet):
    """
    A snippet whose listing, chooser and every view of one object are limited
    to `visible_to(user)`, checked on the server, not only left out of a list.
    """

    chooser_viewset_class = VisibleChooserViewSet
    # The database search backend cannot limit a search to named fields on SQLite;
    # these tables are small, so the listing searches with the ORM.
    search_backend_name = None

    def visible_to(self, user):
        raise NotImplementedError

    def get_queryset(self, request):
        return self.visible_to(request.user)

    def get_urlpatterns(self):
        return decorate_urlpatterns(super().get_urlpatterns(), only_visible(self.visible_to))


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


class OrganisationViewSet(VisibleOnlyViewSet):
    model = Organisation
    icon = "group"
    list_display = ["name", "helps_with", "theme"]
    list_filter = ["theme"]
    search_fields = ["name", "helps_with"]

    def visible_to(self, user):
        return self.permission_policy.instances_user_has_any_permission_for(user, ["change"])


class DropinsViewSetGroup(SnippetViewSetGroup):
    menu_label = _("Wie doet wat")
    menu_icon = "group"
    menu_order = 300
    items = (OrganisationViewSet, PlaceViewSet)


register_snippet(DropinsViewSetGroup)


@hooks.register("register_log_actions")
def register_occurrence_log_actions(registry):
    @registry.register_action(services.ACTION_CANCEL)
    class CancelFormatter(LogFormatter):
        label = _("Spreekuur vervalt")

        def format_message(self, log_entry):
            return _("Spreekuur van %(date)s vervalt: %(reason)s") % {
                "date": log_entry.data.get("date", ""),
                "reason": log_entry.data.get("reason", ""),
            }

    @registry.register_action(services.ACTION_MOVE)
    class MoveFormatter(LogFormatter):
        label = _("Spreekuur verplaatst")

        def format_message(self, log_entry):
            data = log_entry.data
            return _("Spreekuur van %(date)s verplaatst naar %(new_date)s %(start)s-%(end)s") % {
                "date": data.get("date", ""),
                "new_date": data.get("new_date", ""),
                "start": data.get("new_start_time", ""),
                "end": data.get("new_end_time", ""),
            }

    @registry.register_action(services.ACTION_RESTORE)
    class RestoreFormatter(LogFormatter):
        label = _("Spreekuur gaat toch door")

        def format_message(self, log_entry):
            return _("Spreekuur van %(date)s gaat toch door") % {"date": log_entry.data.get("date", "")}
