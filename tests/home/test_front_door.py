"""The front door: today, this week, drop-in hours open now and help wanted, from one agenda collection; the header and cards."""

import re
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.template import Context, Template
from django.test import RequestFactory
from django.utils import timezone

from agenda.items import KIND_DROPIN, KIND_INITIATIVE, KIND_SHIFT
from home.queries import front_door
from stories.models import StoryIndexPage
from tests.agenda.conftest import at, days_from_now, only_own_source  # noqa: F401
from tests.dropins.conftest import organisation  # noqa: F401
from tests.initiatives.factories import make_initiative
from tests.stories.conftest import make_story
from wijkplatform.templatetags.cards import theme_illustration
from wijkplatform.themes import Theme

pytestmark = pytest.mark.django_db


def test_today_shows_what_is_still_on_and_leaves_drop_ins_and_shifts_to_their_own_panels(only_own_source):  # noqa: F811
    now = timezone.now()
    only_own_source.make(KIND_INITIATIVE, "Al voorbij", now - timedelta(hours=3), end=now - timedelta(hours=2))
    only_own_source.make(KIND_INITIATIVE, "Nog bezig", now - timedelta(minutes=30), end=now + timedelta(minutes=30))
    only_own_source.make(KIND_DROPIN, "Spreekuur nu", now - timedelta(minutes=10), end=now + timedelta(minutes=50))
    only_own_source.make(KIND_SHIFT, "Hulp gezocht: soep", now + timedelta(minutes=5), seats_left=2)
    door = front_door(now)
    assert [item.title for item in door.today] == ["Nog bezig"]
    assert [item.title for item in door.open_now] == ["Spreekuur nu"]
    assert [item.title for item in door.help_wanted] == ["Hulp gezocht: soep"]
    assert door.next_dropin is None


def test_the_week_is_the_six_days_after_today_grouped_by_day(only_own_source):  # noqa: F811
    for days in (1, 6, 7):
        only_own_source.make(KIND_INITIATIVE, f"Over {days} dagen", at(days_from_now(days), 10))
    door = front_door()
    assert [day for day, _items in door.week] == [days_from_now(1), days_from_now(6)]


def test_without_a_drop_in_today_the_next_one_is_named(only_own_source):  # noqa: F811
    only_own_source.make(KIND_DROPIN, "Spreekuur geldzaken", at(days_from_now(2), 9, 30), end=at(days_from_now(2), 11, 30))
    door = front_door(timezone.now())
    assert door.open_now == [] and door.later_today == []
    assert door.next_dropin.title == "Spreekuur geldzaken"


def test_long_lists_are_cut_and_say_how_many_more(only_own_source):  # noqa: F811
    for minute in range(12):
        only_own_source.make(KIND_INITIATIVE, f"Activiteit {minute}", at(days_from_now(2), 9, minute))
        only_own_source.make(KIND_SHIFT, f"Dienst {minute}", at(days_from_now(3), 9, minute), seats_left=1)
    door = front_door()
    assert sum(len(items) for _day, items in door.week) == 8 and door.week_more == 4
    assert len(door.help_wanted) == 4 and door.help_more == 8


def test_help_wanted_on_the_home_page_names_the_day_not_only_the_time(client, home, only_own_source):  # noqa: F811
    day = days_from_now(4)
    only_own_source.make(KIND_SHIFT, "Hulp gezocht: soep koken", at(day, 9), seats_left=3, live_group="shift-1")
    html = client.get("/").content.decode()
    help_section = html[html.index('id="home-help"'):]
    weekday = ["maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag"][day.weekday()]
    assert f"{weekday} {day.day} " in help_section
    assert 'data-live="shift-1"' in help_section and 'data-live-field="seats_left" hidden>3<' in help_section
    assert "Nog 3 plekken vrij" in help_section


def test_every_section_of_the_front_door_links_to_more(client, home):
    html = client.get("/").content.decode()
    for href in ['href="/agenda/"', 'href="/agenda/?periode=dag"', 'href="/agenda/?periode=week"', 'href="/inloop/"',
                 'href="/agenda/?soort=vrijwilligers&amp;periode=maand"', 'href="/verhalen/"']:
        assert href in html, href


def test_every_page_loads_the_design_tokens_and_the_section_styles(client, home):
    html = client.get("/").content.decode()
    for sheet in ["tokens.css", "site.css", "agenda.css", "stories.css", "initiatives.css", "dropins.css"]:
        assert f"/static/css/{sheet}" in html, sheet
    assert html.index("tokens.css") < html.index("site.css")


def test_every_theme_has_a_drawing():
    drawings = Path(settings.BASE_DIR) / "static" / "img" / "themes"
    assert sorted(path.stem for path in drawings.glob("*.svg")) == sorted(Theme.values)


def test_a_story_tag_named_like_a_theme_gets_that_theme_s_drawing(db):
    story = make_story(StoryIndexPage.objects.get(), "Samen lopen", themes=["buurtpreventie", "Groen en schoon in de buurt"], image=False)
    assert theme_illustration(story).endswith("/img/themes/buurt.svg")
    plain = make_story(StoryIndexPage.objects.get(), "Zomaar", themes=["zomaar"], image=False)
    assert theme_illustration(plain).endswith("/img/themes/ontmoeten.svg")


def test_cards_without_a_photo_show_the_theme_drawing_as_decoration(client, home, resident):
    make_story(StoryIndexPage.objects.get(), "Soep voor de buren", themes=["eten"], image=False)
    make_initiative(resident, title="Repair Café")
    home_html = client.get("/").content.decode()
    assert '<img class="card__image card__image--drawing" src="/static/img/themes/eten.svg" alt="" width="480" height="320">' in home_html
    initiatives_html = client.get("/initiatieven/").content.decode()
    assert 'src="/static/img/themes/buurt.svg" alt=""' in initiatives_html


def test_a_photo_on_a_card_is_a_rendition_with_size_and_alt_text(client, home):
    make_story(StoryIndexPage.objects.get(), "Koffie in de wijk", main_image_alt="Buren aan de koffie")
    html = client.get("/verhalen/").content.decode()
    image = html[html.index('<img', html.index('data-story=')):]
    image = image[: image.index(">") + 1]
    assert ".fill-480x320." in image and re.search(r'width="\d+"', image) and re.search(r'height="\d+"', image)
    assert 'alt="Buren aan de koffie"' in image


HEADER = Template("{% load dropins_tags %}{% works_for_organisation as professional %}{{ professional }}")


def render_header(user):
    request = RequestFactory().get("/")
    request.user = user
    return HEADER.render(Context({"request": request}))


def test_my_drop_in_hours_is_in_the_header_for_members_of_an_organisation(client, professional, resident, organisation, home):  # noqa: F811
    client.force_login(professional)
    assert 'href="/inloop/mijn-spreekuren/"' in client.get("/").content.decode()
    client.force_login(resident)
    assert 'href="/inloop/mijn-spreekuren/"' not in client.get("/").content.decode()


def test_the_header_asks_the_database_nothing_for_visitors(django_assert_num_queries, professional, organisation):  # noqa: F811
    with django_assert_num_queries(0):
        assert render_header(AnonymousUser()) == "False"
    with django_assert_num_queries(1):
        assert render_header(professional) == "True"
