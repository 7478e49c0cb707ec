"""
What every view of the API does around its answer: open to every origin (CORS), rate-limited per address,
cached until anything changes, and always as a visitor without an account.

The site's page cache (wijkplatform/page_cache.py) would store these answers too, but it keeps no CORS header
and answers before any view, so its hits would count for no rate limit; it leaves /api/v… alone and the API
keeps its answers itself, under the same version number: every write to the database drops them all at once
(a sign-up shows in the free places at the next request), and PAGE_CACHE_SECONDS bounds what only the clock
changes ("open now").

Sessions and cookies are ignored: the answers are the same for everyone, so a logged-in editor sees no drafts
and a cached answer can go to anyone.
"""

from functools import wraps

from django.contrib.auth.models import AnonymousUser
from django.core.cache import cache
from django.http import HttpResponse, JsonResponse
from django.utils.translation import gettext as _
from django_ratelimit.core import is_ratelimited

from wijkplatform import page_cache

RATE = "120/m"  # per IP address; a calendar app or site that polls needs far less
ALLOWED_METHODS = "GET, HEAD, OPTIONS"
PREFLIGHT_SECONDS = 86400


def cors(response):
    response["Access-Control-Allow-Origin"] = "*"
    response["Access-Control-Allow-Methods"] = ALLOWED_METHODS
    return response


def preflight(request):
    response = HttpResponse(status=204)
    response["Access-Control-Allow-Headers"] = request.headers.get("Access-Control-Request-Headers", "")[:200] or "Accept"
    response["Access-Control-Max-Age"] = PREFLIGHT_SECONDS
    response["Allow"] = ALLOWED_METHODS
    return cors(response)


def refused(status, detail, **headers):
    return cors(JsonResponse({"detail": detail, "errors": []}, status=status, headers=headers))


def answer(request, view, args, kwargs):
    """The view's answer as an anonymous visitor gets it, from the cache when nothing changed since."""
    request.user = AnonymousUser()
    # Keyed as a template fragment is: the host, the language, the address and the page-cache version.
    key = page_cache.fragment_key(request, "api", request.get_full_path()) if page_cache.seconds() > 0 else None
    stored = cache.get(key) if key else None
    if stored is not None:
        response = HttpResponse(stored["content"], content_type=stored["content_type"])
        response["X-Api-Cache"] = "hit"
        return response
    response = view(request, *args, **kwargs)
    if key and response.status_code == 200:
        cache.set(key, {"content": response.content, "content_type": response["Content-Type"]}, page_cache.seconds())
        response["X-Api-Cache"] = "miss"
    return response


def public_api(view):
    """Wraps each URL of the API (see api/urls.py)."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.method == "OPTIONS":
            return preflight(request)
        if request.method not in ("GET", "HEAD"):
            return refused(405, _("De API geeft alleen gegevens: gebruik GET."), Allow=ALLOWED_METHODS)
        if is_ratelimited(request, group="api", key="ip", rate=RATE, increment=True):
            return refused(429, _("U vraagt te veel tegelijk. Probeer het over een minuut opnieuw."), **{"Retry-After": "60"})
        head = request.method == "HEAD"
        if head:
            request.method = "GET"  # django-ninja answers GET only; the body is dropped below
        response = answer(request, view, args, kwargs)
        if head:
            response.content = b""
        response["Cache-Control"] = "no-cache"  # free places change at any moment: a browser or proxy asks again
        return cors(response)

    return wrapper

