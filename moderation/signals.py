"""
Our e-mails in the place of Wagtail's four stock workflow notifiers.

Each receiver is connected with the stock notifier's signal, sender and
dispatch_uid, after disconnecting it. Django keeps one receiver per
(dispatch_uid, sender), so whichever of `wagtail.admin` and this app is ready
first, the stock notifier never runs and no stock mail reaches anyone.
"""

from wagtail.models import TaskState, WorkflowState
from wagtail.signals import task_submitted, workflow_approved, workflow_rejected, workflow_submitted

from moderation import notifications


def is_reviewer(task, obj, user):
    return bool(task.get_actions(obj, user))


def on_workflow_submitted(sender, instance, user=None, **kwargs):
    """A writer sent something in for the first time: tell them it arrived."""
    task_state = instance.current_task_state
    if task_state is None or user is None:
        return
    if not is_reviewer(task_state.task.specific, instance.content_object, user):
        notifications.send_receipt(task_state, user)


def on_task_submitted(sender, instance, user=None, **kwargs):
    """A version waits for the editors: tell them; if its writer sent it in again, tell the writer it arrived."""
    workflow_state = instance.workflow_state
    resubmitted = workflow_state.task_states.exclude(pk=instance.pk).exists()
    if resubmitted and user is not None and not is_reviewer(instance.task.specific, workflow_state.content_object, user):
        notifications.send_receipt(instance, user)
    notifications.notify_editors(instance, actor=user)


def on_workflow_approved(sender, instance, user=None, **kwargs):
    notifications.send_approved(instance, user)


def on_workflow_rejected(sender, instance, user=None, **kwargs):
    notifications.send_sent_back(instance, user)


RECEIVERS = [
    (task_submitted, TaskState, "group_approval_task_submitted_email_notification", on_task_submitted),
    (workflow_submitted, WorkflowState, "workflow_state_submitted_email_notification", on_workflow_submitted),
    (workflow_rejected, WorkflowState, "workflow_state_rejected_email_notification", on_workflow_rejected),
    (workflow_approved, WorkflowState, "workflow_state_approved_email_notification", on_workflow_approved),
]


def connect():
    for signal, sender, dispatch_uid, receiver in RECEIVERS:
        signal.disconnect(sender=sender, dispatch_uid=dispatch_uid)
        signal.connect(receiver, sender=sender, dispatch_uid=dispatch_uid)
