"""How to say it: formality, empathy, brevity and urgency, chosen per turn.

The policy and the words live in configs/tone.toml. ``choose`` returns a Tone
with the reasons behind each choice (``reply.tone`` shows them);
``Tone.words`` gives the phrases for that register.
"""
from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

_SENTENCE = re.compile(r"(?<=[.!?…])\s+")


@dataclass(frozen=True)
class ToneInputs:
    language: str  # "fr" or "en" (anything else speaks English)
    channel: str
    sentiment: float
    trend: str  # falling | flat | rising
    personalized: bool  # consent given and a profile to use
    tier: str | None = None
    segment: str | None = None
    preferred_register: str | None = None  # formal | informal
    topic: str | None = None


@dataclass(frozen=True)
class Tone:
    language: str
    formality: str  # vous | tu | formal | friendly
    empathy: str  # none | acknowledge | apologise
    brevity: str  # full | short
    urgency: str  # normal | high
    personalized: bool
    reasons: tuple[str, ...]
    words: dict[str, str] = field(repr=False, compare=False, default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return {
            "language": self.language,
            "formality": self.formality,
            "empathy": self.empathy,
            "brevity": self.brevity,
            "urgency": self.urgency,
            "personalized": self.personalized,
            "default": not self.personalized,
            "reasons": list(self.reasons),
        }


class TonePolicy:
    def __init__(self, rules: dict[str, Any]) -> None:
        self.rules = rules

    @classmethod
    def load(cls, path: Path) -> "TonePolicy":
        with path.open("rb") as f:
            return cls(tomllib.load(f))

    def choose(self, x: ToneInputs) -> Tone:
        r = self.rules
        reasons: list[str] = []
        lang = "fr" if x.language == "fr" else "en"
        if not x.personalized:
            reasons.append("default experience: no profile used (unknown customer, thin profile or no consent)")
        if lang == "fr":
            informal = x.personalized and (
                x.preferred_register == "informal" or (x.segment or "") in r["formality"]["informal_segments"]
            )
            # an upset customer is never tutoyé unless they chose it themselves
            if informal and x.preferred_register != "informal" and x.sentiment < 0:
                informal = False
            formality = "tu" if informal else "vous"
            reasons.append("tu: customer prefers informal register" if informal else "vous: French default register")
        else:
            formal = x.personalized and (
                x.preferred_register == "formal" or (x.tier or "") in r["formality"]["formal_tiers"]
            )
            formality = "formal" if formal or x.sentiment <= r["empathy"]["apologise_below"] else "friendly"
            reasons.append(f"{formality} register" + (f" for {x.tier} tier" if formal and x.tier else ""))
        empathy = "none"
        if x.sentiment <= r["empathy"]["apologise_below"]:
            empathy = "apologise"
            reasons.append(f"apologise: sentiment {x.sentiment:+.2f}")
        elif x.sentiment <= r["empathy"]["acknowledge_below"] or x.trend == "falling":
            empathy = "acknowledge"
            reasons.append(f"acknowledge: sentiment {x.sentiment:+.2f}, trend {x.trend}")
        brevity = "full"
        if x.channel in r["brevity"]["short_channels"]:
            brevity = "short"
            reasons.append(f"short: {x.channel} channel")
        elif x.sentiment <= r["brevity"]["short_below"]:
            brevity = "short"
            reasons.append("short: upset customer")
        urgency = "high" if x.topic in r["urgency"]["urgent_topics"] else "normal"
        if urgency == "high":
            reasons.append(f"urgent: {x.topic}")
        words = r["words"][lang]["vous" if formality == "vous" else formality if lang == "fr" else formality]
        return Tone(lang, formality, empathy, brevity, urgency, x.personalized, tuple(reasons), dict(words))

    def shorten(self, text: str) -> str:
        """Whole leading sentences up to the short limit (at least one)."""
        limit = int(self.rules["brevity"]["short_max_chars"])
        text = " ".join(text.split())
        if len(text) <= limit:
            return text
        out = ""
        for sentence in _SENTENCE.split(text):
            if out and len(out) + 1 + len(sentence) > limit:
                break
            out = f"{out} {sentence}".strip()
        if len(out) > limit:
            cut = out.rfind(" ", 0, limit - 1)
            out = out[: cut if cut > 0 else limit - 1] + "…"
        return out
