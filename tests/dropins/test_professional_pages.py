"""The professionals' own page: only their organisation, additions and changes through review, corrections at once."""

from datetime import datetime, time, timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from wagtail.models import WorkflowState

from dropins import services
from dropins.models import DropInException, DropInPage
from dropins.recurrence import TZ
from tests.dropins.conftest import make_dropin
from tests.helpers import PASSWORD, approve, make_user
from wijkplatform.moderation import PROFESSIONALS_GROUP


@pytest.fixture
def next_tuesday():
    today = datetime.now(TZ).date()
    return today + timedelta(days=(1 - today.weekday()) % 7 or 7)


@pytest.fixture
def colleague_elsewhere(other_organisation):
    user = make_user("thuiszorg1", PROFESSIONALS_GROUP)
    other_organisation.members.add(user)
    other_organisation.save()
    return user


def login(client, user):
    assert client.login(username=user.username, password=PASSWORD)
    return client


def form_data(organisation, place, **overrides):
    data = {
        "title": "Spreekuur toeslagen", "intro": "Vragen over toeslagen? Loop binnen.", "theme": "werk",
        "organisation": organisation.pk, "place": place.pk, "frequency": "weekly", "weekday": "3",
        "starts_on": "2026-12-01", "ends_on": "", "start_time": "13:30", "end_time": "15:00",
        "no_appointment": "on", "what_to_bring": "", "languages": "Nederlands",
    }
    data.update(overrides)
    return data


def test_professional_cancels_an_occurrence_in_two_clicks_from_the_drop_in_page(client, dropin, professional, next_tuesday):
    login(client, professional)
    page_html = client.get(dropin.url).content.decode()
    cancel_url = reverse("dropins:cancel", args=[dropin.pk, next_tuesday.isoformat()])
    assert cancel_url in page_html  # click 1
    form_page = client.get(cancel_url + f"?next={dropin.url}")
    assert form_page.status_code == 200 and b"data-cancel-form" in form_page.content
    response = client.post(cancel_url, {"reason": "ziek", "note": "", "next": dropin.url})  # click 2, with the reason chosen
    assert response.status_code == 302 and response.url == dropin.url
    exception = DropInException.objects.get(page=dropin, date=next_tuesday)
    assert exception.kind == "cancelled" and exception.reason == "De medewerker is ziek." and exception.created_by == professional
    html = client.get(dropin.url).content.decode()
    assert f'data-dropin="{dropin.pk}" data-date="{next_tuesday.isoformat()}" data-status="cancelled"' in html


def test_visitor_sees_the_cancellation_on_the_list_without_any_buttons(client, dropin, professional, next_tuesday):
    services.cancel_occurrence(dropin, next_tuesday, professional, "Vakantie.")
    html = client.get("/inloop/").content.decode()
    assert f'data-date="{next_tuesday.isoformat()}" data-status="cancelled"' in html
    assert "Vakantie." in html and "data-cancel" not in html


def test_another_organisations_professional_cannot_cancel_move_or_edit(client, dropin, colleague_elsewhere, next_tuesday):
    login(client, colleague_elsewhere)
    day = next_tuesday.isoformat()
    assert client.get(reverse("dropins:cancel", args=[dropin.pk, day])).status_code == 403
    assert client.post(reverse("dropins:cancel", args=[dropin.pk, day]), {"reason": "ziek"}).status_code == 403
    assert client.post(reverse("dropins:move", args=[dropin.pk, day]), {}).status_code == 403
    assert client.post(reverse("dropins:restore", args=[dropin.pk, day])).status_code == 403
    assert client.get(reverse("dropins:edit", args=[dropin.pk])).status_code == 403
    assert not DropInException.objects.exists()
    with pytest.raises(PermissionDenied):
        services.cancel_occurrence(dropin, next_tuesday, colleague_elsewhere, "Ziek.")


def test_own_page_lists_only_the_own_organisations_drop_ins(client, dropin, index, other_organisation, place, professional):
    make_dropin(index, other_organisation, place, title="Spreekuur thuiszorg")
    html = login(client, professional).get(reverse("dropins:manage")).content.decode()
    assert "Spreekuur geldzaken" in html and "Spreekuur thuiszorg" not in html


def test_residents_and_visitors_have_no_own_drop_in_page(client, resident, dropin):
    response = client.get(reverse("dropins:manage"))
    assert response.status_code == 302 and "/account/login/" in response.url
    assert login(client, resident).get(reverse("dropins:manage")).status_code == 403
    assert client.get(reverse("dropins:add")).status_code == 403


def test_a_new_drop_in_goes_to_the_editors_and_appears_after_approval(client, organisation, place, professional, editor, index):
    login(client, professional)
    response = client.post(reverse("dropins:add"), form_data(organisation, place))
    assert response.status_code == 302
    page = DropInPage.objects.get(title="Spreekuur toeslagen")
    assert not page.live and page.owner == professional
    assert page.current_workflow_state.status == WorkflowState.STATUS_IN_PROGRESS
    assert "Spreekuur toeslagen" not in client.get("/inloop/").content.decode()
    approve(page, editor)
    assert page.live and "Spreekuur toeslagen" in client.get("/inloop/").content.decode()


def test_a_professional_cannot_add_a_drop_in_for_another_organisation(client, organisation, other_organisation, place, professional):
    response = login(client, professional).post(reverse("dropins:add"), form_data(other_organisation, place))
    assert response.status_code == 200 and b"field--error" in response.content
    assert not DropInPage.objects.filter(title="Spreekuur toeslagen").exists()


def test_a_change_waits_for_review_while_the_published_version_stays(client, dropin, organisation, place, professional, editor):
    dropin.save_revision(user=editor).publish()
    login(client, professional)
    response = client.post(
        reverse("dropins:edit", args=[dropin.pk]),
        form_data(organisation, place, title="Spreekuur geldzaken", start_time="10:00", end_time="12:00", weekday="1"),
    )
    assert response.status_code == 302
    dropin.refresh_from_db()
    assert dropin.live and dropin.start_time == time(9, 30)
    assert dropin.current_workflow_state.status == WorkflowState.STATUS_IN_PROGRESS
    approve(dropin, editor)
    assert dropin.start_time == time(10)


def test_invalid_form_input_gives_dutch_messages_not_an_error(client, organisation, place, professional):
    data = form_data(organisation, place, start_time="15:00", end_time="14:00", weekday="", starts_on="gisteren")
    response = login(client, professional).post(reverse("dropins:add"), data)
    assert response.status_code == 200
    assert b"field--error" in response.content


def test_bad_dates_in_occurrence_urls_are_not_found(client, dropin, professional, next_tuesday):
    login(client, professional)
    assert client.get(reverse("dropins:cancel", args=[dropin.pk, "2026-13-45"])).status_code == 404
    assert client.get(reverse("dropins:cancel", args=[dropin.pk, (next_tuesday + timedelta(days=1)).isoformat()])).status_code == 404
    assert client.get(reverse("dropins:cancel", args=[999999, next_tuesday.isoformat()])).status_code == 404


def test_next_parameter_cannot_send_people_to_another_site(client, dropin, professional, next_tuesday):
    login(client, professional)
    url = reverse("dropins:cancel", args=[dropin.pk, next_tuesday.isoformat()])
    response = client.post(url, {"reason": "ziek", "next": "https://example.com/"})
    assert response.url == reverse("dropins:manage")


@pytest.mark.parametrize("next_value", ["abc", "dropins:manage", "//example.com/x", ""])
def test_a_next_value_that_is_not_a_path_on_this_site_goes_to_the_own_page(client, dropin, professional, next_tuesday,
                                                                          next_value):
    login(client, professional)
    day = next_tuesday.isoformat()
    cancelled = client.post(reverse("dropins:cancel", args=[dropin.pk, day]), {"reason": "ziek", "next": next_value})
    assert cancelled.status_code == 302 and cancelled["Location"] == reverse("dropins:manage")
    restored = client.post(reverse("dropins:restore", args=[dropin.pk, day]), {"next": next_value})
    assert restored.status_code == 302 and restored["Location"] == reverse("dropins:manage")


def test_in_the_admin_a_professional_edits_only_their_own_organisation(client, organisation, other_organisation, professional):
    login(client, professional)
    own = client.get(reverse("wagtailsnippets_dropins_organisation:edit", args=[organisation.pk]))
    other = client.get(reverse("wagtailsnippets_dropins_organisation:edit", args=[other_organisation.pk]))
    assert own.status_code == 200
    assert other.status_code in (302, 403)
    listing = client.get(reverse("wagtailsnippets_dropins_organisation:list")).content.decode()
    assert organisation.name in listing and other_organisation.name not in listing


def test_an_organisation_change_by_a_professional_waits_for_the_editors(client, organisation, professional, editor):
    from dropins.models import Organisation

    draft = organisation
    draft.helps_with = "Nieuwe tekst."
    draft.save_revision(user=professional)
    draft.get_workflow().start(draft, professional)
    organisation = Organisation.objects.get(pk=organisation.pk)
    assert organisation.helps_with == "Hulp bij geld." and organisation.live
    task_state = organisation.current_workflow_state.current_task_state
    task_state.task.specific.on_action(task_state, editor, "approve")
    assert Organisation.objects.get(pk=organisation.pk).helps_with == "Nieuwe tekst."
