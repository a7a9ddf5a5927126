#!/usr/bin/env python3
"""Judges a soak run (scripts/soak.sh): resource growth per process and the error rate per interval.

Usage: soak_report.py --samples DIR/samples.jsonl --timeline DIR/driver/stats-timeline.jsonl
                      --warmup SECONDS --out FILE.json [--label TEXT]

Samples: one JSON line per process per sampling round, {"t","service","pid","alive","rss_kb","fds"}.
Timeline: the load driver's cumulative counts every 10 s ({"t","counts"}).

Verdict (exit 1 on any failure, with the reason printed):
- every process alive at every sample, with the pid it started with (no crash, no restart);
- after the warm-up, the samples are cut in thirds; for the Swift services (cmd*, q*) the mean
  RSS of the last third may exceed that of the first third by at most RSS_GROWTH (20 %); for every
  process the mean open fds by at most FD_GROWTH (50). Redis and PostgreSQL RSS is shown but not
  judged: the event log lives in Redis and grows by design;
- after the warm-up, no 10 s interval with an error rate above ERROR_RATE (1 %) of its requests.
  Errors are failed requests (connection errors, timeouts, 5xx, abandoned commands, dropped
  watchers); refusals by the auction rules (4xx) are answers, not errors.
"""
import argparse
import json
import re
import sys

RSS_GROWTH = 0.20
FD_GROWTH = 50
ERROR_RATE = 0.01
ERROR = re.compile(r"(Error$|abandoned| http 5\d\d| result 5\d\d|told to retry|disconnects|unexpected|watcher error"
                   r"|logins refused|older state|another command id)")
REQUEST = re.compile(r"^(bids sent|views )")


def mean(values):
    return sum(values) / len(values) if values else 0.0


def thirds(samples):
    size = max(1, len(samples) // 3)
    return samples[:size], samples[-size:]


def resources(samples, warmup):
    """Rows per service and the failures they show."""
    rows, failures = [], []
    for service in dict.fromkeys(sample["service"] for sample in samples):
        mine = [sample for sample in samples if sample["service"] == service]
        dead = [sample for sample in mine if not sample["alive"]]
        pids = {sample["pid"] for sample in mine if sample["alive"]}
        if dead or len(pids) > 1:
            failures.append(f"{service}: not running at t={dead[0]['t'] if dead else '?'} s (pids seen: {sorted(pids)})")
        steady = [sample for sample in mine if sample["t"] >= warmup and sample["alive"]]
        if len(steady) < 2:
            failures.append(f"{service}: fewer than 2 samples after the warm-up")
            continue
        first, last = thirds(steady)
        row = {"service": service, "pid": mine[0]["pid"], "samples": len(mine),
               "rss_kb_start": mine[0]["rss_kb"], "rss_kb_end": mine[-1]["rss_kb"],
               "rss_kb_first_third": round(mean([s["rss_kb"] for s in first])),
               "rss_kb_last_third": round(mean([s["rss_kb"] for s in last])),
               "rss_kb_max": max(s["rss_kb"] for s in mine),
               "fds_start": mine[0]["fds"], "fds_end": mine[-1]["fds"],
               "fds_first_third": round(mean([s["fds"] for s in first]), 1),
               "fds_last_third": round(mean([s["fds"] for s in last]), 1)}
        row["rss_growth"] = round(row["rss_kb_last_third"] / max(1, row["rss_kb_first_third"]) - 1, 4)
        row["fds_growth"] = round(row["fds_last_third"] - row["fds_first_third"], 1)
        row["rss_judged"] = service.startswith(("cmd", "q"))
        if row["rss_judged"] and row["rss_growth"] > RSS_GROWTH:
            failures.append(f"{service}: RSS grew {row['rss_growth']:.1%} after the warm-up (limit {RSS_GROWTH:.0%})")
        if row["fds_growth"] > FD_GROWTH:
            failures.append(f"{service}: open fds grew by {row['fds_growth']} after the warm-up (limit {FD_GROWTH})")
        rows.append(row)
    return rows, failures


def intervals(timeline, warmup):
    """Requests and errors per interval of the driver's timeline."""
    rows, failures, before = [], [], {}
    for entry in timeline:
        counts = entry["counts"]
        delta = {name: value - before.get(name, 0) for name, value in counts.items()}
        before = counts
        requests = sum(value for name, value in delta.items() if REQUEST.match(name))
        errors = {name: value for name, value in delta.items() if ERROR.search(name) and value}
        total = sum(errors.values())
        rate = total / requests if requests else (1.0 if total else 0.0)
        rows.append({"t": entry["t"], "requests": requests, "errors": total, "error_rate": round(rate, 4), "error_kinds": errors})
        if entry["t"] > warmup and rate > ERROR_RATE:
            failures.append(f"interval ending t={entry['t']} s: error rate {rate:.1%} ({total} of {requests}: {errors})")
    if not any(row["requests"] for row in rows):
        failures.append("the load driver recorded no requests")
    return rows, failures


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--samples", required=True)
    parser.add_argument("--timeline", required=True)
    parser.add_argument("--warmup", type=float, required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("--label", default="")
    args = parser.parse_args()
    samples = [json.loads(line) for line in open(args.samples) if line.strip()]
    try:
        timeline = [json.loads(line) for line in open(args.timeline) if line.strip()]
    except FileNotFoundError:
        timeline = []
    processes, resource_failures = resources(samples, args.warmup)
    load, load_failures = intervals(timeline, args.warmup)
    failures = resource_failures + load_failures

    print(f"{'process':8} {'RSS MiB start':>13} {'end':>7} {'1st/3':>7} {'last/3':>7} {'growth':>7}   {'fds start':>9} {'end':>5} {'growth':>6}")
    for row in processes:
        judged = "" if row["rss_judged"] else " (info)"
        print(f"{row['service']:8} {row['rss_kb_start'] / 1024:13.1f} {row['rss_kb_end'] / 1024:7.1f} "
              f"{row['rss_kb_first_third'] / 1024:7.1f} {row['rss_kb_last_third'] / 1024:7.1f} {row['rss_growth']:7.1%}{judged}"
              f"   {row['fds_start']:9} {row['fds_end']:5} {row['fds_growth']:6}")
    steady = [row for row in load if row["t"] > args.warmup]
    requests, errors = sum(row["requests"] for row in load), sum(row["errors"] for row in load)
    worst = max(steady, key=lambda row: row["error_rate"], default=None)
    print(f"load: {requests} requests, {errors} errors ({errors / max(1, requests):.2%}) in {len(load)} intervals; "
          f"after warm-up worst interval {worst['error_rate']:.2%} at t={worst['t']} s" if worst else "load: no interval after the warm-up")
    final = timeline[-1]["counts"] if timeline else {}
    print("driver: " + ", ".join(f"{name}={value}" for name, value in sorted(final.items())))
    report = {"label": args.label, "warmup_seconds": args.warmup,
              "tolerances": {"rss_growth": RSS_GROWTH, "fds_growth": FD_GROWTH, "error_rate": ERROR_RATE},
              "processes": processes, "intervals": load, "driver_counts": final, "failures": failures, "passed": not failures}
    with open(args.out, "w") as file:
        json.dump(report, file, indent=1)
    for failure in failures:
        print("FAIL: " + failure)
    print(f"soak: {'PASSED' if not failures else 'FAILED'} (report {args.out})")
    sys.exit(0 if not failures else 1)


if __name__ == "__main__":
    main()
