"""Fixtures for the agenda: its page, places, activities, and stand-in sources of the other apps."""

from datetime import datetime, time, timedelta

import pytest

from agenda import registry
from agenda.models import LOCAL_TZ, ActivityPage, AgendaPage
from tests.agenda import fake_sources


@pytest.fixture
def agenda_page(db):
    return AgendaPage.objects.get()


@pytest.fixture
def only_own_source(monkeypatch):
    """Run the agenda on its own source plus stand-ins, independent of the other apps."""
    own = registry.get_source("agenda")
    monkeypatch.setattr(registry, "_sources", {own.name: own, fake_sources.SOURCE: fake_sources.source()})
    fake_sources.ITEMS.clear()
    yield fake_sources
    fake_sources.ITEMS.clear()


@pytest.fixture
def place(db):
    from places.models import Place

    return Place.objects.create(name="Ons Huis van de Wijk (test)", address="Ruwaardsingel 1, Oss", wheelchair_access=True)


@pytest.fixture
def other_place(db):
    from places.models import Place

    return Place.objects.create(name="Trappenhuis (test)", address="Kerkstraat 9, Oss", wheelchair_access=False)


def at(day, hour, minute=0):
    return datetime.combine(day, time(hour, minute), tzinfo=LOCAL_TZ)


def days_from_now(days):
    from agenda.filters import today

    return today() + timedelta(days=days)


def make_activity(parent, title="Koffieochtend", day=None, start=time(10), end=time(12), **fields):
    """A published activity, as after the editors' approval."""
    day = day or days_from_now(1)
    fields.setdefault("organiser", "Ans")
    fields.setdefault("description", "Koffie en een praatje.")
    if "place" not in fields:
        fields.setdefault("place_text", "Buurthuis")
    page = ActivityPage(title=title, slug=f"{title.lower().replace(' ', '-')}-{day.isoformat()}-{start:%H%M}",
                        date=day, start_time=start, end_time=end, **fields)
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page
