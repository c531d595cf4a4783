"""Live events between the parts of Tandem: per-conversation topics and the agents' topic.

``LocalBus`` delivers within one process. A Redis-backed bus with the same
interface carries events between processes when ``TANDEM_REDIS_URL`` is set.
"""
from __future__ import annotations

import asyncio
from collections import defaultdict
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any, Protocol

AGENTS_TOPIC = "agents"


def conversation_topic(conversation_id: str) -> str:
    return f"conv:{conversation_id}"


class Bus(Protocol):
    async def publish(self, topic: str, message: dict[str, Any]) -> None: ...

    def subscribe(self, topic: str) -> "AsyncSubscription": ...


class AsyncSubscription(Protocol):
    async def __aenter__(self) -> asyncio.Queue[dict[str, Any]]: ...

    async def __aexit__(self, *exc: object) -> None: ...


class LocalBus:
    def __init__(self, max_queue: int = 1000) -> None:
        self._subscribers: dict[str, set[asyncio.Queue[dict[str, Any]]]] = defaultdict(set)
        self._max_queue = max_queue

    async def publish(self, topic: str, message: dict[str, Any]) -> None:
        for queue in list(self._subscribers.get(topic, ())):
            if queue.full():  # a stuck reader loses its oldest live event, never blocks writers;
                queue.get_nowait()  # it can replay from the store by seq.
            queue.put_nowait(message)

    @asynccontextmanager
    async def subscribe(self, topic: str) -> AsyncIterator[asyncio.Queue[dict[str, Any]]]:
        queue: asyncio.Queue[dict[str, Any]] = asyncio.Queue(self._max_queue)
        self._subscribers[topic].add(queue)
        try:
            yield queue
        finally:
            self._subscribers[topic].discard(queue)
            if not self._subscribers[topic]:
                del self._subscribers[topic]

    def subscribers(self, topic: str) -> int:
        return len(self._subscribers.get(topic, ()))
