"""When a tool reads its data file again after an edit: inotify, through ctypes (no third-party module)."""

from __future__ import annotations

import ctypes
import os
import select
import struct
import threading
from typing import Optional, Sequence

from .util import now_ns


class FileWatch:
    """inotify (through ctypes) on files or folders: the times at which each was opened or read."""

    IN_ACCESS, IN_OPEN, IN_ISDIR = 0x1, 0x20, 0x40000000

    def __init__(self, paths: Sequence[str]) -> None:
        self.libc = ctypes.CDLL(None, use_errno=True)
        self.fd: int = self.libc.inotify_init1(os.O_NONBLOCK | os.O_CLOEXEC)
        self.wds: dict[int, str] = {}
        self.events: dict[str, list[tuple[int, int, str]]] = {p: [] for p in paths}
        for p in paths:
            wd = self.libc.inotify_add_watch(self.fd, p.encode(), self.IN_OPEN | self.IN_ACCESS)
            if wd >= 0:
                self.wds[wd] = p
        self.stop = False
        self.thread = threading.Thread(target=self.run, daemon=True)
        self.thread.start()

    def run(self) -> None:
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

    def first_open_after(self, path: str, t_ns: int, dir_only: bool = False) -> Optional[int]:
        """The first open of path at or after t_ns; with dir_only, of the folder itself (atd's spool)."""
        for t, mask, name in self.events.get(path, []):
            if t < t_ns or not mask & self.IN_OPEN:
                continue
            if dir_only and not (mask & self.IN_ISDIR and not name):
                continue
            return t
        return None

    def close(self) -> None:
        self.stop = True
        self.thread.join()
        os.close(self.fd)
