"""A resident sends in a story on the site; the resident editors approve, reject or the resident changes it."""

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.models import Page

from stories.models import StoryPage
from tests.helpers import PASSWORD, approve, image_bytes, image_upload, make_user, reject

pytestmark = pytest.mark.django_db

SUBMIT_URL = reverse("stories:submit")


def story_data(**overrides):
    data = {
        "title": "Soep voor de hele straat",
        "intro": "Kinderen kookten voor de buren.",
        "text": "Veertien kinderen sneden pompoen.\n\nDe soep was op in een uur.",
        "photo_alt": "Kinderen met schorten aan een keukentafel",
        "author_name": "Marieke",
        "themes": [],
        "new_themes": "Koken met kinderen, eten",
        "website": "",
    }
    data.update(overrides)
    return data


def send_in(client, user, **overrides):
    client.force_login(user)
    data = story_data(**overrides)
    data.setdefault("photo", image_upload())
    return client.post(SUBMIT_URL, data)


def test_anonymous_visitor_is_asked_to_log_in(client, story_index):
    response = client.get(SUBMIT_URL)
    assert response.status_code == 302 and "/account/login/" in response["Location"]


def test_account_without_a_role_cannot_send_in(client, story_index):
    client.force_login(make_user("zonderrol"))
    assert client.get(SUBMIT_URL).status_code == 403


def test_sent_in_story_is_a_draft_in_the_editors_workflow_and_not_public(client, resident, editor, story_index):
    response = send_in(client, resident)
    assert response.status_code == 302 and response["Location"] == reverse("my_contributions")

    story = StoryPage.objects.get()
    assert not story.live and story.owner == resident
    assert story.current_workflow_state.status == "in_progress"
    draft = story.get_latest_revision_as_object()
    assert draft.author_name == "Marieke"
    assert sorted(tag.name for tag in draft.tags.all()) == ["Koken met kinderen", "eten"]
    assert draft.main_image.description == "Kinderen met schorten aan een keukentafel"
    assert [block.block_type for block in draft.body] == ["paragraph"]
    assert draft.body[0].value.source == "<p>Veertien kinderen sneden pompoen.</p><p>De soep was op in een uur.</p>"

    client.logout()
    assert client.get("/verhalen/soep-voor-de-hele-straat/").status_code == 404
    assert "Soep voor de hele straat" not in client.get("/verhalen/").content.decode()
    assert "Soep voor de hele straat" not in client.get("/verhalen/feed/").content.decode()


def test_editors_get_an_email_with_a_link_to_the_admin_per_submission(
    client, resident, editor, story_index, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        send_in(client, resident)
    story = StoryPage.objects.get()
    to_editor = [message for message in mail.outbox if editor.email in message.to]
    assert len(to_editor) == 1
    assert f"/admin/pages/{story.pk}/" in to_editor[0].body


def test_resident_sees_the_status_under_mijn_bijdragen(client, resident, story_index):
    send_in(client, resident)
    html = client.get(reverse("my_contributions")).content.decode()
    assert "Soep voor de hele straat" in html
    assert 'data-contribution-status="in_review"' in html
    assert reverse("stories:edit", args=[StoryPage.objects.get().pk]) in html


def test_approved_story_is_public_and_the_resident_gets_an_email(
    client, resident, editor, story_index, django_capture_on_commit_callbacks
):
    send_in(client, resident)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        story = approve(StoryPage.objects.get(), editor)
    assert story.live
    assert any(resident.email in message.to for message in mail.outbox)
    client.logout()
    html = client.get("/verhalen/soep-voor-de-hele-straat/").content.decode()
    assert "Veertien kinderen sneden pompoen." in html and "Door Marieke" in html
    assert "Soep voor de hele straat" in client.get("/verhalen/").content.decode()
    assert "Soep voor de hele straat" in client.get("/verhalen/feed/").content.decode()


def test_rejected_story_comes_back_with_the_comment_and_can_be_changed_and_resent(
    client, resident, editor, story_index, django_capture_on_commit_callbacks
):
    send_in(client, resident)
    story = StoryPage.objects.get()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        reject(story, editor, comment="Wilt u de naam van de school weglaten?")
    assert any(resident.email in message.to and "Wilt u de naam van de school weglaten?" in message.body for message in mail.outbox)

    html = client.get(reverse("my_contributions")).content.decode()
    assert 'data-contribution-status="needs_changes"' in html
    assert "Wilt u de naam van de school weglaten?" in html

    edit_url = reverse("stories:edit", args=[story.pk])
    form_html = client.get(edit_url).content.decode()
    assert "Veertien kinderen sneden pompoen." in form_html
    response = client.post(edit_url, story_data(title="Soep voor de straat", text="Kinderen sneden pompoen."))
    assert response.status_code == 302
    story.refresh_from_db()
    assert story.current_workflow_state.status == "in_progress"
    draft = story.get_latest_revision_as_object()
    assert draft.title == "Soep voor de straat"
    assert draft.main_image is not None  # the photo sent before is kept
    approve(story, editor)
    assert "Kinderen sneden pompoen." in client.get(Page.objects.get(pk=story.pk).url).content.decode()


def test_another_resident_cannot_change_my_story(client, resident, other_resident, story_index):
    send_in(client, resident)
    client.force_login(other_resident)
    assert client.get(reverse("stories:edit", args=[StoryPage.objects.get().pk])).status_code == 404


@pytest.mark.parametrize(
    "upload, message",
    [
        (SimpleUploadedFile("foto.jpg", b"dit is geen foto", content_type="image/jpeg"), "Dit bestand is geen foto"),
        (SimpleUploadedFile("foto.bmp", image_bytes("BMP"), content_type="image/bmp"), "Dit soort foto kunnen we niet gebruiken"),
        (SimpleUploadedFile("foto.jpg", image_bytes("PNG"), content_type="image/jpeg"), "De naam van het bestand past niet"),
    ],
)
def test_refused_upload_gives_a_dutch_message_and_keeps_what_was_typed(client, resident, story_index, upload, message):
    response = send_in(client, resident, photo=upload)
    assert response.status_code == 400
    html = response.content.decode()
    assert message in html
    assert 'value="Soep voor de hele straat"' in html
    assert "Veertien kinderen sneden pompoen." in html
    assert "Kinderen met schorten aan een keukentafel" in html
    assert not StoryPage.objects.exists()


def test_a_rejected_story_names_each_field_at_the_top_and_asks_for_the_photo_again(client, resident, story_index):
    response = send_in(client, resident, title="", author_name="")
    assert response.status_code == 400
    html = response.content.decode()
    assert "<title>Fout: " in html
    start = html.index("data-error-summary")
    summary = html[start : html.index("</ul>", start)]
    assert summary.index('href="#id_title"') < summary.index('href="#id_author_name"')
    assert "Titel: " in summary and 'href="#id_photo"' in summary
    assert 'aria-describedby="id_title_helptext id_title_error"' in html
    assert html.index("id_title_helptext") < html.index('id="id_title_error"') < html.index('name="title"')
    assert "Kies de foto opnieuw" in html and "Veertien kinderen sneden pompoen." in html
    assert "novalidate" in html[html.index("data-story-form") - 100 : html.index("data-story-form")]


def test_too_large_photo_is_refused(client, resident, story_index, settings):
    settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE = 100
    response = send_in(client, resident)
    assert response.status_code == 400
    assert "De foto is te groot" in response.content.decode()


def test_photo_needs_a_description(client, resident, story_index):
    response = send_in(client, resident, photo_alt="")
    assert response.status_code == 400
    assert "Schrijf kort wat er op de foto staat." in response.content.decode()


def test_story_without_photo_is_fine(client, resident, story_index):
    response = send_in(client, resident, photo="", photo_alt="")
    assert response.status_code == 302
    assert StoryPage.objects.get().get_latest_revision_as_object().main_image is None


def test_honeypot_stops_bots(client, resident, story_index):
    response = send_in(client, resident, website="http://spam.example")
    assert response.status_code == 400
    assert not StoryPage.objects.exists()


def test_two_stories_with_the_same_title_get_their_own_address(client, resident, story_index):
    send_in(client, resident)
    send_in(client, resident, photo="", photo_alt="")
    assert sorted(StoryPage.objects.values_list("slug", flat=True)) == ["soep-voor-de-hele-straat", "soep-voor-de-hele-straat-2"]


def test_send_in_form_is_rate_limited(client, resident, story_index):
    client.force_login(resident)
    statuses = [client.post(SUBMIT_URL, {"title": ""}).status_code for _ in range(21)]
    assert statuses[:20] == [400] * 20
    # 429 with django-ratelimit's middleware (RATELIMIT_VIEW), 403 without it: blocked either way.
    assert statuses[20] in (403, 429)


def test_send_in_form_has_csrf_protection(resident, story_index):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.login(username=resident.username, password=PASSWORD)
    data = story_data()
    data["photo"] = image_upload()
    assert client.post(SUBMIT_URL, data).status_code == 403
