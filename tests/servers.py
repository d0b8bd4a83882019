"""Real servers for the scaling tests: gunicorn (config/gunicorn.py) on a loopback port, the
way tests/test_serving.py starts it, with the environment a test gives it."""

import json
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote, urlencode

import pytest

ROOT = Path(__file__).resolve().parents[1]
GUNICORN = Path(sys.executable).with_name("gunicorn")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def postgres_url(*, host: str, port, user: str, password: str, name: str, **query) -> str:
    """A DATABASE_URL as config/settings.py reads it; `query` becomes connection options."""
    auth = user + (f":{quote(password, safe='')}" if password else "")
    port = f":{port}" if port else ""
    options = f"?{urlencode(query)}" if query else ""
    return f"postgres://{auth}@{quote(host or '', safe='')}{port}/{name}{options}"


def request(method: str, url: str, *, headers=None, body=None):
    """(status, headers, parsed JSON body or raw bytes)."""
    data = json.dumps(body).encode() if body is not None else None
    headers = {**(headers or {}), **({"Content-Type": "application/json"} if data else {})}
    req = urllib.request.Request(url, data=data, method=method, headers=headers)  # noqa: S310
    try:
        with urllib.request.urlopen(req, timeout=10) as response:  # noqa: S310 (loopback)
            status, answer_headers, raw = response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        status, answer_headers, raw = error.code, dict(error.headers), error.read()
    try:
        return status, answer_headers, json.loads(raw)
    except ValueError:
        return status, answer_headers, raw


@contextmanager
def gunicorn(**env):
    """gunicorn with one worker (unless WEB_CONCURRENCY is given) until the block ends; yields
    (base URL, process)."""
    port = free_port()
    full_env = {
        **os.environ,
        "DEBUG": "1",
        "PORT": str(port),
        "WEB_CONCURRENCY": "1",
        "ALLOWED_HOSTS": "127.0.0.1",
        # The tests' own rates (tests/conftest.py), so a run of requests is never throttled.
        "API_THROTTLE_ANON": "100000/minute",
        "API_THROTTLE_USER": "100000/minute",
        **env,
    }
    # A file, not a pipe: gunicorn logs a line per request, and a full pipe would stall it.
    log = tempfile.TemporaryFile(mode="w+")  # noqa: SIM115 (closed in the finally below)
    process = subprocess.Popen(
        [str(GUNICORN), "--config", "config/gunicorn.py"],
        cwd=ROOT, env=full_env, stdout=subprocess.DEVNULL, stderr=log, text=True,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            if request("GET", f"{base}/healthz")[0] == 200:
                break
        except OSError:
            time.sleep(0.2)
    else:
        process.kill()
        process.wait(timeout=30)
        log.seek(0)
        pytest.fail(f"gunicorn did not answer: {log.read()[-2000:]}")
    try:
        yield base, process
    finally:
        process.terminate()
        process.wait(timeout=30)
        log.close()
