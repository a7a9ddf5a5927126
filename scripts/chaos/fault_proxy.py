#!/usr/bin/env python3
"""A TCP proxy that can cut the network between its clients and its target, for chaos runs.

Usage: fault_proxy.py LISTEN_PORT TARGET_HOST TARGET_PORT

It forwards every connection to the target. Signals switch the fault:
  SIGUSR1  partition: every open connection stops forwarding in both directions (bytes are read
           and dropped, nothing is closed: like a cable pulled, the client sees silence until its
           own timeout), and new connections are accepted but never forwarded.
  SIGUSR2  heal: the connections held during the partition are closed (as a long partition ends
           them), new connections are forwarded again.
Each switch is logged to standard output with a timestamp. Standard library only.
"""
import asyncio
import signal
import sys
import time


class FaultProxy:
    def __init__(self, target_host, target_port):
        self.target = (target_host, target_port)
        self.partitioned = False
        self.held = set()
        self.connections = 0

    def log(self, message):
        print(f"{time.strftime('%H:%M:%S')} fault_proxy: {message}", flush=True)

    def partition(self):
        self.partitioned = True
        self.log("PARTITION: forwarding stopped")

    def heal(self):
        self.partitioned = False
        held, self.held = self.held, set()
        for writer in held:
            writer.close()
        self.log(f"HEAL: forwarding again, {len(held)} held connections closed")

    async def pump(self, reader, writer, peer):
        try:
            while True:
                data = await reader.read(65536)
                if not data:
                    break
                if self.partitioned:
                    # Dropped, as on a partitioned network; both ends are kept open.
                    self.held.add(writer)
                    self.held.add(peer)
                    continue
                writer.write(data)
                await writer.drain()
        except (ConnectionError, OSError):
            pass
        finally:
            if not self.partitioned:
                writer.close()

    async def handle(self, client_reader, client_writer):
        self.connections += 1
        if self.partitioned:
            self.held.add(client_writer)
            # Accepted but never forwarded: read and drop until healed (then closed by heal()).
            try:
                while await client_reader.read(65536):
                    pass
            except (ConnectionError, OSError):
                pass
            return
        try:
            target_reader, target_writer = await asyncio.open_connection(*self.target)
        except OSError:
            client_writer.close()
            return
        await asyncio.gather(
            self.pump(client_reader, target_writer, client_writer),
            self.pump(target_reader, client_writer, target_writer),
        )


async def main():
    listen_port, target_host, target_port = int(sys.argv[1]), sys.argv[2], int(sys.argv[3])
    proxy = FaultProxy(target_host, target_port)
    loop = asyncio.get_running_loop()
    loop.add_signal_handler(signal.SIGUSR1, proxy.partition)
    loop.add_signal_handler(signal.SIGUSR2, proxy.heal)
    server = await asyncio.start_server(proxy.handle, "127.0.0.1", listen_port)
    proxy.log(f"listening on {listen_port}, forwarding to {target_host}:{target_port}")
    async with server:
        await server.serve_forever()


if __name__ == "__main__":
    asyncio.run(main())
