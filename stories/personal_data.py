"""What the stories section stores about people, and its part of "Mijn gegevens"."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wijkplatform.personal_data import collector, labels, page_address, register

register(
    "stories",
    topic="contributions",
    title=_("Verhalen"),
    fields={"stories.StoryPage": ("author_name", "intro", "body", "main_image", "main_image_alt")},
    what=_("Uw verhaal, de foto's erbij en de naam die u bij het verhaal zet."),
    why=_("Om uw verhaal te delen met de wijk, op de site en in de wijkkrant Rucreant."),
    who=_("Iedereen, als de redactie het verhaal publiceert. Daarvoor alleen u en de bewonersredactie."),
    how_long=_(
        "Zolang het verhaal op de site staat. Verwijdert u uw account, dan kiest u: "
        "uw verhalen gaan weg, of ze blijven staan zonder uw naam."
    ),
)

register(
    "story_reports",
    topic="contributions",
    title=_("Meldingen over een verhaal"),
    fields={"stories.StoryReport": ("reporter", "reporter_key", "explanation")},
    what=_(
        "Als u een verhaal meldt: de reden en uw uitleg. Met een account ook dat u het was. "
        "Zonder account een code die gemaakt is van uw internetadres, niet het adres zelf."
    ),
    why=_("Zodat de redactie de melding kan bekijken. En zodat één persoon een verhaal maar één keer meldt."),
    who=_("Alleen de bewonersredactie."),
    how_long=_(
        "Tot het verhaal verwijderd wordt. Verwijdert u uw account, dan blijft uw uitleg voor de redactie, "
        "maar niet meer wie het schreef."
    ),
)

labels(
    {
        "verhalen": _("Uw verhalen"),
        "naam_bij_verhaal": _("Naam bij het verhaal"),
        "datum": _("Datum"),
        "themas": _("Thema's"),
        "meldingen": _("Uw meldingen over verhalen"),
        "verhaal": _("Verhaal"),
        "reden": _("Reden"),
        "toelichting": _("Uw uitleg"),
        "gemeld_op": _("Gemeld op"),
    }
)


@collector
def stories_data(user):
    from stories.models import StoryPage, StoryReport

    return {
        "verhalen": [
            {
                "titel": story.title,
                "naam_bij_verhaal": story.author_name,
                "datum": story.date.isoformat(),
                "gepubliceerd": story.live,
                "webadres": page_address(story),
                "themas": sorted(tag.name for tag in story.tags.all()),
            }
            for story in StoryPage.objects.filter(owner=user).prefetch_related("tags").order_by("path")
        ],
        "meldingen": [
            {
                "verhaal": report.story.title,
                "webadres": page_address(report.story),
                "reden": report.get_reason_display(),
                "toelichting": report.explanation,
                "gemeld_op": timezone.localtime(report.created_at).isoformat(),
            }
            for report in StoryReport.objects.filter(reporter=user).select_related("story").order_by("created_at")
        ],
    }
