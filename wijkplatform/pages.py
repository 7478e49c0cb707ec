"""
Helpers for pages the site creates and lists: a free slug under a parent, a page's public URL, the
base of the sections' index pages, and a quicker way from a page to its child in a URL.
"""

from django.core.cache import cache
from django.db import models
from django.http import Http404
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page, Site
from wagtail.search import index

from wijkplatform import page_cache
from wijkplatform.languages import TranslatedPageMixin, translations_panel


def unique_slug(parent, title, *, fallback, reserved=(), exclude_pk=None, max_length=60):
    """A slug from `title` that no other child of `parent` has; `reserved` slugs get `-<fallback>` added."""
    base = slugify(title)[:max_length].strip("-") or fallback
    if base in reserved:
        base = f"{base}-{fallback}"
    children = parent.get_children().filter(slug__startswith=base)
    if exclude_pk is not None:
        children = children.exclude(pk=exclude_pk)
    taken = set(children.values_list("slug", flat=True))
    slug, number = base, 2
    while slug in taken:
        slug, number = f"{base}-{number}", number + 1
    return slug


def public_url(url_path, root_paths=None):
    """
    The URL of the page at `url_path`, as `page.url` gives it, from the site roots (pass
    `Site.get_site_root_paths()` once when building many): a path when there is one site, else
    with the site's root URL; "" outside every site.
    """
    if root_paths is None:
        root_paths = Site.get_site_root_paths()
    for root in root_paths:
        if url_path.startswith(root.root_path):
            path = url_path[len(root.root_path) - 1 :]
            return path if len(root_paths) == 1 else root.root_url.rstrip("/") + path
    return ""


def public_urls(pages):
    """Each page's public URL by primary key, from one lookup of the site roots."""
    root_paths = Site.get_site_root_paths()
    return {page.pk: public_url(page.url_path, root_paths) for page in pages}


class CachedChildRouteMixin:
    """
    Routes to a child page without a query: the specific child a slug leads to is kept in the cache, as read from
    the database, until the site's structure changes (page_cache.structure_version(); a sign-up leaves it). Wagtail's
    own route makes two queries a level. For the
    pages every URL passes through: the home page and the sections' index pages.
    """

    def route(self, request, path_components):
        if not path_components or page_cache.seconds() <= 0:
            return super().route(request, path_components)
        key = f"page-cache:child:{page_cache.structure_version()}:{self.pk}:{path_components[0]}"
        subpage = cache.get(key)
        if subpage is None:
            try:
                subpage = self.get_children().get(slug=path_components[0]).specific
            except Page.DoesNotExist as error:
                raise Http404 from error
            cache.set(key, subpage, timeout=page_cache.seconds())
        subpage._cached_parent_obj = self
        return subpage.route(request, path_components[1:])


class SectionPage(CachedChildRouteMixin, TranslatedPageMixin, Page):
    """
    The index page of one section under the home page (/agenda/, /verhalen/, /initiatieven/, /inloop/,
    /wie-doet-wat/): one of its kind in each wijk, in the main menu, with an introduction that editors may also write in
    the other languages (see wijkplatform.languages).
    """

    intro = models.TextField(_("introductie"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro"), translations_panel()]
    search_fields = Page.search_fields + [index.SearchField("intro")]

    show_in_menus_default = True
    parent_page_types = ["home.HomePage"]
    max_count_per_parent = 1  # one per wijk

    class Meta:
        abstract = True
