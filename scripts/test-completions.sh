#!/usr/bin/env bash
# test-completions.sh [IICTL] — iictl's completions in the real bash, zsh and fish.
#
# Builds a small event log with fixed past dates in a throwaway HOME (three contacts, one
# organisation holding an escape sequence and one a colon, the first follow-up of one marked
# done, one organisation on the employer list), then completes command lines in each shell with the completion scripts that IICTL
# (default .build/debug/iictl) generates, or with the installed ones when COMPLETIONS=installed
# (the Debian package's places):
#   - bash: the script sourced, COMP_WORDS/COMP_CWORD/COMP_LINE/COMP_POINT set, _iictl called,
#     COMPREPLY read;
#   - zsh: an interactive zsh in a pseudo-terminal with compinit, what compadd is given for the
#     line and a TAB (scripts/completions/zsh-capture.zsh);
#   - fish: `complete -C LINE` in an interactive fish in a pseudo-terminal
#     (scripts/completions/fish-capture.zsh says why not `fish -c`).
# Checked: contact ids, open task ids only (soonest first where the shell keeps the order: zsh
# and fish), organisation names with their control characters removed, the employer list's ids
# (`iictl org show`), `--stage` values,
# channels, and that each script calls back into iictl (`---completion`) for the values from
# the log. Each shell gets IID_COMPLETION_TIMEOUT seconds (default 20) per line.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
iictl=${1:-$root/.build/debug/iictl}
[[ $iictl == /* ]] || iictl=$PWD/$iictl
limit=${IID_COMPLETION_TIMEOUT:-20}
failures=0

fail() { echo "test-completions: FAIL: $*" >&2; failures=$((failures + 1)); }
ok() { echo "test-completions: ok: $*"; }
for c in bash zsh fish timeout; do
  command -v "$c" >/dev/null || { echo "test-completions: $c not found; run scripts/install-deps.sh" >&2; exit 2; }
done
[[ -x $iictl ]] || { echo "test-completions: no $iictl; build first (swift build)" >&2; exit 2; }

work=$(mktemp -d /tmp/iid-completions.XXXXXX)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/home" "$work/bin" "$work/scripts"
ln -s "$iictl" "$work/bin/iictl"
export HOME=$work/home XDG_CONFIG_HOME=$work/home/.config XDG_DATA_HOME=$work/home/.local/share
export XDG_STATE_HOME=$work/home/.local/state PATH=$work/bin:$PATH TZ=UTC LANG=C.UTF-8
unset IID_CONFIG XDG_RUNTIME_DIR

if [[ ${COMPLETIONS:-generated} == installed ]]; then
  bash_script=/usr/share/bash-completion/completions/iictl
  zsh_script=/usr/share/zsh/vendor-completions/_iictl
  fish_script=/usr/share/fish/vendor_completions.d/iictl.fish
else
  bash_script=$work/scripts/iictl.bash zsh_script=$work/scripts/_iictl fish_script=$work/scripts/iictl.fish
  iictl --generate-completion-script bash >"$bash_script"
  iictl --generate-completion-script zsh >"$zsh_script"
  iictl --generate-completion-script fish >"$fish_script"
fi

# The log: fixed past dates, whatever today is.
{
  iictl add "Jane Doe" --org "Acme Analytics" --at "2025-05-04 09:00"
  iictl add "Dan Ode" --org $'Gridly\e]0;owned\a' --referred-by jane-doe --at "2025-05-04 09:05"
  iictl add "Carol King" --org "King & Co: Research" --at "2025-05-04 09:10"
  iictl request jane-doe --at "2025-05-05 10:00"
  iictl request dan-ode --at "2025-05-04 10:00"
  iictl request carol-king --at "2025-05-04 11:00"
  iictl done carol-king.follow-up --at "2025-05-06 09:00"
  iictl org add "Windwerk GmbH" --at "2025-05-06 10:00"
} >"$work/setup.log" 2>&1 || { cat "$work/setup.log" >&2; echo "test-completions: building the log failed" >&2; exit 1; }

# The values straight from the callback the scripts use: open tasks, soonest first.
out=$(iictl ---completion done -- positional@0 2 0 iictl done '')
[[ $out == $'dan-ode.follow-up\njane-doe.follow-up\ncarol-king.follow-up-2' ]] ||
  fail "iictl ---completion done: '${out//$'\n'/, }', not the three open follow-ups, soonest first"
out=$(iictl ---completion list -- --org 3 0 iictl list --org '')
[[ $out == $'Acme Analytics\nGridly]0;owned\nKing & Co: Research\nWindwerk GmbH' ]] || fail "iictl ---completion list --org: $(printf %q "$out")"
for f in "$bash_script" "$zsh_script" "$fish_script"; do
  grep -q -- '---completion done -- positional@0' "$f" || fail "$f does not call back into iictl for 'done'"
done

# bash LINE: COMPREPLY for LINE (the cursor at its end), one a line.
complete_bash() {
  local line=$1
  # shellcheck disable=SC2016 # expanded by the inner bash
  timeout "$limit" bash -c 'source "$1"
    COMP_LINE=$2 COMP_POINT=${#2}
    read -r -a COMP_WORDS <<<"$2"
    [[ $2 == *" " ]] && COMP_WORDS+=("")
    COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
    prev=""; ((COMP_CWORD > 0)) && prev=${COMP_WORDS[COMP_CWORD - 1]}
    _iictl iictl "${COMP_WORDS[COMP_CWORD]}" "$prev"
    printf "%s\n" "${COMPREPLY[@]}"' _ "$bash_script" "$line"
}
complete_zsh() { timeout "$limit" zsh -f "$root/scripts/completions/zsh-capture.zsh" "$zsh_script" "$1"; }
complete_fish() { timeout "$limit" zsh -f "$root/scripts/completions/fish-capture.zsh" "$fish_script" "$1"; }

# expect SHELL ORDER LINE WANT...: SHELL completes LINE to the WANT values (ORDER: "sorted" compares
# them as sets, "ordered" in the order given); no candidate holds a control character.
expect() {
  local shell=$1 order=$2 line=$3 got want
  shift 3
  got=$("complete_$shell" "$line" 2>"$work/stderr" | sed '/^$/d') || { fail "$shell: '$line' failed: $(cat "$work/stderr")"; return; }
  [[ $shell == zsh ]] && got=$(sed 's/\\\(.\)/\1/g' <<<"$got") # compadd gets them quoted for zsh
  want=$(printf '%s\n' "$@")
  if [[ $order == sorted ]]; then
    got=$(LC_ALL=C sort <<<"$got")
    want=$(LC_ALL=C sort <<<"$want")
  fi
  if LC_ALL=C grep -q '[[:cntrl:]]' <<<"$got"; then
    fail "$shell: '$line' gave a control character: $(printf %q "$got")"
  elif [[ $got != "$want" ]]; then
    fail "$shell: '$line' gave [${got//$'\n'/, }], not [${want//$'\n'/, }]"
  else
    ok "$shell: '$line' -> ${got//$'\n'/, }"
  fi
}

# Open tasks, soonest first: carol-king.follow-up is done, her second follow-up is open.
tasks=(dan-ode.follow-up jane-doe.follow-up carol-king.follow-up-2)
orgs=("Acme Analytics" "Gridly]0;owned" "King & Co: Research" "Windwerk GmbH") # zsh would cut an unescaped ':'
channels=(notify email journal push)
# bash sorts COMPREPLY itself; zsh (_describe -V) and fish (complete -k) keep iictl's order.
for shell in bash zsh fish; do
  order=ordered
  [[ $shell == bash ]] && order=sorted
  expect "$shell" "$order" "iictl done " "${tasks[@]}"
  expect "$shell" "$order" "iictl snooze ja" jane-doe.follow-up
  expect "$shell" "$order" "iictl request " jane-doe dan-ode carol-king
  expect "$shell" "$order" "iictl schedule c" carol-king
  expect "$shell" "$order" "iictl acted j" jane-doe
  expect "$shell" "$order" "iictl draft request d" dan-ode
  expect "$shell" "$order" "iictl list --referred-by j" jane-doe
  expect "$shell" sorted "iictl list --org " "${orgs[@]}"
  expect "$shell" sorted "iictl list --stage re" requested replied
  expect "$shell" "$order" "iictl org show w" windwerk-gmbh
  expect "$shell" sorted "iictl test-delivery " "${channels[@]}"
done
expect bash sorted "iictl explain " "${tasks[@]}" digest jane-doe dan-ode carol-king
expect bash sorted "iictl log " jane-doe dan-ode carol-king "${tasks[@]}"
expect bash sorted "iictl add Zoe --org Ac" "Acme Analytics"
# The shells write their own files (zsh's completion dump) in the test's HOME, never over a
# system file: as root, a dump file of /dev/null once replaced the device with a plain file.
[[ -c /dev/null ]] || fail "/dev/null is no longer the null device after the shells ran"

if ((failures)); then
  echo "test-completions: $failures check(s) failed" >&2
  exit 1
fi
echo "test-completions: all checks passed"
