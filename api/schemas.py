"""
What the API takes and gives, as pydantic schemas: django-ninja checks every request against them and
writes the OpenAPI schema (/api/v1/openapi.json) from them.

Query parameters have the Dutch names and values of the pages (`?periode=week&thema=geld`), so a link to
the agenda page works as a request to the API; the fields of the answers follow the .ics feed. Descriptions
are the schema's Dutch text; the docs page (/api/) shows them translated.
"""

from datetime import date, datetime
from typing import Annotated, Literal

from django.utils.translation import gettext_noop
from ninja import Field, Schema
from pydantic import BeforeValidator

from agenda.filters import ALL_WIJKEN, KIND_BY_PROFESSIONALS, KIND_BY_RESIDENTS, KIND_NEEDS_VOLUNTEERS, PERIODS, YES
from agenda.items import KIND_DROPIN, KIND_INITIATIVE, KIND_RESIDENT, KIND_SHIFT
from wijkplatform.themes import Theme

NO = ("0", "off", "nee", "")
MAX_PAGE = 100_000


def yes_or_no(value):
    """The page's check boxes send 1, on or ja; the API also takes 0, off and nee (and true/false)."""
    if isinstance(value, str) and value.lower() in YES:
        return True
    if isinstance(value, str) and value.lower() in NO:
        return False
    return value


def blank_is_none(value):
    """The page's filter form sends an empty value for "all": the same as leaving the parameter out."""
    return None if value == "" else value


YesNo = Annotated[bool, BeforeValidator(yes_or_no)]
Blank = BeforeValidator(blank_is_none)
ThemeValue = Literal[tuple(Theme.values)]
Period = Literal[tuple(PERIODS)]
AllWijken = Literal[ALL_WIJKEN] | None
AgendaKind = Literal[KIND_BY_RESIDENTS, KIND_BY_PROFESSIONALS, KIND_NEEDS_VOLUNTEERS]

THEME = gettext_noop("Alleen dit thema.")
PLACE = gettext_noop("Alleen wat op deze plek is: het nummer van de plek (`place.id` in de antwoorden).")
PAGE = gettext_noop("Welke pagina van de antwoorden (1 is de eerste).")
FIRST_DAY = gettext_noop("De eerste dag (JJJJ-MM-DD). Leeg: vandaag.")
WIJKEN = gettext_noop("alle: heel Oss. Leeg: alleen deze wijk en wat voor heel Oss is.")


class AgendaQuery(Schema):
    periode: Annotated[Period | None, Blank] = Field(
        None, description=gettext_noop("Een dag, week of maand. Zonder ‘datum’: vanaf vandaag. Leeg: deze week.")
    )
    datum: Annotated[date | None, Blank] = Field(
        None, description=gettext_noop("Een dag in de periode (JJJJ-MM-DD): dan de hele periode.")
    )
    van: Annotated[date | None, Blank] = Field(None, description=FIRST_DAY)
    tot: Annotated[date | None, Blank] = Field(
        None, description=gettext_noop("De laatste dag (JJJJ-MM-DD), die telt mee. Leeg: een week na ‘van’.")
    )
    thema: Annotated[ThemeValue | None, Blank] = Field(None, description=THEME)
    soort: Annotated[AgendaKind | None, Blank] = Field(
        None,
        description=gettext_noop(
            "bewoners: wat bewoners organiseren; professionals: wat organisaties organiseren;"
            " vrijwilligers: diensten waar nog hulp voor nodig is."
        ),
    )
    plek: Annotated[int | None, Blank] = Field(None, ge=1, le=2_000_000_000, description=PLACE)
    gratis: YesNo = Field(False, description=gettext_noop("Alleen wat niets kost (ja of nee)."))
    toegankelijk: YesNo = Field(
        False, description=gettext_noop("Alleen wat toegankelijk is met een rolstoel (ja of nee).")
    )
    wijken: Annotated[AllWijken, Blank] = Field(None, description=WIJKEN)
    pagina: int = Field(1, ge=1, le=MAX_PAGE, description=PAGE)


class InitiativesQuery(Schema):
    thema: Annotated[ThemeValue | None, Blank] = Field(None, description=THEME)
    wijken: Annotated[AllWijken, Blank] = Field(None, description=WIJKEN)
    pagina: int = Field(1, ge=1, le=MAX_PAGE, description=PAGE)


class DropinsQuery(Schema):
    van: Annotated[date | None, Blank] = Field(None, description=FIRST_DAY)
    tot: Annotated[date | None, Blank] = Field(
        None, description=gettext_noop("De laatste dag (JJJJ-MM-DD), die telt mee. Leeg: vier weken na ‘van’.")
    )
    thema: Annotated[ThemeValue | None, Blank] = Field(None, description=THEME)
    plek: Annotated[int | None, Blank] = Field(None, ge=1, le=2_000_000_000, description=PLACE)
    dag: Annotated[int | None, Blank] = Field(
        None, ge=0, le=6, description=gettext_noop("Alleen op deze dag van de week: 0 is maandag, 6 is zondag.")
    )
    nu_open: YesNo = Field(False, description=gettext_noop("Alleen wat nu open is (ja of nee)."))
    wijken: Annotated[AllWijken, Blank] = Field(None, description=WIJKEN)
    pagina: int = Field(1, ge=1, le=MAX_PAGE, description=PAGE)


# Answers


class Problem(Schema):
    parameter: str
    message: str


class Error(Schema):
    detail: str
    errors: list[Problem] = []


class PlaceOut(Schema):
    id: int | None = Field(description="Het nummer van de plek; leeg bij een plek die niet in onze lijst staat.")
    name: str
    address: str
    accessible: bool = Field(description="Toegankelijk met een rolstoel.")


class Page(Schema):
    count: int = Field(description="Hoeveel er in totaal zijn, op alle pagina's.")
    page: int
    pages: int
    next: str | None = Field(description="De volgende pagina; leeg op de laatste.")
    previous: str | None = Field(description="De vorige pagina; leeg op de eerste.")


class AgendaItemOut(Schema):
    uid: str = Field(description="Dezelfde UID als in de .ics-feed.")
    kind: str = Field(description=f"{KIND_RESIDENT}, {KIND_INITIATIVE}, {KIND_SHIFT} of {KIND_DROPIN}.")
    title: str
    start: datetime
    end: datetime | None = Field(description="Leeg: er is geen eindtijd bekend.")
    url: str = Field(description="De pagina om meer te lezen of u aan te melden.")
    description: str
    organiser: str
    how_to_join: str
    location: str = Field(description="Plek en adres, zoals LOCATION in de .ics-feed.")
    place: PlaceOut | None
    status: Literal["confirmed", "cancelled"] = Field(description="Zoals STATUS in de .ics-feed.")
    cancelled: bool
    cancel_reason: str
    themes: list[str] = Field(description="Waarden zoals bij het filter ‘thema’.")
    categories: list[str] = Field(description="De namen van de thema's, zoals CATEGORIES in de .ics-feed.")
    by_professionals: bool
    free: bool
    costs: str
    seats_left: int | None = Field(description="Alleen bij diensten: hoeveel plaatsen er nog vrij zijn.")


class AgendaOut(Page):
    first_day: date
    last_day: date
    period: Period | None
    items: list[AgendaItemOut]


class ShiftOut(Schema):
    id: int
    task: str
    note: str
    start: datetime
    end: datetime
    location: str
    place: PlaceOut | None
    capacity: int
    seats_left: int
    status: Literal["open", "full", "closed", "started", "cancelled"]
    open_for_signup: bool
    url: str = Field(description="Waar u zich aanmeldt.")


class InitiativeOut(Schema):
    id: int
    title: str
    aim: str
    description: str
    url: str
    organiser: str
    location: str
    place: PlaceOut | None
    themes: list[str] = Field(description="Waarden zoals bij het filter ‘thema’.")
    shifts: list[ShiftOut] = Field(description="De diensten die nog komen, ook als ze vol zijn of niet doorgaan.")


class InitiativesOut(Page):
    items: list[InitiativeOut]


class DropinOut(Schema):
    uid: str = Field(description="Dezelfde UID als in de agenda en in de .ics-feed voor één keer.")
    series_id: int = Field(description="Het nummer van het spreekuur; elke keer heeft hetzelfde nummer.")
    title: str
    url: str
    organisation: str
    how_to_join: str
    themes: list[str] = Field(description="Waarden zoals bij het filter ‘thema’.")
    location: str
    place: PlaceOut | None
    start: datetime
    end: datetime
    status: Literal["open", "cancelled"]
    cancel_reason: str
    open_now: bool


class DropinsOut(Page):
    first_day: date
    last_day: date
    items: list[DropinOut]
