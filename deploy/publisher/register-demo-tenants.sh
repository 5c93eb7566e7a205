#!/usr/bin/env bash
# One-shot: registers the three demo tenants in the control database through the Publisher CLI, as scripts/demo.sh
# does. `fhirsync tenant add` updates a tenant that exists (its resource ids never change), so this runs at every
# `docker compose up`. A new tenant's API key is printed once: `docker compose logs register-demo-tenants`.
# hospital-a and salud-c write NDJSON into the worker's output volume, clinic-b into HAPI FHIR.
set -euo pipefail

fhirsync() { dotnet /app/fhirsync.dll "$@"; }
mappings=/demo/mappings

# Each tenant's own read-only login (demo/sql), passed by variable name so it never shows in a process list.
export DEMO_HOSPITAL_A="Server=mariadb;Database=tenant_hospital_a;User ID=fs_hospital_a;Password=demo_hospital_a_pw"
export DEMO_CLINIC_B="Server=mariadb;Database=tenant_clinic_b;User ID=fs_clinic_b;Password=demo_clinic_b_pw"
export DEMO_SALUD_C="Server=mariadb;Database=tenant_salud_c;User ID=fs_salud_c;Password=demo_salud_c_pw"

fhirsync tenant add --id hospital-a --name "Hospital A (English schema)" --source-connection-env DEMO_HOSPITAL_A \
  --mapping "$mappings/hospital-a.json" --sink ndjson --time-zone America/New_York
fhirsync tenant add --id clinic-b --name "Clinic B (legacy schema)" --source-connection-env DEMO_CLINIC_B \
  --mapping "$mappings/clinic-b.json" --sink fhir --sink-url "${CLINIC_B_FHIR_URL:?}" --bundle-size 50 --time-zone Europe/London
fhirsync tenant add --id salud-c --name "Salud C (Spanish schema)" --source-connection-env DEMO_SALUD_C \
  --mapping "$mappings/salud-c.json" --sink ndjson --time-zone Europe/Madrid
fhirsync tenant list
