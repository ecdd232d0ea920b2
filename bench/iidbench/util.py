"""Small helpers with no state: time stamps, statistics, the recorder's output, timing a process."""

from __future__ import annotations

import math
import os
import statistics
import subprocess
import sys
import time
from typing import Any, Optional, Sequence

DAY = 86400.0
NS = 1_000_000_000

Stats = Optional[dict[str, float]]  # None for no values at all


def log(msg: str) -> None:
    """Progress goes to stderr, so that stdout is the table alone."""
    print(f"[{time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


def now_ns() -> int:
    """CLOCK_REALTIME, the clock the reminders' due times and the recorder's stamps are on."""
    return time.clock_gettime_ns(time.CLOCK_REALTIME)


def sh(argv: Sequence[str], **kw: Any) -> subprocess.CompletedProcess[str]:
    return subprocess.run(argv, check=True, text=True, capture_output=True, **kw)


def stats(values: Sequence[float]) -> Stats:
    """n, min, median, p99 (nearest rank), max of a list of numbers."""
    if not values:
        return None
    v = sorted(values)
    p99 = v[max(0, math.ceil(0.99 * len(v)) - 1)]
    return {"n": len(v), "min": v[0], "median": statistics.median(v), "p99": p99, "max": v[-1],
            "mean": statistics.fmean(v)}


def iso(epoch: float, frac: bool = False) -> str:
    t = time.gmtime(epoch)
    s = time.strftime("%Y-%m-%dT%H:%M:%S", t)
    if frac:
        s += ".%06d" % int(round((epoch - math.floor(epoch)) * 1e6))
    return s + "Z"


def iso_ns(ns: int) -> str:
    """Microseconds, from integer nanoseconds: a float epoch would lose them."""
    sec, rest = divmod(ns, NS)
    return time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(sec)) + ".%06dZ" % (rest // 1000)


def next_minute(t: float, at_least: float) -> int:
    """The first whole minute at least `at_least` seconds after t."""
    m = math.ceil((t + at_least) / 60.0) * 60
    return int(m)


def parse_records(lines: Sequence[str]) -> list[tuple[int, str]]:
    """(ns, tag) from the recorder's lines, "SECONDS.NANOSECONDS TAG"."""
    out = []
    for line in lines:
        stamp, _, tag = line.rstrip("\n").partition(" ")
        sec, _, frac = stamp.partition(".")
        out.append((int(sec) * NS + int(frac.ljust(9, "0")[:9]), tag))
    return out


def read_records(path: str) -> list[tuple[int, str]]:
    """(ns, tag) lines written by the recorder; none yet if it has not run."""
    if not os.path.exists(path):
        return []
    with open(path) as f:
        return parse_records(list(f))


def timed_run(argv: Sequence[str], env: dict[str, str], stdout: Any = subprocess.DEVNULL) -> tuple[float, int, int]:
    """Runs argv to the end; (wall seconds, exit code, max RSS kB) of that one process."""
    t0 = time.perf_counter()
    p = subprocess.Popen(argv, env=env, stdout=stdout, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(p.pid, 0)
    wall = time.perf_counter() - t0
    p.returncode = os.waitstatus_to_exitcode(status)
    return wall, p.returncode, usage.ru_maxrss
