# The faults of a chaos run and their schedule (sourced by scripts/chaos.sh). Every fault is
# logged to $D/faults.log as a "FAULT" line; the supervisor (services.sh) does the restarting.

fault_log() { echo "FAULT $(date +%H:%M:%S) $*" >> "$D/faults.log"; log "fault: $*"; }

# SIGKILL: the process gets no chance to clean up (locks stay until their lease ends).
kill_fault() {
  local pid; pid=$(pid_of "$1")
  touch "$D/expected-$1"
  fault_log "SIGKILL $1 (pid $pid)"
  kill -KILL "$pid" 2>/dev/null
}

# SIGSTOP for longer than the lock lease, then SIGCONT: a paused lock holder whose lease expired.
pause_fault() {
  local pid; pid=$(pid_of "$1")
  fault_log "SIGSTOP $1 (pid $pid) for $2 s (lock lease $((LEASE_MS / 1000)) s)"
  kill -STOP "$pid" 2>/dev/null
  ( sleep "$2"; kill -CONT "$pid" 2>/dev/null; echo "$(date +%H:%M:%S) SIGCONT $1" >> "$D/faults.log" ) &
}

# Query node 2 reaches Redis only through the fault proxy: cut it for $1 seconds.
partition_fault() {
  fault_log "PARTITION query node 2 from Redis for $1 s"
  kill -USR1 "$(pid_of proxy)" 2>/dev/null
  ( sleep "$1"; kill -USR2 "$(pid_of proxy)" 2>/dev/null ) &
}

# From now on CommandService 2 runs with its wall clock 2 hours ahead (restarted to apply it).
skew_fault() {
  fault_log "CLOCK SKEW +2h on cmd2 (restart under libfaketime)"
  touch "$D/skew-cmd2" "$D/expected-cmd2"
  kill -KILL "$(pid_of cmd2)" 2>/dev/null
}

# One round of faults, about 60 s long, starting $1 seconds into the load. Round 2 kills both
# CommandServices at once; round 3 kills Redis and a query node at once.
fault_round() {
  local at=$1 round=$2
  echo "$((at + 5)) kill_fault cmd1"
  echo "$((at + 11)) kill_fault q1"
  echo "$((at + 15)) partition_fault 10"
  echo "$((at + 19)) pause_fault cmd1 $(( LEASE_MS / 1000 + 4 ))"
  echo "$((at + 30)) kill_fault redis"
  echo "$((at + 38)) kill_fault postgres"
  [ "$round" = 1 ] && echo "$((at + 44)) skew_fault"
  [ "$round" = 2 ] && echo "$((at + 44)) kill_fault cmd1" && echo "$((at + 44)) kill_fault cmd2"
  [ "$round" = 3 ] && echo "$((at + 44)) kill_fault q1"  && echo "$((at + 44)) kill_fault redis"
  echo "$((at + 49)) kill_fault q2"
  echo "$((at + 54)) kill_fault cmd2"
}

# Runs rounds every 80 s while at least 60 s of load remain, then waits for the load's end.
run_fault_schedule() {
  local total=$1 start; start=$(date +%s)
  local round=1 at=0 lines=()
  while [ $((at + 60)) -le "$total" ] || [ "$round" = 1 ]; do
    mapfile -t -O "${#lines[@]}" lines < <(fault_round "$at" "$round")
    round=$((round + 1)); at=$((at + 80))
  done
  for line in "${lines[@]}"; do
    local when=${line%% *} action=${line#* }
    local wait_for=$(( start + when - $(date +%s) ))
    [ "$wait_for" -gt 0 ] && sleep "$wait_for"
    [ "$when" -lt "$total" ] && $action
  done
}

# After the load: no fault may outlast it (the checker needs the system whole again).
heal_everything() {
  kill -USR2 "$(pid_of proxy)" 2>/dev/null
  for service in cmd1 cmd2; do kill -CONT "$(pid_of "$service")" 2>/dev/null; done
  return 0
}
