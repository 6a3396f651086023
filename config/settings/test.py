"""
The test suite: fast hashing, messages kept in memory, same database switch as everywhere.
"""

from .base import *  # noqa: F403

SECRET_KEY = "test-only-secret-key"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
SMS_BACKEND = "apps.accounts.sms.LocmemSmsBackend"
MEDIA_ROOT = BASE_DIR / ".test-media"  # noqa: F405
ALLOWED_HOSTS = ["*"]
INSTALLED_APPS = INSTALLED_APPS + DEMO_APPS  # noqa: F405
LANGUAGE_CODE = "zh-hans"
ADMIN_MFA_REQUIRED = False  # tests/access/test_mfa.py turns it on
AXES_ENABLED = True
# the suite is one process per worker: its memory cache may hold sessions (the query counts assume it)
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
PRINT_LOOPBACK_ADDRESSES = True  # tests/reports/test_boards_printing.py turns it off
