"""Forms that anyone with an account can send are bounded: a flood of forms or posts is refused, nothing is stored."""

import pytest

from initiatives.forms import ShiftFormSet
from initiatives.models import InitiativePage
from tests.initiatives.test_photo_and_slug import start_data

pytestmark = pytest.mark.django_db


def test_a_post_claiming_100000_shift_forms_builds_at_most_20_and_stores_nothing(client, resident):
    client.force_login(resident)
    data = start_data(**{"dienst-TOTAL_FORMS": "100000"})
    formset = ShiftFormSet(data, prefix="dienst")
    assert len(formset.forms) == 20 and not formset.is_valid()

    response = client.post("/initiatieven/nieuw/", data)
    assert response.status_code in (200, 400)
    assert not InitiativePage.objects.filter(title="Repair Café").exists()


def test_starting_initiatives_is_limited_per_account(client, resident):
    client.force_login(resident)
    answers = [client.post("/initiatieven/nieuw/", start_data(title="")).status_code for _ in range(21)]
    assert 429 not in answers[:20] and answers[-1] == 429
