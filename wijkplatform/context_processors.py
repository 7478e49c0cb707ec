"""The main menu: the home page, its live children marked "show in menus" in tree order, and search."""

from django.utils.translation import gettext, gettext_noop
from wagtail.models import Site

# The section titles the migrations create, kept as msgids so the English menu has its labels.
SECTION_TITLES = [gettext_noop("Agenda"), gettext_noop("Verhalen"), gettext_noop("Initiatieven"),
                  gettext_noop("Inloopspreekuren"), gettext_noop("Wie doet wat")]


def site_navigation(request):
    """The main menu, with the current section marked. Editors change it in the page tree."""
    site = Site.find_for_request(request)
    entries = [("/", gettext("Home"))]
    if site is not None:
        sections = site.root_page.get_children().live().in_menu().public()
        entries += [(page.relative_url(site, request), gettext(page.title)) for page in sections]
    entries.append(("/zoeken/", gettext("Zoeken")))

    path = request.path
    current = max((url for url, _label in entries if url and path.startswith(url)), key=len, default="/")
    return {"main_navigation": [{"url": url, "label": label, "current": url == current} for url, label in entries]}
