from pathlib import Path

from assistant.tone import ToneInputs, TonePolicy

POLICY = TonePolicy.load(Path(__file__).resolve().parents[2] / "configs" / "tone.toml")


def choose(**kw):  # type: ignore[no-untyped-def]
    base = dict(language="en", channel="web", sentiment=0.0, trend="flat", personalized=True)
    base.update(kw)
    return POLICY.choose(ToneInputs(**base))  # type: ignore[arg-type]


def test_an_angry_french_premium_customer_gets_vous_an_apology_and_brevity() -> None:
    t = choose(language="fr", tier="premium", sentiment=-0.7, trend="falling")
    assert (t.formality, t.empathy, t.brevity) == ("vous", "apologise", "short")
    assert "désolé" in t.words["apologise"]


def test_a_student_who_prefers_informal_gets_tu_only_with_consent() -> None:
    assert choose(language="fr", segment="student", preferred_register="informal").formality == "tu"
    default = choose(language="fr", segment="student", preferred_register="informal", personalized=False)
    assert default.formality == "vous" and default.as_dict()["default"] is True


def test_a_calm_english_customer_on_web_gets_a_full_friendly_answer() -> None:
    t = choose(sentiment=0.4)
    assert (t.formality, t.empathy, t.brevity) == ("friendly", "none", "full")


def test_mobile_is_short_and_fraud_is_urgent() -> None:
    assert choose(channel="mobile").brevity == "short"
    assert choose(topic="fraud").urgency == "high"


def test_shorten_keeps_whole_sentences() -> None:
    text = "First sentence here. " * 30
    short = POLICY.shorten(text)
    assert len(short) <= 240 and short.endswith(".")
