#!/usr/bin/env bash
# The soak variant of the convergence property tests: 10 synclets, 100,000 random operations
# (10,000 per synclet) under 20% dropped, 10% duplicated, reordered and delayed packets and random
# partitions, in a pool, a chain, a ring and a star; then faults stop, one sync interval passes, and
# every synclet must hold the same data and meta as the last-writer model. Prints a table:
# operations, faults injected, time to converge, peak memory. Exits non-zero if a run did not converge.
# Usage: benchmarks/soak.sh [--operations N] [--seed S]
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet run -c Release --project benchmarks/Synclets.Benchmarks -- --soak "$@"
