"""Resume on another channel, the live stream, and erasure."""
from __future__ import annotations

import asyncio
import json
from datetime import timedelta
from pathlib import Path
from typing import Any

from sqlmodel import col, update

from assistant import keys
from handoff.models import Conversation, utcnow

from tests.helpers import conversation, events, h, ingest, say, token


async def test_resume_on_mobile_continues_the_same_conversation(client: Any) -> None:
    await ingest(client)
    web = await conversation(client)
    await say(client, web, "I forgot my PIN")
    r = await client.post("/v1/conversations/resume", json={"resume_token": web["resume_token"], "channel": "mobile"})
    assert r.status == 200
    mobile = await r.json()
    assert mobile["conversation_id"] == web["conversation_id"]
    assert mobile["last_seq"] == 2
    assert "Reset your PIN" in mobile["summary"]
    assert "Reset your PIN" in mobile["welcome"]
    assert mobile["resume_token"] != web["resume_token"]
    out = await say(client, mobile, "and how do I send money?")
    assert out["seq"] == 3 and out["reply_seq"] == 4  # the reply's own seq, as the stream gives it
    assert [e["seq"] for e in await events(client, mobile, after=2)] == [3, 4]
    # presented again at once (the first answer lost on the way), the same answer; once a newer one is used, refused
    r = await client.post("/v1/conversations/resume", json={"resume_token": web["resume_token"], "channel": "mobile"})
    assert r.status == 200 and (await r.json())["resume_token"] == mobile["resume_token"]
    r = await client.post("/v1/conversations/resume", json={"resume_token": mobile["resume_token"], "channel": "web"})
    assert r.status == 200
    r = await client.post("/v1/conversations/resume", json={"resume_token": web["resume_token"], "channel": "web"})
    assert r.status == 401 and (await r.json())["error"]["code"] == "resume_token_used"
    r = await client.post("/v1/conversations/resume", json={"resume_token": "rs1.c_x.0.forged", "channel": "web"})
    assert r.status == 401
    # the summary a resume token reads quotes no card number or IBAN back
    await say(client, mobile, "my card 4970 1012 3456 7890 was charged twice, IBAN FR76 3000 6000 0112 3456 7890 189")
    r = await client.post("/v1/conversations/resume", json={"resume_token": mobile["resume_token"], "channel": "web"})
    summary = (await r.json())["summary"]
    assert "3456 7890" not in summary and "FR76 3000" not in summary, summary


async def test_the_summary_on_resuming_after_a_handback_says_what_the_advisor_last_wrote(client: Any) -> None:
    """An advisor agreed a plan and handed back; the customer, back on their phone, reads it in the summary ("The
    advisor's last message: …95 € a month…"), not only that the assistant has it."""
    await ingest(client)
    web = await conversation(client)
    hid = (await say(client, web, "I want to talk to an advisor about my rent arrears"))["handoff"]["id"]
    agent = await token(client, "agent-ann", "agent")
    await client.post(f"/v1/handoffs/{hid}/accept", headers=h(agent))
    await client.post(f"/v1/handoffs/{hid}/messages", headers=h(agent),
                      json={"text": "I suggest a plan of 95 € a month for 14 months, from 10 January."})
    await client.post(f"/v1/handoffs/{hid}/close", json={"outcome": "handback"}, headers=h(agent))
    r = await client.post("/v1/conversations/resume", json={"resume_token": web["resume_token"], "channel": "mobile"})
    summary = (await r.json())["summary"]
    assert "The advisor's last message: \u201cI suggest a plan of 95 € a month" in summary, summary

async def test_resumed_without_an_answer_the_welcome_quotes_the_customer_s_words_in_its_sentence(
        client: Any) -> None:
    """Nothing answered yet: "We were talking about: …" takes the customer's words, without their "?" before its
    own full stop."""
    await ingest(client)
    web = await conversation(client)
    await say(client, web, "can I buy bitcoin with you?")
    r = await client.post("/v1/conversations/resume", json={"resume_token": web["resume_token"], "channel": "mobile"})
    welcome = (await r.json())["welcome"]
    assert "can I buy bitcoin with you." in welcome and "?." not in welcome, welcome


async def test_the_summary_is_in_the_reader_s_language(client: Any) -> None:
    """A customer resuming a French conversation reads its summary in French; an advisor whose console
    is in French reads the packet's in French, one in English in English (the default)."""
    await ingest(client)
    conv = await conversation(client, language="fr")
    await say(client, conv, "comment faire un virement international ?")
    out = await say(client, conv, "je veux parler à un conseiller")
    r = await client.post("/v1/conversations/resume", json={"resume_token": conv["resume_token"], "channel": "mobile"})
    summary = (await r.json())["summary"]
    assert summary.startswith("2 messages du client ; question : « comment faire un virement international ? »"), summary
    assert summary.endswith("En attente d'un conseiller."), summary
    agent = await token(client, "agent-ann", "agent")
    url = f"/v1/handoffs/{out['handoff']['id']}"
    french = (await (await client.get(url + "?lang=fr", headers=h(agent))).json())["summary"]
    assert "Transmis à un conseiller : demande d'un conseiller." in french, french
    english = (await (await client.get(url, headers=h(agent))).json())["summary"]
    assert english.startswith("2 customer messages; asked: “comment faire") and "Escalated: human request." in english
    # the suggestions too: why each is there, and a ready reply's title, in the console's language
    fr = (await (await client.get(url + "?lang=fr", headers=h(agent))).json())["suggested_actions"]
    en = (await (await client.get(url, headers=h(agent))).json())["suggested_actions"]
    assert fr and [a["id"] for a in fr] == [a["id"] for a in en], (fr, en)
    assert all(a["why"] != b["why"] for a, b in zip(fr, en) if b["why"]), (fr, en)
    assert not any(a["title"].startswith("Reply:") for a in fr), fr
    assert any(a["title"].startswith("Réponse : ") for a in fr if a["kind"] == "reply"), fr
    r = await client.get(url + "?lang=de", headers=h(agent))
    assert r.status == 422 and (await r.json())["error"]["code"] == "validation_failed"


async def test_a_language_asked_for_outlives_a_resume(aiohttp_client: Any, app_factory: Any) -> None:
    """Lucas (French on file) asks for English; back on his phone, the welcome, the summary and the page's language
    are English, not his profile's French."""
    client = await aiohttp_client(app_factory(demo=True))
    conv = await conversation(client, customer_id="demo-lucas-moreau")
    await say(client, conv, "salut, comment je bloque ma carte ?")
    await say(client, conv, "can you answer in English please?")
    r = await client.post("/v1/conversations/resume", json={"resume_token": conv["resume_token"], "channel": "mobile"})
    back = await r.json()
    assert back["language"] == "en" and back["welcome"].startswith("Welcome back"), back
    assert back["summary"].startswith("2 customer messages"), back


async def _a_turn_arrives_live(client: Any, conv: dict[str, Any], ws: Any) -> None:
    """The conversation's second turn (its seqs 3 and 4), said now, arrives on the open stream."""
    await say(client, conv, "how do I send money?")
    live = [await ws.receive_json(timeout=5), await ws.receive_json(timeout=5)]
    assert [(e["seq"], e["type"]) for e in live] == [(3, "customer_message"), (4, "bot_message")]


async def test_the_stream_replays_after_a_seq_then_goes_live(client: Any) -> None:
    await ingest(client)
    conv = await conversation(client)
    await say(client, conv, "I forgot my PIN")
    url = f"/v1/conversations/{conv['conversation_id']}/stream?after=1&token={conv['token']}"
    async with client.ws_connect(url) as ws:
        replay = await ws.receive_json(timeout=5)
        assert (replay["seq"], replay["type"]) == (2, "bot_message")
        await _a_turn_arrives_live(client, conv, ws)
        await ws.send_json({"text": "someone stole my card", "client_message_id": "ws-1"})
        got = [await ws.receive_json(timeout=5) for _ in range(3)]
        assert {e.get("type") for e in got} == {"customer_message", "bot_message", "turn_result"}
    other = await conversation(client)
    r = await client.get(f"/v1/conversations/{conv['conversation_id']}/stream?token={other['token']}")
    assert r.status == 403


async def test_a_stopping_server_tells_its_sockets_it_is_going_away(client: Any) -> None:
    """On a stop (SIGTERM), every open socket, a customer's and an advisor's, is closed with "going away" (1001): their
    pages reconnect at once, to another worker or to this one restarted, rather than wait on a socket that no longer
    answers."""
    from aiohttp import WSMsgType

    await ingest(client)
    conv = await conversation(client)
    agent = await token(client, "agent-ann", "agent")
    async with client.ws_connect(f"/v1/conversations/{conv['conversation_id']}/stream?token={conv['token']}") as mine, \
            client.ws_connect(f"/v1/agents/stream?token={agent}") as theirs:
        assert (await theirs.receive_json(timeout=5))["kind"] == "queue"
        await client.server.app.shutdown()  # what a SIGTERM sets off
        for ws in (mine, theirs):
            msg = await ws.receive(timeout=5)
            while msg.type == WSMsgType.TEXT:  # (a presence frame may come first)
                msg = await ws.receive(timeout=5)
            assert msg.type == WSMsgType.CLOSE and msg.data == 1001, msg


async def test_a_long_history_is_replayed_whole_and_paged_by_events(client: Any, monkeypatch: Any) -> None:
    """More events than the store is read for at a time: the stream replays every one, in order, then goes live;
    `/events` gives a page at a time and says whether more follow."""
    import assistant.views.chat as chat

    monkeypatch.setattr(chat, "_PAGE", 3)
    await ingest(client)
    conv = await conversation(client)
    for text in ("I forgot my PIN", "how do I send money?", "thanks"):
        await say(client, conv, text)
    stored = [e["seq"] for e in await events(client, conv)]
    assert stored == list(range(1, 7)), stored
    url = f"/v1/conversations/{conv['conversation_id']}/stream?after=0&token={conv['token']}"
    async with client.ws_connect(url) as ws:
        assert [(await ws.receive_json(timeout=5))["seq"] for _ in stored] == stored
        await say(client, conv, "how do I send money?")
        assert [(await ws.receive_json(timeout=5))["seq"] for _ in range(2)] == [7, 8]
    r = await client.get(f"/v1/conversations/{conv['conversation_id']}/events?after=2&limit=3",
                         headers=h(conv["token"]))
    page = await r.json()
    assert [e["seq"] for e in page["events"]] == [3, 4, 5] and page["has_more"] and page["next_after"] == 5, page
    r = await client.get(f"/v1/conversations/{conv['conversation_id']}/events?after=5&limit=500",
                         headers=h(conv["token"]))
    page = await r.json()
    assert not page["has_more"] and page["next_after"] == page["events"][-1]["seq"], page


async def test_a_stream_asked_for_events_past_the_last_still_goes_live(client: Any) -> None:
    await ingest(client)
    conv = await conversation(client)
    await say(client, conv, "I forgot my PIN")
    url = f"/v1/conversations/{conv['conversation_id']}/stream?after=40&token={conv['token']}"
    async with client.ws_connect(url) as ws:
        await _a_turn_arrives_live(client, conv, ws)


async def test_agents_see_a_new_handoff_arrive_live(client: Any) -> None:
    await ingest(client)
    agent = await token(client, "agent-live", "agent")
    async with client.ws_connect(f"/v1/agents/stream?token={agent}") as ws:
        first = await ws.receive_json(timeout=5)
        assert first["kind"] == "queue" and first["agents_online"] == ["agent-live"]
        conv = await conversation(client)
        out = await say(client, conv, "agent please")
        assert "advisor" in out["reply"]["text"] and "No advisor" not in out["reply"]["text"]
        arrived = await ws.receive_json(timeout=5)
        while arrived["kind"] == "presence":
            assert arrived["agents_online"] == ["agent-live"]
            arrived = await ws.receive_json(timeout=5)
        assert arrived["kind"] == "handoff_waiting"
        assert arrived["handoff"]["id"] == out["handoff"]["id"]
        # what the customer says while the handoff is open comes on the same socket, masked
        await say(client, conv, "my card 4539 1488 0343 6467 is blocked, can someone look?")
        texts: list[str] = []
        while "my card [card ****6467] is blocked, can someone look?" not in texts:
            frame = await ws.receive_json(timeout=5)
            if frame["kind"] == "messages":
                assert frame["conversation_id"] == conv["conversation_id"], frame
                texts += [e["text"] for e in frame["events"] if e["type"] == "customer_message"]
        assert texts == ["agent please", "my card [card ****6467] is blocked, can someone look?"], texts


async def test_erasure_removes_the_customer_and_their_conversations(client: Any) -> None:
    await ingest(client)
    r = await client.put("/v1/customers/eve", json={"name": "Eve Martin", "tier": "premium", "language": "en",
                                                    "consents": {"personalization": True, "marketing": False}},
                         headers=h())
    assert r.status == 200
    r = await client.post("/v1/customers/eve/events", json={"events": [{"type": "purchase", "data": {"sku": "x"}}]},
                          headers=h())
    assert (await r.json()) == {"recorded": 1}
    conv = await conversation(client, customer_id="eve")
    await say(client, conv, "I forgot my PIN")
    await say(client, conv, "I want to speak to a person")
    r = await client.get("/v1/customers/eve", headers=h())
    view = await r.json()
    assert view["name"] == "Eve Martin" and len(view["past_conversations"]) == 1
    # two questions and two replies; the handoff's own event is no message
    assert view["past_conversations"][0]["messages"] == 4, view["past_conversations"]
    assert view["recent_events"][0]["type"] == "purchase" and len(view["open_handoffs"]) == 1
    agent = await token(client, "agent-erase", "agent")
    async with client.ws_connect(f"/v1/conversations/{conv['conversation_id']}/stream?token={conv['token']}") as mine, \
            client.ws_connect(f"/v1/agents/stream?token={agent}") as agents:
        last = (await (await client.get(f"/v1/conversations/{conv['conversation_id']}/events",
                                        headers=h())).json())["events"][-1]["seq"]
        while (await mine.receive_json(timeout=5))["seq"] < last:
            pass  # the backlog: the two turns and the handoff
        r = await client.delete("/v1/customers/eve", headers=h())
        assert r.status == 204
        told = await mine.receive_json(timeout=5)  # the customer's page is told, then the socket closes
        assert told == {"type": "conversation_erased", "conversation_id": conv["conversation_id"]}, told
        closing = await mine.receive(timeout=5)
        assert closing.type.name == "CLOSE" and closing.data == 4410, closing
        frame = await agents.receive_json(timeout=5)
        while frame["kind"] != "conversation_erased":
            frame = await agents.receive_json(timeout=5)
        assert frame["conversation_id"] == conv["conversation_id"]
    r = await client.get("/v1/customers/eve", headers=h())
    assert r.status == 404
    r = await client.get(f"/v1/conversations/{conv['conversation_id']}/events", headers=h())
    assert r.status == 404
    r = await client.post(f"/v1/conversations/{conv['conversation_id']}/messages", json={"text": "hello?"},
                          headers=h(conv["token"]))
    assert r.status == 404 and (await r.json())["error"]["code"] == "conversation_not_found"
    r = await client.get("/v1/handoffs", headers=h())
    assert (await r.json())["handoffs"] == []
    r = await client.delete("/v1/customers/eve", headers=h())
    assert r.status == 404


async def test_nothing_of_an_erased_customer_is_left_in_the_store_files(aiohttp_client: Any, app_factory: Any,
                                                                         tmp_path: Path) -> None:
    """SQLite keeps deleted rows in free pages and old page images in its write-ahead log: after an
    erasure neither holds the customer's name, e-mail or words."""
    data = tmp_path / "store"
    client = await aiohttp_client(app_factory(data))
    await ingest(client)
    r = await client.put("/v1/customers/zoe", json={"name": "Zoe Larkspur-Quintessa", "language": "en",
                                                    "email": "zoe.larkspur@example.org"}, headers=h())
    assert r.status == 200
    conv = await conversation(client, customer_id="zoe")
    await say(client, conv, "Larkspur here, I forgot my PIN")
    await say(client, conv, "I want to speak to a person")
    assert any(b"Larkspur" in f.read_bytes() for f in data.rglob("*") if f.is_file())  # it was there
    assert (await client.delete("/v1/customers/zoe", headers=h())).status == 204
    for f in data.rglob("*"):
        if f.is_file():
            assert b"Larkspur" not in f.read_bytes() and b"zoe.larkspur" not in f.read_bytes(), f.name


async def test_retention_forgets_conversations_untouched_for_its_days_but_not_one_an_advisor_holds(
        aiohttp_client: Any, app_factory: Any, tmp_path: Path) -> None:
    data = tmp_path / "store"
    client = await aiohttp_client(app_factory(data))
    await ingest(client)
    assert (await client.put("/v1/customers/ada", json={"name": "Ada", "language": "en"}, headers=h())).status == 200
    old = await conversation(client, customer_id="ada")
    await say(client, old, "Quintessa here, I forgot my PIN")
    waiting = await conversation(client, customer_id="ada")
    await say(client, waiting, "I want to speak to a person")
    recent = await conversation(client, customer_id="ada")
    await say(client, recent, "how do I reset my PIN")
    async with client.server.app[keys.services].db.session() as s:  # two of them last touched 40 days ago
        await s.exec(update(Conversation).where(col(Conversation.id).in_([old["conversation_id"],  # type: ignore[call-overload]
                                                                           waiting["conversation_id"]]))
                     .values(updated_at=utcnow() - timedelta(days=40)))
    await client.close()

    client = await aiohttp_client(app_factory(data, dialogue={"keep_conversations_days": 30}))
    def kept_in_files() -> list[str]:
        return [f.name for f in data.rglob("*") if f.is_file() and b"Quintessa" in f.read_bytes()]

    for _ in range(100):  # the first round runs at start; SQLite's log is emptied after it
        r = await client.get(f"/v1/conversations/{old['conversation_id']}/events", headers=h())
        if r.status == 404 and not kept_in_files():
            break
        await asyncio.sleep(0.05)
    assert r.status == 404 and kept_in_files() == []
    r = await client.post(f"/v1/conversations/{old['conversation_id']}/messages", json={"text": "hi"},
                          headers=h(old["token"]))
    assert r.status == 404
    assert [e["type"] for e in await events(client, waiting)][:2] == ["customer_message", "bot_message"]
    assert len(await events(client, recent)) == 2
    queue = (await (await client.get("/v1/handoffs", headers=h())).json())["handoffs"]
    assert [q["conversation_id"] for q in queue] == [waiting["conversation_id"]]
    past = (await (await client.get("/v1/customers/ada", headers=h())).json())["past_conversations"]
    assert old["conversation_id"] not in json.dumps(past) and recent["conversation_id"] in json.dumps(past)


async def test_customers_see_no_internals_and_staff_see_no_card_numbers(client: Any) -> None:
    await ingest(client)
    conv = await conversation(client)
    await say(client, conv, "my card 4539 1488 0343 6467 was stolen")
    mine = await events(client, conv)
    assert mine[0]["text"] == "my card [card ****6467] was stolen"  # stored masked: no one reads it back whole
    assert not {"sentiment", "knowledge", "in_scope", "top_score", "tone"} & (set(mine[0]) | set(mine[1]))
    assert set(mine[1]["sources"][0]) == {"document_id", "title"}
    agent = await token(client, "agent-pii", "agent")
    r = await client.get(f"/v1/conversations/{conv['conversation_id']}/events", headers=h(agent))
    staff = (await r.json())["events"]
    assert staff[0]["text"] == "my card [card ****6467] was stolen"
    assert "sentiment" in staff[0] and "tone" in staff[1]


async def test_the_agent_sees_how_to_call_the_customer_back_and_what_the_bot_told_them(client: Any) -> None:
    """Card numbers and IBANs stay masked for staff; a callback number the customer gives, and the
    company's own numbers in the bot's answers, are shown to the agent (the supervisors' log masks all)."""
    fraud_line = {"id": "fraud-line", "title": "Report fraud", "language": "en",
                  "text": "Call our 24/7 fraud line on 01 23 45 67 89 at once.",
                  "questions": ["what is the number of the fraud line", "fraud line phone number"]}
    await ingest(client, [fraud_line])
    conv = await conversation(client)
    told = await say(client, conv, "what is the number of the fraud line?")
    assert "01 23 45 67 89" in told["reply"]["text"], told
    hid = (await say(client, conv, "I want an advisor, call me back on 06 12 34 56 78, my card is "
                                   "4539 1488 0343 6467"))["handoff"]["id"]
    agent = await token(client, "agent-callback", "agent")
    packet = await (await client.get(f"/v1/handoffs/{hid}", headers=h(agent))).json()
    said = [e["text"] for e in packet["transcript"]]
    assert any("01 23 45 67 89" in t for t in said if t), said
    assert any("06 12 34 56 78" in t and "[card ****6467]" in t for t in said if t), said
    assert not any("4539" in t for t in said if t), said
    sup = await token(client, "sup-callback", "supervisor")
    rows = (await (await client.get("/v1/escalations", headers=h(sup))).json())["escalations"]
    assert "06 12 34" not in json.dumps(rows) and "4539" not in json.dumps(rows), rows


async def test_a_refused_websocket_says_why_with_a_close_code(client: Any) -> None:
    conv = await conversation(client)
    other = await conversation(client)
    async with client.ws_connect(f"/v1/conversations/{conv['conversation_id']}/stream?token={other['token']}") as ws:
        msg = await ws.receive(timeout=5)
        assert msg.data == 4403
    async with client.ws_connect("/v1/agents/stream?token=nonsense") as ws:
        msg = await ws.receive(timeout=5)
        assert msg.data == 4401


async def test_whoami_and_the_advisor_button(client: Any) -> None:
    conv = await conversation(client)
    r = await client.get("/v1/auth/me", headers=h(conv["token"]))
    assert (await r.json())["conversation_id"] == conv["conversation_id"]
    agent = await token(client, "agent-me", "agent")
    r = await client.get("/v1/auth/me", headers=h(agent))
    assert (await r.json()) == {"subject": "agent-me", "roles": ["agent"], "conversation_id": None}
    r = await client.post(f"/v1/conversations/{conv['conversation_id']}/handoff", headers=h(conv["token"]))
    out = await r.json()
    assert r.status == 200 and out["handoff_id"] and out["state"] == "waiting_agent"
    r = await client.get("/v1/handoffs?status=waiting", headers=h(agent))
    assert [x["id"] for x in (await r.json())["handoffs"]] == [out["handoff_id"]]
    written = await events(client, conv)
    r = await client.post(f"/v1/conversations/{conv['conversation_id']}/handoff", headers=h(conv["token"]))
    again = await r.json()  # pressed again: the request that stands, nothing written twice
    assert r.status == 200 and again["handoff_id"] == out["handoff_id"] and again["state"] == "waiting_agent"
    assert await events(client, conv) == written


async def test_analyze_tells_a_request_for_a_person_from_a_request_for_a_phone_number(client: Any) -> None:
    cases = {
        "I want to talk to a real person": True,
        "passez-moi un humain": True,
        "est-ce que je peux parler à quelqu'un ?": True,
        "what is the customer service phone number?": False,
        "quelle est l'adresse mail du support ?": False,
        "comment faire un virement": False,
    }
    for text, expected in cases.items():
        r = await client.post("/v1/analyze", json={"text": text}, headers=h())
        body = await r.json()
        assert body["human_request"] is expected, text
        assert body["sentiment"]["label"] in ("negative", "neutral", "positive")
    r = await client.post("/v1/analyze", json={"text": "c'est inadmissible, je suis furieux"}, headers=h())
    assert (await r.json())["language"] == "fr"
    # a request for a person is no happy message (the head hears +0.38), unless it thanks
    r = await client.post("/v1/analyze", json={"text": "Je veux un humain tout de suite"}, headers=h())
    assert (await r.json())["sentiment"]["label"] != "positive"
    r = await client.post("/v1/analyze", json={"text": "thanks, can I talk to an agent please"}, headers=h())
    assert (await r.json())["sentiment"]["label"] == "positive"


async def test_analyze_scores_sentiment_with_its_own_encoder_and_turns_keep_theirs(
    aiohttp_client: Any, app_factory: Any
) -> None:
    from assistant.config import CONFIG_DIR
    from assistant.intents import distress
    from assistant.sentiment import SentimentHead, sentiment_text
    from knowledge.encoders import load_encoder

    texts = {"worst airline ever, two hours on hold and nobody answers": "negative",
             "thank you so much, the new card arrived in a day, brilliant!": "positive",
             "c'est inadmissible, trois semaines sans réponse": "negative",
             "merci beaucoup, super rapide et très aimable": "positive"}
    careful = SentimentHead.load(CONFIG_DIR / "models" / "sentiment-e5-small+minilm-onnx.npz")
    e5 = load_encoder("e5-small+minilm-onnx")
    client = await aiohttp_client(app_factory())
    for text, label in texts.items():
        r = await client.post("/v1/analyze", json={"text": text}, headers=h())
        body = await r.json()
        assert body["sentiment"]["label"] == label, (text, body)
        expected = careful.classify(e5.encode([sentiment_text(text)], query=True)[0], text, body["language"])
        assert body["sentiment"] == expected.as_dict()  # the analysis encoder's head, not the turn's
        # the caller's trailing whitespace changes nothing (e5 hears a trailing space)
        for padded in (text + "   ", text + "\n"):
            r = await client.post("/v1/analyze", json={"text": padded}, headers=h())
            assert (await r.json())["sentiment"] == body["sentiment"]
    # a turn scores the same message with the turn's own head: no second encoder on the hot path
    turn_head = SentimentHead.load(CONFIG_DIR / "models" / "sentiment-use-m3.npz")
    text = next(iter(texts))
    fast = turn_head.classify(load_encoder("use-m3").encode([text], query=True)[0], text, "en",
                              distress=distress(text)).as_dict()  # "worst", "nobody": words of distress
    out = await say(client, await conversation(client), text)
    assert abs(out["sentiment"]["score"] - fast["score"]) < 1e-3 and out["sentiment"]["label"] == fast["label"]
    # and with no analysis encoder configured, /v1/analyze is the turn's head too
    plain = await aiohttp_client(app_factory(sentiment={"analysis_encoder": ""}))
    r = await plain.post("/v1/analyze", json={"text": text}, headers=h())
    assert abs((await r.json())["sentiment"]["score"] - fast["score"]) < 1e-3


async def test_card_numbers_and_ibans_typed_are_stored_masked_unless_configured_not_to_be(
        aiohttp_client: Any, app_factory: Any, tmp_path: Path) -> None:
    """What customers and advisors type (messages, a closing note) is stored with its card numbers and IBANs
    masked: not in the store's files at all; `[dialogue] mask_stored = false` keeps them as typed for the customer,
    and staff still see them masked."""
    for masked in (True, False):
        data = tmp_path / f"store-{masked}"
        client = await aiohttp_client(app_factory(data, dialogue={"mask_stored": masked}))
        await ingest(client)
        conv = await conversation(client)
        out = await say(client, conv,
                        "I want an advisor, my card 4539 1488 0343 6467 and IBAN FR7630006000011234567890189")
        agent = await token(client, f"agent-mask-{masked}", "agent")
        hid = out["handoff"]["id"]
        await client.post(f"/v1/handoffs/{hid}/accept", headers=h(agent))
        r = await client.post(f"/v1/handoffs/{hid}/messages", json={"text": "Is it card 4539148803436467?"},
                              headers=h(agent))
        assert r.status == 200
        r = await client.post(f"/v1/handoffs/{hid}/close",
                              json={"outcome": "resolved", "note": "blocked 4539148803436467"}, headers=h(agent))
        assert r.status == 200
        mine = [e.get("text") or "" for e in await events(client, conv)]
        assert ("4539" in mine[0]) is not masked and ("FR76" in mine[0]) is not masked, mine
        staff = json.dumps(await (await client.get(f"/v1/handoffs/{hid}", headers=h(agent))).json())
        assert "4539 1488" not in staff and "FR7630006" not in staff
        await client.close()
        stored = b"".join(f.read_bytes() for f in data.rglob("*") if f.is_file())
        assert (b"4539148803436467" in stored or b"4539 1488 0343 6467" in stored) is not masked


async def test_advisors_read_no_special_category_data_and_no_card_number_in_a_customer_record(client: Any) -> None:
    """A CRM record with health and a national id, a card number and an IBAN in its attributes and events: an
    advisor's 360 view and handoff packet leave the first out and mask the others; the admin reads it whole."""
    await ingest(client)
    r = await client.put("/v1/customers/rec-1", json={"name": "Rita Okonkwo", "attributes": {
        "health": "diabetic", "national_id": "1 85 05 78 006 084 36", "card_number": "4539 1488 0343 6467",
        "iban": "FR76 3000 6000 0112 3456 7890 189", "city": "Lyon"}}, headers=h())
    assert r.status == 200
    r = await client.post("/v1/customers/rec-1/events", json={"events": [
        {"type": "note", "data": {"summary": "customer gave card 4539 1488 0343 6467"}}]}, headers=h())
    assert r.status == 200
    agent = await token(client, "agent-record", "agent")
    seen = await (await client.get("/v1/customers/rec-1", headers=h(agent))).json()
    shown = json.dumps(seen)
    assert seen["attributes"]["city"] == "Lyon" and "health" not in seen["attributes"], seen["attributes"]
    assert "diabetic" not in shown and "006 084" not in shown and "4539 1488" not in shown and "FR76 3000" not in shown
    conv = await conversation(client, customer_id="rec-1")
    hid = (await say(client, conv, "I want to speak to a person"))["handoff"]["id"]
    packet = json.dumps(await (await client.get(f"/v1/handoffs/{hid}", headers=h(agent))).json())
    assert "diabetic" not in packet and "4539 1488" not in packet and "FR76 3000" not in packet
    whole = await (await client.get("/v1/customers/rec-1", headers=h())).json()
    assert whole["attributes"]["health"] == "diabetic"
