"""What the initiative pages read from a request: which initiatives this browser supported."""

SUPPORT_COOKIE = "steun"
SUPPORT_SALT = "initiatives.support"


def supported_ids(request):
    """Initiatives this browser supported, from a signed cookie (nothing about the visitor is stored)."""
    raw = request.get_signed_cookie(SUPPORT_COOKIE, default="", salt=SUPPORT_SALT)
    return {int(part) for part in raw.split(",") if part.isdigit()}
