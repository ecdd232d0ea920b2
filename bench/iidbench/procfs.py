"""What /proc says about a process (context switches, CPU time, memory) and about the machine."""

from __future__ import annotations

import os
import platform
import re
import subprocess
from typing import Any, Iterable, Union

Pid = Union[int, str]  # a pid, or "PID/task/TID" for one thread
ThreadSample = dict[str, tuple[int, int, int, str]]  # tid → (voluntary, involuntary, cpu_ns, name)


def proc_status(pid: Pid) -> dict[str, str]:
    out = {}
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                k, _, v = line.partition(":")
                out[k] = v.strip()
    except OSError:
        pass
    return out


def rss_kb(pid: Pid) -> int:
    v = proc_status(pid).get("VmRSS", "0 kB").split()[0]
    return int(v)


def sample_threads(pid: Pid) -> ThreadSample:
    """{tid: (voluntary, involuntary, cpu_ns, name)} for every thread of pid."""
    out: ThreadSample = {}
    try:
        tids = os.listdir(f"/proc/{pid}/task")
    except OSError:
        return out
    for tid in tids:
        try:
            st = proc_status(f"{pid}/task/{tid}")
            with open(f"/proc/{pid}/task/{tid}/schedstat") as f:
                cpu = int(f.read().split()[0])
            out[tid] = (int(st.get("voluntary_ctxt_switches", 0)), int(st.get("nonvoluntary_ctxt_switches", 0)),
                        cpu, st.get("Name", "?"))
        except (OSError, ValueError):
            continue
    return out


def idle_delta(before: ThreadSample, after: ThreadSample) -> dict[str, Any]:
    """Context switches and CPU time between two samples, summed over the threads, and which woke.

    A thread that started in between counts from zero; one that ended is listed as gone."""
    vol = invol = cpu = 0
    threads = {}
    for tid, (v, i, c, name) in after.items():
        b = before.get(tid, (0, 0, 0, name))
        dv, di, dc = v - b[0], i - b[1], c - b[2]
        vol, invol, cpu = vol + dv, invol + di, cpu + dc
        if dv or di:
            threads[f"{name}/{tid}"] = dv + di
    return {"voluntary": vol, "involuntary": invol, "cpu_ns": cpu, "threads": len(after), "woken_threads": threads,
            "threads_gone": sorted(set(before) - set(after))}


def parse_smaps(lines: Iterable[str], top: int = 6) -> list[tuple[str, int]]:
    """Resident kB per mapping name in smaps text (a file by its base name, [heap], [anon], ...), largest first."""
    sizes: dict[str, int] = {}
    current = None
    for line in lines:
        parts = line.split()
        if not parts:
            continue
        if re.match(r"^[0-9a-f]+-[0-9a-f]+$", parts[0]):
            name = parts[5] if len(parts) > 5 else "[anon]"
            current = os.path.basename(name) if name.startswith("/") else name
        elif parts[0] == "Rss:" and current is not None:
            sizes[current] = sizes.get(current, 0) + int(parts[1])
    return sorted(sizes.items(), key=lambda kv: -kv[1])[:top]


def smaps_breakdown(pid: Pid, top: int = 6) -> list[tuple[str, int]]:
    """Resident kB per mapping (file, [heap], [anon], ...) from /proc/PID/smaps, largest first."""
    try:
        with open(f"/proc/{pid}/smaps") as f:
            return parse_smaps(f, top)
    except OSError:
        return []


def machine() -> dict[str, Any]:
    """What the figures were measured on, for the table's first line."""
    cpu = "?"
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    mem = "?"
    try:
        with open("/proc/meminfo") as f:
            mem = "%.1f GiB" % (int(f.readline().split()[1]) / 1048576)
    except OSError:
        pass
    distro = "?"
    try:
        with open("/etc/os-release") as f:
            for line in f:
                if line.startswith("PRETTY_NAME="):
                    distro = line.split("=", 1)[1].strip().strip('"')
    except OSError:
        pass
    try:
        swift = subprocess.run(["swift", "--version"], capture_output=True, text=True).stdout.splitlines()[0].strip()
    except (OSError, IndexError):
        swift = "?"
    return {"nproc": os.cpu_count(), "cpu": cpu, "loadavg_at_start": os.getloadavg()[0], "kernel": platform.release(), "memory": mem, "os": distro,
            "swift": swift, "python": platform.python_version()}
