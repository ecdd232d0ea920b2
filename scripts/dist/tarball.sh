#!/usr/bin/env bash
# tarball.sh — the tarball, for scripts/dist.sh, which gives it WORK (the stripped binaries in
# WORK/bin, scripts/gen-docs.sh's output in WORK/docs, the package tree in WORK/deb/debian/iid), OUT, VERSION
# and SOURCE_DATE_EPOCH.
#
# iid-VERSION-linux-x86_64/ holds the package's files in a PREFIX layout for /usr/local (bin/,
# lib/systemd/user/, share/man/, share/bash-completion/, share/zsh/site-functions/ (where zsh
# looks below /usr/local), share/fish/vendor_completions.d/, share/doc/iid/), with the unit's
# ExecStart= set to TARBALL_PREFIX/bin/iid (default /usr/local): unpacked with
# `tar -xzf … --strip-components=1 -C /usr/local`, systemd's user manager finds the unit in
# /usr/local/lib/systemd/user. The files are root's, sorted, dated SOURCE_DATE_EPOCH.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
: "${WORK:?}" "${OUT:?}" "${VERSION:?}" "${SOURCE_DATE_EPOCH:?}"
prefix=${TARBALL_PREFIX:-/usr/local}
top=iid-$VERSION-linux-x86_64
t=$WORK/tar/$top
deb=$WORK/deb/debian/iid/usr
umask 022
rm -rf "$WORK/tar"
install -d "$t/bin" "$t/lib/systemd/user" "$t/share/doc/iid" "$t/share/zsh/site-functions"
cp -p "$deb/bin/iid" "$deb/bin/iictl" "$t/bin/"
sed "s|^ExecStart=.*|ExecStart=$prefix/bin/iid|" "$root/systemd/iid.service" >"$t/lib/systemd/user/iid.service"
cp -pr "$deb/share/man" "$deb/share/bash-completion" "$t/share/"
install -d "$t/share/fish"
cp -pr "$deb/share/fish/vendor_completions.d" "$t/share/fish/"
cp -p "$deb/share/zsh/vendor-completions/_iid" "$deb/share/zsh/vendor-completions/_iictl" "$t/share/zsh/site-functions/"
cp -p "$deb/share/doc/iid/copyright" "$deb/share/doc/iid/iid.yaml" "$t/share/doc/iid/"
sed "s|@PREFIX@|$prefix|g; s|@TOP@|$top|g" "$root/packaging/tarball/README" >"$t/share/doc/iid/README"
find "$t" -type f -exec chmod go-w {} + -o -type d -exec chmod 755 {} +
tar --sort=name --owner=0 --group=0 --numeric-owner --mtime="@$SOURCE_DATE_EPOCH" -C "$WORK/tar" -cf - "$top" |
  gzip -9n >"$OUT/$top.tar.gz"
echo "dist: $OUT/$top.tar.gz ($(tar -tzf "$OUT/$top.tar.gz" | grep -vc '/$') files)"
