"""Escalation, ownership, handback, and what supervisors see of it."""
from __future__ import annotations

import asyncio
import csv
import io
import json
import re
from collections.abc import Sequence
from datetime import datetime, timedelta, timezone
from typing import Any
from urllib.parse import quote

from tests.helpers import conversation, events, h, ingest, reply_after, say, token


async def _advisor_says_and_hands_back(client: Any, agent: str, hid: str, *said: str) -> None:
    """An advisor takes the handoff, writes ``said`` to the customer, and hands the conversation back to the bot."""
    await client.post(f"/v1/handoffs/{hid}/accept", headers=h(agent))
    for text in said:
        await client.post(f"/v1/handoffs/{hid}/messages", json={"text": text}, headers=h(agent))
    r = await client.post(f"/v1/handoffs/{hid}/close", json={"outcome": "handback"}, headers=h(agent))
    assert r.status == 200, await r.text()


async def _asked_then_handed_back(client: Any, agent: str, conv: dict[str, Any], hid: str, said: Sequence[str],
                                  *asked: str) -> dict[str, Any]:
    """An advisor takes the handoff and writes ``said``, the customer then says ``asked``, the advisor hands back: what
    the bot says then."""
    await client.post(f"/v1/handoffs/{hid}/accept", headers=h(agent))
    for text in said:
        await client.post(f"/v1/handoffs/{hid}/messages", json={"text": text}, headers=h(agent))
    for text in asked:
        await say(client, conv, text)
    r = await client.post(f"/v1/handoffs/{hid}/close", json={"outcome": "handback"}, headers=h(agent))
    assert r.status == 200, await r.text()
    return (await events(client, conv))[-1]


async def _agent(client: Any, name: str = "agent-ann") -> str:
    return await token(client, name, "agent")


async def test_asking_for_a_human_hands_off_at_once_in_french(client: Any) -> None:
    await ingest(client)
    conv = await conversation(client, language="fr")
    out = await say(client, conv, "je veux parler à un humain")
    assert out["handoff"]["reason"] == "human_request"
    assert out["handoff"]["status"] == "waiting"
    assert out["reply"]["action"] == "escalate"
    assert "conseiller" in out["reply"]["text"]
    types = [e["type"] for e in await events(client, conv)]
    assert types == ["customer_message", "bot_message", "handoff_requested"]


async def test_a_request_for_a_person_opening_a_long_message_is_heard(client: Any) -> None:
    """What follows "I want to talk to someone:" (card, IBAN, e-mail, phone) drowned the request in the
    message's embedding and the bot answered "no good answer" instead."""
    await ingest(client)
    conv = await conversation(client)
    out = await say(client, conv, "I want to talk to someone: my card 4970101234567890 and IBAN "
                                  "FR7630006000011234567890189 were charged twice, email me at jane.doe@example.com "
                                  "or call 06 12 34 56 78")
    assert out["handoff"] is not None and out["handoff"]["reason"] == "human_request", out
    calm = await conversation(client)
    out = await say(client, calm, "How do I give someone money?")  # a short question: no person asked for
    assert out["handoff"] is None, out


async def test_two_out_of_scope_questions_escalate_with_evidence(client: Any) -> None:
    await ingest(client)
    conv = await conversation(client)
    first = await say(client, conv, "what's the weather like on Mars?")
    assert first["handoff"] is None and first["reply"]["action"] == "clarify"
    second = await say(client, conv, "who won the football world cup in 1998?")
    assert second["handoff"]["reason"] == "out_of_scope"
    agent = await _agent(client)
    r = await client.get(f"/v1/handoffs/{second['handoff']['id']}", headers=h(agent))
    packet = await r.json()
    assert r.status == 200
    assert [m["text"] for m in packet["evidence"]["messages"]] == [
        "what's the weather like on Mars?", "who won the football world cup in 1998?"]
    assert packet["reason"] == "out_of_scope"
    assert [t["type"] for t in packet["transcript"]][:2] == ["customer_message", "bot_message"]
    assert len(packet["sentiment_trend"]) == 2
    assert packet["knowledge_tried"] and all("score" in k for k in packet["knowledge_tried"])
    assert packet["summary"]
    assert all({"id", "kind", "title", "score", "why"} <= set(a) for a in packet["suggested_actions"])


async def test_a_question_nothing_answers_offers_an_advisor_and_yes_takes_it(client: Any) -> None:
    """The customer was only asked to rephrase: now an advisor is offered too, and "oui" hands over
    (in the customer's register); "ok merci" after the offer only acknowledges it."""
    await ingest(client)
    conv = await conversation(client, language="fr")
    first = await say(client, conv, "quel temps fera-t-il demain sur Mars ?")
    assert first["reply"]["action"] == "clarify" and first["handoff"] is None
    assert "répondez simplement oui" in first["reply"]["text"], first["reply"]["text"]
    yes = await say(client, conv, "Oui, volontiers")
    assert yes["handoff"] is not None and yes["handoff"]["reason"] == "human_request", yes
    assert yes["reply"]["action"] == "escalate"
    # the evidence the advisor and the supervisor read is why it was asked, not only "Oui, volontiers"
    r = await client.get(f"/v1/handoffs/{yes['handoff']['id']}", headers=h(await _agent(client)))
    assert [m["text"] for m in (await r.json())["evidence"]["messages"]] == [
        "quel temps fera-t-il demain sur Mars ?", "Oui, volontiers"]

    other = await conversation(client)
    await say(client, other, "what's the weather like on Mars?")
    thanks = await say(client, other, "ok thanks")
    assert thanks["handoff"] is None and thanks["reply"]["action"] != "escalate", thanks
    again = await say(client, other, "yes")  # the bot's last message offered nothing: not a request for a person
    assert (again["handoff"] or {}).get("reason") != "human_request", again


async def test_the_agent_owns_the_conversation_until_handback(client: Any) -> None:
    await ingest(client)
    conv = await conversation(client)
    out = await say(client, conv, "agent please")
    hid = out["handoff"]["id"]
    agent = await _agent(client)
    r = await client.get("/v1/handoffs?status=waiting", headers=h(agent))
    assert [x["id"] for x in (await r.json())["handoffs"]] == [hid]
    r = await client.post(f"/v1/handoffs/{hid}/accept", headers=h(agent))
    assert r.status == 200 and (await r.json())["status"] == "active"
    silent = await say(client, conv, "hello? I forgot my PIN")
    assert silent["reply"] is None
    r = await client.post(f"/v1/handoffs/{hid}/messages", json={"text": "Hi, I'm Ann. Let me reset it."}, headers=h(agent))
    assert r.status == 200
    other = await _agent(client, "agent-bob")
    r = await client.post(f"/v1/handoffs/{hid}/messages", json={"text": "me too"}, headers=h(other))
    assert r.status == 403
    r = await client.post(f"/v1/handoffs/{hid}/close", json={"outcome": "handback", "note": "PIN reset"}, headers=h(agent))
    assert r.status == 200 and (await r.json())["outcome"] == "handback"
    back = await say(client, conv, "how do I send money to a friend?")
    assert back["reply"]["action"] == "answer"
    types = [e["type"] for e in await events(client, conv)]
    assert types == ["customer_message", "bot_message", "handoff_requested", "handoff_accepted", "customer_message",
                     "agent_message", "handoff_closed", "bot_message", "customer_message", "bot_message"]
    r = await client.post(f"/v1/handoffs/{hid}/accept", headers=h(agent))
    assert r.status == 409


async def test_anger_right_after_a_handback_goes_back_to_a_person(client: Any) -> None:
    """"vous vous foutez de moi ? c'est la troisième fois… ça marche toujours pas !!" as the first word after the
    advisor handed back: the advisor's fix did not settle it, and the bot will not do better; queued again at once
    (not "no reliable answer, could you rephrase?"). A thank-you there is only thanked."""
    await ingest(client)
    agent = await _agent(client)
    for last, queued in (("vous vous foutez de moi ? c'est la troisième fois que je contacte votre service et ça "
                          "marche toujours pas !!", True),
                         ("this is the third time I contact you and it STILL doesn't work, unbelievable!!", True),
                         ("merci, ça marche maintenant", False)):
        conv = await conversation(client)
        hid = (await say(client, conv, "je veux parler à un conseiller"))["handoff"]["id"]
        await _advisor_says_and_hands_back(client, agent, hid, "Réinstallez l'application, cela devrait suffire.")
        out = await say(client, conv, last)
        if queued:
            assert out["handoff"] is not None and out["handoff"]["id"] != hid, out
            assert out["handoff"]["reason"] == "negative_trend", out
        else:
            assert out["handoff"] is None, out


async def test_a_question_left_that_nothing_answers_is_said_at_the_handback_and_yes_takes_an_advisor(
        aiohttp_client: Any, app_factory: Any) -> None:
    """"et si je reçois pas le SMS ?" after the advisor's last words, then the handback: the bot says it has no sure
    answer to that question (quoted) and offers an advisor again, whom "oui" takes; not "anything else?" as if nothing
    were asked."""
    client = await aiohttp_client(app_factory(demo=True))
    agent = await _agent(client)
    conv = await conversation(client, customer_id="demo-lucas-moreau")
    hid = (await say(client, conv, "je veux parler à un conseiller"))["handoff"]["id"]
    await client.post(f"/v1/handoffs/{hid}/accept", headers=h(agent))
    await client.post(f"/v1/handoffs/{hid}/messages", headers=h(agent),
                      json={"text": "Je t'ai renvoyé le code par SMS, valide le paiement avec."})
    await say(client, conv, "et si je reçois pas le SMS ?")
    r = await client.post(f"/v1/handoffs/{hid}/close", json={"outcome": "handback"}, headers=h(agent))
    assert r.status == 200, await r.text()
    back = (await events(client, conv))[-1]
    assert back["type"] == "bot_message" and "« et si je reçois pas le SMS ? »" in back["text"], back
    assert "réponds simplement oui" in back["text"], back["text"]
    taken = await say(client, conv, "oui")
    assert taken["handoff"] is not None and taken["handoff"]["id"] != hid, taken


async def test_a_question_the_advisor_left_unanswered_is_answered_on_handback(client: Any) -> None:
    """The customer asks while the advisor has the conversation, and the advisor hands back without a word
    on it: the bot's handback message answers it, with its source; after the advisor's own reply, or a
    thank-you, nothing more than the handback is said."""
    await ingest(client)
    agent = await _agent(client)
    conv = await conversation(client)
    hid = (await say(client, conv, "agent please"))["handoff"]["id"]
    back = await _asked_then_handed_back(client, agent, conv, hid, ("Hello, how can I help?",),
                                         "I forgot my PIN, what do I do?")
    assert back["type"] == "bot_message" and back["action"] == "resume", back
    assert "I forgot my PIN, what do I do?" in back["text"] and "under Cards > PIN" in back["text"], back
    assert [x["document_id"] for x in back["sources"]] == ["pin"], back
    # a question at the end of a message that says something else first: its last sentence is read
    conv = await conversation(client)
    hid = (await say(client, conv, "agent please"))["handoff"]["id"]
    await client.post(f"/v1/handoffs/{hid}/accept", headers=h(agent))
    await say(client, conv, "ok I found it in my other jacket after all, what a morning. so how do i change my PIN")
    await client.post(f"/v1/handoffs/{hid}/close", json={"outcome": "handback"}, headers=h(agent))
    back = (await events(client, conv))[-1]
    assert [x["document_id"] for x in back.get("sources") or []] == ["pin"], back

    for last in ("agent", "thanks"):
        conv = await conversation(client)
        hid = (await say(client, conv, "agent please"))["handoff"]["id"]
        await client.post(f"/v1/handoffs/{hid}/accept", headers=h(agent))
        await say(client, conv, "I forgot my PIN, what do I do?")
        if last == "agent":
            await client.post(f"/v1/handoffs/{hid}/messages", json={"text": "Done: you can reset it in the app."},
                              headers=h(agent))
        else:
            await say(client, conv, "thanks a lot")
        await client.post(f"/v1/handoffs/{hid}/close", json={"outcome": "handback"}, headers=h(agent))
        back = (await events(client, conv))[-1]
        assert back["action"] == "resume" and "PIN" not in back["text"] and not back.get("sources"), (last, back)


async def test_a_question_left_right_after_the_advisors_words_is_of_them(aiohttp_client: Any,
                                                                          app_factory: Any) -> None:
    """"et la nouvelle carte elle arrive quand ?" after the advisor's "…sous 3 à 5 jours ouvrés" and their goodbye:
    their words quoted on the handback, not the article's 10 days; "ok. and is there a fee for that?" right after "You
    can choose a new PIN at any ATM…": of the PIN, whose article gives no fee, so no sure answer (an advisor offered),
    not the account's fees that its words find alone."""
    client = await aiohttp_client(app_factory(demo=True))
    agent = await _agent(client)
    conv = await conversation(client, language="fr")
    hid = (await say(client, conv, "je veux parler à un conseiller"))["handoff"]["id"]
    back = await _asked_then_handed_back(
        client, agent, conv, hid, ("Une nouvelle carte vous est envoyée, vous la recevrez sous 3 à 5 jours ouvrés.",
                                   "Je vous laisse avec l'assistant pour la suite."),
        "et la nouvelle carte elle arrive quand ?")
    assert "sous 3 à 5 jours ouvrés" in back["text"] and "10 jours" not in back["text"], back["text"]
    conv = await conversation(client)
    hid = (await say(client, conv, "i want to talk to someone"))["handoff"]["id"]
    back = await _asked_then_handed_back(
        client, agent, conv, hid, ("You can choose a new PIN at any ATM: insert your card and pick PIN services.",),
        "ok. and is there a fee for that?")
    assert "€3 per month" not in back["text"] and "sure answer" in back["text"], back["text"]
    assert not back.get("sources"), back


async def test_a_question_left_unanswered_leans_on_the_subject_said_with_the_request_for_a_person(
        aiohttp_client: Any, app_factory: Any) -> None:
    """The subject said in the same message as "i want to speak to someone" is what "thanks marc! and how do i make
    sure it doesnt happen again" is of: answered from the direct debits article on handback."""
    client = await aiohttp_client(app_factory(demo=True))
    agent = await _agent(client)
    conv = await conversation(client, customer_id="demo-sarah-okafor")
    out = await say(client, conv, "my direct debit to my gym was taken again even though i blocked it, "
                                  "i want to speak to someone")
    back = await _asked_then_handed_back(client, agent, conv, out["handoff"]["id"],
                                         ("Hi Sarah, I've requested a refund of the gym debit for you.",),
                                         "thanks marc! and how do i make sure it doesnt happen again")
    assert "doesnt happen again" in back["text"] and "Direct debits" in back["text"], back
    assert [x["document_id"] for x in back["sources"]][:1] == ["direct-debits"], back


async def test_a_close_call_left_pending_is_settled_by_the_subject_the_customer_came_with(
        aiohttp_client: Any, app_factory: Any) -> None:
    """"When does the new card arrive?" is a question of two articles (opening an account, a lost card's replacement),
    each found nearly as much as the other; asked while an advisor had the conversation, it is answered on handback
    from the article of the subject the customer came with, whichever it is."""
    client = await aiohttp_client(app_factory())
    await ingest(client, [
        {"id": "opening", "title": "Opening an account", "language": "en",
         "text": "Open an account in the app in ten minutes with an ID and a proof of address. Your new card arrives "
                 "within 5 to 7 business days.",
         "questions": ["How do I open an account?", "I want to open an account", "When does the new card arrive?"]},
        {"id": "lost", "title": "Lost or stolen card", "language": "en",
         "text": "Block a lost or stolen card in the app under Cards. A replacement card is sent within 5 business "
                 "days.",
         "questions": ["I lost my card", "My card was stolen", "When does the new card arrive?"]},
        {"id": "fees", "title": "Fees", "language": "en", "text": "The account costs €3 a month.",
         "questions": ["How much is the account?"]},
    ])
    agent = await _agent(client)
    for subject, expected, said in (("My card was stolen, I want to talk to someone", "lost", "within 5 business days"),
                                    ("I want to open an account, can I talk to someone", "opening", "5 to 7")):
        conv = await conversation(client, language="en")
        hid = (await say(client, conv, subject))["handoff"]["id"]
        back = await _asked_then_handed_back(client, agent, conv, hid, ("Done for you.",),
                                             "Thanks. When does the new card arrive?")
        assert [x["document_id"] for x in back["sources"]][:1] == [expected], (subject, back)
        assert said in back["text"], back


async def test_a_figure_asked_of_what_the_advisor_just_wrote_is_the_advisor_s_on_handback(
        aiohttp_client: Any, app_factory: Any) -> None:
    """The advisor raised Nadia's limit "pour 30 jours"; "ok merci. et ca sera valable combien de temps ?", then the
    handback: the handback quotes the advisor's 30 days, not number porting's "3 jours ouvrés" its words find alone."""
    client = await aiohttp_client(app_factory(demo=True))
    agent = await _agent(client)
    conv = await conversation(client, customer_id="demo-nadia-benali")
    hid = (await say(client, conv, "mon paiement fournisseur a ete refusé, je veux parler a un conseiller"))["handoff"]
    back = await _asked_then_handed_back(
        client, agent, conv, hid["id"], ("Bonjour Madame Benali, j'ai relevé votre plafond à 12 000 € pour 30 jours.",),
        "ok merci. et ca sera valable combien de temps ?")
    assert back["action"] == "resume" and "pour 30 jours" in back["text"], back
    assert "3 jours ouvrés" not in back["text"] and not back.get("sources"), back
    # a reference asked back while the advisor still had it: quoted on the handback, not "no sure answer"
    conv = await conversation(client, customer_id="demo-james-whitfield")
    hid = (await say(client, conv, "I want to talk to an advisor"))["handoff"]
    back = await _asked_then_handed_back(
        client, agent, conv, hid["id"], ("Hi James, I've opened a dispute with the merchant, reference DSP-5521.",),
        "thanks. what was the dispute reference again?")
    assert "DSP-5521" in back["text"] and "no sure answer" not in back["text"], back


async def test_a_seat_or_a_reference_the_advisor_gave_is_quoted_when_asked_back(
        aiohttp_client: Any, app_factory: Any) -> None:
    """The advisor rebooked James "coach 12 seat 45" with a new reference: "sorry what was the new reference?" and
    "and which coach did he say?" quote the advisor's sentences, not the article the customer asked about while the
    advisor had the conversation (a folding bike)."""
    client = await aiohttp_client(app_factory(demo=True))
    agent = await _agent(client)
    conv = await conversation(client, customer_id="demo-james-whitfield")
    hid = (await say(client, conv, "I want to talk to an advisor"))["handoff"]["id"]
    await client.post(f"/v1/handoffs/{hid}/accept", headers=h(agent))
    await client.post(f"/v1/handoffs/{hid}/messages", headers=h(agent), json={
        "text": "I have rebooked you on the 14:07 to Barcelona, coach 12 seat 45. Your new reference is BX4471."})
    await say(client, conv, "thanks, and how do I block my card if I lose it on the trip?")
    await client.post(f"/v1/handoffs/{hid}/close", json={"outcome": "handback"}, headers=h(agent))
    reference = (await say(client, conv, "sorry what was the new reference?"))["reply"]
    assert "BX4471" in reference["text"] and not reference["sources"], reference
    coach = (await say(client, conv, "and which coach did he say?"))["reply"]
    assert "coach 12 seat 45" in coach["text"] and not coach["sources"], coach


async def test_a_time_of_day_the_advisor_gave_is_quoted_without_their_greeting(
        aiohttp_client: Any, app_factory: Any) -> None:
    """"Bonjour, le technicien passera demain à 14 h": after the handback, "il passe à quelle heure ?" and "c'était quel
    jour ?" quote that sentence (without the advisor's greeting), not an article."""
    client = await aiohttp_client(app_factory(demo=True))
    agent = await _agent(client)
    conv = await conversation(client, customer_id="demo-camille-laurent")
    hid = (await say(client, conv, "je veux parler à un conseiller"))["handoff"]["id"]
    await _advisor_says_and_hands_back(client, agent, hid,
                                       "Bonjour, le technicien passera demain à 14 h pour votre box.")
    hour = (await say(client, conv, "il passe à quelle heure ?"))["reply"]
    assert hour["text"].count("14 h") == 1 and "« Le technicien passera demain" in hour["text"], hour
    assert not hour["sources"], hour
    day = (await say(client, conv, "c'était quel jour ?"))["reply"]
    assert "demain" in day["text"] and not day["sources"], day
    # a day of the month the advisor set: "c'est le combien maintenant ?"
    conv = await conversation(client, customer_id="demo-lucas-moreau")
    hid = (await say(client, conv, "je veux parler à un conseiller"))["handoff"]["id"]
    await _advisor_says_and_hands_back(client, agent, hid,
                                       "C'est fait : à partir de janvier, votre prélèvement passera le 15 du mois.")
    date = (await say(client, conv, "c'est le combien du mois maintenant le prélèvement ?"))["reply"]
    assert "le 15 du mois" in date["text"] and not date["sources"], date


async def test_the_advisor_s_figure_is_found_by_the_unit_asked_after_handback(
        aiohttp_client: Any, app_factory: Any) -> None:
    """The advisor wrote weeks and minutes: "how many weeks did he say?" quotes the weeks, "how many minutes…" the
    minutes; "il a dit combien de jours ?" asks a time (not a price) and quotes the advisor's days; "il est valable
    combien de temps l'avoir ?" the advisor's "valable un an"."""
    client = await aiohttp_client(app_factory(demo=True))
    agent = await _agent(client)
    conv = await conversation(client, customer_id="demo-james-whitfield")
    hid = (await say(client, conv, "I want to talk to an advisor"))["handoff"]["id"]
    await client.post(f"/v1/handoffs/{hid}/accept", headers=h(agent))
    await client.post(f"/v1/handoffs/{hid}/messages", headers=h(agent),
                      json={"text": "It usually takes 4 weeks. The code can take up to 5 minutes to arrive."})
    await client.post(f"/v1/handoffs/{hid}/close", json={"outcome": "handback"}, headers=h(agent))
    weeks = (await say(client, conv, "how many weeks did he say?"))["reply"]
    assert "4 weeks" in weeks["text"] and "5 minutes" not in weeks["text"], weeks
    minutes = (await say(client, conv, "how many minutes did he say for the code?"))["reply"]
    assert "5 minutes" in minutes["text"] and "4 weeks" not in minutes["text"], minutes
    conv = await conversation(client, customer_id="demo-camille-laurent")
    hid = (await say(client, conv, "Je voudrais parler à un conseiller"))["handoff"]["id"]
    await client.post(f"/v1/handoffs/{hid}/accept", headers=h(agent))
    await client.post(f"/v1/handoffs/{hid}/messages", json={"text": "Cela prend 3 jours."}, headers=h(agent))
    await client.post(f"/v1/handoffs/{hid}/close", json={"outcome": "handback"}, headers=h(agent))
    days = (await say(client, conv, "il a dit combien de jours ?"))["reply"]
    assert "3 jours" in days["text"] and not days["sources"], days
    # how long a thing lasts, written in words: "un avoir de 300 € valable un an"
    hid = (await say(client, conv, "Je voudrais parler à un conseiller"))["handoff"]["id"]
    await client.post(f"/v1/handoffs/{hid}/accept", headers=h(agent))
    await client.post(f"/v1/handoffs/{hid}/messages", headers=h(agent),
                      json={"text": "À titre exceptionnel, je transforme votre réservation en avoir de 300 € "
                                    "valable un an."})
    await client.post(f"/v1/handoffs/{hid}/close", json={"outcome": "handback"}, headers=h(agent))
    lasts = (await say(client, conv, "il est valable combien de temps deja l'avoir ?"))["reply"]
    assert "valable un an" in lasts["text"] and not lasts["sources"], lasts
    # the reference of a complaint the advisor opened, asked back: theirs, not a complaint queued again
    hid = (await say(client, conv, "Je voudrais parler à un conseiller"))["handoff"]["id"]
    await client.post(f"/v1/handoffs/{hid}/accept", headers=h(agent))
    await client.post(f"/v1/handoffs/{hid}/messages", headers=h(agent),
                      json={"text": "J'ai ouvert la réclamation n° RC-20931 ; envoyez-nous vos photos par e-mail."})
    await client.post(f"/v1/handoffs/{hid}/close", json={"outcome": "handback"}, headers=h(agent))
    number = await say(client, conv, "c'était quoi le numéro de réclamation ?")
    assert number["handoff"] is None and "RC-20931" in number["reply"]["text"], number
    # closed as resolved, the conversation is the bot's again when the customer writes: the advisor's words too
    conv = await conversation(client, customer_id="demo-sarah-okafor")
    hid = (await say(client, conv, "agent please"))["handoff"]["id"]
    await client.post(f"/v1/handoffs/{hid}/accept", headers=h(agent))
    await client.post(f"/v1/handoffs/{hid}/messages", headers=h(agent),
                      json={"text": "We'll freeze her direct debits within 2 business days."})
    await client.post(f"/v1/handoffs/{hid}/close", json={"outcome": "resolved"}, headers=h(agent))
    again = (await say(client, conv, "sorry, how many days did you say for the direct debits?"))["reply"]
    assert "2 business days" in again["text"] and not again["sources"], again
    # the advisor's answer to "how long will the refund take?" names no refund: the only one in the unit asked
    hid = (await say(client, conv, "agent please"))["handoff"]["id"]
    await client.post(f"/v1/handoffs/{hid}/accept", headers=h(agent))
    await say(client, conv, "how long will the refund take?")
    await client.post(f"/v1/handoffs/{hid}/messages", headers=h(agent),
                      json={"text": "Once approved tomorrow, it takes 5 to 10 working days to reach your card."})
    await client.post(f"/v1/handoffs/{hid}/close", json={"outcome": "handback"}, headers=h(agent))
    days = (await say(client, conv, "sorry how many days did he say for the refund?"))["reply"]
    assert "5 to 10 working days" in days["text"] and not days["sources"], days


async def test_what_the_advisor_switched_on_is_no_longer_told_as_off(aiohttp_client: Any, app_factory: Any) -> None:
    """Tom's record has a hotel payment declined with payments abroad off; the advisor writes that they switched them
    on and hands back: the next answer no longer tells him they are off."""
    client = await aiohttp_client(app_factory(demo=True))
    agent = await _agent(client)
    conv = await conversation(client, customer_id="demo-tom-eriksen")
    hid = (await say(client, conv, "my card keeps getting declined at my hotel, i want an agent"))["handoff"]
    assert hid is not None and hid["reason"] == "human_request", hid
    await client.post(f"/v1/handoffs/{hid['id']}/accept", headers=h(agent))
    await client.post(f"/v1/handoffs/{hid['id']}/messages", headers=h(agent),
                      json={"text": "I've switched on payments abroad on your card, you can try again."})
    await client.post(f"/v1/handoffs/{hid['id']}/close", json={"outcome": "handback"}, headers=h(agent))
    out = await say(client, conv, "why was my card declined at the hotel?")
    assert out["reply"]["action"] == "answer", out["reply"]
    assert "switched off on your card" not in out["reply"]["text"], out["reply"]["text"]


async def test_after_a_bereavement_handed_back_the_advisor_s_quote_is_no_miss_and_the_matter_s_article_answers(
        aiohttp_client: Any, app_factory: Any) -> None:
    """Camille's mother died; the advisor answered, then handed back. "combien de semaines disait le conseiller ?" is
    the advisor's own words (no miss), and "Et où est-ce que je dépose les documents ?", which nothing finds alone, is
    the bereavement article's "en déposant les documents sur…", not a second miss that queues her again."""
    client = await aiohttp_client(app_factory(demo=True))
    agent = await _agent(client)
    conv = await conversation(client, customer_id="demo-camille-laurent")
    hid = (await say(client, conv, "Bonjour, ma mère est décédée la semaine dernière. Elle avait un compte chez vous, "
                                   "que dois-je faire ?"))["handoff"]["id"]
    await client.post(f"/v1/handoffs/{hid}/accept", headers=h(agent))
    await say(client, conv, "Merci. Et combien de temps pour débloquer le reste ?")
    await client.post(f"/v1/handoffs/{hid}/messages", headers=h(agent), json={
        "text": "Le solde est versé aux héritiers sur instruction du notaire, comptez en général 4 à 6 semaines."})
    await client.post(f"/v1/handoffs/{hid}/close", json={"outcome": "handback"}, headers=h(agent))
    weeks = await say(client, conv, "Pardon, combien de semaines disait le conseiller ?")
    assert "4 à 6 semaines" in weeks["reply"]["text"], weeks["reply"]
    out = await say(client, conv, "Et où est-ce que je dépose les documents ?")
    assert out["handoff"] is None and out["reply"]["action"] == "answer", out
    assert out["reply"]["sources"][0]["document_id"] == "bereavement-fr", out["reply"]
    assert "nordvik.example/bereavement" in out["reply"]["text"], out["reply"]


async def test_a_question_on_a_topic_the_advisor_handed_back_is_answered_not_queued_again(
        aiohttp_client: Any, app_factory: Any) -> None:
    """A formal complaint taken by the advisor and handed back: "Et la réclamation, je recevrai un accusé de réception
    ?" is the complaint article's 48 hours; a new complaint is queued again."""
    client = await aiohttp_client(app_factory(demo=True))
    agent = await _agent(client)
    conv = await conversation(client, customer_id="demo-nadia-benali")
    hid = (await say(client, conv, "je veux faire une réclamation formelle"))["handoff"]["id"]
    await _advisor_says_and_hands_back(client, agent, hid, "J'ai bien enregistré votre réclamation.")
    out = await say(client, conv, "Et la réclamation, je recevrai un accusé de réception ?")
    assert out["handoff"] is None and out["reply"]["action"] == "answer", out
    assert "48 heures" in out["reply"]["text"], out["reply"]
    again = await say(client, conv, "je veux faire une autre réclamation formelle, c'est inadmissible")
    assert again["handoff"] is not None and again["handoff"]["reason"] == "sensitive_topic", again
    # a bereavement the advisor dealt with and handed back for the practical details: "Can the funeral be paid from
    # her account?" (a question opened on "can the") is the article's €5,000, not the queue again with condolences
    conv = await conversation(client, customer_id="demo-james-whitfield", channel="mobile")
    hid = (await say(client, conv, "My mother passed away last week. She banked with you. What do I need to do?")
           )["handoff"]["id"]
    await _advisor_says_and_hands_back(client, agent, hid, "I'm handing you back for the practical details.")
    out = await say(client, conv, "Can the funeral be paid from her account?")
    assert out["handoff"] is None and out["reply"]["action"] == "answer", out
    assert "5,000" in out["reply"]["text"], out["reply"]


async def test_a_question_left_pending_is_read_with_the_subject_the_customer_came_with(
        aiohttp_client: Any, app_factory: Any) -> None:
    """"j'ai perdu ma carte", an advisor, who blocks it and hands back before "ok et si je la retrouve pas je paie la
    nouvelle carte ?" is answered: the handback answers it with the lost card's price (10 € en cas de perte), read
    with the subject the customer came with, from the article that gives a price rather than the freeze article."""
    client = await aiohttp_client(app_factory(demo=True))
    agent = await _agent(client)
    conv = await conversation(client, language="fr", channel="mobile")
    await say(client, conv, "j'ai perdu ma carte")
    hid = (await say(client, conv, "je veux parler a un conseiller"))["handoff"]["id"]
    back = await _asked_then_handed_back(client, agent, conv, hid, ("Bonjour, je bloque votre carte tout de suite.",),
                                         "ok et si je la retrouve pas je paie la nouvelle carte ?")
    assert back["action"] == "resume" and "10 € en cas de perte" in back["text"], back
    assert back["sources"][0]["document_id"] == "lost-stolen-card-fr", back


async def test_courtesy_said_to_the_advisor_does_not_lose_the_subject_after_handback(
        aiohttp_client: Any, app_factory: Any) -> None:
    """"my transfer hasnt arrived", a person asked for, "hello?" and "ok thanks" to the advisor, handed back: "how do i
    get a proof of payment for it?" is of the transfer, as it is without the courtesy in between."""
    client = await aiohttp_client(app_factory(demo=True))
    agent = await _agent(client)
    conv = await conversation(client)
    await say(client, conv, "my transfer hasnt arrived")
    hid = (await say(client, conv, "i want to talk to a human"))["handoff"]["id"]
    await client.post(f"/v1/handoffs/{hid}/accept", headers=h(agent))
    await say(client, conv, "hello?")
    await client.post(f"/v1/handoffs/{hid}/messages", json={"text": "Hi, I'm Ann, let me check."}, headers=h(agent))
    await say(client, conv, "ok thanks")
    await client.post(f"/v1/handoffs/{hid}/close", json={"outcome": "handback"}, headers=h(agent))
    proof = (await say(client, conv, "how do i get a proof of payment for it?"))["reply"]
    assert proof["action"] == "answer" and proof["sources"][0]["document_id"] == "transfer-delays", proof
    assert "proof of payment" in proof["text"], proof["text"]


async def test_two_questions_the_advisor_left_unanswered_are_both_answered_on_handback(
        aiohttp_client: Any, app_factory: Any) -> None:
    """"comment je fais pour changer mon forfait ?" then "et est-ce que je peux garder mon numéro ?", both after the
    advisor's last word: the handback answers each, under its own question, citing both articles; the same
    subject asked twice is answered once."""
    client = await aiohttp_client(app_factory(demo=True))
    agent = await _agent(client)
    conv = await conversation(client, language="fr")
    hid = (await say(client, conv, "je veux parler à un conseiller"))["handoff"]["id"]
    back = await _asked_then_handed_back(client, agent, conv, hid, ("Bonjour, je regarde.",),
                                         "comment je fais pour changer mon forfait ?",
                                         "et est-ce que je peux garder mon numéro ?")
    assert back["action"] == "resume", back
    assert "« comment je fais pour changer mon forfait ? »" in back["text"], back["text"]
    assert "« et est-ce que je peux garder mon numéro ? »" in back["text"], back["text"]
    assert back["text"].index("Mon forfait") < back["text"].index("RIO"), back["text"]  # each under its question
    assert [x["document_id"] for x in back["sources"]][:2] == ["changer-forfait-mobile", "number-porting-fr"], back

    conv = await conversation(client, language="fr")
    hid = (await say(client, conv, "je veux parler à un conseiller"))["handoff"]["id"]
    back = await _asked_then_handed_back(client, agent, conv, hid, (), "j'ai oublié mon code PIN",
                                         "comment retrouver mon code PIN ?")
    assert back["text"].count("Concernant votre question") == 1, back["text"]
    assert "« comment retrouver mon code PIN ? »" in back["text"], back["text"]


async def test_a_conversation_whose_advisor_leaves_goes_back_to_the_queue(client: Any) -> None:
    """Released by its advisor, by a supervisor, or once the advisor's console has been gone a while: the
    customer is told and waits with the bot again, and another advisor can take the conversation."""
    from assistant import keys

    await ingest(client)
    conv = await conversation(client, language="fr")
    hid = (await say(client, conv, "je veux parler à un conseiller"))["handoff"]["id"]
    ann, bob = await _agent(client), await _agent(client, "agent-bob")
    assert (await client.post(f"/v1/handoffs/{hid}/accept", headers=h(ann))).status == 200
    r = await client.post(f"/v1/handoffs/{hid}/release", headers=h(bob))  # not Bob's to release
    assert r.status == 403 and (await r.json())["error"]["code"] == "handoff_forbidden"
    r = await client.post(f"/v1/handoffs/{hid}/release", headers=h(ann))
    assert r.status == 200 and (await r.json())["status"] == "waiting" and (await r.json())["agent"] is None
    # the supervisor's log says it is back in the queue, beside who last held it
    r = await client.get("/v1/escalations", headers=h(await token(client, "sam", "supervisor")))
    row = next(x for x in (await r.json())["escalations"] if x["handoff_id"] == hid)
    assert (row["status"], row["outcome"], row["agent"]) == ("waiting", None, "agent-ann"), row
    # the queue shows it back in the queue since the release, beside the customer's whole wait
    queued = next(x for x in (await (await client.get("/v1/handoffs?status=waiting", headers=h(bob))).json())[
        "handoffs"] if x["id"] == hid)
    assert 0 <= queued["requeued_s"] <= queued["waiting_s"], queued
    told = (await events(client, conv))[-1]
    assert told["type"] == "bot_message" and "file d'attente" in told["text"], told
    waiting = await say(client, conv, "allô ?")
    assert waiting["reply"]["action"] == "handoff_wait" and waiting["handoff"]["id"] == hid, waiting
    r = await client.post(f"/v1/handoffs/{hid}/release", headers=h(ann))  # waiting: nothing to release
    assert r.status == 409
    assert (await client.post(f"/v1/handoffs/{hid}/accept", headers=h(bob))).status == 200
    supervisor = await token(client, "sam", "supervisor")
    r = await client.post(f"/v1/handoffs/{hid}/release", headers=h(supervisor))  # anyone's, for a supervisor
    assert r.status == 200 and (await r.json())["status"] == "waiting"
    assert (await client.get(f"/v1/handoffs/{hid}", headers=h(ann))).status == 200
    # Ann takes it again, then her only console closes and does not come back
    client.server.app[keys.services].handoffs.policy.rules.setdefault("agents", {})["release_when_gone_s"] = 0.3
    async with client.ws_connect(f"/v1/agents/stream?token={ann}") as ws:
        await ws.receive_json()
        assert (await client.post(f"/v1/handoffs/{hid}/accept", headers=h(ann))).status == 200
    assert (await say(client, conv, "vous êtes là ?"))["reply"] is None  # Ann's still, for a moment
    for _ in range(100):
        await asyncio.sleep(0.05)
        r = await client.get(f"/v1/handoffs/{hid}", headers=h(bob))
        if (await r.json())["status"] == "waiting":
            break
    assert (await r.json())["status"] == "waiting"
    types = [e["type"] for e in await events(client, conv)]
    assert types.count("handoff_released") == 3 and types[-1] == "bot_message", types
    assert (await say(client, conv, "toujours là ?"))["reply"]["action"] == "handoff_wait"
    # the supervisor's log keeps who held it and the customer's first wait, though it waits again now
    first_accept = next(e["at"] for e in await events(client, conv) if e["type"] == "handoff_accepted")
    for who in ("agent-bob", "BOB"):  # a part of the advisor's name finds them
        r = await client.get(f"/v1/escalations?agent={who}", headers=h(supervisor))
        rows = (await r.json())["escalations"]
        assert [row["handoff_id"] for row in rows] == [hid], rows
    row = rows[0]
    assert row["agent"] == "agent-ann" and row["agents"] == ["agent-ann", "agent-bob"], row
    assert row["accepted_at"][:19] == first_accept[:19] and row["wait_s"] is not None, (row, first_accept)
    # every wait an accept ended counts (the request, then each release until the next accept), and the one going
    # on now counts in how long the customer has queued
    seen = await events(client, conv)
    at = {kind: [datetime.fromisoformat(e["at"]) for e in seen if e["type"] == kind]
          for kind in ("handoff_requested", "handoff_accepted", "handoff_released")}
    starts = at["handoff_requested"][:1] + at["handoff_released"]
    waited = sum((accept - start).total_seconds() for start, accept in zip(starts, at["handoff_accepted"]))
    assert len(at["handoff_accepted"]) == 3 and abs(row["wait_s"] - waited) < 0.05, (row, waited)
    assert row["queued_s"] > row["wait_s"], row


async def test_a_waiting_customer_s_meanwhile_question_is_answered(aiohttp_client: Any, app_factory: Any) -> None:
    """"meanwhile, how long does an international transfer take?" while waiting for an advisor: answered meanwhile
    from the article on it, as the question alone would be; "en attendant, c'est combien …" in French too."""
    client = await aiohttp_client(app_factory(demo=True))
    for first, then, language in (("can I talk to an agent please",
                                   "meanwhile, how long does an international transfer take?", "en"),
                                  ("je veux un conseiller svp",
                                   "en attendant, c'est combien un virement international ?", "fr")):
        out = await reply_after(client, first, then, language=language)
        assert out["reply"]["action"] == "handoff_wait" and out["reply"]["sources"], out["reply"]
        assert out["reply"]["sources"][0]["document_id"].startswith("international-transfer"), out["reply"]


async def test_an_article_given_with_the_escalation_counts_as_sent(aiohttp_client: Any, app_factory: Any) -> None:
    """A bereaved customer's first message is escalated with condolences and the article on a relative's account: the
    packet's "what the bot tried" says that article was sent, and the summary names it."""
    client = await aiohttp_client(app_factory(demo=True))
    out = await reply_after(client, "ma mère est décédée la semaine dernière, que dois-je faire pour son compte ?",
                            language="fr")
    assert out["reply"]["action"] == "escalate" and out["reply"]["sources"], out["reply"]
    given = out["reply"]["sources"][0]["document_id"]
    packet = await (await client.get(f"/v1/handoffs/{out['handoff']['id']}", headers=h(await _agent(client)))).json()
    tried = {k["document_id"]: k for k in packet["knowledge_tried"]}
    assert tried[given]["sent"] is True, packet["knowledge_tried"]
    assert out["reply"]["sources"][0]["title"] in packet["summary"], packet["summary"]


async def test_the_agent_sees_what_the_bot_sent_meanwhile_and_suggestions_in_the_customers_language(
        aiohttp_client: Any, app_factory: Any) -> None:
    """An article the bot gave a waiting customer counts as sent (knowledge tried, the summary) and is
    not the agent's first suggestion; no suggestion is an article's translation into a language the
    customer does not write in, and an answer does not cite an article beside its own translation."""
    from assistant import keys

    client = await aiohttp_client(app_factory(demo=True))
    kb = client.server.app[keys.services].knowledge
    conv = await conversation(client, language="fr")
    await say(client, conv, "je veux parler à un conseiller")
    out = await say(client, conv, "comment réinitialiser mon mot de passe ?")
    assert out["reply"]["action"] == "handoff_wait" and out["reply"]["sources"], out["reply"]
    given = out["reply"]["sources"][0]["document_id"]
    r = await client.get(f"/v1/handoffs/{out['handoff']['id']}", headers=h(await _agent(client)))
    packet = await r.json()
    tried = {k["document_id"]: k for k in packet["knowledge_tried"]}
    assert tried[given]["sent"] is True, packet["knowledge_tried"]
    assert out["reply"]["sources"][0]["title"] in packet["summary"], packet["summary"]
    suggested = [a for a in packet["suggested_actions"] if a.get("document_id")]
    assert suggested and all(kb.document(a["document_id"]).language == "fr" for a in suggested), suggested
    assert all(a["sent"] == (a["document_id"] == given) for a in suggested), suggested
    assert all("sent it already" in a["why"] for a in suggested if a["kind"] == "article" and a["sent"]), suggested
    english = await conversation(client, language="en")
    for question in ("how do I reset my password?", "I forgot my PIN", "how do I block my card?"):
        cited = [s["document_id"] for s in (await say(client, english, question))["reply"]["sources"]]
        assert not any(kb.translations(a) & set(cited) for a in cited), (question, cited)


async def test_a_call_back_asked_for_while_waiting_is_acknowledged_and_shown_to_the_advisor(client: Any) -> None:
    """No advisor online: the wait is not "soon" after "no advisor is free"; "call me back" is taken down
    (the reply says so, the advisor's summary says so), not answered with the plain wait."""
    await ingest(client)
    conv = await conversation(client, language="en")
    opened = await say(client, conv, "agent please")
    assert "No advisor is free" in opened["reply"]["text"], opened["reply"]
    still = await say(client, conv, "hello?")
    assert still["reply"]["action"] == "handoff_wait" and "soon" not in still["reply"]["text"], still["reply"]
    assert "still in the queue" in still["reply"]["text"], still["reply"]
    noted = await say(client, conv, "can you call me back instead? 06 12 34 56 78")
    assert noted["reply"]["action"] == "handoff_wait" and "call you back" in noted["reply"]["text"], noted["reply"]
    r = await client.get(f"/v1/handoffs/{opened['handoff']['id']}", headers=h(await _agent(client)))
    assert "Asked to be called back." in (await r.json())["summary"]
    # then the number alone is thanked for, and the wait is for a call, not "an advisor will reply here"
    number = await say(client, conv, "on +44 7700 900123")
    assert "call you back on" in number["reply"]["text"], number["reply"]
    later = await say(client, conv, "ok")
    assert "call you back" in later["reply"]["text"] and "reply here" not in later["reply"]["text"], later["reply"]


async def test_a_call_back_asked_for_with_the_request_is_noted_not_offered_again(client: Any) -> None:
    """"je veux qu'un conseiller me rappelle": the request says the advisor will call, not "vous pouvez aussi demander
    à être rappelé"; the number given next is thanked for as the one to call."""
    await ingest(client)
    conv = await conversation(client, language="fr")
    opened = await say(client, conv, "je veux qu'un conseiller me rappelle")
    assert opened["handoff"] is not None, opened
    assert "vous rappellera" in opened["reply"]["text"], opened["reply"]
    assert "demander à être rappelé" not in opened["reply"]["text"], opened["reply"]
    number = await say(client, conv, "au 06 12 34 56 78")
    assert "rappellera à ce numéro" in number["reply"]["text"], number["reply"]


async def test_after_a_handback_a_thank_you_then_a_plain_question_hears_no_sympathy(
        aiohttp_client: Any, app_factory: Any) -> None:
    """The advisor solved it and handed back; "Merci beaucoup !" then "Et combien de temps met un virement
    pour arriver ?" is no falling mood (courtesy sets none) and a question: answered plainly, with no
    "je comprends que cette situation soit frustrante"."""
    client = await aiohttp_client(app_factory(demo=True))
    conv = await conversation(client, language="fr")
    await say(client, conv, "Je voudrais parler à un conseiller s'il vous plaît")
    hid = (await say(client, conv, "C'est urgent, je n'arrive pas à faire un virement de 5000 euros"))["handoff"]["id"]
    agent = await _agent(client)
    assert (await client.post(f"/v1/handoffs/{hid}/accept", headers=h(agent))).status == 200
    await client.post(f"/v1/handoffs/{hid}/messages", json={"text": "C'est débloqué, le virement est parti."},
                      headers=h(agent))
    r = await client.post(f"/v1/handoffs/{hid}/close", json={"outcome": "handback"}, headers=h(agent))
    assert r.status == 200
    await say(client, conv, "Merci beaucoup !")
    out = await say(client, conv, "Et combien de temps met un virement pour arriver ?")
    assert out["reply"]["action"] == "answer" and out["reply"]["tone"]["empathy"] == "none", out["reply"]["tone"]
    assert "frustrant" not in out["reply"]["text"] and "comprends" not in out["reply"]["text"], out["reply"]["text"]


async def test_a_waiting_customer_who_asks_what_the_knowledge_answers_gets_it_meanwhile(client: Any) -> None:
    """While no advisor has taken the conversation, a question the knowledge answers is answered after
    the wait message (the advisor is still coming); courtesy and what it cannot answer get the wait
    message alone; once an advisor has taken it, the bot says nothing."""
    await ingest(client)
    agent = await _agent(client)
    conv = await conversation(client)
    hid = (await say(client, conv, "my card was stolen and someone used it, I want an agent"))["handoff"]["id"]
    meanwhile = await say(client, conv, "how do I block my card?")
    reply = meanwhile["reply"]
    assert reply["action"] == "handoff_wait" and meanwhile["state"] == "waiting_agent", meanwhile
    assert reply["text"].startswith("You're still in the queue") and "Cards > Block" in reply["text"], reply
    assert reply["sources"][0]["document_id"] == "card-lost", reply
    for text in ("ok", "what is the weather on Mars?", "call me back please", "how long will this take?"):
        out = (await say(client, conv, text))["reply"]
        assert out["action"] == "handoff_wait" and out["sources"] == [] and "Cards" not in out["text"], (text, out)
    out = (await say(client, conv, "can you speak Spanish?"))["reply"]
    assert out["action"] == "handoff_wait" and "only answer in English or French" in out["text"], out
    r = await client.post(f"/v1/handoffs/{hid}/accept", headers=h(agent))
    assert r.status == 200
    assert (await say(client, conv, "how do I block my card?"))["reply"] is None


async def test_a_waiting_customer_who_vents_hears_sorry_and_one_who_tells_gets_no_stray_article(
        aiohttp_client: Any, app_factory: Any) -> None:
    """Waiting for an advisor: "your useless bot isnt helping at all" is answered sorry first, then the queue;
    "i already contacted them they wont answer" tells, and what it finds weakly is no help meanwhile; a question is
    still answered meanwhile, with one "sorry" at most."""
    client = await aiohttp_client(app_factory(demo=True))
    conv = await conversation(client, customer_id="demo-james-whitfield")
    await say(client, conv, "i was charged twice by a restaurant in lisbon")
    assert (await say(client, conv, "i want to talk to a human"))["handoff"] is not None
    vented = (await say(client, conv, "your useless bot isnt helping at all"))["reply"]
    assert vented["action"] == "handoff_wait" and vented["text"].startswith("I'm sorry"), vented
    told = (await say(client, conv, "i already contacted them they wont answer"))["reply"]
    assert told["action"] == "handoff_wait" and told["sources"] == [], told
    asked = (await say(client, conv, "this is ridiculous, how do I freeze my card?"))["reply"]
    assert asked["sources"][0]["document_id"] == "freeze-unfreeze-card", asked
    assert asked["text"].count("sorry") <= 1, asked["text"]


async def test_payments_not_recognised_hand_over_as_fraud_and_what_to_do_meanwhile_is_said_again(
        client: Any) -> None:
    """"3 payments i dont recognise … from amazon" is fraud said in other words: handed over at once with how
    to protect the money; "what do i do now??" while waiting hears that advice again, not the queue alone."""
    await ingest(client)
    conv = await conversation(client)
    first = await say(client, conv, "there are 3 payments i dont recognise on my account from amazon")
    assert first["handoff"] is not None and first["handoff"]["reason"] == "sensitive_topic", first
    assert "have your bank block it" in first["reply"]["text"]
    then = await say(client, conv, "what do i do now??")
    assert then["reply"]["action"] == "handoff_wait" and "block it" in then["reply"]["text"], then["reply"]
    waiting = await say(client, conv, "ok thanks")  # not what to do: thanked, and the queue
    assert "block it" not in waiting["reply"]["text"], waiting["reply"]
    assert waiting["reply"]["text"].startswith("You're welcome") and "queue" in waiting["reply"]["text"], waiting


async def test_waiting_about_a_scam_the_advice_is_not_followed_by_an_unrelated_article(
        aiohttp_client: Any, app_factory: Any) -> None:
    """"jai donné mon code" then "je fais quoi maintenant ??" while a scam waits for an advisor: how to protect the
    money, not "you can view your PIN in the app" (what "code" finds); the fraud article, tagged "fraud", still
    answers meanwhile."""
    client = await aiohttp_client(app_factory(demo=True))
    conv = await conversation(client, language="fr")
    first = await say(client, conv, "je me suis fait arnaquer par un faux conseiller au tel")
    assert first["handoff"] is not None and first["handoff"]["reason"] == "sensitive_topic", first
    for text in ("jai donné mon code", "je fais quoi maintenant ??"):
        out = await say(client, conv, text)
        assert out["reply"]["action"] == "handoff_wait" and "ligne fraude" in out["reply"]["text"], out["reply"]
        assert "code PIN" not in out["reply"]["text"], out["reply"]
        assert all(not s["document_id"].startswith("code-pin") for s in out["reply"]["sources"]), out["reply"]


async def test_a_bereaved_customer_waiting_gets_the_answer_about_the_relative_s_account_and_condolences_once(
        client: Any) -> None:
    """"est-ce que je peux payer les obsèques avec son compte ?" ("son": the father just named) while the
    bereavement request waits: alone it finds a blocked account, with the question before the article on a
    relative's account, whose funeral-costs sentence is given meanwhile; condolences are not said twice.
    "combien de temps ça va prendre ?" is about the wait: the wait."""
    from pathlib import Path

    demo = Path(__file__).parents[2] / "configs" / "demo" / "knowledge.json"
    await ingest(client, json.loads(demo.read_text(encoding="utf-8"))["documents"])
    conv = await conversation(client, language="fr")
    first = await say(client, conv, "Bonjour, mon père est décédé la semaine dernière")
    assert first["handoff"]["reason"] == "sensitive_topic" and "condoléances" in first["reply"]["text"]
    costs = await say(client, conv, "est-ce que je peux payer les obseques avec son compte ?")
    assert costs["reply"]["action"] == "handoff_wait", costs["reply"]
    assert "pompes funèbres" in costs["reply"]["text"], costs["reply"]["text"]
    assert costs["reply"]["sources"][0]["document_id"] == "bereavement-fr"
    assert "condoléances" not in costs["reply"]["text"]
    wait = await say(client, conv, "combien de temps ça va prendre ?")
    assert wait["reply"]["action"] == "handoff_wait" and not wait["reply"]["sources"], wait["reply"]


async def test_a_bereaved_customer_is_told_what_to_do_while_the_advisor_comes(client: Any) -> None:
    """"my mother passed away last week, what do I need to do with her account": condolences, the queue, and meanwhile
    the article on a relative's account, cited (not its own condolences again); then, waiting, "est ce que je peux
    payer les obseques avec son compte ?" typed without its hyphen is answered meanwhile like "est-ce que", and a
    low mood while grieving hears no "frustrating"."""
    from pathlib import Path

    demo = Path(__file__).parents[2] / "configs" / "demo" / "knowledge.json"
    await ingest(client, json.loads(demo.read_text(encoding="utf-8"))["documents"])
    conv = await conversation(client)
    first = await say(client, conv, "my mother passed away last week, what do i need to do with her account")
    reply = first["reply"]
    assert first["handoff"]["reason"] == "sensitive_topic" and reply["action"] == "escalate", first
    assert "sorry for your loss" in reply["text"] and "death certificate" in reply["text"], reply["text"]
    assert reply["sources"][0]["document_id"] == "bereavement", reply
    opening = (await reply_after(client, "my father died last week, what do i do with his account"))["reply"]
    assert "bereavement team" in opening["text"] and opening["text"].lower().count("sorry") == 1, opening["text"]
    low = await say(client, conv, "im lost, can i pay for the funeral from her account?")
    assert low["reply"]["action"] == "handoff_wait" and "€5,000" in low["reply"]["text"], low["reply"]
    assert "frustrat" not in low["reply"]["text"], low["reply"]["text"]
    conv = await conversation(client, language="fr")
    await say(client, conv, "bonjour, mon pere est decede la semaine derniere")
    costs = await say(client, conv, "est ce que je peux payer les obseques avec son compte ?")
    assert costs["reply"]["action"] == "handoff_wait" and "pompes funèbres" in costs["reply"]["text"], costs["reply"]
    # "Et pour son forfait mobile ?" after the article given meanwhile: of the matter waited on, its sentence on it
    conv = await conversation(client, language="fr")
    await say(client, conv, "bonjour, mon père est décédé la semaine dernière, que dois-je faire pour son compte ?")
    plan = await say(client, conv, "Et pour son forfait mobile ?")
    assert plan["reply"]["action"] == "handoff_wait" and "résilié sans frais" in plan["reply"]["text"], plan["reply"]


async def test_fraud_told_while_waiting_raises_the_waiting_request_in_the_queue(client: Any) -> None:
    """A plain request for a person waits; the customer then reports fraud: the same handoff (no second
    one) now carries the sensitive topic, rises in the queue, and the agents' stream hears it; the
    customer is told how to protect the money meanwhile, and every reply names the request that stands."""
    await ingest(client)
    agent = await _agent(client)
    calm, worried = await conversation(client), await conversation(client)
    await say(client, calm, "I'd like to talk to an advisor please")
    opened = await say(client, worried, "I'd like to talk to an advisor please")
    hid = opened["handoff"]["id"]
    queue = (await (await client.get("/v1/handoffs?status=waiting", headers=h(agent))).json())["handoffs"]
    before = {x["id"]: x["priority"] for x in queue}
    assert len(before) == 2 and before[hid] == max(before.values()), queue
    # (every console counts the wait on at the same rate: the server's)
    assert all(x["priority_per_minute"] == 0.2 for x in queue), queue
    async with client.ws_connect(f"/v1/agents/stream?token={agent}") as ws:
        assert (await ws.receive_json(timeout=5))["kind"] == "queue"
        out = await say(client, worried, "I think it's a scam, someone is taking money from my account")
        assert out["handoff"] == {"id": hid, "reason": "human_request", "status": "waiting"}, out
        assert out["reply"]["action"] == "handoff_wait", out
        assert out["reply"]["text"].startswith("To protect yourself right away"), out
        assert "advisor will be with you" in out["reply"]["text"], out
        frame = await ws.receive_json(timeout=5)
        while frame["kind"] != "handoff_updated":
            frame = await ws.receive_json(timeout=5)
        assert frame["handoff"]["id"] == hid and frame["handoff"]["topic"] == "fraud", frame
    queue = (await (await client.get("/v1/handoffs?status=waiting", headers=h(agent))).json())["handoffs"]
    assert len(queue) == 2 and queue[0]["id"] == hid and queue[0]["priority"] >= before[hid] + 2, queue
    packet = await (await client.get(f"/v1/handoffs/{hid}", headers=h(agent))).json()
    assert packet["reason"] == "human_request" and "sensitive_topic" in packet["evidence"]["also"], packet["evidence"]
    assert [r["text"] for r in packet["evidence"]["raised"]] == [
        "I think it's a scam, someone is taking money from my account"], packet["evidence"]
    # a supervisor listing the sensitive topics' escalations finds it, opened as a request for a person
    boss = await token(client, "sup-sam", "supervisor")
    listed = (await (await client.get("/v1/escalations?reason=sensitive_topic", headers=h(boss))).json())["escalations"]
    assert hid in [x["handoff_id"] for x in listed], listed
    assert all(x["reason"] == "sensitive_topic" or "sensitive_topic" in x["evidence"].get("also", []) for x in listed)
    plain = (await (await client.get("/v1/escalations?reason=out_of_scope", headers=h(boss))).json())["escalations"]
    assert hid not in [x["handoff_id"] for x in plain], plain
    # a second report adds nothing: the reason is already there, the queue keeps still
    again = await say(client, worried, "it's a scam I tell you")
    assert again["handoff"]["id"] == hid
    packet = await (await client.get(f"/v1/handoffs/{hid}", headers=h(agent))).json()
    assert len(packet["evidence"]["raised"]) == 1 and packet["evidence"]["also"] == ["sensitive_topic"], packet
    # a weightier topic still: the same handoff, now a customer in danger, first in the queue
    await say(client, worried, "I can't take this anymore, I'm thinking of ending it all")
    queue = (await (await client.get("/v1/handoffs?status=waiting", headers=h(agent))).json())["handoffs"]
    assert queue[0]["id"] == hid and queue[0]["topic"] == "vulnerability", queue
    assert queue[0]["priority"] >= before[hid] + 6, queue
    await client.post(f"/v1/handoffs/{hid}/accept", headers=h(agent))
    owned = await say(client, worried, "hello?")
    assert owned["reply"] is None and owned["handoff"] == {"id": hid, "reason": "human_request", "status": "active"}


async def test_a_customer_who_starts_over_leaves_the_queue(aiohttp_client: Any, app_factory: Any) -> None:
    """The chat page's "new conversation" while waiting: DELETE …/handoff takes the request out of the queue (closed,
    withdrawn, by the customer); with none waiting, 409 and nothing changes; only the conversation's token may."""
    client = await aiohttp_client(app_factory(demo=True))
    agent = await _agent(client)
    conv = await conversation(client, language="en")
    hid = (await say(client, conv, "agent please"))["handoff"]["id"]
    other = await conversation(client, language="en")
    r = await client.delete(f"/v1/conversations/{conv['conversation_id']}/handoff", headers=h(other["token"]))
    assert r.status in (401, 403) and "error" in await r.json()
    r = await client.delete(f"/v1/conversations/{conv['conversation_id']}/handoff", headers=h(conv["token"]))
    assert r.status == 200 and (await r.json())["withdrawn"] is True
    r = await client.get("/v1/handoffs?status=waiting", headers=h(agent))
    assert hid not in [x["id"] for x in (await r.json())["handoffs"]]
    closed = [e for e in await events(client, conv) if e["type"] == "handoff_closed"]
    assert closed and closed[0]["outcome"] == "withdrawn" and closed[0]["author"] == "customer", closed
    r = await client.delete(f"/v1/conversations/{conv['conversation_id']}/handoff", headers=h(conv["token"]))
    body = await r.json()
    assert r.status == 409 and body["error"]["code"] == "no_waiting_request", body
    assert (await say(client, conv, "how do I freeze my card?"))["reply"]["action"] == "answer"


async def test_a_customer_who_no_longer_wants_an_advisor_gets_the_bot_back_while_none_has_accepted(
        client: Any) -> None:
    await ingest(client)
    agent = await _agent(client)
    conv = await conversation(client)
    hid = (await say(client, conv, "agent please"))["handoff"]["id"]
    assert (await say(client, conv, "ok"))["reply"]["action"] == "handoff_wait"
    back = await say(client, conv, "actually no need for an agent, how do I reset my PIN?")
    assert back["state"] == "bot" and back["handoff"] is None
    assert back["reply"]["action"] == "answer" and back["reply"]["sources"][0]["document_id"] == "pin"
    # answered, with word that no advisor is coming any more
    assert back["reply"]["text"].startswith(
        ("I have cancelled the request for an advisor. ", "Sure, no advisor then. ")), back["reply"]
    r = await client.get("/v1/handoffs?status=waiting", headers=h(agent))
    assert hid not in [x["id"] for x in (await r.json())["handoffs"]]
    r = await client.post(f"/v1/handoffs/{hid}/accept", headers=h(agent))
    assert r.status == 409  # nothing left to take
    closed = [e for e in await events(client, conv) if e["type"] == "handoff_closed"]
    assert closed[0]["outcome"] == "withdrawn" and closed[0]["author"] == "customer"
    r = await client.get("/v1/handoffs?status=closed", headers=h(agent))
    withdrawn = [x for x in (await r.json())["handoffs"] if x["id"] == hid]
    assert withdrawn and withdrawn[0]["status"] == "closed" and withdrawn[0]["agent"] is None  # no agent named

    # nothing asked beside the withdrawal: acknowledged in the customer's language, no miss counted
    conv = await conversation(client, language="fr")
    await say(client, conv, "je veux parler à un conseiller")
    out = await say(client, conv, "annulez ma demande de conseiller svp")
    assert out["state"] == "bot" and out["reply"]["action"] == "clarify" and "annulé" in out["reply"]["text"]
    assert (await say(client, conv, "je ne sais pas"))["handoff"] is None  # one miss is not yet two
    # nor need it name the person: "never mind", "laisse tomber, j'ai trouvé"
    # and typed in a hurry, without apostrophes
    for language, request, never_mind in (("en", "agent please", "never mind, I found it"),
                                          ("fr", "je veux un conseiller", "en fait laisse tomber, pas besoin"),
                                          ("fr", "je veux un conseiller", "c est bon j ai trouvé")):
        conv = await conversation(client, language=language)
        await say(client, conv, request)
        out = await say(client, conv, never_mind)
        assert out["state"] == "bot" and out["handoff"] is None and out["reply"]["action"] == "clarify", out
    # a change of mind is no upset: no apology, no formal register for it
    conv = await conversation(client)
    await say(client, conv, "can I talk to a human")
    out = await say(client, conv, "actually never mind, no need for an agent")
    assert out["reply"]["tone"]["empathy"] == "none" and out["sentiment"]["label"] != "negative", out

    # once an agent has it, a change of mind is for the agent to hear
    conv = await conversation(client)
    hid = (await say(client, conv, "agent please"))["handoff"]["id"]
    r = await client.post(f"/v1/handoffs/{hid}/accept", headers=h(agent))
    assert r.status == 200
    out = await say(client, conv, "no need for an agent anymore")
    assert out["reply"] is None and out["state"] == "agent"


async def test_no_bot_message_lands_after_an_accept_that_races_with_customer_messages(client: Any) -> None:
    await ingest(client)
    conv = await conversation(client)
    hid = (await say(client, conv, "I want to talk to a human"))["handoff"]["id"]
    agent = await _agent(client)
    # from the queue, a request may go back to the bot; resolved, only by an agent who took it
    r = await client.post(f"/v1/handoffs/{hid}/close", json={"outcome": "resolved"}, headers=h(agent))
    assert r.status == 409 and (await r.json())["error"]["code"] == "handoff_conflict", await r.text()
    r = await client.post(f"/v1/handoffs/{hid}/close", json={"outcome": "handback"}, headers=h(agent))
    assert r.status == 200
    told = (await events(client, conv))[-1]  # no advisor spoke to them: not a plain "you are back"
    assert told["type"] == "bot_message" and "take your request this time" in told["text"], told
    hid = (await say(client, conv, "get me a real person"))["handoff"]["id"]

    async def message(i: int) -> Any:
        return await client.post(f"/v1/conversations/{conv['conversation_id']}/messages",
                                 json={"text": f"I forgot my PIN ({i})"}, headers=h(conv["token"]))

    async def accept() -> Any:
        await asyncio.sleep(0.01)
        return await client.post(f"/v1/handoffs/{hid}/accept", headers=h(agent))

    results = await asyncio.gather(*(message(i) for i in range(20)), accept())
    assert all(r.status == 200 for r in results)
    evs = await events(client, conv)
    accepted = [e["seq"] for e in evs if e["type"] == "handoff_accepted"][-1]
    assert not [e for e in evs if e["seq"] > accepted and e["type"] == "bot_message"]
    assert sum(1 for e in evs if e["type"] == "customer_message") == 22


async def test_supervisors_see_the_escalation_with_wait_and_outcome(client: Any) -> None:
    await ingest(client)
    conv = await conversation(client)
    # long enough to be cut in the summary, the phone number across the cut (character 120)
    said = ("I need to speak to an advisor about my card 4539 1488 0343 6467, write to jo.doe@example.com "
            "or call me on +33 6 12 34 56 78 please")
    assert said.index("+33") < 119 < said.index("78 please")
    hid = (await say(client, conv, said))["handoff"]["id"]
    agent = await _agent(client)
    packet = await (await client.get(f"/v1/handoffs/{hid}", headers=h(agent))).json()
    assert "[phone]" in packet["summary"] or "+33" not in packet["summary"], packet["summary"]  # cut after masking
    await client.post(f"/v1/handoffs/{hid}/accept", headers=h(agent))
    note = "Card 4539 1488 0343 6467 blocked, a new one ordered"
    await client.post(f"/v1/handoffs/{hid}/close", json={"outcome": "resolved", "note": note}, headers=h(agent))
    contained = await conversation(client)
    await say(client, contained, "I forgot my PIN")
    sup = await token(client, "sup", "supervisor")
    r = await client.get("/v1/escalations?format=json", headers=h(sup))
    rows = (await r.json())["escalations"]
    assert len(rows) == 1
    row = rows[0]
    assert row["handoff_id"] == hid and row["reason"] == "human_request" and row["outcome"] == "resolved"
    assert row["agent"] == "agent-ann" and isinstance(row["wait_s"], float) and row["wait_s"] >= 0
    assert row["queued_s"] == row["wait_s"] and row["note"].endswith("blocked, a new one ordered"), row
    r = await client.get("/v1/escalations?format=csv", headers=h(sup))
    assert r.headers["Content-Type"].startswith("text/csv")
    exported = await r.text()
    for shown in (json.dumps(rows), exported):  # the log shows the customer's words masked, as the packet does
        # the number's digits, not a timestamp's that happen to hold "6467"
        assert not re.search(r"(?<![\d*.])0343|(?<![\d*.:])6467(?!\d)", shown), shown
        assert "jo.doe" not in shown and "12 34 56" not in shown
    table = list(csv.DictReader(io.StringIO(exported)))
    assert table[0]["handoff_id"] == hid and table[0]["outcome"] == "resolved"
    r = await client.get("/v1/escalations?reason=out_of_scope", headers=h(sup))
    assert (await r.json())["escalations"] == []
    await conversation(client)  # opened, never used: no conversation to count as contained
    missed = await conversation(client)  # kept by the bot, which never answered it: contained, unanswered
    assert (await say(client, missed, "what will the weather be on mars tomorrow"))["reply"]["action"] != "answer"
    r = await client.get("/v1/kpis", headers=h(sup))
    k = await r.json()
    assert (k["conversations"], k["escalated"], k["contained"], k["containment_rate"]) == (3, 1, 2, 0.6667), k
    assert k["contained_unanswered"] == 1, k
    assert k["waiting"] == 0 and k["longest_waiting_s"] is None
    today = row["created_at"][:10]
    r = await client.get(f"/v1/escalations?until={today}", headers=h(sup))  # a date: the whole of that day
    assert [e["handoff_id"] for e in (await r.json())["escalations"]] == [hid]
    for query in ("outcome=bogus", "reason=bogus", "reason=fraud"):  # fraud is a topic, sensitive_topic the reason
        r = await client.get(f"/v1/escalations?{query}", headers=h(sup))
        assert r.status == 422 and "must be one of" in (await r.json())["error"]["message"], query
    r = await client.get("/v1/escalations?reason=out_of_scope&reason=human_request", headers=h(sup))
    assert r.status == 422 and "more than once" in (await r.json())["error"]["message"]  # not the first alone
    for path in ("/v1/kpis?until=9999-12-31", "/v1/escalations?since=9999-12-31T23:59:59&until=9999-12-31"):
        r = await client.get(path, headers=h(sup))
        assert r.status == 422, path
    assert k["median_wait_s"] is not None
    r = await client.get("/v1/kpis?since=2999-01-01", headers=h(sup))
    assert (await r.json())["conversations"] == 0
    r = await client.get("/v1/kpis?since=yesterday", headers=h(sup))
    assert r.status == 422
    # a time with its offset is that instant, "+" sent escaped or not: 1 h ahead of UTC, then 5 h behind
    created = datetime.fromisoformat(row["created_at"].replace("Z", "+00:00"))
    paris = (created - timedelta(minutes=1)).astimezone(timezone(timedelta(hours=1))).isoformat()
    new_york = (created - timedelta(minutes=1)).astimezone(timezone(timedelta(hours=-5))).isoformat()
    for query in (f"since={quote(paris)}", f"since={paris}", f"since={quote(new_york)}"):
        r = await client.get(f"/v1/escalations?{query}", headers=h(sup))
        assert hid in [e["handoff_id"] for e in (await r.json())["escalations"]], query
    later = (created + timedelta(minutes=1)).astimezone(timezone(timedelta(hours=-5))).isoformat()
    r = await client.get(f"/v1/escalations?since={quote(later)}", headers=h(sup))
    assert hid not in [e["handoff_id"] for e in (await r.json())["escalations"]], later
    r = await client.get("/v1/kpis?since=0001-01-01T00:00:00%2B05:00", headers=h(sup))
    assert r.status == 422
    queued = await conversation(client)
    await say(client, queued, "agent please")
    await asyncio.sleep(0.2)
    k = await (await client.get("/v1/kpis", headers=h(sup))).json()
    assert k["waiting"] == 1 and k["longest_waiting_s"] >= 0.2, k  # the queue backing up shows
    assert (k["left_unanswered"], k["median_wait_left_s"]) == (0, None), k
    await say(client, queued, "never mind, I found it")  # withdrawn: waited, and left before anyone came
    k = await (await client.get("/v1/kpis", headers=h(sup))).json()
    assert k["waiting"] == 0 and k["left_unanswered"] == 1 and k["median_wait_left_s"] >= 0.2, k
    assert (k["escalated"], k["contained"]) == (1, 3), k  # withdrawn: the bot kept the conversation
    left = [e for e in (await (await client.get("/v1/escalations", headers=h(sup))).json())["escalations"]
            if e["outcome"] == "withdrawn"]
    assert len(left) == 1 and left[0]["wait_s"] is None and left[0]["queued_s"] >= 0.2, left


async def test_asking_the_same_thing_again_hands_off_but_a_follow_up_does_not(client: Any) -> None:
    await ingest(client)
    conv = await conversation(client)
    assert (await say(client, conv, "I forgot my PIN"))["handoff"] is None
    assert (await say(client, conv, "how do I send money to a friend?"))["handoff"] is None
    once_more = await say(client, conv, "I forgot my PIN again")  # perhaps the answer was not read yet
    assert once_more["handoff"] is None and once_more["reply"]["action"] == "answer"
    again = await say(client, conv, "I forgot my PIN, I told you already")
    assert again["handoff"]["reason"] == "repeated_question"


async def test_the_packet_summary_says_what_the_customer_asked_not_that_they_asked_for_someone(client: Any) -> None:
    await ingest(client)
    conv = await conversation(client)
    hid = (await say(client, conv, "I need help from an agent"))["handoff"]["id"]
    await say(client, conv, "how do I reset my PIN?")
    await say(client, conv, "and now I think it's a scam, someone is using my card")
    agent = await _agent(client)
    summary = (await (await client.get(f"/v1/handoffs/{hid}", headers=h(agent))).json())["summary"]
    assert "asked: \u201chow do I reset my PIN?\u201d" in summary, summary
    assert "latest: \u201cand now I think it's a scam" in summary and "Raised: fraud." in summary, summary
    assert "help from an agent" not in summary, summary


async def test_a_question_said_to_the_advisor_is_what_a_follow_up_after_the_handback_asks_of(
        aiohttp_client: Any, app_factory: Any) -> None:
    """"I lost my card yesterday" said to the advisor, who answers and hands back; then "how long will it take?":
    the replacement card's 5 business days, not number porting's 3 days (what "take" finds alone). Said of a
    question nothing answered, it is not known rather than number porting either."""
    client = await aiohttp_client(app_factory(demo=True))
    agent = await _agent(client)
    for said, expected in (("I lost my card yesterday", "5 business days"), ("can I buy bitcoin with you?", None)):
        conv = await conversation(client)
        hid = (await say(client, conv, "I want to talk to a human"))["handoff"]["id"]
        await client.post(f"/v1/handoffs/{hid}/accept", headers=h(agent))
        await say(client, conv, said)
        await client.post(f"/v1/handoffs/{hid}/messages", json={"text": "Done, I blocked it."}, headers=h(agent))
        await client.post(f"/v1/handoffs/{hid}/close", json={"outcome": "handback"}, headers=h(agent))
        out = await say(client, conv, "how long will it take?")
        assert "RIO" not in out["reply"]["text"], (said, out["reply"])
        if expected:
            assert out["reply"]["action"] == "answer" and expected in out["reply"]["text"], out["reply"]
            assert out["reply"]["sources"][0]["document_id"] == "lost-stolen-card-en", out["reply"]
        else:
            assert out["reply"]["sources"] == [], out["reply"]


async def test_calm_questions_that_score_low_from_their_subject_are_no_falling_mood(
        aiohttp_client: Any, app_factory: Any) -> None:
    """A transfer to the wrong IBAN, asked about in three calm messages the turn's sentiment head scores -0.59,
    -0.34 and -0.52 (their subject: a mistake, a transfer): the third, a plain question, is answered or
    clarified, not handed over for a falling mood."""
    client = await aiohttp_client(app_factory(demo=True))
    conv = await conversation(client, language="fr")
    for text in ("jai fait un virement au mauvais iban, je peux lannuler ?", "cetait un virement instantane",
                 "et si cetait un virement normal ?"):
        out = await say(client, conv, text)
        assert out["handoff"] is None, (text, out)


async def test_a_question_after_the_handback_is_read_with_what_the_advisor_said(aiohttp_client: Any,
                                                                                app_factory: Any) -> None:
    """Nadia's mobile bill, the advisor: "je vois 67,98 € de SMS+ sur votre facture, remboursement sur la prochaine
    facture", the handback; "ok merci. et ca va prendre combien de temps le remboursement ?" is the bill dispute's
    10 days (alone it finds a card chargeback, weakly), and blocking SMS+ comes from the same article."""
    client = await aiohttp_client(app_factory(demo=True))
    agent = await _agent(client)
    conv = await conversation(client, customer_id="demo-nadia-benali")
    await say(client, conv, "bonjour ma facture mobile est de 87 euros ce mois ci au lieu de 19,99 je comprends pas")
    hid = (await say(client, conv, "je veux parler a quelqun"))["handoff"]["id"]
    await client.post(f"/v1/handoffs/{hid}/accept", headers=h(agent))
    said = "Bonjour Madame Benali, je vois 67,98 € de SMS+ sur votre facture, remboursement sur la prochaine facture."
    await client.post(f"/v1/handoffs/{hid}/messages", json={"text": said}, headers=h(agent))
    r = await client.post(f"/v1/handoffs/{hid}/close", json={"outcome": "handback"}, headers=h(agent))
    assert r.status == 200
    out = await say(client, conv, "ok merci. et ca va prendre combien de temps le remboursement ?")
    assert out["reply"]["sources"][0]["document_id"] == "contestation-facture-mobile", out["reply"]
    assert "10 jours" in out["reply"]["text"], out["reply"]["text"]
    out = await say(client, conv, "et comment je bloque ces sms+ pour que ca recommence pas")
    assert "Blocages" in out["reply"]["text"], out["reply"]["text"]


async def test_a_reference_or_a_date_the_advisor_gave_is_quoted_when_asked_again(client: Any) -> None:
    """"sorry what was the claim number?", "c'était quoi le numéro de dossier déjà ?", "wait what was the deadline to
    send it?" after the advisor's "the claim number is D-7781. Please send the photos before 15 April.": their
    sentence, not an article; a reference or a date the advisor never gave is not made up."""
    await ingest(client)
    agent = await _agent(client)
    conv = await conversation(client)
    hid = (await say(client, conv, "agent please"))["handoff"]["id"]
    await _advisor_says_and_hands_back(client, agent, hid, "I've opened your claim, the claim number is D-7781. "
                                                           "Please send the photos before 15 April.")
    for asked, given in (("sorry what was the claim number?", "D-7781"), ("wait what was the deadline to send it?",
                                                                          "before 15 April"),
                         ("c'était quoi le numéro de dossier déjà ?", "D-7781")):
        out = await say(client, conv, asked)
        assert out["handoff"] is None and out["reply"]["sources"] == [], (asked, out)
        assert given in out["reply"]["text"], (asked, out["reply"]["text"])
    conv = await conversation(client)
    hid = (await say(client, conv, "agent please"))["handoff"]["id"]
    await _advisor_says_and_hands_back(client, agent, hid, "I've noted it, someone will look into it.")
    out = await say(client, conv, "sorry what was the claim number?")
    assert "As your advisor said" not in out["reply"]["text"], out["reply"]
    # of two references, the kind asked; a deadline asked anew, not asked back, is the knowledge's
    from assistant.dialogue import _latest_giving, _other_figure_asked
    said = ["We're open monday to saturday, 24/7 in the app.", "Your new card is order ORD-55123, here by friday.",
            "I've opened claim CLM-2024-0042 for the theft."]
    def given(said: list[str], asked: str, back: bool = True) -> str:
        return _latest_giving(said, _other_figure_asked(asked), asked, back) or ""

    assert "CLM-2024-0042" in given(said, "sorry what was the claim number?")
    assert "ORD-55123" in given(said, "what was the order number again?")
    assert given(said, "what is the deadline to declare a theft?", back=False) == ""
    assert given(["Votre mot de passe provisoire est AB12CD34."], "c'était quoi le numéro de dossier déjà ?") == ""


async def test_a_figure_the_advisor_gave_before_handing_back_is_quoted_when_asked_again(client: Any) -> None:
    await ingest(client)
    agent = await _agent(client)
    conv = await conversation(client)
    hid = (await say(client, conv, "agent please"))["handoff"]["id"]
    await _advisor_says_and_hands_back(
        client, agent, hid, "Done. I've raised your withdrawal limit to 1000 euros for the next 30 days.")
    out = await say(client, conv, "wait how many days did he say")
    assert out["handoff"] is None and out["reply"]["sources"] == [], out
    assert "for the next 30 days" in out["reply"]["text"] and "Done." not in out["reply"]["text"], out
    # of two figures the advisor gave, the one of the thing asked about, not the latest
    from assistant.dialogue import _figure_given
    said = ["Oui, en janvier nous avions remboursé 23,97 € de SMS+ sur la facture suivante.",
            "J'ai relevé le plafond de votre carte à 12 000 € pour les 30 prochains jours."]
    assert "12 000 €" in (_figure_given(said, "pardon elle a dit combien le plafond") or "")
    assert "23,97 €" in (_figure_given(said, "elle a dit combien pour les sms+ deja") or "")
    allow = "Hi James, I checked: the transfer is on its way, please allow 3 more business days."
    assert _figure_given([allow], "wait how many days did she say") == allow  # "3 more business days" is a time
    # the same figure asked of another thing: not the advisor's sentence
    out = await say(client, conv, "how many days does a new card take?")
    assert "30 days" not in out["reply"]["text"], out
    # a question of its own, about something the advisor gave no figure of: the knowledge answers
    out = await say(client, conv, "how long does a transfer take?")
    assert out["reply"]["action"] == "answer" and out["reply"]["sources"][0]["document_id"] == "transfer", out


async def test_a_yes_or_no_on_what_the_advisor_said_is_answered_with_what_they_said(client: Any) -> None:
    """The advisor promised the fee back by Friday and handed back: "so it'll be refunded by friday?" is answered with
    the advisor's own sentence, not an article on opening hours; "donc le plafond repasse à la normale dans 3 jours
    c'est ça ?" the same in French; "so how do i block my card?" is a question of its own."""
    await ingest(client)
    agent = await _agent(client)
    conv = await conversation(client)
    hid = (await say(client, conv, "agent please"))["handoff"]["id"]
    await _advisor_says_and_hands_back(
        client, agent, hid, "I checked: the transfer will be credited within 3 days, and the €15 fee will be "
                            "refunded by Friday.")
    out = await say(client, conv, "so it'll be refunded by friday?")
    assert out["handoff"] is None and out["reply"]["sources"] == [], out
    assert "refunded by Friday" in out["reply"]["text"] and "advisor" in out["reply"]["text"], out["reply"]["text"]
    conv = await conversation(client, language="fr")
    hid = (await say(client, conv, "je veux parler à un conseiller"))["handoff"]["id"]
    await _advisor_says_and_hands_back(client, agent, hid, "C'est fait : j'ai relevé votre plafond à 10 000 € pour 3 "
                                                           "jours.")
    out = await say(client, conv, "donc le plafond repasse à la normale dans 3 jours c'est ça ?")
    assert "10 000 € pour 3 jours" in out["reply"]["text"] and out["reply"]["sources"] == [], out["reply"]
    conv = await conversation(client)
    hid = (await say(client, conv, "agent please"))["handoff"]["id"]
    await _advisor_says_and_hands_back(client, agent, hid, "Your new card will arrive within 5 business days.")
    out = await say(client, conv, "so how do i block my card?")
    assert "within 5 business days" not in out["reply"]["text"], out["reply"]


async def test_a_thing_of_three_letters_asked_after_the_advisor_is_not_the_advisor_s_thing(
        aiohttp_client: Any, app_factory: Any) -> None:
    """The advisor said the new card arrives within 5 business days, and handed back: "et la nouvelle sim elle arrive
    quand ?" asks of the SIM (3 business days), not the card the advisor spoke of, nor the lost card's article."""
    client = await aiohttp_client(app_factory(demo=True))
    agent = await _agent(client)
    conv = await conversation(client, customer_id="demo-camille-laurent", channel="mobile")
    hid = (await say(client, conv, "on m'a volé mon téléphone et ma carte, je veux un conseiller"))["handoff"]["id"]
    await _advisor_says_and_hands_back(
        client, agent, hid, "Votre carte est bloquée. Votre nouvelle carte arrive sous 5 jours ouvrés.")
    out = await say(client, conv, "et la nouvelle sim elle arrive quand ?")
    assert out["reply"]["sources"][0]["document_id"] == "sim-replacement-esim-fr", out["reply"]
    assert "3 jours ouvrés" in out["reply"]["text"] and "5 jours" not in out["reply"]["text"], out["reply"]["text"]


async def test_a_closing_while_waiting_is_told_how_to_take_the_request_back(client: Any) -> None:
    await ingest(client)
    conv = await conversation(client)
    await say(client, conv, "agent please")
    out = await say(client, conv, "thanks thats all")
    assert out["reply"]["action"] == "handoff_wait" and "cancel my request" in out["reply"]["text"], out
    out = await say(client, conv, "cancel my request")
    assert out["handoff"] is None or out["handoff"]["status"] != "waiting", out
    r = await client.get("/v1/handoffs?status=waiting", headers=h(await _agent(client)))
    assert all(x["conversation_id"] != conv["conversation_id"] for x in (await r.json())["handoffs"])


async def test_a_question_naming_its_subject_is_answered_while_waiting_and_one_of_the_wait_is_not(
        aiohttp_client: Any, app_factory: Any) -> None:
    """Waiting for an advisor: "How long does it take to close it?" names what it asks of (closing, its own article:
    "within 30 days"), meanwhile; "how long will this take?" is the wait's, the queue alone."""
    client = await aiohttp_client(app_factory(demo=True))
    conv = await conversation(client, customer_id="demo-james-whitfield")
    await say(client, conv, "I want to close my account")
    assert (await say(client, conv, "i want an agent"))["handoff"] is not None
    out = await say(client, conv, "How long does it take to close it?")
    assert out["reply"]["action"] == "handoff_wait" and "30 days" in out["reply"]["text"], out["reply"]
    wait = await say(client, conv, "how long will this take?")
    assert wait["reply"]["action"] == "handoff_wait" and not wait["reply"]["sources"], wait["reply"]


async def test_a_company_s_own_sensitive_topic_is_handed_over_with_its_own_words(aiohttp_client: Any, app_factory: Any,
                                                                               tmp_path: Any) -> None:
    """A mobile operator's SIM swap: its words in escalation.toml (a topic of its own, and more words for fraud), its
    first words in tone.toml."""
    own = tmp_path / "operator"
    own.mkdir()
    (own / "escalation.toml").write_text(
        '[sensitive_topic]\ntopics = ["fraud", "vulnerability", "sim_swap"]\n'
        'words = { sim_swap = ["sim swap", "portabilit\\\\w* .{0,40}sans mon accord"], '
        'fraud = ["esim .{0,30}sans mon autorisation"] }\n'
        '[priority]\ntopic = { sim_swap = 3.0 }\n', encoding="utf-8")
    (own / "tone.toml").write_text('[words.en.friendly]\ntopic_sim_swap = "Your line may have been taken over: we '
                                   'are suspending it now."\n', encoding="utf-8")
    client = await aiohttp_client(app_factory(tmp_path / "data", config_dir=own))
    conv = await conversation(client, language="en")
    out = await say(client, conv, "someone did a SIM swap on my number, I have no signal")
    assert out["handoff"] is not None and out["handoff"]["reason"] == "sensitive_topic", out
    assert out["reply"]["text"].startswith("Your line may have been taken over"), out["reply"]
    agent = await _agent(client)
    packet = await (await client.get(f"/v1/handoffs/{out['handoff']['id']}", headers=h(agent))).json()
    assert packet["evidence"]["topic"] == "sim_swap", packet["evidence"]
    conv = await conversation(client, language="fr")
    ported = await say(client, conv, "Quelqu'un a fait une portabilité de mon numéro sans mon accord")
    assert ported["handoff"] is not None and ported["handoff"]["reason"] == "sensitive_topic", ported
    conv = await conversation(client, language="fr")
    esim = await say(client, conv, "On a activé une eSIM sur ma ligne sans mon autorisation")
    assert esim["handoff"] is not None and esim["handoff"]["reason"] == "sensitive_topic", esim


async def test_asked_whether_a_text_is_a_scam_it_is_answered_and_details_given_to_it_are_handed_over(
        aiohttp_client: Any, app_factory: Any) -> None:
    """"is this text a scam?" with nothing paid nor given: the article on scams answers it, no queue; "oh no I already
    put my card details on it" right after: the scam's victim, handed over as fraud (the message alone names no
    scam)."""
    client = await aiohttp_client(app_factory(demo=True))
    conv = await conversation(client, language="en")
    asked = await say(client, conv, "is this text a scam? it says my card is blocked and to click a link to unblock it")
    assert asked["handoff"] is None and asked["reply"]["action"] == "answer", asked["reply"]
    assert asked["reply"]["sources"][0]["document_id"] == "fraud-scam-en", asked["reply"]
    given = await say(client, conv, "oh no I already put my card details on it")
    assert given["handoff"] is not None and given["handoff"]["reason"] == "sensitive_topic", given
    # the same words with no scam before them: no fraud told
    conv = await conversation(client, language="en")
    plain = await say(client, conv, "I put my card details in the app yesterday, how do I see my statements?")
    assert plain["handoff"] is None, plain


async def test_a_request_about_personal_data_goes_to_a_person_when_no_article_is_on_it(client: Any) -> None:
    """"delete my data" at a company whose knowledge says nothing of personal data: handed over (the advisor checks it
    is them; the law sets a deadline), not mobile data's top-up that "data" finds; "I used all my data" is still that
    article's."""
    await ingest(client, [
        {"id": "data-top-up", "title": "Buying extra mobile data", "language": "en",
         "text": "If you run out of mobile data, buy a top-up in the app under Mobile > Add-ons: 1 GB for 3 euros.",
         "questions": ["I ran out of data", "how do I buy more data", "data top-up"]},
        {"id": "pin", "title": "Reset your PIN", "language": "en",
         "text": "You can reset your PIN in the app under Cards > PIN.", "questions": ["I forgot my PIN"]}])
    out = await reply_after(client, "I want you to delete my data")
    assert out["handoff"] is not None and out["handoff"]["reason"] == "sensitive_topic", out
    assert "personal data" in out["reply"]["text"] and not out["reply"]["sources"], out["reply"]
    packet = await (await client.get(f"/v1/handoffs/{out['handoff']['id']}", headers=h(await _agent(client)))).json()
    assert "personal" in json.dumps(packet).lower(), packet
    used = await reply_after(client, "I used all my data, how do I get more?")
    assert used["handoff"] is None and used["reply"]["sources"][0]["document_id"] == "data-top-up", used["reply"]


async def test_a_request_about_personal_data_is_answered_by_the_company_s_article_on_it(
        aiohttp_client: Any, app_factory: Any) -> None:
    """At the demo bank, whose article on personal data gives the process, the request is answered from it, the bot
    saying it cannot act from the chat itself; in French from the French article."""
    demo = await aiohttp_client(app_factory(demo=True))
    asked = await reply_after(demo, "can you delete my data?")
    assert asked["handoff"] is None and asked["reply"]["sources"][0]["document_id"] == "personal-data", asked["reply"]
    assert asked["reply"]["text"].startswith("I can't do that for you from here"), asked["reply"]
    french = await reply_after(demo, "je veux que vous effaciez toutes les infos que vous avez sur moi", language="fr")
    assert french["handoff"] is None and french["reply"]["sources"][0]["document_id"] == "personal-data-fr", french
    # a right exercised, in words the sentiment head hears as sour: no frustration acknowledged
    stop = await reply_after(demo, "please delete all my data and stop sending me marketing emails")
    assert stop["reply"]["sources"][0]["document_id"] == "personal-data", stop["reply"]
    assert stop["reply"]["tone"]["empathy"] == "none" and "frustrat" not in stop["reply"]["text"], stop["reply"]


async def test_a_person_asked_for_beside_a_question_on_the_file_is_a_request_for_a_person(client: Any) -> None:
    """"where is my request? I want to speak to someone now": handed over as asked, not "I can't see your requests…
    just say yes" (the question on the file answered, the person asked for dropped)."""
    await ingest(client)
    out = await reply_after(client, "where is my request? I want to speak to someone now")
    assert out["handoff"] is not None and out["handoff"]["reason"] == "human_request", out
    alone = await reply_after(client, "is my request still open?")
    assert alone["handoff"] is None and "request" in alone["reply"]["text"], alone["reply"]


async def test_an_advisor_taken_after_the_bot_says_what_it_is(client: Any) -> None:
    """"are you a real person?" is told the bot can get an advisor when asked: "ok then get me one" asks for one, as a
    "yes" does; "ok thanks" after it asks for nothing."""
    await ingest(client)
    for taken in ("ok then get me one", "oui"):
        out = await reply_after(client, "are you a real person?", taken)
        assert out["handoff"] is not None and out["handoff"]["reason"] == "human_request", (taken, out)
    kept = await reply_after(client, "are you a real person?", "ok thanks")
    assert kept["handoff"] is None, kept
