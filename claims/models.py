import pghistory
import pgtrigger
from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex, OpClass
from django.contrib.postgres.search import SearchRank, SearchVector, SearchVectorField
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Case, Exists, F, Func, OuterRef, Q, Value, When
from django.db.models.functions import Upper
from knox.models import AbstractAuthToken
from knox.settings import CONSTANTS as KNOX

from config.constraints import one_of
from config.history import history_trackers
from sources.models import Source
from sources.validators import wikidata_id_constraint, wikidata_id_validator

from .choices import (
    CANDIDATE_STATUSES,
    PUBLISHED_STATUSES,
    AnnotationKind,
    ClaimKind,
    ClaimStatus,
    EntityKind,
    EvidenceStance,
    FlagReason,
    QuantityBound,
    QuantityRole,
    RelationKind,
)
from .search import SEARCH_CONFIG, ClaimSearchQuery, substring_terms

USER = settings.AUTH_USER_MODEL


class SearchSpelling(models.Model):
    """One word's spellings (defence, defense): a search for any of them finds them all.

    Read at query time by the SQL function `claimdesk_search_query` (the migration
    `search_unaccent_trigram_spellings`), so a new group takes effect at once, with no reindex.
    Groups are shipped by data migrations (claims/spellings.py).
    """

    spellings = ArrayField(
        models.CharField(max_length=100),
        help_text="Every spelling of one word, as written (British and American, variants).",
    )
    # The spellings as the search configuration stems them, kept by the trigger below so that
    # a search reads them rather than stemming every spelling of every group again.
    lexemes = ArrayField(models.CharField(max_length=100), default=list, editable=False)

    class Meta:
        ordering = ["id"]
        triggers = [
            pgtrigger.Trigger(
                name="searchspelling_lexemes",
                when=pgtrigger.Before,
                operation=pgtrigger.Insert | pgtrigger.Update,
                func=f"""
                NEW.lexemes := tsvector_to_array(
                    to_tsvector('{SEARCH_CONFIG}', array_to_string(NEW.spellings, ' '))
                );
                RETURN NEW;
                """,
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(spellings__len__gte=2),
                name="searchspelling_two_or_more",
                violation_error_message="A spelling group needs at least two spellings.",
            ),
        ]

    def __str__(self) -> str:
        return " / ".join(self.spellings)


@pghistory.track(*history_trackers(), exclude=["search_names"])
class Entity(models.Model):
    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=32, choices=EntityKind.choices)
    wikidata_id = models.CharField(max_length=20, blank=True, validators=[wikidata_id_validator])
    aliases = ArrayField(models.CharField(max_length=200), default=list, blank=True)
    description = models.TextField(blank=True)
    # The name and aliases, unaccented, for the trigram search (selectors.entities_matching).
    search_names = models.GeneratedField(
        expression=Func(
            F("name"),
            F("aliases"),
            function="claimdesk_entity_names",
            output_field=models.TextField(),
        ),
        output_field=models.TextField(),
        db_persist=True,
    )

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "entities"
        indexes = [
            GinIndex(
                OpClass(Upper("search_names"), name="gin_trgm_ops"),
                name="entity_search_names_trgm",
            ),
        ]
        constraints = [
            models.UniqueConstraint(fields=["name", "kind"], name="entity_name_kind_unique"),
            models.UniqueConstraint(
                fields=["wikidata_id"],
                condition=~Q(wikidata_id=""),
                name="entity_wikidata_unique",
                violation_error_message="Another entity already has this Wikidata id.",
                violation_error_code="duplicate_wikidata_id",
            ),
            one_of("kind", EntityKind, name="entity_kind_valid", noun="entity kinds"),
            wikidata_id_constraint("entity_wikidata_id_format"),
        ]

    def __str__(self) -> str:
        return self.name


class AnnotationQuerySet(models.QuerySet):
    """The annotation ideas every interface shares, each defined once."""

    def open(self):
        """Unresolved questions and flags: what is still to be done (notes are never open)."""
        return self.exclude(kind=AnnotationKind.NOTE).filter(resolved_at__isnull=True)

    def open_flags(self, reason: str | None = None):
        """Unresolved flags; of one reason when `reason` is given."""
        flags = self.filter(kind=AnnotationKind.FLAG, resolved_at__isnull=True)
        return flags if reason is None else flags.filter(flag_reason=reason)


class ClaimQuerySet(models.QuerySet):
    def curated(self):
        """Claims an editor made or accepted: every status but the intake's candidates."""
        return self.exclude(status__in=CANDIDATE_STATUSES)

    def candidates(self):
        """What the intake proposed: open (proposed) and turned down (dismissed) candidates."""
        return self.filter(status__in=CANDIDATE_STATUSES)

    def with_open_flag(self, reason: str | None = None):
        """Each claim with `has_open_flag`: whether it has an unresolved flag (of `reason`)."""
        flags = Annotation.objects.open_flags(reason).filter(claim=OuterRef("pk"))
        return self.annotate(has_open_flag=Exists(flags))

    def having_open_flag(self, reason: str | None = None):
        """Only the claims with an unresolved flag (of `reason`)."""
        flags = Annotation.objects.open_flags(reason).filter(claim=OuterRef("pk"))
        return self.filter(Exists(flags))

    def search(self, text: str):
        """The claims matching `text`, each with `rank`, best first (see claims/search.py):
        full text with accents and spelling variants folded, and for a query in a non-Latin
        script, claims whose statement or quote contains each of its terms."""
        query = ClaimSearchQuery(text)
        match = Q(search_vector=query)
        rank = SearchRank(F("search_vector"), query)
        terms = substring_terms(text)
        if terms:
            contains = Q()
            for term in terms:
                contains &= Q(statement__icontains=term) | Q(quote__icontains=term)
            # Measured on 20,000 claims (docs/decisions.md): with the query as a subquery the
            # planner misjudges this OR and filters every visible claim (23 ms); with the call
            # it ORs the three GIN indexes (7 ms). A term shorter than a trigram cannot use
            # them, and there the call would run for every row (290 ms): the subquery stays.
            indexed = all(len(term) >= 3 for term in terms)
            match = Q(search_vector=ClaimSearchQuery(text, as_subquery=not indexed)) | contains
            # Ranked as a weak full-text match (a statement word weighs 0.1 in ts_rank).
            rank = rank + Case(
                When(contains, then=Value(0.05)),
                default=Value(0.0),
                output_field=models.FloatField(),
            )
        return self.filter(match).annotate(rank=rank).order_by("-rank", "id")


class ClaimManager(models.Manager.from_queryset(ClaimQuerySet)):
    """Ordinary querysets leave the stored search vector behind: loading it halves list speed."""

    def get_queryset(self):
        return super().get_queryset().defer("search_vector")


@pghistory.track(*history_trackers(), exclude=["search_vector"])
class Claim(models.Model):
    """One asserted fact, tied to the exact passage `source.body[start:end]` that asserts it."""

    source = models.ForeignKey(Source, on_delete=models.PROTECT, related_name="claims")
    quote = models.TextField(help_text="The exact words of the source: source.body[start:end].")
    start = models.PositiveIntegerField()
    end = models.PositiveIntegerField()
    statement = models.TextField(help_text="One normalised sentence.")
    kind = models.CharField(max_length=32, choices=ClaimKind.choices)
    # A candidate may lack its subject and predicate until an editor accepts it.
    subject = models.ForeignKey(
        Entity, null=True, blank=True, on_delete=models.PROTECT, related_name="claims_as_subject"
    )
    predicate = models.CharField(max_length=200, blank=True)
    object = models.ForeignKey(
        Entity, null=True, blank=True, on_delete=models.PROTECT, related_name="claims_as_object"
    )
    attributed_to = models.ForeignKey(
        Entity,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="attributed_claims",
        help_text="Whom the source cites as saying it; empty = the source's own assertion.",
    )
    mentions = models.ManyToManyField(
        Entity, through="ClaimMention", blank=True, related_name="mentioned_in"
    )
    as_of = models.DateField(help_text="The date the assertion speaks for.")
    status = models.CharField(
        max_length=32, choices=ClaimStatus.choices, default=ClaimStatus.UNREVIEWED
    )
    checkworthiness = models.DecimalField(
        max_digits=3,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(1)],
    )
    created_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="claims_created")
    version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # What the intake saw when it proposed the claim; kept after acceptance as its provenance.
    checkworthiness_features = models.JSONField(
        default=dict,
        db_default=Value({}, output_field=models.JSONField()),
        blank=True,
        help_text="Each check-worthiness feature's contribution to the score, by name.",
    )
    proposed_attribution = models.CharField(
        max_length=300,
        blank=True,
        db_default="",
        help_text="Whom the text cites, as written, when no Entity matched it.",
    )
    proposed_entities = ArrayField(
        models.CharField(max_length=300),
        default=list,
        db_default=Value([], output_field=ArrayField(models.CharField(max_length=300))),
        blank=True,
        help_text="Names the text mentions that matched no Entity, as written.",
    )
    dismissed_reason = models.TextField(blank=True, db_default="")
    search_vector = models.GeneratedField(
        expression=SearchVector("statement", weight="A", config=SEARCH_CONFIG)
        + SearchVector("quote", weight="B", config=SEARCH_CONFIG)
        + SearchVector("predicate", weight="C", config=SEARCH_CONFIG),
        output_field=SearchVectorField(),
        db_persist=True,
    )

    objects = ClaimManager()

    class Meta:
        ordering = ["source_id", "start", "id"]
        permissions = [("review_claim", "Can decide a claim's status (reviewer)")]
        constraints = [
            models.CheckConstraint(
                condition=Q(start__lt=F("end")),
                name="claim_start_before_end",
                violation_error_message="The end offset must be greater than the start offset.",
                violation_error_code="start_after_end",
            ),
            one_of("status", ClaimStatus, name="claim_status_valid", noun="claim statuses"),
            models.CheckConstraint(
                condition=Q(status__in=CANDIDATE_STATUSES)
                | (Q(subject__isnull=False) & ~Q(predicate="")),
                name="claim_structured_unless_candidate",
                violation_error_message="A claim needs its subject and predicate.",
                violation_error_code="unstructured",
            ),
            models.CheckConstraint(
                condition=~Q(status=ClaimStatus.DISMISSED) | ~Q(dismissed_reason=""),
                name="claim_dismissal_has_reason",
                violation_error_message="Say why the candidate is dismissed.",
                violation_error_code="reason_required",
            ),
            one_of("kind", ClaimKind, name="claim_kind_valid", noun="claim kinds"),
            models.CheckConstraint(
                condition=~Q(statement=""),
                name="claim_statement_not_empty",
                violation_error_message="A claim needs its statement.",
                violation_error_code="required",
            ),
            models.CheckConstraint(
                condition=Q(checkworthiness__isnull=True)
                | Q(checkworthiness__gte=0, checkworthiness__lte=1),
                name="claim_checkworthiness_0_1",
                violation_error_message="Check-worthiness is a number from 0 to 1.",
                violation_error_code="out_of_range",
            ),
        ]
        indexes = [
            GinIndex(fields=["search_vector"], name="claim_search_vector_gin"),
            # icontains compares UPPER(column): the trigram fallback for other scripts.
            GinIndex(OpClass(Upper("statement"), name="gin_trgm_ops"), name="claim_statement_trgm"),
            GinIndex(OpClass(Upper("quote"), name="gin_trgm_ops"), name="claim_quote_trgm"),
            models.Index(fields=["status"], name="claim_status_idx"),
            models.Index(fields=["kind"], name="claim_kind_idx"),
            models.Index(fields=["as_of"], name="claim_as_of_idx"),
            models.Index(fields=["updated_at"], name="claim_updated_at_idx"),
        ]
        triggers = [
            pgtrigger.Trigger(
                name="claim_quote_matches_source",
                when=pgtrigger.Before,
                operation=pgtrigger.Insert | pgtrigger.Update,
                func="""
                IF NOT EXISTS (
                    SELECT 1 FROM sources_source s
                    WHERE s.id = NEW.source_id
                      AND substr(s.body, NEW.start + 1, NEW."end" - NEW.start) = NEW.quote
                ) THEN
                    RAISE EXCEPTION 'claim quote does not equal source.body[%:%]',
                        NEW.start, NEW."end" USING ERRCODE = 'check_violation';
                END IF;
                RETURN NEW;
                """,
            ),
        ]

    def __str__(self) -> str:
        return self.statement[:120]

    @property
    def is_published(self) -> bool:
        return self.status in PUBLISHED_STATUSES

    def clean(self) -> None:
        super().clean()
        errors = passage_errors(
            source=self.source if self.source_id else None,
            start=self.start,
            end=self.end,
            quote=self.quote,
        )
        # claim_structured_unless_candidate holds this too, but the admin's form leaves that
        # constraint to the save: said here, it comes with the passage's errors, beside fields.
        if self.status not in CANDIDATE_STATUSES:
            if self.subject_id is None:
                errors["subject"] = "A claim needs its subject."
            if not self.predicate:
                errors["predicate"] = "A claim needs its predicate."
        if errors:
            raise ValidationError(errors)


REFERENCE_ONLY_MESSAGE = (
    "This source holds no text (it is a reference only): a claim quotes a source whose text "
    "we hold. Choose that source, or cite this one as evidence."
)


def passage_errors(*, source=None, start=None, end=None, quote=None) -> dict[str, str]:
    """What is wrong with a claim's passage, by field, from whichever parts are known: checked
    with the other fields' errors, so a writer hears of every problem at once (the API's write
    serializer asks this too when other fields are missing or wrong)."""
    if source is not None and source.is_reference_only:
        return {"source": REFERENCE_ONLY_MESSAGE}
    # claim_start_before_end holds this too, but Django files constraint errors under
    # __all__: the admin and the API show it beside `end`.
    if start is not None and end is not None and start >= end:
        return {"end": "The end offset must be greater than the start offset."}
    if source is None or start is None or end is None:
        return {}
    body = source.body
    if end > len(body):
        return {"end": f"The source text has only {len(body)} characters."}
    if quote is not None and body[start:end] != quote:
        return {
            "quote": "The quote must equal the source text between the offsets; "
            f"the source has {body[start:end]!r} there."
        }
    return {}


@pghistory.track(*history_trackers())
class ClaimMention(models.Model):
    """A further entity a claim names (e.g. the recipient countries of a programme)."""

    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="mention_links")
    entity = models.ForeignKey(Entity, on_delete=models.PROTECT, related_name="mention_links")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["claim", "entity"], name="claim_mention_unique")
        ]

    def __str__(self) -> str:
        return f"{self.entity} in claim {self.claim_id}"


@pghistory.track(*history_trackers(), exclude=["normalised_value"])
class Quantity(models.Model):
    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="quantities")
    value = models.DecimalField(max_digits=24, decimal_places=6, help_text="As written: 18.1")
    scale = models.DecimalField(
        max_digits=24, decimal_places=6, default=1, help_text="1000000000 for 'billion'."
    )
    unit = models.CharField(
        max_length=20, help_text="ISO 4217 for money (JPY), or percent, count, ratio, year."
    )
    bound = models.CharField(
        max_length=20, choices=QuantityBound.choices, default=QuantityBound.EXACT
    )
    period = models.CharField(max_length=40, blank=True, help_text="e.g. FY2026")
    period_start = models.DateField(null=True, blank=True)
    period_end = models.DateField(null=True, blank=True)
    role = models.CharField(max_length=32, choices=QuantityRole.choices, blank=True)
    normalised_value = models.GeneratedField(
        expression=F("value") * F("scale"),
        output_field=models.DecimalField(max_digits=48, decimal_places=12),
        db_persist=True,
    )

    class Meta:
        verbose_name_plural = "quantities"
        ordering = ["claim_id", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(scale__gt=0),
                name="quantity_scale_positive",
                violation_error_message="The scale must be greater than zero.",
                violation_error_code="out_of_range",
            ),
            one_of("bound", QuantityBound, name="quantity_bound_valid", noun="bounds"),
            one_of("role", QuantityRole, name="quantity_role_valid", noun="roles", blank=True),
            models.CheckConstraint(
                condition=~Q(unit=""),
                name="quantity_unit_not_empty",
                violation_error_message="A quantity needs its unit.",
                violation_error_code="required",
            ),
            models.CheckConstraint(
                condition=Q(period_start__isnull=True)
                | Q(period_end__isnull=True)
                | Q(period_start__lt=F("period_end")),
                name="quantity_period_start_before_end",
                violation_error_message="The period must end after it starts.",
                violation_error_code="period_end_before_start",
            ),
        ]
        indexes = [
            models.Index(fields=["period"], name="quantity_period_idx"),
            models.Index(fields=["normalised_value"], name="quantity_normalised_idx"),
        ]

    def __str__(self) -> str:
        """In words, as a reader says it: '18.1 billion JPY (FY2026)'."""
        from .charts import format_amount  # charts reads these models

        if self.value is None or self.scale is None:
            return f"{self.unit} ({self.period or 'no period'})"
        amount = format_amount(self.value * self.scale, self.unit)
        return f"{amount} ({self.period or 'no period'})"

    def clean(self) -> None:
        super().clean()
        # As claim_start_before_end: quantity_period_start_before_end, shown beside the field.
        if self.period_start and self.period_end and self.period_start >= self.period_end:
            raise ValidationError({"period_end": "The period must end after it starts."})


@pghistory.track(*history_trackers())
class Evidence(models.Model):
    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="evidence")
    source = models.ForeignKey(Source, on_delete=models.PROTECT, related_name="evidence_for")
    stance = models.CharField(max_length=16, choices=EvidenceStance.choices)
    quote = models.TextField(
        blank=True, help_text="Only words the source really contains; empty when we hold no text."
    )
    locator = models.CharField(max_length=200, blank=True, help_text="Page, section, paragraph.")
    note = models.TextField(blank=True)
    added_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="evidence_added")
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name_plural = "evidence"
        ordering = ["claim_id", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["claim", "source", "stance"], name="evidence_claim_source_stance_unique"
            ),
            one_of("stance", EvidenceStance, name="evidence_stance_valid", noun="stances"),
        ]
        triggers = [
            pgtrigger.Trigger(
                name="evidence_quote_in_source",
                when=pgtrigger.Before,
                operation=pgtrigger.Insert | pgtrigger.Update,
                func="""
                IF NEW.quote <> '' AND NOT EXISTS (
                    SELECT 1 FROM sources_source s
                    WHERE s.id = NEW.source_id AND strpos(s.body, NEW.quote) > 0
                ) THEN
                    RAISE EXCEPTION 'evidence quote is not in the text of source %', NEW.source_id
                        USING ERRCODE = 'check_violation';
                END IF;
                RETURN NEW;
                """,
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_stance_display()}: {self.source}"

    def clean(self) -> None:
        super().clean()
        errors = {}
        if self.quote and self.source_id and self.quote not in self.source.body:
            errors["quote"] = (
                "The evidence quote must be words the evidence source really contains."
            )
        if self.source_id and self.claim_id and self.stance != EvidenceStance.CONTEXT:
            # Refused rather than kept (docs/decisions.md, "Evidence from the claim's own
            # source is refused"): it could never count towards a verdict.
            from sources.selectors import revision_family

            claim_source_id = Claim.objects.values_list("source_id", flat=True).get(
                pk=self.claim_id
            )
            if self.source_id in revision_family(claim_source_id):
                errors["source"] = (
                    "This is the claim's own source (or a revision of it): it can never "
                    "support or refute the claim. Attach a source other than its own, or "
                    "record this one with stance context."
                )
        if errors:
            raise ValidationError(errors)


@pghistory.track(*history_trackers())
class Annotation(models.Model):
    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="annotations")
    author = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="annotations")
    kind = models.CharField(max_length=16, choices=AnnotationKind.choices)
    flag_reason = models.CharField(max_length=32, choices=FlagReason.choices, blank=True)
    body = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)
    resolved_by = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.PROTECT, related_name="annotations_resolved"
    )
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolution_note = models.TextField(blank=True)
    check_key = models.CharField(
        max_length=300,
        blank=True,
        db_default="",
        help_text="For a flag an automatic check raised: the check and the claims it compared "
        "(e.g. 'comparison:12,15'), so a rerun finds it instead of adding another.",
    )

    objects = AnnotationQuerySet.as_manager()

    class Meta:
        ordering = ["claim_id", "created_at", "id"]
        constraints = [
            one_of("kind", AnnotationKind, name="annotation_kind_valid", noun="annotation kinds"),
            models.CheckConstraint(
                condition=(Q(kind=AnnotationKind.FLAG) & Q(flag_reason__in=FlagReason.values))
                | (~Q(kind=AnnotationKind.FLAG) & Q(flag_reason="")),
                name="annotation_flag_has_reason",
                violation_error_message="A flag needs a reason, and only flags have one.",
                violation_error_code="flag_reason",
            ),
            models.CheckConstraint(
                condition=Q(resolved_at__isnull=True, resolved_by__isnull=True)
                | Q(resolved_at__isnull=False, resolved_by__isnull=False),
                name="annotation_resolution_complete",
                violation_error_message="A resolution names who resolved it and when.",
                violation_error_code="incomplete_resolution",
            ),
            models.CheckConstraint(
                condition=Q(resolved_at__isnull=True) | ~Q(kind=AnnotationKind.NOTE),
                name="annotation_notes_not_resolvable",
                violation_error_message="A note is not something to resolve.",
                violation_error_code="not_resolvable",
            ),
            models.CheckConstraint(
                condition=~Q(body=""),
                name="annotation_body_not_empty",
                violation_error_message="An annotation needs its text.",
                violation_error_code="required",
            ),
            models.UniqueConstraint(
                fields=["claim"],
                condition=Q(
                    kind=AnnotationKind.FLAG,
                    flag_reason=FlagReason.UNSOURCED,
                    resolved_at__isnull=True,
                ),
                name="annotation_one_open_unsourced_flag",
                violation_error_message="This claim already has an open unsourced flag.",
                violation_error_code="duplicate",
            ),
            models.UniqueConstraint(
                fields=["claim", "check_key"],
                condition=Q(resolved_at__isnull=True) & ~Q(check_key=""),
                name="annotation_one_open_flag_per_check",
                violation_error_message="This check already has an open flag on this claim.",
                violation_error_code="duplicate",
            ),
        ]
        indexes = [
            models.Index(
                fields=["flag_reason"],
                condition=Q(kind="flag", resolved_at__isnull=True),
                name="annotation_open_flags_idx",
            ),
        ]

    def __str__(self) -> str:
        label = self.get_flag_reason_display() if self.kind == AnnotationKind.FLAG else self.kind
        return f"{label}: {self.body[:80]}"

    # The same ideas as AnnotationQuerySet.open() / open_flags(), for rows already loaded.
    @property
    def is_open(self) -> bool:
        return self.kind != AnnotationKind.NOTE and self.resolved_at is None

    @property
    def is_open_flag(self) -> bool:
        return self.kind == AnnotationKind.FLAG and self.resolved_at is None


@pghistory.track(*history_trackers())
class Review(models.Model):
    """One status change of a claim, with who made it and why. ClaimReview reads from here."""

    claim = models.ForeignKey(Claim, on_delete=models.PROTECT, related_name="reviews")
    reviewer = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="reviews")
    from_status = models.CharField(max_length=32, choices=ClaimStatus.choices)
    to_status = models.CharField(max_length=32, choices=ClaimStatus.choices)
    rationale = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["claim_id", "created_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(from_status__in=ClaimStatus.values)
                & Q(to_status__in=ClaimStatus.values),
                name="review_statuses_valid",
                violation_error_message="Choose one of the claim statuses.",
                violation_error_code="invalid_choice",
            ),
            models.CheckConstraint(
                condition=~Q(from_status=F("to_status")),
                name="review_changes_status",
                violation_error_message="A review moves a claim to another status.",
                violation_error_code="no_change",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.from_status} → {self.to_status} by {self.reviewer}"


@pghistory.track(*history_trackers())
class ClaimRelation(models.Model):
    from_claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="relations_out")
    to_claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="relations_in")
    kind = models.CharField(max_length=20, choices=RelationKind.choices)
    note = models.TextField(blank=True)
    created_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["from_claim_id", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["from_claim", "to_claim", "kind"], name="claim_relation_unique"
            ),
            models.CheckConstraint(
                condition=~Q(from_claim=F("to_claim")),
                name="claim_relation_not_self",
                violation_error_message="A claim cannot be related to itself.",
                violation_error_code="self_relation",
            ),
            one_of("kind", RelationKind, name="claim_relation_kind_valid", noun="relation kinds"),
        ]

    def __str__(self) -> str:
        return f"{self.from_claim_id} {self.kind} {self.to_claim_id}"


class UnsourcedFlag(Annotation):
    """The unsourced queue in the admin: open unsourced flags (see selectors.unsourced_queue)."""

    class Meta:
        proxy = True
        verbose_name = "unsourced flag"
        verbose_name_plural = "unsourced queue"


class CandidateManager(ClaimManager):
    def get_queryset(self):
        return super().get_queryset().candidates()


class Candidate(Claim):
    """The candidates queue in the admin: what the intake proposed (see claims/candidates.py)."""

    objects = CandidateManager()

    class Meta:
        proxy = True
        verbose_name = "candidate"
        verbose_name_plural = "candidates"


# Not in history (like sessions, and DRF's tokens before): tests and tools that count every
# event around an API request would count its credentials. Issues and revocations are logged
# instead (claims/api/tokens.py), without any part of a secret.
class ApiToken(AbstractAuthToken):
    """An API token (`Authorization: Token <secret>`), as knox stores it: a hash of the secret,
    never the secret. Each has a name (the device or script it is for) and an expiry; a user may
    hold several. Issued and revoked only by claims/api/tokens.py."""

    id = models.BigAutoField(primary_key=True)
    digest = models.CharField(max_length=KNOX.DIGEST_LENGTH, unique=True)
    name = models.CharField(max_length=100, help_text="What the token is for: a device, a script.")
    expiry = models.DateTimeField(help_text="Requests with the token are refused from then on.")
    last_used_at = models.DateTimeField(null=True, blank=True)

    # Django's manager, not knox's (whose create() makes a secret): claims/api/tokens.py does.
    objects = models.Manager()

    class Meta:
        ordering = ["-created", "-id"]
        verbose_name = "API token"
        constraints = [
            models.CheckConstraint(
                condition=~Q(name=""),
                name="api_token_name_not_blank",
                violation_error_message="Give the token a name: what is it for?",
                violation_error_code="blank",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.user})"
