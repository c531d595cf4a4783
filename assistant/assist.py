"""Agent assist: the handoff packet, with the next best actions an agent can take in one click.

Suggestions are one ranked list: knowledge articles and ready replies found for the
customer's words, and the catalogue's services and offers (``handoff.nba``), all
scored the same way (relevance, value, the agents' acceptance rate for the segment).
"""
from __future__ import annotations

import asyncio
import time
from collections.abc import Callable, Sequence
from contextlib import AbstractAsyncContextManager
from dataclasses import replace
from datetime import datetime, timedelta
from typing import Any

import numpy as np
import structlog
from sqlalchemy import func
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from assistant.errors import Conflict, Forbidden, NotFound, ValidationFailed
from assistant.pii import redact, redact_payment_data
from assistant.profile import SENSITIVE_ATTRIBUTES, CustomerService, Profile, staff_view
from assistant.register import tutoyer
from handoff.bus import AGENTS_TOPIC, Bus
from handoff.conversations import event_dict, get_conversation, recent_events
from handoff.models import ActionFeedback, Handoff, HandoffStatus, as_utc, utcnow
from handoff.nba import (ACCEPTED, DISMISSED, OFFERED, Catalogue, Ranker, Situation, Stats, segment_of, situation,
                         taken_reasons, why_text)
from handoff.packet import build_packet, sent_documents
from handoff.service import HandoffError, HandoffService
from knowledge.base import KnowledgeBase
from knowledge.batching import run_in

SessionFactory = Callable[[], AbstractAsyncContextManager[AsyncSession]]
log = structlog.get_logger("tandem.assist")

_STATS_TTL_S = 5.0
_PACKET_EVENTS = 1000  # the packet and live suggestions read the latest this many events


_SENT_DISCOUNT = 0.5  # an article the bot sent already, suggested again only when nothing fits better


def _speaks(events: list[dict[str, Any]]) -> str | None:
    """The language the customer is answered in (their last message's), if known."""
    for e in reversed(events):
        if e.get("type") == "customer_message" and (e.get("reply_language") or e.get("language")):
            return e.get("reply_language") or e.get("language")
    return None


def _says_tu(events: list[dict[str, Any]]) -> bool:
    """Whether the bot last spoke to the customer with "tu" (their register, as the tone chose it)."""
    for e in reversed(events):
        if e.get("type") == "bot_message" and isinstance(e.get("tone"), dict) and e["tone"].get("formality"):
            return bool(e["tone"]["formality"] == "tu")
    return False


def _article_id(document_id: str) -> str:
    return f"article:{document_id}"


class AgentAssist:
    def __init__(self, sessions: SessionFactory, handoffs: HandoffService, customers: CustomerService,
                 knowledge: KnowledgeBase, catalogue: Catalogue | None = None, bus: Bus | None = None) -> None:
        self._sessions = sessions
        self._handoffs = handoffs
        self._customers = customers
        self._kb = knowledge
        self._bus = bus
        self.catalogue = catalogue or Catalogue.from_dict({})
        # whether the bot makes offers of its own from the catalogue: not on another company's server that still has
        # the demo bank's catalogue (``create_app``: "actions.demo_catalogue")
        self.bot_offers = True
        self.ranker: Ranker | None = None
        self._stats: tuple[float, Stats] | None = None
        self._tasks: set[asyncio.Task[None]] = set()
        self._pushing: dict[str, bool] = {}  # conversation -> another push is due after the running one

    async def start(self) -> None:
        """Embed the catalogue's phrasings once (off the loop)."""
        pairs = self.catalogue.phrasings()
        encoder = self._kb.encoder
        if pairs:
            vectors = await run_in(self._kb.executor, encoder.encode, [t for _, t in pairs])
        else:
            vectors = np.zeros((0, encoder.dim), dtype=np.float32)
        self.ranker = Ranker(self.catalogue, vectors, [i for i, _ in pairs])

    def narrow_to_any_company(self) -> None:
        """Another company's server on the demo bank's catalogue: its advisors are suggested only the actions any
        company can take as written (and the articles), and the bot offers none (``create_app``). After ``start``:
        the phrasings kept are not embedded again."""
        self.bot_offers = False
        if self.ranker is not None:
            self.ranker = self.ranker.only(lambda a: a.any_company)
            self.catalogue = self.ranker.catalogue

    async def close(self) -> None:
        """Cancels the pushes in flight and waits for them to end: one holding a database connection gives it back
        before the engine is disposed (cancelled only, it was left to the garbage collector)."""
        tasks = list(self._tasks)
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)

    # ---- learning from the agents ---------------------------------------------------------

    async def stats(self, fresh: bool = False) -> Stats:
        now = time.monotonic()
        if not fresh and self._stats and now - self._stats[0] < _STATS_TTL_S:
            return self._stats[1]
        stmt = (
            select(ActionFeedback.action_id, ActionFeedback.segment, ActionFeedback.outcome, func.count())
            .where(col(ActionFeedback.outcome).in_([ACCEPTED, DISMISSED]))
            .group_by(ActionFeedback.action_id, ActionFeedback.segment, ActionFeedback.outcome)
        )
        stats = Stats()
        async with self._sessions() as s:
            for action_id, segment, outcome, n in (await s.exec(stmt)).all():
                stats.add(action_id, segment, outcome == ACCEPTED, int(n))
        self._stats = (now, stats)
        return stats

    async def recently_offered(self, customer_id: str | None, days: float = 366) -> dict[str, datetime]:
        if not customer_id:
            return {}
        since = utcnow() - timedelta(days=days)
        stmt = (
            select(ActionFeedback.action_id, func.max(ActionFeedback.at))
            .where(ActionFeedback.customer_id == customer_id, col(ActionFeedback.outcome).in_([ACCEPTED, OFFERED]),
                   ActionFeedback.at >= since)
            .group_by(ActionFeedback.action_id)
        )
        async with self._sessions() as s:
            rows = (await s.exec(stmt)).all()
        return {aid: as_utc(at) for aid, at in rows if at is not None}  # type: ignore[misc]

    async def feedback(self, handoff_id: str, action_id: str, outcome: str, agent: str, *,
                       is_admin: bool = False) -> dict[str, Any]:
        """Record an agent's accept or dismiss of a suggestion; ranking learns from it at once."""
        if outcome not in (ACCEPTED, DISMISSED):
            raise ValidationFailed("outcome must be accepted or dismissed")
        known = {a.id for a in self.catalogue.actions}
        if action_id not in known and not (action_id.startswith(("article:", "reply:")) and
                                           self._kb.has(action_id.split(":", 1)[1])):
            raise NotFound(f"no suggested action {action_id!r}", code="action_not_found")
        try:
            h = await self._handoffs.get(handoff_id)
        except HandoffError as exc:
            raise NotFound(str(exc), code="handoff_not_found") from exc
        if h.agent not in (None, agent) and not is_admin:  # another advisor's conversation: not theirs to judge
            raise Forbidden(f"handoff {handoff_id} belongs to {h.agent}", code="handoff_forbidden")
        _, customer, _, _, suppressed = await self._assist(h)
        # Held back for who the customer is (holds it, lacks the product, no consent): nothing to learn
        # from it. "Offered recently" is not refused: an agent's own accept starts that cooldown.
        held_back = {a["id"]: a["reason"] for a in suppressed if a["reason"] != "offered_recently"}
        if action_id in held_back:
            raise Conflict(f"{action_id!r} is held back for this customer ({held_back[action_id]})",
                           code="action_suppressed")
        segment = segment_of(customer)
        async with self._sessions() as s:
            # one say an advisor has on a suggestion of a handoff: a double click counts once, a change of mind
            # replaces the first click (the acceptance rates ranking learns from stay true)
            stmt = select(ActionFeedback).where(ActionFeedback.handoff_id == h.id,
                                                ActionFeedback.action_id == action_id, ActionFeedback.agent == agent,
                                                col(ActionFeedback.outcome).in_([ACCEPTED, DISMISSED]))
            said = (await s.exec(stmt)).first()
            if said is None:
                s.add(ActionFeedback(action_id=action_id, segment=segment, outcome=outcome, customer_id=h.customer_id,
                                     handoff_id=h.id, conversation_id=h.conversation_id, agent=agent))
            elif said.outcome != outcome:
                said.outcome = outcome
                s.add(said)
        stats = await self.stats(fresh=True)
        accepted, dismissed = stats.counts(action_id, segment)
        propensity = self.ranker.propensity(stats, action_id, segment) if self.ranker else None
        return {"recorded": True, "action_id": action_id, "outcome": outcome, "segment": segment,
                "accepted": accepted, "dismissed": dismissed, "propensity": propensity}

    # ---- the packet and its suggestions -----------------------------------------------------

    async def packet(self, handoff_id: str, language: str | None = None) -> dict[str, Any]:
        """The handoff packet; ``language``: the summary's, the advisor's console's ("fr", or English)."""
        try:
            h = await self._handoffs.get(handoff_id)
        except HandoffError as exc:
            raise NotFound(str(exc), code="handoff_not_found") from exc
        events, customer, state, suggestions, suppressed = await self._assist(h)
        if language == "fr":  # a French console: why and titles in French ("reasons" keep their codes)
            suggestions = [{**x, "why": why_text(x.get("reasons") or [], "fr"),
                            "title": (x.get("titles") or {}).get("fr")
                            or (f"Réponse : {x['title'][len('Reply: '):]}" if x["kind"] == "reply"
                                and x["title"].startswith("Reply: ") else x["title"])}
                           for x in suggestions]
        out = build_packet(h, events=events, state=state, customer=staff_view(customer), suggestions=suggestions,
                           mask=redact, transcript_mask=redact_payment_data, language=language,
                           policy=self._handoffs.policy)
        out["suppressed_actions"] = suppressed
        return out

    async def _assist(self, h: Any) -> tuple[list[dict[str, Any]], dict[str, Any] | None, str,
                                            list[dict[str, Any]], list[dict[str, str]]]:
        """What an agent is given for a handoff: the conversation's latest events, the customer, its
        state, the suggested actions and what was held back."""
        async with self._sessions() as s:
            conv = await get_conversation(s, h.conversation_id)
            events = [event_dict(e) for e in await recent_events(s, h.conversation_id, _PACKET_EVENTS)]
        customer = await self._customers.view(h.customer_id) if h.customer_id else None
        if customer is not None:  # the conversation handed off is the packet's own, not a past one
            customer["past_conversations"] = [c for c in customer["past_conversations"]
                                              if c["id"] != h.conversation_id]
        state = conv.state if conv else "closed"
        suggestions, suppressed = await self.suggestions(
            events, customer=customer, channel=conv.channel if conv else None, state=state, reason=h.reason,
            also=[str(r) for r in (h.evidence or {}).get("also") or ()])
        return events, customer, state, suggestions, suppressed

    async def suggestions(self, events: list[dict[str, Any]], k: int = 6, *, customer: dict[str, Any] | None = None,
                          channel: str | None = None, state: str | None = None,
                          reason: str | None = None,
                          also: Sequence[str] = ()) -> tuple[list[dict[str, Any]], list[dict[str, str]]]:
        """The next best actions for a conversation, best first, and what was held back and why (``also``: the
        other reasons that fired with the handoff's)."""
        said = [e["text"] for e in events if e.get("type") == "customer_message" and e.get("text")]
        # what the customer asked: not "Hello? is anyone there?", nor a bare request for a person
        asked = [e["text"] for e in events if e.get("type") == "customer_message" and e.get("text")
                 and not e.get("small_talk") and not (e.get("human_request") and not e.get("in_scope"))] or said
        # the message that told a sensitive topic stays in it: "merci, ça fait 3 jours que j'attends" after money trouble
        # told is still a hardship (its plan), not a delay alone
        told = [e["text"] for e in events if e.get("type") == "customer_message" and e.get("text")
                and e.get("sensitive_topic")][-1:]
        query = " ".join(dict.fromkeys([*told, *asked[-(3 - len(told)):]]))
        vector: np.ndarray | None = None
        hits = []
        if query:
            if self._kb.size:
                result = await self._kb.search(query, k=5)
                vector, hits = result.vector, result.hits
                # each of the last two questions alone too: "my father passed away…" after "will my card work in New
                # York?" finds the bereavement article (0.71) that the three joined find at 0.39
                best = {hit.document_id: hit for hit in hits}
                for alone in dict.fromkeys(asked[-2:]) if len(asked) > 1 else ():
                    for hit in (await self._kb.search(alone, k=5)).hits:
                        if hit.document_id not in best or hit.score > best[hit.document_id].score:
                            best[hit.document_id] = hit
                hits = sorted(best.values(), key=lambda x: -x.score)[:5]
            else:
                vector = await self._kb.embed(query)
        stats = await self.stats()
        sit = situation(customer, events, channel=channel, state=state, reason=reason, also=also,
                        recently_offered=await self.recently_offered((customer or {}).get("id")),
                        sensitive=SENSITIVE_ATTRIBUTES)
        out: list[dict[str, Any]] = []
        suppressed: list[dict[str, str]] = []
        if self.ranker is not None and (vector is not None or not said):
            ranked = self.ranker.rank(sit, vector, stats, k=k)
            out += ranked.suggestions
            suppressed = ranked.suppressed
        tu = _says_tu(events)
        if tu and sit.language == "fr":  # "J'ai activé les paiements … sur votre carte" to a customer told "tu"
            out = [{**item, "text": tutoyer(item["text"])} if item.get("text") else item for item in out]
        hits = self._in_language(hits, _speaks(events))
        out += self._knowledge_items(hits, stats, sit, sent_documents(events), tu=tu)
        out.sort(key=lambda x: -x["score"])
        return out[:k], suppressed

    def _in_language(self, hits: list[Any], language: str | None) -> list[Any]:
        """Each document in the language the customer is answered in, where it has a translation: one
        suggestion an article, not the article and its twin (one click sent English to a French customer)."""
        if not language:
            return hits
        out, seen = [], set()
        for hit in hits:
            if hit.language and hit.language != language:
                twin = self._kb.translation(hit.document_id, language)
                if twin is not None:
                    hit = replace(hit, document_id=twin.document_id, title=twin.title, language=twin.language)
            if hit.document_id not in seen:
                seen.add(hit.document_id)
                out.append(hit)
        return out

    def _knowledge_items(self, hits: list[Any], stats: Stats, sit: Situation,
                         sent: frozenset[str] | set[str] = frozenset(), tu: bool = False) -> list[dict[str, Any]]:
        """Articles and ready replies from the knowledge; those the bot sent already come after the rest
        (at half their score: the agent would send the customer what they have). A French reply to a
        customer the bot says "tu" to is written with "tu" too."""
        w = self.catalogue.weights
        out: list[dict[str, Any]] = []
        for rank, hit in enumerate(hits, 1):
            if hit.score < w.min_relevance:
                continue
            aid = _article_id(hit.document_id)
            p = self.ranker.propensity(stats, aid, sit.segment) if self.ranker else 0.5
            score = self.ranker.score(hit.score, w.article_value, p) if self.ranker else hit.score
            reasons = [{"code": "knowledge", "matched": redact(hit.matched)[:80], "score": round(hit.score, 2)},
                       *taken_reasons(stats, aid, sit.segment)]
            already = hit.document_id in sent
            if already:
                score *= _SENT_DISCOUNT
                reasons.append({"code": "sent_already"})
            out.append({"id": aid, "kind": "article", "title": hit.title, "score": round(score, 4),
                        "why": why_text(reasons), "reasons": reasons,
                        "document_id": hit.document_id, "relevance": round(hit.score, 4), "propensity": round(p, 4),
                        "rank": rank, "sent": already})
            doc = self._kb.document(hit.document_id)
            if doc is not None and rank <= 3:
                rid = f"reply:{hit.document_id}"
                rp = self.ranker.propensity(stats, rid, sit.segment) if self.ranker else 0.5
                rscore = self.ranker.score(hit.score * 0.98, w.article_value, rp) if self.ranker else hit.score * 0.98
                rscore *= _SENT_DISCOUNT if already else 1.0
                ready = [{"code": "ready_answer", "title": hit.title}]
                out.append({"id": rid, "kind": "reply", "title": f"Reply: {hit.title}", "score": round(rscore, 4),
                            "why": why_text(ready), "reasons": ready,
                            "text": tutoyer(doc.text) if tu and doc.language == "fr" else doc.text,
                            "document_id": hit.document_id, "relevance": round(hit.score, 4),
                            "propensity": round(rp, 4), "sent": already})
        return out

    # ---- live: suggestions follow the conversation -------------------------------------------

    def conversation_moved(self, conversation_id: str) -> None:
        """A customer spoke in a conversation an agent has (or will have): refresh its suggestions."""
        if self._bus is None or self.ranker is None or not self._handoffs.presence.online():
            return  # nobody to tell
        if conversation_id in self._pushing:
            self._pushing[conversation_id] = True  # once the running push is done, one more
            return
        self._pushing[conversation_id] = False
        task = asyncio.get_running_loop().create_task(self._push_until_current(conversation_id))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _push_until_current(self, conversation_id: str) -> None:
        try:
            while True:
                await self._push(conversation_id)
                if not self._pushing.get(conversation_id):
                    return
                self._pushing[conversation_id] = False
        finally:
            self._pushing.pop(conversation_id, None)

    async def _push(self, conversation_id: str) -> None:
        try:
            async with self._sessions() as s:
                stmt = (select(Handoff).where(Handoff.conversation_id == conversation_id,
                                              Handoff.status != HandoffStatus.CLOSED)
                        .order_by(col(Handoff.created_at).desc()).limit(1))
                h = (await s.exec(stmt)).first()
                if h is None:
                    return
                conv = await get_conversation(s, conversation_id)
                events = [event_dict(e) for e in await recent_events(s, conversation_id, _PACKET_EVENTS)]
            customer = await self._customers.view(h.customer_id) if h.customer_id else None
            suggestions, _ = await self.suggestions(events, customer=customer, channel=conv.channel if conv else None,
                                                    state=conv.state if conv else None, reason=h.reason)
            assert self._bus is not None
            await self._bus.publish(AGENTS_TOPIC, {"kind": "suggestions", "handoff_id": h.id,
                                                   "conversation_id": conversation_id,
                                                   "suggested_actions": suggestions})
        except asyncio.CancelledError:
            raise
        except Exception:  # noqa: BLE001 - suggestions are a courtesy; the turn already succeeded
            log.warning("suggestions_push_failed", conversation_id=conversation_id, exc_info=True)

    # ---- the bot's own offer -------------------------------------------------------------------

    async def bot_offer(self, profile: Profile, vector: np.ndarray, events: list[dict[str, Any]], *,
                        channel: str | None, state: str, language: str | None = None) -> dict[str, Any] | None:
        """One eligible, consented catalogue action the bot may offer itself; nothing is written.

        The bot offers only to a customer who consented to personalisation *and* to
        marketing, whatever the action's kind. A failure here never fails the turn."""
        if self.ranker is None or not self.bot_offers or not profile.personalized or not profile.customer_id:
            return None
        if not profile.consents.get("marketing") or not any(a.bot for a in self.catalogue.actions):
            return None
        try:
            customer = {
                "id": profile.customer_id, "tier": profile.tier, "segment": profile.segment,
                "language": language or profile.language, "products": list(profile.products),
                "consents": profile.consents, "recent_events": list(profile.recent_events),
            }
            sit = situation(customer, events, channel=channel, state=state, sensitive=SENSITIVE_ATTRIBUTES)
            stats = await self.stats()
            ranked = self.ranker.rank(sit, vector, stats, k=1, for_bot=True)
            if not ranked.suggestions:
                return None  # the common case costs no database read
            sit = situation(customer, events, channel=channel, state=state, sensitive=SENSITIVE_ATTRIBUTES,
                            recently_offered=await self.recently_offered(profile.customer_id))
            ranked = self.ranker.rank(sit, vector, stats, k=1, for_bot=True)
        except Exception:  # noqa: BLE001 - an offer is a courtesy; the answer goes out without it
            log.warning("bot_offer_failed", exc_info=True)
            return None
        if not ranked.suggestions:
            return None
        best = ranked.suggestions[0]
        return {"id": best["id"], "kind": best["kind"], "title": best["title"], "text": best.get("text"),
                "why": best["why"], "segment": sit.segment}

    async def record_offer(self, profile: Profile, offer: dict[str, Any], conversation_id: str) -> None:
        """The customer was sent this offer: its cooldown starts now."""
        try:
            async with self._sessions() as s:
                s.add(ActionFeedback(action_id=offer["id"], segment=offer.get("segment") or segment_of(None),
                                     outcome=OFFERED, customer_id=profile.customer_id,
                                     conversation_id=conversation_id, agent="bot"))
        except Exception:  # noqa: BLE001 - the reply is stored and sent; the cooldown is best effort
            log.warning("record_offer_failed", exc_info=True)
