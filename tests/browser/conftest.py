"""
Browser tests: Playwright drives Debian's Chromium against the site served by
Daphne (ASGI, so WebSockets work) on the test database.

Tests here need `@pytest.mark.django_db(transaction=True, serialized_rollback=True)`:
the server is another process, so data must be committed, and the rollback
restores what migrations created (home page, groups, workflow).
"""

import os
import shutil
from functools import partial

import pytest
from django.db import connections

from tests.helpers import PASSWORD

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]

# Playwright's sync API keeps an event loop in this thread; the ORM calls the
# tests make around it are still plain synchronous code.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.hookimpl(tryfirst=True)  # before pytest-django sorts transactional tests last
def pytest_collection_modifyitems(config, items):
    reason = None
    if not shutil.which(CHROMIUM) and not os.path.exists(CHROMIUM):
        reason = f"browser tests skipped: {CHROMIUM} is not installed"
    else:
        try:
            import playwright.sync_api  # noqa: F401
        except ImportError:
            reason = "browser tests skipped: the playwright package is not installed"
    for item in items:
        if "browser" in item.keywords:
            item.add_marker(pytest.mark.django_db(transaction=True, serialized_rollback=True))
            if reason:
                item.add_marker(pytest.mark.skip(reason=reason))


def _serve():
    from channels.routing import get_default_application
    from django.contrib.staticfiles.handlers import ASGIStaticFilesHandler

    return ASGIStaticFilesHandler(get_default_application())


@pytest.fixture(scope="session")
def server_mail_dir(tmp_path_factory):
    """Where the served site writes its e-mail (one file per sent batch); read it with `server_mails`."""
    return tmp_path_factory.mktemp("server-mail")


def server_mails(mail_dir):
    """Every e-mail the served site has sent so far, oldest first, as `email.message.EmailMessage`s."""
    import email
    from email import policy

    messages = []
    for path in sorted(mail_dir.iterdir(), key=lambda path: path.stat().st_mtime_ns):
        for chunk in path.read_bytes().split(b"\n" + b"-" * 79 + b"\n"):
            if chunk.strip():
                messages.append(email.message_from_bytes(chunk, policy=policy.default))
    return messages


@pytest.fixture(scope="session")
def live_url(django_db_setup, django_db_blocker, server_mail_dir, tmp_path_factory):
    """The base URL of a Daphne server running the site on the test database."""
    from daphne.testing import DaphneProcess
    from django.conf import settings
    from django.test.utils import override_settings

    with django_db_blocker.unblock():
        connections.close_all()  # the forked server opens its own connections
    shared_cache = None
    if not settings.REDIS_URL:
        # The served site and the tests share one cache, as workers share Redis in production: a change a
        # test makes drops the server's cached pages and agenda items too.
        location = tmp_path_factory.mktemp("cache")
        files = {"BACKEND": "django.core.cache.backends.filebased.FileBasedCache"}
        shared_cache = override_settings(
            CACHES={
                "default": {**files, "LOCATION": str(location / "default")},
                "ratelimit": {**files, "LOCATION": str(location / "ratelimit")},
            }
        )
        shared_cache.enable()
    def setup():
        # The server is a fork of this process: let it use the test database, and
        # give it its own channel layers and sync-to-async worker thread (the
        # inherited ones belong to this process's event loops and threads).
        from concurrent.futures import ThreadPoolExecutor

        from asgiref.sync import SyncToAsync
        from channels.layers import channel_layers
        from django.conf import settings

        django_db_blocker.unblock()
        # Locmem mail would stay in the server process; files can be read by the tests.
        settings.EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
        settings.EMAIL_FILE_PATH = str(server_mail_dir)
        channel_layers.backends = {}
        SyncToAsync.single_thread_executor = ThreadPoolExecutor(max_workers=1)

    process = DaphneProcess("127.0.0.1", partial(_serve), setup=setup)
    process.start()
    if not process.ready.wait(timeout=30):
        process.terminate()
        raise RuntimeError("The test server did not start.")
    yield f"http://127.0.0.1:{process.port.value}"
    process.terminate()
    process.join(timeout=10)
    if shared_cache is not None:
        shared_cache.disable()


@pytest.fixture(scope="session")
def browser(django_db_setup):
    from playwright.sync_api import sync_playwright

    serialized = getattr(connections["default"], "_test_serialized_contents", None)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        # With Playwright's loop in this thread the ORM hands out a new connection
        # object; give it the snapshot that serialized rollback restores.
        if serialized is not None:
            connections["default"]._test_serialized_contents = serialized
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_url):
    context = browser.new_context(base_url=live_url, locale="nl-NL", timezone_id="Europe/Amsterdam")
    context.set_default_timeout(15_000)
    page = context.new_page()
    yield page
    context.close()


def login(page, username, password=PASSWORD):
    """Log in through the site's own login form."""
    page.goto("/account/login/")
    page.fill("input[name=login]", username)
    page.fill("input[name=password]", password)
    page.click("form[action='/account/login/'] button[type=submit]")
    page.wait_for_load_state()


def axe_check(page):
    """Run axe-core on the current page; fail with its report on any WCAG 2.1 A/AA violation."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(
        page,
        options={"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}, "resultTypes": ["violations"]},
    )
    assert results.violations_count == 0, f"{page.url}\n{results.generate_report()}"
