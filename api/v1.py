"""
Version 1 of the open agenda API: /api/v1/agenda/, /api/v1/initiatieven/ and /api/v1/inloop/, with the OpenAPI
schema at /api/v1/openapi.json (django-ninja builds it from api/schemas.py; its Swagger page, which loads
scripts from a CDN, is off: /api/ is our own docs page).

Each endpoint calls what its page calls: the agenda page's `agenda_context` with the same filters, the
initiatives' models and their `coming_shifts`, and the drop-in hours as the agenda collects them. Answers are
bounded: a page of items at a time and at most MAX_PAGE_DAYS days. Only what every visitor may see is given:
live, public pages, no shift the editors hid, and nothing about volunteers beyond the number of free places.
Caching, rate limit and CORS wrap every view (api/public.py).
"""

import copy
import re
from datetime import timedelta

from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import QueryDict
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from ninja import NinjaAPI, Query
from ninja.errors import ValidationError

from agenda.filters import ALL_WIJKEN, EARLIEST_YEAR, LATEST_YEAR, MAX_PAGE_DAYS, DayRange, today
from agenda.ical import UID_DOMAIN, location
from agenda.items import KIND_SHIFT
from agenda.models import LOCAL_TZ
from agenda.queries import agenda_context, collect, is_on_now
from api import schemas
from dropins.agenda import SOURCE as DROPINS
from initiatives.models import InitiativePage, Shift, coming_shifts
from places.models import Place
from wijkplatform.pages import public_urls
from wijkplatform.themes import Theme
from wijkplatform.wijken import current_site, in_wijk

INITIATIVES_PER_PAGE = 20  # as on /initiatieven/
DROPINS_PER_PAGE = 100
DROPIN_DAYS = 28  # the default window of /api/v1/inloop/
ERRORS = {422: schemas.Error, 429: schemas.Error}

api = NinjaAPI(
    title="Wij(k) de Ruwaard: open agenda",
    version="1",
    description=gettext_noop(
        "Alles wat er in de wijk gebeurt, als JSON: de agenda, de initiatieven met hun vrije plaatsen en de"
        " inloopspreekuren. Alleen lezen; vrij te gebruiken."
    ),
    urls_namespace="api:v1",
    docs_url=None,
)


class BadRequest(Exception):
    """A request with values the API cannot answer: a list of (parameter, message)."""

    def __init__(self, problems):
        super().__init__(problems)
        self.problems = problems


def error_response(request, problems):
    detail = _("Niet alle waarden in uw vraag kloppen. Kijk bij ‘errors’ wat er mis is.")
    errors = [{"parameter": parameter, "message": message} for parameter, message in problems]
    return api.create_response(request, {"detail": detail, "errors": errors}, status=422)


def hint(error):
    """What a value should look like, from the kind of pydantic error."""
    kind, context = error.get("type", ""), error.get("ctx") or {}
    if kind.startswith("date"):
        return _("Schrijf een datum zo: %(example)s.") % {"example": today().isoformat()}
    if kind == "literal_error":
        choices = re.findall(r"'([^']*)'", str(context.get("expected", "")))
        return _("Kies een van deze: %(choices)s.") % {"choices": ", ".join(choices)}
    if kind == "bool_parsing":
        return _("Schrijf ja of nee.")
    if kind == "greater_than_equal":
        return _("Kies %(number)s of een hoger getal.") % {"number": context.get("ge")}
    if kind == "less_than_equal":
        return _("Kies %(number)s of een lager getal.") % {"number": context.get("le")}
    if kind.startswith("int"):
        return _("Schrijf een heel getal, zoals 1.")
    return _("Kijk op /api/ welke waarden kunnen.")


@api.exception_handler(ValidationError)
def invalid_parameters(request, exc):
    """django-ninja's check of the parameters, in plain Dutch per parameter."""
    problems = {}
    for error in exc.errors:
        parameter = str(error.get("loc", ["?"])[-1])
        value = request.GET.get(parameter, "")[:40]
        problems[parameter] = _("‘%(value)s’ kan niet bij ‘%(parameter)s’.") % {"value": value, "parameter": parameter}
        problems[parameter] += " " + hint(error)
    return error_response(request, list(problems.items()))


@api.exception_handler(BadRequest)
def bad_request(request, exc):
    return error_response(request, exc.problems)


# Checks beyond the types: the agenda's own limits


def check_years(problems, **days):
    for parameter, day in days.items():
        if day is not None and not EARLIEST_YEAR <= day.year <= LATEST_YEAR:
            message = _("Kies een datum tussen %(first)s en %(last)s.") % {"first": EARLIEST_YEAR, "last": LATEST_YEAR}
            problems.append((parameter, message))


def check_range(problems, first, last):
    if last < first:
        problems.append(("tot", _("De einddatum ligt voor de begindatum.")))
    elif (last - first).days + 1 > MAX_PAGE_DAYS:
        problems.append(("tot", _("U kunt hoogstens %(days)s dagen tegelijk opvragen.") % {"days": MAX_PAGE_DAYS}))


def check_place(problems, place_id):
    if place_id is not None and not Place.objects.live().filter(pk=place_id).exists():
        problems.append(("plek", _("Deze plek kennen we niet. Het nummer staat bij ‘place.id’ in de antwoorden.")))


def raise_if(problems):
    if problems:
        raise BadRequest(problems)


def page_of(request, paginator, number):
    """The page asked for, with links to the pages around it; a number past the last is a bad request."""
    if number > paginator.num_pages:
        raise BadRequest(
            [("pagina", _("Deze pagina bestaat niet. Er zijn %(pages)s pagina's.") % {"pages": paginator.num_pages})]
        )
    page = paginator.page(number)

    def link(other):
        query = request.GET.copy()
        query["pagina"] = other
        return request.build_absolute_uri(f"{request.path}?{query.urlencode()}")

    return page, {
        "count": paginator.count,
        "page": number,
        "pages": paginator.num_pages,
        "next": link(number + 1) if page.has_next() else None,
        "previous": link(number - 1) if page.has_previous() else None,
    }


def absolute(request, url):
    return url if url.startswith(("http://", "https://")) else request.build_absolute_uri(url)


def wijk(request, query):
    """The wijk (Wagtail Site) of the request's host, or None for all of Oss (`wijken=alle`)."""
    return None if query.wijken == ALL_WIJKEN else current_site(request)


def place_out(pk, name, address, accessible):
    if not (pk or name or address):
        return None
    return {"id": pk, "name": name, "address": address, "accessible": accessible}


# Endpoints


@api.get(
    "/agenda/",
    response={200: schemas.AgendaOut, **ERRORS},
    summary=gettext_noop("De agenda"),
    description=gettext_noop(
        "Alles wat er op de gekozen dagen gebeurt: activiteiten van bewoners en initiatieven, diensten waar nog hulp"
        " voor nodig is en inloopspreekuren. Met dezelfde filters als de agendapagina (/agenda/) en dezelfde velden"
        " als de .ics-feed. 60 per pagina, hoogstens 62 dagen tegelijk."
    ),
    openapi_extra={"x-example": "/api/v1/agenda/?periode=week&soort=vrijwilligers"},
)
def agenda(request, query: Query[schemas.AgendaQuery]):
    problems = []
    check_years(problems, datum=query.datum, van=query.van, tot=query.tot)
    if not problems and (query.van or query.tot):
        first = query.van or today()
        check_range(problems, first, query.tot or first + timedelta(days=6))
    check_place(problems, query.plek)
    raise_if(problems)

    # The agenda page's own context, from the checked values written the way the page reads them.
    params = QueryDict(mutable=True)
    for name in ("periode", "datum", "van", "tot", "thema", "soort", "plek", "wijken"):
        value = getattr(query, name)
        if value is not None:
            params[name] = str(value)
    for name in ("gratis", "toegankelijk"):
        if getattr(query, name):
            params[name] = "1"
    page_request = copy.copy(request)
    page_request.GET = params
    context = agenda_context(page_request)
    agenda_filter = context["agenda_filter"]
    raise_if([("", message) for message in agenda_filter.messages])

    page, links = page_of(request, context["page_obj"].paginator, query.pagina)
    themes = dict(Theme.choices)
    return {
        **links,
        "first_day": agenda_filter.first_day,
        "last_day": agenda_filter.last_day,
        "period": agenda_filter.period or None,
        "items": [
            {
                "uid": f"{item.uid}@{UID_DOMAIN}",
                "kind": item.kind,
                "title": item.title,
                "start": item.start.astimezone(LOCAL_TZ),
                "end": item.end.astimezone(LOCAL_TZ) if item.end else None,
                "url": absolute(request, item.url),
                "description": item.description,
                "organiser": item.organiser,
                "how_to_join": item.how_to_join,
                "location": location(item),
                "place": place_out(item.place_id, item.place_name, item.place_address, item.accessible),
                "status": "cancelled" if item.cancelled else "confirmed",
                "cancelled": item.cancelled,
                "cancel_reason": item.cancel_reason,
                "themes": list(item.themes),
                "categories": [str(themes.get(theme, theme)) for theme in item.themes],
                "by_professionals": item.by_professionals,
                "free": item.free,
                "costs": item.costs,
                "seats_left": item.seats_left if item.kind == KIND_SHIFT else None,
            }
            for item in page.object_list
        ],
    }


def shift_status(shift):
    if shift.cancelled:
        return "cancelled"
    if shift.has_started:
        return "started"
    if shift.closed:
        return "closed"
    return "full" if shift.is_full else "open"


def place_of(place):
    return place_out(place.pk, place.name, place.address, place.wheelchair_access) if place else None


@api.get(
    "/initiatieven/",
    response={200: schemas.InitiativesOut, **ERRORS},
    summary=gettext_noop("Initiatieven en hun diensten"),
    description=gettext_noop(
        "De initiatieven van bewoners in deze wijk, de nieuwste eerst, met de diensten die nog komen en hoeveel"
        " plaatsen daar nog vrij zijn. Namen van vrijwilligers staan er niet in. 20 per pagina."
    ),
    openapi_extra={"x-example": "/api/v1/initiatieven/?thema=buurt"},
)
def initiatives(request, query: Query[schemas.InitiativesQuery]):
    initiatives = (
        in_wijk(InitiativePage.objects.live().public(), wijk(request, query))
        .select_related("place")
        .prefetch_related("themes", Prefetch("shifts", queryset=coming_shifts(Shift.objects.all()), to_attr="coming"))
        .order_by("-first_published_at", "pk")
    )
    if query.thema:
        initiatives = initiatives.filter(themes__theme=query.thema)
    page, links = page_of(request, Paginator(initiatives, INITIATIVES_PER_PAGE), query.pagina)
    urls = public_urls(page.object_list)
    items = []
    for initiative in page.object_list:
        url = absolute(request, urls[initiative.pk])
        items.append(
            {
                "id": initiative.pk,
                "title": initiative.title,
                "aim": initiative.aim,
                "description": initiative.description,
                "url": url,
                "organiser": initiative.organiser_name,
                "location": ", ".join(part for part in (getattr(initiative.place, "name", ""), initiative.place_note) if part),
                "place": place_of(initiative.place),
                "themes": initiative.theme_values,
                "shifts": [
                    {
                        "id": shift.pk,
                        "task": shift.task,
                        "note": shift.note,
                        "start": shift.start.astimezone(LOCAL_TZ),
                        "end": shift.end.astimezone(LOCAL_TZ),
                        "location": shift.place_text,
                        "place": place_of(shift.place or initiative.place),
                        "capacity": shift.capacity,
                        "seats_left": shift.seats_left,
                        "status": shift_status(shift),
                        "open_for_signup": shift.open_for_signup and not shift.is_full,
                        "url": f"{url}#shift{shift.pk}-title",
                    }
                    for shift in initiative.coming
                ],
            }
        )
    return {**links, "items": items}


@api.get(
    "/inloop/",
    response={200: schemas.DropinsOut, **ERRORS},
    summary=gettext_noop("Inloopspreekuren"),
    description=gettext_noop(
        "Elke keer dat er een inloopspreekuur is, in de gekozen dagen (zonder keuze: vier weken vanaf vandaag),"
        " ook als het deze keer niet doorgaat (status ‘cancelled’). Zoals in de agenda. 100 per pagina, hoogstens"
        " 62 dagen tegelijk."
    ),
    openapi_extra={"x-example": "/api/v1/inloop/?thema=geld&dag=1"},
)
def dropins(request, query: Query[schemas.DropinsQuery]):
    problems = []
    check_years(problems, van=query.van, tot=query.tot)
    first = query.van or today()
    last = query.tot or first + timedelta(days=DROPIN_DAYS - 1)
    if not problems:
        check_range(problems, first, last)
    check_place(problems, query.plek)
    raise_if(problems)

    # The drop-in hours as the agenda has them: the same occurrences, wijken and cancellations.
    days, now = DayRange(first, last), timezone.now()
    items = collect(days.start, days.end, sources=[DROPINS], site=wijk(request, query))
    if query.thema:
        items = [item for item in items if query.thema in item.themes]
    if query.plek:
        items = [item for item in items if item.place_id == query.plek]
    if query.dag is not None:
        items = [item for item in items if item.start.astimezone(LOCAL_TZ).weekday() == query.dag]
    if query.nu_open:
        items = [item for item in items if is_on_now(item, now)]
    page, links = page_of(request, Paginator(items, DROPINS_PER_PAGE), query.pagina)
    return {
        **links,
        "first_day": days.first_day,
        "last_day": days.last_day,
        "items": [
            {
                "uid": f"{item.uid}@{UID_DOMAIN}",
                "series_id": item.source_id,
                "title": item.title,
                "url": absolute(request, item.url),
                "organisation": item.organiser,
                "how_to_join": item.how_to_join,
                "themes": list(item.themes),
                "location": location(item),
                "place": place_out(item.place_id, item.place_name, item.place_address, item.accessible),
                "start": item.start.astimezone(LOCAL_TZ),
                "end": item.end.astimezone(LOCAL_TZ),
                "status": "cancelled" if item.cancelled else "open",
                "cancel_reason": item.cancel_reason,
                "open_now": is_on_now(item, now),
            }
            for item in page.object_list
        ],
    }
