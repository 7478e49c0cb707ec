"""Shared fixtures: demo users per role and the site's home page."""

import pytest
from django.core.management import call_command

from tests.helpers import make_user
from wijkplatform.moderation import EDITORS_GROUP, PROFESSIONALS_GROUP, RESIDENTS_GROUP


@pytest.hookimpl(trylast=True)  # after pytest-django has put transactional tests last
def pytest_collection_modifyitems(items):
    """
    A transactional test empties the database when it ends; serialized rollback
    puts back what migrations created (home page, section pages, groups,
    workflow), so tests after it still find them. Browser tests go last of all:
    once started, Playwright keeps an event loop in the main thread.
    """
    for item in items:
        marker = item.get_closest_marker("django_db")
        if marker and marker.kwargs.get("transaction") and not marker.kwargs.get("serialized_rollback"):
            item.add_marker(pytest.mark.django_db(**{**marker.kwargs, "serialized_rollback": True}), append=False)
    items.sort(key=lambda item: "browser" in item.keywords)


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _clear_cache():
    from django.core.cache import caches

    for cache in caches.all(initialized_only=False):
        cache.clear()
    yield
    for cache in caches.all(initialized_only=False):
        cache.clear()


@pytest.fixture
def home(db):
    from home.models import HomePage

    return HomePage.objects.get(depth=2)


@pytest.fixture
def resident(db):
    return make_user("bewoner1", RESIDENTS_GROUP)


@pytest.fixture
def other_resident(db):
    return make_user("bewoner2", RESIDENTS_GROUP)


@pytest.fixture
def professional(db):
    return make_user("professional1", PROFESSIONALS_GROUP)


@pytest.fixture
def editor(db):
    return make_user("redacteur1", EDITORS_GROUP)


@pytest.fixture
def superuser(db):
    return make_user("beheerder1", superuser=True)


@pytest.fixture
def seeded(db):
    """The full demo content, as `make run` loads it."""
    call_command("seed_demo", stdout=open("/dev/null", "w"))


@pytest.fixture(autouse=True)
def _dutch_after_each_test():
    """A request with the language switch activates English for the thread; the next test starts in Dutch again."""
    from django.conf import settings
    from django.utils import translation

    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def _rate_limit_clock(monkeypatch):
    """
    django-ratelimit counts in fixed windows of wall-clock time; a test that
    posts 61 times must not see its window roll over halfway on a slow machine.
    """
    import time
    from types import SimpleNamespace

    import django_ratelimit.core

    now = time.time()
    monkeypatch.setattr(django_ratelimit.core, "time", SimpleNamespace(time=lambda: now))
