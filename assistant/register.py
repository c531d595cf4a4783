"""French articles said with "tu" to a customer the tone policy addresses with "tu".

Knowledge articles are written with "vous". For a customer spoken to with "tu" (tone.toml's
informal segments, or their own preference), ``tutoyer`` rewrites an article's second person:
subject and object pronouns, possessives, verbs after "vous" and imperatives. French conjugation
is irregular, so the rewrite is all or nothing: a text with any form it does not know (a verb
missing from the tables, a possessive before a noun of unknown gender) is returned unchanged, and
the customer reads the article as written rather than a sentence in two registers.
"""
from __future__ import annotations

import re

# present (and imperative) of the verbs whose "vous" form does not follow the -er rule
_PRESENT = {
    "pouvez": "peux", "devez": "dois", "avez": "as", "êtes": "es", "faites": "fais", "dites": "dis",
    "voulez": "veux", "allez": "vas", "recevez": "reçois", "prenez": "prends", "venez": "viens",
    "obtenez": "obtiens", "tenez": "tiens", "prévenez": "préviens", "devenez": "deviens", "revenez": "reviens",
    "retenez": "retiens", "maintenez": "maintiens", "contenez": "contiens", "souvenez": "souviens",
    "voyez": "vois", "mettez": "mets", "attendez": "attends",
    "perdez": "perds", "rendez": "rends", "répondez": "réponds", "joignez": "joins", "savez": "sais",
    "connaissez": "connais", "reconnaissez": "reconnais", "lisez": "lis", "écrivez": "écris",
    "suivez": "suis", "vivez": "vis", "résidez": "résides", "choisissez": "choisis", "saisissez": "saisis",
    "réagissez": "réagis", "remplissez": "remplis", "finissez": "finis", "définissez": "définis",
    "munissez": "munis", "fournissez": "fournis", "investissez": "investis", "ouvrez": "ouvres",
    "offrez": "offres", "partez": "pars", "sortez": "sors", "servez": "sers", "souffrez": "souffres",
    "appelez": "appelles", "rappelez": "rappelles", "gelez": "gèles", "dégelez": "dégèles",
    "achetez": "achètes", "levez": "lèves", "relevez": "relèves", "payez": "paies", "envoyez": "envoies",
    "renvoyez": "renvoies", "essayez": "essaies", "appuyez": "appuies", "employez": "emploies",
    "nettoyez": "nettoies", "cédez": "cèdes", "possédez": "possèdes", "préférez": "préfères",
    "répétez": "répètes", "complétez": "complètes", "transférez": "transfères",
}
# the imperative where it differs from the present ("tu vas", but "va dans…")
_IMPERATIVE = {
    "allez": "va", "ouvrez": "ouvre", "offrez": "offre", "appelez": "appelle", "rappelez": "rappelle",
    "gelez": "gèle", "dégelez": "dégèle", "achetez": "achète", "levez": "lève", "relevez": "relève",
    "payez": "paie", "envoyez": "envoie", "renvoyez": "renvoie", "essayez": "essaie", "appuyez": "appuie",
    "employez": "emploie", "nettoyez": "nettoie", "cédez": "cède", "possédez": "possède",
    "préférez": "préfère", "répétez": "répète", "complétez": "complète", "transférez": "transfère",
    "résidez": "réside", "souffrez": "souffre",
}
_NOT_VERBS = {"chez", "assez", "nez", "rez"}
# nouns an article puts after "votre", by gender; a vowel or mute h takes "ton" whatever the gender
_FEMININE = {
    "carte", "banque", "demande", "facture", "ligne", "sim", "prochaine", "nouvelle", "situation",
    "réclamation", "commande", "box", "offre", "signature", "pièce", "date", "question", "famille",
    "mère", "fille", "femme", "conjointe", "période", "résiliation", "souscription", "connexion",
    "déclaration", "localisation", "tablette", "messagerie", "boîte", "consommation", "livraison",
    "retraite", "épargne", "assurance", "adhésion", "autorisation", "opposition", "plainte", "vie",
    "part", "banquière", "conseillère", "photo", "clé", "formule", "limite", "somme", "dette",
    "valise", "place", "chambre", "porte", "voiture", "semaine", "séance", "salle", "course", "boutique",
    "taille", "pointure", "ville", "rue", "région", "note", "remise", "garantie", "panne", "fuite", "machine",
    "console", "montre", "batterie", "table", "chaise", "réponse", "preuve", "étape", "caution", "mutuelle",
    "franchise", "cotisation", "visite", "consultation", "ordonnance", "classe", "escale", "correspondance",
    "destination", "navette", "réservation", "location", "quittance", "charge", "cuisine", "douche",
    # of an ending that is otherwise masculine (``_MASCULINE_ENDING``)
    "page", "plage", "cage", "rage", "nage", "cuillère", "peau",
}
_MASCULINE = {
    "code", "compte", "conseiller", "numéro", "mot", "forfait", "téléphone", "relevé", "rib",
    "récapitulatif", "smartphone", "découvert", "employeur", "propriétaire", "plafond", "solde",
    "contrat", "virement", "prêt", "paiement", "dossier", "mobile", "mari", "conjoint", "fils",
    "père", "nom", "prénom", "profil", "montant", "crédit", "bénéficiaire", "justificatif", "courrier",
    "colis", "abonnement", "appareil", "salaire", "loyer", "domicile", "logement", "choix", "accord",
    "avis", "achat", "retrait", "dépôt", "titulaire", "mandat", "historique", "pays", "voyage",
    "séjour", "départ", "retour", "opérateur", "fournisseur", "banquier", "navigateur", "ordinateur",
    "pin", "iban", "bic", "espace", "identifiant", "email", "mail", "message", "sms", "service",
    "dernier", "mois", "rio", "portefeuille", "nouvel", "ancien", "secteur", "quartier", "compteur", "robinet",
    "réseau", "branchement", "raccordement", "tarif", "moteur", "lecteur", "détecteur", "capteur", "serveur",
    "assureur", "bailleur", "vendeur", "acheteur", "conducteur", "radiateur", "chauffe-eau", "porte-monnaie",
    "porte-clés", "porte-documents", "porte-bagages",
    "vol", "billet", "siège", "passeport", "parcours", "trajet", "train", "bus", "vélo", "véhicule", "club",
    "cours", "coach", "casier", "badge", "bail", "chauffeur", "livreur", "point", "bon", "ticket", "hublot",
    "chèque", "sac", "lit", "chien", "chat", "permis", "devis", "sinistre", "médecin", "traitement",
    "colis", "créneau", "repas", "plat", "restaurant", "panier", "produit", "article", "modèle", "meuble", "lave-linge",
    "frigo", "réfrigérateur", "four", "chauffe-eau", "radiateur", "compteur", "contrat", "tarif", "bagage", "statut",
    "préavis", "congé", "voisin", "garage", "parking", "studio", "balcon",
    # of an ending that is otherwise feminine (``_FEMININE_ENDING``)
    "comité", "traité", "silence", "squelette", "cimetière", "murmure", "mercure", "parapluie",
}
_VOWEL = re.compile(r"^[aeiouyhâàéèêëîïôöûùœ]", re.IGNORECASE)
_WORD = r"[\w'’-]+"  # a word after "votre" or "vous", with its apostrophe or hyphen


class _Unknown(Exception):
    """A form the tables do not know: the text stays as written."""


def _case(model: str, word: str) -> str:
    return word[:1].upper() + word[1:] if model[:1].isupper() else word


_FUTURE = {"pourrez": "pourras", "devrez": "devras", "serez": "seras", "aurez": "auras", "ferez": "feras",
           "irez": "iras", "verrez": "verras", "recevrez": "recevras", "viendrez": "viendras", "voudrez": "voudras",
           "saurez": "sauras", "enverrez": "enverras", "prendrez": "prendras", "mettrez": "mettras",
           "permettrez": "permettras", "pourriez": "pourrais", "voudriez": "voudrais",
           "aviez": "avais", "étiez": "étais"}
# -ez forms that are not a regular -er verb's present: other tenses, other groups, stems that change
_IRREGULAR = re.compile(
    r"(riez|ssiez|viez|aviez|étiez|tiez|iiez|yiez"  # conditional, subjunctive, imperfect
    r"|enez|crivez|ettez|[aeo]ignez|[eo]ndez|issez|uisez|[aou]yez|elez|etez"  # venir, écrire, mettre, joindre…
    r"|é[^aeiouyéèêàâîïôûù\s]+ez"  # accéder, régler: "tu accèdes"
    r"|^(?:sentez|mentez|consentez|ressentez|repentez|dormez|servez|partez|sortez|courez|mourez|valez|faillez))$")


def _regular(low: str, ending: str) -> str:
    """A regular -er verb's "vous" form (and -ier's: "vérifiez") with ``ending`` for its -ez."""
    if not low.endswith("ez") or low in _NOT_VERBS or _IRREGULAR.search(low):
        raise _Unknown(low)
    return low[:-2] + ending


def _present(verb: str) -> str:
    low = verb.lower()
    if low in _PRESENT:
        return _case(verb, _PRESENT[low])
    if low in _FUTURE:
        return _case(verb, _FUTURE[low])
    if low.endswith(("erez", "iendrez")) and len(low) > 5:  # the future: "vous trouverez", "vous obtiendrez"
        return _case(verb, low[:-2] + "as")
    return _case(verb, _regular(low, "es"))  # "vous utilisez" → "tu utilises"


def _imperative(verb: str) -> str:
    low = verb.lower()
    if low in _IMPERATIVE:
        return _case(verb, _IMPERATIVE[low])
    if low in _PRESENT:
        return _case(verb, _PRESENT[low])
    return _case(verb, _regular(low, "e"))  # "sélectionnez" → "sélectionne"


# a noun the tables lack, by its ending, where French nouns of that ending have one gender ("remboursement",
# "prélèvement", "message", "dressing", "contrat", "billet", "détail", "bureau", "retard";
# "réservation", "sécurité", "facture", "préférence")
_MASCULINE_ENDING = re.compile(r"(?:ment|age|isme|oir|ier|ing|at|et|ail|eil|ard|eau)s?$")
_FEMININE_ENDING = re.compile(r"(?:tion|sion|ité|ure|ence|ance|ette|ière)s?$")


def _possessive(match: re.Match[str]) -> str:
    word, noun = match.group(1), match.group(2)
    low = noun.lower().strip("'’")
    if _VOWEL.match(low) or low in _MASCULINE or low not in _FEMININE and _MASCULINE_ENDING.search(low):
        return _case(word, "ton") + " " + noun
    if low in _FEMININE or _FEMININE_ENDING.search(low):
        return _case(word, "ta") + " " + noun
    raise _Unknown(noun)


def _elide(pronoun: str, following: str) -> str:
    """"te" before a verb: "t'" before a vowel or a mute h ("il t'est demandé")."""
    return pronoun[:-1] + "'" if _VOWEL.match(following) else pronoun + " "


# -ier verbs, whose present ends in -iez too ("que vous vérifiez"): not a subjunctive's "-iez"
_IER = ("vérif", "modif", "notif", "justif", "identif", "certif", "simplif", "spécif", "conf", "cop", "oubl", "remerc",
        "appréc", "étud", "multipl", "expéd", "rel", "déf", "pr", "envo")


def _subject(match: re.Match[str]) -> str:
    """"vous [ne|n'] [en|y|le|la|les|lui|leur] verbe" with "vous" the subject; after "que", a regular verb's
    subjunctive ("avant que vous ne validiez" → "avant que tu ne valides", not "validies")."""
    vous, neg, clitic, verb = match.group(1), match.group(2) or "", match.group(3) or "", match.group(4)
    low = verb.lower()
    if (low.endswith("iez") and not low.endswith(("iiez", "yiez")) and low not in _FUTURE
            and re.search(r"\bqu(?:e\s+|['’]\s*)$", match.string[:match.start()], re.IGNORECASE)
            and not low[:-3].endswith(_IER) and not _IRREGULAR.search(low) and not _IRREGULAR.search(low[:-3] + "ez")):
        return _case(vous, "tu") + " " + neg + clitic + _case(verb, low[:-3] + "es")
    return _case(vous, "tu") + " " + neg + clitic + _present(verb)


# words after which a "vous" is no object of a verb but stands alone ("devant vous et…"): "toi"
_NOT_AFTER_OBJECT = {"et", "ou", "mais", "pour", "avec", "à", "au", "aux", "de", "du", "des", "dans",
                     "sur", "qui", "que", "qu", "si", "comme", "même", "seul", "seule", "aussi", "non", "donc"}


def _object(match: re.Match[str]) -> str:
    """"vous" as the object of someone else's verb: "nous vous répondons", "il vous est demandé"."""
    vous, following = match.group(1), match.group(2)
    if following.lower().split("'")[0].split("’")[0] in _NOT_AFTER_OBJECT:
        return _case(vous, "toi") + " " + following
    return _case(vous, "t'" if _VOWEL.match(following) else "te ") + following


def _after(text: str, match: re.Match[str]) -> str:
    """An -ez verb at the head of a clause: the imperative, or after "et"/"ou"/"mais" in a clause whose
    subject is "tu" the present ("si tu es majeur et résidez en France" → "et résides", "si tu as
    égaré ta carte mais pensez la retrouver" → "mais penses")."""
    verb = match.group(2)
    if match.group(1).strip() in ("et", "ou", "mais"):
        before = text[max(0, match.start() - 300): match.start()]
        clause = re.split(r"[.!?:;,]", before)[-1]
        if re.search(r"\b(tu|Tu)\b", clause):
            return _present(verb)
    return _imperative(verb)


_HEAD = re.compile(r"(?:^|[.!?:;,(>«]\s*|\bpuis\s+|\bet\s+|\bou\s+)$")
_RDV = "\x00rdv\x00"  # "rendez-vous" the noun ("prendre rendez-vous"), kept out of the rewrite


def _shield_appointments(text: str) -> str:
    return re.sub(r"\b([Rr])endez-vous\b",
                  lambda m: m.group(0) if _HEAD.search(text, max(0, m.start() - 16), m.start())
                  else m.group(1) + _RDV, text)


def tutoyer(text: str) -> str:
    """``text`` with "tu" for "vous"; ``text`` unchanged when any form is unknown."""
    if not re.search(r"\b(vous|votre|vos|faites|dites|êtes)\b|ez\b", text, re.IGNORECASE):
        return text
    text = re.sub(r"\b([Vv])ous-même\b", lambda m: ("T" if m.group(1) == "V" else "t") + "oi-même", text)
    try:
        out = _rewrite(text)
    except _Unknown:
        return text
    if _left_over(out):
        return text  # a second person the rules did not reach
    return out.replace(_RDV, "endez-vous")


def _left_over(text: str) -> list[str]:
    """The second-person forms still in ``text``."""
    return (re.findall(r"\b(?:vous|votre|vos|êtes|faites|dites)\b", text, re.IGNORECASE)
            + [w for w in re.findall(r"\b\w+ez\b", text) if w.lower() not in _NOT_VERBS])


# what the rules here do not rewrite, so that the text stays as written: a pronominal verb ("vous vous
# connectez"), a negated imperative ("ne vous inquiétez pas"), "vous-même"
_REFUSED = re.compile(r"\b(vous\s+vous|ne\s+vous\s+\w+ez|vous-mêmes?)\b", re.IGNORECASE)
_INFINITIVE = re.compile(r"^\w+(er|ir|re|oir)$")


def _question_follows(text: str, end: int) -> bool:
    """Whether the sentence holding position ``end`` is a question ("Pouvez-vous…?" is no imperative)."""
    stop = re.search(r"[.!?]", text[end: end + 300])
    return stop is not None and stop.group(0) == "?"


def _imperative_reflexive(text: str, m: re.Match[str]) -> str:
    if _question_follows(text, m.end()):
        raise _Unknown(m.group(2))  # an inversion: "Pouvez-vous…?"
    return m.group(1) + _imperative(m.group(2)) + "-toi"


def _imperative_with(m: re.Match[str]) -> str:
    form = _imperative(m.group(1))
    # "parlez-en" → "parles-en", "allez-y" → "vas-y"
    return form + ("s" if m.group(2) in ("en", "y") and form.endswith(("e", "a")) else "") + "-" + m.group(2)


# words after "sur vous", "pour vous" that end as an infinitive does and are none: determiners, a few nouns
_LOOKS_INFINITIVE = frozenset("notre votre leur autre premier dernier entier dossier courrier particulier "
                              "plaisir soir espoir".split())


def _after_preposition(m: re.Match[str]) -> str:
    """"pour vous" → "pour toi"; but "pour vous aider" → "pour t'aider": "vous" the infinitive's object."""
    following = m.group(2) or ""
    if (following and _INFINITIVE.match(following.strip().lower())
            and following.strip().lower() not in _LOOKS_INFINITIVE):  # "gardez sur vous notre numéro": "toi notre"
        word = following.strip()
        return m.group(1) + (" t'" if _VOWEL.match(word) else " te ") + word
    return m.group(1) + " toi" + following


def _rewrite(text: str) -> str:
    """Every rule in turn; raises ``_Unknown`` at a form the tables do not know."""
    if _REFUSED.search(text):
        raise _Unknown("a pronominal or negated form")
    out = re.sub(rf"\b(votre|Votre)\s+({_WORD})", _possessive, _shield_appointments(text))
    out = re.sub(r"\b(vos)\b", lambda m: _case(m.group(1), "tes"), out, flags=re.IGNORECASE)
    # imperatives with a pronoun: "rendez-vous" → "rends-toi", "contactez-nous", "activez-la"
    out = re.sub(r"(^|[.!?:;,(>«]\s*|\bpuis\s+|\bet\s+|\bou\s+)(\w+ez)-vous\b",
                 lambda m: _imperative_reflexive(out, m), out)
    out = re.sub(r"\b(\w+ez)-(nous|le|la|les|lui|leur|en|y)\b", _imperative_with, out)
    # "vous" the subject: the verb after it (and its negation or clitic) ends in -ez, or is êtes/faites/dites
    out = re.sub(r"(?<!-)\b(vous|Vous)\s+(ne\s+|n[’']\s*)?((?:en|y|le|la|les|lui|leur)\s+|l[’']\s*)?"
                 r"(\w*ez|êtes|faites|dites)\b", _subject, out)
    # "vous" after a preposition: "pour vous", "avec vous", "chez vous"; "pour vous aider"
    out = re.sub(r"\b(pour|avec|chez|à|sans|par|de|près de|auprès de|devant|derrière|vers|envers|contre|sur|sous|"
                 r"entre|selon|comme|que|sauf)\s+vous\b(\s+\w+)?", _after_preposition, out)
    # "vous" the object of another verb: "nous vous répondons", "il vous est demandé", "vous permet"
    out = re.sub(rf"(?<!-)\b(vous|Vous)\s+({_WORD})", _object, out)
    # imperatives left: a sentence-initial or clause-initial -ez word
    out = re.sub(r"(^|[.!?:;,(>«]\s*|\bet\s+|\bpuis\s+|\bou\s+|\bmais\s+|\bsinon\s+|\balors\s+)"
                 r"(\w+ez|[Ff]aites|[Dd]ites)\b",
                 lambda m: m.group(1) + _after(out, m), out)
    return out
