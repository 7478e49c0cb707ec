"""Builders for the moderation tests: submissions by residents and professionals, and the admin's own edit forms."""

import pytest
from bs4 import BeautifulSoup
from django.utils.text import slugify
from wagtail.models import Page
from wagtail.rich_text import RichText

from dropins.models import Organisation
from stories.models import StoryIndexPage, StoryPage
from wijkplatform.moderation import submit_for_review


def send_in_story(author, title="Soep voor de hele straat"):
    """A resident's story, as the site's form sends it in."""
    story = StoryPage(
        title=title,
        slug=slugify(title),
        intro="Kinderen kookten voor de buren.",
        body=[("paragraph", RichText("<p>Veertien kinderen sneden pompoen.</p>"))],
        author_name="Marieke",
    )
    submit_for_review(story, author, parent=StoryIndexPage.objects.get())
    return Page.objects.get(pk=story.pk).specific


def change_snippet(user, snippet, **changes):
    """A professional's change to an organisation or place, sent to the editors as the admin does."""
    draft = snippet.get_latest_revision_as_object() if snippet.latest_revision_id else snippet
    for field, value in changes.items():
        setattr(draft, field, value)
    draft.save_revision(user=user)
    state = draft.current_workflow_state
    if state is not None and state.status == state.STATUS_NEEDS_CHANGES:
        state.resume(user)
    else:
        draft.get_workflow().start(draft, user)
    return type(snippet).objects.get(pk=snippet.pk)


def admin_form_data(client, url):
    """The fields of the admin's edit form at `url`, as a browser without JavaScript would post them."""
    response = client.get(url)
    assert response.status_code == 200, response.status_code
    soup = BeautifulSoup(response.content, "html.parser")
    form = soup.find("form", attrs={"data-edit-form": True})
    data = {}
    for field in form.find_all(["input", "textarea", "select"]):
        name = field.get("name")
        if not name or field.has_attr("disabled"):
            continue
        if field.name == "textarea":
            data[name] = field.text
        elif field.name == "select":
            chosen = [option.get("value", option.text) for option in field.find_all("option") if option.has_attr("selected")]
            if field.has_attr("multiple"):
                data[name] = chosen
            elif chosen:
                data[name] = chosen[0]
        elif field.get("type") == "checkbox":
            if field.has_attr("checked"):
                data.setdefault(name, []).append(field.get("value", "on"))
        elif field.get("type") == "radio":
            if field.has_attr("checked"):
                data[name] = field.get("value", "on")
        elif field.get("type") not in ("submit", "button", "file"):
            data[name] = field.get("value", "")
    return data


@pytest.fixture
def organisation(db, professional):
    organisation = Organisation.objects.create(name="Schuldhulp Maasland", helps_with="Hulp bij geld.")
    organisation.members.add(professional)
    organisation.save_revision().publish()
    return Organisation.objects.get(pk=organisation.pk)
