"""The round kept on each inspection and notice, filled from the inspection's assignment, and the
indexes the figures read a period through (made before the filling: PostgreSQL refuses to alter a
table with the filling's deferred checks pending)."""

import django.db.models.deletion
from django.db import migrations, models
from django.db.models import OuterRef, Subquery

BATCH = 5_000


def fill_rounds(apps, schema_editor):
    Assignment = apps.get_model("inspections", "Assignment")
    Inspection = apps.get_model("inspections", "Inspection")
    Notice = apps.get_model("inspections", "Notice")
    _in_batches(
        Inspection.objects.filter(round__isnull=True, assignment__isnull=False),
        round_id=Subquery(Assignment.objects.filter(pk=OuterRef("assignment_id")).values("round_id")),
    )
    _in_batches(
        Notice.objects.filter(round__isnull=True, inspection__round__isnull=False),
        round_id=Subquery(Inspection.objects.filter(pk=OuterRef("inspection_id")).values("round_id")),
    )


def _in_batches(unfilled, **values):
    while ids := list(unfilled.order_by("pk").values_list("pk", flat=True)[:BATCH]):
        unfilled.model.objects.filter(pk__in=ids).update(**values)


class Migration(migrations.Migration):
    dependencies = [
        ("inspections", "0003_notice_escalations"),
    ]

    operations = [
        migrations.AddField(
            model_name="inspection",
            name="round",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to="inspections.round",
                verbose_name="round",
            ),
        ),
        migrations.AddField(
            model_name="notice",
            name="round",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to="inspections.round",
                verbose_name="round",
            ),
        ),
        migrations.AddIndex(
            model_name="inspection",
            index=models.Index(
                fields=["created_at"], include=("point", "round", "passed"), name="inspections_inspected_at"
            ),
        ),
        migrations.AddIndex(
            model_name="notice",
            index=models.Index(
                fields=["issued_at"],
                include=("point", "round", "status", "deadline"),
                name="inspections_notice_issued_at",
            ),
        ),
        migrations.RunPython(fill_rounds, migrations.RunPython.noop, elidable=True),
    ]
