"""ClaimDesk settings, read from the environment.

Local development values live in a git-ignored `.env` that `make db` writes; real environment
variables always win over it. `.env.example` lists every variable read here. The helpers below
fail loudly on values they cannot read. Django's defaults are not restated: a setting missing
here is Django's (or the library's) default on purpose.
"""

import importlib.util
import os
import re
import secrets
import zoneinfo
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent

# ------------------------------------------------------------------------ environment helpers


def _read_dotenv(path: Path) -> None:
    """Load KEY=VALUE lines into os.environ without overriding variables already set."""
    if not path.is_file():
        return
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        key, sep, value = line.partition("=")
        if not sep or not key.strip():
            raise ImproperlyConfigured(f"{path}:{number}: expected KEY=VALUE, got {raw!r}")
        value = value.strip()
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
            value = value[1:-1]
        os.environ.setdefault(key.strip(), value)


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    value = raw.strip().lower()
    if value in {"1", "true", "yes", "on"}:
        return True
    if value in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be a boolean (1/0, true/false), got {raw!r}")


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    try:
        return int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be an integer, got {raw!r}") from None


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


def env_rate(name: str, default: str) -> str:
    """A throttle rate such as 120/minute (second, minute, hour or day)."""
    value = env_str(name, default)
    if not re.fullmatch(r"[1-9][0-9]*/(s|sec|second|m|min|minute|h|hour|d|day)", value):
        raise ImproperlyConfigured(f"{name} must look like 120/minute, got {value!r}")
    return value


# Read from the real environment only, since it decides whether .env is read at all:
# tests/test_settings.py sets it so a developer's .env cannot leak into a production-like run.
if not env_bool("CLAIMDESK_IGNORE_DOTENV"):
    _read_dotenv(BASE_DIR / ".env")

# ------------------------------------------------------------------ security, hosts and TLS
# Django's defaults already send `X-Content-Type-Options: nosniff`, `X-Frame-Options: DENY`,
# `Referrer-Policy: same-origin` and HttpOnly session cookies; `manage.py check --deploy`
# (run by tests/test_settings.py) holds production to them.

DEBUG = env_bool("DEBUG", default=False)

SECRET_KEY = env_str("SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY is empty or missing; set it in the environment (DEBUG is off)."
        )
    # Development only: a per-process key (sessions do not survive a restart).
    SECRET_KEY = secrets.token_urlsafe(50)

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", default=[])

# Forwarded headers (X-Forwarded-Proto, X-Forwarded-For) are the client's own words unless a
# proxy we run sets them. Behind one, the client address is the one TRUSTED_PROXY_COUNT proxies
# from the end of X-Forwarded-For (each proxy appends the address it saw); otherwise it is
# REMOTE_ADDR, whatever X-Forwarded-For says.
BEHIND_TLS_PROXY = env_bool("BEHIND_TLS_PROXY", default=False)
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 1)
if TRUSTED_PROXY_COUNT < 1:
    raise ImproperlyConfigured(
        f"TRUSTED_PROXY_COUNT must be 1 or more (proxies in front of the app), got "
        f"{TRUSTED_PROXY_COUNT}; unset BEHIND_TLS_PROXY when there is none."
    )
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", default=[])

# Production is HTTPS only; development serves plain HTTP on 127.0.0.1.
if not DEBUG:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=True)
    # A load balancer probes /healthz over plain HTTP: answer it rather than redirect.
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 60 * 60 * 24 * 365)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", default=True)
    # Trust X-Forwarded-Proto only when a TLS-terminating proxy sets it: without one a client
    # could send the header and pass a plain-HTTP request off as HTTPS.
    if BEHIND_TLS_PROXY:
        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# ------------------------------------------------------------------------------------- apps

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    # Before staticfiles, so `runserver` serves static files through WhiteNoise, as production.
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "django_filters",
    "pgtrigger",
    "pghistory",
    "pghistory.admin",
    "django_htmx",
    "rest_framework",
    # API tokens: knox's hashing and header, with our own token model (claims.ApiToken).
    "knox",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "corsheaders",
    "sources",
    "claims",
]

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

# ------------------------------------------------------------------------------- middleware

MIDDLEWARE = [
    # Outermost, so its duration covers the whole stack; on only under REQUEST_LOG.
    *(["config.request_log.RequestLogMiddleware"] if env_bool("REQUEST_LOG") else []),
    "django.middleware.security.SecurityMiddleware",
    # Right after SecurityMiddleware: static files skip the rest of the stack.
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # Before CommonMiddleware, whose redirects would otherwise go out without CORS headers.
    "corsheaders.middleware.CorsMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # After authentication: records the acting user and URL with every history event written
    # during a request.
    "pghistory.middleware.HistoryMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # request.htmx tells an htmx partial request from a full page load.
    "django_htmx.middleware.HtmxMiddleware",
]

# -------------------------------------------------------------------------------- templates

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# --------------------------------------------------------------------------------- database
# PostgreSQL only: the models rely on its constraints, triggers (history) and full-text search.

_database_url = env_str("DATABASE_URL")
if not _database_url:
    raise ImproperlyConfigured(
        "DATABASE_URL is not set. Run `make db` to create the project-local cluster and .env, "
        "or export DATABASE_URL=postgres://user:password@host:port/name."
    )
DATABASES = {
    "default": dj_database_url.parse(
        _database_url, conn_max_age=env_int("DB_CONN_MAX_AGE", 0), conn_health_checks=True
    )
}
if DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
    raise ImproperlyConfigured("DATABASE_URL must point at PostgreSQL (postgres://...).")

# ---------------------------------------------------------- read replicas and connection pool
# DATABASE_REPLICA_URLS: streaming replicas of the primary, comma-separated; each becomes an
# alias replica_1 … replica_n that config/db_router.py sends reads to (writes, and the reads of
# a request that wrote, stay on the primary). Empty: no alias, no router, no middleware, so
# nothing changes. Never give them a TEST MIRROR: the tests start a real replica instead.
_replica_urls = env_list("DATABASE_REPLICA_URLS", default=[])
for _number, _replica_url in enumerate(_replica_urls, start=1):
    _replica = dj_database_url.parse(
        _replica_url, conn_max_age=env_int("DB_CONN_MAX_AGE", 0), conn_health_checks=True
    )
    if _replica["ENGINE"] != "django.db.backends.postgresql":
        raise ImproperlyConfigured(
            f"DATABASE_REPLICA_URLS entry {_number} must point at PostgreSQL (postgres://...)."
        )
    DATABASES[f"replica_{_number}"] = _replica
if _replica_urls:
    DATABASE_ROUTERS = ["config.db_router.PrimaryReplicaRouter"]
    # Outermost but for the request log: the pin must cover sessions and authentication too.
    MIDDLEWARE.insert(
        1 if MIDDLEWARE[0] == "config.request_log.RequestLogMiddleware" else 0,
        "config.db_router.PrimaryPinMiddleware",
    )

# DB_POOL=1: psycopg 3's connection pool (psycopg_pool) in every server process, one pool per
# alias. Each process keeps DB_POOL_MIN_SIZE connections open and opens up to DB_POOL_MAX_SIZE
# under load; a sync gunicorn worker serves one request at a time, so the defaults (1, 4) suit
# it, and threaded workers want DB_POOL_MAX_SIZE >= GUNICORN_THREADS. The pool keeps the
# connections, so CONN_MAX_AGE must stay 0 (Django refuses both at once).
if env_bool("DB_POOL", default=False):
    _pool_min_size = env_int("DB_POOL_MIN_SIZE", 1)
    _pool_max_size = env_int("DB_POOL_MAX_SIZE", 4)
    if not 1 <= _pool_min_size <= _pool_max_size:
        raise ImproperlyConfigured(
            f"DB_POOL_MIN_SIZE ({_pool_min_size}) must be at least 1 and at most "
            f"DB_POOL_MAX_SIZE ({_pool_max_size})."
        )
    if env_int("DB_CONN_MAX_AGE", 0) != 0:
        raise ImproperlyConfigured(
            "DB_POOL=1 keeps connections in the pool: unset DB_CONN_MAX_AGE (it must be 0)."
        )
    for _database in DATABASES.values():
        _database["CONN_MAX_AGE"] = 0
        _database.setdefault("OPTIONS", {})["pool"] = {
            "min_size": _pool_min_size,
            "max_size": _pool_max_size,
            # A request waits this long for a free connection before it fails.
            "timeout": 10,
        }

# ---------------------------------------------------------------------------- auth and login

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Readers log in on the site's own page; the admin keeps its own login form.
LOGIN_URL = "claims:login"
LOGIN_REDIRECT_URL = "claims:dashboard"
LOGOUT_REDIRECT_URL = "claims:dashboard"

# ---------------------------------------------------------------------- language and time

LANGUAGE_CODE = "en"
TIME_ZONE = "UTC"

# ----------------------------------------------------------------------------- static files

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
# STORAGES replaces Django's default as a whole, so the default file storage is named again.
# The manifest storage needs `collectstatic`, which only a production deploy runs.
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# ---------------------------------------------------------------------------------- logging

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "WARNING")},
    # Who issued and revoked which API token (never a secret): kept whatever LOG_LEVEL says.
    "loggers": {
        "claimdesk.tokens": {"level": "INFO"},
        # One JSON line per request under `make serve` (config/request_log.py).
        "claimdesk.request": {"level": "INFO"},
    },
}

# ------------------------------------------------------------------ REST framework and OpenAPI
# /api/v1/ is DRF; the OpenAPI document is at /api/schema/ and its docs at /api/docs/, with
# their assets served by drf-spectacular-sidecar so the docs page loads nothing from a CDN.

REST_FRAMEWORK = {
    # Token first: an anonymous write is then answered 401 with `WWW-Authenticate: Token`.
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "claims.api.tokens.ApiTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["config.api.permissions.ReadOpenWriteWithPerm"],
    "DEFAULT_PARSER_CLASSES": ["config.api.parsers.BoundedJSONParser"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_CONTENT_NEGOTIATION_CLASS": "config.api.negotiation.FormatNegotiation",
    "DEFAULT_PAGINATION_CLASS": "config.api.pagination.KeysetPagination",
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_THROTTLE_CLASSES": [
        "config.api.throttling.AnonymousThrottle",
        "config.api.throttling.UserThrottle",
    ],
    # Anonymous readers are throttled by address: REMOTE_ADDR (0), or behind our proxies the
    # address the outermost trusted one saw. DRF's default (None) would take the client's own
    # X-Forwarded-For, so rotating that header would reset the limit.
    "NUM_PROXIES": TRUSTED_PROXY_COUNT if BEHIND_TLS_PROXY else 0,
    "DEFAULT_THROTTLE_RATES": {
        "anon": env_rate("API_THROTTLE_ANON", "120/minute"),
        "user": env_rate("API_THROTTLE_USER", "1200/minute"),
    },
    "EXCEPTION_HANDLER": "config.api.errors.api_exception_handler",
    "DEFAULT_SCHEMA_CLASS": "config.api.schema.ClaimDeskAutoSchema",
    # DRF's defaults, stated because they are the public wire format: config/api/schema.py and
    # the 406 answers name the `format` parameter, and clients read decimals as exact strings.
    "URL_FORMAT_OVERRIDE": "format",
    "COERCE_DECIMAL_TO_STRING": True,
}

# API tokens (claims/api/tokens.py): only a hash of each secret is stored; every token has a
# name and an expiry, by default API_TOKEN_TTL_DAYS days after it is issued.
API_TOKEN_TTL_DAYS = env_int("API_TOKEN_TTL_DAYS", 90)
API_TOKEN_MAX_DAYS = 365
if not 1 <= API_TOKEN_TTL_DAYS <= API_TOKEN_MAX_DAYS:
    raise ImproperlyConfigured(
        f"API_TOKEN_TTL_DAYS must be from 1 to {API_TOKEN_MAX_DAYS} days, got {API_TOKEN_TTL_DAYS}"
    )
KNOX_TOKEN_MODEL = "claims.ApiToken"  # noqa: S105 (a model name)
REST_KNOX = {
    "AUTH_HEADER_PREFIX": "Token",  # the README's `Authorization: Token <key>`
    "TOKEN_TTL": timedelta(days=API_TOKEN_TTL_DAYS),
}
# knox's own token model is swapped for ours, so its migrations (which would create an unused
# knox_authtoken table) are not run.
MIGRATION_MODULES = {"knox": None}

SPECTACULAR_SETTINGS = {
    "TITLE": "ClaimDesk API",
    "DESCRIPTION": (
        "Structured claims linked to the exact passage of their source, with their verdicts. "
        "Anonymous readers and tokens without a role see published (decided) claims; analysts "
        "and up see everything. Writes need the editor role, verdicts the reviewer role. "
        "Authenticate with `Authorization: Token <key>` (`manage.py issue_token USERNAME`). "
        'Every error has the shape `{"detail": ..., "code": ..., "errors": {field: [...]}}`.'
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    "COMPONENT_SPLIT_REQUEST": True,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # One enum name per choices class, however many fields use it.
    "ENUM_NAME_OVERRIDES": {
        "ClaimStatusEnum": "claims.choices.CURATED_STATUS_CHOICES",
        "ClaimKindEnum": "claims.choices.ClaimKind",
        "EntityKindEnum": "claims.choices.EntityKind",
        "FlagReasonEnum": "claims.choices.FlagReason",
        "AnnotationKindEnum": "claims.choices.AnnotationKind",
        "EvidenceStanceEnum": "claims.choices.EvidenceStance",
        "QuantityBoundEnum": "claims.choices.QuantityBound",
        "QuantityRoleEnum": "claims.choices.QuantityRole",
        "RelationKindEnum": "claims.choices.RelationKind",
        "PublisherKindEnum": "sources.choices.PublisherKind",
        "SourceKindEnum": "sources.choices.SourceKind",
    },
    # The list replaces drf-spectacular's default, so its enum hook is named again.
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "config.api.schema.forbid_unknown_request_fields",
        "config.api.schema.positive_ids",
        "config.api.schema.empty_query_values_mean_unset",
        "config.api.schema.unknown_query_parameters_are_400",
    ],
}

# ------------------------------------------------------------------------------------- CORS
# No cross-origin access unless origins are listed (comma-separated, with scheme), and then
# only to the API.

CORS_ALLOWED_ORIGINS = env_list("CORS_ALLOWED_ORIGINS", default=[])
CORS_URLS_REGEX = r"^/api/.*$"
CORS_EXPOSE_HEADERS = ["ETag", "Retry-After"]
CORS_ALLOW_HEADERS = ["accept", "authorization", "content-type", "if-match", "x-csrftoken"]

# ------------------------------------------------------------------------------------ caches
# The API's throttle counters must be shared by every server process, or each process grants
# the whole rate again: Redis when REDIS_URL is set, else a table in the database (created by
# the migration claims/0007_cache_table, so every DATABASE_URL has it). The default cache stays
# per process: nothing else needs sharing.

_redis_url = env_str("REDIS_URL")
if _redis_url and importlib.util.find_spec("redis") is None:
    raise ImproperlyConfigured("REDIS_URL is set, but the redis package is not installed.")
_SHARED_CACHE = (
    {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": _redis_url}
    if _redis_url
    else {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "claimdesk_cache",
        # Culling drops a third of the entries, counters included: keep it rare.
        "OPTIONS": {"MAX_ENTRIES": 100_000},
    }
)
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "throttle": _SHARED_CACHE,
    # What every process may reuse: the claim list's facet counts, keyed on the data's version
    # (claims/facets.py). Same store as the counters, its own key prefix.
    "shared": {**_SHARED_CACHE, "KEY_PREFIX": "shared"},
}

# Whole answers of the public claims API kept in the shared cache, keyed on the database's
# snapshot so that none is ever stale (config/api/response_cache.py). Needs the shared cache in
# Redis to be of use, so it defaults to on exactly when REDIS_URL is set.
API_RESPONSE_CACHE = env_bool("API_RESPONSE_CACHE", default=bool(_redis_url))

# ------------------------------------------------------------------------- ClaimDesk's own

# API keyset pages (config/api/pagination.py): the default and the largest `page_size`.
API_PAGE_SIZE = 50
API_MAX_PAGE_SIZE = 500
# DRF reads JSON bodies without Django's upload limit, so the API's JSON parser enforces this.
API_MAX_BODY_BYTES = env_int("API_MAX_BODY_BYTES", 256 * 1024)

# History (django-pghistory; the context of each event is config/history.py's).
# History tables are append-only: triggers refuse UPDATE and DELETE of recorded events.
PGHISTORY_APPEND_ONLY = True
# Each event carries its real time, not its transaction's, so history reads in order.
PGHISTORY_CREATED_AT_FUNCTION = "clock_timestamp()"
# The events admin lists nothing until it is filtered, rather than every event of every table.
PGHISTORY_ADMIN_ALL_EVENTS = False

# Newsroom intake. Fetching a URL never reaches loopback, private or link-local addresses
# unless this is set: only the tests set it, to fetch from servers they start on loopback.
INGEST_ALLOW_PRIVATE_HOSTS = env_bool("INGEST_ALLOW_PRIVATE_HOSTS", default=False)
# The zone of a header time that gives none, for a publisher whose time zone is unknown.
INGEST_DEFAULT_TIMEZONE = env_str("INGEST_DEFAULT_TIMEZONE", "UTC")
if INGEST_DEFAULT_TIMEZONE not in zoneinfo.available_timezones():
    raise ImproperlyConfigured(
        f"INGEST_DEFAULT_TIMEZONE={INGEST_DEFAULT_TIMEZONE!r} is not an IANA time zone name "
        "(such as UTC or Asia/Shanghai)."
    )
# Who publishes the ClaimReviews (schema.org, read by Google's Fact Check tools): the
# fact-checking organisation's name, and its home page (empty: this site's home page).
CLAIMREVIEW_AUTHOR_NAME = env_str("CLAIMREVIEW_AUTHOR_NAME", "ClaimDesk").strip()
if not CLAIMREVIEW_AUTHOR_NAME:
    raise ImproperlyConfigured("CLAIMREVIEW_AUTHOR_NAME must not be empty.")
CLAIMREVIEW_AUTHOR_URL = env_str("CLAIMREVIEW_AUTHOR_URL", "").strip()
if CLAIMREVIEW_AUTHOR_URL and not re.fullmatch(r"https?://[^\s/]+(/\S*)?", CLAIMREVIEW_AUTHOR_URL):
    raise ImproperlyConfigured(
        f"CLAIMREVIEW_AUTHOR_URL must be an absolute http(s) URL, got {CLAIMREVIEW_AUTHOR_URL!r}"
    )

# ----------------------------------------------------------- background intake (issue 10)
# `manage.py ingest --queue` defers one procrastinate job per input into PostgreSQL (the
# procrastinate_* tables, created by `manage.py migrate`); `make worker` runs them
# (claims/tasks.py). No new service: workers on any machine reach the same database.
# Among the third-party apps, before ours: `migrate`'s post_migrate handlers clear the content
# type cache app by app, and query-count tests rely on the last app's (ours) staying warm.
INSTALLED_APPS.insert(INSTALLED_APPS.index("sources"), "procrastinate.contrib.django")
