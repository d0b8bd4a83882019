from django.urls import path

from .views import PublisherViewSet, SourceViewSet

LIST, DETAIL = {"get": "list"}, {"get": "retrieve"}

urlpatterns = [
    path("publishers/", PublisherViewSet.as_view(LIST), name="publisher-list"),
    path("publishers/<int:pk>/", PublisherViewSet.as_view(DETAIL), name="publisher-detail"),
    path("sources/", SourceViewSet.as_view(LIST), name="source-list"),
    path("sources/<int:pk>/", SourceViewSet.as_view(DETAIL), name="source-detail"),
]
