"""The professionals' forms follow the GOV.UK pattern: summary with links, "Fout: " in the title, typed text kept."""

from datetime import datetime, timedelta

import pytest
from django.urls import reverse

from dropins.recurrence import TZ
from tests.helpers import PASSWORD

pytestmark = pytest.mark.django_db


def login(client, user):
    assert client.login(username=user.username, password=PASSWORD)


def error_summary(html):
    start = html.index("data-error-summary")
    return html[start : html.index("</ul>", start)]


def test_moving_to_a_wrong_time_names_the_field_at_the_top(client, dropin, professional):
    login(client, professional)
    today = datetime.now(TZ).date()
    next_tuesday = today + timedelta(days=(1 - today.weekday()) % 7 or 7)
    url = reverse("dropins:move", args=[dropin.pk, next_tuesday.isoformat()])
    assert 'id="id_new_date_helptext">Bijvoorbeeld: 5 december 2026<' in client.get(url).content.decode()
    data = {"new_date": next_tuesday.isoformat(), "new_start_time": "14:00", "new_end_time": "13:00", "reason": "Verbouwing"}
    html = client.post(url, data).content.decode()
    assert "<title>Fout: " in html
    assert 'href="#id_new_end_time"' in error_summary(html) and 'value="Verbouwing"' in html


def test_a_new_drop_in_without_a_name_keeps_what_was_typed(client, professional, organisation, place, index):
    login(client, professional)
    data = {
        "title": "", "intro": "Vragen over toeslagen? Loop binnen.", "theme": "werk", "organisation": organisation.pk,
        "place": place.pk, "frequency": "weekly", "weekday": "3", "starts_on": "2026-12-01", "ends_on": "",
        "start_time": "13:30", "end_time": "15:00", "languages": "Nederlands",
    }
    html = client.post(reverse("dropins:add"), data).content.decode()
    assert "<title>Fout: " in html and 'href="#id_title"' in error_summary(html)
    assert "Vragen over toeslagen? Loop binnen." in html
