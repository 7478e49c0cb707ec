"""A resident reads the privacy statement, looks at their data and deletes their account, in a real browser."""

import pytest

from stories.models import StoryIndexPage
from tests.browser.conftest import axe_check, login, server_mails
from tests.helpers import PASSWORD, make_user
from tests.stories.conftest import make_story
from wijkplatform.moderation import RESIDENTS_GROUP

pytestmark = pytest.mark.browser


def test_the_privacy_statement_reads_without_accessibility_errors(page):
    page.goto("/privacy/")
    assert page.locator("h1").inner_text() == "Privacy"
    assert page.locator("[data-personal-data]").count() >= 10
    page.get_by_role("link", name="Uw rechten: inzien, downloaden, verbeteren, verwijderen").click()
    assert page.evaluate("location.hash") == "#uw-rechten"
    axe_check(page)


def test_a_resident_sees_their_data_and_deletes_their_account(page, server_mail_dir):
    user = make_user("mies", RESIDENTS_GROUP, email="mies@example.org")
    story = make_story(StoryIndexPage.objects.get(), "Mies vertelt", author="Mies Bakker", owner=user, image=False)
    login(page, "mies")

    page.goto("/account/mijn-gegevens/")
    assert page.locator("#gegevens-verhalen + dl").get_by_text("Mies Bakker").is_visible()
    axe_check(page)
    page.get_by_role("link", name="Account verwijderen", exact=True).click()
    page.wait_for_load_state()
    assert page.locator('[data-kind="published_stories"]').inner_text() == "1 gepubliceerd verhaal"
    axe_check(page)

    page.get_by_label("Laat ze staan, zonder mijn naam.", exact=False).check()
    page.get_by_label("Uw wachtwoord").fill(PASSWORD)
    page.get_by_label("Ja, verwijder mijn account en mijn gegevens", exact=False).check()
    page.get_by_role("button", name="Verwijder mijn account").click()
    page.wait_for_load_state()
    assert "Uw account en uw gegevens zijn verwijderd." in page.content()

    page.goto(story.url)
    assert "Een bewoner" in page.content() and "Mies Bakker" not in page.content()
    subjects = [message["Subject"] for message in server_mails(server_mail_dir) if "mies@example.org" in message["To"]]
    assert any("Uw account is verwijderd" in subject for subject in subjects)
