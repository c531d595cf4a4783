"""Short, factual summaries of a conversation from its events (no generation, no guessing)."""
from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from handoff.policy import PastTurn


#: the bot's messages that send the customer an article: an answer, one given while waiting for an advisor, and an
#: escalation's (it cites only what it gave meanwhile: a relative's account after condolences)
SENDING = ("answer", "handoff_wait", "escalate")


def past_turns(events: Sequence[dict[str, Any]], *, since_handoff: bool = False) -> list[PastTurn]:
    """The customer messages of a conversation with what the bot learnt of each; ``since_handoff``:
    only those after the last handoff closed (what an agent took up, or the customer withdrew, is
    no longer the bot's to count against itself)."""
    turns: list[PastTurn] = []
    for e in events:
        if since_handoff and e.get("type") == "handoff_closed":
            turns = []
        if e.get("type") != "customer_message":
            continue
        turns.append(
            PastTurn(
                seq=int(e["seq"]),
                text=e.get("text") or "",
                in_scope=e.get("in_scope"),
                top_document=e.get("top_document"),
                sentiment=float((e.get("sentiment") or {}).get("score", 0.0)),
                small_talk=bool(e.get("small_talk")),
                distress=bool(e.get("distress")),
            )
        )
    return turns


def topic_of(events: Sequence[dict[str, Any]], mask: Callable[[str], str] | None = None) -> str | None:
    """The title of the last document the bot answered from, else the customer's last words
    (courtesy and requests for a person aside), through ``mask`` before they are cut (an e-mail cut before its domain
    would no longer be found)."""
    for e in reversed(events):
        if e.get("type") == "bot_message" and e.get("action") == "answer" and e.get("sources"):
            return e["sources"][0].get("title")
    for e in reversed(events):
        if (e.get("type") == "customer_message" and e.get("text") and not e.get("small_talk")
                and not e.get("human_request")  # "je veux parler à un conseiller" is no topic
                and not e.get("advisor_quoted")):  # nor "wait how many days did he say?", of the advisor's words
            # (without its end's "?" or "!": the sentence it goes into ends with its own full stop)
            text = e["text"].strip().rstrip("?!.… ").strip() or e["text"]
            text = mask(text) if mask else text
            return text if len(text) <= 80 else text[:79] + "…"
    return None


# the summary's words in French (English is the default; a customer resuming in French, or an advisor
# whose console is in French, reads it in French)
_WORDS = {
    "en": {"none": "No messages yet.", "one": "1 customer message", "many": "{n} customer messages",
           "asked": "asked", "latest": "latest", "raised": "Raised", "call_back": "Asked to be called back.",
           "answered": "Answered from", "escalated": "Escalated", "open": "\u201c", "close": "\u201d",
           "bot": "The assistant is handling it.", "waiting_agent": "Waiting for an advisor.",
           "agent": "An advisor is handling it.", "closed": "Closed.", "state": "State: {state}.",
           "advisor": "The advisor's last message"},
    "fr": {"none": "Aucun message pour l'instant.", "one": "1 message du client", "many": "{n} messages du client",
           "asked": "question", "latest": "dernière", "raised": "Signalé", "call_back": "Demande à être rappelé.",
           "answered": "Réponses tirées de", "escalated": "Transmis à un conseiller", "open": "« ", "close": " »",
           "bot": "L'assistant s'en occupe.", "waiting_agent": "En attente d'un conseiller.",
           "agent": "Un conseiller s'en occupe.", "closed": "Terminée.", "state": "État : {state}.",
           "advisor": "Dernier message du conseiller"},
}
_NAMES_FR = {
    "fraud": "fraude", "vulnerability": "vulnérabilité", "bereavement": "deuil", "hardship": "difficultés financières",
    "legal_threat": "menace de poursuites", "formal_complaint": "réclamation formelle", "illness": "maladie grave",
    "emergency": "urgence : quelqu'un blessé ou en danger", "injury": "personne blessée",
    "personal_data": "demande sur ses données personnelles", "harassment": "harcèlement",
    "human_request": "demande d'un conseiller", "out_of_scope": "question hors du champ de l'assistant",
    "repeated_question": "question répétée", "negative_trend": "mécontentement croissant",
    "sensitive_topic": "sujet sensible", "premium_upset": "client premium mécontent",
}


# the words of asking for a person, and of politeness: what a request says besides them is why it was made
_REQUEST_WORDS = frozenset(
    "i i'd id would like want need to speak talk chat with a an the someone somebody person real human agent advisor "
    "adviser representative rep operator customer service from your you can could please pls now me put through get "
    "help hi hello hey ok okay thanks thank just actually is there are je voudrais veux aimerais souhaite parler a à "
    "un une quelqu'un conseiller conseillère conseillere humain agent vrai vraie personne svp stp s'il vous te plaît "
    "plait merci bonjour salut maintenant avec du service client me mettre en relation passer pouvez-vous pouvez peux "
    "pourriez est-ce que qu'il y ait de des ça ca".split())
_SAYS_WHY = 3  # content words besides a request for a person that say why it was made


def _says_why(text: str) -> bool:
    """Whether a request for a person says why it was made ("my claim for my glasses was rejected, I'd like to talk to
    an advisor"), not only asks for one ("Hi, I would like to speak to someone from customer service please")."""
    words = [w.strip(".,!?;:'\"()") for w in text.lower().split()]
    return sum(1 for w in words if w and w not in _REQUEST_WORDS) >= _SAYS_WHY


def summarize(events: Sequence[dict[str, Any]], state: str, reason: str | None = None,
              mask: Callable[[str], str] | None = None, for_staff: bool = True, language: str | None = None,
              names: Callable[[str, str], str | None] | None = None) -> str:
    """A line for the agent (``for_staff``; the customer's own, on resuming, says nothing of sensitive
    topics): what the customer asked first and last (not "bonjour", not "I need an
    agent"), what they raised that a bot does not handle alone, what the bot answered from, why it
    was handed over, where it stands. ``mask`` (personal data) reads the customer's words before they
    are cut to length: a phone number cut in half no longer looks like one. ``language``: "fr" writes
    it in French (anything else, English); ``names``, what the company calls a topic of its own, by topic and
    language."""
    french = language == "fr"
    w = _WORDS["fr" if french else "en"]
    sep = " : " if french else ": "

    def named(code: str) -> str:
        if names is not None and (own := names(code, "fr" if french else "en")):
            return own
        return _NAMES_FR.get(code, code.replace("_", " ")) if french else code.replace("_", " ")

    customer = [e for e in events if e.get("type") == "customer_message"]
    if not customer:
        return w["none"]

    def quoted(text: str) -> str:
        text = mask(text) if mask else text
        return w["open"] + (text if len(text) <= 120 else text[:119] + "…") + w["close"]

    said = [e for e in customer if e.get("text") and not e.get("small_talk")]
    # what it is about: "I need help from an agent" then "what is an overdraft?" is about the overdraft; a request for
    # a person that says why ("my claim for my glasses was rejected, I'd like to talk to an advisor") is about that
    asked = [e for e in said if not e.get("human_request") or _says_why(e.get("text") or "")]
    asked = asked or said or customer
    first, last = asked[0], asked[-1]
    messages = w["one"] if len(customer) == 1 else w["many"].format(n=len(customer))
    parts = [f"{messages}{' ; ' if french else '; '}{w['asked']}{sep}{quoted(first.get('text') or '')}"]
    if last is not first:
        parts[0] += f"{' ; ' if french else '; '}{w['latest']}{sep}{quoted(last.get('text') or '')}"
    parts[0] += "."
    # staff only: whoever holds a customer's resume token (a partner who controls the money) does not read it
    raised = dict.fromkeys(e["sensitive_topic"] for e in customer if e.get("sensitive_topic")) if for_staff else {}
    if raised:
        parts.append(w["raised"] + sep + ", ".join(named(t) for t in raised) + ".")
    if for_staff and any(e.get("call_back") for e in customer):
        parts.append(w["call_back"])
    answered = [
        s.get("title") for e in events
        if e.get("type") == "bot_message" and e.get("action") in SENDING
        for s in (e.get("sources") or [])[:1]
    ]
    if answered:
        parts.append(w["answered"] + sep + ", ".join(dict.fromkeys(t for t in answered if t)) + ".")
    if reason:
        parts.append(f"{w['escalated']}{sep}{named(reason)}.")
    # what the advisor last wrote (an agreed plan: "95 € par mois pendant 14 mois"), for whoever picks it up, and for
    # the customer resuming unless a sensitive topic was raised (the holder of the token may not be them)
    advisor = next((e.get("text") for e in reversed(events) if e.get("type") == "agent_message" and e.get("text")),
                   None)
    if advisor and (for_staff or not any(e.get("sensitive_topic") for e in customer)):
        parts.append(f"{w['advisor']}{sep}{quoted(advisor)}.")
    parts.append(w[state] if state in ("bot", "waiting_agent", "agent", "closed") else w["state"].format(state=state))
    return " ".join(parts)
