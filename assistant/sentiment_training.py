"""`tandem train sentiment`: fit the sentiment head on the development tweets, reproducibly."""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np

from assistant.config import Config
from assistant.sentiment import SentimentHead, fit_softmax, load_tweets, macro_f1
from knowledge.encoders import load_encoder

TRAIN_SETS = ("xlmt_english", "xlmt_french")


def train(config: Config, data: Path, encoder_name: str, l2: float = 1e-3, epochs: int = 300) -> str:
    encoder = load_encoder(encoder_name, threads=2)
    xs, ys = [], []
    for name in TRAIN_SETS:
        texts, labels = load_tweets(data / name, "train")
        xs.append(encoder.encode(texts))
        ys.append(np.array(labels))
    w, b = fit_softmax(np.vstack(xs), np.concatenate(ys), l2=l2, epochs=epochs, lr=2.0)
    scores = {}
    head = SentimentHead(w, b)
    for name in TRAIN_SETS:
        texts, labels = load_tweets(data / name, "val")
        pred = head.probabilities(encoder.encode(texts)).argmax(1)
        scores[f"{name}_val_macro_f1"] = round(100 * macro_f1(labels, pred.tolist()), 1)
    head.meta = {"encoder": encoder.name, "train": list(TRAIN_SETS), "l2": l2, "epochs": epochs, **scores}
    out = config.config_dir / "models" / f"sentiment-{encoder.name}.npz"
    head.save(out)
    return json.dumps({"written": str(out), **head.meta})
