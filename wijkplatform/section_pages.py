"""
Creating a section's index page (/verhalen/, /agenda/, …) from a data migration,
so every section exists after `migrate` alone. Migrations work on historical
models without treebeard's API, so the tree path is computed here, once.
"""

import uuid

from django.utils import timezone

ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"  # treebeard's, base 36
STEPLEN = 4


def next_child_path(Page, parent):
    """The path of a new last child of `parent`, after any children other migrations added."""
    last = Page.objects.filter(path__startswith=parent.path, depth=parent.depth + 1).order_by("-path").first()
    number = int(last.path[-STEPLEN:], 36) + 1 if last else 1
    step = ""
    while number:
        number, digit = divmod(number, len(ALPHABET))
        step = ALPHABET[digit] + step
    return parent.path + step.rjust(STEPLEN, "0")


def add_section_page(apps, app_label, model_name, *, slug, title, **fields):
    """Add a live page of `app_label.model_name` under the home page, unless one with `slug` is there."""
    ContentType = apps.get_model("contenttypes.ContentType")
    Page = apps.get_model("wagtailcore.Page")
    home = Page.objects.filter(depth=2).order_by("path").first()
    if home is None or Page.objects.filter(path__startswith=home.path, depth=3, slug=slug).exists():
        return None
    now = timezone.now()
    page = apps.get_model(app_label, model_name).objects.create(
        title=title,
        draft_title=title,
        slug=slug,
        content_type=ContentType.objects.get_or_create(app_label=app_label, model=model_name.lower())[0],
        path=next_child_path(Page, home),
        depth=3,
        numchild=0,
        url_path=f"{home.url_path}{slug}/",
        locale_id=home.locale_id,
        translation_key=uuid.uuid4(),
        live=True,
        first_published_at=now,
        last_published_at=now,
        **fields,
    )
    Page.objects.filter(pk=home.pk).update(numchild=Page.objects.filter(path__startswith=home.path, depth=3).count())
    return page
