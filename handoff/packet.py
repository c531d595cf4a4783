"""The handoff packet: everything an agent needs to take over without asking again."""
from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from handoff.models import Handoff
from handoff.policy import EscalationPolicy
from handoff.service import handoff_summary
from handoff.summary import SENDING, past_turns, summarize


def staff_text(event: Mapping[str, Any], mask: Callable[[str], str]) -> str | None:
    """An event's text as staff see it: the bot's own words whole (the fraud line's number it gave is
    the company's), everyone else's through ``mask``."""
    text = event.get("text")
    if not text or event.get("author") == "bot":
        return text
    return mask(text)


def sent_documents(events: Sequence[dict[str, Any]]) -> set[str]:
    """The documents the bot sent the customer, answering, escalating or while they waited for an advisor."""
    return {
        s["document_id"]
        for e in events if e.get("type") == "bot_message" and e.get("action") in SENDING
        for s in e.get("sources") or [] if s.get("document_id")
    }


def knowledge_tried(events: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """Each document the bot considered, with its best score and whether it was sent."""
    best: dict[str, dict[str, Any]] = {}
    sent = sent_documents(events)
    for e in events:
        if e.get("type") != "customer_message":
            continue
        for k in e.get("knowledge") or []:
            cur = best.get(k["document_id"])
            if cur is None or k["score"] > cur["score"]:
                best[k["document_id"]] = {**k, "for_seq": e["seq"], "sent": k["document_id"] in sent}
    return sorted(best.values(), key=lambda x: -x["score"])[:10]


def masked_evidence(evidence: Mapping[str, Any], mask: Callable[[str], str]) -> dict[str, Any]:
    """An escalation's evidence with the customer's words in it masked (the packet, the escalation log)."""
    out = dict(evidence)
    for key in ("messages", "raised"):  # "raised": what a waiting customer said that re-rated the handoff
        messages = out.get(key)
        if isinstance(messages, list):
            out[key] = [{**m, "text": mask(m.get("text") or "")}
                        if isinstance(m, dict) and isinstance(m.get("text") or "", str) else m for m in messages]
    return out


def build_packet(
    h: Handoff,
    *,
    events: Sequence[dict[str, Any]],
    state: str,
    customer: dict[str, Any] | None,
    suggestions: list[dict[str, Any]],
    mask: Callable[[str], str],
    transcript_mask: Callable[[str], str] | None = None,
    language: str | None = None,
    policy: EscalationPolicy | None = None,
) -> dict[str, Any]:
    """``mask`` hides personal data in what is summed up (the summary, the evidence);
    ``transcript_mask``, in the customer's and agents' own words (default: ``mask``); ``language``, the
    summary's ("fr", or English)."""
    transcript = [
        {
            "seq": e["seq"],
            "type": e["type"],
            "author": e["author"],
            "at": e["at"],
            "text": staff_text(e, transcript_mask or mask),
            **{k: e[k] for k in ("sentiment", "action", "sources", "agent", "outcome", "note") if e.get(k) is not None},
        }
        for e in events
    ]
    turns = past_turns(events)
    evidence = masked_evidence(h.evidence, mask)
    return {
        **handoff_summary(h, policy),
        "evidence": evidence,
        "customer": customer,
        "transcript": transcript,
        "sentiment_trend": [{"seq": t.seq, "score": round(t.sentiment, 3)} for t in turns],
        "summary": summarize(events, state, h.reason, mask=mask, language=language,
                             names=policy.topic_name if policy is not None else None),
        "knowledge_tried": knowledge_tried(events),
        "suggested_actions": suggestions,
        "outcome": h.outcome,
        "note": h.note,
    }
