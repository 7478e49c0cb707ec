"""An initiative's photo carries the words people who cannot see it hear, and a new initiative gets a free address."""

import hashlib
from datetime import timedelta

from django.utils import timezone

from initiatives import services
from initiatives.models import InitiativeIndexPage, InitiativePage
from tests.helpers import image_bytes, image_upload


def start_data(**overrides):
    day = (timezone.localdate() + timedelta(days=10)).isoformat()
    data = {
        "title": "Repair Café", "aim": "Samen repareren.", "description": "Breng uw kapotte spullen mee.",
        "organiser_name": "Henk", "place": "", "place_note": "", "themes": ["buurt"], "website": "",
        "dienst-TOTAL_FORMS": "1", "dienst-INITIAL_FORMS": "0", "dienst-MIN_NUM_FORMS": "0", "dienst-MAX_NUM_FORMS": "20",
        "dienst-0-task": "Koffie schenken", "dienst-0-day": day, "dienst-0-start_time": "10:00",
        "dienst-0-end_time": "12:00", "dienst-0-capacity": "2",
    }
    data.update(overrides)
    return data


def test_a_photo_without_words_for_who_cannot_see_it_is_refused_in_dutch(client, resident):
    client.force_login(resident)
    response = client.post("/initiatieven/nieuw/", start_data(photo=image_upload("fiets.jpg"), photo_alt=" "))
    assert response.status_code == 400
    assert "Schrijf kort wat er op de foto staat." in response.content.decode()
    assert not InitiativePage.objects.filter(title="Repair Café").exists()


def test_the_photo_is_saved_with_its_alt_text_size_and_file_hash(client, resident):
    client.force_login(resident)
    data = start_data(photo=image_upload("fiets.jpg"), photo_alt="Een fiets op de werkbank")
    assert client.post("/initiatieven/nieuw/", data).status_code == 302
    photo = InitiativePage.objects.get(title="Repair Café").get_latest_revision_as_object().photo
    assert photo.description == "Een fiets op de werkbank"
    assert photo.default_alt_text == "Een fiets op de werkbank"
    assert photo.uploaded_by_user == resident
    assert photo.file_size == len(image_bytes())
    assert photo.file_hash == hashlib.sha1(image_bytes()).hexdigest()


def test_a_new_initiative_never_takes_a_path_of_the_section_or_another_initiatives_address(resident):
    def start(title):
        page = InitiativePage(title=title, aim="Samen doen.", description="Kom erbij.", organiser_name="Henk")
        return services.start_initiative(InitiativeIndexPage.objects.get(), resident, page)

    first, second, other = start("Nieuw"), start("Nieuw"), start("Buurtmoestuin")
    assert (first.slug, second.slug, other.slug) == ("nieuw-initiatief", "nieuw-initiatief-2", "buurtmoestuin")
