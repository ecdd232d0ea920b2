# shellcheck shell=bash
# Apprise, the push channel's command, for scripts/with-components.sh, which sources this file and
# gives it need, fail and IID_TEST_PYTHON (from start_msmtp in mail.sh). Also checks that that
# python can `import caldav`, for the phone the calendar tests play.

start_apprise() {
  need apprise apprise
  "$IID_TEST_PYTHON" -c 'import caldav' >/dev/null 2>&1 ||
    fail caldav "$IID_TEST_PYTHON cannot import caldav; run scripts/install-deps.sh"
  IID_TEST_APPRISE=$(command -v apprise)
  export IID_TEST_APPRISE
}
