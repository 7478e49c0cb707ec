from django.apps import AppConfig


class AgendaConfig(AppConfig):
    """
    The one agenda of the wijk. A separate app because it owns no source of
    events of its own beyond residents' one-off activities: it joins what the
    feeding apps register with it (see agenda/registry.py) and imports none of them.
    """

    name = "agenda"

    def ready(self):
        from agenda import signals, sources

        signals.connect()
        sources.register()
