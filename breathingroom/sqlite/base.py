"""Django's SQLite backend, with the writers of one process taking turns in the order they came.

SQLite lets one connection write at a time. The others wait in its busy handler, which polls with
growing sleeps (up to a tenth of a second), so the lock goes to whoever polls at the right moment
rather than to whoever has waited longest: under a hundred couples at once, some requests waited
out the whole timeout and failed with "database is locked" while newer ones went ahead. Here the
threads of one process queue for a lock of their own, first come first served, before they begin
a write transaction; only the one at the head of the queue waits on SQLite, against the other
process (web or worker) at most. Reads take no part: in WAL mode they never wait for a writer.
"""

from __future__ import annotations

import threading
from collections import deque
from pathlib import Path
from typing import Any

from django.db import OperationalError
from django.db.backends.sqlite3 import base


class _Turns:
    """A lock that is handed to its waiters in the order they asked for it."""

    def __init__(self) -> None:
        self._guard = threading.Lock()
        self._held = False
        self._waiting: deque[threading.Lock] = deque()

    def acquire(self, timeout: float) -> bool:
        with self._guard:
            if not self._held:
                self._held = True
                return True
            mine = threading.Lock()
            mine.acquire()
            self._waiting.append(mine)
        if mine.acquire(timeout=timeout):
            return True  # handed over by release(): held for us already
        with self._guard:
            if mine in self._waiting:
                self._waiting.remove(mine)
                return False
        # Handed over just as the wait ran out: it is ours, so give it on.
        self.release()
        return False

    def release(self) -> None:
        with self._guard:
            if self._waiting:
                self._waiting.popleft().release()
            else:
                self._held = False


_turns: dict[str, _Turns] = {}
_turns_guard = threading.Lock()


def _turns_for(name: str) -> _Turns:
    key = str(Path(name).resolve())
    with _turns_guard:
        return _turns.setdefault(key, _Turns())


class DatabaseWrapper(base.DatabaseWrapper):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._turn: _Turns | None = None

    def _start_transaction_under_autocommit(self) -> None:
        if getattr(self, "transaction_mode", None) != "IMMEDIATE" or self.is_in_memory_db():
            return super()._start_transaction_under_autocommit()  # type: ignore[misc]  # django-stubs leaves it out
        turns = _turns_for(self.settings_dict["NAME"])
        if not turns.acquire(timeout=float(self.settings_dict["OPTIONS"].get("timeout", 5))):
            raise OperationalError("database is locked")
        self._turn = turns
        try:
            super()._start_transaction_under_autocommit()  # type: ignore[misc]  # django-stubs leaves it out
        except BaseException:
            self._end_turn()
            raise
        return None

    def _commit(self) -> None:
        super()._commit()  # type: ignore[misc]  # django-stubs leaves it out
        self._end_turn()

    def _rollback(self) -> None:
        try:
            super()._rollback()  # type: ignore[misc]  # django-stubs leaves it out
        finally:
            self._end_turn()

    def _close(self) -> None:
        try:
            super()._close()  # type: ignore[misc]  # django-stubs leaves it out
        finally:
            self._end_turn()

    def _end_turn(self) -> None:
        if self._turn is not None:
            turns, self._turn = self._turn, None
            turns.release()
