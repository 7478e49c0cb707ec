"""Every account page and mail in the site's own templates and voice: "u", plain Dutch, valid structure."""

import re
from html.parser import HTMLParser

import pytest
from allauth.account.forms import default_token_generator
from allauth.account.models import EmailAddress, EmailConfirmationHMAC
from allauth.account.utils import user_pk_to_url_str
from django.contrib.auth import get_user_model
from django.urls import reverse

from tests.helpers import PASSWORD

pytestmark = pytest.mark.django_db

# "je", "jij" and "jouw" are not the site's voice; "Login:" and English button texts are the library's defaults.
NOT_OUR_VOICE = re.compile(r"\b(je|jij|jouw|jou|Login:|Sign In|Sign Up|Sign Out)\b", re.IGNORECASE)
INLINE = {"span", "label", "a", "strong", "em", "button", "p", "h1", "h2", "h3", "h4", "legend"}
BLOCK = {"ul", "ol", "li", "div", "p", "form", "fieldset", "section", "h1", "h2", "h3", "table"}
VOID = {"input", "br", "img", "meta", "link", "hr", "source", "col", "area", "base", "wbr"}


class Structure(HTMLParser):
    """Records each block element opened inside an element that may only hold text and inline elements."""

    def __init__(self):
        super().__init__()
        self.open, self.problems = [], []

    def handle_starttag(self, tag, attrs):
        if tag in VOID:
            return
        if tag in BLOCK and self.open and self.open[-1] in INLINE:
            self.problems.append(f"<{tag}> inside <{self.open[-1]}>")
        self.open.append(tag)

    def handle_endtag(self, tag):
        if tag in self.open:
            while self.open.pop() != tag:
                pass


def main_text(html):
    """The page's main content as text, without tags, scripts or hidden fields."""
    main = html[html.index("<main") : html.index("</main>")]
    return re.sub(r"<[^>]+>", " ", main)


def assert_ours(response):
    html = response.content.decode()
    assert response.status_code == 200, response.status_code
    assert 'class="site-header"' in html, "rendered in the site's base"
    text = main_text(html)
    assert not NOT_OUR_VOICE.search(text), NOT_OUR_VOICE.search(text).group(0)
    assert "placeholder=" not in html.split("<main", 1)[1]
    parser = Structure()
    parser.feed(html)
    assert not parser.problems, parser.problems
    return html


@pytest.fixture
def confirmation(db):
    """An account that has just signed up and not yet confirmed its address."""
    user = get_user_model().objects.create_user("nieuw", "nieuw@example.org", PASSWORD)
    address = EmailAddress.objects.create(user=user, email=user.email, verified=False, primary=True)
    return EmailConfirmationHMAC(address)


def anonymous_pages(confirmation, resident):
    key = default_token_generator.make_token(resident)
    return [
        reverse("account_login"),
        reverse("account_signup"),
        reverse("account_reset_password"),
        reverse("account_reset_password_done"),
        reverse("account_reset_password_from_key_done"),
        reverse("account_inactive"),
        reverse("account_email_verification_sent"),
        reverse("account_confirm_email", args=[confirmation.key]),
        reverse("account_confirm_email", args=["niet-geldig"]),
        reverse("account_reset_password_from_key", kwargs={"uidb36": user_pk_to_url_str(resident), "key": key}),
        reverse("account_reset_password_from_key", kwargs={"uidb36": user_pk_to_url_str(resident), "key": "fout-fout"}),
    ]


def test_every_account_page_a_visitor_can_see_is_ours(client, confirmation, resident):
    for url in anonymous_pages(confirmation, resident):
        response = client.get(url, follow=True)
        assert_ours(response)


def test_every_account_page_a_resident_can_see_is_ours(client, resident):
    client.force_login(resident)
    for name in ("account_logout", "account_email", "account_change_password", "account_reauthenticate"):
        assert_ours(client.get(reverse(name)))


def test_an_account_without_a_password_can_choose_one(client, resident):
    resident.set_unusable_password()
    resident.save()
    client.force_login(resident)
    html = assert_ours(client.get(reverse("account_set_password")))
    assert "Wachtwoord kiezen" in html


def test_one_word_per_meaning_inloggen_for_the_account_and_account_maken_for_signing_up(client):
    login = client.get(reverse("account_login")).content.decode()
    signup = client.get(reverse("account_signup")).content.decode()
    assert "<h1>Inloggen</h1>" in login and "Aanmelden" not in main_text(login)
    assert "<h1>Account maken</h1>" in signup and "Registreren" not in signup
    assert '<label for="id_login">Gebruikersnaam of e-mailadres</label>' in login


def test_a_rejected_sign_up_names_each_field_in_our_words_and_keeps_what_was_typed(client, resident):
    response = client.post(
        reverse("account_signup"),
        {"email": "geen-adres", "username": resident.username, "password1": "1234", "password2": "12345"},
    )
    html = assert_ours(response)
    assert "<title>Fout:" in html
    assert 'class="error-summary"' in html
    for message in (
        "Vul een e-mailadres in zoals naam@voorbeeld.nl.",
        "Deze gebruikersnaam is al in gebruik. Kies een andere.",
        "Uw wachtwoord is te kort. Gebruik minstens 8 tekens.",
        "Uw wachtwoord heeft alleen cijfers. Gebruik ook letters.",
    ):
        assert message in html, message
    assert 'value="geen-adres"' in html
    assert "<ul" not in html[html.index('id="id_password1_helptext"') :].split("</p>", 1)[0]


def test_two_different_passwords_are_named_in_our_words(client):
    response = client.post(
        reverse("account_signup"),
        {"email": "nieuw@example.org", "username": "nieuw", "password1": "Ruwaard-2026!", "password2": "Ruwaard-2027!"},
    )
    assert "U typte twee verschillende wachtwoorden. Typ twee keer hetzelfde wachtwoord." in assert_ours(response)


def test_a_user_name_with_a_space_is_refused_in_our_words(client):
    response = client.post(
        reverse("account_signup"),
        {"email": "nieuw@example.org", "username": "Ans de Vries", "password1": "Ruwaard-2026!",
         "password2": "Ruwaard-2026!"},
    )
    html = assert_ours(response)
    assert "alleen letters, cijfers en de tekens . @ + - _ (geen spaties)" in html
    assert "Voer een geldige gebruikersnaam in" not in html


def test_an_empty_login_and_a_wrong_password_get_our_messages(client, resident):
    empty = assert_ours(client.post(reverse("account_login"), {"login": "", "password": ""}))
    assert "Vul uw gebruikersnaam of e-mailadres in." in empty and "Vul uw wachtwoord in." in empty
    wrong = assert_ours(client.post(reverse("account_login"), {"login": resident.username, "password": "fout"}))
    assert "De gebruikersnaam of het wachtwoord klopt niet." in wrong


def test_logging_in_and_out_says_so_with_u(client, resident):
    response = client.post(reverse("account_login"), {"login": resident.username, "password": PASSWORD}, follow=True)
    assert f"U bent ingelogd als {resident.username}." in response.content.decode()
    response = client.post(reverse("account_logout"), follow=True)
    assert "U bent uitgelogd." in response.content.decode()


def assert_our_mail(message):
    assert not NOT_OUR_VOICE.search(message.subject + message.body), NOT_OUR_VOICE.search(message.subject + message.body)
    assert message.subject.startswith("[Wij(k) de Ruwaard] ")
    assert message.body.rstrip().endswith("Wij(k) de Ruwaard")
    assert "{%" not in message.body and "{{" not in message.body


def test_the_sign_up_mail_asks_to_confirm_with_a_link_that_works(client, mailoutbox):
    client.post(
        reverse("account_signup"),
        {"email": "nieuw@example.org", "username": "nieuw", "password1": "Ruwaard-2026!", "password2": "Ruwaard-2026!"},
    )
    (message,) = mailoutbox
    assert_our_mail(message)
    assert message.subject == "[Wij(k) de Ruwaard] Maak uw account af"
    assert message.body.startswith("Beste nieuw,")
    link = re.search(r"http://testserver(/account/confirm-email/\S+)", message.body).group(1)
    page = assert_ours(client.get(link))
    assert "Ja, dit is mijn e-mailadres" in page
    response = client.post(link, follow=True)
    assert "Dank u. Uw e-mailadres nieuw@example.org is bevestigd." in response.content.decode()
    assert EmailAddress.objects.get(email="nieuw@example.org").verified


def test_signing_up_again_with_a_known_address_mails_the_owner_instead(client, resident, mailoutbox):
    client.post(
        reverse("account_signup"),
        {"email": resident.email, "username": "nog-een", "password1": "Ruwaard-2026!", "password2": "Ruwaard-2026!"},
    )
    (message,) = mailoutbox
    assert_our_mail(message)
    assert message.subject == "[Wij(k) de Ruwaard] U heeft al een account"
    assert "http://testserver/account/password/reset/" in message.body


def test_the_password_reset_mail_has_a_link_to_a_form_of_ours(client, resident, mailoutbox):
    response = client.post(reverse("account_reset_password"), {"email": resident.email}, follow=True)
    assert "Kijk in uw e-mail" in assert_ours(response)
    (message,) = mailoutbox
    assert_our_mail(message)
    assert message.subject == "[Wij(k) de Ruwaard] Een nieuw wachtwoord kiezen"
    assert f"Uw gebruikersnaam is: {resident.username}" in message.body
    link = re.search(r"http://testserver(/account/password/reset/key/\S+)", message.body).group(1)
    form = assert_ours(client.get(link, follow=True))
    assert "Nieuw wachtwoord kiezen" in form


def test_a_reset_for_an_unknown_address_mails_that_there_is_no_account(client, mailoutbox):
    client.post(reverse("account_reset_password"), {"email": "onbekend@example.org"})
    (message,) = mailoutbox
    assert_our_mail(message)
    assert "geen account met dit e-mailadres" in message.body
    assert "http://testserver/account/signup/" in message.body


def test_changing_the_password_asks_for_the_current_one_in_our_words(client, resident):
    client.force_login(resident)
    html = assert_ours(
        client.post(reverse("account_change_password"), {"oldpassword": "fout", "password1": "x", "password2": "x"})
    )
    assert "Dit is niet uw huidige wachtwoord. Probeer het opnieuw." in html
    assert "Uw wachtwoord is te kort. Gebruik minstens 8 tekens." in html


def test_the_e_mail_page_names_each_address_and_its_state(client, resident):
    EmailAddress.objects.create(user=resident, email="tweede@example.org", verified=False, primary=False)
    client.force_login(resident)
    text = " ".join(main_text(assert_ours(client.get(reverse("account_email")))).split())
    assert f"{resident.email} (hoofdadres, bevestigd)" in text
    assert "tweede@example.org (nog niet bevestigd)" in text
    added = client.post(reverse("account_email"), {"action_add": "", "email": "derde@example.org"}, follow=True)
    assert "Wij hebben een e-mail gestuurd naar derde@example.org." in added.content.decode()



# "Mijn bijdragen" ------------------------------------------------------------------------


@pytest.fixture
def writer(resident, other_resident):
    """A resident with seven stories (one sent back), an initiative of their own and a shift they signed up for."""
    from initiatives import services
    from stories.models import StoryIndexPage
    from tests.initiatives.factories import make_initiative, make_shift
    from tests.stories.conftest import make_story

    make_initiative(resident, title="Buurtsoep")
    services.sign_up(make_shift(make_initiative(other_resident, title="Repair Café")), "Ans", resident.email, user=resident)
    index = StoryIndexPage.objects.get()
    for number in range(1, 8):
        make_story(index, f"Verhaal {number}", owner=resident, image=False)
    return resident


def sections(html):
    return re.findall(r'<h2 id="soort-([a-z]+)">([^<]+) <span class="count">\((\d+)\)</span></h2>', html)


def titles(html):
    return re.findall(r'<h3 class="h4"><a href="[^"]+">([^<]+)</a></h3>', html)


def test_my_contributions_are_grouped_by_kind_most_recent_kind_first_with_the_newest_few(client, writer):
    client.force_login(writer)
    html = assert_ours(client.get(reverse("my_contributions")))
    assert sections(html) == [
        ("storypage", "Verhalen", "7"),
        ("aanmeldingen", "Aanmeldingen als vrijwilliger", "1"),
        ("initiativepage", "Initiatieven", "1"),
    ]
    assert titles(html) == ["Verhaal 7", "Verhaal 6", "Verhaal 5", "Verhaal 4", "Verhaal 3", "Repair Café", "Buurtsoep"]
    assert '<a href="?soort=storypage">Alle 7 verhalen bekijken</a>' in html
    assert html.count('<time datetime="') == 7  # each with its date
    assert "Laatst aangepast op" in html and 'data-signup="confirmed"' in html and "Koffie schenken" in html


def test_one_kind_of_contribution_has_pages_of_its_own(client, writer, monkeypatch):
    from wijkplatform import views

    monkeypatch.setattr(views, "CONTRIBUTIONS_PER_PAGE", 3)
    client.force_login(writer)
    first = client.get(reverse("my_contributions"), {"soort": "storypage"}).content.decode()
    assert [kind for kind, _label, _count in sections(first)] == ["storypage"]
    assert titles(first) == ["Verhaal 7", "Verhaal 6", "Verhaal 5"]
    assert "<title>Verhalen | Mijn bijdragen" in first and "Pagina 1 van 3" in first
    assert 'href="?soort=storypage&amp;pagina=2"' in first
    last = client.get(reverse("my_contributions"), {"soort": "storypage", "pagina": "3"}).content.decode()
    assert titles(last) == ["Verhaal 1"]
    unknown = client.get(reverse("my_contributions"), {"soort": "onbekend"}).content.decode()
    assert len(sections(unknown)) == 3  # back to the overview


def test_a_story_sent_back_shows_the_editors_words_and_a_link_to_change_it(client, writer, editor):
    from stories.models import StoryPage
    from tests.helpers import reject
    from wijkplatform.moderation import submit_for_review

    story = StoryPage.objects.get(title="Verhaal 2")
    submit_for_review(story, writer)
    reject(story, editor, comment="Graag een foto erbij.")
    client.force_login(writer)
    html = client.get(reverse("my_contributions")).content.decode()
    assert titles(html)[0] == "Verhaal 2"  # changed last, so first
    assert 'data-contribution-status="needs_changes"' in html and "Graag een foto erbij." in html
    assert f'href="{story.edit_url_for_owner}"' in html


def test_links_in_account_mails_point_at_the_site_not_at_the_host_the_request_named(client, resident, mailoutbox, settings):
    settings.WAGTAILADMIN_BASE_URL = "https://wijkderuwaard.nl"
    settings.ALLOWED_HOSTS = ["*"]
    client.post(reverse("account_reset_password"), {"email": resident.email}, HTTP_HOST="aanvaller.example")
    client.post(reverse("account_reset_password"), {"email": "onbekend@example.org"}, HTTP_HOST="aanvaller.example")
    bodies = " ".join(message.body for message in mailoutbox)
    assert "aanvaller.example" not in bodies
    assert "https://wijkderuwaard.nl/account/password/reset/key/" in bodies
    assert "https://wijkderuwaard.nl/account/signup/" in bodies
