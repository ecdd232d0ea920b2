"""One iid daemon in its own HOME, and its control socket."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import threading
import time
from typing import Any, Optional

from .context import Bins, Running


def control(home: str, request: str = "status", timeout: float = 5.0) -> Any:
    """One request on iid's control socket: the status as a dict, anything else as text."""
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


class Daemon:
    """One iid in its own HOME, with a NOTIFY_SOCKET bound here (READY=1 and STATUS= arrive on it)."""

    def __init__(self, bins: Bins, home: str, recorder_out: str, running: Running, log_level: str = "info",
                 tag: str = "iid") -> None:
        self.bins, self.home, self.log_level = bins, home, log_level
        self.running = running
        self.record = recorder_out
        self.log_path = os.path.join(home, f"{tag}.log")
        self.proc: Optional[subprocess.Popen[bytes]] = None
        self.sock: Optional[socket.socket] = None
        self.closing = False
        self.messages: list[tuple[float, str]] = []  # (monotonic time, datagram) from the notify socket
        self.ready_at: Optional[float] = None
        self.ready = threading.Event()

    def env(self) -> dict[str, str]:
        return {"PATH": "/usr/bin:/bin:/usr/sbin:/sbin", "HOME": self.home, "XDG_RUNTIME_DIR": self.home + "/run",
                "NOTIFY_SOCKET": self.home + "/notify.sock", "TZ": "UTC", "LANG": "C.UTF-8",
                "BENCH_RECORD": self.record}

    def _drain(self, sock: socket.socket) -> None:
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

    def start(self, timeout: float = 300) -> float:
        """Starts iid; the seconds from its start to READY=1."""
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
        self.running.add(self)
        deadline = t0 + timeout
        while not self.ready.wait(0.05):
            if self.proc.poll() is not None:
                raise RuntimeError(f"iid exited with {self.proc.returncode}; see {self.log_path}")
            if time.monotonic() > deadline:
                raise RuntimeError(f"iid not ready after {timeout} s; see {self.log_path}")
        return self.ready_at - t0

    @property
    def pid(self) -> int:
        assert self.proc is not None
        return self.proc.pid

    def status(self) -> dict[str, Any]:
        return control(self.home)

    def stop(self) -> None:
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
        self.running.discard(self)

    def log_text(self) -> str:
        with open(self.log_path, errors="replace") as f:
            return f.read()
