"""
"Lees voor" in a real browser. Chromium's own speech engine is replaced at the speech boundary only
(`window.speechSynthesis` and `SpeechSynthesisUtterance`): the stub records what the page hands it and lets the
test end each sentence, so what is read, in which language, in which order and with which highlight is proven
without sound. The pages are built from the demo content's own texts.
"""

import json
import re

import pytest

from tests.browser.conftest import axe_check
from tests.helpers import make_user

pytestmark = pytest.mark.browser

# The speech API as the page sees it: voices from the test, every utterance kept, nothing spoken.
SPEECH_STUB = """
(() => {
  const voices = __VOICES__.map((lang) => ({lang, name: "Stem " + lang, voiceURI: lang, default: false, localService: true}));
  const listeners = [];
  const speech = {spoken: [], calls: []};
  speech.addVoice = (lang) => {
    voices.push({lang, name: "Stem " + lang, voiceURI: lang, default: false, localService: true});
    listeners.forEach((listener) => listener(new Event("voiceschanged")));
  };
  // Ends the sentence being spoken, as the engine does when it has said it.
  speech.endCurrent = () => {
    const utterance = speech.spoken[speech.spoken.length - 1];
    if (utterance.onstart) utterance.onstart(new Event("start"));
    if (utterance.onend) utterance.onend(new Event("end"));
  };
  window.speech = speech;
  window.SpeechSynthesisUtterance = class {
    constructor(text) { this.text = text; this.lang = ""; this.voice = null; }
  };
  Object.defineProperty(window, "speechSynthesis", {configurable: true, value: {
    getVoices: () => voices.slice(),
    speak: (utterance) => { speech.calls.push("speak"); speech.spoken.push(utterance); },
    pause: () => speech.calls.push("pause"),
    resume: () => speech.calls.push("resume"),
    cancel: () => speech.calls.push("cancel"),
    addEventListener: (type, listener) => { if (type === "voiceschanged") listeners.push(listener); },
  }});
})();
"""

REGIONS_HTML = "() => [...document.querySelectorAll('[data-read-aloud]')].map((element) => element.innerHTML)"
REGIONS_TEXT = "() => [...document.querySelectorAll('[data-read-aloud]')].map((element) => element.innerText).join(' ')"
SPOKEN = "() => window.speech.spoken.map((utterance) => ({text: utterance.text, lang: utterance.lang}))"
CURRENT = ".read-aloud__sentence--current"
LINK_PARAGRAPH = 'Wilt u een keer meelopen? Kijk dan bij <a href="/agenda/">de avondronde in de agenda</a> wanneer we gaan.'


def with_voices(page, *languages):
    page.add_init_script(SPEECH_STUB.replace("__VOICES__", json.dumps(list(languages))))
    return page


def squeeze(text):
    return re.sub(r"\s+", " ", text).strip()


def demo_story():
    """The first demo story, with one more paragraph that has a link halfway a sentence."""
    from wagtail.rich_text import RichText

    from stories.models import StoryIndexPage
    from stories.seed import STORIES, body_for
    from tests.stories.conftest import make_story

    _slug, title, intro, paragraphs, quote, author, *_rest = STORIES[0]
    body = body_for(paragraphs, quote) + [("paragraph", RichText(f"<p>{LINK_PARAGRAPH}</p>"))]
    return make_story(StoryIndexPage.objects.get(), title, author=author, intro=intro, body=body, image=False)


def demo_activity():
    """The demo agenda's first weekly activity, tomorrow."""
    from agenda.models import AgendaPage
    from agenda.seed import WEEKLY
    from tests.agenda.conftest import make_activity

    _day, _weeks, start, end, title, _place, theme, free, _costs, organiser, how, _pro, text = WEEKLY[0]
    return make_activity(AgendaPage.objects.get(), title, start=start, end=end, theme=theme, free=free,
                         organiser=organiser, how_to_join=how, description=text, place_text="Ons Huis van de Wijk")


def read_to_the_end(page):
    """Ends sentence after sentence; returns what was handed to the speech API and what was highlighted meanwhile."""
    highlighted = []
    for _ in range(200):
        highlighted.append(squeeze(" ".join(page.locator(CURRENT).all_text_contents())))
        count = len(page.evaluate(SPOKEN))
        page.evaluate("window.speech.endCurrent()")
        if len(page.evaluate(SPOKEN)) == count:
            return page.evaluate(SPOKEN), highlighted
    raise AssertionError("the reading did not end")


def test_control_is_hidden_without_javascript_and_without_a_voice_for_the_language(browser, live_url, page):
    story = demo_story()

    no_script = browser.new_context(base_url=live_url, java_script_enabled=False)
    plain = no_script.new_page()
    plain.goto(story.url)
    assert plain.locator("[data-read-aloud-control]").get_attribute("hidden") is not None
    assert plain.locator("[data-read-aloud-control]").is_hidden()
    no_script.close()

    with_voices(page)
    page.goto(story.url)
    control = page.locator("[data-read-aloud-control]")
    assert control.is_hidden()
    page.evaluate("window.speech.addVoice('en-GB')")  # a voice, but not for this Dutch text
    assert control.is_hidden()
    page.evaluate("window.speech.addVoice('nl_NL')")  # as Android names it; arrives later, as in Chrome
    assert control.is_visible()
    assert page.get_by_role("button", name="Lees voor").is_visible()
    assert page.locator("[data-read-aloud-pause], [data-read-aloud-stop]").evaluate_all(
        "(buttons) => buttons.every((button) => button.hidden)"
    )


def test_enter_reads_the_title_and_text_sentence_by_sentence_in_dutch_with_the_sentence_highlighted(page):
    from stories.seed import STORIES

    _slug, title, intro, paragraphs, *_rest = STORIES[0]
    story = demo_story()
    with_voices(page, "nl-NL")
    page.goto(story.url)
    original = page.evaluate(REGIONS_HTML)
    text = squeeze(page.evaluate(REGIONS_TEXT))

    page.get_by_role("button", name="Lees voor").focus()
    page.keyboard.press("Enter")
    assert page.locator("[data-read-aloud-status]").inner_text() == "Wordt voorgelezen"
    assert page.evaluate(SPOKEN) == [{"text": title, "lang": "nl"}]
    assert page.locator(CURRENT).inner_text() == title
    axe_check(page)  # with the control shown and a sentence highlighted

    spoken, highlighted = read_to_the_end(page)
    texts = [utterance["text"] for utterance in spoken]
    assert texts[:4] == [title, intro, "We begonnen met vier mensen.", "Nu zijn we met twaalf."]
    assert " ".join(texts) == text  # all of the main text, in order, nothing else
    assert all(not re.search(r"[.!?] \S", sentence) for sentence in texts), texts  # one sentence each
    assert {utterance["lang"] for utterance in spoken} == {"nl"}
    assert highlighted == texts  # each sentence highlighted while it is read
    link_sentence = "Kijk dan bij de avondronde in de agenda wanneer we gaan."
    assert link_sentence in texts

    # The text is as it was again: the link is whole, no highlight is left.
    assert page.locator(".read-aloud__sentence").count() == 0
    assert page.evaluate(REGIONS_HTML) == original
    assert page.locator("[data-read-aloud] a[href='/agenda/']").inner_text() == "de avondronde in de agenda"
    assert page.locator("[data-read-aloud-status]").inner_text() == "Klaar met voorlezen"


def test_link_stays_a_link_while_its_sentence_is_highlighted_and_in_view(page):
    from playwright.sync_api import expect

    story = demo_story()
    with_voices(page, "nl-NL")
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto(story.url)
    page.get_by_role("button", name="Lees voor").click()
    while "avondronde" not in page.evaluate(SPOKEN)[-1]["text"]:
        page.evaluate("window.speech.endCurrent()")
    link = page.locator("[data-read-aloud] a[href='/agenda/']")
    assert link.inner_text() == "de avondronde in de agenda"
    assert link.locator(CURRENT).count() == 1  # the highlight sits inside the link, around it the rest of the sentence
    assert squeeze(" ".join(page.locator(CURRENT).all_text_contents())) == "Kijk dan bij de avondronde in de agenda wanneer we gaan."
    expect(link).to_be_in_viewport()  # the last paragraph, far below the first screen of a phone


def test_pause_resume_and_stop_by_keyboard(page):
    story = demo_story()
    with_voices(page, "nl-NL")
    page.goto(story.url)
    original = page.evaluate(REGIONS_HTML)
    status = page.locator("[data-read-aloud-status]")
    page.get_by_role("button", name="Lees voor").click()

    pause = page.get_by_role("button", name="Pauze")
    pause.focus()
    page.keyboard.press("Enter")
    assert page.evaluate("window.speech.calls").count("pause") == 1
    assert status.inner_text() == "Gepauzeerd"
    page.keyboard.press("Enter")  # the same button, now "Verder"
    assert page.get_by_role("button", name="Pauze").is_visible()
    assert page.evaluate("window.speech.calls").count("resume") == 1
    assert status.inner_text() == "Wordt voorgelezen"
    page.get_by_role("button", name="Pauze").press("Enter")
    assert page.get_by_role("button", name="Verder").is_visible()

    page.keyboard.press("Tab")  # on to "Stop"
    cancels = page.evaluate("window.speech.calls").count("cancel")
    page.keyboard.press("Enter")
    assert page.evaluate("window.speech.calls").count("cancel") == cancels + 1
    assert status.inner_text() == "Gestopt"
    assert page.locator(".read-aloud__sentence").count() == 0
    assert page.evaluate(REGIONS_HTML) == original
    assert page.evaluate("document.activeElement.hasAttribute('data-read-aloud-start')")  # focus not lost
    assert page.get_by_role("button", name="Stop").count() == 0

    spoken = len(page.evaluate(SPOKEN))
    page.evaluate("window.speech.endCurrent()")  # a late "end" from the engine starts nothing
    assert len(page.evaluate(SPOKEN)) == spoken


def test_english_page_reads_the_interface_in_english_and_residents_words_in_dutch(page):
    activity = demo_activity()
    with_voices(page, "en-GB")
    page.goto("/")
    page.get_by_role("button", name="English").click()
    page.wait_for_load_state()
    page.goto(activity.url)
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator("[data-read-aloud-control]").is_hidden()  # no Dutch voice for the residents' words

    page.evaluate("window.speech.addVoice('nl-NL')")
    page.locator("[data-read-aloud-start]").press("Enter")
    spoken, _highlighted = read_to_the_end(page)
    language = {utterance["text"]: utterance["lang"] for utterance in spoken}
    labels = page.locator(".activity__facts dt").all_inner_texts()
    assert labels[0] == "When"
    assert all(language[label] == "en" for label in labels), language
    assert language[activity.title] == "nl"
    assert language[activity.organiser] == "nl"
    assert language["Een kop koffie of thee en een praatje met buren."] == "nl"


def test_every_detail_page_offers_to_read_its_title_first(page):
    from dropins.models import DropInIndexPage, Organisation
    from places.models import Place
    from tests.dropins.conftest import make_dropin
    from tests.initiatives.factories import make_initiative
    from wijkplatform.moderation import RESIDENTS_GROUP
    from wijkplatform.themes import Theme

    place = Place.objects.create(name="Ons Huis van de Wijk", address="Ruwaardsingel 1, Oss")
    organisation = Organisation.objects.create(name="Schuldhulp Maasland", helps_with="Hulp bij geld.", theme=Theme.MONEY)
    pages = [
        demo_story(),
        demo_activity(),
        make_initiative(make_user("initiatiefnemer", RESIDENTS_GROUP), title="Repair Café"),
        make_dropin(DropInIndexPage.objects.get(), organisation, place),
    ]
    with_voices(page, "nl-NL")
    for detail in pages:
        page.goto(detail.url)
        page.get_by_role("button", name="Lees voor").click()
        assert page.evaluate(SPOKEN)[0] == {"text": detail.title, "lang": "nl"}, detail.url
    axe_check(page)  # the drop-in page, while it is read
