"""The core ClaimFilterSet, plus what only the API needs."""

import django_filters
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework.exceptions import ValidationError

from ..filters import ClaimFilterSet
from ..models import Entity
from ..selectors import entities_matching


class ClaimApiFilterSet(ClaimFilterSet):
    changed_since = django_filters.IsoDateTimeFilter(
        field_name="updated_at",
        lookup_expr="gte",
        label="Claims whose own fields or status changed at or after this instant (ISO 8601)",
    )

    class Meta(ClaimFilterSet.Meta):
        fields = [*ClaimFilterSet.Meta.fields, "changed_since"]

    @extend_schema_field(OpenApiTypes.INT)
    def filter_entity(self, queryset, name, value):
        # The core's method, typed for the OpenAPI document (an entity id).
        return super().filter_entity(queryset, name, value)

    def is_valid(self):
        # The core filterset drops `open_flag` for readers who may not see flags. A consumer
        # who sends it anyway is told, rather than silently given unfiltered rows.
        if "open_flag" not in self.filters and self.data.get("open_flag"):
            raise ValidationError(
                {"open_flag": ["Flags are internal: only analysts and up may filter by them."]}
            )
        return super().is_valid()


class EntityFilterSet(django_filters.FilterSet):
    kind = django_filters.MultipleChoiceFilter(choices=Entity._meta.get_field("kind").choices)
    wikidata_id = django_filters.CharFilter()
    q = django_filters.CharFilter(
        method="filter_q",
        label="Name contains this, an alias is exactly this, or the name or an alias comes "
        "close to it (accents and typos forgiven)",
    )

    class Meta:
        model = Entity
        fields = ["kind", "wikidata_id", "q"]

    def filter_q(self, queryset, name, value):
        return entities_matching(queryset, value)
