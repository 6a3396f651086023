"""PostgreSQL stopped for a few seconds under a running portal: requests get a friendly 503 page
without a trace, a report sent meanwhile is kept in the phone's form, and the portal recovers by
itself when the database is back — no restart."""

import json
import time

import pytest

from .conftest import Resident, manage, production, serve, wait_for

pytestmark = pytest.mark.faults


SEED = """
import json
from apps.places.models import Place
from apps.reports.boards import boards_post_for_doors
from apps.reports.models import Category
from apps.reports.services import report_submit
from django.core.management import call_command
from tests.factories import build_street
call_command("load_categories", verbosity=0)
build_street("甲")
unit = Place.objects.filter(kind="unit").order_by("path").first()
board = boards_post_for_doors(place=unit)[0]
category = Category.objects.filter(parent__isnull=False).order_by("pk").first()
report = report_submit(place=unit, board=board, category=category, description="灯不亮", source="qr")
print(json.dumps({"board": board.token, "category": category.pk, "follow": report.follow_token}))
"""


@pytest.fixture(scope="module")
def portal(private_postgres, tmp_path_factory):
    env = production(private_postgres.url)
    manage(env, "migrate", "--noinput", "-v", "0")
    seeded = json.loads(manage(env, "shell", "-c", SEED).strip().splitlines()[-1])
    log = tmp_path_factory.mktemp("gunicorn") / "gunicorn.log"
    with serve.gunicorn(env, workers=2, log_path=log) as base:
        yield base, seeded, private_postgres, log


def test_with_the_database_stopped_pages_say_so_kindly_and_the_portal_recovers_alone(portal):
    base, seeded, database, log = portal
    resident = Resident(base)
    follow = f"/r/{seeded['follow']}/"
    assert resident.get(follow).status_code == 200
    form = resident.open_form(seeded["board"])

    database.stop()
    try:
        page = resident.get(follow)
        assert page.status_code == 503
        assert page.headers["Retry-After"] == "30"
        assert "数据库" in page.text or "reconnecting to our database" in page.text
        assert "Traceback" not in page.text and "OperationalError" not in page.text
        sent = resident.submit(seeded["board"], form, seeded["category"], "电梯停了")
        assert sent.status_code == 503
        assert "再次提交" in sent.text or "records it only once" in sent.text
        health = resident.get("/healthz/")
        assert health.status_code == 503 and health.json()["database"].startswith("down")
    finally:
        database.start()

    started = time.monotonic()
    wait_for(lambda: resident.get(follow).status_code == 200, timeout=30, every=0.2, what="recovery")
    recovered_in = time.monotonic() - started
    again = resident.submit(seeded["board"], form, seeded["category"], "电梯停了")
    assert again.status_code == 302 and again.headers["Location"].startswith("/r/")
    again_twice = resident.submit(seeded["board"], form, seeded["category"], "电梯停了")
    assert again_twice.headers["Location"] == again.headers["Location"]  # the same report, once
    assert recovered_in < 30
    print(f"\n[faults] database back: the portal answered again after {recovered_in:.1f} s")
    assert "Traceback" in log.read_text()  # the operator's log has the trace the page does not
