"""The B1 check: the Dutch analysis, "Controleer mijn tekst" on every form, the JSON answer and the admin panel."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone
from wagtail.models import Revision
from wagtail.rich_text import RichText

from agenda.models import ActivityPage, AgendaPage
from initiatives.models import Activity, InitiativePage
from stories.models import StoryIndexPage, StoryPage
from tests.agenda.conftest import days_from_now, make_activity
from tests.initiatives.factories import make_initiative
from tests.stories.conftest import make_story
from wijkplatform.readability import (
    EMPTY,
    HARD,
    MEDIUM,
    Report,
    analyse,
    analyse_texts,
    flesch_douma,
    is_long_word,
    split_sentences,
    syllable_count,
)
from wijkplatform.readability_views import LIVE_RATE, MAX_TEXT_LENGTH

B1_TEXT = (
    "Elke dinsdag is er koffie in het buurthuis. U bent van harte welkom. "
    "We praten over de wijk. Kom gerust langs, ook als u niemand kent."
)
FIRST = (
    "De tegemoetkoming in de kosten wordt door de gemeente uitsluitend verstrekt aan bewoners die op de peildatum "
    "ingeschreven staan in de basisregistratie personen en van wie het inkomen niet hoger is dan de bijstandsnorm."
)
SECOND = "Vragen kunt u stellen in het buurthuis."
THIRD = (
    "Aanvragen dienen uiterlijk zes weken voor aanvang van de desbetreffende activiteit bij het wijkteam te worden "
    "ingediend, waarna de aanvraag binnen acht weken door een medewerker wordt beoordeeld."
)
BUREAUCRATIC = f"{FIRST} {SECOND} {THIRD}"
CHECK_URL = "/tekst-controleren/"


# The analysis -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "word, syllables",
    [
        ("vrijwilligers", 4),
        ("buurthuis", 2),
        ("koffie", 2),
        ("nieuw", 1),
        ("mooie", 2),
        ("ideaal", 3),
        ("bioscoop", 3),
        ("geïnteresseerd", 5),
        ("Ruwaard", 2),
        ("tegemoetkoming", 5),
    ],
)
def test_dutch_syllables_count_vowel_groups_and_diphthongs_once(word, syllables):
    assert syllable_count(word) == syllables


def test_score_is_the_flesch_douma_formula():
    assert flesch_douma(100, 10, 150) == pytest.approx(206.84 - 0.77 * 150 - 0.93 * 10)
    report = analyse(BUREAUCRATIC)
    expected = flesch_douma(report.word_count, len(report.sentences), report.syllables)
    assert report.score == round(min(100, max(0, expected)))
    assert report.word_count == sum(len(sentence.split()) for sentence in (FIRST, SECOND, THIRD))


def test_a_b1_text_scores_easy_and_has_no_marks():
    report = analyse(B1_TEXT)
    assert report.score >= 80
    assert report.level == "easy"
    assert report.verdict == "Goed te lezen."
    assert len(report.sentences) == 4
    assert report.flagged == []


def test_a_bureaucratic_text_is_marked_sentence_by_sentence():
    report = analyse(BUREAUCRATIC)
    first, second, third = report.sentences
    assert report.level == HARD and report.verdict.startswith("Moeilijk:")
    assert "maak zinnen korter" in report.verdict and "kies kortere woorden" in report.verdict

    assert first.is_long and first.word_count == len(FIRST.split()) > 30
    assert first.passives == ("wordt … verstrekt",)
    assert "tegemoetkoming" in first.long_words and "basisregistratie" in first.long_words
    assert f"Lange zin ({first.word_count} woorden). Maak er twee zinnen van." in first.notes
    assert "Lijdende vorm: wordt … verstrekt. Schrijf wie het doet." in first.notes
    marked = [segment.text for segment in first.segments if segment.passive]
    assert marked == ["wordt", "verstrekt"]
    assert "".join(segment.text for segment in first.segments) == FIRST

    assert not second.flagged and second.notes == []

    assert third.is_long
    assert third.passives == ("worden ingediend", "wordt beoordeeld")
    assert third.long_words == ("desbetreffende",)
    assert [sentence.number for sentence in report.flagged] == [1, 3]


@pytest.mark.parametrize(
    "text, phrase",
    [
        ("Het feest wordt elk jaar georganiseerd.", "wordt … georganiseerd"),
        ("De koffie werd gebracht door Ans.", "werd gebracht"),
        ("Het buurthuis is geopend door de wethouder.", "is geopend"),
        ("De hulp die door de gemeente verstrekt wordt, is gratis.", "verstrekt wordt"),
        ("De formulieren zijn ingevuld.", "zijn ingevuld"),
        ("Er worden boeken uitgedeeld.", "worden … uitgedeeld"),
        ("Er is veel gedaan.", "is … gedaan"),
        ("Zijn fiets is gestolen.", "is gestolen"),
    ],
)
def test_passive_voice_is_found(text, phrase):
    (sentence,) = analyse(text).sentences
    assert sentence.passives == (phrase,)


@pytest.mark.parametrize(
    "text",
    [
        "Ik ben gisteren gekomen.",
        "Het is gelukt!",
        "Dit zijn verhalen van bewoners.",
        "Er zijn gesprekken geweest.",
        "Het is belangrijk dat u gebeld hebt.",
        "Hij heeft zijn fiets gerepareerd.",
        "Het is een goed georganiseerd feest.",
        "Het is verrassend.",
        "Wij zijn bekend in de wijk.",
    ],
)
def test_perfect_tense_and_adjectives_are_not_passive(text):
    (sentence,) = analyse(text).sentences
    assert sentence.passives == ()


def test_long_words_are_counted_in_syllables_not_letters():
    for everyday in ("vrijwilligers", "buurtbewoners", "activiteiten", "uitnodiging", "koffieochtend"):
        assert not is_long_word(everyday), everyday
    for hard in ("tegemoetkoming", "desbetreffende", "gemeentelijke", "schoonmaakploegen", "ervaringsdeskundige"):
        assert is_long_word(hard), hard
    (sentence,) = analyse("Wij werken samen met het Sportexpertisecentrum.").sentences
    assert sentence.long_words == ()  # a name cannot be made shorter


def test_sentences_end_at_punctuation_and_line_breaks_but_not_after_abbreviations():
    text = "Zie o.a. de agenda, bijv. de koffie. Mevr. J. Jansen komt ca. 10.30 uur. Klaar!\n1. Eerst koffie\n2. Dan praten"
    assert split_sentences(text) == [
        "Zie o.a. de agenda, bijv. de koffie.",
        "Mevr. J. Jansen komt ca. 10.30 uur.",
        "Klaar!",
        "1.",
        "Eerst koffie",
        "2.",
        "Dan praten",
    ]
    assert [sentence.text for sentence in analyse(text).sentences][-2:] == ["Eerst koffie", "Dan praten"]


def test_rich_text_is_reduced_to_its_sentences():
    report = analyse(RichText("<p>De <b>koffie</b> is klaar</p><p>Kom &amp; drink<br/>een kopje</p>"))
    assert [sentence.text for sentence in report.sentences] == ["De koffie is klaar", "Kom & drink", "een kopje"]
    combined = analyse_texts("Een inleiding zonder punt", "<p>De tekst.</p>")
    assert [sentence.text for sentence in combined.sentences] == ["Een inleiding zonder punt", "De tekst."]


def test_no_text_gives_no_score():
    report = analyse("  \n ")
    assert report.level == EMPTY and report.score is None and report.sentences == ()
    assert report.verdict == "Er is nog geen tekst om te controleren."


def test_verdict_names_what_helps_most():
    assert Report((), 1, 1, 55, MEDIUM, ("sentences",)).verdict == "Wat moeilijk: maak zinnen korter."
    assert Report((), 1, 1, 30, HARD, ("words",)).verdict == "Moeilijk: kies kortere woorden."


# "Controleer mijn tekst" on each form --------------------------------------------------


def _story_case(resident):
    return "/verhalen/insturen/", {"title": "", "intro": "", "text": BUREAUCRATIC, "author_name": ""}, StoryPage.objects.count


def _story_edit_case(resident):
    story = make_story(StoryIndexPage.objects.get(), "Soep", publish=False, owner=resident)
    story.save_revision(user=resident)
    data = {"title": "Soep", "intro": FIRST, "text": "Kort.", "author_name": "Ans", "photo_alt": "Soep"}
    return f"/verhalen/insturen/{story.pk}/aanpassen/", data, Revision.objects.count


def _initiative_case(resident):
    data = {
        "title": "", "aim": FIRST, "description": THIRD, "organiser_name": "",
        "dienst-TOTAL_FORMS": "1", "dienst-INITIAL_FORMS": "0", "dienst-MIN_NUM_FORMS": "0", "dienst-MAX_NUM_FORMS": "20",
        "dienst-0-task": "Koffie schenken", "dienst-0-day": "", "dienst-0-start_time": "",
    }
    return "/initiatieven/nieuw/", data, InitiativePage.objects.count


def _initiative_edit_case(resident):
    initiative = make_initiative(resident)
    data = {"title": "Repair Café", "aim": FIRST, "description": THIRD, "organiser_name": "Henk", "place": "", "themes": ["buurt"]}
    return f"/initiatieven/beheer/{initiative.pk}/bewerken/", data, Revision.objects.count


def _initiative_activity_case(resident):
    initiative = make_initiative(resident)
    day = (timezone.localdate() + timedelta(days=3)).isoformat()
    data = {"title": "Open dag", "day": day, "start_time": "10:00", "description": BUREAUCRATIC}
    return f"/initiatieven/beheer/{initiative.pk}/activiteiten/nieuw/", data, Activity.objects.count


def _agenda_case(resident):
    data = {"title": "", "date": days_from_now(5).isoformat(), "description": BUREAUCRATIC, "free": "on"}
    return "/agenda/toevoegen/", data, ActivityPage.objects.count


def _agenda_edit_case(resident):
    activity = make_activity(AgendaPage.objects.get(), owner=resident)
    data = {"title": "Koffieochtend", "date": days_from_now(5).isoformat(), "description": BUREAUCRATIC, "organiser": "Ans"}
    return f"/agenda/bewerken/{activity.pk}/", data, Revision.objects.count


FORM_CASES = [
    _story_case,
    _story_edit_case,
    _initiative_case,
    _initiative_edit_case,
    _initiative_activity_case,
    _agenda_case,
    _agenda_edit_case,
]


@pytest.mark.django_db
@pytest.mark.parametrize("case", FORM_CASES, ids=lambda case: case.__name__.strip("_"))
def test_check_submit_shows_the_marks_keeps_the_text_and_saves_nothing(client, resident, editor, case):
    url, data, count = case(resident)
    client.force_login(resident)
    page = client.get(url).content.decode()
    assert 'name="check"' in page and "Controleer mijn tekst" in page and 'aria-live="polite"' in page
    before, mails = count(), len(mail.outbox)

    response = client.post(url, {**data, "website": "", "check": "1"})

    html = response.content.decode()
    assert response.status_code == 200
    assert count() == before and len(mail.outbox) == mails
    assert "Lange zin (" in html and "Lijdende vorm: " in html
    assert 'class="readability__mark' in html
    assert "uitsluitend verstrekt aan bewoners" in html or "binnen acht weken door een medewerker" in html
    assert "data-error-summary" not in html and 'class="errors"' not in html  # a check is not a failed send


@pytest.mark.django_db
def test_checking_often_never_uses_up_sending(client, resident, settings):
    settings.RATELIMIT_ENABLE = True
    url, data, count = _story_case(resident)
    client.force_login(resident)
    for _ in range(21):
        assert client.post(url, {**data, "check": "1"}).status_code == 200
    data = {"title": "Soep voor de straat", "intro": "", "text": "Wij kookten soep.", "author_name": "Ans", "website": ""}
    assert client.post(url, data).status_code == 302
    assert count() == 1


# The JSON answer for readability.js ----------------------------------------------------


@pytest.mark.django_db
def test_json_answer_gives_the_report_and_its_html(client, resident):
    client.force_login(resident)
    response = client.post(CHECK_URL, {"text": BUREAUCRATIC})
    assert response.status_code == 200
    data = response.json()
    assert data["level"] == HARD and data["verdict"].startswith("Moeilijk:")
    assert data["sentence_count"] == 3 and [sentence["number"] for sentence in data["sentences"]] == [1, 3]
    assert data["sentences"][0]["passives"] == ["wordt … verstrekt"]
    assert "Lange zin (" in data["html"] and "<mark" in data["html"] and "<section" not in data["html"]
    assert "no-store" in response["Cache-Control"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "data, status",
    [({}, 400), ({"txt": "Hallo."}, 400), ({"text": "a" * (MAX_TEXT_LENGTH + 1)}, 400)],
    ids=["nothing", "wrong-field", "too-long"],
)
def test_json_answer_refuses_bad_input_in_dutch(client, resident, data, status):
    client.force_login(resident)
    response = client.post(CHECK_URL, data)
    assert response.status_code == status
    assert response.json()["error"]


@pytest.mark.django_db
def test_json_answer_only_for_a_logged_in_post_with_csrf(client, resident):
    assert client.post(CHECK_URL, {"text": "Hallo."}).status_code == 403
    client.force_login(resident)
    assert client.get(CHECK_URL).status_code == 405
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    strict.force_login(resident)
    assert strict.post(CHECK_URL, {"text": "Hallo."}).status_code == 403


@pytest.mark.django_db
def test_json_answer_is_rate_limited(client, resident, settings):
    settings.RATELIMIT_ENABLE = True
    client.force_login(resident)
    limit = int(LIVE_RATE.split("/")[0])
    statuses = [client.post(CHECK_URL, {"text": "Hallo."}).status_code for _ in range(limit + 1)]
    assert statuses[:limit] == [200] * limit
    assert statuses[-1] == 429 and client.post(CHECK_URL, {"text": "Hallo."}).json()["error"]


# The editors' review -----------------------------------------------------------------


@pytest.mark.django_db
def test_admin_editor_of_a_story_shows_the_check_of_the_revision_under_review(client, superuser, resident):
    story = make_story(StoryIndexPage.objects.get(), "Koffie", intro="Elke dinsdag is er koffie.", owner=resident)
    draft = story.get_latest_revision_as_object()
    draft.intro = FIRST
    draft.body = [("paragraph", RichText(f"<p>{THIRD}</p>")), ("quote", {"quote": "Het werd gebracht.", "attribution": ""})]
    draft.save_revision(user=resident)
    client.force_login(superuser)

    html = client.get(f"/admin/pages/{story.pk}/edit/").content.decode()

    assert "Leesbaarheid (B1)" in html
    assert "Lijdende vorm: wordt … verstrekt" in html  # the intro of the new revision, not the live page
    assert "Lijdende vorm: worden ingediend, wordt beoordeeld" in html  # the body's paragraph
    assert "Lijdende vorm: werd gebracht" not in html  # quotes are someone’s own words
    assert 'name="check"' not in html


@pytest.mark.django_db
def test_admin_editors_of_initiatives_and_activities_show_the_check(client, superuser, resident):
    initiative = make_initiative(resident)
    activity = make_activity(AgendaPage.objects.get(), description=BUREAUCRATIC)
    client.force_login(superuser)
    for page in (initiative, activity):
        html = client.get(f"/admin/pages/{page.pk}/edit/").content.decode()
        assert "Leesbaarheid (B1)" in html and "Score:" in html, page
    assert "Lijdende vorm: wordt … verstrekt" in html
