#!/usr/bin/env bash
# test-package.sh [DIST_OUT] — what `make test-package` runs: the Debian package, installed and
# used as a person would, on a machine without Swift. Root only (apt-get, a throwaway user);
# CI runs it after the other tests.
#
#   1. The packages: DIST_OUT/iid_VERSION_amd64.deb from `make dist` (built here when missing), and
#      the same build packaged as VERSION+test1, the upgrade. lintian prints nothing for the first
#      but the tags overridden in packaging/debian/lintian-overrides (each with its reason).
#   2. `apt-get install ./iid_VERSION_amd64.deb`: the installer says the one command to start it;
#      every expected file is in `dpkg -L iid`; /usr/bin/iid and iictl say VERSION in an
#      environment holding nothing but PATH=/usr/bin:/bin (no toolchain, no LD_LIBRARY_PATH) and
#      need no library of the toolchain; the unit passes `systemd-analyze verify`; `man` finds the
#      pages; the installed bash, zsh and fish completions complete contact and task ids
#      (scripts/test-completions.sh with COMPLETIONS=installed).
#   3. scripts/test-user-service.sh with IID_SVC_PACKAGED=1: the packaged unit under a real systemd
#      user manager (start, a reminder, reload, stop, the watchdog), then the upgrade installed
#      over the enabled, running daemon (scripts/user-service/upgrade.sh).
#   4. `apt-get remove iid`: every file is gone and the installer says where each person's data
#      stays; `apt-get purge iid`: dpkg forgets the package, and nothing `dpkg -L` listed after the
#      install is left (a folder may stay only if another package owns it or it is not empty).
# The package must not be installed when this starts (IID_PKG_REPLACE=1 purges it first); a
# failed run purges what it installed.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
out=${1:-dist}
version=$(<VERSION)
upgrade_version=$version+test1
deb=$out/iid_${version}_amd64.deb
upgrade_dir=$out/upgrade
upgrade_deb=$upgrade_dir/iid_${upgrade_version}_amd64.deb

log() { echo "test-package: $*" >&2; }
ok() { echo "test-package: ok: $*"; }
fail() { log "FAIL: $*"; exit 1; }
apt() { DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 -y "$@" </dev/null 2>&1; }

[[ $(id -u) -eq 0 ]] || { log "must run as root: it installs a package and creates a user"; exit 2; }
for c in apt-get dpkg lintian dpkg-shlibdeps systemd-analyze man; do
  command -v "$c" >/dev/null || { log "$c not found; run scripts/install-deps.sh"; exit 2; }
done
if dpkg-query -W -f='${db:Status-Abbrev}' iid 2>/dev/null | grep -q '^[ic]'; then
  [[ ${IID_PKG_REPLACE:-} == 1 ]] || { log "iid is installed already; IID_PKG_REPLACE=1 purges it first"; exit 2; }
  apt purge iid >/dev/null
fi
work=$(mktemp -d /tmp/iid-test-package.XXXXXX)
installed=0
cleanup() {
  local rc=$?
  # A failed run leaves no package behind: the next run starts from nothing as well.
  if ((rc != 0 && installed)) && dpkg-query -W iid >/dev/null 2>&1; then
    log "purging iid after the failure"
    apt purge iid >/dev/null || log "apt-get purge iid failed"
  fi
  rm -rf "$work"
  exit "$rc"
}
trap cleanup EXIT

# 1. The packages.
if [[ ! -f $deb ]]; then
  log "no $deb: make dist"
  scripts/dist.sh "$out"
fi
log "the upgrade: the same build as $upgrade_version"
PACKAGE_VERSION=$upgrade_version scripts/dist.sh "$upgrade_dir" >"$work/dist-upgrade.log" 2>&1 ||
  { cat "$work/dist-upgrade.log" >&2; fail "scripts/dist.sh with PACKAGE_VERSION=$upgrade_version"; }
lint=$(lintian --fail-on error,warning "$deb" 2>&1) || fail "lintian: $lint"
lint=$(grep -v '^running with root privileges' <<<"$lint" || true)
[[ -z $lint ]] || fail "lintian: $lint"
ok "lintian $deb: nothing to say (overridden: $(grep -c '^iid:' packaging/debian/lintian-overrides) tag(s), each with its reason)"

# 2. Install.
abs_deb=$(realpath "$deb")
installed=1
said=$(apt install "$abs_deb") || { echo "$said" >&2; fail "apt-get install $abs_deb"; }
grep -q 'systemctl --user enable --now iid' <<<"$said" || fail "the installer did not say how to start iid: $said"
ok "apt-get install ./$(basename "$deb"): $(grep -m1 'iid is installed' <<<"$said")"
[[ $(dpkg-query -W -f='${Version}' iid) == "$version" ]] || fail "dpkg says iid $(dpkg-query -W -f='${Version}' iid)"
dpkg -L iid | LC_ALL=C sort >"$work/listed"
expected=(
  /usr/bin/iid /usr/bin/iictl /usr/lib/systemd/user/iid.service
  /usr/share/man/man1/iid.1.gz /usr/share/man/man1/iictl.1.gz
  /usr/share/man/man5/iid.yaml.5.gz /usr/share/man/man5/iid-events.5.gz
  /usr/share/bash-completion/completions/iid /usr/share/bash-completion/completions/iictl
  /usr/share/zsh/vendor-completions/_iid /usr/share/zsh/vendor-completions/_iictl
  /usr/share/fish/vendor_completions.d/iid.fish /usr/share/fish/vendor_completions.d/iictl.fish
  /usr/share/doc/iid/copyright /usr/share/doc/iid/changelog.gz /usr/share/doc/iid/README.Debian
  /usr/share/doc/iid/iid.yaml /usr/share/lintian/overrides/iid
)
for f in "${expected[@]}"; do
  grep -qx "$f" "$work/listed" || fail "dpkg -L iid does not list $f"
  [[ -f $f ]] || fail "$f is listed but not installed"
done
files=$(while IFS= read -r f; do [[ -d $f ]] || echo "$f"; done <"$work/listed")
[[ $(wc -l <<<"$files") == "${#expected[@]}" ]] || fail "the package holds other files than expected: $files"
ok "${#expected[@]} files where Debian puts them"

for p in iid iictl; do
  got=$(env -i PATH=/usr/bin:/bin "$p" --version) || fail "$p --version exited $?"
  [[ $got == "$version" ]] || fail "$p --version says '$got', not $version"
  ! ldd "/usr/bin/$p" | grep -Eiq 'swift|not found|/opt/' || fail "/usr/bin/$p needs: $(ldd "/usr/bin/$p")"
done
ok "iid --version and iictl --version say $version with PATH=/usr/bin:/bin alone; ldd: $(ldd /usr/bin/iid | awk '/=>/ {print $1}' | tr '\n' ' ')"
mkdir -m 700 "$work/run"
v=$(XDG_RUNTIME_DIR=$work/run systemd-analyze --user verify --man=no /usr/lib/systemd/user/iid.service 2>&1) ||
  fail "systemd-analyze verify: $v"
[[ -z $v ]] || fail "systemd-analyze verify: $v"
for page in iid:1 iictl:1 iid.yaml:5 iid-events:5; do
  w=$(man -w "${page#*:}" "${page%:*}") || fail "man -w ${page#*:} ${page%:*}"
  [[ $w == /usr/share/man/man${page#*:}/${page%:*}.${page#*:}.gz ]] || fail "man ${page%:*} found $w"
done
ok "the unit verifies; man iid, man iictl, man 5 iid.yaml and man 5 iid-events find the pages"
COMPLETIONS=installed scripts/test-completions.sh /usr/bin/iictl >"$work/completions.log" 2>&1 ||
  { cat "$work/completions.log" >&2; fail "the installed completions"; }
ok "the installed completions in bash, zsh and fish: $(grep -c ': ok:' "$work/completions.log") checks passed"

# 3. As a user service, then the upgrade under the running daemon.
IID_SVC_PACKAGED=1 IID_SVC_UPGRADE_DEB=$(realpath "$upgrade_deb") scripts/test-user-service.sh ||
  fail "scripts/test-user-service.sh with the package"
[[ $(dpkg-query -W -f='${Version}' iid) == "$upgrade_version" ]] || fail "the upgrade is not installed"
ok "the packaged service ran and was upgraded to $upgrade_version"

# 4. Remove, then purge.
said=$(apt remove iid) || { echo "$said" >&2; fail "apt-get remove iid"; }
grep -q '~/.local/share/iid/' <<<"$said" || fail "apt-get remove did not say where the event log stays: $said"
grep -q '~/.local/state/iid/' <<<"$said" || fail "apt-get remove did not say where the ledger stays: $said"
for f in $files; do [[ ! -e $f && ! -L $f ]] || fail "apt-get remove left $f"; done
ok "apt-get remove: every file gone; it says where each person's config, events and ledger stay"
said=$(apt purge iid) || { echo "$said" >&2; fail "apt-get purge iid"; }
! dpkg-query -W -f='${db:Status-Abbrev}' iid 2>/dev/null | grep -q '^[a-z][ichfUWt]' ||
  fail "dpkg still knows iid: $(dpkg-query -W -f='${db:Status-Abbrev}' iid)"
[[ -z $(find /var/lib/dpkg/info -name 'iid.*' -o -name 'iid:*' | head -n 1) ]] || fail "dpkg's files of iid are left"
left=()
while IFS= read -r f; do
  [[ -e $f || -L $f ]] || continue
  # A folder may stay when another package owns it or something else is in it (dpkg keeps both).
  if [[ -d $f && ! -L $f ]] && { dpkg -S "$f" >/dev/null 2>&1 || [[ -n $(ls -A "$f") ]]; }; then continue; fi
  left+=("$f")
done <"$work/listed"
((${#left[@]} == 0)) || fail "left after purge: ${left[*]}"
ok "apt-get purge: nothing of the $(wc -l <"$work/listed") paths dpkg -L listed is left"
echo "test-package: all checks passed"
