"""iid and the peers side by side: idle cost, lateness and an edit of each data file, a reminder due while stopped.

The peers have minute resolution, so these runs are timed around whole minutes, and they run together
to keep the full run near ten minutes.
"""

from __future__ import annotations

import datetime
import math
import time
from typing import Any

from .context import Context
from .filewatch import FileWatch
from .measure import IDLE_CHANNELS, bench_idle_after_delivery, bench_idle_calendar, bench_idle_iid
from .peers import At, IIDTool, Tool, lateness_of, peer_classes
from .procfs import idle_delta, rss_kb, sample_threads
from .util import NS, iso, log, next_minute, now_ns, stats


def phase_idle(ctx: Context, window: float, with_peers: bool) -> dict[str, Any]:
    """iid (1,000 contacts) and, in the full run, each peer with 1,000 reminders hours away."""
    log(f"idle: {window:.0f} s window" + (" (iid and the peers side by side)" if with_peers else ""))
    tools: list[Tool] = []
    d = bench_idle_iid(ctx)
    if with_peers:
        far = time.time() + 3 * 3600
        for cls in peer_classes(ctx):
            t = cls(ctx, "idle")
            if cls is At:
                t.start()
            for i in range(1000):
                t.add(far + 60 * (i % 60), f"idle{i}")
            if cls is not At:
                t.start()
            tools.append(t)
    delivered = {ch: bench_idle_after_delivery(ctx, ch) for ch in IDLE_CHANNELS}
    calendar = bench_idle_calendar(ctx)
    time.sleep(3)  # settle after start
    pids = {"iid": d.pid}
    for ch, dd in delivered.items():
        pids[f"iid after {ch}"] = dd.pid
    pids["iid with calendar"] = calendar.pid
    for t in tools:
        pids[t.name] = t.pids()[0]
    before = {k: sample_threads(p) for k, p in pids.items()}
    time.sleep(window)
    after = {k: sample_threads(p) for k, p in pids.items()}
    out: dict[str, Any] = {}
    for k, p in pids.items():
        delta = idle_delta(before[k], after[k])
        delta["per_minute"] = (delta["voluntary"] + delta["involuntary"]) * 60.0 / window
        delta["cpu_ms_per_minute"] = delta["cpu_ns"] / 1e6 * 60.0 / window
        delta["rss_kb"] = rss_kb(p)
        out[k] = delta
    st = d.status()
    out["iid"]["contacts"] = st["contacts"]
    out["iid"]["next_wake"] = st["next_wake"]
    out["iid"]["next_wake_in_h"] = None
    if st.get("next_wake"):
        nw = datetime.datetime.strptime(st["next_wake"], "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=datetime.timezone.utc)
        out["iid"]["next_wake_in_h"] = (nw.timestamp() - time.time()) / 3600
    d.stop()
    calendar.stop()
    for ch, dd in delivered.items():
        out[f"iid after {ch}"]["delivered_total"] = dd.status().get("delivered_total", 0)
        dd.stop()
    for t in tools:
        t.stop()
    At.cleanup(ctx)
    return {"window_s": window, "tools": out}


def phase_peer_lateness(ctx: Context, minutes: int) -> dict[str, Any]:
    """Each peer gets one reminder per whole minute; an edit adds one more while it runs."""
    log(f"peers: lateness over {minutes} minute(s), plus an edit of each data file")
    tools = [cls(ctx, "late") for cls in peer_classes(ctx)]
    t0 = time.time()
    m1 = next_minute(t0, 12)
    due: dict[tuple[str, str], int] = {}
    for t in tools:
        if isinstance(t, At):
            t.start()
        for k in range(minutes):
            tag = t.add(m1 + 60 * k, f"L{k}")
            due[(t.name, tag)] = (m1 + 60 * k) * NS
        if not isinstance(t, At):
            t.start()
    watch = FileWatch([t.watched() for t in tools])
    time.sleep(3)
    edits: dict[str, tuple[int, int]] = {}
    for t in tools:
        e = now_ns()
        me = next_minute(e / NS, 65)
        tag = t.add(me, "E")
        due[(t.name, tag)] = me * NS
        edits[t.name] = (e, me)
    last = max(m1 + 60 * (minutes - 1), max(me for _, me in edits.values()))
    time.sleep(max(0, last + 15 - time.time()))
    out: dict[str, Any] = {}
    for t in tools:
        lat = lateness_of(t, {tag: ns for (n, tag), ns in due.items() if n == t.name},
                          {tag for (n, tag) in due if n == t.name})
        e, me = edits[t.name]
        seen = watch.first_open_after(t.watched(), e, dir_only=isinstance(t, At))
        out[t.name] = {"ms": stats([v for k, v in lat.items() if k.startswith("L")]),
                       "samples": {k: v for k, v in lat.items()},
                       "edit": {"noticed_after_ms": (seen - e) / 1e6 if seen else None,
                                "edited_reminder_fired": "E" in lat, "edited_reminder_lateness_ms": lat.get("E")}}
        t.stop()
    watch.close()
    At.cleanup(ctx)
    return out


def phase_stopped(ctx: Context, stop_s: float, with_peers: bool) -> dict[str, Any]:
    """A reminder falls due while the tool is stopped. Delivered on start, or dropped?

    With the peers (minute resolution) the reminder is due on a whole minute B. The tools start at B−70 s
    (calcurse notifies whatever is due before its next wake-up a minute later, so it must not see B
    before it is stopped), stop at B−15 s and start again stop_s later (80 s: B+65 s, in the next
    minute; remind also fires on start a reminder of the current minute)."""
    classes: list[type[Tool]] = [IIDTool] + (peer_classes(ctx) if with_peers else [])
    if with_peers:
        due = next_minute(time.time(), 72)
        start_at, stop_at = due - 70, due - 15
    else:
        due = math.floor(time.time()) + 5
        start_at, stop_at = time.time(), due - 2
    log(f"stopped: a reminder due at {time.strftime('%H:%M:%S', time.gmtime(due))} UTC while each tool is "
        f"stopped for {stop_s:.0f} s")
    time.sleep(max(0, start_at - time.time()))
    tools = [cls(ctx, "stop") for cls in classes]
    tags: dict[str, str] = {}
    for t in tools:
        if isinstance(t, At):
            t.start()
        tags[t.name] = t.add(due, "missed")
        if not isinstance(t, At):
            t.start()
    time.sleep(max(0, stop_at - time.time()))
    stopped: dict[str, int] = {}
    for t in tools:
        t.stop()
        stopped[t.name] = now_ns()
    restarted: dict[str, int] = {}
    time.sleep(max(0, stop_at + stop_s - time.time()))
    for t in tools:
        restarted[t.name] = now_ns()
        t.start()
    # long enough for a tool that looks once a minute to have looked twice
    time.sleep(65 if with_peers else 3)
    out: dict[str, Any] = {}
    for t in tools:
        got = [ns for ns, tag in t.deliveries() if tag == tags[t.name]]
        early = [ns for ns in got if ns < stopped[t.name]]
        after = [ns for ns in got if ns >= restarted[t.name]]
        out[t.name] = {"due": iso(due), "stopped_s": (restarted[t.name] - stopped[t.name]) / NS,
                       "stopped_before_due_s": due - stopped[t.name] / NS,
                       "delivered": bool(after), "delivered_before_stop": bool(early),
                       "after_restart_ms": (after[0] - restarted[t.name]) / 1e6 if after else None,
                       "late_ms": (after[0] - due * NS) / 1e6 if after else None}
        t.stop()
    At.cleanup(ctx)
    return out
