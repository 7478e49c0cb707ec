"""A rejected form, as GOV.UK does it: "Fout: " in the title, focus on the summary, links to the fields, text kept."""

import pytest

from initiatives.models import Signup
from tests.browser.conftest import axe_check, login
from tests.helpers import image_bytes, make_user
from tests.initiatives.factories import make_initiative, make_shift
from wijkplatform.moderation import RESIDENTS_GROUP

pytestmark = pytest.mark.browser


def assert_summary_has_focus_and_leads_to(page, field_id):
    assert page.title().startswith("Fout: ")
    assert page.evaluate("document.activeElement.hasAttribute('data-error-summary')")
    page.locator(f'[data-error-summary] a[href="#{field_id}"]').click()
    assert page.evaluate("document.activeElement.id") == field_id


def test_a_rejected_story_says_what_is_wrong_and_keeps_the_text(page):
    make_user("verteller", RESIDENTS_GROUP)
    login(page, "verteller")
    page.goto("/verhalen/insturen/")
    page.fill("textarea[name=text]", "Veertien kinderen kookten soep.")
    page.set_input_files("input[name=photo]", {"name": "soep.jpg", "mimeType": "image/jpeg", "buffer": image_bytes()})
    page.fill("input[name=photo_alt]", "Kinderen roeren in een pan")
    page.get_by_role("button", name="Stuur naar de redactie").click()
    page.wait_for_load_state()

    assert_summary_has_focus_and_leads_to(page, "id_title")
    assert page.input_value("textarea[name=text]") == "Veertien kinderen kookten soep."
    assert page.input_value("input[name=photo_alt]") == "Kinderen roeren in een pan"
    assert page.locator("[data-error-summary]").get_by_text("Foto: kies de foto opnieuw.").count() == 1
    axe_check(page)


def test_a_rejected_signup_speaks_dutch_and_keeps_the_name(page):
    shift = make_shift(make_initiative(make_user("organisator-f"), title="Buurtmoestuin"), capacity=2)
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto(shift.initiative.url)
    form = page.locator(f'[data-shift="{shift.pk}"] form[data-signup-form]')
    assert form.get_attribute("novalidate") is not None
    form.get_by_label("Uw naam").fill("Ans")
    form.get_by_label("Uw e-mailadres").fill("ans-zonder-apenstaartje")
    form.get_by_role("button", name="Aanmelden als vrijwilliger").click()
    page.wait_for_load_state()

    assert_summary_has_focus_and_leads_to(page, f"shift{shift.pk}_email")
    assert page.input_value(f"#shift{shift.pk}_name") == "Ans"
    assert page.input_value(f"#shift{shift.pk}_email") == "ans-zonder-apenstaartje"
    assert " ".join(page.locator(f"#shift{shift.pk}_email_error").text_content().split()) == "Fout: Vul een e-mailadres in zoals naam@voorbeeld.nl."
    assert not Signup.objects.exists()
    axe_check(page)


def test_an_open_page_says_the_new_number_of_free_places_as_a_sentence(page, browser, live_url):
    shift = make_shift(make_initiative(make_user("organisator-g"), title="Zwerfvuil prikken"), capacity=2)
    sentence = f'[data-shift="{shift.pk}"] [data-seats-sentence]'
    watcher = browser.new_context(base_url=live_url, locale="nl-NL").new_page()
    watcher.goto(shift.initiative.url)
    watcher.wait_for_selector("html[data-live-connected]")
    assert watcher.inner_text(sentence) == "Nog 2 plekken vrij"
    assert watcher.get_attribute(sentence, "role") == "status"

    page.goto(shift.initiative.url)
    form = page.locator(f'[data-shift="{shift.pk}"] form[data-signup-form]')
    form.get_by_label("Uw naam").fill("Ans")
    form.get_by_label("Uw e-mailadres").fill("ans@example.org")
    form.get_by_role("button", name="Aanmelden als vrijwilliger").click()
    page.wait_for_load_state()

    watcher.wait_for_function(f"document.querySelector('{sentence}').textContent === 'Nog 1 plek vrij'", timeout=10_000)
    assert watcher.inner_text(f'[data-shift="{shift.pk}"] [data-seats-left]') == "1"
    watcher.context.close()
