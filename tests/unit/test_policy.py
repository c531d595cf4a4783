from pathlib import Path

from handoff.policy import EscalationPolicy, PastTurn, TurnSignals

POLICY = EscalationPolicy.load(Path(__file__).resolve().parents[2] / "configs" / "escalation.toml")


def turn(**kw) -> TurnSignals:  # type: ignore[no-untyped-def]
    base = dict(seq=0, text="q", human_request=False, sensitive_topic=None, in_scope=True, top_document="a",
                top_score=0.8, sentiment=0.0, tier=None, history=())
    base.update(kw)
    return TurnSignals(**base)  # type: ignore[arg-type]


def past(seq: int, in_scope: bool = True, doc: str | None = "b", sentiment: float = 0.0) -> PastTurn:
    return PastTurn(seq=seq, text=f"m{seq}", in_scope=in_scope, top_document=doc, sentiment=sentiment)


def test_a_single_out_of_scope_question_does_not_escalate_two_in_a_row_do() -> None:
    assert POLICY.decide(turn(in_scope=False)) is None
    assert POLICY.decide(turn(in_scope=False, history=(past(1, in_scope=False), past(3)))) is None
    e = POLICY.decide(turn(in_scope=False, history=(past(1), past(3, in_scope=False))))
    assert e is not None and e.reason == "out_of_scope"
    assert [m["text"] for m in e.evidence["messages"]] == ["m3", "q"]


def test_courtesy_between_two_misses_does_not_end_the_run() -> None:
    hello = PastTurn(seq=3, text="hello?", in_scope=None, top_document=None, sentiment=0.0, small_talk=True)
    e = POLICY.decide(turn(in_scope=False, history=(past(1, in_scope=False), hello)))
    assert e is not None and e.reason == "out_of_scope"
    assert [m["text"] for m in e.evidence["messages"]] == ["m1", "q"]


def test_the_first_rule_that_fires_wins_and_records_evidence() -> None:
    e = POLICY.decide(turn(human_request=True, sensitive_topic="fraud", in_scope=False))
    assert e is not None and e.reason == "sensitive_topic" and e.evidence["also"] == ["human_request"], e
    e = POLICY.decide(turn(human_request=True, in_scope=False))
    assert e is not None and e.reason == "human_request"
    e = POLICY.decide(turn(sensitive_topic="bereavement"))
    assert e is not None and (e.reason, e.evidence["topic"]) == ("sensitive_topic", "bereavement")
    assert "also" not in e.evidence  # nothing else fired


def test_the_other_rules_that_fired_are_named_and_raise_the_priority() -> None:
    upset = (past(1, in_scope=False, sentiment=-0.7), past(3, in_scope=False, sentiment=-0.8))
    e = POLICY.decide(turn(in_scope=False, sentiment=-0.9, history=upset))
    assert e is not None and e.reason == "out_of_scope" and e.evidence["also"] == ["negative_trend"], e
    alone = POLICY.priority(reason="out_of_scope", tier=None, sentiment=-0.9)
    assert POLICY.priority(reason="out_of_scope", tier=None, sentiment=-0.9, also=e.evidence["also"]) > alone


def test_the_same_question_answered_twice_already_escalates() -> None:
    assert POLICY.decide(turn(top_document="pin", history=(past(1, doc="pin"),))) is None  # a follow-up
    # asked once more: perhaps the answer was not read yet
    assert POLICY.decide(turn(top_document="pin", history=(past(1, doc="pin"),), similar_seqs=frozenset({1}))) is None
    e = POLICY.decide(turn(top_document="pin", history=(past(1, doc="pin"), past(2, doc="pin")),
                           similar_seqs=frozenset({1, 2})))
    assert e is not None and e.reason == "repeated_question" and e.evidence["document_id"] == "pin"
    assert [m["seq"] for m in e.evidence["messages"]][:2] == [1, 2]


def test_upset_premium_customers_and_falling_mood_escalate() -> None:
    assert POLICY.decide(turn(tier="standard", sentiment=-0.6)) is None
    assert POLICY.decide(turn(tier="premium", sentiment=-0.6)) is None  # answered, with an apology
    e = POLICY.decide(turn(tier="premium", sentiment=-0.6, history=(past(1, sentiment=-0.7, doc="x"),)))
    assert e is not None and e.reason == "premium_upset"
    e = POLICY.decide(turn(tier="premium", sentiment=-0.7, in_scope=False))
    assert e is not None and e.reason == "premium_upset"
    # "your bank is a joke, I've had enough" scores -0.36: its words of anger make that count, not the score alone
    angry = dict(tier="premium", sentiment=-0.36, history=(past(1, sentiment=-0.7, doc="x"),))
    assert POLICY.decide(turn(**angry)) is None or POLICY.decide(turn(**angry)).reason != "premium_upset"
    e = POLICY.decide(turn(**angry, distress=True))
    assert e is not None and e.reason == "premium_upset"
    e = POLICY.decide(turn(sentiment=-0.8, history=(past(1, sentiment=-0.5, doc="x"), past(3, sentiment=-0.6, doc="y"))))
    assert e is not None and e.reason == "negative_trend"


def test_a_falling_mood_ending_in_words_of_anger_escalates_at_a_milder_score() -> None:
    """"mon virement n'est toujours pas arrivé", "ça fait 4 jours, c'est inadmissible", then "vous vous foutez
    de moi ? c'est la troisième fois que je contacte votre service": the last scores only -0.43."""
    angry = (past(1, sentiment=-0.6, doc="x"), past(3, sentiment=-0.7, doc="y"))
    assert POLICY.decide(turn(sentiment=-0.43, in_scope=False, history=angry)) is None  # no words of anger
    e = POLICY.decide(turn(sentiment=-0.43, in_scope=False, history=angry, distress=True))
    assert e is not None and e.reason == "negative_trend" and e.evidence["distress"] is True
    calm = (past(1, sentiment=-0.1, doc="x"), past(3, sentiment=-0.2, doc="y"))
    assert POLICY.decide(turn(sentiment=-0.43, history=calm, distress=True)) is None  # no falling run


def test_words_of_anger_in_every_message_escalate_however_mildly_each_scores() -> None:
    """"ça fait 3 semaines que j'attends mon canapé" (-0.3), "toujours rien" (-0.35), "vous vous foutez de moi ?"
    (-0.4): no falling run (a mean of -0.35), but anger said three times; not twice, nor the last said calmly."""
    said = (PastTurn(1, "m1", True, "x", -0.3, distress=True), PastTurn(3, "m3", True, "y", -0.35, distress=True))
    e = POLICY.decide(turn(sentiment=-0.4, history=said, distress=True))
    assert e is not None and e.reason == "negative_trend" and e.evidence["sustained"] is True, e
    assert POLICY.decide(turn(sentiment=-0.4, history=said)) is None  # the last without those words
    calmer = (PastTurn(1, "m1", True, "x", -0.3, distress=True), PastTurn(3, "m3", True, "y", -0.35))
    assert POLICY.decide(turn(sentiment=-0.4, history=calmer, distress=True)) is None


def test_anger_as_the_first_word_after_a_handback_escalates_alone() -> None:
    """Right after the advisor handed back, one message in words of anger is enough: no falling run is needed; not
    without those words, nor anywhere else, nor with the rule turned off."""
    e = POLICY.decide(turn(sentiment=-0.79, after_handback=True, distress=True))
    assert e is not None and e.reason == "negative_trend" and e.evidence["after_handback"] is True, e
    assert POLICY.decide(turn(sentiment=-0.79, after_handback=True)) is None
    assert POLICY.decide(turn(sentiment=-0.79, distress=True)) is None
    assert POLICY.decide(turn(sentiment=-0.1, after_handback=True, distress=True)) is None
    rule = {**POLICY.rules["negative_trend"], "after_handback": False}
    off = EscalationPolicy({**POLICY.rules, "negative_trend": rule})
    assert off.decide(turn(sentiment=-0.79, after_handback=True, distress=True)) is None


def test_a_calm_question_that_scores_low_from_its_subject_ends_no_falling_run() -> None:
    """"jai fait un virement au mauvais iban", "cetait un virement instantane", then "et si cetait un virement
    normal ?" (-0.52 from its subject): a plain question without words of distress is no falling mood; scored
    lower still, or said with words of anger, it is."""
    run = (past(1, sentiment=-0.59, doc="x"), past(3, sentiment=-0.34, doc="y"))
    assert POLICY.decide(turn(sentiment=-0.52, history=run, question=True)) is None
    e = POLICY.decide(turn(sentiment=-0.52, history=run))
    assert e is not None and e.reason == "negative_trend", e
    e = POLICY.decide(turn(sentiment=-0.9, history=run, question=True))
    assert e is not None and e.reason == "negative_trend", e
    e = POLICY.decide(turn(sentiment=-0.52, history=run, question=True, distress=True))
    assert e is not None and e.reason == "negative_trend", e


def test_priority_grows_with_tier_reason_mood_and_waiting() -> None:
    low = POLICY.priority(reason="out_of_scope", tier=None, sentiment=0.2)
    high = POLICY.priority(reason="sensitive_topic", tier="premium", sentiment=-0.8)
    assert high > low
    assert POLICY.effective_priority(low, 600) > POLICY.effective_priority(low, 0)


def test_a_customer_in_danger_comes_first_and_fraud_before_a_premium_request() -> None:
    premium_request = POLICY.priority(reason="human_request", tier="premium", sentiment=-0.3)
    fraud = POLICY.priority(reason="sensitive_topic", tier=None, sentiment=-0.3, topic="fraud")
    danger = POLICY.priority(reason="sensitive_topic", tier=None, sentiment=-0.3, topic="vulnerability")
    vip_angry = POLICY.priority(reason="premium_upset", tier="vip", sentiment=-0.9)
    assert danger > vip_angry > fraud > premium_request
    # a danger told now (someone hurt on the road), whatever the reason it was handed over for: beside a customer told
    # of abuse, before any other; handed over for the danger itself, beside one who speaks of ending their life
    hurt = POLICY.priority(reason="out_of_scope", tier=None, sentiment=0.0, emergency=True)
    abuse = POLICY.priority(reason="sensitive_topic", tier=None, sentiment=-0.3, topic="vulnerability", kind="abuse")
    assert hurt > vip_angry and hurt >= abuse - 0.5, (hurt, abuse, vip_angry)
    told = POLICY.priority(reason="sensitive_topic", tier=None, sentiment=-0.3, topic="emergency", emergency=True)
    assert abs(told - danger) <= 0.5, (told, danger)
    # one who speaks of ending their life is not behind a leak told now (a handoff asked for beside it); abuse told
    # comes after them, still before any other
    leak = POLICY.priority(reason="human_request", tier=None, sentiment=-0.6, emergency=True)
    calm_despair = POLICY.priority(reason="sensitive_topic", tier=None, sentiment=-0.5, topic="vulnerability")
    abuse = POLICY.priority(reason="sensitive_topic", tier=None, sentiment=-0.5, topic="vulnerability", kind="abuse")
    assert calm_despair > leak and calm_despair > abuse > vip_angry, (calm_despair, leak, abuse, vip_angry)
    # fraud and money trouble before a premium customer upset about a fee
    premium_upset = POLICY.priority(reason="premium_upset", tier="premium", sentiment=-0.9)
    assert min(fraud, POLICY.priority(reason="sensitive_topic", tier=None, sentiment=-0.5, topic="hardship")) > \
        premium_upset
    # told to move their money to a "safe account", a calm customer comes before any other fraud, an angry one's and
    # money trouble's, and after a customer in danger
    moving = POLICY.priority(reason="sensitive_topic", tier=None, sentiment=0.0, topic="fraud", kind="money_moved")
    angry_fraud = POLICY.priority(reason="sensitive_topic", tier=None, sentiment=-1.0, topic="fraud")
    hardship = POLICY.priority(reason="sensitive_topic", tier=None, sentiment=-1.0, topic="hardship")
    assert danger > moving > max(angry_fraud, hardship, vip_angry), (danger, moving, angry_fraud, hardship)
    e = POLICY.decide(TurnSignals(seq=1, text="they told me to move my savings to a safe account", human_request=False,
                                  sensitive_topic="fraud", in_scope=False, top_document=None, top_score=0.0,
                                  sentiment=0.0, tier=None, topic_kind="money_moved"))
    assert e is not None and e.evidence["topic_kind"] == "money_moved", e
    # the topic counts only when it is why the handoff is there
    assert POLICY.priority(reason="human_request", tier=None, sentiment=0.0, topic="vulnerability") == \
        POLICY.priority(reason="human_request", tier=None, sentiment=0.0)


def test_every_wait_an_accept_ended_counts_and_an_unknown_one_counts_for_nothing() -> None:
    from datetime import datetime, timedelta, timezone

    from handoff.models import Handoff
    from handoff.service import waited_in_all
    from handoff.supervision import queued_seconds

    t0 = datetime(2026, 12, 5, 9, 0, tzinfo=timezone.utc)
    at = lambda minutes: (t0 + timedelta(minutes=minutes)).isoformat()  # noqa: E731
    # taken after 2 min, released at 10, taken again at 15, released at 20, taken at 30
    h = Handoff(id="h", conversation_id="c", reason="human_request", created_at=t0,
                accepted_at=t0 + timedelta(minutes=30),
                evidence={"held": [{"agent": "a", "accepted_at": at(2), "released_at": at(10)},
                                   {"agent": "b", "accepted_at": at(15), "released_at": at(20)}]})
    assert waited_in_all(h) == (2 + 5 + 10) * 60
    # a release not on record: the advisor's time with the customer is not counted as waiting
    h = Handoff(id="h", conversation_id="c", reason="human_request", created_at=t0,
                closed_at=t0 + timedelta(minutes=40), evidence={"held": [{"agent": "a", "accepted_at": at(2)}]})
    assert waited_in_all(h) == 120 and queued_seconds(h, t0 + timedelta(minutes=50)) == 120


def test_the_escalations_csv_runs_no_formula_a_customer_typed() -> None:
    import csv
    import io

    from handoff.supervision import ESCALATION_COLUMNS, escalations_csv

    row = {c: None for c in ESCALATION_COLUMNS} | {"handoff_id": "h_1", "wait_s": -0.0}
    row[next(c for c in ESCALATION_COLUMNS if c not in ("handoff_id", "wait_s", "evidence"))] = \
        '=HYPERLINK("http://evil.example","click")'
    table = list(csv.reader(io.StringIO(escalations_csv([row]))))
    cells = [c for c in table[1] if "HYPERLINK" in c]
    assert cells and all(c.startswith("'=") for c in cells), table
    assert table[1][ESCALATION_COLUMNS.index("handoff_id")] == "h_1"


def test_a_question_said_to_be_asked_again_counts_twice() -> None:
    asked = (past(1, doc="a"),)
    assert POLICY.decide(turn(history=asked, similar_seqs=frozenset({1}))) is None  # twice: not yet
    e = POLICY.decide(turn(history=asked, similar_seqs=frozenset({1}), said_again=True))
    assert e is not None and e.reason == "repeated_question", e  # "je vous répète que…"
    assert POLICY.decide(turn(said_again=True)) is None  # nothing asked before of it


def test_a_customer_saying_they_ask_again() -> None:
    from assistant.intents import says_it_again

    for text in ("je vous répète que ma carte est refusée sur les sites internet !!!",
                 "I TOLD YOU MY TRANSFER HASNT ARRIVED", "as I said, it was declined", "comme je vous ai dit"):
        assert says_it_again(text), text
    assert not says_it_again("he told me to call") and not says_it_again("what did you say?")


def test_money_already_sent_to_a_safe_account_is_its_own_kind_and_as_urgent() -> None:
    from assistant.intents import sensitive_topic, topic_kind

    sent = "un conseiller m'a demande de virer 3000e sur un compte securise, je l'ai fait il y a 20min"
    asked = "they told me to move my savings to a safe account"
    assert (sensitive_topic(sent), topic_kind("fraud", sent)) == ("fraud", "money_sent")
    assert topic_kind("fraud", asked) == "money_moved"
    now = POLICY.priority(reason="sensitive_topic", tier=None, sentiment=0.0, topic="fraud", kind="money_sent")
    assert now == POLICY.priority(reason="sensitive_topic", tier=None, sentiment=0.0, topic="fraud", kind="money_moved")


def test_the_summary_says_what_a_request_for_a_person_was_about() -> None:
    """"my claim for my glasses was rejected, I'd like to talk to an advisor please" says what it is about, unlike "I
    need help from an agent" (then "what is an overdraft?"): the advisor reads it as what was asked, not the thank-you
    written to them later."""
    from handoff.summary import summarize

    events = [
        {"type": "customer_message", "text": "Hi, my claim for my glasses was rejected, I'd like to talk to an advisor "
                                             "please", "human_request": True},
        {"type": "customer_message", "text": "ok thanks, I'll do it tonight"},
    ]
    assert "asked: “Hi, my claim for my glasses was rejected" in summarize(events, "bot")
    events = [{"type": "customer_message", "text": "I need help from an agent", "human_request": True},
              {"type": "customer_message", "text": "what is an overdraft?"}]
    assert "asked: “what is an overdraft?”" in summarize(events, "bot")
    # a long request for a person that says nothing else is no question
    events = [{"type": "customer_message", "text": "Hi, I would like to speak to someone from customer service please",
               "human_request": True},
              {"type": "customer_message", "text": "what is an overdraft?"}]
    assert "asked: “what is an overdraft?”" in summarize(events, "bot")
