# shellcheck shell=bash
# Mail for scripts/with-components.sh, which sources this file and gives it need and fail: exim4
# as /usr/sbin/sendmail with local delivery, and msmtp with an SMTP sink (aiosmtpd) for the
# failure paths.
#
# msmtp, for SMTP failure paths (does not own /usr/sbin/sendmail). This rcfile works
# (chmod 600 it):
#     defaults
#     auth off
#     tls off
#     logfile /path/msmtp.log
#     account sink
#     host 127.0.0.1
#     port 8025
#     from iid@localhost
#     account default : sink
# Sink: "$IID_TEST_PYTHON" -m aiosmtpd -n -l 127.0.0.1:8025 -c aiosmtpd.handlers.Mailbox DIR
#   DIR must NOT exist yet, or must already be a Maildir (cur/new/tmp). With a plain
#   empty dir, the sink answers 500 and msmtp exits 69 (EX_UNAVAILABLE).
# Checked: `msmtp -C rc -t -oi <msg`, sink down -> exit 75 (EX_TEMPFAIL, "Connection
#   refused"); sink up -> exit 0 and the message is in DIR (mailbox.Maildir), a lone "."
#   line in the body arrives unchanged.

start_mta() {
  need exim4 /usr/sbin/sendmail /usr/sbin/exim4
  [[ $(readlink -f /usr/sbin/sendmail) == /usr/sbin/exim4 ]] ||
    fail exim4 "/usr/sbin/sendmail is $(readlink -f /usr/sbin/sendmail), not exim4"
  local user=iidmail
  if ! id -u "$user" >/dev/null 2>&1; then
    [[ $(id -u) -eq 0 ]] || fail exim4 "user $user missing and useradd needs root"
    useradd -m "$user" || fail exim4 "useradd -m $user failed"
  fi
  # Address test only: no message is sent.
  /usr/sbin/exim4 -bt "$user@localhost" 2>&1 | grep -q 'transport = mail_spool' ||
    fail exim4 "exim4 -bt $user@localhost does not route to mail_spool (configured for local delivery?)"
  export IID_TEST_MTA=1 IID_TEST_MAIL_USER=$user IID_TEST_MAILBOX=/var/mail/$user
}

start_msmtp() {
  need msmtp /usr/bin/msmtp
  if ! python3 -c 'import aiosmtpd' >/dev/null 2>&1; then
    python3 -m pip install --quiet --disable-pip-version-check --root-user-action=ignore \
      aiosmtpd </dev/null >&2 || true
    python3 -c 'import aiosmtpd' >/dev/null 2>&1 || fail aiosmtpd "python3 cannot import aiosmtpd"
  fi
  export IID_TEST_MSMTP=/usr/bin/msmtp
  IID_TEST_PYTHON=$(python3 -c 'import sys; print(sys.executable)')
  export IID_TEST_PYTHON
}
