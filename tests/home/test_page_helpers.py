"""The shared page helpers: a free slug under a parent, and a page's public URL from the site roots."""

from datetime import date, time

import pytest
from wagtail.models import Page, Site

from dropins import services as dropin_services
from dropins.models import DropInPage, Organisation
from places.models import Place
from stories.models import StoryIndexPage, StoryPage
from wijkplatform.pages import public_url, public_urls, unique_slug
from wijkplatform.themes import Theme


def add_story(index, slug):
    return index.add_child(instance=StoryPage(title=slug, slug=slug, intro="Kort.", author_name="Fatma"))


@pytest.mark.django_db
def test_unique_slug_counts_up_past_taken_children_and_may_ignore_the_page_itself():
    index = StoryIndexPage.objects.get()
    assert unique_slug(index, "Soep koken!", fallback="verhaal") == "soep-koken"
    mine = add_story(index, "soep-koken")
    add_story(index, "soep-koken-2")
    assert unique_slug(index, "Soep koken", fallback="verhaal") == "soep-koken-3"
    assert unique_slug(index, "Soep koken", fallback="verhaal", exclude_pk=mine.pk) == "soep-koken"
    assert unique_slug(index, "!!!", fallback="verhaal") == "verhaal"
    assert unique_slug(index, "Mijn spreekuren", fallback="spreekuur", reserved={"mijn-spreekuren"}) == "mijn-spreekuren-spreekuur"
    assert len(unique_slug(index, "woord " * 40, fallback="verhaal", max_length=20)) <= 20


@pytest.mark.django_db
def test_public_url_is_the_path_on_one_site_and_absolute_on_several():
    index = StoryIndexPage.objects.get()
    story = add_story(index, "buurtsoep")
    assert public_url(story.url_path) == story.url == "/verhalen/buurtsoep/"
    assert public_urls([story, index]) == {story.pk: story.url, index.pk: index.url}
    assert public_url("/elders/pagina/") == ""

    Site.objects.create(hostname="tweede.example", root_page=Page.objects.get(depth=1), is_default_site=False)
    story = Page.objects.get(pk=story.pk)
    assert public_url(story.url_path) == story.url
    assert story.url.startswith("http") and story.url.endswith("/verhalen/buurtsoep/")


@pytest.mark.django_db
def test_a_professionals_new_drop_in_hour_never_takes_a_path_of_the_section(professional):
    organisation = Organisation.objects.create(name="Schuldhulp Maasland", helps_with="Hulp bij geld.", theme=Theme.MONEY)
    place = Place.objects.create(name="Ons Huis van de Wijk", address="Wijkplein 12, Oss")
    page = DropInPage(
        title="Mijn spreekuren", organisation=organisation, place=place, theme=Theme.MONEY, weekday=1,
        starts_on=date(2026, 1, 1),
        start_time=time(9, 30), end_time=time(11, 30), intro="Vragen over geld? Loop binnen.",
    )
    dropin_services.add_dropin(page, professional)
    assert DropInPage.objects.get(pk=page.pk).slug == "mijn-spreekuren-spreekuur"
