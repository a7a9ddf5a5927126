#!/usr/bin/env bash
# API fuzzing with Schemathesis: starts a real Redis, PostgreSQL, CommandService and one
# QueryService, seeds users, auctions and bids, then lets Schemathesis generate requests from
#   - the QueryService's own document, GET /api/openapi.json (the read API), and
#   - docs/command-api.openapi.json against the CommandService (with a real session token),
# checking that no answer is a 5xx, and that every status, content type and body is one the
# document describes. Exits non-zero on any failure.
#
#   scripts/api-fuzz.sh [--quick]
#     --quick    few examples per operation, within about three minutes (CI)
#     (default)  more examples and the stateful phase
#
# Build: debug (CI already has it from `swift build --build-tests`). Environment: API_FUZZ_SCRATCH
# (SwiftPM scratch path, default .build), API_FUZZ_BIN (prebuilt binaries; skips the build),
# API_FUZZ_DIR (run folder, default a new /tmp/api-fuzz.*), API_FUZZ_SEED (Schemathesis seed).
# Reports (JUnit) are left in the run folder.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
export PATH="/opt/swift/usr/bin:$PATH"

quick=0
for argument in "$@"; do
  case "$argument" in
    --quick) quick=1 ;;
    *) echo "usage: scripts/api-fuzz.sh [--quick]" >&2; exit 2 ;;
  esac
done
log() { echo "api-fuzz: $*"; }

bash scripts/setup.sh >/dev/null
if [ -n "${API_FUZZ_BIN:-}" ]; then
  bin=$API_FUZZ_BIN
else
  scratch=${API_FUZZ_SCRATCH:-.build}
  log "building (debug)"
  for product in CommandService QueryService; do
    swift build --scratch-path "$scratch" --product "$product" 2>&1 | { grep -E "error|warning: " | grep -v prohibited || true; }
  done
  bin=$(swift build --scratch-path "$scratch" --show-bin-path)
fi

D=${API_FUZZ_DIR:-$(mktemp -d /tmp/api-fuzz.XXXXXX)}
mkdir -p "$D/logs" "$D/pg" "$D/reports"
# PostgreSQL runs as an unprivileged user, which must reach its data folder inside this one.
chmod 755 "$D"
free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'; }
REDIS_PORT=$(free_port); PG_PORT=$(free_port); C=$(free_port); Q=$(free_port)
SECRET="api-fuzz-secret-$(date +%s)-0123456789"

pg_bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
PG_USER=auction
as_pg() { if [ "$(id -u)" -eq 0 ]; then runuser -u "$PG_USER" -- "$@"; else "$@"; fi; }
if [ "$(id -u)" -eq 0 ]; then
  id -u "$PG_USER" >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin "$PG_USER"
  chown "$PG_USER" "$D/pg"
fi

pids=()
cleanup() {
  local status=$?
  trap - EXIT INT TERM
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  # A service that does not stop within ten seconds is killed (and its log says what hung).
  for _ in $(seq 100); do
    alive=0
    for pid in "${pids[@]}"; do kill -0 "$pid" 2>/dev/null && alive=1; done
    [ "$alive" = 0 ] && break
    sleep 0.1
  done
  for pid in "${pids[@]}"; do kill -KILL "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done
  as_pg "$pg_bin/pg_ctl" stop -D "$D/pg/data" -m immediate -w >/dev/null 2>&1 || true
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

log "starting redis-server :$REDIS_PORT, PostgreSQL :$PG_PORT (run folder $D)"
redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save "" --appendonly no --daemonize no >"$D/logs/redis.log" 2>&1 &
pids+=($!)
as_pg "$pg_bin/initdb" -D "$D/pg/data" -U postgres -A trust -E UTF8 --no-locale >/dev/null
as_pg "$pg_bin/pg_ctl" start -D "$D/pg/data" -w -l "$D/pg/server.log" -o "-p $PG_PORT -k $D/pg -c listen_addresses=127.0.0.1 -F" >/dev/null
createdb -h 127.0.0.1 -p "$PG_PORT" -U postgres api_fuzz
for _ in $(seq 50); do redis-cli -p "$REDIS_PORT" ping >/dev/null 2>&1 && break; sleep 0.1; done

# The node forwards browsers' addresses on log-in; this node runs on 127.0.0.1.
SESSION_SECRET="$SECRET" "$bin/CommandService" --host 127.0.0.1 --port "$C" --redis-port "$REDIS_PORT" \
  --trusted-proxy 127.0.0.1 --log-level warning >"$D/logs/command.log" 2>&1 &
pids+=($!)
SESSION_SECRET="$SECRET" DATABASE_URL="host=127.0.0.1 port=$PG_PORT user=postgres dbname=api_fuzz" \
  MIGRATIONS_DIR="$root/migrations" COMMAND_SERVICE_URL="http://127.0.0.1:$C" \
  "$bin/QueryService" --host 127.0.0.1 --port "$Q" --grpc-port 0 --redis-port "$REDIS_PORT" --log-level warning >"$D/logs/query.log" 2>&1 &
pids+=($!)

wait_ready() {
  for _ in $(seq 300); do curl -sf -m 2 "http://127.0.0.1:$1/ready" >/dev/null 2>&1 && return 0; sleep 0.2; done
  echo "api-fuzz: the service on :$1 never became ready; see $D/logs" >&2
  return 1
}
wait_ready "$C"
wait_ready "$Q"

log "seeding"
python3 scripts/seed.py "http://127.0.0.1:$C" >"$D/logs/seed.log"
TOKEN=$(python3 - "http://127.0.0.1:$C" <<'EOF'
import json, sys, urllib.request
base = sys.argv[1]
def post(path, body):
    request = urllib.request.Request(base + path, data=json.dumps(body).encode(), method="POST",
                                     headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=10) as response:
        return json.load(response)
credentials = {"displayName": "Fuzzer", "password": "fuzzing-password"}
post("/v1/users", credentials)
print(post("/v1/sessions", credentials)["token"])
EOF
)
wait_ready "$Q"

checks=not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance
if [ "$quick" = 1 ]; then
  options=(--max-examples 25 --phases examples,coverage,fuzzing --max-time 35)
else
  options=(--max-examples 200)
fi
seed=(); [ -n "${API_FUZZ_SEED:-}" ] && seed=(--seed "$API_FUZZ_SEED")
# --quick (CI) replays fixed seeds, so that CI reports regressions rather than the luck of the
# draw; a run without --quick draws new cases every time. Open finding of a random run: a path
# segment holding a decoded control character (`/v1/auctions/%0A...`) is cut short by lws and
# answered as the list (docs/security.md, "Known gaps").
read_seed=("${seed[@]}"); command_seed=("${seed[@]}")
if [ "$quick" = 1 ] && [ ${#seed[@]} -eq 0 ]; then
  read_seed=(--seed 67222635552260409101528656403511012133)
  command_seed=(--seed 267331844871477542048847797186719330388)
fi
common=(--checks "$checks" --workers 2 --request-timeout 15 --no-color --generation-database none --generation-allow-x00 false
        --suppress-health-check too_slow,filter_too_much)

failed=0
# Schemathesis and Hypothesis keep caches in the working folder: the run folder, not the repository.
cd "$D"
log "fuzzing the read API (QueryService :$Q)"
schemathesis run "http://127.0.0.1:$Q/api/openapi.json" "${common[@]}" "${options[@]}" "${read_seed[@]}" \
  --report junit --report-junit-path "$D/reports/query.xml" || failed=1
log "fuzzing the command API (CommandService :$C)"
schemathesis run "$root/docs/command-api.openapi.json" --url "http://127.0.0.1:$C" -H "Authorization: Bearer $TOKEN" \
  "${common[@]}" "${options[@]}" "${command_seed[@]}" --report junit --report-junit-path "$D/reports/command.xml" || failed=1

if grep -qiE "fatal error|panic" "$D/logs/command.log" "$D/logs/query.log"; then
  echo "api-fuzz: a service logged a crash; see $D/logs" >&2
  failed=1
fi
if [ "$failed" = 0 ]; then log "passed (reports in $D/reports)"; else echo "api-fuzz: FAILED (logs and reports in $D)" >&2; fi
exit "$failed"
