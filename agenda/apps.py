from django.apps import AppConfig


class AgendaConfig(AppConfig):
    """
    The one agenda of the wijk. A separate app because it owns no source of
    events of its own beyond residents' one-off activities: it joins what the
    initiatives and drop-in apps provide (see agenda/items.py).
    """

    name = "agenda"

    def ready(self):
        from agenda import signals

        signals.connect()
