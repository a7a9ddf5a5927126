#!/usr/bin/env python3
"""Seeds demo users, auctions and bids through the CommandService's public HTTP API.

Usage: scripts/seed.py [http://127.0.0.1:8080]

Idempotent: users that exist are logged in, auctions use fixed idempotency keys per run day, so
running it twice the same day creates nothing new. A few auctions end within minutes, so the
closing and the soft close can be watched live. Standard library only.
"""
import json
import sys
import time
import urllib.error
import urllib.request

BASE = sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8080"
PASSWORD = "demo-password"
DAY = time.strftime("%Y%m%d", time.gmtime())


def post(path, body, token=None, key=None):
    request = urllib.request.Request(BASE + path, data=json.dumps(body).encode(), method="POST")
    request.add_header("Content-Type", "application/json")
    if token:
        request.add_header("Authorization", "Bearer " + token)
    if key:
        request.add_header("Idempotency-Key", key)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, json.load(response)
    except urllib.error.HTTPError as error:
        return error.code, json.load(error)


def session(name):
    status, _ = post("/v1/users", {"displayName": name, "password": PASSWORD})
    if status not in (201, 409):
        raise SystemExit(f"seed: cannot register {name}: HTTP {status}")
    status, body = post("/v1/sessions", {"displayName": name, "password": PASSWORD})
    if status != 201:
        raise SystemExit(f"seed: cannot log in {name}: HTTP {status} {body}")
    return body["token"]


def euros(amount):
    return {"currency": "EUR", "minorUnits": amount}


def main():
    tokens = {name: session(name) for name in ["Ada", "Grace", "Linus", "Margaret", "Edsger"]}
    catalogue = [
        ("Ada", "Brass desk lamp, 1930s", "Rewired, works. Small dent on the base.", 1500, 4000, 180),
        ("Ada", "Mechanical keyboard (IBM Model M)", "1989, buckling springs, all keys present.", 5000, None, 300),
        ("Grace", "First edition: The C Programming Language", "Good condition, name on flyleaf.", 2500, 10000, 600),
        ("Linus", "Penguin plush, very large", "Clean, from a non-smoking home.", 800, None, 1800),
        ("Margaret", "Apollo mission patch set", "Reproductions, 12 patches.", 1200, None, 3600),
        ("Grace", "Walnut chessboard with pieces", "Hand made, weighted pieces.", 3000, 6000, 7200),
    ]
    created = []
    for index, (seller, title, description, start, reserve, seconds) in enumerate(catalogue):
        body = {"title": title, "description": description, "startingPrice": euros(start),
                "durationSeconds": seconds, "softClose": {"windowSeconds": 60, "extensionSeconds": 60}}
        if reserve:
            body["reservePrice"] = euros(reserve)
        status, reply = post("/v1/auctions", body, tokens[seller], key=f"demo-{DAY}-{index}")
        if status not in (200, 201):
            raise SystemExit(f"seed: cannot create '{title}': HTTP {status} {reply}")
        created.append((reply["auctionID"], seller, start))
    bidders = ["Linus", "Edsger", "Margaret", "Ada", "Grace"]
    bids = 0
    for index, (auction, seller, start) in enumerate(created):
        for round_ in range(3):
            bidder = bidders[(index + round_) % len(bidders)]
            if bidder == seller:
                continue
            maximum = start + (round_ + 1) * (start // 2 + 100)
            status, _ = post(f"/v1/auctions/{auction}/bids", {"maximum": euros(maximum)},
                             tokens[bidder], key=f"demo-{DAY}-{index}-{round_}")
            bids += status in (200, 201)
    print(f"seed: {len(tokens)} users (password '{PASSWORD}'), {len(created)} auctions, {bids} bids accepted")


if __name__ == "__main__":
    main()
