"""Forms of the initiatives section: signing up, starting and running an initiative."""

import re
from datetime import datetime, timedelta

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from initiatives.models import Shift
from places.models import Place
from wijkplatform.forms import HoneypotMixin, ImageUploadField
from wijkplatform.mail import clean_header
from wijkplatform.themes import Theme

DATE_EXAMPLE = _("Bijvoorbeeld: 5 december 2026")
PHONE = re.compile(r"^[0-9+()\- ]{6,30}$")
MAX_CAPACITY = 200


class SignupForm(HoneypotMixin, forms.Form):
    """Name and e-mail (phone optional) for one shift. `waitlist` is set when the shift was shown as full."""

    name = forms.CharField(
        label=_("Uw naam"),
        max_length=100,
        error_messages={"required": _("Vul uw naam in.")},
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    email = forms.EmailField(
        label=_("Uw e-mailadres"),
        max_length=254,
        error_messages={
            "required": _("Vul uw e-mailadres in."),
            "invalid": _("Vul een e-mailadres in zoals naam@voorbeeld.nl."),
        },
        help_text=_("Hier sturen wij de bevestiging naartoe."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    phone = forms.CharField(
        label=_("Uw telefoonnummer"),
        max_length=30,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel", "type": "tel"}),
    )
    waitlist = forms.BooleanField(required=False, widget=forms.HiddenInput)

    @classmethod
    def for_shift(cls, shift, user, data=None):
        """The form for `shift`; for a posted form, whose initial values do not show, `shift` may be its id."""
        initial = {}
        if data is None:
            initial["waitlist"] = shift.is_full
            if user.is_authenticated:
                initial.update(name=user.first_name or user.get_username(), email=user.email)
        form = cls(data=data, initial=initial, auto_id=f"shift{getattr(shift, 'pk', shift)}_%s")
        if user.is_authenticated and user.email:
            # One click: the account's name and address go along unseen.
            form.fields["name"].widget = forms.HiddenInput()
            form.fields["email"].widget = forms.HiddenInput()
            form.fields["phone"].widget = forms.HiddenInput()
            form.one_click = True
        else:
            form.one_click = False
        return form

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        if not name:
            raise ValidationError(_("Vul uw naam in."))
        return name

    def clean_phone(self):
        phone = self.cleaned_data.get("phone", "").strip()
        if phone and not PHONE.match(phone):
            raise ValidationError(_("Dit telefoonnummer klopt niet. Gebruik alleen cijfers, spaties en +."))
        return phone


def dutch_phone(value):
    """
    A Dutch phone number as ten digits from 0 (0612345678), from how people write it: with spaces,
    dashes or brackets, or with +31 / 0031 in front. None when it is not a Dutch number.
    """
    digits = re.sub(r"[\s\-().]", "", value)
    for prefix in ("+31", "0031"):
        if digits.startswith(prefix):
            rest = digits[len(prefix):]
            digits = "0" + (rest[1:] if rest.startswith("0") else rest)
    return digits if re.fullmatch(r"0[1-9][0-9]{8}", digits) else None


class AssistedSignupForm(forms.Form):
    """
    A connector signs up a resident without e-mail: the resident's name and phone number, and the resident's
    consent (a required tick) with what the connector explained. `waitlist` as in SignupForm.
    """

    EXPLAINED_OTHER = "anders"
    EXPLAINED_CHOICES = [
        (
            "kort",
            _("Wij bewaren de naam en het telefoonnummer. Alleen de organisator en ik zien ze. "
              "Na de dienst worden ze gewist."),
        ),
        ("privacy", _("Ik heb de privacyverklaring samen met de bewoner gelezen.")),
        (EXPLAINED_OTHER, _("Iets anders. Ik schrijf het hieronder op.")),
    ]

    name = forms.CharField(
        label=_("Naam van de bewoner"),
        max_length=100,
        error_messages={"required": _("Vul de naam van de bewoner in.")},
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    phone = forms.CharField(
        label=_("Telefoonnummer van de bewoner"),
        max_length=30,
        help_text=_("Bijvoorbeeld: 06 12345678 of 0412 123456."),
        error_messages={"required": _("Vul het telefoonnummer van de bewoner in.")},
        widget=forms.TextInput(attrs={"autocomplete": "off", "inputmode": "tel", "type": "tel"}),
    )
    consent = forms.BooleanField(
        label=_("De bewoner weet wat we bewaren en waarom"),
        error_messages={"required": _("Vraag eerst of de bewoner het goed vindt. Zet daarna een vinkje.")},
    )
    explained = forms.ChoiceField(
        label=_("Wat heeft u uitgelegd?"),
        choices=EXPLAINED_CHOICES,
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies wat u aan de bewoner heeft uitgelegd.")},
    )
    explained_other = forms.CharField(
        label=_("Koos u iets anders? Schrijf kort op wat u uitlegde"), max_length=250, required=False
    )
    waitlist = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        if not name:
            raise ValidationError(_("Vul de naam van de bewoner in."))
        return name

    def clean_phone(self):
        phone = dutch_phone(self.cleaned_data["phone"])
        if phone is None:
            raise ValidationError(_("Dit is geen Nederlands telefoonnummer. Vul 10 cijfers in, zoals 06 12345678."))
        return phone

    def clean(self):
        data = super().clean()
        if data.get("explained") == self.EXPLAINED_OTHER and not data.get("explained_other", "").strip():
            self.add_error("explained_other", _("Schrijf kort op wat u heeft uitgelegd."))
        return data

    def consent_text(self):
        """What was explained, as it is kept with the sign-up: the chosen sentence, or the connector's own words."""
        data = self.cleaned_data
        if data["explained"] == self.EXPLAINED_OTHER:
            return data["explained_other"].strip()
        with translation.override(settings.LANGUAGE_CODE):  # the record reads the same whatever the interface
            return str(dict(self.EXPLAINED_CHOICES)[data["explained"]])


def place_field():
    return forms.ModelChoiceField(
        queryset=Place.objects.live(), required=False, label=_("Plek"), empty_label=_("Kies een plek (mag leeg blijven)")
    )


class InitiativeForm(HoneypotMixin, forms.Form):
    """What a resident fills in to start (or change) an initiative."""

    title = forms.CharField(
        label=_("Naam van het initiatief"), max_length=120, error_messages={"required": _("Geef het initiatief een naam.")}
    )
    aim = forms.CharField(
        label=_("Wat wilt u bereiken? (één zin)"),
        max_length=250,
        error_messages={"required": _("Schrijf in één zin wat u wilt bereiken.")},
    )
    description = forms.CharField(
        label=_("Vertel er meer over"),
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=5000,
        error_messages={"required": _("Vertel meer over het initiatief.")},
    )
    organiser_name = forms.CharField(
        label=_("Uw naam op de site"),
        max_length=80,
        help_text=_("Bijvoorbeeld alleen uw voornaam."),
        error_messages={"required": _("Schrijf de naam die op de site komt.")},
    )
    photo = ImageUploadField(label=_("Foto"), required=False)
    photo_alt = forms.CharField(
        label=_("Wat staat er op de foto?"),
        max_length=250,
        required=False,
        help_text=_("Voor mensen die de foto niet kunnen zien. Verplicht als u een foto kiest."),
    )
    place = place_field()
    place_note = forms.CharField(label=_("Plek (toelichting)"), max_length=200, required=False)
    themes = forms.MultipleChoiceField(
        label=_("Thema's"), choices=Theme.choices, required=False, widget=forms.CheckboxSelectMultiple
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("photo") and not cleaned.get("photo_alt", "").strip():
            self.add_error("photo_alt", _("Schrijf kort wat er op de foto staat."))
        return cleaned


def combine(day, clock):
    return timezone.make_aware(datetime.combine(day, clock))


class ShiftForm(forms.Form):
    """One shift: task, day, from–to, places."""

    task = forms.CharField(
        label=_("Taak"),
        max_length=150,
        help_text=_("Bijvoorbeeld: koffie schenken."),
        error_messages={"required": _("Schrijf wat de taak is.")},
    )
    day = forms.DateField(
        label=_("Datum"),
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=DATE_EXAMPLE,
        error_messages={"required": _("Kies de datum van de dienst.")},
    )
    start_time = forms.TimeField(
        label=_("Van"), widget=forms.TimeInput(attrs={"type": "time"}), error_messages={"required": _("Vul de begintijd in.")}
    )
    end_time = forms.TimeField(
        label=_("Tot"), widget=forms.TimeInput(attrs={"type": "time"}), error_messages={"required": _("Vul de eindtijd in.")}
    )
    capacity = forms.IntegerField(
        label=_("Aantal plaatsen"),
        min_value=1,
        max_value=MAX_CAPACITY,
        error_messages={"required": _("Vul in hoeveel mensen kunnen helpen.")},
    )
    note = forms.CharField(
        label=_("Opmerking"), max_length=200, required=False, help_text=_("Bijvoorbeeld: geen ervaring nodig.")
    )
    place = place_field()
    place_note = forms.CharField(label=_("Plek (toelichting)"), max_length=200, required=False)

    @classmethod
    def initial_for(cls, shift):
        start, end = timezone.localtime(shift.start), timezone.localtime(shift.end)
        return {
            "task": shift.task,
            "day": start.date(),
            "start_time": start.time(),
            "end_time": end.time(),
            "capacity": shift.capacity,
            "note": shift.note,
            "place": shift.place_id,
            "place_note": shift.place_note,
        }

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        data["start"] = combine(data["day"], data["start_time"])
        data["end"] = combine(data["day"], data["end_time"])
        if data["end"] <= data["start"]:
            self.add_error("end_time", _("De eindtijd moet na de begintijd liggen."))
        elif data["start"] <= timezone.now():
            self.add_error("day", _("Kies een dag en tijd in de toekomst."))
        return data

    def shift_fields(self):
        data = self.cleaned_data
        return {key: data[key] for key in ("task", "start", "end", "capacity", "note", "place", "place_note")}


class BaseShiftFormSet(forms.BaseFormSet):
    def clean(self):
        super().clean()
        if any(self.errors):
            return
        if not any(form.cleaned_data for form in self.forms):
            raise ValidationError(_("Voeg minstens één dienst toe."))


# absolute_max: a POST that claims more forms than this is refused without building them.
ShiftFormSet = forms.formset_factory(
    ShiftForm, formset=BaseShiftFormSet, extra=3, max_num=20, validate_max=True, absolute_max=20
)


class ActivityForm(forms.Form):
    """Something everyone can come to."""

    title = forms.CharField(label=_("Wat"), max_length=150, error_messages={"required": _("Schrijf wat er te doen is.")})
    day = forms.DateField(
        label=_("Datum"),
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=DATE_EXAMPLE,
        error_messages={"required": _("Kies de datum van de activiteit.")},
    )
    start_time = forms.TimeField(
        label=_("Van"), widget=forms.TimeInput(attrs={"type": "time"}), error_messages={"required": _("Vul de begintijd in.")}
    )
    end_time = forms.TimeField(label=_("Tot"), required=False, widget=forms.TimeInput(attrs={"type": "time"}))
    description = forms.CharField(label=_("Toelichting"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    place = place_field()
    place_note = forms.CharField(label=_("Plek (toelichting)"), max_length=200, required=False)

    @classmethod
    def initial_for(cls, activity):
        start = timezone.localtime(activity.start)
        return {
            "title": activity.title,
            "day": start.date(),
            "start_time": start.time(),
            "end_time": timezone.localtime(activity.end).time() if activity.end else None,
            "description": activity.description,
            "place": activity.place_id,
            "place_note": activity.place_note,
        }

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        data["start"] = combine(data["day"], data["start_time"])
        data["end"] = combine(data["day"], data["end_time"]) if data.get("end_time") else None
        if data["end"] and data["end"] <= data["start"]:
            self.add_error("end_time", _("De eindtijd moet na de begintijd liggen."))
        return data

    def activity_fields(self):
        data = self.cleaned_data
        return {key: data[key] for key in ("title", "start", "end", "description", "place", "place_note")}


class MessageForm(forms.Form):
    """The organiser's e-mail to their own volunteers."""

    shift = forms.ModelChoiceField(
        queryset=Shift.objects.none(), required=False, label=_("Aan wie?"), empty_label=_("Iedereen van alle diensten")
    )
    include_waitlist = forms.BooleanField(label=_("Ook mensen op de wachtlijst"), required=False)
    subject = forms.CharField(label=_("Onderwerp"), max_length=120)
    message = forms.CharField(label=_("Bericht"), widget=forms.Textarea(attrs={"rows": 8}), max_length=5000)

    def __init__(self, initiative, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["shift"].queryset = initiative.shifts.filter(
            cancelled=False, end__gt=timezone.now() - timedelta(days=1)
        ).order_by("start")

    def clean_subject(self):
        """A subject is one line: line breaks and other control characters become spaces."""
        subject = clean_header(self.cleaned_data["subject"])
        if not subject:
            raise ValidationError(_("Schrijf een onderwerp."))
        return subject
