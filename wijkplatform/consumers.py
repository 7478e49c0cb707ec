"""The one WebSocket endpoint: browsers subscribe to live groups and receive updates."""

import json
import logging

from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncJsonWebsocketConsumer

from wijkplatform.live import GROUP_NAME

logger = logging.getLogger(__name__)

MAX_GROUPS = 100
MAX_MESSAGE_LENGTH = 10_000
MAX_NESTING = 4  # {"subscribe": [...]} is 2 deep


def nesting_depth(text):
    """How deeply the brackets of a JSON text nest, brackets inside strings not counted; read before parsing."""
    depth = deepest = 0
    in_string = escaped = False
    for char in text:
        if in_string:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
        elif char == '"':
            in_string = True
        elif char in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif char in "]}":
            depth -= 1
    return deepest

# Group name -> test(user); a group not named here is public.
PRIVATE_GROUPS = {}


def private_group(name, allowed):
    """Let only users for whom `allowed(user)` is true (a sync test, may query) join `name`."""
    if not GROUP_NAME.match(name):
        raise ValueError(f"Invalid live group name: {name!r}")
    PRIVATE_GROUPS[name] = allowed


# Prefix -> test(user, group): every group named "<prefix>.<anything>" is private.
PRIVATE_FAMILIES = {}


def private_groups(prefix, allowed):
    """Let only users for whom `allowed(user, group)` is true join a group named `<prefix>.<…>`."""
    if not GROUP_NAME.match(prefix):
        raise ValueError(f"Invalid live group name: {prefix!r}")
    PRIVATE_FAMILIES[prefix] = allowed


def _private_test(group):
    if group in PRIVATE_GROUPS:
        return PRIVATE_GROUPS[group]
    family = PRIVATE_FAMILIES.get(group.split(".", 1)[0]) if "." in group else None
    return None if family is None else (lambda user: family(user, group))


class LiveConsumer(AsyncJsonWebsocketConsumer):
    """
    Read-only: a client may only say which groups it wants to follow. Public
    groups are open to anyone; a private group is joined only when its test
    passes for the session's user (scope["user"], set by AuthMiddlewareStack).
    A refused group gets an error naming it; the others are joined.
    """

    joined = frozenset()

    async def __call__(self, scope, receive, send):
        # However the connection ends (closed, refused, or a crash), its group memberships go with it.
        try:
            await super().__call__(scope, receive, send)
        finally:
            try:
                await self.leave_groups()
            except Exception:  # the channel layer itself may be what failed; its group entries then expire
                logger.warning("Could not leave live groups %s", sorted(self.joined), exc_info=True)

    async def connect(self):
        self.joined = set()
        await self.accept()

    async def receive(self, text_data=None, bytes_data=None, **kwargs):
        if text_data is None or len(text_data) > MAX_MESSAGE_LENGTH or nesting_depth(text_data) > MAX_NESTING:
            await self.send_json({"error": "Bericht niet begrepen."})
            return
        try:
            content = json.loads(text_data)
        except ValueError:
            await self.send_json({"error": "Bericht niet begrepen."})
            return
        await self.receive_json(content)

    async def receive_json(self, content, **kwargs):
        groups = content.get("subscribe") if isinstance(content, dict) else None
        if not isinstance(groups, list) or not groups:
            await self.send_json({"error": "Stuur {\"subscribe\": [groepen]}."})
            return
        valid = {group for group in groups if isinstance(group, str) and GROUP_NAME.match(group)}
        if len(valid) != len(set(map(str, groups))) or len(self.joined | valid) > MAX_GROUPS:
            await self.send_json({"error": "Onbekende of te veel groepen."})
            return
        refused = sorted([group for group in valid - self.joined if not await self.may_join(group)])
        if refused:
            await self.send_json({"error": "U heeft geen toegang tot deze updates.", "refused": refused})
            valid.difference_update(refused)
            if not valid:
                return
        for group in valid - self.joined:
            await self.channel_layer.group_add(group, self.channel_name)
        self.joined |= valid
        await self.send_json({"subscribed": sorted(self.joined)})

    async def may_join(self, group):
        allowed = _private_test(group)
        if allowed is None:
            return True
        user = self.scope.get("user")
        return user is not None and await database_sync_to_async(allowed)(user)

    async def disconnect(self, code):
        await self.leave_groups()

    async def leave_groups(self):
        joined, self.joined = self.joined, set()
        for group in joined:
            await self.channel_layer.group_discard(group, self.channel_name)

    async def dispatch(self, message):
        # Channels closes stale database connections before every message, through the one thread for sync
        # code. A live update touches no database, and one sign-up sends it to every open page: a thousand
        # pages would queue a thousand such hops, one after the other.
        if message["type"] == "live.update":
            await self.live_update(message)
        else:
            await super().dispatch(message)

    async def live_update(self, event):
        await self.send_json({key: event[key] for key in ("group", "values", "attrs", "reload")})
