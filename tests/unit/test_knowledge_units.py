import numpy as np

from knowledge.chunking import chunk_text, snippet
from knowledge.index import VectorIndex


def test_long_text_is_chunked_on_sentence_boundaries() -> None:
    text = " ".join(f"Sentence number {i} says something useful." for i in range(60))
    chunks = chunk_text(text, 300)
    assert len(chunks) > 1 and all(len(c) <= 300 for c in chunks)
    assert all(c.endswith(".") for c in chunks)
    assert chunk_text("short", 300) == ["short"]


def test_snippet_cuts_on_a_word() -> None:
    s = snippet("word " * 100, 50)
    assert len(s) <= 50 and s.endswith("…")


def test_index_never_returns_the_minus_one_label_and_removes_by_label() -> None:
    idx = VectorIndex(4)
    vecs = np.eye(4, dtype=np.float32)[:2]
    idx.add(np.array([10, 20]), vecs)
    hits = idx.search(np.eye(4, dtype=np.float32)[:1], 5)[0]
    assert [lab for lab, _ in hits] == [10, 20]
    idx.remove(np.array([10]))
    assert [lab for lab, _ in idx.search(np.eye(4, dtype=np.float32)[:1], 5)[0]] == [20]


def test_a_batch_of_queries_finds_what_each_query_finds_alone() -> None:
    rng = np.random.default_rng(3)
    vectors = rng.standard_normal((500, 32)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    index = VectorIndex.build(32, np.arange(1000, 1500), vectors)
    index.remove(np.arange(1000, 1010))  # positions shift; labels must not
    queries = vectors[20:36]
    batched = index.search(queries, 12)
    for q, got in zip(queries, batched):
        alone = index.search(q[None, :], 12)[0]
        assert [label for label, _ in got] == [label for label, _ in alone]
        assert np.allclose([s for _, s in got], [s for _, s in alone], atol=1e-5)
    assert all(len(row) == 5 for row in index.search(queries[:3], 5))
    assert [len(r) for r in index.search(queries[:2], 10_000)] == [490, 490]


def test_the_encoder_in_its_own_process_gives_the_same_vectors_and_survives_a_kill() -> None:
    import os
    import signal

    from knowledge.encoders import ProcessEncoder, load_encoder

    texts = ["I lost my card", "j'ai perdu ma carte"]
    here = load_encoder("use-m3").encode(texts, query=True)
    child = ProcessEncoder("use-m3")
    try:
        assert (child.name, child.dim) == ("use-m3", 512)
        assert np.allclose(child.encode(texts, query=True), here, atol=1e-5)
        pid = child.pid
        assert pid is not None
        os.kill(pid, signal.SIGKILL)
        assert np.allclose(child.encode(texts, query=True), here, atol=1e-5)  # a new child took over
        assert child.pid != pid
    finally:
        child.close()
