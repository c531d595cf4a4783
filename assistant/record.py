"""What the bot tells a customer of their own recent events, when its answer is about them.

"Why was my card declined?" from a customer whose hotel payment was refused yesterday because payments
abroad are off: the article lists every reason a card is declined; the record says which one it was.
``configs/events.toml`` says, per event type, which answers an event belongs with and how it is told;
only customers who consented to personalisation hear it (their ``Profile`` carries no events otherwise),
each event once a conversation.
"""
from __future__ import annotations

import math
import re
import string
import tomllib
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from assistant.intents import fold, switched_on
from assistant.places import elsewhere
from assistant.tone import sum_read, sums_named
from handoff.models import as_utc

MONTHS = {
    "en": ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December"),
    "fr": ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
           "novembre", "décembre"),
}


class EventsConfigError(ValueError):
    """An events file that cannot be used: a missing type, a sentence naming a field it cannot."""


@dataclass(frozen=True)
class EventNote:
    type: str
    within: timedelta
    documents: tuple[str, ...]  # the answers it belongs with, in the order the file lists them (the likeliest first)
    say: Mapping[str, str]  # language -> sentence with {data fields} and {date}
    because: Mapping[str, Mapping[str, str]]  # data.reason -> language -> sentence said after it
    match: Mapping[str, frozenset[str]] = field(default_factory=dict)  # data field -> the values it must hold
    answer: tuple[str, ...] = ()  # the documents (first that exists) that answer what the record alone settles
    unless_switched_on: bool = False  # not told to a customer who says they switched it on ("i turned on roaming")


def _fields(template: str, where: str) -> list[str]:
    names = []
    for _, name, spec, conversion in string.Formatter().parse(template):
        if name is None:
            continue
        if not name.isidentifier() or spec or conversion:
            raise EventsConfigError(f"{where}: {{{name}}}: only plain field names, e.g. {{merchant}}")
        names.append(name)
    return names


def _text(value: Any) -> str:
    """A data value as ``match`` compares it: TOML's and JSON's ``false`` alike."""
    return str(value).lower() if isinstance(value, bool) else str(value)


def _amount(value: Any) -> float | None:
    """A euro field's value as a number; None when it is not one (bools and infinities neither)."""
    if isinstance(value, bool):
        return None
    try:
        amount = float(value)
    except (TypeError, ValueError):
        return None
    return amount if math.isfinite(amount) else None


def _money(value: Any, language: str) -> str | None:
    amount = _amount(value)
    if amount is None:
        return None
    if language == "fr":
        return f"{amount:,.2f} €".replace(",", "\u202f").replace(".", ",")
    return f"€{amount:,.2f}"


def _day(at: datetime, language: str) -> str:
    months = MONTHS.get(language, MONTHS["en"])
    day = "1er" if at.day == 1 and language == "fr" else str(at.day)  # "le 1er décembre"
    return f"{day} {months[at.month - 1]}"


def said_day(day: date, language: str) -> str:
    """A day as the bot says it, with its year: "12 March 2014", "12 mars 2014"."""
    months = MONTHS.get(language, MONTHS["en"])
    return f"{'1er' if day.day == 1 and language == 'fr' else day.day} {months[day.month - 1]} {day.year}"


def _when(event: Mapping[str, Any]) -> datetime | None:
    raw = event.get("at")
    if isinstance(raw, datetime):
        return as_utc(raw)
    try:
        return as_utc(datetime.fromisoformat(str(raw).replace("Z", "+00:00")))
    except ValueError:
        return None


_FIELD_CHARS = 160  # an event's field, as long as a sentence may quote it


def _values(template: str, data: Mapping[str, Any], at: datetime, language: str) -> dict[str, str] | None:
    """The sentence's fields from the event: ``date`` the day it happened, ``*_eur`` amounts in euros, a day written
    as ISO 8601 ("2026-12-10", a renewal's or an appointment's) as the bot says a day ("10 décembre 2026"); None when
    the event lacks one of them."""
    values = {"date": _day(at, language)}
    for name in _fields(template, "say"):
        if name == "date":
            continue
        value = data.get(name)
        shown = _money(value, language) if name.endswith("_eur") else as_day(value, language)
        if shown is None or shown == "" or isinstance(shown, (dict, list)):
            return None
        text = " ".join(str(shown).split())  # a ticket's summary on one line, and not a page of it
        values[name] = text if len(text) <= _FIELD_CHARS else text[:_FIELD_CHARS - 1].rstrip() + "…"
    return values


_ISO_WHEN = re.compile(r"\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?")


def as_day(value: Any, language: str) -> Any:
    """``value`` said as a day when it is one written as ISO 8601 ("2026-12-10", "2026-12-10T09:00:00+01:00"; its
    time, as written, when it has one in a local time: "10 December 2026 at 09:00"); as it is otherwise."""
    if not isinstance(value, str) or not _ISO_WHEN.fullmatch(value.strip()):
        return value
    try:
        when = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        return value
    day = said_day(when.date(), language)
    if len(value.strip()) == 10 or (when.hour, when.minute) == (0, 0) or value.strip().endswith("Z"):
        return day  # (a time in UTC is no time of the customer's day: the day alone)
    return f"{day} {'à' if language == 'fr' else 'at'} {when:%H:%M}"


class RecordNotes:
    """The events a bot's answer may name, read from ``configs/events.toml``."""

    def __init__(self, notes: Iterable[EventNote] = ()) -> None:
        self.notes = tuple(notes)

    @classmethod
    def load(cls, path: Path) -> "RecordNotes":
        if not path.exists():
            return cls()
        with path.open("rb") as f:
            return cls.from_dict(tomllib.load(f))

    @classmethod
    def from_dict(cls, raw: Mapping[str, Any]) -> "RecordNotes":
        notes = []
        for i, e in enumerate(raw.get("event") or [], 1):
            where = f"event #{i}"
            kind, say, documents = e.get("type"), e.get("say"), e.get("documents")
            if not kind or not isinstance(say, Mapping) or not say or not isinstance(documents, list):
                raise EventsConfigError(f"{where}: type, documents (a list) and say (a table of languages) are required")
            because = e.get("because") or {}
            if not isinstance(because, Mapping) or not all(isinstance(v, Mapping) for v in because.values()):
                raise EventsConfigError(f"{where}: because is a table of reasons, each a table of languages")
            for language, text in say.items():
                _fields(str(text), f"{where} say.{language}")
            for reason, texts in because.items():
                for language, text in texts.items():
                    if _fields(str(text), f"{where} because.{reason}.{language}"):
                        raise EventsConfigError(f"{where} because.{reason}.{language}: no fields in a reason")
            try:
                within = timedelta(days=float(e.get("within_days", 14)))
            except (TypeError, ValueError, OverflowError):
                raise EventsConfigError(f"{where}: within_days is a number") from None
            if within <= timedelta(0):
                raise EventsConfigError(f"{where}: within_days is above 0")
            match = e.get("match") or {}
            if not isinstance(match, Mapping):
                raise EventsConfigError(f"{where}: match is a table of data fields and their values")
            answer = e.get("answer") or []
            if not isinstance(answer, list):
                raise EventsConfigError(f"{where}: answer is a list of document ids")
            notes.append(EventNote(
                type=str(kind), within=within, documents=tuple(dict.fromkeys(str(d) for d in documents)),
                say={str(k): str(v) for k, v in say.items()},
                because={str(r): {str(k): str(v) for k, v in t.items()} for r, t in because.items()},
                match={str(k): frozenset(_text(x) for x in (v if isinstance(v, list) else [v]))
                       for k, v in match.items()},
                answer=tuple(str(d) for d in answer),
                unless_switched_on=bool(e.get("unless_switched_on", False)),
            ))
        return cls(notes)

    def note(self, events: Iterable[Mapping[str, Any]], document_id: str, language: str,
             now: datetime | None = None, said: str = "") -> str | None:
        """What to tell of the latest recent event that belongs with the answer ``document_id``, in
        ``language``; None when no event does, or its sentence names a field the event lacks."""
        told = self.told(events, document_id, language, now, said)
        return told[1] if told else None

    def told(self, events: Iterable[Mapping[str, Any]], document_id: str, language: str,
             now: datetime | None = None, said: str = "", switched: bool | None = None,
             switched_of: frozenset[str] = frozenset(), skip: Callable[[str], bool] | None = None,
             named_only: bool = False) -> tuple[EventNote, str] | None:
        """The note of the latest recent event that belongs with the answer ``document_id``, and what it
        tells in ``language``; None when no event does, or its sentence names a field the event lacks.
        ``said``: the customer's message; an event in another country than the one it names is another
        matter ("declined in a shop in new york" is not the hotel in Tokyo on the record), and so is one of another
        thing or day than the one it names ("mon vol de demain" is not the flight in ten days). ``switched``: the
        customer said they switched on what an event says is off (``unless_switched_on``); by default, read from
        ``said``. ``switched_of``: the documents the conversation was on when they said they switched something on
        ("ok i turned it on" after payments abroad): that switch is of those notes only, not of roaming's. ``skip``:
        a sentence not to tell (told already): nothing is told then, unless the message asks for another one ("et
        l'autre ?"), whose event is told instead. ``named_only``: only an event the message names ("et le casque ?":
        the headphones' refund)."""
        if not self.notes:
            return None
        now = now or datetime.now(timezone.utc)
        dated = _dated(events)
        amounts = {round(a, 2) for a in amounts_said(said)}
        asked = _Asked.of(said, dated, now)
        if (last := re.split(r"(?<=[?!.])\s+", said.strip())[-1]) != said.strip():
            # a follow-up read with the question before ("…du Pixel c'est pour quand ? et l'autre commande, la télé,
            # elle est bien livrée ?"): what its own last sentence names, if it names anything
            if (own := _Asked.of(last, dated, now)).named:
                asked = own
        # "pourquoi j'ai 5 euros en plus ?": the event of that amount, before any later one of the same answer; "le
        # colis CC10023400", "mon vol pour Porto", "le 16 décembre": the event of the thing or the day named
        dated.sort(key=lambda p: (not amounts & _held(p[1]), not asked.names(p[1])))
        fitting = list(self._fitting(dated, document_id, language, now, said, switched, switched_of, asked))
        if (skip is not None and not amounts and not asked.named and not asked.days and not _ANOTHER.search(fold(said))
                and (said_rank := [n.documents.index(document_id) for _, _, n, values in fitting
                                   if skip(n.say[language].format_map(values))])):
            # "c'est gratuit ?" after the TV's delivery told: the article's event told once, no other; unless another
            # event is more of this article than the one told (the file lists it sooner): "jai envoyé ma carte
            # d'identité" after the payout held for it, the identity check refused, of the identity article
            fitting = [f for f in fitting if f[2].documents.index(document_id) < min(said_rank)
                       and not skip(f[2].say[language].format_map(f[3]))]
            if not fitting:
                return None
        for at, event, n, values in fitting:
            if named_only and not asked.names(event):
                continue
            data = _data(event)
            extra = n.because.get(str(data.get("reason")), {}).get(language)
            told = n.say[language].format_map(values)
            if skip is not None and skip(told):
                if _ANOTHER.search(fold(said)):
                    continue  # "et l'autre commande ?": told already, the next event the answer may tell, if any
                return None  # "ok how do I turn it on?" after it: told once, and no older one of the same brought in
            if _TWICE.search(fold(said)) and (again := _AGAIN.get(language)):
                # "on m'a débité deux fois": each recent event the same as this one but for its day, said
                days = [_day(a, language) for a, e in dated if e is not event and e.get("type") == n.type
                        and 0 <= (now - a) / n.within <= 1 and _same_but_day(n.say[language], e, a, values, language)
                        and _matches(n, e) and not elsewhere(_data(e), said)]
                if days:
                    joined = f"{', '.join(days[:-1])} {_AND[language]} {days[-1]}" if len(days) > 1 else days[0]
                    told = told.rstrip(" .") + again.format(dates=joined)
            return n, (f"{told} {extra}" if extra else told)
        return None

    def with_amount(self, events: Iterable[Mapping[str, Any]], language: str, amounts: Iterable[float],
                    now: datetime | None = None, said: str = "") -> EventNote | None:
        """The note of the latest recent event that holds one of ``amounts`` in a euro field and can be told in
        ``language``: "pourquoi j'ai 5 euros en plus ?" is of the 5 € no-show fee on the record, and of the article
        its note belongs with, not of another article's 10 € fee. None: no event holds it."""
        wanted = {round(float(a), 2) for a in amounts}
        return self._note_of(events, lambda e: bool(_held(e) & wanted), language, now, said) if wanted else None

    def with_reference(self, events: Iterable[Mapping[str, Any]], language: str, said: str,
                       now: datetime | None = None) -> EventNote | None:
        """The note of the latest recent event whose reference ``said`` names ("is CC50044400 coming today?": the
        delivery attempt that failed yesterday for that parcel), when it can be told in ``language``; None else."""
        words = set(re.findall(r"[\w'-]+", fold(said)))
        # (or a thing's own name: "I tried to buy the Showcase and the payment was declined" of the Showcase's payment)
        named = {fold(w) for w in _PROPER.findall(said)} & words
        # (or what it was, in the words the record writes: "still waiting for my reimbursement for my contact lenses" of
        # the claim whose act is "contact lenses")
        spoken = f" {' '.join(re.findall(r'[a-z0-9]+', fold(said)))} "
        events = list(events)
        phrased = [e for e in events if any(f" {phrase} " in spoken for phrase in _phrases(_data(e)))]
        if not named and not phrased and not any(any(c.isdigit() for c in w) for w in words):
            return None
        return self._note_of(events, lambda e: e in phrased or any(
            any(c.isdigit() for c in w) or w in named and w in _proper_names(_data(e))
            for naming in _naming(_data(e)).values() for w in naming & words), language, now, said)

    def _note_of(self, events: Iterable[Mapping[str, Any]], holds: Callable[[Mapping[str, Any]], bool],
                 language: str, now: datetime | None, said: str) -> EventNote | None:
        """The note of the latest recent event that ``holds`` and that can be told in ``language``."""
        if not self.notes:
            return None
        now = now or datetime.now(timezone.utc)
        dated = _dated(events)
        switched, latest_asked = switched_on(said), _LATEST_ASKED.search(fold(said)) is not None
        for at, event in dated:
            if holds(event):
                for n in self.notes:
                    if n.documents and _fits(n, at, event, dated, language, now, said, switched, frozenset(),
                                             latest_asked) is not None:
                        return n
        return None

    def _fitting(self, dated: Sequence[tuple[datetime, Mapping[str, Any]]], document_id: str, language: str,
                 now: datetime, said: str, switched: bool | None, switched_of: frozenset[str],
                 asked: "_Asked | None" = None,
                 ) -> Iterator[tuple[datetime, Mapping[str, Any], EventNote, dict[str, str]]]:
        """The recent events, latest first, that the answer ``document_id`` may tell in ``language`` (``told``),
        each with its note and its sentence's fields."""
        if not self.notes:
            return
        switched = switched_on(said) if switched is None else switched
        latest_asked = _LATEST_ASKED.search(fold(said)) is not None
        for at, event in dated:
            for n in self.notes:
                values = (_fits(n, at, event, dated, language, now, said, switched, switched_of, latest_asked, asked)
                          if document_id in n.documents else None)
                if values is not None:
                    yield at, event, n, values


def _dated(events: Iterable[Mapping[str, Any]]) -> list[tuple[datetime, Mapping[str, Any]]]:
    """The events that say when they happened, with that moment, the latest first."""
    return sorted(((at, e) for e in events if (at := _when(e)) is not None), key=lambda p: p[0], reverse=True)


def _fits(n: EventNote, at: datetime, event: Mapping[str, Any], dated: Sequence[tuple[datetime, Mapping[str, Any]]],
          language: str, now: datetime, said: str, switched: bool, switched_of: frozenset[str], latest_asked: bool,
          asked: "_Asked | None" = None) -> dict[str, str] | None:
    """The fields of ``n``'s sentence in ``language`` for ``event`` (at ``at``), when the note may tell it: of its type,
    recent, matching, of the place, the switch, the thing and the day ``said`` names; None when it may not."""
    if n.type != event.get("type") or not 0 <= (now - at) / n.within <= 1:
        return None
    data = _data(event)
    if not _matches(n, event):
        return None  # an open ticket, not a resolved one; a trip with roaming off
    if elsewhere(data, said) or n.unless_switched_on and (switched or not switched_of.isdisjoint(n.documents)):
        return None  # another country's matter; or the switch the event says is off, turned on since
    if latest_asked and _of_an_older_one(data, dated):
        return None  # "ma dernière commande a été remboursée ?": this refund is of an order before it
    if asked is not None and asked.of_another(event):
        return None  # "mon vol de demain": not the flight in ten days; "le colis CC10023400": not CC10098700
    template = n.say.get(language)
    return _values(template, data, at, language) if template else None


# beside the sums written with their currency (``tone.sums_named``), a figure with cents after a comma alone ("pourquoi
# je dois payer 7,50 ?"; not "12.30", a time as often)
_ALSO_A_SUM = re.compile(r"(?<![\d.,])(?<!\d[ \u00a0\u202f])(\d{1,6},\d{2})(?![\d.,]*\d)")


# a message that asks of an amount charged ("pourquoi j'ai 5 euros en plus ?", "c'est quoi ces 7,50 € ?", "i was
# charged €5"), not one that moves money ("can i send 5 € to a friend, what are the fees?")
_OF_A_CHARGE = re.compile(
    r"\b(?:why|pourquoi|pq|how come|what|quoi|quels?|quelles?|d ou|where)\b"
    r"|\b(?:charged?|charges|billed|debited|deducted|taken|extra|added|en plus|de plus|supplementaires?|factur\w*|"
    r"prelev\w*|debite\w*|ajoute\w*|frais|fees?|surcharge)\b")
_MOVES_MONEY = re.compile(r"\b(?:send|transfer|withdraw|deposit|top up|lend|envoy\w*|vire\w*|virement|deposer|"
                          r"recharg\w*|preter)\b")


def asks_of_a_charge(text: str) -> bool:
    """Whether ``text`` names an amount and asks what it was charged for."""
    folded = fold(text)
    return bool(amounts_said(text)) and _OF_A_CHARGE.search(folded) is not None and not _MOVES_MONEY.search(folded)


def amounts_said(text: str) -> frozenset[float]:
    """The amounts of money ``text`` names, in euros."""
    said = sums_named(text) | {sum_read(x) for x in _ALSO_A_SUM.findall(fold(text))}
    return frozenset(float(x) for x in said if re.fullmatch(r"\d+(?:\.\d+)?", x))


# another one of a thing asked of: "et l'autre colis ?", "and the other order?", "l'ancienne", "the previous one"
_ANOTHER = re.compile(r"\b(?:autres?|other|another|ancien\w*|older|earlier|previous|precedent\w*|second|deuxieme|"
                      r"first|premier|premiere)\b")
# a thing told as happening more than once: "charged twice", "on m'a débité deux fois", "en double"
_TWICE = re.compile(r"\b(?:twice|two times|2 times|three times|double(?! check\w*)\w*|duplicate\w*|deux fois|2 fois|"
                    r"trois fois|en double|doublon\w*|dedoubl\w*)\b")
# and the same event on other days, after the latest's sentence
_AGAIN = {"en": ", and another the same on {dates}.", "fr": ", et un autre identique le {dates}."}
_AND = {"en": "and", "fr": "et le"}


# the customer asks of their latest one of something: "my last order", "ma dernière commande", "mon achat le plus
# récent" (not a time: "last week", "la semaine dernière", "last time")
_LATEST_ASKED = re.compile(
    r"\b(?:my|the|ma|mon|la|le)\s+(?:very\s+|toute\s+)?(?:last|latest|most recent|newest|derniere?|plus recente?)\s+"
    r"(?!(?:week|weekend|month|year|night|time|times|day|days|hour|minute|few|couple|moment|fois|semaine|mois|"
    r"annee|nuit|jour|heure|minute|instant)s?\b)[a-z]{3,}"
    r"|\b(?:my|ma|mon)\s+[a-z]{3,}\s+(?:la\s+|le\s+)?plus\s+recente?\b")
# a data field naming which thing an event is of: "order_id", "booking_ref", "parcel_number" (not the customer's)
_WHICH = re.compile(r"(?!(?:customer|client|user|account|member)_)[a-z]+_(?:id|ref|reference|number|no)")


def _of_an_older_one(data: Mapping[str, Any], dated: Sequence[tuple[datetime, Mapping[str, Any]]]) -> bool:
    """Whether this event is of an older thing than the latest of its kind on the record, the kind its data names
    ("order_id"): a thing's time is its first event's (the order placed, not its refund), so "ma dernière
    commande a été remboursée ?" is not answered with the refund of the order before it."""
    for key, value in data.items():
        if not _WHICH.fullmatch(str(key)) or value in (None, ""):
            continue
        first: dict[str, datetime] = {}
        seen: dict[str, int] = {}
        for at, e in dated:
            if (v := _data(e).get(key)) not in (None, ""):
                first[_text(v)] = min(at, first.get(_text(v), at))
                seen[_text(v)] = seen.get(_text(v), 0) + 1
        # a thing the record follows through its events (an order placed, then refunded): a field whose values each
        # name one event only is that event's own ("transaction_id"), and no thing of a kind to be the latest of
        if max(seen.values(), default=0) > 1 and max(first, key=first.__getitem__) != _text(value):
            return True
    return False


# a day named by its place from today: "demain", "tomorrow", "hier", "avant-hier", "today", "ce matin"
_DAY_FROM_TODAY = (
    (re.compile(r"\b(?:apres[- ]demain|day after tomorrow)\b"), 2),
    (re.compile(r"\b(?:avant[- ]hier|day before yesterday)\b"), -2),
    (re.compile(r"\b(?:demain|tomorrow|tmrw|tmr)\b"), 1),
    (re.compile(r"\b(?:hier|yesterday|yday)\b"), -1),
    (re.compile(r"\b(?:aujourd'hui|aujourdhui|auj|today|tonight|this morning|this evening|ce matin|ce soir|"
                r"cet apres-midi|cette nuit)\b"), 0),
)
def _months_by_name() -> dict[str, int]:
    """Each month by its name, folded, in English and French, and by its first three and four letters where they name
    one month only ("avr", "sept"; not "jui")."""
    named: dict[str, set[int]] = {}
    for months in MONTHS.values():
        for i, name in enumerate(months, 1):
            for key in {fold(name), fold(name)[:3], fold(name)[:4]}:
                named.setdefault(key, set()).add(i)
    return {key: next(iter(months)) for key, months in named.items() if len(months) == 1}


_MONTH_OF = _months_by_name()
_MONTH = (r"(january|jan|janvier|janv|february|feb|fevrier|fev|march|mar|mars|april|apr|avril|avr|may|mai|june|jun|"
          r"juin|july|jul|juillet|juil|august|aug|aout|september|sept|sep|septembre|october|oct|octobre|november|nov|"
          r"novembre|december|dec|decembre)\.?")
# "16 décembre", "le 1er mars", "16th of December", "December 16"; an ISO day "2026-12-16"
_DAY_OF_MONTH = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th|er)?(?: of)? " + _MONTH + r"\b|\b" + _MONTH + r" (\d{1,2})"
                           r"(?:st|nd|rd|th)?\b(?! ?(?:h\b|:|\d))")
_ISO_DAY = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})")
# "16/12", "16/12/2026", "16.12.2026" (the day first)
_NUMERIC_DAY = re.compile(r"(?<![\d/.])(\d{1,2})(?:/(\d{1,2})(?:/\d{2,4})?|\.(\d{1,2})\.\d{2,4})(?![\d/.])")


def _month(word: str) -> int | None:
    return _MONTH_OF.get(word.rstrip(".")) or _MONTH_OF.get(word[:4]) or _MONTH_OF.get(word[:3])


def _days_in(folded: str) -> set[tuple[int, int]]:
    """The days (month, day) a (folded) text names by their date."""
    days = {(int(m), int(d)) for _, m, d in _ISO_DAY.findall(folded)}
    days |= {(int(m1 or m2), int(d)) for d, m1, m2 in _NUMERIC_DAY.findall(folded)
             if 1 <= int(m1 or m2) <= 12 and 1 <= int(d) <= 31}
    for d1, m1, m2, d2 in _DAY_OF_MONTH.findall(folded):
        month, day = _month(m1 or m2), int(d1 or d2)
        if month and 1 <= day <= 31:
            days.add((month, day))
    return days


# the words of an event's data that name which thing it is of: a reference with a digit ("CC10023400", "XYZ789",
# "AE1234") or a proper name of a short value ("Lyon–Porto", "Shinjuku Business Hotel"), not a sentence's first word
_NAMING = re.compile(r"[^\W_]*\d[\w-]*|[A-ZÀ-Ý][\w'-]+")


def _naming(data: Mapping[str, Any]) -> dict[str, set[str]]:
    """Per data field, the (folded) words that name the thing an event is of."""
    named: dict[str, set[str]] = {}
    for key, value in data.items():
        if (not isinstance(value, (str, int)) or isinstance(value, bool) or _DAY_FIELD.search(str(key))
                or _FIGURE_FIELD.search(str(key))):
            continue
        text = str(value)
        if (len(text.split()) > 8 or sum(w.isalpha() and w.islower() and len(w) >= 4 for w in text.split()) > 1
                or _ISO_DAY.search(text)):
            continue  # a summary's sentence (not a product's name: "Téléviseur Samsung QLED 55\" Q80D"); a day
        words = {fold(w) for w in _NAMING.findall(text)
                 if len(w) >= 4 and (not w.isdigit() or len(w) >= 6 or _WHICH.fullmatch(str(key)))}
        if words:
            named[str(key)] = words
    return named


# a name of its own, capitalised after a sentence's first word ("the Showcase", "Pass Mensuel"), of five letters or
# more
_PROPER = re.compile(r"(?<!^)(?<![.!?]\s)\b[A-ZÀ-Ý][a-zà-ÿ]{4,}\b")


def _phrases(data: Mapping[str, Any]) -> set[str]:
    """The (folded) phrases of two to four words an event's data gives as what it was of ("contact lenses", "séance
    d'ostéopathie"), not its days, figures and statuses of a word."""
    out = set()
    for key, value in data.items():
        if (not isinstance(value, str) or _DAY_FIELD.search(str(key)) or _FIGURE_FIELD.search(str(key))
                or _KIND_FIELD.search(str(key))):
            continue
        words = re.findall(r"[a-z]+", fold(value))
        if 2 <= len(words) <= 4 and sum(len(w) >= 4 for w in words) >= 2:
            out.add(" ".join(words))
    return out


# the data fields of a kind or a state ("type": "card_payment", "status": "pending"): no thing named
_KIND_FIELD = re.compile(r"(?:^|_)(?:type|kind|status|state|category|reason|channel|method|source)$")


def _proper_names(data: Mapping[str, Any]) -> set[str]:
    """The (folded) names of their own an event's data writes capitalised ("the Showcase": "showcase")."""
    return {fold(w) for key, value in data.items() if isinstance(value, str) and not _DAY_FIELD.search(str(key))
            for w in _PROPER.findall(value if value[:1].islower() else f"x {value}")}


# the data fields of a day ("flight_date", "delivered_on"), and of a figure ("amount_eur", "delay_hours"): no names
_DAY_FIELD = re.compile(r"(?:^|_)(?:at|on|date|day|time)$")
_FIGURE_FIELD = re.compile(r"(?:^|_)(?:amount|eur|price|count|hours?|minutes?)$")


# words too common to be a thing's name cut short ("mais" is not "Maison…")
_NOT_SHORT_FOR = frozenset({"mais", "pour", "avec", "dans", "elle", "nous", "vous", "tout", "plus", "bien", "sans",
                            "sous", "chez", "quel", "quand", "comme", "this", "that", "with", "what", "when", "have",
                            "from", "your", "they", "them", "were", "will", "just", "also", "some", "more"})


def _met(naming: set[str] | frozenset[str], words: frozenset[str]) -> set[str]:
    """The words of ``naming`` (an event's) that a message's ``words`` name: the same word, or one it cuts short by
    two letters or more ("la télé" of "Téléviseur Samsung", "l'ordi" of "Ordinateur portable")."""
    return {n for n in naming if n in words or any(
        len(w) >= 4 and len(n) >= len(w) + 2 and n.startswith(w) and w not in _NOT_SHORT_FOR for w in words)}


@dataclass(frozen=True)
class _Asked:
    """What a message names of the things on the record: their references or proper names (per data field), and
    days."""
    words: frozenset[str]
    days: frozenset[tuple[int, int]]
    named: Mapping[str, frozenset[str]]  # data field -> the words of it, across the record, the message names

    @classmethod
    def of(cls, said: str, dated: Sequence[tuple[datetime, Mapping[str, Any]]], now: datetime) -> "_Asked":
        folded = fold(said)
        words = frozenset(re.findall(r"[\w'-]+", folded))
        days = set(_days_in(folded))
        for pattern, offset in _DAY_FROM_TODAY:
            if pattern.search(folded):
                day = (now + timedelta(days=offset)).date()
                days.add((day.month, day.day))
                break
        named: dict[str, set[str]] = {}
        for _, event in dated:
            for key, naming in _naming(_data(event)).items():
                if hit := _met(naming, words):
                    named.setdefault(key, set()).update(hit)
        return cls(words, frozenset(days), {k: frozenset(v) for k, v in named.items()})

    def names(self, event: Mapping[str, Any]) -> bool:
        """Whether the message names this event's thing or day."""
        data = _data(event)
        return (any(_met(naming, self.words) for naming in _naming(data).values())
                or bool(self.days & _days_held(data)))

    def of_another(self, event: Mapping[str, Any]) -> bool:
        """Whether the message names another thing of a kind this event is of (a field of it, whose value here it does
        not name), or another day than the days its data holds."""
        data = _data(event)
        naming = _naming(data)
        if (self.days and (held := _days_held(data)) and not self.days & held
                and not any(_met(words, self.words) for words in naming.values())):
            return True  # (a reference or a name it names is this event's whatever day is said beside it)
        return any(key in self.named and not words & self.named[key] for key, words in naming.items())


def _days_held(data: Mapping[str, Any]) -> set[tuple[int, int]]:
    """The days (month, day) an event's data holds in its fields of a day ("flight_date": "2026-12-16" or "16
    décembre 2026")."""
    return {day for key, value in data.items() if isinstance(value, str) and _DAY_FIELD.search(str(key))
            for day in _days_in(fold(value))}


def _held(event: Mapping[str, Any]) -> set[float]:
    """The amounts an event's euro fields hold, to the cent."""
    return {round(a, 2) for k, v in _data(event).items() if str(k).endswith("_eur") and (a := _amount(v)) is not None}


def _data(event: Mapping[str, Any]) -> Mapping[str, Any]:
    """An event's data, or nothing when it has none or it is not a mapping."""
    data = event.get("data")
    return data if isinstance(data, Mapping) else {}


def _matches(note: EventNote, event: Mapping[str, Any]) -> bool:
    """Whether ``event`` has the values ``note`` asks of it (``match``: an open ticket, not a resolved one)."""
    data = _data(event)
    return all(_text(data.get(k)) in wanted for k, wanted in note.match.items())


def _same_but_day(template: str, event: Mapping[str, Any], at: datetime, values: Mapping[str, str],
                  language: str) -> bool:
    """Whether ``event`` says, in ``template``'s fields, what ``values`` (another event's) say, but for the day."""
    theirs = _values(template, _data(event), at, language)
    return theirs is not None and {k: v for k, v in theirs.items() if k != "date"} == {
        k: v for k, v in values.items() if k != "date"}


_OPEN = frozenset({"open", "pending", "in_progress", "waiting", "new", "opened", "reopened"})


def _reference(data: Mapping[str, Any]) -> str | None:
    """A request's own id in its event's data, where the CRM gives one."""
    ref = next((data.get(k) for k in ("id", "ticket_id", "case_id", "reference", "ref", "number") if data.get(k)), None)
    return str(ref) if ref is not None else None
_REQUESTS_DAYS = 90  # a request older than this, still marked open, is the file's, not one being followed


# a request's events as a CRM names them: "ticket" with a status, or "ticket_opened", "case_closed", "complaint_created"
_REQUEST_EVENT = re.compile(r"(?:support_)?(?:ticket|case|request|complaint|demande|reclamation)"
                            r"(?:_(opened|created|reopened|updated|closed|resolved|cancelled|canceled))?")
_CLOSED_BY = frozenset({"closed", "resolved", "cancelled", "canceled"})


def keeps_requests(events: Sequence[Mapping[str, Any]]) -> bool:
    """Whether the record holds the customer's requests at all (a CRM that exports none says nothing of them)."""
    return any(_REQUEST_EVENT.fullmatch(str(e.get("type") or "").lower()) for e in events)


def open_requests(events: Sequence[Mapping[str, Any]], language: str, now: datetime | None = None) -> list[str]:
    """The customer's requests still open, latest first, as the bot tells them: "the request you made on 26 November
    (“GBP transfer … not yet received”)" / "la demande du 26 novembre (« … »)". A request is open by its status, or
    by its event's name ("ticket_opened"), until an event of the same id closes it ("ticket_closed")."""
    now = now or datetime.now(timezone.utc)
    closed = {str(ref) for e in events
              if (m := _REQUEST_EVENT.fullmatch(str(e.get("type") or "").lower())) is not None
              and m.group(1) in _CLOSED_BY and (ref := _reference(e.get("data") or {})) is not None}
    told = []
    for event in events:
        data = event.get("data") or {}
        named = _REQUEST_EVENT.fullmatch(str(event.get("type") or "").lower())
        if named is None:
            continue
        status = str(data.get("status", "")).lower() or ("closed" if named.group(1) in _CLOSED_BY else
                                                        "open" if named.group(1) else "")
        if status not in _OPEN or _reference(data) in closed:
            continue
        if (at := _when(event)) is None or now - at > timedelta(days=_REQUESTS_DAYS):
            continue
        summary = _text(data.get("summary") or data.get("subject") or data.get("title") or "")[:_FIELD_CHARS]
        summary = summary.rstrip(".")
        day = _day(at, language)
        if language == "fr":
            told.append((at, f"la demande du {day}" + (f" (« {summary} »)" if summary else "") + ", toujours en cours"))
        else:
            told.append((at, f"the request you made on {day}" + (f" (“{summary}”)" if summary else "")
                         + ", still open"))
    return [t for _, t in sorted(told, key=lambda p: p[0], reverse=True)]
