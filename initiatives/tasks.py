"""
Background work (django-tasks): volunteer e-mails, reminders and the erasure.

In development and tests the immediate backend runs a task at once; in
production `manage.py db_worker` runs them. Cron runs the two periodic ones
through the management commands send_shift_reminders and erase_volunteer_data
(or enqueues these tasks).
"""

import logging

from django_tasks import task

from initiatives import mail, services
from initiatives.models import Signup

logger = logging.getLogger(__name__)


@task()
def send_signup_mail(signup_id, kind):
    signup = (
        Signup.objects.select_related("shift", "shift__initiative", "shift__place", "shift__initiative__place")
        .filter(pk=signup_id, erased_at__isnull=True)
        .first()
    )
    if signup is None:
        return 0
    return mail.BY_KIND[kind](signup).send()


@task()
def send_volunteer_message(initiative_id, signup_ids, subject, text, reply_to):
    sent = 0
    signups = Signup.objects.select_related("shift", "shift__initiative").filter(
        pk__in=signup_ids, shift__initiative_id=initiative_id, erased_at__isnull=True
    )
    for signup in signups:
        sent += mail.volunteer_message(signup, subject, text, reply_to).send()
    return sent


@task()
def send_shift_reminders():
    return services.send_reminders()


@task()
def erase_volunteer_data():
    return services.erase_expired_personal_data()
