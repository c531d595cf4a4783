"""How a query's documents are scored, wherever it runs: the server, or the encoder's process.

``score_documents`` is the ranking itself (the knowledge base's ``_rank`` builds its hits from
it). A ``Ranking`` is everything it reads, at one knowledge version, in a form an encoder running
in a process of its own can hold: the flat index's vectors, each unit's document, each document's
language, tags and first unit, and the fitted layer. That process then ranks each query of a
batch right after embedding it, and the server only turns the scores into hits: the ranking's
Python (the candidates, the layer's word model, the blend) no longer holds the server's GIL.
A request names the version it expects; at any other version the server ranks itself.
"""
from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, NamedTuple

import numpy as np

from knowledge.layer import Layer
from knowledge.similarity import as_candidates, best_k

Candidates = list[tuple[int, float]]  # (unit label, cosine), best first


class DocKey(NamedTuple):
    """What ranking reads of a document (the knowledge base's ``_DocMeta`` has the same names)."""

    language: str | None
    tags: frozenset[str]
    labels: tuple[int, ...]  # its first unit only: the label a layer-only hit points at


def score_documents(
    vector: np.ndarray, k: int, language: str | None, tags: frozenset[str], *,
    units: Mapping[int, tuple[str, ...]], docs: Mapping[str, Any], total: int,
    search: Callable[[np.ndarray, int], Candidates], layer: Layer | None, alpha: float,
    candidates: Candidates | None = None, prefetched: int = 0, query: str | None = None,
) -> list[tuple[float, str, int]]:
    """The best ``k`` documents as (score, document id, best unit label), best first.

    Similarity: the mean of a document's best unit score and its top-3 unit mean (the best
    phrasing alone is brittle when a document has many; see docs/measurements.md); blended,
    when ``layer`` is given, with the layer's probability. ``candidates`` are the query's first
    ``prefetched`` units when a batch searched them together.
    """
    filtered = language is not None or bool(tags)
    n = min(total, max(64, k * 16))
    while True:
        per_doc: dict[str, list[tuple[float, int]]] = {}
        if candidates is not None and (n <= prefetched or len(candidates) >= total):
            found = candidates[:n]
        else:
            found = search(vector[None, :], n)
        for label, score in found:
            unit = units.get(label)
            if unit is None:
                continue
            doc_id = unit[0]
            meta = docs.get(doc_id)
            if meta is None or (language and meta.language and meta.language != language):
                continue
            if tags and not tags <= meta.tags:
                continue
            per_doc.setdefault(doc_id, []).append((score, label))
        if len(per_doc) >= k or n >= total or not filtered and len(per_doc) >= min(k, len(docs)):
            break
        n = min(total, n * 4)
    scored = []
    for doc_id, found_units in per_doc.items():  # units arrive best first
        top = [sc for sc, _ in found_units[:3]]
        scored.append(((top[0] + sum(top) / len(top)) / 2, doc_id, found_units[0][1]))
    if layer is not None:
        scored = _blend(vector, scored, layer, k, language, tags, query, docs, alpha)
    scored.sort(key=lambda x: -x[0])
    return scored[:k]


def _blend(vector: np.ndarray, scored: list[tuple[float, str, int]], layer: Layer, k: int, language: str | None,
           tags: frozenset[str], query: str | None, docs: Mapping[str, Any], alpha: float
           ) -> list[tuple[float, str, int]]:
    p = layer.probabilities(vector, query)
    prob = dict(zip(layer.doc_ids, p.tolist()))
    floor = min((s for s, _, _ in scored), default=0.0)  # a document not retrieved scores at most this
    seen = {doc_id for _, doc_id, _ in scored}
    extra = []
    for i in np.argsort(-p)[:k].tolist():
        doc_id = layer.doc_ids[i]
        meta = docs.get(doc_id)
        if doc_id in seen or meta is None or not meta.labels:
            continue
        if (language and meta.language and meta.language != language) or (tags and not tags <= meta.tags):
            continue
        extra.append((floor, doc_id, meta.labels[0]))
    return [(alpha * s + (1 - alpha) * prob.get(doc_id, 0.0), doc_id, label) for s, doc_id, label in scored + extra]


class MatrixIndex:
    """A flat index's vectors and labels as plain arrays: a first pass in int8, then exact scores.

    Scanning 8,000 float32 vectors streams 16 MB a query (0.2–0.65 ms with the top-k, the larger
    figure with cold caches). Above ``_EXACT_BELOW`` vectors, a query first meets an int8 copy
    of the matrix in one onnxruntime graph (dynamic int8 query × per-vector int8 weights, then
    TopK: 4 MB, ~0.05 ms a query); the ``k + _MARGIN`` candidates it keeps are scored again
    exactly from the float32 rows, so every score returned is exact. Which vectors make the cut
    is approximate: the int8 scores are within ~0.005 of the exact ones, and the query's scale is
    the batch's, so near-ties at the margin can depend on the batch (on banking77 and clinc150:
    the same top-5 documents as the exact scan for all 5,098 queries; on dense synthetic clusters,
    top-5 sets differing in ~5 % of queries, by less than 0.001 of score).
    """

    _EXACT_BELOW = 2048  # vectors: below this the exact scan is as cheap
    _MARGIN = 32  # candidates kept beyond k by the first pass
    _LEVELS = 63  # int8 weights in ±63: a pair of u8 × s8 products fits int16 without VNNI too

    def __init__(self, vectors: np.ndarray, labels: np.ndarray) -> None:
        self.rows = np.ascontiguousarray(np.asarray(vectors, dtype=np.float32))
        self.labels = np.asarray(labels, dtype=np.int64)
        self._scan: Any = None  # the int8 graph, built where the index is searched (not pickled)

    def __getstate__(self) -> dict[str, Any]:
        state = dict(self.__dict__)
        state["_scan"] = None
        return state

    def __len__(self) -> int:
        return len(self.labels)

    def prepare(self) -> None:
        """Builds the first pass now (~50 ms for 8,000 vectors) rather than at the first search."""
        if self._scan is None and len(self.labels) >= self._EXACT_BELOW:
            self._scan = _int8_scan(self.rows, self._LEVELS)

    def search(self, queries: np.ndarray, k: int) -> list[Candidates]:
        n = len(self.labels)
        queries = np.atleast_2d(np.asarray(queries, dtype=np.float32))
        if n == 0 or len(queries) == 0:
            return [[] for _ in range(len(queries))]
        k = min(k, n)
        if n < self._EXACT_BELOW or k + self._MARGIN >= n:
            # one matrix-vector product a query: no copy of the matrix into BLAS's packed layout
            sims = np.vstack([self.rows @ q for q in queries])
            return as_candidates(*best_k(sims, self.labels, k))
        self.prepare()
        first = self._scan.run(None, {"q": queries, "k": np.array([k + self._MARGIN], np.int64)})[1]
        exact = np.einsum("bkd,bd->bk", self.rows[first], queries)
        order = np.argsort(-exact, axis=1, kind="stable")[:, :k]
        return as_candidates(np.take_along_axis(exact, order, axis=1),
                             self.labels[np.take_along_axis(first, order, axis=1)])


def _int8_scan(rows: np.ndarray, levels: int) -> Any:
    """An onnxruntime session: queries (B × d, float32) and k → the top k (scores, row indices) of
    their products with ``rows`` in int8 (per-row symmetric weights, dynamic query quantization)."""
    from onnx import TensorProto, helper, numpy_helper

    from knowledge.use_onnx import cpu_session, opset_model

    columns = rows.T
    scale = np.maximum(np.abs(columns).max(axis=0), 1e-12) / levels
    weights = np.round(columns / scale).astype(np.int8)
    dim = rows.shape[1]
    nodes = [
        helper.make_node("DynamicQuantizeLinear", ["q"], ["q8", "q_scale", "q_zero"]),
        helper.make_node("MatMulInteger", ["q8", "w8", "q_zero"], ["acc"]),
        helper.make_node("Cast", ["acc"], ["acc_f"], to=TensorProto.FLOAT),
        helper.make_node("Mul", ["acc_f", "q_scale"], ["scaled"]),
        helper.make_node("Mul", ["scaled", "w_scale"], ["scores"]),
        helper.make_node("TopK", ["scores", "k"], ["top", "index"], axis=1, largest=1, sorted=1),
    ]
    graph = helper.make_graph(
        nodes, "int8_scan",
        [helper.make_tensor_value_info("q", TensorProto.FLOAT, ["B", dim]),
         helper.make_tensor_value_info("k", TensorProto.INT64, [1])],
        [helper.make_tensor_value_info("top", TensorProto.FLOAT, ["B", "K"]),
         helper.make_tensor_value_info("index", TensorProto.INT64, ["B", "K"])],
        [numpy_helper.from_array(weights, "w8"), numpy_helper.from_array(scale.astype(np.float32), "w_scale")],
    )
    return cpu_session(opset_model(graph).SerializeToString())


@dataclass
class Ranking:
    """Everything ``score_documents`` reads, at knowledge ``version``, for another process."""

    version: int
    index: MatrixIndex
    units: dict[int, tuple[str]]
    docs: dict[str, DocKey]
    layer: Layer
    alpha: float
    prefetch: int

    def score_batch(self, vectors: np.ndarray, requests: list[tuple[int, str | None, frozenset[str], str] | None]
                    ) -> list[list[tuple[float, str, int]] | None]:
        """Each request's (k, language, tags, query text) ranking; None where there is no request."""
        rows = [i for i, r in enumerate(requests) if r is not None]
        out: list[list[tuple[float, str, int]] | None] = [None] * len(requests)
        if not rows:
            return out
        first = self.index.search(vectors[rows], self.prefetch)
        for i, candidates in zip(rows, first):
            k, language, tags, query = requests[i]  # type: ignore[misc]
            out[i] = score_documents(vectors[i], k, language, tags, units=self.units, docs=self.docs,
                                     total=len(self.index), search=lambda q, n: self.index.search(q, n)[0],
                                     layer=self.layer, alpha=self.alpha, candidates=candidates,
                                     prefetched=self.prefetch, query=query)
        return out
