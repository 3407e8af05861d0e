"""Settings for Breathing Room.

Every setting an operator may change is read from the environment here, so one file tells the
whole story. The embedded default (SQLite in ``var/``, in-memory channel layer, console email)
needs no variables at all; ``PRODUCTION=1`` turns on the settings for serving over HTTPS.
"""

from __future__ import annotations

import logging
import os
import secrets
import warnings
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def envbool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    if value.lower() in {"1", "true", "yes", "on"}:
        return True
    if value.lower() in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {value!r}.")


def envint(name: str, default: int) -> int:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}.") from None


def envstr(name: str, default: str = "") -> str:
    return os.environ.get(name) or default


def envlist(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in envstr(name, default).split(",") if item.strip()]


PRODUCTION = envbool("PRODUCTION", False)
DEBUG = envbool("DEBUG", False)
if PRODUCTION and DEBUG:
    raise ImproperlyConfigured("DEBUG must be off when PRODUCTION is on: debug pages show private data.")

VAR_DIR = Path(envstr("VAR_DIR", str(BASE_DIR / "var")))
VAR_DIR.mkdir(parents=True, exist_ok=True)


def _embedded_secret_key() -> str:
    # Generated once and kept beside the data, so sessions survive a restart.
    path = VAR_DIR / "secret_key"
    if not path.exists():
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as f:
            f.write(secrets.token_urlsafe(50))
    return path.read_text().strip()


SECRET_KEY = envstr("SECRET_KEY")
if not SECRET_KEY:
    if PRODUCTION:
        raise ImproperlyConfigured(
            "PRODUCTION is on but SECRET_KEY is not set. Set the SECRET_KEY environment variable "
            "to a long random string (for example: python -c 'import secrets; "
            "print(secrets.token_urlsafe(50))')."
        )
    SECRET_KEY = _embedded_secret_key()

_host = envstr("HOST", "127.0.0.1")
# Listening on every interface is not an address anyone can open: links then name this machine.
_public_host = "localhost" if _host in {"0.0.0.0", "::"} else _host  # noqa: S104
SITE_URL = envstr("SITE_URL", f"http://{_public_host}:{envint('PORT', 8000)}")
SITE_NAME = "Breathing Room"
# Where "Leave quickly" goes: an everyday page that says nothing about why someone was here.
QUICK_EXIT_URL = envstr("QUICK_EXIT_URL", "https://www.bbc.com/weather")
if urlsplit(QUICK_EXIT_URL).scheme not in {"http", "https"}:
    raise ImproperlyConfigured("QUICK_EXIT_URL must be an http:// or https:// address.")
_site = urlsplit(SITE_URL)
if PRODUCTION and _site.scheme != "https":
    raise ImproperlyConfigured("PRODUCTION is on, so SITE_URL must start with https://.")
ALLOWED_HOSTS = envlist("ALLOWED_HOSTS") or [_site.hostname or "localhost", "localhost", "127.0.0.1", "[::1]"]
CSRF_TRUSTED_ORIGINS = [f"{_site.scheme}://{_site.netloc}"]

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",  # allauth's passkey list uses it
    "channels",
    "django_htmx",
    "csp",
    "django_tasks",
    "django_tasks_db",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "allauth.headless",
    "allauth.usersessions",
    "ninja",
    "breathingroom.accounts",
    "breathingroom.couples",
    "breathingroom.agreements",
    "breathingroom.breaks",
    "breathingroom.calm",
    "breathingroom.body",
    "breathingroom.journal",
    "breathingroom.phrasebook",
    "breathingroom.softstart",
    "breathingroom.appreciations",
    "breathingroom.dance",
    "breathingroom.lessons",
    "breathingroom.help",
    "breathingroom.firstsession",
    "breathingroom.insights",
    "breathingroom.therapy",
    "breathingroom.reports",
    "breathingroom.events",
    "breathingroom.notify",
    "breathingroom.offers",
    "breathingroom.safety",
    "breathingroom.webapp",
    "breathingroom.security",
    "breathingroom.vault",
    # Above every other app: it reads each one's personal_data declaration.
    "breathingroom.yourdata",
    "breathingroom.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "breathingroom.api.middleware.JsonErrorsForApi",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "allauth.usersessions.middleware.UserSessionsMiddleware",
    "breathingroom.reading.ReadOnce",
    "breathingroom.events.kept_pages.ChangesForgetKeptPages",
    "breathingroom.accounts.middleware.PersonTimeZoneMiddleware",
    "breathingroom.accounts.middleware.PersonLanguageMiddleware",
    "breathingroom.security.middleware.RememberDevice",
    "breathingroom.security.middleware.KeepNothingPrivate",
]

ROOT_URLCONF = "breathingroom.urls"
# How many requests each web process works on at once (see breathingroom/pacing.py); more wait.
# Two, not more: one process runs Python on one core, so each request past the second only adds
# threads handing the interpreter lock to one another (Home: 37 pages a second with 4 at once, 46
# with 1, 45 with 2), and a second keeps the process answering while one waits on the database.
REQUESTS_AT_ONCE = envint("REQUESTS_AT_ONCE", 2)
# Serve Home, the live panel, the history and their API answers again until news (events/kept_pages.py).
KEEP_PAGES = envbool("KEEP_PAGES", True)
ASGI_APPLICATION = "breathingroom.asgi.application"
WSGI_APPLICATION = None

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "breathingroom" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "breathingroom.accounts.context_processors.site",
                "breathingroom.breaks.context_processors.space",
                "breathingroom.breaks.held.held",
                "breathingroom.offers.context_processors.notification_offer",
                "breathingroom.events.context_processors.live",
                "breathingroom.safety.context_processors.quick_exit",
            ],
            # Every page shows people's words, so the filter that isolates them needs no {% load %}.
            "builtins": ["breathingroom.writing", "breathingroom.sentences"],
        },
    },
]

# Data: SQLite in var/ unless DATABASE_URL says otherwise.
DATABASE_URL = envstr("DATABASE_URL")
# Our SQLite backend queues each process's writers in order before SQLite's own lock (see
# breathingroom/sqlite/base.py); without it, SQLite's polling let some writers starve under load.
SQLITE_ENGINE = "breathingroom.sqlite"
SQLITE_OPTIONS = {
    # WAL lets the web process read while the worker writes; IMMEDIATE transactions take the write
    # lock up front instead of failing halfway with "database is locked".
    "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    "transaction_mode": "IMMEDIATE",
    "timeout": 20,
}
# Each request thread is used again (breathingroom/pacing.py), and keeps its connection this many
# seconds rather than opening one per request: a minute, so a file put back from a backup while the
# app runs is not read through an old connection for long.
SQLITE_CONNECTION_KEPT = 60
if DATABASE_URL:
    DATABASES = {"default": dj_database_url.parse(DATABASE_URL)}
    if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
        # Under ASGI each request runs in a thread of its own, so a connection kept by a thread is
        # never used again: without a pool every request and every socket's call opened a new one
        # (a few milliseconds each). Each process keeps up to DB_POOL_SIZE open and lends them out.
        DATABASES["default"].setdefault("OPTIONS", {})["pool"] = {
            "min_size": 2,
            "max_size": envint("DB_POOL_SIZE", 10),
            # A request waits this long for a free connection, then fails rather than hang.
            "timeout": 10,
        }
        # Named per process, so two test runs on one machine never share a database.
        DATABASES["default"].setdefault("TEST", {})["NAME"] = f"test_breathingroom_{os.getpid()}"
    elif DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
        # sqlite:////path/to/file.sqlite3, e.g. for a second process on the same file.
        DATABASES["default"]["ENGINE"] = SQLITE_ENGINE
        DATABASES["default"]["OPTIONS"] = SQLITE_OPTIONS
        DATABASES["default"]["CONN_MAX_AGE"] = SQLITE_CONNECTION_KEPT
else:
    DATABASES = {
        "default": {
            "ENGINE": SQLITE_ENGINE,
            "NAME": str(VAR_DIR / "breathingroom.sqlite3"),
            # A file, not memory, so the test server's threads share it; one per process.
            "TEST": {"NAME": str(VAR_DIR / f"test-{os.getpid()}.sqlite3")},
            "OPTIONS": SQLITE_OPTIONS,
            "CONN_MAX_AGE": SQLITE_CONNECTION_KEPT,
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = envstr("REDIS_URL")
# While the suite runs in several processes at once (pytest-xdist names them gw0, gw1, …), each gets a
# Redis database of its own, as it gets a test database of its own: one's flush or events never
# reach another's. Processes a test starts inherit the name, and so the same database.
TEST_PROCESS = os.environ.get("PYTEST_XDIST_WORKER", "")
if REDIS_URL and TEST_PROCESS.startswith("gw"):
    REDIS_URL = urlunsplit(urlsplit(REDIS_URL)._replace(path=f"/{int(TEST_PROCESS[2:]) % 15 + 1}"))
if REDIS_URL:
    # A second at most for Redis to answer; past that each process carries on with its own cache.
    CACHES = {
        "default": {
            "BACKEND": "breathingroom.cache.RedisWithFallback",
            "LOCATION": REDIS_URL,
            "OPTIONS": {"socket_timeout": 1, "socket_connect_timeout": 1},
        }
    }
    # redis-py 8 times socket reads out after 5 s by default, exactly the length of the channel
    # layer's blocking wait for a message, which tore every idle WebSocket down. Give the wait room.
    CHANNEL_LAYERS = {
        "default": {
            "BACKEND": "breathingroom.events.layer.PooledRedisChannelLayer",
            "CONFIG": {"hosts": [{"address": REDIS_URL, "socket_timeout": 8, "socket_connect_timeout": 5}]},
        }
    }
else:
    # Room for the pages kept for a few thousand people (events/kept_pages.py, about 5 KB each).
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "OPTIONS": {"MAX_ENTRIES": 5000}}}
    CHANNEL_LAYERS = {"default": {"BACKEND": "breathingroom.events.layer.SweptInMemoryChannelLayer"}}

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}

# Accounts
AUTH_USER_MODEL = "accounts.Person"
# Django's and allauth's, reading the person with a query written once (accounts/backends.py).
AUTHENTICATION_BACKENDS = [
    "breathingroom.accounts.backends.PasswordBackend",
    "breathingroom.accounts.backends.AccountBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "home"
ACCOUNT_LOGOUT_REDIRECT_URL = "home"
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_ADAPTER = "breathingroom.accounts.adapter.AccountAdapter"
ACCOUNT_SIGNUP_FORM_CLASS = "breathingroom.accounts.forms.SignupDetailsForm"
# Mandatory verification is also what stops sign-up from telling anyone which addresses have an
# account here, so it is the production default.
ACCOUNT_EMAIL_VERIFICATION = envstr("ACCOUNT_EMAIL_VERIFICATION", "mandatory" if PRODUCTION else "optional")
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_SESSION_REMEMBER = True
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Breathing Room] "
# Failed sign-ins are counted per address (ten a minute, whichever accounts they try) and per
# account (five in five minutes, from wherever they come), so neither many machines guessing one
# password nor one machine trying many accounts gets far. A sign-in that succeeds is not counted,
# and a password reset clears the account's count, so its owner is never locked out for long.
# Behind a proxy the address is the client's own only if uvicorn trusts it (FORWARDED_ALLOW_IPS).
ACCOUNT_RATE_LIMITS = {"login_failed": "10/m/ip,5/5m/key"}
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes", "webauthn"]
MFA_PASSKEY_LOGIN_ENABLED = True
MFA_PASSKEY_SIGNUP_ENABLED = False
MFA_TOTP_ISSUER = SITE_NAME
MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN = not PRODUCTION
HEADLESS_CLIENTS = ("app",)
HEADLESS_ADAPTER = "breathingroom.accounts.adapter.HeadlessAdapter"
HEADLESS_ONLY = False
HEADLESS_TOKEN_STRATEGY = "breathingroom.security.session_store.SessionTokens"  # noqa: S105 - a class's path
USERSESSIONS_TRACK_ACTIVITY = False
# Signing out everywhere else goes into the security log; allauth has no signal for it.
USERSESSIONS_ADAPTER = "breathingroom.security.sessions.UserSessionsAdapter"

# Email: printed to the console unless an SMTP server is named.
EMAIL_HOST = envstr("EMAIL_HOST")
if EMAIL_HOST:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_PORT = envint("EMAIL_PORT", 587)
    EMAIL_HOST_USER = envstr("EMAIL_HOST_USER")
    EMAIL_HOST_PASSWORD = envstr("EMAIL_HOST_PASSWORD")
    EMAIL_USE_TLS = envbool("EMAIL_USE_TLS", True)
    EMAIL_USE_SSL = envbool("EMAIL_USE_SSL", False)
    EMAIL_TIMEOUT = 15
elif PRODUCTION:
    raise ImproperlyConfigured(
        "PRODUCTION is on but EMAIL_HOST is not set: password resets and email confirmations would "
        "only be printed to the log. Set EMAIL_HOST (and EMAIL_PORT, EMAIL_HOST_USER, EMAIL_HOST_PASSWORD)."
    )
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
DEFAULT_FROM_EMAIL = envstr("DEFAULT_FROM_EMAIL", f"Breathing Room <breathingroom@{_site.hostname}>")

# Web Push: this server's VAPID key pair (base64url, as `npx web-push generate-vapid-keys` or
# py-vapid print them); without them a pair is made once into VAR_DIR. The subject tells push
# services whom to contact: an https URL or a mailto: address (default: SITE_URL if https, else the sender).
VAPID_PRIVATE_KEY = envstr("VAPID_PRIVATE_KEY")
VAPID_PUBLIC_KEY = envstr("VAPID_PUBLIC_KEY")
VAPID_SUBJECT = envstr("VAPID_SUBJECT")
# Push goes only to services on the public internet (notify/addresses.py). Tests run one of their
# own on this machine and turn this on; anywhere else it would let a browser's address reach inwards.
PUSH_ALLOWED_PRIVATE_ENDPOINTS = envbool("PUSH_ALLOWED_PRIVATE_ENDPOINTS", False)
if PRODUCTION and PUSH_ALLOWED_PRIVATE_ENDPOINTS:
    raise ImproperlyConfigured("PUSH_ALLOWED_PRIVATE_ENDPOINTS is for tests only; remove it in production.")

# Private words (notes, check-ins, reassurances, the agreement's words) are kept encrypted in the
# database with these Fernet keys, comma-separated: the first encrypts, all decrypt, so a new key
# goes first and `manage.py rotate_encryption_keys` retires the old (see vault/keys.py). Without
# them a key is made once into VAR_DIR; production must name its own, kept apart from backups.
ENCRYPTION_KEYS = envlist("ENCRYPTION_KEYS")
if PRODUCTION and not ENCRYPTION_KEYS:
    raise ImproperlyConfigured(
        "PRODUCTION is on but ENCRYPTION_KEYS is not set. Set it to a Fernet key (for example: python -c "
        "'from cryptography.fernet import Fernet; print(Fernet.generate_key().decode())') and keep a copy "
        "apart from the database backups: without it, private notes cannot be read."
    )

# How many real seconds one minute of a break lasts. Always 60, except in end-to-end tests, which
# set it lower so a whole break, extension and reconnection fit in a few seconds; every rule about
# lengths stays the same, only the clock runs faster.
BREAK_MINUTE_SECONDS = envint("BREAK_MINUTE_SECONDS", 60)
if PRODUCTION and BREAK_MINUTE_SECONDS != 60:
    raise ImproperlyConfigured("BREAK_MINUTE_SECONDS is for end-to-end tests only; remove it in production.")

# Language and time: stored in UTC, shown in each person's own zone.
LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("de", _("German"))]
LOCALE_PATHS = [BASE_DIR / "breathingroom" / "locale"]
USE_I18N = True
# Dates are named ("DAY_MONTH_FORMAT") and each language says them its own way: breathingroom/formats/.
FORMAT_MODULE_PATH = ["breathingroom.formats"]
TIME_ZONE = "UTC"
USE_TZ = True

# Static files. When they are collected (always in production, and by `make run`), each file's name
# carries a hash of its content and it is kept compressed (gzip and brotli) beside it, so WhiteNoise
# serves them compressed and lets browsers keep them for good. Tests and development read them
# straight from the apps instead, so a change shows at once and nothing needs collecting first.
STATIC_COLLECTED = PRODUCTION or envbool("STATIC_COLLECTED", False)
STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "breathingroom" / "static"]
STATIC_ROOT = VAR_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if STATIC_COLLECTED
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = not STATIC_COLLECTED
# WhiteNoise hands Django file iterators that are synchronous; under ASGI Django reads them whole,
# which is fine for our few small files but warns on every request.
warnings.filterwarnings("ignore", message="StreamingHttpResponse must consume synchronous iterators")
WHITENOISE_AUTOREFRESH = DEBUG

# Security. The policy allows no inline script or style anywhere.
# Django's sessions in the database, read with a query written once (security/session_store.py).
SESSION_ENGINE = "breathingroom.security.session_store"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "connect-src": [SELF],
        "worker-src": [SELF],  # the notifications' service worker, /sw.js
        "font-src": [SELF],
        "object-src": [NONE],
        "base-uri": [NONE],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
# Powerful browser features this app never needs are switched off for it and anything it might
# embed; above all the location, which a partner must never be able to learn through it. Passkeys
# (publickey-credentials-*) stay allowed on our own origin. Only features browsers know: one they do
# not (ambient-light-sensor, bluetooth) protects nothing and puts a warning on every page.
PERMISSIONS_POLICY: dict[str, list[str]] = {
    feature: []
    for feature in (
        "accelerometer",
        "autoplay",
        "browsing-topics",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "hid",
        "idle-detection",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "screen-wake-lock",
        "serial",
        "usb",
        "xr-spatial-tracking",
    )
} | {"publickey-credentials-create": ["self"], "publickey-credentials-get": ["self"], "clipboard-write": ["self"]}

if PRODUCTION:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = envbool("SECURE_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = envint("SECURE_HSTS_SECONDS", 60 * 60 * 24 * 365)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = envbool("SECURE_HSTS_PRELOAD", True)
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]


class _WithoutTemplateContext(logging.Filter):
    """Django logs each variable a template lacks with a traceback that prints the template's whole
    context; an email's context holds its confirmation or password-reset key. The line stays, the
    traceback goes."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.exc_info = None
        record.exc_text = None
        return True


LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"without_template_context": {"()": _WithoutTemplateContext}},
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": envstr("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.request": {"level": "ERROR"},
        "django.template": {"filters": ["without_template_context"]},
    },
}
