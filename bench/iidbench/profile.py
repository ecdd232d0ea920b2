"""Profiles of the targets that were missed: perf for CPU time, perf trace for the delivery path, heaptrack
for the heap (beside /proc/PID/smaps). valgrind 3.19's callgrind cannot read the DWARF 5 debug information
of Swift 6 binaries, and crashes on them even stripped, hence perf.

The parsing of each tool's text output is kept apart from running the tool, so that it can be tested.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import time
from typing import Any, Callable, Iterable, Optional, Sequence

from .context import Bins, Context
from .daemon import Daemon, control
from .homes import append_lines, event_file_sizes, log_home, make_home, restore_event_files
from .util import DAY, NS, iso, iso_ns, log, now_ns, read_records, stats

Profile = dict[str, Any]


def demangle(names: list[str]) -> list[str]:
    """Swift symbols as a person reads them; the names unchanged when `swift demangle` fails."""
    try:
        r = subprocess.run(["swift", "demangle", "--simplified", "--compact"], input="\n".join(names),
                           capture_output=True, text=True, timeout=60)
        out = r.stdout.splitlines()
        if len(out) == len(names):
            return out
    except (OSError, subprocess.TimeoutExpired):
        pass
    return names


# Functions of iid (and of the Foundation parts it leans on) worth naming in an inclusive profile.
INCLUSIVE_PATTERNS = [r"EventLogParser\.parse", r"EventCoding\.decode", r"JSONSerialization\.jsonObject",
                      r"trimmingCharacters", r"Planner\.plan", r"Planner\.order", r"Timestamp\.(parse|format)",
                      r"EventStore\.(load|refresh|update)", r"Snapshot\.events", r"Scheduler\.decide",
                      r"Engine\.(replan|wake|statusLine|start|filesChanged)", r"pending\(at:", r"TaskJSON",
                      r"JSONText\.pretty", r"LocalTime\.", r"String\.init\(format:", r"Ledger\.load",
                      r"MessageBuilder"]


def parse_perf_report(text: str, children: bool) -> list[tuple[float, str]]:
    """(percent, symbol) rows of `perf report --stdio` text, with --children (two percent columns) or not."""
    out = []
    for line in text.splitlines():
        m = (re.match(r"^\s*([\d.]+)%\s+([\d.]+)%\s+\[[.k]\]\s+(.*)$", line) if children
             else re.match(r"^\s*([\d.]+)%\s+\[[.k]\]\s+(.*)$", line))
        if m:
            # perf adds two more columns ("-  -") after the symbol on some versions
            out.append((float(m.group(1)), re.sub(r"\s+-\s+-\s*$", "", m.group(m.lastindex)).strip()))
    return out


def summarize_perf(flat: Sequence[tuple[float, str]], children: Sequence[tuple[float, str]], top: int = 10) -> Profile:
    """The `top` functions by self cost, and the inclusive cost of iid's own functions (each named once)."""
    incl = [(p, n) for p, n in children if any(re.search(pat, n) for pat in INCLUSIVE_PATTERNS)]
    seen: set[str] = set()
    inclusive = []
    for p, n in incl:
        if n not in seen:
            seen.add(n)
            inclusive.append({"percent": p, "function": n[:150]})
    return {"self": [{"percent": p, "function": n[:150]} for p, n in flat[:top]], "inclusive": inclusive[:14]}


def perf_report(data: str, top: int = 10) -> Profile:
    """Self cost (flat) and inclusive cost (iid's own functions) from a `perf record -g` file."""
    def rows(children: bool) -> list[tuple[float, str]]:
        argv = ["perf", "report", "-i", data, "--stdio", "--sort", "symbol", "-g", "none", "--percent-limit",
                "1" if not children else "3", "--children" if children else "--no-children"]
        r = subprocess.run(argv, capture_output=True, text=True)
        out = parse_perf_report(r.stdout, children)
        names = demangle([n for _, n in out])
        return [(p, n.strip()) for (p, _), n in zip(out, names)]
    return summarize_perf(rows(False), rows(True), top)


def profile_iictl(ctx: Context, bins: Bins, events: int = 100_000) -> Profile:
    log(f"profiling iictl pending --json ({events:,} events) with perf")
    home = log_home(ctx, events)
    env = {"PATH": "/usr/bin:/bin", "HOME": home, "XDG_RUNTIME_DIR": home + "/run", "TZ": "UTC", "LANG": "C.UTF-8"}
    data = os.path.join(ctx.root, "perf.iictl")
    subprocess.run(["perf", "record", "-q", "-F", "2000", "-g", "-o", data, bins["iictl"], "pending", "--json"],
                   env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    return perf_report(data)


def profile_memory(ctx: Context, bins: Bins, events: int = 100_000, top: int = 6) -> Profile:
    """What the heap holds once ready: heaptrack's peak consumers, each named by iid's own function."""
    if not shutil.which("heaptrack") or not shutil.which("heaptrack_print"):
        return {"error": "heaptrack is not installed (apt-get install heaptrack)"}
    log(f"profiling iid's heap with {events:,} events with heaptrack")
    home = log_home(ctx, events)
    data = os.path.join(ctx.root, "heaptrack.iid")
    wrapper = os.path.join(ctx.root, "iid-under-heaptrack")
    with open(wrapper, "w") as f:
        f.write(f'#!/bin/sh\nexec heaptrack -o {data} {bins["iid"]} "$@"\n')
    os.chmod(wrapper, 0o755)
    d = Daemon(dict(bins, iid=wrapper), home, os.path.join(home, "record.txt"), ctx.running, tag="heaptrack")
    d.start(timeout=600)
    # End iid itself (heaptrack's own helper must live on to write the data).
    target = os.path.realpath(bins["iid"])
    for pid in os.listdir("/proc"):
        if pid.isdigit():
            try:
                if os.path.realpath(f"/proc/{pid}/exe") == target and f"HOME={home}".encode() in open(
                        f"/proc/{pid}/environ", "rb").read().split(b"\0"):
                    os.kill(int(pid), signal.SIGTERM)
            except OSError:
                pass
    assert d.proc is not None
    d.proc.wait(120)
    d.stop()
    files = [os.path.join(ctx.root, n) for n in os.listdir(ctx.root) if n.startswith("heaptrack.iid")]
    if not files:
        return {"error": "heaptrack wrote no data"}
    text = subprocess.run(["heaptrack_print", "-f", files[0], "--print-peaks", "1", "--print-allocators", "0",
                           "--print-temporary", "0", "--print-leaks", "0", "-n", "1", "-s", str(top)],
                          capture_output=True, text=True).stdout
    text = subprocess.run(["swift", "demangle", "--simplified"], input=text, capture_output=True, text=True).stdout
    return parse_heaptrack(text)


def parse_heaptrack(text: str) -> Profile:
    """The peak and the largest consumers (MB, allocations, the iid function that allocated) in demangled
    `heaptrack_print --print-peaks` text."""
    out: Profile = {"peak_heap": None, "consumers": []}
    m = re.search(r"peak heap memory consumption: ([\d.]+[KMG]?)", text)
    out["peak_heap"] = m.group(1) if m else None
    lines = text.splitlines()
    for i, line in enumerate(lines):
        m = re.match(r"^([\d.]+)([KMG]?) consumed over (\d+) calls from:", line)
        if not m:
            continue
        size = float(m.group(1)) * {"": 1 / 1e6, "K": 1e-3, "M": 1, "G": 1e3}[m.group(2)]
        # The first frame with a source line in this repository names the owner.
        owner = "?"
        for j in range(i + 1, min(i + 40, len(lines))):
            if re.search(r"at .*?/Sources/", lines[j]) and j > 0:
                owner = lines[j - 1].strip()
                break
            if re.match(r"^[\d.]+[KMG]? consumed over", lines[j]):
                break
        out["consumers"].append({"mb": round(size, 2), "calls": int(m.group(3)), "function": owner[:160]})
    return out


def profile_start(ctx: Context, bins: Bins, events: int = 100_000) -> Profile:
    log(f"profiling iid from start to READY=1 with {events:,} events with perf")
    home = log_home(ctx, events)
    data = os.path.join(ctx.root, "perf.start")
    wrapper = os.path.join(ctx.root, "iid-under-perf")
    with open(wrapper, "w") as f:
        f.write(f'#!/bin/sh\nexec perf record -q -F 2000 -g -o {data} {bins["iid"]} "$@"\n')
    os.chmod(wrapper, 0o755)
    d = Daemon(dict(bins, iid=wrapper), home, os.path.join(home, "record.txt"), ctx.running, tag="perf")
    d.start(timeout=600)
    d.stop()  # ends iid itself, so that perf writes its data and exits on its own
    return perf_report(data)


def profile_reaction(ctx: Context, bins: Bins, events: int = 100_000, appends: int = 5) -> Profile:
    log(f"profiling the reaction to {appends} appends with {events:,} events loaded with perf")
    home = log_home(ctx, events)
    sizes = event_file_sizes(home)
    d = Daemon(bins, home, os.path.join(home, "record.txt"), ctx.running, tag="perf")
    d.start()
    data = os.path.join(ctx.root, "perf.reaction")
    p = subprocess.Popen(["perf", "record", "-q", "-F", "2000", "-g", "-o", data, "-p", str(d.pid)],
                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(1.0)
    for k in range(appends):
        c = f"prof{k}"
        append_lines(home, ['{"id":"%s-n","at":"%s","type":"added","contact":"%s","name":"P"}'
                            % (c, iso(time.time()), c)])
        time.sleep(0.3)
        control(home, timeout=600)  # wait until the daemon's queue is free again
    p.send_signal(signal.SIGINT)
    p.wait(120)
    d.stop()
    restore_event_files(home, sizes)
    return perf_report(data)


def profile_lateness(ctx: Context, bins: Bins, count: int = 20, spacing_ms: int = 200) -> Profile:
    """Where the time between the timer and the reminder command goes: a syscall trace (perf trace) of
    `count` deliveries, cut into stages by the daemon's own system calls."""
    log(f"tracing {count} deliveries with perf trace")
    home = make_home(ctx.root, "lateness-trace", ctx.recorder)
    record = os.path.join(home, "record.txt")
    trace = os.path.join(ctx.root, "perf.trace")
    base = (now_ns() // 1_000_000) * 1_000_000 + 3 * NS
    due: dict[str, int] = {}
    lines: list[str] = []
    for i in range(count):
        due[f"t{i}.follow-up"] = base + i * spacing_ms * 1_000_000
        lines.append('{"id":"t%d-a","at":"%s","type":"added","contact":"t%d","name":"T"}' % (i, iso(time.time() - DAY), i))
        lines.append('{"id":"t%d-r","at":"%s","type":"requested","contact":"t%d"}' % (i, iso_ns(due[f"t{i}.follow-up"]), i))
    append_lines(home, lines)
    wrapper = os.path.join(ctx.root, "iid-under-trace")
    with open(wrapper, "w") as f:
        f.write(f'#!/bin/sh\nexec perf trace -o {trace} -e read,timerfd_settime,pipe2,clone3,execve '
                f'{bins["iid"]} "$@"\n')
    os.chmod(wrapper, 0o755)
    d = Daemon(dict(bins, iid=wrapper), home, record, ctx.running, tag="trace")
    d.start()
    time.sleep(max(0, (base + count * spacing_ms * 1_000_000 - now_ns()) / NS + 1))
    d.stop()
    late = [(t - due[tag]) / 1e6 for t, tag in read_records(record) if tag in due]
    with open(trace, errors="replace") as f:
        calls, timer_fd = parse_trace(f)
    return {"deliveries": count, "lateness_ms_under_trace": stats(late),
            "stages_ms": {k: stats(v) for k, v in trace_stages(calls, timer_fd).items()}}


Call = tuple[float, str, str, str]  # ms, comm, system call, its arguments


def parse_trace(lines: Iterable[str]) -> tuple[list[Call], Optional[str]]:
    """The system calls in `perf trace` output, and the daemon's timer fd (the first absolute timer set)."""
    # lines: "  1234.567 ( 0.012 ms): comm/tid name(args) = ret"; a call cut in two comes back "[continued]"
    calls: list[Call] = []
    timer_fd = None
    for line in lines:
        m = re.match(r"^\s*([\d.]+) \(.*?\): (.*?)/(\d+) (\w+)\((.*)$", line)
        if not m or "[continued]" in line:
            continue
        t, comm, name, args = float(m.group(1)), m.group(2), m.group(4), m.group(5)
        if name == "timerfd_settime" and "flags: 3" in args and timer_fd is None:
            timer_fd = re.search(r"ufd: (\d+)", args).group(1)  # type: ignore[union-attr]
        calls.append((t, comm, name, args))
    return calls, timer_fd


def trace_stages(calls: Sequence[Call], timer_fd: Optional[str]) -> dict[str, list[float]]:
    """ms spent in each stage of every delivery: from the read of the timer fd to the pipes, the clone3
    of posix_spawn and the child's execve. A delivery whose calls are not all there is left out."""
    stages: dict[str, list[float]] = {"timer read → pipes made (wake: decide, build the message, start the delivery task)": [],
              "pipes → clone3 (posix_spawn)": [],
              "clone3 → execve in the child": []}
    keys = list(stages)
    i = 0
    while i < len(calls) and timer_fd:
        t, comm, name, args = calls[i]
        if name == "read" and f"fd: {timer_fd}," in args and "count: 8" in args:
            marks = [t]
            j = i + 1
            want = [("pipe2", ""), ("clone3", ""), ("execve", "")]
            for wname, wargs in want:
                while j < len(calls) and not (calls[j][2] == wname and wargs in calls[j][3]):
                    if calls[j][2] == "read" and f"fd: {timer_fd}," in calls[j][3]:
                        break
                    j += 1
                if j >= len(calls) or calls[j][2] != wname:
                    break
                if wname == "clone3":  # the last clone3 before the execve is the spawn
                    k = j
                    while k + 1 < len(calls) and calls[k + 1][2] != "execve":
                        if calls[k + 1][2] == "clone3":
                            j = k + 1
                        k += 1
                marks.append(calls[j][0])
            if len(marks) == 4:
                for s_, a, b in zip(keys, marks, marks[1:]):
                    stages[s_].append(b - a)
            i = j if j > i else i + 1
        else:
            i += 1
    return stages


def profile_missed(ctx: Context, missed: set[str], every: bool) -> dict[str, Profile]:
    """Profiles of what each missed target (by its name's first word) spends its time or memory on; all of
    them with `every`. A profile that fails says why in its place, and the others still run."""
    bins = ctx.bins
    prof: dict[str, Profile] = {}
    jobs: list[tuple[str, str, Callable[[], Profile]]] = [
        ("lateness", "iid lateness: syscall trace (perf trace)", lambda: profile_lateness(ctx, bins)),
        ("start", "iid start → READY=1, 100,000 events (perf record)", lambda: profile_start(ctx, bins)),
        ("reaction", "iid reaction to an append, 100,000 events (perf record)",
         lambda: profile_reaction(ctx, bins)),
        ("iictl", "iictl pending --json, 10,000 contacts (perf record)",
         lambda: profile_iictl(ctx, bins)),
        ("RSS", "iid heap once ready, 100,000 events (heaptrack)", lambda: profile_memory(ctx, bins))]
    for prefix, title, job in jobs:
        if every or any(n.startswith(prefix) for n in missed):
            try:
                prof[title] = job()
            except (OSError, subprocess.CalledProcessError, RuntimeError, subprocess.TimeoutExpired) as e:
                prof[title] = {"error": f"{type(e).__name__}: {e}"}
    return prof
