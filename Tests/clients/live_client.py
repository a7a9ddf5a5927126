#!/usr/bin/env python3
"""A scripted client of the QueryService live endpoint (/live), on the `websockets` package.

Usage: live_client.py URL STEPS_JSON [ORIGIN]
STEPS_JSON is a list of steps, run in order:
  {"send": {...}}          send the object as a JSON text message
  {"text": "..."}          send raw text
  {"binary": "HEX"}        send a binary message
  {"expect": N}            receive N messages; each is printed as {"frame": <parsed JSON>}
  {"close_expected": true} wait for the server to close the connection
  {"burst": {"connections": N, "parallel": P, "bytes": B}}
                           open N more connections, P at a time, each offering permessage-deflate
                           and sending one B-byte text, then waiting for the close; prints
                           {"burst": {"codes": {CODE: COUNT}, "extensions": [negotiated, sorted],
                           "unexpected": [first 5 messages received instead of a close]}}
Prints {"ready": true} once connected and {"closed": CODE, "reason": "..."} if the server
closes; every line is one JSON object. Exits 0.
"""
import asyncio, json, sys

import websockets


def out(obj):
    print(json.dumps(obj), flush=True)


async def oversized(url, size, report):
    async with websockets.connect(url, max_size=None, open_timeout=20, compression="deflate") as ws:
        offered = ws.response.headers.get("Sec-WebSocket-Extensions")
        if offered:
            report["extensions"].add(offered.split(";")[0].strip())
        await ws.send("x" * size)
        try:
            report["unexpected"].append(await asyncio.wait_for(ws.recv(), 30))
        except websockets.ConnectionClosed:
            pass
        except asyncio.TimeoutError:
            report["unexpected"].append("timeout")
    code = str(ws.close_code)
    report["codes"][code] = report["codes"].get(code, 0) + 1


async def burst(url, spec):
    report = {"codes": {}, "extensions": set(), "unexpected": []}

    async def worker(count):
        for _ in range(count):
            await oversized(url, spec["bytes"], report)

    parallel = spec["parallel"]
    await asyncio.gather(*[worker(spec["connections"] // parallel) for _ in range(parallel)])
    out({"burst": {"codes": report["codes"], "extensions": sorted(report["extensions"]),
                   "unexpected": report["unexpected"][:5]}})


async def session(url, steps, origin):
    kwargs = {"max_size": None, "open_timeout": 20}
    if origin:
        kwargs["origin"] = origin
    async with websockets.connect(url, **kwargs) as ws:
        out({"ready": True})
        try:
            for step in steps:
                if "send" in step:
                    await ws.send(json.dumps(step["send"]))
                elif "text" in step:
                    await ws.send(step["text"])
                elif "binary" in step:
                    await ws.send(bytes.fromhex(step["binary"]))
                elif "expect" in step:
                    for _ in range(step["expect"]):
                        message = await asyncio.wait_for(ws.recv(), step.get("timeout", 30))
                        out({"frame": json.loads(message)})
                elif "burst" in step:
                    await burst(url, step["burst"])
                elif "close_expected" in step:
                    extra = await asyncio.wait_for(ws.recv(), 30)
                    out({"unexpected": extra})
        except websockets.ConnectionClosed:
            pass
        except asyncio.TimeoutError:
            out({"timeout": True})
            return
        if ws.close_code is not None:
            out({"closed": ws.close_code, "reason": ws.close_reason})


def main():
    url, steps = sys.argv[1], json.loads(sys.argv[2])
    origin = sys.argv[3] if len(sys.argv) > 3 else None
    asyncio.run(session(url, steps, origin))


if __name__ == "__main__":
    main()
