"""Claims as the API shows them, and the bodies of the API's writes.

Read serializers only shape data; write serializers only check types and choices and resolve
ids. Every rule about content (quote equals the source between the offsets, four eyes,
evidence for a verdict...) is the services', whose errors the exception handler maps.
"""

from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field, extend_schema_serializer
from rest_framework import serializers

from config.api.fields import SelfLinkField
from sources.api.serializers import SourceRefSerializer
from sources.models import Source

from ..choices import (
    CURATED_STATUS_CHOICES,
    AnnotationKind,
    ClaimKind,
    EvidenceStance,
    FlagReason,
)
from ..models import Annotation, Claim, Entity, Evidence, Quantity, Review, passage_errors

# The largest value a PostgreSQL integer column holds (start, end).
MAX_INT = 2**31 - 1


def display_name(user) -> str:
    return (user.get_full_name() or user.get_username()) if user is not None else ""


# ---------------------------------------------------------------------------- reading


class EntitySerializer(serializers.ModelSerializer):
    url = SelfLinkField(view_name="api:entity-detail")

    class Meta:
        model = Entity
        fields = ["id", "url", "name", "kind", "wikidata_id", "aliases", "description"]


class EntityRefSerializer(serializers.ModelSerializer):
    url = SelfLinkField(view_name="api:entity-detail")

    class Meta:
        model = Entity
        fields = ["id", "url", "name", "kind", "wikidata_id"]


class QuantitySerializer(serializers.ModelSerializer):
    value = serializers.DecimalField(max_digits=24, decimal_places=6, normalize_output=True)
    scale = serializers.DecimalField(max_digits=24, decimal_places=6, normalize_output=True)
    normalised_value = serializers.DecimalField(
        max_digits=48,
        decimal_places=12,
        normalize_output=True,
        help_text="value * scale, computed by the database.",
    )

    class Meta:
        model = Quantity
        fields = [
            "id",
            "value",
            "scale",
            "normalised_value",
            "unit",
            "bound",
            "period",
            "period_start",
            "period_end",
            "role",
        ]


class EvidenceSerializer(serializers.ModelSerializer):
    source = SourceRefSerializer()

    class Meta:
        model = Evidence
        fields = ["id", "source", "stance", "quote", "locator", "note", "added_at"]


class RelationSerializer(serializers.Serializer):
    kind = serializers.CharField()
    to_claim = serializers.IntegerField(source="to_claim_id")
    to_claim_url = serializers.SerializerMethodField()
    note = serializers.CharField()

    @extend_schema_field(OpenApiTypes.URI)
    def get_to_claim_url(self, relation) -> str:
        path = reverse("api:claim-detail", args=[relation.to_claim_id])
        request = self.context.get("request")
        return request.build_absolute_uri(path) if request else path


class ReviewSerializer(serializers.ModelSerializer):
    reviewer = serializers.SerializerMethodField()
    # The curation trail: a candidate's acceptance is in the claim's history, not here.
    from_status = serializers.ChoiceField(choices=CURATED_STATUS_CHOICES)
    to_status = serializers.ChoiceField(choices=CURATED_STATUS_CHOICES)

    class Meta:
        model = Review
        fields = ["from_status", "to_status", "rationale", "reviewer", "created_at"]

    def get_reviewer(self, review) -> str:
        return display_name(review.reviewer)


class AnnotationSerializer(serializers.ModelSerializer):
    author = serializers.SerializerMethodField()
    resolved_by = serializers.SerializerMethodField()
    is_open = serializers.BooleanField(help_text="An unresolved flag or question.")

    class Meta:
        model = Annotation
        fields = [
            "id",
            "kind",
            "flag_reason",
            "body",
            "author",
            "created_at",
            "is_open",
            "resolved_by",
            "resolved_at",
            "resolution_note",
        ]

    def get_author(self, annotation) -> str:
        return display_name(annotation.author)

    def get_resolved_by(self, annotation) -> str | None:
        return display_name(annotation.resolved_by) if annotation.resolved_by_id else None


class _OpenFlagList(serializers.ListSerializer):
    def to_representation(self, data):
        annotations = data.all() if hasattr(data, "all") else data
        return super().to_representation([a for a in annotations if a.is_open_flag])


class OpenFlagSerializer(serializers.ModelSerializer):
    class Meta:
        model = Annotation
        fields = ["id", "flag_reason", "body", "created_at"]
        list_serializer_class = _OpenFlagList


class ClaimSerializer(serializers.ModelSerializer):
    """A claim with everything hanging off it. `annotations` and `open_flags` are present only
    for analysts and up (the view drops them for everyone else)."""

    url = SelfLinkField(view_name="api:claim-detail")
    source = SourceRefSerializer()
    subject = EntityRefSerializer()
    object = EntityRefSerializer(allow_null=True)
    attributed_to = EntityRefSerializer(
        allow_null=True, help_text="Whom the source cites as saying it; null: its own assertion."
    )
    mentions = EntityRefSerializer(many=True)
    # Curated claims only: candidates (with their missing subject and predicate) are served apart.
    # (required=False and max_length as the model fields gave them, so the schema stays as it is)
    status = serializers.ChoiceField(choices=CURATED_STATUS_CHOICES, required=False)
    predicate = serializers.CharField(max_length=200)
    checkworthiness = serializers.DecimalField(
        max_digits=3, decimal_places=2, allow_null=True, normalize_output=True
    )
    quantities = QuantitySerializer(many=True)
    evidence = EvidenceSerializer(many=True)
    relations = RelationSerializer(many=True, source="visible_relations")
    reviews = ReviewSerializer(many=True, help_text="The review trail, oldest first.")
    # Not read-only, so the OpenAPI document does not call them required: outsiders lack them.
    annotations = AnnotationSerializer(many=True, required=False)
    open_flags = OpenFlagSerializer(many=True, required=False, source="annotations")

    class Meta:
        model = Claim
        fields = [
            "id",
            "url",
            "statement",
            "quote",
            "start",
            "end",
            "kind",
            "status",
            "as_of",
            "source",
            "subject",
            "predicate",
            "object",
            "attributed_to",
            "mentions",
            "checkworthiness",
            "quantities",
            "evidence",
            "relations",
            "reviews",
            "annotations",
            "open_flags",
            "version",
            "created_at",
            "updated_at",
        ]

    def __init__(self, *args, internal: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if not internal:
            self.fields.pop("annotations")
            self.fields.pop("open_flags")


# ---------------------------------------------------------------------------- writing


class StrictSerializer(serializers.Serializer):
    """Refuses fields it does not know: a misspelt or read-only field must not pass silently."""

    def to_internal_value(self, data):
        if isinstance(data, dict):
            unknown = sorted(set(data) - set(self.fields))
            if unknown:
                raise serializers.ValidationError(
                    {field: ["Unknown field: it cannot be written here."] for field in unknown}
                )
        return super().to_internal_value(data)


def _text(**kwargs):
    # Quotes are the source's exact words: surrounding spaces are part of them.
    return serializers.CharField(trim_whitespace=False, **kwargs)


# The fields of a claim's body that an editor writes, as creating a claim needs them. No
# docstring: drf-spectacular would make it the description of both request schemas.
class ClaimBodySerializer(StrictSerializer):
    source = serializers.PrimaryKeyRelatedField(queryset=Source.objects.all())
    quote = _text(help_text="Exactly source.body[start:end].")
    start = serializers.IntegerField(min_value=0, max_value=MAX_INT)
    end = serializers.IntegerField(min_value=1, max_value=MAX_INT)
    statement = serializers.CharField(help_text="One normalised sentence.")
    kind = serializers.ChoiceField(choices=ClaimKind.choices)
    subject = serializers.PrimaryKeyRelatedField(queryset=Entity.objects.all())
    predicate = serializers.CharField(max_length=200)
    object = serializers.PrimaryKeyRelatedField(
        queryset=Entity.objects.all(), allow_null=True, required=False
    )
    attributed_to = serializers.PrimaryKeyRelatedField(
        queryset=Entity.objects.all(),
        allow_null=True,
        required=False,
        help_text="Whom the source cites as saying it; null: the source's own assertion "
        "(a checkable claim then gets an open `unsourced` flag).",
    )
    mentions = serializers.PrimaryKeyRelatedField(
        queryset=Entity.objects.all(), many=True, required=False
    )
    as_of = serializers.DateField(
        required=False, help_text="The date it speaks for; default: the source's publication date."
    )
    checkworthiness = serializers.DecimalField(
        max_digits=3, decimal_places=2, min_value=0, max_value=1, allow_null=True, required=False
    )


class ClaimWriteSerializer(ClaimBodySerializer):
    checkable = serializers.BooleanField(
        default=True, help_text="False for opinion and framing: no unsourced flag is raised."
    )
    unsourced_note = serializers.CharField(
        required=False, allow_blank=True, help_text="What the unsourced flag should say."
    )

    def to_internal_value(self, data):
        # Every problem at once: when other fields are missing or wrong, the passage (source,
        # offsets, quote) is still checked from whichever of its parts could be read.
        try:
            return super().to_internal_value(data)
        except serializers.ValidationError as error:
            if not isinstance(error.detail, dict) or not hasattr(data, "get"):
                raise
            errors = dict(error.detail)
            parts = {}
            for name in ("source", "start", "end", "quote"):
                if name in errors or data.get(name) is None:
                    continue
                try:
                    parts[name] = self.fields[name].run_validation(data[name])
                except serializers.ValidationError:
                    continue
            for field, message in passage_errors(**parts).items():
                errors.setdefault(field, []).append(message)
            raise serializers.ValidationError(errors) from None


class ClaimUpdateSerializer(ClaimBodySerializer):
    """The fields an editor may correct; send only those that change."""

    def get_fields(self):
        fields = super().get_fields()
        for field in fields.values():
            field.required = False
            # The help texts describe creating (defaults, the flag raised): not a correction.
            field.help_text = None
        return fields


class EvidenceWriteSerializer(StrictSerializer):
    source = serializers.PrimaryKeyRelatedField(queryset=Source.objects.all())
    stance = serializers.ChoiceField(choices=EvidenceStance.choices)
    quote = _text(
        required=False,
        allow_blank=True,
        default="",
        help_text="Words the evidence source really contains; empty when we hold no text of it.",
    )
    locator = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    note = serializers.CharField(required=False, allow_blank=True, default="")


class EvidenceCreatedSerializer(EvidenceSerializer):
    claim = serializers.IntegerField(source="claim_id")

    class Meta(EvidenceSerializer.Meta):
        fields = ["claim", *EvidenceSerializer.Meta.fields]


class AnnotationWriteSerializer(StrictSerializer):
    kind = serializers.ChoiceField(choices=AnnotationKind.choices)
    body = serializers.CharField()
    flag_reason = serializers.ChoiceField(
        choices=FlagReason.choices,
        required=False,
        allow_blank=True,
        default="",
        help_text="Required for a flag, empty otherwise.",
    )


class AnnotationCreatedSerializer(AnnotationSerializer):
    claim = serializers.IntegerField(source="claim_id")

    class Meta(AnnotationSerializer.Meta):
        fields = ["claim", *AnnotationSerializer.Meta.fields]


class ResolveSerializer(StrictSerializer):
    note = serializers.CharField(help_text="How it was resolved; kept with the annotation.")


class TransitionSerializer(StrictSerializer):
    to = serializers.ChoiceField(choices=CURATED_STATUS_CHOICES)
    rationale = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        help_text="Required for every decision and for reopening.",
    )


@extend_schema_serializer(component_name="Claim")
class ClaimDocumentedSerializer(ClaimSerializer):
    """A claim with its passage, structure, evidence, relations and review trail.
    `annotations` and `open_flags` are present for analysts and up only."""

    def __init__(self, *args, **kwargs):
        kwargs["internal"] = True
        super().__init__(*args, **kwargs)
        self.fields["annotations"].help_text = "Analysts and up only."
        self.fields["open_flags"].help_text = "Open flags; analysts and up only."
