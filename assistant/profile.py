"""Customer 360: profile, products, recent events, past conversations, open handoffs.

Each turn resolves it from a small in-process cache (invalidated on every write
to that customer), so a turn pays for the database at most once per TTL.
"""
from __future__ import annotations

import time
from collections.abc import Awaitable, Callable, Sequence
from contextlib import AbstractAsyncContextManager
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlmodel import col, delete, func, select, update
from sqlmodel.ext.asyncio.session import AsyncSession

from assistant.db import overwriting
from assistant.models import Customer, CustomerEvent, utcnow
from assistant.pii import payment_data_masked
from assistant.places import country_of
from handoff.conversations import conversations_of, erase_customer_conversations
from handoff.models import ActionFeedback, Event, iso
from handoff.service import HandoffService

SessionFactory = Callable[[], AbstractAsyncContextManager[AsyncSession]]

PROFILE_FIELDS = ("name", "language", "segment", "tier", "products", "consents", "attributes")
# Attributes that are never used to personalise nor shown outside the customer card.
SENSITIVE_ATTRIBUTES = frozenset(
    {"health", "religion", "ethnicity", "political_opinion", "sexual_orientation", "union_membership",
     "disability", "biometrics", "criminal_record", "income", "credit_score", "date_of_birth", "national_id"}
)


@dataclass(frozen=True)
class Profile:
    """What a turn knows of the customer, already filtered by consent."""

    customer_id: str | None
    known: bool
    personalized: bool
    name: str | None = None
    language: str | None = None
    segment: str | None = None
    tier: str | None = None
    products: tuple[str, ...] = ()
    preferred_register: str | None = None
    title: str | None = None  # "Madame", "Mr": how a formal register names them (attributes.title)
    advisor: str | None = None  # the advisor who follows them (attributes.advisor), told when they ask who it is
    since: date | None = None  # the day they became a customer (attributes.customer_since), told when they ask
    # the country they live in (attributes.country, ISO 3166: "BE"): of an article in sections by country, theirs
    country: str | None = None
    # the rest of what the company keeps of them ("loyalty_points": 96200), what is sensitive left out: told when they
    # ask for it by its name ("how many points do I have?")
    attributes: dict[str, Any] = field(default_factory=dict)
    recent_events: tuple[dict[str, Any], ...] = ()
    consents: dict[str, bool] = field(default_factory=dict)
    # the service the customer is owed, whatever their consent to personalisation: their place in the
    # queue (tier) and the name their advisor sees. Never in the bot's words.
    service_tier: str | None = None
    service_name: str | None = None

    @property
    def first_name(self) -> str | None:
        return self.name.split()[0] if self.name else None


ANONYMOUS_PROFILE = Profile(customer_id=None, known=False, personalized=False)


def staff_view(view: dict[str, Any] | None) -> dict[str, Any] | None:
    """The 360° view as an advisor or a supervisor reads it: without the special categories of personal data
    (``SENSITIVE_ATTRIBUTES``: health, religion, national id…, which no advisor needs to help), and with the card
    numbers and IBANs of its attributes and events masked, as in the transcripts. An admin reads the record whole."""
    if view is None:
        return None

    def kept(attributes: Any) -> Any:
        if not isinstance(attributes, dict):
            return attributes
        return payment_data_masked({k: v for k, v in attributes.items() if k.lower() not in SENSITIVE_ATTRIBUTES})

    out = {**view, "attributes": kept(view.get("attributes"))}
    if isinstance(view.get("profile"), dict):
        out["profile"] = {**view["profile"], "attributes": kept(view["profile"].get("attributes"))}
    if isinstance(view.get("recent_events"), list):
        out["recent_events"] = payment_data_masked(view["recent_events"])
    return out


def customer_dict(c: Customer) -> dict[str, Any]:
    return {
        "id": c.id,
        "name": c.name,
        "language": c.language,
        "segment": c.segment,
        "tier": c.tier,
        "products": c.products,
        "consents": c.consents,
        "attributes": c.attributes,
        "created_at": iso(c.created_at),
        "updated_at": iso(c.updated_at),
    }


def event_dict(e: CustomerEvent) -> dict[str, Any]:
    return {"type": e.type, "at": iso(e.at), "data": e.data}


class CustomerService:
    def __init__(self, sessions: SessionFactory, handoffs: HandoffService, ttl_s: float = 30.0,
                 purge: Callable[[], Awaitable[None]] | None = None) -> None:
        self._sessions = sessions
        self._purge = purge  # after an erasure, what the store keeps of deleted rows goes too (Database.purge)
        self._handoffs = handoffs
        self._ttl = ttl_s
        self._cache: dict[str, tuple[float, Profile]] = {}
        self._on_erase: list[Callable[[str, list[str]], None]] = []

    def on_erase(self, listener: Callable[[str, list[str]], None]) -> None:
        """Be told every erased customer and their conversation ids (to drop what is cached of them)."""
        self._on_erase.append(listener)

    def invalidate(self, customer_id: str) -> None:
        self._cache.pop(customer_id, None)

    async def upsert(self, customer_id: str, fields: dict[str, Any]) -> dict[str, Any]:
        """Create, or update only the fields given (a partial update)."""
        async with self._sessions() as s:
            c = await s.get(Customer, customer_id)
            if c is None:
                c = Customer(id=customer_id)
            for key, value in fields.items():
                if key == "consents" and value is not None:
                    value = {**c.consents, **value}
                setattr(c, key, value)
            c.updated_at = utcnow()
            s.add(c)
        self.invalidate(customer_id)
        return customer_dict(c)

    async def exists(self, s: AsyncSession, customer_id: str) -> bool:
        return await s.get(Customer, customer_id) is not None

    async def add_events(self, customer_id: str, events: Sequence[dict[str, Any]]) -> int | None:
        async with self._sessions() as s:
            if not await self.exists(s, customer_id):
                return None
            for ev in events:
                s.add(CustomerEvent(customer_id=customer_id, type=ev["type"], at=ev.get("at") or utcnow(), data=ev.get("data") or {}))
        self.invalidate(customer_id)
        return len(events)

    async def view(self, customer_id: str, events_limit: int = 20) -> dict[str, Any] | None:
        """The 360° view agents and admins read."""
        async with self._sessions() as s:
            c = await s.get(Customer, customer_id)
            if c is None:
                return None
            events = await _recent_events(s, customer_id, events_limit)
            convs = await conversations_of(s, customer_id)
            said = await _messages_in(s, [v.id for v in convs])
            open_handoffs = await self._handoffs.open_for_customer(s, customer_id)
        return {
            **customer_dict(c),
            "profile": customer_dict(c),
            "recent_events": [event_dict(e) for e in events],
            "events_summary": summarise_events(events),
            "past_conversations": [
                {"id": v.id, "channel": v.channel, "state": v.state, "created_at": iso(v.created_at),
                 "updated_at": iso(v.updated_at), "messages": said.get(v.id, 0)}
                for v in convs
            ],
            "open_handoffs": open_handoffs,
        }

    async def resolve(self, customer_id: str | None) -> Profile:
        """The turn's view: cached; consent-filtered; anonymous when unknown."""
        if not customer_id:
            return ANONYMOUS_PROFILE
        hit = self._cache.get(customer_id)
        now = time.monotonic()
        if hit and now - hit[0] < self._ttl:
            return hit[1]
        async with self._sessions() as s:
            c = await s.get(Customer, customer_id)
            events = await _recent_events(s, customer_id, 10) if c else []
        profile = _to_profile(customer_id, c, events)
        self._cache[customer_id] = (now, profile)
        return profile

    async def erase(self, customer_id: str) -> bool:
        """Remove the customer, their events, conversations, messages and handoffs."""
        async with self._sessions() as s, overwriting(s):
            c = await s.get(Customer, customer_id)
            await s.exec(delete(CustomerEvent).where(CustomerEvent.customer_id == customer_id))
            erased = await erase_customer_conversations(s, customer_id)
            # what agents' clicks taught the ranking stays, as anonymous counts per segment
            await s.exec(update(ActionFeedback).where(ActionFeedback.customer_id == customer_id)  # type: ignore[call-overload]
                         .values(customer_id=None, handoff_id=None, conversation_id=None))
            if c is not None:
                await s.delete(c)
        self.invalidate(customer_id)
        for listener in self._on_erase:
            listener(customer_id, erased)
        if self._purge is not None:
            await self._purge()
        return c is not None or bool(erased)


_MESSAGES = ("customer_message", "bot_message", "agent_message")


async def _messages_in(s: AsyncSession, conversation_ids: list[str]) -> dict[str, int]:
    """What was said in each conversation (not its handoff and state events)."""
    if not conversation_ids:
        return {}
    stmt = (select(Event.conversation_id, func.count()).where(col(Event.conversation_id).in_(conversation_ids),
                                                             col(Event.type).in_(_MESSAGES))
            .group_by(Event.conversation_id))
    return {cid: int(n) for cid, n in (await s.exec(stmt)).all()}


async def _recent_events(s: AsyncSession, customer_id: str, limit: int) -> list[CustomerEvent]:
    stmt = (
        select(CustomerEvent)
        .where(CustomerEvent.customer_id == customer_id)
        .order_by(col(CustomerEvent.at).desc())
        .limit(limit)
    )
    return list((await s.exec(stmt)).all())


def summarise_events(events: Sequence[CustomerEvent]) -> dict[str, Any]:
    counts: dict[str, int] = {}
    last: dict[str, str | None] = {}
    for e in events:
        counts[e.type] = counts.get(e.type, 0) + 1
        last.setdefault(e.type, iso(e.at))
    return {"counts": counts, "last_at": last}


def _day_of(value: Any) -> date | None:
    """An attribute's day ("2014-03-12", or a timestamp from that day); None for anything else."""
    if not isinstance(value, str):
        return None
    try:
        return date.fromisoformat(value.strip()[:10])
    except ValueError:
        return None


def _to_profile(customer_id: str, c: Customer | None, events: Sequence[CustomerEvent]) -> Profile:
    if c is None:
        return Profile(customer_id=customer_id, known=False, personalized=False)
    consent = bool(c.consents.get("personalization", False))
    thin = not (c.name or c.tier or c.segment or c.products)
    if not consent or thin:
        # the default experience: language is an explicit service preference, kept
        return Profile(customer_id=customer_id, known=True, personalized=False, language=c.language,
                       products=tuple(c.products), consents=dict(c.consents), service_tier=c.tier,
                       service_name=c.name)
    attrs = {k: v for k, v in c.attributes.items() if k.lower() not in SENSITIVE_ATTRIBUTES}
    return Profile(
        customer_id=customer_id,
        known=True,
        personalized=True,
        name=c.name,
        language=c.language,
        segment=c.segment,
        tier=c.tier,
        products=tuple(c.products),
        preferred_register=attrs.get("preferred_register"),
        title=str(attrs["title"]).strip()[:20] or None if isinstance(attrs.get("title"), str) else None,
        advisor=str(attrs["advisor"]).strip()[:60] or None if isinstance(attrs.get("advisor"), str) else None,
        since=_day_of(attrs.get("customer_since")),
        country=country_of({"country": attrs["country"]}) if isinstance(attrs.get("country"), str) else None,
        attributes={k: v for k, v in attrs.items() if isinstance(v, (str, int, float)) and not isinstance(v, bool)},
        recent_events=tuple(event_dict(e) for e in events),
        consents=dict(c.consents),
        service_tier=c.tier,
        service_name=c.name,
    )
