"""The agenda's own source: the one-off activities residents add (ActivityPage)."""

from django.utils.translation import gettext as _
from wagtail.models import Site

from agenda.models import LOCAL_TZ, ActivityPage
from agenda.registry import KIND_RESIDENT, AgendaItem, register_source
from wijkplatform.pages import public_url
from wijkplatform.wijken import site_of

SOURCE = "agenda"


def activity_items(start, end):
    """Live, public activities that start in [start, end); two queries whatever their number."""
    first_day = start.astimezone(LOCAL_TZ).date()
    last_day = end.astimezone(LOCAL_TZ).date()
    pages = (
        ActivityPage.objects.live()
        .public()
        .filter(date__gte=first_day, date__lte=last_day)
        .select_related("place")
        .order_by("date", "start_time", "pk")
    )
    root_paths = Site.get_site_root_paths()
    return [activity_item(page, root_paths) for page in pages if start <= page.start < end]


def activity_item(page, root_paths=None):
    if root_paths is None:
        root_paths = Site.get_site_root_paths()
    place = page.place
    return AgendaItem(
        uid=f"activiteit-{page.pk}",
        kind=KIND_RESIDENT,
        title=page.title,
        start=page.start,
        end=page.end,
        url=public_url(page.url_path, root_paths),
        organiser=page.organiser,
        how_to_join=page.how_to_join or _("Kom gewoon langs."),
        source=SOURCE,
        source_id=page.pk,
        description=page.description,
        costs=page.costs,
        place_id=page.place_id,
        place_name=place.name if place else page.place_text,
        place_address=place.address if place else "",
        accessible=page.is_accessible,
        free=page.free,
        themes=(page.theme,) if page.theme else (),
        by_professionals=page.by_professionals,
        wijken=site_of(page.url_path, root_paths),
    )


def register():
    register_source(SOURCE, activity_items, pages=[ActivityPage])
