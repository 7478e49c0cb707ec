"""StreamField blocks of a story: paragraphs, photos that always carry an alt text, and quotes."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.images.blocks import ImageChooserBlock

PARAGRAPH_FEATURES = ["bold", "italic", "link", "ol", "ul"]


class ParagraphBlock(blocks.RichTextBlock):
    def __init__(self, **kwargs):
        kwargs.setdefault("features", PARAGRAPH_FEATURES)
        super().__init__(**kwargs)

    class Meta:
        icon = "pilcrow"
        label = _("Tekst")
        template = "blocks/paragraph_block.html"
        description = _("Een of meer alinea’s tekst.")
        preview_value = "<p>Elke dinsdag staat de koffie klaar in Ons Huis van de Wijk.</p>"


class StoryImageBlock(blocks.StructBlock):
    """A photo in the story. The alt text is required: without it the story cannot be published."""

    image = ImageChooserBlock(label=_("Foto"))
    alt = blocks.CharBlock(
        label=_("Wat staat er op de foto?"),
        max_length=250,
        help_text=_("Voor mensen die de foto niet kunnen zien. Beschrijf kort wat er te zien is."),
    )
    caption = blocks.CharBlock(label=_("Onderschrift"), required=False, max_length=250)

    class Meta:
        icon = "image"
        label = _("Foto")
        template = "blocks/story_image_block.html"
        description = _("Een foto met een beschrijving voor wie de foto niet kan zien.")
        preview_value = {"alt": "Bewoners drinken koffie aan een lange tafel", "caption": "Koffieochtend"}


class QuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock(label=_("Citaat"), max_length=600)
    attribution = blocks.CharBlock(label=_("Wie zei het?"), required=False, max_length=120)

    class Meta:
        icon = "openquote"
        label = _("Citaat")
        template = "blocks/quote_block.html"
        description = _("Wat iemand zei, met wie het zei.")
        preview_value = {"quote": "Hier ken je je buren weer.", "attribution": "Ans, vrijwilliger"}


class StoryBodyBlock(blocks.StreamBlock):
    paragraph = ParagraphBlock()
    image = StoryImageBlock()
    quote = QuoteBlock()
