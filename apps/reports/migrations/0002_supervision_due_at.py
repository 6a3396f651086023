"""Supervision entries remember the deadline's time they were made for; existing entries take the
report's current deadline."""

from django.db import migrations, models
from django.db.models import OuterRef, Subquery

DUE_FIELDS = {"dispatch": "dispatch_due", "response": "response_due", "resolution": "resolve_due"}


def fill_due_at(apps, schema_editor):
    Report = apps.get_model("reports", "Report")
    Supervision = apps.get_model("reports", "Supervision")
    for deadline, due_field in DUE_FIELDS.items():
        due = Report.objects.filter(pk=OuterRef("report_id")).values(due_field)[:1]
        Supervision.objects.filter(deadline=deadline).update(due_at=Subquery(due))


class Migration(migrations.Migration):
    dependencies = [("reports", "0001_initial")]

    operations = [
        migrations.RemoveConstraint(model_name="supervision", name="reports_supervise_once_per_level"),
        migrations.AddField(
            model_name="supervision",
            name="due_at",
            field=models.DateTimeField(null=True, verbose_name="deadline's time"),
        ),
        migrations.RunPython(fill_due_at, migrations.RunPython.noop),
    ]
