"""/inloop/ and /wie-doet-wat/ after migrate, the agenda source, the demo content, and fixed query counts."""

import io
from datetime import datetime, time, timedelta

from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from agenda.items import KIND_DROPIN
from dropins import agenda, recurrence, seed, services
from dropins.models import DropInException, DropInIndexPage, DropInPage, SocialMapPage
from dropins.recurrence import TZ
from tests.dropins.conftest import make_dropin
from wijkplatform.themes import Theme


def test_migrate_alone_makes_the_drop_in_list_and_who_does_what(client, home):
    assert DropInIndexPage.objects.get().get_parent().pk == home.pk
    assert client.get("/inloop/").status_code == 200
    assert client.get("/wie-doet-wat/").status_code == 200
    assert SocialMapPage.objects.get().live


def test_drop_in_pages_live_only_under_the_drop_in_list(index):
    assert DropInIndexPage.allowed_subpage_models() == [DropInPage]
    assert DropInPage.allowed_parent_page_models() == [DropInIndexPage]
    assert DropInPage.allowed_subpage_models() == [] and SocialMapPage.allowed_subpage_models() == []
    assert not DropInIndexPage.can_create_at(index.get_parent()) and not SocialMapPage.can_create_at(index.get_parent())


def test_drop_in_page_shows_when_where_and_what_to_bring(client, dropin):
    dropin.what_to_bring = "Uw post."
    dropin.languages = "Nederlands, Turks"
    dropin.save()
    html = client.get(dropin.url).content.decode()
    assert "Elke dinsdag, van 09:30 tot 11:30 uur." in html
    assert "Uw post." in html and "Nederlands, Turks" in html and "Ons Huis van de Wijk" in html
    assert "Geen afspraak nodig" in html and html.count("<h1") == 1


def test_who_does_what_groups_organisations_by_theme_with_their_drop_ins_and_is_searchable(
    client, dropin, organisation, other_organisation
):
    html = client.get("/wie-doet-wat/").content.decode()
    money = html.index('id="thema-geld"')
    care = html.index('id="thema-zorg"')
    assert money < html.index("Schuldhulp Maasland", money) < care
    assert "Spreekuur geldzaken" in html and "Thuiszorg Maasland" in html[care:]
    found = client.get("/wie-doet-wat/", {"q": "thuis"}).content.decode()
    assert "Thuiszorg Maasland" in found and "Schuldhulp Maasland" not in found
    assert client.get("/wie-doet-wat/", {"q": "x" * 5000}).status_code == 200


def test_who_does_what_shows_live_initiatives_by_theme(client, home, resident, editor):
    from initiatives.models import InitiativeIndexPage, InitiativePage, InitiativeTheme

    parent = InitiativeIndexPage.objects.first()
    initiative = InitiativePage(
        title="De Deelwerf", aim="Gereedschap delen met buren.", description="Leen een boor.", organiser_name="Ans",
        themes=[InitiativeTheme(theme=Theme.GREEN)],
    )
    parent.add_child(instance=initiative)
    initiative.save_revision(user=editor).publish()
    draft = InitiativePage(title="Nog geheim", aim="Nog niet klaar.", description="-", organiser_name="Henk", live=False)
    parent.add_child(instance=draft)
    html = client.get("/wie-doet-wat/").content.decode()
    assert "De Deelwerf" in html and "Gereedschap delen met buren." in html and "Nog geheim" not in html
    assert html.index('id="thema-buurt"') < html.index("De Deelwerf")
    assert "De Deelwerf" in client.get("/wie-doet-wat/", {"q": "gereedschap"}).content.decode()


def test_agenda_items_include_cancelled_occurrences_with_place_details(dropin, professional):
    today = datetime.now(TZ).date()
    tuesday = today + timedelta(days=(1 - today.weekday()) % 7 or 7)
    services.cancel_occurrence(dropin, tuesday, professional, "Ziek.")
    start = datetime.combine(tuesday, time(), TZ)
    items = agenda.items(start, start + timedelta(days=14))
    assert [(item.start.date(), item.cancelled) for item in items] == [(tuesday, True), (tuesday + timedelta(days=7), False)]
    item = items[0]
    assert item.kind == KIND_DROPIN and item.uid == f"dropin-{dropin.pk}-{tuesday.isoformat()}"
    assert item.cancel_reason == "Ziek." and item.live_group == f"dropin-{dropin.pk}"
    assert item.place_id == dropin.place_id and item.accessible and item.by_professionals
    assert item.url == "/inloop/spreekuur-geldzaken/" and item.organiser == "Schuldhulp Maasland"
    assert item.themes == ("geld",)


def test_draft_drop_ins_are_not_in_the_agenda_or_the_list(client, index, organisation, place):
    make_dropin(index, organisation, place, title="Nog niet goedgekeurd", live=False)
    now = datetime.now(TZ)
    assert agenda.items(now, now + timedelta(days=30)) == []
    assert "Nog niet goedgekeurd" not in client.get("/inloop/").content.decode()


def test_expansion_and_agenda_run_a_fixed_number_of_queries(index, organisation, place):
    now = datetime.now(TZ)
    year = now + timedelta(days=365)

    def count():
        cache.clear()
        with CaptureQueriesContext(connection) as load_queries:
            pages, exceptions = recurrence.load(now, year)
        with CaptureQueriesContext(connection) as agenda_queries:
            items = agenda.items(now, year)
        return len(load_queries), len(agenda_queries), len(items)

    make_dropin(index, organisation, place)
    few = count()
    seed.add_volume(index, 30, [organisation], [place])
    many = count()
    assert few[:2] == many[:2] == (2, 3)
    assert many[2] > few[2] * 10
    assert DropInException.objects.count() > 0


def test_seed_is_idempotent_and_cancels_one_drop_in_next_week(db):
    from home import seed as home_seed

    home_seed.run(scale=0, stdout=io.StringIO())
    seed.run(scale=0, stdout=io.StringIO())
    seed.run(scale=0, stdout=io.StringIO())
    assert DropInPage.objects.filter(live=True).count() == len(seed.DROPINS) + 1
    today = datetime.now(TZ).date()
    cancelled = DropInException.objects.get(kind="cancelled")
    assert today < cancelled.date <= today + timedelta(days=14)
    from dropins.models import Organisation

    assert Organisation.objects.get(name="Schuldhulp Maasland").members.filter(username="professional").exists()
    themes = set(DropInPage.objects.values_list("theme", flat=True))
    assert {"geld", "werk", "zorg", "bewegen", "gezondheid"} <= themes


def test_seed_scale_adds_fifty_series_per_step(db):
    from home import seed as home_seed

    home_seed.run(scale=0, stdout=io.StringIO())
    seed.run(scale=1, stdout=io.StringIO())
    assert DropInPage.objects.filter(slug__startswith=seed.SCALE_SLUG).count() == 50
    seed.run(scale=1, stdout=io.StringIO())
    assert DropInPage.objects.filter(slug__startswith=seed.SCALE_SLUG).count() == 50


def test_a_long_drop_in_list_comes_in_pages_of_twenty_and_keeps_the_filter(client, index, organisation, place):
    for number in range(23):
        make_dropin(index, organisation, place, title=f"Spreekuur {number:02}", slug=f"spreekuur-{number}")
    first = client.get(index.url).content.decode()
    assert first.count("data-live=\"dropin-") == 20 and "23 spreekuren gevonden" in first
    assert 'rel="next"' in first
    second = client.get(index.url + "?thema=geld&pagina=2").content.decode()
    assert second.count("data-live=\"dropin-") == 3 and 'rel="prev"' in second and "thema=geld&amp;pagina=1" in second
    assert client.get(index.url + "?pagina=999").status_code == 200  # past the end: the last page
