"""
Logged-in pages are built from cached fragments ({% fragment %}): a change shows at once, what belongs to one
person is never shown to another, every request gets its own CSRF token, and a draft's preview is never cached.
The site and the way to a child page come from the same cache and follow a change as fast.
"""

import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from dropins import services as dropin_services
from dropins.models import DropInIndexPage, Organisation
from initiatives.models import Signup
from places.models import Place
from tests.dropins.conftest import make_dropin
from tests.helpers import make_user
from tests.initiatives.factories import make_initiative, make_shift, signup_data, signup_url
from wijkplatform.moderation import RESIDENTS_GROUP

pytestmark = pytest.mark.django_db

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
SEATS = re.compile(r"data-seats-left[^>]*>\s*(\d+)")


@pytest.fixture(autouse=True)
def page_cache(settings):
    settings.PAGE_CACHE_SECONDS = 60


@pytest.fixture
def initiative(resident):
    return make_initiative(resident)


def logged_in(user):
    client = Client()
    client.force_login(user)
    return client


def queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def seats_left(response):
    return SEATS.search(response.content.decode()).group(1)


def test_a_second_logged_in_visit_renders_the_cached_parts_with_fewer_queries(resident, home):
    client = logged_in(resident)
    first = queries(client, "/verhalen/")
    assert queries(client, "/verhalen/") < first


def test_a_published_change_shows_at_once_to_a_logged_in_resident(resident, editor, initiative):
    client = logged_in(resident)
    assert "Samen repareren." in client.get(initiative.url).content.decode()
    draft = initiative.get_latest_revision_as_object()
    draft.aim = "Samen fietsen maken, elke week."
    draft.save_revision(user=editor).publish()
    page = client.get(initiative.url).content.decode()
    assert "Samen fietsen maken, elke week." in page and "Samen repareren." not in page


def test_free_places_shown_to_a_logged_in_resident_follow_every_sign_up(resident, initiative):
    shift = make_shift(initiative, capacity=2)
    client = logged_in(resident)
    assert seats_left(client.get(initiative.url)) == seats_left(client.get(initiative.url)) == "2"

    Client().post(signup_url(shift), signup_data())
    assert Signup.objects.filter(shift=shift, status=Signup.CONFIRMED).count() == 1
    assert seats_left(client.get(initiative.url)) == "1"


def test_a_cancelled_drop_in_hour_shows_at_once_in_a_logged_in_residents_list(resident, professional):
    organisation = Organisation.objects.create(name="Schuldhulp Maasland", helps_with="Hulp bij geld.")
    organisation.members.add(professional)
    organisation.save()
    place = Place.objects.create(name="Ons Huis van de Wijk", address="Wijkplein 12, Oss")
    dropin = make_dropin(DropInIndexPage.objects.get(), organisation, place)
    client = logged_in(resident)
    assert 'data-status="cancelled"' not in client.get("/inloop/").content.decode()
    assert 'data-status="cancelled"' not in client.get("/inloop/").content.decode()

    tomorrow = timezone.localdate() + timedelta(days=1)
    next_tuesday = tomorrow + timedelta(days=(1 - tomorrow.weekday()) % 7)
    dropin_services.cancel_occurrence(dropin, next_tuesday, professional, "Ziek.")
    assert 'data-status="cancelled"' in client.get("/inloop/").content.decode()


def test_one_residents_account_menu_and_sign_up_form_are_never_shown_to_another(initiative):
    make_shift(initiative)
    ans = make_user("ans", RESIDENTS_GROUP, email="ans@example.org")
    bert = make_user("bert", RESIDENTS_GROUP, email="bert@example.org")
    ans_page = logged_in(ans).get(initiative.url).content.decode()
    bert_page = logged_in(bert).get(initiative.url).content.decode()
    assert "ans@example.org" in ans_page and "ans@example.org" not in bert_page
    assert "bert@example.org" in bert_page
    visitor_page = Client().get(initiative.url).content.decode()
    assert "ans@example.org" not in visitor_page and "Uitloggen" not in visitor_page


def test_every_request_gets_its_own_csrf_token_in_a_cached_fragment(resident, other_resident, initiative):
    shift = make_shift(initiative, capacity=3)
    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    first.force_login(resident)
    second.force_login(other_resident)
    first_tokens = set(TOKEN.findall(first.get(initiative.url).content.decode()))
    (token,) = set(TOKEN.findall(second.get(initiative.url).content.decode()))
    assert token not in first_tokens
    answer = second.post(signup_url(shift), {**signup_data(), "csrfmiddlewaretoken": token})
    assert answer.status_code in (200, 302)
    assert Signup.objects.filter(shift=shift).count() == 1


def test_a_preview_of_a_draft_is_never_taken_from_or_put_in_the_cache(rf, resident, initiative):
    client = logged_in(resident)
    client.get(initiative.url)
    draft = initiative.get_latest_revision_as_object()
    draft.aim = "Nog niet gepubliceerd."
    request = rf.get(initiative.url)
    request.user = resident
    assert "Nog niet gepubliceerd." in draft.make_preview_request(request).content.decode()
    assert "Nog niet gepubliceerd." not in client.get(initiative.url).content.decode()


def test_the_agenda_page_passes_on_everything_its_list_is_built_with(rf, resident, home):
    from agenda.models import AgendaPage
    from agenda.queries import agenda_context

    request = rf.get("/agenda/")
    request.user = resident
    assert set(agenda_context(request)) == set(AgendaPage.LIST_CONTEXT)


def test_the_drop_in_list_passes_on_everything_its_list_is_built_with(rf, resident):
    from dropins.queries import index_context

    request = rf.get("/inloop/")
    request.user = resident
    assert set(index_context(DropInIndexPage.objects.get(), request)) == {*DropInIndexPage.LIST_CONTEXT, "now"}


def test_a_new_address_works_at_once_and_the_old_one_no_longer(resident, editor, initiative):
    client = logged_in(resident)
    old_url = initiative.url
    assert client.get(old_url).status_code == 200
    draft = initiative.get_latest_revision_as_object()
    draft.slug = "fietsen-maken"
    draft.save_revision(user=editor).publish()
    assert client.get(old_url).status_code == 404
    assert client.get("/initiatieven/fietsen-maken/").status_code == 200


def test_a_renamed_wijk_shows_its_new_name_at_once(resident, home):
    from wagtail.models import Site

    client = logged_in(resident)
    client.get("/")
    site = Site.objects.get(is_default_site=True)
    site.site_name = "Ruwaard-Oost"
    site.save()
    request = client.get("/").wsgi_request
    assert request._wagtail_site.site_name == "Ruwaard-Oost"


def test_a_fragment_with_a_token_outside_a_form_field_is_never_shared(rf, resident):
    from django.template import RequestContext, Template

    template = Template('{% load fragments %}{% fragment "test" %}<p data-token="{{ csrf_token }}"></p>{% endfragment %}')

    def render():
        request = rf.get("/")
        request.user = resident
        return template.render(RequestContext(request))

    assert render() != render()


def test_answers_to_a_full_shift_share_the_fixed_parts_but_keep_each_persons_own(resident, initiative):
    shift = make_shift(initiative, capacity=1)
    Client().post(signup_url(shift), signup_data(email="eerste@example.org"))
    answers = []
    for name, email in [("Ans", "ans@example.org"), ("Bram", "bram@example.org")]:
        response = Client().post(signup_url(shift), signup_data(name=name, email=email))
        assert 'data-signup-status="full"' in response.content.decode()
        answers.append((response.content.decode(), {template.name for template in response.templates}))
    (first, first_templates), (second, second_templates) = answers
    # The second answer takes the shift's summary, the header and the footer from the cache...
    assert "initiatives/includes/shift_summary.html" in first_templates - second_templates
    assert not {"includes/header.html", "includes/footer.html"} & second_templates
    assert "Koffie schenken" in second and "Repair Café" in second
    # ...and still offers the waitlist with what this person typed, under a token of their own.
    assert 'value="bram@example.org"' in second and "ans@example.org" not in second
    assert TOKEN.search(first).group(1) != TOKEN.search(second).group(1)


def test_a_sign_up_renews_the_places_but_keeps_the_menu_header_and_footer(resident, initiative):
    from wijkplatform import page_cache

    shift = make_shift(initiative, capacity=3)
    client = logged_in(resident)
    before = seats_left(client.get(initiative.url))
    structure, content = page_cache.structure_version(), page_cache.version()

    Client().post(signup_url(shift), signup_data())
    assert page_cache.structure_version() == structure and page_cache.version() > content
    response = client.get(initiative.url)
    assert int(seats_left(response)) == int(before) - 1
    assert not {"includes/header.html", "includes/footer.html"} & {template.name for template in response.templates}


def test_a_page_added_to_the_menu_shows_in_the_header_at_once(resident, editor, home):
    from wijkplatform import page_cache

    client = logged_in(resident)
    assert "Buurtnieuws" not in client.get("/").content.decode()
    structure = page_cache.structure_version()
    page = home.get_children().live().first().specific
    draft = page.get_latest_revision_as_object()
    draft.title = "Buurtnieuws"
    draft.save_revision(user=editor).publish()
    assert page_cache.structure_version() > structure
    assert "Buurtnieuws" in client.get("/").content.decode()
