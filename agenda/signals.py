"""
Keeping cached feeds and open agenda screens current.

Any change to a model of the agenda's sources (initiatives, drop-ins, the
agenda itself) bumps a version number that cached feeds are keyed on. When a
page of those apps is published or unpublished, or a drop-in occurrence is
changed, open agenda screens (`data-live="agenda"`) reload their list.
"""

from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished

from wijkplatform.live import broadcast

SOURCE_APPS = {"agenda", "initiatives", "dropins"}
LIVE_GROUP = "agenda"
VERSION_KEY = "agenda:version"


def agenda_version():
    return cache.get_or_set(VERSION_KEY, 1, timeout=None)


def bump_version():
    try:
        cache.incr(VERSION_KEY)
    except ValueError:  # not set yet, or evicted
        cache.set(VERSION_KEY, 2, timeout=None)


def source_changed(sender, **kwargs):
    if sender._meta.app_label not in SOURCE_APPS:
        return
    bump_version()
    # Pages announce themselves on publish (below); of the rest, drop-in changes
    # (a cancelled occurrence) are rare and matter on the screen at once.
    if sender._meta.app_label == "dropins" and not issubclass(sender, Page):
        broadcast(LIVE_GROUP, reload=True)


def page_changed(sender, instance, **kwargs):
    if sender._meta.app_label in SOURCE_APPS:
        bump_version()
        broadcast(LIVE_GROUP, reload=True)


def connect():
    post_save.connect(source_changed, dispatch_uid="agenda-source-saved")
    post_delete.connect(source_changed, dispatch_uid="agenda-source-deleted")
    page_published.connect(page_changed, dispatch_uid="agenda-page-published")
    page_unpublished.connect(page_changed, dispatch_uid="agenda-page-unpublished")
