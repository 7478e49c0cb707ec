"""RSS and Atom feeds of published stories, for the whole section and per theme."""

from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape
from django.utils.translation import gettext_lazy as _

from stories.models import StoryIndexPage, published_stories, themes_in_use
from wijkplatform.wijken import current_site, in_wijk, section

FEED_LENGTH = 20


class StoryFeed(Feed):
    """RSS 2.0; StoryAtomFeed is the same in Atom. With a theme slug, only that theme's stories."""

    description = _("Nieuwe verhalen van bewoners uit de Ruwaard in Oss.")
    language = "nl"

    def get_object(self, request, theme_slug=None):
        self.request = request
        self.site = current_site(request)
        return get_object_or_404(themes_in_use(), slug=theme_slug) if theme_slug else None

    def title(self, theme):
        if theme:
            return _("Verhalen over %(theme)s | Wij(k) de Ruwaard") % {"theme": theme.name}
        return _("Verhalen | Wij(k) de Ruwaard")

    def link(self, theme):
        index = section(StoryIndexPage, self.site)
        url = index.get_url(self.request) if index else "/verhalen/"
        return url + (index.reverse_subpage("theme_list", args=[theme.slug]) if theme and index else "")

    def items(self, theme):
        stories = in_wijk(published_stories(), self.site).prefetch_related(None).prefetch_related("tags")
        if theme:
            stories = stories.filter(tags=theme)
        return stories[:FEED_LENGTH]

    def item_title(self, story):
        return story.title

    def item_description(self, story):
        # Readers show the description as HTML; the intro is plain text, so escape it.
        return escape(story.intro or story.search_description or story.title)

    def item_link(self, story):
        return story.get_url(self.request)

    def item_guid(self, story):
        return f"urn:uuid:{story.translation_key}"

    item_guid_is_permalink = False

    def item_author_name(self, story):
        return story.author_name

    def item_pubdate(self, story):
        return story.first_published_at

    def item_updateddate(self, story):
        return story.last_published_at or story.first_published_at or timezone.now()

    def item_categories(self, story):
        return [tag.name for tag in story.tags.all()]


class StoryAtomFeed(StoryFeed):
    feed_type = Atom1Feed
    subtitle = StoryFeed.description


def rss(request, theme_slug=None):
    # A fresh Feed per request: the instance keeps the request for building absolute links.
    return StoryFeed()(request, theme_slug=theme_slug)


def atom(request, theme_slug=None):
    return StoryAtomFeed()(request, theme_slug=theme_slug)
