"""A text ingested twice is stored once; a changed text is a revision; times get their zone."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from sources import services
from sources.models import Source

from ..factories import PublisherFactory, ReferenceSourceFactory

pytestmark = pytest.mark.django_db

BODY = "Japan raised its budget. The budget grew to 18.1 billion yen in 2026."


def ingest(editor, publisher, body=BODY, **fields):
    fields.setdefault("title", "Budget grows")
    return services.source_ingest(
        actor=editor, publisher=publisher, body=body, kind="article", **fields
    )


def test_the_same_text_again_is_unchanged_and_writes_nothing(editor):
    publisher = PublisherFactory()
    first = ingest(editor, publisher, url="https://news.example/budget")
    again = ingest(editor, publisher, url="https://news.example/budget")
    by_text = ingest(editor, publisher)  # no URL: the same text, title and publisher
    assert first.outcome == "created"
    assert (again.outcome, again.source) == ("unchanged", first.source)
    assert (by_text.outcome, by_text.source) == ("unchanged", first.source)
    assert Source.objects.count() == 1


def test_a_changed_text_at_a_known_url_revises_it_and_takes_its_url(editor):
    publisher = PublisherFactory()
    first = ingest(editor, publisher, url="https://news.example/budget").source
    revised = ingest(
        editor, publisher, body=BODY.replace("18.1", "18.2"), url="https://news.example/budget"
    )
    assert (revised.outcome, revised.previous) == ("revised", first)
    assert revised.source.revises == first
    first.refresh_from_db()
    assert first.body == BODY  # the old text is never edited
    assert (first.is_current, revised.source.is_current) == (False, True)
    assert revised.source.url == "https://news.example/budget"
    again = ingest(editor, publisher, body=BODY.replace("18.1", "18.2"), url=first.url)
    assert (again.outcome, again.source) == ("unchanged", revised.source)


def test_the_same_title_from_the_same_publisher_is_a_revision_another_publisher_is_not(editor):
    publisher, other = PublisherFactory(), PublisherFactory()
    first = ingest(editor, publisher).source
    assert ingest(editor, publisher, body=BODY + " More.").previous == first
    assert ingest(editor, other, body=BODY + " More.").outcome == "created"


def test_reference_only_records_are_never_matched_by_their_empty_text():
    record = ReferenceSourceFactory(title="MOFA budget overview")
    assert services.source_find(url=record.url, title=record.title) == record
    elsewhere = "https://records.example.org/another-copy"
    assert services.source_find(url=elsewhere, body="", title=record.title) is None


def test_a_time_without_zone_takes_the_publishers_zone_else_the_default():
    header_time = datetime(2026, 2, 2, 18, 39, 19)
    chinamil = PublisherFactory(timezone="Asia/Shanghai")
    at, assumed = services.published_at_in_zone(
        header_time, zone_given=False, publisher=chinamil, default_zone="UTC"
    )
    assert (at, assumed) == (header_time.replace(tzinfo=ZoneInfo("Asia/Shanghai")), "Asia/Shanghai")
    at, assumed = services.published_at_in_zone(
        header_time, zone_given=False, publisher=PublisherFactory(), default_zone="UTC"
    )
    assert (at.utcoffset().total_seconds(), assumed) == (0, "UTC")
    given = datetime(2026, 2, 2, 10, 39, 19, tzinfo=ZoneInfo("UTC"))
    assert services.published_at_in_zone(
        given, zone_given=True, publisher=chinamil, default_zone="UTC"
    ) == (given, "")
