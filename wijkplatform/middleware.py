"""Site-wide middleware: bad addresses refused, the Content-Security-Policy and the interface language."""

from dataclasses import replace

from csp.middleware import CSPMiddleware
from django.conf import settings
from django.core.exceptions import BadRequest
from django.middleware.locale import LocaleMiddleware
from django.utils import translation

ADMIN_PREFIX = "/admin/"


def refuse_null_characters(get_response):
    """
    A NUL character in the path or query string is never a real address, and PostgreSQL cannot
    compare text with one in it: such a request gets the 400 page before any view reads it.
    """

    def middleware(request):
        query_values = (value for key, values in request.GET.lists() for value in [key, *values])
        if "\x00" in request.path or any("\x00" in value for value in query_values):
            raise BadRequest("NUL character in the address")
        return get_response(request)

    return middleware


class SitePolicyCSPMiddleware(CSPMiddleware):
    """
    The public site allows only same-origin scripts. The Wagtail admin (used by
    the editors only) still has a few inline scripts in its page explorer and
    editor, so there, and only there, inline scripts are allowed too. No
    third-party origin is allowed anywhere.
    """

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request=request, response=response, report_only=report_only)
        if request.path.startswith(ADMIN_PREFIX) and not report_only:
            update = dict(parts.update or {})
            update["script-src"] = ["'unsafe-inline'"]
            parts = replace(parts, update=update)
        return parts


class ChosenLanguageMiddleware(LocaleMiddleware):
    """
    Dutch unless the visitor chose another language with the language switch.

    The browser's Accept-Language is not followed: the wijk's shared language
    is Dutch, and a borrowed or library computer should not change it.
    """

    def process_request(self, request):
        code = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        if code not in dict(settings.LANGUAGES):
            code = settings.LANGUAGE_CODE
        translation.activate(code)
        request.LANGUAGE_CODE = translation.get_language()
