#!/usr/bin/env bash
# Translates the Observatory's own tests at one version into grade cases.
#
# usage: translate.sh CHECKOUT LABEL ALGORITHM DESCRIPTION > ../../data/grade-cases/upstream-LABEL.toml
#
# CHECKOUT is a checkout of github.com/mdn/mdn-http-observatory at the version (e.g. tag
# v1.6.3) with its dependencies installed (`npm install --ignore-scripts --omit=dev`,
# plus `chai` where the test files can find it) and `conf/hsts-preload.json` present (`{}`
# will do). Needs node and python3. The test files are instrumented in a temporary copy of
# `test/`; the checkout is not changed.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
checkout="$(cd "$1" && pwd)" label="$2" algorithm="$3" description="$4"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
records=()
for name in x-frame-options x-content-type-options referrer-policy strict-transport-security \
  cross-origin-resource-policy csp subresource-integrity cross-origin-opener-policy \
  cross-origin-embedder-policy; do
  test_file="$checkout/test/$name.test.js"
  [ -f "$test_file" ] || continue
  # The copy sits next to the originals, so their relative imports still resolve.
  instrumented="$checkout/test/.translate-$name.mjs"
  python3 "$here/instrument.py" "$test_file" "$instrumented" "test/$name.test.js"
  (cd "$checkout" && node "$instrumented") > "$work/$name.json" 2> "$work/$name.err" || {
    cat "$work/$name.err" >&2
    rm -f "$instrumented"
    exit 1
  }
  rm -f "$instrumented"
  # A unit test that fails here (e.g. one needing the HSTS preload list) is left out.
  grep '^FAILED' "$work/$name.err" | tee -a "$work/failed.txt" >&2 || true
  records+=("$work/$name.json")
done
touch "$work/failed.txt"
FAILED_TESTS="$work/failed.txt" python3 "$here/to_toml.py" "$checkout" "$label" "$algorithm" "$description" "${records[@]}"
