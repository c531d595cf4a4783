"""The customer side: conversations, messages, events, the live stream, resume."""
from __future__ import annotations

import asyncio
import re
from collections.abc import Callable
from typing import Any

import structlog
from aiohttp import WSMsgType, web
from pydantic import ValidationError

from assistant import keys
from assistant.dialogue import ERASED
from assistant.errors import TandemError, Unauthorized
from assistant.schemas import ConversationIn, MessageIn, ResumeIn
from assistant.views.common import (caller, close_when_lapsed, int_query, live_socket, loads, ok, parse, require,
                                    services)
from handoff.bus import conversation_topic
from assistant.auth import Principal
from assistant.pii import redact_payment_data
from handoff.packet import staff_text
from handoff.conversations import event_dict, get_conversation, list_events, public_event

log = structlog.get_logger("tandem.chat")


def projection(who: Principal) -> Callable[[dict[str, Any]], dict[str, Any]]:
    """Staff see every field with personal data masked; the customer sees the public view."""
    if who.has("agent", "supervisor"):
        return lambda e: {**e, "text": staff_text(e, redact_payment_data)} if e.get("text") else e
    return public_event


def is_upgrade(request: web.Request) -> bool:
    return request.headers.get("Upgrade", "").lower() == "websocket"


async def refuse_websocket(request: web.Request, exc: TandemError) -> web.WebSocketResponse:
    """Browsers cannot read an HTTP status before an upgrade: upgrade, then close with 4000+status."""
    ws = web.WebSocketResponse()
    await ws.prepare(request)
    await ws.close(code=4000 + exc.status, message=exc.code.encode()[:120])
    return ws


async def create_conversation(request: web.Request) -> web.Response:
    who = await caller(request)
    body = await parse(request, ConversationIn)
    svc = services(request)
    customer_id = None
    if body.customer_assertion:
        customer_id = svc.auth.signer.read_customer_assertion(
            body.customer_assertion, svc.config.auth.assertion_max_age_s
        )
        if customer_id is None:
            raise Unauthorized("the customer assertion is invalid or expired", code="invalid_customer_assertion")
    elif body.customer_id and who.is_admin:
        customer_id = body.customer_id
    language = re.split(r"[-_]", body.language)[0].lower() if body.language else None  # "fr-CA": French
    result = await svc.dialogue.start(channel=body.channel, customer_id=customer_id, language=language)
    return ok(result, status=201)


async def _conversation_caller(request: web.Request, allow_query: bool = False, write: bool = False) -> str:
    who = await require(request, allow_query=allow_query)
    conversation_id = request.match_info["conversation_id"]
    who.require_conversation(conversation_id, write=write)
    return conversation_id


async def post_message(request: web.Request) -> web.Response:
    conversation_id = await _conversation_caller(request, write=True)
    body = await parse(request, MessageIn)
    result = await services(request).dialogue.turn(conversation_id, body.text, body.client_message_id)
    metrics = request.app[keys.metrics]
    metrics.turns.labels((result["reply"] or {}).get("action") or "silent").inc()
    if result.get("handoff"):
        metrics.handoffs.labels(result["handoff"]["reason"]).inc()
    return ok(result)


async def get_events(request: web.Request) -> web.Response:
    conversation_id = await _conversation_caller(request)
    after = int_query(request, "after", 0)
    limit = int_query(request, "limit", 500, 1, 1000)
    svc = services(request)
    await svc.dialogue.conversation(conversation_id)
    async with svc.db.session() as s:
        events = await list_events(s, conversation_id, after, limit + 1)  # one more: whether there are more
    view = projection(await caller(request))
    more = len(events) > limit
    events = events[:limit]
    # a page: "has_more" says to ask again with after = the last seq given ("next_after")
    return ok({"events": [view(event_dict(e)) for e in events], "has_more": more,
               "next_after": events[-1].seq if events else after})


async def ask_for_agent(request: web.Request) -> web.Response:
    """The customer presses "talk to an advisor"."""
    conversation_id = await _conversation_caller(request, write=True)
    return ok(await services(request).dialogue.request_handoff(conversation_id, reason="human_request"))


async def withdraw_request(request: web.Request) -> web.Response:
    """The customer takes back a request for an advisor still waiting (a new conversation started instead)."""
    conversation_id = await _conversation_caller(request, write=True)
    return ok(await services(request).dialogue.withdraw_request(conversation_id))


async def resume(request: web.Request) -> web.Response:
    body = await parse(request, ResumeIn)
    return ok(await services(request).dialogue.resume(body.resume_token, body.channel))


async def stream(request: web.Request) -> web.WebSocketResponse:
    """Replays the events after ``after``, then sends each new one as it happens.

    The client may also send ``{"text", "client_message_id"?}`` to talk; the turn's
    events come back on this same stream.
    """
    try:
        conversation_id = await _conversation_caller(request, allow_query=True)
        after = int_query(request, "after", 0)
        svc = services(request)
        conv = await svc.dialogue.conversation(conversation_id)
    except TandemError as exc:
        if is_upgrade(request):
            return await refuse_websocket(request, exc)
        raise
    who = await caller(request, allow_query=True)
    view = projection(who)
    speaks = who.may_speak_in(conversation_id)  # staff watch a conversation; they do not talk as the customer
    ws = await live_socket(request)
    async with svc.bus.subscribe(conversation_topic(conversation_id)) as queue:
        async with svc.db.session() as s:
            # a client that claims more than was ever written (a seq of another conversation, a stale
            # cache) gets what comes next rather than silence until the count passes its number
            now = await get_conversation(s, conversation_id)
            after = min(after, now.last_seq if now is not None else conv.last_seq)
        last = await _send_stored(ws, svc, conversation_id, after, view)
        sender = asyncio.create_task(_forward(ws, svc, conversation_id, queue, last, view))
        lapse = asyncio.create_task(close_when_lapsed(ws, request))
        try:
            async for msg in ws:
                if msg.type == WSMsgType.TEXT and not speaks:
                    await ws.send_json({"type": "error", "error": {
                        "code": "forbidden", "message": "only the customer's conversation token may post messages"}})
                elif msg.type == WSMsgType.TEXT:
                    await _customer_says(ws, svc, conversation_id, msg.data)
                elif msg.type == WSMsgType.ERROR:
                    break
        finally:
            sender.cancel()
            lapse.cancel()
    return ws


_PAGE = 500  # events read from the store at a time


async def _send_stored(ws: web.WebSocketResponse, svc: Any, conversation_id: str, after: int,
                       view: Callable[[dict[str, Any]], dict[str, Any]], until: int | None = None) -> int:
    """Every stored event after ``after`` (up to ``until``), page by page, however many: the last seq sent."""
    last = after
    while not ws.closed:
        async with svc.db.session() as s:
            page = await list_events(s, conversation_id, last, limit=_PAGE)
        for ev in page:
            if until is not None and ev.seq >= until:
                return last
            await ws.send_json(view(event_dict(ev)))
            last = ev.seq
        if len(page) < _PAGE:
            break
    return last


async def _forward(ws: web.WebSocketResponse, svc: Any, conversation_id: str, queue: asyncio.Queue[dict[str, Any]],
                   last: int, view: Callable[[dict[str, Any]], dict[str, Any]]) -> None:
    while True:
        event = await queue.get()
        if event.get("type") == ERASED:  # the customer was erased: nothing more will come
            if not ws.closed:
                await ws.send_json(event)
                await ws.close(code=4410, message=b"conversation_erased")
            return
        seq = event.get("seq", 0)
        if seq <= last:
            continue  # already sent from the backlog
        if ws.closed:
            return
        if seq > last + 1:
            # events between the last sent and this one that the bus did not bring (written while the backlog was
            # read, or by another worker whose message came late): from the store, in order, first
            last = await _send_stored(ws, svc, conversation_id, last, view, until=seq)
        last = seq
        await ws.send_json(view(event))


async def _customer_says(ws: web.WebSocketResponse, svc: Any, conversation_id: str, raw: str) -> None:
    try:
        data = loads(raw)
    except ValueError:  # not JSON, or nested absurdly deep
        data = None
    cmid = data.get("client_message_id") if isinstance(data, dict) else None
    try:
        body = MessageIn.model_validate(data)
    except ValidationError:
        await ws.send_json({"type": "error", "client_message_id": cmid,
                            "error": {"code": "invalid_message", "message": "send {\"text\": …}"}})
        return
    try:
        result = await svc.dialogue.turn(conversation_id, body.text, body.client_message_id)
    except TandemError as exc:
        await ws.send_json({"type": "error", "client_message_id": cmid,
                            "error": {"code": exc.code, "message": exc.message}})
        return
    await ws.send_json({"type": "turn_result", "client_message_id": body.client_message_id, **result})


async def page_words(request: web.Request) -> web.Response:
    """The chat page's own words (tone.toml ``[page.<language>]``): what it says the chat is for, the questions it
    suggests. Public: the page shows them before any conversation."""
    return ok({"languages": services(request).dialogue.page_words()})
