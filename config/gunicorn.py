"""Gunicorn's settings for `make serve`; every value can be changed from the environment.

Workers: ClaimDesk's requests are short and spend their time in Python and PostgreSQL, so
processes (not threads) carry the load: `WEB_CONCURRENCY`, default twice the cores plus one
(5 on this 2-core machine). `GUNICORN_THREADS` above 1 switches to threaded workers
(gthread), which help when requests wait on the network (URL intake) more than on the CPU.
Each worker thread holds its own database connection, kept open for CONN_MAX_AGE seconds.
"""

import multiprocessing
import os

_host = os.environ.get("HOST", "127.0.0.1")
bind = os.environ.get("BIND") or f"{_host}:{os.environ.get('PORT', '8000')}"
workers = int(os.environ.get("WEB_CONCURRENCY") or multiprocessing.cpu_count() * 2 + 1)
threads = int(os.environ.get("GUNICORN_THREADS") or 1)
worker_class = "gthread" if threads > 1 else "sync"
timeout = int(os.environ.get("GUNICORN_TIMEOUT") or 30)
graceful_timeout = 20
keepalive = 5
# A worker is replaced after this many requests (with jitter, so not all at once).
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS") or 10000)
max_requests_jitter = max_requests // 10
# The application's JSON request log replaces gunicorn's access log; errors go to stderr.
accesslog = None
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
os.environ.setdefault("REQUEST_LOG", "1")
wsgi_app = "config.wsgi:application"
