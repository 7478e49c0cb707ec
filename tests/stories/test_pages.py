"""The stories section's pages: where they may live, the list with paging and themes, magazine issues."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from wagtail.blocks import StreamBlockValidationError
from wagtail.images.models import Image
from wagtail.test.utils import WagtailPageTestCase

from home.models import HomePage
from stories.blocks import StoryBodyBlock
from stories.models import STORIES_PER_PAGE, MagazineIssueEntry, MagazineIssuePage, StoryIndexPage, StoryPage
from tests.helpers import make_wagtail_image
from tests.stories.conftest import make_story

pytestmark = pytest.mark.django_db


class TestPageTree(WagtailPageTestCase):
    def test_story_pages_and_issues_live_only_under_the_one_story_index(self):
        self.assertAllowedParentPageTypes(StoryIndexPage, {HomePage})
        self.assertAllowedSubpageTypes(StoryIndexPage, {StoryPage, MagazineIssuePage})
        self.assertAllowedParentPageTypes(StoryPage, {StoryIndexPage})
        self.assertAllowedSubpageTypes(StoryPage, {})
        self.assertAllowedParentPageTypes(MagazineIssuePage, {StoryIndexPage})
        self.assertEqual(StoryIndexPage.max_count_per_parent, 1)


def test_migrate_alone_makes_the_story_index_live_at_verhalen(client):
    index = StoryIndexPage.objects.get()
    assert index.live and index.url == "/verhalen/"
    response = client.get("/verhalen/")
    assert response.status_code == 200
    assert response.content.decode().count("<h1") == 1


def test_story_page_shows_title_author_date_themes_and_main_photo_as_rendition(client, story_index):
    story = make_story(story_index, "Soep voor de straat", themes=["Koken met kinderen"], author="Marieke", date=date(2026, 10, 7))
    html = client.get(story.url).content.decode()
    assert "Soep voor de straat" in html
    assert "Door Marieke" in html
    assert "7 oktober 2026" in html
    assert 'href="/verhalen/thema/koken-met-kinderen/"' in html
    assert f'alt="{story.main_image.description}"' in html
    assert ".width-960." in html
    assert "original_images" not in html


def test_story_list_pages_through_stories_newest_first(client, story_index):
    for number in range(STORIES_PER_PAGE + 2):
        make_story(story_index, f"Verhaal {number}", date=date(2026, 1, number + 1), image=False)
    first = client.get("/verhalen/").content.decode()
    assert "Verhaal 13" in first and "Verhaal 0<" not in first
    assert "Pagina 1 van 2" in first
    second = client.get("/verhalen/?pagina=2").content.decode()
    assert "Verhaal 0<" in second and "Verhaal 1<" in second
    assert client.get("/verhalen/?pagina=abc").status_code == 200


def test_theme_page_lists_only_that_themes_published_stories(client, story_index):
    make_story(story_index, "Stoppen met roken", themes=["Stoptober"], image=False)
    make_story(story_index, "Gereedschap lenen", themes=["De Deelwerf"], image=False)
    make_story(story_index, "Nog niet klaar", themes=["Stoptober"], image=False, publish=False)
    html = client.get("/verhalen/thema/stoptober/").content.decode()
    assert "Verhalen over Stoptober" in html
    assert "Stoppen met roken" in html
    assert "Gereedschap lenen" not in html and "Nog niet klaar" not in html
    index_html = client.get("/verhalen/").content.decode()
    assert 'href="/verhalen/thema/de-deelwerf/"' in index_html
    assert client.get("/verhalen/thema/bestaat-niet/").status_code == 404


def test_unpublished_story_is_not_reachable(client, story_index):
    story = make_story(story_index, "Concept", publish=False)
    assert client.get(story.url_path.replace("/home", "")).status_code == 404
    assert "Concept" not in client.get("/verhalen/").content.decode()


def test_image_block_cannot_be_saved_without_alt_text():
    image = make_wagtail_image()
    block = StoryBodyBlock()
    value = block.to_python([{"type": "image", "value": {"image": image.pk, "alt": "", "caption": ""}}])
    with pytest.raises(StreamBlockValidationError):
        block.clean(value)
    ok = block.to_python([{"type": "image", "value": {"image": image.pk, "alt": "Bewoners aan tafel", "caption": ""}}])
    block.clean(ok)


def test_image_block_renders_its_alt_text_and_a_rendition(client, story_index):
    image = make_wagtail_image(title="Tafel")
    body = [{"type": "image", "value": {"image": image.pk, "alt": "Bewoners aan een lange tafel", "caption": "Koffie"}}]
    story = make_story(story_index, "Met foto", body=StoryBodyBlock().to_python(body), image=False)
    html = client.get(story.url).content.decode()
    assert 'alt="Bewoners aan een lange tafel"' in html
    assert "<figcaption>Koffie</figcaption>" in html


def test_main_photo_without_description_cannot_be_published(story_index):
    image = make_wagtail_image()
    Image.objects.filter(pk=image.pk).update(description="")
    story = StoryPage(title="Zonder beschrijving", author_name="Ans", body=[], main_image=Image.objects.get(pk=image.pk))
    with pytest.raises(ValidationError) as error:
        story_index.add_child(instance=story)
    assert "main_image_alt" in error.value.message_dict


def test_magazine_issue_shows_its_published_stories_in_the_editors_order_and_prints(client, story_index):
    first = make_story(story_index, "Eerste verhaal", image=False)
    second = make_story(story_index, "Tweede verhaal", image=False)
    hidden = make_story(story_index, "Niet gepubliceerd", image=False, publish=False)
    issue = MagazineIssuePage(title="Rucreant winter", slug="rucreant-winter", issue_number=88, editors_note="<p>Fijne feestdagen.</p>")
    for story in (second, hidden, first):
        issue.entries.add(MagazineIssueEntry(story=story))
    story_index.add_child(instance=issue)
    issue.save_revision().publish()

    html = client.get("/verhalen/rucreant-winter/").content.decode()
    assert html.index("Tweede verhaal") < html.index("Eerste verhaal")
    assert "Niet gepubliceerd" not in html
    assert 'href="/verhalen/rucreant-winter/afdrukken/"' in html

    printed = client.get("/verhalen/rucreant-winter/afdrukken/").content.decode()
    assert printed.count('class="print-story"') == 2
    assert "Elke dinsdag staat de koffie klaar." in printed
    assert "css/stories.css" in printed
    assert "Rucreant winter" in client.get("/verhalen/").content.decode()


def test_print_stylesheet_lays_out_a4_pages():
    from django.contrib.staticfiles import finders

    css = open(finders.find("css/stories.css")).read()
    assert "size: A4" in css and "break-before: page" in css
