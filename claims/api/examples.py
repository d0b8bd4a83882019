"""Examples for the OpenAPI document, drawn from the seed article."""

from drf_spectacular.utils import OpenApiExample

CLAIM_EXAMPLE = {
    "id": 12,
    "url": "http://127.0.0.1:8000/api/v1/claims/12/",
    "statement": "Japan's FY2026 initial budget for Official Security Assistance is "
    "18.1 billion yen.",
    "quote": "18.1 billion yen",
    "start": 2857,
    "end": 2873,
    "kind": "quantity",
    "status": "verified",
    "as_of": "2026-02-02",
    "source": {
        "id": 1,
        "url": "http://127.0.0.1:8000/api/v1/sources/1/",
        "title": "Japan steps up alliance building",
        "web_url": "http://eng.chinamil.com.cn/",
        "published_at": "2026-02-02T10:39:19Z",
        "kind": "article",
        "publisher": {
            "id": 1,
            "url": "http://127.0.0.1:8000/api/v1/publishers/1/",
            "name": "China Military Online",
            "kind": "state_media",
        },
    },
    "subject": {
        "id": 3,
        "url": "http://127.0.0.1:8000/api/v1/entities/3/",
        "name": "Official Security Assistance",
        "kind": "program",
        "wikidata_id": "",
    },
    "predicate": "initial budget is",
    "object": None,
    "attributed_to": None,
    "mentions": [],
    "checkworthiness": "0.9",
    "quantities": [
        {
            "id": 5,
            "value": "18.1",
            "scale": "1000000000",
            "normalised_value": "18100000000",
            "unit": "JPY",
            "bound": "exact",
            "period": "FY2026",
            "period_start": "2026-04-01",
            "period_end": "2027-03-31",
            "role": "initial_budget",
        }
    ],
    "evidence": [],
    "relations": [],
    "reviews": [
        {
            "from_status": "in_review",
            "to_status": "verified",
            "rationale": "Matches the Ministry of Foreign Affairs budget document.",
            "reviewer": "ClaimDesk curator",
            "created_at": "2026-02-05T09:00:00Z",
        }
    ],
    "version": 3,
    "created_at": "2026-02-03T08:00:00Z",
    "updated_at": "2026-02-05T09:00:00Z",
}

CLAIM_LIST = OpenApiExample(
    "A page of verified FY2026 claims",
    value=CLAIM_EXAMPLE,
    response_only=True,
    status_codes=["200"],
)

CLAIM_CREATE = OpenApiExample(
    "Create a quantity claim",
    value={
        "source": 1,
        "quote": "18.1 billion yen",
        "start": 2857,
        "end": 2873,
        "statement": "Japan's FY2026 initial budget for Official Security Assistance is "
        "18.1 billion yen.",
        "kind": "quantity",
        "subject": 3,
        "predicate": "initial budget is",
        "attributed_to": None,
    },
    request_only=True,
)

CLAIM_PATCH = OpenApiExample(
    "Correct the statement",
    value={"statement": "Japan's FY2026 OSA initial budget is 18.1 billion yen."},
    request_only=True,
)

TRANSITION = OpenApiExample(
    "Verify", value={"to": "verified", "rationale": "Matches the MOFA budget."}, request_only=True
)

EVIDENCE = OpenApiExample(
    "Supporting evidence from a budget document",
    value={
        "source": 7,
        "stance": "supports",
        "quote": "",
        "locator": "p. 3, table 1",
        "note": "MOFA FY2026 budget overview.",
    },
    request_only=True,
)

FLAG = OpenApiExample(
    "Flag a numeric inconsistency",
    value={
        "kind": "flag",
        "flag_reason": "numeric_inconsistency",
        "body": "8.1 to 18.1 is more than doubling; check the base year.",
    },
    request_only=True,
)

RESOLVE = OpenApiExample(
    "Resolve after attaching evidence",
    value={"note": "MOFA budget document attached as supporting evidence."},
    request_only=True,
)

CLAIM_REVIEW = OpenApiExample(
    "ClaimReview",
    value={
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": "http://127.0.0.1:8000/claims/12/",
        "claimReviewed": CLAIM_EXAMPLE["statement"],
        "itemReviewed": {
            "@type": "Claim",
            "author": {"@type": "Organization", "name": "China Military Online"},
            "appearance": [
                {
                    "@type": "NewsArticle",
                    "headline": "Japan steps up alliance building",
                    "url": "http://eng.chinamil.com.cn/",
                    "datePublished": "2026-02-02T10:39:19+00:00",
                    "publisher": {"@type": "Organization", "name": "China Military Online"},
                }
            ],
            "firstAppearance": {
                "@type": "NewsArticle",
                "headline": "Japan steps up alliance building",
                "url": "http://eng.chinamil.com.cn/",
            },
            "datePublished": "2026-02-02",
        },
        "reviewRating": {
            "@type": "Rating",
            "ratingValue": 5,
            "bestRating": 5,
            "worstRating": 1,
            "alternateName": "True",
            "ratingExplanation": "Matches the Ministry of Foreign Affairs budget document.",
        },
        "author": {"@type": "Organization", "name": "ClaimDesk", "url": "http://127.0.0.1:8000/"},
        "datePublished": "2026-02-05",
    },
    response_only=True,
)
