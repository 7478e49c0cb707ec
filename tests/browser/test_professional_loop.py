"""
A professional's whole loop: a drop-in hour sent in on the site and a change to
their organisation sent in through the real admin; an editor sends back and
approves in "Te beoordelen"; the professional reads every mail and the public
pages change only after approval.
"""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import login, server_mails
from tests.helpers import make_user
from wijkplatform.moderation import EDITORS_GROUP, PROFESSIONALS_GROUP

pytestmark = pytest.mark.browser

TITLE = "Spreekuur werk en inkomen"
COMMENT = "Wilt u erbij zetten of mensen hun loonstrook mee moeten nemen?"


def text_of(message):
    return message.get_body(preferencelist=("plain",)).get_content()


def subjects_to(mail_dir, user):
    return {message["Subject"]: message for message in server_mails(mail_dir) if message["To"] == user.email}


@pytest.fixture
def professional_with_organisation():
    from dropins.models import Organisation
    from places.models import Place
    from wijkplatform.themes import Theme

    professional = make_user("consulent", PROFESSIONALS_GROUP)
    organisation = Organisation.objects.create(name="Werk en Inkomen Oss", helps_with="Hulp bij werk.", theme=Theme.MONEY)
    organisation.members.add(professional)
    organisation.save_revision().publish()
    place = Place.objects.create(name="Ons Huis van de Wijk", address="Wijkplein 12, Oss")
    place.save_revision().publish()
    return professional, organisation


def decide_in_te_beoordelen(page, title, *, comment=None):
    page.goto("/admin/te-beoordelen/")
    row = page.locator("[data-moderation-item]", has_text=title)
    if comment:
        row.get_by_label("Opmerking voor de schrijver").fill(comment)
        row.get_by_role("button", name="Terugsturen").click()
        expect(page.locator(".messages")).to_contain_text("Teruggestuurd.")
    else:
        row.get_by_role("button", name="Goedkeuren").click()
        expect(page.locator(".messages")).to_contain_text("Goedgekeurd.")


def test_a_drop_in_hour_goes_from_the_professional_through_the_editors_to_the_site(
    page, browser, live_url, server_mail_dir, professional_with_organisation
):
    from dropins.models import DropInPage

    professional, organisation = professional_with_organisation
    editor = make_user("redacteur-inloop", EDITORS_GROUP)

    login(page, professional.username)
    page.goto("/inloop/mijn-spreekuren/nieuw/")
    page.fill("[name=title]", TITLE)
    page.fill("[name=intro]", "Vragen over werk of een uitkering? Loop binnen.")
    page.select_option("[name=theme]", label="Werk en inkomen")
    page.select_option("[name=place]", label="Ons Huis van de Wijk")
    page.select_option("[name=weekday]", index=1)
    page.fill("[name=starts_on]", "2026-01-05")
    page.fill("[name=start_time]", "09:30")
    page.fill("[name=end_time]", "11:00")
    page.locator("form:has([name=title]) button[type=submit]").last.click()
    page.wait_for_load_state()
    dropin = DropInPage.objects.get(title=TITLE)
    assert not dropin.live
    assert "[Wij(k) de Ruwaard] We hebben het ontvangen" in " ".join(subjects_to(server_mail_dir, professional))

    reader = browser.new_context(base_url=live_url).new_page()
    assert reader.goto(f"/inloop/{dropin.slug}/").status == 404

    editor_page = browser.new_context(base_url=live_url, locale="nl-NL").new_page()
    login(editor_page, editor.username)
    decide_in_te_beoordelen(editor_page, TITLE, comment=COMMENT)

    sent_back = next(m for s, m in subjects_to(server_mail_dir, professional).items() if TITLE in s and "aanpassen" in s)
    body = text_of(sent_back)
    assert COMMENT in body
    edit_link = f"http://testserver/inloop/mijn-spreekuren/{dropin.pk}/wijzigen/"
    assert edit_link in body

    page.goto(edit_link.removeprefix("http://testserver"))
    page.fill("[name=what_to_bring]", "Uw loonstrook of uw laatste brief van het UWV.")
    page.locator("form:has([name=title]) button[type=submit]").last.click()
    page.wait_for_load_state()

    decide_in_te_beoordelen(editor_page, TITLE)
    dropin.refresh_from_db()
    assert dropin.live and dropin.what_to_bring.startswith("Uw loonstrook")
    approval = next(m for s, m in subjects_to(server_mail_dir, professional).items() if s.endswith(f"Het staat op de site: {TITLE}"))
    assert f"http://testserver{dropin.url}" in text_of(approval)
    reader.goto(dropin.url)
    expect(reader.locator("h1")).to_have_text(TITLE)
    expect(reader.locator("main")).to_contain_text("Uw loonstrook")


def test_a_change_to_the_organisation_in_the_admin_waits_for_the_editors(
    page, browser, live_url, server_mail_dir, professional_with_organisation
):
    from dropins.models import Organisation

    professional, organisation = professional_with_organisation
    editor = make_user("redacteur-org", EDITORS_GROUP)

    login(page, professional.username)
    page.goto(f"/admin/snippets/dropins/organisation/edit/{organisation.pk}/")
    page.fill("[name=helps_with]", "Hulp bij werk, een uitkering en geld.")
    page.locator("footer .w-dropdown__toggle").click()
    page.locator("footer button[name=action-submit]").click()
    page.wait_for_load_state()

    organisation.refresh_from_db()
    assert organisation.helps_with == "Hulp bij werk."  # the live version stays until an editor approves
    assert organisation.latest_revision.as_object().helps_with == "Hulp bij werk, een uitkering en geld."

    editor_page = browser.new_context(base_url=live_url, locale="nl-NL").new_page()
    login(editor_page, editor.username)
    decide_in_te_beoordelen(editor_page, "Werk en Inkomen Oss")

    organisation = Organisation.objects.get(pk=organisation.pk)
    assert organisation.helps_with == "Hulp bij werk, een uitkering en geld."
    mails = subjects_to(server_mail_dir, professional)
    assert any(subject.endswith("Het staat op de site: Werk en Inkomen Oss") for subject in mails)
    reader = browser.new_context(base_url=live_url).new_page()
    reader.goto("/wie-doet-wat/")
    expect(reader.locator("main")).to_contain_text("Hulp bij werk, een uitkering en geld.")
