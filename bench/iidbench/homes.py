"""A HOME for iid: its config (deliveries go to the recorder) and an event log, generated or appended to."""

from __future__ import annotations

import os
import random
import time
from typing import Optional

from .context import Context
from .util import DAY, log


CONFIG = """timezone: UTC
catch_up: 7d
delivery:
  notify:
    command: {recorder}
    actions: false
    timeout: 10s
  journal:
    socket: {home}/journal.sock
reminders:
  follow-up:
    after: 0s
    due: 1d
    via: [notify]
    overdue_via: []
"""


def make_home(root: str, name: str, recorder: str) -> str:
    """A HOME of its own (config, events folder, a private runtime folder) for one iid."""
    home = os.path.join(root, name)
    for d in ("", "run", ".config/iid", ".local/share/iid/events", ".local/state"):
        os.makedirs(os.path.join(home, d), mode=0o700, exist_ok=True)
    os.chmod(os.path.join(home, "run"), 0o700)
    cfg = os.path.join(home, ".config/iid/config.yaml")
    with open(cfg, "w") as f:
        f.write(CONFIG.format(recorder=recorder, home=home))
    os.chmod(cfg, 0o600)
    return home


def events_dir(home: str) -> str:
    return os.path.join(home, ".local/share/iid/events")


def generate_events(home: str, contacts: int, per_contact: int = 10, seed: int = 1,
                    now: Optional[float] = None, emails: bool = False) -> int:
    """A realistic log: `contacts` people with `per_contact` events each, no reminder due within a day.

    Four in five met, were thanked and wait for their keep-in-touch reminder (10 to 89 days away); the
    fifth have a meeting 3 to 30 days away (homework, confirm, brief and thank-you tasks). Files are
    monthly, as iictl writes them. With `emails`, contact i has the address c{i}@org{i % 97}.example (for
    the mail scan)."""
    now = now if now is not None else time.time()
    rng = random.Random(seed)
    files: dict[str, list[str]] = {}
    fmt = "%Y-%m-%dT%H:%M:%SZ"

    def ts(t: float) -> str:
        return time.strftime(fmt, time.gmtime(t))

    def add(line: str, t: float) -> None:
        files.setdefault(time.strftime("%Y-%m", time.gmtime(t)), []).append(line)

    for i in range(contacts):
        c = f"c{i}"
        k = 0
        email = ',"email":"c%d@org%d.example"' % (i, i % 97) if emails else ""

        def ev(t: float, body: str) -> None:
            nonlocal k
            add('{"id":"%s-%d","at":"%s",%s,"contact":"%s"}' % (c, k, ts(t), body, c), t)
            k += 1

        if i % 5:
            added = now - rng.uniform(200, 400) * DAY
            start = added + 5 * DAY
            ev(added, '"type":"added","name":"Contact %d","org":"Org %d"' % (i, i % 97) + email)
            ev(added + DAY, '"type":"requested"')
            ev(added + 2 * DAY, '"type":"scheduled","start":"%s","minutes":30' % ts(start))
            ev(start + 1800, '"type":"held","points":["one point"]')
            ev(start + DAY, '"type":"thanked"')
            last = now - rng.uniform(1, 80) * DAY
            notes = max(1, per_contact - 5)
            first = start + 2 * DAY
            for j in range(notes):
                t = first + (last - first) * (j + 1) / notes
                ev(t, '"type":"note","text":"note %d"' % j)
        else:
            added = now - rng.uniform(10, 60) * DAY
            ev(added, '"type":"added","name":"Contact %d","org":"Org %d"' % (i, i % 97) + email)
            ev(added + DAY, '"type":"requested"')
            notes = max(0, per_contact - 3)
            for j in range(notes):
                t = added + DAY + (now - 2 * DAY - added - DAY) * (j + 1) / (notes + 1)
                ev(t, '"type":"note","text":"note %d"' % j)
            start = now + rng.uniform(3, 30) * DAY
            ev(now - DAY, '"type":"scheduled","start":"%s","minutes":30' % ts(start))
    d = events_dir(home)
    total = 0
    for month, lines in sorted(files.items()):
        with open(os.path.join(d, month + ".jsonl"), "a") as f:
            f.write("\n".join(lines) + "\n")
        total += len(lines)
    return total


def log_home(ctx: Context, events: int) -> str:
    """A HOME whose log holds `events` events (10 per contact), made once per run."""
    home = ctx.homes.get(events)
    if home is None:
        home = make_home(ctx.root, f"log-{events}", ctx.recorder)
        if events:
            log(f"generating {events:,} events ({events // 10:,} contacts)")
            t = time.perf_counter()
            generate_events(home, events // 10, 10)
            log(f"  written in {time.perf_counter() - t:.1f} s")
        ctx.homes[events] = home
    return home


def append_lines(home: str, lines: list[str], month: Optional[str] = None) -> None:
    month = month or time.strftime("%Y-%m", time.gmtime())
    path = os.path.join(events_dir(home), month + ".jsonl")
    data = ("\n".join(lines) + "\n").encode()
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
    try:
        os.write(fd, data)  # one write: one change for the daemon to see
    finally:
        os.close(fd)


def event_file_sizes(home: str) -> dict[str, int]:
    d = events_dir(home)
    return {n: os.path.getsize(os.path.join(d, n)) for n in os.listdir(d)}


def restore_event_files(home: str, sizes: dict[str, int]) -> None:
    """Takes back what a measurement appended to a log."""
    d = events_dir(home)
    for n in os.listdir(d):
        if n not in sizes:
            os.unlink(os.path.join(d, n))
        elif os.path.getsize(os.path.join(d, n)) != sizes[n]:
            os.truncate(os.path.join(d, n), sizes[n])

