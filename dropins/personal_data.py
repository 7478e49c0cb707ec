"""What the drop-in app stores about people, and its part of "Mijn gegevens": the organisations someone works for and their corrections."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wijkplatform.personal_data import collector, labels, page_address, register

register(
    "organisation_members",
    topic="organisations",
    title=_("Werken voor een organisatie"),
    fields={"dropins.Organisation": ("members", "email", "phone")},
    what=_(
        "Als u wijkprofessional bent: voor welke organisatie u werkt. "
        "En het e-mailadres en telefoonnummer van de organisatie, soms van een medewerker."
    ),
    why=_("Zodat u de spreekuren van uw organisatie kunt bijhouden. En zodat bewoners de organisatie kunnen bereiken."),
    who=_("Voor wie u werkt: alleen de redactie. Het e-mailadres en telefoonnummer van de organisatie: iedereen."),
    how_long=_("Tot de redactie u uit de organisatie haalt, of tot u uw account verwijdert."),
)

register(
    "dropin_exceptions",
    topic="organisations",
    title=_("Spreekuur vervalt of verplaatst"),
    fields={"dropins.DropInException": ("created_by", "reason")},
    what=_("Wie een spreekuur liet vervallen of verplaatste, en waarom."),
    why=_("Voor als er vragen zijn over de wijziging."),
    who=_("De reden: iedereen. Wie het deed: alleen de technisch beheerder."),
    how_long=_("Zolang het spreekuur bestaat. Verwijdert u uw account, dan blijft de wijziging, zonder uw naam."),
)

labels(
    {
        "organisaties": _("Organisaties waarvoor u werkt"),
        "spreekuur_wijzigingen": _("Spreekuren die u liet vervallen of verplaatste"),
        "spreekuur": _("Spreekuur"),
        "datum": _("Datum"),
        "gewijzigd_op": _("Gewijzigd op"),
    }
)


@collector
def dropin_data(user):
    from dropins.models import DropInException, Organisation

    exceptions = DropInException.objects.filter(created_by=user).select_related("page").order_by("date", "pk")
    return {
        "organisaties": list(Organisation.objects.filter(members=user).order_by("name").values_list("name", flat=True)),
        "spreekuur_wijzigingen": [
            {
                "spreekuur": exception.page.title,
                "webadres": page_address(exception.page),
                "datum": exception.date.isoformat(),
                "soort": str(exception.get_kind_display()),
                "reden": exception.reason,
                "gewijzigd_op": timezone.localtime(exception.created_at).isoformat(),
            }
            for exception in exceptions
        ],
    }
