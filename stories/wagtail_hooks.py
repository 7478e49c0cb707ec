"""
Admin for the resident editors: the list of reports ("Meld dit") and the one-action unpublish; and who may
change an image once it is uploaded (only editors: story photos, initiative photos and logos are on live pages).
"""

from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail import hooks
from wagtail.admin.ui.tables import BooleanColumn, Column, DateColumn, TitleColumn
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.models import EditView, IndexView, InspectView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.images import get_image_model
from wagtail.permission_policies.collections import CollectionPermissionPolicy
from wagtail.permissions import register_permission_policy

from stories.models import StoryReport
from stories.services import unpublish_reported_story
from wijkplatform.wijken import in_editors_wijken

# Wagtail lets whoever uploaded an image change or delete it later; residents and professionals upload
# photos that end up on live pages, so changing one would change a public page without the editors.
# Without ownership rights they still upload and choose; changing and deleting needs "change" (the editors).
# exact_class: wagtail.images registers its own policy after this module is imported.
register_permission_policy(
    get_image_model(), CollectionPermissionPolicy(get_image_model(), auth_model="wagtailimages.Image"), exact_class=True
)


class UnpublishColumn(Column):
    cell_template_name = "stories/admin/unpublish_cell.html"

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        context["unpublish_url"] = reverse("stories_reports:unpublish", args=[instance.pk])
        context["story"] = instance.story
        return context


class UnpublishStoryView(WagtailAdminTemplateMixin, TemplateView):
    """Confirm, then take the reported story offline and close its reports."""

    template_name = "stories/admin/confirm_unpublish.html"
    page_title = _("Verhaal offline halen")
    header_icon = "warning"

    def dispatch(self, request, pk):
        self.report = get_object_or_404(StoryReport.objects.select_related("story"), pk=pk)
        if not self.report.story.permissions_for_user(request.user).can_unpublish():
            raise PermissionDenied
        return super().dispatch(request, pk)

    def get_context_data(self, **kwargs):
        return super().get_context_data(report=self.report, story=self.report.story, **kwargs)

    def post(self, request, pk):
        closed = unpublish_reported_story(self.report.story, request.user)
        messages.success(
            request,
            _("“%(title)s” staat niet meer op de site. %(count)s melding(en) afgehandeld.")
            % {"title": self.report.story.title, "count": closed},
        )
        return redirect("stories_reports:index")


def reports_for(user):
    """The reports about stories in the wijk(en) where `user` is an editor (every report for a superuser)."""
    return StoryReport.objects.filter(in_editors_wijken("story__path", user)).select_related("story")


class ReportIndexView(IndexView):
    def get_base_queryset(self):
        return reports_for(self.request.user)


class ReportEditView(EditView):
    def get_queryset(self):
        return reports_for(self.request.user)


class ReportInspectView(InspectView):
    def get_object(self, queryset=None):
        return get_object_or_404(reports_for(self.request.user), pk=unquote(str(self.pk)))


class StoryReportViewSet(ModelViewSet):
    """Each wijk's editors handle the reports about their own wijk's stories."""

    model = StoryReport
    index_view_class = ReportIndexView
    edit_view_class = ReportEditView
    inspect_view_class = ReportInspectView
    name = "stories_reports"
    url_prefix = "meldingen"
    menu_label = _("Meldingen")
    icon = "warning"
    add_to_admin_menu = True
    menu_order = 250
    copy_view_enabled = False
    inspect_view_enabled = True
    form_fields = ["handled", "editor_note"]
    list_filter = ["handled", "reason"]
    list_display = [
        TitleColumn("story", label=_("Verhaal"), url_name="stories_reports:edit", accessor="story"),
        Column("reason", label=_("Reden"), accessor="get_reason_display"),
        Column("explanation", label=_("Toelichting")),
        DateColumn("created_at", label=_("Gemeld op")),
        BooleanColumn("handled", label=_("Afgehandeld")),
        UnpublishColumn("unpublish", label=_("Actie")),
    ]
    ordering = ["handled", "-created_at"]

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [
            path("<id:pk>/offline/", UnpublishStoryView.as_view(), name="unpublish"),
        ]


@hooks.register("register_admin_viewset")
def register_report_viewset():
    return StoryReportViewSet()
