from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules

from . import converters  # noqa: F401  registers <id:…> before any URL pattern or page route is made


class WijkplatformConfig(AppConfig):
    """Shared pieces: live updates, moderation helpers, accounts and personal data."""

    name = "wijkplatform"
    verbose_name = "Wij(k) de Ruwaard"

    def ready(self):
        from . import signals  # noqa: F401

        autodiscover_modules("personal_data")
