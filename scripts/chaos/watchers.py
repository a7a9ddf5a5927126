"""WebSocket watchers for the chaos load, and the folder of captured public surfaces that the
InvariantChecker scans for hidden amounts (one JSON line per surface:
{"surface","source","auction","body"})."""
import asyncio
import json
import os
import random
import re
import time

import websockets


class Surfaces:
    """Appends captured outputs to DIR/<kind>.jsonl."""

    def __init__(self, folder):
        os.makedirs(folder, exist_ok=True)
        self.folder = folder
        self.files = {}

    def save(self, kind, source, auction, body):
        if kind not in self.files:
            self.files[kind] = open(os.path.join(self.folder, f"{kind}.jsonl"), "a")
        self.files[kind].write(json.dumps({"surface": kind, "source": source, "auction": auction, "body": body}) + "\n")

    def close(self):
        for file in self.files.values():
            file.close()


PRICE = re.compile(r'<p class="price">.*?<strong>[^0-9<]*([0-9,]+)\.([0-9]{2})')
BID_COUNT = re.compile(r'<p class="bid-count">([0-9]+) bid')


class StateWatch:
    """What a watcher was shown of each auction: the price and the bid count it last saw. Both only
    grow in the log, so a frame showing less is older data served as current (recorded, and
    reported by the chaos run as a failure)."""

    def __init__(self, path):
        self.path = path
        self.last = {}

    def observe(self, watcher, topic, html, stats):
        price, bids = PRICE.search(html or ""), BID_COUNT.search(html or "")
        if not price or not bids:
            return
        shown = (int(price.group(1).replace(",", "")) * 100 + int(price.group(2)), int(bids.group(1)))
        key = (watcher, topic)
        before = self.last.get(key)
        if before and (shown[0] < before[0] or shown[1] < before[1]):
            stats.bump("watcher shown an older state")
            with open(self.path, "a") as file:
                file.write(json.dumps({"watcher": watcher, "topic": topic, "before": before, "shown": shown}) + "\n")
        self.last[key] = (max(before[0], shown[0]), max(before[1], shown[1])) if before else shown


def topic_auction(topic):
    parts = (topic or "").split(":")
    return parts[1] if len(parts) >= 2 and parts[0] == "auction" else None


async def watch(query_url, state, until, stats, surfaces, number, seen):
    """Watches the home feed and three auctions on one node, reconnecting with backoff whenever
    the node goes away (a restart, a partition), resuming after the last position seen."""
    ws_url = query_url.replace("http://", "ws://") + "/live"
    auctions = random.sample([auction["id"] for auction in state["auctions"]], k=min(3, len(state["auctions"])))
    topics = ["home"] + [f"auction:{auction}" for auction in auctions] + [f"auction:{auction}:bids" for auction in auctions]
    after, epoch = 0, None
    while time.monotonic() < until:
        try:
            async with websockets.connect(ws_url, origin=query_url, open_timeout=5, close_timeout=1) as socket:
                stats.bump("watchers connected")
                subscribe = {"type": "subscribe", "topics": topics, "after": after}
                if epoch is not None:
                    subscribe["epoch"] = epoch
                await socket.send(json.dumps(subscribe))
                while time.monotonic() < until:
                    try:
                        raw = await asyncio.wait_for(socket.recv(), timeout=max(0.1, until - time.monotonic()))
                    except asyncio.TimeoutError:
                        break
                    stats.bump("watcher frames")
                    message = json.loads(raw)
                    surfaces.save("ws", f"node {query_url} topic {message.get('topic')}", topic_auction(message.get("topic")), raw)
                    if message.get("type") == "update" and isinstance(message.get("position"), int):
                        after = max(after, message["position"])
                        seen.observe(number, message.get("topic"), message.get("html"), stats)
                    elif message.get("type") == "resync":
                        stats.bump("watcher resyncs")
                        after, epoch = 0, message.get("epoch")
                        if message.get("resubscribe"):
                            await socket.send(json.dumps({"type": "subscribe", "topics": topics, "after": 0, "epoch": epoch}))
                    elif message.get("type") == "error":
                        stats.bump(f"watcher error {message.get('code')}")
        except (OSError, asyncio.TimeoutError, websockets.exceptions.WebSocketException) as error:
            stats.bump(f"watcher disconnects {type(error).__name__}")
            await asyncio.sleep(0.5 + random.random())
