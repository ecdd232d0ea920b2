#!/usr/bin/env python3
"""iid benchmarks, side by side with the tools a Linux user would reach for instead.

    python3 bench/run.py            # everything (about 10 minutes; peers need root for apt-get and atd)
    python3 bench/run.py --quick    # iid only, short idle window, no minute-long peer runs (about 4 minutes)

Prints a table and writes bench/results.json. Python 3 standard library only; it builds iid with
`swift build -c release --scratch-path .build-bench`, compiles bench/recorder.c and bench/floor.c with
cc, and installs the peers (remind, calcurse, at) from Debian's packages with apt-get when missing.
The code is the iidbench package beside this file (its __init__ lists the modules); its tests, of the
parsing and of the table, run without iid: python3 -m unittest discover -s bench

What is measured (see Documentation/benchmarks.md for the published figures):
  lateness   start of the reminder command (bench/recorder.c, standing in for notify-send) minus the
             due time, for 200 reminders spaced --spacing-ms apart so that each is delivered on its own
             (iid folds several reminders due in one wake-up into a digest); beside it the floor (a C
             program sleeping on CLOCK_REALTIME and spawning the same recorder) and the peers, whose
             reminders have minute resolution (one per minute, --peer-minutes of them)
  idle       context switches (all threads, /proc/PID/task/*/status) and CPU time (schedstat) over
             --idle seconds, with 1,000 contacts (peers: 1,000 reminders) and the next reminder hours away
  memory     VmRSS with 0, 1,000 and 10,000 contacts, and what it is made of (/proc/PID/smaps)
  replay     start to READY=1 (sd_notify) with 10,000, 100,000 and 1,000,000 events
  reaction   appending an event to the timer re-armed: the daemon's last_reaction_ms, and end to end
             (append until the control socket, or a whole `iictl status --json`, shows the new next_wake)
  iictl      `iictl pending --json` as a whole process with 10,000 contacts
  mail       the first `iictl mail scan` of a generated Maildir of --mail-messages messages (100,000; wall
             time, peak RSS), then a scan with one new message (--runs times); then the daemon on a Maildir
             of its own: its first read (start to its `mail read` line, RSS during and after, 5 reminders
             due meanwhile), one message renamed into new/ until `recorded from mail` (--runs times), and
             its wake-ups over --idle seconds (0); `--only mail` runs it alone
  stopped    a reminder due while each tool was stopped (80 s, from 15 s before the reminder's minute to 5 s
             into the next one): delivered on start, or dropped
  edits      how soon each tool reads its data file again after it was edited, and whether the reminder
             added by the edit fires
Where a target is missed the table says so, with the reason the figures give; the full run then
profiles the cost with perf (perf record for CPU, perf trace for the delivery path) and heaptrack (the
heap, beside /proc/PID/smaps) and prints what dominates. (valgrind 3.19's callgrind cannot read the DWARF 5 debug information
of Swift 6 binaries, and crashes on them even stripped, hence perf.)
"""

from iidbench.cli import main

if __name__ == "__main__":
    main(__doc__)
