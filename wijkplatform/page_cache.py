"""
The anonymous page cache: public pages as a visitor without an account sees them, served from the cache.

What is cached: a GET or HEAD answered with 200 to a request that carries no cookie but the CSRF and language
cookies, that set no cookie but the CSRF cookie and added no message. Logged-in visitors, and visitors whose
pages depend on a cookie of their own (the initiatives they supported), always get a fresh page.

Never stale where it matters: every write to the database (post_save, post_delete, m2m_changed), every
agenda change sent for an update() without signals (agenda.signals) and every live update (wijkplatform.live)
bump one version number, and the version is part of every key. So free places, a cancelled drop-in or a
published story show at once; the time limit (PAGE_CACHE_SECONDS) is for what changes with the clock
("open now").

A page with a form holds a CSRF token: it is stored with a marker in its place, and each visitor who gets the
page from the cache gets a fresh token of their own (and the cookie with it, from CsrfViewMiddleware).
"""

import hashlib
import re

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpResponse
from django.middleware.csrf import get_token

VERSION_KEY = "page-cache:version"
TOKEN_MARKER = "\x00csrf\x00"
TOKEN_INPUT = re.compile(r'(name="csrfmiddlewaretoken" value=")[^"]*(")')
KEPT_HEADERS = ("Content-Type", "Content-Language", "Content-Security-Policy", "X-Frame-Options", "Referrer-Policy")
# Writes that change nothing a visitor sees.
QUIET_MODELS = {
    "sessions.session",
    "django_tasks_database.dbtaskresult",
    "wagtailusers.userprofile",
    "wagtailimages.rendition",  # made on a page's first view; the page is the same
}


def seconds():
    return getattr(settings, "PAGE_CACHE_SECONDS", 0)


def cookies_allowed():
    return {settings.CSRF_COOKIE_NAME, settings.LANGUAGE_COOKIE_NAME}


def version():
    """The number every cached page's key holds; it changes on every write (see bump)."""
    return cache.get(VERSION_KEY, 0)


def bump(sender=None, **kwargs):
    """
    Make every cached page old: the next visitor of each gets it fresh. Now, and again when the transaction
    commits: a page built by another request in between still showed the data from before the commit.
    """
    if getattr(getattr(sender, "_meta", None), "label_lower", "") in QUIET_MODELS:
        return
    _increment()
    transaction.on_commit(_increment)


def _increment():
    if not cache.add(VERSION_KEY, 1, timeout=None):
        try:
            cache.incr(VERSION_KEY)
        except ValueError:  # the key expired or was evicted between add and incr
            cache.set(VERSION_KEY, 1, timeout=None)


def connect():
    for signal in (post_save, post_delete, m2m_changed):
        signal.connect(bump, dispatch_uid=f"page-cache-{signal}")


def _key(request, version):
    language = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
    address = f"{request.get_host()}\n{request.get_full_path()}\n{language}"
    return f"page-cache:{version}:{hashlib.sha256(address.encode()).hexdigest()}"


def _cacheable_request(request):
    return (
        request.method in ("GET", "HEAD")
        and seconds() > 0
        and not request.path.startswith(("/admin/", "/account/", "/ws/"))
        and set(request.COOKIES) <= cookies_allowed()
    )


def _cacheable_response(request, response):
    user = getattr(request, "user", None)
    return (
        response.status_code == 200
        and not response.streaming
        and not (user is not None and user.is_authenticated)
        and set(response.cookies) <= {settings.CSRF_COOKIE_NAME}
        and "no-store" not in response.get("Cache-Control", "")
        and "private" not in response.get("Cache-Control", "")
    )


class AnonymousPageCacheMiddleware:
    """Sits after CsrfViewMiddleware (so a page from the cache gets the CSRF cookie) and before authentication."""

    def __init__(self, get_response):
        self.get_response = get_response
        connect()

    def __call__(self, request):
        if not _cacheable_request(request):
            return self.get_response(request)
        key = _key(request, version())
        stored = cache.get(key)
        if stored is not None:
            return self.from_cache(request, stored)
        response = self.get_response(request)
        if _cacheable_response(request, response):
            cache.set(key, self.for_cache(response), timeout=seconds())
            response["X-Page-Cache"] = "miss"
        return response

    def for_cache(self, response):
        content = TOKEN_INPUT.sub(rf"\g<1>{TOKEN_MARKER}\g<2>", response.content.decode(response.charset))
        headers = {name: response[name] for name in KEPT_HEADERS if name in response}
        return {"content": content, "headers": headers}

    def from_cache(self, request, stored):
        content = stored["content"]
        if TOKEN_MARKER in content:
            content = content.replace(TOKEN_MARKER, get_token(request))
        response = HttpResponse(content, headers=stored["headers"])
        response["X-Page-Cache"] = "hit"
        return response
