"""The demo customers' events are dated from the day the demo is loaded."""
from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone
from pathlib import Path

from assistant.demo import DEMO_LAG, as_of_now

DEMO = Path(__file__).resolve().parents[2] / "configs" / "demo" / "customers.json"


def _customers() -> list[dict]:
    return json.loads(DEMO.read_text(encoding="utf-8"))["customers"]


def test_the_latest_demo_event_is_recent_and_the_gaps_between_events_are_kept() -> None:
    now = datetime(2027, 6, 15, 10, 30, tzinfo=timezone.utc)
    written = _customers()
    moved = _customers()
    as_of_now(moved, now)
    at = [e["at"] for c in moved for e in c["events"]]
    assert max(at).date() == (now - DEMO_LAG).date()
    before = [datetime.fromisoformat(e["at"].replace("Z", "+00:00")) for c in written for e in c["events"]]
    shifts = {b2 - b1 for b1, b2 in zip(before, at)}
    assert len(shifts) == 1 and next(iter(shifts)) % timedelta(days=1) == timedelta(0)  # whole days: times kept
    # a trip under way is still under way: its return date moved with it
    tom = next(c for c in moved if c["id"] == "demo-tom-eriksen")
    trip = next(e for e in tom["events"] if e["type"] == "trip")
    assert trip["at"] < now < datetime.fromisoformat(trip["data"]["return_date"]).replace(tzinfo=timezone.utc)
    # his card was declined at the hotel last night, as he will say
    declined = next(e for e in tom["events"] if e["type"] == "payment_declined")
    assert declined["at"].date() == (now - timedelta(days=1)).date()


def test_demo_events_newer_than_the_lag_are_left_as_written() -> None:
    moved = _customers()
    as_of_now(moved, datetime(2026, 1, 1, tzinfo=timezone.utc))  # before the demo's own dates
    written = _customers()
    assert [e["at"].isoformat().replace("+00:00", "Z") for c in moved for e in c["events"]] == [
        e["at"] for c in written for e in c["events"]]
