"""The initiatives' part of the agenda: activities open to everyone and shifts that still need people."""

from django.db.models import F
from django.utils.translation import gettext as _
from wagtail.models import Site

from agenda.items import KIND_INITIATIVE, KIND_SHIFT, AgendaItem
from initiatives.models import Activity, Shift


def _url_for(initiative, root_paths):
    """The page's URL from its url_path, without a query per page (site root paths are cached)."""
    for root in root_paths:
        if initiative.url_path.startswith(root.root_path):
            return "/" + initiative.url_path[len(root.root_path):]
    return initiative.url_path


def _place(obj):
    place = obj.place if obj.place_id else obj.initiative.place
    return {
        "place_id": place.pk if place else None,
        "place_name": obj.place_text,
        "place_address": place.address if place else "",
        "accessible": bool(place and place.wheelchair_access),
    }


def items(start, end):
    """AgendaItems that start in [start, end). Two queries, whatever the number of items."""
    root_paths = Site.get_site_root_paths()
    related = ("initiative", "place", "initiative__place")
    result = []
    activities = Activity.objects.filter(start__gte=start, start__lt=end, initiative__live=True).select_related(*related)
    for activity in activities:
        initiative = activity.initiative
        result.append(
            AgendaItem(
                uid=f"initiative-activity-{activity.pk}",
                kind=KIND_INITIATIVE,
                title=activity.title,
                start=activity.start,
                end=activity.end,
                url=_url_for(initiative, root_paths),
                organiser=initiative.organiser_name,
                how_to_join=_("Iedereen is welkom. U hoeft zich niet aan te melden."),
                description=activity.description or initiative.aim,
                themes=tuple(initiative.themes),
                **_place(activity),
            )
        )
    shifts = Shift.objects.filter(
        start__gte=start,
        start__lt=end,
        initiative__live=True,
        cancelled=False,
        closed=False,
        confirmed_count__lt=F("capacity"),
    ).select_related(*related)
    for shift in shifts:
        initiative = shift.initiative
        url = _url_for(initiative, root_paths)
        result.append(
            AgendaItem(
                uid=f"initiative-shift-{shift.pk}",
                kind=KIND_SHIFT,
                title=f"{_('Hulp gezocht')}: {shift.task} ({initiative.title})",
                start=shift.start,
                end=shift.end,
                url=f"{url}#shift{shift.pk}-title",
                organiser=initiative.organiser_name,
                how_to_join=_("Meld u aan op de pagina van het initiatief. Alleen uw naam en e-mailadres zijn nodig."),
                description=shift.note,
                themes=tuple(initiative.themes),
                seats_left=shift.seats_left,
                live_group=shift.live_group,
                extra={"capacity": shift.capacity, "initiative": initiative.title},
                **_place(shift),
            )
        )
    return result
