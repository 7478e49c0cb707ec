"""The B1 check in a real browser: it follows the typing with JavaScript, and works by a plain submit without it."""

import pytest

from tests.browser.conftest import axe_check, login
from tests.helpers import make_user
from tests.home.test_readability import BUREAUCRATIC, FIRST
from wijkplatform.moderation import RESIDENTS_GROUP

pytestmark = pytest.mark.browser


def test_check_follows_the_typing_and_sends_nothing(page):
    from stories.models import StoryPage

    make_user("schrijver-b1", RESIDENTS_GROUP)
    login(page, "schrijver-b1")
    page.goto("/verhalen/insturen/")
    page.fill("textarea[name=text]", BUREAUCRATIC)
    region = page.locator("section[data-readability]")
    region.locator(".readability__sentence").first.wait_for()
    assert region.get_attribute("aria-live") == "polite"
    assert "Lange zin (34 woorden)" in region.inner_text()
    assert "Lijdende vorm: wordt … verstrekt" in region.inner_text()

    page.fill("textarea[name=text]", "Elke dinsdag is er koffie. U bent welkom.")
    page.locator(".readability__verdict", has_text="Goed te lezen.").wait_for()
    assert region.locator(".readability__sentence").count() == 0

    page.get_by_role("button", name="Controleer mijn tekst").click()  # handled in the page: no reload
    assert page.url.endswith("/verhalen/insturen/")
    axe_check(page)
    assert not StoryPage.objects.exists()


def test_check_without_javascript_reloads_with_the_text_kept(browser, live_url):
    make_user("schrijver-b1-nojs", RESIDENTS_GROUP)
    context = browser.new_context(base_url=live_url, java_script_enabled=False)
    page = context.new_page()
    login(page, "schrijver-b1-nojs")
    page.goto("/verhalen/insturen/")
    page.fill("textarea[name=intro]", FIRST)
    page.get_by_role("button", name="Controleer mijn tekst").click()
    page.wait_for_load_state()
    assert page.input_value("textarea[name=intro]") == FIRST
    assert "Lange zin (34 woorden)" in page.locator("section[data-readability]").inner_text()
    assert page.locator("[data-error-summary]").count() == 0
    context.close()
