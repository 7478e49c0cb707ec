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


def items(start, end):
    """Every occurrence of a live drop-in hour that starts in [start, end), cancelled ones too."""
    pages, exceptions = recurrence.load(start, end)
    urls = _page_urls(pages)
    result = []
    for occurrence in recurrence.expand(pages, exceptions, start, end):
        page, place = occurrence.page, occurrence.page.place
        if page.no_appointment:
            how_to_join = _("Loop gewoon binnen, u hoeft geen afspraak te maken.")
        else:
            how_to_join = _("Maak eerst een afspraak met %(organisation)s.") % {"organisation": page.organisation.name}
        extra = {"languages": page.languages_list, "what_to_bring": page.what_to_bring}
        if occurrence.moved_from:
            extra["moved_from"] = occurrence.moved_from
        result.append(
            AgendaItem(
                uid=occurrence.uid,
                kind=KIND_DROPIN,
                title=page.title,
                start=occurrence.start,
                end=occurrence.end,
                url=urls[page.pk],
                organiser=page.organisation.name,
                how_to_join=how_to_join,
                description=page.intro,
                place_id=place.pk,
                place_name=place.name,
                place_address=place.address,
                accessible=place.wheelchair_access,
                free=True,
                themes=(page.theme,),
                by_professionals=True,
                cancelled=occurrence.cancelled,
                cancel_reason=occurrence.reason if occurrence.cancelled else "",
                live_group=f"dropin-{page.pk}",
                extra=extra,
            )
        )
    return result
