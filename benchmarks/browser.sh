#!/usr/bin/env bash
# Measures Synclets in a real browser (Debian's headless Chromium): the first sync of 10k and 100k
# atoms from a server into IndexedDB and into memory, and the TodoWeb app's compressed download.
# It publishes the app as users get it (Release, trimmed, precompressed) and runs
# tests/Synclets.Browser.Tests' measurement against it; figures land in the test output and in
# tests/Synclets.Browser.Tests/bin/Release/net10.0/TestResults/browser-measurements.md.
set -euo pipefail
cd "$(dirname "$0")/.."

published=$(mktemp -d)
trap 'rm -rf "$published"' EXIT
dotnet publish samples/TodoWeb.Server -c Release -o "$published" -nologo -v quiet
echo "published app: $(du -sh "$published/wwwroot" | cut -f1) on disk; compressed framework files: $(find "$published/wwwroot/_framework" -name '*.br' -printf '%s\n' | awk '{s+=$1} END {printf "%.2f MB", s/1048576}')"

SYNCLETS_BROWSER_BENCH=1 SYNCLETS_TODOWEB_HOST="$published/TodoWeb.Server.dll" \
  dotnet test tests/Synclets.Browser.Tests -c Release --filter "FullyQualifiedName~BrowserMeasurements" \
  --logger "console;verbosity=detailed" -nologo
