"""The one ClaimFilterSet: the admin, the API and the analyst pages all filter through it."""

import django_filters
from django.db.models import Exists, OuterRef, Q

from sources.models import Publisher, Source

from .choices import CURATED_STATUS_CHOICES, ClaimKind, FlagReason
from .models import Claim, ClaimMention, Entity, Quantity
from .selectors import can_see_internal

ANY_FLAG = "any"


class ClaimFilterSet(django_filters.FilterSet):
    status = django_filters.MultipleChoiceFilter(choices=CURATED_STATUS_CHOICES)
    kind = django_filters.MultipleChoiceFilter(choices=ClaimKind.choices)
    entity = django_filters.ModelChoiceFilter(
        queryset=Entity.objects.all(),
        method="filter_entity",
        label="Entity (subject, object, attribution or mention)",
    )
    source = django_filters.ModelChoiceFilter(queryset=Source.objects.all())
    publisher = django_filters.ModelChoiceFilter(
        queryset=Publisher.objects.all(), field_name="source__publisher"
    )
    period = django_filters.CharFilter(
        method="filter_period", label="Period of a quantity (FY2026)"
    )
    as_of = django_filters.DateFromToRangeFilter()
    published = django_filters.DateFromToRangeFilter(field_name="source__published_at__date")
    created = django_filters.DateFromToRangeFilter(field_name="created_at__date")
    updated = django_filters.DateFromToRangeFilter(field_name="updated_at__date")
    open_flag = django_filters.ChoiceFilter(
        choices=[(ANY_FLAG, "Any open flag"), *FlagReason.choices],
        method="filter_open_flag",
        label="Open flag",
    )
    q = django_filters.CharFilter(method="filter_q", label="Search")

    class Meta:
        model = Claim
        fields = ["status", "kind", "entity", "source", "publisher", "period", "as_of"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Flags are internal: a reader who cannot see them cannot filter by them either.
        if not can_see_internal(getattr(self.request, "user", None)):
            self.filters.pop("open_flag")

    def filter_entity(self, queryset, name, value):
        mentioned = ClaimMention.objects.filter(claim=OuterRef("pk"), entity=value)
        return queryset.filter(
            Q(subject=value) | Q(object=value) | Q(attributed_to=value) | Exists(mentioned)
        )

    def filter_period(self, queryset, name, value):
        return queryset.filter(
            Exists(Quantity.objects.filter(claim=OuterRef("pk"), period__iexact=value.strip()))
        )

    def filter_open_flag(self, queryset, name, value):
        return queryset.having_open_flag(None if value == ANY_FLAG else value)

    def filter_q(self, queryset, name, value):
        """The claims matching the search, best first (ClaimQuerySet.search, claims/search.py)."""
        if not value.strip():
            return queryset
        return queryset.search(value)
