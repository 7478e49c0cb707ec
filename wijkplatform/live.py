"""
Live updates: tell open browsers that something they show has changed.

A page marks what may change with `data-live="<group>"`; static/js/live.js
subscribes to those groups over one WebSocket and applies each message:
`values` set the text of `[data-live-field=<name>]` inside the element,
`attrs` set `data-<name>` on it, and `reload` re-fetches the page and swaps
in the element's fresh HTML. Without JavaScript the page is simply current
when it is loaded.
"""

import asyncio
import logging
import os
import re
import threading
import time

from asgiref.sync import async_to_sync
from channels.layers import InMemoryChannelLayer, get_channel_layer
from django.db import transaction
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

from wijkplatform import page_cache

logger = logging.getLogger(__name__)

UNREACHABLE = (RedisConnectionError, RedisTimeoutError, OSError)  # OSError includes TimeoutError
SEND_TIMEOUT = 5  # seconds a request waits for its update to reach the channel layer
WARN_EVERY = 60  # seconds between warnings while the channel layer stays away
_last_warning = [0.0]
GROUP_NAME = re.compile(r"^[a-z][a-z0-9_.-]{0,79}$")


def broadcast(group, *, values=None, attrs=None, reload=False):
    """Send an update to `group` once the current transaction has committed."""
    if not GROUP_NAME.match(group):
        raise ValueError(f"Invalid live group name: {group!r}")
    message = {
        "type": "live.update",
        "group": group,
        "values": {key: str(value) for key, value in (values or {}).items()},
        "attrs": {key: str(value) for key, value in (attrs or {}).items()},
        "reload": bool(reload),
    }

    def send():
        page_cache.bump(structure=False)  # what open pages are told, new visitors see too
        try:
            send_to_group(group, message)
        except UNREACHABLE as error:  # Redis is away: the change stands, open pages are current on their next load
            _warn_unreachable(group, error)
        except Exception:  # a broken channel layer must not break the request that changed data
            logger.exception("Live update to %s failed", group)

    transaction.on_commit(send)


def send_to_group(group, message):
    """
    `group_send` from synchronous code (a request, a task), waiting until the channel layer has the message.
    A shared layer (Redis) is reached from one event loop per process that lives as long as the process:
    `async_to_sync` would start a thread and a loop for every update, and channels_redis connects anew for each
    loop (bench/signup_load.py). The in-memory layer works within one loop only and keeps `async_to_sync`.
    """
    layer = get_channel_layer()
    if isinstance(layer, InMemoryChannelLayer):
        async_to_sync(layer.group_send)(group, message)
    else:
        sent = asyncio.run_coroutine_threadsafe(layer.group_send(group, message), _sender_loop())
        try:
            sent.result(SEND_TIMEOUT)
        except TimeoutError:
            sent.cancel()
            raise


_sender = {"pid": None, "loop": None}
_sender_lock = threading.Lock()


def _sender_loop():
    """This process's loop for live updates, started on first use (after a fork, anew: threads do not survive it)."""
    with _sender_lock:
        if _sender["pid"] != os.getpid():
            loop = asyncio.new_event_loop()
            threading.Thread(target=loop.run_forever, name="live-updates", daemon=True).start()
            _sender.update(pid=os.getpid(), loop=loop)
        return _sender["loop"]


def _warn_unreachable(group, error):
    now = time.monotonic()
    if now - _last_warning[0] >= WARN_EVERY:
        _last_warning[0] = now
        logger.warning("Live update to %s not sent, channel layer unreachable: %s", group, error)
