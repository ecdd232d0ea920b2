# shellcheck shell=bash
# shellcheck disable=SC2317,SC2329 # functions run from traps and poll loops, which shellcheck cannot follow
# journald for scripts/with-components.sh, which sources this file and gives it DEADLINE, fail,
# poll, poll_alive, need and journald_lock_fd.
#
# The same protocol as scripts/user-service/journald.sh (same lock files), so that the two never
# run two journalds or stop one the other still uses.
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
