"""
Moderation: every page that residents or professionals send in goes through
the resident editors' workflow (created by home/migrations). These helpers are
what the site's own forms call; the Wagtail admin uses the same workflow.
"""

from dataclasses import dataclass
from functools import wraps

from django.db import transaction
from django.utils.translation import gettext_lazy as _
from wagtail.models import WorkflowState

EDITORS_GROUP = "Bewonersredactie"
RESIDENTS_GROUP = "Bewoners"
PROFESSIONALS_GROUP = "Wijkprofessionals"
WORKFLOW_NAME = "Goedkeuring door de bewonersredactie"


def submit_for_review(page, user, parent=None):
    """
    Save `page` as a new draft revision by `user` and put it before the editors.

    A new page (no pk yet) is added under `parent`, not live. A page that is
    already live stays live in its published version until an editor approves
    the change. A page the editors sent back is resubmitted; a new version of
    a page that already waits takes the place of the one the editors have.
    """
    with transaction.atomic():
        if page.pk is None:
            page.live = False
            page.owner = user
            parent.add_child(instance=page)
        revision = page.save_revision(user=user, log_action=True)
        state = page.current_workflow_state
        if state is None:
            page.get_workflow().start(page, user)
        elif state.status == WorkflowState.STATUS_NEEDS_CHANGES:
            state.resume(user)
        elif state.status == WorkflowState.STATUS_IN_PROGRESS:
            state.current_task_state.cancel(user=user, resume=True)
    return revision


@dataclass(frozen=True)
class Status:
    code: str  # "published", "in_review", "needs_changes", "draft"
    label: str
    comment: str = ""


def contribution_status(page):
    """Where a page a resident sent in stands, in words for "Mijn bijdragen"."""
    state = page.current_workflow_state
    if state is not None and state.status == WorkflowState.STATUS_NEEDS_CHANGES:
        task_state = state.current_task_state
        comment = task_state.get_comment() if task_state else ""
        return Status("needs_changes", _("Teruggestuurd: pas het aan en stuur het opnieuw"), comment or "")
    if state is not None and state.status == WorkflowState.STATUS_IN_PROGRESS:
        if page.live:
            return Status("in_review", _("Gepubliceerd; uw wijziging wacht op de redactie"))
        return Status("in_review", _("Wacht op de redactie"))
    if page.live:
        return Status("published", _("Gepubliceerd"))
    return Status("draft", _("Niet gepubliceerd"))


def editors(page=None):
    """
    The resident editors who can be mailed, each once, with their Wagtail profile (for their language): those of
    `page`'s workflow (its wijk's editors), or Ruwaard's `Bewonersredactie`.
    """
    from django.contrib.auth import get_user_model
    from wagtail.models import GroupApprovalTask

    users = get_user_model().objects.filter(is_active=True).exclude(email="")
    workflow = page.get_workflow() if page is not None else None
    if workflow is not None:
        tasks = GroupApprovalTask.objects.filter(workflow_tasks__workflow=workflow)
        users = users.filter(groups__in=tasks.values("groups"))
    else:
        users = users.filter(groups__name=EDITORS_GROUP)
    return users.select_related("wagtail_userprofile").distinct().order_by("email")


def is_editor(user):
    """
    A resident editor (of any wijk: a member of a group of the editors' approval tasks) or a superuser: who sees
    everyone's work and history in the admin; the drafts only of the pages they may edit (home.wagtail_hooks).
    """
    if not (user.is_authenticated and user.is_active):
        return False
    if not hasattr(user, "_is_editor"):
        from wagtail.models import GroupApprovalTask

        user._is_editor = user.is_superuser or (
            GroupApprovalTask.objects.filter(active=True, groups__user=user).exists()
        )
    return user._is_editor


def editors_only(view_func):
    """
    Wrap an admin view so that only editors reach it. Other admin users get
    Wagtail's "no permission" answer; anyone else passes on to Wagtail's own
    login check.
    """
    from wagtail.admin.auth import permission_denied

    @wraps(view_func)
    def wrapped(request, *args, **kwargs):
        user = request.user
        if user.has_perm("wagtailadmin.access_admin") and not is_editor(user):
            return permission_denied(request)
        return view_func(request, *args, **kwargs)

    return wrapped
