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

Logged-in visitors get parts of pages from the same cache, under the same version ({% fragment %},
wijkplatform/templatetags/fragments.py).

A second number, the structure version, is bumped by the same writes except sign-ups, supports and live updates
(CONTENT_ONLY_MODELS, `bump(structure=False)`): what shows nothing of them (the site of a host, the menu, the route
to a child page, header and footer) is kept on it, so two hundred sign-ups at once do not rebuild it two hundred
times. Each request reads both numbers once, in one round trip, and a transaction bumps each at most once at once
and once at its commit.
"""

import hashlib
import re
from contextvars import ContextVar
from functools import partial
from operator import getitem

from django.conf import settings
from django.core.cache import cache, caches
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.utils.functional import SimpleLazyObject
from django.utils.translation import get_language

from wijkplatform.cache import count_up

VERSION_KEY = "page-cache:version"
STRUCTURE_KEY = "page-cache:structure"
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


# Writes that change what pages say about sign-ups and places, never the site around the pages: they make cached
# pages and fragments old, but not what is cached on the structure version (the site, the menu, routes, header and
# footer), which two hundred sign-ups at once would otherwise rebuild after each one (bench/signup_load.py).
CONTENT_ONLY_MODELS = {"initiatives.signup", "initiatives.support"}

# The versions as the request read them when it came in: a page asks for them once per fragment, and each ask would
# be a round trip to Redis. None outside a request; UNREAD until the request first asks (one round trip for both);
# WRITTEN after a write in the request, until it reads them again.
_request_versions = ContextVar("page_cache_request_versions", default=None)
UNREAD, WRITTEN = "unread", "written"


def _versions():
    known = _request_versions.get()
    if known in (None, UNREAD, WRITTEN):
        stored = caches["default"].get_many([VERSION_KEY, STRUCTURE_KEY])
        read = (stored.get(VERSION_KEY, 0), stored.get(STRUCTURE_KEY, 0))
        if known is not None:
            _request_versions.set(read)
        return read
    return known


def version():
    """The number every cached page's key holds; it changes on every write (see bump)."""
    return _versions()[0]


def structure_version():
    """
    The number for what changes with the site's pages, sites, groups and snippets but not with a sign-up
    (CONTENT_ONLY_MODELS, and live updates): the site of a host, the menu, routes, the header and footer.
    """
    return _versions()[1]


def bump(sender=None, structure=True, **kwargs):
    """
    Make every cached page old: the next visitor of each gets it fresh. At once, and again when the transaction
    commits: a page built by another request in between still showed the data from before the commit. Once of
    each per transaction is enough while the request has not read the version in between (a sign-up writes
    several rows and sends live updates, which all bump; each bump is a round trip to Redis). `structure=False`
    (live updates, the agenda's changes after an update()) and CONTENT_ONLY_MODELS leave the structure version.
    """
    label = getattr(getattr(sender, "_meta", None), "label_lower", "")
    if label in QUIET_MODELS:
        return
    increment = _increment_content if not structure or label in CONTENT_ONLY_MODELS else _increment_all
    connection = transaction.get_connection()
    if not connection.in_atomic_block:
        increment()  # already committed
        return
    if _request_versions.get() is not WRITTEN:
        increment()
    # Django drops what a rolled-back savepoint registered, so a registration found here will run at the commit.
    registered = {entry[1] for entry in connection.run_on_commit}
    if _increment_all not in registered and increment not in registered:
        transaction.on_commit(increment)


def _increment_content():
    _forget_versions()
    count_up(caches["default"], VERSION_KEY)


def _increment_all():
    _forget_versions()
    count_up(caches["default"], VERSION_KEY)
    count_up(caches["default"], STRUCTURE_KEY)


def _forget_versions():
    if _request_versions.get() is not None:
        _request_versions.set(WRITTEN)


def connect():
    for signal in (post_save, post_delete, m2m_changed):
        signal.connect(bump, dispatch_uid=f"page-cache-{signal}")


def _key(request, version):
    language = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
    address = f"{request.get_host()}\n{request.get_full_path()}\n{language}"
    return f"page-cache:{version}:{hashlib.sha256(address.encode()).hexdigest()}"


def fragment_key(request, name, values, site_wide=False):
    """
    The key of a template fragment ({% fragment %}, wijkplatform/templatetags/fragments.py); a `site_wide` one is
    kept on the structure version.
    """
    address = f"{request.get_host()}\n{get_language()}\n{name}\n{values}"
    held = f"s{structure_version()}" if site_wide else version()
    return f"fragment:{held}:{hashlib.sha256(address.encode()).hexdigest()}"


def built_when_read(build, names):
    """
    Context values for `names` from the dict `build()` returns, built only when a template reads one of them:
    a page whose fragment comes from the cache skips the work (and the queries) of what the fragment shows.
    """
    built = SimpleLazyObject(build)
    return {name: SimpleLazyObject(partial(getitem, built, name)) for name in names}


def without_token(content):
    """Content to store: each CSRF token in it replaced by a marker."""
    return TOKEN_INPUT.sub(rf"\g<1>{TOKEN_MARKER}\g<2>", content)


def with_token(content, token):
    """Stored content for one request: the marker replaced by that request's CSRF token."""
    return content.replace(TOKEN_MARKER, token)


def _cacheable_request(request):
    return (
        request.method in ("GET", "HEAD")
        and seconds() > 0
        and not request.path.startswith(("/admin/", "/account/", "/ws/", "/api/v"))  # the API caches its own (api/public.py)
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
        known = _request_versions.set(UNREAD)
        try:
            return self.answer(request)
        finally:
            _request_versions.reset(known)

    def answer(self, request):
        if not _cacheable_request(request):
            return self.with_known_site(request)
        key = _key(request, version())
        stored = cache.get(key)
        if stored is not None:
            return self.from_cache(request, stored)
        response = self.with_known_site(request)
        if _cacheable_response(request, response):
            cache.set(key, self.for_cache(response), timeout=seconds())
            response["X-Page-Cache"] = "miss"
        return response

    def with_known_site(self, request):
        """
        The response, with the request's Wagtail Site from the cache until the next write: Site.find_for_request
        builds its query anew on every request (2 ms of CPU, a fifth of a logged-in page; bench/pages.py). Stored
        after a response for which Wagtail looked it up (Wagtail keeps it on the request, as `_wagtail_site`), so a
        request that needs no site (/healthz/) makes no query; stored as read afresh, without what the request
        may have put on its root page.
        """
        if seconds() <= 0:
            return self.get_response(request)
        key = f"page-cache:site:{structure_version()}:{request._get_raw_host()}:{request.get_port()}"
        site = cache.get(key)
        if site is not None:
            request._wagtail_site = site
        response = self.get_response(request)
        if site is None and getattr(request, "_wagtail_site", None) is not None:
            sites = type(request._wagtail_site).objects.select_related("root_page")
            found = sites.filter(pk=request._wagtail_site.pk).first()  # None when this request deleted it
            if found is not None:
                found.root_page = found.root_page.specific  # where Wagtail's routing starts
                cache.set(key, found, timeout=seconds())
        return response

    def for_cache(self, response):
        content = without_token(response.content.decode(response.charset))
        headers = {name: response[name] for name in KEPT_HEADERS if name in response}
        return {"content": content, "headers": headers}

    def from_cache(self, request, stored):
        content = stored["content"]
        if TOKEN_MARKER in content:
            content = with_token(content, get_token(request))
        response = HttpResponse(content, headers=stored["headers"])
        response["X-Page-Cache"] = "hit"
        return response
