"""Agenda pieces for other templates: item labels and the one-event calendar link."""

from django import template
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from agenda.items import KIND_DROPIN, KIND_INITIATIVE, KIND_RESIDENT, KIND_SHIFT
from agenda.models import LOCAL_TZ
from wijkplatform.themes import Theme

register = template.Library()

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

