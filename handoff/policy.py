"""When the bot should stop and a human should take over, and why.

The rules and their thresholds live in configs/escalation.toml, so a supervisor
can read and tune them; ``decide`` weighs them all and returns the most important
that fires, with the evidence a supervisor will see and the other rules that fired too.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from handoff.rules import RulesError, load_rules


#: every reason a handoff can have: the escalation rules, in configs/escalation.toml's order
REASONS = ("sensitive_topic", "human_request", "out_of_scope", "repeated_question", "premium_upset", "negative_trend")


@dataclass(frozen=True)
class PastTurn:
    """What was learnt of an earlier customer message in this conversation."""

    seq: int
    text: str
    in_scope: bool | None
    top_document: str | None
    sentiment: float
    small_talk: bool = False  # courtesy alone ("hello?", "merci"): neither a miss nor an answer
    distress: bool = False  # words of anger or weariness ("toujours rien", "c'est la troisième fois")


@dataclass(frozen=True)
class TurnSignals:
    seq: int
    text: str
    human_request: bool
    sensitive_topic: str | None
    in_scope: bool
    top_document: str | None
    top_score: float
    sentiment: float
    tier: str | None
    history: Sequence[PastTurn] = ()
    # earlier customer messages that say the same thing (close embeddings)
    similar_seqs: frozenset[int] = frozenset()
    distress: bool = False  # words of anger or weariness in this message ("inadmissible", "third time I call")
    question: bool = False  # a plain request for information ("et si c'était un virement normal ?")
    accepted_offer: bool = False  # "yes" to the bot's offer of an advisor: the message before says why
    topic_kind: str | None = None  # the sensitive topic's kind ("money_moved": the "safe account" scam), if told
    said_again: bool = False  # the customer says they are asking again ("je vous répète…", "I told you…")
    # the advisor handed the conversation back and this is the customer's first word since
    after_handback: bool = False


@dataclass(frozen=True)
class Escalation:
    reason: str
    evidence: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class EscalationPolicy:
    rules: dict[str, Any]

    @classmethod
    def load(cls, path: Path, defaults: Path | None = None) -> "EscalationPolicy":
        """The rules of ``path``, over ``defaults`` (the shipped file) when given: a company's file that changes one
        table leaves every other rule on, as shipped (``handoff/rules.py``)."""
        rules = load_rules(path, defaults)
        for topic, name in ((rules.get("sensitive_topic") or {}).get("names") or {}).items():
            if not (isinstance(name, str) or isinstance(name, dict) and name
                    and all(isinstance(v, str) for v in name.values())):
                raise RulesError(f"{path}: sensitive_topic.names.{topic} should be text, or a table of text by "
                                 f"language ({{ en = \"…\", fr = \"…\" }}), not {name!r}")
        return cls(rules)

    def _on(self, name: str) -> dict[str, Any] | None:
        rule = self.rules.get(name)
        return rule if rule and rule.get("enabled", True) else None

    def decide(self, t: TurnSignals) -> Escalation | None:
        """The first rule that fires, in the order of importance below (configs/escalation.toml says
        it); the others that fired too are named in its evidence (``also``: a frustrated customer the
        bot kept missing is ``out_of_scope`` with ``negative_trend`` beside it), and count in the
        queue's priority."""
        # a topic before a plain request for a person: "un faux conseiller m'a appelé, je veux un conseiller"
        # is fraud (its priority, and the words that protect the money now)
        fired = [e for rule in (self._sensitive_topic, self._human_request, self._out_of_scope,
                                self._repeated_question, self._premium_upset, self._negative_trend)
                 if (e := rule(t)) is not None]
        if not fired:
            return None
        first = fired[0]
        if len(fired) > 1:
            return Escalation(first.reason, {**first.evidence, "also": [e.reason for e in fired[1:]]})
        return first

    @property
    def hands_over_on_request(self) -> bool:
        """Whether asking for a person hands the conversation over (the bot may then offer one)."""
        return self._on("human_request") is not None

    @staticmethod
    def _message(t: TurnSignals) -> dict[str, Any]:
        return {"seq": t.seq, "text": t.text}

    def _human_request(self, t: TurnSignals) -> Escalation | None:
        if self._on("human_request") and t.human_request:
            # "yes" to the bot's offer of an advisor says nothing of why: the message that led to the offer does
            said = [p for p in t.history if p.text and not p.small_talk][-1:] if t.accepted_offer else []
            return Escalation("human_request", {"messages": [*({"seq": p.seq, "text": p.text} for p in said),
                                                             self._message(t)]})
        return None

    def _sensitive_topic(self, t: TurnSignals) -> Escalation | None:
        if self.is_sensitive(t.sensitive_topic):
            kind = {"topic_kind": t.topic_kind} if t.topic_kind else {}
            return Escalation("sensitive_topic", {"topic": t.sensitive_topic, **kind, "messages": [self._message(t)]})
        return None

    def _out_of_scope(self, t: TurnSignals) -> Escalation | None:
        rule = self._on("out_of_scope")
        if not rule or t.in_scope:
            return None
        need = int(rule.get("consecutive", 2))
        run = [t]
        for past in reversed(t.history):
            if past.small_talk:  # "hello?" between two misses does not end the run
                continue
            if past.in_scope is False:
                run.append(past)  # type: ignore[arg-type]
            else:
                break
        if len(run) < need:
            return None
        shown = list(reversed(run[:need]))
        return Escalation("out_of_scope", {
            "consecutive": len(run),
            "messages": [{"seq": p.seq, "text": p.text} for p in shown],
            "top_score": round(t.top_score, 4),
        })

    def _repeated_question(self, t: TurnSignals) -> Escalation | None:
        rule = self._on("repeated_question")
        if not rule or not t.in_scope or not t.top_document:
            return None
        times = int(rule.get("times", 2))
        same = [p for p in t.history if p.seq in t.similar_seqs and p.in_scope and p.top_document == t.top_document]
        # "je vous répète que ma carte est refusée" counts twice: asked again, and said so
        if len(same) + 1 + (1 if t.said_again and same else 0) < times:
            return None
        shown = same[-(times - 1):] if times > 1 else []
        return Escalation("repeated_question", {
            "document_id": t.top_document,
            "messages": [{"seq": p.seq, "text": p.text} for p in shown] + [self._message(t)],
        })

    def _premium_upset(self, t: TurnSignals) -> Escalation | None:
        rule = self._on("premium_upset")
        if not rule:
            return None
        limit = float(rule.get("max_score", -0.6))
        # "your bank is a joke, I've had enough" scores -0.36: with words of anger a milder score counts
        now = float(rule.get("max_score_distress", limit)) if t.distress else limit
        if t.tier not in rule.get("tiers", []) or t.sentiment > now:
            return None
        upset = [t.seq]
        for past in reversed(t.history):
            if past.sentiment > limit:
                break
            upset.append(past.seq)
        if t.in_scope and len(upset) < int(rule.get("consecutive", 2)):
            return None
        return Escalation("premium_upset", {"tier": t.tier, "sentiment": round(t.sentiment, 3),
                                            "upset_messages": len(upset), "messages": [self._message(t)]})

    def _negative_trend(self, t: TurnSignals) -> Escalation | None:
        rule = self._on("negative_trend")
        if not rule:
            return None
        window = int(rule.get("window", 3))
        if (t.after_handback and t.distress and rule.get("after_handback", True)
                and t.sentiment <= float(rule.get("max_last_distress", rule.get("max_last", -0.5)))):
            # "vous vous foutez de moi ? c'est la troisième fois… ça marche toujours pas !!" right after the advisor
            # handed back: what the advisor did has not settled it, and the bot will not do better; a person again
            return Escalation("negative_trend", {"scores": [round(t.sentiment, 3)], "after_handback": True,
                                                 "distress": True, "messages": [self._message(t)]})
        scores = [p.sentiment for p in t.history][-(window - 1):] + [t.sentiment]
        if len(scores) < window:
            return None
        mean = sum(scores) / len(scores)
        if (rule.get("sustained_distress", True) and t.distress and all(p.distress for p in t.history[-(window - 1):])
                and t.sentiment <= float(rule.get("max_last_distress", rule.get("max_last", -0.5)))):
            # "ça fait 3 semaines que j'attends mon canapé", "toujours rien", "vous vous foutez de moi ?": anger in
            # every message, which the head scores mildly (a mean of -0.35), no falling run but no calmer either
            return Escalation("negative_trend", {"scores": [round(x, 3) for x in scores], "mean": round(mean, 3),
                                                 "distress": True, "sustained": True, "messages": [self._message(t)]})
        # a message in words of anger needs a milder score to count as the last of a falling run
        last_bar = float(rule.get("max_last_distress" if t.distress else "max_last", rule.get("max_last", -0.5)))
        if mean > float(rule.get("max_mean", -0.45)) or t.sentiment > last_bar:
            return None
        if t.question and not t.distress and t.sentiment > float(rule.get("question_below", -1.01)):
            # "et si c'était un virement normal ?" after a transfer to the wrong IBAN scores -0.52 from its
            # subject: a calm question asked next is no falling mood (as tone.toml reads it)
            return None
        return Escalation("negative_trend", {"scores": [round(x, 3) for x in scores], "mean": round(mean, 3),
                                             "distress": t.distress, "messages": [self._message(t)]})

    def topic_words(self) -> dict[str, list[str]]:
        """The company's own words for sensitive topics, its own or the built-in ones (``[sensitive_topic] words``:
        phrases or regular expressions, by topic)."""
        rule = self._on("sensitive_topic") or {}
        words = rule.get("words") or {}
        return {str(topic): ([str(w) for w in said] if isinstance(said, list) else said)  # (a non-list: said at start)
                for topic, said in words.items()}

    def topic_name(self, topic: str | None, language: str | None = None) -> str | None:
        """What a company calls a topic of its own for its advisors (``[sensitive_topic] names``: one name, or one
        by language, ``{ en = "Stranded traveller", fr = "Voyageur bloqué" }``), in ``language`` where it has one,
        else in English, else its first; none when the company names it not."""
        name = ((self.rules.get("sensitive_topic") or {}).get("names") or {}).get(topic or "")
        if isinstance(name, dict):
            return name.get(language or "en") or name.get("en") or next(iter(name.values()), None)
        return name

    def is_sensitive(self, topic: str | None) -> bool:
        """Whether ``topic`` is one the bot hands over (``[sensitive_topic] topics``)."""
        rule = self._on("sensitive_topic")
        return bool(rule and topic and topic in rule.get("topics", []))

    def topic_weight(self, topic: str | None, kind: str | None = None) -> float:
        """What a sensitive topic adds to a handoff's priority (``[priority] topic``): its kind's own weight where it
        has one (``fraud_money_moved``: the customer about to move their money at a fraudster's word)."""
        weights = self.rules.get("priority", {}).get("topic", {})
        if kind and f"{topic}_{kind}" in weights:
            return float(weights[f"{topic}_{kind}"])
        return float(weights.get(topic or "", 0.0))

    @property
    def release_when_gone_s(self) -> float:
        """Seconds an active conversation's advisor may be away (no console open) before it is queued again."""
        return float(self.rules.get("agents", {}).get("release_when_gone_s", 120))

    def priority(self, *, reason: str, tier: str | None, sentiment: float, also: Sequence[str] = (),
                 topic: str | None = None, kind: str | None = None, emergency: bool = False) -> float:
        """The queue's priority: base, tier, the weightiest of the reasons that fired, a sensitive topic's
        own weight (a customer in danger before any other), a danger told now (``emergency``: someone hurt, gas),
        negative sentiment."""
        p = self.rules.get("priority", {})
        score = float(p.get("base", 1.0))
        if emergency:
            score += float(p.get("emergency", 0.0))
        score += float(p.get("tier", {}).get(tier or "", 0.0))
        score += max(float(p.get("reason", {}).get(r, 0.0)) for r in (reason, *also))
        if topic and "sensitive_topic" in (reason, *also):
            score += self.topic_weight(topic, kind)
        if sentiment < 0:
            score += float(p.get("negative_sentiment", 1.0)) * -sentiment
        return round(score, 3)

    @property
    def per_minute_waiting(self) -> float:
        """What a minute in the queue adds to a request's priority."""
        return float(self.rules.get("priority", {}).get("per_minute_waiting", 0.2))

    def effective_priority(self, priority: float, waited_s: float) -> float:
        return priority + self.per_minute_waiting * waited_s / 60.0
