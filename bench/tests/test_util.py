"""The helpers with no state: statistics, time stamps, the recorder's lines, the idle deltas."""

from __future__ import annotations

import unittest

from iidbench.procfs import idle_delta
from iidbench.util import NS, iso, iso_ns, next_minute, parse_records, stats


class Stats(unittest.TestCase):

    def test_none_for_no_values(self) -> None:
        self.assertIsNone(stats([]))

    def test_one_value(self) -> None:
        self.assertEqual(stats([2.5]), {"n": 1, "min": 2.5, "median": 2.5, "p99": 2.5, "max": 2.5, "mean": 2.5})

    def test_unsorted_input_and_even_count_median(self) -> None:
        s = stats([4, 1, 3, 2])
        assert s is not None
        self.assertEqual((s["n"], s["min"], s["median"], s["max"], s["mean"]), (4, 1, 2.5, 4, 2.5))

    def test_p99_is_the_nearest_rank(self) -> None:
        # of 200 values the 198th (rank ceil(0.99 * 200)); of 100 the 99th, not the largest
        s200 = stats(list(range(1, 201)))
        s100 = stats(list(range(1, 101)))
        assert s200 is not None and s100 is not None
        self.assertEqual(s200["p99"], 198)
        self.assertEqual(s100["p99"], 99)
        s = stats([5.0, 1.0, 9.0])
        assert s is not None
        self.assertEqual(s["p99"], 9.0)


class Times(unittest.TestCase):

    def test_iso(self) -> None:
        self.assertEqual(iso(0), "1970-01-01T00:00:00Z")
        self.assertEqual(iso(1_700_000_000.25), "2023-11-14T22:13:20Z")
        self.assertEqual(iso(1_700_000_000.25, frac=True), "2023-11-14T22:13:20.250000Z")

    def test_iso_ns_keeps_microseconds_and_truncates_the_rest(self) -> None:
        self.assertEqual(iso_ns(1_700_000_000 * NS + 123_456_789), "2023-11-14T22:13:20.123456Z")
        self.assertEqual(iso_ns(5 * NS), "1970-01-01T00:00:05.000000Z")

    def test_next_minute(self) -> None:
        self.assertEqual(next_minute(100, 12), 120)
        self.assertEqual(next_minute(108, 12), 120)  # exactly 12 s ahead is enough
        self.assertEqual(next_minute(108.5, 12), 180)
        self.assertEqual(next_minute(120, 0), 120)


class Records(unittest.TestCase):

    def test_nanoseconds_and_tags(self) -> None:
        lines = ["1700000000.123456789 l0.follow-up\n", "1700000001.5 calcurse\n", "1700000002.000000001 a b\n"]
        self.assertEqual(parse_records(lines), [(1_700_000_000_123_456_789, "l0.follow-up"),
                                                (1_700_000_001_500_000_000, "calcurse"),
                                                (1_700_000_002_000_000_001, "a b")])

    def test_no_fraction_no_tag(self) -> None:
        self.assertEqual(parse_records(["7\n"]), [(7 * NS, "")])


class IdleDelta(unittest.TestCase):

    def test_sums_threads_and_names_those_that_woke(self) -> None:
        before = {"10": (5, 1, 1000, "iid"), "11": (3, 0, 500, "worker"), "12": (1, 1, 10, "gone")}
        after = {"10": (5, 1, 1000, "iid"), "11": (6, 1, 900, "worker"), "13": (2, 0, 50, "new")}
        d = idle_delta(before, after)
        self.assertEqual(d, {"voluntary": 5, "involuntary": 1, "cpu_ns": 450, "threads": 3,
                             "woken_threads": {"worker/11": 4, "new/13": 2}, "threads_gone": ["12"]})

    def test_nothing_woke(self) -> None:
        s = {"10": (5, 1, 1000, "iid")}
        d = idle_delta(s, dict(s))
        self.assertEqual((d["voluntary"], d["involuntary"], d["cpu_ns"], d["woken_threads"]), (0, 0, 0, {}))


if __name__ == "__main__":
    unittest.main()
