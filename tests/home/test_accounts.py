"""Accounts under /account/: sign-up with e-mail confirmation, rate-limited login, my data, deleting."""

import json
import re

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from home.models import ContentPage
from tests.helpers import PASSWORD, make_user
from wijkplatform.moderation import RESIDENTS_GROUP, submit_for_review

pytestmark = pytest.mark.django_db


def test_new_resident_must_confirm_e_mail_before_logging_in(client, mailoutbox):
    response = client.post(
        reverse("account_signup"),
        {"email": "nieuw@example.org", "username": "nieuwebewoner", "password1": "Ruwaard-2026!", "password2": "Ruwaard-2026!"},
    )
    assert response.status_code == 302
    user = get_user_model().objects.get(username="nieuwebewoner")
    assert list(user.groups.values_list("name", flat=True)) == [RESIDENTS_GROUP]
    assert "_auth_user_id" not in client.session

    login = client.post(reverse("account_login"), {"login": "nieuwebewoner", "password": "Ruwaard-2026!"})
    assert "_auth_user_id" not in client.session, login

    message = mailoutbox[0]
    link = re.search(r"http://testserver(/account/confirm-email/[^\s]+)", message.body).group(1)
    client.post(link)
    client.post(reverse("account_login"), {"login": "nieuwebewoner", "password": "Ruwaard-2026!"})
    assert client.session["_auth_user_id"] == str(user.pk)


def test_login_is_rate_limited_after_repeated_failures(client, resident):
    for _attempt in range(5):
        client.post(reverse("account_login"), {"login": resident.username, "password": "fout"})
    response = client.post(reverse("account_login"), {"login": resident.username, "password": PASSWORD})
    assert "_auth_user_id" not in client.session
    assert "Te veel pogingen. Probeer het over een paar minuten opnieuw." in response.content.decode()


def test_password_reset_mails_a_link(client, resident, mailoutbox):
    client.post(reverse("account_reset_password"), {"email": resident.email})
    assert len(mailoutbox) == 1 and resident.email in mailoutbox[0].to


def test_my_data_download_holds_account_and_contributions(client, resident, home):
    submit_for_review(ContentPage(title="Mijn verhaal over de markt", body="<p>Tekst</p>"), resident, parent=home)
    client.force_login(resident)
    response = client.get(reverse("my_data_download"))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    data = json.loads(response.content)
    assert data["account"]["gebruikersnaam"] == resident.username
    assert data["account"]["email"] == resident.email
    assert [item["titel"] for item in data["bijdragen"]] == ["Mijn verhaal over de markt"]


def test_my_contributions_lists_what_i_sent_in_with_its_status(client, resident, home):
    submit_for_review(ContentPage(title="Buurtfeest", body="<p>Tekst</p>"), resident, parent=home)
    client.force_login(resident)
    response = client.get(reverse("my_contributions"))
    assert b"Buurtfeest" in response.content
    assert b'data-contribution-status="in_review"' in response.content


def test_deleting_my_account_needs_my_password_and_removes_me(client, resident):
    client.force_login(resident)
    wrong = client.post(reverse("delete_account"), {"password": "fout", "confirm": "on"})
    assert wrong.status_code == 400
    assert get_user_model().objects.filter(pk=resident.pk).exists()
    client.post(reverse("delete_account"), {"password": PASSWORD, "confirm": "on"})
    assert not get_user_model().objects.filter(pk=resident.pk).exists()
    assert "_auth_user_id" not in client.session


def test_my_data_pages_need_login(client):
    for name in ["my_data", "my_data_download", "my_contributions"]:
        response = client.get(reverse(name))
        assert response.status_code == 302 and "/account/login/" in response["Location"]


def test_other_users_data_is_not_in_my_download(client, resident):
    make_user("buurman", RESIDENTS_GROUP, email="buurman@example.org")
    client.force_login(resident)
    assert b"buurman" not in client.get(reverse("my_data_download")).content
