"""The story list, a story page, the home page and the feeds use a fixed number of queries, whatever the number of stories."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from stories.seed import add_synthetic_stories
from tests.stories.conftest import make_story

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _uncached(settings):
    """What rendering a page costs: the anonymous page cache would answer these with no query at all."""
    settings.PAGE_CACHE_SECONDS = 0

# The most queries each page may use, at any volume (measured: see the stories note in the report).
BUDGETS = {
    "/": 25,
    "/verhalen/": 16,
    "/verhalen/?pagina=2": 16,
    "/verhalen/thema/ontmoeten/": 17,
    "/verhalen/koffie-in-de-wijk/": 12,
    "/verhalen/feed/": 6,
    "/verhalen/thema/ontmoeten/feed/atom/": 7,
}


def query_counts(client):
    counts = {}
    for url in BUDGETS:
        assert client.get(url).status_code == 200, url  # warm up: renditions are made on the first view
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200
        counts[url] = len(queries)
    return counts


def test_pages_use_the_same_number_of_queries_at_two_volumes(client, story_index):
    examples = [
        make_story(story_index, "Koffie in de wijk", themes=["ontmoeten"]),
        make_story(story_index, "Samen lopen", themes=["buurtpreventie", "ontmoeten"]),
    ]
    add_synthetic_stories(story_index, 20, examples)
    small = query_counts(client)
    add_synthetic_stories(story_index, 200, examples)
    large = query_counts(client)
    assert small == large
    for url, budget in BUDGETS.items():
        assert large[url] <= budget, f"{url}: {large[url]} queries"


def test_lists_show_resized_renditions_never_original_images(client, story_index):
    make_story(story_index, "Koffie in de wijk")
    for url in ["/", "/verhalen/", "/verhalen/koffie-in-de-wijk/"]:
        html = client.get(url).content.decode()
        assert "/media/images/" in html, url
        assert "original_images" not in html, url
    assert ".fill-480x320." in client.get("/verhalen/").content.decode()


def test_home_page_shows_the_latest_three_stories(client, story_index):
    for number in range(4):
        make_story(story_index, f"Verhaal {number}", image=False)
    html = client.get("/").content.decode()
    assert html.count("data-story=") == 3
    assert 'href="/verhalen/insturen/"' in html
