"""API tokens in the admin: listed, and revoked through claims.api.tokens. Never issued here
(the secret is shown once, to its owner: `manage.py issue_token`, the account page or the API)
and never edited: nothing in a token may change but its revocation."""

from django.contrib import admin, messages

from claims.api.tokens import token_revoke
from claims.models import ApiToken


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ["name", "user", "created", "expiry", "last_used_at"]
    list_select_related = ["user"]
    search_fields = ["name", "user__username"]
    fields = ["name", "user", "created", "expiry", "last_used_at"]
    readonly_fields = fields
    actions = ["revoke_selected"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def get_actions(self, request):
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)  # Django's bulk delete would bypass the service
        return actions

    def delete_model(self, request, obj):
        token_revoke(user=obj.user, token_id=obj.pk, actor=request.user)

    def delete_queryset(self, request, queryset):
        for token in queryset.select_related("user"):
            self.delete_model(request, token)

    @admin.action(description="Revoke the selected tokens", permissions=["delete"])
    def revoke_selected(self, request, queryset):
        tokens = list(queryset.select_related("user"))
        for token in tokens:
            self.delete_model(request, token)
        self.message_user(request, f"Revoked {len(tokens)} token(s).", messages.SUCCESS)
