"""What the chaos load driver writes besides acknowledged bids: the counts over time, for the
soak's error rate per interval (scripts/chaos/soak_report.py), and the no-op stand-in for the
captured surfaces when a long run does not keep them."""
import asyncio
import json
import time


class NoSurfaces:
    """Keeps nothing (`--no-capture`: a long soak would otherwise write gigabytes of pages)."""

    def save(self, kind, source, auction, body):
        pass

    def close(self):
        pass


def append_snapshot(path, stats, seconds):
    """Appends {"t": seconds since the load started, "counts": the cumulative counts}."""
    with open(path, "a") as file:
        file.write(json.dumps({"t": round(seconds, 1), "counts": dict(stats)}) + "\n")


async def write_timeline(path, stats, until, every):
    """A snapshot every `every` seconds until `until` (monotonic time), the last one at `until`."""
    start = time.monotonic()
    while True:
        await asyncio.sleep(max(0.0, min(every, until - time.monotonic())))
        append_snapshot(path, stats, time.monotonic() - start)
        if time.monotonic() >= until:
            return
