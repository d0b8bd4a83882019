"""ClaimReview, W3C Web Annotation and Atom, checked property by property against the
vocabularies' names."""

import xml.etree.ElementTree as ET

import pytest

from claims.choices import ClaimStatus
from claims.models import Claim, Review

from ..factories import (
    ClaimFactory,
    ClaimWithPartsFactory,
    EntityFactory,
    ReviewFactory,
    SourceFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"


# ---------------------------------------------------------------------------- ClaimReview


def test_claimreview_of_a_verified_claim(api):
    source = SourceFactory(
        url="https://eng.chinamil.com.cn/article", author="Li Hai", title="Japan's alliances"
    )
    reviewer = UserFactory(username="rev", first_name="Ana", last_name="Ito")
    claim = ClaimWithPartsFactory(
        status=ClaimStatus.VERIFIED, source=source, review__reviewer=reviewer
    )
    response = api().get(f"/api/v1/claims/{claim.pk}/claimreview/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/ld+json")
    data = response.json()
    review = Review.objects.get(claim=claim)

    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "ClaimReview"
    assert data["url"] == f"http://testserver/claims/{claim.pk}/"
    assert data["claimReviewed"] == claim.statement
    assert data["datePublished"] == review.created_at.date().isoformat()
    assert data["author"] == {
        "@type": "Organization",
        "name": "ClaimDesk",
        "url": "http://testserver/",
    }

    rating = data["reviewRating"]
    assert rating["@type"] == "Rating"
    assert rating["alternateName"] == "True"
    assert rating["ratingExplanation"] == review.rationale

    item = data["itemReviewed"]
    assert item["@type"] == "Claim"
    assert item["datePublished"] == "2026-02-02"
    # Not attributed: the claim's author is the publisher whose source asserts it.
    assert item["author"] == {"@type": "Organization", "name": source.publisher.name}
    appearance = item["appearance"][0]
    assert appearance["@type"] == "NewsArticle"
    assert appearance["url"] == "https://eng.chinamil.com.cn/article"
    assert appearance["headline"] == "Japan's alliances"
    assert appearance["author"] == {"@type": "Person", "name": "Li Hai"}
    assert appearance["datePublished"] == "2026-02-02T10:39:19+00:00"
    assert item["firstAppearance"] == appearance


def test_claimreview_names_whom_the_source_cites_as_the_claims_author(api):
    ministry = EntityFactory(
        name="Japan's Ministry of Foreign Affairs", kind="organization", wikidata_id="Q1141062"
    )
    claim = ClaimWithPartsFactory(status=ClaimStatus.REFUTED, attributed_to=ministry)
    data = api().get(f"/api/v1/claims/{claim.pk}/claimreview/").json()
    assert data["itemReviewed"]["author"] == {
        "@type": "Organization",
        "name": "Japan's Ministry of Foreign Affairs",
        "sameAs": "https://www.wikidata.org/wiki/Q1141062",
    }
    assert data["reviewRating"]["alternateName"] == "False"


def test_claimreview_explains_with_the_latest_review(api, reviewer):
    claim = ClaimWithPartsFactory(status=ClaimStatus.MISLEADING)
    ReviewFactory(
        claim=claim,
        reviewer=reviewer,
        from_status="misleading",
        to_status="in_review",
        rationale="Reopened.",
    )
    ReviewFactory(
        claim=claim,
        reviewer=reviewer,
        from_status="in_review",
        to_status="misleading",
        rationale="Misleading: the base year differs.",
    )
    data = api().get(f"/api/v1/claims/{claim.pk}/claimreview/").json()
    assert data["reviewRating"]["ratingExplanation"] == "Misleading: the base year differs."
    assert (
        data["datePublished"]
        == Review.objects.filter(claim=claim).latest("id").created_at.date().isoformat()
    )


@pytest.mark.parametrize("status", ["unreviewed", "in_review", "not_checkable"])
def test_an_undecided_claim_has_no_claimreview(api, analyst, status):
    claim = ClaimFactory(status=status)
    response = api(analyst).get(f"/api/v1/claims/{claim.pk}/claimreview/")
    assert response.status_code == 404
    assert "no verdict" in response.json()["detail"]


# ---------------------------------------------------------------------------- Web Annotation


def test_a_sources_claims_as_w3c_web_annotations(api):
    source = SourceFactory(url="https://example.org/article")
    published = ClaimFactory(status=ClaimStatus.VERIFIED, source=source)
    ClaimFactory(
        status=ClaimStatus.UNREVIEWED,
        source=source,
        quote="Japan raised its budget.",
        statement="Unpublished.",
    )
    response = api().get(f"/api/v1/sources/{source.pk}/annotations/")
    assert response.status_code == 200
    assert response["Content-Type"] == (
        'application/ld+json; profile="http://www.w3.org/ns/anno.jsonld"'
    )
    data = response.json()
    assert data["@context"] == "http://www.w3.org/ns/anno.jsonld"
    assert data["type"] == "AnnotationCollection"
    assert data["id"] == f"http://testserver/api/v1/sources/{source.pk}/annotations/"
    assert data["total"] == 1  # the unpublished claim is not shown to anonymous readers
    page = data["first"]
    assert page["type"] == "AnnotationPage"
    assert page["partOf"] == data["id"]
    [annotation] = page["items"]
    assert annotation["type"] == "Annotation"
    assert annotation["id"] == f"http://testserver/api/v1/claims/{published.pk}/"
    assert annotation["motivation"] == "assessing"
    describing, assessing = annotation["body"]
    assert describing == {
        "type": "TextualBody",
        "purpose": "describing",
        "value": published.statement,
        "format": "text/plain",
        "language": "en",
    }
    assert (assessing["purpose"], assessing["value"]) == ("assessing", "Verified")
    target = annotation["target"]
    assert target["source"] == "https://example.org/article"
    quote_selector, position_selector = target["selector"]
    assert quote_selector == {
        "type": "TextQuoteSelector",
        "exact": "The budget grew to 18.1 billion yen in 2026.",
        "prefix": "Japan raised its budget. ",
        "suffix": "",
    }
    assert position_selector == {
        "type": "TextPositionSelector",
        "start": published.start,
        "end": published.end,
    }
    assert (
        source.body[position_selector["start"] : position_selector["end"]]
        == (quote_selector["exact"])
    )


def test_web_annotations_show_analysts_every_claim(api, analyst):
    source = SourceFactory()
    ClaimFactory(status=ClaimStatus.VERIFIED, source=source)
    ClaimFactory(status=ClaimStatus.UNREVIEWED, source=source)
    data = api(analyst).get(f"/api/v1/sources/{source.pk}/annotations/").json()
    assert data["total"] == 2


def test_a_source_without_a_url_is_targeted_by_its_api_address(api):
    claim = ClaimFactory(status=ClaimStatus.VERIFIED)
    data = api().get(f"/api/v1/sources/{claim.source_id}/annotations/").json()
    target = data["first"]["items"][0]["target"]["source"]
    assert target == f"http://testserver/api/v1/sources/{claim.source_id}/"


def test_web_annotations_of_a_missing_source_are_404(api):
    source = SourceFactory()
    url = f"/api/v1/sources/{source.pk}/annotations/"
    assert api().get(url).status_code == 200
    source.delete()
    response = api().get(url)
    assert response.status_code == 404
    assert response.json()["code"] == "not_found"


# ---------------------------------------------------------------------------- Atom


def test_the_atom_feed_lists_verified_claims_newest_verification_first(api, reviewer):
    older = ClaimWithPartsFactory(status=ClaimStatus.VERIFIED)
    newer = ClaimWithPartsFactory(status=ClaimStatus.VERIFIED)
    ClaimWithPartsFactory(status=ClaimStatus.REFUTED)
    Review.objects.filter(claim=older).update(created_at="2026-02-03T00:00:00Z")
    Review.objects.filter(claim=newer).update(created_at="2026-02-04T00:00:00Z")
    response = api().get("/api/v1/claims/verified.atom")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/atom+xml; charset=utf-8"
    feed = ET.fromstring(response.content)  # noqa: S314 - our own output under test
    assert feed.tag == f"{ATOM}feed"
    assert feed.find(f"{ATOM}title").text == "ClaimDesk: newly verified claims"
    entries = feed.findall(f"{ATOM}entry")
    assert [e.find(f"{ATOM}id").text for e in entries] == [
        f"http://testserver/api/v1/claims/{newer.pk}/",
        f"http://testserver/api/v1/claims/{older.pk}/",
    ]
    first = entries[0]
    assert first.find(f"{ATOM}title").text == Claim.objects.get(pk=newer.pk).statement
    assert first.find(f"{ATOM}updated").text.startswith("2026-02-04T00:00:00")
    assert "Verified: Decided verified" in first.find(f"{ATOM}summary").text
    assert first.find(f"{ATOM}author/{ATOM}name").text == "curator-reviewer"
