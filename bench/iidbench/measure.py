"""iid alone: lateness (beside the C floor), memory, start-up and reaction, iictl as a whole process.

Each returns the figures for its part of bench/results.json; the daemons it starts are stopped before it
returns (and, should it fail, through the Context's Running list).
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import time
from typing import Any, Optional, Sequence

from .context import BENCH, Bins, Context
from .daemon import Daemon, control
from .homes import append_lines, event_file_sizes, generate_events, log_home, make_home, restore_event_files
from .procfs import proc_status, rss_kb, smaps_breakdown
from .util import DAY, NS, iso, iso_ns, log, now_ns, read_records, sh, stats, timed_run


def bench_lateness(ctx: Context, count: int, spacing_ms: int) -> dict[str, Any]:
    """`count` reminders `spacing_ms` apart, each due on its own: start of the recorder − due time."""
    log(f"iid lateness: {count} reminders {spacing_ms} ms apart")
    home = make_home(ctx.root, "lateness", ctx.recorder)
    record = os.path.join(home, "record.txt")
    lead_s = 4.0
    base = (now_ns() // 1_000_000) * 1_000_000 + int(lead_s * NS)
    due: dict[str, int] = {}
    lines: list[str] = []
    past = iso(time.time() - DAY)
    for i in range(count):
        due[f"l{i}.follow-up"] = base + i * spacing_ms * 1_000_000
        lines.append('{"id":"l%d-a","at":"%s","type":"added","contact":"l%d","name":"Late %d"}' % (i, past, i, i))
        lines.append('{"id":"l%d-r","at":"%s","type":"requested","contact":"l%d"}'
                     % (i, iso_ns(due[f"l{i}.follow-up"]), i))
    append_lines(home, lines)
    d = Daemon(ctx.bins, home, record, ctx.running)
    ready = d.start()
    if base - now_ns() < NS // 2:
        log("warning: iid was ready less than 0.5 s before the first reminder")
    end = base + (count - 1) * spacing_ms * 1_000_000
    deadline = time.monotonic() + (end - now_ns()) / NS + 30
    while time.monotonic() < deadline:
        if len(read_records(record)) >= count:
            break
        time.sleep(0.2)
    time.sleep(0.5)
    st = d.status()
    d.stop()
    recs = read_records(record)
    late = [(t - due[tag]) / 1e6 for t, tag in recs if tag in due]
    coalesced = [tag for t, tag in recs if tag not in due]
    return {"reminders": count, "spacing_ms": spacing_ms, "ready_s": ready, "delivered": len(late),
            "digests": len(coalesced), "delivered_total": st.get("delivered_total"), "ms": stats(late)}


def bench_floor(ctx: Context, count: int, spacing_ms: int) -> dict[str, Any]:
    """The same schedule for a C program that does nothing but sleep and spawn: what no daemon can beat."""
    log(f"floor: C program, CLOCK_REALTIME sleep + posix_spawn of the recorder, {count} times")
    work = os.path.join(ctx.root, "floor-run")
    os.makedirs(work, exist_ok=True)
    record = os.path.join(work, "record.txt")
    base = (now_ns() // 1_000_000) * 1_000_000 + NS
    dues = [base + i * spacing_ms * 1_000_000 for i in range(count)]
    r = subprocess.run([ctx.programs["floor"], ctx.recorder] + [str(x) for x in dues],
                       env={"BENCH_RECORD": record, "PATH": "/usr/bin:/bin"}, capture_output=True, text=True, check=True)
    woke = [int(x) / 1e6 for x in r.stdout.split()]
    recs = read_records(record)
    late = [(t - dues[int(tag[1:])]) / 1e6 for t, tag in recs]
    return {"timer_only_ms": stats(woke), "ms": stats(late)}


def bench_replay(ctx: Context, sizes: Sequence[int], runs: int, bins: Bins, label: str) -> list[dict[str, Any]]:
    """Start → READY=1 for each log size; reaction to appends while running; RSS at READY."""
    out = []
    for n in sizes:
        home = log_home(ctx, n)
        nruns = runs if n <= 100_000 else max(1, runs // 3)
        times: list[float] = []
        rss: list[int] = []
        status: Any = None
        reaction: Any = None
        for r in range(nruns):
            d = Daemon(bins, home, os.path.join(home, "record.txt"), ctx.running, log_level="debug", tag=label)
            times.append(d.start())
            time.sleep(0.3)
            rss.append(rss_kb(d.pid))
            status = d.status()
            if r == nruns - 1:
                sizes_before = event_file_sizes(home)
                reaction = bench_reaction(ctx, d, bins, reps=ctx.args.reaction_reps if n <= 100_000 else 3)
            d.stop()
        restore_event_files(home, sizes_before)  # the next runs see the same log
        row = {"events": status["events"], "contacts": status["contacts"], "pending": status["pending"],
               "ready_ms": stats([t * 1000 for t in times]), "rss_kb_at_ready": max(rss), "reaction": reaction}
        log(f"  {label} {row['events']:,} events: READY in {row['ready_ms']['median']:.0f} ms (median of {nruns}); "
            f"reaction {reaction['internal_ms']['median']:.1f} ms")
        out.append(row)
    return out


def bench_reaction(ctx: Context, d: Daemon, bins: Bins, reps: int) -> dict[str, Any]:
    """Appends a meeting that moves the next reminder earlier; times the daemon's reaction."""
    home = d.home
    internal: list[float] = []
    e2e_socket: list[float] = []
    e2e_iictl: list[float] = []
    iictl_failures: list[str] = []
    base = ctx.reaction_base
    before_log = len(d.log_text())
    env = d.env()
    for i in range(reps):
        k = ctx.reaction_seq
        ctx.reaction_seq += 1
        start = base - 60 * k  # each one earlier than the last: next_wake must change
        expected = iso(start - 2 * DAY)  # its homework reminder
        contact = f"rx{k}"
        lines = ['{"id":"%s-a","at":"%s","type":"added","contact":"%s","name":"Reaction %d"}'
                 % (contact, iso(time.time()), contact, k),
                 '{"id":"%s-s","at":"%s","type":"scheduled","contact":"%s","start":"%s","minutes":30}'
                 % (contact, iso(time.time()), contact, iso(start))]
        use_iictl = i % 2 == 1
        t0 = time.perf_counter()
        append_lines(home, lines)
        if use_iictl:
            while True:
                r = subprocess.run([bins["iictl"], "status", "--json"], env=env, capture_output=True, text=True)
                try:
                    st = json.loads(r.stdout)
                except ValueError:
                    # iictl gives up after 5 s when the daemon is busy; a person would ask again
                    iictl_failures.append(r.stderr.strip()[:200])
                    st = {}
                if st.get("next_wake") == expected:
                    break
                if time.perf_counter() - t0 > 600:
                    raise RuntimeError("iid did not re-arm after an append (iictl)")
            e2e_iictl.append((time.perf_counter() - t0) * 1000)
        else:
            while True:
                st = control(home, timeout=600)  # a large log can keep the daemon busy for seconds
                if st.get("next_wake") == expected:
                    break
                if time.perf_counter() - t0 > 600:
                    raise RuntimeError("iid did not re-arm after an append")
                time.sleep(0.0005)
            e2e_socket.append((time.perf_counter() - t0) * 1000)
        internal.append(st["last_reaction_ms"])
        time.sleep(0.05)
    text = d.log_text()[before_log:]
    logged = [float(x) for x in re.findall(r"reaction\.ms=([0-9.]+)", text)]
    return {"appends": reps, "internal_ms": stats(internal), "logged_ms": stats(logged),
            "end_to_end_socket_ms": stats(e2e_socket), "end_to_end_iictl_ms": stats(e2e_iictl),
            "iictl_status_failures": iictl_failures}


def bench_memory(ctx: Context, bins: Bins, label: str) -> list[dict[str, Any]]:
    """VmRSS once ready (after one status request) with 0, 1,000 and 10,000 contacts, and its largest parts."""
    out = []
    for contacts in (0, 1000, 10000):
        home = log_home(ctx, contacts * 10)
        d = Daemon(bins, home, os.path.join(home, "record.txt"), ctx.running, tag=label)
        d.start()
        time.sleep(1.0)
        st = d.status()  # a status request too, as a person would make
        time.sleep(0.2)
        rss = rss_kb(d.pid)
        parts = smaps_breakdown(d.pid)
        hwm = int(proc_status(d.pid).get("VmHWM", "0 kB").split()[0])
        d.stop()
        out.append({"contacts": st["contacts"], "events": st["events"], "rss_kb": rss, "hwm_kb": hwm,
                    "largest": parts})
    return out


def bench_swift_floors(ctx: Context) -> dict[str, Optional[int]]:
    """VmRSS of tiny statically linked Swift programs: what any Swift daemon pays before its data."""
    out = {}
    for name, src, arg in (("stdlib only", "floor_stdlib.swift", None),
                           ("FoundationEssentials linked", "floor_essentials.swift", None),
                           ("Foundation linked", "floor_foundation.swift", None),
                           ("Foundation + one TimeZone", "floor_foundation.swift", "tz")):
        exe = os.path.join(ctx.root, src.replace(".swift", ""))
        if not os.path.exists(exe):
            sh(["swiftc", "-O", "-static-stdlib", "-o", exe, os.path.join(BENCH, src)])
        r = subprocess.run([exe] + ([arg] if arg else []), capture_output=True, text=True, check=True)
        m = re.search(r"VmRSS:\s+(\d+)", r.stdout)
        out[name] = int(m.group(1)) if m else None
    return out


def bench_iictl(ctx: Context, bins: Bins, runs: int) -> dict[str, Any]:
    """iictl as a person runs it: a whole process, so its start-up and the log's replay count.

    complete_tasks_1k and complete_contacts_1k are what a TAB costs with 1,000 contacts: the call the
    completion scripts make back into iictl (`iictl ---completion done -- positional@0 …`, as bash
    makes it) for the open task ids of `iictl done`, and the contact ids of `iictl show`."""
    home = log_home(ctx, 100_000)
    home1k = log_home(ctx, 10_000)
    empty = log_home(ctx, 0)
    env = {"PATH": "/usr/bin:/bin", "HOME": home, "XDG_RUNTIME_DIR": home + "/run", "TZ": "UTC", "LANG": "C.UTF-8"}
    env0 = dict(env, HOME=empty, XDG_RUNTIME_DIR=empty + "/run")
    env1k = dict(env, HOME=home1k, XDG_RUNTIME_DIR=home1k + "/run", SAP_SHELL="bash")
    res: dict[str, Any] = {}
    for name, argv, e in (("version", [bins["iictl"], "--version"], env),
                          ("pending_0", [bins["iictl"], "pending", "--json"], env0),
                          ("pending_1k", [bins["iictl"], "pending", "--json"], env1k),
                          ("pending_10k", [bins["iictl"], "pending", "--json"], env),
                          ("complete_tasks_1k", completion_argv(bins["iictl"], "done"), env1k),
                          ("complete_contacts_1k", completion_argv(bins["iictl"], "show"), env1k)):
        timed_run(argv, e)  # warm the page cache
        walls: list[float] = []
        rss: list[int] = []
        for _ in range(runs):
            w, rc, maxrss = timed_run(argv, e)
            if rc != 0:
                raise RuntimeError(f"{' '.join(argv)} exited {rc}")
            walls.append(w * 1000)
            rss.append(maxrss)
        res[name] = {"ms": stats(walls), "max_rss_kb": max(rss)}
    r = subprocess.run([bins["iictl"], "pending", "--json"], env=env, capture_output=True, text=True)
    res["pending_10k"]["tasks"] = len(json.loads(r.stdout))
    for name in ("complete_tasks_1k", "complete_contacts_1k"):
        argv = completion_argv(bins["iictl"], "done" if name == "complete_tasks_1k" else "show")
        r = subprocess.run(argv, env=env1k, capture_output=True, text=True)
        res[name]["candidates"] = len(r.stdout.split())
    return res


def completion_argv(iictl: str, command: str) -> list[str]:
    """What bash's completion of `iictl COMMAND <TAB>` runs: argument-parser's callback for the first
    positional argument, with the words on the line (the last one empty) and the cursor in it."""
    return [iictl, "---completion", command, "--", "positional@0", "2", "0", "iictl", command, ""]


IDLE_CHANNELS = ("notify", "email", "journal", "push")


def bench_idle_after_delivery(ctx: Context, channel: str) -> Daemon:
    """iid with 1,000 contacts that has just delivered one reminder through `channel` (notify-send and
    sendmail are the recorder; the journal has no socket, so it writes to stderr), then idles.

    A channel that spawns a process once left the daemon waking every second for good (libdispatch
    watches its constrained thread pool from the first job run there): this is what shows it."""
    home = make_home(ctx.root, f"idle-{channel}", ctx.recorder)
    cfg = os.path.join(home, ".config/iid/config.yaml")
    with open(cfg) as f:
        text = f.read().replace("via: [notify]", f"via: [{channel}]")
    text = text.replace("  journal:", f"  email:\n    to: me@example.com\n    sendmail: [{ctx.recorder}]\n  journal:", 1)
    text = text.replace("  journal:", f"  push:\n    command: {ctx.recorder}\n  journal:", 1)
    with open(cfg, "w") as f:
        f.write(text)
    generate_events(home, 1000, 10)
    now = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
    append_lines(home, [
        f'{{"id":"ev-idle-1","at":"{now}","type":"added","contact":"due-now","name":"Due Now"}}',
        f'{{"id":"ev-idle-2","at":"{now}","type":"requested","contact":"due-now"}}',
    ])
    d = Daemon(ctx.bins, home, os.path.join(home, "record.txt"), ctx.running, tag=f"idle-{channel}")
    d.start()
    deadline = time.time() + 30
    while time.time() < deadline and d.status().get("delivered_total", 0) < 1:
        time.sleep(0.05)
    return d


def bench_idle_calendar(ctx: Context) -> Daemon:
    """iid with 1,000 contacts and the calendar folder configured (one item per meeting and task,
    written at start), left running for the idle window: the folder must add no wake-ups."""
    home = make_home(ctx.root, "idle-calendar", ctx.recorder)
    cfg = os.path.join(home, ".config/iid/config.yaml")
    with open(cfg, "a") as f:
        f.write(f"calendar:\n  dir: {home}/calendar\n")
    generate_events(home, 1000, 10)
    d = Daemon(ctx.bins, home, os.path.join(home, "record.txt"), ctx.running, tag="idle-calendar")
    d.start()
    return d


def bench_idle_iid(ctx: Context) -> Daemon:
    """iid with 1,000 contacts and no reminder due for hours, left running for the idle window."""
    home = make_home(ctx.root, "idle", ctx.recorder)
    generate_events(home, 1000, 10)
    d = Daemon(ctx.bins, home, os.path.join(home, "record.txt"), ctx.running, tag="idle")
    d.start()
    return d
