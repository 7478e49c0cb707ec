"""Cancelling one drop-in occurrence: the professional says why, and nothing is chosen for them."""

from datetime import datetime, timedelta

import pytest
from django.urls import reverse

from dropins.models import DropInException
from dropins.recurrence import TZ
from tests.helpers import PASSWORD

pytestmark = pytest.mark.django_db


@pytest.fixture
def cancel_url(dropin):
    today = datetime.now(TZ).date()
    day = today + timedelta(days=(dropin.weekday - today.weekday()) % 7 or 7)
    return reverse("dropins:cancel", args=[dropin.pk, day.isoformat()])


def test_the_cancel_form_chooses_no_reason_in_advance(client, professional, cancel_url):
    assert client.login(username=professional.username, password=PASSWORD)
    html = client.get(cancel_url).content.decode()
    assert html.count('name="reason"') == 4
    assert "checked" not in html[html.index("data-cancel-form") : html.index("</form>", html.index("data-cancel-form"))]


def test_cancelling_without_a_reason_asks_for_one_and_changes_nothing(client, professional, dropin, cancel_url):
    assert client.login(username=professional.username, password=PASSWORD)
    response = client.post(cancel_url, {"note": "Tot volgende week."})
    html = response.content.decode()
    assert response.status_code in (200, 400)
    assert "Kies waarom het spreekuur vervalt." in html and 'value="Tot volgende week."' in html
    assert not DropInException.objects.filter(page=dropin).exists()
