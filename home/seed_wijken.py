"""
A second wijk for `seed_demo`: Schadewijk, on its own host (schadewijk.localhost:8000 next to 127.0.0.1:8000),
with its own editors, a few stories, an initiative with a shift and an activity, and Ruwaard's money drop-in
hour serving both wijken. Fictional but plausible content; runs after the Ruwaard seeders, safe to run again.
"""

import ipaddress
from datetime import time, timedelta
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils import timezone
from wagtail.models import Site

from agenda.filters import today
from agenda.models import ActivityPage, AgendaPage
from dropins.models import DropInPage
from home.seed import demo_users, ensure_user
from home.services import add_wijk, editors_group_name
from initiatives import services as initiative_services
from initiatives.models import InitiativeIndexPage, InitiativePage, InitiativeTheme
from initiatives.seed import at
from places.models import Place
from stories.models import StoryIndexPage, StoryPage
from stories.seed import body_for
from wijkplatform.themes import Theme
from wijkplatform.wijken import section

NAME = "Schadewijk"
EDITOR = "redacteur-schadewijk"
INTRO = (
    "<p>Alles wat er gebeurt in de Schadewijk, op één plek. Door bewoners, voor bewoners. "
    "Kijk wat er te doen is, vind hulp in de buurt, of help een paar uur mee.</p>"
)
PLACE = ("Buurthuis De Schakel", "Schadewijkstraat 12, Oss")  # fictional

# slug, title, intro, paragraphs, author, themes, days ago
STORIES = [
    (
        "bloembakken-in-de-dr-de-visserstraat",
        "Bloembakken in onze straat",
        "Vijf buren zetten bloembakken neer. Nu praat de hele straat met elkaar.",
        [
            "Het begon met één bak bij de voordeur van Fatma. Een week later vroeg de buurman of hij mee mocht doen.",
            "Nu staan er twaalf bakken. Om de beurt geven we water. Wie op vakantie gaat, zegt het in de groepsapp.",
        ],
        "Fatma",
        ["groen", "ontmoeten"],
        5,
    ),
    (
        "samen-naar-de-markt",
        "Samen naar de markt",
        "Elke donderdag lopen we met een groepje naar de markt. Wie slecht ter been is, gaat mee in de auto.",
        [
            "Alleen boodschappen doen is niet leuk. Samen is het een uitje.",
            "Na de markt drinken we koffie in het buurthuis. Iedereen mag aansluiten.",
        ],
        "Gerrit",
        ["ontmoeten"],
        12,
    ),
    (
        "huiswerkhulp-in-de-schakel",
        "Huiswerkhulp in De Schakel",
        "Twee gepensioneerde leraren helpen kinderen met rekenen en lezen.",
        [
            "Op dinsdagmiddag is het druk in De Schakel. Kinderen komen na school met hun tas vol boeken.",
            "Ouders mogen erbij blijven. Soms leren zij ook iets nieuws.",
        ],
        "Joke",
        ["taal", "jeugd"],
        20,
    ),
]

INITIATIVE = {
    "slug": "schadewijk-schoon",
    "title": "Schadewijk Schoon",
    "aim": "Samen houden we de straten en het park schoon.",
    "description": "Eén keer per maand prikken we zwerfafval. Grijpers, handschoenen en zakken liggen klaar.",
    "organiser_name": "Bewoners van de Schadewijk",
    "themes": [Theme.GREEN],
}


def wijk_host():
    """schadewijk.<the host of BASE_URL>, or schadewijk.localhost when that host is an IP address or localhost."""
    url = urlsplit(settings.WAGTAILADMIN_BASE_URL)
    host = url.hostname or "localhost"
    try:
        ipaddress.ip_address(host)
        host = "localhost"
    except ValueError:
        pass
    if host != "localhost" and host.count(".") > 1:
        host = host.split(".", 1)[1]
    port = url.port or (443 if url.scheme == "https" else 80)
    return f"{NAME.lower()}.{host}", port


def run(*, scale, stdout):
    site = Site.objects.filter(site_name=f"Wij(k) {NAME}").first()
    hostname, port = (site.hostname, site.port) if site else wijk_host()
    site = add_wijk(NAME, hostname, port, intro=INTRO)  # on a second run: repairs what is missing
    editor = ensure_user(EDITOR, first_name="Redacteur", last_name=NAME, group=editors_group_name(NAME))
    resident = demo_users()["bewoner"]
    place, _created = Place.objects.get_or_create(name=PLACE[0], defaults={"address": PLACE[1], "wheelchair_access": True})
    stories(site, editor, resident)
    initiative(site, editor, resident, place)
    activity(site, editor, resident, place)
    shared_dropin(site, editor)
    stdout.write(f"Wijk {NAME}: {site.root_url}/ (editor {EDITOR})")


def stories(site, editor, resident):
    index = section(StoryIndexPage, site)
    for slug, title, intro, paragraphs, author, themes, days_ago in STORIES:
        if StoryPage.objects.child_of(index).filter(slug=slug).exists():
            continue
        story = StoryPage(
            title=title,
            slug=slug,
            intro=intro,
            body=body_for(paragraphs),
            author_name=author,
            date=timezone.localdate() - timedelta(days=days_ago),
            owner=resident,
        )
        story.tags.set(themes)
        index.add_child(instance=story)
        story.save_revision(user=editor).publish(user=editor)


def initiative(site, editor, resident, place):
    if InitiativePage.objects.filter(slug=INITIATIVE["slug"]).exists():
        return
    page = InitiativePage(
        title=INITIATIVE["title"],
        slug=INITIATIVE["slug"],
        aim=INITIATIVE["aim"],
        description=INITIATIVE["description"],
        organiser_name=INITIATIVE["organiser_name"],
        place=place,
        themes=[InitiativeTheme(theme=theme) for theme in INITIATIVE["themes"]],
        owner=resident,
    )
    initiative_services.publish_initiative(
        section(InitiativeIndexPage, site),
        page,
        editor,
        shifts=[{"task": "Afval prikken in het park", "start": at(6, time(10)), "end": at(6, time(12)), "capacity": 8,
                 "note": "Verzamelen bij De Schakel."}],
        activities=[{"title": "Koffie na het prikken", "start": at(6, time(12)), "end": at(6, time(13))}],
    )


def activity(site, editor, resident, place):
    agenda = section(AgendaPage, site)
    slug = "spelletjesmiddag-in-de-schakel"
    if ActivityPage.objects.child_of(agenda).filter(slug=slug).exists():
        return
    page = ActivityPage(
        title="Spelletjesmiddag in De Schakel",
        slug=slug,
        date=today() + timedelta(days=2),
        start_time=time(14),
        end_time=time(16),
        place=place,
        description="Sjoelen, rummikub en kaarten met buren. Koffie en thee staan klaar.",
        theme=Theme.MEETING,
        organiser="Buurthuis De Schakel",
        how_to_join="Kom gewoon binnen.",
        owner=resident,
    )
    agenda.add_child(instance=page)
    page.save_revision(user=editor).publish(user=editor)


def shared_dropin(site, editor):
    """Ruwaard's money drop-in hour also serves Schadewijk: posted once, in both agendas."""
    page = DropInPage.objects.filter(slug="spreekuur-geldzaken").first()
    if page is None or page.wijken.filter(pk=site.pk).exists():
        return
    ruwaard_editor = get_user_model().objects.filter(username="redacteur").first()
    draft = page.get_latest_revision_as_object()
    draft.wijken.add(site)
    draft.save_revision(user=ruwaard_editor or editor).publish(user=ruwaard_editor or editor)
