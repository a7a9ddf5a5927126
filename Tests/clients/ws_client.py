#!/usr/bin/env python3
"""An independent WebSocket client (the `websockets` package) for the integration tests.

Usage: ws_client.py MODE URL [ARGS]. Prints one JSON line with what it observed; exits 0.
Modes:
  echo URL TEXT            send TEXT, print the reply and the negotiated extensions
  many URL N               open N connections, print "ready", wait for one frame on each
  wait-close URL           connect, print "ready", wait for the server to close; print the close code
  stall URL                connect with a tiny receive buffer, print "ready", read nothing until
                           SIGUSR1 (or 60 s), then read to the close frame; print frames and close code
  raw-frame URL HEX        send one raw frame (hex, unmasked payload is masked here) and report the close code
  too-big URL SIZE         send a SIZE-byte text message and report the close code
  origin URL ORIGIN        try a handshake with this Origin; report whether it was accepted
"""
import asyncio, json, os, signal, socket, base64, struct, sys

import websockets

from raw_http import receive_until


def out(obj):
    print(json.dumps(obj), flush=True)


async def echo(url, text):
    async with websockets.connect(url, compression="deflate", max_size=None) as ws:
        await ws.send(text)
        reply = await asyncio.wait_for(ws.recv(), 10)
        exts = [e.name for e in ws.protocol.extensions]
        out({"reply": reply, "extensions": exts})


async def many(url, n):
    conns = []
    for _ in range(n):
        conns.append(await websockets.connect(url, compression=None, open_timeout=30))
    out({"ready": len(conns)})
    async def one(ws):
        msg = await asyncio.wait_for(ws.recv(), 60)
        return msg
    results = await asyncio.gather(*(one(ws) for ws in conns), return_exceptions=True)
    got = [r for r in results if isinstance(r, str)]
    out({"received": len(got), "distinct": sorted(set(got))[:3]})
    await asyncio.gather(*(ws.close() for ws in conns), return_exceptions=True)


async def wait_close(url):
    async with websockets.connect(url) as ws:
        out({"ready": True})
        try:
            await asyncio.wait_for(ws.recv(), 30)
            await asyncio.wait_for(ws.wait_closed(), 30)
        except websockets.ConnectionClosed:
            pass
        out({"code": ws.close_code, "reason": ws.close_reason})


def raw_socket(url, origin=None, receive_buffer=None):
    rest = url.split("://", 1)[1]
    hostport, _, path = rest.partition("/")
    host, port = hostport.split(":")
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    if receive_buffer:
        # Before connect, so the advertised window stays small.
        s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, receive_buffer)
    s.settimeout(10)
    s.connect((host, int(port)))
    key = base64.b64encode(os.urandom(16)).decode()
    req = (f"GET /{path} HTTP/1.1\r\nHost: {hostport}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
           f"Sec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n")
    if origin:
        req += f"Origin: {origin}\r\n"
    s.sendall((req + "\r\n").encode())
    head = b""
    while b"\r\n\r\n" not in head:
        chunk = s.recv(4096)
        if not chunk:
            break
        head += chunk
    return s, head.split(b"\r\n", 1)[0].decode(errors="replace")


def masked_frame(opcode, payload):
    mask = os.urandom(4)
    n = len(payload)
    if n < 126:
        header = struct.pack("!BB", 0x80 | opcode, 0x80 | n)
    elif n < 65536:
        header = struct.pack("!BBH", 0x80 | opcode, 0x80 | 126, n)
    else:
        header = struct.pack("!BBQ", 0x80 | opcode, 0x80 | 127, n)
    return header + mask + bytes(b ^ mask[i % 4] for i, b in enumerate(payload))


def parse_frames(data):
    """Unmasked server frames in `data`: (data frames before the close, close code, whether the
    close frame is complete). Walks by offset: `data` can hold megabytes of frames."""
    frames, pos = 0, 0
    while len(data) - pos >= 2:
        n, at = data[pos + 1] & 0x7F, pos + 2
        if n == 126:
            if len(data) < pos + 4:
                break
            n, at = struct.unpack("!H", data[pos + 2:pos + 4])[0], pos + 4
        elif n == 127:
            if len(data) < pos + 10:
                break
            n, at = struct.unpack("!Q", data[pos + 2:pos + 10])[0], pos + 10
        if len(data) < at + n:
            break
        if data[pos] & 0x0F == 0x8:
            return frames, struct.unpack("!H", data[at:at + 2])[0] if n >= 2 else None, True
        frames, pos = frames + 1, at + n
    return frames, None, False


def read_frames(s):
    """Reads to the server's close frame (or the connection's end); returns (data frames, close code)."""
    frames, code, _ = parse_frames(receive_until(s, lambda data: parse_frames(data)[2]))
    return frames, code


def read_close_code(s):
    return read_frames(s)[1]


def stall(url):
    signal.pthread_sigmask(signal.SIG_BLOCK, [signal.SIGUSR1])
    s, status = raw_socket(url, receive_buffer=4096)
    out({"ready": True, "status": status})
    signal.sigtimedwait([signal.SIGUSR1], 60)
    s.settimeout(30)
    frames, code = read_frames(s)
    out({"frames": frames, "code": code})


def raw_frame(url, hexpayload):
    s, status = raw_socket(url)
    s.sendall(masked_frame(0x1, bytes.fromhex(hexpayload)))
    out({"status": status, "code": read_close_code(s)})


def too_big(url, size):
    s, status = raw_socket(url)
    s.sendall(masked_frame(0x1, b"a" * size))
    out({"status": status, "code": read_close_code(s)})


def origin(url, value):
    s, status = raw_socket(url, origin=value)
    out({"status": status})


def main():
    mode, url = sys.argv[1], sys.argv[2]
    if mode == "echo":
        asyncio.run(echo(url, sys.argv[3]))
    elif mode == "many":
        asyncio.run(many(url, int(sys.argv[3])))
    elif mode == "wait-close":
        asyncio.run(wait_close(url))
    elif mode == "stall":
        stall(url)
    elif mode == "raw-frame":
        raw_frame(url, sys.argv[3])
    elif mode == "too-big":
        too_big(url, int(sys.argv[3]))
    elif mode == "origin":
        origin(url, sys.argv[3])
    else:
        sys.exit(f"unknown mode {mode}")


if __name__ == "__main__":
    main()
