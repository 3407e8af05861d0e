"""The embedded default's channel layer: the cost of one event with many idle sockets connected.

Each idle socket is a channel in its own person's group, as /ws/events makes it. For 1 to 10,000 of
them, 200 events are sent to one person's group and received there, on Channels' own in-memory
layer and on ours (``events.layer``, swept once a second), in the same run. Prints the median and
99th percentile of one send-and-receive, in microseconds, and writes them to bench/results/.

    .venv/bin/python bench/layer.py
"""

from __future__ import annotations

import asyncio
import json
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "breathingroom.settings")

from channels.layers import InMemoryChannelLayer  # noqa: E402

from breathingroom.events.layer import SweptInMemoryChannelLayer  # noqa: E402

SOCKETS = (1, 1_000, 5_000, 10_000)
EVENTS = 200


async def measure(kind: type[InMemoryChannelLayer], sockets: int) -> list[float]:
    layer = kind()
    channels = []
    for person in range(sockets):
        channel = await layer.new_channel()
        await layer.group_add(f"person.{person}", channel)
        channels.append(channel)
    waits = []
    for n in range(EVENTS):
        person = n % sockets
        started = time.perf_counter()
        await layer.group_send(f"person.{person}", {"type": "event.deliver", "n": n})
        await layer.receive(channels[person])
        waits.append((time.perf_counter() - started) * 1e6)
    return waits


def main() -> None:
    rows = []
    print(f"{'sockets':>8}  {'layer':<26} {'p50 µs':>9} {'p99 µs':>9}")
    for sockets in SOCKETS:
        for kind in (InMemoryChannelLayer, SweptInMemoryChannelLayer):
            waits = sorted(asyncio.run(measure(kind, sockets)))
            p50, p99 = statistics.median(waits), waits[int(len(waits) * 0.99) - 1]
            rows.append({"sockets": sockets, "layer": kind.__name__, "p50_us": round(p50, 1), "p99_us": round(p99, 1)})
            print(f"{sockets:>8}  {kind.__name__:<26} {p50:>9.1f} {p99:>9.1f}")
    results = ROOT / "bench" / "results"
    results.mkdir(exist_ok=True)
    out = results / f"layer-{time.strftime('%Y%m%d-%H%M%S')}.json"
    machine = {"cores": os.cpu_count(), "load": os.getloadavg()}
    out.write_text(json.dumps({"machine": machine, "events": EVENTS, "rows": rows}, indent=2))
    print(f"written to {out.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
