"""Small builders for drop-in tests: an organisation with a professional, a place, a live series."""

from datetime import date, time

import pytest

from dropins.models import DropInIndexPage, DropInPage, Organisation
from places.models import Place
from wijkplatform.themes import Theme


def make_dropin(index, organisation, place, *, title="Spreekuur geldzaken", **fields):
    values = {
        "theme": Theme.MONEY,
        "frequency": DropInPage.WEEKLY,
        "weekday": 1,  # Tuesday
        "starts_on": date(2026, 1, 1),
        "start_time": time(9, 30),
        "end_time": time(11, 30),
        "intro": "Vragen over geld? Loop binnen.",
    }
    values.update(fields)
    page = DropInPage(title=title, organisation=organisation, place=place, **values)
    index.add_child(instance=page)
    return page


@pytest.fixture
def index(db):
    return DropInIndexPage.objects.get()


@pytest.fixture
def place(db):
    return Place.objects.create(name="Ons Huis van de Wijk", address="Wijkplein 12, Oss", wheelchair_access=True)


@pytest.fixture
def organisation(db, professional):
    organisation = Organisation.objects.create(name="Schuldhulp Maasland", helps_with="Hulp bij geld.", theme=Theme.MONEY)
    organisation.members.add(professional)
    organisation.save()
    return organisation


@pytest.fixture
def other_organisation(db):
    return Organisation.objects.create(name="Thuiszorg Maasland", helps_with="Zorg thuis.", theme=Theme.CARE)


@pytest.fixture
def dropin(index, organisation, place):
    return make_dropin(index, organisation, place)
