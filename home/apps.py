from django.apps import AppConfig


class HomeConfig(AppConfig):
    """The home page, plain content pages, roles and the moderation workflow."""

    name = "home"
