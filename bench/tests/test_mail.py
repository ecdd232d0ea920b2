"""The mail section: the generated Maildir is one a mail client could have written, and its block in the table."""

from __future__ import annotations

import email
import email.policy
import os
import tempfile
import unittest

from iidbench import mail, report
from iidbench.homes import generate_events, make_home


class GeneratedMaildir(unittest.TestCase):

    def test_every_message_is_a_file_with_its_own_message_id_and_a_past_date(self) -> None:
        now = 1_790_000_000.0
        with tempfile.TemporaryDirectory() as root:
            counts = mail.generate_maildir(root, 500, 50, now=now)
            self.assertEqual(sum(counts.values()), 500)
            files = [os.path.join(root, "cur", n) for n in os.listdir(os.path.join(root, "cur"))] + \
                [os.path.join(root, "Sent", "cur", n) for n in os.listdir(os.path.join(root, "Sent", "cur"))]
            self.assertEqual(len(files), 500)
            self.assertEqual(counts["Sent"], len(os.listdir(os.path.join(root, "Sent", "cur"))))
            ids = set()
            senders = set()
            threads = 0
            for path in files:
                with open(path, "rb") as f:
                    msg = email.message_from_binary_file(f, policy=email.policy.default)
                ids.add(msg["Message-ID"])
                threads += msg["References"] is not None
                senders.add(str(msg["From"].addresses[0].addr_spec))
                self.assertLess(msg["Date"].datetime.timestamp(), now)
                self.assertEqual(os.path.getmtime(path), msg["Date"].datetime.timestamp())
            self.assertEqual(len(ids), 500)
            self.assertGreater(threads, 50, "strangers' replies carry their thread")
            # Some of it names the contacts (by the address generate_events gives them), most of it not.
            known = {mail.contact_address(i) for i in range(50)}
            self.assertTrue(senders & known)
            self.assertIn(mail.ME, senders)
            self.assertGreater(len(senders - known - {mail.ME}), len(senders & known))

    def test_the_contacts_have_the_addresses_the_messages_use(self) -> None:
        with tempfile.TemporaryDirectory() as root:
            home = make_home(root, "h", "/bin/true")
            generate_events(home, 10, 10, emails=True, now=1_790_000_000.0)
            text = ""
            for n in os.listdir(os.path.join(home, ".local/share/iid/events")):
                with open(os.path.join(home, ".local/share/iid/events", n)) as f:
                    text += f.read()
            for i in range(10):
                self.assertIn('"email":"%s"' % mail.contact_address(i), text)


class NewMessage(unittest.TestCase):

    def test_a_new_message_is_renamed_into_new_from_tmp(self) -> None:
        with tempfile.TemporaryDirectory() as root:
            mail.generate_maildir(root, 0, 10, now=1_790_000_000.0)
            mail.add_new_message(root, 3, 10, 1_790_000_000.0)
            self.assertEqual(os.listdir(os.path.join(root, "tmp")), [])
            [name] = os.listdir(os.path.join(root, "new"))
            with open(os.path.join(root, "new", name), "rb") as f:
                msg = email.message_from_binary_file(f, policy=email.policy.default)
            self.assertEqual(msg["From"].addresses[0].addr_spec, mail.contact_address(3))
            self.assertEqual(msg["Message-ID"], "<new3@bench.example>")


class DaemonLog(unittest.TestCase):

    def test_a_line_splits_into_priority_message_and_metadata(self) -> None:
        self.assertEqual(mail.parse_log_line("<6>mail read mail.files=100000 mail.folders=2 mail.recorded=1998\n"),
                         (6, "mail read", {"mail.files": "100000", "mail.folders": "2", "mail.recorded": "1998"}))
        self.assertEqual(mail.parse_log_line("<5>recorded from mail: replied event.id=ab-1 reminder.task=c3"),
                         (5, "recorded from mail: replied", {"event.id": "ab-1", "reminder.task": "c3"}))
        self.assertEqual(mail.parse_log_line("no prefix at all"), (-1, "no prefix at all", {}))
        # A message that is one word with an = in it stays the message.
        self.assertEqual(mail.parse_log_line("<4>a=b"), (4, "a=b", {}))

    def test_only_a_first_read_at_info_level_ends_the_first_read(self) -> None:
        self.assertEqual(mail.first_read_line("<6>mail read mail.files=5 mail.recorded=1"),
                         {"mail.files": "5", "mail.recorded": "1"})
        self.assertIsNone(mail.first_read_line("<7>mail read mail.files=1 mail.recorded=0"))
        self.assertIsNone(mail.first_read_line("<6>mail is off"))

    def test_a_recorded_line_gives_its_type_and_event(self) -> None:
        self.assertEqual(mail.recorded_line("<5>recorded from mail: note event.id=x-9 reminder.task=c1"),
                         {"type": "note", "event.id": "x-9", "reminder.task": "c1"})
        self.assertIsNone(mail.recorded_line("<6>mail read mail.files=1"))

    def test_reminders_due_during_the_read_apart_from_the_others(self) -> None:
        s = 1_000_000_000
        due = {"a.follow-up": 10 * s, "b.follow-up": 11 * s, "c.follow-up": 12 * s, "d.follow-up": 13 * s}
        records = [(10 * s + 2_000_000, "a.follow-up"), (11 * s + 4_000_000, "b.follow-up"),
                   (11 * s + 5_000_000, "b.follow-up"),  # a second delivery does not count
                   (12 * s + 1_000_000, "c.follow-up"), (13 * s, "2 reminders")]
        late = mail.reminder_lateness(records, due, read_end_ns=12 * s)
        self.assertEqual((late["during_ms"]["n"], late["during_ms"]["min"], late["during_ms"]["max"]), (2, 2.0, 4.0))
        self.assertEqual((late["after_ms"]["n"], late["after_ms"]["max"]), (1, 1.0))
        self.assertEqual(late["missing"], ["d.follow-up"])

    def test_the_cpu_time_of_a_process_whose_name_holds_parentheses(self) -> None:
        stat = "4242 (iid (mail) x) S 1 4242 4242 0 -1 4194304 2000 0 0 0 250 50 0 0 20 0 3 0 100 0 0"
        self.assertEqual(mail.process_cpu_s(stat, 100), 3.0)

    def test_the_tail_gives_whole_lines_once_each(self) -> None:
        with tempfile.TemporaryDirectory() as root:
            path = os.path.join(root, "iid.log")
            tail = mail.LogTail(path)
            self.assertEqual(tail.lines(), [])
            with open(path, "w") as f:
                f.write("<6>old line\n")
            tail.skip()
            with open(path, "a") as f:
                f.write("<6>mail read mail.files=2\n<5>recorded from mail: no")
            self.assertEqual(tail.lines(), ["<6>mail read mail.files=2"])
            with open(path, "a") as f:
                f.write("te event.id=e1\n")
            seen = tail.wait_for(mail.recorded_line, 1.0)
            assert seen is not None
            self.assertEqual(seen[1], {"type": "note", "event.id": "e1"})
            self.assertIsNone(tail.wait_for(mail.recorded_line, 0.01))


def daemon_result(wakeups: int) -> dict:
    return {"messages": 100_000, "contacts": 1000, "ready_s": 0.1,
            "first_read": {"s": 9.25, "cpu_s": 8.5, "peak_rss_kb": 153600, "rss_samples": 400, "hwm_kb": 158720,
                           "rss_after_kb": 61440, "files": 100_000, "recorded": 1998},
            "reminders": {"count": 5, "first_due_after_start_s": 1.5, "spacing_s": 1.0, "read_ended_after_first_due_s": 7.5,
                          "during_ms": {"n": 5, "min": 0.5, "median": 0.75, "p99": 3.0, "max": 3.0, "mean": 1.0},
                          "after_ms": None, "missing": []},
            "one_new": {"ms": {"n": 5, "min": 40.0, "median": 50.0, "p99": 70.0, "max": 70.0, "mean": 52.0},
                        "recorded": 5, "in_event_log": 5},
            "idle": {"window_s": 60.0, "voluntary": wakeups, "involuntary": 0, "cpu_ns": 2_000_000,
                     "per_minute": float(wakeups), "woken_threads": {"iid/42": wakeups} if wakeups else {},
                     "rss_kb": 51200, "largest": [["[heap]", 40960], ["[anon]", 5120]]},
            "stop_s": 0.25}


class MailTable(unittest.TestCase):

    def test_the_daemon_lines(self) -> None:
        self.assertEqual(report.mail_daemon_lines(daemon_result(0)), [
            "  the daemon's first read of a Maildir of its own: 9.25 s from its start (8.50 s CPU), 100,000 files, "
            "1,998 events recorded",
            "    RSS during it 150.0 MB (peak of 400 samples; VmHWM 155.0 MB), 60.0 MB a second after",
            "    5 reminders due from 1.5 s after the start, one a second (the read ended 7.50 s after the first): "
            "5 due during it went 0.75 ms late (median; max 3.00 ms)",
            "  then one new message renamed into new/: recorded 50.0 ms later (median of 5; max 70.0 ms), 5 of 5 "
            "in the event log",
            "  idle 60 s with mail configured: 0 wake-ups (0 involuntary context switches), 2.0 ms CPU, RSS 50.0 MB "
            "at its end; stopped 0.25 s after SIGTERM",
            "    largest resident parts then: [heap] 40.0 MB, [anon] 5.0 MB"])
        short = daemon_result(0)
        short["reminders"].update(read_ended_after_first_due_s=-0.5, during_ms=None, missing=["mail-due4.follow-up"],
                                  after_ms={"n": 4, "min": 0.5, "median": 0.6, "p99": 0.9, "max": 0.9, "mean": 0.65})
        self.assertEqual(report.mail_daemon_lines(short)[2],
                         "    5 reminders due from 1.5 s after the start, one a second (the read ended 0.50 s before the "
                         "first): none was due during it; 4 due after it 0.60 ms (median); 1 not delivered on its own")

    def test_idle_wake_ups_with_mail_are_a_target_of_zero(self) -> None:
        for wakeups, met in ((0, True), (3, False)):
            res = {"iid": {"mail": {"daemon": daemon_result(wakeups)}}}
            [row] = [t for t in report.targets(res) if t["name"] == "idle wake-ups, with mail configured"]
            self.assertEqual(row["met"], met)
            self.assertEqual(row["note"], "" if met else "threads woken: iid/42 3")

    def test_block(self) -> None:
        res = {"date": "2026-01-02 03:04 UTC", "build": "b", "targets": [],
               "machine": {"nproc": 2, "cpu": "C", "kernel": "k", "memory": "m", "os": "o", "swift": "s"},
               "iid": {"mail": {"messages": 100_000, "contacts": 1000, "folders": {"INBOX": 70_000, "Sent": 30_000},
                                "first_scan": {"s": 12.5, "cpu_s": 10.0, "max_rss_kb": 204800,
                                               "state_bytes": 8 * 1048576,
                                               "summary": "Recorded 1,234 events from 100,000 new messages in 2 folders."},
                                "one_new": {"ms": {"n": 5, "min": 90.0, "median": 100.0, "p99": 120.0, "max": 120.0,
                                                   "mean": 101.0},
                                            "cpu_ms": {"n": 5, "min": 70.0, "median": 80.0, "p99": 90.0, "max": 90.0,
                                                       "mean": 80.0},
                                            "max_rss_kb": 102400},
                                "loadavg": 1.5}}}
        lines = report.render(res).split("\n")
        at = lines.index("Mail: `iictl mail scan` of a generated Maildir, 100,000 messages, 1,000 contacts")
        self.assertEqual(lines[at + 1:at + 6], [
            "  first scan 12.50 s, 10.00 s CPU (100.0 µs/message), max RSS 200.0 MB, mail.json 8.0 MB",
            "  Recorded 1,234 events from 100,000 new messages in 2 folders.",
            "  then one new message: 100.0 ms, 80.0 ms CPU (median of 5 scans), max RSS 100.0 MB",
            "  (load average 1.50 at the end: the CPU time is the figure on a busy machine)",
            ""])


if __name__ == "__main__":
    unittest.main()
