# Scenario 4: `QueryService rebuild` replays every stream into an empty read model.
# Baseline: server-side COPY of the rows that replay produced into the same tables (a fresh copy
# of the read-model schema, indexes included), in one transaction.
catchup_url() { echo "host=127.0.0.1 port=$PG_PORT user=postgres dbname=catchup"; }
pg() { PGOPTIONS='--client-min-messages=warning' psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -d catchup -v ON_ERROR_STOP=1 -qtA "$@"; }

catchup_seed() {
  # Its own Redis, so that the serving nodes do not project these events meanwhile. Replay only
  # reads, so this Redis need not fsync while it is filled.
  CATCHUP_REDIS_PORT=$(free_port)
  start_redis "$CATCHUP_REDIS_PORT" "$WORK/catchup-redis" "$WORK/logs/catchup-redis.log" no || return 1
  echo "bench: seeding $CATCHUP_EVENTS events"
  local out
  out=$("$bin/AuctionLoad" seed-events --redis-port "$CATCHUP_REDIS_PORT" --events "$CATCHUP_EVENTS" 2>>"$WORK/logs/load.log" | tail -1) || return 1
  echo "bench: seeded: $out"
}

scenario_catchup() {
  needs catchup "$1" QueryService || return 1
  if [ -z "${CATCHUP_REDIS_PORT:-}" ]; then catchup_seed || { record_failure catchup "$1" "seeding failed"; return 1; }; fi
  local start end seconds
  start=$(date +%s%N)
  local profiler=()
  [ "${PROFILE:-0}" = 1 ] && command -v perf >/dev/null && profiler=(perf record -e cpu-clock -F 499 -g -o "$WORK/perf-catchup.data" --)
  if ! LOG_LEVEL=warning "${profiler[@]}" "$bin/QueryService" rebuild --database-url "$(catchup_url)" --redis-port "$CATCHUP_REDIS_PORT" \
      --migrations-dir "$root/migrations" >>"$WORK/logs/rebuild.log" 2>&1; then
    record_failure catchup "$1" "QueryService rebuild failed: $(tail -1 "$WORK/logs/rebuild.log" | cut -c1-200)"
    return 1
  fi
  end=$(date +%s%N)
  if [ ${#profiler[@]} -gt 0 ]; then
    perf_summary "$WORK/perf-catchup.data" >"$WORK/logs/perf-catchup-$1.txt"
    rm -f "$WORK/perf-catchup.data"
  fi
  seconds=$(python3 -c "print(($end - $start) / 1e9)")
  record "$1" "{\"scenario\": \"catchup\", \"metrics\": {\"events_per_s\": $(python3 -c "print($CATCHUP_EVENTS / $seconds)"), \"seconds\": $seconds}}"

  local tables copy_sql="" truncate_sql=""
  tables=$(pg -c "select table_name from information_schema.tables where table_schema = 'read_model' and table_type = 'BASE TABLE' order by 1")
  pg -c "drop schema if exists copy_baseline cascade" -c "select create_read_model('copy_baseline')" >/dev/null
  for table in $tables; do
    pg -c "copy read_model.$table to '$WORK/copy/$table.copy'" >/dev/null
    copy_sql+="copy copy_baseline.$table from '$WORK/copy/$table.copy';"
    truncate_sql+="${truncate_sql:+, }copy_baseline.$table"
  done
  # create_read_model seeds singleton rows (the position): the copy brings its own.
  pg -c "truncate $truncate_sql" >/dev/null
  start=$(date +%s%N)
  if ! pg -c "begin; $copy_sql commit;" >/dev/null; then record_failure catchup_copy "$1" "COPY into copy_baseline failed"; return 0; fi
  end=$(date +%s%N)
  seconds=$(python3 -c "print(($end - $start) / 1e9)")
  record "$1" "{\"scenario\": \"catchup_copy\", \"metrics\": {\"events_per_s\": $(python3 -c "print($CATCHUP_EVENTS / $seconds)"), \"seconds\": $seconds}}"
  pg -c "drop schema copy_baseline cascade" >/dev/null
}
