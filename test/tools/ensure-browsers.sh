#!/usr/bin/env bash
# The browser tests use Debian's Chromium and Firefox ESR; nothing here can download a browser.
chromium=${CHROMIUM_PATH:-/usr/bin/chromium}
firefox=${FIREFOX_PATH:-/usr/bin/firefox-esr}
[ -x "$chromium" ] && [ -x "$firefox" ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "Installing Debian's chromium and firefox-esr for the browser tests..."
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium firefox-esr >/dev/null
  [ -x "$chromium" ] && [ -x "$firefox" ] && exit 0
  echo "apt-get did not install $chromium and $firefox" >&2
  exit 1
fi
echo "The browser tests need $chromium and $firefox. Install them as root with:" >&2
echo "  apt-get update && apt-get install -y --no-install-recommends chromium firefox-esr" >&2
echo "or set CHROMIUM_PATH and FIREFOX_PATH to your own binaries." >&2
exit 1
