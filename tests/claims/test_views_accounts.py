"""Logging in at /accounts/login/ and out with a POST."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery staple"


def test_login_page_renders_a_labelled_form(client):
    html = client.get("/accounts/login/").content.decode()
    assert '<label for="id_username">Username</label>' in html
    assert '<label for="id_password">Password</label>' in html


def test_logging_in_leads_to_the_dashboard_or_to_next(client, analyst):
    response = client.post("/accounts/login/", {"username": "analyst1", "password": PASSWORD})
    assert response.status_code == 302 and response.url == reverse("claims:dashboard")
    client.logout()
    response = client.post(
        "/accounts/login/", {"username": "analyst1", "password": PASSWORD, "next": "/claims/"}
    )
    assert response.url == "/claims/"


def test_a_wrong_password_gets_a_clear_error_and_keeps_the_username(client, analyst):
    response = client.post("/accounts/login/", {"username": "analyst1", "password": "nope"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Please enter a correct username and password" in html
    assert 'value="analyst1"' in html


def test_logout_is_a_post(client, analyst):
    client.force_login(analyst)
    assert client.get("/accounts/logout/").status_code == 405
    response = client.post("/accounts/logout/")
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session


def test_header_offers_login_or_logout(client, analyst):
    assert "Log in" in client.get("/").content.decode()
    client.force_login(analyst)
    html = client.get("/").content.decode()
    assert "Log out" in html and "analyst1" in html
