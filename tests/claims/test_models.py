"""The database itself refuses bad claims, whatever code writes them."""

import pytest
from django.db import IntegrityError, ProgrammingError, connection, transaction

from claims.models import Claim
from sources.models import Source

from ..factories import ClaimFactory, QuantityFactory, SourceFactory

pytestmark = pytest.mark.django_db


def test_quote_that_differs_from_the_source_text_is_refused_by_the_database():
    claim = ClaimFactory()
    with pytest.raises(IntegrityError, match="quote does not equal"):
        with transaction.atomic():
            Claim.objects.filter(pk=claim.pk).update(quote="The budget grew to 99 billion yen.")


def test_offsets_that_point_elsewhere_are_refused_by_the_database():
    claim = ClaimFactory()
    with pytest.raises(IntegrityError, match="quote does not equal"):
        with transaction.atomic():
            Claim.objects.filter(pk=claim.pk).update(start=claim.start + 1, end=claim.end + 1)


def test_start_at_or_after_end_is_refused():
    claim = ClaimFactory()
    with pytest.raises(IntegrityError, match="claim_start_before_end"):
        with transaction.atomic():
            Claim.objects.filter(pk=claim.pk).update(start=claim.end, quote="")


def test_unknown_status_is_refused():
    claim = ClaimFactory()
    with pytest.raises(IntegrityError, match="claim_status_valid"):
        with transaction.atomic():
            Claim.objects.filter(pk=claim.pk).update(status="probably_true")


def test_negative_or_zero_scale_is_refused():
    quantity = QuantityFactory()
    with pytest.raises(IntegrityError, match="quantity_scale_positive"):
        with transaction.atomic():
            type(quantity).objects.filter(pk=quantity.pk).update(scale=-1)


def test_period_that_ends_before_it_starts_is_refused():
    with pytest.raises(IntegrityError, match="quantity_period_start_before_end"):
        with transaction.atomic():
            QuantityFactory(period_start="2027-03-31", period_end="2026-04-01")


def test_two_sources_with_the_same_url_are_refused():
    SourceFactory(url="https://example.org/a")
    with pytest.raises(IntegrityError, match="source_url_unique"):
        with transaction.atomic():
            SourceFactory(url="https://example.org/a")


def test_a_source_body_never_changes_after_creation():
    source = SourceFactory()
    with pytest.raises(ProgrammingError, match="Cannot update rows from sources_source"):
        with transaction.atomic():
            Source.objects.filter(pk=source.pk).update(body="A rewritten text.")
    source.refresh_from_db()
    assert source.body.startswith("Japan raised its budget.")


def test_the_database_computes_the_body_digest_whatever_the_writer_sent():
    source = SourceFactory()
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO sources_source (publisher_id, title, url, author, editor, language, kind,"
            " body, body_sha256, created_at) VALUES (%s, 'Raw', '', '', '', 'en', 'article', %s,"
            " 'forged', now()) RETURNING body_sha256",
            [source.publisher_id, source.body],
        )
        (digest,) = cursor.fetchone()
    assert digest == "9488b6320a0d27d2a31812a604e986050171c08ba947fa6680d6076e99a77b8b"
    assert source.body_sha256 == digest
