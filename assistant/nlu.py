"""Understanding one customer message: language, sentiment, a request for a human, a sensitive topic.

Everything reuses the one sentence embedding the turn computes for retrieval. POST
/v1/analyze, an agent's or an admin's call off the chat's hot path, may score sentiment with
encoders of its own (``[sentiment] analysis_encoder``, e5-small + MiniLM): ~35–50 ms of
encoding a call buys ~4 points of English macro-F1 that every turn could not afford
(docs/measurements.md).
"""
from __future__ import annotations

import asyncio
import re
from collections.abc import Awaitable, Callable
from concurrent.futures import Executor
from dataclasses import dataclass, field

import numpy as np

from assistant.intents import (
    HumanRequestDetector,
    asks_for_call_back,
    asks_for_information,
    asks_for_language,
    distress,
    fold,
    only_a_slip,
    own_file_asked,
    owns_a_slip,
    sarcastic,
    says_it_is_unclear,
    sensitive_topic,
    topic_kind,
    small_talk,
)
from assistant.language import detect_language, written_in_another
from assistant.sentiment import Sentiment, SentimentHead, sentiment_text
from assistant.tone import (tells_a_theft, tells_a_threat_in_person, tells_an_illness, tells_an_injury,
                            tells_someone_hurt)
from knowledge.batching import run_in
from knowledge.encoders import Encoder, load_encoder
from knowledge.texting import unaccented

# thanks or a please said with a request for a person: a polite one, whose warmth the mood keeps
_SARCASM_SCORE = -0.5  # thanks that mean the opposite, read at least this negative
_THANKS = re.compile(r"\b(thanks?|thank you|thx|merci|cheers|please|pls|svp|s'il (?:vous|te) plait|stp)\b")


def displeased(sentiment: Sentiment) -> Sentiment:
    """``sentiment`` of thanks or praise that mean the opposite: negative, at least ``_SARCASM_SCORE``."""
    return Sentiment("negative", min(sentiment.score, _SARCASM_SCORE), sentiment.confidence)


@dataclass(frozen=True)
class Analysis:
    language: str
    sentiment: Sentiment
    human_request: bool
    sensitive_topic: str | None
    vector: np.ndarray = field(repr=False)
    small_talk: str | None = None  # greeting | thanks | goodbye | acknowledgement: a message that is only courtesy
    distress: bool = False  # words of frustration or anger ("inadmissible", "STILL", "!!")
    question: bool = False  # a request for information ("how do I …?", "it was stolen, what do I do?")
    language_asked: str | None = None  # "can you answer in English?": the language the customer asks for
    # "Hola, he perdido mi tarjeta": the language the message is written in when it is neither French nor English
    written_in: str | None = None
    call_back: bool = False  # "call me back on 06…": a call asked for, which the advisor reads in the summary
    topic_kind: str | None = None  # of the sensitive topic, when its first words differ (abuse, money asked to move)

    def kind_of(self, topic: str | None) -> str | None:
        """The kind this message tells of ``topic``, when it is the message's own topic (``topic_kind``)."""
        return self.topic_kind if topic is not None and topic == self.sensitive_topic else None

    def as_dict(self) -> dict[str, object]:
        return {
            "language": self.language,
            "sentiment": self.sentiment.as_dict(),
            "human_request": self.human_request,
            "sensitive_topic": self.sensitive_topic,
            "small_talk": self.small_talk,
        }


class EncodedSentiment:
    """Sentiment from an encoder of its own and its head; the encoder loads at first use, in the pool."""

    def __init__(self, encoder_name: str, head: SentimentHead, executor: Executor) -> None:
        self.encoder_name = encoder_name
        self._head = head
        self._executor = executor
        self._encoder: Encoder | None = None
        self._loading = asyncio.Lock()

    async def classify(self, text: str, language: str | None) -> Sentiment:
        if self._encoder is None:
            async with self._loading:
                if self._encoder is None:
                    self._encoder = await run_in(self._executor, load_encoder, self.encoder_name)
        vectors = await run_in(self._executor, self._encoder.encode, [sentiment_text(text)], query=True)
        return self._head.classify(vectors[0], text, language)


def _topic_of(built_in: str | None, own: str | None) -> str | None:
    """A message's sensitive topic: a customer in danger first, then what the company's own words say (a SIM swap told
    as a complaint or beside a lawyer is the SIM swap), then the built-in patterns'."""
    if built_in == "vulnerability":
        return built_in
    return own or built_in


class Analyzer:
    def __init__(
        self,
        embed: Callable[[str], Awaitable[np.ndarray]],
        sentiment: SentimentHead,
        human: HumanRequestDetector,
        careful: EncodedSentiment | None = None,
    ) -> None:
        self._embed = embed
        self._sentiment = sentiment
        self._human = human
        self._careful = careful  # sentiment for POST /v1/analyze, when it has an encoder of its own
        self._own_topics: list[tuple[str, re.Pattern[str]]] = []  # a company's words for its topics

    def own_topics(self, words: dict[str, list[str]], source: str = "escalation.toml") -> None:
        """A company's own words for sensitive topics (``[sensitive_topic] words``): each a phrase or a regular
        expression, read without case or accents; a message with some is of the first topic whose words it has, before
        any built-in topic but danger (``_topic_of``). A pattern that does not compile, or would match every message,
        stops the start, naming it."""
        from handoff.rules import RulesError

        compiled = []
        for topic, said in words.items():
            if not isinstance(said, list):
                raise RulesError(f"{source}: sensitive_topic.words.{topic} should be a list of phrases, not {said!r}")
            for pattern in said:
                try:
                    found = re.compile(unaccented(str(pattern)), re.IGNORECASE)
                except re.error as exc:
                    raise RulesError(f"{source}: sensitive_topic.words.{topic}: {pattern!r} is not a valid "
                                     f"pattern ({exc})") from None
                if found.search("") is not None or found.search("merci, au revoir") is not None:
                    raise RulesError(f"{source}: sensitive_topic.words.{topic}: {pattern!r} matches every message")
                compiled.append((topic, found))
        self._own_topics = compiled

    def _own_topic(self, folded: str) -> str | None:
        return next((topic for topic, pattern in self._own_topics if pattern.search(folded)), None)

    async def analyze(self, text: str, language: str | None = None, default_language: str = "en",
                      vector: np.ndarray | None = None, careful: bool = False, searched: str | None = None) -> Analysis:
        """``careful``: score sentiment with the analysis encoder (an explicit analysis, not a turn).
        ``searched``: the text the knowledge search embedded for ``vector`` (``SearchResult.query``), whose
        word-model features the encoder's process computed beside it; the patterns read ``text``."""
        if vector is None:
            vector = await self._embed(text)
        other = written_in_another(text)
        # a message in another language is answered in the conversation's (not in French for the "é" of "¿qué?")
        lang = language or (default_language if other else detect_language(text, default_language)) or default_language
        folded = fold(text)  # once, for every pattern below
        upset = distress(text, folded=folded)
        if careful and self._careful is not None:
            sentiment = await self._careful.classify(text, lang)
        else:
            sentiment = self._sentiment.classify(vector, searched or text, lang, distress=upset,
                                                 slip=not upset and owns_a_slip(text, folded=folded))
        human = self._human.detect(text, vector, folded=folded)
        if human and sentiment.label == "positive" and not _THANKS.search(folded):
            # "Je veux un humain tout de suite" (+0.38 as the head hears it) after an angry message: a request for a
            # person is no happy message, and the mood's trend should not read it as one (not "thanks, can I talk to
            # someone", which is)
            sentiment = Sentiment("neutral", min(sentiment.score, 0.0), sentiment.confidence)
        ironic = sarcastic(text, folded=folded)
        if ironic:
            # "Brilliant, thanks for nothing." (+0.40 as the head hears "brilliant" and "thanks"): displeasure
            sentiment = displeased(sentiment)
        topic = _topic_of(sensitive_topic(text, folded=folded), self._own_topic(folded))
        if topic is None and tells_someone_hurt(text):
            topic = "emergency"  # "my wife just fainted, she's not responding": the services first, then a person
        elif topic is None and tells_a_threat_in_person(text) and not tells_a_theft(text):
            # "my neighbour keeps banging on my door at night and shouting that he will hurt me": threatened or
            # attacked in person, with no danger said to be on now: a person takes it up, the police named first
            topic = "harassment"
        elif topic is None and tells_an_injury(text):
            # "ma lampe m'a brûlé la main hier": hurt by what they tell of, a person with care; taken ill ("mon mari a
            # fait un malaise pendant le vol d'hier, il est hospitalisé"): sympathy, not an injury and a doctor
            topic = "illness" if tells_an_illness(text) else "injury"
        if topic and sentiment.label == "positive" and not _THANKS.search(folded):
            # "someone from the bank told me to move my savings to a safe account" (+0.3: "safe", "savings"): a
            # sensitive topic told is no happy message, and the advisor's trend should not read it as one
            sentiment = Sentiment("neutral", min(sentiment.score, 0.0), sentiment.confidence)
        return Analysis(
            language=lang,
            sentiment=sentiment,
            human_request=human,
            sensitive_topic=topic,
            topic_kind=topic_kind(topic, text, folded=folded),
            vector=vector,
            # "what's my balance?": figures of their own the bot cannot see, said so as courtesy is answered in kind
            # (a person asked for beside a question on their file is a request for a person: "where is my request? I
            # want to speak to someone now")
            small_talk=None if ironic else (
                small_talk(text, folded=folded) or (None if human else own_file_asked(text, folded=folded))
                or ("unclear" if says_it_is_unclear(text, folded=folded) else None)
                or ("acknowledgement" if only_a_slip(text, folded=folded) else None)),
            distress=upset,
            question=asks_for_information(text, folded=folded),
            language_asked=asks_for_language(text, folded=folded),
            written_in=other,
            call_back=asks_for_call_back(text, folded=folded),
        )
