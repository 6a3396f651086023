"""
Load on the production stack (scripts/prod.sh): the scan page and report submission, against the
trivial view /ping/ served by the same gunicorn, and 200 residents submitting at once.

    python benchmarks/load.py --base http://127.0.0.1:8000 [--duration 10] [--submitters 200]

The stack must run with the per-address report limit raised (every request here comes from
127.0.0.1): REPORT_RATE_PER_ADDRESS=100000/h REPORT_RATE_PER_BOARD=100000/h scripts/prod.sh start,
and hold boards (`manage.py seed_demo`). DATABASE_URL names the stack's database, read to count
reports before and after. Only 127.0.0.1 is loaded; every phase stops by itself.

1. wrk: /ping/, the scan page, /ping/ (each --duration seconds, 16 connections).
2. --submitters threads each open a board's page (its own board, as on a door), wait for the
   others, then send the form twice at once (a double tap) with its submission key. Every key
   must give exactly one report, and the reports table must grow by exactly --submitters.
"""

import argparse
import json
import os
import re
import statistics
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime
from pathlib import Path
from urllib.parse import urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # run as a script: import from the project

import psycopg
import requests

from benchmarks import serve, wrk

FIELDS = re.compile(r'name="(csrfmiddlewaretoken|submission_key)" value="([^"]+)"')
CATEGORY = re.compile(r'name="category" value="(\d+)"')


def main(argv: list[str] | None = None) -> int:
    options = _arguments(argv)
    if urlsplit(options.base).hostname != "127.0.0.1":
        raise SystemExit("load only 127.0.0.1")
    wrk.require()
    boards = _boards(options.database_url, options.submitters + 1)
    scan = f"/s/{boards[0]}/"
    runs = {}
    for name, path in (("ping", "/ping/"), ("scan", scan), ("ping again", "/ping/")):
        serve.settle(options.base)
        runs[name] = wrk.run(f"{options.base}{path}", duration=options.duration, connections=16)
        result = runs[name]
        _say(f"{name:10} {path:32} {result.requests_per_s:8.1f} req/s  p50 {result.p50_us / 1000:.1f} ms")
    serve.settle(options.base)
    burst = _submit_all(options.base, boards[1:], options.database_url)
    report = _report(runs, burst, options)
    print(json.dumps(report, ensure_ascii=False, indent=2))
    path = Path(__file__).parent / "results" / f"load-{datetime.now():%Y-%m-%d-%H%M}.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(report, ensure_ascii=False, indent=2) + "\n")
    _say(f"results written to {path}")
    return 0 if burst["lost"] == 0 and burst["duplicates"] == 0 and burst["failures"] == 0 else 1


def _arguments(argv):
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--base", default="http://127.0.0.1:8000")
    parser.add_argument("--duration", type=int, default=10, help="seconds of each wrk run")
    parser.add_argument("--submitters", type=int, default=200)
    parser.add_argument("--database-url", default=os.environ.get("DATABASE_URL", ""))
    return parser.parse_args(argv)


def _boards(database_url: str, count: int) -> list[str]:
    with psycopg.connect(_libpq(database_url)) as connection:
        rows = connection.execute(
            "SELECT token FROM reports_board WHERE revoked_at IS NULL ORDER BY id LIMIT %s", [count]
        ).fetchall()
    if len(rows) < count:
        raise SystemExit(f"{len(rows)} boards in the database, {count} needed: run manage.py seed_demo")
    return [token for (token,) in rows]


def _count_reports(database_url: str, keys: list[str]) -> tuple[int, int]:
    with psycopg.connect(_libpq(database_url)) as connection:
        total = connection.execute("SELECT count(*) FROM reports_report").fetchone()[0]
        keyed = connection.execute(
            "SELECT count(*) FROM reports_report WHERE submission_key = ANY(%s::uuid[])", [keys]
        ).fetchone()[0]
    return total, keyed


def _submit_all(base: str, boards: list[str], database_url: str) -> dict:
    """Each submitter opens its page, then all send at once, each twice (a double tap)."""
    start = threading.Barrier(len(boards))
    latencies: list[float] = []
    spans: list[tuple[float, float]] = []
    outcomes: list[tuple[str, int, int, str, str]] = []
    lock = threading.Lock()

    def resident(token: str) -> None:
        session = requests.Session()
        page = session.get(f"{base}/s/{token}/", timeout=60).text
        fields = dict(FIELDS.findall(page))
        data = {**fields, "category": CATEGORY.findall(page)[0], "description": "楼道灯不亮，晚上很黑"}
        url, headers = f"{base}/s/{token}/", {"Referer": f"{base}/s/{token}/"}
        start.wait()

        def tap():
            began = time.perf_counter()
            response = session.post(url, data=data, headers=headers, timeout=120, allow_redirects=False)
            ended = time.perf_counter()
            with lock:
                latencies.append(ended - began)
                spans.append((began, ended))
            return response

        with ThreadPoolExecutor(2) as taps:
            first, second = list(taps.map(lambda _: tap(), range(2)))
        with lock:
            outcomes.append(
                (
                    fields["submission_key"],
                    first.status_code,
                    second.status_code,
                    first.headers.get("Location", ""),
                    second.headers.get("Location", ""),
                )
            )

    before, _ = _count_reports(database_url, [])
    with ThreadPoolExecutor(len(boards)) as pool:
        list(pool.map(resident, boards))
    wall = max(end for _, end in spans) - min(began for began, _ in spans)  # first tap to last answer
    keys = [key for key, *_ in outcomes]
    after, keyed = _count_reports(database_url, keys)
    failures = sum(1 for _, a, b, *_ in outcomes if a != 302 or b != 302)
    split = sum(1 for *_, a, b in outcomes if a != b)  # the two taps led to different reports
    latencies.sort()
    return {
        "submitters": len(boards),
        "posts": len(latencies),
        "wall_s": round(wall, 2),
        "posts_per_s": round(len(latencies) / wall, 1),
        "p50_ms": round(statistics.median(latencies) * 1000, 1),
        "p99_ms": round(latencies[int(len(latencies) * 0.99) - 1] * 1000, 1),
        "reports_before": before,
        "reports_after": after,
        "lost": len(boards) - keyed,
        "duplicates": (after - before) - len(boards) + split,
        "failures": failures,
    }


def _report(runs, burst, options) -> dict:
    ping = (runs["ping"].requests_per_s + runs["ping again"].requests_per_s) / 2
    return {
        "when": datetime.now().isoformat(timespec="seconds"),
        "base": options.base,
        "duration_s": options.duration,
        "wrk": {name: result.as_dict() for name, result in runs.items()},
        "scan_over_ping": round(runs["scan"].requests_per_s / ping, 3),
        "submission": burst,
        "submission_over_ping": round(burst["posts_per_s"] / ping, 4),
    }


def _libpq(url: str) -> str:
    return url.replace("postgres://", "postgresql://", 1)


def _say(message: str) -> None:
    print(f"[load] {message}", file=sys.stderr, flush=True)


if __name__ == "__main__":
    sys.exit(main())
