"""
The `<id:…>` path converter for database ids in URLs: like `<int:…>`, but at most 18 digits, so a longer
number is a 404 instead of an integer the database cannot hold (SQLite raises OverflowError on it).
"""

from django.urls import register_converter


class IdConverter:
    regex = "[0-9]{1,18}"

    def to_python(self, value):
        return int(value)

    def to_url(self, value):
        return str(value)


register_converter(IdConverter, "id")
