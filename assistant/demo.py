"""The demo knowledge base and customers, loaded into a fresh data dir."""
from __future__ import annotations

import json
from pathlib import Path

import structlog

from assistant.models import Setting
from assistant.services import Services
from knowledge.base import DocumentIn

log = structlog.get_logger("tandem.demo")


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
    for c in customers:
        events = c.pop("events", [])
        cid = c.pop("id")
        await svc.customers.upsert(cid, c)
        if events:
            from datetime import datetime

            for e in events:
                if e.get("at"):
                    e["at"] = datetime.fromisoformat(e["at"].replace("Z", "+00:00"))
            await svc.customers.add_events(cid, events)
    async with svc.db.session() as s:
        s.add(Setting(key="demo_loaded", value="1"))
    await svc.knowledge.settled()  # the first customers are answered as every later one will be
    log.info("demo.loaded", documents=len(docs), customers=len(customers))
    return True
