"""The account's API tokens page: a signed-in user lists their own tokens, issues one (its
secret is shown on that answer only) and revokes any of them. Everything goes through
claims.api.tokens, as the API and the command do."""

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from claims.api.tokens import token_issue, token_revoke, tokens_of


class TokenIssueForm(forms.Form):
    name = forms.CharField(
        max_length=100,
        help_text="What it is for: a device, a script.",
        widget=forms.TextInput(attrs={"aria-describedby": "id_name-help"}),
    )
    days = forms.IntegerField(
        widget=forms.NumberInput(attrs={"aria-describedby": "id_days-help"}),
        min_value=1,
        max_value=settings.API_TOKEN_MAX_DAYS,
        initial=settings.API_TOKEN_TTL_DAYS,
        help_text=f"Until it expires: 1 to {settings.API_TOKEN_MAX_DAYS} days.",
    )


@never_cache  # the answer that issues a token holds its secret: no cache may keep it
@login_required
@require_http_methods(["GET", "POST"])
def account_tokens(request: HttpRequest) -> HttpResponse:
    """GET: the user's tokens and a form to issue one. POST: issue it and show its secret,
    once; a refused form keeps what was typed, with the reason beside the field."""
    issued = None
    form = TokenIssueForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            issued = token_issue(
                user=request.user,
                name=form.cleaned_data["name"],
                days=form.cleaned_data["days"],
            )
        except ValidationError as error:
            for field, problems in error.message_dict.items():
                form.add_error(field if field in form.fields else None, problems)
        else:
            form = TokenIssueForm()
    context = {
        "form": form,
        "issued": issued,
        "tokens": tokens_of(user=request.user),
        "now": timezone.now(),
    }
    return render(request, "account/tokens.html", context)


@login_required
@require_POST
def account_token_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    """Revoke one of the user's own tokens (another user's is not found, and nothing changes)."""
    if token_revoke(user=request.user, token_id=pk):
        messages.success(request, "The token is revoked: requests with it are refused from now on.")
    else:
        messages.error(request, "You have no such token: nothing was revoked.")
    return redirect("claims:account_tokens")
