"""Addresses no browser makes get a 4xx answer in our own words, never a server error."""

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "url",
    [
        "/verhalen/thema/a%00b/feed/",
        "/verhalen/thema/a%00b/feed/atom/",
        "/wie-doet-wat/?q=a%00b",
        "/verhalen/?thema=%00",
        "/agenda/?plek=1&thema=%00",
        "/zoeken/?q=koffie%00",
        "/agenda/?%00=1",
    ],
)
def test_a_nul_character_in_the_address_is_a_bad_request_with_a_dutch_page(client, home, url):
    response = client.get(url)
    assert response.status_code == 400
    assert "Dit adres klopt niet" in response.content.decode()


def test_a_media_path_too_long_for_the_file_system_is_not_found(client, settings):
    response = client.get("/media/" + "a" * 5000)
    assert response.status_code == 404
