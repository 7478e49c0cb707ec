"""The live-update WebSocket: subscribe to groups, receive broadcasts, bad messages get an answer."""

import asyncio

import pytest
from asgiref.sync import sync_to_async
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
