"""`manage.py ingest`: texts, saved pages and URLs in; each input alone; failures in one line."""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from io import StringIO

import pghistory.models
import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from sources.models import Source

pytestmark = pytest.mark.django_db

SEED_TEXT = settings.BASE_DIR / "data" / "chinamil-2026-02-02-japan-alliances.txt"
PAGES = settings.BASE_DIR / "tests" / "sources" / "data"

WIRE_TEXT = """Japan approves record defence budget

Source
Harbour Wire
Time
2026-03-01 09:00:00

By A. Reporter

{lead}

The figure is up from 8.7 trillion yen a year earlier.
""".format(
    lead="Japan's cabinet approved a defence budget of 9.9 trillion yen for fiscal year 2026, "
    "the defence ministry said."
)


def run(*inputs, **options) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("ingest", *map(str, inputs), stdout=out, stderr=err, **options)
    return out.getvalue(), err.getvalue()


def events() -> int:
    return pghistory.models.Events.objects.count()


class Pages(BaseHTTPRequestHandler):
    def do_GET(self):
        if self.path == "/wire.txt":
            body, kind = WIRE_TEXT.encode(), "text/plain; charset=utf-8"
        elif self.path == "/page.html":
            body, kind = (PAGES / "harbour-wire-jsonld.html").read_bytes(), "text/html"
        else:
            self.send_error(404)
            return
        self.send_response(200)
        self.send_header("Content-Type", kind)
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


def test_a_text_in_the_seed_layout_is_stored_with_its_header_as_metadata(roles):
    out, _ = run(SEED_TEXT)
    source = Source.objects.get()
    assert out.splitlines()[0].startswith(f"created    {SEED_TEXT}: source {source.pk}")
    assert (source.title, source.author, source.editor) == (
        "Japan stirs regional security by leveraging its alliances",
        "Li Hai",
        "Li Jiayao",
    )
    assert source.publisher.name == "China Military Online"
    assert source.body.startswith("Japan has placed growing emphasis")
    assert not source.body.rstrip().endswith("back")
    assert source.published_at_zone_assumed == "UTC"  # an unknown publisher: the default zone


def test_a_rerun_writes_nothing_and_says_so(roles, tmp_path):
    wire = tmp_path / "wire.txt"
    wire.write_text(WIRE_TEXT)
    run(wire, SEED_TEXT)
    before = events()
    out, _ = run(wire, SEED_TEXT)
    assert events() == before
    assert [line.split()[0] for line in out.splitlines()[:2]] == ["unchanged", "unchanged"]
    assert "nothing written" in out
    assert out.splitlines()[-1].startswith("ingest: 0 created, 2 unchanged, 0 revised, 0 failed")


def test_a_changed_text_is_a_revision_of_the_first(roles, tmp_path):
    first, second = tmp_path / "a.txt", tmp_path / "b.txt"
    first.write_text(WIRE_TEXT)
    second.write_text(WIRE_TEXT.replace("9.9 trillion", "9.8 trillion"))
    run(first)
    out, _ = run(second)
    old, new = Source.objects.order_by("id")
    assert new.revises == old and not old.is_current
    assert f"revised    {second}: source {new.pk} (revises source {old.pk}" in out


def test_broken_inputs_are_reported_in_one_line_each_and_the_rest_are_ingested(roles, tmp_path):
    empty, junk, latin = tmp_path / "empty.txt", tmp_path / "junk.bin", tmp_path / "latin1.txt"
    empty.write_bytes(b"")
    junk.write_bytes(bytes(range(256)) * 4)
    latin.write_bytes(WIRE_TEXT.replace("Japan's", "Japan\u2019s").encode("cp1252") + b"\xe9\xff")
    truncated = PAGES / "northern-gazette-truncated.html"
    missing = tmp_path / "missing.txt"
    with pytest.raises(CommandError, match=r"ingest: 5 of 6 inputs failed\."):
        out = StringIO()
        call_command(
            "ingest", *map(str, [empty, junk, SEED_TEXT, latin, truncated, missing]), stdout=out
        )
    lines = out.getvalue().splitlines()
    failed = [line for line in lines if line.startswith("failed")]
    assert len(failed) == 5
    assert all("Traceback" not in line and line.count("\n") == 0 for line in failed)
    assert any(str(missing) in line and "cannot read" in line for line in failed)
    assert Source.objects.count() == 1  # the seed, ingested between the broken ones
    assert lines[-1].startswith("ingest: 1 created, 0 unchanged, 0 revised, 5 failed")


def test_urls_are_fetched_from_a_server_but_never_from_a_private_address_by_default(roles, site):
    with pytest.raises(CommandError, match="1 of 1 inputs failed"):
        out = StringIO()
        call_command("ingest", f"{site}/wire.txt", stdout=out)
    assert "failed" in out.getvalue() and not Source.objects.exists()


def test_urls_are_fetched_when_private_hosts_are_allowed(roles, site, settings):
    settings.INGEST_ALLOW_PRIVATE_HOSTS = True
    out, _ = run(f"{site}/wire.txt", f"{site}/page.html")
    assert [line.split()[0] for line in out.splitlines()[:2]] == ["created", "created"]
    wire = Source.objects.get(title="Japan approves record defence budget")
    assert wire.url == f"{site}/wire.txt" and wire.retrieved_at is not None
    with pytest.raises(CommandError, match="1 of 1 inputs failed"):
        out = StringIO()
        call_command("ingest", f"{site}/gone", stdout=out)
    assert "404" in out.getvalue()


def test_an_unknown_time_zone_is_refused_in_one_line(roles):
    with pytest.raises(CommandError, match="'Mars/Base' is not an IANA time zone name"):
        run(SEED_TEXT, timezone="Mars/Base")
    assert not Source.objects.exists()
