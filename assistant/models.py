"""Tables of customers, their events, issued API tokens and server settings."""
from __future__ import annotations

from datetime import datetime, timezone
from typing import Any

from sqlalchemy import JSON, Column, DateTime, Index
from sqlmodel import Field, SQLModel


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


class Customer(SQLModel, table=True):
    __tablename__ = "customers"

    id: str = Field(primary_key=True, max_length=128)
    name: str | None = None
    language: str | None = Field(default=None, max_length=8)
    segment: str | None = Field(default=None, max_length=64)
    tier: str | None = Field(default=None, max_length=32)
    products: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    consents: dict[str, bool] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    attributes: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    created_at: datetime = Field(default_factory=utcnow, sa_type=DateTime(timezone=True))
    updated_at: datetime = Field(default_factory=utcnow, sa_type=DateTime(timezone=True))


class CustomerEvent(SQLModel, table=True):
    __tablename__ = "customer_events"
    __table_args__ = (Index("ix_customer_events_customer_at", "customer_id", "at"),)

    id: int | None = Field(default=None, primary_key=True)
    customer_id: str = Field(max_length=128)
    type: str = Field(max_length=64)
    at: datetime = Field(default_factory=utcnow, sa_type=DateTime(timezone=True))
    data: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))


class ApiToken(SQLModel, table=True):
    """An issued bearer token, stored by its SHA-256 only."""

    __tablename__ = "api_tokens"

    token_hash: str = Field(primary_key=True, max_length=64)
    subject: str = Field(max_length=160)
    roles: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    created_at: datetime = Field(default_factory=utcnow, sa_type=DateTime(timezone=True))
    # None: never (a token issued before tokens had a lifetime, or one issued with ``[auth] token_ttl_days = 0``)
    expires_at: datetime | None = Field(default=None, sa_type=DateTime(timezone=True))


class Setting(SQLModel, table=True):
    __tablename__ = "settings"

    key: str = Field(primary_key=True, max_length=64)
    value: str
