"""Concurrent single-text encode requests, gathered into one encoder call off the loop."""
from __future__ import annotations

import asyncio
import contextvars
from collections.abc import Callable
from concurrent.futures import Executor
from typing import Any, TypeVar

import numpy as np

from knowledge.encoders import Encoder, QueriesBroken

T = TypeVar("T")


async def run_in(executor: Executor, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    """Run ``fn`` in ``executor`` with the caller's contextvars (logs keep their request id)."""
    ctx = contextvars.copy_context()
    return await asyncio.get_running_loop().run_in_executor(executor, lambda: ctx.run(fn, *args, **kwargs))


# Requests waiting before a second encoder process takes a batch: a queue that short the busy process
# clears next, and a second process on a machine without a free core slows both (docs/measurements.md)
_SPILL = 8


class EncodeBatcher:
    """While one batch is being encoded, new requests queue up and go together next.

    A request may carry ``then(vector, shared, ranked)``, a function of its vector run in the same
    worker call (a FAISS search), so a query costs one trip to the pool, not two; and a ranking
    ``request`` for an encoder that ranks in its own process (``ProcessEncoder.encode_ranked``), whose
    answer ``then`` receives as ``ranked`` (None where it was not ranked there). ``text_models``
    says whether the text models that process computes beside an embedding (knowledge/features.py)
    should read this text: a turn's message, yes; a bare search, no.

    An encoder with ``encode_ranked_async`` (a ``ProcessEncoder``) is called from the loop itself, through
    its process's own pipe; ``then`` runs on the loop for a query ranked there (it must be cheap then:
    reading the ranking), and in the executor for the others.
    """

    def __init__(self, encoder: Encoder, executor: Executor, max_batch: int = 64,
                 prefetch: Callable[[np.ndarray], list[Any]] | None = None, concurrency: int = 1) -> None:
        self._encoder = encoder
        self._prefetch = prefetch  # rows -> one value per row, handed to each request's ``then``
        self._executor = executor
        self._max_batch = max_batch
        self._pending: list[tuple[str, Callable[..., Any] | None, Any, bool,
                                  asyncio.Future[tuple[np.ndarray, Any]]]] = []
        self._drains = 0  # batches on their way, at most ``concurrency`` (one per encoder process)
        self._concurrency = max(1, concurrency)
        self.calls = 0  # encoder calls made (a batch counts once)

    async def encode(self, text: str, then: Callable[[np.ndarray, Any, Any], T] | None = None,
                     request: Any = None, text_models: bool = True) -> tuple[np.ndarray, T | None]:
        future: asyncio.Future[tuple[np.ndarray, Any]] = asyncio.get_running_loop().create_future()
        self._pending.append((text, then, request, text_models, future))
        if self._drains == 0 or (self._drains < self._concurrency and len(self._pending) >= _SPILL):
            self._drains += 1
            asyncio.get_running_loop().create_task(self._drain())
        return await future

    def _work(self, texts: list[str], thens: list[Callable[..., Any] | None], requests: list[Any],
              text_models: list[bool]) -> list[tuple[np.ndarray, Any]]:
        encode_ranked = getattr(self._encoder, "encode_ranked", None)
        if encode_ranked is not None:
            vectors, ranked = encode_ranked(texts, requests, text_models=text_models)
        else:
            vectors, ranked = self._encoder.encode(texts, query=True), [None] * len(texts)
        results, local = self._read_ranked(vectors, thens, ranked)
        self._settle(results, local, vectors, self._then(vectors[local], [thens[i] for i in local]))
        return results

    async def _encode(self, batch: list[tuple[str, Callable[..., Any] | None, Any, bool, Any]]
                      ) -> list[tuple[np.ndarray, Any]]:
        texts, thens = [t for t, *_ in batch], [f for _, f, *_ in batch]
        requests, text_models = [r for _, _, r, _, _ in batch], [m for _, _, _, m, _ in batch]
        encode_async = getattr(self._encoder, "encode_ranked_async", None)
        if encode_async is not None:
            try:
                vectors, ranked = await encode_async(texts, requests, text_models=text_models)
            except QueriesBroken:
                pass  # the process died: the pool's path starts another
            else:
                results, local = self._read_ranked(vectors, thens, ranked)
                if local:  # not ranked in the encoder's process: searched here, off the loop
                    done = await run_in(self._executor, self._then, vectors[local], [thens[i] for i in local])
                    self._settle(results, local, vectors, done)
                return results
        return await run_in(self._executor, self._work, texts, thens, requests, text_models)

    @staticmethod
    def _read_ranked(vectors: np.ndarray, thens: list[Callable[..., Any] | None], ranked: list[Any]
                     ) -> tuple[list[tuple[np.ndarray, Any]], list[int]]:
        """Each query's vector with its ``then`` of the ranking its encoder made; and the queries
        whose ``then`` still has to search (not ranked there), for ``_then``."""
        results = [(v, fn(v, None, r) if fn is not None and r is not None else None)
                   for v, fn, r in zip(vectors, thens, ranked)]
        return results, [i for i, (fn, r) in enumerate(zip(thens, ranked)) if fn is not None and r is None]

    @staticmethod
    def _settle(results: list[tuple[np.ndarray, Any]], local: list[int], vectors: np.ndarray, done: list[Any]) -> None:
        for i, value in zip(local, done):
            results[i] = (vectors[i], value)

    def _then(self, vectors: np.ndarray, thens: list[Callable[..., Any]]) -> list[Any]:
        """``then`` of queries not ranked by their encoder: what they all need computed at once (one matrix
        product), each then ranked here."""
        shared = self._prefetch(vectors) if self._prefetch is not None and len(thens) > 1 else [None] * len(thens)
        return [fn(v, s, None) for v, fn, s in zip(vectors, thens, shared)]

    async def _drain(self) -> None:
        try:
            while self._pending:
                if self._drains > 1 and len(self._pending) < _SPILL:
                    break  # the other batch's process takes these next
                batch = self._pending[: self._max_batch]
                del self._pending[: self._max_batch]
                try:
                    self.calls += 1
                    results = await self._encode(batch)
                except asyncio.CancelledError:
                    for *_, fut in batch:  # nobody is left waiting forever
                        if not fut.done():
                            fut.cancel()
                    raise
                except Exception as exc:  # noqa: BLE001 - handed to every waiter
                    for *_, fut in batch:
                        if not fut.done():
                            fut.set_exception(exc)
                    continue
                for (*_, fut), result in zip(batch, results):
                    if not fut.done():
                        fut.set_result(result)
        finally:
            self._drains -= 1
