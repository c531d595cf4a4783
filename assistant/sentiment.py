"""Sentiment of each customer message, and its trend over a conversation.

A small linear head (softmax regression) over the sentence embedding the turn
already computes: no second model on the hot path. ``tandem train sentiment``
fits it on ../shared/data/sentiment and writes ``configs/models/sentiment-<encoder>.npz``.
"""
from __future__ import annotations

import csv
import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

LABELS = ("negative", "neutral", "positive")


@dataclass(frozen=True)
class Sentiment:
    label: str
    score: float  # signed: -1 (very negative) … +1 (very positive)
    confidence: float

    def as_dict(self) -> dict[str, object]:
        return {"label": self.label, "score": round(self.score, 3)}


class SentimentHead:
    def __init__(self, weights: np.ndarray, bias: np.ndarray, meta: dict | None = None) -> None:
        self.weights = weights.astype(np.float32)
        self.bias = bias.astype(np.float32)
        self.meta = meta or {}

    @classmethod
    def load(cls, path: Path) -> "SentimentHead":
        with np.load(path, allow_pickle=False) as z:
            return cls(z["weights"], z["bias"], json.loads(str(z["meta"])))

    def save(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        np.savez_compressed(path, weights=self.weights, bias=self.bias, meta=json.dumps(self.meta))

    def probabilities(self, vectors: np.ndarray) -> np.ndarray:
        logits = np.atleast_2d(vectors) @ self.weights.T + self.bias
        logits -= logits.max(axis=1, keepdims=True)
        p = np.exp(logits)
        return p / p.sum(axis=1, keepdims=True)

    def classify(self, vector: np.ndarray) -> Sentiment:
        p = self.probabilities(vector)[0]
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


# ---- training -------------------------------------------------------------

def _read_lines(path: Path) -> list[str]:
    return [line.rstrip("\n") for line in path.open(encoding="utf-8")]


def load_tweets(folder: Path, split: str) -> tuple[list[str], list[int]]:
    texts = _read_lines(folder / f"{split}_text.txt")
    labels = [int(x) for x in _read_lines(folder / f"{split}_labels.txt")]
    return texts, labels


def load_airline(path: Path) -> tuple[list[str], list[int]]:
    index = {name: i for i, name in enumerate(LABELS)}
    texts, labels = [], []
    with path.open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            if row.get("airline_sentiment") in index:
                texts.append(row["text"])
                labels.append(index[row["airline_sentiment"]])
    return texts, labels


def macro_f1(gold: Sequence[int], pred: Sequence[int]) -> float:
    f1s = []
    for lab in sorted(set(gold)):
        tp = sum(1 for g, p in zip(gold, pred) if g == lab and p == lab)
        fp = sum(1 for g, p in zip(gold, pred) if g != lab and p == lab)
        fn = sum(1 for g, p in zip(gold, pred) if g == lab and p != lab)
        prec = tp / (tp + fp) if tp + fp else 0.0
        rec = tp / (tp + fn) if tp + fn else 0.0
        f1s.append(2 * prec * rec / (prec + rec) if prec + rec else 0.0)
    return float(np.mean(f1s))


def fit_softmax(x: np.ndarray, y: np.ndarray, l2: float = 1e-3, epochs: int = 300, lr: float = 0.5,
                class_weight: bool = True) -> tuple[np.ndarray, np.ndarray]:
    """Full-batch softmax regression by gradient descent (numpy only, deterministic)."""
    n, d = x.shape
    k = len(LABELS)
    w = np.zeros((k, d), np.float32)
    b = np.zeros(k, np.float32)
    onehot = np.eye(k, dtype=np.float32)[y]
    counts = np.bincount(y, minlength=k).astype(np.float32)
    sample_w = (n / (k * counts))[y] if class_weight else np.ones(n, np.float32)
    sample_w = sample_w / sample_w.sum()
    for _ in range(epochs):
        logits = x @ w.T + b
        logits -= logits.max(axis=1, keepdims=True)
        p = np.exp(logits)
        p /= p.sum(axis=1, keepdims=True)
        g = (p - onehot) * sample_w[:, None]
        w -= lr * (g.T @ x + l2 * w)
        b -= lr * g.sum(axis=0)
    return w, b
