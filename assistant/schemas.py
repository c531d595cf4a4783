"""Request bodies, validated at the edge (pydantic). Unknown fields are ignored."""
from __future__ import annotations

import re
import unicodedata
from datetime import datetime
from typing import Annotated, Any, Literal

from pydantic import (AfterValidator, BaseModel, ConfigDict, Field, StrictBool, StrictInt, field_validator,
                      model_validator)

Id = Field(min_length=1, max_length=256, pattern=r"^[^\x00-\x1f\x7f]+$")
# a document's or a customer's language: a code ("fr", "pt-BR"), lower-cased ("FR" is "fr": a search's filter finds it)
LanguageCode = Annotated[str, Field(max_length=8, pattern=r"^[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,4})?$"),
                         AfterValidator(str.lower)]


def _without_nul(value: Any) -> None:
    """No NUL in any text a body carries, however deep: PostgreSQL keeps none (a 500 there), and none is ever meant."""
    if isinstance(value, str):
        if "\x00" in value:
            raise ValueError("text holds a NUL character (U+0000)")
    elif isinstance(value, dict):
        for key, item in value.items():
            _without_nul(key)
            _without_nul(item)
    elif isinstance(value, list):
        for item in value:
            _without_nul(item)


class _In(BaseModel):
    model_config = ConfigDict(extra="ignore", str_strip_whitespace=False)

    @model_validator(mode="before")
    @classmethod
    def _no_nul(cls, data: Any) -> Any:
        _without_nul(data)
        return data


class TokenRequest(_In):
    subject: str = Field(min_length=1, max_length=160, pattern=r"^[^\x00-\x1f\x7f]+$")  # a name, on one line
    roles: list[Literal["agent", "supervisor", "admin"]] = Field(min_length=1)
    # seconds the token lasts (a minute to ten years); unset: ``[auth] token_ttl_days``
    ttl_s: StrictInt | None = Field(default=None, ge=60, le=10 * 365 * 86400)


class DocumentIn(_In):
    id: str = Id
    title: str = Field(min_length=1, max_length=500)
    text: str = Field(min_length=1, max_length=200_000)
    questions: list[str] = Field(default_factory=list, max_length=5000)
    # a code ("fr", "en", "pt-BR"), not a name ("français"), which no search filter would ever match
    language: LanguageCode | None = Field(default=None, min_length=2)
    tags: list[str] = Field(default_factory=list, max_length=50)
    # the id of the document this one translates ("cancellation" of "annulation"): the two are one subject, offered
    # and cited in the customer's language, however differently each is written
    translation_of: str | None = Field(default=None, min_length=1, max_length=256, pattern=r"^[^\x00-\x1f\x7f]+$")

    @field_validator("questions")
    @classmethod
    def _questions(cls, v: list[str]) -> list[str]:
        out = [q for q in (q.strip() for q in v) if q]
        if any(len(q) > 2000 for q in out):
            raise ValueError("a question is longer than 2000 characters")
        return out


class DocumentsIn(_In):
    documents: list[DocumentIn] = Field(min_length=1, max_length=5000)


class SearchIn(_In):
    query: str = Field(min_length=1, max_length=4000)
    k: StrictInt = Field(default=5, ge=1, le=100)  # "5" or true is refused, not read as 5 or 1
    # a code, as the documents have it ("français" is refused, not a filter that finds nothing)
    language: LanguageCode | None = None
    tags: list[str] | None = None


class Consents(_In):
    # a consent is a yes or a no said as such: "yes", 1 or "false" are refused, not guessed at
    personalization: StrictBool | None = None
    marketing: StrictBool | None = None


class CustomerIn(_In):
    name: str | None = Field(default=None, max_length=200)
    # a code ("fr", "en"), not a name ("francais", "English"): the bot answers in it
    language: LanguageCode | None = None
    segment: str | None = Field(default=None, max_length=64)
    tier: str | None = Field(default=None, max_length=32)
    products: list[str] | None = Field(default=None, max_length=200)
    consents: Consents | None = None
    attributes: dict[str, Any] | None = None


class CustomerEventIn(_In):
    type: str = Field(min_length=1, max_length=64)
    at: datetime | None = None
    data: dict[str, Any] = Field(default_factory=dict)


class CustomerEventsIn(_In):
    events: list[CustomerEventIn] = Field(min_length=1, max_length=1000)


class AnalyzeIn(_In):
    text: str = Field(min_length=1, max_length=4000)
    language: Literal["en", "fr"] | None = None  # the languages the sentiment and request models know


# a channel's name ("web", "mobile", "whatsapp"): a word, not free text
Channel = Field(default="web", min_length=1, max_length=32, pattern=r"^[A-Za-z][A-Za-z0-9_.-]*$")


# a customer's id: no control character, no space at either end (" " or "a\x00b" is nobody)
_CUSTOMER_ID = r"^[^\x00-\x1f\x7f\s](?:[^\x00-\x1f\x7f]*[^\x00-\x1f\x7f\s])?$"
CUSTOMER_ID = re.compile(_CUSTOMER_ID)


class ConversationIn(_In):
    channel: str = Channel
    customer_id: str | None = Field(default=None, min_length=1, max_length=128, pattern=_CUSTOMER_ID)
    customer_assertion: str | None = Field(default=None, max_length=1000)
    # a language tag ("fr", "en-GB"); the bot speaks English and French, other tags get English
    language: str | None = Field(default=None, max_length=16, pattern=r"^[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*$")


def said(v: str) -> str:
    """A message as someone typed it: not blank, invisible characters alone counting as blank (a zero-width space,
    a byte-order mark), and no control character but tabs and line breaks (a NUL no store keeps)."""
    if bad := next((ch for ch in v if (ch < " " and ch not in "\t\n\r") or ch == "\x7f"), None):
        raise ValueError(f"text holds a control character (U+{ord(bad):04X})")
    # (nor marks alone: combining accents, a braille blank U+2800)
    if not any((ch.isalnum() or unicodedata.category(ch)[0] in "PS") and ch != "\u2800" for ch in v):
        raise ValueError("text is blank")
    return v


class MessageIn(_In):
    text: str = Field(min_length=1, max_length=4000)
    client_message_id: str | None = Field(default=None, min_length=1, max_length=128)

    @field_validator("text")
    @classmethod
    def _not_blank(cls, v: str) -> str:
        return said(v)


class ResumeIn(_In):
    resume_token: str = Field(min_length=1, max_length=500)
    channel: str = Channel


class AgentMessageIn(_In):
    text: str = Field(min_length=1, max_length=4000)

    @field_validator("text")
    @classmethod
    def _not_blank(cls, v: str) -> str:
        return said(v)  # "   " would reach the customer as an empty message


class CloseIn(_In):
    outcome: Literal["resolved", "handback"]
    note: str | None = Field(default=None, max_length=4000)


class ActionFeedbackIn(_In):
    outcome: Literal["accepted", "dismissed"]
