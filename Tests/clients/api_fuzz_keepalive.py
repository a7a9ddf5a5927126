#!/usr/bin/env python3
"""Sends requests with a JSON body under methods a route does not allow (GET among them) on one
keep-alive connection, as Schemathesis's coverage phase does, then checks that a fresh
connection still gets an answer from GET /health.

Usage: api_fuzz_keepalive.py PORT PATH ROUNDS
Prints one JSON line: {"statuses": [...], "healthy": true|false}. Standard library only.
"""
import http.client
import json
import sys

port, path, rounds = int(sys.argv[1]), sys.argv[2], int(sys.argv[3])
body = json.dumps({"displayName": "0", "password": "00000000"})
statuses = []
for _ in range(rounds):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=3)
    try:
        for method in ["PUT", "GET", "DELETE", "OPTIONS", "GET", "PATCH", "GET", "DELETE"]:
            connection.request(method, path, body=body, headers={"Content-Type": "application/json"})
            response = connection.getresponse()
            response.read()
            statuses.append(response.status)
    except (OSError, http.client.HTTPException):
        statuses.append(0)
    finally:
        connection.close()
healthy = True
try:
    probe = http.client.HTTPConnection("127.0.0.1", port, timeout=3)
    probe.request("GET", "/health")
    healthy = probe.getresponse().status == 200
except (OSError, http.client.HTTPException):
    healthy = False
print(json.dumps({"statuses": statuses, "healthy": healthy}))
