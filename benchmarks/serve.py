"""The server under test: a fresh PostgreSQL database, production settings, gunicorn on a free port."""

import contextlib
import http.client
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

import psycopg
from gunicorn.config import KNOWN_SETTINGS
from psycopg import sql

ROOT = Path(__file__).resolve().parent.parent
HOST = "127.0.0.1"
POSTGRES = f"postgresql://postgres@{HOST}:5432"


def database_recreate(name: str) -> str:
    """Drop and create the database `name`; return its DATABASE_URL."""
    with psycopg.connect(f"{POSTGRES}/postgres", autocommit=True) as connection:
        connection.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
        connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    return f"{POSTGRES}/{name}"


def production_env(database_url: str, cache_url: str = "") -> dict[str, str]:
    """Production settings over plain HTTP on 127.0.0.1, shared by this process and gunicorn; with
    `cache_url`, the shared Redis cache production runs with (scripts/prod.sh)."""
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "DJANGO_SECRET_KEY": f"benchmark-{secrets.token_hex(24)}",
        "DJANGO_ALLOWED_HOSTS": HOST,
        "SITE_URL": f"http://{HOST}",
        "DJANGO_SECURE_SSL_REDIRECT": "0",
        "DJANGO_SECURE_COOKIES": "0",
        "DJANGO_LOG_LEVEL": "WARNING",
        "DATABASE_URL": database_url,
        **({"CACHE_URL": cache_url} if cache_url else {}),
    }


def django_prepare(env: dict[str, str]) -> None:
    """Set Django up in this process, migrate the database and collect static files."""
    os.environ.update(env)
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", interactive=False, verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)


def get(url: str, cookie: str | None = None) -> tuple[int, str]:
    """GET without following redirects; the status and the Location header."""
    parts = urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
    try:
        connection.request("GET", parts.path or "/", headers={"Cookie": cookie} if cookie else {})
        response = connection.getresponse()
        response.read()
        return response.status, response.getheader("Location", "")
    finally:
        connection.close()


def settle(base: str, *, quick: float = 0.05, in_a_row: int = 5, timeout: float = 60) -> None:
    """
    Wait until the requests a finished wrk run left in the listen queue are served: the
    workers answer them after wrk has gone, and would slow the start of the next run.
    """
    deadline, fast = time.monotonic() + timeout, 0
    while fast < in_a_row and time.monotonic() < deadline:
        started = time.monotonic()
        get(f"{base}/ping/")
        fast = fast + 1 if time.monotonic() - started < quick else 0


@contextlib.contextmanager
def gunicorn(env: dict[str, str], *, workers: int, log_path: Path, port: int | None = None):
    """Run gunicorn on `port` (else a free one) until the block ends; yield its base URL."""
    base = f"http://{HOST}:{port or _free_port()}"
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        "config.wsgi:application",
        f"--bind={urlsplit(base).netloc}",
        f"--workers={workers}",
        f"--chdir={ROOT}",
        "--graceful-timeout=5",
    ]
    if any(setting.name == "control_socket_disable" for setting in KNOWN_SETTINGS):
        command.append("--no-control-socket")
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            command, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
        )
    try:
        _wait_until_up(process, f"{base}/ping/", log_path)
        yield base
    finally:
        _stop(process)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


def _wait_until_up(process: subprocess.Popen, url: str, log_path: Path, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"gunicorn exited with {process.returncode}:\n{_tail(log_path)}")
        with contextlib.suppress(OSError):
            if get(url)[0] == 200:
                return
        time.sleep(0.1)
    raise RuntimeError(f"gunicorn did not answer {url} within {timeout:.0f} s:\n{_tail(log_path)}")


def _stop(process: subprocess.Popen, grace: float = 10) -> None:
    """TERM the master (a graceful stop), then KILL whatever is left of its process group."""
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        with contextlib.suppress(subprocess.TimeoutExpired):
            process.wait(grace)
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)
    process.wait()


def _tail(path: Path, lines: int = 30) -> str:
    return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
