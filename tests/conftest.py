"""Shared fixtures: one user per role (reviewer, editor, analyst) plus an outsider with none,
the scenarios several test files share, and the one way query counts are pinned."""

import pytest
from django.contrib.auth.models import Group
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext

from claims.roles import ANALYST, EDITOR, REVIEWER, ensure_roles

from .factories import BudgetClaimFactory, BudgetReportFactory, UserFactory

PASSWORD = "correct horse battery staple"


def pytest_configure(config):
    config.addinivalue_line(
        "markers",
        "browser: drives Chromium through Playwright (set on every test under tests/browser); "
        "the fast loop is `pytest -m 'not browser'`",
    )


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def roles(db):
    """The role groups; re-made because transactional tests flush every table."""
    ensure_roles()


def _user(username: str, role: str | None, **extra):
    user = UserFactory(username=username, is_staff=role is not None, **extra)
    if role:
        user.groups.add(Group.objects.get(name=role))
    return type(user).objects.get(pk=user.pk)  # fresh permission cache


@pytest.fixture
def analyst(roles):
    return _user("analyst1", ANALYST)


@pytest.fixture
def editor(roles):
    return _user("editor1", EDITOR)


@pytest.fixture
def other_editor(roles):
    return _user("editor2", EDITOR)


@pytest.fixture
def reviewer(roles):
    return _user("reviewer1", REVIEWER)


@pytest.fixture
def other_reviewer(roles):
    return _user("reviewer2", REVIEWER)


@pytest.fixture
def outsider(roles):
    """Logged in, but holds no role: reads what anonymous readers read."""
    return _user("outsider1", None)


@pytest.fixture
def assert_same_queries():
    """The one way a query count is pinned: run `action`, grow the data with `grow`, run `action`
    again, and insist both runs cost the same number of queries (and, given `expected`, exactly
    that many). Returns the count.

    Usage: assert_same_queries(lambda: client.get(url), grow=lambda: ClaimFactory.create_batch(45))
    """

    def sql(queries) -> str:
        return "\n".join(q["sql"][:200] for q in queries.captured_queries)

    def check(action, *, grow, expected: int | None = None) -> int:
        # Throttle counters live in a database table that outlives transactional tests; an
        # expired one left by an earlier test costs a DELETE on its first read and would make the
        # two runs differ for a reason that has nothing to do with the data.
        caches["throttle"].clear()
        with CaptureQueriesContext(connection) as small:
            action()
        grow()
        with CaptureQueriesContext(connection) as large:
            action()
        assert len(large) == len(small), (
            f"{len(small)} queries before, {len(large)} after the data grew:\n{sql(large)}"
        )
        if expected is not None:
            assert len(small) == expected, f"{len(small)} queries, not {expected}:\n{sql(small)}"
        return len(small)

    return check


@pytest.fixture
def budget_report(db):
    """`budget_report(n)` makes an OSA budget report whose first n sentences are each quoted by a
    claim with all its parts (BudgetClaimFactory: statuses in turn, three of five published) and
    returns (source, claims). `sentences=` writes more sentences than are claimed; other keywords
    set the report's own fields (`title=`)."""

    def make(claims: int, *, sentences: int | None = None, **report_fields):
        report = BudgetReportFactory(sentences=sentences or claims, **report_fields)
        return report, [BudgetClaimFactory(source=report, sentence=n) for n in range(claims)]

    return make


# ---------------------------------------------------------------------------- REST API (issue 3)

API_TEST_RATES = {"anon": "100000/minute", "user": "100000/minute"}


@pytest.fixture(autouse=True)
def _api_rates_raised_for_tests(settings):
    """The API's throttling rates, raised so tests are not throttled; counters start at zero."""
    from django.core.cache import cache

    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": API_TEST_RATES}
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def api():
    """An API client factory: `api()` anonymous, `api(user)` with that user's token."""
    from rest_framework.test import APIClient

    from claims.api.tokens import token_issue

    def client(user=None):
        api_client = APIClient()
        if user is not None:
            api_client.credentials(HTTP_AUTHORIZATION=f"Token {token_issue(user=user).key}")
        return api_client

    return client
