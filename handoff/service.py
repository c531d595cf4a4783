"""Handoffs: open one, queue it, let an agent own the conversation, close it.

Ownership is decided in the database: the accept, every agent message and every
bot reply take the conversation's next seq through one row update, so nothing
the bot computed before an accept can land after it.
"""
from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Sequence
from contextlib import AbstractAsyncContextManager
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import structlog
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from handoff.bus import AGENTS_TOPIC, Bus, conversation_topic
from handoff.conversations import append_events, event_dict, new_id, set_state
from handoff.models import ConversationState, Event, Handoff, HandoffStatus, as_utc, iso, utcnow
from handoff.policy import EscalationPolicy
from handoff.presence import AgentPresence

SessionFactory = Callable[[], AbstractAsyncContextManager[AsyncSession]]
log = structlog.get_logger("tandem.handoff")


#: the least rise of a waiting handoff's priority that re-rates it (without a new reason)
RAISE_AT_LEAST = 0.25


class HandoffError(Exception):
    """A handoff operation that cannot be done: ``kind`` is not_found, conflict or forbidden."""

    def __init__(self, kind: str, message: str) -> None:
        super().__init__(message)
        self.kind = kind


def handoff_summary(h: Handoff, policy: EscalationPolicy | None = None) -> dict[str, Any]:
    out = {
        "id": h.id,
        "conversation_id": h.conversation_id,
        "customer_id": h.customer_id,
        "customer_name": h.customer_name,
        "tier": h.tier,
        "reason": h.reason,
        "priority": h.priority,
        "status": h.status,
        "created_at": iso(h.created_at),
        "accepted_at": iso(h.accepted_at),
        "closed_at": iso(h.closed_at),
        "agent": h.agent,
        "language": h.language,
        "topic": h.topic,
    }
    if policy is not None and h.topic and policy.topic_name(h.topic) is not None:  # a topic of the company's own
        out["topic_names"] = {lang: policy.topic_name(h.topic, lang) for lang in ("en", "fr")}
    if h.status == HandoffStatus.WAITING:
        waited = (utcnow() - as_utc(h.created_at)).total_seconds()  # type: ignore[operator]
        out["waiting_s"] = round(waited, 1)  # since the customer asked: their wait, and their place in the queue
        if policy is not None:
            out["effective_priority"] = round(policy.effective_priority(h.priority, waited), 3)
            out["priority_per_minute"] = policy.per_minute_waiting  # a console counts the wait on from here
        held = (h.evidence or {}).get("held") or []
        if held and held[-1].get("released_at"):  # an advisor had it and left: back in the queue since then
            back = datetime.fromisoformat(str(held[-1]["released_at"]).replace("Z", "+00:00"))
            out["requeued_s"] = round((utcnow() - as_utc(back)).total_seconds(), 1)  # type: ignore[operator]
    return out


@dataclass(frozen=True)
class OpenedHandoff:
    handoff: Handoff
    agents_online: bool


class HandoffService:
    def __init__(self, sessions: SessionFactory, bus: Bus, policy: EscalationPolicy, presence: AgentPresence,
                 mask: Callable[[str], str] | None = None) -> None:
        self._sessions = sessions
        self._mask = mask  # what an advisor types goes through it before it is stored (card numbers, IBANs)
        self._bus = bus
        self.policy = policy
        self.presence = presence
        self._listeners: list[Callable[[str], None]] = []
        self._watchers: set[asyncio.Task[None]] = set()

    def listen(self, on_change: Callable[[str], None]) -> None:
        """Be told the id of every conversation a handoff transition changes."""
        self._listeners.append(on_change)

    async def open(
        self,
        s: AsyncSession,
        *,
        conversation_id: str,
        customer_id: str | None,
        reason: str,
        evidence: dict[str, Any],
        tier: str | None,
        sentiment: float,
        language: str | None,
        topic: str | None,
        customer_name: str | None = None,
    ) -> OpenedHandoff:
        """Create a waiting handoff inside the caller's transaction (the turn's)."""
        h = Handoff(
            id=new_id("h"),
            conversation_id=conversation_id,
            customer_id=customer_id,
            customer_name=customer_name,
            tier=tier,
            reason=reason,
            evidence=evidence,
            priority=self.policy.priority(reason=reason, tier=tier, sentiment=sentiment,
                                          also=[r for r in evidence.get("also", []) if isinstance(r, str)],
                                          topic=topic, kind=evidence.get("topic_kind"),
                                          emergency=bool(evidence.get("emergency"))),
            language=language,
            topic=topic,
        )
        s.add(h)
        await set_state(s, conversation_id, ConversationState.WAITING_AGENT)
        return OpenedHandoff(h, self.presence.any_online(language))

    async def announce(self, h: Handoff) -> None:
        await self._bus.publish(AGENTS_TOPIC, {"kind": "handoff_waiting", "handoff": handoff_summary(h, self.policy)})

    async def get(self, handoff_id: str) -> Handoff:
        async with self._sessions() as s:
            h = await s.get(Handoff, handoff_id)
        if h is None:
            raise HandoffError("not_found", f"no handoff {handoff_id}")
        return h

    async def list(self, status: str | None = None, limit: int = 200) -> list[dict[str, Any]]:
        async with self._sessions() as s:
            stmt = select(Handoff)
            if status:
                stmt = stmt.where(Handoff.status == status)
            rows = (await s.exec(stmt.order_by(col(Handoff.created_at).desc()).limit(limit))).all()
        items = [handoff_summary(h, self.policy) for h in rows]
        if status == HandoffStatus.WAITING:
            items.sort(key=lambda x: -x.get("effective_priority", x["priority"]))
        return items

    async def _transition(
        self, handoff_id: str, agent: str, kind: str, *, text: str | None = None, data: dict[str, Any] | None = None,
        allowed: Sequence[str], must_own: bool, new_status: str | None, new_state: str | None, is_admin: bool = False,
        extra_events: Sequence[dict[str, Any]] = (), author: str | None = None,
    ) -> tuple[Handoff, list[Event]]:
        async with self._sessions() as s:
            h = await s.get(Handoff, handoff_id, with_for_update=True)
            if h is None:
                raise HandoffError("not_found", f"no handoff {handoff_id}")
            if h.status not in allowed:
                raise HandoffError("conflict", f"handoff {handoff_id} is {h.status}")
            if must_own and h.agent not in (None, agent) and not is_admin:
                raise HandoffError("forbidden", f"handoff {handoff_id} belongs to {h.agent}")
            events, _ = await append_events(
                s, h.conversation_id,
                [{"type": kind, "author": author or f"agent:{agent}", "text": text,
                  "data": {"handoff_id": h.id, **(data or {})}},
                 *extra_events],
            )
            now = utcnow()
            if new_status == HandoffStatus.ACTIVE:
                h.status, h.agent, h.accepted_at = new_status, agent, now
            elif new_status == HandoffStatus.WAITING:  # released: back in the queue, for anyone to take
                # who held it, from when to when, stays on record: supervisors see the first wait and every advisor
                evidence = dict(h.evidence or {})
                evidence["held"] = [*evidence.get("held", []), {"agent": h.agent, "accepted_at": iso(h.accepted_at),
                                                                "released_at": iso(now), "by": agent}]
                h.evidence = evidence
                h.status, h.agent, h.accepted_at = new_status, None, None
            elif new_status == HandoffStatus.CLOSED:
                h.status, h.closed_at = new_status, now
                if author is None:  # closed by an agent (a customer's withdrawal names none)
                    h.agent = h.agent or agent
                h.outcome = (data or {}).get("outcome")
                h.note = (data or {}).get("note")
            s.add(h)
            if new_state:
                await set_state(s, h.conversation_id, new_state)
        for on_change in self._listeners:
            on_change(h.conversation_id)
        for ev in events:
            await self._bus.publish(conversation_topic(h.conversation_id), event_dict(ev))
        await self._bus.publish(
            AGENTS_TOPIC, {"kind": kind, "handoff": handoff_summary(h, self.policy), "events": [event_dict(e) for e in events]}
        )
        return h, events

    async def accept(self, handoff_id: str, agent: str) -> Handoff:
        h = await self.get(handoff_id)
        if h.status == HandoffStatus.ACTIVE and h.agent == agent:
            return h  # a retried accept
        h, _ = await self._transition(
            handoff_id, agent, "handoff_accepted", allowed=[HandoffStatus.WAITING], must_own=False,
            new_status=HandoffStatus.ACTIVE, new_state=ConversationState.AGENT, data={"agent": agent},
        )
        return h

    async def say(self, handoff_id: str, agent: str, text: str, *, is_admin: bool = False) -> Event:
        _, events = await self._transition(
            handoff_id, agent, "agent_message", text=self._mask(text) if self._mask else text,
            allowed=[HandoffStatus.ACTIVE], must_own=True, new_status=None, new_state=None, is_admin=is_admin,
        )
        return events[0]

    async def close(
        self, handoff_id: str, agent: str, outcome: str, note: str | None, *, is_admin: bool = False,
        handback_text: str | None = None, handback_sources: list[dict[str, Any]] | None = None,
        handback_offers: bool = False,
    ) -> Handoff:
        if outcome != "handback" and not is_admin and (await self.get(handoff_id)).status == HandoffStatus.WAITING:
            # resolved by nobody who spoke to the customer: the queue may hand a request back to the bot,
            # but only an agent who took the conversation resolves it
            raise HandoffError("conflict", f"handoff {handoff_id} is waiting: accept it before resolving it, "
                                           "or hand it back to the bot")
        if note and self._mask:
            note = self._mask(note)
        extra = []
        if outcome == "handback" and handback_text:
            extra.append({"type": "bot_message", "author": "bot", "text": handback_text,
                          "data": {"action": "resume", **({"sources": handback_sources} if handback_sources else {}),
                                   # a question left that nothing answers: "yes" takes an advisor again
                                   **({"advisor_offered": True} if handback_offers else {})}})
        h, _ = await self._transition(
            handoff_id, agent, "handoff_closed", data={"outcome": outcome, "note": note},
            allowed=[HandoffStatus.WAITING, HandoffStatus.ACTIVE], must_own=True,
            new_status=HandoffStatus.CLOSED,
            new_state=ConversationState.BOT if outcome == "handback" else ConversationState.CLOSED,
            is_admin=is_admin, extra_events=extra,
        )
        return h

    async def release(self, handoff_id: str, by: str, *, any_owner: bool = False, text: str | None = None) -> Handoff:
        """An active conversation back in the queue: its advisor had to go (``by`` is that advisor, or,
        with ``any_owner``, a supervisor, or "system" when the advisor's console has been gone too
        long). The bot tells the customer (``text``) and waits with them again; any advisor may accept it."""
        extra = [{"type": "bot_message", "author": "bot", "text": text, "data": {"action": "handoff_wait"}}
                 ] if text else []
        h = await self.get(handoff_id)
        h, _ = await self._transition(
            handoff_id, by, "handoff_released", data={"agent": h.agent, "by": by},
            allowed=[HandoffStatus.ACTIVE], must_own=True, is_admin=any_owner,
            new_status=HandoffStatus.WAITING, new_state=ConversationState.WAITING_AGENT,
            extra_events=extra, author="system" if by == "system" else None,
        )
        await self.announce(h)  # the consoles put it back in their queue
        return h

    def release_when_gone(self, agent: str, text_for: Callable[[Handoff], Awaitable[str]]) -> None:
        """``agent``'s last console closed: if they have none open again after the policy's
        ``release_when_gone_s``, their active conversations go back to the queue (``release``)."""
        after = self.policy.release_when_gone_s
        if after <= 0:
            return

        async def later() -> None:
            await asyncio.sleep(after)
            if agent in self.presence.online():
                return
            try:
                for h in await self.owned_by(agent):
                    try:
                        await self.release(h.id, "system", any_owner=True, text=await text_for(h))
                    except HandoffError:  # closed, or taken back, meanwhile
                        pass
            except Exception:  # noqa: BLE001 - the store away: the advisor or a supervisor can still release
                log.warning("handoff.release_failed", agent=agent, exc_info=True)

        task = asyncio.get_running_loop().create_task(later())
        self._watchers.add(task)
        task.add_done_callback(self._watchers.discard)

    async def close_watchers(self) -> None:
        """Cancels the watchers and waits for them to end (a connection one holds is given back before the engine
        is disposed)."""
        tasks = list(self._watchers)
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)

    async def owned_by(self, agent: str) -> list[Handoff]:
        """The conversations ``agent`` has accepted and not closed."""
        async with self._sessions() as s:
            stmt = select(Handoff).where(Handoff.agent == agent, Handoff.status == HandoffStatus.ACTIVE)
            return list((await s.exec(stmt)).all())

    async def withdraw(self, conversation_id: str) -> Handoff | None:
        """The customer no longer wants a person ("no need for an agent after all") while no agent has
        taken the conversation yet: its waiting handoff closes with outcome "withdrawn" and the bot
        has the conversation again. None when nothing was waiting (an agent accepted meanwhile)."""
        async with self._sessions() as s:
            stmt = select(Handoff).where(Handoff.conversation_id == conversation_id,
                                         Handoff.status == HandoffStatus.WAITING)
            waiting = (await s.exec(stmt)).first()
        if waiting is None:
            return None
        try:
            h, _ = await self._transition(
                waiting.id, "customer", "handoff_closed", data={"outcome": "withdrawn", "note": None},
                allowed=[HandoffStatus.WAITING], must_own=False, new_status=HandoffStatus.CLOSED,
                new_state=ConversationState.BOT, author="customer",
            )
        except HandoffError:  # accepted in between: the agent has it
            return None
        return h

    async def current(self, conversation_id: str) -> Handoff | None:
        """The conversation's handoff still open (waiting or active), if any."""
        async with self._sessions() as s:
            stmt = (select(Handoff)
                    .where(Handoff.conversation_id == conversation_id, Handoff.status != HandoffStatus.CLOSED)
                    .order_by(col(Handoff.created_at).desc()))
            return (await s.exec(stmt)).first()

    async def reassess(self, handoff_id: str, *, seq: int, text: str, sentiment: float,
                       sensitive_topic: str | None, emergency: bool = False) -> Handoff | None:
        """A customer still waiting says more: fraud reported after a plain request for a person, or
        angrier words. The queue re-rates the handoff: a sensitive topic joins its reasons (``also``)
        and becomes its topic, and its priority rises to what the message now calls for (it never
        falls; a rise under ``RAISE_AT_LEAST`` is not worth re-sorting the queue for). The first
        reason stays: it is what opened the handoff. None when nothing changed."""
        async with self._sessions() as s:
            h = await s.get(Handoff, handoff_id, with_for_update=True)
            if h is None or h.status != HandoffStatus.WAITING:
                return None
            evidence = dict(h.evidence or {})
            also = [r for r in evidence.get("also", []) if isinstance(r, str)]
            held = h.topic if self.policy.is_sensitive(h.topic) else None
            # a sensitive topic new to it, or weightier than the one it has (fraud, then "I want to end it all")
            weightier = self.policy.is_sensitive(sensitive_topic) and (
                held is None or self.policy.topic_weight(sensitive_topic) > self.policy.topic_weight(held))
            new = ["sensitive_topic"] if weightier and "sensitive_topic" not in (h.reason, *also) else []
            topic = sensitive_topic if weightier else held
            emergency = emergency or bool(evidence.get("emergency"))
            priority = self.policy.priority(reason=h.reason, tier=h.tier, sentiment=sentiment, also=[*also, *new],
                                            topic=topic, emergency=emergency)
            if not weightier and priority < h.priority + RAISE_AT_LEAST:
                return None  # a shade more negative than the message that opened it: the queue keeps still
            if emergency:
                evidence["emergency"] = True  # "my wife is bleeding" while waiting: first, and for good
            if weightier:
                evidence["also"] = [*also, *new]
                h.topic = sensitive_topic
            evidence["raised"] = [*evidence.get("raised", []),
                                  {"seq": seq, "text": text, "reasons": new, "topic": topic,
                                   "sentiment": round(sentiment, 3),
                                   "priority": round(priority, 3)}]
            h.evidence, h.priority = evidence, max(h.priority, priority)
            s.add(h)
        await self._bus.publish(AGENTS_TOPIC, {"kind": "handoff_updated", "handoff": handoff_summary(h, self.policy)})
        return h

    async def open_for_customer(self, s: AsyncSession, customer_id: str) -> list[dict[str, Any]]:
        stmt = select(Handoff).where(Handoff.customer_id == customer_id, Handoff.status != HandoffStatus.CLOSED)
        return [handoff_summary(h, self.policy) for h in (await s.exec(stmt)).all()]


def held(h: Handoff) -> list[dict[str, Any]]:
    """Who held the handoff before releasing it back to the queue, and from when to when, oldest first."""
    return [x for x in (h.evidence or {}).get("held", []) if isinstance(x, dict)]


def first_accepted(h: Handoff) -> datetime | None:
    """When an advisor first took the handoff: its own accept, or the first of those released since."""
    earlier = [datetime.fromisoformat(x["accepted_at"]) for x in held(h) if x.get("accepted_at")]
    return earlier[0] if earlier else h.accepted_at


def waiting_spells(h: Handoff) -> list[tuple[datetime, datetime | None]]:
    """Each time the customer waited in the queue, oldest first: from the request (or a release back to the queue) to
    the advisor's accept that ended it, None while it has not ended that way (still waiting, or closed unanswered)."""
    spells: list[tuple[datetime, datetime | None]] = []
    start: datetime | None = as_utc(h.created_at)
    for x in held(h):
        # a spell is known from its start to its accept; an entry missing either leaves that wait out rather than
        # counting an advisor's time with the customer as waiting
        accepted = as_utc(datetime.fromisoformat(x["accepted_at"])) if x.get("accepted_at") else None
        if start is not None and accepted is not None:
            spells.append((start, accepted))
        start = as_utc(datetime.fromisoformat(x["released_at"])) if x.get("released_at") else None
    if start is not None:
        spells.append((start, as_utc(h.accepted_at)))
    return spells


def waited_in_all(h: Handoff) -> float | None:
    """How long the customer waited for an advisor, every wait an advisor's accept ended counted (taken, released
    back to the queue, taken again: both waits); None when no advisor ever took the request."""
    ended = [(start, end) for start, end in waiting_spells(h) if end is not None]
    if not ended:
        return None
    return round(sum((end - start).total_seconds() for start, end in ended), 3)


def last_agent(h: Handoff) -> str | None:
    """Who has or last had the handoff: its advisor, or the last to release it back to the queue."""
    earlier = [x["agent"] for x in held(h) if x.get("agent")]
    return h.agent or (earlier[-1] if earlier else None)

