"""Fixtures for the API tests: the served OpenAPI schema, and a check of an answer against it."""

import os

import jsonschema
import pytest
from django.core.management import call_command
from django.db import transaction


@pytest.fixture
def openapi(client, db):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    return response.json()


@pytest.fixture
def conforms(openapi):
    """`conforms(response, "/api/v1/agenda/")`: the JSON of `response` fits the schema of its path and status."""

    def check(response, path):
        responses = openapi["paths"][path]["get"]["responses"]
        assert str(response.status_code) in responses, f"{response.status_code} is not in the schema of {path}"
        schema = responses[str(response.status_code)]["content"]["application/json"]["schema"]
        # The operation's schema with the components its $refs point to (OpenAPI 3.1 is JSON Schema 2020-12).
        validator = jsonschema.Draft202012Validator(
            {**schema, "components": openapi["components"]}, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
        )
        validator.validate(response.json())
        return response.json()

    return check


@pytest.fixture(scope="package")
def demo_content(django_db_setup, django_db_blocker):
    """
    The demo content, loaded once for tests/api in a transaction rolled back at its end; each test runs in a
    savepoint inside it (pytest-django's own), so what one test writes is gone before the next.
    """
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("seed_demo", stdout=open(os.devnull, "w"))
        yield
        transaction.set_rollback(True)


@pytest.fixture
def demo(demo_content, db):
    """The demo content (see demo_content)."""
