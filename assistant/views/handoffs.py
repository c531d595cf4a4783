"""The agents' side: the queue, the handoff packet, accept, reply, close, and the live stream."""
from __future__ import annotations

import asyncio
from typing import Any

from aiohttp import WSMsgType, web

from assistant.errors import Conflict, Forbidden, NotFound, TandemError, ValidationFailed
from assistant.pii import redact_payment_data
from handoff.packet import staff_text
from assistant.schemas import ActionFeedbackIn, AgentMessageIn, CloseIn
from assistant.views.chat import is_upgrade, refuse_websocket
from assistant.views.common import close_when_lapsed, live_socket, ok, parse, require, services
from handoff.bus import AGENTS_TOPIC
from handoff.conversations import event_dict
from handoff.models import iso
from handoff.service import HandoffError

_STATUSES = ("waiting", "active", "closed")
_ERRORS = {"not_found": NotFound, "conflict": Conflict, "forbidden": Forbidden}


def _raise(exc: HandoffError) -> None:
    cls = _ERRORS.get(exc.kind, Conflict)
    raise cls(str(exc), code=f"handoff_{exc.kind}") from None


async def list_handoffs(request: web.Request) -> web.Response:
    await require(request, "agent", "supervisor")
    status = request.query.get("status") or None
    if status is not None and status not in _STATUSES:
        raise ValidationFailed("status must be waiting, active or closed")
    return ok({"handoffs": await services(request).handoffs.list(status)})


async def get_handoff(request: web.Request) -> web.Response:
    await require(request, "agent", "supervisor")
    language = request.query.get("lang") or None  # the summary in the console's language
    if language not in (None, "en", "fr"):
        raise ValidationFailed("lang must be en or fr")
    return ok(await services(request).assist.packet(request.match_info["handoff_id"], language))


async def accept(request: web.Request) -> web.Response:
    who = await require(request, "agent")
    try:
        h = await services(request).handoffs.accept(request.match_info["handoff_id"], who.subject)
    except HandoffError as exc:
        _raise(exc)
    return ok({"id": h.id, "status": h.status, "agent": h.agent, "conversation_id": h.conversation_id,
               "accepted_at": iso(h.accepted_at)})


async def agent_message(request: web.Request) -> web.Response:
    who = await require(request, "agent")
    body = await parse(request, AgentMessageIn)
    try:
        ev = await services(request).handoffs.say(request.match_info["handoff_id"], who.subject, body.text,
                                                  is_admin=who.is_admin)
    except HandoffError as exc:
        _raise(exc)
    return ok({"seq": ev.seq, "event": event_dict(ev)})


async def close(request: web.Request) -> web.Response:
    who = await require(request, "agent")
    body = await parse(request, CloseIn)
    svc = services(request)
    handoff_id = request.match_info["handoff_id"]
    try:
        text, sources, offered = None, None, False
        if body.outcome == "handback":
            h = await svc.handoffs.get(handoff_id)
            # with an answer to a question the customer asked last, which the advisor left unanswered
            text, sources, offered = await svc.dialogue.handback(h.conversation_id, h.language, h.customer_id,
                                                                 unanswered=h.status == "waiting")
        h = await svc.handoffs.close(handoff_id, who.subject, body.outcome, body.note, is_admin=who.is_admin,
                                     handback_text=text, handback_sources=sources, handback_offers=offered)
    except HandoffError as exc:
        _raise(exc)
    return ok({"id": h.id, "status": h.status, "outcome": h.outcome, "conversation_id": h.conversation_id})


async def release(request: web.Request) -> web.Response:
    """The conversation back in the queue: its advisor (or, for anyone's, a supervisor) releases it."""
    who = await require(request, "agent", "supervisor")
    svc = services(request)
    handoff_id = request.match_info["handoff_id"]
    try:
        h = await svc.handoffs.get(handoff_id)
        text = await svc.dialogue.released_text(h.language, h.customer_id, h.conversation_id)
        h = await svc.handoffs.release(handoff_id, who.subject, any_owner=who.is_admin or "supervisor" in who.roles,
                                       text=text)
    except HandoffError as exc:
        _raise(exc)
    return ok({"id": h.id, "status": h.status, "agent": h.agent, "conversation_id": h.conversation_id})


async def action_feedback(request: web.Request) -> web.Response:
    """An agent used (accepted) or dismissed a suggested action: ranking learns from it."""
    who = await require(request, "agent")
    body = await parse(request, ActionFeedbackIn)
    return ok(await services(request).assist.feedback(request.match_info["handoff_id"], request.match_info["action_id"],
                                                      body.outcome, who.subject, is_admin=who.is_admin))


async def list_actions(request: web.Request) -> web.Response:
    """The next-best-action catalogue: what agents (and the bot) may suggest, and to whom."""
    await require(request, "agent", "supervisor")
    cat = services(request).assist.catalogue
    return ok({"actions": [
        {"id": a.id, "kind": a.kind, "title": a.title, "description": a.description, "when": a.when.source,
         "value": a.value, "product": a.product, "requires": a.requires, "cooldown_days": a.cooldown_days,
         "bot": a.bot}
        for a in cat.actions
    ]})


async def agents_stream(request: web.Request) -> web.WebSocketResponse:
    """The queue on connect, then every queue change and conversation event live.

    Presence: an agent is online while this socket is open. ``?languages=fr,en``
    declares the agent's skills for routing.
    """
    try:
        who = await require(request, "agent", allow_query=True)
    except TandemError as exc:
        if is_upgrade(request):
            return await refuse_websocket(request, exc)
        raise
    svc = services(request)
    skills = frozenset(x for x in request.query.get("languages", "").split(",") if x)
    ws = await live_socket(request)
    svc.presence.connect(who.subject, skills)
    await svc.bus.publish(AGENTS_TOPIC, {"kind": "presence", "agents_online": svc.presence.online()})
    try:
        async with svc.bus.subscribe(AGENTS_TOPIC) as queue:
            await ws.send_json({"kind": "queue", "handoffs": await svc.handoffs.list("waiting"),
                                "active": await svc.handoffs.list("active"), "agents_online": svc.presence.online()})
            sender = asyncio.create_task(_forward(ws, queue))
            lapse = asyncio.create_task(close_when_lapsed(ws, request))
            try:
                async for msg in ws:
                    if msg.type == WSMsgType.ERROR:
                        break
            finally:
                sender.cancel()
                lapse.cancel()
    finally:
        svc.presence.disconnect(who.subject)
        await svc.bus.publish(AGENTS_TOPIC, {"kind": "presence", "agents_online": svc.presence.online()})
        if who.subject not in svc.presence.online():  # gone for good unless a console opens again soon

            async def told(h: Any) -> str:
                return await svc.dialogue.released_text(h.language, h.customer_id, h.conversation_id)

            svc.handoffs.release_when_gone(who.subject, told)
    return ws


async def _forward(ws: web.WebSocketResponse, queue: asyncio.Queue[dict[str, Any]]) -> None:
    while not ws.closed:
        frame = await queue.get()
        if frame.get("events"):
            frame = {**frame, "events": [{**e, "text": staff_text(e, redact_payment_data)} if e.get("text") else e
                                         for e in frame["events"]]}
        await ws.send_json(frame)
