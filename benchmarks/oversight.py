"""
Street oversight at scale: a million reports (or --reports N) in PostgreSQL, the daily rollups built
from them, then every oversight page, the staff queue and the API's report list timed, and 督办's runs.

    python benchmarks/oversight.py [--reports 1000000] [--days 730] [--requests 50] [--reuse [--pages-only]]

A fresh database (`--database`, default gongzhi_oversight_bench) is migrated and seeded with
seed_demo's street; the reports go in with COPY from `--jobs` processes at once, spread over `--days`
days at the street's unit doors, most of them long closed and rated, the recent ones open; the
report table's indexes are dropped first and built once after. The rollups are rebuilt, a late
change to 1,000 reports is refreshed, and each page is requested `--requests` times in-process with
Django's test client (production settings) as the street official and as a community staff
member, signed in with their authenticator as the admin requires; the table gives the median and
the 95th percentile, and the load average of the machine. Last, 督办 (supervise) runs once to
catch up on the deadlines the copied reports have passed, then for each of the next five minutes:
each run must take under 10 s.
`--reuse` skips the data and rebuilds the rollups; `--pages-only` keeps them too and only times.

What the pages read grows with the reports per day, not with their total: `--reports 1000000
--days 73` gives the rollups of 10,000,000 reports over two years, day by day and week by week.
"""

import argparse
import contextlib
import multiprocessing
import os
import random
import secrets
import sys
import time
from datetime import timedelta
from pathlib import Path
from statistics import median, quantiles

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # run as a script: import from the project

from benchmarks import serve

TARGET_MS = 300
ESCALATION_TARGET_S = 10
PAGES = [
    ("dashboard, 30 days", "/oversight/"),
    ("dashboard, 365 days", "/oversight/?since={year_ago}"),
    ("dashboard, a category", "/oversight/?category={category}"),
    ("heat map", "/oversight/map/"),
    ("heat map, one compound", "/oversight/map/?compound={compound}"),
    ("places × categories", "/oversight/grid/"),
    ("problem ledger", "/oversight/ledger/"),
    ("problem ledger, XLSX", "/oversight/ledger/?format=xlsx"),
    ("monthly topic", "/oversight/topics/"),
    ("early warnings", "/oversight/warnings/"),
    ("reports behind a figure", "/oversight/reports/?state=overdue"),
    ("the staff queue", "/admin/reports/report/"),
    ("the staff queue, overdue", "/admin/reports/report/?overdue=yes"),
    ("API report list", "/api/v1/reports/"),
]
COLUMNS = [
    "tracking_number", "follow_token", "place_id", "community_id", "category_id", "description", "urgent",
    "status", "source", "contact_phone", "on_behalf_of", "external_reference", "handler_kind",
    "management_unit_id", "department_id", "created_at", "dispatch_due", "response_due", "resolve_due",
    "dispatched_at", "responded_at", "resolved_at", "closed_at", "escalation_level", "satisfaction",
    "solved", "rated_at", "rated_by", "at_street_desk",
]  # fmt: skip


def main(argv=None) -> int:
    options = _arguments(argv)
    url = (
        f"{serve.POSTGRES}/{options.database}" if options.reuse else serve.database_recreate(options.database)
    )
    env = serve.production_env(url)
    _say(f"database {options.database}: migrate")
    serve.django_prepare(env)
    if not options.reuse:
        from apps.demo import plan
        from apps.demo.builder import seed_demo

        started = time.perf_counter()
        seed_demo(size=plan.SMALL if options.small else plan.FULL)  # production settings lack the command
        _say(f"seed_demo in {time.perf_counter() - started:.0f} s")
        started = time.perf_counter()
        with _indexes_built_after("reports_report"):
            written = _copy_reports(options.reports, options.days, options.jobs)
            took = time.perf_counter() - started
            _say(f"{written:,} reports copied in {took:.0f} s by {options.jobs} processes")
            started = time.perf_counter()
        _say(f"the report table's indexes built in {time.perf_counter() - started:.0f} s")
        _analyze()
    if not options.pages_only:
        _rollups()
    _say(f"reports in the database: {_count():,}; load average {_load()}")
    failed = False
    for persona in ("street_official", "staff"):
        failed |= _time_departments(persona, options.requests)
        if not options.departments_only:
            failed |= _time_pages(persona, options.requests)
    if not options.departments_only:
        failed |= _time_escalation()
    return 1 if failed else 0


def _time_escalation() -> bool:
    """督办 over all the reports: a first run catches up on every deadline already passed (the data
    is written without its history of runs), then the runs of the next minutes, as beat runs them."""
    from django.utils import timezone

    from apps.reports.supervision import supervise

    now = timezone.now()
    started = time.perf_counter()
    created = supervise(now)
    _say(f"督办, first run catching up: {len(created):,} entries in {time.perf_counter() - started:.1f} s")
    _analyze()
    timings = []
    for minute in range(1, 6):
        started = time.perf_counter()
        created = supervise(now + timedelta(minutes=minute))
        timings.append(time.perf_counter() - started)
        _say(f"督办, minute {minute}: {len(created):,} entries in {timings[-1]:.2f} s")
    return max(timings) > ESCALATION_TARGET_S


def _time_departments(persona: str, requests: int) -> bool:
    """The departments' ranking alone (oversight.departments), over 30 and 365 days."""
    from django.utils import timezone

    from apps.oversight.departments import ranked_departments
    from apps.oversight.selectors import Period
    from benchmarks import data

    user, today = data.persona(persona), timezone.localdate()
    print(f"\ndepartments ranked for {persona}, {requests} times each, milliseconds")
    failed = False
    for days in (30, 365):
        period = Period(today - timedelta(days=days - 1), today)
        timings = []
        for _ in range(requests + 2):
            started = time.perf_counter()
            ranked = ranked_departments(user, period)
            timings.append((time.perf_counter() - started) * 1000)
        timings = timings[2:]
        p95 = quantiles(timings, n=20)[-1]
        failed |= p95 > TARGET_MS
        counted = sum(row.submitted for row in ranked)
        shown = f"{len(ranked)} departments, {counted:,} reports"
        print(f"{days:>4} days: {shown}, p50 {median(timings):.1f}, p95 {p95:.1f}")
    return failed


def _rollups() -> None:
    from apps.oversight.models import WeeklyRollup
    from apps.oversight.rollups import rollups_rebuild, rollups_refresh

    started = time.perf_counter()
    rows = rollups_rebuild()
    took, weeks = time.perf_counter() - started, WeeklyRollup.objects.count()
    _say(f"rollups rebuilt: {rows:,} daily and {weeks:,} weekly rows in {took:.1f} s")
    _analyze()
    _late_changes(1_000)
    started = time.perf_counter()
    days = rollups_refresh()
    _say(f"refresh after 1,000 late changes: {len(days)} days in {time.perf_counter() - started:.2f} s")


def _load() -> str:
    return " ".join(f"{n:.2f}" for n in os.getloadavg())


def _arguments(argv):
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--reports", type=int, default=1_000_000)
    parser.add_argument("--days", type=int, default=730, help="the history's length (default 730)")
    parser.add_argument("--jobs", type=int, default=2, help="processes copying reports at once (default 2)")
    parser.add_argument("--requests", type=int, default=50, help="requests per page (default 50)")
    parser.add_argument("--database", default="gongzhi_oversight_bench")
    parser.add_argument("--reuse", action="store_true", help="keep the database's data, time again")
    parser.add_argument("--small", action="store_true", help="seed the demo's small street")
    parser.add_argument("--departments-only", action="store_true", help="time the departments' ranking only")
    parser.add_argument(
        "--pages-only", action="store_true", help="with --reuse: keep the rollups too, only time the pages"
    )
    return parser.parse_args(argv)


def _say(text: str) -> None:
    print(f"· {text}", flush=True)


def _copy_reports(count: int, days: int, jobs: int) -> int:
    """COPY `count` reports in `jobs` processes at once, each its share in its own connection."""
    from django.db import connections
    from django.utils import timezone

    from apps.places.models import Department, ManagedCompound, Place, PlaceKind
    from apps.reports.models import Category

    rng = random.Random(20251122)
    units = Place.objects.filter(kind=PlaceKind.UNIT).values_list("pk", "path")
    communities = dict(Place.objects.filter(kind=PlaceKind.COMMUNITY).values_list("path", "pk"))
    managed = dict(ManagedCompound.objects.values_list("compound__path", "unit_id"))
    doors = [(pk, communities[path[:12]], managed.get(path[:16])) for pk, path in units]
    hot = rng.sample(doors, max(1, len(doors) // 20))
    departments = dict(Department.objects.filter(kind="street").values_list("name", "pk"))
    categories = [
        (pk, handler, resolve_days, departments.get(named) if handler == "street" else None)
        for pk, handler, resolve_days, named in Category.objects.filter(parent__isnull=False).values_list(
            "pk", "handler", "resolve_days", "street_department"
        )
    ]
    shared = {
        "now": timezone.now(),
        "days": days,
        "doors": doors + hot * 4,  # some doors report far more than others
        "categories": categories,
        "weights": [rng.lognormvariate(0, 1) for _ in categories],
        "prefix": secrets.token_hex(2),
    }
    bounds = [count * job // jobs for job in range(jobs + 1)]
    connections.close_all()  # each process opens its own
    with multiprocessing.get_context("fork").Pool(jobs) as pool:
        shares = [(job, bounds[job], bounds[job + 1], shared) for job in range(jobs)]
        copied = pool.starmap(_copy_share, shares)
    return sum(copied)


def _copy_share(job: int, first: int, last: int, shared: dict) -> int:
    """One process's reports, numbered first..last-1. The rows are made from the street's own ids, so
    the foreign keys' per-row checks are skipped (session_replication_role) as a restore does."""
    from django.db import connection

    rng = random.Random(20251122 + job)
    every = max(1, (last - first) // 5)
    copy_sql = f"COPY reports_report ({', '.join(COLUMNS)}) FROM STDIN"
    with connection.cursor() as cursor:
        cursor.execute("SET session_replication_role = replica")
        with cursor.connection.cursor().copy(copy_sql) as copy:
            for n in range(first, last):
                copy.write_row(_row(n, rng, **shared))
                if (n - first + 1) % every == 0 and job == 0:
                    _say(f"process 0: {n - first + 1:,} of {last - first:,} reports")
        cursor.execute("SET session_replication_role = DEFAULT")
    connection.close()
    return last - first


@contextlib.contextmanager
def _indexes_built_after(table: str):
    """Drop the table's indexes that back no constraint, run the block, build them again: a bulk
    load writes the rows first and each index once, not an index entry per row."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT index.relname, pg_get_indexdef(index.oid)
            FROM pg_index JOIN pg_class index ON index.oid = pg_index.indexrelid
            WHERE pg_index.indrelid = %s::regclass
              AND NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conindid = pg_index.indexrelid)
            """,
            [table],
        )
        indexes = cursor.fetchall()
        for name, _ in indexes:
            cursor.execute(f'DROP INDEX "{name}"')
    yield
    with connection.cursor() as cursor:
        cursor.execute("SET maintenance_work_mem = '2GB'")
        for _, definition in indexes:
            cursor.execute(definition)


def _row(n, rng, *, now, days, doors, categories, weights, prefix):
    place, community, unit = rng.choice(doors)
    category, handler, resolve_days, department = rng.choices(categories, weights)[0]
    created = now - timedelta(seconds=rng.random() * days * 86400)
    age = now - created
    dispatched = created + timedelta(minutes=rng.randint(1, 40))
    response_due, resolve_due = created + timedelta(hours=2), created + timedelta(days=resolve_days)
    responded = dispatched + timedelta(minutes=rng.randint(5, 200))
    resolved = responded + timedelta(hours=rng.randint(1, 24 * (resolve_days + 1)))
    roll = rng.random()
    row = {
        "status": "dispatched", "responded_at": None, "resolved_at": None, "closed_at": None,
        "satisfaction": "", "solved": None, "rated_at": None, "escalation_level": 0,
    }  # fmt: skip
    if roll < 0.03:
        row["status"] = "rejected"
    elif (age > timedelta(days=resolve_days + 14) or roll > 0.4) and resolved + timedelta(days=2) < now:
        row.update(status="closed", responded_at=responded, resolved_at=resolved)
        row["closed_at"] = resolved + timedelta(days=2)
        if rng.random() < 0.6:
            happy = rng.random() < 0.88
            row.update(
                satisfaction=rng.choice(["satisfied", "basic"]) if happy else "unsatisfied",
                solved=happy or rng.random() < 0.3,
                rated_at=resolved + timedelta(days=1),
            )
    if row["status"] == "dispatched":
        if responded < now and rng.random() < 0.7:
            row.update(status="in_progress", responded_at=responded)
        if resolve_due < now:
            row["escalation_level"] = 1
    handler_kind = handler if handler != "property" or unit else "community"
    return (
        f"B{prefix}{n:09d}", secrets.token_urlsafe(16), place, community, category, "问题描述", False,
        row["status"], "qr", "", "", "", handler_kind, unit if handler_kind == "property" else None,
        department, created, dispatched, response_due, resolve_due,
        dispatched, row["responded_at"], row["resolved_at"], row["closed_at"], row["escalation_level"],
        row["satisfaction"], row["solved"], row["rated_at"], "resident" if row["rated_at"] else "", False,
    )  # fmt: skip


def _analyze() -> None:
    """VACUUM ANALYZE: the statistics, and the visibility map that lets the queue's count read its
    index alone, as autovacuum leaves a live table."""
    from apps.core.planner import analyze

    analyze(vacuum=True)


def _count() -> int:
    from apps.reports.models import Report

    return Report.objects.count()


def _late_changes(count: int) -> None:
    """Rate `count` old reports now, as residents do late: the report and its timeline event."""
    from django.db import transaction
    from django.utils import timezone

    from apps.reports.models import ActorKind, Report, TimelineEvent

    now = timezone.now()
    ids = list(
        Report.objects.filter(status="closed", rated_at__isnull=True).values_list("pk", flat=True)[:count]
    )
    with transaction.atomic():
        Report.objects.filter(pk__in=ids).update(
            rated_at=now - timedelta(hours=1), satisfaction="satisfied", solved=True
        )
        TimelineEvent.objects.bulk_create(
            TimelineEvent(
                report_id=pk, action="rate", status_after="closed", actor_kind=ActorKind.RESIDENT,
                created_at=now - timedelta(hours=1),
            )
            for pk in ids
        )  # fmt: skip


def _time_pages(persona: str, requests: int) -> bool:
    from django.test import Client
    from django.utils import timezone

    from apps.places.models import Place, PlaceKind
    from apps.reports.models import Category
    from benchmarks import data

    user = data.persona(persona)
    client = Client(HTTP_HOST=serve.HOST, HTTP_COOKIE=data.session_cookie(user))  # with the admin's MFA
    values = {
        "year_ago": (timezone.localdate() - timedelta(days=364)).isoformat(),
        "category": Category.objects.filter(parent__isnull=True)
        .order_by("pk")
        .values_list("pk", flat=True)[0],
        "compound": _a_compound_of(user, Place, PlaceKind),
    }
    print(f"\n{persona} ({user.display_name}), {requests} requests a page, milliseconds")
    print(f"{'page':<28}{'status':>7}{'p50':>9}{'p95':>9}{'max':>9}")
    failed = False
    for name, path in PAGES:
        path = path.format(**values)
        timings, status = [], None
        for _ in range(requests + 2):
            started = time.perf_counter()
            status = client.get(path).status_code
            timings.append((time.perf_counter() - started) * 1000)
        timings = timings[2:]  # the first two warm the caches
        p95 = quantiles(timings, n=20)[-1]
        failed |= status != 200 or p95 > TARGET_MS
        flag = (
            ""
            if status == 200 and p95 <= TARGET_MS
            else "  <- over target"
            if status == 200
            else "  <- FAILED"
        )
        print(f"{name:<28}{status:>7}{median(timings):>9.1f}{p95:>9.1f}{max(timings):>9.1f}{flag}")
    print(f"load average after: {_load()}")
    return failed


def _a_compound_of(user, place_model, kinds) -> int:
    from apps.access.visibility import visible_to

    compounds = place_model.objects.filter(kind=kinds.COMPOUND).order_by("path")
    return visible_to(user, compounds, perm="oversight.view_dashboard").values_list("pk", flat=True)[0]


if __name__ == "__main__":
    sys.exit(main())
