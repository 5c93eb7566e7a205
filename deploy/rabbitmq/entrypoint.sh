#!/usr/bin/env bash
# Writes the broker's users, virtual host and permissions (docs/security.md, "RabbitMQ") from the environment, then
# starts the image's own entrypoint. Definitions import creates what is missing and resets the passwords given, so a
# changed .env takes effect at the next start. Passwords: letters, digits, '-' and '_' (they go into JSON and URLs).
set -euo pipefail

: "${RABBITMQ_ADMIN_PASSWORD:?}" "${RABBITMQ_WORKER_PASSWORD:?}" "${RABBITMQ_PUBLISHER_PASSWORD:?}"
definitions=/etc/rabbitmq/fhirsync-definitions.json

# The worker's patterns cover its quorum work queues, their _error/_skipped queues, its temporary config-changed
# queue and the fhirsync.v1.* exchanges; 'impersonator' lets it dead-letter a refused intake request with the
# sender's user_id still on it (docs/operations.md). The Publisher's also cover the temporary queue that
# `fhirsync sync --wait` declares ({host}_fhirsync_endpoint_{id}) and its bindings to the fhirsync.v1.* outcome
# exchanges: with only the narrower patterns of docs/security.md that queue is refused.
cat >"$definitions" <<JSON
{
  "vhosts": [ { "name": "fhirsync" } ],
  "users": [
    { "name": "fhirsync-admin", "password": "${RABBITMQ_ADMIN_PASSWORD}", "tags": ["administrator"] },
    { "name": "fhirsync-worker", "password": "${RABBITMQ_WORKER_PASSWORD}", "tags": ["impersonator"] },
    { "name": "fhirsync-publisher", "password": "${RABBITMQ_PUBLISHER_PASSWORD}", "tags": [] }
  ],
  "permissions": [
    { "user": "fhirsync-admin", "vhost": "fhirsync", "configure": ".*", "write": ".*", "read": ".*" },
    { "user": "fhirsync-worker", "vhost": "fhirsync",
      "configure": "^(fhirsync[.-].*|.*_bus_.*)\$", "write": "^(fhirsync[.-].*|.*_bus_.*)\$", "read": "^(fhirsync[.-].*|.*_bus_.*)\$" },
    { "user": "fhirsync-publisher", "vhost": "fhirsync",
      "configure": "^(fhirsync\\\\.v1\\\\..*|.*_bus_.*|.*_endpoint_.*)\$", "write": "^(fhirsync\\\\.v1\\\\..*|.*_bus_.*|.*_endpoint_.*)\$", "read": "^(fhirsync\\\\.v1\\\\..*|.*_bus_.*|.*_endpoint_.*)\$" }
  ]
}
JSON
chown rabbitmq:rabbitmq "$definitions"
chmod 600 "$definitions"

exec docker-entrypoint.sh rabbitmq-server
