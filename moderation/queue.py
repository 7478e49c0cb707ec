"""
The editors' queue: how many submissions wait for the resident editors, by kind and by age.

Counted in one query from Wagtail's task states, cached briefly and counted
again after every change to a workflow. Editors see it in the site header and
on the admin dashboard; open headers and dashboards follow the private live
group `editor-queue`, which only editors may join. What is broadcast there is
counts only, never a title or a name.

With several wijken each editor counts only the tasks they decide on (their
wijk's and the town-wide one): those follow `editor-queue.<task pks>`, which
only the editors of exactly those tasks may join; `editor-queue` stays the
queue of everything, for superusers (and every editor while there is one wijk).
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Count, Min, Q
from django.db.models.signals import post_delete
from django.dispatch import receiver
from django.http import Http404
from django.template.response import TemplateResponse
from django.urls import path
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.timesince import timesince
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.components import Component
from wagtail.models import GroupApprovalTask, TaskState, WorkflowState
from wagtail.signals import (
    task_submitted,
    unpublished,
    workflow_approved,
    workflow_cancelled,
    workflow_rejected,
    workflow_submitted,
)

from wijkplatform.consumers import private_group, private_groups
from wijkplatform.live import broadcast
from wijkplatform.moderation import is_editor

LIVE_GROUP = "editor-queue"
CACHE_KEY = "moderation:queue"
CACHE_SECONDS = 30  # also bounds how late "waits longer than two days" can be
WAITING_LONG = timedelta(days=2)
FRAGMENTS = {
    "kop": "includes/editor_queue.html",
    "paneel": "moderation/queue_panel.html",
}


def can_see_queue(user):
    """Resident editors and superusers (`is_editor`, remembered on the user for the request)."""
    return user is not None and is_editor(user)


def waited(since):
    """How long since `since`, in words ("3 dagen"); empty under a minute."""
    if since is None or timezone.now() - since < timedelta(minutes=1):
        return ""
    return timesince(since, depth=1)


@dataclass(frozen=True)
class Kind:
    label: str
    count: int
    oldest: datetime
    waiting_long: int

    @property
    def waited(self):
        return waited(self.oldest)


@dataclass(frozen=True)
class Queue:
    """What waits for the editors; `rows` are (app label, model, count, oldest, waiting long)."""

    rows: tuple
    live_group: str = LIVE_GROUP

    @property
    def total(self):
        return sum(row[2] for row in self.rows)

    @property
    def waiting_long(self):
        return sum(row[4] for row in self.rows)

    @property
    def oldest(self):
        return min((row[3] for row in self.rows), default=None)

    @property
    def waited(self):
        return waited(self.oldest)

    @property
    def kinds(self):
        """One entry per kind in the current language; models that share a name are one kind."""
        merged = {}
        for app_label, model_name, count, oldest, waiting_long in self.rows:
            try:
                meta = apps.get_model(app_label, model_name)._meta
                singular, plural = str(meta.verbose_name), str(meta.verbose_name_plural)
            except LookupError:  # a content type whose model was removed
                singular = plural = str(_("overige"))
            entry = merged.setdefault(plural, {"singular": singular, "count": 0, "oldest": oldest, "waiting_long": 0})
            entry["count"] += count
            entry["oldest"] = min(entry["oldest"], oldest)
            entry["waiting_long"] += waiting_long
        kinds = [
            Kind(entry["singular"] if entry["count"] == 1 else plural, entry["count"], entry["oldest"], entry["waiting_long"])
            for plural, entry in merged.items()
        ]
        return sorted(kinds, key=lambda kind: (-kind.count, kind.oldest))


def active_tasks():
    return frozenset(GroupApprovalTask.objects.filter(active=True).values_list("pk", flat=True))


def reviewed_tasks(user):
    """The pks of the active editors' tasks `user` decides on (all for a superuser), remembered for the request."""
    if not hasattr(user, "_reviewed_tasks"):
        tasks = GroupApprovalTask.objects.filter(active=True)
        if not user.is_superuser:
            tasks = tasks.filter(groups__user=user)
        user._reviewed_tasks = frozenset(tasks.values_list("pk", flat=True))
    return user._reviewed_tasks


def _joined(task_ids):
    """The tasks as they stand in a live group's name and a cache key: "3-7"."""
    return "-".join(str(pk) for pk in sorted(task_ids))


def live_group(task_ids, everything=None):
    """The live group of the queue of `task_ids`: `editor-queue` when that is every task."""
    if task_ids >= (active_tasks() if everything is None else everything):
        return LIVE_GROUP
    return f"{LIVE_GROUP}.{_joined(task_ids)}"


def may_follow(user, group):
    return can_see_queue(user) and live_group(reviewed_tasks(user)) == group


def count_waiting(task_ids=None):
    """One query: per content type, the objects whose editors' task (of `task_ids`, or any) is in progress."""
    cutoff = timezone.now() - WAITING_LONG
    states = TaskState.objects.filter(
        status=TaskState.STATUS_IN_PROGRESS, workflow_state__status=WorkflowState.STATUS_IN_PROGRESS
    )
    if task_ids is not None:
        states = states.filter(task_id__in=task_ids)
    rows = (
        states.values_list("workflow_state__content_type__app_label", "workflow_state__content_type__model")
        .annotate(
            count=Count("workflow_state", distinct=True),
            oldest=Min("started_at"),
            waiting_long=Count("workflow_state", distinct=True, filter=Q(started_at__lt=cutoff)),
        )
        .order_by()
    )
    return Queue(tuple(tuple(row) for row in rows), live_group(task_ids) if task_ids is not None else LIVE_GROUP)


def waiting(user=None):
    """The queue of `user` (None: of everything), from the cache when it was counted in the last half minute."""
    task_ids = None if user is None else reviewed_tasks(user)
    key = f"{CACHE_KEY}:{_joined(task_ids) if task_ids is not None else 'alles'}"
    queue = cache.get(key)
    if queue is None:
        queue = count_waiting(task_ids)
        cache.set(key, queue, CACHE_SECONDS)
    return queue


def reviewer_task_sets():
    """Each different set of tasks that non-superuser editors decide on, from two small queries."""
    task_groups = GroupApprovalTask.groups.through.objects.filter(groupapprovaltask__active=True)
    tasks_of_group = {}
    for task_id, group_id in task_groups.values_list("groupapprovaltask_id", "group_id"):
        tasks_of_group.setdefault(group_id, set()).add(task_id)
    memberships = get_user_model().groups.through.objects.filter(group_id__in=tasks_of_group, user__is_active=True)
    tasks_of_user = {}
    for user_id, group_id in memberships.values_list("user_id", "group_id"):
        tasks_of_user.setdefault(user_id, set()).update(tasks_of_group[group_id])
    return {frozenset(tasks) for tasks in tasks_of_user.values()}


def publish():
    """Count again and tell every open header and dashboard: each group of editors their own counts."""
    everything = active_tasks()
    for task_ids in {everything} | reviewer_task_sets():
        group = live_group(task_ids, everything)
        cache.delete_many([f"{CACHE_KEY}:alles", f"{CACHE_KEY}:{_joined(task_ids)}"])
        queue = count_waiting(None if group == LIVE_GROUP else task_ids)
        broadcast(group, values={"total": queue.total, "waiting_long": queue.waiting_long}, reload=True)


@receiver(
    [workflow_submitted, task_submitted, workflow_approved, workflow_rejected, workflow_cancelled, unpublished],
    dispatch_uid="moderation-queue-changed",
)
@receiver(post_delete, sender=WorkflowState, dispatch_uid="moderation-queue-deleted")
def queue_changed(**kwargs):
    """
    Publish once the change is committed, once per transaction. Wagtail sends
    `unpublished` for pages as well as snippets (before `page_unpublished`);
    a page or snippet deleted while waiting takes its workflow state with it.
    """
    # Django keeps the callbacks of the open transaction in run_on_commit
    # (entries: savepoints, callback, robust); one still pending here suffices.
    if any(getattr(entry[1], "queue_pending", False) for entry in transaction.get_connection().run_on_commit):
        return

    def publish_once():
        publish_once.queue_pending = False
        publish()

    publish_once.queue_pending = True
    # robust: an editor's decision stands even if counting or broadcasting fails.
    transaction.on_commit(publish_once, robust=True)


private_group(LIVE_GROUP, lambda user: may_follow(user, LIVE_GROUP))
private_groups(LIVE_GROUP, may_follow)


def queue_fragment(request, form):
    """The header line or the dashboard panel alone, for live.js to swap in."""
    if form not in FRAGMENTS:
        raise Http404
    if not can_see_queue(request.user):
        raise PermissionDenied
    response = TemplateResponse(request, FRAGMENTS[form], {"queue": waiting(request.user)})
    patch_cache_control(response, private=True, no_store=True)
    return response


class QueuePanel(Component):
    name = "editor_queue"
    template_name = "moderation/queue_panel.html"
    order = 200  # above Wagtail's own moderation panels (210, 220)

    class Media:
        js = ["js/live.js"]

    def get_context_data(self, parent_context):
        return {"queue": waiting(parent_context["request"].user), "request": parent_context["request"]}


@hooks.register("register_admin_urls")
def register_queue_urls():
    return [path("wachtrij/<str:form>/", queue_fragment, name="moderation_queue")]


@hooks.register("construct_homepage_panels")
def add_queue_panel(request, panels):
    if can_see_queue(request.user):
        panels.append(QueuePanel())
