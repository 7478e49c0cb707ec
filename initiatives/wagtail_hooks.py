"""
Admin for the resident editors: "Recent gewijzigd door organisatoren", what organisers changed at once in
the shifts and activities of their initiatives, newest first, with one-click hide and show; and how hiding
reads in an initiative's history. Only for users with the review permission (the Bewonersredactie).
"""

import django_filters
from django.contrib import messages
from django.contrib.auth.models import Permission
from django.core.exceptions import PermissionDenied
from django.middleware.csrf import get_token
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django.views import View
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column, DateColumn, UserColumn
from wagtail.admin.views.generic import IndexView
from wagtail.admin.viewsets.base import ViewSet
from wagtail.log_actions import LogFormatter

from initiatives import services
from initiatives.models import Activity, InitiativePage, OrganiserChange, Shift
from wijkplatform.wijken import in_editors_wijken

REVIEW_PERMISSION = "initiatives.review_organiserchange"


def may_review(user):
    return user.is_active and user.has_perm(REVIEW_PERMISSION)


class ReviewerRequiredMixin:
    def dispatch(self, request, *args, **kwargs):
        if not may_review(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class OrganiserChangeFilterSet(WagtailFilterSet):
    initiative = django_filters.ModelChoiceFilter(
        label=_("Initiatief"),
        queryset=InitiativePage.objects.filter(organiser_changes__isnull=False).distinct().order_by("title"),
    )
    kind = django_filters.ChoiceFilter(label=_("Soort wijziging"), choices=OrganiserChange.Kind.choices)

    class Meta:
        model = OrganiserChange
        fields = ["initiative", "kind"]


class TemplateColumn(Column):
    """A column whose cell is a template of ours; the template gets the change as `change`."""

    def __init__(self, name, template_name, **kwargs):
        super().__init__(name, **kwargs)
        self.cell_template_name = template_name

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        context["change"] = instance
        return context


class HideColumn(TemplateColumn):
    """Whether the shift or activity is on the site, with the one-click "Verbergen" or "Weer tonen"."""

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        request = parent_context["request"]
        item = instance.item
        kind = "shift" if instance.shift_id else "activity"
        if item is not None:
            action = "show" if item.hidden_by_editors else "hide"
            context["action_url"] = reverse(f"organiser_changes:{action}_{kind}", args=[item.pk])
        # Back to the list as it was shown (also when the filters fetched only the results).
        query = request.GET.copy()
        query.pop("_w_filter_fragment", None)
        next_url = reverse("organiser_changes:index") + (f"?{query.urlencode()}" if query else "")
        context.update(item=item, csrf_token=get_token(request), next_url=next_url)
        return context


class OrganiserChangeIndexView(ReviewerRequiredMixin, IndexView):
    model = OrganiserChange
    page_title = _("Recent gewijzigd door organisatoren")
    header_icon = "history"
    index_url_name = "organiser_changes:index"
    index_results_url_name = "organiser_changes:index_results"
    filterset_class = OrganiserChangeFilterSet
    default_ordering = "-created_at"
    paginate_by = 50
    is_searchable = True
    search_fields = ["subject", "summary"]
    # Access is the review permission (dispatch); there is nothing to add, edit or delete here.
    permission_policy = None
    any_permission_required = None
    columns = [
        DateColumn("created_at", label=_("Wanneer"), sort_key="created_at"),
        TemplateColumn("initiative", "initiatives/admin/initiative_cell.html", label=_("Initiatief")),
        UserColumn("user", label=_("Door"), blank_display_name=_("(account bestaat niet meer)")),
        TemplateColumn("subject", "initiatives/admin/subject_cell.html", label=_("Wat")),
        HideColumn("visibility", "initiatives/admin/hide_cell.html", label=_("Op de site")),
    ]

    def get_base_queryset(self):
        # Each wijk's editors see the changes in their own wijk's initiatives.
        changes = OrganiserChange.objects.filter(in_editors_wijken("initiative__path", self.request.user))
        return changes.select_related("initiative", "user", "shift", "activity")

    def order_queryset(self, queryset):
        # Changes made in the same instant keep the order they were made in.
        return queryset.order_by(self.ordering, "-pk" if self.ordering.startswith("-") else "pk")


class SetHiddenView(ReviewerRequiredMixin, View):
    """POST: hide a shift or activity from everything public, or show it again."""

    model = None
    hidden = True
    http_method_names = ["post"]

    def post(self, request, pk):
        items = self.model.objects.filter(in_editors_wijken("initiative__path", request.user))
        item = get_object_or_404(items.select_related("initiative"), pk=pk)
        changed = services.set_hidden(item, self.hidden, request.user)
        label = item.task if isinstance(item, Shift) else item.title
        if not changed and self.hidden:
            messages.info(request, _("“%(item)s” was al verborgen.") % {"item": label})
        elif not changed:
            messages.info(request, _("“%(item)s” stond al op de site.") % {"item": label})
        elif self.hidden:
            messages.success(request, _("“%(item)s” staat niet meer op de site.") % {"item": label})
        else:
            messages.success(request, _("“%(item)s” staat weer op de site.") % {"item": label})
        target = request.POST.get("next", "")
        if url_has_allowed_host_and_scheme(target, {request.get_host()}, require_https=request.is_secure()):
            return redirect(target)
        return redirect("organiser_changes:index")


class ReviewMenuItem(MenuItem):
    def is_shown(self, request):
        return may_review(request.user)


class OrganiserChangeViewSet(ViewSet):
    name = "organiser_changes"
    url_prefix = "organisatoren"
    icon = "history"
    menu_label = _("Recent gewijzigd door organisatoren")
    add_to_admin_menu = True
    menu_order = 260

    @cached_property
    def menu_item_class(self):
        return ReviewMenuItem

    def get_urlpatterns(self):
        return [
            path("", OrganiserChangeIndexView.as_view(), name="index"),
            path("results/", OrganiserChangeIndexView.as_view(results_only=True), name="index_results"),
            path("shift/<id:pk>/hide/", SetHiddenView.as_view(model=Shift, hidden=True), name="hide_shift"),
            path("shift/<id:pk>/show/", SetHiddenView.as_view(model=Shift, hidden=False), name="show_shift"),
            path("activity/<id:pk>/hide/", SetHiddenView.as_view(model=Activity, hidden=True), name="hide_activity"),
            path("activity/<id:pk>/show/", SetHiddenView.as_view(model=Activity, hidden=False), name="show_activity"),
        ]


@hooks.register("register_admin_viewset")
def register_organiser_change_viewset():
    return OrganiserChangeViewSet()


@hooks.register("register_permissions")
def register_review_permission():
    """So a superuser can give the permission to a group under Settings → Groups."""
    app_label, codename = REVIEW_PERMISSION.split(".")
    return Permission.objects.filter(content_type__app_label=app_label, codename=codename)


@hooks.register("register_log_actions")
def register_hide_log_actions(registry):
    @registry.register_action(services.ACTION_HIDE)
    class HideFormatter(LogFormatter):
        label = _("Verborgen door de redactie")

        def format_message(self, log_entry):
            return _("Verborgen door de redactie: %(subject)s") % {"subject": log_entry.data.get("subject", "")}

    @registry.register_action(services.ACTION_SHOW)
    class ShowFormatter(LogFormatter):
        label = _("Weer getoond door de redactie")

        def format_message(self, log_entry):
            return _("Weer getoond door de redactie: %(subject)s") % {"subject": log_entry.data.get("subject", "")}
