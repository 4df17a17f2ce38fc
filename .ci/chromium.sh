# Sourced by .ci/run: makes sure Debian's headless Chromium is installed for the browser tests
# (tests/Synclets.Browser.Tests drive it with Playwright; Playwright's own browser download
# cannot work here). Sets SYNCLETS_CHROMIUM to its path.

chromium_install() {
  if ! command -v chromium >/dev/null 2>&1; then
    echo "Chromium not found: installing it from Debian packages"
    local apt_log
    apt_log=$(mktemp) || return 1
    if ! { apt-get -qq -o DPkg::Lock::Timeout=300 update &&
           DEBIAN_FRONTEND=noninteractive apt-get -qq -o DPkg::Lock::Timeout=300 install -y --no-install-recommends chromium; } \
         >"$apt_log" 2>&1; then
      tail -n 40 "$apt_log" >&2
      rm -f "$apt_log"
      echo "apt-get could not install the chromium package (output above)" >&2
      return 1
    fi
    rm -f "$apt_log"
  fi
  SYNCLETS_CHROMIUM=$(command -v chromium)
  export SYNCLETS_CHROMIUM
  echo "Chromium: $("$SYNCLETS_CHROMIUM" --version 2>/dev/null | head -n 1)"
}
