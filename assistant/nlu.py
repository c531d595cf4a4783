"""Understanding one customer message: language, sentiment, a request for a human, a sensitive topic.

Everything reuses the one sentence embedding the turn computes for retrieval.
"""
from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

import numpy as np

from assistant.intents import HumanRequestDetector, sensitive_topic
from assistant.language import detect_language
from assistant.sentiment import Sentiment, SentimentHead


@dataclass(frozen=True)
class Analysis:
    language: str
    sentiment: Sentiment
    human_request: bool
    sensitive_topic: str | None
    vector: np.ndarray = field(repr=False)

    def as_dict(self) -> dict[str, object]:
        return {
            "language": self.language,
            "sentiment": self.sentiment.as_dict(),
            "human_request": self.human_request,
            "sensitive_topic": self.sensitive_topic,
        }


class Analyzer:
    def __init__(
        self,
        embed: Callable[[str], Awaitable[np.ndarray]],
        sentiment: SentimentHead,
        human: HumanRequestDetector,
    ) -> None:
        self._embed = embed
        self._sentiment = sentiment
        self._human = human

    async def analyze(self, text: str, language: str | None = None, default_language: str = "en",
                      vector: np.ndarray | None = None) -> Analysis:
        if vector is None:
            vector = await self._embed(text)
        lang = language or detect_language(text, default_language) or default_language
        return Analysis(
            language=lang,
            sentiment=self._sentiment.classify(vector, text, lang),
            human_request=self._human.detect(text, vector),
            sensitive_topic=sensitive_topic(text),
            vector=vector,
        )
