# zsh-capture.zsh SCRIPT LINE — for scripts/test-completions.sh: the candidates zsh's completion
# system offers for LINE followed by TAB, one a line, as compadd receives them (quoted for zsh).
#
# An interactive zsh in a pseudo-terminal (zpty) loads compinit and the completion SCRIPT, wraps
# compadd so that it prints each candidate before adding it, and prints an end mark once the
# completion is over (comppostfuncs). Every step waits for a mark printed by the step before; the
# marks are typed split in two (<DO''NE>) so that the terminal's echo of the typed line never
# matches them.
zmodload zsh/zpty || exit 3
script=$1 line=$2
send() { # CMD: type CMD, then read until it has run
  zpty -w z "$1; print -r -- '<DO''NE>'"
  local out
  while zpty -r z out; do [[ $out == *'<DONE>'* ]] && return 0; done
  return 1
}
zpty z zsh -f -i
send 'PS1= PROMPT= RPROMPT= PROMPT_EOL_MARK=; unsetopt zle_bracketed_paste' || exit 4
# The dump file goes in $HOME (the test's own): compinit replaces its dump file by renaming a new
# one over it, so a dump file of /dev/null would, as root, turn /dev/null into a plain file.
send "autoload -Uz compinit && compinit -u -D -d ${(q)HOME}/.zcompdump && source ${(q)script}" || exit 4
send 'compadd() {
  if [[ ${@[1,(i)(-|--)]} == *-(O|A|D)\ * ]]; then builtin compadd "$@"; return; fi
  local -a hits; builtin compadd -A hits "$@"
  local h; for h in $hits; do print -r -- "<HI""T>$h"; done
  builtin compadd "$@"
}' || exit 4
send 'zstyle ":completion:*" menu no; eoc() { print -r -- "<E""OC>"; exit }; comppostfuncs=(eoc); bindkey "^I" complete-word' ||
  exit 4
zpty -w -n z "$line"$'\t'
while zpty -r z out; do
  out=${out//$'\r'/}
  [[ $out == *'<EOC>'* ]] && break
  [[ $out == *'<HIT>'* ]] && print -r -- "${out#*<HIT>}"
done
zpty -d z
