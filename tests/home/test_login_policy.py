"""One login policy: the site's and the admin's login share one throttle, one lockout and one message."""

import pytest
from django.urls import reverse

from tests.helpers import PASSWORD
from wijkplatform.accounts import TOO_MANY_ATTEMPTS

pytestmark = pytest.mark.django_db

SITE_LOGIN = "/account/login/"
ADMIN_LOGIN = "/admin/login/"


def fail_five_times(client, path, username):
    for _attempt in range(5):
        response = client.post(path, {"login": username, "password": "fout-wachtwoord"})
        assert response.status_code == 200
        assert "_auth_user_id" not in client.session


@pytest.mark.parametrize(("failed_on", "then_on"), [(SITE_LOGIN, ADMIN_LOGIN), (ADMIN_LOGIN, SITE_LOGIN)])
def test_five_wrong_passwords_lock_out_every_login_form_with_one_message(client, professional, failed_on, then_on):
    fail_five_times(client, failed_on, professional.username)
    response = client.post(then_on, {"login": professional.username, "password": PASSWORD})
    assert "_auth_user_id" not in client.session
    assert str(TOO_MANY_ATTEMPTS) in response.content.decode()
    assert "Te veel pogingen. Probeer het over een paar minuten opnieuw." == str(TOO_MANY_ATTEMPTS)


def test_the_lockout_holds_for_the_admin_path_under_another_spelling_of_the_name(client, professional):
    fail_five_times(client, SITE_LOGIN, professional.username)
    response = client.post(ADMIN_LOGIN, {"login": professional.username.upper(), "password": PASSWORD})
    assert "_auth_user_id" not in client.session
    assert str(TOO_MANY_ATTEMPTS) in response.content.decode()


def test_admin_login_page_is_the_sites_login_and_keeps_where_to_go(client):
    response = client.get(ADMIN_LOGIN, {"next": "/admin/pages/"})
    assert response.status_code == 302
    assert response["Location"] == f"{SITE_LOGIN}?next=%2Fadmin%2Fpages%2F"

    followed = client.get("/admin/", follow=True)
    assert followed.redirect_chain[-1][0] == f"{SITE_LOGIN}?next=%2Fadmin%2F"
    assert b'name="login"' in followed.content


def test_admin_login_never_sends_people_to_another_site(client):
    response = client.get(ADMIN_LOGIN, {"next": "https://example.com/admin/"})
    assert response["Location"] == f"{SITE_LOGIN}?next=%2Fadmin%2F"


def test_a_right_password_on_the_admin_path_opens_the_admin(client, professional):
    response = client.post(ADMIN_LOGIN, {"login": professional.username, "password": PASSWORD})
    assert response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")
    assert client.session["_auth_user_id"] == str(professional.pk)


def test_a_signed_in_resident_who_opens_the_admin_lands_on_the_site_not_in_a_loop(client, resident):
    client.force_login(resident)
    response = client.get("/admin/", follow=True)
    assert response.status_code == 200
    assert response.redirect_chain[-1][0] == reverse("my_contributions")
    assert len(response.redirect_chain) == 2


def test_wagtails_own_login_and_password_reset_forms_are_gone(client):
    assert client.get(ADMIN_LOGIN).status_code == 302
    assert b"password" not in client.get(ADMIN_LOGIN).content
    assert client.get("/admin/password_reset/").status_code == 404


@pytest.mark.parametrize("path", ["/django-admin/", "/django-admin/login/", "/django-admin/auth/user/"])
def test_the_django_admin_is_gone(client, superuser, path):
    assert client.get(path).status_code == 404
    client.force_login(superuser)
    assert client.get(path).status_code == 404
