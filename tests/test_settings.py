"""Settings come from the environment and refuse to start unsafe in production."""

import ast
import os
import re
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


def settings_read(name, **env):
    code = f"from django.conf import settings; print(settings.{name})"
    result = manage("shell", "--verbosity", "0", "--command", code, **env)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


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


def test_a_malformed_throttle_rate_is_refused_loudly():
    result = manage("check", **{**PRODUCTION, "API_THROTTLE_ANON": "fast"})
    assert result.returncode != 0
    assert "API_THROTTLE_ANON must look like 120/minute" in result.stderr


def test_the_forwarded_protocol_is_trusted_only_behind_a_tls_proxy():
    assert settings_read("SECURE_PROXY_SSL_HEADER", **PRODUCTION) == "None"
    behind = settings_read("SECURE_PROXY_SSL_HEADER", **PRODUCTION, BEHIND_TLS_PROXY="1")
    assert behind == "('HTTP_X_FORWARDED_PROTO', 'https')"


def test_env_example_lists_every_variable_the_settings_read():
    tree = ast.parse((ROOT / "config" / "settings.py").read_text(encoding="utf-8"))
    read = {
        node.args[0].value
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id.startswith("env_")
        and node.args
        and isinstance(node.args[0], ast.Constant)
    }
    example = (ROOT / ".env.example").read_text(encoding="utf-8")
    listed = set(re.findall(r"^#? ?([A-Z][A-Z0-9_]*)=", example, flags=re.MULTILINE))
    assert read, "no env_* calls found in config/settings.py"
    assert read == listed


# ------------------------------------------------ read replicas and connection pool (scale-serve)

REPLICA = "postgres://claimdesk@replica.example.org:5432/claimdesk"


def test_without_replicas_there_is_no_router_and_no_pinning_middleware():
    assert settings_read("DATABASE_ROUTERS", **PRODUCTION) == "[]"
    assert "PrimaryPinMiddleware" not in settings_read("MIDDLEWARE", **PRODUCTION)
    assert settings_read("DATABASES.keys()", **PRODUCTION) == "dict_keys(['default'])"


def test_each_replica_url_is_an_alias_read_through_the_router():
    env = {**PRODUCTION, "DATABASE_REPLICA_URLS": f"{REPLICA}, {REPLICA.replace('replica', 'r2')}"}
    assert settings_read("DATABASE_ROUTERS", **env) == "['config.db_router.PrimaryReplicaRouter']"
    assert settings_read("DATABASES['replica_2']['HOST']", **env) == "r2.example.org"
    assert "config.db_router.PrimaryPinMiddleware" in settings_read("MIDDLEWARE", **env)
    assert manage("check", "--deploy", "--fail-level", "WARNING", **env).returncode == 0


def test_a_replica_url_that_is_not_postgres_is_refused():
    result = manage("check", **{**PRODUCTION, "DATABASE_REPLICA_URLS": "mysql://r.example.org/x"})
    assert result.returncode != 0
    assert "DATABASE_REPLICA_URLS entry 1 must point at PostgreSQL" in result.stderr


def test_the_pool_sizes_come_from_the_environment_and_refuse_persistent_connections():
    env = {**PRODUCTION, "DB_POOL": "1", "DB_POOL_MIN_SIZE": "3", "DB_POOL_MAX_SIZE": "8"}
    pool = settings_read("DATABASES['default']['OPTIONS']['pool']", **env)
    assert pool == "{'min_size': 3, 'max_size': 8, 'timeout': 10}"
    refused = manage("check", **{**env, "DB_CONN_MAX_AGE": "60"})
    assert refused.returncode != 0
    assert "DB_POOL=1 keeps connections in the pool: unset DB_CONN_MAX_AGE" in refused.stderr
    refused = manage("check", **{**env, "DB_POOL_MIN_SIZE": "9"})
    assert "DB_POOL_MIN_SIZE (9) must be at least 1 and at most DB_POOL_MAX_SIZE (8)" in (
        refused.stderr
    )
