"""Real processes for the fault tests: a private Redis and PostgreSQL on ports of their own, a
Celery worker killed with SIGKILL, gunicorn with production settings. PostgreSQL only: the
processes share the test database, which SQLite keeps in this process's memory."""

import contextlib
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest
from django.db import connection

from benchmarks import serve

ROOT = Path(__file__).resolve().parents[2]
REDIS_PORT = int(os.environ.get("FAULTS_REDIS_PORT", "6390"))
POSTGRES_PORT = int(os.environ.get("FAULTS_POSTGRES_PORT", "8145"))


@pytest.fixture(autouse=True)
def _postgresql_only():
    if connection.vendor != "postgresql":
        pytest.skip("the fault tests share the database between processes: set DATABASE_URL to PostgreSQL")


def shared_database_url() -> str:
    settings = connection.settings_dict
    return f"postgres://{settings['USER']}@{settings['HOST']}:{settings['PORT']}/{settings['NAME']}"


def wait_for(condition, *, timeout: float, every: float = 0.1, what: str = "condition"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if value := condition():
            return value
        time.sleep(every)
    raise AssertionError(f"timed out after {timeout:.0f} s waiting for {what}")


class PrivateRedis:
    def __init__(self, port: int):
        self.port = port
        self.url = f"redis://127.0.0.1:{port}"
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        self.process = subprocess.Popen(
            [
                "redis-server",
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        wait_for(self.answers, timeout=10, what="redis-server")

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.kill()
            self.process.wait()

    def answers(self) -> bool:
        import redis

        with contextlib.suppress(redis.exceptions.ConnectionError):
            return redis.Redis(port=self.port, socket_connect_timeout=0.5).ping()
        return False


@pytest.fixture
def private_redis():
    if shutil.which("redis-server") is None:
        pytest.skip("redis-server is not installed")
    server = PrivateRedis(REDIS_PORT)
    server.start()
    yield server
    server.stop()


class PrivatePostgres:
    """A throwaway cluster made with initdb, run by the postgres user (PostgreSQL refuses root)."""

    def __init__(self, port: int):
        self.port = port
        self.folder = Path(tempfile.mkdtemp(prefix="gongzhi-faults-pg-"))
        self.data = self.folder / "data"
        self.url = f"postgres://postgres@127.0.0.1:{port}/gongzhi"

    def _as_postgres(self, *command) -> list[str]:
        return ["runuser", "-u", "postgres", "--", *command] if os.geteuid() == 0 else list(command)

    def create(self) -> None:
        shutil.chown(self.folder, "postgres") if os.geteuid() == 0 else None
        subprocess.run(
            self._as_postgres(
                _pg("initdb"), "-D", str(self.data), "-U", "postgres", "--auth=trust", "--no-sync"
            ),
            check=True,
            capture_output=True,
        )
        self.start()
        subprocess.run(
            ["createdb", "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres", "gongzhi"], check=True
        )

    def start(self) -> None:
        options = f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1 -c fsync=off"
        subprocess.run(
            self._as_postgres(
                _pg("pg_ctl"),
                "-D",
                str(self.data),
                "-o",
                options,
                "-l",
                str(self.folder / "log"),
                "-w",
                "start",
            ),
            check=True,
            capture_output=True,
        )

    def stop(self) -> None:
        subprocess.run(
            self._as_postgres(_pg("pg_ctl"), "-D", str(self.data), "-m", "fast", "-w", "stop"),
            check=False,
            capture_output=True,
        )

    def remove(self) -> None:
        self.stop()
        shutil.rmtree(self.folder, ignore_errors=True)


def _pg(tool: str) -> str:
    found = shutil.which(tool) or next(Path("/usr/lib/postgresql").glob(f"*/bin/{tool}"), None)
    if found is None:
        pytest.skip(f"{tool} is not installed")
    return str(found)


@pytest.fixture(scope="module")
def private_postgres():
    if os.geteuid() == 0 and shutil.which("runuser") is None:
        pytest.skip("runuser is needed to start PostgreSQL as the postgres user")
    cluster = PrivatePostgres(POSTGRES_PORT)
    cluster.create()
    yield cluster
    cluster.remove()


class Worker:
    """`celery worker` in its own process group, so a SIGKILL takes the parent and its children."""

    def __init__(self, env: dict[str, str], log: Path):
        self.env, self.log = env, log
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        with self.log.open("ab") as log:
            self.process = subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "celery",
                    "-A",
                    "config",
                    "worker",
                    "--concurrency",
                    "2",
                    "--loglevel",
                    "INFO",
                    "--without-mingle",
                    "--without-gossip",
                ],
                cwd=ROOT,
                env=self.env,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )

    def kill(self) -> None:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait()

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(20)
            except subprocess.TimeoutExpired:
                self.kill()


@pytest.fixture
def worker_env(private_redis, tmp_path, settings):
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.local",
        "DJANGO_DEBUG": "0",
        "DATABASE_URL": shared_database_url(),
        "CELERY_BROKER_URL": f"{private_redis.url}/0",
        "CACHE_URL": f"{private_redis.url}/1",
        "CELERY_VISIBILITY_TIMEOUT": "5",  # a dead worker's messages come back after 5 s
        "ANNOUNCE_RETRY_AFTER_SECONDS": "0",
        "EMAIL_CLAIM_LEASE_SECONDS": "3",  # an e-mail claimed by the killed worker is sent after 3 s
        "DJANGO_EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
        "DJANGO_EMAIL_FILE_PATH": str(tmp_path / "mail"),
        "DJANGO_MEDIA_ROOT": str(settings.MEDIA_ROOT),
        "DJANGO_LOG_FORMAT": "json",
    }


def celery_call(env: dict[str, str], task: str) -> None:
    """Queue a task the way beat does: by name, from another process."""
    subprocess.run(
        [sys.executable, "-m", "celery", "-A", "config", "call", task],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        timeout=60,
    )


__all__ = ["Worker", "celery_call", "serve", "shared_database_url", "wait_for"]


def manage(env: dict[str, str], *args: str, timeout: float = 300) -> str:
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return result.stdout


def production(database_url: str, **extra: str) -> dict[str, str]:
    """Production settings on 127.0.0.1 (plain HTTP), static files collected for whitenoise."""
    env = {k: v for k, v in serve.production_env(database_url).items() if k not in ("CACHE_URL",)}
    env.update(
        {
            "CELERY_BROKER_URL": "",
            "DJANGO_LOG_LEVEL": "INFO",
            "DJANGO_EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
            "DJANGO_EMAIL_FILE_PATH": str(Path(tempfile.gettempdir()) / "gongzhi-faults-mail"),
            **extra,
        }
    )
    manage(env, "collectstatic", "--noinput", "-v", "0")
    return env


class Resident:
    """A phone on the scan page: reads the form's hidden fields, submits, keeps its cookies."""

    def __init__(self, base: str):
        import requests

        self.base, self.session = base, requests.Session()

    def get(self, path: str):
        return self.session.get(f"{self.base}{path}", timeout=15, allow_redirects=False)

    def open_form(self, token: str) -> dict[str, str]:
        import re

        page = self.get(f"/s/{token}/").text
        fields = dict(re.findall(r'name="(csrfmiddlewaretoken|submission_key)" value="([^"]+)"', page))
        assert set(fields) == {"csrfmiddlewaretoken", "submission_key"}, page[:500]
        return fields

    def submit(self, token: str, form: dict[str, str], category_id: int, text: str):
        data = {**form, "category": str(category_id), "description": text, "contact_phone": ""}
        return self.session.post(
            f"{self.base}/s/{token}/",
            data=data,
            headers={"Referer": f"{self.base}/s/{token}/"},
            timeout=30,
            allow_redirects=False,
        )
