from datetime import timedelta

import time_machine
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from apps.core.tasks import HEARTBEAT_KEY, heartbeat


def test_health_reports_each_part(client, db):
    assert client.get(reverse("healthz")).json() == {"database": "ok", "cache": "ok"}


def test_with_a_broker_health_reports_a_missing_worker_as_down(client, db, settings):
    settings.CELERY_BROKER_URL = "redis://127.0.0.1:6379/15"
    response = client.get(reverse("healthz"))
    assert response.status_code == 503
    assert response.json()["worker"].startswith("down")


def test_a_fresh_heartbeat_shows_the_worker_up_and_a_stale_one_down(client, db, settings):
    settings.CELERY_BROKER_URL = "redis://127.0.0.1:6379/15"
    heartbeat.apply()
    assert client.get(reverse("healthz")).json()["worker"] == "ok"
    with time_machine.travel(timezone.now() + timedelta(minutes=10)):
        response = client.get(reverse("healthz"))
    assert response.status_code == 503
    assert "last heartbeat" in response.json()["worker"]
    cache.delete(HEARTBEAT_KEY)
