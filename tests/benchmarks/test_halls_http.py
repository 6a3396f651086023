"""The ballots' HTTP benchmark signs residents in as a sign-in does, reads its answers by hand and counts
who spent the CPU."""

import subprocess
import sys
import uuid

import pytest
from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.backends.cached_db import SessionStore

from benchmarks import cpu
from benchmarks.halls import signed_in, status_and_location
from tests.factories import UserFactory


def test_an_answer_gives_its_status_and_location_whatever_the_headers_case():
    answer = b"HTTP/1.1 302 Found\r\nlocation: /halls/votes/7/\r\nSet-Cookie: a=b\r\n\r\n"
    assert status_and_location(answer) == (302, "/halls/votes/7/")
    assert status_and_location(b"HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\nno") == (403, "")


def test_the_watch_counts_the_cpu_of_the_processes_it_names():
    marker = f"burn-{uuid.uuid4().hex}"
    burn = (
        f"import time  # {marker}\n"
        "started = time.process_time()\n"
        "while time.process_time() - started < 0.5: pass"
    )
    with cpu.Watch(marker, every=0.05) as watch:
        subprocess.run([sys.executable, "-c", burn], check=True)
    with cpu.Watch(f"another-{marker}", every=0.05) as other:
        subprocess.run([sys.executable, "-c", burn], check=True)
    assert watch.seconds >= 0.3 and other.seconds == 0


@pytest.mark.django_db
def test_a_signed_in_resident_is_read_from_the_session_cache_as_after_a_sign_in(django_assert_num_queries):
    person = UserFactory()
    [key] = signed_in([person])
    with django_assert_num_queries(0):
        assert SessionStore(key).load()[SESSION_KEY] == str(person.pk)
