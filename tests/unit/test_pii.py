from assistant.pii import luhn_ok, redact, redact_payment_data


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


def test_ibans_and_ribs_as_customers_type_them_are_masked_by_their_keys() -> None:
    for text in ("iban fr7630006000011234567890189", "DE89-3704-0044-0532-0130-00", "de89 3704 0044 0532 0130 00",
                 "RIB 30006 00001 12345678901 89", "GB29 NWBK 6016 1331 9268 19"):
        assert "[iban]" in redact(text) and not any(ch.isdigit() for ch in redact(text).replace("[iban]", "")), text
    # the words after it are not part of it; a key that does not check is no account
    assert redact("IBAN FR76 3000 6000 0112 3456 7890 189 please") == "IBAN [iban] please"
    assert redact("FR76 3000 6000 0112 3456 7890 188") == "FR76 3000 6000 0112 3456 7890 188"
    assert redact("FR76 3000 6000 0112 3456 7890 189 and DE89 3704 0044 0532 0130 00") == "[iban] and [iban]"


def test_a_dotted_card_is_masked_and_a_number_named_a_reference_is_not() -> None:
    assert redact("4539.1488.0343.6467") == "[card ****6467]"
    for text in ("SIRET 362 521 879 00034", "mon SIRET est 732 829 320 00074,", "1 000 000 000 000 €",
                 "my order number is 123456789", "commande n° 4000 1234 5678 9010", "order 123456789",
                 "dossier 0612345678", "carte commande n° 4970 1012 3456 7890"):
        assert redact(text) == text, text
    assert redact_payment_data("ma carte 4539 1488 0343 6467, rappel au 06 12 34 56 78") == \
        "ma carte [card ****6467], rappel au 06 12 34 56 78"


def test_request_ids_never_read_as_card_numbers() -> None:
    # a process whose random prefix came out all digits (92457388) logged ids such as 9245738800000607,
    # Luhn-valid: the logs' scan counted them as card numbers. The prefix now starts with a letter.
    from assistant.middleware import id_prefix
    from tests.conftest import pii_in

    for random in (b"\x92\x45\x73\x88", b"\x00\x00\x00\x00", b"\x99\x99\x99\x99", bytes(range(4))):
        prefix = id_prefix(random)
        assert len(prefix) == 8 and prefix[0] in "abcdef" and int(prefix, 16) >= 0
        ids = [f"{prefix}{n:08x}" for n in range(1, 5000)]
        assert not [i for i in ids if pii_in(f'"request_id": "{i}"')]
        assert redact(" ".join(ids[:50])) == " ".join(ids[:50])
    assert {id_prefix(bytes([b, 1, 2, 3]))[0] for b in range(256)} == set("abcdef")  # the first byte still varies it
