#!/usr/bin/env bash
# Chaos run: the whole system under a mixed load while faults are injected on a schedule, then
# the InvariantChecker judges the event log and both read models (docs/reliability.md).
#
# Usage: scripts/chaos.sh [--quick] [--seconds N] [--release|--debug] [--keep]
#   --quick      about a minute of load (CI); default build: debug
#   (default)    four minutes of load with three rounds of faults; default build: release
#   --seconds N  load duration (the fault rounds repeat to fill it)
#   --keep       keep the run folder (logs, captured surfaces) even when everything held
#   --no-aof     negative control: Redis without persistence, so a Redis SIGKILL loses acknowledged
#                bids; the run must then FAIL (proves the run can catch lost data)
# Environment: CHAOS_SCRATCH (SwiftPM scratch path, default .build), CHAOS_BIN (use prebuilt
# binaries from this folder and skip the build), CHAOS_DIR (run folder, default a new /tmp/chaos.*).
#
# It starts, all on free loopback ports in one temporary folder: redis-server (AOF on,
# appendfsync always), PostgreSQL (as an unprivileged user when run as root), two
# CommandServices, two QueryService nodes with their own databases (node 2 reaches Redis through
# scripts/chaos/fault_proxy.py). A supervisor loop restarts any process that dies, as systemd
# would; it never repairs anything else. Faults: SIGKILL of each CommandService, QueryService,
# Redis and PostgreSQL; SIGSTOP of a CommandService past its lock lease (it runs with
# --pause-before-commit-ms so it is usually holding a lock) then SIGCONT; a network partition of
# query node 2 from Redis; clock skew (+2 h, libfaketime) on CommandService 2 from the first
# round on. At the end every service must be ready again within 90 s, the CommandServices are
# stopped (so the log is still), and the InvariantChecker runs. Exit status: 0 when every
# invariant held, every process recovered and no watcher was shown an older state than it had
# already seen (a lower price or bid count), 1 otherwise.
set -uo pipefail
# The whole script is one compound command, so bash parses it before running it: editing this
# file during a run cannot change the run.
{
cd "$(dirname "$0")/.."
root=$(pwd)
export PATH="/opt/swift/usr/bin:$PATH"

quick=0; seconds=""; config=""; keep=0; AOF=yes
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) quick=1 ;;
    --seconds) seconds=$2; shift ;;
    --release) config=release ;;
    --debug) config=debug ;;
    --keep) keep=1 ;;
    --no-aof) AOF=no ;;
    -h|--help) sed -n '2,26p' "$0"; exit 0 ;;
    *) echo "chaos: unknown argument $1 (see --help)" >&2; exit 2 ;;
  esac
  shift
done
[ -z "$seconds" ] && { [ "$quick" = 1 ] && seconds=80 || seconds=240; }
[ -z "$config" ] && { [ "$quick" = 1 ] && config=debug || config=release; }

log() { echo "$(date +%H:%M:%S) chaos: $*"; }

# --- prerequisites ----------------------------------------------------------------------------
if ! dpkg-query -W -f='${Status}' faketime 2>/dev/null | grep -q "install ok installed"; then
  log "installing faketime"
  sudo_cmd=""; [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends faketime >/dev/null
fi
libfaketime=$(find /usr/lib -name libfaketimeMT.so.1 2>/dev/null | head -1)
[ -n "$libfaketime" ] || { echo "chaos: libfaketime not found" >&2; exit 2; }
python3 -c "import websockets" 2>/dev/null || python3 -m pip install -q websockets 2>/dev/null ||
  python3 -m pip install -q --break-system-packages websockets

if [ -n "${CHAOS_BIN:-}" ]; then
  bin=$CHAOS_BIN
else
  scratch=${CHAOS_SCRATCH:-.build}
  log "building ($config)"
  for product in CommandService QueryService InvariantChecker; do
    swift build -c "$config" --scratch-path "$scratch" --product "$product" 2>&1 | grep -E "error|warning: " | grep -v prohibited
  done
  bin=$(swift build -c "$config" --scratch-path "$scratch" --show-bin-path)
fi
for product in CommandService QueryService InvariantChecker; do
  [ -x "$bin/$product" ] || { echo "chaos: $bin/$product is not built" >&2; exit 2; }
done

# --- the run folder and ports -----------------------------------------------------------------
D=${CHAOS_DIR:-$(mktemp -d /tmp/chaos.XXXXXX)}
mkdir -p "$D/pids" "$D/logs" "$D/redis" "$D/pg" "$D/driver"
chmod 755 "$D"
read -r REDIS_PORT PG_PORT PROXY_PORT C1 C2 Q1 Q2 < <(python3 - <<'EOF'
import socket
sockets = [socket.socket() for _ in range(7)]
for s in sockets: s.bind(("127.0.0.1", 0))
print(" ".join(str(s.getsockname()[1]) for s in sockets))
EOF
)
PG_USER=auction
pg_bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
as_pg() { if [ "$(id -u)" -eq 0 ]; then runuser -u "$PG_USER" -- "$@"; else "$@"; fi; }
if [ "$(id -u)" -eq 0 ]; then
  id -u "$PG_USER" >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin "$PG_USER"
  chown "$PG_USER" "$D/pg"
fi
SECRET="chaos-session-secret-$(date +%s)"
COMMAND_URLS="http://127.0.0.1:$C1,http://127.0.0.1:$C2"
SERVICES="redis postgres proxy cmd1 cmd2 q1 q2"
LEASE_MS=5000
db_url() { echo "host=127.0.0.1 port=$PG_PORT user=postgres dbname=chaos_q$1 connect_timeout=5"; }
log "run folder $D; redis $REDIS_PORT, postgres $PG_PORT, proxy $PROXY_PORT, command $C1 $C2, query $Q1 $Q2"

source "$root/scripts/chaos/services.sh"
source "$root/scripts/chaos/faults.sh"

cleanup() {
  trap - EXIT INT TERM
  touch "$D/stop-supervising"
  [ -n "${supervisor_pid:-}" ] && wait "$supervisor_pid" 2>/dev/null
  [ -n "${driver_pid:-}" ] && kill "$driver_pid" 2>/dev/null
  stop_all
  if [ "$keep" = 1 ] || [ "${verdict:-1}" != 0 ]; then log "run folder kept: $D"; else rm -rf "$D"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# --- start everything -------------------------------------------------------------------------
as_pg "$pg_bin/initdb" -D "$D/pg/data" -U postgres -A trust -E UTF8 --no-locale >/dev/null || exit 2
for service in $SERVICES; do start_service "$service" || { echo "chaos: $service did not start" >&2; exit 2; }; done
for n in 1 2; do wait_ready "$(eval echo \$Q$n)" 60 || { echo "chaos: query node $n not ready; see $D/logs" >&2; exit 2; }; done
supervise & supervisor_pid=$!

log "setting up users and auctions"
python3 "$root/scripts/chaos/load_driver.py" setup --command-urls "$COMMAND_URLS" --out "$D/driver" \
  --load-seconds "$seconds" --auctions $([ "$quick" = 1 ] && echo 12 || echo 24) || exit 2
log "load for $seconds s with faults"
python3 "$root/scripts/chaos/load_driver.py" run --command-urls "$COMMAND_URLS" \
  --query-urls "http://127.0.0.1:$Q1,http://127.0.0.1:$Q2" --out "$D/driver" --seconds "$seconds" > "$D/logs/driver.log" 2>&1 &
driver_pid=$!
run_fault_schedule "$seconds"
wait "$driver_pid"; driver_status=$?; driver_pid=""
tail -1 "$D/logs/driver.log"
acknowledged=$( (cat "$D/driver/acknowledged.jsonl" 2>/dev/null || true) | wc -l)
# A load that crashed or acknowledged nothing would make every check pass vacuously.
load_ok=$(( driver_status == 0 && acknowledged > 0 ? 0 : 1 ))

# --- recovery, then the checker ---------------------------------------------------------------
heal_everything
recovered=0
for port in $C1 $C2 $Q1 $Q2; do
  if ! wait_ready "$port" 90; then recovered=1; echo "RECOVERY FAILED: service on port $port is not ready after 90 s" | tee -a "$D/faults.log"; fi
done
touch "$D/stop-supervising"; wait "$supervisor_pid" 2>/dev/null; supervisor_pid=""
stop_service cmd1; stop_service cmd2
log "running the InvariantChecker"
"$bin/InvariantChecker" --redis-port "$REDIS_PORT" --database-url "$(db_url 1)" --database-url "$(db_url 2)" \
  --acknowledged "$D/driver/acknowledged.jsonl" --surfaces "$D/driver/surfaces" --catch-up-timeout-seconds 120 > "$D/checker.txt" 2>&1
checker=$?

older=$( (cat "$D/driver/older-states.jsonl" 2>/dev/null || true) | wc -l)

# --- summary ----------------------------------------------------------------------------------
{
  echo "=== chaos run summary ($([ "$quick" = 1 ] && echo quick || echo full), $seconds s of load, $config build) ==="
  echo "faults injected:"; grep -E "^FAULT" "$D/faults.log" | sed 's/^/  /'
  touch "$D/restarts.log"
  echo "restarts by the supervisor: $(grep -c "restart" "$D/restarts.log") (unexpected exits: $(grep -c "unexpected" "$D/restarts.log"))"
  grep "unexpected" "$D/restarts.log" 2>/dev/null | sed 's/^/  /'
  echo "driver: $(python3 -c "import json,sys; print(', '.join(f'{k}={v}' for k,v in json.load(open(sys.argv[1])).items()))" "$D/driver/driver-stats.json" 2>/dev/null)"
  echo "load: $([ "$load_ok" = 0 ] && echo "$acknowledged bids acknowledged" || echo "FAILED (driver exit $driver_status, $acknowledged bids acknowledged; see $D/logs/driver.log)")"
  echo "recovery: $([ "$recovered" = 0 ] && echo "every service ready again" || echo FAILED)"
  echo "live updates showing an older price or bid count than before: $older"
  [ "$older" = 0 ] || sed 's/^/  /' "$D/driver/older-states.jsonl" | head -20
  echo "--- InvariantChecker (exit $checker) ---"
  grep -vE "^checked:" "$D/checker.txt" | head -120
  grep -E "^checked:" "$D/checker.txt"
} | tee "$D/summary.txt"
verdict=$(( checker == 0 && recovered == 0 && older == 0 && load_ok == 0 ? 0 : 1 ))
exit "$verdict"
}
