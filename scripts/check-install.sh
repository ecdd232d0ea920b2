#!/usr/bin/env bash
# shellcheck disable=SC2317 # cleanup runs from a trap
# check-install.sh — what `make check-install` runs.
#
# 1. `make install DESTDIR=<tmp>` twice: a user install (PREFIX=$PREFIX, default ~/.local) and a
#    package (PREFIX=/usr). For each: every expected file is there and the manifest lists exactly
#    the files installed; the unit's ExecStart= is PREFIX/bin/iid and `systemd-analyze --user
#    verify --man=no` prints nothing for it (checked on a copy whose ExecStart= points into
#    DESTDIR, since verify insists that the binary exists); the installed iid and iictl run; each
#    man page (iid(1), iictl(1), iid.yaml(5), iid-events(5)) goes through `man --warnings -l` with
#    nothing on stderr and `man iictl`, `man 5 iid.yaml` and the others find it through MANPATH;
#    the bash completions load in `bash -c` and complete; zsh and fish check theirs when installed.
#    Then `make uninstall DESTDIR=<tmp>` leaves only empty folders.
# 2. A user install without DESTDIR into a throwaway home (USER_HOME=<tmp>/home): the example
#    config is seeded, a second install keeps the edited config, uninstall removes everything else.
set -euo pipefail
cd "$(dirname "$0")/.."

MAKE=${MAKE:-make}
user_prefix=${PREFIX:-$HOME/.local}
work=$(mktemp -d /tmp/iid-check-install.XXXXXX)
cleanup() { rm -rf "$work"; }
trap cleanup EXIT

fail() { echo "check-install: FAIL: $*" >&2; exit 1; }
ok() { echo "check-install: ok: $*"; }

# Files below ROOT that are not folders, one per line, sorted.
files_below() { (cd "$1" && find . ! -type d | sed 's|^\./|/|' | LC_ALL=C sort); }

mkdir -p "$work/run" && chmod 700 "$work/run"
export XDG_RUNTIME_DIR=${XDG_RUNTIME_DIR:-$work/run} # systemd-analyze --user needs one

check_prefix() { # PREFIX USER_INSTALL(yes|no)
  local prefix=$1 user_install=$2 dest unitdir f err out
  dest=$work/dest-${prefix//\//_}
  mkdir -p "$dest"
  echo "check-install: make install DESTDIR=$dest PREFIX=$prefix"
  local seeded_before=no
  [[ -e $HOME/.config/iid/config.yaml ]] && seeded_before=yes
  "$MAKE" --no-print-directory install DESTDIR="$dest" PREFIX="$prefix" >"$work/install.log" 2>&1 ||
    { cat "$work/install.log" >&2; fail "make install DESTDIR=$dest PREFIX=$prefix"; }

  if [[ $user_install == yes ]]; then unitdir=$HOME/.config/systemd/user; else unitdir=$prefix/lib/systemd/user; fi
  local expected=(
    "$prefix/bin/iid" "$prefix/bin/iictl"
    "$unitdir/iid.service"
    "$prefix/share/man/man1/iid.1" "$prefix/share/man/man1/iictl.1"
    "$prefix/share/man/man5/iid.yaml.5" "$prefix/share/man/man5/iid-events.5"
    "$prefix/share/bash-completion/completions/iid" "$prefix/share/bash-completion/completions/iictl"
    "$prefix/share/zsh/site-functions/_iid" "$prefix/share/zsh/site-functions/_iictl"
    "$prefix/share/fish/vendor_completions.d/iid.fish" "$prefix/share/fish/vendor_completions.d/iictl.fish"
    "$prefix/share/doc/iid/iid.yaml"
    "$prefix/share/iid/install-manifest"
  )
  for f in "${expected[@]}"; do
    [[ -s $dest$f ]] || fail "missing or empty: $dest$f"
  done
  [[ -x $dest$prefix/bin/iid && -x $dest$prefix/bin/iictl ]] || fail "binaries not executable"
  diff <(printf '%s\n' "${expected[@]}" | LC_ALL=C sort) <(files_below "$dest") >&2 ||
    fail "installed files differ from the expected list (< expected, > installed)"
  diff <(LC_ALL=C sort "$dest$prefix/share/iid/install-manifest") <(files_below "$dest") >&2 ||
    fail "the manifest differs from the installed files (< manifest, > installed)"
  ok "${#expected[@]} files installed, all in the manifest"
  if [[ $seeded_before == no && -e $HOME/.config/iid/config.yaml ]]; then
    fail "make install with DESTDIR wrote $HOME/.config/iid/config.yaml"
  fi

  # The unit.
  local unit=$dest$unitdir/iid.service
  grep -qx "ExecStart=$prefix/bin/iid" "$unit" || fail "$unit: ExecStart= is not $prefix/bin/iid"
  mkdir -p "$work/verify"
  sed "s|^ExecStart=$prefix/bin/iid\$|ExecStart=$dest$prefix/bin/iid|" "$unit" >"$work/verify/iid.service"
  out=$(systemd-analyze --user verify --man=no "$work/verify/iid.service" 2>&1) ||
    fail "systemd-analyze verify failed: $out"
  [[ -z $out ]] || fail "systemd-analyze verify printed: $out"
  ok "systemd-analyze --user verify --man=no: no output"

  # The binaries.
  out=$("$dest$prefix/bin/iictl" --help) || fail "iictl --help exited $?"
  grep -q '^USAGE: iictl' <<<"$out" || fail "iictl --help: no USAGE line"
  "$dest$prefix/bin/iid" --help >/dev/null || fail "iid --help exited $?"
  out=$(env -i HOME="$work/empty-home" PATH=/usr/bin:/bin "$dest$prefix/bin/iid" --check-config 2>&1) ||
    fail "iid --check-config: $out"
  ok "iictl --help, iid --help, iid --check-config ($out)"

  # The man pages.
  for f in "$dest$prefix"/share/man/man1/*.1 "$dest$prefix"/share/man/man5/*.5; do
    err=$(MANWIDTH=80 man --warnings -l "$f" 2>&1 >"$work/page.txt") || fail "man -l $f exited $?: $err"
    [[ -z $err ]] || fail "man --warnings -l $f: $err"
    grep -q '^NAME' "$work/page.txt" || fail "man -l $f: no NAME section"
  done
  for f in iid:1 iictl:1 iid.yaml:5 iid-events:5; do
    local name=${f%:*} section=${f#*:}
    out=$(MANPATH=$dest$prefix/share/man man -w "$section" "$name") ||
      fail "man -w $section $name with MANPATH=$dest$prefix/share/man"
    [[ $out == "$dest$prefix/share/man/man$section/$name.$section" ]] || fail "man -w $section $name found $out"
  done
  ok "man pages: no warnings; man iid, man iictl, man 5 iid.yaml and man 5 iid-events find them"

  # The completions.
  local comp=$dest$prefix/share/bash-completion/completions
  for f in iid iictl; do
    out=$(bash -c 'source "$1" && complete -p "$2"' _ "$comp/$f" "$f") || fail "bash: source $comp/$f"
    grep -q -- "-F _$f $f\$" <<<"$out" || fail "bash: $comp/$f registers no completion for $f: $out"
  done
  # shellcheck disable=SC2016 # expanded by the inner bash
  out=$(bash -c 'source "$1"
    COMP_LINE="iictl req" COMP_POINT=9 COMP_WORDS=(iictl req) COMP_CWORD=1
    _iictl iictl req iictl
    printf "%s\n" "${COMPREPLY[@]}"' _ "$comp/iictl") || fail "bash: completing 'iictl req' failed"
  [[ $out == request ]] || fail "bash: 'iictl req<TAB>' completed to '$out', not 'request'"
  if [[ $user_install == yes && -r /usr/share/bash-completion/bash_completion ]]; then
    # bash-completion loads a command's completion on first use from
    # $XDG_DATA_HOME/bash-completion/completions, which is PREFIX/share for a user install.
    # shellcheck disable=SC2016
    out=$(XDG_DATA_HOME=$dest$prefix/share bash -c 'source /usr/share/bash-completion/bash_completion
      __load_completion iictl && complete -p iictl') || fail "bash-completion did not load iictl's completion"
    ok "bash: both completions load; 'iictl req<TAB>' gives 'request'; bash-completion finds them on demand"
  else
    ok "bash: both completions load; 'iictl req<TAB>' gives 'request'"
  fi
  if command -v zsh >/dev/null; then
    for f in "$dest$prefix"/share/zsh/site-functions/_*; do zsh -n "$f" || fail "zsh -n $f"; done
    ok "zsh -n: completions parse"
  fi
  if command -v fish >/dev/null; then
    for f in "$dest$prefix"/share/fish/vendor_completions.d/*.fish; do fish --no-execute "$f" || fail "fish -n $f"; done
    ok "fish --no-execute: completions parse"
  fi

  # Uninstall.
  "$MAKE" --no-print-directory uninstall DESTDIR="$dest" PREFIX="$prefix" >"$work/uninstall.log" 2>&1 ||
    { cat "$work/uninstall.log" >&2; fail "make uninstall DESTDIR=$dest PREFIX=$prefix"; }
  out=$(files_below "$dest")
  [[ -z $out ]] || fail "left behind after make uninstall: $out"
  ok "make uninstall left only empty folders"
}

check_prefix "$user_prefix" yes
check_prefix /usr no

# A user install without DESTDIR, into a throwaway home.
home=$work/home
mkdir -p "$home"
args=(USER_HOME="$home" PREFIX="$home/.local")
echo "check-install: make install ${args[*]}"
"$MAKE" --no-print-directory install "${args[@]}" >"$work/install.log" 2>&1 ||
  { cat "$work/install.log" >&2; fail "make install ${args[*]}"; }
[[ -f $home/.config/systemd/user/iid.service ]] || fail "user install: no $home/.config/systemd/user/iid.service"
cmp -s config/iid.yaml "$home/.config/iid/config.yaml" || fail "user install: the example config was not seeded"
echo "# mine" >>"$home/.config/iid/config.yaml"
cp "$home/.config/iid/config.yaml" "$work/mine.yaml"
"$MAKE" --no-print-directory install "${args[@]}" >"$work/install.log" 2>&1 ||
  { cat "$work/install.log" >&2; fail "second make install ${args[*]}"; }
cmp -s "$work/mine.yaml" "$home/.config/iid/config.yaml" || fail "a second install overwrote the user's config"
"$MAKE" --no-print-directory uninstall "${args[@]}" >"$work/uninstall.log" 2>&1 ||
  { cat "$work/uninstall.log" >&2; fail "make uninstall ${args[*]}"; }
out=$(files_below "$home")
[[ $out == /.config/iid/config.yaml ]] || fail "user uninstall left (only the config should stay): $out"
ok "user install seeds the config, keeps an edited one, and uninstall keeps only it"
echo "check-install: all checks passed"
