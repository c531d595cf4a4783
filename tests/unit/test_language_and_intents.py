import pytest

from assistant.intents import is_human_request, sensitive_topic
from assistant.language import detect_language


@pytest.mark.parametrize("text", [
    "je veux parler à un conseiller", "agent please", "get me a real person", "Je voudrais parler à un humain",
    "can I talk to someone", "I need to speak with a representative", "passez-moi un conseiller svp",
])
def test_requests_for_a_human_are_recognised(text: str) -> None:
    assert is_human_request(text)


@pytest.mark.parametrize("text", [
    "I forgot my PIN", "how do I make a transfer", "comment faire un virement", "my card was declined",
    "what are your opening hours", "the agent at the branch was nice",
])
def test_ordinary_questions_are_not(text: str) -> None:
    assert not is_human_request(text)


def test_sensitive_topics() -> None:
    assert sensitive_topic("I think this is a scam, someone took money") == "fraud"
    assert sensitive_topic("ma mère est décédée, que faire du compte ?") == "bereavement"
    assert sensitive_topic("I will contact my lawyer") == "legal_threat"
    assert sensitive_topic("how do I change my address") is None


def test_language_detection() -> None:
    assert detect_language("comment faire un virement ?") == "fr"
    assert detect_language("how do I send money?") == "en"
    assert detect_language("ok", default="fr") == "fr"
