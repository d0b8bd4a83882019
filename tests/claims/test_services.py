"""The curation rules (claims/services.py), enforced whatever interface calls them."""

import threading
import time

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, transaction

from claims import services
from claims.choices import ClaimStatus, FlagReason
from claims.models import Annotation, Claim, Review

from ..factories import EntityFactory, EvidenceFactory, SourceFactory

pytestmark = pytest.mark.django_db

QUOTE = "The budget grew to 18.1 billion yen in 2026."


def create(actor, **overrides):
    source = overrides.pop("source", None) or SourceFactory()
    fields = dict(
        actor=actor,
        source=source,
        quote=QUOTE,
        start=25,
        end=69,
        statement="Japan's budget grew to 18.1 billion yen in 2026.",
        kind="quantity",
        subject=EntityFactory(name="Japan"),
        predicate="budget is",
    )
    fields.update(overrides)
    return services.claim_create(**fields)


def in_review(claim, editor):
    services.claim_transition(actor=editor, claim=claim, to=ClaimStatus.IN_REVIEW)
    return claim


def open_unsourced(claim):
    return Annotation.objects.filter(
        claim=claim, flag_reason=FlagReason.UNSOURCED, resolved_at__isnull=True
    )


# ---------------------------------------------------------------- creating


def test_creating_a_claim_whose_quote_is_not_at_its_offsets_is_refused(editor):
    with pytest.raises(ValidationError) as refused:
        create(editor, start=0, end=44)
    assert "quote" in refused.value.message_dict
    assert not Claim.objects.exists()


def test_an_unattributed_checkable_claim_gets_an_open_unsourced_flag(editor):
    claim = create(editor, unsourced_note="No budget document is cited.")
    flag = open_unsourced(claim).get()
    assert flag.body == "No budget document is cited."
    assert flag.author == editor


def test_an_attributed_claim_gets_no_unsourced_flag(editor):
    mofa = EntityFactory(name="MOFA", kind="organization")
    claim = create(editor, attributed_to=mofa)
    assert Claim.objects.get(pk=claim.pk).attributed_to == mofa
    assert not claim.annotations.exists()
    assert open_unsourced(create(editor)).exists()  # the same claim, unattributed, is flagged


def test_a_claim_marked_not_checkable_gets_no_unsourced_flag(editor):
    claim = create(editor, checkable=False)
    assert not claim.annotations.exists()
    assert open_unsourced(create(editor, checkable=True)).exists()


def test_as_of_defaults_to_the_sources_publication_date(editor):
    assert str(create(editor).as_of) == "2026-02-02"


def test_an_analyst_cannot_create_claims(analyst):
    with pytest.raises(PermissionDenied):
        create(analyst)
    assert not Claim.objects.exists()


# ---------------------------------------------------------------- correcting


def test_an_editor_corrects_a_claim_and_its_version_moves_on(editor):
    claim = create(editor)
    services.claim_update(
        actor=editor, claim=claim, expected_version=1, statement="Corrected statement."
    )
    claim.refresh_from_db()
    assert (claim.statement, claim.version) == ("Corrected statement.", 2)


def test_a_stale_correction_is_refused_and_overwrites_nothing(editor, other_editor):
    claim = create(editor)
    services.claim_update(actor=editor, claim=claim, expected_version=1, statement="First.")
    stale = Claim.objects.get(pk=claim.pk)
    with pytest.raises(services.StaleVersion) as refused:
        services.claim_update(
            actor=other_editor, claim=stale, expected_version=1, statement="Second."
        )
    assert (refused.value.expected, refused.value.current) == (1, 2)
    assert Claim.objects.get(pk=claim.pk).statement == "First."


def test_a_correction_that_breaks_the_quote_is_refused(editor):
    claim = create(editor)
    with pytest.raises(ValidationError) as refused:
        services.claim_update(actor=editor, claim=claim, expected_version=1, start=26)
    assert "quote" in refused.value.message_dict
    assert Claim.objects.get(pk=claim.pk).start == 25


def test_a_decided_claims_content_is_locked_until_reopened(editor, reviewer):
    claim = in_review(create(editor), editor)
    services.claim_transition(
        actor=reviewer, claim=claim, to=ClaimStatus.MISLEADING, rationale="Omits context."
    )
    with pytest.raises(ValidationError, match="reopen"):
        services.claim_update(
            actor=editor, claim=claim, expected_version=claim.version, statement="Changed."
        )


def test_an_analyst_cannot_correct_claims(editor, analyst):
    claim = create(editor)
    with pytest.raises(PermissionDenied):
        services.claim_update(actor=analyst, claim=claim, expected_version=1, statement="X.")


@pytest.mark.django_db(transaction=True)
def test_two_concurrent_corrections_of_one_version_cannot_both_win(editor, other_editor):
    """Two connections edit version 1 at once: the second waits on the row, then is refused."""
    claim = create(editor)
    first_written, release_first = threading.Event(), threading.Event()
    outcome = {}

    def first():
        try:
            with transaction.atomic():
                services.claim_update(
                    actor=editor,
                    claim=Claim.objects.get(pk=claim.pk),
                    expected_version=1,
                    statement="The first editor's correction.",
                )
                first_written.set()
                release_first.wait(timeout=20)
            outcome["first"] = "saved"
        finally:
            connection.close()

    def second():
        first_written.wait(timeout=20)
        try:
            services.claim_update(
                actor=other_editor,
                claim=Claim.objects.get(pk=claim.pk),
                expected_version=1,
                statement="The second editor's correction.",
            )
            outcome["second"] = "saved"
        except services.StaleVersion as stale:
            outcome["second"] = stale
        finally:
            connection.close()

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for thread in threads:
        thread.start()
    # Let the first commit only once the second connection is really blocked on the row.
    deadline = time.monotonic() + 20
    with connection.cursor() as cursor:
        while time.monotonic() < deadline:
            cursor.execute(
                "SELECT count(*) FROM pg_stat_activity"
                " WHERE datname = current_database() AND wait_event_type = 'Lock'"
            )
            if cursor.fetchone()[0] >= 1:
                break
            time.sleep(0.02)
        else:
            release_first.set()
            pytest.fail("the second edit never waited on the first one's row lock")
    release_first.set()
    for thread in threads:
        thread.join(timeout=20)

    assert outcome["first"] == "saved"
    assert isinstance(outcome["second"], services.StaleVersion)
    assert outcome["second"].current == 2
    stored = Claim.objects.get(pk=claim.pk)
    assert (stored.statement, stored.version) == ("The first editor's correction.", 2)


# ---------------------------------------------------------------- deciding


def test_an_editor_sends_a_claim_to_review_and_a_review_row_records_it(editor):
    claim = in_review(create(editor), editor)
    review = Review.objects.get(claim=claim)
    assert (claim.status, review.from_status, review.to_status, review.reviewer) == (
        "in_review",
        "unreviewed",
        "in_review",
        editor,
    )


def test_an_analyst_cannot_send_a_claim_to_review(editor, analyst):
    claim = create(editor)
    with pytest.raises(PermissionDenied):
        services.claim_transition(actor=analyst, claim=claim, to=ClaimStatus.IN_REVIEW)


def test_an_editor_cannot_decide_a_claim(editor, other_editor):
    claim = in_review(create(editor), editor)
    EvidenceFactory(claim=claim)
    with pytest.raises(PermissionDenied):
        services.claim_transition(
            actor=other_editor, claim=claim, to=ClaimStatus.VERIFIED, rationale="Looks right."
        )
    assert Claim.objects.get(pk=claim.pk).status == "in_review"


def test_verifying_without_supporting_evidence_is_refused(editor, reviewer):
    claim = in_review(create(editor), editor)
    EvidenceFactory(claim=claim, stance="context")
    with pytest.raises(ValidationError) as refused:
        services.claim_transition(
            actor=reviewer, claim=claim, to=ClaimStatus.VERIFIED, rationale="Seems right."
        )
    assert refused.value.code == "missing_evidence"
    assert Claim.objects.get(pk=claim.pk).status == "in_review"


def test_evidence_from_the_claims_own_source_does_not_verify_it(editor, reviewer):
    claim = in_review(create(editor), editor)
    EvidenceFactory(claim=claim, source=claim.source, stance="supports")
    with pytest.raises(ValidationError, match="other than its own"):
        services.claim_transition(
            actor=reviewer, claim=claim, to=ClaimStatus.VERIFIED, rationale="It says so."
        )


def test_a_reviewer_cannot_verify_a_claim_they_created(reviewer):
    claim = in_review(create(reviewer), reviewer)
    EvidenceFactory(claim=claim)
    with pytest.raises(ValidationError) as refused:
        services.claim_transition(
            actor=reviewer, claim=claim, to=ClaimStatus.VERIFIED, rationale="Confirmed."
        )
    assert refused.value.code == "four_eyes"


def test_a_reviewer_verifies_anothers_claim_with_evidence_and_a_rationale(editor, reviewer):
    claim = in_review(create(editor), editor)
    EvidenceFactory(claim=claim)
    review = services.claim_transition(
        actor=reviewer, claim=claim, to=ClaimStatus.VERIFIED, rationale="Budget document p. 4."
    )
    stored = Claim.objects.get(pk=claim.pk)
    assert (stored.status, stored.version) == ("verified", 3)
    assert (review.from_status, review.to_status, review.rationale, review.reviewer) == (
        "in_review",
        "verified",
        "Budget document p. 4.",
        reviewer,
    )


def test_a_decision_without_a_rationale_is_refused(editor, reviewer):
    claim = in_review(create(editor), editor)
    EvidenceFactory(claim=claim)
    with pytest.raises(ValidationError) as refused:
        services.claim_transition(actor=reviewer, claim=claim, to=ClaimStatus.VERIFIED)
    assert "rationale" in refused.value.message_dict


def test_refuting_needs_refuting_evidence(editor, reviewer):
    claim = in_review(create(editor), editor)
    EvidenceFactory(claim=claim, stance="supports")
    with pytest.raises(ValidationError, match="refuting evidence"):
        services.claim_transition(
            actor=reviewer, claim=claim, to=ClaimStatus.REFUTED, rationale="Wrong."
        )
    EvidenceFactory(claim=claim, stance="refutes")
    services.claim_transition(actor=reviewer, claim=claim, to=ClaimStatus.REFUTED, rationale="W.")
    assert Claim.objects.get(pk=claim.pk).status == "refuted"


def test_an_unreviewed_claim_must_go_to_review_before_it_is_verified(editor, reviewer):
    claim = create(editor)
    EvidenceFactory(claim=claim)
    with pytest.raises(ValidationError) as refused:
        services.claim_transition(
            actor=reviewer, claim=claim, to=ClaimStatus.VERIFIED, rationale="Fine."
        )
    assert refused.value.code == "transition_not_allowed"


def test_a_reviewer_reopens_a_decided_claim_and_it_is_recorded(editor, reviewer):
    claim = in_review(create(editor), editor)
    services.claim_transition(
        actor=reviewer, claim=claim, to=ClaimStatus.UNVERIFIABLE, rationale="No records."
    )
    services.claim_transition(
        actor=reviewer, claim=claim, to=ClaimStatus.IN_REVIEW, rationale="A record surfaced."
    )
    assert Claim.objects.get(pk=claim.pk).status == "in_review"
    assert list(Review.objects.filter(claim=claim).values_list("to_status", flat=True)) == [
        "in_review",
        "unverifiable",
        "in_review",
    ]


def test_a_stale_decision_is_refused(editor, reviewer):
    claim = in_review(create(editor), editor)
    with pytest.raises(services.StaleVersion):
        services.claim_transition(
            actor=reviewer,
            claim=claim,
            to=ClaimStatus.DISPUTED,
            rationale="Sources differ.",
            expected_version=1,
        )
    assert Claim.objects.get(pk=claim.pk).status == "in_review"


# ---------------------------------------------------------------- flags and evidence


def test_a_second_open_unsourced_flag_is_refused(editor):
    claim = create(editor)
    with pytest.raises(ValidationError, match="already has an open unsourced flag"):
        services.annotation_create(
            actor=editor, claim=claim, kind="flag", flag_reason="unsourced", body="Again."
        )


def test_a_flag_needs_a_reason(editor):
    claim = create(editor, checkable=False)
    with pytest.raises(ValidationError) as refused:
        services.annotation_create(actor=editor, claim=claim, kind="flag", body="Hmm.")
    assert "flag_reason" in refused.value.message_dict
    assert not claim.annotations.exists()
    services.annotation_create(
        actor=editor, claim=claim, kind="flag", flag_reason="outdated", body="Hmm."
    )
    assert claim.annotations.get().flag_reason == "outdated"


def test_resolving_a_flag_records_who_why_and_keeps_the_flag(editor, other_editor):
    claim = create(editor)
    flag = open_unsourced(claim).get()
    services.annotation_resolve(actor=other_editor, annotation=flag, note="MOFA release found.")
    flag.refresh_from_db()
    assert (flag.resolved_by, flag.resolution_note) == (other_editor, "MOFA release found.")
    assert flag.resolved_at is not None
    with pytest.raises(ValidationError, match="already resolved"):
        services.annotation_resolve(actor=editor, annotation=flag, note="Again.")


def test_evidence_quoting_words_its_source_does_not_contain_is_refused(editor):
    claim = create(editor)
    with pytest.raises(ValidationError) as refused:
        services.evidence_attach(
            actor=editor,
            claim=claim,
            source=SourceFactory(body="The budget rose."),
            stance="supports",
            quote="The budget doubled.",
        )
    assert "quote" in refused.value.message_dict


def test_quantities_of_a_decided_claim_cannot_change(editor, reviewer):

    claim = in_review(create(editor), editor)
    services.claim_transition(
        actor=reviewer, claim=claim, to=ClaimStatus.DISPUTED, rationale="Sources differ."
    )
    with pytest.raises(ValidationError, match="reopen"):
        services.quantity_create(actor=editor, claim=claim, value=1, unit="JPY")


def test_refusals_carry_a_code_a_program_can_branch_on(editor, reviewer):
    claim = in_review(create(editor), editor)
    with pytest.raises(ValidationError) as refused:
        services.claim_transition(actor=reviewer, claim=claim, to=ClaimStatus.MISLEADING)
    assert refused.value.error_dict["rationale"][0].code == "rationale_required"
    with pytest.raises(ValidationError) as refused:
        services.claim_flag_unsourced(actor=editor, claim=claim)  # returns the open one
        services.annotation_create(
            actor=editor, claim=claim, kind="flag", flag_reason="unsourced", body="Again."
        )
    assert refused.value.error_dict["flag_reason"][0].code == "duplicate"


def test_the_evidence_a_verdict_rests_on_cannot_be_changed_or_removed(editor, reviewer):
    claim = in_review(create(editor), editor)
    support = EvidenceFactory(claim=claim)
    services.claim_transition(actor=reviewer, claim=claim, to=ClaimStatus.VERIFIED, rationale="R.")
    with pytest.raises(ValidationError, match="reopen"):
        services.evidence_delete(actor=editor, evidence=support)
    with pytest.raises(ValidationError, match="reopen"):
        services.evidence_update(actor=editor, evidence=support, stance="refutes")
    support.refresh_from_db()
    assert support.stance == "supports"
    # More evidence may still be added to a decided claim.
    services.evidence_attach(
        actor=editor, claim=claim, source=SourceFactory(title="Later record"), stance="context"
    )
    assert claim.evidence.count() == 2


def test_an_entity_mentioned_twice_is_recorded_once(editor):
    thailand = EntityFactory(name="Thailand")
    claim = create(editor, mentions=[thailand, thailand])
    assert list(claim.mentions.all()) == [thailand]


def test_a_revision_of_the_claims_own_source_does_not_verify_it(editor, reviewer):
    claim = in_review(create(editor), editor)
    reissued = SourceFactory(title="Re-issued article", revises=claim.source)
    EvidenceFactory(claim=claim, source=reissued, stance="supports")
    with pytest.raises(ValidationError, match="or a revision of it"):
        services.claim_transition(
            actor=reviewer, claim=claim, to=ClaimStatus.VERIFIED, rationale="It says so."
        )
