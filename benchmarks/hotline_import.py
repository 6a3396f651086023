"""
Measure the import of the 12345 hotline's export: 10,000 city orders through the admin's resource
(preview, then the import), then the same file again, which must change nothing.

    python benchmarks/hotline_import.py [--orders 10000] [--queued] [--json path]

The database (DATABASE_URL, by default gongzhi_bench_hotline on 127.0.0.1) is dropped, created,
migrated and given the small demo street. The file is written as the hotline exports it (Chinese
column names, addresses as names of the place tree, categories by name), every order at a unit door
of the street. Each pass runs `CityOrderResource.import_data` as the street's official, in one
transaction as the admin does: the preview (a dry run, rolled back), the import, and the second
import of the same file (its preview and its import). After the second import the reports, their
timeline events and the city orders are counted and their contents compared with the first. The
tables are analyzed after the first import's bulk write, as autovacuum would before long.

Tasks (each timeline step's announcement) run in the importing process, as without a broker;
`--queued` hands them to an in-memory broker instead, as a deployment's workers would take them.
The machine's load (`os.getloadavg`) is given beside each time.
"""

import argparse
import hashlib
import json
import os
import random
import sys
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # run as a script: import from the project

from benchmarks import serve
from benchmarks.escalation import recreate

DEFAULT_URL = f"{serve.POSTGRES}/gongzhi_bench_hotline"
SEED = 12345
HEADERS = [
    "工单编号",
    "派单时间",
    "诉求内容",
    "来电号码",
    "问题地址",
    "问题分类",
    "紧急程度",
    "响应时限",
    "办结时限",
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--orders", type=int, default=10_000, help="city orders in the file (default 10,000)")
    parser.add_argument("--queued", action="store_true", help="queue tasks in memory instead of running them")
    parser.add_argument("--json", help="write the figures here too")
    args = parser.parse_args()
    url = os.environ.get("DATABASE_URL", DEFAULT_URL)
    recreate(url)
    os.environ.update(serve.production_env(url))
    if args.queued:
        os.environ.update(CELERY_BROKER_URL="memory://", CELERY_RESULT_BACKEND="cache+memory://")
    import django

    django.setup()
    figures = run(args.orders)
    print(json.dumps(figures, indent=2, ensure_ascii=False))
    if args.json:
        Path(args.json).write_text(json.dumps(figures, indent=2, ensure_ascii=False))


def run(count: int) -> dict:
    from django.core.management import call_command

    from apps.access.roles import Role
    from apps.demo.builder import seed_demo
    from apps.demo.plan import SMALL
    from benchmarks.data import holder

    call_command("migrate", interactive=False, verbosity=0)
    street = seed_demo(size=SMALL).street
    official = holder(Role.STREET_OFFICIAL)
    dataset = export_file(street, count)
    before = state()
    figures = {"orders": count, "rows_in_file": len(dataset), "load_before": load()}
    figures["preview_s"], _ = timed(official, dataset, dry_run=True)
    figures["import_s"], first = timed(official, dataset, dry_run=False)
    figures["load_after_import"] = load()
    analyze()
    after_first = state()
    figures["second_preview_s"], _ = timed(official, dataset, dry_run=True)
    figures["second_import_s"], second = timed(official, dataset, dry_run=False)
    after_second = state()
    figures.update(
        first_import=first,
        second_import=second,
        reports_added=after_first["reports"] - before["reports"],
        orders_added=after_first["orders"] - before["orders"],
        second_import_changed_nothing=after_first == after_second,
        per_order_ms=round(1000 * figures["import_s"] / count, 2),
        second_per_order_ms=round(1000 * figures["second_import_s"] / count, 2),
        load_after_second=load(),
    )
    return figures


def load() -> list[float]:
    return [round(n, 2) for n in os.getloadavg()]


def analyze() -> None:
    from apps.core.planner import analyze as analyze_tables

    analyze_tables()


def export_file(street, count: int):
    """The hotline's export: `count` orders at the unit doors of the street, sent over 30 days."""
    import tablib

    from apps.places.models import Place, PlaceKind
    from apps.reports.models import Category

    rng = random.Random(SEED)
    units = list(
        Place.objects.filter(path__startswith=street.path, kind=PlaceKind.UNIT)
        .order_by("path")
        .values_list("path")
    )
    names = dict(Place.objects.filter(path__startswith=street.path).values_list("path", "name"))
    steps = Place.steplen
    addresses = [
        " ".join(names[path[: steps * depth]] for depth in (4, 5, 6)) for (path,) in units
    ]  # compound, building, unit
    categories = [
        str(c) for c in Category.objects.filter(parent__isnull=False, is_active=True).select_related("parent")
    ]
    start = date.today() - timedelta(days=30)
    dataset = tablib.Dataset(headers=HEADERS)
    for n in range(count):
        sent = f"{start + timedelta(days=n * 30 // count)} {rng.randint(8, 20):02d}:{rng.randint(0, 59):02d}"
        due = f"{start + timedelta(days=n * 30 // count + 3)} 18:00"
        dataset.append(
            [
                f"BENCH{n:08d}",
                sent,
                f"市民来电反映：第{n}号工单的问题，请尽快处理。",
                f"139{rng.randrange(10**8):08d}",
                rng.choice(addresses),
                rng.choice(categories),
                "紧急" if rng.random() < 0.05 else "一般",
                "",
                due,
            ]
        )
    return dataset


def timed(official, dataset, *, dry_run: bool) -> tuple[float, dict]:
    from apps.hotline.imports import CityOrderResource

    copy = dataset.__class__(*dataset, headers=list(dataset.headers))
    started = time.perf_counter()
    result = CityOrderResource(by=official).import_data(
        copy, dry_run=dry_run, use_transactions=True, rollback_on_validation_errors=True
    )
    seconds = round(time.perf_counter() - started, 2)
    if result.has_errors() or result.has_validation_errors():
        raise SystemExit(f"the import refused rows: {[r.error for r in result.invalid_rows][:3]}")
    return seconds, dict(result.totals)


def state() -> dict:
    from apps.hotline.models import CityOrder
    from apps.reports.models import Report, TimelineEvent

    reports = Report.objects.order_by("pk").values_list(
        "pk", "description", "urgent", "resolve_due", "status"
    )
    orders = CityOrder.objects.order_by("pk").values_list("pk", "number", "report_id", "updated_at")
    return {
        "reports": Report.objects.count(),
        "events": TimelineEvent.objects.count(),
        "orders": CityOrder.objects.count(),
        "digest": hashlib.sha256(repr([list(reports), list(orders)]).encode()).hexdigest(),
    }


if __name__ == "__main__":
    main()
