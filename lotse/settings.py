"""Lotse's one settings module, driven by environment variables (see README, "Konfiguration")."""

import os
import sys
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    if value.lower() in ("1", "true", "yes", "on"):
        return True
    if value.lower() in ("0", "false", "no", "off"):
        return False
    raise ImproperlyConfigured(f"{name} must be 0 or 1, not {value!r}")


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


# pytest imports itself before Django reads this module; tests get fast hashing and plain
# static storage, everything else is the production configuration.
TESTING = "pytest" in sys.modules

DEBUG = env_bool("DEBUG", False)
# The fallback key is only good for a laptop: `check --deploy` rejects it (lotse/core/checks.py).
DEVELOPMENT_SECRET_KEY = "django-insecure-lotse-development-key-do-not-use-in-production"
SECRET_KEY = os.environ.get("SECRET_KEY") or DEVELOPMENT_SECRET_KEY
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost" if DEBUG or TESTING else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_tasks",
    "django_tasks_db",
    "lotse",
    "lotse.accounts",
    "lotse.regions",
    "lotse.organizations",
    "lotse.concept",
    "lotse.offers",
    "lotse.networks",
    "lotse.statewide",
    "lotse.funding",
    "lotse.accountability",
    "lotse.documents",
    "lotse.grants",
    "lotse.monitoring",
    "lotse.workspace",
    "lotse.demo",
    "lotse.operations",
]

MIDDLEWARE = [
    "lotse.core.observability.RequestIdAndLog",
    "django.middleware.security.SecurityMiddleware",
    "lotse.core.middleware.OpenDataCors",
    "lotse.core.ratelimit.PublicApiRateLimit",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    # After authentication: the 404 page shows who is signed in.
    "lotse.core.middleware.NulIsNotFound",
    "django.contrib.messages.middleware.MessageMiddleware",
    # After sessions, authentication and messages: the sign-out message needs all three.
    "lotse.core.middleware.NoStoreWhenSignedIn",
    "lotse.core.middleware.SessionTimeouts",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Innermost: a cached page still passes every header, limit and log on its way out.
    "lotse.public_cache.PublicPageCache",
]

ROOT_URLCONF = "lotse.urls"
WSGI_APPLICATION = "lotse.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "lotse" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "lotse.context_processors.navigation",
            ],
            # `{% load money %}`: the one euro formatter (lotse/core/money.py).
            # `{% load scroll_box %}`: wide tables scroll in their own box (lotse/core/scroll_box.py).
            "libraries": {
                "money": "lotse.core.money",
                "contact": "lotse.core.contact_details",
                "scroll_box": "lotse.core.scroll_box",
            },
        },
    },
]

# The embedded default is SQLite, so `make run` needs no other service.
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        # Tests: the live server's request threads end without closing a kept connection,
        # and PostgreSQL then refuses to drop the test database (a teardown warning).
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "0" if TESTING else "60")),
        conn_health_checks=True,
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = ["lotse.accounts.throttling.ThrottledModelBackend"]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
if TESTING:
    # Argon2 is deliberately slow; the tests log in hundreds of times.
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    # ASVS 4.0 V2.1.1: at least 12 characters; V2.1.7: not a common password (next entry).
    # Checked where a person chooses a password (reset form); set_password() does not check.
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "workspace:start"
LOGOUT_REDIRECT_URL = "home"

# Two-factor authentication is required for every staff role in production; the demo
# (`make run`, DEBUG=1) switches it off so visitors can look around with the demo accounts.
LOTSE_REQUIRE_2FA = env_bool("LOTSE_REQUIRE_2FA", not DEBUG)
OTP_TOTP_ISSUER = "Lotse Frühe Hilfen MV"

# Sign-in throttling (lotse/accounts/throttling.py); 0 switches a limit off. After 5
# failures an account waits 1, 2, 4, 8, then 15 minutes before each further try (a delay,
# not a lock anyone could keep up); after 20 failures an address waits 15 minutes.
LOTSE_LOGIN_FAILURE_LIMIT = int(os.environ.get("LOTSE_LOGIN_FAILURE_LIMIT", "5"))
LOTSE_LOGIN_ADDRESS_FAILURE_LIMIT = int(os.environ.get("LOTSE_LOGIN_ADDRESS_FAILURE_LIMIT", "20"))
LOTSE_LOGIN_COOLOFF = timedelta(minutes=int(os.environ.get("LOTSE_LOGIN_COOLOFF_MINUTES", "15")))
# Reverse proxies in front, each appending to X-Forwarded-For: the client address is the
# N-th entry from the right (lotse.core.ratelimit.client_address); 0 = REMOTE_ADDR.
LOTSE_PROXY_COUNT = int(os.environ.get("LOTSE_PROXY_COUNT", "0"))
# Rate limits (lotse/core/ratelimit.py); 0 switches one off. The tests switch them off (one
# client makes thousands of calls) and test each limit on its own.
LOTSE_API_RATE_PER_MINUTE = int(
    os.environ.get("LOTSE_API_RATE_PER_MINUTE", "0" if TESTING else "300")
)
LOTSE_PASSWORD_RESETS_PER_HOUR = int(
    os.environ.get("LOTSE_PASSWORD_RESETS_PER_HOUR", "0" if TESTING else "5")
)
LOTSE_SURVEY_ANSWERS_PER_HOUR = int(
    os.environ.get("LOTSE_SURVEY_ANSWERS_PER_HOUR", "0" if TESTING else "30")
)

# Anonymous reads of the finder, the offer pages and the open APIs are kept this many
# seconds, per language and address, under the search table's token (lotse/public_cache.py).
# In files shared by all workers of this machine (LOTSE_PUBLIC_CACHE_DIR); in memory under
# DEBUG and in tests. Several app servers: a shared cache (Redis) would share the hits too.
LOTSE_PUBLIC_CACHE_SECONDS = int(
    os.environ.get("LOTSE_PUBLIC_CACHE_SECONDS", "0" if TESTING else "300")
)
# How long a process trusts the search table's token it last read (offers/search_freshness.py):
# another process's edit shows here within this time; this process's own edits at once.
LOTSE_SEARCH_TOKEN_SECONDS = float(
    os.environ.get("LOTSE_SEARCH_TOKEN_SECONDS", "0" if TESTING else "1")
)
# A worker that holds the search table loads a changed one in a thread and answers from
# the previous copy meanwhile (offers/search_freshness.py); tests load it in the request.
LOTSE_SEARCH_RELOAD_IN_BACKGROUND = env_bool("LOTSE_SEARCH_RELOAD_IN_BACKGROUND", not TESTING)
# How long a request waits for that thread before answering from the previous copy.
LOTSE_SEARCH_RELOAD_WAIT_SECONDS = float(os.environ.get("LOTSE_SEARCH_RELOAD_WAIT_SECONDS", "0.25"))
_public_cache_entries = int(os.environ.get("LOTSE_PUBLIC_CACHE_ENTRIES", "5000"))
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "public_pages": (
        {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "public-pages",
            "OPTIONS": {"MAX_ENTRIES": _public_cache_entries},
        }
        if DEBUG or TESTING
        else {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            # Pickles: the directory must be writable by the app alone (not /tmp).
            "LOCATION": os.environ.get("LOTSE_PUBLIC_CACHE_DIR", str(BASE_DIR / "var" / "cache")),
            "OPTIONS": {"MAX_ENTRIES": _public_cache_entries},
        }
    ),
}

LANGUAGE_CODE = "de"
# The languages of most families new to MV (docs/domain.md §9), each named in itself for the
# language switch; every page, public and staff, is translated in full (tests/test_i18n.py).
LANGUAGES = [
    ("de", "Deutsch"),
    ("en", "English"),
    ("uk", "Українська"),
    ("ar", "العربية"),
    ("ru", "Русский"),
    ("tr", "Türkçe"),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Berlin"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "lotse" / "static"]
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
MEDIA_URL = "/media/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG or TESTING
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

# E-mail: console in development; SMTP configured by environment in production.
EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Lotse <noreply@lotse.example>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
LOTSE_LKS_EMAIL = os.environ.get("LOTSE_LKS_EMAIL", "lks@lotse.example")

# Security headers. HTTPS settings apply in production (DEBUG=0) behind the reverse proxy.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = int(os.environ.get("LOTSE_SESSION_HOURS", "10")) * 3600
# Signed out after this long without a request (lotse.core.middleware.SessionTimeouts), and after
# SESSION_COOKIE_AGE from signing in, however active.
LOTSE_SESSION_IDLE_MINUTES = int(os.environ.get("LOTSE_SESSION_IDLE_MINUTES", "30"))
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
CSRF_COOKIE_HTTPONLY = True
if not DEBUG and not TESTING:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000"))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
    # Only a loopback benchmark (bench/load.py) switches these off.
    SESSION_COOKIE_SECURE = env_bool("LOTSE_SECURE_COOKIES", True)
    CSRF_COOKIE_SECURE = env_bool("LOTSE_SECURE_COOKIES", True)
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]

# Strict Content-Security-Policy: nothing inline, nothing from another origin.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

# Background work (ADR 0005): in production a database queue worked off by
# `manage.py db_worker`, with `manage.py run_scheduler` enqueuing the daily jobs. The demo
# and the tests run tasks at once, so `make run` needs no second process.
TASKS = {
    "default": {
        "BACKEND": os.environ.get(
            "LOTSE_TASK_BACKEND",
            "django_tasks.backends.immediate.ImmediateBackend"
            if DEBUG or TESTING
            else "django_tasks_db.DatabaseBackend",
        )
    }
}

# One JSON object per line with the request id (LOG_FORMAT=text for reading in a terminal).
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "lotse.core.observability.RequestIdFilter"}},
    "formatters": {
        "json": {"()": "lotse.core.observability.JsonFormatter"},
        "text": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["request_id"],
            "formatter": os.environ.get("LOG_FORMAT", "text" if DEBUG else "json"),
        }
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        # The access log: one line per request (off in the tests and the demo server).
        "lotse.requests": {"level": "WARNING" if DEBUG or TESTING else "INFO"},
        "django.request": {"level": "ERROR"},
        # PDF generation: font subsetting logs every glyph at INFO.
        "fontTools": {"level": "WARNING"},
        # One line per task at INFO; failures still show.
        "django_tasks": {"level": "WARNING"},
        "django_tasks_db": {"level": "WARNING"},
        "weasyprint": {"level": "ERROR"},
    },
}
# The operators' Prometheus endpoint /metrics answers only with this bearer token.
LOTSE_METRICS_TOKEN = os.environ.get("LOTSE_METRICS_TOKEN", "")

ADMINS = [("Lotse", a) for a in env_list("ADMINS")]
LOTSE_BASE_URL = os.environ.get("LOTSE_BASE_URL", "http://127.0.0.1:8000")

# Development and tests serve static files straight from the app directories.
WHITENOISE_USE_FINDERS = DEBUG or TESTING
WHITENOISE_AUTOREFRESH = DEBUG or TESTING
# The maps' basemap (lotse/regions/basemap.py); WhiteNoise knows no .geojson of its own.
WHITENOISE_MIMETYPES = {".geojson": "application/geo+json"}

# Offer freshness: reminder after 6 months, out of the parents' search after 12 (docs/domain.md §9).
LOTSE_OFFER_REMIND_AFTER = timedelta(days=int(os.environ.get("LOTSE_OFFER_REMIND_DAYS", "182")))
LOTSE_OFFER_STALE_AFTER = timedelta(days=int(os.environ.get("LOTSE_OFFER_STALE_DAYS", "365")))

# Retention (DSGVO, docs/privacy.md): the audit log, the anonymous unmet-search counts and
# uploads waiting for confirmation are deleted after these many days (`apply_retention`,
# daily through the scheduler). Application logs go to stdout; their retention is the log
# platform's (journald/Loki), set to the same LOTSE_LOG_RETENTION_DAYS there.
LOTSE_AUDIT_RETENTION_DAYS = int(os.environ.get("LOTSE_AUDIT_RETENTION_DAYS", "1095"))
LOTSE_DEMAND_RETENTION_DAYS = int(os.environ.get("LOTSE_DEMAND_RETENTION_DAYS", "730"))
LOTSE_PENDING_IMPORT_RETENTION_DAYS = int(
    os.environ.get("LOTSE_PENDING_IMPORT_RETENTION_DAYS", "2")
)
