# Scenario 3: fan-out of one auction's updates to many WebSockets on one QueryService node.
# Baseline: Benchmarks/baseline/broadcast.c, a minimal libwebsockets server writing one prepared
# frame of the same size to the same number of connections.
scenario_fanout() {
  local out frame_bytes=200 port pid
  profile_during "fanout-$1" 10 "fanout: connecting" "${Q1_PID:-}"
  if ! needs fanout "$1" QueryService; then :
  elif out=$(load fanout --port "$Q1_PORT" --server-pid "$Q1_PID" --connections "$FANOUT_CONNECTIONS" --frames "$FANOUT_FRAMES" \
      --trigger redis --label fanout) && [ -n "$out" ]; then
    record "$1" "$out"
    frame_bytes=$(python3 -c 'import json, sys; print(int(json.loads(sys.argv[1])["metrics"].get("avg_frame_bytes", 0)) or 200)' "$out")
  else
    record_failure fanout "$1" "$(tail -1 "$WORK/logs/load.log" | cut -c1-200)"
  fi
  port=$(free_port)
  "$WORK/broadcast" "$port" "$frame_bytes" >>"$WORK/logs/broadcast.log" 2>&1 &
  pid=$!
  extra_pids+=("$pid")
  sleep 0.3
  run_load fanout_baseline "$1" fanout --port "$port" --server-pid "$pid" --connections "$FANOUT_CONNECTIONS" \
    --frames "$FANOUT_FRAMES" --trigger message --label fanout_baseline || true
  kill -TERM "$pid" 2>/dev/null; wait "$pid" 2>/dev/null || true
}
