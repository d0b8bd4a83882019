"""The editors' admin. Every write goes through claims.services and sources.services."""

from django.contrib import admin

from claims import services
from claims.models import Entity, Review
from claims.selectors import entities_by_likeness
from config.admin import ServiceAdmin

from .annotations import AnnotationAdmin, UnsourcedQueueAdmin
from .candidates import CandidateAdmin
from .claim import ClaimAdmin
from .tokens import ApiTokenAdmin

__all__ = [
    "AnnotationAdmin",
    "ApiTokenAdmin",
    "CandidateAdmin",
    "ClaimAdmin",
    "EntityAdmin",
    "ReviewAdmin",
    "UnsourcedQueueAdmin",
]

admin.site.site_header = "ClaimDesk"
admin.site.site_title = "ClaimDesk admin"
admin.site.index_title = "Curation"
# The navigation sidebar took 300 px of a laptop's window from every list and form; the
# breadcrumbs and the index lead to the same places.
admin.site.enable_nav_sidebar = False


@admin.register(Entity)
class EntityAdmin(ServiceAdmin):
    create_service = staticmethod(services.entity_create)
    update_service = staticmethod(services.entity_update)
    instance_kw = "entity"
    list_display = ["name", "kind", "wikidata_id"]
    list_filter = ["kind"]
    search_fields = ["name", "description", "wikidata_id"]

    def get_search_results(self, request, queryset, search_term):
        # The list and the autocomplete: names and aliases as the API finds them (typos and
        # accents forgiven), closest first, and descriptions and Wikidata ids as typed.
        if not search_term.strip():
            return queryset, False
        typed, _ = super().get_search_results(request, queryset, search_term)
        return entities_by_likeness(queryset, search_term, including=typed), False


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
