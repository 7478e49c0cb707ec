"""The e-mails volunteers get: confirmation, a seat from the waitlist, a reminder, a cancelled shift, the organiser's message."""

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar, Event, vText

SUBJECT_PREFIX = "[Wij(k) de Ruwaard] "


def absolute(path):
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def shift_calendar(signup):
    """An .ics file with the shift, so it lands in the volunteer's calendar in one tap."""
    shift = signup.shift
    initiative = shift.initiative
    calendar = Calendar()
    calendar.add("prodid", "-//Wij(k) de Ruwaard//initiatieven//NL")
    calendar.add("version", "2.0")
    calendar.add("method", "PUBLISH")
    event = Event()
    event.add("uid", f"shift-{shift.pk}-signup-{signup.pk}@wijkderuwaard.nl")
    event.add("dtstamp", timezone.now())
    event.add("dtstart", shift.start)
    event.add("dtend", shift.end)
    event.add("summary", f"{shift.task} – {initiative.title}")
    if shift.place_text:
        location = shift.place_text
        if shift.place_id and shift.place.address:
            location = f"{location}, {shift.place.address}"
        event["location"] = vText(location)
    event.add(
        "description",
        _("Afmelden? Dat kan hier: %(url)s") % {"url": absolute(signup.cancel_path())},
    )
    event.add("url", absolute(initiative.url or "/"))
    calendar.add_component(event)
    return calendar.to_ical()


def _message(signup, subject, template, *, with_calendar=False, extra=None):
    context = {
        "signup": signup,
        "shift": signup.shift,
        "initiative": signup.shift.initiative,
        "cancel_url": absolute(signup.cancel_path()),
        "page_url": absolute(signup.shift.initiative.url or "/"),
        **(extra or {}),
    }
    message = EmailMessage(
        subject=SUBJECT_PREFIX + subject,
        body=render_to_string(f"initiatives/mail/{template}.txt", context),
        to=[signup.email],
    )
    if with_calendar:
        message.attach("dienst.ics", shift_calendar(signup), "text/calendar")
    return message


def confirmed(signup):
    return _message(signup, _("U bent aangemeld: %(task)s") % {"task": signup.shift.task}, "confirmed", with_calendar=True)


def waitlisted(signup):
    return _message(signup, _("U staat op de wachtlijst: %(task)s") % {"task": signup.shift.task}, "waitlisted")


def promoted(signup):
    return _message(
        signup, _("Er is plaats voor u: %(task)s") % {"task": signup.shift.task}, "promoted", with_calendar=True
    )


def reminder(signup):
    return _message(signup, _("Morgen: %(task)s") % {"task": signup.shift.task}, "reminder", with_calendar=True)


def shift_cancelled(signup):
    return _message(signup, _("Gaat niet door: %(task)s") % {"task": signup.shift.task}, "shift_cancelled")


def volunteer_message(signup, subject, text, reply_to):
    message = _message(signup, subject, "volunteer_message", extra={"text": text})
    if reply_to:
        message.reply_to = [reply_to]
    return message


BY_KIND = {
    "confirmed": confirmed,
    "waitlisted": waitlisted,
    "promoted": promoted,
    "shift_cancelled": shift_cancelled,
}
