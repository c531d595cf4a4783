"""French as it is texted, spelled out: "jai plus de data", "ma cb passe plus", "on ma appelé".

On a phone, French loses its apostrophes and shortens its words: "jai" for "j'ai", "cest" for "c'est",
"mdp" for "mot de passe", "cb" (carte bancaire) for the card. The encoders read these as other words ("jai plus
de data" finds the English data article first; "cb" is nothing), and the patterns of
``assistant.intents`` (a scam call, a card not working) miss them. ``spell_out`` writes them in full,
before a message is searched and before it is read. Only words no English message would use alone:
not "ya" ("see ya"), "jen" (a name), "c" or "t".
"""
from __future__ import annotations

import re

_WORDS = {
    # glued elisions
    "jai": "j'ai", "javais": "j'avais", "jaurais": "j'aurais", "jaimerais": "j'aimerais", "jarrive": "j'arrive",
    "jarrivais": "j'arrivais", "jessaie": "j'essaie", "jessaye": "j'essaye", "jattends": "j'attends",
    "jutilise": "j'utilise", "jhabite": "j'habite", "jy": "j'y", "cest": "c'est", "cetait": "c'était",
    "quil": "qu'il", "quon": "qu'on", "jcomprends": "je comprends", "jsuis": "je suis", "chuis": "je suis",
    "jveux": "je veux", "jpeux": "je peux", "jvais": "je vais", "jvois": "je vois", "jsais": "je sais",
    "jcrois": "je crois", "jdois": "je dois", "jpense": "je pense", "jcomprend": "je comprends",
    # texting
    "pq": "pourquoi", "pk": "pourquoi", "pcq": "parce que", "bjr": "bonjour", "slt": "salut", "bcp": "beaucoup",
    "qd": "quand", "pr": "pour", "jsp": "je ne sais pas", "cmb": "combien", "dsl": "désolé", "tjrs": "toujours",
    "tjs": "toujours", "mdp": "mot de passe", "cb": "carte", "ds": "dans",
    "tt": "tout", "rdv": "rendez-vous", "msg": "message",
}
_WORD = re.compile(r"(?<![\w'’./=&?@#^-])(" + "|".join(sorted(_WORDS, key=len, reverse=True))
                   + r")(?![\w'’/=&@-]|\.\w)", re.IGNORECASE)
# "on ma appelé", "il ma dit", "elle ta envoyé": "m'a", "t'a" before what was done to them
_HAS_DONE = re.compile(
    r"(?<![\w'’-])([mt])a (?=(?:appel|dit|demand|envoy|bloqu|factur|prelev|prélev|refus|contact|repondu|répondu|"
    r"propos|vol|pris|debit|débit|arnaqu|escroqu|pirat|hack|rappel|menac|oblig|conseill|expliqu|promis)\w*)",
    re.IGNORECASE)


def spell_out(text: str) -> str:
    """``text`` with French texting written in full ("jai" → "j'ai", "mdp" → "mot de passe")."""
    text = _HAS_DONE.sub(lambda m: m.group(1) + "'a ", text)
    return _WORD.sub(lambda m: _WORDS[m.group(1).lower()], text)
