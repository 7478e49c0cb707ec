"""Admin panels shared by the page types."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import Panel

from wijkplatform.readability import analyse_texts


def field_texts(instance, fields):
    """The text of each field; of a StreamField only its rich text blocks (paragraphs)."""
    for name in fields:
        value = getattr(instance, name, None)
        if hasattr(value, "raw_data"):
            yield from (child.value for child in value if hasattr(child.value, "source"))
        elif value:
            yield value


class ReadabilityPanel(Panel):
    """Read-only B1 check of the page's own text fields, in the revision being edited or reviewed."""

    def __init__(self, fields, **kwargs):
        kwargs.setdefault("heading", _("Leesbaarheid (B1)"))
        super().__init__(**kwargs)
        self.fields = tuple(fields)

    def clone_kwargs(self):
        return {**super().clone_kwargs(), "fields": self.fields}

    class BoundPanel(Panel.BoundPanel):
        template_name = "includes/readability.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            report = analyse_texts(*field_texts(self.instance, self.panel.fields))
            context.update(report=report, result_only=True, admin=True)
            return context
