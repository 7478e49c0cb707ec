"""
Who reaches which admin URL, and whose work it shows: the policy as a table.

A professional of organisation A works next to organisation B's professional,
a resident with a story waiting and a live page with a change waiting. Every
URL below is requested by each role; the expected outcome is the policy.
Everything that is someone else's unpublished work carries the word GEHEIM.
"""

from datetime import date, time

import pytest
from django.test import Client
from django.urls import reverse
from wagtail.models import Page, Task

from dropins.models import DropInIndexPage, DropInPage, Organisation
from home.models import ContentPage
from places.models import Place
from tests.helpers import make_user, make_wagtail_image
from tests.moderation.conftest import admin_form_data
from wijkplatform.moderation import PROFESSIONALS_GROUP, submit_for_review
from wijkplatform.themes import Theme

pytestmark = pytest.mark.django_db

MARK = "GEHEIM"

# Outcomes
LOGIN = "login"  # sent to the login page: no admin access
DENIED = "denied"  # Wagtail's "no permission" answer: back to the dashboard with a message
SEES = "sees"  # 200, and others' unpublished work is on the page
BLIND = "blind"  # 200, and none of it is
NOT_FOUND = 404
SITE = "site"  # sent on to the site's own pages

ROLES = ["anonymous", "resident", "professional", "editor", "superuser"]
# Anyone without admin access never gets past the login.
OUTSIDERS = (LOGIN, LOGIN)

# URL (filled from the world below) -> outcome for professional, editor, superuser.
POLICY = [
    # Dashboard, explorer, search: only editors see drafts and pending changes of others.
    ("/admin/", BLIND, SEES, SEES),
    ("/admin/pages/", BLIND, BLIND, BLIND),
    ("/admin/pages/{home}/", BLIND, SEES, SEES),
    ("/admin/pages/{index}/", BLIND, SEES, SEES),
    ("/admin/pages/{index}/results/", BLIND, SEES, SEES),
    ("/admin/pages/{other_draft}/", DENIED, SEES, SEES),
    ("/admin/pages/search/?q=Spreekuur", BLIND, SEES, SEES),
    ("/admin/pages/search/?q=Verhaal", BLIND, SEES, SEES),
    ("/admin/pages/search/results/?q=Verhaal", BLIND, SEES, SEES),
    ("/admin/pages/usage/dropins/dropinpage/", BLIND, SEES, SEES),
    ("/admin/pages/usage/home/contentpage/", BLIND, SEES, SEES),
    ("/admin/bulk/wagtailcore/page/delete/?id={other_draft}", DENIED, SEES, SEES),
    ("/admin/bulk/wagtailcore/page/move/?id=all&childOf={index}", DENIED, SEES, SEES),
    # Adding pages: anyone with admin access may send in.
    ("/admin/pages/add/home/contentpage/{home}/", BLIND, BLIND, BLIND),
    ("/admin/pages/add/dropins/dropinpage/{index}/", BLIND, BLIND, BLIND),
    ("/admin/pages/{own}/edit/", BLIND, BLIND, BLIND),
    # One page of someone else: nothing of it, however it is asked for.
    ("/admin/pages/{other_draft}/edit/", DENIED, SEES, SEES),
    ("/admin/pages/{other_draft}/edit/preview/", DENIED, BLIND, BLIND),
    ("/admin/pages/{other_draft}/view_draft/", DENIED, SEES, SEES),
    ("/admin/pages/{other_draft}/history/", DENIED, SEES, SEES),
    ("/admin/pages/{other_draft}/history/results/", DENIED, BLIND, BLIND),
    ("/admin/pages/{other_draft}/revisions/{other_draft_revision}/view/", DENIED, SEES, SEES),
    ("/admin/pages/{other_draft}/revisions/compare/earliest...latest/", DENIED, SEES, SEES),
    ("/admin/pages/{other_draft}/workflow_history/", DENIED, SEES, SEES),
    ("/admin/pages/workflow/preview/{other_draft}/{task}/", DENIED, SEES, SEES),
    ("/admin/pages/{other_draft}/usage/", DENIED, SEES, SEES),
    ("/admin/pages/{other_draft}/copy/", DENIED, SEES, SEES),
    ("/admin/pages/{other_draft}/move/", DENIED, SEES, SEES),
    ("/admin/pages/{other_draft}/delete/", DENIED, SEES, SEES),
    ("/admin/pages/{changed}/history/", DENIED, SEES, SEES),
    ("/admin/pages/{changed}/view_draft/", DENIED, SEES, SEES),
    ("/admin/pages/{changed}/revisions/compare/live...latest/", DENIED, SEES, SEES),
    ("/admin/pages/{changed}/copy/", DENIED, SEES, SEES),
    ("/admin/pages/{own}/move/{other_draft}/confirm/", DENIED, SEES, SEES),
    # Page chooser.
    ("/admin/choose-page/", BLIND, BLIND, BLIND),
    ("/admin/choose-page/{home}/", BLIND, SEES, SEES),
    ("/admin/choose-page/{index}/", BLIND, SEES, SEES),
    ("/admin/choose-page/{other_draft}/", DENIED, SEES, SEES),
    ("/admin/choose-page/search/?q=Spreekuur", BLIND, SEES, SEES),
    # Organisations: a professional only their own, in every view.
    ("/admin/snippets/dropins/organisation/", BLIND, BLIND, BLIND),
    ("/admin/snippets/dropins/organisation/?q=Thuiszorg", BLIND, BLIND, BLIND),
    ("/admin/snippets/dropins/organisation/results/?q=Maasland", BLIND, BLIND, BLIND),
    ("/admin/snippets/dropins/organisation/add/", DENIED, BLIND, BLIND),
    ("/admin/snippets/dropins/organisation/edit/{org_a}/", BLIND, BLIND, BLIND),
    ("/admin/snippets/dropins/organisation/history/{org_a}/", BLIND, BLIND, BLIND),
    ("/admin/snippets/dropins/organisation/edit/{org_b}/", DENIED, SEES, SEES),
    ("/admin/snippets/dropins/organisation/delete/{org_b}/", DENIED, BLIND, BLIND),
    ("/admin/snippets/dropins/organisation/copy/{org_b}/", DENIED, BLIND, BLIND),
    ("/admin/snippets/dropins/organisation/usage/{org_b}/", DENIED, SEES, SEES),
    ("/admin/snippets/dropins/organisation/history/{org_b}/", DENIED, SEES, SEES),
    ("/admin/snippets/dropins/organisation/history-results/{org_b}/", DENIED, BLIND, BLIND),
    ("/admin/snippets/dropins/organisation/history/{org_b}/revisions/compare/earliest...latest/", DENIED, BLIND, BLIND),
    ("/admin/snippets/dropins/organisation/history/{org_b}/revisions/{org_b_revision}/revert/", DENIED, SEES, SEES),
    ("/admin/snippets/dropins/organisation/history/nonsense/revisions/compare/earliest...latest/", NOT_FOUND, NOT_FOUND, NOT_FOUND),
    ("/admin/snippets/dropins/organisation/unpublish/{org_b}/", DENIED, SEES, SEES),
    ("/admin/snippets/dropins/organisation/workflow_history/{org_b}/", DENIED, SEES, SEES),
    ("/admin/snippets/choose/dropins/organisation/", BLIND, BLIND, BLIND),
    ("/admin/snippets/choose/dropins/organisation/results/?q=Thuiszorg", BLIND, BLIND, BLIND),
    ("/admin/snippets/choose/dropins/organisation/chosen/{org_b}/", NOT_FOUND, BLIND, BLIND),
    ("/admin/snippets/choose/dropins/organisation/chosen-multiple/?id={org_b}", BLIND, BLIND, BLIND),
    ("/admin/snippets/choose/dropins/organisation/chosen/nonsense/", NOT_FOUND, NOT_FOUND, NOT_FOUND),
    ("/admin/snippets/choose/dropins/organisation/chosen-multiple/?id=nonsense", BLIND, BLIND, BLIND),
    # Places are shared: every professional proposes changes (as drafts), only editors see who did what.
    ("/admin/snippets/places/place/", BLIND, SEES, SEES),
    ("/admin/snippets/places/place/?q=Wijkplein", BLIND, BLIND, BLIND),
    ("/admin/snippets/places/place/add/", BLIND, BLIND, BLIND),
    # The edit form shows the latest version of a shared place, a colleague's draft included.
    ("/admin/snippets/places/place/edit/{place}/", SEES, SEES, SEES),
    ("/admin/snippets/places/place/usage/{place}/", SEES, SEES, SEES),
    ("/admin/snippets/places/place/delete/{place}/", DENIED, BLIND, BLIND),
    ("/admin/snippets/places/place/history/{place}/", DENIED, SEES, SEES),
    ("/admin/snippets/places/place/history/{place}/revisions/compare/earliest...latest/", DENIED, BLIND, BLIND),
    ("/admin/snippets/places/place/workflow_history/{place}/", DENIED, SEES, SEES),
    ("/admin/snippets/places/place/edit/{new_place}/", DENIED, SEES, SEES),
    ("/admin/snippets/choose/places/place/", BLIND, SEES, SEES),
    ("/admin/snippets/choose/places/place/results/?q=Nieuw", BLIND, SEES, SEES),
    ("/admin/snippets/choose/places/place/chosen/{place}/", BLIND, BLIND, BLIND),
    ("/admin/snippets/choose/places/place/chosen/{new_place}/", NOT_FOUND, SEES, SEES),
    # Reports and the site history: editors only.
    ("/admin/reports/locked/", DENIED, BLIND, BLIND),
    ("/admin/reports/workflow/", DENIED, SEES, SEES),
    ("/admin/reports/workflow/results/", DENIED, SEES, SEES),
    ("/admin/reports/workflow_tasks/", DENIED, SEES, SEES),
    ("/admin/reports/site-history/", DENIED, SEES, SEES),
    ("/admin/reports/site-history/results/", DENIED, SEES, SEES),
    ("/admin/reports/aging-pages/", DENIED, SEES, SEES),
    ("/admin/reports/page-types-usage/", DENIED, SEES, SEES),
    ("/admin/forms/", NOT_FOUND, NOT_FOUND, NOT_FOUND),  # Wagtail's form builder is not installed
    # The editors' own moderation list.
    ("/admin/te-beoordelen/", DENIED, SEES, SEES),
    # Images and documents: a professional chooses from their own uploads.
    ("/admin/images/", BLIND, SEES, SEES),
    ("/admin/images/chooser/", BLIND, SEES, SEES),
    ("/admin/images/chooser/results/?q=Foto", BLIND, SEES, SEES),
    ("/admin/images/{image}/", DENIED, SEES, SEES),
    ("/admin/images/usage/{image}/", DENIED, SEES, SEES),
    ("/admin/documents/", DENIED, BLIND, BLIND),
    ("/admin/documents/chooser/", BLIND, BLIND, BLIND),
    # Accounts, groups, settings and workflows: the technical admin.
    ("/admin/users/", DENIED, DENIED, BLIND),
    ("/admin/users/edit/{resident}/", DENIED, DENIED, BLIND),
    ("/admin/groups/", DENIED, DENIED, BLIND),
    ("/admin/sites/", DENIED, DENIED, BLIND),
    ("/admin/collections/", DENIED, DENIED, BLIND),
    ("/admin/redirects/", DENIED, DENIED, BLIND),
    ("/admin/workflows/list/", DENIED, DENIED, BLIND),
    ("/admin/workflows/tasks/index/", DENIED, DENIED, BLIND),
    ("/admin/meldingen/", DENIED, BLIND, BLIND),
    ("/admin/account/", BLIND, BLIND, BLIND),
    # The admin API behind the explorer.
    ("/admin/api/main/pages/", BLIND, SEES, SEES),
    ("/admin/api/main/pages/?search=Verhaal", BLIND, SEES, SEES),
    ("/admin/api/main/pages/{other_draft}/", NOT_FOUND, SEES, SEES),
    ("/admin/api/main/pages/{changed}/", NOT_FOUND, SEES, SEES),
    ("/admin/api/main/images/", BLIND, SEES, SEES),
    ("/admin/api/main/documents/", BLIND, BLIND, BLIND),
]

# Paths outside the admin proper, with their own rows for every role.
ENTRANCES = [
    ("/admin/login/", LOGIN, SITE, "dashboard", "dashboard", "dashboard"),
    ("/admin/password_reset/", NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND),
    ("/django-admin/", NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND),
]


def build_world(resident, professional, editor, superuser):
    """Organisation A (the professional's) and B, a shared place, and others' unpublished work marked GEHEIM."""
    home = Page.objects.get(depth=2)
    index = DropInIndexPage.objects.get()
    colleague_b = make_user("professional-b", PROFESSIONALS_GROUP)

    org_a = Organisation.objects.create(name="Schuldhulp Maasland", helps_with="Hulp bij geld.")
    org_a.members.add(professional)
    org_a.save()
    org_b = Organisation.objects.create(name="Thuiszorg Maasland", helps_with="Zorg thuis.")
    org_b.members.add(colleague_b)
    org_b.save()
    org_b.name = "Thuiszorg Maasland GEHEIM"
    org_b_revision = org_b.save_revision(user=colleague_b, log_action=True)

    place = Place.objects.create(name="Ons Huis van de Wijk", address="Wijkplein 12, Oss")
    place.name = "Ons Huis van de Wijk GEHEIM"
    place.save_revision(user=colleague_b, log_action=True)
    new_place = Place.objects.create(name="Nieuw buurthuis GEHEIM", address="Straat 1", live=False)
    new_place.save_revision(user=colleague_b)

    schedule = {
        "theme": Theme.MONEY,
        "frequency": DropInPage.WEEKLY,
        "weekday": 1,
        "starts_on": date(2026, 1, 1),
        "start_time": time(9, 30),
        "end_time": time(11, 30),
        "intro": "Vragen over geld? Loop binnen.",
        "place": place,
    }
    own = DropInPage(title="Spreekuur geldzaken", organisation=org_a, owner=professional, **schedule)
    index.add_child(instance=own)
    other_draft = DropInPage(title="Spreekuur GEHEIM van B", organisation=org_b, **schedule)
    submit_for_review(other_draft, colleague_b, parent=index)
    story = ContentPage(title="Verhaal GEHEIM in afwachting", body="<p>Tekst</p>")
    submit_for_review(story, resident, parent=home)
    changed = ContentPage(title="Verhaal over de markt", body="<p>Tekst</p>", owner=resident)
    home.add_child(instance=changed)
    changed.save_revision(user=resident).publish()
    changed.title = "Verhaal GEHEIM gewijzigd"
    submit_for_review(changed, resident)

    image = make_wagtail_image(title="Foto GEHEIM van een bewoner")
    image.uploaded_by_user = resident
    image.save()

    other_draft = Page.objects.get(pk=other_draft.pk)
    return {
        "home": home.pk,
        "index": index.pk,
        "own": own.pk,
        "other_draft": other_draft.pk,
        "other_draft_revision": other_draft.latest_revision_id,
        "changed": changed.pk,
        "task": Task.objects.get(active=True).pk,
        "org_a": org_a.pk,
        "org_b": org_b.pk,
        "org_b_revision": org_b_revision.pk,
        "place": place.pk,
        "new_place": new_place.pk,
        "image": image.pk,
        "resident": resident.pk,
    }


def outcome(response):
    if response.status_code == 302:
        location = response["Location"]
        if location.startswith("/admin/login/") or location.startswith(reverse("account_login")):
            return LOGIN
        if location == reverse("wagtailadmin_home"):
            return "dashboard" if response.request["PATH_INFO"] == "/admin/login/" else DENIED
        if location == reverse("my_contributions"):
            return SITE
        return f"302 to {location}"
    if response.status_code == 200:
        return SEES if MARK in response.content.decode() else BLIND
    return response.status_code


@pytest.fixture
def users(resident, professional, editor, superuser):
    return {"anonymous": None, "resident": resident, "professional": professional, "editor": editor, "superuser": superuser}


@pytest.mark.parametrize("role", ROLES)
def test_every_admin_url_follows_the_policy_for(role, users):
    world = build_world(*(users[name] for name in ROLES[1:]))
    client = Client()
    if users[role]:
        client.force_login(users[role])
    rows = [(url, *OUTSIDERS, *rest) for url, *rest in POLICY] + ENTRANCES
    column = ROLES.index(role) + 1
    wrong = []
    for row in rows:
        url = row[0].format(**world)
        got = outcome(client.get(url))
        if got != row[column]:
            wrong.append(f"{url}: expected {row[column]}, got {got}")
    assert not wrong, f"{role}:\n" + "\n".join(wrong)


def test_professional_still_sees_their_own_drafts_and_the_way_to_them(client, users):
    world = build_world(*(users[name] for name in ROLES[1:]))
    professional = users["professional"]
    draft = DropInPage(
        title="Mijn nieuwe spreekuur",
        organisation=Organisation.objects.get(pk=world["org_a"]),
        place=Place.objects.get(pk=world["place"]),
        theme=Theme.MONEY,
        weekday=2,
        starts_on=date(2026, 2, 1),
        start_time=time(10),
        end_time=time(11),
        intro="Ook voor vragen over post.",
    )
    submit_for_review(draft, professional, parent=DropInIndexPage.objects.get())
    client.force_login(professional)
    assert "Spreekuur geldzaken" in client.get(f"/admin/pages/{world['index']}/").content.decode()
    assert "Mijn nieuwe spreekuur" in client.get(f"/admin/pages/{world['index']}/").content.decode()
    assert "Inloopspreekuren" in client.get(f"/admin/pages/{world['home']}/").content.decode()
    assert "Mijn nieuwe spreekuur" in client.get("/admin/pages/search/?q=spreekuur").content.decode()
    assert client.get(f"/admin/pages/{draft.pk}/edit/").status_code == 200


def test_professional_finds_their_organisation_by_search_without_an_error(client, users):
    world = build_world(*(users[name] for name in ROLES[1:]))
    client.force_login(users["professional"])
    for url in ("/admin/snippets/dropins/organisation/?q=Maasland", "/admin/snippets/choose/dropins/organisation/results/?q=Maasland"):
        response = client.get(url)
        assert response.status_code == 200
        body = response.content.decode()
        assert "Schuldhulp Maasland" in body and "Thuiszorg Maasland" not in body, url
    assert Organisation.objects.filter(pk=world["org_b"]).exists()


def test_reports_are_not_in_a_professionals_menu(client, users):
    build_world(*(users[name] for name in ROLES[1:]))
    client.force_login(users["professional"])
    assert "/admin/reports/" not in client.get("/admin/").content.decode()
    client.force_login(users["editor"])
    assert "/admin/reports/site-history/" in client.get("/admin/").content.decode()


def test_professional_cannot_change_another_organisation_by_posting(client, users):
    world = build_world(*(users[name] for name in ROLES[1:]))
    client.force_login(users["editor"])
    data = admin_form_data(client, f"/admin/snippets/dropins/organisation/edit/{world['org_b']}/")
    client.force_login(users["professional"])
    data["helps_with"] = "Overgenomen door A"
    response = client.post(f"/admin/snippets/dropins/organisation/edit/{world['org_b']}/", data)
    assert outcome(response) == DENIED
    org_b = Organisation.objects.get(pk=world["org_b"])
    assert org_b.helps_with == "Zorg thuis."
    assert "Overgenomen" not in org_b.get_latest_revision_as_object().helps_with


def form_data(client, url, **changes):
    data = admin_form_data(client, url)
    data.update(changes)
    return data


def test_admin_drop_in_form_offers_and_accepts_only_the_professionals_own_organisation(client, users):
    world = build_world(*(users[name] for name in ROLES[1:]))
    client.force_login(users["professional"])
    add_url = f"/admin/pages/add/dropins/dropinpage/{world['index']}/"
    form = client.get(add_url).context["form"]
    assert list(form.fields["organisation"].queryset) == [Organisation.objects.get(pk=world["org_a"])]

    base = form_data(
        client,
        add_url,
        title="Spreekuur toeslagen",
        slug="spreekuur-toeslagen",
        intro="Hulp bij toeslagen.",
        theme=Theme.MONEY,
        place=str(world["place"]),
        frequency=DropInPage.WEEKLY,
        weekday="3",
        starts_on="2026-03-01",
        start_time="10:00",
        end_time="12:00",
    )
    refused = client.post(add_url, {**base, "organisation": world["org_b"]})
    assert refused.status_code == 200
    assert "Kies een organisatie waar u zelf werkt." in refused.content.decode()
    assert not DropInPage.objects.filter(title="Spreekuur toeslagen").exists()

    accepted = client.post(add_url, {**base, "organisation": world["org_a"]})
    assert accepted.status_code == 302
    page = DropInPage.objects.get(title="Spreekuur toeslagen")
    assert page.organisation_id == world["org_a"] and not page.live

    edit_url = f"/admin/pages/{world['own']}/edit/"
    moved = client.post(edit_url, form_data(client, edit_url, organisation=str(world["org_b"])))
    assert moved.status_code == 200
    assert "Kies een organisatie waar u zelf werkt." in moved.content.decode()
    own = DropInPage.objects.get(pk=world["own"])
    assert own.get_latest_revision_as_object().organisation_id == world["org_a"]


def test_editor_may_choose_any_organisation_in_the_admin_drop_in_form(client, users):
    world = build_world(*(users[name] for name in ROLES[1:]))
    client.force_login(users["editor"])
    form = client.get(f"/admin/pages/add/dropins/dropinpage/{world['index']}/").context["form"]
    assert set(form.fields["organisation"].queryset.values_list("pk", flat=True)) == {world["org_a"], world["org_b"]}


def test_a_professionals_change_to_a_shared_place_is_a_draft(client, users):
    world = build_world(*(users[name] for name in ROLES[1:]))
    place = Place.objects.get(pk=world["place"])
    place.save_revision(user=users["editor"]).publish()
    url = f"/admin/snippets/places/place/edit/{place.pk}/"
    client.force_login(users["professional"])
    response = client.post(url, form_data(client, url, address="Andere straat 3, Oss"))
    assert response.status_code == 302
    place.refresh_from_db()
    assert place.live and place.address == "Wijkplein 12, Oss"
    assert place.get_latest_revision_as_object().address == "Andere straat 3, Oss"
    assert place.latest_revision.user == users["professional"]

    add = "/admin/snippets/places/place/add/"
    data = form_data(client, add, name="Bibliotheek Ruwaard", address="Kruisstraat 4, Oss")
    assert client.post(add, data).status_code == 302
    assert not Place.objects.get(name="Bibliotheek Ruwaard").live
