# Scenario 2: from a bid's HTTP 201 to the frame at every subscriber of both QueryService nodes.
# Baseline: XADD acknowledged -> entry arrives at a client blocked in XREAD, same Redis, same rate.
scenario_screen() {
  needs bid_to_screen "$1" CommandService QueryService && run_load bid_to_screen "$1" bid-to-screen --rate 200 --auctions 100 --watchers "$SCREEN_WATCHERS" --seconds "$SCREEN_SECONDS" || true
  run_load xread_latency "$1" xread-latency --rate 200 --seconds "$SCREEN_SECONDS"
}
