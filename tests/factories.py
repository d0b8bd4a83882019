"""factory-boy factories: valid rows by default (the database constraints and triggers hold them
to it), one per model the tests use, and the few claim shapes several test files share."""

from datetime import UTC, datetime

import factory
from django.contrib.auth import get_user_model

from claims.choices import (
    LOCKED_STATUSES,
    AnnotationKind,
    ClaimKind,
    ClaimStatus,
    EntityKind,
    EvidenceStance,
    FlagReason,
    QuantityRole,
    RelationKind,
)
from claims.models import (
    Annotation,
    Claim,
    ClaimMention,
    ClaimRelation,
    Entity,
    Evidence,
    Quantity,
    Review,
)
from sources.choices import PublisherKind, SourceKind
from sources.models import Publisher, Source


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    password = factory.django.Password("correct horse battery staple")
    is_staff = False


class PublisherFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Publisher
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Publisher {n}")
    kind = PublisherKind.NEWS


class SourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Source

    publisher = factory.SubFactory(PublisherFactory)
    title = factory.Sequence(lambda n: f"Source {n}")
    kind = SourceKind.ARTICLE
    body = "Japan raised its budget. The budget grew to 18.1 billion yen in 2026."
    published_at = datetime(2026, 2, 2, 10, 39, 19, tzinfo=UTC)


class ReferenceSourceFactory(SourceFactory):
    """A cited record we hold no text of."""

    body = ""
    url = factory.Sequence(lambda n: f"https://records.example.org/{n}")


class EntityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Entity
        django_get_or_create = ("name", "kind")

    name = factory.Sequence(lambda n: f"Entity {n}")
    kind = EntityKind.COUNTRY


class ClaimFactory(factory.django.DjangoModelFactory):
    """A claim quoting the second sentence of its source's default body (or `quote`, wherever
    it first occurs in the source)."""

    class Meta:
        model = Claim

    source = factory.SubFactory(SourceFactory)
    quote = "The budget grew to 18.1 billion yen in 2026."
    start = factory.LazyAttribute(lambda o: o.source.body.index(o.quote))
    end = factory.LazyAttribute(lambda o: o.start + len(o.quote))
    statement = factory.Sequence(lambda n: f"The budget grew to 18.1 billion yen ({n}).")
    kind = ClaimKind.QUANTITY
    subject = factory.SubFactory(EntityFactory, name="Japan")
    predicate = "budget is"
    as_of = factory.LazyAttribute(lambda o: o.source.published_at.date())
    created_by = factory.SubFactory(UserFactory)


class QuantityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Quantity

    claim = factory.SubFactory(ClaimFactory)
    value = "18.1"
    scale = "1000000000"
    unit = "JPY"
    period = "FY2026"


class EvidenceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Evidence

    claim = factory.SubFactory(ClaimFactory)
    source = factory.SubFactory(ReferenceSourceFactory)
    stance = EvidenceStance.SUPPORTS
    added_by = factory.SubFactory(UserFactory)


class ClaimMentionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ClaimMention

    claim = factory.SubFactory(ClaimFactory)
    entity = factory.SubFactory(EntityFactory)


class AnnotationFactory(factory.django.DjangoModelFactory):
    """A note on a claim by the claim's author."""

    class Meta:
        model = Annotation

    claim = factory.SubFactory(ClaimFactory)
    author = factory.SelfAttribute("claim.created_by")
    kind = AnnotationKind.NOTE
    body = factory.Sequence(lambda n: f"Annotation {n}.")


class FlagFactory(AnnotationFactory):
    """An open flag (the database allows one open `unsourced` flag per claim)."""

    kind = AnnotationKind.FLAG
    flag_reason = FlagReason.NUMERIC_INCONSISTENCY


class ReviewFactory(factory.django.DjangoModelFactory):
    """The review that moved a claim from review to the status it has now."""

    class Meta:
        model = Review

    claim = factory.SubFactory(ClaimFactory, status=ClaimStatus.VERIFIED)
    reviewer = factory.SubFactory(UserFactory)
    from_status = ClaimStatus.IN_REVIEW
    to_status = factory.SelfAttribute("claim.status")
    rationale = factory.LazyAttribute(
        lambda o: f"Decided {o.to_status} against the budget document."
    )


class ClaimRelationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ClaimRelation

    from_claim = factory.SubFactory(ClaimFactory)
    to_claim = factory.SubFactory(ClaimFactory)
    kind = RelationKind.DERIVED_FROM
    created_by = factory.SelfAttribute("from_claim.created_by")


class ClaimWithPartsFactory(ClaimFactory):
    """A claim with one of everything that hangs off one: a quantity, supporting evidence from a
    record, a mention, an open flag and, once decided (a locked status), the review that decided
    it.

    Each part takes overrides by its name: `ClaimWithPartsFactory(flag__body="...")`.
    """

    class Meta:
        skip_postgeneration_save = True  # a second save would be one more history event

    status = ClaimStatus.VERIFIED
    quantity = factory.RelatedFactory(QuantityFactory, "claim", role=QuantityRole.INITIAL_BUDGET)
    evidence = factory.RelatedFactory(
        EvidenceFactory, "claim", added_by=factory.SelfAttribute("claim.created_by")
    )
    mention = factory.RelatedFactory(
        ClaimMentionFactory, "claim", entity=factory.SubFactory(EntityFactory, name="United States")
    )
    flag = factory.RelatedFactory(FlagFactory, "claim", body="Check the base year.")
    review = factory.Maybe(
        factory.LazyAttribute(lambda o: o.status in LOCKED_STATUSES),
        factory.RelatedFactory(
            ReviewFactory,
            "claim",
            reviewer=factory.SubFactory(UserFactory, username="curator-reviewer"),
        ),
    )


class ClaimBodyFactory(factory.DictFactory):
    """A valid `POST /api/v1/claims/` body: `ClaimBodyFactory(quoting=source, quote=...)`."""

    class Params:
        quoting = factory.SubFactory(SourceFactory)

    source = factory.SelfAttribute("quoting.pk")
    quote = "The budget grew to 18.1 billion yen in 2026."
    start = factory.LazyAttribute(lambda o: o.quoting.body.index(o.quote))
    end = factory.LazyAttribute(lambda o: o.start + len(o.quote))
    statement = "Japan's budget grew to 18.1 billion yen in 2026."
    kind = "quantity"
    subject = factory.LazyFunction(lambda: EntityFactory(name="Japan").pk)
    predicate = "budget is"


# ---------------------------------------------------------------- the budget report of the pages


def budget_sentence(n: int) -> str:
    return f"Sentence {n} says the OSA budget reached {n + 1}.5 billion yen in FY{2000 + n}."


class BudgetReportFactory(SourceFactory):
    """An OSA budget report: a title line, then `sentences` numbered budget sentences."""

    class Params:
        sentences = 5

    title = "OSA budget report"
    publisher = factory.SubFactory(PublisherFactory, name="Budget Watch")
    body = factory.LazyAttribute(
        lambda o: "OSA budget report.\n\n" + " ".join(map(budget_sentence, range(o.sentences)))
    )


# A budget report's claims take these statuses in turn: three of five are published (decided).
BUDGET_STATUSES = (
    ClaimStatus.VERIFIED,
    ClaimStatus.UNREVIEWED,
    ClaimStatus.REFUTED,
    ClaimStatus.NOT_CHECKABLE,
    ClaimStatus.MISLEADING,
)


def _by_sentence(value):
    """A part's value, computed from the sentence number of the budget claim it hangs off."""
    return factory.LazyAttribute(lambda part: value(part.factory_parent.sentence))


class BudgetClaimFactory(ClaimWithPartsFactory):
    """The claim quoting sentence `sentence` of a budget report, with all its parts.

    Its subject is the OSA programme, its object Japan (with a Wikidata id); the report's
    reviewer adds the evidence and the unsourced flag and decides it.
    """

    class Params:
        sentence = 0

    source = factory.SubFactory(
        BudgetReportFactory,
        sentences=factory.LazyAttribute(lambda o: o.factory_parent.sentence + 1),
    )
    quote = factory.LazyAttribute(lambda o: budget_sentence(o.sentence))
    statement = factory.LazyAttribute(
        lambda o: (
            f"Claim {o.sentence}: the OSA budget was {o.sentence + 1}.5 billion yen "
            f"in FY{2000 + o.sentence}."
        )
    )
    status = factory.LazyAttribute(lambda o: BUDGET_STATUSES[o.sentence % len(BUDGET_STATUSES)])
    subject = factory.SubFactory(
        EntityFactory, name="Official Security Assistance", kind=EntityKind.PROGRAM
    )
    object = factory.SubFactory(EntityFactory, name="Japan", wikidata_id="Q17")
    created_by = factory.SubFactory(UserFactory, username="page-author")

    quantity__value = _by_sentence(lambda n: f"{n + 1}.5")
    quantity__period = _by_sentence(lambda n: f"FY{2000 + n}")
    evidence__added_by = factory.SubFactory(UserFactory, username="page-reviewer")
    mention__entity = factory.SubFactory(EntityFactory, name="Philippines")
    flag__author = factory.SubFactory(UserFactory, username="page-reviewer")
    flag__flag_reason = FlagReason.UNSOURCED
    flag__body = _by_sentence(lambda n: f"No source named for claim {n}.")
    review__reviewer = factory.SubFactory(UserFactory, username="page-reviewer")
    review__rationale = _by_sentence(lambda n: f"Checked claim {n}.")
