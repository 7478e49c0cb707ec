"""The send-in form for a resident's story and the "Meld dit" report form."""

import html
import re

from django import forms
from django.utils.html import escape, strip_tags
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from wagtail.admin.rich_text.converters.editor_html import EditorHTMLConverter
from wagtail.rich_text import RichText

from stories.blocks import PARAGRAPH_FEATURES
from stories.models import StoryReport, themes_in_use
from wijkplatform.forms import HoneypotMixin, ImageUploadField

MAX_NEW_THEMES = 5


def text_to_rich_text(text):
    """Plain text from a textarea as story paragraphs: escaped, then passed through Wagtail's rich text whitelist."""
    paragraphs = [part.strip() for part in re.split(r"\n\s*\n", text.replace("\r\n", "\n")) if part.strip()]
    markup = "".join("<p>" + "<br/>".join(escape(line) for line in part.split("\n")) + "</p>" for part in paragraphs)
    return EditorHTMLConverter(features=PARAGRAPH_FEATURES).to_database_format(markup)


def rich_text_to_text(markup):
    """The reverse, so a resident can change the text of a story sent back by the editors."""
    paragraphs = re.findall(r"<p[^>]*>(.*?)</p>", markup, flags=re.S) or [markup]
    return "\n\n".join(html.unescape(strip_tags(re.sub(r"<br\s*/?>", "\n", part))).strip() for part in paragraphs).strip()


class StoryForm(HoneypotMixin, forms.Form):
    title = forms.CharField(
        label=_("Titel"),
        max_length=120,
        error_messages={"required": _("Schrijf een titel boven uw verhaal.")},
        help_text=_("Kort en duidelijk, bijvoorbeeld: Koken met kinderen in de herfst."),
    )
    intro = forms.CharField(
        label=_("Korte inleiding"),
        max_length=300,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Eén of twee zinnen waar het verhaal over gaat."),
    )
    text = forms.CharField(
        label=_("Uw verhaal"),
        max_length=20000,
        error_messages={"required": _("Schrijf uw verhaal.")},
        widget=forms.Textarea(attrs={"rows": 14}),
        help_text=_("Laat een regel leeg tussen twee alinea’s."),
    )
    photo = ImageUploadField(label=_("Foto"), required=False, help_text=_("Een JPG-, PNG-, GIF- of WebP-foto."))
    photo_alt = forms.CharField(
        label=_("Wat staat er op de foto?"),
        max_length=250,
        required=False,
        help_text=_("Voor mensen die de foto niet kunnen zien. Verplicht als u een foto kiest."),
    )
    author_name = forms.CharField(
        label=_("Uw naam bij het verhaal"),
        max_length=80,
        error_messages={"required": _("Schrijf de naam die boven het verhaal komt.")},
        help_text=_("Deze naam komt boven het verhaal. Bijvoorbeeld alleen uw voornaam."),
    )
    themes = forms.MultipleChoiceField(label=_("Thema’s"), required=False, widget=forms.CheckboxSelectMultiple)
    new_themes = forms.CharField(
        label=_("Ander thema"),
        max_length=200,
        required=False,
        help_text=_("Zet een komma tussen twee thema’s."),
    )

    def __init__(self, *args, existing_image=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.existing_image = existing_image
        self.fields["themes"].choices = [(tag.name, tag.name) for tag in themes_in_use()[:20]]
        if existing_image is not None:
            self.fields["photo"].help_text = _("Kies alleen een foto als u de foto wilt vervangen.")

    def clean_new_themes(self):
        names = [name.strip() for name in self.cleaned_data["new_themes"].split(",") if name.strip()]
        if len(names) > MAX_NEW_THEMES:
            raise forms.ValidationError(_("Kies hoogstens %(max)s nieuwe thema’s.") % {"max": MAX_NEW_THEMES})
        for name in names:
            if len(name) > 40 or not slugify(name):
                raise forms.ValidationError(_("Een thema is één of een paar woorden, korter dan 40 tekens."))
        return names

    def clean(self):
        cleaned = super().clean()
        has_photo = cleaned.get("photo") or (self.existing_image is not None and "photo" not in self.errors)
        if has_photo and not cleaned.get("photo_alt", "").strip():
            self.add_error("photo_alt", _("Schrijf kort wat er op de foto staat."))
        return cleaned

    def theme_names(self):
        names = list(self.cleaned_data.get("themes", [])) + self.cleaned_data.get("new_themes", [])
        return list(dict.fromkeys(names))

    def body(self):
        return [("paragraph", RichText(text_to_rich_text(self.cleaned_data["text"])))]


class ReportForm(HoneypotMixin, forms.Form):
    reason = forms.ChoiceField(
        label=_("Wat is er mis?"),
        choices=StoryReport.Reason.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies wat er mis is.")},
    )
    explanation = forms.CharField(
        label=_("Toelichting"), max_length=1000, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
