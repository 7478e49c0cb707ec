"""
iCalendar feeds of the agenda.

The calendar around the events, with its properties and the VTIMEZONE of
Europe/Amsterdam, is built with the `icalendar` package. The events are
written straight to content lines by `EventWriter`: a year of the whole
agenda holds tens of thousands of them, and an `icalendar` component per
event made such a feed take many seconds to build (README, performance). The
lines follow RFC 5545 as `icalendar` writes them: TEXT values escaped, lines
folded at 75 octets, times in Europe/Amsterdam with TZID (so calendar apps
keep wall-clock times right across daylight-saving changes) and UNTIL in
UTC. The tests read every feed back with `icalendar`'s parser.

Every event's UID is the agenda item's uid with the site's domain, stable
across requests. A drop-in series is one event with RRULE and EXDATE, and an
override (RECURRENCE-ID) for each moved occurrence.
"""

import re
from datetime import UTC, date, datetime, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

from dateutil.relativedelta import SU, relativedelta
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar, Timezone, TimezoneDaylight, TimezoneStandard

from agenda.models import LOCAL_TZ
from wijkplatform.memory import no_cyclic_gc
from wijkplatform.themes import Theme

UID_DOMAIN = "wijkderuwaard.nl"
PRODID = "-//Wij(k) de Ruwaard//Agenda//NL"
CONTENT_TYPE = "text/calendar; charset=utf-8"
LINE_OCTETS = 75  # RFC 5545, 3.1: longer content lines are folded
# TEXT values escape these; other control characters are not allowed in them (RFC 5545, 3.3.11).
TEXT_ESCAPES = {"\\": "\\\\", ";": "\\;", ",": "\\,", "\n": "\\n", "\r\n": "\\n", "\r": "\\n"}
TEXT_SPECIAL = re.compile(r"\r\n?|[\\;,\n\x00-\x08\x0b-\x1f\x7f]")
BACKSLASH = ord("\\")
PARAGRAPH = "\\n\\n"  # an empty line between the parts of a DESCRIPTION, escaped


def yearly_vtimezone():
    """
    Central European Time as two yearly rules (summer time from the last
    Sunday of March to the last Sunday of October, 01:00 UTC): true for any
    year, so an open-ended drop-in series stays right in apps that read the
    VTIMEZONE rather than the TZID's name. Parsers that turn a list of dates
    (RDATE) into a zone can get it wrong; these rules every one reads.
    """
    zone = Timezone()
    zone.add("tzid", settings.TIME_ZONE)
    for kind, name, offsets, start, month in (
        (TimezoneDaylight, "CEST", (1, 2), datetime(1996, 3, 31, 2), 3),
        (TimezoneStandard, "CET", (2, 1), datetime(1996, 10, 27, 3), 10),
    ):
        part = kind()
        part.add("tzname", name)
        part.add("tzoffsetfrom", timedelta(hours=offsets[0]))
        part.add("tzoffsetto", timedelta(hours=offsets[1]))
        part.add("dtstart", start)
        part.add("rrule", {"freq": "yearly", "bymonth": month, "byday": "-1su"})
        zone.add_component(part)
    return zone


def agrees_with_tzdata(zone, first_year, last_year):
    """Whether `zone` gives the offsets of the time zone database around every change and mid-month in these years."""
    ours, theirs = zone.to_tz(lookup_tzid=False), ZoneInfo(settings.TIME_ZONE)
    for year in range(first_year, last_year + 1):
        moments = [datetime(year, month, 15, 12, tzinfo=UTC) for month in range(1, 13)]
        for month in (3, 10):
            change = datetime(year, month, 1, 1, tzinfo=UTC) + relativedelta(day=31, weekday=SU(-1))
            moments += [change - timedelta(minutes=1), change]
        if any(moment.astimezone(ours).utcoffset() != moment.astimezone(theirs).utcoffset() for moment in moments):
            return False
    return True


@lru_cache(maxsize=4)
def vtimezone(first_year, last_year):
    """
    The VTIMEZONE for a feed with times in these years: the yearly rules
    while the time zone database agrees with them, else (should the rules
    ever change) `icalendar`'s list of that zone's own changes in these years.
    """
    zone = yearly_vtimezone()
    if agrees_with_tzdata(zone, first_year, last_year):
        return zone
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


# Content lines


def text(value):
    """A TEXT value, escaped (RFC 5545, 3.3.11)."""
    return TEXT_SPECIAL.sub(lambda match: TEXT_ESCAPES.get(match.group(), ""), value)


def fold(line):
    """
    One content line, folded into pieces of at most 75 octets. A piece never
    ends inside a UTF-8 character, nor inside an escape such as ``\\,`` (some
    calendar apps unescape before they unfold; icalendar folds the same way).
    """
    if len(line) <= LINE_OCTETS and line.isascii():
        return line
    octets = line.encode()
    pieces, begin, limit = [], 0, LINE_OCTETS
    while len(octets) - begin > limit:
        cut = begin + limit
        while octets[cut] & 0xC0 == 0x80:  # a UTF-8 continuation byte: the character began before the cut
            cut -= 1
        backslashes = 0
        while cut - backslashes > begin and octets[cut - 1 - backslashes] == BACKSLASH:
            backslashes += 1
        if backslashes % 2:  # the last one begins an escape (an even run is whole escaped backslashes)
            cut -= 1
        pieces.append(octets[begin:cut].decode())
        begin, limit = cut, LINE_OCTETS - 1  # a continuation line starts with a space
    pieces.append(octets[begin:].decode())
    return "\r\n ".join(pieces)


def local_time(moment):
    moment = moment.astimezone(LOCAL_TZ)
    return "%04d%02d%02dT%02d%02d%02d" % (moment.year, moment.month, moment.day, moment.hour, moment.minute, moment.second)


def utc_time(moment):
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def tz_property(name):
    return f"{name};TZID={settings.TIME_ZONE}:"


def recur(rule):
    """An RRULE value from a series' rule dict (`Series.rrule`)."""
    value = f"FREQ={rule['freq']};INTERVAL={rule['interval']};BYDAY={','.join(rule['byday'])}"
    if rule.get("until"):
        value += f";UNTIL={utc_time(rule['until'])}"
    return value


# Events


def location(item):
    return ", ".join(part for part in (item.place_name, item.place_address) if part)


class EventWriter:
    """
    Writes agenda items as VEVENT content lines. What all events share (the
    stamp, the site's address, translated words) is looked up once per feed.
    """

    def __init__(self, site_url):
        self.site_url = site_url.rstrip("/")
        self.stamp = f"DTSTAMP:{utc_time(timezone.now())}"
        self.themes = {value: text(str(label)) for value, label in Theme.choices}
        self.dtstart, self.dtend = tz_property("DTSTART"), tz_property("DTEND")
        self.not_happening = _("Dit gaat niet door")
        self.organiser = _("Wie organiseert het: %(organiser)s")
        self.how_to_join = _("Meedoen: %(how)s")
        self.costs_money = _("Hier moet u voor betalen.")
        self.cancelled_title = _("Vervalt: %(title)s")
        self.headings, self.abouts = {}, {}

    def absolute(self, url):
        return url if url.startswith(("http://", "https://")) else self.site_url + url

    def heading(self, item):
        """SUMMARY to CATEGORIES: the same for many events (all shifts of one task), so built once each."""
        key = (item.title, item.cancelled, item.place_name, item.place_address, item.themes)
        lines = self.headings.get(key)
        if lines is None:
            summary = self.cancelled_title % {"title": item.title} if item.cancelled else item.title
            lines = [fold(f"SUMMARY:{text(summary)}"), "STATUS:CANCELLED" if item.cancelled else "STATUS:CONFIRMED", "TRANSP:TRANSPARENT"]
            where = location(item)
            if where:
                lines.append(fold(f"LOCATION:{text(where)}"))
            if item.themes:
                lines.append(fold("CATEGORIES:" + ",".join(self.themes.get(theme) or text(theme) for theme in item.themes)))
            self.headings[key] = lines
        return lines

    def about(self, item):
        """The DESCRIPTION text, escaped, up to the link: also shared by many events, so built once each."""
        key = (item.cancelled, item.cancel_reason, item.description, item.organiser, item.how_to_join, item.free)
        about = self.abouts.get(key)
        if about is None:
            parts = []
            if item.cancelled:
                parts.append(self.not_happening + (f": {item.cancel_reason}" if item.cancel_reason else ""))
            if item.description:
                parts.append(item.description)
            if item.organiser:
                parts.append(self.organiser % {"organiser": item.organiser})
            if item.how_to_join:
                parts.append(self.how_to_join % {"how": item.how_to_join})
            if not item.free:
                parts.append(self.costs_money)
            about = self.abouts[key] = [text(part) for part in parts]
        return about

    def lines(self, item):
        """One agenda item: one VEVENT, or a recurring one with an override per moved occurrence."""
        url = self.absolute(item.url)
        uid = f"UID:{item.uid}@{UID_DOMAIN}"
        shared = [*self.heading(item), fold(f"URL:{url}")]
        description = [*self.about(item), text(url)]
        lines = [
            "BEGIN:VEVENT",
            uid,
            self.stamp,
            self.dtstart + local_time(item.start),
            self.dtend + local_time(item.end or item.start + timedelta(hours=1)),
        ]
        series = item.series
        if series:
            if series.rrule:
                lines.append(f"RRULE:{recur(series.rrule)}")
            if series.exdates:
                lines.append(fold(tz_property("EXDATE") + ",".join(map(local_time, series.exdates))))
        lines += shared
        lines += [fold("DESCRIPTION:" + PARAGRAPH.join(description)), "END:VEVENT"]
        for moved in series.moved if series else ():
            reason = [text(moved.reason)] if moved.reason else []
            lines += [
                "BEGIN:VEVENT",
                uid,
                self.stamp,
                tz_property("RECURRENCE-ID") + local_time(moved.recurrence_id),
                self.dtstart + local_time(moved.start),
                self.dtend + local_time(moved.end),
                *shared,
                fold("DESCRIPTION:" + PARAGRAPH.join(reason + description)),
                "END:VEVENT",
            ]
        return lines


def items_calendar(items, name, site_url, description=""):
    """
    A calendar of agenda items as bytes: an event each, a recurring event for
    an item with a `series`. `site_url` (scheme and host) makes
    the items' links absolute.
    """
    writer = EventWriter(site_url)
    lines = []
    with no_cyclic_gc():  # a list per event
        for item in items:
            lines += writer.lines(item)
    years = [timezone.localdate(timezone=LOCAL_TZ).year]
    if items:
        years += [min(item.start for item in items).year, max(item.start for item in items).year]
    return calendar_around(lines, name, description, min(years) - 1, max(years) + 1)


@lru_cache(maxsize=32)
def calendar_head(name, description, first_year, last_year):
    """The calendar's own lines and its VTIMEZONE, up to where the events go."""
    calendar = new_calendar(name, description)
    calendar.add_component(vtimezone(first_year, last_year))
    head, _end, _rest = calendar.to_ical().rpartition(b"END:VCALENDAR")
    return head


def calendar_around(lines, name, description, first_year, last_year):
    head = calendar_head(str(name), str(description), first_year, last_year)
    events = "\r\n".join(lines).encode()
    return b"".join([head, events, b"\r\n" if events else b"", b"END:VCALENDAR\r\n"])
