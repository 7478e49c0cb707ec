"""The editors' actions on what waits, through Wagtail's own task actions."""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import F
from wagtail.admin.utils import get_latest_str
from wagtail.models import GroupApprovalTask, Revision, TaskState, WorkflowState

APPROVE = "approve"
REJECT = "reject"


def can_review(user):
    """May `user` approve anything at all (the editors, and superusers)?"""
    if not user.is_active:
        return False
    return user.is_superuser or GroupApprovalTask.objects.filter(active=True, groups__in=user.groups.all()).exists()


def waiting_for(user):
    """The current task states `user` may decide on, the longest waiting first."""
    return (
        TaskState.objects.reviewable_by(user)
        .filter(workflow_state__current_task_state=F("pk"), workflow_state__status=WorkflowState.STATUS_IN_PROGRESS)
        .select_related("task", "revision", "workflow_state", "workflow_state__requested_by")
        .annotate(previous_revision_id=Revision.objects.previous_revision_id_subquery())
        .order_by("started_at", "pk")
    )


@dataclass(frozen=True)
class Outcome:
    code: str  # "approved", "sent_back", "newer_version", "not_waiting"
    title: str


@transaction.atomic
def decide(task_state_id, user, action, comment=""):
    """
    Approve or send back (`action`) the waiting task state as `user`, with
    `comment` for the writer. The row is locked, so two editors cannot decide
    on one item at once; what no longer waits is left alone.
    """
    task_state = TaskState.objects.select_for_update().filter(pk=task_state_id).first()
    if task_state is None:
        return Outcome("not_waiting", "")
    workflow_state = task_state.workflow_state
    obj = workflow_state.content_object
    title = get_latest_str(obj)
    if (
        task_state.status != TaskState.STATUS_IN_PROGRESS
        or workflow_state.status != WorkflowState.STATUS_IN_PROGRESS
        or workflow_state.current_task_state_id != task_state.pk
    ):
        return Outcome("not_waiting", title)
    task = task_state.task.specific
    if action not in {name for name, _label, _modal in task.get_actions(obj, user)}:
        raise PermissionDenied
    task.on_action(task_state.specific, user, action, comment=comment)
    workflow_state.refresh_from_db()
    if action == REJECT:
        return Outcome("sent_back", title)
    if workflow_state.status == WorkflowState.STATUS_APPROVED:
        return Outcome("approved", title)
    return Outcome("newer_version", title)
