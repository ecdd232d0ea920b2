"""Reading the tools' output: /proc/PID/smaps, perf report, heaptrack_print, perf trace, calcurse's log."""

from __future__ import annotations

import argparse
import os
import shutil
import tempfile
import unittest

from iidbench.context import Context
from iidbench.peers import Calcurse, Tool, lateness_of
from iidbench.procfs import parse_smaps
from iidbench.profile import parse_heaptrack, parse_perf_report, parse_trace, summarize_perf, trace_stages

SMAPS = """\
55d0c0a00000-55d0c0b00000 r-xp 00000000 08:01 1234   /usr/local/bin/iid
Size:               1024 kB
Rss:                 900 kB
55d0c0c00000-55d0c0d00000 r--p 00100000 08:01 1234   /usr/local/bin/iid
Rss:                 100 kB
55d0c1000000-55d0c2000000 rw-p 00000000 00:00 0      [heap]
Rss:                4000 kB
7f0000000000-7f0000100000 rw-p 00000000 00:00 0
Rss:                 300 kB
7f0000200000-7f0000300000 r-xp 00000000 08:01 99     /usr/lib/x86_64-linux-gnu/libc.so.6
Rss:                 600 kB
7ffd00000000-7ffd00021000 rw-p 00000000 00:00 0      [stack]
Rss:                  12 kB
"""

PERF_FLAT = """\
# Overhead  Symbol
# ........  ......................................
#
    31.25%  [.] $s7IIDCore14EventLogParserV5parseyS2SF
     9.50%  [k] clear_page_erms
     2.00%  [.] swift_retain  -  -
#
# (Tip: ...)
"""

PERF_CHILDREN = """\
# Children      Self  Symbol
    80.00%     0.00%  [.] main
    60.00%     1.00%  [.] IIDCore.EventLogParser.parse(_:)
    60.00%     0.50%  [.] IIDCore.EventLogParser.parse(_:)
    20.00%     5.00%  [.] IIDCore.Planner.plan(at:)  -  -
"""

HEAPTRACK = """\
reading file "heaptrack.iid.123.zst" - please wait, this might take some time...
MOST MEMORY CONSUMED
12.50M consumed over 20000 calls from:
    swift_slowAlloc
      at /build/swift/stdlib/public/runtime/Heap.cpp:93
      in /usr/lib/swift/linux/libswiftCore.so
    IIDCore.EventStore.load()
      at /work/iid/Sources/IIDCore/EventStore.swift:42
      in /work/iid/.build-bench/release/iid
512K consumed over 10 calls from:
    malloc
      in /lib/x86_64-linux-gnu/libc.so.6
800 consumed over 2 calls from:
    IIDCore.Ledger.load()
      at /work/iid/Sources/IIDCore/Ledger.swift:7
total runtime: 1.00s.
peak heap memory consumption: 14.20M
peak RSS (including heaptrack overhead): 30.00M
"""

# Two deliveries, and a wake-up in between that spawned nothing (a digest was due later).
TRACE = """\
     0.000 ( 0.004 ms): iid/100 timerfd_settime(ufd: 7, flags: 1, utmr: 0x1) = 0
     0.010 ( 0.004 ms): iid/100 timerfd_settime(ufd: 5, flags: 3, utmr: 0x1) = 0
  1000.000 ( 0.002 ms): iid/100 read(fd: 5, buf: 0x7ffd, count: 8) = 8
  1000.100 ( 0.003 ms): iid/101 pipe2(fildes: 0x7f00, flags: CLOEXEC) = 0
  1000.150 ( 0.020 ms): iid/101 clone3(uargs: 0x7f00, size: 88) = 102
  1000.200 ( 0.050 ms): iid/101 clone3(uargs: 0x7f00, size: 88) = 103
  1000.500 (         ): iid/103 execve(filename: "/tmp/recorder") ...
  1000.600 ( 0.001 ms): iid/100 read(fd: 9, buf: 0x7ffd, count: 4096) = 12
  1050.000 ( 0.002 ms): iid/100 read(fd: 5, buf: 0x7ffd, count: 8) = 8
  1060.000 ( 0.002 ms): iid/100 read(fd: 5, buf: 0x7ffd, count: 8) = 8
  1060.050 ( 0.003 ms): iid/101 pipe2(fildes: 0x7f00, flags: CLOEXEC) = 0
  1060.060 ( 0.003 ms): iid/101 ... [continued]: clone3()) = 104
  1060.150 ( 0.020 ms): iid/101 clone3(uargs: 0x7f00, size: 88) = 104
  1060.400 (         ): iid/104 execve(filename: "/tmp/recorder") ...
"""


class Smaps(unittest.TestCase):

    def test_resident_by_mapping_largest_first(self) -> None:
        self.assertEqual(parse_smaps(SMAPS.splitlines(True)),
                         [("[heap]", 4000), ("iid", 1000), ("libc.so.6", 600), ("[anon]", 300), ("[stack]", 12)])

    def test_top(self) -> None:
        self.assertEqual(parse_smaps(SMAPS.splitlines(True), top=2), [("[heap]", 4000), ("iid", 1000)])

    def test_empty(self) -> None:
        self.assertEqual(parse_smaps([]), [])


class Perf(unittest.TestCase):

    def test_flat_rows(self) -> None:
        self.assertEqual(parse_perf_report(PERF_FLAT, children=False),
                         [(31.25, "$s7IIDCore14EventLogParserV5parseyS2SF"), (9.5, "clear_page_erms"),
                          (2.0, "swift_retain")])

    def test_children_rows_take_the_first_percent(self) -> None:
        self.assertEqual(parse_perf_report(PERF_CHILDREN, children=True),
                         [(80.0, "main"), (60.0, "IIDCore.EventLogParser.parse(_:)"),
                          (60.0, "IIDCore.EventLogParser.parse(_:)"), (20.0, "IIDCore.Planner.plan(at:)")])

    def test_flat_text_has_no_children_rows(self) -> None:
        self.assertEqual(parse_perf_report(PERF_FLAT, children=True), [])

    def test_summary_keeps_iid_functions_once(self) -> None:
        flat = [(31.25, "parse"), (9.5, "clear_page_erms"), (2.0, "swift_retain")]
        children = parse_perf_report(PERF_CHILDREN, children=True)
        self.assertEqual(summarize_perf(flat, children, top=2), {
            "self": [{"percent": 31.25, "function": "parse"}, {"percent": 9.5, "function": "clear_page_erms"}],
            "inclusive": [{"percent": 60.0, "function": "IIDCore.EventLogParser.parse(_:)"},
                          {"percent": 20.0, "function": "IIDCore.Planner.plan(at:)"}]})

    def test_long_names_are_cut(self) -> None:
        s = summarize_perf([(1.0, "x" * 200)], [])
        self.assertEqual(len(s["self"][0]["function"]), 150)


class Heaptrack(unittest.TestCase):

    def test_peak_and_consumers_named_by_the_first_frame_in_sources(self) -> None:
        self.assertEqual(parse_heaptrack(HEAPTRACK), {"peak_heap": "14.20M", "consumers": [
            {"mb": 12.5, "calls": 20000, "function": "IIDCore.EventStore.load()"},
            {"mb": 0.51, "calls": 10, "function": "?"},
            {"mb": 0.0, "calls": 2, "function": "IIDCore.Ledger.load()"}]})

    def test_nothing(self) -> None:
        self.assertEqual(parse_heaptrack(""), {"peak_heap": None, "consumers": []})


class Trace(unittest.TestCase):

    def test_calls_and_the_timer_fd(self) -> None:
        calls, fd = parse_trace(TRACE.splitlines(True))
        self.assertEqual(fd, "5")  # the absolute timer (flags: 3), not the first one set
        self.assertEqual(len(calls), 13)  # the "[continued]" line is left out
        self.assertEqual(calls[2], (1000.0, "iid", "read", "fd: 5, buf: 0x7ffd, count: 8) = 8"))

    def test_stages_of_each_complete_delivery(self) -> None:
        stages = trace_stages(*parse_trace(TRACE.splitlines(True)))
        rounded = {k: [round(x, 3) for x in v] for k, v in stages.items()}
        # the wake-up at 1050 ms spawned nothing: left out; the last clone3 before the execve is the spawn
        self.assertEqual(list(rounded.values()), [[0.1, 0.05], [0.1, 0.1], [0.3, 0.25]])
        self.assertTrue(next(iter(rounded)).startswith("timer read → pipes made"))

    def test_no_timer_no_stages(self) -> None:
        stages = trace_stages([(1.0, "iid", "read", "fd: 5, count: 8) = 8")], None)
        self.assertEqual([len(v) for v in stages.values()], [0, 0, 0])


class Deliveries(unittest.TestCase):

    def setUp(self) -> None:
        self.root = tempfile.mkdtemp(prefix="iidbench-test-")
        self.ctx = Context(args=argparse.Namespace(), root=self.root, reaction_base=0,
                           programs={"recorder": "/bin/true", "floor": "/bin/true"})

    def tearDown(self) -> None:
        shutil.rmtree(self.root)

    def test_calcurse_launches_are_named_from_its_log_in_order(self) -> None:
        t = Calcurse(self.ctx, "test")
        t.fh.close()  # kept open for the tool's whole run; not needed here
        with open(t.record, "w") as f:
            f.write("100.5 calcurse\n160.25 calcurse\n220 calcurse\n")
        with open(os.path.join(t.dir, "daemon.log"), "w") as f:
            f.write('Tue 12:00:00 launching notification at [12:01] for: "|L0"\n'
                    "Tue 12:00:30 something else\n"
                    'Tue 12:01:00 launching notification at [12:02] for: "E"\n')
        self.assertEqual(t.deliveries(), [(100_500_000_000, "L0"), (160_250_000_000, "E"), (220_000_000_000, "?")])
        with open(os.path.join(t.dir, "conf")) as f:
            self.assertIn("notification.command=/bin/true calcurse\n", f.read())

    def test_lateness_of_takes_the_first_delivery_of_each_tag(self) -> None:
        class Fake(Tool):
            name = "fake"

            def deliveries(self) -> list[tuple[int, str]]:
                return [(1_002_000_000, "a"), (1_500_000_000, "a"), (1_999_000_000, "b"), (5, "other")]

        got = lateness_of(Fake(self.ctx, "test"), {"a": 1_000_000_000, "b": 2_000_000_000, "c": 0}, {"a", "b", "c"})
        self.assertEqual(got, {"a": 2.0, "b": -1.0})


if __name__ == "__main__":
    unittest.main()
