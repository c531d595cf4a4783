"""A supervised layer over a knowledge base's own phrasings.

Every unit (title, FAQ phrasing, passage) is a labelled example of its
document. After writes, a multinomial logistic regression is fitted on the
PCA-whitened unit vectors (eigenvalues shrunk by ``eps`` × their mean; L-BFGS,
L2 penalty); the whitening is folded into one (dim × documents) matrix, so a
query costs one matrix-vector product. A document's score is then
``alpha × similarity + (1 − alpha) × probability``.

Beside it, a lexical model: TF-IDF of word 1–2-grams and character 3–5-grams, and
a logistic regression over them. Sentence embeddings blur the few words that set
near intents apart ("top up" / "transfer", "card payment" / "cash withdrawal");
the n-grams keep them. The two probabilities are mixed geometrically,
``p ∝ p_vector^(1 − w) × p_words^w``, with ``w`` scaled by the share of the query's
words the knowledge base knows: a question in another language than the phrasings
is ranked by its embedding alone.

Measured with use-m3 (docs/measurements.md), similarity → vector layer → both:
banking77 top-1 0.879 → 0.912 → 0.922, clinc150 0.895 → 0.948 → 0.955, wikit_fr
0.846 → 0.918 → 0.936. Fitting both takes ~6 s for 8k units and ~14 s for 15k on one core.
"""
from __future__ import annotations

import itertools
import re
import unicodedata
import uuid
import warnings
from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, Mapping, Sequence

import numpy as np

from knowledge.features import TextModel
from knowledge.spelling import lexicon
from knowledge.texting import FRENCH_ACCENTS

# The lexical model is a (documents × features) matrix: past these sizes it is not fitted.
LEXICAL_MAX_DOCUMENTS = 400
LEXICAL_MAX_FEATURES = 30_000
_WORD = re.compile(r"(?u)\b\w\w+\b")


_ANALYZERS = {"word": {"ngram_range": (1, 2)}, "char_wb": {"analyzer": "char_wb", "ngram_range": (3, 5)}}


def _char_grams(text: str, low: int = 3, high: int = 5) -> list[str]:
    """sklearn's ``char_wb`` 3–5-grams of ``text`` for a vocabulary lookup, without its per-word loop.

    The words, each padded with a space, are joined by two spaces and cut in one pass: the
    n-grams across a word boundary all hold two spaces, which no ``char_wb`` term does, so
    they find nothing in the vocabulary and the counts of the others are sklearn's.
    """
    padded = " " + "  ".join(text.lower().split()) + " "
    size = len(padded)
    return [padded[i:i + n] for n in range(low, high + 1) for i in range(size - n + 1)]


def _word_grams(text: str) -> list[str]:
    """sklearn's ``word`` analyzer for 1–2-grams (lower case, its default token pattern): the
    same terms, without importing sklearn (an encoder's process computes these for every query)."""
    tokens = _WORD.findall(text.lower())
    return tokens + [" ".join(pair) for pair in zip(tokens, tokens[1:])]


class _NGrams:
    """A fitted TfidfVectorizer's transform for one text, without its per-call machinery.

    sklearn's transform builds sparse matrices and validates for every call (~2 ms);
    the same analyzer, vocabulary and idf give the same L2-normalised vector in ~50 µs.
    """

    def __init__(self, kind: str, terms: Sequence[str], idf: np.ndarray, offset: int) -> None:
        self.kind = kind
        self.analyze = {"char_wb": _char_grams, "word": _word_grams}[kind]
        self.terms = list(terms)
        self.index = {term: offset + i for i, term in enumerate(self.terms)}
        self.idf = np.asarray(idf, np.float32)
        self.offset = offset

    def __reduce__(self) -> tuple[Any, ...]:  # sent to an encoder's process: it rebuilds analyzer and index
        return (_NGrams, (self.kind, self.terms, self.idf, self.offset))

    @classmethod
    def of(cls, kind: str, vectorizer: Any, offset: int) -> "_NGrams":
        terms = sorted(vectorizer.vocabulary_, key=vectorizer.vocabulary_.__getitem__)
        return cls(kind, terms, vectorizer.idf_, offset)

    def features(self, text: str) -> tuple[list[int], np.ndarray]:
        counts = Counter(map(self.index.get, self.analyze(text)))  # both loops in C
        counts.pop(None, None)
        if not counts:
            return [], np.zeros(0, np.float32)
        idx = list(counts)
        values = (1.0 + np.log(np.fromiter(counts.values(), np.float32, len(counts)))) * self.idf[
            np.array(idx) - self.offset]
        return idx, values / np.linalg.norm(values)


@dataclass(frozen=True)
class Lexical(TextModel):
    """TF-IDF n-grams and a multinomial logistic regression over them, classes in the caller's order.

    A text model (knowledge/features.py): an encoder's process may compute it beside the embedding.

    ``groups`` (a group per class, e.g. its document's language) keeps the words to judging classes
    within a group: words tell apart documents written in the query's language, and only say of the
    others that none of their words were used. Each group's log-probabilities are normalised on
    their own, to the group's share of the classes, so no group gains from its size (a lone French
    document among English ones is not "certain" for an English query) and every group starts even.
    With one group this is the plain softmax.
    """

    ngrams: tuple[_NGrams, ...]
    weights: np.ndarray  # (features, documents)
    bias: np.ndarray  # (documents,)
    weight: float
    groups: np.ndarray | None = None  # (documents,) int, or None: one group
    uid: str = field(default_factory=lambda: f"lexical-{uuid.uuid4().hex}", compare=False)

    def log_probabilities(self, text: str) -> tuple[np.ndarray, float]:
        """Log-probabilities over the documents, and the share of the text's words known."""
        return self.features(text)  # type: ignore[no-any-return]

    def text_features(self, text: str) -> tuple[np.ndarray, float]:
        tokens = _WORD.findall(text.lower())  # the word analyzer's tokens: its single words
        words = self.ngrams[0].index
        known = sum(t in words for t in tokens) / len(tokens) if tokens else 0.0
        logits = self.bias.copy()
        for grams in self.ngrams:
            idx, values = grams.features(text)
            if idx:
                logits += values @ self.weights[idx]
        return _log_softmax(logits, self.groups), known

    def mix(self, logits: np.ndarray, text: str | None, weight: float | None = None) -> np.ndarray:
        """Probabilities from another model's ``logits`` (or log-probabilities) and the words of
        ``text``: ``p ∝ p_other^(1 − w) × p_words^w``, ``w`` = weight × the share of words known
        (``weight``: the model's own unless given)."""
        logits = logits - logits.max()
        if text:
            words, known = self.log_probabilities(text)
            w = (self.weight if weight is None else weight) * known
            if w > 0:
                logits = (1 - w) * (logits - np.log(np.exp(logits).sum())) + w * words
                logits = logits - logits.max()
        p = np.exp(logits)
        return p / p.sum()

    def to_arrays(self, prefix: str) -> dict[str, np.ndarray]:
        out = {f"{prefix}weights": self.weights, f"{prefix}bias": self.bias,
               f"{prefix}weight": np.array(self.weight, np.float32)}
        if self.groups is not None:
            out[f"{prefix}groups"] = self.groups
        for g in self.ngrams:
            out[f"{prefix}{g.kind}_terms"] = np.array(g.terms)
            out[f"{prefix}{g.kind}_idf"] = g.idf
        return out

    @classmethod
    def from_arrays(cls, z: Any, prefix: str) -> "Lexical | None":
        if f"{prefix}weights" not in z:
            return None
        ngrams, offset = [], 0
        for kind in _ANALYZERS:
            terms = [str(t) for t in z[f"{prefix}{kind}_terms"]]
            ngrams.append(_NGrams(kind, terms, z[f"{prefix}{kind}_idf"], offset))
            offset += len(terms)
        groups = z[f"{prefix}groups"] if f"{prefix}groups" in z else None
        return cls(tuple(ngrams), z[f"{prefix}weights"], z[f"{prefix}bias"], float(z[f"{prefix}weight"]), groups)


def _log_softmax(logits: np.ndarray, groups: np.ndarray | None) -> np.ndarray:
    """Log-softmax of ``logits``; by ``groups``, each normalised to its share of the classes."""
    logits = logits - logits.max()
    out = logits - np.log(np.exp(logits).sum())
    if groups is None:
        return out
    for g in np.unique(groups):
        members = groups == g
        part = logits[members]
        top = part.max()
        out[members] = part - top - np.log(np.exp(part - top).sum()) + np.log(members.sum() / len(groups))
    return out


def language_groups(doc_ids: Sequence[str], languages: Mapping[str, str | None] | None) -> np.ndarray | None:
    """A group per document by its language ("en-GB" and "EN" are "en"); None with fewer than two
    languages, where grouping changes nothing, or when a document has none: its words are compared
    with everyone's, as before."""
    if not languages:
        return None
    names = [(languages.get(d) or "").strip().lower().replace("_", "-").split("-")[0] for d in doc_ids]
    if "" in names or len(set(names)) < 2:
        return None
    order = {name: i for i, name in enumerate(sorted(set(names)))}
    return np.array([order[n] for n in names], np.int32)


def fit_lexical(texts: Sequence[str], y: np.ndarray, k: int, *, weight: float = 0.35, c: float = 10.0,
                max_iter: int = 100, balanced: bool = False, groups: np.ndarray | None = None) -> Lexical | None:
    """Fit on texts and their classes ``0 … k−1``; None past the size bounds or with too few n-grams.
    ``groups``: a group per class (``Lexical``)."""
    if k > LEXICAL_MAX_DOCUMENTS or weight <= 0:
        return None
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from scipy.sparse import hstack

    half = LEXICAL_MAX_FEATURES // 2
    words = TfidfVectorizer(**_ANALYZERS["word"], sublinear_tf=True, min_df=2, max_features=half, dtype=np.float32)
    chars = TfidfVectorizer(**_ANALYZERS["char_wb"], sublinear_tf=True, min_df=3, max_features=half,
                            dtype=np.float32)
    try:
        x = hstack([words.fit_transform(texts), chars.fit_transform(texts)]).tocsr()
    except ValueError:  # no n-gram occurs often enough
        return None
    from sklearn.exceptions import ConvergenceWarning

    with warnings.catch_warnings():  # a bounded fit is the point: no warning in the server's log
        warnings.simplefilter("ignore", ConvergenceWarning)
        model = LogisticRegression(C=c, max_iter=max_iter, tol=1e-3,
                                   class_weight="balanced" if balanced else None).fit(x, y)
    coef = np.zeros((k, x.shape[1]), np.float32)
    bias = np.full(k, -1e4, np.float32)  # a document with no phrasing of its own is never chosen by words
    coef[model.classes_] = model.coef_ if len(model.classes_) > 2 else np.vstack([-model.coef_, model.coef_]) / 2
    bias[model.classes_] = model.intercept_ if len(model.classes_) > 2 else np.r_[-model.intercept_, model.intercept_] / 2
    ngrams = (_NGrams.of("word", words, 0), _NGrams.of("char_wb", chars, len(words.vocabulary_)))
    return Lexical(ngrams, np.ascontiguousarray(coef.T), bias, weight, groups)


_LETTERS = re.compile(r"[^\W\d_]+")


def _plain(word: str) -> str:
    return "".join(ch for ch in unicodedata.normalize("NFKD", word) if not unicodedata.combining(ch))


_TYPED_PLAIN = 4


def _only_a_final_e(word: str, plain: str) -> bool:
    """Whether ``word`` differs from ``plain`` only by a final "é" ("bloqué", "refusée"): the plain form is most often
    a word of its own, a verb ("je bloque ma carte"), not a typo. A plural's "és" ("relevés", "prélevés") is one only
    when its plain form is a word the encoders know ("limites", "programmes"): otherwise it would be said to "tu"
    alone ("tu relèves"), which a customer hardly writes to a bank, and "les releves ou ils sont" is the statements'."""
    diffs = [i for i, (a, b) in enumerate(zip(word, plain)) if a != b]
    if not all(word[i] == "é" and i >= len(word) - 3 for i in diffs):
        return False
    if all(word[i + 1:] in ("", "e") for i in diffs):
        return True
    return plain in lexicon()


def accent_map(texts: Sequence[str]) -> dict[str, str]:
    """Words the knowledge base writes with accents, by their plain form ("especes" → "espèces"): a
    customer typing without accents is read as if they had typed them. A plain form the base itself
    writes as often ("a", "ou", "des") is left alone; one it writes ``_TYPED_PLAIN`` times less, in
    phrasings typed as customers type ("pret perso" beside five "prêt"), is not. French words the base never
    writes at all, in either form, are given theirs too (``FRENCH_ACCENTS``: "resilier" asked of English
    articles)."""
    counts = Counter(w for t in texts for w in _LETTERS.findall(t.lower()))
    best: dict[str, tuple[str, int]] = {}
    for word, n in counts.items():
        plain = _plain(word)
        if (plain != word and n >= _TYPED_PLAIN * counts.get(plain, 0) and n > best.get(plain, ("", 0))[1]
                and not _only_a_final_e(word, plain)):
            best[plain] = (word, n)
    return {**{plain: word for plain, word in FRENCH_ACCENTS.items() if plain not in counts and word not in counts},
            **{plain: word for plain, (word, _) in best.items()}}


# an article or a pronoun elided before a word the base writes: "l'eau", "d'urgence", "l'écrêtement", "j'emménage"
_ELIDED = re.compile(r"(?<![^\W\d_])(qu|[cdjlmnst])['’]([^\W\d_]{3,})")


def elision_map(texts: Sequence[str]) -> dict[str, str]:
    """The base's elided words by the form a phone types them in, glued and without accents ("leau" → "l'eau",
    "durgence" → "d'urgence", "lecretement" → "l'écrêtement"): the encoder reads "jai plus deau" as no word of water
    (0.22 to the outage article, 0.36 typed "d'eau"). Not a form the base writes itself, nor a word of the encoders'
    ("lest", "nest", "dun")."""
    counts = Counter(w for t in texts for w in _LETTERS.findall(t.lower()))
    found: dict[str, Counter[str]] = {}
    for t in texts:
        for m in _ELIDED.finditer(t.lower()):
            glued = _plain(m.group(1) + m.group(2))
            found.setdefault(glued, Counter())[f"{m.group(1)}'{m.group(2)}"] += 1
    known = lexicon()
    return {glued: forms.most_common(1)[0][0] for glued, forms in found.items()
            if glued not in counts and glued not in known}


_CASE_AMBIGUOUS = frozenset({"us", "it", "am", "pm", "as", "in", "on", "or", "no", "so", "is", "me"})


def case_map(texts: Sequence[str]) -> dict[str, str]:
    """Words the knowledge base writes with capitals inside them ("IBAN", "eSIM", "PIN"), by their lower-case
    form: the encoder reads "esim" as another word than "eSIM" (the eSIM article 0.40 typed "esim", 0.87
    "eSIM"). A lower-case form the base writes too, ``_TYPED_PLAIN`` times less or more ("us" beside "US"), is
    left alone; capitals at a word's start only ("How", "Visa") say nothing."""
    forms: dict[str, Counter[str]] = {}
    for t in texts:
        for w in _LETTERS.findall(t):
            forms.setdefault(w.lower(), Counter())[w] += 1
    found: dict[str, str] = {}
    for lower, seen in forms.items():
        word, n = seen.most_common(1)[0]
        if (len(word) >= 2 and any(ch.isupper() for ch in word[1:]) and n >= _TYPED_PLAIN * seen.get(lower, 0)
                and n >= 2 and (len(word) <= 5 or not word.isupper()) and lower not in _CASE_AMBIGUOUS):
            found[lower] = word  # not a word shouted once ("VALIDITY"), nor a pronoun that is also a country
    return found


def restore_accents(text: str, accents: Mapping[str, str] | None) -> str:
    """``text`` with each word typed without its accents, or its capitals, given them back (``accent_map``,
    ``case_map``); words typed with theirs are kept ("deposer des especes, c'est crédité quand ?": the first two)."""
    if not accents:
        return text
    # (not a word in capitals: "CA" is a bank or Canada, not "ça")
    return _LETTERS.sub(lambda m: accents.get(m.group(0).lower(), m.group(0))
                        if m.group(0).isascii() and not (m.group(0).isupper() and len(m.group(0)) > 1)
                        else m.group(0), text)


# Two documents whose units' mean vectors meet at this cosine say the same thing (one translates the
# other). use-m3 on the demo base: an article and its translation 0.84-0.88, any other pair 0.71 or less.
TWIN_SIMILARITY = 0.8
# ... or at this one when their ids say so too ("mobile-data-top-up" and "mobile-data-top-up-fr", "code-pin-oublie"
# and "code-pin-oublie-en"): 12 of the demo's 40 translations meet at 0.67-0.78 only, and unpaired, a question in
# one language can find the other's article first ("still no internet": the French top-up 0.60, the English 0.25)
NAMED_TWIN_SIMILARITY = 0.6
# ... or at this one when nothing else in the other language comes near either (``TWIN_MARGIN`` above the next): a
# deployer's articles and their translations named apart ("panne-secteur" and "area-outage" 0.75, the next 0.53;
# "prelevement" and "direct-debit" 0.72, the next 0.53), where no other pair of two such bases met above 0.63
CLEAR_TWIN_SIMILARITY = 0.7
TWIN_MARGIN = 0.15
_TWINS_UP_TO = 5000  # documents: beyond, no search for translations (a k × k comparison)
_CODES = "en|fr|de|es|it|nl|pt|ca|eu|br|ar|tr|pl|ro|sv|da|no|fi|el|cs|hu|ja|zh|ko|ru|uk"
_LANGUAGE_MARK = re.compile(rf"(?:^(?:{_CODES})[-_/.]|[-_/.](?:{_CODES})$)")


def _unmarked(doc_id: str) -> str:
    """A document id without its language mark ("-fr", "_en", "fr/"): the name its translations share."""
    return _LANGUAGE_MARK.sub("", doc_id.lower())


def twin_groups(vectors: np.ndarray, y: np.ndarray, k: int, languages: Sequence[int] | None,
                doc_ids: Sequence[str] | None = None, paired: Sequence[tuple[str, str]] = ()) -> np.ndarray | None:
    """Each class's group: a document and its translations share one. Two documents are paired when
    each is the other's closest in the other's language (unit centroids, at ``TWIN_SIMILARITY`` or
    more, or at ``CLEAR_TWIN_SIMILARITY`` and ``TWIN_MARGIN`` above the next), or when their ``doc_ids`` are one
    name with a language mark and they meet at ``NAMED_TWIN_SIMILARITY``; a group never holds two documents of one
    language, so pairs do not chain unrelated articles together. None when there is no translation. ``languages``:
    each class's language group (``language_groups``); ``paired``: the translations the company said (``doc_ids``),
    paired first, however far apart."""
    if languages is None or k > _TWINS_UP_TO:
        return None
    langs = np.asarray(languages)
    centroids = np.zeros((k, vectors.shape[1]), np.float32)
    np.add.at(centroids, y, vectors)
    centroids /= np.maximum(np.linalg.norm(centroids, axis=1, keepdims=True), 1e-12)
    # each document's closest in each other language, near enough, or clearly nearer than the next
    closest: dict[tuple[int, int], int] = {}
    for lang in np.unique(langs).tolist():
        members = np.nonzero(langs == lang)[0]
        for start in range(0, k, 512):
            rows = np.arange(start, min(k, start + 512))
            sims = centroids[rows] @ centroids[members].T
            best = sims.argmax(axis=1)
            top = sims[np.arange(len(rows)), best]
            if len(members) > 1:
                sims[np.arange(len(rows)), best] = -1.0
                runner_up = sims.max(axis=1)
            else:
                runner_up = np.full(len(rows), -1.0, np.float32)
            for i, j, sim, next_sim in zip(rows.tolist(), members[best].tolist(), top.tolist(), runner_up.tolist()):
                if langs[i] != lang and (sim >= TWIN_SIMILARITY
                                         or sim >= CLEAR_TWIN_SIMILARITY and sim - next_sim >= TWIN_MARGIN):
                    closest[(i, lang)] = j
    parent = list(range(k))
    held = [{int(langs[i])} for i in range(k)]  # the languages in each root's group

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    found = False
    if doc_ids is not None and paired:
        at = {d: i for i, d in enumerate(doc_ids[:k])}
        for one, other in paired:
            i, j = at.get(one), at.get(other)
            if i is None or j is None or langs[i] == langs[j]:
                continue
            a, b = root(i), root(j)
            if a != b and not held[a] & held[b]:
                parent[b] = a
                held[a] |= held[b]
                found = True
    for (i, lang), j in closest.items():
        if closest.get((j, int(langs[i]))) != i:
            continue  # not each other's closest
        a, b = root(i), root(j)
        if a != b and not held[a] & held[b]:
            parent[b] = a
            held[a] |= held[b]
            found = True
    if doc_ids is not None:
        # named alike and close enough (NAMED_TWIN_SIMILARITY), whether or not each is the other's closest
        # ("decouvert" and "decouvert-en": the overdraft in English is nearer the French account closing, which
        # speaks of an overdraft too)
        by_name: dict[str, list[int]] = {}
        for i, doc_id in enumerate(doc_ids[:k]):
            by_name.setdefault(_unmarked(doc_id), []).append(i)
        for members in (m for m in by_name.values() if len(m) > 1):
            for i, j in itertools.combinations(members, 2):
                a, b = root(i), root(j)
                if (a != b and langs[i] != langs[j] and not held[a] & held[b]
                        and float(centroids[i] @ centroids[j]) >= NAMED_TWIN_SIMILARITY):
                    parent[b] = a
                    held[a] |= held[b]
                    found = True
    return np.array([root(i) for i in range(k)], np.int32) if found else None


@dataclass(frozen=True)
class Layer:
    version: int  # the knowledge version it was fitted on
    doc_ids: tuple[str, ...]
    weights: np.ndarray  # (dim, documents)
    bias: np.ndarray  # (documents,)
    lexical: Lexical | None = None
    # a group per document shared with its translations (``twin_groups``), or None
    twins: np.ndarray | None = None
    # plain or lower-case form -> the base's accented or capitalised word (``accent_map``, ``case_map``)
    accents: Mapping[str, str] | None = None

    def translations(self, document_id: str) -> list[str]:
        """The documents that translate ``document_id`` (its twin group, itself aside)."""
        if self.twins is None:
            return []
        index = self._index
        i = index.get(document_id)
        if i is None:
            return []
        return [self.doc_ids[j] for j in np.nonzero(self.twins == self.twins[i])[0].tolist() if j != i]

    @cached_property
    def _index(self) -> dict[str, int]:
        return {d: i for i, d in enumerate(self.doc_ids)}

    def probabilities(self, vector: np.ndarray, text: str | None = None) -> np.ndarray:
        """Each document's probability of being the one asked about; a document with translations has
        its group's: twins split what the question says of their one subject, and each keeps all of it."""
        logits = vector @ self.weights + self.bias
        if self.lexical is not None:
            p = self.lexical.mix(logits, text)
        else:
            p = np.exp(logits - logits.max())
            p = p / p.sum()
        if self.twins is not None:
            p = np.bincount(self.twins, weights=p, minlength=len(p))[self.twins]
        return p


def fit_layer(version: int, vectors: np.ndarray, labels: list[str], texts: Sequence[str] | None = None, *,
              l2: float = 1e-3, eps: float = 3.0, max_iter: int = 100, lexical_weight: float = 0.35,
              languages: Mapping[str, str | None] | None = None,
              paired: Sequence[tuple[str, str]] = ()) -> Layer | None:
    """Fit on unit vectors (and texts) and their document ids; None when there is nothing to tell apart.
    ``languages`` (document id → language): the word model compares documents of one language only; ``paired``: the
    translations the company said (a document, the one it translates)."""
    doc_ids = tuple(sorted(set(labels)))
    k = len(doc_ids)
    if k < 2 or len(labels) < 2 * k:
        return None
    index = {d: i for i, d in enumerate(doc_ids)}
    y = np.array([index[d] for d in labels])
    x = np.asarray(vectors, np.float32)
    mu = x.mean(0)
    xc = x - mu
    lam, u = np.linalg.eigh((xc.T @ xc) / len(x))
    lam = np.clip(lam, 0, None)
    whiten = (u / np.sqrt(lam + eps * lam.mean())).astype(np.float32)
    z = xc @ whiten
    n, d = z.shape
    onehot = np.eye(k, dtype=np.float32)[y]

    def loss_and_grad(w: np.ndarray) -> tuple[float, np.ndarray]:
        w = w.astype(np.float32)
        wm, b = w[: d * k].reshape(d, k), w[d * k:]
        logits = z @ wm + b
        logits -= logits.max(axis=1, keepdims=True)
        p = np.exp(logits)
        p /= p.sum(axis=1, keepdims=True)
        loss = -np.log(p[np.arange(n), y] + 1e-12).mean() + 0.5 * l2 * float((wm * wm).sum())
        g = (p - onehot) / n
        grad = np.concatenate([(z.T @ g + l2 * wm).ravel(), g.sum(0)])
        return float(loss), grad.astype(np.float64)

    from scipy.optimize import minimize  # here: an encoder's process that only ranks never loads scipy

    result = minimize(loss_and_grad, np.zeros(d * k + k), jac=True, method="L-BFGS-B",
                      options={"maxiter": max_iter})
    w = result.x.astype(np.float32)
    wm, b = w[: d * k].reshape(d, k), w[d * k:]
    weights = np.ascontiguousarray(whiten @ wm, dtype=np.float32)
    bias = (b - mu @ weights).astype(np.float32)
    groups = language_groups(doc_ids, languages)
    lexical = fit_lexical(texts, y, k, weight=lexical_weight, groups=groups) if texts is not None else None
    return Layer(version, doc_ids, weights, bias, lexical, twin_groups(x, y, k, groups, doc_ids, paired),
                 {**elision_map(texts), **case_map(texts), **accent_map(texts)} if texts is not None else None)
