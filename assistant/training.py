"""`tandem train …`: fit the small heads over sentence embeddings, reproducibly.

- sentiment: XLM-T English and French tweets (train splits), scored on their validation splits;
- human: bitext customer-service utterances, ``contact_human_agent`` against every other
  intent, plus a few French and English phrasings written for Tandem; 30 % held out.

Heads are written to ``configs/models/<what>-<encoder>.npz`` and loaded at start.
"""
from __future__ import annotations

import csv
import json
import random
from pathlib import Path

import numpy as np

from assistant.config import Config
from assistant.heads import LinearHead, binary_f1, fit_softmax, macro_f1
from assistant.intents import HUMAN_PROTOTYPES, HumanRequestDetector, is_human_request
from assistant.sentiment import LABELS, VADER_SCALE, SentimentHead, vader_features
from knowledge.encoders import Encoder, load_encoder
from knowledge.layer import fit_lexical

SENTIMENT_LANGUAGES = {"xlmt_english": "en", "xlmt_french": "fr"}
SENTIMENT_SETS = tuple(SENTIMENT_LANGUAGES)

# Said to a bank or telecom bot, and not a request for a person.
NOT_HUMAN = [
    "quel est le numéro du service client ?", "comment contacter le service client par mail ?",
    "what is the customer service phone number?", "the advisor at the branch was very helpful",
    "comment faire un virement", "j'ai perdu ma carte", "my card was declined abroad",
    "je veux résilier mon forfait", "how do I reset my password", "merci beaucoup, bonne journée",
]


def _lines(path: Path) -> list[str]:
    return [line.rstrip("\n") for line in path.open(encoding="utf-8")]


def load_tweets(folder: Path, split: str) -> tuple[list[str], list[int]]:
    return _lines(folder / f"{split}_text.txt"), [int(x) for x in _lines(folder / f"{split}_labels.txt")]


def head_path(config: Config, what: str, encoder_name: str) -> Path:
    return config.config_dir / "models" / f"{what}-{encoder_name}.npz"


def train_sentiment(config: Config, data: Path, encoder: Encoder, l2: float = 1e-3, epochs: int = 300,
                    words_weight: float = 0.2, words_c: float = 3.0, english_epochs: int = 1000) -> dict:
    xs, ys, extra, all_texts = [], [], [], []
    for name in SENTIMENT_SETS:
        texts, labels = load_tweets(data / "sentiment" / name, "train")
        xs.append(encoder.encode(texts, query=True))  # as a turn embeds a message
        ys.append(np.array(labels))
        all_texts += texts
        if SENTIMENT_LANGUAGES[name] == "en":  # VADER's scores, and 0 for "not English"
            extra.append(np.array([np.r_[vader_features(t), 0.0] for t in texts], np.float32))
        else:  # no scores, and a "not English" column that takes the other languages' offset
            extra.append(np.tile(np.r_[np.zeros(4), VADER_SCALE], (len(texts), 1)).astype(np.float32))
    x, y = np.vstack(xs), np.concatenate(ys)
    w, b = fit_softmax(x, y, len(LABELS), l2=l2, epochs=epochs)
    head = LinearHead(w, b, LABELS)
    # The English head: fitted on both languages (the French rows teach it the shared embedding
    # directions), used only for English; its "not English" column is dropped, always 0 there.
    we, be = fit_softmax(np.hstack([x, np.vstack(extra)]), y, len(LABELS), l2=l2, epochs=english_epochs)
    english = LinearHead(we[:, :-1], be, LABELS)
    words = fit_lexical(all_texts, y, len(LABELS), weight=words_weight, c=words_c, max_iter=1000, balanced=True)
    models = (("", SentimentHead(head, words, english)), ("without_vader_", SentimentHead(head, words)),
              ("embedding_only_", SentimentHead(head)))
    scores = {}
    for name in SENTIMENT_SETS:
        texts, labels = load_tweets(data / "sentiment" / name, "val")
        vectors = encoder.encode(texts, query=True)
        for key, model in models:
            if key == "without_vader_" and SENTIMENT_LANGUAGES[name] != "en":
                continue  # the same model as the full one there
            pred = [int(model.probabilities(v, t, SENTIMENT_LANGUAGES[name]).argmax()) for v, t in zip(vectors, texts)]
            scores[f"{name}_val_{key}macro_f1"] = round(100 * macro_f1(labels, pred), 1)
    head.meta = {"encoder": encoder.name, "train": list(SENTIMENT_SETS), "l2": l2, "epochs": epochs,
                 "words_weight": words_weight, "words_c": words_c, "english_head": "embedding + VADER",
                 "english_epochs": english_epochs, **scores}
    out = head_path(config, "sentiment", encoder.name)
    models[0][1].save(out)
    return {"written": str(out), **head.meta}


def train_human(config: Config, data: Path, encoder: Encoder, seed: int = 3, l2: float = 1e-3,
                epochs: int = 300) -> dict:
    with (data / "bitext" / "utterances_20k.csv").open(encoding="utf-8-sig") as f:
        rows = [(r["utterance"], r["intent"] == "contact_human_agent") for r in csv.DictReader(f)]
    random.Random(seed).shuffle(rows)
    cut = int(len(rows) * 0.7)
    train, held = rows[:cut], rows[cut:]
    train += [(t, True) for t in HUMAN_PROTOTYPES] + [(t, False) for t in NOT_HUMAN]
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
    head.meta = {"encoder": encoder.name, "train": "bitext 70% + hand-written", "seed": seed, **scores}
    out = head_path(config, "human", encoder.name)
    head.save(out)
    return {"written": str(out), **head.meta}


def train(config: Config, what: str, data: Path, encoder_name: str) -> str:
    encoder = load_encoder(encoder_name, threads=2)
    fn = {"sentiment": train_sentiment, "human": train_human}[what]
    return json.dumps(fn(config, data, encoder))
