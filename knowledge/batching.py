"""Concurrent single-text encode requests, gathered into one encoder call off the loop."""
from __future__ import annotations

import asyncio
import contextvars
from collections.abc import Callable
from concurrent.futures import Executor
from typing import Any, TypeVar

import numpy as np

from knowledge.encoders import Encoder

T = TypeVar("T")


async def run_in(executor: Executor, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    """Run ``fn`` in ``executor`` with the caller's contextvars (logs keep their request id)."""
    ctx = contextvars.copy_context()
    return await asyncio.get_running_loop().run_in_executor(executor, lambda: ctx.run(fn, *args, **kwargs))


class EncodeBatcher:
    """While one batch is being encoded, new requests queue up and go together next."""

    def __init__(self, encoder: Encoder, executor: Executor, max_batch: int = 64) -> None:
        self._encoder = encoder
        self._executor = executor
        self._max_batch = max_batch
        self._pending: list[tuple[str, asyncio.Future[np.ndarray]]] = []
        self._draining = False
        self.calls = 0  # encoder calls made (a batch counts once)

    async def encode(self, text: str) -> np.ndarray:
        future: asyncio.Future[np.ndarray] = asyncio.get_running_loop().create_future()
        self._pending.append((text, future))
        if not self._draining:
            self._draining = True
            asyncio.get_running_loop().create_task(self._drain())
        return await future

    async def _drain(self) -> None:
        try:
            while self._pending:
                batch = self._pending[: self._max_batch]
                del self._pending[: self._max_batch]
                texts = [t for t, _ in batch]
                try:
                    self.calls += 1
                    vectors = await run_in(self._executor, self._encoder.encode, texts, query=True)
                except Exception as exc:  # noqa: BLE001 - handed to every waiter
                    for _, fut in batch:
                        if not fut.done():
                            fut.set_exception(exc)
                    continue
                for (_, fut), vec in zip(batch, vectors):
                    if not fut.done():
                        fut.set_result(vec)
        finally:
            self._draining = False
