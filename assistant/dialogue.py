"""One conversation turn: resolve → understand → decide → compose → persist → emit.

Turns of one conversation run one at a time (a per-conversation lock), and the
reply is written in the same transaction that takes the customer message's seq,
after re-reading who owns the conversation: once an agent has accepted, no bot
reply lands, even for a message that raced with the accept.
"""
from __future__ import annotations

import asyncio
import re
import time
from collections import OrderedDict
from collections.abc import AsyncIterator, Awaitable, Callable, Mapping, Sequence
from contextlib import AbstractAsyncContextManager, AsyncExitStack, asynccontextmanager
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any, Generic, TypeVar

import numpy as np
import structlog
from sqlmodel.ext.asyncio.session import AsyncSession

from assistant.assist import AgentAssist
from assistant.auth import Signer
from assistant.config import DialogueConfig
from assistant.coverage import Coverage, Subject
from assistant.db import overwriting
from assistant.errors import Conflict, NotFound, Unauthorized, Unavailable
from assistant.intents import (DID_YOU_EN, DID_YOU_FR, MINE, accepts_offer, asks_bot_to_act, asks_how_to_reach_you,
                               asks_emergency_number, asks_if_offered, asks_meanwhile, tells_proof_held,
                               without_dropped,
                               asks_payment_status, asks_something,
                               asks_to_confirm, asks_what_if, asks_what_to_do, detail_told, distress,
                               declines_a_human, drops_the_request, elliptical, fold, gives_card_details, held_asked,
                               in_the_evening,
                               is_human_request,
                               language_for_a_person, leans_back, listed_questions, names_a_switch, object_and_verb,
                               of_own_thing, only_asks_for_language, only_drops_the_request, opens_on_and,
                               option_chosen, own_attribute_asked, own_thing, plain_question, praises, puzzled,
                               reaches_for_someone, reports_trouble, says_it_again, says_it_did_not_work,
                               says_more_than_a_request, says_more_than_declining, says_no, says_steps_done,
                               sensitive_topic, small_talk, speaks_of_personal_data, switched_on,
                               topic_kind, two_questions,
                               what_was_meant, without_a_kind_denied, without_amounts, without_data_given,
                               without_declined,
                               without_feeling_first, without_joining_word, without_language_request,
                               without_meanwhile, without_mood, without_place_numbers, without_preamble,
                               without_status_told, without_stop_names, without_term, without_when_told)
from assistant.language import detect_language
from assistant.nlu import Analysis, Analyzer, displeased
from assistant.pii import gives_a_phone_number, redact, redact_payment_data
from assistant.places import (as_abroad, as_local_money, as_zone, countries_named, names_the_rest, placed_last,
                              regions_named, speaks_of_abroad, there_as_abroad, without_home_places, zone_apart)
from assistant.profile import CustomerService, Profile
from assistant.record import (EventNote, RecordNotes, amounts_said, as_day, asks_of_a_charge, keeps_requests,
                              open_requests, said_day)
from assistant.register import tutoyer
from assistant.screening import screen_all
from assistant.sentiment import trend
from assistant.tone import (ASKING_WORDS, FIGURE_WORDS, Tone, ToneInputs, TonePolicy, asks_a_figure_only,
                            asks_by_a_unit, asks_for_a_figure, asks_only_for_a_figure, asks_what_it_is, asks_why,
                            content_stems, countries_of_regions, covers, gives_a_way_without_the_app, gives_steps,
                            gives_the_figure,
                            gives_the_figure_of, gives_the_figure_per, giving_the_figure, giving_the_reason,
                            holds_the_span, span_told, tells_an_animal_in_danger, tells_fear,
                            anticipates, headed_section, quoted_sentence,
                            in_the_unit_asked, inside_zones, lacks_the_figure, misses_the_figure, named_things,
                            names_a_danger, names_emergency_services, of_a_danger, of_products, only_a_parcel_stolen,
                            raised_before, register_used, says_the_app_is_out_of_reach, shares_words, short_things,
                            speaks_of_emergencies, split_sentences, sum_read, sums_named, tells_a_fire, tells_a_loss,
                            tells_an_assault,
                            tells_a_machine_unpowered, tells_a_theft, tells_an_emergency, tells_someone_unwell,
                            tells_someone_hurt, with_what_it_leans_on, without_the_figure, without_why, words_added)
from handoff.bus import AGENTS_TOPIC, Bus, conversation_topic
from handoff.conversations import (
    AnsweredMeanwhile,
    answer_turn,
    answer_turn_sqlite,
    append_events,
    create_conversation,
    event_dict,
    forget_conversations_before,
    get_conversation,
    get_turn,
    insert_conversation_sqlite,
    new_id,
    put_turn,
    recent_events,
    set_state,
)
from handoff.models import Conversation, ConversationState, Event, HandoffStatus, as_utc, utcnow
from handoff.policy import Escalation, EscalationPolicy, PastTurn, TurnSignals
from handoff.service import HandoffService, OpenedHandoff
from handoff.summary import past_turns, summarize, topic_of
from knowledge.base import WEAK_MARGIN, Hit, KnowledgeBase, SearchResult, one_wait, rivals

SessionFactory = Callable[[], AbstractAsyncContextManager[AsyncSession]]
K = TypeVar("K")
V = TypeVar("V")


class KeyedLocks:
    """One asyncio.Lock per key, dropped when nobody holds or waits for it."""

    def __init__(self) -> None:
        self._locks: dict[str, tuple[asyncio.Lock, int]] = {}

    @asynccontextmanager
    async def hold(self, key: str) -> AsyncIterator[None]:
        lock, users = self._locks.get(key, (asyncio.Lock(), 0))
        self._locks[key] = (lock, users + 1)
        try:
            async with lock:
                yield
        finally:
            lock, users = self._locks[key]
            if users <= 1:
                del self._locks[key]
            else:
                self._locks[key] = (lock, users - 1)


log = structlog.get_logger("tandem.dialogue")

_PENDING_ASKED = 3  # a handback reads at most this many of the customer's last questions…
_PENDING_ANSWERS = 2  # …and answers at most this many of them, each on a subject of its own
_PENDING_EVENTS = 20  # …among the conversation's last events
_FRESH = "_fresh"  # marks a response written by this call, not one stored before (never sent)
_HISTORY = 40  # events of a conversation a turn looks back on
ERASED = "conversation_erased"  # told to a conversation's live watchers when its customer is erased
ERASURES_TOPIC = "erasures"  # every process hears of an erasure, to drop what it caches of the customer
_CITED_MARGIN = 0.05  # documents this close to the best one are cited beside it
# how far under the bar an article may be found for a country said as its zone, when it names that zone (in_its_zone)
_ZONE_MARGIN = 0.1
_FOLLOW_UP_WORDS = 8  # a message this short may follow up the question before it
_FIGURE_FOLLOW_UP_WORDS = 12  # or this short, asking a figure the last article gives of every word it adds
# a short message whose own best document scores less than this above the threshold found it weakly
_WEAK_MARGIN = WEAK_MARGIN
_TWIN_GAP = 0.1  # an article and its translation found this close: the same subject
# found that close, an article in the customer's language is another's translation at this centroid cosine (use-m3
# on the demo base: 12 of the 40 translations meet below TWIN_SIMILARITY, 0.67-0.78; other pairs up to 0.75)
_CLOSE_TWIN = 0.7
# a clarification offers at most this many documents, each no further than this below the threshold (clinc150:
# 0.15 offered options to 48 of the 89 out-of-scope queries judged out, 0.12 to 33, keeping the right document
# among them for 46 of the 72 in-scope queries judged out, against 51; docs/measurements.md "Tenth round")
_NEAR_OPTIONS, _NEAR_BELOW = 3, 0.12
_QUOTING_WORDS = 10  # a message that says what a screen shows, in as many words at most
# someone hurt now: an article on emergencies found this far below the bar is still given while they wait
_EMERGENCY_BELOW = 0.18
# a message's clauses, searched one by one when the whole finds nothing surely: at most this many, of this many words
# (and a new clause told of oneself: "le chauffage marche plus depuis hier soir et j'ai un bebe de 3 mois")
_CLAUSE = re.compile(r"[,;.!?…]+|\s+(?:mais|but|and then|et puis|du coup)\s+|"
                     r"\s+(?:et|and)\s+(?=(?:j'ai|jai|je|i|i'm|im|i've|we|we're|nous|on)\s)", re.IGNORECASE)
_CLAUSES, _CLAUSE_WORDS, _CLAUSE_CHARS = 3, 3, 400
# what the question before must add to the last document's score for it to take a weak message over
# (demo base, 24 hand-written pairs: follow-ups gained 0.27-0.45, new questions -0.42 to +0.16)
_CONTEXT_GAIN = 0.2
_CLOSE_CALL = 0.1  # two articles found this close: the conversation's subject chooses (a question left pending)
# a listed question read with the first one, of the first one's article if it finds it this close to what it finds
# alone ("y a-t-il un plafond par jour ?" after cash deposits: 0.51 with it, the card limits 0.57 alone)
_LISTED_GAP = 0.1
# how long it has been, told: "ça fait 5 jours ouvrés", "it's been 3 days", "depuis mardi"
_TIME_TOLD = re.compile(r"\b(?:\d+|deux|trois|quatre|cinq|six|sept|huit|dix|two|three|four|five|six|seven|eight|ten)"
                        r"\s*(?:jours?|days?|semaines?|weeks?|heures?|hours?|mois|months?)\b|\bdepuis "
                        r"(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|hier|une semaine)\b|\bsince "
                        r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|yesterday|last week)\b")
_AND_GAIN = 0.1  # opened on "and", a message found weakly alone goes on with the subject it makes this much surer
_RESUME_RETRY_S = 60  # the resume token just used is accepted again this long after (a retry)
_FALLS_BEHIND = 0.3  # a follow-up's own document this far behind the last, read with the question before
# a waiting customer's message this negative (or with a sensitive topic) may raise their request in the
# queue (``HandoffService.reassess``); milder ones are not looked at
_RERATE_BELOW = -0.5
_SENTENCES_EMBEDDED = 40  # an article's first sentences, for a follow-up in another language
_BARE_REPLY_WORDS = 2  # "why?", "quoi ?", "hein ?" not understood: no subject of their own to follow
_BARE_WORDS = 5  # "Y a-t-il un plafond ?", "quel est le taux ?": this short, a question may ask of the last subject
_ABROAD = {"en": "abroad", "fr": "à l'étranger"}  # a thing of one's own after a place abroad: that thing there
_ABROAD_WORD = re.compile(r"\babroad\b")
_TO_ABROAD = re.compile(r"\b(?:en|au|aux|a|vers|pour|dans)\s+abroad\b")
_AMOUNT_GAP = 0.1  # a document naming the message's amount this close behind the best is the one
_SAID_BACK = 6  # customer messages a follow-up looks back along, at most
_EMERGENCY_LOOKBACK = 12  # events a handoff looks back along for a danger told (first in the queue)
# how to do a thing, asked: "comment je fais pour envoyer mon relevé ?", "how do I send my reading?"
_ASKS_HOW_TO_DO = re.compile(r"\b(?:how (?:do|can|should|would) (?:i|we)|how to|comment (?:je fais|faire|on fait|"
                             r"puis-je|je peux|est-ce que je|je dois)|je fais comment|on fait comment)\b"
                             r"(?! (?:know|savoir)\b)")
# who to call, asked in each language: what someone on oxygen in a power cut needs of the power cut's article
_WHO_TO_CALL = {"fr": "qui appeler ?", "en": "who do I call?"}
# asked who to call: "who do I call??", "jappelle qui", "c'est quel numéro déjà ?"
_ASKS_WHO_TO_CALL = re.compile(r"\b(?:who (?:do|should|can|must) (?:i|we) (?:call|ring|phone|contact)|"
                               r"who to (?:call|ring)|what(?:'s| is) the (?:phone )?number|which number|j'?appelle qui|"
                               r"qui (?:dois-je |je dois |faut-il |il faut )?appeler|quel (?:numero|num)\b)")


def _who_to_call(tone: Tone) -> str:
    """"Who do I call?" in the reply's language."""
    return _WHO_TO_CALL.get(tone.language, _WHO_TO_CALL["en"])


_UNWELL_AFTER = 3  # the customer's messages after a danger told in which someone taken ill is hurt by it
_SUBJECT_RUN = 4  # messages looked back along one subject for the question that opened it
# a short question after another about a thing the first names or implies: "can I call you? whats the number"
_WHAT_IS_THE = re.compile(r"^\W*(?:(?:and|et|also|aussi|and also|et aussi)\s+)?(?:what(?:'s| is| are)?|whats|"
                          r"quel(?:le)?s? (?:est|sont)|c'est quoi|c quoi)\s+(?:the|your|le|la|les|l'|votre|vos|ton|ta|tes)"
                          r"\s*\w+\W*$")
_SNAPSHOTS = 5_000  # conversations remembered by this process, at most…
_SNAPSHOT_IDLE_S = 60.0  # …and only while they are active: an idle one is read again when it wakes
_SAID_IDLE_S = 180.0  # the last questions' embeddings, to notice a repeat, are kept a little longer


class _Recent(Generic[K, V]):
    """A bounded LRU map whose entries also leave after ``idle_s`` without use.

    Memory follows the conversations active now, not every conversation since start."""

    def __init__(self, size: int, idle_s: float) -> None:
        self._items: OrderedDict[K, tuple[float, V]] = OrderedDict()
        self._size = size
        self._idle = idle_s

    def get(self, key: K) -> V | None:
        self._expire()
        hit = self._items.get(key)
        if hit is None:
            return None
        self._items[key] = (time.monotonic(), hit[1])
        self._items.move_to_end(key)
        return hit[1]

    def put(self, key: K, value: V) -> None:
        self._items[key] = (time.monotonic(), value)
        self._items.move_to_end(key)
        while len(self._items) > self._size:
            self._items.popitem(last=False)
        self._expire()

    def pop(self, key: K) -> V | None:
        hit = self._items.pop(key, None)
        return hit[1] if hit else None

    def _expire(self) -> None:
        cutoff = time.monotonic() - self._idle
        while self._items:
            first = next(iter(self._items.values()))
            if first[0] >= cutoff:
                return
            self._items.popitem(last=False)


class RedisKeyedLocks(KeyedLocks):
    """A per-key lock shared by every process: the local lock first, then one in Redis.

    The Redis lock expires after ``ttl_s`` so a killed worker cannot hold a
    conversation forever.
    """

    def __init__(self, redis_url: str, ttl_s: float = 30.0) -> None:
        import redis.asyncio as redis

        super().__init__()
        self._redis = redis.from_url(redis_url)
        self._ttl = ttl_s

    @asynccontextmanager
    async def hold(self, key: str) -> AsyncIterator[None]:
        async with super().hold(key):
            lock = self._redis.lock(f"tandem:lock:{key}", timeout=self._ttl, sleep=0.005, blocking_timeout=self._ttl)
            if not await lock.acquire():
                raise Unavailable("the conversation is busy; try again", code="conversation_busy")
            try:
                yield
            finally:
                try:
                    await lock.release()
                except Exception:  # noqa: BLE001 - expired or Redis gone: nothing left to release
                    pass

    async def close(self) -> None:
        await self._redis.aclose()


@dataclass
class _Snapshot:
    """A conversation as this process last wrote or read it. The database stays the judge:
    every write re-checks who owns the conversation, so a stale snapshot can only make
    a reply be planned for nothing, never land out of turn."""

    conv: Conversation
    history: list[dict[str, Any]]
    # the handoff it is in, once looked up (``_open_handoff``); a handoff's transition forgets the snapshot
    open_handoff: dict[str, Any] | None = None
    handoff_known: bool = False

    def extend(self, events: list[dict[str, Any]], state: str) -> None:
        self.history = (self.history + events)[-_HISTORY:]
        self.conv.last_seq = max(self.conv.last_seq, max((e["seq"] for e in events), default=0))
        self.conv.state = state


@dataclass(frozen=True)
class Plan:
    """What the bot means to say, decided before the write."""

    action: str | None
    text: str | None
    sources: list[dict[str, Any]]
    tone: Tone | None
    escalation: Escalation | None
    knowledge: list[dict[str, Any]]
    offer: dict[str, Any] | None = None
    topic: str | None = None  # an escalation's topic, as the agents' queue shows it
    advisor_offered: bool = False  # nothing answered, and an advisor was offered: "yes" takes it
    settled: bool = False  # answered without the knowledge (the advisor's own words): no miss to count
    vented: bool = False  # anger and no question, met with sorry and an advisor offered: no miss, and no subject
    gap: str | None = None  # handed over for want of an answer on what the knowledge does not cover: said so
    note: str | None = None  # said before the handoff's words: "I can only answer in English or French"
    uncovered: bool = False  # said to be what the knowledge does not cover ("no information on pet insurance")


def _topic_words(tone: Tone, topic: str | None, kind: str | None = None) -> str | None:
    """What a sensitive topic calls for first (tone.toml ``topic_<topic>``), its kind's own words where it has them
    (``topic_fraud_money_moved``: not to move the money, before the card)."""
    if not topic:
        return None
    return (tone.words.get(f"topic_{topic}_{kind}") if kind else None) or tone.words.get(f"topic_{topic}")


def _not_covered(tone: Tone, missing: Subject | None) -> str | None:
    """"I'm sorry, I have no information on mortgages." (``not_covered``) for what the knowledge does not cover; None
    when nothing is missing, or the policy has no such phrase."""
    if missing is None:
        return None
    name = missing.names.get(tone.language) or next(iter(missing.names.values()))
    return tone.words.get("not_covered", "").format(name=name) or None


def _spoken(events: list[dict[str, Any]]) -> str | None:
    """The language of the customer's last message that had one."""
    return next((e.get("language") for e in reversed(events)
                 if e.get("type") == "customer_message" and e.get("language")), None)


def _kept_language(events: list[dict[str, Any]]) -> str | None:
    """The language the customer asked the bot to keep to ("en français svp"), carried by each of
    their messages since (``reply_language``), so that it outlives the history window."""
    return next((e.get("reply_language") for e in reversed(events) if e.get("type") == "customer_message"), None)


def placed_by_record(notes: RecordNotes, kb: KnowledgeBase, result: SearchResult, profile: Profile, language: str,
                     history: list[dict[str, Any]], said: str = "") -> SearchResult | None:
    """A message the knowledge only nearly places (the first option a clarification would offer), whose
    nearest document the customer's recent record speaks of, not told yet: that document, sure, to be
    answered with what the record says; or the document the record's note gives for what it settles
    (``answer`` in events.toml: "my phone has no internet in japan", nearest the data top-up, from a
    customer abroad with roaming off is answered with roaming). Only the nearest is read: "my data isn't
    working here in Japan" nearly finds roaming first and the card-abroad article second, and a declined
    card payment on the record does not make it about the card. None: the record does not settle it."""
    if not result.hits or result.hits[0].score < result.threshold - _NEAR_BELOW:
        return None
    top = result.hits[0]
    told = record_told(notes, profile, top.document_id, language, said, history)
    if told is None or _told_before(told[1], history):
        return None
    answer = next((h for d in told[0].answer if (h := kb.hit(d, top.score, top.matched)) is not None), None)
    if answer is None or answer.document_id == top.document_id:
        return replace(result, in_scope=True)
    return replace(result, in_scope=True,
                   hits=[answer, *(h for h in result.hits if h.document_id != answer.document_id)])


def placed_by_named(notes: RecordNotes, kb: KnowledgeBase, result: SearchResult, profile: Profile, language: str,
                    history: list[dict[str, Any]], said: str) -> SearchResult | None:
    """The article of a recent event of the record that the message names: "pourquoi j'ai 5 euros en plus ?",
    nearest the rejected debit's 10 € fee (whose words it shares), from a customer whose record holds a 5 € no-show
    fee, is of that fee (found even surely, when the nearest article names no such amount); "is CC50044400 coming
    today?", found weakly, is of the delivery attempt that failed yesterday for that parcel. The answer, sure, is a
    near option of the search among the note's articles, else the note's own. None: nothing of the record named."""
    if not profile.personalized or not profile.recent_events or not result.hits:
        return None
    top = result.hits[0]
    note = None
    if asks_of_a_charge(said):
        amounts = amounts_said(said)
        if (doc := kb.document(top.document_id)) is None or not amounts & amounts_said(doc.text):
            note = notes.with_amount(profile.recent_events, language, amounts, said=said)
    if note is None and (not result.in_scope or top.score < result.threshold + _WEAK_MARGIN):
        note = notes.with_reference(profile.recent_events, language, said)
    if note is None:
        return None
    hit = next((h for h in result.hits if h.document_id in note.documents), None)
    if hit is None:  # not found at all: the note's answer, else its article in the customer's language
        held = [d for d in (*note.answer, *note.documents) if kb.document(d) is not None]
        mine = sorted(held, key=lambda d: (d not in note.answer, kb.document(d).language != language))
        if not mine or (hit := kb.hit(mine[0], top.score)) is None:
            return None
    told = record_told(notes, profile, hit.document_id, language, said, history)
    if told is None or _told_before(told[1], history):
        return None
    return replace(result, in_scope=True, hits=[hit, *(h for h in result.hits if h.document_id != hit.document_id)])


def record_note(notes: RecordNotes, profile: Profile, document_id: str, language: str, said: str = "",
                history: list[dict[str, Any]] | None = None) -> str | None:
    """What the customer's record says of ``document_id``'s matter; a customer who did not consent to
    personalisation has no events in their profile, and nothing is said of them. ``said``: the message, which may
    place its matter elsewhere than the record's event (``RecordNotes.told``)."""
    told = record_told(notes, profile, document_id, language, said, history)
    return told[1] if told else None


def record_told(notes: RecordNotes, profile: Profile, document_id: str, language: str,
                said: str = "", history: list[dict[str, Any]] | None = None,
                named_only: bool = False) -> tuple[EventNote, str] | None:
    """``record_note`` with the note of the event it tells; ``history``: the conversation so far, in which the
    customer may have said they switched on what the event says is off ("ok i turned on payments abroad"), or the
    advisor that they did ("I've switched on payments abroad on your card")."""
    if not profile.personalized or not profile.recent_events:
        return None
    of = _switched_of(history or [])
    # told already in this conversation: the next event of the matter, if any ("et pour mon autre colis ?")
    return notes.told(profile.recent_events, document_id, language, said=said,
                      switched=switched_on(said) or of is None, switched_of=of or frozenset(),
                      skip=(lambda told: _told_before(told, history)) if history else None, named_only=named_only)


def _switched_of(history: list[dict[str, Any]]) -> frozenset[str] | None:
    """The documents the conversation was on when the customer said something was switched on: "ok i turned it on"
    after the payments-abroad answer switched those on, not roaming. None (every one) when a switch was named ("i
    turned on roaming"), said with nothing answered before, or said by the advisor, whose subject the events do not
    say."""
    of: set[str] = set()
    subject: str | None = None
    for e in history:
        kind = e.get("type")
        if kind == "bot_message" and e.get("sources"):
            subject = e["sources"][0].get("document_id")
        elif kind in ("customer_message", "agent_message") and switched_on(e.get("text") or ""):
            if kind == "agent_message" or subject is None or names_a_switch(e.get("text") or ""):
                return None
            of.add(subject)
    return frozenset(of)



def _told_before(note: str, history: list[dict[str, Any]]) -> bool:
    """Whether the bot said ``note`` already in this conversation, with "vous" or "tu"."""
    said = [e.get("text") or "" for e in history if e.get("type") == "bot_message"]
    if not said:
        return False
    tu = tutoyer(note)
    return any(note in t or tu in t for t in said)


def _name_to_greet(profile: Profile, history: list[dict[str, Any]], tone: Tone | None = None) -> str | None:
    """The customer's name on the bot's first reply, when personalisation is allowed: the first name, or in a
    formal register their title and last name ("Bonjour Madame Laurent.", "Hello Mr Whitfield."; the attribute
    ``title``), or without a title on record the whole name ("Hello James Whitfield.")."""
    if not profile.personalized or any(e.get("type") == "bot_message" for e in history):
        return None
    # "salut, tu peux me dire…": said "tu" (or spoken to as a friend), the first name, not "Salut Madame Laurent !"
    familiar = tone is not None and tone.formality in ("tu", "friendly")
    formal = not familiar and (profile.preferred_register == "formal"
                               or (tone is not None and tone.formality == "formal"))
    if not formal or not profile.name or not profile.name.strip():
        return profile.first_name
    parts = profile.name.split()
    if not profile.title or len(parts) < 2:
        return profile.name.strip()
    # the title in the reply's language: "Bonjour Monsieur Whitfield", not "Bonjour Mr Whitfield"
    title = _TITLES.get(tone.language if tone is not None else "", {}).get(profile.title.lower().rstrip("."))
    return f"{title or profile.title} {parts[-1]}"


_TITLES = {
    "fr": {"mr": "Monsieur", "mister": "Monsieur", "sir": "Monsieur", "mrs": "Madame", "ms": "Madame", "miss": "Madame",
           "madam": "Madame", "dr": "Docteur", "doctor": "Docteur"},
    "en": {"monsieur": "Mr", "m": "Mr", "madame": "Ms", "mme": "Ms", "mademoiselle": "Ms", "mlle": "Ms",
           "docteur": "Dr"},
}


# a menu path in the app: "Cards > select the card > Settings > Payments abroad"
_MENU_PATH = re.compile(r"[\w'’]+(?: [\w'’]+)*(?: > [\w'’]+(?: [\w'’]+)*)+")


def _without_steps_told(body: str, told: str) -> str:
    """``body`` without its sentences that give a menu path ``told`` (what the record said) gave already: the
    record's "switch them on under Cards > select the card > Settings > Payments abroad" and the article's
    "check that payments abroad are switched on: in the app, go to Cards > … > Payments abroad" say it twice."""
    paths = {" > ".join([first.split()[-1], *rest]) for m in _MENU_PATH.findall(told)
             for first, *rest in [m.split(" > ")]}
    if not paths:
        return body
    sentences = split_sentences(body)
    given = re.compile("|".join(re.escape(path) + r"(?! >)" for path in paths))  # not "Mobile > Roaming > Spending cap"
    kept = [x for x in sentences if not given.search(x)]
    return " ".join(kept) if kept and len(kept) < len(sentences) else body


def _source(hit: Hit) -> dict[str, Any]:
    return {"document_id": hit.document_id, "title": hit.title, "score": hit.score}


def _options_offered(history: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The documents the bot's last message offered ("do you mean one of these?"), if it did; past a reply to a
    request for another language alone ("sorry can you answer in english please": the options still stand)."""
    recent = history[-6:]
    for i in range(len(recent) - 1, -1, -1):
        e = recent[i]
        if e.get("type") != "bot_message":
            continue
        asked = next((x for x in reversed(recent[:i]) if x.get("type") == "customer_message"), {})
        if (e.get("action") == "clarify" and not e.get("sources") and asked.get("language_asked")
                and only_asks_for_language(asked.get("text") or "")):
            continue
        if e.get("action") != "clarify":
            return []
        return [s for s in e.get("sources") or [] if s.get("document_id")]
    return []


def _in_register(tone: Tone, body: str, language: str | None) -> str:
    """An article's words as said to this customer: the article says "vous", a customer told "tu" reads "tu"."""
    return tutoyer(body) if tone.formality == "tu" and language == "fr" else body


# words of sympathy: said once, not again by the article given meanwhile
_SYMPATHY = re.compile(r"sorry for your loss|condoleances|condolences|desole\w* (?:pour|de) (?:votre|ta) perte|"
                       r"navre\w* (?:pour|de) (?:votre|ta) perte")
# an article's own opening words of sympathy: a sentence of them, or a clause before ":" or ","
_SYMPATHY_OPENING = re.compile(r"^[^.:;!?]{0,60}(?:sorry for your loss|condol[eé]ances|condolences|"
                               r"d[ée]sol[ée]\w* (?:pour|de) (?:votre|ta) perte)[^.:;!?]{0,30}(?:[.!]\s+|\s*[:;,]\s*)",
                               re.IGNORECASE)


def _with_meanwhile(tone: Tone, said: str, answer: str) -> str:
    """What the bot says (the wait, the handoff), then what the knowledge says of the question meanwhile; an
    article that opens with condolences the bot has just offered ("I'm so sorry for your loss. … Meanwhile: We're
    very sorry for your loss: you can tell us…") without its own."""
    if _SYMPATHY.search(fold(said)) and (rest := _SYMPATHY_OPENING.sub("", answer, count=1)) != answer and rest:
        answer = rest[0].upper() + rest[1:]
    return f"{said}\n\n" + " ".join(filter(None, (tone.words.get("meanwhile"), answer)))


def _loss_told_first(text: str) -> str | None:
    """The first clause of a message that tells a loss, a theft or a trouble before asking of it ("jai perdu ma cb hier
    soir, ca coute combien pour en avoir une nouvelle ?"): that clause; None when the message is one clause, or its
    first tells none."""
    clauses = [c.strip() for c in re.split(r"[,;.!?]+\s+|\s+(?:et|and|mais|but|du coup|so)\s+", text) if c.strip()]
    if len(clauses) < 2 or len(clauses[0].split()) < 3:
        return None
    first = clauses[0]
    return first if tells_a_loss(first) or reports_trouble(first) or tells_a_theft(first) else None


def _named_abroad(history: list[dict[str, Any]], home: str | None) -> bool:
    """Whether one of the customer's recent messages named a place outside the ``home`` country ("going to new york
    next month"): "there" in a message after it is abroad."""
    return any(as_abroad(said, home) != said for e in history[-12:]
               if e.get("type") == "customer_message" and (said := str(e.get("text") or "")))


# a message about a scam: a fake text, a phishing link, a fraudulent site
_OF_A_SCAM = re.compile(r"\b(?:scams?|scammers?|arnaques?|phishing|hameconnage|escroquerie|escrocs?|frauduleu\w*|"
                        r"fraudsters?|"
                        r"(?:fake|faux|fausse) (?:sms|texts?|messages?|e-?mails?|mails?|sites?|websites?|links?|liens?|"
                        r"calls?|appels?|conseillers?|advisers?|advisors?))\b")


# what to do, asked anywhere in the message ("ok so what do i do with the text", "il a expiré je crois, je fais quoi")
_WHAT_DO_I_DO = re.compile(r"\b(?:what (?:do|should|can|must) (?:i|we) do|what now|now what|je (?:dois )?fais quoi|"
                           r"je dois faire quoi|on fait quoi|que dois[- ]je faire|qu'est[- ]ce que je (?:dois )?fais|"
                           r"qu'est[- ]ce que je dois faire|il faut faire quoi|faut faire quoi)\b")


def _said_to_them(history: list[dict[str, Any]]) -> dict[str, Any]:
    """The bot's or the advisor's last message of the recent ``history`` (an empty dict when there is none)."""
    return next((e for e in reversed(history[-4:]) if e.get("type") in ("bot_message", "agent_message")), {})


def _advisor_offered(history: list[dict[str, Any]]) -> bool:
    """Whether the bot's last message offered an advisor (it had no answer: "just say yes")."""
    return bool(_said_to_them(history).get("advisor_offered"))


def _last_answered(history: list[dict[str, Any]]) -> str | None:
    """The document the bot's last message answered from, if it was an answer."""
    last = _said_to_them(history)
    if last.get("type") != "bot_message" or last.get("action") != "answer":
        return None
    return (last.get("sources") or [{}])[0].get("document_id")


# where the money or the thing awaited was looked for: "toujours rien sur mon compte", "still nothing in my account"
_WHERE_LOOKED = re.compile(r"\b(?:sur|dans|on|in) (?:mon|my|le|the) (?:compte|account|releve|statement|app|appli)\b")


def _last_sentence(text: str) -> str:
    """The last sentence of ``text`` ("et en cash ?" of "ah mince. et en cash ?")."""
    return re.split(r"(?<=[.!?])\s+", text.strip())[-1]


def _words(text: str) -> int:
    """How many words ``text`` has (French's spaced "?" is none)."""
    return sum(1 for w in text.split() if any(ch.isalnum() for ch in w))


def _only_the_place(text: str, doc: Any) -> bool:
    """Whether ``text`` names nothing but a place that ``doc`` (the article on that place) does not have too: "et en
    belgique ?", not "et c'est combien par bouteille en suisse ?" of the Swiss deliveries' article, which has no
    bottle (the deposit's article just given says what a bottle brings back in Switzerland)."""
    if doc is None:
        return False
    besides = " ".join(w for w in re.findall(r"[\w'-]+", text) if not countries_named(w))
    return not content_stems(besides) - FIGURE_WORDS - content_stems(f"{doc.title} {doc.text}")


def _same_or_translated(one: str, other: str, kb: KnowledgeBase) -> bool:
    """Whether two documents are one, or translations of each other (known without a search)."""
    return one == other or other in kb.translations(one)


def _passage_by_sentence(passages: list[str], chosen: str, question: str) -> str | None:
    """The passage with the sentence that shares the most content words with ``question``, when that sentence shares
    more than any of the ``chosen`` passage's; None otherwise."""
    asked = content_stems(question)
    if not asked or not passages:
        return None

    def best(passage: str) -> int:
        return max((len(asked & content_stems(x)) for x in split_sentences(passage)), default=0)

    top = max(passages, key=best)
    return top if best(top) > best(chosen) else None


def _said_not_covered(history: list[dict[str, Any]]) -> bool:
    """Whether the customer's last message (courtesy aside) was answered as a thing the knowledge does not cover."""
    said = next((e for e in reversed(history) if e.get("type") == "customer_message" and not e.get("small_talk")), None)
    return bool(said and said.get("not_covered"))


def _matter_article(history: list[dict[str, Any]]) -> str | None:
    """The document of the bot's last message that cited one (an answer, or what it gave meanwhile while an advisor
    was on the way), in the conversation's last twenty events: the article of the matter at hand."""
    for e in reversed(history[-20:]):
        if e.get("type") == "bot_message" and e.get("sources"):
            return e["sources"][0].get("document_id")
    return None


def _last_tried(history: list[dict[str, Any]]) -> str | None:
    """The document of the bot's last answer, across the customer's "ok i turned it on" (or "ok") and the bot's
    reply to it: what the customer was told to do and tried."""
    for e in reversed(history[-8:]):
        kind = e.get("type")
        if kind == "bot_message" and e.get("action") == "answer":
            return (e.get("sources") or [{}])[0].get("document_id")
        if kind == "customer_message" and e.get("small_talk") not in ("done", "acknowledgement"):
            return None
        if kind not in ("bot_message", "customer_message"):
            return None
    return None


def _subject_asked(history: list[dict[str, Any]]) -> dict[str, Any] | None:
    """The customer's last question that the knowledge answered (its text and top document), among
    the last ten events."""
    return next((e for e in reversed(history[-10:]) if e.get("type") == "customer_message" and e.get("text")
                 and e.get("in_scope") and e.get("top_document")), None)


# a sentence on a fire ("If there is smoke in the corridor, stay in your room… call 18"): first for a fire, after the
# others for someone hurt
_OF_FIRE = re.compile(r"\b(?:fire|smoke|alarm|evacuat\w*|feu|fumee|incendie|alarme|evacu\w*|pompiers)\b")


def _on_emergencies(body: str) -> list[str]:
    """The sentences of ``body`` on emergencies ("If anyone is injured, call 112"), in its order."""
    return [said for said in split_sentences(body) if speaks_of_emergencies(said)]


def _emergencies_first(body: str, text: str = "", fire: bool = False) -> str:
    """``body`` with its sentences on emergencies ("If anyone is injured, call 112") first, the rest as written (of an
    article in sections, the rest of their sections only); of them, those sharing most words with the message ``text``
    first, and those on a fire first only for a fire
    (``fire``): a child bleeding by the pool hears "call 112, then reception" before "if there is smoke…"."""
    if (told_of := _section_told(body, text)) is not None:
        # "water is pouring through my kitchen ceiling" of "Emergencies: water leak, gas smell, no heating": its
        # opening (the on-call line) and the water leak's section, in the order written, not the gas smell's for its
        # "call 112"
        return told_of
    urgent = _on_emergencies(body)
    # of an article in sections, the sections that speak of emergencies: a member collapsed on a treadmill hears the
    # first aid's, not the code of conduct and the filming rules of the rest
    body = _emergency_sections(body, urgent) or body
    told = content_stems(text)
    urgent.sort(key=lambda said: ((_OF_FIRE.search(fold(said)) is not None) != fire,
                                  -len(told & content_stems(said))))
    rest = body
    for said in urgent:  # (a sentence written across lines is found in the text made single-spaced)
        rest = (rest if said in rest else " ".join(rest.split())).replace(said, "", 1)
    return " ".join([*urgent, re.sub(r"[ \t]{2,}", " ", rest).strip()]).strip() if urgent else body


def _sections(body: str) -> tuple[str, list[str]]:
    """An article's opening (what comes before its first heading; "" when none) and its sections (each a heading's
    line, ending on ":", and the paragraphs under it up to the next); no sections when it has fewer than two."""
    opening, sections = [], []
    for part in (x.strip() for x in re.split(r"\n\s*\n", body) if x.strip()):
        heading = part.split("\n", 1)[0]
        if heading.endswith(":") and len(heading) <= _HEADING_CHARS:
            sections.append(part)
        elif sections:
            sections[-1] = f"{sections[-1]}\n\n{part}"
        else:
            opening.append(part)
    return "\n\n".join(opening), sections if len(sections) >= 2 else []


def _section_told(body: str, text: str) -> str | None:
    """Of an article in sections, one per danger, its opening and the one section whose heading names what the message
    ``text`` tells and no other's does ("Water leak:" for "water is pouring through my ceiling"); None otherwise."""
    opening, sections = _sections(body)
    # the words of the danger told, in either language ("de l'eau qui coule" of "Water leak:"); not another word a
    # heading shares ("chambre" of "Bloqué hors de la chambre" for someone collapsed in it)
    told = _danger_words(text)
    named = [x for x in sections if told & content_stems(x.split("\n", 1)[0])]
    if len(named) != 1:
        return None
    return f"{opening}\n\n{named[0]}".strip() if opening and len(opening) <= _OPENING_CHARS else named[0]


_OPENING_CHARS = 300  # an article's opening, before its sections, this short is said with the section told
# the words of a danger in French and English, each group one (an article's heading in one, the message in the other)
_DANGERS_KIN = [frozenset(content_stems(words)) for words in (
    "water eau", "leak leaking fuite", "gas gaz", "smell odeur", "heating heater chauffage radiateur",
    "fire feu incendie", "smoke fumee", "lift elevator ascenseur", "electricity power electricite courant",
    "flood inondation inonde", "ceiling plafond", "alarm alarme",
    # someone taken ill or hurt, however told ("mon mari vient de s'effondrer… il respire mal" of "Malaise ou personne
    # blessée :")
    "unwell malaise hurt injured blesse blessee effondrer collapsed fainted evanoui unconscious inconscient "
    "breathing respire convulsions seizure fever fievre",
    # a fall ("ma mère est par terre dans sa cuisine depuis ce matin" of "Chute :", not the smoke detector's)
    "fall fallen fell floor ground chute tombe tombee terre sol relever")]


def _danger_words(text: str, *, hurt: bool = True) -> set[str]:
    """The words of each kind of danger ``text`` tells (``_DANGERS_KIN``, the kind whole, in either language); without
    someone hurt's kind when not ``hurt``."""
    said = content_stems(text)
    return {stem for kin in _DANGERS_KIN if said & kin and (hurt or "hurt" not in kin) for stem in kin}


# a title on an emergency: "Urgence - mon animal est blessé ou malade", "Emergency: my pet is injured"
_OF_URGENCY = re.compile(r"\b(?:urgen\w*|emergenc\w*)\b")


def _without_hits(result: SearchResult, dropped: Sequence[Hit]) -> SearchResult:
    """``result`` without the ``dropped`` hits: still confident when it was and its new best is at the threshold or
    above (or its best was kept); ``result`` itself when none is dropped."""
    if not dropped:
        return result
    hits = [h for h in result.hits if h not in dropped]
    in_scope = result.in_scope and bool(hits) and (result.hits[0] not in dropped or hits[0].score >= result.threshold)
    return replace(result, hits=hits, in_scope=in_scope)


_DANGER_ARTICLES = 4096  # articles whose being on a danger is remembered (for their version), at most


def _mostly_of_a_danger(said: list[str]) -> bool:
    """Whether most of an article's title and phrasings (``said``) tell a danger ("Fuite de gaz : que faire", "ça sent
    le gaz chez moi"): an article on what to do in one, not a hotel's "Safety and emergencies" that also says what to
    do with a key card that stopped working."""
    return 2 * sum(1 for x in said if of_a_danger(x)) > len(said)


def _emergency_sections(body: str, urgent: list[str]) -> str | None:
    """The sections of an article in sections (each a heading's line, ending on ":", and the paragraphs under it up to
    the next) that hold one of the ``urgent`` sentences; None when the article has fewer than two headings, or none
    holds one."""
    sections: list[str] = []
    headings = 0
    for part in (x.strip() for x in re.split(r"\n\s*\n", body) if x.strip()):
        heading = part.split("\n", 1)[0]
        if heading.endswith(":") and len(heading) <= _HEADING_CHARS:
            sections.append(part)  # "Réaction allergique :", and what it heads up to the next heading
            headings += 1
        elif sections:
            sections[-1] = f"{sections[-1]}\n\n{part}"
        else:
            sections.append(part)  # what comes before the first heading
    if headings < 2:
        return None  # paragraphs, not sections: the steps after "call 112" are of the emergency too
    kept = [x for x in sections if any(said in " ".join(x.split()) for said in urgent)]
    return "\n\n".join(kept) if kept else None


_HEADING_CHARS = 80  # a section's heading, on a line of its own, is this short at most
# a sentence that opens on the country it is of: "In Switzerland it is CHF 40 per day.", "En Belgique, …"
_OF_A_COUNTRY_APART = re.compile(r"^\W*(?:in|en|au|aux|for|pour)\s+(?!the eu|l'ue|l'union|europe)")
# a question put by its verb first: "is mileage unlimited?", "are pets allowed?", "y a-t-il un parking ?"
_ASKED_BY_ITS_VERB = re.compile(r"^\W*(?:is|are|do|does|can|could|will|est-ce|est ce|y a|peut-on|faut-il)\b")
# another thing asked about: "what about borrowing for me", "et pour un crédit auto ?"
_WHAT_ABOUT = re.compile(r"^\W*(?:(?:ok|okay|and|so)\W+)?(?:what about|how about|and for|et pour|et sinon|quid de)\b")
# the person a matter is about, named by a possessive of theirs: "sa réservation", "son compte", "his card"
_THEIRS_NAMED = re.compile(r"\b(?:sa|son|ses|his|her|leur|leurs|their)\b")
# an age told: "i'm 23", "j'ai 20 ans", "il a 10 ans"
_AGE_TOLD = re.compile(r"\b(?:(?:i'?m|im|i am|he'?s|she'?s) \d{1,2}(?: years?(?: old)?\b|\s*[.!]*\s*$)|"
                       r"(?:j'ai|jai|il a|elle a) \d{1,2} ans\b)")
# the things the question before told of, pointed at: "do i need to send them back?", "je dois les renvoyer ?"
_THEM = re.compile(r"\b(?:them|those|these)\b|\b(?:les|la|le|l') ?(?:renvoy|retourn|rend|envoy|gard|jet|rembours|"
                   r"echang|rapport)\w*")


def _help_first(tone: Tone, said: str = "") -> str | None:
    """For someone hurt (``Tone.hurt``), the words sending for the emergency services (tone.toml ``someone_hurt``); for
    a fire (``Tone.fire``), getting out and the fire brigade (``fire_now``); unless ``said`` names them already."""
    hurt = tone.words.get("someone_hurt") if tone.hurt else tone.words.get("fire_now") if tone.fire else None
    return hurt if hurt and not names_emergency_services(said) else None


def _since_handed_back(history: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The events since the last handoff closed (all of them when none has)."""
    last = next((i for i in range(len(history) - 1, -1, -1) if history[i].get("type") == "handoff_closed"), -1)
    return history[last + 1:]


def _advisor_said_last(history: list[dict[str, Any]]) -> str | None:
    """What the advisor wrote last, when the conversation came back to the bot since and the customer has asked
    nothing since ("je vois 67,98 € de SMS+ sur votre facture, remboursement sur la prochaine facture", then the
    handback, then "et ca va prendre combien de temps le remboursement ?"); None otherwise."""
    handed_back = False
    for e in reversed(history[-8:]):
        kind = e.get("type")
        if kind == "agent_message":
            return str(e.get("text") or "") or None if handed_back else None
        if kind == "handoff_closed":
            handed_back = True
        elif kind == "customer_message" and not e.get("small_talk"):
            return None
    return None


def one_topic_each(near: list[Hit], language: str | None, translations: Callable[[str], frozenset[str]]) -> list[Hit]:
    """The options offered, not the same topic twice in two languages (an article and its translation): another topic
    written only in the other language stays ("cancel my electricity contract": the French article on it, not only the
    English one on power cuts)."""
    ours = {h.document_id for h in near if h.language in (language, None)}
    return [h for h in near if h.document_id in ours or not translations(h.document_id) & ours]


_ADVISOR_TOLD = 3  # the advisor's last messages in which a figure asked after the handback is looked for


_ADVISOR_BACK = 24  # events looked back along for what the advisor wrote before handing back


def _advisor_gave(history: list[dict[str, Any]], text: str) -> str | None:
    """The sentence of what the advisor wrote before handing the conversation back that gives the figure ``text``
    asks for, of the thing it names ("wait how many days did he say" after "I've raised your limit for the next 30
    days"; "elle arrive quand deja la sim ?" after "la SIM arrivera sous 3 jours ouvrés"), or the reference or date it
    asks back (``_other_figure_asked``); None when the advisor gave none. Once the knowledge has answered since, only a
    question that asks back ("what was the reference", "il a dit combien ?") or names what the sentence names ("les
    frais de 45 € je dois les payer ?", "et le remboursement arrive quand ?") is of what the advisor said. Asked a yes
    or no on what the advisor said ("so it'll be refunded by friday?"), the sentence that says it (``_said_of``)."""
    confirm = asks_to_confirm(text)
    other = _other_figure_asked(text)
    back = _ASKED_BACK.search(fold(text)) is not None
    # "and which coach did he say?": a thing of what the advisor said, asked back in so many words (not "ma carte est
    # encore refusée, vous pouvez vérifier ?", a trouble told again)
    which = _ASKED_OF_THEM.search(fold(text)) is not None and asks_something(text) and not reports_trouble(text)
    # "je dois envoyer quelles photos ?" right after "Envoyez-nous … 3 photos des dégâts…": which of what they said
    which_first = _WHICH.search(fold(text)) is not None and asks_something(text) and not reports_trouble(text)
    if (not asks_for_a_figure(text) and not confirm and other is None and not _sums_asked(text) and not which
            and not which_first):
        return None
    said: list[str] = []
    handed_back = questions = False
    for e in reversed(history[-_ADVISOR_BACK:]):
        kind = e.get("type")
        if kind == "handoff_closed":
            handed_back = True
        elif kind == "agent_message" and handed_back:
            said.append(str(e.get("text") or ""))
        elif kind == "handoff_requested" and said:
            break
        elif kind == "bot_message" and not handed_back and e.get("action") == "answer":
            questions = True  # answered from the knowledge since: what the advisor said is behind, unless asked back
    if not said:
        return None
    # (the first question since the handback points back as much as "again" does: "et le montant ?")
    found = (_figure_given(said, text)
             or (_latest_giving(said, other, text, back or not questions) if other is not None else None)
             or (_said_of(said, text) if confirm or which else None)
             or (_naming_all(said, text) if which_first and not questions else None)
             or _naming_the_sum(said, text))
    if found is None or (questions and not back and not _names_what_it_says(text, found)):
        return None
    own = named_things(text) - _ADVISOR_WORDS - ASKING_WORDS - FIGURE_WORDS
    if (not back and not confirm and len(own) >= 2 and not _names_what_it_says(text, found)
            and not (named_things(text) - _ADVISOR_WORDS - ASKING_WORDS) & named_things(found)):
        return None  # "Et la facture de novembre, elle est prélevée quand ?" after the badges' delivery: another thing
    if _ANOTHER_SUBJECT.match(fold(text)) and not back and not _names_what_it_says(text, found):
        return None  # "et sinon les résultats du semestre c'est quand ?": another subject, not what the advisor said
    return found


# a question that opens on another subject: "et sinon…", "autre question :", "by the way…", "rien à voir mais…"
_ANOTHER_SUBJECT = re.compile(r"^\W*(?:(?:ok|okay|d'accord|merci|thanks|and|et)\W+)*(?:sinon|autre question|une autre "
                              r"question|rien a voir|by the way|btw|another question|other question|unrelated|"
                              r"au fait|otherwise)\b")


# an article on fraud or on keeping an account safe (what helps meanwhile a customer handed over for fraud)
_OF_FRAUD = re.compile(r"\b(?:fraud\w*|unauthori[sz]ed|hack\w*|pirat\w*|secur\w*|password|mot de passe|block\w*|"
                       r"bloqu\w*|stolen|vole\w*|scam\w*|arnaque\w*|phishing|hameconn\w*|escroq\w*|suspicious|"
                       r"suspect\w*|opposition|compromis\w*|usurp\w*|identity theft)\b")


# a greeting the advisor opened with ("Bonjour, le serrurier passera…", "Hi James, your inspection is…"): not quoted
_GREETED = re.compile(r"^\s*(?i:bonjour|bonsoir|hello|hi|hey|salut|good (?:morning|afternoon|evening))"
                      r"(?:\s+(?:(?i:m\.|mr\.?|mrs\.?|ms\.?|madame|monsieur|mme)"
                      r"(?:\s+(?i:et)\s+(?i:mme|mrs\.?|madame))?\s+)?"
                      r"[A-ZÀ-Ý][\w'-]*(?:\s+[A-ZÀ-Ý][\w'-]*){0,2})?\s*[,!:]\s+")


def _as_quoted(sentence: str) -> str:
    """The advisor's sentence as it is quoted back: without the greeting it opened with."""
    rest = _GREETED.sub("", sentence, count=1)
    return rest[:1].upper() + rest[1:] if rest and rest != sentence else sentence


def _names_what_it_says(text: str, sentence: str) -> bool:
    """Whether a question names a thing or a sum ``sentence`` (the advisor's) names: "et le remboursement arrive quand
    ?" of "la différence de 180 € vous sera remboursée … d'ici le 14 décembre"."""
    asked = named_things(text) - _ADVISOR_WORDS - ASKING_WORDS - FIGURE_WORDS
    return bool(asked & named_things(sentence)) or bool(_sums_asked(text) & sums_named(sentence))


# a sum named back without its currency: "will I get the 450 back?", "et les 450 je les récupère quand ?", "the 1,200
# they took" (not "the 5 days", "les 3 mois": a number before a word is a sum only before these)
_BARE_SUM = re.compile(r"\b(?:the|my|those|these|that|le|les|mes|ces|mon|ma|nos|our)\s+(\d[\d\u202f\u00a0 ,.]*\d|\d)"
                       r"(?=\s*(?:$|[^\w\s]|(?:back|you|they|i|we|that|refunded|je|j'|il|elle|ils|on|vous|qu|que|"
                       r"rembours\w*|preleve\w*|debite\w*|charged|taken|took|pris)\b))")


def _sums_asked(text: str) -> set[str]:
    """The sums a message names (``sums_named``), and those it names back without their currency (``_BARE_SUM``)."""
    return sums_named(text) | {sum_read(m) for m in _BARE_SUM.findall(fold(text))}


def _naming_the_sum(said: list[str], text: str) -> str | None:
    """The latest sentence of the advisor's messages ``said`` that names the sum a question names ("les frais de 45 € je
    dois les payer ?": "Les frais de modification de 45 € vous sont offerts"; "will I get the 450 back?")."""
    sums = _sums_asked(text) if asks_something(text) else set()
    return next((sentence for sentence in _latest_first(said) if sums & sums_named(sentence)), None)


# asked back, what the knowledge's figures are not: a reference ("sorry what was the claim number?", "c'était quoi le
# numéro de dossier déjà ?") or a date ("what was the deadline to send it?"), of what was said before ("what is the
# deadline to declare a theft?" asks the knowledge)
_ASKED_BACK = re.compile(r"\b(?:again|deja|encore|what was|what were|whats was|c'etait|c etait|cetait|"
                         r"(?:what|which) \w+ (?:was|were) (?:it|that|they)|"
                         r"did (?:he|she|you|they) (?:say|give|tell)|(?:he|she|you|they) (?:said|gave|told)|"
                         r"(?:il|elle|vous) (?:a|avez) "
                         r"(?:dit|donne|indique)|tu m'as dit|remind me|rappelez-moi|rappele-moi|i forgot|j'ai oublie|"
                         r"sorry what|pardon)\b")
# what the advisor (he, she) said, asked back: "il a dit combien de jours déjà ?", "what did she say about it?"
_SAID_BY_THEM = re.compile(r"\b(?:did (?:he|she) (?:say|give|tell|mention)|(?:he|she) (?:said|gave|told|mentioned)|"
                           r"(?:il|elle) (?:a|m'a|ma) (?:dit|donne|indique|parle))\b")
# asked back of what the advisor said, in so many words: "which coach did he say?", "what seat was it?"
_ASKED_OF_THEM = re.compile(r"\b(?:did (?:he|she|you|they) (?:say|give|tell)|(?:he|she|you|they) (?:said|gave|told)|"
                            r"(?:il|elle|vous) (?:a|avez|m'a|m'avez) (?:dit|donne|indique)|tu m'as dit|what was|"
                            r"what were|whats was|(?:what|which) \w+ (?:was|were) (?:it|that|they)|"
                            r"c'etait (?:quoi|laquelle|lequel|quel|quelle|combien)|remind me|rappelez-moi|"
                            r"rappele-moi|"
                            # asked back with "again": "c'est quel point relais déjà ?", "what's the reference again?"
                            r"c'est (?:quoi|laquelle|lequel|quel|quelle|combien)\b[^.!?]{0,40}\bdeja|"
                            r"what(?:'s| is| was) (?:the|my|that) [^.!?]{0,40}\bagain|"
                            # "le remboursement sera sur quel relevé déjà ?", "which statement was it again?"
                            r"(?:quel|quelle|quels|quelles|which)\b[^.!?]{0,40}\b(?:deja|again))\b")
# a guess at the cause of what the first question told, in a few words: "mon badge a 8 ans il marche plus, c la pile ?",
# "my card doesn't work, is it the chip?"
_A_GUESS = re.compile(r"^\W*(?:c'est|c|c est|cest|est-ce|is it|it's|its|maybe)\s+(?!(?:quoi|qui|quand|combien|"
                      r"comment|ou|pourquoi|what|where|how|when|why|which|who)\b)[^\s?]+(?:\s+[^\s?]+){0,2}\s*\?*\s*$")
# asked whether the bot did it: "did you block it?", "vous avez bien bloqué ma carte ?"
_DID_YOU = re.compile(f"{DID_YOU_EN}|{DID_YOU_FR}")
# who bears a cost: "who pays", "qui paie ?"
_WHO_PAYS = re.compile(r"^\W*(?:(?:and|so|but|et|alors|mais|du coup|ok)\W+)*(?:who (?:pays|is paying|has to pay|foots|"
                       r"covers)|qui (?:paie|paye|doit payer|prend en charge|rembourse))\b")
# the meantime named: "je fais quoi en attendant ?" asks what to do, as "je fais quoi ?" does
_MEANWHILE = re.compile(r"\b(?:en attendant|pendant ce temps|d'ici la|meanwhile|in the meantime|for now|until then)\b",
                        re.IGNORECASE)
# which of the things said, asked: "je dois envoyer quelles photos ?", "which documents do I send?"
_WHICH = re.compile(r"\b(?:quel|quelle|quels|quelles|lequel|laquelle|lesquels|lesquelles|which|what)\b")
# the kinds of reference, as they are named: a claim's is not an order's
_REFERENCE_KINDS = {
    "claim": ("claim", "sinistre", "dossier", "case", "file", "reclamation", "complaint", "dispute", "litige",
              "contestation"),
    "order": ("order", "commande", "tracking", "suivi", "colis", "parcel"),
    "contract": ("contract", "contrat", "policy", "police"),
    "ticket": ("ticket", "request", "demande", "reference", "ref"),
    "booking": ("booking", "reservation", "pnr"),
    "client": ("client", "customer"),
}
_ASKS_REFERENCE = re.compile(r"\b(?:(" + "|".join(w for ws in _REFERENCE_KINDS.values() for w in ws)
                             + r")\s+(?:number|no|nb|num|numero|id)|(?:numero|num|no|n°)\s+(?:de\s+|du\s+|d')?("
                             + "|".join(w for ws in _REFERENCE_KINDS.values() for w in ws)
                             + r")|(?:my|the|your|ma|la|votre|ta)(?: \w+)? (reference|ref))\b")
_GIVES_REFERENCE = re.compile(r"(?<![\w-])(?=[A-Z0-9-]*\d)[A-Z][A-Z0-9]*-?\d[\dA-Z-]{2,}(?![\w-])|#\s?\d{3,}|"
                              r"(?<![\d,.])\b\d{6,}\b(?![,.]\d)")
_SECRET = re.compile(r"\b(?:password|passcode|mot de passe|code|pin|mdp)\b")
# an amount asked back, and given: "what was the amount?", "et le montant c'était combien ?"; "€1,242.00", "412,80 € HT"
_ASKS_AMOUNT = re.compile(r"\b(?:amount|montant|the sum|la somme|the total|le total)\b")
_GIVES_SUM = re.compile(r"[€$£]\s?\d[\d,.\u202f\u00a0 ]*\d|\b\d[\d,.\u202f\u00a0 ]*\s?(?:€|eur\b|euros?\b|\$|£)",
                        re.IGNORECASE)
_ASKS_DATE = re.compile(r"\b(?:deadline|due date|date limite|what date|which date|quelle date|by when|until when|"
                        r"avant quand|jusqu'a quand|d'ici quand|a quelle date|when (?:was|is) it due|what day|"
                        r"which day|quel jour|le combien|when|quand)\b")
_GIVES_DATE = re.compile(r"\b\d{1,2}(?:st|nd|rd|th|er)?\s+(?:jan|feb|fev|mar|apr|avr|may|mai|jun|juin|jul|juil|aug|"
                         r"aou|sep|oct|nov|dec)[a-z]*\b|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\s+"
                         r"\d{1,2}\b|\b\d{1,2}[/.]\d{1,2}[/.]\d{2,4}\b|\b(?:by|before|until|on|avant|d'ici|jusqu'a|"
                         r"le|au plus tard) (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|lundi|mardi|"
                         r"mercredi|jeudi|vendredi|samedi|dimanche)\b|"
                         # "le serrurier passera demain à 14 h"
                         r"\b(?:tomorrow|demain|apres-demain|apres demain)\b|"
                         # a day of the month: "prélevée le 15 du mois au lieu du 5", "on the 15th of each month"
                         r"\b(?:le|on the) \d{1,2}(?:er|st|nd|rd|th)? (?:du mois|de chaque mois|de ce mois|"
                         r"of the month|of each month|of every month)\b|\b(?:on )?the \d{1,2}(?:st|nd|rd|th)\b|"
                         r"\b(?:le|les|au) (?:1er|\d{1,2})(?= au lieu\b| du mois| de chaque mois)")
# a time of day asked back ("il passe à quelle heure ?", "what time did you say?") and given ("demain à 14 h", "entre
# 8 h et 10 h", "at 9 am", "à midi")
_ASKS_HOUR = re.compile(r"\b(?:what time|which time|at what time|what hour|a quelle heure|quelle heure|"
                        r"quels? horaires?|quel creneau|what slot|which slot)\b")
_GIVES_HOUR = re.compile(r"(?<!sous )(?<!dans )(?<!within )(?<!under )\b(?:[01]?\d|2[0-3]) ?h(?: ?[0-5]\d)?(?![\w/])|"
                         r"\b(?:[01]?\d|2[0-3]):[0-5]\d\b|\b(?:1[0-2]|0?\d)(?::[0-5]\d)? ?(?:am|pm|a\.m\.|p\.m\.)|"
                         r"\b(?:midi|minuit|noon|midnight|o'clock)\b")


_ENDS_ON_IT = re.compile(r"\b(?:it|that|this|them|ca|le|la|les|l'avoir)\W*$")  # "and by when should I see it"


def _other_figure_asked(text: str) -> tuple[re.Pattern[str], str | None] | None:
    """What a question asks that the advisor may have given and the knowledge's figures are not: a reference
    (``_GIVES_REFERENCE``, with the kind it names: "claim"), a date (``_GIVES_DATE``); None for anything else."""
    folded = fold(text)
    if (asked := _ASKS_REFERENCE.search(folded)) is not None:
        word = next(g for g in asked.groups() if g)
        return _GIVES_REFERENCE, next((kind for kind, words in _REFERENCE_KINDS.items() if word in words), None)
    if _ASKS_AMOUNT.search(folded):
        return _GIVES_SUM, None
    if _ASKS_HOUR.search(folded):
        return _GIVES_HOUR, None
    return (_GIVES_DATE, None) if _ASKS_DATE.search(folded) else None


def _latest_giving(said: list[str], asked: tuple[re.Pattern[str], str | None], text: str, back: bool) -> str | None:
    """The latest sentence of the advisor's messages ``said`` (the latest first) that gives what ``asked`` (from
    ``_other_figure_asked``) is: a reference as written ("D-7781"), of the kind named when a sentence names its kind,
    or, asked back, the only one given (never a password's or a code's); a date or an amount, of what the question
    names, or asked back or pointing back ("and by when should I see it", "et le montant ?"), the latest."""
    figure, kind = asked
    if figure in (_GIVES_DATE, _GIVES_SUM, _GIVES_HOUR):  # a date, an amount, a time: of what it names, or the latest
        dated = [sentence for sentence in _latest_first(said) if figure.search(fold(sentence))]
        named = [sentence for sentence in dated if _names_what_it_says(text, sentence)]
        points = back or leans_back(text) or _ENDS_ON_IT.search(fold(text)) is not None
        return named[0] if named else dated[0] if dated and points else None
    giving = [sentence for sentence in _latest_first(said) if figure.search(sentence)
              and not _SECRET.search(fold(sentence))]
    named = [sentence for sentence in giving if kind and any(re.search(rf"\b{w}\b", fold(sentence))
                                                              for w in _REFERENCE_KINDS[kind])]
    return named[0] if named else giving[0] if len(giving) == 1 and back else None


def _latest_first(said: list[str]) -> list[str]:
    """The sentences of the advisor's messages ``said`` (the latest first), the latest first; not their questions
    that give no figure ("Votre colis pèse combien ?" is no answer to "elle a dit combien déjà pour 8 kg ?"; "C'est
    15 € pour 8 kg, d'accord ?" is)."""
    return [s for message in said for s in reversed(split_sentences(message))
            if not s.rstrip().endswith("?") or re.search(r"\d", s)]


def _said_of(said: list[str], text: str) -> str | None:
    """The sentence of the advisor's messages ``said`` (the latest first) that a yes or no question is about: the one
    with most of its words, two at least or all of them ("so it'll be refunded by friday?": "… the €15 fee will be
    refunded by Friday"); None when none has them."""
    asked = named_things(text) - _ADVISOR_WORDS
    found = [(len(shared), -i, sentence) for i, sentence in enumerate(_latest_first(said))
             if (shared := asked & named_things(sentence)) and (len(shared) >= 2 or shared == asked)]
    return max(found)[2] if found else None


def _naming_all(said: list[str], text: str) -> str | None:
    """The latest sentence of the advisor's messages ``said`` that names every thing ``text`` names ("je dois envoyer
    quelles photos ?" of "Envoyez-nous 3 photos des dégâts…"; not "quel plombier appeler ?")."""
    asked = named_things(text) - _ADVISOR_WORDS - ASKING_WORDS - FIGURE_WORDS
    return next((sentence for sentence in _latest_first(said) if asked and asked <= named_things(sentence)), None)


def _figure_given(said: list[str], text: str) -> str | None:
    """The sentence of the advisor's messages ``said`` (the latest first) that gives the figure ``text`` asks for, of
    the thing it names; None when none does."""
    own = named_things(text) - _ADVISOR_WORDS - FIGURE_WORDS
    named = named_things(text) - _ADVISOR_WORDS - ASKING_WORDS  # "le plafond" names what the figure is of
    found = [(in_the_unit_asked(text, sentence), len(named & words), -i, sentence)
             for i, sentence in enumerate(_latest_first(said))
             if gives_the_figure(text, sentence) and own <= (words := named_things(sentence))]
    # the one in the unit asked ("how many weeks did he say?": the 4 weeks, not the code's 5 minutes written last),
    # then the one that names most of what was asked, then the latest ("elle a dit combien le plafond": the 12 000 €
    # ceiling, not the 23,97 € refunded she wrote last)
    if found:
        return max(found)[3]
    # or, asked what they said ("how many days did he say for the refund?"), the only one in the unit asked, which
    # answered the customer's question on it ("how long will the refund take?" - "Once approved…, it takes 5 to 10
    # working days to reach your card."), naming it or not; not of another thing ("how many days does a new card take?")
    if _SAID_BY_THEM.search(fold(text)) is None:
        return None
    in_unit = [sentence for sentence in _latest_first(said)
               if gives_the_figure(text, sentence) and in_the_unit_asked(text, sentence)]
    return in_unit[0] if len(in_unit) == 1 else None


# the words of pointing at what the advisor said, and of insisting: no subject of their own
_ADVISOR_WORDS = frozenset({"said", "say", "told", "tell", "dit", "disai", "indiq", "advis", "agent", "conse", "exact",
                            "deja", "again", "encor", "wait", "atten", "sorry", "pardo",
                            # "et du coup en combien de jours elle a dit ?": who said it, and a filler; "c'était
                            # combien déjà le geste ?": the past of asking back
                            "elle", "coup", "etait", "cetai"})


# "and 20?", "et pour 50 € ?", "what about the 80gb": a number alone, asked after a question that had one
_NUMBER_ONLY = re.compile(r"^\W*(?:(?:and|et|what about|how about|and for|et pour|et en|pour|for)\s+)?"
                          r"(?:(?:the|le|la|les|un|une)\s+)?(\d+(?:[.,]\d+)?)\s?([^\W\d_]{0,5}|€|%)(?:\s+(?:one|plan))?"
                          r"\s*\?*\s*$", re.IGNORECASE)
_CONNECTED = re.compile(r"^\W*(?:and|et|what about|how about|pour|for)\b", re.IGNORECASE)
_A_NUMBER = re.compile(r"(?<![\w.,])(\d+(?:[.,]\d+)?)\s?([^\W\d_]{1,5}\b|€|%)?")


def _renumbered(text: str, before: str) -> tuple[str, str] | None:
    """The question before asked again of the number ``text`` gives alone: "how much is 20gb of data" for "and 20?"
    after "how much is 5gb of data", with the number and its unit ("20 gb"); None unless ``text`` is a number alone
    and the question before had one."""
    said = _NUMBER_ONLY.match(text)
    had = _A_NUMBER.search(before)
    if said is None or had is None or said.group(1) == had.group(1):
        return None
    if len(said.group(1)) > 4 and not said.group(2) and not _CONNECTED.match(text):
        return None  # "482913" after "i didn't get the 6 digit code": the code, not a question of it
    number = f"{said.group(1)} {said.group(2) or had.group(2) or ''}".strip()
    if not said.group(2):  # the unit of the question before, as it was written: "1 go" → "3 go"
        return f"{before[:had.start(1)]}{said.group(1)}{before[had.end(1):]}", number
    space = " " if " " in had.group(0) else ""
    return f"{before[:had.start()]}{said.group(1)}{space}{said.group(2)}{before[had.end():]}", number


def _in_a_list(label: str, language: str) -> str:
    """A product's label in a list of what is held, with its article: "a Visa Premier card", "une carte Visa…"."""
    return (f"une carte {label}" if language == "fr" else f"a {label} card") if label.startswith("Visa ") else label


def _joined(labels: list[str], language: str) -> str:
    """Labels said as a list: "a, b and c", "a, b et c"; one alone as it is."""
    if len(labels) == 1:
        return labels[0]
    return f"{', '.join(labels[:-1])} {'et' if language == 'fr' else 'and'} {labels[-1]}"


# what the customer holds, pointed at: "with mine?", "et le mien ?"
_THEIRS = re.compile(r"\b(?:" + MINE + r"|my (?:plan|one|subscription|offer|pass|card))\b")


# the article before a product's name ("le Pass Mensuel", "l'Abonnement", "the Monthly Pass")
_ARTICLE = re.compile(r"(?i)^(?:(?:le|la|les|un|une|the|a|an|votre|your)\s+|l['’]\s*)")


def _product_label(code: str, language: str, words: Mapping[str, str] | None = None) -> str:
    """A product held as a customer calls it: the company's own name for it (tone.toml ``product_<code>``: "le Pass
    Mensuel" for "monthly_pass"), "mobile_plan_20gb" → "the 20 GB plan" / "le forfait 20 Go", "visa_premier" → "Visa
    Premier"; another code humanised."""
    if words and isinstance(named := words.get(f"product_{code}"), str) and named.strip():
        return named
    if m := re.fullmatch(r"mobile_plan_(\d+)gb", code):
        return f"le forfait {m.group(1)} Go" if language == "fr" else f"the {m.group(1)} GB plan"
    if code == "mobile_plan_unlimited":
        return "le forfait Illimité" if language == "fr" else "the Unlimited plan"
    if code.startswith("visa_"):
        return "Visa " + code[5:].replace("_", " ").title()
    if (named := _PRODUCT_NAMES.get(code)) is not None:
        return named[language == "fr"]
    return re.sub(r"[_-]+", " ", code).strip()  # "habitation-confort": "habitation confort"


# a product code that is an insurance ("travel_insurance", "assurance-auto", "mutuelle-sante"), or an account
_INSURANCE = re.compile(r"insurance|assurance|policy|mutuelle|cover|prevoyance")
_ACCOUNT = re.compile(r"account|compte|livret|overdraft|decouvert|savings|epargne|loan|pret|credit")
# the products every bank customer may hold, as they are called in each language
_PRODUCT_NAMES = {
    "current_account": ("a current account", "un compte courant"),
    "savings_account": ("a savings account", "un livret d'épargne"),
    "business_account": ("a business account", "un compte professionnel"),
    "overdraft": ("an authorised overdraft", "un découvert autorisé"),
    "travel_insurance": ("travel insurance", "une assurance voyage"),
}


# the words of a thing asked that say its kind and not which one ("the zero excess *option*", "une *assurance*
# voyage"), and the kind of product they name when no product held is named (``_held_kind``)
_HELD_KINDS = {**dict.fromkeys(("card", "carte", "cb", "visa", "mastercard", "amex"), "own_card"),
               **dict.fromkeys(("policy", "insurance", "assurance", "contrat", "contract", "cover", "couverture",
                                "mutuelle", "formule"), "own_policy"),
               **dict.fromkeys(("plan", "forfait", "subscription", "abonnement", "offre", "package", "pack", "tariff",
                                "tarif"), "own_plan"),
               **dict.fromkeys(("option", "service", "product", "produit"), None)}
# the words of a kind that name no product of their own (a brand does: "do I have a Mastercard?")
_KIND_WORDS = frozenset(w for w in _HELD_KINDS if w not in ("visa", "mastercard", "amex"))
# a product held, by the words of its code and its names: a card, a plan, a policy, an account (None: another thing)
_PRODUCT_KINDS = (("own_card", frozenset({"card", "carte", "cb", "visa", "mastercard", "amex"})),
                  ("own_plan", frozenset({"plan", "forfait", "subscription", "abonnement", "offre", "package", "pack",
                                          "tariff", "tarif", "mobile"})),
                  ("own_policy", frozenset({"policy", "insurance", "assurance", "contrat", "contract", "cover",
                                            "couverture", "mutuelle", "formule", "habitation", "prevoyance"})),
                  ("account", frozenset({"account", "compte", "livret", "overdraft", "decouvert", "saving", "epargne",
                                         "loan", "pret", "credit"})))
# a thing of a kind that is no product the profile lists: a payment plan, a SIM card, a gift card, a boarding card
_OTHER_THINGS = frozenset({"payment", "paiement", "pension", "retirement", "retraite", "sim", "gift", "cadeau",
                           "loyalty", "fidelite", "boarding", "embarquement", "identity", "identite", "id", "vitale",
                           "grise", "business", "meal", "repa"})


def _product_kind(code: str) -> str | None:
    """The kind of a product held ("debit_card": "own_card", "forfait_5g_100go": "own_plan"), by its words; None when
    they name no kind ("electricite_verte")."""
    words = _held_words(f"{code} {_product_label(code, 'en')} {_product_label(code, 'fr')}")
    return next((kind for kind, names in _PRODUCT_KINDS if words & names), None)


_HELD_STOP = frozenset({"the", "a", "an", "my", "our", "le", "la", "les", "l", "de", "du", "des", "d", "un", "une",
                        "mon", "ma", "mes", "of", "and", "et", "bien", "this", "that", "ce", "cette",
                        # "une place de parking", "a parking space": the product "parking"
                        "place", "space", "spot", "emplacement"})
# a thing asked with more than a product's name: "cashback *with* the premier card", "a limit *on* transfers"
_HELD_MORE = re.compile(r"\b(?:with|on|for|in|at|to|if|when|as|between|avec|sur|pour|dans|quand|si|a|comme|entre)\b")


def _held_words(text: str) -> set[str]:
    """A product's name or a thing asked, as words: folded, singular ("savings" and "saving" alike), and "20gb" as
    "20 gb" is too."""
    words = {w[:-1] if len(w) > 3 and w[-1] in "sx" and w[-2] not in "su" else w
             for w in re.findall(r"[a-z0-9]+", fold(text)) if w not in _HELD_STOP}
    return words | {part for w in words for part in re.findall(r"\d+|[a-z]+", w) if part != w}


def _as_typed(text: str, folded: str) -> str:
    """``folded`` (a part of ``text`` folded: ``fold``) as ``text`` has it, its accents and capitals; as folded when
    folding changed its length."""
    plain = fold(text).replace("’", "'")
    at = plain.find(folded)
    return text[at:at + len(folded)] if at >= 0 and len(plain) == len(text) else folded


# what a customer asks of what they hold ("c'est quoi mon forfait ?", "j'ai quel pass ?", "quels produits j'ai ?")
OWN_PRODUCT_KINDS = ("own_plan", "own_policy", "own_card", "own_products", "own_held", "own_not_held")


def products_told(kind: str, text: str, profile: Profile, language: str,
                  words: Mapping[str, str] | None = None) -> list[str]:
    """The products held that the answer to ``text``, a question of its ``kind`` on what the customer holds, names,
    as the customer calls them (``_product_label``); none without consent. ``own_held``: the one the message names
    ("do I have the zero excess option?"); ``own_plan``, ``own_card``, ``own_policy``: those of that kind, by the
    words of their code and names ("debit_card", "forfait_5g_100go", "travel_insurance"); else all of them."""
    products = profile.products if profile.personalized else ()
    if kind == "own_held":
        thing = held_asked(text)
        products = _held_named(thing, profile, words) if thing is not None and products else []
    held = [_product_label(p, language, words) for p in products
            if kind not in ("own_plan", "own_card", "own_policy") or _product_kind(p) == kind]
    if not held and kind in ("own_plan", "own_policy"):
        # another company's codes ("formule-serenite", "habitation-confort"): what they hold that is no card,
        # no account and no plan of another kind
        held = [_product_label(p, language, words) for p in products
                if not p.startswith(("visa", "card", "mobile_plan", "plan_")) and not _ACCOUNT.search(p)
                and (kind == "own_plan" or not _INSURANCE.search(p))]
    return held


def _held_named(thing: str, profile: Profile, words: Mapping[str, str] | None = None) -> list[str]:
    """The products held (with consent) whose name has every word of ``thing`` but its kind's ("zero excess option":
    "zero_excess"; "assurance voyage": "travel_insurance", as it is named in French; "20 go": "mobile_plan_20gb"; the
    company's own name for it, ``words``' ``product_<code>``)."""
    asked = _held_words(thing) - _KIND_WORDS
    if not asked or not profile.personalized:
        return []
    return [p for p in profile.products
            if asked <= _held_words(f"{p} {_product_label(p, 'en')} {_product_label(p, 'fr')} "
                                    f"{_product_label(p, 'en', words)}")]


# the names of a status, as a question and a profile say them: "what tier am I on?", "je suis à quel niveau ?"
_STATUS = frozenset({"tier", "level", "status", "rank", "grade", "niveau", "statut", "palier", "rang", "categorie"})


# what a company keeps of a customer for itself, never told back ("risk_score", "fraud_flag", "churn_risk", "ltv")
_INTERNAL = re.compile(r"risk|fraud|score|flag|internal|note|comment|churn|propensity|margin|profit|ltv|clv|lifetime|"
                       r"debt|collection|blacklist|watchlist|kyc|aml|suspic|complain|dispute|warning|block|ban|segment|"
                       r"priority|credit|limit|salary|income|password|secret|token|pin|cvv|iban|number|vulnerab|health|"
                       r"marital|residen|due|missed|arrear|overdue")


# and what may be told back: a loyalty programme's figures and status ("loyalty_points", "nights_this_year",
# "club_tier"), not whatever else a record keeps ("marital_status", "days_past_due", "vulnerability_level")
_TOLD = re.compile(r"points?|miles|nights?|nuits?|stays?|sejours?|tier|rewards?|cashback|bonus|vouchers?|stamps?|"
                   r"loyalty|fidelit|member|club|programme|program")
_TOLD_CHARS = 40


def _attributes_named(asked: str, profile: Profile, told: Sequence[str] = (),
                      names: Mapping[str, str] | None = None) -> list[tuple[str, Any]]:
    """What of the customer's file (with consent) a question asks by its name (``own_attribute_asked``): the
    attributes whose name shares its words ("points": ``loyalty_points``; or the name the company gives it in the
    customer's language, ``names``: tone.toml ``attribute_<key>``, "niveau vendeur" of ``seller_level``), of a loyalty
    programme's or among those the company lets be ``told`` (tone.toml ``[profile] told_attributes``), or their tier
    for a status; as (name, value) pairs, the name in words (the company's, else the key's: "loyalty points")."""
    if not profile.personalized:
        return []
    words = _held_words(asked) - _ATTRIBUTE_FILLER
    let = {fold(t) for t in told}
    names = {fold(k): v for k, v in (names or {}).items()}
    # every word asked in the attribute's name ("loyalty points": ``loyalty_points``; not "checking balance" of
    # ``miles_balance``), of a loyalty programme's (never one kept for the company: a risk, a note) or one the company
    # names itself
    found = [(names.get(fold(key)) or re.sub(r"[_-]+", " ", key).strip(), value)
             for key, value in profile.attributes.items()
             if words and _names_attribute(words, key, names)
             and (fold(key) in let or _TOLD.search(key.lower()) and not _INTERNAL.search(key.lower()))]
    if len(found) > 1 and (exact := [f for f in found if _held_words(f[0]) - _ATTRIBUTE_FILLER == words]):
        found = exact  # "trajets ce mois" of ``trajets_ce_mois``, not ``trajet_frequent`` beside it
    if words and words <= _STATUS:  # "what tier am I on?", not "what's my order status?"
        # (a status is a name: not ``status_miles`` 26500, a count toward one)
        found = [f for f in found if not _a_count(f[1])]
        if not found:
            status = next((v for k, v in profile.attributes.items() if _held_words(k) & _STATUS
                           and _TOLD.search(k.lower()) and not _INTERNAL.search(k.lower()) and not _a_count(v)),
                          None) or profile.tier
            found = [("tier" if not words & {"niveau", "statut", "palier", "rang", "categorie"} else "niveau",
                      status)]
    # (a value as a customer may read it: no card number or IBAN, and not a page of notes)
    return [(name, redact_payment_data(str(value))[:_TOLD_CHARS] if isinstance(value, str) else value)
            for name, value in found if value not in (None, "")]


def _a_count(value: Any) -> bool:
    """Whether an attribute's value is a number (26500, "26 500"), not a name such as a status ("Gold")."""
    return (isinstance(value, (int, float)) and not isinstance(value, bool)
            or isinstance(value, str) and re.fullmatch(r"\s*[\d\s.,]+\s*", value) is not None)


def _names_a_told_attribute(asked: str, told: Sequence[str], names: Mapping[str, str]) -> bool:
    """Whether a thing of their file asked by its name (``own_attribute_asked``) is one the company lets be told
    (``told``, by its key or the name it gives it: ``names``), whatever this customer's file holds (not "what's my
    pickup point?", which the knowledge answers)."""
    words = _held_words(asked) - _ATTRIBUTE_FILLER
    names = {fold(k): v for k, v in names.items()}
    # (or a loyalty programme's figure or status: "how many points do I have?", "je suis quel niveau ?")
    return bool(words) and (any(_names_attribute(words, key, names) for key in told)
                            or all(w in _STATUS or _TOLD.fullmatch(w) for w in words))


def _names_attribute(words: set[str], key: str, names: Mapping[str, str]) -> bool:
    """Whether every word asked (``words``) is in an attribute's key (its English words heard in French too: "points
    fidélité" of ``loyalty_points``), or in the name the company gives it (``names``, by folded key)."""
    held = _held_words(key)
    return (words <= held or {_KEY_WORDS.get(w, w) for w in words} <= held
            or fold(key) in names and words <= _held_words(names[fold(key)]))


# the French of the English words a file's keys are written in: "points fidélité" of ``loyalty_points``
_KEY_WORDS = {"fidelite": "loyalty", "solde": "balance", "niveau": "level", "statut": "status", "echeance": "due",
              "reservation": "booking", "commande": "order", "abonnement": "subscription", "ville": "city",
              "agence": "agency", "client": "customer", "numero": "number"}


# words of asking an attribute that name none: "le montant de ma mensualité", "trajets ce mois-ci"
_ATTRIBUTE_FILLER = frozenset({"ci", "la", "montant", "amount", "total", "actuel", "actuelle", "current", "exact"})


def _as_said(value: Any, language: str) -> str:
    """A value of the file as it is said: 96200 as "96,200" or "96 200", a day written as ISO 8601 as a day ("10
    décembre 2026"), a code's underscores as spaces."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        said = f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}"
        return said.replace(",", "\u202f").replace(".", ",") if language == "fr" else said
    if (day := as_day(value, language)) is not value:
        return str(day)
    return str(value).replace("_", " ")


_FRENCH_HELD = re.compile(r"\b(?:j'ai|ai-je|est-ce|est ce|suis|je)\b")


def _held_kind(thing: str, profile: Profile, text: str = "", names: Mapping[str, str] | None = None) -> str | None:
    """What of their file answers whether the customer holds ``thing`` (``held_asked``): "own_held" for the products
    held it names; a kind's own ("own_plan": "am I on the unlimited plan?" of someone on the 20 GB plan) for a short
    name of that kind (not "cashback with the premier card"), or "own_not_held" when they hold none of that kind ("do I
    have travel insurance?" of someone with a card and a plan); "own_products" (out of sight) for one named by its kind
    without consent; None for the knowledge to answer ("do I have overdraft protection?" with no such product).
    ``names``: the company's names of its products (tone.toml ``product_<code>``)."""
    if _held_named(thing, profile, names):
        return "own_held"
    asked = _held_words(thing) - _HELD_KINDS.keys()
    if asked and names and any(asked <= _held_words(f"{code[len('product_'):]} {name}") - _HELD_KINDS.keys()
                               for code, name in names.items()):
        # "am I on premium?" of someone on Standard, where the company names its Premium plan (tone.toml
        # ``product_premium``): one of its products, not theirs
        # (of someone who holds nothing too: "est-ce que je suis abonné à panier+ ?" is not its price)
        return "own_not_held" if profile.personalized else "own_products"
    # the kind is the thing's head word: last in English ("the unlimited plan"), first in French ("le forfait
    # illimité"); not "Do I have a card PIN?", a PIN
    words = thing.split()
    head = words[0] if _FRENCH_HELD.search(fold(text)) else words[-1]
    kinds = [k for w in _held_words(head) if (k := _HELD_KINDS.get(w))]
    if not kinds or len(words) > 3 or _HELD_MORE.search(thing) or _held_words(thing) & _OTHER_THINGS:
        return None
    if not profile.personalized:
        return "own_products"
    held = [_product_kind(p) for p in profile.products]
    if kinds[0] in held:
        return kinds[0]
    # none of that kind: said so only when every product held is of a kind known ("habitation-confort" may be a policy)
    return "own_not_held" if held and None not in held else None


# "and my phone?", "et ma carte ?", "what about the eSIM?": another thing of the customer's, named alone
_DETERMINER = r"(?:(my|the|your|mon|ma|mes|le|la|les|ton|ta|tes|votre|vos)\s+|(l'))"
# "and my phone?", "what about for a credit card?": one thing named alone, in a word or two
_THING_ONLY = re.compile(r"^\W*(?:and|what about|how about|et|et pour|et avec|quid de)(?:\s+(?:for|with|pour|avec))?\s+"
                         r"(?:(my|the|your|a|an|un|une|mon|ma|mes|le|la|les|ton|ta|tes|votre|vos)\s+|(l'))"
                         r"([^\W\d_][\w'-]{1,20})(?:\s+(?!(?:too|then|aussi|alors)\b)([^\W\d_][\w'-]{2,20}))?"
                         r"(?:\s+(?:too|then|aussi|alors|du coup))?\s*\??\s*$", re.IGNORECASE)
# a thing the question before named: a word, or two when the second is no verb nor little word ("the physical sim",
# not "my card work", "ma carte va")
_NOT_OF_THE_THING = ("work|works|working|worked|will|would|is|are|be|do|does|go|goes|get|in|on|at|for|to|from|with|and|"
                     "what|how|when|why|where|which|who|can|could|should|did|quoi|comment|quand|"
                     "take|takes|arrive|arrives|need|needs|cost|costs|"
                     "or|abroad|here|there|now|va|vont|marche|marchera|marcher|fonctionne|fonctionnera|est|sont|en|au|"
                     "aux|du|de|des|et|ou|dans|pour|avec|ici|la|maintenant|bas")
_A_THING = re.compile(rf"\b{_DETERMINER}([^\W\d_][\w'-]{{1,20}})"
                      rf"(?:\s+(?!(?:{_NOT_OF_THE_THING})\b)([^\W\d_][\w'-]{{2,20}}))?\b", re.IGNORECASE)


def _renamed(text: str, before: str) -> str | None:
    """The question before asked again of the thing ``text`` names alone: "will my phone work?" for "and my phone?"
    after "I'm in Spain right now. will my card work?"; None unless ``text`` names one thing alone and the question
    before named another the same way."""
    said = _THING_ONLY.match(text)
    if said is None or countries_named(said.group(3)):  # "what about the uk": a place, not a thing ("my sister")
        return None
    if _KIN.match(fold(said.group(3))):
        return None  # "et pour mon fils ?" after the glasses' refunds: the same question for him, not of him

    if re.match(r"\W*et pour\b", fold(text)) and object_and_verb(said.group(1) or said.group(2) or "", said.group(3)):
        return None  # "et pour la dégeler ?" after "comment geler ma carte": how to do it, not a thing "la dégeler"
    if not said.group(4) and (said.group(1) or "").lower() in ("a", "an", "un", "une"):
        return None  # "and a loan?" after "i lost my card": no card of a kind, another question
    had = list(_A_THING.finditer(before))
    named = " ".join(filter(None, (said.group(3), said.group(4))))
    words = {(w or "").lower() for w in had[-1].groups()[2:]} if had else set()
    # "and my card?" after "my card": the same thing; two words only of a kind of the thing before ("a credit card"
    # after "my card"), not "l'augmenter temporairement"
    if not had or (said.group(4).lower() not in words if said.group(4) else said.group(3).lower() in words):
        return None
    last = had[-1]
    determiner = said.group(1)
    if said.group(4) and determiner and determiner.lower() in ("a", "an", "un", "une") and last.group(1):
        determiner = last.group(1)  # "a credit card" of "my card": "my credit card"
    thing = f"{determiner} {named}" if determiner else f"{said.group(2)}{named}"
    return f"{before[:last.start()]}{thing}{before[last.end():]}"


# a person one is kin to or lives with: what is asked for them is the same question, not one of them as a thing
_KIN = re.compile(r"(?:fils|fille|filles|enfants?|bebes?|mari|femme|epouse|epoux|conjointe?|compagnon|compagne|pere|"
                  r"mere|parents?|son|sons|daughters?|kids?|child|children|baby|babies|wife|husband|partner|spouse|"
                  r"mum|mom|mother|dad|father)\b")
_A_THING_MEANT = re.compile(r"^\W*(?:my|the|your|a|an|un|une|mon|ma|mes|le|la|les|ton|ta|tes|votre|vos)\s+[^\W\d_]",
                            re.IGNORECASE)


def _as_meant(before: str, meant: str) -> str | None:
    """The question before with the thing it named last put as what was meant instead: "will my mobile phone work in
    Switzerland?" for "no, I mean my mobile phone, not my card" after "will my card work in Switzerland?"; None unless
    both name a thing ("my card", "my mobile phone")."""
    had = list(_A_THING.finditer(before))
    if not had or not _A_THING_MEANT.match(meant) or countries_named(meant):
        return None
    last = had[-1]
    return f"{before[:last.start()]}{meant.strip()}{before[last.end():]}"


def _names_number(folded: str, value: str, unit: str) -> bool:
    """Whether ``folded`` (a text as ``fold`` gives it) names ``value`` with ``unit`` ("20 GB" for "20", "gb")."""
    return re.search(rf"(?<![\d.,]){re.escape(value)} ?{re.escape(fold(unit))}(?!\w)", folded) is not None


def _names_the_numbers(text: str, said: str) -> bool:
    """Whether ``said`` names a number with its unit ("the 20gb") and ``text`` names each such one ("20 GB")."""
    wanted = [(m.group(1), m.group(2)) for m in _A_NUMBER.finditer(said) if m.group(2)]
    folded = fold(text)
    return bool(wanted) and all(_names_number(folded, v, u) for v, u in wanted)


def _questions_before(history: list[dict[str, Any]], n: int = 2) -> list[str]:
    """The customer's last ``n`` messages that the knowledge answered, last first (what a follow-up leans on)."""
    return [e["text"] for e in reversed(history[-10:]) if e.get("type") == "customer_message" and e.get("text")
            and e.get("in_scope")][:n]


def _subject_was_a_trouble(history: list[dict[str, Any]]) -> bool:
    """Whether the customer's last answered question, or one before it on the same article, told of a trouble
    (``reports_trouble``: "my card got declined at the hotel", then "how do i turn it on"), not a how-to."""
    subject = _subject_asked(history)
    if subject is None:
        return False
    same = [e for e in history[-12:] if e.get("type") == "customer_message" and e.get("text")
            and e.get("top_document") == subject["top_document"]]
    return any(reports_trouble(e["text"]) for e in same[-3:])


def _open_handoff(history: list[dict[str, Any]]) -> dict[str, Any] | None:
    """The handoff a waiting or agent-owned conversation is in (its id and reason), read from its
    history; None when its request is older than the history holds."""
    for e in reversed(history):
        if e.get("type") == "handoff_closed":
            return None
        if e.get("type") == "handoff_requested" and e.get("handoff_id"):
            return {"id": e["handoff_id"], "reason": e.get("reason")}
    return None


def _waiting_on(history: list[dict[str, Any]]) -> str | None:
    """The sensitive topic the open handoff is about ("fraud"): the last one the customer raised since the
    message that opened it (read from their messages, not from a label on the request their client sees)."""
    requested = False
    for e in reversed(history):
        kind = e.get("type")
        if kind == "handoff_closed":
            return None
        if kind == "customer_message":
            if e.get("sensitive_topic"):
                return str(e["sensitive_topic"])
            if requested:
                return None  # the message that opened the request raised none
        requested = requested or kind == "handoff_requested"
    return None


def _record_giving(question: str, told: str) -> list[str]:
    """The sentences of what the record told that give the figure ``question`` asks, of the thing it names ("c'est
    réparé quand ???" of "…la réparation est prévue le 9 décembre"; not "how long does a refund take?" of "your payment
    … was declined on 3 March")."""
    asked = named_things(question) - ASKING_WORDS - FIGURE_WORDS
    # (every thing it names: "le péage il sera sur mon relevé de quand ?" is not the notice's day of the trip)
    return [said for said in split_sentences(told)
            if gives_the_figure(question, said) and asked and asked <= named_things(said)]


def _call_back_asked(history: list[dict[str, Any]]) -> bool:
    """Whether the customer asked to be called back in the message that opened the request for an advisor, or since
    ("je veux qu'un conseiller me rappelle", then "au 06 12 34 56 78")."""
    start = next((i for i in range(len(history) - 1, -1, -1) if history[i].get("type") == "handoff_requested"), None)
    if start is None:
        return False
    opened = next((e for e in reversed(history[:start]) if e.get("type") == "customer_message"), {})
    return bool(opened.get("call_back")) or any(e.get("call_back") for e in history[start:])


def _handed_back_topics(history: list[dict[str, Any]]) -> set[str]:
    """The sensitive topics an advisor has dealt with and handed back: those the customer raised before a handoff
    that closed with ``handback`` ("je veux faire une réclamation formelle", then the advisor "J'ai bien enregistré
    votre réclamation")."""
    handled: set[str] = set()
    raised: set[str] = set()
    for e in history:
        kind = e.get("type")
        if kind == "customer_message" and e.get("sensitive_topic"):
            raised.add(str(e["sensitive_topic"]))
        elif kind == "handoff_closed":
            if e.get("outcome") == "handback":
                handled |= raised
            raised = set()
    return handled


def _asks_besides(text: str) -> bool:
    """Whether a message asking for a language asks something else too: a question after the request
    ("can you tell me in English how to block my card?"), not a reason given ("my partner reads this too")."""
    parts = without_language_request(text).split("?")
    # "can you ?" is what is left of "can you answer in French?": a question of its own has more words
    return (any(len(p.split()) > 2 for p in parts[:-1])
            or any(plain_question(p.strip(" ,.:;!")) for p in parts if p.strip(" ,.:;!")))


def _said_last(history: list[dict[str, Any]]) -> dict[str, Any]:
    """The customer's last message in ``history`` (an empty dict when there is none)."""
    return next((e for e in reversed(history) if e.get("type") == "customer_message"), {})


def reads_as_follow_up(text: str, result: SearchResult, language: str | None = None) -> bool:
    """Whether a message may follow up the question before it: short, and either nothing answers it
    alone, or only weakly ("how long do I have?" finds number porting just above the threshold), or
    it leans on that question ("and abroad?", "how long does it take?")."""
    words = len(text.split())
    if words > _FOLLOW_UP_WORDS:  # longer, it points back only when it finds nothing sure alone
        # ("Et est-il possible de retirer à tout moment ?" after the savings rate: opened on "and", it goes on)
        return (not result.in_scope or _weak(result, language)) and (leans_back(text) or asks_what_if(text)
                                                                     or opens_on_and(text))
    return (not result.in_scope or _weak(result, language) or elliptical(text) or leans_back(text)
            or (words <= _BARE_WORDS and (plain_question(text) or asks_a_figure_only(text)))
            or asks_by_a_unit(text))  # "how much per day for data?" after roaming: the last subject's, maybe


def _sure_of_another(result: SearchResult, history: list[dict[str, Any]]) -> bool:
    """Whether a message's own search is sure of another article than the one last answered, which it does not find
    among its nearest at all: "how long does it normally take to belgium?" after the tracking article (whose stuck
    parcel's "5 working days to Belgium" has its words) is the delivery times' (0.71), not a follow-up."""
    last = _last_answered(history)
    return (result.in_scope and bool(result.hits) and last is not None
            and result.hits[0].score >= result.threshold + 2 * _WEAK_MARGIN
            and all(h.document_id != last for h in result.hits[:3]))


def _weak(result: SearchResult, language: str | None = None) -> bool:
    """Found only just above the threshold, in the message's own ``language`` (a document in another
    language scores lower for the same fit: "how do I deposit cash?" finds the French article at 0.48).
    A document in the message's language close behind the top one (its translation, most likely) is
    the one judged: "What rates do you offer?" finds the French fees article at 0.59, the English at 0.55."""
    if not result.hits or result.hits[0].score >= result.threshold + _WEAK_MARGIN:
        return False
    return _judged(result, language) is not None


def _judged(result: SearchResult, language: str | None = None) -> Hit | None:
    """The hit a result is judged by in the message's ``language``: the top one, in that language (or with none),
    or one in it close behind (its translation, most likely); None when neither."""
    if not result.hits:
        return None
    top = result.hits[0]
    if language is None or top.language in (None, language):
        return top
    return next((h for h in result.hits[1:3] if h.language == language and h.score >= top.score - _TWIN_GAP), None)


def _own_score(result: SearchResult, language: str | None = None) -> float:
    """What the message found alone scores, as ``_weak`` judges it: the top document's score, or its twin's in the
    message's ``language`` close behind it (the French "Annuler un virement" 0.55, the English 0.52)."""
    if not result.hits:
        return 0.0
    return (_judged(result, language) or result.hits[0]).score


def _names_its_own(kb: KnowledgeBase, result: SearchResult, text: str, lead: str) -> bool:
    """Whether the message names its own best document's subject, a word of its title that it adds to the question
    before ("Apple Pay, ça coûte combien ?" after the savings rate), not a word of asking a figure ("taux" of
    "Compte épargne : taux") nor one the question before has ("remboursement" after the advisor's "remboursement sur
    la prochaine facture")."""
    own = kb.document(result.hits[0].document_id) if result.hits else None
    return own is not None and shares_words(own.title, text, besides=lead, subject=True)


def _own_words(kb: KnowledgeBase, result: SearchResult, text: str, lead: str) -> bool:
    """Whether the message's own best document has every word it adds to the question before: found
    weakly, still about its own subject ("What's the fee for a card?" after an international transfer:
    the card article has "card")."""
    own = kb.document(result.hits[0].document_id) if result.hits else None
    return own is not None and covers(own.text, text, besides=lead)


def _more_of_its_words(kb: KnowledgeBase, result: SearchResult, text: str, lead: str, about: str) -> bool:
    """Whether the message's own best document (its title, text and phrasings) has more of the content words the
    message adds to the question before than ``about`` (the last article) has: "money" and "back" of "and how long
    until i get my money back?" in the refunds' "Where is my money?", none in the returns' article."""
    own = kb.document(result.hits[0].document_id) if result.hits else None
    if own is None:
        return False
    added = content_stems(text) - content_stems(lead) - ASKING_WORDS
    theirs = content_stems(" ".join([own.title, own.text, *kb.phrasings(result.hits[0].document_id)]))
    return len(added & theirs) > len(added & content_stems(about))


def _names_another_subject(kb: KnowledgeBase, result: SearchResult, text: str, lead: str, about: str) -> bool:
    """Whether the message adds a word the last article lacks that a title of what it finds alone has: "What's the
    fee for a card?" after an international transfer names "card", of "Using your card abroad" (not "need", of
    "what documents do you need" after a loan, which no title has)."""
    lacking = named_things(text) - named_things(lead) - named_things(about)
    return any(lacking & named_things(doc.title) for h in result.hits[:3]
               if (doc := kb.document(h.document_id)) is not None)


def _falls_away(result: SearchResult, joined: SearchResult) -> bool:
    """Whether the message's own best document, found alone without confidence, falls far behind the best one once
    the message is read with the question before: its words were the only thing it had of that subject."""
    return not result.in_scope and _falls_behind(result, joined, _FALLS_BEHIND)


def _falls_behind(result: SearchResult, joined: SearchResult, gap: float) -> bool:
    """Whether the message's own best document is ``gap`` or more behind the best one (or gone) once the message is
    read with the question before."""
    if not result.hits or not joined.hits:
        return False
    own = result.hits[0].document_id
    behind = next((h.score for h in joined.hits if h.document_id == own), None)
    return behind is None or behind <= joined.hits[0].score - gap


def _whole(doc: Any) -> str:
    """An article's title and text, as the places it names are read from."""
    return f"{doc.title}. {doc.text}"


def _lead(doc: Any) -> str:
    """An article's title and first sentence: where it says which side of a zone it is about ("International
    (non-SEPA) transfers. To send money outside the SEPA zone…"), not a zone named in passing further on ("Withdrawals
    at any ATM in the eurozone are free")."""
    return f"{doc.title}. {(split_sentences(doc.text) or [''])[0]}"


async def _named_in_answer(kb: KnowledgeBase, text: str, told: str, last_top: str) -> SearchResult | None:
    """What a message leaning on the bot's last answer finds read with that answer, when the answer named another
    article's subject and "it" is that: "Found it. How do I turn it back on?" after the lost card's "freeze it
    instead … you can unfreeze it" is the freeze article's (0.78; the lost card 0.40), not the lost card's again. The
    other article leads by far and the answer has a word of its title ("unfreeze"); None otherwise."""
    found = await kb.search(f"{told} {text}", k=5)
    if not found.in_scope or not found.hits:
        return None
    top = found.hits[0]
    if top.document_id == last_top or await kb.twins(top.document_id, last_top):
        return None
    last = next((h.score for h in found.hits if h.document_id == last_top), 0.0)
    doc, before = kb.document(top.document_id), kb.document(last_top)
    if (doc is None or before is None or top.score < last + _FALLS_BEHIND
            or not shares_words(doc.title, told, besides=before.title, subject=True)):
        return None
    return found


async def in_its_zone(kb: KnowledgeBase, result: SearchResult, searched: str, asked: str,
                      language: str | None = None) -> SearchResult:
    """``result`` (of ``searched``), or, when its best article places itself on the other side of a zone from the
    country ``asked`` names, what ``searched`` finds with that country said as its zone: "how much does a transfer to
    germany cost?" finds the international transfer's "To send money outside the SEPA zone…" (0.59); "…to the SEPA
    zone…", the SEPA transfer (0.55), free. Not a search that finds no sure article there, or again one apart. When
    that search finds none, and the subject was sure, an article found either way that places itself on the country's
    side: "je suis au maroc, internet marche ?" finds roaming in the EU (0.52), and "…hors de l'Union européenne…"
    finds it again (an encoder reads no "outside"), where the roaming outside Europe was found too (0.30). An article
    of both sides ("In the EU… Outside Europe…") stays, unless one placed on the country's side was found too ("the
    US" and "Dans l'Union européenne… Attention : la Suisse… voir l'article Hors UE" beside "Hors UE (…États-Unis)")."""
    if not result.hits or not countries_named(asked):
        return result
    doc = kb.document(result.hits[0].document_id)
    if doc is None or (zone := zone_apart(asked, _lead(doc))) is None:
        return result
    both = zone_apart(asked, _lead(doc), whole=_whole(doc)) is None

    def on_its_side(hits: list[Hit]) -> list[Hit]:
        return [h for h in hits if (d := kb.document(h.document_id)) is not None
                and zone_apart(asked, _lead(d), zone) is None]

    if not both:
        placed = await kb.search(as_zone(searched, zone, detect_language(asked, language or "en") or "en"), k=5)
        hits = on_its_side(placed.hits)
        # sure; or nearly, and naming that side itself ("ok et ca met cmb de temps pour la suisse": "… vers la zone
        # SEPA" finds the SEPA transfer at 0.39, whose "Les virements SEPA…" is the answer)
        first = kb.document(hits[0].document_id) if hits else None
        if first is not None and (hits[0].score >= placed.threshold
                                  or hits[0].score >= placed.threshold - _ZONE_MARGIN
                                  and zone in regions_named(_whole(first), zones_of_countries=False)):
            return replace(placed, hits=hits, in_scope=True, vector=result.vector, query=result.query)
    if result.in_scope:
        # its title places it there (of that subject, on that side: "…hors Union européenne (Suisse, Maroc…)", not a
        # bill dispute whose first sentence names "roaming outside Europe"); not found far under the bar
        side = on_its_side(result.hits)
        placed_there = next((h for h in side if h.score >= result.threshold - 2 * _ZONE_MARGIN
                             and (d := kb.document(h.document_id)) is not None
                             and zone in regions_named(d.title, zones_of_countries=False)), None)
        if placed_there is not None:
            # without the articles placed on the other side, found above it
            return replace(result, hits=[placed_there, *(h for h in side if h is not placed_there)])
    return result


def _calmed(analysis: Analysis) -> Analysis:
    """``analysis`` with a negative score read as neutral, unless words of distress said it: what the head hears as
    upset in a message that only asks for a language or takes back a request ("sorry", "never mind") is no mood."""
    if analysis.distress or analysis.sentiment.score >= 0:
        return analysis
    return replace(analysis, sentiment=replace(analysis.sentiment, label="neutral", score=0.0))


async def _among_near(found: SearchResult, is_it: Callable[[str], Awaitable[bool]]) -> bool:
    """Whether the second or third document ``found`` is, close behind the first (by ``_CITED_MARGIN``), is
    ``is_it``."""
    for hit in found.hits[1:3]:
        if hit.score >= found.hits[0].score - _CITED_MARGIN and await is_it(hit.document_id):
            return True
    return False


async def read_follow_up(kb: KnowledgeBase, text: str, lead: str, last_top: str, result: SearchResult,
                         *, leans: bool = False, language: str | None = None,
                         told: str | None = None, chained: bool = False) -> tuple[SearchResult, bool]:
    """``text`` searched together with ``lead``, the question it follows (whose confident answer was
    ``last_top``), given ``result``, its own search: answered from that search when it finds a
    confident document. The last document again is answered with only its sentences about the new
    words (True), and only when the message alone found nothing and what it adds is in that document.
    ``leans``: the message points back with a pronoun ("how long does it take?"), so what it matches
    alone (keeping a phone number "takes" a day) is no answer: the last document is, its sentences
    with the new words, or whole when it has none of them and the message adds at most two words
    of its own. The message's own embedding stays the result's. ``told``: the bot's last answer (what "it" may point
    at: "freeze it instead"). ``chained``: the question before leaned on its own before it ("et pour les retraits ?"
    after the card's limits), both in ``lead``."""
    if asks_what_to_do(text) and (again := kb.chosen(last_top, result.vector)) is not None:
        return again, True  # "what should I do now?": the steps of the article just given
    doc = kb.document(last_top)
    about = _whole(doc) if doc is not None else ""  # "Code PIN oublié": the title says it too
    if not result.in_scope and asks_if_offered(text) and not covers(about, text, besides=lead):
        # "et le gaz vert vous avez ?" after the electricity offers, which never name it: whether the company has a
        # thing the last article lacks is not that article's answer (found with the question before, 0.62), and
        # nothing found alone answers it either
        return result, False
    if ((leans or len(text.split()) <= _FOLLOW_UP_WORDS) and doc is not None and asks_only_for_a_figure(text, doc.text)
            and (again := kb.chosen(last_top, result.vector)) is not None):
        # or, that short, asks only a price or a time the last article gives: "Y a-t-il des frais ?" after
        # closing an account is its "gratuite", not the price list
        return again, True  # "how long does the new one take?" after a lost card: its "5 business days"
    if (_words(text) <= _FIGURE_FOLLOW_UP_WORDS and doc is not None and asks_for_a_figure(text)
            and covers(about, text, besides=lead) and gives_the_figure_of(text, doc.text, lead)
            and (again := kb.chosen(last_top, result.vector)) is not None):
        # "au bout de combien de temps je suis remboursé ?" after the deposit's article, which says it is credited
        # "sous 5 jours": every word of it there, and the figure too, not the refunds' 48 hours found alone
        return again, True
    if (elliptical(text) and doc is not None and (named := countries_named(text))
            and (named & countries_named(about) or names_the_rest(about)
                 # "and to germany?" after the times of SEPA transfers: Germany is in the zone the article names
                 or (regions_named(text) - named) & regions_named(about, zones_of_countries=False))
            and (again := kb.chosen(last_top, result.vector)) is not None):
        # "and in the us?" after roaming's price: the article names the USA (Zone 1), its sentence about it
        return again, True
    if (elliptical(text) and not chained and not result.in_scope and doc is not None
            and covers(about, text, besides=lead)
            and (again := kb.chosen(last_top, result.vector)) is not None):
        # "et pour mon fils ?" after the glasses' refunds: nothing sure alone, and the article says what it adds ("Pour
        # les enfants de moins de 16 ans…"): its sentences about it, not the refunds' delays the two together find
        return again, True
    if (reports_trouble(text) and doc is not None and _words(text) <= _FOLLOW_UP_WORDS
            and covers(about, text, besides=lead) and anticipates(doc.text, text)
            and (again := kb.chosen(last_top, result.vector)) is not None):
        # "i never get the code" after what 3D Secure is, whose article says "If you never receive the code, check…":
        # that case, not the promo codes' article the word "code" finds alone
        return again, True
    if ((leans or opens_on_and(text)) and doc is not None and result.hits and shares_words(about, text, besides=lead)
            and any(h.document_id == last_top and h.score >= result.hits[0].score - _CITED_MARGIN
                    for h in result.hits[:3])
            and (again := kb.chosen(last_top, result.vector)) is not None):
        # "et je peux être remboursé ?" after stopping a direct debit: the card-dispute article alone by a hair
        # (0.48, the direct debits 0.46), and the direct debits' article speaks of refunds: it goes on with that
        return again, True
    async def the_last(document_id: str) -> bool:  # the last document, or its translation
        return document_id == last_top or await kb.twins(document_id, last_top)

    async def titled() -> SearchResult | None:
        # "ok how do I turn it on?" after "my card got declined at my hotel, what's going on??": "it" is in
        # the answer, not in the question; read with what the answer was about, the last document's title,
        # and confident for that document alone
        found = await kb.search(f"{doc.title} {text}", k=5) if doc is not None else None
        if found is not None and found.in_scope and found.hits and await the_last(found.hits[0].document_id):
            return replace(found, vector=result.vector)
        return None

    if leans and not result.in_scope and told and (found := await _named_in_answer(kb, text, told, last_top)):
        return replace(found, vector=result.vector), True
    # "how much does it cost?" after "and to germany?", itself after a transfer to the US: of the SEPA zone
    joined = await in_its_zone(kb, await kb.search(f"{lead} {text}", k=5), f"{lead} {text}", placed_last(lead, text),
                               language)
    if not joined.in_scope or not joined.hits:
        if leans and not result.in_scope and (found := await titled()) is not None:
            return found, True
        if (not result.in_scope and joined.hits and doc is not None and await the_last(joined.hits[0].document_id)
                and (plain_question(text) or asks_for_a_figure(text) or text.rstrip().endswith("?"))
                and covers(about, text, besides=lead)
                and (again := kb.chosen(last_top, result.vector)) is not None):
            # "can i set a spending cap" after turning roaming on: alone, the card limits, weakly (0.40); with the
            # question before, roaming just under the bar (0.45), whose article has every word the message adds
            # ("Spending cap"): its sentences about it
            return again, True
        if leans and result.in_scope and await _elsewhere(kb, result, text, lead):
            return replace(result, in_scope=False, hits=[]), False
        return result, False

    joined_last = await the_last(joined.hits[0].document_id)
    if (leans and not joined_last and not result.in_scope and _weak(joined, language)
            and (found := await titled()) is not None and found.hits[0].score > joined.hits[0].score):
        # "ok how do i turn it on" after the declined-card answer: with the question before, the lost-card
        # article just above the threshold ("card", "refused"); with what the answer was about, that answer
        return found, True
    own_is_last = bool(result.hits) and await the_last(result.hits[0].document_id)
    if (result.in_scope and not leans and joined_last and not own_is_last and doc is not None and of_own_thing(text)
            and shares_words(about, text, besides=lead) and (again := kb.chosen(last_top, result.vector)) is not None):
        # "and my phone plan?" after closing an account: alone, the plan change (0.67); with the closing asked before,
        # the closing (0.66; the plan 0.43), whose "Closing your bank account does not end a Nordvik mobile plan…" says
        # what becomes of it: a thing of the customer's own goes on with the last subject, its sentences about it
        return again, True
    if (result.in_scope and not leans and opens_on_and(text) and joined_last and not own_is_last and doc is not None
            and (_weak(result, language) or not _names_its_own(kb, result, text, lead))
            and joined.hits[0].score >= _own_score(result, language) + _AND_GAIN
            and shares_words(about, text, besides=lead)):
        # "et si je veux rembourser avant ?" after a personal loan: alone, the refunds article, weakly (0.52);
        # with the loan asked before, the loan (0.76), which speaks of repaying early: its sentence of it.
        # "et c'est crédité quand ?" after depositing cash: alone, loans (0.53, "crédit"), a title it does
        # not name; with the deposit, the deposit (0.73)
        return replace(joined, vector=result.vector), True
    if result.in_scope and not leans and not elliptical(text):
        # found alone, weakly: a follow-up question only when the question before makes the last
        # document far more certain than that ("how long do I have?" after a chargeback: number porting
        # 0.47 alone, the chargeback article 0.79 together); then that article's sentences about it.
        # Not a statement of a new problem ("mon virement n'est pas arrivé").
        if (joined_last and _weak(result, language) and not own_is_last and doc is not None
                and len(text.split()) <= _BARE_WORDS + 1 and joined.hits[0].score > result.hits[0].score
                and covers(about, text, besides=lead) and (again := kb.chosen(last_top, result.vector)) is not None):
            # a detail of the subject told, not asked: "it was an instant one" after "i sent money to the wrong
            # person" is the cancelling article's "An instant transfer … can no longer be cancelled", not how to
            # send one (0.55 alone, weakly; 0.63 with the question before, whose article has every word it adds)
            return again, True
        if not joined_last or not (plain_question(text) or asks_for_a_figure(text)
                                   or reports_trouble(text) and _weak(result, language)
                                   or asks_something(text) and covers(about, text, besides=lead)):
            # (a trouble with the last answer's steps, said rather than asked, found alone only weakly: "j'ai pas
            # reçu le mail" after a forgotten password is the reset's, not the fraud article's 0.47; "et les agios c
            # quel taux" after the overdraft asks a figure: the savings rate alone, weakly, is no answer of it)
            return result, False
        gained = (_weak(result, language) and joined.hits[0].score >= result.hits[0].score + _CONTEXT_GAIN
                  and (own_is_last or not _own_words(kb, result, text, lead)))
        # "Y a-t-il un plafond ?" after the savings rate: the card-limits article alone (0.77), the savings
        # article with the question before (0.74), which has every word the question adds ("plafonné")
        covered = (doc is not None and covers(about, text, besides=lead)
                   and (joined.hits[0].score >= result.hits[0].score - _CITED_MARGIN
                        # or what it found alone falls behind once read with the question before: "do u move my
                        # direct debits for me" after closing an account is the closing's "switch your salary and
                        # direct debits to your new bank" (alone, the direct debits' own article)
                        or _falls_behind(result, joined, _CONTEXT_GAIN)))
        # "how much per day for data?" after roaming in Tokyo: alone, the data top-up (0.66), which prices no day;
        # with the question before, roaming (0.48), whose "Zone 2 … €10 per day" is the figure by the unit asked
        by_the_unit = (doc is not None and not own_is_last and gives_the_figure_per(text, doc.text)
                       and (own := kb.document(result.hits[0].document_id)) is not None
                       and not gives_the_figure_per(text, own.text))
        if not (gained or covered or by_the_unit):
            if (asks_for_a_figure(text) and not own_is_last and doc is not None
                    and not _names_its_own(kb, result, text, lead)
                    and (_weak(result, language)
                         # or found with confidence for its way of asking a time ("how long does … take"), none of the
                         # message's own words in it: "How long does approval take" after a loan is the loan's "within
                         # 48 hours", not number porting's "3 business days"
                         or joined_last and gives_the_figure(text, doc.text)
                         and not _own_words(kb, result, text, lead))
                    # and not when its own article, in scope, has more of the words it adds than the last one: "and how
                    # long until i get my money back?" after returns is the refunds' ("Where is my money?")
                    and not (result.in_scope and _more_of_its_words(kb, result, text, lead, about))):
                # "combien de temps pour récupérer l'argent" after a transfer to the wrong IBAN: alone, number
                # porting's "3 business days", weakly, its title named nowhere; the last article's time if it
                # gives one, else not known
                if gives_the_figure(text, doc.text):
                    return replace(joined, vector=result.vector), True
                return replace(result, in_scope=False, hits=[]), False
            return result, False
        return replace(joined, vector=result.vector), True
    if not joined_last:
        if (leans and result.in_scope and doc is not None and not own_is_last and asks_for_a_figure(text)
                and gives_the_figure(text, doc.text) and words_added(text, lead) <= 3
                and not _names_its_own(kb, result, text, lead)
                and await _among_near(joined, the_last)
                and (again := kb.chosen(last_top, result.vector)) is not None):
            # "how long until it shows on my card?" after a refund: alone, the card's delivery (0.66); with the
            # question before, the delivery by a hair (0.49, the refund 0.47, by "card" twice). "it" is the refund,
            # whose article gives the time asked: its sentence of it
            return again, True
        if (leans and result.hits and result.hits[0].document_id == joined.hits[0].document_id
                and doc is not None and shares_words(about, text, besides=lead)
                and not _names_another_subject(kb, result, text, lead, about)
                and (again := kb.chosen(last_top, result.vector)) is not None):
            # "combien de temps pour recevoir la nouvelle ?" after a lost card: the message's own words
            # chose a document the question before did not move, and "la nouvelle" is the card of the
            # last answer, which speaks of it: that answer's sentences about it. Not "et la nouvelle sim elle
            # arrive quand ?", which names a thing the lost card's article does not have
            return again, True
        if (leans and result.hits and result.hits[0].document_id == joined.hits[0].document_id
                and await _elsewhere(kb, result, text, lead)):
            return replace(result, in_scope=False, hits=[]), False
        # "how much does it cost?" after "and to germany?": the SEPA transfer's sentence that gives its price
        # ("and to germany?" after its price: the question before's figure, of Germany)
        asked = text if leans else f"{lead} {text}" if elliptical(text) and countries_named(text) else ""
        its = kb.document(joined.hits[0].document_id)
        return replace(joined, vector=result.vector), (bool(asked) and asks_for_a_figure(asked) and its is not None
                                                       and gives_the_figure(asked, its.text))
    if result.in_scope and not leans:
        if (elliptical(text) and not own_thing(text) and not own_is_last and doc is not None
                and (titled_as := await kb.search(f"{doc.title} {text}", k=5)).in_scope and titled_as.hits
                and not await the_last(titled_as.hits[0].document_id)
                and not await kb.twins(titled_as.hits[0].document_id, result.hits[0].document_id)
                and titled_as.hits[0].score >= _own_score(result, language) + _AND_GAIN):
            # "ok et à l'étranger ?" after the card's limits: alone, roaming (0.55, the phone abroad); read with what
            # the last answer was about ("Plafonds de paiement et de retrait de la carte"), the card abroad (0.74)
            return replace(titled_as, vector=result.vector), False
        # answered on its own, and together only by the last document again: "et un virement
        # international ?" after the instant-transfer answer is not that answer's fine print
        return result, False
    # "it still doesn't work" is no follow-up question; nor is "et un virement international ?" one
    # for the instant-transfer article: what it adds to the last question must be in the document
    if doc is None or not shares_words(about, text, besides=lead):
        # "how long does it take?" (the article says "2 to 5 business days"): the article, whole; unless
        # the message says enough of its own to be a question of its own
        if leans and doc is not None and (not result.in_scope
                                          or (words_added(text, lead) <= 2 and _weak(result, language))):
            # whole; or, asked for a price or a time ("how much does it cost?"), the sentences with one
            return replace(joined, vector=result.vector), asks_for_a_figure(text) or asks_meanwhile(text)
        asked = (plain_question(text) or asks_for_a_figure(text) or asks_why(text) or text.rstrip().endswith("?")
                 or opens_on_and(text))
        what_if = asks_what_if(text)
        if (what_if and not result.in_scope and doc is not None
                and joined.hits[0].score >= _own_score(result, language) + _CONTEXT_GAIN):
            # "et si je me suis trompé 3 fois ?" after a forgotten PIN: nothing alone (0.26), the PIN article with
            # the question before (0.59), in its own words ("après trois codes erronés"): its sentences, by meaning
            return replace(joined, vector=result.vector), True
        # (surer by less when what the message found alone falls far behind with the question before, and the last
        # document is first: "what documents do you need" after a long question about a car loan, 0.45 → 0.64)
        gain = _AND_GAIN if joined_last and _falls_away(result, joined) else _CONTEXT_GAIN
        if (not result.in_scope and asked and not elliptical(text) and not asks_what_it_is(text) and doc is not None
                and joined.hits[0].score >= _own_score(result, language) + gain
                and (own_is_last or opens_on_and(text) or not _own_words(kb, result, text, lead)
                     or covers(about, text, besides=lead)
                     or _falls_away(result, joined) and not _names_another_subject(kb, result, text, lead, about))):
            # "Puis-je retirer quand je veux ?" after the savings rate: a question nothing answers alone,
            # which the question before makes the last document's with confidence (0.33 → 0.78); not
            # "and to Mars?", all of whose question is a word the document does not have, nor "what is an
            # overdraft?", which names its subject. Asked for a figure without a question word ("ça coute combien
            # le 80 go" after the plans); opened on "and" ("et je peux retirer quand je veux ?" after the savings
            # rate: "retirer" alone nearly finds cash machines, the savings with the question before); or whose
            # words the last document has too ("will i get the money back?" after stopping a direct debit); or whose
            # own article falls far behind once read with the question before ("what documents do you need" after a
            # loan: opening an account 0.45 alone, 0.37 beside the loan's 0.68)
            return replace(joined, vector=result.vector), (asks_for_a_figure(text) or covers(about, text, besides=lead)
                                                           or asks_meanwhile(text))
        if (leans and doc is not None and _weak(result, language)  # leaning back, it asks
                and joined.hits[0].score >= _own_score(result, language) + _CONTEXT_GAIN):
            # "and can I get the money back if it already went out?" after stopping a direct debit: a
            # cancelled transfer alone, weakly (0.53); the debit's article with the question before (0.74),
            # in other words than the message's ("refund"): its sentences, by meaning
            return replace(joined, vector=result.vector), True
        if (leans and result.in_scope and doc is not None and not own_is_last and gives_the_figure(text, doc.text)
                and words_added(text, lead) <= 3 and not _names_its_own(kb, result, text, lead)):
            # "how long till she gets it" after sending money to Lagos: with the question before, the transfer
            # article, which gives a time; alone, number porting ("3 business days"): the transfer's time. Not
            # "Apple Pay, ça coûte combien ?" after the savings rate: its own words name its own article
            return replace(joined, vector=result.vector), True
        if leans and result.in_scope and await _elsewhere(kb, result, text, lead):
            return replace(result, in_scope=False, hits=[]), False  # nor options on that subject
        return result, False
    return replace(joined, vector=result.vector), True


async def _elsewhere(kb: KnowledgeBase, result: SearchResult, text: str, lead: str) -> bool:
    """A question pointing back ("how long does it take?") whose own few words find a document the question
    before is nowhere near: after switching payments abroad on, number porting ("takes 3 business days"), a
    subject the conversation never touched. The last answer gives no such figure: not known, rather than an
    answer beside the point."""
    if not result.hits or words_added(text, lead) > 2 or _names_another_subject(kb, result, text, lead, ""):
        return False  # (nor "et la nouvelle sim elle arrive quand ?", which names the SIM its article is titled by)
    found = result.hits[0].document_id
    if (own := kb.document(found)) is not None and not asks_for_a_figure(text) and covers(own.text, text, besides=lead):
        # "can i get it as credit instead?" after a missing item: the refunds' article, which has the word it adds
        # ("…as Miamo credit, available at once"), is no figure found by its way of asking
        return False
    for hit in (await kb.search(without_language_request(lead), k=5, recent=True)).hits:
        if hit.document_id == found or await kb.twins(hit.document_id, found):
            return False
    return True


class Dialogue:
    def __init__(
        self,
        *,
        sessions: SessionFactory,
        knowledge: KnowledgeBase,
        analyzer: Analyzer,
        customers: CustomerService,
        handoffs: HandoffService,
        escalation: EscalationPolicy,
        tone: TonePolicy,
        bus: Bus,
        signer: Signer,
        config: DialogueConfig,
        connect: Callable[[], AbstractAsyncContextManager[Any]],
        locks: KeyedLocks | None = None,
        assist: AgentAssist | None = None,
        run_on_sqlite: Callable[..., Any] | None = None,
        record: RecordNotes | None = None,
        coverage: Coverage | None = None,
    ) -> None:
        self._sessions = sessions
        self._coverage = coverage or Coverage()  # what customers ask for by name that the base may not cover
        self._record = record or RecordNotes()  # what an answer tells of the customer's own recent events
        # a Core connection in a transaction (engine.begin): the common turn skips the ORM
        self._connect = connect
        self._run_on_sqlite = run_on_sqlite  # SQLite: the common turn in one trip to the connection's thread
        self._kb = knowledge
        self._analyzer = analyzer
        self._customers = customers
        self._handoffs = handoffs
        self._escalation = escalation
        self._tone = tone
        self._bus = bus
        self._signer = signer
        self._cfg = config
        self._locks = locks or KeyedLocks()
        self.assist = assist  # next best actions: the bot's own offers, and the agents' live suggestions
        self._snapshots: _Recent[str, _Snapshot] = _Recent(_SNAPSHOTS, _SNAPSHOT_IDLE_S)
        # whether an article is on what to do in a danger (``_mostly_of_a_danger`` over its title and every phrasing):
        # read once a version of it, not on every turn that finds it (a FAQ of a hundred phrasings a hit)
        self._danger_articles: dict[tuple[str, tuple[int, ...]], bool] = {}
        # the embeddings of each conversation's last customer messages, to notice a repeat
        # (their seqs, one float16 row each: enough precision for a cosine against a threshold)
        self._said: _Recent[str, tuple[tuple[int, ...], np.ndarray]] = _Recent(_SNAPSHOTS, _SAID_IDLE_S)
        self._repeat_similarity = float(escalation.rules.get("repeated_question", {}).get("min_similarity", 0.8))
        # an article's sentences and their embeddings, for follow-ups in another language (_closest_sentence)
        self._sentence_vectors: dict[tuple[str, str], tuple[list[str], np.ndarray]] = {}
        self._background: set[asyncio.Task[None]] = set()
        handoffs.listen(self.forget)
        customers.on_erase(self.erased)

    # ---- conversations -------------------------------------------------

    async def start(self, *, channel: str, customer_id: str | None, language: str | None,
                    conversation_id: str | None = None) -> dict[str, Any]:
        known = self._snapshots.get(conversation_id) if conversation_id else None
        if known is not None and (customer_id is None or known.conv.customer_id == customer_id):
            return self._started(known.conv)  # a conversation this process holds: nothing to read
        if language is None and customer_id:
            language = (await self._customers.resolve(customer_id)).language
        if conversation_id is None and self._run_on_sqlite is not None:  # a new one, in one trip
            conv = Conversation(id=new_id("c"), channel=channel, customer_id=customer_id, language=language)
            await self._run_on_sqlite(insert_conversation_sqlite, conv)
            self._snapshots.put(conv.id, _Snapshot(conv, []))
            return self._started(conv)
        new: Conversation | None = None
        bound = False
        async with AsyncExitStack() as stack:
            if conversation_id:  # a turn of it may be running: bind the customer between turns
                await stack.enter_async_context(self._locks.hold(conversation_id))
            async with self._sessions() as s:
                if conversation_id and (existing := await get_conversation(s, conversation_id)) is not None:
                    conv = existing
                    if customer_id and conv.customer_id is None:
                        # an anonymous conversation whose caller now knows the customer (e.g. a Rasa
                        # slot set after the first message): the rest of it is theirs
                        conv.customer_id = customer_id
                        conv.language = conv.language or language
                        s.add(conv)
                        bound = True
                else:
                    conv = await create_conversation(s, channel=channel, customer_id=customer_id, language=language,
                                                     conversation_id=conversation_id)
                    new = conv
            if bound:  # committed: the next turn reads the conversation as it is now
                self.forget(conv.id)
        if new is not None:  # its first turn needs no read: nothing happened in it yet
            self._snapshots.put(new.id, _Snapshot(new, []))
        return self._started(conv)

    def _started(self, conv: Conversation) -> dict[str, Any]:
        return {
            "conversation_id": conv.id,
            "token": self._signer.conversation_token(conv.id),
            "resume_token": self._signer.resume_token(conv.id, conv.resume_version),
            "channel": conv.channel,
            "customer_id": conv.customer_id,
            "language": conv.language,
            "state": conv.state,
        }

    async def resume(self, resume_token: str, channel: str) -> dict[str, Any]:
        parsed = self._signer.read_resume_token(resume_token)
        if parsed is None:
            raise Unauthorized("invalid resume token", code="invalid_resume_token")
        conversation_id, version = parsed
        async with self._locks.hold(conversation_id):
            async with self._sessions() as s:
                conv = await get_conversation(s, conversation_id)
                if conv is None:
                    raise NotFound("conversation not found", code="conversation_not_found")
                now = utcnow()
                if conv.resume_version != version:
                    # the token just used, presented again at once: a client whose first answer was lost on the way
                    # (the network dropped as it came) gets the same answer, not a conversation it can never resume
                    stamped = as_utc(conv.updated_at)
                    if not (version == conv.resume_version - 1 and stamped is not None
                            and (now - stamped).total_seconds() <= _RESUME_RETRY_S):
                        raise Unauthorized("this resume token was already used", code="resume_token_used")
                else:
                    conv.resume_version += 1
                self.forget(conversation_id)
                conv.channel = channel
                conv.updated_at = now
                s.add(conv)
                events = [event_dict(e) for e in await recent_events(s, conversation_id, 50)]
        # the conversation's own register: the customer's language and, with consent, their profile
        profile = await self._customers.resolve(conv.customer_id)
        # (the language the customer asked the bot to keep to first: "can you answer in English please?" outlives a
        # resume on another device)
        tone = self._calm_tone(profile, _kept_language(events) or conv.language or _spoken(events), channel, events)
        # "We were talking about: Contact us" to a bereaved customer, or one who reported fraud: no
        topic = None if any(e.get("sensitive_topic") for e in events) else topic_of(events)
        return {
            "conversation_id": conv.id,
            "token": self._signer.conversation_token(conv.id),
            "resume_token": self._signer.resume_token(conv.id, conv.resume_version),
            "last_seq": conv.last_seq,
            "state": conv.state,
            "channel": channel,
            # whoever holds the resume token reads it: no card number or IBAN quoted back
            "summary": summarize(events, conv.state, for_staff=False, mask=redact_payment_data, language=tone.language),
            "welcome": self._welcome(tone, conv.state, topic),
            "language": tone.language,  # the conversation's: a page opened on another device speaks it
        }

    @staticmethod
    def _welcome(tone: Tone, state: str, topic: str | None) -> str | None:
        """Where the customer left off: still waiting for an advisor, with one, or the subject (none for a
        sensitive one: no cheerful "we were talking about…" to a bereaved customer)."""
        if state == ConversationState.WAITING_AGENT and "welcome_back_waiting" in tone.words:
            return tone.words["welcome_back_waiting"]
        if state == ConversationState.AGENT and "welcome_back_agent" in tone.words:
            return tone.words["welcome_back_agent"]
        return tone.words["welcome_back"].format(topic=topic) if topic else None

    async def conversation(self, conversation_id: str) -> Conversation:
        async with self._sessions() as s:
            conv = await get_conversation(s, conversation_id)
        if conv is None:
            raise NotFound("conversation not found", code="conversation_not_found")
        return conv

    async def request_handoff(self, conversation_id: str, *, reason: str, text: str = "") -> dict[str, Any]:
        """Open a handoff outside a turn (a Rasa action, an explicit button)."""
        async with self._locks.hold(conversation_id):
            self.forget(conversation_id)
            conv = await self.conversation(conversation_id)
            profile = await self._customers.resolve(conv.customer_id)
            tone = self._tone.choose(ToneInputs(language=conv.language or "en", channel=conv.channel, sentiment=0.0,
                                                trend="flat", personalized=profile.personalized, tier=profile.tier))
            if conv.state in (ConversationState.WAITING_AGENT, ConversationState.AGENT):
                # pressed again: the request that stands, nothing written twice
                current = await self._handoffs.current(conv.id)
                return {"text": tone.words["handoff_wait"], "handoff_id": current.id if current else None,
                        "state": conv.state}
            async with self._sessions() as s:
                opened = await self._handoffs.open(
                    s, conversation_id=conv.id, customer_id=conv.customer_id, reason=reason,
                    evidence={"messages": [{"text": self._as_stored(text)}] if text else [], "source": "explicit"},
                    tier=profile.service_tier, sentiment=0.0, language=conv.language, topic=None,
                    customer_name=profile.service_name,
                )
                reply = self._escalation_text(tone, opened.agents_online)
                written, _ = await append_events(s, conv.id, [
                    {"type": "bot_message", "author": "bot", "text": reply,
                     "data": {"action": "escalate", "sources": [], "tone": tone.as_dict()}},
                    {"type": "handoff_requested", "author": "bot", "text": None,
                     "data": {"handoff_id": opened.handoff.id, "reason": reason, "agents_online": opened.agents_online}},
                ])
            for ev in written:
                await self._bus.publish(conversation_topic(conv.id), event_dict(ev))
            await self._handoffs.announce(opened.handoff)
            return {"text": reply, "handoff_id": opened.handoff.id, "state": ConversationState.WAITING_AGENT}

    async def withdraw_request(self, conversation_id: str) -> dict[str, Any]:
        """The customer takes back a request for an advisor that no one has taken yet (the chat page's "new
        conversation" while waiting): it leaves the queue, closed as withdrawn, and the bot has the conversation."""
        async with self._locks.hold(conversation_id):
            self.forget(conversation_id)
            conv = await self.conversation(conversation_id)
            withdrawn = (await self._handoffs.withdraw(conversation_id)
                         if conv.state == ConversationState.WAITING_AGENT else None)
            if withdrawn is None:
                raise Conflict("no request for an advisor is waiting in this conversation", code="no_waiting_request")
            return {"withdrawn": True, "handoff_id": withdrawn.id, "state": ConversationState.BOT}

    async def handback(self, conversation_id: str, language: str | None, customer_id: str | None = None, *,
                       unanswered: bool = False) -> tuple[str, list[dict[str, Any]] | None, bool]:
        """What the bot says when an agent hands the conversation back, in the register the conversation was spoken in
        (``unanswered``: handed back from the queue, no advisor having spoken to the customer), its sources, and
        whether it offers an advisor again: with the answers to the questions the advisor left unanswered
        (``_left_unanswered``), when there are some; a question left that nothing answers is said so, and an advisor
        offered ("yes" takes one)."""
        events = await self._recent(conversation_id)
        tone = self._calm_tone(await self._customers.resolve(customer_id), language, "web", events)
        text = (tone.words.get("handback_unanswered") if unanswered else None) or tone.words["handback"]
        pending = None if unanswered else await self._left_unanswered(events[-_PENDING_EVENTS:], tone)
        if pending is None:
            return text, None, False
        said, sources, offered = pending
        return f"{text}\n\n{said}", sources or None, offered

    async def _recent(self, conversation_id: str, n: int = 50) -> list[dict[str, Any]]:
        """The conversation's last ``n`` events, oldest first."""
        async with self._sessions() as s:
            return [event_dict(e) for e in await recent_events(s, conversation_id, n)]

    async def _left_unanswered(self, recent: list[dict[str, Any]],
                               tone: Tone) -> tuple[str, list[dict[str, Any]], bool] | None:
        """What the bot answers, on a handback, to the customer's last questions that the advisor left
        unanswered ("how do I increase my card limit?" asked while the advisor had the conversation, then
        handed back): the knowledge's answers, each introduced by its question, and their sources; the last
        ``_PENDING_ANSWERS`` questions asked since the advisor last spoke, each on a subject of its own, and whether
        an advisor is offered again (a question that nothing answers, said so). None when the advisor spoke last, or the
        last message asked nothing."""
        accepted = max((i for i, e in enumerate(recent) if e.get("type") == "handoff_accepted"), default=None)
        if accepted is None:
            return None  # no advisor had it: what the customer asked while waiting was answered then
        spoken = [e for e in recent[accepted:] if e.get("type") in ("customer_message", "agent_message")]
        if not spoken or spoken[-1].get("type") != "customer_message" or not spoken[-1].get("text"):
            return None
        since = next((i for i in range(len(spoken) - 1, -1, -1) if spoken[i].get("type") != "customer_message"), -1)
        pending = [e["text"] for e in spoken[since + 1:] if e.get("text")]
        if small_talk(pending[-1]) or drops_the_request(pending[-1]):
            return None  # "thanks a lot" after the question: they have what they needed
        found: list[tuple[str, SearchResult]] = []
        quoted: list[tuple[str, str]] = []  # a figure asked of what the advisor wrote just before: their sentence
        advisor = [str(e.get("text") or "") for e in reversed(spoken[:since + 1]) if e.get("type") == "agent_message"]
        # the subject the customer came with ("j'ai perdu ma carte" for "et si je la retrouve pas je paie la nouvelle
        # carte ?"): their last message before the advisor took it that was neither courtesy nor a bare request
        # (a request for a person said with the subject counts: "my gym's debit was taken again even though i blocked
        # it, i want to speak to someone" is what "how do i make sure it doesnt happen again" is of)
        before: str | None = next((str(e["text"]) for e in reversed(recent[:accepted])
                                   if e.get("type") == "customer_message" and e.get("text")
                                   and not e.get("small_talk")
                                   and not (e.get("human_request") and not says_more_than_a_request(e["text"]))),
                                  None)
        for asked in pending[-_PENDING_ASKED:]:
            told = advisor[:_ADVISOR_TOLD]
            if ((asks_for_a_figure(asked) and (gave := _figure_given(told, asked)) is not None)
                    # or a reference, a date or a sum asked back of what they just wrote ("thanks. what was the claim
                    # reference again?" after "I've opened a claim with DPD, reference CLM-5521")
                    or ((other := _other_figure_asked(asked)) is not None
                        and (gave := _latest_giving(told, other, asked,
                                                    _ASKED_BACK.search(fold(asked)) is not None)) is not None)):
                # "ok merci. et ca sera valable combien de temps ?" after "plafond relevé à 12 000 € pour 30 jours":
                # the advisor's 30 days, not number porting's "3 jours ouvrés", which its words find alone (said in
                # their last messages: "… sous 3 à 5 jours ouvrés", then "je vous laisse avec l'assistant")
                quoted.append((asked, gave))
                before = asked
                continue
            right_after = asked == pending[0]  # the advisor's words just before it
            result = await self._pending_answer(asked, before, advisor[0] if advisor else None, right_after)
            before = asked
            if result is None:
                continue
            top = result.hits[0].document_id
            same = {top} | set(self._kb.translations(top))
            # "how do I change my plan?" then "and can I keep my number?": both; the same subject twice, its last
            found = [(q, r) for q, r in found if r.hits[0].document_id not in same] + [(asked, result)]
        if not found and not quoted:
            # "et si je reçois pas le SMS ?" after the advisor's last words, which nothing answers: said, not passed
            # over in silence, and an advisor offered again
            left = pending[-1]
            if ((plain_question(left) or left.rstrip().endswith("?")) and (said := tone.words.get("handback_no_answer"))
                    and self._escalation.hands_over_on_request):
                return said.format(question=redact_payment_data(left)[:120]), [], True
            return None
        parts = [" ".join(filter(None, (tone.words.get("handback_pending", "").format(
            question=redact_payment_data(asked)[:120]), tone.words["advisor_said"].format(quote=_as_quoted(gave)))))
            for asked, gave in quoted[-_PENDING_ANSWERS:]]
        sources: list[dict[str, Any]] = []
        room = _PENDING_ANSWERS - len(parts)
        for asked, result in found[-room:] if room > 0 else []:
            result = await self._in_their_language(result, tone.language)
            body = self._in_short(tone, result.hits[0], asked)
            lead = tone.words.get("handback_pending", "").format(question=redact_payment_data(asked)[:120])
            parts.append(" ".join(filter(None, (lead, body))))
            sources += [c for c in self._cited(result.hits, tone.language)
                        if c["document_id"] not in {x["document_id"] for x in sources}]
        return "\n\n".join(parts), sources, False

    def _in_short(self, tone: Tone, hit: Hit, question: str, held: Sequence[str] = ()) -> str:
        """``hit``'s article in short, its sentences about ``question`` first, in the customer's register (``held``:
        the customer's products, whose limits are the ones said)."""
        doc = self._kb.document(hit.document_id)
        return _in_register(tone, self._tone.shorten(self._document_text(hit), question, held=held),
                            doc.language if doc else hit.language)

    async def _pending_answer(self, asked: str, before: str | None, advisor: str | None = None,
                              right_after: bool = False) -> SearchResult | None:
        """The knowledge's confident answer to a question left pending (``before``: the one asked just before
        it, which "and can I keep my number?" leans on; ``advisor``: what the advisor wrote last before it, which
        settles a close call, and which a question asked ``right_after`` it that leans back is of); None when it asks
        nothing or nothing answers it."""
        if small_talk(asked) or drops_the_request(asked) or len(asked) > 400:
            return None
        result = await self._kb.search(without_language_request(asked), k=5)
        alone = result  # the question's own search, which the conversation's subject may settle below
        of_the_advisor = False
        if advisor and right_after and (leans_back(asked) or opens_on_and(asked) or elliptical(asked)):
            # "ok. and is there a fee for that?" right after "You can choose a new PIN at any ATM…": the PIN's, not the
            # account's fees that its words find alone
            read = await self._kb.search(without_language_request(f"{advisor} {asked}"), k=5)
            if (read.in_scope and read.hits and (said := await self._kb.search(advisor, k=1)).in_scope
                    and await self._among(read.hits[0].document_id, said.hits[:1])):
                result, of_the_advisor = read, True  # of the article the advisor's words are about (not "Done.")
        last = [p for p in re.split(r"[.!?;\n]+", asked) if len(p.split()) >= 3][-1:]
        if (not result.in_scope or not result.hits) and last and last[0].strip() != asked.strip():
            # "en fait elle etait dans ma veste mdr. mais du coup comment je la debloque": its last sentence
            result = await self._kb.search(without_language_request(last[0]), k=5)
        # (leaning on it in its last sentence: "thanks marc! and how do i make sure it doesnt happen again")
        if (not result.in_scope or not result.hits) and before and any(
                elliptical(q) or leans_back(q) or opens_on_and(q) or asks_what_if(q)
                for q in {asked, *map(str.strip, last)}):
            result = await self._kb.search(without_language_request(f"{before} {asked}"), k=5)
            if not result.in_scope and result.hits:
                # read with it, nearly sure (0.459 at 0.46), of the very article the subject alone finds with
                # confidence ("my gym's debit was taken again…": direct debits): that one
                subject = await self._kb.search(without_language_request(before), k=3)
                if (subject.in_scope and subject.hits
                        and await self._among(result.hits[0].document_id, subject.hits[:1])):
                    result = replace(result, in_scope=True)
        if not result.in_scope or not result.hits:
            return None
        if asks_for_a_figure(asked) and not gives_the_figure(asked, self._document_text(result.hits[0])):
            # "et si je la retrouve pas je paie la nouvelle carte ?": of the freeze article and the lost card's, both
            # sure, the one that gives a price ("10 € en cas de perte")
            giving = [h for h in result.hits[1:3] if h.score >= result.threshold
                      and gives_the_figure(asked, self._document_text(h))]
            if giving:
                return replace(result, hits=giving + [h for h in result.hits if h not in giving])
            if of_the_advisor:
                return None  # a fee asked of what the advisor did, which no article gives: not another price
        close = [h for h in result.hits[1:4] if h.score >= result.hits[0].score - _CLOSE_CALL
                 and not await self._among(h.document_id, result.hits[:1])] if result is alone else []
        for context in filter(None, (before, advisor)) if close else ():
            # "How long until the new card arrives?" (account opening 0.60, the lost card's replacement 0.53) asked
            # after "Someone used my card without my permission": the one the conversation is about, read with the
            # subject the customer came with (else with what the advisor said last)
            leaned = await self._kb.search(without_language_request(f"{context} {asked}"), k=5)
            if not leaned.in_scope or not leaned.hits:
                continue
            if await self._among(leaned.hits[0].document_id, result.hits[:1]):
                break  # the conversation says the same
            for chosen in close:
                if await self._among(leaned.hits[0].document_id, [chosen]):
                    return replace(result, hits=[chosen] + [h for h in result.hits if h is not chosen])
            break
        return result

    @property
    def _told_attributes(self) -> list[str]:
        """The attributes of a customer's file the company lets be told back (tone.toml ``[profile]
        told_attributes``)."""
        told = (self._tone.rules.get("profile") or {}).get("told_attributes") or []
        return [str(t) for t in told] if isinstance(told, list) else []

    def _product_names(self, language: str) -> dict[str, str]:
        """The company's names of its products in ``language`` (tone.toml ``product_<code>``, in any register), by
        their key (``product_<code>``)."""
        return {f"product_{code}": name for code, name in self._named("product_", language).items()}

    def _named(self, prefix: str, language: str) -> dict[str, str]:
        """The company's names in ``language`` of the things keyed ``<prefix><key>`` in tone.toml's words (in any
        register), by key: ``attribute_seller_level = "niveau vendeur"``."""
        registers = self._tone.rules["words"].get(language) or {}
        return {k.removeprefix(prefix): v for words in registers.values() if isinstance(words, dict)
                for k, v in words.items() if k.startswith(prefix) and isinstance(v, str)}

    def _products_just_told(self, history: list[dict[str, Any]], profile: Profile, language: str, text: str) -> str:
        """What the message ``text`` may lean on when the bot's last reply answered what the customer holds: the
        products held it named ("j'ai quel pass ?": "le Pass Mensuel"), as the customer calls them; after one said not
        held ("do I have the sport option?"), that one ("how much is it?"), unless the message asks of theirs ("can I
        get 4K with mine?"); "" when it answered something else."""
        if len(history) < 2 or history[-1].get("type") != "bot_message":
            return ""
        asked = history[-2]
        if asked.get("type") != "customer_message" or asked.get("small_talk") not in OWN_PRODUCT_KINDS:
            return ""
        kind = asked["small_talk"]
        if kind == "own_not_held":
            if not _THEIRS.search(fold(text)):
                return held_asked(asked.get("text") or "") or ""
            kind = "own_products"
        return " ".join(products_told(kind, asked.get("text") or "", profile, language, self._product_names(language)))

    def _held_names(self, profile: Profile) -> list[str]:
        """The customer's products as an article names them: their codes ("monthly_pass") and the company's names for
        them in either language, without their article ("le Pass Mensuel": "Pass Mensuel")."""
        names = [named for named_in in (self._product_names("fr"), self._product_names("en"))
                 for code in profile.products if (named := named_in.get(f"product_{code}"))]
        return [*profile.products, *dict.fromkeys(_ARTICLE.sub("", n.strip()) for n in names)]

    def _of_personal_data(self, result: SearchResult, analysis: Analysis) -> tuple[SearchResult, Analysis]:
        """A request about personal data (``sensitive_topic`` "personal_data") searched: the hits on personal data
        only; when one answers surely enough, the request is a question that article answers, no topic."""
        hits = [h for h in result.hits if speaks_of_personal_data(self._document_text(h))]
        if hits and hits[0].score >= result.threshold:
            return replace(result, hits=hits, in_scope=True), replace(analysis, sensitive_topic=None, topic_kind=None)
        return replace(result, hits=[], in_scope=False), analysis

    def _said_next(self, hit: Hit, said: str, tone: Tone) -> str | None:
        """The sentence of ``hit``'s article after the last of ``said`` that it holds (what comes once those steps are
        done), in the customer's register; None when there is none."""
        doc = self._kb.document(hit.document_id)
        if doc is None:
            return None
        sentences = [_in_register(tone, s, doc.language) for s in split_sentences(doc.text)]
        told = {fold(s) for s in split_sentences(said)}
        held = [i for i, s in enumerate(sentences) if fold(s) in told]
        return sentences[held[-1] + 1] if held and held[-1] + 1 < len(sentences) else None

    def _document_text(self, hit: Hit) -> str:
        doc = self._kb.document(hit.document_id)
        return doc.text if doc is not None else hit.snippet

    def _asked_what_else(self, history: list[dict[str, Any]]) -> bool:
        """Whether the bot's last message ended on asking what else it can help with (``closing``, in any register)."""
        said = _said_to_them(history)
        text = str(said.get("text") or "").rstrip() if said.get("type") == "bot_message" else ""
        return bool(text) and any(text.endswith(words["closing"]) for registers in self._tone.rules["words"].values()
                                  for words in registers.values() if words.get("closing"))

    def speak_as_the_house(self, path: Path) -> None:
        """The company's own phrases over the defaults (``TonePolicy.speak_as_the_house``)."""
        self._tone.speak_as_the_house(path)

    def page_words(self) -> dict[str, dict[str, Any]]:
        """The chat page's intro and suggested questions by language (``TonePolicy.page``)."""
        return self._tone.page()

    async def released_text(self, language: str | None, customer_id: str | None = None,
                            conversation_id: str | None = None) -> str:
        """What the bot says when the customer's advisor had to go and the request is queued again."""
        words = await self._calm_words(language, customer_id, conversation_id)
        return words.get("released") or words["handoff_wait"]

    async def _calm_words(self, language: str | None, customer_id: str | None,
                          conversation_id: str | None = None) -> dict[str, str]:
        """The phrases of the customer's register, for what the bot says outside a turn of theirs (in the register the
        conversation ``conversation_id`` has been spoken in so far)."""
        events = await self._recent(conversation_id) if conversation_id is not None else []
        return self._calm_tone(await self._customers.resolve(customer_id), language, "web", events).words

    def _calm_tone(self, profile: Profile, language: str | None, channel: str,
                   events: list[dict[str, Any]] | None = None) -> Tone:
        """The customer's register (with consent, their profile) when no message sets a mood; with the conversation's
        ``events``, the register its replies were in: "vous" held for a customer it was raised for when upset, the
        "tu" or "vous" the customer speaks to the bot with (a resume's welcome, a handback, as the turn's replies)."""
        events = events or []
        language = language or profile.language or "en"
        # the mood the customer's last messages left (an angry one's "vous" holds while it is sour)
        scores = [t.sentiment for t in past_turns(events) if not t.small_talk]
        return self._tone.choose(ToneInputs(
            language=language, channel=channel, sentiment=0.0, trend="flat",
            mood=float(trend(scores)["recent"]) if scores else None,  # type: ignore[arg-type]
            personalized=profile.personalized, tier=profile.tier, segment=profile.segment,
            preferred_register=profile.preferred_register,
            raised=raised_before([e.get("tone") or {} for e in events if e.get("type") == "bot_message"]),
            addressed=register_used([e.get("text") or "" for e in reversed(events)
                                     if e.get("type") == "customer_message"]) if language == "fr" else None,
        ))

    # ---- the turn --------------------------------------------------------

    def forget(self, conversation_id: str) -> None:
        """Drop what this process remembers of a conversation (another writer changed it)."""
        self._snapshots.pop(conversation_id)

    def erased(self, customer_id: str | None, conversation_ids: list[str]) -> None:
        """A customer was erased here: nothing of them stays in this process; whoever watches one of
        their conversations live (the customer's page, an agent) is told it is gone, and so are the
        other processes (``follow_erasures``), which drop what they hold of them too."""
        self._drop(customer_id, conversation_ids)
        task = asyncio.get_running_loop().create_task(self._announce_erased(customer_id, list(conversation_ids)))
        self._background.add(task)
        task.add_done_callback(self._background.discard)

    def _drop(self, customer_id: str | None, conversation_ids: list[str]) -> None:
        for cid in conversation_ids:
            self._snapshots.pop(cid)
            self._said.pop(cid)
        if customer_id:
            self._customers.invalidate(customer_id)
            self._kb.forget_searches()  # their questions, kept for their follow-ups

    async def _announce_erased(self, customer_id: str | None, conversation_ids: list[str]) -> None:
        for cid in conversation_ids:
            await self._bus.publish(conversation_topic(cid), {"type": ERASED, "conversation_id": cid})
            await self._bus.publish(AGENTS_TOPIC, {"kind": ERASED, "conversation_id": cid})
        await self._bus.publish(ERASURES_TOPIC, {"customer_id": customer_id, "conversation_ids": conversation_ids})

    async def keep_conversations(self, days: float, purge: Callable[[], Awaitable[None]] | None = None,
                                 every_s: float = 3600.0) -> None:
        """Retention: every ``every_s``, what ``forget_conversations_before`` forgets of conversations untouched
        for ``days``; a database that does not answer is tried again at the next round."""
        while True:
            try:
                await self.forget_conversations_before(utcnow() - timedelta(days=days), purge)
            except asyncio.CancelledError:
                raise
            except Exception:  # noqa: BLE001 - the database restarting: the next round
                log.warning("retention.failed", exc_info=True)
            await asyncio.sleep(every_s)

    async def forget_conversations_before(self, before: datetime,
                                          purge: Callable[[], Awaitable[None]] | None = None) -> int:
        """Deletes the conversations untouched since ``before`` (not one waiting for or held by an advisor), with
        everything of them, as an erasure does: overwritten (then ``purge``, SQLite's log emptied), dropped from
        every process's caches, their live watchers told. How many."""
        forgotten = 0
        while True:
            async with self._sessions() as s, overwriting(s):
                found = await forget_conversations_before(s, before)
            if not found:
                break
            forgotten += len(found)
            log.info("retention.conversations_forgotten", count=len(found), before=before.isoformat())
            for customer_id in set(found.values()) - {None}:
                self._customers.invalidate(customer_id)  # their past conversations, as their profile says them
            self.erased(None, list(found))
        if forgotten and purge is not None:
            await purge()
        return forgotten

    async def follow_erasures(self) -> None:
        """Drop what this process holds of a customer another process erased (with several workers,
        a worker's cached turns and profile would otherwise outlive the erasure by their idle time)."""
        while True:
            try:
                async with self._bus.subscribe(ERASURES_TOPIC) as queue:
                    while True:
                        notice = await queue.get()
                        ids = notice.get("conversation_ids")
                        self._drop(notice.get("customer_id"), ids if isinstance(ids, list) else [])
            except asyncio.CancelledError:
                raise
            except Exception:  # noqa: BLE001 - the bus restarting: listen again
                log.warning("erasures.follow_failed", exc_info=True)
                await asyncio.sleep(1.0)

    async def _snapshot(self, conversation_id: str, client_message_id: str | None) -> _Snapshot | dict[str, Any]:
        """The conversation and its recent events: remembered, or read in one unit of work.

        Returns the stored response instead when ``client_message_id`` was already answered.
        """
        snap = self._snapshots.get(conversation_id)
        if snap is not None:  # a repeated client_message_id is caught by the write's own check
            return snap
        async with self._sessions() as s:
            if client_message_id:
                done = await get_turn(s, conversation_id, client_message_id)
                if done is not None:
                    return done
            conv = await get_conversation(s, conversation_id)
            if conv is None:
                raise NotFound("conversation not found", code="conversation_not_found")
            history = [event_dict(e) for e in await recent_events(s, conversation_id, _HISTORY)]
        snap = _Snapshot(conv, history)
        self._snapshots.put(conversation_id, snap)
        return snap

    async def turn(self, conversation_id: str, text: str, client_message_id: str | None = None) -> dict[str, Any]:
        with one_wait():  # the turn's searches share one wait for a knowledge refit, not one each
            return await self._turn(conversation_id, text, client_message_id)

    async def _turn(self, conversation_id: str, text: str, client_message_id: str | None) -> dict[str, Any]:
        text = self._as_stored(text)  # a card number or an IBAN typed is stored masked, and read masked
        async with self._locks.hold(conversation_id):
            found = await self._snapshot(conversation_id, client_message_id)
            if isinstance(found, dict):
                return found
            conv, history = found.conv, found.history
            # "ok im on my phone now. how long does it take?": the turn reads the question; the message is stored whole
            whole, text = text, without_preamble(text)
            if conv.state == ConversationState.WAITING_AGENT:
                # "meanwhile, how long is the return window?": the wait said, then a question of its own
                text = without_meanwhile(text)
            withdrawn = None
            if conv.state == ConversationState.WAITING_AGENT and drops_the_request(text):
                # "no need for an agent after all": the request is withdrawn and the bot answers again
                withdrawn = await self._handoffs.withdraw(conversation_id)
                if withdrawn is not None:
                    self.forget(conversation_id)
                    found = await self._snapshot(conversation_id, None)
                    assert not isinstance(found, dict)
                    conv, history = found.conv, found.history
            profile = await self._customers.resolve(conv.customer_id)
            # "ok", "parfait", "top" say nothing of their language: the conversation's is the best guess
            default_language = _spoken(history) or conv.language or profile.language or "en"
            result: SearchResult | None = None
            plainly: str | None = None  # the message in plain words, when its sentences are to be chosen by them
            if conv.state != ConversationState.AGENT:  # a waiting customer's question is answered meanwhile
                # embeds the message once, for everything below (its sentiment's word models too), without
                # a request for a language it makes ("Do you speak English? I lost my card")
                # nor a kind of the thing it says the thing is not ("un virement normal pas instantané"), whose
                # sentences are chosen without it too
                # nor the IBAN or card number it gives ("mon iban c FR76… pk jrecois pas mon virement": the transfer)
                # nor a person declined ("pas besoin de conseiller, dites moi juste si le wifi est gratuit au club")
                # nor a request taken back ("non laissez tomber, vous êtes ouverts le samedi ?")
                searched = without_a_kind_denied(without_data_given(
                    as_asked := without_declined(without_dropped(without_language_request(text)))))
                if searched != as_asked:
                    plainly = searched
                if distress(text):
                    # "this is ridiculous, its been 5 days and I'm a gold member": the deposit's delay, not the tiers
                    searched = without_status_told(searched)
                result = self._by_amount(await self._kb.search(searched, k=5, text_models=True), text)
                if ((not result.in_scope or _weak(result))
                        and (respelled := await self._kb.respelled(
                            searched, detect_language(searched, default_language) or default_language)) != searched):
                    # "internatonal tranfer to germny how much": the slips of the thumb given back as the articles
                    # spell the words (0.33 → 0.75), and the searches below start from them
                    fixed = await self._kb.search(respelled, k=5)
                    if fixed.in_scope and fixed.hits and (
                            not result.hits or await self._among(fixed.hits[0].document_id, result.hits[:1])
                            or fixed.hits[0].score >= result.hits[0].score + _CONTEXT_GAIN):
                        result = replace(fixed, vector=result.vector, query=result.query)
                    searched = respelled
                if (result.in_scope and result.hits and (abroad := there_as_abroad(searched)) != searched
                        and _named_abroad(history, self._cfg.home_country)):
                    # "ok and what's the fee for withdrawing cash there?" after Japan: cash abroad (the card abroad's
                    # fees, 0.67), not the ATM limits found as written (0.64, "free in the eurozone")
                    there = await self._kb.search(abroad, k=5)
                    if (there.in_scope and there.hits and there.hits[0].score >= result.hits[0].score
                            and not await self._among(there.hits[0].document_id, result.hits[:1])):
                        result = replace(there, vector=result.vector, query=result.query)
                if ((thing := own_thing(text)) and _named_abroad([_said_last(history)], self._cfg.home_country)
                        and (last := _last_answered(history)) is not None):
                    # "and my phone?" after "my card got declined at my hotel in tokyo": the phone abroad (roaming,
                    # 0.74), not the card abroad again (nor the phone alone: Apple Pay, 0.48)
                    said_in = detect_language(text, default_language) or default_language
                    there = await self._kb.search(f"{thing} {_ABROAD.get(said_in, _ABROAD['en'])}", k=5)
                    if (there.in_scope and there.hits and not await self._among(last, there.hits[:1])
                            and there.hits[0].score >= there.threshold + _WEAK_MARGIN
                            and (not result.in_scope or not result.hits
                                 or there.hits[0].score >= result.hits[0].score)):
                        result = replace(there, vector=result.vector, query=result.query)
                calmer = None
                if not result.in_scope and distress(text) and (calmer := without_mood(searched)) not in ("", searched):
                    # "je ne comprends jamais vos frais": "jamais" led the search astray; the words of the question
                    # alone find the fees article (the message's own embedding and words stay, for its mood)
                    calm = await self._kb.search(calmer, k=5)
                    if calm.in_scope:
                        result = replace(calm, vector=result.vector, query=result.query)
                if ((not result.in_scope or _weak(result)) and not self._naming_the_amount(result, text)
                        # not "and in Japan?", which the question before places (a follow-up, read below)
                        and len(text.split()) > _BARE_WORDS and not elliptical(text) and not leans_back(text)
                        # nor the calmer words searched just above, again
                        and (plainer := self._in_plain_words(
                            searched, text, abroad_before=_named_abroad(history, self._cfg.home_country)))
                        not in ("", searched, calmer)):
                    # "i sent 2000 euros to my landlord…", "going to new york next week", "im really worried, …": the
                    # figure, the city, the worry led it astray ("money", "abroad"); read plainly, the article the
                    # message found first as written, now sure, and not another subject the plain words alone lead to
                    # ("send money instantly" alone is the international transfer)
                    plain = await self._kb.search(plainer, k=5)
                    if plain.in_scope and plain.hits and (
                            await self._among(plain.hits[0].document_id, result.hits[:1])
                            # or far more sure of another: "Je suis en Italie, ma carte va marcher ?" is the card
                            # abroad (0.49 → "je suis en abroad…"), not the lost card found weakly as written
                            or not result.hits or plain.hits[0].score >= result.hits[0].score + _CONTEXT_GAIN
                            # or as sure, and about being abroad where the first is not: "je pars en italie, mon
                            # forfait marche ?" is roaming (0.57 "…à l'étranger…"), not the plans' prices (0.54)
                            or (plain.hits[0].score >= result.hits[0].score
                                and self._abroad_only(plain.hits[0].document_id, result.hits[0].document_id,
                                                      searched, plainer))):
                        result = replace(plain, vector=result.vector, query=result.query)
                        if as_local_money(searched, self._cfg.home_country) != searched:
                            # "…pay in euros or dollars, which one": the sentence on "euros or local currency"
                            plainly = plainer
                if ((not result.in_scope or _weak(result)) and (told := _loss_told_first(searched)) is not None
                        and (lost := await self._kb.search(told, k=5)).in_scope and lost.hits
                        and (not result.hits or lost.hits[0].score >= result.hits[0].score + _CONTEXT_GAIN
                             or await self._among(lost.hits[0].document_id, result.hits[:2]))):
                    # "slt jai perdu ma cb hier soir, ca coute combien pour en avoir une nouvelle et ca met combien de
                    # temps ?": the loss told first is the subject (0.82), its questions lean on it (the whole, 0.44:
                    # opening an account); the article's sentences are chosen by them. And of two articles the whole
                    # finds as weakly as each other, the one of the trouble told ("my card got declined at the hotel,
                    # what do i do?": the declined card, 0.57 alone, not the lost card, 0.49 with "what do i do")
                    result = replace(lost, vector=result.vector, query=result.query)
                if (not result.in_scope and result.hits and len(text.split()) > _BARE_WORDS and not elliptical(text)
                        and not leans_back(text)
                        and (clause := await self._clause_found(searched, result)) is not None):
                    # "il est 2h du mat, les voisins font la fete depuis 1h, je dors pas !!": the whole finds the noise
                    # article weakly (0.39: the hour, the sleep), its clause of what happens surely (0.51)
                    result = replace(clause, vector=result.vector, query=result.query)
                # "combien coûte un virement vers l'allemagne ?": not the international transfer's "hors zone SEPA"
                result = await in_its_zone(self._kb, result, searched, searched, default_language)
            analysis = await self._analyzer.analyze(
                text, default_language=default_language, vector=result.vector if result else None,
                searched=result.query if result else None,
            )
            if (analysis.sensitive_topic is None and gives_card_details(text)
                    and _OF_A_SCAM.search(fold(_said_to_them(history).get("text") or ""))):
                # "mince j'ai déjà mis ma carte bancaire dessus" after the answer on a fake SMS: details given to it
                analysis = replace(analysis, sensitive_topic="fraud", topic_kind=topic_kind("fraud", text))
            if (analysis.sensitive_topic is None and tells_someone_unwell(text)
                    and any(e.get("emergency") for e in [e for e in _since_handed_back(history)
                                                         if e.get("type") == "customer_message"][-_UNWELL_AFTER:])):
                # "ma voisine a mal à la tête et elle vomit" right after "ça sent très fort le gaz dans ma cuisine":
                # someone hurt by the danger told, the emergency services first, then a person
                analysis = replace(analysis, sensitive_topic="emergency")
            if analysis.sensitive_topic == "personal_data" and result is not None:
                # "delete my data": an article of the company's on personal data answers (its process, its form), and
                # no other does (not mobile data's top-up, 0.57); without one, a person takes the request
                result, analysis = self._of_personal_data(result, analysis)
            if (result is not None and analysis.sensitive_topic != "bereavement"
                    and not any(e.get("sensitive_topic") == "bereavement" for e in history)):
                result = self._without_condolences(result, text)
            if (result is not None and analysis.sensitive_topic != "emergency" and not names_a_danger(text)
                    and not asks_emergency_number(text)
                    and not any(e.get("emergency") for e in history[-_UNWELL_AFTER * 2:])):
                result = self._without_danger_steps(result, history)
            elif result is not None and (tells_an_emergency(text) or asks_emergency_number(text)):
                # (and "what's the number for emergencies": not number porting's "keep your number")
                # "au secours y a de l'eau qui coule du plafond" at a bank: not the card's "plafond de retrait", which
                # names nothing of a danger; nothing answers it, and the emergency services come first
                result = self._beside_the_danger(result)
            if (analysis.small_talk in ("thanks", "acknowledgement") and praises(text)
                    and (said := _said_to_them(history)).get("type") == "bot_message"
                    and said.get("action") == "clarify" and not said.get("sources")
                    # (a question missed, not "anything else?" after an "ok")
                    and not (asked := _said_last(history)).get("in_scope") and not asked.get("small_talk")
                    and asked.get("text")):
                # "super, merci pour cette réponse vraiment très utile" right after "I have no reliable answer to
                # that": sarcasm, no thanks to answer in kind
                analysis = replace(analysis, small_talk=None, sentiment=displeased(analysis.sentiment))
            if (analysis.human_request and result is not None and result.in_scope and not is_human_request(text)
                    and (not reaches_for_someone(text) or asks_how_to_reach_you(text))):
                # the head alone heard a request ("contactless?" scores 0.89) in a message the knowledge
                # answers with confidence and that has no word of reaching anyone, or asks how to reach
                # the company without naming a person ("Comment vous contacter ?"): the answer wins
                analysis = replace(analysis, human_request=False)
            if (analysis.human_request and not is_human_request(text) and says_it_did_not_work(text)
                    and _last_tried(history) is not None):
                # "that didn't help" after an answer: the head alone heard a request; sorry, and an advisor is
                # offered (``not_solved``), one "yes" away
                analysis = replace(analysis, human_request=False)
            if not analysis.human_request and _advisor_offered(history) and accepts_offer(text):
                # "yes" to "…or I can get you an advisor: just say yes", after a question nothing answered
                analysis = replace(analysis, human_request=True, small_talk=None)
            elif (not analysis.human_request and not analysis.small_talk and accepts_offer(text)
                  and self._asked_what_else(history)):
                # "oui" to "Puis-je vous aider pour autre chose ?": what with, not "no reliable answer"
                analysis = replace(analysis, small_talk="help")
            elif not analysis.human_request and not analysis.small_talk and says_no(text):
                # "no" to that offer, to options, to an answer, or to "anything else?" (asked after thanks, an "ok" or a
                # "done"): nothing asked, no miss to count; the last closes, the others leave the door open
                closing = _said_last(history).get("small_talk") in ("thanks", "acknowledgement", "solved", "done")
                analysis = replace(analysis, small_talk="goodbye" if closing else "acknowledgement")
            only_language = bool(analysis.language_asked) and (
                only_asks_for_language(text)
                # "can you answer in french? my partner reads this too": the rest says why, and asks nothing
                or (result is not None and not result.in_scope and not _asks_besides(text)))
            sticky = _kept_language(history)  # asked for earlier, with nothing else: it holds
            spoken = self._tone.speaks(analysis.language_asked)
            reply_language = analysis.language_asked if spoken else sticky
            if analysis.human_request and self._tone.speaks(person := language_for_a_person(text)):
                reply_language = person  # "can I speak to an advisor in French?": the handoff is told in French
            if only_language and spoken:
                sticky = analysis.language_asked
            reanswer = None
            if only_language:
                # "sorry, can you answer in English?" (the head hears "sorry" as upset): a language asked for is no
                # frustration to acknowledge before the answer given again
                analysis = _calmed(analysis)
            if only_language and result is not None:
                # "can you answer in English?": the bot's last answer again in that language, where it has one;
                # "thanks, bye, in French please" is thanked in French; a language not spoken is said to be so
                courtesy = small_talk(without_language_request(text))
                if spoken and courtesy not in ("thanks", "goodbye"):
                    reanswer = await self._again_in(reply_language, history, analysis.vector)
                if reanswer is not None:
                    result = reanswer[0]
                else:
                    kind = courtesy if spoken and courtesy in ("thanks", "goodbye") else None
                    if (kind is None and spoken and self._last_answer_language(history) not in (reply_language, None)
                            and "language_untranslated" in self._tone.default_words(reply_language)):
                        # "can you answer in English?" after an article written only in French: said so, and an
                        # advisor to go through it in English offered, not "Certainly" then the French again
                        kind = "language_untranslated"
                    analysis = replace(analysis, small_talk=kind or ("language" if spoken else "language_other"))
            if analysis.small_talk == "unclear" and puzzled(text) and _last_answered(history) is None:
                # "?", "hein" with no answer given yet: nothing to say again another way; what it is about, asked
                analysis = replace(analysis, small_talk="help")
            said_before = _said_last(history).get("small_talk")
            if (analysis.small_talk in ("help", "unclear")
                    and said_before in (analysis.small_talk, f"{analysis.small_talk}_again")):
                if (analysis.small_talk == "help" and said_before == "help"
                        and not any(ch.isalnum() for ch in text)
                        and "help_again" in self._tone.default_words(analysis.language)):
                    # "?", then "?!?!": no one asked for, and nothing said of what about: a person offered, a "yes"
                    # away, not a request put in the queue in the customer's name
                    analysis = replace(analysis, small_talk="help_again")
                else:
                    # "help" again, still saying nothing of what about: a person, rather than the same question;
                    # and not understood again
                    analysis = replace(analysis, small_talk=None, human_request=True)
            picked = None
            if result is not None and not analysis.small_talk and (picked := self._picked(text, history, result)):
                result = picked  # "the second one", "yes": an option the bot just offered
                if (spoken := _spoken(history)) is not None and spoken != analysis.language:
                    # its title typed ("International (non-SEPA) transfers" reads as French): the conversation's
                    analysis = replace(analysis, language=spoken)
            again = False  # a follow-up the last document answers: only what it asks, from that document
            own: SearchResult | None = None  # a follow-up's own search, before it was read with the question before
            by_words = False  # a follow-up's sentences chosen by their words, not by meaning
            of_place = False  # a follow-up naming a place, answered from the article on that place
            danger_steps: str | None = None  # what to do in the danger just told, asked again
            if withdrawn is not None and not (result and result.in_scope and says_more_than_a_request(text)
                                              and not only_drops_the_request(text)):
                analysis = replace(analysis, small_talk="withdrawn")  # said in kind, no miss to count
                # "actually never mind, no need for an agent" (-0.58 as the head hears "never mind"): no upset to
                # apologise to, and no fall for the mood's trend ("forget it, you're useless" is distress)
                analysis = _calmed(analysis)
            elif (withdrawn is None and conv.state == ConversationState.BOT and not analysis.small_talk
                  and not analysis.human_request
                  and (only_drops_the_request(text) or declines_a_human(text) and not asks_something(text)
                      and not says_more_than_declining(text))):
                # "actually never mind, cancel my request" with none open, "no no I don't need an agent, I was just
                # asking": all right, not options on complaints nor "could you say it another way?"
                analysis = replace(analysis, small_talk="acknowledgement")
            corrected = plainly  # the question before, as the customer says it was meant (or as plainly)
            # "can you block it for me?", "vous avez bien bloqué ma carte ?": the bot acts on nothing, and says so
            act = asks_bot_to_act(text) if not analysis.small_talk and not analysis.human_request else None
            if (not analysis.small_talk and not analysis.human_request and not analysis.sensitive_topic and act is None
                    and (thing := held_asked(text)) is not None
                    and (held := _held_kind(thing, profile, text, self._product_names(analysis.language))) is not None):
                # "est-ce que j'ai pris l'option zéro franchise ?", "am I on the unlimited plan?": the products held
                analysis = replace(analysis, small_talk=held)
            elif (not analysis.small_talk and not analysis.human_request and not analysis.sensitive_topic
                  and (named := own_attribute_asked(text)) is not None
                  and _attributes_named(named, profile, self._told_attributes,
                                        self._named("attribute_", analysis.language))):
                # "how many points do I have?", "je suis à quel niveau ?": what the file says of it
                analysis = replace(analysis, small_talk="own_attribute")
            elif (not analysis.small_talk and not analysis.human_request and not analysis.sensitive_topic
                  and not profile.personalized and (named := own_attribute_asked(text)) is not None
                  and _names_a_told_attribute(named, self._told_attributes,
                                              self._named("attribute_", analysis.language))
                  and "attribute_unseen" in self._tone.default_words(analysis.language)):
                # asked by a customer who did not consent to personalisation: out of sight, and where it is shown
                # (not a question nothing answers, counted against the bot)
                analysis = replace(analysis, small_talk="attribute_unseen")
            if analysis.small_talk:
                result = None  # nothing was asked: no knowledge tried, no miss to count against the bot
            elif (result is not None and picked is None and reanswer is None and act == "done"
                  and not analysis.sensitive_topic and (last_top := _last_answered(history)) is not None
                  # not over an article found with confidence on another subject
                  and (not result.in_scope or _weak(result, analysis.language) or not result.hits
                       or result.hits[0].document_id == last_top
                       or await self._kb.twins(result.hits[0].document_id, last_top))
                  and (of_last := self._kb.chosen(last_top, result.vector)) is not None):
                # "did you block it?" after a stolen card: nothing was done, and the steps of that article again
                result, again = of_last, True
            elif (result is not None and picked is None and reanswer is None and says_the_app_is_out_of_reach(text)
                  and (last_top := _last_answered(history)) is not None
                  and (last_doc := self._kb.document(last_top)) is not None
                  and gives_a_way_without_the_app(last_doc.text)
                  and any(tells_a_loss(q) for q in _questions_before(history, 2))
                  and (of_last := self._kb.chosen(last_top, result.vector)) is not None):
                # "I don't have the app", "jai pas l'appli sur moi mon tel aussi a ete vole" after a stolen card's
                # steps in the app: that article's number to call, not the app's login article
                result, again = of_last, True
            elif (result is not None and picked is None and reanswer is None and not analysis.sensitive_topic
                  and (detail := detail_told(without_a_kind_denied(text))) is not None
                  and (last_top := _last_answered(history)) is not None
                  and (last_doc := self._kb.document(last_top)) is not None and covers(last_doc.text, detail, "")
                  and (of_last := self._kb.chosen(last_top, result.vector)) is not None):
                # "it was an instant transfer" after the answer to "I sent money to the wrong IBAN": what that article
                # says of it ("An instant transfer … can no longer be cancelled"), not the instant-transfer article
                result, again, corrected = of_last, True, detail
            elif (result is not None and picked is None and reanswer is None and not analysis.sensitive_topic
                  and not result.in_scope and _AGE_TOLD.search(fold(text)) and _words(text) <= _BARE_WORDS
                  and (last_top := _last_answered(history)) is not None
                  and (last_doc := self._kb.document(last_top)) is not None
                  and gives_the_figure("quel âge ?", last_doc.text)
                  and (of_last := self._kb.chosen(last_top, result.vector)) is not None):
                # "il a 10 ans" after the glasses' refunds for a son: what that article says of his age ("Pour les
                # enfants de moins de 16 ans…"), not "no reliable answer"; its sentences giving ages, by their figures
                result, again, by_words = of_last, True, True
            elif (result is not None and picked is None and reanswer is None and not analysis.sensitive_topic
                  and (detail := detail_told(without_a_kind_denied(text))) is not None
                  and (subject := _subject_asked(history)) is not None
                  and (with_it := await self._kb.search(f"{subject['text']} {detail}", k=5)).in_scope
                  and (telling := next((h for h in with_it.hits[:_NEAR_OPTIONS]
                                        if h.score >= with_it.threshold - _NEAR_BELOW
                                        and h.document_id != subject["top_document"]
                                        and (its := self._kb.document(h.document_id)) is not None
                                        and covers(its.text, detail, "")), None)) is not None):
                # "j'ai la formule confort" after a dental quote's question, answered by how to send the quote, which
                # names no plan: the question asked again, of that plan, from the article near it that names it (the
                # crowns' rates with Confort), not the article on changing plans its words find alone
                result = replace(with_it, vector=result.vector, in_scope=True,
                                 hits=[telling, *(h for h in with_it.hits if h is not telling)])
                corrected = f"{subject['text']} {detail}"
            elif (result is not None and picked is None and reanswer is None
                  and (meant := what_was_meant(text)) is not None and (before := _subject_asked(history)) is not None
                  # "no I mean my card, not my phone" after "will my phone work in switzerland?": "will my card work in
                  # switzerland?", or the question before with what was meant
                  and (repaired := await self._meant(
                      [q for q in (_as_meant(before["text"], meant), f"{before['text']} {meant}") if q],
                      meant, before, history, result))):
                # "no, I mean my mobile phone, not my card" after the card-abroad answer to "will my phone work in
                # Switzerland?": that question again, with what was meant, and never the answer turned down
                result, corrected = repaired
                # "sorry i meant canada" of the same article: its sentences about that question, by their words
                again = by_words = result.hits[0].document_id == before.get("top_document")
            elif (result is not None and picked is None and reanswer is None
                  and (before := _subject_asked(history)) is not None
                  and (renumbered := _renumbered(text, before["text"])) is not None
                  and (of_it := await self._renumbered_search(*renumbered, before["top_document"], result))):
                # "and 20?" after "how much is 5gb of data": that question again, of 20 GB; its sentences chosen by
                # the words of that question ("20 GB for €15"), not by the meaning of "and 20?"
                result, corrected = of_it, renumbered[0]
                again = by_words = (of_it.hits[0].document_id == before["top_document"]
                                    or await self._kb.twins(of_it.hits[0].document_id, before["top_document"]))
            elif (result is not None and picked is None and reanswer is None
                  and (elliptical(text) or leans_back(text) or opens_on_and(text))
                  and (last := _last_answered(history)) is not None
                  and record_told(self._record, profile, last, analysis.language, text, history, named_only=True)
                  and (of_last := self._kb.chosen(last, result.vector)) is not None):
                # "et le casque ?" after "je vois qu'un remboursement … pour la commande V-240398 (Smartphone…)": the
                # article just given, of the headphones' refund the record holds (told first)
                result = of_last
            elif (result is not None and picked is None and reanswer is None
                  and (renamed := next((r for e in _questions_before(history, 3)
                                        if (r := _renamed(text, e)) is not None), None)) is not None
                  and (of_thing := await self._kb.search(self._in_plain_words(renamed, renamed), k=5)).in_scope
                  and of_thing.hits and not await self._among(of_thing.hits[0].document_id,
                                                               [h for h in result.hits[:1] if result.in_scope])
                  # and not the article of the question renamed again: the new thing moved nothing ("my phone got
                  # declined at my hotel in tokyo" is still the card abroad, by "declined" and "hotel")
                  and ((answered := _last_answered(history)) is None
                       or not await self._among(answered, of_thing.hits[:1]))):
                # "and my phone?" after "I'm in Spain right now. will my card work?": that question of the phone, in
                # plain words ("will my phone work?" in Spain: roaming, not Apple Pay, which "my phone" alone finds)
                result, corrected = replace(of_thing, vector=result.vector), renamed
            elif (result is not None and picked is None and reanswer is None
                  and (elliptical(text) or leans_back(text) or asks_a_figure_only(text))
                  and (told := self._products_just_told(history, profile, analysis.language, text))
                  and (of_held := await self._kb.search(f"{text} {told}", k=5)).in_scope and of_held.hits):
                # "c'est combien déjà ?" right after "D'après votre profil, vous avez le Pass Mensuel": that pass's
                # price (the question alone is between a ride's price and the passes')
                # (its sentences by the words of the message and the product's name: "how much is it?" after "I don't
                # see any monthly pass…" is the Monthly Pass's price, not the Day Pass held)
                result, corrected, again = replace(of_held, vector=result.vector), f"{text} {told}", True
                by_words = True
            elif (result is not None and picked is None and reanswer is None
                  and (of_danger := self._of_the_danger_told(text, history, result)) is not None):
                # "should i take the lift?" right after the fire's steps ("…Never use the lift."): what those steps
                # say of it, not the article on a lift broken down
                (result, danger_steps), again, by_words = of_danger, True, True
            elif (result is not None and picked is None and reanswer is None
                  and not self._defined_elsewhere(text, result, history)
                  and (reads_as_follow_up(text, result, analysis.language)
                       # a short question every word of which the last article has ("do u move my direct debits for
                       # me" after closing an account): maybe of it, read with the question before
                       or self._covered_by_last(text, history) and not _sure_of_another(result, history)
                       # the first question after an advisor handed back, which the knowledge places only weakly: of
                       # what the advisor said, maybe
                       or _advisor_said_last(history) is not None and (not result.in_scope
                                                                        or _weak(result, analysis.language)))):
                own, (result, again) = result, await self._follow_up(text, history, result, analysis.language)
                if (conv.state == ConversationState.WAITING_AGENT and again and not own.in_scope and result.hits
                        and not self._tone.helps_meanwhile(_waiting_on(history))
                        and not await self._given(result.hits[0].document_id, history)):
                    # waiting for an advisor, a question nothing answers alone is not answered meanwhile from an
                    # article never given: "et est-ce que je peux décaler une mensualité ?" after money trouble told
                    # is not the loan application's sentence (a bereavement's article is what helps meanwhile:
                    # "est ce que je peux payer les obseques avec son compte ?" after a death told)
                    result, again = own, False
                elif (again and own.in_scope and own.hits and result.hits
                      and own.hits[0].document_id != result.hits[0].document_id
                      and (places := countries_named(text))
                      and (its := self._kb.document(own.hits[0].document_id)) is not None
                      and places <= countries_named(its.title) and _only_the_place(text, its)
                      and (gone_over := self._kb.document(result.hits[0].document_id)) is not None
                      and not places & countries_named(gone_over.title)):
                    # "et en belgique ?" after Premium's price: the article on Belgium, found alone (its own prices),
                    # not the plans' "accès à tous les clubs en France et en Belgique"; its sentences on what the
                    # question before asked
                    result, again, of_place, by_words = own, True, True, True
            if (not again and picked is None and reanswer is None and result is not None and result.in_scope
                    and result.hits and elliptical(text) and (places := countries_named(text))
                    and (last := _last_answered(history)) is not None and result.hits[0].document_id != last
                    and places <= countries_named(result.hits[0].title)
                    and (gone_over := self._kb.document(last)) is not None
                    and not places & countries_named(gone_over.title)
                    and _only_the_place(text, self._kb.document(result.hits[0].document_id))):
                # "et en belgique ?" after Premium's price, found alone as the article on Belgium: its sentences on
                # what the question before asked (its prices, not its letter to cancel and its clubs)
                again, of_place, by_words = True, True, True
            headed = None
            other_case = _WHAT_ABOUT.match(fold(text)) is not None  # "et pour mon collègue qui a un billet Classic ?"
            if (not again and picked is None and reanswer is None and result is not None
                    and (elliptical(text) or other_case)
                    and not analysis.human_request and not analysis.sensitive_topic and not analysis.small_talk
                    and (last := _last_answered(history)) is not None
                    and (gone_over := self._kb.document(last)) is not None
                    and (headed := headed_section(gone_over.text, text, other=other_case, span=next(
                        (told for asked in _questions_before(history) if (told := span_told(fold(asked))) is not None),
                        None))) is not None
                    and (there := self._kb.chosen(last, analysis.vector)) is not None):
                # "et pour la formule confort ?" after the article in sections by plan ("Formule Essentielle : 2 séances
                # par an… Formule Confort : 4 séances par an…"): its section, not the article on changing plans
                result, again = there, True
            elif (not again and picked is None and reanswer is None and result is not None
                  and len(text.split()) <= _QUOTING_WORDS and not analysis.human_request
                  and not analysis.sensitive_topic and (last := _last_answered(history)) is not None
                  and (gone_over := self._kb.document(last)) is not None
                  and (headed := quoted_sentence(gone_over.text, text)) is not None
                  and (there := self._kb.chosen(last, analysis.vector)) is not None):
                # "ca affiche acces suspendu" after the QR code's answer, which quotes the gate's « Accès suspendu »:
                # its sentence on it (blocked after unpaid debits), not the article on suspending a membership
                result, again = there, True
            if (not again and picked is None and reanswer is None and result is not None and result.in_scope
                    and result.hits and not analysis.human_request and not analysis.sensitive_topic
                    and (last := _last_answered(history)) is not None
                    and (result.hits[0].document_id == last or await self._kb.twins(result.hits[0].document_id, last))
                    and not self._similar(conv.id, analysis.vector)  # the same question again: all of it
                    and (gone_over := self._kb.document(result.hits[0].document_id)) is not None
                    and (shares_words(gone_over.text, text) or not content_stems(text))):
                # the article just given, found again for a new question about it ("can i get an esim instead" after
                # a new SIM): its sentences with the question's words, not the whole article word for word; with no
                # word of its own ("per day?"), the sentence closest in meaning; sharing none ("et je peux retirer
                # quand je veux ?" of "disponible à tout moment"), the article whole rather than a sentence chosen by
                # meaning alone
                again = True
            said_in = analysis.language  # the message's own language, before any the customer asked for
            if reply_language:
                analysis = replace(analysis, language=reply_language)
            placed = None
            if (result is not None and result.hits and picked is None and not again and not analysis.human_request
                    and not analysis.sensitive_topic and not analysis.small_talk):
                # "pourquoi j'ai 5 euros en plus ?", found (even surely) as the rejected debit's 10 € fee: the 5 € on
                # the record is the no-show fee; "is CC50044400 coming today?": that parcel's failed delivery
                placed = placed_by_named(self._record, self._kb, result, profile, analysis.language, history, text)
            if (placed is None and result is not None
                    and (not result.in_scope or picked is None and result.hits
                         and result.hits[0].score < result.threshold + _WEAK_MARGIN)
                    and not again and not analysis.human_request
                    and not analysis.sensitive_topic and not analysis.small_talk
                    and not (says_it_did_not_work(text) and _last_tried(history) is not None)):
                # "my card got declined at my hotel in tokyo, what's going on??", nearly the card-abroad
                # article: the payment declined yesterday because payments abroad are off makes it sure; found
                # weakly, what the record's note answers ("my phone has no internet": roaming, for Tom)
                placed = placed_by_record(self._record, self._kb, result, profile, analysis.language, history, text)
            result = placed or result
            if (result is not None and result.in_scope and result.hits and says_it_did_not_work(text)
                    and (tried := _last_tried(history)) is not None
                    and (result.hits[0].document_id == tried
                         or await self._kb.twins(result.hits[0].document_id, tried)
                         or _WHERE_LOOKED.search(fold(text)))):
                # "i already checked that, still doesnt work!!" after the declined-card answer, which its words find
                # again: what it said did not solve it, and the same answer is no help (sorry, and an advisor); so is
                # "toujours rien sur mon compte, c'est inadmissible" after a refund's wait, whose account is where the
                # money was looked for, not the article on changing bank details its words find
                result = replace(result, in_scope=False)
            if (result is not None and not result.in_scope and not again
                    and (analysis.question or plain_question(text) or text.rstrip().endswith("?"))
                    and not analysis.small_talk and not analysis.human_request and not analysis.sensitive_topic
                    and (matter := _matter_article(history)) is not None
                    and (matter_doc := self._kb.document(matter)) is not None
                    and content_stems(text) and covers(matter_doc.text, text, besides="")
                    and (of_matter := self._kb.chosen(matter, result.vector)) is not None):
                # "Et où est-ce que je dépose les documents ?" after a relative's death, handed back by the advisor:
                # nothing sure alone (cash deposits, 0.45), and every word of it in the article of the matter at hand
                # ("…en déposant les documents sur nordvik.example/bereavement"): its sentences about it
                result, again = of_matter, True
            if result is not None and result.in_scope:
                result = await self._in_their_language(result, analysis.language, text if reply_language else None,
                                                       vector=analysis.vector)
            if placed is not None and result is not None:
                # the record settled one document: it (or its translation) is the answer's only source, not
                # the others found as weakly ("Apple Pay" beside the data top-up)
                keep = {placed.hits[0].document_id, result.hits[0].document_id}
                result = replace(result, hits=[h for h in result.hits if h.document_id in keep])
            context = None
            if ((leans_back(text) or opens_on_and(text) or elliptical(text) or asks_a_figure_only(text)
                 or again and (asks_for_a_figure(text) or asks_what_to_do(text))) and not analysis.small_talk):
                # "je peux l'annuler ?" after "j'ai fait un virement instantané au mauvais IBAN": "l'" is that
                # transfer, and the sentences kept are about it ("Un virement instantané … ne peut plus être
                # annulé"), not the scheduled transfer's "can be cancelled up to the day before"; "and the card in
                # apple pay?" after "phone stolen!!" and "how do i block the sim": what to do when the phone is lost;
                # "how much per day for data?" after roaming in Tokyo: the place asked before (Zone 2's price); "how
                # long do i wait" after "it says account temporarily locked": the lock's 30 minutes; "je peux faire
                # quoi ?" after the wrong IBAN: the return of funds, not the scheduled transfer's cancelling
                context = " ".join(reversed(_questions_before(history)))
            focus = danger_steps or (headed if again else None)
            if (not again and result is not None and result.in_scope and result.hits and leans_back(text)
                    and result.hits[0].document_id == _last_answered(history)
                    and self._record_told(profile, result.hits[0].document_id, analysis.language, history)):
                # "how do i turn it on?" after an answer that opened with the record ("payments abroad are switched
                # off on your card"): "it" is the record's, and the sentence it asks for, not the article again
                again = True
            if (again and result is not None and result.in_scope and result.hits
                    and (gone_over := self._kb.document(result.hits[0].document_id)) is not None
                    and misses_the_figure(text, " ".join(filter(None, (
                        gone_over.text, self._record_told(profile, result.hits[0].document_id, analysis.language,
                                                          history)))))):
                # "et c'est gratuit ?" of an article that gives no price: not known, rather than a sentence of it;
                # unless the message found alone, with confidence, another article that gives one ("what about the
                # fees for that?" after a transfer that has not arrived: the fees article)
                if (own is not None and own.in_scope and own.hits
                        and own.hits[0].document_id != result.hits[0].document_id
                        and (its := self._kb.document(own.hits[0].document_id)) is not None
                        and (subject := _subject_asked(history)) is not None
                        and gives_the_figure_of(text, its.text, subject["text"])):
                    result, by_words = own, True  # its sentences about the subject, by their words (``asked``)
                elif (priced := await self._giving_the_figure(text, history, result.hits[0].document_id)) is not None:
                    result, by_words = priced, True
                else:
                    result, again = replace(result, in_scope=False, hits=[]), False
            if (again and result is not None and result.in_scope and result.hits and asks_what_to_do(text)
                    and (told := self._record_told(profile, result.hits[0].document_id, analysis.language, history))
                    and len(split_sentences(told)) > 1):
                # "how do i fix it" after "your payment … was declined … Payments abroad are switched off on your card:
                # switch them on …": the record's own fix, not the steps of the article's other reasons (a record
                # that tells no reason, "your smart meter has recorded water running non-stop", has no fix of its own:
                # "what do i do" is the article's steps)
                focus = " ".join(split_sentences(told)[1:])
            elif again and result is not None and result.in_scope and result.hits and not by_words:
                top = result.hits[0]
                doc = self._kb.document(top.document_id)
                if doc is not None and (top.language and top.language != said_in
                                        or not shares_words(doc.text, text) and not asks_what_to_do(text)
                                        and not countries_named(text)):
                    # "and how do I unfreeze it?" of the French article, "and can I get the money back?" of the
                    # article that says "refund": its sentence by meaning, where no word is shared ("what
                    # should I do now?" shares none, and wants the steps: the words find them)
                    # what the record said of it is part of the answer the message points back at: "ok how do I
                    # turn it on?" after "Payments abroad are switched off on your card: switch them on in …"
                    # (its reason and fix, not its fact told already: "how long do i have" after "your smart meter
                    # has recorded water running non-stop since 3 December" is the article's month to apply)
                    said = self._record_told(profile, top.document_id, analysis.language, history)
                    fix = " ".join(split_sentences(said)[1:]) if said else ""
                    body = f"{fix} {doc.text}" if fix else doc.text
                    # of the place the conversation last named ("how long will that take" after "and to germany?":
                    # the SEPA transfers' next business day, not a new beneficiary's 24 hours)
                    focus = await self._closest_sentence(
                        top.document_id, body, analysis.vector, text,
                        placed_last(*reversed(_questions_before(history)), text),
                        self._held_names(profile) if profile.personalized else ())
            asked = reanswer[1] if reanswer else corrected
            if (asked is None and focus is None and result is not None and result.in_scope and result.hits
                    and (meant_only := what_was_meant(text)) is not None
                    and result.hits[0].document_id == _last_answered(history)):
                # "no I meant a permanent increase, not temporary" of the article just given: its sentences about what
                # was meant, not the ones turned down ("temporarily for 30 days")
                asked, again = meant_only, True
            if (asked is None and result is not None and result.in_scope and result.hits
                    and (leans_back(text) or of_place) and (subject := _subject_asked(history)) is not None
                    and subject["top_document"] != result.hits[0].document_id):
                # "what about the fees for that?" after a transfer that has not arrived: a new article, and the
                # sentences of it a short answer keeps are the ones about the subject "that" points at
                asked = f"{subject['text']} {text}"
            listed = None
            if (not again and focus is None and asked is None and picked is None and placed is None
                    and result is not None and not analysis.small_talk and not analysis.sensitive_topic
                    and not analysis.human_request and (items := listed_questions(text)) is not None
                    and (listed := await self._listed(items, analysis.language)) is not None):
                # "1) what is the interest rate on savings? 2) what is the overdraft rate? 3) can I repay my loan
                # early": each answered under its number, not the first alone
                result = replace(result, hits=[next(hit for *_, hit, _ in listed if hit is not None)], in_scope=True)
            also = None
            if (listed is None and not again and focus is None and asked is None and picked is None and placed is None
                    and result is not None and result.in_scope and result.hits
                    and (parts := two_questions(text)) is not None):
                also = await self._second_question(parts, result, analysis.language)
            elif (listed is None and not again and focus is None and asked is None and picked is None
                  and placed is None and result is not None and not result.in_scope and not analysis.small_talk
                  and not analysis.sensitive_topic and not analysis.human_request
                  and (parts := two_questions(text)) is not None
                  and (also := await self._second_question(parts, None, analysis.language)) is not None):
                # "whats nordviks bic and where do i get a statement": nothing sure for the whole, each question sure
                # alone (the IBAN article, the statements): both answered, not an advisor for neither
                result = replace(result, hits=[also[0]], in_scope=True)
            # "wait how many days did he say": what the advisor wrote before handing back gives it
            # (of a topic the advisor dealt with and handed back too, or of a complaint: "c'était quoi le numéro de
            # réclamation ?" is the number the advisor gave, not a complaint to queue again)
            gave = (_advisor_gave(history, text) if conv.state in (ConversationState.BOT, ConversationState.CLOSED)
                    and not analysis.small_talk and not analysis.human_request
                    and (not analysis.sensitive_topic or analysis.sensitive_topic == "formal_complaint"
                         or analysis.sensitive_topic in _handed_back_topics(history))
                    else None)
            missing = None
            if (gave is None and result is not None and picked is None and not analysis.small_talk
                    and not analysis.human_request and listed is None  # (a list's questions: each one's own)
                    and (missing := await self._coverage.missing(text, self._kb)) is not None):
                # "what's the interest rate on a mortgage?" in a base that never says "mortgage": the savings rate,
                # found with confidence all the same, is beside the point; said so, what is near offered instead
                # (and a question nothing answers anyway hears the same words: "no information on home insurance")
                result = replace(result, in_scope=False)
            elif (gave is None and result is not None and picked is None and not analysis.small_talk
                  and not analysis.human_request and listed is None
                  and (missing := await self._still_missing(text, history, result))):
                # "c quoi le taux ?" after "vous avez une offre de crédit immobilier ?", told there is no information on
                # it: still the mortgage's rate, not the personal loan's as if it were
                result = replace(result, in_scope=False)
            # waiting about a death, "Et pour son forfait mobile ?" of the article already given meanwhile: of the
            # matter waited on, answered meanwhile though it says little alone
            of_the_matter = (conv.state == ConversationState.WAITING_AGENT and elliptical(text)
                             and result is not None and result.in_scope and bool(result.hits)
                             and self._tone.helps_meanwhile(_waiting_on(history))
                             and await self._given(result.hits[0].document_id, history))
            plan = self._plan(conv, profile, analysis, result, history, text, again, question=asked, focus=focus,
                              also=also, context=context, missing=missing, gave=gave, act=act, listed=listed,
                              of_the_matter=of_the_matter)
            if missing is not None and plan.action == "clarify" and plan.escalation is None:
                plan = replace(plan, uncovered=True)
            if (withdrawn is not None and plan.escalation is None and plan.text and plan.tone is not None
                    and analysis.small_talk != "withdrawn" and (cancelled := plan.tone.words.get("withdrawn_note"))):
                # "actually never mind, how much is a roof box" while waiting: the answer, and word that no advisor
                # is coming any more
                plan = replace(plan, text=f"{cancelled} {plan.text}")
            if (analysis.written_in and not self._tone.speaks(analysis.written_in) and plan.tone
                    and analysis.small_talk != "language_other" and (note := plan.tone.words.get("not_spoken"))
                    and not _told_before(note, history)):
                # "Hola, he perdido mi tarjeta": answered in the conversation's language, saying why (once); handed
                # over ("quero falar com uma pessoa"), before the handoff's words
                if plan.escalation is not None:
                    plan = replace(plan, note=note)
                elif plan.text:
                    plan = replace(plan, text=f"{note}\n\n{plan.text}")
            if plan.escalation is not None and plan.tone is not None and (
                    plan.tone.emergency or any(e.get("emergency") and e.get("type") == "customer_message"
                                               for e in _since_handed_back(history)[-_EMERGENCY_LOOKBACK:])):
                # handed over in or just after a danger told ("il y a un blessé", then "yes we called"): first in
                # the queue ([priority] emergency), its evidence saying so
                plan = replace(plan, escalation=replace(plan.escalation,
                                                        evidence={**plan.escalation.evidence, "emergency": True}))
            if (plan.action == "answer" and plan.text and self.assist is not None and profile.personalized
                    # no offer to a customer who is upset, or whose trouble the answer has not solved yet ("i cant
                    # log in…", then "im abroad btw": not travel insurance)
                    and plan.tone is not None and plan.tone.empathy == "none" and not analysis.distress
                    and not reports_trouble(text)
                    and not _subject_was_a_trouble(history)):
                now_said = {"type": "customer_message", "text": text, "sentiment": analysis.sentiment.as_dict(),
                            "language": analysis.language}
                offer = await self.assist.bot_offer(profile, analysis.vector, [*history, now_said],
                                                    channel=conv.channel, state=conv.state, language=analysis.language)
                if offer and offer.get("text"):
                    plan = replace(plan, text=f"{plan.text}\n\n{offer['text']}", offer=offer)
            open_handoff = await self._open_handoff_of(found)
            response = await self._persist(conv, profile, analysis, result, plan, whole, client_message_id, sticky,
                                           open_handoff)
            fresh = bool(response.pop(_FRESH, False))
            if (fresh and open_handoff is not None and open_handoff["status"] == HandoffStatus.WAITING
                    and (analysis.sensitive_topic or analysis.sentiment.score <= _RERATE_BELOW
                         or (plan.tone is not None and plan.tone.emergency))):
                # "and now someone is using my card!", "my wife is bleeding" while waiting: the queue hears it
                await self._handoffs.reassess(open_handoff["id"], seq=response["seq"], text=whole,
                                              sentiment=analysis.sentiment.score,
                                              sensitive_topic=analysis.sensitive_topic,
                                              emergency=plan.tone is not None and plan.tone.emergency)
            if fresh:
                self._remember(conversation_id, response["seq"], analysis.vector)
            if fresh and plan.offer and self.assist is not None and (response.get("reply") or {}).get("offer"):
                # only an offer the customer was actually sent starts its cooldown
                await self.assist.record_offer(profile, plan.offer, conversation_id)
        if self.assist is not None and response.get("state") in (ConversationState.WAITING_AGENT, ConversationState.AGENT):
            self.assist.conversation_moved(conversation_id)
        return response

    async def _open_handoff_of(self, found: _Snapshot) -> dict[str, Any] | None:
        """The handoff a waiting or agent-owned conversation is in, as a reply names it (id, reason,
        status): from its history, or read once from the store when asked for longer ago, then
        remembered with the snapshot (a handoff's transition forgets it)."""
        conv = found.conv
        if conv.state not in (ConversationState.WAITING_AGENT, ConversationState.AGENT):
            return None
        if not found.handoff_known:
            known = _open_handoff(found.history)
            if known is None and (stored := await self._handoffs.current(conv.id)) is not None:
                known = {"id": stored.id, "reason": stored.reason}
            found.open_handoff, found.handoff_known = known, True
        if found.open_handoff is None:
            return None
        waiting = conv.state == ConversationState.WAITING_AGENT
        return {**found.open_handoff, "status": HandoffStatus.WAITING if waiting else HandoffStatus.ACTIVE}

    async def _still_missing(self, text: str, history: list[dict[str, Any]], result: SearchResult) -> Subject | None:
        """What the question before asked about and the base never mentions, for a message of few words that goes on
        asking of it ("what's the rate?" after "do you do mortgages?") and names no subject of its own (not "and
        personal loans?")."""
        if len(text.split()) > _BARE_WORDS or not (plain_question(text) or leans_back(text) or elliptical(text)
                                                   or asks_a_figure_only(text)):
            return None
        before = next((e for e in reversed(history) if e.get("type") == "customer_message" and e.get("text")
                       and not e.get("small_talk")), None)
        if before is None or (missing := await self._coverage.missing(before["text"], self._kb)) is None:
            return None
        new = content_stems(text) - FIGURE_WORDS - content_stems(before["text"])
        if (new and not result.in_scope and not leans_back(text) and not elliptical(text)
                and (countries_named(text) or len(new) >= 2 or _WHAT_ABOUT.match(fold(text)))):
            # "what's the capital of peru", "what about borrowing for me" after mortgages, which nothing answers: a
            # subject of its own, not still the mortgage's (not "how does it work?", "what are the conditions?")
            return None
        own = self._kb.document(result.hits[0].document_id) if result.hits else None
        return None if own is not None and shares_words(own.title, text, subject=True) else missing

    async def _giving_the_figure(self, text: str, history: list[dict[str, Any]], gone_over: str) -> SearchResult | None:
        """For a price or a time asked of the subject (``text``: "how much is it?" after "how long does a transfer
        take?" and "and to the US?") that the article just gone over does not give: the article that gives it,
        found with confidence by the subject's questions and the message (the international transfer's "€15 fee");
        None when none does."""
        subject = _subject_asked(history)
        asked = " ".join(reversed(_questions_before(history)))
        if subject is None or not asked:
            return None
        place = placed_last(asked, text)
        # the last question, then all of them, without the figure they asked ("how long…"): "a transfer, and to the
        # US? how much is it?"; "is there a minimum for rtgs and how much does it cost" (the RTGS charges, 0.58; with
        # the NEFT question before it too, 0.45)
        # (not a last question that leaned on the one before: "et vers les états-unis ?" alone is roaming's)
        alone = () if elliptical(subject["text"]) or leans_back(subject["text"]) else (subject["text"],)
        for lead in dict.fromkeys((*alone, asked)):
            joined = f"{without_the_figure(lead)} {text}"
            found = await in_its_zone(self._kb, await self._kb.search(joined, k=5), joined, place)
            for h in found.hits:
                if h.score < found.threshold:
                    break
                its = self._kb.document(h.document_id)
                if (its is not None and h.document_id != gone_over
                        and not await self._kb.twins(h.document_id, gone_over)
                        # of the subject, or of the place asked: "our €15 fee" of the article "for example to the US"
                        and (gives_the_figure_of(text, its.text, asked)
                             or place and gives_the_figure(text, its.text)
                             and regions_named(place) & regions_named(_whole(its), zones_of_countries=False))):
                    return replace(found, hits=[h, *(x for x in found.hits if x is not h)])
        return None

    async def _given(self, document_id: str, history: list[dict[str, Any]]) -> bool:
        """Whether the bot answered from ``document_id`` (or its translation) earlier in ``history``."""
        for e in history:
            # (an escalation's sources are what it gave meanwhile: a relative's account after a death told)
            if e.get("type") == "bot_message" and e.get("action") in ("answer", "handoff_wait", "resume", "escalate"):
                for source in e.get("sources") or ():
                    given = source.get("document_id")
                    if given and (given == document_id or await self._kb.twins(given, document_id)):
                        return True
        return False

    async def _among(self, document_id: str, hits: list[Hit]) -> bool:
        """Whether ``document_id`` (or its translation) is one of ``hits``."""
        for hit in hits:
            if hit.document_id == document_id or await self._kb.twins(hit.document_id, document_id):
                return True
        return False

    async def _clause_found(self, searched: str, result: SearchResult) -> SearchResult | None:
        """Of a message of several clauses that nothing answers surely, the search of the clause that finds surely
        one of the two articles the whole found first ("la chambre est degueulasse, je veux une autre chambre tout de
        suite": housekeeping, 0.37 for the whole, 0.62 for its first clause); None when no clause does. A clause that
        finds another subject is no answer of the whole ("je dors pas" alone is not the safety page)."""
        searched = " ".join(searched.split())  # (runs of spaces cost the split's pattern dearly)
        if len(searched) > _CLAUSE_CHARS:
            return None
        clauses = [c.strip() for c in _CLAUSE.split(searched) if len(c.split()) >= _CLAUSE_WORDS][:_CLAUSES]
        if len(clauses) < 2:
            return None
        best: SearchResult | None = None
        for clause in clauses:
            # (without a city at home: "flat tyre on the motorway near lyon" is the breakdown's, 0.41 → 0.68)
            found = await self._kb.search(without_home_places(clause, self._cfg.home_country), k=5)
            if (found.in_scope and found.hits and (best is None or found.hits[0].score > best.hits[0].score)
                    and await self._among(found.hits[0].document_id, result.hits[:2])):
                best = found
        return best

    def _by_amount(self, result: SearchResult, text: str) -> SearchResult:
        """``result`` with the document that names the amount the message names first, when it is found nearly as
        well as the best one: "pourquoi j'ai 8 € de frais sur mon compte" is the overdraft's "8 € par opération"
        (0.43), not a blocked account (0.48), which names no such sum and is no rival to it then."""
        if not result.in_scope or not result.hits:
            return result
        best = result.hits[0]
        hit = next((h for h in self._naming_the_amount(result, text) if h.score >= best.score - _AMOUNT_GAP), None)
        if hit is None or hit is best:
            return result
        # the ones found above it name no such sum: no rival to it
        return replace(result, hits=[hit, *(h for h in result.hits if h.score < hit.score)])

    def _in_plain_words(self, searched: str, text: str, *, abroad_before: bool = False) -> str:
        """What a message asks without what leads a search astray: its words of distress, its amounts ("money") and
        terms ("sur 7 ans"), the places it names abroad ("abroad"), a currency not the home one ("local currency");
        "there" after a message that named a place abroad (``abroad_before``) is "abroad" too."""
        searched = " ".join(searched.split())  # (runs of spaces cost the patterns below dearly)
        plainer = without_feeling_first(without_mood(searched) if distress(text) else searched)
        home = self._cfg.home_country
        abroad = as_abroad(without_amounts(without_term(without_when_told(without_stop_names(
            without_place_numbers(plainer))))), home)
        plainer = as_local_money(without_home_places(abroad, home), home)
        # "there" after a place abroad, before or in the message ("je pars en espagne, mon forfait marche la-bas ?")
        plainer = there_as_abroad(plainer) if abroad_before or _ABROAD_WORD.search(abroad) else plainer
        if detect_language(text, "en") == "fr":
            # in French words: "je pars en abroad" reads as English to the encoders and finds the card abroad (0.45)
            # where "je pars à l'étranger … mon forfait marche à l'étranger ?" finds roaming (0.77)
            plainer = _ABROAD_WORD.sub(_ABROAD["fr"], _TO_ABROAD.sub(_ABROAD["fr"], plainer))
        return plainer

    def _abroad_only(self, found: str, first: str, searched: str, plainer: str) -> bool:
        """Whether ``found`` (an article the message said plainly finds) speaks of being abroad and ``first`` (what it
        found as written) does not, for a message that named a place abroad (``plainer`` says it as abroad)."""
        home = self._cfg.home_country
        doc, other = self._kb.document(found), self._kb.document(first)
        return (doc is not None and other is not None and as_abroad(searched, home) != searched
                and speaks_of_abroad(_whole(doc), home) and not speaks_of_abroad(_whole(other), home))

    def _naming_the_amount(self, result: SearchResult, text: str) -> list[Hit]:
        """The first three documents ``result`` found that name an amount the message names, best first."""
        named = sums_named(text)
        return [h for h in result.hits[:3] if named and (doc := self._kb.document(h.document_id)) is not None
                and named & sums_named(doc.text)]

    async def _follow_up(self, text: str, history: list[dict[str, Any]], result: SearchResult,
                         language: str | None = None) -> tuple[SearchResult, bool]:
        """A message that ``reads_as_follow_up`` is read with the question before it ("and to the US?"
        after "how do I make a transfer?", "et pour les retraits ?" after "quel est le plafond de ma
        carte ?"): see ``read_follow_up``."""
        # the customer's last messages (a handoff's events and the advisor's messages between them count for none)
        said = [e for e in reversed(history) if e.get("type") == "customer_message" and e.get("text")
                and not (e.get("language_asked") and only_asks_for_language(e["text"]))  # "in English please"
                # nor courtesy ("hello?", "ok thanks" to the advisor), nor a bare request for a person ("i want to talk
                # to a human"): no subject to follow up
                and not e.get("small_talk") and not (e.get("human_request") and not e.get("in_scope"))
                # nor "how many weeks did he say?", answered with the advisor's words, nor anger alone
                and not e.get("advisor_quoted") and not e.get("vented")][:_SAID_BACK]
        said = [*[await self._searched_now(e) for e in said[:_SUBJECT_RUN]], *said[_SUBJECT_RUN:]]
        # right after a handback, what the advisor said: "et ca va prendre combien de temps le remboursement ?" after
        # "remboursement sur la prochaine facture" is of it, on the subject asked before
        advisor = _advisor_said_last(history)
        last = said[0]["text"] if said else ""
        if len(said) > 1 and not said[0].get("in_scope") and (elliptical(last) or leans_back(last)
                                                              or len(last.split()) <= _BARE_REPLY_WORDS):
            # "and to the US?", "why?" not understood: "how do I unblock it?" asks of the question before; unless it is
            # of an option offered for it ("and for a baby?" - "do you mean this? Travelling with children" - "how
            # much is the ticket for the baby")
            if (_options_offered(history)
                    and (chosen := await self._after_options(text, history, last, result)) is not result):
                return chosen, False
            said = said[1:]
        before = said[0] if said else None
        if before is not None and not before.get("in_scope"):
            chosen = await self._after_options(text, history, before["text"], result)
            answered = next((e for e in said[1:_SUBJECT_RUN] if e.get("in_scope") and e.get("top_document")), None)
            if (chosen is result and answered is None and leans_back(text) and result.in_scope
                    and await _elsewhere(self._kb, result, text, before["text"])):
                # "how long will it take?" after "my card was swallowed by an ATM, can I get a new one?", which
                # nothing answered with confidence: not number porting ("within 3 business days"), not known
                return replace(result, in_scope=False, hits=[]), False
            if chosen is not result or answered is None or not (elliptical(text) or leans_back(text) or advisor):
                return chosen, False
            # "elle est payante ?" after a question the bot could not place, itself after the lost card it
            # answered: the last subject it did answer is what "elle" points at
            said, before = said[said.index(answered):], answered
        if before is None or not before.get("top_document"):
            return result, False
        # (without the station and the date it named, which led the search astray: "…réserver l'assistance en gare de
        # Bordeaux pour le 10 décembre" then "et je dois arriver combien de temps avant ?")
        lead = without_stop_names(without_when_told(before["text"]))
        chained = False  # the question before leaned on the one before it ("et pour les retraits ?")
        # the question that opened the subject: "I'd like a personal loan" for "Can I repay it early?"
        # after "What rates do you offer?" and "What's the maximum amount?", all answered from one article
        opened = None
        for earlier in said[1:_SUBJECT_RUN]:
            if not earlier.get("in_scope") or earlier.get("top_document") != before["top_document"]:
                break
            opened = earlier
        if opened is not None:
            lead = f"{opened['text']} {lead}"
        elif len(said) > 1 and (elliptical(lead) or leans_back(lead)):
            # "et pour les retraits ?", "how long to get the new one?" leaned on the question before it
            lead, chained = f"{said[1]['text']} {lead}", True
        if advisor is not None:
            lead = f"{lead} {advisor}"
        answer = _said_to_them(history)
        told = answer.get("text") if answer.get("type") == "bot_message" and answer.get("action") == "answer" else None
        found, again = await read_follow_up(self._kb, text, lead, before["top_document"], result,
                                            leans=leans_back(text), language=language, told=told, chained=chained)
        if (not found.in_scope and elliptical(text) and not reports_trouble(text) and not says_it_did_not_work(text)
                and self._all_of([h for h in result.hits if h.score >= result.threshold - _NEAR_BELOW],
                                 before["top_document"])
                and (again_there := self._kb.chosen(before["top_document"], result.vector)) is not None):
            # "and vodka?" after the ages for beer in Belgium: near nothing but that answer, a question of it; its
            # sentence closest in meaning ("18 or over for spirits"), not "that didn't sort it out"
            return again_there, True
        last = self._kb.document(before["top_document"])
        if (not found.in_scope and elliptical(text) and last is not None
                and (zone := zone_apart(text, _lead(last), whole=_whole(last))) is not None):
            # "k and to ireland" after the international transfer's €15, the SEPA transfer answered earlier: that
            # article, which is about Ireland's zone, for the question before
            for e in reversed(history[-20:]):
                if e.get("type") != "bot_message" or e.get("action") != "answer" or not e.get("sources"):
                    continue
                doc_id = e["sources"][0].get("document_id")
                doc = self._kb.document(doc_id) if doc_id else None
                if (doc is not None and zone in regions_named(_lead(doc), zones_of_countries=False)
                        and zone_apart(text, _lead(doc), whole=_whole(doc)) is None
                        and (again_there := self._kb.chosen(doc_id, result.vector)) is not None):
                    return again_there, True
        return found, again

    def _all_of(self, hits: Sequence[Hit], document_id: str) -> bool:
        """Whether ``hits`` are some, and all ``document_id`` or its translations."""
        return bool(hits) and {h.document_id for h in hits} <= {document_id, *self._kb.translations(document_id)}

    def _as_stored(self, text: str) -> str:
        """What the customer typed as it is stored: its card numbers and IBANs masked (``[dialogue] mask_stored``)."""
        return redact_payment_data(text) if self._cfg.mask_stored else text

    def _covered_by_last(self, text: str, history: list[dict[str, Any]]) -> bool:
        """Whether ``text``, a short question or a trouble told ("i never get the code" after 3D Secure, whose article
        says what to do then), adds to the customer's last message only words that the article last answered has;
        or, a little longer, asks a figure that article gives ("au bout de combien de temps je suis remboursé ?" after
        the deposit's "créditée … sous 5 jours")."""
        last = _last_answered(history)
        doc = self._kb.document(last) if last else None
        words = _words(text)
        if doc is None or words > _FIGURE_FOLLOW_UP_WORDS:
            return False
        if not covers(_whole(doc), text, besides=_said_last(history).get("text") or ""):
            return False
        asked = asks_something(text)
        return (words <= _FOLLOW_UP_WORDS and (asked or reports_trouble(text))
                or asked and asks_for_a_figure(text) and gives_the_figure(text, doc.text))

    def _emergency_steps(self, history: list[dict[str, Any]], tone: Tone) -> tuple[str, Hit | None] | None:
        """What to do in the emergency waited on: the sentences on emergencies of the article given with the handoff
        (with it), else the words sending for the services (tone.toml ``someone_hurt``); None when neither."""
        matter = _matter_article(history)
        doc = self._kb.document(matter) if matter else None
        told = next((e.get("text") or "" for e in reversed(history)
                     if e.get("type") == "customer_message" and e.get("emergency")), "")
        if doc is not None and (section := _section_told(doc.text, told)) is not None:
            # of an article in sections, the one of the danger told ("Malaise ou personne blessée :": stay with the
            # person, leave the door open), not the fire alarm's too
            return _in_register(tone, " ".join(section.split()), doc.language), self._kb.hit(matter)
        if doc is not None and (urgent := _on_emergencies(doc.text)):
            said = " ".join((_emergency_sections(doc.text, urgent) or " ".join(urgent)).split())
            return _in_register(tone, said, doc.language), self._kb.hit(matter)
        said = tone.words.get("someone_hurt")
        return (said, None) if said else None

    def _rather_of_the_matter(self, text: str, matter: Any, found: Hit, topic: str | None) -> bool:
        """Whether a question asked while waiting is of the matter waited on (its article ``matter``) rather than of
        the article its words ``found``: it has more of the question's words, or, waiting about a death or an
        illness (``topic``), the question speaks of the person the matter is about ("sa réservation", "his account")
        and it has one of them."""
        asked = content_stems(text)
        of_matter = len(asked & content_stems(f"{matter.title} {matter.text}"))
        other = self._kb.document(found.document_id)
        of_other = len(asked & content_stems(f"{other.title} {other.text}")) if other is not None else 0
        return of_matter >= 1 and (of_matter > of_other or topic in ("bereavement", "illness")
                                   and _THEIRS_NAMED.search(fold(text)) is not None)

    def _of_the_danger_kin(self, hits: Sequence[Hit], text: str) -> Hit | None:
        """Of ``hits`` found near enough, the first whose title or phrasings name the kind of danger the message tells
        (``_DANGERS_KIN``: a fall, a fire, a gas smell) and whose article names the services to call, when the first
        of them does not; None otherwise."""
        # (of a kind of danger: not "blessé", which an accident's article and a phone snatched from someone hurt share)
        told = _danger_words(text, hurt=False)
        if not told or not hits:
            return None

        def names_it(hit: Hit) -> bool:
            return bool(told & content_stems(" ".join([hit.title, *self._kb.phrasings(hit.document_id)[:8]])))

        if names_it(hits[0]):
            return None
        # (among the nearest however weakly found: its title or phrasings naming the danger, and the services, say
        # it is the one)
        return next((h for h in hits[1:] if names_it(h) and names_emergency_services(self._document_text(h))), None)

    def _told_emergency(self, hits: Sequence[Hit], text: str) -> Hit | None:
        """The first of ``hits`` whose article tells what to do in an emergency, names the services to call, and has,
        in a sentence on emergencies, two words of what the message tells ("lèvres qui gonflent, il respire mal":
        "gonflement du visage…, difficulté à respirer"); None when none does."""
        told = content_stems(text)
        for hit in hits:
            body = self._document_text(hit)
            if (speaks_of_emergencies(body) and names_emergency_services(body)
                    and any(len(told & content_stems(said)) >= 2 for said in _on_emergencies(body))):
                return hit
        return None

    def _defined_elsewhere(self, text: str, result: SearchResult, history: list[dict[str, Any]]) -> bool:
        """Whether ``text`` asks what a thing is ("c'est quoi noemie") that an article of its own, found with
        confidence, is about (its title names it), though the article last answered names it in passing."""
        return (asks_what_it_is(text) and result.in_scope and bool(result.hits)
                and result.hits[0].document_id != _last_answered(history)
                and shares_words(result.hits[0].title, text, subject=True))

    def _without_condolences(self, result: SearchResult, text: str) -> SearchResult:
        """``result`` without the articles that open with condolences, for a message that speaks of no death and names
        nothing of their title: "what documents do you need" after a loan finds the article on a relative who died
        (its "death certificate"), and a borrower told "we're very sorry for your loss" is worse than no answer."""
        condoling = [h for h in result.hits if (doc := self._kb.document(h.document_id)) is not None
                     and _SYMPATHY_OPENING.match(doc.text) and not shares_words(h.title, text)]
        return _without_hits(result, condoling)

    def _of_the_danger_told(self, text: str, history: list[dict[str, Any]],
                            result: SearchResult) -> tuple[SearchResult, str | None] | None:
        """The article just answered to a danger told now (one of the customer's last messages, ``emergency``, and
        the bot's last answer from it), for what to do meanwhile (its steps), or a question of a thing that answer named
        that the danger's message did not ("should i take the lift?" after the fire's "…Never use the lift.": the
        answer's sentences that name it), with what to say of it; None otherwise."""
        said = _said_to_them(history)
        told = [e for e in _since_handed_back(history) if e.get("type") == "customer_message"][-_UNWELL_AFTER:]
        before = next((e for e in reversed(told) if e.get("emergency") and e.get("top_document")), None)
        if (before is None or said.get("type") != "bot_message" or said.get("action") != "answer"
                or (said.get("sources") or [{}])[0].get("document_id") != before["top_document"]):
            return None
        danger = self._kb.chosen(before["top_document"], result.vector)
        if danger is None:
            return None
        if asks_meanwhile(text):
            # "jai deja appele les pompiers ils arrivent, je fais quoi en attendant" after the gas smell's steps: those
            # steps again (the section of the danger told), not the heating's "…prêté en attendant"
            return danger, _emergencies_first(self._document_text(danger.hits[0]), before.get("text") or "")
        if not asks_something(text) and "?" not in text:  # (and "we cant use the lift?? how do we get down")
            return None
        new = named_things(text) - named_things(before.get("text") or "")
        naming = [sentence for sentence in split_sentences(said.get("text") or "") if new & named_things(sentence)]
        if not naming:
            return None
        # (the steps' sentences that name it, as said: not a passage of a long article chosen by meaning)
        return danger, " ".join(naming)

    def _beside_the_danger(self, result: SearchResult) -> SearchResult:
        """``result`` without the articles that speak neither of emergencies nor of any danger, for a message telling
        one now: a word they share ("plafond", a ceiling and a limit) is no answer to water pouring in."""
        beside = [h for h in result.hits if (doc := self._kb.document(h.document_id)) is not None
                  and not speaks_of_emergencies(f"{doc.title} {doc.text}") and not names_a_danger(doc.title)
                  and not names_a_danger(doc.text)]
        return _without_hits(result, beside)

    def _without_danger_steps(self, result: SearchResult, history: list[dict[str, Any]]) -> SearchResult:
        """``result`` without the articles on what to do in a danger (most of their title and phrasings tell one:
        "Fuite de gaz : que faire"), for a message with no word of a danger: "vous vendez du gaz aussi ?" at an
        energy supplier with no gas offer of its own finds the gas leak's steps (0.47, by "gaz"), and a customer
        asking about a contract is told to open the windows and leave. Kept when it is the article last answered (a
        follow-up on it: "et le robinet il est où ?")."""
        last = _last_answered(history)
        danger = [h for h in result.hits if h.document_id != last and self._of_a_danger(h.document_id)]
        return _without_hits(result, danger)

    def _of_a_danger(self, document_id: str) -> bool:
        """Whether an article is on what to do in a danger (``_mostly_of_a_danger``), remembered for its version."""
        doc = self._kb.document(document_id)
        if doc is None:
            return False
        key = (document_id, tuple(doc.labels))
        if (known := self._danger_articles.get(key)) is None:
            if len(self._danger_articles) >= _DANGER_ARTICLES:
                self._danger_articles.clear()
            known = self._danger_articles[key] = _mostly_of_a_danger([doc.title, *self._kb.phrasings(document_id)])
        return known

    async def _renumbered_search(self, renumbered: str, number: str, last: str,
                                 result: SearchResult) -> SearchResult | None:
        """The question before, asked of another ``number`` (``_renumbered``): what it finds with confidence, or the
        document that answered the question before when it names that number ("how much is the 20gb one" after the
        plans: "20 GB for €19.99") or still finds it nearly; None otherwise."""
        of_it = await self._kb.search(renumbered, k=5)
        if of_it.in_scope and of_it.hits:
            return replace(of_it, vector=result.vector)
        doc = self._kb.document(last)
        value, _, unit = number.partition(" ")
        if (doc is not None and _names_number(fold(doc.text), value, unit)
                or any(h.document_id == last and h.score >= of_it.threshold - _NEAR_BELOW for h in of_it.hits)):
            return self._kb.chosen(last, result.vector)
        return None

    async def _meant(self, questions: Sequence[str], meant: str, before: dict[str, Any], history: list[dict[str, Any]],
                     result: SearchResult) -> tuple[SearchResult, str] | None:
        """The question before as the customer says it was meant (``questions``: it with the thing it named put as
        ``meant``, and it followed by ``meant``; the one whose best document is not one turned down, and is found
        best), or ``meant`` alone: the first document found for it with confidence that is not the one the bot
        answered it with, nor an option it offered then (nor their translations), nearly enough when it is the best
        found; with the question it answers. None when none is."""
        last = before.get("top_document")
        question = questions[-1]
        if last and (doc := self._kb.document(str(last))) is not None and _names_the_numbers(doc.text, meant):
            # "no i meant the 20gb" after the 80 GB plan's price: the same article says it, and was not wrong
            again = self._kb.chosen(str(last), result.vector)
            return (again, question) if again is not None else None
        turned_down = {last, _last_answered(history), *(o["document_id"] for o in _options_offered(history))} - {None}
        gone = set(turned_down)
        for document_id in turned_down:
            gone |= self._kb.translations(str(document_id))
        alone = await self._kb.search(without_language_request(meant), k=5)
        if alone.hits and alone.hits[0].document_id in gone and alone.hits[0].score >= alone.threshold - _NEAR_BELOW:
            return None  # what was meant is what was answered ("non je parle du téléphone" after roaming)
        searched = [(q, await self._kb.search(without_language_request(q), k=5)) for q in dict.fromkeys(questions)]

        def clean_and_best(found: SearchResult) -> tuple[bool, float]:
            others = [h.score for h in found.hits if h.document_id not in gone]
            return bool(found.hits) and found.hits[0].document_id not in gone, max(others, default=0.0)

        # "will my card work in switzerland?" (card abroad, 0.57) for "non I mean my card, not my phone", not "will my
        # phone work in switzerland? my card" (Apple Pay, 0.43)
        question, joined = max(searched, key=lambda p: clean_and_best(p[1]))
        if joined.in_scope and joined.hits and joined.hits[0].document_id in gone:
            # with what was meant, the question still finds what was answered: it was not wrong, and it is asked of
            # what was meant ("sorry i meant canada not the us" after the US's transfer, "sorry I meant for my
            # savings account" after the IBAN): that article's sentences about it
            again = self._kb.chosen(str(last), result.vector) if last else None
            # its sentences chosen by the question of the place meant ("how much to send money to the us canada": the
            # fee), or by what was meant alone ("a permanent increase", not the question's "raise … temporarily")
            return (again, question if countries_named(meant) else meant) if again is not None else None
        for found in (joined, alone):
            hits = [h for h in found.hits if h.document_id not in gone]
            # told what was meant, the best document for it needs less to be sure of: no higher one was turned down
            bar = found.threshold - (_NEAR_BELOW if found.hits and hits and found.hits[0] is hits[0] else 0.0)
            if hits and hits[0].score >= bar:
                return replace(found, hits=hits, in_scope=True, vector=result.vector), question
        return None

    async def _searched_now(self, said: dict[str, Any]) -> dict[str, Any]:
        """A customer message as a turn would have searched it: one said to an advisor was not ("my card was
        swallowed by an ATM, can I get a new one?"), and "how long will it take?" after the handback asks of it."""
        if "in_scope" in said and said["in_scope"] is not None or said.get("small_talk") or not said.get("text"):
            return said
        result = await self._kb.search(without_language_request(said["text"]), k=5, recent=True)
        return {**said, "in_scope": result.in_scope,
                "top_document": result.hits[0].document_id if result.in_scope and result.hits else None}

    async def _second_question(self, parts: tuple[str, str], result: SearchResult | None,
                               language: str) -> tuple[Hit, str, Hit, str] | None:
        """A message that asks two things ("how do I add my card to apple pay and also what is the contactless
        limit"), one of which ``result`` (for the whole of it) found (None: the whole found nothing sure): each
        question with its own confident document, in the order asked, when they are two subjects; None when it is
        one, either part alone is not sure, or the second leans on the first ("what are the fees? how long does it
        take?")."""
        first, second = parts
        # ("… and is mileage unlimited?" asks of a subject of its own, as a question of its own would)
        own = re.sub(r"^\W*(?:and|et|also|aussi|plus)\W+", "", second, flags=re.IGNORECASE)
        if (leans_back(second) or elliptical(second) and len(second.split()) <= _BARE_WORDS and not (
                (plain_question(own) or _ASKED_BY_ITS_VERB.match(fold(own))) and not leans_back(own)
                and len(own.split()) >= 3) or asks_what_to_do(second)
                or _WHAT_IS_THE.match(fold(second)) or _A_GUESS.match(fold(second))):
            # "… and how long does it take?", "… and abroad?", "… what should I do?", "can i just call u? whats the
            # number": of the first
            return None
        if self._kb.layer_state == "fitting":
            return None  # two more searches would each wait for the knowledge being refitted: one answer, now
        # the scene the first question was set in ("I'm flying to Toronto on Friday.") sets the second's too
        setting = " ".join(re.split(r"(?<=[.!?])\s+", first.strip())[:-1])
        found = []
        for part in parts:
            # "will my card?", "est-ce que mon forfait marchera ?" (alone: changing plans): of the scene first; and each
            # as written, then in plain words ("I'm flying to Toronto…" finds nothing sure, "…to abroad…" roaming)
            words = _words(part)  # French "… ?" has a spaced "?"
            asked = [f"{setting} {part}"] if part is second and setting and words <= _BARE_WORDS else []
            if (hit := await self._sure_alone([*asked, part], language)) is None:
                return None
            found.append(hit)
        one, two = found
        ones, twos = ({h.document_id, *self._kb.translations(h.document_id)} for h in found)
        if ones & twos or result is not None and not (ones | twos) & {result.hits[0].document_id}:
            return None
        return one, first, two, second

    async def _sure_alone(self, texts: Sequence[str], language: str) -> Hit | None:
        """The first confident document of ``texts``, each searched as written, then in plain words, in the customer's
        ``language`` (its translation when it has one); None when none finds one."""
        for query in dict.fromkeys(q for x in texts for q in (x, self._in_plain_words(x, x))):
            # of the zone the country it names is in ("combien coute un virement vers la suisse ?": SEPA, free)
            alone = await in_its_zone(self._kb, await self._kb.search(query, k=3), query, query, language)
            if alone.in_scope and alone.hits:
                return (await self._in_their_language(alone, language)).hits[0]
        return None

    async def _listed(self, items: list[tuple[str, str]],
                      language: str) -> list[tuple[str, str, Hit | None, Subject | None]] | None:
        """Each question of a list (``listed_questions``) with its mark, its own confident document in the
        customer's language (None: none) and what it names that the base never mentions; a question whose every
        word the first one's article has, of that article. None when the list is one subject asked of in turn ("What
        is the fee? How long does it take? Can I cancel it?": they lean on the first; "1) quel est le taux du compte
        épargne ? 2) quand les intérêts sont-ils versés ? 3) y a-t-il un plafond ?": its article has them all) or
        nothing answers any of it."""
        if self._kb.layer_state == "fitting" or any(leans_back(q) or elliptical(q) for _, q in items[1:]):
            return None
        out: list[tuple[str, str, Hit | None, Subject | None]] = []
        first: tuple[str, Hit, Any] | None = None  # the first question answered, its article, the article's text
        for mark, question in items:
            if first is not None and covers(first[2].text, question, besides=first[0]):
                # "2) quand les intérêts sont-ils versés ? 3) y a-t-il un plafond ?" after the savings rate: of the
                # same article, which has every word they add (not the card limits' "plafond")
                out.append((mark, question, first[1], None))
                continue
            if (missing := await self._coverage.missing(question, self._kb)) is not None:
                out.append((mark, question, None, missing))  # "can I get a mortgage?": there is nothing on it
                continue
            hit = await self._sure_alone([question], language)
            if first is not None and hit is not None and hit.document_id != first[1].document_id:
                # "1) comment déposer des espèces ? 2) y a-t-il un plafond par jour ?": alone, the card limits;
                # read with the first question, the deposit (its "limité à 3 000 € par jour"), more surely
                # (asking only a figure, "plafond", "par jour", it names no subject of its own article's title)
                joined = await self._kb.search(f"{first[0]} {question}", k=3)
                own = self._kb.document(hit.document_id)
                if (joined.in_scope and joined.hits and joined.hits[0].score >= hit.score - _LISTED_GAP
                        and own is not None and not shares_words(own.title, question, besides=first[0], subject=True)
                        # nor a thing of three letters typed in lower case: "whats the atm limit on my card"
                        and not short_things(question) & named_things(own.title)):
                    top = joined.hits[0].document_id
                    if top == first[1].document_id or await self._kb.twins(top, first[1].document_id):
                        hit = first[1]
            out.append((mark, question, hit, None))
            if first is None and hit is not None and (doc := self._kb.document(hit.document_id)) is not None:
                first = (question, hit, doc)
        if first is None or all(hit is not None and hit.document_id == first[1].document_id for *_, hit, _ in out):
            return None  # nothing answers it; or one subject asked of point by point: its article, whole
        return out

    def _listed_text(self, tone: Tone, profile: Profile, history: list[dict[str, Any]],
                     listed: list[tuple[str, str, Hit | None, Subject | None]]) -> str:
        """A list's answers, each under its question's mark, in short; what nothing answers said so."""
        lines = self._opening(tone, profile, history)
        for mark, question, hit, missing in listed:
            if hit is not None:
                body = self._in_short(tone, hit, question, self._held_names(profile) if profile.personalized else ())
            elif not (body := _not_covered(tone, missing) or ""):
                body = tone.words.get("list_unanswered", "").format(question=question) or tone.words["out_of_scope"]
            lines.append(f"{mark} {body}")
        return "\n".join(lines)

    async def _after_options(self, text: str, history: list[dict[str, Any]], lead: str,
                             result: SearchResult) -> SearchResult:
        """After "do you mean one of these?", a message that names none of them ("what should I do
        now?") is read with the question the options were offered for: an option it then finds with
        confidence is the answer."""
        offered = {s["document_id"] for s in _options_offered(history)}
        if not offered:
            return result
        if len(offered) == 1 and asks_what_to_do(text):  # "do you mean this?" - "what should I do now?"
            return self._kb.chosen(next(iter(offered)), result.vector) or result
        only = self._kb.document(next(iter(offered))) if len(offered) == 1 else None
        if only is not None and not result.in_scope and (leans_back(text) or elliptical(text) and covers(
                _whole(only), text, besides=lead)):
            # "do you mean this? Managing direct debits" - "can I get it back?": it is that one; not "what about
            # life insurance?", which names a subject of its own
            found, _ = await read_follow_up(self._kb, text, lead, next(iter(offered)), result, leans=leans_back(text))
            return found if found is not result else self._kb.chosen(next(iter(offered)), result.vector) or result
        joined = await self._kb.search(f"{lead} {text}", k=5)
        # an option, or its translation ("how much per day" in English after options offered in French)
        named = offered.union(*(self._kb.translations(d) for d in offered))
        if joined.in_scope and joined.hits and joined.hits[0].document_id in named:
            return replace(joined, vector=result.vector)
        if (joined.hits and joined.hits[0].document_id in named and asks_for_a_figure(text) and not result.in_scope
                and (top := self._kb.document(joined.hits[0].document_id)) is not None
                and gives_the_figure(text, top.text)):
            # "how much per day" after "roaming, or your card abroad?": a figure the message alone finds nothing for;
            # the option nearest with the question before, which gives one, though just under the bar
            return self._kb.chosen(joined.hits[0].document_id, result.vector) or result
        if (only is not None and not result.in_scope and joined.hits and joined.hits[0].document_id in named
                and joined.hits[0].score >= joined.threshold - _NEAR_BELOW and asks_something(text)
                and not reports_trouble(text)):
            # "do you mean this? – Bringing a guest" - "how many times can she come?": asked further of the one
            # subject offered, nearest with the question before though under the bar, it is that subject
            return self._kb.chosen(joined.hits[0].document_id, result.vector) or result
        first = _options_offered(history)[0]["document_id"]
        if (not result.in_scope and joined.hits
                and joined.hits[0].document_id in {first, *self._kb.translations(first)}
                and (leans_back(text) or _THEM.search(fold(text)) and asks_something(text))
                and not reports_trouble(text)):
            # "the eggs in my order were all smashed" - "damaged, or missing?" - "do i need to send them back?": asked
            # further, of what the question before told ("them": the eggs), the first option, nearest with it too
            return self._kb.chosen(joined.hits[0].document_id, result.vector) or result
        return result

    def _last_answer(self, recent: list[dict[str, Any]]) -> tuple[int, str] | None:
        """Where in ``recent`` the bot's own last word is, and the document it answered with, when that word was an
        answer (not options offered, not an advisor's message); None else."""
        at = next((i for i in range(len(recent) - 1, -1, -1)
                   if recent[i].get("type") in ("bot_message", "agent_message")), None)
        said = recent[at] if at is not None else {}
        if said.get("type") != "bot_message" or said.get("action") not in ("answer", "handoff_wait"):
            return None
        document_id = (said.get("sources") or [{}])[0].get("document_id")
        return (at, document_id) if at is not None and document_id else None

    def _last_answer_language(self, history: list[dict[str, Any]]) -> str | None:
        """The language of the article the bot's last word answered with (None when its last word was no answer, or
        an advisor's)."""
        last = self._last_answer(history[-10:])
        doc = self._kb.document(last[1]) if last is not None else None
        return doc.language if doc is not None else None

    async def _again_in(self, language: str, history: list[dict[str, Any]],
                        vector: np.ndarray) -> tuple[SearchResult, str] | None:
        """The last answer the bot gave, again in ``language``: its translation (``KnowledgeBase.twins``)
        as a confident result, and the question it answered; None when there was none, it was already
        in ``language`` or it has no translation."""
        recent = history[-10:]
        if (last_answer := self._last_answer(recent)) is None:
            return None
        at, document_id = last_answer
        asked = next((e for e in reversed(recent[:at]) if e.get("type") == "customer_message" and e.get("text")), None)
        doc = self._kb.document(document_id)
        last = self._kb.chosen(document_id, vector) if doc is not None else None
        if asked is None or doc is None or last is None or doc.language in (language, None):
            return None
        for query in (without_language_request(asked["text"]), doc.title):  # near the question, or the title
            result = await self._in_their_language(last, language, query)
            if result.hits[0].language == language:
                return replace(result, hits=result.hits[:1]), asked["text"]
        return None

    async def _in_their_language(self, result: SearchResult, language: str, asked: str | None = None,
                                 vector: np.ndarray | None = None) -> SearchResult:
        """"roaming ?" in a French conversation finds the English article above its French translation
        (0.68 and 0.52: "roaming" is an English word): the translation, itself a confident answer, is
        given. Only a twin of the top document (``KnowledgeBase.twins``) moves up; a document on another
        subject in the customer's language does not (a French question can be best answered by an
        English article). With ``asked``, the question of a customer who asked for ``language``, the
        translation is looked for among that language's documents too."""
        top = result.hits[0]
        if top.language in (language, None):
            return result

        def first(translation: Hit) -> SearchResult:
            # asked for that language: the translation cited alone among what is in it
            rest = (h for h in result.hits if h.document_id != translation.document_id
                    and (asked is None or h.language == language))
            return replace(result, hits=[translation, *rest])

        translated = self._kb.translation(top.document_id, language)  # the article's own, as the layer paired them
        if translated is not None:
            # "je veux cloturer mon compte" finds the English article first: its translation says the same
            found = next((h for h in result.hits if h.document_id == translated.document_id), None)
            return first(found or replace(translated, score=top.score, matched=top.matched))
        for hit in result.hits[1:]:
            if hit.score < min(result.threshold, top.score - _TWIN_GAP):
                break
            if hit.language != language:
                continue
            # placed by the record below the threshold, or found weakly ("also my phone has no internet here": the
            # French data top-up 0.38, the English one 0.34), a close one in their language needs less to be its
            # translation
            close = top.score < result.threshold + _WEAK_MARGIN and hit.score >= top.score - _TWIN_GAP
            if await self._kb.twins(top.document_id, hit.document_id, at_least=_CLOSE_TWIN if close else None):
                return first(hit)
        # asked for that language, or with no translation the layer paired ("still no internet" after the English
        # data top-up finds the French one, whose nearest English article is another): the nearest in their
        # language that says the same thing
        vector = vector if vector is not None else result.vector
        for hit in (await self._kb.search(asked or result.query, k=3, language=language, vector=vector)).hits:
            if await self._kb.twins(top.document_id, hit.document_id):
                return first(hit)
        return result

    def _picked(self, text: str, history: list[dict[str, Any]], result: SearchResult) -> SearchResult | None:
        """The document the customer picks from the options of the bot's last message ("do you mean
        one of these?"), as a confident result; None when the message picks none."""
        options = _options_offered(history)
        if not options:
            return None
        i = option_chosen(text, [s.get("title") or "" for s in options])
        return self._kb.chosen(options[i]["document_id"], result.vector) if i is not None else None

    async def _closest_sentence(self, document_id: str, body: str, vector: np.ndarray, question: str = "",
                                place: str = "", held: Sequence[str] = ()) -> str:
        """The sentence of ``body`` (with the one it leans on) closest in meaning to the message whose
        embedding is ``vector``: across languages, or where no word is shared; of those that give a price
        or a time when ``question`` asks for one ("how much does it cost?": the one with the fee), of those
        that give a reason when it asks why, of those that name the ``place`` asked of (or its zone) when some
        do, and not one of another product of the kind the customer holds (``held``: "c'est combien déjà ?" of the
        Pass Mensuel held, not the Pass Jour's price). Sentence embeddings are remembered by document and text."""
        key = (document_id, body)
        cached = self._sentence_vectors.get(key)
        if cached is None:
            sentences = split_sentences(body)[:_SENTENCES_EMBEDDED]
            vectors = await asyncio.gather(*(self._kb.embed(s, text_models=False) for s in sentences))
            if len(self._sentence_vectors) >= 256:
                self._sentence_vectors.clear()
            cached = self._sentence_vectors[key] = (sentences, np.vstack(vectors).astype(np.float32))
        sentences, matrix = cached
        among = giving_the_reason(question, sentences, giving_the_figure(question, sentences))
        where = regions_named(place) if place else set()
        if not asks_for_a_figure(question):  # the world outside a zone tells figures apart, not what to do
            where = inside_zones(where)
        if where:
            # the country asked before its zone: "combien ?" after Spain is "Espagne et Portugal : 1,50 €", not
            # "Italie : 2,50 €", which is in the EU too
            placed = [regions_named(sentences[i], zones_of_countries=False) for i in among]
            country = countries_of_regions(where)
            among = ([i for i, r in zip(among, placed) if country & r]
                     or [i for i, r in zip(among, placed) if where & r] or among)
        elif len(among) > 1:
            # no place asked: not the sentence of a country apart ("how much would that be for a week" of the young
            # driver's "€35 per day… In Switzerland it is CHF 40 per day": the €35), when another is of none
            among = [i for i in among if not _OF_A_COUNTRY_APART.match(fold(sentences[i]))
                     or not countries_named(" ".join(sentences[i].split()[:4]))] or among
        if held:
            theirs, others = of_products(sentences, held, question)
            if theirs and others:
                among = [i for i in among if i not in others] or among
        best = among[int(np.argmax(matrix[among] @ vector.astype(np.float32)))]
        return with_what_it_leans_on(sentences, best)

    def _tone_for(self, conv: Conversation, profile: Profile, analysis: Analysis, past: list[PastTurn],
                  topic: str | None, history: list[dict[str, Any]], text: str = "") -> Tone:
        # courtesy sets no mood to fall from: "Merci beaucoup !" then a plain question is no falling trend
        scores = [t.sentiment for t in past if not t.small_talk] + [analysis.sentiment.score]
        run = trend(scores)
        emergency = tells_an_emergency(text)
        # ("elle vomit" just after gas smelt: someone hurt by the danger, ``_turn`` made it an emergency)
        unwell = not emergency and topic == "emergency" and tells_someone_unwell(text)
        return self._tone.choose(
            ToneInputs(
                language=analysis.language,
                channel=conv.channel,
                sentiment=analysis.sentiment.score,
                trend=str(run["direction"]),
                mood=float(run["recent"]),  # type: ignore[arg-type]
                personalized=profile.personalized,
                tier=profile.tier,
                segment=profile.segment,
                preferred_register=profile.preferred_register,
                # (a request on personal data answered by the company's article on it is one still)
                topic=topic or ("personal_data" if sensitive_topic(text) == "personal_data" else None),
                distress=analysis.distress,
                question=analysis.question,
                raised=raised_before([e.get("tone") or {} for e in history if e.get("type") == "bot_message"]),
                stolen=tells_a_theft(text) and not only_a_parcel_stolen(text),
                emergency=emergency or unwell,
                hurt=unwell or emergency and tells_someone_hurt(text),
                fire=emergency and tells_a_fire(text),
                afraid=tells_fear(text),
                animal=tells_an_animal_in_danger(text),
                # (a French reply's tu or vous: no English turn reads the history for it)
                addressed=register_used([text, *(e.get("text") or "" for e in reversed(history)
                                                  if e.get("type") == "customer_message")])
                if analysis.language == "fr" else None,
            )
        )

    def _plan(self, conv: Conversation, profile: Profile, analysis: Analysis, result: SearchResult | None,
              history: list[dict[str, Any]], text: str, again: bool = False, question: str | None = None,
              focus: str | None = None, also: tuple[Hit, str, Hit, str] | None = None,
              context: str | None = None, missing: Subject | None = None, gave: str | None = None,
              act: str | None = None, listed: list[tuple[str, str, Hit | None, Subject | None]] | None = None,
              of_the_matter: bool = False) -> Plan:
        """``question``: what the answer answers when it is not ``text`` (an answer given again in another
        language answers the question before). ``also``: the two questions of a message that asks two, each
        with its document (``_second_question``): each answered in short, the second under its quote.
        ``missing``: what the message names that the base never mentions (``Coverage``), said first. ``gave``: the
        advisor's sentence that answers it (``_advisor_gave``), quoted. ``act``: the bot was asked to act on the
        account ("act") or whether it did ("done", ``asks_bot_to_act``): an answer says it cannot, first.
        ``listed``: the questions of a list, each with its mark and its document (``_listed``): each answered under
        its mark."""
        fresh = question is None and focus is None and not again  # a question of its own, not one read again
        question = question or text
        past = past_turns(history, since_handoff=True)
        tone = self._tone_for(conv, profile, analysis, past, analysis.sensitive_topic, history, text)
        if conv.state == ConversationState.AGENT:
            return Plan(None, None, [], tone, None, [])
        if conv.state == ConversationState.WAITING_AGENT:
            wait = tone.words["handoff_wait"]
            if not self._handoffs.presence.any_online(tone.language):  # not "soon" after "no advisor is free"
                wait = tone.words.get("handoff_wait_no_agent") or wait
            if analysis.call_back and "call_back_noted" in tone.words:
                wait = tone.words["call_back_noted"]  # the advisor sees it (summary) and calls
            elif _call_back_asked(history):
                # asked to be called back: the number given is thanked for, and the wait is for a call, not "an
                # advisor will reply here"
                wait = tone.words.get("call_back_number" if gives_a_phone_number(text) else "call_back_wait") or wait
            topic, waiting_on = analysis.sensitive_topic, _waiting_on(history)
            if topic is None and (asks_what_to_do(text) or asks_what_to_do(_MEANWHILE.sub(" ", text))):
                # "what do i do now??", "je fais quoi en attendant ?" while waiting about fraud: how to protect the
                # money now, again
                topic = waiting_on if self._tone.urgent(waiting_on) else None
            elif topic == waiting_on and not self._tone.urgent(topic):
                topic = None  # an urgent topic's advice again, but not condolences twice
            if (topic is None and waiting_on == "emergency" and _ASKS_WHO_TO_CALL.search(fold(text))
                    and (matter := _matter_article(history)) and (hit := self._kb.hit(matter)) is not None):
                # "who do I call??" while waiting about a father on oxygen in a power cut: the services first, then
                # the number the article of the matter gives (the breakdown line), again, before the queue
                said = self._in_short(tone, hit, _who_to_call(tone))
                if not names_emergency_services(said) and (first := tone.words.get("someone_hurt")):
                    said = f"{first} {said}"
                return Plan("handoff_wait", f"{said}\n\n{wait}", [_source(hit)], tone, None, [])
            if (topic is None and waiting_on == "emergency" and (asks_what_to_do(text) or asks_meanwhile(text))
                    and (steps := self._emergency_steps(history, tone)) is not None):
                # "qu'est ce que je fais" while waiting about a child's allergic reaction: what the article given on it
                # says to do now (the services, the adrenaline pen), again, before the queue
                said, hit = steps
                return Plan("handoff_wait", f"{said}\n\n{wait}", [_source(hit)] if hit else [], tone, None, [])
            if lead := _topic_words(tone, topic, analysis.kind_of(topic)):
                wait = f"{lead} {wait}"  # fraud told while waiting: how to protect the money now, first
            grieving = "bereavement" in (waiting_on, analysis.sensitive_topic)
            # "your useless bot isnt helping at all" while waiting: sorry first, not the queue alone (grief is no
            # frustration, and a topic's own words said it already)
            if (feel := "" if grieving or lead or analysis.small_talk or not analysis.distress
                    else self._empathy(tone)):
                wait = f"{feel}{wait}"
            if analysis.small_talk in ("thanks", "goodbye") and tone.words.get("welcome"):
                wait = f"{tone.words['welcome']} {wait}"  # "merci, bonne journée" while waiting: not the queue alone
                if analysis.small_talk == "goodbye" and tone.words.get("cancel_hint"):
                    # "thanks that's all": leaving, maybe; how to take the request back, or an advisor finds no one
                    wait = f"{wait} {tone.words['cancel_hint']}"
            if (analysis.small_talk == "own_advisor" and profile.personalized and profile.advisor
                    and (named := tone.words.get("own_advisor"))):
                # "Mon conseiller c'est qui deja ?" while waiting: the profile's advisor, then the wait (not the offer
                # of one, already on the way)
                wait = f"{split_sentences(named.format(advisor=profile.advisor))[0]} {wait}"
            if analysis.small_talk == "language_other":  # "can you speak Spanish?": said so, beside the wait
                return Plan("handoff_wait", f"{wait}\n\n{tone.words['language_other']}", [], tone, None, [])
            if (result is not None and result.in_scope and result.hits and not analysis.small_talk
                    and self._tone.helps_meanwhile(waiting_on) and (matter := _matter_article(history)) is not None
                    and not _same_or_translated(result.hits[0].document_id, matter, self._kb)
                    and (matter_doc := self._kb.document(matter)) is not None
                    and self._rather_of_the_matter(text, matter_doc, result.hits[0], waiting_on)
                    and (of_matter := self._kb.hit(matter, result.hits[0].score)) is not None):
                # "comment je fais pour annuler sa réservation ?" while waiting about the father who booked and died:
                # the article given on it (cancelled free, the death certificate), not the usual cancelling fee
                result = replace(result, hits=[of_matter])
                again = True  # its sentences about the question, not the article given already, whole again
            if (result is not None and result.in_scope and result.hits and not analysis.small_talk
                    and not analysis.human_request  # "call me back please" asks for the person on their way
                    # "i already contacted them they wont answer": told, not asked; the contactless limit it finds
                    # weakly is no help meanwhile
                    and (analysis.question or not _weak(result, analysis.language))
                    # "how long will this take?": the wait; "je peux payer les obsèques avec son compte ?" (his
                    # account: the father's) asks of the matter waited on, which the knowledge answers
                    # (not "How long does it take to close it?", which names what it asks of, its own article's)
                    and (not elliptical(text) or of_the_matter)
                    and not (leans_back(text) and (asks_a_figure_only(text) or not again and not (
                        (its := self._kb.document(result.hits[0].document_id)) is not None
                        and covers(its.text, text, besides=""))))
                    # "how long do you have to answer" while a complaint waits: number porting's "3 business days",
                    # weakly, its title named nowhere, is no answer (the article given before, read again for it, is:
                    # "how long does the investigation take?" after the parcel not received)
                    and not (asks_for_a_figure(text) and _weak(result, analysis.language) and not again
                             and not shares_words(result.hits[0].title, text))
                    # "il faut envoyer l'acte de décès ?" while waiting about a father's death: the meter readings'
                    # "Si vous oubliez", found weakly, names nothing of it; no such answer to someone grieving
                    and not (grieving and not again and _weak(result, analysis.language)
                             and not shares_words(result.hits[0].title, text))
                    # "jai donné mon code", "je fais quoi maintenant ??" while waiting about a scam: how to protect the
                    # money (the lead), not the PIN article; an article tagged with the urgent topic ("fraud") still
                    # helps meanwhile
                    and not (self._tone.urgent(topic) and not self._kb.tagged(result.hits[0].document_id, topic))):
                # "how do I freeze my card?" while the advisor is on their way: the answer, meanwhile, without a
                # second "sorry"; grief is no frustration: a customer waiting about a death hears no "I get that this
                # is frustrating"
                said = replace(tone, empathy="none") if grieving or feel else tone
                answer = self._answer_text(said, profile, result.hits[0], history, question, again)
                return Plan("handoff_wait", _with_meanwhile(tone, wait, answer),
                            self._cited(result.hits, tone.language), tone, None, [_source(h) for h in result.hits])
            return Plan("handoff_wait", wait, [], tone, None, [])
        if analysis.small_talk and not analysis.sensitive_topic:
            said = self._small_talk_text(tone, profile, analysis.small_talk, history, text, self._told_attributes,
                                         self._named("attribute_", tone.language))
            if (analysis.small_talk == "look_into" and (last := _last_answered(history)) is not None
                    and (note := record_note(self._record, profile, last, tone.language)) is not None
                    and "look_into_told" in tone.words):
                # "can't you see why?" of the matter the record tells of: what it says, not "I can't see your file"
                said = tone.words["look_into_told"].format(note=_in_register(tone, note, tone.language))
            # "do i have any open requests": told what the record says, and offered an advisor a "yes" takes (as "are
            # you a bot?" is told that an advisor is there when asked for: "ok then get me one")
            offered = (analysis.small_talk in ("own_requests", "own_advisor", "unclear", "help_again", "look_into",
                                               "language_untranslated", "identity")
                       and self._escalation.hands_over_on_request
                       and said != tone.words.get("no_open_request"))
            return Plan("clarify", said, [], tone, None, [], advisor_offered=offered)
        if gave and (quote := tone.words.get("advisor_said")):
            # the advisor's own words, not an article's: nothing cited, and no miss to count
            return Plan("clarify", quote.format(quote=_as_quoted(gave)), [], tone, None, [], settled=True)
        hits = result.hits if result else []
        knowledge = [_source(h) for h in hits]
        top = hits[0] if hits else None
        # "Et la réclamation, je recevrai un accusé de réception ?" after the advisor took the complaint and handed
        # back: a question of a topic dealt with, which the knowledge answers, is answered, not queued again
        dealt_with = (analysis.question and result is not None and result.in_scope and not analysis.distress
                      and not reports_trouble(text) and analysis.sensitive_topic in _handed_back_topics(history))
        # a danger now, and an article on emergencies that answers: it is said whole, urgently (the customer may then
        # ask for a person, first in the queue); without one, or someone hurt, a person at once, the article's
        # sentences on emergencies (or the emergency services) first
        machine = tells_a_machine_unpowered(text)  # someone on oxygen in a power cut
        answered = (analysis.sensitive_topic == "emergency" and result is not None and result.in_scope
                    and top is not None and speaks_of_emergencies(self._document_text(top))
                    # (not someone on oxygen in a power cut: a power cut's article is no help for them; nor someone
                    # hurt: "accident sur la nationale, mon passager saigne de la tête il répond plus" hears the
                    # accident article's "appelez d'abord le 112", and a person stays with them)
                    and not machine and not tells_someone_hurt(text))
        signals = TurnSignals(
            seq=0,
            text=text,
            human_request=analysis.human_request,
            sensitive_topic=None if dealt_with or answered else analysis.sensitive_topic,
            in_scope=bool(result and result.in_scope),
            top_document=top.document_id if top else None,
            top_score=top.score if top else 0.0,
            sentiment=analysis.sentiment.score,
            tier=profile.service_tier,  # a premium customer's service, consent to personalisation or not
            history=past,
            # "I TOLD YOU my transfer hasn't arrived": asked before, however it was worded then
            similar_seqs=self._similar(conv.id, analysis.vector) | (
                frozenset(p.seq for p in past) if (again_said := says_it_again(text)) else frozenset()),
            said_again=again_said,
            distress=analysis.distress,
            question=analysis.question,
            accepted_offer=analysis.human_request and _advisor_offered(history) and accepts_offer(text),
            topic_kind=analysis.topic_kind,
            after_handback=_advisor_said_last(history) is not None,
        )
        escalation = self._escalation.decide(signals)
        run_of_misses = False
        if escalation is not None and escalation.reason == "out_of_scope" and _not_covered(tone, missing):
            # "and bin collection?" after "et la taxe foncière ?", neither of which the company covers: said so, and
            # an advisor a "yes" takes, not queued for one who has nothing more on it
            escalation, run_of_misses = None, True
        elif (escalation is not None and escalation.reason == "out_of_scope" and escalation.evidence.get(
                "consecutive") == 2 and result is not None and result.hits
                and result.hits[0].score >= result.threshold - _NEAR_BELOW and _said_not_covered(history)):
            # "ok what about osteopathy for me" after "is my dog covered?", which was said not covered (an advisor
            # offered): the article it nearly finds offered, not the queue; a miss after it hands over
            escalation = None
        if escalation is not None:
            meanwhile, cited = None, []
            topic = escalation.evidence.get("topic")
            if (topic == "emergency" and top is not None and top.language not in (tone.language, None)
                    and (twin := self._kb.translation(top.document_id, tone.language)) is not None):
                # "my wife is bleeding…": the English accident article, shown and cited in its place
                hits = [replace(twin, score=top.score), *(h for h in hits if h.document_id != top.document_id)]
                top = hits[0]
            if (topic == "emergency" and top is not None and result is not None
                    and (kin := self._of_the_danger_kin(hits[:_NEAR_OPTIONS], text)) is not None
                    and kin is not top):
                # "ma mère est par terre dans sa cuisine depuis ce matin": the article on falls, which names the
                # danger told, before the smoke detector's (by "cuisine")
                hits = [replace(kin, score=max(kin.score, result.threshold)), *(h for h in hits if h is not kin)]
                top = hits[0]
            if (topic == "emergency" and top is not None and result is not None
                    and top.score < result.threshold - _EMERGENCY_BELOW
                    and (told := self._told_emergency(hits[:_NEAR_OPTIONS], text)) is not None):
                # "mon fils a mangé les biscuits… ses lèvres gonflent, il respire mal": the allergens' guide, whose
                # section on a reaction names the services and what the message tells ("gonflement", "respirer"),
                # found however weakly among the nearest, not nothing
                hits = [replace(told, score=result.threshold), *(h for h in hits if h is not told)]
                top = hits[0]
            body = self._document_text(top) if top is not None and topic == "emergency" else ""
            # (someone taken ill just after a danger told, "elle vomit": the services first, no article on another)
            taken_ill = topic == "emergency" and not tells_an_emergency(text) and tells_someone_unwell(text)
            if (result is not None and top is not None and self._tone.helps_meanwhile(topic) and not taken_ill
                    # for fraud, an article on keeping safe: not the wrong order delivered for "someone ordered food on
                    # my account", nor deleting the account for "my account was hacked"
                    # (an article about it, by its title and its opening: not the customs fees' "such a message is
                    # a scam", for a card drained after a fake customs text)
                    and (topic != "fraud" or _OF_FRAUD.search(fold(" ".join(
                        [top.title, *split_sentences(self._document_text(top))[:2]]))) is not None)
                    and (result.in_scope if topic != "emergency" else (
                        top.score >= result.threshold - _NEAR_BELOW and shares_words(top.title, text)
                        # (not for someone attacked: "le livreur m'a menacée… j'ai peur" is not the parcel's article;
                        # but a phone snatched is the line's: "on m'a arraché mon téléphone, je suis blessé")
                        and not (tells_an_assault(text) and not tells_a_theft(text))
                        # an article on emergencies, even found weakly ("un mec vient de s'effondrer sur le tapis de
                        # course": the club's emergencies at 0.32, in typed French against an article's)
                        or top.score >= result.threshold - _EMERGENCY_BELOW and speaks_of_emergencies(body)
                        and names_emergency_services(body)))
                    # a complaint's meanwhile answers a question it asks, not steps said to have failed already
                    and (topic != "formal_complaint" or asks_something(text) and not says_it_did_not_work(text))):
                # "my mother passed away last week, what do I need to do with her account?": condolences, the
                # queue, and what the article on a relative's account says meanwhile; someone hurt now, an article
                # on emergencies found even weakly, whole, what it says of them first, or one on what they tell
                # ("on m'a arraché mon téléphone, je suis blessé": blocking the line), and no other ("mon mari a
                # fait un malaise" is not the funeral allowance's)
                # (someone on oxygen in a power cut: who to call for the power, not the article's cable down)
                meanwhile = (_in_register(tone, _emergencies_first(body, text, tone.fire), top.language)
                             if body and not machine else
                             self._in_short(tone, top, _who_to_call(tone) if machine else question))
                cited = self._cited(hits, tone.language)
            # "Et proposez-vous une assurance vie ?" after a mortgage: "I have no information on life insurance", then
            # the queue, rather than "I cannot answer this myself"
            gap = _not_covered(tone, missing) if escalation.reason == "out_of_scope" else None
            return Plan("escalate", meanwhile, cited, tone, escalation, knowledge,
                        topic=self._handoff_topic(analysis, result, history, text), gap=gap)
        if listed is not None and result is not None and result.in_scope:
            return Plan("answer", self._listed_text(tone, profile, history, listed),
                        list({h.document_id: _source(h) for *_, h, _ in listed if h is not None}.values()),
                        tone, None, knowledge)
        if (result is not None and result.in_scope and self._vents(analysis, tone, text) and "?" not in text
                and _weak(result, analysis.language) and not says_it_did_not_work(text) and not tone.emergency
                and not self._shares_a_word(result.hits[0], text)):
            # "ça sert à rien ton truc" found the breakdown article weakly (0.47): anger, no question, and nothing of
            # the article's; sorry and an advisor, not an article on something else (not "je ne comprends jamais vos
            # frais", which the fees article answers)
            return self._vent(tone, knowledge)
        rival = self._rival(result, text) if fresh and also is None and result is not None and result.in_scope else None
        if result is not None and result.in_scope and top is not None and rival is None:
            if also is not None:
                one, first, other, second = also
                body = self._in_short(tone, other, second)
                said = self._answer_text(tone, profile, one, history, first, again, focus, short=True)
                quoted = without_joining_word(second)
                return Plan("answer", f"{said}\n\n{tone.words['handback_pending'].format(question=quoted)} {body}",
                            [_source(one), _source(other)], tone, None, knowledge)
            said = self._answer_text(tone, profile, top, history, question, again, focus, context=context, act=act)
            if (fresh and (missing_figure := tone.words.get("no_figure"))
                    and lacks_the_figure(question, self._document_text(top))):
                # "what is the limit for instant transfers?" of an article that gives none: said after what it tells
                said = f"{said} {missing_figure}"
            if (again and asks_what_to_do(text) and self._escalation.hands_over_on_request and not tone.emergency
                    and (offer := tone.words.get("offer_advisor"))
                    and fold(said).strip() in fold(_said_to_them(history).get("text") or "")):
                if says_steps_done(text) and (then := self._said_next(top, said, tone)) is not None:
                    # "c'est fait, et maintenant ?" after the lost card's whole article, whose blocking they did: what
                    # the article says comes after it (the new card within 5 days), not the blocking again
                    return Plan("answer", then, self._cited(hits, tone.language), tone, None, knowledge)
                # "so what can I do?" after a claim refused, of an article that says nothing more than the answer just
                # given: that answer, and an advisor a "yes" takes (not the same words alone, as if unheard; a danger's
                # steps are said again as they are)
                return Plan("answer", f"{said} {offer}", self._cited(hits, tone.language), tone, None, knowledge,
                            advisor_offered=True)
            return Plan("answer", said, self._cited(hits, tone.language), tone, None, knowledge)
        # two subjects found as weakly as each other ("ma carte passe plus": a lost card 0.51, a declined one 0.48):
        # which one, rather than the first, right about half the time there (``RIVAL_GAP``)
        near = ([top, rival] if top is not None and rival is not None else
                [h for h in hits[:_NEAR_OPTIONS] if result is not None and h.score >= result.threshold - _NEAR_BELOW])
        # offered in the customer's language: an article's translation in its place, each topic once
        offered: dict[str, Hit] = {}
        for h in near:
            t = self._kb.translation(h.document_id, tone.language) if h.language not in (tone.language, None) else None
            offered.setdefault(t.document_id if t else h.document_id, replace(t, score=h.score) if t else h)
        near = list(offered.values())
        near = one_topic_each(near, tone.language, self._kb.translations)
        gap = _not_covered(tone, missing)
        if gap:  # "Sorry, I don't have any information on mortgages." and what is near, or an advisor
            near = [h for h in near if result is not None and h.score >= result.threshold]  # near enough to help
            if not near:
                return self._no_answer(tone, knowledge, gap)
            lead = tone.words.get("nearest_one" if len(near) == 1 else "nearest", tone.words["clarify"])
            lines = "\n".join(f"- {h.title}" for h in near)
            offer = (tone.words.get("offer_advisor") if run_of_misses and self._escalation.hands_over_on_request
                     else None)
            return Plan("clarify", f"{self._empathy(tone)}{gap} {lead}\n{lines}" + (f"\n{offer}" if offer else ""),
                        [_source(h) for h in near], tone, None, knowledge, advisor_offered=bool(offer))
        if (last := _last_tried(history)) is not None and (says_it_did_not_work(text) or self._all_of(near, last)):
            # "still doesnt work!!!" after the declined-card answer (nearest that answer alone, or only saying so):
            # what it said did not solve it; not offered again, nor another article: sorry, and an advisor
            if (not says_it_did_not_work(text) and not reports_trouble(text)
                    and (giving := self._record_figure(tone, profile, last, history, text)) is not None
                    and (again_hit := self._kb.hit(last, near[0].score if near else result.threshold)) is not None):
                # "c'est réparé quand ???" after "Je vois qu'une panne est en cours … la réparation est prévue le 9
                # décembre": a question, which what the record told answers, not "that did not solve it"
                return Plan("answer", giving, [_source(again_hit)], tone, None, knowledge)
            if (not says_it_did_not_work(text) and not reports_trouble(text)
                    and ("?" not in text and _TIME_TOLD.search(fold(text)) or asks_what_to_do(text)
                         or _WHAT_DO_I_DO.search(fold(text))
                         # "how long usually", "who pays" after the outage's or the sewer's answer: asked of it, not a
                         # trouble that it did not solve
                         or asks_for_a_figure(text) or _WHO_PAYS.search(fold(text))
                         # "ah mince. et en cash ?" after the cards accepted, "i'm 23" after the minimum ages: asked
                         # further of it, or a detail told, not a trouble it did not solve
                         or elliptical(_last_sentence(text)) or plain_question(text) and not distress(text)
                         # "et si j'arrive à 14h je peux laisser la voiture ?" after the Sunday hours: a case asked
                         or asks_what_if(text) and not distress(text)
                         or _AGE_TOLD.search(fold(text)))
                    and (again_hit := self._kb.hit(last, near[0].score if near else result.threshold)) is not None):
                # "ça fait 5 jours ouvrés, il est marqué envoyé" after the transfer's delays: how long it has been,
                # told; the article's sentences about it ("…au bout de 3 jours ouvrés, touchez Signaler un problème");
                # "ok so what do i do with the text" after the answer on a fake text: its steps; "il a l'air normal
                # pour l'instant, je fais quoi ??" after a child who swallowed pills: all it says of emergencies (call
                # the poison centre even without symptoms), not its one sentence closest to the words
                urgent = (_on_emergencies(self._document_text(again_hit))
                          if any(tells_someone_hurt(q) for q in _questions_before(history)[:1]) else [])
                return Plan("answer", self._answer_text(tone, profile, again_hit, history, text, again=True,
                                                        focus=" ".join(urgent) or None),
                            [_source(again_hit)], tone, None, knowledge)
            return self._no_answer(tone, knowledge, tone.words.get("not_solved") or tone.words["out_of_scope"])
        if near and tone.animal and (speaks_of_emergencies(self._document_text(near[0]))
                                     or _OF_URGENCY.search(fold(near[0].title)) is not None):
            # "mon chien s'est fait renverser il saigne", the animal emergencies' article just ahead of the dog's
            # liability: what to do now, not "is your question about one of these?"
            return Plan("answer", self._answer_text(tone, profile, near[0], history, question, focus=focus,
                                                    context=context), [_source(near[0])], tone, None, knowledge)
        if len(near) == 1 and tone.emergency and (not tone.hurt or speaks_of_emergencies(self._document_text(near[0]))):
            # "ça sent le gaz dans ma cuisine" near the emergencies' article alone (0.40, written in English): what to
            # do now, not "is your question about…?"
            return Plan("answer", self._answer_text(tone, profile, near[0], history, question, focus=focus,
                                                    context=context), [_source(near[0])], tone, None, knowledge)
        # someone hurt, and nothing that answers: the emergency services first all the same ("mon fils … il saigne
        # beaucoup de la tete on est a malaga": the medical emergencies' article at 0.29); so for a danger now that
        # nothing answers ("ça sent très fort le gaz dans ma cuisine" at a bank), not "could you rephrase?" alone
        hurt = f"{help_first} " if (help_first := _help_first(tone) or (
            tone.words.get("someone_hurt") if tone.emergency or asks_emergency_number(text) else None)) else ""
        if not hurt and self._vents(analysis, tone, text) and not any(self._shares_a_word(h, text) for h in near):
            # "vous vous foutez de moi ? jpaye ma cotis tous les mois" after a refusal: anger, and no question; sorry,
            # and an advisor a "yes" takes, not "could you rephrase?" nor options that share none of its words (not
            # "is ledgerly down?? we are closing the month TODAY", near the status page)
            return self._vent(tone, knowledge)
        if (not hurt and tells_proof_held(text) and _last_answered(history) is not None
                and tone.words.get("vent") and self._escalation.hands_over_on_request):
            # "I have a screenshot of the payment. This is ridiculous" after the transfer's delays: proof an advisor
            # can look at and the bot cannot; not options on paying online and fraud, which share "payment"
            return self._vent(tone, knowledge)
        if near:
            lines = "\n".join(f"- {h.title}" for h in near)
            ask = tone.words.get("clarify_one", tone.words["clarify"]) if len(near) == 1 else tone.words["clarify"]
            return Plan("clarify", f"{hurt}{self._empathy(tone)}{ask}\n{lines}", [_source(h) for h in near],
                        tone, None, knowledge)
        if hurt and (offer := tone.words.get("vent")) and self._escalation.hands_over_on_request:
            # "the fire alarm is going off in my building, what do I do" at a bank: out and the fire brigade, and an
            # advisor a "yes" takes; not "could you say it another way?"
            return Plan("clarify", f"{hurt}{offer}", [], tone, None, knowledge, advisor_offered=True)
        plan = self._no_answer(tone, knowledge, tone.words["out_of_scope"])
        return replace(plan, text=f"{hurt}{plan.text}") if hurt else plan

    def _vents(self, analysis: Analysis, tone: Tone, text: str) -> bool:
        """Whether a message is anger that asks nothing and tells no trouble, which ``_vent`` can meet."""
        return (analysis.distress and not analysis.question and not reports_trouble(text)
                and bool(tone.words.get("vent")) and self._escalation.hands_over_on_request)

    def _shares_a_word(self, hit: Hit, text: str) -> bool:
        """Whether ``text`` has a content word of ``hit``'s article, title, text and phrasings (its title alone when
        gone): "les voisins font la fete" of "Nuisances sonores", phrased "Mes voisins sont trop bruyants"."""
        doc = self._kb.document(hit.document_id)
        if doc is None:
            return shares_words(hit.title, text)
        return shares_words(" ".join([_whole(doc), *self._kb.phrasings(hit.document_id)]), text)

    def _vent(self, tone: Tone, knowledge: list[dict[str, Any]]) -> Plan:
        """Sorry, and an advisor a "yes" takes (tone.toml ``vent``), for anger that asks nothing."""
        lead = self._empathy(tone) or tone.words["apologise"] + " "
        return Plan("clarify", lead + tone.words["vent"], [], tone, None, knowledge, advisor_offered=True, vented=True)

    def _no_answer(self, tone: Tone, knowledge: list[dict[str, Any]], said: str) -> Plan:
        """``said`` (no answer; what was said did not solve it), and the offer of an advisor a "yes" takes."""
        # the apology is already in the words: an upset customer hears it acknowledged, not twice
        lead = tone.words["acknowledge"] + " " if tone.empathy != "none" else ""
        offer = tone.words.get("offer_advisor") if self._escalation.hands_over_on_request else None
        return Plan("clarify", lead + " ".join(filter(None, (said, offer))), [], tone, None, knowledge,
                    advisor_offered=bool(offer))

    def _rival(self, result: SearchResult, text: str) -> Hit | None:
        """A document on another subject found as surely as the top one, both only just in scope: a
        question the knowledge cannot settle between two answers; or one close behind whose title names a
        word of the question the top one never says ("whats the interest rate on overdraft": the savings rate
        0.64, "Authorised overdraft" 0.55, and the savings article has no overdraft). Not the top one's
        translation."""
        hits = result.hits
        if len(hits) < 2:
            return None
        top = hits[0]
        same = {top.document_id, *self._kb.translations(top.document_id)}
        for h in hits[1:3]:
            if h.document_id in same or top.document_id in self._kb.translations(h.document_id):
                continue
            if h.score < result.threshold:
                return None
            if rivals(result, h):
                return h
            if (top.score - h.score <= _TWIN_GAP and h.language == top.language
                    and (doc := self._kb.document(top.document_id)) is not None
                    and content_stems(text) & content_stems(h.title) - content_stems(f"{doc.title} {doc.text}")):
                return h
            return None
        return None

    @staticmethod
    def _handoff_topic(analysis: Analysis, result: SearchResult | None, history: list[dict[str, Any]],
                       text: str) -> str | None:
        """What the agents' queue shows: a sensitive topic; the document this message is about, when
        it confidently is about one; else what the conversation was about (``topic_of``): "je veux
        parler à un conseiller" best matches the contact page, which is not what the customer asked."""
        if analysis.sensitive_topic:
            return analysis.sensitive_topic
        if (result is not None and result.in_scope and result.hits
                and (not analysis.human_request or says_more_than_a_request(text))):
            return result.hits[0].title  # "I want an agent about closing my account": closing the account
        now = {"type": "customer_message", "text": text, "small_talk": analysis.small_talk,
               "human_request": analysis.human_request}
        return topic_of([*history, now], mask=redact)  # the customer's own words, seen by every agent

    @staticmethod
    def _empathy(tone: Tone) -> str:
        """The words that open a reply to an upset customer ("" when none is due)."""
        if tone.empathy == "apologise":
            return tone.words["apologise"] + " "
        return tone.words["acknowledge"] + " " if tone.empathy == "acknowledge" else ""

    @staticmethod
    def _small_talk_text(tone: Tone, profile: Profile, kind: str, history: list[dict[str, Any]],
                         text: str, told_attributes: Sequence[str] = (),
                         attribute_names: Mapping[str, str] | None = None) -> str:
        """A greeting, a thank-you or a goodbye answered in kind (tone.toml's ``greeting``,
        ``thanks``, ``goodbye``; ``*_evening`` for "bonsoir", "have a good night"); an acknowledgement
        ("ok") with the closing question, which also stands in where a policy file predates the others."""
        words = tone.words
        if kind == "own_attribute" and (named := own_attribute_asked(text)) is not None and (
                found := _attributes_named(named, profile, told_attributes, attribute_names)):
            # "how many points do I have?": "According to your profile: loyalty points 96,200."
            what = "; ".join(f"{name} {_as_said(value, tone.language)}" for name, value in found)
            return (words.get("own_attribute") or words["closing"]).format(what=what)
        if kind == "own_held" and (labels := products_told(kind, text, profile, tone.language, words)):
            # "do I have the zero excess option?": yes, the product held that it names
            return (words.get("own_held") or words["own_product"]).format(what=_joined(labels, tone.language))
        if kind == "own_not_held" and (thing := held_asked(text)) is not None and "own_not_held" in words:
            # "do I have travel insurance?" of someone who holds none: not among what their profile lists
            labels = [_in_a_list(_product_label(p, tone.language, words), tone.language) for p in profile.products]
            what = _as_typed(text, thing)
            if tone.language == "fr":  # "Je ne vois pas d'assurance voyage", "… pas de forfait illimité"
                what = f"d'{what}" if re.match(r"[aeiouyh]", fold(what)) else f"de {what}"
            if not labels:  # of someone who holds nothing: no list to give
                return words.get("own_not_held_none", words["own_not_held"]).format(what=what, held="")
            return words["own_not_held"].format(what=what, held=_joined(labels, tone.language))
        if kind in OWN_PRODUCT_KINDS:
            # "c'est quoi mon forfait actuel ?", "quels produits j'ai chez vous ?": from the products held, with
            # consent; else out of sight
            # (held or not, where the company's tone file has no words for it: all they hold)
            held = products_told("own_products" if kind in ("own_held", "own_not_held") else kind, text, profile,
                                 tone.language, words)
            if kind not in ("own_plan", "own_policy", "own_card"):
                held = [_in_a_list(h, tone.language) for h in held]
            if held and "own_product" in words:
                return words["own_product"].format(what=_joined(held, tone.language))
            return words.get("products_unseen") or words.get("account_data") or words["closing"]
        if kind == "own_since":  # "je suis cliente depuis quand ?": from the profile, with consent
            if profile.personalized and profile.since and "own_since" in words:
                return words["own_since"].format(since=said_day(profile.since, tone.language))
            return words.get("since_unseen") or words["closing"]
        if kind == "own_advisor":  # "mon conseiller c'est qui ?": from the profile, with consent
            if profile.personalized and profile.advisor and "own_advisor" in words:
                return words["own_advisor"].format(advisor=profile.advisor)
            return words.get("advisor_unseen") or words["closing"]
        if kind == "own_requests":
            # "do i have any open requests with you": the record's open tickets, with consent; else out of sight
            if not profile.personalized:
                return words.get("requests_unseen") or words["closing"]
            told = open_requests(profile.recent_events, tone.language)
            if not told and not keeps_requests(profile.recent_events):
                # a record without any request: not "none open", which it cannot tell, but out of its sight
                return words.get("requests_unseen") or words["closing"]
            if not told:
                return words.get("no_open_request") or words["closing"]
            joined = f" {'et' if tone.language == 'fr' else 'and'} ".join(told)
            return words["own_requests"].format(requests=joined) if "own_requests" in words else words["closing"]
        if kind in ("greeting", "goodbye") and in_the_evening(text):
            words = {**words, **{k.removesuffix("_evening"): v for k, v in words.items() if k.endswith("_evening")}}
        name = _name_to_greet(profile, history, tone)
        if kind == "greeting" and name and "greeting_named" in words:
            return words["greeting_named"].format(name=name)
        if kind == "done" and (_last_answered(history) is None
                               or not _subject_was_a_trouble(history)):
            # "done" after no steps, or after a how-to ("ok I froze it"): an acknowledgement; "try again" is for
            # steps taken against a trouble ("my card got declined", "pas de réseau")
            return words["closing"]
        return words.get(kind) or words["closing"]

    def _similar(self, conversation_id: str, vector: np.ndarray) -> frozenset[int]:
        said = self._said.get(conversation_id)
        if said is None:
            return frozenset()
        seqs, rows = said  # one product in float32 (numpy has no fast float16 one)
        scores = (rows.astype(np.float32) @ vector).tolist()
        return frozenset(seq for seq, score in zip(seqs, scores) if score >= self._repeat_similarity)

    def _remember(self, conversation_id: str, seq: int, vector: np.ndarray) -> None:
        said = self._said.get(conversation_id)
        row = vector.astype(np.float16)[None, :]
        if said is None:
            self._said.put(conversation_id, ((seq,), row))
        else:
            self._said.put(conversation_id, ((*said[0][-4:], seq), np.concatenate([said[1][-4:], row])))

    def _cited(self, hits: list[Hit], language: str | None = None) -> list[dict[str, Any]]:
        """The best document, and those close behind it; not a translation of one cited already (an
        English answer does not list its French twin), and each in the answer's ``language`` where it
        has a translation (an English answer cites "Using your phone abroad", not "Utiliser son mobile…")."""
        top = hits[0].score
        cited: list[Hit] = []
        for h in hits[: self._cfg.max_sources]:
            if cited and h.score < top - _CITED_MARGIN:
                continue
            if cited and language and h.language not in (None, language):
                twin = self._kb.translation(h.document_id, language)
                h = replace(twin, score=h.score) if twin is not None else h
            ids = {c.document_id for c in cited}
            if cited and (h.document_id in ids or self._kb.translations(h.document_id) & ids):
                continue
            cited.append(h)
        return [_source(h) for h in cited]

    def _answer_text(self, tone: Tone, profile: Profile, top: Hit, history: list[dict[str, Any]], question: str,
                     again: bool = False, focus: str | None = None, short: bool = False,
                     context: str | None = None, act: str | None = None) -> str:
        """The document's text, or (short, or ``again`` for a follow-up) its sentences about the question
        (``focus``: the ones chosen already, by meaning; ``context``: the questions it leans on, whose words that
        tell its sentences apart count too: ``TonePolicy.shorten``)."""
        doc = self._kb.document(top.document_id)
        # of a long article (a guide in sections), the passage found, not the whole of it
        body = (self._kb.passage(top, question) or doc.text) if doc else top.snippet
        # (a long article's passages, cut once: one of them is the body, not the whole article)
        passages = self._kb.passages(top.document_id) if doc is not None else []
        if passages and (better := _passage_by_sentence(passages, body, question)) is not None:
            # "I have photos. how do i contest this" of the damage guide: the section with a sentence on disputing
            # ("If you disagree with a damage charge…"), not the one on returns whose words are many but common
            body = better
        if (passages and asks_for_a_figure(question) and asks_something(question)
                and not gives_the_figure(question, body)
                and (giving := [p for p in passages if gives_the_figure(question, p)])):
            # "how much is the thermostat?" of its guide in sections: the passage with its prices (the most sentences
            # giving one: not "the remaining monthly fees are due" of stopping it), not the introduction its words find
            body = max(giving, key=lambda p: sum(gives_the_figure(question, x) for x in split_sentences(p)))
        if (passages and (span := span_told(fold(question))) is not None and not holds_the_span(body, span)
                and (holding := [p for p in passages if holds_the_span(p, span)])):
            # "si on annule 3 semaines avant on perd combien ?" of the cancellation fees in sections: the passages
            # with the rows that hold it ("De 30 à 21 jours : 50 %"), not the opening its words find
            body = "\n\n".join(holding)
        if (passages and _ASKS_HOW_TO_DO.search(fold(question)) and not gives_steps(body)
                and (stepping := [p for p in passages if gives_steps(p)])):
            # "comment je fais pour envoyer mon relevé ?" of the readings' guide: a passage with the steps ("faites un
            # autorelevé dans votre espace client, rubrique Mon compteur > …"), not "Si vous oubliez", which has the
            # rare word "relève"
            body = _passage_by_sentence(stepping, stepping[0], question) or stepping[0]
        if (again and doc is not None and body != doc.text
                and (asks_for_a_figure(question) and not gives_the_figure(question, body)
                     and gives_the_figure(question, doc.text)
                     or asks_what_to_do(question) and not gives_steps(body) and gives_steps(doc.text)
                     # "et je peux résilier quand je veux ?" of Panier+'s guide, whose passage nearest in meaning is
                     # its price: the section that has the question's words ("Résiliation : … à tout moment")
                     or not shares_words(body, question) and shares_words(doc.text, question))):
            # a follow-up that asks a figure or what to do, which the passage found does not give and the article
            # does: the whole of it, its sentences chosen by the question ("what do i do" after the unpaid notice's
            # origin: send it to us within 15 days; "et il arrivera quand ?": 3 à 5 jours ouvrés)
            body = doc.text
        told = self._told_of_record(tone, profile, top.document_id, history, question)
        if told is not None and _SAID_BY_THEM.search(fold(question)) and any(
                e.get("type") == "agent_message" for e in history[-_ADVISOR_BACK:]):
            # "il a dit combien de jours déjà ?" after an advisor who gave none: not another refund of the record's
            told = None
        elif told is None:
            # "c'est réparé quand ???" after "…la réparation est prévue le 9 décembre": the record's day again, first
            told = self._record_figure(tone, profile, top.document_id, history, question)
        if focus:
            body = focus
        elif tone.brevity == "short" or again or short:
            # asked in another language than the article's ("how to reset my password", then "en français svp"), its
            # words choose none of its sentences: the leading ones
            chosen_by = question
            if act == "done":
                # "did you block it?": the sentences on how to (what the customer does), not "The badge is blocked at
                # once…", which reads as if it were
                chosen_by = _DID_YOU.sub(lambda m: "how do i " if m.group(0)[:1] in "dh" else "comment ",
                                         fold(question))
            if (not again and doc is not None and doc.language
                    and detect_language(question, doc.language) not in (doc.language, None)):
                chosen_by = ""
            if told is not None:
                # "pourquoi ?" that the record answers ("…refusé le 2 décembre : il dépassait le plafond mensuel"): the
                # article's sentences chosen for the rest of the question, not its list of the usual reasons
                chosen_by = without_why(chosen_by)
            # the customer's own card's limits, not another card's, when consent lets the profile be used
            body = self._tone.shorten(body, chosen_by, only_relevant=again, context=None if act == "done" else context,
                                      headings=doc.text if doc is not None else "",
                                      held=self._held_names(profile) if profile.personalized else (),
                                      home=profile.country if profile.personalized else None)
        if tone.emergency and not focus:  # (someone hurt or a fire is a danger now too)
            # "douleur dans la poitrine depuis 1h…, je fais une téléconsultation ?": the article's sentences on
            # emergencies ("en cas d'urgence vitale, appelez le 15") before the service asked about
            body = _emergencies_first(body, question, tone.fire)
        body = _in_register(tone, body, doc.language if doc else top.language)
        parts = self._opening(tone, profile, history)
        if tone.urgency == "high":
            parts.append(tone.words["urgent"])
            if (hurt := _help_first(tone, body)) is not None:
                # "on m'a arraché mon téléphone, je suis blessé à la main": the emergency services before the line's
                # blocking, which is all the article gives
                parts.append(hurt)
        if told is not None:
            parts.append(told)
            body = _without_steps_told(body, told)
        elif (asks_payment_status(question) and (unseen := tone.words.get("payment_unseen"))
              and record_note(self._record, profile, top.document_id, tone.language, question, history) is None):
            # "est-ce que mon loyer de novembre est bien passé ?" with nothing of it in sight: said so, before the
            # article on late payments, which alone reads as if it had not
            parts.append(unseen)
        if (act is not None and not (act == "done" and told is not None)
                and (said := tone.words.get("not_done" if act == "done" else "cannot_act"))):
            # "can you block it for me?": it cannot, and how the customer does it (not "I haven't done anything" after
            # the record said the refund asked of was issued: "vous avez remboursé le casque ?")
            parts.append(said)
        if doc and doc.language and doc.language != tone.language and doc.language in ("en", "fr"):
            parts.append(tone.words["foreign_source"])
        parts.append(body)
        return " ".join(parts)

    def _opening(self, tone: Tone, profile: Profile, history: list[dict[str, Any]]) -> list[str]:
        """What an answer opens with: the words for an upset customer, or else the customer greeted by name once."""
        if tone.empathy != "none":
            return [self._empathy(tone).strip()]
        name = _name_to_greet(profile, history, tone)
        return [tone.words["greet_named"].format(name=name)] if name else []

    def _record_told(self, profile: Profile, document_id: str, language: str,
                     history: list[dict[str, Any]]) -> str | None:
        """What the record says of ``document_id``'s matter, when it was told in this conversation already."""
        note = record_note(self._record, profile, document_id, language)
        return note if note is not None and _told_before(note, history) else None

    def _record_figure(self, tone: Tone, profile: Profile, document_id: str, history: list[dict[str, Any]],
                       question: str) -> str | None:
        """What the record told already of ``document_id``'s matter that gives the figure ``question`` asks, of the
        thing it names (``_record_giving``), in the customer's register; None when it asks none, or that gives none."""
        if "?" not in question or not asks_for_a_figure(question):
            return None
        told = self._record_told(profile, document_id, tone.language, history)
        giving = _record_giving(question, told) if told is not None else []
        return _in_register(tone, " ".join(giving), tone.language) if giving else None

    def _told_of_record(self, tone: Tone, profile: Profile, document_id: str,
                        history: list[dict[str, Any]], said: str = "") -> str | None:
        """What the customer's record says of the matter the answer is about ("your payment at … was
        declined on 28 November: payments abroad are off"), once a conversation, with "tu" to a customer
        the bot says "tu" to; not when ``said`` places the matter in another country."""
        note = record_note(self._record, profile, document_id, tone.language, said, history)
        if note is None or _told_before(note, history):
            return None
        return _in_register(tone, note, tone.language)

    def _escalation_text(self, tone: Tone, agents_online: bool, topic: str | None = None,
                         reason: str | None = None, gap: str | None = None, kind: str | None = None,
                         call_back: bool = False) -> str:
        """The handoff announced; for a sensitive topic, first what that topic calls for (condolences,
        how to protect the money now, where help is at once: tone.toml ``topic_<name>``) instead of
        the words for a frustrated customer; handed over for want of an answer, that it has none
        (``escalate_unanswered``), rather than a queue that seems to ignore the question. A call back asked for
        ("je veux qu'un conseiller me rappelle") is noted (``call_back_noted``), not offered again."""
        lead = _topic_words(tone, topic, kind)
        lead = f"{lead} " if lead else self._empathy(tone)
        if reason == "out_of_scope" and not topic and (gap or tone.words.get("escalate_unanswered")):
            lead += (gap or tone.words["escalate_unanswered"]) + " "
        if call_back and "call_back_noted" in tone.words:
            return lead + tone.words["call_back_noted"]
        return lead + (tone.words["escalate"] if agents_online else tone.words["escalate_no_agent"])

    async def _persist_reply(self, conv: Conversation, analysis: Analysis, plan: Plan, customer_event: dict[str, Any],
                             client_message_id: str | None, state: str,
                             handoff: dict[str, Any] | None = None) -> dict[str, Any] | None:
        """The common turn in one statement and one insert: message and reply take two seqs
        together, if and only if the conversation is still in ``state`` (the bot answering,
        or telling a waiting customer an agent is coming). None: it is not."""
        assert plan.tone is not None and plan.action is not None
        reply = {"text": plan.text, "action": plan.action, "sources": plan.sources, "tone": plan.tone.as_dict()}
        data = {"action": plan.action, "sources": plan.sources, "tone": reply["tone"]}
        if plan.offer:
            reply["offer"] = data["offer"] = {k: plan.offer[k] for k in ("id", "kind", "title")}
        if plan.advisor_offered:
            data["advisor_offered"] = True
        bot_event = {"type": "bot_message", "author": "bot", "text": plan.text, "data": data}

        def response_of(first_seq: int) -> dict[str, Any]:
            # reply_seq: the bot's message's own seq, as the stream and /events give it (a client shows it once)
            return {"seq": first_seq, "reply": reply, "reply_seq": first_seq + 1 if reply else None,
                    "sentiment": analysis.sentiment.as_dict(), "handoff": handoff, "state": state}

        written = [customer_event, bot_event]
        if self._run_on_sqlite is not None:
            response, dicts = await self._run_on_sqlite(answer_turn_sqlite, conv.id, written, state,
                                                        client_message_id, response_of)
        else:
            try:
                async with self._connect() as conn:
                    response, dicts = await answer_turn(conn, conv.id, written, state,
                                                        client_message_id, response_of)
            except AnsweredMeanwhile:  # rolled back; the second time the stored answer is read
                async with self._connect() as conn:
                    response, dicts = await answer_turn(conn, conv.id, written, state,
                                                        client_message_id, response_of)
        if dicts is None:
            return response or None  # answered before (the stored response), or the bot no longer owns it
        first = response["seq"]
        snap = self._snapshots.get(conv.id)
        if snap is not None:
            if first != snap.conv.last_seq + 1:  # another process wrote in between
                self.forget(conv.id)
            else:
                snap.extend(dicts, state)
        await self._publish(conv.id, dicts, state)
        return {**response, _FRESH: True}

    async def _persist(self, conv: Conversation, profile: Profile, analysis: Analysis, result: SearchResult | None,
                       plan: Plan, text: str, client_message_id: str | None,
                       reply_language: str | None = None, open_handoff: dict[str, Any] | None = None
                       ) -> dict[str, Any]:
        """The turn stored; the response says which handoff is open (``open_handoff``, or the one this
        turn opened): a waiting customer's client knows its request stands."""
        top = result.hits[0] if result and result.hits else None
        customer_event = {
            "type": "customer_message",
            "author": "customer",
            "text": text,
            "data": {
                "client_message_id": client_message_id,
                "language": analysis.language,
                "sentiment": analysis.sentiment.as_dict(),
                "human_request": analysis.human_request,
                "sensitive_topic": analysis.sensitive_topic,
                "small_talk": analysis.small_talk,
                "language_asked": analysis.language_asked,
                "reply_language": reply_language,
                # the advisor's words quoted answer it: neither the knowledge's answer nor a miss
                "in_scope": None if plan.settled or plan.vented else result.in_scope if result else None,
                "top_document": top.document_id if top else None,
                "top_score": top.score if top else None,
                "knowledge": plan.knowledge,
                **({"call_back": True} if analysis.call_back else {}),  # the advisor reads it in the summary
                **({"distress": True} if analysis.distress else {}),  # words of anger: a run of them hands over
                **({"advisor_quoted": True} if plan.settled else {}),  # of what the advisor said: no subject
                **({"vented": True} if plan.vented else {}),  # anger alone: the subject is the question before
                **({"not_covered": True} if plan.uncovered else {}),  # said not covered: a miss that was answered
                # a danger told: a request for an advisor opened in the next messages comes first in the queue
                **({"emergency": True} if plan.tone is not None and plan.tone.emergency else {}),
            },
        }
        fast_states = (ConversationState.BOT, ConversationState.WAITING_AGENT)
        if conv.state in fast_states and plan.escalation is None and plan.action and plan.text and plan.tone:
            fast = await self._persist_reply(conv, analysis, plan, customer_event, client_message_id, conv.state,
                                             open_handoff)
            if fast is not None:
                return fast
        opened: OpenedHandoff | None = None
        written: list[Event] = []
        reply: dict[str, Any] | None = None
        self.forget(conv.id)
        async with self._sessions() as s:
            try:
                cm, state = await append_events(s, conv.id, [customer_event])
            except LookupError:
                raise NotFound("conversation not found", code="conversation_not_found") from None
            # Checked once the conversation's row is locked: a twin of this message answered
            # before, here or by another process meanwhile, is visible, and this one writes nothing.
            if client_message_id and (done := await get_turn(s, conv.id, client_message_id)) is not None:
                await s.rollback()
                return done
            written += cm
            if state == ConversationState.CLOSED:
                await set_state(s, conv.id, ConversationState.BOT)
                state = ConversationState.BOT
            planned_for = ConversationState.BOT if conv.state == ConversationState.CLOSED else conv.state
            action, reply_text, sources, escalation = plan.action, plan.text, plan.sources, plan.escalation
            if state != planned_for:  # an agent accepted, or handed back, while we were thinking
                escalation, sources = None, []
                if state == ConversationState.WAITING_AGENT and plan.tone:
                    action, reply_text = "handoff_wait", plan.tone.words["handoff_wait"]
                else:
                    action, reply_text = None, None
            if escalation is not None and plan.tone is not None:
                evidence = {
                    **escalation.evidence,
                    "sentiment": analysis.sentiment.as_dict(),
                    "knowledge_tried": plan.knowledge,
                }
                for m in evidence.get("messages", []):
                    if m.get("seq") == 0:
                        m["seq"] = cm[0].seq
                opened = await self._handoffs.open(
                    s,
                    conversation_id=conv.id,
                    customer_id=conv.customer_id,
                    reason=escalation.reason,
                    evidence=evidence,
                    tier=profile.service_tier,
                    sentiment=analysis.sentiment.score,
                    language=analysis.language,
                    topic=plan.topic,
                    customer_name=profile.service_name,
                )
                topic = escalation.evidence.get("topic")
                reply_text = self._escalation_text(plan.tone, opened.agents_online, topic, escalation.reason,
                                                   gap=plan.gap, kind=analysis.kind_of(topic),
                                                   call_back=analysis.call_back)
                if plan.text and topic == "emergency":  # what to do now first ("use the alarm or call 112"), then
                    reply_text = f"{plan.text}\n\n{reply_text}"  # the queue
                elif plan.text:  # what the knowledge says of it, meanwhile
                    reply_text = _with_meanwhile(plan.tone, reply_text, plan.text)
                if (hurt := _help_first(plan.tone, reply_text)) is not None:
                    reply_text = f"{hurt} {reply_text}"  # someone hurt, handed over: the emergency services first
                if plan.note:
                    reply_text = f"{plan.note}\n\n{reply_text}"
                more, _ = await append_events(
                    s,
                    conv.id,
                    [
                        {"type": "bot_message", "author": "bot", "text": reply_text,
                         "data": {"action": "escalate", "sources": sources, "tone": plan.tone.as_dict()}},
                        {"type": "handoff_requested", "author": "bot", "text": None,
                         "data": {"handoff_id": opened.handoff.id, "reason": escalation.reason,
                                  "agents_online": opened.agents_online}},
                    ],
                )
                written += more
            offer = {k: plan.offer[k] for k in ("id", "kind", "title")} if plan.offer and action == plan.action else None
            if escalation is None and action is not None and reply_text is not None and plan.tone is not None:
                data = {"action": action, "sources": sources, "tone": plan.tone.as_dict()}
                if offer:
                    data["offer"] = offer
                more, _ = await append_events(
                    s, conv.id, [{"type": "bot_message", "author": "bot", "text": reply_text, "data": data}],
                )
                written += more
            if action is not None and reply_text is not None and plan.tone is not None:
                reply = {"text": reply_text, "action": action, "sources": sources, "tone": plan.tone.as_dict()}
                if offer and escalation is None:
                    reply["offer"] = offer
            response = {
                "seq": cm[0].seq,
                "reply": reply,
                "reply_seq": next((ev.seq for ev in written if ev.type == "bot_message"), None) if reply else None,
                "sentiment": analysis.sentiment.as_dict(),
                "handoff": (
                    {"id": opened.handoff.id, "reason": opened.handoff.reason, "status": opened.handoff.status}
                    if opened else open_handoff if state in (ConversationState.WAITING_AGENT, ConversationState.AGENT)
                    else None
                ),
                "state": ConversationState.WAITING_AGENT if opened else state,
            }
            if client_message_id:
                await put_turn(s, conv.id, client_message_id, response)
        if opened is not None:  # the queue hears of the handoff before its conversation's messages
            await self._handoffs.announce(opened.handoff)
        await self._publish(conv.id, [event_dict(ev) for ev in written], response["state"])
        return {**response, _FRESH: True}

    async def _publish(self, conversation_id: str, events: list[dict[str, Any]], state: str) -> None:
        """A turn's events to the conversation's subscribers; and, while a handoff is open, to the
        agents' stream too ("queue and messages, live"): an agent client needs no socket per
        conversation to see what the customer says."""
        for ev in events:
            await self._bus.publish(conversation_topic(conversation_id), ev)
        if state in (ConversationState.WAITING_AGENT, ConversationState.AGENT) and events:
            await self._bus.publish(AGENTS_TOPIC, {"kind": "messages", "conversation_id": conversation_id,
                                                   "events": events})


screen_all(globals())  # the patterns above, each searched for a word it needs first (assistant.screening)
