"""What the editors' moderation stores about the editors themselves."""

from django.utils.translation import gettext_lazy as _

from wijkplatform.personal_data import collector, labels, register

register(
    "editor_mail",
    topic="editors",
    title=_("E-mail voor redacteuren"),
    fields={
        "moderation.EditorPreference": ("user", "frequency"),
        "moderation.EditorNotification": ("user", "sent_at"),
    },
    what=_("Voor redacteuren: hoe vaak u e-mail wilt over wat wacht, en over welke bijdragen u al een e-mail kreeg."),
    why=_("Zodat u hoort wat er wacht, en niet twee keer over hetzelfde."),
    who=_("Alleen de site zelf."),
    how_long=_("Tot u uw account verwijdert."),
)

labels({"redactie_email": _("E-mail over wat wacht op de redactie")})


@collector
def moderation_data(user):
    from moderation.models import EditorPreference

    preference = EditorPreference.objects.filter(user=user).first()
    return {"redactie_email": str(preference.get_frequency_display()) if preference else None}
