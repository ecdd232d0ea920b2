"""The report: the table, targets and ratios, on the committed results and on a small fixed input.

The committed bench/results.json holds the table its run printed ("table"), so rendering its figures
again must give that table back, character for character; the small input pins the table's layout
and the targets' verdicts where the committed run has nothing to show (a missed p99, a peer's ratio,
a failed profile).
"""

from __future__ import annotations

import copy
import json
import os
import unittest
from typing import Any

from iidbench import measure, report

RESULTS = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "results.json")


def s(n: int, mn: float, med: float, p99: float, mx: float) -> dict[str, float]:
    return {"n": n, "min": mn, "median": med, "p99": p99, "max": mx, "mean": med}

def small() -> dict[str, Any]:
    """A quick run's results, cut down: iid alone, one log size, one peer in the lateness and idle runs."""
    return {
        "date": "2026-01-02 03:04 UTC", "command": "python3 bench/run.py --quick", "mode": "quick",
        "machine": {"nproc": 2, "cpu": "Test CPU", "kernel": "6.1.0", "memory": "3.8 GiB", "os": "Debian 12",
                    "swift": "Swift version 6.0", "python": "3.11.2"},
        "build": "swift build -c release --scratch-path .build-bench",
        "iid": {
            "lateness": {"reminders": 3, "spacing_ms": 50, "ready_s": 0.1, "delivered": 3, "digests": 2,
                         "delivered_total": 3, "ms": s(3, 0.25, 0.5, 6.125, 6.125)},
            "floor": {"timer_only_ms": s(3, 0.01, 0.02, 0.03, 0.03), "ms": s(3, 0.3, 0.4, 0.5, 0.5)},
            "memory": [{"contacts": 0, "events": 0, "rss_kb": 8192, "hwm_kb": 8192,
                        "largest": [["iid", 4096], ["[heap]", 2048]]},
                       {"contacts": 10000, "events": 100012, "rss_kb": 20480, "hwm_kb": 21000,
                        "largest": [["[heap]", 12288], ["iid", 4096], ["libc.so.6", 1024]]}],
            "swift_floors_kb": {"stdlib only": 1536, "Foundation linked": None},
            "replay": [{"events": 100012, "contacts": 10000, "pending": 9000,
                        "ready_ms": s(5, 800.0, 850.0, 900.0, 900.0), "rss_kb_at_ready": 20480,
                        "reaction": {"appends": 10, "internal_ms": s(10, 10.0, 12.5, 60.0, 60.0),
                                     "logged_ms": s(10, 10.0, 12.5, 60.0, 60.0),
                                     "end_to_end_socket_ms": s(5, 11.0, 13.0, 20.0, 20.0),
                                     "end_to_end_iictl_ms": None,
                                     "iictl_status_failures": ["iictl: timed out"]}}],
            "iictl": {"version": {"ms": s(5, 5.0, 5.5, 6.0, 6.0), "max_rss_kb": 4096},
                      "pending_0": {"ms": s(5, 6.0, 6.5, 7.0, 7.0), "max_rss_kb": 5120},
                      "pending_1k": {"ms": s(5, 30.0, 31.5, 33.0, 33.0), "max_rss_kb": 10240},
                      "pending_10k": {"ms": s(5, 40.0, 45.25, 50.0, 50.0), "max_rss_kb": 30720, "tasks": 12345}},
        },
        "idle": {"window_s": 10.0, "tools": {
            "iid": {"voluntary": 0, "involuntary": 1, "cpu_ns": 1000, "threads": 3, "woken_threads": {"iid/7": 1},
                    "threads_gone": [], "per_minute": 6.0, "cpu_ms_per_minute": 0.006, "rss_kb": 10240},
            "remind": {"voluntary": 10, "involuntary": 0, "cpu_ns": 50000, "threads": 1, "woken_threads": {},
                       "threads_gone": [], "per_minute": 60.0, "cpu_ms_per_minute": 0.3, "rss_kb": 2048}}},
        "peer_lateness": {"remind": {"ms": s(3, 900.0, 1000.0, 1100.0, 1100.0), "samples": {},
                                     "edit": {"noticed_after_ms": 1500.0, "edited_reminder_fired": True,
                                              "edited_reminder_lateness_ms": 1000.0}}},
        "stopped": {"iid": {"due": "2026-01-02T03:05:00Z", "stopped_s": 5.0, "stopped_before_due_s": 2.0,
                            "delivered": True, "delivered_before_stop": False, "after_restart_ms": 150.0,
                            "late_ms": 3150.0}},
        "profiles": {"iid lateness: syscall trace (perf trace)": {"error": "OSError: perf not found"}},
        "notes": ["a note"],
    }


SMALL_TABLE = """\
iid benchmarks — 2026-01-02 03:04 UTC — 2 × Test CPU, Linux 6.1.0, 3.8 GiB, Debian 12
Swift version 6.0; build: swift build -c release --scratch-path .build-bench

Lateness: start of the reminder command − due time, ms (negative: early)
                                        n       min    median       p99       max
  iid (50 ms apart)                     3     0.250     0.500     6.125     6.125
  floor: C timer alone                  3     0.010     0.020     0.030     0.030
  floor: C timer + posix_spawn          3     0.300     0.400     0.500     0.500
  remind -z (1/minute)                  3   900.000  1000.000  1100.000  1100.000
  note: 2 reminders were folded into digests

Idle: 10 s, 1,000 contacts (peers: 1,000 reminders), next reminder hours away
                       wake-ups/min  CPU ms/min  threads  RSS MB
  iid                           6.0       0.006        3    10.0
  remind                       60.0       0.300        1     2.0
  (wake-ups: voluntary + involuntary context switches of all threads)

Memory: iid VmRSS once ready, MB
    contacts    dynamic
           0        8.0
      10,000       20.0
  largest parts, dynamic, 0 contacts: iid 4.0, [heap] 2.0
  largest parts, dynamic, 10,000 contacts: [heap] 12.0, iid 4.0, libc.so.6 1.0

Start → READY=1 (median), and reaction to one appended event (median)
      events  contacts  READY ms  µs/event  RSS MB  react ms  e2e sock  e2e iictl
     100,012    10,000       850      8.50    20.0     12.50     13.00          —
  react: the daemon's last_reaction_ms (inotify wake → events re-read, plan rebuilt, timer re-armed)
  e2e: append → the control socket (sock) or a whole `iictl status --json` (iictl) shows the new next_wake
  `iictl status` gave up (5 s) 1 time(s) while the daemon was busy re-planning

iictl as a whole process, ms (median)
  dynamic  --version    5.5   pending --json: 0 contacts    6.5, 1,000 contacts   31.5, 10,000 contacts    45.2 (12,345 tasks, max RSS 30 MB)

A reminder due while the tool was stopped
  iid        stopped 5 s, from 2 s before the due time: delivered 150 ms after restart

An edited data file: how soon is it read again, and does the reminder it adds fire?
  remind     1.5 s, fires: yes

iid against each peer
  remind    |median lateness| 1,000 ms vs 0.50 ms: 2,000× further from the due time; idle wake-ups 60.0 vs 6.0/min; RSS 2.0 vs 10.0 MB (iid 5.0×)

Targets
  met    lateness median                        target             < 1 ms, measured 0.50 ms
  MISSED lateness p99                           target             < 5 ms, measured 6.12 ms
         the floor (C timer + posix_spawn of the same recorder) is 0.40 ms median, 0.50 ms p99
  MISSED idle wake-ups                          target       0 per minute, measured 6.00 /min
         threads woken: iid/7 1
  met    RSS, 10,000 contacts                   target           <= 24 MB, measured 20.00 MB
  met    start→READY, 100,000 events            target          < 1000 ms, measured 850.00 ms
  met    reaction, 10,000 contacts              target            < 50 ms, measured 12.50 ms
  MISSED iictl --version                        target            <= 5 ms, measured 5.50 ms
  MISSED iictl pending --json, 1,000 contacts   target           <= 30 ms, measured 31.50 ms
         --version alone takes 5.5 ms; each run reads, parses and plans the whole log
  met    iictl pending --json, 10,000 contacts  target          <= 300 ms, measured 45.25 ms
  met    reminder due while stopped             target delivered on start, measured yes

Profiles of the missed targets
  iid lateness: syscall trace (perf trace): OSError: perf not found

note: a note"""


def with_verdicts(res: dict[str, Any]) -> dict[str, Any]:
    """What a run adds before it renders."""
    res["targets"] = report.targets(res)
    res["ratios"] = report.ratios(res)
    return res


class CommittedResults(unittest.TestCase):
    """bench/results.json, as the last full run wrote it."""

    path = RESULTS

    @classmethod
    def setUpClass(cls) -> None:
        with open(cls.path) as f:
            cls.res = json.load(f)

    def test_table_rendered_again_is_the_table_printed(self) -> None:
        self.assertEqual(report.render(self.res), self.res["table"])

    def test_targets_and_ratios_are_those_recorded(self) -> None:
        self.assertEqual(report.targets(self.res), self.res["targets"])
        self.assertEqual(report.ratios(self.res), self.res["ratios"])

    def test_memory_note_is_the_one_recorded(self) -> None:
        if "memory_note" not in self.res:
            self.skipTest("no memory target was missed in the committed run")
        self.assertEqual(report.memory_note(self.res["iid"]), self.res["memory_note"])


class CommittedMailResults(CommittedResults):
    """bench/results-mail.json, as the last run of the mail section alone (`--only mail`) wrote it."""

    path = os.path.join(os.path.dirname(RESULTS), "results-mail.json")


class CommittedIictlResults(CommittedResults):
    """bench/results-iictl.json, as the run of iictl and the static build alone wrote it."""

    path = os.path.join(os.path.dirname(RESULTS), "results-iictl.json")


class CommittedLightResults(CommittedResults):
    """bench/results-light.json: memory, replay and iictl, static build, no peers."""

    path = os.path.join(os.path.dirname(RESULTS), "results-light.json")


class SmallInput(unittest.TestCase):

    def test_table(self) -> None:
        self.maxDiff = None
        self.assertEqual(report.render(with_verdicts(small())), SMALL_TABLE)

    def test_targets(self) -> None:
        verdicts = {t["name"]: t["met"] for t in report.targets(small())}
        self.assertEqual(verdicts, {
            "lateness median": True, "lateness p99": False, "idle wake-ups": False, "RSS, 10,000 contacts": True,
            "start→READY, 100,000 events": True, "reaction, 10,000 contacts": True, "iictl --version": False,
            "iictl pending --json, 1,000 contacts": False, "iictl pending --json, 10,000 contacts": True, "reminder due while stopped": True})

    def test_target_notes_give_the_reason(self) -> None:
        notes = {t["name"]: t["note"] for t in report.targets(small())}
        self.assertEqual(notes["idle wake-ups"], "threads woken: iid/7 1")
        self.assertEqual(notes["RSS, 10,000 contacts"],
                         "8.0 MB with no contacts at all; static Swift floors: stdlib only 1.5 MB")
        self.assertEqual(notes["start→READY, 100,000 events"], "8.5 µs per event, linear in the log's size")

    def test_idle_without_wake_ups_is_met_whatever_the_rate_says(self) -> None:
        res = small()
        res["idle"]["tools"]["iid"].update(voluntary=0, involuntary=0)
        met = {t["name"]: t["met"] for t in report.targets(res)}
        self.assertTrue(met["idle wake-ups"])

    def test_ratio_of_a_peer_that_is_early(self) -> None:
        res = small()
        res["peer_lateness"]["remind"]["ms"]["median"] = -250.0
        del res["idle"]
        self.assertEqual(report.ratios(res), ["remind    |median lateness| 250 ms vs 0.50 ms: 500× further (early)"])

    def test_no_ratios_without_iid_lateness(self) -> None:
        res = small()
        del res["iid"]["lateness"]
        self.assertEqual(report.ratios(res), [])

    def test_sections_without_figures_are_left_out(self) -> None:
        res = small()
        for key in ("idle", "peer_lateness", "stopped", "profiles", "notes"):
            del res[key]
        res["iid"] = {}
        text = report.render(with_verdicts(res))
        self.assertEqual(text.split("\n")[3:], ["Targets"])

    def test_static_variant_gets_its_own_column_and_rows(self) -> None:
        res = small()
        res["static_build"] = "swift build -c release --scratch-path .build-bench-static --static-swift-stdlib"
        res["iid_static"] = copy.deepcopy({k: res["iid"][k] for k in ("memory", "replay", "iictl")})
        text = report.render(with_verdicts(res))
        self.assertIn("static variant: swift build -c release --scratch-path .build-bench-static", text)
        self.assertIn("    contacts    dynamic     static", text)
        self.assertIn("      10,000       20.0       20.0", text)
        self.assertIn("          —  (static)", text)
        self.assertIn("  static   --version    5.5", text)

    def test_memory_note(self) -> None:
        iid = small()["iid"]
        iid["replay"] = [{"events": 10_000, "rss_kb_at_ready": 10240}, {"events": 100_000, "rss_kb_at_ready": 20480}]
        self.assertEqual(report.memory_note(iid),
                         "memory (VmRSS by mapping, from /proc/PID/smaps): 0 contacts: iid 4.0 MB, [heap] 2.0 MB; "
                         "10,000 contacts: [heap] 12.0 MB, iid 4.0 MB, libc.so.6 1.0 MB; "
                         "at READY the daemon grows by 117 bytes per event in the log")

    def test_f1(self) -> None:
        self.assertEqual(report.f1(None), "—")
        self.assertEqual(report.f1(1234.5678, 2), "1,234.57")
        self.assertEqual(report.f1(0.05), "0.1")


if __name__ == "__main__":
    unittest.main()


class CompletionLatency(unittest.TestCase):
    """The completion figure: iictl's callback for a TAB with 1,000 contacts, in the targets and the table."""

    def with_completion(self, tasks_ms: float, contacts_ms: float) -> dict[str, Any]:
        res = small()
        res["iid"]["iictl"]["complete_tasks_1k"] = {"ms": s(5, tasks_ms, tasks_ms, tasks_ms, tasks_ms),
                                                    "max_rss_kb": 9000, "candidates": 1200}
        res["iid"]["iictl"]["complete_contacts_1k"] = {"ms": s(5, contacts_ms, contacts_ms, contacts_ms, contacts_ms),
                                                       "max_rss_kb": 9000, "candidates": 1000}
        return res

    def test_the_slower_of_the_two_is_the_figure(self) -> None:
        t = {t["name"]: t for t in report.targets(self.with_completion(20.0, 12.5))}["iictl completion, 1,000 contacts"]
        self.assertEqual((t["measured"], t["met"]), (20.0, True))
        self.assertEqual(t["note"], "task ids 20.0 ms (1,200), contact ids 12.5 ms (1,000): each TAB reads and plans "
                                    "the whole log")

    def test_missed(self) -> None:
        met = {t["name"]: t["met"] for t in report.targets(self.with_completion(20.0, 75.0))}
        self.assertFalse(met["iictl completion, 1,000 contacts"])

    def test_table_line(self) -> None:
        lines = report.render(with_verdicts(self.with_completion(20.0, 12.5))).splitlines()
        self.assertIn("           completion, 1,000 contacts: task ids   20.0, contact ids   12.5", lines)

    def test_without_the_figure_nothing_is_said(self) -> None:
        self.assertNotIn("completion", report.render(with_verdicts(small())))

    def test_the_callback_is_the_one_bash_makes(self) -> None:
        self.assertEqual(measure.completion_argv("/bin/iictl", "done"),
                         ["/bin/iictl", "---completion", "done", "--", "positional@0", "2", "0", "iictl", "done", ""])
