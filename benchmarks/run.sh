#!/usr/bin/env bash
# Runs the benchmark suite (Release, BenchmarkDotNet) and prints a short table of medians, then
# the wire report (bytes and messages per atom, which are counts rather than timings), then the
# WebSocket load report (100 clients in one room: throughput, latency percentiles, memory).
# Usage: benchmarks/run.sh [BenchmarkDotNet filter, default '*']
set -euo pipefail
cd "$(dirname "$0")/.."

filter="${1:-*}"
artifacts="$(pwd)/BenchmarkDotNet.Artifacts"
project=benchmarks/Synclets.Benchmarks

dotnet run -c Release --project "$project" -- --filter "$filter" --artifacts "$artifacts" --exporters csv >&2

echo
echo "## Timings (median)"
echo
python3 - "$artifacts/results" <<'PY'
import csv, glob, os, sys

rows = []
for path in sorted(glob.glob(os.path.join(sys.argv[1], "*-report.csv"))):
    with open(path, newline="") as f:
        for row in csv.DictReader(f):
            rows.append(row)

params = ["Atoms", "Depth", "Format", "Source", "Target"]
print("| benchmark | parameters | median | allocated |")
print("|---|---|---:|---:|")
for row in rows:
    cells = ", ".join(f"{p}={row[p]}" for p in params if row.get(p))
    print(f"| {row['Method']} | {cells} | {row.get('Median') or row.get('Mean', '')} | {row.get('Allocated', '')} |")
PY

echo
echo "## Wire"
echo
dotnet run -c Release --project "$project" -- --wire-report

echo
echo "## WebSocket load"
echo
dotnet run -c Release --project "$project" -- --ws-load
