"""The rows hanging off a claim on its admin page: quantities, evidence, annotations,
relations and the review trail, each written through its service."""

from django import forms
from django.contrib import admin
from django.db import models

from claims import services
from claims.models import Annotation, ClaimRelation, Evidence, Quantity, Review
from claims.templatetags.claimdesk import quantity_text
from config.admin import ServiceInline

from .forms import QuantityInlineForm


class SelectRelatedInline:
    """An inline that reads its rows with their `row_select_related` (the readonly user and
    source columns would otherwise cost a query per row)."""

    row_select_related: list[str] = []

    def get_queryset(self, request):
        return super().get_queryset(request).select_related(*self.row_select_related)


class LockedWhenDecidedMixin:
    """Inline rows are read-only while the claim is decided (the services' lock rule).

    `locked_actions` says which of add, change and delete the lock takes away.
    """

    locked_actions = ("add", "change", "delete")

    def _allowed(self, action: str, obj) -> bool:
        return (
            action not in self.locked_actions
            or obj is None
            or (services.claim_is_editable(obj.status))
        )

    def has_add_permission(self, request, obj=None):
        return super().has_add_permission(request, obj) and self._allowed("add", obj)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and self._allowed("change", obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and self._allowed("delete", obj)


class QuantityInline(LockedWhenDecidedMixin, ServiceInline, admin.StackedInline):
    # Stacked: eight fields side by side overflow a laptop's window.
    model = Quantity
    form = QuantityInlineForm
    create_service = staticmethod(services.quantity_create)
    update_service = staticmethod(services.quantity_update)
    delete_service = staticmethod(services.quantity_delete)
    parent_kw, instance_kw = "claim", "quantity"
    extra = 0
    fields = [
        ("value", "scale", "unit", "bound"),
        ("period", "period_start", "period_end", "role"),
        "in_words",
    ]
    readonly_fields = ["in_words"]

    @admin.display(description="in words")
    def in_words(self, quantity):
        return quantity_text(quantity) if quantity.pk else "Shown once saved."


class EvidenceInline(
    SelectRelatedInline, LockedWhenDecidedMixin, ServiceInline, admin.StackedInline
):
    # Stacked: the quote and note need room, which a table row wider than the window gave.
    model = Evidence
    row_select_related = ["source", "added_by"]
    create_service = staticmethod(services.evidence_attach)
    update_service = staticmethod(services.evidence_update)
    delete_service = staticmethod(services.evidence_delete)
    parent_kw, instance_kw = "claim", "evidence"
    extra = 0
    autocomplete_fields = ["source"]
    fields = [("source", "stance"), "quote", "locator", "note", ("added_by", "added_at")]
    readonly_fields = ["added_by", "added_at"]
    formfield_overrides = {
        models.TextField: {"widget": forms.Textarea(attrs={"rows": 3, "class": "vLargeTextField"})}
    }

    # Evidence may be added to a decided claim, but what its verdict rests on stays as it is.
    locked_actions = ("change", "delete")


class AnnotationInline(SelectRelatedInline, ServiceInline, admin.StackedInline):
    """Existing annotations are a record: shown, never edited here. New ones may be added."""

    model = Annotation
    row_select_related = ["author", "resolved_by"]
    create_service = staticmethod(services.annotation_create)
    parent_kw = "claim"
    extra = 0
    fields = [
        ("kind", "flag_reason"),
        "body",
        ("author", "created_at"),
        ("resolved_by", "resolved_at"),
        "resolution_note",
    ]
    readonly_fields = ["author", "created_at", "resolved_by", "resolved_at", "resolution_note"]

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class RelationInline(SelectRelatedInline, ServiceInline, admin.TabularInline):
    model = ClaimRelation
    row_select_related = ["to_claim"]
    create_service = staticmethod(services.claim_relate)
    delete_service = staticmethod(services.claim_relation_delete)
    parent_kw, instance_kw = "from_claim", "relation"
    fk_name = "from_claim"
    extra = 0
    autocomplete_fields = ["to_claim"]
    fields = ["kind", "to_claim", "note"]
    verbose_name = "relation to another claim"

    def has_change_permission(self, request, obj=None):
        return False


class ReviewInline(SelectRelatedInline, ServiceInline, admin.TabularInline):
    model = Review
    row_select_related = ["reviewer"]
    extra = 0
    fields = ["created_at", "reviewer", "from_status", "to_status", "rationale"]
    readonly_fields = fields
    can_delete = False
    verbose_name = "review"
    verbose_name_plural = "review trail"

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False
