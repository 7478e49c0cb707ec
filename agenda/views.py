"""
The agenda's iCalendar feeds (agenda/urls.py): the whole agenda, one item, and
the own feed of a page of a registered source (an initiative, a drop-in hour).
The agenda's pages are routes of AgendaPage.
"""

import hashlib
from datetime import datetime, time, timedelta

from django.core.cache import cache
from django.http import Http404, HttpResponse
from django.utils.text import slugify
from django.utils.translation import gettext as _
from wagtail.models import Page

from agenda import ical, registry
from agenda.filters import DayRange, parse, today
from agenda.models import LOCAL_TZ, AgendaPage
from agenda.queries import collect
from agenda.signals import agenda_version
from wijkplatform.wijken import current_site, section

FEED_CACHE_SECONDS = 600
PAGE_FEED_DAYS_BACK = 30
PAGE_FEED_DAYS_AHEAD = 365


def feed_cache_key(request, kind):
    digest = hashlib.sha256(f"{request.get_host()}\n{request.get_full_path()}".encode()).hexdigest()[:32]
    return f"agenda:feed:{kind}:{agenda_version()}:{today().isoformat()}:{digest}"


def feed_name(site, agenda_filter):
    """The calendar's name: the wijk's agenda page's title as search engines get it, or all of Oss."""
    if agenda_filter.all_wijken:
        return _("Agenda van heel Oss")
    page = section(AgendaPage, site)
    return (page.seo_title or page.title) if page else _("Agenda")


def ics_response(body, filename, *, attachment=True):
    response = HttpResponse(body, content_type=ical.CONTENT_TYPE)
    disposition = "attachment" if attachment else "inline"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    response["Cache-Control"] = "public, max-age=600"
    return response


def agenda_feed(request):
    """The agenda as iCalendar: all of it, any filter combination, or one item (`item` + `datum`)."""
    uid = request.GET.get("item", "")[:200]
    key = feed_cache_key(request, "agenda")
    body = cache.get(key)
    if body is None:
        site = current_site(request)
        agenda_filter = parse(request.GET, feed=True, site=site)
        if uid:
            agenda_filter = agenda_filter.with_range(DayRange.of_day(agenda_filter.anchor or today()))
        # One item is an occurrence, as on the page; the whole agenda takes each series as one event.
        items = agenda_filter.apply(collect(agenda_filter.start, agenda_filter.end, feed=not uid))
        if uid:
            items = [item for item in items if item.uid == uid]
            if not items:
                raise Http404(_("Dit staat niet (meer) in de agenda."))
        name = items[0].title if uid else feed_name(site, agenda_filter)
        body = ical.items_calendar(items, name, request.build_absolute_uri("/"))
        cache.set(key, body, FEED_CACHE_SECONDS)
    return ics_response(body, f"{slugify(uid) or 'agenda-ruwaard'}.ics")


def page_feed_window():
    current = today()
    start = datetime.combine(current - timedelta(days=PAGE_FEED_DAYS_BACK), time.min, tzinfo=LOCAL_TZ)
    end = datetime.combine(current + timedelta(days=PAGE_FEED_DAYS_AHEAD), time.min, tzinfo=LOCAL_TZ)
    return start, end


def page_feed(request, page_id, source):
    """A page's own feed (see registry.PageFeed): by default the source's feed items that carry its pk as `source_id`."""
    found = registry.get_source(source)
    page = Page.objects.live().public().type(*found.pages).filter(pk=page_id).specific().first()
    if page is None:
        raise Http404(found.page_feed.not_found)
    key = feed_cache_key(request, source)
    body = cache.get(key)
    if body is None:
        if found.page_feed.items:
            items = list(found.page_feed.items(page))
        else:
            start, end = page_feed_window()
            items = [item for item in collect(start, end, sources=[source], feed=True) if item.source_id == page.pk]
        body = ical.items_calendar(items, found.page_feed.title(page), request.build_absolute_uri("/"))
        cache.set(key, body, FEED_CACHE_SECONDS)
    return ics_response(body, f"{page.slug}.ics")
