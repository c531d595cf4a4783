"""A small, safe expression language for eligibility rules in configs/actions.toml.

Rules read like Python and are parsed by this module, never by ``eval``:

    tier == "premium" and "card" in products and not has("travel_insurance")
    sentiment < -0.3 or reason in ["negative_trend", "premium_upset"]
    recent("trip", 30) > 0 and consents.marketing

Grammar (lowest precedence first)::

    expr    := or
    or      := and ("or" and)*
    and     := not ("and" not)*
    not     := "not" not | compare
    compare := value (("==" | "!=" | "<" | "<=" | ">" | ">=" | "in" | "not in") value)?
    value   := NUMBER | STRING | "true" | "false" | "null" | list | call | name | "(" expr ")" | "-" value
    list    := "[" (expr ("," expr)*)? "]"
    call    := NAME "(" (expr ("," expr)*)? ")"          only the functions given to ``compile``
    name    := NAME ("." NAME)*                           a path into the context; missing → null

Comparisons between values of different kinds (a number and null, say) are
false rather than errors, so a rule over a thin profile simply does not match.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

Node = Callable[[Mapping[str, Any]], Any]

_TOKEN = re.compile(
    r"""\s*(?:
        (?P<number>\d+(?:\.\d+)?)
      | (?P<string>"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*')
      | (?P<op>==|!=|<=|>=|<|>|\(|\)|\[|\]|,|-)
      | (?P<name>[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*)
    )""",
    re.VERBOSE,
)
_KEYWORDS = {"and", "or", "not", "in", "true", "false", "null"}
MAX_LENGTH = 2000


class ExpressionError(ValueError):
    """A rule that does not parse, or calls a function that does not exist."""


@dataclass(frozen=True)
class _Tok:
    kind: str  # number | string | op | name | kw | end
    value: str
    pos: int


def _tokens(source: str) -> list[_Tok]:
    out: list[_Tok] = []
    pos = 0
    while pos < len(source):
        if source[pos:].strip() == "":
            break
        m = _TOKEN.match(source, pos)
        if not m or m.end() == pos:
            raise ExpressionError(f"unexpected character at {pos}: {source[pos:pos + 10]!r}")
        kind = m.lastgroup or ""
        value, start = m.group(kind), m.start(kind)
        if kind == "name" and value in _KEYWORDS:
            kind = "kw"
        out.append(_Tok(kind, value, start))
        pos = m.end()
    out.append(_Tok("end", "", len(source)))
    return out


def _same_kind(a: Any, b: Any) -> bool:
    numeric = (int, float)
    if isinstance(a, bool) or isinstance(b, bool):
        return isinstance(a, bool) and isinstance(b, bool)
    if isinstance(a, numeric) and isinstance(b, numeric):
        return True
    return type(a) is type(b)


def _compare(op: str, a: Any, b: Any) -> bool:
    if op == "==":
        return bool(a == b)
    if op == "!=":
        return bool(a != b)
    if op in ("in", "not in"):
        try:
            found = a in b if b is not None else False
        except TypeError:
            found = False
        return found if op == "in" else not found
    if a is None or b is None or not _same_kind(a, b):
        return False
    try:
        return bool({"<": a < b, "<=": a <= b, ">": a > b, ">=": a >= b}[op])
    except TypeError:
        return False


def _lookup(path: tuple[str, ...]) -> Node:
    def get(ctx: Mapping[str, Any]) -> Any:
        cur: Any = ctx
        for part in path:
            if isinstance(cur, Mapping):
                cur = cur.get(part)
            else:
                return None
        return cur

    return get


MAX_DEPTH = 40  # nested parentheses, lists, calls, "not" and "-"


class _Parser:
    def __init__(self, source: str, functions: Mapping[str, Callable[..., Any]]) -> None:
        self.toks = _tokens(source)
        self.i = 0
        self.functions = functions
        self.depth = 0

    def deeper(self) -> None:
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise ExpressionError(f"a rule nests at most {MAX_DEPTH} levels")

    def value(self) -> Node:
        self.deeper()
        try:
            return self._value()
        finally:
            self.depth -= 1

    def peek(self, kind: str | None = None, value: str | None = None) -> bool:
        t = self.toks[self.i]
        return (kind is None or t.kind == kind) and (value is None or t.value == value)

    def take(self, kind: str | None = None, value: str | None = None) -> _Tok:
        t = self.toks[self.i]
        if not self.peek(kind, value):
            want = value or kind
            raise ExpressionError(f"expected {want} at {t.pos}, found {t.value or 'the end'!r}")
        self.i += 1
        return t

    def parse(self) -> Node:
        node = self.or_()
        self.take("end")
        return node

    def or_(self) -> Node:
        parts = [self.and_()]
        while self.peek("kw", "or"):
            self.take()
            parts.append(self.and_())
        if len(parts) == 1:
            return parts[0]
        return lambda ctx: any(bool(p(ctx)) for p in parts)

    def and_(self) -> Node:
        parts = [self.not_()]
        while self.peek("kw", "and"):
            self.take()
            parts.append(self.not_())
        if len(parts) == 1:
            return parts[0]
        return lambda ctx: all(bool(p(ctx)) for p in parts)

    def not_(self) -> Node:
        if self.peek("kw", "not"):
            self.take()
            self.deeper()
            try:
                inner = self.not_()
            finally:
                self.depth -= 1
            return lambda ctx: not bool(inner(ctx))
        return self.compare()

    def compare(self) -> Node:
        left = self.value()
        op = None
        if self.peek("op") and self.toks[self.i].value in ("==", "!=", "<", "<=", ">", ">="):
            op = self.take().value
        elif self.peek("kw", "in"):
            self.take()
            op = "in"
        elif self.peek("kw", "not") and self.toks[self.i + 1].kind == "kw" and self.toks[self.i + 1].value == "in":
            self.take()
            self.take()
            op = "not in"
        if op is None:
            return left
        right = self.value()
        return lambda ctx: _compare(op, left(ctx), right(ctx))

    def _value(self) -> Node:
        t = self.toks[self.i]
        if t.kind == "number":
            self.take()
            num: float | int = float(t.value) if "." in t.value else int(t.value)
            return lambda ctx: num
        if t.kind == "string":
            self.take()
            text = re.sub(r"\\(.)", r"\1", t.value[1:-1])
            return lambda ctx: text
        if t.kind == "kw" and t.value in ("true", "false", "null"):
            self.take()
            const = {"true": True, "false": False, "null": None}[t.value]
            return lambda ctx: const
        if t.kind == "op" and t.value == "-":
            self.take()
            inner = self.value()

            def neg(ctx: Mapping[str, Any]) -> Any:
                v = inner(ctx)
                return -v if isinstance(v, (int, float)) and not isinstance(v, bool) else None

            return neg
        if t.kind == "op" and t.value == "(":
            self.take()
            node = self.or_()
            self.take("op", ")")
            return node
        if t.kind == "op" and t.value == "[":
            self.take()
            items: list[Node] = []
            if not self.peek("op", "]"):
                items.append(self.or_())
                while self.peek("op", ","):
                    self.take()
                    items.append(self.or_())
            self.take("op", "]")
            return lambda ctx: [item(ctx) for item in items]
        if t.kind == "name":
            self.take()
            if self.peek("op", "("):
                return self.call(t)
            return _lookup(tuple(t.value.split(".")))
        raise ExpressionError(f"unexpected {t.value or 'end'!r} at {t.pos}")

    def call(self, name: _Tok) -> Node:
        fn = self.functions.get(name.value)
        if fn is None:
            raise ExpressionError(f"unknown function {name.value!r} at {name.pos}")
        self.take("op", "(")
        args: list[Node] = []
        if not self.peek("op", ")"):
            args.append(self.or_())
            while self.peek("op", ","):
                self.take()
                args.append(self.or_())
        self.take("op", ")")

        def apply(ctx: Mapping[str, Any]) -> Any:
            try:
                return fn(ctx, *(a(ctx) for a in args))
            except (TypeError, ValueError, OverflowError):
                return None

        return apply


@dataclass(frozen=True)
class Rule:
    source: str
    _node: Node

    def __call__(self, ctx: Mapping[str, Any]) -> bool:
        return bool(self._node(ctx))


def compile_rule(source: str, functions: Mapping[str, Callable[..., Any]] | None = None) -> Rule:
    """Parse ``source`` once; the rule is then evaluated against a context mapping.

    ``functions`` maps a name to ``fn(ctx, *args)``. An empty rule is always true.
    """
    if len(source) > MAX_LENGTH:
        raise ExpressionError(f"a rule is at most {MAX_LENGTH} characters")
    if not source.strip():
        return Rule(source, lambda ctx: True)
    return Rule(source, _Parser(source, functions or {}).parse())
