""""Mijn gegevens": the readable page and the download hold the same data, with public addresses, in the documented shape."""

import json
import re
from datetime import date, timedelta

import jsonschema
import pytest
from django.urls import reverse
from django.utils import timezone

from dropins.models import DropInException, DropInIndexPage, Organisation
from initiatives import services
from moderation.models import EditorPreference
from places.models import Place
from stories.models import StoryIndexPage
from tests.dropins.conftest import make_dropin
from tests.helpers import make_user
from tests.initiatives.factories import make_initiative, make_shift
from tests.stories.conftest import make_story
from wijkplatform import personal_data
from wijkplatform.moderation import EDITORS_GROUP
from wijkplatform.themes import Theme

pytestmark = pytest.mark.django_db

SCHEMA = json.loads(personal_data.SCHEMA_FILE.read_text())


@pytest.fixture
def busy_editor(other_resident):
    """An editor who also writes, volunteers, supports, reports, organises and works for an organisation."""
    user = make_user("schrijver", EDITORS_GROUP)
    index = StoryIndexPage.objects.get()
    make_story(index, "Mijn straat", author="Mies", owner=user, image=False)
    make_story(index, "Nog in de maak", author="Mies", owner=user, image=False, publish=False)
    neighbours = make_story(index, "Het plein", author="Ans", image=False)
    mine = make_initiative(user, title="Buurtsoep")
    services.add_activity(mine, by=user, title="Soep proeven", start=timezone.now() + timedelta(days=2))
    other = make_initiative(other_resident, title="Repair Café")
    services.sign_up(make_shift(other), "Mies", user.email, phone="0612345678", user=user)
    services.support(other, user)
    from stories.services import report_story

    report_story(neighbours, reason="onjuist", explanation="Datum klopt niet", key="k", user=user)
    organisation = Organisation.objects.create(name="Wijkteam", helps_with="Hulp.", theme=Theme.CARE)
    organisation.members.add(user)
    organisation.save()
    dropin = make_dropin(DropInIndexPage.objects.get(), organisation, Place.objects.create(name="Ons Huis", address="Plein 1"))
    DropInException.objects.create(page=dropin, date=date(2026, 2, 3), kind="cancelled", reason="Vakantie", created_by=user)
    EditorPreference.objects.create(user=user, frequency=EditorPreference.DAILY)
    return user


def download(client, user):
    client.force_login(user)
    response = client.get(reverse("my_data_download"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json; charset=utf-8"
    return json.loads(response.content)


def addresses(data):
    """Every `webadres` anywhere in the download."""
    found = []
    for value in data.values():
        for item in value if isinstance(value, list) else [value]:
            if isinstance(item, dict) and "webadres" in item:
                found.append(item["webadres"])
    return found


def keys_in(value):
    if isinstance(value, dict):
        for key, item in value.items():
            yield key
            yield from keys_in(item)
    elif isinstance(value, list):
        for item in value:
            yield from keys_in(item)


def test_the_download_has_the_documented_shape(client, busy_editor):
    data = download(client, busy_editor)
    jsonschema.Draft202012Validator.check_schema(SCHEMA)
    jsonschema.Draft202012Validator(SCHEMA, format_checker=jsonschema.FormatChecker()).validate(data)
    assert data["formaat"] == personal_data.FORMAT
    # Every kind of data is really there, so the schema was checked against something.
    for key in ("verhalen", "meldingen", "vrijwilligersdiensten", "steun_voor_initiatieven", "wijzigingen_als_organisator", "spreekuur_wijzigingen"):
        assert data[key], key
    assert data["organisaties"] == ["Wijkteam"]
    assert data["redactie_email"] == "Eén keer per dag: een overzicht van alles wat wacht"


def test_the_download_of_a_new_account_has_the_documented_shape_too(client, resident):
    jsonschema.validate(download(client, resident), SCHEMA, format_checker=jsonschema.FormatChecker())


def test_the_schema_is_served_and_linked(client, resident):
    response = client.get(reverse("my_data_schema"))
    assert response.status_code == 200 and response["Content-Type"] == "application/schema+json"
    assert json.loads(b"".join(response.streaming_content)) == SCHEMA
    client.force_login(resident)
    assert f'href="{reverse("my_data_schema")}"' in client.get(reverse("my_data")).content.decode()


def test_the_download_gives_public_addresses_never_internal_paths(client, busy_editor, settings):
    data = download(client, busy_editor)
    found = addresses(data)
    published = [address for address in found if address]
    assert len(published) >= 5
    for address in published:
        assert address.startswith("http://testserver/") and "/home/" not in address, address
    assert "/home/" not in json.dumps(data)
    story = next(item for item in data["verhalen"] if item["titel"] == "Mijn straat")
    assert story["webadres"] == "http://testserver/verhalen/mijn-straat/"
    draft = next(item for item in data["verhalen"] if item["titel"] == "Nog in de maak")
    assert draft["webadres"] is None and draft["gepubliceerd"] is False
    assert {item["titel"]: item["status"] for item in data["bijdragen"]}["Mijn straat"] == "Gepubliceerd"


def test_every_key_of_the_download_has_a_readable_label(client, busy_editor):
    data = download(client, busy_editor)
    unlabelled = {key for key in keys_in(data) if key not in personal_data.META_KEYS and not personal_data.has_label(key)}
    assert not unlabelled


def test_the_readable_page_shows_the_same_data_in_words(client, busy_editor):
    data = download(client, busy_editor)
    html = client.get(reverse("my_data")).content.decode()
    sections = re.findall(r'data-section="([a-z_]+)"', html)
    assert sections == [key for key in data if key not in personal_data.META_KEYS]
    assert "<h2 id=\"gegevens-vrijwilligersdiensten\">Uw aanmeldingen als vrijwilliger</h2>" in html
    assert "Telefoon" in html and "0612345678" in html
    assert "Datum klopt niet" in html and "Vakantie" in html
    assert '<a href="http://testserver/verhalen/mijn-straat/">http://testserver/verhalen/mijn-straat/</a>' in html
    assert "vrijwilligersdiensten" not in html.replace('data-section="vrijwilligersdiensten"', "").replace(
        'id="gegevens-vrijwilligersdiensten"', ""
    ).replace('aria-labelledby="gegevens-vrijwilligersdiensten"', "")
    assert f'href="{reverse("delete_account")}"' in html


def test_one_account_never_sees_another_s_data(client, busy_editor, resident):
    data = download(client, resident)
    assert "Mies" not in json.dumps(data) and "Wijkteam" not in json.dumps(data)


def test_addresses_follow_the_site_s_public_base_url(client, busy_editor, settings):
    settings.WAGTAILADMIN_BASE_URL = "https://wijkderuwaard.nl"
    published = [address for address in addresses(download(client, busy_editor)) if address]
    assert published and all(address.startswith("https://wijkderuwaard.nl/") for address in published), published
    html = client.get(reverse("my_data")).content.decode()
    assert '<a href="https://wijkderuwaard.nl/verhalen/mijn-straat/">' in html
