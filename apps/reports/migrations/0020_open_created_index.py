"""The open reports by their date, for the reports behind a figure (open, overdue, escalated): built
concurrently on PostgreSQL, so a street's reports stay writable meanwhile."""

from django.db import migrations, models
from django.db.models import Q

OPEN_CREATED = models.Index(
    fields=["created_at"],
    condition=Q(status__in=["accepted", "dispatched", "in_progress", "reopened", "returned", "submitted"]),
    include=["resolve_due", "place", "reporter"],
    name="reports_open_created",
)


def index_create(apps, schema_editor):
    report = apps.get_model("reports", "Report")
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.add_index(report, OPEN_CREATED, concurrently=True)
    else:
        schema_editor.add_index(report, OPEN_CREATED)


def index_drop(apps, schema_editor):
    report = apps.get_model("reports", "Report")
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.remove_index(report, OPEN_CREATED, concurrently=True)
    else:
        schema_editor.remove_index(report, OPEN_CREATED)


class Migration(migrations.Migration):
    atomic = False  # CREATE INDEX CONCURRENTLY runs outside a transaction

    dependencies = [("reports", "0019_text_pairs_index")]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.AddIndex("report", OPEN_CREATED)],
            database_operations=[migrations.RunPython(index_create, index_drop, elidable=False)],
        )
    ]
