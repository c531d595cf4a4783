import json
from pathlib import Path

import pytest

from assistant.customer_import import read_customers


def test_csv_columns_map_to_the_profile_and_the_rest_are_attributes(tmp_path: Path) -> None:
    f = tmp_path / "crm.csv"
    f.write_text("customer_id,name,tier,products,consent_personalization,consent_marketing,city\n"
                 "c1,Ada Lovelace,premium,current_account|visa_premier,yes,no,Paris\n")
    [(cid, profile, events)] = read_customers(f)
    assert cid == "c1" and events == []
    assert profile == {"name": "Ada Lovelace", "tier": "premium", "products": ["current_account", "visa_premier"],
                       "consents": {"personalization": True, "marketing": False}, "attributes": {"city": "Paris"}}


def test_jsonl_carries_events(tmp_path: Path) -> None:
    f = tmp_path / "crm.jsonl"
    f.write_text(json.dumps({"id": "c2", "language": "fr", "events": [{"type": "trip", "at": "2026-01-02T10:00:00Z"}]}))
    [(cid, profile, events)] = read_customers(f)
    assert (cid, profile) == ("c2", {"language": "fr"})
    assert events[0]["type"] == "trip" and events[0]["at"].year == 2026


def test_jsonl_consents_as_a_crm_writes_them_and_errors_say_the_line(tmp_path: Path) -> None:
    f = tmp_path / "crm.jsonl"
    f.write_text(json.dumps({"id": "c3", "consents": {"personalization": "true", "marketing": 0}}) + "\n"
                 + json.dumps({"id": "c4", "consents": {"personalization": "oui", "marketing": False}}) + "\n")
    assert [p["consents"] for _, p, _ in read_customers(f)] == [
        {"personalization": True, "marketing": False}, {"personalization": True, "marketing": False}]
    f.write_text(json.dumps({"id": "c5"}) + "\n" + json.dumps({"id": "c6", "consents": {"marketing": [1]}}) + "\n")
    try:
        read_customers(f)
    except ValueError as exc:
        assert str(exc).startswith(f"{f}:2:"), exc
    else:
        raise AssertionError("a consent that is no yes or no was imported")


def test_what_cannot_be_read_is_said_with_its_file_and_line(tmp_path: Path) -> None:
    """A missing file, a CSV row with a comma unquoted or without an id, a line that is not JSON: a ValueError naming
    where (the CLI says it in one line, exit 2), not a traceback."""
    import pytest

    cases = {
        tmp_path / "gone.csv": None,
        tmp_path / "comma.csv": "customer_id,name,city\nc1,Dupont, Jean,Paris\n",
        tmp_path / "noid.csv": "customer_id,name\nc1,Ada\n,Bob\n",
        tmp_path / "bad.jsonl": json.dumps({"id": "c1"}) + "\n{oops\n",
    }
    for path, text in cases.items():
        if text is not None:
            path.write_text(text)
        with pytest.raises(ValueError) as err:
            read_customers(path)
        assert str(err.value).startswith(str(path)), err.value
    with pytest.raises(ValueError, match=":3: a CSV row has no id"):
        read_customers(tmp_path / "noid.csv")


def test_consents_and_products_as_other_crms_write_them(tmp_path: Path) -> None:
    """"consent_personalisation" (British), products separated by ";", consents flat in a JSONL line: the same
    customer; a file without an id column says which columns it has."""
    f = tmp_path / "uk.csv"
    f.write_text("id,name,consent_personalisation,products\nc1,Ann,yes,current_account;visa_classic\n",
                 encoding="utf-8")
    [(cid, profile, _)] = read_customers(f)
    assert cid == "c1" and profile["consents"] == {"personalization": True}, profile
    assert profile["products"] == ["current_account", "visa_classic"] and "attributes" not in profile, profile
    flat = tmp_path / "flat.jsonl"
    flat.write_text(json.dumps({"id": "c2", "consent_personalization": True, "consent_marketing": "no"}) + "\n",
                    encoding="utf-8")
    [(_, profile, _)] = read_customers(flat)
    assert profile["consents"] == {"personalization": True, "marketing": False}, profile
    semi = tmp_path / "fr.csv"
    semi.write_text("identifiant;nom\nc3;Léa\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"no id column \(found: identifiant, nom\)"):
        read_customers(semi)
