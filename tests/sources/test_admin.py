"""Publishers and sources in the admin."""

import pytest
from django.urls import reverse

from sources.models import Publisher, Source

from ..factories import PublisherFactory, SourceFactory
from ..html_forms import form_data

pytestmark = pytest.mark.django_db


def test_two_editors_correcting_different_fields_of_a_publisher_keep_both(
    client, editor, other_editor
):
    publisher = PublisherFactory(name="Wire", country="")
    url = reverse("admin:sources_publisher_change", args=[publisher.pk])
    client.force_login(editor)
    first = form_data(client.get(url).content.decode(), "publisher_form")
    client.force_login(other_editor)
    second = form_data(client.get(url).content.decode(), "publisher_form")
    first["country"] = ["Japan"]
    second["homepage"] = ["https://wire.example.org/"]
    client.force_login(editor)
    assert client.post(url, first).status_code == 302
    client.force_login(other_editor)
    assert client.post(url, second).status_code == 302
    publisher.refresh_from_db()
    assert (publisher.country, publisher.homepage) == ("Japan", "https://wire.example.org/")


def test_a_source_text_cannot_be_edited_in_the_admin(client, editor):
    source = SourceFactory()
    url = reverse("admin:sources_source_change", args=[source.pk])
    client.force_login(editor)
    data = form_data(client.get(url).content.decode(), "source_form")
    assert "body" not in data  # shown read-only
    data["title"] = ["A corrected title"]
    data["body"] = ["A rewritten text."]
    assert client.post(url, data).status_code == 302
    source.refresh_from_db()
    assert source.title == "A corrected title"
    assert source.body.startswith("Japan raised its budget.")


def test_an_analyst_cannot_add_a_publisher(client, analyst):
    client.force_login(analyst)
    response = client.post(reverse("admin:sources_publisher_add"), {"name": "X", "kind": "news"})
    assert response.status_code == 403
    assert not Publisher.objects.filter(name="X").exists()
    assert Source.objects.count() == 0


def test_the_sources_list_and_the_claim_page_s_source_search_put_undated_sources_last(
    client, editor
):
    undated = SourceFactory(title="Undated briefing", published_at=None)
    older = SourceFactory(title="Older report", published_at="2025-01-01T00:00:00Z")
    newer = SourceFactory(title="Newer report")
    client.force_login(editor)
    listed = client.get(reverse("admin:sources_source_changelist")).context["cl"].result_list
    assert list(listed) == [newer, older, undated]
    found = client.get(
        reverse("admin:autocomplete"),
        {"app_label": "claims", "model_name": "claim", "field_name": "source", "term": ""},
    ).json()["results"]
    assert [row["text"] for row in found] == [str(newer), str(older), str(undated)]
