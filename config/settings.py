"""SCO TEMP settings, read from the environment.

``SCOTEMP_MODE`` is one of ``demo`` (``make demo``), ``test`` (the test suite) or ``production``
(the default, so that a forgotten variable never yields an insecure site). Outside demo and test a
missing or weak ``SECRET_KEY``, an empty ``ALLOWED_HOSTS`` or one containing ``*``, or ``DEBUG`` on
stop the start-up with a message naming what to set. See README.md "Running in production".
"""

from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from config.env import env, env_bool, env_list, refuse_wildcard_hosts, require, require_strong_secret_key

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(env("SCOTEMP_VAR_DIR", str(BASE_DIR / "var")))

MODE = (env("SCOTEMP_MODE", "production") or "production").strip().lower()
if MODE not in {"demo", "test", "production"}:
    raise ImproperlyConfigured(f"SCOTEMP_MODE={MODE!r} is not one of: demo, test, production.")
RELAXED = MODE in {"demo", "test"}

# Off by default in every mode: the demo shows the site's own translated 403/404/500 pages, as users
# will see them (DEBUG=1 gives a developer Django's technical pages there).
DEBUG = env_bool("DEBUG", default=False)
if MODE == "production":
    if DEBUG:
        raise ImproperlyConfigured(
            "DEBUG is on in production mode. Unset DEBUG (or set DEBUG=0); "
            "use SCOTEMP_MODE=demo for a local demo."
        )
    SECRET_KEY = require_strong_secret_key(
        require(
            "SECRET_KEY",
            env("SECRET_KEY"),
            "Set SECRET_KEY (or SECRET_KEY_FILE) to a long random string, e.g. the output of "
            "`python -c 'import secrets; print(secrets.token_urlsafe(50))'`, or run with SCOTEMP_MODE=demo.",
        )
    )
    ALLOWED_HOSTS = refuse_wildcard_hosts(
        require(
            "ALLOWED_HOSTS",
            env_list("ALLOWED_HOSTS"),
            "Set ALLOWED_HOSTS to the comma-separated host names of the site, e.g. temp.example.org.",
        )
    )
else:
    SECRET_KEY = env("SECRET_KEY") or f"insecure-{MODE}-key-not-for-production-use-0123456789abcdef"
    ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")

INSTALLED_APPS = [
    "modeltranslation",  # must come before django.contrib.admin
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "django_tasks",
    "django_tasks_db",
    "django_tasks_rq",
    "django_rq",
    "ninja",
    "scotemp.core",
    "scotemp.reference",
    "scotemp.accounts",
    "scotemp.committees",
    "scotemp.directory",
    "scotemp.verification",
    "scotemp.notifications",
    "scotemp.trade",
    "scotemp.deals",
    "scotemp.logistics",
    "scotemp.imports",
    "scotemp.events",
    "scotemp.projects",
    "scotemp.delegations",
    "scotemp.portal",
    "scotemp.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "scotemp.core.middleware.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Below WhiteNoise (static files are compressed ahead of time and never reach it), above every
    # middleware that reads or writes a body (idempotency replays store the plain body).
    "scotemp.core.compression.TextGZipMiddleware",
    "scotemp.core.request_guards.RequestGuardMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "scotemp.accounts.middleware.UserLanguageMiddleware",
    "scotemp.accounts.middleware.ActiveOrganizationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "scotemp.accounts.middleware.OperatorMFAMiddleware",
    "scotemp.core.api.idempotency.IdempotencyMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "scotemp.core.templates.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "scotemp.core.context_processors.platform",
            ],
            # {% url %} with the URLs remembered per process (scotemp/core/links.py)
            "builtins": ["scotemp.core.templatetags.remembered_urls"],
            # {% load i18n %}: Django's library with constant messages remembered per process and
            # language (scotemp/core/templatetags/remembered_i18n.py)
            "libraries": {"i18n": "scotemp.core.templatetags.remembered_i18n"},
        },
    },
]

# --- Database -------------------------------------------------------------------------------------
DATABASE_URL = env("DATABASE_URL")
if DATABASE_URL:
    DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60, conn_health_checks=True)}
    if DATABASES["default"]["ENGINE"].endswith("postgresql"):
        # The reads of scotemp/core/prepared.py run as server-side prepared statements with one generic
        # plan per connection: planning their joins cost PostgreSQL up to ten times running them.
        # Every other statement goes through Django's client-side binding cursors, which psycopg never
        # prepares, so neither setting touches them (ADR 0014, sixth round).
        DATABASES["default"].setdefault("OPTIONS", {}).update(
            prepare_threshold=0, options="-c plan_cache_mode=force_generic_plan"
        )
else:
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": env("SQLITE_PATH", str(VAR_DIR / "scotemp.sqlite3")),
            # Kept open across requests: a new connection re-reads the schema and runs the PRAGMAs on
            # every request (bench/writes.py: 19 → 15 ms of server CPU per message posted).
            "CONN_MAX_AGE": 600,
            "CONN_HEALTH_CHECKS": True,
            # IMMEDIATE takes the write lock at BEGIN: concurrent writers wait instead of failing
            # with "database is locked" halfway through a transaction.
            "OPTIONS": {
                "transaction_mode": "IMMEDIATE",
                "timeout": 25,
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
            },
            # A file, not :memory:, so tests see WAL and real concurrent connections.
            "TEST": {"NAME": str(VAR_DIR / "test_scotemp.sqlite3")},
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # Search indexes INCLUDE extra columns to make PostgreSQL index-only scans possible; SQLite builds
    # them without those columns, which is what we want there.
    SILENCED_SYSTEM_CHECKS = ["models.W040"]

# --- Cache and background tasks ---------------------------------------------------------------------
REDIS_URL = env("REDIS_URL")
if REDIS_URL:
    CACHES = {"default": {"BACKEND": "scotemp.core.rediscache.RedisCache", "LOCATION": REDIS_URL}}
    TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default", "mail"]}}
    # Sessions are read from Redis on every request and written through to the database, so a web
    # node, a restart or a Redis flush never signs anybody out (Django's cached_db store, its database
    # read prepared once per process: scotemp/core/sessions).
    SESSION_ENGINE = "scotemp.core.sessions.cached_db"
else:
    # Sessions in the database (Django's db store, its read prepared once per process).
    SESSION_ENGINE = "scotemp.core.sessions.db"
    # One cache for every process and every restart: sign-in throttling counts the attempts of all
    # web workers together. `manage.py createcachetable` creates the table (idempotent). Expired rows are
    # culled only past MAX_ENTRIES, set high so that a flood of new keys cannot cull live counters.
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "scotemp_cache",
            "OPTIONS": {"MAX_ENTRIES": 100_000},
        }
    }
    TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default", "mail"]}}
if MODE == "test" and not REDIS_URL:
    # The suite clears the cache before every test and counts queries per page, so it keeps its cache
    # outside the database; scotemp/accounts/tests/test_throttling.py runs real processes on the
    # database cache.
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
if MODE == "test" and not env_bool("TEST_TASKS_QUEUED"):
    # Most tests want a task's effect at once; scotemp/core/tests/test_tasks.py runs the same tasks
    # through real DB and RQ workers.
    TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
# Pages and API pages for visitors who are not signed in are kept whole in the cache above for this
# many seconds (scotemp/core/pagecache.py); 0 turns it off. Signed-in users always get fresh pages.
# Off in the suite, whose tests count a view's queries and change data between two requests of one
# page; scotemp/core/tests/test_pagecache.py turns it on.
SCOTEMP_PAGE_CACHE_SECONDS = int(env("SCOTEMP_PAGE_CACHE_SECONDS", "0" if MODE == "test" else "60") or 0)
# "mail": e-mail delivery of batched announcements (scotemp.notifications.bulk), so that sending never
# holds up matching; workers listen on "default" first (see the README's worker commands).
# With Redis, the queues use the cache's connections (scotemp/core/rediscache.py): one pool per
# process, not a new connection for every job enqueued.
RQ_QUEUES = {
    queue: {"USE_REDIS_CACHE": "default"} if REDIS_URL else {"URL": "redis://127.0.0.1:6379/0"}
    for queue in ("default", "mail")
}
for _queue in RQ_QUEUES.values():
    _queue["DEFAULT_TIMEOUT"] = 600

# --- Authentication (django-allauth) ----------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
# Failed passwords are counted per address and per account in the shared cache (see CACHES). An
# attacker can use up an account's password attempts, never its owner's way in: a code sent by e-mail
# signs in without the password (and still asks operators for their second factor).
ACCOUNT_LOGIN_BY_CODE_ENABLED = True
ACCOUNT_RATE_LIMITS = {
    "login_failed": "5/5m/ip,5/5m/key",
    "login": "30/m/ip",
    "request_login_code": "20/m/ip,3/m/key",
    "signup": "20/h/ip",
    "reset_password": "5/m/ip,3/m/key",
    "confirm_email": "1/3m/key",
}
ACCOUNT_ADAPTER = "scotemp.accounts.adapters.AccountAdapter"
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "SCO TEMP"
SCOTEMP_REQUIRE_OPERATOR_MFA = env_bool("SCOTEMP_REQUIRE_OPERATOR_MFA", default=MODE == "production")
LOGIN_REDIRECT_URL = "/"
LOGIN_URL = "account_login"

# --- E-mail -------------------------------------------------------------------------------------------
EMAIL_BACKEND = env(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if RELAXED
    else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = env("EMAIL_HOST", "localhost")
EMAIL_PORT = int(env("EMAIL_PORT", "587"))
EMAIL_HOST_USER = env("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", default=True)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "SCO TEMP <noreply@scotemp.local>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# The site's public address, used for every link in an e-mail. In production it defaults to
# https:// and the first of ALLOWED_HOSTS; `manage.py run_demo` sets it from its --host/--port.
SCOTEMP_BASE_URL = (env("SCOTEMP_BASE_URL", "") or "").strip().rstrip("/") or (
    f"https://{ALLOWED_HOSTS[0].lstrip('.')}" if MODE == "production" else "http://localhost:8000"
)
if not SCOTEMP_BASE_URL.startswith(("http://", "https://")) or "*" in SCOTEMP_BASE_URL:
    raise ImproperlyConfigured(
        f"SCOTEMP_BASE_URL={SCOTEMP_BASE_URL!r} is not an address; set it to the site's public "
        "address, e.g. https://temp.example.org."
    )

# --- Languages ----------------------------------------------------------------------------------------
LANGUAGE_CODE = "en"
LANGUAGES = [("zh-hans", "中文"), ("ru", "Русский"), ("en", "English")]
MODELTRANSLATION_DEFAULT_LANGUAGE = "en"
MODELTRANSLATION_LANGUAGES = ("en", "zh-hans", "ru")
MODELTRANSLATION_FALLBACK_LANGUAGES = {"default": ("en", "ru", "zh-hans")}
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = "Asia/Shanghai"
USE_TZ = True
LANGUAGE_COOKIE_NAME = "scotemp_language"
LANGUAGE_COOKIE_AGE = 60 * 60 * 24 * 365
LANGUAGE_COOKIE_SECURE = not RELAXED
LANGUAGE_COOKIE_SAMESITE = "Lax"

# --- Static files ---------------------------------------------------------------------------------------
STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(env("STATIC_ROOT", str(VAR_DIR / "static")))
# Uploads are private (verification documents, attachments): never served as static files, only
# through permission-checked views.
MEDIA_ROOT = Path(env("MEDIA_ROOT", str(VAR_DIR / "private")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "scotemp.core.staticfiles.StaticFilesStorage"
        if MODE == "production"
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = RELAXED
if RELAXED:
    STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # WhiteNoise warns about a missing root

# --- Security -------------------------------------------------------------------------------------------
SESSION_COOKIE_SECURE = not RELAXED
CSRF_COOKIE_SECURE = not RELAXED
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=not RELAXED)
SECURE_HSTS_SECONDS = int(env("SECURE_HSTS_SECONDS", "0" if RELAXED else "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = not RELAXED
SECURE_HSTS_PRELOAD = not RELAXED
BEHIND_TLS_PROXY = env_bool("BEHIND_TLS_PROXY")
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if BEHIND_TLS_PROXY else None
# Behind the proxy every request comes from its address: the client's is the last X-Forwarded-For
# entry (the one the proxy appended), so per-address sign-in limits count each client on its own.
ALLAUTH_TRUSTED_PROXY_COUNT = int(env("TRUSTED_PROXY_COUNT", "1" if BEHIND_TLS_PROXY else "0"))
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
# Sent with every HTML page by scotemp.core.middleware.SecurityHeadersMiddleware (same shape as Django
# 6.0's SECURE_CSP). Scripts and styles come from our own static files only: no inline script, no
# style attribute, no eval (htmx runs with allowEval off, see base.html); images may be data: URLs
# (the two-factor QR code).
SELF, NONE = "'self'", "'none'"
SECURE_CSP = {
    "default-src": [SELF],
    "script-src": [SELF],
    "style-src": [SELF],
    "img-src": [SELF, "data:"],
    "font-src": [SELF],
    "connect-src": [SELF],
    "object-src": [NONE],
    "base-uri": [SELF],
    "form-action": [SELF],
    "frame-ancestors": [NONE],
}
# django-rq's queue dashboard in the admin (operator staff only) has inline scripts and styles.
SECURE_CSP_PATHS = {
    "/admin/django_rq/": {
        **SECURE_CSP,
        "script-src": [SELF, "'unsafe-inline'"],
        "style-src": [SELF, "'unsafe-inline'"],
    }
}
# Browser features no page of the site uses.
SECURE_PERMISSIONS_POLICY = ["camera", "microphone", "geolocation", "payment", "usb"]

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "WARNING" if MODE == "test" else "INFO")},
    # fontTools logs every glyph of every font subset at INFO: hundreds of lines per PDF document.
    "loggers": {"fontTools": {"level": "WARNING"}},
}

if MODE == "test":
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"

SCOTEMP_PLATFORM_NAME = _("SCO TEMP")
# Turns an API token's secret into the token the API acts with (scotemp.core.api.auth).
SCOTEMP_TOKEN_RESOLVER = "scotemp.accounts.tokens.resolve"
# Fonts of the deal documents (PDF, scotemp/deals/documents/fonts.py): Noto Sans (Latin, Cyrillic), Noto Sans
# CJK, Noto Sans Arabic and Noto Sans Devanagari where Debian/Ubuntu (fonts-noto-core, fonts-noto-cjk),
# Fedora, Arch or openSUSE install them; check deals.W001 warns when a script has no font.
# SCOTEMP_PDF_FONT: a .ttc/.ttf/.otf file put first in the chain; SCOTEMP_PDF_FONT_DIRS: directories
# (":"-separated) searched before the distributions' ones.
SCOTEMP_PDF_FONT = env("SCOTEMP_PDF_FONT", "")
SCOTEMP_PDF_FONT_DIRS = env("SCOTEMP_PDF_FONT_DIRS", "")
# A letter no font prints: strict refuses the document (MissingGlyphs), otherwise it is logged as an
# error and the document is made. Strict in the test suite.
SCOTEMP_PDF_STRICT = env_bool("SCOTEMP_PDF_STRICT", default=MODE == "test")
# Deal documents are built by the task worker when a deal with agreed terms changes status, so the
# first download reads them from the cache; off in the test suite, whose tasks run at once.
SCOTEMP_PREPARE_DOCUMENTS = env_bool("SCOTEMP_PREPARE_DOCUMENTS", default=MODE != "test")
# Match index per worker process (ADR 0004): memory budget in MB of numpy columns (least recently
# used groups are dropped past it) and warming at worker start (off in tests).
MATCH_INDEX_MAX_MB = int(env("SCOTEMP_MATCH_INDEX_MB", "512") or 512)
MATCH_INDEX_WARM = env_bool("SCOTEMP_MATCH_INDEX_WARM", default=MODE != "test")
