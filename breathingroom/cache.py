"""The shared cache on Redis, carrying on in memory while Redis is gone or hung.

What the cache holds (sign-in throttling, the socket tickets of apps) must never stop people from
signing in, pairing or taking space. When Redis fails, each process keeps going on a cache of its
own for a few seconds before trying Redis again: throttling then counts per process, and a ticket
works only on the process that issued it, which is all that can be had until Redis is back.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.core.cache.backends.locmem import LocMemCache
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

log = logging.getLogger(__name__)

# After a failure, Redis is left alone this long, so a hung server costs one timeout, not one per call.
RETRY_AFTER = 5.0


def _falls_back(name: str) -> Callable[..., Any]:
    def call(self: RedisWithFallback, *args: Any, **kwargs: Any) -> Any:
        if time.monotonic() >= self._down_until:
            try:
                return getattr(super(RedisWithFallback, self), name)(*args, **kwargs)
            except (RedisConnectionError, RedisTimeoutError, OSError) as error:
                self._went_down(error)
        return getattr(self._fallback, name)(*args, **kwargs)

    return wraps(getattr(RedisCache, name))(call)


class RedisWithFallback(RedisCache):
    def __init__(self, server: str, params: dict[str, Any]) -> None:
        super().__init__(server, params)
        self._fallback = LocMemCache(f"fallback-{id(self)}", {"TIMEOUT": params.get("TIMEOUT", 300)})
        self._down_until = 0.0
        self._lock = threading.Lock()

    def _went_down(self, error: Exception) -> None:
        with self._lock:
            if time.monotonic() >= self._down_until:
                log.warning("Redis is not answering (%s); this process uses a cache of its own", type(error).__name__)
            self._down_until = time.monotonic() + RETRY_AFTER

    add = _falls_back("add")
    get = _falls_back("get")
    set = _falls_back("set")
    touch = _falls_back("touch")
    delete = _falls_back("delete")
    get_many = _falls_back("get_many")
    has_key = _falls_back("has_key")
    incr = _falls_back("incr")
    set_many = _falls_back("set_many")
    delete_many = _falls_back("delete_many")
    clear = _falls_back("clear")
