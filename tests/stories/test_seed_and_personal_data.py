"""Demo stories for seed_demo (idempotent, fast synthetic volume) and the stories part of "Mijn gegevens"."""

import io
import time

import pytest
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Page

from home.models import HomePage
from stories import seed
from stories.models import MagazineIssuePage, StoryIndexPage, StoryPage, StoryReport
from tests.stories.conftest import make_story
from wijkplatform.personal_data import collect

pytestmark = pytest.mark.django_db


def run_seed(scale=0):
    from home import seed as home_seed

    out = io.StringIO()
    home_seed.run(scale=0, stdout=out)
    seed.run(scale=scale, stdout=out)
    return out.getvalue()


def test_seed_makes_a_dozen_stories_across_themes_an_issue_and_picks_and_is_idempotent(client):
    run_seed()
    run_seed()
    assert StoryPage.objects.live().count() == 12
    assert StoryPage.objects.filter(live=False).count() == 1  # one waiting for the editors
    themes = {tag.name for story in StoryPage.objects.live() for tag in story.tags.all()}
    assert {"buurtpreventie", "Ons Huis van de Wijk", "Stoptober", "Koken met kinderen", "De Deelwerf"} <= themes
    issue = MagazineIssuePage.objects.get()
    assert issue.live and len(issue.stories()) == 6
    assert HomePage.objects.get().picks.count() == 2
    assert all(story.main_image_id and story.main_image_alt for story in StoryPage.objects.live())
    for url in ["/", "/verhalen/", issue.url, StoryPage.objects.live().first().url, "/verhalen/feed/"]:
        assert client.get(url).status_code == 200, url


def test_synthetic_volume_makes_a_valid_page_tree_quickly_and_tops_up_on_rerun(client):
    run_seed()
    index = StoryIndexPage.objects.get()
    examples = list(StoryPage.objects.live())
    started = time.monotonic()
    assert seed.add_synthetic_stories(index, 300, examples) == 300
    elapsed = time.monotonic() - started
    assert seed.add_synthetic_stories(index, 300, examples) == 0
    assert seed.add_synthetic_stories(index, 310, examples) == 10
    assert Page.find_problems() == ([], [], [], [], [])
    assert StoryPage.objects.live().count() == 12 + 310
    assert elapsed < 10
    synthetic = StoryPage.objects.get(slug="voorbeeldverhaal-310")
    html = client.get(synthetic.url).content.decode()
    assert "Verhaal uit de wijk nummer 310" in html
    assert synthetic.tags.exists() and synthetic.main_image_alt


def test_my_data_holds_my_stories_and_my_reports(client, resident, story_index, published_story):
    mine = make_story(story_index, "Mijn verhaal", owner=resident, author="Ans", image=False)
    client.force_login(resident)
    client.post(reverse("stories:report", args=[published_story.pk]), {"reason": "onjuist", "explanation": "Klopt niet", "website": ""})
    data = collect(resident)
    assert [story["titel"] for story in data["verhalen"]] == [mine.title]
    assert data["verhalen"][0]["naam_bij_verhaal"] == "Ans"
    assert data["meldingen"] == [
        {
            "verhaal": published_story.title,
            "webadres": "http://testserver" + published_story.url,
            "reden": "Het klopt niet",
            "toelichting": "Klopt niet",
            "gemeld_op": timezone.localtime(StoryReport.objects.get().created_at).isoformat(),
        }
    ]


def test_deleting_an_account_keeps_the_report_but_not_who_made_it(client, resident, published_story):
    client.force_login(resident)
    client.post(reverse("stories:report", args=[published_story.pk]), {"reason": "onjuist", "website": ""})
    resident.delete()
    report = StoryReport.objects.get()
    assert report.reporter is None
