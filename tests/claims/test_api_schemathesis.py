"""A bounded property-based run of the whole API against its own live OpenAPI document.

Schemathesis generates requests from the schema the running app serves (valid ones and
invalid ones), sends them to the app in this process (same test database), and checks every
answer: no server error, a documented status code, content type and headers, a body that
matches the documented schema, invalid input refused. Anonymous, and as an editor with a
token. It fails, never skips: an operation it cannot test is a failure too.
"""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, Phase, given, settings
from schemathesis import GenerationMode
from schemathesis.specs.openapi.checks import positive_data_acceptance

from claims.choices import ClaimStatus

from ..factories import ClaimWithPartsFactory

pytestmark = pytest.mark.django_db

EXAMPLES_PER_OPERATION = 12
# "Schema-valid data must be accepted" cannot hold for rules no schema can state: a quote must
# be the source's text between the offsets, a cursor must be one the API issued. Such requests
# get 400 with the field's message (tested in test_api_errors). Every other check runs.
NOT_EXPRESSIBLE_IN_A_SCHEMA = [positive_data_acceptance]
EXPECTED_OPERATIONS = 27
WITHOUT_INPUTS = {"GET /api/v1/", "GET /api/v1/claims/verified.atom"}
# Operations whose only input is the credentials they require: Schemathesis's negative mode
# generates no case for them (every one fails its own filters: Unsatisfiable). The positive
# run covers them; test_api_tokens tests their refusal (401) by name.
NO_NEGATIVE_CASE = {"GET /api/v1/tokens/"}


@pytest.fixture
def wsgi_app():
    """The project's WSGI application, in this process and this test's transaction.

    Like Django's test client, it must not close the connection at the end of each request
    (that would end the test's transaction).
    """
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield get_wsgi_application()
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


@pytest.fixture
def live_schema(settings, wsgi_app):
    settings.ALLOWED_HOSTS = ["*"]
    # Some data for the generated requests to find (ids are small integers).
    for status in (ClaimStatus.VERIFIED, ClaimStatus.UNREVIEWED, ClaimStatus.REFUTED):
        ClaimWithPartsFactory(status=status)
    schema = schemathesis.openapi.from_wsgi("/api/schema/?format=json", wsgi_app)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) == EXPECTED_OPERATIONS, [op.label for op in operations]
    return operations


def _has_inputs(operation) -> bool:
    return any(
        len(group)
        for group in (
            operation.path_parameters,
            operation.query,
            operation.headers,
            operation.cookies,
            operation.body,
        )
    )


def _run(operation, mode: GenerationMode, headers: dict) -> None:
    if mode == GenerationMode.NEGATIVE and not _has_inputs(operation):
        # Nothing to make invalid; the positive run covers it.
        assert operation.label in WITHOUT_INPUTS, operation.label
        return
    if mode == GenerationMode.NEGATIVE and operation.label in NO_NEGATIVE_CASE:
        return

    @settings(
        max_examples=EXAMPLES_PER_OPERATION,
        deadline=None,
        derandomize=True,
        database=None,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(case=operation.as_strategy(generation_mode=mode))
    def check(case):
        case.call_and_validate(headers=headers, excluded_checks=NOT_EXPRESSIBLE_IN_A_SCHEMA)

    check()


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
def test_every_operation_conforms_to_the_schema_for_anonymous_readers(live_schema, mode):
    for operation in live_schema:
        _run(operation, mode, headers={})


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
def test_every_operation_conforms_to_the_schema_for_an_editor_with_a_token(
    live_schema, api, editor, mode
):
    from claims.api.tokens import token_issue

    headers = {"Authorization": f"Token {token_issue(user=editor).key}"}
    for operation in live_schema:
        _run(operation, mode, headers=headers)
