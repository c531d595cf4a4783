"""Conversation store functions: they take the session first and never commit.

Seqs are allocated by one ``UPDATE … RETURNING`` on the conversation row, so two
writers to one conversation serialise in the database: a reply computed before
an agent's accept sees the new state when it tries to land, and is dropped.
"""
from __future__ import annotations

import json
import uuid
from collections.abc import Sequence
from datetime import datetime, timezone
from typing import Any

from sqlalchemy import update
from sqlmodel import col, delete, func, select
from sqlmodel.ext.asyncio.session import AsyncSession

from handoff.models import ActionFeedback, Conversation, ConversationState, Event, Handoff, TurnRecord, iso, utcnow


def new_id(prefix: str) -> str:
    return f"{prefix}_{uuid.uuid4().hex[:20]}"


async def create_conversation(
    s: AsyncSession, *, channel: str, customer_id: str | None, language: str | None, conversation_id: str | None = None
) -> Conversation:
    conv = Conversation(id=conversation_id or new_id("c"), channel=channel, customer_id=customer_id, language=language)
    s.add(conv)
    await s.flush()
    return conv


def _sqlite_stamp(dt: Any) -> str:
    """A datetime as SQLAlchemy writes it to SQLite (UTC, naive), for rows written with ``sqlite3``."""
    return dt.astimezone(timezone.utc).replace(tzinfo=None).strftime("%Y-%m-%d %H:%M:%S.%f")


def insert_conversation_sqlite(db: Any, conv: Conversation) -> None:
    """``create_conversation`` for SQLite as one statement on a ``sqlite3`` connection (its own thread).

    A burst of new conversations then holds the single connection for an INSERT each, not
    for three trips through the event loop (BEGIN, INSERT, COMMIT) that the turns queue behind.
    """
    if db.in_transaction:  # never expected: a unit of work left one open on this connection
        db.rollback()
    with db:  # commits, or rolls back on error
        db.execute("INSERT INTO conversations (id, customer_id, channel, language, state, last_seq, resume_version, "
                   "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                   (conv.id, conv.customer_id, conv.channel, conv.language, conv.state, conv.last_seq,
                    conv.resume_version, _sqlite_stamp(conv.created_at), _sqlite_stamp(conv.updated_at)))


async def get_conversation(s: AsyncSession, conversation_id: str) -> Conversation | None:
    return await s.get(Conversation, conversation_id)


async def reserve_seqs(s: AsyncSession, conversation_id: str, n: int) -> tuple[int, str] | None:
    """Take ``n`` consecutive seqs; returns (first seq, state as of now), or None if no such conversation."""
    row = (
        await s.exec(
            update(Conversation)
            .where(col(Conversation.id) == conversation_id)
            .values(last_seq=Conversation.last_seq + n, updated_at=utcnow())
            .returning(Conversation.last_seq, Conversation.state)
        )
    ).first()
    if row is None:
        return None
    last, state = row
    return last - n + 1, state


async def reserve_seqs_in_state(s: AsyncSession, conversation_id: str, n: int, state: str) -> int | None:
    """Take ``n`` seqs only if the conversation is still in ``state``; the first seq, or None."""
    row = (
        await s.exec(
            update(Conversation)
            .where(col(Conversation.id) == conversation_id, col(Conversation.state) == state)
            .values(last_seq=Conversation.last_seq + n, updated_at=utcnow())
            .returning(Conversation.last_seq)
        )
    ).first()
    return None if row is None else row[0] - n + 1


def new_events(conversation_id: str, first_seq: int, events: Sequence[dict[str, Any]]) -> list[Event]:
    return [
        Event(conversation_id=conversation_id, seq=first_seq + i, type=ev["type"], author=ev["author"],
              text=ev.get("text"), data=ev.get("data", {}))
        for i, ev in enumerate(events)
    ]


async def set_state(s: AsyncSession, conversation_id: str, state: str, **values: Any) -> None:
    await s.exec(update(Conversation).where(col(Conversation.id) == conversation_id).values(state=state, **values))


async def append_events(
    s: AsyncSession, conversation_id: str, events: Sequence[dict[str, Any]]
) -> tuple[list[Event], str]:
    """Store events with fresh consecutive seqs; returns them and the conversation's state."""
    reserved = await reserve_seqs(s, conversation_id, len(events))
    if reserved is None:
        raise LookupError(conversation_id)
    first, state = reserved
    rows = new_events(conversation_id, first, events)
    s.add_all(rows)  # written with the transaction's other rows when it flushes
    return rows, state


async def list_events(s: AsyncSession, conversation_id: str, after: int = 0, limit: int = 500) -> list[Event]:
    stmt = (
        select(Event)
        .where(Event.conversation_id == conversation_id, Event.seq > after)
        .order_by(col(Event.seq))
        .limit(limit)
    )
    return list((await s.exec(stmt)).all())


async def recent_events(s: AsyncSession, conversation_id: str, limit: int = 20) -> list[Event]:
    stmt = select(Event).where(Event.conversation_id == conversation_id).order_by(col(Event.seq).desc()).limit(limit)
    return list(reversed((await s.exec(stmt)).all()))


async def get_turn(s: AsyncSession, conversation_id: str, client_message_id: str) -> dict[str, Any] | None:
    rec = await s.get(TurnRecord, (conversation_id, client_message_id))
    return rec.response if rec else None


async def put_turn(s: AsyncSession, conversation_id: str, client_message_id: str, response: dict[str, Any]) -> None:
    s.add(TurnRecord(conversation_id=conversation_id, client_message_id=client_message_id, response=response))


async def conversations_of(s: AsyncSession, customer_id: str, limit: int = 10) -> list[Conversation]:
    stmt = (
        select(Conversation)
        .where(Conversation.customer_id == customer_id)
        .order_by(col(Conversation.created_at).desc())
        .limit(limit)
    )
    return list((await s.exec(stmt)).all())


async def count_messages(s: AsyncSession, conversation_id: str) -> int:
    stmt = select(func.count()).select_from(Event).where(Event.conversation_id == conversation_id)
    return int((await s.exec(stmt)).one())


async def erase_customer_conversations(s: AsyncSession, customer_id: str) -> list[str]:
    """Delete every conversation of a customer with its events, turn records and handoffs; their ids."""
    ids = list((await s.exec(select(Conversation.id).where(Conversation.customer_id == customer_id))).all())
    if ids:
        await s.exec(delete(Conversation).where(col(Conversation.id).in_(ids)))
    await _delete_what_was_of(s, ids)
    await s.exec(delete(Handoff).where(Handoff.customer_id == customer_id))
    return ids


async def forget_conversations_before(s: AsyncSession, before: datetime, limit: int = 500) -> dict[str, str | None]:
    """Delete up to ``limit`` conversations untouched since ``before``, with their events, turn records and
    handoffs; their ids, each with its customer's. One waiting for an advisor or in an advisor's hands stays,
    however long it has waited. What advisors' clicks taught the ranking stays, no longer tied to the conversation."""
    still_open = (ConversationState.WAITING_AGENT, ConversationState.AGENT)
    old = (col(Conversation.updated_at) < before, col(Conversation.state).not_in(still_open))
    picked = select(Conversation.id).where(*old).limit(limit)
    # the conversations themselves first, their conditions read again as they go: one a customer came back to (or
    # asked an advisor in) since it was picked stays, and so does everything of it
    gone = await s.exec(delete(Conversation).where(col(Conversation.id).in_(picked.scalar_subquery()), *old)
                        .returning(Conversation.id, Conversation.customer_id))  # type: ignore[call-overload]
    found = dict(gone.all())
    ids = list(found)
    await _delete_what_was_of(s, ids)
    if ids:
        await s.exec(update(ActionFeedback).where(col(ActionFeedback.conversation_id).in_(ids))  # type: ignore[call-overload]
                     .values(handoff_id=None, conversation_id=None))
    return found


async def _delete_what_was_of(s: AsyncSession, ids: list[str]) -> None:
    """The events, turn records and handoffs of the conversations ``ids``, deleted."""
    if ids:
        await s.exec(delete(Event).where(col(Event.conversation_id).in_(ids)))
        await s.exec(delete(TurnRecord).where(col(TurnRecord.conversation_id).in_(ids)))
        await s.exec(delete(Handoff).where(col(Handoff.conversation_id).in_(ids)))


# What a customer may see of an event: no scores, no sentiment, no internal reasons.
_PUBLIC_FIELDS = ("seq", "type", "author", "at", "text", "conversation_id", "action", "client_message_id", "outcome",
                  "handoff_id")


def public_event(event: dict[str, Any]) -> dict[str, Any]:
    """The customer's view of an event (staff see everything, with personal data masked)."""
    out = {k: event[k] for k in _PUBLIC_FIELDS if k in event}
    if event.get("sources"):
        out["sources"] = [{"document_id": s["document_id"], "title": s["title"]} for s in event["sources"]]
    if str(out.get("author", "")).startswith("agent:"):
        out["author"] = "agent"
    return out


def event_dict(ev: Event) -> dict[str, Any]:
    """An event as clients see it: seq, type, author, at, text, then its own fields."""
    out: dict[str, Any] = {"seq": ev.seq, "type": ev.type, "author": ev.author, "at": iso(ev.at)}
    if ev.text is not None:
        out["text"] = ev.text
    for key, value in ev.data.items():
        out.setdefault(key, value)
    out["conversation_id"] = ev.conversation_id
    return out


def _row_dict(conversation_id: str, seq: int, ev: dict[str, Any], at: Any) -> dict[str, Any]:
    """``event_dict`` of an event written through Core, without building the ORM object."""
    out: dict[str, Any] = {"seq": seq, "type": ev["type"], "author": ev["author"], "at": iso(at)}
    if ev.get("text") is not None:
        out["text"] = ev["text"]
    for key, value in (ev.get("data") or {}).items():
        out.setdefault(key, value)
    out["conversation_id"] = conversation_id
    return out


_EVENTS = Event.__table__  # type: ignore[attr-defined]
_TURNS = TurnRecord.__table__  # type: ignore[attr-defined]
_CONVERSATIONS = Conversation.__table__  # type: ignore[attr-defined]


async def answer_turn(
    conn: Any,
    conversation_id: str,
    events: Sequence[dict[str, Any]],
    state: str,
    client_message_id: str | None,
    response_of: Any,
) -> tuple[dict[str, Any], list[dict[str, Any]] | None]:
    """The common turn, through Core on one connection in one transaction.

    Returns ``(stored response, None)`` when ``client_message_id`` was answered
    before; ``(response, event dicts)`` when the events took their seqs while the
    conversation was still in ``state``; ``({}, None)`` when it was not (an agent
    took it meanwhile), in which case nothing was written. ``response_of(first_seq)``
    builds the response to store and return.
    """
    if client_message_id:
        done = (await conn.execute(
            select(_TURNS.c.response).where(_TURNS.c.conversation_id == conversation_id,
                                            _TURNS.c.client_message_id == client_message_id)
        )).first()
        if done is not None:
            return done[0], None
    now = utcnow()
    n = len(events)
    row = (await conn.execute(
        update(_CONVERSATIONS)
        .where(_CONVERSATIONS.c.id == conversation_id, _CONVERSATIONS.c.state == state)
        .values(last_seq=_CONVERSATIONS.c.last_seq + n, updated_at=now)
        .returning(_CONVERSATIONS.c.last_seq)
    )).first()
    if row is None:
        return {}, None
    first = row[0] - n + 1
    await conn.execute(_EVENTS.insert(), [
        {"conversation_id": conversation_id, "seq": first + i, "type": ev["type"], "author": ev["author"],
         "text": ev.get("text"), "data": ev.get("data") or {}, "at": now}
        for i, ev in enumerate(events)
    ])
    response = response_of(first)
    if client_message_id:
        # Another process may have answered the same message between the SELECT above and
        # the row lock the UPDATE took: its record is committed now, and this transaction,
        # with the events it wrote, must go.
        kept = (await conn.execute(
            _insert_for(conn)(_TURNS).values(conversation_id=conversation_id, client_message_id=client_message_id,
                                             response=response)
            .on_conflict_do_nothing().returning(_TURNS.c.client_message_id)
        )).first()
        if kept is None:
            raise AnsweredMeanwhile(conversation_id, client_message_id)
    return response, [_row_dict(conversation_id, first + i, ev, now) for i, ev in enumerate(events)]


class AnsweredMeanwhile(Exception):
    """``answer_turn`` lost the race for a ``client_message_id``: roll back and read the stored answer."""


def _insert_for(conn: Any) -> Any:
    if conn.dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    else:
        from sqlalchemy.dialects.sqlite import insert
    return insert


def answer_turn_sqlite(
    db: Any,
    conversation_id: str,
    events: Sequence[dict[str, Any]],
    state: str,
    client_message_id: str | None,
    response_of: Any,
) -> tuple[dict[str, Any], list[dict[str, Any]] | None]:
    """``answer_turn`` for SQLite as one synchronous transaction on a ``sqlite3`` connection.

    Run on the connection's own thread, it holds the store for the statements'
    time only, not for a trip through the event loop per statement. The rows are
    written as SQLAlchemy writes them (the same text formats), so the ORM reads them.
    """
    if db.in_transaction:  # never expected: a unit of work left one open on this connection
        db.rollback()
    db.execute("BEGIN IMMEDIATE")
    try:
        if client_message_id:
            done = db.execute("SELECT response FROM turn_records WHERE conversation_id = ? AND client_message_id = ?",
                              (conversation_id, client_message_id)).fetchone()
            if done is not None:
                db.rollback()
                return json.loads(done[0]), None
        now = utcnow()
        stamp = _sqlite_stamp(now)
        n = len(events)
        row = db.execute("UPDATE conversations SET last_seq = last_seq + ?, updated_at = ? WHERE id = ? AND state = ? "
                         "RETURNING last_seq", (n, stamp, conversation_id, state)).fetchone()
        if row is None:
            db.rollback()
            return {}, None
        first = row[0] - n + 1
        db.executemany(
            "INSERT INTO events (conversation_id, seq, type, author, text, data, at) VALUES (?, ?, ?, ?, ?, ?, ?)",
            [(conversation_id, first + i, ev["type"], ev["author"], ev.get("text"), json.dumps(ev.get("data") or {}),
              stamp) for i, ev in enumerate(events)],
        )
        response = response_of(first)
        if client_message_id:
            db.execute("INSERT INTO turn_records (conversation_id, client_message_id, response) VALUES (?, ?, ?)",
                       (conversation_id, client_message_id, json.dumps(response)))
        db.commit()
    except BaseException:
        db.rollback()
        raise
    return response, [_row_dict(conversation_id, first + i, ev, now) for i, ev in enumerate(events)]
