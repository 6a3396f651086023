"""
The beat schedule without a broker: for the embedded default (`make run`), run each task of
CELERY_BEAT_SCHEDULE in this process when it is due. With CELERY_BROKER_URL set, use
`celery -A config worker --beat` instead.
"""

import logging
import time

from celery.schedules import schedule as interval
from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone
from django.utils.module_loading import import_string

logger = logging.getLogger(__name__)


class Command(BaseCommand):
    help = "Run the periodic tasks (escalation, closing, heartbeat) in-process, as beat would."

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="run every task once and stop")

    def handle(self, *args, once: bool = False, **options):
        entries = {
            name: (entry["task"], _as_schedule(entry["schedule"]))
            for name, entry in settings.CELERY_BEAT_SCHEDULE.items()
        }
        last_run = dict.fromkeys(entries)
        while True:
            for name, (task_name, when) in entries.items():
                if last_run[name] is None or when.is_due(last_run[name]).is_due:
                    last_run[name] = timezone.now()
                    self._run(name, task_name)
            if once:
                return
            time.sleep(5)

    def _run(self, name: str, task_name: str) -> None:
        try:
            result = import_string(task_name).apply().get()
            logger.info("%s: %s", name, result)
        except Exception:  # one failing task must not stop the schedule
            logger.exception("scheduled task %s failed", name)


def _as_schedule(value):
    return interval(value) if isinstance(value, int | float) else value
