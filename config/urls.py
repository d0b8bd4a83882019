from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    # The analyst pages: dashboard, claims, sources, entities, login and logout.
    path("", include("claims.urls")),
]
