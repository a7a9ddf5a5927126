"""Summarises the result lines of scripts/bench.sh: a table of figure, baseline and ratio (each the
median over the runs; the ratio is the median of the per-run ratios, since runs on a shared
machine differ more than two measurements within one run), written to the terminal and to JSON.

Usage: report.py RESULTS.jsonl OUTPUT.json [--meta key=value ...]
"""
import json
import statistics
import sys

# label, unit, (figure scenario, metric), (baseline scenario, metric) or None, target
ROWS = [
    ("1 bids/s, 1,000 auctions", "bids/s", ("bids", "accepted_per_s"), ("xadd", "rps"), ">= 30% of XADD"),
    ("1 bids/s vs commit script", "bids/s", ("bids", "accepted_per_s"), ("commit_script", "rps"), ""),
    ("1 bid p50", "ms", ("bids", "p50_ms"), ("xadd", "p50_ms"), ""),
    ("1 bid p99", "ms", ("bids", "p99_ms"), ("xadd", "p99_ms"), "<= 15 ms"),
    ("1 bid max", "ms", ("bids", "max_ms"), ("xadd", "max_ms"), ""),
    ("1 client commands/bid (MONITOR)", "", ("bids", "redis_commands_per_bid_uncontended"), None, "<= 2"),
    ("1 Redis calls/bid incl. in scripts", "", ("bids", "redis_calls_per_bid_including_scripts"), None, ""),
    ("1 CommandService CPU per decided bid", "us", ("bids", "command_cpu_us_per_decided"), None, "<= 60 us"),
    ("1 CPU (cores): CommandService", "cores", ("bids", "cpu_share_command"), None, ""),
    ("1 CPU (cores): Redis", "cores", ("bids", "cpu_share_redis"), None, ""),
    ("1 CPU (cores): 2 QueryService nodes", "cores", ("bids", "cpu_share_query"), None, ""),
    ("1 CPU (cores): PostgreSQL", "cores", ("bids", "cpu_share_postgres"), None, ""),
    ("1 CPU (cores): load tool", "cores", ("bids", "cpu_share_load_tool"), None, ""),
    ("1 bids/s, one hot auction", "bids/s", ("bids_hot", "accepted_per_s"), ("xadd_hot", "rps"), ""),
    ("1 hot bids decided/s (incl. 409)", "bids/s", ("bids_hot", "answered_per_s"), ("xadd_hot", "rps"), ">= 4,000"),
    ("1 hot bids decided/s vs commit script", "bids/s", ("bids_hot", "answered_per_s"), ("commit_script_hot", "rps"), ""),
    ("1 hot bid p50 (accepted)", "ms", ("bids_hot", "p50_ms"), ("xadd_hot", "p50_ms"), ""),
    ("1 hot bid p99 (accepted)", "ms", ("bids_hot", "p99_ms"), ("xadd_hot", "p99_ms"), "<= 20 ms"),
    ("1 hot CommandService CPU per decided bid", "us", ("bids_hot", "command_cpu_us_per_decided"), None, "<= 60 us"),
    ("1 hot CPU (cores): CommandService", "cores", ("bids_hot", "cpu_share_command"), None, ""),
    ("1 hot CPU (cores): Redis", "cores", ("bids_hot", "cpu_share_redis"), None, ""),
    ("2 bid to screen p50", "ms", ("bid_to_screen", "p50_ms"), ("xread_latency", "p50_ms"), "<= 5 ms"),
    ("2 bid to screen p99", "ms", ("bid_to_screen", "p99_ms"), ("xread_latency", "p99_ms"), "<= 15 ms"),
    ("2 bid to screen max", "ms", ("bid_to_screen", "max_ms"), ("xread_latency", "max_ms"), ""),
    ("2 deliveries seen/expected", "", ("bid_to_screen", "delivery_ratio"), None, "1.0"),
    ("3 fan-out frames/s", "frames/s", ("fanout", "frames_per_s"), ("fanout_baseline", "frames_per_s"), ">= 80% of C"),
    ("3 server CPU per frame", "us", ("fanout", "cpu_us_per_frame"), ("fanout_baseline", "cpu_us_per_frame"), ""),
    ("3 RSS per idle connection", "bytes", ("fanout", "rss_bytes_per_idle_connection"),
     ("fanout_baseline", "rss_bytes_per_idle_connection"), "<= 8192"),
    ("3 frames delivered/expected", "", ("fanout", "delivery_ratio"), ("fanout_baseline", "delivery_ratio"), "1.0"),
    ("4 catch-up events/s", "events/s", ("catchup", "events_per_s"), ("catchup_copy", "events_per_s"), ">= 50,000 and >= 50%"),
    ("5 home page req/s", "req/s", ("pages_home", "rps"), ("pages_home_nginx", "rps"), ">= 50% of nginx"),
    ("5 home page p99", "ms", ("pages_home", "p99_ms"), ("pages_home_nginx", "p99_ms"), ""),
    ("5 auction page req/s", "req/s", ("pages_auction", "rps"), ("pages_auction_nginx", "rps"), ">= 50% of nginx"),
    ("5 auction page p99", "ms", ("pages_auction", "p99_ms"), ("pages_auction_nginx", "p99_ms"), ""),
]


def derived(metrics):
    """Adds ratios computed from other metrics of the same line."""
    if metrics.get("deliveries_expected"):
        metrics["delivery_ratio"] = metrics["deliveries_seen"] / metrics["deliveries_expected"]
    if metrics.get("frames_expected"):
        metrics["delivery_ratio"] = metrics["frames_delivered"] / metrics["frames_expected"]
    return metrics


def main():
    lines = [json.loads(line) for line in open(sys.argv[1]) if line.strip()]
    meta = dict(item.split("=", 1) for item in sys.argv[4:]) if len(sys.argv) > 3 and sys.argv[3] == "--meta" else {}
    by_scenario = {}
    errors = {}
    for line in lines:
        if "error" in line:
            errors.setdefault(line["scenario"], line["error"])
        else:
            by_scenario.setdefault(line["scenario"], {})[line["run"]] = derived(line.get("metrics", {}))

    def values(key):
        scenario, metric = key
        return {run: m[metric] for run, m in by_scenario.get(scenario, {}).items() if metric in m}

    table = []
    for label, unit, figure_key, baseline_key, target in ROWS:
        figure = values(figure_key)
        baseline = values(baseline_key) if baseline_key else {}
        row = {"figure": label, "unit": unit, "target": target}
        if figure:
            row["value"] = statistics.median(figure.values())
        else:
            row["not_run"] = errors.get(figure_key[0], "not measured")
        if baseline:
            row["baseline"] = statistics.median(baseline.values())
        ratios = [figure[run] / baseline[run] for run in figure if run in baseline and baseline[run]]
        if ratios:
            row["ratio"] = statistics.median(ratios)
        table.append(row)

    def number(value):
        if value is None:
            return "-"
        return f"{value:,.0f}" if abs(value) >= 100 else f"{value:.3g}"

    print()
    print(f"{'figure':38} {'value':>12} {'baseline':>12} {'ratio':>7}  {'unit':8} target")
    for row in table:
        value = number(row.get("value")) if "value" in row else "not run"
        print(f"{row['figure']:38} {value:>12} {number(row.get('baseline')):>12} {number(row.get('ratio')):>7}  {row['unit']:8} {row['target']}")
        if "not_run" in row:
            print(f"{'':38}   not run: {row['not_run']}")
    with open(sys.argv[2], "w") as output:
        json.dump({"meta": meta, "table": table, "runs": lines}, output, indent=2)


main()
