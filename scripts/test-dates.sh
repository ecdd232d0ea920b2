#!/usr/bin/env bash
# test-dates.sh TEST-BINARY [ARGS...]
#   (e.g. .build/debug/iidPackageTests.xctest --testing-library swift-testing --filter IntegrationTests)
#
# Runs the test suite as it would run on other days: under libfaketime (Debian's `faketime`
# package), whose LD_PRELOAD clock offset every process the tests start inherits (iictl, iid,
# the stand-ins). Three moments, each worked out from today so that the check means the same
# next year:
#   later  400 days from now: every fixed date a test assumes to be ahead has passed by then;
#   dst    01:30 in Berlin on the day of the next European daylight-saving change, half an hour
#          before the clocks move, so whatever a test counts in hours from now crosses the change;
#   leap   08:00 in Berlin on the next 29 February.
# The clock still ticks from the faked moment, and only the wall clock moves
# (FAKETIME_DONT_FAKE_MONOTONIC=1): waits and time-outs stay real.
#
# Programs that read the clock without the C library are not fooled: Go's (syncthing) and the
# components started before the run (journald, exim4, Radicale, dunst), which keep the real date.
# The suites that compare their times with iid's are skipped here, each with its reason printed
# (see SKIPS below); `make test` runs them on the real date.
#
# Run it inside scripts/with-components.sh after a build (`make test-dates` does both). It runs the
# test binary itself: `swift test` under faketime never gets past planning the build.
# IID_DATES=later,dst,leap picks moments; the exit status is the first failing moment's.
set -euo pipefail
cd "$(dirname "$0")/.."

# The `faketime` wrapper, not a bare LD_PRELOAD: it shares one faked clock with every child
# through FAKETIME_SHARED, and a bare preload of libfaketime loses a Swift program's argv here.
if ! command -v faketime >/dev/null; then
  echo "test-dates: faketime is missing: run scripts/install-deps.sh (as root)" >&2
  exit 2
fi

# Suites that cannot run under a faked clock, and why. Each is named, never dropped silently.
declare -A SKIPS=(
  [SyncthingTests]="syncthing is a Go program: it reads the clock without the C library and \
keeps the real date, and its device certificates are checked against it"
  [CalendarComponentTests]="Radicale was started before the run and keeps the real date while \
vdirsyncer and the phone's CalDAV client run on the faked one: the round trip from the phone back \
to iid fails at times across that gap (vdirsyncer reports an item changed under it)"
  [DaemonTests/pingsTheWatchdogWhenAsked]="libfaketime also moves the deadlines of timers on the \
monotonic clock (timerfd_settime), so the daemon's watchdog timer, a libdispatch timer, never fires \
under it; the wall-clock timer that carries the reminders is on the clock it fakes"
)

# name: the moment as seconds since the epoch, from Python's zoneinfo (the system's tzdata).
moments=$(python3 - <<'EOF'
import datetime as dt, zoneinfo
berlin = zoneinfo.ZoneInfo("Europe/Berlin")
now = dt.datetime.now(dt.timezone.utc)
later = now + dt.timedelta(days=400)
# The next day whose UTC offset in Berlin differs from the day before's: a change of clocks.
day = now.astimezone(berlin).date() + dt.timedelta(days=1)
def offset(d):
    return dt.datetime(d.year, d.month, d.day, 12, tzinfo=berlin).utcoffset()
while offset(day) == offset(day - dt.timedelta(days=1)):
    day += dt.timedelta(days=1)
dst = dt.datetime(day.year, day.month, day.day, 1, 30, tzinfo=berlin)
year = now.year + (1 if (now.month, now.day) >= (2, 29) else 0)
while not (year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)):
    year += 1
leap = dt.datetime(year, 2, 29, 8, 0, tzinfo=berlin)
for name, t in (("later", later), ("dst", dst), ("leap", leap)):
    print(name, int(t.timestamp()), t.astimezone(berlin).isoformat(timespec="minutes"))
EOF
)

skip_args=()
for suite in "${!SKIPS[@]}"; do skip_args+=(--skip "$suite"); done

wanted=",${IID_DATES:-later,dst,leap},"
status=0
while read -r name epoch shown; do
  [[ $wanted == *",$name,"* ]] || continue
  offset=$(( epoch - $(date +%s) ))
  echo "test-dates: $name: the tests run at $shown (clock offset ${offset}s)"
  for suite in "${!SKIPS[@]}"; do
    echo "test-dates: $name: skipping $suite: ${SKIPS[$suite]}"
  done
  # NO_FAKE_STAT=1: file times stay the kernel's, so that the processes under the faked clock
  # and the components outside it (Radicale, which vdirsyncer syncs with) agree on them.
  if ! NO_FAKE_STAT=1 FAKETIME_DONT_FAKE_MONOTONIC=1 \
      faketime -f "$(printf "%+d" "$offset")" "$@" "${skip_args[@]}"; then
    echo "test-dates: $name: FAILED at $shown" >&2
    (( status )) || status=1
  fi
done <<<"$moments"
exit "$status"
