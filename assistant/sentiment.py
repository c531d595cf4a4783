"""Sentiment of each customer message, and its trend over a conversation.

A small linear head (softmax regression) over the sentence embedding the turn
already computes, mixed with a word model (TF-IDF n-grams and a logistic
regression, knowledge/layer.py's ``Lexical``) that keeps what embeddings blur in
tweets ("not bad", "smh", "!!!"): no second neural model on the hot path.
An English message is scored by a second head over the embedding and VADER's
lexicon scores (neg, neu, pos, compound; ~50 µs a tweet); every other language
keeps the first head, so French is as before.
``tandem train sentiment`` fits both on ../shared/data/sentiment and writes
``configs/models/sentiment-<encoder>.npz`` (assistant/training.py).
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from assistant.heads import LinearHead
from assistant.screening import screen_all
from knowledge.features import TextModel
from knowledge.layer import Lexical

LABELS = ("negative", "neutral", "positive")
WORDS_PREFIX = "words_"
ENGLISH_PREFIX = "en_"
VADER_SCALE = 0.25  # VADER's scores beside a unit-norm embedding: chosen by cross-validation on train
VADER_MAX_CHARS = 1000  # VADER's cost grows faster than the text (~1 ms at 1,000 characters, ~30 at 8,000)
# VADER writes each emoji out as its name ("slightly smiling face"): 1,000 of them cost ~340 ms, 100 ~4 ms
VADER_MAX_SYMBOLS = 100
_VADER = None


def _for_vader(text: str) -> str:
    """``text`` cut at ``VADER_MAX_CHARS`` characters, and before its symbol past ``VADER_MAX_SYMBOLS``."""
    text = text[:VADER_MAX_CHARS]
    seen = 0
    for i, ch in enumerate(text):
        if ord(ch) >= 0x2000:
            seen += 1
            if seen > VADER_MAX_SYMBOLS:
                return text[:i]
    return text


def vader_features(text: str) -> np.ndarray:
    """VADER's neg, neu, pos and compound scores of ``text``, scaled to sit beside the embedding."""
    global _VADER
    if _VADER is None:
        from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

        _VADER = SentimentIntensityAnalyzer()
    s = _VADER.polarity_scores(_for_vader(text))
    return VADER_SCALE * np.array([s["neg"], s["neu"], s["pos"], s["compound"]], np.float32)


def sentiment_text(text: str) -> str:
    """What a sentiment encoder reads: the text with exactly one trailing space.

    XLM-T's English tweets, which the heads learn from, all end with one; multilingual-e5 makes a
    piece of it and its vector moves with it, so a caller's clean text scored ~0.9 macro-F1 lower
    in English than the same tweets as trained (5-fold CV, docs/measurements.md). One canonical
    form in training and at analysis: the result no longer depends on the caller's whitespace.
    """
    return text.rstrip() + " "


_ESCAPE = re.compile(r"\\u([0-9a-fA-F]{4})")  # XLM-T's tweets spell some characters as "\\u2019"
_STYLE_WORD = re.compile(r"[A-Za-z']+")
_POSITIVE_EMOTICON = re.compile(r"(?::|;|=)-?(?:\)|D|P|\])|<3")
_NEGATIVE_EMOTICON = re.compile(r"(?::|=)'?-?(?:\(|/|\[)")
_ELONGATED = re.compile(r"(\w)\1\1")
_NEGATIONS: frozenset[str] = frozenset()


def style_features(text: str) -> np.ndarray:
    """How an English message is written, beside VADER for the English head: "!" and "?" (log 1 + count),
    the share of words in capitals, negations (VADER's list, at most 3, / 3), positive and negative
    emoticons (at most 2, / 2), letters repeated three times (at most 2, / 2). Cut as VADER's input is."""
    global _NEGATIONS
    if not _NEGATIONS:
        from vaderSentiment.vaderSentiment import NEGATE

        _NEGATIONS = frozenset(NEGATE)
    s = _ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), _for_vader(text))
    words = _STYLE_WORD.findall(s)
    n = max(len(words), 1)
    caps = sum(len(w) > 1 and w.isupper() for w in words)
    negations = sum(w.lower() in _NEGATIONS or w.lower().endswith("n't") for w in words)
    return np.array([np.log1p(s.count("!")), np.log1p(s.count("?")), caps / n, min(negations, 3) / 3,
                     min(len(_POSITIVE_EMOTICON.findall(s)), 2) / 2, min(len(_NEGATIVE_EMOTICON.findall(s)), 2) / 2,
                     min(len(_ELONGATED.findall(s)), 2) / 2], np.float32)


STYLE_FEATURES = 7


class Style(TextModel):
    """``style_features`` as a text model (an encoder's process may compute it beside the embedding)."""

    uid = f"style-1-{VADER_MAX_CHARS}"

    def text_features(self, text: str) -> np.ndarray:
        return style_features(text)


class Vader(TextModel):
    """``vader_features`` as a text model: an encoder's process may compute it beside the embedding."""

    uid = f"vader-{VADER_SCALE}-{VADER_MAX_CHARS}"

    def text_features(self, text: str) -> np.ndarray:
        return vader_features(text)


#: the log-odds a message's words of distress add to its negative class, in a turn (chosen on airline
#: customers' tweets: macro-F1 61.6 → 62.9 at 1.0, 62.7 at 0.5, 62.5 at 1.5)
DISTRESS_WEIGHT = 1.0
# a slip the customer owns up to ("sorry i meant canada"): the odds of negative divided by e^SLIP_WEIGHT
SLIP_WEIGHT = 3.0


@dataclass(frozen=True)
class Sentiment:
    label: str
    score: float  # signed: -1 (very negative) … +1 (very positive)
    confidence: float

    def as_dict(self) -> dict[str, object]:
        return {"label": self.label, "score": round(self.score, 3)}


class SentimentHead:
    """Negative / neutral / positive from the embedding, with a signed score."""

    def __init__(self, head: LinearHead, words: Lexical | None = None, english: LinearHead | None = None,
                 english_words_weight: float | None = None, style: bool = False) -> None:
        """``english``, if given, is a head over ``[vector, vader_features(text)]`` for English messages
        (``[vector, vader_features(text), style_features(text)]`` if ``style``);
        ``english_words_weight`` the words' weight beside it (the word model's own if None)."""
        for h in (head, english):
            if h is not None and tuple(h.labels) != LABELS:
                raise ValueError(f"a sentiment head has the labels {LABELS}, not {h.labels}")
        self.head = head
        self.words = words
        self.english = english
        self.english_words_weight = english_words_weight
        self.vader = Vader()  # read only by the English head
        self.style = Style() if style and english is not None else None

    def text_models(self) -> dict[str, TextModel]:
        """What an encoder's process may compute for this head, by slot (``ProcessEncoder.offload``)."""
        models: dict[str, TextModel] = {"sentiment_words": self.words} if self.words is not None else {}
        if self.english is not None:
            models["vader"] = self.vader
        if self.style is not None:
            models["style"] = self.style
        return models

    @classmethod
    def load(cls, path: Path) -> "SentimentHead":
        with np.load(path, allow_pickle=False) as z:
            words = Lexical.from_arrays(z, WORDS_PREFIX)
            english = (LinearHead(z[f"{ENGLISH_PREFIX}weights"], z[f"{ENGLISH_PREFIX}bias"], LABELS)
                       if f"{ENGLISH_PREFIX}weights" in z else None)
            key = f"{ENGLISH_PREFIX}{WORDS_PREFIX}weight"
            english_words_weight = float(z[key]) if key in z else None
            style = bool(z[f"{ENGLISH_PREFIX}style"]) if f"{ENGLISH_PREFIX}style" in z else False
        if english is not None:
            vader_features("warm")  # its lexicon loads now, not during a customer's first turn
        return cls(LinearHead.load(path), words, english, english_words_weight, style)

    def save(self, path: Path) -> None:
        extra = self.words.to_arrays(WORDS_PREFIX) if self.words else {}
        if self.english is not None:
            extra |= {f"{ENGLISH_PREFIX}weights": self.english.weights, f"{ENGLISH_PREFIX}bias": self.english.bias}
        if self.english_words_weight is not None:
            extra[f"{ENGLISH_PREFIX}{WORDS_PREFIX}weight"] = np.array(self.english_words_weight, np.float32)
        if self.style is not None:
            extra[f"{ENGLISH_PREFIX}style"] = np.array(True)
        self.head.save(path, **extra)

    def probabilities(self, vector: np.ndarray, text: str | None = None, language: str | None = None) -> np.ndarray:
        weight = None
        if language == "en" and text and self.english is not None:
            x = [np.ravel(vector), self.vader.features(text)]
            if self.style is not None:
                x.append(self.style.features(text))
            p = self.english.probabilities(np.concatenate(x))[0]
            weight = self.english_words_weight
        else:
            p = self.head.probabilities(vector)[0]
        return self.words.mix(np.log(p + 1e-12), text, weight) if self.words is not None else p

    def classify(self, vector: np.ndarray, text: str | None = None, language: str | None = None,
                 distress: bool = False, slip: bool = False) -> Sentiment:
        """``distress``: the message has words of frustration or anger (``assistant.intents.distress``),
        which tweets taught the head too little of ("c'est une honte" −0.10): they multiply the odds of
        negative by e^``DISTRESS_WEIGHT`` (docs/measurements.md, "Words of distress in a turn's sentiment").
        ``slip``: the customer owns up to a slip of their own ("sorry i meant canada", −0.87 as the head hears it):
        the odds of negative divided by e^``SLIP_WEIGHT``."""
        p = self.probabilities(vector, text, language)
        if distress or slip:
            p = p * np.array([np.exp(DISTRESS_WEIGHT if distress else -SLIP_WEIGHT), 1.0, 1.0])
            p = p / p.sum()
        i = int(np.argmax(p))
        return Sentiment(LABELS[i], float(p[2] - p[0]), float(p[i]))


def trend(scores: Sequence[float], window: int = 3) -> dict[str, object]:
    """Where the conversation's mood is going: the last scores against the ones before."""
    if not scores:
        return {"direction": "flat", "delta": 0.0, "last": 0.0, "mean": 0.0, "recent": 0.0}
    recent = list(scores[-window:])
    earlier = list(scores[:-window][-window:])
    if not earlier:  # too short to have a direction: compare the last message with the first
        earlier = list(scores[:1]) if len(scores) > 1 else list(scores)
    delta = sum(recent) / len(recent) - sum(earlier) / len(earlier)  # a few numbers: no arrays
    direction = "falling" if delta <= -0.3 else "rising" if delta >= 0.3 else "flat"
    return {
        "direction": direction,
        "delta": round(delta, 3),
        "last": round(float(scores[-1]), 3),
        "mean": round(sum(scores) / len(scores), 3),
        "recent": round(sum(recent) / len(recent), 3),
    }


screen_all(globals())  # the patterns above, each searched for a word it needs first (assistant.screening)
