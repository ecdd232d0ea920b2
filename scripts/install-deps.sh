#!/usr/bin/env bash
# Install the real components the iid test suite drives (Debian 12).
#
# Idempotent: checks with dpkg-query first and only installs what is missing;
# runs `apt-get update` only when something has to be installed.
# As non-root with something missing: prints the packages and the command, exits 2.
#
# Components: systemd-journald/journalctl/systemd-analyze (systemd), a private
# session bus (dbus), notify-send (libnotify-bin) + dunst under Xvfb, exim4 for
# local mbox delivery via /usr/sbin/sendmail, msmtp (NOT msmtp-mta: exim keeps
# /usr/sbin/sendmail) + python aiosmtpd for SMTP failure paths, libsystemd-dev
# for the `Systemd` package trait. For `make check-install`: man-db and groff-base (`man -l`
# with groff's warnings), bash-completion (loading the installed completion on demand) and zsh
# (`zsh -n` on the zsh completion); zsh and fish for scripts/test-completions.sh (the shells
# completing iictl's arguments). For scripts/test-user-service.sh: passwd (useradd, userdel)
# and util-linux (unshare, nsenter, setpriv). For the phone: radicale (a CalDAV server on
# loopback), vdirsyncer (syncing the calendar folder with it), khal and todoman (reading the
# folder), python3-vobject (a strict parser for its items) and apprise (the push channel).
# For the two-device tests: syncthing (two instances on loopback sharing the events folder).
# For `make dist` and scripts/test-package.sh: dpkg-dev (dpkg-shlibdeps), binutils (objcopy,
# strip, readelf) and lintian. For scripts/test-dates.sh (`make test-dates`): faketime (libfaketime,
# the suite run on other days). For the daemon reading mail (MailComponentTests): dovecot-core and
# dovecot-imapd (an unprivileged IMAP server on loopback, and its delivery agent) and isync
# (mbsync, syncing it into the Maildir the daemon watches).
# To build at all: libyaml-dev (the config's YAML parser, linked statically from its libyaml.a).
# libicu72: what iictl loads to spell Han and other scripts in Latin letters for contact ids
# (SystemTransliteratorTests).
set -euo pipefail

PACKAGES=(
  systemd dbus libnotify-bin dunst xvfb xauth x11-utils x11-apps imagemagick
  exim4-daemon-light msmtp libsystemd-dev pkg-config procps util-linux python3
  man-db groff-base bash-completion zsh fish passwd syncthing dpkg-dev binutils lintian
  radicale vdirsyncer khal todoman python3-vobject apprise faketime dovecot-core dovecot-imapd isync libyaml-dev libicu72
)

missing=()
for p in "${PACKAGES[@]}"; do
  status=$(dpkg-query -W -f='${db:Status-Abbrev}' "$p" 2>/dev/null || true)
  [[ $status == ii* ]] || missing+=("$p")
done

# Python modules the tests use: aiosmtpd (an SMTP sink), icalendar (to validate exported calendars)
# and caldav (a CalDAV client standing in for the phone).
pymissing=()
for m in aiosmtpd icalendar caldav; do
  python3 -c "import $m" >/dev/null 2>&1 || pymissing+=("$m")
done
need_aiosmtpd=${#pymissing[@]}

if (( ${#missing[@]} == 0 && need_aiosmtpd == 0 )); then
  echo "install-deps: all components present"
  exit 0
fi

if [[ $(id -u) -ne 0 ]]; then
  if (( ${#missing[@]} )); then
    echo "install-deps: missing Debian packages: ${missing[*]}" >&2
    echo "install them with (as root):" >&2
    echo "  apt-get update && apt-get -o DPkg::Lock::Timeout=600 install -y --no-install-recommends ${missing[*]}" >&2
  fi
  if (( need_aiosmtpd )); then
    echo "install-deps: python modules missing: python3 -m pip install ${pymissing[*]}" >&2
  fi
  exit 2
fi

export DEBIAN_FRONTEND=noninteractive

if (( ${#missing[@]} )); then
  echo "install-deps: installing ${missing[*]}"
  # exim4: local delivery only, mbox in /var/mail/ (must be set before install).
  debconf-set-selections <<'EOF'
exim4-config exim4/dc_eximconfig_configtype select local delivery only; not on a network
exim4-config exim4/mailname string localhost
exim4-config exim4/dc_localdelivery select mbox format in /var/mail/
exim4-config exim4/use_split_config boolean false
EOF
  apt-get -o DPkg::Lock::Timeout=600 update -qq >/dev/null
  apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends \
    "${missing[@]}" </dev/null >/tmp/iid-install-deps.log 2>&1 || {
      tail -n 30 /tmp/iid-install-deps.log >&2
      echo "install-deps: apt-get install failed (full log: /tmp/iid-install-deps.log)" >&2
      exit 1
    }
fi

if (( need_aiosmtpd )); then
  echo "install-deps: pip install ${pymissing[*]}"
  python3 -m pip install --quiet --disable-pip-version-check --root-user-action=ignore "${pymissing[@]}" </dev/null
fi

echo "install-deps: done"
