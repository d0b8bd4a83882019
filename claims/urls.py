"""The analyst pages (the source reading view included: it shows claims), the login, and the
account's API tokens."""

from django.contrib.auth import views as auth_views
from django.urls import path

from . import views

app_name = "claims"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("claims/", views.claim_list, name="claim_list"),
    path("claims/export.csv", views.claim_export, name="claim_export"),
    path("claims/<int:pk>/", views.claim_detail, name="claim_detail"),
    path("entities/<int:pk>/", views.entity_detail, name="entity_detail"),
    path("sources/", views.source_list, name="source_list"),
    path("sources/<int:pk>/", views.source_detail, name="source_detail"),
    path("sources/<int:pk>/cards/", views.source_claim_cards, name="source_claim_cards"),
    path(
        "accounts/login/",
        auth_views.LoginView.as_view(redirect_authenticated_user=True),
        name="login",
    ),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("accounts/tokens/", views.account_tokens, name="account_tokens"),
    path(
        "accounts/tokens/<int:pk>/revoke/",
        views.account_token_revoke,
        name="account_token_revoke",
    ),
]
