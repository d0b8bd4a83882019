"""The entity page: the entity, its Wikidata link and the claims naming it."""

import pytest
from django.urls import reverse

from claims.choices import ClaimStatus
from tests.factories import ClaimFactory, ClaimMentionFactory, EntityFactory

pytestmark = pytest.mark.django_db


def test_entity_page_lists_visible_claims_in_every_role(client, roles, analyst):
    canada = EntityFactory(name="Canada", wikidata_id="Q16")
    as_subject = ClaimFactory(subject=canada, status=ClaimStatus.VERIFIED, statement="Subject.")
    mentioned = ClaimFactory(source=as_subject.source, status=ClaimStatus.REFUTED)
    ClaimMentionFactory(claim=mentioned, entity=canada)
    hidden = ClaimFactory(source=as_subject.source, object=canada, statement="Internal.")
    url = reverse("claims:entity_detail", args=[canada.pk])
    response = client.get(url)
    html = response.content.decode()
    assert 'href="https://www.wikidata.org/wiki/Q16"' in html
    roles_shown = {c.pk: c.entity_role for c in response.context["rows"]}
    assert roles_shown == {as_subject.pk: "subject", mentioned.pk: "mentioned"}
    assert "Internal." not in html
    client.force_login(analyst)
    assert hidden.pk in {c.pk for c in client.get(url).context["rows"]}


def test_unknown_entity_is_not_found(client, roles):
    entity = EntityFactory(name="Atlantis")
    url = reverse("claims:entity_detail", args=[entity.pk])
    assert client.get(url).status_code == 200
    entity.delete()
    assert client.get(url).status_code == 404
