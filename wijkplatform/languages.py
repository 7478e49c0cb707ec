"""
The interface languages besides Dutch.

Editors write a section page's own title and introduction in each language
(`home.PageTranslation`, an inline on those pages); the menu, the page's heading
and its <title> use them, and fall back to the Dutch on the page. What residents
wrote is never translated: templates mark it with `{% content_lang %}`.
"""

import copy

from django.apps import apps
from django.conf import settings
from django.utils import translation
from django.utils.html import linebreaks
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import InlinePanel
from wagtail.fields import RichTextField

# The languages editors translate a page's title and intro into: all but Dutch.
TRANSLATION_LANGUAGES = [(code, name) for code, name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]


def translations_panel():
    """The inline where editors write the page's title and intro in each other language."""
    return InlinePanel(
        "translations",
        heading=_("In andere talen"),
        label=_("Vertaling"),
        max_num=len(TRANSLATION_LANGUAGES),
        help_text=_(
            "Titel en introductie voor wie de site in een andere taal leest. Zonder vertaling staat er het Nederlands."
        ),
    )


def is_source_language():
    """True when the interface speaks Dutch, the language the site's content is written in."""
    return (translation.get_language() or settings.LANGUAGE_CODE) == settings.LANGUAGE_CODE


def page_translations(request):
    """
    {page id: (title, intro)} in the current language, read once per request: the translations are few
    (section pages only), so one query serves the menu and the page together.
    """
    language = translation.get_language()
    cached = getattr(request, "_page_translations", None)
    if cached is None or cached[0] != language:
        PageTranslation = apps.get_model("home", "PageTranslation")
        rows = PageTranslation.objects.filter(language=language).values_list("page_id", "title", "intro")
        cached = (language, {page_id: (title, intro) for page_id, title, intro in rows})
        request._page_translations = cached
    return cached[1]


def translated_title(page, request):
    """The page's title in the interface language, else its Dutch title."""
    if is_source_language():
        return page.title
    title, _intro = page_translations(request).get(page.pk, (page.title, ""))
    return title


def localized(page, request):
    """
    The page as the visitor should read it: a copy with the title, SEO title and intro in the interface
    language when an editor wrote them, else the page itself. The page is never changed, so nothing that
    saves it can store a translation in place of the Dutch.
    """
    if is_source_language():
        return page
    found = page_translations(request).get(page.pk)
    if found is None:
        return page
    title, intro = found
    shown = copy.copy(page)
    shown.title = title
    shown.seo_title = ""
    if intro and hasattr(shown, "intro"):
        rich = isinstance(page._meta.get_field("intro"), RichTextField)
        shown.intro = linebreaks(intro, autoescape=True) if rich else intro
    return shown


class TranslatedPageMixin:
    """A page whose heading, intro and <title> follow the interface language (see `localized`)."""

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["page"] = context["self"] = localized(self, request)
        return context
