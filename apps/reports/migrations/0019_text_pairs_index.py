"""The staff queue's search of a two-character word (电梯, 漏水, 噪音): trigrams need three characters,
so PostgreSQL gets an index of each text's pairs of characters, lowercased. Built concurrently: a
street's reports stay writable meanwhile. SQLite searches with LIKE."""

from django.db import migrations

PAIRS_FUNCTION = """
CREATE OR REPLACE FUNCTION reports_text_pairs(body text) RETURNS text[]
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT ARRAY(SELECT chars[i] || chars[i + 1] FROM generate_series(1, cardinality(chars) - 1) AS i)
  FROM string_to_array(lower(body), NULL) AS chars
$$
"""
PAIRS_INDEX = (
    "CREATE INDEX CONCURRENTLY IF NOT EXISTS reports_text_pairs "
    "ON reports_report USING gin (reports_text_pairs(description))"
)


def pairs_create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(PAIRS_FUNCTION)
        schema_editor.execute(PAIRS_INDEX)


def pairs_drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX CONCURRENTLY IF EXISTS reports_text_pairs")
        schema_editor.execute("DROP FUNCTION IF EXISTS reports_text_pairs(text)")


class Migration(migrations.Migration):
    atomic = False  # CREATE INDEX CONCURRENTLY runs outside a transaction

    dependencies = [("reports", "0018_photo_uploads")]

    operations = [migrations.RunPython(pairs_create, pairs_drop, elidable=False)]
