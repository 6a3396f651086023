"""Statements the ORM writes once per database and each request runs with its own values.

Building a small query (joins, subqueries, a union) can take longer than the database takes to run
it. The query is written once with stand-in values, which are then found among its parameters and
left as named slots.
"""

from dataclasses import dataclass

from django.core.exceptions import ImproperlyConfigured
from django.db import connections


@dataclass(frozen=True)
class _Slot:
    name: str


@dataclass(frozen=True)
class KeptStatement:
    alias: str
    sql: str
    params: tuple
    converters: dict  # by column: the functions the ORM passes its values through, and the column

    def rows(self, **values) -> list[tuple]:
        """The statement's rows for `values`, one for each slot, as the database's adapter takes them;
        each value read as the query would read it."""
        connection = connections[self.alias]
        with connection.cursor() as cursor:
            cursor.execute(self.sql, [values[p.name] if isinstance(p, _Slot) else p for p in self.params])
            rows = cursor.fetchall()
        if not self.converters:
            return rows
        return [self._converted(row, connection) for row in rows]

    def _converted(self, row, connection) -> tuple:
        row = list(row)
        for position, (functions, column) in self.converters.items():
            for function in functions:
                row[position] = function(row[position], column, connection)
        return tuple(row)


def statement_kept(queryset, alias: str, **stand_ins) -> KeptStatement:
    """`queryset`'s statement for the database `alias`, each stand-in value among its parameters (as
    the ORM passes it to the database) replaced by a slot of the stand-in's name."""
    compiler = queryset.query.get_compiler(alias)
    sql, params = compiler.as_sql()
    kept = tuple(_slot_of(param, stand_ins) for param in params)
    missing = set(stand_ins) - {p.name for p in kept if isinstance(p, _Slot)}
    if missing:
        raise ImproperlyConfigured(f"The statement names no {', '.join(sorted(missing))}: {sql}")
    return KeptStatement(alias, sql, kept, compiler.get_converters([c for c, _, _ in compiler.select]))


def _slot_of(param, stand_ins: dict):
    for name, value in stand_ins.items():
        if param == value:
            return _Slot(name)
    return param
