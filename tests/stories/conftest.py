"""Fixtures for the stories tests: the section index and published stories."""

import pytest
from wagtail.rich_text import RichText

from stories.models import StoryIndexPage, StoryPage
from tests.helpers import make_wagtail_image


@pytest.fixture
def story_index(db):
    return StoryIndexPage.objects.get()


def make_story(index, title="Koffie in de wijk", *, themes=("ontmoeten",), author="Ans", image=True, publish=True, **fields):
    story = StoryPage(
        title=title,
        intro=fields.pop("intro", "Een kort verhaal."),
        body=fields.pop("body", [("paragraph", RichText("<p>Elke dinsdag staat de koffie klaar.</p>"))]),
        author_name=author,
        live=publish,
        main_image=make_wagtail_image(title=f"Foto bij {title}") if image else None,
        **fields,
    )
    story.tags.set(list(themes))
    index.add_child(instance=story)
    if publish:
        story.save_revision().publish()
    return story


@pytest.fixture
def published_story(story_index):
    return make_story(story_index, "Samen lopen door de wijk", themes=["buurtpreventie"])
