"""fetch() against a real HTTP server on 127.0.0.1; no test reaches beyond this machine.

Tests that must fetch from the server with private hosts refused use `server_counts_as_public`:
it lets 127.0.0.1 alone pass the address check, standing in for a public host, so what follows
(a redirect to an internal address) is refused by the real rule. The `_only_loopback_sockets`
guard fails any test whose code tries to connect anywhere but loopback.
"""

import contextlib
import gzip
import ipaddress
import socket
import threading
import time
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from django.core.exceptions import ImproperlyConfigured

from sources import fetch as fetch_module
from sources.fetch import FetchError, address_refusal, fetch
from sources.parsers import UnreadableInput, parse

ARTICLE = (Path(__file__).resolve().parent / "data" / "harbour-wire-jsonld.html").read_bytes()
SEED = Path(__file__).resolve().parents[2] / "data" / "chinamil-2026-02-02-japan-alliances.txt"
HTML = "text/html; charset=utf-8"


class Handler(BaseHTTPRequestHandler):
    """One route per case; every request is recorded as (path, Host header)."""

    requests: list[tuple[str, str]]

    def log_message(self, format, *args):  # the test output is not the place
        pass

    def do_GET(self):
        self.requests.append((self.path, self.headers.get("Host", "")))
        path, query = urlsplit(self.path).path, parse_qs(urlsplit(self.path).query)
        # The client may give up first, as the timeout and size tests expect.
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            self.route(path, query)

    def route(self, path, query):
        if path == "/article.html":
            self.answer(200, ARTICLE, HTML)
        elif path == "/seed.txt":
            self.answer(200, SEED.read_bytes(), "text/plain; charset=utf-8")
        elif path.startswith("/redirect/"):
            left = int(path.rsplit("/", 1)[1])
            self.redirect(f"/redirect/{left - 1}" if left else "/article.html")
        elif path == "/relative/redirect":
            self.redirect("../article.html")
        elif path == "/redirect-to":
            self.redirect(query["url"][0])
        elif path == "/no-location":
            self.answer(302, b"", HTML)
        elif path == "/slow":
            time.sleep(1.0)
            self.answer(200, ARTICLE, HTML)
        elif path == "/drip":
            self.drip()
        elif path == "/big":
            self.answer(200, b"<p>" + b"x" * 50_000 + b"</p>", HTML)
        elif path == "/big-unsized":
            self.send_response(200)
            self.send_header("Content-Type", HTML)
            self.end_headers()
            for _ in range(20):
                self.wfile.write(b"x" * 10_000)
        elif path == "/binary":
            self.answer(200, bytes(range(256)) * 64, HTML)
        elif path == "/image.png":
            self.answer(200, b"\x89PNG\r\n\x1a\n" + bytes(64), "image/png")
        elif path == "/no-type":
            self.answer(200, ARTICLE, None)
        elif path == "/gzip":
            self.answer(200, gzip.compress(ARTICLE), HTML, {"Content-Encoding": "gzip"})
        elif path == "/broken":
            self.answer(500, b"oops", "text/plain")
        else:
            self.answer(404, b"not here", "text/plain")

    def answer(self, status, body, content_type, headers=None):
        self.send_response(status)
        if content_type:
            self.send_header("Content-Type", content_type)
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def redirect(self, location):
        self.send_response(302)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def drip(self):
        """Each byte well within the read timeout, the whole body well past the deadline."""
        self.send_response(200)
        self.send_header("Content-Type", HTML)
        self.send_header("Content-Length", "30")
        self.end_headers()
        for _ in range(30):
            self.wfile.write(b"x")
            self.wfile.flush()
            time.sleep(0.1)


@pytest.fixture(scope="module")
def server():
    handler = type("RecordingHandler", (Handler,), {"requests": []})
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield httpd
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture
def base(server):
    server.RequestHandlerClass.requests.clear()
    return f"http://127.0.0.1:{server.server_address[1]}"


@pytest.fixture
def requests_seen(server):
    return server.RequestHandlerClass.requests


@pytest.fixture(autouse=True)
def _private_hosts_not_configured(settings, monkeypatch):
    """Each test states whether private hosts are allowed; none inherits it from the run."""
    monkeypatch.delenv("INGEST_ALLOW_PRIVATE_HOSTS", raising=False)
    if hasattr(settings, "INGEST_ALLOW_PRIVATE_HOSTS"):
        del settings.INGEST_ALLOW_PRIVATE_HOSTS


@pytest.fixture(autouse=True)
def _only_loopback_sockets(monkeypatch):
    real_connect, real_connect_ex = socket.socket.connect, socket.socket.connect_ex

    def refuse_beyond_loopback(address):
        host = address[0] if isinstance(address, tuple) else None
        if host is not None and not ipaddress.ip_address(host.split("%")[0]).is_loopback:
            raise AssertionError(f"test tried to connect to {host}")

    def connect(sock, address):
        refuse_beyond_loopback(address)
        return real_connect(sock, address)

    def connect_ex(sock, address):
        refuse_beyond_loopback(address)
        return real_connect_ex(sock, address)

    monkeypatch.setattr(socket.socket, "connect", connect)
    monkeypatch.setattr(socket.socket, "connect_ex", connect_ex)


@pytest.fixture
def server_counts_as_public(monkeypatch):
    real = fetch_module.address_refusal
    monkeypatch.setattr(
        fetch_module,
        "address_refusal",
        lambda address: None if str(address) == "127.0.0.1" else real(address),
    )


def refused(url: str, phrase: str, **kwargs) -> str:
    with pytest.raises(FetchError) as refusal:
        fetch(url, **kwargs)
    message = str(refusal.value)
    assert phrase in message
    assert "\n" not in message
    return message


def test_a_page_is_fetched_when_private_hosts_are_allowed(base):
    before = datetime.now(UTC)
    page = fetch(f"{base}/article.html", allow_private=True)
    assert page.data == ARTICLE
    assert page.content_type == HTML
    assert page.url_final == f"{base}/article.html"
    assert before <= page.retrieved_at <= datetime.now(UTC)
    assert parse(page.data, content_type=page.content_type, filename=None).title == (
        "Port board approves second container terminal"
    )


def test_plain_text_is_fetched(base):
    page = fetch(f"{base}/seed.txt", allow_private=True)
    assert parse(page.data, content_type=page.content_type, filename=None).author == "Li Hai"


def test_a_compressed_page_arrives_decompressed(base):
    assert fetch(f"{base}/gzip", allow_private=True).data == ARTICLE


def test_a_loopback_url_is_refused_without_the_setting_and_nothing_is_sent(base, requests_seen):
    refused(f"{base}/article.html", "refused host 127.0.0.1: loopback address")
    assert requests_seen == []


def test_a_host_name_is_refused_by_the_address_it_resolves_to(server, requests_seen):
    refused(f"http://localhost:{server.server_address[1]}/", "refused host localhost (127.0.0.1)")
    assert requests_seen == []


def test_the_setting_allows_private_hosts(base, settings):
    settings.INGEST_ALLOW_PRIVATE_HOSTS = True
    assert fetch(f"{base}/article.html").data == ARTICLE
    refused(f"{base}/article.html", "refused host", allow_private=False)


def test_the_environment_variable_allows_private_hosts_when_there_is_no_setting(base, monkeypatch):
    monkeypatch.setenv("INGEST_ALLOW_PRIVATE_HOSTS", "1")
    assert fetch(f"{base}/article.html").data == ARTICLE
    monkeypatch.setenv("INGEST_ALLOW_PRIVATE_HOSTS", "0")
    refused(f"{base}/article.html", "refused host")


def test_a_bad_value_of_the_setting_fails_loudly(base, monkeypatch, settings):
    monkeypatch.setenv("INGEST_ALLOW_PRIVATE_HOSTS", "maybe")
    with pytest.raises(ImproperlyConfigured, match="must be 1 or 0"):
        fetch(f"{base}/article.html")
    settings.INGEST_ALLOW_PRIVATE_HOSTS = "1"
    with pytest.raises(ImproperlyConfigured, match="must be True or False"):
        fetch(f"{base}/article.html")


@pytest.mark.parametrize(
    ("host", "reason"),
    [
        ("127.0.0.2", "loopback"),
        ("10.1.2.3", "private"),
        ("172.16.0.1", "private"),
        ("192.168.1.1", "private"),
        ("169.254.169.254", "link-local"),
        ("0.0.0.0", "unspecified"),  # noqa: S104 (an address to refuse, not to bind)
        ("224.0.0.1", "multicast"),
        ("240.0.0.1", "reserved"),
        ("100.64.0.1", "non-global"),
        ("255.255.255.255", "reserved"),
        ("[::1]", "loopback"),
        ("[::]", "unspecified"),
        ("[fe80::1]", "link-local"),
        ("[fc00::1]", "private"),
        ("[ff02::1]", "multicast"),
        ("[fec0::1]", "site-local"),
        ("[::ffff:127.0.0.1]", "loopback (as 127.0.0.1)"),
        ("[::ffff:10.0.0.1]", "private (as 10.0.0.1)"),
        ("[64:ff9b::a9fe:a9fe]", "link-local (as 169.254.169.254)"),
        ("[2002:c0a8:101::1]", "private (as 192.168.1.1)"),
    ],
)
def test_internal_addresses_are_refused_before_any_connection(host, reason):
    refused(f"http://{host}:8080/latest/meta-data/", f"{reason} address")


def test_public_addresses_pass_the_check():
    for address in ("93.184.215.14", "2606:4700:4700::1111", "::ffff:93.184.215.14"):
        assert address_refusal(ipaddress.ip_address(address)) is None


def test_the_connection_goes_to_the_address_that_was_checked(
    server, requests_seen, server_counts_as_public, monkeypatch
):
    """One lookup per hop: a second DNS answer (10.0.0.1 here) could never be used."""
    real_getaddrinfo = socket.getaddrinfo
    lookups = []

    def rebinding_dns(host, *args, **kwargs):
        if host != "news.test":
            return real_getaddrinfo(host, *args, **kwargs)
        lookups.append(host)
        answer = "127.0.0.1" if len(lookups) == 1 else "10.0.0.1"
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (answer, args[0]))]

    monkeypatch.setattr(socket, "getaddrinfo", rebinding_dns)
    port = server.server_address[1]
    assert fetch(f"http://news.test:{port}/article.html").data == ARTICLE
    assert lookups == ["news.test"]
    assert requests_seen == [("/article.html", f"news.test:{port}")]
    refused(f"http://news.test:{port}/article.html", "refused host news.test (10.0.0.1)")


def test_https_goes_to_the_checked_address_with_the_name_as_host_and_sni(
    server, server_counts_as_public, monkeypatch
):
    """The test server speaks no TLS, so the handshake fails; what was sent is what counts."""
    real_getaddrinfo, real_send = socket.getaddrinfo, fetch_module.httpx.Client.send
    sent = []

    def dns(host, *args, **kwargs):
        if host == "news.test":
            return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", ("127.0.0.1", args[0]))]
        return real_getaddrinfo(host, *args, **kwargs)

    def send(client, request, **kwargs):
        sent.append(request)
        return real_send(client, request, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", dns)
    monkeypatch.setattr(fetch_module.httpx.Client, "send", send)
    port = server.server_address[1]
    refused(f"https://news.test:{port}/article.html", f"could not connect to news.test:{port}")
    [request] = sent
    assert (request.url.host, request.url.port) == ("127.0.0.1", port)
    assert request.headers["Host"] == f"news.test:{port}"
    assert request.extensions["sni_hostname"] == "news.test"


def test_redirects_are_followed_up_to_five(base):
    page = fetch(f"{base}/redirect/4", allow_private=True)  # five redirects in all
    assert page.url_final == f"{base}/article.html"
    assert page.data == ARTICLE


def test_a_sixth_redirect_is_refused(base):
    refused(f"{base}/redirect/5", "too many redirects: more than 5", allow_private=True)


def test_a_relative_redirect_is_read_against_the_current_url(base):
    assert fetch(f"{base}/relative/redirect", allow_private=True).url_final == (
        f"{base}/article.html"
    )


@pytest.mark.parametrize(
    "target",
    [
        "http://127.0.0.2/",
        "http://10.0.0.1/admin",
        "http://169.254.169.254/latest/meta-data/",
        "http://[::1]/",
        "http://[::ffff:192.168.0.1]/",
    ],
)
def test_a_redirect_to_an_internal_address_is_refused(
    base, requests_seen, server_counts_as_public, target
):
    refused(f"{base}/redirect-to?url={target}", "refused host")
    assert [path for path, _ in requests_seen] == [f"/redirect-to?url={target}"]


def test_a_redirect_to_another_scheme_is_refused(base):
    message = refused(
        f"{base}/redirect-to?url=file:///etc/passwd",
        "bad URL 'file:///etc/passwd' (redirect from",
        allow_private=True,
    )
    assert "only http:// and https://" in message


def test_a_redirect_without_location_is_refused(base):
    refused(f"{base}/no-location", "HTTP 302 redirect without a Location", allow_private=True)


@pytest.mark.parametrize(
    ("path", "phrase"), [("/missing", "HTTP 404 Not Found from"), ("/broken", "HTTP 500")]
)
def test_an_answer_other_than_2xx_is_refused(base, path, phrase):
    refused(f"{base}{path}", phrase, allow_private=True)


def test_a_slow_server_times_out(base):
    started = time.monotonic()
    refused(f"{base}/slow", "timed out after 0.3 s fetching", timeout=0.3, allow_private=True)
    assert time.monotonic() - started < 0.9


def test_a_body_trickling_in_past_the_deadline_times_out(base):
    started = time.monotonic()
    refused(f"{base}/drip", "timed out after 0.4 s", timeout=0.4, allow_private=True)
    assert time.monotonic() - started < 1.5  # the whole body would take 3 s


def test_a_body_declared_too_large_is_refused_before_reading(base):
    refused(
        f"{base}/big", "is 50007 bytes, the limit is 10000", max_bytes=10_000, allow_private=True
    )


def test_a_body_without_length_is_cut_off_at_the_limit(base):
    refused(f"{base}/big-unsized", "is more than 10000 bytes", max_bytes=10_000, allow_private=True)


def test_binary_bytes_sent_as_html_are_fetched_then_refused_by_the_parser(base):
    page = fetch(f"{base}/binary", allow_private=True)
    with pytest.raises(UnreadableInput, match="binary input: NUL byte"):
        parse(page.data, content_type=page.content_type, filename=None)


@pytest.mark.parametrize(
    ("path", "phrase"),
    [("/image.png", "content type image/png from"), ("/no-type", "content type none from")],
)
def test_other_content_types_are_refused(base, path, phrase):
    message = refused(f"{base}{path}", phrase, allow_private=True)
    assert "expected HTML, XHTML or plain text" in message


def test_a_refused_connection_is_reported():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]  # closed again before the fetch: nobody listens there
    refused(
        f"http://127.0.0.1:{port}/",
        f"could not connect to 127.0.0.1:{port}: connection refused",
        allow_private=True,
    )


@pytest.mark.parametrize(
    ("url", "phrase"),
    [
        ("", "only http:// and https://"),
        ("example.org/article", "only http:// and https://"),
        ("ftp://example.org/article", "only http:// and https://"),
        ("file:///etc/passwd", "only http:// and https://"),
        ("javascript:alert(1)", "only http:// and https://"),
        ("http://", "no host"),
        ("http://editor:secret@example.org/", "credentials in the URL are not accepted"),
        ("http://exa mple.org/", "not a host name"),
        ("http://[::1/", "bad URL"),
    ],
)
def test_bad_urls_are_refused(url, phrase):
    message = refused(url, phrase)
    assert message.startswith("bad URL")
