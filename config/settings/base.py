"""
Settings shared by every environment.

Everything that differs between machines comes from the environment:
- DATABASE_URL       a PostgreSQL URL (psycopg 3) or a SQLite file; SQLite in the project by default
- CELERY_BROKER_URL  a Redis URL; without it Celery runs tasks eagerly in the web process
- CACHE_URL          a Redis URL for the shared cache; a per-process memory cache without it
- DATABASE_REPLICA_URL  a streaming replica of DATABASE_URL for reads that may lag (optional)
"""

from datetime import timedelta
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
    "modeltranslation",  # before the admin, so that its forms see the translated fields
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
    "allauth.mfa",
    "axes",
    "rules.apps.AutodiscoverRulesConfig",
    "treebeard",
    "import_export",
    "phonenumber_field",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "django_ratelimit",
    "csp",
]
LOCAL_APPS = [
    "apps.core",
    "apps.places",
    "apps.accounts",
    "apps.access",
    "apps.audit",
    "apps.organizations",
    "apps.notifications",
    "apps.reports",
    "apps.halls",
    "apps.oversight",
    "apps.inspections",
    "apps.hotline",
    "apps.api",
]
INSTALLED_APPS = DJANGO_APPS + THIRD_PARTY_APPS + LOCAL_APPS
# `seed_demo` (the demo street) is installed by the local and test settings, never in production
DEMO_APPS = ["apps.demo"]

MIDDLEWARE = [
    "apps.core.logs.RequestLogMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "apps.core.privacy.private_by_default",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "apps.accounts.throttling.allauth_limits_answered",
    "apps.audit.middleware.AuditContextMiddleware",
    "axes.middleware.AxesMiddleware",
    "apps.core.replica.writers_on_primary",
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
# a streaming replica for the oversight pages, exports and API lists (apps/core/replica.py)
if env("DATABASE_REPLICA_URL", ""):
    DATABASES["replica"] = dj_database_url.parse(
        env("DATABASE_REPLICA_URL"), conn_max_age=60, conn_health_checks=True
    )
    DATABASES["replica"]["OPTIONS"] = {"connect_timeout": 2}
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
    DATABASE_ROUTERS = ["apps.core.replica.ReplicaRouter"]
REPLICA_PIN_SECONDS = int(env("REPLICA_PIN_SECONDS", "10"))  # a writer reads the primary this long
REPLICA_MAX_LAG_SECONDS = float(env("REPLICA_MAX_LAG_SECONDS", "5"))
REPLICA_RETRY_SECONDS = float(env("REPLICA_RETRY_SECONDS", "10"))  # an unreachable replica rests

# ------------------------------------------------------------------------------
# Authentication (django-allauth: mainland mobile number or e-mail)
# ------------------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "apps.accounts.throttling.LoginThrottleBackend",  # first: refuses a locked-out sign-in
    "apps.access.backends.TablePermissionBackend",  # the table, through django-rules: its no is final
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
# a forgotten password: sign in by a texted code, then set a new one (apps/accounts/passwords.py)
ACCOUNT_LOGIN_BY_CODE_ENABLED = True
PASSWORD_AFTER_CODE_SECONDS = 10 * 60
ACCOUNT_USER_DISPLAY = str  # "以 胡凤彬 登录": the person's name, never an internal username
ACCOUNT_FORMS = {
    "login": "apps.accounts.forms.LoginForm",
    "request_login_code": "apps.accounts.forms.RequestLoginCodeForm",
}
ACCOUNT_SESSION_REMEMBER = None

# Login throttling (django-axes): 5 failed sign-ins for one account from one address lock that
# pair out for 15 minutes; a whole carrier NAT is never locked out for one resident's typos.
# allauth's own count of failed sign-ins lives in the cache (per process without Redis); axes
# keeps it in the database, shared by every app server, so it alone decides.
ACCOUNT_RATE_LIMITS = {"login_failed": False}
AXES_FAILURE_LIMIT = int(env("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_USERNAME_CALLABLE = "apps.accounts.throttling.login_identifier"
AXES_LOCKOUT_TEMPLATE = "account/locked_out.html"
AXES_LOCKOUT_CALLABLE = "apps.accounts.throttling.lockout_response"
AXES_RESET_ON_SUCCESS = True
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False  # a locked account is shown the lock page
AXES_VERBOSE = False
# Behind N proxies (a load balancer), the resident's address is the Nth from the right of
# X-Forwarded-For; with none, only the connection's own address counts, as headers can be forged.
AXES_IPWARE_PROXY_COUNT = int(env("DJANGO_PROXY_COUNT", "0"))
AXES_IPWARE_META_PRECEDENCE_ORDER = (
    ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"] if AXES_IPWARE_PROXY_COUNT else ["REMOTE_ADDR"]
)

# Two-factor sign-in (allauth MFA, TOTP): required of everyone holding a staff role before the
# admin opens (apps.access.admin_site); off in development and the suite, whose MFA tests turn it on.
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "共治 Gongzhi"
ADMIN_MFA_REQUIRED = env_bool("ADMIN_MFA_REQUIRED", True)

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
# Text of the portal's own kept in the database (the category catalogue): Chinese, and English where
# it is written; an English reader sees the Chinese of what has no English yet.
MODELTRANSLATION_DEFAULT_LANGUAGE = "zh-hans"
MODELTRANSLATION_FALLBACK_LANGUAGES = ("zh-hans",)
# a category created with one name while English is active still has its Chinese
MODELTRANSLATION_AUTO_POPULATE = "default"
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

# Media on disk are served by apps.core.media with safe content types; with object storage
# (django-storages, see the README) set DJANGO_SERVE_MEDIA=0 and MEDIA_URL to the bucket's address.
SERVE_MEDIA = env_bool("DJANGO_SERVE_MEDIA", True)
# Behind nginx: an `internal` location serving MEDIA_ROOT; the portal checks, nginx sends the bytes.
MEDIA_ACCEL_REDIRECT = env("DJANGO_MEDIA_ACCEL_REDIRECT", "")
# how long a file link handed out by a page that showed it (a report's follow page) stays valid
FILE_GRANT_SECONDS = int(env("FILE_GRANT_SECONDS", "3600"))

# the Chinese font embedded in certificates (Debian's fonts-wqy-microhei); a CID font stands in without it
PDF_CHINESE_FONT = env("PDF_CHINESE_FONT", "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc")
SITE_URL = env("SITE_URL", "http://127.0.0.1:8000")  # absolute links in QR codes, e-mails, text messages
# Printing boards whose codes carry a loopback SITE_URL (127.0.0.1, localhost): development only.
PRINT_LOOPBACK_ADDRESSES = False
EMAIL_BACKEND = env("DJANGO_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env("DJANGO_EMAIL_HOST", "localhost")
EMAIL_PORT = int(env("DJANGO_EMAIL_PORT", "25"))
EMAIL_CLAIM_LEASE_SECONDS = int(env("EMAIL_CLAIM_LEASE_SECONDS", "60"))  # see notifications.services
EMAIL_FILE_PATH = env("DJANGO_EMAIL_FILE_PATH", str(BASE_DIR / "var" / "mail"))  # the filebased backend's
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
CELERY_WORKER_HIJACK_ROOT_LOGGER = False  # the worker logs through LOGGING below, as JSON lines
# A message taken by a worker that dies unacknowledged goes back to the queue after this long:
# longer than the longest task, or it would be handed to a second worker while the first runs.
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": int(env("CELERY_VISIBILITY_TIMEOUT", "3600"))}
# Nothing reads our tasks' results (they write to the database), and waiting on a result channel
# makes `delay()` hang ~20 s when Redis is down; a task that is awaited says ignore_result=False.
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_PUBLISH_RETRY_POLICY = {"max_retries": 2, "interval_start": 0, "interval_step": 0.2}
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
    "ask-street-reviews": {"task": "apps.halls.tasks.ask_street_reviews", "schedule": 60.0},
    "supervise-task-deadlines": {"task": "apps.halls.tasks.supervise_task_deadlines", "schedule": 900.0},
    "announce-pending": {"task": "apps.reports.tasks.announce_pending", "schedule": 60.0},
    "clean-waiting-photo-uploads": {
        "task": "apps.reports.tasks.clean_waiting_photo_uploads",
        "schedule": float(env("PHOTO_UPLOAD_RETRY_SECONDS", "120")),
    },
    "inspections-late-notices": {"task": "apps.inspections.tasks.escalate_late_notices", "schedule": 900.0},
    "inspections-due-rounds": {
        "task": "apps.inspections.tasks.generate_due_rounds",
        "schedule": crontab(hour=5),
    },
    "relearn-category-suggestions": {
        "task": "apps.reports.tasks.relearn_category_suggestions",
        "schedule": crontab(hour=3, minute=15),
    },
    "heartbeat": {
        "task": "apps.core.tasks.heartbeat",
        "schedule": float(env("CELERY_HEARTBEAT_SECONDS", "60")),
    },
}

# A resident's photos not yet re-encoded this long after they arrived are queued again (a lost message)
PHOTO_UPLOAD_RETRY_SECONDS = int(env("PHOTO_UPLOAD_RETRY_SECONDS", "120"))

# django-ratelimit counts in the default cache: Redis (django-redis) when CACHE_URL is set. The memory
# cache of the embedded default counts per process, which the library reports; it is silenced there only.
SILENCED_SYSTEM_CHECKS = [] if env("CACHE_URL", "") else ["django_ratelimit.W001", "django_ratelimit.E003"]
RATELIMIT_FAIL_OPEN = True  # with Redis down nobody is counted, and nobody is turned away
REPORT_RATE_PER_ADDRESS = env("REPORT_RATE_PER_ADDRESS", "20/h")
REPORT_RATE_PER_BOARD = env("REPORT_RATE_PER_BOARD", "60/h")
# 查询办件 (/track/): tries per address, and per tracking number (4 digits are 10,000 guesses)
TRACK_RATE_PER_ADDRESS = env("TRACK_RATE_PER_ADDRESS", "30/h")
TRACK_RATE_PER_NUMBER = env("TRACK_RATE_PER_NUMBER", "5/h")

# 回访: a resolved report its resident has not rated this many days after being asked (at resolution,
# or at the check for categories that need one) waits in the return-visit queue ...
REPORT_RETURN_VISIT_AFTER_DAYS = int(env("REPORT_RETURN_VISIT_AFTER_DAYS", "3"))
# ... until it is closed unrated this many days after being asked: the visit window lies between the two
REPORT_CLOSE_UNRATED_AFTER_DAYS = int(env("REPORT_CLOSE_UNRATED_AFTER_DAYS", "10"))
# 吹哨报到: a summoned unit reports in within these minutes (urgent reports, others); one that has
# not is escalated to the community's staff, and this many minutes later to the street's officials
REPORT_IN_MINUTES_URGENT = int(env("REPORT_IN_MINUTES_URGENT", "30"))
REPORT_IN_MINUTES = int(env("REPORT_IN_MINUTES", "120"))
REPORT_IN_TO_STREET_AFTER_MINUTES = int(env("REPORT_IN_TO_STREET_AFTER_MINUTES", "60"))
# a step not announced this long after it was written is queued again by `announce_pending`
ANNOUNCE_RETRY_AFTER_SECONDS = int(env("ANNOUNCE_RETRY_AFTER_SECONDS", "120"))
REPORT_SCAN_FLUSH_EVERY = int(env("REPORT_SCAN_FLUSH_EVERY", "10"))
REPORT_RATE_WEIGHTS = {"response": 0.3, "resolution": 0.4, "satisfaction": 0.3}
# the trained category-suggestion model, kept on disk so a process start does not train it again
SUGGEST_MODEL_DIR = env("SUGGEST_MODEL_DIR", str(BASE_DIR / "var" / "suggest"))

# secret ballots leave the mixing pool, shuffled, only once this many wait (all of them at close)
HALLS_SECRET_BALLOT_MIX = int(env("HALLS_SECRET_BALLOT_MIX", "5"))

# Sessions live where every process reads the same: with the shared cache (Redis) they are read
# from it and written through to the database; without it, from the database alone, since a
# per-process memory cache would keep serving a session another process has ended.
SESSION_ENGINE = (
    "django.contrib.sessions.backends.cached_db"
    if env("CACHE_URL", "")
    else "django.contrib.sessions.backends.db"
)

# The shared cache is an aid, never a dependency: while Redis is down every read misses and every
# write is dropped (IGNORE_EXCEPTIONS), so pages, scans and report submission go on without it (rate
# limits fail open, see RATELIMIT_FAIL_OPEN); /healthz/ still says the cache is down.
CACHES = {
    "default": (
        {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": env("CACHE_URL"),
            "OPTIONS": {"SOCKET_CONNECT_TIMEOUT": 1, "SOCKET_TIMEOUT": 1, "IGNORE_EXCEPTIONS": True},
        }
        if env("CACHE_URL", "")
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    ),
    # HTML the same for every visitor and named by its version (a report's latest step), kept in each
    # process: served without a round trip to Redis
    "local": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "fragments"},
}
DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True

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
    "ENUM_NAME_OVERRIDES": {
        "TopicStatusEnum": "apps.halls.procedure.TopicStatus",
        "MeetingStatusEnum": "apps.halls.models.Meeting.Status",
        "RegistrationStatusEnum": "apps.halls.models.Registration.Status",
    },
}
API_ANONYMOUS_CREATE_RATE = env("API_ANONYMOUS_CREATE_RATE", "20/hour")
API_SUGGEST_RATE = env("API_SUGGEST_RATE", "30/minute")
OPEN311_JURISDICTION_ID = env("OPEN311_JURISDICTION_ID", "gongzhi")
# the street publishes its handling (接诉即办): the public view of requests, on by default
OPEN311_PUBLIC_REQUESTS = env_bool("OPEN311_PUBLIC_REQUESTS", True)
OPEN311_PAGE_SIZE = int(env("OPEN311_PAGE_SIZE", "50"))  # requests per page unless asked; 100 at most
OPEN311_CACHE_SECONDS = int(env("OPEN311_CACHE_SECONDS", "60"))  # 60 at most

IMPORT_EXPORT_USE_TRANSACTIONS = True
IMPORT_EXPORT_SKIP_ADMIN_LOG = False

# ------------------------------------------------------------------------------
# Security headers: a Content-Security-Policy with no inline script anywhere
# ------------------------------------------------------------------------------
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        # style attributes only (table scrollers, chart bars), never a <style> element
        "style-src-attr": ["'unsafe-inline'"],
        "img-src": ["'self'", "data:"],  # data: for the TOTP QR code allauth draws inline
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

# ------------------------------------------------------------------------------
# Logging: JSON lines (DJANGO_LOG_FORMAT=json, production's default) or plain text
# ------------------------------------------------------------------------------
LOG_FORMAT = env("DJANGO_LOG_FORMAT", "plain")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": ["asctime", "levelname", "name", "message"],
            "json_ensure_ascii": False,
            "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
            "timestamp": False,
        },
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": LOG_FORMAT}},
    "root": {"handlers": ["console"], "level": env("DJANGO_LOG_LEVEL", "INFO")},
    "loggers": {
        # one line per request comes from apps.core.logs; Django's own would repeat it for 4xx/5xx
        "django.request": {"level": "ERROR"},
        "django.server": {"level": "WARNING"},
    },
}
