"""The editors' admin. Every write goes through claims.services and sources.services."""

from django.contrib import admin

from claims import services
from claims.models import Entity, Review
from config.admin_forms import ShownValuesForm

from .annotations import AnnotationAdmin, UnsourcedQueueAdmin
from .claim import ClaimAdmin

__all__ = ["AnnotationAdmin", "ClaimAdmin", "EntityAdmin", "ReviewAdmin", "UnsourcedQueueAdmin"]

admin.site.site_header = "ClaimDesk"
admin.site.site_title = "ClaimDesk admin"
admin.site.index_title = "Curation"


@admin.register(Entity)
class EntityAdmin(admin.ModelAdmin):
    form = ShownValuesForm
    list_display = ["name", "kind", "wikidata_id"]
    list_filter = ["kind"]
    search_fields = ["name", "description", "wikidata_id"]

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        fields = form.changed_data if change else None
        services.entity_save(actor=request.user, entity=obj, fields=fields)


@admin.register(Review)
class ReviewAdmin(admin.ModelAdmin):
    """The review trail: written only by status transitions, never edited."""

    list_display = ["created_at", "claim", "reviewer", "from_status", "to_status"]
    list_filter = ["to_status"]
    search_fields = ["rationale", "claim__statement"]
    list_select_related = ["claim", "reviewer"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
