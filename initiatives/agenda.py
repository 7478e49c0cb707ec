"""
The initiatives' source of the agenda (registered in InitiativesConfig.ready()):
activities open to everyone and shifts that still need people.

A year of the whole agenda can hold tens of thousands of shifts, so rows are
read as plain values and what a shift shares with its initiative (link,
organiser, themes, place) is worked out once per initiative: five queries,
whatever the number of items.
"""

from django.db.models import F
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.models import Site

from agenda.registry import KIND_INITIATIVE, KIND_SHIFT, AgendaItem, PageFeed, register_source
from initiatives.models import Activity, InitiativePage, InitiativeTheme, Shift, Signup
from places.models import Place
from wijkplatform.pages import public_url
from wijkplatform.wijken import site_of

SOURCE = "initiatives"

ROW_FIELDS = ("pk", "initiative_id", "start", "end", "place_id", "place_note")
ACTIVITY_FIELDS = (*ROW_FIELDS, "title", "description")
SHIFT_FIELDS = (*ROW_FIELDS, "task", "note", "capacity", "confirmed_count")
INITIATIVE_FIELDS = ("pk", "title", "url_path", "aim", "organiser_name", "place_id", "place_note")


def _joined(*parts):
    return ", ".join(part for part in parts if part)


class _Initiatives:
    """The initiatives and places the rows refer to, each looked up once."""

    def __init__(self, initiative_ids):
        # All live initiatives are few; selecting the referred ones by subquery would run the rows' query again.
        self.pages = {
            row["pk"]: row for row in InitiativePage.objects.filter(live=True).values(*INITIATIVE_FIELDS) if row["pk"] in initiative_ids
        }
        self.places = {row["pk"]: row for row in Place.objects.values("pk", "name", "address", "wheelchair_access")}
        self.placed = {}  # (place, note, initiative) -> place_fields: many rows share them
        themes = {}
        for initiative_id, theme in InitiativeTheme.objects.filter(initiative__in=self.pages).values_list("initiative", "theme"):
            themes.setdefault(initiative_id, []).append(theme)
        root_paths = Site.get_site_root_paths()
        for page in self.pages.values():
            page["url"] = public_url(page["url_path"], root_paths)
            page["wijken"] = site_of(page["url_path"], root_paths)
            page["themes"] = tuple(themes.get(page["pk"], ()))
            place = self.places.get(page["place_id"])
            page["place_text"] = _joined(place["name"] if place else "", page["place_note"])

    def place_fields(self, row, initiative):
        """Where a row happens: its own place (and note), else the initiative's (as Placed.place_text)."""
        key = (row["place_id"], row["place_note"], initiative["pk"])
        fields = self.placed.get(key)
        if fields is None:
            own = self.places.get(row["place_id"])
            place = own or self.places.get(initiative["place_id"])
            fields = self.placed[key] = {
                "place_id": place["pk"] if place else None,
                "place_name": _joined(own["name"] if own else "", row["place_note"]) or initiative["place_text"],
                "place_address": place["address"] if place else "",
                "accessible": bool(place and place["wheelchair_access"]),
            }
        return fields


def items(start, end):
    """AgendaItems that start in [start, end). Five queries, whatever the number of items."""
    activities = Activity.objects.shown().filter(start__gte=start, start__lt=end, initiative__live=True)
    shifts = Shift.objects.shown().filter(
        start__gte=start,
        start__lt=end,
        initiative__live=True,
        cancelled=False,
        closed=False,
        confirmed_count__lt=F("capacity"),
    )
    activity_rows = list(activities.values(*ACTIVITY_FIELDS))
    shift_rows = list(shifts.values(*SHIFT_FIELDS))
    if not activity_rows and not shift_rows:
        return []
    known = _Initiatives({row["initiative_id"] for row in activity_rows} | {row["initiative_id"] for row in shift_rows})
    result = []
    welcome = _("Iedereen is welkom. U hoeft zich niet aan te melden.")
    for row in activity_rows:
        initiative = known.pages[row["initiative_id"]]
        result.append(
            AgendaItem(
                uid=f"initiative-activity-{row['pk']}",
                kind=KIND_INITIATIVE,
                title=row["title"],
                start=row["start"],
                end=row["end"],
                url=initiative["url"],
                organiser=initiative["organiser_name"],
                how_to_join=welcome,
                source=SOURCE,
                source_id=initiative["pk"],
                description=row["description"] or initiative["aim"],
                themes=initiative["themes"],
                wijken=initiative["wijken"],
                **known.place_fields(row, initiative),
            )
        )
    help_wanted = _("Hulp gezocht")
    sign_up = _("Meld u aan op de pagina van het initiatief. Alleen uw naam en e-mailadres zijn nodig.")
    for row in shift_rows:
        initiative = known.pages[row["initiative_id"]]
        pk = row["pk"]
        result.append(
            AgendaItem(
                uid=f"initiative-shift-{pk}",
                kind=KIND_SHIFT,
                title=f"{help_wanted}: {row['task']} ({initiative['title']})",
                start=row["start"],
                end=row["end"],
                url=f"{initiative['url']}#shift{pk}-title",
                organiser=initiative["organiser_name"],
                how_to_join=sign_up,
                source=SOURCE,
                source_id=initiative["pk"],
                description=row["note"],
                themes=initiative["themes"],
                wijken=initiative["wijken"],
                seats_left=max(row["capacity"] - row["confirmed_count"], 0),
                live_group=Shift.group_for(pk),
                **known.place_fields(row, initiative),
            )
        )
    return result


def register():
    # A sign-up changes a shift's free places with update(); the Signup it saves tells the agenda.
    register_source(
        SOURCE,
        items,
        pages=[InitiativePage],
        models=[Activity, Shift, Signup],
        page_feed=PageFeed("initiatief", "initiative_feed", gettext_lazy("Dit initiatief bestaat niet (meer).")),
    )
