"""Search results tell apart activities with one name: each shows its kind, day, time and place."""

import re
from datetime import time

import pytest

from tests.agenda.conftest import days_from_now, make_activity

pytestmark = pytest.mark.django_db


def test_two_coffee_mornings_in_search_show_their_own_day_time_and_place(client, agenda_page, place):
    first = make_activity(agenda_page, day=days_from_now(3))
    second = make_activity(agenda_page, day=days_from_now(10), start=time(9, 30), place=place)
    html = client.get("/zoeken/", {"q": "Koffieochtend"}).content.decode()
    metas = re.findall(r"<p class=\"meta\" data-search-meta>(.*?)</p>", html, flags=re.DOTALL)
    assert len(metas) == 2
    text = " ".join(metas)
    assert f'datetime="{first.date.isoformat()}"' in text and f'datetime="{second.date.isoformat()}"' in text
    assert "10:00" in text and "09:30" in text
    assert "Buurthuis" in text and place.name in text
    assert all(meta.startswith("Activiteit") for meta in metas)
