"""The privacy page is made from the register of personal data, which is held against the models; search finds it."""

import re

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.db import models
from django.urls import reverse
from wagtail.models import Page
from wagtail.search.models import IndexEntry

from home.models import ContentPage, PrivacyPage
from wijkplatform import personal_data

pytestmark = pytest.mark.django_db

CONTACT_WORDS = ("email", "phone", "telefoon")


def fields_about_people(model):
    """Fields of `model` that link to a user or hold an e-mail address or phone number."""
    User = get_user_model()
    for field in model._meta.local_fields + model._meta.local_many_to_many:
        if field.is_relation and field.related_model is User:
            yield field.name
        elif isinstance(field, models.EmailField) or any(word in field.name for word in CONTACT_WORDS):
            yield field.name


def test_every_field_the_register_names_exists():
    for entry in personal_data.entries():
        for label, names in entry.fields.items():
            model = apps.get_model(label)
            for name in names:
                assert model._meta.get_field(name), f"{label}.{name} ({entry.key})"


def test_every_model_that_stores_something_about_people_is_in_the_register():
    registered = personal_data.registered_fields()
    missing = []
    checked = set()
    for model in apps.get_models():
        for name in fields_about_people(model):
            checked.add(model._meta.label)
            if name not in registered.get(model._meta.label, set()):
                missing.append(f"{model._meta.label}.{name}")
    assert not missing, f"Declare these in a personal_data.py: {missing}"
    # The walk reaches the platform's own models and those of the libraries it is built on.
    assert {
        "auth.User",
        "account.EmailAddress",
        "wagtailcore.Revision",
        "wagtailcore.PageLogEntry",
        "wagtailusers.UserProfile",
        "initiatives.Signup",
        "stories.StoryReport",
        "dropins.Organisation",
    } <= checked


def test_every_entry_says_what_why_who_and_how_long_under_a_known_topic():
    keys = [entry.key for entry in personal_data.entries()]
    assert len(keys) == len(set(keys))
    for entry in personal_data.entries():
        assert entry.topic in personal_data.TOPICS
        for text in (entry.title, entry.what, entry.why, entry.who, entry.how_long_text()):
            assert str(text).strip(), entry.key
        assert "%(" not in entry.how_long_text(), entry.key


def test_privacy_page_shows_every_entry_with_retention_from_settings(client, settings):
    settings.SIGNUP_RETENTION_DAYS = 45
    settings.MAIL_QUEUE_RETENTION_DAYS = 9
    response = client.get("/privacy/")
    assert response.status_code == 200
    html = response.content.decode()
    shown = re.findall(r'data-personal-data="([^"]+)"', html)
    assert shown == [entry.key for entry in personal_data.entries()]
    signups = html.split('data-personal-data="signups"')[1].split("</section>")[0]
    assert "Tot 45 dagen na de dienst." in signups
    mail = html.split('data-personal-data="mail_queue"')[1].split("</section>")[0]
    assert "9 dagen na het versturen" in mail


def test_privacy_page_says_how_to_use_each_right_with_and_without_an_account(client):
    html = client.get("/privacy/").content.decode()
    account = html.split('data-rights="account"')[1].split("</dl>")[0]
    for name in ("my_data", "my_data_download", "my_data_schema", "account_email", "delete_account"):
        assert f'href="{reverse(name)}"' in account, name
    volunteer = html.split('data-rights="volunteer"')[1].split("</dl>")[0]
    assert f'href="{reverse("volunteer_data_request")}"' in volunteer


def test_the_privacy_statement_is_one_privacy_page_at_the_same_address():
    page = PrivacyPage.objects.get()
    assert page.url == "/privacy/" and page.live
    assert not ContentPage.objects.filter(slug="privacy").exists()
    assert Page.objects.get(pk=page.pk).specific_class is PrivacyPage
    # The editors' introduction no longer lists by hand what is stored: the register does.
    assert "Wat wij bewaren" not in page.intro and "Wat wij niet doen" in page.intro


def test_search_finds_the_privacy_page_by_a_word_only_its_generated_text_holds(client):
    word = "versleuteld"  # from the account entry of the register
    page = PrivacyPage.objects.get()
    assert word not in page.intro
    assert word in page.register_text()
    home_html = client.get("/").content.decode()
    assert word not in home_html  # no page links to it with that word
    response = client.get(reverse("search"), {"q": word})
    assert [result.pk for result in response.context["results"]] == [page.pk]
    assert 'href="/privacy/"' in response.content.decode().split('class="search-results"')[1]


@pytest.mark.parametrize(
    "slug, word",
    [
        ("agenda", "nodig"),
        ("verhalen", "wijkmagazine"),
        ("initiatieven", "paar"),
        ("inloop", "afspraak"),
        ("wie-doet-wat", "bewonersinitiatieven"),
    ],
)
def test_search_finds_each_section_by_a_word_of_its_introduction(client, slug, word):
    section = Page.objects.get(depth=3, slug=slug)
    assert word in section.specific.intro
    response = client.get(reverse("search"), {"q": word})
    assert section.pk in [result.pk for result in response.context["results"]]


def test_update_index_keeps_the_generated_text_searchable(client):
    from django.core.management import call_command

    call_command("update_index", stdout=open("/dev/null", "w"))
    response = client.get(reverse("search"), {"q": "versleuteld"})
    assert [result.pk for result in response.context["results"]] == [PrivacyPage.objects.get().pk]


def test_the_migration_turns_the_old_content_page_into_the_privacy_page_in_place():
    import importlib
    from types import SimpleNamespace

    from django.db import connection

    migration = importlib.import_module("home.migrations.0003_privacy_page")
    old_body = importlib.import_module("home.migrations.0002_site_structure_roles_and_workflow").PRIVACY_BODY.strip()
    PrivacyPage.objects.get().delete()
    home = Page.objects.get(depth=2)
    old = ContentPage(title="Privacy", slug="privacy", body=old_body)
    home.add_child(instance=old)
    old.save_revision().publish()
    assert ContentPage.objects.filter(pk=old.pk).exists()

    migration.forwards(apps, SimpleNamespace(connection=connection))

    page = Page.objects.get(pk=old.pk)
    assert page.specific_class is PrivacyPage and page.url == "/privacy/"
    privacy = page.specific
    assert privacy.intro == migration.INTRO
    assert not ContentPage.objects.filter(pk=old.pk).exists()
    assert privacy.get_latest_revision_as_object().intro == migration.INTRO
    assert not IndexEntry.objects.filter(content_type__model="contentpage", object_id=str(old.pk)).exists()
