"""
/api/: the API's docs page, in the site's own look and without JavaScript, made from the OpenAPI schema
itself (so the page and the schema cannot disagree). django-ninja's Swagger page loads its scripts from a
CDN, which the site never does.
"""

from functools import cache

from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext_noop

from api.public import RATE
from api.v1 import api as v1

TYPES = {
    "date": gettext_noop("een datum (JJJJ-MM-DD)"),
    "integer": gettext_noop("een getal"),
    "boolean": gettext_noop("ja of nee"),
    "string": gettext_noop("tekst"),
}


def parameter_type(schema):
    """(words, choices) for a parameter's schema: the type in words, or the values it may take."""
    options = [schema, *schema.get("anyOf", ())]
    choices = [value for option in options for value in option.get("enum", ())]
    if choices:
        return "", choices
    for option in options:
        kind = "date" if option.get("format") == "date" else option.get("type")
        if kind in TYPES:
            return TYPES[kind], []
    return TYPES["string"], []


@cache
def endpoints():
    """Each GET operation of version 1: its path, texts, example and parameters, as the schema has them."""
    schema = v1.get_openapi_schema()
    found = []
    for path, operations in schema["paths"].items():
        operation = operations["get"]
        parameters = []
        for parameter in operation.get("parameters", ()):
            words, choices = parameter_type(parameter["schema"])
            parameters.append(
                {
                    "name": parameter["name"],
                    "description": parameter.get("description") or parameter["schema"].get("description", ""),
                    "type": words,
                    "choices": choices,
                }
            )
        found.append(
            {
                "path": path,
                "summary": operation.get("summary", ""),
                "description": operation.get("description", ""),
                "example": operation.get("x-example", path),
                "parameters": parameters,
            }
        )
    return found


def docs(request):
    context = {
        "endpoints": endpoints(),
        "schema_url": reverse("api:v1:openapi-json"),
        "per_minute": RATE.split("/")[0],
    }
    return render(request, "api/docs.html", context)
