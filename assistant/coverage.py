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

from knowledge.base import KnowledgeBase, fold


class CoverageConfigError(ValueError):
    """A coverage file that cannot be used: a thing without words, names or a pattern that compiles."""


@dataclass(frozen=True)
class Subject:
    key: str
    pattern: re.Pattern[str]  # over folded text (``knowledge.base.fold``): lower case, no accents
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
            subjects.append(Subject(key, pattern, names))
        return cls(tuple(subjects))

    async def missing(self, text: str, kb: KnowledgeBase) -> Subject | None:
        """The first thing ``text`` names that no document of ``kb`` mentions; None when it names none, or
        only things the base covers."""
        folded = fold(text)
        for subject in self.subjects:
            if subject.pattern.search(folded) and not await kb.mentions(subject.pattern):
                return subject
        return None
