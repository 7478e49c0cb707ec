"""
With Redis unreachable the site keeps working: pages, a sign-up and a log-in answer as usual, the cache and the
rate limits fall back with a warning, and /healthz/ says the site is degraded.
"""

import logging

import pytest
from django.core import mail
from django.core.cache import caches
from django.urls import reverse

from initiatives.models import Signup
from tests.helpers import PASSWORD
from tests.initiatives.factories import (
    make_initiative,
    make_shift,
    signup_data,
    signup_url,
)

pytestmark = pytest.mark.django_db

NOBODY = "redis://127.0.0.1:1/0"  # nothing listens on port 1


@pytest.fixture
def redis_away(settings, home):
    away = {
        "BACKEND": "wijkplatform.cache.FallbackRedisCache",
        "LOCATION": NOBODY,
        "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
    }
    settings.CACHES = {"default": away, "ratelimit": {**away, "OPTIONS": {**away["OPTIONS"], "FALLBACK": "local"}}}
    settings.CHANNEL_LAYERS = {
        "default": {"BACKEND": "channels_redis.core.RedisChannelLayer", "CONFIG": {"hosts": [NOBODY]}}
    }
    from channels.layers import channel_layers

    from wijkplatform import live

    channel_layers.backends.clear()
    live._last_warning[0] = 0.0  # warnings come once a minute: let this test see its own
    yield
    channel_layers.backends.clear()


def test_pages_sign_up_and_log_in_work_while_redis_is_away(client, redis_away, resident, caplog,
                                                           django_capture_on_commit_callbacks):
    caplog.set_level(logging.WARNING)
    for url in ["/", "/agenda/", "/verhalen/", "/initiatieven/", "/inloop/", "/wie-doet-wat/", "/zoeken/?q=koffie",
                "/agenda/agenda.ics"]:
        assert client.get(url).status_code == 200, url

    shift = make_shift(make_initiative(resident))
    with django_capture_on_commit_callbacks(execute=True):  # the live update and the mail, as after a real commit
        response = client.post(signup_url(shift), signup_data(email="ans.zonder.redis@example.org"))
    assert response.status_code in (200, 302)
    assert Signup.objects.get(email="ans.zonder.redis@example.org").status == Signup.CONFIRMED
    assert [message.to for message in mail.outbox] == [["ans.zonder.redis@example.org"]]
    assert client.get(shift.initiative.url).status_code == 200

    answer = client.post(reverse("account_login"), {"login": resident.username, "password": PASSWORD})
    assert answer.status_code == 302
    assert client.get(reverse("my_contributions")).status_code == 200

    warnings = [record.getMessage() for record in caplog.records]
    assert any("Redis cache unreachable" in warning for warning in warnings)
    assert any("channel layer unreachable" in warning for warning in warnings)


def test_healthz_says_degraded_while_redis_is_away_and_ok_when_it_answers(client, redis_away, settings):
    response = client.get("/healthz/")
    assert (response.status_code, response.content, response["X-Health"]) == (200, b"degraded: redis", "degraded")

    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    response = client.get("/healthz/")
    assert (response.status_code, response.content, response["X-Health"]) == (200, b"ok", "ok")


def test_rate_limits_keep_counting_in_memory_while_redis_is_away(redis_away):
    limits = caches["ratelimit"]
    limits.add("count", 0)
    limits.incr("count")
    assert limits.get("count") == 1
    assert caches["default"].get("count") is None
