"""The retrieval action as one would write it for rasa-sdk's own action server (Sanic).

``tandem bench`` starts ``python -m rasa_sdk --actions assistant.bench_actions`` beside
Tandem and sends both the same Rasa webhook calls. This module answers from the
same knowledge (the bench writes it to ``TANDEM_BENCH_DOCS``) with the same encoder
and a FAISS index: encode the message, search, utter the best document with its
source, all in the action as rasa-sdk runs it.
"""
from __future__ import annotations

import json
import os
from typing import Any

import numpy as np
from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from knowledge.encoders import load_encoder
from knowledge.index import VectorIndex

_DOCS: list[dict[str, Any]] = json.loads(open(os.environ["TANDEM_BENCH_DOCS"], encoding="utf-8").read())
_ENCODER = load_encoder(os.environ.get("TANDEM_BENCH_ENCODER", "use-m3"))
_OWNER = [i for i, d in enumerate(_DOCS) for _ in d["questions"]]
_INDEX = VectorIndex.build(_ENCODER.dim, np.arange(len(_OWNER)),
                           _ENCODER.encode([q for d in _DOCS for q in d["questions"]]))


class ActionAnswer(Action):
    def name(self) -> str:
        return "action_tandem_search"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[Any]:
        text = (tracker.latest_message or {}).get("text") or ""
        hits = _INDEX.search(_ENCODER.encode([text], query=True), 5)[0]
        if hits:
            doc = _DOCS[_OWNER[hits[0][0]]]
            dispatcher.utter_message(text=doc["text"], json_message={"sources": [
                {"document_id": doc["id"], "title": doc["title"], "score": round(hits[0][1], 4)}]})
        return []
