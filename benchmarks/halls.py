"""
Votes at street scale on PostgreSQL: 10,000 households cast their ballots concurrently, then the
Civil Code art. 278 double majority is counted over them.

    python benchmarks/halls.py [--households 10000] [--threads 16] [--database gongzhi_bench_halls]
                               [--http [--workers 2] [--cache-url redis://127.0.0.1:6379/1]]

The database is dropped, created and migrated; one compound of `--households` households (floor
areas 50–150 m², each with one verified resident) is written in bulk. The vote opens (the
electorate is frozen: timed), every resident casts through `ballot_cast` from a pool of threads,
each with its own connection (timed: ballots per second), the script checks that exactly one
ballot per household was stored, then closes the vote, which counts it (timed).

With --http the residents post their ballots to the vote's page instead, on the production stack
(production settings, gunicorn with --workers workers, sessions in the database or, with
--cache-url, in Redis written through to it): each resident is signed in, then `--threads` client
processes post, each resident twice (the second post from another process, about when the first
is sent), timed from the first post to the last answer; every answer must be the redirect back to
the vote, and exactly one ballot per household stored. /ping/ is loaded with wrk on the same
server before and after, for the ratio. The clients run on the server's machine, so the CPU a post
costs is counted for each party: gunicorn's processes, the PostgreSQL backends serving them and the
client processes.
"""

import argparse
import json
import multiprocessing
import os
import random
import secrets
import socket
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timedelta
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # run as a script: import from the project

import redis

from benchmarks import cpu, serve, wrk

PER_UNIT = 50
UNITS_PER_BUILDING = 4


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--households", type=int, default=10_000)
    parser.add_argument("--threads", type=int, default=16)
    parser.add_argument("--database", default="gongzhi_bench_halls")
    parser.add_argument("--http", action="store_true", help="post the ballots to gunicorn")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers with --http (default 2)")
    parser.add_argument("--cache-url", default="", help="with --http: Redis for the cache and sessions")
    parser.add_argument("--duration", type=int, default=5, help="seconds of wrk on /ping/ (default 5)")
    parser.add_argument(
        "--json", help="where to write the figures (default benchmarks/results/halls-<date>.json)"
    )
    args = parser.parse_args()
    database_url = serve.database_recreate(args.database)
    if args.http:
        wrk.require()
        if args.cache_url:
            redis.Redis.from_url(args.cache_url).flushdb()
        env = serve.production_env(database_url, args.cache_url)
        serve.django_prepare({**env, "CELERY_BROKER_URL": "memory://"})
        figures = run_http(args, env)
    else:
        os.environ.update(
            DATABASE_URL=database_url,
            DJANGO_SETTINGS_MODULE="config.settings.local",
            DJANGO_DEBUG="0",
            CELERY_BROKER_URL="memory://",
            CELERY_RESULT_BACKEND="cache+memory://",
        )
        import django
        from django.core.management import call_command

        django.setup()
        call_command("migrate", interactive=False, verbosity=0)
        figures = run(args)
    print(json.dumps(figures, indent=2, ensure_ascii=False))
    out = Path(args.json or Path(__file__).parent / "results" / f"halls-{datetime.now():%Y-%m-%d-%H%M}.json")
    out.write_text(json.dumps(figures, indent=2, ensure_ascii=False))


def build(households: int):
    """A compound of `households` households, each with one verified resident, written in bulk."""
    from django.contrib.auth import get_user_model

    from apps.access.models import RoleAssignment
    from apps.access.roles import Role
    from apps.places.models import Place
    from apps.places.services import place_add

    street = place_add(parent=place_add(parent=None, name="基准区"), name="基准街道")
    community = place_add(parent=street, name="基准社区")
    compound = place_add(parent=community, name="基准小区")
    units_needed = -(-households // PER_UNIT)
    buildings = -(-units_needed // UNITS_PER_BUILDING)
    rows, left = [], households
    for b in range(1, buildings + 1):
        building = Place(kind="building", name=f"{b}号楼", path=Place._get_path(compound.path, 5, b), depth=5)
        rows.append(building)
        units = min(UNITS_PER_BUILDING, -(-left // PER_UNIT))
        building.numchild = units
        for u in range(1, units + 1):
            unit = Place(kind="unit", name=f"{u}单元", path=Place._get_path(building.path, 6, u), depth=6)
            count = min(PER_UNIT, left)
            unit.numchild, left = count, left - count
            rows.append(unit)
            rows.extend(
                Place(
                    kind="household",
                    name=f"{h}室",
                    path=Place._get_path(unit.path, 7, h),
                    depth=7,
                    floor_area=Decimal(random.randint(5000, 15000)) / 100,
                )
                for h in range(1, count + 1)
            )
    Place.objects.bulk_create(rows, batch_size=5000)
    Place.objects.filter(pk=compound.pk).update(numchild=buildings)
    homes = list(Place.objects.filter(kind="household", path__startswith=compound.path).order_by("path"))
    people = get_user_model().objects.bulk_create(
        (get_user_model()(username=f"voter{i}", display_name=f"住户{i}") for i in range(len(homes))),
        batch_size=5000,
    )
    RoleAssignment.objects.bulk_create(
        (RoleAssignment(user=p, role=Role.RESIDENT, place=h) for p, h in zip(people, homes, strict=True)),
        batch_size=5000,
    )
    staff = get_user_model().objects.create(username="clerk", display_name="社工")
    RoleAssignment.objects.create(user=staff, role=Role.COMMUNITY_STAFF, place=community)
    return community, compound, staff, people


def open_vote(community, compound, staff):
    """The vote of the compound's households on a rebuilding, opened (the electorate frozen); the
    seconds the opening took."""
    from django.utils import timezone

    from apps.core.planner import analyze
    from apps.halls.services import hall_for
    from apps.halls.votes.services import vote_create, vote_open

    now = timezone.now()
    vote = vote_create(
        hall=hall_for(community),
        by=staff,
        title="更换单元门",
        rule="owners",
        scope=compound,
        opens_at=now,
        closes_at=now + timedelta(days=7),
        matter="rebuild",
    )
    started = time.perf_counter()
    vote_open(vote=vote, by=staff)
    opened = time.perf_counter() - started
    analyze()  # what autovacuum does after the bulk load, before voting starts
    return vote, opened


def run(args) -> dict:
    import time_machine
    from django.db import connections

    from apps.halls.models import Ballot
    from apps.halls.votes.services import ballot_cast, vote_close

    started = time.perf_counter()
    community, compound, staff, people = build(args.households)
    built = time.perf_counter() - started
    vote, opened = open_vote(community, compound, staff)

    def cast(share):
        try:
            for person in share:
                ballot_cast(vote=vote, user=person, choices=[1 if random.random() < 0.8 else 2])
        finally:
            connections.close_all()

    shares = [people[i :: args.threads] for i in range(args.threads)]
    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=args.threads) as pool:
        list(pool.map(cast, shares))
    casting = time.perf_counter() - started
    stored = Ballot.objects.filter(vote=vote).count()
    assert stored == len(people), (stored, len(people))

    with time_machine.travel(vote.closes_at + timedelta(minutes=1), tick=True):
        started = time.perf_counter()
        result = vote_close(vote=vote)
        counted = time.perf_counter() - started
    return {
        "households": len(people),
        "threads": args.threads,
        "build_seconds": round(built, 2),
        "open_vote_freeze_electorate_seconds": round(opened, 3),
        "cast_seconds": round(casting, 2),
        "ballots_per_second": round(len(people) / casting, 1),
        "ballots_stored": stored,
        "close_and_count_art278_seconds": round(counted, 3),
        "result": {
            "approved": result.approved,
            "failed": result.failed,
            "participants": result.participants,
            "participating_area": str(result.participating_area),
            "electorate_area": str(result.electorate_area),
        },
    }


def run_http(args, env: dict[str, str]) -> dict:
    from django.db import connections

    from apps.halls.models import Ballot

    community, compound, staff, people = build(args.households)
    vote, opened = open_vote(community, compound, staff)
    csrf = secrets.token_hex(16)  # the CSRF cookie's secret, sent back in the form as well
    cookies = [f"sessionid={key}; csrftoken={csrf}" for key in signed_in(people)]
    body = f"csrfmiddlewaretoken={csrf}&choice=1"
    # every resident twice, the second post in the next process's share, at about the same point
    shares = [cookies[i :: args.threads] for i in range(args.threads)]
    shares = [[*share, *shares[i - 1]] for i, share in enumerate(shares)]
    connections.close_all()  # the client processes are forked from this one
    with tempfile.TemporaryDirectory() as scratch:
        log_path = Path(scratch) / "gunicorn.log"
        with serve.gunicorn(env, workers=args.workers, log_path=log_path) as base:
            ping = wrk.run(f"{base}/ping/", duration=args.duration)
            path = f"/halls/votes/{vote.pk}/cast/"
            netloc = base.removeprefix("http://")
            server_cpu = cpu.of_server(netloc)
            with multiprocessing.Pool(args.threads) as pool, cpu.Watch(f" {args.database} ") as database:
                started = time.perf_counter()
                posted = pool.starmap(post_all, [(base, path, share, body) for share in shares])
                posting = time.perf_counter() - started
            server_cpu = cpu.of_server(netloc) - server_cpu
            serve.settle(base)
            ping_again = wrk.run(f"{base}/ping/", duration=args.duration)
    posts = sum(len(share) for share in shares)
    answers = [answer for answers_of, _client_cpu in posted for answer in answers_of]
    wrong = [answer for answer in answers if answer != (302, path[:-5])]
    stored = Ballot.objects.filter(vote=vote).count()
    assert not wrong and ping.failures == ping_again.failures == 0, (wrong[:5], ping, ping_again)
    households = Ballot.objects.filter(vote=vote).values("elector").distinct().count()
    assert stored == households == len(people), (stored, households)
    pings = [ping.requests_per_s, ping_again.requests_per_s]
    return {
        "households": len(people),
        "client_processes": args.threads,
        "gunicorn_workers": args.workers,
        "sessions": "redis, written through to the database" if args.cache_url else "database",
        "open_vote_freeze_electorate_seconds": round(opened, 3),
        "posts": posts,
        "post_seconds": round(posting, 2),
        "posts_per_second": round(posts / posting, 1),
        "ballots_stored": stored,
        "ping_requests_per_second": [round(p, 1) for p in pings],
        "posts_to_ping_ratio": round(posts / posting / (sum(pings) / 2), 3),
        "cpu_ms_per_post": {
            "gunicorn": round(server_cpu / posts * 1000, 2),
            "postgresql": round(database.seconds / posts * 1000, 2),
            "clients": round(sum(client_cpu for _answers, client_cpu in posted) / posts * 1000, 2),
        },
        "load_average": os.getloadavg(),
    }


def signed_in(people) -> list[str]:
    """A session key for each person, signed in as Django's login does, written in bulk: to the
    database, and to the cache as well when sessions are read from it (a sign-in's save writes both)."""
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends import cached_db
    from django.contrib.sessions.models import Session
    from django.core.cache import caches
    from django.utils import timezone

    store, expires = cached_db.SessionStore(), timezone.now() + timedelta(seconds=settings.SESSION_COOKIE_AGE)
    backend = "django.contrib.auth.backends.ModelBackend"
    data = {
        secrets.token_hex(16): {
            SESSION_KEY: str(p.pk),
            BACKEND_SESSION_KEY: backend,
            HASH_SESSION_KEY: p.get_session_auth_hash(),
        }
        for p in people
    }
    sessions = [
        Session(session_key=key, session_data=store.encode(d), expire_date=expires) for key, d in data.items()
    ]
    Session.objects.bulk_create(sessions, batch_size=5000)
    if settings.SESSION_ENGINE == "django.contrib.sessions.backends.cached_db":
        cached = {cached_db.KEY_PREFIX + key: d for key, d in data.items()}
        caches[settings.SESSION_CACHE_ALIAS].set_many(cached, timeout=settings.SESSION_COOKIE_AGE)
    return list(data)


def post_all(base: str, path: str, cookies: list[str], body: str) -> tuple[list[tuple[int, str]], float]:
    """Post the ballot once for each cookie, one after another, each on a connection of its own; each
    answer's status and Location, and the CPU seconds this client spent. The requests are written
    by hand, as http.client's parsing cost this machine's shared cores a tenth of a post's CPU."""
    host, port = base.removeprefix("http://").split(":")
    answers, started = [], time.process_time()
    for cookie in cookies:
        request = (
            f"POST {path} HTTP/1.1\r\nHost: {host}:{port}\r\nCookie: {cookie}\r\n"
            f"Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {len(body)}\r\n"
            f"Connection: close\r\n\r\n{body}"
        )
        with socket.create_connection((host, int(port)), timeout=60) as connection:
            connection.sendall(request.encode())
            answers.append(status_and_location(read_until_closed(connection)))
    return answers, time.process_time() - started


def read_until_closed(connection: socket.socket) -> bytes:
    chunks = []
    while chunk := connection.recv(65536):
        chunks.append(chunk)
    return b"".join(chunks)


def status_and_location(answer: bytes) -> tuple[int, str]:
    status_line, *headers = answer.split(b"\r\n\r\n", 1)[0].decode("latin-1").split("\r\n")
    fields = dict(header.split(":", 1) for header in headers)
    location = next((value.strip() for name, value in fields.items() if name.lower() == "location"), "")
    return int(status_line.split()[1]), location


if __name__ == "__main__":
    main()
