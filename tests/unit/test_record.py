"""What an answer tells of the customer's own recent events (assistant/record.py, configs/events.toml)."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest

from assistant.record import EventsConfigError, RecordNotes

NOW = datetime(2026, 12, 4, 9, 0, tzinfo=timezone.utc)
SHIPPED = Path(__file__).resolve().parents[2] / "configs" / "events.toml"


def _declined(days: float, **data: object) -> dict[str, object]:
    return {"type": "payment_declined", "at": (NOW - timedelta(days=days)).isoformat(),
            "data": {"merchant": "Shinjuku Business Hotel", "amount_eur": 297.3, **data}}


def test_the_shipped_file_tells_why_a_payment_was_declined_in_the_customer_s_language() -> None:
    notes = RecordNotes.load(SHIPPED)
    events = [_declined(6, reason="payments_abroad_disabled")]
    en = notes.note(events, "card-declined", "en", NOW)
    assert en is not None and en.startswith(
        "I can see that your payment of €297.30 at Shinjuku Business Hotel was declined on 28 November. "
        "Payments abroad are switched off on your card")
    fr = notes.note(events, "card-declined-fr", "fr", NOW)
    assert fr is not None and fr.startswith("Je vois que votre paiement de 297,30 € chez Shinjuku Business Hotel a "
                                            "été refusé le 28 novembre. Les paiements à l'étranger sont désactivés")
    # a reason the file does not know: the facts alone
    assert notes.note([_declined(1, reason="other")], "card-declined", "en", NOW) == (
        "I can see that your payment of €297.30 at Shinjuku Business Hotel was declined on 3 December.")
    first = [_declined(3, reason="other")]  # the first of the month, as French writes it
    assert "le 1er décembre" in (notes.note(first, "card-declined-fr", "fr", NOW) or "")
    assert "on 1 December" in (notes.note(first, "card-declined", "en", NOW) or "")


def test_only_a_recent_event_that_belongs_with_the_answer_and_has_what_its_sentence_names() -> None:
    notes = RecordNotes.load(SHIPPED)
    assert notes.note([_declined(20)], "card-declined", "en", NOW) is None          # too long ago
    assert notes.note([_declined(1)], "roaming-en", "en", NOW) is None              # another matter
    assert notes.note([_declined(1)], "card-declined", "de", NOW) is None           # no sentence in German
    no_merchant = {**_declined(1), "data": {"amount_eur": 12}}
    assert notes.note([no_merchant], "card-declined", "en", NOW) is None            # never "at None"
    assert notes.note([{**_declined(1), "data": ["not", "a", "table"]}], "card-declined", "en", NOW) is None
    assert notes.note([_declined(-1)], "card-declined", "en", NOW) is None          # not yet happened
    # the latest one that fits is told
    latest = notes.note([_declined(9, merchant="Earlier Shop"), _declined(2, merchant="Later Shop")],
                        "card-declined", "en", NOW)
    assert latest is not None and "Later Shop" in latest


def test_an_event_in_another_country_than_the_one_the_customer_names_is_another_matter() -> None:
    from assistant.places import countries_named

    notes = RecordNotes.load(SHIPPED)
    events = [_declined(1, country="JP", reason="payments_abroad_disabled")]
    assert notes.note(events, "card-declined", "en", NOW, said="declined in a shop in new york yesterday") is None
    assert notes.note(events, "card-declined", "en", NOW, said="declined at my hotel in Tokyo") is not None
    assert notes.note(events, "card-declined", "en", NOW, said="why was my card declined?") is not None
    trip = [{"type": "trip", "at": (NOW - timedelta(days=2)).isoformat(),
             "data": {"destination": "Tokyo, Japan", "roaming_enabled": False}}]
    assert notes.note(trip, "roaming-en", "en", NOW, said="my phone has no signal in Canada") is None
    assert notes.note(trip, "roaming-fr", "fr", NOW, said="je n'ai pas de réseau au Japon") is not None
    assert countries_named("je suis à Genève") == {"CH"} and countries_named("can you help us?") == set()


@pytest.mark.parametrize(("raw", "message"), [
    ({"event": [{"type": "x", "documents": ["d"]}]}, "say"),
    ({"event": [{"type": "x", "say": {"en": "{merchant.__class__}"}, "documents": ["d"]}]}, "plain field"),
    ({"event": [{"type": "x", "say": {"en": "{amount:>10}"}, "documents": ["d"]}]}, "plain field"),
    ({"event": [{"type": "x", "say": {"en": "ok"}, "documents": ["d"], "within_days": 0}]}, "above 0"),
    ({"event": [{"type": "x", "say": {"en": "ok"}, "documents": ["d"], "because": {"r": {"en": "{x}"}}}]},
     "no fields"),
    ({"event": [{"type": "x", "say": {"en": "ok"}, "documents": ["d"], "answer": "d"}]}, "answer is a list"),
])
def test_an_events_file_that_cannot_be_used_is_refused_when_loaded(raw: dict, message: str) -> None:
    with pytest.raises(EventsConfigError, match=message):
        RecordNotes.from_dict(raw)


def _result(*scored: tuple[str, float], threshold: float = 0.46) -> object:
    import numpy as np

    from knowledge.base import Hit, SearchResult

    hits = [Hit(doc, score, doc, "", "en", doc) for doc, score in scored]
    return SearchResult(hits, False, np.zeros(4, np.float32), threshold)


class _Knowledge:
    """The documents a knowledge base holds, as ``placed_by_record`` asks for them."""

    def __init__(self, *ids: str) -> None:
        self.ids = ids

    def hit(self, document_id: str, score: float = 1.0, matched: str | None = None) -> object:
        from knowledge.base import Hit

        return Hit(document_id, score, document_id, "", "en", matched or "") if document_id in self.ids else None


def test_the_record_places_only_the_nearest_document_of_a_message_the_knowledge_nearly_places() -> None:
    from assistant.dialogue import placed_by_record
    from assistant.profile import Profile

    notes = RecordNotes.load(SHIPPED)
    kb = _Knowledge("card-abroad-travel", "card-declined", "roaming-en", "mobile-data-top-up")
    events = tuple([{**_declined(1, reason="payments_abroad_disabled"), "at": datetime.now(timezone.utc).isoformat()}])
    tom = Profile(customer_id="tom", known=True, personalized=True, recent_events=events)
    nearest = placed_by_record(notes, kb, _result(("card-abroad-travel", 0.42), ("card-declined", 0.37)), tom, "en", [])
    assert nearest is not None and nearest.in_scope and nearest.hits[0].document_id == "card-abroad-travel"
    # roaming first: the card article second is no answer to "my data isn't working here in Japan"
    roaming = _result(("roaming-en", 0.36), ("card-abroad-travel", 0.34))
    assert placed_by_record(notes, kb, roaming, tom, "en", []) is None
    assert placed_by_record(notes, kb, _result(("card-declined", 0.20)), tom, "en", []) is None  # nowhere near
    without = Profile(customer_id="tim", known=True, personalized=False)  # no consent: no events either
    assert placed_by_record(notes, kb, _result(("card-declined", 0.42)), without, "en", []) is None
    told = notes.note(events, "card-declined", "en")
    assert told is not None
    history = [{"type": "bot_message", "text": f"Hi Tom! {told} A card payment is usually declined for…"}]
    assert placed_by_record(notes, kb, _result(("card-declined", 0.42)), tom, "en", history) is None  # said already


def test_the_record_answers_with_what_its_note_names_for_what_it_settles() -> None:
    """A trip with roaming off settles "my phone has no internet in japan", nearest the data top-up: the
    roaming article answers it, with the score the message found; a base without it, the nearest."""
    from assistant.dialogue import placed_by_record
    from assistant.profile import Profile

    notes = RecordNotes.load(SHIPPED)
    trip = {"type": "trip", "at": datetime.now(timezone.utc).isoformat(),
            "data": {"destination": "Tokyo, Japan", "roaming_enabled": False}}
    tom = Profile(customer_id="tom", known=True, personalized=True, recent_events=(trip,))
    near = _result(("mobile-data-top-up", 0.35), ("apple-google-pay", 0.31))
    placed = placed_by_record(notes, _Knowledge("roaming-en", "mobile-data-top-up"), near, tom, "en", [])
    assert placed is not None and placed.in_scope
    assert [(h.document_id, h.score) for h in placed.hits[:2]] == [("roaming-en", 0.35), ("mobile-data-top-up", 0.35)]
    alone = placed_by_record(notes, _Knowledge("mobile-data-top-up"), near, tom, "en", [])
    assert alone is not None and alone.hits[0].document_id == "mobile-data-top-up"


def test_an_event_is_told_only_when_its_data_matches_open_tickets_and_trips_with_roaming_off() -> None:
    notes = RecordNotes.load(SHIPPED)
    ticket = {"type": "ticket", "at": (NOW - timedelta(days=10)).isoformat(),
              "data": {"topic": "international-transfer", "status": "open",
                       "summary": "GBP transfer to a UK account not yet received after 4 business days."}}
    told = notes.note([ticket], "transfer-delays", "en", NOW)
    assert told == ("I can see the request you made on 24 November is still open (“GBP transfer to a UK account "
                    "not yet received after 4 business days.”): an advisor is following it up.")
    resolved = {**ticket, "data": {**ticket["data"], "status": "resolved"}}
    assert notes.note([resolved], "transfer-delays", "en", NOW) is None
    other_topic = {**ticket, "data": {**ticket["data"], "topic": "direct-debits"}}
    assert notes.note([other_topic], "transfer-delays", "en", NOW) is None
    trip = {"type": "trip", "at": (NOW - timedelta(days=7)).isoformat(),
            "data": {"destination": "Tokyo, Japan", "roaming_enabled": False}}
    roaming = notes.note([trip], "roaming-fr", "fr", NOW)
    assert roaming is not None and roaming.startswith("Je vois votre voyage à destination de Tokyo, Japan")
    on = {**trip, "data": {**trip["data"], "roaming_enabled": True}}
    assert notes.note([on], "roaming-en", "en", NOW) is None
    with pytest.raises(EventsConfigError, match="match"):
        RecordNotes.from_dict({"event": [{"type": "x", "say": {"en": "ok"}, "documents": ["d"], "match": ["open"]}]})


def test_every_french_sentence_of_the_shipped_file_can_be_said_with_tu() -> None:
    """A customer the bot says "tu" to hears the record with "tu" too: a sentence the register rules cannot
    rewrite (an unknown verb form such as "réessayez") would be said with "vous" in the middle of a "tu"."""
    import tomllib

    from assistant.register import _left_over, tutoyer

    raw = tomllib.loads(SHIPPED.read_text(encoding="utf-8"))
    french = [e["say"]["fr"] for e in raw["event"] if "fr" in e.get("say", {})]
    french += [texts["fr"] for e in raw["event"] for texts in (e.get("because") or {}).values() if "fr" in texts]
    assert len(french) >= 6
    for sentence in french:
        said = tutoyer(sentence)
        assert not _left_over(said), (sentence, said)


def test_a_long_or_multi_line_field_is_quoted_on_one_line_and_cut() -> None:
    notes = RecordNotes.load(SHIPPED)
    summary = "GBP transfer not received.\n\n" + "The customer called again about it. " * 20
    ticket = {"type": "ticket", "at": (NOW - timedelta(days=3)).isoformat(),
              "data": {"topic": "transfer-delays", "status": "open", "summary": summary}}
    told = notes.note([ticket], "transfer-delays", "en", NOW)
    assert told is not None and "\n" not in told and "GBP transfer not received. The customer" in told
    quoted = told[told.index("“") + 1: told.index("”")]
    assert len(quoted) == 160 and quoted.endswith("…"), quoted


def test_an_article_s_steps_the_record_gave_already_are_not_said_twice() -> None:
    from assistant.dialogue import _without_steps_told

    told = ("Payments abroad are switched off on your card: switch them on in the app under Cards > select the card > "
            "Settings > Payments abroad, and try again.")
    article = ("You don't need to tell us before you travel, but check that payments abroad are switched on: in the "
               "app, go to Cards > select the card > Settings > Payments abroad. Outside the eurozone, payments cost "
               "1.5%.")
    assert _without_steps_told(article, told) == "Outside the eurozone, payments cost 1.5%."
    roaming = ("Outside Europe, turn it on in the app under Mobile > Roaming before you travel. You can set a monthly "
               "cap under Mobile > Roaming > Spending cap.")
    trip = "Roaming is switched off on your line: turn it on in the app under Mobile > Roaming."
    assert _without_steps_told(roaming, trip) == "You can set a monthly cap under Mobile > Roaming > Spending cap."
    assert _without_steps_told(article, "Your balance was too low at that moment.") == article  # no steps told


def test_an_event_whose_switch_the_customer_turned_on_is_not_told() -> None:
    """"ok i turned on payments abroad": the record's "payments abroad are switched off… switch them on" is behind
    them; a ticket is told all the same."""
    from pathlib import Path

    from assistant.record import RecordNotes

    notes = RecordNotes.load(Path(__file__).resolve().parents[2] / "configs" / "events.toml")
    now = datetime(2026, 12, 5, tzinfo=timezone.utc)
    declined = {"type": "payment_declined", "at": "2026-12-04T10:00:00+00:00",
                "data": {"amount_eur": 297.3, "merchant": "Shinjuku Business Hotel",
                         "reason": "payments_abroad_disabled", "country": "JP"}}
    assert notes.note([declined], "card-declined", "en", now) is not None
    assert notes.note([declined], "card-declined", "en", now, said="ok i turned on payments abroad") is None
    assert notes.told([declined], "card-declined", "en", now, switched=True) is None


def test_the_open_requests_are_told_latest_first_in_the_customer_s_language() -> None:
    from assistant.record import open_requests

    now = datetime(2026, 12, 5, tzinfo=timezone.utc)
    events = [
        {"type": "ticket", "at": "2026-11-26T11:25:00Z", "data": {"status": "open", "summary": "GBP transfer late."}},
        {"type": "ticket", "at": "2026-11-11T10:30:00Z", "data": {"status": "resolved", "summary": "Limit raised."}},
        {"type": "ticket", "at": "2026-12-01T09:00:00Z", "data": {"status": "pending", "summary": "New PIN letter"}},
        {"type": "ticket", "at": "2026-06-01T09:00:00Z", "data": {"status": "open", "summary": "Long forgotten"}},
        {"type": "purchase", "at": "2026-11-30T09:00:00Z", "data": {"status": "open"}},
    ]
    assert open_requests(events, "en", now) == [
        "the request you made on 1 December (“New PIN letter”), still open",
        "the request you made on 26 November (“GBP transfer late”), still open"]
    assert open_requests(events[:1], "fr", now) == ["la demande du 26 novembre (« GBP transfer late »), toujours en cours"]
    assert open_requests(events[1:2], "en", now) == []
    # as a CRM names them: opened, then closed by the same id
    crm = [{"type": "ticket_opened", "at": "2026-12-01T09:00:00Z", "data": {"id": "LED-1", "subject": "Bank feed"}},
           {"type": "case_created", "at": "2026-12-02T09:00:00Z", "data": {"id": "C-2", "subject": "Invoice"}},
           {"type": "ticket_closed", "at": "2026-12-03T09:00:00Z", "data": {"id": "LED-1"}}]
    assert open_requests(crm, "en", now) == ["the request you made on 2 December (“Invoice”), still open"]


def test_a_record_without_any_request_says_nothing_of_them() -> None:
    from assistant.record import keeps_requests

    assert keeps_requests([{"type": "ticket_opened"}]) and keeps_requests([{"type": "ticket", "data": {}}])
    assert not keeps_requests([{"type": "purchase"}, {"type": "login"}])


def _handed_back(advisor: list[str], *turns: tuple[str, str | None]) -> list[dict[str, Any]]:
    """A conversation's events: a request, the advisor's messages, the handback, then (question, action of the bot's
    reply) pairs."""
    history: list[dict[str, Any]] = [{"type": "customer_message", "text": "I want to talk to someone"},
                                     {"type": "handoff_requested"}, {"type": "handoff_accepted"}]
    history += [{"type": "agent_message", "text": text} for text in advisor]
    history += [{"type": "handoff_closed"}, {"type": "bot_message", "action": None, "text": "You're back."}]
    for question, action in turns:
        history += [{"type": "customer_message", "text": question},
                    {"type": "bot_message", "action": action, "text": "…"}]
    return history


@pytest.mark.parametrize(("advisor", "turns", "asked", "quoted"), [
    # asked back after the knowledge answered something else: still the advisor's
    (["Hello, Marc here. I found your booking ZX4P9K: the refund of €312.40 was sent on 2 December 2026, reference "
      "RF-558301. It should show on your statement by 9 December at the latest."],
     [("wait how much was it?", "clarify"), ("is a voucher better?", "answer")], "what was the reference", "RF-558301"),
    (["Hello, Marc here. The refund of €312.40 was sent on 2 December 2026, reference RF-558301. It should show on "
      "your statement by 9 December at the latest."], [("wait how much was it?", "clarify")],
     "and by when should I see it", "by 9 December"),
    (["Votre nouveau numéro de dossier est RB9L7X et la différence de 180 € vous sera remboursée sur votre carte "
      "d'ici le 14 décembre. Les frais de modification de 45 € vous sont offerts."],
     [("pardon c'était quoi le nouveau numéro de dossier déjà ?", "clarify"), ("et un avoir ?", "answer")],
     "les frais de 45 € je dois les payer ?", "vous sont offerts"),
    (["Votre nouveau numéro de dossier est RB9L7X et la différence de 180 € vous sera remboursée sur votre carte "
      "d'ici le 14 décembre."], [("c'est quoi un avoir ?", "answer")], "et le remboursement arrive quand ?",
     "14 décembre"),
    (["J'ai ouvert la réclamation n° EU-261-77841 ; le virement sera fait avant le 5 janvier 2027."],
     [("merci", None)], "c'est quoi le numero de reclamation deja", "EU-261-77841"),
    (["J'ai ouvert la réclamation n° EU-261-77841 ; le virement sera fait avant le 5 janvier 2027."],
     [("et pour une grève ?", "answer")], "le virement c'est avant quelle date ?", "5 janvier 2027"),
    (["Our courier will deliver it to your hotel on Monday 7 December between 14:00 and 18:00. Your claim reference "
      "is CLM-2026-90417."], [("how much per day for essentials?", "answer")], "sorry what day did she say it comes?",
     "Monday 7 December"),
    # an amount asked back, or first since the handback; a thing they named, asked back; a dispute's number
    (["Your corrected invoice for €1,242.00 will be sent on 15 December."], [], "what was the amount?", "€1,242.00"),
    (["La facture rectifiée, d'un montant de 412,80 € HT, part le 14 mars."], [], "et le montant ?", "412,80 €"),
    (["I have rebooked you on the 14:07 to Barcelona, coach 12 seat 45. Your new reference is BX4471."], [],
     "and which coach did he say?", "coach 12 seat 45"),
    (["I've opened dispute DSP-77310. The €450 will be put on hold."], [], "sorry what was the dispute number?",
     "DSP-77310"),
    # a sum named back without its currency; a number of days is no sum
    (["I've cancelled the duplicate payment. The €450 will be refunded within 5 business days."], [],
     "will I get the 450 back?", "The €450 will be refunded"),
    (["J'ai annulé le doublon : les 450 € vous seront remboursés sous 5 jours ouvrés."], [],
     "et les 450 je les recupere quand ?", "les 450 €"),
    (["The €5 fee is waived. Your new card arrives in 5 days."], [], "the 5 days, is it business days?", None),
    (["Bonjour Léa, je suis Sophie. Le remboursement de 39,90 € sera sur ton compte d'ici 3 à 5 jours ouvrés."], [],
     "ah ok. et du coup en combien de jours elle a dit ?", "3 à 5 jours ouvrés"),
    (["Je vous ai fait un geste commercial de 40 € sur votre séjour, référence GC-1207, visible sous 5 jours."], [],
     "cetait combien deja le geste ?", "40 €"),
    # asked back with "déjà" in the present
    (["J'ai fait rediriger votre colis vers le point relais Librairie Flagey, place Flagey 18."], [],
     "c'est quel point relais déjà ?", "Librairie Flagey"),
    # the advisor's own question gives nothing, and is not quoted back as what they said
    (["Bonjour, je suis Inès. Votre colis pèse combien ?"], [], "elle a dit combien deja ?", None),
    # a trouble told again is not asked of what the advisor said
    (["Votre carte a été débloquée au distributeur."], [], "ma carte est encore refusée au distributeur, vous pouvez "
                                                           "vérifier ?", None),
    # a question of its own once the knowledge answered: not the advisor's
    (["The refund of €312.40 was sent, it should show by 9 December at the latest."],
     [("is a voucher better?", "answer")], "what is the deadline to declare a theft?", None),
    (["Your claim reference is CLM-2026-90417."], [("how do I declare a theft?", "answer")],
     "how long does a transfer take?", None),
    # a time asked back "before it works"; which thing of what they said, first since the handback or asked "déjà"
    (["I've sent you a payment link for €89.20. Once it's paid the badge works again within 2 hours."], [],
     "sorry how long did he say before it works?", "within 2 hours"),
    (["Envoyez-nous 3 photos des dégâts, votre ticket et un devis de carrossier. Vinci répond sous 30 jours."], [],
     "je dois envoyer quelles photos ?", "3 photos des dégâts"),
    (["Votre passage est reclassé en classe 1.", "La différence de 3,20 € sera remboursée sur votre relevé de "
      "décembre, prélevé le 10 janvier."], [], "Merci. Le remboursement sera sur quel relevé déjà ?",
     "relevé de décembre"),
    # which of a thing the advisor's sentence does not name: the knowledge's
    (["You will need to activate the new card in the app."], [],
     "what documents do I need to activate the new card?", None),
    # two things of its own that the advisor's sentences never name: another question
    (["J'ai commandé les 4 badges : ils partent demain et arrivent sous 3 jours ouvrés."], [],
     "Et la facture de novembre, elle est prélevée quand ?", None),
])
def test_what_the_advisor_gave_is_quoted_when_asked_of_it(advisor: list[str], turns: list[tuple[str, str | None]],
                                                          asked: str, quoted: str | None) -> None:
    from assistant.dialogue import _advisor_gave

    said = _advisor_gave(_handed_back(advisor, *turns), asked)
    assert (said is None) if quoted is None else (quoted in (said or "")), (asked, said)


def test_an_event_told_twice_is_said_with_its_twin() -> None:
    """"on m'a débité deux fois" of a record with two payments of €642 a day apart: both said, not one (which would
    tell the customer there is only one); asked of the payment alone, the latest."""
    notes = RecordNotes.from_dict({"event": [{
        "type": "charge", "within_days": 30, "documents": ["double-charge"],
        "say": {"en": "I can see a payment of {amount_eur} at {hotel} on {date}.",
                "fr": "Je vois un paiement de {amount_eur} à {hotel} le {date}."}}]})
    events = [{"type": "charge", "at": (NOW - timedelta(days=d)).isoformat(),
               "data": {"amount_eur": 642.0, "hotel": "Orée Annecy"}} for d in (20, 19)]
    assert notes.note(events, "double-charge", "fr", NOW, said="on ma debite deux fois") == (
        "Je vois un paiement de 642,00 € à Orée Annecy le 15 novembre, et un autre identique le 14 novembre.")
    assert "another" not in notes.note(events, "double-charge", "en", NOW, said="what is this payment?")
    assert "another" not in notes.note(events, "double-charge", "en", NOW, said="can you double check this payment?")


def test_asked_of_their_latest_order_the_customer_is_not_told_the_refund_of_the_one_before() -> None:
    """A refund of order 8812 on the record, and order 9040 placed since: "ma dernière commande a été remboursée ?"
    is of 9040, and telling 8812's refund would answer yes; asked of an order without "last", or once the refund is
    of the latest order, the refund is told."""
    notes = RecordNotes.from_dict({"event": [{
        "type": "refund", "within_days": 30, "documents": ["refunds", "remboursements"],
        "say": {"en": "I can see a refund of {amount_eur} for order {order_id} on {date}.",
                "fr": "Je vois un remboursement de {amount_eur} pour la commande {order_id} le {date}."}}]})

    def event(kind: str, days: float, order: str) -> dict[str, Any]:
        return {"type": kind, "at": (NOW - timedelta(days=days)).isoformat(),
                "data": {"order_id": order, "amount_eur": 23.5, "customer_id": "c-1"}}

    placed_since = [event("order_placed", 9, "8812"), event("refund", 6, "8812"), event("order_placed", 2, "9040")]
    assert notes.note(placed_since, "remboursements", "fr", NOW, said="ma dernière commande a été remboursée ?") is None
    assert notes.note(placed_since, "refunds", "en", NOW, said="was my latest order refunded?") is None
    assert notes.note(placed_since, "refunds", "en", NOW, said="was my order refunded?") is not None
    assert notes.note(placed_since, "refunds", "en", NOW, said="I asked last week, was it refunded?") is not None
    # the refund written after the later order was placed is still of the order before it
    refunded_after = [event("order_placed", 9, "8812"), event("order_placed", 4, "9040"), event("refund", 1, "8812")]
    assert notes.note(refunded_after, "refunds", "en", NOW, said="my last order, was it refunded?") is None
    of_the_latest = [event("order_placed", 9, "8812"), event("order_placed", 4, "9040"), event("refund", 1, "9040")]
    told = notes.note(of_the_latest, "remboursements", "fr", NOW, said="ma commande la plus récente est remboursée ?")
    assert told is not None and "9040" in told


@pytest.mark.parametrize("text, amounts", [
    ("pourquoi j'ai 5 euros en plus ?", {5.0}), ("why was I charged €7.50?", {7.5}), ("c'est quoi ces 7,50€", {7.5}),
    ("pourquoi je dois payer 7,50 ?", {7.5}), ("12 EUR taken", {12.0}),
    ("1 234,50 € prélevés", {1234.5}), ("le 5 décembre", set()), ("j'habite au 5e étage", set()),
    ("appelez le 01 23 45 67 89", set()), ("why was I charged at 12.30 today?", set()),
    ("je suis dans le 15e, quels frais ?", set()),
])
def test_the_amounts_a_message_names(text: str, amounts: set[float]) -> None:
    from assistant.record import amounts_said

    assert amounts_said(text) == amounts


def test_an_amount_asked_of_is_the_event_that_holds_it_not_the_latest() -> None:
    """Two fees on the record, 5 € for a missed class a week ago and 7 € for a late cancellation yesterday, both told
    with the classes' article: "pourquoi j'ai 5 euros en plus ?" is told the 5 €; "what are these fees?" the latest;
    an amount no event holds, or money moved ("can i send 5 € to a friend?"), is asked of no charge on the record."""
    from assistant.record import asks_of_a_charge

    notes = RecordNotes.from_dict({"event": [{
        "type": "fee", "within_days": 40, "documents": ["classes"],
        "say": {"en": "I can see a fee of {amount_eur} for {why} on {date}.",
                "fr": "Je vois des frais de {amount_eur} pour {why} le {date}."}}]})
    events = [{"type": "fee", "at": (NOW - timedelta(days=d)).isoformat(), "data": {"amount_eur": a, "why": w}}
              for d, a, w in ((7, 5, "a missed class"), (1, 7.0, "a late cancellation"))]
    assert "5,00 €" in (notes.note(events, "classes", "fr", NOW, said="pourquoi j'ai 5 euros en plus ?") or "")
    assert "€7.00" in (notes.note(events, "classes", "en", NOW, said="what are these fees?") or "")
    assert notes.with_amount(events, "en", {5.0}, NOW) is notes.notes[0]
    assert notes.with_amount(events, "en", {9.99}, NOW) is None
    assert notes.with_amount(events, "de", {5.0}, NOW) is None  # no sentence to tell it with
    assert asks_of_a_charge("pourquoi j'ai 5 euros en plus ?") and asks_of_a_charge("I was charged €7 yesterday")
    assert not asks_of_a_charge("can I send 5 € to a friend, what are the fees?")
    assert not asks_of_a_charge("why was I charged twice?")  # no amount named


FLIGHTS = RecordNotes.from_dict({"event": [
    {"type": "flight_cancelled", "within_days": 30, "documents": ["flight-status"],
     "say": {"fr": "Votre vol {flight} {route} du {flight_date} a été annulé.",
             "en": "Your flight {flight} {route} on {flight_date} was cancelled."}},
    {"type": "booking_confirmed", "within_days": 120, "documents": ["flight-status"],
     "say": {"fr": "Votre vol {flight} {route} du {flight_date} est confirmé.",
             "en": "Your flight {flight} {route} on {flight_date} is confirmed."}},
]})


def _flights() -> list[dict[str, Any]]:
    def at(days: float) -> str:
        return (NOW - timedelta(days=days)).isoformat()
    return [
        {"type": "booking_confirmed", "at": at(30), "data": {"booking_ref": "ABC123", "flight": "AE1234",
                                                             "route": "Lyon–Porto", "flight_date": "2026-12-14"}},
        {"type": "booking_confirmed", "at": at(6), "data": {"booking_ref": "XYZ789", "flight": "AE2210",
                                                            "route": "Lyon–Nantes", "flight_date": "5 décembre 2026"}},
        {"type": "flight_cancelled", "at": at(2), "data": {"booking_ref": "ABC123", "flight": "AE1234",
                                                           "route": "Lyon–Porto", "flight_date": "2026-12-14"}},
    ]


@pytest.mark.parametrize("said, told", [
    ("mon vol de demain est maintenu ?", "AE2210 Lyon–Nantes du 5 décembre 2026 est confirmé"),  # tomorrow's: Nantes
    ("et mon vol pour Porto ?", "AE1234 Lyon–Porto du 14 décembre 2026 a été annulé"),          # the place named
    ("ma réservation XYZ789 c'est toujours bon ?", "AE2210"),                                     # its reference
    ("mon vol du 14 décembre ?", "AE1234 Lyon–Porto du 14 décembre 2026 a été annulé"),         # its day
    ("mon vol est maintenu ?", "a été annulé"),                                   # nothing named: the latest
    ("mon vol depuis Lyon ?", "a été annulé"),                                                    # every one's: latest
])
def test_the_event_told_is_of_the_thing_or_the_day_the_customer_names(said: str, told: str) -> None:
    """Sophie's flight to Porto in ten days is cancelled, her flight to Nantes tomorrow confirmed: "mon vol de demain"
    is told of Nantes, not Porto's cancellation (the latest event); the place, the reference or the day named picks
    the event; nothing named, the latest. A day the record writes as ISO 8601 ("2026-12-14") is said as a day."""
    said_of = FLIGHTS.note(_flights(), "flight-status", "fr", NOW, said=said)
    assert said_of is not None and told in said_of, said_of


def test_an_event_told_already_gives_way_to_the_next_one_and_none_is_told_of_another_day() -> None:
    events = _flights()
    first = FLIGHTS.note(events, "flight-status", "fr", NOW, said="mes vols ?")
    assert first is not None and "annulé" in first
    second = FLIGHTS.told(events, "flight-status", "fr", NOW, said="et l'autre ?", skip=lambda t: t == first)
    assert second is not None and "XYZ789" not in second[1] and "AE2210" in second[1], second
    # a day no event of the record holds: none of them is told ("mon vol du 20 décembre" is not on the record)
    assert FLIGHTS.note(events, "flight-status", "fr", NOW, said="mon vol du 20 décembre ?") is None



def test_a_day_or_a_reference_said_beside_another_matter_leaves_the_record_as_it_was() -> None:
    """"my flight to Porto, is it booked? I got an email yesterday": Porto named, the day is another matter's; "mon vol
    du 20 avr" is April's (the three letters of a month); "le 14/12" is a day; asked again of a flight told already,
    no other is brought in unless another is asked for."""
    events = _flights()
    said = FLIGHTS.note(events, "flight-status", "fr", NOW, said="my flight to Porto, is it booked? I got an email "
                                                                   "yesterday")
    assert said is not None and "Porto" in said, said
    told = FLIGHTS.note(events, "flight-status", "fr", NOW, said="mon vol du 14/12 ?")
    assert told is not None and "AE1234" in told, told
    assert FLIGHTS.note(events, "flight-status", "fr", NOW, said="mon vol du 20 avr ?") is None
    first = FLIGHTS.note(events, "flight-status", "fr", NOW, said="mes vols ?")
    assert FLIGHTS.told(events, "flight-status", "fr", NOW, said="ok et je fais comment ?",
                        skip=lambda t: t == first) is None


def test_an_id_that_names_one_event_only_is_no_thing_to_be_the_latest_of() -> None:
    """A fee (transaction T1) and a declined payment since (transaction T2): "the fee on my last statement" is still
    told the fee; transaction ids name one event each, not a thing followed through the record."""
    notes = RecordNotes.from_dict({"event": [{
        "type": "fee", "within_days": 30, "documents": ["fees"],
        "say": {"en": "A fee of {amount_eur} was charged on {date}."}}]})
    events = [{"type": "fee", "at": (NOW - timedelta(days=3)).isoformat(),
               "data": {"amount_eur": 5, "transaction_id": "T1"}},
              {"type": "payment_declined", "at": (NOW - timedelta(days=1)).isoformat(),
               "data": {"transaction_id": "T2"}}]
    assert notes.note(events, "fees", "en", NOW, said="what is the fee on my last statement?") == (
        "A fee of €5.00 was charged on 1 December.")


def test_a_thing_named_in_everyday_words_is_the_event_of_its_product() -> None:
    """Three orders delivered, a TV, headphones, a phone (the latest): "la télé est livrée ?" is the TV's ("télé" cuts
    "Téléviseur" short; a product's name of five words is a name, not a sentence); read with the question before it,
    what the follow-up itself names; "c'est gratuit ?" after one delivery told tells no other."""
    notes = RecordNotes.from_dict({"event": [{
        "type": "order_delivered", "within_days": 30, "documents": ["tracking"],
        "say": {"fr": "Je vois que votre commande {order_id} ({product}) a été livrée le {date}."}}]})
    events = [{"type": "order_delivered", "at": (NOW - timedelta(days=d)).isoformat(),
               "data": {"order_id": o, "product": p}}
              for d, o, p in ((16, "V-240311", 'Téléviseur Samsung QLED 55" Q80D'),
                              (11, "V-240402", "Casque Sony WH-1000XM5"),
                              (8, "V-240398", "Smartphone Google Pixel 8 128 Go"))]
    assert "V-240311" in (notes.note(events, "tracking", "fr", NOW, said="la télé est livrée ?") or "")
    assert "V-240402" in (notes.note(events, "tracking", "fr", NOW, said="et le casque ?") or "")
    joined = "le remboursement du Pixel c'est pour quand ? et l'autre commande, la télé, elle est bien livrée ?"
    assert "V-240311" in (notes.note(events, "tracking", "fr", NOW, said=joined) or "")
    assert "V-240398" in (notes.note(events, "tracking", "fr", NOW, said="mes commandes ?") or "")  # the latest
    told = notes.note(events, "tracking", "fr", NOW, said="la télé est livrée ?")
    assert notes.told(events, "tracking", "fr", NOW, said="c'est gratuit ?", skip=lambda t: t == told) is None
    # "mais" is no name cut short ("Maison…")
    maison = [{"type": "order_delivered", "at": (NOW - timedelta(days=20)).isoformat(),
               "data": {"order_id": "V-1", "product": "Maison Lampe"}}, *events]
    assert "V-240398" in (notes.note(maison, "tracking", "fr", NOW, said="mais elle est livrée ?") or "")


def test_what_the_record_told_answers_a_figure_asked_only_of_its_own_thing() -> None:
    """"c'est réparé quand ???" after "…la réparation est prévue le 9 décembre" is the record's day; "how long does a
    refund take?" after "your payment … was declined on 3 March" is not (a day given, of another thing). A record's
    ISO 8601 day is said as a day, a time in UTC without its hour."""
    from assistant.dialogue import _record_giving
    from assistant.record import as_day

    outage = "Je vois qu'une panne est en cours dans votre secteur (Lyon 3e) ; la réparation est prévue le 9 décembre."
    assert _record_giving("c'est réparé quand ???", outage) == [outage]
    declined = "I can see that your payment of €45.00 at Amazon was declined on 3 March."
    for asked in ("how long does a refund take?", "what's my limit???", "how much are the fees???"):
        assert _record_giving(asked, declined) == [], asked
    # a thing asked that the sentence does not name: the notice's day of the trip is not when the toll reaches the
    # statement; "ça revient quand ?" meets "le retour de l'eau"
    notice = "Je vois l'avis de péage impayé n° AP-2611-48213 de 16,40 € pour un passage sur l'A79 le 28 novembre."
    assert _record_giving("et le peage il sera sur mon releve de quand ?", notice) == []
    back = "Le retour de l'eau est prévu le 7 décembre 2026 à 11:00."
    assert _record_giving("ca revient quand ?", back) == [back]
    assert as_day("2026-12-10", "fr") == "10 décembre 2026"
    assert as_day("2026-12-10T23:30:00Z", "en") == "10 December 2026"
    assert as_day("2026-12-10T09:30:00+01:00", "en") == "10 December 2026 at 09:30"
    assert as_day("1 November 2026", "fr") == "1 November 2026"


def test_a_thing_of_the_file_is_told_only_when_every_word_asked_names_it() -> None:
    """"what's my order status?" is no tier; "what's my checking balance" no miles balance; what the company names in
    ``told_attributes`` is told even with a word kept internal elsewhere ("credits_earned")."""
    from assistant.dialogue import _attributes_named
    from assistant.intents import own_attribute_asked
    from assistant.profile import Profile

    profile = Profile("x", True, True, tier="gold", attributes={
        "loyalty_points": 96200, "miles_balance": 1200, "echelon": 5, "credits_earned": 90, "risk_score": 3})

    def told(text: str) -> list[tuple[str, object]]:
        asked = own_attribute_asked(text)
        return _attributes_named(asked, profile, ["echelon", "credits_earned"]) if asked else []

    for text in ("what's my order status?", "quel est mon niveau de remboursement ?", "what's my checking balance",
                 "what's my loyalty number?", "what's my risk score?"):
        assert told(text) == [], text
    assert told("how many points do I have?") == [("loyalty points", 96200)]
    assert told("what tier am I on?") == [("tier", "gold")]
    assert told("j'ai quel échelon ?") == [("echelon", 5)]
    assert told("how many credits have i earned?") == [("credits earned", 90)]


def test_after_one_event_told_another_more_of_the_article_is_told_not_none() -> None:
    """A payout held for an identity check, told first; then "jai envoyé ma carte d'identité ya 4 jours", of the
    identity article, which the payout's note lists last and the refused check's first: the check refused, and why
    (not nothing because an event of the article was told); asked again of the payouts' article, nothing more."""
    notes = RecordNotes.from_dict({"event": [
        {"type": "payout", "within_days": 30, "documents": ["payouts", "identity"],
         "say": {"fr": "Je vois que votre virement de {amount_eur} est bloqué."}},
        {"type": "identity_check", "within_days": 30, "documents": ["identity", "payouts"],
         "say": {"fr": "Je vois que votre vérification d'identité du {date} a été refusée."},
         "because": {"blurry": {"fr": "La photo était floue."}}}]})
    events = [{"type": "payout", "at": (NOW - timedelta(days=3)).isoformat(), "data": {"amount_eur": 184.5}},
              {"type": "identity_check", "at": (NOW - timedelta(days=4)).isoformat(), "data": {"reason": "blurry"}}]
    first = notes.note(events, "payouts", "fr", NOW, said="mon virement est bloqué pk ??")
    assert first is not None and "virement" in first
    told = notes.told(events, "identity", "fr", NOW, said="jai envoyé ma carte didentité ya 4 jours",
                      skip=lambda said: said in first)
    assert told is not None and told[1].endswith("refusée. La photo était floue."), told
    assert notes.told(events, "payouts", "fr", NOW, said="ca prend combien de temps", skip=lambda s: s in first) is None


def test_a_thing_named_by_its_own_name_places_its_event() -> None:
    """"I tried to buy the Showcase and the payment was declined" (found weakly): the payment for the Showcase on the
    record; a message that names nothing of it, or names it only as its first word, does not."""
    notes = RecordNotes.from_dict({"event": [
        {"type": "payment_failed", "within_days": 14, "documents": ["payment-declined"],
         "say": {"en": "I can see that your payment of {amount_eur} for {purchase} was declined on {date}."}}]})
    events = [{"type": "payment_failed", "at": (NOW - timedelta(days=3)).isoformat(),
               "data": {"amount_eur": 6.95, "purchase": "the Showcase"}}]
    found = notes.with_reference(events, "en", "I tried to buy the Showcase and the payment was declined", NOW)
    assert found is not None and found.documents == ("payment-declined",)
    assert notes.with_reference(events, "en", "my payment was declined", NOW) is None
    assert notes.with_reference(events, "en", "Showcase prices please", NOW) is None


def test_what_the_event_was_of_named_in_the_record_s_words_places_its_event() -> None:
    """"still waiting for my reimbursement for my contact lenses": the claim on the record whose act is "contact
    lenses"; a word of it alone ("lenses"), or another act, does not place it."""
    notes = RecordNotes.from_dict({"event": [
        {"type": "reimbursement_pending", "within_days": 30, "documents": ["reimbursement-times"],
         "say": {"en": "I can see a reimbursement of {amount_eur} ({acte}) being processed since {date}."}}]})
    events = [{"type": "reimbursement_pending", "at": (NOW - timedelta(days=3)).isoformat(),
               "data": {"amount_eur": 65, "acte": "contact lenses", "status": "pending"}}]
    found = notes.with_reference(events, "en", "Hi, I'm still waiting for my reimbursement for my contact lenses", NOW)
    assert found is not None and found.documents == ("reimbursement-times",)
    assert notes.with_reference(events, "en", "how much for new lenses?", NOW) is None
    assert notes.with_reference(events, "en", "still waiting for my dental reimbursement", NOW) is None
