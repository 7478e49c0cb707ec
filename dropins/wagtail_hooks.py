"""
Admin for organisations (with places, under "Wie doet wat"), and the history entries of occurrence corrections.

Professionals may edit places and their own organisation in the admin; what
they save is a draft that the resident editors approve (the snippets use the
same workflow as pages). Every view of one organisation (edit, history,
usage, revisions, workflow, chooser) checks on the server that the
professional works for it. Places: see places.views.
"""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.log_actions import LogFormatter
from wagtail.permission_policies.base import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSetGroup

from dropins import services
from dropins.models import Organisation, handles_all_organisations, organisations_of
from places.views import PlaceViewSet
from wijkplatform.snippets import VisibleOnlyViewSet


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
