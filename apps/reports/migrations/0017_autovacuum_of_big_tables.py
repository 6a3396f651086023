"""Autovacuum analyzes a table after a tenth of it changed: at ten million reports that is a million
changes with the planner reading last month's dates. These tables grow by the day and are read by
date: their statistics are refreshed after 2 % changed instead, and reports, updated at every step,
are vacuumed after 5 %. PostgreSQL only."""

from django.db import migrations

TABLES = {
    "Report": {"autovacuum_analyze_scale_factor": 0.02, "autovacuum_vacuum_scale_factor": 0.05},
    "TimelineEvent": {"autovacuum_analyze_scale_factor": 0.02},
    "Supervision": {"autovacuum_analyze_scale_factor": 0.02},
}


def storage_set(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for model, options in TABLES.items():
        table = schema_editor.quote_name(apps.get_model("reports", model)._meta.db_table)
        values = ", ".join(f"{name} = {value}" for name, value in options.items())
        schema_editor.execute(f"ALTER TABLE {table} SET ({values})")


def storage_reset(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for model, options in TABLES.items():
        table = schema_editor.quote_name(apps.get_model("reports", model)._meta.db_table)
        schema_editor.execute(f"ALTER TABLE {table} RESET ({', '.join(options)})")


class Migration(migrations.Migration):
    dependencies = [("reports", "0016_open_reports_by_category_index")]

    operations = [migrations.RunPython(storage_set, storage_reset, elidable=False)]
