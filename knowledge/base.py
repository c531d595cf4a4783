"""The knowledge base: documents in the store, their embedded units in FAISS.

The store is the truth. Each write commits documents and unit vectors in one
transaction and bumps ``kb_meta.version``; the FAISS index follows in memory
and is snapshotted to the data dir with the version it holds. At start a
snapshot whose version matches is loaded, anything else is rebuilt from the
stored vectors (re-encoded only when the encoder changed), so a crash
mid-ingest never leaves the index out of step with the store.
"""
from __future__ import annotations

import asyncio
import functools
import json
import re
import time
from collections import Counter, OrderedDict
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Executor
from contextlib import AbstractAsyncContextManager, contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field, replace
from functools import partial
from pathlib import Path
from typing import Any

import numpy as np
import structlog
from sqlalchemy import Integer, String, cast, update
from sqlalchemy.exc import IntegrityError
from sqlmodel import col, delete, select
from sqlmodel.ext.asyncio.session import AsyncSession

from knowledge.batching import EncodeBatcher, run_in
from knowledge.chunking import chunk_text, snippet
from knowledge.encoders import Encoder, ProcessEncoder, encoder_identity
from knowledge.index import VectorIndex
from knowledge.layer import TWIN_SIMILARITY, Layer, fit_layer, restore_accents
from knowledge.spelling import Speller, speller_for
from knowledge.texting import spell_out, unaccented
from knowledge.models import Document, KnowledgeMeta, Unit, UnitKind, utcnow
from knowledge.ranking import DocKey, MatrixIndex, Ranking, score_documents

log = structlog.get_logger("tandem.knowledge")

SessionFactory = Callable[[], AbstractAsyncContextManager[AsyncSession]]


@dataclass(frozen=True)
class DocumentIn:
    id: str
    title: str
    text: str
    questions: tuple[str, ...] = ()
    language: str | None = None
    tags: tuple[str, ...] = ()
    translation_of: str | None = None  # the id of the document this one translates, said by the company


@dataclass(frozen=True)
class Hit:
    document_id: str
    score: float
    title: str
    snippet: str
    language: str | None
    matched: str  # the phrasing or passage that matched best


@dataclass(frozen=True)
class SearchResult:
    hits: list[Hit]
    in_scope: bool
    vector: np.ndarray = field(repr=False)
    threshold: float = 0.0  # the score a confident answer needs, for the scoring in force
    query: str = ""  # the text searched: the query, calmer and with its accents (``calm_case``, ``restore_accents``)


@dataclass
class _DocMeta:
    title: str
    text: str
    language: str | None
    tags: frozenset[str]
    labels: list[int]
    translation_of: str | None = None



# A result whose top document scores less than this above the threshold found it weakly; a second document
# on another subject in scope and this close behind it is a rival: the turn asks which one (banking77
# validation: 2.0 % of questions, the first right 49 % of the time there, one of the two 82 %; `tandem eval
# retrieval` prints it)
WEAK_MARGIN = 0.15
RIVAL_GAP = 0.03


def rivals(result: "SearchResult", second: "Hit | None" = None) -> bool:
    """Whether the top hit of a result and ``second`` (by default the next hit: a one-language result) are
    rivals (``RIVAL_GAP``)."""
    hits = result.hits
    if second is None:
        if len(hits) < 2:
            return False
        second = hits[1]
    return (result.in_scope and bool(hits) and hits[0].score < result.threshold + WEAK_MARGIN
            and second.score >= result.threshold and hits[0].score - second.score <= RIVAL_GAP)


_PREFETCH = 80  # candidates prefetched per query of a batch: enough for k <= 5 (n = 16 k, at least 64)
_RECENT_SEARCHES = 256  # searches kept for the questions a follow-up reads again…
_RECENT_AGE_S = 300.0  # …for at most this long


# the deadline of the wait for a refitting layer that the searches of one piece of work share (``one_wait``)
_SHARED_WAIT: ContextVar[list[float] | None] = ContextVar("knowledge_shared_wait", default=None)


@contextmanager
def one_wait() -> Iterator[None]:
    """The searches made inside wait for a layer being refitted at most ``layer_wait_s`` in all, not each: a
    chat turn searches up to five times, and a customer must not wait five refits' bounds while an admin
    writes. Past the deadline, a search ranks with what is fitted (similarity alone for a changed base)."""
    token = _SHARED_WAIT.set([])
    try:
        yield
    finally:
        _SHARED_WAIT.reset(token)


class KnowledgeBase:
    def __init__(
        self,
        encoder: Encoder,
        executor: Executor,
        sessions: SessionFactory,
        *,
        index_dir: Path | None,
        in_scope_threshold: float = 0.45,
        chunk_chars: int = 600,
        max_batch: int = 64,
        layer: bool = True,
        layer_alpha: float = 0.6,
        layer_in_scope_threshold: float = 0.46,
        layer_wait_s: float = 10.0,
        lexical_weight: float = 0.35,
    ) -> None:
        self.encoder = encoder
        # what made the stored vectors: the encoder, and its implementation when that moves them
        self.vectors_from = encoder_identity(encoder)
        self.executor = executor  # the bounded pool every model and FAISS call runs in
        self._sessions = sessions
        self._index_dir = index_dir
        self.in_scope_threshold = in_scope_threshold
        self._chunk_chars = chunk_chars
        self._batcher = EncodeBatcher(encoder, executor, max_batch, prefetch=self._prefetch,
                                      concurrency=getattr(encoder, "processes", 1))
        self._index = VectorIndex(encoder.dim)
        self._docs: dict[str, _DocMeta] = {}
        self._units: dict[int, tuple[str, str]] = {}  # label -> (document_id, text)
        self._write_lock = asyncio.Lock()
        self._use_layer = layer
        self._alpha = layer_alpha
        self.layer_threshold = layer_in_scope_threshold
        self._layer_wait = layer_wait_s
        self._lexical_weight = lexical_weight
        self._layer: Layer | None = None
        self._layer_task: asyncio.Task[None] | None = None
        self._offload_task: asyncio.Task[None] | None = None
        self._offered: tuple[int, int | None] | None = None  # (version, encoder pid) the ranking was last offered for
        self._offload_lock = asyncio.Lock()
        self._version = 0
        self._paired: tuple[int, dict[str, frozenset[str]]] | None = None
        self._saved_version = -1
        self._spellers: dict[str | None, tuple[int, Speller]] = {}  # language -> (version, the speller of its articles)
        self._speller_lock = asyncio.Lock()
        self._centroids: dict[tuple[str, tuple[int, ...]], np.ndarray | None] = {}
        # what the base says, folded, and which words it names (``mentions``), for the version they were read at
        self._said: tuple[int, str] | None = None
        self._named: dict[tuple[int, str], bool] = {}
        # the last searches, by what they searched at which knowledge version: a follow-up reads the question
        # before it again ("how long does it take?" after "how do I switch on payments abroad?")
        # (a customer's words are kept no longer than ``_RECENT_AGE_S``, and not once they are erased)
        self._recent: OrderedDict[tuple[Any, ...], tuple[float, SearchResult]] = OrderedDict()
        self.ready = False

    # ---- lifecycle -------------------------------------------------------

    async def follow(self, interval_s: float = 1.0) -> None:
        """Reload when another process has written (several workers share one store). Runs forever."""
        while True:
            await asyncio.sleep(interval_s)
            try:
                async with self._sessions() as s:
                    version, _ = await _read_meta(s)
                if version != self._version and not self._write_lock.locked():
                    async with self._write_lock:
                        await self._reload()
                    log.info("knowledge.followed", version=self._version, documents=len(self._docs))
            except asyncio.CancelledError:
                raise
            except Exception as exc:  # noqa: BLE001 - a store hiccup must not stop following
                log.warning("knowledge.follow_failed", error=str(exc))

    async def _reload(self) -> None:
        async with self._sessions() as s:
            version, _ = await _read_meta(s)
            docs = (await s.exec(select(Document))).all()
            units = (await s.exec(select(Unit))).all()
        metas, unit_map = _in_memory(docs, units)
        index = await run_in(self.executor, VectorIndex.build, self.encoder.dim, *_vectors(units, self.encoder.dim))
        self._index, self._docs, self._units, self._version = index, metas, unit_map, version
        self._refit()

    async def start(self) -> None:
        """Load the snapshot if it matches the store, else rebuild from the stored vectors."""
        await _ensure_meta(self._sessions, self.vectors_from)
        async with self._sessions() as s:
            version, encoder_name = await _read_meta(s)
            docs = (await s.exec(select(Document))).all()
            units = (await s.exec(select(Unit))).all()
            if encoder_name not in (None, self.vectors_from) and units:
                log.info("knowledge.reencode", was=encoder_name, now=self.vectors_from, units=len(units))
                vectors = await run_in(self.executor, self.encoder.encode, [u.text for u in units])
                for u, v in zip(units, vectors):
                    u.vector = v.astype(np.float32).tobytes()
                    s.add(u)
                version = await _bump_version(s, self.vectors_from)
        self._version = version
        self._docs, self._units = _in_memory(docs, units)
        loaded = await run_in(self.executor, self._load_snapshot, version)
        if not loaded:
            self._index = await run_in(self.executor, VectorIndex.build, self.encoder.dim,
                                       *_vectors(units, self.encoder.dim))
            await self.save()
        await run_in(self.executor, self.encoder.encode, ["warm up"], query=True)
        self._refit()
        await self._await_layer()
        self.ready = True
        log.info("knowledge.ready", documents=len(self._docs), vectors=len(self._index), snapshot=loaded)

    def _snapshot_paths(self) -> tuple[Path, Path] | None:
        if self._index_dir is None:
            return None
        return self._index_dir / "kb.faiss", self._index_dir / "kb.json"

    def _load_snapshot(self, version: int) -> bool:
        paths = self._snapshot_paths()
        if not paths or not paths[0].exists() or not paths[1].exists():
            return False
        try:
            meta = json.loads(paths[1].read_text())
            if meta.get("version") != version or meta.get("encoder") != self.vectors_from:
                return False
            index = VectorIndex.load(paths[0], self.encoder.dim)
        except (ValueError, RuntimeError, OSError) as exc:
            log.warning("knowledge.snapshot_unreadable", error=str(exc))
            return False
        if len(index) != len(self._units):
            return False
        self._index = index
        self._saved_version = version
        return True

    async def save(self) -> None:
        """Snapshot the index with the version it holds (skipped when nothing changed)."""
        paths = self._snapshot_paths()
        if not paths or self._saved_version == self._version:
            return
        async with self._write_lock:
            version = self._version
            paths[0].parent.mkdir(parents=True, exist_ok=True)
            await run_in(self.executor, self._index.save, paths[0])
            paths[1].write_text(json.dumps({"version": version, "encoder": self.vectors_from}))
            self._saved_version = version

    async def close(self) -> None:
        """Cancels a fit of the layer in flight (and the hand-over of its models) and waits for it to end: one reading
        the units holds a database connection, given back before the engine is disposed (cancelled only, or left to
        run, it was left to the garbage collector: "deleted before being closed")."""
        tasks = [t for t in (self._layer_task, self._offload_task) if t is not None and not t.done()]
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)

    # ---- the supervised layer ---------------------------------------------

    def _refit(self) -> None:
        """Fit the layer for the current version, after the writes of this moment settle."""
        if not self._use_layer:
            return
        if self._layer_task is None or self._layer_task.done():
            self._layer_task = asyncio.get_running_loop().create_task(self._fit_until_current())

    async def _fit_until_current(self) -> None:
        await asyncio.sleep(0.2)  # a burst of upserts costs one fit
        while self._layer is None or self._layer.version != self._version:
            version = self._version
            try:
                async with self._sessions() as s:
                    stored, _ = await _read_meta(s)
                    units = (await s.exec(select(Unit.document_id, Unit.vector, Unit.text))).all()
                if stored != version:
                    await asyncio.sleep(0.05)  # our own write is not visible yet, or another's is
                    continue
                labels = [d for d, _, _ in units]
                matrix = (np.frombuffer(b"".join(v for _, v, _ in units), dtype=np.float32).reshape(len(units), -1)
                          if units else np.zeros((0, self.encoder.dim), np.float32))
                texts = [t for _, _, t in units]
                languages = {d: meta.language for d, meta in self._docs.items()}
                said = [(d, meta.translation_of) for d, meta in self._docs.items() if meta.translation_of]
                layer = await run_in(self.executor, partial(fit_layer, version, matrix, labels, texts,
                                                            lexical_weight=self._lexical_weight,
                                                            languages=languages, paired=said))
            except Exception as exc:  # noqa: BLE001 - searching goes on by similarity alone
                log.warning("knowledge.layer_failed", error=str(exc))
                return
            if layer is None:
                self._layer = Layer(version, (), np.zeros((self.encoder.dim, 0), np.float32), np.zeros(0, np.float32))
            else:
                self._layer = layer
            log.info("knowledge.layer", version=version, documents=len(self._layer.doc_ids), units=len(labels))
            if isinstance(self.encoder, ProcessEncoder):  # searches go on meanwhile, ranking here
                self._offload_task = asyncio.get_running_loop().create_task(self._offload(self._layer))

    async def _offload(self, layer: Layer, *, models: bool = True) -> None:
        """An encoder in a process of its own computes the word model beside each query's embedding,
        and ranks the queries of ``layer``'s version (``_ranking``). ``models=False``: the ranking only
        (a restarted process got the models when it started)."""
        async with self._offload_lock:
            if self._layer is not layer:  # a newer layer is on its way
                return
            self._offered = (layer.version, getattr(self.encoder, "pids", None))
            try:
                assert isinstance(self.encoder, ProcessEncoder)
                if models:
                    await run_in(self.executor, self.encoder.offload, "knowledge", layer.lexical)
                ranking = None
                if layer.version == self._version and layer.doc_ids:
                    docs, units = dict(self._docs), dict(self._units)  # writes replace these on the loop
                    ranking = await run_in(self.executor, _ranking, layer, self._index, docs, units, self._alpha)
                if ranking is not None or self.encoder.ranking_version is not None:
                    await run_in(self.executor, self.encoder.rank_with, ranking)
            except Exception as exc:  # noqa: BLE001 - the server ranks and computes the word model itself then
                log.warning("knowledge.offload_failed", error=str(exc))

    def _offer_ranking(self, layer: Layer) -> None:
        """A restarted encoder process lost its ranking: hand it over again, once per version and process."""
        if (not isinstance(self.encoder, ProcessEncoder) or self.encoder.ranking_version is not None
                or self._offered == (layer.version, self.encoder.pids)
                or (self._offload_task is not None and not self._offload_task.done())):
            return
        self._offload_task = asyncio.get_running_loop().create_task(self._offload(layer, models=False))

    async def _await_layer(self, timeout_s: float | None = None) -> None:
        task = self._layer_task
        if task is not None and not task.done():
            wait = self._layer_wait if timeout_s is None else timeout_s
            if timeout_s is None and (deadline := _SHARED_WAIT.get()) is not None:
                # one of several searches that share one wait (a turn's): the first starts the clock
                if not deadline:
                    deadline.append(time.monotonic() + wait)
                wait = max(0.0, deadline[0] - time.monotonic())
            try:
                await asyncio.wait_for(asyncio.shield(task), wait)
            except asyncio.TimeoutError:
                pass

    async def settled(self, timeout_s: float = 60.0) -> None:
        """Returns once the layer of what is stored now is fitted (or after ``timeout_s``): searches
        made before that rank by similarity alone. Meant after a bulk load a server starts with (the
        demo): the first fit of a process takes seconds on a busy machine (~9 s seen under load)."""
        await self._await_layer(timeout_s)

    @property
    def layer_state(self) -> str:
        """"current" when the supervised layer was fitted on the knowledge as it is now, "fitting" while a
        write's refit is still running (searches meanwhile wait for it, at most ``layer_wait_s``), "off"
        without one (turned off, or too few documents to tell apart)."""
        if not self._use_layer:
            return "off"
        if self._layer is not None and self._layer.version == self._version:
            return "current" if self._layer.doc_ids else "off"
        return "fitting" if self._layer_task is not None and not self._layer_task.done() else "off"

    def _fresh_layer(self) -> Layer | None:
        layer = self._layer
        if layer is None or layer.version != self._version or not layer.doc_ids:
            return None
        return layer

    # ---- reads -----------------------------------------------------------

    @property
    def size(self) -> int:
        return len(self._docs)

    @property
    def chunk_chars(self) -> int:
        """The longest passage an article is cut into for its embeddings."""
        return self._chunk_chars

    def passage(self, hit: Hit, question: str = "") -> str | None:
        """Of a long article (more than two passages), the passage a search found: the one sharing the most words with
        ``question`` (the rarer in the article, the more), then with the phrasing that matched (in the article's own
        language when the question is in another), or the passage that matched; None for an article short enough to
        be answered whole."""
        chunks = self.passages(hit.document_id)
        if not chunks:
            return None
        matched = " ".join(hit.matched.split())
        asked, phrased = _words(question), _words(matched)
        words = [_words(c) for c in chunks]
        # a word counts less the more passages have it: "oxygen" tells the medical equipment's passage, "power" and
        # "home" many
        rarity = {w: 1.0 / n for w, n in Counter(w for ws in words for w in ws).items()}
        # the question's own words first ("franchise" of "quelle est la franchise… ?" is its section's), then the
        # phrasing that matched (in the article's language: a question in another shares none), then the passage
        # that matched itself
        best = max(range(len(chunks)), key=lambda i: (sum(rarity[w] for w in asked & words[i]),
                                                        sum(rarity[w] for w in phrased & words[i]),
                                                        chunks[i] == matched))
        return chunks[best]

    def passages(self, document_id: str) -> list[str]:
        """A long article's passages (as ``passage`` chooses among them); none for one answered whole."""
        meta = self._docs.get(document_id)
        if meta is None or len(meta.text) <= 2 * self._chunk_chars:
            return []
        chunks = chunk_text(meta.text, self._chunk_chars)
        return chunks if len(chunks) > 2 else []

    def has(self, document_id: str) -> bool:
        return document_id in self._docs

    def tagged(self, document_id: str, tag: str | None) -> bool:
        """Whether the document has ``tag`` among its tags."""
        doc = self._docs.get(document_id)
        return doc is not None and tag is not None and tag in doc.tags

    def tagged_with(self, tag: str) -> list[str]:
        """The ids of the documents that have ``tag``."""
        return [i for i, doc in self._docs.items() if tag in doc.tags]

    def document(self, document_id: str) -> _DocMeta | None:
        return self._docs.get(document_id)

    def phrasings(self, document_id: str) -> list[str]:
        """The texts ``document_id`` is searched by: its phrasings ("Where is my money?") and its passages."""
        meta = self._docs.get(document_id)
        return [unit[1] for label in meta.labels if (unit := self._units.get(label)) is not None] if meta else []

    def listing(self) -> list[tuple[str, _DocMeta]]:
        """Every document with its id, by id."""
        return sorted(self._docs.items())

    def translations(self, document_id: str) -> frozenset[str]:
        """The documents that translate ``document_id``: as the company paired them (``translation_of``, one way or
        the other, or both translating a third), and as the layer found them."""
        found = frozenset(self._layer.translations(document_id)) if self._layer is not None else frozenset()
        return found | self._said_twins().get(document_id, frozenset())

    def _said_twins(self) -> dict[str, frozenset[str]]:
        """Each document paired by the company (``translation_of``) with its translations, once a version."""
        if self._paired is None or self._paired[0] != self._version:
            groups: dict[str, set[str]] = {}
            for doc_id, meta in self._docs.items():
                if meta.translation_of:
                    groups.setdefault(meta.translation_of, {meta.translation_of}).add(doc_id)
            paired: dict[str, frozenset[str]] = {}
            for members in groups.values():
                for doc_id in members:
                    paired[doc_id] = paired.get(doc_id, frozenset()) | frozenset(members - {doc_id})
            self._paired = (self._version, paired)
        return self._paired[1]

    def translation(self, document_id: str, language: str | None) -> Hit | None:
        """``document_id``'s translation into ``language`` (as the layer found it), as a hit that
        keeps nothing of a search but its document; None when it has none."""
        if self._layer is None or not language:
            return None
        for other in self._layer.translations(document_id):
            meta = self._docs.get(other)
            if meta is not None and meta.language == language:
                return Hit(other, 0.0, meta.title, snippet(meta.text), meta.language, "")
        return None

    async def mentions(self, pattern: re.Pattern[str]) -> bool:
        """Whether a document names what ``pattern`` finds in folded text (``unaccented``): in its title, its
        text or one of its phrasings. Read in the executor once for each version of the base and pattern."""
        version = self._version
        key = (version, pattern.pattern)
        if key not in self._named:
            if self._said is None or self._said[0] != version:
                titles = [meta.title for meta in self._docs.values()]
                texts = [text for _, text in self._units.values()]
                self._said = (version, await run_in(self.executor, _folded_all, titles + texts))
            said = self._said[1]
            found = await run_in(self.executor, pattern.search, said) is not None
            if len(self._named) >= 256 or any(v != version for v, _ in self._named):
                self._named.clear()
            self._named[key] = found
        return self._named[key]

    async def twins(self, a: str, b: str, *, at_least: float | None = None) -> bool:
        """Whether documents ``a`` and ``b`` say the same thing, as an article and its translation do
        (``TWIN_SIMILARITY``, or ``at_least`` where other evidence says so too), in two languages; False when either is
        unknown or its vectors cannot be read back. The vectors are read in the executor (the index's
        lock may be held by a write) and remembered."""
        if b in self.translations(a):
            return True  # paired by the company, or by the layer (their ids named them alike, say)
        da, db = self.document(a), self.document(b)
        if da is not None and db is not None and da.language and da.language == db.language:
            # two articles in one language are two subjects, however close ("Geler sa carte" and "Carte perdue ou
            # volée"): a translation is in another language
            return False
        ca, cb = await self._centroid(a), await self._centroid(b)
        bar = TWIN_SIMILARITY if at_least is None else at_least
        return ca is not None and cb is not None and float(ca @ cb) >= bar

    async def _centroid(self, document_id: str) -> np.ndarray | None:
        meta = self._docs.get(document_id)
        if meta is None:
            return None
        # a rewritten document has new units, so a new key; the encoder is this process's for its whole life
        key = (document_id, tuple(meta.labels))
        if key not in self._centroids:
            rows = await run_in(self.executor, self._index.vectors, list(meta.labels))
            mean = rows.mean(axis=0) if rows is not None else None
            norm = float(np.linalg.norm(mean)) if mean is not None else 0.0
            if len(self._centroids) >= 1024:
                self._centroids.clear()
            self._centroids[key] = mean / norm if mean is not None and norm > 0 else None
        return self._centroids[key]

    async def respelled(self, text: str, language: str | None) -> str:
        """``text`` with the words typed a letter away from those of the articles in ``language`` given back as they
        write them ("internatonal tranfer" → "international transfer", ``knowledge.spelling``); a speller is built
        off the event loop, once a version of the knowledge and a language."""
        version = self._version
        if (held := self._spellers.get(language)) is None or held[0] != version:
            async with self._speller_lock:
                if (held := self._spellers.get(language)) is None or held[0] != version:
                    texts = [f"{meta.title} {meta.text}" for meta in self._docs.values()
                             if language is None or meta.language in (None, language)]
                    held = self._spellers[language] = (version, await run_in(self.executor, speller_for, texts))
        return held[1].respell(text)

    def chosen(self, document_id: str, vector: np.ndarray) -> SearchResult | None:
        """A document the customer picked by name (from options offered): a confident result for it."""
        hit = self.hit(document_id)
        return SearchResult([hit], True, vector, self._threshold(self._fresh_layer())) if hit else None

    def hit(self, document_id: str, score: float = 1.0, matched: str | None = None) -> Hit | None:
        """``document_id`` as a search would have found it, with ``score`` (its title for what matched)."""
        meta = self._docs.get(document_id)
        if meta is None:
            return None
        return Hit(document_id, score, meta.title, snippet(meta.text), meta.language, matched or meta.title)

    def _threshold(self, layer: Layer | None) -> float:
        """The score a confident answer needs, for the scoring in force."""
        return self.layer_threshold if layer is not None else self.in_scope_threshold

    async def embed(self, text: str, *, text_models: bool = True) -> np.ndarray:
        """One query's embedding; concurrent callers share one encoder call. ``text_models``: the
        encoder's process computes the word models' features of ``text`` too (a customer's message)."""
        vector, _ = await self._batcher.encode(text, text_models=text_models)
        return vector

    async def search(
        self,
        query: str,
        k: int = 5,
        *,
        language: str | None = None,
        tags: Sequence[str] | None = None,
        vector: np.ndarray | None = None,
        text_models: bool = False,
        recent: bool = False,
    ) -> SearchResult:
        """The best ``k`` documents for ``query``. ``text_models``: the query is a turn's message,
        whose other word models (sentiment) an encoder's process computes beside its embedding (and
        which is kept a while, as searched). ``recent``: a turn's message searched again (a follow-up
        reads the question before it): as it was kept, when it was, at this knowledge version."""
        tagset = frozenset(tags or ())
        await self._await_layer()  # a search sees the writes that came before it, fully
        layer = self._fresh_layer()
        query = restore_accents(calm_case(spell_out(query)), layer.accents if layer is not None else None)
        threshold = self._threshold(layer)
        hits: list[Hit] | None
        key = (query, k, language, tagset, self._version, layer.version if layer is not None else None)
        if recent and vector is None and not text_models and (seen := self._recent.get(key)) is not None:
            if time.monotonic() - seen[0] <= _RECENT_AGE_S:
                return replace(seen[1], hits=list(seen[1].hits))
            del self._recent[key]
        searched = vector is None
        if vector is None:
            # the encoder's process ranks too when it holds this version's ranking (knowledge/ranking.py)
            request = ((layer.version, k, language, tagset)
                       if layer is not None and getattr(self.encoder, "ranking_version", None) == layer.version
                       else None)
            if layer is not None and request is None:
                self._offer_ranking(layer)
            # ranked at the version asked for (read on the loop); a write since (a changed document, tags or
            # language) leaves None, and it is ranked again here, off the loop
            vector, hits = await self._batcher.encode(
                query, lambda v, shared, ranked: (
                    (self._hits(ranked) if self._version == layer.version else None)  # type: ignore[union-attr]
                    if ranked is not None else self._rank(v, k, language, tagset, layer, shared, query)),
                request, text_models)
            if hits is None:
                hits = await run_in(self.executor, self._rank, vector, k, language, tagset, layer, None, query)
        else:
            hits = await run_in(self.executor, self._rank, vector, k, language, tagset, layer, None, query)
        hits = hits or []
        in_scope = bool(hits) and hits[0].score >= threshold
        result = SearchResult(hits, in_scope, vector, threshold, query)
        if searched and text_models and key[4] == self._version:  # not when a write came meanwhile
            self._recent.pop(key, None)
            self._recent[key] = (time.monotonic(), replace(result, hits=list(hits)))
            if len(self._recent) > _RECENT_SEARCHES:
                self._recent.popitem(last=False)
        return result

    def forget_searches(self) -> None:
        """Drop the searches kept for follow-ups (a customer was erased: their words go with them)."""
        self._recent.clear()

    def _prefetch(self, vectors: np.ndarray) -> list[Any]:
        """The first candidates of every query in an encoder batch, in one index call."""
        if self._index.kind != "flat" or not len(self._index):
            return [None] * len(vectors)
        return self._index.search(vectors, _PREFETCH)

    def _rank(self, vector: np.ndarray, k: int, language: str | None, tags: frozenset[str],
              layer: Layer | None = None, candidates: list[tuple[int, float]] | None = None,
              query: str | None = None) -> list[Hit]:
        """Documents by similarity, blended with the layer when it is fresh (knowledge/ranking.py)."""
        scored = score_documents(vector, k, language, tags, units=self._units, docs=self._docs,
                                 total=len(self._index), search=lambda q, n: self._index.search(q, n)[0],
                                 layer=layer, alpha=self._alpha, candidates=candidates, prefetched=_PREFETCH,
                                 query=query)
        return self._hits(scored)

    def _hits(self, scored: list[tuple[float, str, int]]) -> list[Hit]:
        hits = []
        for score, doc_id, label in scored:
            meta, unit = self._docs.get(doc_id), self._units.get(label)
            if meta is None or unit is None:  # ranked elsewhere, and deleted since
                continue
            # a long article's snippet is the passage that matched, not its opening
            shown = unit[1] if len(meta.text) > 2 * self._chunk_chars and unit[1] in _flat(meta.text) else meta.text
            hits.append(Hit(doc_id, round(float(score), 4), meta.title, snippet(shown), meta.language, unit[1]))
        return hits

    # ---- writes ----------------------------------------------------------

    def _units_of(self, doc: DocumentIn) -> list[tuple[str, str]]:
        units: list[tuple[str, str]] = [(UnitKind.TITLE, doc.title)]
        seen = {doc.title.strip().lower()}
        for q in doc.questions:
            key = q.strip().lower()
            if key and key not in seen:
                seen.add(key)
                units.append((UnitKind.QUESTION, q.strip()))
        for chunk in chunk_text(doc.text, self._chunk_chars):
            units.append((UnitKind.CHUNK, chunk))
        return units

    async def upsert(self, docs: Sequence[DocumentIn]) -> int:
        """Insert or replace documents by id; searchable when this returns."""
        latest: dict[str, DocumentIn] = {d.id: d for d in docs}  # last one wins within a call
        plan = [(d, self._units_of(d)) for d in latest.values()]
        texts = [text for _, units in plan for _, text in units]
        vectors = await run_in(self.executor, self.encoder.encode, texts) if texts else np.zeros((0, self.encoder.dim))
        async with self._write_lock:
            new_units: list[Unit] = []
            async with self._sessions() as s:
                ids = list(latest)
                old = (await s.exec(select(Unit.id).where(col(Unit.document_id).in_(ids)))).all()
                await s.exec(delete(Unit).where(col(Unit.document_id).in_(ids)))
                row = 0
                for doc, units in plan:
                    await s.merge(
                        Document(
                            id=doc.id, title=doc.title, text=doc.text, language=doc.language,
                            tags=list(doc.tags), questions=list(doc.questions), updated_at=utcnow(),
                            translation_of=doc.translation_of,
                        )
                    )
                    for kind, text in units:
                        unit = Unit(document_id=doc.id, kind=kind, text=text, vector=vectors[row].astype(np.float32).tobytes())
                        row += 1
                        s.add(unit)
                        new_units.append(unit)
                await s.flush()
                version = await _bump_version(s, self.vectors_from)
            old_labels = np.array([lab for lab in old if lab is not None], dtype=np.int64)
            new_labels = np.array([u.id for u in new_units], dtype=np.int64)
            await run_in(self.executor, self._swap, old_labels, new_labels, vectors.astype(np.float32))
            if self._index.needs_rebuild():
                await self._rebuild()
            for lab in old_labels.tolist():
                self._units.pop(lab, None)
            by_doc: dict[str, list[int]] = {}
            for u in new_units:
                assert u.id is not None
                self._units[u.id] = (u.document_id, u.text)
                by_doc.setdefault(u.document_id, []).append(u.id)
            for doc, _ in plan:
                self._docs[doc.id] = _DocMeta(doc.title, doc.text, doc.language, frozenset(doc.tags),
                                              by_doc.get(doc.id, []), doc.translation_of)
            self._version = version
        self._refit()
        return len(latest)

    async def _rebuild(self) -> None:
        """Rebuild the index from the stored vectors (the store is the truth), off the loop."""
        async with self._sessions() as s:
            units = (await s.exec(select(Unit))).all()
        self._index = await run_in(self.executor, VectorIndex.build, self.encoder.dim,
                                   *_vectors(units, self.encoder.dim))
        log.info("knowledge.rebuilt", vectors=len(self._index), kind=self._index.kind)

    def _swap(self, old: np.ndarray, new: np.ndarray, vectors: np.ndarray) -> None:
        self._index.remove(old)
        self._index.add(new, vectors)

    async def delete(self, document_id: str) -> bool:
        async with self._write_lock:
            async with self._sessions() as s:
                doc = await s.get(Document, document_id)
                if doc is None:
                    return False
                labels = (await s.exec(select(Unit.id).where(Unit.document_id == document_id))).all()
                await s.exec(delete(Unit).where(Unit.document_id == document_id))
                await s.delete(doc)
                version = await _bump_version(s, self.vectors_from)
            old = np.array([lab for lab in labels if lab is not None], dtype=np.int64)
            await run_in(self.executor, self._index.remove, old)
            for lab in old.tolist():
                self._units.pop(lab, None)
            self._docs.pop(document_id, None)
            self._version = version
        self._refit()
        return True


def _folded_all(texts: list[str]) -> str:
    return "\n".join(unaccented(t) for t in texts)


def calm_case(query: str) -> str:
    """A query typed in capitals ("WHY WAS MY CARD DECLINED???") in lower case: the encoders read
    shouted words as other words (the card-declined article 0.91 for the question, 0.59 shouted).
    Capitals that are names or acronyms in a mostly lower-case query ("my IBAN", "SEPA") stay."""
    upper = lower = 0
    for ch in query:
        if ch.isupper():
            upper += 1
        elif ch.islower():
            lower += 1
    if upper >= 6 and upper >= 2 * lower:
        return query.lower()
    if upper < 8:
        return query
    # a shouted part of a query that is not ("VOUS AVEZ ANNULÉ MON VOL SANS PRÉVENIR je suis bloquée à l'aéroport"):
    # four capitalised words in a row and more, in lower case (not acronyms side by side: "SEPA SCT INST")
    return _SHOUTED.sub(lambda m: m.group(0).lower() if sum(c.isupper() for c in m.group(0)) >= 8 else m.group(0),
                        query)


_CAPS = r"[^\W\d_a-zß-ÿ]+(?:['’-][^\W\d_a-zß-ÿ]+)*"
_SHOUTED = re.compile(r"(?<![\w'’-])" + _CAPS + r"(?:[\s,;:!?.]+" + _CAPS + r"){3,}(?![\w'’-])")


@functools.lru_cache(maxsize=256)
def _flat(text: str) -> str:
    """An article's text on one line, as its passages are cut (remembered: a long article is read at each search)."""
    return " ".join(text.split())


# words of four letters or more that any sentence may have (cut to five): "we have a power cut" is of power, not "have"
_COMMON = frozenset(
    "have with your this that what when where there they them then from will would could shoul about been were does "
    "into also just some more only very than their which while after befor need want know like make take dans pour "
    "avec vous votre notre nous mais sont cette comme plus tout tous quoi quand faire peux peut avez avoir "
    "etre suis leur leurs elle elles sans sous chez aussi encor apres avant depui fait veux voudr".split())


def _words(text: str) -> set[str]:
    """Words of four letters or more, lower case, unaccented and cut to five ("indemnisé", "indemnisation"), not the
    commonest: what tells a long article's passages apart."""
    return {w[:5] for w in re.findall(r"[^\W\d_]{4,}", unaccented(text.lower()))} - _COMMON


def _ranking(layer: Layer, index: VectorIndex, docs: dict[str, _DocMeta], units: dict[int, tuple[str, str]],
             alpha: float) -> Ranking | None:
    """What the encoder's process needs to rank queries at ``layer``'s version (off the loop); None
    when the index is an inverted file, or it and the maps were caught between two writes."""
    arrays = index.flat_copy()
    if arrays is None or len(arrays[1]) != len(units):
        return None
    return Ranking(layer.version, MatrixIndex(*arrays),
                   {label: (doc_id,) for label, (doc_id, _) in units.items()},
                   {d: DocKey(m.language, m.tags, tuple(m.labels[:1])) for d, m in docs.items()},
                   layer, alpha, _PREFETCH)


def _in_memory(docs: Sequence[Document], units: Sequence[Unit]) -> tuple[dict[str, _DocMeta], dict[int, tuple[str, str]]]:
    """What searches read without the store: each document's metadata and unit labels, each unit's text."""
    metas = {d.id: _DocMeta(d.title, d.text, d.language, frozenset(d.tags), [], d.translation_of) for d in docs}
    unit_map: dict[int, tuple[str, str]] = {}
    for u in units:
        assert u.id is not None
        unit_map[u.id] = (u.document_id, u.text)
        if u.document_id in metas:
            metas[u.document_id].labels.append(u.id)
    return metas, unit_map


def _vectors(units: Sequence[Unit], dim: int) -> tuple[np.ndarray, np.ndarray]:
    """The stored units as (labels, matrix), ready for ``VectorIndex.build``."""
    labels = np.array([u.id for u in units], dtype=np.int64)
    if not units:
        return labels, np.zeros((0, dim), np.float32)
    return labels, np.frombuffer(b"".join(u.vector for u in units), dtype=np.float32).reshape(len(units), -1)


async def _read_meta(s: AsyncSession) -> tuple[int, str | None]:
    meta = await s.get(KnowledgeMeta, "version")
    if meta is None:
        return 0, None
    return int(meta.value), meta.extra.get("encoder")


async def _ensure_meta(sessions: SessionFactory, encoder: str) -> None:
    """The version row, created once; workers starting together may race to it."""
    try:
        async with sessions() as s:
            if await s.get(KnowledgeMeta, "version") is None:
                s.add(KnowledgeMeta(key="version", value="0", extra={"encoder": encoder}))
    except IntegrityError:
        pass  # another process created it


async def _bump_version(s: AsyncSession, encoder: str) -> int:
    """One atomic increment in the store, so writers in several processes never share a version."""
    row = (
        await s.exec(
            update(KnowledgeMeta)
            .where(col(KnowledgeMeta.key) == "version")
            .values(value=cast(cast(KnowledgeMeta.value, Integer) + 1, String), extra={"encoder": encoder})
            .returning(KnowledgeMeta.value)
        )
    ).first()
    return int(row[0])
