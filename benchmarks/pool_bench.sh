#!/usr/bin/env bash
# Requests/s of the production server without and with DB_POOL, under wrk (Debian's package).
# Not part of the test suite. Uses the checkout's database (DATABASE_URL or the local cluster):
#   benchmarks/pool_bench.sh [URL_PATH] (default /api/v1/claims/?page_size=10)
# CONNECTIONS (64), DURATION (15s) and WEB_CONCURRENCY (config/gunicorn.py's default) apply.
set -euo pipefail
cd "$(dirname "$0")/.."
PATH_Q=${1:-/api/v1/claims/?page_size=10}
PORT=${PORT:-8765}
export DEBUG=0 ALLOWED_HOSTS=127.0.0.1 SECURE_SSL_REDIRECT=0 PORT
export SECRET_KEY=${SECRET_KEY:-$(sed -n 's/^SECRET_KEY=//p' .env)}
# wrk must measure the server, not the rate limit.
export API_THROTTLE_ANON=10000000/minute API_THROTTLE_USER=10000000/minute
command -v wrk >/dev/null || { echo "pool_bench: wrk not found (apt-get install wrk)" >&2; exit 1; }
for pool in 0 1; do
  DB_POOL=$pool .venv/bin/gunicorn --config config/gunicorn.py 2>/dev/null &
  server=$!
  for _ in $(seq 100); do curl -fs "http://127.0.0.1:$PORT/healthz" >/dev/null && break; sleep 0.2; done
  echo "== DB_POOL=$pool"
  wrk -t2 -c"${CONNECTIONS:-64}" -d"${DURATION:-15s}" --latency "http://127.0.0.1:$PORT$PATH_Q" \
    | grep -E "Requests/sec|Non-2xx|Socket errors|^ +(50|99)%"
  kill "$server"; wait "$server" 2>/dev/null || true
done
