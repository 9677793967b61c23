#!/usr/bin/env bash
# The browser tests use Debian's Chromium and Firefox ESR (nothing here can download a browser);
# the PubSub seed-script test runs the vendor's curl commands.
chromium=${CHROMIUM_PATH:-/usr/bin/chromium}
firefox=${FIREFOX_PATH:-/usr/bin/firefox-esr}
ready() { [ -x "$chromium" ] && [ -x "$firefox" ] && command -v curl >/dev/null; }
ready && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "Installing Debian's chromium, firefox-esr and curl for the tests..."
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium firefox-esr curl ca-certificates >/dev/null
  ready && exit 0
  echo "apt-get did not install $chromium, $firefox and curl" >&2
  exit 1
fi
echo "The tests need $chromium, $firefox and curl. Install them as root with:" >&2
echo "  apt-get update && apt-get install -y --no-install-recommends chromium firefox-esr curl" >&2
echo "or set CHROMIUM_PATH and FIREFOX_PATH to your own browser binaries." >&2
exit 1
