"""
The editors' admin: the moderation list in the menu, "Goedkeuren" as the first
action in the page and snippet editors, and the e-mail preference on the
account page.
"""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.account import BaseSettingsPanel, notifications_tab

from moderation import services
from moderation.forms import EditorPreferenceForm
from moderation.models import EditorPreference
from moderation.views import DecideView, ModerationListView

urlpatterns = [
    path("", ModerationListView.as_view(), name="list"),
    path("<id:task_state_id>/", DecideView.as_view(), name="decide"),
]


@hooks.register("register_admin_urls")
def register_moderation_urls():
    return [path("te-beoordelen/", include((urlpatterns, "moderation"), namespace="moderation"))]


class ModerationMenuItem(MenuItem):
    def is_shown(self, request):
        return services.can_review(request.user)


@hooks.register("register_admin_menu_item")
def register_moderation_menu_item():
    return ModerationMenuItem(_("Te beoordelen"), reverse("moderation:list"), name="te-beoordelen", icon_name="tasks", order=150)


class EditorPreferencePanel(BaseSettingsPanel):
    name = "moderation"
    title = _("E-mail over wat wacht op de redactie")
    tab = notifications_tab
    order = 150
    form_class = EditorPreferenceForm

    def is_active(self):
        return services.can_review(self.user)

    def get_form(self):
        instance = EditorPreference.objects.filter(user=self.user).first() or EditorPreference(user=self.user)
        if self.request.method == "POST":
            return self.form_class(self.request.POST, instance=instance, prefix=self.name)
        return self.form_class(instance=instance, prefix=self.name)


@hooks.register("register_account_settings_panel")
def register_editor_preference_panel(request, user, profile):
    return EditorPreferencePanel(request, user, profile)


@hooks.register("construct_page_action_menu")
@hooks.register("construct_snippet_action_menu")
def approve_first(menu_items, request, context):
    """For a reviewer, approving (without a comment) is the editor's main button: one click."""
    for index, item in enumerate(menu_items):
        if getattr(item, "name", None) == "approve" and getattr(item, "launch_modal", True) is False:
            menu_items.insert(0, menu_items.pop(index))
            return
