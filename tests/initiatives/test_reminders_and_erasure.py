"""Reminders the day before a shift (once, only for who is confirmed) and erasure after the retention period."""

from datetime import datetime, time, timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from initiatives import services
from initiatives.models import Signup
from tests.initiatives.factories import make_initiative, make_shift, signup_of_cancel_link

pytestmark = pytest.mark.django_db


def tomorrow_at(hour):
    return timezone.make_aware(datetime.combine(timezone.localdate() + timedelta(days=1), time(hour)))


@pytest.fixture
def initiative(resident):
    return make_initiative(resident)


def test_confirmed_volunteers_of_tomorrows_shift_get_one_reminder_with_a_cancel_link(initiative, committed):
    shift = make_shift(initiative, start=tomorrow_at(14))
    confirmed = services.sign_up(shift, "Ans", "ans@example.org").signup
    Signup.objects.create(shift=shift, name="W", email="w@example.org", status=Signup.WAITLISTED)
    Signup.objects.create(shift=shift, name="Henk", email="henk@example.org", status=Signup.CANCELLED)
    mail.outbox.clear()

    with committed():
        assert services.send_reminders() == 1
    (message,) = mail.outbox
    assert message.to == ["ans@example.org"]
    assert signup_of_cancel_link(message.body) == confirmed
    assert message.attachments

    with committed():
        assert services.send_reminders() == 0
        call_command("send_shift_reminders", stdout=open("/dev/null", "w"))
    assert len(mail.outbox) == 1


def test_no_reminders_for_cancelled_past_or_later_shifts(initiative):
    cancelled = make_shift(initiative, start=tomorrow_at(10), task="Gaat niet door")
    past = make_shift(initiative, start=timezone.now() - timedelta(hours=3), task="Voorbij")
    later = make_shift(initiative, days=5, task="Later")
    for shift in (cancelled, past, later):
        Signup.objects.create(shift=shift, name="A", email="a@example.org", status=Signup.CONFIRMED)
    services.cancel_shift(cancelled)
    mail.outbox.clear()

    assert services.send_reminders() == 0
    assert mail.outbox == []


def test_cant_make_it_link_in_the_reminder_cancels_and_promotes(client, initiative, committed):
    shift = make_shift(initiative, start=tomorrow_at(14), capacity=1)
    confirmed = services.sign_up(shift, "Ans", "ans@example.org").signup
    services.sign_up(shift, "Henk", "henk@example.org", join_waitlist=True)
    with committed():
        services.send_reminders()
    link = next(line for line in mail.outbox[-1].body.splitlines() if "/afmelden/" in line)
    path = link[link.index("/initiatieven/") :].strip()
    mail.outbox.clear()

    with committed():
        client.post(path)

    assert Signup.objects.get(pk=confirmed.pk).status == Signup.CANCELLED
    assert Signup.objects.get(email="henk@example.org").status == Signup.CONFIRMED
    assert sorted(m.to for m in mail.outbox) == [[initiative.owner.email], ["henk@example.org"]]  # and the organiser


def test_reminder_task_runs_the_same_job(initiative):
    from initiatives.tasks import send_shift_reminders

    shift = make_shift(initiative, start=tomorrow_at(15))
    Signup.objects.create(shift=shift, name="A", email="a@example.org", status=Signup.CONFIRMED)
    result = send_shift_reminders.enqueue()
    assert result.return_value == 1


def test_contact_details_are_erased_after_the_retention_period_and_counts_stay(initiative, settings):
    settings.SIGNUP_RETENTION_DAYS = 30
    old = make_shift(initiative, start=timezone.now() - timedelta(days=31, hours=3))
    recent = make_shift(initiative, start=timezone.now() - timedelta(days=29))
    for shift in (old, recent):
        Signup.objects.create(shift=shift, name="Ans", email="ans@example.org", phone="0612345678", status=Signup.CONFIRMED)
    Signup.objects.create(shift=old, name="Kees", email="kees@example.org", status=Signup.CANCELLED)

    call_command("erase_volunteer_data", stdout=open("/dev/null", "w"))

    erased = Signup.objects.filter(shift=old)
    assert erased.count() == 2
    assert set(erased.values_list("name", "email", "phone")) == {("", "", "")}
    assert erased.filter(status=Signup.CONFIRMED).count() == 1
    kept = Signup.objects.get(shift=recent)
    assert kept.email == "ans@example.org" and kept.erased_at is None
    assert services.erase_expired_personal_data() == 0


def test_erasure_task_runs_the_same_job(initiative):
    from initiatives.tasks import erase_volunteer_data

    old = make_shift(initiative, start=timezone.now() - timedelta(days=40))
    Signup.objects.create(shift=old, name="A", email="a@example.org", status=Signup.CONFIRMED)
    assert erase_volunteer_data.enqueue().return_value == 1
