"""Sum the existing daily rollups into weekly ones; run again, it writes the same rows."""

from datetime import datetime

from django.db import migrations
from django.db.models import Sum
from django.db.models.functions import TruncWeek

COUNTS = ("submitted", "reports", "responded_in_time", "rated", "solved", "satisfied", "open", "overdue", "escalated")
BATCH = 2_000


def backfill(apps, schema_editor):
    DailyRollup = apps.get_model("oversight", "DailyRollup")
    WeeklyRollup = apps.get_model("oversight", "WeeklyRollup")
    WeeklyRollup.objects.all().delete()
    grouped = (
        DailyRollup.objects.order_by()
        .annotate(week=TruncWeek("day"))
        .values("week", "community_id", "category__parent_id", "management_unit_id")
        .annotate(**{name: Sum(name) for name in COUNTS})
    )
    batch = []
    for row in grouped.iterator(chunk_size=BATCH):
        week = row.pop("week")
        batch.append(
            WeeklyRollup(
                week=week.date() if isinstance(week, datetime) else week,
                major_id=row.pop("category__parent_id"),
                **row,
            )
        )
        if len(batch) >= BATCH:
            WeeklyRollup.objects.bulk_create(batch)
            batch = []
    WeeklyRollup.objects.bulk_create(batch)


class Migration(migrations.Migration):
    dependencies = [("oversight", "0002_weekly_rollups_and_ledgers")]

    operations = [migrations.RunPython(backfill, migrations.RunPython.noop)]
