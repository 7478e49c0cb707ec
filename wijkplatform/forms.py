"""Form pieces every public form shares: a honeypot against spam bots, safe image uploads, the B1 text check."""

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.forms.utils import ErrorDict
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
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
