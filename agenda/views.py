"""
The agenda's views: the list, the weekly poster, the screen for the
community centre and the activity form (routes of AgendaPage), and the
iCalendar feeds (agenda/urls.py).
"""

import hashlib
from dataclasses import replace
from datetime import datetime, time, timedelta
from itertools import groupby
from urllib.parse import unquote, urlsplit

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django_ratelimit.decorators import ratelimit
from wagtail.models import Page

from agenda import ical
from agenda.filters import PERIOD_DAY, PERIOD_MONTH, PERIOD_WEEK, kind_choices, parse, period_choices, period_range, today
from agenda.forms import ActivityForm
from agenda.items import KIND_SHIFT, collect
from agenda.models import LOCAL_TZ, ActivityPage
from agenda.signals import agenda_version
from dropins.agenda import series_item
from dropins.models import Place
from wijkplatform.moderation import submit_for_review
from wijkplatform.readability_views import report_if_checked, send_rate
from wijkplatform.themes import Theme

ITEMS_PER_PAGE = 60
POSTER_ITEMS_PER_DAY = 6
FEED_CACHE_SECONDS = 600
INITIATIVE_SOURCE = "initiatives.agenda.items"
SERIES_FEED_DAYS_BACK = 30
SERIES_FEED_DAYS_AHEAD = 365


def group_by_day(items):
    """[(date, [items])] in time order, by the local date each item starts on."""
    return [
        (day, list(day_items)) for day, day_items in groupby(items, key=lambda item: item.start.astimezone(LOCAL_TZ).date())
    ]


def is_on_now(item, now):
    end = item.end or item.start + timedelta(hours=1)
    return not item.cancelled and item.start <= now < end


def checked_place(agenda_filter, places):
    if agenda_filter.place is not None and agenda_filter.place not in {place.pk for place in places}:
        return replace(
            agenda_filter,
            place=None,
            messages=agenda_filter.messages + (_("Deze plek kennen we niet. We laten alle plekken zien."),),
        )
    return agenda_filter


def period_links(agenda_filter):
    """Today, this week, this month: links that keep the other filters."""
    labels = {PERIOD_DAY: _("Vandaag"), PERIOD_WEEK: _("Deze week"), PERIOD_MONTH: _("Deze maand")}
    return [
        (label, agenda_filter.query_string(periode=period, datum=None, van=None, tot=None),
         agenda_filter.period == period and agenda_filter.anchor is None)
        for period, label in labels.items()
    ]


def kind_links(agenda_filter):
    links = [(_("Alles"), agenda_filter.query_string(soort=None), not agenda_filter.kind)]
    for kind, label in kind_choices():
        links.append((label, agenda_filter.query_string(soort=kind), agenda_filter.kind == kind))
    return links


def agenda(request, page):
    places = list(Place.objects.filter(live=True).only("pk", "name"))
    agenda_filter = checked_place(parse(request.GET), places)
    items = agenda_filter.apply(collect(agenda_filter.start, agenda_filter.end))
    page_obj = Paginator(items, ITEMS_PER_PAGE).get_page(request.GET.get("pagina"))
    query = agenda_filter.query_string()
    # A subscription keeps the filters but not the days: a feed always runs from now on.
    feed_url, subscribe_query = reverse("agenda:feed"), urlencode(agenda_filter.filter_params())
    return page.render(
        request,
        context_overrides={
            "agenda_filter": agenda_filter,
            "days": group_by_day(page_obj.object_list),
            "page_obj": page_obj,
            "item_count": len(items),
            "now": timezone.now(),
            "places": places,
            "themes": Theme.choices,
            "kinds": kind_choices(),
            "periods": period_choices(),
            "query": query,
            "previous_query": agenda_filter.previous().query_string(),
            "next_query": agenda_filter.next().query_string(),
            "period_links": period_links(agenda_filter),
            "kind_links": kind_links(agenda_filter),
            "feed_url": f"{feed_url}?{subscribe_query}" if subscribe_query else feed_url,
        },
    )


def feed_cache_key(request, kind):
    digest = hashlib.sha256(request.get_full_path().encode()).hexdigest()[:32]
    return f"agenda:feed:{kind}:{agenda_version()}:{today().isoformat()}:{digest}"


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
        agenda_filter = parse(request.GET, feed=True)
        if uid:
            day = agenda_filter.anchor or today()
            agenda_filter = replace(agenda_filter, first_day=day, last_day=day)
        # One item is an occurrence, as on the page; the whole agenda takes each drop-in series as one event.
        items = agenda_filter.apply(collect(agenda_filter.start, agenda_filter.end, feed=not uid))
        if uid:
            items = [item for item in items if item.uid == uid]
            if not items:
                raise Http404(_("Dit staat niet (meer) in de agenda."))
        name = items[0].title if uid else _("Agenda van de Ruwaard")
        body = ical.items_calendar(items, name, request.build_absolute_uri("/"))
        cache.set(key, body, FEED_CACHE_SECONDS)
    return ics_response(body, f"{slugify(uid) or 'agenda-ruwaard'}.ics")


def feed_window():
    current = today()
    start = datetime.combine(current - timedelta(days=SERIES_FEED_DAYS_BACK), time.min, tzinfo=LOCAL_TZ)
    end = datetime.combine(current + timedelta(days=SERIES_FEED_DAYS_AHEAD), time.min, tzinfo=LOCAL_TZ)
    return start, end


def initiative_feed(request, page_id):
    """The activities and open shifts of one initiative."""
    initiative = Page.objects.live().public().filter(pk=page_id, content_type__app_label="initiatives").first()
    if initiative is None:
        raise Http404(_("Dit initiatief bestaat niet (meer)."))
    key = feed_cache_key(request, "initiative")
    body = cache.get(key)
    if body is None:
        path = unquote(initiative.url)
        start, end = feed_window()
        items = [
            item for item in collect(start, end, sources=[INITIATIVE_SOURCE]) if unquote(urlsplit(item.url).path) == path
        ]
        body = ical.items_calendar(items, initiative.title, request.build_absolute_uri("/"))
        cache.set(key, body, FEED_CACHE_SECONDS)
    return ics_response(body, f"{initiative.slug}.ics")


def dropin_feed(request, page_id):
    """One drop-in series: one recurring event, cancelled dates as EXDATE, moved ones as overrides."""
    dropin = Page.objects.live().public().filter(pk=page_id, content_type__app_label="dropins").specific().first()
    if dropin is None or not hasattr(dropin, "rrule_parts"):
        raise Http404(_("Dit spreekuur bestaat niet (meer)."))
    key = feed_cache_key(request, "dropin")
    body = cache.get(key)
    if body is None:
        item = series_item(dropin, dropin.url)
        title = f"{dropin.title} ({dropin.organisation.name})"
        body = ical.items_calendar([item] if item else [], title, request.build_absolute_uri("/"))
        cache.set(key, body, FEED_CACHE_SECONDS)
    return ics_response(body, f"{dropin.slug}.ics")


def poster(request, page):
    """One week on one A4 page, for the notice board."""
    agenda_filter = parse(request.GET)
    first, last = period_range(PERIOD_WEEK, agenda_filter.anchor or today())
    agenda_filter = replace(agenda_filter, first_day=first, last_day=last, period=PERIOD_WEEK, anchor=first)
    items = [item for item in agenda_filter.apply(collect(agenda_filter.start, agenda_filter.end)) if item.kind != KIND_SHIFT]
    by_day = dict(group_by_day(items))
    days = []
    for offset in range(7):
        day = first + timedelta(days=offset)
        day_items = by_day.get(day, [])
        days.append((day, day_items[:POSTER_ITEMS_PER_DAY], max(0, len(day_items) - POSTER_ITEMS_PER_DAY)))
    return page.render(
        request,
        template="agenda/poster.html",
        context_overrides={
            "agenda_filter": agenda_filter,
            "days": days,
            "previous_query": agenda_filter.previous().query_string(),
            "next_query": agenda_filter.next().query_string(),
        },
    )


def screen(request, page):
    """Today and tomorrow in large type for the screen in the community centre."""
    current = today()
    start = datetime.combine(current, time.min, tzinfo=LOCAL_TZ)
    items = collect(start, start + timedelta(days=2))
    now = timezone.now()
    visible = [item for item in items if (item.end or item.start + timedelta(hours=1)) > now]
    return page.render(
        request,
        template="agenda/screen.html",
        context_overrides={
            "now": now,
            "on_now": [item for item in visible if is_on_now(item, now)],
            "days": group_by_day([item for item in visible if not is_on_now(item, now)]),
            "today": current,
        },
    )


def unique_slug(parent, title, day):
    base = slugify(f"{title} {day.isoformat()}")[:60] or "activiteit"
    taken = set(parent.get_children().filter(slug__startswith=base).values_list("slug", flat=True))
    slug, number = base, 2
    while slug in taken:
        slug, number = f"{base}-{number}", number + 1
    return slug


@login_required
@ratelimit(key="ip", rate=send_rate("20/h"), method="POST", block=True)
def add_activity(request, page):
    form = ActivityForm(request.POST or None)
    readability = report_if_checked(request, form, fields=("description",))
    if readability is None and request.method == "POST" and form.is_valid():
        activity = ActivityPage(slug=unique_slug(page, form.cleaned_data["title"], form.cleaned_data["date"]))
        form.apply(activity)
        submit_for_review(activity, request.user, parent=page)
        messages.success(request, _("Dank u wel! De redactie kijkt naar uw activiteit. Daarna staat die in de agenda."))
        return redirect("my_contributions")
    context = {"form": form, "editing": None, "readability": readability}
    return page.render(request, template="agenda/activity_form.html", context_overrides=context)


@login_required
@ratelimit(key="ip", rate=send_rate("20/h"), method="POST", block=True)
def edit_activity(request, page, page_id):
    activity = ActivityPage.objects.filter(pk=page_id, owner=request.user).first()
    if activity is None:
        raise Http404(_("Deze activiteit kunt u niet aanpassen."))
    activity = activity.get_latest_revision_as_object()
    form = ActivityForm(request.POST or None, initial=ActivityForm.initial_from(activity))
    readability = report_if_checked(request, form, fields=("description",))
    if readability is None and request.method == "POST" and form.is_valid():
        form.apply(activity)
        submit_for_review(activity, request.user)
        messages.success(request, _("Dank u wel! De redactie kijkt naar uw wijziging."))
        return redirect("my_contributions")
    context = {"form": form, "editing": activity, "readability": readability}
    return page.render(request, template="agenda/activity_form.html", context_overrides=context)
