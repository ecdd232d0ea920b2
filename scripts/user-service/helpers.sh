# shellcheck shell=bash
# shellcheck disable=SC2154,SC2034 # uid, gid, home, mgr and failed belong to scripts/test-user-service.sh
# shellcheck disable=SC2317,SC2329 # functions run from traps and poll loops, which shellcheck cannot follow
# Helpers for scripts/test-user-service.sh, which sources this file and gives it DEADLINE, MGR_LOG,
# T0, USER_NAME, USER_PATH, log, mgr, uid, gid, home and failed: polls with a deadline, the failure report,
# commands run as the test user, and this run's entries in the journal.

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
    PATH="$USER_PATH" XDG_RUNTIME_DIR="/run/user/$uid" "$@"
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
