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
from collections import OrderedDict
from collections.abc import Sequence
from typing import Any


class FeatureMemo:
    """(model uid, text) -> features, for the query texts embedded lately. Thread-safe, bounded."""

    def __init__(self, size: int = 4096) -> None:
        self._size = size
        self._items: OrderedDict[tuple[str, str], Any] = OrderedDict()
        self._lock = threading.Lock()
        self.hits = 0  # features read from here instead of computed by their caller

    def put(self, uid: str, texts: Sequence[str], values: Sequence[Any]) -> None:
        with self._lock:
            for text, value in zip(texts, values):
                self._items[(uid, text)] = value
                self._items.move_to_end((uid, text))
            while len(self._items) > self._size:
                self._items.popitem(last=False)

    def take(self, uid: str, text: str) -> Any | None:
        with self._lock:
            found = self._items.pop((uid, text), None)
            self.hits += found is not None
            return found

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
