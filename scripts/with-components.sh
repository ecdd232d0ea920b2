#!/usr/bin/env bash
# shellcheck disable=SC2317 # functions run from traps and poll loops, which shellcheck cannot follow
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
# --- Notes from checking this by hand (Debian 12, dunst 1.9.0, notify-send 0.8.1) ---
# dunst GetCapabilities: actions body body-hyperlinks icon-static synchronous
#   private-synchronous x-canonical-private-synchronous x-dunst-stack-tag
#   => "actions" is advertised; `notify-send --action=K=Label --wait` works.
# Clicking an action without a mouse:
#   * an action named "default", or a single action: `dunstctl action 0` invokes it
#     at once (no menu).
#   * two or more other actions: `dunstctl action 0` opens dunst's context menu, which runs
#     the `dmenu` command from the dunstrc. Here that command is a script that picks
#     the line for the key written in $IID_TEST_DUNST_ACTION_FILE. dunst feeds it
#     lines like `#Snooze (Interview) [2,snooze]` (label, summary, id, key).
#     Sequence: echo snooze >"$IID_TEST_DUNST_ACTION_FILE"; dunstctl action 0
#     (0 = the topmost displayed notification). `dunstctl context` does the same for all
#     displayed notifications.
#   * `notify-send -p --wait --action=...` prints the id, then the chosen
#     action key, each on its own line ("2\nsnooze\n"), and exits 0.
#     A notification closed without an action (dunstctl close / close-all) makes it
#     exit 0 with no action line.
#   * ActionInvoked is a signal the server sends; a client cannot fake it.
# Screenshot: DISPLAY=$DISPLAY import -window root out.png  (imagemagick)
# Read notifications back: `dunstctl close-all; dunstctl history` (JSON, closed
#   ones only, no urgency), or dbus-monitor --session
#   "interface='org.freedesktop.Notifications'" for the raw Notify calls with hints.
#
# msmtp, for SMTP failure paths (does not own /usr/sbin/sendmail). This rcfile works
# (chmod 600 it):
#     defaults
#     auth off
#     tls off
#     logfile /path/msmtp.log
#     account sink
#     host 127.0.0.1
#     port 8025
#     from iid@localhost
#     account default : sink
# Sink: "$IID_TEST_PYTHON" -m aiosmtpd -n -l 127.0.0.1:8025 -c aiosmtpd.handlers.Mailbox DIR
#   DIR must NOT exist yet, or must already be a Maildir (cur/new/tmp). With a plain
#   empty dir, the sink answers 500 and msmtp exits 69 (EX_UNAVAILABLE).
# Checked: `msmtp -C rc -t -oi <msg`, sink down -> exit 75 (EX_TEMPFAIL, "Connection
#   refused"); sink up -> exit 0 and the message is in DIR (mailbox.Maildir), a lone "."
#   line in the body arrives unchanged.
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

# ---------------------------------------------------------------- journald
JOURNAL_SOCKET=/run/systemd/journal/socket
LOCK_DIR=/run/lock
J_LOCK=$LOCK_DIR/iid-test-journald.lock   # held shared by every run that uses journald
J_MUTEX=$LOCK_DIR/iid-test-journald.mutex # serialises start and stop
J_PIDFILE=$LOCK_DIR/iid-test-journald.pid # journald started by one of these runs

journal_socket_live() {
  [[ -S $JOURNAL_SOCKET ]] || return 1
  python3 - "$JOURNAL_SOCKET" <<'EOF' >/dev/null 2>&1
import socket, sys
s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
s.connect(sys.argv[1])
EOF
}

start_journald() {
  need journald /lib/systemd/systemd-journald journalctl logger
  if [[ $(id -u) -ne 0 ]]; then
    journal_socket_live || fail journald "no journald is running and starting one needs root"
    return
  fi
  mkdir -p "$LOCK_DIR"
  local mfd
  exec {mfd}>"$J_MUTEX"
  flock -w "$DEADLINE" "$mfd" || fail journald "timed out waiting for $J_MUTEX"
  if ! pgrep -x systemd-journal >/dev/null && ! journal_socket_live; then
    mkdir -p /run/systemd/journal
    # {mfd}>&-: journald must not inherit (and so hold) the mutex.
    setsid /lib/systemd/systemd-journald </dev/null >"$LOCK_DIR/iid-test-journald.log" 2>&1 {mfd}>&- &
    echo $! >"$J_PIDFILE"
    poll_alive "$(<"$J_PIDFILE")" journal_socket_live ||
      fail journald "no live socket at $JOURNAL_SOCKET after ${DEADLINE}s" "$LOCK_DIR/iid-test-journald.log"
  elif ! journal_socket_live; then
    # A journald we did not start is running but its socket is dead. A second
    # journald would steal the socket, so do not start one.
    poll journal_socket_live ||
      fail journald "systemd-journal runs (pid $(pgrep -x systemd-journal | tr '\n' ' ')) but $JOURNAL_SOCKET is not live"
  fi
  exec {journald_lock_fd}>"$J_LOCK"
  flock -s "$journald_lock_fd"
  exec {mfd}>&-
  export IID_TEST_JOURNALD=1
}

# The last run out stops the journald that one of these runs started.
# A journald that was running before is never stopped.
stop_journald() {
  [[ -n $journald_lock_fd ]] || return 0
  local mfd pid
  exec {mfd}>"$J_MUTEX"
  flock -w 5 "$mfd" || return 0
  if flock -n -x "$journald_lock_fd" && [[ -s $J_PIDFILE ]]; then
    pid=$(<"$J_PIDFILE")
    if [[ $(ps -o comm= -p "$pid" 2>/dev/null) == systemd-journal ]]; then
      kill "$pid" 2>/dev/null || true
      for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    fi
    rm -f "$J_PIDFILE"
  fi
  exec {journald_lock_fd}>&- {mfd}>&-
}

# ---------------------------------------------------------------- Xvfb + dunst
notifications_owned() {
  dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus \
    org.freedesktop.DBus.NameHasOwner string:org.freedesktop.Notifications 2>/dev/null |
    grep -q 'boolean true'
}

start_xvfb() {
  need Xvfb Xvfb xdpyinfo
  local n d
  for _ in 1 2 3; do
    n=
    for d in $(seq 90 199); do
      if [[ ! -e /tmp/.X11-unix/X$d && ! -e /tmp/.X$d-lock ]]; then n=$d; break; fi
    done
    [[ -n $n ]] || fail Xvfb "no free display number in :90-:199"
    Xvfb ":$n" -screen 0 1024x600x24 -nolisten tcp </dev/null >"$RT/xvfb.log" 2>&1 &
    xvfb_pid=$!
    export DISPLAY=":$n"
    if poll_alive "$xvfb_pid" xdpyinfo; then return; fi
    # Lost a race for the display number, or Xvfb died: try another one.
    kill "$xvfb_pid" 2>/dev/null || true
    wait "$xvfb_pid" 2>/dev/null || true
    xvfb_pid=
  done
  fail Xvfb "xdpyinfo got no answer on $DISPLAY" "$RT/xvfb.log"
}

start_dunst() {
  need dunst dunst dunstctl dbus-send notify-send
  export IID_TEST_DUNST_ACTION_FILE=$RT/dunst-action
  export IID_TEST_DUNST_MENU_LOG=$RT/dunst-menu.txt
  : >"$IID_TEST_DUNST_ACTION_FILE"
  # Stands in for dmenu in dunst's context menu: picks the action whose key is
  # in the action file. Input lines look like `#Label (summary) [id,key]`.
  cat >"$RT/dunst-pick-action" <<EOF
#!/bin/sh
cat >"$IID_TEST_DUNST_MENU_LOG"
want=\$(head -n 1 "$IID_TEST_DUNST_ACTION_FILE")
[ -n "\$want" ] || exit 0
grep -m 1 -F ",\$want]" "$IID_TEST_DUNST_MENU_LOG"
exit 0
EOF
  chmod +x "$RT/dunst-pick-action"
  cat >"$RT/dunstrc" <<EOF
[global]
    font = Monospace 10
    follow = none
    notification_limit = 0
    stack_duplicates = false
    sticky_history = yes
    history_length = 1000
    show_indicators = yes
    dmenu = $RT/dunst-pick-action
[urgency_low]
    timeout = 0
[urgency_normal]
    timeout = 0
[urgency_critical]
    timeout = 0
EOF
  dunst -config "$RT/dunstrc" </dev/null >"$RT/dunst.log" 2>&1 &
  dunst_pid=$!
  poll_alive "$dunst_pid" notifications_owned || fail dunst "org.freedesktop.Notifications has no owner on the session bus" "$RT/dunst.log"
  export IID_TEST_NOTIFY=1
}

# ---------------------------------------------------------------- mail
start_mta() {
  need exim4 /usr/sbin/sendmail /usr/sbin/exim4
  [[ $(readlink -f /usr/sbin/sendmail) == /usr/sbin/exim4 ]] ||
    fail exim4 "/usr/sbin/sendmail is $(readlink -f /usr/sbin/sendmail), not exim4"
  local user=iidmail
  if ! id -u "$user" >/dev/null 2>&1; then
    [[ $(id -u) -eq 0 ]] || fail exim4 "user $user missing and useradd needs root"
    useradd -m "$user" || fail exim4 "useradd -m $user failed"
  fi
  # Address test only: no message is sent.
  /usr/sbin/exim4 -bt "$user@localhost" 2>&1 | grep -q 'transport = mail_spool' ||
    fail exim4 "exim4 -bt $user@localhost does not route to mail_spool (configured for local delivery?)"
  export IID_TEST_MTA=1 IID_TEST_MAIL_USER=$user IID_TEST_MAILBOX=/var/mail/$user
}

start_msmtp() {
  need msmtp /usr/bin/msmtp
  if ! python3 -c 'import aiosmtpd' >/dev/null 2>&1; then
    python3 -m pip install --quiet --disable-pip-version-check --root-user-action=ignore \
      aiosmtpd </dev/null >&2 || true
    python3 -c 'import aiosmtpd' >/dev/null 2>&1 || fail aiosmtpd "python3 cannot import aiosmtpd"
  fi
  export IID_TEST_MSMTP=/usr/bin/msmtp
  IID_TEST_PYTHON=$(python3 -c 'import sys; print(sys.executable)')
  export IID_TEST_PYTHON
}

# ---------------------------------------------------------------- CalDAV and push
port_answers() { # port
  python3 -c 'import socket, sys; socket.create_connection(("127.0.0.1", int(sys.argv[1])), timeout=1).close()' "$1"
}

start_radicale() {
  need radicale radicale vdirsyncer
  local port
  for _ in 1 2 3; do
    port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    mkdir -p "$RT/radicale"
    cat >"$RT/radicale.conf" <<EOF
[server]
hosts = 127.0.0.1:$port
[auth]
type = none
[storage]
filesystem_folder = $RT/radicale/collections
[logging]
level = warning
EOF
    radicale --config "$RT/radicale.conf" </dev/null >"$RT/radicale.log" 2>&1 &
    radicale_pid=$!
    if poll_alive "$radicale_pid" port_answers "$port"; then
      export IID_TEST_RADICALE_URL="http://127.0.0.1:$port/"
      IID_TEST_VDIRSYNCER=$(command -v vdirsyncer)
      export IID_TEST_VDIRSYNCER
      return
    fi
    # Lost the port to someone else between the probe and the bind: try another.
    kill "$radicale_pid" 2>/dev/null || true
    wait "$radicale_pid" 2>/dev/null || true
    radicale_pid=
  done
  fail radicale "no answer on 127.0.0.1:$port" "$RT/radicale.log"
}

start_apprise() {
  need apprise apprise
  "$IID_TEST_PYTHON" -c 'import caldav' >/dev/null 2>&1 ||
    fail caldav "$IID_TEST_PYTHON cannot import caldav; run scripts/install-deps.sh"
  IID_TEST_APPRISE=$(command -v apprise)
  export IID_TEST_APPRISE
}

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
