#!/usr/bin/env bash
# Every test: brings up the real services (MariaDB, RabbitMQ, FHIR test server dependencies), then runs the unit
# and integration test projects. Prints a closing 'N passed, N failed' line.
set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$REPO_ROOT/scripts/setup-services.sh"
# shellcheck source=/dev/null
. "$REPO_ROOT/.fhirsync/services.env"

mkdir -p "$REPO_ROOT/.fhirsync"
LOG="$REPO_ROOT/.fhirsync/test-output.log"
status=0
dotnet test "$REPO_ROOT/FhirSync.sln" -c Release --nologo "$@" 2>&1 | tee "$LOG" || status=$?

passed=$(sed -n 's/.*Passed:[[:space:]]*\([0-9]*\),.*/\1/p' "$LOG" | awk '{s+=$1} END {print s+0}')
failed=$(sed -n 's/.*Failed:[[:space:]]*\([0-9]*\),.*/\1/p' "$LOG" | awk '{s+=$1} END {print s+0}')
echo "$passed passed, $failed failed"
if [[ $status -eq 0 && $passed -eq 0 ]]; then
  echo "no test ran" >&2
  exit 1
fi
exit "$status"
