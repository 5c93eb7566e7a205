#!/usr/bin/env bash
# (Re)creates the three demo tenants' source databases from demo/sql/*.sql and checks their row counts.
# Idempotent: each tenant database is dropped and recreated with identical, deterministic content; the tenant
# logins are CREATE USER IF NOT EXISTS + ALTER USER (password reset) + GRANT SELECT on their own database only.
#
# Usage: scripts/seed-demo.sh [hospital-a|clinic-b|salud-c ...]    (default: all three)
# Connects as fhirsync_admin over TCP (created by scripts/setup-services.sh); override with
# FHIRSYNC_SEED_HOST / FHIRSYNC_SEED_PORT / FHIRSYNC_SEED_USER / FHIRSYNC_SEED_PASSWORD. When that login does not
# work and the script runs as root, it falls back to MariaDB's root account over the unix socket.
set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SQL_DIR="$REPO_ROOT/demo/sql"
HOST="${FHIRSYNC_SEED_HOST:-127.0.0.1}"
PORT="${FHIRSYNC_SEED_PORT:-3306}"
USER_NAME="${FHIRSYNC_SEED_USER:-fhirsync_admin}"
PASSWORD="${FHIRSYNC_SEED_PASSWORD:-fhirsync_admin_dev}"

fail() { printf '[seed] ERROR: %s\n' "$*" >&2; exit 1; }

MYSQL_BIN="$(command -v mariadb || command -v mysql || true)"
[[ -n "$MYSQL_BIN" ]] || fail "no mariadb/mysql client found: run scripts/setup-services.sh (installs mariadb-client)"

# tenant -> "database expected-counts" (table=count, checked after loading)
declare -A DB=([hospital-a]=tenant_hospital_a [clinic-b]=tenant_clinic_b [salud-c]=tenant_salud_c)
declare -A COUNTS=(
  [hospital-a]="organizations=5 practitioners=60 patients=300 encounters=1500 observations=3000 conditions=600 immunizations=750 allergies=250"
  [clinic-b]="ORG=4 STAFF=30 PAT=250 VISIT=1250 LAB_RES=2500 DIAG=625 VACC=500 ALRG=220"
  [salud-c]="centros=5 profesionales=40 pacientes=200 direcciones_paciente=266 visitas=1010 observaciones=2000 diagnosticos=401 vacunas=450 alergias=190"
)

tenants=("$@")
(( ${#tenants[@]} )) || tenants=(hospital-a clinic-b salud-c)
for t in "${tenants[@]}"; do
  [[ -n "${DB[$t]:-}" ]] || fail "unknown tenant '$t' (expected hospital-a, clinic-b or salud-c)"
done

MYSQL=("$MYSQL_BIN" --default-character-set=utf8mb4 --protocol=tcp -h "$HOST" -P "$PORT" -u "$USER_NAME")
export MYSQL_PWD="$PASSWORD"
if ! "${MYSQL[@]}" -N -e 'SELECT 1' >/dev/null 2>&1; then
  if [[ $EUID -eq 0 ]] && "$MYSQL_BIN" -N -e 'SELECT 1' >/dev/null 2>&1; then
    unset MYSQL_PWD
    MYSQL=("$MYSQL_BIN" --default-character-set=utf8mb4)
    echo "[seed] $USER_NAME@$HOST:$PORT not usable; using MariaDB root over the unix socket"
  else
    fail "cannot log in to MariaDB as $USER_NAME@$HOST:$PORT: run scripts/setup-services.sh first"
  fi
fi

for t in "${tenants[@]}"; do
  start=$SECONDS
  "${MYSQL[@]}" <"$SQL_DIR/$t.sql" || fail "loading demo/sql/$t.sql failed"
  summary=()
  for tc in ${COUNTS[$t]}; do
    table=${tc%%=*} want=${tc#*=}
    got="$("${MYSQL[@]}" -N -B -e "SELECT COUNT(*) FROM \`${DB[$t]}\`.\`$table\`")"
    [[ "$got" == "$want" ]] || fail "$t: ${DB[$t]}.$table has $got rows, expected $want"
    summary+=("$table=$got")
  done
  echo "[seed] $t -> ${DB[$t]} (${summary[*]}) in $((SECONDS - start))s"
done
