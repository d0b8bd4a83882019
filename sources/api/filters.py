import django_filters

from ..choices import PublisherKind, SourceKind
from ..models import Publisher, Source


class PublisherFilterSet(django_filters.FilterSet):
    kind = django_filters.MultipleChoiceFilter(choices=PublisherKind.choices)
    country = django_filters.CharFilter(lookup_expr="iexact")
    q = django_filters.CharFilter(field_name="name", lookup_expr="icontains", label="Name contains")

    class Meta:
        model = Publisher
        fields = ["kind", "country", "q"]


class SourceFilterSet(django_filters.FilterSet):
    kind = django_filters.MultipleChoiceFilter(choices=SourceKind.choices)
    publisher = django_filters.ModelChoiceFilter(queryset=Publisher.objects.all())
    language = django_filters.CharFilter()
    published = django_filters.DateFromToRangeFilter(field_name="published_at__date")
    web_url = django_filters.CharFilter(field_name="url", label="Exact published address")
    q = django_filters.CharFilter(
        field_name="title", lookup_expr="icontains", label="Title contains"
    )

    class Meta:
        model = Source
        fields = ["kind", "publisher", "language", "published", "web_url", "q"]
