"""`tandem train …`: fit the small heads over sentence embeddings, reproducibly.

- sentiment: XLM-T English and French tweets: fitted on the train splits and scored on the
  validation splits, then (what is written) fitted on both;
- human: bitext customer-service utterances, ``contact_human_agent`` against every other
  intent, plus French and English phrasings written for Tandem and, as French text that asks
  for nobody, XLM-T's French training tweets; 30 % of bitext held out.

Heads are written to ``configs/models/<what>-<encoder>.npz`` and loaded at start.
"""
from __future__ import annotations

import csv
import json
import random
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np

from assistant.config import Config
from assistant.heads import LinearHead, binary_f1, fit_softmax, macro_f1
from assistant.intents import HUMAN_PROTOTYPES, HumanRequestDetector, is_human_request
from assistant.sentiment import (LABELS, STYLE_FEATURES, VADER_SCALE, SentimentHead, sentiment_text, style_features,
                                 vader_features)
from knowledge.encoders import ConcatEncoder, Encoder, load_encoder
from knowledge.layer import fit_lexical

SENTIMENT_LANGUAGES = {"xlmt_english": "en", "xlmt_french": "fr"}
SENTIMENT_SETS = tuple(SENTIMENT_LANGUAGES)

# Said to a bank or telecom bot, and not a request for a person: thanks, praise of an agent, people
# who are not wanted ("someone used my card"), a person declined.
NOT_HUMAN = [
    "quel est le numéro du service client ?", "comment contacter le service client par mail ?",
    "what is the customer service phone number?", "the advisor at the branch was very helpful",
    "comment faire un virement", "j'ai perdu ma carte", "my card was declined abroad",
    "je veux résilier mon forfait", "how do I reset my password", "merci beaucoup, bonne journée",
    "thank you so much", "thanks a lot, bye", "great, that helped", "ok perfect",
    "your agent solved my problem last week, thanks", "the advisor I met was lovely",
    "how do I become a financial advisor", "are you hiring staff?", "how many people work at the bank",
    "somebody used my card without permission", "a person called me pretending to be from the bank",
    "can another person withdraw from my account", "who can I name as beneficiary",
    "no need for a person, I'll read the FAQ", "what's the support email address",
    "is the branch open on saturday", "I received a text from someone", "add my partner to the account",
    "merci", "merci, bonne journée", "super, merci pour votre aide", "d'accord parfait",
    "le conseiller en agence était très aimable", "comment devenir conseiller bancaire ?", "vous recrutez ?",
    "combien de personnes travaillent chez vous ?", "quelqu'un a retiré de l'argent avec ma carte",
    "une personne m'a appelé en se faisant passer pour la banque", "pas besoin de parler à quelqu'un, je lis la FAQ",
    "quelle est l'adresse mail du service client ?", "l'agence est-elle ouverte le samedi ?",
    "ajouter mon conjoint sur le compte", "mon conseiller est-il en congé ?", "j'ai reçu un SMS bizarre",
]


def _lines(path: Path) -> list[str]:
    return [line.rstrip("\n") for line in path.open(encoding="utf-8")]


def load_tweets(folder: Path, split: str) -> tuple[list[str], list[int]]:
    return _lines(folder / f"{split}_text.txt"), [int(x) for x in _lines(folder / f"{split}_labels.txt")]


def head_path(config: Config, what: str, encoder_name: str, *, written: bool = False) -> Path:
    """Where a head is read from (the company's own, else the shipped one), or ``written`` to: the config dir's."""
    name = f"models/{what}-{encoder_name}.npz"
    return config.config_dir / name if written else config.config_file(name)


@dataclass(frozen=True)
class SentimentRecipe:
    """How the sentiment heads are fitted; the defaults were chosen by ``--folds`` cross-validation
    (docs/measurements.md). For a pair of encoders (``a+b``) each head is one logistic regression per
    encoder, averaged in log space with ``*_part_weights`` (folded into one linear head over the pair's
    vector: ``w_a·log p_a + w_b·log p_b`` renormalised is a softmax of the weighted logits).
    ``solver``: "logistic" (scikit-learn's, L2 ``1/C``) or "softmax" (``fit_softmax``: gradient descent,
    balanced classes, ``l2`` and ``epochs``), the turn's head's."""

    solver: str = "logistic"
    l2: float = 1e-3
    epochs: int = 300
    english_epochs: int = 1000
    c: float = 3.0  # the head for every language but English (sklearn's C)
    english_c: float = 2.0
    vader: float = 1.0  # VADER's scores' scale beside the unit embedding while fitting
    part_weights: tuple[float, float] = (1.0, 0.0)
    english_part_weights: tuple[float, float] = (0.8, 0.2)
    words_weight: float = 0.3
    english_words_weight: float | None = 0.1  # None: the words' weight for every language
    words_c: float = 3.0
    style: float = 0.0  # the English head's style features (``style_features``), at this scale; 0: none


# POST /v1/analyze's encoders (the default): the recipe chosen by 5-fold CV on XLM-T train + val.
ANALYSIS_RECIPE = SentimentRecipe(style=1.0)
# The turn's own (use-m3): the analysis recipe scores 65.4 / 66.4 on val there, this one 67.7 / 67.0.
TURN_RECIPE = SentimentRecipe(solver="softmax", vader=VADER_SCALE, words_weight=0.2, english_words_weight=None)
RECIPES = {"use-m3": TURN_RECIPE}


@dataclass
class _Tweets:
    texts: list[str]
    english: np.ndarray  # bool, a row per text
    labels: np.ndarray
    vectors: np.ndarray  # as the encoder gives them, as a turn or an analysis sees them
    parts: list[np.ndarray]  # each encoder's own vectors (``vectors`` itself for a single encoder)
    vader: np.ndarray  # VADER's raw scores (0 for non-English rows)
    style: np.ndarray | None = None  # style_features (0 for non-English rows); None: zeros

    def __post_init__(self) -> None:
        if self.style is None:
            self.style = np.zeros((len(self.texts), STYLE_FEATURES), np.float32)

    def take(self, rows: np.ndarray) -> "_Tweets":
        return _Tweets([self.texts[i] for i in rows], self.english[rows], self.labels[rows], self.vectors[rows],
                       [p[rows] for p in self.parts], self.vader[rows], self.style[rows])

    def __add__(self, other: "_Tweets") -> "_Tweets":
        return _Tweets(self.texts + other.texts, np.r_[self.english, other.english], np.r_[self.labels, other.labels],
                       np.vstack([self.vectors, other.vectors]),
                       [np.vstack([a, b]) for a, b in zip(self.parts, other.parts)],
                       np.vstack([self.vader, other.vader]), np.vstack([self.style, other.style]))


def _tweets(data: Path, split: str, encoder: Encoder) -> _Tweets:
    texts: list[str] = []
    labels: list[int] = []
    english: list[bool] = []
    for name in SENTIMENT_SETS:
        t, y = load_tweets(data / "sentiment" / name, split)
        texts += t
        labels += y
        english += [SENTIMENT_LANGUAGES[name] == "en"] * len(t)
    vectors = encoder.encode([sentiment_text(t) for t in texts], query=True)  # as an analysis embeds a message
    parts = encoder.split(vectors) if isinstance(encoder, ConcatEncoder) else [vectors]
    vader = np.array([vader_features(t) / VADER_SCALE if en else np.zeros(4) for t, en in zip(texts, english)],
                     np.float32)
    style = np.array([style_features(t) if en else np.zeros(STYLE_FEATURES) for t, en in zip(texts, english)],
                     np.float32)
    return _Tweets(texts, np.array(english), np.array(labels), vectors, parts, vader, style)


def _fit(x: np.ndarray, y: np.ndarray, recipe: SentimentRecipe, c: float, epochs: int) -> tuple[np.ndarray, np.ndarray]:
    if recipe.solver == "softmax":
        return fit_softmax(x, y, len(LABELS), l2=recipe.l2, epochs=epochs)
    from sklearn.linear_model import LogisticRegression

    model = LogisticRegression(C=c, max_iter=2000).fit(x, y)
    return model.coef_.astype(np.float32), model.intercept_.astype(np.float32)


def fit_sentiment(tweets: _Tweets, recipe: SentimentRecipe, *, vader: bool = True, words: bool = True) -> SentimentHead:
    """Both heads and the word model on ``tweets`` (English and French alike: the French rows teach
    the English head the shared embedding directions too)."""
    gain = np.sqrt(2.0) if len(tweets.parts) == 2 else 1.0  # a pair's vector is [a, b] / sqrt(2)
    y = tweets.labels

    def head(weights: tuple[float, ...], c: float, epochs: int, extra: np.ndarray | None) -> LinearHead:
        blocks, bias, tail = [], np.zeros(len(LABELS), np.float32), 0.0
        for part, w in zip(tweets.parts, weights if len(tweets.parts) == 2 else (1.0,)):
            if w == 0:
                blocks.append(np.zeros((len(LABELS), part.shape[1]), np.float32))
                continue
            coef, intercept = _fit(part if extra is None else np.hstack([part, extra]), y, recipe, c, epochs)
            blocks.append(w * gain * coef[:, : part.shape[1]])
            tail = tail + w * coef[:, part.shape[1]:]
            bias += w * intercept
        if extra is not None:  # VADER's columns, at the scale vader_features gives; the flag dropped
            blocks.append(tail[:, :4] * recipe.vader / VADER_SCALE)
            if recipe.style:  # the style columns, at the scale style_features gives
                blocks.append(tail[:, 4:4 + STYLE_FEATURES] * recipe.style)
        return LinearHead(np.hstack(blocks), bias, LABELS)

    general = head(recipe.part_weights, recipe.c, recipe.epochs, None)
    english = None
    if vader:  # VADER's scores, and a "not English" column that takes the other languages' offset
        flag = recipe.vader * (~tweets.english)[:, None].astype(np.float32)
        style = [recipe.style * tweets.style] if recipe.style else []
        english = head(recipe.english_part_weights, recipe.english_c, recipe.english_epochs,
                       np.hstack([recipe.vader * tweets.vader, *style, flag]))
    lexical = (fit_lexical(tweets.texts, y, len(LABELS), weight=recipe.words_weight, c=recipe.words_c,
                           max_iter=1000, balanced=True) if words else None)
    return SentimentHead(general, lexical, english, recipe.english_words_weight if lexical else None,
                         style=bool(recipe.style))


def _scores(model: SentimentHead, tweets: _Tweets, key: str = "") -> dict[str, float]:
    scores = {}
    for name in SENTIMENT_SETS:
        en = SENTIMENT_LANGUAGES[name] == "en"
        rows = np.flatnonzero(tweets.english == en)
        pred = [int(model.probabilities(tweets.vectors[i], tweets.texts[i], SENTIMENT_LANGUAGES[name]).argmax())
                for i in rows]
        scores[f"{name}_{key}macro_f1"] = round(100 * macro_f1(list(tweets.labels[rows]), pred), 1)
    return scores


def cross_validate(tweets: _Tweets, recipe: SentimentRecipe, folds: int = 5, seeds: int = 3) -> dict[str, object]:
    """Stratified ``folds``-fold CV per language, fold i of each language held out together, ``seeds``
    shuffles: a choice made on a few hundred validation tweets is mostly noise (±3 points)."""
    from sklearn.model_selection import StratifiedKFold

    per_fold: dict[str, list[float]] = {}
    for seed in range(seeds):
        splits = []
        for en in (True, False):
            rows = np.flatnonzero(tweets.english == en)
            kfold = StratifiedKFold(folds, shuffle=True, random_state=seed)
            splits.append([(rows[a], rows[b]) for a, b in kfold.split(rows, tweets.labels[rows])])
        for (tr_en, te_en), (tr_fr, te_fr) in zip(*splits):
            model = fit_sentiment(tweets.take(np.r_[tr_en, tr_fr]), recipe)
            for k, v in _scores(model, tweets.take(np.r_[te_en, te_fr])).items():
                per_fold.setdefault(k, []).append(v)
    return {f"cv_{k}": [round(float(np.mean(v)), 1), round(float(np.std(v)), 1)] for k, v in per_fold.items()}


def train_sentiment(config: Config, data: Path, encoder: Encoder, recipe: SentimentRecipe | None = None,
                    folds: int = 0) -> dict:
    """Fit on the train splits and score on the val splits (and by cross-validation over both, if
    ``folds``); then write the heads fitted on train + val: with a few thousand tweets, more of them
    still helps (CV English +0.5, French +1.2 from 80 % to 100 % of the folds' training tweets)."""
    recipe = recipe or RECIPES.get(encoder.name, ANALYSIS_RECIPE)
    train, val = _tweets(data, "train", encoder), _tweets(data, "val", encoder)
    held_out = fit_sentiment(train, recipe)
    scores = _scores(held_out, val, "val_")  # and without parts of it, the fitted parts reused
    scores |= _scores(SentimentHead(held_out.head, held_out.words), val, "val_without_vader_")
    scores |= _scores(SentimentHead(held_out.head), val, "val_embedding_only_")
    for name in SENTIMENT_SETS:
        if SENTIMENT_LANGUAGES[name] != "en":
            del scores[f"{name}_val_without_vader_macro_f1"]  # the same model as the full one there
    if folds:
        scores |= cross_validate(train + val, recipe, folds)
    model = fit_sentiment(train + val, recipe)
    model.head.meta = {"encoder": encoder.name, "train": [f"{name} train+val" for name in SENTIMENT_SETS],
                       "scores": "val_*: the same recipe fitted on train only", "recipe": asdict(recipe),
                       "english_head": "embedding + VADER" + (" + style" if recipe.style else ""), **scores}
    out = head_path(config, "sentiment", encoder.name, written=True)
    model.save(out)
    return {"written": str(out), **model.head.meta}


def train_human(config: Config, data: Path, encoder: Encoder, seed: int = 3, l2: float = 1e-3,
                epochs: int = 300) -> dict:
    with (data / "bitext" / "utterances_20k.csv").open(encoding="utf-8-sig") as f:
        rows = [(r["utterance"], r["intent"] == "contact_human_agent") for r in csv.DictReader(f)]
    random.Random(seed).shuffle(rows)
    cut = int(len(rows) * 0.7)
    train, held = rows[:cut], rows[cut:]
    train += [(t, True) for t in HUMAN_PROTOTYPES] + [(t, False) for t in NOT_HUMAN]
    # bitext is English only: French tweets teach the head that French alone is no request for a person
    train += [(t, False) for t in load_tweets(data / "sentiment" / "xlmt_french", "train")[0]]
    x = encoder.encode([t for t, _ in train])
    y = np.array([int(v) for _, v in train])
    w, b = fit_softmax(x, y, 2, l2=l2, epochs=epochs)
    head = LinearHead(w, b, ("other", "human"))
    p = head.probabilities(encoder.encode([t for t, _ in held]))[:, 1]  # the head alone
    gold = [v for _, v in held]
    detector = HumanRequestDetector(head)
    vectors = encoder.encode([t for t, _ in held])
    detector_pred = [detector.detect(t, v) for (t, _), v in zip(held, vectors)]
    pattern_pred = [is_human_request(t) for t, _ in held]
    scores = {
        "held_out": len(held),
        "head_f1": round(binary_f1(gold, [bool(pi >= 0.5) for pi in p])[2], 4),
        "detector_precision_recall_f1": [round(v, 4) for v in binary_f1(gold, detector_pred)],
        "patterns_only_f1": round(binary_f1(gold, pattern_pred)[2], 4),
    }
    head.meta = {"encoder": encoder.name, "train": "bitext 70% + hand-written + XLM-T French train tweets", "seed": seed, **scores}
    out = head_path(config, "human", encoder.name, written=True)
    head.save(out)
    return {"written": str(out), **head.meta}


def train(config: Config, what: str, data: Path, encoder_name: str, folds: int = 0) -> str:
    encoder = load_encoder(encoder_name, threads=2)
    if what == "sentiment":
        return json.dumps(train_sentiment(config, data, encoder, folds=folds))
    return json.dumps(train_human(config, data, encoder))
