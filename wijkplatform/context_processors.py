"""
The main menu (the home page, its live children marked "show in menus" in tree order, and search), the name of
the wijk's site for the header and the page titles ("Wij(k) Schadewijk" on Schadewijk's host), and where live
updates are served.
"""

from django.conf import settings
from django.core.cache import cache
from django.utils.translation import get_language, gettext
from wagtail.models import Site

from wijkplatform import page_cache
from wijkplatform.languages import translated_title


def site_navigation(request):
    """The main menu in the interface language, with the current section marked. Editors change it in the page tree."""
    # Kept until the site's structure changes (page_cache.structure_version), so a change in the page tree shows at
    # once and a sign-up does not rebuild it. Keyed on
    # the host, not the site: finding the site is a query, which would cost every page more than the menu itself.
    key = f"menu:{request.get_host()}:{get_language()}:{page_cache.structure_version()}"
    stored = cache.get(key)
    if stored is None:
        site = Site.find_for_request(request)
        entries = [("/", gettext("Home"))]
        if site is not None:
            sections = site.root_page.get_children().live().in_menu().public()
            entries += [(page.relative_url(site, request), translated_title(page, request)) for page in sections]
        entries.append(("/zoeken/", gettext("Zoeken")))
        stored = (entries, (site.site_name if site else "") or settings.WAGTAIL_SITE_NAME)
        cache.set(key, stored, timeout=3600)
    entries, site_name = stored

    path = request.path
    current = max((url for url, _label in entries if url and path.startswith(url)), key=len, default="/")
    navigation = [{"url": url, "label": label, "current": url == current} for url, label in entries]
    return {"main_navigation": navigation, "site_name": site_name}


def live(request):
    """The WebSocket address for live.js where it is not this site's own /ws/live/ (see LIVE_URL)."""
    return {"live_url": settings.LIVE_URL}
