from assistant.pii import luhn_ok, redact


def test_card_numbers_that_pass_luhn_are_masked_others_kept() -> None:
    assert redact("my card 4539 1488 0343 6467 was stolen") == "my card [card ****6467] was stolen"
    assert redact("ref 1234 5678 9012 3456") == "ref 1234 5678 9012 3456"
    assert luhn_ok("4539148803436467") and not luhn_ok("4539148803436468")
    # a mistyped card number is still one when the customer says so
    assert redact("my card 4970 1012 3456 7890 was stolen") == "my card [card ****7890] was stolen"
    assert redact("ma carte n° 4970-1012-3456-7890") == "ma carte n° [card ****7890]"


def test_emails_ibans_and_phone_numbers_are_masked() -> None:
    assert redact("write to jo.doe@example.com") == "write to [email]"
    assert redact("IBAN FR76 3000 6000 0112 3456 7890 189 please") == "IBAN [iban] please"
    assert redact("call +33 6 12 34 56 78 now") == "call [phone] now"


def test_ordinary_numbers_are_left_alone() -> None:
    for text in ("I paid 1200 euros on 2026-11-22", "order 12345", "PIN reset in 3 days"):
        assert redact(text) == text


def test_the_suites_log_scan_finds_what_the_mask_must_hide_and_passes_what_it_leaves() -> None:
    from tests.conftest import pii_in

    assert pii_in('{"event": "card 4539 1488 0343 6467, mail jo.doe@example.com"}') == [
        "jo.doe@example.com", "4539 1488 0343 6467"]
    assert pii_in("4539-1488-0343-6467") and pii_in("4539148803436467")
    masked = '{"event": "card [card ****6467], mail [email]", "timestamp": "2026-12-03T13:15:26.123456Z"}'
    assert pii_in(masked) == [] and pii_in("4539 1488 0343 6468") == []  # masked; not a card (Luhn)
