"""What a customer is asking for beyond information: a human, or a topic that needs one.

Patterns (French and English) catch explicit phrasings; a nearest-prototype check on
the turn's sentence embedding catches the paraphrases the patterns miss.
"""
from __future__ import annotations

import re
import unicodedata

import numpy as np

from assistant.heads import LinearHead


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.lower())
    return "".join(ch for ch in text if not unicodedata.combining(ch)).replace("’", "'")


_PERSON = (
    r"(human|humain|person|personne|agent|advisor|adviser|conseill\w*|representative|rep|operat\w*|"
    r"someone|somebody|quelqu'un|real person|vraie personne|live agent|live person|staff|employe|"
    r"interlocuteur|manager|responsable|operator)"
)
_HUMAN_PATTERNS = [
    rf"\b(talk|speak|chat|connect|transfer|put)\w*\b.{{0,40}}\b{_PERSON}",
    rf"\b(parler|discuter|echanger|joindre|contacter|avoir|passer|passez|relation)\b.{{0,40}}\b{_PERSON}",
    rf"\b{_PERSON}\b.{{0,20}}\b(please|pls|plz|now|svp|s'il vous plait|stp|maintenant)\b",
    rf"^\W*(an? |un |une |le |la )?{_PERSON}\W*(please|pls|svp|stp|now|!)*\W*$",
    rf"\b(want|need|get|give|request|demande|veux|voudrais|besoin|exige|souhaite)\b.{{0,30}}\b{_PERSON}",
    r"\b(not|no more|pas|plus)\b.{0,15}\b(bot|robot|machine|chatbot|automate)\b",
    r"\b(are you|es-tu|etes-vous)\b.{0,10}\b(bot|robot|human|humain)\b",
    r"\b(call me back|rappelez-moi|rappeler|callback|phone call|appel telephonique)\b",
]
_HUMAN = re.compile("|".join(f"(?:{p})" for p in _HUMAN_PATTERNS))

SENSITIVE_TOPICS: dict[str, list[str]] = {
    "fraud": [
        r"\bfraud\w*", r"\bscam\w*", r"\barnaque\w*", r"\bescroqu\w*", r"\bphishing\b", r"\bhameconn\w*",
        r"\bunauthori[sz]ed\b.{0,30}\b(payment|transaction|charge|debit)", r"\bidentity theft\b", r"\busurpation\b", r"\bpiratage\b", r"\bhack(ed|er)?\b", r"\bpirate\b",
        r"\b(je n'ai pas|i did not|i didn't|never) (fait|effectue|made|make|authori[sz]e)\b.{0,30}(paiement|payment|transaction|virement|transfer)",
    ],
    "bereavement": [
        r"\b(deceased|passed away|died|death|bereave\w*|funeral|widow\w*)\b",
        r"\b(deced\w*|decede\w*|mort|morte|obseques|succession|veuf|veuve|disparu\w*)\b",
    ],
    "legal_threat": [
        r"\b(lawyer|attorney|sue|lawsuit|legal action|court|solicitor|ombudsman)\b",
        r"\b(avocat|poursuiv\w*|proces|plainte|tribunal|justice|mediateur|huissier|action en justice)\b",
    ],
    "formal_complaint": [
        r"\b(formal complaint|file a complaint|make a complaint|complain\w*)\b",
        r"\b(reclamation|reclamer|porter plainte|plainte formelle|me plaindre)\b",
    ],
    "vulnerability": [
        r"\b(suicid\w*|kill myself|end my life|me tuer|en finir)\b",
    ],
}
_SENSITIVE = {topic: re.compile("|".join(ps)) for topic, ps in SENSITIVE_TOPICS.items()}

HUMAN_PROTOTYPES = [
    "agent please", "human please", "representative", "real person please", "operator",
    "un conseiller svp", "un humain s'il vous plaît", "conseiller", "parler à quelqu'un",
    "I want to speak to a human agent",
    "let me talk to a real person",
    "connect me with customer service representative",
    "can I chat with a live agent please",
    "je veux parler à un conseiller",
    "passez-moi un humain s'il vous plaît",
    "je voudrais parler à une vraie personne",
    "mettez-moi en relation avec le service client",
]


def is_human_request(text: str) -> bool:
    return bool(_HUMAN.search(_fold(text)))


def sensitive_topic(text: str) -> str | None:
    folded = _fold(text)
    for topic, pattern in _SENSITIVE.items():
        if pattern.search(folded):
            return topic
    return None


class HumanRequestDetector:
    """A head over the turn's embedding (``tandem train human``), backed by the patterns.

    A request is a head probability of at least ``threshold``, or a pattern match the
    head does not contradict (probability at least ``floor``): the patterns alone
    mistake "what is the customer service number?" for a request for a person.
    Without a head, the patterns decide.
    """

    def __init__(self, head: LinearHead | None = None, threshold: float = 0.5, floor: float = 0.1) -> None:
        self._head = head
        self._threshold = threshold
        self._floor = floor

    def detect(self, text: str, vector: np.ndarray | None = None) -> bool:
        pattern = is_human_request(text)
        if self._head is None or vector is None:
            return pattern
        p = self._head.probability(vector, "human")
        return p >= self._threshold or (pattern and p >= self._floor)
