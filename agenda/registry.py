"""
The agenda's public registry: the one module that feeding apps use.

An app registers its source in its `AppConfig.ready()` with `register_source`;
the agenda imports no feeding app. A source's `items(start, end)` returns the
`AgendaItem`s of every occurrence that starts in [start, end) (aware
datetimes), in a fixed number of queries whatever their number;
`feed_items(start, end)` may instead give a recurring series once (an item
with `series`), for calendar feeds. Items carry the pk of the page they belong
to as `source_id`; with a `PageFeed`, each page of `pages` has its own feed.

Every write that changes what a source gives sends `agenda_changed` (through
`changed()`): the agenda then drops its caches and, with `live`, tells open
agenda screens to reload. Saves and deletes of the models and pages named at
registration send it by themselves; a service that writes with `.update()`
calls `changed()`.

It also lends the agenda's calendar pieces (`LOCAL_TZ`, `UID_DOMAIN`,
`vtimezone`) to an app that writes its own iCalendar invitations.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime

from django.db.models.signals import post_delete, post_save
from django.dispatch import Signal
from wagtail.signals import page_published, page_unpublished

from agenda.ical import UID_DOMAIN, vtimezone
from agenda.items import (
    KIND_DROPIN,
    KIND_INITIATIVE,
    KIND_RESIDENT,
    KIND_SHIFT,
    AgendaItem,
    MovedOccurrence,
    Series,
)
from agenda.models import LOCAL_TZ

__all__ = [
    "KIND_DROPIN",
    "KIND_INITIATIVE",
    "KIND_RESIDENT",
    "KIND_SHIFT",
    "LOCAL_TZ",
    "UID_DOMAIN",
    "AgendaItem",
    "MovedOccurrence",
    "PageFeed",
    "Series",
    "Source",
    "agenda_changed",
    "changed",
    "get_source",
    "register_source",
    "sources",
    "vtimezone",
]

Items = Callable[[datetime, datetime], Iterable[AgendaItem]]

# Sent with the changed model as sender and `live`: whether open agenda screens should reload.
agenda_changed = Signal()


@dataclass(frozen=True)
class PageFeed:
    """A page's own calendar feed, at /agenda/<path>/<page id>.ics, named agenda:<name>."""

    path: str
    name: str
    not_found: str  # why there is no such feed, for an unknown or unpublished page
    title: Callable = lambda page: page.title
    items: Callable | None = None  # the page's items, when not the source's feed items with its pk as `source_id`


@dataclass(frozen=True)
class Source:
    name: str
    items: Items
    feed_items: Items
    pages: tuple = ()
    page_feed: PageFeed | None = None


_sources: dict[str, Source] = {}
_live_models: set = set()


def register_source(name, items, *, feed_items=None, pages=(), models=(), live_models=(), page_feed=None):
    """
    Add a source to the agenda. Publishing, unpublishing, saving and deleting
    `pages`, and saving and deleting `models` and `live_models`, send
    `agenda_changed`: with `live`, except for a saved page (a draft) and `models`.
    """
    _sources[name] = Source(name, items, feed_items or items, tuple(pages), page_feed)
    _live_models.update(live_models)
    for model in (*pages, *models, *live_models):
        post_save.connect(_model_changed, sender=model, dispatch_uid=f"agenda-{model._meta.label_lower}-saved")
    for model in (*models, *live_models):
        post_delete.connect(_model_changed, sender=model, dispatch_uid=f"agenda-{model._meta.label_lower}-deleted")
    for model in pages:
        for signal, action in ((page_published, "published"), (page_unpublished, "unpublished"), (post_delete, "deleted")):
            signal.connect(_page_changed, sender=model, dispatch_uid=f"agenda-{model._meta.label_lower}-{action}")


def sources():
    return list(_sources.values())


def get_source(name):
    return _sources.get(name)


def changed(sender=None, *, live=False):
    """Tell the agenda that what a source gives has changed (after a write that sends no post_save)."""
    agenda_changed.send(sender=sender, live=live)


def _model_changed(sender, **kwargs):
    changed(sender, live=sender in _live_models)


def _page_changed(sender, **kwargs):
    changed(sender, live=True)
