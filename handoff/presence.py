"""Which agents are online, with their skills (languages, topics)."""
from __future__ import annotations

import asyncio
import json
from collections import Counter
from dataclasses import dataclass, field


@dataclass
class AgentPresence:
    _connections: Counter[str] = field(default_factory=Counter)
    _skills: dict[str, frozenset[str]] = field(default_factory=dict)

    def connect(self, agent: str, skills: frozenset[str] = frozenset()) -> None:
        self._connections[agent] += 1
        if skills:
            self._skills[agent] = skills

    def disconnect(self, agent: str) -> None:
        self._connections[agent] -= 1
        if self._connections[agent] <= 0:
            del self._connections[agent]
            self._skills.pop(agent, None)

    def online(self) -> list[str]:
        return sorted(self._connections)

    def any_online(self, skill: str | None = None) -> bool:
        if skill is None:
            return bool(self._connections)
        return any(not self._skills.get(a) or skill in self._skills[a] for a in self._connections)


class SharedPresence(AgentPresence):
    """Presence across processes: each one writes its agents to Redis every few seconds
    under a key that expires, and reads everyone's. A killed worker's agents drop out
    when its key expires (``3 × interval_s``)."""

    def __init__(self, redis_url: str, interval_s: float = 3.0) -> None:
        import uuid

        import redis.asyncio as redis

        super().__init__()
        self._redis = redis.from_url(redis_url)
        self._key = f"tandem:presence:{uuid.uuid4().hex}"
        self._interval = interval_s
        self._everyone: dict[str, frozenset[str]] = {}
        self._task: asyncio.Task[None] | None = None
        self._poke = asyncio.Event()

    async def start(self) -> None:
        await self._sync()
        self._task = asyncio.get_running_loop().create_task(self._loop())

    async def _sync(self) -> None:
        mine = {a: sorted(self._skills.get(a, frozenset())) for a in self._connections}
        await self._redis.set(self._key, json.dumps(mine), ex=max(1, int(self._interval * 3)))
        everyone: dict[str, frozenset[str]] = {}
        async for key in self._redis.scan_iter(match="tandem:presence:*", count=100):
            raw = await self._redis.get(key)
            for agent, skills in (json.loads(raw) if raw else {}).items():
                everyone[agent] = everyone.get(agent, frozenset()) | frozenset(skills)
        self._everyone = everyone

    async def _loop(self) -> None:
        import structlog

        log = structlog.get_logger("tandem.presence")
        while True:
            try:
                await asyncio.wait_for(self._poke.wait(), self._interval)
            except asyncio.TimeoutError:
                pass
            self._poke.clear()
            try:
                await self._sync()
            except Exception as exc:  # noqa: BLE001 - Redis away: keep the last view, try again
                log.warning("presence.sync_failed", error=str(exc))

    def connect(self, agent: str, skills: frozenset[str] = frozenset()) -> None:
        super().connect(agent, skills)
        self._poke.set()

    def disconnect(self, agent: str) -> None:
        super().disconnect(agent)
        self._poke.set()

    def online(self) -> list[str]:
        return sorted(set(self._everyone) | set(self._connections))

    def any_online(self, skill: str | None = None) -> bool:
        if super().any_online(skill):
            return True
        return any(skill is None or not s or skill in s for s in self._everyone.values())

    async def close(self) -> None:
        if self._task is not None:
            self._task.cancel()
        try:
            await self._redis.delete(self._key)
        finally:
            await self._redis.aclose()
