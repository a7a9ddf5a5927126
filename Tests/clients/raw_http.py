#!/usr/bin/env python3
"""Sends one raw HTTP/1.1 request (bytes the test gives in base64, so they may hold NUL, CR or LF
anywhere) and prints {"status": N or null, "body": "..."}: null when the server closed the
connection without a response.

Usage: raw_http.py PORT BASE64
"""
import base64, json, socket, sys


def main():
    port, request = int(sys.argv[1]), base64.b64decode(sys.argv[2])
    s = socket.create_connection(("127.0.0.1", port), timeout=10)
    s.sendall(request)
    data = b""
    try:
        while True:
            chunk = s.recv(65536)
            if not chunk:
                break
            data += chunk
            head, sep, body = data.partition(b"\r\n\r\n")
            if sep:
                length = [int(line.split(b":", 1)[1]) for line in head.split(b"\r\n")
                          if line.lower().startswith(b"content-length:")]
                if length and len(body) >= length[0]:
                    break
    except OSError:
        pass
    head, _, body = data.partition(b"\r\n\r\n")
    status = None
    if head.startswith(b"HTTP/1.1 "):
        status = int(head.split(b" ")[1])
    print(json.dumps({"status": status, "body": body.decode(errors="replace")}), flush=True)


if __name__ == "__main__":
    main()
