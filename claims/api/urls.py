from django.urls import path

from .candidates import CandidateViewSet
from .conflicts import ConflictListView
from .export_views import ChangeFeedView, SourceAnnotationsView, VerifiedAtomView
from .token_views import ApiTokenViewSet
from .views import ClaimViewSet, EntityViewSet

claim_list = ClaimViewSet.as_view({"get": "list", "post": "create"})
claim_detail = ClaimViewSet.as_view({"get": "retrieve", "patch": "partial_update"})

urlpatterns = [
    path("claims/", claim_list, name="claim-list"),
    path("claims/verified.atom", VerifiedAtomView.as_view(), name="claim-verified-atom"),
    path("claims/<int:pk>/", claim_detail, name="claim-detail"),
    path(
        "claims/<int:pk>/transition/",
        ClaimViewSet.as_view({"post": "transition"}),
        name="claim-transition",
    ),
    path(
        "claims/<int:pk>/evidence/",
        ClaimViewSet.as_view({"post": "evidence"}),
        name="claim-evidence",
    ),
    path(
        "claims/<int:pk>/annotations/",
        ClaimViewSet.as_view({"post": "annotations"}),
        name="claim-annotations",
    ),
    path(
        "claims/<int:pk>/annotations/<int:annotation_id>/resolve/",
        ClaimViewSet.as_view({"post": "resolve"}),
        name="claim-annotation-resolve",
    ),
    path(
        "claims/<int:pk>/claimreview/",
        ClaimViewSet.as_view({"get": "claimreview"}),
        name="claim-claimreview",
    ),
    path("changes/", ChangeFeedView.as_view(), name="changes"),
    path("candidates/", CandidateViewSet.as_view({"get": "list"}), name="candidate-list"),
    path(
        "candidates/<int:pk>/",
        CandidateViewSet.as_view({"get": "retrieve"}),
        name="candidate-detail",
    ),
    path(
        "candidates/<int:pk>/accept/",
        CandidateViewSet.as_view({"post": "accept"}),
        name="candidate-accept",
    ),
    path(
        "candidates/<int:pk>/dismiss/",
        CandidateViewSet.as_view({"post": "dismiss"}),
        name="candidate-dismiss",
    ),
    path("conflicts/", ConflictListView.as_view(), name="conflict-list"),
    path("entities/", EntityViewSet.as_view({"get": "list"}), name="entity-list"),
    path("entities/<int:pk>/", EntityViewSet.as_view({"get": "retrieve"}), name="entity-detail"),
    path("tokens/", ApiTokenViewSet.as_view({"get": "list", "post": "create"}), name="token-list"),
    path("tokens/<int:pk>/", ApiTokenViewSet.as_view({"delete": "destroy"}), name="token-detail"),
    path(
        "sources/<int:pk>/annotations/",
        SourceAnnotationsView.as_view(),
        name="source-annotations",
    ),
]
