"""Supervision: the escalation log (JSON or CSV) and the KPIs."""
from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone

from aiohttp import web

from assistant.errors import ValidationFailed
from assistant.pii import redact
from assistant.views.common import ok, require, services
from handoff.packet import masked_evidence
from handoff.policy import REASONS
from handoff.supervision import escalations, escalations_csv, kpis


_DATE_ONLY = re.compile(r"^\d{4}-?\d{2}-?\d{2}$")
_SPACED_OFFSET = re.compile(r"(?<=\d) (\d{2}:?\d{2})$")


def _when(request: web.Request, name: str) -> datetime | None:
    raw = request.query.get(name)
    if not raw:
        return None
    # "+01:00" unescaped in a query string arrives as " 01:00"
    raw = _SPACED_OFFSET.sub(r"+\1", raw.strip())
    try:
        value = datetime.fromisoformat(raw.replace("Z", "+00:00"))
        if name == "until" and _DATE_ONLY.match(raw.strip()):  # a date alone: until the end of that day
            value += timedelta(days=1)
        # compared in UTC, as stored: "18:02+01:00" is 17:02 UTC
        return value.astimezone(timezone.utc) if value.tzinfo else value.replace(tzinfo=timezone.utc)
    except (ValueError, OverflowError):
        raise ValidationFailed(f"{name} must be an ISO 8601 date or time before 9999-12-31") from None


_OUTCOMES = ("resolved", "handback", "withdrawn", "open")  # open: not closed yet


def _masked(rows: list[dict]) -> list[dict]:
    """The customer's words in each escalation's evidence masked as in the handoff packet: the log is
    read and exported by supervisors."""
    out = [{**row, "evidence": masked_evidence(row["evidence"], redact)} if isinstance(row.get("evidence"), dict)
           else row for row in rows]
    # the topic may be the customer's own words; the advisor's note may quote them
    return [{**row, **{k: redact(row[k]) for k in ("topic", "note") if row.get(k)}} for row in out]


def _period(request: web.Request) -> tuple[datetime | None, datetime | None]:
    since, until = _when(request, "since"), _when(request, "until")
    if since is not None and until is not None and since > until:
        raise ValidationFailed("since must not be after until")
    return since, until


def _once(request: web.Request, *keys: str) -> None:
    """A filter given twice (``?reason=a&reason=b``) read only its first value: refused instead."""
    for key in keys:
        if len(request.query.getall(key, [])) > 1:
            raise ValidationFailed(f"{key} is given more than once: one value a filter")


async def list_escalations(request: web.Request) -> web.StreamResponse:
    await require(request, "supervisor")
    _once(request, "format", "outcome", "reason", "agent", "since", "until")
    fmt = request.query.get("format", "json")
    if fmt not in ("json", "csv"):
        raise ValidationFailed("format must be json or csv")
    outcome = request.query.get("outcome") or None
    if outcome not in (None, *_OUTCOMES):
        raise ValidationFailed(f"outcome must be one of {', '.join(_OUTCOMES)}")
    reason = request.query.get("reason") or None
    if reason not in (None, *REASONS):
        raise ValidationFailed(f"reason must be one of {', '.join(REASONS)}")
    since, until = _period(request)
    async with services(request).db.session() as s:
        rows = await escalations(
            s, since=since, until=until,
            reason=reason, agent=request.query.get("agent") or None,
            outcome=outcome,
        )
    rows = _masked(rows)
    if fmt == "csv":
        return web.Response(
            text=escalations_csv(rows), content_type="text/csv", charset="utf-8",
            headers={"Content-Disposition": 'attachment; filename="escalations.csv"'},
        )
    return ok({"escalations": rows})


async def get_kpis(request: web.Request) -> web.Response:
    await require(request, "supervisor")
    since, until = _period(request)
    async with services(request).db.session() as s:
        return ok(await kpis(s, since=since, until=until))
