"""A volunteer without an account asks for "Mijn aanmeldingen", opens it from the e-mail and erases their data."""

import re

import pytest

from initiatives import services
from initiatives.models import Signup
from tests.browser.conftest import axe_check, server_mails
from tests.helpers import make_user
from tests.initiatives.factories import make_initiative, make_shift

pytestmark = pytest.mark.browser

VIEW_PATH = re.compile(r"https?://[^/\s]+(/account/mijn-aanmeldingen/bekijken/[^/\s]+/)")


def test_volunteer_asks_for_their_data_reads_it_and_erases_it(page, server_mail_dir):
    shift = make_shift(make_initiative(make_user("organisator2"), title="Deelwerf"), capacity=2)
    signup = services.sign_up(shift, "Marieke", "marieke@example.org", "0687654321").signup

    page.goto("/account/mijn-aanmeldingen/")
    axe_check(page)
    page.get_by_label("Uw e-mailadres").fill("marieke@example.org")
    page.get_by_role("button", name="Stuur mij de link").click()
    page.wait_for_load_state()
    assert page.locator("[data-volunteer-data]").get_attribute("data-volunteer-data") == "sent"
    axe_check(page)

    (message,) = [message for message in server_mails(server_mail_dir) if message["To"] == "marieke@example.org"]
    path = VIEW_PATH.search(message.get_body(preferencelist=("plain",)).get_content()).group(1)
    page.goto(path)
    axe_check(page)
    assert page.get_by_role("heading", level=1).inner_text() == "Mijn aanmeldingen"
    assert "0687654321" in page.locator("main").inner_text()

    page.get_by_role("link", name="Verwijder mijn gegevens").click()
    page.wait_for_load_state()
    axe_check(page)
    page.get_by_role("button", name="Ja, verwijder mijn gegevens").click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", level=1).inner_text() == "Uw gegevens zijn gewist"
    axe_check(page)
    signup.refresh_from_db()
    assert signup.status == Signup.CANCELLED and signup.erased_at and signup.phone == ""
