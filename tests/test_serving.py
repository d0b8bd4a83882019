"""`make serve`'s production server: gunicorn with config/gunicorn.py, started for real on a
loopback port against the test database."""

import json
import os
import subprocess
import time
import urllib.error
import urllib.request
from urllib.parse import quote

import pytest
from django.db import connection

from .factories import ClaimWithPartsFactory
from .servers import GUNICORN, ROOT, free_port


def _database_url() -> str:
    db = connection.settings_dict
    host = quote(db["HOST"] or "", safe="")
    auth = db["USER"] + (f":{quote(db['PASSWORD'], safe='')}" if db["PASSWORD"] else "")
    port = f":{db['PORT']}" if db["PORT"] else ""
    return f"postgres://{auth}@{host}{port}/{db['NAME']}"


def _get(url: str):
    try:
        with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 (loopback)
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


@pytest.fixture
def server(transactional_db):
    port = free_port()
    env = {
        **os.environ,
        "DATABASE_URL": _database_url(),
        "DEBUG": "1",
        "PORT": str(port),
        "WEB_CONCURRENCY": "2",
        "ALLOWED_HOSTS": "127.0.0.1",
    }
    env.pop("REQUEST_LOG", None)
    process = subprocess.Popen(
        [str(GUNICORN), "--config", "config/gunicorn.py"],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            if _get(f"{base}/healthz")[0] == 200:
                break
        except OSError:
            time.sleep(0.2)
    else:
        process.kill()
        pytest.fail(f"gunicorn did not answer: {process.communicate()[1][-2000:]}")
    yield base, process
    process.terminate()
    process.wait(timeout=30)


def test_the_production_server_serves_health_api_pages_and_static_files(server):
    base, _ = server
    claim = ClaimWithPartsFactory()

    status, _, body = _get(f"{base}/healthz")
    assert (status, json.loads(body)) == (200, {"status": "ok", "database": "ok"})

    status, _, body = _get(f"{base}/api/v1/claims/?page_size=10")
    assert status == 200
    assert [row["id"] for row in json.loads(body)["results"]] == [claim.pk]

    status, _, body = _get(f"{base}/static/favicon.svg")
    assert status == 200
    assert body.startswith(b"<svg")


def test_every_request_is_one_json_log_line_without_its_query_string(server):
    base, process = server
    _get(f"{base}/api/v1/claims/?q=s3cret")
    _get(f"{base}/no-such-page")
    process.terminate()
    _, errors = process.communicate(timeout=30)
    lines = [json.loads(line) for line in errors.splitlines() if line.startswith("{")]
    by_path = {line["path"]: line for line in lines}
    assert by_path["/api/v1/claims/"]["status"] == 200
    assert by_path["/api/v1/claims/"]["method"] == "GET"
    assert by_path["/api/v1/claims/"]["user"] is None
    assert by_path["/api/v1/claims/"]["duration_ms"] > 0
    assert len(by_path["/api/v1/claims/"]["request_id"]) == 32
    assert by_path["/no-such-page"]["status"] == 404
    assert "s3cret" not in errors
