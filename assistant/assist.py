"""Agent assist: the handoff packet, with ranked suggestions an agent can use in one click."""
from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractAsyncContextManager
from typing import Any

from sqlmodel.ext.asyncio.session import AsyncSession

from assistant.errors import NotFound
from assistant.pii import redact
from assistant.profile import CustomerService
from handoff.conversations import event_dict, get_conversation, list_events
from handoff.packet import build_packet
from handoff.service import HandoffError, HandoffService
from knowledge.base import KnowledgeBase

SessionFactory = Callable[[], AbstractAsyncContextManager[AsyncSession]]


class AgentAssist:
    def __init__(self, sessions: SessionFactory, handoffs: HandoffService, customers: CustomerService,
                 knowledge: KnowledgeBase) -> None:
        self._sessions = sessions
        self._handoffs = handoffs
        self._customers = customers
        self._kb = knowledge

    async def packet(self, handoff_id: str) -> dict[str, Any]:
        try:
            h = await self._handoffs.get(handoff_id)
        except HandoffError as exc:
            raise NotFound(str(exc), code="handoff_not_found") from exc
        async with self._sessions() as s:
            conv = await get_conversation(s, h.conversation_id)
            events = [event_dict(e) for e in await list_events(s, h.conversation_id, 0, limit=1000)]
        customer = await self._customers.view(h.customer_id) if h.customer_id else None
        suggestions = await self.suggestions(events)
        return build_packet(
            h, events=events, state=conv.state if conv else "closed", customer=customer,
            suggestions=suggestions, mask=redact,
        )

    async def suggestions(self, events: list[dict[str, Any]], k: int = 5) -> list[dict[str, Any]]:
        """The knowledge most relevant to what the customer said, as articles and ready replies."""
        said = [e["text"] for e in events if e.get("type") == "customer_message" and e.get("text")]
        if not said or self._kb.size == 0:
            return []
        query = " ".join(said[-3:])
        result = await self._kb.search(query, k=k)
        out: list[dict[str, Any]] = []
        for rank, hit in enumerate(result.hits, 1):
            doc = self._kb.document(hit.document_id)
            why = f"closest knowledge to the customer's words (\u201c{redact(hit.matched)[:80]}\u201d, score {hit.score:.2f})"
            out.append({"id": f"article:{hit.document_id}", "kind": "article", "title": hit.title,
                        "score": hit.score, "why": why, "document_id": hit.document_id, "rank": rank})
            if doc is not None and rank <= 3:
                out.append({"id": f"reply:{hit.document_id}", "kind": "reply", "title": f"Reply: {hit.title}",
                            "score": round(hit.score * 0.98, 4), "why": f"ready answer from \u201c{hit.title}\u201d",
                            "text": doc.text, "document_id": hit.document_id})
        out.sort(key=lambda x: -x["score"])
        return out
