"""
What the initiative pages read from a request: which initiatives this browser supported, and the shift a sign-up
form is for.
"""

from django.shortcuts import get_object_or_404

SUPPORT_COOKIE = "steun"
SUPPORT_SALT = "initiatives.support"


def supported_ids(request):
    """Initiatives this browser supported, from a signed cookie (nothing about the visitor is stored)."""
    raw = request.get_signed_cookie(SUPPORT_COOKIE, default="", salt=SUPPORT_SALT)
    return {int(part) for part in raw.split(",") if part.isdigit()}


def shown_shift_or_404(shift_id):
    """A shift the public may see, of a live initiative, with what a sign-up form page shows about it."""
    from initiatives.models import Shift  # models import this module

    shifts = Shift.objects.shown().select_related("initiative", "place", "initiative__place")
    return get_object_or_404(shifts, pk=shift_id, initiative__live=True)
