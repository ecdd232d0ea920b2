"""Mail: the first `iictl mail scan` of a generated Maildir, and what a scan costs once one message is new.

The Maildir is what a job seeker's mailbox looks like to iid: most messages are from nobody it knows
(newsletters, lists, strangers), a few are from a contact or the person's own to one. The HOME's log has
1,000 contacts with an address each, so the messages that name them are judged against a real plan.
"""

from __future__ import annotations

import os
import random
import subprocess
import time
from typing import Any, Optional

from .context import Bins, Context
from .homes import generate_events, make_home
from .util import DAY, log, stats

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


def add_new_message(root: str, n: int, contacts: int, now: float) -> None:
    """One message just delivered, from a contact, in the inbox's new/."""
    t = now - 60
    text = (f"Message-ID: <new{n}@bench.example>\nDate: {rfc5322_date(t)}\nFrom: {contact_address(n % max(1, contacts))}\n"
            f"To: {ME}\nSubject: Re: a question\n\nThanks!\n")
    path = os.path.join(root, "new", f"{int(now)}.M{n}P2.bench")
    with open(path, "w") as f:
        f.write(text)


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


def bench_mail(ctx: Context, bins: Bins, messages: int, runs: int) -> dict[str, Any]:
    """The first scan of `messages` messages (wall time, peak RSS, events recorded), then `runs` scans that
    each find one new message."""
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
            "loadavg": os.getloadavg()[0]}
