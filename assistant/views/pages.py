"""The three pages, served as static files by this same server."""
from __future__ import annotations

from pathlib import Path

from aiohttp import web

STATIC = Path(__file__).resolve().parents[1] / "static"

_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'self'; connect-src 'self' ws: wss:; img-src 'self' data:; "
        "style-src 'self' 'unsafe-inline'; script-src 'self'; frame-ancestors 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
}


def page(name: str):  # type: ignore[no-untyped-def]
    async def handler(request: web.Request) -> web.FileResponse:
        return web.FileResponse(STATIC / f"{name}.html", headers=_HEADERS)

    handler.__name__ = f"page_{name}"
    return handler


async def index(request: web.Request) -> web.Response:
    raise web.HTTPFound("/chat")
