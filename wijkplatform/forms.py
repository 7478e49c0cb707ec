"""
Form pieces every public form shares: a honeypot against spam bots, safe image uploads, the B1 text check;
and the account forms in the site's own words.
"""

from allauth.account import forms as allauth_forms
from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.forms.utils import ErrorDict
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from django_ratelimit.decorators import ratelimit
from wagtail.images.fields import WagtailImageField

from wijkplatform.readability import analyse_texts


class HoneypotMixin(forms.Form):
    """A field people never see and bots fill in. Render it with includes/honeypot.html."""

    website = forms.CharField(
        required=False,
        label=_("Laat dit veld leeg"),
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    def clean_website(self):
        if self.cleaned_data.get("website"):
            raise ValidationError(_("Dit formulier is niet goed verstuurd. Probeer het opnieuw."))
        return ""


class ImageUploadField(WagtailImageField):
    """Wagtail's checks on an uploaded image (content, format, size, pixels), with the site's Dutch messages."""

    def __init__(self, **kwargs):
        accept = "image/jpeg,image/png,image/gif,image/webp"
        kwargs.setdefault("widget", forms.ClearableFileInput(attrs={"accept": accept}))
        help_text = kwargs.get("help_text", "")
        super().__init__(**kwargs)
        self.help_text = help_text  # not Wagtail's technical list of formats
        self.error_messages.update(
            invalid_image=_("Dit bestand is geen foto. Kies een JPG-, PNG-, GIF- of WebP-bestand."),
            invalid_image_known_format=_(
                "De naam van het bestand past niet bij het soort foto. Sla de foto opnieuw op en probeer het nog eens."
            ),
            invalid_image_extension=_(
                "Dit soort foto kunnen we niet gebruiken. Kies een JPG-, PNG-, GIF- of WebP-bestand."
            ),
            file_too_many_pixels=_("De foto heeft te veel pixels. Kies een kleinere foto."),
        )

    def check_image_file_size(self, f):
        # The limit is read now, not when the form class was made, so a changed setting applies.
        self.max_upload_size = settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE
        self.error_messages["file_too_large"] = _("De foto is te groot. Kies een foto kleiner dan %(limit)s.") % {
            "limit": filesizeformat(self.max_upload_size)
        }
        super().check_image_file_size(f)

    def check_image_pixel_size(self, f):
        # Willow knows the format by the first bytes only; Pillow then reads the rest, which may be garbage.
        try:
            super().check_image_pixel_size(f)
        except ValidationError:
            raise
        except Exception as error:  # noqa: BLE001  whatever Pillow raises on a broken file
            raise ValidationError(self.error_messages["invalid_image"], code="invalid_image") from error


# The "Controleer mijn tekst" submit (see readability.py), on every form where residents write.

CHECK_FIELD = "check"
CHECK_RATE = "120/h"  # check submits without JavaScript, counted apart from sending


def is_check(request):
    return request.method == "POST" and CHECK_FIELD in request.POST


def send_rate(rate):
    """A django-ratelimit rate for a form view: checking has its own count, so it never uses up sending."""

    def choose(group, request):
        return CHECK_RATE if is_check(request) else rate

    return choose


def limit_posts(rate, key="user"):
    """
    Every form that writes is limited, per account (key "user") or per address where no account is needed:
    generously, so only a script reaches the limit (it then gets the 429 page).
    """
    return ratelimit(key=key, rate=send_rate(rate), method="POST", block=True)


def _show_as_typed(form):
    # Django validates on the first look at .errors; a check shows what was typed, without errors.
    if isinstance(form, forms.BaseFormSet):
        for member in form.forms:
            _show_as_typed(member)
        form._errors = [member.errors for member in form.forms]
        form._non_form_errors = form.error_class()
    else:
        form._errors = ErrorDict()
        form.cleaned_data = {}


def report_if_checked(request, form, *others, fields):
    """
    For the check submit: the report on the typed `fields` of `form`, with `form`
    and `others` (forms or formsets) shown again as typed. None for any other request.
    """
    if not is_check(request):
        return None
    for each in (form, *others):
        _show_as_typed(each)
    return analyse_texts(*(form[name].value() for name in fields))


# Account forms (django-allauth, through ACCOUNT_FORMS): the site's own labels, hints and messages, with "u".
# Labels say what to fill in, so the fields carry no placeholders.

PASSWORD_HELP = _("Minstens 8 tekens. Niet alleen cijfers. Kies geen wachtwoord dat veel mensen gebruiken.")
SAME_PASSWORD = _("U typte twee verschillende wachtwoorden. Typ twee keer hetzelfde wachtwoord.")
INVALID_EMAIL = _("Vul een e-mailadres in zoals naam@voorbeeld.nl.")


class AccountFormMixin:
    """Gives each field in `texts` its label, hint and "required" message: {name: (label, help_text, required)}."""

    texts = {}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            field.widget.attrs.pop("placeholder", None)
            if isinstance(field, forms.EmailField):
                field.error_messages["invalid"] = INVALID_EMAIL
            if name in self.texts:
                field.label, field.help_text, required = self.texts[name]
                field.error_messages["required"] = required

    def add_error(self, field, error):
        # allauth adds one message of its own to password2, as text rather than a ValidationError: the passwords differ.
        if field == "password2" and not isinstance(error, ValidationError):
            error = SAME_PASSWORD
        super().add_error(field, error)


class LoginForm(AccountFormMixin, allauth_forms.LoginForm):
    texts = {
        "login": (_("Gebruikersnaam of e-mailadres"), "", _("Vul uw gebruikersnaam of e-mailadres in.")),
        "password": (_("Wachtwoord"), "", _("Vul uw wachtwoord in.")),
        "remember": (_("Ingelogd blijven op dit apparaat"), "", ""),
    }


class SignupForm(AccountFormMixin, allauth_forms.SignupForm):
    texts = {
        "email": (
            _("E-mailadres"),
            _("Hierheen sturen wij een e-mail. Met de link daarin maakt u uw account af."),
            _("Vul uw e-mailadres in."),
        ),
        "username": (
            _("Gebruikersnaam"),
            _("Hiermee logt u in. De redactie ziet deze naam bij wat u instuurt. Gebruik letters en cijfers, zonder spaties."),
            _("Kies een gebruikersnaam."),
        ),
        "password1": (_("Wachtwoord"), PASSWORD_HELP, _("Kies een wachtwoord.")),
        "password2": (_("Wachtwoord nog een keer"), "", _("Typ uw wachtwoord nog een keer.")),
    }


class AddEmailForm(AccountFormMixin, allauth_forms.AddEmailForm):
    texts = {
        "email": (
            _("Nieuw e-mailadres"),
            _("Wij sturen een e-mail naar dit adres. Met de link daarin bevestigt u het."),
            _("Vul een e-mailadres in."),
        ),
    }


class ChangePasswordForm(AccountFormMixin, allauth_forms.ChangePasswordForm):
    texts = {
        "oldpassword": (_("Uw huidige wachtwoord"), "", _("Vul uw huidige wachtwoord in.")),
        "password1": (_("Nieuw wachtwoord"), PASSWORD_HELP, _("Kies een nieuw wachtwoord.")),
        "password2": (_("Nieuw wachtwoord nog een keer"), "", _("Typ het nieuwe wachtwoord nog een keer.")),
    }


class SetPasswordForm(AccountFormMixin, allauth_forms.SetPasswordForm):
    texts = {
        "password1": (_("Wachtwoord"), PASSWORD_HELP, _("Kies een wachtwoord.")),
        "password2": (_("Wachtwoord nog een keer"), "", _("Typ uw wachtwoord nog een keer.")),
    }


class ResetPasswordForm(AccountFormMixin, allauth_forms.ResetPasswordForm):
    texts = {
        "email": (
            _("E-mailadres"),
            _("Het adres dat bij uw account hoort."),
            _("Vul uw e-mailadres in."),
        ),
    }


class ResetPasswordKeyForm(AccountFormMixin, allauth_forms.ResetPasswordKeyForm):
    texts = {
        "password1": (_("Nieuw wachtwoord"), PASSWORD_HELP, _("Kies een nieuw wachtwoord.")),
        "password2": (_("Nieuw wachtwoord nog een keer"), "", _("Typ het nieuwe wachtwoord nog een keer.")),
    }


class ReauthenticateForm(AccountFormMixin, allauth_forms.ReauthenticateForm):
    texts = {"password": (_("Wachtwoord"), "", _("Vul uw wachtwoord in."))}
