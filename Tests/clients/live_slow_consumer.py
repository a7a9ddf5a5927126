#!/usr/bin/env python3
"""A /live client that can stop reading, to play a slow consumer (on the `websockets` package).

Usage: live_slow_consumer.py URL STEPS_JSON [--small-buffer]
The connection is made without compression, the library's own receive queue is kept to one
message, and with --small-buffer the socket's receive buffer is small (SO_RCVBUF 4096), so that
when this client stops calling recv the TCP window closes and the server's writes back up.
Keepalive pings are off so that a long pause does not end the connection from this side.

STEPS_JSON is a list of steps, run in order:
  {"send": {...}}                      send the object as a JSON text message
  {"send": {...}, "repeat": N}         send it N times
  {"wait_file": PATH}                  read nothing until PATH exists (polls every 20 ms); if the
                                       file holds a number, it is the "signalled" position
  {"until_position": N}                receive until an update with position >= N arrives
  {"until_position": "signalled"}      the same, with N read from the last wait_file
  {"close_expected": true}             receive until the server closes the connection
  {"roundtrip": true}                  send a ping and receive until its pong
  {"close": true}                      close from this side (code 1000)
  {"sleep": SECONDS}                   wait, reading nothing
Every received message is printed as {"frame": <parsed JSON>}; {"ready": true} once connected;
{"closed": CODE, "reason": "..."} when the connection has closed. One JSON object per line.
Each receive gives up after 60 s of silence and prints {"timeout": true}. Exits 0.
"""
import asyncio, json, os, socket, sys
from urllib.parse import urlparse

from websockets.asyncio.client import connect
from websockets.exceptions import ConnectionClosed


def out(obj):
    print(json.dumps(obj), flush=True)


def open_socket(url, small_buffer):
    parsed = urlparse(url)
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    if small_buffer:
        # Before connect, so that the window advertised in the handshake is already small.
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
    sock.connect((parsed.hostname, parsed.port))
    sock.setblocking(False)
    return sock


async def receive(ws):
    message = json.loads(await asyncio.wait_for(ws.recv(), 60))
    out({"frame": message})
    return message


async def run(ws, steps):
    signalled = None
    for step in steps:
        if "send" in step:
            text = json.dumps(step["send"])
            for _ in range(step.get("repeat", 1)):
                await ws.send(text)
        elif "wait_file" in step:
            while not os.path.exists(step["wait_file"]):
                await asyncio.sleep(0.02)
            with open(step["wait_file"]) as signal:
                text = signal.read().strip()
            signalled = int(text) if text else None
            # Drain what piled up in large reads: lws gives the close frame that follows it only a
            # few seconds, and 4 KB reads of a full send buffer overran that on a loaded machine.
            ws.transport.get_extra_info("socket").setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 1 << 20)
        elif "until_position" in step:
            target = signalled if step["until_position"] == "signalled" else step["until_position"]
            while True:
                message = await receive(ws)
                if message.get("type") == "update" and message.get("position", 0) >= target:
                    break
        elif "close_expected" in step:
            while True:
                await receive(ws)
        elif "roundtrip" in step:
            await ws.send(json.dumps({"type": "ping"}))
            while (await receive(ws)).get("type") != "pong":
                pass
        elif "close" in step:
            await ws.close()
        elif "sleep" in step:
            await asyncio.sleep(step["sleep"])


async def session(url, steps, small_buffer):
    kwargs = {"sock": open_socket(url, small_buffer), "compression": None, "max_queue": 1, "max_size": None,
              "ping_interval": None, "open_timeout": 20, "close_timeout": 20}
    async with connect(url, **kwargs) as ws:
        out({"ready": True})
        try:
            await run(ws, steps)
        except ConnectionClosed:
            pass
        except asyncio.TimeoutError:
            out({"timeout": True})
            return
    out({"closed": ws.close_code, "reason": ws.close_reason})


def main():
    asyncio.run(session(sys.argv[1], json.loads(sys.argv[2]), "--small-buffer" in sys.argv[3:]))


if __name__ == "__main__":
    main()
