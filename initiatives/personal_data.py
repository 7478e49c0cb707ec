"""What the initiatives section stores about people, and its part of "Mijn gegevens"."""

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from wijkplatform.personal_data import collector, labels, page_address, register

register(
    "initiatives",
    topic="contributions",
    title=_("Initiatieven"),
    fields={"initiatives.InitiativePage": ("organiser_name", "description", "photo")},
    what=_("Uw initiatief, en de naam waarmee u als organisator op de site staat."),
    why=_("Zodat mensen uit de wijk uw initiatief vinden, steunen en kunnen helpen."),
    who=_("Iedereen, als de redactie het initiatief publiceert. Daarvoor alleen u en de bewonersredactie."),
    how_long=_(
        "Zolang het initiatief op de site staat. Verwijdert u uw account, dan neemt de bewonersredactie "
        "uw initiatief over, zonder uw naam. Zo kunnen de vrijwilligers gewoon komen."
    ),
)

register(
    "signups",
    topic="volunteers",
    title=pgettext_lazy("kop in de privacyverklaring", "Aanmelden als vrijwilliger"),
    fields={"initiatives.Signup": ("name", "email", "phone", "language", "user")},
    what=_(
        "Als u zich aanmeldt voor een dienst: uw naam, uw e-mailadres en, als u dat wilt, uw telefoonnummer. "
        "En in welke taal u de site las, zodat onze e-mails in die taal komen."
    ),
    why=_(
        "Zodat de organisator weet wie er komt. En zodat wij u een bevestiging, een herinnering "
        "en nieuws over de dienst kunnen sturen."
    ),
    who=_("Alleen de organisator van het initiatief en de bewonersredactie."),
    how_long=_("Tot %(days)s dagen na de dienst. Meldt u zich af, dan wissen wij uw gegevens meteen."),
    days=lambda: settings.SIGNUP_RETENTION_DAYS,
)

register(
    "assisted_signups",
    topic="volunteers",
    title=_("Aangemeld door een verbinder"),
    fields={"initiatives.Signup": ("name", "phone", "assisted_by", "consent_at", "consent_explained")},
    what=_(
        "Heeft u geen e-mail? Dan kan een verbinder u aanmelden voor een dienst. Een verbinder is een buurtcoach "
        "of een vrijwilliger van Ons Huis van de Wijk. Wij bewaren dan uw naam en uw telefoonnummer. "
        "En wie u aanmeldde, wanneer u toestemming gaf en wat de verbinder u uitlegde."
    ),
    why=_(
        "Zodat de organisator weet wie er komt. En zodat de verbinder u kan bellen over de dienst: "
        "de verbinder krijgt de bevestiging en de herinnering voor u."
    ),
    who=_(
        "De verbinder die u aanmeldde, de organisator van het initiatief en de bewonersredactie. "
        "Andere verbinders zien het niet."
    ),
    how_long=_(
        "Tot %(days)s dagen na de dienst. Wilt u niet meer meedoen, of wilt u dat wij uw gegevens wissen? "
        "Zeg het tegen de verbinder. Die wist ze meteen."
    ),
    days=lambda: settings.SIGNUP_RETENTION_DAYS,
)

register(
    "support",
    topic="volunteers",
    title=_("Ik steun dit"),
    fields={"initiatives.Support": ("user",)},
    what=_(
        "Als u met een account op Ik steun dit klikt: dat u dit initiatief steunt. "
        "Zonder account bewaren wij niets over u. Uw browser onthoudt het in een cookie."
    ),
    why=_("Om te laten zien hoeveel mensen in de wijk het initiatief steunen."),
    who=_("Alleen u. Op de site staat alleen het aantal."),
    how_long=_("Tot u uw steun intrekt. Verwijdert u uw account, dan telt uw steun nog mee, zonder uw naam."),
)

register(
    "organiser_changes",
    topic="editors",
    title=_("Wijzigingen aan diensten en activiteiten"),
    fields={
        "initiatives.OrganiserChange": ("user",),
        "initiatives.Shift": ("hidden_by",),
        "initiatives.Activity": ("hidden_by",),
    },
    what=_("Wat een organisator verandert aan diensten en activiteiten. En welke redacteur iets verborg."),
    why=_("Deze wijzigingen staan meteen online. Zo kan de redactie ze toch nakijken."),
    who=_("De bewonersredactie. Uw eigen wijzigingen ziet u onder Mijn gegevens."),
    how_long=_("Zolang het initiatief bestaat. Verwijdert u uw account, dan blijven de wijzigingen, zonder uw naam."),
)

labels(
    {
        "vrijwilligersdiensten": _("Uw aanmeldingen als vrijwilliger"),
        "initiatief": _("Initiatief"),
        "taak": _("Taak"),
        "begint": _("Begint"),
        "naam": _("Naam"),
        "telefoon": _("Telefoon"),
        "aangemeld_op": _("Aangemeld op"),
        "aanmeldingen_voor_bewoners": _("Bewoners die u aanmeldde als verbinder"),
        "toestemming_op": _("Toestemming gegeven op"),
        "uitgelegd": _("Wat u uitlegde"),
        "steun_voor_initiatieven": _("Initiatieven die u steunt"),
        "wijzigingen_als_organisator": _("Uw wijzigingen als organisator"),
        "wat": _("Wat"),
        "wijziging": _("Wijziging"),
        "wanneer": _("Wanneer"),
    }
)


@collector
def initiatives_data(user):
    from initiatives import services
    from initiatives.models import OrganiserChange, Support

    signups = (
        signups_of(user)
        .select_related("shift", "shift__initiative")
        .order_by("shift__start", "pk")
    )
    assisted = services.assisted_signups_of(user)
    supports = Support.objects.filter(user=user).select_related("initiative").order_by("created_at")
    changes = OrganiserChange.objects.filter(user=user).select_related("initiative").order_by("created_at", "pk")
    return {
        "vrijwilligersdiensten": [
            {
                "initiatief": signup.shift.initiative.title,
                "webadres": page_address(signup.shift.initiative),
                "taak": signup.shift.task,
                "begint": timezone.localtime(signup.shift.start).isoformat(),
                "naam": signup.name,
                "email": signup.email,
                "telefoon": signup.phone,
                "status": str(signup.get_status_display()),
                "aangemeld_op": timezone.localtime(signup.created_at).isoformat(),
            }
            for signup in signups
        ],
        "aanmeldingen_voor_bewoners": [
            {
                "initiatief": signup.shift.initiative.title,
                "webadres": page_address(signup.shift.initiative),
                "taak": signup.shift.task,
                "begint": timezone.localtime(signup.shift.start).isoformat(),
                "naam": signup.name,
                "telefoon": signup.phone,
                "status": str(signup.get_status_display()),
                "aangemeld_op": timezone.localtime(signup.created_at).isoformat(),
                "toestemming_op": timezone.localtime(signup.consent_at).isoformat(),
                "uitgelegd": signup.consent_explained,
            }
            for signup in assisted
        ],
        "steun_voor_initiatieven": [
            {"initiatief": support.initiative.title, "webadres": page_address(support.initiative)} for support in supports
        ],
        "wijzigingen_als_organisator": [
            {
                "initiatief": change.initiative.title,
                "wat": change.subject,
                "soort": str(change.get_kind_display()),
                "wijziging": change.summary,
                "wanneer": timezone.localtime(change.created_at).isoformat(),
            }
            for change in changes
        ],
    }


def signups_of(user):
    """The account's sign-ups not yet erased: made while logged in, or with one of its confirmed addresses."""
    from django.db.models import Q

    from initiatives.models import Signup

    return Signup.objects.filter(Q(user=user) | Q(email__in=verified_addresses(user)), erased_at__isnull=True)


def verified_addresses(user):
    """
    The account's confirmed e-mail addresses, lower case: sign-ups made with them without logging in are
    theirs too. An address the account has not confirmed could be anyone's, so it does not count.
    """
    from allauth.account.models import EmailAddress

    return {address.lower() for address in EmailAddress.objects.filter(user=user, verified=True).values_list("email", flat=True)}
