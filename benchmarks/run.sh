#!/usr/bin/env bash
# Runs the benchmark suite (Release, BenchmarkDotNet) and prints a short table of medians, then
# the wire report (bytes and messages per atom, which are counts rather than timings), what a metrics
# listener costs (alternating watched and unwatched blocks in one process), the 1M-atom
# sync into SQLite (time and peak memory), the stored-rooms report (10,000 rooms in one file), the
# cold-start report (the first 100k-atom sync of fresh processes), the WebSocket load report (100
# clients in one room: throughput, latency percentiles, memory), and last the issue's targets beside
# this run's figures (benchmarks/targets.py). Only reports this run wrote count, so a filtered run
# shows no stale rows.
# The PostgreSQL benchmarks use SYNCLETS_POSTGRES, or a throwaway cluster (.ci/postgres.sh).
# Usage: benchmarks/run.sh [BenchmarkDotNet filter, default '*']
set -euo pipefail
cd "$(dirname "$0")/.."

filter="${1:-*}"
artifacts="$(pwd)/BenchmarkDotNet.Artifacts"
project=benchmarks/Synclets.Benchmarks
since="$(date +%s)"
mkdir -p "$artifacts"
# The console reports write "metric name=value" lines here for the targets table.
metrics="$artifacts/metrics.txt"
: >"$metrics"

benchmark=(dotnet run -c Release --project "$project" -- --filter "$filter" --artifacts "$artifacts" --exporters csv)
# The PostgreSQL benchmarks need a database (SYNCLETS_POSTGRES). Without one, a throwaway cluster is
# started when PostgreSQL's server is installed; otherwise the benchmarks leave them out by themselves.
if [ -n "${SYNCLETS_POSTGRES:-}" ]; then
  "${benchmark[@]}" >&2
elif compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null; then
  bash .ci/postgres.sh "${benchmark[@]}" >&2
else
  echo "SYNCLETS_POSTGRES is unset and no PostgreSQL server is installed: skipping the PostgreSQL benchmarks" >&2
  "${benchmark[@]}" >&2
fi

echo
echo "## Timings (median)"
echo
python3 - "$artifacts/results" "$since" <<'PY'
import csv, glob, os, sys

rows = []
for path in sorted(glob.glob(os.path.join(sys.argv[1], "*-report.csv"))):
    if os.path.getmtime(path) < float(sys.argv[2]):
        continue
    # The class, from the report's name: several classes have a method of the same name.
    cls = os.path.basename(path)[:-len("-report.csv")].rsplit(".", 1)[-1]
    with open(path, newline="") as f:
        for row in csv.DictReader(f):
            rows.append(dict(row, Method=f"{cls}.{row['Method']}"))

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
dotnet run -c Release --project "$project" -- --wire-report --metrics "$metrics"

echo
dotnet run -c Release --project "$project" -- --observation-overhead --metrics "$metrics"

echo
echo "## 1M atoms, memory → SQLite"
echo
dotnet run -c Release --project "$project" -- --large-sync --metrics "$metrics"

echo
echo "## Stored rooms in one SQLite file"
echo
dotnet run -c Release --project "$project" -- --stored-rooms --metrics "$metrics"

echo
echo "## Cold start: the first sync of a fresh process"
echo
# Timed as built (JIT only) and, in turns, as published ReadyToRun with TieredPGO off (what README
# suggests for a server; the publish is quiet unless it fails).
readytorun="$artifacts/cold-start-readytorun"
dotnet publish "$project" -c Release -p:PublishReadyToRun=true -p:TieredPGO=false -o "$readytorun" >"$artifacts/cold-start-publish.log" 2>&1 \
  || { cat "$artifacts/cold-start-publish.log" >&2; exit 1; }
dotnet run -c Release --project "$project" -- --cold-start --also "readytorun=$readytorun/Synclets.Benchmarks" --metrics "$metrics"

echo
echo "## WebSocket load"
echo
dotnet run -c Release --project "$project" -- --ws-load

echo
echo "## Targets"
echo
python3 benchmarks/targets.py "$artifacts/results" "$metrics" "$since"
