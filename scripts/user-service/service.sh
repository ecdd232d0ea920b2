# shellcheck shell=bash
# shellcheck disable=SC2154 # uid, gid, home, mgr and repo are set by scripts/test-user-service.sh
# shellcheck disable=SC2317,SC2329 # functions run from poll loops, which shellcheck cannot follow
# iid.service under the user manager, for scripts/test-user-service.sh, which sources this file
# and gives it CG, home, uid, gid, mgr, ok, fail, poll, holds_for, as_user, ctl, prop, prop_is and the
# journal helpers: steps 2 to 6 (start, a reminder due now, reload, stop, the watchdog). Sets pid1,
# the main process that steps 3 to 5 follow.

# 2. `systemctl --user start iid` returns once READY=1 arrived; STATUS= in `systemctl status`.
check_start() {
  ctl daemon-reload
  out=$(ctl cat iid.service) || fail "systemctl --user cat iid.service"
  grep -q "^ExecStart=$EXEC\$" <<<"$out" || fail "the manager loaded another iid.service: $out"
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
}

status_has() { [[ $(prop StatusText) == *"$1"* ]]; }

# 3. A follow-up due now reaches the journal from the service; `iictl status` reaches the daemon.
check_reminder() {
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
  poll "STATUS= to count the follow-up" status_has "1 pending"
  ok "STATUS= now: $(prop StatusText)"
}

# 4. `systemctl --user reload iid` (SIGHUP): same main process, still active, reload logged as done.
check_reload() {
  ctl reload iid.service || fail "systemctl --user reload iid exited $?"
  poll "the manager to log the reload of iid.service as done" \
    journal_has _PID="$mgr" USER_UNIT=iid.service JOB_TYPE=reload JOB_RESULT=done
  poll "iid to be active again after the reload" prop_is ActiveState active
  [[ $(prop MainPID) == "$pid1" ]] || fail "the reload replaced the main process ($pid1 -> $(prop MainPID))"
  [[ $(prop NRestarts) == 0 ]] || fail "NRestarts is $(prop NRestarts) after a reload"
  out=$(as_user iictl status) || fail "iictl status after the reload: $out"
  ok "reload: SIGHUP handled, same pid $pid1, active, the manager logged it as done"
}

# 5. `systemctl --user stop iid`: Result=success, exit status 0, "stopped" logged, nothing cut off.
check_stop() {
  ctl stop iid.service || fail "systemctl --user stop iid exited $?"
  [[ $(prop ActiveState) == inactive ]] || fail "iid is $(prop ActiveState) after stop"
  [[ $(prop Result) == success ]] || fail "Result=$(prop Result) after stop"
  [[ $(prop ExecMainStatus) == 0 ]] || fail "the daemon exited with $(prop ExecMainStatus)"
  poll "the daemon's 'stopped' line" journal_grep '^stopped$' SYSLOG_IDENTIFIER=iid _PID="$pid1"
  # KillMode=mixed: SIGTERM went to iid alone, so no delivery it was finishing was cut off.
  ! journal_grep 'killed by signal 15' SYSLOG_IDENTIFIER=iid _PID="$pid1" ||
    fail "a delivery was killed by the stop's SIGTERM (KillMode=mixed should spare iid's children)"
  ok "stop: Result=success, exit status 0, the daemon logged 'stopped', no delivery cut off"
}

same_main_active() { [[ $(prop ActiveState) == active && $(prop MainPID) == "$1" ]]; }

restarted() {
  local p
  p=$(prop MainPID)
  [[ $(prop ActiveState) == active && $p != 0 && $p != "$pid2" && $(prop NRestarts) -ge 1 ]]
}

# 6. The watchdog (a drop-in with WatchdogSec=2s): pinged while iid runs; frozen, it is killed and
# Restart=on-failure starts a new main process.
check_watchdog() {
  dropin=$home/.config/systemd/user/iid.service.d
  # Each folder the user's (with the package, ~/.config/systemd/user does not exist yet, and
  # `systemctl --user enable` must be able to write there later).
  install -d -o "$uid" -g "$gid" "$home/.config" "$home/.config/systemd" "$home/.config/systemd/user" "$dropin"
  # LimitCORE=0: the SIGABRT below would otherwise leave a core file in the test user's home.
  printf '[Service]\nWatchdogSec=2s\nRestartSec=1s\nLimitCORE=0\n' >"$dropin/test-watchdog.conf"
  chown "$uid:$gid" "$dropin/test-watchdog.conf"
  ctl daemon-reload
  [[ $(prop DropInPaths) == *test-watchdog.conf* ]] || fail "the manager did not load the drop-in: $(prop DropInPaths)"
  ctl start iid.service || fail "systemctl --user start iid (watchdog) exited $?"
  [[ $(prop WatchdogUSec) == 2s ]] || fail "WatchdogUSec=$(prop WatchdogUSec), not the drop-in's 2s"
  pid2=$(prop MainPID)
  [[ $(prop NRestarts) == 0 ]] || fail "NRestarts=$(prop NRestarts) before the test"
  holds_for 7 "iid (pid $pid2) was killed or restarted while it should be pinging the watchdog" same_main_active "$pid2"
  ok "iid outlived 3 watchdog periods of 2 s: it pings"
  kill -STOP "$pid2"
  poll "the watchdog to kill the frozen iid (pid $pid2) and Restart= to start a new one" restarted
  pid3=$(prop MainPID)
  poll "the old main process $pid2 to be gone" eval "! kill -0 $pid2"
  poll "the manager to log the watchdog timeout" journal_grep 'Watchdog timeout' _PID="$mgr" USER_UNIT=iid.service
  ok "watchdog: frozen pid $pid2 killed (Watchdog timeout), restarted as pid $pid3 (NRestarts=$(prop NRestarts))"
  ctl stop iid.service || fail "systemctl --user stop iid (after the watchdog) exited $?"
  [[ $(prop Result) == success ]] || fail "Result=$(prop Result) after the last stop"
  rm -r "$dropin"
  ctl daemon-reload
}
