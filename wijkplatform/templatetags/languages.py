"""`{% content_lang %}`: marks what residents wrote as Dutch when the interface speaks another language."""

from django import template
from django.conf import settings
from django.utils.safestring import mark_safe

from wijkplatform.languages import is_source_language

register = template.Library()


@register.simple_tag
def content_lang():
    """` lang="nl"` inside an element's tag when the interface is not Dutch, so screen readers switch voice."""
    if is_source_language():
        return ""
    return mark_safe(f' lang="{settings.LANGUAGE_CODE}"')
