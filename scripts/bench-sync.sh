#!/usr/bin/env bash
# Sync pipeline benchmark: the real worker against real MariaDB, RabbitMQ, NDJSON and the FHIR test server, beside
# the machine's own limits; the figures go to the "Sync pipeline" section of docs/benchmarks.md (between its markers).
# Never part of the tests. Starts the local services first (scripts/setup-services.sh, idempotent).
#   scripts/bench-sync.sh                      small size: 10,000 patients + 20,000 observations over 4 tenants, 3 runs
#   scripts/bench-sync.sh --rows-scale full    1,000,000 patients + 2,000,000 observations (an idle machine, most of an hour)
#   scripts/bench-sync.sh --smoke              a tiny run that checks the harness, written to .fhirsync/bench/ instead
#   --runs N                                   measured runs per figure (at least 3)
#   --output PATH                              write the report elsewhere
set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PROGRAM="$REPO_ROOT/benchmarks/Sync.Benchmarks/bin/Release/net10.0/FhirSync.Sync.Benchmarks.dll"
usage="usage: scripts/bench-sync.sh [--rows-scale small|full] [--smoke] [--runs N] [--output PATH]"

invoked="scripts/bench-sync.sh${*:+ $*}"
scale=small runs=3 output=""
while [[ $# -gt 0 ]]; do
  case "$1" in
    --rows-scale) scale="${2:?--rows-scale needs small or full}"; shift 2 ;;
    --smoke) scale=smoke; shift ;;
    --runs) runs="${2:?--runs needs a number}"; shift 2 ;;
    --output) output="${2:?--output needs a path}"; shift 2 ;;
    *) echo "$usage" >&2; exit 2 ;;
  esac
done
case "$scale" in small|full|smoke) ;; *) echo "$usage" >&2; exit 2 ;; esac
if [[ -z "$output" ]]; then
  [[ $scale == smoke ]] && output="$REPO_ROOT/.fhirsync/bench/benchmarks-smoke.md" || output="$REPO_ROOT/docs/benchmarks.md"
fi

"$REPO_ROOT/scripts/setup-services.sh" >/dev/null
# shellcheck source=/dev/null
. "$REPO_ROOT/.fhirsync/services.env"

# The revision measured: the commit, plus any uncommitted change to what the benchmark runs.
revision="$(git -C "$REPO_ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)"
changed="$(git -C "$REPO_ROOT" status --porcelain -- src demo 2>/dev/null | awk '{print $2}' | paste -sd, - || true)"
[[ -z "$changed" ]] || revision="$revision with uncommitted changes to ${changed//,/, }"

# The worker and the Publisher CLI are run from their Release builds, so the whole solution is built.
dotnet build "$REPO_ROOT/FhirSync.sln" -c Release --nologo -v quiet
# dotnet-trace, pinned in dotnet-tools.json, profiles the worker over one extra run.
(cd "$REPO_ROOT" && dotnet tool restore >/dev/null)
work="$REPO_ROOT/.fhirsync/bench/sync-$scale"
rm -rf "$work"
dotnet "$PROGRAM" --rows-scale "$scale" --runs "$runs" --output "$output" --work "$work" --command "$invoked" --revision "$revision"
