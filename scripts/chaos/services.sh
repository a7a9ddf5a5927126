# Starting, watching and stopping the chaos run's processes (sourced by scripts/chaos.sh, which
# sets D, the ports, bin, SECRET, COMMAND_URLS, SERVICES, LEASE_MS, libfaketime, pg_bin, as_pg).

pid_of() { cat "$D/pids/$1" 2>/dev/null; }

# Alive and not a zombie.
is_alive() {
  local pid; pid=$(pid_of "$1")
  [ -n "$pid" ] && [ -r "/proc/$pid/stat" ] && ! grep -qE '^[0-9]+ \([^)]*\) Z' "/proc/$pid/stat"
}

start_service() {
  local name=$1 out="$D/logs/$1.log"
  echo "--- $(date +%H:%M:%S.%N | cut -c1-12) start" >> "$out"
  case "$name" in
    redis)
      redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --dir "$D/redis" --appendonly "$AOF" --appendfsync always \
        --maxmemory-policy noeviction --save "" --daemonize no >> "$out" 2>&1 &
      echo $! > "$D/pids/redis"; disown
      for _ in $(seq 100); do redis-cli -p "$REDIS_PORT" ping >/dev/null 2>&1 && return 0; sleep 0.1; done
      return 1 ;;
    postgres)
      as_pg "$pg_bin/pg_ctl" start -D "$D/pg/data" -w -t 20 -l "$D/pg/server.log" \
        -o "-p $PG_PORT -k $D/pg -c listen_addresses=127.0.0.1" >> "$out" 2>&1 || return 1
      head -1 "$D/pg/data/postmaster.pid" > "$D/pids/postgres"
      for n in 1 2; do
        psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -tAc "select 1 from pg_database where datname='chaos_q$n'" 2>/dev/null | grep -q 1 ||
          createdb -h 127.0.0.1 -p "$PG_PORT" -U postgres "chaos_q$n" >> "$out" 2>&1
      done ;;
    proxy)
      python3 "$root/scripts/chaos/fault_proxy.py" "$PROXY_PORT" 127.0.0.1 "$REDIS_PORT" >> "$D/faults.log" 2>&1 &
      echo $! > "$D/pids/proxy"; disown ;;
    cmd1|cmd2)
      local port=$C1 extra=(--pause-before-commit-ms 20) preload=()
      if [ "$name" = cmd2 ]; then
        port=$C2; extra=()
        # Clock skew: wall clock +2 h for this process only; monotonic time (timeouts) untouched.
        [ -e "$D/skew-cmd2" ] && preload=(env LD_PRELOAD="$libfaketime" FAKETIME="+2h" FAKETIME_DONT_FAKE_MONOTONIC=1)
      fi
      # The load signs in its many users from one loopback address: no per-address log-in limit.
      "${preload[@]}" env SESSION_SECRET="$SECRET" "$bin/CommandService" --port "$port" --redis-port "$REDIS_PORT" \
        --lock-lease-ms "$LEASE_MS" --login-address-failures 1000000 "${extra[@]}" >> "$out" 2>&1 &
      echo $! > "$D/pids/$name"; disown ;;
    q1|q2)
      local n=${name#q} port redis_port=$REDIS_PORT
      port=$([ "$n" = 1 ] && echo "$Q1" || echo "$Q2")
      [ "$n" = 2 ] && redis_port=$PROXY_PORT
      env DATABASE_URL="$(db_url "$n")" MIGRATIONS_DIR="$root/migrations" COMMAND_SERVICE_URL="$COMMAND_URLS" \
        SESSION_SECRET="$SECRET" "$bin/QueryService" --port "$port" --grpc-port 0 --redis-port "$redis_port" >> "$out" 2>&1 &
      echo $! > "$D/pids/$name"; disown ;;
  esac
}

# Waits until GET /ready on 127.0.0.1:$1 answers 200, at most $2 seconds.
wait_ready() {
  local deadline=$(( $(date +%s) + $2 ))
  while [ "$(date +%s)" -lt "$deadline" ]; do
    curl -sf -m 2 "http://127.0.0.1:$1/ready" >/dev/null 2>&1 && return 0
    sleep 0.5
  done
  return 1
}

# The supervisor: restarts whatever died, as systemd would (Restart=always, 0.5 s), and records
# whether the death was a fault (a marker left by the fault) or unexpected (a crash: reported).
supervise() {
  while [ ! -e "$D/stop-supervising" ]; do
    for service in $SERVICES; do
      is_alive "$service" && continue
      [ -e "$D/stop-supervising" ] && break
      if [ -e "$D/retrying-$service" ]; then
        :  # a start that failed is simply tried again, not counted as another restart
      elif [ -e "$D/expected-$service" ]; then
        echo "$(date +%H:%M:%S) restart $service after fault" >> "$D/restarts.log"
      else
        echo "$(date +%H:%M:%S) restart $service after unexpected exit (log: $D/logs/$service.log)" >> "$D/restarts.log"
      fi
      rm -f "$D/expected-$service"
      if start_service "$service"; then
        rm -f "$D/retrying-$service"
      else
        touch "$D/retrying-$service"
        echo "$(date +%H:%M:%S) start of $service failed; retrying" >> "$D/retries.log"
      fi
    done
    sleep 0.5
  done
}

stop_service() {
  local pid; pid=$(pid_of "$1")
  [ -n "$pid" ] || return 0
  if [ "$1" = postgres ]; then
    as_pg "$pg_bin/pg_ctl" stop -D "$D/pg/data" -m fast -w >/dev/null 2>&1
  else
    kill -CONT "$pid" 2>/dev/null; kill -TERM "$pid" 2>/dev/null
    for _ in $(seq 100); do is_alive "$1" || break; sleep 0.1; done
    is_alive "$1" && kill -KILL "$pid" 2>/dev/null
  fi
  rm -f "$D/pids/$1"
}

stop_all() {
  for service in q1 q2 cmd1 cmd2 proxy redis postgres; do stop_service "$service"; done
}
