"""Settings come from the environment and refuse to start unsafe in production."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PRODUCTION = {
    "DEBUG": "0",
    "SECRET_KEY": "k3J9-q8vZ2mN5xR7tW1yB4cF6hL0pD8sA3gE9uI2oK5jM7nQ4rT6wY1zX0vC8bH",
    "ALLOWED_HOSTS": "claimdesk.example.org",
    "DATABASE_URL": "postgres://claimdesk@db.example.org:5432/claimdesk",
    "CLAIMDESK_IGNORE_DOTENV": "1",
}


def manage(*args, **env):
    # The browser tests relax async safety for their live server; a deploy must not.
    skip = {*PRODUCTION, "DJANGO_ALLOW_ASYNC_UNSAFE"}
    base = {k: v for k, v in os.environ.items() if k not in skip}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**base, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_settings_pass_the_deploy_check_with_no_warning():
    result = manage("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION)
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key():
    result = manage("check", **{**PRODUCTION, "SECRET_KEY": ""})
    assert result.returncode != 0
    assert "SECRET_KEY is empty or missing" in result.stderr


def test_a_missing_database_url_is_explained():
    result = manage("check", **{**PRODUCTION, "DATABASE_URL": ""})
    assert result.returncode != 0
    assert "DATABASE_URL is not set" in result.stderr


def test_a_malformed_boolean_is_refused_loudly():
    result = manage("check", **{**PRODUCTION, "DEBUG": "maybe"})
    assert result.returncode != 0
    assert "DEBUG must be a boolean" in result.stderr
