"""The main menu comes from the page tree: live section pages marked "show in menus", in tree order."""

import re

import pytest

from home.models import ContentPage
from stories.models import StoryIndexPage

pytestmark = pytest.mark.django_db

MENU = [
    ("/", "Home"),
    ("/agenda/", "Agenda"),
    ("/verhalen/", "Verhalen"),
    ("/initiatieven/", "Initiatieven"),
    ("/inloop/", "Inloopspreekuren"),
    ("/wie-doet-wat/", "Wie doet wat"),
    ("/zoeken/", "Zoeken"),
]


def main_menu(html):
    nav = re.search(r'<nav class="main-nav".*?</nav>', html, re.S).group(0)
    return re.findall(r'<a href="([^"]*)"( aria-current="page")?>([^<]*)</a>', nav)


def test_menu_lists_the_sections_of_the_page_tree_in_order_after_migrate(client):
    assert [(url, label) for url, _current, label in main_menu(client.get("/").content.decode())] == MENU


def test_menu_marks_the_section_of_the_page_shown(client):
    menu = main_menu(client.get("/verhalen/").content.decode())
    assert [url for url, current, _label in menu if current] == ["/verhalen/"]
    assert [url for url, current, _label in main_menu(client.get("/").content.decode()) if current] == ["/"]


def test_menu_follows_what_editors_set_in_the_page_tree(client, home):
    StoryIndexPage.objects.update(show_in_menus=False)
    extra = ContentPage(title="Over ons", body="<p>Wie wij zijn.</p>", show_in_menus=True)
    home.add_child(instance=extra)
    draft = ContentPage(title="Nog niet klaar", body="<p>Tekst.</p>", show_in_menus=True, live=False)
    home.add_child(instance=draft)
    labels = [label for _url, _current, label in main_menu(client.get("/").content.decode())]
    assert "Verhalen" not in labels
    assert labels[-2:] == ["Over ons", "Zoeken"]
    assert "Nog niet klaar" not in labels


def test_menu_speaks_the_chosen_language(client):
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    labels = [label for _url, _current, label in main_menu(client.get("/").content.decode())]
    assert labels == ["Home", "Calendar", "Stories", "Initiatives", "Drop-in hours", "Who does what", "Search"]
