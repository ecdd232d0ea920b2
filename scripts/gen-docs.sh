#!/usr/bin/env bash
# gen-docs.sh OUTDIR
#
# Generates what `make install` installs besides the binaries, from the release build in
# $SCRATCH_PATH (default .build-release), which must be up to date:
#   OUTDIR/man1/iid.1, OUTDIR/man1/iictl.1        swift-argument-parser's generate-manual plugin
#   OUTDIR/bash/iid, OUTDIR/bash/iictl            `PROG --generate-completion-script bash`
#   OUTDIR/zsh/_iid, OUTDIR/zsh/_iictl            ... zsh
#   OUTDIR/fish/iid.fish, OUTDIR/fish/iictl.fish  ... fish
#
# The plugin writes one mdoc page per executable product into
# $SCRATCH_PATH/plugins/GenerateManual/outputs/PRODUCT/PRODUCT.1 (it builds in release mode first,
# a no-op after `swift build -c release` with the same scratch path; it needs no network). All
# products get the same section, so both pages are in section 1: iid is a per-user daemon that
# you start yourself or through your own systemd user manager, not a system service (section 8).
# Three fixes are applied to its output:
#   - an empty line (between paragraphs of a command's discussion) becomes .Pp, the mdoc paragraph
#     macro; groff warns about empty input lines in mdoc;
#   - a command without subcommands (iid) loses the `subcommand` placeholder in its SYNOPSIS and
#     the `help` subcommand entry: the generator lists both for every root command, but only a
#     command with subcommands has `help` (`iid help` is an error);
#   - Documentation/man/PROGRAM.1.extra, when present, adds what --help cannot say (ENVIRONMENT,
#     FILES, EXAMPLES, SEE ALSO): the lines before its `.\" EXIT STATUS` line go in before the
#     generated EXIT STATUS section, the lines after it at the end, which keeps the sections in
#     mdoc's conventional order.
# The page date is SOURCE_DATE_EPOCH's, else the last commit's, else today's, so that rebuilding
# the same sources gives the same pages.
set -euo pipefail

if (( $# != 1 )); then
  echo "usage: $0 OUTDIR" >&2
  exit 2
fi
out=$1
root=$(cd "$(dirname "$0")/.." && pwd)
scratch=${SCRATCH_PATH:-.build-release}
SWIFT=${SWIFT:-swift}
programs=(iid iictl)

cd "$root"
for p in "${programs[@]}"; do
  [[ -x $scratch/release/$p ]] || {
    echo "gen-docs: $scratch/release/$p missing; build with: swift build -c release --scratch-path $scratch" >&2
    exit 1
  }
done

if [[ -n ${SOURCE_DATE_EPOCH:-} ]]; then
  date=$(date -u -d "@$SOURCE_DATE_EPOCH" +%Y-%m-%d)
elif ! date=$(git -C "$root" log -1 --format=%cs 2>/dev/null) || [[ -z $date ]]; then
  date=$(date +%Y-%m-%d)
fi

plugin_out=$scratch/plugins/GenerateManual/outputs
rm -rf "$plugin_out"
log=$(mktemp)
trap 'rm -f "$log"' EXIT
if ! "$SWIFT" package --scratch-path "$scratch" plugin generate-manual --date "$date" >"$log" 2>&1; then
  cat "$log" >&2
  echo "gen-docs: the generate-manual plugin failed" >&2
  exit 1
fi

rm -rf "$out"
mkdir -p "$out/man1" "$out/bash" "$out/zsh" "$out/fish"

# fix_page HAS_SUBCOMMANDS EXTRA_FILE < generated page > fixed page
fix_page() {
  awk -v subcommands="$1" -v extra="$2" '
    function emit(line) {
      if (line == ".Pp" && last == ".Pp") return
      print line
      last = line
    }
    function emit_extra(part,    line, n, i) {
      for (i = 1; i <= nextra[part]; i++) emit(extra_lines[part, i])
    }
    BEGIN {
      part = 1
      if (extra != "") {
        while ((getline line < extra) > 0) {
          if (line == ".\\\" EXIT STATUS") { part = 2; continue }
          extra_lines[part, ++nextra[part]] = line
        }
        close(extra)
      }
      depth = 0; skip = 0
    }
    # The help entry of a command without subcommands: from `.It Em help` to the end of its
    # nested list (the next top-level .It or the .El that closes the top-level list ends it too).
    skip {
      if ($0 ~ /^\.Bl/) { depth++; next }
      if ($0 ~ /^\.El/) {
        depth--
        if (depth >= skipdepth) { if (depth == skipdepth) skip = 0; next }
        skip = 0; emit($0); next
      } else if ($0 ~ /^\.It/ && depth == skipdepth) {
        skip = 0
      } else {
        next
      }
    }
    subcommands == "no" && section == "SYNOPSIS" && $0 == ".Ar subcommand" { next }
    subcommands == "no" && $0 == ".It Em help" { skip = 1; skipdepth = depth; next }
    /^\.Bl/ { depth++ }
    /^\.El/ { depth-- }
    /^\.Sh / {
      section = $0
      sub(/^\.Sh "?/, "", section); sub(/"$/, "", section)
      if (section == "EXIT STATUS") emit_extra(1)
    }
    /^$/ { emit(".Pp"); next }
    { emit($0) }
    END { emit_extra(2) }
  '
}

for p in "${programs[@]}"; do
  bin=$scratch/release/$p
  page=$plugin_out/$p/$p.1
  [[ -s $page ]] || { echo "gen-docs: the plugin wrote no $page" >&2; cat "$log" >&2; exit 1; }
  if "$bin" --help | grep -q '^SUBCOMMANDS:'; then has=yes; else has=no; fi
  extra=Documentation/man/$p.1.extra
  [[ -f $extra ]] || extra=
  fix_page "$has" "$extra" <"$page" >"$out/man1/$p.1"
  "$bin" --generate-completion-script bash >"$out/bash/$p"
  "$bin" --generate-completion-script zsh >"$out/zsh/_$p"
  "$bin" --generate-completion-script fish >"$out/fish/$p.fish"
done
echo "gen-docs: man pages and completions in $out"
