from django.utils.translation import gettext_lazy as _

NAVIGATION = [
    ("/", _("Home")),
    ("/agenda/", _("Agenda")),
    ("/verhalen/", _("Verhalen")),
    ("/initiatieven/", _("Initiatieven")),
    ("/inloop/", _("Inloopspreekuren")),
    ("/wie-doet-wat/", _("Wie doet wat")),
    ("/zoeken/", _("Zoeken")),
]


def site_navigation(request):
    """The main menu, with the current section marked."""
    path = request.path
    current = max((url for url, _label in NAVIGATION if path.startswith(url)), key=len, default="/")
    return {
        "main_navigation": [
            {"url": url, "label": label, "current": url == current} for url, label in NAVIGATION
        ]
    }
