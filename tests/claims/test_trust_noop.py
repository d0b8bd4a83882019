"""A correction that changes nothing writes nothing (issue "Trust", item 4)."""

from decimal import Decimal

import pytest

from claims import services
from claims.models import Claim
from claims.selectors import claim_history

from ..factories import ClaimFactory, EntityFactory

pytestmark = pytest.mark.django_db


def _stored(claim):
    return Claim.objects.get(pk=claim.pk)


def test_a_correction_to_the_stored_values_writes_nothing(editor):
    claim = ClaimFactory(checkworthiness=Decimal("0.50"))
    before, events = _stored(claim), len(claim_history(claim))
    returned = services.claim_update(
        actor=editor,
        claim=claim,
        expected_version=1,
        statement=before.statement,
        subject=before.subject,
        object=None,
        as_of=before.as_of,
        checkworthiness=0.5,
        mentions=[],
    )
    after = _stored(claim)
    assert (after.version, after.updated_at) == (1, before.updated_at)
    assert len(claim_history(claim)) == events
    assert returned.version == 1 and returned.statement == before.statement


def test_only_the_fields_that_differ_are_written(editor):
    claim = ClaimFactory()
    services.claim_update(
        actor=editor,
        claim=claim,
        expected_version=1,
        statement=claim.statement,
        predicate="budget reached",
    )
    assert _stored(claim).version == 2
    update = claim_history(claim)[-1]
    assert set(update.changes) == {"predicate", "version", "updated_at"}


def test_a_no_op_correction_of_a_stale_version_is_still_refused(editor):
    from config.errors import StaleVersion

    claim = ClaimFactory()
    services.claim_update(actor=editor, claim=claim, expected_version=1, predicate="rose to")
    with pytest.raises(StaleVersion):
        services.claim_update(actor=editor, claim=claim, expected_version=1, predicate="rose to")


def test_unchanged_mentions_write_nothing(editor):
    us = EntityFactory(name="United States")
    claim = ClaimFactory()
    services.claim_update(actor=editor, claim=claim, expected_version=1, mentions=[us])
    events = len(claim_history(claim))
    services.claim_update(actor=editor, claim=claim, expected_version=2, mentions=[us])
    assert _stored(claim).version == 2
    assert len(claim_history(claim)) == events


def test_a_patch_with_the_values_the_claim_has_keeps_its_etag(api, editor):
    claim = ClaimFactory()
    etag = f'"{claim.pk}-1"'
    response = api(editor).patch(
        f"/api/v1/claims/{claim.pk}/",
        {"predicate": claim.predicate, "statement": claim.statement},
        format="json",
        HTTP_IF_MATCH=etag,
    )
    assert response.status_code == 200
    assert response["ETag"] == etag
    assert _stored(claim).version == 1
