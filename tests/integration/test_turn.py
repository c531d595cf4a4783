"""The whole turn, end to end, on SQLite and PostgreSQL, across a restart."""
from __future__ import annotations

import asyncio
from typing import Any

import pytest

from assistant.db import Database
from handoff.conversations import AnsweredMeanwhile, answer_turn, create_conversation, list_events
from tests.helpers import conversation, events, h, ingest, reply_after, say


async def test_three_turns_cite_the_right_documents_and_survive_a_restart(
    aiohttp_client: Any, app_factory: Any, database_url: str | None, tmp_path: Any
) -> None:
    data_dir = tmp_path / "d"
    client = await aiohttp_client(app_factory(data_dir, database_url=database_url))
    await ingest(client)
    conv = await conversation(client)
    asked = [("I can't remember my PIN", "pin"),
             ("how can I send money to my friend?", "transfer"),
             ("someone stole my card", "card-lost")]
    for text, doc in asked:
        out = await say(client, conv, text)
        assert out["reply"]["action"] == "answer", out
        assert out["reply"]["sources"][0]["document_id"] == doc
        assert out["handoff"] is None
    evs = await events(client, conv)
    assert [e["seq"] for e in evs] == [1, 2, 3, 4, 5, 6]
    assert [e["type"] for e in evs] == ["customer_message", "bot_message"] * 3
    assert [e["text"] for e in evs[::2]] == [t for t, _ in asked]
    assert [e["sources"][0]["document_id"] for e in evs[1::2]] == [d for _, d in asked]
    await client.close()

    again = await aiohttp_client(app_factory(data_dir, database_url=database_url))
    assert [e["seq"] for e in await events(again, conv)] == [1, 2, 3, 4, 5, 6]
    r = await again.post("/v1/knowledge/search", json={"query": "forgot my PIN code"}, headers=h())
    assert (await r.json())["results"][0]["document_id"] == "pin"
    out = await say(again, conv, "I forgot my PIN again")
    assert out["seq"] == 7


async def test_same_client_message_id_is_stored_once_with_the_same_answer(client: Any) -> None:
    await ingest(client)
    conv = await conversation(client)
    first = await say(client, conv, "I forgot my PIN", client_message_id="m-1")
    second = await say(client, conv, "I forgot my PIN", client_message_id="m-1")
    assert first == second
    assert [e["type"] for e in await events(client, conv)] == ["customer_message", "bot_message"]


async def test_a_question_nothing_answers_is_not_guessed(client: Any) -> None:
    await ingest(client)
    out = await reply_after(client, "what is the capital of Mongolia?")
    assert out["reply"]["action"] == "clarify"
    assert out["reply"]["sources"] == [] or all(s["score"] < 0.6 for s in out["reply"]["sources"])


async def test_a_french_question_is_answered_from_an_english_document(client: Any) -> None:
    await ingest(client)
    out = await reply_after(client, "J'ai oublié mon code PIN", language="fr")
    assert out["reply"]["action"] == "answer"
    assert out["reply"]["sources"][0]["document_id"] == "pin"
    assert out["reply"]["tone"]["language"] == "fr"
    assert "anglais" in out["reply"]["text"]


async def test_events_page_by_seq(client: Any) -> None:
    await ingest(client)
    conv = await conversation(client)
    await say(client, conv, "I forgot my PIN")
    await say(client, conv, "how do I send money")
    assert [e["seq"] for e in await events(client, conv, after=2)] == [3, 4]
    assert await events(client, conv, after=4) == []


@pytest.mark.postgres
async def test_a_message_another_process_answers_meanwhile_is_written_once(pg_url: str) -> None:
    """Two workers take the same client_message_id at once (no Redis lock between them): the
    one that waited for the conversation's row writes nothing and returns the stored answer."""
    db = Database(pg_url)
    await db.create_schema()
    async with db.session() as s:
        conv = await create_conversation(s, channel="web", customer_id=None, language="en")
    written = [{"type": "customer_message", "author": "customer", "text": "hi", "data": {}},
               {"type": "bot_message", "author": "bot", "text": "hello", "data": {}}]

    def response_of(first: int) -> dict[str, Any]:
        return {"seq": first, "reply": {"text": "hello"}}

    first = await db.engine.connect()
    await first.begin()
    answered, _ = await answer_turn(first, conv.id, written, "bot", "m-1", response_of)

    async def twin() -> Any:
        async with db.engine.begin() as conn:
            return await answer_turn(conn, conv.id, written, "bot", "m-1", response_of)

    second = asyncio.create_task(twin())
    await asyncio.sleep(0.3)
    assert not second.done()  # waiting for the row the first one holds
    await first.commit()
    await first.close()
    with pytest.raises(AnsweredMeanwhile):
        await second
    again, rows = await twin()
    assert (again, rows) == (answered, None)
    async with db.session() as s:
        assert [e.seq for e in await list_events(s, conv.id)] == [1, 2]
    await db.engine.dispose()


async def test_a_short_follow_up_is_read_with_the_question_before_it(aiohttp_client: Any, app_factory: Any) -> None:
    client = await aiohttp_client(app_factory(demo=True))  # the demo knowledge base: 44 documents
    alone = await client.post("/v1/knowledge/search", json={"query": "and to the US?"}, headers=h())
    assert not (await alone.json())["in_scope"]  # nothing answers the follow-up on its own
    conv = await conversation(client)
    first = await say(client, conv, "how do I make a transfer?")
    assert first["reply"]["action"] == "answer"
    assert first["reply"]["sources"][0]["document_id"] != "international-transfer"
    out = await say(client, conv, "and to the US?")
    assert out["reply"]["action"] == "answer", out
    assert out["reply"]["sources"][0]["document_id"] == "international-transfer"
    # a new subject is not forced onto the last question's documents
    other = await say(client, conv, "tell me a joke")
    assert other["reply"]["action"] == "clarify", other
    assert "international-transfer" not in [s["document_id"] for s in other["reply"]["sources"]]


async def test_an_elliptical_question_is_read_with_the_one_before_even_when_its_words_match_alone(
        aiohttp_client: Any, app_factory: Any) -> None:
    """"and abroad?" alone finds roaming (the phone abroad); after a question about transfers it
    asks about transfers abroad. A whole new question after "and" stays a new question."""
    client = await aiohttp_client(app_factory(demo=True))
    alone = await (await client.post("/v1/knowledge/search", json={"query": "and abroad?"}, headers=h())).json()
    assert alone["in_scope"] and alone["results"][0]["document_id"] != "international-transfer", alone
    conv = await conversation(client)
    await say(client, conv, "how do I make a transfer?")
    out = await say(client, conv, "and abroad?")
    assert out["reply"]["action"] == "answer", out
    assert out["reply"]["sources"][0]["document_id"] == "international-transfer"
    other = await say(client, conv, "and how do I block my card?")
    assert other["reply"]["sources"][0]["document_id"] in ("freeze-unfreeze-card", "lost-stolen-card-en"), other


async def test_a_question_that_points_back_with_a_pronoun_stays_on_the_subject(
        aiohttp_client: Any, app_factory: Any) -> None:
    """"how long does it take?" alone finds number porting ("the transfer happens within 3 days"); after
    questions about international transfers, "it" is the transfer, even when the question just before
    was not understood."""
    client = await aiohttp_client(app_factory(demo=True))
    alone = await (await client.post("/v1/knowledge/search", json={"query": "how long does it take?"},
                                     headers=h())).json()
    assert not alone["results"][0]["document_id"].startswith("refunds-chargeback"), alone
    for between in ("and to the US?", "and to Mars?"):  # understood (an acronym the article has), or not
        conv = await conversation(client)
        await say(client, conv, "What are the fees for an international transfer?")
        out = await say(client, conv, between)
        assert (out["reply"]["action"] == "answer") == (between == "and to the US?"), out
        out = await say(client, conv, "how long does it take?")
        assert out["reply"]["action"] == "answer", out
        assert out["reply"]["sources"][0]["document_id"] == "international-transfer", out
    # "c'est gratuit ?" alone finds the account article
    out = await reply_after(client, "Comment faire un virement ?", "c'est gratuit ?", language="fr")
    assert out["reply"]["sources"][0]["document_id"] in ("virement-sepa", "virement-instantane"), out
    assert "gratuit" in out["reply"]["text"], out
    # an "it" that stands for nothing is a new question
    out = await reply_after(client, "How do I freeze my card?", "Is it safe to use Apple Pay?")
    assert out["reply"]["sources"][0]["document_id"] == "apple-google-pay", out


async def test_asked_how_long_of_a_thing_the_last_answer_names_it_stays_on_that_answer(
        aiohttp_client: Any, app_factory: Any) -> None:
    """"how long does a return take?" alone finds number porting ("how long does porting take"); after
    cancelling a transfer, whose answer offers a return of funds, it is that return: "how long" and "take"
    ask for a time, "return" is the subject, and the last article has it."""
    client = await aiohttp_client(app_factory(demo=True))
    out = await reply_after(client, "i want to cancel a transfer", "how long does a return take?")
    assert out["reply"]["sources"][0]["document_id"] == "annuler-virement-en", out["reply"]
    assert "return of funds" in out["reply"]["text"] and "RIO" not in out["reply"]["text"], out["reply"]


async def test_a_step_done_then_still_not_working_is_sorry_and_an_advisor_not_the_same_article_again(
        aiohttp_client: Any, app_factory: Any) -> None:
    """"ok i turned it on" after the declined-card answer: try again, and an advisor if it still fails;
    "still doesnt work!!!" then (nearest that same article): sorry, and an advisor a "yes" takes, not the
    article offered again; in French, "ça marche toujours pas" said in the customer's register."""
    client = await aiohttp_client(app_factory(demo=True))
    conv = await conversation(client, customer_id="demo-tom-eriksen")
    await say(client, conv, "my card got declined at the hotel")
    done = await say(client, conv, "ok i turned it on")
    assert done["handoff"] is None and "try" in done["reply"]["text"], done["reply"]
    still = await say(client, conv, "still doesnt work!!!")
    assert still["reply"]["sources"] == [] and "declined" not in still["reply"]["text"], still["reply"]
    assert "advisor" in still["reply"]["text"], still["reply"]
    taken = await say(client, conv, "yes")
    assert taken["handoff"] is not None and taken["handoff"]["reason"] == "human_request", taken
    conv = await conversation(client, language="fr")
    await say(client, conv, "je n'arrive plus à me connecter à l'appli")
    still = await say(client, conv, "ca marche toujours pas")
    assert still["reply"]["action"] == "clarify" and "conseiller" in still["reply"]["text"], still["reply"]
    assert still["reply"]["sources"] == [], still["reply"]
    # "done" with nothing done before, or after a how-to: an acknowledgement; the trouble gone: glad, anything else
    first = await say(client, await conversation(client), "done")
    assert "try" not in first["reply"]["text"], first["reply"]
    froze = await reply_after(client, "how do I freeze my card", "ok I froze it")
    assert "try" not in froze["reply"]["text"] and "else" in froze["reply"]["text"], froze["reply"]
    conv = await conversation(client, customer_id="demo-tom-eriksen")
    await say(client, conv, "mobile data not working")
    topped = await say(client, conv, "cest bon jai rechargé merci")
    assert topped["reply"]["sources"] == [] and "Réessaie" in topped["reply"]["text"], topped["reply"]
    works = await say(client, conv, "ça remarche merci")
    assert works["reply"]["sources"] == [] and "autre chose" in works["reply"]["text"], works["reply"]
    # Tom, whose record speaks of a declined card: "still doesnt work" after the roaming steps is not placed there
    conv = await conversation(client, customer_id="demo-tom-eriksen")
    await say(client, conv, "mobile data not working")
    await say(client, conv, "ok i turned it on")
    still = await say(client, conv, "still doesnt work")
    assert still["reply"]["sources"] == [] and "Shinjuku" not in still["reply"]["text"], still["reply"]
    # "that didn't help", which the request head alone hears as one: offered, not queued unasked
    helped = await reply_after(client, "how do i reset my password", "that didn't help")
    assert helped["handoff"] is None and "advisor" in helped["reply"]["text"], helped


async def test_two_subjects_found_as_weakly_as_each_other_are_asked_about_not_guessed(
        aiohttp_client: Any, app_factory: Any) -> None:
    """"ma carte passe plus" finds the lost-card article (0.51) and the declined-card one (0.48), both just in
    scope: answering the first would tell a customer whose card works to cancel it for good. Which one is
    asked, both named in French; "la deuxième" is answered. A sure question is still answered outright."""
    client = await aiohttp_client(app_factory(demo=True))
    conv = await conversation(client, language="fr")
    which = await say(client, conv, "ma carte passe plus")
    assert which["reply"]["action"] == "clarify", which["reply"]
    offered = [s["document_id"] for s in which["reply"]["sources"]]
    assert sorted(offered) == ["card-declined-fr", "lost-stolen-card-fr"], which["reply"]
    assert "Paiement par carte refusé" in which["reply"]["text"], which["reply"]
    picked = await say(client, conv, "la deuxième")
    assert picked["reply"]["action"] == "answer", picked["reply"]
    assert picked["reply"]["sources"][0]["document_id"] == offered[1], picked["reply"]
    # an option picked by its title, which reads as French, is answered in the conversation's English
    conv = await conversation(client)
    which = await say(client, conv, "transfer abroad")
    titles = [s["title"] for s in which["reply"]["sources"]]
    assert which["reply"]["action"] == "clarify" and "International (non-SEPA) transfers" in titles, which["reply"]
    picked = await say(client, conv, "International (non-SEPA) transfers")
    assert picked["reply"]["sources"][0]["document_id"] == "international-transfer", picked["reply"]
    sure = await reply_after(client, "j'ai perdu ma carte", language="fr")
    assert sure["reply"]["action"] == "answer", sure["reply"]
    # the savings rate first, but the overdraft named in the question is the other one's subject, not the savings'
    rate = await reply_after(client, "whats the interest rate on overdraft")
    assert rate["reply"]["action"] == "clarify", rate["reply"]
    assert {s["document_id"] for s in rate["reply"]["sources"]} == {"epargne-taux-en", "decouvert-en"}, rate["reply"]
    savings = await reply_after(client, "what's the savings interest rate")
    assert savings["reply"]["action"] == "answer", savings["reply"]


async def test_a_limit_asked_of_an_article_that_gives_none_is_said_missing(aiohttp_client: Any,
                                                                          app_factory: Any) -> None:
    """"what is the limit for instant transfers?": the article on them gives none, and the answer says it has not that
    figure after what it can tell; asked the price of an international transfer, whose article gives the €15 fee, it
    answers without it."""
    client = await aiohttp_client(app_factory(demo=True))
    out = await reply_after(client, "what is the limit for instant transfers?")
    assert out["reply"]["action"] == "answer", out["reply"]
    assert out["reply"]["text"].endswith("I don't have the exact figure you asked for, though."), out["reply"]["text"]
    out = await reply_after(client, "how much does an international transfer cost?")
    assert "€15" in out["reply"]["text"] and "figure" not in out["reply"]["text"], out["reply"]["text"]
    out = await reply_after(client, "c'est combien le virement instantané ?", language="fr")  # "gratuit": a price
    assert "chiffre" not in out["reply"]["text"], out["reply"]["text"]


async def test_after_one_option_offered_a_question_with_it_takes_it_and_one_with_its_own_subject_does_not(
        aiohttp_client: Any, app_factory: Any) -> None:
    """"do you mean this? Managing direct debits" then "can i get it back" (typed without its question mark):
    that article, then "how long do i have": its 8 weeks. After "do you mean this? My account is blocked" for a
    bitcoin question, "what about life insurance" names a subject of its own: not the blocked account."""
    client = await aiohttp_client(app_factory(demo=True))
    conv = await conversation(client, customer_id="demo-sarah-okafor")
    first = await say(client, conv, "gym still taking money after i cancelled")
    assert first["reply"]["action"] == "clarify", first["reply"]
    back = await say(client, conv, "can i get it back")
    assert back["reply"]["action"] == "answer" and back["reply"]["sources"][0]["document_id"] == "direct-debits", back
    when = await say(client, conv, "how long do i have")
    assert "8 weeks" in (when["reply"]["text"] or ""), when["reply"]
    other = await reply_after(client, "can i buy bitcoin with my account", "what about life insurance")
    assert not any(s["document_id"] == "account-blocked" for s in (other["reply"]["sources"] or [])), other["reply"]
    # said with more words, it is answered from the direct debits' article at once (no option to pick)
    said = await reply_after(client, "my gym is still taking money even tho i cancelled", customer_id="demo-sarah-okafor")
    assert said["reply"]["sources"] and said["reply"]["sources"][0]["document_id"] == "direct-debits", said["reply"]


async def test_a_message_that_asks_two_things_is_answered_on_both(aiohttp_client: Any, app_factory: Any) -> None:
    """"how do I add my card to apple pay and also what is the contactless limit": the Apple Pay steps, then,
    under its quote, the €50; in French to Lucas, in his register. "what are the fees? how long does it take?"
    is one subject (the second leans on the first), and "My card was declined. What should I do?" too."""
    client = await aiohttp_client(app_factory(demo=True))
    both = await reply_after(client, "how do I add my card to apple pay and also what is the contactless limit")
    assert [s["document_id"] for s in both["reply"]["sources"]] == ["apple-google-pay", "plafond-sans-contact-en"]
    text = both["reply"]["text"]
    assert "Add to Apple Wallet" in text and "“what is the contactless limit”" in text and "€50" in text, text
    fr = await reply_after(client, "comment je change de forfait et aussi comment je recharge mes data",
                           customer_id="demo-lucas-moreau")
    assert [s["document_id"] for s in fr["reply"]["sources"]] == ["changer-forfait-mobile", "mobile-data-top-up-fr"]
    assert "« comment je recharge mes data »" in fr["reply"]["text"] and "achète" in fr["reply"]["text"], fr["reply"]
    and_how = await reply_after(client, "how do i get my RIB and how do i change my address")
    assert [s["document_id"] for s in and_how["reply"]["sources"]] == ["rib-iban-en", "changement-adresse-en"]
    price = await reply_after(client, "My transfer hasn't arrived. How much does an international transfer cost?")
    assert "€15 fee" in price["reply"]["text"], price["reply"]
    # the second question's country is in the SEPA zone: that transfer's price (free), not the international one's
    swiss = await reply_after(client, "Bonjour, 2 questions : quel est mon plafond de paiement avec ma visa premier et "
                                      "combien coute un virement vers la suisse ?", customer_id="demo-camille-laurent")
    assert [s["document_id"] for s in swiss["reply"]["sources"]] == ["plafonds-carte", "virement-sepa"], swiss
    assert "gratuits" in swiss["reply"]["text"] and "15 €" not in swiss["reply"]["text"], swiss["reply"]["text"]
    for one in ("what are the fees? how long does it take?", "My card was declined. What should I do?",
                "ok whatever, can i just call u? whats the number"):  # "the number": the one to call
        out = await reply_after(client, one)
        assert len(out["reply"]["sources"]) == 1 and "About your question" not in out["reply"]["text"], out["reply"]
        assert "RIO" not in out["reply"]["text"], out["reply"]


async def test_a_list_of_questions_is_answered_point_by_point(aiohttp_client: Any, app_factory: Any) -> None:
    """"1) … 2) … 3) …": each question answered under its number from its own article (the savings rate, the
    overdraft's 14.9 %, early repayment's 1 %); what nothing covers said so. A list
    of questions about one subject ("What is the fee? How long does it take? …") is one subject."""
    client = await aiohttp_client(app_factory(demo=True))
    out = (await reply_after(client, "Good morning. A few questions: 1) what is the interest rate on savings? 2) what "
                                     "is the overdraft rate? 3) can I repay my loan early and what does it cost?",
                             customer_id="demo-james-whitfield"))["reply"]
    lines = out["text"].split("\n")
    assert [line[:2] for line in lines[-3:]] == ["1)", "2)", "3)"], out["text"]
    assert "2%" in lines[-3] and "14.9%" in lines[-2] and "1%" in lines[-1], out["text"]
    assert len(out["sources"]) == 3, out["sources"]
    out = (await reply_after(client, "1) how do i reset my password 2) whats the atm limit on my card 3) can i get a "
                                     "mortgage", customer_id="demo-tom-eriksen"))["reply"]
    lines = out["text"].split("\n")
    assert "Forgot password" in lines[-3] and "€300 per day" in lines[-2], out["text"]
    assert "mortgage" in lines[-1] and lines[-1].startswith("3)"), out["text"]
    one = (await reply_after(client, "What is the fee for an international transfer? How long does it take? "
                                     "Can I cancel it?"))["reply"]
    assert "1)" not in one["text"], one
    # one article has every one of them: that article, not "y a-t-il un plafond ?" of the card limits
    for listed, said in (("Bonjour, j'ai plusieurs questions : 1) quel est le taux du compte épargne ? 2) quand les "
                          "intérêts sont-ils versés ? 3) y a-t-il un plafond ?", "100 000 €"),
                         ("Bonjour, quelques questions : 1) comment déposer des espèces ? 2) y a-t-il un plafond par "
                          "jour ? 3) et pour les pièces de monnaie ?", "3 000 €")):
        one = (await reply_after(client, listed, customer_id="demo-nadia-benali"))["reply"]
        assert "1)" not in one["text"] and said in one["text"] and "8 000 €" not in one["text"], one
        assert len(one["sources"]) == 1, one["sources"]


async def test_a_police_report_after_a_theft_is_the_theft_article_s_not_a_complaint_to_the_bank(
        aiohttp_client: Any, app_factory: Any) -> None:
    """"porter plainte" is "déposer plainte" (the lost-card article's advice after a theft), not the complaints
    article's "porter plainte contre la banque"."""
    client = await aiohttp_client(app_factory(demo=True))
    for question in ("dois-je porter plainte ?", "faut-il porter plainte à la police ?"):
        out = await reply_after(client, "on m'a volé ma carte", question, language="fr")
        assert out["reply"]["sources"][0]["document_id"] == "lost-stolen-card-fr", out
        text = out["reply"]["text"]
        assert "En cas de vol, nous vous conseillons de déposer plainte" in text and "Réclamations" not in text, out


async def test_an_iban_given_with_a_question_is_not_the_subject(aiohttp_client: Any, app_factory: Any) -> None:
    """The customer gives their IBAN to ask about a transfer: the transfer's article, not the one on getting an IBAN;
    and the IBAN is stored masked."""
    client = await aiohttp_client(app_factory(demo=True))
    conv = await conversation(client, language="fr")
    out = await say(client, conv, "mon iban c FR7630006000011234567890189 pk jrecois pas mon virement")
    assert out["reply"]["sources"][0]["document_id"] == "transfer-delays-fr", out
    assert (await events(client, conv))[0]["text"] == "mon iban c [iban] pk jrecois pas mon virement"
    out = await reply_after(client, "my iban is FR7630006000011234567890189 why havent i received my transfer")
    assert out["reply"]["sources"][0]["document_id"] == "transfer-delays", out


async def test_a_card_that_has_not_come_or_that_an_atm_kept_has_its_article(aiohttp_client: Any,
                                                                            app_factory: Any) -> None:
    """The demo bank answers two of its customers' most common card questions: the card that has not come, the card
    an ATM kept; the ATM's limit is still the limits' article, alone and as the second question of a list."""
    client = await aiohttp_client(app_factory(demo=True))
    for question, article, said in (("my card still hasn't arrived", "card-delivery", "10 business days"),
                                    ("ma nouvelle carte n'est pas arrivée", "card-delivery-fr", "jours ouvrés"),
                                    ("I'm still waiting for my new card", "card-delivery", "Track delivery"),
                                    ("the ATM swallowed my card", "card-kept-by-atm", "not given back"),
                                    ("le distributeur a avalé ma carte", "card-kept-by-atm-fr", "Avalée par un"),
                                    ("whats the atm limit on my card", "atm-withdrawal-limits", "€300 per day")):
        out = await reply_after(client, question)
        assert out["reply"]["sources"][0]["document_id"] == article and said in out["reply"]["text"], out
    # the list's second question is its own ("atm" in lower case names it), not read with the first's password
    listed = (await reply_after(client, "1) how do i reset my password 2) whats the atm limit on my card 3) can i get "
                                        "a mortgage", customer_id="demo-tom-eriksen"))["reply"]["text"].split("\n")
    assert "Forgot password" in listed[-3] and "€300 per day" in listed[-2], listed


async def test_a_loan_asked_with_its_sum_and_term_is_answered(aiohttp_client: Any, app_factory: Any) -> None:
    """The sum and the term lead the search astray (0.41, not sure): read without them, the personal loan."""
    client = await aiohttp_client(app_factory(demo=True))
    for question, loan in (("Bonjour, nous voulons emprunter 20000 euros pour des travaux, sur 7 ans", "personal-loans-fr"),
                           ("we want to borrow 20000 euros for renovations over 7 years", "personal-loans")):
        out = await reply_after(client, question)
        assert out["reply"]["sources"][0]["document_id"] == loan and out["reply"]["action"] == "answer", out


async def test_the_new_one_is_the_thing_of_the_last_answer(aiohttp_client: Any, app_factory: Any) -> None:
    """"combien de temps pour recevoir la nouvelle ?" alone finds the card delivery's article; after a lost
    card, "la nouvelle" is the new card, which the lost-card article speaks of. A question leaning on one
    that leaned itself ("is the new one free?") still reaches back to the subject."""
    client = await aiohttp_client(app_factory(demo=True))
    question = "combien de temps pour recevoir la nouvelle ?"
    alone = await (await client.post("/v1/knowledge/search", json={"query": question}, headers=h())).json()
    assert alone["results"][0]["document_id"] == "card-delivery-fr", alone
    out = await reply_after(client, "J'ai perdu ma carte", "combien de temps pour recevoir la nouvelle ?",
                            language="fr")
    assert out["reply"]["sources"][0]["document_id"] == "lost-stolen-card-fr", out
    assert "5 jours ouvrés" in out["reply"]["text"] and "Cartes > Signaler" not in out["reply"]["text"], out
    out = await reply_after(client, "I lost my card", "how long to get the new one?", "is the new one free?")
    assert out["reply"]["sources"][0]["document_id"] == "lost-stolen-card-en", out
    assert "free of charge if stolen" in out["reply"]["text"], out
    out = await reply_after(client, "Comment faire un virement ?", "ça prend combien de temps ?", "et c'est gratuit ?",
                            language="fr")
    assert out["reply"]["sources"][0]["document_id"] in ("virement-sepa", "virement-instantane"), out
    conv = await conversation(client, language="fr")  # a chain of questions of a price and a time of "la nouvelle"
    await say(client, conv, "J'ai perdu ma carte")
    out = await say(client, conv, "la nouvelle coûte combien ?")
    assert out["reply"]["sources"][0]["document_id"] == "lost-stolen-card-fr" and "10 €" in out["reply"]["text"], out
    out = await say(client, conv, "elle arrive quand ?")
    assert "5 jours ouvrés" in out["reply"]["text"], out
    out = await reply_after(client, "I lost my card", "how much does the new one cost?",
                            "how long does the new one take?")
    assert out["reply"]["sources"][0]["document_id"] == "lost-stolen-card-en", out
    assert "5 business days" in out["reply"]["text"], out
    # a price of something else: its own article
    out = await reply_after(client, "Quel est le taux du livret d'épargne ?", "Apple Pay, ça coûte combien ?",
                            language="fr")
    assert out["reply"]["sources"][0]["document_id"] == "apple-google-pay-fr", out
    # "la": the card just frozen
    out = await reply_after(client, "Comment bloquer temporairement ma carte ?", "et pour la débloquer ?",
                            language="fr")
    assert out["reply"]["action"] == "answer", out
    assert out["reply"]["sources"][0]["document_id"] == "freeze-unfreeze-card-fr", out


async def test_a_short_question_found_weakly_alone_stays_on_the_subject_that_makes_it_certain(
        aiohttp_client: Any, app_factory: Any) -> None:
    """"how long do I have?" alone finds number porting just above the threshold; after a chargeback
    question the chargeback article is far more certain. "What rates do you offer?" after a loan
    finds account prices alone. A run of questions on one article keeps the question that opened it.
    A new question that finds its own article with confidence is not pulled back."""
    client = await aiohttp_client(app_factory(demo=True))
    alone = await (await client.post("/v1/knowledge/search", json={"query": "how long do I have?"},
                                     headers=h())).json()
    assert not alone["results"][0]["document_id"].startswith("refunds-chargeback"), alone
    out = await reply_after(client, "I want to dispute a card payment, I didn't get my refund", "how long do I have?")
    assert out["reply"]["sources"][0]["document_id"] == "refunds-chargeback", out
    conv = await conversation(client)
    await say(client, conv, "I'd like a personal loan")
    for question in ("What rates do you offer?", "What's the maximum amount?", "Can I repay it early?"):
        out = await say(client, conv, question)
        assert out["reply"]["sources"][0]["document_id"] == "personal-loans", (question, out)
    assert "repay early" in out["reply"]["text"] and "Simulate" not in out["reply"]["text"], out
    conv = await conversation(client)
    await say(client, conv, "I want to make an international transfer")
    out = await say(client, conv, "how much does it cost?")  # the article has "fee", not "cost": its price
    assert out["reply"]["sources"][0]["document_id"] == "international-transfer", out
    assert "€15 fee" in out["reply"]["text"] and "beneficiary's full name" not in out["reply"]["text"], out
    out = await say(client, conv, "how do I reset my password?")
    assert out["reply"]["sources"][0]["document_id"] == "password-reset", out
    # nothing answers it alone
    out = await reply_after(client, "Quel est le taux du livret d'épargne ?", "Puis-je retirer quand je veux ?",
                            language="fr")
    assert out["reply"]["sources"][0]["document_id"] == "epargne-taux", out
    out = await reply_after(client, "I want to dispute a card payment, I didn't get my refund",
                            "how do I block my card?")
    assert out["reply"]["sources"][0]["document_id"] in ("freeze-unfreeze-card", "lost-stolen-card-en"), out
    # a bare question the last article answers in so many words, though another article has its word too
    for first, then, want, words in (("Quel est le taux du livret d'épargne ?", "Y a-t-il un plafond ?", "epargne-taux",
                                      "100 000 €"),
                                     ("Comment déposer des espèces ?", "c'est crédité quand ?", "depot-especes",
                                      "jour ouvré suivant")):
        out = await reply_after(client, first, then, language="fr")
        assert out["reply"]["sources"][0]["document_id"] == want and words in out["reply"]["text"], (then, out)
    # not when the message's own article has what it adds
    out = await reply_after(client, "How do I make an international transfer?", "What's the fee for a card?")
    assert out["reply"]["sources"][0]["document_id"] != "international-transfer", out
    # new subjects: weak only because their article is in another language; confident on their own
    # although "ça" points back; a new problem stated, not asked; a bare topic the article lacks
    for language, first, then, last in (
            ("en", "what's the ATM withdrawal limit?", "how do I deposit cash?", "atm-withdrawal-limits"),
            ("fr", "Quel est le taux du livret d'épargne ?", "Apple Pay, ça marche ?", "epargne-taux"),
            ("fr", "comment annuler un virement programmé ?", "mon virement n'est pas arrivé", "annuler-virement"),
            ("en", "how do I top up my data?", "statements?", "mobile-data-top-up")):
        conv = await conversation(client, language=language)
        before = await say(client, conv, first)
        assert before["reply"]["sources"][0]["document_id"] == last, before
        out = await say(client, conv, then)
        assert last not in [s["document_id"] for s in out["reply"]["sources"][:1]], (then, out)


async def test_one_near_document_is_offered_as_one_and_a_question_without_its_mark_still_points_back(
        aiohttp_client: Any, app_factory: Any) -> None:
    client = await aiohttp_client(app_factory(demo=True))
    out = await reply_after(client, "Et mon téléphone, il marchera ?", language="fr")
    assert out["reply"]["action"] == "clarify" and len(out["reply"]["sources"]) == 1, out
    assert "porte-t-elle sur ce sujet ?" in out["reply"]["text"] and "l'un de ces" not in out["reply"]["text"], out
    out = await reply_after(client, "my account is blocked", "fine, whatever. how do I unblock it")
    assert out["reply"]["action"] == "answer", out
    assert out["reply"]["sources"][0]["document_id"] == "account-blocked", out


async def test_what_should_i_do_now_gets_the_steps_of_the_subject_just_discussed(
        aiohttp_client: Any, app_factory: Any) -> None:
    client = await aiohttp_client(app_factory(demo=True))
    out = await reply_after(client, "I got a weird text asking me to confirm a payment", "what should I do now?")
    assert out["reply"]["action"] == "answer" and out["reply"]["sources"][0]["document_id"] == "fraud-scam-en", out
    assert "freeze your card" in out["reply"]["text"], out
    conv = await conversation(client)  # "do you mean this?" then "what should I do now?": that one
    first = await say(client, conv, "my salary hasn't arrived yet")
    assert first["reply"]["action"] == "clarify" and len(first["reply"]["sources"]) == 1, first
    out = await say(client, conv, "what should I do now?")
    assert out["reply"]["action"] == "answer" and out["handoff"] is None, out
    assert out["reply"]["sources"][0]["document_id"] == first["reply"]["sources"][0]["document_id"], out
    out = await reply_after(client, "J'ai perdu ma carte", "je fais quoi ?", language="fr")
    assert out["reply"]["sources"][0]["document_id"] == "lost-stolen-card-fr", out
    assert "Déclarer perdue ou volée" in out["reply"]["text"], out
    # its "so" put last: the steps, not the reasons again
    out = await reply_after(client, "pourquoi ma carte a été refusée ?", "je fais quoi alors ?", language="fr")
    assert out["reply"]["sources"][0]["document_id"] == "card-declined-fr", out
    assert "Paiements refusés" in out["reply"]["text"] and "solde insuffisant" not in out["reply"]["text"], out
    # asked again of an article with nothing more to say: the answer, and an advisor a "yes" takes
    conv = await conversation(client)
    first = await say(client, conv, "my transfer was rejected")
    again = await say(client, conv, "so what can I do?")
    assert again["reply"]["sources"][0]["document_id"] == first["reply"]["sources"][0]["document_id"], again
    assert "Report a problem" in again["reply"]["text"] and "just say yes" in again["reply"]["text"], again
    taken = await say(client, conv, "yes")
    assert taken["handoff"] is not None and taken["handoff"]["reason"] == "human_request", taken
    # the steps said done: what the article says comes after them, in the customer's register
    out = await reply_after(client, "I lost my card", "ok done, what now?")
    assert "within 5 business days" in out["reply"]["text"] and "Report lost" not in out["reply"]["text"], out
    conv = await conversation(client, customer_id="demo-lucas-moreau", channel="mobile")
    await say(client, conv, "j'ai perdu ma carte")
    out = await say(client, conv, "c'est fait, et maintenant ?")
    assert "t'est envoyée sous 5 jours ouvrés" in out["reply"]["text"], out


async def test_a_follow_up_in_other_words_than_the_article_s_gets_its_sentence_by_meaning(
        aiohttp_client: Any, app_factory: Any) -> None:
    """"and can I get the money back if it already went out?" after stopping a direct debit finds a
    cancelled transfer alone (weakly) and, with the question before, the direct-debit article, which
    says "refund": its refund sentence. "Et combien de temps faut-il pour que ce soit pris en compte ?"
    after raising a card limit: how soon, not the limits themselves."""
    client = await aiohttp_client(app_factory(demo=True))
    out = await reply_after(client, "how do I stop a direct debit?", "and can I get the money back if it already went out?")
    assert out["reply"]["action"] == "answer" and out["reply"]["sources"][0]["document_id"] == "direct-debits", out
    assert "refund within 8 weeks" in out["reply"]["text"], out
    out = await reply_after(client, "Comment augmenter le plafond de ma carte ?",
                            "Et combien de temps faut-il pour que ce soit pris en compte ?", language="fr")
    assert out["reply"]["action"] == "answer" and out["reply"]["sources"][0]["document_id"] == "plafonds-carte", out
    assert "48 heures" in out["reply"]["text"] or "immédiate" in out["reply"]["text"], out
    assert "2 500 €" not in out["reply"]["text"], out


async def test_a_plea_for_help_alone_is_asked_what_about_not_handed_off(aiohttp_client: Any, app_factory: Any) -> None:
    client = await aiohttp_client(app_factory(demo=True))
    for text, language, words in (("I need help", "en", "What do you need help with?"),
                                  ("Bonjour, j'ai besoin d'aide svp", "fr", "Sur quoi avez-vous besoin d'aide ?")):
        conv = await conversation(client, language=language)
        out = await say(client, conv, text)
        assert out["reply"]["action"] == "clarify" and out["handoff"] is None, out
        assert words in out["reply"]["text"], out
        again = await say(client, conv, text)  # said again with nothing more: a person
        assert again["reply"]["action"] == "escalate" and again["handoff"]["reason"] == "human_request", again
    out = await reply_after(client, "j'ai besoin d'aide d'un conseiller", language="fr")
    assert out["reply"]["action"] == "escalate", out


async def test_a_french_customer_gets_the_french_translation_of_a_near_tied_english_article(
        aiohttp_client: Any, app_factory: Any) -> None:
    """"roaming" ranks the English article a hair above its French translation: a French conversation
    is answered from the translation, an English one from the original; a French question whose best
    answer is an English article on another subject than the French ones near it keeps it."""
    client = await aiohttp_client(app_factory(demo=True))
    found = await (await client.post("/v1/knowledge/search", json={"query": "roaming"}, headers=h())).json()
    assert [r["document_id"] for r in found["results"][:2]] == ["roaming-en", "roaming-fr"], found
    out = await reply_after(client, "roaming", language="fr")
    assert [s["document_id"] for s in out["reply"]["sources"]] == ["roaming-fr"], out  # not its English twin too
    assert "anglais" not in out["reply"]["text"] and "forfait" in out["reply"]["text"], out
    out = await reply_after(client, "roaming")
    assert out["reply"]["sources"][0]["document_id"] == "roaming-en", out
    # 0.68 for the English one, 0.52 for the French one
    out = await reply_after(client, "le roaming ça coûte combien aux États-Unis ?", language="fr")
    assert out["reply"]["sources"][0]["document_id"] == "roaming-fr", out
    out = await reply_after(client, "Comment bloquer temporairement ma carte ?", language="fr")
    assert out["reply"]["sources"][0]["document_id"] == "freeze-unfreeze-card-fr", out
    # an article in English alone is given to a French customer, said to be in English
    gift = {"id": "gift-cards", "title": "Gift cards", "language": "en", "tags": ["cards"],
            "text": "Buy a Nordvik gift card in the app under Cards > Gift cards, from 10 to 500 euros.",
            "questions": ["how do I buy a gift card", "gift card", "can I offer a gift card to a friend"]}
    assert (await client.post("/v1/knowledge/documents", json={"documents": [gift]}, headers=h())).status == 200
    out = await reply_after(client, "Comment acheter une carte cadeau ?", language="fr")
    assert out["reply"]["sources"][0]["document_id"] == "gift-cards", out
    assert "anglais" in out["reply"]["text"] and "Gift cards" in out["reply"]["text"], out


async def test_the_agents_queue_shows_what_the_customer_asked_not_the_request_for_a_person(
        aiohttp_client: Any, app_factory: Any) -> None:
    client = await aiohttp_client(app_factory(demo=True))
    # its best match is the contact page
    out = await reply_after(client, "Bonjour, comment annuler un virement ?", "je veux parler à un conseiller",
                            language="fr")
    assert out["reply"]["action"] == "escalate", out
    queue = await (await client.get("/v1/handoffs?status=waiting", headers=h())).json()
    assert [q["topic"] for q in queue["handoffs"]] == ["Annuler un virement"], queue
    conv = await conversation(client)
    await say(client, conv, "agent please")  # nothing asked yet: no topic rather than a wrong one
    conv = await conversation(client)
    await say(client, conv, "I want to talk to an agent about closing my account")  # the request says what about
    conv = await conversation(client)
    await say(client, conv, "my email is jo.doe@example.com and the thing is weird")
    await say(client, conv, "agent please")  # the topic is the customer's words, masked as everywhere agents look
    queue = await (await client.get("/v1/handoffs?status=waiting", headers=h())).json()
    topics = sorted(q["topic"] or "" for q in queue["handoffs"])
    assert topics[:3] == ["", "Annuler un virement", "Closing your account"], queue
    assert "jo.doe" not in topics[3] and "[email]" in topics[3], queue


async def test_a_word_the_knowledge_answers_is_no_request_for_a_person(aiohttp_client: Any, app_factory: Any) -> None:
    """The human-request head alone hears a request in "contactless?" (0.89): when the knowledge
    answers it with confidence and no words ask for a person, the customer gets the answer."""
    client = await aiohttp_client(app_factory(demo=True))
    for text, article in (("contactless?", "plafond-sans-contact-en"),
                          ("et le sans contact ?", "plafond-sans-contact")):
        out = await say(client, await conversation(client), text)
        assert out["handoff"] is None and out["reply"]["action"] == "answer", out
        assert out["reply"]["sources"][0]["document_id"] == article, out
    out = await say(client, await conversation(client), "can I speak to an advisor about contactless?")
    assert out["reply"]["action"] == "escalate", out  # words that ask for a person still do
    # how to reach the company, no person named: the contact article (0 of bitext's 1,026 requests read so)
    out = await say(client, await conversation(client, language="fr"), "Comment vous contacter ?")
    assert out["handoff"] is None and out["reply"]["action"] == "answer", out
    assert out["reply"]["sources"][0]["document_id"].startswith("contact-opening-hours"), out
    out = await say(client, await conversation(client), "how do I contact a human?")
    assert out["reply"]["action"] == "escalate", out


async def test_a_follow_up_adds_to_the_question_or_is_no_follow_up(aiohttp_client: Any, app_factory: Any) -> None:
    """What a follow-up adds must be in the document it is answered from ("international" is not in
    the instant-transfer article, which says it is free); a chain of follow-ups keeps the first question."""
    client = await aiohttp_client(app_factory(demo=True))
    out = await reply_after(client, "Combien coûte un virement instantané ?", "et un virement international ?",
                            language="fr")
    assert out["reply"]["action"] != "answer" or out["reply"]["sources"][0]["document_id"] != "virement-instantane", out
    out = await reply_after(client, "Quel est le plafond de ma carte ?", "et pour les retraits ?",
                            "et pour l'augmenter temporairement ?", language="fr")
    assert out["reply"]["action"] == "answer" and out["reply"]["sources"][0]["document_id"] == "plafonds-carte", out
    assert "augmenter temporairement" in out["reply"]["text"].lower()


async def test_a_follow_up_the_same_document_answers_gets_only_its_sentences_about_it(
        aiohttp_client: Any, app_factory: Any) -> None:
    client = await aiohttp_client(app_factory(demo=True))
    conv = await conversation(client, language="fr")
    first = await say(client, conv, "Quel est le plafond de ma carte ?")
    assert first["reply"]["sources"][0]["document_id"] == "plafonds-carte"
    out = await say(client, conv, "et pour l'augmenter temporairement ?")
    assert out["handoff"] is None and out["reply"]["action"] == "answer", out
    assert out["reply"]["sources"][0]["document_id"] == "plafonds-carte"
    assert "Augmenter temporairement" in out["reply"]["text"] and len(out["reply"]["text"]) < len(first["reply"]["text"])
    # a complaint after an answer is no follow-up question for the same document
    after = await say(client, conv, "it still doesn't work")
    assert after["reply"]["action"] != "answer" or after["reply"]["sources"][0]["document_id"] != "plafonds-carte"


async def test_the_customer_picks_one_of_the_options_offered(aiohttp_client: Any, app_factory: Any) -> None:
    client = await aiohttp_client(app_factory(demo=True))
    conv = await conversation(client)
    offered = await say(client, conv, "My phone died while I was paying, was the payment taken?")
    assert offered["reply"]["action"] == "clarify" and len(offered["reply"]["sources"]) >= 2, offered
    picked = await say(client, conv, "the second one")
    assert picked["reply"]["action"] == "answer" and picked["handoff"] is None, picked
    assert picked["reply"]["sources"][0]["document_id"] == offered["reply"]["sources"][1]["document_id"]
    # no options on the table: "the second one" is no answer to anything
    fresh = await conversation(client)
    assert (await say(client, fresh, "the second one"))["reply"]["action"] == "clarify"


async def test_a_customer_who_asks_for_another_language_gets_it_not_an_advisor(
        aiohttp_client: Any, app_factory: Any) -> None:
    """"can you answer in English?" after a French answer gives that answer again from its English
    translation; the language asked for holds for the questions after it; a request for a language the
    bot does not speak is answered as such; a person who speaks it is still a person."""
    client = await aiohttp_client(app_factory(demo=True))
    conv = await conversation(client, language="fr")
    first = await say(client, conv, "Bonjour, comment faire opposition sur ma carte perdue ?")
    assert first["reply"]["sources"][0]["document_id"] == "lost-stolen-card-fr", first
    again = await say(client, conv, "can you answer in English?")
    assert again["handoff"] is None and again["reply"]["action"] == "answer", again
    assert again["reply"]["sources"][0]["document_id"] == "lost-stolen-card-en", again
    assert again["reply"]["tone"]["language"] == "en", again
    # a reason given beside the request asks nothing more: the answer again, all the same
    conv = await conversation(client, language="en")
    await say(client, conv, "where do I find my IBAN")
    why = await say(client, conv, "can you answer in french? my partner reads this too")
    assert why["reply"]["action"] == "answer" and why["reply"]["sources"][0]["document_id"] == "rib-iban", why

    conv = await conversation(client, language="en")
    asked = await say(client, conv, "Bonjour, parlez-vous français ?")
    assert asked["handoff"] is None and asked["reply"]["action"] == "clarify", asked
    assert "je vous réponds en français" in asked["reply"]["text"], asked
    later = await say(client, conv, "how do I report a lost card?")  # English, yet French was asked for
    assert later["reply"]["sources"][0]["document_id"] == "lost-stolen-card-fr", later
    assert later["reply"]["tone"]["language"] == "fr", later

    conv = await conversation(client, language="en")
    other = await say(client, conv, "can you speak to me in Spanish?")
    assert other["handoff"] is None and "only answer in English or French" in other["reply"]["text"], other
    person = await say(client, conv, "can I speak to an advisor in French?")
    assert person["handoff"] is not None and person["handoff"]["reason"] == "human_request", person
    assert person["reply"]["tone"]["language"] == "fr", person  # told in the language the advisor will speak


async def test_another_language_asked_of_an_article_written_in_one_only_is_said_so_and_an_advisor_offered(
        client: Any) -> None:
    """"can you answer in English?" after the French-only article on parking permits: not "Certainly, I will answer
    in English" and the French article again at the next question, but that it is not written in English, and an
    advisor to go through it in English, whom "yes" brings."""
    await ingest(client, [
        {"id": "parking-fr", "title": "Carte de stationnement résident", "language": "fr",
         "text": "La carte de stationnement résident coûte 45 € par an. Demandez-la en ligne avec un justificatif de "
                 "domicile de moins de 3 mois et la carte grise du véhicule.",
         "questions": ["Comment avoir une carte de stationnement résident ?", "Combien coûte la carte résident ?"]}])
    conv = await conversation(client, language="fr")
    first = await say(client, conv, "comment avoir la carte de stationnement résident ?")
    assert first["reply"]["sources"][0]["document_id"] == "parking-fr", first
    asked = await say(client, conv, "can you answer in English?")
    assert asked["handoff"] is None and asked["reply"]["action"] == "clarify", asked
    assert asked["reply"]["tone"]["language"] == "en", asked
    assert "written in English" in asked["reply"]["text"] and "advisor" in asked["reply"]["text"], asked
    taken = await say(client, conv, "yes please")
    assert taken["handoff"] is not None and taken["handoff"]["reason"] == "human_request", taken


async def test_a_message_in_a_language_the_bot_does_not_speak_is_answered_in_one_it_does(
        aiohttp_client: Any, app_factory: Any) -> None:
    """"Hola, he perdido mi tarjeta": the lost card's article in English (not French for the "é" of "¿qué?"), saying
    once that the bot answers only in English or French; a request for a person in Portuguese is one."""
    client = await aiohttp_client(app_factory(demo=True))
    conv = await conversation(client)
    lost = await say(client, conv, "Hola, he perdido mi tarjeta, ¿qué hago?")
    assert lost["reply"]["action"] == "answer" and lost["reply"]["tone"]["language"] == "en", lost
    assert lost["reply"]["sources"][0]["document_id"] == "lost-stolen-card-en", lost
    assert lost["reply"]["text"].startswith("Sorry, I can only answer in English or French"), lost
    more = await say(client, conv, "y cuánto cuesta la nueva?")
    assert more["reply"]["tone"]["language"] == "en" and "English or French" not in more["reply"]["text"], more

    conv = await conversation(client, language="fr")
    person = await say(client, conv, "Olá, quero falar com uma pessoa")
    assert person["handoff"] is not None and person["handoff"]["reason"] == "human_request", person
    assert person["reply"]["text"].startswith("Désolé, je ne peux répondre qu'en français ou en anglais"), person
    assert "conseiller" in person["reply"]["text"], person


async def test_asked_why_the_record_answers_the_article_s_usual_reasons_are_not_said_again(
        aiohttp_client: Any, app_factory: Any) -> None:
    """"Pourquoi ma carte a-t-elle été refusée ?": to Nadia, whose record says her payment went over the monthly limit,
    that, and not the article's list of the usual reasons after it; to a customer the record says nothing of, the
    list."""
    client = await aiohttp_client(app_factory(demo=True))
    nadia = await say(client, await conversation(client, customer_id="demo-nadia-benali"),
                      "Pourquoi ma carte a-t-elle été refusée ?")
    assert "plafond mensuel" in nadia["reply"]["text"], nadia["reply"]
    assert "l'une des raisons suivantes" not in nadia["reply"]["text"], nadia["reply"]
    anyone = await say(client, await conversation(client, language="fr"), "Pourquoi ma carte a-t-elle été refusée ?")
    assert "l'une des raisons suivantes" in anyone["reply"]["text"], anyone["reply"]


async def test_a_loss_or_a_trouble_told_first_is_what_the_questions_after_it_ask_of(
        aiohttp_client: Any, app_factory: Any) -> None:
    """"slt jai perdu ma cb hier soir, ca coute combien pour en avoir une nouvelle et ca met combien de temps ?": the lost
    card's article, with its price and its delay (the whole message alone finds opening an account); "my card got
    declined at the hotel, what do i do?": the declined card, not "do you mean the lost card?"."""
    client = await aiohttp_client(app_factory(demo=True))
    lost = await say(client, await conversation(client, customer_id="demo-lucas-moreau"),
                     "slt jai perdu ma cb hier soir, ca coute combien pour en avoir une nouvelle et ca met combien de "
                     "temps ?")
    assert lost["reply"]["action"] == "answer", lost["reply"]
    assert lost["reply"]["sources"][0]["document_id"] == "lost-stolen-card-fr", lost["reply"]
    assert "10 €" in lost["reply"]["text"] and "5 jours ouvrés" in lost["reply"]["text"], lost["reply"]
    declined = await say(client, await conversation(client, language="en"),
                         "my card got declined at the hotel, what do i do?")
    assert declined["reply"]["action"] == "answer", declined["reply"]
    assert declined["reply"]["sources"][0]["document_id"] == "card-declined", declined["reply"]


async def test_a_second_question_that_asks_only_the_fees_asks_them_of_the_first(aiohttp_client: Any,
                                                                             app_factory: Any) -> None:
    """"…combien de temps faut-il pour qu'un virement international arrive, et quels sont les frais ?": the
    international transfer's days and its €15, not the price list's account fees for "les frais"."""
    client = await aiohttp_client(app_factory(demo=True))
    out = await say(client, await conversation(client, customer_id="demo-camille-laurent"),
                    "Bonjour, combien de temps faut-il pour qu'un virement international arrive, et quels sont les "
                    "frais ?")
    assert [x["document_id"] for x in out["reply"]["sources"]] == ["international-transfer-fr"], out["reply"]
    assert "15 €" in out["reply"]["text"] and "2 à 5 jours ouvrés" in out["reply"]["text"], out["reply"]


async def test_there_after_a_place_abroad_is_abroad(aiohttp_client: Any, app_factory: Any) -> None:
    """"ok and what's the fee for withdrawing cash there?" after Japan: the card abroad's fees outside the eurozone, not
    the ATM limits' "free in the eurozone" its words find."""
    client = await aiohttp_client(app_factory(demo=True))
    conv = await conversation(client, language="en")
    await say(client, conv, "I'm going to Japan next week")
    cash = await say(client, conv, "ok and what's the fee for withdrawing cash there?")
    assert cash["reply"]["sources"][0]["document_id"] == "card-abroad-travel", cash
    assert "€2 plus 1.5%" in cash["reply"]["text"], cash


async def test_a_language_asked_for_re_answers_only_what_the_bot_said_and_keeps_the_subject(
        aiohttp_client: Any, app_factory: Any) -> None:
    """Only an answer the bot gave is given again (not one to a request for a person it withdrew);
    the question after the request reads on the subject before it; a request with a question
    answers the question, in the language asked for."""
    client = await aiohttp_client(app_factory(demo=True))
    out = await reply_after(client, "je veux parler à un conseiller", "non finalement pas besoin de conseiller",
                            "can you answer in English?", language="fr")
    assert out["reply"]["action"] == "clarify" and out["reply"]["sources"] == [], out

    out = await reply_after(client, "How do I freeze my card?", "en français svp", "and how do I unfreeze it?",
                            language="en")
    assert [s["document_id"] for s in out["reply"]["sources"]][:1] == ["freeze-unfreeze-card-fr"], out
    assert "Dégeler la carte" in out["reply"]["text"] and "anglais" not in out["reply"]["text"], out

    out = await reply_after(client, "Do you speak English? I lost my card", language="fr")
    assert out["reply"]["action"] == "answer" and out["handoff"] is None, out
    assert out["reply"]["sources"][0]["document_id"] == "lost-stolen-card-en", out


async def test_a_language_asked_for_holds_past_the_history_window_and_courtesy_stays_courtesy(
        aiohttp_client: Any, app_factory: Any) -> None:
    client = await aiohttp_client(app_factory(demo=True))
    conv = await conversation(client, language="en")
    await say(client, conv, "Bonjour, parlez-vous français ?")
    for n in range(22):  # 44 events and more: past the history a turn reads
        await say(client, conv, "ok" if n % 2 else "thanks")
    out = await say(client, conv, "how do I report a lost card?")
    assert out["reply"]["tone"]["language"] == "fr", out
    assert out["reply"]["sources"][0]["document_id"] == "lost-stolen-card-fr", out
    other = await say(client, conv, "can you speak Spanish?")  # not spoken: said so in the language kept
    assert "je ne peux répondre qu'en français ou en anglais" in other["reply"]["text"], other

    bye = await reply_after(client, "how do I report a lost card?", "thanks, bye, in French please", language="en")
    assert bye["reply"]["sources"] == [] and bye["reply"]["tone"]["language"] == "fr", bye


async def test_follow_ups_that_lean_on_the_subject_in_other_ways(aiohttp_client: Any, app_factory: Any) -> None:
    """A question with its subject left out ("il faut quels documents ?"), then a detail of it; a
    thing named by "l'" done to ("et si je l'ai oublié ?"); "what should I do now?" after two little
    words; a "why?" the bot could not read does not stand between a question and its follow-up."""
    client = await aiohttp_client(app_factory(demo=True))
    conv = await conversation(client, language="fr")
    await say(client, conv, "je voudrais ouvrir un compte")
    out = await say(client, conv, "il faut quels documents ?")
    assert out["reply"]["action"] == "answer" and out["reply"]["sources"][0]["document_id"] == "ouvrir-un-compte", out
    out = await say(client, conv, "et la carte arrive quand ?")
    assert "5 à 7 jours ouvrés" in out["reply"]["text"], out
    out = await reply_after(client, "comment changer mon code pin ?", "et si je l'ai oublié ?", language="fr")
    assert out["reply"]["action"] == "answer" and out["reply"]["sources"][0]["document_id"] == "code-pin-oublie", out
    out = await reply_after(client, "why was my card declined?", "ok and what should I do now?")
    assert out["reply"]["action"] == "answer" and out["reply"]["sources"][0]["document_id"] == "card-declined", out
    out = await reply_after(client, "my app says my account is blocked", "why?", "how do I unblock it")
    assert out["reply"]["action"] == "answer" and out["handoff"] is None, out
    assert out["reply"]["sources"][0]["document_id"] == "account-blocked", out


async def test_french_typed_without_accents_gets_the_french_article(aiohttp_client: Any, app_factory: Any) -> None:
    """From the first message after start: the demo is served once the knowledge's layer (which gives
    "cloturer" its accent back) is fitted, not by similarity alone meanwhile (1 run in 3 failed so)."""
    from assistant import keys

    client = await aiohttp_client(app_factory(demo=True))
    assert client.server.app[keys.services].knowledge._fresh_layer() is not None
    for text, article in (("je veux cloturer mon compte", "close-account-fr"), ("code pin oublie", "code-pin-oublie"),
                          ("deposer des especes", "depot-especes")):
        out = await reply_after(client, text)
        assert out["reply"]["tone"]["language"] == "fr" and out["reply"]["sources"][0]["document_id"] == article, out
        assert "anglais" not in out["reply"]["text"], out
    out = await reply_after(client, "deposer des especes", "c'est crédité quand ?")  # on the subject, accents or not
    assert out["reply"]["sources"][0]["document_id"] == "depot-especes", out


async def test_a_follow_up_after_a_question_the_bot_could_not_place_keeps_to_the_subject(
        aiohttp_client: Any, app_factory: Any) -> None:
    """"elle est payante ?" two messages after a lost card; "can I get it back?" after "do you mean
    this? Managing direct debits": neither is two misses in a row, both are about the subject."""
    client = await aiohttp_client(app_factory(demo=True))
    out = await reply_after(client, "jai perdu ma cb", "et ça prend combien de temps pour la nouvelle ?",
                            "elle est payante ?", language="fr")
    assert out["handoff"] is None and out["reply"]["sources"][0]["document_id"] == "lost-stolen-card-fr", out
    assert "10 €" in out["reply"]["text"], out
    conv = await conversation(client)
    first = await say(client, conv, "gym still taking money after i cancelled")
    assert [s["document_id"] for s in first["reply"]["sources"]] == ["direct-debits"], first
    out = await say(client, conv, "can i get it back?")
    assert out["handoff"] is None and out["reply"]["action"] == "answer", out
    assert out["reply"]["sources"][0]["document_id"] == "direct-debits", out


async def test_turns_written_together_on_sqlite_each_get_their_own_answer(tmp_path: Any, monkeypatch: Any) -> None:
    """Turns of many conversations written at once on SQLite share trips to the connection's thread,
    and each is still its own transaction: every one gets its own seqs and response, a turn whose
    conversation moved on meanwhile writes nothing, and an error reaches its own caller only."""
    import aiosqlite.core

    from handoff.conversations import answer_turn_sqlite

    db = Database(f"sqlite+aiosqlite:///{tmp_path / 'tandem.db'}")
    await db.create_schema()
    async with db.session() as s:
        convs = [await create_conversation(s, channel="web", customer_id=None, language="en") for _ in range(40)]
    trips = 0
    execute = aiosqlite.core.Connection._execute

    async def counted(self: Any, fn: Any, *args: Any, **kwargs: Any) -> Any:
        nonlocal trips
        trips += 1
        return await execute(self, fn, *args, **kwargs)

    def written(i: int) -> list[dict[str, Any]]:
        return [{"type": "customer_message", "author": "customer", "text": f"question {i}", "data": {}},
                {"type": "bot_message", "author": "bot", "text": f"answer {i}", "data": {}}]

    def broken(_db: Any) -> None:
        raise ValueError("this one fails")

    def turn(i: int, conv: Any, state: str = "bot") -> Any:
        return db.run_on_sqlite(answer_turn_sqlite, conv.id, written(i), state, f"m-{i}",
                                lambda first, i=i: {"seq": first, "text": f"answer {i}"})

    monkeypatch.setattr(aiosqlite.core.Connection, "_execute", counted)
    calls = [turn(i, c, "bot" if i != 7 else "agent") for i, c in enumerate(convs[:20])]
    calls += [db.run_on_sqlite(broken)] + [turn(i, c) for i, c in enumerate(convs[20:38], start=20)]
    outcomes = await asyncio.gather(*calls, return_exceptions=True)
    assert trips < len(calls) / 4  # together, not one trip each
    assert isinstance(outcomes.pop(20), ValueError)  # its own caller hears it, and the calls after it run
    for i, outcome in enumerate(outcomes):
        response, rows = outcome
        if i == 7:  # the bot no longer owns it: nothing written
            assert (response, rows) == ({}, None)
            continue
        assert response == {"seq": 1, "text": f"answer {i}"} and [r["seq"] for r in rows] == [1, 2]
    # a caller gone before its trip leaves has nothing written; a later burst goes as the first did
    busy = asyncio.ensure_future(turn(38, convs[38]))
    gone = asyncio.ensure_future(turn(39, convs[39]))
    await asyncio.sleep(0)
    gone.cancel()
    response, _ = await busy
    assert response["seq"] == 1
    again = await asyncio.gather(*(turn(100 + i, c) for i, c in enumerate(convs[:5])))
    assert [r["seq"] for r, _ in again] == [3] * 5
    monkeypatch.undo()
    async with db.session() as s:
        assert [e.text for e in await list_events(s, convs[3].id)] == ["question 3", "answer 3", "question 103",
                                                                     "answer 103"]
        assert await list_events(s, convs[7].id) == []
        assert await list_events(s, convs[39].id) == []
    await db.engine.dispose()


async def test_the_article_just_given_found_again_answers_with_its_sentences_about_the_new_question(
        aiohttp_client: Any, app_factory: Any) -> None:
    """"per day?" after the ATM limits, "can i get an esim instead" after a new SIM: the same article again, found
    on its own; its sentences with the question's words, not the whole article word for word. Asked again in
    the same words, the article whole."""
    client = await aiohttp_client(app_factory(demo=True))
    conv = await conversation(client)
    first = await say(client, conv, "whats the max i can take out at an atm")
    assert "3 business days in advance" in first["reply"]["text"], first["reply"]
    day = await say(client, conv, "per day?")
    assert day["reply"]["sources"][0]["document_id"] == "atm-withdrawal-limits", day["reply"]
    assert "€300 per day" in day["reply"]["text"] and "in advance" not in day["reply"]["text"], day["reply"]
    conv = await conversation(client)
    await say(client, conv, "my phone got stolen with my sim inside")
    esim = await say(client, conv, "can i get an esim instead")
    assert esim["reply"]["text"].startswith("An eSIM is free"), esim["reply"]
    assert "Replace SIM" not in esim["reply"]["text"], esim["reply"]
    again = await say(client, conv, "my phone got stolen with my sim inside")
    assert "Replace SIM" in again["reply"]["text"] and "eSIM" in again["reply"]["text"], again["reply"]


async def test_an_english_customer_is_answered_from_the_english_article_its_translation_named_alike(
        aiohttp_client: Any, app_factory: Any) -> None:
    """"still no internet" after the data top-up finds the French top-up first (its words, 0.60); the English one,
    "mobile-data-top-up" beside "mobile-data-top-up-fr", is its translation though their vectors meet at 0.74 only:
    answered in English, not "(This article is in French.) Si vous avez épuisé…"."""
    client = await aiohttp_client(app_factory(demo=True))
    out = await reply_after(client, "my data ran out", "still no internet")
    assert out["reply"]["action"] == "answer", out["reply"]
    assert out["reply"]["sources"][0]["document_id"] == "mobile-data-top-up", out["reply"]
    assert "in French" not in out["reply"]["text"] and "Si vous" not in out["reply"]["text"], out["reply"]


async def test_a_time_asked_after_a_subject_is_not_number_porting_s(
        aiohttp_client: Any, app_factory: Any) -> None:
    """"combien de temps pour récupérer l'argent" after a transfer to the wrong IBAN finds number porting alone
    (its "3 jours ouvrés", weakly; its title named nowhere): not that; nor, while a complaint waits for an
    advisor, "how long do you have to answer". Asked of porting itself, porting answers."""
    client = await aiohttp_client(app_factory(demo=True))
    out = await reply_after(client, "je me suis trompé de rib sur un virement",
                            "combien de temps pour récupérer l'argent", language="fr")
    assert "RIO" not in out["reply"]["text"], out["reply"]
    out = await reply_after(client,
                            "I want to make a complaint, I've been waiting 3 weeks for an answer about a refund",
                            "how long do you have to answer")
    assert out["reply"]["action"] == "handoff_wait" and "RIO" not in out["reply"]["text"], out["reply"]
    out = await reply_after(client, "how long does it take to keep my number when I switch to you?")
    assert out["reply"]["sources"][0]["document_id"] == "number-porting", out["reply"]


async def test_a_long_upset_message_is_answered_from_the_clause_that_tells_what_happens(client: Any) -> None:
    """"la chambre est degueulasse, je veux une autre chambre tout de suite": the whole finds housekeeping weakly, its
    first clause surely; "il est 2h du mat… les voisins font la fete depuis 1h… je dors pas !!": the noise article
    (its phrasings name the neighbours), not only sorry and an advisor."""
    await ingest(client, [
        {"id": "housekeeping-fr", "title": "Ménage et propreté des chambres", "language": "fr",
         "text": "Le ménage est fait tous les jours entre 9 h et 15 h. Si votre chambre n'est pas propre, appelez la "
                 "réception au 9 : une équipe intervient dans l'heure ou nous vous proposons une autre chambre.",
         "questions": ["Ma chambre est sale", "La chambre n'a pas été faite", "Je veux changer de chambre"]},
        {"id": "noise-fr", "title": "Nuisances sonores", "language": "fr",
         "text": "Si vous êtes dérangé par le bruit, appelez la réception au 9 à toute heure : le responsable de nuit "
                 "intervient et, si le bruit continue, vous propose une autre chambre.",
         "questions": ["Mes voisins sont trop bruyants", "Il y a du bruit dans le couloir la nuit",
                       "Je n'arrive pas à dormir à cause du bruit"]}])
    dirty = await reply_after(client, "la chambre est degueulasse, je veux une autre chambre tout de suite",
                              language="fr")
    assert dirty["reply"]["sources"][:1] and dirty["reply"]["sources"][0]["document_id"] == "housekeeping-fr", dirty
    noisy = await reply_after(client, "il est 2h du mat… les voisins font la fete depuis 1h… je dors pas !!",
                              language="fr")
    assert "réception au 9" in noisy["reply"]["text"], noisy["reply"]


async def test_a_figure_asked_while_waiting_of_the_article_given_is_answered_meanwhile(client: Any) -> None:
    """"how long does the investigation take?" while waiting for an advisor, after the parcel-not-received answer: the
    article's "up to 10 business days" meanwhile (alone, the question finds nothing surely)."""
    await ingest(client, [{"id": "parcel-not-received", "title": "Parcel marked as delivered but not received",
                           "language": "en", "text": (
                               "If the tracking says delivered but you have not received your parcel, check with your "
                               "neighbours and the pickup point. If you still have nothing after 48 hours, report it "
                               "in My orders. We open an investigation with the carrier, which takes up to 10 business "
                               "days, then we send your order again or refund you in full."),
                           "questions": ["My parcel says delivered but I don't have it", "Parcel not received"]}])
    conv = await conversation(client)
    await say(client, conv, "hi my parcel shows delivered but its not here")
    await say(client, conv, "can I talk to a real person please")
    out = await say(client, conv, "while I wait, how long does the investigation take?")
    assert out["reply"]["action"] == "handoff_wait" and "10 business days" in out["reply"]["text"], out["reply"]


async def test_a_time_asked_of_another_subject_after_an_answer_is_that_subject_s(client: Any) -> None:
    """"and how long until i get my money back?" after the returns: the refunds' article (its "Where is my money?"),
    not the returns' "30 days" that gives a time too."""
    await ingest(client, [
        {"id": "returns", "title": "Returns: 30 days", "language": "en",
         "text": "You have 30 days from delivery to return an item, unused and with its labels. Start the return in "
                 "My orders > Return an item. From the United Kingdom, the return costs £6.95, deducted from your "
                 "refund.", "questions": ["How do I return an item?", "How much does a return cost?"]},
        {"id": "refunds", "title": "Refund timing", "language": "en",
         "text": "We refund you within 5 business days after our warehouse receives your return. Your bank then takes "
                 "3 to 5 business days to show it.",
         "questions": ["When will I get my refund?", "How long does a refund take?", "Where is my money?"]}])
    out = await reply_after(client, "I live in the UK. how much is a return?",
                            "and how long until i get my money back?")
    assert out["reply"]["sources"][0]["document_id"] == "refunds", out["reply"]


async def test_a_trouble_with_the_last_answer_s_steps_said_not_asked_stays_on_that_article(
        aiohttp_client: Any, app_factory: Any) -> None:
    """"j'ai pas reçu le mail" after a forgotten password: alone, the fraud article just in scope (0.47: "mail");
    with the question before, the password reset (0.72): a trouble with its steps, said rather than asked."""
    client = await aiohttp_client(app_factory(demo=True))
    out = await reply_after(client, "mot de passe oublié", "j'ai pas reçu le mail", language="fr")
    assert out["reply"]["sources"][0]["document_id"] == "password-reset-fr", out["reply"]
    assert "ligne fraude" not in out["reply"]["text"], out["reply"]


async def test_a_rate_a_maximum_or_a_reason_asked_of_the_answer_just_given(aiohttp_client: Any,
                                                                          app_factory: Any) -> None:
    """"whats the rate" after the loans article, "and whats the max?" after cash deposits, "why tho" after a declined
    card: nothing answers them alone; the article just given does, with its sentence that gives it."""
    client = await aiohttp_client(app_factory(demo=True))
    out = await reply_after(client, "i want a loan", "whats the rate")
    assert out["reply"]["action"] == "answer" and out["reply"]["sources"][0]["document_id"] == "personal-loans", out
    assert "4.9%" in out["reply"]["text"] and "payslips" not in out["reply"]["text"], out["reply"]
    out = await reply_after(client, "how do i deposit cash?", "and whats the max?")
    assert out["reply"]["sources"][0]["document_id"] == "depot-especes-en", out
    assert out["reply"]["text"].startswith("Deposits are limited to €3,000 per day"), out["reply"]
    # "taux" asks the figure, it names no subject: the savings rate found alone, weakly, is not what is asked
    out = await reply_after(client, "c combien le decouvert autorisé", "et les agios c quel taux", language="fr")
    assert out["reply"]["sources"][0]["document_id"] == "decouvert" and "14,9 %" in out["reply"]["text"], out
    out = await reply_after(client, "my card was declined", "why tho")
    assert out["reply"]["action"] == "answer" and out["reply"]["sources"][0]["document_id"] == "card-declined", out
    assert "reason" in out["reply"]["text"], out["reply"]


async def test_a_pronoun_s_follow_up_is_answered_about_what_it_points_at(aiohttp_client: Any, app_factory: Any) -> None:
    """"je peux l'annuler ?" after an instant transfer sent to the wrong IBAN: the article on cancelling transfers,
    its sentence that an instant transfer can no longer be cancelled, not that a scheduled one can."""
    client = await aiohttp_client(app_factory(demo=True))
    out = await reply_after(client, "jai fait un virement instantané de 500e au mauvais iban!!", "je peux lannuler ?",
                            channel="mobile", language="fr")
    assert out["reply"]["sources"][0]["document_id"] == "annuler-virement", out
    assert "ne peut plus être annulé" in out["reply"]["text"], out["reply"]["text"]


async def test_what_to_do_after_a_mistake_told_is_what_to_do_about_that_mistake(aiohttp_client: Any,
                                                                                 app_factory: Any) -> None:
    """"mon virement instantané est parti sur le mauvais iban" is the article on cancelling transfers (not the one on
    instant transfers its words name); "je peux faire quoi ?" then names nothing of its own: it stays on that article,
    and its sentence is the one about the mistake told (a return of funds), not a scheduled transfer's cancelling."""
    client = await aiohttp_client(app_factory(demo=True))
    conv = await conversation(client, channel="web", customer_id="demo-lucas-moreau")
    out = await say(client, conv, "mon virement instantané est parti sur le mauvais iban")
    assert out["reply"]["sources"][0]["document_id"] == "annuler-virement", out
    out = await say(client, conv, "je peux faire quoi ?")
    assert out["reply"]["sources"][0]["document_id"] == "annuler-virement", out
    assert "retour des fonds" in out["reply"]["text"] and "veille" not in out["reply"]["text"], out["reply"]["text"]


async def test_a_detail_told_after_an_answer_is_answered_from_that_answer_s_article(aiohttp_client: Any,
                                                                                   app_factory: Any) -> None:
    """"it was an instant transfer" after a transfer to the wrong IBAN: that article's sentence on instant transfers
    (they can no longer be cancelled), not the instant-transfer article its words find alone; then "how do I get my
    money back?" is that article's return of funds, not a merchant's refund. The same in French."""
    client = await aiohttp_client(app_factory(demo=True))
    for opening, detail, back, cancelled, returned, doc in (
            ("I sent a transfer to the wrong IBAN", "it was an instant transfer", "how do I get my money back?",
             "can no longer be cancelled", "Request a return of funds", "annuler-virement-en"),
            ("j'ai fait un virement au mauvais IBAN", "c'était un virement instantané",
             "comment je récupère mon argent ?", "ne peut plus être annulé", "Demander un retour des fonds",
             "annuler-virement")):
        conv = await conversation(client, channel="web")
        await say(client, conv, opening)
        out = await say(client, conv, detail)
        assert out["reply"]["sources"][0]["document_id"] == doc, out
        assert cancelled in out["reply"]["text"], out["reply"]["text"]
        out = await say(client, conv, back)
        assert out["reply"]["sources"][0]["document_id"] == doc, out
        assert returned in out["reply"]["text"], out["reply"]["text"]


async def test_a_question_opened_on_and_goes_on_with_the_subject_it_makes_surer(aiohttp_client: Any,
                                                                               app_factory: Any) -> None:
    """"et si je veux rembourser avant ?" after a personal loan finds the refunds article alone, weakly; "et c'est
    crédité quand ?" after depositing cash finds loans alone ("crédit"): opened on "and", each goes on with the
    subject before, which it makes far surer, and not with what its words found alone."""
    client = await aiohttp_client(app_factory(demo=True))
    out = await reply_after(client, "je voudrais un prêt perso", "et si je veux rembourser avant ?", language="fr")
    assert out["reply"]["sources"][0]["document_id"] == "personal-loans-fr", out
    out = await reply_after(client, "comment je depose des especes ?", "et les pieces ?", "et c'est crédité quand ?",
                            customer_id="demo-nadia-benali", channel="mobile")
    assert out["reply"]["sources"][0]["document_id"] == "depot-especes", out
    assert "jour ouvré suivant" in out["reply"]["text"], out["reply"]["text"]


async def test_words_typed_a_letter_wrong_find_the_article_they_mean(aiohttp_client: Any, app_factory: Any) -> None:
    """"internatonal tranfer to germny how much", "how do i get my statment", "i want to cancle my acount": nothing
    sure as typed (0.33–0.37); spelled as the articles spell them, each its own article, answered (Germany, typed
    "germny", is in the SEPA zone: the SEPA transfer, free, not the international one's €15)."""
    client = await aiohttp_client(app_factory(demo=True))
    for typed, doc in (("internatonal tranfer to germny how much", "virement-sepa-en"),
                       ("how do i get my statment", "releves-de-compte-en"),
                       ("i want to cancle my acount", "close-account")):
        alone = await (await client.post("/v1/knowledge/search", json={"query": typed}, headers=h())).json()
        assert not alone["in_scope"], alone  # the search API is given the words as typed
        out = await reply_after(client, typed, channel="mobile")
        assert out["reply"]["action"] == "answer" and out["reply"]["sources"][0]["document_id"] == doc, (typed, out)


async def test_a_currency_and_there_are_read_plainly_after_a_trip_is_told(aiohttp_client: Any,
                                                                        app_factory: Any) -> None:
    """James, going to New York: "the card machine asked if i want to pay in euros or dollars, which one" is the card
    abroad's "choose the local currency" (nothing sure as written: 0.45); "and will my phone work there" is roaming
    outside Europe, not a second miss and an advisor."""
    client = await aiohttp_client(app_factory(demo=True))
    conv = await conversation(client, customer_id="demo-james-whitfield", channel="mobile")
    await say(client, conv, "going to new york next month, anything i need to know for my card")
    out = await say(client, conv, "the card machine asked if i want to pay in euros or dollars, which one")
    assert out["reply"]["sources"][0]["document_id"] == "card-abroad-travel", out
    assert "choose the local currency" in out["reply"]["text"], out["reply"]["text"]
    out = await say(client, conv, "and will my phone work there")
    assert out["handoff"] is None and out["reply"]["sources"][0]["document_id"] == "roaming-en", out
    assert "Outside Europe" in out["reply"]["text"] or "USA" in out["reply"]["text"], out["reply"]["text"]


async def test_a_country_of_the_zone_the_last_article_names_stays_on_it(aiohttp_client: Any, app_factory: Any) -> None:
    """"and to germany?" after the times of transfers, whose article speaks of SEPA transfers: Germany is in that
    zone, and the answer stays on the article, not "rephrase"."""
    client = await aiohttp_client(app_factory(demo=True))
    out = await reply_after(client, "how long does a transfer take to arive", "and to germany?")
    assert out["reply"]["action"] == "answer" and out["reply"]["sources"][0]["document_id"] == "transfer-delays", out
    assert "SEPA" in out["reply"]["text"], out["reply"]["text"]


async def test_a_transfer_s_country_chooses_the_zone_s_price_and_time(aiohttp_client: Any, app_factory: Any) -> None:
    """A country said of a transfer is answered for its zone: James's sister in Canada (the international transfer's
    €15), then "and to germany?" (the SEPA transfers' "free"), "what about the uk" (SEPA too, not the UK put in place
    of his sister); a first question on Norway or Germany finds the SEPA transfer, not the international one that
    "send money to a country" finds; "and to the US?" after the times of transfers is its "international ones take
    2 to 5 business days", and "how much is it?" then the international transfer's €15."""
    client = await aiohttp_client(app_factory(demo=True))
    conv = await conversation(client, customer_id="demo-james-whitfield")
    await say(client, conv, "hi, how do i send money to my sister in canada")
    out = await say(client, conv, "how much does it cost?")
    assert "€15" in out["reply"]["text"], out["reply"]["text"]
    for text in ("and to germany?", "what about the uk"):
        out = await say(client, conv, text)
        assert out["reply"]["sources"][0]["document_id"] == "virement-sepa-en", (text, out)
        assert "are free" in out["reply"]["text"] and "€15" not in out["reply"]["text"], (text, out["reply"]["text"])
    out = await reply_after(client, "how much does it cost to send money to norway")
    assert out["reply"]["sources"][0]["document_id"] == "virement-sepa-en", out
    out = await reply_after(client, "combien coûte un virement vers l'allemagne ?", customer_id="demo-camille-laurent")
    assert out["reply"]["sources"][0]["document_id"] == "virement-sepa", out
    conv = await conversation(client, customer_id="demo-tom-eriksen")
    await say(client, conv, "how long does a transfer take?")
    out = await say(client, conv, "and to the US?")
    assert out["reply"]["action"] == "answer" and "2 to 5 business days" in out["reply"]["text"], out
    assert "Check the status" not in out["reply"]["text"], out["reply"]["text"]
    out = await say(client, conv, "how much is it?")
    assert out["reply"]["action"] == "answer" and "€15" in out["reply"]["text"], out


async def test_the_place_asked_last_chooses_the_sentence(aiohttp_client: Any, app_factory: Any) -> None:
    """Sarah sends money to France (the SEPA transfer): "how long does it take?" is its "next business day", not a new
    beneficiary's 24 hours; "k and to ireland" after the US's €15 is a SEPA country's "free"."""
    client = await aiohttp_client(app_factory(demo=True))
    conv = await conversation(client, customer_id="demo-sarah-okafor")
    out = await say(client, conv, "how do i send money to my friend in france")
    assert out["reply"]["sources"][0]["document_id"] == "virement-sepa-en", out
    out = await say(client, conv, "how long does it take?")
    assert "next business day" in out["reply"]["text"] and "24 hours" not in out["reply"]["text"], out["reply"]
    out = await say(client, conv, "and to the usa?")
    assert "2 to 5 business days" in out["reply"]["text"], out["reply"]
    out = await say(client, conv, "how much is that one")
    assert "€15" in out["reply"]["text"], out["reply"]
    out = await say(client, conv, "k and to ireland")
    assert out["reply"]["action"] == "answer" and "free" in out["reply"]["text"], out["reply"]


async def test_a_kind_said_not_to_be_it_does_not_lead_the_search(aiohttp_client: Any, app_factory: Any) -> None:
    """Lucas's transfer has not arrived; "cest un virement normal pas instantané" is the standard transfer's next
    business day, not the instant-transfer article its "instantané" finds (0.81); "et du coup ça arrive quand ?" then
    stays on it."""
    client = await aiohttp_client(app_factory(demo=True))
    conv = await conversation(client, customer_id="demo-lucas-moreau")
    await say(client, conv, "jai fait un virement a ma coloc hier elle la tjrs pas recu")
    out = await say(client, conv, "cest un virement normal pas instantané")
    assert out["reply"]["sources"][0]["document_id"] == "transfer-delays-fr", out["reply"]
    assert "jour ouvré suivant" in out["reply"]["text"], out["reply"]["text"]
    out = await say(client, conv, "et du coup ça arrive quand ?")
    assert "secondes" not in out["reply"]["text"] and "jour ouvré suivant" in out["reply"]["text"], out["reply"]
    # and if it does not: a trouble supposed is answered as one told, with what to do then
    out = await say(client, conv, "ok et si ca arrive pas ?")
    assert "Signaler un problème" in out["reply"]["text"], out["reply"]["text"]


async def test_texted_french_countries_keep_to_their_zone(aiohttp_client: Any, app_factory: Any) -> None:
    """Lucas, mobile: 15 € to Morocco, then "et vers lallemagne ?" (no apostrophe) is the SEPA transfers' "gratuits",
    not the 1 000 € of a new beneficiary nor the 15 € again; "et vers les états-unis ?" after the times of transfers
    is "sous 2 à 5 jours ouvrés", and "ça coûte combien ?" then the international transfer's 15 €."""
    client = await aiohttp_client(app_factory(demo=True))
    conv = await conversation(client, customer_id="demo-lucas-moreau", channel="mobile")
    await say(client, conv, "jdois envoyer 200 balles a ma mere au maroc")
    out = await say(client, conv, "ca coute combien ?")
    assert "15 €" in out["reply"]["text"], out["reply"]["text"]
    out = await say(client, conv, "et vers lallemagne ?")
    assert "gratuits" in out["reply"]["text"] and "€" not in out["reply"]["text"], out["reply"]["text"]
    conv = await conversation(client, customer_id="demo-camille-laurent")
    await say(client, conv, "combien de temps prend un virement ?")
    out = await say(client, conv, "et vers les états-unis ?")
    assert "2 à 5 jours ouvrés" in out["reply"]["text"] and "Vérifiez" not in out["reply"]["text"], out
    out = await say(client, conv, "ça coûte combien ?")
    assert out["reply"]["action"] == "answer" and "15 €" in out["reply"]["text"], out


async def test_a_short_answer_on_card_limits_gives_the_customer_s_own_card(aiohttp_client: Any,
                                                                          app_factory: Any) -> None:
    """Nadia (a Visa Premier, consent given) on mobile, her supplier's payment refused: her card's 8 000 €, not the
    Visa Classic's 2 500 € that the article gives first."""
    client = await aiohttp_client(app_factory(demo=True))
    refused = "bjr, mon paiement fournisseur de 2840e a ete refusé, c urgent jdois payer ma farine"
    out = await reply_after(client, refused, customer_id="demo-nadia-benali", channel="mobile")
    assert out["reply"]["sources"][0]["document_id"] == "plafonds-carte", out
    assert "8 000 €" in out["reply"]["text"] and "2 500 €" not in out["reply"]["text"], out["reply"]["text"]


async def test_does_that_points_back_at_the_answer_just_given(aiohttp_client: Any, app_factory: Any) -> None:
    """"does that cancel my phone plan too" after closing an account (Tom, mobile): the closing article's "does not end
    a Nordvik mobile plan", not the plan article's discount its words find alone, weakly; then its 30 days."""
    client = await aiohttp_client(app_factory(demo=True))
    conv = await conversation(client, customer_id="demo-tom-eriksen", channel="mobile")
    await say(client, conv, "honestly im done with you guys, how do i close my account")
    out = await say(client, conv, "does that cancel my phone plan too")
    assert out["reply"]["sources"][0]["document_id"] == "close-account", out
    assert "does not end a Nordvik mobile plan" in out["reply"]["text"], out["reply"]["text"]
    out = await say(client, conv, "how long does it take")
    assert "30 days" in out["reply"]["text"], out["reply"]


async def test_a_no_declines_and_queues_nobody(aiohttp_client: Any, app_factory: Any) -> None:
    """"no" to "…or I can get you an advisor: just say yes" after a question nothing answers: nobody is queued, the
    door stays open; "no" to "anything else?" after thanks: goodbye; a goodbye said at length is one."""
    client = await aiohttp_client(app_factory(demo=True))
    out = await reply_after(client, "do you sell home broadband", "no")
    assert out["handoff"] is None and out["reply"]["action"] == "clarify", out
    assert "anything else" in out["reply"]["text"].lower(), out["reply"]
    out = await reply_after(client, "how do i block my card", "ok thanks", "no")
    assert out["handoff"] is None and "goodbye" in out["reply"]["text"].lower(), out["reply"]
    out = await reply_after(client, "how do i get an esim", "great thanks that's all i needed", "no that's it, bye")
    assert out["handoff"] is None and out["reply"]["sources"] == [], out
    r = await client.get("/v1/handoffs?status=waiting", headers=h())
    assert (await r.json())["handoffs"] == []


async def test_a_spending_cap_after_roaming_is_roaming_s(aiohttp_client: Any, app_factory: Any) -> None:
    """"can i set a spending cap" after turning roaming on: the roaming article's "Spending cap", not card limits."""
    client = await aiohttp_client(app_factory(demo=True))
    out = await reply_after(client, "how do i turn on roaming", "can i set a spending cap")
    assert out["reply"]["action"] == "answer" and out["reply"]["sources"][0]["document_id"] == "roaming-en", out
    assert "Spending cap" in out["reply"]["text"], out["reply"]["text"]


async def test_no_i_mean_asks_the_question_before_again_as_it_was_meant(aiohttp_client: Any, app_factory: Any) -> None:
    """"will my phone work?" in Switzerland, answered with the card abroad; "no, I mean my mobile phone, not my card":
    roaming, never the answer turned down, and the price per day after it; a correction that changes nothing is no
    reason to drop the right answer."""
    client = await aiohttp_client(app_factory(demo=True))
    conv = await conversation(client)
    first = await say(client, conv, "I am travelling to Switzerland next week, will my phone work?")
    fixed = await say(client, conv, "no, I mean my mobile phone, not my card")
    assert fixed["reply"]["action"] == "answer", fixed
    assert fixed["reply"]["sources"][0]["document_id"] == "roaming-en", (first["reply"], fixed["reply"])
    assert first["reply"]["sources"][0]["document_id"] not in [s["document_id"] for s in fixed["reply"]["sources"]]
    price = await say(client, conv, "how much will it cost per day in Switzerland")
    assert "€5 per day" in price["reply"]["text"], price["reply"]


async def test_a_figure_asked_after_a_change_of_language_is_of_the_subject_before(aiohttp_client: Any,
                                                                                  app_factory: Any) -> None:
    """Roaming in the US asked in English, "can you answer in french svp", then "combien par jour": the zones' price
    per day in French ("jour" is the unit asked for, not a subject: alone it nearly finds number porting's "jour")."""
    client = await aiohttp_client(app_factory(demo=True))
    out = await reply_after(client, "hello I'm going to the US next month, does my phone plan work there",
                            "can you answer in french svp", "combien par jour")
    assert out["reply"]["action"] == "answer" and out["reply"]["sources"][0]["document_id"] == "roaming-fr", out
    assert "5 € par jour" in out["reply"]["text"], out["reply"]["text"]


async def test_asked_when_it_is_billed_after_a_data_top_up(aiohttp_client: Any, app_factory: Any) -> None:
    """"c quand que cest facturé" after topping up data (Lucas, mobile): the article just given has every word it
    adds ("ajoutée à ta prochaine facture"), though with it the question is found just under the bar; "what is the
    price with my discount" after changing plan asks a price, not what something is."""
    client = await aiohttp_client(app_factory(demo=True))
    topped = "salut jai plus de data sur mon tel comment jen rajoute"
    out = await reply_after(client, topped, "c quand que cest facturé", customer_id="demo-lucas-moreau",
                            channel="mobile")
    assert out["reply"]["action"] == "answer" and "prochaine facture" in out["reply"]["text"], out["reply"]
    out = await reply_after(client, "how do i change my plan to the unlimited one",
                            "what is the price with my discount")
    assert out["reply"]["action"] == "answer" and "€39.99" in out["reply"]["text"], out["reply"]


async def test_options_still_stand_after_a_request_for_another_language(aiohttp_client: Any, app_factory: Any) -> None:
    """"mon forfait marche la bas?" → roaming or the card abroad?; "sorry can you answer in english please"; "how much
    per day": the roaming option in English (nearest with the question before, and it gives a price), not a second
    miss handed to an advisor."""
    client = await aiohttp_client(app_factory(demo=True))
    out = await reply_after(client, "bonjour je pars aux etats unis le mois prochain, mon forfait marche la bas?",
                            "sorry can you answer in english please", "how much per day")
    assert out["handoff"] is None and out["reply"]["action"] == "answer", out
    assert out["reply"]["sources"][0]["document_id"] == "roaming-en", out["reply"]


async def test_a_product_the_knowledge_never_mentions_is_said_to_be_unknown_not_answered_from_the_nearest(
        aiohttp_client: Any, app_factory: Any) -> None:
    client = await aiohttp_client(app_factory(demo=True))
    # the demo base has a savings rate and personal loans, and no word of mortgages
    out = await reply_after(client, "what's the interest rate on a mortgage?")
    assert out["reply"]["action"] == "clarify", out
    assert "information on mortgages" in out["reply"]["text"], out
    assert "2%" not in out["reply"]["text"]  # not the savings account's rate
    assert "- Personal loans" in out["reply"]["text"]  # what is near, offered
    out = await reply_after(client, "vous faites des prêts immobiliers ?", language="fr")
    assert "pas d'information sur les crédits immobiliers" in out["reply"]["text"], out
    assert out["reply"]["action"] == "clarify"
    # a second thing not covered in a row: said so, and an advisor offered whom a "yes" brings, not queued for one
    # who has nothing more on it
    conv = await conversation(client, language="fr")
    await say(client, conv, "quel est votre taux pour un prêt immobilier sur 20 ans ?")
    out = await say(client, conv, "Et proposez-vous une assurance vie ?")
    assert out["handoff"] is None and out["reply"]["action"] == "clarify", out
    assert "pas d'information sur les assurances" in out["reply"]["text"], out["reply"]
    assert "conseiller" in out["reply"]["text"], out["reply"]
    taken = await say(client, conv, "oui")
    assert taken["handoff"] is not None and taken["handoff"]["reason"] == "human_request", taken
    # nor after it "ok tant pis", which asks nothing
    conv = await conversation(client, language="fr")
    await say(client, conv, "vous faites des prêts immobiliers ?")
    fine = await say(client, conv, "ok tant pis")
    assert fine["handoff"] is None and fine["reply"]["action"] == "clarify", fine
    # going on asking of it in few words is still of the mortgage, not the personal loan's rate as if it were; naming
    # the product offered instead is that product's
    rate = await reply_after(client, "do you do mortgages?", "what's the rate?")
    assert rate["reply"]["action"] != "answer" and "4.9%" not in rate["reply"]["text"], rate
    loans = await reply_after(client, "do you do mortgages?", "and personal loans?")
    assert loans["reply"]["action"] == "answer" and "4.9%" in loans["reply"]["text"], loans
    # a question of another subject after it is not the mortgage again: a miss, the second in a row, handed over
    other = await reply_after(client, "do you do mortgages?", "what's the capital of peru")
    assert "mortgage" not in other["reply"]["text"], other["reply"]
    assert other["handoff"] is not None and other["handoff"]["reason"] == "out_of_scope", other
    # a question the knowledge nearly places, after the thing not covered: what is near offered, not the queue
    near = await reply_after(client, "do you do car insurance?", "what about borrowing for me")
    assert near["handoff"] is None and near["reply"]["action"] == "clarify", near
    assert "- Personal loans" in near["reply"]["text"], near["reply"]
    # named in passing, the customer's own insurance: the direct debit is what is asked
    out = await reply_after(client, "how do i stop the direct debit for my old car insurance")
    assert out["reply"]["action"] == "answer", out
    assert out["reply"]["sources"][0]["document_id"] == "direct-debits"
    # the same question once the base has an article on it: answered from it
    await ingest(client, [{"id": "mortgage", "title": "Mortgages", "language": "en",
                           "text": "Our mortgage rate is fixed at 3.1% over 20 years.",
                           "questions": ["mortgage interest rate", "can I get a home loan"]}])
    out = await reply_after(client, "what's the interest rate on a mortgage?")
    assert out["reply"]["action"] == "answer", out
    assert out["reply"]["sources"][0]["document_id"] == "mortgage"
    assert "3.1%" in out["reply"]["text"]


async def test_a_rate_asked_after_a_loan_is_the_loans_and_anger_said_first_does_not_hide_the_question(
        aiohttp_client: Any, app_factory: Any) -> None:
    client = await aiohttp_client(app_factory(demo=True))
    # the savings article's title says "interest rate"; the loan just discussed gives its rate
    out = await reply_after(client, "i want to borrow money for a car", "whats the interest rate")
    assert out["reply"]["sources"][0]["document_id"] == "personal-loans", out
    assert "4.9%" in out["reply"]["text"] and "savings" not in out["reply"]["text"]
    # "c'est n'importe quoi votre banque" leads the search astray; the question without it finds the article
    out = await reply_after(client, "c'est n'importe quoi votre banque ma carte est refusee partout")
    assert out["reply"]["action"] == "answer", out
    assert out["reply"]["sources"][0]["document_id"] == "card-declined-fr"


async def test_a_detail_told_or_asked_after_an_answer_stays_with_its_article(
        aiohttp_client: Any, app_factory: Any) -> None:
    client = await aiohttp_client(app_factory(demo=True))
    # a long question opened on "and": alone it nearly finds cash machines; it goes on with the savings account
    out = await reply_after(client, "quel est le taux du compte épargne",
                            "Et est-il possible de retirer à tout moment ?")
    assert out["reply"]["sources"][0]["document_id"] == "epargne-taux", out
    assert "à tout moment" in out["reply"]["text"]
    # a detail of the trouble told, not asked: the cancelling article's sentence on instant transfers
    out = await reply_after(client, "i sent money to the wrong person", "it was an instant one")
    assert out["reply"]["sources"][0]["document_id"] == "annuler-virement-en", out
    assert "can no longer be cancelled" in out["reply"]["text"]
    # "normal" reads as "standard", not as "standing" (a standing order can still be cancelled)
    out = await reply_after(client, "i sent money to the wrong account, can i cancel it?",
                            "it was a normal transfer, not an instant one")
    assert "a standard transfer that has already left" in out["reply"]["text"], out["reply"]
    assert "standing order" not in out["reply"]["text"], out["reply"]
    # asked only a price of "the new one", at six words: the lost card's replacement
    out = await reply_after(client, "i lost my card", "does the new one cost anything")
    assert out["reply"]["sources"][0]["document_id"] == "lost-stolen-card-en", out
    assert "€10" in out["reply"]["text"]


async def test_the_record_is_not_told_of_a_matter_the_customer_places_elsewhere(
        aiohttp_client: Any, app_factory: Any) -> None:
    client = await aiohttp_client(app_factory(demo=True))
    # Tom's record: a hotel payment declined in Tokyo
    out = await reply_after(client, "my card got declined at my hotel in tokyo", customer_id="demo-tom-eriksen")
    assert "Shinjuku" in out["reply"]["text"], out
    out = await reply_after(client, "my card got declined in a shop in new york yesterday",
                            customer_id="demo-tom-eriksen")
    assert "Shinjuku" not in out["reply"]["text"], out
    # "how do i fix it" after the record was told: the record's own fix, not the article's other reasons' steps
    out = await reply_after(client, "my card got declined at the hotel", "how do i fix it",
                            customer_id="demo-tom-eriksen")
    assert "Settings > Payments abroad" in out["reply"]["text"], out
    assert "notification" not in out["reply"]["text"]


async def test_a_number_alone_asks_the_question_before_of_that_number(aiohttp_client: Any, app_factory: Any) -> None:
    client = await aiohttp_client(app_factory(demo=True))
    out = await reply_after(client, "how much is 5gb of data", "and 20?")
    assert out["reply"]["action"] == "answer", out
    assert out["reply"]["sources"][0]["document_id"] == "mobile-data-top-up"
    assert "20 GB for €15" in out["reply"]["text"] and "80%" not in out["reply"]["text"]
    out = await reply_after(client, "what plans do you have", "how much is the 80gb one", "and 20?")
    assert out["reply"]["sources"][0]["document_id"] == "changer-forfait-mobile-en", out
    assert "20 GB for €19.99" in out["reply"]["text"]
    # a correction that the same article answers: not another article
    out = await reply_after(client, "what plans do you have", "how much is the 80gb one", "no i meant the 20gb")
    assert out["reply"]["sources"][0]["document_id"] == "changer-forfait-mobile-en", out
    assert "20 GB for €19.99" in out["reply"]["text"]
    # one the article turned down only mentions ("overdraft" in the closing article) is another article's
    out = await reply_after(client, "how do I close my account?", "no, I mean the overdraft")
    assert out["reply"]["sources"][0]["document_id"] == "decouvert-en", out


async def test_a_country_asked_after_an_article_that_names_it_gets_its_sentence(
        aiohttp_client: Any, app_factory: Any) -> None:
    client = await aiohttp_client(app_factory(demo=True))
    out = await reply_after(client, "how much is roaming per day", "and in the us?")
    assert out["reply"]["action"] == "answer", out
    assert out["reply"]["sources"][0]["document_id"] == "roaming-en"
    assert out["reply"]["text"].startswith("Zone 1 (UK, Switzerland, USA, Canada) costs €5 per day"), out


async def test_condolences_are_for_those_who_speak_of_a_death(aiohttp_client: Any, app_factory: Any) -> None:
    client = await aiohttp_client(app_factory(demo=True))
    # "documents" finds the article on a relative who died ("death certificate") best, alone
    out = await reply_after(client, "i'd like to borrow 25k for a car", "what documents do you need")
    assert "loss" not in out["reply"]["text"] and "death" not in out["reply"]["text"], out
    assert all(s["document_id"] != "bereavement" for s in out["reply"]["sources"])
    out = await reply_after(client, "what documents do you need to close the account of a relative who died")
    assert "sorry for your loss" in out["reply"]["text"], out


async def test_a_loan_s_questions_after_a_long_first_one_stay_on_the_loan(aiohttp_client: Any,
                                                                          app_factory: Any) -> None:
    """After a long first question about a car loan, "what documents do you need" (alone: opening an account, weakly)
    is the loan's payslips, "can I pay it off early?" its 1 % cap, and "How long does approval take" (alone, with
    confidence: number porting's "3 business days", none of whose words it has) the loan's 48 hours."""
    client = await aiohttp_client(app_factory(demo=True))
    conv = await conversation(client, channel="mobile", customer_id="demo-james-whitfield")
    await say(client, conv, "I'm looking at borrowing 15k for a car over 5 years, what rate would I get?")
    for asked, said in (("what documents do you need", "payslips"), ("can I pay it off early? any penalty?", "1%"),
                        ("How long does approval take", "48 hours")):
        out = await say(client, conv, asked)
        assert out["reply"]["sources"][0]["document_id"] == "personal-loans", (asked, out)
        assert said in out["reply"]["text"], (asked, out["reply"]["text"])


async def test_taking_back_a_request_none_is_open_for_is_all_right(aiohttp_client: Any, app_factory: Any) -> None:
    """"actually never mind, cancel my request" with no request open: said in kind, not "I'm sorry for the trouble"
    and options on complaints or cancelled transfers, and no miss counted."""
    client = await aiohttp_client(app_factory(demo=True))
    for text in ("actually never mind, cancel my request", "laisse tomber",
                 "no no I don't need an agent, I was just asking"):  # a person declined, nothing asked
        out = await reply_after(client, text)
        assert out["handoff"] is None and not out["reply"]["sources"], (text, out)
        assert "sorry" not in out["reply"]["text"].lower() and "désolé" not in out["reply"]["text"].lower(), out
        assert "another way" not in out["reply"]["text"] and "rephrase" not in out["reply"]["text"], out



async def test_a_question_asked_beside_a_person_declined_is_answered(aiohttp_client: Any, app_factory: Any) -> None:
    """"pas besoin de conseiller hein, dites moi juste comment faire opposition sur ma carte": the person declined is no
    request, and the question beside it is answered, not "anything else?" as if nothing were asked."""
    client = await aiohttp_client(app_factory(demo=True))
    for text, language, document in (
            ("pas besoin de conseiller hein, dites moi juste comment faire opposition sur ma carte", "fr",
             "lost-stolen-card-fr"),
            ("no need for an agent, just tell me how to freeze my card", "en", "freeze-unfreeze-card")):
        out = await reply_after(client, text, language=language)
        assert out["handoff"] is None and out["reply"]["action"] == "answer", (text, out)
        assert out["reply"]["sources"][0]["document_id"] == document, (text, out["reply"])

RUPEE_DOCS = [
    {"id": "neft-rtgs", "title": "How is RTGS different from NEFT",
     "text": "NEFT settles transactions in batches at set times, while RTGS settles each transaction individually and "
             "in real time. RTGS is meant for large amounts.",
     "questions": ["difference between NEFT and RTGS", "NEFT vs RTGS", "how is rtgs different from neft"]},
    {"id": "rtgs-limits", "title": "Are there minimum or maximum limits for RTGS transfers",
     "text": "The RTGS system has been designed for large value transactions. The minimum amount to be remitted through "
             "RTGS is Rs. 2 Lakhs. There is no upper ceiling for RTGS transactions.",
     "questions": ["is there a minimum for RTGS", "RTGS minimum amount", "maximum RTGS transfer"]},
    {"id": "rtgs-charges", "title": "What are the charges for RTGS transfers",
     "text": "RTGS transactions on NetBanking are charged as below: Rs. 2 lac to Rs. 5 lac - Rs. 25 per transaction. "
             "Above Rs. 5 lac - Rs. 50 per transaction.",
     "questions": ["RTGS charges", "how much does an RTGS cost", "what are the fees for RTGS"]},
    {"id": "flexi-balance", "title": "Minimum balance for a Flexi Current account",
     "text": "You have to maintain an Average Monthly Balance (AMB) of Rs. 75,000 in a Flexi Current account. If you "
             "are unable to maintain the AMB, a charge of Rs. 1,000 applies for that month. Ask Mr. Rao at your branch "
             "for a waiver.",
     "questions": ["minimum balance for a flexi current account", "flexi current account AMB"]},
]


async def test_a_knowledge_base_in_rupees_keeps_its_sums_and_tells_a_price_from_a_limit(aiohttp_client: Any,
                                                                                      app_factory: Any) -> None:
    """Another company's knowledge, written in rupees: a sentence quoted keeps its "Rs. 1,000" whole ("Rs." ends no
    sentence); "and how much does it cost" after the RTGS minimum is the charges article, not the minimum's Rs. 2
    Lakhs read as a price."""
    client = await aiohttp_client(app_factory())
    await ingest(client, RUPEE_DOCS)
    conv = await conversation(client)
    await say(client, conv, "what is the minimum balance for a flexi current account")
    out = await say(client, conv, "and if i dont maintain it what's the charge?")
    assert "a charge of Rs. 1,000 applies" in out["reply"]["text"], out["reply"]["text"]
    assert not out["reply"]["text"].rstrip().endswith("Rs."), out["reply"]["text"]
    conv = await conversation(client)
    await say(client, conv, "whats the differnce between neft and rtgs")
    await say(client, conv, "is there a minimum for rtgs")
    out = await say(client, conv, "and how much does it cost")
    assert out["reply"]["action"] == "answer" and out["reply"]["sources"][0]["document_id"] == "rtgs-charges", out
    assert "per transaction" in out["reply"]["text"] and "Lakhs" not in out["reply"]["text"], out["reply"]["text"]


async def test_an_answer_not_understood_is_offered_again_and_an_advisor_on_yes(
        aiohttp_client: Any, app_factory: Any) -> None:
    """"jcomprend pas ton truc" after an answer: said again another way is offered, and an advisor a "oui" takes; "I
    don't understand your answer" twice: the second time, an advisor."""
    client = await aiohttp_client(app_factory(demo=True))
    conv = await conversation(client, customer_id="demo-lucas-moreau")
    await say(client, conv, "ma carte est refusée")
    out = await say(client, conv, "jcomprend pas ton truc")
    assert out["handoff"] is None and out["reply"]["action"] == "clarify", out
    assert "explique autrement" in out["reply"]["text"] and "conseiller" in out["reply"]["text"], out["reply"]
    yes = await say(client, conv, "oui")
    assert yes["handoff"] is not None and yes["handoff"]["reason"] == "human_request", yes
    conv = await conversation(client)
    await say(client, conv, "how do i reset my password")
    first = await say(client, conv, "I don't understand your answer")
    assert first["handoff"] is None and "explain differently" in first["reply"]["text"], first
    again = await say(client, conv, "i still dont understand")
    assert again["handoff"] is not None, again


async def test_a_follow_up_after_a_freeze_a_lost_card_and_a_fix_that_did_not_work(
        aiohttp_client: Any, app_factory: Any) -> None:
    """"et pour la dégeler ?" after freezing: the unfreezing sentence (not "la dégeler" as a thing); "c koi les frais
    pour en refaire une" after a lost card: its 10 €; "jai deja essayé ca marche tjr pas" after a declined card: sorry
    it did not sort it out, and an advisor offered."""
    client = await aiohttp_client(app_factory(demo=True))
    out = await reply_after(client, "comment geler ma carte", "et pour la dégeler ?",
                            customer_id="demo-camille-laurent")
    assert "Pour la dégeler" in out["reply"]["text"], out["reply"]
    out = await reply_after(client, "jai perdu ma cb", "c koi les frais pour en refaire une",
                            customer_id="demo-lucas-moreau")
    assert out["reply"]["sources"][0]["document_id"] == "lost-stolen-card-fr" and "10 €" in out["reply"]["text"], out
    out = await reply_after(client, "ma carte est refusée", "jai deja essayé ca marche tjr pas",
                            customer_id="demo-lucas-moreau")
    assert out["handoff"] is None and "conseiller" in out["reply"]["text"], out["reply"]
    assert "pas de réponse fiable" not in out["reply"]["text"], out["reply"]
    out = await reply_after(client, "my card was declined at the supermarket",
                            "i already checked that, still doesnt work!!", customer_id="demo-sarah-okafor")
    assert out["reply"]["action"] == "clarify" and "didn't sort it out" in out["reply"]["text"], out["reply"]


async def test_a_slip_owned_up_to_is_no_complaint_and_what_was_meant_is_answered(
        aiohttp_client: Any, app_factory: Any) -> None:
    """"sorry i meant canada not the us" after the US's transfer fee: the same article's fee, of Canada, with no
    apology for a trouble; "sorry I meant for my savings account" after the IBAN: the IBAN's steps; "non I mean my card,
    not my phone" after roaming in Switzerland: the card abroad; "nvm, wrong button 😅": nothing to answer."""
    client = await aiohttp_client(app_factory(demo=True))
    out = await reply_after(client, "how much to send money to the us", "sorry i meant canada not the us",
                            customer_id="demo-tom-eriksen")
    assert out["reply"]["sources"][0]["document_id"] == "international-transfer", out["reply"]
    assert "€15" in out["reply"]["text"] and "sorry" not in out["reply"]["text"].lower(), out["reply"]
    assert out["sentiment"]["label"] != "negative", out["sentiment"]
    out = await reply_after(client, "how do I get my IBAN", "sorry I meant for my savings account",
                            customer_id="demo-sarah-okafor")
    assert out["reply"]["sources"][0]["document_id"] == "rib-iban-en", out["reply"]
    out = await reply_after(client, "will my phone work in switzerland?", "non I mean my card, not my phone",
                            customer_id="demo-tom-eriksen")
    assert out["reply"]["sources"][0]["document_id"] == "card-abroad-travel", out["reply"]
    # sorry for their English, and the answer again in French: the article's first steps, not a sentence its English
    # question's words chose from the French text, nor an apology for a trouble
    out = await reply_after(client, "how to reset my password", "sorry je parle pas bien anglais, en français svp",
                            channel="mobile")
    assert out["reply"]["sources"][0]["document_id"] == "password-reset-fr", out["reply"]
    assert out["reply"]["text"].startswith("Si vous avez oublié votre mot de passe"), out["reply"]
    out = await reply_after(client, "how do i freeze my card", "nvm, wrong button 😅")
    assert out["reply"]["action"] == "clarify" and not out["reply"]["sources"], out["reply"]
    assert "frustrat" not in out["reply"]["text"] and "good answer" not in out["reply"]["text"], out["reply"]


async def test_a_switch_turned_on_is_of_the_matter_then_and_a_fix_for_a_trouble_is_tried_again(
        aiohttp_client: Any, app_factory: Any) -> None:
    """Tom, declined at his hotel in Tokyo: "how do i turn it on", "ok i turned it on" (payments abroad, for a
    trouble: try again now); then "also my phone has no data here lol" is roaming, still off on his record (the switch
    was the card's), and "how much is it per day?" Zone 2's €10."""
    client = await aiohttp_client(app_factory(demo=True))
    conv = await conversation(client, customer_id="demo-tom-eriksen", channel="mobile")
    await say(client, conv, "hey my card got declined at the hotel 😤 im in tokyo")
    await say(client, conv, "how do i turn it on")
    done = await say(client, conv, "ok i turned it on")
    assert "try" in done["reply"]["text"], done["reply"]
    data = await say(client, conv, "also my phone has no data here lol")
    assert data["reply"]["sources"][0]["document_id"] == "roaming-en", data["reply"]
    assert "roaming is switched off" in data["reply"]["text"], data["reply"]
    price = await say(client, conv, "how much is it per day?")
    assert "€10 per day" in price["reply"]["text"], price["reply"]


async def test_a_story_s_day_and_hour_do_not_lead_its_search_astray(aiohttp_client: Any, app_factory: Any) -> None:
    """"j'ai fait un virement de 300 euros vendredi à 18h, on est lundi et il n'est toujours pas arrivé, c'est normal
    ?": the transfer that has not arrived, once the day, the hour and the sum are left out of its search."""
    client = await aiohttp_client(app_factory(demo=True))
    out = await reply_after(client, "j'ai fait un virement de 300 euros vendredi à 18h, on est lundi et il n'est "
                                    "toujours pas arrivé, c'est normal ?", customer_id="demo-lucas-moreau")
    assert out["reply"]["action"] == "answer", out["reply"]
    assert out["reply"]["sources"][0]["document_id"] == "transfer-delays-fr", out["reply"]


async def test_how_long_it_has_been_told_after_an_answer_is_answered_from_it(aiohttp_client: Any,
                                                                            app_factory: Any) -> None:
    """"ça fait 5 jours ouvrés, il est marqué envoyé" after the transfer's delays: the article's sentence about it
    ("au bout de 3 jours ouvrés, touchez Signaler un problème"), not "what happens when you try?"; "still doesnt
    work!!!" is still what it says."""
    client = await aiohttp_client(app_factory(demo=True))
    out = (await reply_after(client, "Bonjour, mon virement vers mon fournisseur n'est toujours pas arrivé",
                             "ça fait 5 jours ouvrés, il est marqué envoyé", customer_id="demo-nadia-benali"))["reply"]
    assert out["action"] == "answer" and "Signaler un problème" in out["text"], out
    assert out["sources"][0]["document_id"] == "transfer-delays-fr", out["sources"]


async def test_a_figure_asked_after_a_detail_is_the_detail_s(aiohttp_client: Any, app_factory: Any) -> None:
    """"i cant log in", "it says account temporarily locked", "how long do i wait": the lock's 30 minutes, not the
    text message's 2 minutes (both sentences say "wait"; what was said before tells them apart)."""
    client = await aiohttp_client(app_factory(demo=True))
    out = await reply_after(client, "i cant log in", "it says account temporarily locked", "how long do i wait",
                            customer_id="demo-sarah-okafor")
    assert "30 minutes" in out["reply"]["text"] and "2 minutes" not in out["reply"]["text"], out["reply"]


async def test_a_loss_the_customer_is_not_sure_of_hears_of_freezing_first(aiohttp_client: Any,
                                                                          app_factory: Any) -> None:
    """"I might have lost my card, not sure": freeze it (undone whenever it turns up), not the permanent block; "i lost
    my card": block it straight away."""
    client = await aiohttp_client(app_factory(demo=True))
    unsure = (await reply_after(client, "I might have lost my card, not sure"))["reply"]
    assert "freeze it instead" in unsure["text"], unsure["text"]
    sure = (await reply_after(client, "i lost my card"))["reply"]
    assert sure["text"].find("block it straight away") >= 0, sure["text"]
    # "it" is what the answer said to freeze: found again, the unfreeze steps, not the freeze sentence once more
    found = (await reply_after(client, "I might have lost my card, not sure", "Found it. How do I turn it back on?",
                               customer_id="demo-tom-eriksen"))["reply"]
    assert "Unfreeze card" in found["text"], found
    assert found["sources"][0]["document_id"] == "freeze-unfreeze-card", found["sources"]


async def test_a_question_the_last_article_answers_in_its_words_stays_on_it(aiohttp_client: Any,
                                                                            app_factory: Any) -> None:
    """Closing an account, "do u move my direct debits for me" (alone: the direct debits' own article, with
    confidence) is the closing's "switch your salary and direct debits to your new bank": every word it adds is in
    that article, and its own falls far behind once read with the question before; then "how long does it take" is
    the closing's 30 days, not a direct debit's 8-week refund."""
    client = await aiohttp_client(app_factory(demo=True))
    conv = await conversation(client, channel="mobile", customer_id="demo-sarah-okafor")
    await say(client, conv, "how do i close my account and move everything to monzo")
    out = await say(client, conv, "do u move my direct debits for me")
    assert out["reply"]["sources"][0]["document_id"] == "close-account", out
    assert "switch your salary and direct debits" in out["reply"]["text"], out["reply"]["text"]
    out = await say(client, conv, "how long does it take")
    assert out["reply"]["sources"][0]["document_id"] == "close-account" and "30 days" in out["reply"]["text"], out
    # asked on its own, the direct debits' article is still the answer
    out = await reply_after(client, "do u move my direct debits for me")
    assert out["reply"]["sources"][0]["document_id"] == "direct-debits", out


async def test_a_thing_of_ones_own_after_closing_goes_on_with_the_closing(aiohttp_client: Any,
                                                                          app_factory: Any) -> None:
    """"and my phone plan?" after "I want to close my account" asks what becomes of the plan: the closing article's
    sentence on it ("does not end a Nordvik mobile plan"), in English and French, not the plan change's price list;
    asked alone, the plans' article."""
    client = await aiohttp_client(app_factory(demo=True))
    out = await reply_after(client, "I want to close my account", "and my phone plan?")
    assert out["reply"]["sources"][0]["document_id"] == "close-account", out
    assert "does not end a Nordvik mobile plan" in out["reply"]["text"] and "9.99" not in out["reply"]["text"], out
    out = await reply_after(client, "je veux clôturer mon compte", "et mon forfait mobile ?", language="fr")
    assert out["reply"]["sources"][0]["document_id"] == "close-account-fr", out
    assert "ne met pas fin" in out["reply"]["text"], out["reply"]["text"]
    out = await reply_after(client, "and my phone plan?")
    assert out["reply"]["sources"][0]["document_id"].startswith("changer-forfait-mobile"), out
    # after a place abroad, that thing there: "and my phone?" after a card declined in Tokyo is roaming, and its
    # price a day follows it, not the card's currency fees
    conv = await conversation(client, channel="mobile")
    await say(client, conv, "hey my card got declined at my hotel in tokyo, what's going on??")
    out = await say(client, conv, "and my phone?")
    assert out["reply"]["sources"][0]["document_id"] == "roaming-en", out
    out = await say(client, conv, "and how much is it per day?")
    assert out["reply"]["sources"][0]["document_id"] == "roaming-en" and "€10 per day" in out["reply"]["text"], out


async def test_and_abroad_after_the_cards_limits_is_the_card_abroad_not_the_phone(aiohttp_client: Any,
                                                                                app_factory: Any) -> None:
    """"ok et à l'étranger ?" after the card's limits: alone it finds roaming (the phone abroad); read with what the last
    answer was about, the card abroad. "and an international one?" after an instant transfer stays its own question."""
    client = await aiohttp_client(app_factory(demo=True))
    out = await reply_after(client, "c'est quoi le plafond de ma carte ?", "ok et à l'étranger ?",
                            customer_id="demo-lucas-moreau", channel="mobile")
    assert out["reply"]["sources"][0]["document_id"] == "card-abroad-travel-fr", out
    out = await reply_after(client, "how does an instant transfer work?", "and an international one?")
    assert out["reply"]["sources"][0]["document_id"] == "international-transfer", out


async def test_a_stolen_card_and_no_app_is_given_the_number_to_call(aiohttp_client: Any, app_factory: Any) -> None:
    """"on vient de me voler ma cb dans le metro!!! je fais quoi" is urgent, with no "frustrant"; then "jai pas l'appli
    sur moi mon tel aussi a ete vole", or "I don't have the app" after a stolen wallet: the lost card's 24/7 line, not
    "no reliable answer" nor the app's login article. "I can't log in to the app" alone is still the login article."""
    client = await aiohttp_client(app_factory(demo=True))
    conv = await conversation(client, customer_id="demo-lucas-moreau", channel="mobile")
    first = await say(client, conv, "on vient de me voler ma cb dans le metro!!! je fais quoi")
    assert first["reply"]["tone"]["urgency"] == "high" and "frustrant" not in first["reply"]["text"], first["reply"]
    out = await say(client, conv, "jai pas l'appli sur moi mon tel aussi a ete vole")
    assert out["reply"]["sources"][0]["document_id"] == "lost-stolen-card-fr", out
    assert "+33 1 84 60 00 00" in out["reply"]["text"], out["reply"]["text"]
    out = await reply_after(client, "someone just stole my wallet with my card in it, help", "I don't have the app")
    assert out["reply"]["sources"][0]["document_id"] == "lost-stolen-card-en", out
    assert "+33 1 84 60 00 00" in out["reply"]["text"], out["reply"]["text"]
    alone = await reply_after(client, "I can't log in to the app")
    assert alone["reply"]["sources"][0]["document_id"] != "lost-stolen-card-en", alone


async def test_a_place_abroad_and_there_in_one_french_message_is_roaming(aiohttp_client: Any, app_factory: Any) -> None:
    """"je pars en espagne la semaine pro, mon forfait marche la bas ?" (Lucas, tu): roaming in the EU, not "do you
    mean…?" (0.39 as typed); read in plain words in French ("je pars à l'étranger … marche à l'étranger ?"), not with
    an English "abroad" that draws the card abroad; then "et au maroc ?" is zone 2's price, not an advisor."""
    client = await aiohttp_client(app_factory(demo=True))
    conv = await conversation(client, customer_id="demo-lucas-moreau", channel="mobile")
    out = await say(client, conv, "je pars en espagne la semaine pro, mon forfait marche la bas ?")
    assert out["reply"]["action"] == "answer" and out["reply"]["sources"][0]["document_id"] == "roaming-fr", out
    out = await say(client, conv, "et au maroc ?")
    assert out["handoff"] is None and out["reply"]["sources"][0]["document_id"] == "roaming-fr", out
    assert "10 € par jour" in out["reply"]["text"], out["reply"]["text"]


async def test_a_question_on_the_meantime_is_the_last_articles_sentence_on_it(aiohttp_client: Any,
                                                                           app_factory: Any) -> None:
    """"how do I pay in the meantime?" while a card is on its way: "Until your card arrives, you can already pay with
    Apple Pay or Google Pay", not the delivery article whole; in French, that sentence too ("je paie" meets "payer");
    "how long does it take to receive a new card?" asked before an account opening is the delivery article's."""
    client = await aiohttp_client(app_factory(demo=True))
    out = await reply_after(client, "my new card still hasn't arrived", "how do I pay in the meantime?")
    assert out["reply"]["sources"][0]["document_id"] == "card-delivery", out
    assert "Apple Pay" in out["reply"]["text"] and "Track delivery" not in out["reply"]["text"], out["reply"]["text"]
    out = await reply_after(client, "je n'ai toujours pas reçu ma carte", "je paie comment en attendant ?",
                            language="fr")
    assert out["reply"]["sources"][0]["document_id"] == "card-delivery-fr", out
    assert "En attendant votre carte, vous pouvez déjà payer avec Apple Pay" in out["reply"]["text"], out["reply"]
    out = await reply_after(client, "how long to get my card?")
    assert out["reply"]["sources"][0]["document_id"] == "card-delivery", out
    # "en attendant" leans on the last subject: after a card an ATM kept, how to pay meanwhile, not the ATM limits
    out = await reply_after(client, "le distributeur a avalé ma carte", "je fais comment en attendant pour retirer ?",
                            language="fr")
    assert out["reply"]["sources"][0]["document_id"] == "card-kept-by-atm-fr", out
    assert "Apple Pay" in out["reply"]["text"], out["reply"]["text"]


async def test_punctuation_again_is_offered_a_person_not_queued_in_their_name(aiohttp_client: Any,
                                                                            app_factory: Any) -> None:
    """"?" then "?!?!" asks for no one: an advisor is offered (a "yes" takes one), not a request queued as the
    customer's own; a third says nothing still, and a person takes it. "help" twice asks for help: a person."""
    client = await aiohttp_client(app_factory(demo=True))
    conv = await conversation(client)
    assert (await say(client, conv, "?"))["reply"]["action"] == "clarify"
    again = await say(client, conv, "?!?!")
    assert again["handoff"] is None and "advisor, just say yes" in again["reply"]["text"], again
    third = await say(client, conv, "??")
    assert third["handoff"] is not None, third
    conv = await conversation(client, language="fr")
    await say(client, conv, "?")
    assert (await say(client, conv, "??"))["handoff"] is None
    taken = await say(client, conv, "oui")
    assert taken["handoff"] is not None and taken["handoff"]["reason"] == "human_request", taken
    out = await reply_after(client, "help", "help")
    assert out["handoff"] is not None and out["handoff"]["reason"] == "human_request", out


async def test_puzzlement_alone_is_no_question_missed(aiohttp_client: Any, app_factory: Any) -> None:
    """"?", "ok", "hein" with nothing asked yet: what it is about is asked, no "no reliable answer", and no advisor
    for two misses; "hein ?" after an answer: it is said another way, offered."""
    client = await aiohttp_client(app_factory(demo=True))
    conv = await conversation(client, channel="mobile", customer_id="demo-nadia-benali")
    for text in ("?", "ok", "hein"):
        out = await say(client, conv, text)
        assert out["handoff"] is None and "fiable" not in out["reply"]["text"], (text, out)
    out = await say(client, conv, "les releves ou ils sont")
    assert out["reply"]["action"] == "answer" and out["reply"]["sources"][0]["document_id"] == "releves-de-compte", out
    out = await say(client, conv, "hein ?")
    assert out["handoff"] is None and "autrement" in out["reply"]["text"], out


_ROAMING = [
    {"id": "roam-eu", "language": "fr", "title": "Utiliser son forfait en Europe",
     "text": "Dans l'Union européenne et l'Espace économique européen, votre forfait s'utilise comme en France, sans "
             "surcoût : appels, SMS et internet mobile sont décomptés de votre forfait. Au-delà de 25 Go d'internet "
             "mobile par mois à l'étranger, un supplément de 2 € par Go s'applique.",
     "questions": ["Est-ce que mon forfait marche en Europe ?", "Combien coûte l'internet mobile en Europe ?"]},
    {"id": "roam-world", "language": "fr", "title": "Utiliser son téléphone hors d'Europe",
     "text": "Hors de l'Union européenne, les appels et l'internet mobile sont facturés à l'usage : 10 € par jour "
             "avec le Pass Monde (1 Go par jour). Activez le Pass Monde depuis l'application avant de partir.",
     "questions": ["Combien coûte mon téléphone aux États-Unis ?", "Comment activer le Pass Monde ?"]},
    {"id": "plans", "language": "fr", "title": "Nos forfaits mobiles",
     "text": "Forfait 20 Go : 9,99 € par mois. Forfait 100 Go : 19,99 € par mois. Sans engagement.",
     "questions": ["Quels sont vos forfaits ?", "Combien coûte le forfait 100 Go ?"]},
]


async def test_roaming_is_the_article_of_the_side_of_europe_the_country_is_on(aiohttp_client: Any,
                                                                             app_factory: Any) -> None:
    """Two roaming articles, one for the EU and one for outside it: Morocco is outside ("hors de l'Union européenne"
    reads as Europe to the encoder, so the article found on that side is taken), Italy and Greece inside (and a plan
    "that works" there is roaming, not the plans' prices, which speak of no place)."""
    client = await aiohttp_client(app_factory())
    await ingest(client, _ROAMING)
    for text, expected in (("je suis au maroc, internet marche ?", "roam-world"),
                           ("je pars en italie, mon forfait marche ?", "roam-eu"),
                           ("je pars en grece cet ete, je peux utiliser mon forfait ?", "roam-eu")):
        out = await reply_after(client, text, language="fr")
        assert out["reply"]["action"] == "answer", (text, out["reply"])
        assert out["reply"]["sources"][0]["document_id"] == expected, (text, out["reply"])
    # the EU article warning of the countries outside it names both sides, yet the one placed outside is there: the US
    # is that one's (not "sans surcoût")
    eu = dict(_ROAMING[0], text=_ROAMING[0]["text"] + " Attention : la Suisse et le Royaume-Uni ne font pas partie "
                                                       "de la zone UE, voir l'article Hors UE.")
    world = dict(_ROAMING[1], title="Utiliser son mobile hors Union européenne (Suisse, Maroc, États-Unis...)")
    await ingest(client, [eu, world])
    out = await reply_after(client, "Hi, I'm in the US right now, does my phone work here?")
    assert out["reply"]["sources"][0]["document_id"] == "roam-world", out["reply"]
    assert "sans surcoût" not in out["reply"]["text"], out["reply"]["text"]


_SOFT_MEDICINE = [
    {"id": "medecine-douce", "title": "Médecines douces : ostéopathe, chiropracteur, acupuncteur", "language": "fr",
     "text": "Les séances d'ostéopathie, de chiropraxie, d'acupuncture et de sophrologie ne sont pas remboursées par "
             "la Sécurité sociale, mais votre mutuelle en prend en charge une partie. Formule Essentielle : 2 séances "
             "par an, 30 € par séance. Formule Confort : 4 séances par an, 40 € par séance. Envoyez-nous la facture du "
             "praticien depuis l'application, rubrique Mes remboursements > Envoyer une facture.",
     "questions": ["l'ostéo est remboursé ?", "remboursement acupuncture", "vous prenez en charge le chiropracteur ?",
                   "médecine douce remboursement"]},
    {"id": "changer-formule", "title": "Changer de formule", "language": "fr",
     "text": "Vous pouvez passer de la Formule Essentielle à la Formule Confort (ou l'inverse) une fois par an, au 1er "
             "janvier. Faites la demande avant le 31 octobre dans l'espace adhérent (Mon contrat > Changer de "
             "formule). La Formule Essentielle coûte à partir de 32 € par mois et la Formule Confort à partir de 58 € "
             "par mois.",
     "questions": ["je veux changer de formule", "passer à la formule confort", "comment changer de garanties"]},
]


async def test_a_count_asked_and_a_section_named_are_answered_from_the_article_in_sections(client: Any) -> None:
    """"combien de séances par an ?" after soft medicine answered on a phone: the sentences that give a number of
    sessions, not the article's opening; "et pour la formule confort ?" then: the article's section headed by that plan
    ("Formule Confort : 4 séances par an…"), not the article on changing plans, which names it in its title."""
    await ingest(client, _SOFT_MEDICINE)
    conv = await conversation(client, channel="mobile", language="fr")
    first = await say(client, conv, "l'osteo c rembourse ?")
    assert first["reply"]["sources"][0]["document_id"] == "medecine-douce", first["reply"]
    count = (await say(client, conv, "combien de seances par an ?"))["reply"]
    assert "2 séances par an" in count["text"] and "4 séances par an" in count["text"], count
    assert "Sécurité sociale" not in count["text"], count
    plan = (await say(client, conv, "et pour la formule confort ?"))["reply"]
    assert plan["sources"][0]["document_id"] == "medecine-douce", plan
    assert plan["text"].startswith("Formule Confort : 4 séances par an, 40 €"), plan
    assert "Essentielle" not in plan["text"], plan


async def test_a_place_asked_after_a_price_is_answered_from_the_article_on_that_place(client: Any) -> None:
    """"et en belgique ?" after Premium's price, where the plans' article says its clubs are "en France et en
    Belgique": Belgium's own article and its price (42,99 €), not the plans' again (39,99 €)."""
    await ingest(client, [
        {"id": "formules", "title": "Nos formules et leurs prix", "language": "fr",
         "text": "Basic coûte 24,99 € par mois et donne accès à votre club uniquement. Premium coûte 39,99 € par mois "
                 "et donne accès à tous les clubs en France et en Belgique, avec 2 pass invités par mois. Basic et "
                 "Premium sont avec un engagement de 12 mois.",
         "questions": ["combien coûte l'abonnement ?", "quels sont vos tarifs", "prix du premium"]},
        {"id": "belgique", "title": "Nos clubs en Belgique", "language": "fr",
         "text": "En Belgique, les formules coûtent 26,99 € par mois pour Basic et 42,99 € pour Premium. En Belgique, "
                 "vous pouvez aussi résilier par lettre recommandée à notre siège de Bruxelles. Nous comptons 14 clubs "
                 "en Belgique, tous ouverts 24 h sur 24.",
         "questions": ["tarifs en belgique", "clubs en belgique", "résilier en belgique"]},
    ])
    conv = await conversation(client, language="fr")
    first = (await say(client, conv, "combien coute le premium"))["reply"]
    assert first["sources"][0]["document_id"] == "formules" and "39,99" in first["text"], first
    there = (await say(client, conv, "et en belgique ?"))["reply"]
    assert there["sources"][0]["document_id"] == "belgique", there
    assert "42,99 €" in there["text"] and "39,99" not in there["text"] and "lettre" not in there["text"], there


_INSURER = [
    {"id": "remb-optique", "title": "Remboursement des lunettes et lentilles", "language": "fr",
     "text": "Vos lunettes sont remboursées en complément de l'Assurance Maladie. Avec la Formule Essentielle, nous "
             "remboursons jusqu'à 100 € par équipement tous les 2 ans pour un adulte. Pour les enfants de moins de 16 "
             "ans, un équipement est pris en charge chaque année. Les lentilles sont remboursées jusqu'à 60 € par an.",
     "questions": ["combien vous remboursez les lunettes ?", "remboursement optique",
                   "les lentilles sont remboursées ?"]},
    {"id": "delais", "title": "Délais de remboursement", "language": "fr",
     "text": "Quand votre Assurance Maladie nous transmet vos feuilles de soins par télétransmission (Noémie), nous "
             "vous remboursons sous 48 h. Comptez ensuite 1 à 3 jours ouvrés pour que le virement apparaisse sur votre "
             "compte.",
     "questions": ["quand vais-je être remboursé ?", "je n'ai toujours pas reçu mon remboursement",
                   "délai de remboursement"]},
    {"id": "noemie", "title": "La télétransmission Noémie", "language": "fr",
     "text": "Noémie est le système qui permet à votre caisse d'Assurance Maladie de nous envoyer automatiquement vos "
             "remboursements : vous n'avez plus de papier à envoyer.",
     "questions": ["c'est quoi noémie ?", "comment activer la télétransmission"]},
    {"id": "rib", "title": "Changer de coordonnées bancaires", "language": "fr",
     "text": "Pour changer de compte bancaire, allez dans l'application, rubrique Mon profil > Coordonnées bancaires, "
             "et téléversez votre nouveau RIB.",
     "questions": ["je change de banque", "modifier mon rib", "nouveau compte bancaire"]},
    {"id": "ajout-enfant", "title": "Ajouter un enfant à votre contrat", "language": "fr",
     "text": "Pour ajouter un enfant à votre contrat, envoyez-nous son acte de naissance depuis l'application.",
     "questions": ["ajouter mon bébé", "mettre mon enfant sur mon contrat"]},
]


async def test_an_insurer_s_follow_ups_stay_on_the_subject_and_a_thing_asked_of_goes_to_its_own_article(
        client: Any) -> None:
    """"et pour mon fils ?" after the glasses' refunds is the same question for him (the children's sentence), not
    the refunds' delays, and "il a 10 ans" then that sentence again; "c'est quoi noemie" after the delays, which
    name Noémie in passing, is Noémie's own article; "toujours rien sur mon compte, c'est inadmissible" after the
    delays says the answer did not help (sorry, and an advisor), not the article on changing bank details its word
    "compte" finds."""
    await ingest(client, _INSURER)
    conv = await conversation(client, language="fr")
    await say(client, conv, "combien vous remboursez les lunettes ?")
    son = await say(client, conv, "et pour mon fils ?")
    assert son["reply"]["sources"][0]["document_id"] == "remb-optique", son["reply"]
    assert "enfants de moins de 16 ans" in son["reply"]["text"], son["reply"]
    # his age told then: the article's sentence on it, not "no reliable answer"
    aged = (await say(client, conv, "il a 10 ans"))["reply"]
    assert aged["action"] == "answer" and "moins de 16 ans" in aged["text"], aged
    conv = await conversation(client, language="fr")
    assert (await say(client, conv, "quand vais-je être remboursé ?"))["reply"]["sources"][0]["document_id"] == "delais"
    what = (await say(client, conv, "c'est quoi noemie"))["reply"]
    assert what["sources"][0]["document_id"] == "noemie" and what["text"].startswith("Noémie est le système"), what
    conv = await conversation(client, language="fr")
    await say(client, conv, "je n'ai toujours pas reçu mon remboursement")
    still = (await say(client, conv, "toujours rien sur mon compte, c'est inadmissible"))["reply"]
    assert still["action"] == "clarify" and "RIB" not in still["text"] and "conseiller" in still["text"], still


async def test_what_the_screen_shows_told_after_an_answer_that_quotes_it_is_answered_from_that_sentence(
        client: Any) -> None:
    """"ca affiche acces suspendu" after the QR code's answer, which quotes the gate's « Accès suspendu »: that sentence
    (blocked after unpaid debits), not the article on suspending a membership, which its words find alone."""
    await ingest(client, [
        {"id": "qr", "title": "Mon QR code ne marche pas", "language": "fr",
         "text": "Votre QR code change toutes les 30 secondes : ouvrez-le en direct dans l'appli. Si le portique "
                 "affiche un voyant rouge « Accès suspendu », votre abonnement est bloqué, le plus souvent après des "
                 "impayés. Hors des heures d'accueil, appuyez sur le bouton d'aide de l'interphone.",
         "questions": ["mon qr code marche pas", "le portique ne s'ouvre pas", "je n'arrive pas à entrer au club"]},
        {"id": "suspension", "title": "Suspendre son abonnement", "language": "fr",
         "text": "Vous pouvez suspendre votre abonnement pour raison médicale, de 1 à 3 mois, dans l'appli.",
         "questions": ["suspendre mon abonnement", "mettre en pause mon abonnement", "accès suspendu"]},
    ])
    out = await reply_after(client, "mon qr code marche pas au portique", "ca affiche acces suspendu", language="fr")
    assert out["reply"]["sources"][0]["document_id"] == "qr", out["reply"]
    assert out["reply"]["text"].startswith("Si le portique affiche un voyant rouge"), out["reply"]


async def test_the_plan_held_told_after_an_answer_asks_the_question_again_of_that_plan(client: Any) -> None:
    """"j'ai la formule confort" after a dental quote's question, answered by how to send the quote (which names no
    plan): the crowns' rates with that plan, from the dental article near it, not the article on changing plans."""
    await ingest(client, [
        {"id": "devis", "title": "Envoyer un devis dentaire", "language": "fr",
         "text": "Avant des soins coûteux (prothèse, implant), envoyez-nous le devis de votre dentiste pour connaître "
                 "votre remboursement exact, dans l'application, Mes demandes > Envoyer un devis. Nous vous répondons "
                 "sous 5 jours ouvrés.",
         "questions": ["mon dentiste m'a fait un devis", "combien je serai remboursé sur mon devis dentaire ?",
                       "envoyer un devis"]},
        {"id": "dentaire", "title": "Remboursement des soins dentaires", "language": "fr",
         "text": "Les soins courants sont remboursés à 100 % de la base avec les deux formules. Pour les couronnes, la "
                 "Formule Essentielle rembourse 125 % de la base et la Formule Confort 250 %. Les implants ne sont "
                 "pris en charge qu'avec la Formule Confort, jusqu'à 400 € par an.",
         "questions": ["remboursement dentiste", "les couronnes sont remboursées ?", "implant dentaire remboursé"]},
        {"id": "changer-formule", "title": "Changer de formule", "language": "fr",
         "text": "Vous pouvez passer de la Formule Essentielle à la Formule Confort une fois par an, au 1er janvier.",
         "questions": ["je veux changer de formule", "passer à la formule confort"]},
    ])
    conv = await conversation(client, language="fr")
    first = (await say(client, conv, "mon dentiste ma fait un devis de 1200e pour une couronne, combien je vais etre "
                                     "remboursée"))["reply"]
    assert first["sources"][0]["document_id"] == "devis", first
    held = (await say(client, conv, "j'ai la formule confort"))["reply"]
    assert held["sources"][0]["document_id"] == "dentaire" and "250 %" in held["text"], held


async def test_a_question_on_what_was_told_after_two_options_is_of_the_first_not_a_second_miss(client: Any) -> None:
    """"the eggs in my order were all smashed" - "damaged, or missing?" - "do i need to send them back?": asked further
    of the eggs, the first option (damaged: no need to return it), not handed over as a second question missed."""
    await ingest(client, [
        {"id": "damaged", "language": "en", "title": "Damaged or expired product",
         "text": "If a product arrived damaged, crushed, thawed or past its use-by date, take a photo and report it "
                 "within 48 hours: My orders > Report a problem > Damaged product. It is refunded within 48 hours. No "
                 "need to return it: you can throw it away.",
         "questions": ["I received a damaged product", "The milk is out of date", "My frozen food arrived thawed"]},
        {"id": "missing", "language": "en", "title": "An item is missing from my order",
         "text": "If an item is missing from your delivery, report it within 48 hours in the app: My orders > Report a "
                 "problem > Missing item. It is refunded within 48 hours. You have nothing to send back.",
         "questions": ["An item is missing from my order", "I didn't get everything I ordered",
                       "something was not in my bags"]},
        {"id": "slots", "language": "en", "title": "Delivery slots",
         "text": "Choose a one-hour delivery slot at checkout, from 8:00 to 22:00.",
         "questions": ["when can you deliver?", "delivery slots"]},
    ])
    conv = await conversation(client)
    first = (await say(client, conv, "hello, the eggs in my order were all smashed"))["reply"]
    assert first["action"] == "clarify" and len(first["sources"]) == 2, first
    assert first["sources"][0]["document_id"] == "damaged", first
    out = await say(client, conv, "do i need to send them back?")
    assert out["handoff"] is None and out["reply"]["action"] == "answer", out
    assert out["reply"]["sources"][0]["document_id"] == "damaged", out["reply"]


_DEPOSIT = [
    {"id": "consigne", "title": "La consigne des bouteilles et bocaux", "language": "fr",
     "text": "Certains produits (lait, jus, bières) sont vendus en bouteilles consignées.\n\nMontant de la consigne "
             ":\n\nLa consigne est de 0,20 € par bouteille ou bocal en France, et de 0,30 CHF en Suisse.\n\nRendre les "
             "contenants :\n\nRincez vos bouteilles et bocaux, avec leurs bouchons à part, et rendez-les au livreur "
             "lors de votre prochaine livraison. Nous ne reprenons que les contenants vendus par Panier Frais.\n\n"
             "Remboursement de la consigne :\n\nLes contenants rendus sont comptés à l'entrepôt, puis la consigne est "
             "créditée en bon d'achat sous 5 jours. Un contenant cassé n'est pas remboursé.",
     "questions": ["Comment fonctionne la consigne ?", "Comment rendre mes bouteilles consignées ?", "consigne verre"]},
    {"id": "remboursements", "title": "Délais et modes de remboursement", "language": "fr",
     "text": "Un remboursement accepté est crédité sous 48 heures, en bon d'achat ou sur votre carte.",
     "questions": ["quand vais-je être remboursé ?", "délai de remboursement", "je n'ai pas été remboursé"]},
    {"id": "suisse", "title": "Panier Frais en Suisse", "language": "fr",
     "text": "Genève :\n\nNous livrons Genève et Carouge. La livraison est offerte dès 80 CHF d'achats, sinon elle "
             "coûte 6,90 CHF.\n\nLausanne :\n\nNous livrons Lausanne et Pully. La livraison est offerte dès 80 CHF "
             "d'achats, sinon elle coûte 6,90 CHF.",
     "questions": ["Vous livrez en Suisse ?", "Vous livrez à Genève ?", "combien coûte la livraison en suisse"]},
]


async def test_a_deposit_s_follow_ups_are_answered_from_its_sections(client: Any) -> None:
    """After the deposit's article: "je rends les bouteilles comment ?" is its section on returning them; "et c'est
    combien par bouteille en suisse ?" its Swiss amount, not the article on Switzerland's deliveries, which has no
    bottle; "au bout de combien de temps je suis remboursé ?" its "sous 5 jours", not the refunds' 48 hours."""
    await ingest(client, _DEPOSIT)
    conv = await conversation(client, language="fr")
    assert (await say(client, conv, "comment ca marche la consigne chez vous"))["reply"]["sources"][0][
        "document_id"] == "consigne"
    give = (await say(client, conv, "je rends les bouteilles comment ?"))["reply"]
    assert "rendez-les au livreur" in give["text"] and "entrepôt" not in give["text"], give
    swiss = (await say(client, conv, "et c'est combien par bouteille en suisse ?"))["reply"]
    assert swiss["sources"][0]["document_id"] == "consigne" and "0,30 CHF" in swiss["text"], swiss
    when = (await say(client, conv, "au bout de combien de temps je suis remboursé ?"))["reply"]
    assert when["sources"][0]["document_id"] == "consigne" and "sous 5 jours" in when["text"], when


async def test_a_trouble_the_last_article_foresees_is_answered_from_it_not_from_a_word_found_alone(
        client: Any) -> None:
    """"i never get the code" after what 3D Secure is, whose article says "If you never receive the code, check…": that
    sentence, not the promo codes' article that the word "code" finds alone."""
    await ingest(client, [
        {"id": "3ds", "language": "en", "title": "What is 3D Secure?",
         "text": "3D Secure is a security check run by your bank: when you pay, your bank asks you to approve the "
                 "payment in its app or with a one-time code sent by text. If you never receive the code, check that "
                 "your phone number is up to date with your bank.",
         "questions": ["what is 3D Secure?", "why does my bank ask me to confirm the payment?"]},
        {"id": "promo", "language": "en", "title": "Promo codes",
         "text": "Enter your promo code at checkout, in the Promo code field, then tap Apply. One code per order.",
         "questions": ["my promo code doesn't work", "where do I enter a code?", "discount code"]},
    ])
    out = await reply_after(client, "what is 3d secure anyway", "i never get the code")
    assert out["reply"]["sources"][0]["document_id"] == "3ds", out["reply"]
    assert "If you never receive the code" in out["reply"]["text"], out["reply"]


async def test_a_question_or_an_age_told_after_an_answer_nearly_found_again_is_asked_of_it_not_not_solved(
        client: Any) -> None:
    """"ah mince. et en cash ?" after the cards accepted, and "i'm 23" after the minimum age, find only the article just
    given, and nearly: asked further of it, or a detail told; its sentences, not "sorry that didn't sort it out"."""
    await ingest(client, [
        {"id": "cards", "language": "fr", "title": "Cartes acceptées",
         "text": "Vous pouvez payer votre location en ligne par carte de crédit ou de débit. Pour la caution au "
                 "comptoir, nous acceptons uniquement une carte de crédit au nom du conducteur principal. Les espèces "
                 "ne sont pas acceptées.",
         "questions": ["quelles cartes acceptez-vous ?", "je peux payer avec une carte de débit ?"]},
        {"id": "age", "language": "en", "title": "Young drivers",
         "text": "Drivers under 25 pay a young driver fee of 35 EUR per day. The minimum age to rent is 21. Premium "
                 "cars are only available to drivers aged 25 and over.",
         "questions": ["what's the minimum age to rent a car?", "young driver fee"]},
    ])
    cash = await reply_after(client, "vous acceptez les cartes revolut pour la caution ?", "ah mince. et en cash ?",
                             language="fr")
    assert "n'ait pas résolu" not in cash["reply"]["text"] and "espèces" in cash["reply"]["text"], cash["reply"]
    age = await reply_after(client, "whats the minimum age to rent a car", "i'm 23")
    assert "didn't sort it out" not in age["reply"]["text"] and "25" in age["reply"]["text"], age["reply"]


_DAMAGE_GUIDE = (
    "At pick-up:\n\nBefore you leave the agency, walk around the car with the agent and check that every scratch, dent "
    "or chip is marked on the check-out sheet. Take photos of the four sides, the wheels, the windscreen and the "
    "dashboard (mileage and fuel gauge). Anything not marked on the check-out sheet when you leave may be charged to "
    "you at the return.\n\nAt return:\n\nWhen you return the car, an agent inspects it with you. If new damage is "
    "found, the agent writes it on a damage report, which you are asked to sign. Signing means you saw the damage, "
    "not that you accept the amount. When the car is returned out of hours, it is inspected at the next opening and "
    "the damage report is sent to you by email with photos.\n\nWhat you pay:\n\nDamage is charged according to our "
    "damage price list, up to your excess: 1,200 EUR with the basic protection, nothing with the Zero Excess option. "
    "We charge the amount to the card used for the deposit within 14 days of the return, and send you the invoice "
    "with photos of the damage.\n\nDisputing a damage charge:\n\nIf you disagree with a damage charge, write to "
    "claims@rouleo.com within 30 days of the invoice, with your booking reference and your own photos from pick-up "
    "and return. The claims team answers within 15 working days. While your dispute is being reviewed, no further "
    "amount is charged.")


async def test_contesting_a_damage_charge_is_answered_from_the_guide_s_section_on_disputes(client: Any) -> None:
    """"I have photos. how do i contest this" of a damage guide in four sections: the one on disputing a charge ("If
    you disagree with a damage charge, write to claims@…"), not the returns' sentence on photos, whose words are many
    but common; so is a charge told "already there"."""
    await ingest(client, [{"id": "damage", "language": "en", "title": "Damage at return and the damage report",
                           "text": _DAMAGE_GUIDE,
                           "questions": ["you charged me for damage", "I want to dispute a damage charge",
                                         "how do I contest the damage report?", "what is the damage report?"]},
                          {"id": "deposit", "language": "en", "title": "The deposit",
                           "text": "We hold a deposit of 300 EUR on your credit card at pick-up, released within 7 "
                                   "days of the return.",
                           "questions": ["how much is the deposit?", "when do i get my deposit back?"]},
                          {"id": "fuel", "language": "en", "title": "Fuel policy",
                           "text": "Return the car with a full tank, or we refuel it at 2.50 EUR a litre.",
                           "questions": ["do i have to return the car full?", "refuelling charge"]}])
    conv = await conversation(client)
    first = (await say(client, conv, "you charged me for damage that was already there when I picked up the "
                                     "car"))["reply"]
    assert first["sources"] and first["sources"][0]["document_id"] == "damage", first
    assert "claims@rouleo.com" in first["text"], first
    contest = (await say(client, conv, "I have photos. how do i contest this"))["reply"]
    assert "If you disagree with a damage charge" in contest["text"], contest
    assert "out of hours" not in contest["text"], contest


_THERMOSTAT_GUIDE = (
    "The Volta smart thermostat controls your heating from the app: room-by-room schedules, away mode and tracking "
    "of your heating consumption, and it learns when you are home to heat only when it is needed. You can set a "
    "holiday mode from the app, and see each week how much the heating cost compared with the week before.\n\n"
    "Price:\n\nRented: €4.99 per month, added to your bill, with a 12-month "
    "commitment for the option. Bought: €149, in one payment or 3 instalments at no extra cost. On average our "
    "customers save up to 15% on heating.\n\nCompatibility:\n\nThe thermostat works with individual gas and oil "
    "boilers and with electric radiators with a pilot wire using the module supplied. It does not work with communal "
    "heating or air-to-air heat pumps. Test your equipment in the app before ordering.\n\nInstallation:\n\nYou can "
    "install it yourself in about 30 minutes with the app's guide, or have a partner technician fit it.\n\n"
    "Connection problem:\n\nIf the thermostat no longer connects, check that your internet box works, then restart "
    "the thermostat by holding the central button for 10 seconds. It only works on 2.4 GHz Wi-Fi.\n\nStopping the "
    "option:\n\nAfter 12 months the option can be cancelled at any time in your customer area; a rented thermostat "
    "must be returned within 30 days. Before 12 months, the remaining monthly fees are due.")


async def test_a_price_asked_of_a_guide_in_sections_is_answered_from_its_section_on_prices(client: Any) -> None:
    """"how much is the thermostat?" of a guide in six sections: the one with its prices (€4.99 a month, €149), not
    the introduction its words find, nor "the remaining monthly fees are due" of stopping the option."""
    await ingest(client, [{"id": "thermostat", "language": "en", "title": "The Volta smart thermostat",
                           "text": _THERMOSTAT_GUIDE,
                           "questions": ["What is the smart thermostat?", "How much is the smart thermostat?",
                                         "how do I install the thermostat", "my thermostat won't connect to wifi"]}])
    for channel in ("web", "mobile"):
        reply = (await reply_after(client, "how much is the thermostat?", channel=channel))["reply"]
        assert "€149" in reply["text"] or "€4.99" in reply["text"], (channel, reply)
        assert "remaining monthly fees" not in reply["text"], (channel, reply)


_READINGS_GUIDE = (
    "Vos factures sont calculées à partir des index de vos compteurs. Plus vos index sont réels, plus votre facture "
    "est juste.\n\nCompteur Linky (électricité) :\n\nSi vous avez un compteur Linky, vous n'avez rien à faire : il "
    "transmet vos index automatiquement à Enedis, qui nous les envoie chaque mois. Vous retrouvez votre consommation "
    "au jour le jour dans votre espace client, rubrique Ma consommation.\n\nCompteur ancien modèle (électricité) :\n\n"
    "Si votre compteur n'est pas communicant, faites un autorelevé dans votre espace client, rubrique Mon compteur > "
    "Transmettre un index, ou dans l'application. Vous pouvez le faire entre le 1er et le 7 de chaque mois. Notez le "
    "nombre affiché sans les chiffres après la virgule.\n\nCompteur de gaz Gazpar :\n\nLe compteur Gazpar "
    "transmet vos index automatiquement à GRDF chaque jour. Avec un ancien compteur de gaz, l'autorelevé se fait de la "
    "même façon : espace client, rubrique Mon compteur > Transmettre un index, entre le 1er et le 7 du mois.\n\n"
    "Si vous oubliez :\n\nSi aucun index ne nous parvient, votre facture est établie sur une estimation de votre "
    "consommation. Ce n'est pas pénalisant : l'écart est corrigé lors de la facture de régularisation, dès qu'un index "
    "réel est connu. Un technicien du gestionnaire de réseau relève aussi les anciens compteurs une fois par an.")


async def test_a_meter_reading_asked_then_a_detail_and_the_same_for_gas_stay_on_the_guide(client: Any) -> None:
    """"comment je fais pour envoyer mon relevé de compteur ?" of a guide in sections: a passage with steps, not "Si
    vous oubliez" (its rare word "relève"); "j'ai un linky": the Linky section, not the article on the Linky; "et pour
    le gaz c'est pareil ?": the same question of gas (its section), not the gas leak's procedure the word finds."""
    await ingest(client, [
        {"id": "releve", "language": "fr", "title": "Transmettre mon relevé de compteur (électricité et gaz)",
         "text": _READINGS_GUIDE,
         "questions": ["Comment transmettre mon relevé de compteur ?", "Où donner mon index de consommation ?",
                       "J'ai oublié d'envoyer mon relevé, que se passe-t-il ?", "ou je met mon index gaz"]},
        {"id": "linky", "language": "fr", "title": "Le compteur Linky",
         "text": "Le compteur Linky est le compteur communicant installé par Enedis. L'installation est gratuite. Pour "
                 "un voyant qui clignote, contactez Enedis.",
         "questions": ["c'est quoi le linky ?", "j'ai un linky qui clignote", "la pose du linky est payante ?"]},
        {"id": "fuite", "language": "fr", "title": "Odeur de gaz : que faire ?",
         "text": "Si vous sentez une odeur de gaz, ne touchez à aucun interrupteur, ouvrez les fenêtres, sortez et "
                 "appelez Urgence Sécurité Gaz au 0 800 47 33 33.",
         "questions": ["ça sent le gaz", "fuite de gaz", "j'ai une odeur de gaz chez moi"]}])
    conv = await conversation(client, language="fr")
    how = (await say(client, conv, "bonjour, comment je fais pour envoyer mon releve de compteur ?"))["reply"]
    assert how["sources"][0]["document_id"] == "releve" and "Si vous oubliez" not in how["text"], how
    linky = (await say(client, conv, "j'ai un linky"))["reply"]
    assert linky["sources"][0]["document_id"] == "releve" and "rien à faire" in linky["text"], linky
    gas = (await say(client, conv, "et pour le gaz c'est pareil ?"))["reply"]
    assert gas["sources"][0]["document_id"] == "releve" and "gaz" in gas["text"], gas
    assert "0 800 47 33 33" not in gas["text"], gas


_COMPENSATION_GUIDE = (
    "Under European Regulation EU 261/2004 you may be entitled to fixed compensation when your flight arrives at its "
    "final destination 3 hours or more late, when it is cancelled less than 14 days before departure, or when you "
    "are denied boarding because the flight is overbooked.\n\nHow much:\n\nThe amount depends on the distance of "
    "the flight: 250 EUR for flights of up to 1,500 km, 400 EUR for flights between 1,500 and 3,500 km, and 600 EUR "
    "for flights over 3,500 km (for example Brussels–Montreal). If we reroute you and you arrive less than 4 hours "
    "late, the compensation is halved.\n\nExtraordinary circumstances:\n\nNo compensation is due when the delay "
    "was caused by extraordinary circumstances that could not have been avoided: severe weather, air traffic control "
    "strikes, security risks or a medical emergency on board. A strike by our own staff or a technical fault of the "
    "aircraft is not an extraordinary circumstance.\n\nCare and assistance:\n\nWhatever the cause, while you wait "
    "we offer meal vouchers after 2 hours, and a hotel and transport when you have to stay overnight.\n\nHow to "
    "claim:\n\nFill in the Delay and cancellation claim form on our website with your booking reference. We answer "
    "within 30 days and pay by bank transfer.")


async def test_compensation_asked_is_its_amounts_and_a_cause_told_after_it_is_answered_from_the_guide(
        client: Any) -> None:
    """"What compensation am I entitled to?" of a delay guide in sections: its amounts (600 EUR), not only its opening
    sentence; "they said it was because of the weather": the guide's extraordinary circumstances (no compensation)."""
    await ingest(client, [{"id": "eu261", "language": "en", "title": "Compensation for delays and cancellations",
                           "text": _COMPENSATION_GUIDE,
                           "questions": ["My flight was delayed, can I get compensation?", "What is EU261?",
                                         "How much compensation for a cancelled flight?",
                                         "What are extraordinary circumstances?"]}])
    conv = await conversation(client)
    amounts = (await say(client, conv, "Hi, my flight from Brussels to Montreal landed 5 hours late yesterday. What "
                                       "compensation am I entitled to?"))["reply"]
    assert "600 EUR" in amounts["text"], amounts
    cause = (await say(client, conv, "they said it was because of the weather"))["reply"]
    assert cause["sources"][0]["document_id"] == "eu261" and "severe weather" in cause["text"], cause


async def test_a_second_question_put_by_its_verb_after_and_is_answered_too(client: Any) -> None:
    """"do i have to bring the car back full? and is mileage unlimited?": both answered, the second under its quote,
    not a choice between the two (an "and …?" of few words that asks of a subject of its own is no "and abroad?")."""
    await ingest(client, [
        {"id": "fuel", "language": "en", "title": "Fuel policy: full to full",
         "text": "Our cars are rented full to full: return the car with a full tank. Missing fuel is charged at 2.60 "
                 "EUR per litre.",
         "questions": ["do i have to return the car full?", "fuel policy", "refuelling charge"]},
        {"id": "mileage", "language": "en", "title": "Is mileage unlimited?",
         "text": "Cars include 300 km per day, and mileage is unlimited for rentals of 7 days or more. Each extra "
                 "kilometre costs 0.25 EUR.",
         "questions": ["is mileage unlimited?", "how many km can i drive?", "mileage limit"]},
        {"id": "deposit", "language": "en", "title": "The deposit",
         "text": "We hold a deposit of 300 EUR on your credit card at pick-up.",
         "questions": ["how much is the deposit?"]},
    ])
    out = (await reply_after(client, "do i have to bring the car back full? and is mileage unlimited?"))["reply"]
    assert out["action"] == "answer", out
    assert [s["document_id"] for s in out["sources"]][:2] == ["fuel", "mileage"], out
    assert "full tank" in out["text"] and "300 km per day" in out["text"], out


_ENERGY_DOCS = [
    {"id": "fuite-gaz", "language": "fr", "title": "Fuite de gaz : que faire",
     "text": "En cas d'odeur de gaz, n'allumez pas la lumière, ne touchez à aucun interrupteur, ouvrez les fenêtres, "
             "fermez le robinet de gaz au compteur et sortez. Appelez ensuite Urgence Sécurité Gaz au 0 800 47 33 33, "
             "gratuit, 24 h sur 24.",
     "questions": ["ça sent le gaz chez moi", "odeur de gaz dans l'immeuble", "je crois qu'il y a une fuite de gaz"]},
    {"id": "offre-elec", "language": "fr", "title": "Offres d'électricité",
     "text": "Nous proposons l'offre Base à 0,2516 € le kWh et l'offre Heures Creuses à 0,27 € en heures pleines et "
             "0,2068 € en heures creuses.",
     "questions": ["quelles sont vos offres d'électricité", "prix du kwh electricite"]}]


async def test_a_question_on_gas_that_tells_no_danger_is_not_told_what_to_do_in_a_leak(client: Any) -> None:
    """At a supplier with no gas offer of its own, "vous vendez du gaz aussi ?" finds the gas leak's steps by "gaz"
    alone: a customer asking about a contract is not told to open the windows and leave; asked after the electricity
    offers, not those offers either. A leak told, or asked about, is still answered with them."""
    await ingest(client, _ENERGY_DOCS)
    for asked in ("vous vendez du gaz aussi ?", "et le gaz vert vous avez ?"):
        out = await reply_after(client, asked, language="fr")
        assert "0 800 47 33 33" not in out["reply"]["text"], (asked, out)
        assert all(s["document_id"] != "fuite-gaz" for s in out["reply"]["sources"]), (asked, out)
    conv = await conversation(client, language="fr")
    await say(client, conv, "quelles offres d'electricite vous avez")
    out = await say(client, conv, "et le gaz vert vous avez ?")  # nor the electricity offers, which never name it
    assert "0 800 47 33 33" not in out["reply"]["text"] and not out["reply"]["sources"], out
    for asked in ("ça sent le gaz chez moi", "que faire en cas d'odeur de gaz ?", "what do I do if I smell gas?"):
        out = await reply_after(client, asked, language="fr")
        assert "0 800 47 33 33" in out["reply"]["text"], (asked, out)


_RENTAL_DOCS = [
    {"id": "breakdown", "language": "en", "title": "Breakdown: 24/7 assistance",
     "text": "Our assistance line answers 24 hours a day: +33 1 86 95 40 00. Get to safety (vest, warning triangle, "
             "behind the barrier on a motorway), then call assistance. A flat tyre costs €150 with Essentiel.",
     "questions": ["my car broke down", "flat tyre", "dead battery", "what to do if the car breaks down"]},
    {"id": "one-way", "language": "en", "title": "One-way rentals",
     "text": "You can return the car to another agency in France for a one-way fee of €50, for example from Lyon to "
             "Paris.", "questions": ["can I return the car in another city", "one-way rental"]},
    {"id": "hours", "language": "fr", "title": "Agences, horaires et retour hors horaires",
     "text": "Nos agences de gare ouvrent du lundi au samedi de 7 h à 21 h, et le dimanche de 9 h à 13 h.\n\nRetour "
             "hors horaires :\n\nGarez le véhicule sur le parking et déposez les clés dans la boîte à clés.",
     "questions": ["horaires de l'agence", "l'agence est ouverte le dimanche ?", "rendre la voiture agence fermée"]},
    {"id": "tiers", "language": "en", "title": "Loyalty tiers",
     "text": "Bronze: from sign-up. Silver: from 5 rentals a year. Gold: from 15 rentals a year, with a priority line "
             "and the deposit halved.", "questions": ["what are the loyalty tiers", "gold member benefits"]},
    {"id": "deposit", "language": "en", "title": "Deposit",
     "text": "The deposit hold is released within 48 hours of the return; your bank may take 3 to 10 working days to "
             "show it.", "questions": ["when do I get my deposit back", "my deposit is still blocked"]}]


async def test_what_leads_the_search_astray_is_set_aside_and_a_case_asked_is_no_failure(client: Any) -> None:
    """"flat tyre on the motorway near lyon, im on the hard shoulder what do i do": the breakdown's number, not "say it
    another way" (the city at home led it astray); "…and I'm a gold member" told in anger is no question on the
    tiers; "et si j'arrive à 14h…" after the opening hours is a case asked, not "sorry that did not solve it";
    "laisse tomber j'ai trouvé sur le site" is all right, no miss; "are you still there?" hears who is."""
    await ingest(client, _RENTAL_DOCS)
    out = await reply_after(client, "flat tyre on the motorway near lyon, im on the hard shoulder what do i do")
    assert out["reply"]["sources"][0]["document_id"] == "breakdown", out["reply"]
    r = await client.put("/v1/customers/david", headers=h(), json={
        "name": "David Okafor", "language": "en", "tier": "gold",
        "consents": {"personalization": True, "marketing": False}})
    assert r.status == 200, await r.text()
    conv = await conversation(client, customer_id="david")
    await say(client, conv, "returned the car 5 days ago and my deposit is still blocked, whats going on")
    out = await say(client, conv, "this is ridiculous, its been 5 days and I'm a gold member. I want this sorted now")
    assert all(s["document_id"] != "tiers" for s in out["reply"]["sources"]), out["reply"]
    assert "Silver" not in out["reply"]["text"], out["reply"]
    conv = await conversation(client, language="fr")
    await say(client, conv, "dites moi les horaires de l'agence de la gare le dimanche")
    out = await say(client, conv, "et si j'arrive a 14h je peux laisser la voiture ?")
    assert "résolu" not in out["reply"]["text"] and out["reply"]["sources"], out["reply"]
    out = await say(client, conv, "laisse tomber j'ai trouvé sur le site")
    assert out["handoff"] is None and "conseiller" not in out["reply"]["text"], out
    out = await say(client, conv, "d'accord et le dimanche soir ?")
    out = await say(client, conv, "laisse tomber j'ai trouvé sur le site")  # (twice: still no miss, no queue)
    assert out["handoff"] is None, out
    there = (await reply_after(client, "sorry my phone died, are you still there?"))["reply"]
    assert "virtual assistant" in there["text"] and "rephrase" not in there["text"], there


async def test_a_figure_asked_with_no_place_is_not_another_country_s(client: Any) -> None:
    """"how much would that be for a week" after the minimum age, of "€35 per day… In Switzerland it is CHF 40 per
    day": the €35, not Switzerland's, which nobody asked of."""
    await ingest(client, [{
        "id": "young", "language": "en", "title": "Young drivers (under 25)",
        "text": "You can rent a car from the age of 21, with a full driving licence held for at least 2 years.\n\n"
                "Surcharge:\n\nDrivers under 25 pay a young driver surcharge of €35 per day, capped at €350 per "
                "rental. In Switzerland it is CHF 40 per day.\n\nVehicles allowed:\n\nUnder 25, Premium categories, "
                "sports cars and vans over 12 m³ are not available. Vans up to 12 m³ are available from the age of "
                "23.\n\nAdditional driver:\n\nAn additional driver under 25 also pays the young driver surcharge.",
        "questions": ["young driver surcharge", "I'm 21 can I rent a car", "minimum age to rent",
                      "how much is the young driver fee", "under 25 fee", "can my 22 year old son drive the car"]}])
    conv = await conversation(client)
    await say(client, conv, "my son is 22, can he drive the car I'm renting? I'm 45")
    out = await say(client, conv, "how much would that be for a week")
    assert "€35" in out["reply"]["text"] and "CHF" not in out["reply"]["text"], out["reply"]


async def test_proof_told_after_an_answer_is_for_an_advisor_to_look_at(aiohttp_client: Any, app_factory: Any) -> None:
    """"I have a screenshot of the payment. This is ridiculous" after the transfer's delays: sorry, and an advisor a
    "yes" takes (the bot cannot look at it), not options on paying online and fraud, which share "payment"."""
    client = await aiohttp_client(app_factory(demo=True))
    out = await reply_after(client, "my transfer to my landlord never arrived",
                            "I have a screenshot of the payment. This is ridiculous")
    assert out["reply"]["action"] == "clarify" and "advisor" in out["reply"]["text"], out["reply"]
    assert out["reply"]["sources"] == [] and "3D Secure" not in out["reply"]["text"], out["reply"]


async def test_paid_by_card_after_the_answer_on_a_scam_is_a_fraud(aiohttp_client: Any, app_factory: Any) -> None:
    """"j'ai payé avec ma carte" after the answer on a fake text asking 1,99 €: money sent to a scam, the fraud line
    and an advisor, not a sentence of the article on who has paid nothing."""
    client = await aiohttp_client(app_factory(demo=True))
    out = await reply_after(client, "j'ai reçu un sms pour payer 1,99 € de frais de livraison, c'est normal ?",
                            "j'ai payé avec ma carte", language="fr")
    assert out["handoff"] is not None and out["handoff"]["reason"] == "sensitive_topic", out
    assert "+33 1 84 60 00 00" in out["reply"]["text"], out["reply"]


async def test_the_emergency_number_asked_is_the_emergency_services_not_an_article_on_numbers(
        aiohttp_client: Any, app_factory: Any) -> None:
    """"vite le numero pour les urgences svp" at the demo bank (no article on emergencies): the emergency services'
    112, not "Conserver son numéro"; "what's your emergency number to block my card" is the bank's own line."""
    client = await aiohttp_client(app_factory(demo=True))
    for text, language in (("vite le numero pour les urgences svp", "fr"), ("what's the number for emergencies", "en")):
        out = await reply_after(client, text, language=language)
        assert "112" in out["reply"]["text"] and not out["reply"]["sources"], out["reply"]
    out = await reply_after(client, "what's your emergency number to block my card")
    assert "112" not in out["reply"]["text"], out["reply"]


async def test_a_question_asked_while_taking_the_request_back_is_answered(aiohttp_client: Any,
                                                                          app_factory: Any) -> None:
    """"bon laisse tomber en fait, je bloque ma carte comment ?" while an advisor is awaited: the request taken back
    ("en fait" after the words that take it back), and the question answered, searched without them, not the
    queue's place."""
    client = await aiohttp_client(app_factory(demo=True))
    out = await reply_after(client, "un conseiller svp", "bon laisse tomber en fait, je bloque ma carte comment ?")
    assert out["reply"]["action"] == "answer" and out["reply"]["sources"], out["reply"]
    assert out["reply"]["text"].startswith("J'ai annulé la demande de conseiller."), out["reply"]


async def test_an_animal_in_danger_is_answered_from_the_emergencies_article_not_handed_over_as_a_person(
        client: Any) -> None:
    """A pet insurer's animal emergencies beside its dog liability: "mon chien s'est fait renverser il saigne" is what
    to do now (not "is your question about one of these?"), and "mon chien vient de se faire renverser par une voiture
    il saigne beaucoup" no person hurt ("consultez un médecin")."""
    await ingest(client, [
        {"id": "urgence-animal", "title": "Urgence - mon animal est blessé ou malade", "language": "fr",
         "text": "Si votre animal est blessé, a été renversé, a avalé un produit toxique ou a du mal à respirer, "
                 "emmenez-le tout de suite chez le vétérinaire le plus proche ou aux urgences vétérinaires. Appelez la "
                 "clinique en route pour prévenir. En cas de doute, la ligne vétérinaire répond 24 h/24 : 01 76 40 22 "
                 "99.", "questions": ["Mon chien a été renversé", "Mon chat est malade, que faire ?"]},
        {"id": "rc-chien", "title": "Responsabilité civile chien et morsure", "language": "fr",
         "text": "La responsabilité civile chien paie les dommages que votre chien cause à autrui. Si votre chien a "
                 "mordu quelqu'un, échangez vos coordonnées et déclarez le sinistre sous 5 jours.",
         "questions": ["Mon chien a mordu quelqu'un", "Mon chien a renversé un vélo"]}])
    out = await say(client, await conversation(client, channel="mobile"), "mon chien s'est fait renverser il saigne")
    assert out["reply"]["action"] == "answer" and "vétérinaire" in out["reply"]["text"], out["reply"]
    out = await say(client, await conversation(client, channel="mobile"),
                    "mon chien vient de se faire renverser par une voiture il saigne beaucoup aidez moi svp")
    assert "médecin" not in out["reply"]["text"] and "vétérinaire" in out["reply"]["text"], out["reply"]


async def test_someone_on_the_floor_hears_the_article_on_falls_not_the_one_sharing_a_room(client: Any) -> None:
    """"ma mère est par terre dans sa cuisine depuis ce matin, elle a froid": the article on falls and emergencies,
    which names the danger told, before the smoke detector's that the kitchen brings nearer."""
    await ingest(client, [
        {"id": "detecteur-fumee", "title": "Le détecteur de fumée relié", "language": "fr",
         "text": "Le détecteur de fumée se pose au plafond de la cuisine ou du couloir. S'il sonne, le centre d'écoute "
                 "appelle l'abonné puis les pompiers : en cas de feu dans la cuisine, sortez et appelez le 18 ou le "
                 "112.",
         "questions": ["Le détecteur de fumée sonne dans la cuisine", "Installer un détecteur de fumée",
                       "Ma mère est seule dans sa cuisine depuis ce matin",
                       "Il fait froid dans la cuisine de ma mère"]},
        {"id": "urgence-chute", "title": "En cas de chute ou d'urgence", "language": "fr",
         "text": "Si une personne est en danger ou blessée, appelez d'abord les secours : le 15 (SAMU) ou le 112. Ne "
                 "cherchez pas à relever seul une personne qui a mal : couvrez-la et restez auprès d'elle.",
         "questions": ["Que faire si ma mère est tombée ?", "Mon père est tombé et n'arrive pas à se relever"]}])
    out = await say(client, await conversation(client, language="fr"),
                    "ma mère est par terre dans sa cuisine depuis ce matin, elle a froid")
    assert out["handoff"] is not None and out["reply"]["sources"], out
    assert out["reply"]["sources"][0]["document_id"] == "urgence-chute", out["reply"]
    assert "détecteur" not in out["reply"]["text"], out["reply"]
