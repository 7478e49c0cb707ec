"""A visitor opens the home page, follows the main navigation, and meets no accessibility errors."""

import pytest

from tests.browser.conftest import axe_check

pytestmark = pytest.mark.browser


def test_visitor_follows_every_main_navigation_link_without_accessibility_errors(page):
    page.goto("/")
    assert page.locator("h1").first.is_visible()
    axe_check(page)
    labels = page.locator("nav.main-nav a").all_inner_texts()
    assert labels == ["Home", "Agenda", "Verhalen", "Initiatieven", "Inloopspreekuren", "Wie doet wat", "Zoeken"]
    for label in labels:
        page.goto("/")
        page.locator("nav.main-nav").get_by_role("link", name=label, exact=True).click()
        page.wait_for_load_state()
        assert page.locator("h1").count() == 1, f"{page.url} has no single h1"
        assert "niet gevonden" not in page.title().lower(), f"{label} leads to a missing page: {page.url}"
        assert page.locator("nav.main-nav a[aria-current=page]").inner_text() == label
        axe_check(page)


def test_skip_link_is_the_first_stop_for_keyboard_users(page):
    page.goto("/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.getAttribute('href')")
    assert focused == "#inhoud"
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#inhoud"


def test_language_switch_shows_the_site_in_english(page):
    page.goto("/")
    page.get_by_role("button", name="English").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator("a.skip-link").inner_text() == "Skip to content"
