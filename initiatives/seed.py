"""Demo initiatives for `seed_demo`: a few real-looking ones with shifts, and synthetic volume with --scale."""

from datetime import datetime, time, timedelta

from django.db.models import F
from django.utils import timezone

from home.seed import demo_users, home_page
from initiatives import services
from initiatives.models import InitiativeIndexPage, InitiativePage, InitiativeTheme, Shift, Signup
from places.models import Place
from wijkplatform.themes import Theme

SCALE_UNIT = 200
SHIFTS_PER_SYNTHETIC = 10

PLACES = {
    "huis": ("Ons Huis van de Wijk", "Ruwaardstraat 1, Oss"),
    "iemhof": ("D'n Iemhof", "Iemhof 2, Oss"),
}

# Made-up first names only.
VOLUNTEERS = ["Ans", "Henk", "Fatma", "Joop", "Mieke", "Sem", "Ayse", "Kees", "Lotte", "Mohamed", "Riet", "Bram", "Nora", "Wim"]
# Residents without e-mail whom the demo connector signed up (fictional names and numbers).
ASSISTED_RESIDENTS = [("Truus", "0612345601"), ("Gerrit", "0412123402")]

INITIATIVES = [
    {
        "slug": "repair-cafe-ruwaard",
        "title": "Repair Café Ruwaard",
        "aim": "Samen spullen repareren in plaats van weggooien.",
        "description": "Kapotte broodrooster? Fiets met een lekke band? Breng het mee. Vrijwilligers kijken samen met u "
        "hoe het weer werkt. De koffie staat klaar.\n\nWe zoeken mensen die handig zijn, en mensen die koffie willen schenken.",
        "organiser_name": "Henk",
        "place": "huis",
        "themes": [Theme.GREEN, Theme.MEETING],
        "activities": [("Repair Café", 5, time(10), time(13)), ("Repair Café", 19, time(10), time(13))],
        "shifts": [
            # task, days ahead, from, to, capacity, confirmed, waitlisted, note
            ("Koffie en thee schenken", 5, time(9, 30), time(13), 3, 1, 0, "Geen ervaring nodig."),
            ("Fietsen repareren", 5, time(10), time(13), 4, 3, 0, "Neem zelf gereedschap mee als u dat heeft."),
            ("Elektrische apparaten nakijken", 19, time(10), time(13), 3, 0, 0, ""),
        ],
    },
    {
        "slug": "koken-met-kinderen",
        "title": "Koken met kinderen",
        "aim": "Kinderen uit de wijk leren gezond en goedkoop koken.",
        "description": "Elke maand koken we met kinderen van 8 tot 12 jaar. Daarna eten we samen met de ouders.\n\n"
        "We zoeken volwassenen die willen helpen in de keuken.",
        "organiser_name": "Fatma",
        "place": "huis",
        "themes": [Theme.FOOD, Theme.PARENTING],
        "activities": [("Samen eten met de ouders", 8, time(17, 30), time(19))],
        "shifts": [
            ("Helpen in de keuken", 8, time(15, 30), time(18), 4, 4, 2, "U werkt samen met een kok."),
            ("Afwassen en opruimen", 8, time(18, 30), time(19, 30), 2, 1, 0, "Geen ervaring nodig."),
        ],
    },
    {
        "slug": "wandelgroep-de-ruwaard",
        "title": "Wandelgroep De Ruwaard",
        "aim": "Elke week samen een uur wandelen door de wijk.",
        "description": "We lopen in een rustig tempo. Iedereen kan mee, ook met een rollator.\n\n"
        "We zoeken mensen die een wandeling willen begeleiden.",
        "organiser_name": "Mieke",
        "place": "iemhof",
        "themes": [Theme.EXERCISE, Theme.MEETING],
        "activities": [("Wandeling door de wijk", 2, time(10), time(11)), ("Wandeling door de wijk", 9, time(10), time(11))],
        "shifts": [("Wandeling begeleiden", 9, time(9, 45), time(11, 15), 2, 0, 0, "Goed ter been zijn is handig.")],
    },
    {
        "slug": "opschoondag-in-de-wijk",
        "title": "Opschoondag in de wijk",
        "aim": "Een schone wijk waar iedereen graag buiten is.",
        "description": "Met grijpers en vuilniszakken maken we de straten en het park schoon. Handschoenen zijn er.\n\n"
        "Na afloop is er soep voor iedereen die meedoet.",
        "organiser_name": "Joop",
        "place": "iemhof",
        "themes": [Theme.GREEN],
        "activities": [],
        "shifts": [
            ("Zwerfafval prikken", 12, time(10), time(12), 15, 9, 0, "Geen ervaring nodig. Kinderen mogen mee."),
            ("Soep en koffie klaarzetten", 12, time(11, 30), time(13), 2, 1, 0, ""),
        ],
    },
    {
        "slug": "de-deelwerf",
        "title": "De Deelwerf",
        "aim": "Gereedschap delen met de buren, zodat niet iedereen alles hoeft te kopen.",
        "description": "Een boormachine gebruikt u maar een paar minuten per jaar. Bij De Deelwerf leent u hem gewoon.\n\n"
        "We zoeken mensen die op zaterdag de uitleen willen doen.",
        "organiser_name": "Sem",
        "place": "huis",
        "themes": [Theme.HOUSING, Theme.GREEN],
        "activities": [],
        "shifts": [("Uitleen op zaterdag", 6, time(10), time(12), 2, 1, 0, "U helpt mensen iets te lenen en terug te brengen.")],
    },
]


def at(days, clock):
    day = timezone.localdate() + timedelta(days=days)
    return timezone.make_aware(datetime.combine(day, clock))


def places():
    result = {}
    for key, (name, address) in PLACES.items():
        place = Place.objects.filter(name__iexact=name).first()
        if place is None:
            place = Place.objects.create(name=name, address=address, wheelchair_access=True)
        result[key] = place
    return result


def index_page(editor):
    index = InitiativeIndexPage.objects.first()
    if index is None:
        index = InitiativeIndexPage(title="Initiatieven", slug="initiatieven")
        home_page().add_child(instance=index)
        index.save_revision(user=editor).publish()
    return index


def add_signups(shift, confirmed, waitlisted, volunteer):
    """Demo volunteers on `shift` through the sign-up service, without mail; returns the next volunteer number."""
    for _number in range(confirmed + waitlisted):
        name = VOLUNTEERS[volunteer % len(VOLUNTEERS)]
        volunteer += 1
        services.sign_up(shift, name, f"{name.lower()}.{volunteer}@example.org", join_waitlist=True, notify=False)
    return volunteer


def add_assisted_signups(connector):
    """The demo connector's residents on the first demo shift that keeps free places after them; once."""
    if Signup.objects.filter(assisted_by=connector).exists():
        return
    shift = (
        Shift.objects.filter(initiative__slug__in=[spec["slug"] for spec in INITIATIVES], start__gt=timezone.now())
        .filter(closed=False, cancelled=False, capacity__gt=F("confirmed_count") + len(ASSISTED_RESIDENTS))
        .order_by("start", "pk")
        .first()
    )
    if shift is None:
        return
    for name, phone in ASSISTED_RESIDENTS:
        services.sign_up(
            shift,
            name,
            "",
            phone,
            join_waitlist=True,
            notify=False,
            assisted_by=connector,
            consent_explained="Wij bewaren de naam en het telefoonnummer. Alleen de organisator en ik zien ze. "
            "Na de dienst worden ze gewist.",
        )


def run(*, scale, stdout):
    users = demo_users()
    editor, organiser = users["redacteur"], users["bewoner"]
    index = index_page(editor)
    known_places = places()
    created = 0
    for spec in INITIATIVES:
        if InitiativePage.objects.filter(slug=spec["slug"]).exists():
            continue
        page = InitiativePage(
            title=spec["title"],
            slug=spec["slug"],
            aim=spec["aim"],
            description=spec["description"],
            organiser_name=spec["organiser_name"],
            place=known_places[spec["place"]],
            themes=[InitiativeTheme(theme=theme) for theme in spec["themes"]],
            owner=organiser,
        )
        shifts = services.publish_initiative(
            index,
            page,
            editor,
            shifts=[
                {"task": task, "start": at(days, start), "end": at(days, end), "capacity": capacity, "note": note}
                for task, days, start, end, capacity, _confirmed, _waitlisted, note in spec["shifts"]
            ],
            activities=[
                {"title": title, "start": at(days, start), "end": at(days, end)}
                for title, days, start, end in spec["activities"]
            ],
        )
        volunteer = 0
        for shift, (*_shift, confirmed, waitlisted, _note) in zip(shifts, spec["shifts"]):
            volunteer = add_signups(shift, confirmed, waitlisted, volunteer)
        created += 1
    add_assisted_signups(users["verbinder"])
    synthetic = seed_volume(index, organiser, known_places["huis"], scale) if scale else 0
    stdout.write(f"Initiatives: {created} demo, {synthetic} synthetic added")


def seed_volume(index, owner, place, scale):
    """N x 200 published initiatives with 10 shifts each; pages without revisions, shifts in bulk."""
    wanted = scale * SCALE_UNIT
    existing = InitiativePage.objects.filter(slug__startswith="synthetisch-").count()
    themes = list(Theme.values)
    shifts = []
    for number in range(existing, wanted):
        page = InitiativePage(
            title=f"Buurtinitiatief {number + 1}",
            slug=f"synthetisch-{number + 1}",
            aim="Samen iets doen voor de wijk.",
            description="Een initiatief om de site mee te meten.",
            organiser_name=VOLUNTEERS[number % len(VOLUNTEERS)],
            place=place,
            themes=[InitiativeTheme(theme=themes[number % len(themes)])],
            owner=owner,
            live=True,
            first_published_at=timezone.now(),
        )
        index.add_child(instance=page)
        for slot in range(SHIFTS_PER_SYNTHETIC):
            # Spread over the coming year, as real shifts would be.
            start = at(1 + (number * 7 + slot * 37) % 365, time(9 + slot % 8))
            shifts.append(
                Shift(initiative=page, task=f"Helpen {slot + 1}", start=start, end=start + timedelta(hours=2), capacity=5)
            )
        if len(shifts) >= 2000:
            Shift.objects.bulk_create(shifts)
            shifts = []
    Shift.objects.bulk_create(shifts)
    return max(wanted - existing, 0)
