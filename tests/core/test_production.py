"""What production relies on, in process: JSON logs, announcements that survive a lost message,
a cache that may go away, and error pages that show no trace."""

import json
import logging
from datetime import timedelta
from unittest import mock

import pytest
import time_machine
from django.core import mail
from django.db import OperationalError
from django.urls import reverse
from django.utils import timezone
from django_ratelimit.core import is_ratelimited
from django_redis.cache import RedisCache
from pythonjsonlogger.json import JsonFormatter

from apps.core.tasks import heartbeat
from apps.notifications.models import Notification
from apps.places.models import Place, PlaceKind
from apps.reports.boards import boards_post_for_doors
from apps.reports.models import Report, TimelineEvent
from apps.reports.services import report_submit
from apps.reports.tasks import announce_event, announce_pending
from tests.factories import UserFactory

NOWHERE = "redis://127.0.0.1:8149/0"  # a port of ours where nothing listens
REDIS = {  # as production settings configure the shared cache
    "BACKEND": "django_redis.cache.RedisCache",
    "OPTIONS": {"SOCKET_CONNECT_TIMEOUT": 1, "SOCKET_TIMEOUT": 1, "IGNORE_EXCEPTIONS": True},
}


def as_json(record: logging.LogRecord) -> dict:
    return json.loads(JsonFormatter(["asctime", "levelname", "name", "message"]).format(record))


def test_each_request_is_one_log_line_with_method_path_status_duration_and_user(client, world, caplog):
    client.force_login(world.staff_a1)
    with caplog.at_level(logging.INFO, logger="gongzhi.request"):
        client.get(reverse("ping"))
    (record,) = [r for r in caplog.records if r.name == "gongzhi.request"]
    line = as_json(record)
    assert (line["method"], line["path"], line["status"]) == ("GET", "/ping/", 200)
    assert line["user_id"] == world.staff_a1.pk
    assert line["duration_ms"] >= 0


def test_each_task_is_one_log_line_with_its_name_state_and_duration(db, caplog):
    with caplog.at_level(logging.INFO, logger="gongzhi.task"):
        heartbeat.apply()
    (record,) = [r for r in caplog.records if r.name == "gongzhi.task"]
    line = as_json(record)
    assert (line["task"], line["state"]) == ("apps.core.tasks.heartbeat", "SUCCESS")
    assert line["duration_ms"] >= 0


@pytest.fixture
def report(world, categories):
    unit = Place.objects.filter(path__startswith=world.community_a1.path, kind=PlaceKind.UNIT).get()
    return report_submit(
        place=unit,
        category=categories["lamp"],
        description="楼道灯不亮",
        source="qr",
        board=boards_post_for_doors(place=unit)[0],
        reporter=UserFactory(email="resident@example.cn"),
    )


def test_a_step_whose_announcement_never_ran_is_announced_by_the_sweep(report, world):
    TimelineEvent.objects.filter(report=report).update(announced_at=None)
    Notification.objects.all().delete()
    assert announce_pending.apply().get() == 0  # too recent: its own task may still be queued
    with time_machine.travel(timezone.now() + timedelta(minutes=3)):
        assert announce_pending.apply().get() == 2  # submitted, dispatched
    assert not TimelineEvent.objects.filter(report=report, announced_at__isnull=True).exists()
    assert Notification.objects.filter(user=world.property_a1).count() == 1
    assert Notification.objects.filter(user=report.reporter).count() == 1


def test_an_announcement_delivered_twice_tells_no_one_twice(report, world):
    dispatch = TimelineEvent.objects.get(report=report, action="dispatch")
    announce_event.apply(args=[dispatch.pk])
    sent = len(mail.outbox)
    assert sent == 2  # the handler and the resident
    TimelineEvent.objects.filter(pk=dispatch.pk).update(announced_at=None)  # as if the ack was lost
    announce_event.apply(args=[dispatch.pk])
    assert Notification.objects.filter(key=f"report-event-{dispatch.pk}").count() == 2
    assert len(mail.outbox) == sent


def test_with_redis_unreachable_the_cache_misses_and_drops_writes():
    cache = RedisCache(NOWHERE, {"OPTIONS": REDIS["OPTIONS"]})
    assert cache.get("board", "missing") == "missing"
    assert not cache.set("board", 1)
    assert not cache.add("board", 1)
    assert cache.incr("board") is None  # django-ratelimit then lets the request through (fails open)


def test_with_redis_unreachable_a_rate_limit_lets_everyone_through(rf, settings):
    settings.CACHES = {"default": {**REDIS, "LOCATION": NOWHERE}}
    request = rf.post("/")
    for _ in range(3):
        assert not is_ratelimited(request, group="t", key="ip", rate="1/h", increment=True)


def test_with_redis_unreachable_a_scan_still_takes_the_report(client, report, settings):
    settings.CACHES = {"default": {**REDIS, "LOCATION": NOWHERE}}
    board = report.board
    page = client.get(reverse("reports:scan", args=[board.token]))
    assert page.status_code == 200
    response = client.post(
        reverse("reports:scan", args=[board.token]),
        {
            "submission_key": page.context["submission_key"],
            "category": report.category.pk,
            "description": "还是不亮",
        },
    )
    assert response.status_code == 302
    assert Report.objects.filter(board=board).count() == 2


def test_a_database_that_cannot_be_reached_shows_a_friendly_503_without_a_trace(client, report, settings):
    client.raise_request_exception = False
    with mock.patch("apps.reports.views.board_by_token", side_effect=OperationalError("server closed")):
        response = client.get(reverse("reports:scan", args=[report.board.token]))
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    page = response.content.decode()
    assert "Traceback" not in page and "OperationalError" not in page
    assert "数据库" in page or "database" in page


def test_any_other_error_shows_a_plain_apology(client, report):
    client.raise_request_exception = False
    with mock.patch("apps.reports.views.board_by_token", side_effect=RuntimeError("bug")):
        response = client.get(reverse("reports:scan", args=[report.board.token]))
    assert response.status_code == 500
    assert "RuntimeError" not in response.content.decode()
