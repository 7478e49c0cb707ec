"""Content-Security-Policy: strict for the public site, one allowance for the Wagtail admin."""

from dataclasses import replace

from csp.middleware import CSPMiddleware

ADMIN_PREFIX = "/admin/"


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
