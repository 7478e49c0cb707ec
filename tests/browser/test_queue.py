"""An editor's header and dashboard count a resident's story the moment it is sent in, without a reload."""

import os

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import axe_check, login
from tests.helpers import image_bytes, make_user
from wijkplatform.moderation import EDITORS_GROUP, RESIDENTS_GROUP

pytestmark = pytest.mark.browser
SCREENSHOTS = os.environ.get("QUEUE_SCREENSHOTS")


def test_editor_header_and_dashboard_follow_a_submission_live(page, browser, live_url):
    make_user("schrijver", RESIDENTS_GROUP)
    make_user("redacteur-q", EDITORS_GROUP)

    login(page, "redacteur-q")
    page.goto("/verhalen/")
    queue = page.locator("[data-editor-queue]")
    expect(queue.locator("[data-live-field=total]")).to_have_text("0")
    expect(queue).to_contain_text("Er wacht niets.")
    page.wait_for_selector("html[data-live-subscribed~=editor-queue]")
    page.evaluate("window.notReloaded = true")
    axe_check(page)
    dashboard = page.context.new_page()
    dashboard.goto("/admin/")
    panel = dashboard.locator("#redactie-wachtrij-section")
    expect(panel).to_contain_text("0 bijdragen wachten op een besluit.")
    dashboard.wait_for_selector("html[data-live-subscribed~=editor-queue]")

    resident_context = browser.new_context(base_url=live_url)
    resident = resident_context.new_page()
    login(resident, "schrijver")
    resident.goto("/verhalen/insturen/")
    resident.fill("input[name=title]", "Pompoensoep voor de straat")
    resident.fill("textarea[name=text]", "Veertien kinderen kookten soep.")
    resident.set_input_files("input[name=photo]", {"name": "soep.jpg", "mimeType": "image/jpeg", "buffer": image_bytes()})
    resident.fill("input[name=photo_alt]", "Kinderen roeren in een grote pan")
    resident.fill("input[name=author_name]", "Marieke")
    resident.get_by_role("button", name="Stuur naar de redactie").click()
    resident.wait_for_load_state()
    assert resident.locator("[data-contribution-status=in_review]").count() == 1

    expect(queue.locator("[data-live-field=total]")).to_have_text("1", timeout=2000)
    expect(page.locator("[data-editor-queue]")).to_contain_text("1 verhaal.", timeout=2000)
    assert page.evaluate("window.notReloaded") is True
    assert "Pompoensoep" not in page.locator("[data-editor-queue]").inner_text()
    expect(panel).to_contain_text("1 bijdrage wacht op een besluit.", timeout=2000)
    expect(panel.get_by_role("row", name="Verhaal 1")).to_be_visible()
    if SCREENSHOTS:
        page.screenshot(path=f"{SCREENSHOTS}/queue-header.png")
        dashboard.screenshot(path=f"{SCREENSHOTS}/queue-dashboard.png", full_page=True)
    resident_context.close()
