"""What supervisors read: the escalation log and the KPIs over a time window."""
from __future__ import annotations

import csv
import io
import statistics
from datetime import datetime
from typing import Any

from sqlalchemy import String, cast
from sqlmodel import col, func, or_, select
from sqlmodel.ext.asyncio.session import AsyncSession

from handoff.models import Conversation, Event, Handoff, as_utc, iso, utcnow
from handoff.service import first_accepted, held, last_agent, waited_in_all, waiting_spells

ESCALATION_COLUMNS = (
    "handoff_id", "conversation_id", "customer_id", "reason", "evidence",
    "created_at", "accepted_at", "closed_at", "wait_s", "queued_s", "outcome", "agent", "topic", "note",
)


def queued_seconds(h: Handoff, now: datetime) -> float:
    """How long the customer waited in the queue, every wait counted: each until an advisor accepted, the last one
    until the request was closed without one (withdrawn, handed back) or until now."""
    total = 0.0
    for start, end in waiting_spells(h):
        if end is None:
            end = as_utc(h.closed_at or now)
        total += (end - start).total_seconds()  # type: ignore[operator]
    return round(total, 3)


async def escalations(
    s: AsyncSession,
    *,
    since: datetime | None = None,
    until: datetime | None = None,
    reason: str | None = None,
    agent: str | None = None,
    outcome: str | None = None,
    limit: int = 5000,
) -> list[dict[str, Any]]:
    stmt = select(Handoff)
    if since:
        stmt = stmt.where(col(Handoff.created_at) >= since)
    if until:
        stmt = stmt.where(col(Handoff.created_at) < until)
    if reason:
        # opened for it, or it fired beside the reason that opened it ("also": a fraud told by a customer already
        # waiting for a person); the text of the evidence narrows it in the store, the list below decides
        stmt = stmt.where(or_(Handoff.reason == reason, cast(Handoff.evidence, String).contains(f'"{reason}"')))
    if outcome == "open":
        stmt = stmt.where(col(Handoff.outcome).is_(None))
    elif outcome:
        stmt = stmt.where(Handoff.outcome == outcome)
    rows = (await s.exec(stmt.order_by(col(Handoff.created_at).desc()).limit(limit))).all()
    if reason:
        rows = [h for h in rows if h.reason == reason or reason in (h.evidence or {}).get("also", [])]
    if agent:  # "zoe" finds agent-zoe, who has it or had it before releasing it
        rows = [h for h in rows if any(agent.casefold() in a.casefold() for a in _agents(h))]
    now = utcnow()
    return [
        {
            "handoff_id": h.id,
            "conversation_id": h.conversation_id,
            "customer_id": h.customer_id,
            "customer_name": h.customer_name,  # as the advisor sees it
            "reason": h.reason,
            "evidence": h.evidence,
            "created_at": iso(h.created_at),
            "accepted_at": iso(first_accepted(h)),  # first taken
            "closed_at": iso(h.closed_at),
            # every wait for an advisor: taken, released back to the queue, taken again counts both
            "wait_s": waited_in_all(h),
            "queued_s": queued_seconds(h, now),
            "outcome": h.outcome,
            "status": h.status,  # waiting (again, after a release), active or closed
            "agent": last_agent(h),
            "agents": _agents(h),
            "topic": h.topic,
            "note": h.note,  # the advisor's own words on closing (masked with the evidence in the view)
        }
        for h in rows
    ]


def _agents(h: Handoff) -> list[str]:
    """Every advisor who held the handoff, in order, each once."""
    return list(dict.fromkeys(a for a in [*(x.get("agent") for x in held(h)), h.agent] if a))


def _cell(value: Any) -> Any:
    """A text a spreadsheet would run as a formula ("=HYPERLINK(…)" typed by a customer) starts with an apostrophe,
    which spreadsheets show as text; numbers stay numbers."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def escalations_csv(rows: list[dict[str, Any]]) -> str:
    import json

    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(ESCALATION_COLUMNS)
    for r in rows:
        writer.writerow(
            [_cell(json.dumps(r[c], ensure_ascii=False) if c == "evidence" else ("" if r[c] is None else r[c]))
             for c in ESCALATION_COLUMNS]
        )
    return buf.getvalue()


async def kpis(s: AsyncSession, *, since: datetime | None = None, until: datetime | None = None) -> dict[str, Any]:
    """Conversations started in the window in which the customer said something (an opened, unused
    chat widget is no conversation), how many of those were escalated at any time and how many the
    bot contained (and of those, how many it never answered from the knowledge base); and the handoffs opened in the
    window (reasons, outcomes, waits)."""
    started = select(Conversation.id).where(col(Conversation.last_seq) > 0)
    hand = select(Handoff)
    if since:
        started = started.where(col(Conversation.created_at) >= since)
        hand = hand.where(col(Handoff.created_at) >= since)
    if until:
        started = started.where(col(Conversation.created_at) < until)
        hand = hand.where(col(Handoff.created_at) < until)
    conversations = int((await s.exec(select(func.count()).select_from(started.subquery()))).one())
    # a conversation whose only requests the customer withdrew ("never mind, I found it") stayed with the bot
    not_withdrawn = or_(col(Handoff.outcome).is_(None), Handoff.outcome != "withdrawn")
    escalated = int((await s.exec(
        select(func.count(func.distinct(Handoff.conversation_id)))
        .where(col(Handoff.conversation_id).in_(started.scalar_subquery()), not_withdrawn))).one())
    handoffs = list((await s.exec(hand)).all())
    contained = max(conversations - escalated, 0)
    # of those the bot kept, the ones it never answered from the knowledge base: the customer left after "could you
    # rephrase?" or "I don't know", which containment alone counts as a success
    escalated_ids = select(Handoff.conversation_id).where(not_withdrawn)
    kept_answered = int((await s.exec(
        select(func.count(func.distinct(Event.conversation_id)))
        .where(col(Event.conversation_id).in_(started.scalar_subquery()),
               col(Event.conversation_id).not_in(escalated_ids.scalar_subquery()),
               Event.type == "bot_message", Event.data["action"].as_string() == "answer"))).one())
    waits = [w for h in handoffs if (w := waited_in_all(h)) is not None]
    # who left the queue before any advisor took them (withdrew, handed back unanswered): how long they waited
    moment = utcnow()
    left = [queued_seconds(h, moment) for h in handoffs if first_accepted(h) is None and h.closed_at is not None]
    # the queue as it is now, whatever the window: a request from before it still waits
    still = list((await s.exec(select(Handoff).where(Handoff.status == "waiting"))).all())
    now = moment.timestamp()
    by_reason: dict[str, int] = {}
    by_outcome: dict[str, int] = {}
    by_day: dict[str, dict[str, int]] = {}
    for h in handoffs:
        by_reason[h.reason] = by_reason.get(h.reason, 0) + 1
        by_outcome[h.outcome or "open"] = by_outcome.get(h.outcome or "open", 0) + 1
        day = as_utc(h.created_at).date().isoformat()  # type: ignore[union-attr]
        by_day.setdefault(day, {})[h.reason] = by_day.setdefault(day, {}).get(h.reason, 0) + 1
    return {
        "conversations": conversations,
        "contained": contained,
        "escalated": escalated,
        "containment_rate": round(contained / conversations, 4) if conversations else None,
        "contained_unanswered": max(contained - kept_answered, 0),
        "median_wait_s": round(statistics.median(waits), 3) if waits else None,
        "left_unanswered": len(left),
        "median_wait_left_s": round(statistics.median(left), 3) if left else None,
        "handoffs": len(handoffs),
        "waiting": len(still),
        # the median counts accepted handoffs; a queue backing up shows here
        "longest_waiting_s": (round(max(now - as_utc(h.created_at).timestamp()  # type: ignore[union-attr]
                                        for h in still), 3) if still else None),
        "by_reason": by_reason,
        "by_outcome": by_outcome,
        "escalations_per_day": dict(sorted(by_day.items())),
    }
