"""A bounded store for per-block results: re-scoring a rewrite reads every other block again."""

from __future__ import annotations

from typing import Any

_LIMIT = 50_000  # entries: a few CVs' blocks, a few MB; a batch worker starts over when full


class BlockMemo:
    """Results keyed by what they were computed from (a block, its hits), so an entry is never
    stale: a changed block is a different key. Only one Engine's CVs share one memo, because the
    results also depend on that Engine's vocabulary."""

    def __init__(self, limit: int = _LIMIT):
        self._limit = limit
        self._entries: dict[Any, Any] = {}

    def get(self, key: Any) -> Any:
        return self._entries.get(key)

    def put(self, key: Any, value: Any) -> None:
        if len(self._entries) >= self._limit:
            self._entries.clear()
        self._entries[key] = value
