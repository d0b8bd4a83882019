"""`/healthz` tells a load balancer whether this server can reach its database."""

import json
import os
import socket
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_healthz_answers_ok_when_the_database_answers(client, db, django_assert_num_queries):
    with django_assert_num_queries(1):
        response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}
    assert "no-cache" in response["Cache-Control"]


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]  # closed again when the probe is: nothing listens there


def test_healthz_answers_503_with_the_reason_when_the_database_is_unreachable():
    script = (
        "import django, json; django.setup();"
        "from django.test import RequestFactory; from config.health import healthz;"
        "r = healthz(RequestFactory().get('/healthz'));"
        "print(json.dumps({'status': r.status_code, 'body': json.loads(r.content)}))"
    )
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DEBUG": "1",
        "DATABASE_URL": f"postgres://nobody@127.0.0.1:{_closed_port()}/claimdesk",
    }
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True,
        timeout=60, check=True,
    )
    answer = json.loads(done.stdout.strip().splitlines()[-1])
    assert answer["status"] == 503
    assert answer["body"]["status"] == "unavailable"
    assert "refused" in answer["body"]["database"].lower()
