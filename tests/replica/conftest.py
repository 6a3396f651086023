"""A private PostgreSQL primary and its streaming replica on ports of their own, and gunicorn with
production settings reading from both. The shared server at 5432 refuses replication connections
(its pg_hba.conf has no `replication` line), so the primary is made here with initdb, whose
pg_hba.conf allows them from 127.0.0.1."""

import json
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

from tests.faults.conftest import PrivatePostgres, _pg, manage, production, serve, wait_for

PRIMARY_PORT = int(os.environ.get("REPLICA_PRIMARY_PORT", "5490"))
REPLICA_PORT = int(os.environ.get("REPLICA_PORT", "5491"))
MAX_LAG = 4  # seconds behind before reads leave the replica
RETRY = 2  # seconds an unreachable replica is left alone

SEED = """
import json
from django.core.management import call_command
from apps.access.roles import Role
from apps.api.services import api_token_issue
from apps.places.models import Place
from apps.reports.boards import boards_post_for_doors
from apps.reports.models import Category
from tests.factories import build_street, person_with_role
call_command("load_categories", verbosity=0)
street = build_street("甲")
unit = Place.objects.filter(kind="unit").order_by("path").first()
board = boards_post_for_doors(place=unit)[0]
category = Category.objects.filter(parent__isnull=False).order_by("pk").first()
official = person_with_role(Role.STREET_OFFICIAL, place=street, display_name="甲街道干部")
_, secret = api_token_issue(user=official)
print(json.dumps({"board": board.token, "category": category.code, "token": secret}))
"""


class Server(PrivatePostgres):
    """A cluster that logs every statement, so a test can tell which server a request read."""

    def __init__(self, port: int, folder: Path):
        self.port, self.folder = port, folder
        self.data = folder / f"data-{port}"
        self.url = f"postgres://postgres@127.0.0.1:{port}/gongzhi"

    def start(self) -> None:
        options = (
            f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1 -c fsync=off "
            "-c log_statement=all -c hot_standby=on"
        )
        subprocess.run(
            self._as_postgres(
                _pg("pg_ctl"), "-D", str(self.data), "-o", options, "-l", str(self.log), "-w", "start"
            ),
            check=True,
            capture_output=True,
        )

    @property
    def log(self) -> Path:
        return self.folder / f"log-{self.port}"

    def mark(self) -> int:
        return self.log.stat().st_size if self.log.exists() else 0

    def read_since(self, mark: int) -> str:
        with self.log.open("rb") as log:
            log.seek(mark)
            return log.read().decode(errors="replace")

    def sql(self, statement: str) -> str:
        result = subprocess.run(
            [
                "psql",
                "-h",
                "127.0.0.1",
                "-p",
                str(self.port),
                "-U",
                "postgres",
                "-d",
                "gongzhi",
                "-Atc",
                statement,
            ],
            check=True,
            capture_output=True,
            text=True,
        )
        return result.stdout.strip()


@pytest.fixture(scope="module")
def servers():
    if os.geteuid() == 0 and shutil.which("runuser") is None:
        pytest.skip("runuser is needed to start PostgreSQL as the postgres user")
    folder = Path(tempfile.mkdtemp(prefix="gongzhi-replica-"))
    shutil.chown(folder, "postgres") if os.geteuid() == 0 else None
    primary, replica = Server(PRIMARY_PORT, folder), Server(REPLICA_PORT, folder)
    primary.create()
    subprocess.run(
        primary._as_postgres(
            _pg("pg_basebackup"), "-R", "-X", "stream", "-D", str(replica.data),
            "-h", "127.0.0.1", "-p", str(PRIMARY_PORT), "-U", "postgres",
        ),
        check=True,
        capture_output=True,
    )  # fmt: skip
    replica.start()
    try:
        yield primary, replica
    finally:
        replica.stop()
        primary.remove()


@pytest.fixture(scope="module")
def portal(servers, tmp_path_factory):
    primary, replica = servers
    env = production(
        primary.url,
        DATABASE_REPLICA_URL=replica.url,
        REPLICA_MAX_LAG_SECONDS=str(MAX_LAG),
        REPLICA_RETRY_SECONDS=str(RETRY),
        REPLICA_PIN_SECONDS="30",
    )
    manage(env, "migrate", "--noinput", "-v", "0")
    seeded = json.loads(manage(env, "shell", "-c", SEED).strip().splitlines()[-1])
    caught_up(primary, replica)
    log = tmp_path_factory.mktemp("gunicorn") / "gunicorn.log"
    with serve.gunicorn(env, workers=1, log_path=log) as base:
        yield base, seeded, log


def caught_up(primary: Server, replica: Server) -> None:
    target = primary.sql("SELECT pg_current_wal_lsn()")
    wait_for(
        lambda: replica.sql(f"SELECT pg_last_wal_replay_lsn() >= '{target}'::pg_lsn") == "t",
        timeout=30,
        what="the replica to catch up",
    )
