#!/usr/bin/env bash
# shellcheck disable=SC2317 # functions run from traps and poll loops, which shellcheck cannot follow
# test-user-service.sh — systemd/iid.service under a real systemd user manager, end to end.
#
# Run as root on a machine whose PID 1 is not systemd (CI). How: a throwaway non-root user, a
# cgroup2 folder delegated to it, and `systemd --user` in a private mount namespace with a tmpfs
# over /run/systemd (so that /run/systemd/system exists only there) and the real
# /run/systemd/journal bound back in.
# The user manager is never run as root, and never in the root cgroup.
#
# What it checks, as that user, through nsenter + setpriv:
#   1. `make install` for the user (USER_HOME=~user PREFIX=~user/.local, as root, then chown):
#      the unit lands in ~/.config/systemd/user and the example config in ~/.config/iid;
#   2. `systemctl --user start iid` returns once READY=1 arrived: the unit is active, and
#      `systemctl --user status iid` shows the daemon's STATUS= text ("... pending ...");
#   3. an event recorded with iictl makes a follow-up due now, and the reminder reaches the journal
#      (SYSLOG_IDENTIFIER=iid, IID_TASK=jane-doe.follow-up) from the service's main process;
#      `iictl status` reaches the daemon over its control socket;
#   4. `systemctl --user reload iid` (SIGHUP): same main process, still active, the manager logged
#      the reload as done, and `iictl status` still answers;
#   5. `systemctl --user stop iid`: Result=success, exit status 0, the daemon logged "stopped", and
#      no delivery in flight was killed by the stop's SIGTERM (KillMode=mixed);
#   6. the watchdog, with a drop-in setting WatchdogSec=2s: the daemon outlives several watchdog
#      periods (so it pings), then, frozen with SIGSTOP, it is killed (Watchdog timeout: SIGABRT,
#      which the Swift runtime survives, then SIGKILL after the unit's TimeoutAbortSec=) and
#      Restart=on-failure starts a new main process that becomes active again;
#   7. `systemctl --user enable --now iid`, then `make uninstall` run as the user: the service is
#      disabled and stopped, the installed files are gone, the config and the event log stay.
# Cleanup always runs (trap): `systemctl --user exit`, then whatever is left in the cgroup folder
# is killed, the folders removed, the user deleted with its home (userdel -r), and a journald this
# script started is stopped.
#
# Every wait is a poll with a deadline (IID_SVC_TIMEOUT, default 30 s).
# Environment: IID_SVC_USER (default iidsvc), IID_SVC_TIMEOUT, IID_SVC_KEEP_LOGS=1 keeps the work
# folder with the manager's log.
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
cd "$repo"

USER_NAME=${IID_SVC_USER:-iidsvc}
DEADLINE=${IID_SVC_TIMEOUT:-30}
MARK="iid user-service test (scripts/test-user-service.sh)" # GECOS of the user this script creates
MAKE=${MAKE:-make}

# fd 3 is the script's stderr, also inside poll, which silences the command it runs.
exec 3>&2
log() { echo "test-user-service: $*" >&3; }
ok() { echo "test-user-service: ok: $*"; }

if [[ $(id -u) -ne 0 ]]; then
  log "must run as root: it creates a user, a cgroup folder and a mount namespace"
  exit 2
fi
if [[ $(ps -o comm= -p 1) == systemd || -d /run/systemd/system ]]; then
  log "PID 1 is systemd here; this script is for machines without it (use user@UID.service instead)"
  exit 2
fi
for c in useradd userdel unshare nsenter setpriv mount systemctl journalctl flock python3 /lib/systemd/systemd \
  /lib/systemd/systemd-journald; do
  command -v "$c" >/dev/null || { log "$c not found; run scripts/install-deps.sh"; exit 2; }
done
if [[ -f /sys/fs/cgroup/unified/cgroup.procs ]]; then
  CGROOT=/sys/fs/cgroup/unified # hybrid layout
elif [[ -f /sys/fs/cgroup/cgroup.controllers ]]; then
  CGROOT=/sys/fs/cgroup # unified layout
else
  log "no cgroup2 hierarchy at /sys/fs/cgroup/unified or /sys/fs/cgroup"
  exit 2
fi

WORK=$(mktemp -d /tmp/iid-user-service.XXXXXX)
chmod 755 "$WORK"
CG=$CGROOT/iid-test-$USER_NAME
JOURNAL_STASH=$WORK/journal # the real /run/systemd/journal, bound here inside the namespace
MGR_LOG=$WORK/manager.log
T0=$(date +%s)
mgr=
uid=
gid=
home=
journald_lock_fd=
failed=0

# ---------------------------------------------------------------- helpers
now_ns() { date +%s%N; }

# poll DESCRIPTION COMMAND...: run COMMAND every 0.2 s until it succeeds; fail after DEADLINE.
poll() {
  local what=$1 end
  shift
  end=$(($(now_ns) + DEADLINE * 1000000000))
  until "$@" >/dev/null 2>&1; do
    (($(now_ns) < end)) || fail "timed out after ${DEADLINE}s waiting for: $what"
    sleep 0.2
  done
}

# holds_for SECONDS DESCRIPTION COMMAND...: COMMAND keeps succeeding for SECONDS (checked every 0.2 s).
holds_for() {
  local end=$(($(now_ns) + $1 * 1000000000)) what=$2
  shift 2
  while (($(now_ns) < end)); do
    "$@" >/dev/null 2>&1 || fail "$what"
    sleep 0.2
  done
}

fail() {
  log "FAIL: $*"
  failed=1
  diagnostics
  exit 1
}

diagnostics() {
  [[ -n $mgr ]] && kill -0 "$mgr" 2>/dev/null || return 0
  log "--- systemctl --user status iid"
  as_user timeout 10 systemctl --user status iid --no-pager -n 0 >&3 2>&3 || true
  log "--- journal of uid $uid since the start"
  journalctl --no-pager -o short-precise --since "@$T0" _UID="$uid" 2>/dev/null | tail -n 40 >&3 || true
  log "--- user manager's stderr"
  tail -n 20 "$MGR_LOG" >&3 || true
}

# as_user COMMAND...: run COMMAND as the test user inside the manager's mount namespace.
as_user() {
  nsenter -t "$mgr" -m --wd="$home" -- setpriv --reuid="$uid" --regid="$gid" --init-groups \
    env -i HOME="$home" USER="$USER_NAME" LOGNAME="$USER_NAME" LANG=C.UTF-8 \
    PATH="$home/.local/bin:/usr/local/bin:/usr/bin:/bin" XDG_RUNTIME_DIR="/run/user/$uid" "$@"
}
ctl() { as_user timeout "$DEADLINE" systemctl --user "$@"; }
prop() { ctl show -p "$1" --value iid.service; }
prop_is() { [[ $(prop "$1") == "$2" ]]; }

# journal_json FIELD=VALUE...: this run's entries from the test user, as JSON lines.
journal_json() { journalctl --no-pager -o json --since "@$T0" _UID="$uid" "$@" 2>/dev/null; }
journal_has() { [[ -n $(journal_json "$@") ]]; }
# journal_grep REGEX FIELD=VALUE...: an entry matching the fields has a MESSAGE matching REGEX.
journal_grep() {
  local re=$1
  shift
  journal_json "$@" | python3 -c '
import json, re, sys
pat = re.compile(sys.argv[1])
sys.exit(0 if any(pat.search(str(json.loads(l).get("MESSAGE", ""))) for l in sys.stdin) else 1)' "$re"
}

# ---------------------------------------------------------------- journald
# The same protocol as scripts/with-components.sh (same lock files), so the two never run two
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

# ---------------------------------------------------------------- setup and teardown
# kill_cgroup DIR: SIGKILL every process in DIR and below.
kill_cgroup() {
  local d=$1 f pid
  [[ -d $d ]] || return 0
  if [[ -e $d/cgroup.kill ]]; then
    echo 1 >"$d/cgroup.kill" 2>/dev/null || true
  fi
  while IFS= read -r f; do
    while IFS= read -r pid; do kill -9 "$pid" 2>/dev/null || true; done <"$f"
  done < <(find "$d" -name cgroup.procs 2>/dev/null)
}

cgroup_empty() { [[ -z $(find "$CG" -name cgroup.procs -exec cat {} + 2>/dev/null) ]]; }

remove_cgroup() {
  [[ -d $CG ]] || return 0
  kill_cgroup "$CG"
  local end=$(($(now_ns) + 10 * 1000000000))
  until cgroup_empty; do
    (($(now_ns) < end)) || { log "processes are left in $CG: $(find "$CG" -name cgroup.procs -exec cat {} +)"; break; }
    sleep 0.1
  done
  find "$CG" -depth -type d -exec rmdir {} \; 2>/dev/null || true
  [[ ! -d $CG ]] || log "could not remove $CG"
}

# A user this script created (its GECOS is $MARK) is ours to delete, even if a crashed run left it.
our_user() { [[ $(getent passwd "$USER_NAME" | cut -d: -f5) == "$MARK" ]]; }

remove_user() {
  if id -u "$USER_NAME" >/dev/null 2>&1 && our_user; then
    local u
    u=$(id -u "$USER_NAME")
    # Anything of that user still running outside the cgroup (there should be nothing).
    while IFS= read -r pid; do kill -9 "$pid" 2>/dev/null || true; done < <(pgrep -U "$u" || true)
    userdel -r "$USER_NAME" 2>"$WORK/userdel.log" || {
      grep -v 'mail spool .* not found' "$WORK/userdel.log" >&2 || true
    }
    id -u "$USER_NAME" >/dev/null 2>&1 && log "could not delete user $USER_NAME"
  fi
  return 0
}

cleanup() {
  local rc=$?
  set +e
  trap - EXIT INT TERM HUP
  if ((rc != 0 && failed == 0)); then
    log "FAIL: stopped with exit status $rc"
    failed=1
    diagnostics
  fi
  if [[ -n $mgr ]] && kill -0 "$mgr" 2>/dev/null; then
    as_user timeout 10 systemctl --user exit >/dev/null 2>&1
    local end=$(($(now_ns) + 10 * 1000000000))
    while kill -0 "$mgr" 2>/dev/null && (($(now_ns) < end)); do sleep 0.1; done
    kill -0 "$mgr" 2>/dev/null && log "the user manager did not exit; killing what is left in $CG"
  fi
  remove_cgroup
  [[ -z $mgr ]] || wait "$mgr" 2>/dev/null
  remove_user
  stop_journald
  if [[ ${IID_SVC_KEEP_LOGS:-} == 1 || $failed == 1 ]] && [[ -s $MGR_LOG ]]; then
    log "kept $WORK"
  else
    rm -rf "$WORK"
  fi
  if ((rc == 0)); then log "cleaned up"; fi
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
trap 'exit 129' HUP

# Leftovers of a run that was killed before its cleanup.
remove_cgroup
if id -u "$USER_NAME" >/dev/null 2>&1; then
  our_user || { log "user $USER_NAME exists and was not made by this script; set IID_SVC_USER"; exit 2; }
  log "removing user $USER_NAME left by an earlier run"
  remove_user
fi

start_journald

# ---------------------------------------------------------------- 1. user and install
useradd -m -s /bin/bash -c "$MARK" "$USER_NAME"
uid=$(id -u "$USER_NAME")
gid=$(id -g "$USER_NAME")
home=$(getent passwd "$USER_NAME" | cut -d: -f6)

log "make install USER_HOME=$home PREFIX=$home/.local"
"$MAKE" --no-print-directory install USER_HOME="$home" PREFIX="$home/.local" >"$WORK/install.log" 2>&1 ||
  { cat "$WORK/install.log" >&2; fail "make install for $USER_NAME"; }
chown -R "$uid:$gid" "$home"
[[ -f $home/.config/systemd/user/iid.service ]] || fail "no unit in $home/.config/systemd/user"
grep -qx "ExecStart=$home/.local/bin/iid" "$home/.config/systemd/user/iid.service" ||
  fail "the installed unit's ExecStart= is not $home/.local/bin/iid"
[[ -f $home/.config/iid/config.yaml ]] || fail "make install did not seed $home/.config/iid/config.yaml"
ok "installed for $USER_NAME (uid $uid) in $home"

# ---------------------------------------------------------------- the user manager
mkdir "$CG"
chown "$uid:$gid" "$CG" "$CG/cgroup.procs" "$CG/cgroup.subtree_control" "$CG/cgroup.threads"
mkdir -p "$JOURNAL_STASH"

# In the new mount namespace: join the delegated cgroup, keep the real journal directory, put a
# tmpfs over /run/systemd with a system/ folder (so systemd believes it is booted with systemd)
# and the journal bound back, give the user a /run/user/UID, then become the user and exec the
# manager. Everything mounted here disappears with the namespace.
# shellcheck disable=SC2016 # expanded by the inner bash
setsid unshare -m --propagation private -- bash -c '
  set -e
  echo $$ >"$1/cgroup.procs"
  mount --bind /run/systemd/journal "$2"
  mount -t tmpfs -o mode=0755 tmpfs /run/systemd
  mkdir /run/systemd/system /run/systemd/journal
  mount --move "$2" /run/systemd/journal
  mount -t tmpfs -o mode=0755 tmpfs /run/user
  mkdir -m 0700 "/run/user/$3"
  chown "$3:$4" "/run/user/$3"
  exec setpriv --reuid="$3" --regid="$4" --init-groups \
    env -i HOME="$5" USER="$6" LOGNAME="$6" LANG=C.UTF-8 PATH=/usr/local/bin:/usr/bin:/bin \
    XDG_RUNTIME_DIR="/run/user/$3" /lib/systemd/systemd --user --log-target=journal-or-kmsg
' _ "$CG" "$JOURNAL_STASH" "$uid" "$gid" "$home" "$USER_NAME" </dev/null >"$MGR_LOG" 2>&1 &
mgr=$!

manager_up() {
  kill -0 "$mgr" 2>/dev/null || fail "the user manager exited: $(tail -n 5 "$MGR_LOG")"
  local state
  state=$(ctl is-system-running 2>/dev/null || true)
  [[ $state == running || $state == degraded ]]
}
poll "the user manager (pid $mgr) to be running" manager_up
grep -qx "0::/$(basename "$CG")/init.scope" "/proc/$mgr/cgroup" ||
  fail "the user manager is not in $CG/init.scope: $(grep '^0::' "/proc/$mgr/cgroup")"
ok "systemd --user runs as $USER_NAME (pid $mgr) in $(grep '^0::' "/proc/$mgr/cgroup" | cut -d: -f3)"

# ---------------------------------------------------------------- 2. start
ctl daemon-reload
out=$(ctl cat iid.service) || fail "systemctl --user cat iid.service"
grep -q "^ExecStart=$home/.local/bin/iid\$" <<<"$out" || fail "the manager loaded another iid.service: $out"
ctl start iid.service || fail "systemctl --user start iid exited $?"
# start returns once READY=1 has arrived (Type=notify), so no waiting here.
[[ $(prop ActiveState) == active ]] || fail "iid is $(prop ActiveState) right after start returned"
[[ $(prop SubState) == running ]] || fail "iid's SubState is $(prop SubState)"
pid1=$(prop MainPID)
[[ $pid1 -gt 0 ]] || fail "no MainPID"
[[ $(cat "/proc/$pid1/comm") == iid ]] || fail "MainPID $pid1 is $(cat "/proc/$pid1/comm"), not iid"
grep -qx "0::/$(basename "$CG")/app.slice/iid.service" "/proc/$pid1/cgroup" ||
  fail "iid is not in the unit's cgroup: $(grep '^0::' "/proc/$pid1/cgroup")"
status=$(ctl status iid.service --no-pager -n 0) || fail "systemctl --user status iid exited $?"
grep -Eq '^ +Status: ".*pending.*"$' <<<"$status" || fail "no daemon STATUS= in systemctl status: $status"
ok "start returned with iid active (pid $pid1); systemctl --user status iid:"
while IFS= read -r line; do echo "    $line"; done <<<"$status"
[[ $(prop NotifyAccess) == main && $(prop Type) == notify ]] || fail "Type/NotifyAccess not as in the unit"
poll "the daemon's start line in the journal" journal_grep '^iid started ' SYSLOG_IDENTIFIER=iid _PID="$pid1"
ok "the daemon's own log reaches the journal (SYSLOG_IDENTIFIER=iid)"

# ---------------------------------------------------------------- 3. a reminder due now
contact=$(as_user iictl add "Jane Doe") || fail "iictl add"
[[ $contact == jane-doe ]] || fail "iictl add printed '$contact', not jane-doe"
as_user iictl request jane-doe --at "$(date -d '-7 days' '+%Y-%m-%d %H:%M:%S')" >/dev/null ||
  fail "iictl request"
task=jane-doe.follow-up
poll "the reminder $task in the journal" journal_has SYSLOG_IDENTIFIER=iid IID_TASK="$task" _PID="$pid1"
entry=$(journal_json SYSLOG_IDENTIFIER=iid IID_TASK="$task" _PID="$pid1" | head -n 1)
msg=$(python3 -c 'import json,sys; e=json.loads(sys.argv[1]); print(e.get("MESSAGE"))' "$entry")
cgroup=$(python3 -c 'import json,sys; e=json.loads(sys.argv[1]); print(e.get("_SYSTEMD_CGROUP"))' "$entry")
[[ $cgroup == */app.slice/iid.service ]] || fail "the reminder came from cgroup $cgroup, not the unit's"
ok "reminder in the journal from the service: IID_TASK=$task MESSAGE=\"$(head -n 1 <<<"$msg")\""
out=$(as_user iictl status) || fail "iictl status: $out"
grep -q "pid $pid1" <<<"$out" || fail "iictl status does not name pid $pid1: $out"
ok "iictl status reaches the daemon: $(head -n 1 <<<"$out")"
status_has() { [[ $(prop StatusText) == *"$1"* ]]; }
poll "STATUS= to count the follow-up" status_has "1 pending"
ok "STATUS= now: $(prop StatusText)"

# ---------------------------------------------------------------- 4. reload
ctl reload iid.service || fail "systemctl --user reload iid exited $?"
poll "the manager to log the reload of iid.service as done" \
  journal_has _PID="$mgr" USER_UNIT=iid.service JOB_TYPE=reload JOB_RESULT=done
poll "iid to be active again after the reload" prop_is ActiveState active
[[ $(prop MainPID) == "$pid1" ]] || fail "the reload replaced the main process ($pid1 -> $(prop MainPID))"
[[ $(prop NRestarts) == 0 ]] || fail "NRestarts is $(prop NRestarts) after a reload"
out=$(as_user iictl status) || fail "iictl status after the reload: $out"
ok "reload: SIGHUP handled, same pid $pid1, active, the manager logged it as done"

# ---------------------------------------------------------------- 5. stop
ctl stop iid.service || fail "systemctl --user stop iid exited $?"
[[ $(prop ActiveState) == inactive ]] || fail "iid is $(prop ActiveState) after stop"
[[ $(prop Result) == success ]] || fail "Result=$(prop Result) after stop"
[[ $(prop ExecMainStatus) == 0 ]] || fail "the daemon exited with $(prop ExecMainStatus)"
poll "the daemon's 'stopped' line" journal_grep '^stopped$' SYSLOG_IDENTIFIER=iid _PID="$pid1"
# KillMode=mixed: SIGTERM went to iid alone, so no delivery it was finishing was cut off.
! journal_grep 'killed by signal 15' SYSLOG_IDENTIFIER=iid _PID="$pid1" ||
  fail "a delivery was killed by the stop's SIGTERM (KillMode=mixed should spare iid's children)"
ok "stop: Result=success, exit status 0, the daemon logged 'stopped', no delivery cut off"

# ---------------------------------------------------------------- 6. watchdog
dropin=$home/.config/systemd/user/iid.service.d
install -d -o "$uid" -g "$gid" "$dropin"
# LimitCORE=0: the SIGABRT below would otherwise leave a core file in the test user's home.
printf '[Service]\nWatchdogSec=2s\nRestartSec=1s\nLimitCORE=0\n' >"$dropin/test-watchdog.conf"
chown "$uid:$gid" "$dropin/test-watchdog.conf"
ctl daemon-reload
[[ $(prop DropInPaths) == *test-watchdog.conf* ]] || fail "the manager did not load the drop-in: $(prop DropInPaths)"
ctl start iid.service || fail "systemctl --user start iid (watchdog) exited $?"
[[ $(prop WatchdogUSec) == 2s ]] || fail "WatchdogUSec=$(prop WatchdogUSec), not the drop-in's 2s"
pid2=$(prop MainPID)
[[ $(prop NRestarts) == 0 ]] || fail "NRestarts=$(prop NRestarts) before the test"
same_main_active() { [[ $(prop ActiveState) == active && $(prop MainPID) == "$1" ]]; }
holds_for 7 "iid (pid $pid2) was killed or restarted while it should be pinging the watchdog" same_main_active "$pid2"
ok "iid outlived 3 watchdog periods of 2 s: it pings"
kill -STOP "$pid2"
restarted() {
  local p
  p=$(prop MainPID)
  [[ $(prop ActiveState) == active && $p != 0 && $p != "$pid2" && $(prop NRestarts) -ge 1 ]]
}
poll "the watchdog to kill the frozen iid (pid $pid2) and Restart= to start a new one" restarted
pid3=$(prop MainPID)
poll "the old main process $pid2 to be gone" eval "! kill -0 $pid2"
poll "the manager to log the watchdog timeout" journal_grep 'Watchdog timeout' _PID="$mgr" USER_UNIT=iid.service
ok "watchdog: frozen pid $pid2 killed (Watchdog timeout), restarted as pid $pid3 (NRestarts=$(prop NRestarts))"
ctl stop iid.service || fail "systemctl --user stop iid (after the watchdog) exited $?"
[[ $(prop Result) == success ]] || fail "Result=$(prop Result) after the last stop"
rm -r "$dropin"
ctl daemon-reload

# ---------------------------------------------------------------- 7. uninstall
ctl enable --now iid.service >/dev/null 2>&1 || fail "systemctl --user enable --now iid exited $?"
[[ $(ctl is-enabled iid.service) == enabled ]] || fail "iid is not enabled after enable"
# As the user, as a person would: make's HOME is theirs, so USER_HOME and PREFIX are the defaults.
# (A copy of the Makefile, which is all uninstall needs, in case the user cannot read the checkout.)
install -m 644 "$repo/Makefile" "$WORK/Makefile"
out=$(as_user make --no-print-directory -C "$WORK" uninstall 2>&1) || fail "make uninstall as $USER_NAME: $out"
[[ $(prop ActiveState) == inactive ]] || fail "make uninstall left iid $(prop ActiveState)"
[[ ! -e $home/.config/systemd/user/default.target.wants/iid.service ]] || fail "make uninstall left iid enabled"
for f in .local/bin/iid .local/bin/iictl .config/systemd/user/iid.service .local/share/man/man1/iictl.1 \
  .local/share/man/man5/iid.yaml.5 \
  .local/share/iid/install-manifest; do
  [[ ! -e $home/$f ]] || fail "make uninstall left ~/$f"
done
[[ -f $home/.config/iid/config.yaml ]] || fail "make uninstall removed the user's config"
[[ -n $(find "$home/.local/share/iid/events" -name '*.jsonl') ]] || fail "make uninstall removed the event log"
ok "make uninstall (as $USER_NAME): disabled and stopped iid, removed its files, kept the config and the event log"

ok "all checks passed"
