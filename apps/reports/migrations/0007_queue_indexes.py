"""The staff queue's indexes: its order, and on PostgreSQL the trigrams of the text and phone searched."""

from django.conf import settings
from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations, models

# what the queue's search reads with LIKE '%word%' and LIKE '%1234'; SQLite has no such index
TRIGRAMS = (
    "CREATE INDEX IF NOT EXISTS reports_search_trigrams ON reports_report "
    "USING gin (description gin_trgm_ops, contact_phone gin_trgm_ops)"
)


def trigrams_create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(TRIGRAMS)


def trigrams_drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS reports_search_trigrams")


class Migration(migrations.Migration):
    dependencies = [
        ("places", "0001_initial"),
        ("reports", "0006_report_submitted_category"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddIndex(
            model_name="report",
            index=models.Index(
                models.OrderBy(
                    models.ExpressionWrapper(
                        models.Q(
                            (
                                "status__in",
                                ["accepted", "dispatched", "in_progress", "reopened", "returned", "submitted"],
                            )
                        ),
                        output_field=models.BooleanField(),
                    ),
                    descending=True,
                ),
                models.OrderBy(models.F("urgent"), descending=True),
                models.F("resolve_due"),
                models.OrderBy(models.F("id"), descending=True),
                include=("status", "place", "reporter"),
                name="reports_queue_order",
            ),
        ),
        TrigramExtension(),
        migrations.RunPython(trigrams_create, trigrams_drop, elidable=False),
    ]
