"""
Drop-in hours for the agenda (see agenda/items.py), three queries whatever
the number of series: `items` gives every occurrence, for the agenda's pages;
`series` gives each series once, as a recurring event, for calendar feeds.
"""

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


def _series_fields(page, url):
    """What every AgendaItem of one series shares."""
    place = page.place
    if page.no_appointment:
        how_to_join = _("Loop gewoon binnen, u hoeft geen afspraak te maken.")
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


def series(start, end):
    """
    Each live drop-in series with occurrences in [start, end) as one item
    whose `extra["recurrence"]` holds its rule for that window (see
    recurrence.window_parts), plus an item of its own for each occurrence
    moved into the window from outside it. A year of 500 weekly series is
    then 500 events in a calendar feed instead of 20,000.
    """
    pages, exceptions = recurrence.load(start, end)
    urls = _page_urls(pages)
    by_page = {}
    for exception in exceptions:
        by_page.setdefault(exception.page_id, []).append(exception)
    result = []
    for page in pages:
        parts = recurrence.window_parts(recurrence.Rule.of(page), by_page.get(page.pk, ()), start, end)
        if parts is None:
            continue
        shared = _series_fields(page, urls[page.pk])
        extra = {"languages": page.languages_list, "what_to_bring": page.what_to_bring}
        if parts["dtstart"] is not None:
            result.append(
                AgendaItem(
                    uid=f"dropin-{page.pk}",
                    start=parts["dtstart"],
                    end=parts["dtend"],
                    extra={**extra, "recurrence": parts},
                    **shared,
                )
            )
        for moved in parts["moved_in"]:
            result.append(
                AgendaItem(
                    uid=f"dropin-{page.pk}-{moved['date'].isoformat()}",
                    start=moved["start"],
                    end=moved["end"],
                    extra={**extra, "moved_from": moved["original"]},
                    **shared,
                )
            )
    return result


def series_item(page, url):
    """The whole of one series, from its first occurrence on, as one recurring item (for its own feed)."""
    parts = page.rrule_parts()
    if parts is None:
        return None
    return AgendaItem(uid=f"dropin-{page.pk}", start=parts["dtstart"], end=parts["dtend"], extra={"recurrence": parts}, **_series_fields(page, url))


def items(start, end):
    """Every occurrence of a live drop-in hour that starts in [start, end), cancelled ones too."""
    pages, exceptions = recurrence.load(start, end)
    urls = _page_urls(pages)
    shared = {page.pk: _series_fields(page, urls[page.pk]) for page in pages}
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
