"""The peers: remind, calcurse and at, and iid itself, behind one interface for the side-by-side runs.

Each Tool gets its own folder as HOME, adds a reminder (`add(due, tag)` returns the tag its reminder
command will be run with), starts and stops, and reports its deliveries from the recorder's file.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import time
from typing import Optional

from .context import Context
from .daemon import Daemon
from .homes import append_lines, events_dir, make_home
from .util import iso, log, read_records


class Tool:
    name = "?"
    proc: Optional[subprocess.Popen[bytes]] = None  # the peer's process, for those that run one in the foreground

    def __init__(self, ctx: Context, phase: str) -> None:
        self.ctx = ctx
        self.dir = os.path.join(ctx.root, f"{self.name}-{phase}")
        os.makedirs(self.dir, exist_ok=True)
        self.record = os.path.join(self.dir, "record.txt")

    def env(self) -> dict[str, str]:
        return {"PATH": "/usr/bin:/bin:/usr/sbin:/sbin", "HOME": self.dir, "TZ": "UTC", "LANG": "C.UTF-8",
                "SHELL": "/bin/sh", "BENCH_RECORD": self.record}

    def deliveries(self) -> list[tuple[int, str]]:
        """(ns, tag) of each reminder command run."""
        return read_records(self.record)

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            self.proc.wait(10)
        self.ctx.running.discard(self)

    def pids(self) -> list[int]:
        return [self.proc.pid]


class IIDTool(Tool):
    name = "iid"

    def __init__(self, ctx: Context, phase: str) -> None:
        super().__init__(ctx, phase)
        self.home = make_home(ctx.root, f"iid-{phase}", ctx.recorder)
        self.record = os.path.join(self.home, "record.txt")
        self.daemon = Daemon(ctx.bins, self.home, self.record, ctx.running, tag="iid")
        self.n = 0

    def add(self, due: float, tag: str) -> str:
        self.n += 1
        c = f"{tag}{self.n}"
        append_lines(self.home, ['{"id":"%s-a","at":"%s","type":"added","contact":"%s","name":"%s"}'
                                 % (c, iso(time.time() - 60), c, tag),
                                 '{"id":"%s-r","at":"%s","type":"requested","contact":"%s"}' % (c, iso(due), c)])
        return f"{c}.follow-up"

    def start(self) -> None:
        self.daemon.start()

    def stop(self) -> None:
        self.daemon.stop()

    def pids(self) -> list[int]:
        return [self.daemon.pid]

    def watched(self) -> str:
        return events_dir(self.home)


class Remind(Tool):
    name = "remind"

    def __init__(self, ctx: Context, phase: str) -> None:
        super().__init__(ctx, phase)
        self.file = os.path.join(self.dir, "reminders.rem")
        # Kept open: our own edits must not show up as the tool opening its file.
        self.fh = open(self.file, "a")

    def add(self, due: float, tag: str) -> str:
        t = time.gmtime(due)
        self.fh.write(f"REM {time.strftime('%Y-%m-%d', t)} AT {time.strftime('%H:%M', t)} MSG {tag}\n")
        self.fh.flush()
        return tag

    def start(self) -> None:
        logf = open(os.path.join(self.dir, "remind.log"), "a")
        self.proc = subprocess.Popen(["remind", "-z", f"-k{self.ctx.recorder} %s", self.file],
                                     env=self.env(), stdout=logf, stderr=logf, cwd=self.dir)
        logf.close()
        self.ctx.running.add(self)
        time.sleep(0.3)

    def watched(self) -> str:
        return self.file


class Calcurse(Tool):
    name = "calcurse"

    def __init__(self, ctx: Context, phase: str) -> None:
        super().__init__(ctx, phase)
        self.apts = os.path.join(self.dir, "apts")
        self.fh = open(self.apts, "a")  # kept open, as for remind
        with open(os.path.join(self.dir, "conf"), "w") as f:
            # warning=0: notify as late as calcurse can, not five minutes early (the default 300).
            f.write(f"notification.command={ctx.recorder} calcurse\nnotification.warning=0\n"
                    "notification.notifyall=all\ndaemon.enable=yes\ndaemon.log=yes\n")
        self.pid: Optional[int] = None

    def add(self, due: float, tag: str) -> str:
        a = time.strftime("%m/%d/%Y @ %H:%M", time.gmtime(due))
        b = time.strftime("%m/%d/%Y @ %H:%M", time.gmtime(due + 600))
        self.fh.write(f"{a} -> {b} !|{tag}\n")
        self.fh.flush()
        return tag

    def start(self) -> None:
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
                    self.ctx.running.add(self)
                    return
            except (OSError, ValueError):
                pass
            time.sleep(0.05)
        raise RuntimeError("calcurse --daemon did not start")

    def stop(self) -> None:
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
        self.ctx.running.discard(self)

    def pids(self) -> list[int]:
        return [self.pid]

    def watched(self) -> str:
        return self.apts

    def deliveries(self) -> list[tuple[int, str]]:
        # The command gets no argument: daemon.log says which appointment each launch was for, in order.
        recs = read_records(self.record)
        tags: list[str] = []
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

    def add(self, due: float, tag: str) -> str:
        stamp = time.strftime("%Y%m%d%H%M", time.gmtime(due))
        r = subprocess.run(["at", "-t", stamp], input=f"{self.ctx.recorder} {tag}\n", env=self.env(),
                           capture_output=True, text=True, cwd=self.dir)
        m = re.search(r"job (\d+) at", r.stderr)
        if not m:
            raise RuntimeError("at: " + r.stderr.strip())
        self.ctx.at_jobs.append(m.group(1))  # for the final clean-up
        return tag

    def start(self) -> None:
        logf = open(os.path.join(self.dir, "atd.log"), "a")
        self.proc = subprocess.Popen(["/usr/sbin/atd", "-f"], env=self.env(), stdout=logf, stderr=logf)
        logf.close()
        self.ctx.running.add(self)
        time.sleep(0.3)
        if self.proc.poll() is not None:
            raise RuntimeError("atd exited at once (another atd running?)")

    def watched(self) -> str:
        return SPOOL

    @staticmethod
    def cleanup(ctx: Context) -> None:
        """Removes every job an At made in this run, fired or not."""
        if ctx.at_jobs:
            subprocess.run(["atrm"] + ctx.at_jobs, capture_output=True)
            ctx.at_jobs.clear()


def atd_running() -> bool:
    """Another atd would run our jobs as well, and the figures would be its."""
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


def peer_classes(ctx: Context) -> list[type[Tool]]:
    out: list[type[Tool]] = [Remind, Calcurse]
    if atd_running():
        log("an atd is already running on this machine: at is left out (it would run our jobs meanwhile)")
        ctx.notes.append("at left out: an atd was already running")
    else:
        out.append(At)
    return out


def lateness_of(tool: Tool, due_by_tag: dict[str, int], tags: set[str]) -> dict[str, float]:
    """ms from due to delivery, for the first delivery of each tag in tags."""
    out: dict[str, float] = {}
    for t, tag in tool.deliveries():
        if tag in tags and tag not in out:
            out[tag] = (t - due_by_tag[tag]) / 1e6
    return out
