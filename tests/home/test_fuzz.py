"""
Whatever a visitor sends, the site never answers with a server error: a wrong value is a message, a 400 or a
404. Property-based (hypothesis) over every public URL's query string and path segments and every public form.

What is fuzzed is read from the site itself, so a new page type, route or form is covered without a change
here: one live page of each type from the page tree with the routes of routable pages, the URL patterns
outside the admin, and the forms on those pages (their field names, options and file inputs). Runs with a
fixed seed (derandomize), so a failure comes back the same every run; hypothesis prints the falsifying example.
"""

import os
import re
from datetime import date, timedelta
from html.parser import HTMLParser
from urllib.parse import quote, quote_from_bytes, urlsplit

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import transaction
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.resolvers import RegexPattern
from hypothesis import HealthCheck, example, given, note
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from taggit.models import Tag
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import Page

from initiatives.models import Activity, Shift, Signup
from tests.helpers import image_bytes
from wijkplatform.themes import Theme

pytestmark = pytest.mark.django_db


def fuzz(examples):
    return hypothesis_settings(
        max_examples=examples,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )


# Parameter names the views read, besides the names of the fields of each page's GET forms.
KNOWN_PARAMETERS = [
    "thema", "plek", "periode", "datum", "van", "tot", "soort", "gratis", "toegankelijk", "pagina", "q",
    "dag", "nu_open", "item", "next", "id", "lang", "language",
]  # fmt: skip

TOO_BIG_FOR_THE_DATABASE = str(2**63)  # SQLite's integers end just below it

# Paths no visitor uses as such: the admin (its own test suites), logging out, and uploads (tested elsewhere).
NOT_FUZZED = ("admin/", "media/", "account/logout/", "account/verwijderen/")

# Forms behind a login, beside those on the public pages.
RESIDENT_FORM_PAGES = ("/verhalen/insturen/", "/initiatieven/nieuw/", "/account/mijn-bijdragen/")
PROFESSIONAL_FORM_PAGES = ("/inloop/mijn-spreekuren/", "/inloop/mijn-spreekuren/nieuw/")

# Where a URL pattern is someone's own area, its segments are fuzzed as the demo account that owns content there.
OWNERS = {
    "inloop/mijn-spreekuren/": "professional",
    "verhalen/insturen/": "bewoner",
    "initiatieven/beheer/": "bewoner",
    "account/mijn-": "bewoner",
}

text = st.text(st.characters(exclude_categories=("Cs",)), max_size=40)
odd_values = st.sampled_from(
    [
        "", " ", "0", "-1", "1e309", "NaN", "inf", "9" * 40, "-" + "9" * 40, "0001-01-01", "9999-12-31",
        "10000-01-01", "2026-02-30", "2026-13-01", "2026-1-1", "0000-00-00", "../../etc/passwd", "//evil.example",
        "http://evil.example/", "javascript:alert(1)", "<script>", "' OR 1=1 --", "%", "%00", "\x00", "\u202e",
        "\ufeff", "𝔘𝔫𝔦𝔠𝔬𝔡𝔢", "ǅ", "ß" * 300, "a" * 5000, "maand", "week", "dag", "ja", "on", "1", "bewoners",
    ]
)  # fmt: skip
values = st.one_of(
    odd_values,
    text,
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
    st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31)).map(date.isoformat),
)


def query_strings(names):
    """Query strings with known and made-up names, repeated names, and bytes that are no UTF-8."""
    pair = st.tuples(st.one_of(st.sampled_from(names), text), values).map(
        lambda pair: quote(pair[0], safe="") + "=" + quote(pair[1], safe="")
    )
    raw = st.tuples(st.sampled_from(names), st.binary(max_size=12)).map(
        lambda pair: pair[0] + "=" + quote_from_bytes(pair[1], safe="")
    )
    return st.lists(st.one_of(pair, raw), max_size=6).map("&".join)


# Reading the site ------------------------------------------------------------------------------------------------


class FormParser(HTMLParser):
    """The forms of a page: method, action and fields (name, type, rendered value, options); and its links."""

    def __init__(self):
        super().__init__()
        self.forms = []
        self.links = set()
        self.in_form = False
        self.select = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "a" and attrs.get("href"):
            self.links.add(urlsplit(attrs["href"]).path)
        if tag == "form":
            self.in_form = True
            self.forms.append(
                {"method": (attrs.get("method") or "get").lower(), "action": attrs.get("action") or "", "fields": {}}
            )
            return
        if not self.in_form:
            return
        fields = self.forms[-1]["fields"]
        name = attrs.get("name")
        if tag in ("input", "textarea", "select", "button") and name:
            kind = tag if tag in ("textarea", "select") else (attrs.get("type") or "text").lower()
            field = fields.setdefault(name, {"type": kind, "options": []})
            if tag != "select" and attrs.get("value") is not None:
                field["options"].append(attrs["value"])
            self.select = field if tag == "select" else None
        elif tag == "option" and self.select is not None and attrs.get("value") is not None:
            self.select["options"].append(attrs["value"])

    def handle_endtag(self, tag):
        if tag == "select":
            self.select = None
        elif tag == "form":
            self.in_form = False


def read_page(client, url):
    """The forms (with their action as a path) and the links on the page at `url`."""
    response = client.get(url)
    if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
        return [], set()
    parser = FormParser()
    parser.feed(response.content.decode())
    for form in parser.forms:
        form["action"] = urlsplit(form["action"]).path or urlsplit(url).path
    return parser.forms, parser.links


def pattern_templates(resolver=None, prefix=""):
    """
    Every URL pattern as a list of literal text and parameters (name, "int" or "str"); Wagtail's
    catch-all page route is left to the page tree.
    """
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            yield from pattern_templates(entry, prefix + _route(entry.pattern))
        elif isinstance(entry, URLPattern) and entry.name != "wagtail_serve":
            yield _parts(prefix + _route(entry.pattern))


def _route(pattern):
    if isinstance(pattern, RegexPattern):
        regex = pattern._regex.lstrip("^").rstrip("$")
        groups = iter(range(100))
        return re.sub(
            r"\((?:\?P<(\w+)>)?([^)]*)\)",
            lambda m: "<%s:%s>" % ("int" if "\\d" in m[2] else "str", m[1] or f"group{next(groups)}"),
            regex,
        )
    return str(pattern)


def _parts(route):
    pieces = re.split(r"<(?:(\w+):)?(\w+)>", route)
    parts = [pieces[0].replace("\\", "")]
    for index in range(1, len(pieces), 3):
        converter, name, literal = pieces[index : index + 3]
        parts += [(name, "int" if converter in ("int", "id") else "str"), literal.replace("\\", "")]
    return parts


class Site:
    """What there is to fuzz on the seeded demo site."""

    def __init__(self):
        users = get_user_model().objects
        self.clients = {None: Client()}
        for username in set(OWNERS.values()):
            self.clients[username] = Client()
            self.clients[username].force_login(users.get(username=username))

        by_type = {}
        for page in Page.objects.live().public().filter(depth__gt=1).specific().order_by("path"):
            if page.url:
                by_type.setdefault(type(page), page)
        self.pages = []
        for page in by_type.values():
            self.pages.append(page.url)
            if isinstance(page, RoutablePageMixin):
                for route in page.get_resolver().url_patterns:
                    if "<" not in str(route.pattern) and str(route.pattern):
                        self.pages.append(page.url + str(route.pattern))

        self.patterns = [
            parts for parts in pattern_templates() if not parts[0].startswith(NOT_FUZZED) and len(parts) > 1
        ]
        self.plain_urls = [
            "/" + parts[0]
            for parts in pattern_templates()
            if len(parts) == 1 and not parts[0].startswith(NOT_FUZZED) and parts[0] != ""
        ]

        self.known_ids = [
            *Page.objects.order_by("pk").values_list("pk", flat=True)[:50],
            *Shift.objects.values_list("pk", flat=True)[:20],
            *Activity.objects.values_list("pk", flat=True)[:20],
        ]
        self.known_words = [
            *(theme.value for theme in Theme),
            *Tag.objects.values_list("slug", flat=True)[:20],
            *(signup.cancel_token for signup in Signup.objects.all()[:3]),
            date.today().isoformat(),
            "2026-12-07",
        ]

        self.forms = {}
        self.parameters = {}
        form_pages = [(None, url) for url in self.pages + self.plain_urls]
        form_pages += [("bewoner", url) for url in RESIDENT_FORM_PAGES]
        form_pages += [("bewoner", url + "toevoegen/") for url in self.pages if url.endswith("/agenda/")]
        form_pages += [("professional", url) for url in PROFESSIONAL_FORM_PAGES]
        seen = set()
        for username, url in form_pages:
            forms, links = read_page(self.clients[username], url)
            # One level deeper into someone's own area: the pages with a form per shift, activity or drop-in hour.
            for link in links:
                kind = (username, re.sub(r"\d+", "0", link))
                if username and link.startswith(tuple("/" + prefix for prefix in OWNERS)) and kind not in seen:
                    seen.add(kind)
                    form_pages.append((username, link))
            for form in forms:
                if form["method"] == "get":
                    self.parameters.setdefault(urlsplit(url).path, set()).update(form["fields"])
                elif not form["action"].startswith(tuple("/" + path for path in NOT_FUZZED)):
                    key = (username, re.sub(r"\d+", "0", form["action"]), tuple(sorted(form["fields"])))
                    self.forms.setdefault(key, (self.clients[username], form))

    def client_for(self, path):
        return self.clients[next((user for prefix, user in OWNERS.items() if path.startswith(prefix)), None)]


@pytest.fixture(scope="module")
def demo_site(django_db_setup, django_db_blocker):
    """
    The demo content loaded once for this module, in a transaction rolled back at its end. Each test runs in a
    savepoint inside it (pytest-django's own), so what one test posts is gone before the next.
    """
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("seed_demo", stdout=open(os.devnull, "w"))
        yield Site()
        transaction.set_rollback(True)


@pytest.fixture
def site(demo_site, settings):
    settings.RATELIMIT_ENABLE = False
    settings.ACCOUNT_RATE_LIMITS = False
    return demo_site


def assert_no_server_error(response, what):
    assert response.status_code < 500, f"{what} gave {response.status_code}"


# The tests -------------------------------------------------------------------------------------------------------


def test_the_site_gives_enough_to_fuzz(site):
    """If reading the site silently found nothing, the fuzz tests below would pass without testing anything."""
    assert len(site.pages) >= 10
    assert any(url.endswith("/scherm/") for url in site.pages)
    assert len(site.patterns) >= 15
    actions = {action for _, action, _ in site.forms}
    assert {"/verhalen/insturen/", "/initiatieven/nieuw/", "/account/login/", "/account/signup/"} <= actions
    assert any("/aanmelden/" in action for action in actions)
    assert any(action.startswith("/verhalen/melden/") for action in actions)
    assert "/inloop/mijn-spreekuren/nieuw/" in actions
    assert any(action.startswith("/initiatieven/beheer/") for action in actions)
    assert "q" in site.parameters["/zoeken/"]


def test_every_public_page_takes_any_query_string(site):
    """Each page type, page route and URL without parameters, with known and made-up parameters."""
    for url in site.pages + site.plain_urls:
        names = sorted(set(KNOWN_PARAMETERS) | site.parameters.get(url, set()))
        client = site.client_for(url.lstrip("/"))

        @fuzz(12)
        @given(query=query_strings(names))
        @example(query="periode=maand&datum=9999-12-31")
        @example(query="van=0001-01-01&tot=9999-12-31")
        @example(query="pagina=" + "9" * 40)
        @example(query="q=" + "%ff%fe" * 30)
        def get_with(query):
            note(url)
            assert_no_server_error(client.get(url + "?" + query), url + "?" + query)

        get_with()


def test_every_url_pattern_takes_any_path_segment(site):
    """Each URL pattern with ids, slugs, dates and tokens that exist, and ones that cannot, by GET and POST."""
    integers = st.one_of(st.sampled_from(site.known_ids), st.integers(min_value=0, max_value=10**40)).map(str)
    words = st.one_of(st.sampled_from(site.known_words), text.filter(lambda word: "/" not in word and word))
    for parts in site.patterns:
        client = site.client_for(parts[0])
        parameters = [part for part in parts if isinstance(part, tuple)]
        segments = [integers if kind == "int" else words for _, kind in parameters]

        @fuzz(10)
        @given(st.tuples(*segments))
        @example(tuple(TOO_BIG_FOR_THE_DATABASE if kind == "int" else "x" for _, kind in parameters))
        def get_with(values):
            it = iter(values)
            path = "/" + "".join(part if isinstance(part, str) else quote(next(it), safe="") for part in parts)
            note(path)
            assert_no_server_error(client.get(path), path)
            assert_no_server_error(client.post(path, {"next": values[-1]}), "POST " + path)

        get_with()


def field_values(field):
    """Values for one form field: mostly what the form offers, often anything at all."""
    kind, options = field["type"], field["options"]
    typed = {
        "email": st.sampled_from(["naam@voorbeeld.nl", "a@b", "@", "x" * 300 + "@voorbeeld.nl"]),
        "date": st.one_of(
            st.dates(min_value=date.today(), max_value=date.today() + timedelta(days=400)),
            st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31)),
        ).map(date.isoformat),
        "time": st.sampled_from(["10:00", "23:59", "24:00", "9:5", "00:00:00.000001"]),
        "number": st.integers(min_value=-(10**30), max_value=10**30).map(str),
    }
    choices = [st.sampled_from(options)] if options else []
    return st.one_of(*choices, typed.get(kind, text), values)


files = st.one_of(
    st.binary(max_size=200),
    st.sampled_from([image_bytes("PNG"), image_bytes("GIF")]),
    st.binary(max_size=100).map(lambda tail: b"\x89PNG\r\n\x1a\n" + tail),
    st.binary(max_size=100).map(lambda tail: b"\xff\xd8\xff\xe0" + tail),
)
file_names = st.one_of(st.sampled_from(["foto.jpg", "foto.png", "foto.gif", "foto", ".jpg", "a" * 300 + ".png"]), text)


BROKEN_JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 20  # the first bytes of a JPEG, then nothing Pillow can read


def as_rendered(fields, files):
    """The form as the page shows it, with `files` as the content of every file field."""
    data = {
        name: field["options"][0]
        for name, field in fields.items()
        if field["options"] and field["type"] not in ("file", "submit", "button")
    }
    data.update({name: SimpleUploadedFile("foto.jpg", files) for name in fields if fields[name]["type"] == "file"})
    return data


@st.composite
def form_data(draw, fields):
    """A POST for a form with these `fields`, plus a few fields it does not have."""
    data = {}
    for name, field in fields.items():
        if field["type"] in ("submit", "button") and draw(st.booleans()):
            continue
        if draw(st.integers(0, 9)) == 0:
            continue  # left out
        if field["type"] == "file":
            data[name] = SimpleUploadedFile(draw(file_names) or "foto.jpg", draw(files))
        elif field["type"] == "checkbox" and len(field["options"]) > 1:
            data[name] = draw(st.lists(st.sampled_from(field["options"]), max_size=len(field["options"])))
        elif name == "website":  # the honeypot: a filled one is already a refusal
            data[name] = draw(st.sampled_from(["", "", "x"]))
        else:
            data[name] = draw(field_values(field))
    data.update(draw(st.dictionaries(text, values, max_size=2)))
    return data


def test_every_public_form_takes_any_values(site):
    """Each form found, posted with what it offers, anything at all, fields left out and files of garbage."""
    for client, form in site.forms.values():
        action = form["action"]

        @fuzz(15)
        @given(data=form_data(form["fields"]))
        @example(data=as_rendered(form["fields"], files=BROKEN_JPEG))
        def post(data):
            note(action)
            note({name: (value.name, value.read()) for name, value in data.items() if hasattr(value, "read")})
            for value in data.values():
                if hasattr(value, "seek"):
                    value.seek(0)
            assert_no_server_error(client.post(action, data), "POST " + action)

        post()
