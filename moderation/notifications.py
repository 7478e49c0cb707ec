"""
The e-mails of the moderation loop, in the reader's language, through `wijkplatform.mail`.

To the writer (resident or professional): receipt, approval (with the public
link) and send-back (the editor's words and a link to the site's own edit
form; the admin only for someone with admin access). To editors: each item at
once, or a daily digest, as each editor chose; `EditorNotification` makes sure
nobody hears about the same item twice.
"""

from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse
from wagtail.admin.admin_url_finder import AdminURLFinder
from wagtail.admin.utils import get_latest_str
from wagtail.admin.utils import get_user_display_name as display_name
from wagtail.models import Page

from moderation import services
from moderation.models import EditorApprovalTask, EditorNotification, EditorPreference
from wijkplatform.mail import absolute_url, language_for, send_templated

ACCESS_ADMIN = "wagtailadmin.access_admin"


def specific(obj):
    return obj.specific if isinstance(obj, Page) else obj


def kind_of(obj):
    return specific(obj)._meta.verbose_name


def title_of(obj):
    return get_latest_str(obj)


def public_url(obj):
    """Where the approved item is on the site: a page's URL, a snippet's `public_url` if it has one, else the home page."""
    if isinstance(obj, Page):
        parts = obj.get_url_parts()
        path = parts[2] if parts else None
    else:
        path = getattr(obj, "public_url", None)
    return absolute_url(path or "/")


def admin_edit_url(obj, user):
    path = AdminURLFinder(user).get_edit_url(specific(obj))
    return absolute_url(path) if path else None


def writer_edit_url(obj, user):
    """Where the writer changes what was sent back: the site's own form, the admin only with admin access."""
    own_form = getattr(specific(obj), "edit_url_for_owner", None)
    if own_form:
        return absolute_url(own_form)
    if user.has_perm(ACCESS_ADMIN):
        url = admin_edit_url(obj, user)
        if url:
            return url
    return absolute_url(reverse("my_contributions"))


def status_url(obj, user):
    """Where the writer follows what happens with it."""
    if isinstance(obj, Page) or not user.has_perm(ACCESS_ADMIN):
        return absolute_url(reverse("my_contributions"))
    return admin_edit_url(obj, user) or absolute_url(reverse("my_contributions"))


def writer_of(workflow_state):
    user = workflow_state.requested_by
    if user is None:
        user = getattr(workflow_state.content_object, "owner", None)
    return user


def may_mail(user, actor=None):
    return user is not None and user.is_active and bool(user.email) and user != actor


def item_context(task_state, editor):
    """What `editor` needs to know about one waiting item."""
    workflow_state = task_state.workflow_state
    obj = workflow_state.content_object
    return {
        "title": title_of(obj),
        "kind": kind_of(obj),
        "writer": display_name(writer_of(workflow_state)),
        "waiting_since": task_state.started_at,
        "review_url": admin_edit_url(obj, editor) or absolute_url(reverse("moderation:list")),
    }


def editor_links():
    return {
        "list_url": absolute_url(reverse("moderation:list")),
        "account_url": absolute_url(reverse("wagtailadmin_account") + "#tab-notifications"),
    }


# To the writer


def _mail_writer(template, writer, obj, **extra):
    send_templated(
        template,
        {"name": display_name(writer), "title": title_of(obj), "kind": kind_of(obj), **extra},
        [writer.email],
        language=language_for(writer),
    )


def send_receipt(task_state, user):
    """`user` put a version before the editors."""
    if not may_mail(user):
        return
    obj = task_state.workflow_state.content_object
    _mail_writer("moderation/mail/received", user, obj, status_url=status_url(obj, user))


def send_approved(workflow_state, editor):
    writer = writer_of(workflow_state)
    if not may_mail(writer, actor=editor) or not _wants(writer, "approved_notifications"):
        return
    obj = workflow_state.content_object
    task_state = workflow_state.current_task_state
    _mail_writer(
        "moderation/mail/approved",
        writer,
        obj,
        is_page=isinstance(obj, Page),
        public_url=public_url(obj),
        comment=task_state.comment if task_state else "",
    )


def send_sent_back(workflow_state, editor):
    writer = writer_of(workflow_state)
    if not may_mail(writer, actor=editor) or not _wants(writer, "rejected_notifications"):
        return
    obj = workflow_state.content_object
    task_state = workflow_state.current_task_state
    _mail_writer(
        "moderation/mail/sent_back",
        writer,
        obj,
        comment=task_state.comment if task_state else "",
        edit_url=writer_edit_url(obj, writer),
    )


def _wants(user, preference):
    """Wagtail's own notification switches (UserProfile) still count; without a profile, they are on."""
    profile = getattr(user, "wagtail_userprofile", None)
    return getattr(profile, preference, True)


# To the editors


def editors_to_notify(task):
    """The reviewers of `task` who get e-mail about what waits, as Wagtail's own setting and switch say."""
    users = task.reviewers().exclude(email="").exclude(wagtail_userprofile__submitted_notifications=False)
    if not getattr(settings, "WAGTAILADMIN_NOTIFICATION_INCLUDE_SUPERUSERS", True):
        users = users.filter(groups__in=task.groups.all())
    return users.distinct()


def claim(user, task_state, *, in_digest):
    """Record that `user` hears about `task_state`; False if they already did."""
    try:
        with transaction.atomic():
            EditorNotification.objects.create(user=user, task_state=task_state, in_digest=in_digest)
    except IntegrityError:
        return False
    return True


def notify_editors(task_state, actor=None):
    """Tell the editors who want it at once that `task_state` waits."""
    task = task_state.task.specific
    if not isinstance(task, EditorApprovalTask):
        return
    daily = EditorPreference.objects.filter(frequency=EditorPreference.DAILY).values("user")
    for editor in editors_to_notify(task).exclude(pk__in=daily):
        if editor == actor or not claim(editor, task_state, in_digest=False):
            continue
        send_templated(
            "moderation/mail/waiting",
            {**item_context(task_state, editor), **editor_links(), "name": display_name(editor)},
            [editor.email],
            language=language_for(editor),
        )


def send_digests():
    """One e-mail per daily editor with every waiting item they have not heard of; returns how many were sent."""
    sent = 0
    daily = EditorPreference.objects.filter(frequency=EditorPreference.DAILY).values("user")
    editors = {}
    for task in EditorApprovalTask.objects.filter(active=True):
        for editor in editors_to_notify(task).filter(pk__in=daily):
            editors.setdefault(editor.pk, editor)
    for editor in editors.values():
        if _send_digest(editor):
            sent += 1
    return sent


@transaction.atomic
def _send_digest(editor):
    waiting = services.waiting_for(editor)
    items = [item_context(task_state, editor) for task_state in waiting if claim(editor, task_state, in_digest=True)]
    if not items:
        return False
    send_templated(
        "moderation/mail/digest",
        {"name": display_name(editor), "items": items, "count": len(items), **editor_links()},
        [editor.email],
        language=language_for(editor),
    )
    return True

