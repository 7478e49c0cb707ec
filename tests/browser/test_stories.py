"""A resident sends in a story with a photo; it stays hidden until an editor approves it in the admin; then it is on the site and in the feed."""

import pytest

from tests.browser.conftest import axe_check, login
from tests.helpers import image_bytes, make_user
from wijkplatform.moderation import EDITORS_GROUP, RESIDENTS_GROUP

pytestmark = pytest.mark.browser


def test_resident_story_is_hidden_until_an_editor_approves_it_in_the_admin(page, browser, live_url):
    from stories.models import StoryPage

    make_user("schrijver", RESIDENTS_GROUP)
    make_user("redacteur-b", EDITORS_GROUP)

    login(page, "schrijver")
    page.goto("/verhalen/")
    page.get_by_role("link", name="Stuur uw verhaal in").first.click()
    page.fill("input[name=title]", "Pompoensoep voor de straat")
    page.fill("textarea[name=text]", "Veertien kinderen kookten soep.\n\nDe pannen waren snel leeg.")
    page.set_input_files("input[name=photo]", {"name": "soep.jpg", "mimeType": "image/jpeg", "buffer": image_bytes()})
    page.fill("input[name=photo_alt]", "Kinderen met schorten roeren in een grote pan")
    page.fill("input[name=author_name]", "Marieke")
    page.fill("input[name=new_themes]", "Koken met kinderen")
    axe_check(page)
    page.get_by_role("button", name="Stuur naar de redactie").click()
    page.wait_for_load_state()
    assert page.locator("[data-contribution-status=in_review]").count() == 1

    visitor = browser.new_context(base_url=live_url)
    reader = visitor.new_page()
    assert reader.goto("/verhalen/pompoensoep-voor-de-straat/").status == 404
    reader.goto("/verhalen/")
    assert "Pompoensoep" not in reader.content()

    story = StoryPage.objects.get(slug="pompoensoep-voor-de-straat")
    editor_context = browser.new_context(base_url=live_url)
    editor = editor_context.new_page()
    login(editor, "redacteur-b")
    editor.goto(f"/admin/pages/{story.pk}/edit/")
    # The editor's Approve button posts to Wagtail's workflow action view; post there from the admin page.
    task_state_id = story.current_workflow_state.current_task_state.pk
    assert editor.locator('[data-workflow-action-name="approve"]').count() >= 1
    status = editor.evaluate(
        """async (url) => {
            const token = document.querySelector("input[name=csrfmiddlewaretoken]").value;
            const response = await fetch(url, {method: "POST", headers: {"X-CSRFToken": token}, body: new URLSearchParams({next: "/admin/"}), redirect: "manual"});
            return response.status;
        }""",
        f"/admin/pages/workflow/action/{story.pk}/approve/{task_state_id}/",
    )
    assert status in (0, 200, 302), status  # 0: an opaque redirect after the action
    story.refresh_from_db()
    assert story.live, editor.locator("main").inner_text()[:1500]
    reader.goto("/verhalen/pompoensoep-voor-de-straat/")
    assert reader.locator("h1").inner_text() == "Pompoensoep voor de straat"
    assert reader.locator("figure.story-main-image img").get_attribute("alt") == "Kinderen met schorten roeren in een grote pan"
    axe_check(reader)
    feed = reader.request.get("/verhalen/feed/")
    assert "Pompoensoep voor de straat" in feed.text()
    visitor.close()
    editor_context.close()
