"""
Demo content of the drop-in app: the places, organisations and drop-in hours
of the Ruwaard (names of organisations are made up), one drop-in cancelled next
week, and the demo account `professional` working for the debt-help service.
`--scale N` adds N x 50 synthetic series for benchmarks.
"""

from datetime import date, time, timedelta

from django.utils import timezone

from dropins import services
from dropins.models import DropInException, DropInIndexPage, DropInPage, Organisation, SocialMapPage
from dropins.recurrence import TZ
from home.seed import demo_users, home_page
from places.models import Place
from wijkplatform.themes import Theme

SERIES_START = date(2025, 9, 1)
SCALE_BATCH = 50
SCALE_SLUG = "proef-spreekuur"

PLACES = [
    {
        "name": "Ons Huis van de Wijk",
        "address": "Wijkplein 12, 5344 KB Oss",
        "opening_notes": "Elke dag open, ook in het weekend. De koffie staat klaar.",
        "wheelchair_access": True,
        "hearing_loop": True,
        "parking": True,
    },
    {
        "name": "D'n Iemhof",
        "address": "Iemhofstraat 3, 5345 CD Oss",
        "opening_notes": "Ingang aan de kant van het plein. Er is een lift.",
        "wheelchair_access": True,
        "hearing_loop": False,
        "parking": True,
    },
    {
        "name": "Sportzaal De Ruwaard",
        "address": "Beweegpad 1, 5345 EF Oss",
        "opening_notes": "Kom in makkelijke kleren. Omkleden kan ter plekke.",
        "wheelchair_access": True,
        "hearing_loop": False,
        "parking": False,
    },
]

ORGANISATIONS = [
    ("Schuldhulp Maasland", Theme.MONEY, "Hulp bij rekeningen, schulden en geldzaken. Gratis en in vertrouwen.", "0412 700 101"),
    ("Werkpunt Oss", Theme.WORK, "Hulp bij werk zoeken, een uitkering of toeslagen.", "0412 700 202"),
    ("Thuiszorg Maasland", Theme.CARE, "Zorg en hulp bij u thuis, zoals douchen, aankleden of het huishouden.", "0412 700 303"),
    ("Beweegteam SEC Ruwaard", Theme.EXERCISE, "Samen bewegen, op uw eigen niveau. Ook als u lang niet gesport heeft.", "0412 700 404"),
    ("GGD Maasland", Theme.HEALTH, "Vragen over gezondheid, gezond leven en opgroeien.", "0412 700 505"),
    ("Maatschappelijk Werk De Brug", Theme.CARE, "Een luisterend oor en hulp als het thuis of met instanties niet lukt.", "0412 700 606"),
    ("Wijkverpleging Ruwaard", Theme.HEALTH, "De wijkverpleegkundige helpt bij zorg thuis en wijst u de weg.", "0412 700 707"),
]

# title, organisation, place, theme, frequency, weekday, start, end, what to bring, languages, intro
DROPINS = [
    (
        "Spreekuur geldzaken",
        "Schuldhulp Maasland",
        "Ons Huis van de Wijk",
        Theme.MONEY,
        DropInPage.WEEKLY,
        1,
        time(9, 30),
        time(11, 30),
        "Uw post en brieven over geld, als u die heeft.",
        "Nederlands, Turks",
        "Heeft u vragen over rekeningen, brieven of schulden? Loop binnen. Wij kijken samen wat u kunt doen.",
    ),
    (
        "Inloop werk en inkomen",
        "Werkpunt Oss",
        "Ons Huis van de Wijk",
        Theme.WORK,
        DropInPage.WEEKLY,
        3,
        time(13, 30),
        time(15, 30),
        "Uw DigiD, als u die heeft.",
        "Nederlands, Arabisch",
        "Vragen over werk, een uitkering of toeslagen? Wij helpen u verder.",
    ),
    (
        "Spreekuur thuiszorg",
        "Thuiszorg Maasland",
        "Ons Huis van de Wijk",
        Theme.CARE,
        DropInPage.BIWEEKLY,
        2,
        time(10, 0),
        time(11, 30),
        "",
        "Nederlands",
        "Wilt u weten welke hulp thuis er is, voor uzelf of voor iemand anders? Kom langs.",
    ),
    (
        "Samen bewegen",
        "Beweegteam SEC Ruwaard",
        "Sportzaal De Ruwaard",
        Theme.EXERCISE,
        DropInPage.WEEKLY,
        0,
        time(10, 0),
        time(11, 0),
        "Makkelijke kleren en een flesje water.",
        "Nederlands",
        "Een uur rustig bewegen met anderen uit de wijk. Iedereen kan meedoen.",
    ),
    (
        "Gezondheidsspreekuur",
        "GGD Maasland",
        "D'n Iemhof",
        Theme.HEALTH,
        DropInPage.BIWEEKLY,
        4,
        time(9, 0),
        time(10, 30),
        "",
        "Nederlands, Turks",
        "Vragen over uw gezondheid of over gezond leven? De GGD denkt met u mee.",
    ),
    (
        "Opvoedspreekuur",
        "GGD Maasland",
        "Ons Huis van de Wijk",
        Theme.PARENTING,
        DropInPage.BIWEEKLY,
        2,
        time(14, 0),
        time(15, 30),
        "",
        "Nederlands, Turks, Arabisch",
        "Vragen over opvoeden of opgroeien? Over slapen, eten of ruzie thuis? Kom gerust langs.",
    ),
    (
        "Spreekuur maatschappelijk werk",
        "Maatschappelijk Werk De Brug",
        "Ons Huis van de Wijk",
        Theme.CARE,
        DropInPage.WEEKLY,
        0,
        time(13, 30),
        time(15, 0),
        "Brieven waar u vragen over heeft.",
        "Nederlands",
        "Loopt het even niet? Met geld, thuis, of met instanties? Praat met ons.",
    ),
    (
        "Vraag het de wijkverpleegkundige",
        "Wijkverpleging Ruwaard",
        "Ons Huis van de Wijk",
        Theme.HEALTH,
        DropInPage.WEEKLY,
        3,
        time(10, 0),
        time(11, 0),
        "Uw medicijnlijst, als u vragen over medicijnen heeft.",
        "Nederlands",
        "Vragen over zorg thuis, wondzorg of medicijnen? De wijkverpleegkundige is er voor u.",
    ),
]

ONE_OFF = (
    "Informatiemiddag mantelzorg",
    "Wijkverpleging Ruwaard",
    "D'n Iemhof",
    Theme.CARE,
    "Zorgt u voor iemand in uw omgeving? Hoor wat u kunt regelen en waar u hulp vindt.",
)


def ensure_index_pages():
    """The /inloop/ and /wie-doet-wat/ pages (the migration makes them too)."""
    home = home_page()
    index = DropInIndexPage.objects.first()
    if index is None:
        index = home.add_child(instance=DropInIndexPage(title="Inloopspreekuren", slug="inloop"))
    if not SocialMapPage.objects.exists():
        home.add_child(instance=SocialMapPage(title="Wie doet wat", slug="wie-doet-wat"))
    return index


def _publish(page, editor):
    page.save_revision(user=editor, log_action=False).publish(user=editor, log_action=False)


def run(*, scale, stdout):
    users = demo_users()
    editor, professional = users["redacteur"], users["professional"]
    index = ensure_index_pages()

    places = {}
    for data in PLACES:
        place, created = Place.objects.get_or_create(name=data["name"], defaults=data)
        places[place.name] = place
    organisations = {}
    for name, theme, helps_with, phone in ORGANISATIONS:
        slug = name.lower().replace(" ", "")[:20]
        organisation, _created = Organisation.objects.get_or_create(
            name=name,
            defaults={"theme": theme, "helps_with": helps_with, "phone": phone, "email": f"inloop@{slug}.example"},
        )
        organisations[name] = organisation
    organisations["Schuldhulp Maasland"].members.add(professional)
    organisations["Schuldhulp Maasland"].save()

    existing = {page.slug: page for page in DropInPage.objects.child_of(index)}
    series = []
    for title, organisation, place, theme, frequency, weekday, start, end, bring, languages, intro in DROPINS:
        page = existing.get(_slug(title))
        if page is None:
            page = DropInPage(
                title=title,
                slug=_slug(title),
                organisation=organisations[organisation],
                place=places[place],
                theme=theme,
                frequency=frequency,
                weekday=weekday,
                starts_on=SERIES_START,
                start_time=start,
                end_time=end,
                what_to_bring=bring,
                languages=languages,
                intro=intro,
                owner=professional if organisation == "Schuldhulp Maasland" else editor,
            )
            index.add_child(instance=page)
            _publish(page, editor)
        series.append(page)

    today = timezone.now().astimezone(TZ).date()
    title, organisation, place, theme, intro = ONE_OFF
    if _slug(title) not in existing:
        page = DropInPage(
            title=title,
            slug=_slug(title),
            organisation=organisations[organisation],
            place=places[place],
            theme=theme,
            frequency=DropInPage.ONCE,
            starts_on=today + timedelta(days=17),
            start_time=time(14, 0),
            end_time=time(16, 0),
            intro=intro,
            languages="Nederlands",
            owner=editor,
        )
        index.add_child(instance=page)
        _publish(page, editor)

    # One drop-in is cancelled next week, as happens.
    money = series[0]
    if not DropInException.objects.filter(page=money, date__gte=today, kind=DropInException.CANCELLED).exists():
        next_monday = today + timedelta(days=7 - today.weekday())
        day = money.rule.dates(next_monday, next_monday + timedelta(days=6))[0]
        services.cancel_occurrence(money, day, professional, "De medewerker is op vakantie.")

    if scale:
        add_volume(index, scale * SCALE_BATCH, list(organisations.values()), list(places.values()))
    stdout.write(
        f"Drop-in hours: {DropInPage.objects.count()} series, {Organisation.objects.count()} organisations, "
        f"{Place.objects.count()} places; log in as 'professional' for /inloop/mijn-spreekuren/."
    )


def _slug(title):
    from django.utils.text import slugify

    return slugify(title)


def add_volume(index, count, organisations, places):
    """Synthetic live series (no revisions) with an exception each, for benchmarks; idempotent by slug."""
    taken = set(DropInPage.objects.child_of(index).filter(slug__startswith=SCALE_SLUG).values_list("slug", flat=True))
    themes = list(Theme.values)
    today = timezone.now().astimezone(TZ).date()
    exceptions = []
    for number in range(count):
        slug = f"{SCALE_SLUG}-{number}"
        if slug in taken:
            continue
        page = DropInPage(
            title=f"Proefspreekuur {number}",
            slug=slug,
            organisation=organisations[number % len(organisations)],
            place=places[number % len(places)],
            theme=themes[number % len(themes)],
            frequency=DropInPage.BIWEEKLY if number % 3 == 0 else DropInPage.WEEKLY,
            weekday=number % 7,
            starts_on=SERIES_START + timedelta(days=number % 60),
            ends_on=None if number % 4 else today + timedelta(days=200 + number % 100),
            start_time=time(8 + number % 10, 30 if number % 2 else 0),
            end_time=time(9 + number % 10, 30 if number % 2 else 0),
            intro="Een spreekuur om de site mee te meten.",
            live=True,
            has_unpublished_changes=False,
            first_published_at=timezone.now(),
        )
        index.add_child(instance=page)
        day = page.rule.dates(today, today + timedelta(weeks=3))
        if day:
            exceptions.append(
                DropInException(page=page, date=day[0], kind=DropInException.CANCELLED, reason="Proef: vervalt.")
            )
    DropInException.objects.bulk_create(exceptions, ignore_conflicts=True)
