"""When the bot should stop and a human should take over, and why.

The rules and their thresholds live in configs/escalation.toml, so a supervisor
can read and tune them; ``decide`` applies them in order and returns the first
that fires, with the evidence a supervisor will see.
"""
from __future__ import annotations

import tomllib
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class PastTurn:
    """What was learnt of an earlier customer message in this conversation."""

    seq: int
    text: str
    in_scope: bool | None
    top_document: str | None
    sentiment: float
    small_talk: bool = False  # courtesy alone ("hello?", "merci"): neither a miss nor an answer


@dataclass(frozen=True)
class TurnSignals:
    seq: int
    text: str
    human_request: bool
    sensitive_topic: str | None
    in_scope: bool
    top_document: str | None
    top_score: float
    sentiment: float
    tier: str | None
    history: Sequence[PastTurn] = ()
    # earlier customer messages that say the same thing (close embeddings)
    similar_seqs: frozenset[int] = frozenset()


@dataclass(frozen=True)
class Escalation:
    reason: str
    evidence: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class EscalationPolicy:
    rules: dict[str, Any]

    @classmethod
    def load(cls, path: Path) -> "EscalationPolicy":
        with path.open("rb") as f:
            return cls(tomllib.load(f))

    def _on(self, name: str) -> dict[str, Any] | None:
        rule = self.rules.get(name)
        return rule if rule and rule.get("enabled", True) else None

    def decide(self, t: TurnSignals) -> Escalation | None:
        msg = {"seq": t.seq, "text": t.text}
        if self._on("human_request") and t.human_request:
            return Escalation("human_request", {"messages": [msg]})
        rule = self._on("sensitive_topic")
        if rule and t.sensitive_topic and t.sensitive_topic in rule.get("topics", []):
            return Escalation("sensitive_topic", {"topic": t.sensitive_topic, "messages": [msg]})
        rule = self._on("out_of_scope")
        if rule and not t.in_scope:
            need = int(rule.get("consecutive", 2))
            run = [t]
            for past in reversed(t.history):
                if past.small_talk:  # "hello?" between two misses does not end the run
                    continue
                if past.in_scope is False:
                    run.append(past)  # type: ignore[arg-type]
                else:
                    break
            if len(run) >= need:
                shown = list(reversed(run[:need]))
                return Escalation(
                    "out_of_scope",
                    {
                        "consecutive": len(run),
                        "messages": [{"seq": p.seq, "text": p.text} for p in shown],
                        "top_score": round(t.top_score, 4),
                    },
                )
        rule = self._on("repeated_question")
        if rule and t.in_scope and t.top_document:
            times = int(rule.get("times", 2))
            same = [p for p in t.history
                    if p.seq in t.similar_seqs and p.in_scope and p.top_document == t.top_document]
            if len(same) + 1 >= times:
                shown = same[-(times - 1):] if times > 1 else []
                return Escalation(
                    "repeated_question",
                    {
                        "document_id": t.top_document,
                        "messages": [{"seq": p.seq, "text": p.text} for p in shown] + [msg],
                    },
                )
        rule = self._on("premium_upset")
        limit = float(rule.get("max_score", -0.6)) if rule else 0.0
        if rule and t.tier in rule.get("tiers", []) and t.sentiment <= limit:
            upset = [t.seq]
            for past in reversed(t.history):
                if past.sentiment > limit:
                    break
                upset.append(past.seq)
            if not t.in_scope or len(upset) >= int(rule.get("consecutive", 2)):
                return Escalation("premium_upset", {"tier": t.tier, "sentiment": round(t.sentiment, 3),
                                                    "upset_messages": len(upset), "messages": [msg]})
        rule = self._on("negative_trend")
        if rule:
            window = int(rule.get("window", 3))
            scores = [p.sentiment for p in t.history][-(window - 1):] + [t.sentiment]
            if len(scores) >= window:
                mean = sum(scores) / len(scores)
                if mean <= float(rule.get("max_mean", -0.45)) and t.sentiment <= float(rule.get("max_last", -0.5)):
                    return Escalation(
                        "negative_trend",
                        {"scores": [round(x, 3) for x in scores], "mean": round(mean, 3), "messages": [msg]},
                    )
        return None

    def priority(self, *, reason: str, tier: str | None, sentiment: float) -> float:
        p = self.rules.get("priority", {})
        score = float(p.get("base", 1.0))
        score += float(p.get("tier", {}).get(tier or "", 0.0))
        score += float(p.get("reason", {}).get(reason, 0.0))
        if sentiment < 0:
            score += float(p.get("negative_sentiment", 1.0)) * -sentiment
        return round(score, 3)

    def effective_priority(self, priority: float, waited_s: float) -> float:
        per_minute = float(self.rules.get("priority", {}).get("per_minute_waiting", 0.2))
        return priority + per_minute * waited_s / 60.0
