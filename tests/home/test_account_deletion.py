"""
Deleting an account does what the page promised: every table that refers to the user is emptied of them,
their name is gone from public pages, revisions and the search index, and the people affected hear of it.
"""

import json
import re
import uuid
from datetime import date, time, timedelta

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult
from wagtail.admin.models import EditingSession
from wagtail.log_actions import log
from wagtail.models import Comment, Page, PageLogEntry, PageSubscription, Revision
from wagtail.search.models import IndexEntry
from wagtail.users.models import UserProfile

from agenda.models import ActivityPage, AgendaPage
from dropins.models import DropInException, DropInIndexPage, Organisation
from initiatives import services
from initiatives.models import InitiativeIndexPage, InitiativePage, InitiativeTheme, Signup, Support
from places.models import Place
from stories.models import StoryIndexPage, StoryPage, StoryReport
from tests.dropins.conftest import make_dropin
from tests.helpers import PASSWORD, approve, image_upload, make_user
from tests.initiatives.factories import make_initiative, make_shift
from tests.stories.conftest import make_story
from wijkplatform.accounts import ANONYMOUS_AUTHOR, EDITORS_AS_ORGANISER, delete_account, deletion_summary
from wijkplatform.moderation import RESIDENTS_GROUP, submit_for_review
from wijkplatform.themes import Theme

SURNAME = "Zonnebloem"
EMAIL = "henk.zonnebloem@example.org"
SHOWN_NAME = f"Henk {SURNAME}"


def references_to(user_id):
    """{"app.Model.field": rows} for every foreign key (and many-to-many table) in the project that points at `user_id`."""
    User = get_user_model()
    found = {}
    for model in apps.get_models(include_auto_created=True):
        for field in model._meta.local_fields:
            if field.is_relation and field.related_model is User:
                count = model._base_manager.filter(**{field.attname: user_id}).count()
                found[f"{model._meta.label}.{field.name}"] = count
    return found


def user_ids_in(value, user_id, keys):
    """Paths in serialized content where a user field holds `user_id`."""
    hits = []
    if isinstance(value, dict):
        for key, item in value.items():
            if key in keys and (item == user_id or (isinstance(item, list) and user_id in item)):
                hits.append(key)
            hits += user_ids_in(item, user_id, keys)
    elif isinstance(value, list):
        for item in value:
            hits += user_ids_in(item, user_id, keys)
    return hits


def user_field_names():
    User = get_user_model()
    return {
        field.name
        for model in apps.get_models()
        for field in model._meta.get_fields()
        if field.concrete and field.is_relation and field.related_model is User
    }


def send_in_story(client, title, *, photo=True):
    data = {
        "title": title,
        "intro": "Over de markt.",
        "text": "Elke zaterdag staat de markt op het plein.",
        "author_name": SHOWN_NAME,
        "new_themes": "ontmoeten",
        "website": "",
    }
    if photo:
        data.update(photo=image_upload(), photo_alt="Kramen op het plein")
    response = client.post(reverse("stories:submit"), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    return StoryPage.objects.get(title=title)


def start_initiative(henk, editor):
    page = InitiativePage(
        title="Moestuin Ruwaard",
        slug="moestuin-ruwaard",
        aim="Samen groente kweken.",
        description="Wij kweken groente voor de buurt.",
        organiser_name=SHOWN_NAME,
        themes=[InitiativeTheme(theme="buurt")],
    )
    start = timezone.now() + timedelta(days=5)
    services.start_initiative(
        InitiativeIndexPage.objects.get(), henk, page, [{"task": "Onkruid wieden", "start": start, "end": start + timedelta(hours=2), "capacity": 4}]
    )
    return approve(page, editor)


def add_activity(henk):
    activity = ActivityPage(
        title="Buurtbarbecue",
        slug="buurtbarbecue",
        date=timezone.localdate() + timedelta(days=10),
        start_time=time(17, 0),
        description="Neem iets mee voor op de barbecue.",
        organiser=SHOWN_NAME,
        owner=henk,
        live=False,
    )
    AgendaPage.objects.get().add_child(instance=activity)
    activity.save_revision(user=henk).publish()
    return activity


def build_a_life(henk, editor, neighbour):
    """Henk has done about everything the platform lets a person do."""
    henk.first_name, henk.last_name = "Henk", SURNAME
    henk.save()
    site = Client()
    site.force_login(henk)
    life = {"site": site}

    story = send_in_story(site, "De markt op zaterdag")
    approve(story, editor)
    life["story_photo"] = story.main_image
    edited = site.post(
        reverse("stories:edit", args=[story.pk]),
        {"title": "De markt op zaterdag", "intro": "Over de markt.", "text": "Nieuwe tekst.", "author_name": SHOWN_NAME, "photo_alt": "Kramen op het plein", "website": ""},
    )
    assert edited.status_code == 302, edited.context["form"].errors
    story.refresh_from_db()
    StoryPage.objects.filter(pk=story.pk).update(locked=True, locked_by=henk, locked_at=timezone.now())
    life["story"] = story
    life["draft"] = send_in_story(site, "Nog niet klaar", photo=False)

    initiative = start_initiative(henk, editor)
    own_shift = initiative.shifts.get()
    services.sign_up(own_shift, "Ans de Vries", "ans@example.org")
    services.add_activity(initiative, by=henk, title="Open dag", start=timezone.now() + timedelta(days=8))
    life["initiative"] = initiative
    life["activity"] = add_activity(henk)

    other = make_initiative(neighbour, title="Repair Café")
    busy = make_shift(other, capacity=1, task="Koffie zetten")
    life["henk_signup"] = services.sign_up(busy, "Henk", EMAIL, user=henk).signup
    life["waiting"] = services.sign_up(busy, "Willem Wachter", "willem@example.org", join_waitlist=True).signup
    life["by_address"] = services.sign_up(make_shift(other, task="Opruimen"), "H. Zonnebloem", EMAIL).signup
    services.support(other, henk)

    neighbours_story = make_story(StoryIndexPage.objects.get(), "Lopen met de buren", author="Ans", image=False)
    site.post(reverse("stories:report", args=[neighbours_story.pk]), {"reason": "onjuist", "explanation": "De datum klopt niet.", "website": ""})

    organisation = Organisation.objects.create(name="Buurtpreventie Ruwaard", helps_with="Veilig wonen.", theme=Theme.MONEY)
    organisation.members.add(henk)
    organisation.save()
    organisation.save_revision(user=editor)
    dropin = make_dropin(
        DropInIndexPage.objects.get(), organisation, Place.objects.create(name="D'n Iemhof", address="Kantstraat 1, Oss")
    )
    DropInException.objects.create(page=dropin, date=date(2026, 1, 6), kind="cancelled", reason="Ziek", created_by=henk)

    Comment.objects.create(page=story, user=henk, text="Kan de foto groter?", contentpath="title")
    PageSubscription.objects.create(page=story, user=henk, comment_notifications=True)
    EditingSession.objects.create(
        user=henk, content_type=ContentType.objects.get_for_model(Page), object_id=str(story.pk), last_seen_at=timezone.now()
    )
    profile = UserProfile.get_for_user(henk)
    profile.preferred_language = "nl"
    profile.save()
    log(instance=henk, action="wagtail.create", user=editor)
    for address, status in ((EMAIL, TaskResultStatus.SUCCESSFUL), ("ans@example.org", TaskResultStatus.SUCCESSFUL)):
        DBTaskResult.objects.create(
            id=uuid.uuid4(),
            status=status,
            args_kwargs={"args": [{"to": [address], "subject": "Bevestiging"}], "kwargs": {}},
            task_path="wijkplatform.mail.deliver",
            backend_name="default",
            run_after=timezone.now(),
        )
    other_device = Client()
    other_device.force_login(henk)
    life["other_device"] = other_device
    return life


@pytest.fixture
def henk(db):
    return make_user("henk", RESIDENTS_GROUP, email=EMAIL)


@pytest.mark.django_db(transaction=True)
def test_deleting_an_account_leaves_nothing_that_refers_to_the_person(henk, editor, other_resident):
    life = build_a_life(henk, editor, other_resident)
    before = references_to(henk.pk)
    for table in (
        "wagtailcore.Page.owner",
        "wagtailcore.Page.locked_by",
        "wagtailcore.Revision.user",
        "wagtailcore.PageLogEntry.user",
        "wagtailcore.WorkflowState.requested_by",
        "wagtailcore.Comment.user",
        "wagtailcore.PageSubscription.user",
        "wagtailadmin.EditingSession.user",
        "wagtailusers.UserProfile.user",
        "account.EmailAddress.user",
        "initiatives.Signup.user",
        "initiatives.Support.user",
        "initiatives.OrganiserChange.user",
        "stories.StoryReport.reporter",
        "dropins.Organisation_members.user",
        "dropins.DropInException.created_by",
    ):
        assert before[table], table  # the walk below checks something real
    keys = user_field_names()
    assert any(user_ids_in(revision.content, henk.pk, keys) for revision in Revision.objects.all())
    assert SURNAME in json.dumps([revision.content for revision in Revision.objects.all()])
    assert IndexEntry.objects.filter(body__icontains=SURNAME).exists()
    assert DBTaskResult.objects.filter(args_kwargs__icontains=EMAIL).exists()
    mail.outbox.clear()

    site = life["site"]
    page = site.get(reverse("delete_account"))
    assert page.status_code == 200
    response = site.post(reverse("delete_account"), {"stories": "keep", "password": PASSWORD, "confirm": "on"})
    assert response.status_code == 302

    # Nothing in the database points at the account any more (Wagtail's log keeps no constraint: checked too).
    assert not get_user_model().objects.filter(pk=henk.pk).exists()
    assert {table: rows for table, rows in references_to(henk.pk).items() if rows} == {}
    assert {revision.pk: user_ids_in(revision.content, henk.pk, keys) for revision in Revision.objects.all() if user_ids_in(revision.content, henk.pk, keys)} == {}
    assert not PageLogEntry.objects.filter(user_id=henk.pk).exists()

    # Logged out here and on the other device.
    assert "_auth_user_id" not in site.session
    assert life["other_device"].get(reverse("my_data")).status_code == 302

    # The name and address are gone from public pages, feeds, every revision and the search index.
    public = [client_page.url for client_page in Page.objects.live().exclude(depth__lte=1).specific()]
    anonymous = Client()
    for url in public + ["/verhalen/feed/", "/agenda/agenda.ics"]:
        body = anonymous.get(url).content.decode()
        assert SURNAME not in body and EMAIL not in body, url
    dumped = json.dumps([revision.content for revision in Revision.objects.all()])
    assert SURNAME not in dumped and EMAIL not in dumped
    assert not IndexEntry.objects.filter(body__icontains=SURNAME).exists()
    assert not IndexEntry.objects.filter(title__icontains=SURNAME).exists()
    assert not anonymous.get(reverse("search"), {"q": SURNAME}).context["results"]
    assert not DBTaskResult.objects.filter(args_kwargs__icontains=EMAIL).exists()
    assert DBTaskResult.objects.filter(args_kwargs__icontains="ans@example.org").exists()

    # The published story stays without a name, also when an editor goes back to an older version.
    story = StoryPage.objects.get(pk=life["story"].pk)
    assert story.live and story.author_name == ANONYMOUS_AUTHOR and story.owner is None and not story.locked
    assert {revision.as_object().author_name for revision in story.revisions.all()} == {ANONYMOUS_AUTHOR}
    story.revisions.order_by("created_at").first().publish()
    assert StoryPage.objects.get(pk=story.pk).author_name == ANONYMOUS_AUTHOR
    assert anonymous.get(story.url).status_code == 200
    assert life["story_photo"].__class__.objects.filter(pk=life["story_photo"].pk, uploaded_by_user=None).exists()
    assert not StoryPage.objects.filter(pk=life["draft"].pk).exists()

    # The initiative carries on under the editors, who manage it.
    initiative = InitiativePage.objects.get(pk=life["initiative"].pk)
    assert initiative.live and initiative.organiser_name == EDITORS_AS_ORGANISER and initiative.owner is None
    assert {revision.as_object().organiser_name for revision in initiative.revisions.all()} == {EDITORS_AS_ORGANISER}
    editors_view = Client()
    editors_view.force_login(editor)
    assert editors_view.get(reverse("initiatives:manage", args=[initiative.pk])).status_code == 200
    ans = Signup.objects.get(email="ans@example.org")
    assert ans.status == Signup.CONFIRMED

    activity = ActivityPage.objects.get(pk=life["activity"].pk)
    assert activity.live and activity.organiser == ANONYMOUS_AUTHOR

    # Own sign-ups: cancelled, erased, the seat went to the waitlist.
    for key in ("henk_signup", "by_address"):
        signup = Signup.objects.get(pk=life[key].pk)
        assert signup.status == Signup.CANCELLED and signup.erased_at and not (signup.name or signup.email or signup.phone)
    assert Signup.objects.get(pk=life["waiting"].pk).status == Signup.CONFIRMED

    # Reports keep their text without the person; support still counts.
    report = StoryReport.objects.get()
    assert report.explanation == "De datum klopt niet." and report.reporter is None
    assert Support.objects.filter(initiative__title="Repair Café", user=None).count() == 1

    # Who heard what.
    def mails_to(address):
        return [message for message in mail.outbox if address in message.to]

    (to_ans,) = mails_to("ans@example.org")
    assert "Moestuin Ruwaard" in to_ans.subject and "gewoon komen" in to_ans.body
    assert re.search(r"http://testserver/initiatieven/afmelden/\S+/", to_ans.body)
    assert "mijn-aanmeldingen" in to_ans.body
    (to_editor,) = mails_to(editor.email)
    assert "Overgedragen aan de redactie: Moestuin Ruwaard" in to_editor.subject
    assert reverse("initiatives:manage", args=[initiative.pk]) in to_editor.body
    assert mails_to(other_resident.email), "the organiser of the shift Henk left is told"
    assert any("Koffie zetten" in message.body for message in mails_to("willem@example.org"))
    (goodbye,) = mails_to(EMAIL)
    assert "Uw account is verwijderd" in goodbye.subject
    assert "1 gepubliceerd verhaal: Het blijft staan, zonder uw naam." in goodbye.body


def test_removing_the_stories_deletes_them_and_the_photos_used_nowhere_else(henk, editor, other_resident, django_capture_on_commit_callbacks):
    life = build_a_life(henk, editor, other_resident)
    story, photo = life["story"], life["story_photo"]
    with django_capture_on_commit_callbacks(execute=True):
        delete_account(henk, keep_stories=False)
    assert not StoryPage.objects.filter(pk=story.pk).exists()
    assert not Revision.objects.filter(base_content_type=ContentType.objects.get_for_model(Page), object_id=str(story.pk)).exists()
    assert not photo.__class__.objects.filter(pk=photo.pk).exists()
    assert Client().get(story.url).status_code == 404
    assert not IndexEntry.objects.filter(body__icontains=SURNAME).exists()
    # What others own stays: the neighbour's story and initiative.
    assert StoryPage.objects.filter(title="Lopen met de buren", live=True).exists()
    assert InitiativePage.objects.filter(title="Repair Café", live=True, owner=other_resident).exists()


def test_the_page_counts_each_kind_of_data_and_asks_about_published_stories(client, henk, editor, other_resident):
    build_a_life(henk, editor, other_resident)
    client.force_login(henk)
    html = client.get(reverse("delete_account")).content.decode()
    summary = dict(re.findall(r'data-kind="([a-z_]+)" data-count="(\d+)"', html))
    assert summary == {
        "account": "1",
        "published_stories": "1",
        "unpublished": "1",
        "initiatives": "1",
        "volunteers": "1",
        "activities": "1",
        "signups": "2",
        "support": "1",
        "reports": "1",
        "organisations": "1",
        "changes": "2",
        "comments": "1",
        "photos": "1",
    }
    assert "1 gepubliceerd verhaal" in html and "2 aanmeldingen als vrijwilliger" in html
    assert "wij halen het weg, of het blijft staan zonder uw naam." in html  # one story, in the singular
    assert 'name="stories"' in html

    missing_choice = client.post(reverse("delete_account"), {"password": PASSWORD, "confirm": "on"})
    assert missing_choice.status_code == 400
    assert "Kies wat er met uw verhalen gebeurt." in missing_choice.content.decode()
    wrong_password = client.post(reverse("delete_account"), {"stories": "remove", "password": "fout", "confirm": "on"})
    assert wrong_password.status_code == 400
    assert get_user_model().objects.filter(pk=henk.pk).exists()


def test_each_outcome_agrees_with_its_count(henk, django_capture_on_commit_callbacks, mailoutbox):
    index = StoryIndexPage.objects.get()
    for title in ("Mijn straat", "Het plein"):
        make_story(index, title, owner=henk, image=False)
    outcome = {line.key: str(line.outcome) for line in deletion_summary(henk)}
    assert outcome["published_stories"] == "U kiest hieronder: wij halen ze weg, of ze blijven staan zonder uw naam."
    with django_capture_on_commit_callbacks(execute=True):
        delete_account(henk, keep_stories=False)
    (goodbye,) = [message for message in mailoutbox if EMAIL in message.to]
    assert "- 2 gepubliceerde verhalen: Wij hebben ze weggehaald." in goodbye.body


def test_without_published_stories_there_is_nothing_to_choose(client, henk):
    client.force_login(henk)
    html = client.get(reverse("delete_account")).content.decode()
    assert 'name="stories"' not in html
    assert [line.key for line in deletion_summary(henk)] == ["account"]
    assert client.post(reverse("delete_account"), {"password": PASSWORD, "confirm": "on"}).status_code == 302
    assert not get_user_model().objects.filter(pk=henk.pk).exists()


def test_an_initiative_nobody_signed_up_for_that_is_not_online_is_deleted(henk, django_capture_on_commit_callbacks):
    draft = make_initiative(henk, title="Nog een idee", live=False)
    make_shift(draft)
    with django_capture_on_commit_callbacks(execute=True):
        delete_account(henk, keep_stories=True)
    assert not InitiativePage.objects.filter(pk=draft.pk).exists()


def test_the_only_admin_cannot_delete_their_account(client, superuser):
    client.force_login(superuser)
    response = client.post(reverse("delete_account"), {"password": PASSWORD, "confirm": "on"})
    assert response.status_code == 400
    assert "U bent de enige beheerder" in response.content.decode()
    assert get_user_model().objects.filter(pk=superuser.pk).exists()


def test_the_only_admin_is_kept_by_delete_account_itself(superuser):
    # The form's check can be raced by two admins at once; delete_account checks again under a lock.
    with pytest.raises(PermissionDenied):
        delete_account(superuser, keep_stories=False)
    assert get_user_model().objects.filter(pk=superuser.pk).exists()


def test_an_editor_leaving_keeps_the_pages_they_published_for_others(client, editor, other_resident, django_capture_on_commit_callbacks):
    story = make_story(StoryIndexPage.objects.get(), "Een verhaal van de buren", image=False)
    submit_for_review(story, other_resident)
    approve(story, editor)
    with django_capture_on_commit_callbacks(execute=True):
        delete_account(editor, keep_stories=False)
    story.refresh_from_db()
    assert story.live
    assert not Revision.objects.filter(user_id=editor.pk).exists()
