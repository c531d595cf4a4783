"""Live events between the parts of Tandem: per-conversation topics and the agents' topic.

``LocalBus`` delivers within one process. A Redis-backed bus with the same
interface carries events between processes when ``TANDEM_REDIS_URL`` is set.
"""
from __future__ import annotations

import asyncio
import json
from collections import defaultdict
from collections.abc import AsyncIterator
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from typing import Any, Protocol

AGENTS_TOPIC = "agents"


def conversation_topic(conversation_id: str) -> str:
    return f"conv:{conversation_id}"


class Bus(Protocol):
    async def publish(self, topic: str, message: dict[str, Any]) -> None: ...

    def subscribe(self, topic: str) -> AbstractAsyncContextManager[asyncio.Queue[dict[str, Any]]]: ...


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


class RedisBus:
    """Events between processes through Redis pub/sub; each process fans out locally.

    Every process subscribes to ``tandem:*`` once and hands each message to its local
    subscribers, so a browser connected to worker 1 sees what worker 2 wrote. A lost
    Redis connection is retried every second; events published meanwhile are lost
    to live streams only: clients replay them from the store by seq.
    """

    PREFIX = "tandem:"

    def __init__(self, url: str) -> None:
        import redis.asyncio as redis

        self._redis = redis.from_url(url)
        self._local = LocalBus()
        self._reader: asyncio.Task[None] | None = None
        self.connected = asyncio.Event()

    async def start(self) -> None:
        await self._redis.ping()  # fail at start, clearly, when Redis is not there
        self._reader = asyncio.get_running_loop().create_task(self._read())
        await asyncio.wait_for(self.connected.wait(), 10)

    async def _read(self) -> None:
        import structlog
        from redis.exceptions import RedisError

        log = structlog.get_logger("tandem.bus")
        while True:
            try:
                async with self._redis.pubsub() as pubsub:
                    await pubsub.psubscribe(self.PREFIX + "*")
                    self.connected.set()
                    async for msg in pubsub.listen():
                        if msg.get("type") != "pmessage":
                            continue
                        topic = msg["channel"].decode()[len(self.PREFIX):]
                        await self._local.publish(topic, json.loads(msg["data"]))
            except asyncio.CancelledError:
                raise
            except (RedisError, OSError) as exc:
                self.connected.clear()
                log.warning("bus.redis_lost", error=str(exc))
                await asyncio.sleep(1)

    async def publish(self, topic: str, message: dict[str, Any]) -> None:
        from redis.exceptions import RedisError

        try:
            await self._redis.publish(self.PREFIX + topic, json.dumps(message, ensure_ascii=False))
        except (RedisError, OSError):
            # the write is committed; live readers will replay it by seq
            import structlog

            structlog.get_logger("tandem.bus").warning("bus.publish_failed", topic=topic)

    def subscribe(self, topic: str) -> AbstractAsyncContextManager[asyncio.Queue[dict[str, Any]]]:
        return self._local.subscribe(topic)

    async def close(self) -> None:
        if self._reader is not None:
            self._reader.cancel()
            try:
                await self._reader
            except asyncio.CancelledError:
                pass
        await self._redis.aclose()
