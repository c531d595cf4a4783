"""A FAISS inner-product index over int64 labels, safe to share between threads.

Vectors are unit length, so inner product is cosine. Labels are the ``kb_units``
ids; FAISS's ``-1`` padding never leaves this module.

Below ``EXACT_LIMIT`` vectors the index is exact (flat). Built from more, it is an
inverted file (IVF-Flat: k-means cells, ``nprobe`` of them searched), which keeps
add and remove by label; ``nprobe`` is set for recall@5 ≥ 0.95 against exact
search (tests/integration/test_knowledge_scale.py).
"""
from __future__ import annotations

import threading
from pathlib import Path

import faiss
import numpy as np

from knowledge.similarity import as_candidates, best_k


def single_threaded() -> None:
    """One OpenMP thread per search in the calling thread (the setting is per thread).

    Queries arrive one by one or already batched, and idle OpenMP workers spin-wait,
    stealing a core from the encoder on a small machine. Run it in every worker
    thread: ``ThreadPoolExecutor(initializer=knowledge.worker_init)``.
    """
    faiss.omp_set_num_threads(1)


EXACT_LIMIT = 50_000
# Fewer queries go through FAISS's own scan: OpenBLAS packs the whole stored matrix on every
# product (~3 ms for 8,000 vectors), which only pays from about a dozen queries (8: FAISS 2.6 ms,
# one product 3.3 ms; 32: 10.8 ms and 5.8 ms).
_GEMM_MIN_QUERIES = 12


class VectorIndex:
    def __init__(self, dim: int) -> None:
        self.dim = dim
        self._index: faiss.Index = faiss.IndexIDMap2(faiss.IndexFlatIP(dim))
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return int(self._index.ntotal)

    @property
    def kind(self) -> str:
        return "ivf" if isinstance(self._index, faiss.IndexIVF) else "flat"

    @classmethod
    def build(cls, dim: int, labels: np.ndarray, vectors: np.ndarray, exact_limit: int = EXACT_LIMIT) -> "VectorIndex":
        """An index over these vectors, exact when they are few, IVF when they are many."""
        obj = cls(dim)
        vectors = np.ascontiguousarray(vectors, dtype=np.float32)
        n = len(labels)
        if n >= exact_limit:
            nlist = int(4 * np.sqrt(n))
            quantizer = faiss.IndexFlatIP(dim)
            ivf = faiss.IndexIVFFlat(quantizer, dim, nlist, faiss.METRIC_INNER_PRODUCT)
            rng = np.random.default_rng(0)
            sample = vectors[rng.choice(n, size=min(n, nlist * 64), replace=False)]
            ivf.train(sample)
            ivf.nprobe = max(16, nlist // 8)
            ivf.set_direct_map_type(faiss.DirectMap.Hashtable)  # stored vectors read back by label (``vectors``)
            obj._index = ivf
        obj.add(labels, vectors)
        return obj

    def needs_rebuild(self, exact_limit: int = EXACT_LIMIT) -> bool:
        """A flat index that has grown past the exact limit should become IVF."""
        return self.kind == "flat" and len(self) >= exact_limit

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
        """For each query row, up to ``k`` (label, score) pairs, best first.

        A dozen queries or more against a flat index go through one matrix product: at 64, about
        3x cheaper a query than FAISS's per-query scan on this kind of machine.
        """
        queries = np.ascontiguousarray(queries, dtype=np.float32)
        with self._lock:
            n = int(self._index.ntotal)
            if n == 0:
                return [[] for _ in range(len(queries))]
            if len(queries) >= _GEMM_MIN_QUERIES and self.kind == "flat":
                scores, labels = self._gemm_search(queries, min(k, n), n)
            else:
                scores, labels = self._index.search(queries, min(k, n))
        return as_candidates(scores, labels)

    def vectors(self, labels: list[int]) -> np.ndarray | None:
        """The stored vectors of ``labels``, a row each; None when one of them is not stored, or the
        index keeps no map from label to vector (an inverted file saved before it kept one)."""
        with self._lock:
            if not labels:
                return None
            try:
                return np.vstack([self._index.reconstruct(int(label)) for label in labels])
            except RuntimeError:
                return None

    def flat_copy(self) -> tuple[np.ndarray, np.ndarray] | None:
        """A copy of a flat index's vectors and labels (None for an inverted file)."""
        with self._lock:
            if self.kind != "flat":
                return None
            stored, ids = self._stored(int(self._index.ntotal))
            return stored.copy(), ids.astype(np.int64)

    def _stored(self, n: int) -> tuple[np.ndarray, np.ndarray]:
        """A flat index's ``n`` vectors (a view: hold the lock while it is used) and their labels."""
        if n == 0:
            return np.zeros((0, self.dim), np.float32), np.zeros(0, np.int64)
        flat = faiss.downcast_index(self._index.index)
        return (faiss.rev_swig_ptr(flat.get_xb(), n * self.dim).reshape(n, self.dim),
                faiss.vector_to_array(self._index.id_map))

    def _gemm_search(self, queries: np.ndarray, k: int, n: int) -> tuple[np.ndarray, np.ndarray]:
        stored, ids = self._stored(n)
        return best_k(queries @ stored.T, ids, k)

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
        if isinstance(index, faiss.IndexIVF) and index.direct_map.type == faiss.DirectMap.NoMap:
            index.set_direct_map_type(faiss.DirectMap.Hashtable)  # saved before it kept one: ``vectors`` reads it
        obj = cls(dim)
        obj._index = index
        return obj
