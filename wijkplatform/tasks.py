"""Enqueueing background work (django-tasks) so that it is never lost between a change and its follow-up."""

from django.db import transaction
from django_tasks_db import DatabaseBackend


def enqueue_with_change(task, *args, **kwargs):
    """
    Enqueue `task` as part of the change in the current transaction.

    Where tasks are rows in the site's database (production), the row is written now and commits or rolls back
    with the change: a worker killed just after the commit cannot lose, say, a volunteer's confirmation mail.
    A backend that runs tasks at once waits for the commit, so it never acts on a change that did not happen.
    """
    if isinstance(task.get_backend(), DatabaseBackend):
        task.enqueue(*args, **kwargs)
    else:
        transaction.on_commit(lambda: task.enqueue(*args, **kwargs))
