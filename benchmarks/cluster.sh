#!/usr/bin/env bash
# The cluster load report: 100 rooms × 10 clients over three `synclets serve --cluster` processes,
# beside one `synclets serve` process with the same workload, in one run (throughput, delivery
# latency, memory per node, memory per idle room). The cluster's membership is in PostgreSQL:
# SYNCLETS_POSTGRES, or a throwaway cluster (.ci/postgres.sh).
set -euo pipefail
cd "$(dirname "$0")/.."

report=(dotnet run -c Release --project benchmarks/Synclets.Benchmarks -- --cluster-load)
if [ -n "${SYNCLETS_POSTGRES:-}" ]; then
  "${report[@]}"
else
  bash .ci/postgres.sh "${report[@]}"
fi
