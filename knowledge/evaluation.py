"""Retrieval quality on labelled intent data: top-1, top-5, and the in-scope decision.

Each set becomes a knowledge base with one document per intent whose
``questions`` are that intent's training phrasings (as Tandem is judged); the
held-out phrasings are then searched. Out-of-scope queries, where a set has
them, measure how often ``in_scope`` is rightly false.
"""
from __future__ import annotations

import csv
import json
import random
import time
from collections.abc import AsyncIterator, Callable, Sequence
from contextlib import AbstractAsyncContextManager
from dataclasses import dataclass, field
from pathlib import Path

from knowledge.base import DocumentIn, KnowledgeBase, rivals

Pairs = list[tuple[str, str]]


@dataclass
class EvalSet:
    name: str
    train: Pairs
    test: Pairs
    oos: list[str] = field(default_factory=list)
    language: str | None = None


def _split(pairs: Pairs, ratio: float, seed: int) -> tuple[Pairs, Pairs]:
    by: dict[str, list[str]] = {}
    for text, label in pairs:
        by.setdefault(label, []).append(text)
    rng = random.Random(seed)
    train: Pairs = []
    test: Pairs = []
    for label in sorted(by):
        texts = by[label][:]
        rng.shuffle(texts)
        n = max(1, round(len(texts) * ratio)) if len(texts) > 1 else 1
        train += [(t, label) for t in texts[:n]]
        test += [(t, label) for t in texts[n:]]
    return train, test


def banking77(data: Path, seed: int = 13) -> EvalSet:
    with (data / "banking77" / "train.csv").open(encoding="utf-8") as f:
        pairs = [(r["text"], r["category"]) for r in csv.DictReader(f)]
    train, test = _split(pairs, 0.8, seed)
    return EvalSet("banking77", train, test, language="en")


def clinc150(data: Path) -> EvalSet:
    d = json.loads((data / "clinc150" / "dev.json").read_text(encoding="utf-8"))
    return EvalSet("clinc150", [tuple(x) for x in d["train"]], [tuple(x) for x in d["val"]],  # type: ignore[misc]
                   oos=[x[0] for x in d["oos_val"]], language="en")


def wikit_fr(data: Path, seed: int = 13) -> EvalSet:
    with (data / "wikit_fr" / "training_dataset.csv").open(encoding="utf-8") as f:
        pairs = [(r["utterance"], r["intent"]) for r in csv.DictReader(f)]
    train, test = _split(pairs, 0.7, seed)
    return EvalSet("wikit_fr", train, test, language="fr")


LOADERS: dict[str, Callable[[Path], EvalSet]] = {"banking77": banking77, "clinc150": clinc150, "wikit_fr": wikit_fr}


def intent_documents(pairs: Pairs, language: str | None) -> list[DocumentIn]:
    by: dict[str, list[str]] = {}
    for text, label in pairs:
        by.setdefault(label, []).append(text)
    return [
        DocumentIn(id=label, title=label.replace("_", " "), text=label.replace("_", " "), questions=tuple(qs),
                   language=language)
        for label, qs in sorted(by.items())
    ]


@dataclass
class Report:
    name: str
    documents: int
    phrasings: int
    queries: int
    top1: float
    top5: float
    in_scope_top1: float  # right document and judged in scope
    oos_recall: float | None
    oos_precision: float | None
    ingest_s: float
    search_ms_p50: float
    asked: float = 0.0  # share of the queries whose top two are rivals: a turn asks which one (``rivals``)
    asked_first_right: float = 0.0  # of those, the first was the right document
    asked_either_right: float = 0.0  # of those, one of the two was

    def line(self) -> str:
        oos = (f"  oos recall {self.oos_recall:.3f} precision {self.oos_precision:.3f}"
               if self.oos_recall is not None else "")
        return (f"{self.name:10s} docs {self.documents:4d} phrasings {self.phrasings:6d} queries {self.queries:5d}  "
                f"top-1 {self.top1:.4f}  top-5 {self.top5:.4f}  in-scope top-1 {self.in_scope_top1:.4f}{oos}  "
                f"ingest {self.ingest_s:.1f}s  search p50 {self.search_ms_p50:.2f}ms  "
                f"asked which of two {self.asked:.1%} (first right {self.asked_first_right:.2f}, "
                f"either {self.asked_either_right:.2f})")


async def evaluate(kb: KnowledgeBase, s: EvalSet, batch: int = 20) -> Report:
    docs = intent_documents(s.train, s.language)
    t0 = time.perf_counter()
    for i in range(0, len(docs), batch):
        await kb.upsert(docs[i: i + batch])
    ingest_s = time.perf_counter() - t0
    top1 = top5 = in_top1 = in_scope_count = asked = asked_first = asked_either = 0
    n = len(s.test)
    times: list[float] = []
    for text, label in s.test:
        t = time.perf_counter()
        r = await kb.search(text, k=5)
        times.append((time.perf_counter() - t) * 1000)
        ids = [h.document_id for h in r.hits]
        top1 += bool(ids) and ids[0] == label
        top5 += label in ids
        in_top1 += bool(ids) and ids[0] == label and r.in_scope
        in_scope_count += r.in_scope
        if rivals(r):
            asked += 1
            asked_first += ids[0] == label
            asked_either += label in ids[:2]
    oos_recall = oos_precision = None
    if s.oos:
        flagged_oos = 0
        for q in s.oos:
            flagged_oos += not (await kb.search(q, k=1)).in_scope
        flagged_in = n - in_scope_count
        oos_recall = flagged_oos / len(s.oos)
        oos_precision = flagged_oos / (flagged_oos + flagged_in) if flagged_oos + flagged_in else 0.0
    times.sort()
    return Report(s.name, len(docs), len(s.train), n, top1 / n, top5 / n, in_top1 / n, oos_recall, oos_precision,
                  ingest_s, times[len(times) // 2] if times else 0.0, asked / n if n else 0.0,
                  asked_first / asked if asked else 0.0, asked_either / asked if asked else 0.0)


async def run(make_kb: Callable[[str], AbstractAsyncContextManager[KnowledgeBase]], data: Path,
              sets: Sequence[str]) -> AsyncIterator[Report]:
    for name in sets:
        s = LOADERS[name](data)
        async with make_kb(name) as kb:
            yield await evaluate(kb, s)
