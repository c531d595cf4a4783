"""Tandem's actions for a Rasa assistant, run by rasa-sdk's own executor.

A Rasa ``sender_id`` maps to one Tandem conversation (``rasa_<hash>``), so the
turn, the customer 360, sentiment, tone, escalation and the agents' console work
the same whether the customer talks to Tandem directly or through Rasa.
"""
from __future__ import annotations

import hashlib
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import ConversationPaused, ConversationResumed, EventType, SlotSet
from rasa_sdk.executor import ActionExecutor, CollectingDispatcher
from rasa_sdk.interfaces import ActionExecutionRejection

from assistant.dialogue import Dialogue, read_follow_up, reads_as_follow_up
from assistant.intents import leans_back
from assistant.language import detect_language
from assistant.profile import CustomerService
from assistant.tone import TonePolicy
from knowledge.base import KnowledgeBase, SearchResult


def latest_text(tracker: Tracker, action: str) -> str:
    """The customer's latest message; a value that is no text is refused (400), and a lone UTF-16
    surrogate (which no encoder or store can take) becomes U+FFFD."""
    latest = tracker.latest_message or {}
    if not isinstance(latest, dict):
        raise ActionExecutionRejection(action, "latest_message must be an object")
    text = latest.get("text")
    if text is None:
        return ""
    if not isinstance(text, str):
        raise ActionExecutionRejection(action, "latest_message.text must be a string")
    if any("\ud800" <= c <= "\udfff" for c in text):
        return text.encode("utf-8", "surrogatepass").decode("utf-8", "replace")
    return text


def conversation_id_for(sender_id: str) -> str:
    return "rasa_" + hashlib.sha256(sender_id.encode()).hexdigest()[:24]


class _TandemAction(Action):
    def __init__(self, dialogue: Dialogue, customers: CustomerService) -> None:
        self.dialogue = dialogue
        self.customers = customers

    async def _conversation(self, tracker: Tracker) -> str:
        conversation_id = conversation_id_for(tracker.sender_id)
        customer_id = tracker.slots.get("customer_id")  # get_slot logs a line when a domain has no such slot
        await self.dialogue.start(channel="rasa", customer_id=customer_id, language=None,
                                  conversation_id=conversation_id)
        return conversation_id


class ActionTandemAnswer(_TandemAction):
    """Answers the latest message from Tandem's knowledge, with tone and sources."""

    def name(self) -> str:
        return "action_tandem_answer"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[EventType]:
        text = latest_text(tracker, self.name())
        if not text.strip():
            return []
        conversation_id = await self._conversation(tracker)
        message_id = (tracker.latest_message or {}).get("message_id")  # an object: latest_text checked it
        result = await self.dialogue.turn(conversation_id, text, f"rasa:{message_id}" if message_id else None)
        reply = result.get("reply")
        if reply:
            dispatcher.utter_message(
                text=reply["text"],
                json_message={"tandem": {"action": reply["action"], "sources": reply["sources"], "tone": reply["tone"],
                                         **({"offer": reply["offer"]} if reply.get("offer") else {})}},
            )
        events: list[EventType] = [
            SlotSet("tandem_conversation_id", conversation_id),
            SlotSet("tandem_sources", [s["document_id"] for s in (reply or {}).get("sources", [])]),
        ]
        if result.get("handoff"):
            events += [SlotSet("tandem_handoff_id", result["handoff"]["id"]), ConversationPaused()]
        return events


class ActionTandemSearch(Action):
    """Answers the latest message from Tandem's knowledge only, with its sources.

    For an assistant whose dialogue Rasa owns: no conversation is kept on Tandem's side
    (no customer, sentiment, tone or escalation), so it costs a search. The best document's
    text is uttered when the search is confident, otherwise Tandem's "no reliable answer";
    the slots say which documents were found and whether the answer was in scope.
    """

    def __init__(self, knowledge: KnowledgeBase, tone: TonePolicy) -> None:
        self.knowledge = knowledge
        self.tone = tone

    def name(self) -> str:
        return "action_tandem_search"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[EventType]:
        text = latest_text(tracker, self.name())
        if not text.strip():
            return []
        language = detect_language(text, "en") or "en"
        result = await self._follow_up(text, _previous_user_text(tracker, text), await self.knowledge.search(text, 3))
        sources = [{"document_id": h.document_id, "title": h.title, "score": h.score, "language": h.language}
                   for h in result.hits]
        top = self.knowledge.document(result.hits[0].document_id) if result.in_scope and result.hits else None
        words = self.tone.default_words(language)
        if top is not None:  # an article in the other language says so first, as a turn does
            answer = top.text if top.language in (language, None) else f"{words['foreign_source']} {top.text}"
            sources = sources[:1]
            dispatcher.utter_message(text=answer, json_message={"tandem": {"action": "answer", "sources": sources}})
        else:  # nothing fits: no sources to show beside "no reliable answer"
            sources = []
            dispatcher.utter_message(text=words["out_of_scope"],
                                     json_message={"tandem": {"action": "clarify", "sources": []}})
        return [SlotSet("tandem_sources", [s["document_id"] for s in sources]),
                SlotSet("tandem_in_scope", top is not None)]

    async def _follow_up(self, text: str, before: str | None, result: SearchResult) -> SearchResult:
        """As a turn reads a follow-up (``Dialogue._follow_up``), with the tracker's last user message:
        a message that ``reads_as_follow_up`` is searched with it."""
        if before is None or not reads_as_follow_up(text, result):
            return result
        last = await self.knowledge.search(before, 1)
        if not last.in_scope or not last.hits:  # the last message asked nothing the knowledge answers
            return result
        return (await read_follow_up(self.knowledge, text, before, last.hits[0].document_id, result,
                                     leans=leans_back(text)))[0]


def _previous_user_text(tracker: Tracker, text: str) -> str | None:
    """The customer's message before the latest one, from the tracker's events."""
    events = tracker.events if isinstance(tracker.events, list) else []
    said = [e.get("text") for e in events if isinstance(e, dict) and e.get("event") == "user"]
    said = [t for t in said if isinstance(t, str) and t.strip()]
    if said and said[-1] == text:
        said.pop()
    return said[-1] if said else None


class ActionTandemHandoff(_TandemAction):
    """Hands the conversation to a Tandem agent and pauses the Rasa conversation."""

    def name(self) -> str:
        return "action_tandem_handoff"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[EventType]:
        conversation_id = await self._conversation(tracker)
        result = await self.dialogue.request_handoff(
            conversation_id, reason="human_request", text=latest_text(tracker, self.name())
        )
        dispatcher.utter_message(text=result["text"])
        return [SlotSet("tandem_conversation_id", conversation_id),
                SlotSet("tandem_handoff_id", result["handoff_id"]), ConversationPaused()]


class ActionTandemResume(_TandemAction):
    """Resumes the Rasa conversation once the agent has handed it back."""

    def name(self) -> str:
        return "action_tandem_resume"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[EventType]:
        return [ConversationResumed(), SlotSet("tandem_handoff_id", None)]


class ActionTandemProfile(_TandemAction):
    """Fills slots from the customer 360 (only what consent allows)."""

    def name(self) -> str:
        return "action_tandem_profile"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[EventType]:
        profile = await self.customers.resolve(tracker.slots.get("customer_id"))
        return [
            SlotSet("customer_known", profile.known),
            SlotSet("customer_name", profile.first_name if profile.personalized else None),
            SlotSet("customer_tier", profile.tier if profile.personalized else None),
            SlotSet("customer_language", profile.language),
            SlotSet("customer_products", list(profile.products) if profile.personalized else []),
        ]


def build_executor(dialogue: Dialogue, customers: CustomerService, knowledge: KnowledgeBase,
                   tone: TonePolicy) -> ActionExecutor:
    executor = ActionExecutor()
    for cls in (ActionTandemAnswer, ActionTandemHandoff, ActionTandemResume, ActionTandemProfile):
        executor.register_action(cls(dialogue, customers))
    executor.register_action(ActionTandemSearch(knowledge, tone))
    return executor
