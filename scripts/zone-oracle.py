#!/usr/bin/env python3
"""The offsets of Python's zoneinfo (which reads the same TZif files as iid, with other code) for
instants iid chose, compared with iid's: the oracle of Tests/IIDSystemTests/ZoneOracleTests.swift.

Input (stdin, binary, little-endian): records of u16 name length, the zone name (UTF-8), u32 count,
then count pairs of i64 seconds since the epoch and i32 iid's offset east of UTC in seconds. A name
`TZ=RULE` is a POSIX rule, and its offsets are glibc's (`time.localtime` with TZ set) instead. A name
`LOCAL=ZONE` has pairs of i64: a local time (seconds since 1970-01-01T00:00 on the wall clock) and
iid's instant for it, checked against zoneinfo's with fold=0 (PEP 495: in a gap the offset before it,
which moves the time forward by the gap; in an overlap the first occurrence).
Output: one line per disagreement, `zone<TAB>seconds<TAB>zoneinfo's offset<TAB>iid's offset`, then
`checked N`.
"""
import os
import struct
import sys
import time
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

data = sys.stdin.buffer.read()
pos = 0
checked = 0
out = sys.stdout
while pos < len(data):
    (length,) = struct.unpack_from("<H", data, pos)
    pos += 2
    name = data[pos:pos + length].decode()
    pos += length
    (count,) = struct.unpack_from("<I", data, pos)
    pos += 4
    if name.startswith("LOCAL="):
        zone = ZoneInfo(name[6:])
        epoch = datetime(1970, 1, 1)
        for n, iid in struct.iter_unpack("<qq", data[pos:pos + 16 * count]):
            expected = int((epoch + timedelta(seconds=n)).replace(tzinfo=zone, fold=0).timestamp())
            if expected != iid:
                out.write(f"{name}\t{n}\t{expected}\t{iid}\n")
        pos += 16 * count
        checked += count
        continue
    if name.startswith("TZ="):
        os.environ["TZ"] = name[3:]
        time.tzset()
        offset = lambda t: time.localtime(t).tm_gmtoff
    else:
        zone = ZoneInfo(name)
        offset = lambda t: int(datetime.fromtimestamp(t, zone).utcoffset().total_seconds())
    for t, iid in struct.iter_unpack("<qi", data[pos:pos + 12 * count]):
        expected = offset(t)
        if expected != iid:
            out.write(f"{name}\t{t}\t{expected}\t{iid}\n")
    pos += 12 * count
    checked += count
out.write(f"checked {checked}\n")
