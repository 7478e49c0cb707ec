"""
Keeping cached items and feeds and open agenda screens current.

Whatever changes a source sends `agenda.registry.agenda_changed`; the agenda
then bumps a version number that cached items and feeds are keyed on and,
when asked, tells open agenda screens (`data-live="agenda"`) to reload.
"""

from django.core.cache import cache
from django.db import transaction

from agenda.registry import agenda_changed
from wijkplatform import page_cache
from wijkplatform.live import broadcast

LIVE_GROUP = "agenda"
VERSION_KEY = "agenda:version"


def agenda_version():
    return cache.get_or_set(VERSION_KEY, 1, timeout=None)


def bump_version():
    try:
        cache.incr(VERSION_KEY)
    except ValueError:  # not set yet, or evicted
        cache.set(VERSION_KEY, 2, timeout=None)


def on_agenda_changed(sender, live=False, **kwargs):
    # Now, and again at the commit: items collected by another request in between were from before it.
    bump_version()
    transaction.on_commit(bump_version)
    page_cache.bump(structure=False)  # also after an update() that sent no post_save
    if live:
        broadcast(LIVE_GROUP, reload=True)


def connect():
    agenda_changed.connect(on_agenda_changed, dispatch_uid="agenda-changed")
