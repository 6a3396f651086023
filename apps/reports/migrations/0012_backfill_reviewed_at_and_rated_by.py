"""Reports reviewed or rated before these fields existed: reviewed when resolved (the review followed
the resolution; its time is on the timeline), rated by their resident (no return visit existed)."""

from django.db import migrations
from django.db.models import F


def backfill(apps, schema_editor):
    Report = apps.get_model("reports", "Report")
    Report.objects.filter(status="reviewed", reviewed_at__isnull=True).update(reviewed_at=F("resolved_at"))
    Report.objects.filter(rated_at__isnull=False, rated_by="").update(rated_by="resident")


class Migration(migrations.Migration):
    dependencies = [("reports", "0011_return_visits_and_review_before_rating")]

    operations = [migrations.RunPython(backfill, migrations.RunPython.noop)]
