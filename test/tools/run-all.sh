#!/usr/bin/env bash
# `npm test`: browsers, type check, lint, build with size budgets, Node tests of the backend,
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
check "core imports no lit" node test/tools/check-core-imports.mjs
check "build and size budgets" npm run -s build

echo "== backend tests (node)"
node_out=$(mktemp)
node --import tsx --test --test-reporter=spec --test-concurrency=1 $(find test/server -name '*.test.ts' | sort) 2>&1 | tee "$node_out"
node_pass=$(grep -E '^ℹ pass [0-9]+' "$node_out" | awk '{print $3}')
node_fail=$(grep -E '^ℹ fail [0-9]+' "$node_out" | awk '{print $3}')
if [ -z "$node_pass" ]; then node_pass=0; node_fail=1; fi
passed=$((passed + node_pass)); failed=$((failed + node_fail))

echo "== browser tests (chromium, firefox)"
counts=$(mktemp)
WTR_COUNTS_FILE="$counts" node --import tsx node_modules/@web/test-runner/dist/bin.js --config test/web-test-runner.config.mjs
wtr_status=$?
if [ -s "$counts" ]; then
  passed=$((passed + $(node -p "require('$counts').passed")))
  failed=$((failed + $(node -p "require('$counts').failed")))
fi
if [ $wtr_status -ne 0 ] && [ "$(node -p "require('$counts').failed" 2>/dev/null || echo 0)" = 0 ]; then failed=$((failed + 1)); fi
rm -f "$node_out" "$counts"

echo
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
