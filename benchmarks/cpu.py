"""CPU seconds used by processes of this machine, read from /proc: who pays for a run's work."""

import os
import threading
from pathlib import Path

TICKS = os.sysconf("SC_CLK_TCK")


def of_server(netloc: str) -> float:
    """The user and system CPU seconds of the gunicorn bound to `netloc` (host:port): its master,
    started in a session of its own, and the master's workers."""
    sessions = {session for pid, session in _sessions() if f"--bind={netloc}" in _command(pid)}
    return sum(_seconds(pid) for pid, session in _sessions() if session in sessions)


class Watch(threading.Thread):
    """The CPU seconds spent, while it runs, by the processes whose command line holds `words`
    (PostgreSQL titles a backend with its database); looked at every `every` seconds, so a process
    that ends between two looks loses what it spent since the last."""

    def __init__(self, words: str, every: float = 0.5):
        super().__init__(daemon=True)
        self.words, self.every, self.done = words, every, threading.Event()
        self.first: dict[str, float] = {}
        self.last: dict[str, float] = {}

    def __enter__(self):
        self.look(started=True)
        self.start()
        return self

    def __exit__(self, *exception):
        self.done.set()
        self.join()
        self.look()

    def run(self):
        while not self.done.wait(self.every):
            self.look()

    def look(self, started: bool = False):
        for pid, _session in _sessions():
            if self.words in _command(pid) and (seconds := _seconds(pid)):
                self.first.setdefault(pid, seconds if started else 0.0)
                self.last[pid] = seconds

    @property
    def seconds(self) -> float:
        return sum(self.last[pid] - self.first[pid] for pid in self.last)


def _sessions():
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit() and (fields := _stat(entry.name)):
            yield entry.name, int(fields[3])


def _command(pid: str) -> str:
    try:
        return Path("/proc", pid, "cmdline").read_bytes().decode(errors="replace").replace("\0", " ")
    except OSError:
        return ""


def _seconds(pid) -> float:
    fields = _stat(str(pid))
    return _cpu(fields) if fields else 0.0


def _stat(pid: str) -> list[str] | None:
    """The fields of /proc/<pid>/stat after the command's name, which may hold spaces."""
    try:
        text = Path("/proc", pid, "stat").read_text()
    except OSError:
        return None
    return text[text.rindex(")") + 2 :].split()


def _cpu(fields: list[str]) -> float:
    return (int(fields[11]) + int(fields[12])) / TICKS  # utime, stime
