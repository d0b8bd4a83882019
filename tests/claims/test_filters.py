"""The one ClaimFilterSet: what each filter returns."""

import pytest
from django.test import RequestFactory

from claims import services
from claims.filters import ClaimFilterSet
from claims.models import Claim

from ..factories import (
    ClaimFactory,
    ClaimMentionFactory,
    EntityFactory,
    PublisherFactory,
    QuantityFactory,
    SourceFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def filtered(data, user=None):
    request = RequestFactory().get("/")
    request.user = user or UserFactory(username="nobody")
    return set(ClaimFilterSet(data=data, queryset=Claim.objects.all(), request=request).qs)


def test_status_and_kind_accept_several_values():
    verified = ClaimFactory(status="verified", kind="quantity")
    refuted = ClaimFactory(status="refuted", kind="event")
    ClaimFactory(status="unreviewed")
    assert filtered({"status": ["verified", "refuted"]}) == {verified, refuted}
    assert filtered({"kind": ["event"]}) == {refuted}


def test_entity_matches_subject_object_attribution_and_mentions():
    thailand = EntityFactory(name="Thailand")
    as_subject = ClaimFactory(subject=thailand)
    as_object = ClaimFactory(object=thailand)
    attributed = ClaimFactory(attributed_to=thailand)
    mentioned = ClaimFactory()
    ClaimMentionFactory(claim=mentioned, entity=thailand)
    ClaimFactory()
    assert filtered({"entity": thailand.pk}) == {as_subject, as_object, attributed, mentioned}


def test_source_and_publisher():
    xinhua = PublisherFactory(name="Wire A")
    from_wire = ClaimFactory(source=SourceFactory(publisher=xinhua))
    other = ClaimFactory()
    assert filtered({"publisher": xinhua.pk}) == {from_wire}
    assert filtered({"source": other.source.pk}) == {other}


def test_period_matches_a_quantitys_fiscal_year():
    fy2026 = QuantityFactory(period="FY2026").claim
    QuantityFactory(period="FY2025")
    assert filtered({"period": "fy2026"}) == {fy2026}


def test_as_of_range():
    early = ClaimFactory(as_of="2025-06-01")
    ClaimFactory(as_of="2026-02-02")
    assert filtered({"as_of_after": "2025-01-01", "as_of_before": "2025-12-31"}) == {early}


def test_open_flag_for_analysts_only(analyst, editor, outsider):
    flagged = ClaimFactory()
    services.claim_flag_unsourced(actor=editor, claim=flagged, note="No source.")
    resolved = ClaimFactory()
    flag = services.claim_flag_unsourced(actor=editor, claim=resolved, note="No source.")
    services.annotation_resolve(actor=editor, annotation=flag, note="Found it.")
    assert filtered({"open_flag": "unsourced"}, analyst) == {flagged}
    assert filtered({"open_flag": "any"}, analyst) == {flagged}
    # Flags are internal: for an outsider the filter does not exist and filters nothing.
    assert filtered({"open_flag": "unsourced"}, outsider) == {flagged, resolved}


def claim_quoting(text, **fields):
    return ClaimFactory(source=SourceFactory(body=text), quote=text, **fields)


def test_q_is_ranked_full_text_search_with_stemming():
    strong = claim_quoting(
        "The OSA budget doubles to 18.1 billion yen.",
        statement="The OSA budget request is 18.1 billion yen, double the previous budget.",
    )
    weak = claim_quoting(
        "A treaty was signed.", statement="A treaty mentions the budget once.", predicate="signed"
    )
    claim_quoting(
        "Japan signed an accord.",
        statement="Japan signed a reciprocal access accord.",
        predicate="signed",
    )
    request = RequestFactory().get("/")
    request.user = UserFactory(username="reader")
    results = list(
        ClaimFilterSet(data={"q": "budgets"}, queryset=Claim.objects.all(), request=request).qs
    )
    assert results == [strong, weak]
