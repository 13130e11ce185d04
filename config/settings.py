"""The one settings module. Everything that differs between machines comes from the environment.

SQLite is the embedded default, so a fresh checkout runs with no services. Set DATABASE_URL for
PostgreSQL and REDIS_URL for the shared cache and the Channels layer (the production path).
"""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

from config.env import envbool, envint, envlist, envstr, insecure_secret_key

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = envbool("DEBUG", False)
# Production is DEBUG set explicitly to 0 (the Dockerfile and docs/operations.md do). With DEBUG
# unset a fresh checkout, the tests and `make run` work without configuration, on a development key
# that `check --deploy` flags (security.W009: it starts with "django-insecure-").
PRODUCTION = os.environ.get("DEBUG", "").strip() != "" and not DEBUG
DEV_SECRET_KEY = "django-insecure-dev-only-key-never-use-in-production-0123456789abcdef"
SECRET_KEY = envstr("SECRET_KEY", DEV_SECRET_KEY)
if PRODUCTION and insecure_secret_key(SECRET_KEY, dev_key=DEV_SECRET_KEY):
    # SystemExit, not an exception: the operator sees one sentence instead of a traceback.
    raise SystemExit(
        "Samfunnslaben refuses to start: DEBUG=0 needs a real SECRET_KEY: set SECRET_KEY to at least 50 random characters, e.g. "
        'the output of: python -c "import secrets; print(secrets.token_urlsafe(50))" '
        "(see docs/operations.md)."
    )
# The demo facilitator login (demo / samfunnslab-demo) is created by `load_demo` only when asked
# for, and never in production.
DEMO_LOGIN = envbool("DEMO_LOGIN", not PRODUCTION) and not PRODUCTION
ALLOWED_HOSTS = envlist("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "testserver", "[::1]"])
CSRF_TRUSTED_ORIGINS = envlist("CSRF_TRUSTED_ORIGINS", [])
SITE_ROOT = envstr("SITE_ROOT", "http://127.0.0.1:8000")

# Where the read-only open data from SSB, Kartverket, HMD/HFD and Polis lives (used to build the
# embedded snapshot and by the reports that compare with Polis).
SHARED_DATA_DIR = Path(envstr("SHARED_DATA_DIR", str(BASE_DIR.parent / "shared" / "data")))
SNAPSHOT_DIR = Path(envstr("SNAPSHOT_DIR", str(BASE_DIR / "data" / "snapshot")))

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "channels",
    "django_htmx",
    "axes",
    "samfunnslab.core",
    "samfunnslab.accounts",
    "samfunnslab.municipalities",
    "samfunnslab.scenarios",
    "samfunnslab.workshops",
    "samfunnslab.opinions",
    "samfunnslab.inclusion",
    "samfunnslab.methods",
    "samfunnslab.community_models",
    "samfunnslab.lab",
    "samfunnslab.portfolio",
    # Last, so core's ninja/swagger.html (with lang) wins: Swagger UI is served from the
    # django-ninja package's own static files, never a CDN (/api/docs works offline and under CSP).
    "ninja",
]

MIDDLEWARE = [
    # Without a compressing proxy in front (make serve-prod), COMPRESS_RESPONSES=1 gzips HTML/JSON.
    *(["django.middleware.gzip.GZipMiddleware"] if envbool("COMPRESS_RESPONSES", False) else []),
    "samfunnslab.core.logging.AccessLogMiddleware",
    "samfunnslab.core.api_headers.ApiHeadersMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "samfunnslab.core.middleware.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
ASGI_APPLICATION = "config.asgi.application"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "samfunnslab.core.context_processors.site",
            ],
        },
    },
]

# --- Database: SQLite file by default, DATABASE_URL (e.g. postgres://...) in production ---
DATABASES = {
    "default": dj_database_url.config(
        env="DATABASE_URL",
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        # Connections are kept: requests run on a few long-lived threads (samfunnslab/core/asgi.py)
        # and a live workshop's answers on one, so opening one per request would be most of the work.
        conn_max_age=envint("DB_CONN_MAX_AGE", 600),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers and one writer work at once; a busy timeout waits instead of failing.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Redis: shared cache and Channels layer when REDIS_URL is set, in-process otherwise ---
REDIS_URL = envstr("REDIS_URL", "")
if REDIS_URL and os.environ.get("PYTEST_XDIST_WORKER", "").startswith("gw"):
    # Tests only: each pytest-xdist worker gets its own Redis database (the given number plus the
    # worker number), read here because caches and channel layers are built from these settings.
    _parts = urlsplit(REDIS_URL)
    _database = int(_parts.path.strip("/") or 0) + int(os.environ["PYTEST_XDIST_WORKER"][2:])
    REDIS_URL = urlunsplit(_parts._replace(path=f"/{_database % 16}"))
    os.environ["REDIS_URL"] = REDIS_URL  # app servers started by tests inherit it
if REDIS_URL:
    CACHES = {
        "default": {
            # RedisCache that degrades to a per-process cache while Redis is down (never a 500).
            "BACKEND": "samfunnslab.core.cache.ResilientRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": envstr("CACHE_KEY_PREFIX", "samfunnslab"),
        }
    }
    CHANNEL_LAYERS = {
        "default": {
            "BACKEND": "channels_redis.core.RedisChannelLayer",
            "CONFIG": {
                # redis-py 8 defaults to a 5 s socket timeout, which kills idle consumers
                # (django/channels_redis#422); a WebSocket may rightly be silent for minutes.
                "hosts": [{"address": REDIS_URL, "socket_timeout": None}],
                "prefix": envstr("CHANNELS_PREFIX", "samfunnslab"),
                "capacity": 5000,
            },
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "OPTIONS": {"MAX_ENTRIES": 5000},
        }
    }
    CHANNEL_LAYERS = {
        "default": {"BACKEND": "channels.layers.InMemoryChannelLayer", "CONFIG": {"capacity": 5000}}
    }

# --- Accounts: strong hashing and lockout after repeated failures (django-axes) ---
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = envint("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = 0.25  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_RESET_ON_SUCCESS = True
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "core:home"
LOGOUT_REDIRECT_URL = "core:home"

# --- Transport security: all from the environment, see docs/operations.md for the production set ---
SESSION_COOKIE_HTTPONLY = True
SECURE_COOKIES = envbool("SECURE_COOKIES", PRODUCTION)
SESSION_COOKIE_SECURE = SECURE_COOKIES
CSRF_COOKIE_SECURE = SECURE_COOKIES
LANGUAGE_COOKIE_SECURE = SECURE_COOKIES
LANGUAGE_COOKIE_SAMESITE = "Lax"
SECURE_SSL_REDIRECT = envbool("SECURE_SSL_REDIRECT", False)
# Behind a TLS-terminating proxy (Caddy in compose.yaml) that sets X-Forwarded-Proto. Only enable
# it when the proxy strips a client-sent header of that name (Caddy does).
if envbool("SECURE_PROXY_SSL_HEADER", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = envint("SECURE_HSTS_SECONDS", 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = envbool("SECURE_HSTS_INCLUDE_SUBDOMAINS", False)
SECURE_HSTS_PRELOAD = envbool("SECURE_HSTS_PRELOAD", False)
# Asking browsers to preload HSTS for a whole domain (often the municipality's) is the domain
# owner's decision, not this app's; `check --deploy` would otherwise warn about it.
# W019 asks for X-Frame-Options DENY; the cockpit frames its own projector and phone previews, so
# framing is allowed from the same origin only (SAMEORIGIN and CSP frame-ancestors 'self').
SILENCED_SYSTEM_CHECKS = ["security.W021", "security.W019"]
# /healthz and /readyz are asked over plain HTTP by the container health check and the proxy.
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$", r"^livez$"]
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# SAMEORIGIN: the cockpit previews the projector and a phone in iframes of its own site.
X_FRAME_OPTIONS = "SAMEORIGIN"
# Content-Security-Policy (Django's own middleware). No inline scripts anywhere; inline style
# attributes remain in a few templates and SVG charts, so style-src allows them. CSP_MODE=report-only
# sends the same policy as Content-Security-Policy-Report-Only, CSP_MODE=off sends none.
CSP_MODE = envstr("CSP_MODE", "enforce")
if CSP_MODE not in {"enforce", "report-only", "off"}:
    raise ImproperlyConfigured(f"CSP_MODE={CSP_MODE!r}: use enforce, report-only or off")
_CSP_POLICY: dict[str, list[str]] = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF, CSP.UNSAFE_INLINE],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF, "data:"],
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.SELF],
}
# Map input («Kartinnspill»): the base map is the municipality's boundary from the snapshot
# (offline). WORKSHOP_MAP_TILES=1 adds Kartverket's open topographic tiles behind it, for servers
# with internet; off by default. docs/workshops.md
WORKSHOP_MAP_TILES = (
    "https://cache.kartverket.no/v1/wmts/1.0.0/topo/default/webmercator/{z}/{y}/{x}.png"
    if envbool("WORKSHOP_MAP_TILES", False)
    else ""
)
if WORKSHOP_MAP_TILES:
    _CSP_POLICY["img-src"].append("https://cache.kartverket.no")
if envstr("CSP_REPORT_URI", ""):
    _CSP_POLICY["report-uri"] = [envstr("CSP_REPORT_URI", "")]
SECURE_CSP = _CSP_POLICY if CSP_MODE == "enforce" else {}
SECURE_CSP_REPORT_ONLY = _CSP_POLICY if CSP_MODE == "report-only" else {}

# --- Language: Norwegian bokmål by default; nynorsk and English selectable ---
LANGUAGE_CODE = "nb"
LANGUAGES = [("nb", _("Norsk bokmål")), ("nn", _("Norsk nynorsk")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Oslo"
USE_I18N = True
USE_TZ = True

# --- Static files: our own, plus third-party CSS/JS installed by npm into node_modules ---
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
NODE_MODULES = BASE_DIR / "node_modules"
STATICFILES_DIRS = [
    ("vendor/ks-theme", NODE_MODULES / "@ks-digital" / "designsystem-themes" / "dist"),
    ("vendor/htmx", NODE_MODULES / "htmx.org" / "dist"),
    ("vendor/inter", NODE_MODULES / "@fontsource" / "inter"),
    ("vendor/leaflet", NODE_MODULES / "leaflet" / "dist"),
    ("vendor/leaflet-markercluster", NODE_MODULES / "leaflet.markercluster" / "dist"),
]
# Production (STATIC_MANIFEST, on with DEBUG=0) serves what `collectstatic` wrote: hashed names
# cached for a year and pre-compressed .gz/.br copies. Development serves the source folders.
STATIC_MANIFEST = envbool("STATIC_MANIFEST", PRODUCTION)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if STATIC_MANIFEST
        else "whitenoise.storage.CompressedStaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = not STATIC_MANIFEST
WHITENOISE_AUTOREFRESH = DEBUG

# --- Retention: days after a workshop closes before participant tokens and free text are purged
# (`manage.py purge_expired`, daily in compose.yaml; 0 turns it off). docs/privacy.md ---
RETENTION_DAYS = envint("RETENTION_DAYS", 90)
# Shown on the privacy and accessibility statements (/personvern/, /tilgjengelighet/).
PRIVACY_CONTROLLER = envstr("PRIVACY_CONTROLLER", "")
PRIVACY_CONTACT = envstr("PRIVACY_CONTACT", "")
ACCESSIBILITY_CONTACT = envstr("ACCESSIBILITY_CONTACT", "")
ACCESSIBILITY_AUDIT_URL = envstr("ACCESSIBILITY_AUDIT_URL", "")

# How long browsers and proxies may keep read-only API answers (samfunnslab/core/api_headers.py).
API_CACHE_SECONDS = envint("API_CACHE_SECONDS", 3600)

# Uploaded pictures (cleaned by samfunnslab/core/images.py). Never served as a public folder: the
# app reads them back through views that check who may see them (and whether they are approved).
MEDIA_ROOT = Path(envstr("MEDIA_ROOT", str(BASE_DIR / "media")))
IMAGE_MAX_BYTES = envint("IMAGE_MAX_BYTES", 10 * 1024 * 1024)

DATA_UPLOAD_MAX_MEMORY_SIZE = envint("DATA_UPLOAD_MAX_MEMORY_SIZE", 5 * 1024 * 1024)
FILE_UPLOAD_MAX_MEMORY_SIZE = DATA_UPLOAD_MAX_MEMORY_SIZE

# --- Logs: JSON lines in production (LOG_FORMAT=json), an access log without client IPs, and an
# error hook (ERROR_WEBHOOK_URL); samfunnslab/core/logging.py ---
LOG_FORMAT = envstr("LOG_FORMAT", "json" if PRODUCTION else "text")
LOG_CLIENT_IP = envbool("LOG_CLIENT_IP", False)
ACCESS_LOG = envbool("ACCESS_LOG", PRODUCTION)
ERROR_WEBHOOK_URL = envstr("ERROR_WEBHOOK_URL", "")
LOGGING: dict[str, object] = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "json": {"()": "samfunnslab.core.logging.JsonFormatter"},
        "text": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": LOG_FORMAT},
        **(
            {"webhook": {"()": "samfunnslab.core.logging.WebhookHandler", "url": ERROR_WEBHOOK_URL}}
            if ERROR_WEBHOOK_URL
            else {}
        ),
    },
    "loggers": {
        "samfunnslab.access": {"level": "INFO" if ACCESS_LOG else "WARNING", "propagate": True},
    },
    "root": {
        "handlers": ["console", *(["webhook"] if ERROR_WEBHOOK_URL else [])],
        "level": envstr("LOG_LEVEL", "WARNING"),
    },
}
if LOG_FORMAT not in {"json", "text"}:
    raise ImproperlyConfigured(f"LOG_FORMAT={LOG_FORMAT!r}: use json or text")
