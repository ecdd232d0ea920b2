"""iid's benchmark harness, run through bench/run.py (whose docstring says what is measured).

The modules, in the order a run uses them:
  cli        the command line and the order of the sections
  context    the scratch folder, binaries, options and results of one run (a Context), and what it started
  util       time stamps, statistics, the recorder's output, timing one process
  procfs     what /proc says about a process (context switches, CPU time, VmRSS, smaps) and the machine
  build      building iid, compiling the C programs, installing the peers
  homes      a HOME for iid: its config and a generated event log
  daemon     one iid with its notify socket, and its control socket
  measure    iid alone: lateness (and the C floor), memory, start-up, reaction, iictl timings
  mail       a generated Maildir, and the first and the incremental `iictl mail scan` of it
  peers      remind, calcurse and at, driven the same way as iid
  phases     iid and the peers side by side: idle, lateness and edits, a reminder due while stopped
  profile    perf and heaptrack profiles of the targets that were missed
  report     the targets, the ratios against the peers and the printed table
"""
