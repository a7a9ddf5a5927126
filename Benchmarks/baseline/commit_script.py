"""The Redis cost of the append itself: the CommandService's group-commit script, run directly by
redis-benchmark on the same Redis, one representative bid per call (issue 13's baseline).

The script's source is read from Sources/CommandService/Storage/GroupCommitScript.swift. Its
arguments come from the system's own data after a bid load: a real auction's snapshot, a real
idempotency record and real events (bidAccepted, priceChanged, maximumRecorded), so the sizes are
those of a bid. A two-line prelude makes every call succeed (it sets the lease to the call's token
and the snapshot's version to the expected one), so each call really appends: two more commands
beside the script's own dozen or so.

Usage: commit_script.py REDIS_PORT CLIENTS REQUESTS   (prints redis-benchmark's CSV line)
"""
import re
import subprocess
import sys


def cli(port, *args):
    return subprocess.run(["redis-cli", "-p", port, "--no-raw", *args], capture_output=True, check=True).stdout


def raw(port, *args):
    out = subprocess.run(["redis-cli", "-p", port, "--raw", *args], capture_output=True, check=True).stdout
    return out[:-1] if out.endswith(b"\n") else out


def first_key(port, pattern, accept=lambda key: True):
    cursor = "0"
    while True:
        lines = raw(port, "SCAN", cursor, "MATCH", pattern, "COUNT", "1000").decode().split("\n")
        cursor, keys = lines[0], [k for k in lines[1:] if k]
        for key in keys:
            if accept(key):
                return key
        if cursor == "0":
            raise SystemExit(f"commit_script: no key matches {pattern}")


def event_json(port, stream, event_type):
    out = raw(port, "XREVRANGE", stream, "+", "-", "COUNT", "200").decode()
    for line in out.split("\n"):
        if line.startswith("{") and f'"type":"{event_type}"' in line:
            return line
    raise SystemExit(f"commit_script: no {event_type} in {stream}")


def main():
    port, clients, requests = sys.argv[1], sys.argv[2], sys.argv[3]
    source = open("Sources/CommandService/Storage/GroupCommitScript.swift").read()
    body = re.search(r'"""\n(.*?)\n\s*"""', source, re.S).group(1)
    body = "\n".join(line.strip() for line in body.split("\n"))
    prelude = "redis.call('SET', KEYS[1], ARGV[4])\nredis.call('HSET', KEYS[2], 'version', ARGV[5])\n"
    sha = raw(port, "SCRIPT", "LOAD", prelude + body).decode().strip()

    # An auction with bids, in whichever partition it is; that partition's streams give the events.
    snap = first_key(port, "auction:{p*}:snap:*", lambda key: b'"bidCount":0' not in raw(port, "HGET", key, "state"))
    tag = snap.split(":")[1]
    state = raw(port, "HGET", snap, "state").decode()
    # An accepted bid's record (the larger kind: it carries the published events).
    idem = first_key(port, "auction:{p*}:idem:bid-*", lambda key: b'"status":201' in raw(port, "HGET", key, "outcome"))
    record = raw(port, "HGET", idem, "outcome").decode()
    events = [("bidAccepted", event_json(port, f"auction:{tag}:events", "bidAccepted")),
              ("priceChanged", event_json(port, f"auction:{tag}:events", "priceChanged"))]
    annex = ("maximumRecorded", event_json(port, f"auction:{tag}:private", "maximumRecorded"))
    auction = "bench-commit"
    keys = [f"auction:{tag}:lock:{auction}", f"auction:{tag}:snap:{auction}", f"bench:commit:{tag}:events",
            f"bench:commit:{tag}:private", f"bench:commit:{tag}:closing", f"auction:{tag}:handoff:{auction}",
            f"auction:{tag}:idem:bench-commit-bid"]
    args = ["5000", "86400", "1", "bench-token", "41", "42", state, "add", "1796000000000", auction, "0", "1",
            record, "2", "1"]
    for event_type, json in events + [annex]:
        args += [event_type, json]
    command = ["redis-benchmark", "-p", port, "-c", clients, "-n", requests, "--csv", "EVALSHA", sha, str(len(keys))] + keys + args
    out = subprocess.run(command, capture_output=True, check=True).stdout.decode().strip().split("\n")
    for key in keys[:6]:
        cli(port, "DEL", key)
    cli(port, "DEL", keys[6])
    print(out[-1])


if __name__ == "__main__":
    main()
