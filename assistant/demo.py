"""The demo knowledge base and customers, loaded into a fresh data dir."""
from __future__ import annotations

import json
import re
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import structlog

from assistant.models import Setting
from assistant.services import Services
from handoff.models import as_utc
from knowledge.base import DocumentIn

log = structlog.get_logger("tandem.demo")


async def holds_demo(svc: Services) -> bool:
    """Whether the store was ever loaded with the demo (its customers are the demo company's)."""
    async with svc.db.session() as s:
        return await s.get(Setting, "demo_loaded") is not None


async def load_demo(svc: Services, folder: Path) -> bool:
    """Load once per store; a store that ever held demo data, or any document, is left alone."""
    async with svc.db.session() as s:
        if await s.get(Setting, "demo_loaded") is not None:
            return False
    if svc.knowledge.size:
        return False
    docs = json.loads((folder / "knowledge.json").read_text(encoding="utf-8"))["documents"]
    await svc.knowledge.upsert([
        DocumentIn(id=d["id"], title=d["title"], text=d["text"], questions=tuple(d.get("questions", ())),
                   language=d.get("language"), tags=tuple(d.get("tags", ())))
        for d in docs
    ])
    customers = json.loads((folder / "customers.json").read_text(encoding="utf-8"))["customers"]
    as_of_now(customers, datetime.now(timezone.utc))
    for c in customers:
        events = c.pop("events", [])
        cid = c.pop("id")
        await svc.customers.upsert(cid, c)
        if events:
            await svc.customers.add_events(cid, events)
    async with svc.db.session() as s:
        s.add(Setting(key="demo_loaded", value="1"))
    await svc.knowledge.settled()  # the first customers are answered as every later one will be
    log.info("demo.loaded", documents=len(docs), customers=len(customers))
    return True


_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
DEMO_LAG = timedelta(days=1)  # the demo's latest events (Tom's card declined at his hotel) were yesterday


def as_of_now(customers: list[dict[str, Any]], now: datetime) -> None:
    """The demo customers' events moved by whole days so that the latest happened ``DEMO_LAG`` before
    ``now``, their dates ("return_date") with them: a trip under way stays under way, a payment declined
    last week stays recent, and rules such as ``recent("trip", 60)`` read the demo as written."""
    events = [e for c in customers for e in c.get("events", ()) if e.get("at")]
    for e in events:
        e["at"] = as_utc(datetime.fromisoformat(e["at"].replace("Z", "+00:00")))
    if not events:
        return
    shift = timedelta(days=((now - DEMO_LAG).date() - max(e["at"] for e in events).date()).days)
    if shift <= timedelta(0):
        return
    for e in events:
        e["at"] += shift
        data = e.get("data")
        for key, value in (data or {}).items():
            if isinstance(value, str) and _DAY.match(value):
                data[key] = (date.fromisoformat(value) + shift).isoformat()
