from django.apps import AppConfig


class ApiConfig(AppConfig):
    """The open agenda API; see the package docstring for why it is an app of its own."""

    name = "api"
