"""The Rasa action server protocol (rasa-sdk), on Tandem's own server.

Keeps Rasa's own replies: 400 on a rejected action or a bad body, 404 for an
unknown action, 449 when the domain is missing; deflate bodies are accepted.
"""
from __future__ import annotations

import hmac
import zlib

from aiohttp import web
from rasa_sdk.interfaces import ActionExecutionRejection, ActionMissingDomainException, ActionNotFoundException

from assistant import keys
from assistant.views.common import loads


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
