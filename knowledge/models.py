"""Tables of the knowledge base: documents, and the embedded units that point back to them."""
from __future__ import annotations

from datetime import datetime, timezone
from typing import Any

from sqlalchemy import JSON, Column, DateTime, LargeBinary
from sqlmodel import Field, SQLModel


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


class Document(SQLModel, table=True):
    __tablename__ = "kb_documents"

    id: str = Field(primary_key=True, max_length=256)
    title: str
    text: str
    language: str | None = Field(default=None, max_length=8)
    tags: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    questions: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    # the document this one translates, as the company says it ("cancellation" of "annulation")
    translation_of: str | None = Field(default=None, max_length=256)
    updated_at: datetime = Field(default_factory=utcnow, sa_type=DateTime(timezone=True))


class UnitKind:
    TITLE = "title"
    QUESTION = "question"
    CHUNK = "chunk"


class Unit(SQLModel, table=True):
    """One embedded piece of a document: its title, one FAQ phrasing, or one chunk of text.

    ``id`` is the label the vector carries in the FAISS index; ``vector`` is the
    float32 embedding, so the index can be rebuilt without the model.
    """

    __tablename__ = "kb_units"

    id: int | None = Field(default=None, primary_key=True)
    document_id: str = Field(index=True, max_length=256)
    kind: str = Field(max_length=16)
    text: str
    vector: bytes = Field(sa_column=Column(LargeBinary, nullable=False))


class KnowledgeMeta(SQLModel, table=True):
    """``version`` grows with every committed write; the index snapshot records the one it holds."""

    __tablename__ = "kb_meta"

    key: str = Field(primary_key=True, max_length=64)
    value: str
    extra: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
