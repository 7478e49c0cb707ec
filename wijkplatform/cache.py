"""
Redis as the cache, and a fallback with a logged warning when Redis cannot be reached, so that pages, sign-ups and
log-ins go on working while it is down, and use Redis again as soon as it answers.

OPTIONS["FALLBACK"] chooses what stands in:
- "none" (the default cache): nothing is cached. Several workers share what the cache holds (the agenda, free
  places); a cache of this process alone would go stale when another worker writes.
- "local" (the rate-limit cache): this process's memory, so limits keep counting, per worker.
"""

import logging
import time

from django.core.cache.backends.dummy import DummyCache
from django.core.cache.backends.locmem import LocMemCache
from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

UNREACHABLE = (RedisConnectionError, RedisTimeoutError)
WARN_EVERY = 60  # seconds between warnings while Redis stays away
OPERATIONS = ("add", "get", "set", "touch", "delete", "get_many", "has_key", "incr", "set_many", "delete_many", "clear")


class ReusedRedisClient(RedisCacheClient):
    """
    One redis.Redis per connection pool, shared by the worker's threads (it is thread-safe). Django builds a new
    one for every cache operation, which costs more than the GET it serves (52 against 27 µs measured).
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(pool)
        if client is None:
            client = self._clients[pool] = self._client(connection_pool=pool)
        return client


class FallbackRedisCache(RedisCache):
    def __init__(self, server, params):
        options = dict(params.get("OPTIONS", {}))
        fallback = options.pop("FALLBACK", "none")
        super().__init__(server, {**params, "OPTIONS": options})
        self._class = ReusedRedisClient
        fallback_params = {key: value for key, value in params.items() if key not in ("OPTIONS", "LOCATION")}
        if fallback == "local":
            self.fallback = LocMemCache(f"fallback-{id(self)}", fallback_params)
        else:
            self.fallback = DummyCache("fallback", fallback_params)
        self.last_warning = 0.0

    def warn(self, operation, error):
        now = time.monotonic()
        if now - self.last_warning >= WARN_EVERY:
            self.last_warning = now
            fallback = type(self.fallback).__name__
            logger.warning("Redis cache unreachable (%s: %s); using the %s fallback", operation, error, fallback)

    def is_reachable(self):
        """For /healthz/: whether Redis answers now."""
        try:
            return bool(self._cache.get_client().ping())
        except UNREACHABLE:
            return False


def _with_fallback(name):
    redis_operation = getattr(RedisCache, name)

    def operation(self, *args, **kwargs):
        try:
            return redis_operation(self, *args, **kwargs)
        except UNREACHABLE as error:
            self.warn(name, error)
            return getattr(self.fallback, name)(*args, **kwargs)

    operation.__name__ = name
    operation.__doc__ = redis_operation.__doc__
    return operation


for _name in OPERATIONS:
    setattr(FallbackRedisCache, _name, _with_fallback(_name))


def count_up(cache, key):
    """
    Add one to the counter at `key` in `cache` (a backend, not the `django.core.cache.cache` proxy), starting it at 1
    when it is missing, for good. On Redis that is one INCR; Django's `incr` asks whether the key exists first and
    fails when it does not, so `add` + `incr` took three round trips (a sign-up bumps the page cache's version
    several times: bench/signup_load.py).
    """
    if isinstance(cache, FallbackRedisCache):
        try:
            return cache._cache.get_client(key, write=True).incr(cache.make_and_validate_key(key))
        except UNREACHABLE as error:
            cache.warn("incr", error)
            return None
    if cache.add(key, 1, timeout=None):
        return 1
    try:
        return cache.incr(key)
    except ValueError:  # the key expired or was evicted between add and incr
        cache.set(key, 1, timeout=None)
        return 1
