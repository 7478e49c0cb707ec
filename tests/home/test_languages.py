"""The languages of the wijk: a Turkish interface, section pages in each language, residents' words marked Dutch."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.db import connection, reset_queries
from django.template import Context, Template
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation
from wagtail.test.utils.form_data import inline_formset, nested_form_data
from wagtail.users.models import UserProfile

from agenda.models import AgendaPage
from home.models import HomePage, PageTranslation
from initiatives.models import Activity, InitiativeIndexPage
from stories.models import StoryIndexPage
from tests.initiatives.factories import make_initiative, make_shift
from tests.moderation.conftest import send_in_story
from tests.stories.conftest import make_story
from wijkplatform.languages import localized

pytestmark = pytest.mark.django_db


def choose(client, language):
    client.post("/i18n/setlang/", {"language": language, "next": "/"})


def menu_labels(html):
    """The labels of the main menu: the first <nav> that links to both the stories and search."""
    navs = re.findall(r"<nav.*?</nav>", html, re.S)
    nav = next(nav for nav in navs if 'href="/verhalen/"' in nav and 'href="/zoeken/"' in nav)
    return re.findall(r'<a href="[^"]*"(?: aria-current="page")?>([^<]*)</a>', nav)


def h1(html):
    return re.search(r"<h1[^>]*>(.*?)</h1>", html, re.S).group(1).strip()


def title(html):
    return re.search(r"<title>(.*?)</title>", html, re.S).group(1).strip()


def test_the_language_switch_offers_turkish(client):
    html = client.get("/").content.decode()
    assert re.search(r'<button[^>]*value="tr"[^>]*>Türkçe</button>', html)


def test_the_turkish_interface_speaks_turkish_in_menu_headings_and_title(client):
    choose(client, "tr")
    home = client.get("/").content.decode()
    assert '<html lang="tr">' in home
    assert "Doğrudan içeriğe git" in home
    assert menu_labels(home) == [
        "Ana sayfa", "Takvim", "Hikâyeler", "Girişimler", "Danışma saatleri", "Kim ne yapar", "Ara"
    ]

    agenda = client.get("/agenda/").content.decode()
    assert h1(agenda) == "Takvim"
    assert title(agenda) == "Takvim | Wij(k) de Ruwaard"
    assert "Ruwaard&#x27;da olan her şey" in agenda
    assert "Alles wat er gebeurt" not in agenda


def test_english_section_pages_have_their_own_heading_intro_and_title(client):
    choose(client, "en")
    html = client.get("/initiatieven/").content.decode()
    assert h1(html) == "Initiatives"
    assert title(html) == "Initiatives | Wij(k) de Ruwaard"
    assert "Residents work for the neighbourhood." in html


def test_a_section_without_a_translation_falls_back_to_its_dutch_words(client):
    index = InitiativeIndexPage.objects.get()
    PageTranslation.objects.filter(page=index, language="tr").delete()
    choose(client, "tr")
    html = client.get("/initiatieven/").content.decode()
    assert h1(html) == "Initiatieven"
    assert "Bewoners zetten zich in voor de wijk." in html
    assert "Initiatieven" in menu_labels(client.get("/").content.decode())


def test_what_an_editor_writes_for_a_language_shows_in_menu_and_heading(client):
    translation_row = PageTranslation.objects.get(page=StoryIndexPage.objects.get(), language="en")
    translation_row.title = "Neighbours' stories"
    translation_row.intro = "Read <this>.\n\nAnd this."
    translation_row.save()
    choose(client, "en")
    html = client.get("/verhalen/").content.decode()
    assert h1(html) == "Neighbours&#x27; stories"
    # The stories index has a rich-text intro: plain paragraphs, escaped.
    assert "<p>Read &lt;this&gt;.</p>" in html and "<p>And this.</p>" in html
    assert "Neighbours&#x27; stories" in menu_labels(client.get("/").content.decode())


def test_the_dutch_site_is_unchanged_and_uses_the_seo_title(client):
    html = client.get("/agenda/").content.decode()
    assert h1(html) == "Agenda"
    assert title(html) == "Agenda van de Ruwaard | Wij(k) de Ruwaard"


def test_a_translated_page_is_a_copy_and_the_page_itself_keeps_its_dutch(rf):
    page = AgendaPage.objects.get()
    request = rf.get("/agenda/")
    with translation.override("tr"):
        shown = localized(page, request)
    assert (shown.title, shown.seo_title) == ("Takvim", "")
    assert (page.title, page.seo_title) == ("Agenda", "Agenda van de Ruwaard")
    assert AgendaPage.objects.get().title == "Agenda"


def count_queries(client, url):
    reset_queries()  # a full log would shift the captured slice
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    return len(queries)


def test_translations_cost_one_query_per_request(client, settings):
    settings.PAGE_CACHE_SECONDS = 0  # render each time, to count what rendering costs
    client.get("/initiatieven/")  # fills the caches of the site's root paths and menu
    dutch = count_queries(client, "/initiatieven/")
    choose(client, "tr")
    client.get("/initiatieven/")
    assert count_queries(client, "/initiatieven/") == dutch + 1


def test_editors_write_the_translations_on_the_section_page_itself(admin_client):
    for page in [HomePage.objects.get(), AgendaPage.objects.get(), StoryIndexPage.objects.get()]:
        html = admin_client.get(f"/admin/pages/{page.pk}/edit/").content.decode()
        assert 'name="translations-TOTAL_FORMS"' in html


def edit_translations(admin_client, page, rows):
    data = nested_form_data(
        {
            "title": page.title,
            "slug": page.slug,
            "intro": page.intro,
            "translations": inline_formset(rows, initial=page.translations.count()),
            "comments": inline_formset([]),
            "action-publish": "publish",
        }
    )
    return admin_client.post(f"/admin/pages/{page.pk}/edit/", data)


def test_an_editor_changes_a_translation_in_the_page_editor(admin_client):
    page = AgendaPage.objects.get()
    english, turkish = page.translations.order_by("language")
    response = edit_translations(
        admin_client,
        page,
        [
            {"id": english.pk, "language": "en", "title": "What's on", "intro": "All of it."},
            {"id": turkish.pk, "language": "tr", "title": turkish.title, "intro": turkish.intro},
        ],
    )
    assert response.status_code == 302
    english.refresh_from_db()
    assert (english.title, english.intro) == ("What's on", "All of it.")
    assert AgendaPage.objects.get().title == "Agenda"


def test_two_translations_in_one_language_are_refused_with_a_message(admin_client):
    page = AgendaPage.objects.get()
    english, turkish = page.translations.order_by("language")
    response = edit_translations(
        admin_client,
        page,
        [
            {"id": english.pk, "language": "en", "title": english.title, "intro": ""},
            {"id": turkish.pk, "language": "en", "title": "Calendar again", "intro": ""},
        ],
    )
    assert response.status_code == 200
    assert sorted(page.translations.values_list("language", flat=True)) == ["en", "tr"]


def test_publishing_a_section_keeps_its_translations():
    index = StoryIndexPage.objects.get()
    index.save_revision().publish()
    assert sorted(index.translations.values_list("language", flat=True)) == ["en", "tr"]


def test_content_lang_marks_dutch_only_when_the_interface_is_not_dutch():
    template = Template("{% load languages %}<p{% content_lang %}>Koffie</p>")
    assert template.render(Context()) == "<p>Koffie</p>"
    for language in ("en", "tr"):
        with translation.override(language):
            assert template.render(Context()) == '<p lang="nl">Koffie</p>'


def test_what_residents_wrote_is_marked_dutch_in_turkish_and_english(client, resident):
    story = make_story(StoryIndexPage.objects.get(), "Soep voor de buren", image=False)
    initiative = make_initiative(resident, title="Repair Café")
    make_shift(initiative, task="Koffie schenken")
    Activity.objects.create(initiative=initiative, title="Samen fietsen maken", start=timezone.now() + timedelta(days=2))

    assert "<h1 data-read-aloud>Soep voor de buren</h1>" in client.get(story.url).content.decode()
    for language in ("tr", "en"):
        choose(client, language)
        story_html = client.get(story.url).content.decode()
        assert '<h1 lang="nl" data-read-aloud>Soep voor de buren</h1>' in story_html
        assert '<div class="story-body" lang="nl" data-read-aloud>' in story_html
        initiative_html = client.get(initiative.url).content.decode()
        assert '<h1 lang="nl" data-read-aloud>Repair Café</h1>' in initiative_html
        assert '<p class="lead" lang="nl" data-read-aloud>Samen repareren.</p>' in initiative_html
        assert re.search(r'<h3 id="shift\d+-title" lang="nl">Koffie schenken</h3>', initiative_html)
        agenda_html = client.get("/agenda/?periode=maand").content.decode()
        assert '<span lang="nl">Samen fietsen maken</span>' in agenda_html
        # A shift's agenda title starts with the interface's own words ("Help wanted: …"), so it stays unmarked.
        assert re.search(r"<span>[^<]*: Koffie schenken \(Repair Café\)</span>", agenda_html)


def test_a_resident_who_chose_turkish_gets_mail_in_turkish(client, resident, django_capture_on_commit_callbacks):
    client.force_login(resident)
    choose(client, "tr")
    assert UserProfile.objects.get(user=resident).preferred_language == "tr"
    resident.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        send_in_story(resident)
    [message] = [message for message in mail.outbox if message.to == [resident.email]]
    assert message.subject == "[Wij(k) de Ruwaard] Bize ulaştı: Soep voor de hele straat"
    assert "Editörler ona bakacak." in message.body
    assert '<html lang="tr">' in message.alternatives[0][0]
