"""
Settings shared by every environment.

Everything that differs between machines comes from the environment:
- DATABASE_URL       a PostgreSQL URL (psycopg 3) or a SQLite file; SQLite in the project by default
- CELERY_BROKER_URL  a Redis URL; without it Celery runs tasks eagerly in the web process
- CACHE_URL          a Redis URL for the shared cache; a per-process memory cache without it
"""

from pathlib import Path

import dj_database_url
from celery.schedules import crontab
from django.utils.translation import gettext_lazy as _

from config.env import env, env_bool

BASE_DIR = Path(__file__).resolve().parent.parent.parent

# ------------------------------------------------------------------------------
# Core
# ------------------------------------------------------------------------------
SECRET_KEY = env("DJANGO_SECRET_KEY", "insecure-development-key-change-me")
DEBUG = env_bool("DJANGO_DEBUG", False)
ALLOWED_HOSTS = [h for h in env("DJANGO_ALLOWED_HOSTS", "localhost,127.0.0.1").split(",") if h]
ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
SITE_ID = 1

DJANGO_APPS = [
    "apps.access.apps.ScopedAdminConfig",  # django.contrib.admin with the role-scoped site
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.sites",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
]
THIRD_PARTY_APPS = [
    "allauth",
    "allauth.account",
    "rules.apps.AutodiscoverRulesConfig",
    "treebeard",
    "import_export",
    "phonenumber_field",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "django_ratelimit",
]
LOCAL_APPS = [
    "apps.core",
    "apps.places",
    "apps.accounts",
    "apps.access",
    "apps.organizations",
    "apps.notifications",
    "apps.reports",
    "apps.halls",
    "apps.oversight",
    "apps.api",
    "apps.demo",
]
INSTALLED_APPS = DJANGO_APPS + THIRD_PARTY_APPS + LOCAL_APPS

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
]

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "apps.core.text_size.context",
            ],
        },
    },
]

# ------------------------------------------------------------------------------
# Database
# ------------------------------------------------------------------------------
DATABASES = {
    "default": dj_database_url.parse(
        env("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=60,
        conn_health_checks=True,
    )
}

# ------------------------------------------------------------------------------
# Authentication (django-allauth: mainland mobile number or e-mail)
# ------------------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_REDIRECT_URL = "accounts:home"
LOGIN_URL = "account_login"
ACCOUNT_ADAPTER = "apps.accounts.adapter.AccountAdapter"
ACCOUNT_LOGIN_METHODS = {"phone", "email"}
ACCOUNT_SIGNUP_FIELDS = ["phone*", "email", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "none"
ACCOUNT_PHONE_VERIFICATION_ENABLED = True
ACCOUNT_PHONE_VERIFICATION_CODE_FORMAT = {"numeric": True, "length": 6, "dashed": False}
ACCOUNT_LOGOUT_ON_GET = False
ACCOUNT_SESSION_REMEMBER = None

PHONENUMBER_DEFAULT_REGION = "CN"
PHONENUMBER_DEFAULT_FORMAT = "E164"

# Text messages go through apps.accounts.sms; "console" prints them, "locmem" keeps them for tests.
SMS_BACKEND = env("SMS_BACKEND", "apps.accounts.sms.ConsoleSmsBackend")

# ------------------------------------------------------------------------------
# Internationalisation: Chinese first, English second
# ------------------------------------------------------------------------------
LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", _("Simplified Chinese")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

# ------------------------------------------------------------------------------
# Static and media files
# ------------------------------------------------------------------------------
STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = BASE_DIR / "staticfiles"
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env("DJANGO_MEDIA_ROOT", str(BASE_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

SITE_URL = env("SITE_URL", "http://127.0.0.1:8000")  # absolute links in QR codes, e-mails, text messages
EMAIL_BACKEND = env("DJANGO_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = env("DJANGO_DEFAULT_FROM_EMAIL", "共治 <noreply@gongzhi.invalid>")

# ------------------------------------------------------------------------------
# Celery: a real Redis broker when CELERY_BROKER_URL is set, eager otherwise
# ------------------------------------------------------------------------------
CELERY_BROKER_URL = env("CELERY_BROKER_URL", "")
CELERY_RESULT_BACKEND = env("CELERY_RESULT_BACKEND", CELERY_BROKER_URL)
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULE = {
    "supervise-report-deadlines": {
        "task": "apps.reports.tasks.supervise_deadlines",
        "schedule": 60.0,
    },
    "close-unrated-reports": {
        "task": "apps.reports.tasks.close_unrated_reports",
        "schedule": 60.0 * 60,
    },
    "oversight-refresh-rollups": {"task": "apps.oversight.tasks.refresh_rollups", "schedule": 300.0},
    "oversight-early-warnings": {
        "task": "apps.oversight.tasks.raise_early_warnings",
        "schedule": crontab(hour=6, minute=30),
    },
    "oversight-weekly-ledger": {
        "task": "apps.oversight.tasks.send_weekly_ledger",
        "schedule": crontab(day_of_week="mon", hour=7, minute=0),
    },
    "open-due-votes": {"task": "apps.halls.tasks.open_due_votes", "schedule": 60.0},
    "close-due-votes": {"task": "apps.halls.tasks.close_due_votes", "schedule": 60.0},
    "close-due-notices": {"task": "apps.halls.tasks.close_due_notices", "schedule": 300.0},
    "supervise-task-deadlines": {"task": "apps.halls.tasks.supervise_task_deadlines", "schedule": 900.0},
    "heartbeat": {
        "task": "apps.core.tasks.heartbeat",
        "schedule": float(env("CELERY_HEARTBEAT_SECONDS", "60")),
    },
}

# django-ratelimit counts in the default cache. Django's RedisCache increments atomically though the
# library lists only django-redis; the memory cache of the embedded default counts per process.
SILENCED_SYSTEM_CHECKS = ["django_ratelimit.W001", "django_ratelimit.E003"]
REPORT_RATE_PER_ADDRESS = env("REPORT_RATE_PER_ADDRESS", "20/h")
REPORT_RATE_PER_BOARD = env("REPORT_RATE_PER_BOARD", "60/h")

REPORT_CLOSE_UNRATED_AFTER_DAYS = 7
REPORT_SCAN_FLUSH_EVERY = int(env("REPORT_SCAN_FLUSH_EVERY", "10"))
REPORT_RATE_WEIGHTS = {"response": 0.3, "resolution": 0.4, "satisfaction": 0.3}

CACHES = {
    "default": (
        {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": env("CACHE_URL")}
        if env("CACHE_URL", "")
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    )
}

# ------------------------------------------------------------------------------
# REST API
# ------------------------------------------------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Gongzhi API",
    "VERSION": "1",
    "ENUM_NAME_OVERRIDES": {"TopicStatusEnum": "apps.halls.procedure.TopicStatus"},
}
API_ANONYMOUS_CREATE_RATE = env("API_ANONYMOUS_CREATE_RATE", "20/hour")
OPEN311_JURISDICTION_ID = env("OPEN311_JURISDICTION_ID", "gongzhi")
OPEN311_PUBLIC_REQUESTS = env_bool("OPEN311_PUBLIC_REQUESTS", True)

IMPORT_EXPORT_USE_TRANSACTIONS = True
IMPORT_EXPORT_SKIP_ADMIN_LOG = False

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env("DJANGO_LOG_LEVEL", "INFO")},
}
