"""Words typed a letter wrong, given back as the articles spell them (knowledge/spelling.py)."""
from __future__ import annotations

import pytest

from knowledge.spelling import Speller, distance, lexicon

ARTICLES = [
    "International transfers: to send money outside the SEPA zone, go to Payments > New transfer > International.",
    "Closing your account is free: go to Profile > My accounts > Close an account. You can cancel it within 14 days.",
    "Your monthly statement is available under Accounts > Statements.",
    "Cash withdrawals: your withdrawal limit depends on your card. The card is blocked after three wrong PINs.",
    "Si un prélèvement est refusé, vérifiez votre solde. Un virement instantané arrive en dix secondes.",
]


@pytest.fixture(scope="module")
def speller() -> Speller:
    return Speller(ARTICLES, lexicon())


@pytest.mark.parametrize(("typed", "meant"), [
    ("internatonal tranfer", "international transfer"),  # a letter missing
    ("how do i get my statment", "how do i get my statement"),
    ("i want to cancle my acount", "i want to cancel my account"),  # two swapped; one missing
    ("withdrawl limit", "withdrawal limit"),  # not "withdraw", a word it goes on from
    ("prelevment refusé", "prélèvement refusé"),  # as the article writes it, accents and all
    ("jai pas recu mon virment", "jai pas recu mon virement"),
])
def test_a_word_typed_a_letter_wrong_is_the_article_s(speller: Speller, typed: str, meant: str) -> None:
    assert speller.respell(typed) == meant


@pytest.mark.parametrize("said", [
    "whats the limit",  # "what's" typed without its apostrophe: not "what"
    "my transfer hasnt arrived",  # nor "hasn"
    "my card got unblocked",  # a real word around one of the articles' ("blocked")
    "I lost my crad",  # too short to tell from other words
    "my card was swallowed",  # a real word the articles do not have
    "Whitfield",  # a name: nothing near
])
def test_a_word_that_is_a_word_or_too_short_to_tell_is_left_alone(speller: Speller, said: str) -> None:
    assert speller.respell(said) == said


def test_two_words_as_near_and_as_common_are_no_guess() -> None:
    speller = Speller(["amount and account", "amount and account"])
    assert speller.respell("acount") == "acount"  # "account" and "amount" are both a letter away


def test_distance_counts_a_swap_as_one() -> None:
    assert distance("cancle", "cancel") == 1
    assert distance("tranfer", "transfer") == 1
    assert distance("card", "card") == 0
    assert distance("abc", "") == 3


def test_a_french_chat_word_is_no_slip_on_an_article_s_word() -> None:
    from knowledge.spelling import speller_for

    speller = speller_for(["Apple Pay and Google Pay: add your card to Apple Wallet.", "International transfers"])
    assert speller.respell("franchement c nul votre appli") == "franchement c nul votre appli"
    assert speller.respell("internatonal tranfers") == "international transfers"
