#!/usr/bin/env python3
"""Sends one raw HTTP/1.1 request (bytes the test gives in base64, so they may hold NUL, CR or LF
anywhere) and prints {"status": N or null, "body": "..."}: null when the server closed the
connection without a response.

Usage: raw_http.py PORT BASE64
"""
import base64, json, socket, sys


def receive_until(sock, complete):
    """Reads until complete(data) holds, the peer closes or the socket fails; returns the bytes."""
    data = b""
    try:
        while not complete(data):
            chunk = sock.recv(65536)
            if not chunk:
                break
            data += chunk
    except OSError:
        pass
    return data


def response_complete(data):
    head, sep, body = data.partition(b"\r\n\r\n")
    if not sep:
        return False
    length = [int(line.split(b":", 1)[1]) for line in head.split(b"\r\n") if line.lower().startswith(b"content-length:")]
    return bool(length) and len(body) >= length[0]


def main():
    port, request = int(sys.argv[1]), base64.b64decode(sys.argv[2])
    s = socket.create_connection(("127.0.0.1", port), timeout=10)
    s.sendall(request)
    head, _, body = receive_until(s, response_complete).partition(b"\r\n\r\n")
    status = int(head.split(b" ")[1]) if head.startswith(b"HTTP/1.1 ") else None
    print(json.dumps({"status": status, "body": body.decode(errors="replace")}), flush=True)


if __name__ == "__main__":
    main()
