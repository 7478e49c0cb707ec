"""
QR codes to the agenda for the screen and the poster: inline SVG made on the
server with segno, so a phone can open the agenda without any script or
outside service, on screen and on paper alike.
"""

from functools import lru_cache

import segno
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from wijkplatform.mail import absolute_url


@lru_cache(maxsize=16)  # the same few addresses on every request; making one takes about 10 ms
def qr_svg(url, label):
    """The QR code for `url` as an inline SVG image named `label`; CSS gives it its size."""
    svg = segno.make(url, error="m").svg_inline(scale=1, border=4, dark="#000", light="#fff", omitsize=True, title=label)
    return mark_safe(svg.replace("<svg ", '<svg role="img" ', 1))


def agenda_link(page):
    """
    The agenda's public address (BASE_URL, as in e-mails, whichever host the
    screen or the printer uses) as people type it, and as a QR code.
    """
    url = absolute_url(page.url)
    return {
        "agenda_address": url.split("://", 1)[-1].rstrip("/"),
        "agenda_qr": qr_svg(url, _("QR-code naar de agenda")),
    }
