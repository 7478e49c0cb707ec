"""The live-update WebSocket: subscribe to groups, receive broadcasts, bad messages get an answer."""

import asyncio

import pytest
from asgiref.sync import sync_to_async
from channels.layers import get_channel_layer
from channels.testing import WebsocketCommunicator
from django.db import transaction

from wijkplatform.asgi import application
from wijkplatform.live import broadcast


async def connect():
    communicator = WebsocketCommunicator(application, "/ws/live/", headers=[(b"origin", b"http://localhost"), (b"host", b"localhost")])
    connected, _ = await communicator.connect()
    assert connected
    return communicator


@pytest.mark.django_db(transaction=True)
def test_subscriber_receives_what_is_broadcast_to_its_group():
    asyncio.run(subscriber_receives_what_is_broadcast())


async def subscriber_receives_what_is_broadcast():
    communicator = await connect()
    await communicator.send_json_to({"subscribe": ["shift-1", "agenda"]})
    assert await communicator.receive_json_from() == {"subscribed": ["agenda", "shift-1"]}

    def send():
        with transaction.atomic():
            broadcast("shift-1", values={"seats_left": 3}, attrs={"status": "open"})

    await sync_to_async(send)()
    message = await communicator.receive_json_from(timeout=3)
    assert message == {"group": "shift-1", "values": {"seats_left": "3"}, "attrs": {"status": "open"}, "reload": False}
    await communicator.disconnect()


@pytest.mark.parametrize("bad", ["niet json", "[]", '{"subscribe": "agenda"}', '{"subscribe": ["Bad Group!"]}', '{"subscribe": []}'])
def test_bad_messages_get_a_clear_answer_and_keep_the_connection(bad):
    asyncio.run(bad_message_gets_an_answer(bad))


async def bad_message_gets_an_answer(bad):
    communicator = await connect()
    await communicator.send_to(text_data=bad)
    assert "error" in await communicator.receive_json_from()
    await communicator.send_json_to({"subscribe": ["agenda"]})
    assert await communicator.receive_json_from() == {"subscribed": ["agenda"]}
    await communicator.disconnect()


def test_a_deeply_nested_message_is_refused_before_parsing_and_the_connection_stays():
    asyncio.run(bad_message_gets_an_answer("[" * 4000 + "]" * 4000))
    asyncio.run(bad_message_gets_an_answer('{"subscribe": [[[["agenda"]]]]}'))


async def group_members(group):
    """The channels in `group`, read from the channel layer itself (in memory or Redis)."""
    layer = get_channel_layer()
    if hasattr(layer, "groups"):
        return set(layer.groups.get(group, {}))
    async with layer.connection(layer.consistent_hash(group)) as connection:
        return {member.decode() for member in await connection.zrange(layer._group_key(group), 0, -1)}


@pytest.mark.django_db(transaction=True)
def test_a_consumer_that_crashes_leaves_its_groups():
    asyncio.run(consumer_crashes_and_leaves())


async def consumer_crashes_and_leaves():
    communicator = await connect()
    await communicator.send_json_to({"subscribe": ["agenda", "shift-7"]})
    assert await communicator.receive_json_from() == {"subscribed": ["agenda", "shift-7"]}
    (channel,) = await group_members("shift-7")

    await get_channel_layer().send(channel, {"type": "no.such.handler"})  # the consumer raises on this
    with pytest.raises(ValueError):
        await communicator.wait(timeout=3)
    assert await group_members("agenda") == set() and await group_members("shift-7") == set()


@pytest.mark.django_db(transaction=True)
def test_updates_from_synchronous_code_share_one_loop_per_process():
    """Through Redis, every update of a worker goes out on one long-lived loop, not a new loop and connection each."""
    from channels.layers import InMemoryChannelLayer

    from wijkplatform import live

    if isinstance(get_channel_layer(), InMemoryChannelLayer):
        pytest.skip("the in-memory layer (SQLite leg) works within one loop and keeps async_to_sync")
    loops = []
    for seats in (2, 1):
        live.send_to_group("shift-1", {"type": "live.update", "group": "shift-1", "values": {"seats_left": str(seats)},
                                       "attrs": {}, "reload": False})
        loops.append(live._sender_loop())
    assert loops[0] is loops[1] and loops[0].is_running() and not loops[0].is_closed()
