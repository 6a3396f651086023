"""
The staff report queue (the admin's list of reports) at 100,000 open reports, on PostgreSQL.

    python benchmarks/staff_queue.py [--open 100000] [--closed 300000] [--size small|full]
                                      [--requests 30] [--reuse] [--case WORDS]…

The database (DATABASE_URL, by default gongzhi_bench_queue on 127.0.0.1) is dropped, created,
migrated and given the demo street; the reports are written with COPY as escalation.py writes them,
at the unit doors of every compound of the street, each with the demo history's text and about half
with a contact phone; then VACUUM ANALYZE. Each case is requested in-process with Django's test
client (production settings), signed in as a community staff member and as a property staff
member: two warm-up requests, then `--requests` timed ones. It prints p50 and p95 per case, the
ratio of p50 to /ping/'s in the same process, the queries of one request with their time in the
database, the median CPU time of this process, and EXPLAIN ANALYZE of the two slowest queries of
each case over the target. The exit status is 1 when any p95 is over the target (300 ms).
"""

import argparse
import os
import random
import sys
import time
from pathlib import Path
from statistics import median, quantiles

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # run as a script: import from the project

from benchmarks import escalation, serve

DEFAULT_URL = f"{serve.POSTGRES}/gongzhi_bench_queue"
TARGET_MS = 300
QUEUE = "/admin/reports/report/"
CASES = [
    ("the queue (open reports)", ""),
    ("all reports", "?queue=all"),
    ("search: compound + building", "?q={compound}+{building}"),
    ("search: phone's last 4 digits", "?q={phone}"),
    ("search: tracking number", "?q={tracking}"),
    ("search: a word of the text", "?q={word}"),
    ("overdue", "?overdue=yes"),
]


def main(argv=None) -> int:
    options = _arguments(argv)
    url = os.environ.get("DATABASE_URL", DEFAULT_URL)
    if not options.reuse:
        escalation.recreate(url)
    serve.django_prepare(serve.production_env(url))
    if not options.reuse:
        _fill(options)
    from apps.access.roles import Role
    from apps.reports.models import Report

    print(f"· {Report.objects.count():,} reports; load average {_load()}", flush=True)
    ping = _ping(options.requests)
    print(f"· /ping/ in-process: p50 {median(ping):.2f} ms, p95 {_p95(ping):.2f} ms")
    failed = False
    for role in (Role.COMMUNITY_STAFF, Role.PROPERTY_STAFF):
        failed |= _time_cases(role, options, baseline=median(ping))
    print(f"· load average after: {_load()}")
    return 1 if failed else 0


def _arguments(argv):
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--open", type=int, default=100_000, help="open reports (default 100,000)")
    parser.add_argument("--closed", type=int, default=300_000, help="closed reports of the past year")
    parser.add_argument("--size", choices=["small", "full"], default="small", help="the demo street's size")
    parser.add_argument("--requests", type=int, default=30, help="timed requests per case (default 30)")
    parser.add_argument("--word", default="电梯", help="the word of the text searched for")
    parser.add_argument("--reuse", action="store_true", help="keep the database's data, time again")
    parser.add_argument(
        "--case", action="append", default=[], help="time only the cases whose name holds these words"
    )
    return parser.parse_args(argv)


def _fill(options) -> None:
    from django.db.models import Count
    from django.utils import timezone

    from apps.demo.builder import seed_demo
    from apps.demo.plan import FULL, SMALL
    from apps.places.models import Place

    started = time.perf_counter()
    street = seed_demo(size=SMALL if options.size == "small" else FULL).street
    places = Place.objects.filter(path__startswith=street.path).values_list("kind").order_by()
    kinds = dict(places.annotate(n=Count("pk")).values_list("kind", "n"))
    escalation.report(f"demo street ({options.size}) seeded: {kinds}", started)
    started = time.perf_counter()
    rng = random.Random(escalation.SEED)
    copied = escalation.copy_reports(
        street, timezone.now(), rng, opened=options.open, closed=options.closed, described=True
    )
    _analyze()
    escalation.report(f"{copied:,} reports copied, ANALYZE", started)


def _analyze() -> None:
    """What autovacuum does after a bulk insert (it is off on these machines): the statistics of every
    table, and the visibility map that lets the queue's count read its index alone."""
    from apps.core.planner import analyze

    analyze(vacuum=True)


def _ping(requests: int) -> list[float]:
    from django.test import Client

    client = Client(HTTP_HOST=serve.HOST)
    return _timings(client, "/ping/", requests)[0]


def _time_cases(role: str, options, *, baseline: float) -> bool:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from benchmarks import data

    user = data.holder(role)
    _second_factor(user)
    client = Client(HTTP_HOST=serve.HOST)
    client.force_login(user)
    values = _search_terms(user, options.word)
    print(f"\n{role} ({user.display_name}), {options.requests} requests a case; searches: {values}")
    print(
        f"{'case':<32}{'status':>7}{'rows':>8}{'p50 ms':>9}{'p95 ms':>9}{'÷ ping':>8}{'queries':>9}"
        f"{'sql ms':>8}{'cpu ms':>8}"
    )
    failed = False
    for name, query in _chosen(options.case):
        path = QUEUE + query.format(**values)
        timings, response, cpu = _timings(client, path, options.requests)
        with CaptureQueriesContext(connection) as queries:
            client.get(path)
        p95 = _p95(timings)
        over = response.status_code != 200 or p95 > TARGET_MS
        failed |= over
        rows = _rows(response.context_data["cl"]) if response.status_code == 200 else "-"
        sql = sum(float(q["time"]) for q in queries.captured_queries) * 1000
        flag = "  <- over target" if over else ""
        print(
            f"{name:<32}{response.status_code:>7}{rows:>8}{median(timings):>9.1f}{p95:>9.1f}"
            f"{median(timings) / baseline:>8.0f}{len(queries):>9}{sql:>8.0f}{median(cpu):>8.0f}{flag}"
        )
        if over:
            _explain_slowest(queries.captured_queries)
    return failed


def _chosen(wanted: list[str]) -> list[tuple[str, str]]:
    return [(name, query) for name, query in CASES if not wanted or any(w in name for w in wanted)]


def _rows(changelist) -> str:
    """The rows the page says it has: the count stops past 10,000."""
    return f"{changelist.result_count}{'+' if getattr(changelist.paginator, 'more', False) else ''}"


def _timings(client, path: str, requests: int):
    """Milliseconds of each request, the last response and this process's CPU milliseconds of each:
    on a busy machine the time waited for a core shows as the difference."""
    timings, cpu, response = [], [], None
    for _ in range(requests + 2):
        started, used = time.perf_counter(), time.process_time()
        response = client.get(path)
        timings.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - used) * 1000)
    return timings[2:], response, cpu[2:]  # the first two warm the caches


def _p95(timings: list[float]) -> float:
    return quantiles(timings, n=20)[-1]


def _second_factor(user) -> None:
    """Production asks staff for an authenticator app before the admin opens: the persona has one."""
    from allauth.mfa.models import Authenticator

    Authenticator.objects.get_or_create(
        user=user, type=Authenticator.Type.TOTP, defaults={"data": {"secret": "benchmark"}}
    )


def _search_terms(user, word: str) -> dict[str, str]:
    """What staff type: names of a compound and a building, 4 phone digits and a tracking number,
    each from a report this person sees."""
    from apps.access.visibility import visible_to
    from apps.places.models import Place, PlaceKind
    from apps.reports.models import Report

    reports = visible_to(user, Report.objects.select_related("place")).order_by("pk")
    sample = reports.filter(contact_phone__gt="")[1000:1001].get()
    names = {
        kind: Place.objects.get(path=sample.place.ancestor_path(kind)).name
        for kind in (PlaceKind.COMPOUND, PlaceKind.BUILDING)
    }
    return {
        "compound": names[PlaceKind.COMPOUND],
        "building": names[PlaceKind.BUILDING],
        "phone": sample.contact_phone[-4:],
        "tracking": sample.tracking_number,
        "word": word,
    }


def _explain_slowest(captured: list[dict]) -> None:
    from django.db import connection

    slowest = sorted(captured, key=lambda q: float(q["time"]), reverse=True)[:2]
    for query in slowest:
        print(f"\n  {float(query['time']) * 1000:.0f} ms: EXPLAIN ANALYZE {query['sql'][:300]}…")
        with connection.cursor() as cursor:
            cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS) {query['sql']}")
            print("\n".join("    " + row[0] for row in cursor.fetchall()))


def _load() -> str:
    return " ".join(f"{n:.2f}" for n in os.getloadavg())


if __name__ == "__main__":
    sys.exit(main())
