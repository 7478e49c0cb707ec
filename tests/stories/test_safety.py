"""Script and event-handler payloads sent in with a story never reach a reader's browser."""

from html.parser import HTMLParser
from xml.etree import ElementTree

import pytest
from django.urls import reverse
from wagtail.models import Page

from stories.models import StoryPage
from tests.helpers import approve, image_upload

pytestmark = pytest.mark.django_db

PAYLOADS = [
    "<script>alert('xss')</script>",
    '<img src=x onerror="alert(1)">',
    '<a href="javascript:alert(1)">klik</a>',
    '"><svg onload=alert(1)>',
    "<iframe src=//evil.example></iframe>",
]
DANGEROUS_ELEMENTS = {"script", "iframe", "svg", "object", "embed"}


class ElementChecker(HTMLParser):
    """Collects markup a browser would act on: script-like elements, on* handlers, javascript: links."""

    def __init__(self):
        super().__init__()
        self.problems = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in DANGEROUS_ELEMENTS and not (tag == "script" and (attrs.get("src") or "").startswith("/static/")):
            self.problems.append(f"<{tag}>")
        for name, value in attrs.items():
            if name.startswith("on"):
                self.problems.append(f"<{tag} {name}=...>")
            if name in ("href", "src") and (value or "").strip().lower().startswith("javascript:"):
                self.problems.append(f"<{tag} {name}={value}>")


def assert_safe_html(html):
    checker = ElementChecker()
    checker.feed(html)
    assert checker.problems == [], f"unsafe markup reached the reader: {checker.problems}"


def assert_safe_feed(xml):
    # Feed readers render an item's description/summary/content as HTML: check that HTML too.
    root = ElementTree.fromstring(xml)
    for element in root.iter():
        if element.tag.split("}")[-1] in ("description", "summary", "content") and element.text:
            assert_safe_html(element.text)


@pytest.mark.parametrize("payload", PAYLOADS)
def test_payloads_in_every_field_are_neutralised_on_every_page_a_reader_sees(client, resident, editor, story_index, payload):
    client.force_login(resident)
    response = client.post(
        reverse("stories:submit"),
        {
            "title": f"Titel {payload}",
            "intro": f"Inleiding {payload}",
            "text": f"Eerste alinea {payload}\n\nTweede alinea {payload}",
            "photo": image_upload(),
            "photo_alt": f"Foto {payload}",
            "author_name": f"Ans {payload}",
            "new_themes": "veilig",
            "website": "",
        },
    )
    assert response.status_code == 302
    story = approve(StoryPage.objects.get(), editor)
    client.logout()
    url = Page.objects.get(pk=story.pk).url
    for page_url in [url, "/verhalen/", "/verhalen/thema/veilig/", "/", "/verhalen/feed/", "/verhalen/feed/atom/"]:
        response = client.get(page_url)
        assert response.status_code == 200, page_url
        if "/feed/" in page_url:
            assert_safe_feed(response.content)
        else:
            assert_safe_html(response.content.decode())
    assert "Eerste alinea" in client.get(url).content.decode()


def test_stored_rich_text_of_a_sent_in_story_contains_no_markup_from_the_resident(client, resident, story_index):
    client.force_login(resident)
    client.post(
        reverse("stories:submit"),
        {"title": "Test", "text": '<b onmouseover="x()">vet</b> <script>x()</script>', "author_name": "Ans", "website": ""},
    )
    source = StoryPage.objects.get().get_latest_revision_as_object().body[0].value.source
    assert "<script" not in source and "<b" not in source
    assert "&lt;script&gt;" in source


def test_editor_rich_text_is_whitelisted_by_wagtail(client, story_index):
    from wagtail.rich_text import RichText

    from tests.stories.conftest import make_story

    story = make_story(story_index, "Door de redactie", body=[("paragraph", RichText('<p>Hallo<script>alert(1)</script></p>'))], image=False)
    # Rich text written by the admin editor is cleaned on input; what is stored is rendered through |richtext.
    html = client.get(story.url).content.decode()
    assert "Hallo" in html


def test_pages_send_a_content_security_policy_without_inline_scripts(client, published_story):
    response = client.get(published_story.url)
    policy = response.headers.get("Content-Security-Policy", "")
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy.split("script-src")[1].split(";")[0]
