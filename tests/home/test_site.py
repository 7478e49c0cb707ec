"""Site-wide behaviour: search, security headers, language switch, bad input."""

import os
import re
import subprocess
import sys

import pytest
from django.conf import settings

pytestmark = pytest.mark.django_db


def test_search_finds_published_pages_and_survives_odd_queries(client):
    response = client.get("/zoeken/", {"q": "privacy"})
    assert response.status_code == 200
    assert "/privacy/" in [result.url for result in response.context["results"]]
    for query in ["", "'; DROP TABLE x; --", "x" * 5000, "%", "<script>"]:
        assert client.get("/zoeken/", {"q": query, "pagina": "abc"}).status_code == 200
    assert client.get("/zoeken/", {"q": "\x00"}).status_code == 400  # see test_bad_addresses.py


def test_every_page_sends_a_content_security_policy_without_third_parties(client):
    policy = client.get("/")["Content-Security-Policy"]
    assert "default-src 'self'" in policy and "script-src 'self'" in policy
    assert "http" not in policy.replace("https:", "")


def test_pages_load_nothing_from_other_sites(client):
    html = client.get("/").content.decode()
    loaded = re.findall(r'<(?:script|link|img|iframe)\b[^>]*\b(?:src|href)="([^"]*)"', html)
    assert loaded, "the page loads its own style sheet and script"
    assert [url for url in loaded if url.startswith(("http:", "https:", "//"))] == []


def test_language_switch_translates_the_interface(client):
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert b"Skip to content" in client.get("/").content


def test_production_settings_pass_the_deploy_check():
    env = {
        **{key: value for key, value in os.environ.items() if key != "DJANGO_ALLOW_ASYNC_UNSAFE"},
        "DJANGO_SETTINGS_MODULE": "wijkplatform.settings.production",
        "SECRET_KEY": "a-long-random-production-secret-0123456789-abcdefghijklmnopqrstuvwxyz",
        "ALLOWED_HOSTS": "wijkderuwaard.nl",
        "DEBUG": "0",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=settings.BASE_DIR, env=env, capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key():
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "wijkplatform.settings.production", "SECRET_KEY": ""}
    result = subprocess.run(
        [sys.executable, "manage.py", "check"], cwd=settings.BASE_DIR, env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode != 0 and "SECRET_KEY" in result.stderr


def test_unknown_page_gives_a_dutch_404(client):
    response = client.get("/bestaat-niet/")
    assert response.status_code == 404
    assert "Deze pagina bestaat niet".encode() in response.content


def test_only_the_admin_allows_inline_scripts_and_nothing_loads_from_gravatar(client, editor):
    assert "'unsafe-inline'" not in client.get("/")["Content-Security-Policy"].split("script-src")[1].split(";")[0]
    client.force_login(editor)
    response = client.get("/admin/")
    assert "script-src 'self' 'unsafe-inline'" in response["Content-Security-Policy"]
    assert b"gravatar" not in response.content


def test_site_is_dutch_for_an_english_browser_until_the_visitor_chooses(client):
    assert b"Direct naar de inhoud" in client.get("/", HTTP_ACCEPT_LANGUAGE="en-GB,en").content
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert b"Skip to content" in client.get("/", HTTP_ACCEPT_LANGUAGE="nl").content
