from django.apps import AppConfig


class ModerationConfig(AppConfig):
    """
    The resident editors' moderation loop: the workflow task, the e-mails of
    every step, the queue of what waits and the log of organisers' changes.
    A domain of its own: every feature app sends pages and snippets through it.
    """

    name = "moderation"
    verbose_name = "Moderatie"

    def ready(self):
        from . import queue  # noqa: F401
        from . import signals

        signals.connect()
