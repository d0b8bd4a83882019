"""Fetch one article page over HTTP(S) for intake, never from inside our own network.

`fetch()` refuses loopback, private, link-local, multicast, reserved, unspecified and other
non-global addresses (IPv4 and IPv6, including IPv4 addresses embedded in IPv6 ones), unless
private hosts are allowed (`allow_private=True`, else the Django setting
`INGEST_ALLOW_PRIVATE_HOSTS`, else the environment variable of that name; only tests set it).

How the connection is pinned to the checked address (no DNS-rebinding window): each hop's host
is resolved once, here; every address it resolves to is checked (one refused address refuses the
host, so a name cannot mix a public address with an internal one); then the request is sent to
the first address itself, as an IP in the URL, with the original `Host` header and, for HTTPS,
the original name as SNI (httpx's `sni_hostname` extension), so the certificate is still verified
against the name. httpx never resolves the name again, so a second DNS answer cannot redirect
the connection. Redirects are followed here, one hop at a time, each checked the same way.
Environment proxies are ignored (`trust_env=False`): a proxy would connect on our behalf.
This was chosen over a custom httpx transport or network backend because it uses only public
httpx API.
"""

import ipaddress
import os
import re
import socket
import threading
import time
from dataclasses import dataclass
from datetime import UTC, datetime

import httpx
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from .parsers import split_content_type

ACCEPTED_TYPES = frozenset({"text/html", "application/xhtml+xml", "text/plain"})
MAX_REDIRECTS = 5
_REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
_HOST = re.compile(r"^[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?(\.[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?)*\.?$")
_NAT64 = ipaddress.IPv6Network("64:ff9b::/96")
_HEADERS = {
    "User-Agent": "ClaimDesk-intake/0.1",
    "Accept": "text/html,application/xhtml+xml;q=0.9,text/plain;q=0.8",
}
_REFUSED_KINDS = (
    ("is_unspecified", "unspecified"),
    ("is_loopback", "loopback"),
    ("is_link_local", "link-local"),
    ("is_multicast", "multicast"),
    ("is_reserved", "reserved"),
    ("is_private", "private"),
)

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


class FetchError(Exception):
    """A page could not be fetched; the message says why in one line."""


@dataclass(frozen=True)
class Fetched:
    """A fetched page: where the redirects ended, its Content-Type header as sent, its body
    (with any Content-Encoding such as gzip undone) and when it was read (aware, UTC)."""

    url_final: str
    content_type: str
    data: bytes
    retrieved_at: datetime


def fetch(
    url: str,
    *,
    timeout: float = 10,
    max_bytes: int = 5_000_000,
    allow_private: bool | None = None,
) -> Fetched:
    """GET `url`, following at most 5 redirects, and return the page.

    Guarantees: only http:// and https:// URLs; no connection to a refused address (see the
    module's docstring), checked after DNS resolution and after every redirect; the whole fetch
    (resolution, connection, redirects, body) gives up after about `timeout` seconds (a stalled
    read may add up to one more `timeout`); at most `max_bytes` of body are read (after
    decompression), reading stops there; only 2xx answers of type HTML, XHTML or plain text are
    returned. Everything else raises FetchError with a one-line message.
    """
    allowed = private_hosts_allowed(allow_private)
    deadline = time.monotonic() + timeout
    current = _checked_url(url)
    with httpx.Client(trust_env=False, follow_redirects=False, headers=_HEADERS) as client:
        for _hop in range(MAX_REDIRECTS + 1):
            try:
                address = _pinned_address(current, allowed, deadline)
                response = _send(client, current, address, deadline)
                try:
                    if response.status_code not in _REDIRECT_STATUSES:
                        return _page(current, response, max_bytes, deadline)
                    current = _redirect_target(current, response)
                finally:
                    response.close()
            except httpx.TimeoutException:
                raise FetchError(f"timed out after {timeout:g} s fetching {current}") from None
            except httpx.ConnectError as error:
                where = current.netloc.decode("ascii")
                raise FetchError(f"could not connect to {where}: {_reason(error)}") from None
            except httpx.HTTPError as error:
                raise FetchError(f"error fetching {current}: {_reason(error)}") from None
    raise FetchError(f"too many redirects: more than {MAX_REDIRECTS} from {url}")


def private_hosts_allowed(explicit: bool | None = None) -> bool:
    """`explicit` when given, else the Django setting, else the environment variable."""
    if explicit is not None:
        return explicit
    if settings.configured and hasattr(settings, "INGEST_ALLOW_PRIVATE_HOSTS"):
        value = settings.INGEST_ALLOW_PRIVATE_HOSTS
        if not isinstance(value, bool):
            raise ImproperlyConfigured("INGEST_ALLOW_PRIVATE_HOSTS must be True or False")
        return value
    raw = os.environ.get("INGEST_ALLOW_PRIVATE_HOSTS", "").strip().lower()
    if raw in {"", "0", "false", "no", "off"}:
        return False
    if raw in {"1", "true", "yes", "on"}:
        return True
    raise ImproperlyConfigured(f"INGEST_ALLOW_PRIVATE_HOSTS must be 1 or 0, not {raw!r}")


def address_refusal(address: IPAddress) -> str | None:
    """Why `address` may not be fetched from ("loopback", "private"...), or None if it may."""
    if address.version == 6:
        if address.ipv4_mapped:  # ::ffff:a.b.c.d is a.b.c.d itself on a dual-stack socket
            reason = address_refusal(address.ipv4_mapped)
            return f"{reason} (as {address.ipv4_mapped})" if reason else None
        embedded = address.sixtofour
        if embedded is None and address.teredo:
            embedded = address.teredo[1]
        if embedded is None and address in _NAT64:
            embedded = ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
        if embedded is not None and (reason := address_refusal(embedded)):
            return f"{reason} (as {embedded})"
        if address.is_site_local:
            return "site-local"
    for attribute, reason in _REFUSED_KINDS:
        if getattr(address, attribute):
            return reason
    if not address.is_global:
        return "non-global"
    return None


def _checked_url(raw: str, *, redirected_from: httpx.URL | None = None) -> httpx.URL:
    """`raw` as a URL fetch() may request; a redirect's Location is read against its URL."""

    def bad(why: str) -> FetchError:
        where = f" (redirect from {redirected_from})" if redirected_from else ""
        return FetchError(f"bad URL {raw.strip()[:200]!r}{where}: {why}")

    try:
        url = httpx.URL(raw.strip())
        if redirected_from is not None:
            url = redirected_from.join(url)
    except (httpx.InvalidURL, TypeError) as error:
        raise bad(str(error)) from None
    if url.scheme not in {"http", "https"}:
        raise bad("only http:// and https:// are fetched")
    if not url.host:
        raise bad("no host")
    if url.userinfo:
        raise bad("credentials in the URL are not accepted")
    host = url.raw_host.decode("ascii").lower()
    if ":" not in host and not _HOST.match(host):
        raise bad("not a host name")
    return url.copy_with(fragment=None)


def _pinned_address(url: httpx.URL, allowed: bool, deadline: float) -> str:
    """The address to connect to for `url`, after checking every address its host resolves to."""
    host = url.raw_host.decode("ascii")
    addresses = _resolve(host, url.port or (443 if url.scheme == "https" else 80), deadline)
    if not allowed:
        for address in addresses:
            if reason := address_refusal(address):
                shown = host if host == str(address) else f"{host} ({address})"
                raise FetchError(
                    f"refused host {shown}: {reason} address, private hosts not allowed"
                )
    return str(addresses[0])


def _resolve(host: str, port: int, deadline: float) -> list[IPAddress]:
    try:
        return [ipaddress.ip_address(host)]
    except ValueError:
        pass
    answer: dict[str, object] = {}

    def lookup() -> None:
        try:
            answer["infos"] = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        except OSError as error:
            answer["error"] = error

    # getaddrinfo has no timeout of its own: a lookup past the deadline is abandoned.
    resolver = threading.Thread(target=lookup, daemon=True)
    resolver.start()
    resolver.join(max(0.0, deadline - time.monotonic()))
    if resolver.is_alive():
        raise httpx.ConnectTimeout(f"resolving {host} timed out")
    if "error" in answer:
        raise FetchError(f"could not resolve host {host}: {_reason(answer['error'])}")
    addresses = [ipaddress.ip_address(info[4][0].split("%")[0]) for info in answer["infos"]]
    if not addresses:
        raise FetchError(f"could not resolve host {host}: no address")
    return list(dict.fromkeys(addresses))


def _send(client: httpx.Client, url: httpx.URL, address: str, deadline: float) -> httpx.Response:
    remaining = deadline - time.monotonic()
    if remaining <= 0:
        raise httpx.ConnectTimeout("no time left")
    extensions = {"sni_hostname": url.raw_host.decode("ascii")} if url.scheme == "https" else {}
    request = client.build_request(
        "GET",
        url.copy_with(host=address),
        headers={"Host": url.netloc.decode("ascii")},
        timeout=httpx.Timeout(remaining),
        extensions=extensions,
    )
    return client.send(request, stream=True)


def _redirect_target(url: httpx.URL, response: httpx.Response) -> httpx.URL:
    location = response.headers.get("Location")
    if not location:
        raise FetchError(f"HTTP {response.status_code} redirect without a Location from {url}")
    return _checked_url(location, redirected_from=url)


def _page(url: httpx.URL, response: httpx.Response, max_bytes: int, deadline: float) -> Fetched:
    if not 200 <= response.status_code < 300:
        phrase = f" {response.reason_phrase}" if response.reason_phrase else ""
        raise FetchError(f"HTTP {response.status_code}{phrase} from {url}")
    content_type = response.headers.get("Content-Type", "")
    media_type, _ = split_content_type(content_type)
    if media_type not in ACCEPTED_TYPES:
        shown = media_type or "none"
        raise FetchError(f"content type {shown} from {url}: expected HTML, XHTML or plain text")
    declared = response.headers.get("Content-Length", "")
    if declared.isdigit() and int(declared) > max_bytes:
        raise FetchError(f"too large: {url} is {declared} bytes, the limit is {max_bytes}")
    chunks, size = [], 0
    for chunk in response.iter_bytes():
        size += len(chunk)
        if size > max_bytes:
            raise FetchError(f"too large: {url} is more than {max_bytes} bytes")
        if time.monotonic() > deadline:
            raise httpx.ReadTimeout("deadline passed while reading the body")
        chunks.append(chunk)
    return Fetched(
        url_final=str(url),
        content_type=content_type,
        data=b"".join(chunks),
        retrieved_at=datetime.now(UTC),
    )


def _reason(error: BaseException) -> str:
    """The most telling one-line reason in an exception's chain ("connection refused"...)."""
    seen: BaseException | None = error
    while seen is not None:
        if isinstance(seen, ConnectionRefusedError):
            return "connection refused"
        seen = seen.__cause__ or seen.__context__
    text = " ".join(str(error).split())
    return text or type(error).__name__
