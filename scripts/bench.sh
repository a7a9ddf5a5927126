#!/usr/bin/env bash
# Benchmarks of issue 7 (docs/performance.md): starts the whole system in release mode with
# temporary data on free ports, runs each scenario and its baseline in the same run, and prints a
# table of figure, baseline and ratio. Every run's raw results and the medians go to
# .bench-results/bench-<time>.json (git-ignored).
#
#   scripts/bench.sh                 # full size, 3 runs per scenario (a figure is their median)
#   scripts/bench.sh --quick         # tiny sizes, 1 run: the CI smoke test
#   scripts/bench.sh --runs 5 --only "bids fanout"
#
# Scenarios: bids, hot, screen, fanout, catchup, pages. APPENDFSYNC (default always, as run.sh)
# applies to the system's Redis and therefore to the redis-benchmark baseline. Every size below
# can be overridden from the environment (e.g. CATCHUP_EVENTS=200000); PROFILE=1 samples the
# servers with perf during the load (reports in the logs folder).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
export PATH="/opt/swift/usr/bin:$PATH"

QUICK=0
RUNS=""
ONLY="bids hot screen fanout catchup pages"
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) QUICK=1 ;;
    --runs) RUNS=$2; shift ;;
    --only) ONLY=$2; shift ;;
    *) echo "bench: unknown argument $1 (use --quick, --runs N, --only \"bids hot screen fanout catchup pages\")" >&2; exit 2 ;;
  esac
  shift
done
APPENDFSYNC=${APPENDFSYNC:-always}
if [ "$QUICK" = 1 ]; then
  RUNS=${RUNS:-1}
  AUCTIONS=${AUCTIONS:-20} BIDDERS=${BIDDERS:-8} BID_SECONDS=${BID_SECONDS:-2} COUNT_BIDS=${COUNT_BIDS:-10}
  XADD_REQUESTS=${XADD_REQUESTS:-5000} SCREEN_WATCHERS=${SCREEN_WATCHERS:-50} SCREEN_SECONDS=${SCREEN_SECONDS:-3}
  FANOUT_CONNECTIONS=${FANOUT_CONNECTIONS:-200} FANOUT_FRAMES=${FANOUT_FRAMES:-5}
  CATCHUP_EVENTS=${CATCHUP_EVENTS:-20000} WRK_SECONDS=${WRK_SECONDS:-2}
else
  RUNS=${RUNS:-3}
  AUCTIONS=${AUCTIONS:-1000} BIDDERS=${BIDDERS:-64} BID_SECONDS=${BID_SECONDS:-10} COUNT_BIDS=${COUNT_BIDS:-50}
  XADD_REQUESTS=${XADD_REQUESTS:-30000} SCREEN_WATCHERS=${SCREEN_WATCHERS:-1000} SCREEN_SECONDS=${SCREEN_SECONDS:-10}
  FANOUT_CONNECTIONS=${FANOUT_CONNECTIONS:-10000} FANOUT_FRAMES=${FANOUT_FRAMES:-20}
  CATCHUP_EVENTS=${CATCHUP_EVENTS:-1000000} WRK_SECONDS=${WRK_SECONDS:-10}
fi

bash scripts/setup.sh
# Bench-only tools: the load generator for pages, the static-file baseline, the C compiler.
bench_debs=(wrk nginx-light gcc libc6-dev)
missing=()
for p in "${bench_debs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "bench: installing ${missing[*]}"
  sudo_cmd=""; [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  $sudo_cmd service nginx stop >/dev/null 2>&1 || true
fi

build_start=$(date +%s)
# BENCH_SCRATCH_PATH builds elsewhere than .build (for example beside a development build).
# --quick only checks that every scenario works, so it reuses the debug build of the test run
# (a release build from scratch, gRPC included, took 13 minutes of CI); figures come from release.
build_flags=(-c release)
[ "$QUICK" = 1 ] && build_flags=(-c debug)
echo "bench: building (${build_flags[1]})"
[ -n "${BENCH_SCRATCH_PATH:-}" ] && build_flags+=(--scratch-path "$BENCH_SCRATCH_PATH")
# A product that does not build is reported, and the scenarios that need it are "not run".
UNBUILT=""
for product in AuctionLoad CommandService QueryService; do
  if ! swift build "${build_flags[@]}" --product "$product"; then
    echo "bench: $product did not build" >&2
    UNBUILT+=" $product"
  fi
done
case "$UNBUILT" in *AuctionLoad*) echo "bench: the load tool did not build" >&2; exit 1 ;; esac
bin=$(swift build "${build_flags[@]}" --show-bin-path)
BUILD_SECONDS=$(( $(date +%s) - build_start ))
echo "bench: ${build_flags[1]} build took ${BUILD_SECONDS}s"

# 10,000 WebSockets need 10,000 descriptors in the server and as many in the load tool.
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
[ "$(ulimit -n)" = unlimited ] || [ "$(ulimit -n)" -ge 10240 ] || echo "bench: warning: ulimit -n is $(ulimit -n); fan-out may fail" >&2

WORK=$(mktemp -d /tmp/auction-bench.XXXXXX)
RESULTS="$root/.bench-results"
mkdir -p "$RESULTS" "$WORK/logs"
JSONL="$WORK/results.jsonl"
: >"$JSONL"
gcc -O2 -Wall -o "$WORK/broadcast" Benchmarks/baseline/broadcast.c $(pkg-config --cflags --libs libwebsockets)

source "$root/Benchmarks/bench-lib.sh"
trap cleanup EXIT
trap 'exit 130' INT TERM

start_system
for scenario in $ONLY; do
  for run in $(seq "$RUNS"); do
    echo "bench: scenario $scenario, run $run of $RUNS"
    "scenario_$scenario" "$run" || record_failure "$scenario-script" "$run" "scenario script failed (see $WORK/logs)"
  done
done

stamp=$(date -u +%Y%m%dT%H%M%SZ)
python3 Benchmarks/report.py "$JSONL" "$RESULTS/bench-$stamp.json" \
  --meta quick="$QUICK" runs="$RUNS" appendfsync="$APPENDFSYNC" build_seconds="$BUILD_SECONDS" cores="$(nproc)"
echo "bench: results in .bench-results/bench-$stamp.json (logs in $WORK/logs)"
# The smoke test passes only when every scenario produced its figures.
if grep -q '"error"' "$JSONL"; then echo "bench: some scenarios did not run (see the table)" >&2; exit 1; fi
