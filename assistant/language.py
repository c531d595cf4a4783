"""Which language a message is in: French or English by their function words, else unknown."""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

from assistant.screening import screen_all
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
    "carte ouvrir fermer annuler changer "
    # short messages' words: "on va me couper l'eau ?", "ok tant pis", "ca revient quand ?" ("on" is an English
    # word too: counted for both, it tells nothing)
    "on te se lui leur leurs vais vas allez aller chez quel quelle quels quelles sans depuis jai cest "
    "tant pis trop donc ici hier demain maintenant toujours jamais mois semaine jour jours heure heures eau "
    "couper coupe coupé revient rappeler rappelle appeler envoyer envoie reçois recois marche".split()
)
_EN = frozenset(
    "the a an and is are was were i you he she we they my your our their this that these those "
    "what which who how why when where can could would should will do does did have has had "
    "not no yes to of in on for with at from by it me please thanks hello hi card account "
    "money help need problem want get my i'm don't can't won't bye goodbye thank hey".split()
)


# other languages' commonest words (those French or English share left out below): a message written in one of them is
# answered in a language the bot speaks, saying so ("Hola, he perdido mi tarjeta" is not French for its "é")
_OTHER = {
    "es": "el los las unos y que del por para con mi mis su sus como qué cuando donde dónde hola gracias tengo "
          "tarjeta cuenta perdido puedo quiero necesito ayuda sí está estoy muy pero hago hacer dinero mío buenos "
          "buenas días por favor también cuánto cuanto cuesta cuestan nueva nuevo otra otro ahora tiempo tarda "
          "mucho entonces porque hay ya cómo cuál puedes usted transferencia",
    "de": "der das und ist ich du sie wir ihr mein meine meinen nicht mit für auf ein eine einen habe hallo danke "
          "bitte karte konto kann wie wo warum verloren geld bin guten morgen tag können möchte meiner kostet "
          "neue neuen jetzt auch noch lange wieviel überweisung",
    "it": "il lo gli e è che di da per con mio mia come ciao grazie ho perso carta conto posso voglio sono non "
          "della buongiorno aiuto soldi perché quanto costa nuova nuovo adesso ora anche",
    "pt": "os um uma e é que do da para com meu minha como olá obrigado obrigada tenho cartão conta perdi posso "
          "quero não bom dia ajuda dinheiro quanto custa nova novo agora também",
    "nl": "het een ik jij mijn niet met voor op hallo dank bedankt kaart rekening kan hoe wat waar verloren heb "
          "ben goedemorgen geld alstublieft hoeveel kost nieuwe nu ook",
}
_OTHER_WORDS = {code: frozenset(words.split()) - _FR - _EN - {"die", "was", "so", "an", "in", "e", "o", "es"}
                for code, words in _OTHER.items()}


_LETTERS = re.compile(r"[^\W\d_]+")  # any alphabet's: "cuánto", "ñ", "ß"


def written_in_another(text: str) -> str | None:
    """The language a message is written in when it is plainly neither French nor English ("es", "de", "it", "pt",
    "nl"): at least two of its common words, more than of French's and English's together; else None."""
    words = [w.lower() for w in _LETTERS.findall(text)]
    if len(words) < 2:
        return None
    fr = sum(1 for w in words if w in _FR)
    en = sum(1 for w in words if w in _EN)
    counts = {code: sum(1 for w in words if w in vocabulary) for code, vocabulary in _OTHER_WORDS.items()}
    code, best = max(counts.items(), key=lambda kv: kv[1])
    return code if best >= 2 and best > fr + en and best >= len(words) / 3 else None


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


screen_all(globals())  # the patterns above, each searched for a word it needs first (assistant.screening)
