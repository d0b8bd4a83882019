"""Claims in the vocabularies other tools read: schema.org ClaimReview (JSON-LD), W3C Web
Annotation (JSON-LD), Atom and CSV.

These functions only shape data they are given; which claims a reader may see is decided
before, by the selectors. URLs come from the caller, so the same code serves the API, pages
and commands.
"""

from collections.abc import Callable, Iterable
from urllib.parse import urljoin

from django.conf import settings
from django.db.models import Count, OuterRef, Prefetch, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed

from sources.choices import SourceKind
from sources.models import Source

from .choices import PUBLISHED_STATUSES, ClaimStatus, EntityKind
from .models import Annotation, Claim, Entity, Evidence, Review
from .selectors import review_trail

SCHEMA_ORG_CONTEXT = "https://schema.org"
WEB_ANNOTATION_CONTEXT = "http://www.w3.org/ns/anno.jsonld"
WEB_ANNOTATION_PROFILE = 'application/ld+json; profile="http://www.w3.org/ns/anno.jsonld"'
QUOTE_CONTEXT_CHARS = 32


def _display_name(user) -> str:
    return (user.get_full_name() or user.get_username()) if user is not None else ""


def _wikidata(wikidata_id: str) -> str | None:
    return f"https://www.wikidata.org/wiki/{wikidata_id}" if wikidata_id else None


def _compact(data: dict) -> dict:
    """JSON-LD leaves absent values out rather than writing nulls."""
    return {key: value for key, value in data.items() if value not in (None, "", [])}


def latest_review(claim: Claim) -> Review | None:
    """The review that gave the claim its current status (reviews are prefetched oldest first)."""
    reviews = list(claim.reviews.all())
    return reviews[-1] if reviews else None


# ---------------------------------------------------------------------------- ClaimReview


def _agent(entity: Entity) -> dict:
    kind = "Person" if entity.kind == EntityKind.PERSON else "Organization"
    return _compact({"@type": kind, "name": entity.name, "sameAs": _wikidata(entity.wikidata_id)})


def _publisher(source: Source) -> dict:
    publisher = source.publisher
    return _compact(
        {
            "@type": "Organization",
            "name": publisher.name,
            "url": publisher.homepage,
            "sameAs": _wikidata(publisher.wikidata_id),
        }
    )


def _on_site(any_url: str, path: str) -> str:
    """`path` on the site `any_url` belongs to (same scheme and host)."""
    return urljoin(any_url, path)


def claim_page_path(claim: Claim) -> str:
    return reverse("claims:claim_detail", args=[claim.pk])


def _creative_work(source: Source, *, site_url: str) -> dict:
    kind = "NewsArticle" if source.kind == SourceKind.ARTICLE else "CreativeWork"
    return _compact(
        {
            "@type": kind,
            "headline": source.title,
            # A source kept without its address is still read on its page here.
            "url": source.url
            or _on_site(site_url, reverse("claims:source_detail", args=[source.pk])),
            "datePublished": source.published_at.isoformat() if source.published_at else None,
            "author": {"@type": "Person", "name": source.author} if source.author else None,
            "publisher": _publisher(source),
            "inLanguage": source.language,
        }
    )


# The verdict as a rating on a 1 (false) to 5 (true) scale, with the word Google shows
# (alternateName). "Unverifiable" says the evidence does not decide: it has no place on that
# scale, so it carries its word only.
VERDICT_RATINGS: dict[str, tuple[int | None, str]] = {
    ClaimStatus.REFUTED: (1, "False"),
    ClaimStatus.MISLEADING: (2, "Misleading"),
    ClaimStatus.DISPUTED: (3, "Disputed"),
    ClaimStatus.VERIFIED: (5, "True"),
    ClaimStatus.UNVERIFIABLE: (None, "Unverifiable"),
}
BEST_RATING, WORST_RATING = 5, 1


def _rating(status: str, review: Review | None) -> dict:
    value, word = VERDICT_RATINGS[status]
    scale = {"bestRating": BEST_RATING, "worstRating": WORST_RATING} if value else {}
    return _compact(
        {
            "@type": "Rating",
            "ratingValue": value,
            **scale,
            "alternateName": word,
            "ratingExplanation": review.rationale if review else None,
        }
    )


def _fact_checker(*, site_url: str) -> dict:
    """The organisation publishing the reviews (settings), at the site's home by default."""
    return {
        "@type": "Organization",
        "name": settings.CLAIMREVIEW_AUTHOR_NAME,
        "url": settings.CLAIMREVIEW_AUTHOR_URL or _on_site(site_url, "/"),
    }


def claim_review(claim: Claim, *, review_url: str) -> dict | None:
    """schema.org ClaimReview for a decided claim; None for one that is not decided.

    `review_url` is where this review is being read (the API's address or the claim's page);
    the links inside point at this site's pages, the ones a reader (and Google's Fact Check
    tools) can open: `url` is the claim's page, a source without its own address is its page.
    The claim's author is whom the source cites (`attributed_to`), else the source's publisher;
    the rating is the claim's verdict (`VERDICT_RATINGS`), explained by the latest Review's
    rationale; the review's author is the organisation in CLAIMREVIEW_AUTHOR_NAME and
    CLAIMREVIEW_AUTHOR_URL, its date the latest Review's.
    """
    if claim.status not in PUBLISHED_STATUSES:
        return None
    source = claim.source
    review = latest_review(claim)
    appearance = _creative_work(source, site_url=review_url)
    claim_author = _agent(claim.attributed_to) if claim.attributed_to else _publisher(source)
    reviewed_at = review.created_at if review else claim.updated_at
    return _compact(
        {
            "@context": SCHEMA_ORG_CONTEXT,
            "@type": "ClaimReview",
            "url": _on_site(review_url, claim_page_path(claim)),
            "claimReviewed": claim.statement,
            "itemReviewed": _compact(
                {
                    "@type": "Claim",
                    "author": claim_author,
                    "appearance": [appearance],
                    "firstAppearance": appearance,
                    "datePublished": (
                        source.published_at.date().isoformat()
                        if source.published_at
                        else claim.as_of.isoformat()
                    ),
                }
            ),
            "reviewRating": _rating(claim.status, review),
            "author": _fact_checker(site_url=review_url),
            "datePublished": reviewed_at.date().isoformat(),
        }
    )


# ---------------------------------------------------------------------------- Web Annotation


def text_quote_selector(body: str, start: int, end: int) -> dict:
    return {
        "type": "TextQuoteSelector",
        "exact": body[start:end],
        "prefix": body[max(0, start - QUOTE_CONTEXT_CHARS) : start],
        "suffix": body[end : end + QUOTE_CONTEXT_CHARS],
    }


def web_annotation(claim: Claim, *, source: Source, annotation_id: str, target: str) -> dict:
    """One W3C Web Annotation: the claim's statement and status on its exact passage.

    Offsets count Unicode code points, as `source.body[start:end]` does.
    """
    return {
        "id": annotation_id,
        "type": "Annotation",
        "motivation": "assessing",
        "created": claim.created_at.isoformat(),
        "modified": claim.updated_at.isoformat(),
        "body": [
            {
                "type": "TextualBody",
                "purpose": "describing",
                "value": claim.statement,
                "format": "text/plain",
                "language": source.language,
            },
            {
                "type": "TextualBody",
                "purpose": "assessing",
                "value": ClaimStatus(claim.status).label,
                "format": "text/plain",
            },
        ],
        "target": {
            "source": target,
            "selector": [
                text_quote_selector(source.body, claim.start, claim.end),
                {"type": "TextPositionSelector", "start": claim.start, "end": claim.end},
            ],
        },
    }


def source_annotation_collection(
    source: Source,
    claims: Iterable[Claim],
    *,
    collection_url: str,
    target: str,
    annotation_id: Callable[[Claim], str],
) -> dict:
    """The claims on a source as a W3C AnnotationCollection with one embedded page."""
    items = [
        web_annotation(claim, source=source, annotation_id=annotation_id(claim), target=target)
        for claim in claims
    ]
    return {
        "@context": WEB_ANNOTATION_CONTEXT,
        "id": collection_url,
        "type": "AnnotationCollection",
        "label": f"Claims in: {source.title}",
        "total": len(items),
        "first": {
            "id": f"{collection_url}#page-1",
            "type": "AnnotationPage",
            "partOf": collection_url,
            "startIndex": 0,
            "items": items,
        },
    }


# ---------------------------------------------------------------------------- Atom


def verified_atom(
    claims: Iterable[Claim],
    *,
    feed_url: str,
    site_url: str,
    claim_url: Callable[[Claim], str],
    page_url: Callable[[Claim], str],
) -> str:
    """An Atom feed of verified claims, newest verification first (`verified_at` annotated).

    Each entry links to the claim's page (`page_url`), what a feed reader opens; its id stays
    `claim_url` (the API's address), so entries read before keep their identity.
    """
    feed = Atom1Feed(
        title="ClaimDesk: newly verified claims",
        link=site_url,
        description="Claims verified by ClaimDesk reviewers, with their source passage.",
        feed_url=feed_url,
        language="en",
        feed_guid=feed_url,
    )
    for claim in claims:
        review = latest_review(claim)
        source = claim.source
        summary = f"“{claim.quote}” — {source.title}"
        if review and review.rationale:
            summary = f"{summary}\n\nVerified: {review.rationale}"
        feed.add_item(
            title=claim.statement,
            link=page_url(claim),
            unique_id=claim_url(claim),
            description=summary,
            pubdate=claim.verified_at,
            updateddate=claim.verified_at,
            author_name=_display_name(review.reviewer) if review else None,
            categories=[claim.kind],
        )
    return feed.writeString("utf-8")


# ---------------------------------------------------------------------------- CSV


def _quantity_text(quantity) -> str:
    parts = [quantity.period, quantity.role, quantity.bound]
    detail = ", ".join(part for part in parts if part)
    return f"{quantity.normalised_value.normalize():f} {quantity.unit} ({detail})"


def _iso(value) -> str:
    return value.isoformat() if value else ""


# The columns of every CSV of claims, the claim list's download and the API's `?format=csv`
# alike: (name, cell of a claim read through `ClaimCSV.queryset`). `url` is the claim in the
# API, `page_url` its page; quantities are `normalised value unit (period, role, bound)`,
# `; `-joined; `rationale` is the latest review's.
CLAIM_CSV_COLUMNS: tuple[tuple[str, Callable[[Claim, "ClaimCSV"], object]], ...] = (
    ("id", lambda c, _: c.id),
    ("url", lambda c, export: export.api_url(c)),
    ("page_url", lambda c, export: export.page_url(c)),
    ("statement", lambda c, _: c.statement),
    ("quote", lambda c, _: c.quote),
    ("start", lambda c, _: c.start),
    ("end", lambda c, _: c.end),
    ("kind", lambda c, _: c.kind),
    ("status", lambda c, _: c.status),
    ("as_of", lambda c, _: c.as_of.isoformat()),
    ("subject_id", lambda c, _: c.subject_id),
    ("subject", lambda c, _: c.subject.name),
    ("predicate", lambda c, _: c.predicate),
    ("object_id", lambda c, _: c.object_id),
    ("object", lambda c, _: c.object.name if c.object else ""),
    ("attributed_to_id", lambda c, _: c.attributed_to_id),
    ("attributed_to", lambda c, _: c.attributed_to.name if c.attributed_to else ""),
    ("source_id", lambda c, _: c.source_id),
    ("source_title", lambda c, _: c.source.title),
    ("publisher", lambda c, _: c.source.publisher.name),
    ("source_published_at", lambda c, _: _iso(c.source.published_at)),
    ("quantities", lambda c, _: "; ".join(_quantity_text(q) for q in c.quantities.all())),
    ("evidence_count", lambda c, _: c.csv_evidence_count),
    ("rationale", lambda c, _: c.csv_rationale or ""),
    ("version", lambda c, _: c.version),
    ("created_at", lambda c, _: c.created_at.isoformat()),
    ("updated_at", lambda c, _: c.updated_at.isoformat()),
)
# Flags are internal (DESIGN §4): only analysts and up get this last column.
CLAIM_CSV_INTERNAL_COLUMNS: tuple[tuple[str, Callable[[Claim, "ClaimCSV"], object]], ...] = (
    ("open_flags", lambda c, _: "; ".join(a.flag_reason for a in c.csv_open_flags)),
)


class ClaimCSV:
    """The one CSV of claims: header, the rows' data in a fixed number of queries, and rows.

    `internal`: the reader is an analyst or up (adds `open_flags`). `site_url`: this site's
    address as the request sees it, for the `url` and `page_url` columns.
    """

    def __init__(self, *, internal: bool, site_url: str):
        self.columns = CLAIM_CSV_COLUMNS + (CLAIM_CSV_INTERNAL_COLUMNS if internal else ())
        self.internal = internal
        self.site_url = site_url

    @property
    def header(self) -> list[str]:
        return [name for name, _ in self.columns]

    def queryset(self, claims: QuerySet[Claim]) -> QuerySet[Claim]:
        """`claims` (already visible to the reader) with what the columns read: joins for the
        names, counts and the latest rationale as subqueries, quantities and open flags
        prefetched (per chunk when iterated)."""
        evidence = (
            Evidence.objects.filter(claim=OuterRef("pk"))
            .order_by()
            .values("claim")
            .annotate(n=Count("pk"))
            .values("n")
        )
        latest = (
            review_trail()
            .filter(claim=OuterRef("pk"))
            .order_by("-created_at", "-id")
            .values("rationale")[:1]
        )
        claims = (
            claims.select_related("source__publisher", "subject", "object", "attributed_to")
            .defer("source__body")
            .annotate(
                csv_evidence_count=Coalesce(Subquery(evidence), 0),
                csv_rationale=Subquery(latest),
            )
            .prefetch_related("quantities")
        )
        if self.internal:
            flags = Annotation.objects.open_flags().order_by("created_at", "id")
            claims = claims.prefetch_related(
                Prefetch("annotations", queryset=flags, to_attr="csv_open_flags")
            )
        return claims

    def api_url(self, claim: Claim) -> str:
        return urljoin(self.site_url, reverse("api:claim-detail", args=[claim.pk]))

    def page_url(self, claim: Claim) -> str:
        return urljoin(self.site_url, claim_page_path(claim))

    def row(self, claim: Claim) -> list:
        return [cell(claim, self) for _, cell in self.columns]
