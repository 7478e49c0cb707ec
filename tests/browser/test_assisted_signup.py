"""Browser: a connector signs up a resident without e-mail, and a busy day's call list prints on one A4 page."""

import re

import pytest
from django.utils import timezone

from initiatives import services
from initiatives.models import CONNECTORS_GROUP
from tests.browser.conftest import axe_check, login
from tests.helpers import make_user
from tests.initiatives.factories import make_initiative, make_shift

pytestmark = pytest.mark.browser

BUSY_DAY = 20  # residents on one day's call list, with names long enough to take two lines


def test_connector_signs_up_a_resident_and_prints_a_busy_call_list_on_one_a4(page):
    connector = make_user("verbinder", CONNECTORS_GROUP)
    initiative = make_initiative(make_user("organisator"))
    shifts = [make_shift(initiative, days=2, capacity=20, task=f"Taak {number}") for number in range(4)]
    for number in range(BUSY_DAY - 1):
        services.sign_up(
            shifts[number % 4],
            f"Bewoner met een lange naam {number}",
            "",
            f"06123456{number:02d}",
            assisted_by=connector,
            consent_explained="Uitgelegd.",
            notify=False,
        )
    login(page, connector.username)

    page.goto(initiative.url)
    page.click(f"[data-shift='{shifts[0].pk}'] >> text=Iemand aanmelden zonder e-mail")
    page.click("form[data-assisted-signup-form] button[type=submit]")
    assert page.locator(".error-summary").is_visible()
    axe_check(page)
    page.fill("input[name=name]", "Truus")
    page.fill("input[name=phone]", "06 9876 5432")
    page.check("input[name=consent]")
    page.check("input[name=explained][value=kort]")
    page.click("form[data-assisted-signup-form] button[type=submit]")
    assert page.locator("[data-signup-status=confirmed]").is_visible()
    assert "U heeft Truus aangemeld" in page.locator("h1").inner_text()

    day = timezone.localtime(shifts[0].start).date().isoformat()
    page.click("nav.account-nav >> text=Mijn bewoners")
    page.fill("input[name=dag]", day)
    page.click("text=Toon de bellijst")
    page.wait_for_load_state()
    assert page.locator("[data-call-list] tbody tr").count() == BUSY_DAY
    axe_check(page)
    pdf = page.pdf(format="A4", print_background=True)
    assert len(re.findall(rb"/Type\s*/Page\b(?!s)", pdf)) == 1
