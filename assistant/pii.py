"""Personal data masking for logs, handoff packets and (where configured) transcripts."""
from __future__ import annotations

import re
from typing import Any

_EMAIL = re.compile(r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b")
# an IBAN as it is typed: any case, grouped by spaces, dashes or dots, or not at all; checked by its mod-97 key
_IBAN = re.compile(r"(?i)\b[A-Z]{2}\d{2}(?:[ .-]?[A-Z0-9]){11,30}\b")
# a French RIB: bank (5), branch (5), account (11) and its key (2), checked by the key
_RIB = re.compile(r"(?i)\b(\d{5})[ .-]?(\d{5})[ .-]?([0-9A-Z]{11})[ .-]?(\d{2})\b")
_CARD_CANDIDATE = re.compile(r"\b(?:\d[ .-]?){12,18}\d\b")
# a number said to be a card is one, mistyped or not: "my card 4970 1012 3456 7890 was stolen"
_SAID_CARD = re.compile(r"(?i)\b(cards?|cartes?|cb|visa|mastercard|amex)\b(\D{0,20}?)\b((?:\d[ .-]?){12,18}\d)\b")
_PHONE = re.compile(r"(?<![\w+])(?:\+\d{1,3}[ .-]?)?(?:\(?\d{1,4}\)?[ .-]?){2,5}\d{2,4}(?!\w)")
# what names a number as a reference rather than a card or a phone: "order 123456789", "SIRET 362 521 879 00034",
# "commande n° 4000 1234 5678 9010", "dossier 0612345678"
_REFERENCE = re.compile(r"(?i)\b(?:order|orders|commande|ref|reference|référence|réf|dossier|ticket|tracking|suivi|"
                        r"colis|parcel|invoice|facture|siret|siren|tva|vat|contrat|contract|client|customer|"
                        r"policy|police|case|claim|sinistre)\b\W{0,3}(?:n[°o]|num(?:ber|éro|ero)?|no\.?|#)?\W{0,3}"
                        r"(?:(?:est|is|c'est|=)\W{0,3})?$")


def _named_a_reference(text: str, start: int) -> bool:
    """Whether the number at ``start`` in ``text`` follows a word that names it a reference ("order", "SIRET")."""
    return _REFERENCE.search(text[max(0, start - 30):start]) is not None


def iban_ok(candidate: str) -> bool:
    """The IBAN check: the country and key moved to the end, letters as numbers, mod 97 is 1."""
    s = re.sub(r"[^0-9A-Za-z]", "", candidate).upper()
    if not 15 <= len(s) <= 34:
        return False
    moved = s[4:] + s[:4]
    return int("".join(str(int(ch, 36)) for ch in moved)) % 97 == 1


# a RIB account's letters as the key counts them (A-I 1-9, J-R 1-9, S-Z 2-9)
_RIB_LETTERS = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "12345678912345678923456789")


def rib_ok(bank: str, branch: str, account: str, key: str) -> bool:
    """The French RIB key: 97 - (89 × bank + 15 × branch + 3 × account) mod 97, letters of the account as digits."""
    digits = account.upper().translate(_RIB_LETTERS)
    return 97 - (89 * int(bank) + 15 * int(branch) + 3 * int(digits)) % 97 == int(key)


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


# the first digit of a card number (Mastercard 2, Amex/Diners/JCB 3, Visa 4, Mastercard/Maestro 5, Discover 6)
_CARD_FIRST = "23456"


def _card(match: re.Match[str]) -> str:
    digits = re.sub(r"\D", "", match.group(0))
    if (13 <= len(digits) <= 19 and digits[0] in _CARD_FIRST and luhn_ok(digits)
            and not _named_a_reference(match.string, match.start())):
        return "[card ****" + digits[-4:] + "]"
    return match.group(0)


def _said_card(match: re.Match[str]) -> str:
    if _named_a_reference(match.string, match.start(3)):  # "carte commande n° 4000…": the order's number
        return match.group(0)
    digits = re.sub(r"\D", "", match.group(3))
    return f"{match.group(1)}{match.group(2)}[card ****{digits[-4:]}]"


# an IBAN's length in its country (ISO 13616 registry), which tells where one ends: "FR76 3000 … 189 please"
_IBAN_LENGTHS = {
    "AD": 24, "AE": 23, "AT": 20, "BA": 20, "BE": 16, "BG": 22, "BH": 22, "BR": 29, "CH": 21, "CY": 28, "CZ": 24,
    "DE": 22, "DK": 18, "EE": 20, "ES": 24, "FI": 18, "FO": 18, "FR": 27, "GB": 22, "GI": 23, "GL": 18, "GR": 27,
    "HR": 21, "HU": 28, "IE": 22, "IL": 23, "IS": 26, "IT": 27, "LI": 21, "LT": 20, "LU": 20, "LV": 21, "MA": 28,
    "MC": 27, "ME": 22, "MT": 31, "NL": 18, "NO": 15, "PL": 28, "PT": 25, "RO": 24, "RS": 22, "SA": 24, "SE": 24,
    "SI": 19, "SK": 24, "SM": 27, "TN": 24, "TR": 26, "UA": 29, "VA": 22, "XK": 20,
}


def _iban(match: re.Match[str]) -> str:
    found = match.group(0)
    want = _IBAN_LENGTHS.get(found[:2].upper())
    ends = [i + 1 for i, ch in enumerate(found) if ch.isalnum()]  # where each character ends
    count = want or len(ends)  # a country not listed: the whole match, or nothing
    if count <= len(ends) and iban_ok(found[:ends[count - 1]]):
        return "[iban]" + found[ends[count - 1]:]
    return found


def _rib(match: re.Match[str]) -> str:
    return "[iban]" if rib_ok(*match.groups()) else match.group(0)


_AMOUNT_AFTER = re.compile(r"\s?(?:€|\$|£|%|eur\b|euros?\b|dollars?\b|pounds?\b)", re.IGNORECASE)


def _phone(match: re.Match[str]) -> str:
    digits = re.sub(r"\D", "", match.group(0))
    if (not 9 <= len(digits) <= 15 or _named_a_reference(match.string, match.start())
            or _AMOUNT_AFTER.match(match.string, match.end())):  # "1 000 000 000 000 €" is a sum
        return match.group(0)
    return "[phone]"


def _payment_data(text: str) -> str:
    text = _CARD_CANDIDATE.sub(_card, text)
    text = _SAID_CARD.sub(_said_card, text)
    for _ in range(4):  # a match runs on into the words after an IBAN, over a second one: read again after it
        masked = _IBAN.sub(_iban, text)
        if masked == text:
            break
        text = masked
    return _RIB.sub(_rib, text)


def redact(text: str) -> str:
    """Mask card numbers (Luhn-valid, or any 13–19 digits right after the word card), IBANs and French RIBs (their
    keys checked), e-mail addresses and phone numbers; not a number named a reference ("order", "SIRET")."""
    if not text or "@" not in text and not any(map(str.isdigit, text)):
        return text
    text = _payment_data(_EMAIL.sub("[email]", text))
    return _PHONE.sub(_phone, text)


def redact_payment_data(text: str) -> str:
    """Mask card numbers, IBANs and RIBs only: what an agent sees of the customer's words. A phone number or
    an e-mail the customer gives ("call me back on 06 12 34 56 78") is for the agent to use."""
    if not text or not any(map(str.isdigit, text)):  # (a loop in C: read on every message, stored and searched)
        return text
    return _payment_data(text)


def gives_a_phone_number(text: str) -> bool:
    """Whether ``text`` holds a phone number ("au 06 12 34 56 78", "+44 7700 900123"), not a number named a
    reference."""
    return any(_phone(m) == "[phone]" for m in _PHONE.finditer(text))


def payment_data_masked(value: Any) -> Any:
    """``value`` with the card numbers and IBANs of its texts masked, however deep in its dicts and lists."""
    if isinstance(value, str):
        return redact_payment_data(value)
    if isinstance(value, dict):
        return {k: payment_data_masked(v) for k, v in value.items()}
    if isinstance(value, list):
        return [payment_data_masked(v) for v in value]
    return value
