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

    def rows(self, **values) -> list[tuple]:
        """The statement's rows for `values`, one for each slot, as the database's adapter takes them."""
        with connections[self.alias].cursor() as cursor:
            cursor.execute(self.sql, [values[p.name] if isinstance(p, _Slot) else p for p in self.params])
            return cursor.fetchall()


def statement_kept(queryset, alias: str, **stand_ins) -> KeptStatement:
    """`queryset`'s statement for the database `alias`, each stand-in value among its parameters (as
    the ORM passes it to the database) replaced by a slot of the stand-in's name."""
    sql, params = queryset.query.get_compiler(alias).as_sql()
    kept = tuple(_slot_of(param, stand_ins) for param in params)
    missing = set(stand_ins) - {p.name for p in kept if isinstance(p, _Slot)}
    if missing:
        raise ImproperlyConfigured(f"The statement names no {', '.join(sorted(missing))}: {sql}")
    return KeptStatement(alias, sql, kept)


def _slot_of(param, stand_ins: dict):
    for name, value in stand_ins.items():
        if param == value:
            return _Slot(name)
    return param
