"""
What the admin shows of other people's work: to the resident editors
everything in their own wijk, to everyone else only what is public and
their own.

Professionals use the admin for their own drop-in hours and organisation.
They do not see others' unpublished pages or changes (explorer, search, page
chooser, admin API), the reports and site history (who did what), form
submissions, or images others uploaded. Wagtail's page views of one page
(edit, history, revisions, preview, copy…) already refuse whoever may not
edit that page. Where Wagtail has no hook, wijkplatform/urls.py wraps the
admin's views: `only_pages_seen` here, and the reports for editors only.
"""

from functools import wraps

from django.db.models import Q
from wagtail import hooks
from wagtail.admin.auth import permission_denied
from wagtail.images.api.admin.views import ImagesAdminAPIViewSet
from wagtail.models import Page
from wagtail.permission_policies.pages import PagePermissionPolicy
from wagtail.permissions import register_permission_policy

from wijkplatform.moderation import is_editor
from wijkplatform.wijken import in_editors_wijken


def pages_seen_by(user):
    """
    Pages whose admin title `user` may see: their own, the published ones
    without pending changes, and pages with children (the site's sections),
    so that the tree down to their own pages stays navigable; an editor also
    every page in the wijk(en) where they may publish; a superuser all.
    """
    pages = Page.objects.all()
    if user.is_superuser:
        return pages
    seen = Q(owner=user) | Q(numchild__gt=0) | Q(live=True, has_unpublished_changes=False)
    if is_editor(user):
        seen |= in_editors_wijken("path", user)
    return pages.filter(seen)


class PublicAndOwnPagePermissionPolicy(PagePermissionPolicy):
    """The page explorer, admin page search and admin API list only `pages_seen_by(user)`."""

    def explorable_instances(self, user):
        pages = super().explorable_instances(user)
        if user.is_superuser:
            return pages
        return pages.filter(pk__in=pages_seen_by(user).values("pk"))


# Before any view asks for the policy (Wagtail's advice for custom policies).
register_permission_policy(Page, PublicAndOwnPagePermissionPolicy(Page))

PAGE_ID_ARGUMENTS = ("page_id", "parent_page_id", "page_to_move_id", "destination_id")


def only_pages_seen(view_func):
    """
    Wrap an admin view about given pages (an id in the URL, or the ids of a
    bulk action on pages): refuse pages outside `pages_seen_by(user)`.
    Wagtail checks edit rights itself, but its explorer, page chooser and bulk
    action screens show the title of any page asked for.
    """

    @wraps(view_func)
    def wrapped(request, *args, **kwargs):
        user = request.user
        if user.has_perm("wagtailadmin.access_admin") and not user.is_superuser:
            ids = [kwargs[name] for name in PAGE_ID_ARGUMENTS if name in kwargs]
            if (kwargs.get("app_label"), kwargs.get("model_name")) == ("wagtailcore", "page"):
                ids += request.GET.getlist("id")
            if ids:
                try:
                    wanted = {int(pk) for pk in ids}
                except ValueError:  # "all" pages of a listing, or nonsense
                    if is_editor(user) and _sees_all_children(user, request.GET.get("childOf", "")):
                        return view_func(request, *args, **kwargs)
                    return permission_denied(request)
                if pages_seen_by(user).filter(pk__in=wanted).count() != len(wanted):
                    return permission_denied(request)
        return view_func(request, *args, **kwargs)

    return wrapped


def _sees_all_children(user, parent_id):
    """Whether `user` sees every child of the page `parent_id` (a bulk action on "all" of them lists their titles)."""
    parent = Page.objects.filter(pk=int(parent_id)).first() if parent_id.isdigit() and len(parent_id) < 12 else None
    return parent is not None and not parent.get_children().exclude(pk__in=pages_seen_by(user).values("pk")).exists()


@hooks.register("construct_page_chooser_queryset")
def hide_others_unpublished_pages_in_chooser(pages, request):
    if request.user.is_superuser:
        return pages
    return pages.filter(pk__in=pages_seen_by(request.user).values("pk"))


@hooks.register("construct_reports_menu")
def reports_for_editors_only(request, menu_items):
    if not is_editor(request.user):
        menu_items[:] = []


@hooks.register("filter_form_submissions_for_user")
def form_submissions_for_editors_only(user, editable_forms):
    return editable_forms if is_editor(user) else editable_forms.none()


@hooks.register("construct_image_chooser_queryset")
def own_images_in_chooser(images, request):
    if is_editor(request.user):
        return images
    return images.filter(uploaded_by_user=request.user)


class OwnImagesAdminAPIViewSet(ImagesAdminAPIViewSet):
    def get_queryset(self):
        images = super().get_queryset()
        if is_editor(self.request.user):
            return images
        return images.filter(uploaded_by_user=self.request.user)


@hooks.register("construct_admin_api", order=100)  # after wagtail.images registers its endpoint
def own_images_in_admin_api(router):
    router.register_endpoint("images", OwnImagesAdminAPIViewSet)
