"""The Rasa action server protocol (rasa-sdk), on Tandem's own server.

Keeps Rasa's own replies: 400 on a rejected action or a bad body, 404 for an
unknown action, 449 when the domain is missing; deflate bodies are accepted.
"""
from __future__ import annotations

import hmac
import zlib

import structlog
from aiohttp import web
from rasa_sdk.interfaces import ActionExecutionRejection, ActionMissingDomainException, ActionNotFoundException

from assistant import keys
from assistant.views.common import loads


_LOOPBACK = ("127.", "::1", "::ffff:127.")
_log = structlog.get_logger("tandem.rasa")


def _names_customers(request: web.Request) -> bool:
    """Whether a call may bind its conversation to the customer its ``customer_id`` slot names (whose profile,
    history and transactions the answers then use): with ``[auth] rasa_token`` set (and given, or the call
    is refused before), or, left unset, from Rasa on this same machine: loopback, and not relayed by a proxy. Any
    other caller of an open /webhook could otherwise read anyone's file by naming them."""
    if request.app[keys.services].config.auth.rasa_token:
        return True
    relayed = any(h in request.headers for h in ("X-Forwarded-For", "Forwarded", "X-Real-IP"))
    return not relayed and (request.remote or "").startswith(_LOOPBACK)


def _authorised(request: web.Request) -> bool:
    """With ``[auth] rasa_token`` set, the call carries it: ``?token=`` (what Rasa sends) or a bearer."""
    expected = request.app[keys.services].config.auth.rasa_token
    if not expected:
        return True
    header = request.headers.get("Authorization", "")
    given = request.query.get("token") or (header[7:] if header.lower().startswith("bearer ") else "")
    return hmac.compare_digest(given.encode(), expected.encode())


async def webhook(request: web.Request) -> web.Response:
    if not _authorised(request):
        return web.json_response({"error": "Invalid or missing token"}, status=401)
    raw = await request.read()
    if request.headers.get("Content-Encoding") == "deflate" and raw[:1] not in (b"{", b"["):
        try:  # aiohttp usually inflates the body already; a raw deflate stream is inflated here
            raw = zlib.decompress(raw)
        except zlib.error:
            pass
    try:
        action_call = loads(raw) if raw else None
    except ValueError:
        action_call = None
    if not isinstance(action_call, dict) or ("next_action" in action_call and not isinstance(action_call.get("tracker"), dict)):
        return web.json_response({"error": "Invalid body request"}, status=400)
    tracker = action_call.get("tracker")
    slots = tracker.get("slots") if isinstance(tracker, dict) else None
    if isinstance(slots, dict) and slots.get("customer_id") is not None and not _names_customers(request):
        slots.pop("customer_id")  # an anonymous conversation: the default experience, no one's file
        _log.warning("rasa.customer_id_ignored", remote=request.remote,
                     hint="set [auth] rasa_token (TANDEM_AUTH__RASA_TOKEN) and the same token in Rasa's endpoints.yml")
    executor = request.app[keys.services].rasa
    try:
        result = await executor.run(action_call)
    except ActionExecutionRejection as e:
        return web.json_response({"error": e.message, "action_name": e.action_name}, status=400)
    except ActionNotFoundException as e:
        return web.json_response({"error": e.message, "action_name": e.action_name}, status=404)
    except ActionMissingDomainException as e:
        return web.json_response({"error": e.message, "action_name": e.action_name}, status=449)
    return web.json_response(result.model_dump() if result else None)


async def actions(request: web.Request) -> web.Response:
    executor = request.app[keys.services].rasa
    return web.json_response([a.model_dump() for a in executor.list_actions()])
