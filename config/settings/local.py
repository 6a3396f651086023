"""
Development on a laptop: DEBUG on, SQLite and eager Celery unless the environment says otherwise.
"""

from .base import *  # noqa: F403
from .base import env_bool

DEBUG = env_bool("DJANGO_DEBUG", True)
ALLOWED_HOSTS = ["*"]
INSTALLED_APPS = INSTALLED_APPS + DEMO_APPS  # noqa: F405
ADMIN_MFA_REQUIRED = env_bool("ADMIN_MFA_REQUIRED", False)  # demo personas reach the admin at once
PRINT_LOOPBACK_ADDRESSES = True  # `make run` serves and prints at its own address
