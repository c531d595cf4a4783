"""Typed application keys: where create_app puts what it built."""
from __future__ import annotations

import weakref
from typing import TYPE_CHECKING

from aiohttp import web

if TYPE_CHECKING:
    from assistant.middleware import Metrics
    from assistant.services import Services

from assistant.auth import Principal
from assistant.config import Config

config = web.AppKey("config", Config)
metrics: web.AppKey["Metrics"] = web.AppKey("metrics")
services: web.AppKey["Services"] = web.AppKey("services")
request_id = web.RequestKey("request_id", str)
principal = web.RequestKey("principal", Principal)
# the live sockets open on this process: told "going away" (1001) when it stops, so clients reconnect at once
sockets: web.AppKey["weakref.WeakSet[web.WebSocketResponse]"] = web.AppKey("sockets")
