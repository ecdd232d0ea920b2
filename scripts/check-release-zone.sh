#!/usr/bin/env bash
# Checks that built binaries load a zone with daylight saving time from the system's tz database:
# runs iictl under TZ=Europe/Berlin with fixed past times across both changes of 2026 and compares
# the times it prints with Python's zoneinfo. Builds nothing: give it the folder of the binaries.
#
#   scripts/check-release-zone.sh .build-release/release [--require-no-icu]
#
# A test build links all of Foundation, so a zone it loads may still be missing from the shipped
# binary; this runs the shipped one. With --require-no-icu it also fails while iid or iictl carry
# ICU's data (linked as lib_FoundationICU.so or the system's libicu*, or inside a static binary);
# CI passes it, since the binaries link FoundationEssentials only.
set -euo pipefail

bin=${1:?usage: $0 BIN_DIR [--require-no-icu]}
require_no_icu=${2:-}
iictl=$bin/iictl
[ -x "$iictl" ] || { echo "check-release-zone: no executable $iictl" >&2; exit 2; }

home=$(mktemp -d)
trap 'rm -rf "$home"' EXIT
export HOME=$home XDG_CONFIG_HOME=$home/config XDG_DATA_HOME=$home/data TZ=Europe/Berlin
unset IID_CONFIG
mkdir -p "$XDG_CONFIG_HOME/iid"

# The follow-up's timing, written into the config and used for the expected times alike.
after_days=7
due_days=10
cat > "$XDG_CONFIG_HOME/iid/config.yaml" <<EOF
timezone: local
reminders:
  follow-up:
    after: ${after_days}d
    due: ${due_days}d
EOF

# 2026: clocks go forward on 29 March and back on 25 October in Berlin.
requested=2026-03-25T10:00   # before the spring change; the follow-up falls after it
meeting=2026-10-25T02:30     # happens twice on 25 October: the first is meant

fail=0
check() { # what, expected, actual
    if [ "$2" = "$3" ]; then
        echo "ok: $1: $3"
    else
        echo "FAIL: $1: expected $2, iictl printed $3" >&2
        fail=1
    fi
}

expected() { # local time in Berlin, days later: RFC 3339 as iid prints it
    python3 - "$@" <<'EOF'
import sys
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo
local, days = sys.argv[1], int(sys.argv[2])
t = datetime.fromisoformat(local).replace(tzinfo=ZoneInfo("Europe/Berlin"), fold=0)
# An aware datetime plus days keeps the wall-clock time, as iid's calendar days do.
print((t + timedelta(days=days)).isoformat())
EOF
}

field() { # json key, from stdin: its value in the first task
    python3 -c 'import json,sys; print(json.load(sys.stdin)[0][sys.argv[1]])' "$1"
}

"$iictl" add "Jane Doe" --org Acme --at 2026-03-20T10:00 > /dev/null
"$iictl" request jane-doe --at "$requested" > /dev/null
pending=$("$iictl" pending --as-of 2026-03-26T12:00 --json)
check "follow-up reminder ${after_days} days after $requested" \
    "$(expected "$requested" "$after_days")" "$(field remind_at <<< "$pending")"
check "follow-up due ${due_days} days after $requested" \
    "$(expected "$requested" "$due_days")" "$(field due <<< "$pending")"

"$iictl" schedule jane-doe "$meeting" --at 2026-10-20T09:00 > /dev/null
tasks=$("$iictl" pending --as-of 2026-10-21T12:00 --json)
start=$(python3 -c 'import json,sys; print(next(t["meeting"]["start"] for t in json.load(sys.stdin) if t["meeting"]))' <<< "$tasks")
check "meeting at $meeting (the first of two)" "$(expected "$meeting" 0)" "$start"

icu=""
for exe in "$bin/iid" "$bin/iictl"; do
    [ -x "$exe" ] || continue
    libs=$(ldd "$exe" 2> /dev/null || true)
    if [[ $libs == *lib_FoundationICU* ]]; then
        icu="$icu $exe (links lib_FoundationICU.so)"
    elif [[ $libs == *libicu* ]]; then
        icu="$icu $exe (links the system's libicu)"
    elif grep -qa 'icudt[0-9]' "$exe"; then
        icu="$icu $exe (carries ICU's data)"
    fi
done
if [ -n "$icu" ]; then
    if [ "$require_no_icu" = "--require-no-icu" ]; then
        echo "FAIL: ICU:$icu" >&2
        fail=1
    else
        echo "note: ICU:$icu"
    fi
fi

[ "$fail" = 0 ] && echo "check-release-zone: the binaries in $bin keep Europe/Berlin's times"
exit "$fail"
