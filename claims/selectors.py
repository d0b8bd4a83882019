"""Every non-trivial read of claims. The one visibility rule lives here.

Anonymous readers and accounts without a role see published claims only: those whose status is
a verdict (PUBLISHED_STATUSES: verified, disputed, refuted, misleading, unverifiable).
Analysts and up (anyone with `claims.view_claim`) see everything, annotations and flags included.
"""

from dataclasses import dataclass
from datetime import datetime

import pghistory.models
from django.contrib.auth import get_user_model
from django.contrib.postgres.search import SearchHeadline, TrigramWordSimilarity
from django.db import connection
from django.db.models import Count, F, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import Upper

from sources.models import Source

from .choices import CANDIDATE_STATUSES, PUBLISHED_STATUSES, FlagReason
from .highlight import MATCH_START, MATCH_STOP
from .models import Annotation, Claim, Entity, Evidence, Review
from .search import SEARCH_CONFIG, ClaimSearchQuery, unaccented


def can_see_internal(user) -> bool:
    """True for analysts and up: unpublished claims, annotations and flags are theirs to read."""
    return bool(user and user.is_active and user.has_perm("claims.view_claim"))


def claims_visible_to(user) -> QuerySet[Claim]:
    """The curated claims `user` may read: all for analysts and up, published ones for everyone
    else. Candidates are never among them (see `candidates_visible_to`)."""
    claims = Claim.objects.curated()
    if can_see_internal(user):
        return claims
    return claims.filter(status__in=PUBLISHED_STATUSES)


def review_trail() -> QuerySet[Review]:
    """The curation trail every reader sees: status changes among curated statuses (a
    candidate's acceptance or dismissal is recorded in its history, which is internal)."""
    return Review.objects.exclude(from_status__in=CANDIDATE_STATUSES).exclude(
        to_status__in=CANDIDATE_STATUSES
    )


def claim_decision(claim: Claim) -> Review | None:
    """The review that put the claim in its current status (who decided it, when, why), or None
    when no review did (e.g. a claim loaded with its status)."""
    return (
        Review.objects.filter(claim=claim, to_status=claim.status)
        .select_related("reviewer")
        .order_by("-created_at", "-id")
        .first()
    )


def candidates_visible_to(user) -> QuerySet[Claim]:
    """The intake's candidates: analysts and up read them (editors act on them); nobody else."""
    if not can_see_internal(user):
        return Claim.objects.none()
    return Claim.objects.candidates()


def claim_detail_queryset(user) -> QuerySet[Claim]:
    """Visible claims with everything a detail view shows, in a fixed number of queries."""
    claims = claims_visible_to(user).select_related(
        "source__publisher", "subject", "object", "attributed_to", "created_by"
    )
    prefetches = [
        "quantities",
        "mentions",
        Prefetch("evidence", queryset=Evidence.objects.select_related("source__publisher")),
        Prefetch("reviews", queryset=review_trail().select_related("reviewer")),
        # Only relations to claims this reader may see, as `claim.visible_relations`.
        Prefetch("relations_out", queryset=relations_visible_to(user), to_attr="visible_relations"),
    ]
    if can_see_internal(user):
        prefetches.append(
            Prefetch(
                "annotations",
                queryset=Annotation.objects.select_related("author", "resolved_by"),
            )
        )
    return claims.prefetch_related(*prefetches)


def unsourced_queue() -> QuerySet[Annotation]:
    """The open unsourced flags, oldest first: the editors' work list."""
    return (
        Annotation.objects.open_flags(FlagReason.UNSOURCED)
        .select_related("claim__source", "author")
        .order_by("created_at", "id")
    )


@dataclass(frozen=True)
class HistoryEntry:
    at: datetime
    model: str
    object_id: str
    label: str
    changes: dict
    user: object | None
    context: dict


def claim_history(claim: Claim) -> list[HistoryEntry]:
    """Every recorded change to the claim and to what hangs off it, oldest first, with who.

    Two queries whatever the length of the history: the events, then their users.
    """
    events = list(
        pghistory.models.Events.objects.references(claim).order_by("pgh_created_at", "pgh_id")
    )
    contexts = [event.pgh_context or {} for event in events]
    user_ids = {int(ctx["user"]) for ctx in contexts if ctx.get("user") is not None}
    users = get_user_model().objects.in_bulk(user_ids) if user_ids else {}
    return [
        HistoryEntry(
            at=event.pgh_created_at,
            model=event.pgh_model.split(".")[-1].removesuffix("Event"),
            object_id=str(event.pgh_obj_id),
            label=event.pgh_label,
            changes=event.pgh_diff or {},
            user=users.get(int(ctx["user"])) if ctx.get("user") is not None else None,
            context=ctx,
        )
        for event, ctx in zip(events, contexts, strict=True)
    ]


def relations_visible_to(user) -> QuerySet:
    """Relations whose target `user` may read too: a relation must not reveal an internal claim.

    `claim_detail_queryset` prefetches these as `claim.visible_relations`.
    """
    from .models import ClaimRelation

    return ClaimRelation.objects.filter(to_claim__in=claims_visible_to(user)).select_related(
        "to_claim"
    )


# ---------------------------------------------------------------------------- analyst pages
# What each page lists, with what it shows loaded up front: a fixed number of queries whatever
# the number of rows (tests/claims/test_pages_queries.py pins them).


def claim_cards_queryset(claims: QuerySet[Claim], user) -> QuerySet[Claim]:
    """`claims` as a card or a list row shows them: subject and quantities loaded, and for
    analysts and up `has_open_flag`. `claims` must already be visible to `user`."""
    claims = claims.select_related("subject").prefetch_related("quantities")
    return claims.with_open_flag() if can_see_internal(user) else claims


def claim_list_queryset(claims: QuerySet[Claim], user, *, search: str = "") -> QuerySet[Claim]:
    """The claim list's rows: cards with their source and publisher (the body left out); with a
    `search`, its words marked in `statement_match` and `quote_match` (see highlight.py)."""
    claims = (
        claim_cards_queryset(claims, user).select_related("source__publisher").defer("source__body")
    )
    if not search:
        return claims
    match = ClaimSearchQuery(search)
    marks = {"config": SEARCH_CONFIG, "start_sel": MATCH_START, "stop_sel": MATCH_STOP}
    return claims.annotate(
        statement_match=SearchHeadline("statement", match, highlight_all=True, **marks),
        quote_match=SearchHeadline(
            "quote",
            match,
            max_words=40,
            min_words=15,
            max_fragments=2,
            fragment_delimiter=" … ",
            **marks,
        ),
    )


def entities_matching(
    entities: QuerySet[Entity], search: str, *, including: QuerySet[Entity] | None = None
) -> QuerySet[Entity]:
    """The `entities` whose name or an alias contains `search`, or comes close to it, accents,
    case and typos forgiven ("Reciprocl Acess" finds the Reciprocal Access Agreement): trigram
    word similarity at pg_trgm's threshold (0.6), on the indexed `search_names`.
    `including`: entities found otherwise, added to the result."""
    search = search.strip()
    if not search:
        return entities
    typed = unaccented(search)
    # Both on the one trigram index over UPPER(search_names); trigrams ignore case anyway.
    names = Upper("search_names")
    match = Q(upper_names__contains=typed.upper()) | Q(upper_names__trigram_word_similar=typed)
    if including is not None:
        match |= Q(pk__in=including.values("pk"))
    return entities.alias(upper_names=names).filter(match)


def entities_by_likeness(
    entities: QuerySet[Entity], search: str, *, including: QuerySet[Entity] | None = None
) -> QuerySet[Entity]:
    """`entities_matching`, the closest first (an editor picking one from a list)."""
    return (
        entities_matching(entities, search, including=including)
        .annotate(likeness=TrigramWordSimilarity(unaccented(search.strip()), "search_names"))
        .order_by("-likeness", "name", "id")
    )


def claim_table_queryset(claims: QuerySet[Claim]) -> QuerySet[Claim]:
    """`claims` with their source, publisher and the entities they name joined, the source's
    body left out: one query for any number of rows (the CSV export, the entity page)."""
    return claims.select_related("source__publisher", "subject", "object", "attributed_to").defer(
        "source__body"
    )


def claim_counts_by(claims: QuerySet[Claim], field: str) -> QuerySet:
    """(value of `field`, number of claims) pairs over `claims`, counted in one query."""
    return claims.order_by().values_list(field).annotate(n=Count("pk"))


def claims_on_source(source: Source, user) -> QuerySet[Claim]:
    """The claims on `source` that `user` may read, in text order, with only what a highlight
    and the reading view's side list need."""
    return (
        claims_visible_to(user)
        .filter(source=source)
        .only("pk", "start", "end", "status", "statement", "kind")
        .order_by("start", "end", "pk")
    )


def reviews_visible_to(user) -> QuerySet[Review]:
    """Reviews of the claims `user` may read, newest first, with the claim and the reviewer."""
    return (
        review_trail()
        .filter(claim__in=claims_visible_to(user).values("pk"))
        .select_related("claim", "reviewer")
        .order_by("-created_at", "-id")
    )


def evidence_citing(source: Source, user) -> QuerySet[Evidence]:
    """Evidence drawn from `source` for the claims `user` may read, by claim, with the claim."""
    return (
        Evidence.objects.filter(source=source, claim__in=claims_visible_to(user).values("pk"))
        .select_related("claim")
        .order_by("claim_id", "id")
    )


def sources_with_claim_counts(user) -> QuerySet[Source]:
    """Every source with its publisher (the body left out), newest published first, undated
    last, and `claim_count`: how many of its claims `user` may read (None for none)."""
    visible_claims = (
        claims_visible_to(user)
        .filter(source=OuterRef("pk"))
        .order_by()
        .values("source")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return (
        Source.objects.select_related("publisher")
        .defer("body")
        .annotate(claim_count=Subquery(visible_claims))
        .order_by(F("published_at").desc(nulls_last=True), "id")
    )


def sources_recent() -> QuerySet[Source]:
    """Every source, latest added first, with its publisher and `has_text`, the body left out."""
    return (
        Source.objects.select_related("publisher")
        .defer("body")
        .annotate(has_text=~Q(body=""))
        .order_by("-created_at", "-id")
    )


def source_detail_queryset() -> QuerySet[Source]:
    """Sources with what the reading view shows around the text: the publisher, the source a
    revision revises and the revisions of it."""
    return Source.objects.select_related("publisher", "revises").prefetch_related("revisions")


# The history tables of everything a claim list shows or filters on.
_VERSIONED_EVENTS = (
    "ClaimEvent", "QuantityEvent", "EvidenceEvent", "ClaimMentionEvent", "ClaimRelationEvent",
    "AnnotationEvent", "EntityEvent",
)


def data_version() -> tuple[int, ...]:
    """A value that moves with every recorded change to claims, their parts, annotations,
    entities, sources and publishers: the newest event id of each history table (one query of
    index look-ups). A transaction that commits after a later-numbered one moves nothing, so a
    cache keyed on this must also expire (claims/facets.py: a few minutes)."""
    from django.apps import apps

    tables = [apps.get_model("claims", name)._meta.db_table for name in _VERSIONED_EVENTS]
    tables += [apps.get_model("sources", name)._meta.db_table
               for name in ("SourceEvent", "PublisherEvent")]
    selects = ", ".join(
        f"(SELECT coalesce(max(pgh_id), 0) FROM {connection.ops.quote_name(table)})"  # noqa: S608
        for table in tables
    )
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {selects}")
        return tuple(cursor.fetchone())
