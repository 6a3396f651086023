"""
Run by .ci/run against a real Redis broker and a real worker with beat (`-m celery_worker`);
skipped when no broker is configured.
"""

import os
import time

import pytest
from django.core.cache import cache

from apps.core.tasks import ping

pytestmark = pytest.mark.celery_worker


@pytest.fixture(autouse=True)
def _needs_a_broker():
    if not os.environ.get("CELERY_BROKER_URL") or not os.environ.get("CACHE_URL"):
        pytest.skip("set CELERY_BROKER_URL and CACHE_URL and start a worker with beat: see .ci/run")


def test_a_worker_runs_a_task_sent_through_redis():
    result = ping.delay("共治")
    assert result.get(timeout=30) == "pong:共治"


def test_beat_schedules_the_heartbeat_and_the_worker_runs_it():
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline and cache.get("celery:last-heartbeat") is None:
        time.sleep(1)
    assert cache.get("celery:last-heartbeat") is not None
