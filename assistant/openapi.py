"""The OpenAPI 3.1 document, built from the route table and the request models."""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

_ERROR = {
    "type": "object",
    "required": ["error", "request_id"],
    "properties": {
        "error": {"type": "object", "required": ["code", "message"],
                  "properties": {"code": {"type": "string"}, "message": {"type": "string"}}},
        "request_id": {"type": "string"},
    },
}


@lru_cache(maxsize=1)
def openapi_document() -> dict[str, Any]:
    from assistant.routes import ROUTES

    paths: dict[str, dict[str, Any]] = {}
    schemas: dict[str, Any] = {"Error": _ERROR}
    for r in ROUTES:
        if not r.document:
            continue
        op: dict[str, Any] = {
            "summary": r.summary,
            "operationId": f"{r.method.lower()}_{re.sub(r'[^a-z0-9]+', '_', r.path.lower()).strip('_')}",
            "x-auth": r.auth,
            "responses": {
                str(r.status): {"description": "success"} if r.status == 204 else
                {"description": "success", "content": {"application/json": {"schema": {}}}},
                "default": {"description": "error",
                            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
            },
        }
        if r.websocket:
            op["description"] = "WebSocket upgrade; the token may be given as ?token=."
        params = [
            {"name": name, "in": "path", "required": True, "schema": {"type": "string", "minLength": 1}}
            for name in re.findall(r"{(\w+)}", r.path)
        ]
        if r.path.startswith("/v1/conversations/{") and r.path.endswith(("/events", "/stream")):
            params.append({"name": "after", "in": "query", "schema": {"type": "integer", "minimum": 0}})
        if r.path == "/v1/conversations/{conversation_id}/events":  # a page of at most limit events; has_more and
            # next_after say what follows
            params.append({"name": "limit", "in": "query",
                           "schema": {"type": "integer", "minimum": 1, "maximum": 1000, "default": 500}})
        if r.path == "/v1/handoffs":
            params.append({"name": "status", "in": "query", "schema": {"enum": ["waiting", "active", "closed"]}})
        if r.path == "/v1/handoffs/{handoff_id}" and r.method == "GET":  # the summary's language
            params.append({"name": "lang", "in": "query", "schema": {"enum": ["en", "fr"]}})
        if r.path in ("/v1/escalations", "/v1/kpis"):
            for name in ("since", "until"):
                params.append({"name": name, "in": "query", "schema": {"type": "string", "format": "date-time"}})
        if r.path == "/v1/escalations":
            params.append({"name": "format", "in": "query", "schema": {"enum": ["json", "csv"]}})
            params.append({"name": "reason", "in": "query", "schema": {"type": "string"}})
        if params:
            op["parameters"] = params
        if r.auth != "public":
            op["security"] = [{"bearer": []}]
        if r.body is not None:
            schema = r.body.model_json_schema(ref_template="#/components/schemas/{model}")
            for name, sub in schema.pop("$defs", {}).items():
                schemas[name] = sub
            schemas[r.body.__name__] = schema
            op["requestBody"] = {"required": True, "content": {"application/json": {
                "schema": {"$ref": f"#/components/schemas/{r.body.__name__}"}}}}
        paths.setdefault(r.path, {})[r.method.lower()] = op
    return {
        "openapi": "3.1.0",
        "info": {"title": "Tandem", "version": "0.1.0",
                 "description": "Conversational agent-assist and chatbot backend."},
        "paths": paths,
        "components": {"schemas": schemas,
                       "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}}},
    }
