"""Sentiment of each customer message, and its trend over a conversation.

A small linear head (softmax regression) over the sentence embedding the turn
already computes, mixed with a word model (TF-IDF n-grams and a logistic
regression, knowledge/layer.py's ``Lexical``) that keeps what embeddings blur in
tweets ("not bad", "smh", "!!!"): no second neural model on the hot path.
``tandem train sentiment`` fits both on ../shared/data/sentiment and writes
``configs/models/sentiment-<encoder>.npz`` (assistant/training.py).
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from assistant.heads import LinearHead
from knowledge.layer import Lexical

LABELS = ("negative", "neutral", "positive")
WORDS_PREFIX = "words_"


@dataclass(frozen=True)
class Sentiment:
    label: str
    score: float  # signed: -1 (very negative) … +1 (very positive)
    confidence: float

    def as_dict(self) -> dict[str, object]:
        return {"label": self.label, "score": round(self.score, 3)}


class SentimentHead:
    """Negative / neutral / positive from the embedding, with a signed score."""

    def __init__(self, head: LinearHead, words: Lexical | None = None) -> None:
        if tuple(head.labels) != LABELS:
            raise ValueError(f"a sentiment head has the labels {LABELS}, not {head.labels}")
        self.head = head
        self.words = words

    @classmethod
    def load(cls, path: Path) -> "SentimentHead":
        with np.load(path, allow_pickle=False) as z:
            words = Lexical.from_arrays(z, WORDS_PREFIX)
        return cls(LinearHead.load(path), words)

    def save(self, path: Path) -> None:
        self.head.save(path, **(self.words.to_arrays(WORDS_PREFIX) if self.words else {}))

    def probabilities(self, vector: np.ndarray, text: str | None = None) -> np.ndarray:
        p = self.head.probabilities(vector)[0]
        return self.words.mix(np.log(p + 1e-12), text) if self.words is not None else p

    def classify(self, vector: np.ndarray, text: str | None = None) -> Sentiment:
        p = self.probabilities(vector, text)
        i = int(np.argmax(p))
        return Sentiment(LABELS[i], float(p[2] - p[0]), float(p[i]))


def trend(scores: Sequence[float], window: int = 3) -> dict[str, object]:
    """Where the conversation's mood is going: the last scores against the ones before."""
    if not scores:
        return {"direction": "flat", "delta": 0.0, "last": 0.0, "mean": 0.0}
    recent = list(scores[-window:])
    earlier = list(scores[:-window][-window:])
    if not earlier:  # too short to have a direction: compare the last message with the first
        earlier = list(scores[:1]) if len(scores) > 1 else list(scores)
    delta = float(np.mean(recent) - np.mean(earlier))
    direction = "falling" if delta <= -0.3 else "rising" if delta >= 0.3 else "flat"
    return {
        "direction": direction,
        "delta": round(delta, 3),
        "last": round(float(scores[-1]), 3),
        "mean": round(float(np.mean(scores)), 3),
    }
