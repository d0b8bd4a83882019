"""Who may do what through the API: every role (anonymous, a token without a role, analyst,
editor, reviewer) against every endpoint and method, refusals included. A refused write
writes nothing."""

from dataclasses import dataclass

import pytest
from django.contrib.auth.models import Group

from claims.choices import AnnotationKind, ClaimStatus
from claims.models import Annotation, Claim, Evidence, Review
from claims.roles import EDITOR

from ..factories import (
    ClaimBodyFactory,
    ClaimWithPartsFactory,
    ReferenceSourceFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "outsider", "analyst", "editor", "reviewer"]


@dataclass
class World:
    published: Claim
    draft: Claim
    in_review: Claim
    flag: Annotation
    evidence_source_id: int


@pytest.fixture
def world(roles):
    author = UserFactory(username="author")
    author.groups.add(Group.objects.get(name=EDITOR))
    published = ClaimWithPartsFactory(status=ClaimStatus.VERIFIED, created_by=author)
    draft = ClaimWithPartsFactory(status=ClaimStatus.UNREVIEWED, created_by=author)
    in_review = ClaimWithPartsFactory(status=ClaimStatus.IN_REVIEW, created_by=author)
    flag = Annotation.objects.get(claim=draft, kind=AnnotationKind.FLAG)
    return World(published, draft, in_review, flag, ReferenceSourceFactory().pk)


@pytest.fixture
def client_as(api, outsider, analyst, editor, reviewer):
    users = {"outsider": outsider, "analyst": analyst, "editor": editor, "reviewer": reviewer}
    return lambda role: api(users.get(role))


def _etag(claim) -> str:
    claim.refresh_from_db()
    return f'"{claim.pk}-{claim.version}"'


def _written() -> tuple:
    return (
        Claim.objects.count(),
        Evidence.objects.count(),
        Annotation.objects.count(),
        Review.objects.count(),
        Annotation.objects.filter(resolved_at__isnull=False).count(),
        tuple(Claim.objects.order_by("pk").values_list("version", flat=True)),
    )


READS = {
    # name: (url(world), {role: status})
    "claim list": (lambda w: "/api/v1/claims/", dict.fromkeys(ROLES, 200)),
    "published claim": (lambda w: f"/api/v1/claims/{w.published.pk}/", dict.fromkeys(ROLES, 200)),
    "unpublished claim": (
        lambda w: f"/api/v1/claims/{w.draft.pk}/",
        {"anonymous": 404, "outsider": 404, "analyst": 200, "editor": 200, "reviewer": 200},
    ),
    "ClaimReview of a published claim": (
        lambda w: f"/api/v1/claims/{w.published.pk}/claimreview/",
        dict.fromkeys(ROLES, 200),
    ),
    "ClaimReview of an undecided claim": (
        lambda w: f"/api/v1/claims/{w.draft.pk}/claimreview/",
        dict.fromkeys(ROLES, 404),
    ),
    "claims CSV": (lambda w: "/api/v1/claims/?format=csv", dict.fromkeys(ROLES, 200)),
    "verified Atom feed": (lambda w: "/api/v1/claims/verified.atom", dict.fromkeys(ROLES, 200)),
    "change feed": (lambda w: "/api/v1/changes/", dict.fromkeys(ROLES, 200)),
    "source list": (lambda w: "/api/v1/sources/", dict.fromkeys(ROLES, 200)),
    "source": (lambda w: f"/api/v1/sources/{w.draft.source_id}/", dict.fromkeys(ROLES, 200)),
    "source annotations": (
        lambda w: f"/api/v1/sources/{w.draft.source_id}/annotations/",
        dict.fromkeys(ROLES, 200),
    ),
    "entity list": (lambda w: "/api/v1/entities/", dict.fromkeys(ROLES, 200)),
    "entity": (lambda w: f"/api/v1/entities/{w.draft.subject_id}/", dict.fromkeys(ROLES, 200)),
    "publisher list": (lambda w: "/api/v1/publishers/", dict.fromkeys(ROLES, 200)),
    "API root": (lambda w: "/api/v1/", dict.fromkeys(ROLES, 200)),
    "OpenAPI schema": (lambda w: "/api/schema/?format=json", dict.fromkeys(ROLES, 200)),
    "API docs": (lambda w: "/api/docs/", dict.fromkeys(ROLES, 200)),
}

WRITER = {"anonymous": 401, "outsider": 403, "analyst": 403, "editor": None, "reviewer": None}


def _new_claim_body(w):
    return ClaimBodyFactory(
        quoting=w.draft.source,
        quote="Japan raised its budget.",
        statement="Japan raised its defence budget.",
        kind="event",
        predicate="raised",
    )


WRITES = {
    # name: (method, url(world), body(world), if_match(world) or None, {role: status})
    "create a claim": (
        "post",
        lambda w: "/api/v1/claims/",
        _new_claim_body,
        None,
        {**WRITER, "editor": 201, "reviewer": 201},
    ),
    "correct a claim": (
        "patch",
        lambda w: f"/api/v1/claims/{w.draft.pk}/",
        lambda w: {"statement": "Japan's budget grew to 18.1 billion yen in FY2026."},
        lambda w: _etag(w.draft),
        {**WRITER, "editor": 200, "reviewer": 200},
    ),
    "attach evidence": (
        "post",
        lambda w: f"/api/v1/claims/{w.draft.pk}/evidence/",
        lambda w: {"source": w.evidence_source_id, "stance": "supports"},
        None,
        {**WRITER, "editor": 201, "reviewer": 201},
    ),
    "flag a claim": (
        "post",
        lambda w: f"/api/v1/claims/{w.draft.pk}/annotations/",
        lambda w: {"kind": "flag", "flag_reason": "outdated", "body": "FY2027 figures exist."},
        None,
        {**WRITER, "editor": 201, "reviewer": 201},
    ),
    "resolve a flag": (
        "post",
        lambda w: f"/api/v1/claims/{w.draft.pk}/annotations/{w.flag.pk}/resolve/",
        lambda w: {"note": "Base year checked against the budget."},
        None,
        {**WRITER, "editor": 200, "reviewer": 200},
    ),
    "send to review": (
        "post",
        lambda w: f"/api/v1/claims/{w.draft.pk}/transition/",
        lambda w: {"to": "in_review"},
        lambda w: _etag(w.draft),
        {**WRITER, "editor": 200, "reviewer": 200},
    ),
    "verify": (
        "post",
        lambda w: f"/api/v1/claims/{w.in_review.pk}/transition/",
        lambda w: {"to": "verified", "rationale": "Matches the budget document."},
        lambda w: _etag(w.in_review),
        {**WRITER, "editor": 403, "reviewer": 200},
    ),
    "reopen a published claim": (
        "post",
        lambda w: f"/api/v1/claims/{w.published.pk}/transition/",
        lambda w: {"to": "in_review", "rationale": "New budget figures."},
        lambda w: _etag(w.published),
        {**WRITER, "editor": 403, "reviewer": 200},
    ),
    "replace a claim (PUT is not offered)": (
        "put",
        lambda w: f"/api/v1/claims/{w.draft.pk}/",
        lambda w: {"statement": "x"},
        None,
        dict.fromkeys(ROLES, 405),
    ),
    "delete a claim (not offered)": (
        "delete",
        lambda w: f"/api/v1/claims/{w.draft.pk}/",
        lambda w: None,
        None,
        dict.fromkeys(ROLES, 405),
    ),
    "write a source (read-only)": (
        "post",
        lambda w: "/api/v1/sources/",
        lambda w: {"title": "x"},
        None,
        dict.fromkeys(ROLES, 405),
    ),
}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", list(READS))
def test_reads(world, client_as, role, name):
    url, expected = READS[name]
    response = client_as(role).get(url(world))
    assert response.status_code == expected[role], response.content[:300]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", list(WRITES))
def test_writes(world, client_as, role, name):
    method, url, body, if_match, expected = WRITES[name]
    headers = {"HTTP_IF_MATCH": if_match(world)} if if_match else {}
    before = _written()
    response = getattr(client_as(role), method)(url(world), body(world), format="json", **headers)
    assert response.status_code == expected[role], response.content[:300]
    if response.status_code >= 400:
        assert set(response.json()) >= {"detail", "code", "errors"}
        assert _written() == before, "a refused write must write nothing"
    else:
        assert _written() != before
    if response.status_code == 401:
        assert response["WWW-Authenticate"] == "Token"


@pytest.mark.parametrize("role", ROLES)
def test_anonymous_readers_and_role_less_tokens_see_only_published_claims(world, client_as, role):
    ids = {claim["id"] for claim in client_as(role).get("/api/v1/claims/").json()["results"]}
    if role in ("anonymous", "outsider"):
        assert ids == {world.published.pk}
    else:
        assert ids == {world.published.pk, world.draft.pk, world.in_review.pk}


@pytest.mark.parametrize("role", ROLES)
def test_annotations_and_open_flags_are_shown_to_analysts_and_up_only(world, client_as, role):
    claim = client_as(role).get(f"/api/v1/claims/{world.published.pk}/").json()
    if role in ("anonymous", "outsider"):
        assert "annotations" not in claim and "open_flags" not in claim
    else:
        assert [a["body"] for a in claim["annotations"]] == ["Check the base year."]
        assert [f["flag_reason"] for f in claim["open_flags"]] == ["numeric_inconsistency"]


def test_an_invalid_token_is_refused_with_401(world, api):
    client = api()
    client.credentials(HTTP_AUTHORIZATION="Token not-a-real-token")
    response = client.get("/api/v1/claims/")
    assert response.status_code == 401
    assert response.json()["code"] == "authentication_failed"


def test_a_session_write_needs_the_csrf_token(world, editor):
    from rest_framework.test import APIClient

    client = APIClient(enforce_csrf_checks=True)
    client.force_login(editor)
    url = f"/api/v1/claims/{world.draft.pk}/annotations/"
    body = {"kind": "note", "body": "Looks right."}
    refused = client.post(url, body, format="json")
    assert refused.status_code == 403
    assert "CSRF" in refused.json()["detail"]
    token = "k" * 32  # the browser's CSRF cookie, echoed in the header as a page's script does
    client.cookies["csrftoken"] = token
    accepted = client.post(url, body, format="json", HTTP_X_CSRFTOKEN=token)
    assert accepted.status_code == 201


def test_an_inactive_users_token_stops_working(world, api, editor):
    client = api(editor)
    assert client.get("/api/v1/claims/").status_code == 200
    editor.is_active = False
    editor.save()
    assert client.get("/api/v1/claims/").status_code == 401
