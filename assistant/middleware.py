"""Request ids, authentication, metrics and the one error shape."""
from __future__ import annotations

import itertools
import os
import time
from collections.abc import Awaitable, Callable

import structlog
from aiohttp import web
from prometheus_client import CollectorRegistry, Counter, Histogram

from assistant import keys
from assistant.errors import TandemError

log = structlog.get_logger("tandem.http")
Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]

_HTTP_CODES = {
    400: "bad_request", 401: "unauthorized", 403: "forbidden", 404: "not_found", 405: "method_not_allowed",
    409: "conflict", 413: "payload_too_large", 415: "unsupported_media_type", 422: "validation_failed",
    429: "rate_limited",
}


def error_body(status: int, code: str, message: str, request_id: str, details: object = None) -> dict:
    err: dict = {"code": code, "message": message}
    if details is not None:
        err["details"] = details
    return {"error": err, "request_id": request_id}


class Metrics:
    def __init__(self) -> None:
        self.registry = CollectorRegistry()
        self.requests = Counter("tandem_http_requests", "HTTP requests", ["route", "method", "status"], registry=self.registry)
        self.latency = Histogram(
            "tandem_http_request_seconds", "HTTP request latency", ["route", "method"], registry=self.registry,
            buckets=(0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5),
        )
        self.turns = Counter("tandem_turns", "Conversation turns by bot action", ["action"], registry=self.registry)
        self.handoffs = Counter("tandem_handoffs", "Handoffs opened by reason", ["reason"], registry=self.registry)


# Request ids: this process's random prefix and a counter (16 hex digits). Unique across workers and
# restarts without a system call a request (uuid4 read os.urandom: ~5 % of a webhook call's server time).
def id_prefix(random: bytes) -> str:
    """Eight hex digits from four random bytes, the first a letter (a-f): an id of digits only could read
    as a card number in the logs (a prefix of digits, then a counter without letters, Luhn-valid by chance)."""
    return "abcdef"[random[0] % 6] + random.hex()[1:]


_ID_PREFIX = id_prefix(os.urandom(4))
_ID_COUNTER = itertools.count(1)


def _new_request_id() -> str:
    return f"{_ID_PREFIX}{next(_ID_COUNTER) & 0xFFFFFFFF:08x}"


@web.middleware
async def request_context(request: web.Request, handler: Handler) -> web.StreamResponse:
    request_id = request.headers.get("X-Request-Id") or _new_request_id()
    request_id = request_id[:64]
    request[keys.request_id] = request_id
    structlog.contextvars.clear_contextvars()
    structlog.contextvars.bind_contextvars(request_id=request_id)
    started = time.perf_counter()
    status = 500
    try:
        response = await _render_errors(request, handler, request_id)
        status = response.status
        response.headers["X-Request-Id"] = request_id
        return response
    finally:
        metrics = request.app[keys.metrics]
        route = request.match_info.route.resource.canonical if request.match_info.route.resource else "unmatched"
        metrics.requests.labels(route, request.method, str(status)).inc()
        metrics.latency.labels(route, request.method).observe(time.perf_counter() - started)


async def _render_errors(request: web.Request, handler: Handler, request_id: str) -> web.StreamResponse:
    try:
        return await handler(request)
    except TandemError as exc:
        if exc.status >= 500:
            log.error("request.failed", path=request.path, code=exc.code, error=exc.message)
        return web.json_response(error_body(exc.status, exc.code, exc.message, request_id, exc.details), status=exc.status)
    except web.HTTPException as exc:
        if exc.status < 400:
            raise
        code = _HTTP_CODES.get(exc.status, "http_error")
        message = exc.reason if exc.status != 413 else "the request body is too large"
        return web.json_response(error_body(exc.status, code, message, request_id), status=exc.status,
                                 headers={k: v for k, v in exc.headers.items() if k.lower() == "allow"})
    except Exception:
        log.exception("request.crashed", path=request.path, method=request.method)
        return web.json_response(
            error_body(500, "internal_error", "the server failed; the request id helps find out why", request_id),
            status=500,
        )
