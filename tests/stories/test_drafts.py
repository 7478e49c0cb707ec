"""
Nothing public changes without an editor: a change by a resident or professional to something live (a story,
an initiative's text or photo, a drop-in series, an organisation or place, an agenda activity) waits as a
draft; the public page shows the old version until an editor approves, then the new one.
"""

from datetime import time

import pytest
from django.urls import reverse
from wagtail.images.models import Image
from wagtail.models import WorkflowState

from agenda.models import AgendaPage
from dropins.models import Organisation
from initiatives.models import InitiativePage
from places.models import Place
from stories.models import StoryPage
from tests.agenda.conftest import make_activity
from tests.dropins.conftest import make_dropin
from tests.helpers import approve, image_upload, make_wagtail_image
from tests.initiatives.factories import make_initiative

pytestmark = pytest.mark.django_db

SUBMIT_URL = reverse("stories:submit")


def story_data(**overrides):
    data = {
        "title": "Soep voor de hele straat",
        "intro": "Kinderen kookten voor de buren.",
        "text": "Veertien kinderen sneden pompoen.",
        "photo_alt": "Kinderen met schorten aan een keukentafel",
        "author_name": "Marieke",
        "themes": [],
        "new_themes": "Koken met kinderen",
        "website": "",
    }
    data.update(overrides)
    return data


@pytest.fixture
def live_story(client, resident, editor, story_index):
    client.force_login(resident)
    assert client.post(SUBMIT_URL, story_data(photo=image_upload("soep.jpg"))).status_code == 302
    story = approve(StoryPage.objects.get(), editor)
    assert story.live
    client.logout()
    return story


def edit_story(client, resident, story, **overrides):
    client.force_login(resident)
    response = client.post(reverse("stories:edit", args=[story.pk]), story_data(**overrides))
    assert response.status_code == 302, response.content.decode()
    client.logout()


def public_html(client, page):
    page.refresh_from_db()
    return client.get(page.url).content.decode()


# Stories ---------------------------------------------------------------------------------


def test_a_new_photo_description_of_a_live_story_waits_for_the_editors(client, resident, editor, live_story):
    image = live_story.main_image
    edit_story(client, resident, live_story, photo_alt="Een pan soep op het fornuis", text="De soep was op in een uur.")

    html = public_html(client, live_story)
    assert 'alt="Kinderen met schorten aan een keukentafel"' in html
    assert "Een pan soep op het fornuis" not in html
    assert "Veertien kinderen sneden pompoen." in html and "De soep was op in een uur." not in html
    image.refresh_from_db()
    assert image.description == "Kinderen met schorten aan een keukentafel"  # the shared image is never changed
    assert live_story.get_latest_revision_as_object().main_image_alt == "Een pan soep op het fornuis"

    approve(live_story, editor)
    html = public_html(client, live_story)
    assert 'alt="Een pan soep op het fornuis"' in html
    assert "De soep was op in een uur." in html


def test_a_new_photo_on_a_live_story_shows_only_after_approval(client, resident, editor, live_story):
    old_image = live_story.main_image
    edit_story(client, resident, live_story, photo=image_upload("zonnebloem.jpg"), photo_alt="Een zonnebloem")

    html = public_html(client, live_story)
    assert "zonnebloem" not in html.lower() and "/soep." in html
    assert StoryPage.objects.get(pk=live_story.pk).main_image == old_image

    approve(live_story, editor)
    html = public_html(client, live_story)
    assert "/zonnebloem." in html and 'alt="Een zonnebloem"' in html


def test_a_new_theme_of_a_live_story_is_not_public_until_approval(client, resident, editor, live_story):
    edit_story(client, resident, live_story, new_themes="Koken met kinderen, Oogstfeest")

    assert client.get("/verhalen/thema/oogstfeest/").status_code == 404
    assert client.get("/verhalen/thema/oogstfeest/feed/").status_code == 404
    assert "Oogstfeest" not in public_html(client, live_story)
    assert "Oogstfeest" not in client.get("/verhalen/").content.decode()

    approve(live_story, editor)
    assert "Oogstfeest" in public_html(client, live_story)
    assert client.get("/verhalen/thema/oogstfeest/").status_code == 200


def test_stories_from_before_keep_their_photo_description(story_index, editor):
    image = make_wagtail_image(title="Lopen door de wijk")
    story = StoryPage(title="Samen lopen", author_name="Ans", body=[], main_image=image)
    story_index.add_child(instance=story)
    assert story.main_image_alt == "Lopen door de wijk"  # taken from the image once, then the story's own


# Initiatives -----------------------------------------------------------------------------


def initiative_data(**overrides):
    data = {
        "title": "Repair Café",
        "aim": "Samen repareren.",
        "description": "Breng uw kapotte spullen mee.",
        "organiser_name": "Henk",
        "place": "",
        "place_note": "",
        "themes": ["buurt"],
        "website": "",
    }
    data.update(overrides)
    return data


def test_a_live_initiatives_text_and_photo_wait_for_the_editors(client, resident, editor):
    initiative = make_initiative(resident)
    client.force_login(resident)
    response = client.post(
        reverse("initiatives:edit", args=[initiative.pk]),
        initiative_data(
            title="Repair Café Ruwaard", description="Nu ook fietsen.", photo=image_upload("fiets.jpg"), photo_alt="Een fiets"
        ),
    )
    assert response.status_code == 302
    client.logout()

    live = InitiativePage.objects.get(pk=initiative.pk)
    assert live.live and live.title == "Repair Café" and live.photo is None
    html = client.get(live.url).content.decode()
    assert "Breng uw kapotte spullen mee." in html and "Nu ook fietsen." not in html and "fiets" not in html
    assert "Repair Café Ruwaard" not in client.get("/initiatieven/").content.decode()
    assert live.current_workflow_state.status == WorkflowState.STATUS_IN_PROGRESS

    approve(live, editor)
    html = public_html(client, live)
    assert "Nu ook fietsen." in html and "Repair Café Ruwaard" in html and "fiets" in html


def test_an_initiative_cannot_point_at_a_place_the_editors_have_not_approved(client, resident):
    initiative = make_initiative(resident)
    draft_place = Place.objects.create(name="Nog niet goedgekeurd", address="Ergens 1", live=False)
    client.force_login(resident)
    response = client.post(reverse("initiatives:edit", args=[initiative.pk]), initiative_data(place=draft_place.pk))
    assert response.status_code == 400
    response = client.post(
        reverse("initiatives:shift_add", args=[initiative.pk]),
        {"task": "Koffie", "day": "2031-05-01", "start_time": "10:00", "end_time": "12:00", "capacity": 2,
         "place": draft_place.pk, "place_note": "", "note": ""},
    )
    assert response.status_code == 400 and not initiative.shifts.exists()


# Drop-in hours, organisations and places ------------------------------------------------


@pytest.fixture
def place(db):
    return Place.objects.create(name="Ons Huis van de Wijk", address="Wijkplein 12, Oss", wheelchair_access=True)


@pytest.fixture
def organisation(professional):
    organisation = Organisation.objects.create(name="Schuldhulp Maasland", helps_with="Hulp bij geld.", theme="geld")
    organisation.members.add(professional)
    organisation.save()
    return organisation


@pytest.fixture
def dropin(organisation, place, editor):
    from dropins.models import DropInIndexPage

    page = make_dropin(DropInIndexPage.objects.get(), organisation, place, intro="Vragen over geld? Loop binnen.")
    page.save_revision(user=editor).publish()
    return page


def test_a_live_drop_in_series_changed_on_the_site_waits_for_the_editors(client, professional, editor, dropin, organisation, place):
    client.force_login(professional)
    data = {
        "title": dropin.title, "intro": "Nu ook hulp met toeslagen.", "theme": dropin.theme,
        "organisation": organisation.pk, "place": place.pk, "frequency": "weekly", "weekday": "1",
        "starts_on": "2026-01-01", "ends_on": "", "start_time": "10:00", "end_time": "12:00",
        "no_appointment": "on", "what_to_bring": "", "languages": "Nederlands",
    }
    assert client.post(reverse("dropins:edit", args=[dropin.pk]), data).status_code == 302
    client.logout()

    html = public_html(client, dropin)
    assert "Vragen over geld? Loop binnen." in html and "toeslagen" not in html
    assert dropin.start_time == time(9, 30)

    approve(dropin, editor)
    html = public_html(client, dropin)
    assert "Nu ook hulp met toeslagen." in html and dropin.start_time == time(10)


def approve_snippet(instance, editor):
    instance = type(instance).objects.get(pk=instance.pk)
    task_state = instance.current_workflow_state.current_task_state
    task_state.task.specific.on_action(task_state, editor, "approve")
    return type(instance).objects.get(pk=instance.pk)


@pytest.mark.parametrize("action", ["action-submit", "action-publish"])
def test_an_organisation_changed_in_the_admin_by_a_professional_waits_for_the_editors(
    client, professional, editor, organisation, action
):
    client.force_login(professional)
    url = reverse("wagtailsnippets_dropins_organisation:edit", args=[organisation.pk])
    data = {"name": organisation.name, "helps_with": "Hulp bij geld en bij formulieren.", "theme": "geld",
            "phone": "", "website": "", "email": "", "logo": "", action: "1"}
    assert client.post(url, data).status_code == 302
    client.logout()

    live = Organisation.objects.get(pk=organisation.pk)
    assert live.live and live.helps_with == "Hulp bij geld."
    html = client.get("/wie-doet-wat/").content.decode()
    assert "Hulp bij geld." in html and "formulieren" not in html
    if action == "action-publish":  # a professional may not publish: the click only saved a draft
        assert live.current_workflow_state is None
        return

    assert live.current_workflow_state.status == WorkflowState.STATUS_IN_PROGRESS
    approve_snippet(live, editor)
    assert "Hulp bij geld en bij formulieren." in client.get("/wie-doet-wat/").content.decode()


def test_a_place_changed_in_the_admin_by_a_professional_waits_for_the_editors(client, professional, editor, dropin, place):
    client.force_login(professional)
    url = reverse("wagtailsnippets_places_place:edit", args=[place.pk])
    data = {"name": "Ons Nieuwe Huis", "address": place.address, "opening_notes": "", "wheelchair_access": "on",
            "action-submit": "1"}
    assert client.post(url, data).status_code == 302
    client.logout()

    assert Place.objects.get(pk=place.pk).name == "Ons Huis van de Wijk"
    html = public_html(client, dropin)
    assert "Ons Huis van de Wijk" in html and "Ons Nieuwe Huis" not in html

    approve_snippet(place, editor)
    assert "Ons Nieuwe Huis" in public_html(client, dropin)


# Images: once uploaded, only editors change them ------------------------------------------


def test_a_professional_cannot_change_a_photo_they_uploaded_because_it_may_be_on_a_live_page(client, professional, editor):
    image = Image.objects.create(title="Logo", file=image_upload("logo.jpg"), description="Logo", uploaded_by_user=professional)
    url = reverse("wagtailimages:edit", args=[image.pk])

    client.force_login(professional)
    assert client.get(url).status_code in (302, 403)
    client.post(url, {"title": "Ander logo", "description": "Iets anders", "file": image_upload("ander.jpg")})
    client.post(reverse("wagtailimages:delete", args=[image.pk]))
    image.refresh_from_db()
    assert image.title == "Logo" and image.description == "Logo"

    client.force_login(editor)
    assert client.get(url).status_code == 200


# Agenda activities -----------------------------------------------------------------------


def test_a_live_agenda_activity_changed_by_its_resident_waits_for_the_editors(client, resident, editor):
    agenda = AgendaPage.objects.get()
    activity = make_activity(agenda, owner=resident, description="Koffie en een praatje.")
    client.force_login(resident)
    data = {
        "title": activity.title, "date": activity.date.isoformat(), "start_time": "10:00", "end_time": "12:00",
        "place": "", "place_text": "Buurthuis", "description": "Koffie, thee en taart.", "theme": "",
        "free": "on", "costs": "", "organiser": "Ans", "how_to_join": "", "website": "",
    }
    assert client.post(activity.edit_url_for_owner, data).status_code == 302
    client.logout()

    assert "Koffie en een praatje." in public_html(client, activity)
    assert "taart" not in client.get("/agenda/").content.decode()

    approve(activity, editor)
    assert "Koffie, thee en taart." in public_html(client, activity)
