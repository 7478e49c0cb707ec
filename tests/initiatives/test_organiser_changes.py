"""
The one exception to review: the organiser of a live initiative changes its shifts and activities at once,
every such change is logged for the editors ("Recent gewijzigd door organisatoren"), and an editor can hide
a shift or activity from everything public with one click, and show it again.
"""

from datetime import timedelta
from types import SimpleNamespace
from unittest import mock

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from wagtail.models import PageLogEntry

from agenda import signals as agenda_signals
from agenda.models import AgendaPage
from agenda.registry import agenda_changed
from initiatives import services
from initiatives.models import Activity, OrganiserChange, Shift
from tests.initiatives.factories import make_initiative, make_shift, signup_data, signup_url

pytestmark = pytest.mark.django_db

INDEX_URL = reverse("organiser_changes:index")


@pytest.fixture
def initiative(resident):
    return make_initiative(resident)


@pytest.fixture
def organiser(client, resident):
    client.force_login(resident)
    return client


def manage_url(initiative, *parts):
    return "/".join([f"/initiatieven/beheer/{initiative.pk}", *parts]) + "/"


def shift_data(**overrides):
    day = (timezone.localdate() + timedelta(days=3)).isoformat()
    data = {"task": "Koffie schenken", "day": day, "start_time": "10:00", "end_time": "12:00", "capacity": 4,
            "note": "", "place": "", "place_note": ""}
    data.update(overrides)
    return data


def activity_data(**overrides):
    day = (timezone.localdate() + timedelta(days=3)).isoformat()
    data = {"title": "Repair Café-ochtend", "day": day, "start_time": "10:00", "end_time": "13:00",
            "description": "Breng uw kapotte spullen mee.", "place": "", "place_note": ""}
    data.update(overrides)
    return data


def agenda_html(client, path=""):
    return client.get(AgendaPage.objects.get().url + path).content.decode()


# The exception holds, and every change is logged ------------------------------------------


def test_organisers_new_shift_is_public_at_once_and_logged_with_who_what_and_when(client, organiser, resident, initiative):
    before = timezone.now()
    assert organiser.post(manage_url(initiative, "diensten", "nieuw"), shift_data()).status_code == 302
    shift = Shift.objects.get(initiative=initiative)

    assert f'data-shift="{shift.pk}"' in Client().get(initiative.url).content.decode()  # a visitor sees it at once
    change = OrganiserChange.objects.get()
    assert (change.initiative, change.user, change.shift, change.kind) == (initiative, resident, shift, "added")
    assert change.created_at >= before
    assert "Koffie schenken" in change.subject
    assert "Plaatsen: 4" in change.summary and "Taak: “Koffie schenken”" in change.summary


def test_a_change_lists_old_and_new_values_of_what_changed_only(organiser, initiative):
    shift = make_shift(initiative, capacity=3, task="Koffie schenken")
    start = timezone.localtime(shift.start)
    data = shift_data(day=start.date().isoformat(), start_time=start.strftime("%H:%M"),
                      end_time=timezone.localtime(shift.end).strftime("%H:%M"), task="Thee schenken", capacity=5,
                      place_note="Achter de kerk")
    assert organiser.post(manage_url(initiative, "diensten", str(shift.pk)), data).status_code == 302

    change = OrganiserChange.objects.get()
    assert change.kind == "changed"
    assert "Taak: “Koffie schenken” → “Thee schenken”" in change.summary
    assert "Plaatsen: 3 → 5" in change.summary
    assert "Plek: plek van het initiatief → Achter de kerk" in change.summary
    assert "Tijd" not in change.summary and "Opmerking" not in change.summary


def test_saving_a_shift_without_changes_writes_nothing(initiative, resident):
    shift = make_shift(initiative)
    services.update_shift(shift, by=resident, task=shift.task, capacity=shift.capacity)
    assert not OrganiserChange.objects.exists()


def test_close_reopen_cancel_and_delete_are_logged(organiser, resident, initiative):
    shift = make_shift(initiative, task="Opruimen")
    spare = make_shift(initiative, task="Afwassen")
    action_url = manage_url(initiative, "diensten", str(shift.pk), "actie")
    for action in ("close", "close", "open", "cancel"):
        assert organiser.post(action_url, {"action": action}).status_code == 302
    assert organiser.post(manage_url(initiative, "diensten", str(spare.pk), "actie"), {"action": "delete"}).status_code == 302

    kinds = list(OrganiserChange.objects.order_by("pk").values_list("kind", flat=True))
    assert kinds == ["closed", "opened", "cancelled", "deleted"]  # closing twice changed nothing the second time
    deleted = OrganiserChange.objects.get(kind="deleted")
    assert deleted.shift is None and "Afwassen" in deleted.subject and deleted.user == resident


def test_activities_added_changed_and_deleted_are_logged(organiser, initiative):
    assert organiser.post(manage_url(initiative, "activiteiten", "nieuw"), activity_data()).status_code == 302
    activity = Activity.objects.get()
    url = manage_url(initiative, "activiteiten", str(activity.pk))
    assert organiser.post(url, activity_data(description="Nu ook fietsen.")).status_code == 302
    assert organiser.post(url, {"action": "delete"}).status_code == 302

    changes = list(OrganiserChange.objects.order_by("pk"))
    assert [change.kind for change in changes] == ["added", "changed", "deleted"]
    assert "Tekst: “Breng uw kapotte spullen mee.” → “Nu ook fietsen.”" in changes[1].summary
    assert not Activity.objects.exists() and changes[2].activity is None


def test_the_log_is_written_in_the_same_transaction_as_the_change(initiative, resident):
    shift = make_shift(initiative, task="Koffie schenken")
    with mock.patch.object(OrganiserChange.objects, "create", side_effect=RuntimeError("disk full")):
        with pytest.raises(RuntimeError):
            services.update_shift(shift, by=resident, task="Thee schenken")
    shift.refresh_from_db()
    assert shift.task == "Koffie schenken"


def test_a_refused_change_is_not_logged(initiative, resident):
    shift = make_shift(initiative, capacity=2)
    services.sign_up(shift, "Ans", "ans@example.org")
    services.sign_up(shift, "Henk", "henk@example.org")
    with pytest.raises(services.CapacityBelowConfirmed):
        services.update_shift(shift, by=resident, capacity=1)
    assert not OrganiserChange.objects.exists()


def test_shifts_sent_in_with_a_new_initiative_are_reviewed_with_it_not_logged(client, resident):
    client.force_login(resident)
    day = (timezone.localdate() + timedelta(days=5)).isoformat()
    data = {
        "title": "Wandelgroep", "aim": "Samen lopen.", "description": "Elke week een uur.", "organiser_name": "Ans",
        "place": "", "place_note": "", "themes": ["bewegen"], "website": "",
        "dienst-TOTAL_FORMS": "1", "dienst-INITIAL_FORMS": "0", "dienst-MIN_NUM_FORMS": "0", "dienst-MAX_NUM_FORMS": "20",
        "dienst-0-task": "Route uitzetten", "dienst-0-day": day, "dienst-0-start_time": "09:00",
        "dienst-0-end_time": "10:00", "dienst-0-capacity": "2", "dienst-0-note": "", "dienst-0-place": "",
        "dienst-0-place_note": "",
    }
    assert client.post(reverse("initiatives:start"), data).status_code == 302
    assert Shift.objects.filter(task="Route uitzetten").exists()
    assert not OrganiserChange.objects.exists()


# The editors' list ---------------------------------------------------------------------------


def test_editors_see_recent_changes_newest_first_and_can_filter_by_initiative(client, editor, resident, initiative):
    other = make_initiative(resident, title="Wandelgroep")
    services.add_shift(initiative, by=resident, task="Eerste dienst", start=timezone.now() + timedelta(days=2),
                       end=timezone.now() + timedelta(days=2, hours=2), capacity=2)
    services.add_activity(other, by=resident, title="Tweede ding", start=timezone.now() + timedelta(days=3))

    client.force_login(editor)
    html = client.get(INDEX_URL).content.decode()
    assert "Recent gewijzigd door organisatoren" in html
    assert html.index("Tweede ding") < html.index("Eerste dienst")
    assert resident.get_username() in html
    assert f'href="{initiative.url}#shift' in html  # a link to the public page

    filtered = client.get(INDEX_URL, {"initiative": initiative.pk}).content.decode()
    assert "Eerste dienst" in filtered and "Tweede ding" not in filtered
    assert client.get(reverse("organiser_changes:index_results"), {"initiative": other.pk}).status_code == 200
    assert client.get(INDEX_URL, {"initiative": "onzin", "p": "999"}).status_code == 200


@pytest.mark.parametrize("who", ["resident", "professional"])
def test_residents_and_professionals_may_not_see_the_list_or_hide(client, request, who, initiative, resident):
    shift = services.add_shift(initiative, by=resident, task="Koffie", start=timezone.now() + timedelta(days=2),
                               end=timezone.now() + timedelta(days=2, hours=2), capacity=2)
    client.force_login(request.getfixturevalue(who))
    assert client.get(INDEX_URL).status_code in (302, 403)
    assert client.post(reverse("organiser_changes:hide_shift", args=[shift.pk])).status_code in (302, 403)
    shift.refresh_from_db()
    assert not shift.hidden_by_editors


def test_only_editors_see_the_menu_item(client, editor, professional):
    client.force_login(editor)
    assert "Recent gewijzigd door organisatoren" in client.get("/admin/").content.decode()
    client.force_login(professional)
    assert "Recent gewijzigd door organisatoren" not in client.get("/admin/").content.decode()


def test_anonymous_visitors_are_sent_to_the_login(client):
    response = client.get(INDEX_URL)
    assert response.status_code == 302 and "login" in response["Location"]


# Hiding -------------------------------------------------------------------------------------


@pytest.fixture
def hiding(editor, initiative, resident, committed, monkeypatch):
    """An editor hides a shift with the list's button: the shift, the live updates it sent, the agenda cache drops."""
    shift = services.add_shift(initiative, by=resident, task="Koffie schenken", start=timezone.now() + timedelta(days=2),
                               end=timezone.now() + timedelta(days=2, hours=2), capacity=4)
    agenda_html(Client(), "?periode=week")  # fills the agenda's cache
    sent, drops = [], []
    for module in (services, agenda_signals):
        monkeypatch.setattr(module, "broadcast", lambda group, **kwargs: sent.append((group, kwargs)))

    def count_drop(sender, **kwargs):
        drops.append(sender)

    agenda_changed.connect(count_drop)
    editor_client = Client(enforce_csrf_checks=True)
    editor_client.force_login(editor)
    page = editor_client.get(INDEX_URL)
    token = page.cookies["csrftoken"].value
    with committed():
        response = editor_client.post(reverse("organiser_changes:hide_shift", args=[shift.pk]), {"csrfmiddlewaretoken": token})
    agenda_changed.disconnect(count_drop)
    assert response.status_code == 302
    shift.refresh_from_db()
    return SimpleNamespace(shift=shift, sent=sent, cache_drops=len(drops))


@pytest.fixture
def hidden_shift(hiding):
    return hiding.shift


def test_a_hidden_shift_is_gone_from_everything_public(client, hidden_shift, initiative):
    shift = hidden_shift
    uid = f"initiative-shift-{shift.pk}"
    assert shift.hidden_by_editors
    assert f'data-shift="{shift.pk}"' not in client.get(initiative.url).content.decode()
    assert uid not in agenda_html(client, "?periode=week")
    assert uid not in agenda_html(client, "scherm/")
    assert uid not in client.get("/agenda/agenda.ics").content.decode()
    assert uid not in client.get(f"/agenda/initiatief/{initiative.pk}.ics").content.decode()
    assert "Zoekt hulp" not in client.get("/initiatieven/").content.decode()


def test_a_hidden_shift_cannot_be_signed_up_for(client, hidden_shift):
    assert client.get(signup_url(hidden_shift)).status_code == 404
    assert client.post(signup_url(hidden_shift), signup_data()).status_code == 404
    assert services.sign_up(hidden_shift, "Ans", "ans@example.org").status == services.CLOSED
    assert not hidden_shift.signups.exists()


def test_hiding_drops_the_agenda_caches_and_tells_open_browsers(hiding):
    assert hiding.cache_drops == 1
    groups = dict(hiding.sent)
    assert groups["agenda"]["reload"] is True
    assert groups[Shift.group_for(hiding.shift.pk)]["attrs"] == {"hidden-by-editors": "true"}


def test_the_organiser_sees_that_the_editors_hid_it(organiser, hidden_shift, initiative):
    html = organiser.get(manage_url(initiative)).content.decode()
    assert "verborgen door de redactie" in html
    assert "De redactie heeft deze dienst van de site gehaald." in html


def test_hiding_is_in_the_initiatives_history(hidden_shift, initiative, editor):
    entry = PageLogEntry.objects.get(page=initiative, action=services.ACTION_HIDE)
    assert entry.user == editor and "Koffie schenken" in entry.data["subject"]


def test_an_editor_shows_it_again_with_weer_tonen(client, editor, hidden_shift, initiative):
    client.force_login(editor)
    html = client.get(INDEX_URL).content.decode()
    assert "Weer tonen" in html and reverse("organiser_changes:show_shift", args=[hidden_shift.pk]) in html
    response = client.post(reverse("organiser_changes:show_shift", args=[hidden_shift.pk]), {"next": "https://example.com/"})
    assert response.status_code == 302 and response["Location"] == INDEX_URL
    hidden_shift.refresh_from_db()
    assert not hidden_shift.hidden_by_editors
    assert f'data-shift="{hidden_shift.pk}"' in client.get(initiative.url).content.decode()
    assert "Verbergen" in client.get(INDEX_URL).content.decode()


def test_an_organisers_later_change_does_not_unhide(organiser, hidden_shift, initiative):
    start = timezone.localtime(hidden_shift.start)
    data = shift_data(day=start.date().isoformat(), start_time=start.strftime("%H:%M"),
                      end_time=timezone.localtime(hidden_shift.end).strftime("%H:%M"), task="Iets anders")
    assert organiser.post(manage_url(initiative, "diensten", str(hidden_shift.pk)), data).status_code == 302
    hidden_shift.refresh_from_db()
    assert hidden_shift.task == "Iets anders" and hidden_shift.hidden_by_editors


def test_hiding_needs_a_post_with_csrf(editor, initiative, resident):
    shift = make_shift(initiative)
    client = Client(enforce_csrf_checks=True)
    client.force_login(editor)
    url = reverse("organiser_changes:hide_shift", args=[shift.pk])
    assert client.get(url).status_code == 405
    assert client.post(url).status_code == 403
    shift.refresh_from_db()
    assert not shift.hidden_by_editors


def test_a_hidden_activity_is_gone_from_the_page_agenda_poster_and_feeds(client, editor, initiative, resident):
    start = timezone.now() + timedelta(days=1)
    activity = services.add_activity(initiative, by=resident, title="Repair Café-ochtend", start=start,
                                     end=start + timedelta(hours=2))
    uid = f"initiative-activity-{activity.pk}"
    assert "Repair Café-ochtend" in client.get(initiative.url).content.decode()
    assert uid in client.get("/agenda/agenda.ics").content.decode()

    editor_client = Client()
    editor_client.force_login(editor)
    assert editor_client.post(reverse("organiser_changes:hide_activity", args=[activity.pk])).status_code == 302

    assert "Repair Café-ochtend" not in client.get(initiative.url).content.decode()
    assert uid not in agenda_html(client, "?periode=week")
    assert "Repair Café-ochtend" not in agenda_html(client, "poster/")
    assert uid not in client.get("/agenda/agenda.ics").content.decode()
    assert uid not in client.get(f"/agenda/initiatief/{initiative.pk}.ics").content.decode()
    organiser = Client()
    organiser.force_login(resident)
    assert "De redactie heeft deze activiteit van de site gehaald." in organiser.get(manage_url(initiative)).content.decode()


def test_hiding_something_that_no_longer_exists_is_not_found(client, editor):
    client.force_login(editor)
    assert client.post(reverse("organiser_changes:hide_shift", args=[999999])).status_code == 404


def test_the_organiser_finds_their_logged_changes_under_mijn_gegevens(initiative, resident):
    from wijkplatform.personal_data import collect

    services.add_activity(initiative, by=resident, title="Repair Café-ochtend", start=timezone.now() + timedelta(days=1))
    (entry,) = collect(resident)["wijzigingen_als_organisator"]
    assert entry["initiatief"] == initiative.title and entry["soort"] == "toegevoegd"
    assert "Repair Café-ochtend" in entry["wat"]


def test_the_review_permission_belongs_to_the_editors_and_can_be_given_in_the_admin(client, superuser, editor, professional):
    from django.contrib.auth.models import Group, Permission

    assert editor.has_perm("initiatives.review_organiserchange")
    assert not professional.has_perm("initiatives.review_organiserchange")
    permission = Permission.objects.get(content_type__app_label="initiatives", codename="review_organiserchange")
    client.force_login(superuser)
    group = Group.objects.get(name="Bewonersredactie")
    html = client.get(reverse("wagtailusers_groups:edit", args=[group.pk])).content.decode()
    assert f'value="{permission.pk}"' in html
