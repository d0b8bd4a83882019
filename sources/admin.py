"""Publishers and sources in the admin; writes go through sources.services."""

from django.contrib import admin
from django.db.models import F

from config.admin import ServiceAdmin

from . import services
from .models import Publisher, Source


@admin.register(Publisher)
class PublisherAdmin(ServiceAdmin):
    create_service = staticmethod(services.publisher_create)
    update_service = staticmethod(services.publisher_update)
    instance_kw = "publisher"
    list_display = ["name", "kind", "country", "wikidata_id"]
    list_filter = ["kind"]
    search_fields = ["name", "country"]


@admin.register(Source)
class SourceAdmin(ServiceAdmin):
    create_service = staticmethod(services.source_create)
    update_service = staticmethod(services.source_update)
    instance_kw = "source"
    list_display = ["title", "publisher", "kind", "published_at", "reference_only"]
    list_filter = ["kind", "publisher"]
    search_fields = ["title", "url", "author"]
    autocomplete_fields = ["publisher", "revises"]
    list_select_related = ["publisher"]
    date_hierarchy = "published_at"
    # Newest first, undated sources last (PostgreSQL sorts NULLs first when descending); the
    # claim page's source search lists them in this order too.
    ordering = [F("published_at").desc(nulls_last=True), "id"]
    fields = [
        "publisher",
        "title",
        "kind",
        "url",
        ("author", "editor"),
        ("published_at", "retrieved_at"),
        "language",
        "revises",
        "body",
        "body_sha256",
    ]

    def get_readonly_fields(self, request, obj=None):
        # A text never changes once stored: a changed text is a new Source revising this one.
        return ["body", "body_sha256"] if obj is not None else ["body_sha256"]

    @admin.display(boolean=True, description="reference only")
    def reference_only(self, source):
        return source.is_reference_only
