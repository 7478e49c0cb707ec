"""
Several wijken on one installation. A wijk is a Wagtail Site, found by host name (ruwaard.…, schadewijk.…;
the default site answers every other host, so 127.0.0.1:8000 stays Ruwaard), with its own home page and tree:
the public paths (/agenda/, /verhalen/, …) stay the same in every wijk, so posters and QR codes keep working,
and Wagtail's page permissions and workflows on each wijk's root keep its editors apart (home/services.py).

What belongs to a wijk: a page by where it stands in the tree; a drop-in hour also serves the wijken chosen on
it (posted once by its organisation). An agenda item carries the sites it serves in `wijken`; an item with none
(outside every site, or from a source that does not say) serves every wijk. Organisations and places are
town-wide. These helpers are what views, queries and sources use, so no view works out a wijk of its own.
"""

from wagtail.models import Site

ALL_WIJKEN = "alle"  # the query value (wijken=alle) that shows all of Oss instead of one wijk


def current_site(request):
    """The wijk (Wagtail Site) of the request's host; the default site for an unknown host."""
    return Site.find_for_request(request)


def site_of(url_path, root_paths=None):
    """The pk of the site whose tree holds the page at `url_path`, as a tuple; () outside every site."""
    if root_paths is None:
        root_paths = Site.get_site_root_paths()
    for root in root_paths:
        if url_path.startswith(root.root_path):
            return (root.site_id,)
    return ()


def serves(item, site_id):
    """Whether the agenda item belongs to the wijk `site_id` (None: all of Oss)."""
    return site_id is None or not item.wijken or site_id in item.wijken


def in_wijk(pages, site):
    """The pages of `pages` in `site`'s tree (all of them when `site` is None)."""
    if site is None:
        return pages
    return pages.descendant_of(site.root_page, inclusive=True)


def editor_roots(user):
    """The tree paths below which `user`'s groups may publish: their wijk's home page (the root with one wijk)."""
    from wagtail.models import GroupPagePermission

    return set(
        GroupPagePermission.objects.filter(group__user=user, permission__codename="publish_page").values_list(
            "page__path", flat=True
        )
    )


def in_editors_wijken(pages_path_field, user):
    """A Q for rows whose page (at `pages_path_field`, e.g. "story__path") is in a wijk where `user` publishes."""
    from django.db.models import Q

    if user.is_superuser:
        return Q()
    wanted = Q(pk__in=[])
    for root in editor_roots(user):
        wanted |= Q(**{f"{pages_path_field}__startswith": root})
    return wanted


def section(model, site):
    """The one page of `model` (a section such as StoryIndexPage) in `site`'s tree, or None."""
    pages = model.objects.order_by("path")
    if site is not None:
        pages = pages.descendant_of(site.root_page)
    return pages.first()
