#!/usr/bin/env bash
# Builds the package and its tests, failing on any compiler warning in MetaProbe's own sources.
set -euo pipefail
log=$(mktemp)
trap 'rm -f "$log"' EXIT
swift build --build-tests "$@" 2>&1 | tee "$log"
if grep -E "^$(pwd)/(Sources|Tests)/.*warning:" "$log" >/dev/null; then
  echo "error: compiler warnings in Sources/ or Tests/ (listed above)" >&2
  exit 1
fi
