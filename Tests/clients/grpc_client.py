#!/usr/bin/env python3
"""An independent gRPC client of the QueryService (Python grpcio), with stubs generated at run
time from proto/ by grpcio-tools, so that it knows only the documented contract.

Usage:
  grpc_client.py call HOST:PORT METHOD REQUEST_JSON [--token T]
      one unary call; prints {"reply": {...}} or {"code": "NOT_FOUND", "message": ..., "metadata": {...}}
  grpc_client.py feed HOST:PORT REQUEST_JSON [--updates N] [--timeout S] [--stall-file PATH]
      subscribes and prints every feed message as one JSON line ({"subscribed": ...}, {"update": ...});
      stops after N updates (and cancels), or when the stream ends: then prints
      {"end": CODE, "message": ..., "metadata": {...}}. With --stall-file, reads nothing after the
      confirmation until PATH exists (a stalled reader), then reads on.
  grpc_client.py streams HOST:PORT REQUEST_JSON COUNT [--timeout S]
      opens COUNT streams on one channel; prints {"ready": n} once n are confirmed, then
      {"streams": COUNT, "updated": n, "positions": [...]} once each got its first update.
Field names in JSON are the proto's (snake_case); the output uses them too.
"""
import json
import os
import sys
import tempfile
import time

import grpc
from google.protobuf import json_format
from grpc_tools import protoc

PROTO_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "proto")


def load_stubs():
    """Generates the stubs from proto/ once per proto content (cached in the temp folder; many
    clients start at once in the test run, and protoc costs each of them CPU)."""
    import hashlib
    import shutil
    protos = sorted(name for name in os.listdir(PROTO_DIR) if name.endswith(".proto"))
    digest = hashlib.sha256(b"".join(open(os.path.join(PROTO_DIR, name), "rb").read() for name in protos)).hexdigest()[:16]
    cached = os.path.join(tempfile.gettempdir(), f"grpc-stubs-{digest}")
    if not os.path.isdir(cached):
        draft = tempfile.mkdtemp(prefix="grpc-stubs-draft-")
        args = ["protoc", f"-I{PROTO_DIR}", f"--python_out={draft}", f"--grpc_python_out={draft}"] + protos
        if protoc.main(args) != 0:
            raise SystemExit("protoc failed")
        try:
            os.rename(draft, cached)  # atomic: a concurrent client's copy wins, this one is dropped
        except OSError:
            shutil.rmtree(draft, ignore_errors=True)
    sys.path.insert(0, cached)
    import live_auction_pb2 as messages
    import live_auction_pb2_grpc as services
    return messages, services


def out(value):
    print(json.dumps(value, sort_keys=True), flush=True)


def as_dict(message):
    return json_format.MessageToDict(message, preserving_proto_field_name=True)


def error_dict(error):
    metadata = {key: value for key, value in (error.trailing_metadata() or ())}
    return {"code": error.code().name, "message": error.details(), "metadata": metadata}


def option(args, name, default=None):
    if name in args:
        return args[args.index(name) + 1]
    return default


def call(messages, services, target, method, request_json, token):
    stub = services.LiveAuctionStub(grpc.insecure_channel(target))
    request_types = {"GetAuction": "GetAuctionRequest", "ListAuctions": "ListAuctionsRequest", "ListBids": "ListBidsRequest",
                     "GetUser": "GetUserRequest", "PlaceBid": "PlaceBidRequest"}
    request = json_format.Parse(request_json, getattr(messages, request_types[method])())
    metadata = [("authorization", token)] if token is not None else []
    try:
        reply = getattr(stub, method)(request, metadata=metadata, timeout=30)
        out({"reply": as_dict(reply)})
    except grpc.RpcError as error:
        out(error_dict(error))


def feed(messages, services, target, request_json, updates, timeout, stall_file):
    stub = services.LiveAuctionStub(grpc.insecure_channel(target))
    request = json_format.Parse(request_json, messages.SubscribeRequest())
    stream = stub.Subscribe(request, timeout=timeout)
    seen = 0
    try:
        for message in stream:
            out(as_dict(message))
            if message.HasField("subscribed") and stall_file:
                while not os.path.exists(stall_file):
                    time.sleep(0.02)
            if message.HasField("update"):
                seen += 1
                if updates is not None and seen >= updates:
                    stream.cancel()
                    out({"end": "CANCELLED_BY_CLIENT"})
                    return
        out({"end": "OK"})
    except grpc.RpcError as error:
        ended = error_dict(error)
        out({"end": ended["code"], "message": ended["message"], "metadata": ended["metadata"]})


def streams(messages, services, target, request_json, count, timeout):
    """COUNT concurrent feeds on one channel (grpc.aio): each waits for its confirmation, then
    prints {"ready": COUNT} once all are confirmed, then waits for one update each."""
    import asyncio
    from grpc import aio

    async def run():
        async with aio.insecure_channel(target) as channel:
            stub = services.LiveAuctionStub(channel)
            request = json_format.Parse(request_json, messages.SubscribeRequest())
            calls = [stub.Subscribe(request, timeout=timeout) for _ in range(count)]
            confirmed = await asyncio.gather(*(call.read() for call in calls))
            out({"ready": sum(1 for message in confirmed if message.HasField("subscribed"))})
            updates = await asyncio.gather(*(call.read() for call in calls), return_exceptions=True)
            positions = sorted({message.update.position for message in updates if not isinstance(message, Exception)
                                and message.HasField("update")})
            out({"streams": count, "updated": sum(1 for message in updates if not isinstance(message, Exception)
                                                  and message.HasField("update")), "positions": positions})
            for call in calls:
                call.cancel()

    import asyncio as _asyncio
    _asyncio.run(run())


def main():
    args = sys.argv[1:]
    messages, services = load_stubs()
    mode, target = args[0], args[1]
    if mode == "call":
        call(messages, services, target, args[2], args[3], option(args, "--token"))
    elif mode == "feed":
        updates = option(args, "--updates")
        feed(messages, services, target, args[2], int(updates) if updates else None, float(option(args, "--timeout", "60")),
             option(args, "--stall-file"))
    elif mode == "streams":
        streams(messages, services, target, args[2], int(args[3]), float(option(args, "--timeout", "60")))
    else:
        raise SystemExit(f"unknown mode {mode}")


if __name__ == "__main__":
    main()
