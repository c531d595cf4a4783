"""What an answer tells of the customer's own recent events (assistant/record.py, configs/events.toml)."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from assistant.record import EventsConfigError, RecordNotes

NOW = datetime(2026, 12, 4, 9, 0, tzinfo=timezone.utc)
SHIPPED = Path(__file__).resolve().parents[2] / "configs" / "events.toml"


def _declined(days: float, **data: object) -> dict[str, object]:
    return {"type": "payment_declined", "at": (NOW - timedelta(days=days)).isoformat(),
            "data": {"merchant": "Shinjuku Business Hotel", "amount_eur": 297.3, **data}}


def test_the_shipped_file_tells_why_a_payment_was_declined_in_the_customer_s_language() -> None:
    notes = RecordNotes.load(SHIPPED)
    events = [_declined(6, reason="payments_abroad_disabled")]
    en = notes.note(events, "card-declined", "en", NOW)
    assert en is not None and en.startswith(
        "I can see that your payment of €297.30 at Shinjuku Business Hotel was declined on 28 November. "
        "Payments abroad are switched off on your card")
    fr = notes.note(events, "card-declined-fr", "fr", NOW)
    assert fr is not None and fr.startswith("Je vois que votre paiement de 297,30 € chez Shinjuku Business Hotel a "
                                            "été refusé le 28 novembre. Les paiements à l'étranger sont désactivés")
    # a reason the file does not know: the facts alone
    assert notes.note([_declined(1, reason="other")], "card-declined", "en", NOW) == (
        "I can see that your payment of €297.30 at Shinjuku Business Hotel was declined on 3 December.")


def test_only_a_recent_event_that_belongs_with_the_answer_and_has_what_its_sentence_names() -> None:
    notes = RecordNotes.load(SHIPPED)
    assert notes.note([_declined(20)], "card-declined", "en", NOW) is None          # too long ago
    assert notes.note([_declined(1)], "roaming-en", "en", NOW) is None              # another matter
    assert notes.note([_declined(1)], "card-declined", "de", NOW) is None           # no sentence in German
    no_merchant = {**_declined(1), "data": {"amount_eur": 12}}
    assert notes.note([no_merchant], "card-declined", "en", NOW) is None            # never "at None"
    assert notes.note([{**_declined(1), "data": ["not", "a", "table"]}], "card-declined", "en", NOW) is None
    assert notes.note([_declined(-1)], "card-declined", "en", NOW) is None          # not yet happened
    # the latest one that fits is told
    latest = notes.note([_declined(9, merchant="Earlier Shop"), _declined(2, merchant="Later Shop")],
                        "card-declined", "en", NOW)
    assert latest is not None and "Later Shop" in latest


@pytest.mark.parametrize(("raw", "message"), [
    ({"event": [{"type": "x", "documents": ["d"]}]}, "say"),
    ({"event": [{"type": "x", "say": {"en": "{merchant.__class__}"}, "documents": ["d"]}]}, "plain field"),
    ({"event": [{"type": "x", "say": {"en": "{amount:>10}"}, "documents": ["d"]}]}, "plain field"),
    ({"event": [{"type": "x", "say": {"en": "ok"}, "documents": ["d"], "within_days": 0}]}, "above 0"),
    ({"event": [{"type": "x", "say": {"en": "ok"}, "documents": ["d"], "because": {"r": {"en": "{x}"}}}]},
     "no fields"),
])
def test_an_events_file_that_cannot_be_used_is_refused_when_loaded(raw: dict, message: str) -> None:
    with pytest.raises(EventsConfigError, match=message):
        RecordNotes.from_dict(raw)
