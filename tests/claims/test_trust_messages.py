"""Issue 9, item 17: messages say the true reason."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from claims import services
from claims.choices import ClaimStatus

from ..factories import ClaimFactory

pytestmark = pytest.mark.django_db


def _etag(claim) -> str:
    return f'"{claim.pk}-{claim.version}"'


def test_sending_a_verified_claim_to_review_says_it_is_decided(editor):
    claim = ClaimFactory(status=ClaimStatus.VERIFIED)
    with pytest.raises(PermissionDenied) as refused:
        services.claim_transition(actor=editor, claim=claim, to=ClaimStatus.IN_REVIEW)
    message = str(refused.value)
    assert "decided (verified)" in message and "reopen it first" in message
    assert "may not decide or reopen" not in message


def test_the_admin_send_to_review_action_says_so_too(client, editor):
    claim = ClaimFactory(status=ClaimStatus.VERIFIED)
    client.force_login(editor)
    response = client.post(
        reverse("admin:claims_claim_changelist"),
        {"action": "send_to_review", "_selected_action": [claim.pk]},
        follow=True,
    )
    messages = [str(m) for m in response.context["messages"]]
    assert any("reopen it first" in m for m in messages), messages
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.VERIFIED


def test_an_analyst_still_hears_that_they_may_not_reopen(analyst):
    claim = ClaimFactory(status=ClaimStatus.VERIFIED)
    with pytest.raises(PermissionDenied, match="may not decide or reopen"):
        services.claim_transition(actor=analyst, claim=claim, to=ClaimStatus.IN_REVIEW)


def test_a_412_on_ones_own_second_edit_does_not_blame_someone_else(api, editor):
    claim = ClaimFactory()
    url, sent = f"/api/v1/claims/{claim.pk}/", _etag(claim)
    api(editor).patch(url, {"predicate": "first"}, format="json", HTTP_IF_MATCH=sent)
    response = api(editor).patch(url, {"predicate": "second"}, format="json", HTTP_IF_MATCH=sent)
    assert response.status_code == 412
    detail = response.json()["detail"]
    assert "someone else" not in detail
    assert "changed since version 1, the ETag you sent" in detail
    assert "you changed it yourself" in detail
    assert f'"{claim.pk}-2"' in detail


def test_a_412_after_another_editors_change_names_them(api, editor, other_editor):
    claim = ClaimFactory()
    url, sent = f"/api/v1/claims/{claim.pk}/", _etag(claim)
    api(other_editor).patch(url, {"predicate": "first"}, format="json", HTTP_IF_MATCH=sent)
    response = api(editor).patch(url, {"predicate": "second"}, format="json", HTTP_IF_MATCH=sent)
    assert response.status_code == 412
    assert "last changed by editor2" in response.json()["detail"]
