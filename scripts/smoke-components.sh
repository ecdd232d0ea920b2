#!/usr/bin/env bash
# smoke-components.sh: checks, with the stock tools only, that every component
# from with-components.sh works end to end. Exits non-zero if any check fails.
#   scripts/smoke-components.sh            (starts the components itself)
#   IID_SMOKE_SCREENSHOT=/tmp/shot.png scripts/smoke-components.sh
#                                          (also saves a screenshot of the notification)
set -uo pipefail

if [[ ${IID_COMPONENTS_UP:-} != 1 ]]; then
  exec "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/with-components.sh" bash "$(readlink -f "${BASH_SOURCE[0]}")" "$@"
fi

failures=0
tag="smoke-$$-$(date +%s%N)"
py=${IID_TEST_PYTHON:-python3}

pass() { echo "PASS $*"; }
failed() { echo "FAIL $*"; failures=$((failures + 1)); }

# wait_for SECONDS COMMAND...: poll every 0.1 s.
wait_for() {
  local end=$(( $(date +%s%N) + $1 * 1000000000 )); shift
  until "$@" >/dev/null 2>&1; do
    (( $(date +%s%N) < end )) || return 1
    sleep 0.1
  done
}

# ------------------------------------------------------------ notifications
history_has() { # summary
  dunstctl history | "$py" -c '
import json, sys
want = sys.argv[1]
h = json.load(sys.stdin)
sys.exit(0 if any(n["summary"]["data"] == want for group in h["data"] for n in group) else 1)
' "$1"
}
displayed_at_least() { (( $(dunstctl count displayed) >= $1 )); }

check_notify() {
  local before
  before=$(dunstctl count displayed)
  if ! notify-send -u critical -a iid "$tag" "notify body"; then
    failed "notify: notify-send exited $?"; return
  fi
  if ! wait_for 5 displayed_at_least $((before + 1)); then
    failed "notify: dunst does not display the notification"; return
  fi
  if [[ -n ${IID_SMOKE_SCREENSHOT:-} ]]; then
    if import -window root "$IID_SMOKE_SCREENSHOT"; then
      pass "screenshot: $IID_SMOKE_SCREENSHOT"
    else
      failed "screenshot: import -window root failed"
    fi
  fi
  dunstctl close-all
  if wait_for 5 history_has "$tag"; then
    pass "notify: notify-send -> dunst -> dunstctl history"
  else
    failed "notify: summary $tag not in dunstctl history"
  fi
}

# Click "snooze" among two actions through dunst's context menu.
check_notify_action() {
  local out="$IID_TEST_RUNTIME_DIR/action.out" pid
  echo snooze >"$IID_TEST_DUNST_ACTION_FILE"
  notify-send -p --wait --action=done=Done --action=snooze=Snooze "$tag-action" "pick one" >"$out" 2>&1 &
  pid=$!
  if ! wait_for 5 displayed_at_least 1; then
    kill "$pid" 2>/dev/null; failed "notify action: not displayed"; return
  fi
  dunstctl action 0
  if ! wait_for 5 bash -c "! kill -0 $pid"; then
    kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null
    failed "notify action: notify-send --wait still waiting after dunstctl action 0"; return
  fi
  wait "$pid"; local rc=$?
  : >"$IID_TEST_DUNST_ACTION_FILE"
  # stdout: the id (from -p), then the action key.
  if [[ $rc -eq 0 && $(sed -n 2p "$out") == snooze ]]; then
    pass "notify action: dunstctl action 0 + picker -> notify-send printed 'snooze'"
  else
    failed "notify action: rc=$rc output=$(tr '\n' '|' <"$out")"
  fi
}

# ------------------------------------------------------------ mail via exim4
mbox_has() { # subject
  "$py" - "$IID_TEST_MAILBOX" "$1" <<'EOF'
import mailbox, sys
path, want = sys.argv[1], sys.argv[2]
for m in mailbox.mbox(path, create=False):
    if m["Subject"] == want:
        body = m.get_payload()
        sys.exit(0 if "\n.\nafter a lone dot" in "\n" + body else 2)
sys.exit(1)
EOF
}

check_mail() {
  printf 'To: %s\nFrom: iid-smoke <root@localhost>\nSubject: %s\n\nfirst line\n.\nafter a lone dot\n' \
    "$IID_TEST_MAIL_USER" "$tag" | /usr/sbin/sendmail -t -oi
  local rc=$?
  if (( rc != 0 )); then failed "mail: sendmail exited $rc"; return; fi
  if wait_for 10 mbox_has "$tag"; then
    pass "mail: sendmail -t -oi -> $IID_TEST_MAILBOX (lone '.' line kept)"
  else
    failed "mail: subject $tag not in $IID_TEST_MAILBOX (see /var/log/exim4/mainlog)"
  fi
}

# ------------------------------------------------------------ journald
journal_has() { # task
  journalctl -o json --no-pager "IID_TASK=$1" | "$py" -c '
import json, sys
rows = [json.loads(l) for l in sys.stdin if l.strip()]
sys.exit(0 if any(r.get("IID_SMOKE") == "yes" and r.get("SYSLOG_IDENTIFIER") == "iid-smoke" for r in rows) else 1)
'
}

check_journal() {
  logger --journald <<EOF
MESSAGE=journald smoke $tag
SYSLOG_IDENTIFIER=iid-smoke
PRIORITY=5
IID_TASK=$tag
IID_SMOKE=yes
EOF
  local rc=$?
  if (( rc != 0 )); then failed "journal: logger --journald exited $rc"; return; fi
  if wait_for 5 journal_has "$tag"; then
    pass "journal: logger --journald custom fields -> journalctl -o json IID_TASK=$tag"
  else
    failed "journal: entry IID_TASK=$tag not found"
  fi
}

# ------------------------------------------------------------ msmtp + aiosmtpd sink
check_msmtp() {
  local dir="$IID_TEST_RUNTIME_DIR/msmtp" port rc sink
  mkdir -p "$dir"
  port=$("$py" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  cat >"$dir/rc" <<EOF
defaults
auth off
tls off
logfile $dir/msmtp.log
account sink
host 127.0.0.1
port $port
from iid@localhost
account default : sink
EOF
  chmod 600 "$dir/rc"
  msg() { printf 'To: someone@example.com\nSubject: %s\n\nbody\n' "$1"; }

  msg "$tag-down" | "$IID_TEST_MSMTP" -C "$dir/rc" -t -oi 2>/dev/null
  rc=$?
  if (( rc == 75 )); then pass "msmtp: sink down -> exit 75"; else failed "msmtp: sink down -> exit $rc, want 75"; fi

  # The Maildir must not exist yet: aiosmtpd creates it (an empty plain dir makes it answer 500).
  "$py" -m aiosmtpd -n -l "127.0.0.1:$port" -c aiosmtpd.handlers.Mailbox "$dir/maildir" >"$dir/sink.log" 2>&1 &
  sink=$!
  if ! wait_for 10 "$py" -c "import socket; socket.create_connection(('127.0.0.1', $port), 0.2).close()"; then
    kill "$sink" 2>/dev/null; failed "msmtp: aiosmtpd sink did not listen on $port"; return
  fi
  msg "$tag-up" | "$IID_TEST_MSMTP" -C "$dir/rc" -t -oi
  rc=$?
  kill "$sink" 2>/dev/null; wait "$sink" 2>/dev/null
  if (( rc == 0 )) && "$py" -c '
import mailbox, sys
sys.exit(0 if any(m["Subject"] == sys.argv[2] for m in mailbox.Maildir(sys.argv[1], create=False)) else 1)
' "$dir/maildir" "$tag-up"; then
    pass "msmtp: sink up -> exit 0, message in the sink"
  else
    failed "msmtp: sink up -> exit $rc; see $dir/msmtp.log"
  fi
}

check_notify
check_notify_action
check_mail
check_journal
check_msmtp

if (( failures )); then
  echo "smoke: $failures check(s) failed"
  exit 1
fi
echo "smoke: all checks passed"
