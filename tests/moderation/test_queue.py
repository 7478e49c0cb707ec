"""The editors' queue: counted by kind and age, shown to editors only, and kept live over the WebSocket."""

import asyncio
import json
from datetime import timedelta

import pytest
from asgiref.sync import sync_to_async
from channels.testing import WebsocketCommunicator
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Page, TaskState, Workflow
from wagtail.rich_text import RichText

from dropins.models import Organisation
from moderation import queue
from stories.models import StoryIndexPage, StoryPage
from tests.helpers import approve, image_upload, make_user, reject
from wijkplatform.asgi import application
from wijkplatform.moderation import EDITORS_GROUP, RESIDENTS_GROUP, submit_for_review

pytestmark = pytest.mark.django_db

TITLE = "Pompoensoep voor de straat"


def send_in_story(author, title=TITLE):
    story = StoryPage(title=title, author_name="Marieke", body=[("paragraph", RichText("<p>Veertien kinderen kookten.</p>"))])
    submit_for_review(story, author, parent=StoryIndexPage.objects.get())
    return Page.objects.get(pk=story.pk).specific


def send_in_organisation(author, name="Repaircafé Ruwaard"):
    organisation = Organisation.objects.create(name=name, helps_with="Samen spullen maken.", live=False)
    organisation.save_revision(user=author)
    Workflow.objects.get(active=True).start(organisation, author)
    return organisation


def backdate(obj, days):
    TaskState.objects.filter(workflow_state__object_id=str(obj.pk), status=TaskState.STATUS_IN_PROGRESS).update(
        started_at=timezone.now() - timedelta(days=days)
    )


def test_counts_by_kind_and_age_in_one_query(resident, editor, professional):
    old = send_in_story(resident, "Al lang onderweg")
    backdate(old, 3)
    send_in_story(resident, "Net binnen")
    backdate(send_in_organisation(professional), 1)
    approve(send_in_story(resident, "Goedgekeurd"), editor)
    reject(send_in_story(resident, "Teruggestuurd"), editor, "Maak het korter.")

    with CaptureQueriesContext(connection) as queries:
        waiting = queue.count_waiting()
        kinds = [(kind.label, kind.count, kind.waiting_long) for kind in waiting.kinds]
    assert len(queries) == 1
    assert kinds == [("verhalen", 2, 1), ("organisatie", 1, 0)]
    assert (waiting.total, waiting.waiting_long) == (3, 1)
    assert waiting.waited == "3\xa0dagen"  # Django's timesince keeps number and unit together
    assert abs(waiting.oldest - (timezone.now() - timedelta(days=3))) < timedelta(minutes=1)


def test_a_sent_back_story_counts_again_when_resubmitted_and_not_when_deleted(resident, editor):
    story = reject(send_in_story(resident), editor, "Een foto erbij?")
    assert queue.count_waiting().total == 0
    submit_for_review(story, resident)
    assert queue.count_waiting().total == 1
    story.delete()
    assert queue.count_waiting().total == 0


def test_every_change_to_the_queue_publishes_new_counts_once_per_transaction(
    resident, editor, monkeypatch, django_capture_on_commit_callbacks
):
    sent = []
    monkeypatch.setattr(queue, "broadcast", lambda group, **kwargs: sent.append((group, kwargs["values"])))

    def published(action):
        sent.clear()
        with django_capture_on_commit_callbacks(execute=True):
            action()
        return sent[:]

    def counts(total):
        return [("editor-queue", {"total": total, "waiting_long": 0})]

    story = None

    def send_in():
        nonlocal story
        story = send_in_story(resident)

    assert published(send_in) == counts(1)
    assert published(lambda: reject(story, editor)) == counts(0)
    assert published(lambda: submit_for_review(story, resident)) == counts(1)
    assert published(lambda: story.current_workflow_state.cancel(user=resident)) == counts(0)
    assert published(lambda: submit_for_review(story, resident)) == counts(1)
    assert published(lambda: approve(story, editor)) == counts(0)

    assert published(lambda: send_in_story(resident, "Weer weg")) == counts(1)
    assert published(lambda: Page.objects.get(title="Weer weg").delete()) == counts(0)
    story.title = "Een wijziging"
    assert published(lambda: submit_for_review(story, resident)) == counts(1)
    assert published(lambda: story.unpublish(user=editor)) == counts(1)  # unpublished, still waiting


def test_header_shows_the_queue_to_an_editor_with_the_detail_in_words(client, resident, editor):
    backdate(send_in_story(resident), 3)
    client.force_login(editor)
    html = client.get("/").content.decode()
    assert "data-editor-queue" in html and f'href="{reverse("moderation:list")}"' in html
    assert 'Te beoordelen: <span data-live-field="total">1</span>' in html
    assert "1 verhaal." in html and "De oudste wacht 3\xa0dagen." in html
    assert "1 wacht langer dan 2 dagen." in html
    assert TITLE not in html


@pytest.mark.parametrize("who", ["anonymous", "resident", "professional"])
def test_header_shows_nothing_of_the_queue_to_others(client, resident, professional, who):
    send_in_story(resident)
    if who != "anonymous":
        client.force_login({"resident": resident, "professional": professional}[who])
    html = client.get("/").content.decode()
    assert "data-editor-queue" not in html and "Te beoordelen" not in html


def test_a_superuser_sees_the_queue_too(client, resident, superuser):
    send_in_story(resident)
    client.force_login(superuser)
    html = client.get("/").content.decode()
    assert 'Te beoordelen: <span data-live-field="total">1</span>' in html
    assert "1 verhaal. Net binnen." in " ".join(html.split())


def test_an_anonymous_page_request_runs_no_queue_query(client, resident):
    send_in_story(resident)
    client.get("/")  # warm up what every request loads once
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/").status_code == 200
    touched = [query["sql"] for query in queries if "wagtailcore_taskstate" in query["sql"] or "auth_user_groups" in query["sql"]]
    assert touched == []


def test_dashboard_has_the_queue_panel_for_editors_only(client, resident, editor, professional):
    send_in_story(resident)
    send_in_organisation(professional)
    client.force_login(editor)
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Wachtrij van de redactie" in html and "2 bijdragen wachten op een besluit." in html
    assert "<th scope=\"row\">Verhaal</th>" in html and "<th scope=\"row\">Organisatie</th>" in html
    assert "js/live.js" in html
    client.force_login(professional)
    response = client.get(reverse("wagtailadmin_home"))
    assert "Wachtrij van de redactie" not in response.content.decode()


def test_fragments_are_for_editors_only_and_never_cached(client, resident, editor, professional):
    send_in_story(resident)
    url = reverse("moderation_queue", args=["kop"])
    assert client.get(url).status_code == 302  # to the login
    client.force_login(editor)
    response = client.get(url)
    assert response.status_code == 200 and "no-store" in response["Cache-Control"]
    assert 'data-live-src="/admin/wachtrij/kop/"' in response.content.decode()
    assert client.get(reverse("moderation_queue", args=["paneel"])).status_code == 200
    assert client.get(reverse("moderation_queue", args=["anders"])).status_code == 404
    for other in (resident, professional):
        client.force_login(other)
        assert client.get(url).status_code in (302, 403)


# WebSocket: a real session in the scope, the configured channel layer (in memory, or Redis with REDIS_URL).


async def connect(user=None):
    headers = [(b"origin", b"http://localhost"), (b"host", b"localhost")]
    if user is not None:
        session = await sync_to_async(login_cookie)(user)
        headers.append((b"cookie", f"sessionid={session}".encode()))
    communicator = WebsocketCommunicator(application, "/ws/live/", headers=headers)
    connected, _ = await communicator.connect()
    assert connected
    return communicator


def login_cookie(user):
    client = Client()
    client.force_login(user)
    return client.cookies["sessionid"].value


async def counts_within(communicator, total, seconds=1.0):
    """The next update that says `total`, within `seconds`; the update holds counts only."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + seconds
    while True:
        message = await communicator.receive_json_from(timeout=max(deadline - loop.time(), 0.01))
        assert TITLE not in json.dumps(message) and "bewoner1" not in json.dumps(message)
        if message["group"] == "editor-queue" and message["values"]["total"] == str(total):
            assert message["reload"] is True
            return message


@pytest.mark.django_db(transaction=True)
def test_subscribed_editor_hears_new_counts_within_a_second_of_a_submission_and_an_approval():
    asyncio.run(editor_hears_submission_and_approval())


async def editor_hears_submission_and_approval():
    resident = await sync_to_async(make_user)("bewoner1", RESIDENTS_GROUP)
    editor = await sync_to_async(make_user)("redacteur1", EDITORS_GROUP)
    communicator = await connect(editor)
    await communicator.send_json_to({"subscribe": ["editor-queue"]})
    assert await communicator.receive_json_from() == {"subscribed": ["editor-queue"]}

    def submit_through_the_site():
        client = Client()
        client.force_login(resident)
        data = {"title": TITLE, "intro": "", "text": "Veertien kinderen kookten.", "photo": image_upload(),
                "photo_alt": "Kinderen bij een pan", "author_name": "Marieke", "new_themes": "", "website": ""}
        response = client.post(reverse("stories:submit"), data)
        assert response.status_code == 302, response.content.decode()[:2000]

    await sync_to_async(submit_through_the_site, thread_sensitive=False)()
    message = await counts_within(communicator, 1)
    assert message["values"] == {"total": "1", "waiting_long": "0"}

    story = await sync_to_async(StoryPage.objects.get)(title=TITLE)
    await sync_to_async(approve, thread_sensitive=False)(story, editor)
    await counts_within(communicator, 0)
    await communicator.disconnect()


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("who", ["anonymous", "resident"])
def test_others_cannot_subscribe_to_the_queue(who):
    asyncio.run(cannot_subscribe(who))


async def cannot_subscribe(who):
    user = await sync_to_async(make_user)("bewoner1", RESIDENTS_GROUP) if who == "resident" else None
    communicator = await connect(user)
    await communicator.send_json_to({"subscribe": ["editor-queue", "agenda"]})
    refusal = await communicator.receive_json_from()
    assert refusal == {"error": "U heeft geen toegang tot deze updates.", "refused": ["editor-queue"]}
    assert await communicator.receive_json_from() == {"subscribed": ["agenda"]}
    await communicator.send_json_to({"subscribe": ["editor-queue"]})
    assert "refused" in await communicator.receive_json_from()

    await sync_to_async(queue.publish)()
    assert await communicator.receive_nothing(timeout=0.5)
    await communicator.disconnect()
