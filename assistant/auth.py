"""Who is calling: the admin token, issued role tokens, and signed conversation tokens.

Token formats (all opaque to clients):

- issued role tokens: ``tdm_<random>``, stored by SHA-256 with a subject, roles and an expiry; the
  hash is the token's public id, by which an admin lists and revokes it;
- conversation tokens: ``cv1.<conversation_id>.<hmac>``, granting that conversation alone;
- resume tokens: ``rs1.<conversation_id>.<version>.<hmac>``; each resume rotates the
  version, so a used resume token stops working;
- customer assertions, minted by the company's own back end to vouch for a customer
  on ``POST /v1/conversations``: ``<base64url(customer_id)>.<expiry unix s>.<hmac>``,
  where hmac = hex HMAC-SHA256(secret, "cust:" + customer_id + ":" + expiry).
"""
from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
import time
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone

from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from assistant.errors import Forbidden, Unauthorized
from assistant.models import ApiToken
from handoff.models import as_utc

ROLES = ("admin", "agent", "supervisor")
_ISSUED = "tdm_"  # an issued role token's prefix


@dataclass(frozen=True)
class Principal:
    subject: str
    roles: frozenset[str] = field(default_factory=frozenset)
    conversation_id: str | None = None

    @property
    def is_admin(self) -> bool:
        return "admin" in self.roles

    def has(self, *roles: str) -> bool:
        return self.is_admin or any(r in self.roles for r in roles)

    def require(self, *roles: str) -> None:
        if not self.has(*roles):
            raise Forbidden(f"this call needs the role {' or '.join(roles)}")

    def may_speak_in(self, conversation_id: str) -> bool:
        """Whether a message from this caller is the customer's: their conversation's token, or an
        admin (a channel bridge posting for its customers). Agents answer through their handoff."""
        return self.conversation_id == conversation_id or self.is_admin

    def require_conversation(self, conversation_id: str, *, write: bool = False) -> None:
        """Staff may read any conversation; a conversation token only its own; only the customer
        (or an admin) speaks in it."""
        if write:
            if self.may_speak_in(conversation_id):
                return
            raise Forbidden("only the customer's conversation token may post customer messages")
        if self.conversation_id == conversation_id or self.has("agent", "supervisor"):
            return
        raise Forbidden("this token does not grant access to that conversation")


ANONYMOUS = Principal("anonymous")


def _b64(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


class Signer:
    def __init__(self, secret: str) -> None:
        self._key = secret.encode()

    def sign(self, message: str) -> str:
        return _b64(hmac.new(self._key, message.encode(), hashlib.sha256).digest()[:20])

    def verify(self, message: str, signature: str) -> bool:
        return hmac.compare_digest(self.sign(message), signature)

    # conversation tokens
    def conversation_token(self, conversation_id: str) -> str:
        return f"cv1.{conversation_id}.{self.sign('conv:' + conversation_id)}"

    def read_conversation_token(self, token: str) -> str | None:
        parts = token.split(".")
        if len(parts) == 3 and parts[0] == "cv1" and self.verify("conv:" + parts[1], parts[2]):
            return parts[1]
        return None

    # resume tokens
    def resume_token(self, conversation_id: str, version: int) -> str:
        return f"rs1.{conversation_id}.{version}.{self.sign(f'resume:{conversation_id}:{version}')}"

    def read_resume_token(self, token: str) -> tuple[str, int] | None:
        parts = token.split(".")
        if len(parts) != 4 or parts[0] != "rs1" or not parts[2].isdigit():
            return None
        if not self.verify(f"resume:{parts[1]}:{parts[2]}", parts[3]):
            return None
        return parts[1], int(parts[2])

    # customer assertions
    def customer_assertion(self, customer_id: str, ttl_s: int = 300) -> str:
        expiry = int(time.time()) + ttl_s
        sig = hmac.new(self._key, f"cust:{customer_id}:{expiry}".encode(), hashlib.sha256).hexdigest()
        return f"{_b64(customer_id.encode())}.{expiry}.{sig}"

    def read_customer_assertion(self, assertion: str, max_age_s: int) -> str | None:
        parts = assertion.split(".")
        if len(parts) != 3 or not parts[1].isdigit():
            return None
        try:
            customer_id = _unb64(parts[0]).decode()
        except (ValueError, UnicodeDecodeError):
            return None
        expiry = int(parts[1])
        now = time.time()
        if expiry < now or expiry > now + max_age_s:
            return None
        good = hmac.new(self._key, f"cust:{customer_id}:{expiry}".encode(), hashlib.sha256).hexdigest()
        return customer_id if hmac.compare_digest(good, parts[2]) else None


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


# How long a worker trusts what it read of an issued token: a token revoked through another worker
# (or expired) stops working here within this time; through this worker, at once.
_RECHECK_S = 30.0


@dataclass(frozen=True)
class _Known:
    principal: Principal
    expires: float | None  # unix s; None: never
    read_at: float  # monotonic


class Authenticator:
    """Turns a bearer token into a Principal; raises Unauthorized for unknown tokens."""

    def __init__(self, signer: Signer, admin_token: str | None, token_ttl_s: float | None = None) -> None:
        self.signer = signer
        self._admin = admin_token
        self._ttl_s = token_ttl_s or None
        self._issued: dict[str, _Known] = {}
        self._revocations = 0  # a read that began before a revocation here is not remembered

    async def issue(self, session: AsyncSession, subject: str, roles: list[str],
                    ttl_s: float | None = None) -> tuple[str, ApiToken]:
        token = _ISSUED + secrets.token_urlsafe(24)
        ttl = ttl_s or self._ttl_s
        expires = datetime.now(timezone.utc) + timedelta(seconds=ttl) if ttl else None
        row = ApiToken(token_hash=hash_token(token), subject=subject, roles=sorted(set(roles)), expires_at=expires)
        session.add(row)
        return token, row

    async def issued(self, session: AsyncSession) -> list[ApiToken]:
        rows = await session.exec(select(ApiToken).order_by(ApiToken.created_at))  # type: ignore[arg-type]
        return list(rows)

    async def revoke(self, session_factory, token_id: str) -> bool:  # type: ignore[no-untyped-def]
        """Deletes the token; this worker refuses it from now on (a read of it in flight is not kept)."""
        async with session_factory() as s:
            row = await s.get(ApiToken, token_id)
            if row is None:
                return False
            await s.delete(row)
        self._revocations += 1
        self._issued.pop(token_id, None)
        return True

    @staticmethod
    def may_lapse(token: str) -> bool:
        """Whether the token can stop working while it is used (an issued one: revoked, or expired)."""
        return token.startswith(_ISSUED)

    async def authenticate(self, session_factory, token: str | None) -> Principal:  # type: ignore[no-untyped-def]
        if not token:
            return ANONYMOUS
        if self._admin and hmac.compare_digest(token.encode(), self._admin.encode()):
            return Principal("admin", frozenset(ROLES))
        if token.startswith("cv1."):
            conv = self.signer.read_conversation_token(token)
            if conv:
                return Principal(f"conversation:{conv}", frozenset(), conv)
            raise Unauthorized("invalid token")
        if self.may_lapse(token):
            key = hash_token(token)
            known = self._issued.get(key)
            if known is None or time.monotonic() - known.read_at > _RECHECK_S:
                revocations = self._revocations
                async with session_factory() as s:
                    row = await s.get(ApiToken, key)
                if row is None:
                    self._issued.pop(key, None)
                    raise Unauthorized("invalid token")
                until = as_utc(row.expires_at)
                expires = until.timestamp() if until else None
                known = _Known(Principal(row.subject, frozenset(row.roles)), expires, time.monotonic())
                if revocations == self._revocations:
                    self._issued[key] = known
            if known.expires is not None and known.expires <= time.time():
                raise Unauthorized("this token has expired: ask an admin for a new one", code="token_expired")
            return known.principal
        raise Unauthorized("invalid token")
