"""The rule language and the ranking of next best actions (hand-made vectors: the seam is ours)."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

import numpy as np
import pytest

from handoff.expr import ExpressionError, compile_rule
from handoff.nba import FUNCTIONS, Catalogue, Ranker, Stats, situation

NOW = datetime(2026, 12, 1, tzinfo=timezone.utc)


def rule(source: str) -> object:
    return compile_rule(source, FUNCTIONS)


@pytest.mark.parametrize(("source", "expected"), [
    ("tier == 'premium' and 'card' in products", True),
    ("tier == 'premium' and not has('card')", False),
    ("sentiment < -0.3 or reason in ['fraud', 'negative_trend']", True),
    ("recent('trip', 30) > 0", True),
    ("recent('trip', 1) > 0", False),
    ("consents.marketing", False),
    ("missing.path > 3", False),           # a thin profile simply does not match
    ("tier != null and turns >= 2", True),
    ("'x' not in products", True),
    ("mentions('abroad', 'étranger')", True),
    ("len(products) == 2 and -1 < 0", True),
    ("", True),
])
def test_rules_read_the_context(source: str, expected: bool) -> None:
    ctx = {"tier": "premium", "products": ["card", "loan"], "sentiment": 0.2, "reason": "fraud", "turns": 3,
           "consents": {"marketing": False}, "said": "my card fails abroad", "now": NOW,
           "events": [{"type": "trip", "at": (NOW - timedelta(days=3)).isoformat()}]}
    assert rule(source)(ctx) is expected


@pytest.mark.parametrize("source", [
    "__import__('os').system('true')",   # no such function: nothing is ever evaluated by Python
    "tier ==", "(tier == 'a'", "products[0]", "a; b", "lambda: 1", "open('x')",
])
def test_rules_that_are_not_in_the_language_are_refused(source: str) -> None:
    with pytest.raises(ExpressionError):
        rule(source)


def _catalogue() -> Catalogue:
    return Catalogue.from_dict({
        "ranking": {"relevance": 0.6, "value": 0.15, "propensity": 0.25, "min_relevance": 0.3},
        "action": [
            {"id": "insurance", "kind": "offer", "title": "Travel insurance", "product": "travel_insurance",
             "about": ["travel"], "value": 4, "when": "known"},
            {"id": "abroad", "kind": "service", "title": "Enable card abroad", "requires": "card",
             "about": ["card abroad"], "value": 2, "when": "known"},
            {"id": "premium-only", "kind": "service", "title": "Premium desk", "about": ["travel"],
             "when": "tier == 'premium'"},
        ],
    })


def _ranker() -> Ranker:
    # 2-d toy space: "travel" and "card abroad" are 60 degrees apart
    vectors = np.array([[1.0, 0.0], [0.5, np.sqrt(3) / 2], [1.0, 0.0]], dtype=np.float32)
    return Ranker(_catalogue(), vectors, [0, 1, 2])


def test_a_ranker_kept_to_some_actions_ranks_them_as_before_with_their_own_phrasings() -> None:
    """``Ranker.only``: the actions kept, each with the vectors of its own phrasings (none embedded again)."""
    full = _ranker()
    kept = full.only(lambda a: a.id != "insurance")
    assert [a.id for a in kept.catalogue.actions] == ["abroad", "premium-only"]
    query = np.array([0.5, np.sqrt(3) / 2], dtype=np.float32)
    best, _ = kept.relevance(query)
    before, _ = full.relevance(query)
    assert np.allclose(best, before[1:]), (best, before)


def _customer(**kw: object) -> dict[str, object]:
    base: dict[str, object] = {"id": "c1", "tier": "standard", "segment": "retail", "products": ["card"],
                               "consents": {"marketing": True}}
    return {**base, **kw}


QUERY = np.array([1.0, 0.0], dtype=np.float32)  # the customer talks about travel


def test_ineligible_actions_are_never_shown_nor_listed() -> None:
    ranked = _ranker().rank(situation(_customer(), []), QUERY, Stats(), now=NOW)
    ids = [s["id"] for s in ranked.suggestions]
    assert ids == ["insurance", "abroad"]
    assert "premium-only" not in {s["id"] for s in ranked.suppressed}


def test_held_products_no_consent_and_cooldown_suppress() -> None:
    r = _ranker()
    held = r.rank(situation(_customer(products=["card", "travel_insurance"]), []), QUERY, Stats(), now=NOW)
    assert [s["id"] for s in held.suggestions] == ["abroad"]
    assert held.suppressed == [{"id": "insurance", "kind": "offer", "title": "Travel insurance", "reason": "already_held"}]
    no_consent = r.rank(situation(_customer(consents={"marketing": False}), []), QUERY, Stats(), now=NOW)
    assert [s["reason"] for s in no_consent.suppressed] == ["no_marketing_consent"]
    lately = situation(_customer(), [], recently_offered={"insurance": NOW - timedelta(days=3)})
    assert [s["reason"] for s in r.rank(lately, QUERY, Stats(), now=NOW).suppressed] == ["offered_recently"]
    long_ago = situation(_customer(), [], recently_offered={"insurance": NOW - timedelta(days=300)})
    assert r.rank(long_ago, QUERY, Stats(), now=NOW).suggestions[0]["id"] == "insurance"
    no_card = r.rank(situation(_customer(products=[]), []), QUERY, Stats(), now=NOW)
    assert {s["id"]: s["reason"] for s in no_card.suppressed}["abroad"] == "product_not_held"


def test_nothing_is_sold_to_a_customer_in_money_trouble_at_risk_or_grieving() -> None:
    """A sensitive topic told in the conversation ("je n'arrive plus à payer mes mensualités") suppresses every
    offer, whatever the catalogue's rules; services stay; the rules read the topics told."""
    told = [{"type": "customer_message", "text": "je suis au chômage, je ne peux plus payer", "sensitive_topic": t}
            for t in ("hardship",)]
    ranked = _ranker().rank(situation(_customer(), told), QUERY, Stats(), now=NOW)
    assert [s["id"] for s in ranked.suggestions] == ["abroad"], ranked.suggestions
    assert {s["id"]: s["reason"] for s in ranked.suppressed} == {"insurance": "sensitive_moment"}
    fraud = [{"type": "customer_message", "text": "someone used my card", "sensitive_topic": "fraud"}]
    assert [s["id"] for s in _ranker().rank(situation(_customer(), fraud), QUERY, Stats(), now=NOW).suggestions] == [
        "insurance", "abroad"]
    assert rule("'hardship' in topics")(situation(_customer(), told).context)
    assert not rule("'hardship' in topics")(situation(_customer(), fraud).context)


def test_the_shipped_catalogue_offers_a_plan_not_more_credit_in_hardship() -> None:
    """Nadia, her loan's instalments beyond her since she lost her job, a payment declined at her card's limit on
    record: the repayment plan is suggested, the card limit's raise never, and the fraud actions not at all."""
    from pathlib import Path

    catalogue = Catalogue.load(Path(__file__).resolve().parents[2] / "configs" / "actions.toml")
    told = [{"type": "customer_message", "text": "je n'arrive plus à faire face à mes échéances de prêt",
             "sensitive_topic": "hardship"}]
    customer = _customer(tier="premium", products=["current_account"], recent_events=[
        {"type": "payment_declined", "at": (NOW - timedelta(days=2)).isoformat(),
         "data": {"reason": "monthly_payment_limit_reached"}}])
    sit = situation(customer, told, reason="sensitive_topic", now=NOW)
    eligible = {a.id for a in catalogue.actions if a.when(sit.context)}
    assert "reply-hardship-plan" in eligible and "raise-card-limit" not in eligible, eligible
    assert not eligible & {"block-card-fraud", "recall-scam-transfer", "reply-fraud-reassure"}, eligible
    calm = situation(customer, [], reason="human_request", now=NOW)
    assert "raise-card-limit" in {a.id for a in catalogue.actions if a.when(calm.context)}


def test_agents_clicks_shift_the_ranking_for_that_segment_only() -> None:
    r = _ranker()
    query = np.array([0.8, 0.6], dtype=np.float32)
    query /= np.linalg.norm(query)
    before = [s["id"] for s in r.rank(situation(_customer(), []), query, Stats(), now=NOW).suggestions]
    stats = Stats()
    for _ in range(8):
        stats.add(before[0], "retail", accepted=False)
        stats.add(before[1], "retail", accepted=True)
    after = r.rank(situation(_customer(), []), query, stats, now=NOW).suggestions
    assert [s["id"] for s in after] == before[::-1]
    assert "8 of 8" in after[0]["why"]
    other_segment = [s["id"] for s in r.rank(situation(_customer(segment="student"), []), query, stats,
                                                       now=NOW).suggestions]
    # the overall rate is only the prior there: a weaker shift than in the segment that taught it
    s_after = {s["id"]: s["propensity"] for s in after}
    s_other = {s["id"]: s["propensity"] for s in r.rank(situation(_customer(segment="student"), []), query, stats,
                                                         now=NOW).suggestions}
    assert s_other[before[1]] < s_after[before[1]] and other_segment


def test_sensitive_attributes_never_reach_the_rules() -> None:
    sit = situation(_customer(attributes={"health": "x", "city": "Lyon"}), [], sensitive={"health"})
    assert sit.context["attributes"] == {"city": "Lyon"}


def test_a_catalogue_with_a_bad_rule_does_not_load() -> None:
    with pytest.raises(ValueError, match="bad"):
        Catalogue.from_dict({"action": [{"id": "bad", "kind": "offer", "title": "x", "when": "tier =="}]})
    with pytest.raises(ValueError):
        Catalogue.from_dict({"action": [{"id": "x", "kind": "coupon", "title": "x"}]})


@pytest.mark.parametrize(("source", "expected"), [
    ("recent_with('payment_declined', 'reason', 'payments_abroad_disabled', 14) > 0", True),
    ("recent_with('payment_declined', 'reason', ['insufficient_funds', 'payments_abroad_disabled']) == 1", True),
    ("recent_with('payment_declined', 'reason', 'insufficient_funds', 14) > 0", False),
    ("recent_with('payment_declined', 'reason', 'payments_abroad_disabled', 2) > 0", False),  # too long ago
    ("recent_with('trip', 'country', 'JP', 30) > 0", False),  # no data: no match
])
def test_recent_with_reads_what_an_event_says(source: str, expected: bool) -> None:
    ctx = {"now": NOW, "events": [
        {"type": "payment_declined", "at": (NOW - timedelta(days=5)).isoformat(),
         "data": {"reason": "payments_abroad_disabled", "amount_eur": 297.3}},
        {"type": "trip", "at": (NOW - timedelta(days=6)).isoformat()},
    ]}
    assert rule(source)(ctx) is expected


def _record_ranker(**ranking: object) -> Ranker:
    cat = Catalogue.from_dict({
        "ranking": {"min_relevance": 0.4, "bot_min_relevance": 0.6, **ranking},
        "action": [
            {"id": "abroad", "kind": "service", "title": "Enable card abroad", "about": ["card abroad"],
             "when": "known", "bot": True,
             "fits": "recent_with('payment_declined', 'reason', 'payments_abroad_disabled', 14) > 0",
             "fits_why": "a payment was declined: payments abroad are off",
             "titles": {"fr": "Activer la carte à l'étranger"},
             "fits_whys": {"fr": "un paiement refusé : paiements à l'étranger désactivés"}},
            {"id": "other", "kind": "service", "title": "Something else", "about": ["other"], "when": "known"},
        ],
    })
    return Ranker(cat, np.eye(2, dtype=np.float32), [0, 1])


def test_what_the_record_says_makes_an_action_fit_whatever_the_words() -> None:
    """A customer whose card was declined abroad yesterday and who says only "I can't pay my hotel":
    the words are far from every phrasing, the record is not."""
    declined = _customer(recent_events=[{"type": "payment_declined", "at": (NOW - timedelta(days=1)).isoformat(),
                                         "data": {"reason": "payments_abroad_disabled"}}])
    far = np.array([0.0, 0.3], dtype=np.float32)  # 0.0 to "card abroad", 0.3 to "other": both below the floor
    r = _record_ranker()
    ranked = r.rank(situation(declined, [], now=NOW), far, Stats(), now=NOW)
    assert [s["id"] for s in ranked.suggestions] == ["abroad"]
    assert ranked.suggestions[0]["relevance"] == 0.55
    assert ranked.suggestions[0]["why"].startswith("the customer's record: a payment was declined")
    # the same reasons as codes and values, for a console to word in its language, with the catalogue's French
    assert ranked.suggestions[0]["reasons"][0] == {
        "code": "record", "text": "a payment was declined: payments abroad are off",
        "texts": {"fr": "un paiement refusé : paiements à l'étranger désactivés"}}
    assert ranked.suggestions[0]["titles"] == {"fr": "Activer la carte à l'étranger"}
    # without the event nothing fits; the bot never offers on the record alone
    assert r.rank(situation(_customer(), [], now=NOW), far, Stats(), now=NOW).suggestions == []
    assert r.rank(situation(declined, [], now=NOW), far, Stats(), for_bot=True, now=NOW).suggestions == []
    # words that fit better than the record keep their own relevance
    close = np.array([0.9, 0.0], dtype=np.float32)
    assert r.rank(situation(declined, [], now=NOW), close, Stats(), now=NOW).suggestions[0]["relevance"] == 0.9
    # the floor is the catalogue's to set
    lower = _record_ranker(record_relevance=0.45).rank(situation(declined, [], now=NOW), far, Stats(), now=NOW)
    assert lower.suggestions[0]["relevance"] == 0.45


def test_a_catalogue_with_a_bad_fits_rule_does_not_load() -> None:
    with pytest.raises(ValueError, match="fits"):
        Catalogue.from_dict({"action": [{"id": "x", "kind": "service", "title": "x", "fits": "recent_with("}]})
    with pytest.raises(ValueError, match="titles"):
        Catalogue.from_dict({"action": [{"id": "x", "kind": "service", "title": "x", "titles": "Titre"}]})


def test_the_shipped_catalogue_gives_french_advisors_every_title_and_record_reason() -> None:
    from pathlib import Path

    catalogue = Catalogue.load(Path(__file__).resolve().parents[2] / "configs" / "actions.toml")
    assert all("fr" in a.titles for a in catalogue.actions), [a.id for a in catalogue.actions if "fr" not in a.titles]
    assert all("fr" in a.fits_whys for a in catalogue.actions if a.fits_why)


def test_every_french_text_of_the_shipped_catalogue_can_be_said_with_tu() -> None:
    """The advisor's one-click texts follow the bot's register: each French one must be one the register
    rules can rewrite ("Voulez-vous", "votre patience" could not: "vous" in the middle of a "tu")."""
    from pathlib import Path

    from assistant.register import _left_over, tutoyer

    catalogue = Catalogue.load(Path(__file__).resolve().parents[2] / "configs" / "actions.toml")
    french = [a.texts["fr"] for a in catalogue.actions if "fr" in a.texts]
    assert len(french) >= 10
    for text in french:
        assert not _left_over(tutoyer(text)), text


def test_the_texts_follow_the_language_the_conversation_is_in_not_the_one_on_file() -> None:
    """Nadia is French on file and writes in English: the advisor's one-click text is the English one."""
    said = [{"type": "customer_message", "text": "why was my payment declined?", "language": "en"}]
    assert situation(_customer(language="fr"), said).language == "en"
    assert situation(_customer(language="fr"), []).language == "fr"  # nothing said yet: the profile's
    asked = [{"type": "customer_message", "text": "in French please", "language": "en", "reply_language": "fr"}]
    assert situation(_customer(language="en"), asked).language == "fr"


def test_an_action_for_a_sensitive_topic_told_is_suggested_whatever_the_words() -> None:
    """Waiting for a person, a customer tells a scam in words far from the action's phrasings: the action whose rule
    holds for the fraud told is suggested, saying why; an action that holds whatever is told keeps its relevance floor."""
    catalogue = Catalogue.from_dict({
        "ranking": {"min_relevance": 0.4, "record_relevance": 0.55},
        "action": [
            {"id": "reassure", "kind": "reply", "title": "Reassure about fraud", "about": ["card used without me"],
             "when": "'fraud' in topics", "text": "You did the right thing to tell us."},
            {"id": "hours", "kind": "reply", "title": "Opening hours", "about": ["card used without me"], "when": ""},
        ],
    })
    ranker = Ranker(catalogue, np.array([[0.0, 1.0], [0.0, 1.0]], dtype=np.float32), [0, 1])
    told = [{"type": "customer_message", "text": "can I speak to someone please"},
            {"type": "customer_message", "text": "a man from the bank told me to move my savings to a safe account",
             "sensitive_topic": "fraud"}]
    ranked = ranker.rank(situation(None, told), QUERY, Stats(), now=NOW).suggestions
    assert [s["id"] for s in ranked] == ["reassure"], ranked
    assert ranked[0]["why"] == "the customer told of fraud" and ranked[0]["relevance"] == 0.55, ranked[0]
    assert not ranker.rank(situation(None, told[:1]), QUERY, Stats(), now=NOW).suggestions


def test_taking_it_over_is_suggested_for_an_upset_premium_customer_whatever_fired_first() -> None:
    """A premium customer tells a fraud in anger: the handoff's reason is the fraud, its upset fired beside it; the
    advisor is still given the words that take it over from an upset customer (not for a calm one)."""
    from pathlib import Path

    catalogue = Catalogue.load(Path(__file__).resolve().parents[2] / "configs" / "actions.toml")
    take_over = next(a for a in catalogue.actions if a.id == "reply-take-ownership")
    told = [{"type": "customer_message", "text": "someone used my card, sort it out now", "sentiment": {"score": -0.35},
             "sensitive_topic": "fraud"}]
    upset = situation(_customer(tier="premium"), told, reason="sensitive_topic", also=["premium_upset"], now=NOW)
    calm = situation(_customer(tier="premium"), told, reason="sensitive_topic", now=NOW)
    assert take_over.when(upset.context) and not take_over.when(calm.context)


def test_words_to_take_it_over_fit_an_upset_customer_whatever_their_words() -> None:
    """"ça fait 10 jours que j'attends !!" from a premium customer is far from "this is ridiculous": the reply that
    takes it over is suggested because they are upset, saying so; to a calm customer, only on their words."""
    from handoff.nba import why_text

    catalogue = Catalogue.from_dict({
        "ranking": {"min_relevance": 0.4, "record_relevance": 0.55},
        "action": [{"id": "take-over", "kind": "reply", "title": "Take it over", "about": ["this is ridiculous"],
                    "when": "lowest_sentiment < -0.4 or reason in ['premium_upset'] or 'premium_upset' in also",
                    "text": "I'm taking it from here."}],
    })
    ranker = Ranker(catalogue, np.array([[0.0, 1.0]], dtype=np.float32), [0])
    said = [{"type": "customer_message", "text": "ça fait 10 jours que j'attends !!", "sentiment": {"score": -0.3}}]
    for reason, also in (("premium_upset", ()), ("human_request", ("premium_upset",))):
        ranked = ranker.rank(situation(_customer(tier="premium"), said, reason=reason, also=also), QUERY, Stats(),
                             now=NOW).suggestions
        assert [a["id"] for a in ranked] == ["take-over"], ranked
        assert ranked[0]["reasons"][0] == {"code": "upset", "how": "premium_upset"}
        assert "the customer is upset (a premium customer)" in why_text(ranked[0]["reasons"])
    calm = ranker.rank(situation(_customer(tier="premium"), said, reason="human_request"), QUERY, Stats(), now=NOW)
    assert calm.suggestions == []
    # a rule on another reason is not for the upset: the safety line for a danger told, not for a premium complaint
    safety = Catalogue.from_dict({"ranking": {"min_relevance": 0.4, "record_relevance": 0.55}, "action": [
        {"id": "safety-line", "kind": "service", "title": "Safety line", "about": ["the parcel is smoking"],
         "when": "reason == 'sensitive_topic'"}]})
    complaint = [{**said[0], "sensitive_topic": "formal_complaint"}]
    ranked = Ranker(safety, np.array([[0.0, 1.0]], dtype=np.float32), [0]).rank(
        situation(_customer(tier="premium"), complaint, reason="sensitive_topic", also=["premium_upset"]), QUERY,
        Stats(), now=NOW)
    assert ranked.suggestions == [], ranked.suggestions
    grieving = [{**said[0], "text": "my husband died last week", "sensitive_topic": "bereavement"}]
    sad = ranker.rank(situation(_customer(tier="premium"), grieving, reason="sensitive_topic", also=["premium_upset"]),
                      QUERY, Stats(), now=NOW)
    assert sad.suggestions == []  # sorrow, not anger: no words for a frustration
