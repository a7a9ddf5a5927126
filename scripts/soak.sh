#!/usr/bin/env bash
# Soak: the whole system under a steady mixed load, with no faults, for N minutes, watching each
# service process for leaks: resident memory (VmRSS) and open file descriptors, sampled every
# 10 s from /proc, and the load's error rate per 10 s interval.
#
# Usage: scripts/soak.sh [--minutes N] [--release|--debug] [--keep]
#   --minutes N  load duration (default 10); under 5 minutes the default build is debug, else release
#   --keep       keep the run folder (logs, samples) even when the soak passed
# Environment: SOAK_SCRATCH (SwiftPM scratch path, default .build), SOAK_BIN (prebuilt binaries:
# skip the build), SOAK_DIR (run folder, default a new /tmp/soak.*).
#
# Processes (scripts/chaos/services.sh, on free loopback ports): redis-server (AOF, fsync always),
# PostgreSQL, two CommandServices, two QueryService nodes (each its own database; no fault proxy).
# Load (scripts/chaos/load_driver.py): 6 bid workers (a third of the bids through the query nodes,
# over /live and the HTML form), 3 page/REST viewers, 6 WebSocket watchers.
# Verdict (scripts/chaos/soak_report.py): after a warm-up of 2 minutes (a third of the run when
# shorter), the last third of the samples against the first third: a CommandService or
# QueryService whose mean RSS grew by more than 20 %, or any process whose mean open fds grew by
# more than 50, fails; so does any 10 s interval after the warm-up with more than 1 % of requests
# failing, a process that died, or a load that acknowledged nothing.
# Output: a table on stdout and the whole report as JSON in .soak-results/soak-<UTC time>.json.
set -uo pipefail
# Parsed whole before it runs (one compound command), like scripts/chaos.sh.
{
cd "$(dirname "$0")/.."
root=$(pwd)
export PATH="/opt/swift/usr/bin:$PATH"

minutes=10; config=""; keep=0
while [ $# -gt 0 ]; do
  case "$1" in
    --minutes) minutes=$2; shift ;;
    --release) config=release ;;
    --debug) config=debug ;;
    --keep) keep=1 ;;
    -h|--help) sed -n '2,21p' "$0"; exit 0 ;;
    *) echo "soak: unknown argument $1 (see --help)" >&2; exit 2 ;;
  esac
  shift
done
seconds=$(python3 -c "print(int(float('$minutes') * 60))" 2>/dev/null) || { echo "soak: --minutes needs a number" >&2; exit 2; }
[ "$seconds" -ge 30 ] || { echo "soak: --minutes must be at least 0.5" >&2; exit 2; }
[ -z "$config" ] && { [ "$seconds" -lt 300 ] && config=debug || config=release; }
warmup=$(( seconds / 3 < 120 ? seconds / 3 : 120 ))

log() { echo "$(date +%H:%M:%S) soak: $*"; }

python3 -c "import websockets" 2>/dev/null || python3 -m pip install -q websockets 2>/dev/null ||
  python3 -m pip install -q --break-system-packages websockets

if [ -n "${SOAK_BIN:-}" ]; then
  bin=$SOAK_BIN; config="prebuilt $bin"
else
  scratch=${SOAK_SCRATCH:-.build}
  log "building ($config)"
  for product in CommandService QueryService; do
    swift build -c "$config" --scratch-path "$scratch" --product "$product" 2>&1 | grep -E "error|warning: " | grep -v prohibited
  done
  bin=$(swift build -c "$config" --scratch-path "$scratch" --show-bin-path)
fi
for product in CommandService QueryService; do
  [ -x "$bin/$product" ] || { echo "soak: $bin/$product is not built" >&2; exit 2; }
done

# --- the run folder, ports and the variables scripts/chaos/services.sh expects -----------------
D=${SOAK_DIR:-$(mktemp -d /tmp/soak.XXXXXX)}
mkdir -p "$D/pids" "$D/logs" "$D/redis" "$D/pg" "$D/driver"
chmod 755 "$D"
read -r REDIS_PORT PG_PORT C1 C2 Q1 Q2 < <(python3 - <<'EOF'
import socket
sockets = [socket.socket() for _ in range(6)]
for s in sockets: s.bind(("127.0.0.1", 0))
print(" ".join(str(s.getsockname()[1]) for s in sockets))
EOF
)
PROXY_PORT=$REDIS_PORT  # node 2 reaches Redis directly: nothing is injected in a soak
AOF=yes; libfaketime=""
PG_USER=auction
pg_bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
as_pg() { if [ "$(id -u)" -eq 0 ]; then runuser -u "$PG_USER" -- "$@"; else "$@"; fi; }
if [ "$(id -u)" -eq 0 ]; then
  id -u "$PG_USER" >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin "$PG_USER"
  chown "$PG_USER" "$D/pg"
fi
SECRET="soak-session-secret-$(date +%s)"
COMMAND_URLS="http://127.0.0.1:$C1,http://127.0.0.1:$C2"
SERVICES="redis postgres cmd1 cmd2 q1 q2"
LEASE_MS=5000
db_url() { echo "host=127.0.0.1 port=$PG_PORT user=postgres dbname=chaos_q$1 connect_timeout=5"; }
log "run folder $D; redis $REDIS_PORT, postgres $PG_PORT, command $C1 $C2, query $Q1 $Q2; $seconds s of load, build: $config"

source "$root/scripts/chaos/services.sh"

cleanup() {
  trap - EXIT INT TERM
  [ -n "${driver_pid:-}" ] && kill "$driver_pid" 2>/dev/null
  stop_all
  if [ "$keep" = 1 ] || [ "${verdict:-1}" != 0 ]; then log "run folder kept: $D"; else rm -rf "$D"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# One JSON line per service: pid, alive, VmRSS (kB) and open fds from /proc.
sample() {
  local t=$1 service pid rss fds alive
  for service in $SERVICES; do
    pid=$(pid_of "$service"); rss=0; fds=0; alive=false
    if is_alive "$service"; then
      alive=true
      rss=$(awk '/^VmRSS:/ {print $2}' "/proc/$pid/status" 2>/dev/null || echo 0)
      fds=$(ls "/proc/$pid/fd" 2>/dev/null | wc -l)
    fi
    echo "{\"t\": $t, \"service\": \"$service\", \"pid\": ${pid:-0}, \"alive\": $alive, \"rss_kb\": ${rss:-0}, \"fds\": $fds}"
  done >> "$D/samples.jsonl"
}

# --- start everything -------------------------------------------------------------------------
as_pg "$pg_bin/initdb" -D "$D/pg/data" -U postgres -A trust -E UTF8 --no-locale >/dev/null || exit 2
for service in $SERVICES; do start_service "$service" || { echo "soak: $service did not start" >&2; exit 2; }; done
for port in $C1 $C2 $Q1 $Q2; do wait_ready "$port" 60 || { echo "soak: service on port $port not ready; see $D/logs" >&2; exit 2; }; done

log "setting up users and auctions"
python3 "$root/scripts/chaos/load_driver.py" setup --command-urls "$COMMAND_URLS" --out "$D/driver" \
  --load-seconds "$seconds" --auctions 24 --bidders 20 || exit 2
log "steady load for $seconds s (warm-up $warmup s), sampling every 10 s"
python3 "$root/scripts/chaos/load_driver.py" run --command-urls "$COMMAND_URLS" \
  --query-urls "http://127.0.0.1:$Q1,http://127.0.0.1:$Q2" --out "$D/driver" --seconds "$seconds" \
  --bid-workers 6 --viewers 3 --watchers 6 --no-capture --stats-every 10 > "$D/logs/driver.log" 2>&1 &
driver_pid=$!
start=$(date +%s)
sample 0
while kill -0 "$driver_pid" 2>/dev/null; do
  sleep 10
  sample $(( $(date +%s) - start ))
done
wait "$driver_pid"; driver_status=$?; driver_pid=""
tail -1 "$D/logs/driver.log"
acknowledged=$( (cat "$D/driver/acknowledged.jsonl" 2>/dev/null || true) | wc -l)

# --- the verdict --------------------------------------------------------------------------------
mkdir -p "$root/.soak-results"
out="$root/.soak-results/soak-$(date -u +%Y%m%dT%H%M%SZ).json"
python3 "$root/scripts/chaos/soak_report.py" --samples "$D/samples.jsonl" --timeline "$D/driver/stats-timeline.jsonl" \
  --warmup "$warmup" --out "$out" --label "$seconds s of load, build: $config, $(date -u +%Y-%m-%dT%H:%MZ)" | tee "$D/summary.txt"
report=${PIPESTATUS[0]}
echo "load: $acknowledged bids acknowledged (driver exit $driver_status)" | tee -a "$D/summary.txt"
verdict=$(( report == 0 && driver_status == 0 && acknowledged > 0 ? 0 : 1 ))
exit "$verdict"
}
