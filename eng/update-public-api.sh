#!/usr/bin/env bash
# Records every new public symbol of the src/ packages in their PublicAPI.Unshipped.txt (the analyzer's own code fix).
# Run it after adding public API on purpose, then review the diff of the PublicAPI files.
set -euo pipefail
cd "$(dirname "$0")/.."
for project in src/*/*.csproj; do
  dotnet format analyzers "$project" --diagnostics RS0016 RS0017 --severity warn -v q || true
done
