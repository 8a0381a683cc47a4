#!/usr/bin/env bash
# Installs Debian's chromium and chromium-driver, which the Allure report's browser check
# (AllureRunReportTest) drives through WebDriver. Needs root and the Debian mirrors; about a minute.
set -euo pipefail
if [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ]; then
  exit 0
fi
if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null; then
  echo "install-browser: needs root and apt-get to install chromium and chromium-driver" >&2
  exit 1
fi
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null
