"""Data for the page tests: a source whose every sentence is a claim, in every status, with what
hangs off a claim (quantity, evidence, mention, flag, review), so a page shows all of it."""

from claims.choices import AnnotationKind, ClaimKind, ClaimStatus, FlagReason, QuantityRole
from claims.models import Annotation, ClaimMention, Review
from tests.factories import (
    ClaimFactory,
    EntityFactory,
    EvidenceFactory,
    PublisherFactory,
    QuantityFactory,
    SourceFactory,
    UserFactory,
)

# Round-robin statuses: three of the five are published (decided).
STATUSES = (
    ClaimStatus.VERIFIED,
    ClaimStatus.UNREVIEWED,
    ClaimStatus.REFUTED,
    ClaimStatus.NOT_CHECKABLE,
    ClaimStatus.MISLEADING,
)


def sentence(i: int) -> str:
    return f"Sentence {i} says the OSA budget reached {i + 1}.5 billion yen in FY{2000 + i}."


def source_with_claims(n: int, *, title: str = "OSA budget report", publisher=None, extras=True):
    """A source of `n` sentences, each quoted by one claim; returns (source, claims)."""
    body = "OSA budget report.\n\n" + " ".join(sentence(i) for i in range(n))
    source = SourceFactory(
        body=body, title=title, publisher=publisher or PublisherFactory(name="Budget Watch")
    )
    osa = EntityFactory(name="Official Security Assistance", kind="program", wikidata_id="")
    japan = EntityFactory(name="Japan", kind="country", wikidata_id="Q17")
    philippines = EntityFactory(name="Philippines", kind="country")
    author = UserFactory(username="page-author")
    reviewer = UserFactory(username="page-reviewer")
    claims = []
    for i in range(n):
        quote = sentence(i)
        status = STATUSES[i % len(STATUSES)]
        claim = ClaimFactory(
            source=source,
            quote=quote,
            statement=f"Claim {i}: the OSA budget was {i + 1}.5 billion yen in FY{2000 + i}.",
            status=status,
            kind=ClaimKind.QUANTITY,
            subject=osa,
            object=japan,
            created_by=author,
        )
        claims.append(claim)
        if not extras:
            continue
        QuantityFactory(
            claim=claim,
            value=f"{i + 1}.5",
            period=f"FY{2000 + i}",
            role=QuantityRole.INITIAL_BUDGET,
        )
        EvidenceFactory(claim=claim, stance="supports", added_by=reviewer)
        ClaimMention.objects.create(claim=claim, entity=philippines)
        Annotation.objects.create(
            claim=claim,
            author=reviewer,
            kind=AnnotationKind.FLAG,
            flag_reason=FlagReason.UNSOURCED,
            body=f"No source named for claim {i}.",
        )
        if status != ClaimStatus.UNREVIEWED:
            Review.objects.create(
                claim=claim,
                reviewer=reviewer,
                from_status=ClaimStatus.IN_REVIEW,
                to_status=status,
                rationale=f"Checked claim {i}.",
            )
    return source, claims
