"""The embedded default's channel layer: Channels' in-memory layer, swept for expired messages once a second.

Channels' own layer looks through every channel and every group on each send to a group and each
receive, to drop what has expired: with N open sockets that is O(N) work per event and O(N²) to
connect N sockets, all on the one event loop. Expiry needs no such precision (a message a minute
old is dropped a second later at worst), so here the sweep runs at most once per ``SWEEP_EVERY``
seconds; every other behaviour is the in-memory layer's own.
"""

from __future__ import annotations

import time
from typing import Any

from channels.layers import InMemoryChannelLayer

SWEEP_EVERY = 1.0


class SweptInMemoryChannelLayer(InMemoryChannelLayer):
    def __init__(self, *args: Any, sweep_every: float = SWEEP_EVERY, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.sweep_every = sweep_every
        self._swept_at = 0.0

    def _clean_expired(self) -> None:
        now = time.monotonic()
        if now - self._swept_at < self.sweep_every:
            return
        self._swept_at = now
        super()._clean_expired()
