"""Features of a query's text computed beside its embedding, in the encoder's process.

A turn's word models (the knowledge base's n-gram model, the sentiment's, VADER) are
Python over every n-gram of the message: ~0.3 ms a turn that held the server's GIL.
An encoder running in a process of its own (``ProcessEncoder.offload``) computes them for
each query text it embeds and hands them back with the vectors; they wait in a
``FeatureMemo`` until the model that asked for them reads them. A model whose features
are not there (an in-process encoder, an evicted entry, a text embedded elsewhere)
computes them itself: the same numbers either way, only where the CPU is spent moves.
"""
from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Sequence
from typing import Any


class FeatureMemo:
    """(model uid, text) -> features, for the query texts embedded in the last seconds.

    Thread-safe and bounded in size and in age: what a turn asks for is read within
    milliseconds, and a customer's words are not kept in memory beyond ``max_age_s``
    (features nobody reads, such as VADER's for a French message, expire).
    """

    def __init__(self, size: int = 4096, max_age_s: float = 5.0) -> None:
        self._size = size
        self._max_age = max_age_s
        self._items: OrderedDict[tuple[str, str], tuple[float, Any]] = OrderedDict()  # oldest first
        self._lock = threading.Lock()
        self.hits = 0  # features read from here instead of computed by their caller

    def put(self, uid: str, texts: Sequence[str], values: Sequence[Any]) -> None:
        now = time.monotonic()
        with self._lock:
            for text, value in zip(texts, values):
                self._items[(uid, text)] = (now, value)
                self._items.move_to_end((uid, text))
            self._expire(now)

    def take(self, uid: str, text: str) -> Any | None:
        with self._lock:
            self._expire(time.monotonic())
            found = self._items.pop((uid, text), None)
            self.hits += found is not None
            return found[1] if found is not None else None

    def _expire(self, now: float) -> None:
        items = self._items
        while items and (len(items) > self._size or next(iter(items.values()))[0] < now - self._max_age):
            items.popitem(last=False)

    def __len__(self) -> int:
        return len(self._items)


class TextModel:
    """A function of a text alone that an encoder's process may compute ahead (see the module).

    Subclasses give ``uid`` (the same for the same model, in every process) and
    ``text_features(text)``; callers ask ``features(text)``.
    """

    uid: str
    _memo: FeatureMemo | None = None

    def text_features(self, text: str) -> Any:
        raise NotImplementedError

    def attach(self, memo: FeatureMemo | None) -> None:
        object.__setattr__(self, "_memo", memo)  # frozen dataclasses are text models too

    def features(self, text: str) -> Any:
        memo = self._memo
        if memo is not None:
            found = memo.take(self.uid, text)
            if found is not None:
                return found
        return self.text_features(text)

    def __getstate__(self) -> dict[str, Any]:  # the memo (a lock) stays in its process
        state = dict(self.__dict__)
        state.pop("_memo", None)
        return state
