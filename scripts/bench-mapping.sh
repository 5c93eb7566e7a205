#!/usr/bin/env bash
# Mapping engine benchmark: builds benchmarks/Mapping.Benchmarks in Release and runs it; the figures go to the
# "Mapping engine" section of docs/benchmarks.md. Never part of the tests. Needs only the .NET SDK.
#   scripts/bench-mapping.sh            full size (200,000 Patient and 400,000 Observation rows, 5 runs; a few minutes)
#   scripts/bench-mapping.sh --quick    smoke run (2,000 and 4,000 rows), written to .fhirsync/bench/ instead
#   --output PATH                       write the report elsewhere
set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PROJECT="$REPO_ROOT/benchmarks/Mapping.Benchmarks/FhirSync.Mapping.Benchmarks.csproj"
PROGRAM="$REPO_ROOT/benchmarks/Mapping.Benchmarks/bin/Release/net10.0/FhirSync.Mapping.Benchmarks.dll"

invoked="scripts/bench-mapping.sh${*:+ $*}"
patients=200000 observations=400000 runs=5
output="$REPO_ROOT/docs/benchmarks.md"
quick=0
while [[ $# -gt 0 ]]; do
  case "$1" in
    --quick) quick=1; shift ;;
    --output) output="${2:?--output needs a path}"; shift 2 ;;
    *) echo "usage: scripts/bench-mapping.sh [--quick] [--output PATH]" >&2; exit 2 ;;
  esac
done
if [[ $quick -eq 1 ]]; then
  patients=2000 observations=4000
  [[ "$invoked" == *--output* ]] || output="$REPO_ROOT/.fhirsync/bench/benchmarks-quick.md"
fi

# The revision measured: the commit, plus any uncommitted change to the engine or the mapping it runs.
revision="$(git -C "$REPO_ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)"
changed="$(git -C "$REPO_ROOT" status --porcelain -- src/Mapping demo/mappings/hospital-a.json 2>/dev/null | awk '{print $2}' | paste -sd, - || true)"
[[ -z "$changed" ]] || revision="$revision with uncommitted changes to ${changed//,/, }"

dotnet build "$PROJECT" -c Release --nologo -v quiet
dotnet "$PROGRAM" --output "$output" --patients "$patients" --observations "$observations" --runs "$runs" \
  --command "$invoked" --revision "$revision"
