"""A small thread-safe LRU with a per-entry time to live: the template cache's process level."""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from dataclasses import dataclass, field


@dataclass
class LRU:
    maxsize: int
    ttl: float
    _data: OrderedDict = field(default_factory=OrderedDict)
    _lock: threading.Lock = field(default_factory=threading.Lock)
    preloaded_states: set = field(default_factory=set)

    def get(self, key: str):
        with self._lock:
            entry = self._data.get(key)
            if entry is None:
                return None
            value, expires = entry
            if expires < time.monotonic():
                del self._data[key]
                return None
            self._data.move_to_end(key)
            return value

    def set(self, key: str, value) -> None:
        self.set_many({key: value})

    def set_many(self, values: dict) -> None:
        """Every entry with the same expiry (one pre-warm is one snapshot)."""
        with self._lock:
            expires = time.monotonic() + self.ttl
            for key, value in values.items():
                self._data[key] = (value, expires)
                self._data.move_to_end(key)
            while len(self._data) > self.maxsize:
                self._data.popitem(last=False)

    def delete(self, key: str) -> None:
        with self._lock:
            self._data.pop(key, None)

    def clear(self) -> None:
        with self._lock:
            self._data.clear()
            self.preloaded_states.clear()

    def values(self) -> list:
        with self._lock:
            now = time.monotonic()
            return [value for value, expires in self._data.values() if expires >= now]
