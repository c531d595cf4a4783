"""``tandem eval nba``: does the next-best-action ranking put the document a real agent sent on top?

Data: customer-care conversations (the Twitter CDP format: ``dialogContent`` with the
customer's messages, ``agentURL.doc_id`` the support document the agent sent,
``dialogHeader.company``). Each fold's catalogue is built from the *other*
conversations only, through the same ``Catalogue`` / ``Ranker`` as the server:

- one ``article`` action per document, ``about`` = the customer messages that led an
  agent to send it and the agent's own words when sending it (its link removed);
- eligible only for the companies that sent it (``company in [...]``, the rule language);
- propensity = what the agents' clicks teach: each training conversation is replayed
  as ``accepted`` for the document sent, ``dismissed`` for those ranked above it.

Reported: hit@1 and hit@5 of the document sent, by relevance alone and by the full
ranking, and the share of test conversations whose document exists in the catalogue.
"""
from __future__ import annotations

import json
import random
import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import numpy as np

from handoff.expr import compile_rule
from handoff.nba import FUNCTIONS, Action, Catalogue, Ranker, Stats, Weights, situation

_URL = re.compile(r"https?://\S+")
_MENTION = re.compile(r"@\w+")


def clean(text: str) -> str:
    text = _URL.sub(" ", text)
    text = _MENTION.sub(" ", text)
    text = re.sub(r"\blink\b", " ", text)
    text = re.sub(r"&amp;", "&", text)
    return re.sub(r"\s+", " ", text).strip()


@dataclass(frozen=True)
class Case:
    said: str
    doc: str
    company: str
    agent_words: str


def load_cases(path: Path) -> list[Case]:
    raw = json.loads(path.read_text(encoding="utf-8"))
    out: list[Case] = []
    for d in raw:
        said = " ".join(clean(m.get("message") or "") for m in d.get("dialogContent") or [])
        agent = d.get("agentURL") or {}
        if not said or not agent.get("doc_id"):
            continue
        out.append(Case(said=said, doc=str(agent["doc_id"]), company=str((d.get("dialogHeader") or {}).get("company")),
                        agent_words=clean(agent.get("url_utterance") or "")))
    return out


def build_catalogue(train: Sequence[Case], weights: Weights) -> Catalogue:
    about: dict[str, list[str]] = defaultdict(list)
    companies: dict[str, set[str]] = defaultdict(set)
    for c in train:
        about[c.doc].append(c.said)
        if c.agent_words:
            about[c.doc].append(c.agent_words)
        companies[c.doc].add(c.company)
    actions = tuple(
        Action(id=doc, kind="article", title=doc, about=tuple(texts), document_id=doc,
               when=compile_rule(f"company in {json.dumps(sorted(companies[doc]), ensure_ascii=False)}", FUNCTIONS))
        for doc, texts in sorted(about.items())
    )
    return Catalogue(actions, weights)


def _situation(case: Case) -> Any:
    sit = situation(None, [{"type": "customer_message", "text": case.said}])
    sit.context["company"] = case.company
    return replace(sit, segment=case.company)


def _fold(train: Sequence[Case], test: Sequence[Case], vectors: Any, weights: Weights) -> dict[str, int]:
    """Build the catalogue and the clicks from ``train``; count hits on ``test``.

    ``vectors(texts, query)`` gives unit rows (the catalogue's phrasings as passages,
    the conversations as queries, as the server does)."""
    cat = build_catalogue(train, weights)
    pairs = cat.phrasings()
    phrasings = vectors([t for _, t in pairs], False)
    owners = [i for i, _ in pairs]
    ranker = Ranker(cat, phrasings, owners)
    plain = Ranker(replace(cat, weights=replace(weights, value=0.0, propensity=0.0)), phrasings, owners)
    # the agents' clicks, replayed: what was sent is accepted, what ranked above it dismissed
    stats = Stats()
    for c, v in zip(train, vectors([c.said for c in train], True)):
        for aid in [s["id"] for s in plain.rank(_situation(c), v, Stats(), k=5).suggestions]:
            if aid == c.doc:
                break
            stats.add(aid, c.company, accepted=False)
        stats.add(c.doc, c.company, accepted=True)
    known = {a.id for a in cat.actions}
    counts = {"n": 0, "covered": 0, "r1": 0, "r5": 0, "h1": 0, "h5": 0}
    for c, v in zip(test, vectors([c.said for c in test], True)):
        counts["n"] += 1
        counts["covered"] += c.doc in known
        for at1, at5, r, st in (("r1", "r5", plain, Stats()), ("h1", "h5", ranker, stats)):
            ids = [s["id"] for s in r.rank(_situation(c), v, st, k=5).suggestions]
            counts[at1] += ids[:1] == [c.doc]
            counts[at5] += c.doc in ids
    return counts


def _report(counts: dict[str, int]) -> dict[str, Any]:
    n = max(1, counts["n"])
    return {
        "conversations": counts["n"],
        "in_catalogue": round(counts["covered"] / n, 3),
        "relevance_hit@1": round(counts["r1"] / n, 3),
        "relevance_hit@5": round(counts["r5"] / n, 3),
        "hit@1": round(counts["h1"] / n, 3),
        "hit@5": round(counts["h5"] / n, 3),
    }


def _eval_weights(weights: Weights | None) -> Weights:
    return replace(weights or Weights(), min_relevance=-1.0, thompson=False)


def evaluate(cases: Sequence[Case], encode: Any, *, folds: int = 5, seed: int = 13,
             weights: Weights | None = None) -> dict[str, Any]:
    """k-fold over conversations; ``encode(texts, query) -> unit rows``."""
    order = list(range(len(cases)))
    random.Random(seed).shuffle(order)
    cache: dict[tuple[str, bool], np.ndarray] = {}

    def vectors(texts: Sequence[str], query: bool) -> np.ndarray:
        missing = [t for t in dict.fromkeys(texts) if (t, query) not in cache]
        if missing:
            for t, v in zip(missing, encode(missing, query)):
                cache[(t, query)] = v
        return np.stack([cache[(t, query)] for t in texts]) if texts else np.zeros((0, 1), dtype=np.float32)

    total: dict[str, int] = {}
    for f in range(folds):
        test = [cases[i] for i in order[f::folds]]
        train = [cases[i] for j, i in enumerate(order) if j % folds != f]
        for key, value in _fold(train, test, vectors, _eval_weights(weights)).items():
            total[key] = total.get(key, 0) + value
    report = _report(total)
    return {"conversations": report.pop("conversations"), "folds": folds, **report}


def evaluate_split(train: Sequence[Case], test: Sequence[Case], encode: Any,
                   weights: Weights | None = None) -> dict[str, Any]:
    """Train on one file, test on another: the catalogue and the clicks come from ``train`` only."""

    def vectors(texts: Sequence[str], query: bool) -> np.ndarray:
        return encode(list(texts), query) if texts else np.zeros((0, 1), dtype=np.float32)

    return _report(_fold(train, test, vectors, _eval_weights(weights)))
