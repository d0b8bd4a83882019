"""The claims API's fast path (claims/api/payloads.py: PostgreSQL assembles each claim) writes
byte for byte what ClaimSerializer and DRF's JSONRenderer would, so speed never drifts from the
documented representation: the seed article's 39 curated claims plus claims carrying the
awkward values (microseconds, trailing zeros, control characters, U+2028, names with spaces,
resolved and open annotations, relations to internal claims), pages and details, anonymous
and analyst."""

from datetime import UTC, datetime
from decimal import Decimal

import pytest
from django.contrib.auth.models import AnonymousUser
from rest_framework.renderers import JSONRenderer

from claims.api.serializers import ClaimSerializer
from claims.choices import AnnotationKind, ClaimStatus
from claims.seeding import load_seed
from claims.selectors import can_see_internal, claim_detail_queryset

from ..factories import (
    AnnotationFactory,
    ClaimRelationFactory,
    ClaimWithPartsFactory,
    EntityFactory,
    QuantityFactory,
    ReviewFactory,
    SourceFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

AWKWARD = 'Tab\there, "quotes", back\\slash, line\u2028separator, bell\x07, café ✓.'


@pytest.fixture
def corpus():
    load_seed()
    source = SourceFactory(
        title=AWKWARD,
        url="https://example.org/a?b=1&c=2",
        published_at=datetime(2026, 3, 4, 5, 6, 7, 120000, tzinfo=UTC),
        body=f"Intro. {AWKWARD} The budget grew to 18.1 billion yen in 2026.",
    )
    reviewer = UserFactory(username="awkward-reviewer", first_name="  Ana ", last_name="Lima  ")
    claim = ClaimWithPartsFactory(
        source=source,
        statement=AWKWARD,
        checkworthiness=Decimal("0.50"),
        object=EntityFactory(name="Ünïcode Org", kind="organization", wikidata_id="Q42"),
        attributed_to=EntityFactory(name="Minister", kind="person"),
        review__reviewer=reviewer,
        review__rationale=AWKWARD,
        flag__body=AWKWARD,
    )
    QuantityFactory(claim=claim, value="0.000100", scale="1", unit="percent", period="")
    QuantityFactory(claim=claim, value="1000000", scale="1000", unit="USD")
    AnnotationFactory(
        claim=claim,
        kind=AnnotationKind.QUESTION,
        resolved_at=datetime(2026, 5, 1, tzinfo=UTC),
        resolved_by=reviewer,
        resolution_note="Answered.",
    )
    internal = ClaimWithPartsFactory(source=source, status=ClaimStatus.UNREVIEWED)
    ClaimRelationFactory(from_claim=claim, to_claim=internal, note=AWKWARD)
    published = ClaimWithPartsFactory(source=source, status=ClaimStatus.REFUTED)
    ClaimRelationFactory(from_claim=claim, to_claim=published)
    ReviewFactory(claim=published, from_status=ClaimStatus.UNREVIEWED,
                  to_status=ClaimStatus.IN_REVIEW)


def _expected(user, request, ids) -> list:
    claims = claim_detail_queryset(user).filter(pk__in=ids)
    by_id = {
        item["id"]: item
        for item in ClaimSerializer(
            claims, many=True, context={"request": request}, internal=can_see_internal(user)
        ).data
    }
    return [by_id[pk] for pk in ids]


@pytest.mark.parametrize("reader", ["anonymous", "analyst"])
@pytest.mark.parametrize("ordering", ["id", "-updated_at", "status"])
def test_every_page_is_byte_for_byte_what_the_serializer_writes(
    api, analyst, corpus, reader, ordering
):
    user = analyst if reader == "analyst" else AnonymousUser()
    client = api(analyst if reader == "analyst" else None)
    url = f"/api/v1/claims/?page_size=7&ordering={ordering}"
    pages = 0
    while url:
        response = client.get(url)
        assert response.status_code == 200
        body = response.json()
        ids = [claim["id"] for claim in body["results"]]
        expected = JSONRenderer().render(
            {
                "next": body["next"],
                "previous": body["previous"],
                "results": _expected(user, response.wsgi_request, ids),
            }
        )
        assert response.content == expected
        url, pages = body["next"], pages + 1
    assert pages >= 3


@pytest.mark.parametrize("reader", ["anonymous", "analyst"])
def test_every_claim_page_is_byte_for_byte_what_the_serializer_writes(
    api, analyst, corpus, reader
):
    user = analyst if reader == "analyst" else AnonymousUser()
    client = api(analyst if reader == "analyst" else None)
    for pk in claim_detail_queryset(user).values_list("pk", flat=True):
        response = client.get(f"/api/v1/claims/{pk}/")
        assert response.status_code == 200
        expected = _expected(user, response.wsgi_request, [pk])[0]
        assert response.content == JSONRenderer().render(expected)
        assert response["ETag"] == f'"{pk}-{expected["version"]}"'


def test_the_awkward_claim_is_among_the_compared(api, corpus):
    """The corpus does carry the values the fast path must write as DRF does."""
    body = api().get("/api/v1/claims/?page_size=500&q=bell").json()
    claim = next(c for c in body["results"] if c["statement"] == AWKWARD)
    assert claim["checkworthiness"] == "0.5"
    assert {q["value"] for q in claim["quantities"]} >= {"0.0001", "1000000"}
    assert claim["source"]["published_at"] == "2026-03-04T05:06:07.120000Z"
    assert claim["reviews"][-1]["reviewer"] == "Ana  Lima"  # as get_full_name gives it
    assert len(claim["relations"]) == 1  # the relation to the unreviewed claim is not shown


def test_an_indent_asked_for_in_accept_is_honoured(api, corpus):
    response = api().get("/api/v1/claims/?page_size=1", HTTP_ACCEPT="application/json; indent=2")
    assert response.content.startswith(b'{\n  "next"')
