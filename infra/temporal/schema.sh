#!/bin/sh
# temporal-schema (infra/docker-compose.yml): creates Temporal's two PostgreSQL databases and brings their schemas
# up to the version this admin-tools image carries, then exits. The server starts only after it succeeds.
#
# Safe to run again and again: `create` ignores a database that exists, `setup-schema -v 0.0` keeps a newer
# version, and `update-schema` applies only the versioned steps not applied yet (so a newer image upgrades in place).
#
# Environment: SQL_HOST, SQL_PORT, SQL_USER, SQL_PASSWORD (read by temporal-sql-tool itself, never on a command
# line), optional TEMPORAL_DB / TEMPORAL_VISIBILITY_DB and SCHEMA_TIMEOUT_SECONDS.
set -eu

host=${SQL_HOST:?SQL_HOST is not set}
port=${SQL_PORT:-5432}
user=${SQL_USER:?SQL_USER is not set}
: "${SQL_PASSWORD:?SQL_PASSWORD is not set}"
main_db=${TEMPORAL_DB:-temporal}
visibility_db=${TEMPORAL_VISIBILITY_DB:-temporal_visibility}
timeout=${SCHEMA_TIMEOUT_SECONDS:-120}
schema_root=/etc/temporal/schema/postgresql/v12

log() { echo "temporal-schema: $*"; }
die() { echo "temporal-schema: ERROR: $*" >&2; exit 1; }

sql_tool() {
  temporal-sql-tool --plugin postgres12 --ep "$host" -p "$port" -u "$user" "$@"
}

for dir in "$schema_root/temporal/versioned" "$schema_root/visibility/versioned"; do
  [ -d "$dir" ] || die "schema directory $dir is missing from this admin-tools image"
done

# depends_on already waits for pg_isready; this covers a start without compose's ordering (e.g. `run`).
log "waiting for PostgreSQL at $host:$port (at most ${timeout}s)"
waited=0
until nc -z "$host" "$port" >/dev/null 2>&1; do
  [ "$waited" -lt "$timeout" ] || die "PostgreSQL at $host:$port did not accept connections within ${timeout}s"
  sleep 2
  waited=$((waited + 2))
done

# Called as a loop condition, where `set -e` does not apply: every step ends the function on failure itself.
setup_db() {
  db=$1
  dir=$2
  log "database $db: create if missing"
  sql_tool --db "$db" create || return 1
  log "database $db: schema version tables"
  sql_tool --db "$db" setup-schema -v 0.0 || return 1
  log "database $db: update schema from $dir"
  sql_tool --db "$db" update-schema -d "$dir" || return 1
}

attempt=1
until setup_db "$main_db" "$schema_root/temporal/versioned"; do
  [ "$attempt" -lt 5 ] || die "could not set up database $main_db (see the errors above)"
  log "retrying database $main_db in 5s (attempt $attempt of 5 failed)"
  attempt=$((attempt + 1))
  sleep 5
done

attempt=1
until setup_db "$visibility_db" "$schema_root/visibility/versioned"; do
  [ "$attempt" -lt 5 ] || die "could not set up database $visibility_db (see the errors above)"
  log "retrying database $visibility_db in 5s (attempt $attempt of 5 failed)"
  attempt=$((attempt + 1))
  sleep 5
done

log "schemas of $main_db and $visibility_db are up to date"
