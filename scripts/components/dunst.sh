# shellcheck shell=bash
# shellcheck disable=SC2317,SC2329 # functions run from traps and poll loops, which shellcheck cannot follow
# Xvfb and dunst for scripts/with-components.sh, which sources this file and gives it RT, need,
# fail, poll_alive, xvfb_pid and dunst_pid. dunst owns org.freedesktop.Notifications on the
# private session bus and draws on the private Xvfb.
#
# --- Notes from checking this by hand (Debian 12, dunst 1.9.0, notify-send 0.8.1) ---
# dunst GetCapabilities: actions body body-hyperlinks icon-static synchronous
#   private-synchronous x-canonical-private-synchronous x-dunst-stack-tag
#   => "actions" is advertised; `notify-send --action=K=Label --wait` works.
# Clicking an action without a mouse:
#   * an action named "default", or a single action: `dunstctl action 0` invokes it
#     at once (no menu).
#   * two or more other actions: `dunstctl action 0` opens dunst's context menu, which runs
#     the `dmenu` command from the dunstrc. Here that command is a script that picks
#     the line for the key written in $IID_TEST_DUNST_ACTION_FILE. dunst feeds it
#     lines like `#Snooze (Interview) [2,snooze]` (label, summary, id, key).
#     Sequence: echo snooze >"$IID_TEST_DUNST_ACTION_FILE"; dunstctl action 0
#     (0 = the topmost displayed notification). `dunstctl context` does the same for all
#     displayed notifications.
#   * `notify-send -p --wait --action=...` prints the id, then the chosen
#     action key, each on its own line ("2\nsnooze\n"), and exits 0.
#     A notification closed without an action (dunstctl close / close-all) makes it
#     exit 0 with no action line.
#   * ActionInvoked is a signal the server sends; a client cannot fake it.
# Screenshot: DISPLAY=$DISPLAY import -window root out.png  (imagemagick)
# Read notifications back: `dunstctl close-all; dunstctl history` (JSON, closed
#   ones only, no urgency), or dbus-monitor --session
#   "interface='org.freedesktop.Notifications'" for the raw Notify calls with hints.

notifications_owned() {
  dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus \
    org.freedesktop.DBus.NameHasOwner string:org.freedesktop.Notifications 2>/dev/null |
    grep -q 'boolean true'
}

start_xvfb() {
  need Xvfb Xvfb xdpyinfo
  local n d
  for _ in 1 2 3; do
    n=
    for d in $(seq 90 199); do
      if [[ ! -e /tmp/.X11-unix/X$d && ! -e /tmp/.X$d-lock ]]; then n=$d; break; fi
    done
    [[ -n $n ]] || fail Xvfb "no free display number in :90-:199"
    Xvfb ":$n" -screen 0 1024x600x24 -nolisten tcp </dev/null >"$RT/xvfb.log" 2>&1 &
    xvfb_pid=$!
    export DISPLAY=":$n"
    if poll_alive "$xvfb_pid" xdpyinfo; then return; fi
    # Lost a race for the display number, or Xvfb died: try another one.
    kill "$xvfb_pid" 2>/dev/null || true
    wait "$xvfb_pid" 2>/dev/null || true
    xvfb_pid=
  done
  fail Xvfb "xdpyinfo got no answer on $DISPLAY" "$RT/xvfb.log"
}

start_dunst() {
  need dunst dunst dunstctl dbus-send notify-send
  export IID_TEST_DUNST_ACTION_FILE=$RT/dunst-action
  export IID_TEST_DUNST_MENU_LOG=$RT/dunst-menu.txt
  : >"$IID_TEST_DUNST_ACTION_FILE"
  # Stands in for dmenu in dunst's context menu: picks the action whose key is
  # in the action file. Input lines look like `#Label (summary) [id,key]`.
  cat >"$RT/dunst-pick-action" <<EOF
#!/bin/sh
cat >"$IID_TEST_DUNST_MENU_LOG"
want=\$(head -n 1 "$IID_TEST_DUNST_ACTION_FILE")
[ -n "\$want" ] || exit 0
grep -m 1 -F ",\$want]" "$IID_TEST_DUNST_MENU_LOG"
exit 0
EOF
  chmod +x "$RT/dunst-pick-action"
  cat >"$RT/dunstrc" <<EOF
[global]
    font = Monospace 10
    follow = none
    notification_limit = 0
    stack_duplicates = false
    sticky_history = yes
    history_length = 1000
    show_indicators = yes
    dmenu = $RT/dunst-pick-action
[urgency_low]
    timeout = 0
[urgency_normal]
    timeout = 0
[urgency_critical]
    timeout = 0
EOF
  dunst -config "$RT/dunstrc" </dev/null >"$RT/dunst.log" 2>&1 &
  dunst_pid=$!
  poll_alive "$dunst_pid" notifications_owned || fail dunst "org.freedesktop.Notifications has no owner on the session bus" "$RT/dunst.log"
  export IID_TEST_NOTIFY=1
}
