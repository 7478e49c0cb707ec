""""Te beoordelen": every page and snippet that waits for the editors, each decided in one click."""

from django.contrib.admin.utils import quote
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import NoReverseMatch, reverse
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin import messages
from wagtail.admin.admin_url_finder import AdminURLFinder
from wagtail.admin.utils import get_latest_str, get_user_display_name
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.models import Page

from moderation import services
from moderation.forms import DecisionForm


def url_names(obj):
    if isinstance(obj, Page):
        return "wagtailadmin_pages:workflow_preview", "wagtailadmin_pages:revisions_compare"
    viewset = obj.snippet_viewset
    return viewset.get_url_name("workflow_preview"), viewset.get_url_name("revisions_compare")


def row(task_state, user, form=None):
    workflow_state = task_state.workflow_state
    obj = workflow_state.content_object
    if isinstance(obj, Page):
        obj = obj.specific_deferred
    preview_name, compare_name = url_names(obj)
    pk = quote(obj.pk)
    latest_revision_id = getattr(obj, "latest_revision_id", None) or task_state.revision_id
    preview_url = compare_url = None
    try:
        if getattr(obj, "is_previewable", False):
            preview_url = reverse(preview_name, args=[pk, task_state.task_id])
        if obj.live_revision_id and obj.live_revision_id != latest_revision_id:
            compare_url = reverse(compare_name, args=[pk, "live", latest_revision_id])
    except NoReverseMatch:
        pass
    return {
        "task_state": task_state,
        "title": get_latest_str(obj),
        "kind": capfirst(obj._meta.verbose_name),
        "is_change": bool(obj.live),
        "writer": get_user_display_name(workflow_state.requested_by),
        "waiting_since": task_state.started_at,
        "edit_url": AdminURLFinder(user).get_edit_url(obj),
        "preview_url": preview_url,
        "compare_url": compare_url,
        "form": form or DecisionForm(auto_id=f"id_%s_{task_state.pk}"),
        "action_url": reverse("moderation:decide", args=[task_state.pk]),
    }


class ModerationListView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "moderation/list.html"
    page_title = gettext_lazy("Te beoordelen")
    header_icon = "tasks"

    def dispatch(self, request, *args, **kwargs):
        if not services.can_review(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return super().get_breadcrumbs_items() + [{"url": "", "label": self.get_page_title()}]

    def get_context_data(self, invalid=None, **kwargs):
        invalid_id, invalid_form = invalid or (None, None)
        rows = [
            row(task_state, self.request.user, invalid_form if task_state.pk == invalid_id else None)
            for task_state in services.waiting_for(self.request.user)
        ]
        return super().get_context_data(
            rows=rows,
            account_url=reverse("wagtailadmin_account") + "#tab-notifications",
            **kwargs,
        )


class DecideView(ModerationListView):
    """POST only: approve or send back one item, then back to the list."""

    http_method_names = ["post"]

    MESSAGES = {
        "approved": (messages.success, gettext_lazy("Goedgekeurd. “%(title)s” staat nu op de site.")),
        "sent_back": (messages.success, gettext_lazy("Teruggestuurd. De schrijver van “%(title)s” krijgt uw opmerking.")),
        "newer_version": (
            messages.warning,
            gettext_lazy("Er is intussen een nieuwe versie van “%(title)s”. Bekijk die en beslis opnieuw."),
        ),
        "not_waiting": (
            messages.warning,
            gettext_lazy("“%(title)s” wacht niet meer. Misschien heeft een andere redacteur al besloten."),
        ),
    }

    def post(self, request, task_state_id):
        form = DecisionForm(request.POST, auto_id=f"id_%s_{task_state_id}")
        if not form.is_valid():
            messages.error(request, _("Dit kon niet. Kijk bij de bijdrage wat er mis is."))
            context = self.get_context_data(invalid=(task_state_id, form))
            return self.render_to_response(context, status=400)
        outcome = services.decide(task_state_id, request.user, form.cleaned_data["action"], form.cleaned_data["comment"].strip())
        show, message = self.MESSAGES[outcome.code]
        show(request, message % {"title": outcome.title or _("Deze bijdrage")})
        return redirect("moderation:list")
