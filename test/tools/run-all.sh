#!/usr/bin/env bash
# `npm test`: browsers, type check, lint, build (with the core-imports check and size budgets), Node tests of the backend,
# and every browser test in Chromium and Firefox. Ends with `N passed, N failed` alone on a line.
set -uo pipefail
cd "$(dirname "$0")/../.."
export NODE_OPTIONS="${NODE_OPTIONS:-} --no-warnings"
passed=0
failed=0
check() {
  local name=$1
  shift
  echo "== $name"
  if "$@"; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "!! $name failed"; fi
}

bash test/tools/ensure-browsers.sh || { echo "0 passed, 1 failed"; exit 1; }
check "type check" npx tsc --noEmit -p tsconfig.json
check "lint" npx eslint --max-warnings 0 .
check "build and size budgets" npm run -s build

echo "== backend tests (node)"
node_out=$(mktemp)
node --import tsx --test --test-reporter=spec --test-concurrency=1 $(find test/server test/tools -name '*.test.ts' | sort) 2>&1 | tee "$node_out"
node_pass=$(grep -E '^ℹ pass [0-9]+' "$node_out" | awk '{print $3}')
node_fail=$(grep -E '^ℹ fail [0-9]+' "$node_out" | awk '{print $3}')
if [ -z "$node_pass" ]; then node_pass=0; node_fail=1; fi
passed=$((passed + node_pass)); failed=$((failed + node_fail))

run_browser_tests() {
  local counts
  counts=$(mktemp)
  WTR_COUNTS_FILE="$counts" node --import tsx node_modules/@web/test-runner/dist/bin.js --config test/web-test-runner.config.mjs
  local status=$?
  local p=0 f=0
  if [ -s "$counts" ]; then
    p=$(node -p "JSON.parse(require('fs').readFileSync('$counts', 'utf8')).passed")
    f=$(node -p "JSON.parse(require('fs').readFileSync('$counts', 'utf8')).failed")
  fi
  # A runner that failed without counting a failed test (crash, timeout) still fails the run.
  if [ $status -ne 0 ] && [ "$f" = 0 ]; then f=1; fi
  passed=$((passed + p)); failed=$((failed + f))
  rm -f "$counts"
}
echo "== browser tests (chromium, firefox)"
run_browser_tests
rm -f "$node_out"

echo
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
