"""What every view needs: the caller, a validated body, the services."""
from __future__ import annotations

import asyncio
import json
from contextlib import suppress
from typing import Any, TypeVar

from aiohttp import WSCloseCode, web
from pydantic import BaseModel, ValidationError

from assistant import keys
from assistant.auth import ANONYMOUS, Principal
from assistant.errors import InvalidJson, Unauthorized, ValidationFailed
from assistant.services import Services

M = TypeVar("M", bound=BaseModel)


def services(request: web.Request) -> Services:
    return request.app[keys.services]


def bearer(request: web.Request, allow_query: bool = False) -> str | None:
    header = request.headers.get("Authorization", "")
    if header[:7].lower() == "bearer ":
        return header[7:].strip() or None
    if allow_query:
        return request.query.get("token") or None
    return None


async def caller(request: web.Request, *, allow_query: bool = False) -> Principal:
    if keys.principal not in request:
        svc = services(request)
        request[keys.principal] = await svc.auth.authenticate(svc.db.session, bearer(request, allow_query))
    return request[keys.principal]


async def require(request: web.Request, *roles: str, allow_query: bool = False) -> Principal:
    """The authenticated caller, who must hold one of ``roles`` (admin holds all)."""
    who = await caller(request, allow_query=allow_query)
    if who is ANONYMOUS:
        raise Unauthorized("a bearer token is required")
    if roles:
        who.require(*roles)
    return who


SOCKET_RECHECK_S = 30.0  # how often an open socket's issued token is checked again


async def live_socket(request: web.Request) -> web.WebSocketResponse:
    """A WebSocket opened on ``request`` (a heartbeat every 25 s), known to the app so that a stop closes it with
    "going away" (1001) at once: its client reconnects, to another worker or to this one restarted, rather than
    waiting on a socket that no longer answers."""
    ws = web.WebSocketResponse(heartbeat=25)
    await ws.prepare(request)
    request.app[keys.sockets].add(ws)
    return ws


async def close_sockets(app: web.Application) -> None:
    """On a stop (SIGTERM, Ctrl+C): every live socket closed with "going away" (1001), all at once, and the stop not
    held up beyond ``_CLOSING_S`` by a client that does not answer."""
    closing = [ws.close(code=WSCloseCode.GOING_AWAY, message=b"server_stopping")
               for ws in list(app[keys.sockets]) if not ws.closed]
    if closing:
        with suppress(asyncio.TimeoutError):
            await asyncio.wait_for(asyncio.gather(*closing, return_exceptions=True), _CLOSING_S)


_CLOSING_S = 2.0


async def close_when_lapsed(ws: web.WebSocketResponse, request: web.Request) -> None:
    """Closes ``ws`` (4401) once the issued role token it was opened with is revoked or expires: checked every
    ``SOCKET_RECHECK_S``. The admin's token and conversation tokens do not lapse; a database that does not answer
    keeps the socket open until the next check."""
    token = bearer(request, allow_query=True)
    svc = services(request)
    if not token or not svc.auth.may_lapse(token):
        return
    while not ws.closed:
        await asyncio.sleep(SOCKET_RECHECK_S)
        try:
            await svc.auth.authenticate(svc.db.session, token)
        except Unauthorized as exc:
            await ws.close(code=4401, message=exc.code.encode())
            return
        except Exception:  # noqa: BLE001,S112 - the store restarting is not the token's fault
            continue


_DEPTH = 64  # arrays and objects within each other: far more than any body of the API has


def loads(raw: str | bytes) -> Any:
    """``raw`` as JSON; ValueError when it is not, or when it nests arrays and objects deeper than ``_DEPTH``
    (``[[[[…]]]]`` a hundred thousand deep would exhaust the parser's recursion, a server error for bad input)."""
    try:
        data = json.loads(raw)
    except RecursionError:
        raise ValueError(f"nested more than {_DEPTH} levels deep") from None
    stack = [(data, 1)] if isinstance(data, (dict, list)) else []
    while stack:  # the containers only
        value, depth = stack.pop()
        if depth > _DEPTH:
            raise ValueError(f"nested more than {_DEPTH} levels deep")
        stack.extend((v, depth + 1) for v in (value.values() if isinstance(value, dict) else value)
                         if isinstance(v, (dict, list)))
    return data


async def parse(request: web.Request, model: type[M]) -> M:
    raw = await request.read()
    try:
        data = loads(raw) if raw else None
    except ValueError as exc:  # UnicodeDecodeError and json.JSONDecodeError are ValueErrors
        raise InvalidJson(f"the body is not valid JSON: {exc}") from None
    if not isinstance(data, dict):
        raise InvalidJson("the body must be a JSON object")
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        details = [
            {"field": ".".join(str(p) for p in e["loc"]), "problem": e["msg"]} for e in exc.errors(include_input=False)
        ]
        first = details[0]
        raise ValidationFailed(f"{first['field'] or 'body'}: {first['problem']}", details=details) from None


def ok(data: Any, status: int = 200) -> web.Response:
    return web.json_response(data, status=status, dumps=lambda o: json.dumps(o, ensure_ascii=False))


def int_query(request: web.Request, name: str, default: int, lo: int = 0, hi: int = 10**12) -> int:
    raw = request.query.get(name)
    if raw is None or raw == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ValidationFailed(f"{name} must be an integer") from None
    if not lo <= value <= hi:
        raise ValidationFailed(f"{name} must be between {lo} and {hi}")
    return value
