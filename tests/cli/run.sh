#!/usr/bin/env bash
# Checks of the sparkroster command line: exit codes and messages. Prints "ok"/"not ok" lines.
# Usage: tests/cli/run.sh PATH/TO/sparkroster
set -u
bin=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fails=0
check() {  # check NAME EXPECTED_EXIT COMMAND... ; output in $tmp/out
  local name=$1 want=$2; shift 2
  "$@" >"$tmp/out" 2>&1; local got=$?
  if [ "$got" -eq "$want" ]; then echo "ok - $name"; else echo "not ok - $name (exit $got, wanted $want)"; sed 's/^/    /' "$tmp/out"; fails=$((fails+1)); fi
}
expect_output() {  # expect_output NAME TEXT: the last command's output holds TEXT
  if grep -qF -- "$2" "$tmp/out"; then echo "ok - $1"; else echo "not ok - $1 (no '$2' in output)"; sed 's/^/    /' "$tmp/out"; fails=$((fails+1)); fi
}

check "sample writes a backup" 0 "$bin" sample --today 2026-11-22
cp "$tmp/out" "$tmp/sample.json"
check "validate accepts the sample program" 0 "$bin" validate "$tmp/sample.json"
expect_output "validate counts what it read" "36 creators"

head -c 300 "$tmp/sample.json" >"$tmp/truncated.json"
check "validate refuses a truncated backup with exit 1" 1 "$bin" validate "$tmp/truncated.json"
expect_output "the refusal says the JSON is broken" "not valid JSON"

printf '{"format":"spark-roster","version":1,"creators":[{"id":1,"handle":"a","followers":-5}]}' >"$tmp/neg.json"
check "validate refuses negative followers with exit 1" 1 "$bin" validate "$tmp/neg.json"
expect_output "the refusal names the JSON path" "\$.creators[0].followers"

check "validate of a missing file exits 1" 1 "$bin" validate "$tmp/nope.json"
check "no command is a usage error (exit 2)" 2 "$bin"
check "an unknown command is a usage error (exit 2)" 2 "$bin" frobnicate
check "a bad --today is a usage error (exit 2)" 2 "$bin" sample --today 2026-02-30
[ "$fails" -eq 0 ]
