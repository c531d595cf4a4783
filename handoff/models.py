"""Tables of conversations, their events, idempotent turn records and handoffs."""
from __future__ import annotations

from datetime import datetime, timezone
from typing import Any

from sqlalchemy import JSON, Column, DateTime, Index, UniqueConstraint
from sqlmodel import Field, SQLModel


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


def as_utc(dt: datetime | None) -> datetime | None:
    """SQLite hands back naive datetimes: they were stored in UTC."""
    if dt is None:
        return None
    return dt.replace(tzinfo=timezone.utc) if dt.tzinfo is None else dt.astimezone(timezone.utc)


def iso(dt: datetime | None) -> str | None:
    dt = as_utc(dt)
    return dt.isoformat().replace("+00:00", "Z") if dt else None


def _ts(**kw: Any) -> Any:
    return Field(default_factory=utcnow, sa_type=DateTime(timezone=True), **kw)


class ConversationState:
    BOT = "bot"
    WAITING_AGENT = "waiting_agent"
    AGENT = "agent"
    CLOSED = "closed"


class Conversation(SQLModel, table=True):
    __tablename__ = "conversations"

    id: str = Field(primary_key=True, max_length=64)
    customer_id: str | None = Field(default=None, index=True, max_length=128)
    channel: str = Field(max_length=32)
    language: str | None = Field(default=None, max_length=8)
    state: str = Field(default=ConversationState.BOT, max_length=16)
    last_seq: int = 0
    resume_version: int = 0
    created_at: datetime = _ts()
    updated_at: datetime = _ts(index=True)  # what retention reads (``keep_conversations_days``)


class Event(SQLModel, table=True):
    """One thing that happened in a conversation; ``seq`` is 1, 2, 3… per conversation."""

    __tablename__ = "events"
    __table_args__ = (UniqueConstraint("conversation_id", "seq"),)

    id: int | None = Field(default=None, primary_key=True)
    conversation_id: str = Field(max_length=64)
    seq: int
    type: str = Field(max_length=32)
    author: str = Field(max_length=160)
    text: str | None = None
    data: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    at: datetime = _ts()


class TurnRecord(SQLModel, table=True):
    """The answer given to a client_message_id, returned again on a retry."""

    __tablename__ = "turn_records"

    conversation_id: str = Field(primary_key=True, max_length=64)
    client_message_id: str = Field(primary_key=True, max_length=128)
    response: dict[str, Any] = Field(sa_column=Column(JSON, nullable=False))


class HandoffStatus:
    WAITING = "waiting"
    ACTIVE = "active"
    CLOSED = "closed"


class Handoff(SQLModel, table=True):
    __tablename__ = "handoffs"
    __table_args__ = (Index("ix_handoffs_status_created", "status", "created_at"),)

    id: str = Field(primary_key=True, max_length=64)
    conversation_id: str = Field(index=True, max_length=64)
    customer_id: str | None = Field(default=None, index=True, max_length=128)
    customer_name: str | None = Field(default=None, max_length=200)
    tier: str | None = Field(default=None, max_length=32)
    reason: str = Field(max_length=64)
    evidence: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    priority: float = 0.0
    language: str | None = Field(default=None, max_length=8)
    topic: str | None = Field(default=None, max_length=500)
    status: str = Field(default=HandoffStatus.WAITING, max_length=16)
    agent: str | None = Field(default=None, max_length=160)
    outcome: str | None = Field(default=None, max_length=32)
    note: str | None = None
    created_at: datetime = _ts()
    accepted_at: datetime | None = Field(default=None, sa_type=DateTime(timezone=True))
    closed_at: datetime | None = Field(default=None, sa_type=DateTime(timezone=True))


class ActionFeedback(SQLModel, table=True):
    """An agent's accept or dismiss of a suggested action, or an offer the bot made.

    ``segment`` keeps what ranking learns from; ``customer_id`` only serves the
    per-customer cooldown, and erasure sets it to null (the learning stays anonymous).
    """

    __tablename__ = "action_feedback"
    __table_args__ = (Index("ix_action_feedback_customer", "customer_id", "at"),
                      Index("ix_action_feedback_outcome", "outcome", "action_id", "segment"))

    id: int | None = Field(default=None, primary_key=True)
    action_id: str = Field(max_length=300)  # "article:" + a document id of up to 256 characters
    segment: str = Field(max_length=64)
    outcome: str = Field(max_length=16)  # accepted | dismissed | offered
    customer_id: str | None = Field(default=None, max_length=128)
    handoff_id: str | None = Field(default=None, max_length=64)
    conversation_id: str | None = Field(default=None, max_length=64)
    agent: str | None = Field(default=None, max_length=160)
    at: datetime = _ts()
