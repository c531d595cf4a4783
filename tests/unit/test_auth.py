from assistant.auth import Signer


def test_conversation_and_resume_tokens_are_signed() -> None:
    s = Signer("secret")
    tok = s.conversation_token("c_1")
    assert s.read_conversation_token(tok) == "c_1"
    assert s.read_conversation_token(tok.replace("c_1", "c_2")) is None
    assert Signer("other").read_conversation_token(tok) is None
    assert s.read_resume_token(s.resume_token("c_1", 3)) == ("c_1", 3)
    assert s.read_resume_token("rs1.c_1.4." + s.resume_token("c_1", 3).split(".")[-1]) is None


def test_customer_assertions_expire_and_cannot_be_forged() -> None:
    s = Signer("secret")
    a = s.customer_assertion("cust.with.dots", ttl_s=60)
    assert s.read_customer_assertion(a, max_age_s=600) == "cust.with.dots"
    assert s.read_customer_assertion(s.customer_assertion("x", ttl_s=-5), 600) is None
    assert s.read_customer_assertion(s.customer_assertion("x", ttl_s=6000), 600) is None
    assert Signer("other").read_customer_assertion(a, 600) is None
