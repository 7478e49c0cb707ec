"""
`make screenshots`: pictures of the site for people who look before they read.

Serves the site on a free port with a fresh SQLite database and the demo content, and writes into
docs/screenshots/ the main pages at 1280 and 375 px wide (`<name>-1280.png`, `<name>-375.png`), the
screen of the community centre at 1920x1080 (`scherm-1920.png`) and the weekly poster (`poster.pdf`).
A long page is cut at three screens and the PNGs get a 256-colour palette, so they stay small in git.
Addresses the pages print (the screen's QR code) follow BASE_URL, by default that of `make run`.
"""

import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "docs" / "screenshots"
SCREEN_HEIGHTS = {1280: 800, 375: 812}  # page width: the height of one screen
SCREENS = 3


def main():
    with tempfile.TemporaryDirectory(prefix="wijk-screenshots-") as tmp:
        port = free_port()
        base_url = f"http://127.0.0.1:{port}"
        os.environ.pop("REDIS_URL", None)  # the embedded default: nothing shared with a running site
        os.environ.update(
            DJANGO_SETTINGS_MODULE="wijkplatform.settings.dev",
            DATABASE_URL=f"sqlite:///{tmp}/site.sqlite3",
            MEDIA_ROOT=f"{tmp}/media",
            DEBUG="1",  # static files straight from static/, without collectstatic
            RATELIMIT_ENABLE="0",
        )
        sys.path.insert(0, str(ROOT))
        import django
        from django.core.management import call_command

        django.setup()
        from django.conf import settings

        settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"  # the seed's mails, not on the terminal
        call_command("migrate", "--noinput", verbosity=0)
        call_command("seed_demo", stdout=open(os.devnull, "w"))
        pages = main_pages()

        log = open(Path(tmp) / "server.log", "w")
        daphne = Path(sys.executable).with_name("daphne")
        server = subprocess.Popen(
            [str(daphne), "--bind", "127.0.0.1", "--port", str(port), "wijkplatform.asgi:application"],
            cwd=ROOT,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        try:
            wait_until_serving(base_url)
            OUT.mkdir(parents=True, exist_ok=True)
            photograph(base_url, pages)
        finally:
            server.terminate()
            server.wait(timeout=10)


def main_pages():
    """(file name, path, demo account or "") for the pages a newcomer looks at first."""
    from urllib.parse import urlsplit

    from django.urls import reverse
    from django.utils import timezone

    from agenda.models import ActivityPage
    from dropins.models import DropInPage
    from initiatives.models import InitiativePage, Shift
    from stories.models import StoryPage

    def first(queryset):
        return urlsplit(queryset.live().order_by("path").first().url).path

    activity = ActivityPage.objects.filter(date__gte=timezone.localdate()).order_by("date", "start_time", "path")
    shifts = Shift.objects.shown().filter(initiative__live=True).order_by("start", "pk")
    shift = next(shift for shift in shifts if shift.open_for_signup)
    return [
        ("home", "/", ""),
        ("agenda", "/agenda/", ""),
        ("activiteit", urlsplit(activity.live().first().url).path, ""),
        ("verhalen", "/verhalen/", ""),
        ("verhaal", first(StoryPage.objects.filter(main_image__isnull=False)), ""),
        ("initiatieven", "/initiatieven/", ""),
        ("initiatief", first(InitiativePage.objects.all()), ""),
        ("aanmelden-dienst", reverse("initiatives:signup", args=[shift.pk]), ""),
        ("inloop", "/inloop/", ""),
        ("spreekuur", first(DropInPage.objects.all()), ""),
        ("wie-doet-wat", "/wie-doet-wat/", ""),
        ("zoeken", reverse("search") + "?q=koffie", ""),
        ("inloggen", reverse("account_login"), ""),
        ("verhaal-insturen", reverse("stories:submit"), "bewoner"),
        ("mijn-bijdragen", reverse("my_contributions"), "bewoner"),
        ("mijn-spreekuren", reverse("dropins:manage"), "professional"),
    ]


def photograph(base_url, pages):
    from playwright.sync_api import sync_playwright

    from home.seed import DEMO_PASSWORD
    from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS, login

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        options = {"base_url": base_url, "locale": "nl-NL", "timezone_id": "Europe/Amsterdam"}
        for width, height in SCREEN_HEIGHTS.items():
            tabs = {}
            for name, path, user in pages:
                if user not in tabs:
                    tabs[user] = browser.new_context(viewport={"width": width, "height": height}, **options).new_page()
                    if user:
                        login(tabs[user], user, DEMO_PASSWORD)
                tab = tabs[user]
                tab.goto(path)
                full_height = tab.evaluate("document.documentElement.scrollHeight")
                clip = {"x": 0, "y": 0, "width": width, "height": min(full_height, SCREENS * height)}
                save_png(tab.screenshot(full_page=True, clip=clip, scale="css"), OUT / f"{name}-{width}.png")
            for tab in tabs.values():
                tab.context.close()

        context = browser.new_context(viewport={"width": 1920, "height": 1080}, **options)
        tab = context.new_page()
        tab.goto("/agenda/scherm/")
        save_png(tab.screenshot(scale="css"), OUT / "scherm-1920.png")
        tab.goto("/agenda/poster/")
        tab.pdf(path=OUT / "poster.pdf", format="A4", print_background=True, prefer_css_page_size=True)
        context.close()
        browser.close()
    print(f"Screenshots in {OUT.relative_to(ROOT)}/: {len(pages) * len(SCREEN_HEIGHTS)} pages, the screen and the poster.")


def save_png(data, path):
    """A 256-colour PNG: text and flat colours stay sharp, at a fraction of the size."""
    import io

    from PIL import Image

    Image.open(io.BytesIO(data)).convert("RGB").quantize(colors=256).save(path, optimize=True)


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_until_serving(base_url, seconds=60):
    deadline = time.monotonic() + seconds
    while True:
        try:
            urllib.request.urlopen(f"{base_url}/healthz/", timeout=5).close()
            return
        except (urllib.error.URLError, ConnectionError):
            if time.monotonic() > deadline:
                raise SystemExit(f"The demo site did not start on {base_url} within {seconds} seconds.")
            time.sleep(0.5)


if __name__ == "__main__":
    main()
