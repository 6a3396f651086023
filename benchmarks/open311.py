"""
Measure the anonymous Open311 feed against the trivial view /ping/ on a production-like server.

    python benchmarks/open311.py [--duration 10] [--samples 20] [--paths /open311/v2/requests.json]

A fresh PostgreSQL database is migrated and seeded with seed_demo, gunicorn serves it with
production settings, and for each path the script reports the bytes of one answer, the time of a
first answer, the median of `--samples` further single requests of the same path and of as many
new to the cache (each with a `sample` parameter the feed ignores), then runs wrk on
/ping/, the path, /ping/ and compares the path with the mean of the two pings, as pages.py does.
"""

import argparse
import json
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from statistics import mean, median

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # run as a script: import from the project

from benchmarks import serve, wrk

BASELINE = "/ping/"
PATHS = [
    "/open311/v2/requests.json",
    "/open311/v2/servicerequestupdates.json",
]


def main(argv: list[str] | None = None) -> int:
    options = _arguments(argv)
    try:
        wrk.require()
    except wrk.WrkMissing as missing:
        print(missing, file=sys.stderr)
        return 2
    _say(f"database {options.database}: recreate, migrate, seed_demo")
    env = serve.production_env(serve.database_recreate(options.database))
    serve.django_prepare(env)
    from benchmarks import data  # after django_prepare: it imports the models

    data.seed("demo")
    rows = []
    with tempfile.TemporaryDirectory() as scratch:
        log_path = Path(scratch) / "gunicorn.log"
        with serve.gunicorn(env, workers=options.workers, log_path=log_path, port=options.port) as base:
            for path in options.paths:
                rows.append(_measure(base, path, options))
    for row in rows:
        print(json.dumps(row, ensure_ascii=False))
    if options.json:
        options.json.write_text(json.dumps(rows, ensure_ascii=False, indent=2) + "\n")
    return 0


def _measure(base: str, path: str, options) -> dict:
    first_ms, size = _fetch(base + path)
    again_ms = median(_fetch(base + path)[0] for _ in range(options.samples))
    # a parameter the feed ignores makes each question new to the cache: the time to build an answer
    built_ms = median(_fetch(f"{base}{path}?sample={n}")[0] for n in range(options.samples))
    ping_before = wrk.run(base + BASELINE, duration=options.duration)
    serve.settle(base)
    loaded = wrk.run(base + path, duration=options.duration)
    serve.settle(base)
    ping_after = wrk.run(base + BASELINE, duration=options.duration)
    pings = [ping_before.requests_per_s, ping_after.requests_per_s]
    return {
        "path": path,
        "bytes": size,
        "first_ms": round(first_ms, 1),
        "median_ms": round(again_ms, 1),
        "uncached_median_ms": round(built_ms, 1),
        "requests_per_s": round(loaded.requests_per_s, 1),
        "p50_ms": round(loaded.p50_us / 1000, 1),
        "p99_ms": round(loaded.p99_us / 1000, 1),
        "ratio_to_ping": round(loaded.requests_per_s / mean(pings), 3),
        "failures": loaded.failures,
    }


def _fetch(url: str) -> tuple[float, int]:
    started = time.perf_counter()
    with urllib.request.urlopen(url, timeout=30) as response:
        size = len(response.read())
    return (time.perf_counter() - started) * 1000, size


def _arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--paths", nargs="+", default=PATHS, metavar="PATH")
    parser.add_argument("--duration", type=int, default=10, help="seconds of load per run (default 10)")
    parser.add_argument("--samples", type=int, default=20, help="single requests timed (default 20)")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--port", type=int, default=None)
    parser.add_argument("--database", default="gongzhi_bench")
    parser.add_argument("--json", type=Path, default=None, help="also write the rows here")
    return parser.parse_args(argv)


def _say(message: str) -> None:
    print(f"[open311] {message}", file=sys.stderr, flush=True)


if __name__ == "__main__":
    sys.exit(main())
