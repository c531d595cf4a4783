"""The approximate index keeps recall@5 ≥ 0.95 against exact search."""
from __future__ import annotations

import numpy as np
import pytest

from knowledge.index import EXACT_LIMIT, VectorIndex


def clustered(n: int, dim: int, centres: int, seed: int) -> np.ndarray:
    """Unit vectors around topic centres, as sentence embeddings of FAQ phrasings are."""
    rng = np.random.default_rng(seed)
    c = rng.normal(size=(centres, dim)).astype(np.float32)
    x = c[rng.integers(0, centres, size=n)] + 0.6 * rng.normal(size=(n, dim)).astype(np.float32)
    return (x / np.linalg.norm(x, axis=1, keepdims=True)).astype(np.float32)


@pytest.mark.slow
def test_ivf_above_the_exact_limit_keeps_recall_at_5() -> None:
    dim, n = 512, EXACT_LIMIT + 10_000
    data = clustered(n + 500, dim, 2000, seed=1)
    base, queries = data[:n], data[n:]
    labels = np.arange(n, dtype=np.int64) + 1000
    approx = VectorIndex.build(dim, labels, base)
    exact = VectorIndex.build(dim, labels, base, exact_limit=10**9)
    assert (approx.kind, exact.kind) == ("ivf", "flat")
    got = approx.search(queries, 5)
    want = exact.search(queries, 5)
    recall = np.mean([len({a for a, _ in g} & {b for b, _ in w}) / 5 for g, w in zip(got, want)])
    assert recall >= 0.95
    approx.remove(labels[:10])
    assert len(approx) == n - 10
    assert all(lab >= 1010 for row in approx.search(base[:10], 5) for lab, _ in row)


def test_a_small_index_is_exact() -> None:
    data = clustered(300, 64, 10, seed=2)
    idx = VectorIndex.build(64, np.arange(300), data)
    assert idx.kind == "flat" and not idx.needs_rebuild()
    assert idx.search(data[:1], 1)[0][0][0] == 0
