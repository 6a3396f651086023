"""Reading a row's state under a lock that its writers wait for."""

from django.db import connection


def read_shared(model, pk, *fields: str) -> tuple:
    """`fields` of the row, read on PostgreSQL under FOR KEY SHARE: a change made under
    select_for_update (closing a vote, a meeting) waits until the reader's transaction ends, and
    readers don't wait for each other. SQLite writes one transaction at a time: a plain read."""
    if connection.vendor != "postgresql":
        return model.objects.filter(pk=pk).values_list(*fields).get()
    quote = connection.ops.quote_name
    columns = ", ".join(quote(model._meta.get_field(name).column) for name in fields)
    with connection.cursor() as cursor:
        table = quote(model._meta.db_table)
        cursor.execute(f"SELECT {columns} FROM {table} WHERE id = %s FOR KEY SHARE", [pk])
        row = cursor.fetchone()
    if row is None:
        raise model.DoesNotExist
    return row
