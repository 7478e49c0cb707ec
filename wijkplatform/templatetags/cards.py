"""The card's picture (templates/includes/card.html): a photo's rendition, or else the drawing of the theme."""

from django import template
from django.templatetags.static import static
from django.utils.html import format_html
from django.utils.text import slugify

from wijkplatform.themes import Theme

register = template.Library()

FALLBACK = Theme.MEETING
# Story themes are free tags; a tag named like a theme (its value or its Dutch label) gets that theme's drawing.
_BY_NAME = {value: value for value in Theme.values} | {slugify(str(label)): value for value, label in Theme.choices}


def first_theme(obj):
    """The first known theme of `obj.themes`: Theme values, theme rows (`.theme`), or tags (`.slug`)."""
    themes = getattr(obj, "themes", None) or ()
    if hasattr(themes, "all"):
        themes = themes.all()
    for theme in themes:
        name = getattr(theme, "theme", None) or getattr(theme, "slug", None) or theme
        value = _BY_NAME.get(slugify(str(name)))
        if value:
            return value
    return FALLBACK


@register.filter
def theme_illustration(obj):
    """The static URL of the illustration for `obj`'s first theme (a story, an initiative, or a theme value)."""
    value = obj if obj in Theme.values else first_theme(obj)
    return static(f"img/themes/{value}.svg")


CARD_RENDITION = "fill-480x320"


@register.simple_tag
def card_picture(image, alt, subject):
    """
    A photo as a 480x320 rendition with its alt text, width and height; else the drawing of
    `subject`'s theme, which is decoration and so has an empty alt.
    """
    if image:
        rendition = image.get_rendition(CARD_RENDITION)
        return rendition.img_tag({"class": "card__image", "alt": alt or image.default_alt_text})
    return format_html(
        '<img class="card__image card__image--drawing" src="{}" alt="" width="480" height="320">',
        theme_illustration(subject),
    )
