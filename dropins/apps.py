from django.apps import AppConfig


class DropinsConfig(AppConfig):
    """
    Drop-in hours and the social map ("wie doet wat").

    One app because both describe the same things: organisations, the places
    where they are, and when you can walk in. It is separate from the
    resident-run initiatives because professionals maintain it.
    """

    name = "dropins"
    verbose_name = "Inloop en wie doet wat"

    def ready(self):
        from dropins import agenda

        agenda.register()
