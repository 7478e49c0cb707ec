"""Demo stories from the Ruwaard, one Rucreant issue and editors' picks for `seed_demo`; `--scale N` adds N x 1000 stories."""

import io
import json
import time
import uuid
from datetime import timedelta

from django.contrib.contenttypes.models import ContentType
from django.core.files.images import ImageFile
from django.db import connection, models
from django.db.models import F
from django.utils import timezone
from PIL import Image as PILImage
from PIL import ImageDraw
from taggit.models import Tag
from wagtail.images import get_image_model
from wagtail.models import Page
from wagtail.rich_text import RichText

from home.models import HomePagePick
from home.seed import demo_users, home_page
from stories.models import MagazineIssueEntry, MagazineIssuePage, StoryIndexPage, StoryPage, StoryPageTag
from wijkplatform.images import save_uploaded_image
from wijkplatform.moderation import submit_for_review

SYNTHETIC_PREFIX = "voorbeeldverhaal-"
STEPLEN = 4
ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"

# slug, title, intro, paragraphs, quote (text, who), author name, themes, days ago, photo colour, photo alt text
STORIES = [
    (
        "samen-lopen-voor-een-veilige-buurt",
        "Samen lopen voor een veilige buurt",
        "Elke donderdagavond loopt een groepje bewoners een ronde door de wijk, samen met de wijkagent.",
        [
            "We begonnen met vier mensen. Nu zijn we met twaalf. We lopen op donderdagavond een uur door de straten rond het Ruwaardplein.",
            "We letten op kapotte lantaarns, open ramen en fietsen die nergens horen. Wat we zien, zetten we in de buurtapp. Soms bellen we de wijkagent.",
            "Het mooiste is dat je mensen leert kennen. Je maakt een praatje bij het hek. Mensen zwaaien nu als we langskomen.",
        ],
        ("Het gaat niet om boeven vangen. Het gaat erom dat je elkaar kent.", "Henk, loopt al drie jaar mee"),
        "Henk",
        ["buurtpreventie", "veiligheid"],
        3,
        (30, 60, 110),
        "Vier bewoners in gele hesjes lopen 's avonds door een straat met lantaarns.",
    ),
    (
        "koffie-bij-ons-huis-van-de-wijk",
        "Koffie, en dan komt de rest vanzelf",
        "Ons Huis van de Wijk is zeven dagen per week open. Wat begon met koffie, is nu een plek voor iedereen.",
        [
            "Om negen uur gaat de deur open. Dan staat de koffie klaar. Er komen mensen om de krant te lezen, om te kaarten of om even niet alleen te zijn.",
            "Wij zijn met zesentwintig vaste vrijwilligers. Iedereen doet wat hij kan. De een zet koffie, de ander helpt met formulieren of geeft les in het taalcafé.",
            "Op dinsdag en donderdag zit er iemand van de schuldhulp. Je kunt zonder afspraak binnenlopen. Niemand hoeft te weten waarom je komt.",
        ],
        ("Geef ons een dak en de koffie, dan doen wij de rest.", "een van de vrijwilligers"),
        "Ans",
        ["Ons Huis van de Wijk", "ontmoeten"],
        6,
        (160, 90, 40),
        "Een lange tafel met koffiekopjes en mensen die met elkaar praten in een lichte zaal.",
    ),
    (
        "stoptober-negen-buren-stoppen-samen",
        "Stoptober: negen buren stoppen samen met roken",
        "In oktober stopten negen bewoners samen met roken. Elke week kwamen ze bij elkaar.",
        [
            "Alleen stoppen was mij drie keer niet gelukt. Samen ging het beter. We zagen elkaar elke maandag in Ons Huis van de Wijk.",
            "We vertelden hoe de week was gegaan. Soms was het zwaar. Dan belde je even iemand uit de groep.",
            "Na een maand zijn er zeven van de negen nog steeds gestopt. We gaan door met wandelen op zaterdag.",
        ],
        ("Ik ruik weer wat er op tafel staat.", "Fatma"),
        "Fatma",
        ["Stoptober", "gezondheid"],
        10,
        (40, 120, 90),
        "Negen mensen staan in een kring en steken hun duim op.",
    ),
    (
        "koken-met-kinderen-pompoensoep",
        "Koken met kinderen: pompoensoep voor de hele straat",
        "Op woensdagmiddag koken kinderen uit de wijk samen. Deze keer maakten ze soep voor de buren.",
        [
            "Veertien kinderen sneden pompoen, uien en wortels. De oudste hielpen de jongste. Niemand sneed zich.",
            "De soep ging in grote pannen naar de buurtkamer. Ouders en buren kwamen proeven. Er bleef niets over.",
            "Volgende maand bakken we brood. Wil je helpen? Kom gerust langs.",
        ],
        ("Ik wist niet dat ik van pompoen hield.", "Daan, 9 jaar"),
        "Marieke",
        ["Koken met kinderen", "eten"],
        14,
        (220, 120, 30),
        "Kinderen met schorten snijden groenten aan een keukentafel.",
    ),
    (
        "de-deelwerf-boormachine-lenen",
        "De Deelwerf: waarom zou iedereen een boormachine kopen?",
        "Bij De Deelwerf leen je gereedschap van je buren. Zo hoeft niet iedereen alles zelf te kopen.",
        [
            "Een boormachine gebruik je misschien tien minuten per jaar. Toch heeft bijna iedereen er een. Dat vonden wij zonde.",
            "In de schuur achter het buurthuis staat nu gereedschap: een ladder, een heggenschaar, een aanhanger en ja, drie boormachines.",
            "Lenen is gratis. Je brengt het schoon terug. Gaat er iets stuk? Dan kijken we samen wat we doen.",
        ],
        ("Ik heb de ladder nu vaker uitgeleend dan zelf gebruikt.", "Kees"),
        "Kees",
        ["De Deelwerf", "duurzaam"],
        20,
        (90, 90, 90),
        "Een houten wand vol gereedschap met labels, met vooraan een ladder.",
    ),
    (
        "taalcafe-nederlands-oefenen",
        "Taalcafé: Nederlands oefenen zonder schoolbank",
        "Elke vrijdagochtend oefenen buren samen Nederlands. Met koffie en zonder cijfers.",
        [
            "Je hoeft niets te kunnen om te komen. We praten over gewone dingen: de markt, het weer, de kinderen.",
            "Er zijn vrijwilligers die helpen met een brief of een formulier. Dat is vaak het moeilijkst.",
        ],
        ("Eerst durfde ik niets te zeggen. Nu maak ik grapjes.", "Ayşe"),
        "Ayşe",
        ["taal", "Ons Huis van de Wijk"],
        25,
        (120, 60, 140),
        "Twee vrouwen zitten aan tafel met een woordenboek en een kop thee.",
    ),
    (
        "opruimochtend-langs-de-singel",
        "Opruimochtend langs de singel",
        "Met grijpers en vuilniszakken ruimden dertig buren een zaterdagochtend op.",
        [
            "We vonden blikjes, plastic, een winkelwagen en zelfs een fiets. Na twee uur stonden er twintig volle zakken.",
            "De gemeente haalde alles op. De kinderen kregen een diploma. Volgende keer doen we het park.",
        ],
        None,
        "Peter",
        ["groen en schoon", "buurtpreventie"],
        32,
        (50, 130, 50),
        "Bewoners met grijpers en vuilniszakken langs het water.",
    ),
    (
        "repaircafe-niets-meer-weggooien",
        "Repair café: de broodrooster van mevrouw doet het weer",
        "Eens per maand repareren handige buren spullen die anders weggegooid worden.",
        [
            "Een broodrooster, een lamp, een broek met een scheur: alles kan mee. Je kijkt zelf mee hoe het gemaakt wordt.",
            "Lukt het niet? Dan weet je in elk geval waarom. En je hebt een kop koffie gehad.",
        ],
        ("Weggooien is makkelijk. Maken is leuker.", "Gerrit, vrijwilliger"),
        "Gerrit",
        ["repair café", "duurzaam"],
        40,
        (170, 40, 40),
        "Een man met een schroevendraaier buigt zich over een broodrooster op een werktafel.",
    ),
    (
        "wandelgroep-beweegpad",
        "Elke dinsdag het Beweegpad rond",
        "Een wandelgroep loopt elke week het Beweegpad door de wijk. Tempo: rustig.",
        [
            "We lopen een uur. Wie moe is, neemt de korte route. Onderweg doen we een paar oefeningen bij de palen.",
            "Na afloop drinken we thee. Dat is misschien wel het belangrijkste deel.",
        ],
        None,
        "Riet",
        ["bewegen", "ontmoeten"],
        47,
        (30, 110, 130),
        "Een groep ouderen wandelt over een pad tussen bomen.",
    ),
    (
        "stille-armoede-quiet500",
        "Quiet500: hulp zonder dat iemand het ziet",
        "Sommige buren hebben het stil moeilijk. Met winkels uit de wijk helpen we zonder dat iemand het ziet.",
        [
            "Niemand hoeft zich aan te melden bij een loket. Via de huisarts of de wijkverpleging komt een bon bij wie het nodig heeft.",
            "Met de bon haal je iets bij de bakker, de kapper of de fietsenmaker. Het voelt als gewoon boodschappen doen.",
        ],
        ("Je bent geen nummer. Je bent gewoon een klant.", "een ondernemer uit de wijk"),
        "De redactie",
        ["Quiet500", "geld"],
        55,
        (200, 170, 40),
        "Een bakker geeft een zak brood over de toonbank aan een klant.",
    ),
    (
        "naaiatelier-in-de-buurtkamer",
        "Naaiatelier: van gordijn tot carnavalspak",
        "Op maandagmiddag staan de naaimachines klaar. Iedereen mag komen.",
        [
            "Sommigen kunnen al goed naaien. Anderen leren het hier. Er is altijd iemand die helpt.",
            "Voor carnaval maakten we twintig pakken voor de kinderen van de basisschool.",
        ],
        None,
        "Lies",
        ["ontmoeten", "kunst en cultuur"],
        62,
        (180, 60, 110),
        "Twee naaimachines op een tafel met kleurige lappen stof.",
    ),
    (
        "mantelzorg-even-op-adem-komen",
        "Mantelzorgers: even op adem komen",
        "Wie voor een ander zorgt, vergeet soms zichzelf. Een groepje mantelzorgers zoekt elkaar op.",
        [
            "We praten over wat zwaar is, maar ook over gewone dingen. Soms gaan we samen naar de markt.",
            "Er komt een avond met uitleg over respijtzorg. Dat is een moeilijk woord voor: iemand neemt de zorg even van je over.",
        ],
        ("Hier hoef ik niets uit te leggen.", "Wim"),
        "Wim",
        ["mantelzorg", "zorg"],
        70,
        (70, 80, 150),
        "Drie mensen drinken koffie op een bankje in de zon.",
    ),
]

IN_REVIEW = (
    "nieuwe-speeltuin-aan-de-kastanjelaan",
    "Een nieuwe speeltuin aan de Kastanjelaan?",
    "Buren willen samen een speeltuin opknappen. Wie doet mee?",
    ["De speeltuin is oud en de schommel is al een jaar kapot. Wij willen samen met de gemeente kijken wat er kan."],
    "Sanne",
    ["groen en schoon"],
)

ISSUE = ("rucreant-najaar", "Rucreant najaar: samen doen", 87)
ISSUE_NOTE = (
    "<p>In dit nummer vertellen buren wat ze samen doen. Van lopen in de avond tot soep voor de hele straat. "
    "Heeft u ook een verhaal? Stuur het in via de site of kom langs bij Ons Huis van de Wijk.</p>"
)

SYNTHETIC_SENTENCES = [
    "Er kwamen meer mensen dan we dachten.",
    "De koffie stond om negen uur klaar.",
    "Buren hielpen elkaar met tafels sjouwen.",
    "Volgende maand doen we het opnieuw.",
    "Iedereen is welkom, ook als je niemand kent.",
    "De kinderen hadden het hoogste woord.",
]


def demo_photo(title, colour, alt):
    """A generated illustration in the story's colour (no real photos of people in demo content)."""
    Image = get_image_model()
    image = Image.objects.filter(title=title).first()
    if image is not None:
        return image
    canvas = PILImage.new("RGB", (960, 640), colour)
    draw = ImageDraw.Draw(canvas)
    light = tuple(min(255, channel + 70) for channel in colour)
    for index in range(5):
        draw.ellipse((80 + index * 160, 380 - index * 40, 240 + index * 160, 540 - index * 40), fill=light)
    draw.rectangle((0, 560, 960, 640), fill=tuple(max(0, channel - 40) for channel in colour))
    buffer = io.BytesIO()
    canvas.save(buffer, "JPEG", quality=80)
    return save_uploaded_image(ImageFile(buffer, name="verhaal.jpg"), title=title, alt=alt, user=None)


def story_index():
    index = StoryIndexPage.objects.first()
    if index is None:
        index = StoryIndexPage(title="Verhalen", slug="verhalen")
        home_page().add_child(instance=index)
    return index


def body_for(paragraphs, quote=None):
    body = [("paragraph", RichText("".join(f"<p>{text}</p>" for text in paragraphs[:2])))]
    if quote:
        body.append(("quote", {"quote": quote[0], "attribution": quote[1]}))
    if paragraphs[2:]:
        body.append(("paragraph", RichText("".join(f"<p>{text}</p>" for text in paragraphs[2:]))))
    return body


def run(*, scale, stdout):
    users = demo_users()
    editor, resident = users["redacteur"], users["bewoner"]
    index = story_index()
    today = timezone.localdate()
    existing = set(index.get_children().values_list("slug", flat=True))

    stories = {}
    for slug, title, intro, paragraphs, quote, author, themes, days_ago, colour, alt in STORIES:
        story = StoryPage.objects.child_of(index).filter(slug=slug).first()
        if story is None:
            story = StoryPage(
                title=title,
                slug=slug,
                intro=intro,
                body=body_for(paragraphs, quote),
                author_name=author,
                date=today - timedelta(days=days_ago),
                main_image=demo_photo(f"Verhaal: {title}", colour, alt),
                main_image_alt=alt,
                owner=resident,
            )
            story.tags.set(themes)
            index.add_child(instance=story)
            story.save_revision(user=editor).publish(user=editor)
        stories[slug] = story

    slug, title, intro, paragraphs, author, themes = IN_REVIEW
    if slug not in existing:
        draft = StoryPage(title=title, slug=slug, intro=intro, body=body_for(paragraphs), author_name=author)
        draft.tags.set(themes)
        submit_for_review(draft, resident, parent=index)

    issue_slug, issue_title, issue_number = ISSUE
    if issue_slug not in existing:
        issue = MagazineIssuePage(title=issue_title, slug=issue_slug, issue_number=issue_number, editors_note=ISSUE_NOTE)
        for story in list(stories.values())[:6]:
            issue.entries.add(MagazineIssueEntry(story=story))
        index.add_child(instance=issue)
        issue.save_revision(user=editor).publish(user=editor)

    home = home_page()
    if not home.picks.exists():
        for slug, note in [
            ("koffie-bij-ons-huis-van-de-wijk", "Zeven dagen per week open, door bewoners."),
            ("de-deelwerf-boormachine-lenen", "Lenen in plaats van kopen."),
        ]:
            home.picks.add(HomePagePick(page=stories[slug], note=note))
        home.save_revision(user=editor).publish(user=editor)

    stdout.write(f"Stories: {len(stories)} demo stories, 1 in review, 1 Rucreant issue.")
    if scale:
        started = time.monotonic()
        added = add_synthetic_stories(index, scale * 1000, list(stories.values()))
        stdout.write(f"Stories: added {added} synthetic stories in {time.monotonic() - started:.1f}s.")


def add_synthetic_stories(index, total, examples):
    """
    Bring the number of synthetic stories up to `total`, fast: page, story and tag rows are inserted
    with executemany and tree paths computed here, without building model instances (Django's
    bulk_create refuses multi-table inheritance). They get no revisions and no search index entries.
    """
    index = Page.objects.get(pk=index.pk)
    have = Page.objects.child_of(index).filter(slug__startswith=SYNTHETIC_PREFIX).count()
    count = total - have
    if count <= 0:
        return 0
    last_child = Page.objects.filter(path__startswith=index.path, depth=index.depth + 1).order_by("-path").first()
    next_number = int(last_child.path[-STEPLEN:], 36) + 1 if last_child else 1
    images = [(story.main_image_id, story.main_image_alt) for story in examples if story.main_image_id]
    tags = list(Tag.objects.filter(stories_storypagetag_items__content_object__in=examples).distinct().values_list("pk", flat=True))
    page_row = RowInserter(
        Page,
        content_type_id=ContentType.objects.get_for_model(StoryPage).pk,
        depth=index.depth + 1,
        numchild=0,
        locale_id=index.locale_id,
        live=True,
    )
    story_row = RowInserter(StoryPage)
    tag_row = RowInserter(StoryPageTag)
    now = timezone.now()
    batch_size = 1000
    for start in range(0, count, batch_size):
        numbers = range(have + start, have + min(start + batch_size, count))
        paths = {}
        page_rows = []
        for offset, number in enumerate(numbers):
            slug = f"{SYNTHETIC_PREFIX}{number + 1}"
            title = f"Verhaal uit de wijk nummer {number + 1}"
            published = now - timedelta(hours=2 * number + 1)
            path = index.path + base36(next_number + start + offset)
            paths[path] = (number, published)
            page_rows.append(
                page_row.values(
                    title=title,
                    draft_title=title,
                    slug=slug,
                    path=path,
                    url_path=f"{index.url_path}{slug}/",
                    translation_key=uuid.uuid4(),
                    first_published_at=published,
                    last_published_at=published,
                )
            )
        page_row.insert(page_rows)
        story_rows, tag_rows = [], []
        for path, pk in Page.objects.filter(path__in=list(paths)).values_list("path", "pk"):
            number, published = paths[path]
            sentences = [SYNTHETIC_SENTENCES[(number + shift) % len(SYNTHETIC_SENTENCES)] for shift in range(3)]
            body = [{"type": "paragraph", "value": "".join(f"<p>{text}</p>" for text in sentences), "id": str(uuid.uuid4())}]
            story_rows.append(
                story_row.values(
                    page_ptr_id=pk,
                    intro=sentences[0],
                    body=json.dumps(body),
                    main_image_id=images[number % len(images)][0] if images else None,
                    main_image_alt=images[number % len(images)][1] if images else "",
                    author_name=["Ans", "Henk", "Fatma", "Kees", "Riet", "Daan"][number % 6],
                    date=timezone.localtime(published).date(),
                )
            )
            if tags:
                tag_rows.append(tag_row.values(content_object_id=pk, tag_id=tags[number % len(tags)]))
        story_row.insert(story_rows)
        tag_row.insert(tag_rows)
    Page.objects.filter(pk=index.pk).update(numchild=F("numchild") + count)
    return count


class RowInserter:
    """Insert many rows of one model's own table with executemany; unlisted columns get the field default."""

    def __init__(self, model, **fixed):
        self.table = model._meta.db_table
        self.fields = [field for field in model._meta.local_concrete_fields if not isinstance(field, models.AutoField)]
        self.defaults = {field.attname: field.get_default() for field in self.fields}
        self.defaults.update(fixed)

    def values(self, **values):
        row = {**self.defaults, **values}
        return [
            field.get_db_prep_save(row[field.attname], connection) if not isinstance(row[field.attname], str) else row[field.attname]
            for field in self.fields
        ]

    def insert(self, rows):
        if not rows:
            return
        quote = connection.ops.quote_name
        columns = ", ".join(quote(field.column) for field in self.fields)
        placeholders = ", ".join(["%s"] * len(self.fields))
        with connection.cursor() as cursor:
            cursor.executemany(f"INSERT INTO {quote(self.table)} ({columns}) VALUES ({placeholders})", rows)


def base36(number):
    digits = ""
    while number:
        number, remainder = divmod(number, 36)
        digits = ALPHABET[remainder] + digits
    return digits.rjust(STEPLEN, "0")
