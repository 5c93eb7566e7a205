#!/usr/bin/env bash
# Sets up the local development services for FhirSync on Debian/Ubuntu without Docker and without
# relying on systemd: MariaDB, RabbitMQ (+ management UI), the in-memory FHIR test server, and the packages of the
# OIDC test provider (tools/oidc-test-provider, started by the intake tests).
# Idempotent: a second run only checks that everything answers and exits within a couple of seconds.
#
# Usage: scripts/setup-services.sh            (as root, or as a user with sudo)
# Env:   FHIR_TEST_SERVER_PORT (default 8103), FHIRSYNC_USE_DOCKER=1 (only prints the docker alternative),
#        FHIRSYNC_WAIT_SECONDS (default 120, per-service start timeout)
set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
RUNTIME_DIR="$REPO_ROOT/.fhirsync"
FHIR_PORT="${FHIR_TEST_SERVER_PORT:-8103}"
FHIR_URL="http://127.0.0.1:${FHIR_PORT}/fhir/R4"
FHIR_DIR="$REPO_ROOT/tools/fhir-test-server"
WAIT_SECONDS="${FHIRSYNC_WAIT_SECONDS:-120}"

log()  { printf '[setup] %s\n' "$*"; }
fail() { printf '[setup] ERROR: %s\n' "$*" >&2; exit 1; }

# ---------------------------------------------------------------------------------------------------- privileges
if [[ $EUID -eq 0 ]]; then
  SUDO=()
elif command -v sudo >/dev/null 2>&1; then
  SUDO=(sudo)
else
  fail "this script needs root for apt/service/MariaDB root access: run it as root or install sudo"
fi
as_root() { "${SUDO[@]}" "$@"; }

# ---------------------------------------------------------------------------------------------------- docker (minimal)
if [[ "${FHIRSYNC_USE_DOCKER:-0}" == "1" ]]; then
  if command -v docker >/dev/null 2>&1 && timeout 10 docker info >/dev/null 2>&1; then
    log "Docker engine available and FHIRSYNC_USE_DOCKER=1: use 'docker compose up -d' with $REPO_ROOT/docker-compose.yml instead."
    log "This script only does the native (Debian package) setup; exiting without changes."
    exit 0
  fi
  log "FHIRSYNC_USE_DOCKER=1 but no Docker engine answers; continuing with Debian packages."
fi

# ---------------------------------------------------------------------------------------------------- prerequisites
if ! command -v dotnet >/dev/null 2>&1 || ! dotnet --list-sdks 2>/dev/null | grep -q '^10\.'; then
  fail "missing .NET SDK 10: install it (e.g. apt-get install dotnet-sdk-10.0 from packages.microsoft.com, or https://dot.net/v1/dotnet-install.sh --channel 10.0) and re-run"
fi
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1 \
   || (( $(node -p 'parseInt(process.versions.node, 10)' 2>/dev/null || echo 0) < 20 )); then
  fail "missing Node.js >= 20 with npm: install Node.js 20 or 22 (NodeSource deb.nodesource.com or nvm; Debian 12's own nodejs is 18, too old) and re-run"
fi

# ---------------------------------------------------------------------------------------------------- helpers
port_open() { timeout 2 bash -c "exec 3<>/dev/tcp/$1/$2" >/dev/null 2>&1; }
http_ok()   { curl -fsS -m 3 -o /dev/null "$1" >/dev/null 2>&1; }
command -v curl >/dev/null 2>&1 || http_ok() {
  node -e 'fetch(process.argv[1],{signal:AbortSignal.timeout(3000)}).then(r=>process.exit(r.ok?0:1),()=>process.exit(1))' "$1"
}
# wait_until <seconds> <description> <command...>
wait_until() {
  local secs=$1; shift 2  # $2: description, for readability only
  local deadline=$((SECONDS + secs))
  until "$@"; do
    (( SECONDS < deadline )) || return 1
    sleep 0.5
  done
}
# SysV 'service' if present (works with and without systemd as PID 1), else the init script directly.
svc_argv() { if command -v service >/dev/null 2>&1; then SVC=(service "$1" "$2"); else SVC=("/etc/init.d/$1" "$2"); fi; }
pkg_installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'; }
# npm_install_once <dir>: npm ci once per package-lock.json change (npm install when there is no lock file yet).
npm_install_once() {
  local dir=$1 name=${1#"$REPO_ROOT/"}
  if [[ ! -f "$dir/package-lock.json" ]]; then
    if [[ ! -d "$dir/node_modules" ]]; then
      log "npm install in $name (no package-lock.json)..."
      (cd "$dir" && npm install --no-audit --no-fund)
    fi
  # node_modules/.package-lock.json is written by npm at the end of a successful install: use it as the marker.
  elif [[ ! -f "$dir/node_modules/.package-lock.json" || "$dir/package-lock.json" -nt "$dir/node_modules/.package-lock.json" ]]; then
    log "npm ci in $name..."
    (cd "$dir" && npm ci --no-audit --no-fund)
  else
    log "$name npm dependencies up to date"
  fi
}

mkdir -p "$RUNTIME_DIR"

# ---------------------------------------------------------------------------------------------------- packages
missing=()
# chromium: the headless browser of the dashboard's test (tests/Integration.Tests/Dashboard).
for p in mariadb-server mariadb-client rabbitmq-server chromium; do pkg_installed "$p" || missing+=("$p"); done
if (( ${#missing[@]} )); then
  log "installing ${missing[*]} (apt)..."
  as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  # With Recommends (as a plain 'apt-get install' does): mariadb-server's compression provider plugins come in
  # and stay consistent with their /etc/mysql/mariadb.conf.d/provider_*.cnf files.
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"
  # Containers often ship /usr/sbin/policy-rc.d (exit 101), so apt does not start the daemons: done below.
fi
# docker-compose only checks docker-compose.yml here (ComposeFileShould); without Recommends, so no Docker engine
# (docker.io) comes with it. Not fatal: the other services do not need it, and that test names what is missing.
if ! pkg_installed docker-compose; then
  log "installing docker-compose (apt, without Recommends)..."
  as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq \
    && as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends docker-compose \
    || log "WARNING: apt could not install docker-compose; ComposeFileShould fails until it is installed"
fi

# ---------------------------------------------------------------------------------------------------- MariaDB
mariadb_up() { as_root mysqladmin --silent ping >/dev/null 2>&1 && port_open 127.0.0.1 3306; }
if mariadb_up; then
  log "MariaDB already running"
else
  log "starting MariaDB..."
  # The init script waits for mysqld itself and, on failure, re-runs it once with --log-error and prints that log
  # (mysqld otherwise logs to syslog, which usually does not exist without systemd).
  svc_argv mariadb start
  rc=0; timeout --foreground "$WAIT_SECONDS" "${SUDO[@]}" "${SVC[@]}" >"$RUNTIME_DIR/mariadb-start.log" 2>&1 || rc=$?
  MARIADB_LOGS="$RUNTIME_DIR/mariadb-start.log (init script output incl. mysqld's error log on failure)"
  if (( rc != 0 && rc != 124 )) && ! mariadb_up; then
    fail "MariaDB failed to start ('${SVC[*]}' exit $rc); see $MARIADB_LOGS"
  fi
  wait_until "$WAIT_SECONDS" MariaDB mariadb_up || fail "MariaDB did not answer within ${WAIT_SECONDS}s; see $MARIADB_LOGS"
  log "MariaDB is up"
fi

# Logins (fhirsync_admin: everything + GRANT OPTION; fhirsync: only the `fhirsync` control database).
mariadb_logins_ok() {
  local u p h
  for u in fhirsync_admin:fhirsync_admin_dev fhirsync:fhirsync_dev; do
    p=${u#*:}; u=${u%%:*}
    for h in 127.0.0.1 localhost; do
      MYSQL_PWD="$p" mysql --protocol="$([[ $h == localhost ]] && echo socket || echo tcp)" -h "$h" -u "$u" \
        -N -e 'SELECT 1' >/dev/null 2>&1 || return 1
    done
  done
  [[ "$(as_root mysql -N -B -e "
      SELECT CONCAT(
        (SELECT COUNT(*) FROM mysql.user WHERE User='fhirsync_admin' AND Host IN ('127.0.0.1','localhost')
                                          AND Grant_priv='Y' AND Super_priv='Y' AND Create_user_priv='Y'), '/',
        (SELECT COUNT(*) FROM mysql.db WHERE User='fhirsync' AND Db='fhirsync' AND Host IN ('127.0.0.1','localhost')
                                        AND Select_priv='Y' AND Insert_priv='Y' AND Create_priv='Y' AND Alter_priv='Y'), '/',
        (SELECT COUNT(*) FROM information_schema.SCHEMATA WHERE SCHEMA_NAME='fhirsync'))" 2>/dev/null)" == "2/2/1" ]]
}
if mariadb_logins_ok; then
  log "MariaDB logins fhirsync_admin / fhirsync and database fhirsync already present"
else
  log "creating MariaDB logins and control database..."
  as_root mysql <<'SQL'
CREATE DATABASE IF NOT EXISTS fhirsync CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
CREATE USER IF NOT EXISTS 'fhirsync_admin'@'127.0.0.1' IDENTIFIED BY 'fhirsync_admin_dev';
CREATE USER IF NOT EXISTS 'fhirsync_admin'@'localhost' IDENTIFIED BY 'fhirsync_admin_dev';
ALTER USER 'fhirsync_admin'@'127.0.0.1' IDENTIFIED BY 'fhirsync_admin_dev';
ALTER USER 'fhirsync_admin'@'localhost' IDENTIFIED BY 'fhirsync_admin_dev';
GRANT ALL PRIVILEGES ON *.* TO 'fhirsync_admin'@'127.0.0.1' WITH GRANT OPTION;
GRANT ALL PRIVILEGES ON *.* TO 'fhirsync_admin'@'localhost' WITH GRANT OPTION;
CREATE USER IF NOT EXISTS 'fhirsync'@'127.0.0.1' IDENTIFIED BY 'fhirsync_dev';
CREATE USER IF NOT EXISTS 'fhirsync'@'localhost' IDENTIFIED BY 'fhirsync_dev';
ALTER USER 'fhirsync'@'127.0.0.1' IDENTIFIED BY 'fhirsync_dev';
ALTER USER 'fhirsync'@'localhost' IDENTIFIED BY 'fhirsync_dev';
GRANT ALL PRIVILEGES ON `fhirsync`.* TO 'fhirsync'@'127.0.0.1';
GRANT ALL PRIVILEGES ON `fhirsync`.* TO 'fhirsync'@'localhost';
FLUSH PRIVILEGES;
SQL
  mariadb_logins_ok || fail "MariaDB logins still not usable after creating them (check 'mysql -ufhirsync_admin -p -h127.0.0.1')"
  log "MariaDB logins ready"
fi

# Room for the tests and benchmarks: hundreds of tenant logins, several worker processes and their schedulers at
# once. Debian's default is 151; raised for the running server (idempotent, nothing done when already enough).
MIN_CONNECTIONS=600
if (( $(as_root mysql -N -B -e 'SELECT @@max_connections') < MIN_CONNECTIONS )); then
  as_root mysql -e "SET GLOBAL max_connections = $MIN_CONNECTIONS"
  log "MariaDB max_connections raised to $MIN_CONNECTIONS"
fi

# A buffer pool that holds the benchmark's tables (millions of rows over the tenant databases, and the control
# database's lineage of each): Debian's 128 MiB default makes a large sync wait on the disk. A quarter of the memory,
# at most 4 GiB; InnoDB resizes it online, and nothing is done when it is already that large.
POOL_BYTES=$(( $(awk '/MemTotal/ {print $2}' /proc/meminfo) * 1024 / 4 ))
(( POOL_BYTES > 4294967296 )) && POOL_BYTES=4294967296
if (( $(as_root mysql -N -B -e 'SELECT @@innodb_buffer_pool_size') < POOL_BYTES )); then
  as_root mysql -e "SET GLOBAL innodb_buffer_pool_size = $POOL_BYTES"
  log "MariaDB innodb_buffer_pool_size raised to $(( POOL_BYTES / 1048576 )) MiB"
fi

# ---------------------------------------------------------------------------------------------------- RabbitMQ
RABBIT_LOGS="/var/log/rabbitmq/ (rabbit@$(hostname -s).log, startup_log, startup_err) and $RUNTIME_DIR/rabbitmq-start.log"
rabbit_up() { port_open 127.0.0.1 5672; }
if rabbit_up; then
  log "RabbitMQ already running"
else
  log "starting RabbitMQ (takes ~5-30s)..."
  # The Debian init script starts the broker detached (start-stop-daemon --background) and then blocks in
  # 'rabbitmqctl wait' for up to 10 minutes; bound that. The broker keeps running if the timeout fires.
  svc_argv rabbitmq-server start
  rc=0; timeout --foreground "$WAIT_SECONDS" "${SUDO[@]}" "${SVC[@]}" >"$RUNTIME_DIR/rabbitmq-start.log" 2>&1 || rc=$?
  if (( rc != 0 && rc != 124 )) && ! rabbit_up; then
    fail "RabbitMQ failed to start ('${SVC[*]}' exit $rc); see $RABBIT_LOGS"
  fi
  wait_until "$WAIT_SECONDS" RabbitMQ rabbit_up || fail "RabbitMQ did not open port 5672 within ${WAIT_SECONDS}s; see $RABBIT_LOGS"
  as_root rabbitmq-diagnostics -q ping >/dev/null 2>&1 || fail "RabbitMQ port 5672 is open but 'rabbitmq-diagnostics ping' fails; see $RABBIT_LOGS"
  log "RabbitMQ is up"
fi
if as_root grep -qs 'rabbitmq_management' /etc/rabbitmq/enabled_plugins; then
  log "RabbitMQ management plugin already enabled"
else
  log "enabling rabbitmq_management..."
  as_root rabbitmq-plugins -q enable rabbitmq_management >/dev/null
fi
if ! port_open 127.0.0.1 15672; then
  wait_until 60 "RabbitMQ management" port_open 127.0.0.1 15672 \
    || fail "RabbitMQ management UI did not open port 15672 within 60s; see $RABBIT_LOGS"
fi

# The workers' login (guest, on this development broker) moves refused intake requests to the error queue with their
# sender's user_id still on them; RabbitMQ lets only an 'impersonator' publish a user_id other than its own.
if as_root rabbitmqctl -q list_users 2>/dev/null | grep -E '^guest\s' | grep -q impersonator; then
  log "RabbitMQ user guest already has the impersonator tag"
else
  as_root rabbitmqctl -q set_user_tags guest administrator impersonator >/dev/null
  log "RabbitMQ user guest tagged administrator, impersonator"
fi

# ---------------------------------------------------------------------------------------------------- FHIR test server
fhir_status="not started (tools/fhir-test-server/server.mjs missing)"
if [[ ! -d "$FHIR_DIR" ]]; then
  log "NOTE: $FHIR_DIR does not exist yet; skipping npm install and the FHIR test server"
else
  npm_install_once "$FHIR_DIR"

  if [[ ! -f "$FHIR_DIR/server.mjs" ]]; then
    log "NOTE: $FHIR_DIR/server.mjs does not exist yet; not starting the FHIR test server"
  elif http_ok "$FHIR_URL/metadata"; then
    log "FHIR test server already answering at $FHIR_URL"
    fhir_status="$FHIR_URL"
  else
    if port_open 127.0.0.1 "$FHIR_PORT"; then
      fail "port $FHIR_PORT is in use but $FHIR_URL/metadata does not answer; stop that process or set FHIR_TEST_SERVER_PORT"
    fi
    log "starting FHIR test server on port $FHIR_PORT..."
    # setsid -f: own session, so Ctrl-C / closing the calling terminal does not kill it. The inner shell writes its
    # own pid and then execs (nohup ->) node, so the pid file holds node's pid.
    rm -f "$RUNTIME_DIR/fhir-test-server.pid"
    (cd "$REPO_ROOT" && setsid -f bash -c 'echo $$ >"$1"; shift; exec nohup "$@"' _ "$RUNTIME_DIR/fhir-test-server.pid" \
       node tools/fhir-test-server/server.mjs --port "$FHIR_PORT" >"$RUNTIME_DIR/fhir-test-server.log" 2>&1 </dev/null)
    for _ in {1..20}; do [[ -s "$RUNTIME_DIR/fhir-test-server.pid" ]] && break; sleep 0.1; done
    fhir_alive() { http_ok "$FHIR_URL/metadata" || { kill -0 "$(cat "$RUNTIME_DIR/fhir-test-server.pid")" 2>/dev/null || return 2; return 1; }; }
    rc=0
    deadline=$((SECONDS + 60))
    while :; do
      rc=0; fhir_alive || rc=$?
      (( rc == 0 )) && break
      (( rc == 2 )) && fail "FHIR test server exited during start; see $RUNTIME_DIR/fhir-test-server.log"
      (( SECONDS < deadline )) || fail "FHIR test server did not answer within 60s; see $RUNTIME_DIR/fhir-test-server.log"
      sleep 0.5
    done
    log "FHIR test server is up (pid $(cat "$RUNTIME_DIR/fhir-test-server.pid"))"
    fhir_status="$FHIR_URL"
  fi
fi

# ---------------------------------------------------------------------------------------------------- OIDC test provider
# Started by the intake's tests themselves (each with its own keys and clients); only its packages are installed here.
OIDC_DIR="$REPO_ROOT/tools/oidc-test-provider"
[[ -f "$OIDC_DIR/package.json" ]] && npm_install_once "$OIDC_DIR"

# ---------------------------------------------------------------------------------------------------- env file + summary
env_content="# Written by scripts/setup-services.sh; source it: . .fhirsync/services.env
export FHIRSYNC_TEST_MARIADB=\"Server=127.0.0.1;Port=3306;User ID=fhirsync_admin;Password=fhirsync_admin_dev\"
export FHIRSYNC_TEST_RABBITMQ=\"amqp://guest:guest@127.0.0.1:5672/\"
export FHIRSYNC_TEST_FHIR_URL=\"$FHIR_URL\""
if [[ "$(cat "$RUNTIME_DIR/services.env" 2>/dev/null)" != "$env_content" ]]; then
  printf '%s\n' "$env_content" >"$RUNTIME_DIR/services.env"
  log "wrote $RUNTIME_DIR/services.env"
fi

cat <<EOF
[setup] services ready:
  MariaDB           127.0.0.1:3306   (admin fhirsync_admin/fhirsync_admin_dev, control DB fhirsync: fhirsync/fhirsync_dev)
  RabbitMQ          amqp://127.0.0.1:5672  (guest/guest, localhost only)
  RabbitMQ mgmt UI  http://127.0.0.1:15672
  FHIR test server  $fhir_status  (log .fhirsync/fhir-test-server.log)
  env for tests     . $RUNTIME_DIR/services.env
EOF
