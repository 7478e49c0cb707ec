"""A visitor signs up for a volunteer shift without an account, then cancels through the link from the e-mail."""

import pytest

from initiatives.models import Signup
from tests.browser.conftest import axe_check
from tests.helpers import make_user
from tests.initiatives.factories import make_initiative, make_shift

pytestmark = pytest.mark.browser


def test_visitor_signs_up_for_a_shift_and_cancels_with_the_link(page):
    initiative = make_initiative(make_user("organisator"), title="Repair Café")
    shift = make_shift(initiative, capacity=2)

    page.goto(initiative.url)
    axe_check(page)
    block = page.locator(f'[data-shift="{shift.pk}"]')
    assert block.locator("[data-seats-left]").inner_text() == "2"
    form = block.locator("form[data-signup-form]")
    form.get_by_label("Uw naam").fill("Ans")
    form.get_by_label("Uw e-mailadres").fill("ans@example.org")
    form.get_by_role("button", name="Aanmelden als vrijwilliger").click()
    page.wait_for_load_state()

    assert page.locator("[data-signup-status]").get_attribute("data-signup-status") == "confirmed"
    axe_check(page)
    signup = Signup.objects.get(email="ans@example.org")
    assert signup.status == Signup.CONFIRMED

    page.goto(initiative.url)
    assert page.locator(f'[data-shift="{shift.pk}"] [data-seats-left]').inner_text() == "1"

    page.goto(signup.cancel_path())
    axe_check(page)
    page.get_by_role("button", name="Ja, meld mij af").click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", level=1).inner_text() == "U bent afgemeld"
    signup.refresh_from_db()
    assert signup.status == Signup.CANCELLED

    page.goto(initiative.url)
    assert page.locator(f'[data-shift="{shift.pk}"] [data-seats-left]').inner_text() == "2"
