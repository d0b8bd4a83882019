"""Many editors race to correct the same claims through the API of a live production server
(gunicorn, several processes and threads, against the test database), each with their own API
token and If-Match. Every round, all editors read, then all write at once: for each claim one
write wins and the others get 412; no accepted write is lost, and each is in history."""

import json
import os
import subprocess
import threading
import time
import urllib.error
import urllib.request
from collections import Counter, defaultdict

import pytest
from django.contrib.auth.models import Group

from claims.api.tokens import token_issue
from claims.models import Claim
from claims.roles import EDITOR
from claims.selectors import claim_history

from .factories import ClaimFactory, UserFactory
from .servers import GUNICORN, ROOT, free_port
from .test_serving import _database_url, _get

EDITORS = 6
CLAIMS = 2
ROUNDS = 6


@pytest.fixture
def live_server_url(transactional_db, tmp_path):
    port = free_port()
    env = {
        **os.environ,
        "DATABASE_URL": _database_url(),
        "DEBUG": "1",
        "PORT": str(port),
        "WEB_CONCURRENCY": "2",
        "GUNICORN_THREADS": "4",  # 8 requests at once: every editor's write is in flight together
        "ALLOWED_HOSTS": "127.0.0.1",
        "REQUEST_LOG": "0",
        "API_THROTTLE_USER": "100000/minute",
    }
    log = tmp_path / "gunicorn.log"
    with log.open("w") as out:
        process = subprocess.Popen(
            [str(GUNICORN), "--config", "config/gunicorn.py"],
            cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT,
        )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                if _get(f"{base}/healthz")[0] == 200:
                    break
            except OSError:
                pass
            if time.monotonic() > deadline or process.poll() is not None:
                pytest.fail(f"gunicorn did not answer: {log.read_text()[-2000:]}")
            time.sleep(0.2)
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _request(method: str, url: str, token: str, *, body=None, etag=None):
    headers = {"Authorization": f"Token {token}", "Accept": "application/json"}
    if body is not None:
        headers["Content-Type"] = "application/json"
    if etag is not None:
        headers["If-Match"] = etag
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(url, data=data, method=method, headers=headers)  # noqa: S310
    try:
        with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310 (loopback)
            return response.status, response.headers.get("ETag"), json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, error.headers.get("ETag"), json.loads(error.read() or b"{}")


def test_racing_editors_get_412_and_lose_no_accepted_write(live_server_url, roles):
    claims = ClaimFactory.create_batch(CLAIMS)
    initial = {claim.pk: (claim.version, claim.statement) for claim in claims}
    editor_group = Group.objects.get(name=EDITOR)
    editors = []
    for n in range(EDITORS):
        user = UserFactory(username=f"racer{n}", is_staff=True)
        user.groups.add(editor_group)
        editors.append((user, token_issue(user=user, name="race").key))

    read_all, write_all = threading.Barrier(EDITORS), threading.Barrier(EDITORS)
    outcomes = []  # (round, claim id, editor, status, marker, version after)
    failures = []
    lock = threading.Lock()

    def edit(index: int, user, token: str):
        try:
            for round_ in range(ROUNDS):
                claim_id = claims[(index + round_) % CLAIMS].pk
                url = f"{live_server_url}/api/v1/claims/{claim_id}/"
                read_all.wait(timeout=30)  # nobody writes before everyone has read
                status, etag, claim = _request("GET", url, token)
                assert status == 200, claim
                marker = f"[{user.username} r{round_}]"
                write_all.wait(timeout=30)  # then every write at once
                status, new_etag, answer = _request(
                    "PATCH", url, token, body={"statement": f"{claim['statement']} {marker}"},
                    etag=etag,
                )
                version = int(new_etag.strip('"').split("-")[1]) if status == 200 else None
                with lock:
                    outcomes.append((round_, claim_id, user, status, marker, version, answer))
        except Exception as error:  # reported below, never hangs the others
            read_all.abort()
            write_all.abort()
            with lock:
                failures.append(repr(error))

    threads = [
        threading.Thread(target=edit, args=(n, user, token))
        for n, (user, token) in enumerate(editors)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not failures, failures
    assert len(outcomes) == EDITORS * ROUNDS

    statuses = Counter(status for _, _, _, status, *_ in outcomes)
    assert set(statuses) == {200, 412}, statuses
    for _, claim_id, _, status, _, _, answer in outcomes:
        if status == 412:
            # A loser is told the claim moved on, to a version later than the one it read.
            assert answer["code"] == "stale_version", answer
            assert answer["current_version"] > initial[claim_id][0], answer
    # Each round, every claim had several editors on the same version: exactly one won.
    winners = Counter((round_, claim_id) for round_, claim_id, _, s, *_ in outcomes if s == 200)
    assert winners == {(r, c.pk): 1 for r in range(ROUNDS) for c in claims}

    accepted = defaultdict(list)
    for _, claim_id, user, status, marker, version, _ in sorted(outcomes, key=lambda o: o[0]):
        if status == 200:
            accepted[claim_id].append((version, marker, user))
    for claim in claims:
        stored = Claim.objects.get(pk=claim.pk)
        version, statement = initial[claim.pk]
        writes = accepted[claim.pk]
        # No accepted write lost: the version moved once per accepted write, and the statement
        # is the initial one with every accepted marker, in order; no refused marker got in.
        assert stored.version == version + len(writes)
        assert [v for v, _, _ in writes] == list(range(version + 1, stored.version + 1))
        assert stored.statement == " ".join([statement, *(m for _, m, _ in writes)])
        # Every accepted change is in history, with the version it made and the editor.
        updates = {
            entry.changes["statement"][1]: entry
            for entry in claim_history(stored)
            if entry.model == "Claim" and "statement" in entry.changes
        }
        text = statement
        for new_version, marker, user in writes:
            text = f"{text} {marker}"
            assert updates[text].changes["version"][1] == new_version
            assert updates[text].user == user
        assert len(updates) == len(writes)
