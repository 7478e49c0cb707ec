"""Agenda pieces for other templates: the home page sections and item labels."""

from datetime import datetime, time, timedelta

from django import template
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from agenda.filters import today
from agenda.items import KIND_DROPIN, KIND_INITIATIVE, KIND_RESIDENT, KIND_SHIFT
from agenda.models import LOCAL_TZ, AgendaPage
from agenda.queries import collect, group_by_day
from wijkplatform.themes import Theme

register = template.Library()

HOME_DAYS = 3
HOME_ITEMS = 8
HELP_DAYS = 14
HELP_ITEMS = 5

KIND_LABELS = {
    KIND_RESIDENT: _("Door bewoners"),
    KIND_INITIATIVE: _("Initiatief"),
    KIND_SHIFT: _("Hulp gevraagd"),
    KIND_DROPIN: _("Spreekuur"),
}


@register.filter
def kind_label(kind):
    return KIND_LABELS.get(kind, "")


@register.filter
def theme_label(theme):
    return dict(Theme.choices).get(theme, theme)


@register.simple_tag
def add_to_calendar_url(item):
    """A one-event .ics download for this agenda item."""
    day = item.start.astimezone(LOCAL_TZ).date().isoformat()
    return f"{reverse('agenda:feed')}?{urlencode({'item': item.uid, 'datum': day})}"


def upcoming(context):
    """Collect the next fortnight once per request for both home page sections."""
    request = context.get("request")
    cached = getattr(request, "_agenda_upcoming", None)
    if cached is None:
        start = datetime.combine(today(), time.min, tzinfo=LOCAL_TZ)
        agenda_page = AgendaPage.objects.live().first()
        cached = (agenda_page, collect(start, start + timedelta(days=HELP_DAYS)))
        if request is not None:
            request._agenda_upcoming = cached
    return cached


@register.inclusion_tag("agenda/includes/home_agenda.html", takes_context=True)
def home_agenda(context):
    agenda_page, items = upcoming(context)
    end = datetime.combine(today() + timedelta(days=HOME_DAYS), time.min, tzinfo=LOCAL_TZ)
    soon = [item for item in items if item.start < end and item.kind != KIND_SHIFT and not item.cancelled]
    return {
        "agenda_url": agenda_page.url if agenda_page else "/agenda/",
        "days": group_by_day(soon[:HOME_ITEMS]),
        "more": max(0, len(soon) - HOME_ITEMS),
    }


@register.inclusion_tag("agenda/includes/home_help.html", takes_context=True)
def home_help_wanted(context):
    agenda_page, items = upcoming(context)
    shifts = [item for item in items if item.kind == KIND_SHIFT and not item.cancelled]
    return {
        "agenda_url": agenda_page.url if agenda_page else "/agenda/",
        "shifts": shifts[:HELP_ITEMS],
        "more": max(0, len(shifts) - HELP_ITEMS),
    }
