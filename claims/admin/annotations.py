from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import format_html

from claims import services
from claims.models import Annotation, UnsourcedFlag
from claims.selectors import unsourced_queue
from config.admin import refusal_text

from .display import age, shortened
from .forms import ResolveForm


class OpenListFilter(admin.SimpleListFilter):
    title = "state"
    parameter_name = "state"

    def lookups(self, request, model_admin):
        return [("open", "Open"), ("resolved", "Resolved")]

    def queryset(self, request, queryset):
        if self.value() == "open":
            return queryset.open()
        if self.value() == "resolved":
            return queryset.filter(resolved_at__isnull=False)
        return queryset


@admin.register(Annotation)
class AnnotationAdmin(admin.ModelAdmin):
    """Notes, questions and flags: a record. Added on a claim's page, resolved here."""

    list_display = [
        "id",
        "claim_link",
        "kind",
        "flag_reason",
        "short_body",
        "author",
        "created_at",
        "is_open",
    ]
    list_filter = [OpenListFilter, "kind", "flag_reason"]
    search_fields = ["body", "claim__statement"]
    readonly_fields = [
        "claim",
        "author",
        "kind",
        "flag_reason",
        "body",
        "created_at",
        "resolved_by",
        "resolved_at",
        "resolution_note",
    ]
    actions = ["resolve"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("claim", "author", "resolved_by")

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        # The record itself never changes; the resolve action needs the permission.
        return obj is None and super().has_change_permission(request, obj)

    @admin.display(description="claim")
    def claim_link(self, annotation):
        url = reverse("admin:claims_claim_change", args=[annotation.claim_id])
        return format_html('<a href="{}">{}</a>', url, shortened(annotation.claim.statement, 90))

    @admin.display(description="body")
    def short_body(self, annotation):
        return shortened(annotation.body, 140)

    @admin.display(description="open", boolean=True)
    def is_open(self, annotation):
        return annotation.is_open

    @admin.action(description="Resolve with a note…", permissions=["change"])
    def resolve(self, request, queryset):
        form = ResolveForm(request.POST if "apply" in request.POST else None)
        if "apply" in request.POST and form.is_valid():
            done = 0
            for annotation in queryset:
                try:
                    services.annotation_resolve(
                        actor=request.user, annotation=annotation, note=form.cleaned_data["note"]
                    )
                    done += 1
                except (ValidationError, PermissionDenied) as refused:
                    self.message_user(
                        request,
                        f"Refused. Annotation {annotation.pk}: {refusal_text(refused)}",
                        messages.ERROR,
                    )
            if done:
                self.message_user(request, f"{done} resolved.", messages.SUCCESS)
            return None
        return TemplateResponse(
            request,
            "admin/claims/annotation/resolve.html",
            {
                **self.admin_site.each_context(request),
                "title": "Resolve with a note",
                "annotations": queryset,
                "form": form,
                "opts": self.model._meta,
                "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
            },
        )


@admin.register(UnsourcedFlag)
class UnsourcedQueueAdmin(AnnotationAdmin):
    """Open unsourced flags, oldest first: attach evidence on the claim, then resolve here."""

    list_display = ["claim_number", "claim_link", "short_body", "age", "author", "created_at"]
    list_display_links = None  # each row's links go to its claim, where the work is done
    list_filter = []
    # The changelist orders by the admin's ordering, not the queryset's: oldest first.
    ordering = ["created_at", "id"]

    def get_queryset(self, request):
        return unsourced_queue()

    @admin.display(description="claim", ordering="claim_id")
    def claim_number(self, flag):
        url = reverse("admin:claims_claim_change", args=[flag.claim_id])
        return format_html('<a href="{}">Claim {}</a>', url, flag.claim_id)

    @admin.display(description="statement")
    def claim_link(self, flag):
        return super().claim_link(flag)

    @admin.display(description="flagged", ordering="created_at")
    def age(self, flag):
        return f"{age(flag.created_at)} ago"
