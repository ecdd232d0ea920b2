#!/usr/bin/env bash
# shellcheck disable=SC2317,SC2329 # functions run from traps and poll loops, which shellcheck cannot follow
# shellcheck source-path=SCRIPTDIR
# with-components.sh CMD [ARGS...]
#
# Starts the real components the iid tests talk to, exports variables that
# describe them, runs CMD, tears down what it started, and exits with CMD's
# status. A component that does not come up makes it exit 3 (before CMD runs).
# Install the components first with scripts/install-deps.sh (as root).
#
# Exported to CMD:
#   IID_TEST_JOURNALD=1                 a journald listens on /run/systemd/journal/socket
#                                       (read back: journalctl -o json IID_TASK=...)
#   DBUS_SESSION_BUS_ADDRESS            private session bus (from dbus-run-session)
#   DISPLAY=:NN                         private Xvfb; dunst draws there
#   IID_TEST_NOTIFY=1                   dunst owns org.freedesktop.Notifications
#   IID_TEST_DUNST_ACTION_FILE=PATH     write an action key here, then `dunstctl action 0`
#   IID_TEST_DUNST_MENU_LOG=PATH        the action menu dunst offered last time
#   IID_TEST_MTA=1                      /usr/sbin/sendmail is exim4, local delivery
#   IID_TEST_MAIL_USER=iidmail          local user; mail lands in IID_TEST_MAILBOX
#   IID_TEST_MAILBOX=/var/mail/iidmail  mbox; delivery is asynchronous, so poll it
#   IID_TEST_MSMTP=/usr/bin/msmtp       run with your own `-C rcfile` (see below)
#   IID_TEST_PYTHON=PATH                a python3 that can `import aiosmtpd` and `import caldav`
#   IID_TEST_RADICALE_URL=URL           Radicale (CalDAV) on a free loopback port, no auth (any user
#                                       and password), storage in the runtime dir: http://127.0.0.1:N/
#   IID_TEST_VDIRSYNCER=PATH            Debian's vdirsyncer
#   IID_TEST_APPRISE=PATH               Debian's apprise (the push channel's command)
#   IID_TEST_RUNTIME_DIR=PATH           temp dir with the logs; deleted at teardown
#                                       unless IID_KEEP_RUNTIME=1
#   IID_COMPONENTS_UP=1                 nested calls just run CMD
#
# Each component is started by a file in scripts/components/, sourced here: journald.sh,
# dunst.sh (Xvfb and dunst, with notes on pressing a notification's buttons), mail.sh (exim4,
# and msmtp with notes on an SMTP sink), radicale.sh (Radicale and vdirsyncer) and apprise.sh.
#
# dbus-daemon prints "Failed to set fd limit to 65536: Operation not permitted" at
# start when run as root in a container. It does no harm.
set -euo pipefail

self=$(readlink -f "${BASH_SOURCE[0]}")

if (( $# == 0 )); then
  echo "usage: $0 CMD [ARGS...]" >&2
  exit 2
fi

# Already inside a with-components run: the components are up.
if [[ ${IID_COMPONENTS_UP:-} == 1 ]]; then
  exec "$@"
fi

# Some CI runners start jobs with fd 0 closed; the `<&0` below needs a valid one.
{ : <&0; } 2>/dev/null || exec </dev/null

if [[ -z ${IID_IN_DBUS:-} ]]; then
  command -v dbus-run-session >/dev/null || {
    echo "with-components: dbus-run-session missing; run scripts/install-deps.sh" >&2
    exit 3
  }
  # Not `exec`: dbus-run-session dies on SIGTERM without passing it on, which
  # would leave the inner half (and its Xvfb and dunst) running. Stay as the
  # parent and forward INT/TERM/HUP to the inner half, which tears down.
  IID_WC_PIDFILE=$(mktemp /tmp/iid-components-pid.XXXXXX)
  export IID_IN_DBUS=1 IID_WC_PIDFILE
  dbus-run-session -- bash "$self" "$@" <&0 &
  drs=$!
  forward() {
    local inner
    inner=$(cat "$IID_WC_PIDFILE" 2>/dev/null || true)
    kill -TERM "${inner:-$drs}" 2>/dev/null || true
  }
  trap forward INT TERM HUP
  while kill -0 "$drs" 2>/dev/null; do wait "$drs" || true; done
  wait "$drs" && rc=0 || rc=$?
  rm -f "$IID_WC_PIDFILE"
  exit "$rc"
fi
[[ -z ${IID_WC_PIDFILE:-} ]] || echo $$ >"$IID_WC_PIDFILE"

DEADLINE=${IID_COMPONENT_TIMEOUT:-10} # seconds, for every wait below

RT=$(mktemp -d /tmp/iid-components.XXXXXX)
chmod 755 "$RT"
export IID_TEST_RUNTIME_DIR=$RT

xvfb_pid=
dunst_pid=
radicale_pid=
journald_lock_fd=

log() { echo "with-components: $*" >&2; }

fail() { # component message [logfile]
  log "$1 did not come up: $2"
  if [[ -n ${3:-} && -s $3 ]]; then
    log "last lines of $3:"
    tail -n 15 "$3" >&2
  fi
  exit 3
}

# poll COMMAND...: run COMMAND every 0.1 s until it succeeds or DEADLINE passes.
poll() {
  local end=$(( $(date +%s%N) + DEADLINE * 1000000000 ))
  until "$@" >/dev/null 2>&1; do
    (( $(date +%s%N) < end )) || return 1
    sleep 0.1
  done
}

# poll_alive PID COMMAND...: like poll, but gives up at once when PID has exited.
poll_alive() {
  local pid=$1; shift
  local end=$(( $(date +%s%N) + DEADLINE * 1000000000 ))
  until "$@" >/dev/null 2>&1; do
    kill -0 "$pid" 2>/dev/null || return 1
    (( $(date +%s%N) < end )) || return 1
    sleep 0.1
  done
}

need() { # component binaries...
  local c=$1; shift
  for b in "$@"; do
    command -v "$b" >/dev/null || [[ -x $b ]] || fail "$c" "$b not found; run scripts/install-deps.sh"
  done
}

components=$(dirname "$self")/components
# shellcheck source=components/journald.sh
. "$components/journald.sh"
# shellcheck source=components/dunst.sh
. "$components/dunst.sh"
# shellcheck source=components/mail.sh
. "$components/mail.sh"
# shellcheck source=components/radicale.sh
. "$components/radicale.sh"
# shellcheck source=components/apprise.sh
. "$components/apprise.sh"

# ---------------------------------------------------------------- teardown
cleanup() {
  local pid
  for pid in $radicale_pid $dunst_pid $xvfb_pid; do
    kill "$pid" 2>/dev/null || true
  done
  for pid in $radicale_pid $dunst_pid $xvfb_pid; do
    for _ in $(seq 30); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
  stop_journald
  if [[ ${IID_KEEP_RUNTIME:-} == 1 ]]; then
    log "kept $RT"
  else
    rm -rf "$RT"
  fi
}
cmd_pid=
on_signal() { # exit status
  if [[ -n $cmd_pid ]]; then
    kill -TERM "$cmd_pid" 2>/dev/null || true # then exit with CMD's status
  else
    exit "$1"
  fi
}
trap cleanup EXIT
trap 'on_signal 130' INT
trap 'on_signal 143' TERM
trap 'on_signal 129' HUP

start_journald
start_xvfb
start_dunst
start_mta
start_msmtp
start_radicale
start_apprise
export IID_COMPONENTS_UP=1

# In the background so that a signal trap runs at once, not after CMD ends.
"$@" <&0 &
cmd_pid=$!
while kill -0 "$cmd_pid" 2>/dev/null; do wait "$cmd_pid" || true; done
wait "$cmd_pid" && rc=0 || rc=$?
exit "$rc"
