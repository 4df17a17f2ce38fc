#!/usr/bin/env bash
# The attack report: each flood of the hostile-clients review (issue 15) at full rate against a
# synclet on this machine, and what it cost the target: CPU, packets answered, latency of the
# target's own writes, memory held, log lines, bytes allocated. The tests in */Attacks/ assert the
# bounds; this prints the figures.
# Usage: benchmarks/attack.sh [attack numbers, e.g. 2 3; all by default]
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet run -c Release --project benchmarks/Synclets.Benchmarks -- --attack "$@"
