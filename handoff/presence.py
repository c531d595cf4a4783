"""Which agents are online, with their skills (languages, topics)."""
from __future__ import annotations

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
