"""The ballots' HTTP benchmark reads its answers by hand and counts who spent the CPU."""

import subprocess
import sys
import uuid

from benchmarks import cpu
from benchmarks.halls import status_and_location


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
