"""The claim list's bulk actions: each selected claim is done or reported refused, with why;
nothing is half done."""

import threading

import pytest
from django.db import IntegrityError, connection
from django.urls import reverse

from claims import services
from claims.models import Annotation, Claim

from ..factories import ClaimFactory, EntityFactory

CHANGELIST = reverse("admin:claims_claim_changelist")


def messages_of(response) -> list[str]:
    return [str(m) for m in response.context["messages"]]


def flag(client, claims, note="No budget document is cited.", **extra):
    return client.post(
        CHANGELIST,
        {
            "action": "flag_unsourced",
            "_selected_action": [claim.pk for claim in claims],
            "apply": "Flag",
            "note": note,
            **extra,
        },
        follow=True,
    )


def flags_on(claim):
    return list(Annotation.objects.filter(claim=claim, flag_reason="unsourced"))


@pytest.mark.django_db
def test_flagging_asks_for_a_reason_and_writes_exactly_that(client, editor):
    claim = ClaimFactory()
    client.force_login(editor)
    asked = client.post(CHANGELIST, {"action": "flag_unsourced", "_selected_action": [claim.pk]})
    assert asked.templates[0].name == "admin/claims/claim/flag_unsourced.html"
    assert 'name="note"' in asked.content.decode()
    refused = flag(client, [claim], note="  ")
    assert "This field is required." in refused.content.decode()
    assert flags_on(claim) == []
    done = flag(client, [claim], note="No budget document is cited.")
    assert f"1 claim(s) flagged as unsourced. Done for claim {claim.pk}." in messages_of(done)
    assert [f.body for f in flags_on(claim)] == ["No budget document is cited."]


@pytest.mark.django_db
def test_an_attributed_or_decided_claim_is_flagged_only_when_confirmed(client, editor, reviewer):
    plain = ClaimFactory()
    attributed = ClaimFactory(attributed_to=EntityFactory(name="MOFA"))
    decided = ClaimFactory(status="verified")
    client.force_login(editor)
    asked = client.post(
        CHANGELIST,
        {"action": "flag_unsourced", "_selected_action": [plain.pk, attributed.pk, decided.pk]},
    ).content.decode()
    assert "Check first: it is attributed to MOFA." in asked
    assert "Check first: it is verified." in asked
    shown = messages_of(flag(client, [plain, attributed, decided]))
    assert f"1 claim(s) flagged as unsourced. Done for claim {plain.pk}." in shown
    assert (
        f"Refused. Claim {attributed.pk}: Not flagged: it is attributed to MOFA. "
        "Confirm to flag it all the same." in shown
    )
    assert any(
        m.startswith(f"Refused. Claim {decided.pk}: Not flagged: it is verified") for m in shown
    )
    assert flags_on(attributed) == flags_on(decided) == []
    flag(client, [attributed, decided], confirmed="on")
    assert len(flags_on(attributed)) == len(flags_on(decided)) == 1


@pytest.mark.django_db
def test_a_claim_already_flagged_is_reported_not_flagged_twice(client, editor):
    claim = ClaimFactory()
    first = services.claim_flag_unsourced(actor=editor, claim=claim, note="Who said so?")
    client.force_login(editor)
    shown = messages_of(flag(client, [claim]))
    assert (
        f"Refused. Claim {claim.pk}: flag_reason: This claim already has an open unsourced "
        f"flag (flag {first.pk})." in shown
    )
    assert flags_on(claim) == [first]


@pytest.mark.django_db(transaction=True)
def test_a_concurrent_duplicate_flag_is_reported_and_the_other_claims_are_flagged(
    client, editor, other_editor, monkeypatch
):
    """Another editor's flag is committed from another connection after this action checked
    the claim and before it inserts its own: the database's unique index refuses the insert."""
    first, raced, last = ClaimFactory(), ClaimFactory(), ClaimFactory()
    save = Annotation.save

    def save_after_a_concurrent_flag(annotation, *args, **kwargs):
        if annotation.claim_id == raced.pk and not Annotation.objects.filter(claim=raced).exists():

            def other_editor_flags():
                try:  # bulk_create: no save(), so this patch is not re-entered
                    Annotation.objects.bulk_create(
                        [
                            Annotation(
                                claim_id=raced.pk,
                                author=other_editor,
                                kind="flag",
                                flag_reason="unsourced",
                                body="Mine, committed first.",
                            )
                        ]
                    )
                finally:
                    connection.close()

            other = threading.Thread(target=other_editor_flags)
            other.start()
            other.join()
        return save(annotation, *args, **kwargs)

    monkeypatch.setattr(Annotation, "save", save_after_a_concurrent_flag)
    client.force_login(editor)
    response = flag(client, [first, raced, last])
    assert response.status_code == 200
    shown = messages_of(response)
    assert any(
        m.startswith("2 claim(s) flagged as unsourced.")
        and str(first.pk) in m
        and str(last.pk) in m
        for m in shown
    )
    assert (
        f"Refused. Claim {raced.pk}: flag_reason: Another editor flagged this claim as "
        "unsourced a moment ago." in shown
    )
    assert [f.body for f in flags_on(raced)] == ["Mine, committed first."]
    assert len(flags_on(first)) == len(flags_on(last)) == 1


@pytest.mark.django_db(transaction=True)
def test_an_unforeseen_database_error_changes_none_of_the_selected_claims(
    client, editor, monkeypatch
):
    claims = ClaimFactory.create_batch(3)
    transition = services.claim_transition
    calls = []

    def fails_on_the_second(**kwargs):
        calls.append(kwargs["claim"].pk)
        if len(calls) == 2:
            raise IntegrityError("a bug, not a rule")
        return transition(**kwargs)

    monkeypatch.setattr(services, "claim_transition", fails_on_the_second)
    client.raise_request_exception = True
    client.force_login(editor)
    with pytest.raises(IntegrityError):
        client.post(
            CHANGELIST,
            {"action": "send_to_review", "_selected_action": [c.pk for c in claims]},
        )
    assert set(Claim.objects.values_list("status", flat=True)) == {"unreviewed"}
