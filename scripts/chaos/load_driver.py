#!/usr/bin/env python3
"""The chaos run's mixed load: proxy bids with idempotency keys, page and REST views, and
WebSocket watchers, against every service instance, retrying through failures the way a careful
client does (same key, next instance). Most bids go straight to the CommandService's HTTP API; a
share (`--node-bid-share`, default a third) goes through the query nodes as pages send them, half
over the `/live` WebSocket and half through the HTML bid form (scripts/chaos/node_bids.py).

Usage:
  load_driver.py setup --command-urls U1,U2 --out DIR [--auctions N] [--bidders N] [--load-seconds S]
  load_driver.py run   --command-urls U1,U2 --query-urls Q1,Q2 --out DIR --seconds S

`setup` registers users and lists auctions (some end during the load, with a short soft close, so
closing and extension happen under faults; the rest end later) and writes DIR/state.json.
`run` writes:
  DIR/acknowledged.jsonl  every acknowledged bid (API 201, WebSocket result ok, form redirect with
                          a success flash): {"auction","commandID","key","bidder","via"}
  DIR/surfaces/*.jsonl    every public REST response, page and WebSocket frame it received
  DIR/driver-stats.json   counts of requests by outcome (errors included: faults cause them)
  DIR/older-states.jsonl  any live update showing a lower price or bid count than the same
                          watcher saw before on that topic (never expected)
  DIR/stats-timeline.jsonl  with --stats-every S: {"t": seconds since start, "counts": {...}}
                          every S seconds (the soak's error rate per interval)
Standard library plus `websockets`.
"""
import argparse
import asyncio
import hashlib
import json
import os
import random
import time
import uuid

from http_client import request
from driver_output import NoSurfaces, append_snapshot, write_timeline
from node_bids import ENDED, NodeBidder
from watchers import StateWatch, Surfaces, watch

PASSWORD = "chaos-password-1"


class Stats(dict):
    def bump(self, name, amount=1):
        self[name] = self.get(name, 0) + amount


def command_id(bidder, auction, key):
    """The id CommandIdentity.bid derives: SHA-256 of the NUL-joined parts, 16 bytes in hex."""
    digest = hashlib.sha256("\0".join(["bid", bidder, auction, key]).encode()).hexdigest()
    return "bid-" + digest[:32]


async def send(urls, method, path, body=None, token=None, key=None, stats=None, deadline=45.0):
    """Sends one command until it gets a final answer (2xx or 4xx), trying the instances in turn
    with the same idempotency key; None when the deadline passed without one."""
    headers = {}
    if token:
        headers["Authorization"] = "Bearer " + token
    if key:
        headers["Idempotency-Key"] = key
    start, attempt = time.monotonic(), random.randrange(len(urls))
    while time.monotonic() - start < deadline:
        url = urls[attempt % len(urls)] + path
        attempt += 1
        try:
            response = await request(method, url, body, headers, timeout=8.0)
        except (OSError, asyncio.TimeoutError, ValueError, IndexError) as error:
            stats and stats.bump(f"command {type(error).__name__}")
            await asyncio.sleep(0.3 + random.random() * 0.3)
            continue
        if response.status >= 500:
            stats and stats.bump(f"command http {response.status}")
            await asyncio.sleep(float(response.headers.get("retry-after", "1")) * (0.5 + random.random()))
            continue
        return response
    stats and stats.bump("command abandoned")
    return None


async def setup(args):
    urls = args.command_urls.split(",")
    stats = Stats()
    users = []
    for index in range(args.sellers + args.bidders):
        name = f"chaos-{'seller' if index < args.sellers else 'bidder'}-{index}"
        reply = await send(urls, "POST", "/v1/users", {"displayName": name, "password": PASSWORD}, stats=stats)
        if reply is None or reply.status not in (201, 409):
            raise SystemExit(f"driver: cannot register {name}: {reply and reply.text}")
        reply = await send(urls, "POST", "/v1/sessions", {"displayName": name, "password": PASSWORD}, stats=stats)
        if reply is None or reply.status != 201:
            raise SystemExit(f"driver: cannot log in {name}: {reply and reply.text}")
        session = reply.json()
        users.append({"name": name, "userID": session["userID"], "token": session["token"], "seller": index < args.sellers})
    sellers = [user for user in users if user["seller"]]
    auctions = []
    for index in range(args.auctions):
        seller = sellers[index % len(sellers)]
        third = index % 3
        # A third ends mid-load, a third near its end (soft close under faults), a third later.
        duration = max(65, int(args.load_seconds * (0.5, 0.85, 20)[third]))
        start_price = random.choice([500, 1000, 2500, 7500, 12000])
        body = {"title": f"Chaos lot {chr(65 + index % 26)}{index}", "description": "Made by the chaos load driver.",
                "startingPrice": {"currency": "EUR", "minorUnits": start_price}, "durationSeconds": duration,
                # Without soft close the first third closes on time, under load; the rest extend.
                "softClose": {"windowSeconds": 0 if third == 0 else 15, "extensionSeconds": 0 if third == 0 else 10}}
        if index % 4 == 1:
            body["reservePrice"] = {"currency": "EUR", "minorUnits": start_price * 3 + random.randint(1, 99)}
        reply = await send(urls, "POST", "/v1/auctions", body, seller["token"], key=f"chaos-auction-{index}", stats=stats)
        if reply is None or reply.status not in (200, 201):
            raise SystemExit(f"driver: cannot create an auction: {reply and reply.text}")
        auctions.append({"id": reply.json()["auctionID"], "seller": seller["userID"], "minimum": start_price})
    with open(os.path.join(args.out, "state.json"), "w") as file:
        json.dump({"users": users, "auctions": auctions}, file)
    print(f"driver: {len(users)} users, {len(auctions)} auctions ready", flush=True)


def record(acknowledged, auction, bidder, key, via):
    acknowledged.write(json.dumps({"auction": auction["id"], "commandID": command_id(bidder["userID"], auction["id"], key),
                                   "key": key, "bidder": bidder["userID"], "via": via}) + "\n")
    acknowledged.flush()


async def bidder_loop(urls, nodes, node_share, state, until, stats, acknowledged):
    bidders = [user for user in state["users"] if not user["seller"]]
    while time.monotonic() < until:
        open_auctions = [auction for auction in state["auctions"] if not auction.get("ended")]
        if not open_auctions:
            return
        auction = random.choice(open_auctions)
        bidder = random.choice(bidders)
        minimum = auction["minimum"]
        # Odd amounts above the minimum: most maximums stay hidden, which the leak scan needs. Steps
        # of at most 5.00 keep the price growing linearly, not by a percentage per bid, so a long
        # soak does not run into the largest amount Money allows.
        maximum = minimum + random.randint(0, 3) * min(500, max(5, minimum // 100)) + random.randint(0, 99)
        key = str(uuid.uuid4())
        if nodes and random.random() < node_share:
            via = random.choice(["live", "form"])
            await nodes.place(auction, bidder, maximum, key, via, lambda: record(acknowledged, auction, bidder, key, via))
            await asyncio.sleep(random.random() * 0.1)
            continue
        stats.bump("bids sent")
        reply = await send(urls, "POST", f"/v1/auctions/{auction['id']}/bids",
                           {"maximum": {"currency": "EUR", "minorUnits": maximum}}, bidder["token"], key, stats)
        if reply is None:
            continue
        body = reply.json() or {}
        if reply.status == 201:
            stats.bump("bids acknowledged")
            if reply.headers.get("idempotent-replayed") == "true":
                stats.bump("bids acknowledged on a replayed answer")
            expected = command_id(bidder["userID"], auction["id"], key)
            logged = [event["event"].get("commandID") for event in body.get("events", [])]
            if logged and logged[0] != expected:
                stats.bump("bids whose answer names another command id")
            record(acknowledged, auction, bidder, key, "api")
            minimum_bid = (body.get("auction") or {}).get("minimumBid")
            if minimum_bid:
                auction["minimum"] = max(auction["minimum"], minimum_bid["minorUnits"])
        else:
            error = body.get("error") or {}
            stats.bump(f"bids refused {reply.status} {error.get('code')}")
            details = error.get("details") or {}
            if isinstance(details.get("minimumMinorUnits"), int):
                auction["minimum"] = max(auction["minimum"], details["minimumMinorUnits"])
            if error.get("code") in ENDED:
                auction["ended"] = True
        await asyncio.sleep(random.random() * 0.1)


async def viewer_loop(query_urls, state, until, stats, surfaces):
    auctions = [auction["id"] for auction in state["auctions"]]
    sellers = [user["userID"] for user in state["users"] if user["seller"]]
    while time.monotonic() < until:
        auction = random.choice(auctions)
        path, kind, scope = random.choice([
            ("/", "page", None), ("/auctions", "page", None), (f"/auctions/{auction}", "page", auction),
            (f"/users/{random.choice(sellers)}", "page", None), ("/v1/auctions", "rest", None),
            (f"/v1/auctions/{auction}", "rest", auction), (f"/v1/auctions/{auction}/bids", "rest", auction),
            (f"/v1/auctions?seller={random.choice(sellers)}&status=all", "rest", None),
        ])
        try:
            response = await request("GET", random.choice(query_urls) + path, timeout=8.0)
            stats.bump(f"views http {response.status}")
            if response.status == 200:
                surfaces.save(kind, "GET " + path, scope, response.text)
        except (OSError, asyncio.TimeoutError, ValueError, IndexError) as error:
            stats.bump(f"views {type(error).__name__}")
        await asyncio.sleep(0.05 + random.random() * 0.15)


async def run(args):
    with open(os.path.join(args.out, "state.json")) as file:
        state = json.load(file)
    command_urls, query_urls = args.command_urls.split(","), args.query_urls.split(",")
    stats = Stats()
    until = time.monotonic() + args.seconds
    surfaces = Surfaces(os.path.join(args.out, "surfaces")) if args.capture else NoSurfaces()
    seen = StateWatch(os.path.join(args.out, "older-states.jsonl"))
    with open(os.path.join(args.out, "acknowledged.jsonl"), "a") as acknowledged:
        nodes = NodeBidder([url for url in query_urls if url], PASSWORD, stats) if args.node_bid_share > 0 and query_urls[0] else None
        tasks = [bidder_loop(command_urls, nodes, args.node_bid_share, state, until, stats, acknowledged) for _ in range(args.bid_workers)]
        tasks += [viewer_loop(query_urls, state, until, stats, surfaces) for _ in range(args.viewers)]
        tasks += [watch(query_urls[index % len(query_urls)], state, until, stats, surfaces, index, seen) for index in range(args.watchers)]
        timeline = os.path.join(args.out, "stats-timeline.jsonl")
        if args.stats_every:
            tasks.append(write_timeline(timeline, stats, until, args.stats_every))
        await asyncio.gather(*tasks)
        if args.stats_every:
            # What the last in-flight requests added after the last tick, as one more short interval.
            append_snapshot(timeline, stats, args.seconds + time.monotonic() - until)
    surfaces.close()
    with open(os.path.join(args.out, "driver-stats.json"), "w") as file:
        json.dump(dict(sorted(stats.items())), file, indent=1)
    print("driver: " + ", ".join(f"{name}={count}" for name, count in sorted(stats.items())), flush=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("mode", choices=["setup", "run"])
    parser.add_argument("--command-urls", required=True)
    parser.add_argument("--query-urls", default="")
    parser.add_argument("--out", required=True)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--load-seconds", type=float, default=60)
    parser.add_argument("--auctions", type=int, default=12)
    parser.add_argument("--sellers", type=int, default=3)
    parser.add_argument("--bidders", type=int, default=10)
    parser.add_argument("--bid-workers", type=int, default=8)
    parser.add_argument("--viewers", type=int, default=2)
    parser.add_argument("--watchers", type=int, default=4)
    parser.add_argument("--node-bid-share", type=float, default=1 / 3, help="share of bids sent through the query nodes")
    parser.add_argument("--capture", action=argparse.BooleanOptionalAction, default=True,
                        help="keep every public surface in DIR/surfaces (the checker's leak scan needs them)")
    parser.add_argument("--stats-every", type=float, default=0, help="write DIR/stats-timeline.jsonl every S seconds")
    args = parser.parse_args()
    os.makedirs(args.out, exist_ok=True)
    asyncio.run(setup(args) if args.mode == "setup" else run(args))


if __name__ == "__main__":
    main()
