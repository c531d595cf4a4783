"""Small linear heads over the turn's sentence embedding: saved, loaded, trained with numpy."""
from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

import numpy as np


class LinearHead:
    """Softmax regression: ``labels[i]`` has weights ``weights[i]`` and bias ``bias[i]``."""

    def __init__(self, weights: np.ndarray, bias: np.ndarray, labels: Sequence[str], meta: dict | None = None) -> None:
        self.weights = np.asarray(weights, np.float32)
        self.bias = np.asarray(bias, np.float32)
        self.labels = tuple(labels)
        self.meta = meta or {}

    @classmethod
    def load(cls, path: Path) -> "LinearHead":
        with np.load(path, allow_pickle=False) as z:
            meta = json.loads(str(z["meta"]))
            return cls(z["weights"], z["bias"], meta.pop("labels"), meta)

    def save(self, path: Path, **extra: np.ndarray) -> None:
        """Write the head (and ``extra`` arrays of whoever extends it) to one .npz file."""
        path.parent.mkdir(parents=True, exist_ok=True)
        meta = json.dumps({"labels": list(self.labels), **self.meta})
        np.savez_compressed(path, weights=self.weights, bias=self.bias, meta=meta, **extra)

    def probabilities(self, vectors: np.ndarray) -> np.ndarray:
        logits = np.atleast_2d(vectors) @ self.weights.T + self.bias
        logits -= logits.max(axis=1, keepdims=True)
        p = np.exp(logits)
        return p / p.sum(axis=1, keepdims=True)

    def probability(self, vector: np.ndarray, label: str) -> float:
        return float(self.probabilities(vector)[0, self.labels.index(label)])


def fit_softmax(x: np.ndarray, y: np.ndarray, k: int, l2: float = 1e-3, epochs: int = 300, lr: float = 2.0,
                class_weight: bool = True) -> tuple[np.ndarray, np.ndarray]:
    """Full-batch softmax regression by gradient descent (deterministic; classes balanced)."""
    n, d = x.shape
    w = np.zeros((k, d), np.float32)
    b = np.zeros(k, np.float32)
    onehot = np.eye(k, dtype=np.float32)[y]
    counts = np.maximum(np.bincount(y, minlength=k).astype(np.float32), 1)
    sample_w = (n / (k * counts))[y] if class_weight else np.ones(n, np.float32)
    sample_w = (sample_w / sample_w.sum()).astype(np.float32)
    for _ in range(epochs):
        logits = x @ w.T + b
        logits -= logits.max(axis=1, keepdims=True)
        p = np.exp(logits)
        p /= p.sum(axis=1, keepdims=True)
        g = (p - onehot) * sample_w[:, None]
        w -= lr * (g.T @ x + l2 * w)
        b -= lr * g.sum(axis=0)
    return w, b


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


def binary_f1(gold: Sequence[bool], pred: Sequence[bool]) -> tuple[float, float, float]:
    tp = sum(1 for g, p in zip(gold, pred) if g and p)
    fp = sum(1 for g, p in zip(gold, pred) if p and not g)
    fn = sum(1 for g, p in zip(gold, pred) if g and not p)
    prec = tp / (tp + fp) if tp + fp else 0.0
    rec = tp / (tp + fn) if tp + fn else 0.0
    return prec, rec, (2 * prec * rec / (prec + rec) if prec + rec else 0.0)
