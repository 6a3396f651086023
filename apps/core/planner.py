"""Fresh statistics for PostgreSQL's planner after a bulk write.

Autovacuum analyzes a table once a tenth of it has changed, and not at all where it is off: a seed,
an import or a benchmark that writes thousands of rows at once leaves plans built on estimates of
an empty table (seven places guessed under a street of 11,889). SQLite plans without statistics."""

from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models import Model

# What a random read costs against a sequential one. PostgreSQL's default, 4, assumes spinning
# disks: on SSDs, or with the tables in memory, it makes the planner hash every place of the street
# to join 200 open reports (2.5 ms) rather than look each one's place up (0.5 ms).
RANDOM_PAGE_COST = 1.1


def analyze(*models: type[Model], using: str = DEFAULT_DB_ALIAS, vacuum: bool = False) -> None:
    """ANALYZE the tables of `models`, or the whole database without any. Inside a transaction the
    new statistics commit or roll back with the rows. `vacuum` also sets the visibility map that
    index-only scans read; it cannot run in a transaction."""
    connection = connections[using]
    if connection.vendor != "postgresql":
        return
    tables = ", ".join(connection.ops.quote_name(model._meta.db_table) for model in models)
    with connection.cursor() as cursor:
        cursor.execute(f"{'VACUUM ANALYZE' if vacuum else 'ANALYZE'} {tables}".strip())


class AnalyzedImport:
    """A django-import-export resource that analyzes `analyzed_models` once its rows are written
    (not after a preview, which rolls back)."""

    analyzed_models: tuple[type[Model], ...] = ()

    def after_import(self, dataset, result, **kwargs):
        super().after_import(dataset, result, **kwargs)
        if not kwargs.get("dry_run") and not result.has_errors() and not result.has_validation_errors():
            analyze(*self.analyzed_models)


def planner_costs_set(sender, connection, **kwargs) -> None:
    """On each new PostgreSQL connection (`connection_created`): the costs the portal's plans assume.
    A statement, not a connection option, so that PgBouncer in transaction mode accepts it."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(f"SET random_page_cost = {RANDOM_PAGE_COST}")
