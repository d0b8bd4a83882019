"""`manage.py generate_corpus`: a synthetic corpus loaded by COPY in parallel streams, with what
the bypassed triggers would have written (history, hashes, quotes at their offsets), or nothing
at all when the load fails half-way."""

import io

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

pytestmark = pytest.mark.django_db(transaction=True)

TABLES = [
    "sources_publisher", "sources_source", "claims_entity", "claims_claim", "claims_quantity",
    "claims_claimmention", "claims_review", "claims_evidence", "claims_annotation",
    "claims_claimrelation", "claims_claimevent", "claims_reviewevent", "sources_sourceevent",
    "pghistory_context", "auth_user",
]


def _counts() -> dict[str, int]:
    with connection.cursor() as cursor:
        counts = {}
        for table in TABLES:
            cursor.execute(f"SELECT count(*) FROM {table}")  # noqa: S608 (fixed names)
            counts[table] = cursor.fetchone()[0]
        return counts


def _indexes() -> set[str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexname FROM pg_indexes WHERE schemaname = 'public'")
        return {name for (name,) in cursor.fetchall()}


def _one(sql: str):
    with connection.cursor() as cursor:
        cursor.execute(sql)
        return cursor.fetchone()[0]


def test_a_corpus_is_loaded_with_its_parts_history_and_indexes(api, analyst):
    indexes = _indexes()
    out = io.StringIO()
    call_command("generate_corpus", claims=1200, sources=5, stdout=out)
    report = out.getvalue()
    assert "claims_claim" in report and "rows/s" in report
    assert "1,200 claims over 5 sources" in report

    counts = _counts()
    assert counts["claims_claim"] == 1200 and counts["sources_source"] == 5
    for part in ("claims_quantity", "claims_claimmention", "claims_review", "claims_evidence"):
        assert counts[part] > 0, part
    # What the row triggers would have written, written by the load itself.
    assert counts["claims_claimevent"] >= 1200 + counts["claims_review"]
    assert _one("""SELECT count(*) FROM claims_claim c JOIN sources_source s ON s.id = c.source_id
                   WHERE substr(s.body, c.start + 1, c."end" - c.start) <> c.quote""") == 0
    assert _one("""SELECT count(*) FROM sources_source
                   WHERE body_sha256 <> encode(sha256(convert_to(body, 'UTF8')), 'hex')""") == 0
    assert _one("SELECT max(n) FROM (SELECT count(*) n FROM claims_claim GROUP BY source_id) c") \
        >= 200  # the reading view is measured on a source with 200 claims
    assert _indexes() == indexes  # dropped for the load, all rebuilt

    # The app reads it: search ranks a common topic word, the API pages it.
    found = api(analyst).get("/api/v1/claims/?q=budget&page_size=5").json()["results"]
    assert len(found) == 5
    page = api().get("/api/v1/claims/?page_size=100")
    assert page.status_code == 200 and page.json()["results"]


def test_a_load_that_fails_half_way_leaves_the_database_as_it_was():
    call_command("load_seed", stdout=io.StringIO())
    before, indexes = _counts(), _indexes()
    with connection.cursor() as cursor:
        # Reviews are written after sources, claims and their events: the load fails there.
        cursor.execute("ALTER TABLE claims_review ADD CONSTRAINT no_more_reviews "
                       "CHECK (id < 0) NOT VALID")
    try:
        with pytest.raises(CommandError) as failure:
            call_command("generate_corpus", claims=1200, sources=5, stdout=io.StringIO(),
                         stderr=io.StringIO())
    finally:
        with connection.cursor() as cursor:
            cursor.execute("ALTER TABLE claims_review DROP CONSTRAINT no_more_reviews")
    message = str(failure.value)
    assert message.startswith("generate_corpus: ") and "no_more_reviews" in message
    assert "\n" not in message
    assert _counts() == before
    assert _indexes() == indexes


def test_bad_sizes_are_refused_in_one_line():
    with pytest.raises(CommandError, match="at least one claim per source"):
        call_command("generate_corpus", claims=3, sources=10)
