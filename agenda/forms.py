"""The form a resident uses to add a one-off activity to the agenda."""

from datetime import timedelta

from django import forms
from django.utils.translation import gettext_lazy as _

from agenda.filters import today
from places.models import Place
from wijkplatform.forms import HoneypotMixin
from wijkplatform.themes import Theme

MAX_DAYS_AHEAD = 366

FIELDS = [
    "title",
    "date",
    "start_time",
    "end_time",
    "place",
    "place_text",
    "accessible",
    "description",
    "theme",
    "free",
    "costs",
    "organiser",
    "how_to_join",
]


class ActivityForm(HoneypotMixin, forms.Form):
    title = forms.CharField(
        label=_("Naam van de activiteit"),
        max_length=120,
        help_text=_("Bijvoorbeeld: Koffieochtend"),
        error_messages={"required": _("Geef de activiteit een naam.")},
    )
    date = forms.DateField(
        label=_("Datum"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("Bijvoorbeeld: 5 december 2026"),
        error_messages={"required": _("Kies de datum van de activiteit.")},
    )
    start_time = forms.TimeField(
        label=_("Begintijd"),
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        error_messages={"required": _("Vul de begintijd in.")},
    )
    end_time = forms.TimeField(label=_("Eindtijd"), required=False, widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"))
    place = forms.ModelChoiceField(
        label=_("Plek"),
        queryset=Place.objects.live(),
        required=False,
        empty_label=_("Een andere plek"),
        help_text=_("Staat de plek niet in de lijst? Vul hieronder de plek in."),
    )
    place_text = forms.CharField(label=_("Andere plek"), max_length=200, required=False, help_text=_("Naam en adres"))
    accessible = forms.BooleanField(label=_("De andere plek is toegankelijk met een rolstoel"), required=False)
    description = forms.CharField(
        label=_("Wat gaan we doen?"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": _("Schrijf wat u gaat doen.")},
    )
    theme = forms.ChoiceField(label=_("Thema"), choices=[("", _("Geen thema"))] + Theme.choices, required=False)
    free = forms.BooleanField(label=_("Meedoen is gratis"), required=False, initial=True)
    costs = forms.CharField(label=_("Wat kost het?"), max_length=120, required=False, help_text=_("Alleen als het niet gratis is"))
    organiser = forms.CharField(
        label=_("Wie organiseert het?"),
        max_length=120,
        help_text=_("Uw voornaam, of de naam van uw groep"),
        error_messages={"required": _("Schrijf wie het organiseert.")},
    )
    how_to_join = forms.CharField(
        label=_("Hoe doet iemand mee?"), max_length=200, required=False, help_text=_("Bijvoorbeeld: kom gewoon binnen")
    )

    @staticmethod
    def initial_from(activity):
        return {name: getattr(activity, name) for name in FIELDS}

    def clean_date(self):
        day = self.cleaned_data["date"]
        if day < today():
            raise forms.ValidationError(_("Deze datum is al voorbij. Kies een datum vanaf vandaag."))
        if day > today() + timedelta(days=MAX_DAYS_AHEAD):
            raise forms.ValidationError(_("Kies een datum binnen een jaar."))
        return day

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("place") and not cleaned.get("place_text", "").strip():
            self.add_error("place_text", _("Kies een plek uit de lijst of vul een andere plek in."))
        start, end = cleaned.get("start_time"), cleaned.get("end_time")
        if start and end and end == start:
            self.add_error("end_time", _("De eindtijd moet na de begintijd liggen."))
        if not cleaned.get("free") and not cleaned.get("costs", "").strip():
            self.add_error("costs", _("Schrijf wat meedoen kost, of vink ‘gratis’ aan."))
        return cleaned

    def apply(self, activity):
        """Copy the cleaned values onto an ActivityPage (new or existing)."""
        for name in FIELDS:
            setattr(activity, name, self.cleaned_data[name])
        if activity.place is not None:
            activity.place_text = ""
        activity.draft_title = activity.title
        return activity
