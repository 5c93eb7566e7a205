#!/usr/bin/env bash
# The main job, end to end on the demo tenants: starts the services, seeds three tenant databases, registers the
# tenants through the Publisher CLI, starts the worker, asks for a sync of every tenant and waits for the outcome.
# hospital-a and salud-c go to NDJSON files, clinic-b to the FHIR test server.
#
# Usage: scripts/demo.sh [--keep-running]     (--keep-running leaves the worker running after the syncs)
set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
RUNTIME="$REPO_ROOT/.fhirsync"
KEEP_RUNNING=0
for arg in "$@"; do
  case "$arg" in
    --keep-running) KEEP_RUNNING=1 ;;
    *) echo "usage: scripts/demo.sh [--keep-running]" >&2; exit 2 ;;
  esac
done
log() { printf '[demo] %s\n' "$*"; }

"$REPO_ROOT/scripts/setup-services.sh"
"$REPO_ROOT/scripts/seed-demo.sh"

log "building (Release)"
dotnet build "$REPO_ROOT/FhirSync.sln" -c Release -v quiet -nologo | tail -n 3

mkdir -p "$RUNTIME"
if [[ ! -s "$RUNTIME/master.key" ]]; then
  (umask 077 && head -c 32 /dev/urandom | base64 > "$RUNTIME/master.key")
  log "generated a demo master key in .fhirsync/master.key"
fi
export FHIRSYNC_Secrets__KeyFile="$RUNTIME/master.key"
export FHIRSYNC_ControlDatabase__ConnectionString="Server=127.0.0.1;Port=3306;Database=fhirsync;User ID=fhirsync;Password=fhirsync_dev"
export FHIRSYNC_RabbitMq__Url="amqp://guest:guest@127.0.0.1:5672/"
export FHIRSYNC_Sinks__NdjsonRoot="$RUNTIME/output"
FHIR_URL="http://127.0.0.1:${FHIR_TEST_SERVER_PORT:-8103}/fhir/R4"
PUBLISHER=(dotnet "$REPO_ROOT/src/Publisher/bin/Release/net10.0/fhirsync.dll")
WORKER_DLL="$REPO_ROOT/src/Worker/bin/Release/net10.0/FhirSync.Worker.dll"

# Each tenant's own least-privilege login, passed by environment variable so it never shows in a process list.
export DEMO_HOSPITAL_A="Server=127.0.0.1;Database=tenant_hospital_a;User ID=fs_hospital_a;Password=demo_hospital_a_pw"
export DEMO_CLINIC_B="Server=127.0.0.1;Database=tenant_clinic_b;User ID=fs_clinic_b;Password=demo_clinic_b_pw"
export DEMO_SALUD_C="Server=127.0.0.1;Database=tenant_salud_c;User ID=fs_salud_c;Password=demo_salud_c_pw"
"${PUBLISHER[@]}" tenant add --id hospital-a --name "Hospital A (English schema)" --source-connection-env DEMO_HOSPITAL_A \
  --mapping "$REPO_ROOT/demo/mappings/hospital-a.json" --sink ndjson --time-zone America/New_York
"${PUBLISHER[@]}" tenant add --id clinic-b --name "Clinic B (legacy schema)" --source-connection-env DEMO_CLINIC_B \
  --mapping "$REPO_ROOT/demo/mappings/clinic-b.json" --sink fhir --sink-url "$FHIR_URL" --bundle-size 50 --time-zone Europe/London
"${PUBLISHER[@]}" tenant add --id salud-c --name "Salud C (Spanish schema)" --source-connection-env DEMO_SALUD_C \
  --mapping "$REPO_ROOT/demo/mappings/salud-c.json" --sink ndjson --time-zone Europe/Madrid

if [[ -f "$RUNTIME/worker.pid" ]] && kill -0 "$(cat "$RUNTIME/worker.pid")" 2>/dev/null; then
  log "stopping the worker left running by an earlier demo"
  kill "$(cat "$RUNTIME/worker.pid")"; sleep 2
fi
log "starting the worker (log: .fhirsync/worker.log)"
(cd "$REPO_ROOT" && exec dotnet "$WORKER_DLL" > "$RUNTIME/worker.log" 2>&1) &
WORKER_PID=$!
echo "$WORKER_PID" > "$RUNTIME/worker.pid"
stop_worker() { kill "$WORKER_PID" 2>/dev/null && wait "$WORKER_PID" 2>/dev/null || true; rm -f "$RUNTIME/worker.pid"; }
[[ $KEEP_RUNNING == 1 ]] || trap stop_worker EXIT

# The worker declares its queue and binding when it starts; wait until it consumes before publishing.
for _ in $(seq 1 120); do
  consumers=$(curl -fsS -u guest:guest "http://127.0.0.1:15672/api/queues/%2F/fhirsync-sync-requested" 2>/dev/null \
    | sed -n 's/.*"consumers":\([0-9]*\).*/\1/p' || true)
  [[ "${consumers:-0}" -ge 1 ]] && break
  kill -0 "$WORKER_PID" 2>/dev/null || { tail -n 30 "$RUNTIME/worker.log"; log "the worker exited"; exit 1; }
  sleep 1
done
[[ "${consumers:-0}" -ge 1 ]] || { tail -n 30 "$RUNTIME/worker.log"; log "the worker did not start consuming"; exit 1; }

# Full: the demo data is seeded afresh each time, and an incremental run after an earlier demo would read nothing new.
log "requesting a full sync of every tenant and waiting for the outcome"
"${PUBLISHER[@]}" sync --all --full --wait --timeout 600

cat <<INFO

Where to look:
  NDJSON output        $RUNTIME/output/hospital-a/  and  $RUNTIME/output/salud-c/   (one {Type}.ndjson per resource type)
  FHIR test server     $FHIR_URL/Patient?_count=5   (clinic-b; $FHIR_URL/Observation?_summary=count)
  RabbitMQ management  http://127.0.0.1:15672  (guest/guest; queue fhirsync-sync-requested)
  Worker log           $RUNTIME/worker.log
INFO
if [[ $KEEP_RUNNING == 1 ]]; then
  log "worker left running (pid $WORKER_PID); stop it with: kill \$(cat .fhirsync/worker.pid)"
fi
