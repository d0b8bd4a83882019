"""Issue #9 item 8: the pages word what a reader sees by the one visibility rule
(claims.selectors.can_see_internal), never by `user.is_authenticated`. An account signed in
without a role reads exactly what an anonymous reader reads, and is told so in the same words."""

import pytest
from django.urls import reverse

from claims.choices import ClaimStatus
from tests.factories import ClaimFactory, EntityFactory, SourceFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def unpublished_only():
    """A source and an entity whose only claim is still unreviewed: internal."""
    japan = EntityFactory(name="Japan")
    claim = ClaimFactory(subject=japan, status=ClaimStatus.UNREVIEWED, statement="Internal.")
    return claim.source, japan


def pages(source, entity):
    return {
        "reading view": reverse("claims:source_detail", args=[source.pk]),
        "entity page": reverse("claims:entity_detail", args=[entity.pk]),
    }


def test_an_account_without_a_role_is_told_what_anonymous_readers_are_told(
    client, unpublished_only, outsider
):
    urls = pages(*unpublished_only)
    anonymous = {name: client.get(url).content.decode() for name, url in urls.items()}
    client.force_login(outsider)
    signed_in = {name: client.get(url).content.decode() for name, url in urls.items()}
    assert "No published claims on this text yet." in signed_in["reading view"]
    assert "No published claims name this entity yet." in signed_in["entity page"]
    for name, html in signed_in.items():
        assert "Internal." not in html, name
        assert "Readers see claims once they are decided, with their verdict." in html, name
        assert "Signed in as <strong>outsider1</strong>" in html, name
        assert "published claims</span>" in html, name
        for words in ("No claims on this text yet.", "No claims name this entity yet."):
            assert words not in html, name
    assert "No published claims on this text yet." in anonymous["reading view"]
    assert "No published claims name this entity yet." in anonymous["entity page"]


def test_an_analyst_is_told_there_is_nothing_at_all(client, analyst):
    source, entity = SourceFactory(), EntityFactory(name="Canada")
    client.force_login(analyst)
    reading = client.get(pages(source, entity)["reading view"]).content.decode()
    entity_page = client.get(pages(source, entity)["entity page"]).content.decode()
    assert "No claims on this text yet." in reading
    assert "No claims name this entity yet." in entity_page
    for html in (reading, entity_page):
        assert "Readers see claims once they are decided" not in html
        assert "published claims</span>" not in html


def test_the_pages_ask_the_visibility_rule_not_whether_someone_signed_in():
    """No template decides what a reader sees from `is_authenticated` (signing in is not a
    role); only the login form and the header's account box speak of signing in."""
    from pathlib import Path

    templates = Path(__file__).resolve().parents[2] / "templates"
    deciding = {
        str(path.relative_to(templates))
        for path in templates.rglob("*.html")
        if "is_authenticated" in path.read_text()
    }
    assert deciding <= {"registration/login.html", "base.html"}
    base = (templates / "base.html").read_text()
    assert base.count("is_authenticated") == 1  # "Signed in as …" or "Log in"
