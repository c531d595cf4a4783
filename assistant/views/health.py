"""Liveness, Prometheus metrics, the OpenAPI document, and issuing tokens."""
from __future__ import annotations

from aiohttp import web
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest

from assistant import keys
from assistant.errors import Unavailable
from assistant.openapi import openapi_document
from assistant.schemas import TokenRequest
from assistant.views.common import ok, parse, require, services


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
        token = await svc.auth.issue(s, body.subject, list(body.roles))
    return ok({"token": token, "subject": body.subject, "roles": sorted(set(body.roles))}, status=201)
