"""What one benchmark run carries from section to section, instead of module globals."""

from __future__ import annotations

import argparse
import os
from dataclasses import dataclass, field
from typing import Any, Protocol

from .util import log

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BENCH = os.path.join(REPO, "bench")
SCRATCH = ".build-bench"
SCRATCH_STATIC = ".build-bench-static"

Bins = dict[str, str]  # "iid", "iictl" (paths) and "build" (the command that built them)
Results = dict[str, Any]  # what ends up in bench/results.json


class Stoppable(Protocol):
    def stop(self) -> None: ...


class Running:
    """Everything started here that may still run: stopped in the end whatever happens."""

    def __init__(self) -> None:
        self.things: list[Stoppable] = []

    def add(self, thing: Stoppable) -> None:
        if thing not in self.things:
            self.things.append(thing)

    def discard(self, thing: Stoppable) -> None:
        if thing in self.things:
            self.things.remove(thing)

    def stop_all(self) -> None:
        for thing in reversed(self.things[:]):
            try:
                thing.stop()
            except Exception as e:  # keep stopping the others
                log(f"could not stop {thing}: {e}")
        self.things.clear()


@dataclass
class Context:
    """One run: its options, scratch folder, binaries, and the results being gathered."""

    args: argparse.Namespace
    root: str  # the scratch folder (a fresh temporary directory, mode 0700)
    # Each appended meeting starts a minute before the last one, so that the next reminder always moves.
    reaction_base: int
    bins: Bins = field(default_factory=dict)
    programs: dict[str, str] = field(default_factory=dict)  # compiled C programs: "recorder", "floor"
    homes: dict[int, str] = field(default_factory=dict)  # event count → HOME with that log, made once
    notes: list[str] = field(default_factory=list)  # printed under the table
    reaction_seq: int = 0
    running: Running = field(default_factory=Running)
    at_jobs: list[str] = field(default_factory=list)  # every at job made, for the final clean-up
    results: Results = field(default_factory=dict)

    @property
    def recorder(self) -> str:
        """bench/recorder.c, the reminder command every tool runs (stands in for notify-send)."""
        return self.programs["recorder"]
