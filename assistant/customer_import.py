"""Reading customers from a CRM export: JSONL (one customer a line) or CSV.

JSONL lines carry the API's fields (``id``, ``name``, ``language``, ``segment``,
``tier``, ``products``, ``consents``, ``attributes``) and optionally ``events``.
CSV columns: ``id`` (or ``customer_id``), the same scalar fields, ``products``
separated by ``|`` or ``;``, ``consent_personalization`` (or ``consent_personalisation``,
``personalization_consent``…) / ``consent_marketing`` (true/false/yes/no/1/0/oui); any other
column becomes an attribute. JSONL lines may give the consents flat in the same names.
"""
from __future__ import annotations

import json
import re
from datetime import datetime
from pathlib import Path
from typing import Any

from assistant.schemas import CustomerEventIn, CustomerIn
from knowledge.ingest import csv_rows

Imported = tuple[str, dict[str, Any], list[dict[str, Any]]]
_SCALARS = ("name", "language", "segment", "tier")
_TRUE = {"true", "yes", "1", "y", "oui", "vrai", "x", "o"}


def _consent(value: Any) -> Any:
    """A CRM export's consent ("true", "oui", 1, 0) as the boolean the API takes; anything else as is
    (and refused by the API's rules)."""
    if isinstance(value, str):
        return value.strip().lower() in _TRUE
    if isinstance(value, int) and not isinstance(value, bool) and value in (0, 1):
        return bool(value)
    return value


def _profile(raw: dict[str, Any]) -> dict[str, Any]:
    if isinstance(raw.get("consents"), dict):
        raw = {**raw, "consents": {k: _consent(v) for k, v in raw["consents"].items()}}
    body = CustomerIn.model_validate(raw)  # the API's own rules
    fields = body.model_dump(exclude_unset=True)
    if fields.get("consents") is not None:
        fields["consents"] = {k: v for k, v in fields["consents"].items() if v is not None}
    return {k: v for k, v in fields.items() if v is not None}


def _events(raw: list[dict[str, Any]]) -> list[dict[str, Any]]:
    out = []
    for e in raw:
        ev = CustomerEventIn.model_validate(e).model_dump()
        if isinstance(ev.get("at"), str):
            ev["at"] = datetime.fromisoformat(ev["at"].replace("Z", "+00:00"))
        out.append(ev)
    return out


# a consent's column as CRM exports spell it: "consent_personalisation", "personalization_consent", "marketing"
_CONSENT_COLUMNS = {
    "personalization": ("consent_personalization", "consent_personalisation", "personalization_consent",
                        "personalisation_consent", "personalization", "personalisation"),
    "marketing": ("consent_marketing", "marketing_consent", "marketing"),
}
_LIST = re.compile(r"[|;]")  # products separated by "|" or ";"


def _flat_consents(raw: dict[str, Any]) -> dict[str, Any]:
    """A JSONL line's consents given flat ("consent_personalization": true) as the API's ``consents``."""
    consents = dict(raw["consents"]) if isinstance(raw.get("consents"), dict) else {}
    for key, names in _CONSENT_COLUMNS.items():
        for name in names:
            # a bare "marketing" is a consent only as a yes or a no (not a table of the CRM's own)
            if name in raw and (name != key or isinstance(raw[name], (bool, str, int))):
                consents.setdefault(key, raw.pop(name))
    return {**raw, "consents": consents} if consents else raw


def _from_csv_row(row: dict[str, str]) -> Imported:
    row = {k.strip().lower(): (v or "").strip() for k, v in row.items() if k}
    customer_id = row.pop("id", "") or row.pop("customer_id", "")
    if not customer_id:
        raise ValueError("a CSV row has no id")
    raw: dict[str, Any] = {k: row.pop(k) for k in _SCALARS if row.get(k)}
    if row.get("products"):
        raw["products"] = [p.strip() for p in _LIST.split(row.pop("products")) if p.strip()]
    consents = {}
    for key, names in _CONSENT_COLUMNS.items():
        value = next((row.pop(name) for name in names if name in row), "")
        if value:
            consents[key] = value.lower() in _TRUE
    if consents:
        raw["consents"] = consents
    row.pop("products", None)
    attributes = {k: v for k, v in row.items() if v}
    if attributes:
        raw["attributes"] = attributes
    return customer_id, _profile(raw), []


def read_customers(path: Path) -> list[Imported]:
    """The customers (and their events) of a CRM export; ValueError naming the file and the line when one cannot be
    read."""
    if not path.is_file():
        raise ValueError(f"{path}: no such file")
    suffix = path.suffix.lower()
    if suffix == ".jsonl":
        out: list[Imported] = []
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            try:
                raw = json.loads(line)
            except json.JSONDecodeError as exc:
                raise ValueError(f"{path}:{n}: not JSON ({exc.msg})") from exc
            if not isinstance(raw, dict):
                raise ValueError(f"{path}:{n}: not a JSON object")
            customer_id = str(raw.pop("id", "") or raw.pop("customer_id", ""))
            if not customer_id:
                raise ValueError(f"{path}:{n}: no id")
            raw = _flat_consents(raw)
            try:
                out.append((customer_id, _profile(raw), _events(raw.pop("events", []) or [])))
            except ValueError as exc:  # pydantic's ValidationError among them: say where
                raise ValueError(f"{path}:{n}: {exc}") from exc
        return out
    if suffix == ".csv":
        header, lines = csv_rows(path)
        if lines and not {"id", "customer_id"} & {c.strip().lower() for c in header}:
            raise ValueError(f"{path}: no id column (found: {', '.join(header)})")
        rows: list[Imported] = []
        for line, r in lines:
            try:
                rows.append(_from_csv_row(r))
            except ValueError as exc:
                raise ValueError(f"{path}:{line}: {exc}") from exc
        return rows
    raise ValueError(f"{path}: use .csv or .jsonl")
