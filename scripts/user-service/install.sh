# shellcheck shell=bash
# shellcheck disable=SC2154 # uid, gid, home, mgr and repo are set by scripts/test-user-service.sh
# The test user and iid installed for them, for scripts/test-user-service.sh, which sources this
# file and gives it repo, MAKE, MARK, USER_NAME, PACKAGED, WORK, log, ok, fail, as_user, ctl and
# prop: step 1 creates the user and runs `make install` for them (or, PACKAGED=1, checks the
# installed package); step 7 runs `make uninstall` as them.

# 1. A throwaway user (its GECOS is $MARK) and `make install` for them; sets uid, gid, home, EXEC
# (the unit's ExecStart=) and USER_PATH (the user's PATH). PACKAGED=1: the package's /usr/bin/iid
# and /usr/lib/systemd/user/iid.service, a PATH of /usr/bin:/bin alone, no config (the built-in
# defaults, which the example config repeats).
install_for_user() {
  useradd -m -s /bin/bash -c "$MARK" "$USER_NAME"
  uid=$(id -u "$USER_NAME")
  gid=$(id -g "$USER_NAME")
  home=$(getent passwd "$USER_NAME" | cut -d: -f6)
  if [[ $PACKAGED == 1 ]]; then
    EXEC=/usr/bin/iid USER_PATH=/usr/bin:/bin
    [[ -x $EXEC && -x /usr/bin/iictl ]] || fail "the package's /usr/bin/iid and /usr/bin/iictl are not installed"
    grep -qx "ExecStart=$EXEC" /usr/lib/systemd/user/iid.service ||
      fail "/usr/lib/systemd/user/iid.service: ExecStart= is not $EXEC"
    ok "the package's iid for $USER_NAME (uid $uid), PATH=$USER_PATH"
    return
  fi
  EXEC=$home/.local/bin/iid USER_PATH=$home/.local/bin:/usr/local/bin:/usr/bin:/bin

  log "make install USER_HOME=$home PREFIX=$home/.local"
  "$MAKE" --no-print-directory install USER_HOME="$home" PREFIX="$home/.local" >"$WORK/install.log" 2>&1 ||
    { cat "$WORK/install.log" >&2; fail "make install for $USER_NAME"; }
  chown -R "$uid:$gid" "$home"
  [[ -f $home/.config/systemd/user/iid.service ]] || fail "no unit in $home/.config/systemd/user"
  grep -qx "ExecStart=$home/.local/bin/iid" "$home/.config/systemd/user/iid.service" ||
    fail "the installed unit's ExecStart= is not $home/.local/bin/iid"
  [[ -f $home/.config/iid/config.yaml ]] || fail "make install did not seed $home/.config/iid/config.yaml"
  ok "installed for $USER_NAME (uid $uid) in $home"
}

# 7. `systemctl --user enable --now iid`, then `make uninstall` as the user: disabled and stopped,
# the installed files gone, the config and the event log kept.
check_uninstall() {
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
}
