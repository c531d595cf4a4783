"""Tandem as a Rasa action server, through rasa-sdk's protocol."""
from __future__ import annotations

import json
import zlib
from typing import Any

from tests.helpers import ingest


def action_call(action: str, text: str, sender: str = "rasa-user-1", message_id: str = "m1") -> dict[str, Any]:
    return {
        "next_action": action,
        "sender_id": sender,
        "version": "3.6.0",
        "domain": {"slots": {}, "responses": {}, "actions": [action]},
        "tracker": {
            "sender_id": sender, "slots": {}, "latest_message": {"text": text, "message_id": message_id, "intent": {}},
            "events": [], "paused": False, "followup_action": None, "active_loop": {}, "latest_action_name": None,
        },
    }


async def test_actions_are_listed_and_answers_cite_sources(client: Any) -> None:
    await ingest(client)
    r = await client.get("/actions")
    names = {a["name"] for a in await r.json()}
    assert {"action_tandem_answer", "action_tandem_handoff", "action_tandem_resume", "action_tandem_profile"} <= names
    r = await client.post("/webhook", json=action_call("action_tandem_answer", "I forgot my PIN"))
    assert r.status == 200
    out = await r.json()
    assert out["responses"][0]["custom"]["tandem"]["sources"][0]["document_id"] == "pin"
    body = zlib.compress(json.dumps(action_call("action_tandem_handoff", "human please", message_id="m2")).encode())
    r = await client.post("/webhook", data=body, headers={"Content-Encoding": "deflate", "Content-Type": "application/json"})
    assert r.status == 200
    out = await r.json()
    assert {"event": "pause"} .items() <= next(e for e in out["events"] if e["event"] == "pause").items()
    r = await client.get("/v1/handoffs?status=waiting", headers={"Authorization": "Bearer test-admin-token"})
    assert len((await r.json())["handoffs"]) == 1


async def test_rasa_errors_keep_rasa_status_codes(client: Any) -> None:
    r = await client.post("/webhook", json=action_call("action_nobody_wrote", "hi"))
    assert r.status == 404 and (await r.json())["action_name"] == "action_nobody_wrote"
    r = await client.post("/webhook", data=b"{not json", headers={"Content-Type": "application/json"})
    assert r.status == 400
    call = action_call("action_tandem_answer", "hi")
    del call["domain"]
    r = await client.post("/webhook", json=call)
    assert r.status == 449


async def test_a_domain_without_a_customer_slot_adds_no_log_line_a_call(client: Any, caplog: Any) -> None:
    # rasa-sdk's get_slot logs "Tried to access non existent slot" at INFO: once a call, in every log
    await ingest(client)
    caplog.set_level("INFO")
    for i, action in enumerate(["action_tandem_answer", "action_tandem_profile", "action_tandem_answer"]):
        r = await client.post("/webhook", json=action_call(action, "I forgot my PIN", message_id=f"m{i}"))
        assert r.status == 200
    assert not [r for r in caplog.records if "slot" in r.getMessage()]


async def test_a_customer_identified_mid_conversation_gets_a_personal_answer(client: Any) -> None:
    await ingest(client)
    admin = {"Authorization": "Bearer test-admin-token"}
    r = await client.put("/v1/customers/c-rasa", json={"name": "Camille Laurent", "tier": "premium", "language": "en",
                                                      "consents": {"personalization": True}}, headers=admin)
    assert r.status == 200
    r = await client.post("/webhook", json=action_call("action_tandem_answer", "how do I send money", sender="u9"))
    first = (await r.json())["responses"][0]["custom"]["tandem"]["tone"]
    assert first["personalized"] is False
    call = action_call("action_tandem_answer", "I forgot my PIN", sender="u9", message_id="m2")
    call["tracker"]["slots"]["customer_id"] = "c-rasa"
    r = await client.post("/webhook", json=call)
    second = (await r.json())["responses"][0]["custom"]["tandem"]["tone"]
    assert second["personalized"] is True
    # an open /webhook reached through a proxy (or from another machine) names no one: anyone could otherwise read
    # a customer's file by putting their id in the slot
    call = action_call("action_tandem_answer", "I forgot my PIN", sender="u10", message_id="m3")
    call["tracker"]["slots"]["customer_id"] = "c-rasa"
    r = await client.post("/webhook", json=call, headers={"X-Forwarded-For": "203.0.113.9"})
    assert (await r.json())["responses"][0]["custom"]["tandem"]["tone"]["personalized"] is False
    call = action_call("action_tandem_profile", "hello", sender="u10", message_id="m4")
    call["tracker"]["slots"]["customer_id"] = "c-rasa"
    r = await client.post("/webhook", json=call, headers={"X-Forwarded-For": "203.0.113.9"})
    assert {"event": "slot", "name": "customer_name", "value": None}.items() <= \
        next(e for e in (await r.json())["events"] if e.get("name") == "customer_name").items()


async def test_the_search_action_answers_from_knowledge_and_keeps_no_conversation(client: Any) -> None:
    await ingest(client)
    r = await client.get("/v1/kpis", headers={"Authorization": "Bearer test-admin-token"})
    before = (await r.json())["conversations"]
    r = await client.post("/webhook", json=action_call("action_tandem_search", "I forgot my PIN", sender="s1"))
    out = await r.json()
    assert r.status == 200
    assert out["responses"][0]["text"].startswith("You can reset your PIN")
    assert out["responses"][0]["custom"]["tandem"]["sources"][0]["document_id"] == "pin"
    assert {"event": "slot", "name": "tandem_in_scope", "value": True}.items() <= \
        next(e for e in out["events"] if e.get("name") == "tandem_in_scope").items()
    # a French question finds the French article; one nothing answers gets "no reliable answer", in French
    r = await client.post("/webhook", json=action_call("action_tandem_search",
                                                        "comment envoyer de l'argent à l'étranger ?", sender="s1"))
    assert (await r.json())["responses"][0]["text"].startswith("Pour un virement hors zone euro")
    r = await client.post("/webhook", json=action_call("action_tandem_search",
                                                        "quelle est la recette de la tarte tatin ?", sender="s1"))
    out = await r.json()
    assert out["responses"][0]["custom"]["tandem"] == {"action": "clarify", "sources": []}  # no unrelated links
    assert "réponse" in out["responses"][0]["text"]
    assert next(e for e in out["events"] if e.get("name") == "tandem_in_scope")["value"] is False
    assert next(e for e in out["events"] if e.get("name") == "tandem_sources")["value"] == []
    r = await client.get("/v1/kpis", headers={"Authorization": "Bearer test-admin-token"})
    assert (await r.json())["conversations"] == before  # the search action kept nothing
    # a French question answered from an English article says so first
    r = await client.post("/webhook", json=action_call("action_tandem_search", "j'ai oublié mon code PIN", sender="s1"))
    assert (await r.json())["responses"][0]["text"].startswith("(Cet article est en anglais.) You can reset")
    # what is no text is refused, as Rasa's own server refuses an action; a lone surrogate is mended
    for action in ("action_tandem_search", "action_tandem_answer"):
        for odd in (42, ["a"], {"a": 1}, True, 1.5):
            call = action_call(action, "x", sender="s2")
            call["tracker"]["latest_message"]["text"] = odd
            r = await client.post("/webhook", json=call)
            assert r.status == 400 and (await r.json())["action_name"] == action
        for body in ({"latest_message": "hi"}, {"latest_message": ["hi"]}, {"events": 5}):
            call = action_call(action, "x", sender="s2")
            call["tracker"].update(body)
            r = await client.post("/webhook", json=call)
            assert r.status in (200, 400), (body, r.status)  # never a crash
        r = await client.post("/webhook", data=json.dumps(action_call(action, "my PIN \ud800 is blocked", sender="s3")),
                              headers={"Content-Type": "application/json"})
        assert r.status == 200, await r.text()


async def test_the_search_action_reads_a_follow_up_with_the_message_before_it(aiohttp_client: Any, app_factory: Any) -> None:
    """Rasa keeps the conversation: the tracker's last user message is the question a follow-up leans on."""
    client = await aiohttp_client(app_factory(demo=True))
    call = action_call("action_tandem_search", "and abroad?", sender="f1")
    alone = await (await client.post("/webhook", json=call)).json()
    assert alone["responses"][0]["custom"]["tandem"]["sources"][0]["document_id"] != "international-transfer"
    call["tracker"]["events"] = [{"event": "user", "text": "how do I make a transfer?"}, {"event": "bot", "text": "…"},
                                 {"event": "user", "text": "and abroad?"}]
    out = await (await client.post("/webhook", json=call)).json()
    assert out["responses"][0]["custom"]["tandem"]["sources"][0]["document_id"] == "international-transfer", out


async def test_with_a_shared_secret_the_webhook_refuses_calls_without_it(aiohttp_client: Any,
                                                                          app_factory: Any) -> None:
    """Rasa's action_endpoint `token` arrives as ?token=; anyone else reaching /webhook could otherwise
    speak as any sender and bind a conversation to any customer through the customer_id slot."""
    client = await aiohttp_client(app_factory(auth={"rasa_token": "s3cret"}))
    await ingest(client)
    call = action_call("action_tandem_answer", "I forgot my PIN")
    call["tracker"]["slots"]["customer_id"] = "someone-else"
    for headers, path in [({}, "/webhook"), ({}, "/webhook?token=wrong"), ({"Authorization": "Bearer nope"}, "/webhook")]:
        r = await client.post(path, json=call, headers=headers)
        assert r.status == 401, (path, headers)
    r = await client.get("/v1/handoffs", headers={"Authorization": "Bearer test-admin-token"})
    assert r.status == 200
    for headers, path in [({}, "/webhook?token=s3cret"), ({"Authorization": "Bearer s3cret"}, "/webhook")]:
        r = await client.post(path, json=call, headers=headers)
        assert r.status == 200 and (await r.json())["responses"], (path, headers)
