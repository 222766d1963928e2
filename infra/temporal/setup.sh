#!/bin/sh
# temporal-setup (infra/docker-compose.yml): once the Temporal server answers, creates the namespace and registers
# the custom search attributes that CPT Flow's workflows set (all Keyword; see CptSearchAttributes.java), then exits.
# The workers start only after it succeeds.
#
# Safe to run again and again: what exists already is left as it is.
#
# Environment: TEMPORAL_ADDRESS (default temporal:7233), CPT_NAMESPACE (default default), CPT_NAMESPACE_RETENTION
# (default 72h), SETUP_TIMEOUT_SECONDS (default 300).
set -eu

address=${TEMPORAL_ADDRESS:-temporal:7233}
namespace=${CPT_NAMESPACE:-default}
retention=${CPT_NAMESPACE_RETENTION:-72h}
timeout=${SETUP_TIMEOUT_SECONDS:-300}
changed=false

log() { echo "temporal-setup: $*"; }
die() { echo "temporal-setup: ERROR: $*" >&2; exit 1; }

# retrying STEP...: runs the function STEP until it returns 0, every 2 s, for at most $timeout seconds. A STEP sets
# last_error when it fails for a reason that may pass (the server still starting); it calls die when retrying is
# pointless. STEP runs as a loop condition, where `set -e` does not apply, so it checks every command itself.
last_error=
retrying() {
  waited=0
  until "$@"; do
    [ "$waited" -lt "$timeout" ] || die "gave up after ${timeout}s: $last_error"
    if [ "$waited" -gt 0 ] && [ $((waited % 30)) -eq 0 ]; then
      log "still trying (${waited}s): $last_error"
    fi
    sleep 2
    waited=$((waited + 2))
  done
}

# 1. The server: its frontend answers the gRPC health check once history, matching and the rest have joined.
server_serving() {
  last_error=$(temporal operator cluster health --address "$address" 2>&1) && return 0
  last_error="the Temporal server at $address is not serving: $last_error"
  return 1
}

# 2. The namespace.
namespace_exists() {
  if temporal operator namespace describe --namespace "$namespace" --address "$address" >/dev/null 2>&1; then
    log "namespace $namespace exists already"
    return 0
  fi
  if out=$(temporal operator namespace create --namespace "$namespace" --retention "$retention" \
      --description "CPT Flow sweeps" --address "$address" 2>&1); then
    log "namespace $namespace created (retention $retention)"
    changed=true
    return 0
  fi
  case $out in
    *"already exists"* | *"AlreadyExists"*) log "namespace $namespace exists already (created meanwhile)"; return 0 ;;
  esac
  last_error="could not create namespace $namespace: $out"
  return 1
}

# A new namespace reaches the frontend's namespace cache within ~10 s; until then it is "not found".
namespace_usable() {
  last_error=$(temporal operator search-attribute list --namespace "$namespace" --address "$address" 2>&1) && return 0
  last_error="namespace $namespace is not usable yet: $last_error"
  return 1
}

# 3. The search attributes, one call each so that one already there does not stop the others.
# register --name NAME --type TYPE: registers the custom search attribute NAME unless the namespace has it.
register() {
  name=$2
  type=$4
  if ! listed=$(temporal operator search-attribute list --namespace "$namespace" --address "$address" 2>&1); then
    last_error="could not list the search attributes of namespace $namespace: $listed"
    return 1
  fi
  if row=$(printf '%s\n' "$listed" | grep -w "$name"); then
    printf '%s\n' "$row" | grep -Eiq "(^|[^a-z_])(indexed_value_type_)?${type}(\$|[^a-z_])" ||
      die "search attribute $name exists with a type other than $type: $row"
    log "search attribute $name exists already ($type)"
    return 0
  fi
  if out=$(temporal operator search-attribute create --namespace "$namespace" --address "$address" "$@" 2>&1); then
    log "search attribute $name registered ($type)"
    changed=true
    return 0
  fi
  case $out in
    *"different type"*) die "search attribute $name exists with a type other than $type: $out" ;;
    *"already exists"*) log "search attribute $name exists already (registered meanwhile)"; return 0 ;;
  esac
  last_error="could not register search attribute $name: $out"
  return 1
}

# 4. Usable, not only listed: a visibility query that names all three succeeds once the frontend resolves them.
attributes_queryable() {
  last_error=$(temporal workflow list --namespace "$namespace" --address "$address" --limit 1 \
    --query "CptSweep = 'setup-check' AND CptVariant = 'setup-check' AND CptStage = 'setup-check'" 2>&1) && return 0
  last_error="the search attributes are not queryable yet: $last_error"
  return 1
}

log "waiting for the Temporal server at $address (at most ${timeout}s)"
retrying server_serving
log "the Temporal server at $address is SERVING"

retrying namespace_exists
retrying namespace_usable

retrying register --name CptSweep --type Keyword
retrying register --name CptVariant --type Keyword
retrying register --name CptStage --type Keyword

retrying attributes_queryable
if [ "$changed" = true ]; then
  # History and matching keep namespace caches of their own, refreshed every ~10 s: let them catch up before the
  # workers (which wait for this job) start the first sweep.
  sleep 10
fi

log "namespace $namespace ready, search attributes registered: CptSweep CptVariant CptStage (Keyword)"
