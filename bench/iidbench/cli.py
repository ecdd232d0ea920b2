"""The command line, and the order in which a run measures, profiles and reports."""

from __future__ import annotations

import argparse
import datetime
import json
import math
import os
import shutil
import signal
import sys
import tempfile
import time
from typing import Optional, Sequence

from .build import build, compile_c, ensure_peers, prebuilt
from .context import BENCH, Context
from .measure import bench_floor, bench_iictl, bench_lateness, bench_memory, bench_replay, bench_swift_floors
from .mail import bench_mail
from .peers import At
from .phases import phase_idle, phase_peer_lateness, phase_stopped
from .profile import profile_missed
from .procfs import machine
from .report import memory_note, ratios, render, targets
from .util import DAY, log

SECTIONS = ["lateness", "memory", "replay", "iictl", "mail", "static", "idle", "peers", "stopped"]


def parser(description: str) -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(description=description)
    ap.add_argument("--quick", action="store_true", help="iid only, 10 s idle window, no minute-long peer runs")
    ap.add_argument("--idle", type=float, help="idle window in seconds (default 60; 10 with --quick)")
    ap.add_argument("--count", type=int, default=200, help="reminders for the lateness run (200)")
    ap.add_argument("--spacing-ms", type=int, default=50, help="time between those reminders (50 ms)")
    ap.add_argument("--peer-minutes", type=int, default=3, help="peer lateness samples, one per minute (3)")
    ap.add_argument("--stop-seconds", type=float, help="how long each tool is stopped (80; 5 with --quick)")
    ap.add_argument("--runs", type=int, default=5, help="runs of each start-up and iictl timing (5)")
    ap.add_argument("--reaction-reps", type=int, default=10, help="appends per reaction measurement (10)")
    ap.add_argument("--mail-messages", type=int, default=100_000,
                    help="messages in the generated Maildir of the mail section (100,000)")
    ap.add_argument("--no-peers", action="store_true", help="leave out remind, calcurse and at")
    ap.add_argument("--no-static", action="store_true", help="skip the --static-swift-stdlib variant")
    ap.add_argument("--only", help="comma-separated sections: " + ",".join(SECTIONS))
    ap.add_argument("--profile", choices=["auto", "always", "never"], default=None,
                    help="profile missed targets with perf (default: auto in the full run, never with --quick)")
    ap.add_argument("--skip-build", action="store_true", help="use the binaries already built")
    ap.add_argument("--json", default=os.path.join(BENCH, "results.json"), help="where to write the results")
    ap.add_argument("--keep", action="store_true", help="keep the scratch folder")
    return ap


def main(doc: str, argv: Optional[Sequence[str]] = None) -> None:
    """Runs the benchmarks; `doc` is the entry point's docstring, whose first paragraph --help shows."""
    args = parser(doc.split("\n\n")[0]).parse_args(argv)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # so that the clean-up below still runs
    quick = args.quick
    idle_window = args.idle if args.idle is not None else (10.0 if quick else 60.0)
    stop_s = args.stop_seconds if args.stop_seconds is not None else (5.0 if quick else 80.0)
    with_peers = not quick and not args.no_peers
    profile = args.profile or ("never" if quick else "auto")
    only = set(args.only.split(",")) if args.only else set(SECTIONS)
    if quick or args.no_static:
        only.discard("static")
    if not with_peers:
        only.discard("peers")
    sizes = [10_000, 100_000, 1_000_000]

    started = time.time()
    ctx = Context(args=args, root=tempfile.mkdtemp(prefix="iid-bench-"),
                  reaction_base=math.floor(time.time()) + 2 * DAY + 6 * 3600)
    os.chmod(ctx.root, 0o700)
    res = ctx.results
    res.update({"date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
                "command": " ".join(["python3", "bench/run.py"] + sys.argv[1:]), "mode": "quick" if quick else "full",
                "machine": machine()})
    try:
        if with_peers and only & {"idle", "peers", "stopped"}:
            res["peer_versions"] = ensure_peers()
        ctx.bins = prebuilt(False) if args.skip_build else build(False)  # type: ignore[assignment]
        res["build"] = ctx.bins["build"]
        static_bins = None
        if "static" in only:
            static_bins = prebuilt(True) if args.skip_build else build(True)
        ctx.programs = compile_c(ctx.root)

        iid = res["iid"] = {}
        if "lateness" in only:
            iid["lateness"] = bench_lateness(ctx, args.count, args.spacing_ms)
            log(f"  median {iid['lateness']['ms']['median']:.3f} ms, p99 {iid['lateness']['ms']['p99']:.3f} ms")
            iid["floor"] = bench_floor(ctx, args.count, args.spacing_ms)
        if "memory" in only:
            iid["memory"] = bench_memory(ctx, ctx.bins, "mem")
            iid["swift_floors_kb"] = bench_swift_floors(ctx)
        if "replay" in only:
            iid["replay"] = bench_replay(ctx, sizes, args.runs, ctx.bins, "replay")
        if "iictl" in only:
            iid["iictl"] = bench_iictl(ctx, ctx.bins, args.runs)
        if "mail" in only:
            iid["mail"] = bench_mail(ctx, ctx.bins, args.mail_messages, args.runs, idle_window)
        if static_bins:
            log("the --static-swift-stdlib build: memory, start-up, iictl")
            res["static_build"] = static_bins["build"]
            res["iid_static"] = {"memory": bench_memory(ctx, static_bins, "mem-static"),
                                 "replay": bench_replay(ctx, sizes[:2], args.runs, static_bins, "replay-static"),
                                 "iictl": bench_iictl(ctx, static_bins, args.runs)}
        if "idle" in only:
            res["idle"] = phase_idle(ctx, idle_window, with_peers)
        if "peers" in only:
            res["peer_lateness"] = phase_peer_lateness(ctx, args.peer_minutes)
        if "stopped" in only:
            res["stopped"] = phase_stopped(ctx, stop_s, with_peers)
        res["targets"] = targets(res)
        res["ratios"] = ratios(res)

        missed = {t["name"] for t in res["targets"] if not t["met"]}
        if profile != "never" and (profile == "always" or missed):
            every = profile == "always"
            res["profiles"] = profile_missed(ctx, missed, every)
            if iid.get("memory") and (every or any(n.startswith("RSS") for n in missed)):
                res["memory_note"] = memory_note(iid)
        res["notes"] = ctx.notes + ([
            f"iid's lateness reminders are {args.spacing_ms} ms apart: reminders due in the same wake-up "
            "(more than 3 on a channel, or more than 1 when late) are folded into one digest",
        ] if "lateness" in only else []) + (["peers have minute resolution, so they get one reminder per minute; they ran side by side"]
             if "peers" in only else [])
        res["duration_s"] = time.time() - started
        res["machine"]["loadavg_at_end"] = os.getloadavg()[0]
    finally:
        ctx.running.stop_all()
        At.cleanup(ctx)
        if not args.keep:
            shutil.rmtree(ctx.root, ignore_errors=True)
        else:
            log(f"scratch folder kept: {ctx.root}")

    text = render(res)
    res["table"] = text
    with open(args.json, "w") as f:
        json.dump(res, f, indent=1, ensure_ascii=False)
        f.write("\n")
    print(text)
    log(f"done in {res['duration_s'] / 60:.1f} min; results in {os.path.relpath(args.json)}")
