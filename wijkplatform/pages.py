"""
Helpers for pages the site creates and lists: a free slug under a parent, a page's public URL, and the
base of the sections' index pages.
"""

from django.db import models
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page, Site
from wagtail.search import index

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


class SectionPage(TranslatedPageMixin, Page):
    """
    The index page of one section under the home page (/agenda/, /verhalen/, /initiatieven/, /inloop/,
    /wie-doet-wat/): one of its kind, in the main menu, with an introduction that editors may also write in
    the other languages (see wijkplatform.languages).
    """

    intro = models.TextField(_("introductie"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro"), translations_panel()]
    search_fields = Page.search_fields + [index.SearchField("intro")]

    show_in_menus_default = True
    parent_page_types = ["home.HomePage"]
    max_count = 1

    class Meta:
        abstract = True
