#!/usr/bin/env bash
# Runs the whole system on this machine: Redis (AOF on), PostgreSQL, one CommandService and two
# QueryService nodes, each node with its own database. Data lives in .data/ (git-ignored) and is
# reused by the next run. Ctrl-C stops everything cleanly.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
export PATH="/opt/swift/usr/bin:$PATH"

REDIS_PORT=${REDIS_PORT:-6379}
PG_PORT=${PG_PORT:-5432}
COMMAND_PORT=${COMMAND_PORT:-8080}
QUERY_PORTS=(${QUERY_PORTS:-8081 8082})
# Each node's gRPC port, in the same order as QUERY_PORTS.
GRPC_PORTS=(${GRPC_PORTS:-9081 9082})
# "always" fsyncs the AOF before a command is acknowledged: an acknowledged bid survives a power
# loss, at the cost of one fsync per write. "everysec" risks up to one second of acknowledged writes.
APPENDFSYNC=${APPENDFSYNC:-always}
DATA="$root/.data"
PG_USER=auction

bash scripts/setup.sh
echo "run: building (release)"
swift build -c release --product CommandService
swift build -c release --product QueryService
bin=$(swift build -c release --show-bin-path)

in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
for port in "$REDIS_PORT" "$PG_PORT" "$COMMAND_PORT" "${QUERY_PORTS[@]}" "${GRPC_PORTS[@]}"; do
  if in_use "$port"; then
    echo "run: port $port is already in use. Stop what uses it, or choose other ports, e.g." >&2
    echo "     REDIS_PORT=6380 PG_PORT=5433 COMMAND_PORT=7080 QUERY_PORTS='7081 7082' GRPC_PORTS='7091 7092' scripts/run.sh" >&2
    exit 1
  fi
done

pg_bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
as_pg() { if [ "$(id -u)" -eq 0 ]; then runuser -u "$PG_USER" -- "$@"; else "$@"; fi; }
if [ "$(id -u)" -eq 0 ] && ! id -u "$PG_USER" >/dev/null 2>&1; then
  useradd --system --no-create-home --shell /usr/sbin/nologin "$PG_USER"
fi
mkdir -p "$DATA/redis" "$DATA/pg" "$DATA/logs"
[ "$(id -u)" -eq 0 ] && chown "$PG_USER" "$DATA/pg"

pids=()
cleanup() {
  trap - INT TERM EXIT
  echo; echo "run: stopping"
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  as_pg "$pg_bin/pg_ctl" stop -D "$DATA/pg/data" -m fast -w >/dev/null 2>&1 || true
  redis-cli -p "$REDIS_PORT" shutdown >/dev/null 2>&1 || true
  echo "run: stopped"
}
trap 'cleanup; exit 0' INT TERM
trap cleanup EXIT

echo "run: starting redis-server on $REDIS_PORT (appendonly yes, appendfsync $APPENDFSYNC)"
redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --dir "$DATA/redis" --appendonly yes \
  --appendfsync "$APPENDFSYNC" --maxmemory-policy noeviction --daemonize no >"$DATA/logs/redis.log" 2>&1 &
pids+=($!)

if [ ! -f "$DATA/pg/data/PG_VERSION" ]; then
  echo "run: initdb"
  as_pg "$pg_bin/initdb" -D "$DATA/pg/data" -U postgres -A trust -E UTF8 --no-locale >/dev/null
fi
echo "run: starting PostgreSQL on $PG_PORT"
as_pg "$pg_bin/pg_ctl" start -D "$DATA/pg/data" -w -l "$DATA/pg/postgres.log" \
  -o "-p $PG_PORT -k $DATA/pg -c listen_addresses=127.0.0.1" >/dev/null
for n in 1 2; do
  psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -tAc "select 1 from pg_database where datname='auction_query_$n'" | grep -q 1 ||
    createdb -h 127.0.0.1 -p "$PG_PORT" -U postgres "auction_query_$n"
done
for _ in $(seq 50); do redis-cli -p "$REDIS_PORT" ping >/dev/null 2>&1 && break; sleep 0.1; done

export REDIS_HOST=127.0.0.1 REDIS_PORT SESSION_SECRET=${SESSION_SECRET:-local-development-secret-change-me}
"$bin/CommandService" --port "$COMMAND_PORT" --trusted-proxy 127.0.0.1 >"$DATA/logs/command.log" 2>&1 &
pids+=($!)
n=1
for port in "${QUERY_PORTS[@]}"; do
  DATABASE_URL="host=127.0.0.1 port=$PG_PORT user=postgres dbname=auction_query_$n" \
    MIGRATIONS_DIR="$root/migrations" COMMAND_SERVICE_URL="http://127.0.0.1:$COMMAND_PORT" \
    "$bin/QueryService" --port "$port" --grpc-port "${GRPC_PORTS[$((n - 1))]}" >"$DATA/logs/query-$n.log" 2>&1 &
  pids+=($!)
  n=$((n + 1))
done

for port in "$COMMAND_PORT" "${QUERY_PORTS[@]}"; do
  for _ in $(seq 100); do curl -sf "http://127.0.0.1:$port/health" >/dev/null && break; sleep 0.1; done
  curl -sf "http://127.0.0.1:$port/health" >/dev/null || { echo "run: service on $port did not start; see $DATA/logs" >&2; exit 1; }
done

# Demo data: on the first run (or with SEED=1); SEED=0 never seeds.
if [[ "${SEED:-}" == 1 || ( "${SEED:-}" != 0 && ! -e "$DATA/seeded" ) ]]; then
  python3 "$root/scripts/seed.py" "http://127.0.0.1:$COMMAND_PORT" && touch "$DATA/seeded"
fi

echo
echo "Live auction is running (logs in .data/logs):"
echo "  CommandService   http://127.0.0.1:$COMMAND_PORT"
for i in "${!QUERY_PORTS[@]}"; do
  echo "  QueryService     http://127.0.0.1:${QUERY_PORTS[$i]}   gRPC 127.0.0.1:${GRPC_PORTS[$i]}"
done
echo "  Redis            127.0.0.1:$REDIS_PORT   PostgreSQL 127.0.0.1:$PG_PORT (user postgres)"
echo "Press Ctrl-C to stop."
wait -n "${pids[@]}" || true
echo "run: a process exited; see $DATA/logs" >&2
