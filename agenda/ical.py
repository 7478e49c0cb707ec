"""
iCalendar feeds of the agenda, built with the `icalendar` package.

Times are written in Europe/Amsterdam with its VTIMEZONE, so calendar apps
keep wall-clock times right across daylight-saving changes. Every event's UID
is the agenda item's uid with the site's domain, stable across requests.
"""

from datetime import date, timedelta
from functools import lru_cache

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar, Event, Timezone

from agenda.models import LOCAL_TZ
from wijkplatform.themes import Theme

UID_DOMAIN = "wijkderuwaard.nl"
PRODID = "-//Wij(k) de Ruwaard//Agenda//NL"
CONTENT_TYPE = "text/calendar; charset=utf-8"


@lru_cache(maxsize=4)
def vtimezone(first_year, last_year):
    """The VTIMEZONE of Europe/Amsterdam for these years (slow to build, so kept)."""
    return Timezone.from_tzid(settings.TIME_ZONE, first_date=date(first_year, 1, 1), last_date=date(last_year + 1, 1, 1))


def new_calendar(name, description=""):
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    if description:
        calendar.add("x-wr-caldesc", description)
    calendar.add("refresh-interval", timedelta(hours=1), parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", "PT1H")
    return calendar


def finish(calendar, first_year, last_year):
    """Add the time zone every event refers to and serialise."""
    calendar.subcomponents.insert(0, vtimezone(first_year, last_year))
    return calendar.to_ical()


def local(moment):
    return moment.astimezone(LOCAL_TZ)


def item_description(item, absolute_url):
    lines = []
    if item.cancelled:
        reason = f": {item.cancel_reason}" if item.cancel_reason else ""
        lines.append(_("Dit gaat niet door") + reason)
    if item.description:
        lines.append(item.description)
    if item.organiser:
        lines.append(_("Wie organiseert het: %(organiser)s") % {"organiser": item.organiser})
    if item.how_to_join:
        lines.append(_("Meedoen: %(how)s") % {"how": item.how_to_join})
    if not item.free:
        lines.append(_("Hier moet u voor betalen."))
    lines.append(absolute_url)
    return "\n\n".join(lines)


def location(item):
    return ", ".join(part for part in (item.place_name, item.place_address) if part)


def theme_labels(themes):
    labels = dict(Theme.choices)
    return [str(labels.get(theme, theme)) for theme in themes]


def item_event(item, absolute_url, stamp):
    event = Event()
    event.add("uid", f"{item.uid}@{UID_DOMAIN}")
    event.add("dtstamp", stamp)
    event.add("dtstart", local(item.start))
    event.add("dtend", local(item.end or item.start + timedelta(hours=1)))
    summary = item.title
    if item.cancelled:
        summary = _("Vervalt: %(title)s") % {"title": item.title}
    event.add("summary", summary)
    event.add("status", "CANCELLED" if item.cancelled else "CONFIRMED")
    event.add("transp", "TRANSPARENT")
    where = location(item)
    if where:
        event.add("location", where)
    event.add("description", item_description(item, absolute_url))
    event.add("url", absolute_url)
    if item.themes:
        event.add("categories", theme_labels(item.themes))
    return event


def items_calendar(items, name, absolute_url, description=""):
    """A calendar with one event per agenda item; `absolute_url(path)` makes links absolute."""
    calendar = new_calendar(name, description)
    stamp = timezone.now().replace(microsecond=0)
    years = [timezone.localdate(timezone=LOCAL_TZ).year]
    for item in items:
        calendar.add_component(item_event(item, absolute_url(item.url), stamp))
    if items:
        years += [items[0].start.year, items[-1].start.year]
    return finish(calendar, min(years) - 1, max(years) + 1)


def series_calendar(parts, *, uid, title, url, description="", where=""):
    """
    A calendar for one recurring series: one event with RRULE and EXDATE for
    the cancelled occurrences, and an override (RECURRENCE-ID) for each moved
    one. `parts` is what DropInPage.rrule_parts() gives.
    """
    calendar = new_calendar(title)
    stamp = timezone.now().replace(microsecond=0)
    uid = f"{uid}@{UID_DOMAIN}"
    text = "\n\n".join(part for part in (description, url) if part)

    def event(start, end, summary=title, note=""):
        vevent = Event()
        vevent.add("uid", uid)
        vevent.add("dtstamp", stamp)
        vevent.add("dtstart", local(start))
        vevent.add("dtend", local(end))
        vevent.add("summary", summary)
        if where:
            vevent.add("location", where)
        vevent.add("description", "\n\n".join(part for part in (note, text) if part))
        vevent.add("url", url)
        return vevent

    years = [timezone.localdate(timezone=LOCAL_TZ).year]
    if parts is not None:
        master = event(parts["dtstart"], parts["dtend"])
        if parts["rrule"]:
            master.add("rrule", parts["rrule"])
        if parts["exdates"]:
            master.add("exdate", [local(moment) for moment in parts["exdates"]])
        calendar.add_component(master)
        for moved in parts["moved"]:
            override = event(moved["start"], moved["end"], note=moved["reason"])
            override.add("recurrence-id", local(moved["recurrence_id"]))
            calendar.add_component(override)
        years.append(parts["dtstart"].year)
    return finish(calendar, min(years) - 1, max(years) + 2)
