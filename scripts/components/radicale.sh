# shellcheck shell=bash
# shellcheck disable=SC2317,SC2329 # functions run from poll loops, which shellcheck cannot follow
# Radicale (CalDAV) and vdirsyncer for scripts/with-components.sh, which sources this file and
# gives it RT, need, fail, poll_alive and radicale_pid.

port_answers() { # port
  python3 -c 'import socket, sys; socket.create_connection(("127.0.0.1", int(sys.argv[1])), timeout=1).close()' "$1"
}

start_radicale() {
  need radicale radicale vdirsyncer
  local port
  for _ in 1 2 3; do
    port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    mkdir -p "$RT/radicale"
    cat >"$RT/radicale.conf" <<EOF
[server]
hosts = 127.0.0.1:$port
[auth]
type = none
[storage]
filesystem_folder = $RT/radicale/collections
[logging]
level = warning
EOF
    radicale --config "$RT/radicale.conf" </dev/null >"$RT/radicale.log" 2>&1 &
    radicale_pid=$!
    if poll_alive "$radicale_pid" port_answers "$port"; then
      export IID_TEST_RADICALE_URL="http://127.0.0.1:$port/"
      IID_TEST_VDIRSYNCER=$(command -v vdirsyncer)
      export IID_TEST_VDIRSYNCER
      return
    fi
    # Lost the port to someone else between the probe and the bind: try another.
    kill "$radicale_pid" 2>/dev/null || true
    wait "$radicale_pid" 2>/dev/null || true
    radicale_pid=
  done
  fail radicale "no answer on 127.0.0.1:$port" "$RT/radicale.log"
}
