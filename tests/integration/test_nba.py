"""Next best actions through the API: eligibility, suppression, consent, learning, the bot's own offer."""
from __future__ import annotations

import shutil
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest

from tests.helpers import DOCS, assert_error, conversation, h, ingest, say, token

DATA_DOC = {"id": "data-top-up", "title": "Mobile data top-up", "language": "en",
            "text": "Add 5 GB for 8 EUR in the app under Mobile > Top up; it works at once.",
            "questions": ["I ran out of mobile data", "buy more data for my phone", "my data allowance is used up"]}


@pytest.fixture
async def client(aiohttp_client: Any, app_factory: Any, database_url: str | None, tmp_path: Path) -> Any:
    """The real app whose company's own catalogue is the shipped one's copy (its record notes too): the demo bank's
    actions stand for a company's own, as written for it (the shipped file itself, on another company's server,
    keeps only what any company can do: test_the_demo_s_catalogue_on_another_company_s_server_…)."""
    own = tmp_path / "company"
    own.mkdir()
    shipped = Path(__file__).resolve().parents[2] / "configs"
    for name in ("actions.toml", "events.toml", "coverage.toml"):
        shutil.copy(shipped / name, own / name)
    return await aiohttp_client(app_factory(database_url=database_url, config_dir=own))


async def _customer(client: Any, cid: str, **fields: Any) -> None:
    body = {"name": "Tom Eriksen", "language": "en", "segment": "retail", "tier": "standard",
            "products": ["current_account", "visa_classic"],
            "consents": {"personalization": True, "marketing": True}, **fields}
    r = await client.put(f"/v1/customers/{cid}", json=body, headers=h())
    assert r.status == 200, await r.text()


async def _handoff(client: Any, cid: str, *lines: str) -> tuple[str, dict[str, Any]]:
    conv = await conversation(client, customer_id=cid)
    for line in lines:
        await say(client, conv, line)
    out = await say(client, conv, "I want to talk to a human agent")
    assert out["handoff"] is not None, out
    agent = await token(client, "agent-ann", "agent")
    r = await client.get(f"/v1/handoffs/{out['handoff']['id']}", headers=h(agent))
    assert r.status == 200
    return agent, await r.json()


async def test_a_card_used_by_someone_else_is_blocked_as_a_service_and_no_reply_says_it_is_done(client: Any) -> None:
    """Payments the customer never made: blocking the card is a service the advisor does in their tools (so the
    console asks them to do it first); the reassuring reply says what happens next, not that the card is blocked."""
    await ingest(client)
    await _customer(client, "c-lea", language="fr")
    _, packet = await _handoff(client, "c-lea", "Il y a des paiements sur mon compte que je n'ai jamais faits, "
                                                "quelqu'un a utilisé ma carte sans mon autorisation")
    by_id = {a["id"]: a for a in packet["suggested_actions"]}
    assert by_id["block-card-fraud"]["kind"] == "service", packet["suggested_actions"]
    assert "enable-card-abroad" not in by_id  # widening a card someone else uses helps them
    reassure = by_id.get("reply-fraud-reassure")
    assert reassure is not None and "blocked" not in reassure["text"] and "bloquée" not in reassure["text"], reassure


async def test_money_trouble_keeps_its_plan_and_gets_no_offer_whatever_is_said_next(client: Any) -> None:
    """"je n'arrive plus à payer mes échéances de prêt, j'ai perdu mon travail", then, waiting, "merci, ça fait 3 jours
    que j'attends": the repayment plan is still suggested (the message that told the money trouble stays in what the
    suggestions read), and no offer is made (held back as a sensitive moment)."""
    await ingest(client)
    await _customer(client, "c-nina", language="fr")
    conv = await conversation(client, customer_id="c-nina")
    out = await say(client, conv, "je n'arrive plus à payer mes échéances de prêt, j'ai perdu mon travail")
    assert out["handoff"] is not None and out["handoff"]["reason"] == "sensitive_topic", out
    agent = await token(client, "agent-ann", "agent")
    url = f"/v1/handoffs/{out['handoff']['id']}"
    packet = await (await client.get(url, headers=h(agent))).json()
    assert packet["suggested_actions"][0]["id"] == "reply-hardship-plan", packet["suggested_actions"]
    await say(client, conv, "merci, ça fait 3 jours que j'attends")
    packet = await (await client.get(url, headers=h(agent))).json()
    assert "reply-hardship-plan" in [a["id"] for a in packet["suggested_actions"]], packet["suggested_actions"]
    assert not any(a["kind"] == "offer" for a in packet["suggested_actions"]), packet["suggested_actions"]
    assert all(x["reason"] == "sensitive_moment" for x in packet["suppressed_actions"] if x["kind"] == "offer")


async def test_money_sent_to_a_scammer_s_safe_account_is_recalled_first(client: Any) -> None:
    """"un faux conseiller m'a fait virer 3000 € sur un compte sécurisé, je l'ai fait il y a 20 min": recalling the
    transfer is the advisor's first suggestion (the sooner, the likelier the money comes back)."""
    await ingest(client)
    await _customer(client, "c-ines", language="fr")
    _, packet = await _handoff(client, "c-ines", "un faux conseiller m'a demandé de virer 3000 € sur un compte "
                                                 "sécurisé, je l'ai fait il y a 20 min")
    assert packet["suggested_actions"][0]["id"] == "recall-scam-transfer", packet["suggested_actions"]


async def test_the_packet_suggests_eligible_actions_and_holds_back_what_it_must(client: Any) -> None:
    await ingest(client)
    await _customer(client, "c-tom")
    _, packet = await _handoff(client, "c-tom", "my card was declined abroad, I'm on holiday in Spain")
    by_id = {a["id"]: a for a in packet["suggested_actions"]}
    assert "enable-card-abroad" in by_id and by_id["enable-card-abroad"]["kind"] == "service"
    assert "offer-travel-insurance" in by_id
    assert all(a["why"] for a in packet["suggested_actions"])
    assert by_id["enable-card-abroad"]["text"]  # one click inserts it
    # premium-only and student-excluded actions are not eligible for a standard retail customer: never shown
    shown = set(by_id) | {s["id"] for s in packet["suppressed_actions"]}
    assert "raise-card-limit" not in shown and "callback-advisor" not in shown
    # blocking the card cannot be undone: not for a card that is only declined, and one the customer needs abroad
    assert "send-replacement-card" not in shown
    scores = [a["score"] for a in packet["suggested_actions"]]
    assert scores == sorted(scores, reverse=True)


async def test_a_lost_or_stolen_card_is_never_opened_wider(client: Any) -> None:
    """Enabling payments abroad fits "my card doesn't work abroad", and harms a customer whose card
    someone else has: the action's rule (configs/actions.toml) holds it back."""
    await ingest(client)
    for cid, line in [("c-stolen", "someone used my card abroad without my permission"),
                      ("c-stole", "someone stole my card while I was abroad in Spain"),
                      ("c-lost", "j’ai perdu ma carte pendant mon voyage à l’étranger")]:
        await _customer(client, cid)
        _, packet = await _handoff(client, cid, line)
        shown = {a["id"] for a in packet["suggested_actions"]} | {a["id"] for a in packet["suppressed_actions"]}
        assert "enable-card-abroad" not in shown, (line, packet["suggested_actions"])


async def test_what_the_customer_s_record_says_is_suggested_before_they_say_it(client: Any) -> None:
    """A customer stuck abroad whose hotel payment was declined yesterday because payments abroad are
    off asks for someone about "a problem at my hotel": the advisor is offered to switch them on, and
    told why; a customer without that decline is not."""
    await ingest(client)
    yesterday = (datetime.now(timezone.utc) - timedelta(days=1)).isoformat()
    for cid, reason in [("c-abroad", "payments_abroad_disabled"), ("c-broke", "insufficient_funds")]:
        await _customer(client, cid)
        r = await client.post(f"/v1/customers/{cid}/events", headers=h(), json={"events": [
            {"type": "payment_declined", "at": yesterday,
             "data": {"merchant": "Shinjuku Business Hotel", "amount_eur": 297.3, "reason": reason}}]})
        assert r.status == 200, await r.text()
    _, packet = await _handoff(client, "c-abroad", "I have a problem at my hotel")
    by_id = {a["id"]: a for a in packet["suggested_actions"]}
    assert "enable-card-abroad" in by_id, packet["suggested_actions"]
    assert "payments abroad are off" in by_id["enable-card-abroad"]["why"]
    assert "offer-overdraft" not in by_id  # money was not what was missing
    _, packet = await _handoff(client, "c-broke", "I have a problem at my hotel")
    assert "enable-card-abroad" not in {a["id"] for a in packet["suggested_actions"]}


async def test_owned_products_and_missing_consent_suppress_offers(client: Any) -> None:
    await ingest(client)
    await _customer(client, "c-held", products=["current_account", "travel_insurance"])
    _, packet = await _handoff(client, "c-held", "my card was declined abroad, I'm on holiday in Spain")
    assert "offer-travel-insurance" not in {a["id"] for a in packet["suggested_actions"]}
    assert {"id": "offer-travel-insurance", "reason": "already_held"}.items() <= next(
        s for s in packet["suppressed_actions"] if s["id"] == "offer-travel-insurance").items()
    # an agent cannot teach the ranking about an offer this customer must not get
    agent = await token(client, "agent-ann", "agent")
    r = await client.post(f"/v1/handoffs/{packet['id']}/actions/offer-travel-insurance/feedback",
                          json={"outcome": "accepted"}, headers=h(agent))
    assert_error(r.status, await r.json(), 409, "action_suppressed")

    await _customer(client, "c-noconsent", consents={"personalization": True, "marketing": False})
    _, packet = await _handoff(client, "c-noconsent", "my card was declined abroad, I'm on holiday in Spain")
    assert not [a for a in packet["suggested_actions"] if a["kind"] == "offer"]
    assert "no_marketing_consent" in {s["reason"] for s in packet["suppressed_actions"]}


async def test_agents_feedback_shifts_the_ranking_for_the_segment(client: Any) -> None:
    await ingest(client)
    text = "my card was declined abroad, I'm on holiday in Spain"
    await _customer(client, "c-1")
    agent, packet = await _handoff(client, "c-1", text)
    services = [a["id"] for a in packet["suggested_actions"] if a["kind"] in ("service", "offer")]
    top, runner_up = services[0], services[1]
    for i in range(6):  # six advisors' say (one advisor's second click on the same handoff counts once: below)
        advisor = await token(client, f"agent-{i}", "agent")
        r = await client.post(f"/v1/handoffs/{packet['id']}/actions/{top}/feedback", json={"outcome": "dismissed"},
                              headers=h(advisor))
        assert r.status == 200, await r.text()
        r = await client.post(f"/v1/handoffs/{packet['id']}/actions/{runner_up}/feedback",
                              json={"outcome": "accepted"}, headers=h(advisor))
    learnt = await r.json()
    assert learnt["accepted"] == 6 and learnt["segment"] == "retail"
    again_clicked = await (await client.post(f"/v1/handoffs/{packet['id']}/actions/{runner_up}/feedback",
                                             json={"outcome": "accepted"}, headers=h(advisor))).json()
    assert again_clicked["accepted"] == 6, again_clicked  # a double click counts once
    changed = await (await client.post(f"/v1/handoffs/{packet['id']}/actions/{runner_up}/feedback",
                                       json={"outcome": "dismissed"}, headers=h(advisor))).json()
    assert (changed["accepted"], changed["dismissed"]) == (5, 1), changed  # a change of mind replaces the first
    await client.post(f"/v1/handoffs/{packet['id']}/actions/{runner_up}/feedback", json={"outcome": "accepted"},
                      headers=h(advisor))
    await _customer(client, "c-2", name="Another Customer")
    _, again = await _handoff(client, "c-2", text)
    order = [a["id"] for a in again["suggested_actions"]]
    assert order.index(runner_up) < order.index(top) if top in order else runner_up in order
    assert "6 of 6" in next(a for a in again["suggested_actions"] if a["id"] == runner_up)["why"]


async def test_feedback_refuses_bad_input_and_the_wrong_role(client: Any) -> None:
    await ingest(client)
    await _customer(client, "c-f")
    agent, packet = await _handoff(client, "c-f", "I lost my card")
    url = f"/v1/handoffs/{packet['id']}/actions/send-replacement-card/feedback"
    r = await client.post(url, json={"outcome": "maybe"}, headers=h(agent))
    assert_error(r.status, await r.json(), 422)
    r = await client.post(f"/v1/handoffs/{packet['id']}/actions/no-such-action/feedback",
                          json={"outcome": "accepted"}, headers=h(agent))
    assert_error(r.status, await r.json(), 404, "action_not_found")
    supervisor = await token(client, "sup", "supervisor")
    r = await client.post(url, json={"outcome": "accepted"}, headers=h(supervisor))
    assert_error(r.status, await r.json(), 403)
    r = await client.get("/v1/actions", headers=h(supervisor))
    assert r.status == 200 and {a["kind"] for a in (await r.json())["actions"]} >= {"offer", "service", "reply"}
    # once Ann has it, another advisor's verdict on her suggestions is refused (it moved the ranking)
    assert (await client.post(f"/v1/handoffs/{packet['id']}/accept", headers=h(agent))).status == 200
    bob = await token(client, "agent-bob", "agent")
    r = await client.post(url, json={"outcome": "dismissed"}, headers=h(bob))
    assert_error(r.status, await r.json(), 403, "handoff_forbidden")
    r = await client.post(f"/v1/handoffs/{packet['id']}/messages", json={"text": "  \n "}, headers=h(agent))
    assert_error(r.status, await r.json(), 422)  # a blank message never reaches the customer
    # the packet's past conversations are the customer's others, not the one handed off
    r = await client.get(f"/v1/handoffs/{packet['id']}", headers=h(agent))
    body = await r.json()
    assert body["conversation_id"] not in [c["id"] for c in body["customer"]["past_conversations"]], body["customer"]


async def test_the_demo_s_catalogue_on_another_company_s_server_offers_nothing_and_suggests_what_any_can_do(
        aiohttp_client: Any, app_factory: Any) -> None:
    """No demo in the store and the shipped catalogue (the demo bank's): the bot offers none of its products, and an
    advisor is suggested none of its services, prices or promises (a 10 € credit, a new card in 5 days), only what
    any company can say as written, and the articles."""
    client = await aiohttp_client(app_factory())
    await ingest(client, [*DOCS, DATA_DOC])
    await _customer(client, "c-other", products=["current_account", "mobile_plan_20gb", "visa_classic"],
                    tier="premium")
    out = await say(client, await conversation(client, customer_id="c-other"), "I ran out of mobile data")
    assert "offer" not in (out["reply"] or {}), out["reply"]
    agent = await token(client, "agent-ann", "agent")
    for said in (("this is ridiculous, nothing works, I'm furious", "I want a human now"),
                 ("I lost my card and someone used it",)):
        conv = await conversation(client, customer_id="c-other")
        for text in said:
            out = await say(client, conv, text)
        assert out["handoff"] is not None, out
        packet = await (await client.get(f"/v1/handoffs/{out['handoff']['id']}", headers=h(agent))).json()
        ids = [a["id"] for a in packet["suggested_actions"]]
        assert all(i.startswith(("article:", "reply:")) or i in ("reply-take-ownership", "reply-apology-delay")
                   for i in ids), ids  # not the bank's card, call back, 10 € credit or fraud refund in 10 days
        if len(said) == 2:
            assert "reply-take-ownership" in ids, packet["suggested_actions"]


async def test_the_bot_offers_an_eligible_consented_action_once(client: Any) -> None:
    await ingest(client, [*DOCS, DATA_DOC])
    await _customer(client, "c-bot", products=["current_account", "mobile_plan_20gb"])
    conv = await conversation(client, customer_id="c-bot")
    out = await say(client, conv, "I ran out of mobile data")
    assert out["reply"]["offer"]["id"] == "offer-unlimited-data", out["reply"]
    assert "unlimited" in out["reply"]["text"]
    again = await say(client, conv, "I ran out of mobile data again")
    assert "offer" not in (again["reply"] or {})  # offered recently: not twice

    await _customer(client, "c-bot-no", products=["current_account"],
                    consents={"personalization": True, "marketing": False})
    conv = await conversation(client, customer_id="c-bot-no")
    out = await say(client, conv, "I ran out of mobile data")
    assert "offer" not in (out["reply"] or {})
    anonymous = await conversation(client)
    out = await say(client, anonymous, "I ran out of mobile data")
    assert "offer" not in (out["reply"] or {})


async def test_suggestions_follow_the_conversation_over_the_agents_stream(client: Any) -> None:
    await ingest(client)
    await _customer(client, "c-live")
    conv = await conversation(client, customer_id="c-live")
    out = await say(client, conv, "I want to talk to a human agent")
    agent = await token(client, "agent-live", "agent")
    ws = await client.ws_connect(f"/v1/agents/stream?token={agent}")
    try:
        assert (await ws.receive_json(timeout=10))["kind"] in ("queue", "presence")
        await say(client, conv, "I lost my card yesterday")
        while True:
            frame = await ws.receive_json(timeout=10)
            if frame.get("kind") == "suggestions":
                break
        assert frame["handoff_id"] == out["handoff"]["id"]
        assert frame["suggested_actions"][0]["id"] in ("send-replacement-card", "reply:card-lost", "article:card-lost")
        assert "send-replacement-card" in {a["id"] for a in frame["suggested_actions"]}
    finally:
        await ws.close()


async def test_a_long_conversation_s_packet_shows_its_latest_turns(client: Any, monkeypatch: Any) -> None:
    import assistant.assist

    monkeypatch.setattr(assistant.assist, "_PACKET_EVENTS", 6)  # as if the conversation were very long
    await ingest(client)
    await _customer(client, "c-long")
    _, packet = await _handoff(client, "c-long", "I lost my card", "how do I send money abroad?", "my PIN is blocked")
    said = [t["text"] for t in packet["transcript"] if t.get("author") == "customer"]
    assert said[-2:] == ["my PIN is blocked", "I want to talk to a human agent"], packet["transcript"]
    assert "I lost my card" not in said


async def test_a_furious_premium_customer_is_offered_the_call_back_and_no_article_twice(
        aiohttp_client: Any, app_factory: Any) -> None:
    """The actions written for an upset premium customer are suggested; the article the bot already
    sent is not the agent's first suggestion."""
    client = await aiohttp_client(app_factory(demo=True))
    conv = await conversation(client, customer_id="demo-james-whitfield")
    first = await say(client, conv, "My card got declined again at the till, this is ridiculous, I'm furious")
    out = await say(client, conv, "Honestly your bank is a joke, I've had enough of this")
    assert out["handoff"] is not None, out
    agent = await token(client, "agent-ann", "agent")
    packet = await (await client.get(f"/v1/handoffs/{out['handoff']['id']}", headers=h(agent))).json()
    ids = [a["id"] for a in packet["suggested_actions"]]
    assert "callback-advisor" in ids, packet["suggested_actions"]
    sent = {s["document_id"] for s in (first["reply"] or {}).get("sources") or []}
    assert not sent or packet["suggested_actions"][0].get("document_id") not in sent, packet["suggested_actions"]


async def test_an_advisor_s_ready_replies_speak_to_a_customer_told_tu_with_tu(client: Any) -> None:
    """The bot says "tu" to a young customer who prefers it; the advisor's one-click replies (the
    article's and the catalogue's) must not switch to "vous"."""
    await ingest(client, [{"id": "carte-perdue", "title": "Carte perdue", "language": "fr",
                           "text": "Faites opposition à votre carte dans l'application : vous recevrez une "
                                   "nouvelle carte sous 5 jours.",
                           "questions": ["j'ai perdu ma carte", "carte perdue ou volée", "on m'a volé ma carte"]}])
    for cid, register in (("c-lucas", "informal"), ("c-camille", "formal")):
        await _customer(client, cid, name="Lucas Moreau", language="fr", attributes={"preferred_register": register})
        conv = await conversation(client, customer_id=cid)
        answered = await say(client, conv, "j'ai perdu ma carte")
        assert answered["reply"]["tone"]["formality"] == ("tu" if register == "informal" else "vous")
        out = await say(client, conv, "je veux parler à un conseiller")
        agent = await token(client, "agent-ann", "agent")
        packet = await (await client.get(f"/v1/handoffs/{out['handoff']['id']}", headers=h(agent))).json()
        texts = {a["id"]: a["text"] for a in packet["suggested_actions"] if a.get("text")}
        reply, card = texts["reply:carte-perdue"], texts["send-replacement-card"]
        if register == "informal":
            assert "ta carte" in reply and "tu recevras" in reply and "votre" not in reply, reply
            assert "vous" not in card and "votre" not in card, card
        else:
            assert "votre carte" in reply and "vous recevrez" in reply, reply


async def test_the_bot_offers_nothing_while_a_trouble_is_open_or_the_customer_is_upset(
        aiohttp_client: Any, app_factory: Any) -> None:
    """Tom (consents to marketing, a trip on record) cannot log in, then adds "im abroad btw": the answer, without
    the travel insurance pitch the trip would earn a calm question; nor after "I have no internet abroad"."""
    client = await aiohttp_client(app_factory(demo=True))
    for said in (("i cant log in, the sms code never arrives", "im abroad btw"), ("I have no internet abroad",)):
        conv = await conversation(client, customer_id="demo-tom-eriksen")
        for text in said:
            out = await say(client, conv, text)
            assert out["reply"]["action"] == "answer", out["reply"]
            assert "offer" not in out["reply"] and "insurance" not in out["reply"]["text"], (text, out["reply"])


async def test_the_last_question_is_suggested_for_even_after_another_subject(aiohttp_client: Any,
                                                                           app_factory: Any) -> None:
    """"will my card work in New York?", then "My father passed away last week, what do I need to do with his
    account?": the advisor is offered the bereavement article, which the two questions joined find too weakly; "Hello?
    is anyone there?" after it changes nothing."""
    client = await aiohttp_client(app_factory(demo=True))
    agent = await token(client, "agent-ann", "agent")
    conv = await conversation(client, language="en")
    await say(client, conv, "I'm going to New York next week, will my card work?")
    out = await say(client, conv, "My father passed away last week, what do I need to do with his account?")
    assert out["handoff"] is not None, out
    await say(client, conv, "Hello? is anyone there?")
    packet = await (await client.get(f"/v1/handoffs/{out['handoff']['id']}", headers=h(agent))).json()
    ids = [a["id"] for a in packet["suggested_actions"]]
    assert any("bereavement" in i for i in ids), packet["suggested_actions"]
