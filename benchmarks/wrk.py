"""Running wrk against one URL, its numbers read from a Lua `done` hook rather than its text."""

import json
import shutil
import subprocess
import tempfile
from dataclasses import asdict, dataclass
from urllib.parse import urlsplit

MARKER = "WRK_RESULT "
REPORT = r"""
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'WRK_RESULT {"requests": %d, "duration_us": %d, "bytes": %d, "non_2xx_3xx": %d, "socket_errors": %d, '
      .. '"timeouts": %d, "p50_us": %d, "p90_us": %d, "p99_us": %d, "max_us": %d}\n',
    summary.requests, summary.duration, summary.bytes, e.status,
    e.connect + e.read + e.write, e.timeout,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max))
end
"""


class WrkMissing(RuntimeError):
    def __init__(self):
        super().__init__("wrk is not installed; on Debian or Ubuntu: apt-get install -y wrk")


@dataclass(frozen=True)
class Result:
    requests: int
    duration_us: int
    bytes: int
    non_2xx_3xx: int  # wrk counts statuses above 399 here, despite its wording
    socket_errors: int
    timeouts: int
    p50_us: int
    p90_us: int
    p99_us: int
    max_us: int

    @property
    def requests_per_s(self) -> float:
        return self.requests / (self.duration_us / 1e6)

    @property
    def failures(self) -> int:
        return self.non_2xx_3xx + self.socket_errors + self.timeouts

    def as_dict(self) -> dict:
        return {**asdict(self), "requests_per_s": round(self.requests_per_s, 1)}


def require() -> None:
    if shutil.which("wrk") is None:
        raise WrkMissing


def run(
    url: str,
    *,
    duration: int,
    connections: int = 16,
    threads: int = 2,
    cookie: str | None = None,
    timeout: int = 5,
) -> Result:
    """Load `url` (on 127.0.0.1 only) for `duration` seconds; an answer later than `timeout` seconds
    counts as a timeout."""
    require()
    if urlsplit(url).hostname != "127.0.0.1":
        raise ValueError(f"wrk only runs against 127.0.0.1, not {url}")
    with tempfile.NamedTemporaryFile("w", suffix=".lua") as script:
        script.write(REPORT)
        script.flush()
        command = [
            "wrk",
            f"--threads={threads}",
            f"--connections={connections}",
            f"--duration={duration}s",
            f"--timeout={timeout}s",
            f"--script={script.name}",
            *(["--header", f"Cookie: {cookie}"] if cookie else []),
            url,
        ]
        completed = subprocess.run(
            command, capture_output=True, text=True, check=False, timeout=duration + timeout + 60
        )
    if completed.returncode != 0:
        raise RuntimeError(f"wrk failed ({completed.returncode}): {completed.stderr.strip()}")
    return parse(completed.stdout)


def parse(output: str) -> Result:
    for line in output.splitlines():
        if line.startswith(MARKER):
            return Result(**json.loads(line.removeprefix(MARKER)))
    raise RuntimeError(f"wrk printed no result:\n{output}")
