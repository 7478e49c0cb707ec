from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InitiativesConfig(AppConfig):
    """Initiatives of residents with activities, volunteer shifts, sign-ups and support."""

    name = "initiatives"
    verbose_name = _("Initiatieven")

    def ready(self):
        from initiatives import agenda

        agenda.register()
