# shellcheck shell=bash
# shellcheck disable=SC2154 # uid, gid, home and mgr are set by scripts/test-user-service.sh
# The package upgraded under a running daemon, for scripts/test-user-service.sh (IID_SVC_PACKAGED=1),
# which sources this file and gives it UPGRADE_DEB, WORK, home, log, ok, fail, as_user, ctl and
# prop: step 7 for the package.

# 7. `systemctl --user enable --now iid`; `apt-get install UPGRADE_DEB` over it: the installer says
# to restart, the running daemon is left alone, and after daemon-reload and restart the new main
# process answers with the same events and the same ledger (nothing delivered a second time).
check_upgrade() {
  local events=$home/.local/share/iid/events ledger=$home/.local/state/iid/delivered.jsonl pid_old pid_new out
  out=$(ctl enable --now iid.service 2>&1) || fail "systemctl --user enable --now iid: $out"
  [[ $(ctl is-enabled iid.service) == enabled && $(prop ActiveState) == active ]] || fail "iid is not enabled and active"
  pid_old=$(prop MainPID)
  [[ -s $ledger ]] || fail "no ledger at $ledger after the reminder of step 3"
  cat "$events"/*.jsonl >"$WORK/events.before"
  cp "$ledger" "$WORK/ledger.before"
  log "apt-get install $UPGRADE_DEB, iid running as pid $pid_old"
  out=$(DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y --allow-downgrades \
    "$UPGRADE_DEB" 2>&1) || { echo "$out" >&2; fail "apt-get install $UPGRADE_DEB"; }
  grep -q 'systemctl --user daemon-reload && systemctl --user restart iid' <<<"$out" ||
    fail "the upgrade did not say how to restart iid: $out"
  ok "the upgrade says: $(grep -m1 'is upgraded from' <<<"$out")"
  [[ $(prop MainPID) == "$pid_old" && $(prop ActiveState) == active ]] ||
    fail "the upgrade touched the running daemon (MainPID $(prop MainPID), $(prop ActiveState))"
  [[ $(readlink "/proc/$pid_old/exe") == "/usr/bin/iid (deleted)" ]] ||
    fail "pid $pid_old runs $(readlink "/proc/$pid_old/exe"), not the replaced /usr/bin/iid"
  ok "the running daemon (pid $pid_old) was left alone, on the replaced binary"
  ctl daemon-reload
  ctl restart iid.service || fail "systemctl --user restart iid exited $?"
  pid_new=$(prop MainPID)
  [[ $pid_new != "$pid_old" && $(prop ActiveState) == active ]] || fail "restart: MainPID $pid_new, $(prop ActiveState)"
  [[ $(readlink "/proc/$pid_new/exe") == /usr/bin/iid ]] || fail "pid $pid_new runs $(readlink "/proc/$pid_new/exe")"
  out=$(as_user iictl status) || fail "iictl status after the upgrade: $out"
  grep -q "pid $pid_new" <<<"$out" || fail "iictl status does not name pid $pid_new: $out"
  cmp -s "$WORK/events.before" <(cat "$events"/*.jsonl) || fail "the event log changed across the upgrade"
  cmp -s "$WORK/ledger.before" "$ledger" || fail "the ledger changed across the upgrade: $(diff "$WORK/ledger.before" "$ledger")"
  out=$(as_user iictl pending) || fail "iictl pending after the upgrade: $out"
  grep -q 'jane-doe.follow-up' <<<"$out" || fail "iictl pending lost the follow-up: $out"
  ok "restarted as pid $pid_new on the new /usr/bin/iid: same events ($(wc -l <"$WORK/events.before") lines), same ledger ($(wc -l <"$ledger") lines), iictl answers"
  ctl disable --now iid.service >/dev/null 2>&1 || fail "systemctl --user disable --now iid exited $?"
  [[ $(prop ActiveState) == inactive ]] || fail "disable --now left iid $(prop ActiveState)"
}
