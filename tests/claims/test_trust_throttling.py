"""Throttling cannot be bypassed: clients are counted by an address they cannot forge, and the
counters are shared by every server process (issue "Trust", item 1)."""

import importlib.util
import os
import random
import subprocess
import sys
from pathlib import Path
from urllib.parse import quote

import pytest
from django.db import connection

from ..test_settings import PRODUCTION, manage, settings_read

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.django_db


def _rates(settings, anon="3/minute", **extra):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        **extra,
        "DEFAULT_THROTTLE_RATES": {"anon": anon, "user": "100/minute"},
    }


def test_rotating_x_forwarded_for_does_not_reset_the_anonymous_limit(api, settings):
    _rates(settings)
    client = api()
    answers = [
        client.get("/api/v1/publishers/", HTTP_X_FORWARDED_FOR=f"203.0.113.{n}").status_code
        for n in range(1, 6)
    ]
    assert answers == [200, 200, 200, 429, 429]


def test_behind_a_proxy_the_client_is_the_address_the_proxy_saw(api, settings):
    # The proxy appends the address it saw; whatever the client wrote before it is ignored.
    _rates(settings, NUM_PROXIES=1)
    client = api()
    forged = [
        client.get(
            "/api/v1/publishers/", HTTP_X_FORWARDED_FOR=f"10.0.0.{n}, 198.51.100.7"
        ).status_code
        for n in range(1, 5)
    ]
    assert forged == [200, 200, 200, 429]
    other = client.get("/api/v1/publishers/", HTTP_X_FORWARDED_FOR="10.0.0.1, 198.51.100.8")
    assert other.status_code == 200


def test_forwarded_addresses_are_trusted_only_behind_a_proxy():
    assert settings_read("REST_FRAMEWORK['NUM_PROXIES']", **PRODUCTION) == "0"
    behind = {**PRODUCTION, "BEHIND_TLS_PROXY": "1"}
    assert settings_read("REST_FRAMEWORK['NUM_PROXIES']", **behind) == "1"
    assert settings_read("REST_FRAMEWORK['NUM_PROXIES']", **behind, TRUSTED_PROXY_COUNT="2") == "2"
    # TRUSTED_PROXY_COUNT alone trusts nothing.
    alone = settings_read("REST_FRAMEWORK['NUM_PROXIES']", **PRODUCTION, TRUSTED_PROXY_COUNT="2")
    assert alone == "0"


def test_throttle_counters_live_in_the_database_unless_redis_is_configured():
    backend = "CACHES['throttle']['BACKEND']"
    assert settings_read(backend, **PRODUCTION) == "django.core.cache.backends.db.DatabaseCache"
    with_redis = {**PRODUCTION, "REDIS_URL": "redis://cache.example.org:6379/0"}
    if importlib.util.find_spec("redis") is None:
        result = manage("check", **with_redis)
        assert result.returncode != 0
        assert "REDIS_URL is set, but the redis package is not installed" in result.stderr
    else:
        assert settings_read(backend, **with_redis) == "django.core.cache.backends.redis.RedisCache"


REQUESTS_SCRIPT = """
import sys
import django

django.setup()
from django.test import Client

client = Client()
print(" ".join(
    str(client.get("/api/v1/publishers/", REMOTE_ADDR=sys.argv[1]).status_code)
    for _ in range(int(sys.argv[2]))
))
"""


def _test_database_url() -> str:
    db = connection.settings_dict
    credentials = quote(db["USER"] or "", safe="")
    if db["PASSWORD"]:
        credentials += ":" + quote(db["PASSWORD"], safe="")
    host = quote(db["HOST"] or "", safe="")
    port = f":{db['PORT']}" if db["PORT"] else ""
    return f"postgres://{credentials}@{host}{port}/{quote(db['NAME'], safe='')}"


def _requests_from_another_process(address: str, count: int) -> list[int]:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DATABASE_URL": _test_database_url(),
        "API_THROTTLE_ANON": "3/minute",
        "ALLOWED_HOSTS": "testserver",
        "REDIS_URL": "",
    }
    result = subprocess.run(
        [sys.executable, "-c", REQUESTS_SCRIPT, address, str(count)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return [int(code) for code in result.stdout.split()]


def test_two_server_processes_share_one_limit():
    # Each process has its own memory: only a shared counter (the database cache table, which
    # both reach through the test database) can refuse the fourth request.
    address = f"198.18.{random.randrange(256)}.{random.randrange(1, 255)}"
    assert _requests_from_another_process(address, 2) == [200, 200]
    assert _requests_from_another_process(address, 2) == [200, 429]
