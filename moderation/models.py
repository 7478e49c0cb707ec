"""The editors' workflow task, and how and when each editor hears that something waits."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import models, transaction
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.models import GroupApprovalTask, Revision, TaskState


class EditorApprovalTask(GroupApprovalTask):
    """
    Approval by the resident editors that approves what the editor saw.

    With WAGTAIL_WORKFLOW_REQUIRE_REAPPROVAL_ON_EDIT every new revision needs a
    new approval. Wagtail's editor saves the editor's own changes as a revision
    before it approves the task, so the approval went to the older revision and
    the task started again. Here, revisions saved after the submitted one by
    people who may approve this task carry the approval: the latest revision is
    approved and published. A newer revision by anyone else (a resident's change
    the editor has not seen) still needs its own approval, as the setting wants.
    """

    class Meta:
        verbose_name = _("goedkeuring door de bewonersredactie")
        verbose_name_plural = _("goedkeuringen door de bewonersredactie")

    @classmethod
    def get_description(cls):
        return _("De bewonersredactie keurt goed of stuurt terug. Eigen wijzigingen van een redacteur tellen mee.")

    def reviewers(self):
        """Everyone who may approve this task."""
        return get_user_model().objects.filter(
            Q(is_active=True) & (Q(is_superuser=True) | Q(groups__in=self.groups.all()))
        ).distinct()

    def get_actions(self, obj, user):
        if user.is_superuser or self._user_in_groups(user):
            return [
                ("reject", _("Terugsturen"), True),
                ("approve", _("Goedkeuren"), False),
                ("approve", _("Goedkeuren met opmerking"), True),
            ]
        return []

    def get_form_for_action(self, action):
        from moderation.forms import SendBackForm

        if action == "reject":
            return SendBackForm
        return super().get_form_for_action(action)

    @transaction.atomic
    def on_action(self, task_state, user, action_name, **kwargs):
        if action_name == "approve":
            self.follow_reviewers_revisions(task_state)
        return super().on_action(task_state, user, action_name, **kwargs)

    def follow_reviewers_revisions(self, task_state):
        """Point `task_state` at the latest revision if every revision after it was saved by a reviewer."""
        latest = task_state.workflow_state.content_object.get_latest_revision()
        if latest is None or latest.pk == task_state.revision_id:
            return
        newer = Revision.objects.filter(
            base_content_type_id=latest.base_content_type_id, object_id=latest.object_id, pk__gt=task_state.revision_id
        )
        if newer.exclude(user__in=self.reviewers()).exists():
            return
        TaskState.objects.filter(pk=task_state.pk).update(revision=latest)
        task_state.revision = latest


class EditorPreference(models.Model):
    """How an editor wants to hear that something waits for review."""

    AT_ONCE = "at_once"
    DAILY = "daily"
    FREQUENCY_CHOICES = [
        (AT_ONCE, _("Meteen: één e-mail voor elke bijdrage")),
        (DAILY, _("Eén keer per dag: een overzicht van alles wat wacht")),
    ]

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="editor_preference", verbose_name=_("gebruiker")
    )
    frequency = models.CharField(_("e-mail over wat wacht"), max_length=10, choices=FREQUENCY_CHOICES, default=AT_ONCE)

    class Meta:
        verbose_name = _("e-mailvoorkeur van een redacteur")
        verbose_name_plural = _("e-mailvoorkeuren van redacteuren")

    def __str__(self):
        return f"{self.user} ({self.frequency})"

    @classmethod
    def frequency_for(cls, user):
        return cls.objects.filter(user=user).values_list("frequency", flat=True).first() or cls.AT_ONCE


class EditorNotification(models.Model):
    """
    An editor has been told that this task state waits, at once or in a digest.
    The unique constraint makes sure nobody hears about the same item twice.
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    task_state = models.ForeignKey(TaskState, on_delete=models.CASCADE, related_name="+")
    sent_at = models.DateTimeField(auto_now_add=True)
    in_digest = models.BooleanField(default=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "task_state"], name="moderation_one_notification_per_item"),
        ]

    def __str__(self):
        return f"{self.user_id} {self.task_state_id}"
