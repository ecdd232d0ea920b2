# shellcheck shell=bash
# shellcheck disable=SC2154 # uid, gid, home, mgr and repo are set by scripts/test-user-service.sh
# shellcheck disable=SC2317,SC2329 # functions run from poll loops, which shellcheck cannot follow
# The user manager for scripts/test-user-service.sh, which sources this file and gives it CG,
# JOURNAL_STASH, MGR_LOG, USER_NAME, ok, fail, poll, ctl, uid, gid and home: `systemd --user` as
# the test user, in the delegated cgroup folder and a mount namespace of its own; sets mgr.

manager_up() {
  kill -0 "$mgr" 2>/dev/null || fail "the user manager exited: $(tail -n 5 "$MGR_LOG")"
  local state
  state=$(ctl is-system-running 2>/dev/null || true)
  [[ $state == running || $state == degraded ]]
}

start_manager() {
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
  poll "the user manager (pid $mgr) to be running" manager_up
  grep -qx "0::/$(basename "$CG")/init.scope" "/proc/$mgr/cgroup" ||
    fail "the user manager is not in $CG/init.scope: $(grep '^0::' "/proc/$mgr/cgroup")"
  ok "systemd --user runs as $USER_NAME (pid $mgr) in $(grep '^0::' "/proc/$mgr/cgroup" | cut -d: -f3)"
}
