#!/usr/bin/env bash
# Fault-injection suite on real services with real worker processes: kill -9 mid-sync (repeated), one tenant's
# database down then hanging, the FHIR store hanging, the broker restarted mid-run, the same request to two workers,
# poison messages. After each, an oracle compares every source row with every tenant's store (lost, duplicated,
# cross-tenant must all be 0). Writes the scenario table to docs/reliability.md. Not part of the test command, which
# runs the same scenarios at small sizes.
#   scripts/fault-suite.sh           larger sizes (5 kills of a 50,000-row run, 20,000 rows per tenant; about 8 minutes)
#   scripts/fault-suite.sh --quick   the test command's sizes, report to .fhirsync/faults/reliability-quick.md
set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
invoked="scripts/fault-suite.sh${*:+ $*}"
output="$REPO_ROOT/docs/reliability.md"
export FHIRSYNC_FAULT_ROWS=20000 FHIRSYNC_FAULT_KILLED_ROWS=50000 FHIRSYNC_FAULT_KILLS=5
if [[ "${1:-}" == "--quick" ]]; then
  unset FHIRSYNC_FAULT_ROWS FHIRSYNC_FAULT_KILLED_ROWS FHIRSYNC_FAULT_KILLS
  output="$REPO_ROOT/.fhirsync/faults/reliability-quick.md"
elif [[ $# -gt 0 ]]; then
  echo "usage: scripts/fault-suite.sh [--quick]" >&2; exit 2
fi

"$REPO_ROOT/scripts/setup-services.sh"
# shellcheck source=/dev/null
. "$REPO_ROOT/.fhirsync/services.env"
mkdir -p "$REPO_ROOT/.fhirsync/faults" "$(dirname "$output")"
rows="$REPO_ROOT/.fhirsync/faults/rows.md"
: > "$rows"
export FHIRSYNC_FAULT_REPORT="$rows"

# The revision measured: the commit, plus any uncommitted change to what runs.
revision="$(git -C "$REPO_ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)"
changed="$(git -C "$REPO_ROOT" status --porcelain -- src tests scripts 2>/dev/null | awk '{print $2}' | xargs -r -n1 dirname | sort -u | paste -sd, - || true)"
[[ -z "$changed" ]] || revision="$revision with uncommitted changes in ${changed//,/, }"

started=$(date +%s)
status=0
timeout 1800 dotnet test "$REPO_ROOT/tests/Integration.Tests" -c Release --nologo --filter "Category=Faults" \
  --logger "console;verbosity=normal" 2>&1 | tee "$REPO_ROOT/.fhirsync/faults/test-output.log" || status=$?
elapsed=$(( $(date +%s) - started ))

# The measured table replaces the part of the page between its markers; the prose around it stays.
table="$REPO_ROOT/.fhirsync/faults/table.md"
{
  echo "<!-- fault-suite:begin -->"
  printf 'Measured %s on %s cores (%s, %s), `%s`,\n' "$(date -u +%Y-%m-%d)" "$(nproc)" "$(uname -m)" \
    "$(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo)" "$invoked"
  echo "revision ${revision}, in ${elapsed} s, exit status ${status}."
  echo
  echo "| scenario | source rows | lost | duplicated | cross-tenant | what else was measured |"
  echo "|---|---:|---:|---:|---:|---|"
  cat "$rows"
  echo "<!-- fault-suite:end -->"
} > "$table"
if [[ -f "$output" ]] && grep -q "fault-suite:begin" "$output"; then
  awk -v table="$table" '
    /<!-- fault-suite:begin -->/ { while ((getline line < table) > 0) print line; skipping = 1; next }
    /<!-- fault-suite:end -->/ { skipping = 0; next }
    !skipping { print }' "$output" > "$output.new" && mv "$output.new" "$output"
else
  cp "$table" "$output"
fi
echo "figures written to ${output#"$REPO_ROOT"/}"
exit "$status"
