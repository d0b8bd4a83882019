"""The candidates queue's list filters, each the CandidateFilterSet field of its name."""

from django.contrib import admin
from django.http import QueryDict

from claims.api.candidates import CandidateFilterSet
from claims.choices import ClaimKind, ClaimStatus
from claims.models import Candidate
from sources.models import Source

ALL = "all"  # the status filter's choice for open and dismissed together


class CandidateListFilter(admin.SimpleListFilter):
    """A list filter whose meaning is the CandidateFilterSet field of the same name."""

    def queryset(self, request, queryset):
        value = self.value()
        if value is None or value == ALL:
            return queryset
        data = QueryDict(mutable=True)  # multiple-choice filters read a list
        data[self.parameter_name] = value
        filterset = CandidateFilterSet(data=data, queryset=queryset)
        return filterset.qs if filterset.is_valid() else queryset.none()


class StatusFilter(CandidateListFilter):
    """Open (proposed) candidates unless asked otherwise; dismissed ones are kept, apart."""

    title = "status"
    parameter_name = "status"

    def lookups(self, request, model_admin):
        return [
            (ClaimStatus.PROPOSED, "Proposed"),
            (ClaimStatus.DISMISSED, "Dismissed"),
            (ALL, "All"),
        ]

    def value(self):
        return super().value() or ClaimStatus.PROPOSED

    def choices(self, changelist):
        for value, label in self.lookup_choices:
            yield {
                "selected": self.value() == value,
                "query_string": changelist.get_query_string({self.parameter_name: value}),
                "display": label,
            }


class SourceFilter(CandidateListFilter):
    title = "source"
    parameter_name = "source"

    def lookups(self, request, model_admin):
        sources = Source.objects.filter(pk__in=Candidate.objects.values("source")).order_by(
            "-created_at", "-id"
        )
        return [(str(s.pk), s.title) for s in sources.only("pk", "title")]


class KindFilter(CandidateListFilter):
    title = "kind"
    parameter_name = "kind"

    def lookups(self, request, model_admin):
        return ClaimKind.choices


# ---------------------------------------------------------------------------- the form
