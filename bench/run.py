#!/usr/bin/env python3
"""iid benchmarks, side by side with the tools a Linux user would reach for instead.

    python3 bench/run.py            # everything (about 10 minutes; peers need root for apt-get and atd)
    python3 bench/run.py --quick    # iid only, short idle window, no minute-long peer runs (about 4 minutes)

Prints a table and writes bench/results.json. Python 3 standard library only; it builds iid with
`swift build -c release --scratch-path .build-bench`, compiles bench/recorder.c and bench/floor.c with
cc, and installs the peers (remind, calcurse, at) from Debian's packages with apt-get when missing.

What is measured (see Documentation/benchmarks.md for the published figures):
  lateness   start of the reminder command (bench/recorder.c, standing in for notify-send) minus the
             due time, for 200 reminders spaced --spacing-ms apart so that each is delivered on its own
             (iid folds several reminders due in one wake-up into a digest); beside it the floor (a C
             program sleeping on CLOCK_REALTIME and spawning the same recorder) and the peers, whose
             reminders have minute resolution (one per minute, --peer-minutes of them)
  idle       context switches (all threads, /proc/PID/task/*/status) and CPU time (schedstat) over
             --idle seconds, with 1,000 contacts (peers: 1,000 reminders) and the next reminder hours away
  memory     VmRSS with 0, 1,000 and 10,000 contacts, and what it is made of (/proc/PID/smaps)
  replay     start to READY=1 (sd_notify) with 10,000, 100,000 and 1,000,000 events
  reaction   appending an event to the timer re-armed: the daemon's last_reaction_ms, and end to end
             (append until the control socket, or a whole `iictl status --json`, shows the new next_wake)
  iictl      `iictl pending --json` as a whole process with 10,000 contacts
  stopped    a reminder due while each tool was stopped (80 s, from 15 s before the reminder's minute to 5 s
             into the next one): delivered on start, or dropped
  edits      how soon each tool reads its data file again after it was edited, and whether the reminder
             added by the edit fires
Where a target is missed the table says so, with the reason the figures give; the full run then
profiles the cost with perf (perf record for CPU, perf trace for the delivery path) and heaptrack (the
heap, beside /proc/PID/smaps) and prints what dominates. (valgrind 3.19's callgrind cannot read the DWARF 5 debug information
of Swift 6 binaries, and crashes on them even stripped, hence perf.)
"""

import argparse
import ctypes
import datetime
import json
import math
import os
import platform
import random
import re
import select
import shutil
import signal
import socket
import statistics
import struct
import subprocess
import sys
import tempfile
import threading
import time

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BENCH = os.path.join(REPO, "bench")
SCRATCH = ".build-bench"
SCRATCH_STATIC = ".build-bench-static"
DAY = 86400.0
NS = 1_000_000_000

# ---------------------------------------------------------------------------------------------------
# Small helpers


def log(msg):
    print(f"[{time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


def now_ns():
    return time.clock_gettime_ns(time.CLOCK_REALTIME)


def sh(argv, **kw):
    return subprocess.run(argv, check=True, text=True, capture_output=True, **kw)


def stats(values):
    """n, min, median, p99 (nearest rank), max of a list of numbers."""
    if not values:
        return None
    v = sorted(values)
    p99 = v[max(0, math.ceil(0.99 * len(v)) - 1)]
    return {"n": len(v), "min": v[0], "median": statistics.median(v), "p99": p99, "max": v[-1],
            "mean": statistics.fmean(v)}


def iso(epoch, frac=False):
    t = time.gmtime(epoch)
    s = time.strftime("%Y-%m-%dT%H:%M:%S", t)
    if frac:
        s += ".%06d" % int(round((epoch - math.floor(epoch)) * 1e6))
    return s + "Z"


def iso_ns(ns):
    sec, rest = divmod(ns, NS)
    return time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(sec)) + ".%06dZ" % (rest // 1000)


def next_minute(t, at_least):
    """The first whole minute at least `at_least` seconds after t."""
    m = math.ceil((t + at_least) / 60.0) * 60
    return int(m)


def read_records(path):
    """(ns, tag) lines written by the recorder."""
    out = []
    if not os.path.exists(path):
        return out
    with open(path) as f:
        for line in f:
            stamp, _, tag = line.rstrip("\n").partition(" ")
            sec, _, frac = stamp.partition(".")
            out.append((int(sec) * NS + int(frac.ljust(9, "0")[:9]), tag))
    return out


def proc_status(pid):
    out = {}
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                k, _, v = line.partition(":")
                out[k] = v.strip()
    except OSError:
        pass
    return out


def rss_kb(pid):
    v = proc_status(pid).get("VmRSS", "0 kB").split()[0]
    return int(v)


def sample_threads(pid):
    """{tid: (voluntary, involuntary, cpu_ns, name)} for every thread of pid."""
    out = {}
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


def idle_delta(before, after):
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


def smaps_breakdown(pid, top=6):
    """Resident kB per mapping (file, [heap], [anon], ...) from /proc/PID/smaps, largest first."""
    sizes = {}
    current = None
    try:
        with open(f"/proc/{pid}/smaps") as f:
            for line in f:
                parts = line.split()
                if not parts:
                    continue
                if re.match(r"^[0-9a-f]+-[0-9a-f]+$", parts[0]):
                    name = parts[5] if len(parts) > 5 else "[anon]"
                    current = os.path.basename(name) if name.startswith("/") else name
                elif parts[0] == "Rss:" and current is not None:
                    sizes[current] = sizes.get(current, 0) + int(parts[1])
    except OSError:
        return []
    return sorted(sizes.items(), key=lambda kv: -kv[1])[:top]


def timed_run(argv, env, stdout=subprocess.DEVNULL):
    """Runs argv to the end; (wall seconds, exit code, max RSS kB) of that one process."""
    t0 = time.perf_counter()
    p = subprocess.Popen(argv, env=env, stdout=stdout, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(p.pid, 0)
    wall = time.perf_counter() - t0
    p.returncode = os.waitstatus_to_exitcode(status)
    return wall, p.returncode, usage.ru_maxrss


class FileWatch:
    """inotify (through ctypes) on files or folders: the times at which each was opened or read."""

    IN_ACCESS, IN_OPEN, IN_ISDIR = 0x1, 0x20, 0x40000000

    def __init__(self, paths):
        self.libc = ctypes.CDLL(None, use_errno=True)
        self.fd = self.libc.inotify_init1(os.O_NONBLOCK | os.O_CLOEXEC)
        self.wds = {}
        self.events = {p: [] for p in paths}
        for p in paths:
            wd = self.libc.inotify_add_watch(self.fd, p.encode(), self.IN_OPEN | self.IN_ACCESS)
            if wd >= 0:
                self.wds[wd] = p
        self.stop = False
        self.thread = threading.Thread(target=self.run, daemon=True)
        self.thread.start()

    def run(self):
        while not self.stop:
            r, _, _ = select.select([self.fd], [], [], 0.2)
            if not r:
                continue
            t = now_ns()
            try:
                data = os.read(self.fd, 65536)
            except BlockingIOError:
                continue
            off = 0
            while off + 16 <= len(data):
                wd, mask, _, ln = struct.unpack_from("iIII", data, off)
                name = data[off + 16:off + 16 + ln].rstrip(b"\0").decode(errors="replace")
                off += 16 + ln
                if wd in self.wds:
                    self.events[self.wds[wd]].append((t, mask, name))

    def first_open_after(self, path, t_ns, dir_only=False):
        for t, mask, name in self.events.get(path, []):
            if t < t_ns or not mask & self.IN_OPEN:
                continue
            if dir_only and not (mask & self.IN_ISDIR and not name):
                continue
            return t
        return None

    def close(self):
        self.stop = True
        self.thread.join()
        os.close(self.fd)


# ---------------------------------------------------------------------------------------------------
# Setting up: build, recorder, peers


def machine():
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


def build(static):
    scratch = SCRATCH_STATIC if static else SCRATCH
    argv = ["swift", "build", "-c", "release", "--scratch-path", scratch]
    if static:
        argv.append("--static-swift-stdlib")
    log("building: " + " ".join(argv))
    r = subprocess.run(argv, cwd=REPO, text=True, capture_output=True)
    if r.returncode != 0:
        sys.stderr.write(r.stdout[-4000:] + r.stderr[-4000:])
        raise SystemExit("swift build failed")
    bindir = sh(argv + ["--show-bin-path"], cwd=REPO).stdout.strip()
    return {"iid": os.path.join(bindir, "iid"), "iictl": os.path.join(bindir, "iictl"), "build": " ".join(argv)}


def compile_c(work):
    out = {}
    for name in ("recorder", "floor"):
        exe = os.path.join(work, name)
        src = os.path.join(BENCH, name + ".c")
        r = subprocess.run(["cc", "-O2", "-static", "-o", exe, src], capture_output=True, text=True)
        if r.returncode != 0:  # no static libc: a dynamic one still works, a little slower to start
            sh(["cc", "-O2", "-o", exe, src])
        out[name] = exe
    return out


PEER_PACKAGES = {"remind": "remind", "calcurse": "calcurse", "at": "at"}


def ensure_peers():
    missing = [pkg for exe, pkg in PEER_PACKAGES.items() if not shutil.which(exe)]
    if not os.path.exists("/usr/sbin/atd") and "at" not in missing:
        missing.append("at")
    if missing:
        if os.geteuid() != 0:
            raise SystemExit(f"the peers need installing ({' '.join(missing)}): run as root, or use --quick")
        log("installing from Debian's packages: " + " ".join(missing))
        env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
        subprocess.run(["apt-get", "update", "-qq"], env=env, check=True, stdout=subprocess.DEVNULL)
        subprocess.run(["apt-get", "install", "-y", "-qq", "--no-install-recommends"] + missing, env=env, check=True,
                       stdout=subprocess.DEVNULL)
    versions = {}
    for pkg in PEER_PACKAGES.values():
        r = subprocess.run(["dpkg-query", "-W", "-f", "${Version}", pkg], capture_output=True, text=True)
        versions[pkg] = r.stdout.strip() or "?"
    return versions


# ---------------------------------------------------------------------------------------------------
# iid: homes, events, the daemon


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


def make_home(root, name, recorder):
    home = os.path.join(root, name)
    for d in ("", "run", ".config/iid", ".local/share/iid/events", ".local/state"):
        os.makedirs(os.path.join(home, d), mode=0o700, exist_ok=True)
    os.chmod(os.path.join(home, "run"), 0o700)
    cfg = os.path.join(home, ".config/iid/config.yaml")
    with open(cfg, "w") as f:
        f.write(CONFIG.format(recorder=recorder, home=home))
    os.chmod(cfg, 0o600)
    return home


def events_dir(home):
    return os.path.join(home, ".local/share/iid/events")


def generate_events(home, contacts, per_contact=10, seed=1, now=None):
    """A realistic log: `contacts` people with `per_contact` events each, no reminder due within a day.

    Four in five met, were thanked and wait for their keep-in-touch reminder (10 to 89 days away); the
    fifth have a meeting 3 to 30 days away (homework, confirm, brief and thank-you tasks). Files are
    monthly, as iictl writes them."""
    now = now if now is not None else time.time()
    rng = random.Random(seed)
    files = {}
    fmt = "%Y-%m-%dT%H:%M:%SZ"

    def ts(t):
        return time.strftime(fmt, time.gmtime(t))

    def add(line, t):
        files.setdefault(time.strftime("%Y-%m", time.gmtime(t)), []).append(line)

    for i in range(contacts):
        c = f"c{i}"
        k = 0

        def ev(t, body):
            nonlocal k
            add('{"id":"%s-%d","at":"%s",%s,"contact":"%s"}' % (c, k, ts(t), body, c), t)
            k += 1

        if i % 5:
            added = now - rng.uniform(200, 400) * DAY
            start = added + 5 * DAY
            ev(added, '"type":"added","name":"Contact %d","org":"Org %d"' % (i, i % 97))
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
            ev(added, '"type":"added","name":"Contact %d","org":"Org %d"' % (i, i % 97))
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


def log_home(ctx, events):
    """A HOME whose log holds `events` events (10 per contact), made once per run."""
    home = ctx.homes.get(events)
    if home is None:
        home = make_home(ctx.root, f"log-{events}", ctx.c["recorder"])
        if events:
            log(f"generating {events:,} events ({events // 10:,} contacts)")
            t = time.perf_counter()
            generate_events(home, events // 10, 10)
            log(f"  written in {time.perf_counter() - t:.1f} s")
        ctx.homes[events] = home
    return home


def append_lines(home, lines, month=None):
    month = month or time.strftime("%Y-%m", time.gmtime())
    path = os.path.join(events_dir(home), month + ".jsonl")
    data = ("\n".join(lines) + "\n").encode()
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
    try:
        os.write(fd, data)  # one write: one change for the daemon to see
    finally:
        os.close(fd)


def event_file_sizes(home):
    d = events_dir(home)
    return {n: os.path.getsize(os.path.join(d, n)) for n in os.listdir(d)}


def restore_event_files(home, sizes):
    """Takes back what a measurement appended to a log."""
    d = events_dir(home)
    for n in os.listdir(d):
        if n not in sizes:
            os.unlink(os.path.join(d, n))
        elif os.path.getsize(os.path.join(d, n)) != sizes[n]:
            os.truncate(os.path.join(d, n), sizes[n])


def control(home, request="status", timeout=5.0):
    s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    s.settimeout(timeout)
    try:
        s.connect(os.path.join(home, "run/iid/control.sock"))
        s.sendall((request + "\n").encode())
        s.shutdown(socket.SHUT_WR)
        chunks = []
        while True:
            b = s.recv(65536)
            if not b:
                break
            chunks.append(b)
    finally:
        s.close()
    text = b"".join(chunks).decode()
    return json.loads(text) if request == "status" else text


RUNNING = []  # everything started here that may still run: stopped in the end whatever happens


def stop_everything():
    for thing in reversed(RUNNING[:]):
        try:
            thing.stop()
        except Exception as e:  # keep stopping the others
            log(f"could not stop {thing}: {e}")
    RUNNING.clear()


class Daemon:
    """One iid in its own HOME, with a NOTIFY_SOCKET bound here (READY=1 and STATUS= arrive on it)."""

    def __init__(self, bins, home, recorder_out, log_level="info", tag="iid"):
        self.bins, self.home, self.log_level = bins, home, log_level
        self.record = recorder_out
        self.log_path = os.path.join(home, f"{tag}.log")
        self.proc = None
        self.sock = None

    def env(self):
        return {"PATH": "/usr/bin:/bin:/usr/sbin:/sbin", "HOME": self.home, "XDG_RUNTIME_DIR": self.home + "/run",
                "NOTIFY_SOCKET": self.home + "/notify.sock", "TZ": "UTC", "LANG": "C.UTF-8",
                "BENCH_RECORD": self.record}

    def _drain(self, sock):
        while not self.closing:
            try:
                data = sock.recv(65536)
            except socket.timeout:
                continue
            except OSError:
                return
            text = data.decode(errors="replace")
            self.messages.append((time.monotonic(), text))
            if "READY=1" in text.split("\n") and self.ready_at is None:
                self.ready_at = time.monotonic()
                self.ready.set()

    def start(self, timeout=300):
        path = self.home + "/notify.sock"
        if os.path.exists(path):
            os.unlink(path)
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
        self.sock.bind(path)
        self.sock.settimeout(0.2)
        self.closing = False
        self.messages = []
        self.ready_at = None
        self.ready = threading.Event()
        # iid's notify is a blocking sendto: the socket is drained all the time, as systemd does.
        self.drainer = threading.Thread(target=self._drain, args=(self.sock,), daemon=True)
        self.drainer.start()
        logf = open(self.log_path, "a")
        t0 = time.monotonic()
        self.proc = subprocess.Popen([self.bins["iid"], "--log-level", self.log_level], env=self.env(),
                                     stdout=logf, stderr=logf, cwd=self.home)
        logf.close()
        if self not in RUNNING:
            RUNNING.append(self)
        deadline = t0 + timeout
        while not self.ready.wait(0.05):
            if self.proc.poll() is not None:
                raise RuntimeError(f"iid exited with {self.proc.returncode}; see {self.log_path}")
            if time.monotonic() > deadline:
                raise RuntimeError(f"iid not ready after {timeout} s; see {self.log_path}")
        return self.ready_at - t0

    @property
    def pid(self):
        return self.proc.pid

    def status(self):
        return control(self.home)

    def stop(self):
        if self.proc and self.proc.poll() is None:
            # under perf or strace, iid is the wrapper's child: end it first
            try:
                with open(f"/proc/{self.proc.pid}/task/{self.proc.pid}/children") as f:
                    children = [int(c) for c in f.read().split()]
            except OSError:
                children = []
            exe = os.path.realpath(f"/proc/{self.proc.pid}/exe") if children else ""
            if children and not exe.endswith("/iid"):
                for c in children:
                    try:
                        os.kill(c, signal.SIGTERM)
                    except ProcessLookupError:
                        pass
            else:
                self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(60)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.closing = True
        if self.sock:
            self.drainer.join()
            self.sock.close()
            self.sock = None
        if self in RUNNING:
            RUNNING.remove(self)

    def log_text(self):
        with open(self.log_path, errors="replace") as f:
            return f.read()


# ---------------------------------------------------------------------------------------------------
# iid measurements


def bench_lateness(ctx, count, spacing_ms):
    log(f"iid lateness: {count} reminders {spacing_ms} ms apart")
    home = make_home(ctx.root, "lateness", ctx.c["recorder"])
    record = os.path.join(home, "record.txt")
    lead_s = 4.0
    base = (now_ns() // 1_000_000) * 1_000_000 + int(lead_s * NS)
    due = {}
    lines = []
    past = iso(time.time() - DAY)
    for i in range(count):
        due[f"l{i}.follow-up"] = base + i * spacing_ms * 1_000_000
        lines.append('{"id":"l%d-a","at":"%s","type":"added","contact":"l%d","name":"Late %d"}' % (i, past, i, i))
        lines.append('{"id":"l%d-r","at":"%s","type":"requested","contact":"l%d"}'
                     % (i, iso_ns(due[f"l{i}.follow-up"]), i))
    append_lines(home, lines)
    d = Daemon(ctx.bins, home, record)
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


def bench_floor(ctx, count, spacing_ms):
    log(f"floor: C program, CLOCK_REALTIME sleep + posix_spawn of the recorder, {count} times")
    work = os.path.join(ctx.root, "floor-run")
    os.makedirs(work, exist_ok=True)
    record = os.path.join(work, "record.txt")
    base = (now_ns() // 1_000_000) * 1_000_000 + NS
    dues = [base + i * spacing_ms * 1_000_000 for i in range(count)]
    r = subprocess.run([ctx.c["floor"], ctx.c["recorder"]] + [str(x) for x in dues],
                       env={"BENCH_RECORD": record, "PATH": "/usr/bin:/bin"}, capture_output=True, text=True, check=True)
    woke = [int(x) / 1e6 for x in r.stdout.split()]
    recs = read_records(record)
    late = [(t - dues[int(tag[1:])]) / 1e6 for t, tag in recs]
    return {"timer_only_ms": stats(woke), "ms": stats(late)}


def bench_replay(ctx, sizes, runs, bins, label):
    """Start → READY=1 for each log size; reaction to appends while running; RSS at READY."""
    out = []
    for n in sizes:
        home = log_home(ctx, n)
        nruns = runs if n <= 100_000 else max(1, runs // 3)
        times, rss, status = [], [], None
        reaction = None
        for r in range(nruns):
            d = Daemon(bins, home, os.path.join(home, "record.txt"), log_level="debug", tag=label)
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


def bench_reaction(ctx, d, bins, reps):
    """Appends a meeting that moves the next reminder earlier; times the daemon's reaction."""
    home = d.home
    internal, e2e_socket, e2e_iictl, logged, iictl_failures = [], [], [], [], []
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


def bench_memory(ctx, bins, label):
    out = []
    for contacts in (0, 1000, 10000):
        home = log_home(ctx, contacts * 10)
        d = Daemon(bins, home, os.path.join(home, "record.txt"), tag=label)
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


def bench_swift_floors(ctx):
    """VmRSS of tiny statically linked Swift programs: what any Swift daemon pays before its data."""
    out = {}
    for name, src, arg in (("stdlib only", "floor_stdlib.swift", None),
                           ("Foundation linked", "floor_foundation.swift", None),
                           ("Foundation + one TimeZone", "floor_foundation.swift", "tz")):
        exe = os.path.join(ctx.root, src.replace(".swift", ""))
        if not os.path.exists(exe):
            sh(["swiftc", "-O", "-static-stdlib", "-o", exe, os.path.join(BENCH, src)])
        r = subprocess.run([exe] + ([arg] if arg else []), capture_output=True, text=True, check=True)
        m = re.search(r"VmRSS:\s+(\d+)", r.stdout)
        out[name] = int(m.group(1)) if m else None
    return out


def bench_iictl(ctx, bins, runs):
    home = log_home(ctx, 100_000)
    empty = log_home(ctx, 0)
    env = {"PATH": "/usr/bin:/bin", "HOME": home, "XDG_RUNTIME_DIR": home + "/run", "TZ": "UTC", "LANG": "C.UTF-8"}
    env0 = dict(env, HOME=empty, XDG_RUNTIME_DIR=empty + "/run")
    res = {}
    for name, argv, e in (("version", [bins["iictl"], "--version"], env),
                          ("pending_0", [bins["iictl"], "pending", "--json"], env0),
                          ("pending_10k", [bins["iictl"], "pending", "--json"], env)):
        timed_run(argv, e)  # warm the page cache
        walls, rss = [], []
        for _ in range(runs):
            w, rc, maxrss = timed_run(argv, e)
            if rc != 0:
                raise RuntimeError(f"{' '.join(argv)} exited {rc}")
            walls.append(w * 1000)
            rss.append(maxrss)
        res[name] = {"ms": stats(walls), "max_rss_kb": max(rss)}
    r = subprocess.run([bins["iictl"], "pending", "--json"], env=env, capture_output=True, text=True)
    res["pending_10k"]["tasks"] = len(json.loads(r.stdout))
    return res


def bench_idle_iid(ctx):
    home = make_home(ctx.root, "idle", ctx.c["recorder"])
    generate_events(home, 1000, 10)
    d = Daemon(ctx.bins, home, os.path.join(home, "record.txt"), tag="idle")
    d.start()
    return d


# ---------------------------------------------------------------------------------------------------
# The peers


class Tool:
    name = "?"
    proc = None  # the peer's process, for those that run one in the foreground

    def __init__(self, ctx, phase):
        self.ctx = ctx
        self.dir = os.path.join(ctx.root, f"{self.name}-{phase}")
        os.makedirs(self.dir, exist_ok=True)
        self.record = os.path.join(self.dir, "record.txt")

    def env(self):
        return {"PATH": "/usr/bin:/bin:/usr/sbin:/sbin", "HOME": self.dir, "TZ": "UTC", "LANG": "C.UTF-8",
                "SHELL": "/bin/sh", "BENCH_RECORD": self.record}

    def deliveries(self):
        """(ns, tag) of each reminder command run."""
        return read_records(self.record)

    def stop(self):
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            self.proc.wait(10)
        if self in RUNNING:
            RUNNING.remove(self)

    def pids(self):
        return [self.proc.pid]


class IIDTool(Tool):
    name = "iid"

    def __init__(self, ctx, phase):
        super().__init__(ctx, phase)
        self.home = make_home(ctx.root, f"iid-{phase}", ctx.c["recorder"])
        self.record = os.path.join(self.home, "record.txt")
        self.daemon = Daemon(ctx.bins, self.home, self.record, tag="iid")
        self.n = 0

    def add(self, due, tag):
        self.n += 1
        c = f"{tag}{self.n}"
        append_lines(self.home, ['{"id":"%s-a","at":"%s","type":"added","contact":"%s","name":"%s"}'
                                 % (c, iso(time.time() - 60), c, tag),
                                 '{"id":"%s-r","at":"%s","type":"requested","contact":"%s"}' % (c, iso(due), c)])
        return f"{c}.follow-up"

    def start(self):
        self.daemon.start()

    def stop(self):
        self.daemon.stop()

    def pids(self):
        return [self.daemon.pid]

    def watched(self):
        return events_dir(self.home)


class Remind(Tool):
    name = "remind"

    def __init__(self, ctx, phase):
        super().__init__(ctx, phase)
        self.file = os.path.join(self.dir, "reminders.rem")
        # Kept open: our own edits must not show up as the tool opening its file.
        self.fh = open(self.file, "a")

    def add(self, due, tag):
        t = time.gmtime(due)
        self.fh.write(f"REM {time.strftime('%Y-%m-%d', t)} AT {time.strftime('%H:%M', t)} MSG {tag}\n")
        self.fh.flush()
        return tag

    def start(self):
        logf = open(os.path.join(self.dir, "remind.log"), "a")
        self.proc = subprocess.Popen(["remind", "-z", f"-k{self.ctx.c['recorder']} %s", self.file],
                                     env=self.env(), stdout=logf, stderr=logf, cwd=self.dir)
        logf.close()
        RUNNING.append(self)
        time.sleep(0.3)

    def watched(self):
        return self.file


class Calcurse(Tool):
    name = "calcurse"

    def __init__(self, ctx, phase):
        super().__init__(ctx, phase)
        self.apts = os.path.join(self.dir, "apts")
        self.fh = open(self.apts, "a")  # kept open, as for remind
        with open(os.path.join(self.dir, "conf"), "w") as f:
            # warning=0: notify as late as calcurse can, not five minutes early (the default 300).
            f.write(f"notification.command={ctx.c['recorder']} calcurse\nnotification.warning=0\n"
                    "notification.notifyall=all\ndaemon.enable=yes\ndaemon.log=yes\n")
        self.pid = None

    def add(self, due, tag):
        a = time.strftime("%m/%d/%Y @ %H:%M", time.gmtime(due))
        b = time.strftime("%m/%d/%Y @ %H:%M", time.gmtime(due + 600))
        self.fh.write(f"{a} -> {b} !|{tag}\n")
        self.fh.flush()
        return tag

    def start(self):
        pidfile = os.path.join(self.dir, ".daemon.pid")
        if os.path.exists(pidfile):
            os.unlink(pidfile)
        subprocess.run(["calcurse", "-D", self.dir, "--daemon"], env=self.env(), check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        for _ in range(100):
            try:
                with open(pidfile) as f:
                    self.pid = int(f.read().strip())
                if os.path.exists(f"/proc/{self.pid}"):
                    RUNNING.append(self)
                    return
            except (OSError, ValueError):
                pass
            time.sleep(0.05)
        raise RuntimeError("calcurse --daemon did not start")

    def stop(self):
        if self.pid:
            try:
                os.kill(self.pid, signal.SIGTERM)
            except ProcessLookupError:
                pass
            for _ in range(100):
                if not os.path.exists(f"/proc/{self.pid}"):
                    break
                time.sleep(0.05)
            self.pid = None
        if self in RUNNING:
            RUNNING.remove(self)

    def pids(self):
        return [self.pid]

    def watched(self):
        return self.apts

    def deliveries(self):
        # The command gets no argument: daemon.log says which appointment each launch was for, in order.
        recs = read_records(self.record)
        tags = []
        try:
            with open(os.path.join(self.dir, "daemon.log"), errors="replace") as f:
                for line in f:
                    m = re.search(r'launching notification .* for: "\|?(.*)"', line)
                    if m:
                        tags.append(m.group(1))
        except OSError:
            pass
        return [(t, tags[i] if i < len(tags) else "?") for i, (t, _) in enumerate(recs)]


SPOOL = "/var/spool/cron/atjobs"


class At(Tool):
    name = "at"
    jobs = []  # every job any At made, for the final clean-up

    def add(self, due, tag):
        stamp = time.strftime("%Y%m%d%H%M", time.gmtime(due))
        r = subprocess.run(["at", "-t", stamp], input=f"{self.ctx.c['recorder']} {tag}\n", env=self.env(),
                           capture_output=True, text=True, cwd=self.dir)
        m = re.search(r"job (\d+) at", r.stderr)
        if not m:
            raise RuntimeError("at: " + r.stderr.strip())
        At.jobs.append(m.group(1))
        return tag

    def start(self):
        logf = open(os.path.join(self.dir, "atd.log"), "a")
        self.proc = subprocess.Popen(["/usr/sbin/atd", "-f"], env=self.env(), stdout=logf, stderr=logf)
        logf.close()
        RUNNING.append(self)
        time.sleep(0.3)
        if self.proc.poll() is not None:
            raise RuntimeError("atd exited at once (another atd running?)")

    def watched(self):
        return SPOOL

    @staticmethod
    def cleanup():
        if At.jobs:
            subprocess.run(["atrm"] + At.jobs, capture_output=True)
            At.jobs = []


def atd_running():
    for p in os.listdir("/proc"):
        if p.isdigit():
            try:
                with open(f"/proc/{p}/stat") as f:
                    stat = f.read()
                # "pid (comm) state ...": a zombie left by an atd that exited does not count
                if stat[stat.index("(") + 1:stat.rindex(")")] == "atd" and stat[stat.rindex(")") + 2] != "Z":
                    return True
            except (OSError, ValueError, IndexError):
                pass
    return False


def peer_classes(ctx):
    out = [Remind, Calcurse]
    if atd_running():
        log("an atd is already running on this machine: at is left out (it would run our jobs meanwhile)")
        ctx.notes.append("at left out: an atd was already running")
    else:
        out.append(At)
    return out


def lateness_of(tool, due_by_tag, tags):
    out = {}
    for t, tag in tool.deliveries():
        if tag in tags and tag not in out:
            out[tag] = (t - due_by_tag[tag]) / 1e6
    return out


def phase_idle(ctx, window, with_peers):
    """iid (1,000 contacts) and, in the full run, each peer with 1,000 reminders hours away."""
    log(f"idle: {window:.0f} s window" + (" (iid and the peers side by side)" if with_peers else ""))
    tools = []
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
    time.sleep(3)  # settle after start
    pids = {"iid": d.pid}
    for t in tools:
        pids[t.name] = t.pids()[0]
    before = {k: sample_threads(p) for k, p in pids.items()}
    time.sleep(window)
    after = {k: sample_threads(p) for k, p in pids.items()}
    out = {}
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
    for t in tools:
        t.stop()
    At.cleanup()
    return {"window_s": window, "tools": out}


def phase_peer_lateness(ctx, minutes):
    """Each peer gets one reminder per whole minute; an edit adds one more while it runs."""
    log(f"peers: lateness over {minutes} minute(s), plus an edit of each data file")
    tools = [cls(ctx, "late") for cls in peer_classes(ctx)]
    t0 = time.time()
    m1 = next_minute(t0, 12)
    due = {}
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
    edits = {}
    for t in tools:
        e = now_ns()
        me = next_minute(e / NS, 65)
        tag = t.add(me, "E")
        due[(t.name, tag)] = me * NS
        edits[t.name] = (e, me)
    last = max(m1 + 60 * (minutes - 1), max(me for _, me in edits.values()))
    time.sleep(max(0, last + 15 - time.time()))
    out = {}
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
    At.cleanup()
    return out


def phase_stopped(ctx, stop_s, with_peers):
    """A reminder falls due while the tool is stopped. Delivered on start, or dropped?

    With the peers (minute resolution) the reminder is due on a whole minute B. The tools start at B−70 s
    (calcurse notifies whatever is due before its next wake-up a minute later, so it must not see B
    before it is stopped), stop at B−15 s and start again stop_s later (80 s: B+65 s, in the next
    minute; remind also fires on start a reminder of the current minute)."""
    classes = [IIDTool] + (peer_classes(ctx) if with_peers else [])
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
    tags = {}
    for t in tools:
        if isinstance(t, At):
            t.start()
        tags[t.name] = t.add(due, "missed")
        if not isinstance(t, At):
            t.start()
    time.sleep(max(0, stop_at - time.time()))
    stopped = {}
    for t in tools:
        t.stop()
        stopped[t.name] = now_ns()
    restarted = {}
    time.sleep(max(0, stop_at + stop_s - time.time()))
    for t in tools:
        restarted[t.name] = now_ns()
        t.start()
    # long enough for a tool that looks once a minute to have looked twice
    time.sleep(65 if with_peers else 3)
    out = {}
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
    At.cleanup()
    return out


# ---------------------------------------------------------------------------------------------------
# Profiles of missed targets


def demangle(names):
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


def perf_report(data, top=10):
    """Self cost (flat) and inclusive cost (iid's own functions) from a `perf record -g` file."""
    def rows(children):
        argv = ["perf", "report", "-i", data, "--stdio", "--sort", "symbol", "-g", "none", "--percent-limit",
                "1" if not children else "3", "--children" if children else "--no-children"]
        r = subprocess.run(argv, capture_output=True, text=True)
        out = []
        for line in r.stdout.splitlines():
            m = (re.match(r"^\s*([\d.]+)%\s+([\d.]+)%\s+\[[.k]\]\s+(.*)$", line) if children
                 else re.match(r"^\s*([\d.]+)%\s+\[[.k]\]\s+(.*)$", line))
            if m:
                # perf adds two more columns ("-  -") after the symbol on some versions
                out.append((float(m.group(1)), re.sub(r"\s+-\s+-\s*$", "", m.group(m.lastindex)).strip()))
        names = demangle([n for _, n in out])
        return [(p, n.strip()) for (p, _), n in zip(out, names)]
    flat = rows(False)
    incl = [(p, n) for p, n in rows(True) if any(re.search(pat, n) for pat in INCLUSIVE_PATTERNS)]
    seen, inclusive = set(), []
    for p, n in incl:
        if n not in seen:
            seen.add(n)
            inclusive.append({"percent": p, "function": n[:150]})
    return {"self": [{"percent": p, "function": n[:150]} for p, n in flat[:top]], "inclusive": inclusive[:14]}


def profile_iictl(ctx, bins, events=100_000):
    log(f"profiling iictl pending --json ({events:,} events) with perf")
    home = log_home(ctx, events)
    env = {"PATH": "/usr/bin:/bin", "HOME": home, "XDG_RUNTIME_DIR": home + "/run", "TZ": "UTC", "LANG": "C.UTF-8"}
    data = os.path.join(ctx.root, "perf.iictl")
    subprocess.run(["perf", "record", "-q", "-F", "2000", "-g", "-o", data, bins["iictl"], "pending", "--json"],
                   env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    return perf_report(data)


def profile_memory(ctx, bins, events=100_000, top=6):
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
    d = Daemon(dict(bins, iid=wrapper), home, os.path.join(home, "record.txt"), tag="heaptrack")
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
    d.proc.wait(120)
    d.stop()
    files = [os.path.join(ctx.root, n) for n in os.listdir(ctx.root) if n.startswith("heaptrack.iid")]
    if not files:
        return {"error": "heaptrack wrote no data"}
    text = subprocess.run(["heaptrack_print", "-f", files[0], "--print-peaks", "1", "--print-allocators", "0",
                           "--print-temporary", "0", "--print-leaks", "0", "-n", "1", "-s", str(top)],
                          capture_output=True, text=True).stdout
    text = subprocess.run(["swift", "demangle", "--simplified"], input=text, capture_output=True, text=True).stdout
    out = {"peak_heap": None, "consumers": []}
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


def profile_start(ctx, bins, events=100_000):
    log(f"profiling iid from start to READY=1 with {events:,} events with perf")
    home = log_home(ctx, events)
    data = os.path.join(ctx.root, "perf.start")
    wrapper = os.path.join(ctx.root, "iid-under-perf")
    with open(wrapper, "w") as f:
        f.write(f'#!/bin/sh\nexec perf record -q -F 2000 -g -o {data} {bins["iid"]} "$@"\n')
    os.chmod(wrapper, 0o755)
    d = Daemon(dict(bins, iid=wrapper), home, os.path.join(home, "record.txt"), tag="perf")
    d.start(timeout=600)
    d.stop()  # ends iid itself, so that perf writes its data and exits on its own
    return perf_report(data)


def profile_reaction(ctx, bins, events=100_000, appends=5):
    log(f"profiling the reaction to {appends} appends with {events:,} events loaded with perf")
    home = log_home(ctx, events)
    sizes = event_file_sizes(home)
    d = Daemon(bins, home, os.path.join(home, "record.txt"), tag="perf")
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


def profile_lateness(ctx, bins, count=20, spacing_ms=200):
    """Where the time between the timer and the reminder command goes: a syscall trace (perf trace) of
    `count` deliveries, cut into stages by the daemon's own system calls."""
    log(f"tracing {count} deliveries with perf trace")
    home = make_home(ctx.root, "lateness-trace", ctx.c["recorder"])
    record = os.path.join(home, "record.txt")
    trace = os.path.join(ctx.root, "perf.trace")
    base = (now_ns() // 1_000_000) * 1_000_000 + 3 * NS
    due = {}
    lines = []
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
    d = Daemon(dict(bins, iid=wrapper), home, record, tag="trace")
    d.start()
    time.sleep(max(0, (base + count * spacing_ms * 1_000_000 - now_ns()) / NS + 1))
    d.stop()
    late = [(t - due[tag]) / 1e6 for t, tag in read_records(record) if tag in due]
    # lines: "  1234.567 ( 0.012 ms): comm/tid name(args) = ret"; a call cut in two comes back "[continued]"
    calls = []
    timer_fd = None
    with open(trace, errors="replace") as f:
        for line in f:
            m = re.match(r"^\s*([\d.]+) \(.*?\): (.*?)/(\d+) (\w+)\((.*)$", line)
            if not m or "[continued]" in line:
                continue
            t, comm, name, args = float(m.group(1)), m.group(2), m.group(4), m.group(5)
            if name == "timerfd_settime" and "flags: 3" in args and timer_fd is None:
                timer_fd = re.search(r"ufd: (\d+)", args).group(1)
            calls.append((t, comm, name, args))
    stages = {"timer read → pipes made (wake: decide, build the message, start the delivery task)": [],
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
    return {"deliveries": count, "lateness_ms_under_trace": stats(late),
            "stages_ms": {k: stats(v) for k, v in stages.items()}}


# ---------------------------------------------------------------------------------------------------
# Report


def f1(x, nd=1):
    return "—" if x is None else f"{x:,.{nd}f}"


def _find(rows, lo, hi):
    return next((r for r in rows or [] if lo <= r["events"] < hi), None)


def targets(res):
    iid = res.get("iid", {})
    out = []

    def add(name, target, value, unit, met, why=""):
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
    mem = {m["contacts"]: m for m in iid.get("memory") or []}
    if 10000 in mem:
        why = f"{mem[0]['rss_kb'] / 1024:.1f} MB with no contacts at all" if 0 in mem else ""
        floors = iid.get("swift_floors_kb") or {}
        if floors:
            why += ("; " if why else "") + "static Swift floors: " + ", ".join(
                f"{k} {v / 1024:.1f} MB" for k, v in floors.items() if v)
        add("RSS, 10,000 contacts", "< 15 MB", mem[10000]["rss_kb"] / 1024, "MB", mem[10000]["rss_kb"] < 15 * 1024, why)
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
    if iid.get("iictl"):
        ic = iid["iictl"]["pending_10k"]["ms"]["median"]
        add("iictl pending --json, 10,000 contacts", "< 50 ms", ic, "ms", ic < 50,
            f"--version alone takes {iid['iictl']['version']['ms']['median']:.1f} ms; each run reads, parses and "
            "plans the whole log")
    stopped = res.get("stopped", {}).get("iid")
    if stopped:
        add("reminder due while stopped", "delivered on start", "yes" if stopped["delivered"] else "no", "",
            stopped["delivered"])
    return out


def render(res):
    L = []
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

    def row(label, s):
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
            L.append(f"  {v:8} --version {ic['version']['ms']['median']:6.1f}   pending --json: 0 contacts "
                     f"{ic['pending_0']['ms']['median']:6.1f}, 10,000 contacts "
                     f"{ic['pending_10k']['ms']['median']:7.1f} ({ic['pending_10k']['tasks']:,} tasks, "
                     f"max RSS {ic['pending_10k']['max_rss_kb'] / 1024:.0f} MB)")
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


def ratios(res):
    out = []
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


# ---------------------------------------------------------------------------------------------------


class Ctx:
    pass


SECTIONS = ["lateness", "memory", "replay", "iictl", "static", "idle", "peers", "stopped"]


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--quick", action="store_true", help="iid only, 10 s idle window, no minute-long peer runs")
    ap.add_argument("--idle", type=float, help="idle window in seconds (default 60; 10 with --quick)")
    ap.add_argument("--count", type=int, default=200, help="reminders for the lateness run (200)")
    ap.add_argument("--spacing-ms", type=int, default=50, help="time between those reminders (50 ms)")
    ap.add_argument("--peer-minutes", type=int, default=3, help="peer lateness samples, one per minute (3)")
    ap.add_argument("--stop-seconds", type=float, help="how long each tool is stopped (80; 5 with --quick)")
    ap.add_argument("--runs", type=int, default=5, help="runs of each start-up and iictl timing (5)")
    ap.add_argument("--reaction-reps", type=int, default=10, help="appends per reaction measurement (10)")
    ap.add_argument("--no-peers", action="store_true", help="leave out remind, calcurse and at")
    ap.add_argument("--no-static", action="store_true", help="skip the --static-swift-stdlib variant")
    ap.add_argument("--only", help="comma-separated sections: " + ",".join(SECTIONS))
    ap.add_argument("--profile", choices=["auto", "always", "never"], default=None,
                    help="profile missed targets with perf (default: auto in the full run, never with --quick)")
    ap.add_argument("--skip-build", action="store_true", help="use the binaries already built")
    ap.add_argument("--json", default=os.path.join(BENCH, "results.json"), help="where to write the results")
    ap.add_argument("--keep", action="store_true", help="keep the scratch folder")
    args = ap.parse_args()
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
    ctx = Ctx()
    ctx.args = args
    ctx.notes = []
    ctx.homes = {}
    ctx.reaction_seq = 0
    # Each appended meeting starts a minute before the last one, so that the next reminder always moves.
    ctx.reaction_base = math.floor(time.time()) + 2 * DAY + 6 * 3600
    ctx.root = tempfile.mkdtemp(prefix="iid-bench-")
    os.chmod(ctx.root, 0o700)
    res = {"date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
           "command": " ".join(["python3", "bench/run.py"] + sys.argv[1:]), "mode": "quick" if quick else "full",
           "machine": machine()}
    try:
        if with_peers and only & {"idle", "peers", "stopped"}:
            res["peer_versions"] = ensure_peers()
        if args.skip_build:
            bindir = os.path.join(REPO, SCRATCH, "release")
            ctx.bins = {"iid": os.path.join(bindir, "iid"), "iictl": os.path.join(bindir, "iictl"),
                        "build": f"swift build -c release --scratch-path {SCRATCH}"}
        else:
            ctx.bins = build(False)
        res["build"] = ctx.bins["build"]
        static_bins = None
        if "static" in only:
            if args.skip_build:
                bindir = os.path.join(REPO, SCRATCH_STATIC, "release")
                if os.path.exists(os.path.join(bindir, "iid")):
                    static_bins = {"iid": os.path.join(bindir, "iid"), "iictl": os.path.join(bindir, "iictl"),
                                   "build": f"swift build -c release --scratch-path {SCRATCH_STATIC} "
                                            "--static-swift-stdlib"}
            else:
                static_bins = build(True)
        ctx.c = compile_c(ctx.root)

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
            prof = {}
            every = profile == "always"
            jobs = [("lateness", "iid lateness: syscall trace (perf trace)", lambda: profile_lateness(ctx, ctx.bins)),
                    ("start", "iid start → READY=1, 100,000 events (perf record)", lambda: profile_start(ctx, ctx.bins)),
                    ("reaction", "iid reaction to an append, 100,000 events (perf record)",
                     lambda: profile_reaction(ctx, ctx.bins)),
                    ("iictl", "iictl pending --json, 10,000 contacts (perf record)",
                     lambda: profile_iictl(ctx, ctx.bins))]
            for prefix, title, job in jobs:
                if every or any(n.startswith(prefix) for n in missed):
                    try:
                        prof[title] = job()
                    except (OSError, subprocess.CalledProcessError, RuntimeError, subprocess.TimeoutExpired) as e:
                        prof[title] = {"error": f"{type(e).__name__}: {e}"}
            if every or any(n.startswith("RSS") for n in missed):
                try:
                    prof["iid heap once ready, 100,000 events (heaptrack)"] = profile_memory(ctx, ctx.bins)
                except (OSError, subprocess.CalledProcessError, RuntimeError, subprocess.TimeoutExpired) as e:
                    prof["iid heap once ready, 100,000 events (heaptrack)"] = {"error": f"{type(e).__name__}: {e}"}
            res["profiles"] = prof
            mem = iid.get("memory")
            if mem and (every or any(n.startswith("RSS") for n in missed)):
                res["memory_note"] = "memory (VmRSS by mapping, from /proc/PID/smaps): " + "; ".join(
                    f"{m['contacts']:,} contacts: " + ", ".join(f"{n} {kb / 1024:.1f} MB" for n, kb in m["largest"][:4])
                    for m in mem)
                rep = iid.get("replay") or []
                if len(rep) >= 2:
                    a, b = rep[-2], rep[-1]
                    per = (b["rss_kb_at_ready"] - a["rss_kb_at_ready"]) * 1024 / (b["events"] - a["events"])
                    res["memory_note"] += f"; at READY the daemon grows by {per:,.0f} bytes per event in the log"
        res["notes"] = ctx.notes + [
            f"iid's lateness reminders are {args.spacing_ms} ms apart: reminders due in the same wake-up "
            "(more than 3 on a channel, or more than 1 when late) are folded into one digest",
        ] + (["peers have minute resolution, so they get one reminder per minute; they ran side by side"]
             if "peers" in only else [])
        res["duration_s"] = time.time() - started
        res["machine"]["loadavg_at_end"] = os.getloadavg()[0]
    finally:
        stop_everything()
        At.cleanup()
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


if __name__ == "__main__":
    main()
