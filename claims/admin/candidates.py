"""The candidates queue: what the intake proposed, best check-worthiness first.

Analysts look; editors accept a candidate (its change page is the claim form, to fill in the
subject and predicate or correct anything, then "Accept"), or dismiss it with a reason, one by
one or in bulk. Every write goes through `claims.candidates`; a stale edit is a form error, as
on the claim admin (`ClaimAdminForm`), and a bulk action refuses a candidate changed since the
list was shown.
"""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import F, Prefetch
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html

from claims import candidates, services
from claims.api.candidates import CandidateFilterSet
from claims.choices import ClaimStatus
from claims.consistency import conflicts
from claims.models import Candidate
from config.admin import ServiceAdmin, apply_each
from sources.models import Source

from .candidate_display import (
    CHANGE_PAGE_CONTEXT_CHARS,
    CONFLICT_REACH,
    ROW_CONTEXT_CHARS,
    allowed_range,
    cell,
    passage_cell,
    quantity_lines,
)
from .candidate_filters import KindFilter, SourceFilter, StatusFilter
from .candidate_forms import CandidateAdminForm, DismissForm
from .claim_inlines import QuantityInline
from .intake import AddSourceMixin, link_add_source

# ---------------------------------------------------------------------------- the queue


@admin.register(Candidate)
class CandidateAdmin(AddSourceMixin, ServiceAdmin):
    form = CandidateAdminForm
    list_display = ["score", "candidate", "states", "source_link"]
    list_display_links = None
    list_filter = [StatusFilter, SourceFilter, KindFilter]
    search_fields = ["statement"]  # the search itself is the FilterSet's ranked full text
    search_help_text = "Full-text search in statements, quotes and predicates."
    ordering = [F("checkworthiness").desc(nulls_last=True), "id"]
    list_per_page = 50
    autocomplete_fields = ["subject", "object", "attributed_to"]
    readonly_fields = [
        "source",
        "quote_in_context",
        "score_breakdown",
        "values",
        "structure",
        "status",
        "dismissed_reason",
        "version",
        "created_by",
        "created_at",
    ]
    inlines = [QuantityInline]
    actions = ["accept_selected", "dismiss_selected"]

    # ------------------------------------------------------------------ reading

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related("subject", "object", "attributed_to", "created_by")
            .prefetch_related(
                # Once per source, not once per row: the passage needs the text.
                Prefetch("source", queryset=Source.objects.only("pk", "title", "body")),
                "quantities",
            )
        )

    @staticmethod
    def _shown_source(request) -> Source | None:
        """The source a page is limited to (`?source=`), if any."""
        shown = request.GET.get("source", "")
        return (
            Source.objects.only("pk", "title").filter(pk=shown).first() if shown.isdigit() else None
        )

    def changelist_view(self, request, extra_context=None):
        source = self._shown_source(request)
        title = f"Candidates from “{source.title}”" if source else "Candidates"
        context = {"title": f"{title}, best first", "source": source, **(extra_context or {})}
        return super().changelist_view(request, context)

    def get_search_results(self, request, queryset, search_term):
        if not search_term.strip():
            return queryset, False
        return CandidateFilterSet(data={"q": search_term}, queryset=queryset).qs, False

    def get_fieldsets(self, request, obj=None):
        fieldsets = [
            ("Passage", {"fields": ["source", "quote_in_context", "quote", ("start", "end")]}),
            ("What the intake read", {"fields": ["score_breakdown", "values", "structure"]}),
            (
                "Claim",
                {
                    "fields": [
                        "statement",
                        "kind",
                        "subject",
                        "predicate",
                        "object",
                        "attributed_to",
                        "mention_entities",
                        "as_of",
                    ],
                    "description": "Accepting needs a subject and a predicate. Correct "
                    "anything else the intake read wrong first.",
                },
            ),
            (
                "Status",
                {
                    "fields": [
                        ("status", "version"),
                        ("created_by", "created_at"),
                        "expected_version",
                    ]
                },
            ),
        ]
        if obj is not None and obj.status == ClaimStatus.DISMISSED:
            fieldsets[-1][1]["fields"].insert(1, "dismissed_reason")
        # The form's `dismiss_reason` is drawn beside the buttons (change_form.html).
        return fieldsets

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        site = self.admin_site

        class BoundForm(form):
            def __init__(self, *args, **kw):
                super().__init__(*args, admin_site=site, **kw)

        return BoundForm

    @admin.display(description="score", ordering="checkworthiness")
    def score(self, candidate):
        return cell("score", candidate)

    @admin.display(description="score and each feature's contribution")
    def score_breakdown(self, candidate):
        return self.score(candidate)

    @admin.display(description="candidate")
    def candidate(self, candidate):
        return cell("row", candidate, passage=passage_cell(candidate, ROW_CONTEXT_CHARS))

    @admin.display(description="kind and quantities", ordering="kind")
    def states(self, candidate):
        return cell("states", candidate, lines=quantity_lines(candidate))

    @admin.display(description="quantities")
    def values(self, candidate):
        return cell("quantities", candidate, lines=quantity_lines(candidate))

    @admin.display(description="subject · predicate · whom it cites")
    def structure(self, candidate):
        return cell("structure", candidate)

    @admin.display(description="source", ordering="source__title")
    def source_link(self, candidate):
        return cell("source", candidate)

    @admin.display(description="quote in its passage")
    def quote_in_context(self, candidate):
        return passage_cell(candidate, CHANGE_PAGE_CONTEXT_CHARS)

    # ------------------------------------------------------------------ conflicts

    def get_urls(self):
        conflicts_page = self.admin_site.admin_view(self.conflicts_view)
        return [
            path("conflicts/", conflicts_page, name="claims_candidate_conflicts"),
            *super().get_urls(),
        ]

    def conflicts_view(self, request):
        """Measures that sources disagree about (`claims.consistency.conflicts`), side by
        side: each claim's or candidate's value, what its rounding allows, its passage."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        source = self._shown_source(request)
        found = [
            (
                conflict,
                all(side.flagged for side in conflict.claims),  # no value has a majority
                [
                    (side, allowed_range(side, conflict.unit), passage_cell(side, CONFLICT_REACH))
                    for side in conflict.claims
                ],
            )
            for conflict in conflicts(request.user)
            if source is None or any(side.source.pk == source.pk for side in conflict.claims)
        ]
        context = {
            **self.admin_site.each_context(request),
            "title": f"Conflicts with “{source.title}”" if source else "Conflicts between sources",
            "conflicts": found,
            "source": source,
            "opts": self.model._meta,
        }
        return TemplateResponse(request, "admin/claims/candidate/conflicts.html", context)

    # ------------------------------------------------------------------ permissions

    def has_add_permission(self, request):
        return False  # the intake proposes candidates: "Add a source"

    def has_change_permission(self, request, obj=None):
        if obj is not None and obj.status != ClaimStatus.PROPOSED:
            return False  # a dismissed candidate is a record
        return super().has_change_permission(request, obj)

    # ------------------------------------------------------------------ one by one

    def save_model(self, request, obj, form, change):
        data = form.cleaned_data
        expected = data["expected_version"]
        if form.intent == "dismiss":  # the corrections are not kept: the dismissal is the record
            candidates.claim_dismiss(
                actor=request.user,
                claim=obj,
                reason=data["dismiss_reason"],
                expected_version=expected,
            )
            return
        changes = self.service_data(form, set(form.changed_data) & services.EDITABLE_FIELDS)
        mentions = list(data.get("mention_entities") or [])
        write = candidates.claim_accept if form.intent == "accept" else services.claim_update
        write(
            actor=request.user, claim=obj, expected_version=expected, mentions=mentions, **changes
        )

    def response_change(self, request, obj):
        if "_accept" in request.POST:
            claim_url = reverse("admin:claims_claim_change", args=[obj.pk])
            self.message_user(
                request,
                format_html(
                    'Accepted: <a href="{}">claim {}</a> is now unreviewed.', claim_url, obj.pk
                ),
                messages.SUCCESS,
            )
            return self.response_post_save_change(request, obj)
        if "_dismiss" in request.POST:
            self.message_user(request, f"Dismissed candidate {obj.pk}.", messages.SUCCESS)
            return self.response_post_save_change(request, obj)
        return super().response_change(request, obj)

    # ------------------------------------------------------------------ in bulk

    def _shown_version(self, request, candidate) -> int:
        shown = request.POST.get(f"version_{candidate.pk}", "")
        if not shown.isdigit():
            raise ValidationError("The list did not say which version you saw; select it again.")
        return int(shown)

    def _apply(self, request, queryset, do, done: str) -> None:
        def with_shown_version(candidate):
            return do(candidate, self._shown_version(request, candidate))

        apply_each(self, request, queryset, with_shown_version, done=done, noun="candidate")

    @admin.action(description="Accept (those with a subject and predicate)", permissions=["change"])
    def accept_selected(self, request, queryset):
        self._apply(
            request,
            queryset,
            lambda candidate, version: candidates.claim_accept(
                actor=request.user, claim=candidate, expected_version=version
            ),
            "accepted as unreviewed claims",
        )

    @admin.action(description="Dismiss, with a reason…", permissions=["change"])
    def dismiss_selected(self, request, queryset):
        form = DismissForm(request.POST if "apply" in request.POST else None)
        if "apply" in request.POST and form.is_valid():
            reason = form.cleaned_data["reason"]
            self._apply(
                request,
                queryset,
                lambda candidate, version: candidates.claim_dismiss(
                    actor=request.user, claim=candidate, reason=reason, expected_version=version
                ),
                "dismissed",
            )
            return None
        shown = {c.pk: request.POST.get(f"version_{c.pk}", "") for c in queryset}
        return TemplateResponse(
            request,
            "admin/claims/candidate/dismiss.html",
            {
                **self.admin_site.each_context(request),
                "title": "Dismiss candidates",
                "rows": [(c, shown[c.pk]) for c in queryset],
                "form": form,
                "opts": self.model._meta,
                "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
            },
        )


link_add_source(admin.site)
