"""
Admin snippet views limited to what one user may see: the listing, the chooser and every view of one
object check on the server that the user may see that object, not only leave it out of a list.
Used for places and organisations, which professionals edit and the resident editors publish.
"""

from functools import wraps

from django.contrib.admin.utils import unquote
from django.core.exceptions import ValidationError
from django.http import Http404
from wagtail.admin.auth import permission_denied
from wagtail.snippets.views.chooser import (
    ChooseResultsView,
    ChooseView,
    SnippetChooserViewSet,
    SnippetChosenMultipleView,
    SnippetChosenView,
)
from wagtail.snippets.views.snippets import SnippetViewSet
from wagtail.utils.urlpatterns import decorate_urlpatterns

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

