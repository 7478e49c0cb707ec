"""Browser: the screen in the community centre fits a 1920x1080 TV at demo volume, and does not break on a phone."""

from datetime import timedelta

import pytest
from django.utils import timezone

from agenda.models import AgendaPage
from tests.agenda.conftest import make_activity
from tests.browser.conftest import axe_check

pytestmark = pytest.mark.browser

SCROLL_SIZE = "[document.scrollingElement.scrollWidth, document.scrollingElement.scrollHeight]"


@pytest.fixture
def busy_screen(seeded):
    """The demo content plus a busy rest of the day with long names, whatever the time the test runs."""
    agenda = AgendaPage.objects.order_by("path").first()  # Ruwaard's: the demo has Schadewijk too
    now = timezone.localtime().replace(second=0, microsecond=0)
    for number in range(12):
        start = now + timedelta(minutes=5 + 10 * number)
        make_activity(agenda, f"Bijeenkomst met een heel lange naam over de wijk en de buren en de straat {number}", start.date(),
                      start=start.time(), end=(start + timedelta(hours=1)).time(),
                      place_text="Een plek met een lange naam achter de kerk in de Ruwaard")
    for number in range(5):
        start = now - timedelta(minutes=10)
        make_activity(agenda, f"Nu bezig {number} met een lange naam die niet op een regel past", start.date(),
                      start=start.time(), end=(start + timedelta(hours=2)).time())
    return agenda


def open_screen(page):
    page.goto("/agenda/scherm/")
    assert page.get_by_text("Nu bezig 0", exact=False).count(), "The screen does not show this test's activities."


def test_screen_fits_a_tv_with_at_least_eight_items_a_clock_and_a_qr_code(page, busy_screen):
    page.set_viewport_size({"width": 1920, "height": 1080})
    open_screen(page)
    width, height = page.evaluate(SCROLL_SIZE)
    assert width <= 1920 and height <= 1080
    items = page.locator(".screen__later [data-agenda-item]")
    assert items.count() >= 8
    for index in range(items.count()):
        box = items.nth(index).bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 1920 and box["y"] + box["height"] <= 1080
    assert page.locator(".screen__now [data-agenda-item]").count() >= 1
    qr = page.locator(".screen__qr svg[role=img]").bounding_box()
    assert qr["width"] >= 200 and qr["y"] + qr["height"] <= 1080
    around_now = {(timezone.localtime() + timedelta(minutes=minutes)).strftime("%H:%M") for minutes in (-1, 0, 1)}
    assert page.locator("[data-clock]").inner_text() in around_now
    assert "Pagina 1 van" in page.locator(".screen__pages").inner_text()
    axe_check(page)


def test_screen_on_a_phone_is_an_ordinary_page_without_sideways_scrolling(page, busy_screen):
    page.set_viewport_size({"width": 320, "height": 640})
    open_screen(page)
    width, _height = page.evaluate(SCROLL_SIZE)
    assert width <= 320
    assert page.locator(".screen__later [data-agenda-item]").count() >= 8
    assert page.locator(".screen__qr svg[role=img]").is_visible()
    axe_check(page)
