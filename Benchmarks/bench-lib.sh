# Helpers of scripts/bench.sh: the system under test on free ports with temporary data, result
# recording, and one file per scenario in Benchmarks/scenarios/. Sourced, not run.
# Expects: root, bin, WORK, JSONL, APPENDFSYNC and the size variables set by scripts/bench.sh.

PG_USER=auction
pids=()
extra_pids=()

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
as_pg() { if [ "$(id -u)" -eq 0 ]; then runuser -u "$PG_USER" -- "$@"; else "$@"; fi; }

wait_health() {
  for _ in $(seq 150); do curl -sf "http://127.0.0.1:$1/health" >/dev/null && return 0; sleep 0.1; done
  echo "bench: service on port $1 did not start; see $WORK/logs" >&2
  return 1
}

start_redis() { # port dir log [appendfsync]
  mkdir -p "$2"
  redis-server --port "$1" --bind 127.0.0.1 --dir "$2" --appendonly yes --appendfsync "${4:-$APPENDFSYNC}" --save '' \
    --maxmemory-policy noeviction --daemonize no >"$3" 2>&1 &
  for _ in $(seq 50); do redis-cli -p "$1" ping >/dev/null 2>&1 && return 0; sleep 0.1; done
  echo "bench: redis-server on $1 did not start" >&2
  return 1
}

start_system() {
  REDIS_PORT=$(free_port); PG_PORT=$(free_port); COMMAND_PORT=$(free_port); Q1_PORT=$(free_port); Q2_PORT=$(free_port); G1_PORT=$(free_port); G2_PORT=$(free_port)
  pg_bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
  if [ "$(id -u)" -eq 0 ] && ! id -u "$PG_USER" >/dev/null 2>&1; then
    useradd --system --no-create-home --shell /usr/sbin/nologin "$PG_USER"
  fi
  chmod 755 "$WORK"
  mkdir -p "$WORK/pg" "$WORK/copy"
  [ "$(id -u)" -eq 0 ] && chown "$PG_USER" "$WORK/pg" "$WORK/copy"

  echo "bench: redis-server on $REDIS_PORT (appendonly yes, appendfsync $APPENDFSYNC)"
  start_redis "$REDIS_PORT" "$WORK/redis" "$WORK/logs/redis.log"
  REDIS_PID=$(redis-cli -p "$REDIS_PORT" info server | awk -F: '/^process_id/ {print $2}' | tr -d '\r')
  echo "bench: PostgreSQL on $PG_PORT"
  as_pg "$pg_bin/initdb" -D "$WORK/pg/data" -U postgres -A trust -E UTF8 --no-locale >/dev/null
  as_pg "$pg_bin/pg_ctl" start -D "$WORK/pg/data" -w -l "$WORK/pg/postgres.log" \
    -o "-p $PG_PORT -k $WORK/pg -c listen_addresses=127.0.0.1" >/dev/null
  PG_STARTED=1
  for db in auction_query_1 auction_query_2 catchup; do createdb -h 127.0.0.1 -p "$PG_PORT" -U postgres "$db"; done

  export SESSION_SECRET=bench-secret-not-for-production REDIS_HOST=127.0.0.1 LOG_LEVEL=${LOG_LEVEL:-warning}
  if built CommandService; then
    # The load tool signs in its many simulated users at once from one loopback address: the
    # per-address log-in limit (which counts attempts in flight) would take them for a guesser.
    REDIS_PORT=$REDIS_PORT "$bin/CommandService" --port "$COMMAND_PORT" --redis-port "$REDIS_PORT" \
      --login-address-failures 1000000 >"$WORK/logs/command.log" 2>&1 &
    COMMAND_PID=$!; pids+=("$COMMAND_PID")
    wait_health "$COMMAND_PORT"
  fi
  if built QueryService; then
    local n=1 port
    for port in "$Q1_PORT" "$Q2_PORT"; do
      DATABASE_URL="host=127.0.0.1 port=$PG_PORT user=postgres dbname=auction_query_$n" REDIS_PORT=$REDIS_PORT \
        MIGRATIONS_DIR="$root/migrations" COMMAND_SERVICE_URL="http://127.0.0.1:$COMMAND_PORT" \
        "$bin/QueryService" --port "$port" --grpc-port "$([ "$n" = 1 ] && echo "$G1_PORT" || echo "$G2_PORT")" >"$WORK/logs/query-$n.log" 2>&1 &
      pids+=($!)
      [ "$n" = 1 ] && Q1_PID=$! || Q2_PID=$!
      wait_health "$port"
      n=$((n + 1))
    done
  fi
  echo "bench: CommandService :$COMMAND_PORT, QueryService :$Q1_PORT and :$Q2_PORT${UNBUILT:+ (not built:$UNBUILT)}"
}

built() { case " $UNBUILT " in *" $1 "*) return 1 ;; *) return 0 ;; esac; }

# Records "not run" for a scenario whose service did not build; true when it may run.
needs() { # scenario run product...
  local scenario=$1 run=$2 product
  shift 2
  for product in "$@"; do
    built "$product" || { record_failure "$scenario" "$run" "$product did not build"; return 1; }
  done
}

cleanup() {
  trap - EXIT
  for pid in "${extra_pids[@]}" "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${extra_pids[@]}" "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  [ -n "${PG_STARTED:-}" ] && as_pg "$pg_bin/pg_ctl" stop -D "$WORK/pg/data" -m fast -w >/dev/null 2>&1
  [ -n "${REDIS_PORT:-}" ] && redis-cli -p "$REDIS_PORT" shutdown nosave >/dev/null 2>&1
  [ -n "${CATCHUP_REDIS_PORT:-}" ] && redis-cli -p "$CATCHUP_REDIS_PORT" shutdown nosave >/dev/null 2>&1
  cp "$WORK/pg/postgres.log" "$WORK/logs/" 2>/dev/null
  rm -rf "$WORK/pg" "$WORK/redis" "$WORK/catchup-redis" "$WORK/copy"
  true
}

# The system's processes by role, for the load tool's CPU shares (`--watch`): PostgreSQL is the
# postmaster and its backends at this moment.
watch_spec() {
  local postmaster backends
  postmaster=$(head -1 "$WORK/pg/data/postmaster.pid" 2>/dev/null || true)
  backends=$( { [ -n "$postmaster" ] && pgrep -P "$postmaster" || true; } | paste -sd+ - )
  echo "command:${COMMAND_PID:-0},redis:$REDIS_PID,query:${Q1_PID:-0}+${Q2_PID:-0},postgres:${postmaster:-0}${backends:++$backends}"
}

# Runs the load tool against the system; its JSON result line goes to stdout, progress to a log.
load() {
  "$bin/AuctionLoad" "$1" --redis-port "$REDIS_PORT" --command-port "$COMMAND_PORT" --query-ports "$Q1_PORT,$Q2_PORT" \
    --watch "$(watch_spec)" "${@:2}" 2>>"$WORK/logs/load.log" | tail -1
}

# Appends a result line (JSON from the load tool or a baseline) with its run number.
record() { # run json
  python3 -c 'import json, sys; d = json.loads(sys.argv[1]); d["run"] = int(sys.argv[2]); print(json.dumps(d))' "$2" "$1" >>"$JSONL"
}

record_failure() { # scenario run reason
  python3 -c 'import json, sys; print(json.dumps({"scenario": sys.argv[1], "run": int(sys.argv[2]), "error": sys.argv[3]}))' \
    "$1" "$2" "$3" >>"$JSONL"
  echo "bench: $1 run $2 not run: $3" >&2
}

# Runs `load` and records its line, or records why it failed (the last line of the tool's log).
run_load() { # scenario run load-arguments...
  local scenario=$1 run=$2 out
  shift 2
  if out=$(load "$@") && [ -n "$out" ]; then record "$run" "$out"
  else record_failure "$scenario" "$run" "$(grep -v '^\s*$' "$WORK/logs/load.log" | tail -1 | cut -c1-200)"; return 1; fi
}

for file in "$root"/Benchmarks/scenarios/*.sh; do source "$file"; done

# A flat profile: the share of each process (by thread name) and shared object, then the hottest symbols.
perf_summary() { # perf.data
  perf report -i "$1" --stdio --no-children -g none --sort comm,dso --percent-limit 1 2>/dev/null | grep -E '^ +[0-9]'
  echo
  perf report -i "$1" --stdio --no-children -g none --sort dso,symbol --percent-limit 0.5 2>/dev/null | grep -E '^ +[0-9]' | cut -c1-160
}

# With PROFILE=1, samples the given processes' stacks (perf record, software clock: this VM has no
# hardware counters) for `seconds`, in the background, starting when the load tool logs a line
# matching `marker` (so that setup, such as password hashing, stays out of the profile). The top
# of the report goes to $WORK/logs/perf-<name>.txt. Without PROFILE it does nothing.
profile_during() { # name seconds marker pid...
  [ "${PROFILE:-0}" = 1 ] && command -v perf >/dev/null || return 0
  local name=$1 seconds=$2 marker=$3 pids skip
  shift 3
  pids=$(printf "%s\n" "$@" | grep . | paste -sd, -)
  [ -n "$pids" ] || return 0
  touch "$WORK/logs/load.log"
  skip=$(( $(wc -l <"$WORK/logs/load.log") + 1 ))
  ( for _ in $(seq 1800); do # at most 3 minutes
      [ -z "$marker" ] || tail -n +"$skip" "$WORK/logs/load.log" 2>/dev/null | grep -q -- "$marker" && break
      sleep 0.1
    done
    perf record -e cpu-clock -F 499 -g -p "$pids" -o "$WORK/perf-$name.data" -- sleep "$seconds" >/dev/null 2>&1
    perf_summary "$WORK/perf-$name.data" >"$WORK/logs/perf-$name.txt"
    rm -f "$WORK/perf-$name.data" ) &
}
