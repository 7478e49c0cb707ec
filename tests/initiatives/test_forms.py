"""The initiative forms follow the GOV.UK pattern: summary with links, "Fout: " in the title, messages at the field."""

import re

import pytest

from tests.helpers import image_upload

pytestmark = pytest.mark.django_db

START_URL = "/initiatieven/nieuw/"


def start_data(**overrides):
    data = {
        "title": "Koken met kinderen", "aim": "", "description": "Elke maand.", "organiser_name": "Fatma",
        "place": "", "place_note": "", "website": "", "photo_alt": "Kinderen aan een keukentafel",
        "dienst-TOTAL_FORMS": "2", "dienst-INITIAL_FORMS": "0", "dienst-MIN_NUM_FORMS": "0", "dienst-MAX_NUM_FORMS": "20",
        "dienst-0-task": "Helpen in de keuken", "dienst-0-day": "", "dienst-0-start_time": "15:30",
        "dienst-0-end_time": "18:00", "dienst-0-capacity": "4",
    }
    data.update(overrides)
    return data


def error_summary(html):
    start = html.index("data-error-summary")
    return html[start : html.index("</ul>", start)]


def test_start_form_names_the_fields_of_the_form_and_of_each_shift_at_the_top(client, resident):
    client.force_login(resident)
    response = client.post(START_URL, start_data(photo=image_upload()))
    assert response.status_code == 400
    html = response.content.decode()
    assert "<title>Fout: " in html
    summary = error_summary(html)
    assert 'href="#id_aim"' in summary
    assert 'href="#id_dienst-0-day"' in summary and "Dienst 1, Datum: " in summary
    assert 'href="#id_photo"' in summary and "Kies de foto opnieuw" in html
    assert 'value="Koken met kinderen"' in html and 'value="Helpen in de keuken"' in html
    assert 'value="Kinderen aan een keukentafel"' in html


def test_a_form_without_errors_has_no_summary_and_a_plain_title(client, resident):
    client.force_login(resident)
    html = client.get(START_URL).content.decode()
    assert "data-error-summary" not in html and "<title>Fout" not in html
    assert re.search(r"<form [^>]*novalidate", html)


def test_themes_are_a_fieldset_whose_legend_comes_before_the_checkboxes(client, resident):
    client.force_login(resident)
    html = client.get(START_URL).content.decode()
    fieldset = html[html.rindex("<fieldset", 0, html.index('name="themes"')) :]
    assert fieldset.index("<legend>Thema") < fieldset.index('name="themes"')


def test_dates_have_an_example_written_as_people_write_them(client, resident):
    client.force_login(resident)
    html = client.get(START_URL).content.decode()
    assert 'id="id_dienst-0-day_helptext">Bijvoorbeeld: 5 december 2026<' in html
    assert 'aria-describedby="id_dienst-0-day_helptext"' in html
