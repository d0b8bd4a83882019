"""Candidates: what the intake proposes, internal until an editor accepts or dismisses it."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from claims import candidates
from claims.choices import ClaimStatus
from claims.models import Claim, Review
from claims.selectors import candidates_visible_to, claim_history, claims_visible_to

from ..factories import EntityFactory, SourceFactory

pytestmark = pytest.mark.django_db

QUOTE = "The budget grew to 18.1 billion yen in 2026."


def propose(actor, **fields):
    source = fields.pop("source", None) or SourceFactory()
    start = source.body.index(QUOTE)
    return candidates.claim_propose(
        actor=actor,
        source=source,
        quote=QUOTE,
        start=start,
        end=start + len(QUOTE),
        statement=QUOTE,
        kind="quantity",
        quantities=[{"value": "18.1", "scale": "1000000000", "unit": "JPY", "period": "FY2026"}],
        **fields,
    )


def test_a_candidate_is_read_by_analysts_only_and_never_among_the_curated_claims(
    editor, analyst, outsider, api, client
):
    candidate = propose(editor, checkworthiness_features={"number": 0.3})
    assert list(candidates_visible_to(analyst)) == [candidate]
    assert not candidates_visible_to(outsider).exists()
    assert not claims_visible_to(analyst).filter(pk=candidate.pk).exists()
    assert api(analyst).get("/api/v1/claims/").json()["results"] == []
    assert api(analyst).get(f"/api/v1/claims/{candidate.pk}/").status_code == 404
    client.force_login(analyst)
    assert client.get(f"/claims/{candidate.pk}/").status_code == 404
    assert candidate.quantities.get().normalised_value == 18_100_000_000
    assert candidate.annotations.count() == 0  # no flag until accepted


def test_accepting_needs_a_subject_and_predicate_and_makes_an_unreviewed_claim(editor):
    candidate = propose(editor)
    with pytest.raises(ValidationError) as refused:
        candidates.claim_accept(actor=editor, claim=candidate)
    assert refused.value.code == "unstructured"
    assert Claim.objects.get(pk=candidate.pk).status == ClaimStatus.PROPOSED

    japan = EntityFactory(name="Japan")
    accepted = candidates.claim_accept(
        actor=editor, claim=candidate, subject=japan, predicate="budget request is"
    )
    assert (accepted.status, accepted.subject, accepted.predicate) == (
        ClaimStatus.UNREVIEWED,
        japan,
        "budget request is",
    )
    review = Review.objects.get(claim=candidate)
    assert (review.from_status, review.to_status, review.reviewer) == (
        "proposed",
        "unreviewed",
        editor,
    )
    assert accepted.annotations.get().flag_reason == "unsourced"  # it cites no one
    assert ("Claim", "update", editor) in {
        (e.model, e.label, e.user) for e in claim_history(accepted)
    }


def test_a_candidate_citing_someone_unmatched_keeps_the_name_and_raises_no_unsourced_flag(editor):
    candidate = propose(
        editor,
        subject=EntityFactory(name="Japan"),
        predicate="budget is",
        proposed_attribution="a Foreign Ministry official",
    )
    accepted = candidates.claim_accept(actor=editor, claim=candidate)
    assert accepted.proposed_attribution == "a Foreign Ministry official"
    assert not accepted.annotations.exists()


def test_a_dismissal_needs_a_reason_and_a_dismissed_candidate_stays_dismissed(editor):
    candidate = propose(editor)
    with pytest.raises(ValidationError) as refused:
        candidates.claim_dismiss(actor=editor, claim=candidate, reason="  ")
    assert "reason" in refused.value.error_dict
    dismissed = candidates.claim_dismiss(actor=editor, claim=candidate, reason="Not a claim.")
    assert (dismissed.status, dismissed.dismissed_reason) == ("dismissed", "Not a claim.")
    assert Review.objects.get(claim=candidate).rationale == "Not a claim."
    with pytest.raises(ValidationError) as refused:
        candidates.claim_accept(
            actor=editor, claim=dismissed, subject=EntityFactory(), predicate="is"
        )
    assert refused.value.code == "not_a_candidate"


def test_analysts_may_not_accept_or_dismiss(editor, analyst):
    candidate = propose(editor, subject=EntityFactory(), predicate="is")
    with pytest.raises(PermissionDenied):
        candidates.claim_accept(actor=analyst, claim=candidate)
    with pytest.raises(PermissionDenied):
        candidates.claim_dismiss(actor=analyst, claim=candidate, reason="No.")
    assert Claim.objects.get(pk=candidate.pk).status == ClaimStatus.PROPOSED


def test_the_database_refuses_a_curated_claim_without_subject(editor):
    candidate = propose(editor)
    with pytest.raises(IntegrityError, match="claim_structured_unless_candidate"):
        with transaction.atomic():
            Claim.objects.filter(pk=candidate.pk).update(status=ClaimStatus.UNREVIEWED)


def test_the_change_feed_leaves_candidates_out_until_one_is_accepted(editor, analyst, api):
    kept = propose(editor)
    dismissed = propose(editor)
    candidates.claim_dismiss(actor=editor, claim=dismissed, reason="Opinion, not a claim.")
    assert api(analyst).get("/api/v1/changes/").json()["results"] == []
    candidates.claim_accept(actor=editor, claim=kept, subject=EntityFactory(), predicate="is")
    changes = api(analyst).get("/api/v1/changes/").json()["results"]
    assert [(c["claim"], c["change"]) for c in changes] == [(kept.pk, "created")]
