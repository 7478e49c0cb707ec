"""Form pieces every public form shares: a honeypot against spam bots, safe image uploads."""

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from PIL import Image as PILImage

ALLOWED_IMAGE_FORMATS = {"JPEG", "PNG", "GIF", "WEBP"}


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


def validate_image_upload(upload):
    """Accept only real images in a known format and below the size limit."""
    limit = settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE
    if upload.size > limit:
        raise ValidationError(
            _("De foto is te groot. Kies een foto kleiner dan %(limit)s.") % {"limit": filesizeformat(limit)}
        )
    try:
        upload.seek(0)
        with PILImage.open(upload) as image:
            image_format = image.format
            image.verify()
    except Exception:
        raise ValidationError(_("Dit bestand is geen foto. Kies een JPG-, PNG-, GIF- of WebP-bestand."))
    finally:
        upload.seek(0)
    if image_format not in ALLOWED_IMAGE_FORMATS:
        raise ValidationError(_("Dit soort foto kunnen we niet gebruiken. Kies een JPG-, PNG-, GIF- of WebP-bestand."))
    return upload


class ImageUploadField(forms.FileField):
    """A photo upload with Dutch messages; checks the content, not the file name."""

    default_validators = [validate_image_upload]

    def __init__(self, **kwargs):
        kwargs.setdefault("widget", forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/gif,image/webp"}))
        super().__init__(**kwargs)
