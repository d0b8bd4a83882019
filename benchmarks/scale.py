"""ClaimDesk at scale: every figure of issue 10 in one run, printed side by side and written to
benchmarks/results/ (the latest also as benchmarks/results/latest.json).

    make bench                                   # 1,000,000 claims
    make bench CLAIMS=100000
    .venv/bin/python benchmarks/scale.py --claims 1000000 --reuse   # keep the corpus database

It makes a scratch database `claimdesk_bench` on the configured server (dropped first; kept
afterwards with --reuse, which also skips loading when it already holds the corpus), loads the
corpus with `manage.py generate_corpus`, then measures:
  (a) the API's list page of 100 claims (anonymous and analyst, in process) against a floor
      measured in the same run: the same rows' same fields from one raw psycopg query, dumped
      with orjson;
  (b) ranked full-text search over a named list of rare and common terms;
  (c) requests/s and latency under `make serve`'s gunicorn with wrk (16 and 64 connections),
      through a Lua script spreading requests over >= 1,000 distinct URLs;
  (d) Datasette (its own virtualenv, a SQLite copy of the claims) with the same URL spread;
  (e) the corpus load; (f) the analyst claim list page and the reading view of a source with
      200 claims; (g) a change-feed page of 500 events; (h) ingest rate in articles/s.
Never run by the tests.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import quote, urlsplit

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "benchmarks" / "results"
BENCH_DB = "claimdesk_bench"
RATES = {"API_THROTTLE_ANON": "1000000/second", "API_THROTTLE_USER": "1000000/second"}
# Search terms: topic words and entity names. The corpus puts the words at vocabulary ranks
# that make them common (in >= 10 % of claims) or rare (about 1 %); the run prints the share
# of claims each one matches, so the label is checked, not assumed.
SEARCH_TERMS = {
    "rare": ["semiconductor", "radar", "tariff", "vessel", "Bangladesh", "Sri Lanka"],
    "common": ["budget", "defence", "agreement", "minister", "Japan", "budget agreement"],
}
DATASETTE = "datasette==0.65.5"


def say(line: str = "") -> None:
    print(line, flush=True)


def percentile(samples: list[float], p: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def ms(samples: list[float]) -> tuple[float, float]:
    return statistics.median(samples) * 1000, percentile(samples, 95) * 1000


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def bench_url(base_url: str) -> str:
    parts = urlsplit(base_url)
    return parts._replace(path=f"/{BENCH_DB}").geturl()


def prepare_database(base_url: str, *, reuse: bool) -> bool:
    """Create the scratch database (unless reused); True when it must be loaded."""
    import psycopg

    with psycopg.connect(_libpq(base_url), autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [BENCH_DB]).fetchone()
        if exists and reuse:
            return False
        conn.execute(f'DROP DATABASE IF EXISTS "{BENCH_DB}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{BENCH_DB}"')
    return True


def _libpq(url: str) -> str:
    """A postgres:// URL (socket folder as percent-encoded host) as psycopg takes it."""
    import dj_database_url

    db = dj_database_url.parse(url)
    parts = {"dbname": db["NAME"], "user": db["USER"], "password": db["PASSWORD"],
             "host": db["HOST"], "port": db["PORT"]}
    return " ".join(f"{k}='{v}'" for k, v in parts.items() if v)


def manage(*args, env, capture=True) -> str:
    result = subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True, text=True,
        capture_output=capture,
    )
    return result.stdout if capture else ""


# ------------------------------------------------------------------ (a) API against the floor


def api_against_floor(pages: int, repeat: int) -> dict:
    """The API's own work against the floor: with the answer cache off (it would otherwise serve
    the repeated pages from the cache, which measures the cache, not the API)."""
    from django.test import override_settings

    with override_settings(API_RESPONSE_CACHE=False):
        return _api_against_floor(pages, repeat)


def _api_against_floor(pages: int, repeat: int) -> dict:
    from django.contrib.auth.models import AnonymousUser
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from claims.api.payloads import ApiLinks, claim_payloads_queryset
    from claims.selectors import can_see_internal, claims_visible_to

    analyst = _analyst()
    results = {}
    for reader in ("anonymous", "analyst"):
        client = Client()
        if reader == "analyst":
            client.force_login(analyst)
        user = analyst if reader == "analyst" else AnonymousUser()
        # Pages spread through the corpus: the first page, then pages from cursors harvested by
        # following `next` from several starting points.
        urls = _page_urls(client, pages)
        api_samples, floor_samples, queries = [], [], []
        import orjson
        import psycopg

        dsn = _libpq(os.environ["DATABASE_URL"])
        # Parameters bound on the client, as Django binds them.
        raw = psycopg.connect(dsn, autocommit=True, cursor_factory=psycopg.ClientCursor)
        for _ in range(repeat):
            for url in urls:
                started = time.perf_counter()
                with CaptureQueriesContext(connection) as captured:
                    response = client.get(url)
                api_samples.append(time.perf_counter() - started)
                queries.append(len(captured))
                assert response.status_code == 200, response.content[:300]
                ids = [claim["id"] for claim in orjson.loads(response.content)["results"]]
                # The floor: the same fields of the same rows, one raw query, dumped by orjson.
                request = response.wsgi_request
                request.user = user
                rows = claim_payloads_queryset(
                    claims_visible_to(user).filter(pk__in=ids).order_by("id"),
                    links=ApiLinks(request), internal=can_see_internal(user), user=user,
                )
                sql, params = rows.query.sql_with_params()
                started = time.perf_counter()
                fetched = raw.execute(sql, params).fetchall()
                orjson.dumps({"results": [orjson.loads(payload) for _, _, payload in fetched]})
                floor_samples.append(time.perf_counter() - started)
                assert len(fetched) == len(ids)
        raw.close()
        api_med, api_p95 = ms(api_samples)
        floor_med, floor_p95 = ms(floor_samples)
        results[reader] = {
            "api_median_ms": round(api_med, 2), "api_p95_ms": round(api_p95, 2),
            "floor_median_ms": round(floor_med, 2), "floor_p95_ms": round(floor_p95, 2),
            "ratio": round(api_med / floor_med, 2), "queries": max(queries),
            "pages": len(urls), "samples": len(api_samples),
        }
        say(f"  {reader:<9} API {api_med:7.2f} ms (p95 {api_p95:7.2f})   floor {floor_med:6.2f} ms "
            f"(p95 {floor_p95:6.2f})   ratio {api_med / floor_med:4.2f}   "
            f"{max(queries)} queries")
    return results


def _analyst():
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    from claims.roles import ANALYST, ensure_roles

    ensure_roles()
    user, _ = get_user_model().objects.get_or_create(username="bench-analyst")
    user.groups.add(Group.objects.get(name=ANALYST))
    return user


def _page_urls(client, pages: int) -> list[str]:
    urls = ["/api/v1/claims/?page_size=100"]
    starts = ["/api/v1/claims/?page_size=100&ordering=-id",
              "/api/v1/claims/?page_size=100&ordering=-updated_at",
              "/api/v1/claims/?page_size=100&status=verified"]
    for start in starts:
        url = start
        for _ in range(max(1, pages // len(starts))):
            body = client.get(url).json()
            urls.append(url)
            if not body["next"]:
                break
            url = body["next"].replace("http://testserver", "")
    return urls[:pages]


# ------------------------------------------------------------------------------ (b) search


def search(repeat: int) -> dict:
    from django.test import Client

    client = Client()
    client.force_login(_analyst())
    total = _count("SELECT count(*) FROM claims_claim")
    out = {}
    for label, terms in SEARCH_TERMS.items():
        for term in terms:
            share = _count(
                "SELECT count(*) FROM claims_claim WHERE search_vector @@ "
                "websearch_to_tsquery('claimdesk', %s)", [term]) / total
            samples = []
            url = f"/api/v1/claims/?q={quote(term)}&page_size=20"
            for _ in range(repeat):
                started = time.perf_counter()
                response = client.get(url)
                samples.append(time.perf_counter() - started)
                assert response.status_code == 200, response.content[:200]
            p50, p95 = ms(samples)
            out[term] = {"kind": label, "share": round(share, 4), "p50_ms": round(p50, 2),
                         "p95_ms": round(p95, 2)}
            say(f"  {label:<6} {term!r:<20} in {share * 100:5.2f} % of claims   "
                f"p50 {p50:7.2f} ms   p95 {p95:7.2f} ms")
    return out


def _count(sql: str, params=None) -> int:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(sql, params or [])
        return cursor.fetchone()[0]


# ------------------------------------------------------------------- (f), (g), (h) and pages


def pages_and_feed(repeat: int) -> dict:
    from django.test import Client

    client = Client()
    client.force_login(_analyst())
    busiest = _count("SELECT source_id FROM claims_claim GROUP BY source_id "
                     "ORDER BY count(*) DESC LIMIT 1")
    in_it = _count("SELECT count(*) FROM claims_claim WHERE source_id = %s", [busiest])
    measured = {
        "page_list": "/claims/",
        "reading_view": f"/sources/{busiest}/",
        "changes_page": "/api/v1/changes/?page_size=500",
    }
    out = {}
    for name, url in measured.items():
        samples = []
        started = time.perf_counter()
        first = client.get(url)
        if first.streaming:
            b"".join(first.streaming_content)
        cold = time.perf_counter() - started
        for _ in range(repeat):
            started = time.perf_counter()
            response = client.get(url)
            if response.streaming:
                b"".join(response.streaming_content)
            samples.append(time.perf_counter() - started)
            assert response.status_code == 200, (url, response.status_code)
        med, p95 = ms(samples)
        out[name] = {"url": url, "median_ms": round(med, 2), "p95_ms": round(p95, 2),
                     "first_ms": round(cold * 1000, 2)}
        note = f" ({in_it} claims)" if name == "reading_view" else ""
        if name == "page_list":
            note = " (facets from the shared cache; the first view counts them)"
        say(f"  {name:<13} {url:<34} first {cold * 1000:8.2f} ms   median {med:7.2f} ms   "
            f"p95 {p95:7.2f} ms{note}")
    return out


def ingest_rate(articles: int) -> dict:
    from claims.intake import ingest

    seed = (ROOT / "data" / "chinamil-2026-02-02-japan-alliances.txt").read_text()
    with tempfile.TemporaryDirectory() as folder:
        paths = []
        for i in range(articles):
            path = Path(folder) / f"article-{i}.txt"
            # Each article distinct (its own first paragraph), so none is a duplicate.
            path.write_text(seed.replace("\n\n", f"\n\nBench dispatch {i}.\n\n", 1))
            paths.append(path)
        started = time.perf_counter()
        outcomes = [ingest(str(path)).outcome for path in paths]
        elapsed = time.perf_counter() - started
    rate = articles / elapsed
    say(f"  {articles} articles (the seed article's text, each made distinct) in {elapsed:.1f} s: "
        f"{rate:.2f} articles/s   outcomes {sorted(set(outcomes))}")
    return {"articles": articles, "seconds": round(elapsed, 2), "articles_per_s": round(rate, 2)}


# ---------------------------------------------------------------------- (c) and (d) under load


WRK_SCRIPT = """
local paths = {}
for line in io.lines("%s") do paths[#paths + 1] = line end
local threads = {}
function setup(thread)
  table.insert(threads, thread)
  thread:set("start", #threads * 7919)  -- each thread walks the spread from its own place
end
function init(args) counter = start; hits = 0; misses = 0 end
request = function()
  counter = counter + 1
  return wrk.format("GET", paths[(counter %% #paths) + 1])
end
response = function(status, headers, body)
  local cache = headers["X-Cache"]
  if cache == "hit" then hits = hits + 1 elseif cache == "miss" then misses = misses + 1 end
end
done = function(summary, latency, requests)
  local h, m = 0, 0
  for _, thread in ipairs(threads) do h = h + thread:get("hits"); m = m + thread:get("misses") end
  io.write(string.format("WRKJSON {\\"requests\\": %%d, \\"p50_us\\": %%d, \\"p99_us\\": %%d, "
    .. "\\"non2xx\\": %%d, \\"connect\\": %%d, \\"read\\": %%d, \\"write\\": %%d, "
    .. "\\"timeout\\": %%d, \\"duration_us\\": %%d, \\"hits\\": %%d, \\"misses\\": %%d}\\n",
    summary.requests, latency:percentile(50), latency:percentile(99), summary.errors.status,
    summary.errors.connect, summary.errors.read, summary.errors.write, summary.errors.timeout,
    summary.duration, h, m))
end
"""


def spread_urls(count: int) -> list[str]:
    """>= `count` distinct list URLs: keyset pages through the corpus (by id), and filter
    combinations (status, kind, ordering)."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT max(id) FROM claims_claim")
        top = cursor.fetchone()[0]
    rng = random.Random(5)
    urls = set()
    statuses = ["verified", "refuted", "misleading", "disputed", "unverifiable"]
    kinds = ["quantity", "event", "agreement", "attribution", "characterization", "forecast"]
    for status in statuses:
        for kind in kinds:
            for ordering in ("id", "-id", "-updated_at", "as_of"):
                urls.add(f"/api/v1/claims/?page_size=100&status={status}&kind={kind}"
                         f"&ordering={ordering}")
    while len(urls) < count:
        urls.add(f"/api/v1/claims/?page_size=100&cursor={_id_cursor(rng.randint(1, top))}")
    return sorted(urls)


def _id_cursor(after_id: int) -> str:
    from config.api.pagination import KeysetPagination

    return KeysetPagination()._encode_cursor("id", [after_id], False)


def datasette_urls(api_urls: list[str]) -> list[str]:
    """The same spread for Datasette's table JSON: the same pages by id, the same filters."""
    out = []
    for url in api_urls:
        params = dict(p.split("=", 1) for p in urlsplit(url).query.split("&"))
        query = ["_size=100", "_shape=objects"]
        if "cursor" in params:
            from config.api.pagination import KeysetPagination, OrderingField

            values, _ = KeysetPagination()._decode_cursor(
                params["cursor"], "id", [("id", False)], {"id": OrderingField("id", int)})
            query.append(f"_next={values[0]}")
        for name in ("status", "kind"):
            if name in params:
                query.append(f"{name}={params[name]}")
        if params.get("ordering", "id") not in ("id", "-id"):
            column = params["ordering"].lstrip("-")
            query.append(("_sort_desc=" if params["ordering"].startswith("-") else "_sort=")
                         + column)
        elif params.get("ordering") == "-id":
            query.append("_sort_desc=id")
        else:
            query.append("_sort=id")
        if "status" not in params:
            query.append("status__in=verified,refuted,misleading,disputed,unverifiable")
        out.append("/corpus/claims.json?" + "&".join(query))
    return out


def wrk(port: int, urls: list[str], connections: int, seconds: int) -> dict:
    with tempfile.TemporaryDirectory() as folder:
        paths = Path(folder) / "paths.txt"
        paths.write_text("\n".join(urls) + "\n")
        script = Path(folder) / "spread.lua"
        script.write_text(WRK_SCRIPT % paths)
        result = subprocess.run(
            ["wrk", "-t", "2", "-c", str(connections), "-d", f"{seconds}s", "--timeout", "10s",
             "-s", str(script), f"http://127.0.0.1:{port}"],
            capture_output=True, text=True, check=True,
        )
    line = next(x for x in result.stdout.splitlines() if x.startswith("WRKJSON "))
    data = json.loads(line[len("WRKJSON "):])
    errors = data["non2xx"] + data["connect"] + data["read"] + data["write"] + data["timeout"]
    return {
        "connections": connections, "seconds": seconds,
        "rps": round(data["requests"] / (data["duration_us"] / 1e6), 1),
        "p50_ms": round(data["p50_us"] / 1000, 1), "p99_ms": round(data["p99_us"] / 1000, 1),
        "errors": errors, "non2xx": data["non2xx"],
        "socket_errors": errors - data["non2xx"], "urls": len(urls),
        "cache_hit_ratio": (round(data["hits"] / (data["hits"] + data["misses"]), 3)
                            if data["hits"] + data["misses"] else None),
    }


def _wait_for(port: int, path: str, process, timeout: float = 60) -> None:
    import urllib.request

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            process.log.seek(0)
            raise RuntimeError(f"the server on port {port} exited: {process.log.read()[-2000:]}")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=5):
                return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"nothing answered on port {port} within {timeout} s")


def under_load(urls: list[str], seconds: int, env: dict, pool: bool,
               connections_list=(16, 64), answer_cache: bool = True) -> dict:
    port = free_port()
    server_env = {**env, "PORT": str(port), "DEBUG": "0", "SECRET_KEY": "bench-" + "x" * 50,
                  "ALLOWED_HOSTS": "127.0.0.1", "SECURE_SSL_REDIRECT": "0",
                  "DB_CONN_MAX_AGE": "60"}
    server_env.pop("REQUEST_LOG", None)
    if not answer_cache:
        server_env["API_RESPONSE_CACHE"] = "0"
    if pool:  # the pool keeps the connections: persistent connections are refused beside it
        server_env["DB_POOL"] = "1"
        server_env.pop("DB_CONN_MAX_AGE")
    manage("collectstatic", "--noinput", "--verbosity", "0", env=server_env)
    # The server's log (a JSON line per request) goes to a file: a pipe nobody reads would fill
    # and stall the workers.
    log = tempfile.TemporaryFile(mode="w+")  # noqa: SIM115 (closed with the process)
    process = subprocess.Popen(
        [str(Path(sys.executable).with_name("gunicorn")), "--config", "config/gunicorn.py"],
        cwd=ROOT, env=server_env, stdout=subprocess.DEVNULL, stderr=log, text=True,
    )
    process.log = log
    try:
        _wait_for(port, "/healthz", process)
        wrk(port, urls[:50], 4, 3)  # warm every worker
        out = {}
        for connections in connections_list:
            out[connections] = wrk(port, urls, connections, seconds)
            r = out[connections]
            label = "ClaimDesk, pooled" if pool else "ClaimDesk"
            if not answer_cache:
                label += ", no answer cache"
            say(f"  {label} {connections:>2} connections: {r['rps']:8.1f} requests/s   "
                f"p50 {r['p50_ms']:7.1f} ms   p99 {r['p99_ms']:7.1f} ms   errors {r['errors']}   "
                f"answers from the cache {r['cache_hit_ratio']}")
        return out
    finally:
        process.terminate()
        process.wait(timeout=30)


def datasette(urls: list[str], seconds: int, claims_db: Path) -> dict:
    venv = ROOT / "benchmarks" / ".datasette-venv"
    binary = venv / "bin" / "datasette"
    if not binary.exists():
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        subprocess.run([str(venv / "bin" / "pip"), "install", "-q", DATASETTE], check=True)
    port = free_port()
    log = tempfile.TemporaryFile(mode="w+")  # noqa: SIM115 (closed with the process)
    process = subprocess.Popen(
        [str(binary), "serve", "--immutable", str(claims_db), "--port", str(port),
         "--setting", "suggest_facets", "off", "--setting", "default_page_size", "100",
         "--setting", "num_sql_threads", "3"],
        stdout=subprocess.DEVNULL, stderr=log, text=True,
    )
    process.log = log
    try:
        _wait_for(port, "/corpus/claims.json?_size=1", process)
        wrk(port, urls[:50], 4, 3)
        result = wrk(port, urls, 16, seconds)
        say(f"  Datasette 16 connections: {result['rps']:8.1f} requests/s   "
            f"p50 {result['p50_ms']:7.1f} ms   p99 {result['p99_ms']:7.1f} ms   "
            f"errors {result['errors']}")
        return result
    finally:
        process.terminate()
        process.wait(timeout=30)


def sqlite_copy(path: Path) -> float:
    """The claims (with their source's title and publisher) as one SQLite table, indexed as
    Datasette's users would index it for these queries."""
    from django.db import connection

    started = time.perf_counter()
    if path.exists():
        path.unlink()
    lite = sqlite3.connect(path)
    lite.execute("""CREATE TABLE claims (id INTEGER PRIMARY KEY, statement TEXT, quote TEXT,
        start INTEGER, "end" INTEGER, kind TEXT, status TEXT, as_of TEXT, predicate TEXT,
        source_id INTEGER, source_title TEXT, publisher TEXT, subject TEXT, object TEXT,
        checkworthiness TEXT, version INTEGER, created_at TEXT, updated_at TEXT)""")
    with connection.cursor() as cursor:
        cursor.execute("""
            SELECT c.id, c.statement, c.quote, c.start, c."end", c.kind, c.status,
                   c.as_of::text, c.predicate, c.source_id, s.title, p.name, e.name, o.name,
                   c.checkworthiness::text, c.version, c.created_at::text, c.updated_at::text
              FROM claims_claim c JOIN sources_source s ON s.id = c.source_id
              JOIN sources_publisher p ON p.id = s.publisher_id
              LEFT JOIN claims_entity e ON e.id = c.subject_id
              LEFT JOIN claims_entity o ON o.id = c.object_id""")
        while rows := cursor.fetchmany(50_000):
            lite.executemany("INSERT INTO claims VALUES (" + ",".join("?" * 18) + ")", rows)
    for column in ("status", "kind", "updated_at", "as_of"):
        lite.execute(f"CREATE INDEX claims_{column} ON claims ({column})")
    lite.execute("CREATE INDEX claims_status_kind ON claims (status, kind)")
    lite.commit()
    lite.execute("ANALYZE")
    lite.close()
    return time.perf_counter() - started


# ------------------------------------------------------------------------------------ main


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", type=int, default=1_000_000)
    parser.add_argument("--sources", type=int)
    parser.add_argument("--seconds", type=int, default=30, help="per wrk run")
    parser.add_argument("--reuse", action="store_true",
                        help="keep the bench database; skip loading when it holds the corpus")
    parser.add_argument("--skip", default="", help="comma-separated parts to skip: load, api, "
                        "search, pages, ingest, serve, datasette")
    args = parser.parse_args()
    skip = set(filter(None, args.skip.split(",")))
    sys.path.insert(0, str(ROOT))
    os.chdir(ROOT)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    base_url = os.environ.get("DATABASE_URL") or _dotenv_url()
    url = bench_url(base_url)
    env = {**os.environ, "DATABASE_URL": url, **RATES, "CLAIMDESK_IGNORE_DOTENV": "1",
           "DEBUG": "1", "ALLOWED_HOSTS": "testserver,127.0.0.1"}
    os.environ.update({k: env[k] for k in ("DATABASE_URL", "CLAIMDESK_IGNORE_DOTENV", "DEBUG",
                                          "ALLOWED_HOSTS", *RATES)})
    # The shared cache as production would run it: Redis when one answers on loopback (the
    # benchmark's own database 15, emptied first), else the database table.
    if _redis_answers():
        env["REDIS_URL"] = os.environ["REDIS_URL"] = "redis://127.0.0.1:6379/15"
        import redis

        redis.Redis.from_url(env["REDIS_URL"]).flushdb()
    fresh = prepare_database(base_url, reuse=args.reuse)
    figures: dict = {"started_at": datetime.now(UTC).isoformat(timespec="seconds"),
                     "machine": {"cores": os.cpu_count(), "python": platform.python_version()},
                     "throttle_rates": RATES,
                     "shared_cache": "redis" if env.get("REDIS_URL") else "database"}
    say(f"ClaimDesk scale benchmark, {datetime.now(UTC):%Y-%m-%d %H:%M} UTC, "
        f"{os.cpu_count()} cores; throttle rates for the run: {RATES}; shared cache "
        f"(throttle counters, facets): {figures['shared_cache']}")

    if fresh:
        manage("migrate", "--noinput", "-v", "0", env=env)
    import django

    django.setup()
    from django.db import connection

    claims_now = _count("SELECT count(*) FROM claims_claim")
    if claims_now < args.claims and "load" not in skip:
        say(f"\n(e) corpus load: generate_corpus --claims {args.claims - claims_now:,}")
        started = time.perf_counter()
        report = manage("generate_corpus", "--claims", str(args.claims - claims_now),
                        *(["--sources", str(args.sources)] if args.sources else []), env=env)
        figures["corpus_load_s"] = round(time.perf_counter() - started, 1)
        say("  " + report.rstrip().replace("\n", "\n  "))
        connection.close()
    else:
        previous = _previous().get("corpus_load_s")
        figures["corpus_load_s"] = previous
        say(f"\n(e) corpus load: reused the loaded database (last measured load: {previous} s)")
    figures["claims_in_corpus"] = _count("SELECT count(*) FROM claims_claim")
    figures["sources_in_corpus"] = _count("SELECT count(*) FROM sources_source")
    figures["events_in_corpus"] = _count("SELECT count(*) FROM claims_claimevent")
    say(f"  corpus: {figures['claims_in_corpus']:,} claims, {figures['sources_in_corpus']:,} "
        f"sources, {figures['events_in_corpus']:,} claim history events")

    if "api" not in skip:
        say("\n(a) API list page of 100 claims, in process, against the floor")
        figures["api"] = api_against_floor(pages=30, repeat=3)
        figures["api_list_median_ms"] = figures["api"]["anonymous"]["api_median_ms"]
        figures["floor_median_ms"] = figures["api"]["anonymous"]["floor_median_ms"]
        figures["api_to_floor_ratio"] = figures["api"]["anonymous"]["ratio"]
    if "search" not in skip:
        say("\n(b) ranked full-text search, 20 best matches (analyst)")
        figures["search"] = search(repeat=15)
        p50s = [t["p50_ms"] for t in figures["search"].values()]
        p95s = [t["p95_ms"] for t in figures["search"].values()]
        figures["search_p50_ms"] = round(statistics.median(p50s), 2)
        figures["search_p95_ms"] = round(max(p95s), 2)
        say(f"  over the list: p50 {figures['search_p50_ms']} ms (median of the terms' p50), "
            f"p95 {figures['search_p95_ms']} ms (worst term's p95)")
    if "pages" not in skip:
        say("\n(f) pages and (g) the change feed (analyst)")
        figures["pages"] = pages_and_feed(repeat=10)
        figures["page_list_median_ms"] = figures["pages"]["page_list"]["median_ms"]
        figures["reading_view_median_ms"] = figures["pages"]["reading_view"]["median_ms"]
        figures["changes_page_ms"] = figures["pages"]["changes_page"]["median_ms"]
    if "ingest" not in skip:
        say("\n(h) ingest")
        figures["ingest"] = ingest_rate(articles=10)
        figures["ingest_articles_per_s"] = figures["ingest"]["articles_per_s"]
    if "serve" not in skip or "datasette" not in skip:
        urls = spread_urls(1200)
        figures["load_urls"] = len(urls)
    if "serve" not in skip:
        say(f"\n(c) under load: gunicorn (config/gunicorn.py), wrk over {len(urls)} URLs, "
            f"{args.seconds} s per run")
        load = under_load(urls, args.seconds, env, pool=False)
        figures["serve"] = load
        figures["rps_16"], figures["rps_64"] = load[16]["rps"], load[64]["rps"]
        figures["p99_ms_64"] = load[64]["p99_ms"]
        figures["errors"] = load[16]["errors"] + load[64]["errors"]
        if env.get("REDIS_URL"):
            say("  without the answer cache (every answer built), 16 and 64 connections:")
            uncached = under_load(urls, args.seconds, env, pool=False, answer_cache=False)
            figures["serve_without_answer_cache"] = uncached
            figures["rps_16_without_answer_cache"] = uncached[16]["rps"]
            figures["rps_64_without_answer_cache"] = uncached[64]["rps"]
        # The pool is compared with the uncached run: with the answer cache on, the two would
        # differ mostly by how many answers the cache served.
        say("  with psycopg's pool (DB_POOL=1), without the answer cache, 64 connections:")
        pooled = under_load(urls, args.seconds, env, pool=True, connections_list=(64,),
                            answer_cache=False)
        figures["serve_pooled"] = pooled
        figures["rps_64_pooled"] = pooled[64]["rps"]
    if "datasette" not in skip:
        say("\n(d) the peer: Datasette 0.65.5 (own virtualenv, SQLite copy, suggest_facets off)")
        claims_db = ROOT / "benchmarks" / ".datasette" / "corpus.db"
        claims_db.parent.mkdir(exist_ok=True)
        copied = sqlite_copy(claims_db)
        say(f"  SQLite copy of the claims in {copied:.1f} s")
        figures["datasette"] = datasette(datasette_urls(urls), args.seconds, claims_db)
        figures["datasette_rps_16"] = figures["datasette"]["rps"]
        if "rps_16" in figures:
            say(f"  ClaimDesk / Datasette at 16 connections: "
                f"{figures['rps_16'] / figures['datasette_rps_16']:.2f}x")
        if "rps_16_without_answer_cache" in figures:
            say(f"  without the answer cache: "
                f"{figures['rps_16_without_answer_cache'] / figures['datasette_rps_16']:.2f}x")
    connection.close()
    RESULTS.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    text = json.dumps(figures, indent=2, sort_keys=True) + "\n"
    (RESULTS / f"scale-{stamp}.json").write_text(text)
    (RESULTS / "latest.json").write_text(text)
    say(f"\nwritten: benchmarks/results/scale-{stamp}.json and benchmarks/results/latest.json")


def _redis_answers() -> bool:
    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=1) as probe:
            probe.sendall(b"PING\r\n")
            return probe.recv(16).startswith(b"+PONG")
    except OSError:
        return False


def _previous() -> dict:
    latest = RESULTS / "latest.json"
    return json.loads(latest.read_text()) if latest.exists() else {}


def _dotenv_url() -> str:
    env_file = ROOT / ".env"
    for line in env_file.read_text().splitlines() if env_file.exists() else []:
        if line.startswith("DATABASE_URL="):
            return line.split("=", 1)[1].strip()
    raise SystemExit("scale: DATABASE_URL is not set and .env has none (run `make db`)")


if __name__ == "__main__":
    main()
