"""Patterns screened by the words they need find what the patterns find."""
from __future__ import annotations

import csv
import re
from itertools import islice
from pathlib import Path

import pytest

from assistant import coverage, dialogue, intents, language, places, sentiment, tone
from assistant.coverage import Coverage
from assistant.intents import fold
from assistant.screening import Screened, ScreenedInAnyCase, screened, words_needed
from tests.conftest import SHARED_DATA


@pytest.mark.parametrize(("pattern", "words"), [
    (r"\b(?:someone (?:fainted|collapsed)|bleeding)\b", ["bleeding", "someone "]),
    (r"(?:first )?payment", ["payment"]),  # an optional part needs nothing
    (r"(?:card|carte)s? (?:lost|perdue?)", ["lost", "perdu"]),  # the most telling part: longer words
    (r"\b(?:help)+ me", ["help"]),
    (r"^(?=.*\brefund\b).{0,40}\bnow\b", ["refund"]),  # a lookahead reads the text ahead
    (r"(?<=refund )now", ["now"]),  # a lookbehind may read before the start: not a word needed
    (r"(?!no )fraud", ["fraud"]),
    (r"!!|\b(?:fed up|wtf)\b", ["!!", "wtf", "fed up"]),  # two characters are enough when they are rare
])
def test_the_words_a_match_needs(pattern: str, words: list[str]) -> None:
    assert words_needed(re.compile(pattern)) == words


@pytest.mark.parametrize(("pattern", "flags"), [
    (r"\d{4,}", 0), (r"\b(?:a|ok)\b", 0), (r"(?:lost|)\s*\w+", 0), (r"\bi\b", 0),
    (r"^(?:i'm so scared|j'ai peur)\b", 0),  # anchored: tried at the start only, cheap as it is
    (r"\b(?:électricité|gaz)\b", re.IGNORECASE),  # "É" in any case: only ASCII words are lowered
])
def test_a_pattern_with_no_telling_word_or_cheap_already_is_left_as_it_is(pattern: str, flags: int) -> None:
    compiled = re.compile(pattern, flags)
    assert screened(compiled) is compiled


def test_a_screened_pattern_answers_every_method_as_the_pattern() -> None:
    raw = re.compile(r"\b(?:my card (?:is |was )?(lost|stolen)|lost my card)\b")
    s = screened(raw)
    assert isinstance(s, Screened)
    for text in ("i lost my card yesterday", "my card was stolen, and my card is lost", "where is my parcel?", ""):
        assert (m := s.search(text)) is None and raw.search(text) is None or m.span() == raw.search(text).span()
        assert [m.span() for m in s.finditer(text)] == [m.span() for m in raw.finditer(text)]
        assert s.findall(text) == raw.findall(text)
        assert s.sub("X", text) == raw.sub("X", text) and s.subn("X", text) == raw.subn("X", text)
        assert s.split(text) == raw.split(text)
        assert bool(s.match(text)) == bool(raw.match(text)) and bool(s.fullmatch(text)) == bool(raw.fullmatch(text))
        assert bool(s.search(text, 3)) == bool(raw.search(text, 3))
    assert s.pattern == raw.pattern and s.groups == raw.groups == 1


@pytest.mark.parametrize("pattern", [re.compile(r"\b(?:meanwhile|en attendant)\b", re.IGNORECASE),
                                     re.compile(r"(?i)\bmeanwhile\b"),
                                     re.compile(r"\b(?:Meanwhile|(?-i:EN) attendant)\b", re.IGNORECASE)])
def test_a_pattern_in_any_case_is_screened_in_lower_case(pattern: re.Pattern[str]) -> None:
    s = screened(pattern)
    assert isinstance(s, ScreenedInAnyCase)
    for text in ("MEANWHILE, how long?", "EN Attendant je fais quoi", "nothing here", "meanwhİle", "MEANWHıLE",
                 "En attendant", "meanwhile é", "ſ"):
        found, before = s.search(text), pattern.search(text)
        assert (found and found.span()) == (before and before.span()), text
        assert s.sub("X", text) == pattern.sub("X", text) and s.findall(text) == pattern.findall(text)


def _texts(n: int) -> list[str]:
    """Customers' messages of ../shared/data, English and French, as written and as the patterns read them."""
    with open(SHARED_DATA / "banking77" / "train.csv", encoding="utf-8") as f:
        english = [row["text"] for row in islice(csv.DictReader(f), n)]
    with open(SHARED_DATA / "sentiment" / "xlmt_french" / "train_text.txt", encoding="utf-8") as f:
        french = [line.strip() for line in islice(f, n)]
    texts = english + french
    return texts + [fold(t) for t in texts]


def test_the_assistants_patterns_find_what_they_found_before_being_screened() -> None:
    texts = _texts(400)
    checked = 0
    for module in (intents, tone, places, dialogue, coverage, language, sentiment):
        patterns = [v for v in vars(module).values() if isinstance(v, Screened)]
        patterns += [p for v in vars(module).values() if isinstance(v, dict)
                     for p in v.values() if isinstance(p, Screened)]
        for s in patterns:
            checked += 1
            for text in texts:
                found, before = s.search(text), s._pattern.search(text)
                assert (found and found.span()) == (before and before.span()), (s.pattern[:80], text)
    for subject in Coverage.load(Path(__file__).resolve().parents[2] / "configs" / "coverage.toml").subjects:
        assert isinstance(subject.pattern, Screened)  # the things a base may not cover, named in each message
        for text in texts:
            found, before = subject.pattern.finditer(text), subject.pattern._pattern.finditer(text)
            assert [m.span() for m in found] == [m.span() for m in before], (subject.key, text)
    assert checked > 150  # the sensitive topics, someone hurt, distress… are screened
