"""
A confirmed volunteer is never left without mail: where tasks are rows in the database (production), the mail task
is written in the sign-up's own transaction, so a worker killed right after the commit cannot lose it.
"""

import pytest
from django.db import transaction
from django.utils import translation
from django_tasks_db.models import DBTaskResult

from initiatives import services
from initiatives.models import Signup
from tests.initiatives.factories import make_initiative, make_shift, signup_data, signup_url

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def initiative(resident):
    return make_initiative(resident)


@pytest.fixture
def database_tasks(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def mail_tasks():
    return DBTaskResult.objects.filter(task_path="initiatives.tasks.send_signup_mail")


def test_the_confirmation_mail_task_is_written_in_the_signups_transaction(database_tasks, initiative):
    shift = make_shift(initiative)
    with transaction.atomic():
        signup = services.sign_up(shift, "Ans", "ans@example.org").signup
        (queued,) = mail_tasks()  # before the commit: part of the same transaction
        assert queued.args_kwargs["args"] == [signup.pk, "confirmed"]
    assert mail_tasks().count() == 1


def test_a_sign_up_that_rolls_back_leaves_no_mail_task(database_tasks, initiative):
    shift = make_shift(initiative)
    with transaction.atomic():
        services.sign_up(shift, "Ans", "ans@example.org")
        transaction.set_rollback(True)
    assert not mail_tasks().exists()



def test_someone_without_an_account_gets_mail_in_the_language_they_read_the_site_in(client, initiative, mailoutbox):
    shift = make_shift(initiative)
    client.cookies["django_language"] = "tr"
    client.post(signup_url(shift), signup_data(email="ayse@example.org"))
    (message,) = mailoutbox
    with translation.override("tr"):
        expected = translation.gettext("U bent aangemeld: %(task)s") % {"task": shift.task}
    assert not expected.startswith("U bent aangemeld")
    assert message.subject.endswith(expected), message.subject
    assert Signup.objects.get(email="ayse@example.org").language == "tr"
