"""What the knowledge does not cover (configs/coverage.toml): which things a message names, and which of
those a base never mentions."""
from __future__ import annotations

import re

import pytest

from assistant.config import CONFIG_DIR
from assistant.coverage import Coverage, CoverageConfigError
from knowledge.texting import unaccented as fold


class Base:
    """A knowledge base's words, as ``KnowledgeBase.mentions`` reads them."""

    def __init__(self, *texts: str) -> None:
        self.said = "\n".join(fold(t) for t in texts)

    async def mentions(self, pattern: re.Pattern[str]) -> bool:
        return pattern.search(self.said) is not None


COVERAGE = Coverage.load(CONFIG_DIR / "coverage.toml")


@pytest.mark.parametrize("text, named", [
    ("whats the interest rate on a mortgage", "mortgage"),
    ("Vous faites des prêts immobiliers ?", "mortgage"),
    ("can i deposit a cheque", "cheques"),
    ("how do I cash a check", "cheques"),
    ("commander un chéquier", "cheques"),
    ("how do I buy bitcoin", "crypto"),
    ("proposez-vous des assurances habitation ?", "insurance"),
    ("c koi le taux du livret A", "regulated_savings"),
    ("je suis auto-entrepreneur, je peux ouvrir un compte ?", "business"),
    ("what about stocks", "shares"), ("vous faites des prêts étudiants ?", "student_loans"),
    ("jveux savoir si jpeux avoir une carte gold", "other_cards"), ("do you offer a platinum card?", "other_cards"),
    # the customer's own, asked about: "my" with nothing else the message is about
    ("what's the interest rate on my mortgage?", "mortgage"), ("how do I apply for a mortgage", "mortgage"),
    ("I need a mortgage. What do you offer?", "mortgage"),  # told, and what the question is about
])
async def test_a_thing_named_that_the_base_never_mentions_is_missing(text: str, named: str) -> None:
    missing = await COVERAGE.missing(text, Base("Savings account: 2% a year.", "Personal loans from 4.9%"))
    assert missing is not None and missing.key == named
    assert missing.names["en"] and missing.names["fr"]


@pytest.mark.parametrize("text", [
    "I need to check my balance",  # a verb, not a cheque
    "je veux m'assurer que mon virement est parti",  # "make sure", not insurance
    "I want to share my IBAN",
    "how long does a transfer take in business days",
    "what's the interest rate on the savings account",
    # named in passing, as the setting of what is asked: the customer's own, a purchase, a word that qualifies
    "how do i stop the direct debit for my old car insurance",
    "jveux annuler le prelevement de mon assurance habitation",
    "my card got declined buying crypto on coinbase, why",
    "I sent money to my mortgage broker in London three days ago and it has not arrived",
    "my insurance company is asking for my IBAN",
    "can i pay my mortgage by direct debit",
    "I want to cancel the direct debit for the car insurance",
    "card declined when I tried to pay for travel insurance online",
    "le virement de la bourse du crous n'est pas arrivé",
    "there's a payment to crypto.com I don't recognise",
    "my card was declined at the gold shop",
    # told as the setting in a sentence of its own, beside the question asked
    "My mortgage is with another bank. Can I open a savings account with you?",
])
async def test_words_that_only_look_like_a_thing_name_none(text: str) -> None:
    assert await COVERAGE.missing(text, Base("Savings account: 2% a year.")) is None


async def test_a_thing_the_base_mentions_anywhere_is_not_missing() -> None:
    base = Base("Chèques : encaissez un chèque en l'envoyant à notre centre de traitement.")
    assert await COVERAGE.missing("how do i deposit a cheque", base) is None  # in French, without accents: named
    assert (await COVERAGE.missing("how do i deposit a cheque and buy bitcoin", base)).key == "crypto"


def test_a_thing_without_words_or_names_is_refused() -> None:
    with pytest.raises(CoverageConfigError, match="mortgage"):
        Coverage.from_dict({"mortgage": {"en": "mortgages"}})
    with pytest.raises(CoverageConfigError, match="mortgage"):
        Coverage.from_dict({"mortgage": {"words": ["mortgages?"]}})
    with pytest.raises(CoverageConfigError, match="mortgage"):
        Coverage.from_dict({"mortgage": {"words": ["(mortgage"], "en": "mortgages"}})


async def test_a_subject_is_one_thing_and_one_asked_alone_is_no_setting() -> None:
    # a base that names a payment terminal says nothing of business accounts
    base = Base("Le paiement sans contact fonctionne sur tout terminal de paiement qui affiche le logo.")
    for text in ("and for a business account?", "et pour un compte pro ?", "do you do business accounts?"):
        found = await COVERAGE.missing(text, base)  # type: ignore[arg-type]
        assert found is not None and found.key == "business", text
    assert await COVERAGE.missing("is there a fee for a card reader", base) is None  # type: ignore[arg-type]
    # named as the setting of another matter, still: the direct debit is asked
    asked = "how do i stop the direct debit for my car insurance"
    assert await COVERAGE.missing(asked, Base("")) is None  # type: ignore[arg-type]
