"""'Ik steun dit', the section's pages, the agenda source, personal data and demo content."""

import io
import re
from datetime import timedelta

import pytest
from django.db.models import F
from django.utils import timezone

from agenda.items import KIND_INITIATIVE, KIND_SHIFT
from initiatives import agenda, services
from initiatives.models import Activity, InitiativeIndexPage, InitiativePage, Shift, Support
from tests.initiatives.factories import make_initiative, make_shift
from wijkplatform.personal_data import collect

pytestmark = pytest.mark.django_db


@pytest.fixture
def initiative(resident):
    return make_initiative(resident)


def support_count(client, initiative):
    html = client.get(initiative.url).content.decode()
    return int(re.search(r"(\d+) (?:persoon steunt|mensen steunen) dit initiatief", html).group(1))


def test_anonymous_visitor_supports_once_per_browser_and_nothing_about_them_is_stored(client, initiative):
    url = f"/initiatieven/steun/{initiative.pk}/"
    client.post(url)
    client.post(url)
    assert support_count(client, initiative) == 1
    (support,) = Support.objects.all()
    assert support.user is None
    assert {f.name for f in Support._meta.fields} == {"id", "initiative", "user", "created_at"}
    assert "Ik steun dit" not in client.get(initiative.url).content.decode()


def test_forged_support_cookie_does_not_block_or_count(client, initiative):
    client.cookies["steun"] = f"{initiative.pk}"
    client.post(f"/initiatieven/steun/{initiative.pk}/")
    assert Support.objects.count() == 1


def test_account_supports_once_and_can_withdraw(client, other_resident, initiative):
    client.force_login(other_resident)
    url = f"/initiatieven/steun/{initiative.pk}/"
    client.post(url)
    client.post(url)
    assert Support.objects.filter(user=other_resident).count() == 1
    assert "1 met een account" in client.get(initiative.url).content.decode()
    client.post(url, {"action": "withdraw"})
    assert not Support.objects.exists()


def test_support_needs_a_post(client, initiative):
    assert client.get(f"/initiatieven/steun/{initiative.pk}/").status_code == 405


def test_index_page_exists_after_migrate_and_lists_live_initiatives(client, resident):
    index = InitiativeIndexPage.objects.get()
    assert index.url == "/initiatieven/" and index.live
    make_initiative(resident, title="Wandelgroep")
    make_initiative(resident, title="Concept", live=False)
    html = client.get("/initiatieven/").content.decode()
    assert html.count("<h1") == 1
    assert "Wandelgroep" in html and "Concept" not in html
    assert "Wandelgroep" in client.get("/initiatieven/?thema=buurt").content.decode()
    assert "Wandelgroep" not in client.get("/initiatieven/?thema=geld").content.decode()
    assert client.get("/initiatieven/?thema=<x>&pagina=abc").status_code == 200


def test_page_types_fit_the_tree():
    assert InitiativeIndexPage.parent_page_types == ["home.HomePage"]
    assert InitiativePage.parent_page_types == ["initiatives.InitiativeIndexPage"]
    assert InitiativeIndexPage.max_count_per_parent == 1


def test_agenda_gives_activities_and_shifts_that_need_people_in_fixed_queries(
    initiative, resident, django_assert_max_num_queries
):
    now = timezone.now()
    Activity.objects.create(initiative=initiative, title="Repair Café", start=now + timedelta(days=2))
    open_shift = make_shift(initiative, capacity=2)
    full = make_shift(initiative, capacity=1, task="Vol")
    services.sign_up(full, "Ans", "ans@example.org")
    make_shift(initiative, task="Gesloten", closed=True)
    make_shift(make_initiative(resident, title="Concept", live=False), task="Concept")

    agenda.items(now, now + timedelta(days=30))  # warm the site root cache
    with django_assert_max_num_queries(5):
        found = agenda.items(now, now + timedelta(days=30))
    assert {item.kind for item in found} == {KIND_INITIATIVE, KIND_SHIFT}
    (shift_item,) = [item for item in found if item.kind == KIND_SHIFT]
    assert shift_item.seats_left == 2 and shift_item.live_group == f"shift-{open_shift.pk}"
    assert shift_item.url.startswith(initiative.url)
    assert (shift_item.place_id, shift_item.place_name) == (initiative.place_id, open_shift.place_text)

    for number in range(20):
        make_shift(initiative, task=f"Extra {number}")
    with django_assert_max_num_queries(5):
        assert len(agenda.items(now, now + timedelta(days=30))) == 22


def test_my_data_includes_own_signups_and_support(resident, initiative):
    shift = make_shift(initiative)
    services.sign_up(shift, "Bewoner", resident.email, user=resident)
    services.support(initiative, resident)
    data = collect(resident)
    assert data["vrijwilligersdiensten"][0]["taak"] == shift.task
    assert data["steun_voor_initiatieven"] == [{"initiatief": initiative.title, "webadres": "http://testserver" + initiative.url}]


def test_seed_is_idempotent_and_has_a_full_shift_with_a_waitlist():
    from initiatives import seed

    for _run in range(2):
        seed.run(scale=0, stdout=io.StringIO())
    assert InitiativePage.objects.filter(live=True).count() == 5
    assert Shift.objects.filter(confirmed_count=F("capacity"), signups__status="waitlisted").exists()


def test_seeded_volunteers_hold_exactly_the_seats_counted_and_get_no_mail(django_capture_on_commit_callbacks, mailoutbox):
    from initiatives import seed

    with django_capture_on_commit_callbacks(execute=True):
        seed.run(scale=0, stdout=io.StringIO())
    shifts = list(Shift.objects.prefetch_related("signups"))
    assert sum(shift.confirmed_count for shift in shifts) > 0
    for shift in shifts:
        assert shift.confirmed_count == sum(signup.status == "confirmed" for signup in shift.signups.all())
    volunteers = {signup.email for shift in shifts for signup in shift.signups.all()}
    assert not volunteers & {address for message in mailoutbox for address in message.to}


def test_seed_scale_adds_n_units_of_initiatives_with_ten_shifts_each(monkeypatch):
    from home.seed import demo_users
    from initiatives import seed

    monkeypatch.setattr(seed, "SCALE_UNIT", 10)  # 200 in real runs; the volume is measured in the report
    users = demo_users()
    index = InitiativeIndexPage.objects.get()
    seed.seed_volume(index, users["bewoner"], None, 2)
    seed.seed_volume(index, users["bewoner"], None, 2)
    assert InitiativePage.objects.filter(slug__startswith="synthetisch-").count() == 20
    assert Shift.objects.filter(initiative__slug__startswith="synthetisch-").count() == 200


def test_editors_can_open_an_initiative_in_the_wagtail_admin_with_theme_boxes(client, superuser, initiative):
    client.force_login(superuser)
    response = client.get(f"/admin/pages/{initiative.pk}/edit/")
    assert response.status_code == 200
    html = response.content.decode()
    assert re.search(r'<input[^>]*type="checkbox"[^>]*name="themes"[^>]*value="buurt"[^>]*checked', html)


def test_editors_change_an_initiatives_themes_in_the_admin_and_the_theme_filter_follows(client, superuser, initiative):
    client.force_login(superuser)
    data = {
        "title": initiative.title,
        "slug": initiative.slug,
        "aim": initiative.aim,
        "description": initiative.description,
        "organiser_name": initiative.organiser_name,
        "place_note": "",
        "themes": ["eten", "buurt"],
        "action-publish": "publish",
    }
    response = client.post(f"/admin/pages/{initiative.pk}/edit/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    initiative.refresh_from_db()
    assert sorted(initiative.theme_values) == ["buurt", "eten"]
    assert sorted(initiative.get_latest_revision_as_object().theme_values) == ["buurt", "eten"]

    index_url = initiative.get_parent().url
    assert initiative.title in client.get(index_url, {"thema": "eten"}).content.decode()
    assert initiative.title not in client.get(index_url, {"thema": "geld"}).content.decode()
