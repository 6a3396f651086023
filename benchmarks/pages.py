"""
Measure pages against the trivial view /ping/ on a production-like server.

    python benchmarks/pages.py [--duration 10] [--connections 16] [--pages / /me/ /scan/x/@resident]

A fresh PostgreSQL database is migrated and seeded, gunicorn serves it with production
settings, and wrk loads /ping/ and each page in turn: ping, page, ping, page, …, ping. Each
page run is compared with the two ping runs around it, so drift hits both alike; with
--rounds N the schedule repeats and every figure is the median over the rounds.
"""

import argparse
import json
import os
import shlex
import signal
import subprocess
import sys
import tempfile
from datetime import datetime
from pathlib import Path
from statistics import median

import redis

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # run as a script: import from the project

from benchmarks import serve, wrk

BASELINE = "/ping/"
# The persona each known page is visited as; None is an anonymous visitor.
PAGES = {
    "/": None,
    "/me/": "resident",
    "/admin/places/place/": "staff",
    "/s/{board}/": None,
    "/r/{report}/": None,
    "/halls/{hall}/": "resident",
    "/halls/topics/{topic}/": "resident",
    "/admin/reports/report/": "staff",
    "/admin/reports/report/{report_id}/change/": "staff",
    "/api/v1/reports/": "staff",
    "/oversight/": "street_official",
    "/open311/v2/requests.json": None,
}


def main(argv: list[str] | None = None) -> int:
    options = _arguments(argv)
    try:
        wrk.require()
    except wrk.WrkMissing as missing:
        print(missing, file=sys.stderr)
        return 2
    pages = [_page(spec) for spec in options.pages]
    _say(f"database {options.database}: recreate, migrate, collectstatic")
    if options.cache_url:
        redis.Redis.from_url(options.cache_url).flushdb()
    env = serve.production_env(serve.database_recreate(options.database), options.cache_url)
    serve.django_prepare(env)
    cookies, seeded, values = _sign_in({persona for _, persona in pages if persona}, options.seed)
    pages = [(path.format(**values), persona) for path, persona in pages]

    with tempfile.TemporaryDirectory() as scratch:
        log_path = Path(scratch) / "gunicorn.log"
        with serve.gunicorn(env, workers=options.workers, log_path=log_path, port=options.port) as base:
            _say(f"gunicorn with {options.workers} workers at {base}")
            rows, pings = _measure(base, pages, cookies, options)

    _print_table(rows, pings)
    report = _report(rows, pings, options, seeded)
    path = options.json or Path(__file__).parent / "results" / f"pages-{datetime.now():%Y-%m-%d-%H%M}.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(report, ensure_ascii=False, indent=2) + "\n")
    _say(f"results written to {path}")
    return 1 if any(row["status"] != "ok" for row in rows) else 0


def _arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--pages", nargs="+", default=list(PAGES), metavar="PATH[@PERSONA]")
    parser.add_argument("--duration", type=int, default=10, help="seconds of load per run (default 10)")
    parser.add_argument("--rounds", type=int, default=1, help="times each page is measured (default 1)")
    parser.add_argument("--warmup", type=int, default=2, help="seconds of unrecorded load per path first")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers (default 2)")
    parser.add_argument("--database", default="gongzhi_bench", help="dropped and created again")
    parser.add_argument(
        "--cache-url",
        default="redis://127.0.0.1:6379/13",
        help="the shared cache, emptied first (default: Redis database 13); '' for a memory cache per worker",
    )
    parser.add_argument("--port", type=int, help="serve on this port of 127.0.0.1 (default: a free one)")
    parser.add_argument("--seed", choices=["auto", "demo", "small"], default="auto")
    parser.add_argument("--json", type=Path, help="default: benchmarks/results/pages-<date>.json")
    return parser.parse_args(argv)


def _page(spec: str) -> tuple[str, str | None]:
    """`/path/` (with its persona from PAGES, else anonymous) or `/path/@persona`."""
    path, at, persona = spec.partition("@")
    if not path.startswith("/"):
        raise SystemExit(f"A page is a path starting with /: {spec!r}")
    if not at:
        return path, PAGES.get(path)
    return path, None if persona == "anonymous" else persona


def _sign_in(personas: set[str], how: str) -> tuple[dict[str, str], str, dict[str, str]]:
    """Seed the database, sign the personas in and fill the paths' {placeholders}; imported here,
    once Django is set up."""
    from django.db import connections

    from benchmarks import data

    unknown = personas - set(data.PERSONAS)
    if unknown:
        raise SystemExit(f"Unknown persona {', '.join(sorted(unknown))}; known: {', '.join(data.PERSONAS)}")
    try:
        seeded = data.seed(how)
    except Exception:
        _say(f"seeding ({how}) failed; --seed small uses the benchmark's own small street")
        raise
    _say(f"seeded with {seeded}")
    cookies = {name: data.session_cookie(data.persona(name)) for name in personas}
    values = data.placeholders()
    connections.close_all()
    return cookies, seeded, values


def _measure(base: str, pages, cookies, options) -> tuple[list[dict], list[wrk.Result]]:
    """Probe every page, warm up, then run ping, page, ping, page, …, ping for `--rounds` rounds."""
    load = {"connections": options.connections, "threads": options.threads}

    def run(path: str, cookie: str | None = None, duration: int = options.duration) -> wrk.Result:
        result = wrk.run(base + path, duration=duration, cookie=cookie, **load)
        serve.settle(base)
        return result

    rows = [_probe(base, path, persona, cookies.get(persona)) for path, persona in pages]
    measured = [row for row in rows if row["status"] == "ok"]
    if options.warmup:
        for path, cookie in [(BASELINE, None)] + [(row["page"], row["cookie"]) for row in measured]:
            run(path, cookie, duration=options.warmup)
    runs = len(measured) * options.rounds
    _say(f"measuring: {runs} page runs and {runs + 1} ping runs of {options.duration} s")
    pings = [run(BASELINE)]
    for _ in range(options.rounds):
        for row in measured:
            result = run(row["page"], row["cookie"])
            pings.append(run(BASELINE))
            row.setdefault("rounds", []).append({"page": result, "ping": pings[-2:]})
    for row in measured:
        failed = [entry["page"] for entry in row["rounds"] if entry["page"].failures]
        if failed:
            row["status"], row["error"] = "failed", _failures(failed)
    return rows, pings


def _probe(base: str, path: str, persona: str | None, cookie: str | None) -> dict:
    """A page must answer 200 itself: a redirect (to the login page, say) is an error."""
    row = {"page": path, "persona": persona or "anonymous", "cookie": cookie, "status": "ok"}
    status, location = serve.get(base + path, cookie)
    if status != 200:
        row["status"] = "error"
        row["error"] = f"{status} → {location}" if location else f"answers {status}"
    return row


def _failures(results: list[wrk.Result]) -> str:
    counts = {
        "4xx/5xx": sum(r.non_2xx_3xx for r in results),
        "socket errors": sum(r.socket_errors for r in results),
        "timeouts": sum(r.timeouts for r in results),
    }
    return ", ".join(f"{n} {what}" for what, n in counts.items() if n)


def _figures(results: list[wrk.Result]) -> dict[str, float]:
    """Medians over runs: one noisy run does not move them much."""
    return {
        "requests_per_s": median(r.requests_per_s for r in results),
        "p50_ms": median(r.p50_us for r in results) / 1000,
        "p99_ms": median(r.p99_us for r in results) / 1000,
    }


def _summary(row: dict) -> tuple[dict[str, float], dict[str, float]]:
    """A page's figures, and their ratios to the ping runs around each of its runs."""
    figures = _figures([run["page"] for run in row["rounds"]])
    ratios = [(_figures([run["page"]]), _figures(run["ping"])) for run in row["rounds"]]
    return figures, {key: median(page[key] / ping[key] for page, ping in ratios) for key in figures}


def _print_table(rows: list[dict], pings: list[wrk.Result]) -> None:
    header = f"{'page':<26} {'persona':<16} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8}"
    print(f"\n{header} {'req/s ÷ ping':>13} {'p50 ÷ ping':>11} {'p99 ÷ ping':>11}")
    ping = _figures(pings)
    print(
        f"{BASELINE:<26} {'anonymous':<16} {ping['requests_per_s']:>8.1f} {ping['p50_ms']:>8.2f}"
        f" {ping['p99_ms']:>8.2f} {1:>13.2f} {1:>11.2f} {1:>11.2f}"
    )
    for row in rows:
        line = f"{row['page']:<26} {row['persona']:<16}"
        if "rounds" in row:
            figures, ratio = _summary(row)
            line += (
                f" {figures['requests_per_s']:>8.1f} {figures['p50_ms']:>8.2f} {figures['p99_ms']:>8.2f}"
                f" {ratio['requests_per_s']:>13.3f} {ratio['p50_ms']:>11.2f} {ratio['p99_ms']:>11.2f}"
            )
        if row["status"] != "ok":
            line += f"  {row['status'].upper()}: {row['error']}"
        print(line)
    print()


def _report(rows: list[dict], pings: list[wrk.Result], options, seeded: str) -> dict:
    pages = []
    for row in rows:
        entry = {key: row[key] for key in ("page", "persona", "status", "error") if key in row}
        if "rounds" in row:
            figures, ratios = _summary(row)
            entry["median"] = {key: round(value, 3) for key, value in figures.items()}
            entry["vs_ping"] = {key: round(value, 4) for key, value in ratios.items()}
            entry["runs"] = [
                {"wrk": run["page"].as_dict(), "ping_around": [ping.as_dict() for ping in run["ping"]]}
                for run in row["rounds"]
            ]
        pages.append(entry)
    return {
        "date": datetime.now().astimezone().isoformat(timespec="seconds"),
        "command": shlex.join([Path(sys.executable).name, *sys.argv]),
        "commit": _commit(),
        "seed": seeded,
        "cpus": os.cpu_count(),
        "options": {
            key: getattr(options, key)
            for key in (
                *("duration", "rounds", "warmup", "connections", "threads"),
                *("workers", "database", "cache_url"),
            )
        },
        "baseline": {"page": BASELINE, **{k: round(v, 3) for k, v in _figures(pings).items()}},
        "ping_runs": [run.as_dict() for run in pings],
        "pages": pages,
    }


def _commit() -> str:
    completed = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, cwd=serve.ROOT, check=False
    )
    return completed.stdout.strip()


def _say(message: str) -> None:
    print(f"· {message}", file=sys.stderr, flush=True)


def _exit_on_term(signum, frame):
    raise SystemExit(128 + signum)


if __name__ == "__main__":
    signal.signal(signal.SIGTERM, _exit_on_term)
    try:
        sys.exit(main())
    except KeyboardInterrupt:
        sys.exit(130)
