"""What the knowledge does not cover, said so.

"What's the interest rate on a mortgage?" in a base with no word of mortgages finds the savings
account's rate well enough to answer with it: an answer beside the point, given with confidence.
``configs/coverage.toml`` names the things customers ask for by name (products and services a bank or
an operator may or may not offer), each with the words that name it and how the bot calls it in each
language. A message that names one the base never mentions (no title, text or phrasing of any
document) is told the bot has nothing on it; what is near is offered and an advisor after it. A base
that has an article on it is untouched: the check is the base's own words, read once a version.
"""
from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from assistant.screening import screen_all, screened
from knowledge.base import KnowledgeBase
from knowledge.texting import unaccented as fold


class CoverageConfigError(ValueError):
    """A coverage file that cannot be used: a thing without words, names or a pattern that compiles."""


@dataclass(frozen=True)
class Subject:
    key: str
    pattern: re.Pattern[str]  # over folded text (``knowledge.texting.unaccented``): lower case, no accents
    names: Mapping[str, str]  # language -> how the bot calls it ("mortgages", "les crédits immobiliers")


class Coverage:
    """The things customers ask for by name (``configs/coverage.toml``)."""

    def __init__(self, subjects: tuple[Subject, ...] = ()) -> None:
        self.subjects = subjects

    @classmethod
    def load(cls, path: Path) -> "Coverage":
        if not path.exists():
            return cls()
        with path.open("rb") as f:
            return cls.from_dict(tomllib.load(f))

    @classmethod
    def from_dict(cls, raw: Mapping[str, Any]) -> "Coverage":
        subjects = []
        for key, entry in raw.items():
            words, names = entry.get("words") if isinstance(entry, Mapping) else None, None
            if isinstance(entry, Mapping):
                names = {k: v for k, v in entry.items() if k != "words"}
            if (not isinstance(words, list) or not words or not all(isinstance(w, str) and w for w in words)
                    or not names or not all(isinstance(v, str) and v for v in names.values())):
                raise CoverageConfigError(f"[{key}]: words (a list of patterns) and a name in at least one "
                                          "language (en = \"…\") are required")
            try:
                pattern = re.compile(r"(?<![\w-])(?:" + "|".join(f"(?:{w})" for w in words) + r")(?![\w-])")
            except re.error as e:
                raise CoverageConfigError(f"[{key}]: {e}") from None
            subjects.append(Subject(key, screened(pattern), names))  # 19 things read in each message
        return cls(tuple(subjects))

    async def missing(self, text: str, kb: KnowledgeBase) -> Subject | None:
        """The first thing ``text`` asks about that no document of ``kb`` mentions; None when it names none, only
        things the base covers, or names them only as the setting of another matter (``_in_passing``)."""
        folded = fold(text)
        for subject in self.subjects:
            named = [m for m in subject.pattern.finditer(folded) if not _in_passing(folded, m)]
            if named and not await kb.mentions(subject.pattern):
                return subject
        return None


# A thing named in passing, as the setting of what is asked: the customer's own ("the direct debit for my old car
# insurance", "le prélèvement de mon assurance habitation", "money I sent to my mortgage broker"), a purchase that went
# wrong ("declined buying crypto on coinbase"), or a word that only qualifies another ("mortgage broker", "insurance
# company"). What is asked is then the base's (the direct debit, the declined card, the transfer), not the thing.
_OWNED_BEFORE = re.compile(r"(?:\b(?:my|mon|ma|mes|his|her|their|our|son|sa|ses|leur|leurs|notre|nos)\b"
                           r"(?:\s+[\w'-]+){0,2}|\b(?:buying|selling|purchasing|paying for|paying|en achetant|"
                           r"en payant)(?:\s+[\w'-]+){0,1}"
                           # "the direct debit for the car insurance", "a payment to crypto.com"; not "apply for a
                           # mortgage"
                           r"|(?<!apply )(?<!applying )(?<!looking )(?<!qualify )(?<!eligible )"
                           r"\b(?:for|to|from|pour|chez)(?:\s+(?:the|a|an|le|la|les|l'|un|une))?(?:\s+[\w'-]+){0,1})"
                           r"\s*$")
_QUALIFIES = re.compile(r"^\s+(?:brokers?|company|companies|provider|providers|insurer|agent|agency|premiums?|"
                        r"payments?|"
                        r"bills?|contract|courtier|compagnie|assureur|contrat|prelevements?|echeances?|cotisations?|"
                        r"exchange|platform|app|wallet|com)\b|^\.com\b")


# what the message is about when it names the thing after "my", "for", "buying": money moving, a card, a debit
# ("what's the interest rate on my mortgage?" has none, and asks of the mortgage)
_CARRIER = re.compile(r"\b(?:direct debits?|debit\w*|prelev\w*|payments?|paiements?|paid|pay|paying|payer|paye|"
                      r"transfers?|virements?|sent|send|envoye\w*|cards?|cartes?|declined|refuse\w*|charged?|charges|"
                      r"refunds?|"
                      r"rembours\w*|cancel\w*|annul\w*|stop|arreter|recognise|recognize|reconnais\w*)\b")


# what opens a question that asks of the thing alone: "and for a business account?", "et pour un compte pro ?"
_ASKED_ALONE = re.compile(r"^\W*(?:(?:ok|so|alors|but|mais)\W+)?(?:(?:and|et)\s+(?:(?:what about|how about|for|pour|"
                          r"avec|with|quid de)\s+)?|what about\s+|how about\s+|quid de\s+)"
                          r"(?:(?:the|a|an|my|le|la|les|un|une|mon|ma|mes)\s+|l')?$")


def _in_passing(folded: str, m: re.Match[str]) -> bool:
    if _ASKED_ALONE.match(folded[:m.start()]):
        return False  # "and for a business account?": the thing asked of, not a setting
    return bool(_QUALIFIES.match(folded[m.end():])
                or _CARRIER.search(folded) and _OWNED_BEFORE.search(folded[max(0, m.start() - 40):m.start()])
                or _told_beside_a_question(folded, m))


def _told_beside_a_question(folded: str, m: re.Match[str]) -> bool:
    """Whether the thing is named in a sentence that tells, beside another that asks: "my flight is at 19:00. Can I
    keep the room until 4 pm?" asks of the room, the flight its setting."""
    sentences = [(x.start(), x.end(), x.group(0)) for x in re.finditer(r"[^.!?]+[.!?]*", folded)]
    told = next(((a, b, x) for a, b, x in sentences if a <= m.start() < b), None)
    return (told is not None and "?" not in told[2] and _THEIRS.search(folded[told[0]:m.start()]) is not None
            and any("?" in x and a != told[0] and m.group(0) not in x for a, _, x in sentences))


# the customer's own thing, told ("my flight is at 19:00", "i have a flight at 7", "j'ai un vol à 7 h")
_THEIRS = re.compile(r"\b(?:my|mon|ma|mes|our|notre|nos|i have|i've got|ive got|we have|j'ai|on a|nous avons)\b")


screen_all(globals())  # the patterns above, each searched for a word it needs first (assistant.screening)
