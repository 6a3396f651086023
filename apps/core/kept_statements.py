"""Statements the ORM writes once per database and each request runs with its own values: for reads
on every request, where building and compiling the query took longer than the database took to run it.

The query is built once with stand-ins, values no real row holds; its parameters equal to a stand-in
become slots, filled on each run with values as the database is sent them. The rows come back as the
query's own would, through the same converters (SQLite's text dates become datetimes).
"""

from dataclasses import dataclass

from django.core.exceptions import ImproperlyConfigured
from django.db import connections
from django.db.models import QuerySet


@dataclass(frozen=True)
class Slot:
    name: str


@dataclass(frozen=True)
class KeptStatement:
    sql: str
    slots: tuple
    converters: tuple = ()  # (column, functions, expression) for the columns that have any

    def parameters(self, **values) -> list:
        return [values[slot.name] if isinstance(slot, Slot) else slot for slot in self.slots]

    def rows(self, alias: str, **values) -> list[tuple]:
        connection = connections[alias]
        with connection.cursor() as cursor:
            cursor.execute(self.sql, self.parameters(**values))
            rows = cursor.fetchall()
        return [self._converted(row, connection) for row in rows] if self.converters else rows

    def _converted(self, row: tuple, connection) -> tuple:
        row = list(row)
        for column, functions, expression in self.converters:
            for function in functions:
                row[column] = function(row[column], expression, connection)
        return tuple(row)


def keep(queryset: QuerySet, alias: str, **stand_ins) -> KeptStatement:
    """The statement the ORM writes for `queryset` on the database `alias`, each parameter equal to a
    stand-in (as the database is sent it) replaced by the slot named after it."""
    compiler = queryset.query.get_compiler(alias)
    sql, parameters = compiler.as_sql()
    slots = tuple(_slot_or_value(parameter, stand_ins) for parameter in parameters)
    missing = set(stand_ins) - {slot.name for slot in slots if isinstance(slot, Slot)}
    if missing:
        raise ImproperlyConfigured(f"The statement names no {', '.join(sorted(missing))}: {sql}")
    columns = compiler.get_converters([column for column, _sql, _alias in compiler.select])
    converters = tuple(
        (column, tuple(functions), expression) for column, (functions, expression) in columns.items()
    )
    return KeptStatement(sql, slots, converters)


def _slot_or_value(parameter, stand_ins: dict):
    for name, stand_in in stand_ins.items():
        if type(parameter) is type(stand_in) and parameter == stand_in:
            return Slot(name)
    return parameter
