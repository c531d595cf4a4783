"""Next best action: which article, reply, offer or service an agent (or the bot) should use now.

The catalogue is plain TOML (``configs/actions.toml``): each action has a kind
(``article``, ``reply``, ``offer``, ``service``), an eligibility rule over the
customer 360 and the conversation (``handoff.expr``, never ``eval``), a value,
and the phrasings it is *about* (embedded once, for relevance).

Ranking, for one conversation:

1. eligible actions only (the rule holds);
2. suppressed: the customer already holds the action's product; an offer without
   marketing consent; anything offered to this customer within its cooldown;
3. scored ``w_rel · relevance + w_val · value + w_prop · propensity`` where
   relevance is the best cosine between the conversation and the action's
   phrasings (at least ``record_relevance`` when the customer's record says it
   fits: its ``fits`` rule holds; agents' suggestions only, never the bot's
   own offers), value is normalised over the catalogue, and propensity is the
   Beta-Bernoulli posterior of agents accepting it for this customer segment,
   shrunk towards its overall rate (Thompson sampling when ``thompson = true``).

Every suggestion says why, in words an agent reads in a second.
"""
from __future__ import annotations

import random
import re
import tomllib
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import numpy as np

from handoff.expr import ExpressionError, Rule, compile_rule

KINDS = ("article", "reply", "offer", "service")
ACCEPTED, DISMISSED, OFFERED = "accepted", "dismissed", "offered"


class CatalogueError(ValueError):
    """A catalogue that cannot be loaded: a bad kind, a rule that does not parse, a duplicate id."""


def _days_since(at: str | None, now: datetime) -> float | None:
    if not at:
        return None
    try:
        when = datetime.fromisoformat(at.replace("Z", "+00:00"))
    except ValueError:
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    return (now - when).total_seconds() / 86400


def _has(ctx: Mapping[str, Any], product: Any) -> bool:
    return str(product) in (ctx.get("products") or ())


def _count(ctx: Mapping[str, Any], kind: Any, days: Any, keep: Callable[[Mapping[str, Any]], bool]) -> int:
    """Events of type ``kind`` in the last ``days`` days that ``keep`` holds for."""
    now = ctx.get("now") or datetime.now(timezone.utc)
    n = 0
    for e in ctx.get("events") or ():
        if e.get("type") == kind and keep(e):
            age = _days_since(e.get("at"), now)
            if age is not None and age <= float(days):
                n += 1
    return n


def _recent(ctx: Mapping[str, Any], kind: Any, days: Any = 30) -> int:
    return _count(ctx, kind, days, lambda e: True)


def _recent_with(ctx: Mapping[str, Any], kind: Any, key: Any, value: Any, days: Any = 30) -> int:
    """Events of that type in the last N days whose ``data[key]`` is ``value`` (or one of a list of
    values): recent_with("payment_declined", "reason", "payments_abroad_disabled", 14)."""
    wanted = {str(v) for v in value} if isinstance(value, (list, tuple)) else {str(value)}

    def holds(e: Mapping[str, Any]) -> bool:
        data = e.get("data")
        return isinstance(data, Mapping) and str(data.get(str(key))) in wanted

    return _count(ctx, kind, days, holds)


def _mentions(ctx: Mapping[str, Any], *words: Any) -> bool:
    """Whole words or phrases only: "go" is not in "good", "trip" not in "strip"."""
    said = _straight(str(ctx.get("said") or "").lower())
    return any(re.search(rf"(?<!\w){re.escape(_straight(str(w).lower()))}(?!\w)", said) for w in words if str(w))


def _straight(text: str) -> str:
    return text.replace("\u2019", "'")  # "didn’t" as typed on a phone is "didn't"


def _lower(ctx: Mapping[str, Any], value: Any) -> str:
    return str(value or "").lower()


def _length(ctx: Mapping[str, Any], value: Any) -> int:
    return len(value) if isinstance(value, (list, tuple, str, dict)) else 0


FUNCTIONS: dict[str, Callable[..., Any]] = {
    "has": _has,          # has("travel_insurance"): the customer holds that product
    "recent": _recent,    # recent("trip", 30): events of that type in the last N days
    "recent_with": _recent_with,  # recent_with("payment_declined", "reason", "limit_reached", 30): and that data
    "mentions": _mentions,  # mentions("abroad", "étranger"): the customer said one of these
    "lower": _lower,
    "len": _length,
}


@dataclass(frozen=True)
class Action:
    id: str
    kind: str
    title: str
    description: str = ""
    when: Rule = field(default_factory=lambda: compile_rule(""))
    value: float = 1.0
    about: tuple[str, ...] = ()
    product: str | None = None      # suppressed when the customer already holds it (offers)
    requires: str | None = None     # a product the customer must hold (services)
    text: str | None = None         # what the agent (or the bot) says: one click inserts it
    texts: Mapping[str, str] = field(default_factory=dict)  # per language
    document_id: str | None = None  # an article's knowledge document
    cooldown_days: float = 30.0
    bot: bool = False               # the bot may offer it itself (consented, eligible, relevant)
    # what the customer's record says that makes it fit whatever their words: a rule, and how an agent reads it
    fits: Rule | None = None
    fits_why: str = ""
    # what an advisor reads in another language than the catalogue's: title and fits_why by language
    titles: Mapping[str, str] = field(default_factory=dict)
    fits_whys: Mapping[str, str] = field(default_factory=dict)
    # fits any company as written (no product, price or promise of one company's): kept when another company's server
    # runs on the shipped catalogue, which is the demo bank's
    any_company: bool = False

    def say(self, language: str | None) -> str | None:
        return self.texts.get(language or "") or self.text


@dataclass(frozen=True)
class Weights:
    relevance: float = 0.6
    value: float = 0.15
    propensity: float = 0.25
    min_relevance: float = 0.4
    bot_min_relevance: float = 0.6
    prior_strength: float = 2.0
    thompson: bool = False
    article_value: float = 1.0
    record_relevance: float = 0.55  # an action whose ``fits`` holds is at least this relevant (agents only)


@dataclass(frozen=True)
class Catalogue:
    actions: tuple[Action, ...]
    weights: Weights

    @classmethod
    def load(cls, path: Path) -> "Catalogue":
        with path.open("rb") as f:
            raw = tomllib.load(f)
        return cls.from_dict(raw)

    @classmethod
    def from_dict(cls, raw: Mapping[str, Any]) -> "Catalogue":
        weights = Weights(**{k: v for k, v in (raw.get("ranking") or {}).items() if k in Weights.__dataclass_fields__})
        if weights.prior_strength <= 0:
            raise CatalogueError("ranking.prior_strength must be above 0")
        seen: set[str] = set()
        actions: list[Action] = []
        for i, a in enumerate(raw.get("action") or []):
            aid = str(a.get("id") or "")
            if not aid or aid in seen:
                raise CatalogueError(f"action #{i + 1}: a unique id is required ({aid!r})")
            seen.add(aid)
            kind = a.get("kind")
            if kind not in KINDS:
                raise CatalogueError(f"action {aid}: kind must be one of {', '.join(KINDS)}")
            try:
                rule = compile_rule(str(a.get("when") or ""), FUNCTIONS)
            except ExpressionError as exc:
                raise CatalogueError(f"action {aid}: rule {a.get('when')!r}: {exc}") from None
            fits = None
            if a.get("fits"):
                try:
                    fits = compile_rule(str(a["fits"]), FUNCTIONS)
                except ExpressionError as exc:
                    raise CatalogueError(f"action {aid}: fits {a['fits']!r}: {exc}") from None
            texts, titles, fits_whys = a.get("texts") or {}, a.get("titles") or {}, a.get("fits_whys") or {}
            about = a.get("about") or ()
            if isinstance(about, str) or not all(isinstance(t, Mapping) for t in (texts, titles, fits_whys)):
                raise CatalogueError(f"action {aid}: about is a list of phrasings; texts, titles and fits_whys "
                                     "tables of languages")
            try:
                value = float(a.get("value", 1.0))
                cooldown = float(a.get("cooldown_days", 30))
            except (TypeError, ValueError):
                raise CatalogueError(f"action {aid}: value and cooldown_days are numbers") from None
            actions.append(Action(
                id=aid, kind=kind, title=str(a.get("title") or aid), description=str(a.get("description") or ""),
                when=rule, value=value, about=tuple(str(x) for x in about),
                product=a.get("product"), requires=a.get("requires"), text=a.get("text"),
                texts={str(k): str(v) for k, v in texts.items()}, document_id=a.get("document_id"),
                cooldown_days=cooldown, bot=bool(a.get("bot", False)),
                fits=fits, fits_why=str(a.get("fits_why") or ""),
                titles={str(k): str(v) for k, v in titles.items()},
                fits_whys={str(k): str(v) for k, v in fits_whys.items()},
                any_company=bool(a.get("any_company", False)),
            ))
        return cls(tuple(actions), weights)

    def phrasings(self) -> list[tuple[int, str]]:
        """(action index, text) for everything to embed: the about phrasings, else title and description."""
        out: list[tuple[int, str]] = []
        for i, a in enumerate(self.actions):
            texts = list(a.about) or [f"{a.title}. {a.description}".strip()]
            out += [(i, t) for t in texts]
        return out


@dataclass
class Stats:
    """Agents' accept / dismiss counts per (action, segment), and per action overall."""

    by_segment: dict[tuple[str, str], list[int]] = field(default_factory=dict)
    overall: dict[str, list[int]] = field(default_factory=dict)

    def add(self, action_id: str, segment: str, accepted: bool, n: int = 1) -> None:
        for counts in (self.by_segment.setdefault((action_id, segment), [0, 0]), self.overall.setdefault(action_id, [0, 0])):
            counts[0 if accepted else 1] += n

    def posterior(self, action_id: str, segment: str, strength: float) -> tuple[float, float]:
        """Beta(α, β) for this segment, with the action's overall rate as the prior mean."""
        a_all, d_all = self.overall.get(action_id, (0, 0))
        prior = (a_all + 1) / (a_all + d_all + 2)
        a, d = self.by_segment.get((action_id, segment), (0, 0))
        return a + strength * prior, d + strength * (1 - prior)

    def counts(self, action_id: str, segment: str) -> tuple[int, int]:
        a, d = self.by_segment.get((action_id, segment), (0, 0))
        return a, d


# topics told during which no offer is made, whatever the catalogue says
# (nor to a customer asking what is done with their data, or that it be erased)
_NO_SELLING = frozenset({"hardship", "vulnerability", "bereavement", "illness", "emergency", "injury", "personal_data",
                         "harassment"})

# told with them, a low mood is sorrow or fear, not anger at the company
_SAD_TOPICS = frozenset({"bereavement", "illness", "vulnerability", "emergency", "injury", "harassment"})


@dataclass(frozen=True)
class Situation:
    """What ranking reads: the customer 360 (consent-filtered by the caller) and the conversation."""

    segment: str
    context: dict[str, Any]
    products: frozenset[str]
    marketing: bool
    recently_offered: Mapping[str, datetime] = field(default_factory=dict)
    language: str | None = None


def segment_of(customer: Mapping[str, Any] | None) -> str:
    if not customer:
        return "anonymous"
    return str(customer.get("segment") or customer.get("tier") or "known")


def situation(customer: Mapping[str, Any] | None, events: Sequence[Mapping[str, Any]], *,
              channel: str | None = None, state: str | None = None, reason: str | None = None,
              also: Iterable[str] = (), recently_offered: Mapping[str, datetime] | None = None,
              sensitive: Iterable[str] = (), now: datetime | None = None) -> Situation:
    """Build the rule context from a 360 view (or None) and the conversation's events."""
    now = now or datetime.now(timezone.utc)
    customer = customer or {}
    said = [str(e.get("text") or "") for e in events if e.get("type") == "customer_message"]
    scores = [float((e.get("sentiment") or {}).get("score", 0.0)) for e in events if e.get("type") == "customer_message"]
    answered = [s.get("document_id") for e in events if e.get("type") == "bot_message" for s in e.get("sources") or []]
    # the sensitive topics the customer told (fraud, hardship…), first told first
    topics = list(dict.fromkeys(str(e["sensitive_topic"]) for e in events
                                if e.get("type") == "customer_message" and e.get("sensitive_topic")))
    consents = dict(customer.get("consents") or {})
    attributes = {k: v for k, v in (customer.get("attributes") or {}).items() if k not in set(sensitive)}
    products = [str(p) for p in customer.get("products") or []]
    # the language the conversation is in (the customer's last message, or the one they asked for), then the profile's:
    # Nadia, French on file, writing in English, is sent the English text
    language = next((e.get("reply_language") or e.get("language") for e in reversed(events)
                     if e.get("type") == "customer_message" and (e.get("reply_language") or e.get("language"))),
                    None) or customer.get("language")
    ctx: dict[str, Any] = {
        "known": bool(customer.get("id")),
        "tier": customer.get("tier"),
        "segment": customer.get("segment"),
        "language": language,
        "channel": channel,
        "products": products,
        "consents": {"marketing": bool(consents.get("marketing")), "personalization": bool(consents.get("personalization"))},
        "attributes": attributes,
        "events": list(customer.get("recent_events") or ()),
        "turns": len(said),
        "said": " ".join(said),
        "sentiment": scores[-1] if scores else 0.0,
        "lowest_sentiment": min(scores) if scores else 0.0,
        "state": state,
        "reason": reason,
        "also": list(also),  # the other reasons that fired with it: a fraud told by an upset premium customer
        "topics": topics,
        "documents": [d for d in answered if d],
        "now": now,
    }
    return Situation(segment=segment_of(customer if customer.get("id") else None), context=ctx,
                     products=frozenset(products), marketing=bool(consents.get("marketing")),
                     recently_offered=dict(recently_offered or {}), language=language)


@dataclass(frozen=True)
class Ranked:
    suggestions: list[dict[str, Any]]
    suppressed: list[dict[str, str]]


class Ranker:
    """Ranks a catalogue for one situation. ``vectors`` are the catalogue's phrasings, embedded."""

    def __init__(self, catalogue: Catalogue, vectors: np.ndarray, owners: Sequence[int],
                 rng: random.Random | None = None) -> None:
        self.catalogue = catalogue
        self._vectors = np.asarray(vectors, dtype=np.float32)
        self._owners = np.asarray(owners, dtype=np.int64)
        self._max_value = max((a.value for a in catalogue.actions), default=1.0) or 1.0
        self._rng = rng or random.Random()

    def only(self, keep: Callable[[Action], bool]) -> "Ranker":
        """This ranker for the actions ``keep`` holds for, with their phrasings as already embedded (none again)."""
        kept = [i for i, a in enumerate(self.catalogue.actions) if keep(a)]
        renumbered = {old: new for new, old in enumerate(kept)}
        rows = [j for j, owner in enumerate(self._owners) if int(owner) in renumbered]
        catalogue = Catalogue(tuple(self.catalogue.actions[i] for i in kept), self.catalogue.weights)
        return Ranker(catalogue, self._vectors[rows], [renumbered[int(self._owners[j])] for j in rows], self._rng)

    def relevance(self, query: np.ndarray | None) -> tuple[np.ndarray, np.ndarray]:
        """Best cosine per action, and the index of the phrasing that gave it."""
        n = len(self.catalogue.actions)
        best = np.full(n, -1.0, dtype=np.float32)
        arg = np.full(n, -1, dtype=np.int64)
        if query is None or not len(self._owners):
            return np.zeros(n, dtype=np.float32), arg
        sims = self._vectors @ np.asarray(query, dtype=np.float32).reshape(-1)
        for j, (owner, sim) in enumerate(zip(self._owners, sims)):
            if sim > best[owner]:
                best[owner], arg[owner] = sim, j
        return best, arg

    def propensity(self, stats: Stats, action_id: str, segment: str) -> float:
        alpha, beta = stats.posterior(action_id, segment, self.catalogue.weights.prior_strength)
        if self.catalogue.weights.thompson:
            return self._rng.betavariate(alpha, beta)
        return alpha / (alpha + beta)

    def score(self, relevance: float, value: float, propensity: float) -> float:
        w = self.catalogue.weights
        return w.relevance * relevance + w.value * min(1.0, value / self._max_value) + w.propensity * propensity

    def rank(self, sit: Situation, query: np.ndarray | None, stats: Stats, *, k: int = 5,
             for_bot: bool = False, now: datetime | None = None) -> Ranked:
        now = now or datetime.now(timezone.utc)
        w = self.catalogue.weights
        rel, arg = self.relevance(query)
        phrasings = self.catalogue.phrasings()
        out: list[dict[str, Any]] = []
        suppressed: list[dict[str, str]] = []
        for i, a in enumerate(self.catalogue.actions):
            if for_bot and not a.bot:
                continue
            try:
                eligible = a.when(sit.context)
            except Exception:  # noqa: BLE001 - a rule that fails is a rule that does not hold
                eligible = False
            if not eligible:
                continue  # ineligible actions are never shown, not even as suppressed
            why_not = self._suppressed(a, sit, now)
            if why_not:
                suppressed.append({"id": a.id, "kind": a.kind, "title": a.title, "reason": why_not})
                continue
            r = float(rel[i])
            record = not for_bot and self._fits(a, sit)
            # a rule that holds for a sensitive topic the customer told ("'fraud' in topics"): fitting whatever the
            # words, as a record's fit is ("a man from the bank told me to move my savings…" while waiting for a person)
            told = None if for_bot else self._told(a, sit)
            upset = None if for_bot or told else self._upset(a, sit)
            if record or told or upset:
                r = max(r, w.record_relevance)
            floor = w.bot_min_relevance if for_bot else w.min_relevance
            if query is not None and r < floor and not (record or told or upset):
                continue
            p = self.propensity(stats, a.id, sit.segment)
            s = self.score(r, a.value, p)
            reasons = self._reasons(a, float(rel[i]), p, stats, sit,
                                    phrasings[int(arg[i])][1] if arg[i] >= 0 else None, record, told, upset)
            item: dict[str, Any] = {
                "id": a.id, "kind": a.kind, "title": a.title, "score": round(s, 4),
                "why": why_text(reasons), "reasons": reasons,
                "relevance": round(r, 4), "value": a.value, "propensity": round(p, 4),
                "description": a.description,
            }
            if a.titles:
                item["titles"] = dict(a.titles)
            text = a.say(sit.language)
            if text:
                item["text"] = text
            if a.document_id:
                item["document_id"] = a.document_id
            if a.product:
                item["product"] = a.product
            out.append(item)
        out.sort(key=lambda x: -x["score"])
        return Ranked(out[:k], suppressed)

    @staticmethod
    def _fits(a: Action, sit: Situation) -> bool:
        """Whether the customer's record says the action fits (``fits``), whatever they said."""
        if a.fits is None:
            return False
        try:
            return a.fits(sit.context)
        except Exception:  # noqa: BLE001 - a rule that fails is a rule that does not hold
            return False

    @staticmethod
    def _told(a: Action, sit: Situation) -> str | None:
        """The sensitive topic told that the action's rule holds for, and would not without it; None otherwise."""
        topics = list(sit.context.get("topics") or ())
        if not topics:
            return None
        try:
            if a.when({**sit.context, "topics": []}):
                return None  # it holds whatever was told
            return next((t for t in reversed(topics) if a.when({**sit.context, "topics": [t]})), None)
        except Exception:  # noqa: BLE001 - a rule that fails is a rule that does not hold
            return None

    @staticmethod
    def _upset(a: Action, sit: Situation) -> str | None:
        """How the customer is upset (the reason that fired for it, ``premium_upset`` or ``negative_trend``) when the
        action's rule holds for it, and would not for a calm customer: words to take it over from an upset customer
        fit whatever they said ("ça fait 10 jours que j'attends !!" is far from "this is ridiculous"); None otherwise,
        and for a customer grieving, ill or in danger (sad, not angry: their low mood is no complaint)."""
        ctx = sit.context
        fired = [r for r in (ctx.get("reason"), *(ctx.get("also") or ())) if r in ("premium_upset", "negative_trend")]
        if not fired or _SAD_TOPICS & set(ctx.get("topics") or ()):
            return None
        try:
            if a.when({**ctx, "reason": None, "also": [], "sentiment": 0.0, "lowest_sentiment": 0.0}):
                return None  # it holds for anyone
            # and it holds for the upset alone: not a rule on another reason ("reason == 'sensitive_topic'": the safety
            # line, for a danger told, not for an upset premium customer's complaint)
            return next((how for how in fired if a.when({**ctx, "reason": how, "also": []})), None)
        except Exception:  # noqa: BLE001 - a rule that fails is a rule that does not hold
            return None

    def _suppressed(self, a: Action, sit: Situation, now: datetime) -> str | None:
        if a.kind == "offer" and _NO_SELLING & set(sit.context.get("topics") or ()):
            return "sensitive_moment"  # nothing sold to a customer in money trouble, at risk or grieving
        if a.product and a.product in sit.products:
            return "already_held"
        if a.requires and a.requires not in sit.products:
            return "product_not_held"
        if a.kind == "offer" and not sit.marketing:
            return "no_marketing_consent"
        last = sit.recently_offered.get(a.id)
        if last is not None and now - last < timedelta(days=a.cooldown_days):
            return "offered_recently"
        return None

    def _reasons(self, a: Action, relevance: float, propensity: float, stats: Stats, sit: Situation,
                 phrase: str | None, record: bool = False, told: str | None = None,
                 upset: str | None = None) -> list[dict[str, Any]]:
        """Why it is suggested, each reason a code and its values: the console words them in the advisor's
        language (``why_text`` in English)."""
        out: list[dict[str, Any]] = []
        if told:
            out.append({"code": "told", "topic": told})
        if upset:
            out.append({"code": "upset", "how": upset})
        if record:
            said = (a.fits_why or (a.fits.source if a.fits else "")).strip()[:100]
            out.append({"code": "record", "text": said,
                        **({"texts": {k: v.strip()[:100] for k, v in a.fits_whys.items()}} if a.fits_whys else {})})
        if phrase is not None and relevance >= self.catalogue.weights.min_relevance:
            # the action's own phrasing, which the customer's words are close to: not a quote of them
            out.append({"code": "close_to", "phrase": phrase[:60], "relevance": round(relevance, 2)})
        out += taken_reasons(stats, a.id, sit.segment, propensity)
        return out or [{"code": "described", "text": (a.description[:100] if a.description else a.title)}]


def taken_reasons(stats: Stats, action_id: str, segment: str, propensity: float | None = None) -> list[dict[str, Any]]:
    """How often advisors took the suggestion for customers of ``segment`` (or overall)."""
    accepted, dismissed = stats.counts(action_id, segment)
    if accepted + dismissed:
        return [{"code": "agents_took", "accepted": accepted, "total": accepted + dismissed, "segment": segment}]
    if propensity is not None and propensity != 0.5:
        return [{"code": "taken_overall", "share": round(propensity, 2)}]
    return []


# a sensitive topic as a suggestion's reason says it (a company's own topic reads as its code)
_TOPIC_WORDS = {
    "en": {"fraud": "fraud", "bereavement": "a bereavement", "hardship": "money trouble", "vulnerability": "a risk to "
           "themselves", "legal_threat": "legal action", "formal_complaint": "a formal complaint",
           "illness": "a grave illness", "emergency": "someone hurt or in danger now",
           "injury": "someone hurt", "personal_data": "a request about their personal data",
           "harassment": "harassment by someone they met through us"},
    "fr": {"fraud": "une fraude", "bereavement": "un deuil", "hardship": "des difficultés financières",
           "vulnerability": "un danger pour lui-même", "legal_threat": "un recours en justice",
           "formal_complaint": "une réclamation formelle", "illness": "une maladie grave",
           "emergency": "quelqu'un blessé ou en danger", "injury": "quelqu'un blessé",
           "personal_data": "une demande sur ses données personnelles",
           "harassment": "un harcèlement par quelqu'un rencontré chez nous"},
}


# how the customer is upset, as a suggestion's reason says it
_UPSET_WORDS = {
    "en": {"premium_upset": " (a premium customer)", "negative_trend": " (their mood kept falling)"},
    "fr": {"premium_upset": " (client premium)", "negative_trend": " (son humeur n'a cessé de baisser)"},
}


def why_text(reasons: list[dict[str, Any]], language: str | None = None) -> str:
    """The reasons in a line, a suggestion's ``why``: in English, or in French for a French console."""
    if language == "fr":
        words = {
            "record": lambda r: f"le dossier du client : {(r.get('texts') or {}).get('fr') or r['text']}",
            "close_to": lambda r: f"pour « {r['phrase']} », proche de ce qu'a dit le client ({r['relevance']:.2f})",
            "agents_took": lambda r: (f"retenue {r['accepted']} fois sur {r['total']} par les conseillers pour les "
                                      f"clients {r['segment']}"),
            "taken_overall": lambda r: f"retenue {r['share']:.0%} du temps en tout",
            "knowledge": lambda r: (f"la base de connaissances répond à « {r['matched']} », le plus proche de ce qu'a "
                                    f"dit le client (score {r['score']:.2f})"),
            "sent_already": lambda r: "l'assistant l'a déjà envoyé",
            "told": lambda r: f"le client a signalé : {_TOPIC_WORDS['fr'].get(r['topic'], r['topic'])}",
            "upset": lambda r: f"le client est mécontent{_UPSET_WORDS['fr'].get(r['how'], '')}",
            "ready_answer": lambda r: f"réponse prête tirée de « {r['title']} »",
            "described": lambda r: r["text"],
        }
    else:
        words = {
            "record": lambda r: f"the customer's record: {r['text']}",
            "close_to": lambda r: (f"for \u201c{r['phrase']}\u201d, close to what the customer said "
                                   f"({r['relevance']:.2f})"),
            "agents_took": lambda r: (f"agents took it {r['accepted']} of {r['total']} times for {r['segment']} "
                                      f"customers"),
            "taken_overall": lambda r: f"taken {r['share']:.0%} of the time overall",
            "knowledge": lambda r: (f"the knowledge answers \u201c{r['matched']}\u201d, the closest to what the "
                                    f"customer said (score {r['score']:.2f})"),
            "sent_already": lambda r: "the assistant sent it already",
            "told": lambda r: f"the customer told of {_TOPIC_WORDS['en'].get(r['topic'], r['topic'])}",
            "upset": lambda r: f"the customer is upset{_UPSET_WORDS['en'].get(r['how'], '')}",
            "ready_answer": lambda r: f"ready answer from \u201c{r['title']}\u201d",
            "described": lambda r: r["text"],
        }
    return "; ".join(words[r["code"]](r) for r in reasons if r.get("code") in words)
