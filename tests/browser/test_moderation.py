"""
An editor approves and sends back in the real admin from each place they act
(the page editor, the dashboard, "Te beoordelen"); the resident reads the
mails and sees the editor's words under "Mijn bijdragen".
"""

import os

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import axe_check, login, server_mails
from tests.helpers import make_user
from wijkplatform.moderation import EDITORS_GROUP, RESIDENTS_GROUP

pytestmark = pytest.mark.browser
SCREENSHOTS = os.environ.get("MODERATION_SCREENSHOTS")

APPROVE_TITLE = "Soep voor de hele straat"
SEND_BACK_TITLE = "Een bankje bij de vijver"
COMMENT = "Mooi idee! Wilt u de achternaam van uw buurman weglaten?"


def send_in_two_stories(place):
    from tests.moderation.conftest import send_in_story

    resident = make_user(f"schrijver-{place}", RESIDENTS_GROUP)
    editor = make_user(f"redacteur-{place}", EDITORS_GROUP)
    return resident, editor, send_in_story(resident, APPROVE_TITLE), send_in_story(resident, SEND_BACK_TITLE)


def text_of(message):
    return message.get_body(preferencelist=("plain",)).get_content()


def html_of(message):
    return message.get_body(preferencelist=("html",)).get_content()


def mails_to(mail_dir, user):
    return [message for message in server_mails(mail_dir) if message["To"] == user.email]


def assert_the_resident_heard_back(mail_dir, resident, approved, sent_back, live_url):
    approved.refresh_from_db()
    sent_back.refresh_from_db()
    by_subject = {message["Subject"]: message for message in mails_to(mail_dir, resident)}
    approval = by_subject[f"[Wij(k) de Ruwaard] Het staat op de site: {approved.title}"]
    assert f"http://testserver{approved.url}" in text_of(approval)
    assert f'href="http://testserver{approved.url}"' in html_of(approval)
    sent_back_mail = by_subject[f"[Wij(k) de Ruwaard] Wilt u nog iets aanpassen? {SEND_BACK_TITLE}"]
    assert COMMENT in text_of(sent_back_mail) and COMMENT in html_of(sent_back_mail)
    assert f"http://testserver/verhalen/insturen/{sent_back.pk}/aanpassen/" in text_of(sent_back_mail)
    assert "/admin/" not in text_of(sent_back_mail) + html_of(sent_back_mail)


def assert_the_resident_sees_the_comment(browser, live_url, resident, approved):
    context = browser.new_context(base_url=live_url, locale="nl-NL")
    page = context.new_page()
    login(page, resident.username)
    page.goto("/account/mijn-bijdragen/")
    returned = page.locator("[data-contribution-status=needs_changes]")
    expect(returned).to_contain_text(SEND_BACK_TITLE)
    expect(returned.locator(".editor-comment")).to_contain_text(COMMENT)
    expect(page.locator("[data-contribution-status=published]")).to_contain_text(approved.title)
    axe_check(page)
    context.close()


def assert_decided(approved, sent_back):
    from wagtail.models import WorkflowState

    approved.refresh_from_db()
    sent_back.refresh_from_db()
    assert approved.live and approved.current_workflow_state is None
    assert not sent_back.live
    assert sent_back.current_workflow_state.status == WorkflowState.STATUS_NEEDS_CHANGES
    assert sent_back.current_workflow_state.current_task_state.comment == COMMENT


def test_approve_and_send_back_in_the_page_editor(page, browser, live_url, server_mail_dir):
    resident, editor, to_approve, to_send_back = send_in_two_stories("editor")
    explorer = f"**/admin/pages/{to_approve.get_parent().pk}/"
    login(page, editor.username)

    page.goto(f"/admin/pages/{to_approve.pk}/edit/")
    page.fill("#id_title", "Soep voor de hele straat in de Ruwaard")
    main_button = page.locator("footer .w-dropdown-button > button").first
    expect(main_button).to_have_text("Goedkeuren")
    main_button.click()
    page.wait_for_url(explorer)

    page.goto(f"/admin/pages/{to_send_back.pk}/edit/")
    page.locator("footer .w-dropdown__toggle").click()
    page.locator("footer button[data-workflow-action-name=reject]").click()
    dialog = page.locator(".modal-dialog, [role=dialog]").filter(has=page.locator("textarea[name=comment]"))
    dialog.locator("textarea[name=comment]").fill(COMMENT)
    dialog.get_by_role("button", name="Terugsturen").click()
    page.wait_for_url(explorer)

    assert_decided(to_approve, to_send_back)
    assert to_approve.title == "Soep voor de hele straat in de Ruwaard"
    reader = browser.new_context(base_url=live_url).new_page()
    reader.goto(to_approve.url)
    expect(reader.locator("h1")).to_have_text("Soep voor de hele straat in de Ruwaard")
    reader.context.close()
    assert_the_resident_heard_back(server_mail_dir, resident, to_approve, to_send_back, live_url)
    assert_the_resident_sees_the_comment(browser, live_url, resident, to_approve)


def test_approve_and_send_back_from_the_dashboard(page, browser, live_url, server_mail_dir):
    resident, editor, to_approve, to_send_back = send_in_two_stories("dashboard")
    login(page, editor.username)
    page.goto("/admin/")
    panel = page.locator("#awaiting-review-section")

    row = panel.locator("tr", has_text=APPROVE_TITLE)
    row.locator(".w-dropdown__toggle").click()
    row.get_by_role("button", name="Goedkeuren", exact=True).click()
    expect(panel.locator("tr", has_text=APPROVE_TITLE)).to_have_count(0)

    row = page.locator("#awaiting-review-section tr", has_text=SEND_BACK_TITLE)
    row.locator(".w-dropdown__toggle").click()
    row.get_by_role("button", name="Terugsturen").click()
    dialog = page.locator(".modal-dialog, [role=dialog]").filter(has=page.locator("textarea[name=comment]"))
    dialog.locator("textarea[name=comment]").fill(COMMENT)
    dialog.get_by_role("button", name="Terugsturen").click()
    expect(page.locator("#awaiting-review-section tr", has_text=SEND_BACK_TITLE)).to_have_count(0)

    assert_decided(to_approve, to_send_back)
    assert_the_resident_heard_back(server_mail_dir, resident, to_approve, to_send_back, live_url)
    assert_the_resident_sees_the_comment(browser, live_url, resident, to_approve)


def test_approve_and_send_back_from_te_beoordelen(page, browser, live_url, server_mail_dir):
    resident, editor, to_approve, to_send_back = send_in_two_stories("lijst")
    login(page, editor.username)
    page.goto("/admin/")
    page.get_by_role("link", name="Te beoordelen").first.click()
    expect(page.locator("h1")).to_contain_text("Te beoordelen")
    expect(page.locator("[data-moderation-item]")).to_have_count(2)
    axe_check(page)
    if SCREENSHOTS:
        page.screenshot(path=f"{SCREENSHOTS}/moderation-list.png", full_page=True)

    row = page.locator("[data-moderation-item]", has_text=SEND_BACK_TITLE)
    row.get_by_role("button", name="Terugsturen").click()
    expect(page.locator("[data-moderation-item]", has_text=SEND_BACK_TITLE)).to_contain_text(
        "Schrijf erbij wat de schrijver moet aanpassen."
    )
    if SCREENSHOTS:
        page.screenshot(path=f"{SCREENSHOTS}/moderation-list-error.png", full_page=True)
    row = page.locator("[data-moderation-item]", has_text=SEND_BACK_TITLE)
    row.get_by_label("Opmerking voor de schrijver").fill(COMMENT)
    row.get_by_role("button", name="Terugsturen").click()
    expect(page.locator(".messages")).to_contain_text("Teruggestuurd.")

    page.locator("[data-moderation-item]", has_text=APPROVE_TITLE).get_by_role("button", name="Goedkeuren").click()
    expect(page.locator(".messages")).to_contain_text("Goedgekeurd.")
    expect(page.locator("[data-moderation-empty]")).to_be_visible()
    if SCREENSHOTS:
        page.screenshot(path=f"{SCREENSHOTS}/moderation-list-empty.png", full_page=True)

    assert_decided(to_approve, to_send_back)
    assert_the_resident_heard_back(server_mail_dir, resident, to_approve, to_send_back, live_url)
    assert_the_resident_sees_the_comment(browser, live_url, resident, to_approve)
