"""Redis (broker and cache) down under a running portal: the scan page still takes reports and
keeps them; their notices go out once Redis and a worker are back."""

import time

import pytest

from apps.notifications.models import Notification
from apps.places.models import Place, PlaceKind
from apps.reports.boards import boards_post_for_doors
from apps.reports.models import Report, TimelineEvent

from .conftest import Resident, Worker, celery_call, production, serve, shared_database_url, wait_for

pytestmark = pytest.mark.faults


@pytest.fixture
def board(transactional_db, world, categories):
    unit = Place.objects.filter(path__startswith=world.community_a1.path, kind=PlaceKind.UNIT).get()
    return boards_post_for_doors(place=unit)[0]


@pytest.fixture
def portal(private_redis, board, tmp_path):
    env = production(
        shared_database_url(),
        CELERY_BROKER_URL=f"{private_redis.url}/0",
        CACHE_URL=f"{private_redis.url}/1",
        ANNOUNCE_RETRY_AFTER_SECONDS="0",
    )
    with serve.gunicorn(env, workers=2, log_path=tmp_path / "gunicorn.log") as base:
        yield base, env


def test_with_redis_down_reports_are_accepted_and_announced_once_it_is_back(
    portal, private_redis, board, categories, world, tmp_path
):
    base, env = portal
    resident = Resident(base)
    private_redis.stop()

    form = resident.open_form(board.token)
    started = time.monotonic()
    sent = resident.submit(board.token, form, categories["lamp"].pk, "楼道灯坏了三天")
    took = time.monotonic() - started
    assert sent.status_code == 302, sent.text[:2000]
    assert resident.get(sent.headers["Location"]).status_code == 200
    report = Report.objects.get(board=board)
    assert took < 10
    print(f"\n[faults] Redis down: a report was accepted in {took:.2f} s")
    assert TimelineEvent.objects.filter(report=report, announced_at__isnull=True).count() == 2
    assert resident.get("/healthz/").json()["cache"].startswith("down")

    private_redis.start()
    worker = Worker({**env, "DJANGO_LOG_FORMAT": "json"}, tmp_path / "worker.log")
    worker.start()
    try:
        celery_call(env, "apps.reports.tasks.announce_pending")  # as beat does every minute
        wait_for(
            lambda: not TimelineEvent.objects.filter(report=report, announced_at__isnull=True).exists(),
            timeout=60,
            what="the report's steps to be announced",
        )
    except AssertionError as timeout:
        raise AssertionError((tmp_path / "worker.log").read_text()[-3000:]) from timeout
    finally:
        worker.stop()
    assert Notification.objects.filter(user=world.property_a1).count() == 1
