"""The reply sounds like it was written for this person, and uses only what they allowed."""
from __future__ import annotations

import json
import re
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from tests.helpers import conversation, events, h, ingest, reply_after, say, token


async def customer(client: Any, cid: str, **profile: Any) -> None:
    r = await client.put(f"/v1/customers/{cid}", json=profile, headers={"Authorization": "Bearer test-admin-token"})
    assert r.status == 200


async def test_an_angry_french_premium_customer_gets_vous_an_apology_and_a_short_answer(client: Any) -> None:
    await ingest(client)
    await customer(client, "amelie", name="Amélie Durand", language="fr", tier="premium",
                   consents={"personalization": True, "marketing": False})
    conv = await conversation(client, customer_id="amelie")
    out = await say(client, conv, "C'est inadmissible ! J'ai oublié mon code PIN et je suis bloquée, c'est nul !")
    reply = out["reply"]
    assert out["sentiment"]["label"] == "negative"
    assert reply["action"] == "answer" and reply["sources"][0]["document_id"] == "pin"
    assert reply["tone"]["formality"] == "vous" and reply["tone"]["empathy"] in ("acknowledge", "apologise")
    assert reply["tone"]["brevity"] == "short"
    assert "désolé" in reply["text"] or "comprends" in reply["text"]
    assert " tu " not in f" {reply['text']} " and " te " not in f" {reply['text']} "


async def test_a_calm_english_customer_on_web_gets_a_complete_friendly_answer(client: Any) -> None:
    await ingest(client)
    await customer(client, "tom", name="Tom Eriksen", language="en", tier="standard",
                   consents={"personalization": True, "marketing": True})
    conv = await conversation(client, customer_id="tom")
    out = await say(client, conv, "Hi! How do I send money to a friend?")
    reply = out["reply"]
    assert reply["action"] == "answer" and reply["sources"][0]["document_id"] == "transfer"
    assert (reply["tone"]["formality"], reply["tone"]["empathy"], reply["tone"]["brevity"]) == (
        "friendly", "none", "full")
    assert "Send money from Payments > New transfer. Transfers in euros arrive the same day." in reply["text"]
    assert "Tom" in reply["text"]


async def test_a_calm_customer_telling_what_happened_then_asking_gets_the_whole_answer(
        aiohttp_client: Any, app_factory: Any) -> None:
    """"My card was stolen yesterday, what should I do?" scores about -0.6 from its mishap, as "how do I
    block my stolen card?" does: a question all the same, answered whole and friendly (the replacement
    and the emergency line too), not cut short with an apology. Said angrily, it still is."""
    client = await aiohttp_client(app_factory(demo=True))
    conv = await conversation(client, channel="web")
    out = await say(client, conv, "My card was stolen yesterday, what should I do?")
    reply = out["reply"]
    assert reply["sources"][0]["document_id"] == "lost-stolen-card-en", reply
    assert (reply["tone"]["formality"], reply["tone"]["empathy"], reply["tone"]["brevity"]) == (
        "friendly", "none", "full"), reply["tone"]
    assert "replacement" in reply["text"] and "emergency line" in reply["text"], reply["text"]
    conv = await conversation(client, channel="web")
    out = await say(client, conv, "My card was stolen yesterday and nobody answers the phone, what should I do??")
    assert out["reply"]["tone"]["empathy"] != "none" and out["reply"]["tone"]["brevity"] == "short", out["reply"]


async def test_consent_to_personalisation_changes_the_words_not_the_service(client: Any) -> None:
    """Two premium customers ask for a person, one without consent to personalisation: the bot's words
    name neither's tier or name for the one without, but both wait in the premium place in the queue,
    under their name for the advisor."""
    await ingest(client)
    for cid, consent in (("p-yes", True), ("p-no", False)):
        await customer(client, cid, name=f"Jane {cid}", language="en", tier="premium",
                       consents={"personalization": consent, "marketing": False})
    handoffs = {}
    for cid in ("p-yes", "p-no"):
        conv = await conversation(client, customer_id=cid)
        out = await say(client, conv, "I want to talk to an advisor")
        handoffs[cid] = out["handoff"]["id"]
        if cid == "p-no":
            assert "Jane" not in out["reply"]["text"] and out["reply"]["tone"]["default"] is True, out["reply"]
    agent = await token(client, "agent-amy", "agent")
    queue = {x["id"]: x for x in (await (await client.get("/v1/handoffs?status=waiting", headers=h(agent))).json())
             ["handoffs"]}
    yes, no = queue[handoffs["p-yes"]], queue[handoffs["p-no"]]
    assert (no["priority"], no["tier"], no["customer_name"]) == (yes["priority"], "premium", "Jane p-no"), (yes, no)


async def test_without_consent_the_default_experience_uses_no_profile_fact(client: Any) -> None:
    await ingest(client)
    await customer(client, "sarah", name="Sarah Okafor", language="en", tier="premium", segment="retail",
                   products=["visa_premier"], consents={"personalization": False, "marketing": False})
    conv = await conversation(client, customer_id="sarah")
    out = await say(client, conv, "how do I send money to a friend?")
    tone = out["reply"]["tone"]
    assert tone["default"] is True and tone["personalized"] is False
    assert "Sarah" not in out["reply"]["text"] and "premium" not in out["reply"]["text"].lower()
    assert any("default" in reason for reason in tone["reasons"])


async def test_an_unknown_customer_gets_the_default_too(client: Any) -> None:
    await ingest(client)
    conv = await conversation(client, customer_id="nobody-we-know")
    out = await say(client, conv, "how do I send money to a friend?")
    assert out["reply"]["tone"]["default"] is True


async def test_courtesy_is_answered_in_kind_and_never_handed_to_a_person(client: Any) -> None:
    """A greeting or a thank-you is no question the bot failed, nor a request for an agent."""
    await ingest(client)
    await customer(client, "lea", name="Léa Morel", language="fr", tier="standard",
                   consents={"personalization": True, "marketing": False})
    conv = await conversation(client, customer_id="lea")
    hello = await say(client, conv, "Bonjour !")
    assert hello["handoff"] is None and hello["reply"]["sources"] == []
    assert "Léa" in hello["reply"]["text"] and "aider" in hello["reply"]["text"]
    answer = await say(client, conv, "j'ai perdu ma carte")
    assert answer["reply"]["action"] == "answer"
    for text in ("merci beaucoup !", "merci", "au revoir"):  # two misses in a row would be an out_of_scope handoff
        out = await say(client, conv, text)
        assert out["handoff"] is None and out["reply"]["action"] == "clarify", out
        assert out["reply"]["tone"]["formality"] == "vous"
    assert "plaisir" in (await say(client, conv, "merci"))["reply"]["text"]
    english = await conversation(client)
    for text in ("hello", "hi there", "thanks, bye"):
        out = await say(client, english, text)
        assert out["handoff"] is None and out["reply"]["text"], out
    # said in the evening, answered in the evening: "bonsoir" is no "bonjour", "bonne soirée" no "bonne journée"
    evening = await conversation(client, language="fr")
    assert (await say(client, evening, "bonsoir"))["reply"]["text"].startswith("Bonsoir")
    bye = (await say(client, evening, "merci, bonne soirée !"))["reply"]["text"]
    assert "bonne soirée" in bye and "journée" not in bye, bye
    bye = (await say(client, english, "thanks, good night"))["reply"]["text"]
    assert "evening" in bye and "day" not in bye, bye


async def test_an_upset_customer_the_bot_cannot_place_is_still_acknowledged(client: Any) -> None:
    await ingest(client)
    conv = await conversation(client, language="fr")
    out = await say(client, conv, "C'est scandaleux, rien ne marche chez vous, je suis furieux !!!")
    reply = out["reply"]
    assert out["sentiment"]["label"] == "negative" and reply["action"] in ("clarify", "escalate")
    assert reply["tone"]["empathy"] != "none"
    assert "comprends" in reply["text"] or "désagrément" in reply["text"], reply["text"]  # not only "no answer"


async def test_a_resumed_conversation_is_welcomed_back_in_its_own_register_and_language(client: Any) -> None:
    await ingest(client)
    await customer(client, "hugo", name="Hugo Petit", language="fr", segment="student",
                   consents={"personalization": True, "marketing": False})
    conv = await conversation(client, customer_id="hugo")
    await say(client, conv, "coucou")
    await say(client, conv, "comment envoyer de l'argent à l'étranger ?")
    r = await client.post("/v1/conversations/resume", json={"resume_token": conv["resume_token"], "channel": "mobile"})
    body = await r.json()
    assert r.status == 200, body
    assert "te revoir" in body["welcome"], body  # tu, as in the conversation
    assert "coucou" not in body["summary"] and "étranger" in body["summary"], body["summary"]

    anonymous = await conversation(client)  # no language given: the customer wrote French
    await say(client, anonymous, "bonjour, j'ai oublié mon code PIN, que faire ?")
    r = await client.post("/v1/conversations/resume", json={"resume_token": anonymous["resume_token"], "channel": "web"})
    assert (await r.json())["welcome"].startswith("Bon retour"), await r.text()


async def test_one_word_replies_handbacks_and_welcomes_keep_the_conversations_language_and_register(
        client: Any) -> None:
    await ingest(client)
    anonymous = await conversation(client)  # no language given
    await say(client, anonymous, "bonjour, j'ai oublié mon code PIN, que faire ?")
    for word in ("ok", "parfait", "top"):
        out = await say(client, anonymous, word)
        assert out["reply"]["tone"]["language"] == "fr" and "?" in out["reply"]["text"], out

    await customer(client, "hugo", name="Hugo Petit", language="fr", segment="student",
                   consents={"personalization": True, "marketing": False})
    conv = await conversation(client, customer_id="hugo")
    hid = (await say(client, conv, "je veux parler à un conseiller stp"))["handoff"]["id"]
    r = await client.post("/v1/conversations/resume", json={"resume_token": conv["resume_token"], "channel": "mobile"})
    welcome = (await r.json())["welcome"]
    assert welcome is None or "conseiller stp" not in welcome, welcome  # a request for a person is no topic
    agent = await token(client, "agent-ann", "agent")
    r = await client.post(f"/v1/handoffs/{hid}/accept", headers=h(agent))
    assert r.status == 200
    r = await client.post(f"/v1/handoffs/{hid}/close", json={"outcome": "handback"}, headers=h(agent))
    assert r.status == 200
    handback = [e for e in await events(client, conv) if e["type"] == "bot_message"][-1]["text"]
    assert " tu " in f" {handback} " or "ta patience" in handback, handback  # tu, as the conversation
    assert "vous" not in handback, handback


async def test_a_sensitive_handoff_opens_with_what_the_topic_calls_for(client: Any) -> None:
    await ingest(client)
    conv = await conversation(client, channel="mobile")
    out = await say(client, conv, "my mum died on Sunday. can funeral costs be paid from her account?")
    assert out["handoff"]["reason"] == "sensitive_topic" and out["reply"]["action"] == "escalate"
    assert "sorry for your loss." in out["reply"]["text"].split(".")[0] + ".", out["reply"]["text"]
    assert "frustrat" not in out["reply"]["text"] and "trouble" not in out["reply"]["text"]
    # back later on the web: no cheerful "we were talking about…" to a bereaved customer, only where they are
    r = await client.post("/v1/conversations/resume", json={"resume_token": conv["resume_token"], "channel": "web"})
    resumed = await r.json()
    assert r.status == 200 and "still in the queue" in resumed["welcome"], resumed
    assert "talking about" not in resumed["welcome"], resumed
    agent = await token(client, "agent-zoe", "agent")
    assert (await client.post(f"/v1/handoffs/{out['handoff']['id']}/accept", headers=h(agent))).status == 200
    r = await client.post("/v1/conversations/resume",
                          json={"resume_token": resumed["resume_token"], "channel": "mobile"})
    assert "advisor is still with you" in (await r.json())["welcome"], await r.text()
    # money trouble: an advisor and a plan, not the crisis line
    conv = await conversation(client, language="fr")
    out = await say(client, conv, "je suis à découvert et je n'arrive plus à payer mes factures")
    assert out["handoff"]["reason"] == "sensitive_topic" and "échéancier" in out["reply"]["text"], out
    assert "112" not in out["reply"]["text"] and "3114" not in out["reply"]["text"], out
    conv = await conversation(client, language="fr")
    out = await say(client, conv, "Il y a un paiement de 500 € que je n'ai pas fait, c'est une fraude !")
    assert out["handoff"]["reason"] == "sensitive_topic"
    # (the default words name no company's card or line: the customer's bank blocks what may be at risk)
    assert "aucun code" in out["reply"]["text"] and "bloquer par votre banque" in out["reply"]["text"], out["reply"]
    # in English too, what to do comes first, before any article could be found (a near miss often is)
    conv = await conversation(client, language="en")
    out = await say(client, conv, "someone is using my card, I see payments I did not make")
    assert out["handoff"]["reason"] == "sensitive_topic", out
    assert out["reply"]["text"].startswith("To ") and "block it" in out["reply"]["text"].split(". ")[0], out["reply"]
    # a company without the demo is not given the demo company's number, nor its app's screens
    assert "+33" not in out["reply"]["text"] and "in the app" not in out["reply"]["text"], out["reply"]["text"]
    balance = (await reply_after(client, "what's my current balance?"))["reply"]
    assert "can't see your accounts" in balance["text"] and "customer area" in balance["text"], balance["text"]


async def test_money_asked_to_be_moved_is_told_not_to_move_and_abuse_hears_of_its_own_line(client: Any) -> None:
    """The "safe account" scam: "should I do it?" hears "don't move any money" first, not "block your card" (which
    stops no transfer); a partner's abuse, the line for it, not the suicide-prevention line."""
    await ingest(client)
    out = await reply_after(client, "someone on whatsapp says they're from the bank and asked me to move my savings "
                                    "to a safe account. should i do it?", language="en")
    assert out["handoff"]["reason"] == "sensitive_topic", out
    first = out["reply"]["text"].split(":")[0]
    assert "not move any money" in first or "don't move any money" in first, out["reply"]["text"]
    # "safe" and "savings" make no happy message of it: the advisor's trend does not read one
    scam = await reply_after(client, "someone from the bank told me to move my savings to a safe account",
                             language="en")
    assert scam["handoff"] is not None and scam["sentiment"]["label"] != "positive", scam
    out = await reply_after(client, "mon conjoint me prend ma carte et contrôle tout mon argent, j'ai peur",
                            language="fr")
    assert out["handoff"]["reason"] == "sensitive_topic", out
    assert "3919" in out["reply"]["text"] and "3114" not in out["reply"]["text"], out["reply"]["text"]
    out = await reply_after(client, "j'en peux plus, tout va mal, j'ai des dettes partout et je vois pas d'issue",
                            language="fr")
    assert out["handoff"]["reason"] == "sensitive_topic" and "3114" in out["reply"]["text"], out["reply"]["text"]


async def test_a_customer_spoken_to_with_tu_reads_the_article_with_tu(aiohttp_client: Any, app_factory: Any) -> None:
    """The demo's Lucas (a student who prefers "tu"): the greeting and the article agree."""
    client = await aiohttp_client(app_factory(demo=True))
    conv = await conversation(client, customer_id="demo-lucas-moreau", channel="mobile")
    out = await say(client, conv, "Salut, j'ai oublié mon code PIN, je fais comment ?")
    reply = out["reply"]
    assert reply["tone"]["formality"] == "tu" and reply["sources"][0]["document_id"] == "code-pin-oublie", reply
    words = set(re.findall(r"\w+", reply["text"].lower()))
    assert not words & {"vous", "votre", "vos", "allez", "sélectionnez"}, reply["text"]
    assert words & {"tu", "ton", "va", "sélectionne"}, reply["text"]


DECLINED_DOCS = [
    {"id": "card-declined", "title": "Why was my card declined?", "language": "en",
     "text": "A card payment is usually declined for one of these reasons: insufficient balance, a limit reached, "
             "payments abroad switched off, or a frozen card. In the app, go to Cards > Recent declines.",
     "questions": ["Why was my card declined?", "my card was refused", "payment rejected at the shop"]},
    {"id": "pin", "title": "Reset your PIN", "language": "en", "text": "Reset your PIN in the app under Cards > PIN.",
     "questions": ["I forgot my PIN", "how do I change my PIN code"]},
]


async def _declined_abroad_yesterday(client: Any) -> datetime:
    """Two customers, "tom" (consenting to personalisation) and "tim" (not), whose hotel payment was declined
    yesterday because payments abroad are off; that moment."""
    yesterday = datetime.now(timezone.utc) - timedelta(days=1)
    for cid, consent in (("tom", True), ("tim", False)):
        await customer(client, cid, name="Tom Eriksen", language="en", segment="retail",
                       consents={"personalization": consent, "marketing": False})
        r = await client.post(f"/v1/customers/{cid}/events", headers=h(), json={"events": [
            {"type": "payment_declined", "at": yesterday.isoformat(),
             "data": {"merchant": "Shinjuku Business Hotel", "amount_eur": 297.3,
                      "reason": "payments_abroad_disabled"}}]})
        assert r.status == 200, await r.text()
    return yesterday


async def test_the_answer_says_what_the_customer_s_record_says_of_the_matter_once_and_only_with_consent(
        client: Any) -> None:
    """A customer whose hotel payment was refused yesterday because payments abroad are off asks why
    their card was declined: before the article's list of reasons, the bot names that payment and its
    reason (configs/events.toml), once; a customer who did not consent to personalisation hears the
    article alone, and so does one asking about something else."""
    await ingest(client, DECLINED_DOCS)
    yesterday = await _declined_abroad_yesterday(client)
    conv = await conversation(client, customer_id="tom")
    assert "Shinjuku" not in (await say(client, conv, "I forgot my PIN"))["reply"]["text"]  # another matter
    out = await say(client, conv, "my card got refused at the hotel, why?")
    text = out["reply"]["text"]
    assert out["reply"]["sources"][0]["document_id"] == "card-declined"
    told = f"your payment of €297.30 at Shinjuku Business Hotel was declined on {yesterday.day} "
    assert told in text and "Payments abroad are switched off on your card" in text, text
    assert text.index(told) < text.index("A card payment is usually declined")  # the case first, then the rest
    again = await say(client, conv, "Why was my card declined?")
    assert again["reply"]["sources"][0]["document_id"] == "card-declined", again
    assert "Shinjuku" not in again["reply"]["text"]  # told once a conversation

    conv = await conversation(client, customer_id="tim")
    out = await say(client, conv, "my card got refused at the hotel, why?")
    assert out["reply"]["sources"][0]["document_id"] == "card-declined"
    assert "Shinjuku" not in out["reply"]["text"] and "297" not in out["reply"]["text"]


async def test_asked_to_look_into_it_the_bot_says_what_it_can_see_and_offers_an_advisor(client: Any) -> None:
    """"can't you see why?" after the article on declined cards: not a request for a person queued at once (as it
    was), but what the bot can see — nothing of the file without consent, the record's case with it — and an advisor a
    "yes" takes; "vous pouvez pas voir pourquoi ?" alike in French."""
    await ingest(client, DECLINED_DOCS)
    await _declined_abroad_yesterday(client)
    out = await reply_after(client, "my card got refused at the hotel", "can't you see why?", customer_id="tim")
    assert out["handoff"] is None and out["reply"]["action"] == "clarify", out
    assert "see your file" in out["reply"]["text"] and "just say yes" in out["reply"]["text"], out["reply"]
    conv = await conversation(client, customer_id="tom")
    await say(client, conv, "my card got refused at the hotel")
    out = await say(client, conv, "can't you see why?")
    assert out["handoff"] is None and "Payments abroad are switched off" in out["reply"]["text"], out["reply"]
    yes = await say(client, conv, "yes")
    assert yes["handoff"] is not None and yes["handoff"]["reason"] == "human_request", yes
    french = await reply_after(client, "ma carte a été refusée", "vous pouvez pas voir pourquoi ?", language="fr")
    assert french["handoff"] is None and "accès à votre dossier" in french["reply"]["text"], french["reply"]


DEMO_KNOWLEDGE = Path(__file__).parents[2] / "configs" / "demo" / "knowledge.json"


async def test_the_record_settles_what_the_knowledge_only_nearly_places_and_it_is_followed_up(client: Any) -> None:
    """"hey my card got declined at my hotel in tokyo, what's going on??" is nearest the card-abroad
    article (the demo base): a customer whose hotel payment was declined yesterday because payments
    abroad are off is told so, from that article, and "ok how do I turn it on?" (the "it" is in the
    answer, not the question) gets the steps to switch them on. "my data isn't working here in Japan"
    is nearest roaming: the declined card payment on the record is no answer to it."""
    await ingest(client, json.loads(DEMO_KNOWLEDGE.read_text(encoding="utf-8"))["documents"])
    yesterday = await _declined_abroad_yesterday(client)
    first = "hey my card got declined at my hotel in tokyo, what's going on??"
    unknown = await say(client, await conversation(client, customer_id="tim"), first)
    assert "Shinjuku" not in (unknown["reply"]["text"] or ""), unknown["reply"]
    conv = await conversation(client, customer_id="tom")
    out = await say(client, conv, first)
    assert out["reply"]["action"] == "answer", out["reply"]
    assert out["reply"]["sources"][0]["document_id"] == "card-abroad-travel", out["reply"]
    assert "Shinjuku Business Hotel" in out["reply"]["text"]
    then = await say(client, conv, "ok how do I turn it on?")
    assert then["reply"]["action"] == "answer", then["reply"]
    assert "Settings > Payments abroad" in then["reply"]["text"], then["reply"]
    # answered from the declined-card article this time: "it" is still what the record said to switch on
    conv = await conversation(client, customer_id="tom")
    first = await say(client, conv, "my card just got declined at my hotel in tokyo, why??")
    assert "Shinjuku Business Hotel" in first["reply"]["text"], first["reply"]
    then = await say(client, conv, "ok how do I turn it on?")
    assert then["reply"]["action"] == "answer" and "Payments abroad" in then["reply"]["text"], (first["reply"], then["reply"])
    data = await say(client, await conversation(client, customer_id="tom"), "my data isn't working here in Japan, can you help?")
    assert "Shinjuku" not in (data["reply"]["text"] or "") and all(
        s["document_id"].startswith("card-") is False for s in data["reply"]["sources"][:1]), data["reply"]


async def test_a_pronoun_after_an_answer_that_opened_with_the_record_points_at_the_record(client: Any) -> None:
    """Typed as on a phone, without its question mark: "ok how do i turn it on" after the declined-card
    answer that opened with "Payments abroad are switched off on your card" gets the sentence that says how,
    not the lost-card article its words with the question before nearly find ("block it straight away").
    "how long does it take?" then, which no answer of the conversation gives a time for, is not answered
    with number porting, a subject never touched."""
    await ingest(client, json.loads(DEMO_KNOWLEDGE.read_text(encoding="utf-8"))["documents"])
    await _declined_abroad_yesterday(client)
    conv = await conversation(client, customer_id="tom")
    first = await say(client, conv, "my card got refused at the hotel")
    assert first["reply"]["sources"][0]["document_id"] == "card-declined", first["reply"]
    assert "Shinjuku Business Hotel" in first["reply"]["text"]
    then = await say(client, conv, "ok how do i turn it on")
    assert then["reply"]["action"] == "answer", then["reply"]
    assert then["reply"]["sources"][0]["document_id"] == "card-declined", then["reply"]
    assert "Settings > Payments abroad" in then["reply"]["text"] and "stolen" not in then["reply"]["text"], then
    again = await say(client, conv, "how long does it take?")
    assert not any(s["document_id"] == "number-porting" for s in again["reply"]["sources"]), again["reply"]
    assert again["reply"]["action"] != "answer", again["reply"]
    # the same words after an answer that gives a time: that time
    conv = await conversation(client, customer_id="tom")
    await say(client, conv, "how do I close my account")
    closing = await say(client, conv, "how long does it take?")
    assert closing["reply"]["sources"][0]["document_id"] == "close-account", closing["reply"]
    assert "30 days" in closing["reply"]["text"], closing["reply"]


async def test_follow_ups_typed_as_customers_type_them_stay_on_the_last_answer(client: Any) -> None:
    """Asked for a price without a question word ("ça coute combien le 80 go" after the plans: the 80 Go
    price); opened on "et" ("et je peux retirer quand je veux ?" after the savings rate, which "retirer" alone
    nearly places among cash machines: the savings article); a price the article does not give ("et c'est
    gratuit ?" of the IBAN article): not known, rather than one of its sentences."""
    await ingest(client, json.loads(DEMO_KNOWLEDGE.read_text(encoding="utf-8"))["documents"])
    conv = await conversation(client, language="fr")
    await say(client, conv, "je voudrais changer de forfait")
    price = await say(client, conv, "ça coute combien le 80 go")
    assert price["reply"]["action"] == "answer" and "29,99 €" in price["reply"]["text"], price["reply"]
    conv = await conversation(client, language="fr")
    await say(client, conv, "quel est le taux du livret ?")
    withdraw = await say(client, conv, "et je peux retirer quand je veux ?")
    assert withdraw["reply"]["action"] == "answer", withdraw["reply"]
    assert withdraw["reply"]["sources"][0]["document_id"] == "epargne-taux", withdraw["reply"]
    assert "à tout moment" in withdraw["reply"]["text"]
    conv = await conversation(client, language="fr")
    await say(client, conv, "où trouver mon RIB ?")
    free = await say(client, conv, "et c'est gratuit ?")
    assert free["reply"]["action"] != "answer" and "FR76" not in (free["reply"]["text"] or ""), free["reply"]


async def _with_record(aiohttp_client: Any, app_factory: Any, tmp_path: Any, events_toml: str,
                       docs: list[dict[str, Any]], name: str, customers: dict[str, bool],
                       events: list[dict[str, Any]]) -> Any:
    """A company's own server with its ``events.toml`` alone and its ``docs``; French-speaking ``customers`` (id ->
    consent to personalisation), each named ``name``, whose record holds ``events``."""
    own = tmp_path / "company"
    own.mkdir()
    (own / "events.toml").write_text(events_toml, encoding="utf-8")
    client = await aiohttp_client(app_factory(tmp_path / "data", config_dir=own))
    await ingest(client, docs)
    for cid, consent in customers.items():
        await customer(client, cid, name=name, language="fr", consents={"personalization": consent, "marketing": False})
        r = await client.post(f"/v1/customers/{cid}/events", headers=h(), json={"events": events})
        assert r.status == 200, await r.text()
    return client


OUTAGE = [
    {"id": "panne-secteur", "title": "Panne dans votre secteur et indemnisation", "language": "fr",
     "text": "Pour savoir s'il y a une panne près de chez vous, consultez la carte des incidents dans votre espace "
             "client. Nos équipes rétablissent la plupart des pannes de secteur sous 72 heures. Si votre service est "
             "interrompu plus de 3 jours consécutifs, vous êtes indemnisé automatiquement.",
     "questions": ["il y a une panne dans mon quartier ?", "plus d'internet depuis plusieurs jours",
                   "panne internet dans mon secteur", "quand la panne sera réparée"]},
    {"id": "voyants-box", "title": "Les voyants de la box", "language": "fr",
     "text": "Voyant blanc fixe : tout fonctionne. Voyant rouge : panne, consultez l'état du réseau.",
     "questions": ["que veut dire le voyant rouge", "voyants de la box"]},
]


async def test_a_date_the_record_told_is_the_answer_when_asked_again_not_that_it_did_not_help(
        aiohttp_client: Any, app_factory: Any, tmp_path: Any) -> None:
    """An outage told from the record ("…la réparation est prévue le 9 décembre"), then "c'est réparé quand ???",
    nearest that article alone: the record's day again, not "sorry that did not solve it"; the repair day written as
    ISO 8601 in the record is said as a day."""
    two_days_ago = (datetime.now(timezone.utc) - timedelta(days=2)).isoformat()
    client = await _with_record(
        aiohttp_client, app_factory, tmp_path,
        '[[event]]\ntype = "outage"\nwithin_days = 30\ndocuments = ["panne-secteur"]\n'
        'say.fr = "Je vois qu\'une panne est en cours dans votre secteur ({area}) ; la réparation est prévue le '
        '{repair_on}."\n'
        'say.en = "I can see an outage in your area ({area}); the repair is planned on {repair_on}."\n',
        OUTAGE, "Thomas Martin", {"thomas": True},
        [{"type": "outage", "at": two_days_ago, "data": {"area": "Lyon 3e", "repair_on": "2026-12-09"}}])
    conv = await conversation(client, customer_id="thomas", language="fr")
    first = await say(client, conv, "ça fait 5 jours que j'ai plus internet, je télétravaille, c'est inadmissible !!")
    assert "prévue le 9 décembre 2026" in first["reply"]["text"], first["reply"]
    when = await say(client, conv, "c'est réparé quand ???")
    assert when["reply"]["action"] == "answer" and "9 décembre" in when["reply"]["text"], when["reply"]


LEAK = [
    {"id": "leak-alert", "title": "Leak Alert: being warned of unusual consumption", "language": "en",
     "text": "Leak Alert is a free service for customers with a smart meter. It sends you a text when water has been "
             "running non-stop for 24 hours. When you get an alert, turn off every tap and check whether the meter is "
             "turning: if it is, close the stop valve and call a plumber. The alert counts as our notice of abnormal "
             "consumption: you then have one month to apply for the leak cap.",
     "questions": ["I got a leak alert", "what does the leak alert text mean", "text about abnormal consumption"]},
    {"id": "opening-hours", "title": "Opening hours", "language": "en",
     "text": "Our offices are open from 9 am to 5 pm on weekdays.", "questions": ["when are you open"]},
]


async def test_after_the_record_s_fact_a_follow_up_is_answered_by_the_article_not_by_the_fact_again(
        aiohttp_client: Any, app_factory: Any, tmp_path: Any) -> None:
    """"got a text saying leak alert??" is answered with the record ("…water running non-stop since…"); then "what do
    i do" is the article's steps and "how long do i have" its month to apply, not the record's sentence again (it
    tells no fix of its own)."""
    two_days_ago = (datetime.now(timezone.utc) - timedelta(days=2)).isoformat()
    client = await _with_record(
        aiohttp_client, app_factory, tmp_path,
        '[[event]]\ntype = "leak_alert"\nwithin_days = 30\ndocuments = ["leak-alert"]\n'
        'say.en = "I can see that your smart meter has recorded water running non-stop since {date}, about {flow} '
        'litres an hour."\nsay.fr = "Je vois un écoulement continu depuis le {date}."\n',
        LEAK, "Tom Whitaker", {"tom": True}, [{"type": "leak_alert", "at": two_days_ago, "data": {"flow": 38}}])
    conv = await conversation(client, customer_id="tom", language="en")
    first = await say(client, conv, "got a text saying leak alert??")
    assert "running non-stop" in first["reply"]["text"], first["reply"]
    steps = await say(client, conv, "what do i do")
    assert "stop valve" in steps["reply"]["text"] and "running non-stop since" not in steps["reply"]["text"], steps
    how_long = await say(client, conv, "how long do i have")
    assert "one month" in how_long["reply"]["text"], how_long["reply"]
    assert "running non-stop since" not in how_long["reply"]["text"], how_long["reply"]


GYM_FEES = [
    {"id": "frais-rejet", "title": "Frais de rejet de prélèvement", "language": "fr",
     "text": "Si votre prélèvement mensuel est rejeté par votre banque, des frais de rejet de 10 € sont ajoutés à "
             "votre prochaine échéance. Vérifiez que votre compte est approvisionné avant le 5 du mois.",
     "questions": ["pourquoi j'ai des frais en plus sur mon prélèvement", "frais de rejet", "on m'a facturé des frais",
                   "pourquoi mon prélèvement est plus cher ce mois-ci"]},
    {"id": "absence-cours", "title": "Absence à un cours réservé", "language": "fr",
     "text": "Un cours réservé auquel vous ne venez pas sans l'avoir annulé au moins 2 heures avant est facturé. "
             "Annulez une réservation dans l'application, rubrique Mes cours.",
     "questions": ["je n'ai pas pu venir à mon cours", "pénalité pour un cours manqué", "annuler un cours réservé"]},
    {"id": "horaires", "title": "Horaires des clubs", "language": "fr",
     "text": "Les clubs sont ouverts de 6 h à 23 h en semaine et de 8 h à 20 h le week-end.",
     "questions": ["quels sont les horaires", "le club ouvre à quelle heure"]},
]


async def test_an_amount_the_customer_names_is_the_one_on_their_record_not_another_article_s_fee(
        aiohttp_client: Any, app_factory: Any, tmp_path: Any) -> None:
    """A gym's member billed a 5 € no-show fee last week asks "pourquoi j'ai 5 euros en plus ?", whose words are
    nearest the rejected debit's 10 € fee: the 5 € is the record's no-show fee, told from the article it belongs
    with; a member with no such fee on the record, or who did not consent to personalisation, gets the nearest."""
    week_ago = (datetime.now(timezone.utc) - timedelta(days=7)).isoformat()
    client = await _with_record(
        aiohttp_client, app_factory, tmp_path,
        '[[event]]\ntype = "fee"\nwithin_days = 40\nmatch.kind = "no_show"\n'
        'documents = ["absence-cours"]\n'
        'say.fr = "Je vois des frais de {amount_eur} pour le cours {class_name} manqué le {date}."\n'
        'say.en = "I can see a fee of {amount_eur} for the {class_name} class missed on {date}."\n',
        GYM_FEES, "Léa Martin", {"lea": True, "luc": False},
        [{"type": "fee", "at": week_ago, "data": {"kind": "no_show", "amount_eur": 5, "class_name": "RPM"}}])
    asked = "pourquoi j'ai 5 euros en plus ?"
    plain = await say(client, await conversation(client, customer_id="luc"), asked)
    assert [s["document_id"] for s in plain["reply"]["sources"]][:1] != ["absence-cours"], plain["reply"]
    out = await say(client, await conversation(client, customer_id="lea"), asked)
    reply = out["reply"]
    assert reply["action"] == "answer" and reply["sources"][0]["document_id"] == "absence-cours", reply
    assert "frais de 5,00 € pour le cours RPM manqué" in reply["text"] and "10 €" not in reply["text"], reply["text"]
    # another amount than the record's: the nearest article, as for anyone
    other = await say(client, await conversation(client, customer_id="lea"), "pourquoi j'ai 10 euros en plus ?")
    assert other["reply"]["sources"][0]["document_id"] == "frais-rejet", other["reply"]


PARCEL_DOCS = [
    {"id": "absent", "title": "Absent lors de la livraison", "language": "fr",
     "text": "Si vous étiez absent, le livreur dépose un avis de passage et le colis part au point relais le plus "
             "proche le lendemain. Vous pouvez aussi choisir une nouvelle date dans Mes colis > Modifier la livraison.",
     "questions": ["j'étais absent à la livraison", "le livreur est passé et je n'étais pas là", "avis de passage"]},
    {"id": "suivi", "title": "Suivre un colis", "language": "fr",
     "text": "Suivez votre colis dans l'application, rubrique Mes colis, avec son numéro de suivi.",
     "questions": ["où est mon colis", "suivre mon colis", "numéro de suivi"]},
    {"id": "tarifs", "title": "Tarifs d'envoi", "language": "fr",
     "text": "Un colis jusqu'à 1 kg coûte 6,90 € en point relais et 8,90 € à domicile.",
     "questions": ["combien coûte un envoi", "tarif colis"]},
]


async def test_a_reference_the_customer_names_is_told_from_the_record_s_article(
        aiohttp_client: Any, app_factory: Any, tmp_path: Any) -> None:
    """"CC50044400 c'est normal ?" finds nothing sure: the record's delivery attempt that failed yesterday for that
    parcel is told, from the article its note belongs with."""
    yesterday = (datetime.now(timezone.utc) - timedelta(days=1)).isoformat()
    client = await _with_record(
        aiohttp_client, app_factory, tmp_path,
        '[[event]]\ntype = "delivery_failed"\nwithin_days = 14\ndocuments = ["absent"]\n'
        'say.fr = "Je vois que la livraison du colis {parcel_id} n\'a pas pu se faire le {date} : {why}."\n'
        'say.en = "I can see the parcel {parcel_id} could not be delivered on {date}: {why}."\n',
        PARCEL_DOCS, "Sarah Jones", {"sarah": True},
        [{"type": "delivery_failed", "at": yesterday,
          "data": {"parcel_id": "CC50044400", "why": "adresse incomplète"}}])
    out = await say(client, await conversation(client, customer_id="sarah"), "CC50044400 c'est normal ?")
    reply = out["reply"]
    assert reply["action"] == "answer" and reply["sources"][0]["document_id"] == "absent", reply
    assert "colis CC50044400 n'a pas pu se faire" in reply["text"] and "adresse incomplète" in reply["text"], reply


SHOP_DOCS = [
    {"id": "remboursements", "title": "Délais de remboursement", "language": "fr",
     "text": "Nous remboursons sous 5 jours ouvrés après la réception de votre retour, sur le moyen de paiement "
             "utilisé. Comptez ensuite 3 à 5 jours pour que votre banque l'affiche.",
     "questions": ["quand serai-je remboursé", "mon remboursement", "délai de remboursement",
                   "ma commande a été remboursée ?"]},
    {"id": "livraison", "title": "Délais de livraison", "language": "fr",
     "text": "Une commande est livrée en 2 à 4 jours ouvrés en France.",
     "questions": ["quand serai-je livré", "délai de livraison"]},
]


async def test_a_thing_named_after_the_record_s_answer_is_told_from_the_record(
        aiohttp_client: Any, app_factory: Any, tmp_path: Any) -> None:
    """"le téléphone a été remboursé ?" is told the phone's refund, then "et le casque ?" the headphones' (the article
    just given, of the other order the record holds), not "no reliable answer"; "vous avez remboursé le casque ?"
    after it is no "I haven't done anything on your account"."""
    now = datetime.now(timezone.utc)
    client = await _with_record(
        aiohttp_client, app_factory, tmp_path,
        '[[event]]\ntype = "refund_issued"\nwithin_days = 30\ndocuments = ["remboursements"]\n'
        'say.fr = "Je vois qu\'un remboursement de {amount_eur} a été émis le {date} pour votre commande {order_id} '
        '({product})."\n'
        'say.en = "I can see a refund of {amount_eur} issued on {date} for your order {order_id} ({product})."\n',
        SHOP_DOCS, "Camille Roux", {"camille": True},
        [{"type": "refund_issued", "at": (now - timedelta(days=4)).isoformat(),
          "data": {"order_id": "V-240402", "product": "Casque Sony WH-1000XM5", "amount_eur": 329}},
         {"type": "refund_issued", "at": (now - timedelta(days=1)).isoformat(),
          "data": {"order_id": "V-240398", "product": "Smartphone Google Pixel 8", "amount_eur": 699}}])
    conv = await conversation(client, customer_id="camille")
    first = await say(client, conv, "mon smartphone a été remboursé ?")
    assert "V-240398" in first["reply"]["text"], first["reply"]
    other = await say(client, conv, "et le casque ?")
    assert other["reply"]["action"] == "answer" and "329,00 €" in other["reply"]["text"], other["reply"]
    conv = await conversation(client, customer_id="camille")
    asked = await say(client, conv, "vous avez remboursé le casque ?")
    assert "329,00 €" in asked["reply"]["text"] and "rien fait" not in asked["reply"]["text"], asked["reply"]


async def test_what_the_record_places_is_answered_in_the_customer_s_language_and_cited_alone(
        aiohttp_client: Any, app_factory: Any) -> None:
    """The demo's Tom, abroad with roaming off: "also my phone has no internet here" is nearest the French
    data top-up article, which the record settles (events.toml: a trip with roaming off answers with roaming):
    answered in English from the roaming article, citing it and nothing else found as weakly; in French, the
    French one; "how much does it cost" then gives the zones' prices, not "at no extra cost"."""
    client = await aiohttp_client(app_factory(demo=True))
    conv = await conversation(client, customer_id="demo-tom-eriksen")
    out = await say(client, conv, "also my phone has no internet here")
    reply = out["reply"]
    assert reply["action"] == "answer", reply
    assert "(This article is in French.)" not in reply["text"] and "Si vous" not in reply["text"], reply["text"]
    assert [s["document_id"] for s in reply["sources"]] == ["roaming-en"], reply
    assert "roaming is switched off on your line" in reply["text"] and "Zone 2" in reply["text"], reply["text"]
    price = await say(client, conv, "how much does it cost")
    assert "€10 per day" in price["reply"]["text"] and "no extra cost" not in price["reply"]["text"], price["reply"]
    conv = await conversation(client, customer_id="demo-tom-eriksen", language="fr")
    out = await say(client, conv, "mon téléphone n'a plus internet au japon")
    assert [s["document_id"] for s in out["reply"]["sources"]] == ["roaming-fr"], out["reply"]
    # no signal, on a phone: the roaming steps and the cap, then the day's price
    conv = await conversation(client, customer_id="demo-tom-eriksen", channel="mobile")
    out = await say(client, conv, "hey im in tokyo and i have no signal")
    assert out["reply"]["sources"][0]["document_id"] == "roaming-en", out["reply"]
    price = await say(client, conv, "how much does it cost per day")
    assert "€10 per day" in price["reply"]["text"], price["reply"]
    # a figure by the day, whose subject alone (data) is the top-up's, which prices no day: roaming's day, in Tokyo
    conv = await conversation(client, customer_id="demo-tom-eriksen")
    await say(client, conv, "i'm in tokyo, does my phone work here?")
    price = await say(client, conv, "how much per day for data?")
    assert [s["document_id"] for s in price["reply"]["sources"]] == ["roaming-en"], price["reply"]
    assert "€10 per day" in price["reply"]["text"] and "no extra cost" not in price["reply"]["text"], price["reply"]
    # found weakly in scope (the French data top-up, 0.46): what the record answers, in English
    out = await say(client, await conversation(client, customer_id="demo-tom-eriksen"), "my phone has no internet")
    assert [s["document_id"] for s in out["reply"]["sources"]] == ["roaming-en"], out["reply"]
    assert "(This article is in French.)" not in out["reply"]["text"], out["reply"]


async def test_an_allergic_reaction_now_sends_for_help_first_and_a_payment_out_of_sight_is_said_so(
        aiohttp_client: Any, app_factory: Any) -> None:
    """"my son is having an allergic reaction, his lips are swelling": 112 first, a person at once, urgently; "has my
    direct debit gone through this month?" with nothing of it in the record: the bot says it cannot see payments,
    before the article (which alone reads as if it had not gone through); "sorry, can you answer in English? my wife
    doesn't read French" after a French answer: that answer in English, with no frustration acknowledged."""
    client = await aiohttp_client(app_factory(demo=True))
    out = await say(client, await conversation(client), "my son is having an allergic reaction, his lips are swelling")
    assert out["reply"]["text"].startswith("If anyone's hurt or in danger, call the emergency services first: 112."), (
        out["reply"])
    assert out["handoff"] is not None and out["reply"]["tone"]["urgency"] == "high", out
    paid = await say(client, await conversation(client), "has my direct debit gone through this month?")
    assert paid["reply"]["text"].startswith("I can't see your payments from this chat"), paid["reply"]
    conv = await conversation(client)
    await say(client, conv, "comment bloquer un prélèvement ?")
    again = (await say(client, conv, "sorry, can you answer in English? my wife doesn't read French"))["reply"]
    assert again["tone"]["language"] == "en" and again["tone"]["empathy"] == "none", again
    assert [s["document_id"] for s in again["sources"]][:1] == ["direct-debits"], again
    # a complaint handed over, and how long it takes asked with it: the complaints' time, meanwhile
    out = await say(client, await conversation(client, customer_id="demo-camille-laurent"),
                    "je veux faire une réclamation officielle, vous répondez sous combien de temps ?")
    assert out["handoff"] is not None and "10 jours ouvrés" in out["reply"]["text"], out


ALCOHOL = {"id": "alcohol", "language": "en", "title": "Alcohol delivery and ID checks",
           "text": "Alcohol is sold only to adults. France: you must be 18 or over for any alcohol. Belgium: 16 or "
                   "over for beer and wine, 18 or over for spirits. Riders check an ID with a photo at the door; if "
                   "you cannot show one, the alcohol is not handed over and is refunded as credit.",
           "questions": ["can you deliver alcohol", "do I need ID for beer", "how old do I have to be to order wine",
                         "rider asked for my ID", "can I order alcohol at midnight"]}


GUESTS = {"id": "guest-pass", "language": "en", "title": "Bringing a guest",
          "text": "With the Essential membership you can bring a guest twice a year; with the Premium option, once a "
                  "week. Create the invitation in the app (Home > Invite a friend): your guest receives a QR code "
                  "valid on the chosen day. Guests must be at least 16, show ID at reception and come during "
                  "staffed hours.",
          "questions": ["Can I bring a friend?", "How do I invite someone?", "Guest pass",
                        "Can my partner train with me?", "How many guest passes do I get?"]}


async def test_a_question_after_one_subject_offered_is_of_that_subject(aiohttp_client: Any, app_factory: Any) -> None:
    """"do you mean this? – Bringing a guest" (a gym's article beside the demo bank's), then "how many times can she
    come?": asked further of the one subject offered (nearest with the question before, under the bar), that article,
    not a miss handed to an advisor."""
    client = await aiohttp_client(app_factory(demo=True))
    await ingest(client, [GUESTS])
    conv = await conversation(client)
    first = (await say(client, conv, "my wife isn't a member, can she come?"))["reply"]
    assert first["action"] == "clarify" and [s["document_id"] for s in first["sources"]] == ["guest-pass"], first
    out = await say(client, conv, "how many times can she come?")
    assert out["handoff"] is None and out["reply"]["action"] == "answer", out
    assert "twice a year" in out["reply"]["text"], out["reply"]


async def test_an_elliptical_question_near_only_the_last_answer_is_asked_of_it(client: Any) -> None:
    """"and vodka?" after the ages for beer in Belgium: nothing found surely, and nothing near but that answer; its
    sentence closest in meaning, not "sorry that didn't sort it out" (nothing was said not to work)."""
    await ingest(client)
    await ingest(client, [ALCOHOL])
    conv = await conversation(client)
    await say(client, conv, "im 17 in brussels can i order beer?")
    out = (await say(client, conv, "and vodka?"))["reply"]
    assert out["action"] == "answer" and "18 or over for spirits" in out["text"], out
    assert "sort it out" not in out["text"], out


async def test_a_time_asked_of_it_is_the_time_of_what_it_is(aiohttp_client: Any, app_factory: Any) -> None:
    """"how long until it shows on my card?" after a card refund: alone it finds the card's delivery (0.66), read with
    the question before the delivery by a hair; "it" is the refund, and its article's time is when refunds appear,
    not a dispute's 90 days."""
    client = await aiohttp_client(app_factory(demo=True))
    conv = await conversation(client, customer_id="demo-james-whitfield")
    await say(client, conv, "how do I get a refund for something I bought with my card?")
    out = await say(client, conv, "how long until it shows on my card?")
    assert [s["document_id"] for s in out["reply"]["sources"]][:1] == ["refunds-chargeback"], out["reply"]
    assert "3 to 10 business days" in out["reply"]["text"] and "90 days" not in out["reply"]["text"], out["reply"]


async def test_a_figure_asked_as_typed_on_a_phone_comes_from_the_last_answer(
        aiohttp_client: Any, app_factory: Any) -> None:
    """"how long till she gets it" after sending money to Lagos (alone it finds number porting's "3 business
    days"): the international transfer's 2 to 5 days; "ca prend combien de temps" after raising a card limit: its
    48 hours, said with "tu" to Lucas ("fais une demande"); "r u a bot or a real person": what the bot is."""
    client = await aiohttp_client(app_factory(demo=True))
    conv = await conversation(client)
    await say(client, conv, "how do i send money to my mum in lagos")
    when = await say(client, conv, "how long till she gets it")
    assert when["reply"]["sources"][0]["document_id"] == "international-transfer", when["reply"]
    assert "2 to 5 business days" in when["reply"]["text"], when["reply"]
    conv = await conversation(client, customer_id="demo-lucas-moreau", channel="mobile")
    await say(client, conv, "salut comment je fais pour augmenter mon plafond de carte")
    limit = await say(client, conv, "ca prend combien de temps")
    assert "48 heures" in limit["reply"]["text"] and "faites" not in limit["reply"]["text"], limit["reply"]
    bot = await say(client, await conversation(client), "r u a bot or a real person")
    assert bot["handoff"] is None and "virtual assistant" in bot["reply"]["text"], bot
    # "j'ouvre" is a verb, not "ouvré" typed plain; "et c'est gratuit" without its question mark asks the price
    conv = await conversation(client, customer_id="demo-lucas-moreau", channel="mobile")
    opened = await say(client, conv, "comment j'ouvre un compte")
    assert opened["reply"]["sources"][0]["document_id"] == "ouvrir-un-compte", opened["reply"]
    free = await say(client, conv, "et c'est gratuit")
    assert "gratuit pour les moins de 26 ans" in free["reply"]["text"], free["reply"]
    # "and can i take the money out whenever": whether, so the sentence that says so, not the steps to open one
    conv = await conversation(client, customer_id="demo-james-whitfield")
    await say(client, conv, "what interest does the savings account pay")
    out = await say(client, conv, "and can i take the money out whenever")
    assert "available at any time" in out["reply"]["text"] and "To open one" not in out["reply"]["text"], out


async def test_a_cheerful_customer_asking_on_hears_no_frustration(aiohttp_client: Any, app_factory: Any) -> None:
    """The demo's Lucas, cheerful ("salut, je veux augmenter mon plafond de carte"), then plainly "et pour les
    retraits ?": his score falls from the bright side to about neutral, which is no frustration to acknowledge."""
    client = await aiohttp_client(app_factory(demo=True))
    conv = await conversation(client, customer_id="demo-lucas-moreau")
    first = await say(client, conv, "salut, je veux augmenter mon plafond de carte")
    assert first["reply"]["tone"]["empathy"] == "none", first["reply"]
    then = await say(client, conv, "et pour les retraits ?")
    assert then["reply"]["action"] == "answer" and then["reply"]["tone"]["empathy"] == "none", then["reply"]
    assert "frustr" not in then["reply"]["text"], then["reply"]["text"]


async def test_a_price_asked_of_a_subject_whose_article_gives_none_comes_from_the_article_that_does(
        aiohttp_client: Any, app_factory: Any) -> None:
    """"how much does it cost?" after "my transfer hasn't arrived" (the delays article names no fee): the fees
    article's sentence on transfers, not its monthly account fee nor "I don't know"; on a phone, "what about the
    fees for that" the same (a price no article gives of the subject stays not known: "et c'est gratuit ?" of the
    RIB, in test_follow_ups_typed_as_customers_type_them_stay_on_the_last_answer)."""
    client = await aiohttp_client(app_factory(demo=True))
    cost = (await reply_after(client, "my transfer hasnt arrived", "how much does it cost?", channel="web"))["reply"]
    assert cost["action"] == "answer" and cost["sources"][0]["document_id"] == "fees-pricing", cost
    assert "transfers cost €15" in cost["text"] and "€3 per month" not in cost["text"], cost["text"]
    fees = (await reply_after(client, "my transfer to my landlord hasnt arrived and its been 3 days",
                              "what about the fees for that", channel="mobile"))["reply"]
    assert fees["action"] == "answer" and "transfers cost €15" in fees["text"], fees


async def test_words_of_distress_that_lead_the_search_astray_are_read_past(aiohttp_client: Any,
                                                                        app_factory: Any) -> None:
    """The demo's Camille, premium: "je ne comprends jamais vos frais" ("jamais" pulls the fees article under the
    bar): the fees article, with her frustration acknowledged, rather than a premium customer's queue for want of
    an answer."""
    client = await aiohttp_client(app_factory(demo=True))
    conv = await conversation(client, customer_id="demo-camille-laurent")
    out = await say(client, conv, "je ne comprends jamais vos frais")
    reply = out["reply"]
    assert reply["action"] == "answer" and out["handoff"] is None, out
    assert reply["sources"][0]["document_id"] == "fees-pricing-fr", reply
    assert reply["tone"]["empathy"] != "none" and reply["tone"]["formality"] == "vous", reply["tone"]


async def test_amounts_places_and_a_worry_said_first_that_lead_the_search_astray_are_read_past(
        aiohttp_client: Any, app_factory: Any) -> None:
    """"im really worried, i sent 2000 euros to my landlord…" finds nothing sure as written (the figure and the
    worry pull it under the bar): the transfer that has not arrived; "going to new york next week for work" (the city
    does): travelling abroad with the card, then "will my phone work there?" roaming."""
    client = await aiohttp_client(app_factory(demo=True))
    late = (await reply_after(client, "im really worried, i sent 2000 euros to my landlord yesterday afternoon and "
                                      "he says he hasnt got it"))["reply"]
    assert late["action"] == "answer" and late["sources"][0]["document_id"] == "transfer-delays", late
    conv = await conversation(client, channel="mobile")
    trip = (await say(client, conv, "going to new york next week for work"))["reply"]
    assert trip["action"] == "answer" and trip["sources"][0]["document_id"] == "card-abroad-travel", trip
    phone = (await say(client, conv, "will my phone work there?"))["reply"]
    assert phone["action"] == "answer" and phone["sources"][0]["document_id"] == "roaming-en", phone


async def test_a_theft_without_the_app_is_told_the_number_to_call_at_once(aiohttp_client: Any,
                                                                          app_factory: Any) -> None:
    """On a phone, "card stolen and i cant get into the app": the short answer is the 24/7 line, not the app's steps,
    and urgent; in French too, the phone stolen with the bag."""
    client = await aiohttp_client(app_factory(demo=True))
    for text, language in (("card stolen and i cant get into the app, how do i block it", "en"),
                           ("on m'a volé mon sac avec ma carte et mon téléphone", "fr")):
        reply = (await reply_after(client, text, channel="mobile"))["reply"]
        assert reply["action"] == "answer" and reply["tone"]["urgency"] == "high", reply
        assert "+33 1 84 60 00 00" in reply["text"] and "Cards >" not in reply["text"], reply["text"]
        assert "Cartes >" not in reply["text"] and reply["tone"]["language"] == language, reply
    plain = (await reply_after(client, "my card was stolen, how do i block it", channel="mobile"))["reply"]
    assert "Report lost or stolen" in plain["text"], plain["text"]  # with the app at hand, its steps


async def test_a_new_card_s_delay_and_a_what_if_come_from_the_article_just_given(aiohttp_client: Any,
                                                                                app_factory: Any) -> None:
    """The demo's Lucas: "et elle arrive quand" after a stolen card is its "sous 5 jours ouvrés", not the
    emergency line "24 h/24" (always open is no delay); "et si je me suis trompé 3 fois ?" after a forgotten PIN
    (nothing alone) is the PIN article's "après trois codes erronés", not "no reliable answer"."""
    client = await aiohttp_client(app_factory(demo=True))
    lucas = "demo-lucas-moreau"
    when = (await reply_after(client, "on m'a vole ma carte dans le metro", "et elle arrive quand",
                              customer_id=lucas))["reply"]
    assert when["action"] == "answer" and "5 jours ouvrés" in when["text"] and "24 h/24" not in when["text"], when
    wrong = (await reply_after(client, "jai oublie mon code pin", "et si je me suis trompé 3 fois ?",
                               customer_id=lucas, channel="mobile"))["reply"]
    assert wrong["action"] == "answer" and "trois codes erronés" in wrong["text"], wrong
    assert wrong["sources"][0]["document_id"] == "code-pin-oublie", wrong


async def test_a_bare_price_question_stays_on_the_article_just_given_when_it_gives_one(
        aiohttp_client: Any, app_factory: Any) -> None:
    """The demo's Camille closing her account, then "Y a-t-il des frais ?": the closing article's "gratuite", not
    the whole price list that the three words alone find; "what are your fees?" after a password reset (an article
    with no price) is the price list."""
    client = await aiohttp_client(app_factory(demo=True))
    fees = (await reply_after(client, "Bonjour, je souhaite clôturer mon compte courant.", "Y a-t-il des frais ?",
                              customer_id="demo-camille-laurent"))["reply"]
    assert fees["action"] == "answer" and fees["sources"][0]["document_id"] == "close-account-fr", fees
    assert "gratuite" in fees["text"] and "Visa Premier 12 €" not in fees["text"], fees["text"]
    # as texted, and asked by its mark alone: "ya des frais ?" is "il y a des frais ?"
    texted = (await reply_after(client, "je veux fermer mon compte", "ya des frais ?", language="fr"))["reply"]
    assert texted["sources"][0]["document_id"] == "close-account-fr", texted
    assert "gratuite" in texted["text"] and "Visa Premier 12 €" not in texted["text"], texted["text"]
    listed = (await reply_after(client, "how do i reset my password", "what are your fees?"))["reply"]
    assert listed["action"] == "answer" and listed["sources"][0]["document_id"] == "fees-pricing", listed


async def test_a_formal_register_greets_by_title_and_last_name(aiohttp_client: Any, app_factory: Any) -> None:
    """James prefers the formal register and his record gives his title: "Mr Whitfield"; Camille: "Madame Laurent";
    Tom (informal): "Tom"; a formal customer with no title on record: the whole name, not the first alone."""
    client = await aiohttp_client(app_factory(demo=True))
    out = await reply_after(client, "Good evening", customer_id="demo-james-whitfield")
    assert "Mr Whitfield" in out["reply"]["text"], out["reply"]
    out = await reply_after(client, "comment bloquer ma carte", customer_id="demo-camille-laurent")
    assert out["reply"]["text"].startswith("Bonjour Madame Laurent."), out["reply"]
    # the title in the reply's language: "Bonjour Monsieur Whitfield", "Hello Ms Laurent"
    out = await reply_after(client, "comment bloquer ma carte ?", customer_id="demo-james-whitfield", language="fr")
    assert out["reply"]["text"].startswith("Bonjour Monsieur Whitfield."), out["reply"]
    out = await reply_after(client, "how do i block my card", customer_id="demo-camille-laurent", language="en")
    assert out["reply"]["text"].startswith("Hello Ms Laurent."), out["reply"]
    out = await reply_after(client, "how do i block my card", customer_id="demo-tom-eriksen")
    assert out["reply"]["text"].startswith("Hi Tom!"), out["reply"]
    # Camille says "tu": spoken to as she speaks, by her first name
    out = await reply_after(client, "salut, tu peux me dire comment bloquer ma carte ?",
                            customer_id="demo-camille-laurent")
    assert out["reply"]["text"].startswith("Salut Camille"), out["reply"]
    r = await client.put("/v1/customers/ann", json={"name": "Ann Lee", "tier": "premium", "consents": {
        "personalization": True}, "attributes": {"preferred_register": "formal", "title": ["not", "a", "title"]}},
        headers=h())
    assert r.status == 200, await r.text()
    out = await reply_after(client, "how do i block my card", customer_id="ann")
    assert out["reply"]["text"].startswith("Hello Ann Lee."), out["reply"]


async def test_the_register_mirrors_how_the_customer_speaks_to_the_bot(aiohttp_client: Any, app_factory: Any) -> None:
    """Lucas's profile says "tu", but "Bonjour, pourriez-vous m'indiquer…" is answered with "vous"; an anonymous
    "salut, tu peux me dire…" with "tu" (where the default is "vous"); and Lucas angry, still writing "tu", keeps it."""
    client = await aiohttp_client(app_factory(demo=True))
    formal = (await reply_after(client, "Bonjour, pourriez-vous m'indiquer comment changer de forfait ?",
                                customer_id="demo-lucas-moreau"))["reply"]
    assert formal["tone"]["formality"] == "vous" and "Salut" not in formal["text"], formal
    assert "allez dans" in formal["text"] and "va dans" not in formal["text"], formal["text"]
    casual = (await reply_after(client, "salut, tu peux me dire comment changer mon code pin ?"))["reply"]
    assert casual["tone"]["formality"] == "tu" and "tu: the customer says tu" in casual["tone"]["reasons"], casual
    angry = (await reply_after(client, "c'est n'importe quoi, tu peux m'expliquer pourquoi ma carte est refusée ??",
                               customer_id="demo-lucas-moreau"))["reply"]
    assert angry["tone"]["formality"] == "tu", angry["tone"]


async def test_a_question_after_a_word_of_courtesy_or_a_switch_turned_on_is_answered_as_asked(
        aiohttp_client: Any, app_factory: Any) -> None:
    """"ok im on my phone now. how long does it take?" after porting a number is its "within 3 business days", not a
    clarification; the demo's Tom, whose record holds a hotel payment declined with payments abroad off: "ok i turned
    on payments abroad. do i pay extra for withdrawing yen from an ATM?" is not told to switch them on, and hears the
    fee abroad; nor, after "i turned on roaming", is he told roaming is off."""
    client = await aiohttp_client(app_factory(demo=True))
    porting = (await reply_after(client, "how do I switch my number to nordvik",
                                 "ok im on my phone now. how long does it take?"))["reply"]
    assert porting["action"] == "answer" and "3 business days" in porting["text"], porting
    assert "RIO code" not in porting["text"], porting["text"]
    fee = (await reply_after(client, "ok i turned on payments abroad. do i pay extra for withdrawing yen from an ATM?",
                             customer_id="demo-tom-eriksen"))["reply"]
    assert "€2 plus 1.5%" in fee["text"] and "switched off" not in fee["text"], fee["text"]
    assert "About your question" not in fee["text"], fee["text"]
    roaming = (await reply_after(client, "i turned on roaming", "my phone has no internet in japan",
                                 customer_id="demo-tom-eriksen", channel="mobile"))["reply"]
    assert roaming["sources"][0]["document_id"] == "roaming-en" and "switched off" not in roaming["text"], roaming


async def test_the_amount_a_customer_names_finds_the_article_that_names_it(aiohttp_client: Any,
                                                                           app_factory: Any) -> None:
    """"pourquoi j'ai 8 € de frais sur mon compte": a blocked account is found first (0.48), the overdraft's "8 € par
    opération" just behind (0.43): the overdraft's fee, not the blocked account nor a choice between the two."""
    client = await aiohttp_client(app_factory(demo=True))
    fee = (await reply_after(client, "pourquoi j'ai 8 € de frais sur mon compte", channel="mobile"))["reply"]
    assert fee["action"] == "answer" and fee["sources"][0]["document_id"] == "decouvert", fee
    assert "8 € par opération" in fee["text"], fee["text"]


async def test_a_balance_asked_for_is_told_to_be_out_of_the_bot_s_sight(aiohttp_client: Any, app_factory: Any) -> None:
    """"what's my current balance?": the bot cannot see accounts, and says where the balance is, rather than an
    article guessed at or "I don't have a good answer"."""
    client = await aiohttp_client(app_factory(demo=True))
    balance = (await reply_after(client, "what's my current balance?"))["reply"]
    assert balance["action"] == "clarify" and not balance["sources"], balance
    assert "can't see your accounts" in balance["text"] and "Accounts screen" in balance["text"], balance["text"]
    # and with the demo, the demo company's fraud line
    out = await reply_after(client, "someone is using my card, I see payments I did not make")
    assert "+33 1 84 60 00 00" in out["reply"]["text"], out["reply"]["text"]


async def test_the_bot_says_it_cannot_act_on_the_account_and_how_the_customer_does(aiohttp_client: Any,
                                                                                    app_factory: Any) -> None:
    """"can you block it for me?" after a stolen card: it cannot, and the steps; "vous avez bien bloqué ma carte ?": it
    did nothing, and the stolen card's steps again, not the freeze article's "geler temporairement"."""
    client = await aiohttp_client(app_factory(demo=True))
    act = (await reply_after(client, "my card was stolen", "can you block it for me?"))["reply"]
    assert "can't do that for you" in act["text"] or "not able to do this for you" in act["text"], act["text"]
    assert "Report lost or stolen" in act["text"], act["text"]
    done = (await reply_after(client, "on m'a volé ma carte", "vous avez bien bloqué ma carte ?",
                              customer_id="demo-camille-laurent", channel="mobile"))["reply"]
    assert done["sources"][0]["document_id"] == "lost-stolen-card-fr", done
    assert "Je n'ai rien fait sur votre compte" in done["text"] and "geler" not in done["text"], done["text"]


async def test_two_questions_set_in_one_scene_are_both_answered(aiohttp_client: Any, app_factory: Any) -> None:
    """"Hello. I'm flying to Toronto on Friday. Will my phone work there, and will my card?": roaming and the card
    abroad, each; in French too ("…New York… ma carte… et est-ce que mon forfait marchera ?": not changing plans)."""
    client = await aiohttp_client(app_factory(demo=True))
    both = (await reply_after(client, "Hello. I'm flying to Toronto on Friday. Will my phone work there, and will my "
                                      "card?"))["reply"]
    assert {s["document_id"] for s in both["sources"]} == {"roaming-en", "card-abroad-travel"}, both
    fr = (await reply_after(client, "Bonjour, je pars à New York la semaine prochaine. Est-ce que ma carte "
                                    "fonctionnera là-bas et est-ce que mon forfait marchera ?", language="fr"))["reply"]
    assert {s["document_id"] for s in fr["sources"]} == {"card-abroad-travel-fr", "roaming-fr"}, fr


async def test_a_correction_within_the_article_just_given_is_its_sentence_about_what_was_meant(
        aiohttp_client: Any, app_factory: Any) -> None:
    """"no I meant a permanent increase, not temporary" after raising a card limit: the permanent request's 48 hours,
    not the temporary raise again; "I meant the interest on the overdraft, not how to get one": its 14.9 % ("interest"
    is not "intervention")."""
    client = await aiohttp_client(app_factory(demo=True))
    limit = (await reply_after(client, "how do I raise my card limit?", "no I meant a permanent increase, not temporary",
                               channel="mobile"))["reply"]
    assert "48 hours" in limit["text"] and "temporarily" not in limit["text"], limit["text"]
    rate = (await reply_after(client, "What is the interest rate on the savings account?", "And the overdraft?",
                              "no sorry, I meant the interest on the overdraft, not how to get one"))["reply"]
    assert "14.9%" in rate["text"], rate["text"]


async def test_another_thing_named_alone_is_the_question_before_asked_of_it(aiohttp_client: Any,
                                                                            app_factory: Any) -> None:
    """"and my phone?" after "I'm in Spain right now. will my card work?" and "any fees?": the phone in the EU, not
    Apple Pay, which "my phone" alone finds; "Je suis en Italie, ma carte va marcher ?" is the card abroad, not the
    lost card found weakly as written."""
    client = await aiohttp_client(app_factory(demo=True))
    phone = (await reply_after(client, "I'm in Spain right now. will my card work?", "any fees?", "and my phone?",
                               channel="mobile"))["reply"]
    assert phone["sources"][0]["document_id"] == "roaming-en" and "EU and EEA" in phone["text"], phone
    italy = (await reply_after(client, "Je suis en Italie, ma carte va marcher ?", channel="mobile"))["reply"]
    assert italy["sources"][0]["document_id"] == "card-abroad-travel-fr", italy


def _james_ticket_day() -> str:
    """The day James's open ticket is dated, as the demo moves its events to the day it is loaded (``as_of_now``):
    "26 November" on 5 December, "27 November" the day after."""
    from assistant.demo import as_of_now
    from assistant.record import MONTHS

    customers = json.loads((DEMO_KNOWLEDGE.parent / "customers.json").read_text(encoding="utf-8"))["customers"]
    as_of_now(customers, datetime.now(timezone.utc))
    james = next(c for c in customers if c["id"] == "demo-james-whitfield")
    at = next(e["at"] for e in james["events"] if e["type"] == "ticket")
    return f"{at.day} {MONTHS['en'][at.month - 1]}"


async def test_which_product_the_customer_holds_is_told_from_the_profile(aiohttp_client: Any, app_factory: Any) -> None:
    """"c'est quoi mon forfait actuel déjà ?" from Lucas (20 GB plan, consent given): his plan, not the list of plans;
    Sarah, who gave no consent, is told the bot cannot see it."""
    client = await aiohttp_client(app_factory(demo=True))
    plan = (await reply_after(client, "c'est quoi mon forfait actuel déjà ?", customer_id="demo-lucas-moreau",
                              channel="mobile"))["reply"]
    assert "Tu as le forfait 20 Go" in plan["text"], plan["text"]
    unseen = (await reply_after(client, "what card do i have?", customer_id="demo-sarah-okafor"))["reply"]
    assert "can't see your products" in unseen["text"] and "Visa" not in unseen["text"], unseen["text"]
    # all of them, each as the customer calls it in their language
    held = (await reply_after(client, "au fait quels produits j'ai chez vous ?", customer_id="demo-camille-laurent"))
    assert ("vous avez un compte courant, une carte Visa Premier, un livret d'épargne, le forfait 80 Go et une "
            "assurance voyage") in held["reply"]["text"], held["reply"]
    assert held["reply"]["sources"] == [], held["reply"]
    # asked for her policy: the insurance she holds, not her mobile plan
    policy = (await reply_after(client, "what policy do I have?", customer_id="demo-camille-laurent"))["reply"]
    assert "assurance voyage" in policy["text"] or "travel insurance" in policy["text"], policy["text"]
    assert "80" not in policy["text"], policy["text"]
    # whether they hold a thing: yes, the one held; one of another kind's name, what they hold of that kind; none of
    # that kind, not among what the profile lists; without consent, out of sight; a thing held for the knowledge
    said = {asked: (await reply_after(client, asked, customer_id=who))["reply"] for asked, who in (
        ("do I have travel insurance?", "demo-james-whitfield"), ("am I on the unlimited plan?", "demo-tom-eriksen"),
        ("est-ce que j'ai une assurance voyage ?", "demo-lucas-moreau"),
        ("do I have to pay for a new card?", "demo-tom-eriksen"))}
    assert "Yes, it is on your profile: travel insurance" in said["do I have travel insurance?"]["text"], said
    assert "You have the 20 GB plan" in said["am I on the unlimited plan?"]["text"], said
    assert ("Je ne vois pas d'assurance voyage sur ton profil : il compte un compte courant, une carte Visa Classic et "
            "le forfait 20 Go") in said["est-ce que j'ai une assurance voyage ?"]["text"], said
    sarah = (await reply_after(client, "do I have travel insurance?", customer_id="demo-sarah-okafor"))["reply"]
    assert "can't see your products" in sarah["text"], sarah
    assert said["do I have to pay for a new card?"]["sources"] and "profile" not in said[
        "do I have to pay for a new card?"]["text"], said
    # another company's product codes, said as words ("habitation-confort": "habitation confort")
    r = await client.put("/v1/customers/marie", headers=h(), json={
        "name": "Marie Dupont", "language": "fr", "products": ["habitation-confort", "electricite_verte"],
        "consents": {"personalization": True, "marketing": False}})
    assert r.status == 200, await r.text()
    held = (await reply_after(client, "quels sont mes produits ?", customer_id="marie"))["reply"]
    assert "habitation confort et electricite verte" in held["text"], held["text"]
    # a figure or a status of their file asked by its name: from its attributes, with consent; without, not guessed
    for cid, consent in (("paul", True), ("zoe", False)):
        r = await client.put(f"/v1/customers/{cid}", headers=h(), json={
            "name": "Paul Durand", "language": "en", "tier": "platinum",
            "attributes": {"loyalty_points": 96200}, "consents": {"personalization": consent, "marketing": False}})
        assert r.status == 200, await r.text()
        points = (await reply_after(client, "how many points do I have?", customer_id=cid))["reply"]
        tier = (await reply_after(client, "what tier am I on?", customer_id=cid))["reply"]
        assert ("96,200" in points["text"] and "platinum" in tier["text"]) if consent else (
            "96" not in points["text"] and "platinum" not in tier["text"]), (cid, points, tier)
        combien = (await reply_after(client, "combien j'ai de points ?", customer_id=cid, language="fr"))["reply"]
        assert ("96" in combien["text"]) == consent, combien
        moment = (await reply_after(client, "How many points do I have at the moment?", customer_id=cid))["reply"]
        assert ("96,200" in moment["text"]) == consent, moment
        # without consent, out of sight, said so (not the programme's article, as if it were theirs)
        assert consent or ("can't see" in moment["text"] and not moment["sources"]), moment
    # and asked for their plan in their company's words ("ma formule"), what they hold that is no card
    member = (await reply_after(client, "c'est quoi ma formule ?", customer_id="marie"))["reply"]
    assert "habitation confort" in member["text"] and not member["sources"], member
    # their requests: James's open ticket from the record, and a "yes" takes the advisor offered; Camille has none
    # open; Sarah gave no consent
    conv = await conversation(client, customer_id="demo-james-whitfield")
    asked = (await say(client, conv, "do i have any open requests with you"))["reply"]
    opened = _james_ticket_day()
    assert opened in asked["text"] and "GBP transfer" in asked["text"] and asked["sources"] == [], asked
    assert (await say(client, conv, "yes please"))["handoff"]["reason"] == "human_request"
    none = (await reply_after(client, "où en est ma demande ?", customer_id="demo-camille-laurent"))["reply"]
    assert "aucune demande en cours" in none["text"], none["text"]
    unseen = (await reply_after(client, "whats the status of my complaint", customer_id="demo-sarah-okafor"))["reply"]
    assert "can't see your requests" in unseen["text"], unseen["text"]
    # who their advisor is: the profile's, not a request for a person; a "yes" then asks for one
    conv = await conversation(client, customer_id="demo-camille-laurent")
    who = await say(client, conv, "bonjour mon conseiller c est qui ?")
    assert who["handoff"] is None and "Hélène Marchand" in who["reply"]["text"], who
    assert (await say(client, conv, "oui"))["handoff"]["reason"] == "human_request"
    # and asked again while waiting for one: the name, then the wait (no offer of the advisor on the way)
    waiting = (await say(client, conv, "Mon conseiller c'est qui deja ?"))["reply"]
    assert waiting["action"] == "handoff_wait" and waiting["text"].startswith("Votre conseill"), waiting
    assert "Hélène Marchand" in waiting["text"] and "oui" not in waiting["text"], waiting
    # asked as customers ask, greeted first, in either language
    held = (await reply_after(client, "Bonjour, quels sont mes produits ?", customer_id="demo-camille-laurent"))
    assert "carte Visa Premier" in held["reply"]["text"] and held["handoff"] is None, held["reply"]
    where = (await reply_after(client, "my request from last week, where is it?",
                               customer_id="demo-james-whitfield"))["reply"]
    assert opened in where["text"] and where["sources"] == [], where
    # since when they are one: the profile's day, with consent; out of sight without it
    since = (await reply_after(client, "et je suis cliente depuis quand ?", customer_id="demo-camille-laurent"))
    assert "depuis le 12 mars 2014" in since["reply"]["text"] and since["reply"]["sources"] == [], since["reply"]
    # "oui" to the closing question that follows: what with, not "no reliable answer"
    conv = await conversation(client, customer_id="demo-camille-laurent")
    await say(client, conv, "quels sont mes produits ?")
    yes = (await say(client, conv, "oui"))["reply"]
    assert yes["action"] == "clarify" and "fiable" not in yes["text"] and yes["sources"] == [], yes
    since = (await reply_after(client, "how long have i been a customer", customer_id="demo-sarah-okafor"))
    assert "can't see" in since["reply"]["text"] and "20" not in since["reply"]["text"], since["reply"]


async def test_a_country_no_sentence_names_after_a_price_is_the_rest_of_the_world(aiohttp_client: Any,
                                                                                   app_factory: Any) -> None:
    """"and in Japan?" after the roaming price in the US: the zones' sentence (Zone 2, rest of the world), not
    "rephrase" nor the card abroad that "abroad" alone finds."""
    client = await aiohttp_client(app_factory(demo=True))
    japan = (await reply_after(client, "what's the roaming price in the US?", "and in Japan?",
                               channel="mobile"))["reply"]
    assert japan["sources"][0]["document_id"] == "roaming-en" and "Zone 2 (rest of the world)" in japan["text"], japan


async def test_the_register_raised_for_an_upset_customer_holds_outside_the_turns(aiohttp_client: Any,
                                                                                app_factory: Any) -> None:
    """Lucas (a student spoken to with "tu"), angry, is answered with "vous"; the welcome when he comes back on
    another channel keeps "vous" too, rather than "tu" between two replies in "vous"."""
    client = await aiohttp_client(app_factory(demo=True))
    conv = await conversation(client, customer_id="demo-lucas-moreau")
    calm = await say(client, conv, "salut comment je fais pour augmenter mon plafond de carte")
    assert calm["reply"]["tone"]["formality"] == "tu", calm["reply"]
    angry = await say(client, conv, "putain ca fait 3 fois que ma carte est refusée c'est n'importe quoi votre banque")
    assert angry["reply"]["tone"]["formality"] == "vous", angry["reply"]
    r = await client.post("/v1/conversations/resume", json={"resume_token": conv["resume_token"], "channel": "mobile"})
    welcome = (await r.json())["welcome"]
    assert r.status == 200 and "Bon retour parmi nous" in welcome, welcome


async def test_thanks_that_mean_the_opposite_are_heard_as_displeasure(aiohttp_client: Any, app_factory: Any) -> None:
    """"Brilliant, thanks for nothing." (the sentiment head hears +0.4) and, right after "I have no reliable answer",
    "super, merci pour cette réponse vraiment très utile": displeasure, no "you're welcome"; the same praise after an
    answer is thanks, and so is a plain "super merci" after the miss."""
    client = await aiohttp_client(app_factory(demo=True))
    for first, then in (("what is the recipe for apple pie?", "Brilliant, thanks for nothing."),
                        ("quelle est la recette de la tarte tatin ?",
                         "super, merci pour cette réponse vraiment très utile")):
        out = await reply_after(client, first, then)
        assert out["sentiment"]["label"] == "negative", out
        assert out["reply"]["action"] == "escalate" and "plaisir" not in out["reply"]["text"], out["reply"]
    out = await reply_after(client, "comment faire opposition sur ma carte ?", "merci pour cette réponse très utile")
    assert out["sentiment"]["label"] != "negative" and "plaisir" in out["reply"]["text"], out
    # the courtesy of a customer who gives up ("super merci", "great, thank you") is no sarcasm: thanked, not queued
    for first, then in (("what is the recipe for apple pie?", "great, thank you"),
                        ("quelle est la recette de la tarte tatin ?", "super merci")):
        out = await reply_after(client, first, then)
        assert out["sentiment"]["label"] != "negative" and out["handoff"] is None, out
        assert out["reply"]["action"] != "escalate" and "frustr" not in out["reply"]["text"], out["reply"]


_EMERGENCIES = (
    "Power cuts and gas emergencies\n\nIf you smell gas\n\nIf you smell gas, act straight away: do not use any "
    "electrical switch, do not light a flame, do not use your phone inside the home. Open windows and doors, turn off "
    "the gas at the meter if you can, leave the building and call the gas emergency line on 0 800 47 33 33 (free, 24 "
    "hours a day, 7 days a week). We cannot send a technician for a gas leak: only the emergency line can.\n\n"
    "If your power is off\n\nFirst check whether your neighbours have power. If only your home is affected, check "
    "your circuit breaker and the fuse box: a tripped breaker is the most common cause. Reset it by pushing it back "
    "up. If the whole street is off, it is a network fault: call the breakdown service on 09 72 67 50 00, available "
    "24/7. You can also follow the outage on the network operator's map.\n\n"
    "Compensation for long outages\n\nIf a network outage lasts more than 5 hours in a row, you are entitled to "
    "automatic compensation of 20 euros per 5-hour period, paid by the network operator through your bill. You don't "
    "need to claim it. We are your supplier, not the network operator: we cannot restore power ourselves.\n\n"
    "Vulnerable customers and medical equipment\n\nIf someone in your home depends on electrical medical equipment "
    "(oxygen, dialysis), tell us so that you are registered as a priority customer with the network operator. In an "
    "emergency with a person at risk, call 15 (SAMU) or 112.")


async def test_a_danger_told_gets_every_step_of_its_own_section_at_once(client: Any) -> None:
    """An energy supplier's one English article on power cuts and gas, in sections: "odeur de gaz dans l immeuble !!!"
    (upset, short replies) gets the whole gas section with its number, its heading said once; someone on oxygen in a
    power cut gets the medical equipment's section (112), urgently and without "sorry for the trouble"; a gas smell
    told in French that only comes near the English article is answered from it, not asked "do you mean…?"."""
    await ingest(client)
    await ingest(client, [{"id": "power-gas", "title": "Power cuts and gas emergencies", "language": "en",
                           "text": _EMERGENCIES, "questions": ["I can smell gas", "Who do I call for a gas leak?",
                                                               "There is a power cut in my street", "My power went off"]}])
    out = await reply_after(client, "odeur de gaz dans l immeuble !!!")
    text = out["reply"]["text"]
    assert out["reply"]["tone"]["urgency"] == "high" and out["reply"]["tone"]["brevity"] == "full", out["reply"]
    assert "leave the building" in text and "0 800 47 33 33" in text and "If you smell gas. If you smell" not in text, text
    out = await reply_after(client, "my dad is on oxygen at home and we have a power cut, im scared")
    text = out["reply"]["text"]
    assert "112" in text and "circuit breaker" not in text and "sorry" not in text.lower(), text
    assert out["reply"]["tone"]["urgency"] == "high", out["reply"]
    out = await reply_after(client, "ça sent le gaz dans ma cuisine qu est ce que je fais")
    assert out["reply"]["action"] == "answer" and "0 800 47 33 33" in out["reply"]["text"], out["reply"]


_ACCIDENT = {"id": "accident-scene", "title": "At the scene of a car accident: what to do now", "language": "en",
             "text": "If you have just had an accident, first make the scene safe: switch on your hazard lights and "
                     "place the warning triangle 30 metres behind the car. If anyone is injured, call 112 before "
                     "anything else. If your car cannot be driven, call our assistance on 0800 25 24 24. Fill in the "
                     "accident statement with the other driver and take photos of both cars. Then declare the claim "
                     "within 5 working days.",
             "questions": ["I just had a car accident", "What do I do after an accident?", "accident de voiture"]}


async def test_someone_hurt_in_an_accident_hears_the_article_then_a_person_first_in_the_queue(client: Any) -> None:
    """"accident now on A7 near Valence, my wife is bleeding, car on its side" (near the accident article alone, 0.46),
    "je viens d'avoir un accident, il y a un blessé, je fais quoi ??": the article whole (112 first of all), urgently,
    without "sorry for the trouble", and a person at once, first in the queue (before a furious premium customer)."""
    await ingest(client, [_ACCIDENT])
    for text, language in (("accident now on A7 near Valence, my wife is bleeding, car on its side", "en"),
                           ("je viens d'avoir un accident sur l'autoroute, il y a un blessé, je fais quoi ??", "fr")):
        conv = await conversation(client, language=language)
        out = await say(client, conv, text)
        reply = out["reply"]
        # handed over at once, the article whole first, 112 first of all: a person stays with someone hurt
        assert reply["action"] == "escalate" and "call 112" in reply["text"], (text, reply)
        assert out["handoff"]["reason"] == "sensitive_topic", out
        assert "0800 25 24 24" in reply["text"] and reply["text"].index("112") < reply["text"].index("0800"), reply
        assert reply["tone"]["urgency"] == "high" and "sorry" not in reply["text"].lower(), reply
        assert "désolé" not in reply["text"] and "désagrément" not in reply["text"], reply["text"]
    # hurt, near an article that names no emergency number: the emergency services said first
    await ingest(client, [{"id": "stolen-phone", "title": "Téléphone perdu ou volé", "language": "fr",
                           "text": "En cas de perte ou de vol, bloquez votre ligne depuis l'application ou au 3270, "
                                   "puis portez plainte.", "questions": ["on m'a volé mon téléphone"]}])
    hurt = await reply_after(client, "je me suis fait agresser et on m'a arraché mon telephone, je suis blessé à "
                                     "la main", language="fr")
    assert "112" in hurt["reply"]["text"] and "3270" in hurt["reply"]["text"], hurt["reply"]
    # hurt, and nothing near enough to answer: the emergency services all the same, before "could you rephrase?"
    await client.delete("/v1/knowledge/documents/accident-scene", headers=h())
    lost = await reply_after(client, "mon fils de 6 ans est tombé de la piscine il saigne beaucoup de la tete on est "
                                     "a malaga aidez moi", language="fr")
    assert lost["reply"]["text"].startswith("Si quelqu'un est blessé ou en danger, appelez d'abord les secours"), (
        lost["reply"])
    out = await say(client, conv, "je veux parler à quelqu'un")
    assert out["handoff"] is not None, out
    agent = await token(client, "agent-ann", "agent")
    queue = (await (await client.get("/v1/handoffs?status=waiting", headers=h(agent))).json())["handoffs"]
    assert queue[0]["priority"] >= 7.0, queue  # [priority] emergency: beside a customer in danger


async def test_a_customer_s_follow_up_of_an_article_in_sections_by_country_is_their_country_s(client: Any) -> None:
    """A customer living in Belgium asks "are you open on saturdays?" after the contact article, in sections by
    country: Belgium's hours, not France's first; without consent, nothing of where they live is read."""
    await ingest(client, [{"id": "contact", "title": "Contact us", "language": "en", "text": (
        "Our customer service answers by chat and by phone. France: 01 84 88 20 20, Monday to Friday 9 am to 7 pm and "
        "Saturday 10 am to 5 pm. Belgium: +32 2 808 45 00, Monday to Friday 9 am to 6 pm. United Kingdom: 020 3885 "
        "0220, Monday to Friday 9 am to 5.30 pm. You can also write to us through the contact form."),
        "questions": ["How can I contact you?", "What is your phone number?", "What are your opening hours?"]}])
    for cid, consent in (("marc", True), ("anne", False)):
        await customer(client, cid, name="Marc Peeters", language="en", attributes={"country": "BE"},
                       consents={"personalization": consent, "marketing": False})
        out = await reply_after(client, "how can I contact you?", "are you open on saturdays?", customer_id=cid)
        text = out["reply"]["text"]
        assert ("+32 2 808 45 00" in text and "01 84 88" not in text) if consent else "01 84 88" in text, (cid, text)
    # asked first on a phone (a short answer), of an article whose sections are France's and Belgium's: Belgium's,
    # not France's for the zone both are in
    await ingest(client, [{"id": "notice", "title": "Préavis : quitter son logement", "language": "fr", "text": (
        "Pour quitter votre logement, envoyez votre congé par lettre recommandée ou par votre espace locataire.\n\n"
        "France : le préavis est de 1 mois en zone tendue, en résidence étudiante et pour une mutation "
        "professionnelle, une perte d'emploi ou un premier emploi ; il est de 3 mois dans les autres cas. Il court à "
        "partir de la réception du congé.\n\nBelgique : le préavis est de 3 mois et commence le premier jour du mois "
        "qui suit son envoi. Pendant les trois premières années d'un bail de 9 ans, une indemnité est due."),
        "questions": ["c'est quoi le préavis ?", "combien de temps de préavis pour partir ?"]}])
    notice = (await reply_after(client, "bonjour je veux quitter mon logement c quoi le preavis ?",
                                customer_id="marc", language="fr", channel="mobile"))["reply"]
    assert "Belgique : le préavis est de 3 mois" in notice["text"], notice
    assert "zone tendue" not in notice["text"], notice


_RECALL = {"id": "recall-lamp", "title": "Safety recall: Celeste desk lamp", "language": "en",
           "text": "We are recalling the Celeste desk lamp: its power supply can overheat and cause an electric shock "
                   "or a fire. Stop using the lamp immediately and unplug it. We refund you in full (€89).",
           "questions": ["is my lamp part of the recall?", "Celeste lamp recall", "my desk lamp is overheating"]}


async def test_someone_hurt_by_a_product_or_a_fire_now_is_met_with_help_first(client: Any) -> None:
    """"the celeste lamp shocked me and now my arm is numb": the emergency services first and a person at once; burned
    by it yesterday: sorry, a doctor, a person (the topic "injury"); "my lamp is on fire, smoke
    everywhere": out and the fire brigade first; "I'm going to the newspapers": a person, a threat."""
    await ingest(client, [_RECALL])
    now = await reply_after(client, "the celeste lamp shocked me and now my arm is numb and my chest hurts")
    assert now["reply"]["text"].startswith("If anyone is hurt or in danger, call the emergency services first: 112"), (
        now["reply"])
    assert now["handoff"] is not None and now["handoff"]["reason"] == "sensitive_topic", now
    before = await reply_after(client, "the lamp burned my hand yesterday, I want to talk to someone")
    assert before["handoff"] is not None and "a doctor" in before["reply"]["text"], before
    assert "112" not in before["reply"]["text"], before["reply"]
    agent = await token(client, "agent-ann", "agent")
    r = await client.get(f"/v1/handoffs/{before['handoff']['id']}", headers=h(agent))
    assert (await r.json())["evidence"]["topic"] == "injury"
    fire = await reply_after(client, "my celeste lamp is on fire, there's smoke everywhere")
    assert "get everyone out and call the fire brigade" in fire["reply"]["text"], fire["reply"]
    # an alarm going off, nothing near: out first, then an advisor, not "say it another way"
    alarm = (await reply_after(client, "the fire alarm is going off in my building, what do I do"))["reply"]
    assert alarm["text"].startswith("If there") and "another way" not in alarm["text"], alarm
    press = await reply_after(client, "3 weeks and no refund, I'm going to the newspapers and posting it everywhere on "
                                      "twitter")
    assert press["handoff"] is not None and press["handoff"]["reason"] == "sensitive_topic", press


async def test_someone_collapsing_is_never_answered_from_an_article_that_is_not_about_it(client: Any) -> None:
    """"mon mari a fait un malaise il est par terre" at an insurer whose nearest article is the funeral allowance:
    the emergency services first and an advisor at once (first in the queue), never the allowance; the same told
    in English, and asked of /v1/analyze, is the topic "emergency"."""
    await ingest(client, [{"id": "deces", "title": "Décès d'un adhérent", "language": "fr",
                           "text": "En cas de décès de l'adhérent principal, Mutualis verse une allocation obsèques de "
                                   "1 000 € au conjoint sur présentation de l'acte de décès.",
                           "questions": ["mon mari est décédé", "que se passe-t-il en cas de décès ?",
                                         "allocation obsèques"]}])
    for text, language in (("mon mari a fait un malaise il est par terre", "fr"),
                           ("my husband collapsed and is not breathing", "en")):
        out = await reply_after(client, text, language=language)
        reply = out["reply"]
        assert reply["action"] == "escalate" and out["handoff"]["reason"] == "sensitive_topic", out
        assert reply["text"].startswith(("Si quelqu'un est blessé", "If anyone is hurt")), reply["text"]
        assert "obsèques" not in reply["text"] and "1 000" not in reply["text"] and not reply["sources"], reply
    agent = await token(client, "agent-ann", "agent")
    queue = (await (await client.get("/v1/handoffs?status=waiting", headers=h(agent))).json())["handoffs"]
    assert queue[0]["priority"] >= 7.0, queue
    r = await client.post("/v1/analyze", json={"text": "she fainted and is not responding"}, headers=h())
    assert (await r.json())["sensitive_topic"] == "emergency"
    # taken ill, not now: an illness (sympathy), not an injury ("sorry about this injury, see a doctor")
    r = await client.post("/v1/analyze", json={"text": "mon mari a fait un malaise pendant le vol d'hier, il est "
                                                       "hospitalisé"}, headers=h())
    assert (await r.json())["sensitive_topic"] == "illness"


_POWER_CUT = {"id": "power-cut", "title": "Power cut or electricity failure", "language": "en", "text": (
    "We sell electricity, but the grid operator runs the cables and the repairs, day and night.\n\n"
    "Check at home first:\n\nSee whether your neighbours have a power cut too. If only your home is affected, check "
    "your main circuit breaker next to the meter.\n\n"
    "Call the breakdown line:\n\nIf the breaker won't reset or the whole area is out, call the breakdown line on "
    "09 72 67 50 followed by the two digits of your department.\n\n"
    "Danger:\n\nIf a cable is down or an installation looks dangerous (sparks, smoke), keep away and call the fire "
    "brigade on 18 or 112.\n\n"
    "Cut for non-payment:\n\nIf you received a reminder and your power was reduced or cut, contact us quickly."),
    "questions": ["I have no power, what do I do?", "power cut in the whole street", "who do I call for a power cut?"]}
_GAS = {"id": "gaz", "title": "Odeur de gaz", "language": "fr", "text": (
    "Si vous sentez une odeur de gaz, agissez tout de suite :\n\n1. Ne touchez à aucun interrupteur, n'allumez pas de "
    "flamme.\n2. Fermez le robinet de gaz au compteur.\n3. Ouvrez les fenêtres et sortez du logement.\n4. Une fois "
    "dehors, appelez Urgence Sécurité Gaz au 0 800 47 33 33.\n\nEn cas de danger immédiat, appelez le 18 ou le 112."),
    "questions": ["ça sent le gaz", "odeur de gaz dans la cuisine", "fuite de gaz que faire"]}


async def test_someone_on_a_machine_in_a_power_cut_or_taken_ill_after_gas_is_an_emergency(client: Any) -> None:
    """"power cut for 3 hours and my father is on an oxygen concentrator, the battery is running low": the emergency
    services first, the breakdown line, and a person at once, not "say it another way" nor a cable down; "who do I
    call??" while waiting: the same again. Gas smelt "très fort": every step; then "ma voisine a mal à la tête et elle
    vomit": someone hurt by it, the services first and a person."""
    await ingest(client, [_POWER_CUT, _GAS])
    conv = await conversation(client, language="en")
    out = await say(client, conv, "we have had a power cut for 3 hours and my father is on an oxygen concentrator at "
                                  "home, the battery is running low")
    text = out["reply"]["text"]
    assert out["handoff"] is not None and out["handoff"]["reason"] == "sensitive_topic", out
    assert text.startswith("If anyone's hurt or in danger, call the emergency services first: 112"), text
    assert "09 72 67 50" in text and "cable" not in text, text
    again = (await say(client, conv, "who do I call??"))["reply"]
    assert again["action"] == "handoff_wait" and "112" in again["text"] and "09 72 67 50" in again["text"], again
    conv = await conversation(client, language="fr")
    gas = (await say(client, conv, "ca sent tres fort le gaz dans ma cuisine depuis ce matin, je fais quoi"))["reply"]
    assert gas["tone"]["urgency"] == "high" and "1. Ne touchez" in gas["text"] and "0 800 47 33 33" in gas["text"], gas
    ill = await say(client, conv, "ma voisine a mal a la tete et elle vomit")
    assert ill["handoff"] is not None and ill["handoff"]["reason"] == "sensitive_topic", ill
    assert ill["reply"]["text"].startswith("Si quelqu'un est blessé ou en danger, appelez d'abord les secours"), ill
    # not without a danger told before: a headache alone is no emergency
    calm = await reply_after(client, "ma fille a mal à la tête et elle vomit, je peux annuler mon rendez-vous ?",
                             language="fr")
    assert calm["handoff"] is None, calm


async def test_a_danger_now_that_nothing_answers_hears_the_emergency_services_first(client: Any) -> None:
    """"ça sent très fort le gaz dans ma cuisine" at a bank, whose knowledge has nothing on gas: the emergency services
    first, not "could you rephrase?" alone."""
    await ingest(client, [{"id": "carte", "language": "fr", "title": "Faire opposition sur sa carte",
                           "text": "En cas de perte ou de vol, faites opposition dans l'application, rubrique Cartes.",
                           "questions": ["j'ai perdu ma carte", "faire opposition"]}])
    danger = (await reply_after(client, "ça sent très fort le gaz dans ma cuisine", language="fr"))["reply"]
    assert danger["text"].startswith("Si quelqu'un est blessé ou en danger, appelez d'abord les secours"), danger


async def test_someone_collapsing_hears_only_the_first_aid_section_of_an_article_in_sections(client: Any) -> None:
    """"my friend collapsed on the treadmill, he's not breathing" at a gym whose safety guide has sections on conduct,
    first aid, the equipment and filming: 112 and the defibrillator, then an advisor; not the code of conduct or the
    filming rules."""
    await ingest(client, [{
        "id": "club-safety", "title": "Safety, conduct and accidents in our clubs", "language": "en",
        "text": "Respect between members:\nEvery member agrees to our code of conduct: no insulting, filming or "
                "following other members. If another member harasses you, tell the staff at reception.\n\n"
                "Accidents and first aid:\nIf you or someone else is hurt, call 112 for anything serious, then alert "
                "staff or use the intercom. Every club has a first aid kit and a defibrillator at reception.\n\n"
                "Using the equipment:\nWipe the machines after use and put weights back on their racks.\n\n"
                "Photos and filming:\nFilming other members is not allowed.",
        "questions": ["what should I do if I get hurt at the gym", "is there a defibrillator in the club",
                      "someone collapsed at the gym", "rules of conduct in the gym"]}])
    out = await reply_after(client, "my friend collapsed on the treadmill right now, he's not breathing")
    reply = out["reply"]
    assert reply["action"] == "escalate" and out["handoff"]["reason"] == "sensitive_topic", out
    assert "call 112" in reply["text"] and "defibrillator" in reply["text"], reply["text"]
    assert "code of conduct" not in reply["text"] and "Wipe the machines" not in reply["text"], reply["text"]
    assert "Filming other members" not in reply["text"], reply["text"]


async def test_harassment_by_someone_met_through_the_company_is_handed_over_with_care(client: Any) -> None:
    """"another member made sexual comments about me in the changing room, i dont feel safe going back": sorry, an
    advisor at once (the topic "harassment" in the handoff's evidence), the police number for a danger now; the
    company's own reminders called harassment ("stop harassing me with emails") are no such topic."""
    await ingest(client)
    for text, language, opening in (
            ("another member made sexual comments about me in the changing room, i dont feel safe going back", "en",
             "I'm so sorry this happened to you"),
            ("un mec n'arrête pas de me filmer pendant que je m'entraîne", "fr",
             "Je suis vraiment désolé que vous ayez vécu cela")):
        out = await reply_after(client, text, language=language)
        assert out["handoff"] is not None and out["handoff"]["reason"] == "sensitive_topic", out
        assert out["reply"]["text"].startswith(opening) and "112" in out["reply"]["text"], out["reply"]
        packet = await (await client.get(f"/v1/handoffs/{out['handoff']['id']}", headers=h())).json()
        assert packet["evidence"]["topic"] == "harassment", packet["evidence"]
    mails = await reply_after(client, "stop harassing me with emails, how do I unsubscribe?")
    assert mails["handoff"] is None or mails["handoff"]["reason"] != "sensitive_topic", mails


async def test_an_allergic_reaction_hears_the_guide_s_section_on_it_and_again_when_asking_what_to_do(
        client: Any) -> None:
    """"mon fils a mangé les biscuits… les lèvres qui gonflent, il respire mal" at a grocer whose allergens guide has a
    section on a reaction (found weakly: the guide is about labels): that section (the services, the adrenaline pen),
    not the labels' sections; "qu'est ce que je fais" while waiting: that section again, before the queue."""
    await ingest(client, [{
        "id": "allergenes", "title": "Allergènes et informations sur les produits", "language": "fr",
        "text": "Où trouver les allergènes :\n\nChaque fiche produit indique la liste des ingrédients et les 14 "
                "allergènes majeurs. Ouvrez le produit dans l'application et touchez Composition.\n\nOrigine et bio :"
                "\n\nLes produits bio portent le logo AB.\n\nRéaction allergique :\n\nEn cas de réaction "
                "allergique grave après avoir consommé un produit (gonflement du visage ou de la gorge, difficulté à "
                "respirer, malaise), appelez immédiatement les secours : le 15 ou le 112. Si vous avez un stylo "
                "d'adrénaline prescrit, utilisez-le.",
        "questions": ["Où trouver la liste des allergènes d'un produit ?", "Vos produits sont-ils bio ?",
                      "Est-ce qu'il y a des traces d'arachides ?"]}])
    conv = await conversation(client, language="fr", channel="mobile")
    out = await say(client, conv, "mon fils a mangé les biscuits de ma commande et il a les lèvres qui gonflent, il "
                                  "respire mal")
    assert out["handoff"] is not None and out["handoff"]["reason"] == "sensitive_topic", out
    assert "stylo d'adrénaline" in out["reply"]["text"] and "logo AB" not in out["reply"]["text"], out["reply"]
    again = await say(client, conv, "qu'est ce que je fais")
    assert again["reply"]["action"] == "handoff_wait", again
    assert again["reply"]["text"].startswith("Réaction allergique") and "112" in again["reply"]["text"], again


async def test_waiting_about_a_death_a_question_of_the_matter_is_answered_from_its_article(client: Any) -> None:
    """"comment je fais pour annuler sa réservation ?" while waiting about the father who booked and died: the
    bereavement article's sentence (cancelled free), not the usual cancelling fee its words find; "quels documents
    faut il envoyer ?" its death certificate."""
    await ingest(client, [
        {"id": "deces", "language": "fr", "title": "Décès du titulaire de la réservation",
         "text": "Toutes nos condoléances. Si la personne qui a réservé une location est décédée, la réservation est "
                 "annulée sans frais et le montant payé est intégralement remboursé. Pour cela, envoyez-nous une copie "
                 "de l'acte de décès et le numéro de réservation par le formulaire de contact.",
         "questions": ["la personne qui a réservé est décédée", "mon père est décédé, il avait réservé"]},
        {"id": "annulation", "language": "fr", "title": "Annuler une réservation",
         "text": "L'annulation est gratuite jusqu'à 48 heures avant la prise en charge, dans Gérer ma réservation. À "
                 "moins de 48 heures, des frais d'annulation de 50 EUR sont retenus.",
         "questions": ["comment annuler ma réservation ?", "frais d'annulation", "annuler une location"]},
    ])
    conv = await conversation(client, language="fr")
    told = await say(client, conv, "Bonjour, mon père avait réservé une voiture pour le mois prochain, il est décédé "
                                   "la semaine dernière")
    assert told["handoff"] is not None and told["handoff"]["reason"] == "sensitive_topic", told
    cancel = await say(client, conv, "comment je fais pour annuler sa réservation ?")
    assert cancel["reply"]["action"] == "handoff_wait", cancel
    assert "sans frais" in cancel["reply"]["text"] and "50 EUR" not in cancel["reply"]["text"], cancel["reply"]
    papers = await say(client, conv, "quels documents faut il envoyer ?")
    assert "acte de décès" in papers["reply"]["text"], papers["reply"]


async def test_waiting_about_a_death_no_article_on_something_else_is_given_meanwhile(client: Any) -> None:
    """An energy supplier with no article on a death: "il faut envoyer l'acte de décès ?" while waiting is the queue
    alone, not the meter readings' "Si vous oubliez" found weakly; "il reste 200 euros de trop perçu sur son compte"
    is the closing article's refund of an overpayment, not the meters' (a "compteur" is no "compte")."""
    await ingest(client, [
        {"id": "releve", "language": "fr", "title": "Transmettre mon relevé de compteur",
         "text": "Faites un autorelevé dans votre espace client, rubrique Mon compteur, entre le 1er et le 7 du mois. "
                 "Si aucun index ne nous parvient, votre facture est établie sur une estimation. Un technicien relève "
                 "aussi les anciens compteurs une fois par an.",
         "questions": ["comment transmettre mon relevé ?", "j'ai oublié d'envoyer mon relevé", "index compteur"]},
        {"id": "resiliation", "language": "fr", "title": "Résilier mon contrat",
         "text": "Résiliez dans votre espace client, rubrique Mon contrat > Résilier, au moins 7 jours avant la date "
                 "voulue. Une facture de clôture est établie ; s'il y a un trop-perçu, il est remboursé par virement "
                 "sous 15 jours.",
         "questions": ["comment résilier mon contrat ?", "arrêter mon contrat d'électricité", "facture de clôture"]},
    ])
    conv = await conversation(client, language="fr")
    told = await say(client, conv, "Bonjour, mon père est décédé la semaine dernière, il avait un contrat chez vous. "
                                   "Comment on fait pour arrêter son contrat d'électricité ?")
    assert told["handoff"] is not None and told["handoff"]["reason"] == "sensitive_topic", told
    papers = (await say(client, conv, "il faut envoyer l'acte de décès ?"))["reply"]
    assert papers["action"] == "handoff_wait" and "index" not in papers["text"], papers
    assert not any(s["document_id"] == "releve" for s in papers["sources"]), papers
    money = (await say(client, conv, "et il reste 200 euros de trop perçu sur son compte, qui le récupère ?"))["reply"]
    assert "compteurs" not in money["text"], money


async def test_anger_with_no_question_is_met_with_sorry_and_an_advisor_not_rephrase(client: Any) -> None:
    """"vous vous foutez de moi ? je paye mes frais tous les mois" after a late transfer answered: no question to
    rephrase; sorry, and an advisor that "oui" takes."""
    await ingest(client)
    conv = await conversation(client, language="fr")
    first = await say(client, conv, "mon virement n'est toujours pas arrivé, c'est inadmissible !!!")
    assert first["reply"]["action"] == "answer", first["reply"]
    out = await say(client, conv, "vous vous foutez de moi ? je paye mes frais tous les mois")
    assert out["reply"]["action"] == "clarify", out["reply"]
    assert "reformuler" not in out["reply"]["text"] and "répondez simplement oui" in out["reply"]["text"], out["reply"]
    assert (await say(client, conv, "oui"))["handoff"] is not None


async def test_a_grave_illness_told_is_met_with_sympathy_and_an_advisor(client: Any) -> None:
    """"on vient de me diagnostiquer un cancer du sein…" is no question to rephrase: sympathy, then a person (the topic
    "illness" in the handoff's evidence); not urgent, and asked of ("est-ce que le cancer est couvert ?") it is no
    topic."""
    await ingest(client)
    out = await reply_after(client, "on vient de me diagnostiquer un cancer du sein, comment ça se passe pour mes "
                                    "remboursements ?", language="fr")
    assert out["reply"]["action"] == "escalate", out["reply"]
    assert out["reply"]["text"].startswith("Je suis sincèrement désolé d'apprendre cette nouvelle"), out["reply"]
    assert out["reply"]["tone"]["urgency"] == "normal", out["reply"]["tone"]
    packet = await (await client.get(f"/v1/handoffs/{out['handoff']['id']}", headers=h())).json()
    assert packet["evidence"]["topic"] == "illness", packet["evidence"]
    r = await client.post("/v1/analyze", json={"text": "est-ce que le cancer est couvert ?"}, headers=h())
    assert (await r.json())["sensitive_topic"] is None


async def test_a_danger_at_home_told_now_is_answered_urgently_without_frustration(client: Any) -> None:
    """"ça sent le gaz dans mon appartement, j'ai peur" at a home insurer: the article with the urgent words first and
    no "frustrating"; the same article asked about calmly ("que faire si je sens une odeur de gaz ?") is not urgent."""
    await ingest(client)
    await ingest(client, [{"id": "gas-smell", "title": "Odeur de gaz : que faire ?", "language": "fr",
                           "text": "Si vous sentez une odeur de gaz, quittez immédiatement le logement, n'actionnez "
                                   "aucun interrupteur et appelez Urgence Sécurité Gaz au 0800 47 33 33, 24h/24.",
                           "questions": ["Ça sent le gaz chez moi", "Que faire en cas de fuite de gaz ?"]}])
    out = await reply_after(client, "ça sent le gaz dans mon appartement, j'ai peur", language="fr")
    assert out["reply"]["sources"][0]["document_id"] == "gas-smell", out
    assert out["reply"]["tone"]["urgency"] == "high" and out["reply"]["text"].startswith("C'est urgent"), out["reply"]
    assert "frustrant" not in out["reply"]["text"], out["reply"]["text"]
    calm = await reply_after(client, "que faire si je sens une odeur de gaz ?", language="fr")
    assert calm["reply"]["tone"]["urgency"] == "normal", calm["reply"]


async def test_the_company_s_own_names_of_its_products_are_said_and_heard(aiohttp_client: Any, app_factory: Any,
                                                                          tmp_path: Any) -> None:
    """A mobility company names its products in its tone.toml (``product_<code>``): "j'ai quel pass ?" is the pass held,
    said by its name ("le Pass Mensuel", not "monthly pass" in a French sentence); "je suis bien membre Club Or ?" and
    "am I a Pharmalia+ member?" are products held, named after "membre" or with a "+"; "j'ai quel échelon ?" is told
    from the file when the company lets that attribute be told."""
    own = tmp_path / "company"
    own.mkdir()
    (own / "tone.toml").write_text(
        '[words.fr.vous]\nproduct_monthly_pass = "le Pass Mensuel"\n'
        '[words.fr.tu]\nproduct_monthly_pass = "le Pass Mensuel"\n'
        'attribute_trajets_ce_mois = "trajets ce mois-ci"\nattribute_seller_level = "niveau vendeur"\n'
        'attribute_voucher_balance = "solde de bons d\'achat"\n'
        '[words.en.friendly]\nproduct_pharmalia_plus = "Pharmalia+ membership"\n'
        '[profile]\ntold_attributes = ["echelon", "mensualite", "trajets_ce_mois", "trajet_frequent", '
        '"seller_level", "voucher_balance"]\n', encoding="utf-8")
    client = await aiohttp_client(app_factory(tmp_path / "data", config_dir=own))
    await ingest(client)
    await customer(client, "lea", name="Léa Martin", language="fr", products=["monthly_pass", "club_or"],
                   attributes={"echelon": 5, "year_of_study": "L2", "mensualite": "42,50 €", "trajets_ce_mois": 9,
                               "trajet_frequent": "Nantes Est – Ancenis", "seller_level": "Pro"},
                   consents={"personalization": True, "marketing": False})
    await customer(client, "john", name="John Smith", language="en", products=["pharmalia_plus"],
                   consents={"personalization": True, "marketing": False})
    out = await reply_after(client, "j'ai quel pass ?", customer_id="lea", language="fr")
    assert "le Pass Mensuel" in out["reply"]["text"] and "monthly" not in out["reply"]["text"], out["reply"]
    out = await reply_after(client, "Je suis bien membre Club Or ?", customer_id="lea", language="fr")
    assert "club or" in out["reply"]["text"].lower() and out["handoff"] is None, out["reply"]
    out = await reply_after(client, "am I a Pharmalia+ member?", customer_id="john")
    assert "Pharmalia+ membership" in out["reply"]["text"], out["reply"]
    # what of their file the company lets be told ([profile] told_attributes), by its name; not another attribute
    out = await reply_after(client, "j'ai quel échelon ?", customer_id="lea", language="fr")
    assert "echelon 5" in out["reply"]["text"] and not out["reply"]["sources"], out["reply"]
    out = await reply_after(client, "c'est quoi mon year of study ?", customer_id="lea", language="fr")
    assert "L2" not in (out["reply"]["text"] or ""), out["reply"]
    # asked with "le montant de", counted so far, by the name the company gives it (attribute_<key>), and only that one
    out = await reply_after(client, "quel est le montant de ma mensualité ?", customer_id="lea", language="fr")
    assert "42,50 €" in out["reply"]["text"], out["reply"]
    out = await reply_after(client, "j'en suis a combien de trajets ce mois ci ?", customer_id="lea", language="fr")
    assert "trajets ce mois-ci 9" in out["reply"]["text"] and "Ancenis" not in out["reply"]["text"], out["reply"]
    out = await reply_after(client, "j'ai quel niveau vendeur ?", customer_id="lea", language="fr")
    assert "niveau vendeur Pro" in out["reply"]["text"], out["reply"]
    # a name with an elision ("bons d'achat"), asked "c'est quoi mon …" or "j'ai combien en …"
    await customer(client, "ines", name="Inès Roy", language="fr", attributes={"voucher_balance": "12,50 €"},
                   consents={"personalization": True, "marketing": False})
    for asked in ("c'est quoi mon solde de bons d'achat ?", "j'ai combien en bons d'achat ?"):
        out = await reply_after(client, asked, customer_id="ines", language="fr")
        assert "solde de bons d'achat 12,50 €" in out["reply"]["text"], out["reply"]
    # one of the company's products asked of someone who holds none: not on the profile (not its price, nor a crash)
    out = await reply_after(client, "est-ce que je suis abonnée au pass mensuel ?", customer_id="ines", language="fr")
    assert out["reply"]["text"].startswith("Je ne vois pas") and "profil" in out["reply"]["text"], out["reply"]
    # without consent to personalisation: out of sight, and where it is shown; no question counted as missed
    await customer(client, "paul", name="Paul Durand", language="fr", attributes={"trajets_ce_mois": 3},
                   consents={"personalization": False, "marketing": False})
    out = await reply_after(client, "j'en suis a combien de trajets ce mois ci ?", customer_id="paul", language="fr")
    assert "espace client" in out["reply"]["text"] and "3" not in out["reply"]["text"], out["reply"]


PASSES = [
    {"id": "passes-fr", "language": "fr", "title": "Les pass Roulo",
     "questions": ["quels pass proposez-vous ?", "combien coûte un pass ?"],
     "text": "Roulo propose deux pass pour rouler moins cher. Le Pass Jour coûte 4,99 € et donne 24 heures de trajets "
             "de moins de 30 minutes. Le Pass Mensuel coûte 29,99 € par mois et inclut les déverrouillages et 45 "
             "minutes par trajet. Les pass se prennent dans l'appli, onglet Portefeuille. Un pass ne se partage pas "
             "entre plusieurs comptes. Un trajet au-delà de la durée incluse est facturé à la minute."},
    {"id": "passes-en", "language": "en", "title": "Roulo passes",
     "questions": ["what passes do you offer?", "how much is a pass?"],
     "text": "Roulo offers two passes to ride for less. The Day Pass costs €4.99 and gives 24 hours of rides under 30 "
             "minutes. The Monthly Pass costs €29.99 a month and includes unlocks and 45 minutes per ride. Passes are "
             "bought in the app, Wallet tab. A pass cannot be shared between several accounts. A ride beyond the "
             "included time is charged per minute."},
    {"id": "trajet-fr", "language": "fr", "title": "Prix d'un trajet",
     "questions": ["combien coûte un trajet ?", "prix du déverrouillage", "prix à la minute"],
     "text": "Chaque trajet commence par un déverrouillage. Déverrouiller une trottinette ou un vélo coûte 1 €. "
             "Ensuite une trottinette coûte 0,25 € la minute et un vélo électrique 0,20 € la minute. Les prix sont "
             "affichés dans l'appli avant de déverrouiller. Un abonnement mensuel, le Pass Mensuel, coûte 29,99 € et "
             "supprime les frais de déverrouillage."},
]


async def test_the_price_of_the_product_held_is_the_one_asked_after_it_is_told(aiohttp_client: Any, app_factory: Any,
                                                                                tmp_path: Any) -> None:
    """"c'est combien déjà ?" right after "vous avez le Pass Mensuel" is that pass's price, not a question between a
    ride's price and the passes'; "how much is mine?" after the passes of a Day Pass holder is the Day Pass's (the
    company's names for its products, "le Pass Mensuel" for "monthly_pass", are how its articles name them); "am I on
    the monthly?" is one of its products by name, not the one they hold."""
    own = tmp_path / "company"
    own.mkdir()
    (own / "tone.toml").write_text(
        '[words.fr.vous]\nproduct_monthly_pass = "le Pass Mensuel"\n'
        '[words.en.friendly]\nproduct_day_pass = "the Day Pass"\nproduct_monthly_pass = "the Monthly Pass"\n',
        encoding="utf-8")
    client = await aiohttp_client(app_factory(tmp_path / "data", config_dir=own))
    await ingest(client, PASSES)
    consents = {"personalization": True, "marketing": False}
    await customer(client, "lea", name="Léa Martin", language="fr", products=["monthly_pass"], consents=consents)
    await customer(client, "tom", name="Tom Reed", language="en", products=["day_pass"], consents=consents)
    conv = await conversation(client, customer_id="lea", language="fr")
    told = await say(client, conv, "j'ai quel pass ?")
    assert "le Pass Mensuel" in told["reply"]["text"], told["reply"]
    price = await say(client, conv, "c'est combien déjà ?")
    assert price["reply"]["action"] == "answer" and "29,99 €" in price["reply"]["text"], price["reply"]
    assert "4,99 €" not in price["reply"]["text"], price["reply"]
    conv = await conversation(client, customer_id="tom")
    await say(client, conv, "what passes do you have?")
    mine = await say(client, conv, "how much is mine?")
    assert "€4.99" in mine["reply"]["text"] and "€29.99" not in mine["reply"]["text"], mine["reply"]
    # one of the company's products by its name, not theirs: what they hold instead
    other = await say(client, conv, "am I on the monthly?")
    assert "don't see" in other["reply"]["text"] and "the Day Pass" in other["reply"]["text"], other["reply"]
    # and "it", then, is that one
    price = await say(client, conv, "how much is it?")
    assert "€29.99" in price["reply"]["text"], price["reply"]


POISONING = [
    {"id": "urgences", "title": "Urgences médicales et intoxications", "language": "fr",
     "text": "Pharmalia ne traite pas les urgences. En cas d'urgence médicale (malaise, douleur dans la poitrine, "
             "difficulté à respirer), appelez immédiatement le 15 (SAMU) ou le 112. En cas d'intoxication ou de "
             "surdosage d'un médicament, même sans symptôme, appelez le 15 ou un centre antipoison, 24 h/24. Gardez "
             "la boîte du médicament à portée de main.",
     "questions": ["urgence médicale", "j'ai pris trop de médicaments", "intoxication", "surdosage"]},
    {"id": "livraison", "title": "Délais de livraison", "language": "fr",
     "text": "Les commandes sont livrées en 48 heures par Colissimo, ou le lendemain par Chronopost pour 9,90 €.",
     "questions": ["quand vais-je recevoir ma commande", "délai de livraison"]},
]


async def test_a_child_who_swallowed_pills_hears_the_poison_centre_and_again_when_asking_what_to_do(
        client: Any) -> None:
    """"mon fils de 3 ans a avalé des comprimés…" is someone hurt now: the article on emergencies whole, its poisoning
    sentence with it, no word of frustration; "il a l'air normal pour l'instant, je fais quoi ??" is of the same
    matter (call even without symptoms), not "no reliable answer"."""
    await ingest(client, POISONING)
    conv = await conversation(client, language="fr")
    first = await say(client, conv,
                      "mon fils de 3 ans a avalé des comprimés de ma boite de doliprane je sais pas combien !!!")
    text = first["reply"]["text"]
    assert "centre antipoison" in text and "frustrant" not in text, first["reply"]
    then = await say(client, conv, "il a l'air normal pour l'instant, je fais quoi ??")
    assert "antipoison" in then["reply"]["text"] or "sans symptôme" in then["reply"]["text"], then["reply"]



_EMERGENCIES_IN_SECTIONS = {
    "id": "emergencies", "language": "en", "title": "Emergencies: water leak, gas smell, no heating",
    "text": "For any emergency, our on-call line answers 24/7: 01 84 88 00 00.\n\nGas smell:\n\nDo not touch any "
            "switch, open the windows, get out and call 112 or the gas emergency line on 0 800 47 33 33 first.\n\n"
            "Water leak:\n\nTurn off your flat's main water valve and, if water is near a socket or the fuse box, "
            "switch off the main circuit breaker. If the water comes from a neighbour's flat, warn them and call our "
            "on-call line.\n\nNo heating in winter:\n\nCall the on-call line: the contractor comes within 24 hours, "
            "within 4 hours if a baby lives in the flat. A portable heater can be lent to you meanwhile.",
    "questions": ["there is a water leak", "water is coming through the ceiling", "i smell gas", "no heating",
                  "burst pipe", "who do i call in an emergency"]}
_FIRE = {
    "id": "fire-safety", "language": "en", "title": "Fire safety in your building",
    "text": "If there is a fire in your home, get everyone out, close the door behind you and call 112. If the fire is "
            "elsewhere in the building and smoke fills the stairwell, stay in your flat and close the door. Never use "
            "the lift.",
    "questions": ["there is a fire", "smoke in the stairwell", "what to do in a fire", "smoke coming out under a door",
                  "the fire alarm is going off"]}
_LIFT = {
    "id": "lift", "language": "en", "title": "Lift out of order",
    "text": "Report a lift out of order to our on-call line. If someone is stuck in the lift, they press the alarm "
            "button. A lift is repaired within 48 hours.",
    "questions": ["the lift is broken", "lift out of order", "should i take the lift", "when will the lift work"]}


async def test_a_danger_told_hears_its_own_section_and_a_question_on_its_steps_stays_on_them(client: Any) -> None:
    """"water is pouring through my kitchen ceiling" of an article in sections, one per danger: the on-call line and
    the water leak's section, not the gas smell's for its "call 112"; told in French, typed on a phone, just as
    urgent. "should i take the lift?" right after the fire's steps: "Never use the lift.", not the lift article; "what
    do i do meanwhile" right after a gas smell's steps: those steps."""
    await ingest(client, [_EMERGENCIES_IN_SECTIONS, _FIRE, _LIFT])
    for text, language in (("water is pouring through my kitchen ceiling from the flat above!!", "en"),
                           ("au secours y a de l'eau qui coule du plafond de la salle de bain !!", "fr")):
        reply = (await reply_after(client, text, language=language))["reply"]
        assert reply["tone"]["urgency"] == "high", (text, reply)
        assert "main water valve" in reply["text"] and "01 84 88 00 00" in reply["text"], (text, reply["text"])
        assert "0 800 47 33 33" not in reply["text"], (text, reply["text"])
    conv = await conversation(client, language="en")
    await say(client, conv, "theres smoke coming out from under my neighbours door and the alarm is going off")
    reply = (await say(client, conv, "should i take the lift? im on the 8th floor with my dad"))["reply"]
    assert reply["sources"][0]["document_id"] == "fire-safety" and "Never use the lift" in reply["text"], reply
    assert "alarm button" not in reply["text"], reply
    reply = (await say(client, conv, "we cant use the lift?? how do we get down"))["reply"]  # (asked without "can")
    assert "Never use the lift" in reply["text"] and "alarm button" not in reply["text"], reply
    # what to do meanwhile, the services on their way: the gas smell's steps again, not the heater lent "meanwhile"
    conv = await conversation(client, language="en")
    await say(client, conv, "it smells really strongly of gas in the stairwell")
    reply = (await say(client, conv, "i already called the fire brigade, what do i do meanwhile"))["reply"]
    assert "Do not touch any switch" in reply["text"] and "heater" not in reply["text"], reply


async def test_a_threat_of_harm_told_is_handed_to_a_person_with_the_police_first(client: Any) -> None:
    """"my neighbour keeps banging on my door at night and shouting that he will hurt me. what can you do?" at a
    landlord whose noise article is nearest: the police if in danger, and a person at once, not the noise steps;
    "mon voisin me menace de me frapper" the same; "the bank keeps hitting me with fees" is no threat."""
    await ingest(client, [{"id": "noise", "language": "en", "title": "Noise and neighbours",
                           "text": "Start by talking calmly to your neighbour. If the noise goes on, report it in your "
                                   "tenant account with the dates and times.",
                           "questions": ["my neighbour is noisy", "noise at night", "neighbour banging"]}])
    for text, language in (("my neighbour keeps banging on my door at night and shouting that he will hurt me. what "
                            "can you do?", "en"), ("mon voisin me menace de me frapper", "fr")):
        out = await reply_after(client, text, language=language)
        assert out["reply"]["action"] == "escalate" and out["handoff"]["reason"] == "sensitive_topic", (text, out)
        assert "112" in out["reply"]["text"] and "talking calmly" not in out["reply"]["text"], out["reply"]
    fees = await reply_after(client, "the bank keeps hitting me with fees")
    assert fees["handoff"] is None, fees


_HOTEL_SAFETY = {
    "id": "safety", "language": "en", "title": "Safety and emergencies at the hotel",
    "text": "Reception can be reached 24/7 by dialling 9 from the room phone.\n\nFire alarm:\n\nIf the fire alarm goes "
            "off, leave the room at once, close the door behind you, never use the lift, and follow the green signs "
            "to the assembly point.\n\nSomeone unwell or hurt:\n\nIf someone is unwell or hurt in the room, call the "
            "emergency services first: 112, then reception on 9. Stay with the person and leave the door open for the "
            "emergency services.\n\nLocked out of the room:\n\nIf your key card stops working or you left it in the "
            "room, go to reception with ID: a new card is given to you free of charge.",
    "questions": ["The fire alarm is going off in the night, what do I do?", "someone is unwell in the room",
                  "I'm locked out, I don't have my key card", "my key card stopped working",
                  "emergency number at the hotel"]}


async def test_a_hotel_s_safety_article_answers_each_danger_from_its_own_section(client: Any) -> None:
    """A hotel's "Safety and emergencies" article in sections: a key card that stopped working is its "Locked out of
    the room" section (the article is no danger's alone); someone who collapsed hears the emergency services and its
    "Someone unwell or hurt" section, then a person, and the same steps asked meanwhile; a guest afraid of a man at
    their door at night is someone in danger now."""
    await ingest(client, [_HOTEL_SAFETY])
    card = (await reply_after(client, "My key card stopped working and it's 2 am. I'm in the corridor in my pyjamas.",
                              channel="mobile"))
    assert "Locked out of the room: " in card["reply"]["text"] and "new card" in card["reply"]["text"], card["reply"]
    assert card["reply"]["sources"][0]["document_id"] == "safety", card["reply"]
    conv = await conversation(client, language="en", channel="mobile")
    out = await say(client, conv, "my husband is unwell, he just collapsed in the room and is not breathing properly")
    assert out["handoff"] is not None and "Stay with the person" in out["reply"]["text"], out
    assert "key card" not in out["reply"]["text"] and "fire alarm" not in out["reply"]["text"], out["reply"]
    meanwhile = (await say(client, conv, "i called 112 they're coming, what do i do meanwhile"))["reply"]
    assert "Stay with the person" in meanwhile["text"] and "key card" not in meanwhile["text"], meanwhile
    door = await reply_after(client, "im travelling alone, a waiter keeps knocking on my door at night and tried to "
                                     "come in. im scared")
    assert door["handoff"] is not None and door["handoff"]["reason"] == "sensitive_topic", door
    assert "112" in door["reply"]["text"], door["reply"]


async def test_a_danger_now_is_not_answered_by_an_article_that_shares_only_a_word_with_it(
        aiohttp_client: Any, app_factory: Any) -> None:
    """"au secours y a de l'eau qui coule du plafond de la salle de bain !!" at the demo bank: not the card's "plafond
    de retrait" (a ceiling and a limit are one word in French), but the emergency services first."""
    client = await aiohttp_client(app_factory(demo=True))
    out = await reply_after(client, "au secours y a de l'eau qui coule du plafond de la salle de bain !!",
                            language="fr")
    assert "retrait" not in out["reply"]["text"] and "Visa" not in out["reply"]["text"], out["reply"]
    assert "112" in out["reply"]["text"], out["reply"]
