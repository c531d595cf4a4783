import asyncio
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from knowledge.chunking import chunk_text, snippet
from knowledge.index import VectorIndex
from knowledge.layer import _NGrams, fit_layer


def test_long_text_is_chunked_on_sentence_boundaries() -> None:
    text = " ".join(f"Sentence number {i} says something useful." for i in range(60))
    chunks = chunk_text(text, 300)
    assert len(chunks) > 1 and all(len(c) <= 300 for c in chunks)
    assert all(c.endswith(".") for c in chunks)
    assert chunk_text("short", 300) == ["short"]


def test_a_sections_heading_goes_with_its_section_and_markdown_marks_are_taken_out(tmp_path: Path) -> None:
    """A guide in sections: each passage opens on its own heading ("Délais:" with the deadlines), never ends on the
    next one's; its Markdown file is read without "##", bold marks or link syntax."""
    from knowledge.ingest import read_documents

    section = "Lorem ipsum dolor sit amet, consectetur adipiscing elit. " * 8
    (tmp_path / "guide.md").write_text(
        "# Guide\n\n## Tempête et grêle\n\n" + section + "\n\n## Délais\n\n**Vous avez 30 jours** pour déclarer, "
        "voir [le site](https://x.example/d).\n\n## Expertise\n\n" + section + "\n", encoding="utf-8")
    doc = read_documents([tmp_path / "guide.md"])[0]
    assert "#" not in doc.text and "**" not in doc.text and "Vous avez 30 jours" in doc.text
    assert "le site (https://x.example/d)" in doc.text
    chunks = chunk_text(doc.text, 600)
    assert [c.split(":")[0].strip() for c in chunks] == ["Tempête et grêle", "Délais", "Expertise"], chunks
    assert not any(c.endswith(("Délais:", "Expertise:")) for c in chunks)
    # a list of short lines is no run of headings: its passages stay within the size
    steps = "\n\n".join(f"Step {i}: open the app and tap button {i}" for i in range(40))
    assert max(len(c) for c in chunk_text(steps, 600)) <= 600


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


def test_the_index_gives_back_stored_vectors_by_label_when_it_can() -> None:
    rng = np.random.default_rng(5)
    vectors = rng.standard_normal((40, 8)).astype(np.float32)
    flat = VectorIndex.build(8, np.arange(100, 140), vectors)
    flat.remove(np.array([100]))
    assert np.array_equal(flat.vectors([105, 139]), vectors[[5, 39]])
    assert flat.vectors([100]) is None and flat.vectors([]) is None  # removed; nothing asked
    ivf = VectorIndex.build(8, np.arange(100, 140), vectors, exact_limit=10)
    assert ivf.kind == "ivf" and np.array_equal(ivf.vectors([105, 139]), vectors[[5, 39]])
    ivf.remove(np.array([105]))
    assert ivf.vectors([105]) is None


def test_an_inverted_file_saved_without_a_label_map_gains_one_when_loaded(tmp_path: Path) -> None:
    import faiss

    rng = np.random.default_rng(6)
    vectors = rng.standard_normal((60, 8)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    quantizer = faiss.IndexFlatIP(8)
    old = faiss.IndexIVFFlat(quantizer, 8, 4, faiss.METRIC_INNER_PRODUCT)
    old.train(vectors)
    old.nprobe = 4
    old.add_with_ids(vectors, np.arange(100, 160).astype(np.int64))  # as indexes were built before
    faiss.write_index(old, str(tmp_path / "old.faiss"))
    loaded = VectorIndex.load(tmp_path / "old.faiss", 8)
    assert np.array_equal(loaded.vectors([107]), vectors[[7]])
    assert [label for label, _ in loaded.search(vectors[7:8], 1)[0]] == [107]


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


def test_every_blas_the_server_loads_runs_one_thread() -> None:
    """SciPy's own OpenBLAS, loaded with the layer's first fit after the encoder limited numpy's, ran two
    threads that fought the encoder processes for the cores (the demo's layer: 3.8-7.4 s on a busy
    machine instead of 0.7 s). A fresh interpreter, as the server is: scipy not loaded before."""
    import json
    import subprocess
    import sys

    code = ("import json; from knowledge.encoders import single_threaded_blas; single_threaded_blas(); "
            "import scipy.optimize, sklearn.linear_model; from threadpoolctl import threadpool_info; "
            "print(json.dumps([(i['filepath'], i['num_threads']) for i in threadpool_info()"
            " if i['user_api'] == 'blas']))")
    env = {k: v for k, v in __import__("os").environ.items() if k != "OPENBLAS_NUM_THREADS"}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env,
                         cwd=Path(__file__).resolve().parents[2]).stdout
    libraries = json.loads(out)
    assert len(libraries) >= 2 and all(threads == 1 for _, threads in libraries), libraries


def test_the_feature_memo_forgets_by_size_and_by_age() -> None:
    import time

    from knowledge.features import FeatureMemo

    memo = FeatureMemo(size=3, max_age_s=0.2)
    memo.put("m", ["a", "b", "c", "d"], [1, 2, 3, 4])
    assert memo.take("m", "a") is None and memo.take("m", "b") == 2 and memo.take("m", "b") is None
    assert memo.take("other", "c") is None
    time.sleep(0.25)
    memo.put("m", ["e"], [5])
    assert len(memo) == 1 and memo.take("m", "c") is None and memo.take("m", "e") == 5
    assert memo.hits == 2


def test_word_models_computed_in_the_encoder_process_give_the_same_numbers_and_survive_a_kill() -> None:
    """The knowledge base's and the sentiment's word models, offloaded to the encoder's process:
    each query's features come back with its vector and are read instead of recomputed, with the
    same values; a restarted child computes them too; documents (not queries) and bare searches
    get none."""
    import os
    import signal

    from assistant.sentiment import SentimentHead
    from knowledge.encoders import ProcessEncoder

    lexical = _layer_on_words().lexical
    head = SentimentHead.load(Path(__file__).parents[2] / "configs" / "models" / "sentiment-use-m3.npz")
    queries = ["my top up did not arrive!!", "transfer abroad limit", "je suis furieux, rien ne marche"]
    expected = [lexical.text_features(q) for q in queries]
    sentiment = [head.probabilities(np.zeros(512, np.float32), q, "en") for q in queries]
    child = ProcessEncoder("use-m3")
    try:
        child.offload("knowledge", lexical)
        for slot, model in head.text_models().items():
            child.offload(slot, model)
        for attempt in range(2):
            child.encode(queries, query=True)
            for q, (logp, known) in zip(queries, expected):
                got, got_known = lexical.log_probabilities(q)
                assert np.allclose(got, logp, atol=1e-5) and got_known == known
            for q, p in zip(queries, sentiment):
                assert np.allclose(head.probabilities(np.zeros(512, np.float32), q, "en"), p, atol=1e-5)
            assert child.memo.hits == (attempt + 1) * 3 * len(queries)  # read, not recomputed
            assert len(child.memo) == 0
            if attempt == 0:
                os.kill(child.pid, signal.SIGKILL)  # the next child gets the models again
        child.encode(["a document's passage"])
        assert len(child.memo) == 0
        child.offload("knowledge", None)
        child.encode(queries, query=True)
        assert len(child.memo) == 2 * len(queries)  # the sentiment's two models only
        child.encode_ranked(["how do I top up by card"], [None], text_models=[False])
        assert len(child.memo) == 2 * len(queries)  # a bare search: no word model read it
    finally:
        child.close()


async def test_batched_queries_through_the_encoder_process_each_get_their_own_vector_and_ranking() -> None:
    """Many concurrent queries through two encoder processes: each gets its own vector and the result
    of its own ``then``, whatever batch and process it fell in; a failing ``then`` fails its batch
    only; a short queue waits for the busy process instead of waking the other."""
    from concurrent.futures import ThreadPoolExecutor

    from knowledge.batching import EncodeBatcher
    from knowledge.encoders import ProcessEncoder, load_encoder

    texts = [f"question number {i} about my card" for i in range(40)]
    here = load_encoder("use-m3").encode(texts, query=True)
    child = ProcessEncoder("use-m3", processes=2)
    pool = ThreadPoolExecutor(3)
    try:
        batcher = EncodeBatcher(child, pool, max_batch=8, concurrency=child.processes)
        got = await asyncio.gather(*(batcher.encode(t, lambda v, _shared, _ranked, t=t: (t, float(v @ v))) for t in texts))
        for (vector, (text, norm)), expected, t in zip(got, here, texts):
            assert text == t and abs(norm - 1) < 1e-4
            assert np.allclose(vector, expected, atol=1e-5)
        assert batcher.calls < len(texts)  # they were batched
        assert all(n > 0 for n in child.calls)  # 40 waiting: both processes took batches
        before = list(child.calls)
        await asyncio.gather(*(batcher.encode(t) for t in texts[:5]))
        assert child.calls[1] == before[1]  # 5 waiting: the first process took them all

        def boom(_v: np.ndarray, _shared: object, _ranked: object) -> None:
            raise ValueError("boom")

        with pytest.raises(ValueError):
            await batcher.encode("this one fails", boom)
        vector, _ = await batcher.encode("and the next one is fine")
        assert vector.shape == (512,)
    finally:
        child.close()
        pool.shutdown()


async def test_queries_reach_the_encoder_process_from_the_loop_and_survive_its_kill() -> None:
    """A query batch goes to the encoder's process through that process's own pipe, read on the event
    loop: no executor thread takes part when nothing is left to do there. Killed with -9, the process
    is started again and the queries waiting on it, and the next ones, still get their vectors."""
    import os
    import signal
    from concurrent.futures import ThreadPoolExecutor

    from knowledge.batching import EncodeBatcher
    from knowledge.encoders import ProcessEncoder, load_encoder

    class Counting(ThreadPoolExecutor):
        submitted = 0

        def submit(self, *args: Any, **kwargs: Any) -> Any:
            self.submitted += 1
            return super().submit(*args, **kwargs)

    texts = ["I lost my card", "j'ai perdu ma carte", "how do I top up"]
    here = load_encoder("use-m3").encode(texts, query=True)
    child = ProcessEncoder("use-m3")
    pool = Counting(2)
    try:
        batcher = EncodeBatcher(child, pool, concurrency=child.processes)
        got = await asyncio.gather(*(batcher.encode(t) for t in texts))
        assert np.allclose(np.stack([v for v, _ in got]), here, atol=1e-5)
        assert pool.submitted == 0  # the loop wrote the batch and read the answer itself
        # two batches in flight on one pipe meet their own answers; an error reaches its batch only
        channel = child._channels[0]
        first, second = channel.call(texts[:1], True, None, None), channel.call(texts[1:], True, None, None)
        bad = channel.call(None, True, None, None)
        (one, _, _), (two, _, _) = await first, await second
        assert np.allclose(np.vstack([one, two]), here, atol=1e-5)
        with pytest.raises(TypeError):
            await bad
        vector, _ = await batcher.encode(texts[2])
        assert np.allclose(vector, here[2], atol=1e-5)
        # killed with -9 while a batch waits on it: that batch, and the next, still get their vectors
        pid = child.pid
        assert pid is not None
        waiting = [asyncio.ensure_future(batcher.encode(t)) for t in texts]
        while not channel._waiting:
            await asyncio.sleep(0)
        os.kill(pid, signal.SIGKILL)
        got = await asyncio.gather(*waiting)  # answered before the kill landed, or through the pool after
        assert np.allclose(np.stack([v for v, _ in got]), here, atol=1e-5)
        async with asyncio.timeout(30):
            while not channel.closed:  # the death closes the pipe; the loop reads its end
                await asyncio.sleep(0.01)
        vector, _ = await batcher.encode(texts[1])  # through the pool, which starts the process again
        assert np.allclose(vector, here[1], atol=1e-5)
        assert child.pid != pid
        submitted = pool.submitted
        vector, _ = await batcher.encode(texts[0])
        assert np.allclose(vector, here[0], atol=1e-5)
        assert pool.submitted == submitted  # the new process's own pipe again
    finally:
        child.close()
        pool.shutdown()


def test_the_int8_first_pass_finds_the_exact_top_and_its_exact_scores() -> None:
    """Above a few thousand vectors the encoder's process scans an int8 copy first
    (knowledge/ranking.py): the candidates it keeps, scored again, are the exact search's top,
    in order, with the exact scores; a pickled copy (as sent to that process) searches the same."""
    import pickle

    from knowledge.ranking import MatrixIndex
    from knowledge.similarity import as_candidates, best_k

    rng = np.random.default_rng(7)
    centres = rng.standard_normal((60, 512))

    def unit(x: np.ndarray) -> np.ndarray:
        return (x / np.linalg.norm(x, axis=1, keepdims=True)).astype(np.float32)

    vectors = unit(centres[rng.integers(0, 60, 5000)] + 0.6 * rng.standard_normal((5000, 512)))
    labels = np.arange(5000) * 3 + 1  # labels are not positions
    queries = unit(centres[:20] + 0.6 * rng.standard_normal((20, 512)))
    exact = as_candidates(*best_k(queries @ vectors.T, labels, 10))
    index = pickle.loads(pickle.dumps(MatrixIndex(vectors, labels)))
    got = index.search(queries[:1], 10) + index.search(queries[1:4], 10) + index.search(queries[4:], 10)
    assert index._scan is not None  # the int8 pass ran
    for mine, theirs in zip(got, exact):
        assert [lab for lab, _ in mine] == [lab for lab, _ in theirs]
        assert np.allclose([s for _, s in mine], [s for _, s in theirs], atol=1e-5)
    everything = index.search(queries[:2], 5000)[0]  # as many as there are: the exact scan
    assert len(everything) == 5000 and everything[0][0] == exact[0][0][0]
    assert abs(everything[0][1] - exact[0][0][1]) < 1e-5


def test_the_word_model_cuts_words_as_sklearn_does() -> None:
    """The word n-grams of the knowledge layer's and the sentiment's word models are sklearn's
    (without importing it into the encoder's process)."""
    from collections import Counter

    from sklearn.feature_extraction.text import TfidfVectorizer

    from knowledge.layer import _word_grams

    sklearn_words = TfidfVectorizer(ngram_range=(1, 2)).build_analyzer()
    texts = ["I can't top-up my card!!", "Où est passé mon virement ? J'attends depuis 3 jours…",
             "a b c", "", "   ", "@united flight UA_1234 delayed 2h #fail", "ÉTÉ été Été", "x", "naïve café-crème",
             "don't\nstop\tnow", "日本語 テキスト", "l'appli m'a dit «erreur 502»"]
    for text in texts:
        assert Counter(_word_grams(text)) == Counter(sklearn_words(text)), text


_PHRASINGS = {
    "top-up": ["how do I top up my account", "top up failed", "my top up did not arrive", "can I top up by card",
               "top up limit", "why was my top up declined"],
    "transfer": ["how do I transfer money", "my transfer failed", "transfer did not arrive", "can I transfer abroad",
                 "transfer limit", "why was my transfer declined"],
}


def _layer_on_words() -> Any:
    """A layer whose vectors cannot tell the two documents apart: only the words can."""
    texts = [t for ts in _PHRASINGS.values() for t in ts]
    labels = [d for d, ts in _PHRASINGS.items() for _ in ts]
    # the i-th phrasing of each document gets the same vector
    vectors = np.tile(np.random.default_rng(0).normal(size=(6, 8)).astype(np.float32), (2, 1))
    return fit_layer(1, vectors, labels, texts, lexical_weight=0.5)


def test_the_word_model_separates_documents_the_vectors_confuse() -> None:
    layer = _layer_on_words()
    assert layer is not None and layer.lexical is not None
    v = np.zeros(8, np.float32)  # a query vector that favours neither document
    by_vector = layer.probabilities(v)
    top_up = layer.probabilities(v, "the top up on my account failed")
    transfer = layer.probabilities(v, "the transfer on my account failed")
    i = layer.doc_ids.index("top-up")
    assert abs(by_vector[i] - 0.5) < 0.1
    assert top_up[i] > 0.6 and transfer[i] < 0.4


def test_a_query_in_words_the_knowledge_base_never_saw_is_ranked_by_its_vector_alone() -> None:
    layer = _layer_on_words()
    v = np.linspace(-1, 1, 8).astype(np.float32)
    assert np.allclose(layer.probabilities(v, "je voudrais recharger mon compte"), layer.probabilities(v))


def test_the_word_features_are_sklearns_tfidf() -> None:
    from sklearn.feature_extraction.text import TfidfVectorizer

    queries = ("Top up, top UP!  failed", "transfer abroad", "zzz", "a b  up\tto\nup i", "", "  ", "Été à Noël !")
    texts = [t for ts in _PHRASINGS.values() for t in ts] + ["a b up to i", "été à noël ! zz"]
    vec = TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True, dtype=np.float32).fit(texts)
    grams = _NGrams.of("char_wb", vec, 0)
    for text in queries:
        want = vec.transform([text]).toarray()[0]
        idx, values = grams.features(text)
        got = np.zeros_like(want)
        got[idx] = values
        assert np.allclose(got, want, atol=1e-6)


def test_the_gate_keeps_a_request_the_words_make() -> None:
    """Only a request the head alone heard gives way to a confident answer: the words of one do not."""
    from assistant.intents import is_human_request, reaches_for_someone

    for text in ("I need a rep for my mortgage", "je veux le responsable pour ma carte bloquée"):
        assert is_human_request(text)  # so the turn keeps it, whatever reaches_for_someone says
    assert not reaches_for_someone("contactless?") and not is_human_request("contactless?")


def test_the_word_model_grouped_by_language_gives_a_lone_group_its_share_not_certainty() -> None:
    from knowledge.layer import _log_softmax, language_groups

    logits = np.array([5.0, 0.0, 0.0, -3.0], np.float32)  # three English documents, one French
    groups = language_groups(["a", "b", "c", "d"], {"a": "en", "b": "en", "c": "en", "d": "fr"})
    grouped = _log_softmax(logits, groups)
    assert np.isclose(grouped[3], np.log(1 / 4))  # as if its words said nothing, not probability 1
    assert np.isclose(np.exp(grouped[:3]).sum(), 3 / 4) and grouped[0] > grouped[1] == grouped[2]
    plain = logits - logits.max() - np.log(np.exp(logits - logits.max()).sum())
    assert np.allclose(_log_softmax(logits, None), plain)
    assert language_groups(["a", "b"], {"a": "en", "b": "en"}) is None  # one language: the plain softmax
    assert language_groups(["a", "b", "c"], {"a": "en", "b": "EN", "c": "en-GB"}) is None  # all English
    assert language_groups(["a", "b"], {"a": "en"}) is None  # a document without a language: no grouping


def test_only_a_query_mostly_in_capitals_is_read_in_lower_case() -> None:
    from knowledge.base import calm_case

    assert calm_case("WHY WAS MY CARD DECLINED???") == "why was my card declined???"
    assert calm_case("COMMENT AUGMENTER MON PLAFOND ?") == "comment augmenter mon plafond ?"
    assert calm_case("What is my IBAN for a SEPA transfer?") == "What is my IBAN for a SEPA transfer?"
    assert calm_case("PIN?") == "PIN?" and calm_case("") == ""
    # a shouted part: three capitalised words in a row and more, not an acronym beside lower case
    assert calm_case("VOUS AVEZ ANNULÉ MON VOL SANS PRÉVENIR je suis bloquée à l'aéroport") == (
        "vous avez annulé mon vol sans prévenir je suis bloquée à l'aéroport")
    assert calm_case("WHERE IS MY FOOD?? the app says delivered but NOTHING came") == (
        "where is my food?? the app says delivered but NOTHING came")


def test_words_typed_without_their_accents_get_the_base_s_own() -> None:
    from knowledge.layer import accent_map, restore_accents

    accents = accent_map(["Déposer des espèces au guichet", "où est la carte", "a ou b", "Le découvert autorisé"])
    # "autorise" is a word of its own (a verb), not "autorisé" typed plain: only a final "é" is left alone
    assert {plain: accents[plain] for plain in ("deposer", "especes", "decouvert")} == {
        "deposer": "déposer", "especes": "espèces", "decouvert": "découvert"}
    assert not {"autorise", "ou", "a"} & set(accents)
    assert restore_accents("comment j'ouvre un compte", accent_map(["5 jours ouvrés", "jours ouvrés"])) == \
        "comment j'ouvre un compte"
    # a plural's "és" is given back, unless its plain form is a word of its own ("limites")
    plural = accent_map(["Relevés de compte", "vos relevés", "montants limités", "limités à 3"])
    assert restore_accents("les releves ou ils sont", plural) == "les relevés ou ils sont"
    assert restore_accents("quelles sont les limites", plural) == "quelles sont les limites"
    assert restore_accents("deposer des especes ou decouvert", accents) == "déposer des espèces ou découvert"
    # a message with accents elsewhere still has its plain words read ("ou" is written plain: kept)
    assert restore_accents("deposer des especes, c'est crédité quand ?", accents) == \
        "déposer des espèces, c'est crédité quand ?"
    # a plain form the base writes only in a phrasing typed as customers type it ("pret perso") is still given
    # its accents, where the base writes them far more often; one written as often ("ou") is not
    loans = accent_map(["Prêt personnel", "Demander un prêt", "prêt travaux", "taux du prêt", "pret perso", "où ou"])
    assert loans["pret"] == "prêt" and "ou" not in loans
    assert restore_accents("je voudrais faire un pret pour des travaux", loans) == \
        "je voudrais faire un prêt pour des travaux"


def test_words_the_base_elides_are_read_typed_glued() -> None:
    """"jai plus deau", "lecretement", "numero durgence": the base's "d'eau", "l'écrêtement", "d'urgence"; not a word
    of the encoders' ("lest", "nest"), one the base writes glued, nor one it does not elide ("devaluation" of a base
    that writes "l'évaluation" is no "d'évaluation")."""
    from knowledge.layer import elision_map, restore_accents

    elided = elision_map(["Plus d'eau ? L'écrêtement s'applique.", "Numéro d'urgence", "À l'est de la ville",
                          "Il n'est pas là", "la ladresse du site", "Couper l'eau", "L'évaluation du compteur"])
    assert restore_accents("the devaluation of the pound", elided) == "the devaluation of the pound"
    assert restore_accents("on va me couper leau ? jai plus deau, lecretement marche ? numero durgence", elided) == \
        "on va me couper l'eau ? jai plus d'eau, l'écrêtement marche ? numero d'urgence"
    assert not {"lest", "nest", "ladresse"} & set(elided)


def test_french_words_an_english_base_never_writes_get_their_accents_too() -> None:
    from knowledge.layer import accent_map, restore_accents

    english = accent_map(["How do I cancel my subscription?", "Using your card abroad", "Call us by telephone"])
    assert restore_accents("je veux resilier, je suis a l'etranger", english) == \
        "je veux résilier, je suis a l'étranger"
    # not a word of its own, in either language: "telephone", "credit", "sure", "ou", "a" stay as typed
    assert restore_accents("my telephone credit, sure? ou a", english) == "my telephone credit, sure? ou a"
    # a base that writes the plain form itself keeps it: it is the base's own word; one that writes the accented
    # form decides for itself ("bloquée" beside "je bloque" is left as typed); capitals are a name ("CA")
    assert restore_accents("resilier", accent_map(["Comment resilier", "resilier en ligne"])) == "resilier"
    assert "bloquee" not in accent_map(["Votre carte est bloquée", "carte bloquée"])
    assert restore_accents("je suis client CA, ca marche ?", english) == "je suis client CA, ça marche ?"


def test_documents_named_alike_in_two_languages_are_paired_at_a_lower_similarity() -> None:
    """Two articles whose ids are one name with a language mark pair at NAMED_TWIN_SIMILARITY (0.6); two articles
    named apart need each other's closest at TWIN_SIMILARITY (0.8), or at 0.7 with nothing else near; one language
    never holds two of a group."""
    import numpy as np

    from knowledge.layer import _unmarked, twin_groups

    assert _unmarked("mobile-data-top-up") == _unmarked("mobile-data-top-up-fr") and _unmarked("en/pin") == _unmarked(
        "fr/pin")
    assert _unmarked("card-up") != _unmarked("card") and _unmarked("faq-12") != _unmarked("faq-13")
    rng = np.random.default_rng(0)
    base = rng.normal(size=(2, 16)).astype(np.float32)
    base /= np.linalg.norm(base, axis=1, keepdims=True)
    noise = rng.normal(size=(2, 16)).astype(np.float32)
    noise /= np.linalg.norm(noise, axis=1, keepdims=True)
    # two English articles, each with a French one at cosine ~0.7 (its own vector bent towards noise)
    french = 0.7 * base + 0.71 * noise
    vectors = np.vstack([base, french / np.linalg.norm(french, axis=1, keepdims=True)])
    y, languages = np.arange(4), [0, 0, 1, 1]
    named = twin_groups(vectors, y, 4, languages, ["top-up", "limits", "top-up-fr", "limits-fr"])
    assert named is not None and named[0] == named[2] and named[1] == named[3] and named[0] != named[1]
    assert twin_groups(vectors, y, 4, languages, ["a", "b", "c", "d"]) is None


def test_documents_named_apart_pair_below_the_bar_when_nothing_else_comes_near() -> None:
    """A French article at 0.75 of an English one named apart ("panne-secteur", "area-outage") is its translation when
    each is the other's closest and nothing else in the other language comes within TWIN_MARGIN (0.15); with another
    English article at 0.64 of it, it is not (the same subject twice, maybe, not a translation)."""
    import numpy as np

    from knowledge.layer import twin_groups

    e = np.eye(16, dtype=np.float32)
    french = 0.75 * e[0] + np.sqrt(1 - 0.75 ** 2) * e[2]
    clear = np.vstack([e[0], e[1], french])  # English A, English B (far), French A'
    groups = twin_groups(clear, np.arange(3), 3, [0, 0, 1], ["area-outage", "direct-debit", "panne-secteur"])
    assert groups is not None and groups[0] == groups[2] != groups[1]
    near = 0.85 * e[0] + np.sqrt(1 - 0.85 ** 2) * e[3]  # English B close to A: 0.64 of A'
    crowded = np.vstack([e[0], near, french])
    assert twin_groups(crowded, np.arange(3), 3, [0, 0, 1], ["area-outage", "outages", "panne-secteur"]) is None


def test_files_as_a_spreadsheet_or_an_editor_saves_them(tmp_path: Path) -> None:
    """A CSV with Excel's byte-order mark, or separated by ";"; a Markdown file's front matter (its phrasings); what
    cannot be read named with its line; a folder's script left out, not fatal; a language given as a name refused."""
    from knowledge.ingest import read_documents

    (tmp_path / "bom.csv").write_bytes("\ufeffid,title,text\na,Alpha,Some text\n".encode("utf-8"))
    (tmp_path / "semi.csv").write_text("id;titre;texte\nb;Beta;Other text\n", encoding="utf-8")
    (tmp_path / "esim.md").write_text("---\nid: esim\nlanguage: fr\nquestions:\n  - Comment activer une eSIM ?\n"
                                      "tags: [mobile]\n---\n# Activer une eSIM\nAllez dans Réglages.\n",
                                      encoding="utf-8")
    (tmp_path / "make.py").write_text("print(1)\n", encoding="utf-8")
    skipped: list[Path] = []
    docs = {d.id: d for d in read_documents([tmp_path], skipped=skipped)}
    assert docs["a"].title == "Alpha" and docs["b"].title == "Beta" and docs["b"].text == "Other text"
    esim = docs["esim"]
    assert (esim.title, esim.text, esim.questions, esim.language, esim.tags) == (
        "Activer une eSIM", "Allez dans Réglages.", ("Comment activer une eSIM ?",), "fr", ("mobile",))
    assert skipped == [tmp_path / "make.py"]
    for name, content, said in (("bad.jsonl", b'{"id": "x", "text": "ok"}\n{"id": "y", "text": oops}\n', ":2: not JSON"),
                                ("latin.csv", "id,title,text\nc,Café,Text\n".encode("latin-1"), "not UTF-8"),
                                ("empty.md", b"# Title only\n", "no text"),
                                ("lang.jsonl", '{"id": "z", "text": "t", "language": "français"}\n'.encode(),
                                 "not a language code")):
        bad = tmp_path / "bad" / name
        bad.parent.mkdir(exist_ok=True)
        bad.write_bytes(content)
        with pytest.raises(ValueError, match=said):
            read_documents([bad])


def test_a_question_and_answer_sheet_keeps_its_ids_when_an_answer_is_edited(tmp_path: Path) -> None:
    """A "question;réponse" sheet (rows of one answer grouped): its documents are named by their first question, so an
    answer corrected in the sheet replaces the document it was instead of leaving the old answer beside it."""
    from knowledge.ingest import read_documents

    sheet = tmp_path / "faq.csv"
    sheet.write_text("question;réponse\nComment résilier ?;Par lettre.\nrésilier mon contrat;Par lettre.\n"
                     "Quand relever le compteur ?;Chaque mois.\n", encoding="utf-8")
    before = {d.title: d.id for d in read_documents([sheet])}
    sheet.write_text("question;réponse\nComment résilier ?;Dans l'espace client.\nrésilier mon contrat;Dans l'espace "
                     "client.\nQuand relever le compteur ?;Chaque mois.\n", encoding="utf-8")
    after = {d.title: (d.id, d.text) for d in read_documents([sheet])}
    assert {t: i for t, (i, _) in after.items()} == before and len(before) == 2, (before, after)
    assert after["Comment résilier ?"][1] == "Dans l'espace client."


def test_a_phrasing_column_said_in_the_singular_and_one_phrasing_in_front_matter_are_kept(tmp_path: Path) -> None:
    from knowledge.ingest import read_documents

    (tmp_path / "one.csv").write_text("id,title,text,question\na,Alpha,Some text,how do I alpha?|alpha help\n",
                                      encoding="utf-8")
    (tmp_path / "one.md").write_text("---\nquestions: Comment faire ?\n---\n# Faire\nAinsi.\n", encoding="utf-8")
    docs = {d.id: d for d in read_documents([tmp_path])}
    assert docs["a"].questions == ("how do I alpha?", "alpha help") and docs["one"].questions == ("Comment faire ?",)
    wrong = tmp_path / "bad" / "root.json"
    wrong.parent.mkdir()
    wrong.write_text('{"docs": []}', encoding="utf-8")
    with pytest.raises(ValueError, match=r'holds \{"documents": \[\.\.\.\]\} or a list'):
        read_documents([wrong])
    row = tmp_path / "bad" / "row.csv"
    row.write_text("id,title,text\na,A,ok\nb,B,\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"row.csv:3: a document needs an id and a text"):
        read_documents([row])


def test_a_translation_the_company_says_is_paired_however_far_apart_and_never_within_one_language(
        tmp_path: Path) -> None:
    """"cancellation" written apart from "annulation" (their vectors meet at 0.3, each nearer another): paired when the
    company says one translates the other (``translation_of``, read from a Markdown file's front matter too); two
    articles of one language said so are not."""
    import numpy as np

    from knowledge.ingest import read_documents
    from knowledge.layer import twin_groups

    e = np.eye(16, dtype=np.float32)
    far = 0.3 * e[0] + np.sqrt(1 - 0.3 ** 2) * e[2]
    vectors = np.vstack([e[0], e[1], far])  # English "cancellation", English "refunds", French "annulation"
    ids = ["cancellation", "refunds", "annulation"]
    assert twin_groups(vectors, np.arange(3), 3, [0, 0, 1], ids) is None
    groups = twin_groups(vectors, np.arange(3), 3, [0, 0, 1], ids, [("cancellation", "annulation")])
    assert groups is not None and groups[0] == groups[2] != groups[1]
    assert twin_groups(vectors, np.arange(3), 3, [0, 0, 1], ids, [("cancellation", "refunds")]) is None
    (tmp_path / "cancellation.md").write_text("---\nlanguage: en\ntranslation_of: annulation\n---\n# Cancelling\n"
                                              "Cancel up to 30 days before.\n", encoding="utf-8")
    (tmp_path / "rows.csv").write_text("id,title,text,translation_of\nremboursement,Remboursement,Sous 14 jours.,"
                                       "refunds\n", encoding="utf-8")
    docs = {d.id: d for d in read_documents([tmp_path])}
    assert docs["cancellation"].translation_of == "annulation" and docs["remboursement"].translation_of == "refunds"


def test_a_markdown_table_is_a_sentence_for_each_row(tmp_path: Path) -> None:
    """A price table read from a Markdown file is a line for each row, under its columns' names ("Jusqu'à 1 kg :
    Point relais 5,90 €, Domicile 7,90 €."), not one line of pipes a chat shows raw and an answer cuts mid-row."""
    from knowledge.ingest import read_documents

    (tmp_path / "tarifs.md").write_text(
        "---\nlanguage: fr\n---\n# Tarifs\nSelon le poids :\n\n| Poids | Point relais | Domicile |\n|---|---|---|\n"
        "| Jusqu'à 1 kg | 5,90 € | 7,90 € |\n| De 1 à 5 kg | 8,90 € | 11,90 € |\n\n| Pays | Couverts |\n|:---|---:|\n"
        "| Reste du monde | non couverts |\n\n| Pays | Fonctionne | Supplément |\n|---|---|---|\n| Maroc | Non | — |\n",
        encoding="utf-8")
    text = read_documents([tmp_path])[0].text
    assert "|" not in text, text
    assert "Jusqu'à 1 kg : Point relais 5,90 €, Domicile 7,90 €.\nDe 1 à 5 kg : Point relais 8,90 €" in text, text
    assert "Reste du monde : non couverts." in text, text
    assert text.endswith("Maroc : Fonctionne Non."), text  # (a dash: a blank cell)
