"""Sources and publishers are public records: anyone may list and read them."""

import csv
import io

import pytest

from ..factories import PublisherFactory, ReferenceSourceFactory, SourceFactory

pytestmark = pytest.mark.django_db


def test_a_source_in_the_list_has_no_body_but_its_length_and_digest(api):
    source = SourceFactory(url="https://example.org/a", author="Li Hai")
    [row] = api().get("/api/v1/sources/").json()["results"]
    assert row["id"] == source.pk
    assert row["url"] == f"http://testserver/api/v1/sources/{source.pk}/"
    assert row["web_url"] == "https://example.org/a"
    assert row["body_length"] == len(source.body)
    assert row["body_sha256"] == source.body_sha256
    assert "body" not in row
    assert row["publisher"]["name"] == source.publisher.name


def test_a_source_read_alone_has_its_full_text(api):
    source = SourceFactory()
    data = api().get(f"/api/v1/sources/{source.pk}/").json()
    assert data["body"] == source.body


def test_sources_filter_by_publisher_and_kind(api):
    publisher = PublisherFactory(name="Ministry of Defense", kind="government")
    mine = SourceFactory(publisher=publisher, kind="budget_document")
    SourceFactory()
    ReferenceSourceFactory(kind="report")
    ids = [
        s["id"] for s in api().get(f"/api/v1/sources/?publisher={publisher.pk}").json()["results"]
    ]
    assert ids == [mine.pk]
    kinds = api().get("/api/v1/sources/?kind=report").json()["results"]
    assert [s["kind"] for s in kinds] == ["report"]


def test_publishers_list_and_filter(api):
    PublisherFactory(name="Xinhua", kind="state_media", country="China")
    PublisherFactory(name="NHK", kind="news", country="Japan")
    names = [p["name"] for p in api().get("/api/v1/publishers/?country=japan").json()["results"]]
    assert names == ["NHK"]
    ordered = api().get("/api/v1/publishers/?ordering=-name").json()["results"]
    assert [p["name"] for p in ordered] == ["Xinhua", "NHK"]


def test_a_missing_publisher_is_404(api):
    publisher = PublisherFactory()
    url = f"/api/v1/publishers/{publisher.pk}/"
    assert api().get(url).json()["name"] == publisher.name
    publisher.delete()
    response = api().get(url)
    assert response.status_code == 404
    assert response.json() == {
        "detail": "No Publisher matches the given query.",
        "code": "not_found",
        "errors": {},
    }


def test_sources_as_csv(api):
    SourceFactory(title="=cmd")
    SourceFactory(title="Plain")
    response = api().get("/api/v1/sources/?format=csv")
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert [row["title"] for row in rows] == ["'=cmd", "Plain"]
    assert response["Content-Disposition"] == 'attachment; filename="sources.csv"'
