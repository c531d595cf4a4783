"""The top of a similarity matrix, shared by the server's FAISS-backed index and the encoder process's
plain arrays (knowledge/ranking.py): numpy only, so that process never loads FAISS."""
from __future__ import annotations

import numpy as np


def best_k(sims: np.ndarray, labels: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    """Each row's ``k`` highest similarities, best first, and their labels."""
    n = sims.shape[1]
    part = np.argpartition(-sims, k - 1, axis=1)[:, :k] if k < n else np.tile(np.arange(n), (len(sims), 1))
    top = np.take_along_axis(sims, part, axis=1)
    order = np.argsort(-top, axis=1, kind="stable")
    return np.take_along_axis(top, order, axis=1), labels[np.take_along_axis(part, order, axis=1)]


def as_candidates(scores: np.ndarray, labels: np.ndarray) -> list[list[tuple[int, float]]]:
    """Rows of (label, score) pairs, FAISS's -1 labels dropped."""
    return [
        [(lab, s) for lab, s in zip(lrow, srow) if lab != -1]
        for lrow, srow in zip(labels.tolist(), scores.tolist())  # Python ints and floats in one call
    ]
