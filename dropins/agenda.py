"""Drop-in occurrences as agenda items (see agenda/items.py): three queries, whatever the number of series."""

from django.utils.translation import gettext as _
from wagtail.models import Site

from agenda.items import KIND_DROPIN, AgendaItem
from dropins import recurrence


def _page_urls(pages):
    """Each page's URL from one lookup of the site roots, instead of one per page."""
    roots = Site.get_site_root_paths()
    urls = {}
    for page in pages:
        for root in roots:
            if page.url_path.startswith(root.root_path):
                path = "/" + page.url_path[len(root.root_path) :]
                urls[page.pk] = path if len(roots) == 1 else root.root_url.rstrip("/") + path
                break
        else:
            urls[page.pk] = ""
    return urls


def _series_fields(page, url, join_freely):
    """What every AgendaItem of one series shares."""
    place = page.place
    if page.no_appointment:
        how_to_join = join_freely
    else:
        how_to_join = _("Maak eerst een afspraak met %(organisation)s.") % {"organisation": page.organisation.name}
    return {
        "kind": KIND_DROPIN,
        "title": page.title,
        "url": url,
        "organiser": page.organisation.name,
        "how_to_join": how_to_join,
        "description": page.intro,
        "place_id": place.pk,
        "place_name": place.name,
        "place_address": place.address,
        "accessible": place.wheelchair_access,
        "free": True,
        "themes": (page.theme,),
        "by_professionals": True,
        "live_group": f"dropin-{page.pk}",
    }


def items(start, end):
    """Every occurrence of a live drop-in hour that starts in [start, end), cancelled ones too."""
    pages, exceptions = recurrence.load(start, end)
    urls = _page_urls(pages)
    join_freely = _("Loop gewoon binnen, u hoeft geen afspraak te maken.")
    shared = {page.pk: _series_fields(page, urls[page.pk], join_freely) for page in pages}
    extras = {page.pk: {"languages": page.languages_list, "what_to_bring": page.what_to_bring} for page in pages}
    result = []
    for occurrence in recurrence.expand(pages, exceptions, start, end):
        pk = occurrence.page.pk
        extra = extras[pk]
        if occurrence.moved_from:
            extra = {**extra, "moved_from": occurrence.moved_from}
        result.append(
            AgendaItem(
                uid=f"dropin-{pk}-{occurrence.date.isoformat()}",
                start=occurrence.start,
                end=occurrence.end,
                cancelled=occurrence.cancelled,
                cancel_reason=occurrence.reason if occurrence.cancelled else "",
                extra=extra,
                **shared[pk],
            )
        )
    return result
