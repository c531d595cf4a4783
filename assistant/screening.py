"""Big patterns screened by the words they need.

Python's ``re`` tries every alternative of a pattern at every position of a text: a pattern of a few hundred
alternatives ("someone hurt", the sensitive topics) costs 5–60 µs a message, most of it on messages it will not
match, and a turn reads dozens of them. Most such patterns cannot match without one of a few words ("someone
hurt" needs "bleed", "faint", "unconscious"…): ``screened`` finds those words in the pattern itself and searches
for them first, in one small pattern of literals (a microsecond), and runs the pattern only when one is there.

The words are read from the pattern's parse: a literal run, a group or repetition that must match once, or a
lookahead, each gives what a match must contain; an alternation needs one of what each of its branches needs;
a sequence needs what its most telling part needs. A pattern with nothing to tell (a branch that needs nothing,
or a word of one character) is left as it is. What a screened pattern finds is what the pattern finds:
a text without any of the words cannot hold a match.
"""
from __future__ import annotations

import re
import sys
from collections.abc import Iterable, Iterator
from re import _constants as sre  # type: ignore[attr-defined]  # the parse re itself compiles from
from re import _parser as sre_parse  # type: ignore[attr-defined]
from typing import Any

# a single character is in too many messages to spare the pattern its run (two are enough: "!!", "uk")
MIN_WORD = 2
_END = sys.maxsize  # re's own default end of a search

_REPEATS = tuple(op for op in (sre.MAX_REPEAT, sre.MIN_REPEAT, getattr(sre, "POSSESSIVE_REPEAT", None)) if op)
_ATOMIC = getattr(sre, "ATOMIC_GROUP", None)
_AT_START = ((sre.AT, sre.AT_BEGINNING), (sre.AT, sre.AT_BEGINNING_STRING))


def _telling(words: frozenset[str]) -> tuple[int, int]:
    """How well a set of words screens: its shortest word first (longer words are rarer), then fewer words."""
    return min(map(len, words)), -len(words)


def _needed(items: Any, folds: bool) -> frozenset[str] | None:
    """Words one of which any match of the sequence ``items`` contains, or None when nothing is sure."""
    best: frozenset[str] | None = None

    def offer(words: frozenset[str] | None) -> None:
        nonlocal best
        if words and (best is None or _telling(words) > _telling(best)):
            best = words

    run: list[str] = []
    for op, av in items:
        if op is sre.LITERAL:
            run.append(chr(av))
            continue
        if run:
            offer(frozenset(["".join(run)]))
            run = []
        if op is sre.SUBPATTERN:
            _group, add_flags, _del_flags, inner = av
            if add_flags & re.IGNORECASE and not folds:
                continue  # a part matched in any case, in a pattern that is not: its words as written say nothing
            offer(_needed(inner.data, folds))
        elif op is sre.BRANCH:
            branches = [_needed(branch.data, folds) for branch in av[1]]
            if all(branches):
                offer(frozenset().union(*branches))  # type: ignore[arg-type]
        elif op in _REPEATS:
            least, _most, inner = av
            if least >= 1:
                offer(_needed(inner.data, folds))
        elif op is sre.ASSERT:
            direction, inner = av
            if direction == 1:  # a lookahead reads the text ahead, inside what is searched
                offer(_needed(inner.data, folds))
        elif op is _ATOMIC:
            offer(_needed(av.data, folds))
        # anything else (a class of characters, a boundary, a lookbehind, a negative lookahead, a backreference)
        # requires no word of its own
    if run:
        offer(frozenset(["".join(run)]))
    return best


def _one_of(words: list[str]) -> str:
    """A pattern matching any of ``words``, as a tree of their letters (none a part of another): each position
    of a text is tried against one branch per first letter, and re skips the positions no word starts with."""
    tree: dict[str, Any] = {}
    for word in words:
        node = tree
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def written(node: dict[str, Any]) -> str:
        if "" in node:
            return ""
        branches = [re.escape(ch) + written(node[ch]) for ch in sorted(node)]
        return branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"

    return written(tree)


def _parsed(pattern: re.Pattern[str]) -> Any:
    try:
        return sre_parse.parse(pattern.pattern, pattern.flags)
    except (re.error, AttributeError, TypeError, ValueError):  # another Python's parse: no screen
        return None


def _kept(words: Iterable[str]) -> list[str]:
    """``words`` shortest first, without those that hold a shorter one (found whenever it is)."""
    kept: list[str] = []
    for word in sorted(words, key=lambda w: (len(w), w)):
        if not any(shorter in word for shorter in kept):
            kept.append(word)
    return kept


def _words(parsed: Any, flags: int) -> list[str] | None:
    words = _needed(parsed.data, bool(flags & re.IGNORECASE))
    return _kept(words) if words else None


def words_needed(pattern: re.Pattern[str]) -> list[str] | None:
    """The words one of which any match of ``pattern`` contains (none a part of another), or None."""
    parsed = _parsed(pattern)
    return None if parsed is None else _words(parsed, pattern.flags | parsed.state.flags)


class Screened:
    """A compiled pattern that first looks for a word it needs: the same methods and results as the pattern's
    for searching (``search``, ``match``, ``fullmatch``, ``finditer``, ``findall``, ``sub``, ``subn``,
    ``split``), and its attributes (``pattern``, ``flags``, ``groups``…)."""

    __slots__ = ("_pattern", "_screen", "words")

    def __init__(self, pattern: re.Pattern[str], words: list[str]) -> None:
        self._pattern = pattern
        self.words = words
        self._screen = re.compile(_one_of(words))  # literals, in the case written: the pattern is case-sensitive

    def __getattr__(self, name: str) -> Any:
        return getattr(self._pattern, name)

    def __repr__(self) -> str:
        return f"Screened({self._pattern!r})"

    def _misses(self, string: str, pos: int = 0, endpos: int = _END) -> bool:
        return self._screen.search(string, pos, endpos) is None

    def search(self, string: str, pos: int = 0, endpos: int = _END) -> re.Match[str] | None:
        if self._misses(string, pos, endpos):
            return None
        return self._pattern.search(string, pos, endpos)

    def match(self, string: str, pos: int = 0, endpos: int = _END) -> re.Match[str] | None:
        if self._misses(string, pos, endpos):
            return None
        return self._pattern.match(string, pos, endpos)

    def fullmatch(self, string: str, pos: int = 0, endpos: int = _END) -> re.Match[str] | None:
        if self._misses(string, pos, endpos):
            return None
        return self._pattern.fullmatch(string, pos, endpos)

    def finditer(self, string: str, pos: int = 0, endpos: int = _END) -> Iterator[re.Match[str]]:
        if self._misses(string, pos, endpos):
            return iter(())
        return self._pattern.finditer(string, pos, endpos)

    def findall(self, string: str, pos: int = 0, endpos: int = _END) -> list[Any]:
        if self._misses(string, pos, endpos):
            return []
        return self._pattern.findall(string, pos, endpos)

    def sub(self, repl: Any, string: str, count: int = 0) -> str:
        if self._misses(string):
            return string
        return self._pattern.sub(repl, string, count)

    def subn(self, repl: Any, string: str, count: int = 0) -> tuple[str, int]:
        if self._misses(string):
            return string, 0
        return self._pattern.subn(repl, string, count)

    def split(self, string: str, maxsplit: int = 0) -> list[str | Any]:
        if self._misses(string):
            return [string]
        return self._pattern.split(string, maxsplit)


class ScreenedInAnyCase(Screened):
    """A pattern matched in any case (``re.IGNORECASE``), screened by its words in lower case in the text lowered:
    a screen in any case would cost more than it saves (``re`` cannot skip a position for it). An ASCII text keeps
    its length lowered, and its letters match the words' as the pattern's do; any other text is not screened."""

    __slots__ = ()

    def _misses(self, string: str, pos: int = 0, endpos: int = _END) -> bool:
        return string.isascii() and self._screen.search(string.lower(), pos, endpos) is None


def screened(pattern: re.Pattern[str]) -> re.Pattern[str]:
    """``pattern``, searched for a word it needs first when it needs one of at least ``MIN_WORD`` characters; as
    it is otherwise, and when it is cheap already: anchored at the start (tried at one position: 0.6 µs a message
    for the feelings put first, 8.5 with a screen). Matched in any case, it is screened in lower case
    (``ScreenedInAnyCase``)."""
    parsed = _parsed(pattern)
    if parsed is None:
        return pattern
    flags = pattern.flags | parsed.state.flags
    if parsed.data and parsed.data[0] in _AT_START:
        return pattern
    words = _words(parsed, flags)
    if not words or len(words[0]) < MIN_WORD:
        return pattern
    if flags & re.IGNORECASE:
        if not all(word.isascii() for word in words):
            return pattern  # "É" in any case is "é" and "É", and "ſ" an "s": only ASCII words are screened so
        return ScreenedInAnyCase(pattern, _kept(word.lower() for word in words))  # type: ignore[return-value]
    return Screened(pattern, words)  # type: ignore[return-value]  # the methods and attributes of a Pattern


def screen_all(namespace: dict[str, Any]) -> None:
    """Every compiled pattern of a module's ``namespace`` (``globals()``, once its patterns are all written),
    and those of its dictionaries of patterns, screened in place."""
    for name, value in list(namespace.items()):
        if isinstance(value, re.Pattern):
            namespace[name] = screened(value)
        elif isinstance(value, dict) and value and all(isinstance(v, re.Pattern) for v in value.values()):
            for key, pattern in value.items():
                value[key] = screened(pattern)
