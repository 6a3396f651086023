#!/usr/bin/env bash
# The portal as it runs for a street, on one machine: gunicorn (static files by whitenoise,
# media from disk), a Celery worker and beat, on PostgreSQL and Redis from the environment.
#
#   scripts/prod.sh start | stop | status | restart      (make prod / make prod-stop)
#
# Defaults: PostgreSQL at 127.0.0.1:5432, database `gongzhi` (created if missing), Redis at
# 127.0.0.1:6379 (db 0 the broker, db 1 the cache), gunicorn on 127.0.0.1:8000. Pid files and
# logs (JSON lines) go to $PROD_DIR (./var): run/*.pid, log/{web,worker,beat}.log.
set -euo pipefail
cd "$(dirname "$0")/.."

VENV=${VENV:-.venv}
PY="$VENV/bin/python"
PROD_DIR=${PROD_DIR:-var}
PROD_BIND=${PROD_BIND:-127.0.0.1:8000}
PROD_WORKERS=${PROD_WORKERS:-$(($(nproc) * 2 + 1))}
PROD_WORKER_CONCURRENCY=${PROD_WORKER_CONCURRENCY:-$(nproc)}
RUN="$PROD_DIR/run"
LOG="$PROD_DIR/log"

export DJANGO_SETTINGS_MODULE=${DJANGO_SETTINGS_MODULE:-config.settings.production}
export DATABASE_URL=${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/gongzhi}
export CELERY_BROKER_URL=${CELERY_BROKER_URL:-redis://127.0.0.1:6379/0}
export CACHE_URL=${CACHE_URL:-redis://127.0.0.1:6379/1}
export DJANGO_ALLOWED_HOSTS=${DJANGO_ALLOWED_HOSTS:-127.0.0.1,localhost}
export DJANGO_MEDIA_ROOT=${DJANGO_MEDIA_ROOT:-$PWD/$PROD_DIR/media}
export SITE_URL=${SITE_URL:-http://$PROD_BIND}
# e-mail to files under var/mail unless an SMTP server is named (DJANGO_EMAIL_HOST, DJANGO_EMAIL_PORT)
if [ -z "${DJANGO_EMAIL_BACKEND:-}" ] && [ -z "${DJANGO_EMAIL_HOST:-}" ]; then
  export DJANGO_EMAIL_BACKEND=django.core.mail.backends.filebased.EmailBackend
  export DJANGO_EMAIL_FILE_PATH=${DJANGO_EMAIL_FILE_PATH:-$PWD/$PROD_DIR/mail}
fi
case "$PROD_BIND" in  # plain HTTP only on this machine's loopback; elsewhere a TLS proxy is in front
  127.*|localhost:*) https_default=0 ;;
  *) https_default=1 ;;
esac
export DJANGO_SECURE_SSL_REDIRECT=${DJANGO_SECURE_SSL_REDIRECT:-$https_default}
export DJANGO_SECURE_COOKIES=${DJANGO_SECURE_COOKIES:-$https_default}

say() { printf '[prod] %s\n' "$*"; }

alive() { [ -f "$RUN/$1.pid" ] && kill -0 "$(cat "$RUN/$1.pid")" 2>/dev/null; }

secret_key() {
  if [ -z "${DJANGO_SECRET_KEY:-}" ]; then  # made once, kept beside the pid files, never committed
    [ -f "$PROD_DIR/secret_key" ] || (umask 077 && "$PY" -c 'import secrets; print(secrets.token_urlsafe(50))' >"$PROD_DIR/secret_key")
    DJANGO_SECRET_KEY=$(cat "$PROD_DIR/secret_key")
    export DJANGO_SECRET_KEY
  fi
}

create_database() {
  "$PY" - <<'PY'
import os
from urllib.parse import urlsplit

import psycopg
from psycopg import sql

url = urlsplit(os.environ["DATABASE_URL"])
if url.scheme.startswith("postgres"):
    name = url.path.lstrip("/")
    with psycopg.connect(url._replace(path="/postgres").geturl(), autocommit=True) as connection:
        if not connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
            print(f"[prod] created database {name}")
PY
}

launch() {  # name, command…: in the background, its output to log/<name>.log, its pid to run/<name>.pid
  local name=$1
  shift
  if alive "$name"; then
    say "$name already running (pid $(cat "$RUN/$name.pid"))"
    return
  fi
  nohup "$@" >>"$LOG/$name.log" 2>&1 &
  echo $! >"$RUN/$name.pid"
  say "$name started (pid $!), log $LOG/$name.log"
}

wait_until_up() {
  local url="http://$PROD_BIND/ping/"
  for _ in $(seq 1 100); do
    if "$PY" -c "import sys, urllib.request; sys.exit(urllib.request.urlopen('$url', timeout=2).status != 200)" 2>/dev/null; then
      return 0
    fi
    alive web || { say "gunicorn exited: see $LOG/web.log"; tail -20 "$LOG/web.log"; return 1; }
    sleep 0.3
  done
  say "gunicorn did not answer $url"
  return 1
}

start() {
  mkdir -p "$RUN" "$LOG" "$DJANGO_MEDIA_ROOT"
  secret_key
  create_database
  "$PY" manage.py migrate --noinput -v 0
  "$PY" manage.py collectstatic --noinput -v 0
  launch web "$PY" -m gunicorn config.wsgi:application --bind "$PROD_BIND" --workers "$PROD_WORKERS" \
    --graceful-timeout 20 --timeout 60 --max-requests 5000 \
    --max-requests-jitter 500 --no-control-socket
  launch worker "$PY" -m celery -A config worker --concurrency "$PROD_WORKER_CONCURRENCY" \
    --loglevel INFO --hostname "worker@%h"
  launch beat "$PY" -m celery -A config beat --loglevel INFO --schedule "$RUN/beat-schedule"
  wait_until_up
  say "serving http://$PROD_BIND/ — health: http://$PROD_BIND/healthz/"
}

stop_one() {  # TERM (gunicorn and Celery finish what they are doing), then KILL after 30 s
  local name=$1 pid
  alive "$name" || { rm -f "$RUN/$name.pid"; return 0; }
  pid=$(cat "$RUN/$name.pid")
  kill -TERM "$pid"
  for _ in $(seq 1 300); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  if kill -0 "$pid" 2>/dev/null; then
    say "$name did not stop in 30 s: KILL"
    kill -KILL "$pid" 2>/dev/null || true
  fi
  rm -f "$RUN/$name.pid"
  say "$name stopped"
}

stop() {
  stop_one beat  # first: no new scheduled work while the worker drains
  stop_one web
  stop_one worker
}

status() {
  local name code=0
  for name in web worker beat; do
    if alive "$name"; then say "$name running (pid $(cat "$RUN/$name.pid"))"; else say "$name stopped"; code=3; fi
  done
  "$PY" -c "import urllib.request as u, urllib.error as e
try: r = u.urlopen('http://$PROD_BIND/healthz/', timeout=5); print('[prod] healthz', r.status, r.read().decode())
except e.HTTPError as r: print('[prod] healthz', r.code, r.read().decode())
except OSError as error: print('[prod] healthz unreachable:', error)"
  return $code
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  restart) stop && start ;;
  status) status ;;
  *) echo "usage: $0 start|stop|status|restart" >&2; exit 2 ;;
esac
