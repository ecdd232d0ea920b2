#!/usr/bin/env bash
# dist.sh OUTDIR — what `make dist` runs: the release, installable without a Swift toolchain.
#
#   1. `swift build -c release --static-swift-stdlib --disable-local-rpath` (and swiftc's
#      -no-toolchain-stdlib-rpath) in $SCRATCH_PATH
#      (default .build-dist): the Swift runtime and FoundationEssentials are linked in, so `ldd` must list
#      nothing but libc, libm, libstdc++ and libgcc_s (and the loader), and the binaries carry no
#      RPATH (neither SwiftPM's $ORIGIN nor the toolchain's folder); checked here. Both binaries must
#      report the version in VERSION (`--version`).
#   2. Man pages and completions from scripts/gen-docs.sh, run on the plain release build in
#      $DOCS_SCRATCH_PATH (default .build-release, the one `make install` uses): its
#      generate-manual plugin builds with the default flags, which in the static build's scratch
#      path would rebuild everything each time.
#   3. Stripped binaries, their debug symbols kept beside them: `objcopy --only-keep-debug` into
#      OUTDIR/iid.debug and OUTDIR/iictl.debug, then strip, then `--add-gnu-debuglink`.
#   4. OUTDIR/iid_VERSION_amd64.deb, from a tree under /usr with the metadata in packaging/debian
#      (scripts/dist/deb.sh), and OUTDIR/iid-VERSION-linux-x86_64.tar.gz, the same files in a
#      PREFIX layout for /usr/local (scripts/dist/tarball.sh).
#   5. OUTDIR/SHA256SUMS for the package, the tarball and the debug files.
#
# The version is VERSION's; PACKAGE_VERSION overrides it for the package and file names only
# (the upgrade test packages the same build as a newer version). Dates in the package (changelog,
# man pages, file times) are SOURCE_DATE_EPOCH's, else the last commit's, so that the same
# commit gives the same files. DEB_MAINTAINER sets the package's Maintainer field.
set -euo pipefail

if (($# != 1)); then
  echo "usage: $0 OUTDIR" >&2
  exit 2
fi
root=$(cd "$(dirname "$0")/.." && pwd)
mkdir -p "$1"
out=$(cd "$1" && pwd)
cd "$root"
SWIFT=${SWIFT:-swift}
scratch=${SCRATCH_PATH:-.build-dist}
version=$(<VERSION)
package_version=${PACKAGE_VERSION:-$version}
[[ $version =~ ^[0-9]+(\.[0-9]+)*$ ]] || { echo "dist: VERSION '$version' is not N.N.N" >&2; exit 1; }
[[ $package_version =~ ^[0-9]+(\.[0-9]+)*([~+][0-9A-Za-z.]+)?$ ]] ||
  { echo "dist: PACKAGE_VERSION '$package_version' is not a version" >&2; exit 1; }
if [[ -z ${SOURCE_DATE_EPOCH:-} ]]; then
  SOURCE_DATE_EPOCH=$(git log -1 --format=%ct 2>/dev/null || date +%s)
fi
export SOURCE_DATE_EPOCH
step() { echo "dist: $*"; }
die() { echo "dist: $*" >&2; exit 1; }

work=$(mktemp -d /tmp/iid-dist.XXXXXX)
trap 'rm -rf "$work"' EXIT

# 1. The build.
step "swift build -c release --static-swift-stdlib --disable-local-rpath -Xswiftc -no-toolchain-stdlib-rpath"
"$SWIFT" build -c release --static-swift-stdlib --disable-local-rpath -Xswiftc -no-toolchain-stdlib-rpath \
  --scratch-path "$scratch"
mkdir -p "$work/bin"
for p in iid iictl; do
  cp "$scratch/release/$p" "$work/bin/$p"
  # Only the C and C++ runtimes may remain (glibc's loader, libc, libm, libstdc++, libgcc_s).
  libs=$(ldd "$work/bin/$p" | awk '{print $1}' | sed 's|.*/||' | LC_ALL=C sort)
  extra=$(grep -Ev '^(linux-vdso\.so\.1|ld-linux-x86-64\.so\.2|libc\.so\.6|libm\.so\.6|libstdc\+\+\.so\.6|libgcc_s\.so\.1)$' \
    <<<"$libs" || true)
  [[ -z $extra ]] || die "$p needs more than libc, libm, libstdc++ and libgcc: $extra" \
    "(built in $scratch with other flags, SwiftPM keeps its old plan: remove $scratch and run again)"
  ! readelf -d "$work/bin/$p" | grep -Eq '\((RPATH|RUNPATH)\)' || die "$p has an RPATH: $(readelf -d "$work/bin/$p" | grep PATH)"
  got=$("$work/bin/$p" --version)
  [[ $got == "$version" ]] || die "$p --version says '$got', VERSION says '$version'"
done
step "both binaries need only $(ldd "$work/bin/iid" | awk '/=>/ {print $1}' | tr '\n' ' ')and say $version"

# 2. Man pages and completions.
docs_scratch=${DOCS_SCRATCH_PATH:-.build-release}
step "swift build -c release --scratch-path $docs_scratch (for the man pages and completions)"
"$SWIFT" build -c release --scratch-path "$docs_scratch"
SWIFT=$SWIFT SCRATCH_PATH=$docs_scratch scripts/gen-docs.sh "$work/docs"

# 3. Strip, keeping the debug symbols beside the binaries.
for p in iid iictl; do
  objcopy --only-keep-debug "$work/bin/$p" "$out/$p.debug"
  chmod 644 "$out/$p.debug"
  strip --remove-section=.comment --remove-section=.note "$work/bin/$p"
  objcopy --add-gnu-debuglink="$out/$p.debug" "$work/bin/$p"
  "$work/bin/$p" --version >/dev/null || die "the stripped $p does not run"
done
step "stripped: iid $(stat -c %s "$work/bin/iid") bytes, iictl $(stat -c %s "$work/bin/iictl") bytes" \
  "(debug symbols: $out/iid.debug, $out/iictl.debug)"

# 4. The package and the tarball.
rm -f "$out"/iid_*.deb "$out"/iid-*-linux-x86_64.tar.gz "$out/SHA256SUMS"
VERSION=$package_version WORK=$work OUT=$out scripts/dist/deb.sh
VERSION=$package_version WORK=$work OUT=$out scripts/dist/tarball.sh

# 5. Checksums.
(cd "$out" && sha256sum "iid_${package_version}_amd64.deb" "iid-$package_version-linux-x86_64.tar.gz" \
  iid.debug iictl.debug >SHA256SUMS)
step "in $out:"
(cd "$out" && ls -l "iid_${package_version}_amd64.deb" "iid-$package_version-linux-x86_64.tar.gz" \
  iid.debug iictl.debug SHA256SUMS)
