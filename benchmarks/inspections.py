"""
文明数治 at the district's size, on PostgreSQL: generating a round for 4,000 points and 50
inspectors, and the inspection figures pages over 4,000 points × 6 rounds and 3,000 notices.

    python benchmarks/inspections.py [--points 4000] [--inspectors 50] [--rounds 6] [--notices 3000]

A fresh database (`--database`, default gongzhi_bench_inspections) is migrated and given a small
street of 6 communities; the 39 categories are loaded and the points spread over the street. The
schedule (`rounds_generate_due`) is timed for the points' first cycle, then again (it must add
nothing). Five earlier cycles are generated, every assignment is inspected and `--notices` of the
inspections fail, each issuing a numbered notice in one of the four states. Then the figures page
(each grouping, its XLSX export) and the map of failing points are requested `--requests` times
in-process with Django's test client as the street official: the table gives the median and 95th
percentile in milliseconds, and each as a ratio to `/ping/` requested the same way.
"""

import argparse
import random
import sys
import time
from datetime import datetime, timedelta
from decimal import Decimal
from pathlib import Path
from statistics import median, quantiles

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # run as a script: import from the project

from benchmarks import serve

TARGET_MS = 300
SEED = 20261206
PAGES = [
    ("figures by community", "/oversight/inspections/?since={since}&by=community"),
    ("figures by unit", "/oversight/inspections/?since={since}&by=unit"),
    ("figures by category", "/oversight/inspections/?since={since}&by=category"),
    ("figures by round", "/oversight/inspections/?since={since}&by=round"),
    ("figures, XLSX", "/oversight/inspections/?since={since}&by=category&format=xlsx"),
    ("map of failing points", "/oversight/inspections/map/?since={since}"),
]
STATES = ["passed"] * 91 + ["answered"] * 3 + ["returned"] * 3 + ["issued"] * 3


def main(argv=None) -> int:
    options = _arguments(argv)
    env = serve.production_env(serve.database_recreate(options.database))
    serve.django_prepare(env)
    from benchmarks import data

    data.street_small(buildings=1, units=1, households=1)
    street, official = _street(options.inspectors)
    rng = random.Random(SEED)
    _points(street, options.points, rng)
    today = _today()
    first, again = _generate(today)
    print(f"round generation, {options.points:,} points, {options.inspectors} inspectors: {first:.2f} s")
    print(f"generated again (adds nothing): {again:.2f} s")
    started = time.perf_counter()
    _history(street, today, options.rounds, options.notices, rng)
    print(f"history written in {time.perf_counter() - started:.0f} s")
    return 1 if _time_pages(official, options.requests) else 0


def _arguments(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database", default="gongzhi_bench_inspections")
    parser.add_argument("--points", type=int, default=4_000)
    parser.add_argument("--inspectors", type=int, default=50)
    parser.add_argument("--rounds", type=int, default=6)
    parser.add_argument("--notices", type=int, default=3_000)
    parser.add_argument("--requests", type=int, default=30)
    return parser.parse_args(argv)


def _today():
    from django.utils import timezone

    return timezone.localdate()


def _street(inspectors: int):
    from apps.access.models import RoleAssignment
    from apps.access.roles import Role
    from apps.accounts.models import User
    from apps.places.models import Place, PlaceKind
    from apps.places.services import place_add
    from benchmarks import data

    street = Place.objects.get(kind=PlaceKind.STREET)
    for n in range(2, 7):
        community = place_add(parent=street, name=f"示范{n}社区")
        place_add(parent=community, name=f"示范{n}小区")
    users = User.objects.bulk_create(
        User(username=f"bench-inspector-{n}", display_name=f"巡查员{n}") for n in range(inspectors)
    )
    RoleAssignment.objects.bulk_create(
        RoleAssignment(user=user, role=Role.INSPECTOR, place=street) for user in users
    )
    return street, data.persona("street_official")


def _points(street, count: int, rng: random.Random) -> None:
    from apps.inspections.catalog import catalog_load
    from apps.inspections.models import InspectionPoint, PointCategory
    from apps.places.models import Place, PlaceKind

    catalog_load()
    categories = list(PointCategory.objects.all())
    places = list(
        Place.objects.filter(path__startswith=street.path, kind__in=[PlaceKind.COMMUNITY, PlaceKind.COMPOUND])
    )
    InspectionPoint.objects.bulk_create(
        (
            InspectionPoint(
                code=f"P{n:05d}",
                name=f"点位{n}",
                category=categories[n % len(categories)],
                place=rng.choice(places),
                latitude=Decimal("39.90") + Decimal(rng.randint(0, 20_000)) / Decimal(1_000_000),
                longitude=Decimal("116.65") + Decimal(rng.randint(0, 20_000)) / Decimal(1_000_000),
                handler_kind="community",
            )
            for n in range(count)
        ),
        batch_size=2_000,
    )


def _generate(today) -> tuple[float, float]:
    from apps.inspections.rounds import rounds_generate_due

    started = time.perf_counter()
    rounds_generate_due(today=today)
    first = time.perf_counter() - started
    started = time.perf_counter()
    rounds_generate_due(today=today)
    return first, time.perf_counter() - started


def _history(street, today, rounds: int, notices: int, rng: random.Random) -> None:
    """Earlier cycles, every assignment inspected, `notices` of them failed with a notice each."""
    from django.utils import timezone

    from apps.inspections.models import Assignment, Inspection, Notice, NoticeCounter, PointCategory
    from apps.inspections.notices import RECTIFY_WITHIN, notice_number
    from apps.inspections.rounds import round_generate

    for category in PointCategory.objects.all():
        for back in range(1, rounds):
            round_generate(
                street=street, category=category, today=today - timedelta(days=back * category.cycle_days)
            )
    assignments = list(
        Assignment.objects.filter(planned_on__lte=today).values_list(
            "pk", "point_id", "inspector_id", "planned_on", "round_id"
        )
    )
    failing = set(rng.sample(range(len(assignments)), min(notices, len(assignments))))
    tz = timezone.get_current_timezone()
    made = Inspection.objects.bulk_create(
        (
            Inspection(
                point_id=point,
                assignment_id=pk,
                round_id=round_id,
                inspector_id=inspector,
                passed=n not in failing,
                created_at=datetime.combine(day, datetime.min.time(), tzinfo=tz) + timedelta(hours=10),
            )
            for n, (pk, point, inspector, day, round_id) in enumerate(assignments)
        ),
        batch_size=5_000,
    )
    failed = sorted((i for i in made if not i.passed), key=lambda i: i.created_at)
    serials: dict[int, int] = {}
    rows = []
    for inspection in failed:
        year = timezone.localtime(inspection.created_at).year
        serials[year] = serials.get(year, 0) + 1
        rows.append(
            Notice(
                number=notice_number(year=year, serial=serials[year]),
                street=street,
                year=year,
                serial=serials[year],
                inspection=inspection,
                point_id=inspection.point_id,
                round_id=inspection.round_id,
                handler_kind="community",
                status=rng.choice(STATES),
                deadline=inspection.created_at + RECTIFY_WITHIN,
                issued_at=inspection.created_at,
            )
        )
    Notice.objects.bulk_create(rows, batch_size=5_000)
    NoticeCounter.objects.bulk_create(
        NoticeCounter(street=street, year=y, last=n) for y, n in serials.items()
    )
    print(f"{len(made):,} inspections, {len(rows):,} notices, {Assignment.objects.count():,} assignments")
    from apps.core.planner import analyze

    analyze()


def _timed(client, path: str, requests: int) -> tuple[int, list[float]]:
    timings, status = [], None
    for _ in range(requests + 2):
        started = time.perf_counter()
        status = client.get(path).status_code
        timings.append((time.perf_counter() - started) * 1000)
    return status, timings[2:]  # the first two warm the caches


def _time_pages(official, requests: int) -> bool:
    from django.test import Client

    client = Client(HTTP_HOST=serve.HOST)
    client.force_login(official)
    since = (_today() - timedelta(days=6 * 61)).isoformat()
    _, ping = _timed(client, "/ping/", requests)
    ping_p50, ping_p95 = median(ping), quantiles(ping, n=20)[-1]
    print(f"\nstreet official, {requests} requests a page, milliseconds (and × /ping/ in-process)")
    print(f"{'page':<26}{'status':>7}{'p50':>9}{'p95':>9}{'p50×':>8}{'p95×':>8}")
    print(f"{'/ping/':<26}{200:>7}{ping_p50:>9.1f}{ping_p95:>9.1f}")
    failed = False
    for name, path in PAGES:
        status, timings = _timed(client, path.format(since=since), requests)
        p50, p95 = median(timings), quantiles(timings, n=20)[-1]
        over = status != 200 or p95 > TARGET_MS
        failed |= over
        flag = "  <- over target" if over else ""
        print(
            f"{name:<26}{status:>7}{p50:>9.1f}{p95:>9.1f}{p50 / ping_p50:>8.0f}{p95 / ping_p95:>8.0f}{flag}"
        )
    return failed


if __name__ == "__main__":
    sys.exit(main())
