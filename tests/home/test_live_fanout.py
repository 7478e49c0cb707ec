"""A live update reaches an open page without a hop to the sync thread, so a thousand pages get it quickly."""

import asyncio

import channels.consumer
import pytest
from asgiref.sync import sync_to_async
from channels.testing import WebsocketCommunicator
from django.db import transaction

from wijkplatform.asgi import application
from wijkplatform.live import broadcast


@pytest.mark.django_db(transaction=True)
def test_a_live_update_is_sent_on_without_closing_database_connections_first(monkeypatch):
    hops = []

    async def counted():
        hops.append(1)

    monkeypatch.setattr(channels.consumer, "aclose_old_connections", counted)
    asyncio.run(receive_one_update(hops))


async def receive_one_update(hops):
    communicator = WebsocketCommunicator(
        application, "/ws/live/", headers=[(b"origin", b"http://localhost"), (b"host", b"localhost")]
    )
    assert (await communicator.connect())[0]
    await communicator.send_json_to({"subscribe": ["shift-7"]})
    assert await communicator.receive_json_from() == {"subscribed": ["shift-7"]}
    before = len(hops)
    assert before >= 2  # connecting and subscribing still go through Channels' own dispatch

    def send():
        with transaction.atomic():
            broadcast("shift-7", values={"seats_left": 1})

    await sync_to_async(send)()
    message = await communicator.receive_json_from(timeout=3)
    assert message["group"] == "shift-7" and message["values"] == {"seats_left": "1"}
    assert len(hops) == before
    await communicator.disconnect()
