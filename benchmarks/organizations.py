"""
Check-in throughput of one activity: 500 people arrive over 5 minutes and scan the rotating code.

    python benchmarks/organizations.py [--people 500] [--minutes 5] [--database-url postgres://…]

A throwaway SQLite database (or the given DATABASE_URL, which is dropped and created) is migrated
and given one community, an activity and its sign-ups. Each arrival then posts the check-in page
as that person would (session, middleware, the code check, the conditional update), with time moved
across the arrival period so the code turns over every minute and the codes of two windows are in use.
Prints the check-ins per second the server side sustains and the latency percentiles.
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # run as a script: import from the project


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--people", type=int, default=500)
    parser.add_argument("--minutes", type=int, default=5)
    parser.add_argument("--database-url", help="default: a temporary SQLite file")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        os.environ["DATABASE_URL"] = args.database_url or f"sqlite:///{scratch}/checkin.sqlite3"
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
        import django

        django.setup()
        run(args)


def run(args) -> None:
    import time_machine
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse
    from django.utils import timezone

    from apps.access.roles import Role
    from apps.access.services import role_grant
    from apps.accounts.models import User
    from apps.organizations.codes import activity_code
    from apps.organizations.models import Activity, Organization, Signup
    from apps.places.services import place_add

    if connection.vendor == "postgresql":
        _recreate(connection)
    call_command("migrate", verbosity=0)
    district = place_add(parent=None, name="示范区")
    street = place_add(parent=district, name="示范街道")
    community = place_add(parent=street, name="中上园社区")
    team = Organization.objects.create(
        name="环保志愿队", place=community, category="environment", status="active"
    )
    starts_at = timezone.now() + timedelta(days=1)
    activity = Activity.objects.create(
        organization=team,
        kind="service",
        title="垃圾分类宣传",
        venue="广场",
        starts_at=starts_at,
        ends_at=starts_at + timedelta(hours=2),
        capacity=args.people,
    )
    people = User.objects.bulk_create(
        User(username=f"p{n}", display_name=f"居民{n}") for n in range(args.people)
    )
    for person in people:
        role_grant(user=person, role=Role.ORGANIZATION_MEMBER, organization=team)
    Signup.objects.bulk_create(
        Signup(activity=activity, organization=team, user=person, status="confirmed") for person in people
    )
    url = reverse("organizations:check_in", args=[activity.pk])
    arrive = [
        starts_at - timedelta(minutes=args.minutes) + timedelta(seconds=60 * args.minutes * n / args.people)
        for n in range(args.people)
    ]
    latencies, queries = [], 0
    for person, moment in zip(people, arrive, strict=True):
        with time_machine.travel(moment, tick=False):
            client = Client()
            client.force_login(person)
            code = activity_code(activity, window=int((moment - timedelta(seconds=30)).timestamp()) // 60)
            started = time.perf_counter()
            with CaptureQueriesContext(connection) as captured:
                response = client.post(url, {"c": code})
            latencies.append(time.perf_counter() - started)
            queries += len(captured)
            assert response.status_code == 302, response.status_code
    checked = Signup.objects.filter(activity=activity, checked_in_at__isnull=False).count()
    total = sum(latencies)
    latencies.sort()
    print(f"database: {connection.vendor}")
    print(f"{checked}/{args.people} checked in over a simulated {args.minutes} minutes")
    print(
        f"server time {total:.2f} s: {args.people / total:.0f} check-ins/s "
        f"(needed: {args.people / (args.minutes * 60):.2f}/s)"
    )
    print(
        f"latency median {statistics.median(latencies) * 1000:.1f} ms, "
        f"p99 {latencies[int(len(latencies) * 0.99) - 1] * 1000:.1f} ms, "
        f"{queries / args.people:.1f} queries per check-in"
    )


def _recreate(connection) -> None:
    import psycopg

    name = connection.settings_dict["NAME"]
    connection.close()
    admin = dict(connection.settings_dict)
    with psycopg.connect(
        host=admin["HOST"] or "127.0.0.1",
        port=admin["PORT"] or 5432,
        user=admin["USER"],
        dbname="postgres",
        autocommit=True,
    ) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')


if __name__ == "__main__":
    main()
