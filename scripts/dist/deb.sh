#!/usr/bin/env bash
# deb.sh — the Debian package, for scripts/dist.sh, which gives it WORK (the stripped binaries in
# WORK/bin, scripts/gen-docs.sh's output in WORK/docs), OUT, VERSION and SOURCE_DATE_EPOCH.
#
# A tree under /usr, as Debian places each file, with the metadata from packaging/debian:
#   usr/bin/iid, usr/bin/iictl
#   usr/lib/systemd/user/iid.service             ExecStart=/usr/bin/iid
#   usr/share/man/man1/{iid,iictl}.1.gz, man5/{iid.yaml,iid-events}.5.gz
#   usr/share/bash-completion/completions/{iid,iictl}
#   usr/share/zsh/vendor-completions/{_iid,_iictl}
#   usr/share/fish/vendor_completions.d/{iid,iictl}.fish
#   usr/share/doc/iid/{copyright,README.Debian,changelog.gz,iid.yaml}
#   usr/share/lintian/overrides/iid              when packaging/debian/lintian-overrides exists
# and DEBIAN/{control,postinst,postrm,md5sums}. Depends comes from dpkg-shlibdeps (what the
# binaries link) plus tzdata (time zones are read from /usr/share/zoneinfo). The package is
# native (its version has no Debian revision), so its changelog is changelog.gz, as policy 12.7
# says for a native package. dpkg-deb --root-owner-group builds it: every file root's.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
meta=$root/packaging/debian
: "${WORK:?}" "${OUT:?}" "${VERSION:?}" "${SOURCE_DATE_EPOCH:?}"
maintainer=${DEB_MAINTAINER:-iid developers <iid@example.org>}
pkg=$WORK/deb/debian/iid # where dpkg-shlibdeps looks for a package's tree
umask 022
rm -rf "$WORK/deb"

put() { # MODE SOURCE DEST (DEST under the package root)
  install -D -m "$1" "$2" "$pkg/$3"
}
gz() { # SOURCE DEST: gzip -9n, no name or time stored
  install -d "$(dirname "$pkg/$2")"
  gzip -9nc "$1" >"$pkg/$2"
  chmod 644 "$pkg/$2"
}

put 755 "$WORK/bin/iid" usr/bin/iid
put 755 "$WORK/bin/iictl" usr/bin/iictl
install -d "$pkg/usr/lib/systemd/user"
sed 's|^ExecStart=.*|ExecStart=/usr/bin/iid|' "$root/systemd/iid.service" >"$pkg/usr/lib/systemd/user/iid.service"
grep -qx 'ExecStart=/usr/bin/iid' "$pkg/usr/lib/systemd/user/iid.service"
for p in iid iictl; do
  gz "$WORK/docs/man1/$p.1" "usr/share/man/man1/$p.1.gz"
  # A completion is sourced, not run: no #! line (argument-parser writes one).
  install -d "$pkg/usr/share/bash-completion/completions"
  sed '1{/^#!/d}' "$WORK/docs/bash/$p" >"$pkg/usr/share/bash-completion/completions/$p"
  put 644 "$WORK/docs/zsh/_$p" "usr/share/zsh/vendor-completions/_$p"
  put 644 "$WORK/docs/fish/$p.fish" "usr/share/fish/vendor_completions.d/$p.fish"
done
gz "$root/Documentation/man/iid.yaml.5" usr/share/man/man5/iid.yaml.5.gz
gz "$root/Documentation/man/iid-events.5" usr/share/man/man5/iid-events.5.gz
put 644 "$meta/copyright" usr/share/doc/iid/copyright
put 644 "$meta/README.Debian" usr/share/doc/iid/README.Debian
put 644 "$root/config/iid.yaml" usr/share/doc/iid/iid.yaml
[[ ! -f $meta/lintian-overrides ]] || put 644 "$meta/lintian-overrides" usr/share/lintian/overrides/iid
commit=$(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown)
printf 'iid (%s) unstable; urgency=medium\n\n  * Release %s, built from commit %s.\n\n -- %s  %s\n' \
  "$VERSION" "$VERSION" "$commit" "$maintainer" "$(date -u -R -d "@$SOURCE_DATE_EPOCH")" >"$WORK/changelog"
gz "$WORK/changelog" usr/share/doc/iid/changelog.gz

# What the binaries need, as dpkg-shlibdeps finds it from the libraries' shlibs/symbols files.
install -d "$pkg/DEBIAN"
printf 'Source: iid\n\nPackage: iid\nArchitecture: amd64\n' >"$WORK/deb/debian/control"
shlibs=$(cd "$WORK/deb" && dpkg-shlibdeps -O -Tdebian/iid.substvars debian/iid/usr/bin/iid debian/iid/usr/bin/iictl)
shlibs=${shlibs#shlibs:Depends=}
[[ -n $shlibs ]] || { echo "deb: dpkg-shlibdeps found nothing" >&2; exit 1; }

cat >"$pkg/DEBIAN/control" <<CONTROL
Package: iid
Version: $VERSION
Architecture: amd64
Maintainer: $maintainer
Installed-Size: $(du -k -s --apparent-size "$pkg/usr" | cut -f1)
Depends: $shlibs, tzdata
Recommends: libnotify-bin
Suggests: default-mta | mail-transport-agent, apprise, vdirsyncer, syncthing
Section: utils
Priority: optional
Description: reminders for informational interviews
 iid is a small daemon that walks you through informational interviews,
 reminding you by desktop notification, email, the systemd journal or your
 phone to follow up, do your homework, confirm the time, brief yourself, send
 the thank-you note and keep in touch.
 .
 You record what happened with iictl, and both read the same plain JSON Lines
 event log. iid runs as a systemd user service, one per person: installing the
 package starts nothing for anyone; each person runs
 "systemctl --user enable --now iid" once.
CONTROL
install -m 755 "$meta/postinst" "$meta/postrm" "$pkg/DEBIAN/"
(cd "$pkg" && find usr -type f -print0 | LC_ALL=C sort -z | xargs -0 md5sum >DEBIAN/md5sums)
chmod 644 "$pkg/DEBIAN/md5sums" "$pkg/DEBIAN/control"
find "$pkg" -exec touch -h -d "@$SOURCE_DATE_EPOCH" {} +
deb=$OUT/iid_${VERSION}_amd64.deb
dpkg-deb --root-owner-group -Zxz --build "$pkg" "$deb" >/dev/null
echo "dist: $deb (Depends: $shlibs, tzdata)"
