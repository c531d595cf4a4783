"""Personal data masking for logs, handoff packets and (where configured) transcripts."""
from __future__ import annotations

import re

_EMAIL = re.compile(r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b")
_IBAN = re.compile(r"\b[A-Z]{2}\d{2}(?:[ ]?[A-Z0-9]{4}){2,7}(?:[ ]?[A-Z0-9]{1,3})?\b")
_CARD_CANDIDATE = re.compile(r"\b(?:\d[ -]?){12,18}\d\b")
# a number said to be a card is one, mistyped or not: "my card 4970 1012 3456 7890 was stolen"
_SAID_CARD = re.compile(r"(?i)\b(cards?|cartes?|cb|visa|mastercard|amex)\b(\D{0,20}?)\b((?:\d[ -]?){12,18}\d)\b")
_PHONE = re.compile(r"(?<![\w+])(?:\+\d{1,3}[ .-]?)?(?:\(?\d{1,4}\)?[ .-]?){2,5}\d{2,4}(?!\w)")


def luhn_ok(digits: str) -> bool:
    total, parity = 0, len(digits) % 2
    for i, ch in enumerate(digits):
        d = int(ch)
        if i % 2 == parity:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return total % 10 == 0


def _card(match: re.Match[str]) -> str:
    digits = re.sub(r"\D", "", match.group(0))
    if 13 <= len(digits) <= 19 and luhn_ok(digits):
        return "[card ****" + digits[-4:] + "]"
    return match.group(0)


def _said_card(match: re.Match[str]) -> str:
    digits = re.sub(r"\D", "", match.group(3))
    return f"{match.group(1)}{match.group(2)}[card ****{digits[-4:]}]"


def _phone(match: re.Match[str]) -> str:
    digits = re.sub(r"\D", "", match.group(0))
    return "[phone]" if 9 <= len(digits) <= 15 else match.group(0)


def redact(text: str) -> str:
    """Mask card numbers (Luhn-valid, or any 13–19 digits right after the word card), IBANs, e-mail
    addresses and phone numbers."""
    if not text or not any(ch.isdigit() or ch == "@" for ch in text):
        return text
    text = _EMAIL.sub("[email]", text)
    text = _CARD_CANDIDATE.sub(_card, text)
    text = _SAID_CARD.sub(_said_card, text)
    text = _IBAN.sub("[iban]", text)
    return _PHONE.sub(_phone, text)


def redact_payment_data(text: str) -> str:
    """Mask card numbers and IBANs only: what an agent sees of the customer's words. A phone number or
    an e-mail the customer gives ("call me back on 06 12 34 56 78") is for the agent to use."""
    if not text or not any(ch.isdigit() for ch in text):
        return text
    text = _CARD_CANDIDATE.sub(_card, text)
    text = _SAID_CARD.sub(_said_card, text)
    return _IBAN.sub("[iban]", text)
