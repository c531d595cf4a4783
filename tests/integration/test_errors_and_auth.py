"""Bad input and the wrong caller get the contract's error shape, and change nothing."""
from __future__ import annotations

import asyncio
import io
import json
from datetime import datetime, timedelta
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from aiohttp import WSMsgType

from tests.helpers import assert_error, conversation, events, h, ingest, say, token

CONFIGS = Path(__file__).resolve().parents[2] / "configs"


async def test_malformed_json_missing_field_and_wrong_token(client: Any) -> None:
    await ingest(client)
    conv = await conversation(client)
    url = f"/v1/conversations/{conv['conversation_id']}/messages"

    r = await client.post(url, data=b"{oops", headers={**h(conv["token"]), "Content-Type": "application/json"})
    assert_error(r.status, await r.json(), 400, "invalid_json")
    # nested past what the parser can recurse into, or past any body of the API: a 400, not a server error
    for deep in (b"[" * 100_000 + b"]" * 100_000, b'{"text": "hi", "x": ' + b"[" * 100 + b"]" * 100 + b"}"):
        for path in (url, "/v1/conversations", "/v1/conversations/resume"):
            r = await client.post(path, data=deep, headers={**h(conv["token"]), "Content-Type": "application/json"})
            assert_error(r.status, await r.json(), 400, "invalid_json")
        r = await client.post("/webhook", data=deep, headers={"Content-Type": "application/json"})
        assert r.status == 400, await r.text()
    # invisible characters alone are a blank message; a NUL is no text any store keeps; a channel is a name
    for text in ("\u200b", "\ufeff \u200b", "hi\x00there", "\u0301\u0301", "\u2800"):
        r = await client.post(url, json={"text": text}, headers=h(conv["token"]))
        assert_error(r.status, await r.json(), 422, "validation_failed")
    for body in ({"channel": "4539 1488 0343 6467"}, {"channel": "web", "customer_id": " "},
                 {"channel": "web", "customer_id": "a\x00b"}):
        r = await client.post("/v1/conversations", json=body, headers=h())
        assert_error(r.status, await r.json(), 422, "validation_failed")
    for bad in ("%20", "a%00b", "a%0Ab"):  # nobody's id, and no id to write
        r = await client.put(f"/v1/customers/{bad}", json={"name": "x"}, headers=h())
        assert_error(r.status, await r.json(), 422, "validation_failed")
    r = await client.post(url, json={"client_message_id": "x"}, headers=h(conv["token"]))
    body = await r.json()
    assert_error(r.status, body, 422, "validation_failed")
    assert "text" in body["error"]["message"]
    r = await client.post(url, json={"text": "hi"}, headers=h("cv1.nope.bad"))
    assert_error(r.status, await r.json(), 401, "unauthorized")
    r = await client.post(url, json={"text": "hi"})
    assert_error(r.status, await r.json(), 401)
    other = await conversation(client)
    r = await client.post(url, json={"text": "hi"}, headers=h(other["token"]))
    assert_error(r.status, await r.json(), 403, "forbidden")
    r = await client.get(f"/v1/conversations/{conv['conversation_id']}/events", headers=h(other["token"]))
    assert_error(r.status, await r.json(), 403)
    assert await events(client, conv) == []  # nothing was stored by any of it


async def test_every_role_is_checked(client: Any) -> None:
    agent = await token(client, "agent-1", "agent")
    sup = await token(client, "sup-1", "supervisor")
    conv = await conversation(client)
    cases = [
        ("POST", "/v1/knowledge/documents", agent, {"documents": [{"id": "a", "title": "t", "text": "x"}]}),
        ("PUT", "/v1/customers/c1", agent, {"name": "x"}),
        ("DELETE", "/v1/customers/c1", sup, None),
        ("POST", "/v1/auth/tokens", agent, {"subject": "x", "roles": ["admin"]}),
        ("GET", "/v1/auth/tokens", sup, None),
        ("DELETE", "/v1/auth/tokens/" + "0" * 64, agent, None),
        ("GET", "/v1/escalations", agent, None),
        ("GET", "/v1/kpis", agent, None),
        ("POST", "/v1/knowledge/search", conv["token"], {"query": "x"}),
        ("POST", "/v1/analyze", conv["token"], {"text": "x"}),
        ("GET", "/v1/handoffs", conv["token"], None),
        ("POST", "/v1/handoffs/h_x/accept", sup, None),
        # staff read a conversation; they do not speak in it as the customer
        ("POST", f"/v1/conversations/{conv['conversation_id']}/messages", agent, {"text": "agent please"}),
        ("POST", f"/v1/conversations/{conv['conversation_id']}/messages", sup, {"text": "agent please"}),
        ("POST", f"/v1/conversations/{conv['conversation_id']}/handoff", agent, None),
        ("DELETE", f"/v1/conversations/{conv['conversation_id']}/handoff", agent, None),
        ("GET", "/v1/knowledge/documents", conv["token"], None),
        ("GET", "/v1/knowledge/documents", sup, None),
    ]
    for method, path, tok, body in cases:
        r = await client.request(method, path, json=body, headers=h(tok))
        assert_error(r.status, await r.json(), 403)
    r = await client.get("/v1/escalations", headers=h(sup))
    assert r.status == 200
    r = await client.get(f"/v1/conversations/{conv['conversation_id']}/events", headers=h(agent))
    assert r.status == 200 and (await r.json())["events"] == []  # read, and nothing was written
    async with client.ws_connect(f"/v1/conversations/{conv['conversation_id']}/stream?token={sup}") as ws:
        await ws.send_json({"text": "je veux parler à un conseiller"})
        frame = await ws.receive_json(timeout=10)
        assert frame["type"] == "error" and frame["error"]["code"] == "forbidden", frame
    r = await client.get(f"/v1/conversations/{conv['conversation_id']}/events", headers=h(agent))
    assert (await r.json())["events"] == []


async def test_role_tokens_expire_are_listed_without_their_secret_and_revoked(client: Any, monkeypatch: Any) -> None:
    import assistant.auth

    r = await client.post("/v1/auth/tokens", json={"subject": "ana", "roles": ["agent"], "ttl_s": 3600}, headers=h())
    issued = await r.json()
    assert r.status == 201 and issued["subject"] == "ana" and issued["roles"] == ["agent"]
    lasts = datetime.fromisoformat(issued["expires_at"]) - datetime.fromisoformat(issued["created_at"])
    assert timedelta(seconds=3590) < lasts <= timedelta(seconds=3600)
    default = await (await client.post("/v1/auth/tokens", json={"subject": "bo", "roles": ["supervisor"]},
                                       headers=h())).json()
    lasts = datetime.fromisoformat(default["expires_at"]) - datetime.fromisoformat(default["created_at"])
    assert timedelta(days=89) < lasts <= timedelta(days=90)  # [auth] token_ttl_days
    for ttl in (59, "3600", 3600.5, True, 11 * 365 * 86400):
        r = await client.post("/v1/auth/tokens", json={"subject": "x", "roles": ["agent"], "ttl_s": ttl}, headers=h())
        assert_error(r.status, await r.json(), 422, "validation_failed")

    listed = (await (await client.get("/v1/auth/tokens", headers=h())).json())["tokens"]
    assert [t["subject"] for t in listed] == ["ana", "bo"]  # the refused requests issued nothing
    assert issued["token"] not in json.dumps(listed) and listed[0]["id"] == issued["id"]
    r = await client.get("/v1/auth/tokens", headers=h(issued["token"]))
    assert_error(r.status, await r.json(), 403)

    assert (await client.get("/v1/handoffs", headers=h(issued["token"]))).status == 200
    clock = assistant.auth.time
    monkeypatch.setattr(assistant.auth, "time", SimpleNamespace(time=lambda: clock.time() + 3601,
                                                                monotonic=clock.monotonic))
    r = await client.get("/v1/handoffs", headers=h(issued["token"]))
    assert_error(r.status, await r.json(), 401, "token_expired")
    assert (await client.get("/v1/kpis", headers=h(default["token"]))).status == 200
    monkeypatch.undo()

    r = await client.delete(f"/v1/auth/tokens/{default['id']}", headers=h(default["token"]))
    assert_error(r.status, await r.json(), 403)  # not by itself: an admin revokes
    assert (await client.delete(f"/v1/auth/tokens/{default['id']}", headers=h())).status == 204
    r = await client.get("/v1/kpis", headers=h(default["token"]))
    assert_error(r.status, await r.json(), 401, "unauthorized")
    r = await client.delete(f"/v1/auth/tokens/{default['id']}", headers=h())
    assert_error(r.status, await r.json(), 404, "token_not_found")
    listed = (await (await client.get("/v1/auth/tokens", headers=h())).json())["tokens"]
    assert [t["subject"] for t in listed] == ["ana"]


async def test_a_revoked_token_closes_the_sockets_it_opened(client: Any, monkeypatch: Any) -> None:
    import assistant.views.common

    monkeypatch.setattr(assistant.views.common, "SOCKET_RECHECK_S", 0.05)
    conv = await conversation(client)
    issued = await (await client.post("/v1/auth/tokens", json={"subject": "ana", "roles": ["agent"]},
                                      headers=h())).json()
    other = await token(client, "bo", "agent")
    queue = await client.ws_connect(f"/v1/agents/stream?token={issued['token']}")
    watch = await client.ws_connect(f"/v1/conversations/{conv['conversation_id']}/stream?token={issued['token']}")
    still = await client.ws_connect(f"/v1/agents/stream?token={other}")
    assert (await queue.receive_json())["kind"] == "queue"
    await asyncio.sleep(0.2)
    assert not queue.closed and not watch.closed  # checked again, still good

    assert (await client.delete(f"/v1/auth/tokens/{issued['id']}", headers=h())).status == 204
    for ws in (queue, watch):
        while (msg := await ws.receive(timeout=5)).type not in (WSMsgType.CLOSE, WSMsgType.CLOSED):
            pass
        assert (msg.type, msg.data, msg.extra) == (WSMsgType.CLOSE, 4401, "unauthorized")
    while (frame := await still.receive_json(timeout=5))["kind"] != "presence" or frame["agents_online"] != ["bo"]:
        pass  # ana's console went offline with her token; bo's stays open
    assert not still.closed
    await still.close()


async def test_unknown_things_are_404_and_too_large_is_413(client: Any) -> None:
    r = await client.get("/v1/nowhere")
    assert_error(r.status, await r.json(), 404)
    r = await client.get("/v1/customers/nobody", headers=h())
    assert_error(r.status, await r.json(), 404, "customer_not_found")
    r = await client.delete("/v1/knowledge/documents/nothing", headers=h())
    assert_error(r.status, await r.json(), 404)
    r = await client.get("/v1/handoffs/h_nothing", headers=h())
    assert_error(r.status, await r.json(), 404)
    big = json.dumps({"documents": [{"id": "big", "title": "t", "text": "x" * 2_000_000}]}).encode()
    r = await client.post("/v1/knowledge/documents", data=io.BytesIO(big),
                          headers={**h(), "Content-Type": "application/json"})
    assert_error(r.status, await r.json(), 413)


async def test_a_customer_id_is_only_honoured_for_admins_or_a_signed_assertion(client: Any) -> None:
    r = await client.put("/v1/customers/ada", json={"name": "Ada Lovelace", "language": "en"}, headers=h())
    assert r.status == 200
    r = await client.post("/v1/conversations", json={"channel": "web", "customer_id": "ada"})
    assert (await r.json())["customer_id"] is None
    svc = client.app[__import__("assistant.keys", fromlist=["services"]).services]
    assertion = svc.auth.signer.customer_assertion("ada")
    r = await client.post("/v1/conversations", json={"channel": "web", "customer_assertion": assertion})
    assert r.status == 201 and (await r.json())["customer_id"] == "ada"
    tampered = assertion[:-2] + ("00" if assertion[-2:] != "00" else "11")  # never the signature itself
    r = await client.post("/v1/conversations", json={"channel": "web", "customer_assertion": tampered})
    assert_error(r.status, await r.json(), 401, "invalid_customer_assertion")


async def test_bad_customer_analysis_and_period_inputs_are_422_and_change_nothing(client: Any) -> None:
    r = await client.put("/v1/customers/c" + "x" * 300, json={"name": "Long"}, headers=h())
    assert_error(r.status, await r.json(), 422)  # no such id can be written, so none is created
    for consents in ({"personalization": "yes"}, {"marketing": 1}, {"personalization": "false"}):
        r = await client.put("/v1/customers/c-consent", json={"consents": consents}, headers=h())
        assert_error(r.status, await r.json(), 422)
    r = await client.get("/v1/customers/c-consent", headers=h())
    assert r.status == 404  # none of them created the customer
    r = await client.post("/v1/analyze", json={"text": "hi", "language": "zz"}, headers=h())
    assert_error(r.status, await r.json(), 422)
    r = await client.post("/v1/conversations", json={"channel": "web", "language": "klingon"}, headers=h())
    assert_error(r.status, await r.json(), 422)
    r = await client.post("/v1/conversations", json={"channel": "web", "language": "fr-CA"}, headers=h())
    assert r.status == 201
    conv = await r.json()
    r = await client.post(f"/v1/conversations/{conv['conversation_id']}/messages", json={"text": "ok"},
                          headers=h(conv["token"]))
    assert (await r.json())["reply"]["tone"]["language"] == "fr"  # "fr-CA" is French
    supervisor = await (await client.post("/v1/auth/tokens", json={"subject": "sup", "roles": ["supervisor"]},
                                          headers=h())).json()
    for path in ("/v1/kpis", "/v1/escalations"):
        r = await client.get(f"{path}?since=2027-01-01&until=2026-01-01", headers=h(supervisor["token"]))
        assert_error(r.status, await r.json(), 422)


async def test_validation_failures_on_knowledge_change_nothing(client: Any) -> None:
    await ingest(client)
    r = await client.post("/v1/knowledge/documents", json={"documents": [{"id": "pin", "title": ""}]}, headers=h())
    assert_error(r.status, await r.json(), 422)
    for k in (0, "5", True, 2.5):  # a count is a number said as such: not a string, a yes, or a fraction
        r = await client.post("/v1/knowledge/search", json={"query": "I forgot my PIN", "k": k}, headers=h())
        assert_error(r.status, await r.json(), 422)
    # no NUL in any text (PostgreSQL keeps none): refused, nothing written
    r = await client.post("/v1/knowledge/documents", headers=h(),
                          json={"documents": [{"id": "nul", "title": "NUL", "text": "a\u0000b"}]})
    assert_error(r.status, await r.json(), 422)
    listed = await (await client.get("/v1/knowledge/documents", headers=h())).json()
    assert "nul" not in [d["id"] for d in listed["documents"]]
    r = await client.post("/v1/auth/tokens", json={"subject": "evil\nINFO fake log line", "roles": ["agent"]},
                          headers=h())
    assert_error(r.status, await r.json(), 422)
    # a language is a code, as the documents have it: a name is refused, not a filter that finds nothing
    r = await client.post("/v1/knowledge/search", json={"query": "I forgot my PIN", "language": "français"}, headers=h())
    assert_error(r.status, await r.json(), 422)
    r = await client.post("/v1/knowledge/search", json={"query": "I forgot my PIN", "language": "EN"}, headers=h())
    assert r.status == 200, await r.text()
    r = await client.post("/v1/knowledge/search", json={"query": "I forgot my PIN"}, headers=h())
    assert (await r.json())["results"][0]["title"] == "Reset your PIN"
    conv = await conversation(client)
    await say(client, conv, "I forgot my PIN")


async def test_the_chat_page_speaks_of_the_company_not_of_the_demo_bank(aiohttp_client: Any, app_factory: Any,
                                                                        tmp_path: Any) -> None:
    """Without the demo, the page's intro is the defaults' and suggests no bank's questions; a company's own config
    dir, holding only what it changes, starts (the models and the defaults are the shipped ones) and its page words
    are its own."""
    client = await aiohttp_client(app_factory())
    r = await client.get("/v1/chat/words")
    words = (await r.json())["languages"]
    assert r.status == 200 and words["en"]["suggestions"] == [] and "card" not in words["en"]["intro"], words
    assert words["fr"]["advisor"] == "Parler à un conseiller", words
    demo = await aiohttp_client(app_factory(tmp_path / "demo", demo=True))
    words = (await (await demo.get("/v1/chat/words")).json())["languages"]
    assert "I lost my card" in words["en"]["suggestions"] and "forfait mobile" in words["fr"]["intro"], words

    # a company's tone.toml with only what it changes (or written for an earlier release): the rest is the shipped
    own = tmp_path / "shop-configs"
    own.mkdir()
    (own / "tone.toml").write_text('[page.en]\nsuggestions = ["Where is my order?"]\n\n[words.en.friendly]\n'
                                   'greeting = "Hi, welcome to Voltaire! What can we do for you?"\n', encoding="utf-8")
    shop = await aiohttp_client(app_factory(tmp_path / "shop", config_dir=own))
    words = (await (await shop.get("/v1/chat/words")).json())["languages"]
    assert words["en"]["suggestions"] == ["Where is my order?"] and words["en"]["advisor"], words
    await ingest(shop)
    conv = await conversation(shop)
    out = await say(shop, conv, "I forgot my PIN")  # the shipped sentiment head, escalation and phrases
    assert out["reply"]["action"] == "answer" and out["sentiment"]["label"] in ("neutral", "negative"), out
    out = await say(shop, conv, "hello")
    assert out["reply"]["text"] == "Hi, welcome to Voltaire! What can we do for you?", out["reply"]
