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
    """Queue the e-mail of `kind` (see mail.BY_KIND) to the person who signed up, unless erased since."""
    signup = (
        Signup.objects.select_related(
            "shift", "shift__initiative", "shift__place", "shift__initiative__place", "user", "assisted_by"
        )
        .filter(pk=signup_id, erased_at__isnull=True)
        .first()
    )
    if signup is None:
        return 0
    mail.BY_KIND[kind](signup)
    return 1


@task()
def send_volunteer_message(initiative_id, signup_ids, subject, text, reply_to):
    """Queue one e-mail per volunteer, each sent (and retried) on its own. Returns how many were queued."""
    queued = 0
    signups = Signup.objects.select_related("shift", "shift__initiative", "user", "assisted_by").filter(
        pk__in=signup_ids, shift__initiative_id=initiative_id, erased_at__isnull=True
    )
    for signup in signups:
        try:
            mail.volunteer_message(signup, subject, text, reply_to)
        except Exception:
            logger.exception("Could not queue the organiser's message for sign-up %s", signup.pk)
            continue
        queued += 1
    return queued


@task()
def send_shift_reminders():
    return services.send_reminders()


@task()
def erase_volunteer_data():
    return services.erase_expired_personal_data()
