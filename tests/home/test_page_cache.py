"""
Public pages for visitors without an account come from the cache, and a change (a sign-up, a publication, a
cancelled drop-in) shows at once. Logged-in pages, personal cookies and messages are never cached; a page
with a form gives every visitor a CSRF token of their own.
"""

import re

import pytest
from django.test import Client

from initiatives.models import Signup
from tests.initiatives.factories import make_initiative, make_shift, signup_data, signup_url

pytestmark = pytest.mark.django_db

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


@pytest.fixture(autouse=True)
def page_cache(settings):
    settings.PAGE_CACHE_SECONDS = 60


@pytest.fixture
def initiative(resident):
    return make_initiative(resident)


def test_a_second_visit_comes_from_the_cache_without_a_query(client, home, django_assert_num_queries):
    assert client.get("/verhalen/")["X-Page-Cache"] == "miss"
    with django_assert_num_queries(0):
        response = client.get("/verhalen/")
    assert response["X-Page-Cache"] == "hit" and response.status_code == 200


def test_free_places_shown_are_never_older_than_the_last_sign_up(initiative):
    shift = make_shift(initiative, capacity=2)
    visitor = Client()
    first = visitor.get(initiative.url).content.decode()
    assert visitor.get(initiative.url)["X-Page-Cache"] == "hit"

    Client().post(signup_url(shift), signup_data())
    after = visitor.get(initiative.url)
    assert after["X-Page-Cache"] == "miss"
    assert after.content.decode() != first
    assert Signup.objects.filter(shift=shift, status=Signup.CONFIRMED).count() == 1


def test_a_published_change_shows_at_once(client, initiative, editor):
    client.get(initiative.url)
    assert client.get(initiative.url)["X-Page-Cache"] == "hit"
    draft = initiative.get_latest_revision_as_object()
    draft.aim = "Samen fietsen maken, elke week."
    draft.save_revision(user=editor).publish()
    assert "Samen fietsen maken, elke week." in client.get(initiative.url).content.decode()


def test_every_visitor_of_a_cached_form_gets_an_own_token_that_works(initiative):
    shift = make_shift(initiative, capacity=3)
    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    page = first.get(initiative.url)
    cached = second.get(initiative.url)
    assert cached["X-Page-Cache"] == "hit"
    (token,) = set(TOKEN.findall(cached.content.decode()))
    assert token not in page.content.decode()
    assert "csrftoken" in cached.cookies
    answer = second.post(signup_url(shift), {**signup_data(), "csrfmiddlewaretoken": token})
    assert answer.status_code in (200, 302)
    assert Signup.objects.filter(shift=shift).count() == 1


def test_logged_in_pages_and_personal_cookies_are_never_cached(client, resident, home):
    client.force_login(resident)
    assert "X-Page-Cache" not in client.get("/verhalen/")
    assert "X-Page-Cache" not in client.get("/verhalen/")

    supporter = Client()
    supporter.cookies["steun"] = "1"
    assert "X-Page-Cache" not in supporter.get("/verhalen/")


def test_a_page_that_carries_a_message_is_not_cached(initiative):
    visitor = Client()
    response = visitor.post(f"/initiatieven/steun/{initiative.pk}/", follow=True)
    assert response.status_code == 200
    assert response.get("X-Page-Cache") is None


def test_a_shift_hidden_by_the_editors_with_an_update_leaves_the_cached_page_at_once(
    initiative, editor, django_capture_on_commit_callbacks
):
    from initiatives import services

    shift = make_shift(initiative, task="Soep uitdelen")
    visitor = Client()
    visitor.get(initiative.url)
    assert "Soep uitdelen" in visitor.get(initiative.url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        services.set_hidden(shift, True, editor)  # an update(): no post_save
    assert "Soep uitdelen" not in visitor.get(initiative.url).content.decode()


def test_a_counter_starts_at_one_and_counts_up(settings):
    from django.core.cache import caches

    from wijkplatform.cache import count_up

    backend = caches["default"]
    backend.delete("test:counter")
    assert [count_up(backend, "test:counter") for _ in range(3)] == [1, 2, 3]
    assert backend.get("test:counter") == 3


def test_writes_in_one_transaction_leave_one_bump_for_the_commit():
    from django.db import connection, transaction

    from wijkplatform import page_cache

    with transaction.atomic():
        for structure in (False, True, True, False, True):
            page_cache.bump(structure=structure)
        registered = [entry[1] for entry in connection.run_on_commit]
        assert registered.count(page_cache._increment_all) == 1
        assert registered.count(page_cache._increment_content) <= 1
