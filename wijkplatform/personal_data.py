"""
The platform's own register of personal data, and "Mijn gegevens".

Each app says in its `personal_data.py` what it stores about people with
`register()`: which model fields, what, why, who sees it and how long. The
privacy page is rendered from these entries, and a test holds them against the
models, so the page cannot drift from what is stored. The same modules add
their part of an account's download with `@collector` and `labels()`. They are
found at start-up (WijkplatformConfig.ready). The download's shape is
docs/personal-data.schema.json (see docs/personal-data.md).
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.conf import settings
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

FORMAT = "wijkderuwaard.mijn-gegevens/2"
SCHEMA_FILE = settings.BASE_DIR / "docs" / "personal-data.schema.json"

# Headings of the privacy page, in this order.
TOPICS = {
    "account": _("Als u een account heeft"),
    "contributions": _("Wat u instuurt"),
    "volunteers": _("Vrijwilligers en steun"),
    "organisations": _("Organisaties en spreekuren"),
    "editors": _("Voor de redactie en het beheer"),
    "technical": _("Techniek: inloggen en e-mail"),
}


@dataclass(frozen=True)
class PersonalData:
    """One kind of personal data: where it is stored (model label -> fields) and what the privacy page says about it."""

    key: str
    topic: str
    title: str
    fields: dict[str, tuple[str, ...]]
    what: str
    why: str
    who: str
    how_long: str  # may hold %(days)s, filled in from `days`
    days: Callable[[], int] | None = field(default=None, compare=False)

    @property
    def topic_label(self):
        return TOPICS[self.topic]

    def how_long_text(self):
        text = str(self.how_long)
        return text % {"days": self.days()} if self.days else text

    def as_text(self):
        return " ".join(str(part) for part in (self.title, self.what, self.why, self.who, self.how_long_text()))


_register = {}
_collectors = []
_labels = {}


def register(key, *, topic, title, fields, what, why, who, how_long, days=None):
    """Declare one kind of personal data. `fields` maps "app_label.ModelName" to the fields that hold it."""
    if topic not in TOPICS:
        raise ValueError(f"Unknown topic {topic!r}")
    _register[key] = PersonalData(
        key, topic, title, {model: tuple(names) for model, names in fields.items()}, what, why, who, how_long, days
    )


def entries():
    """Every registered kind of personal data, in the order of TOPICS."""
    order = list(TOPICS)
    return sorted(_register.values(), key=lambda entry: order.index(entry.topic))


def topics():
    """[(topic label, [entries])] for the privacy page."""
    grouped = {}
    for entry in entries():
        grouped.setdefault(entry.topic, []).append(entry)
    return [(TOPICS[topic], items) for topic, items in grouped.items()]


def registered_fields():
    """{"app_label.ModelName": {field names}} over all entries."""
    found = {}
    for entry in _register.values():
        for model, names in entry.fields.items():
            found.setdefault(model, set()).update(names)
    return found


def collector(function):
    """Register `function(user) -> dict` whose items are added to the download."""
    _collectors.append(function)
    return function


def labels(mapping):
    """Readable names for keys of the download, for the "Mijn gegevens" page."""
    _labels.update(mapping)


def has_label(key):
    return key in _labels


def label_for(key):
    return _labels.get(key) or capfirst(key.replace("_", " "))


def page_address(page):
    """
    The public web address of a live page (BASE_URL + its path, as in e-mails), else None: drafts and
    unpublished pages have none.
    """
    from wijkplatform.mail import absolute_url

    path = page.get_url() if page.live else None
    return absolute_url(path) if path else None


def collect(user):
    from allauth.account.models import EmailAddress

    data = {
        "formaat": FORMAT,
        "gemaakt_op": timezone.localtime().isoformat(),
        "account": {
            "gebruikersnaam": user.get_username(),
            "voornaam": user.first_name,
            "achternaam": user.last_name,
            "email": user.email,
            "aangemaakt": timezone.localtime(user.date_joined).isoformat(),
            "laatst_ingelogd": timezone.localtime(user.last_login).isoformat() if user.last_login else None,
            "groepen": sorted(user.groups.values_list("name", flat=True)),
            "emailadressen": [
                {"adres": address.email, "bevestigd": address.verified}
                for address in EmailAddress.objects.filter(user=user).order_by("pk")
            ],
            "taal": _user_language(user),
        },
    }
    for function in _collectors:
        data.update(function(user))
    return data


def _user_language(user):
    from wagtail.users.models import UserProfile

    return UserProfile.objects.filter(user=user).values_list("preferred_language", flat=True).first() or ""


META_KEYS = ("formaat", "gemaakt_op")


def readable(data):
    """
    The download as sections for the "Mijn gegevens" page: [(label, key, rows)], each row a list of
    (label, value, kind) with kind "link", "text" or "empty", and values in words.
    """
    sections = []
    for key, value in data.items():
        if key in META_KEYS:
            continue
        if isinstance(value, list):
            items = value
        else:
            items = [] if value is None else [value]
        sections.append((label_for(key), key, [_readable_item(item) for item in items]))
    return sections


def _readable_item(item):
    if not isinstance(item, dict):
        return [("", *_readable_value(item))]
    return [(label_for(key), *_readable_value(value)) for key, value in item.items()]


def _readable_value(value):
    from django.utils.formats import date_format

    if value is None or value == "" or value == []:
        return _("niet ingevuld"), "empty"
    if isinstance(value, bool):
        return (_("ja") if value else _("nee")), "text"
    if isinstance(value, list):
        if all(isinstance(item, dict) for item in value):
            return "; ".join(", ".join(str(_readable_value(part)[0]) for part in item.values()) for item in value), "text"
        return ", ".join(str(item) for item in value), "text"
    if isinstance(value, str):
        if value.startswith(("http://", "https://")):
            return value, "link"
        moment = parse_datetime(value) if "T" in value else None
        if moment is not None:
            return date_format(timezone.localtime(moment), "DATETIME_FORMAT"), "text"
        day = parse_date(value) if len(value) == 10 else None
        if day is not None:
            return date_format(day, "DATE_FORMAT"), "text"
    return str(value), "text"


labels(
    {
        "account": _("Uw account"),
        "gebruikersnaam": _("Gebruikersnaam"),
        "voornaam": _("Voornaam"),
        "achternaam": _("Achternaam"),
        "email": _("E-mailadres"),
        "aangemaakt": _("Aangemaakt op"),
        "laatst_ingelogd": _("Laatst ingelogd"),
        "groepen": _("Groepen"),
        "emailadressen": _("E-mailadressen"),
        "adres": _("Adres"),
        "bevestigd": _("Bevestigd"),
        "taal": _("Taal"),
        "bijdragen": _("Wat u instuurde"),
        "titel": _("Titel"),
        "soort": _("Soort"),
        "webadres": _("Webadres"),
        "status": _("Status"),
        "gepubliceerd": _("Gepubliceerd"),
        "eerst_gepubliceerd": _("Voor het eerst gepubliceerd"),
    }
)


@collector
def own_pages(user):
    from wagtail.models import Page

    from wijkplatform.moderation import contribution_status

    pages = Page.objects.filter(owner=user).exclude(depth__lte=1).specific().order_by("path")
    return {
        "bijdragen": [
            {
                "titel": page.title,
                "soort": str(capfirst(page.specific_class._meta.verbose_name)) if page.specific_class else "",
                "webadres": page_address(page),
                "status": str(contribution_status(page).label),
                "gepubliceerd": page.live,
                "eerst_gepubliceerd": (
                    timezone.localtime(page.first_published_at).isoformat() if page.first_published_at else None
                ),
            }
            for page in pages
        ]
    }


# What the platform itself and the libraries it is built on store about people.

register(
    "account",
    topic="account",
    title=_("Uw account"),
    fields={
        "auth.User": (
            "username", "first_name", "last_name", "email", "password", "last_login", "date_joined", "groups",
        ),
        "account.EmailAddress": ("user", "email", "verified", "primary"),
        "account.EmailConfirmation": ("email_address", "key", "sent"),
        "wagtailusers.UserProfile": ("user", "preferred_language", "current_time_zone", "avatar"),
    },
    what=_(
        "Uw gebruikersnaam, uw e-mailadres en uw wachtwoord. Het wachtwoord bewaren wij alleen versleuteld. "
        "Uw naam, als u die invult. Wanneer u uw account maakte en voor het laatst inlogde. Uw taal. "
        "En de code waarmee u uw e-mailadres bevestigt."
    ),
    why=_("Zodat u kunt inloggen. En zodat wij u kunnen mailen over wat u instuurt."),
    who=_("Alleen u. De bewonersredactie ziet uw gebruikersnaam bij wat u instuurt."),
    how_long=_("Tot u uw account verwijdert."),
)

register(
    "page_history",
    topic="contributions",
    title=_("Versies van pagina's"),
    fields={
        "wagtailcore.Page": ("owner", "locked_by"),
        "wagtailcore.Revision": ("user", "content"),
        "wagtailcore.WorkflowState": ("requested_by",),
        "wagtailcore.TaskState": ("finished_by",),
        "wagtailcore.PageLogEntry": ("user",),
        "wagtailcore.ModelLogEntry": ("user",),
    },
    what=_(
        "Van elke pagina bewaren wij de versies. Daarbij staat wie de pagina maakte, wie iets veranderde, "
        "wie het instuurde en welke redacteur het goedkeurde."
    ),
    why=_("Zo ziet de redactie wat er veranderd is. En kan zij een oude versie terugzetten."),
    who=_("De bewonersredactie. U ziet zelf onder Mijn bijdragen hoe het met uw bijdragen staat."),
    how_long=_("Zolang de pagina bestaat. Verwijdert u uw account, dan halen wij uw naam uit alle versies."),
)

register(
    "uploads",
    topic="contributions",
    title=_("Foto's en documenten"),
    fields={
        "wagtailimages.Image": ("file", "uploaded_by_user"),
        "wagtaildocs.Document": ("file", "uploaded_by_user"),
        "wagtailcore.UploadedFile": ("file", "uploaded_by_user"),
    },
    what=_("Foto's die u bij een verhaal of initiatief stuurt, en wie ze stuurde. De redactie kan ook documenten sturen."),
    why=_("Om ze bij uw verhaal of initiatief te laten zien."),
    who=_("Iedereen, als de foto bij een gepubliceerde pagina staat. Wie de foto stuurde, ziet alleen de redactie."),
    how_long=_(
        "Zolang de foto ergens op de site staat. Verwijdert u uw account, dan verwijderen wij de foto's bij alles "
        "wat wij weghalen, als ze nergens anders op de site staan."
    ),
)

register(
    "admin_comments",
    topic="editors",
    title=_("Opmerkingen in het beheer"),
    fields={
        "wagtailcore.Comment": ("user", "text", "resolved_by"),
        "wagtailcore.CommentReply": ("user", "text"),
        "wagtailcore.PageSubscription": ("user",),
    },
    what=_("Opmerkingen die u in het beheer bij een pagina schrijft, en of u mail wilt over nieuwe opmerkingen."),
    why=_("Zo kunnen de schrijver en de redactie samen aan een pagina werken."),
    who=_("Wie de pagina in het beheer mag bewerken."),
    how_long=_("Tot de opmerking verwijderd wordt. Verwijdert u uw account, dan verwijderen wij uw opmerkingen."),
)

register(
    "admin_sessions",
    topic="editors",
    title=_("Werken in het beheer"),
    fields={
        "wagtailadmin.EditingSession": ("user", "last_seen_at"),
        "wagtailadmin.FormState": ("user", "data"),
        "wagtailcore.APIToken": ("user", "name"),
    },
    what=_("Wie op dit moment een pagina bewerkt, en wat u in een formulier in het beheer heeft ingevuld maar nog niet bewaard."),
    why=_("Zodat twee mensen niet tegelijk hetzelfde veranderen. En zodat u niets kwijtraakt."),
    who=_("Andere mensen die dezelfde pagina in het beheer openen."),
    how_long=_("Tot u klaar bent met bewerken. Verwijdert u uw account, dan verwijderen wij dit ook."),
)

register(
    "sessions",
    topic="technical",
    title=_("Ingelogd blijven"),
    fields={"sessions.Session": ("session_key", "session_data", "expire_date")},
    what=_("Een cookie met een code. Daaraan herkent de site dat u bent ingelogd."),
    why=_("Anders moet u op elke pagina opnieuw inloggen."),
    who=_("Niemand. Alleen de site zelf gebruikt het."),
    how_long=_("%(days)s dagen, of tot u uitlogt."),
    days=lambda: settings.SESSION_COOKIE_AGE // (24 * 60 * 60),
)

register(
    "mail_queue",
    topic="technical",
    title=_("E-mails van de site"),
    fields={"django_tasks_database.DBTaskResult": ("args_kwargs",)},
    what=_("Een kopie van elke e-mail die de site verstuurt, met het e-mailadres."),
    why=_("Zodat de site een e-mail opnieuw kan sturen als het de eerste keer niet lukt."),
    who=_("Alleen de technisch beheerder."),
    how_long=_(
        "%(days)s dagen na het versturen. Verwijdert u uw account, dan verwijderen wij de kopieën meteen. "
        "Alleen de e-mail die dat bevestigt, blijft nog %(days)s dagen."
    ),
    days=lambda: settings.MAIL_QUEUE_RETENTION_DAYS,
)
