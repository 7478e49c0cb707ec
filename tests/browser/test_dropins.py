"""A professional cancels one drop-in occurrence; a visitor who has the page open sees it cancelled."""

from datetime import datetime, timedelta

import pytest

from dropins.models import DropInIndexPage
from dropins.recurrence import TZ
from tests.browser.conftest import axe_check, login
from tests.dropins.conftest import make_dropin

pytestmark = pytest.mark.browser


@pytest.fixture
def dropin(professional):
    from dropins.models import Organisation
    from places.models import Place

    place = Place.objects.create(name="Ons Huis van de Wijk", address="Wijkplein 12, Oss", wheelchair_access=True)
    organisation = Organisation.objects.create(name="Schuldhulp Maasland", helps_with="Hulp bij geld.", theme="geld")
    organisation.members.add(professional)
    organisation.save()
    today = datetime.now(TZ).date()
    return make_dropin(DropInIndexPage.objects.get(), organisation, place, weekday=today.weekday())


def test_professional_cancels_an_occurrence_and_an_open_visitor_page_shows_it_cancelled(page, browser, live_url, dropin, professional):
    day = (datetime.now(TZ) + timedelta(days=7)).date().isoformat()
    occurrence = f'[data-dropin="{dropin.pk}"][data-date="{day}"]'

    visitor = browser.new_context(base_url=live_url, locale="nl-NL", timezone_id="Europe/Amsterdam").new_page()
    visitor.goto(dropin.url)
    visitor.wait_for_selector("html[data-live-connected]")
    assert visitor.get_attribute(occurrence, "data-status") == "open"
    axe_check(visitor)

    login(page, professional.username)
    page.goto(dropin.url)
    page.click(f"{occurrence} a[data-cancel]")  # click 1
    page.wait_for_selector("form[data-cancel-form]")
    axe_check(page)
    assert page.locator("input[name=reason]:checked").count() == 0  # no reason chosen in advance
    page.get_by_label("De medewerker is op vakantie.").check()
    page.get_by_role("button", name="Ja, dit spreekuur vervalt").click()  # click 2
    page.wait_for_load_state()
    assert page.get_attribute(occurrence, "data-status") == "cancelled"

    # The visitor's open page changes by itself, and stays so after a reload.
    visitor.wait_for_selector(f'{occurrence}[data-status="cancelled"]', timeout=10_000)
    assert "Vervalt" in visitor.inner_text(occurrence)
    visitor.goto("/inloop/")
    assert visitor.get_attribute(occurrence, "data-status") == "cancelled"
    axe_check(visitor)
    visitor.context.close()
