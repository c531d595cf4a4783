"""A company's rules file (escalation.toml, tone.toml) read over the shipped one.

The company's file holds what it changes; every table and value it leaves out is the shipped one's. A file that is
not TOML, or a value of another type than the shipped one's (``consecutive = "deux"``), stops the start with the file
and the key named; a key the shipped file does not have (``[formalty]``, ``greting``) is logged, not used.
"""
from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

import structlog


class RulesError(ValueError):
    """A rules file that cannot be used as written: its path and what is wrong, in one line."""


def read_toml(path: Path) -> dict[str, Any]:
    """``path``'s tables, or a ``RulesError`` naming the file and the line."""
    try:
        with path.open("rb") as f:
            return tomllib.load(f)
    except tomllib.TOMLDecodeError as exc:
        raise RulesError(f"{path}: not valid TOML: {exc}") from None
    except OSError as exc:
        raise RulesError(f"{path}: {exc.strerror or exc}") from None


def over(base: dict[str, Any], own: dict[str, Any]) -> dict[str, Any]:
    """``own`` over ``base``, table by table (a list or a value of ``own`` replaces ``base``'s whole)."""
    out = dict(base)
    for key, value in own.items():
        out[key] = over(out[key], value) if isinstance(value, dict) and isinstance(out.get(key), dict) else value
    return out


def load_rules(path: Path, defaults: Path | None = None) -> dict[str, Any]:
    """The rules of ``path`` over ``defaults`` (the shipped file; none, or ``path`` itself: ``path``'s alone), each of
    its values checked against the shipped one's type."""
    own = read_toml(path)
    if defaults is None or not defaults.exists() or defaults.resolve() == path.resolve():
        return own
    base = read_toml(defaults)
    _check_types(own, base, path)
    for key in unknown_keys(own, base):
        structlog.get_logger("tandem.config").warning("config.unknown_key", file=str(path), key=key,
                                                      hint=f"not in {defaults.name}: a misspelling is not used")
    return over(base, own)


def _kind(value: Any) -> str:
    if isinstance(value, bool):
        return "true or false"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a table"
    return type(value).__name__


def _check_types(own: dict[str, Any], base: dict[str, Any], path: Path, at: tuple[str, ...] = ()) -> None:
    kinds = {_kind(v) for v in base.values()}
    for key, value in own.items():
        if key not in base:
            # a key of the company's own in a table whose every value is of one kind (the topics' weights, a
            # register's phrases): of that kind too (``sim_swap = "haute"``, ``topic_sim_swap = 3``)
            if at and len(kinds) == 1 and (kind := next(iter(kinds))) in ("a number", "text") and _kind(value) != kind:
                raise RulesError(f"{path}: {'.'.join((*at, key))} should be {kind}, not {value!r}")
            continue
        shipped = base[key]
        if _kind(value) != _kind(shipped):
            raise RulesError(f"{path}: {'.'.join((*at, key))} should be {_kind(shipped)}, not {value!r}")
        if isinstance(value, dict):
            _check_types(value, shipped, path, (*at, key))


def unknown_keys(own: dict[str, Any], base: dict[str, Any], at: tuple[str, ...] = ()) -> list[str]:
    """The keys of ``own`` that ``base`` does not have, where ``base``'s keys are a fixed set: not among a map's own
    keys (languages, registers, tiers' weights), whose values are all tables or all numbers."""
    values = list(base.values())
    # a map of the company's own: an empty table shipped (``[sensitive_topic] words``), languages, weights
    # (not the languages and registers of [words]: a phrase is said in the four the policy speaks, so that
    # ``[words.fr.formal]`` for ``[words.fr.vous]`` is named, not left unsaid)
    free = bool(at) and at[:1] != ("words",) and (not values or all(isinstance(v, dict) for v in values)
                                                   or all(_kind(v) == "a number" for v in values))
    out: list[str] = []
    for key, value in own.items():
        if key in base:
            if isinstance(value, dict) and isinstance(base[key], dict):
                out += unknown_keys(value, base[key], (*at, key))
        elif not free and not key.startswith("topic_") and not (key.startswith(("product_", "attribute_"))
                                                                 and at[:1] == ("words",)):
            # (the words of a company's own topic are its own, and so are the names of its products and of the
            # attributes of its customers' files, in [words])
            out.append(".".join((*at, key)))
    return out
