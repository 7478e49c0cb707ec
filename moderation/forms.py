"""Forms of the moderation loop: the editor's comment, the decision in the list, the e-mail preference."""

from django import forms
from django.utils.translation import gettext_lazy as _

from moderation.models import EditorPreference

COMMENT_MAX_LENGTH = 2000


class SendBackForm(forms.Form):
    """Sending back needs the editor's words: the writer must know what to change."""

    comment = forms.CharField(
        label=_("Wat moet de schrijver aanpassen?"),
        help_text=_("De schrijver krijgt deze tekst in een e-mail en ziet hem bij Mijn bijdragen."),
        max_length=COMMENT_MAX_LENGTH,
        widget=forms.Textarea({"rows": 3}),
        error_messages={"required": _("Schrijf erbij wat de schrijver moet aanpassen.")},
    )


class DecisionForm(forms.Form):
    """One row of the moderation list: approve or send back, with a comment for the writer."""

    APPROVE = "approve"
    REJECT = "reject"

    action = forms.ChoiceField(choices=[(APPROVE, _("Goedkeuren")), (REJECT, _("Terugsturen"))])
    comment = forms.CharField(
        label=_("Opmerking voor de schrijver"),
        help_text=_("Nodig als u terugstuurt. Bij goedkeuren mag het leeg blijven."),
        max_length=COMMENT_MAX_LENGTH,
        required=False,
        widget=forms.Textarea({"rows": 2}),
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("action") == self.REJECT and not cleaned.get("comment", "").strip():
            self.add_error("comment", _("Schrijf erbij wat de schrijver moet aanpassen."))
        return cleaned


class EditorPreferenceForm(forms.ModelForm):
    class Meta:
        model = EditorPreference
        fields = ["frequency"]
        widgets = {"frequency": forms.RadioSelect}
        help_texts = {"frequency": _("Wanneer wilt u een e-mail als er iets wacht op de redactie?")}
