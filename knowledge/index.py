"""A FAISS inner-product index over int64 labels, safe to share between threads.

Vectors are unit length, so inner product is cosine. Labels are the ``kb_units``
ids; FAISS's ``-1`` padding never leaves this module.
"""
from __future__ import annotations

import threading
from pathlib import Path

import faiss
import numpy as np


def single_threaded() -> None:
    """One OpenMP thread per search in the calling thread (the setting is per thread).

    Queries arrive one by one or already batched, and idle OpenMP workers spin-wait,
    stealing a core from the encoder on a small machine. Run it in every worker
    thread: ``ThreadPoolExecutor(initializer=knowledge.worker_init)``.
    """
    faiss.omp_set_num_threads(1)


class VectorIndex:
    def __init__(self, dim: int) -> None:
        self.dim = dim
        self._index = faiss.IndexIDMap2(faiss.IndexFlatIP(dim))
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return int(self._index.ntotal)

    def add(self, labels: np.ndarray, vectors: np.ndarray) -> None:
        if len(labels) == 0:
            return
        vectors = np.ascontiguousarray(vectors, dtype=np.float32)
        if vectors.shape[1] != self.dim:
            raise ValueError(f"vectors have {vectors.shape[1]} dimensions, the index {self.dim}")
        with self._lock:
            self._index.add_with_ids(vectors, np.asarray(labels, dtype=np.int64))

    def remove(self, labels: np.ndarray) -> None:
        if len(labels) == 0:
            return
        with self._lock:
            self._index.remove_ids(np.asarray(labels, dtype=np.int64))

    def search(self, queries: np.ndarray, k: int) -> list[list[tuple[int, float]]]:
        """For each query row, up to ``k`` (label, score) pairs, best first."""
        queries = np.ascontiguousarray(queries, dtype=np.float32)
        with self._lock:
            n = int(self._index.ntotal)
            if n == 0:
                return [[] for _ in range(len(queries))]
            scores, labels = self._index.search(queries, min(k, n))
        return [
            [(int(lab), float(s)) for lab, s in zip(lrow, srow) if lab != -1]
            for lrow, srow in zip(labels, scores)
        ]

    def save(self, path: Path) -> None:
        tmp = path.with_suffix(path.suffix + ".tmp")
        with self._lock:
            faiss.write_index(self._index, str(tmp))
        tmp.replace(path)

    @classmethod
    def load(cls, path: Path, dim: int) -> "VectorIndex":
        index = faiss.read_index(str(path))
        if index.d != dim:
            raise ValueError(f"index at {path} has {index.d} dimensions, expected {dim}")
        obj = cls(dim)
        obj._index = index
        return obj
