# fish-capture.zsh SCRIPT LINE — for scripts/test-completions.sh: what `complete -C LINE` gives in
# an interactive fish, one candidate a line (its description cut off).
#
# An interactive fish, because fish 3 answers `commandline -C` (the cursor, which the scripts of
# argument-parser pass to `iictl ---completion`) only there: under `fish -c` custom completions
# fail with "Can not set commandline in non-interactive mode". zsh's zpty gives fish its
# pseudo-terminal; each step waits for a mark that the step before prints.
zmodload zsh/zpty || exit 3
script=$1 line=$2
zpty f fish --no-config --private -i
zpty -w f "function fish_prompt; end; function fish_right_prompt; end; source ${(qq)script}; echo '<RE''ADY>'"
while zpty -r f out; do [[ $out == *'<READY>'* ]] && break; done
zpty -w f "for c in (complete -C ${(qq)line}); echo '<HI''T>'(string split -f1 \t -- \$c); end; echo '<E''OC>'"
while zpty -r f out; do
  out=${out//$'\r'/}
  [[ $out == *'<EOC>'* ]] && break
  [[ $out == *'<HIT>'* ]] && print -r -- "${out#*<HIT>}"
done
zpty -d f
