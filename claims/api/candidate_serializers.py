"""Candidates in the API: what the intake read of a passage, and what an editor sends to accept
or dismiss it (every error at once)."""


from rest_framework import serializers
from rest_framework.exceptions import ErrorDetail, ValidationError

from config.api.fields import SelfLinkField
from sources.api.serializers import SourceRefSerializer

from ..choices import CANDIDATE_STATUSES, ClaimStatus
from ..models import Claim
from .serializers import (
    ClaimUpdateSerializer,
    EntityRefSerializer,
    QuantitySerializer,
    StrictSerializer,
)

CANDIDATE_STATUS_CHOICES = [
    (status.value, status.label) for status in ClaimStatus if status in CANDIDATE_STATUSES
]


class CandidateSerializer(serializers.ModelSerializer):
    """A candidate claim the intake proposed: its exact passage, what the intake read of it
    (structure where an Entity matched, names as written where none did, quantities) and why
    it scored as it did."""

    url = SelfLinkField(view_name="api:candidate-detail")
    status = serializers.ChoiceField(choices=CANDIDATE_STATUS_CHOICES)
    source = SourceRefSerializer()
    subject = EntityRefSerializer(allow_null=True, help_text="Null until an Entity is set.")
    predicate = serializers.SerializerMethodField(help_text="Null until one is set.")
    object = EntityRefSerializer(allow_null=True)
    attributed_to = EntityRefSerializer(
        allow_null=True, help_text="Whom the text cites, when an Entity matched."
    )
    proposed_attribution = serializers.CharField(
        help_text="Whom the text cites, as written, when no Entity matched it."
    )
    mentions = EntityRefSerializer(many=True)
    proposed_entities = serializers.ListField(
        child=serializers.CharField(), help_text="Names the text mentions that matched no Entity."
    )
    quantities = QuantitySerializer(many=True)
    checkworthiness = serializers.DecimalField(
        max_digits=3, decimal_places=2, allow_null=True, normalize_output=True
    )
    checkworthiness_features = serializers.DictField(
        child=serializers.FloatField(),
        help_text="Each feature's contribution to `checkworthiness`, by name (they sum to it); "
        "negative ones lower it, e.g. framing or hedging.",
    )
    dismissed_reason = serializers.SerializerMethodField(help_text="Why it was dismissed.")

    class Meta:
        model = Claim
        fields = [
            "id",
            "url",
            "status",
            "statement",
            "quote",
            "start",
            "end",
            "kind",
            "source",
            "subject",
            "predicate",
            "object",
            "attributed_to",
            "proposed_attribution",
            "mentions",
            "proposed_entities",
            "quantities",
            "as_of",
            "checkworthiness",
            "checkworthiness_features",
            "dismissed_reason",
            "version",
            "created_at",
            "updated_at",
        ]

    def get_predicate(self, candidate) -> str | None:
        return candidate.predicate or None

    def get_dismissed_reason(self, candidate) -> str | None:
        return candidate.dismissed_reason or None


class EveryErrorAtOnce:
    """A StrictSerializer that reports unknown fields together with the other fields' errors
    (StrictSerializer alone stops at the unknown ones)."""

    def to_internal_value(self, data):
        unknown = {}
        if isinstance(data, dict):
            unknown = {
                name: [ErrorDetail("Unknown field: it cannot be written here.", code="unknown")]
                for name in sorted(set(data) - set(self.fields))
            }
        try:
            value = super(StrictSerializer, self).to_internal_value(data)
        except ValidationError as error:
            raise ValidationError({**error.detail, **unknown}) from None
        if unknown:
            raise ValidationError(unknown)
        return value


class CandidateAcceptSerializer(EveryErrorAtOnce, ClaimUpdateSerializer):
    """Corrections to apply as the candidate is accepted, checked as a claim's corrections are
    (send only what changes). Its subject and predicate must be set by then."""

    checkable = serializers.BooleanField(required=False)

    def get_fields(self):
        fields = super().get_fields()  # (which drops every help text: they describe creating)
        fields.pop("source")  # a candidate stays on the text it was found in
        fields["checkable"].help_text = (
            "False for opinion and framing: no unsourced flag is raised. Default: every kind "
            "but characterization is checkable."
        )
        return fields


class CandidateDismissSerializer(EveryErrorAtOnce, StrictSerializer):
    """Why the candidate is dismissed (required)."""

    reason = serializers.CharField(
        help_text="Why it is not a claim worth curating; kept with the candidate."
    )
