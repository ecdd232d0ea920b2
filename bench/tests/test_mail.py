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


class MailTable(unittest.TestCase):

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
