"""Publishers and sources in the admin; writes go through sources.services."""

from django.contrib import admin
from django.db import models

from config.admin_forms import ShownValuesForm

from . import services
from .models import Publisher, Source

# A URL typed without a scheme is https (Django 6's default, chosen now).
URL_FIELDS = {models.URLField: {"assume_scheme": "https"}}


@admin.register(Publisher)
class PublisherAdmin(admin.ModelAdmin):
    form = ShownValuesForm
    formfield_overrides = URL_FIELDS
    list_display = ["name", "kind", "country", "wikidata_id"]
    list_filter = ["kind"]
    search_fields = ["name", "country"]

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        fields = form.changed_data if change else None
        services.publisher_save(actor=request.user, publisher=obj, fields=fields)


@admin.register(Source)
class SourceAdmin(admin.ModelAdmin):
    formfield_overrides = URL_FIELDS
    list_display = ["title", "publisher", "kind", "published_at", "reference_only"]
    list_filter = ["kind", "publisher"]
    search_fields = ["title", "url", "author"]
    autocomplete_fields = ["publisher", "revises"]
    list_select_related = ["publisher"]
    date_hierarchy = "published_at"
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

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(boolean=True, description="reference only")
    def reference_only(self, source):
        return source.is_reference_only

    def save_model(self, request, obj, form, change):
        if change:
            changes = {f: getattr(obj, f) for f in form.changed_data}
            services.source_update(actor=request.user, source=obj, **changes)
            return
        created = services.source_create(
            actor=request.user,
            publisher=obj.publisher,
            title=obj.title,
            kind=obj.kind,
            body=obj.body,
            url=obj.url,
            author=obj.author,
            editor=obj.editor,
            published_at=obj.published_at,
            retrieved_at=obj.retrieved_at,
            language=obj.language,
            revises=obj.revises,
        )
        obj.pk = created.pk
        obj._state.adding = False
