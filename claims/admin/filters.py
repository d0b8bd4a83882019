"""Admin list filters that delegate to the one ClaimFilterSet."""

from django.contrib import admin
from django.http import QueryDict

from claims.choices import CURATED_STATUS_CHOICES, ClaimKind, FlagReason
from claims.filters import ANY_FLAG, ClaimFilterSet
from sources.models import Publisher, Source


class FilterSetListFilter(admin.SimpleListFilter):
    """A list filter whose meaning is the ClaimFilterSet field of the same name."""

    def queryset(self, request, queryset):
        if self.value() is None:
            return queryset
        data = QueryDict(mutable=True)  # multiple-choice filters read a list
        data[self.parameter_name] = self.value()
        filterset = ClaimFilterSet(data=data, queryset=queryset, request=request)
        return filterset.qs if filterset.is_valid() else queryset.none()


class StatusFilter(FilterSetListFilter):
    title = "status"
    parameter_name = "status"

    def lookups(self, request, model_admin):
        return CURATED_STATUS_CHOICES


class KindFilter(FilterSetListFilter):
    title = "kind"
    parameter_name = "kind"

    def lookups(self, request, model_admin):
        return ClaimKind.choices


class PublisherFilter(FilterSetListFilter):
    title = "publisher"
    parameter_name = "publisher"

    def lookups(self, request, model_admin):
        publishers = Publisher.objects.filter(sources__claims__isnull=False).distinct()
        return [(str(p.pk), p.name) for p in publishers.order_by("name")]


class SourceFilter(FilterSetListFilter):
    title = "source"
    parameter_name = "source"

    def lookups(self, request, model_admin):
        sources = Source.objects.filter(claims__isnull=False).distinct().order_by("title")
        return [(str(s.pk), s.title) for s in sources.only("pk", "title")]


class OpenFlagFilter(FilterSetListFilter):
    title = "open flag"
    parameter_name = "open_flag"

    def lookups(self, request, model_admin):
        return [(ANY_FLAG, "Any open flag"), *FlagReason.choices]
