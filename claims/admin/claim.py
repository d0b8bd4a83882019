"""The editors' Claim admin: every save and action goes through claims.services."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html

from claims import services
from claims.choices import ClaimStatus
from claims.filters import ClaimFilterSet
from claims.highlight import passage_around
from claims.models import Claim
from claims.selectors import claim_decision, claim_history
from config.admin import ServiceAdmin, adopt_saved, apply_each
from config.errors import StaleVersion

from .claim_inlines import (
    AnnotationInline,
    EvidenceInline,
    QuantityInline,
    RelationInline,
    ReviewInline,
)
from .display import shortened
from .filters import KindFilter, OpenFlagFilter, PublisherFilter, SourceFilter, StatusFilter
from .forms import (
    ClaimAdminForm,
    ClaimDecisionForm,
    DecideForm,
    FlagUnsourcedForm,
)

CONTEXT_CHARS = 280


@admin.register(Claim)
class ClaimAdmin(ServiceAdmin):
    form = ClaimAdminForm
    list_display = [
        "id",
        "short_statement",
        "status",
        "kind",
        "source_title",
        "open_flag",
        "updated",
    ]
    list_display_links = ["id", "short_statement"]
    list_filter = [StatusFilter, KindFilter, PublisherFilter, SourceFilter, OpenFlagFilter]
    search_fields = ["statement"]  # the search itself is ClaimFilterSet's ranked full text
    search_help_text = "Full-text search in statements, quotes and predicates."
    autocomplete_fields = ["source", "subject", "object", "attributed_to"]
    readonly_fields = [
        "quote_in_context",
        "status",
        "version",
        "created_by",
        "created_at",
        "updated_at",
    ]
    fieldsets = [
        ("Passage", {"fields": ["source", "quote_in_context", "quote", ("start", "end")]}),
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
                    ("as_of", "checkworthiness"),
                ]
            },
        ),
        (
            "Status",
            {
                "fields": [
                    ("status", "version"),
                    ("created_by", "created_at", "updated_at"),
                    "expected_version",
                ]
            },
        ),
    ]
    inlines = [QuantityInline, EvidenceInline, AnnotationInline, RelationInline, ReviewInline]
    actions = ["flag_unsourced", "send_to_review", "decide"]
    list_per_page = 50

    # ------------------------------------------------------------------ reading

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .curated()
            .select_related("source", "subject", "object", "attributed_to", "created_by")
            .with_open_flag()
        )

    def get_search_results(self, request, queryset, search_term):
        if not search_term.strip():
            return queryset, False
        filterset = ClaimFilterSet(data={"q": search_term}, queryset=queryset, request=request)
        return filterset.qs, False

    def _locked(self, obj) -> bool:
        return obj is not None and obj.pk is not None and not services.claim_is_editable(obj.status)

    def get_fieldsets(self, request, obj=None):
        if not self._locked(obj) and (obj is None or self.has_change_permission(request, obj)):
            return self.fieldsets
        # Where nothing is editable (a decided claim, a reader's view) the mentions are shown,
        # not edited (see ClaimAdminForm).
        return [
            (
                name,
                {
                    **options,
                    "fields": [
                        "mentioned" if field == "mention_entities" else field
                        for field in options["fields"]
                    ],
                },
            )
            for name, options in self.fieldsets
        ]

    def get_readonly_fields(self, request, obj=None):
        if not self._locked(obj):
            return self.readonly_fields
        # Decided: its content is locked until a reviewer reopens it, so nothing is editable.
        shown = admin.utils.flatten_fieldsets(self.get_fieldsets(request, obj))
        return [field for field in shown if field != "expected_version"]

    @admin.display(description="also mentions")
    def mentioned(self, claim):
        return ", ".join(str(entity) for entity in claim.mentions.all()) or "—"

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        site = self.admin_site

        class BoundForm(form):
            def __init__(self, *args, **kw):
                super().__init__(*args, admin_site=site, **kw)

        return BoundForm

    @admin.display(description="statement")
    def short_statement(self, claim):
        return shortened(claim.statement, 160)

    @admin.display(description="source", ordering="source__title")
    def source_title(self, claim):
        return claim.source.title

    @admin.display(description="open flag", ordering="has_open_flag")
    def open_flag(self, claim):
        # A mark only where there is a flag: a red cross for "none" read as an error.
        if not claim.has_open_flag:
            return ""
        return format_html(
            '<span class="open-flag" title="{}">⚑ Open</span>', "This claim has an open flag"
        )

    @admin.display(description="updated", ordering="updated_at")
    def updated(self, claim):
        return timezone.localtime(claim.updated_at).strftime("%Y-%m-%d %H:%M")

    @admin.display(description="quote in its passage")
    def quote_in_context(self, claim):
        if claim is None or claim.pk is None:
            return "Shown once the claim is saved."
        passage = passage_around(claim.source.body, claim.start, claim.end, reach=CONTEXT_CHARS)
        return format_html(
            '<div class="quote-context">{}{}<mark>{}</mark>{}{}</div>',
            "…" if passage.cut_before else "",
            passage.before,
            passage.quote,
            passage.after,
            "…" if passage.cut_after else "",
        )

    # ------------------------------------------------------------------ permissions

    def has_review_permission(self, request):
        return request.user.has_perm("claims.review_claim")

    # ------------------------------------------------------------------ writing

    def save_model(self, request, obj, form, change):
        mentions = (
            None  # a decided claim's mentions are shown read-only: left as they are
            if self._locked(obj)
            else list(form.cleaned_data.get("mention_entities") or [])
        )
        if not change:
            fields = self.service_data(form, services.EDITABLE_FIELDS)
            created = services.claim_create(actor=request.user, mentions=mentions, **fields)
            adopt_saved(obj, created)
            return
        services.claim_update(
            actor=request.user,
            claim=obj,
            expected_version=form.cleaned_data["expected_version"],
            mentions=mentions,
            **self.service_data(form, set(form.changed_data) & services.EDITABLE_FIELDS),
        )

    # ------------------------------------------------------------------ actions

    def _apply(self, request, claims, do, done: str) -> list:
        return apply_each(self, request, claims, do, done=done, noun="claim")

    @admin.action(description="Flag as unsourced…", permissions=["change"])
    def flag_unsourced(self, request, queryset):
        form = FlagUnsourcedForm(request.POST if "apply" in request.POST else None)
        if "apply" in request.POST and form.is_valid():
            note, confirmed = form.cleaned_data["note"], form.cleaned_data["confirmed"]
            self._apply(
                request,
                queryset,
                lambda claim: services.claim_flag_unsourced(
                    actor=request.user, claim=claim, note=note, confirmed=confirmed
                ),
                "flagged as unsourced",
            )
            return None
        rows = [(claim, services.claim_flag_unsourced_concerns(claim)) for claim in queryset]
        return TemplateResponse(
            request,
            "admin/claims/claim/flag_unsourced.html",
            {
                **self.admin_site.each_context(request),
                "title": "Flag as unsourced",
                "rows": rows,
                "any_concern": any(concerns for _, concerns in rows),
                "form": form,
                "opts": self.model._meta,
                "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
            },
        )

    @admin.action(description="Send to review", permissions=["change"])
    def send_to_review(self, request, queryset):
        self._apply(
            request,
            queryset,
            lambda claim: services.claim_transition(
                actor=request.user, claim=claim, to=ClaimStatus.IN_REVIEW
            ),
            "sent to review",
        )

    @admin.action(description="Decide or reopen, with a rationale…", permissions=["review"])
    def decide(self, request, queryset):
        form = DecideForm(request.POST if "apply" in request.POST else None)
        if "apply" in request.POST and form.is_valid():
            to, rationale = form.cleaned_data["to"], form.cleaned_data["rationale"]

            def transition(claim):
                # The version each claim was shown at: a claim changed since is refused.
                shown = request.POST.get(f"version_{claim.pk}", "")
                if not shown.isdigit():
                    raise ValidationError(
                        "The form did not say which version you decided on; reload it."
                    )
                return services.claim_transition(
                    actor=request.user,
                    claim=claim,
                    to=to,
                    rationale=rationale,
                    expected_version=int(shown),
                )

            refused = self._apply(request, queryset, transition, f"moved to {to.replace('_', ' ')}")
            if not refused:
                return None
            # The refused claims stay on the page with what the reviewer typed, to fix and retry.
            queryset = queryset.filter(pk__in=[claim.pk for claim in refused])
        return TemplateResponse(
            request,
            "admin/claims/claim/decide.html",
            {
                **self.admin_site.each_context(request),
                "title": "Decide or reopen claims",
                "claims": queryset,
                "form": form,
                "opts": self.model._meta,
                "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
            },
        )

    # ------------------------------------------------------------------ one claim's decision

    def get_urls(self):
        decide = self.admin_site.admin_view(self.decide_view)
        return [
            path("<path:object_id>/decide/", decide, name="claims_claim_decide"),
            *super().get_urls(),
        ]

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        claim = self.get_object(request, object_id) if object_id else None
        extra = dict(extra_context or {})
        if claim is not None:
            extra.update(
                locked=self._locked(claim),
                decision=claim_decision(claim) if self._locked(claim) else None,
                may_review=self.has_review_permission(request),
                decide_url=reverse("admin:claims_claim_decide", args=[claim.pk]),
                decide_label=self._decide_label(claim),
                show_save_and_add_another=False,
            )
            if self._locked(claim):
                extra["show_save_and_continue"] = False
        return super().changeform_view(request, object_id, form_url, extra)

    def _decide_label(self, claim) -> str:
        if self._locked(claim):
            return "Reopen…"
        return "Decide…" if claim.status == ClaimStatus.IN_REVIEW else ""

    def decide_view(self, request, object_id):
        """Decide or reopen one claim on a page of its own. A refusal leaves the reviewer on the
        form with what they typed, the rule's words beside the field it concerns."""
        claim = self.get_object(request, object_id)
        if claim is None:
            return self._get_obj_does_not_exist_redirect(request, self.model._meta, object_id)
        if not self.has_review_permission(request):
            raise PermissionDenied
        initial = {"to": ClaimStatus.IN_REVIEW} if self._locked(claim) else {}
        form = ClaimDecisionForm(
            request.POST if request.method == "POST" else None, claim=claim, initial=initial
        )
        if request.method == "POST" and form.is_valid():
            to = form.cleaned_data["to"]
            try:
                services.claim_transition(
                    actor=request.user,
                    claim=claim,
                    to=to,
                    rationale=form.cleaned_data["rationale"],
                    expected_version=form.cleaned_data["expected_version"],
                )
            except ValidationError as refused:
                form.add_refusal(refused)
            except (PermissionDenied, StaleVersion) as refused:
                form.add_error(None, str(refused))
            else:
                self.message_user(
                    request,
                    f"Claim {claim.pk} is now {ClaimStatus(to).label.lower()}.",
                    messages.SUCCESS,
                )
                return HttpResponseRedirect(reverse("admin:claims_claim_change", args=[claim.pk]))
        return TemplateResponse(
            request,
            "admin/claims/claim/decide_one.html",
            {
                **self.admin_site.each_context(request),
                "title": f"{self._decide_label(claim).rstrip('…') or 'Decide'} claim {claim.pk}",
                "subtitle": None,
                "claim": claim,
                "form": form,
                "opts": self.model._meta,
                "change_url": reverse("admin:claims_claim_change", args=[claim.pk]),
            },
        )

    # ------------------------------------------------------------------ history

    def history_view(self, request, object_id, extra_context=None):
        claim = self.get_object(request, object_id)
        if claim is None:
            return self._get_obj_does_not_exist_redirect(request, self.model._meta, object_id)
        if not self.has_view_or_change_permission(request, claim):
            raise PermissionDenied
        return TemplateResponse(
            request,
            "admin/claims/claim/object_history.html",
            {
                **self.admin_site.each_context(request),
                "title": f"History of claim {claim.pk}",
                "subtitle": None,
                "object": claim,
                "entries": claim_history(claim),
                "opts": self.model._meta,
                "change_url": reverse("admin:claims_claim_change", args=[claim.pk]),
            },
        )
