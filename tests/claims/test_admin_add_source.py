"""The admin's "Add a source": paste, upload or fetch one article; the intake of
`manage.py ingest` runs as the editor; failures are form errors that keep the input."""

import threading
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pghistory.models
import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from claims.admin.intake import ONE_INPUT
from claims.intake import intake_account
from sources.models import Source

pytestmark = pytest.mark.django_db

ADD = reverse("admin:claims_candidate_add_source")
QUEUE = reverse("admin:claims_candidate_changelist")
PAGES = settings.BASE_DIR / "tests" / "sources" / "data"

WIRE_TEXT = """Japan approves record defence budget

Source
Harbour Wire
Time
2026-03-01 09:00:00

By A. Reporter

Japan's cabinet approved a defence budget of 9.9 trillion yen for fiscal year 2026, the defence
ministry said.

The figure is up from 8.7 trillion yen a year earlier.
"""


def messages_of(response) -> list[str]:
    return [str(m) for m in response.context["messages"]]


def errors_of(response) -> dict:
    return response.context["form"].errors


@pytest.fixture
def as_editor(client, editor):
    client.force_login(editor)
    return client


class Pages(BaseHTTPRequestHandler):
    def do_GET(self):
        if self.path != "/wire.txt":
            self.send_error(404)
            return
        body = WIRE_TEXT.encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/plain; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def site():
    server = ThreadingHTTPServer(("127.0.0.1", 0), Pages)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


# ---------------------------------------------------------------------------- who may


@pytest.mark.parametrize(
    "role, expected",
    [("anonymous", 302), ("outsider", 302), ("analyst", 403), ("editor", 200), ("reviewer", 200)],
)
def test_add_a_source_is_for_editors_and_up(client, request, role, expected):
    if role != "anonymous":
        client.force_login(request.getfixturevalue(role))
    assert client.get(ADD).status_code == expected
    response = client.post(ADD, {"text": WIRE_TEXT})
    assert response.status_code == (302 if expected == 200 else expected)
    assert Source.objects.exists() == (expected == 200)
    if expected == 302 and role in ("anonymous", "outsider"):
        assert "/admin/login/" in response["Location"]


# ---------------------------------------------------------------------------- success


def test_a_pasted_article_is_stored_and_the_editor_lands_on_its_candidates(as_editor, editor):
    response = as_editor.post(ADD, {"text": WIRE_TEXT}, follow=True)
    source = Source.objects.get()
    assert response.redirect_chain[-1][0] == f"{QUEUE}?source={source.pk}"
    assert (source.title, source.publisher.name, source.author) == (
        "Japan approves record defence budget",
        "Harbour Wire",
        "A. Reporter",
    )
    assert source.body.startswith("Japan's cabinet approved")
    [created] = messages_of(response)
    assert f'Created <a href="/sources/{source.pk}/">source {source.pk}' in created
    proposed = list(response.context["cl"].result_list)  # the extraction's candidates
    assert proposed and {c.source_id for c in proposed} == {source.pk}
    assert f"{len(proposed)} candidate{'s' if len(proposed) > 1 else ''} proposed" in created
    # The same intake as the command, by the intake account, for the editor who asked.
    event = pghistory.models.Events.objects.get(pgh_model="sources.SourceEvent")
    assert event.pgh_context["user"] == intake_account().pk
    assert event.pgh_context["requested_by"] == editor.pk
    assert event.pgh_context["command"] == "ingest"


def test_pasting_again_writes_nothing_and_a_changed_text_is_a_revision(as_editor):
    as_editor.post(ADD, {"text": WIRE_TEXT}, follow=True)
    first = Source.objects.get()
    again = as_editor.post(ADD, {"text": WIRE_TEXT.replace("\n", "\r\n")}, follow=True)
    assert Source.objects.count() == 1  # a browser's CRLF is the same text
    assert "Unchanged" in messages_of(again)[0] and "nothing was written" in messages_of(again)[0]
    assert again.redirect_chain[-1][0] == f"{QUEUE}?source={first.pk}"
    revised = as_editor.post(ADD, {"text": WIRE_TEXT.replace("9.9", "9.8")}, follow=True)
    second = Source.objects.latest("id")
    assert second.revises == first
    assert (
        "Revised" in messages_of(revised)[0]
        and f"revises source {first.pk}" in messages_of(revised)[0]
    )


@pytest.mark.parametrize(
    "name, data",
    [
        ("wire.txt", WIRE_TEXT.encode()),
        ("page.html", (PAGES / "harbour-wire-jsonld.html").read_bytes()),
    ],
)
def test_an_uploaded_text_or_saved_page_is_stored(as_editor, name, data):
    response = as_editor.post(ADD, {"file": SimpleUploadedFile(name, data)})
    assert response.status_code == 302, errors_of(response)
    assert Source.objects.count() == 1


def test_an_address_is_fetched_by_the_intake(as_editor, site, settings):
    settings.INGEST_ALLOW_PRIVATE_HOSTS = True
    response = as_editor.post(ADD, {"url": f"{site}/wire.txt"})
    assert response.status_code == 302
    assert Source.objects.get().url == f"{site}/wire.txt"


def test_a_time_zone_places_a_publication_time_that_gives_none(as_editor):
    as_editor.post(ADD, {"text": WIRE_TEXT, "timezone": "Asia/Tokyo"})
    source = Source.objects.get()
    assert source.published_at == datetime(2026, 3, 1, 0, 0, tzinfo=UTC)  # 09:00 in Tokyo
    assert source.published_at_zone_assumed == "Asia/Tokyo"


# ---------------------------------------------------------------------------- refusals


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"text": "   \n  "},
        {"text": WIRE_TEXT, "url": "https://example.org/a"},
        {"text": WIRE_TEXT, "file": SimpleUploadedFile("a.txt", b"A title\n\nA body.")},
    ],
)
def test_exactly_one_input_is_asked_for(as_editor, data):
    response = as_editor.post(ADD, data)
    assert response.status_code == 200
    assert errors_of(response)["__all__"] == [ONE_INPUT]
    assert not Source.objects.exists()


def test_an_unknown_time_zone_is_a_field_error_and_the_text_stays(as_editor):
    response = as_editor.post(ADD, {"text": WIRE_TEXT, "timezone": "Mars/Base"})
    assert list(errors_of(response)) == ["timezone"]
    assert "Japan&#x27;s cabinet approved" in response.content.decode()
    assert not Source.objects.exists()


def test_an_unreadable_paste_shows_the_intake_s_line_and_keeps_the_text(as_editor):
    pasted = "A title\n\nA body with a control character \x01 in it."
    response = as_editor.post(ADD, {"text": pasted})
    assert response.status_code == 200
    [error] = errors_of(response)["text"]
    assert error.startswith("Nothing was stored: binary input: control character U+0001")
    assert "A body with a control character" in response.content.decode()
    assert not Source.objects.exists()


def test_a_binary_upload_is_refused_with_the_intake_s_line(as_editor):
    response = as_editor.post(ADD, {"file": SimpleUploadedFile("scan.pdf", b"%PDF-1.7 ...")})
    [error] = errors_of(response)["file"]
    assert "binary input: a PDF document" in error and "Choose the file again" in error
    assert not Source.objects.exists()


def test_an_address_that_fails_is_a_form_error(as_editor, site, settings):
    settings.INGEST_ALLOW_PRIVATE_HOSTS = True
    response = as_editor.post(ADD, {"url": f"{site}/gone"})
    [error] = errors_of(response)["url"]
    assert "404" in error
    assert f'value="{site}/gone"' in response.content.decode()


def test_a_private_address_is_never_fetched_by_default(as_editor, site):
    response = as_editor.post(ADD, {"url": f"{site}/wire.txt"})
    assert response.status_code == 200 and "url" in errors_of(response)
    assert not Source.objects.exists()


def test_a_file_over_the_limit_is_refused_before_reading(as_editor, monkeypatch):
    monkeypatch.setattr("claims.admin.intake.MAX_UPLOAD_BYTES", 10)
    response = as_editor.post(ADD, {"file": SimpleUploadedFile("big.txt", b"A title\n\n" * 5)})
    assert "the limit is 10" in errors_of(response)["file"][0]
