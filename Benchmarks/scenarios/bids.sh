# Scenario 1: bid throughput over many auctions, and on one hot auction.
# Baselines, same client count, same Redis (and so the same appendfsync): redis-benchmark XADD of
# an event-sized entry, and the CommandService's own group-commit script run directly with one
# representative bid per call (Benchmarks/baseline/commit_script.py): the Redis cost of the
# append itself, so that the share of the limit that is Swift and the share that is Redis show.

# A public event as the CommandService stores it, for the XADD baseline's entry size.
XADD_EVENT='{"aggregate":{"auction":"3f1c2a9e-bench-0001"},"commandID":"8e3b1f52-7c4d-4d7e-9a51-0c2b6f1e9d34","data":{"bidNumber":17,"bidder":"6a0f3c1d-2b4e-4f58-8c9d-1e2f3a4b5c6d"},"schemaVersion":1,"timestamp":1764396000000,"type":"bidAccepted","version":35}'

xadd_baseline() { # run label clients
  local csv
  csv=$(redis-benchmark -p "$REDIS_PORT" -c "$3" -n "$XADD_REQUESTS" --csv \
    XADD "bench:xadd:{p0}" '*' type bidAccepted event "$XADD_EVENT" 2>>"$WORK/logs/redis-benchmark.log" | tail -1)
  redis-cli -p "$REDIS_PORT" del "bench:xadd:{p0}" >/dev/null
  # "test","rps","avg_latency_ms","min_latency_ms","p50_latency_ms","p95_latency_ms","p99_latency_ms","max_latency_ms"
  local json
  # The test name holds the command with unescaped quotes: read the numbers from the right.
  json=$(python3 -c '
import json, sys
row = [field.strip("\"") for field in sys.argv[1].rsplit(",", 7)[1:]]
print(json.dumps({"scenario": sys.argv[2], "metrics": {"rps": float(row[0]), "p50_ms": float(row[3]), "p99_ms": float(row[5]), "max_ms": float(row[6])}}))
' "$csv" "$2") || { record_failure "$2" "$1" "redis-benchmark gave no CSV line: $csv"; return 1; }
  record "$1" "$json"
}

commit_baseline() { # run label clients
  local csv json
  csv=$(python3 Benchmarks/baseline/commit_script.py "$REDIS_PORT" "$3" "$XADD_REQUESTS" 2>>"$WORK/logs/redis-benchmark.log") \
    || { record_failure "$2" "$1" "commit script baseline failed (see redis-benchmark.log)"; return 1; }
  json=$(python3 -c '
import json, sys
row = [field.strip("\"") for field in sys.argv[1].rsplit(",", 7)[1:]]
print(json.dumps({"scenario": sys.argv[2], "metrics": {"rps": float(row[0]), "p50_ms": float(row[3]), "p99_ms": float(row[5]), "max_ms": float(row[6])}}))
' "$csv" "$2") || { record_failure "$2" "$1" "commit script baseline gave no CSV line: $csv"; return 1; }
  record "$1" "$json"
}

scenario_bids() {
  profile_during "bids-$1" "$BID_SECONDS" "bidders for" "${COMMAND_PID:-}" "$REDIS_PID"
  needs bids "$1" CommandService && run_load bids "$1" bids --auctions "$AUCTIONS" --bidders "$BIDDERS" --seconds "$BID_SECONDS" --count-bids "$COUNT_BIDS" || true
  xadd_baseline "$1" xadd "$BIDDERS"
  commit_baseline "$1" commit_script "$BIDDERS"
}

scenario_hot() {
  needs bids_hot "$1" CommandService && run_load bids_hot "$1" bids --auctions 1 --bidders "$BIDDERS" --seconds "$BID_SECONDS" --count-bids "$COUNT_BIDS" || true
  xadd_baseline "$1" xadd_hot "$BIDDERS"
  commit_baseline "$1" commit_script_hot "$BIDDERS"
}
