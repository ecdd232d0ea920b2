# shellcheck shell=bash
# shellcheck disable=SC2317,SC2329 # functions run from traps and poll loops, which shellcheck cannot follow
# Teardown for scripts/test-user-service.sh, which sources this file and gives it CG, MARK, WORK,
# MGR_LOG, USER_NAME, log, as_user, diagnostics, stop_journald, now_ns, mgr and failed: the
# delegated cgroup folder, the test user, and the EXIT trap's cleanup.

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
