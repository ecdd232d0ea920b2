"""Mail: the first `iictl mail scan` of a generated Maildir, and what a scan costs once one message is new;
then the daemon reading the same kind of Maildir itself: its first read (time, memory, and a reminder due
meanwhile), one new message delivered while it runs, and its idle wake-ups with mail configured.

The Maildir is what a job seeker's mailbox looks like to iid: most messages are from nobody it knows
(newsletters, lists, strangers), a few are from a contact or the person's own to one. The HOME's log has
1,000 contacts with an address each, so the messages that name them are judged against a real plan.
"""

from __future__ import annotations

import os
import random
import re
import subprocess
import threading
import time
from typing import Any, Callable, Optional

from .context import Bins, Context
from .daemon import Daemon
from .homes import append_lines, events_dir, generate_events, make_home
from .procfs import idle_delta, proc_status, rss_kb, sample_threads, smaps_breakdown
from .util import DAY, NS, iso, iso_ns, log, now_ns, read_records, stats

ME = "me@home.example"


def contact_address(i: int) -> str:
    """The address generate_events(..., emails=True) gives contact i."""
    return f"c{i}@org{i % 97}.example"


def rfc5322_date(t: float) -> str:
    return time.strftime("%a, %d %b %Y %H:%M:%S +0000", time.gmtime(t))


def message(i: int, rng: random.Random, contacts: int, now: float,
            to_contacts: Optional[list[str]] = None) -> tuple[str, str, float]:
    """Message i: (folder, text, time). About 1 in 100 from a contact, 1 in 100 the person's to one; a
    fifth from lists; the rest from strangers, a third of those in a thread (In-Reply-To, References),
    and one in a hundred of those in the thread of one of the person's messages to a contact, whose ids
    `to_contacts` collects."""
    t = float(int(now - rng.uniform(1, 300) * DAY))  # whole seconds, as Date: says
    mid = f"<{i}.{rng.getrandbits(48):x}@bench.example>"
    roll = rng.random()
    folder = "INBOX"
    extra = ""
    if roll < 0.01 and contacts:
        frm, to = contact_address(rng.randrange(contacts)), ME
    elif roll < 0.02 and contacts:
        frm, to, folder = ME, contact_address(rng.randrange(contacts)), "Sent"
        if to_contacts is not None:
            to_contacts.append(mid)
    elif roll < 0.22:
        frm, to = f"news@list{i % 50}.example", ME
        extra = f"List-Id: <list{i % 50}.example>\nList-Unsubscribe: <mailto:leave@list{i % 50}.example>\n"
    elif roll < 0.30:
        frm, to, folder = ME, f"friend{i % 300}@elsewhere.example", "Sent"
    else:
        frm, to = f"someone{i % 5000}@elsewhere.example", ME
        if rng.random() < 1 / 3:
            thread = [f"<t{rng.getrandbits(40):x}@elsewhere.example>" for _ in range(rng.randint(1, 5))]
            if to_contacts and rng.random() < 0.01:
                thread.insert(0, rng.choice(to_contacts))
            extra = f"In-Reply-To: {thread[-1]}\nReferences: {' '.join(thread)}\n"
    text = (f"Return-Path: <{frm}>\nReceived: from mx.example by mail.home.example; {rfc5322_date(t)}\n"
            f"Message-ID: {mid}\nDate: {rfc5322_date(t)}\nFrom: Person {i} <{frm}>\nTo: {to}\n"
            f"Subject: Message number {i}\nMIME-Version: 1.0\nContent-Type: text/plain; charset=utf-8\n{extra}\n"
            "A body of a few lines, which iid never reads.\n")
    return folder, text, t


def generate_maildir(root: str, messages: int, contacts: int, seed: int = 7, now: Optional[float] = None) -> dict[str, int]:
    """`messages` files under root (INBOX in root/cur, the person's in root/Sent/cur), dated up to 300 days
    back; how many went to each folder."""
    now = now if now is not None else time.time()
    rng = random.Random(seed)
    counts: dict[str, int] = {}
    to_contacts: list[str] = []
    for folder in ("INBOX", "Sent"):
        base = root if folder == "INBOX" else os.path.join(root, folder)
        for sub in ("cur", "new", "tmp"):
            os.makedirs(os.path.join(base, sub), mode=0o700, exist_ok=True)
    for i in range(messages):
        folder, text, t = message(i, rng, contacts, now, to_contacts)
        base = root if folder == "INBOX" else os.path.join(root, folder)
        path = os.path.join(base, "cur", f"{int(t)}.M{i}P1.bench:2,S")
        with open(path, "w") as f:
            f.write(text)
        os.utime(path, (t, t))
        counts[folder] = counts.get(folder, 0) + 1
    return counts


def add_new_message(root: str, n: int, contacts: int, now: float) -> float:
    """One message just delivered, from a contact, in the inbox's new/: written in tmp/ and renamed into
    new/, as a delivery agent does (a file written in place could be read half written). The monotonic
    time just after the rename."""
    t = now - 60
    text = (f"Message-ID: <new{n}@bench.example>\nDate: {rfc5322_date(t)}\nFrom: {contact_address(n % max(1, contacts))}\n"
            f"To: {ME}\nSubject: Re: a question\n\nThanks!\n")
    name = f"{int(now)}.M{n}P2.bench"
    tmp = os.path.join(root, "tmp", name)
    with open(tmp, "w") as f:
        f.write(text)
    os.rename(tmp, os.path.join(root, "new", name))
    return time.monotonic()


def timed_scan(argv: list[str], env: dict[str, str], stdout: Any = subprocess.DEVNULL) -> tuple[float, float, int]:
    """(wall seconds, CPU seconds, max RSS kB) of one whole run; it must succeed. The CPU time says what
    the scan costs when the machine is shared and the wall time waits for a core."""
    t0 = time.perf_counter()
    p = subprocess.Popen(argv, env=env, stdout=stdout, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(p.pid, 0)
    wall = time.perf_counter() - t0
    if os.waitstatus_to_exitcode(status) != 0:
        raise RuntimeError(f"{' '.join(argv)} exited {os.waitstatus_to_exitcode(status)}")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss


def mail_config(root: str, now: float) -> str:
    since = time.strftime("%Y-%m-%d", time.gmtime(now - 400 * DAY))
    return f"me:\n  email: {ME}\nmail:\n  roots: [{root}]\n  sent: [Sent]\n  since: {since}\n"


def bench_mail(ctx: Context, bins: Bins, messages: int, runs: int, idle_s: float) -> dict[str, Any]:
    """The first scan of `messages` messages (wall time, peak RSS, events recorded), then `runs` scans that
    each find one new message; then the daemon on a Maildir of its own (bench_mail_daemon)."""
    contacts = 1000
    now = time.time()
    home = make_home(ctx.root, "mail", ctx.recorder)
    generate_events(home, contacts, 10, emails=True, now=now)
    with open(os.path.join(home, ".config/iid/config.yaml"), "a") as f:
        f.write(mail_config(os.path.join(home, "Mail"), now))
    log(f"mail: generating a Maildir of {messages:,} messages")
    t = time.perf_counter()
    counts = generate_maildir(os.path.join(home, "Mail"), messages, contacts, now=now)
    log(f"  written in {time.perf_counter() - t:.1f} s")
    env = {"PATH": "/usr/bin:/bin", "HOME": home, "XDG_RUNTIME_DIR": home + "/run", "TZ": "UTC", "LANG": "C.UTF-8"}
    scan = [bins["iictl"], "mail", "scan"]
    out_path = os.path.join(home, "first-scan.txt")
    with open(out_path, "w") as out:
        wall, cpu, rss = timed_scan(scan, env, stdout=out)
    with open(out_path) as f:
        summary = f.read().strip().split("\n")[-1]
    log(f"  first scan {wall:.2f} s ({cpu:.2f} s CPU), max RSS {rss / 1024:.1f} MB: {summary}")
    state = os.path.join(home, ".local/state/iid/mail.json")
    walls: list[float] = []
    cpus: list[float] = []
    rsss: list[int] = []
    for n in range(runs):
        add_new_message(os.path.join(home, "Mail"), n, contacts, time.time())
        w, c, r = timed_scan(scan, env)
        walls.append(w * 1000)
        cpus.append(c * 1000)
        rsss.append(r)
    return {"messages": messages, "folders": counts, "contacts": contacts,
            "first_scan": {"s": wall, "cpu_s": cpu, "max_rss_kb": rss, "summary": summary,
                           "state_bytes": os.path.getsize(state) if os.path.exists(state) else 0},
            "one_new": {"ms": stats(walls), "cpu_ms": stats(cpus), "max_rss_kb": max(rsss) if rsss else None},
            "daemon": bench_mail_daemon(ctx, bins, messages, runs, idle_s),
            "loadavg": os.getloadavg()[0]}


# The daemon reading the Maildir itself.

LOG_FIELD = re.compile(r"^[A-Za-z0-9_.-]+=\S*$")


def parse_log_line(line: str) -> tuple[int, str, dict[str, str]]:
    """iid's log line, `<N>message key=value key=value`: (syslog priority, message, metadata). The
    metadata are the `key=value` words at the end (iid escapes spaces in their values away); a line
    with no priority prefix is priority -1."""
    line = line.rstrip("\n")
    prio = -1
    m = re.match(r"^<(\d)>", line)
    if m:
        prio, line = int(m.group(1)), line[m.end():]
    words = line.split(" ")
    fields: dict[str, str] = {}
    while len(words) > 1 and LOG_FIELD.match(words[-1]):
        k, _, v = words.pop().partition("=")
        fields[k] = v
    return prio, " ".join(words), dict(reversed(list(fields.items())))


def first_read_line(line: str) -> Optional[dict[str, str]]:
    """The metadata of the line that ends a first read of the mail (`mail read`, at info level: later
    reads are logged at debug level), else None."""
    prio, msg, fields = parse_log_line(line)
    return fields if prio == 6 and msg == "mail read" else None


def recorded_line(line: str) -> Optional[dict[str, str]]:
    """The metadata of a `recorded from mail: TYPE` line (its type under "type"), else None."""
    prio, msg, fields = parse_log_line(line)
    if not msg.startswith("recorded from mail: "):
        return None
    return dict(fields, type=msg.removeprefix("recorded from mail: "))


def process_cpu_s(stat_text: str, hz: int) -> float:
    """User + system CPU seconds of a whole process (its ended threads too) from /proc/PID/stat, whose
    second field, the name in parentheses, may itself hold spaces and parentheses."""
    rest = stat_text[stat_text.rindex(")") + 2:].split()
    return (int(rest[11]) + int(rest[12])) / hz  # utime and stime, fields 14 and 15 of the whole line


class LogTail:
    """The lines a daemon's log gains, read as they come. iid's log has no time stamps (the journal adds
    its own), so the time of a line is when it is seen here: polled every `poll` seconds."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.offset = 0
        self.partial = ""

    def skip(self) -> None:
        """Forget what the log holds so far."""
        self.offset = os.path.getsize(self.path) if os.path.exists(self.path) else 0
        self.partial = ""

    def lines(self) -> list[str]:
        """The whole lines written since the last call."""
        try:
            with open(self.path, "rb") as f:
                f.seek(self.offset)
                data = f.read()
        except OSError:
            return []
        self.offset += len(data)
        text = self.partial + data.decode(errors="replace")
        *done, self.partial = text.split("\n")
        return done

    def wait_for(self, match: Callable[[str], Optional[dict[str, str]]], timeout: float,
                 poll: float = 0.002) -> Optional[tuple[float, dict[str, str]]]:
        """(monotonic time it was seen, its match) of the first new line that matches; None after timeout."""
        deadline = time.monotonic() + timeout
        while True:
            for line in self.lines():
                m = match(line)
                if m is not None:
                    return time.monotonic(), m
            if time.monotonic() > deadline:
                return None
            time.sleep(poll)


REMINDER = "mail-due"  # contacts mail-due0, mail-due1…, whose follow-ups fall due during the first read


def reminder_lateness(records: list[tuple[int, str]], due: dict[str, int], read_end_ns: int) -> dict[str, Any]:
    """How late each reminder (task id → due time, ns) went by the recorder's lines: those due before the
    read ended apart from the others; `missing` are the task ids never recorded on their own (folded into a
    digest, or not delivered)."""
    first: dict[str, int] = {}
    for ns, tag in records:
        if tag in due and tag not in first:
            first[tag] = ns
    during = [(first[t] - d) / 1e6 for t, d in due.items() if t in first and d < read_end_ns]
    after = [(first[t] - d) / 1e6 for t, d in due.items() if t in first and d >= read_end_ns]
    return {"during_ms": stats(during), "after_ms": stats(after), "missing": sorted(set(due) - set(first))}


def bench_mail_daemon(ctx: Context, bins: Bins, messages: int, runs: int, idle_s: float,
                      lead_s: float = 1.5, reminders: int = 5) -> dict[str, Any]:
    """iid (release build) started on a HOME with a Maildir of `messages` messages it has never read:

    - its first read, from the start of the process until it logs `mail read` (polled every 2 ms), with
      VmRSS sampled every 20 ms meanwhile (and VmHWM, the kernel's peak), VmRSS a second after, the CPU
      time of the whole process by then;
    - `reminders` follow-up reminders (to the recorder, through notify, as the lateness section measures)
      due from `lead_s` seconds after the start, one a second, while the read runs: how late they went;
    - `runs` times, one message from a contact renamed into new/: until `recorded from mail` in its log;
    - then `idle_s` seconds of nothing: its context switches (wake-ups), which must be 0, and VmRSS at
      the end with its three largest parts (/proc/PID/smaps); and how long it takes to stop on SIGTERM."""
    contacts = 1000
    now = time.time()
    home = make_home(ctx.root, "mail-daemon", ctx.recorder)
    generate_events(home, contacts, 10, emails=True, now=now)
    root = os.path.join(home, "Mail")
    with open(os.path.join(home, ".config/iid/config.yaml"), "a") as f:
        f.write(mail_config(root, now))
    log(f"mail, the daemon: generating a Maildir of {messages:,} messages")
    counts = generate_maildir(root, messages, contacts, now=now)
    record = os.path.join(home, "record.txt")
    d = Daemon(bins, home, record, ctx.running, tag="iid-mail")
    tail = LogTail(d.log_path)
    base = (now_ns() // 1_000_000) * 1_000_000 + int(lead_s * NS)
    due = {f"{REMINDER}{i}.follow-up": base + i * NS for i in range(reminders)}
    past = iso(time.time() - DAY)
    lines: list[str] = []
    for i in range(reminders):
        c = f"{REMINDER}{i}"
        lines.append('{"id":"%s-a","at":"%s","type":"added","contact":"%s","name":"Due During The Read %d"}'
                     % (c, past, c, i))
        lines.append('{"id":"%s-r","at":"%s","type":"requested","contact":"%s"}'
                     % (c, iso_ns(due[f"{c}.follow-up"]), c))
    append_lines(home, lines)

    samples: list[int] = []
    found: list[tuple[float, int, dict[str, str]]] = []  # (monotonic, realtime ns, metadata) of `mail read`
    failed: list[BaseException] = []

    def watch() -> None:
        """Samples VmRSS until the first read ends, and notes when its line is logged."""
        try:
            while d.proc is None:
                time.sleep(0.001)
            pid = d.proc.pid
            next_sample = 0.0
            while not found and d.proc.poll() is None:
                t = time.monotonic()
                if t >= next_sample:
                    samples.append(rss_kb(pid))
                    next_sample = t + 0.02
                for line in tail.lines():
                    m = first_read_line(line)
                    if m is not None:
                        found.append((time.monotonic(), now_ns(), m))
                        break
                time.sleep(0.002)
        except BaseException as e:  # the main thread reports it
            failed.append(e)

    watcher = threading.Thread(target=watch, daemon=True)
    t0 = time.monotonic()
    watcher.start()
    ready = d.start()
    watcher.join(timeout=600)
    if failed:
        raise failed[0]
    if not found:
        raise RuntimeError(f"iid logged no first `mail read` within 600 s; see {d.log_path}")
    read_end, read_end_ns, fields = found[0]
    with open(f"/proc/{d.pid}/stat") as f:
        cpu = process_cpu_s(f.read(), os.sysconf("SC_CLK_TCK"))
    hwm = int(proc_status(d.pid).get("VmHWM", "0 kB").split()[0])
    time.sleep(1.0)
    rss_after = rss_kb(d.pid)
    st = d.status()
    log(f"  first read {read_end - t0:.2f} s ({cpu:.2f} s CPU), peak RSS {max(samples) / 1024:.1f} MB sampled, "
        f"{hwm / 1024:.1f} MB VmHWM, {rss_after / 1024:.1f} MB after: {fields}")

    last_due = max(due.values())
    deadline = time.monotonic() + max(0.0, (last_due - now_ns()) / NS) + 30
    while time.monotonic() < deadline and reminder_lateness(read_records(record), due, read_end_ns)["missing"]:
        time.sleep(0.05)
    late = reminder_lateness(read_records(record), due, read_end_ns)
    during = late["during_ms"]
    log(f"  {reminders} reminders due from {lead_s:.1f} s after the start, one a second; the read ended "
        f"{(read_end_ns - base) / NS:.2f} s after the first: " +
        (f"{during['n']} due during it, {during['median']:.2f} ms late (median), {during['max']:.2f} ms (max)"
         if during else "none due during it") + (f"; not delivered on their own: {late['missing']}" if late["missing"] else ""))

    one_new = new_messages(d, tail, root, runs, contacts)
    idle = idle_with_mail(d, idle_s)
    t = time.monotonic()
    d.stop()
    stop_s = time.monotonic() - t
    mail = st.get("mail") or {}
    return {"messages": messages, "folders": counts, "contacts": contacts, "ready_s": ready,
            "first_read": {"s": read_end - t0, "cpu_s": cpu, "peak_rss_kb": max(samples) if samples else None,
                           "rss_samples": len(samples), "hwm_kb": hwm, "rss_after_kb": rss_after,
                           "files": int(fields.get("mail.files", 0)), "recorded": int(fields.get("mail.recorded", 0)),
                           "status_folders": mail.get("folders"), "status_reading": mail.get("reading")},
            "reminders": dict(late, count=reminders, first_due_after_start_s=lead_s, spacing_s=1.0,
                              read_ended_after_first_due_s=(read_end_ns - base) / NS),
            "one_new": one_new,
            "idle": idle, "stop_s": stop_s}


def new_messages(d: Daemon, tail: LogTail, root: str, runs: int, contacts: int) -> dict[str, Any]:
    """`runs` messages from a contact renamed into the inbox's new/, one at a time: the milliseconds from
    each rename to the daemon's `recorded from mail` line, and how many of those events the log holds."""
    walls: list[float] = []
    ids: list[str] = []
    for n in range(runs):
        tail.skip()
        renamed = add_new_message(root, n, contacts, time.time())
        seen = tail.wait_for(recorded_line, 30)
        if seen is None:
            raise RuntimeError(f"iid recorded nothing within 30 s of a new message; see {d.log_path}")
        walls.append((seen[0] - renamed) * 1000)
        ids.append(seen[1].get("event.id", ""))
        time.sleep(0.2)  # the next message is a delivery of its own, not part of this read
    logged = ""
    for name in os.listdir(events_dir(d.home)):
        if not name.endswith(".jsonl"):
            continue
        with open(os.path.join(events_dir(d.home), name)) as f:
            logged += f.read()
    in_log = sum(1 for i in ids if i and f'"id":"{i}"' in logged)
    log(f"  one new message: recorded {stats(walls)['median'] if walls else 0:.1f} ms after its rename into new/ "
        f"(median of {len(walls)})")
    return {"ms": stats(walls), "recorded": len(ids), "in_event_log": in_log}


def idle_with_mail(d: Daemon, idle_s: float) -> dict[str, Any]:
    """The daemon's context switches over `idle_s` seconds of nothing (after 3 s to settle, as the idle
    section does), with VmRSS at the end and its three largest parts."""
    time.sleep(3)
    before = sample_threads(d.pid)
    time.sleep(idle_s)
    after = sample_threads(d.pid)
    idle = idle_delta(before, after)
    idle["window_s"] = idle_s
    idle["per_minute"] = (idle["voluntary"] + idle["involuntary"]) * 60.0 / idle_s
    idle["rss_kb"] = rss_kb(d.pid)
    idle["largest"] = smaps_breakdown(d.pid, top=3)
    idle["next_wake"] = d.status().get("next_wake")
    log(f"  idle {idle_s:.0f} s with mail configured: {idle['voluntary']} voluntary, "
        f"{idle['involuntary']} involuntary context switches; VmRSS {idle['rss_kb'] / 1024:.1f} MB")
    return idle
