"""What every answer of the API shares: CORS, the rate limit, HEAD, no sessions, and the docs page."""

import re
from html import escape

import pytest

from api.public import RATE

AGENDA = "/api/v1/agenda/"
SCHEMA = "/api/v1/openapi.json"


@pytest.mark.parametrize("path", [AGENDA, "/api/v1/initiatieven/", "/api/v1/inloop/", SCHEMA])
def test_every_origin_may_read_without_credentials(db, client, path):
    response = client.get(path, HTTP_ORIGIN="https://example.org")
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "Access-Control-Allow-Credentials" not in response
    assert not response.cookies


def test_a_preflight_is_answered(db, client):
    response = client.options(
        AGENDA, HTTP_ORIGIN="https://example.org", HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET",
        HTTP_ACCESS_CONTROL_REQUEST_HEADERS="accept",
    )
    assert response.status_code == 204
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "GET" in response["Access-Control-Allow-Methods"]
    assert response["Access-Control-Allow-Headers"] == "accept"


def test_head_answers_without_a_body_and_writing_is_refused(db, client):
    head = client.head(AGENDA)
    assert (head.status_code, head.content, head["Access-Control-Allow-Origin"]) == (200, b"", "*")
    post = client.post(AGENDA, {"periode": "week"})
    assert post.status_code == 405 and post.json()["detail"]


def test_too_many_requests_get_a_429_in_json(db, client, conforms):
    limit = int(RATE.split("/")[0])
    for number in range(limit):
        assert client.get(AGENDA, {"pagina": 1 + number % 2}, REMOTE_ADDR="10.0.0.9").status_code in (200, 422)
    response = client.get(AGENDA, REMOTE_ADDR="10.0.0.9")
    assert response.status_code == 429
    assert response["Access-Control-Allow-Origin"] == "*"
    assert conforms(response, AGENDA)["detail"].startswith("U vraagt te veel")


def test_the_rate_limit_is_per_address(db, client, settings):
    limit = int(RATE.split("/")[0])
    for _ in range(limit + 1):
        client.get(SCHEMA, REMOTE_ADDR="10.0.0.1")
    assert client.get(SCHEMA, REMOTE_ADDR="10.0.0.1").status_code == 429
    assert client.get(SCHEMA, REMOTE_ADDR="10.0.0.2").status_code == 200


def test_the_docs_page_lists_every_endpoint_with_its_parameters_and_no_script(db, client, openapi):
    response = client.get("/api/")
    assert response.status_code == 200
    html = response.content.decode()
    for path, operations in openapi["paths"].items():
        assert f'data-api-endpoint="{path}"' in html
        for parameter in operations["get"].get("parameters", ()):
            assert f"<code>{parameter['name']}</code>" in html
        assert escape(operations["get"]["x-example"]) in html
    assert 'href="/api/v1/openapi.json"' in html
    assert not re.search(r"<script[^>]+src=\"https?://", html)
    assert "swagger" not in html.lower()


def test_the_footer_links_to_the_api(db, client):
    assert 'href="/api/"' in client.get("/zoeken/").content.decode()
