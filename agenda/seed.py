"""
Demo content for the agenda: four weeks of what residents organise in the
Ruwaard, from today on, plus `--scale N` x 30 synthetic activities. The places
are those the drop-in app's seed made before (see seed_demo's order).
"""

from datetime import time, timedelta

from django.utils.text import slugify

from agenda.filters import today
from agenda.models import ActivityPage, AgendaPage
from home.seed import demo_users, home_page
from places.models import Place
from wijkplatform.themes import Theme

WEEKS = 4
SYNTHETIC_PER_SCALE = 30

PLACES = {"huis": "Ons Huis van de Wijk", "iemhof": "D'n Iemhof"}

# weekday (0 = Monday), weeks (None = every week, else which weeks of the four), start, end,
# title, place key or free text, theme, free, costs, organiser, how to join, by professionals, description
WEEKLY = [
    (0, None, time(10), time(12), "Koffieochtend", "huis", Theme.MEETING, True, "", "Vrijwilligers van Ons Huis",
     "Kom gewoon binnen.", False,
     "Een kop koffie of thee en een praatje met buren. Nieuwe mensen zijn altijd welkom."),
    (0, None, time(14), time(16, 30), "Kaartmiddag: klaverjassen en rikken", "huis", Theme.MEETING, False, "€ 1 per middag",
     "Kaartclub Ruwaard", "Kom binnen; een maatje zoeken we ter plekke.", False,
     "Gezellig kaarten met buren. Beginners kunnen meekijken en leren."),
    (1, None, time(10), time(11, 30), "Taalcafé: samen Nederlands praten", "huis", Theme.LANGUAGE, True, "", "Taalmaatjes Ruwaard",
     "Kom binnen, ook als u nog weinig Nederlands spreekt.", False,
     "Oefenen met praten over gewone dingen: boodschappen, de dokter, de school. Met koffie en thee."),
    (1, None, time(19, 30), time(21), "Buurtpreventie: avondronde", "huis", Theme.SAFETY, True, "",
     "Buurtpreventieteam met de wijkagent", "Meld u aan bij Henk in Ons Huis, of loop een keer mee.", False,
     "We lopen samen een rondje door de wijk en letten op verlichting, open ramen en losliggende stoeptegels."),
    (3, None, time(13, 30), time(15, 30), "Naaicafé", "huis", Theme.CULTURE, True, "", "Naaigroep Ons Huis",
     "Neem uw kleding mee; naaimachines zijn er.", False,
     "Een broek korter maken of een rits vervangen? Samen repareren we kleding."),
    (3, None, time(17, 30), time(19, 30), "Samen eten", "huis", Theme.FOOD, False, "€ 4 voor een maaltijd",
     "Kookploeg Ons Huis", "Meld u uiterlijk woensdag aan bij de bar van Ons Huis.", False,
     "Een warme maaltijd met buren. Er is ook een vegetarische maaltijd."),
    (4, None, time(10), time(12), "Koffieochtend", "huis", Theme.MEETING, True, "", "Vrijwilligers van Ons Huis",
     "Kom gewoon binnen.", False,
     "Een kop koffie of thee en een praatje met buren."),
    (4, None, time(10, 30), time(11, 30), "Beweegpad: wandelen met oefeningen", "iemhof", Theme.EXERCISE, True, "",
     "Sport Expertise Centrum", "Kom in gemakkelijke kleding naar de ingang van D'n Iemhof.", True,
     "Een beweegcoach loopt met u het Beweegpad en doet onderweg eenvoudige oefeningen. Voor elke conditie."),
    (2, None, time(14), time(16), "Computerhulp door buren", "huis", Theme.LANGUAGE, True, "", "Digiburen Ruwaard",
     "Neem uw telefoon, tablet of laptop mee en loop binnen.", False,
     "Buren helpen u met uw telefoon, e-mail of DigiD. Geen vraag is te klein."),
    (2, None, time(19, 30), time(21), "Zingen met buren", "iemhof", Theme.CULTURE, True, "", "Buurtkoor Ruwaard",
     "Kom gewoon; u hoeft geen noten te kunnen lezen.", False,
     "We zingen bekende Nederlandse liedjes en oude popsongs. Iedereen zingt mee."),
    (4, (1, 3), time(14), time(16), "Bingo", "huis", Theme.MEETING, False, "€ 3 voor drie kaarten", "Vrijwilligers van Ons Huis",
     "Kom binnen; de eerste ronde begint om 14.15 uur.", False,
     "Een gezellige bingomiddag met kleine prijzen uit de wijk."),
    (5, (0, 2), time(9, 30), time(11), "Buurtontbijt", "huis", Theme.FOOD, False, "€ 2", "Ans en Henk",
     "Meld u vrijdag aan bij de bar van Ons Huis.", False,
     "Samen ontbijten met verse broodjes en een gekookt eitje. Goed begin van het weekend."),
    (6, (0, 1, 2, 3), time(14), time(16), "Spelletjesmiddag", "huis", Theme.MEETING, True, "", "Vrijwilligers van Ons Huis",
     "Kom gewoon binnen.", False,
     "Sjoelen, rummikub en schaken. Voor jong en oud."),
]

ONE_OFF = [
    # days from the first Monday, start, end, title, place, theme, free, costs, organiser, how, professionals, description
    (8, time(19), time(21), "Gesprek met huisartsen: diabetes", "huis", Theme.HEALTH, True, "",
     "Huisartsen in de Ruwaard", "Kom binnen; er is een tolk Turks.", True,
     "Een avond voor vrouwen over diabetes, medicijnen en gezond eten. Stel gerust uw vragen."),
    (11, time(14), time(16), "Koffie voor mantelzorgers", "huis", Theme.CARE, True, "", "Mantelzorgers Ruwaard",
     "Kom binnen; aanmelden hoeft niet.", False,
     "Zorgt u voor een ander? Drink koffie met mensen die hetzelfde doen. Even tijd voor uzelf."),
    (15, time(9, 30), time(12), "Training: laaggeletterdheid herkennen", "iemhof", Theme.LANGUAGE, True, "",
     "Stichting Lezen en Schrijven met de bibliotheek", "Meld u aan bij de bar van D'n Iemhof.", True,
     "Voor vrijwilligers en iedereen die wil leren hoe u mensen helpt die moeite hebben met lezen."),
    (18, time(19), time(21, 30), "Kerststukjes maken", "huis", Theme.CULTURE, False, "€ 5 voor materiaal",
     "Ans en de bloemengroep", "Meld u aan bij Ons Huis; er zijn 20 plekken.", False,
     "Maak uw eigen kerststuk voor op tafel. Koffie en iets lekkers erbij."),
    (12, time(19, 30), time(21), "Wijkraad: open vergadering", "iemhof", Theme.HOUSING, True, "", "Wijkraad Ruwaard",
     "Iedereen mag komen luisteren en vragen stellen.", False,
     "De wijkraad praat over het groen in de wijk en het buurtbudget. Uw mening telt."),
]

SYNTHETIC_TITLES = [
    ("Buurtlunch", Theme.MEETING), ("Fietsreparatie", Theme.GREEN), ("Yoga op de stoel", Theme.EXERCISE),
    ("Voorleesuurtje", Theme.LANGUAGE), ("Moestuinochtend", Theme.GREEN), ("Breicafé", Theme.CULTURE),
]


def places():
    """The seeded places by key, where they exist."""
    found = {place.name: place for place in Place.objects.filter(name__in=PLACES.values())}
    return {key: found[name] for key, name in PLACES.items() if name in found}


def agenda_page(editor):
    page = AgendaPage.objects.first()
    if page is None:
        page = AgendaPage(title="Agenda", slug="agenda", seo_title="Agenda van de Ruwaard")
        home_page().add_child(instance=page)
        page.save_revision(user=editor).publish()
    return page


def planned_activities(first_monday):
    for weekday, weeks, start, end, title, place, theme, free, costs, organiser, how, pro, text in WEEKLY:
        for week in range(WEEKS):
            if weeks is None or week in weeks:
                yield (first_monday + timedelta(days=7 * week + weekday), start, end, title, place, theme, free,
                       costs, organiser, how, pro, text)
    for offset, start, end, title, place, theme, free, costs, organiser, how, pro, text in ONE_OFF:
        yield (first_monday + timedelta(days=offset), start, end, title, place, theme, free, costs, organiser, how, pro, text)


def run(*, scale, stdout):
    users = demo_users()
    editor, resident = users["redacteur"], users["bewoner"]
    parent = agenda_page(editor)
    known_places = places()
    current = today()
    first_monday = current - timedelta(days=current.weekday())
    existing = set(ActivityPage.objects.child_of(parent).values_list("slug", flat=True))
    created = 0
    for day, start, end, title, place, theme, free, costs, organiser, how, pro, text in planned_activities(first_monday):
        if day < current:
            continue
        slug = slugify(f"{title} {day.isoformat()}")[:60]
        if slug in existing:
            continue
        page = ActivityPage(
            title=title, slug=slug, date=day, start_time=start, end_time=end, theme=theme, free=free, costs=costs,
            organiser=organiser, how_to_join=how, by_professionals=pro, description=text, owner=resident,
            place=known_places.get(place), place_text="" if place in known_places else PLACES.get(place, place),
        )
        parent.add_child(instance=page)
        page.save_revision(user=editor).publish()
        existing.add(slug)
        created += 1
    created += synthetic(parent, scale, current, existing, known_places, resident)
    stdout.write(f"Agenda: {created} activities added at {parent.url}")


def synthetic(parent, scale, current, existing, known_places, owner):
    """Volume for benchmarks: live pages without revisions, spread over eight weeks."""
    count = 0
    place_list = list(known_places.values()) or [None]
    for number in range(scale * SYNTHETIC_PER_SCALE):
        title, theme = SYNTHETIC_TITLES[number % len(SYNTHETIC_TITLES)]
        day = current + timedelta(days=number % 56)
        slug = f"demo-{number}-{day.isoformat()}"
        if slug in existing:
            continue
        parent.add_child(instance=ActivityPage(
            title=f"{title} (demo {number})", slug=slug, date=day, start_time=time(9 + number % 10, 30 if number % 2 else 0),
            end_time=time(11 + number % 10), theme=theme, free=number % 3 != 0, costs="" if number % 3 else "€ 2",
            organiser="Demo-bewoners", description="Een activiteit om de agenda te vullen bij een test.",
            place=place_list[number % len(place_list)], place_text="" if known_places else PLACES["huis"], owner=owner, live=True,
        ))
        count += 1
    return count

