#!/usr/bin/env python3
"""Holds many TCP connections open against a server while probing it like a normal client.

Usage: security_flood.py MODE HOST PORT COUNT PROBE_URL [PROBE_URL...]
  MODE idle     connect COUNT sockets and send nothing
  MODE partial  connect COUNT sockets and send an unfinished request head (never the blank line)

Before the flood, opens one keep-alive connection (an existing client); while the sockets are
held, fetches the first PROBE_URL's path over it ("kept:PATH") and every PROBE_URL on a new
connection, five times one second apart, each with a 5 s timeout. Prints one JSON line:
  {"opened": N, "failed": N, "probes": [{"url", "status", "seconds"}...],
   "closed_by_server": N}
"closed_by_server" counts flood sockets the server had closed (or reset) by the end; "failed"
counts connects that did not complete (refused, timed out, or out of local descriptors).
"""
import http.client
import json
import select
import socket
import sys
import time
import urllib.error
import urllib.parse
import urllib.request


def open_sockets(host, port, count, partial):
    opened, failed = [], 0
    for _ in range(count):
        try:
            s = socket.create_connection((host, port), timeout=5)
            if partial:
                s.sendall(f"GET / HTTP/1.1\r\nHost: {host}\r\nX-Slow: 1\r\n".encode())
            opened.append(s)
        except OSError:
            failed += 1
    return opened, failed


def probe(url):
    started = time.monotonic()
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            response.read()
            status = response.status
    except urllib.error.HTTPError as error:
        status = error.code
    except (OSError, ValueError) as error:
        status = f"{type(error).__name__}: {error}"
    return {"url": url, "status": status, "seconds": round(time.monotonic() - started, 3)}


def closed_count(sockets):
    poller = select.poll()
    for s in sockets:
        poller.register(s, select.POLLIN | select.POLLHUP | select.POLLERR)
    by_fd = {s.fileno(): s for s in sockets}
    closed = 0
    for fd, _ in poller.poll(0):
        try:
            if by_fd[fd].recv(1, socket.MSG_PEEK) == b"":
                closed += 1
        except OSError:
            closed += 1
    return closed


class KeptConnection:
    """One keep-alive HTTP connection opened before the flood: an existing client."""

    def __init__(self, host, port):
        self.connection = http.client.HTTPConnection(host, port, timeout=5)

    def probe(self, path):
        started = time.monotonic()
        try:
            self.connection.request("GET", path)
            response = self.connection.getresponse()
            response.read()
            status = response.status
        except (OSError, http.client.HTTPException) as error:
            status = f"{type(error).__name__}: {error}"
        return {"url": "kept:" + path, "status": status, "seconds": round(time.monotonic() - started, 3)}


def main():
    mode, host, port, count = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
    urls = sys.argv[5:]
    kept = KeptConnection(host, port)
    kept_path = urllib.parse.urlsplit(urls[0]).path
    probes = [kept.probe(kept_path)]
    sockets, failed = open_sockets(host, port, count, mode == "partial")
    for _ in range(5):
        probes.append(kept.probe(kept_path))
        probes.extend(probe(url) for url in urls)
        time.sleep(1)
    result = {"opened": len(sockets), "failed": failed, "probes": probes, "closed_by_server": closed_count(sockets)}
    for s in sockets:
        s.close()
    print(json.dumps(result), flush=True)


if __name__ == "__main__":
    main()
