# shellcheck shell=bash
# shellcheck disable=SC2317,SC2329 # functions run from traps and poll loops, which shellcheck cannot follow
# journald for scripts/test-user-service.sh, which sources this file and gives it DEADLINE, log,
# poll, fail and journald_lock_fd.
#
# The same protocol as scripts/components/journald.sh (same lock files), so the two never run two
# journalds or stop one the other still uses: every user holds $J_LOCK shared; the last one out
# stops the journald that one of them started; a journald that was already running stays.
JOURNAL_SOCKET=/run/systemd/journal/socket
LOCK_DIR=/run/lock
J_LOCK=$LOCK_DIR/iid-test-journald.lock
J_MUTEX=$LOCK_DIR/iid-test-journald.mutex
J_PIDFILE=$LOCK_DIR/iid-test-journald.pid

journal_socket_live() {
  [[ -S $JOURNAL_SOCKET ]] || return 1
  python3 - "$JOURNAL_SOCKET" <<'EOF' >/dev/null 2>&1
import socket, sys
s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
s.connect(sys.argv[1])
EOF
}

start_journald() {
  local mfd pid
  mkdir -p "$LOCK_DIR"
  exec {mfd}>"$J_MUTEX"
  flock -w "$DEADLINE" "$mfd" || fail "timed out waiting for $J_MUTEX"
  if ! pgrep -x systemd-journal >/dev/null && ! journal_socket_live; then
    mkdir -p /run/systemd/journal
    setsid /lib/systemd/systemd-journald </dev/null >"$LOCK_DIR/iid-test-journald.log" 2>&1 {mfd}>&- &
    pid=$!
    echo "$pid" >"$J_PIDFILE"
    poll "journald's socket at $JOURNAL_SOCKET" journal_socket_live
    log "started systemd-journald (pid $pid)"
  elif ! journal_socket_live; then
    poll "the running journald's socket at $JOURNAL_SOCKET" journal_socket_live
  fi
  exec {journald_lock_fd}>"$J_LOCK"
  flock -s "$journald_lock_fd"
  exec {mfd}>&-
}

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
      log "stopped systemd-journald (pid $pid)"
    fi
    rm -f "$J_PIDFILE"
  fi
  exec {journald_lock_fd}>&- {mfd}>&-
  journald_lock_fd=
}
