"""
The drop-in hours' source of the agenda (registered in DropinsConfig.ready()),
three queries whatever the number of series (four with several wijken): `items` gives every occurrence,
for the agenda's pages; `series` gives each series once, as a recurring
event, for calendar feeds; `own_feed` the whole of one series, for its feed.
"""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from agenda.registry import KIND_DROPIN, AgendaItem, MovedOccurrence, PageFeed, Series, register_source
from dropins import recurrence
from dropins.models import DropInException, DropInPage, Organisation, wijken_served
from places.models import Place
from wijkplatform.pages import public_urls

SOURCE = "dropins"


def _series_fields(page, url, wijken):
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
        "source": SOURCE,
        "source_id": page.pk,
        "description": page.intro,
        "place_id": place.pk,
        "place_name": place.name,
        "place_address": place.address,
        "accessible": place.wheelchair_access,
        "free": True,
        "themes": (page.theme,),
        "by_professionals": True,
        "live_group": f"dropin-{page.pk}",
        "wijken": wijken,
    }


def _series(window):
    moved = tuple(MovedOccurrence(move.recurrence_id, move.start, move.end, move.reason) for move in window.moved)
    return Series(window.rrule, tuple(window.exdates), moved)


def series(start, end):
    """
    Each live drop-in series with occurrences in [start, end) as one item with
    its rule for that window as `series`, plus an item of its own for each
    occurrence moved into the window from outside it. A year of 500 weekly
    series is then 500 events in a calendar feed instead of 20,000.
    """
    pages, exceptions = recurrence.load(start, end)
    urls, wijken = public_urls(pages), wijken_served(pages)
    by_page = {}
    for exception in exceptions:
        by_page.setdefault(exception.page_id, []).append(exception)
    result = []
    for page in pages:
        window = recurrence.series_window(recurrence.Rule.of(page), by_page.get(page.pk, ()), start, end)
        if window is None:
            continue
        shared = _series_fields(page, urls[page.pk], wijken[page.pk])
        if window.start is not None:
            result.append(AgendaItem(uid=f"dropin-{page.pk}", start=window.start, end=window.end, series=_series(window), **shared))
        for moved in window.moved_in:
            result.append(AgendaItem(uid=f"dropin-{page.pk}-{moved.date.isoformat()}", start=moved.start, end=moved.end, **shared))
    return result


def own_feed(page):
    """The whole of one series, from its first occurrence on, as one recurring item."""
    window = page.whole_series()
    if window is None:
        return []
    return [AgendaItem(uid=f"dropin-{page.pk}", start=window.start, end=window.end, series=_series(window), **_series_fields(page, page.url, wijken_served([page])[page.pk]))]


def items(start, end):
    """Every occurrence of a live drop-in hour that starts in [start, end), cancelled ones too."""
    pages, exceptions = recurrence.load(start, end)
    urls, wijken = public_urls(pages), wijken_served(pages)
    shared = {page.pk: _series_fields(page, urls[page.pk], wijken[page.pk]) for page in pages}
    return [
        AgendaItem(
            uid=f"dropin-{occurrence.page.pk}-{occurrence.date.isoformat()}",
            start=occurrence.start,
            end=occurrence.end,
            cancelled=occurrence.cancelled,
            cancel_reason=occurrence.reason if occurrence.cancelled else "",
            **shared[occurrence.page.pk],
        )
        for occurrence in recurrence.expand(pages, exceptions, start, end)
    ]


def register():
    # A cancelled or moved occurrence, or a changed place or organisation, shows on open agenda screens at once.
    register_source(
        SOURCE,
        items,
        feed_items=series,
        pages=[DropInPage],
        live_models=[DropInException, Place, Organisation],
        page_feed=PageFeed(
            "inloop",
            "dropin_feed",
            gettext_lazy("Dit spreekuur bestaat niet (meer)."),
            title=lambda page: f"{page.title} ({page.organisation.name})",
            items=own_feed,
        ),
    )
