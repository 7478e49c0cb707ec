"""What the agenda stores about people: who organises a resident's activity."""

from django.utils.translation import gettext_lazy as _

from wijkplatform.personal_data import register

register(
    "agenda_activities",
    topic="contributions",
    title=_("Activiteiten in de agenda"),
    fields={"agenda.ActivityPage": ("organiser", "description")},
    what=_("Een activiteit die u in de agenda zet, met wie het organiseert."),
    why=_("Zodat de wijk weet wat er te doen is, en bij wie."),
    who=_("Iedereen, als de redactie de activiteit publiceert. Daarvoor alleen u en de bewonersredactie."),
    how_long=_(
        "Zolang de activiteit op de site staat. Verwijdert u uw account, dan blijft een gepubliceerde activiteit "
        "staan, zonder uw naam."
    ),
)
