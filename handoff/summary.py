"""Short, factual summaries of a conversation from its events (no generation, no guessing)."""
from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from handoff.policy import PastTurn


#: the bot's messages that send the customer an article: an answer, and one given while waiting for an advisor
SENDING = ("answer", "handoff_wait")


def past_turns(events: Sequence[dict[str, Any]], *, since_handoff: bool = False) -> list[PastTurn]:
    """The customer messages of a conversation with what the bot learnt of each; ``since_handoff``:
    only those after the last handoff closed (what an agent took up, or the customer withdrew, is
    no longer the bot's to count against itself)."""
    turns: list[PastTurn] = []
    for e in events:
        if since_handoff and e.get("type") == "handoff_closed":
            turns = []
        if e.get("type") != "customer_message":
            continue
        turns.append(
            PastTurn(
                seq=int(e["seq"]),
                text=e.get("text") or "",
                in_scope=e.get("in_scope"),
                top_document=e.get("top_document"),
                sentiment=float((e.get("sentiment") or {}).get("score", 0.0)),
                small_talk=bool(e.get("small_talk")),
            )
        )
    return turns


def topic_of(events: Sequence[dict[str, Any]]) -> str | None:
    """The title of the last document the bot answered from, else the customer's last words
    (courtesy and requests for a person aside)."""
    for e in reversed(events):
        if e.get("type") == "bot_message" and e.get("action") == "answer" and e.get("sources"):
            return e["sources"][0].get("title")
    for e in reversed(events):
        if (e.get("type") == "customer_message" and e.get("text") and not e.get("small_talk")
                and not e.get("human_request")):  # "je veux parler à un conseiller" is no topic
            text = e["text"]
            return text if len(text) <= 80 else text[:79] + "…"
    return None


def summarize(events: Sequence[dict[str, Any]], state: str, reason: str | None = None,
              mask: Callable[[str], str] | None = None, for_staff: bool = True) -> str:
    """A line for the agent (``for_staff``; the customer's own, on resuming, says nothing of sensitive
    topics): what the customer asked first and last (not "bonjour", not "I need an
    agent"), what they raised that a bot does not handle alone, what the bot answered from, why it
    was handed over, where it stands. ``mask`` (personal data) reads the customer's words before they
    are cut to length: a phone number cut in half no longer looks like one."""
    customer = [e for e in events if e.get("type") == "customer_message"]
    if not customer:
        return "No messages yet."

    def quoted(text: str) -> str:
        text = mask(text) if mask else text
        return "\u201c" + (text if len(text) <= 120 else text[:119] + "…") + "\u201d"

    said = [e for e in customer if e.get("text") and not e.get("small_talk")]
    # what it is about: "I need help from an agent" then "what is an overdraft?" is about the overdraft
    asked = [e for e in said if not e.get("human_request")] or said or customer
    first, last = asked[0], asked[-1]
    messages = "1 customer message" if len(customer) == 1 else f"{len(customer)} customer messages"
    parts = [f"{messages}; asked: {quoted(first.get('text') or '')}"]
    if last is not first:
        parts[0] += f"; latest: {quoted(last.get('text') or '')}"
    parts[0] += "."
    # staff only: whoever holds a customer's resume token (a partner who controls the money) does not read it
    raised = dict.fromkeys(e["sensitive_topic"] for e in customer if e.get("sensitive_topic")) if for_staff else {}
    if raised:
        parts.append("Raised: " + ", ".join(t.replace("_", " ") for t in raised) + ".")
    if for_staff and any(e.get("call_back") for e in customer):
        parts.append("Asked to be called back.")
    answered = [
        s.get("title") for e in events
        if e.get("type") == "bot_message" and e.get("action") in SENDING
        for s in (e.get("sources") or [])[:1]
    ]
    if answered:
        parts.append("Answered from: " + ", ".join(dict.fromkeys(t for t in answered if t)) + ".")
    if reason:
        parts.append(f"Escalated: {reason.replace('_', ' ')}.")
    parts.append({
        "bot": "The assistant is handling it.",
        "waiting_agent": "Waiting for an advisor.",
        "agent": "An advisor is handling it.",
        "closed": "Closed.",
    }.get(state, f"State: {state}."))
    return " ".join(parts)
