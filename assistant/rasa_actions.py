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

from assistant.dialogue import Dialogue
from assistant.profile import CustomerService


def conversation_id_for(sender_id: str) -> str:
    return "rasa_" + hashlib.sha256(sender_id.encode()).hexdigest()[:24]


class _TandemAction(Action):
    def __init__(self, dialogue: Dialogue, customers: CustomerService) -> None:
        self.dialogue = dialogue
        self.customers = customers

    async def _conversation(self, tracker: Tracker) -> str:
        conversation_id = conversation_id_for(tracker.sender_id)
        customer_id = tracker.get_slot("customer_id")
        await self.dialogue.start(channel="rasa", customer_id=customer_id, language=None,
                                  conversation_id=conversation_id)
        return conversation_id


class ActionTandemAnswer(_TandemAction):
    """Answers the latest message from Tandem's knowledge, with tone and sources."""

    def name(self) -> str:
        return "action_tandem_answer"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[EventType]:
        text = (tracker.latest_message or {}).get("text") or ""
        if not text.strip():
            return []
        conversation_id = await self._conversation(tracker)
        message_id = (tracker.latest_message or {}).get("message_id")
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


class ActionTandemHandoff(_TandemAction):
    """Hands the conversation to a Tandem agent and pauses the Rasa conversation."""

    def name(self) -> str:
        return "action_tandem_handoff"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[EventType]:
        conversation_id = await self._conversation(tracker)
        result = await self.dialogue.request_handoff(
            conversation_id, reason="human_request", text=(tracker.latest_message or {}).get("text") or ""
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
        profile = await self.customers.resolve(tracker.get_slot("customer_id"))
        return [
            SlotSet("customer_known", profile.known),
            SlotSet("customer_name", profile.first_name if profile.personalized else None),
            SlotSet("customer_tier", profile.tier if profile.personalized else None),
            SlotSet("customer_language", profile.language),
            SlotSet("customer_products", list(profile.products) if profile.personalized else []),
        ]


def build_executor(dialogue: Dialogue, customers: CustomerService) -> ActionExecutor:
    executor = ActionExecutor()
    for cls in (ActionTandemAnswer, ActionTandemHandoff, ActionTandemResume, ActionTandemProfile):
        executor.register_action(cls(dialogue, customers))
    return executor
