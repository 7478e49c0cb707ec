"""The agenda as a registry: it imports no feature app, and every write of a source reaches its page at once."""

import ast
from datetime import datetime, time, timedelta
from pathlib import Path

import pytest

from agenda import registry
from agenda.filters import today
from agenda.models import LOCAL_TZ

AGENDA_DIR = Path(registry.__file__).parent
FEATURE_APPS = ("stories", "initiatives", "dropins")


def imported_modules(path):
    """Every module a Python file imports, also inside functions."""
    names = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0:
            names.add(node.module)
    return names


def agenda_modules():
    return [path for path in AGENDA_DIR.rglob("*.py") if "migrations" not in path.parts]


def test_the_agenda_imports_no_feature_app_and_its_models_import_no_views():
    offending = {
        str(path.relative_to(AGENDA_DIR)): sorted(name for name in imported_modules(path) if name.split(".")[0] in FEATURE_APPS)
        for path in agenda_modules()
    }
    assert len(offending) > 10  # every module was read
    assert {path: names for path, names in offending.items() if names} == {}
    model_imports = imported_modules(AGENDA_DIR / "models.py")
    assert "wagtail.models" in model_imports  # the walk sees the model's imports
    assert [name for name in model_imports if name.split(".")[-1].endswith("views")] == []


def test_the_feature_apps_register_their_sources_with_the_agenda():
    found = {source.name: source for source in registry.sources()}
    assert set(found) == {"agenda", "initiatives", "dropins"}
    assert found["initiatives"].items.__module__ == "initiatives.agenda"
    assert found["dropins"].feed_items.__module__ == "dropins.agenda"
    assert [model._meta.label for model in found["dropins"].pages] == ["dropins.DropInPage"]


def agenda_html(client):
    first = today()
    return client.get(f"/agenda/?van={first.isoformat()}&tot={(first + timedelta(days=7)).isoformat()}").content.decode()


def shift_marker(shift):
    return f'data-live="shift-{shift.pk}"'


# Each case does its set-up, then returns the write to make, a text of the agenda page, and whether the
# text is there after the write (and so not before).


def add_shift(s):
    act = lambda: s.services.add_shift(s.initiative, by=s.resident, task="Soep koken", start=s.start, end=s.end, capacity=2)  # noqa: E731
    return act, "Soep koken", True


def update_shift(s):
    return lambda: s.services.update_shift(s.shift, by=s.resident, task="Tafels dekken"), "Tafels dekken", True


def close_signups(s):
    return lambda: s.services.set_signups_closed(s.shift, by=s.resident), shift_marker(s.shift), False


def cancel_shift(s):
    return lambda: s.services.cancel_shift(s.shift, by=s.resident), shift_marker(s.shift), False


def delete_shift(s):
    return lambda: s.services.delete_shift(s.shift, by=s.resident), shift_marker(s.shift), False


def hide_shift(s):
    return lambda: s.services.set_hidden(s.shift, True, s.editor), shift_marker(s.shift), False


def sign_up(s):
    return lambda: s.services.sign_up(s.shift, "Ans", "ans@example.org"), 'data-live-field="seats_left" hidden>2<', True


def cancel_signup(s):
    signup = s.services.sign_up(s.shift, "Ans", "ans@example.org").signup
    return lambda: s.services.cancel(signup), 'data-live-field="seats_left" hidden>3<', True


def add_activity(s):
    act = lambda: s.services.add_activity(s.initiative, by=s.resident, title="Fietsen plakken", start=s.start, end=s.end)  # noqa: E731
    return act, "Fietsen plakken", True


def update_activity(s):
    return lambda: s.services.update_activity(s.activity, by=s.resident, title="Lampen maken"), "Lampen maken", True


def delete_activity(s):
    return lambda: s.services.delete_activity(s.activity, by=s.resident), "Samen repareren", False


def hide_activity(s):
    return lambda: s.services.set_hidden(s.activity, True, s.editor), "Samen repareren", False


def cancel_occurrence(s):
    act = lambda: s.dropin_services.cancel_occurrence(s.dropin, s.dropin_day, s.professional, "De medewerker is ziek")  # noqa: E731
    return act, "De medewerker is ziek", True


def move_occurrence(s):
    def act():
        s.dropin_services.move_occurrence(
            s.dropin, s.dropin_day, s.professional, new_date=s.dropin_day, new_start_time=time(13, 15),
            new_end_time=time(15), reason="Andere zaal",
        )

    return act, f'datetime="{datetime.combine(s.dropin_day, time(13, 15), LOCAL_TZ).isoformat()}"', True


def restore_occurrence(s):
    s.dropin_services.cancel_occurrence(s.dropin, s.dropin_day, s.professional, "De medewerker is ziek")
    return lambda: s.dropin_services.restore_occurrence(s.dropin, s.dropin_day, s.professional), 'data-status="cancelled"', False


CASES = [
    add_shift, update_shift, close_signups, cancel_shift, delete_shift, hide_shift, sign_up, cancel_signup,
    add_activity, update_activity, delete_activity, hide_activity, cancel_occurrence, move_occurrence, restore_occurrence,
]


@pytest.fixture
def sources(agenda_page, resident, editor, professional):
    from types import SimpleNamespace

    from dropins import services as dropin_services
    from dropins.models import DropInIndexPage, Organisation
    from initiatives import services
    from places.models import Place
    from tests.dropins.conftest import make_dropin
    from tests.initiatives.factories import make_initiative, make_shift

    start = datetime.combine(today() + timedelta(days=2), time(10), LOCAL_TZ)
    initiative = make_initiative(resident)
    shift = make_shift(initiative, start=start, capacity=3)
    activity = services.add_activity(initiative, by=resident, title="Samen repareren", start=start, end=start + timedelta(hours=2))
    organisation = Organisation.objects.create(name="Schuldhulp (test)", helps_with="Hulp bij geld.")
    organisation.members.add(professional)
    organisation.save()
    place = Place.objects.create(name="Buurthuis (test)", address="Wijkplein 1, Oss", wheelchair_access=True)
    dropin = make_dropin(DropInIndexPage.objects.get(), organisation, place, starts_on=today())
    dropin_day = today() + timedelta(days=(1 - today().weekday()) % 7 or 7)
    return SimpleNamespace(
        services=services, dropin_services=dropin_services, resident=resident, editor=editor, professional=professional,
        initiative=initiative, shift=shift, activity=activity, start=start, end=start + timedelta(hours=2),
        dropin=dropin, dropin_day=dropin_day,
    )


@pytest.mark.parametrize("case", CASES, ids=[case.__name__ for case in CASES])
def test_every_write_of_a_source_tells_the_agenda_and_its_page_shows_it_at_once(client, sources, case):
    act, text, present_after = case(sources)
    before = agenda_html(client)  # also fills the agenda's cache
    assert (text in before) is not present_after
    sent = []

    def count(sender, **kwargs):
        sent.append(sender)

    registry.agenda_changed.connect(count)
    try:
        act()
    finally:
        registry.agenda_changed.disconnect(count)
    assert sent
    assert (text in agenda_html(client)) is present_after
