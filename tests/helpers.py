"""Small helpers for tests: users in a role, images, and approving through the workflow."""

import io

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image as PILImage

PASSWORD = "wijk-test-wachtwoord"


def make_user(username, group=None, *, superuser=False, email=None):
    email = email or f"{username}@example.org"
    user = get_user_model().objects.create_user(
        username=username, email=email, password=PASSWORD, is_superuser=superuser, is_staff=superuser
    )
    if group:
        user.groups.add(Group.objects.get(name=group))
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    return user


def image_bytes(fmt="JPEG", size=(64, 48), color=(20, 120, 60)):
    buffer = io.BytesIO()
    PILImage.new("RGB", size, color).save(buffer, fmt)
    return buffer.getvalue()


def image_upload(name="foto.jpg", fmt="JPEG", **kwargs):
    content_type = {"JPEG": "image/jpeg", "PNG": "image/png", "GIF": "image/gif", "WEBP": "image/webp"}[fmt]
    return SimpleUploadedFile(name, image_bytes(fmt, **kwargs), content_type=content_type)


def make_wagtail_image(title="Foto", **kwargs):
    from wagtail.images.models import Image

    return Image.objects.create(title=title, file=image_upload(**kwargs), description=title)


def approve(page, editor):
    """Approve the page's current workflow task as `editor`, as the admin's Approve button does."""
    page.refresh_from_db()
    task_state = page.current_workflow_state.current_task_state
    task_state.task.specific.on_action(task_state, editor, "approve")
    page.refresh_from_db()
    return page


def reject(page, editor, comment=""):
    """Send the page back to its author with a comment, as the admin's Request changes does."""
    page.refresh_from_db()
    task_state = page.current_workflow_state.current_task_state
    task_state.task.specific.on_action(task_state, editor, "reject", comment=comment)
    page.refresh_from_db()
    return page
