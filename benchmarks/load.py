"""
Load on the production stack (scripts/prod.sh): the scan page, the follow page and report
submission, against the trivial view /ping/ served by the same gunicorn, and 500 residents at once.

    python benchmarks/load.py --base http://127.0.0.1:8000 [--duration 10] [--connections 500]
                              [--submitters 500] [--timeout 120] [--phase-timeout 600]

The stack must run with the report limits raised (every request here comes from 127.0.0.1):
REPORT_RATE_PER_ADDRESS=100000/h REPORT_RATE_PER_BOARD=100000/h scripts/prod.sh start, and hold
boards and reports (`manage.py seed_demo`). DATABASE_URL names the stack's database, read for the
boards, a follow link and the reports before and after. Only 127.0.0.1 is loaded.

1. wrk, --connections connections for --duration seconds each: /ping/, the scan page, the follow
   page of a report (its private link), /ping/ again.
2. --submitters residents, each in its own thread, open their own board's scan page (as on a door),
   wait for the others, send the form twice at once (a double tap, one submission key), then open
   the follow page the answer redirected them to.

The run fails (exit 1) on any error: an answer of 4xx or 5xx, a socket error or a timeout from wrk;
a resident's request that fails, is refused or waits more than --timeout seconds; a phase still
running after --phase-timeout; a key without exactly one report; a reports table that did not grow
by exactly --submitters; a follow page that does not answer 200.
"""

import argparse
import json
import os
import re
import statistics
import sys
import threading
import time
from datetime import datetime
from pathlib import Path
from urllib.parse import urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # run as a script: import from the project

import psycopg
import requests

from benchmarks import serve, wrk

FIELDS = re.compile(r'name="(csrfmiddlewaretoken|submission_key)" value="([^"]+)"')
CATEGORY = re.compile(r'name="category" value="(\d+)"')
FOLLOW = re.compile(r"/r/[^/]+/$")


def main(argv: list[str] | None = None) -> int:
    options = _arguments(argv)
    if urlsplit(options.base).hostname != "127.0.0.1":
        raise SystemExit("load only 127.0.0.1")
    wrk.require()
    boards = _boards(options.database_url, options.submitters + 1)
    pages = {
        "ping": "/ping/",
        "scan": f"/s/{boards[0]}/",
        "follow": f"/r/{_follow_token(options.database_url)}/",
        "ping again": "/ping/",
    }
    loads = [os.getloadavg()[0]]
    runs = {}
    for name, path in pages.items():
        _settle(options)
        runs[name] = result = wrk.run(
            f"{options.base}{path}",
            duration=options.duration,
            connections=options.connections,
            threads=4,
            timeout=options.timeout,
        )
        loads.append(os.getloadavg()[0])
        _say(
            f"{name:10} {result.requests_per_s:8.1f} req/s  p50 {result.p50_us / 1000:.1f} ms  "
            f"p99 {result.p99_us / 1000:.1f} ms  errors {result.failures}"
        )
    _settle(options)
    residents = _residents(options, boards[1:])
    loads.append(os.getloadavg()[0])
    report = _report(runs, residents, options, loads)
    print(json.dumps(report, ensure_ascii=False, indent=2))
    path = Path(__file__).parent / "results" / f"load-{datetime.now():%Y-%m-%d-%H%M}.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(report, ensure_ascii=False, indent=2) + "\n")
    _say(f"results written to {path}")
    for problem in report["problems"]:
        _say(f"FAILED: {problem}")
    return 1 if report["problems"] else 0


def _arguments(argv):
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--base", default="http://127.0.0.1:8000")
    parser.add_argument("--duration", type=int, default=10, help="seconds of each wrk run")
    parser.add_argument("--connections", type=int, default=500, help="wrk's open connections")
    parser.add_argument("--submitters", type=int, default=500)
    parser.add_argument("--timeout", type=int, default=120, help="seconds a request may wait")
    parser.add_argument("--phase-timeout", type=int, default=600, help="seconds the residents may take")
    parser.add_argument("--database-url", default=os.environ.get("DATABASE_URL", ""))
    return parser.parse_args(argv)


def _settle(options) -> None:
    """Wait, within --phase-timeout, until the requests a wrk run left queued are served."""
    deadline = time.monotonic() + options.phase_timeout
    while True:
        try:
            return serve.settle(options.base, timeout=max(1, deadline - time.monotonic()))
        except TimeoutError:  # a ping still behind the queue: ask again
            if time.monotonic() > deadline:
                raise


def _boards(database_url: str, count: int) -> list[str]:
    with psycopg.connect(_libpq(database_url)) as connection:
        rows = connection.execute(
            "SELECT token FROM reports_board WHERE revoked_at IS NULL ORDER BY id LIMIT %s", [count]
        ).fetchall()
    if len(rows) < count:
        raise SystemExit(f"{len(rows)} boards in the database, {count} needed: run manage.py seed_demo")
    return [token for (token,) in rows]


def _follow_token(database_url: str) -> str:
    """The private link of the report with the longest timeline: the heaviest follow page."""
    with psycopg.connect(_libpq(database_url)) as connection:
        row = connection.execute(
            "SELECT r.follow_token FROM reports_report r JOIN reports_timelineevent e ON e.report_id = r.id "
            "WHERE r.status <> 'merged' GROUP BY r.id ORDER BY count(*) DESC, r.id LIMIT 1"
        ).fetchone()
    if row is None:
        raise SystemExit("no report in the database: run manage.py seed_demo")
    return row[0]


def _count_reports(database_url: str, keys: list[str]) -> tuple[int, int]:
    with psycopg.connect(_libpq(database_url)) as connection:
        total = connection.execute("SELECT count(*) FROM reports_report").fetchone()[0]
        keyed = connection.execute(
            "SELECT count(*) FROM reports_report WHERE submission_key = ANY(%s::uuid[])", [keys]
        ).fetchone()[0]
    return total, keyed


class Resident(threading.Thread):
    """One resident at their door: the scan page, the double tap, the follow page."""

    def __init__(self, base: str, token: str, *, together: threading.Barrier, timeout: int):
        super().__init__(daemon=True)  # a resident stuck past the phase's end does not hold the exit
        self.base, self.token, self.together, self.timeout = base, token, together, timeout
        self.session = requests.Session()
        self.timings: dict[str, list[float]] = {"scan": [], "post": [], "follow": []}
        self.key, self.statuses, self.locations, self.error = "", [], [], ""

    def run(self) -> None:
        try:
            data = self._open_scan_page()
            self.together.wait(timeout=self.timeout)
            taps = [threading.Thread(target=self._tap, args=(data,), daemon=True) for _ in range(2)]
            for tap in taps:
                tap.start()
            for tap in taps:
                tap.join(self.timeout)
            if len(self.statuses) < 2:
                raise TimeoutError("a tap got no answer")
            if set(self.statuses) != {302} or len(set(self.locations)) != 1:
                raise RuntimeError(f"taps answered {self.statuses} {self.locations}")
            self._open_follow_page(self.locations[0])
        except threading.BrokenBarrierError:
            self.error = self.error or "another resident failed before the taps"
        except Exception as error:  # any failure is this resident's outcome
            self.together.abort()  # the others stop waiting for this one
            self.error = f"{type(error).__name__}: {error}"

    def _open_scan_page(self) -> dict:
        response = self._timed("scan", "get", f"{self.base}/s/{self.token}/")
        if response.status_code != 200:
            raise RuntimeError(f"scan page answered {response.status_code}")
        fields = dict(FIELDS.findall(response.text))
        self.key = fields["submission_key"]
        category = CATEGORY.findall(response.text)[0]
        return {**fields, "category": category, "description": "楼道灯不亮，晚上很黑"}

    def _tap(self, data: dict) -> None:
        url = f"{self.base}/s/{self.token}/"
        try:
            response = self._timed(
                "post", "post", url, data=data, headers={"Referer": url}, allow_redirects=False
            )
        except requests.RequestException as error:
            self.statuses.append(type(error).__name__)
        else:
            self.statuses.append(response.status_code)
            self.locations.append(response.headers.get("Location", ""))

    def _open_follow_page(self, location: str) -> None:
        if not FOLLOW.search(location):
            raise RuntimeError(f"redirected to {location!r}, not a follow page")
        response = self._timed("follow", "get", f"{self.base}{location}")
        if response.status_code != 200:
            raise RuntimeError(f"follow page answered {response.status_code}")

    def _timed(self, name: str, method: str, url: str, **options) -> requests.Response:
        began = time.perf_counter()
        response = self.session.request(method, url, timeout=self.timeout, **options)
        self.timings[name].append(time.perf_counter() - began)
        return response


def _residents(options, boards: list[str]) -> dict:
    """All residents at once; whoever has not finished by --phase-timeout is counted as failed."""
    together = threading.Barrier(len(boards))
    residents = [
        Resident(options.base, token, together=together, timeout=options.timeout) for token in boards
    ]
    before, _ = _count_reports(options.database_url, [])
    began = time.perf_counter()
    for resident in residents:
        resident.start()
    deadline = began + options.phase_timeout
    for resident in residents:
        resident.join(max(0, deadline - time.perf_counter()))
    wall = time.perf_counter() - began
    unfinished = [resident for resident in residents if resident.is_alive()]
    failed = [resident for resident in residents if resident.error and not resident.is_alive()]
    keys = [resident.key for resident in residents if resident.key]
    after, keyed = _count_reports(options.database_url, keys)
    return {
        "residents": len(boards),
        "wall_s": round(wall, 1),
        **{name: _timing(residents, name) for name in ("scan", "post", "follow")},
        "reports_before": before,
        "reports_after": after,
        "reports_added": after - before,
        "keys_with_a_report": keyed,
        "unfinished": len(unfinished),
        "failed": len(failed),
        "errors": sorted({resident.error for resident in failed})[:10],
    }


def _timing(residents: list[Resident], name: str) -> dict:
    times = sorted(t for resident in residents for t in resident.timings[name])
    if not times:
        return {"requests": 0}
    return {
        "requests": len(times),
        "p50_ms": round(statistics.median(times) * 1000, 1),
        "p99_ms": round(times[max(0, int(len(times) * 0.99) - 1)] * 1000, 1),
        "max_ms": round(times[-1] * 1000, 1),
    }


def _problems(runs, residents, options) -> list[str]:
    problems = [
        f"wrk {name}: {result.non_2xx_3xx} answers 4xx/5xx, {result.socket_errors} socket errors, "
        f"{result.timeouts} timeouts"
        for name, result in runs.items()
        if result.failures
    ]
    if residents["unfinished"]:
        problems.append(f"{residents['unfinished']} residents unfinished after {options.phase_timeout} s")
    if residents["failed"]:
        problems.append(f"{residents['failed']} residents failed: {residents['errors']}")
    if residents["keys_with_a_report"] != residents["residents"]:
        problems.append(f"{residents['keys_with_a_report']} keys of {residents['residents']} gave a report")
    if residents["reports_added"] != residents["residents"]:
        problems.append(f"{residents['reports_added']} reports added for {residents['residents']} residents")
    return problems


def _report(runs, residents, options, loads) -> dict:
    ping = (runs["ping"].requests_per_s + runs["ping again"].requests_per_s) / 2
    return {
        "when": datetime.now().isoformat(timespec="seconds"),
        "base": options.base,
        "duration_s": options.duration,
        "connections": options.connections,
        "load_average": [round(load, 1) for load in loads],
        "wrk": {name: result.as_dict() for name, result in runs.items()},
        "over_ping": {name: round(runs[name].requests_per_s / ping, 3) for name in ("scan", "follow")},
        "residents": residents,
        "problems": _problems(runs, residents, options),
    }


def _libpq(url: str) -> str:
    return url.replace("postgres://", "postgresql://", 1)


def _say(message: str) -> None:
    print(f"[load] {message}", file=sys.stderr, flush=True)


if __name__ == "__main__":
    sys.exit(main())
