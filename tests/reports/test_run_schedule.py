from datetime import timedelta

import time_machine
from django.core.cache import cache
from django.core.management import call_command
from django.utils import timezone

from apps.reports.models import Supervision
from apps.reports.services import report_submit


def test_the_embedded_schedule_runs_every_periodic_task(db):
    cache.delete("celery:last-heartbeat")
    call_command("run_schedule", "--once")
    assert cache.get("celery:last-heartbeat")


def test_the_embedded_schedule_escalates_an_overdue_report(board, categories):
    report_submit(place=board.place, category=categories["lamp"], description="灯不亮", source="qr")
    with time_machine.travel(timezone.now() + timedelta(hours=3)):
        call_command("run_schedule", "--once")
    assert Supervision.objects.filter(level=Supervision.Level.COMMUNITY, deadline="response").exists()
