"""Liveness, Prometheus metrics, the OpenAPI document, and issuing, listing and revoking tokens."""
from __future__ import annotations

from typing import Any

from aiohttp import web
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest

from assistant import keys
from assistant.errors import NotFound, Unavailable
from assistant.models import ApiToken
from assistant.openapi import openapi_document
from assistant.schemas import TokenRequest
from assistant.views.common import ok, parse, require, services
from handoff.models import iso


async def healthz(request: web.Request) -> web.Response:
    svc = request.app.get(keys.services)
    if svc is None or not svc.knowledge.ready:
        raise Unavailable("loading the model and the index", code="not_ready")
    return ok({"status": "ok", "documents": svc.knowledge.size, "encoder": svc.knowledge.encoder.name,
               "layer": svc.knowledge.layer_state})


async def metrics(request: web.Request) -> web.Response:
    body = generate_latest(request.app[keys.metrics].registry)
    return web.Response(body=body, headers={"Content-Type": CONTENT_TYPE_LATEST})


async def openapi(request: web.Request) -> web.Response:
    return ok(openapi_document())


async def whoami(request: web.Request) -> web.Response:
    who = await require(request)
    return ok({"subject": who.subject, "roles": sorted(who.roles), "conversation_id": who.conversation_id})


async def issue_token(request: web.Request) -> web.Response:
    await require(request, "admin")
    body = await parse(request, TokenRequest)
    svc = services(request)
    async with svc.db.session() as s:
        token, row = await svc.auth.issue(s, body.subject, list(body.roles), body.ttl_s)
    return ok({"token": token, **_described(row)}, status=201)


async def list_tokens(request: web.Request) -> web.Response:
    await require(request, "admin")
    svc = services(request)
    async with svc.db.session() as s:
        rows = await svc.auth.issued(s)
    return ok({"tokens": [_described(r) for r in rows]})


async def revoke_token(request: web.Request) -> web.Response:
    await require(request, "admin")
    svc = services(request)
    if not await svc.auth.revoke(svc.db.session, request.match_info["token_id"]):
        raise NotFound("no such token", code="token_not_found")
    return web.Response(status=204)


def _described(row: ApiToken) -> dict[str, Any]:
    """An issued token as an admin sees it: never the secret, only its hash as its id."""
    return {"id": row.token_hash, "subject": row.subject, "roles": list(row.roles),
            "created_at": iso(row.created_at), "expires_at": iso(row.expires_at)}

