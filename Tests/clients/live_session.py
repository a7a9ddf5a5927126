#!/usr/bin/env python3
"""A signed-in client of the QueryService live endpoint (/live): like live_client.py, but it
sends the session cookie on the handshake, as a browser page would.

Usage: live_session.py URL COOKIE ORIGIN STEPS_JSON
COOKIE is the Cookie header value ("" for none), ORIGIN the Origin header ("" for none).
STEPS_JSON is a list of steps, run in order:
  {"send": {...}}                  send the object as a JSON text message
  {"until": TYPE, "timeout": S}    receive until a message of that type; each is printed as {"frame": ...}
Prints {"ready": true} once connected, {"timeout": true} when a step timed out, and
{"closed": CODE} if the server closed the connection. Exits 0.
"""
import asyncio
import json
import sys

import websockets


def out(obj):
    print(json.dumps(obj), flush=True)


async def session(url, cookie, origin, steps):
    kwargs = {"max_size": None, "open_timeout": 20}
    if cookie:
        kwargs["additional_headers"] = {"Cookie": cookie}
    if origin:
        kwargs["origin"] = origin
    async with websockets.connect(url, **kwargs) as ws:
        out({"ready": True})
        try:
            for step in steps:
                if "send" in step:
                    await ws.send(json.dumps(step["send"]))
                elif "until" in step:
                    while True:
                        message = json.loads(await asyncio.wait_for(ws.recv(), step.get("timeout", 30)))
                        out({"frame": message})
                        if message.get("type") == step["until"]:
                            break
        except websockets.ConnectionClosed:
            pass
        except asyncio.TimeoutError:
            out({"timeout": True})
            return
        if ws.close_code is not None:
            out({"closed": ws.close_code})


def main():
    url, cookie, origin, steps = sys.argv[1], sys.argv[2], sys.argv[3], json.loads(sys.argv[4])
    asyncio.run(session(url, cookie, origin, steps))


if __name__ == "__main__":
    main()
