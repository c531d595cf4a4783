"""Tandem's errors: typed exceptions rendered by one middleware into one JSON shape.

    {"error": {"code": "<snake_case>", "message": "<human text>"}, "request_id": "<id>"}

The tree::

    TandemError                    500 internal_error
    ├── BadRequest                 400 bad_request
    │   └── InvalidJson            400 invalid_json
    ├── Unauthorized               401 unauthorized
    ├── Forbidden                  403 forbidden
    ├── NotFound                   404 not_found
    ├── Conflict                   409 conflict
    ├── PayloadTooLarge            413 payload_too_large
    ├── ValidationFailed           422 validation_failed
    ├── TooManyRequests            429 rate_limited
    └── Unavailable                503 unavailable   (not ready, a dependency is down)

Each class carries its status and default code; raise with a specific code where
it helps a client (``NotFound("customer not found", code="customer_not_found")``).
"""
from __future__ import annotations

from typing import Any


class TandemError(Exception):
    status = 500
    code = "internal_error"

    def __init__(self, message: str, *, code: str | None = None, details: Any = None) -> None:
        super().__init__(message)
        self.message = message
        if code:
            self.code = code
        self.details = details


class BadRequest(TandemError):
    status = 400
    code = "bad_request"


class InvalidJson(BadRequest):
    code = "invalid_json"


class Unauthorized(TandemError):
    status = 401
    code = "unauthorized"


class Forbidden(TandemError):
    status = 403
    code = "forbidden"


class NotFound(TandemError):
    status = 404
    code = "not_found"


class Conflict(TandemError):
    status = 409
    code = "conflict"


class PayloadTooLarge(TandemError):
    status = 413
    code = "payload_too_large"


class ValidationFailed(TandemError):
    status = 422
    code = "validation_failed"


class TooManyRequests(TandemError):
    status = 429
    code = "rate_limited"


class Unavailable(TandemError):
    status = 503
    code = "unavailable"
