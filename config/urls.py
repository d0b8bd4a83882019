from django.contrib import admin
from django.urls import include, path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

import claims.api.urls
import sources.api.urls
from config.api.views import ApiNotFoundView, ApiRootView
from config.health import healthz

# REST API v1: one namespace, "api", for the resources of both apps.
api_v1 = [
    path("", ApiRootView.as_view(), name="root"),
    *sources.api.urls.urlpatterns,
    *claims.api.urls.urlpatterns,
]

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("admin/", admin.site.urls),
    path("api/v1/", include((api_v1, "api"))),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("api/docs/", SpectacularSwaggerView.as_view(url_name="api-schema"), name="api-docs"),
    re_path(r"^api/", ApiNotFoundView.as_view()),
    # The analyst pages: dashboard, claims, sources, entities, login and logout.
    path("", include("claims.urls")),
]
