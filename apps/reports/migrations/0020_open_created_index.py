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


def _applied(method: str):
    """The schema editor's `add_index` or `remove_index` of the index, concurrently on PostgreSQL."""

    def apply(apps, schema_editor):
        concurrently = {"concurrently": True} if schema_editor.connection.vendor == "postgresql" else {}
        getattr(schema_editor, method)(apps.get_model("reports", "Report"), OPEN_CREATED, **concurrently)

    return apply


class Migration(migrations.Migration):
    atomic = False  # CREATE INDEX CONCURRENTLY runs outside a transaction

    dependencies = [("reports", "0019_text_pairs_index")]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.AddIndex("report", OPEN_CREATED)],
            database_operations=[
                migrations.RunPython(_applied("add_index"), _applied("remove_index"), elidable=False)
            ],
        )
    ]
