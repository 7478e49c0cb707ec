"""
Admin for places and organisations, and the history entries of occurrence corrections.

Professionals may edit places and their own organisation in the admin; what
they save is a draft that the resident editors approve (the snippets use the
same workflow as pages). They never see other organisations' edit screens.
"""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.log_actions import LogFormatter
from wagtail.permission_policies.base import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import EditView, SnippetViewSet, SnippetViewSetGroup

from dropins import actions
from dropins.models import PUBLISH_ORGANISATION, Organisation, Place


class OrganisationPermissionPolicy(ModelPermissionPolicy):
    """Editors (who may publish) handle every organisation; a professional only their own."""

    def _limited_to_own(self, user):
        return not (user.is_active and user.is_superuser) and not user.has_perm(PUBLISH_ORGANISATION)

    def user_has_permission_for_instance(self, user, action, instance):
        if not self.user_has_permission(user, action):
            return False
        if self._limited_to_own(user):
            return instance.members.filter(pk=user.pk).exists()
        return True

    def user_has_any_permission_for_instance(self, user, actions, instance):
        return any(self.user_has_permission_for_instance(user, action, instance) for action in actions)

    def instances_user_has_any_permission_for(self, user, actions):
        instances = super().instances_user_has_any_permission_for(user, actions)
        if self._limited_to_own(user):
            instances = instances.filter(members=user)
        return instances


register_permission_policy(Organisation, OrganisationPermissionPolicy(Organisation), exact_class=True)


class PlaceViewSet(SnippetViewSet):
    model = Place
    icon = "site"
    list_display = ["name", "address", "wheelchair_access", "hearing_loop"]
    search_fields = ["name", "address"]


class OrganisationEditView(EditView):
    """The snippet edit view checks the model permission only; check this organisation too."""

    def get_object(self, queryset=None):
        instance = super().get_object(queryset)
        if not self.user_has_permission_for_instance("change", instance):
            raise PermissionDenied
        return instance


class OrganisationViewSet(SnippetViewSet):
    model = Organisation
    edit_view_class = OrganisationEditView
    icon = "group"
    list_display = ["name", "helps_with", "theme"]
    list_filter = ["theme"]
    search_fields = ["name", "helps_with"]

    def get_queryset(self, request):
        return self.permission_policy.instances_user_has_any_permission_for(request.user, ["change"])


class DropinsViewSetGroup(SnippetViewSetGroup):
    menu_label = _("Wie doet wat")
    menu_icon = "group"
    menu_order = 300
    items = (OrganisationViewSet, PlaceViewSet)


register_snippet(DropinsViewSetGroup)


@hooks.register("register_log_actions")
def register_occurrence_log_actions(registry):
    @registry.register_action(actions.ACTION_CANCEL)
    class CancelFormatter(LogFormatter):
        label = _("Spreekuur vervalt")

        def format_message(self, log_entry):
            return _("Spreekuur van %(date)s vervalt: %(reason)s") % {
                "date": log_entry.data.get("date", ""),
                "reason": log_entry.data.get("reason", ""),
            }

    @registry.register_action(actions.ACTION_MOVE)
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

    @registry.register_action(actions.ACTION_RESTORE)
    class RestoreFormatter(LogFormatter):
        label = _("Spreekuur gaat toch door")

        def format_message(self, log_entry):
            return _("Spreekuur van %(date)s gaat toch door") % {"date": log_entry.data.get("date", "")}
