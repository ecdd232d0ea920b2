"""The report: which targets were met, iid against each peer, and the table printed at the end.

All three read only the results (as written to bench/results.json), so that a table can be rendered
again from a results file without running anything. One module of some 300 lines rather than
three: the targets, the comparison and the table read the same rows with the same formatting
helpers.
"""

from __future__ import annotations

from typing import Any, Optional

from .context import Results

Row = dict[str, Any]


def f1(x: Optional[float], nd: int = 1) -> str:
    """A number with thousands separators, or a dash for none."""
    return "—" if x is None else f"{x:,.{nd}f}"


def _find(rows: Optional[list[Row]], lo: int, hi: int) -> Optional[Row]:
    """The replay row whose event count is in [lo, hi): the generated logs hold a few more than asked."""
    return next((r for r in rows or [] if lo <= r["events"] < hi), None)


def targets(res: Results) -> list[Row]:
    """Each target with its measured value, and where it is missed, the reason the figures give."""
    iid = res.get("iid", {})
    out: list[Row] = []

    def add(name: str, target: str, value: Any, unit: str, met: bool, why: str = "") -> None:
        out.append({"name": name, "target": target, "measured": value, "unit": unit, "met": met, "note": why})

    if iid.get("lateness"):
        lat = iid["lateness"]["ms"]
        floor = iid["floor"]["ms"]
        why = f"the floor (C timer + posix_spawn of the same recorder) is {floor['median']:.2f} ms median, " \
              f"{floor['p99']:.2f} ms p99"
        add("lateness median", "< 1 ms", lat["median"], "ms", lat["median"] < 1.0, why)
        add("lateness p99", "< 5 ms", lat["p99"], "ms", lat["p99"] < 5.0, why)
    idle = res.get("idle", {}).get("tools", {}).get("iid")
    if idle:
        n = idle["voluntary"] + idle["involuntary"]
        add("idle wake-ups", "0 per minute", idle["per_minute"], "/min", n == 0,
            "" if n == 0 else "threads woken: " + ", ".join(f"{k} {v}" for k, v in idle["woken_threads"].items()))
    cal = res.get("idle", {}).get("tools", {}).get("iid with calendar")
    if cal:
        n = cal["voluntary"] + cal["involuntary"]
        add("idle wake-ups, with the calendar folder", "0 per minute", cal["per_minute"], "/min", n == 0,
            "" if n == 0 else "threads woken: " + ", ".join(f"{k} {v}" for k, v in cal["woken_threads"].items()))
    for name, after in res.get("idle", {}).get("tools", {}).items():
        if not name.startswith("iid after "):
            continue
        n = after["voluntary"] + after["involuntary"]
        ok = n == 0 and after.get("delivered_total", 0) >= 1
        note = "" if ok else ("nothing was delivered" if after.get("delivered_total", 0) < 1 else
                              "threads woken: " + ", ".join(f"{k} {v}" for k, v in after["woken_threads"].items()))
        add(f"idle wake-ups, {name.removeprefix('iid ')}", "0 per minute", after["per_minute"], "/min", ok, note)
    # Memory and iictl's start are judged on the static build when there is one: it is what
    # `make install` and `make dist` ship.
    shipped = res.get("iid_static") or iid
    tag = " (static)" if res.get("iid_static") else ""
    mem = {m["contacts"]: m for m in shipped.get("memory") or []}
    if 10000 in mem:
        why = f"{mem[0]['rss_kb'] / 1024:.1f} MB with no contacts at all" if 0 in mem else ""
        floors = iid.get("swift_floors_kb") or {}
        if floors:
            why += ("; " if why else "") + "static Swift floors: " + ", ".join(
                f"{k} {v / 1024:.1f} MB" for k, v in floors.items() if v)
        if 1000 in mem:
            add("RSS, 1,000 contacts" + tag, "<= 8 MB", mem[1000]["rss_kb"] / 1024, "MB",
                mem[1000]["rss_kb"] <= 8 * 1024, why)
        add("RSS, 10,000 contacts" + tag, "<= 24 MB", mem[10000]["rss_kb"] / 1024, "MB",
            mem[10000]["rss_kb"] <= 24 * 1024, why)
    r10 = _find(iid.get("replay"), 10_000, 11_000)
    r100 = _find(iid.get("replay"), 100_000, 110_000)
    r1m = _find(iid.get("replay"), 1_000_000, 1_100_000)
    if r100:
        per = r100["ready_ms"]["median"] * 1000 / r100["events"]
        add("start→READY, 100,000 events", "< 1000 ms", r100["ready_ms"]["median"], "ms",
            r100["ready_ms"]["median"] < 1000, f"{per:.1f} µs per event, linear in the log's size")
    for r, label in ((r10, "1,000"), (r100, "10,000")):
        if r:
            v = r["reaction"]["internal_ms"]["median"]
            why = ""
            if r1m:
                why = (f"{r1m['reaction']['internal_ms']['median']:,.1f} ms at {r1m['events']:,} events: an append "
                       "replays only the contacts it names; what still grows is the wake-up's scan of every "
                       "reminder against the ledger")
            add(f"reaction, {label} contacts", "< 50 ms", v, "ms", v < 50, why)
    if shipped.get("iictl"):
        v = shipped["iictl"]["version"]["ms"]["median"]
        add("iictl --version" + tag, "<= 5 ms", v, "ms", v <= 5)
        if shipped["iictl"].get("pending_1k"):
            p1 = shipped["iictl"]["pending_1k"]["ms"]["median"]
            add("iictl pending --json, 1,000 contacts" + tag, "<= 30 ms", p1, "ms", p1 <= 30,
                f"--version alone takes {v:.1f} ms; each run reads, parses and plans the whole log")
        ic = shipped["iictl"]["pending_10k"]["ms"]["median"]
        add("iictl pending --json, 10,000 contacts" + tag, "<= 300 ms", ic, "ms", ic <= 300,
            f"--version alone takes {v:.1f} ms; each run reads, parses and plans the whole log")
    if iid.get("iictl", {}).get("complete_tasks_1k"):
        ct = iid["iictl"]["complete_tasks_1k"]
        cc = iid["iictl"]["complete_contacts_1k"]
        v = max(ct["ms"]["median"], cc["ms"]["median"])
        add("iictl completion, 1,000 contacts", "< 50 ms", v, "ms", v < 50,
            f"task ids {ct['ms']['median']:.1f} ms ({ct['candidates']:,}), contact ids {cc['ms']['median']:.1f} ms "
            f"({cc['candidates']:,}): each TAB reads and plans the whole log")
    mail_idle = iid.get("mail", {}).get("daemon", {}).get("idle")
    if mail_idle:
        n = mail_idle["voluntary"] + mail_idle["involuntary"]
        add("idle wake-ups, with mail configured", "0 per minute", mail_idle["per_minute"], "/min", n == 0,
            "" if n == 0 else "threads woken: " + ", ".join(f"{k} {v}" for k, v in mail_idle["woken_threads"].items()))
    stopped = res.get("stopped", {}).get("iid")
    if stopped:
        add("reminder due while stopped", "delivered on start", "yes" if stopped["delivered"] else "no", "",
            stopped["delivered"])
    return out


def mail_daemon_lines(d: dict[str, Any]) -> list[str]:
    """The mail block's lines for the daemon reading a Maildir of its own."""
    fr, rem, one, idle = d["first_read"], d["reminders"], d["one_new"], d["idle"]
    peak = f"{fr['peak_rss_kb'] / 1024:.1f} MB" if fr["peak_rss_kb"] else "?"
    during, after = rem["during_ms"], rem["after_ms"]
    ended = rem["read_ended_after_first_due_s"]
    late = [f"{during['n']} due during it went {during['median']:,.2f} ms late (median; max {during['max']:,.2f} ms)"
            if during else "none was due during it"]
    if after:
        late.append(f"{after['n']} due after it {after['median']:,.2f} ms (median)")
    if rem["missing"]:
        late.append(f"{len(rem['missing'])} not delivered on its own")
    out = [f"  the daemon's first read of a Maildir of its own: {fr['s']:,.2f} s from its start ({fr['cpu_s']:,.2f} s CPU), "
           f"{fr['files']:,} files, {fr['recorded']:,} events recorded",
           f"    RSS during it {peak} (peak of {fr['rss_samples']:,} samples; VmHWM {fr['hwm_kb'] / 1024:.1f} MB), "
           f"{fr['rss_after_kb'] / 1024:.1f} MB a second after",
           f"    {rem['count']} reminders due from {rem['first_due_after_start_s']:.1f} s after the start, one a "
           f"second (the read ended {abs(ended):,.2f} s {'after' if ended >= 0 else 'before'} the first): "
           + "; ".join(late)]
    if one["ms"]:
        out.append(f"  then one new message renamed into new/: recorded {one['ms']['median']:,.1f} ms later "
                   f"(median of {one['ms']['n']}; max {one['ms']['max']:,.1f} ms), {one['in_event_log']} of "
                   f"{one['recorded']} in the event log")
    out.append(f"  idle {idle['window_s']:.0f} s with mail configured: {idle['voluntary']} wake-ups "
               f"({idle['involuntary']} involuntary context switches), {idle['cpu_ns'] / 1e6:.1f} ms CPU, "
               f"RSS {idle['rss_kb'] / 1024:.1f} MB at its end; stopped {d['stop_s']:.2f} s after SIGTERM")
    if idle.get("largest"):
        out.append("    largest resident parts then: " + ", ".join(f"{k} {v / 1024:.1f} MB" for k, v in idle["largest"]))
    return out


def render(res: Results) -> str:
    """The table printed at the end of a run (and kept in results.json as "table")."""
    L: list[str] = []
    m = res["machine"]
    L.append(f"iid benchmarks — {res['date']} — {m['nproc']} × {m['cpu']}, Linux {m['kernel']}, {m['memory']}, "
             f"{m['os']}")
    L.append(f"{m['swift']}; build: {res['build']}")
    if res.get("static_build"):
        L.append(f"static variant: {res['static_build']}")
    if res.get("peer_versions"):
        L.append("peers (Debian): " + ", ".join(f"{k} {v}" for k, v in res["peer_versions"].items()))
    L.append("")
    iid = res.get("iid", {})
    variants = [("dynamic", iid)] + ([("static", res["iid_static"])] if res.get("iid_static") else [])

    def row(label: str, s: Optional[dict[str, float]]) -> None:
        if not s:
            L.append(f"  {label:34} {'—':>4}")
            return
        L.append(f"  {label:34} {s['n']:>4} {s['min']:>9.3f} {s['median']:>9.3f} {s['p99']:>9.3f} {s['max']:>9.3f}")

    if iid.get("lateness") or res.get("peer_lateness"):
        L.append("Lateness: start of the reminder command − due time, ms (negative: early)")
        L.append(f"  {'':34} {'n':>4} {'min':>9} {'median':>9} {'p99':>9} {'max':>9}")
        la = iid.get("lateness")
        if la:
            row(f"iid ({la['spacing_ms']} ms apart)", la["ms"])
            row("floor: C timer alone", iid["floor"]["timer_only_ms"])
            row("floor: C timer + posix_spawn", iid["floor"]["ms"])
        for name, p in res.get("peer_lateness", {}).items():
            row({"remind": "remind -z", "calcurse": "calcurse --daemon", "at": "at (atd)"}[name] + " (1/minute)",
                p["ms"])
        if la and la["digests"]:
            L.append(f"  note: {la['digests']} reminders were folded into digests")
        L.append("")

    if res.get("idle"):
        idle = res["idle"]
        L.append(f"Idle: {idle['window_s']:.0f} s, 1,000 contacts (peers: 1,000 reminders), next reminder hours away")
        L.append(f"  {'':20} {'wake-ups/min':>12} {'CPU ms/min':>11} {'threads':>8} {'RSS MB':>7}")
        for name, t in idle["tools"].items():
            L.append(f"  {name:20} {t['per_minute']:>12.1f} {t['cpu_ms_per_minute']:>11.3f} {t['threads']:>8} "
                     f"{t['rss_kb'] / 1024:>7.1f}")
        L.append("  (wake-ups: voluntary + involuntary context switches of all threads)")
        L.append("")

    mv = [(v, vv) for v, vv in variants if vv.get("memory")]
    if mv:
        L.append("Memory: iid VmRSS once ready, MB")
        L.append(f"  {'contacts':>10} " + " ".join(f"{v:>10}" for v, _ in mv))
        for i, mrow in enumerate(mv[0][1]["memory"]):
            L.append(f"  {mrow['contacts']:>10,} " + " ".join(f"{vv['memory'][i]['rss_kb'] / 1024:>10.1f}"
                                                               for _, vv in mv))
        for v, vv in mv:
            for mrow in (vv["memory"][0], vv["memory"][-1]):
                L.append(f"  largest parts, {v}, {mrow['contacts']:,} contacts: " +
                         ", ".join(f"{n} {kb / 1024:.1f}" for n, kb in mrow["largest"][:5]))
        L.append("")

    rv = [(v, vv) for v, vv in variants if vv.get("replay")]
    if rv:
        L.append("Start → READY=1 (median), and reaction to one appended event (median)")
        L.append(f"  {'events':>10} {'contacts':>9} {'READY ms':>9} {'µs/event':>9} {'RSS MB':>7} {'react ms':>9} "
                 f"{'e2e sock':>9} {'e2e iictl':>10}")
        for v, vv in rv:
            for r in vv["replay"]:
                rm = r["ready_ms"]["median"]
                re_ = r["reaction"]
                L.append(f"  {r['events']:>10,} {r['contacts']:>9,} {rm:>9.0f} {rm * 1000 / r['events']:>9.2f} "
                         f"{r['rss_kb_at_ready'] / 1024:>7.1f} {re_['internal_ms']['median']:>9.2f} "
                         f"{f1((re_['end_to_end_socket_ms'] or {}).get('median'), 2):>9} "
                         f"{f1((re_['end_to_end_iictl_ms'] or {}).get('median'), 1):>10}"
                         + ("" if v == "dynamic" else f"  ({v})"))
        L.append("  react: the daemon's last_reaction_ms (inotify wake → events re-read, plan rebuilt, timer re-armed)")
        L.append("  e2e: append → the control socket (sock) or a whole `iictl status --json` (iictl) shows the new "
                 "next_wake")
        fails = sum(len(r["reaction"].get("iictl_status_failures", [])) for _, vv in rv for r in vv["replay"])
        if fails:
            L.append(f"  `iictl status` gave up (5 s) {fails} time(s) while the daemon was busy re-planning")
        L.append("")

    iv = [(v, vv) for v, vv in variants if vv.get("iictl")]
    if iv:
        L.append("iictl as a whole process, ms (median)")
        for v, vv in iv:
            ic = vv["iictl"]
            thousand = (f"1,000 contacts {ic['pending_1k']['ms']['median']:6.1f}, "
                        if ic.get("pending_1k") else "")
            L.append(f"  {v:8} --version {ic['version']['ms']['median']:6.1f}   pending --json: 0 contacts "
                     f"{ic['pending_0']['ms']['median']:6.1f}, {thousand}10,000 contacts "
                     f"{ic['pending_10k']['ms']['median']:7.1f} ({ic['pending_10k']['tasks']:,} tasks, "
                     f"max RSS {ic['pending_10k']['max_rss_kb'] / 1024:.0f} MB)")
            if ic.get("complete_tasks_1k"):
                L.append(f"  {'':8} completion, 1,000 contacts: task ids "
                         f"{ic['complete_tasks_1k']['ms']['median']:6.1f}, contact ids "
                         f"{ic['complete_contacts_1k']['ms']['median']:6.1f}")
        L.append("")

    mail = iid.get("mail")
    if mail:
        fs, one = mail["first_scan"], mail["one_new"]
        L.append(f"Mail: `iictl mail scan` of a generated Maildir, {mail['messages']:,} messages, "
                 f"{mail['contacts']:,} contacts")
        L.append(f"  first scan {fs['s']:,.2f} s, {fs['cpu_s']:,.2f} s CPU "
                 f"({fs['cpu_s'] * 1e6 / max(1, mail['messages']):,.1f} µs/message), "
                 f"max RSS {fs['max_rss_kb'] / 1024:.1f} MB, mail.json {fs['state_bytes'] / 1048576:.1f} MB")
        L.append(f"  {fs['summary']}")
        if one["ms"]:
            L.append(f"  then one new message: {one['ms']['median']:,.1f} ms, {one['cpu_ms']['median']:,.1f} ms CPU "
                     f"(median of {one['ms']['n']} scans), max RSS {one['max_rss_kb'] / 1024:.1f} MB")
        if mail.get("daemon"):
            L.extend(mail_daemon_lines(mail["daemon"]))
        L.append(f"  (load average {mail['loadavg']:.2f} at the end: the CPU time is the figure on a busy machine)")
        L.append("")

    if res.get("stopped"):
        L.append("A reminder due while the tool was stopped")
        for name, s in res["stopped"].items():
            what = (f"delivered {s['after_restart_ms']:,.0f} ms after restart" if s["delivered"]
                    else "dropped (nothing within 65 s of restart)" if not s["delivered_before_stop"]
                    else "delivered early, before it was stopped")
            L.append(f"  {name:10} stopped {s['stopped_s']:.0f} s, from {s['stopped_before_due_s']:.0f} s before "
                     f"the due time: {what}")
        L.append("")

    r10 = _find(iid.get("replay"), 10_000, 11_000)
    if r10 or res.get("peer_lateness"):
        L.append("An edited data file: how soon is it read again, and does the reminder it adds fire?")
        if r10:
            L.append(f"  {'iid':10} {r10['reaction']['internal_ms']['median']:,.1f} ms (inotify; re-planned and "
                     "re-armed), fires: yes")
        for name, p in res.get("peer_lateness", {}).items():
            e = p["edit"]
            ms = e["noticed_after_ms"]
            seen = "never" if ms is None else f"{ms:,.1f} ms" if ms < 1000 else f"{ms / 1000:,.1f} s"
            L.append(f"  {name:10} {seen}, fires: {'yes' if e['edited_reminder_fired'] else 'no'}")
        L.append("")

    if res.get("ratios"):
        L.append("iid against each peer")
        for r in res["ratios"]:
            L.append("  " + r)
        L.append("")

    L.append("Targets")
    for t in res["targets"]:
        val = t["measured"] if isinstance(t["measured"], str) else f"{t['measured']:,.2f} {t['unit']}"
        L.append(f"  {'met   ' if t['met'] else 'MISSED'} {t['name']:38} target {t['target']:>18}, measured {val}")
        if t["note"] and not t["met"]:
            L.append(f"         {t['note']}")
    if res.get("profiles"):
        L.append("")
        L.append("Profiles of the missed targets")
        for name, p in res["profiles"].items():
            if "error" in p:
                L.append(f"  {name}: {p['error']}")
                continue
            if "stages_ms" in p:
                lt = p["lateness_ms_under_trace"]
                L.append(f"  {name}: median lateness under the trace {lt['median']:.2f} ms; median per stage:"
                         if lt else f"  {name}:")
                for k, v in p["stages_ms"].items():
                    L.append(f"    {v['median'] if v else float('nan'):7.3f} ms  {k}")
                continue
            if "consumers" in p:
                L.append(f"  {name}: peak heap {p['peak_heap']}; largest consumers, by the iid function that allocated:")
                for c in p["consumers"]:
                    L.append(f"    {c['mb']:7.2f} MB  {c['calls']:>8,} allocations  {c['function']}")
                continue
            L.append(f"  {name}; self cost:")
            for s in p["self"][:8]:
                L.append(f"    {s['percent']:5.1f}%  {s['function']}")
            if p.get("inclusive"):
                L.append("    inclusive (iid's functions and what they call):")
                for s in p["inclusive"][:12]:
                    L.append(f"    {s['percent']:5.1f}%  {s['function']}")
        if res.get("memory_note"):
            L.append("  " + res["memory_note"])
    if res.get("notes"):
        L.append("")
        for n in res["notes"]:
            L.append("note: " + n)
    return "\n".join(L)


def ratios(res: Results) -> list[str]:
    """One line per peer: how much further from the due time it delivers, and its idle cost beside iid's."""
    out: list[str] = []
    iid = res.get("iid", {})
    if not iid.get("lateness"):
        return out
    lat = abs(iid["lateness"]["ms"]["median"])
    idle = res.get("idle", {}).get("tools", {})
    for name, p in res.get("peer_lateness", {}).items():
        if not p["ms"]:
            continue
        peer = abs(p["ms"]["median"])
        s = f"{name:9} |median lateness| {peer:,.0f} ms vs {lat:.2f} ms: {peer / lat:,.0f}× " + (
            "further from the due time" if p["ms"]["median"] >= 0 else "further (early)")
        if name in idle and "iid" in idle:
            pi, ii = idle[name]["per_minute"], idle["iid"]["per_minute"]
            s += f"; idle wake-ups {pi:.1f} vs {ii:.1f}/min"
            s += f"; RSS {idle[name]['rss_kb'] / 1024:.1f} vs {idle['iid']['rss_kb'] / 1024:.1f} MB " \
                 f"(iid {idle['iid']['rss_kb'] / max(1, idle[name]['rss_kb']):.1f}×)"
        out.append(s)
    return out


def memory_note(iid: Results) -> str:
    """What the memory is made of, by mapping, and how it grows with the log: printed with the profiles."""
    mem = iid["memory"]
    note = "memory (VmRSS by mapping, from /proc/PID/smaps): " + "; ".join(
        f"{m['contacts']:,} contacts: " + ", ".join(f"{n} {kb / 1024:.1f} MB" for n, kb in m["largest"][:4])
        for m in mem)
    rep = iid.get("replay") or []
    if len(rep) >= 2:
        a, b = rep[-2], rep[-1]
        per = (b["rss_kb_at_ready"] - a["rss_kb_at_ready"]) * 1024 / (b["events"] - a["events"])
        note += f"; at READY the daemon grows by {per:,.0f} bytes per event in the log"
    return note


if __name__ == "__main__":
    # The table of a results file, rendered again without running anything (to check a change to the
    # table against a committed run): cd bench && python3 -m iidbench.report results.json
    import json
    import sys

    with open(sys.argv[1] if len(sys.argv) > 1 else "results.json") as f:
        print(render(json.load(f)))
