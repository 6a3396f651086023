"""
Measure 督办 on a large queue: supervision.supervise(now) over 100,000 open reports on PostgreSQL.

    python benchmarks/escalation.py [--open 100000] [--closed 300000] [--autoanalyze 60] [--try-indexes]

The database (DATABASE_URL, by default gongzhi_bench_escalation on 127.0.0.1) is dropped, created,
migrated and given the small demo street; the reports are written with COPY, open ones of every
waiting state aged as a live queue is (most young, a tail overdue), closed ones as the past year.
Then supervise(now) runs twice at the same moment: the first run writes the entries due, the
second must find nothing. The first run's time is split between its candidate queries and the
writing of entries. Each rule's candidate query (supervision.due_for) is timed and explained, before
and after ANALYZE of the supervision table: --autoanalyze N runs that ANALYZE every N seconds during
the first run, as autovacuum would; --try-indexes adds partial indexes to this database only and
measures the queries again.
"""

import argparse
import contextlib
import math
import os
import random
import sys
import threading
import time
from collections import Counter
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # run as a script: import from the project

import psycopg
from psycopg import conninfo, sql

from benchmarks import serve

DEFAULT_URL = f"{serve.POSTGRES}/gongzhi_bench_escalation"
SEED = 20261122
SLOW = 2.0  # seconds: a candidate query or a second run slower than this needs an index

# Open reports as a live queue holds them: (status, share, mean age in hours, answered already).
QUEUE = [
    ("submitted", 0.02, 0.3, False),
    ("dispatched", 0.30, 1.7, False),
    ("accepted", 0.25, 60, True),
    ("in_progress", 0.35, 60, True),
    ("returned", 0.03, 6, True),
    ("reopened", 0.05, 96, True),
]
# One partial index per rule of supervision.RULES: (due field, waiting statuses, unanswered only, name).
INDEXES = [
    ("dispatch_due", ["reopened", "returned", "submitted"], False, "reports_waiting_dispatch_due"),
    ("response_due", ["dispatched"], True, "reports_waiting_response_due"),
    ("resolve_due", ["accepted", "dispatched", "in_progress"], False, "reports_waiting_resolve_due"),
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--open", type=int, default=100_000, help="open reports (default 100,000)")
    parser.add_argument("--closed", type=int, default=300_000, help="closed reports of the past year")
    parser.add_argument("--autoanalyze", type=float, default=0, help="ANALYZE every N s during the first run")
    parser.add_argument("--try-indexes", action="store_true", help="add partial indexes and measure again")
    args = parser.parse_args()

    args.url = os.environ.get("DATABASE_URL", DEFAULT_URL)
    recreate(args.url)
    os.environ.update(serve.production_env(args.url))
    import django

    django.setup()
    run(args)


def recreate(url: str) -> None:
    name = conninfo.conninfo_to_dict(url)["dbname"]
    with psycopg.connect(conninfo.make_conninfo(url, dbname="postgres"), autocommit=True) as connection:
        connection.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
        connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def run(args) -> None:
    from django.core.management import call_command
    from django.db import connection
    from django.utils import timezone

    from apps.demo.builder import seed_demo
    from apps.demo.plan import SMALL
    from apps.reports.models import Report, Supervision
    from apps.reports.supervision import supervise

    started = time.perf_counter()
    call_command("migrate", interactive=False, verbosity=0)
    street = seed_demo(size=SMALL).street
    report("migrated, small demo street seeded", started)

    now = timezone.now()
    rng = random.Random(SEED)
    started = time.perf_counter()
    copied = copy_reports(street, now, rng, opened=args.open, closed=args.closed)
    analyze("reports.Report")
    report(f"{copied:,} reports copied ({Report.objects.count():,} in all)", started)

    with connection.cursor() as cursor:
        cursor.execute("SHOW autovacuum")
        server = cursor.fetchone()[0]
    print(f"{'':11}autovacuum on this server: {server}; --autoanalyze: {args.autoanalyze or 'off'}")
    clock = CandidateClock()
    started = time.perf_counter()
    with connection.execute_wrapper(clock), autoanalyze(args.url, args.autoanalyze):
        created = supervise(now)
    first = report(f"first supervise(now): {len(created):,} entries", started)
    writing = first - clock.seconds
    print(
        f"{'':11}{clock.seconds:.1f} s in {clock.queries} candidate queries, {writing:.1f} s writing entries"
    )
    each = writing / max(len(created), 1) * 1000
    print(f"{'':11}({each:.2f} ms an entry, {len(created) / first:,.0f} entries a second)")
    for (deadline, level), count in sorted(
        Counter(Supervision.objects.filter(created_at=now).values_list("deadline", "level")).items()
    ):
        print(f"{'':11}{deadline:<11} level {level}: {count:>7,}")

    started = time.perf_counter()
    again = supervise(now)
    second = report(f"second supervise(now), same moment: {len(again)} entries", started)
    slowest = candidates(now)
    explain(now, "resolution")

    analyze("reports.Supervision")
    started = time.perf_counter()
    third = report(
        f"after ANALYZE reports_supervision, supervise(now) again: {len(supervise(now))} entries", started
    )
    slowest = min(slowest, candidates(now))
    explain(now, "resolution")
    explain(now, "response")
    if second > SLOW and third <= SLOW:
        print(
            f"\nThe second run took over {SLOW:.0f} s only while reports_supervision had no statistics of "
            "its new rows: the planner expected none and compared every candidate with every entry "
            "(a nested loop over a materialized scan). A fresh ANALYZE, not an index, fixes that plan."
        )
    if third > SLOW or slowest > SLOW:
        print(f"\nSlower than {SLOW:.0f} s with fresh statistics: a partial index per rule serves its query.")
    print_indexes()
    if args.try_indexes:
        add_indexes()
        print("\nWith the partial indexes:")
        candidates(now)
        explain(now, "response")


class CandidateClock:
    """An execute wrapper timing supervise()'s candidate queries, the only selects with NOT EXISTS."""

    def __init__(self):
        self.seconds, self.queries = 0.0, 0

    def __call__(self, execute, sql, params, many, context):
        if not (sql.startswith("SELECT") and "NOT EXISTS" in sql):
            return execute(sql, params, many, context)
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.seconds += time.perf_counter() - started
            self.queries += 1


@contextlib.contextmanager
def autoanalyze(url: str, every: float):
    """ANALYZE reports_supervision every `every` seconds from another connection, as autovacuum would."""
    if not every:
        yield
        return
    stop = threading.Event()

    def loop():
        with psycopg.connect(url, autocommit=True) as connection:
            while not stop.wait(every):
                connection.execute("ANALYZE reports_supervision")

    thread = threading.Thread(target=loop, daemon=True)
    thread.start()
    try:
        yield
    finally:
        stop.set()
        thread.join()


def copy_reports(
    street, now, rng: random.Random, *, opened: int, closed: int, described: bool = False
) -> int:
    """COPY open and closed reports with routes and deadlines as report_submit gives them; `described`
    gives each the demo history's text and, to some, a contact phone (otherwise one short text for all)."""
    from django.db import connection

    from apps.demo.reports import FREQUENCY, Draft, Town
    from apps.reports.models import Report
    from apps.reports.routing import TRACKING_ALPHABET

    town = Town(street, random.Random(SEED), since=now)
    doors = [(compound, door) for compound in town.compounds for _, ds in compound.buildings for door in ds]
    weights = [FREQUENCY.get(c.code, 1) for c in town.categories]
    fields = [f for f in Report._meta.concrete_fields if not f.primary_key]
    blank = {f.attname: None if f.null else f.get_default() for f in fields}
    columns = sql.SQL(", ").join(sql.Identifier(f.column) for f in fields)
    statement = sql.SQL("COPY reports_report ({}) FROM STDIN").format(columns)
    plan = [(status, round(share * opened), hours, answered) for status, share, hours, answered in QUEUE]
    plan.append(("closed", closed, 365 * 24 / 2, True))
    number = 0
    with connection.cursor() as cursor, cursor.cursor.copy(statement) as copy:
        for status, count, mean_hours, answered in plan:
            for _ in range(count):
                compound, door = rng.choice(doors)
                category = rng.choices(town.categories, weights=weights)[0]
                age = timedelta(hours=min(rng.expovariate(1 / mean_hours), 365 * 24))
                created = now - age
                draft = Draft(created, compound, door, category, "qr", "")
                if described:
                    draft.description = town._describe(draft)
                    draft.contact_phone = f"+86139{rng.randrange(10**8):08d}" if rng.random() < 0.55 else ""
                row = _row(draft, status, answered, age, rng)
                row["tracking_number"] = f"{created:%y%m%d}-{_base32(number, TRACKING_ALPHABET)}"
                row["follow_token"] = f"bench-{number:012d}"
                number += 1
                copy.write_row([row.get(f.attname, blank[f.attname]) for f in fields])
    return number


def _row(draft, status: str, answered: bool, age: timedelta, rng: random.Random) -> dict:
    route, deadlines, created = draft.route, draft.deadlines, draft.created_at
    responded = (
        created + min(timedelta(minutes=rng.lognormvariate(math.log(40), 0.9)), age) if answered else None
    )
    row = {
        "place_id": draft.spot.place_id,
        "community_id": draft.compound.community_id,
        "category_id": draft.category.pk,
        "description": draft.description or "楼道堆物，影响通行。",
        "contact_phone": draft.contact_phone,
        "urgent": draft.category.urgent,
        "status": status,
        "source": "qr",
        "board_id": draft.spot.board_id,
        "created_at": created,
        "dispatch_due": deadlines.dispatch_due,
        "response_due": deadlines.response_due,
        "resolve_due": deadlines.resolve_due,
        "handler_kind": route.handler_kind if status != "submitted" else "",
        "management_unit_id": route.management_unit.pk
        if route.management_unit and status != "submitted"
        else None,
        "department_id": route.department.pk if route.department else None,
        "dispatched_at": created if status != "submitted" else None,
        "responded_at": responded,
    }
    if status == "closed":
        now = created + age
        row["resolved_at"] = responded + (now - responded) * rng.uniform(0, 0.3)
        row["closed_at"] = row["resolved_at"] + (now - row["resolved_at"]) * rng.uniform(0, 0.3)
    return row


def _base32(number: int, alphabet: str, width: int = 6) -> str:
    digits = ""
    for _ in range(width):
        number, digit = divmod(number, len(alphabet))
        digits = alphabet[digit] + digits
    return digits


def candidates(now) -> float:
    """Time every candidate query of supervise() as the second run sees it; return the slowest."""
    from apps.reports.models import Supervision
    from apps.reports.supervision import BATCH, RULES, due_for

    slowest = 0.0
    print("\nCandidate queries (supervision.due_for, first batch):")
    for rule in RULES:
        for level in Supervision.Level:
            started = time.perf_counter()
            rows = len(due_for(rule, level, now).values_list("pk", flat=True)[:BATCH])
            took = time.perf_counter() - started
            slowest = max(slowest, took)
            print(f"{took * 1000:10.1f} ms  {rule.deadline:<11} level {int(level)}  {rows} rows")
    return slowest


def explain(now, deadline: str) -> None:
    from apps.reports.models import Supervision
    from apps.reports.supervision import BATCH, RULES, due_for

    rule = next(r for r in RULES if r.deadline == deadline)
    query = due_for(rule, Supervision.Level.COMMUNITY, now).values_list("pk", flat=True)[:BATCH]
    print(f"\nEXPLAIN ANALYZE, rule {deadline}, level 1 (escalate to the community):")
    print(query.explain(analyze=True, buffers=True))


def partial_indexes():
    from django.db import models
    from django.db.models import Q

    return [
        models.Index(
            fields=[field],
            condition=Q(status__in=statuses, **({"responded_at__isnull": True} if unanswered else {})),
            name=name,
        )
        for field, statuses, unanswered, name in INDEXES
    ]


def print_indexes() -> None:
    print("\nIndexes for Report.Meta.indexes that serve the three rules' candidate queries:")
    for field, statuses, unanswered, name in INDEXES:
        condition = f"Q(status__in={statuses!r}{', responded_at__isnull=True' if unanswered else ''})"
        print(f'    models.Index(fields=["{field}"], condition={condition}, name="{name}"),')


def add_indexes() -> None:
    from django.db import connection

    from apps.reports.models import Report

    with connection.schema_editor() as editor:
        for index in partial_indexes():
            editor.add_index(Report, index)
    analyze("reports.Report")


def analyze(label: str) -> None:
    """What autovacuum does a while after a bulk change; the planner's estimates depend on it."""
    from django.apps import apps

    from apps.core.planner import analyze as analyze_tables

    analyze_tables(apps.get_model(label))


def report(what: str, started: float) -> float:
    took = time.perf_counter() - started
    print(f"{took:8.2f} s  {what}")
    return took


if __name__ == "__main__":
    main()
