"""
Several wijken on one installation: Ruwaard (the default site, as after `migrate`) and Schadewijk (added by
home.services.add_wijk) keep their pages, agenda and editors apart; a drop-in hour serves both.
"""

from datetime import datetime, time, timedelta

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from wagtail.models import Page, Site, WorkflowContentType

from agenda.filters import today
from agenda.models import LOCAL_TZ, ActivityPage, AgendaPage
from dropins.models import DropInIndexPage, DropInPage, Organisation
from home.services import add_wijk, editors_group_name
from moderation import queue
from places.models import Place
from stories.models import StoryIndexPage, StoryPage
from stories.services import report_story
from tests.helpers import make_user
from wijkplatform.moderation import EDITORS_GROUP, RESIDENTS_GROUP, submit_for_review
from wijkplatform.themes import Theme
from wijkplatform.wijken import section

pytestmark = pytest.mark.django_db

SCHADEWIJK = "schadewijk.localhost"


@pytest.fixture
def schadewijk(db):
    return add_wijk("Schadewijk", SCHADEWIJK)


@pytest.fixture
def ruwaard(schadewijk):
    return Site.objects.get(is_default_site=True)


def host(site):
    return {"HTTP_HOST": site.hostname if site.port == 80 else f"{site.hostname}:{site.port}"}


def add_activity(site, title, day):
    agenda = section(AgendaPage, site)
    page = ActivityPage(
        title=title, date=day, start_time=time(10), end_time=time(23, 59), description="Koffie.", organiser="Buren"
    )
    agenda.add_child(instance=page)
    page.save_revision().publish()
    return page


def add_dropin(site, title, day, serves=()):
    number = Place.objects.count() + 1  # places and organisations serve all of Oss: named apart from the title
    organisation = Organisation.objects.create(name=f"Organisatie {number}", helps_with="Hulp bij geld.", live=True)
    place = Place.objects.create(name=f"Zaal {number}", address="Wijkplein 1, Oss")
    page = DropInPage(
        title=title, organisation=organisation, place=place, theme=Theme.MONEY, weekday=day.weekday(),
        starts_on=day - timedelta(days=7), start_time=time(9), end_time=time(23, 59), intro="Vragen over geld? Loop binnen.",
    )
    section(DropInIndexPage, site).add_child(instance=page)
    page.wijken.set(serves)
    page.save_revision().publish()
    return page


def send_in_story(site, author, title):
    draft = StoryPage(title=title, author_name="Ans", body=[("paragraph", "<p>Soep voor de straat.</p>")])
    submit_for_review(draft, author, parent=section(StoryIndexPage, site))
    return Page.objects.get(pk=draft.pk).specific


def test_a_wijk_gets_its_own_tree_site_editors_and_workflow_and_adding_it_again_changes_nothing(ruwaard, schadewijk):
    again = add_wijk("Schadewijk", SCHADEWIJK)
    assert again.pk == schadewijk.pk and Site.objects.count() == 2
    home = schadewijk.root_page.specific
    assert [page.slug for page in home.get_children()] == [
        "agenda", "verhalen", "initiatieven", "inloop", "wie-doet-wat", "privacy"
    ]
    assert home.get_workflow().name.endswith("Schadewijk")
    assert ruwaard.root_page.get_workflow() != home.get_workflow()
    # Organisations and places serve all of Oss: the editors of every wijk decide on them.
    snippet_workflow = WorkflowContentType.objects.get(content_type__model="organisation").workflow
    groups = {group.name for task in snippet_workflow.tasks.all() for group in task.specific.groups.all()}
    assert groups == {EDITORS_GROUP, editors_group_name("Schadewijk")}


def test_each_wijk_shows_its_own_items_plus_the_ones_that_serve_it_on_every_agenda_view(ruwaard, schadewijk):
    tomorrow = today() + timedelta(days=1)
    add_activity(ruwaard, "Koffieochtend Ruwaard", tomorrow)
    add_activity(schadewijk, "Spelletjesmiddag Schadewijk", tomorrow)
    add_dropin(ruwaard, "Spreekuur voor allebei", tomorrow, serves=[schadewijk])
    add_dropin(ruwaard, "Spreekuur alleen Ruwaard", tomorrow)
    paths = [
        "/",
        "/agenda/",
        f"/agenda/poster/?datum={tomorrow.isoformat()}",
        "/agenda/scherm/",
        "/agenda/agenda.ics",
        f"/agenda/agenda.ics?periode=dag&datum={tomorrow.isoformat()}",
    ]
    client = Client()
    for path in paths:
        ruwaard_page = client.get(path, **host(ruwaard)).content.decode()
        schadewijk_page = client.get(path, **host(schadewijk)).content.decode()
        assert "Koffieochtend Ruwaard" in ruwaard_page and "Koffieochtend Ruwaard" not in schadewijk_page, path
        assert "Spelletjesmiddag Schadewijk" in schadewijk_page and "Spelletjesmiddag Schadewijk" not in ruwaard_page, path
        assert "Spreekuur voor allebei" in ruwaard_page and "Spreekuur voor allebei" in schadewijk_page, path
        assert "Spreekuur alleen Ruwaard" in ruwaard_page and "Spreekuur alleen Ruwaard" not in schadewijk_page, path
    everything = client.get("/agenda/?wijken=alle", **host(schadewijk)).content.decode()
    assert "Koffieochtend Ruwaard" in everything and "Spelletjesmiddag Schadewijk" in everything
    assert "Spreekuur voor allebei" in client.get("/inloop/", **host(schadewijk)).content.decode()


def test_stories_and_search_stay_in_their_wijk_and_the_page_cache_keeps_hosts_apart(ruwaard, schadewijk):
    editor = make_user("redacteur-schadewijk", editors_group_name("Schadewijk"))
    story = StoryPage(title="Bloembakken in onze straat", author_name="Fatma", body=[("paragraph", "<p>Bloemen.</p>")])
    section(StoryIndexPage, schadewijk).add_child(instance=story)
    story.save_revision(user=editor).publish(user=editor)
    client = Client()
    for path in ["/", "/verhalen/", "/verhalen/feed/", "/zoeken/?q=bloembakken"]:
        first = client.get(path, **host(schadewijk))
        assert "Bloembakken" in first.content.decode(), path
        assert "Bloembakken" not in client.get(path, **host(ruwaard)).content.decode(), path
    cached = client.get("/verhalen/", **host(schadewijk))
    assert cached["X-Page-Cache"] == "hit" and "Bloembakken" in cached.content.decode()
    assert "Bloembakken" not in client.get("/verhalen/", **host(ruwaard)).content.decode()


def test_a_residents_story_goes_to_the_editors_of_the_wijk_it_was_sent_in(ruwaard, schadewijk):
    resident = make_user("bewoner1", RESIDENTS_GROUP)
    client = Client()
    client.force_login(resident)
    data = {"title": "Schoon park", "intro": "", "text": "We prikten afval.", "author_name": "Gerrit", "new_themes": "",
            "website": ""}
    assert client.post(reverse("stories:submit"), data, **host(schadewijk)).status_code == 302
    story = StoryPage.objects.get(title="Schoon park")
    assert story.get_parent().get_parent().pk == schadewijk.root_page_id
    assert story.current_workflow_state.current_task_state.task.name.endswith("Schadewijk")


@pytest.fixture
def two_drafts(ruwaard, schadewijk):
    resident = make_user("bewoner1", RESIDENTS_GROUP)
    return {
        "ruwaard": (make_user("redacteur1", EDITORS_GROUP), send_in_story(ruwaard, resident, "Geheim uit Ruwaard")),
        "schadewijk": (
            make_user("redacteur2", editors_group_name("Schadewijk")),
            send_in_story(schadewijk, resident, "Geheim uit Schadewijk"),
        ),
    }


@pytest.mark.parametrize("mine, theirs", [("schadewijk", "ruwaard"), ("ruwaard", "schadewijk")])
def test_an_editor_cannot_see_edit_preview_or_approve_a_draft_of_another_wijk(two_drafts, mine, theirs):
    editor, own = two_drafts[mine]
    _other_editor, other = two_drafts[theirs]
    task_state = other.current_workflow_state.current_task_state
    client = Client()
    client.force_login(editor)

    listing = client.get(reverse("moderation:list")).content.decode()
    assert own.title in listing and other.title not in listing
    assert other.title not in client.get(f"/admin/pages/{other.get_parent().pk}/").content.decode()
    for url in [
        f"/admin/pages/{other.pk}/edit/",
        f"/admin/pages/{other.pk}/edit/preview/",
        f"/admin/pages/{other.pk}/view_draft/",
        f"/admin/pages/workflow/preview/{other.pk}/{task_state.task_id}/",
        f"/admin/bulk/wagtailcore/page/move/?id=all&childOf={other.get_parent().pk}",
    ]:
        response = client.get(url)
        assert response.status_code in (302, 403), url
        assert other.title not in response.content.decode(), url
    client.post(reverse("moderation:decide", args=[task_state.pk]), {"action": "approve", "comment": ""})
    client.post(f"/admin/pages/{other.pk}/workflow/action/approve/{task_state.pk}/", {})
    other.refresh_from_db()
    assert not other.live and other.current_workflow_state.current_task_state.pk == task_state.pk
    # Their own wijk's draft they approve.
    own_state = own.current_workflow_state.current_task_state
    response = client.post(reverse("moderation:decide", args=[own_state.pk]), {"action": "approve", "comment": ""})
    assert response.status_code == 302
    own.refresh_from_db()
    assert own.live


def test_the_live_queue_counts_only_the_wijk_of_each_editor(two_drafts):
    ruwaard_editor, _story = two_drafts["ruwaard"]
    schadewijk_editor, _story = two_drafts["schadewijk"]
    superuser = make_user("beheerder", superuser=True)
    assert queue.waiting(ruwaard_editor).total == 1
    assert queue.waiting(schadewijk_editor).total == 1
    assert queue.waiting(superuser).total == 2
    own_group = queue.waiting(schadewijk_editor).live_group
    assert own_group != queue.LIVE_GROUP and own_group != queue.waiting(ruwaard_editor).live_group
    assert queue.may_follow(schadewijk_editor, own_group) and not queue.may_follow(ruwaard_editor, own_group)
    assert not queue.may_follow(schadewijk_editor, queue.LIVE_GROUP) and queue.may_follow(superuser, queue.LIVE_GROUP)
    client = Client()
    client.force_login(schadewijk_editor)
    header = client.get(reverse("moderation_queue", args=["kop"])).content.decode()
    assert f'data-live="{own_group}"' in header and '<span data-live-field="total">1</span>' in header


def test_a_screen_in_one_wijk_lists_today_only_its_own_items(ruwaard, schadewijk):
    now = datetime.now(LOCAL_TZ)
    if now.hour >= 23:
        pytest.skip("the test's activities end at midnight")
    add_activity(schadewijk, "Buurtlunch Schadewijk", today())
    screen = Client().get("/agenda/scherm/", **host(ruwaard)).content.decode()
    assert "Buurtlunch Schadewijk" not in screen
    assert "Buurtlunch Schadewijk" in Client().get("/agenda/scherm/", **host(schadewijk)).content.decode()


def test_a_report_about_a_story_goes_to_its_own_wijks_editors_only(two_drafts, django_capture_on_commit_callbacks):
    ruwaard_editor, _draft = two_drafts["ruwaard"]
    schadewijk_editor, story = two_drafts["schadewijk"]
    story.save_revision(user=schadewijk_editor).publish(user=schadewijk_editor)
    with django_capture_on_commit_callbacks(execute=True):
        report_story(story, reason="kwetsend", key="lezer-1")
    assert [message.to for message in mail.outbox] == [[schadewijk_editor.email]]
    for editor, sees in [(schadewijk_editor, True), (ruwaard_editor, False)]:
        client = Client()
        client.force_login(editor)
        page = client.get(reverse("stories_reports:index")).content.decode()
        assert (story.title in page) is sees
        report_pk = story.reports.get().pk
        assert client.get(reverse("stories_reports:edit", args=[report_pk])).status_code == (200 if sees else 404)


def test_each_wijk_carries_its_own_name_in_header_title_and_poster(client, schadewijk, ruwaard):
    for site, name in [(schadewijk, "Wij(k) Schadewijk"), (ruwaard, "Wij(k) de Ruwaard")]:
        home = client.get("/", **host(site)).content.decode()
        assert f"<span>{name}</span>" in home and f"| {name}</title>" in home
        poster = client.get("/agenda/poster/", **host(site)).content.decode()
        assert f"{name}: wat is er te doen?" in poster
        assert "Ruwaard" not in poster.split("<h1>")[1].split("</h1>")[0] or site == ruwaard


def test_a_professional_posts_a_drop_in_hour_once_for_several_wijken(client, ruwaard, schadewijk, professional):
    from tests.dropins.test_professional_pages import form_data

    organisation = Organisation.objects.create(name="Schuldhulp Oss", helps_with="Hulp bij geld.", theme=Theme.MONEY)
    organisation.members.add(professional)
    organisation.save()  # the members are a parental relation: stored on save
    place = Place.objects.create(name="Ons Huis van de Wijk", address="Wijkplein 1, Oss")
    client.force_login(professional)
    form = client.get("/inloop/mijn-spreekuren/nieuw/", **host(ruwaard)).content.decode()
    assert "Wij(k) Schadewijk" in form and "Wij(k) de Ruwaard</label>" not in form  # its own wijk goes without saying
    data = form_data(organisation, place, wijken=[schadewijk.pk])
    assert client.post("/inloop/mijn-spreekuren/nieuw/", data, **host(ruwaard)).status_code == 302
    draft = DropInPage.objects.get(title="Spreekuur toeslagen")
    assert draft.get_site() == ruwaard
    assert list(draft.get_latest_revision_as_object().wijken.all()) == [schadewijk]

    bad = form_data(organisation, place, title="Spreekuur twee", wijken=["999999", "x"])
    answer = client.post("/inloop/mijn-spreekuren/nieuw/", bad, **host(ruwaard))
    assert answer.status_code == 200 and "field--error" in answer.content.decode()


def test_a_volunteer_in_schadewijk_gets_mail_signed_with_schadewijk(
    client, schadewijk, resident, django_capture_on_commit_callbacks
):
    from initiatives.models import InitiativeIndexPage
    from tests.initiatives.factories import make_initiative, make_shift, signup_data, signup_url

    initiative = make_initiative(resident, index=section(InitiativeIndexPage, schadewijk))
    shift = make_shift(initiative)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(signup_url(shift), signup_data(), **host(schadewijk))
    (message,) = mail.outbox
    assert message.subject.startswith("[Wij(k) Schadewijk] ")
    assert "Wij(k) Schadewijk" in message.body and "Ruwaard" not in message.body
