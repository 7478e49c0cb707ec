"""Forms of the drop-in pages: the list filter, and what professionals fill in on the site."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.models import Site

from dropins.models import NOT_YOUR_ORGANISATION, DropInPage
from places.models import Place
from wijkplatform.themes import Theme

DAY_CHOICES = [("", _("Alle dagen"))] + [(str(number), label) for number, label in DropInPage.WEEKDAY_CHOICES]


class FilterForm(forms.Form):
    """The filters above /inloop/. Invalid values are ignored, never an error page."""

    thema = forms.ChoiceField(label=_("Thema"), required=False, choices=[("", _("Alle thema's"))] + list(Theme.choices))
    dag = forms.ChoiceField(label=_("Dag"), required=False, choices=DAY_CHOICES)
    plek = forms.TypedChoiceField(label=_("Plek"), required=False, coerce=int, empty_value=None)
    nu_open = forms.BooleanField(label=_("Alleen wat nu open is"), required=False)

    def __init__(self, *args, places=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["plek"].choices = [("", _("Alle plekken"))] + [(place.pk, place.name) for place in places]

    def filters(self):
        """The valid filters as a dict; a wrong value counts as no filter."""
        if self.is_valid():
            return self.cleaned_data
        return {name: self.cleaned_data.get(name) for name in self.fields if name not in self.errors}


class DropInForm(forms.ModelForm):
    """A professional adds or changes one of their organisation's drop-in hours."""

    class Meta:
        model = DropInPage
        fields = [
            "title",
            "intro",
            "theme",
            "organisation",
            "place",
            "frequency",
            "weekday",
            "starts_on",
            "ends_on",
            "start_time",
            "end_time",
            "no_appointment",
            "what_to_bring",
            "languages",
            "wijken",
        ]
        labels = {"title": _("Naam van het spreekuur")}
        help_texts = {
            "title": _("Bijvoorbeeld: Spreekuur geldzaken."),
            "frequency": _("Om de week: de eerste keer is de eerste gekozen dag vanaf de begindatum."),
            "starts_on": _("Bijvoorbeeld: 5 december 2026"),
            "wijken": _("Het spreekuur staat in deze wijk. Is het ook voor bewoners van andere wijken? Kies die wijken dan hier."),
        }
        widgets = {
            "intro": forms.Textarea(attrs={"rows": 3}),
            "what_to_bring": forms.Textarea(attrs={"rows": 3}),
            "starts_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "ends_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "start_time": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "end_time": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "wijken": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, organisations, site, **kwargs):
        """`site`: the wijk the drop-in hour stands in; the others are offered under "ook voor deze wijken"."""
        super().__init__(*args, **kwargs)
        others = Site.objects.exclude(pk=site.pk).order_by("site_name") if site else Site.objects.none()
        if others.exists():
            self.fields["wijken"].queryset = others
            self.fields["wijken"].label_from_instance = lambda other: other.site_name or other.hostname
        else:  # one wijk: nothing to choose
            del self.fields["wijken"]
        self.fields["organisation"].queryset = organisations
        self.fields["organisation"].empty_label = None
        self.fields["organisation"].error_messages["invalid_choice"] = NOT_YOUR_ORGANISATION
        self.fields["place"].queryset = Place.objects.live()
        self.fields["weekday"].choices = [("", _("(kies een dag)"))] + list(DropInPage.WEEKDAY_CHOICES)


CANCEL_REASONS = [
    ("ziek", _("De medewerker is ziek.")),
    ("vakantie", _("De medewerker is op vakantie.")),
    ("feestdag", _("Het is een feestdag.")),
    ("ruimte", _("De ruimte is niet beschikbaar.")),
]


class CancelForm(forms.Form):
    reason = forms.ChoiceField(
        label=_("Waarom vervalt het spreekuur?"),
        choices=CANCEL_REASONS,
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies waarom het spreekuur vervalt.")},
    )
    note = forms.CharField(
        label=_("Iets erbij zetten?"), required=False, max_length=120, help_text=_("Bijvoorbeeld: volgende week zijn we er weer.")
    )

    def full_reason(self):
        reason = str(dict(CANCEL_REASONS)[self.cleaned_data["reason"]])
        note = self.cleaned_data["note"].strip()
        return f"{reason} {note}" if note else reason


class MoveForm(forms.Form):
    new_date = forms.DateField(
        label=_("Nieuwe datum"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("Bijvoorbeeld: 5 december 2026"),
    )
    new_start_time = forms.TimeField(label=_("Begint om"), widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"))
    new_end_time = forms.TimeField(label=_("Eindigt om"), widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"))
    reason = forms.CharField(label=_("Waarom verplaatst u het?"), required=False, max_length=160)

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("new_start_time"), cleaned.get("new_end_time")
        if start and end and end <= start:
            self.add_error("new_end_time", _("De eindtijd moet na de begintijd liggen."))
        return cleaned
