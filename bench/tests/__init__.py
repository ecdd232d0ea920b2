"""Tests of the benchmark harness that need neither iid nor the peers: python3 -m unittest discover -s bench

The tests import the package as `iidbench`; bench/ is put on the path so that they also run one file at a
time from the repository's root (python3 -m unittest bench/tests/test_report.py).
"""

import os
import sys

_BENCH = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
if _BENCH not in sys.path:
    sys.path.insert(0, _BENCH)
