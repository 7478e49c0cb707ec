"""RSS and Atom feeds of published stories, whole section and per theme, valid for feed readers."""

import feedparser
import pytest

from tests.stories.conftest import make_story

pytestmark = pytest.mark.django_db


@pytest.fixture
def stories(story_index):
    return [
        make_story(story_index, "Stoppen met roken", themes=["Stoptober", "gezondheid"], image=False),
        make_story(story_index, "Gereedschap lenen", themes=["De Deelwerf"], image=False),
        make_story(story_index, "Nog in de maak", themes=["Stoptober"], image=False, publish=False),
    ]


def parse(client, url, content_type):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith(content_type)
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.get("bozo_exception")
    return feed


@pytest.mark.parametrize("url, content_type, version", [
    ("/verhalen/feed/", "application/rss+xml", "rss20"),
    ("/verhalen/feed/atom/", "application/atom+xml", "atom10"),
])
def test_feed_is_well_formed_and_lists_only_published_stories(client, stories, url, content_type, version):
    feed = parse(client, url, content_type)
    assert feed.version == version
    assert feed.feed.title == "Verhalen | Wij(k) de Ruwaard"
    assert feed.feed.link == "http://testserver/verhalen/"
    titles = [entry.title for entry in feed.entries]
    assert sorted(titles) == ["Gereedschap lenen", "Stoppen met roken"]
    entry = next(entry for entry in feed.entries if entry.title == "Stoppen met roken")
    assert entry.link == "http://testserver/verhalen/stoppen-met-roken/"
    assert entry.author == "Ans"
    assert {tag.term for tag in entry.tags} == {"Stoptober", "gezondheid"}
    assert entry.summary == "Een kort verhaal."
    assert entry.id.startswith("urn:uuid:")
    assert entry.published_parsed or entry.updated_parsed


@pytest.mark.parametrize("url, content_type", [
    ("/verhalen/thema/stoptober/feed/", "application/rss+xml"),
    ("/verhalen/thema/stoptober/feed/atom/", "application/atom+xml"),
])
def test_theme_feed_lists_only_that_themes_published_stories(client, stories, url, content_type):
    feed = parse(client, url, content_type)
    assert [entry.title for entry in feed.entries] == ["Stoppen met roken"]
    assert feed.feed.title == "Verhalen over Stoptober | Wij(k) de Ruwaard"
    assert feed.feed.link == "http://testserver/verhalen/thema/stoptober/"


def test_feed_of_an_unknown_theme_is_not_found(client, stories):
    assert client.get("/verhalen/thema/bestaat-niet/feed/").status_code == 404


def test_story_list_announces_its_feeds(client, stories):
    html = client.get("/verhalen/").content.decode()
    assert 'type="application/rss+xml"' in html and 'href="/verhalen/feed/"' in html
    assert 'type="application/atom+xml"' in html and 'href="/verhalen/feed/atom/"' in html
    theme_html = client.get("/verhalen/thema/stoptober/").content.decode()
    assert 'href="/verhalen/thema/stoptober/feed/"' in theme_html
