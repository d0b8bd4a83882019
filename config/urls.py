from django.contrib import admin
from django.urls import path
from django.views.generic import RedirectView

urlpatterns = [
    path("admin/", admin.site.urls),
    # The analyst pages (issue 4) will own "/"; until then the admin is the front door.
    path("", RedirectView.as_view(pattern_name="admin:index", permanent=False)),
]
