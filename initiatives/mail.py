"""
The e-mails volunteers get: confirmation, the waitlist, a seat after all, a
reminder, a cancelled shift and the organiser's message. Each is queued
through wijkplatform.mail.send_templated, in the volunteer's language, and
carries the link to "Mijn aanmeldingen" (initiatives/volunteer_data.py).
The organiser hears when a volunteer's seat comes free.

A resident signed up by a connector has no e-mail: each of these mails then
goes to the connector, in the connector's language, naming the resident
(initiatives/mail/assisted), with the connector's call list instead of
"Mijn aanmeldingen".
"""

from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from agenda.registry import LOCAL_TZ, UID_DOMAIN, vtimezone
from initiatives.volunteer_data import mail_link_url
from wijkplatform.mail import absolute_url as absolute
from wijkplatform.mail import language_for, send_templated, site_name_of


def shift_location(shift):
    """Where the shift is, with the street address: of the shift's own place, else of the initiative's."""
    if shift.place_id or shift.place_note:
        place, note = shift.place, shift.place_note
    else:
        place, note = shift.initiative.place, shift.initiative.place_note
    parts = [place.name if place else "", note, place.address if place else ""]
    return ", ".join(part for part in parts if part)


def shift_calendar(signup):
    """The shift as an .ics file for the volunteer's calendar: local times with TZID and the VTIMEZONE of the feeds."""
    shift = signup.shift
    initiative = shift.initiative
    start, end = shift.start.astimezone(LOCAL_TZ), shift.end.astimezone(LOCAL_TZ)
    calendar = Calendar()
    calendar.add("prodid", "-//Wij(k) de Ruwaard//initiatieven//NL")
    calendar.add("version", "2.0")
    calendar.add("method", "PUBLISH")
    calendar.add_component(vtimezone(start.year, end.year))
    event = Event()
    event.add("uid", f"shift-{shift.pk}-signup-{signup.pk}@{UID_DOMAIN}")
    event.add("dtstamp", timezone.now())
    event.add("dtstart", start)
    event.add("dtend", end)
    event.add("summary", f"{shift.task} – {initiative.title}")
    location = shift_location(shift)
    if location:
        event.add("location", location)
    event.add(
        "description",
        _("Afmelden? Dat kan hier: %(url)s") % {"url": absolute(signup.cancel_path())},
    )
    event.add("url", absolute(initiative.url or "/"))
    calendar.add_component(event)
    return calendar.to_ical()


def _send(signup, template, *, with_calendar=False, reply_to=None, extra=None):
    """
    Queue one of the volunteer e-mails (initiatives/mail/<template>) to the person who signed up, or for a
    resident without e-mail the same news in initiatives/mail/assisted to their connector.
    """
    context = {
        "signup": signup,
        "shift": signup.shift,
        "initiative": signup.shift.initiative,
        "cancel_url": absolute(signup.cancel_path()),
        "page_url": absolute(signup.shift.initiative.url or "/"),
        "location": shift_location(signup.shift),
        "site_name": site_name_of(signup.shift.initiative),
        **(extra or {}),
    }
    connector = signup.assisted_by
    if connector is not None:
        day = timezone.localtime(signup.shift.start).date()
        call_list = f"{reverse('initiatives:call_list')}?dag={day.isoformat()}"
        context.update(kind=template, connector=connector, call_list_url=absolute(call_list))
        template, to, language = "assisted", connector.email, language_for(connector)
    else:
        context["data_url"] = mail_link_url(signup.email)
        to, language = signup.email, language_for(signup.user, default=signup.language)
    attachments = []
    if with_calendar:
        with translation.override(language):
            attachments.append(("dienst.ics", shift_calendar(signup).decode(), "text/calendar"))
    send_templated(
        f"initiatives/mail/{template}",
        context,
        [to],
        language=language,
        reply_to=reply_to,
        attachments=attachments,
    )


def confirmed(signup):
    _send(signup, "confirmed", with_calendar=True)


def waitlisted(signup):
    _send(signup, "waitlisted")


def promoted(signup):
    _send(signup, "promoted", with_calendar=True)


def reminder(signup):
    _send(signup, "reminder", with_calendar=True)


def shift_cancelled(signup):
    _send(signup, "shift_cancelled")


def volunteer_message(signup, subject, text, reply_to):
    _send(signup, "volunteer_message", reply_to=reply_to, extra={"subject": subject, "text": text})


def seat_freed(shift_id, promoted):
    """Tell the organiser that a volunteer cancelled: who got the seat from the waitlist, or how many are free."""
    from initiatives.models import Shift

    shift = (
        Shift.objects.select_related("initiative", "initiative__owner", "place", "initiative__place")
        .filter(pk=shift_id)
        .first()
    )
    organiser = shift.initiative.owner if shift else None
    if organiser is None or not organiser.is_active or not organiser.email:
        return
    context = {
        "shift": shift,
        "initiative": shift.initiative,
        "organiser": organiser,
        "location": shift_location(shift),
        "promoted": promoted,
        "seats_left": shift.seats_left,
        "manage_url": absolute(reverse("initiatives:manage", args=[shift.initiative_id])),
        "site_name": site_name_of(shift.initiative),
    }
    send_templated("initiatives/mail/seat_freed", context, [organiser.email], language=language_for(organiser))


BY_KIND = {
    "confirmed": confirmed,
    "waitlisted": waitlisted,
    "promoted": promoted,
    "shift_cancelled": shift_cancelled,
}
