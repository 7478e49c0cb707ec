"""
Settings shared by every way of running Wij(k) de Ruwaard.

Everything that differs between a laptop and production is read from the
environment: DATABASE_URL, REDIS_URL, SECRET_KEY, DEBUG, ALLOWED_HOSTS,
the EMAIL_* variables, RATELIMIT_ENABLE, PAGE_CACHE_SECONDS, LIVE_URL, REDIS_POOL_SIZE and
CHANNEL_POOL_SIZE.
"""

import os
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "daphne",
    "home",
    "stories",
    "initiatives",
    "dropins",
    "agenda",
    "places",
    "moderation",
    "api",
    "wijkplatform",
    "wagtail.contrib.redirects",
    "wagtail.contrib.routable_page",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "channels",
    "django_tasks",
    "django_tasks_db",
    "allauth",
    "allauth.account",
    "csp",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.syndication",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "wijkplatform.middleware.refuse_null_characters",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "wijkplatform.middleware.ChosenLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "wijkplatform.page_cache.AnonymousPageCacheMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wijkplatform.middleware.SitePolicyCSPMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "django_ratelimit.middleware.RatelimitMiddleware",
]

ROOT_URLCONF = "wijkplatform.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wijkplatform.context_processors.site_navigation",
                "wijkplatform.context_processors.live",
            ],
        },
    },
]

ASGI_APPLICATION = "wijkplatform.asgi.application"
WSGI_APPLICATION = None

# Live updates: browsers open a WebSocket to /ws/live/ on the site itself, unless LIVE_URL names another address
# (`make serve` serves pages with gunicorn and WebSockets with uvicorn on the next port).
LIVE_URL = os.environ.get("LIVE_URL", "")

# Database: SQLite file by default, anything dj-database-url understands otherwise.
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "0")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers go on while one request writes; IMMEDIATE takes the write
    # lock at the start of a transaction, so concurrent writers queue instead of
    # failing halfway with "database is locked".
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
    # A file, not memory, so that a served test site (browser tests) shares it.
    DATABASES["default"]["TEST"] = {"NAME": str(BASE_DIR / f"test-db{os.environ.get('TEST_DB_SUFFIX', '')}.sqlite3")}
IS_POSTGRES = DATABASES["default"]["ENGINE"].startswith("django.db.backends.postgresql")
if IS_POSTGRES:
    INSTALLED_APPS.append("django.contrib.postgres")

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Cache and channel layer: in-memory by default, Redis with REDIS_URL. Rate limits count in a cache of their own,
# which keeps counting in each worker's memory while Redis is away; the shared cache then caches nothing
# (wijkplatform/cache.py). Short socket timeouts: a missing Redis costs a request milliseconds, not a hang.
# Pool sizes per worker: redis-py's own default (100) closes WebSockets beyond about a hundred clients.
REDIS_URL = os.environ.get("REDIS_URL", "")
REDIS_POOL_SIZE = int(os.environ.get("REDIS_POOL_SIZE", "200"))
CHANNEL_POOL_SIZE = int(os.environ.get("CHANNEL_POOL_SIZE", "2000"))
if REDIS_URL:
    REDIS_CACHE = {
        "BACKEND": "wijkplatform.cache.FallbackRedisCache",
        "LOCATION": REDIS_URL,
        "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "wijk"),
        "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5, "max_connections": REDIS_POOL_SIZE},
    }
    CACHES = {
        "default": REDIS_CACHE,
        "ratelimit": {**REDIS_CACHE, "OPTIONS": {**REDIS_CACHE["OPTIONS"], "FALLBACK": "local"}},
    }
    CHANNEL_LAYERS = {
        "default": {
            "BACKEND": "channels_redis.core.RedisChannelLayer",
            "CONFIG": {
                "hosts": [{"address": REDIS_URL, "max_connections": CHANNEL_POOL_SIZE, "socket_connect_timeout": 1}],
                "prefix": os.environ.get("CHANNEL_PREFIX", "wijk"),
            },
        }
    }
else:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        "ratelimit": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "ratelimit"},
    }
    CHANNEL_LAYERS = {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}}

# Background tasks: run at once unless a worker is configured (see production.py).
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

# Django's password checks, with the site's own messages (wijkplatform/accounts.py).
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "wijkplatform.accounts.UserAttributeSimilarityValidator"},
    {"NAME": "wijkplatform.accounts.MinimumLengthValidator"},
    {"NAME": "wijkplatform.accounts.CommonPasswordValidator"},
    {"NAME": "wijkplatform.accounts.NumericPasswordValidator"},
]

AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]

# Accounts (django-allauth): e-mail confirmation is required before a new
# resident can log in; failed logins are rate-limited per address and IP.
ACCOUNT_LOGIN_METHODS = {"username", "email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "username*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_RATE_LIMITS = {
    "login_failed": "5/5m/ip,5/5m/key",
    "login": "30/m/ip",
    "signup": "10/h/ip",
    "reset_password": "5/h/ip,3/h/key",
    "confirm_email": "3/h/key",
}
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Wij(k) de Ruwaard] "
# The one login for site and admin (/admin/login/ uses it too), with one lockout message.
ACCOUNT_ADAPTER = "wijkplatform.accounts.AccountAdapter"
ACCOUNT_USERNAME_VALIDATORS = "wijkplatform.accounts.USERNAME_VALIDATORS"
# The site's own labels and messages ("u", plain Dutch) on every account form.
ACCOUNT_FORMS = {
    "login": "wijkplatform.forms.LoginForm",
    "signup": "wijkplatform.forms.SignupForm",
    "add_email": "wijkplatform.forms.AddEmailForm",
    "change_password": "wijkplatform.forms.ChangePasswordForm",
    "set_password": "wijkplatform.forms.SetPasswordForm",
    "reset_password": "wijkplatform.forms.ResetPasswordForm",
    "reset_password_from_key": "wijkplatform.forms.ResetPasswordKeyForm",
    "reauthenticate": "wijkplatform.forms.ReauthenticateForm",
}
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "my_contributions"
ACCOUNT_LOGOUT_REDIRECT_URL = "/"

# Our own forms use django-ratelimit; RATELIMIT_ENABLE=0 turns it off for load tests.
RATELIMIT_ENABLE = env_bool("RATELIMIT_ENABLE", True)
ACCOUNT_RATE_LIMITS = ACCOUNT_RATE_LIMITS if RATELIMIT_ENABLE else False
RATELIMIT_VIEW = "wijkplatform.views.rate_limited"
RATELIMIT_USE_CACHE = "ratelimit"

# Public pages for visitors without an account come from the cache (wijkplatform/page_cache.py), dropped on every
# change; the seconds limit what only the clock changes ("open now"). 0 turns it off.
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "60"))

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", "Nederlands"), ("en", "English"), ("tr", "Türkçe")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = BASE_DIR / "staticfiles"
STATIC_URL = "/static/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
MEDIA_URL = "/media/"
SERVE_MEDIA = env_bool("SERVE_MEDIA", True)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# Mail: console by default; SMTP when EMAIL_HOST is set.
EMAIL_HOST = os.environ.get("EMAIL_HOST", "")
if EMAIL_HOST:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "587"))
    EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
    EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
    EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Wij(k) de Ruwaard <noreply@wijkderuwaard.nl>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Wagtail
WAGTAIL_SITE_NAME = "Wij(k) de Ruwaard"
WAGTAILADMIN_BASE_URL = os.environ.get("BASE_URL", "http://127.0.0.1:8000")
WAGTAILSEARCH_BACKENDS = {
    "default": {
        "BACKEND": "wagtail.search.backends.database",
        "SEARCH_CONFIG": "dutch" if IS_POSTGRES else None,
        "INDEX_PREFIX": "wijk_",
    }
}
WAGTAIL_I18N_ENABLED = False
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
WAGTAIL_ENABLE_UPDATE_CHECK = False
# Passwords are reset through /account/ only, under its rate limits.
WAGTAIL_PASSWORD_RESET_ENABLED = False
WAGTAIL_WORKFLOW_REQUIRE_REAPPROVAL_ON_EDIT = True
WAGTAILADMIN_NOTIFICATION_INCLUDE_SUPERUSERS = False
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 8 * 1024 * 1024
WAGTAILIMAGES_EXTENSIONS = ["jpg", "jpeg", "png", "webp", "gif"]
WAGTAILDOCS_EXTENSIONS = ["pdf", "odt", "docx"]
WAGTAIL_ALLOW_UNICODE_SLUGS = False

# Content-Security-Policy: only our own origin, nothing from third parties.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        # The Wagtail admin sets inline styles; scripts stay same-origin only.
        "style-src": [SELF, "'unsafe-inline'"],
        "img-src": [SELF, "data:", "blob:"],
        "font-src": [SELF, "data:"],
        "connect-src": [SELF, *([LIVE_URL] if LIVE_URL else [])],
        "media-src": [SELF],
        "frame-src": [SELF],
        "frame-ancestors": [SELF],
        "form-action": [SELF],
        "base-uri": [SELF],
        "object-src": [NONE],
    }
}

# Privacy: how long volunteers' contact details are kept after a shift.
SIGNUP_RETENTION_DAYS = int(os.environ.get("SIGNUP_RETENTION_DAYS", "30"))
# How long copies of sent e-mails stay in the task queue (production: cron runs
# `manage.py prune_db_task_results --min-age-days $MAIL_QUEUE_RETENTION_DAYS`, see README).
MAIL_QUEUE_RETENTION_DAYS = int(os.environ.get("MAIL_QUEUE_RETENTION_DAYS", "14"))
# How long the link in the e-mail that opens "Mijn aanmeldingen" (no account needed) works.
VOLUNTEER_DATA_LINK_MINUTES = int(os.environ.get("VOLUNTEER_DATA_LINK_MINUTES", "30"))

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

# No avatars from a third-party service in the admin.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
