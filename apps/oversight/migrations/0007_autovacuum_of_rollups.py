"""The rollups are rewritten every five minutes and read by day and week: their statistics are
refreshed after 2 % of their rows changed instead of autovacuum's 10 %. PostgreSQL only."""

from django.db import migrations

MODELS = ("DailyRollup", "WeeklyRollup")


def storage_set(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for model in MODELS:
        table = schema_editor.quote_name(apps.get_model("oversight", model)._meta.db_table)
        schema_editor.execute(f"ALTER TABLE {table} SET (autovacuum_analyze_scale_factor = 0.02)")


def storage_reset(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for model in MODELS:
        table = schema_editor.quote_name(apps.get_model("oversight", model)._meta.db_table)
        schema_editor.execute(f"ALTER TABLE {table} RESET (autovacuum_analyze_scale_factor)")


class Migration(migrations.Migration):
    dependencies = [("oversight", "0006_rollups_by_department")]

    operations = [migrations.RunPython(storage_set, storage_reset, elidable=False)]
