"""Which language a message is in: French or English by their function words, else unknown."""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

from knowledge.texting import spell_out

if TYPE_CHECKING:
    from knowledge.base import DocumentIn

_WORD = re.compile(r"[a-zàâäçéèêëîïôöùûüÿœæ']+", re.IGNORECASE)

_FR = frozenset(
    "le la les un une des du de et est je tu il elle nous vous ils elles mon ma mes ton ta tes "
    "votre vos notre nos ce cette ces qui que quoi pour pas ne sur dans avec mais ou où comment "
    "pourquoi quand combien suis es sont ai as avons avez ont été fait faire peux peut pouvez veux "
    "veut voudrais bonjour merci salut oui non aussi très bien mal carte compte virement "
    "argent aide besoin problème j' c' d' l' n' qu' s' m' t' au aux en y a à bonsoir coucou revoir "
    "journée soirée bientôt moi toi svp stp aidez aider ça cela alors voilà parfait génial rien tout "
    # typed without accents: "code pin oublie", "deposer des especes", "je veux cloturer mon compte"
    "ca tres etre deja meme oublie oublié perdu bloque bloquee debloquer cloturer clôturer deposer déposer "
    "especes espèces decouvert découvert prelevement prélèvement etranger étranger releve relevé "
    "retrait retirer payer paiement recu reçu pret prêt epargne épargne forfait facture frais "
    "carte ouvrir fermer annuler changer".split()
)
_EN = frozenset(
    "the a an and is are was were i you he she we they my your our their this that these those "
    "what which who how why when where can could would should will do does did have has had "
    "not no yes to of in on for with at from by it me please thanks hello hi card account "
    "money help need problem want get my i'm don't can't won't bye goodbye thank hey".split()
)


def detect_language(text: str, default: str | None = None) -> str | None:
    """'fr', 'en', or ``default`` when the text gives too little to tell. French as it is texted is read in full
    ("jarrive pas a me connecter a lappli": "j'arrive", "l'appli")."""
    words = [w.lower() for w in _WORD.findall(spell_out(text))]
    if not words:
        return default
    fr = sum(1 for w in words if w in _FR or w.split("'")[0] + "'" in _FR)
    en = sum(1 for w in words if w in _EN)
    fr += 2 * sum(1 for ch in text if ch in "àâçéèêëîïôùûœ")
    if fr == en:
        return default
    if max(fr, en) < 1:
        return default
    return "fr" if fr > en else "en"


def written_in(doc: "DocumentIn") -> "DocumentIn":
    """``doc`` with its language said, when it said none and its words tell French from English: a question/answer
    file ingested without ``--language`` is answered in its own language, not in another's ("Vous livrez le dimanche ?"
    then "Yes: we deliver…")."""
    from dataclasses import replace

    if doc.language:
        return doc
    found = detect_language(" ".join([doc.title, doc.text, *doc.questions[:5]]))
    return replace(doc, language=found) if found else doc
