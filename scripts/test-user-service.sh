#!/usr/bin/env bash
# shellcheck disable=SC2317,SC2329 # functions run from traps and poll loops, which shellcheck cannot follow
# shellcheck source-path=SCRIPTDIR
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
#
# IID_SVC_PACKAGED=1 tests the installed Debian package instead (scripts/test-package.sh): step 1
# only checks /usr/bin/iid and /usr/lib/systemd/user/iid.service, the user's PATH is /usr/bin:/bin
# (no toolchain, no LD_LIBRARY_PATH), and step 7 is the upgrade when IID_SVC_UPGRADE_DEB names a
# newer package (scripts/user-service/upgrade.sh): installed with apt-get over the enabled, running
# daemon, which keeps running until restarted, then keeps its events and ledger.
# Cleanup always runs (trap): `systemctl --user exit`, then whatever is left in the cgroup folder
# is killed, the folders removed, the user deleted with its home (userdel -r), and a journald this
# script started is stopped.
#
# Every wait is a poll with a deadline (IID_SVC_TIMEOUT, default 30 s).
# Environment: IID_SVC_USER (default iidsvc), IID_SVC_TIMEOUT, IID_SVC_KEEP_LOGS=1 keeps the work
# folder with the manager's log.
#
# The parts, sourced from scripts/user-service/: helpers.sh (polls, commands as the user, the
# journal), journald.sh, teardown.sh (the cgroup folder, the user, the EXIT trap's cleanup),
# install.sh (steps 1 and 7), manager.sh (systemd --user), service.sh (steps 2 to 6) and
# upgrade.sh (step 7 for the package).
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
cd "$repo"

USER_NAME=${IID_SVC_USER:-iidsvc}
DEADLINE=${IID_SVC_TIMEOUT:-30}
MARK="iid user-service test (scripts/test-user-service.sh)" # GECOS of the user this script creates
MAKE=${MAKE:-make}
PACKAGED=${IID_SVC_PACKAGED:-0}
UPGRADE_DEB=${IID_SVC_UPGRADE_DEB:-}

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

parts=$repo/scripts/user-service
# shellcheck source=user-service/helpers.sh
. "$parts/helpers.sh"
# shellcheck source=user-service/journald.sh
. "$parts/journald.sh"
# shellcheck source=user-service/teardown.sh
. "$parts/teardown.sh"
# shellcheck source=user-service/install.sh
. "$parts/install.sh"
# shellcheck source=user-service/manager.sh
. "$parts/manager.sh"
# shellcheck source=user-service/service.sh
. "$parts/service.sh"
# shellcheck source=user-service/upgrade.sh
. "$parts/upgrade.sh"

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
EXEC=
USER_PATH=
journald_lock_fd=
failed=0

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

install_for_user # 1
start_manager
check_start      # 2
check_reminder   # 3
check_reload     # 4
check_stop       # 5
check_watchdog   # 6
if [[ $PACKAGED != 1 ]]; then
  check_uninstall # 7
elif [[ -n $UPGRADE_DEB ]]; then
  check_upgrade # 7, the package
fi

ok "all checks passed"
