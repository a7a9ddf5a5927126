"""A minimal asyncio HTTP/1.1 client for the chaos load driver: one connection per request
(`Connection: close`), a hard timeout, Content-Length or chunked bodies. Standard library only."""
import asyncio
import json
from urllib.parse import urlsplit


class Response:
    def __init__(self, status, headers, body):
        self.status = status
        self.headers = headers
        self.body = body

    def json(self):
        try:
            return json.loads(self.body)
        except ValueError:
            return None

    @property
    def text(self):
        return self.body.decode("utf-8", "replace")


def _dechunk(data):
    body, rest = b"", data
    while rest:
        line, _, rest = rest.partition(b"\r\n")
        size = int(line.split(b";")[0] or b"0", 16)
        if size == 0:
            break
        body, rest = body + rest[:size], rest[size + 2:]
    return body


async def _exchange(method, url, body, headers):
    parts = urlsplit(url)
    reader, writer = await asyncio.open_connection(parts.hostname, parts.port or 80)
    try:
        path = parts.path + ("?" + parts.query if parts.query else "")
        lines = [f"{method} {path or '/'} HTTP/1.1", f"Host: {parts.hostname}:{parts.port}", "Connection: close"]
        payload = b""
        if body is not None:
            # bytes go as they are (the caller names their Content-Type); anything else as JSON.
            payload = body if isinstance(body, bytes) else json.dumps(body).encode()
            lines += [] if isinstance(body, bytes) else ["Content-Type: application/json"]
            lines += [f"Content-Length: {len(payload)}"]
        lines += [f"{name}: {value}" for name, value in (headers or {}).items()]
        writer.write(("\r\n".join(lines) + "\r\n\r\n").encode() + payload)
        await writer.drain()
        data = await reader.read()
    finally:
        writer.close()
    head, _, rest = data.partition(b"\r\n\r\n")
    status_line, *header_lines = head.decode("latin-1").split("\r\n")
    status = int(status_line.split()[1])
    headers = {}
    for line in header_lines:
        name, _, value = line.partition(":")
        headers[name.strip().lower()] = value.strip()
    if headers.get("transfer-encoding", "").lower() == "chunked":
        rest = _dechunk(rest)
    elif "content-length" in headers:
        rest = rest[: int(headers["content-length"])]
    return Response(status, headers, rest)


async def request(method, url, body=None, headers=None, timeout=10.0):
    """The response; raises OSError, asyncio.TimeoutError or ValueError (garbled) on failure."""
    return await asyncio.wait_for(_exchange(method, url, body, headers), timeout)
