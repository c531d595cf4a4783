"""French as it is texted, spelled out: "jai plus de data", "ma cb passe plus", "on ma appelé".

On a phone, French loses its apostrophes and shortens its words: "jai" for "j'ai", "cest" for "c'est",
"mdp" for "mot de passe", "cb" (carte bancaire) for the card. The encoders read these as other words ("jai plus
de data" finds the English data article first; "cb" is nothing), and the patterns of
``assistant.intents`` (a scam call, a card not working) miss them. ``spell_out`` writes them in full,
before a message is searched and before it is read. Only words no English message would use alone:
"ya" ("see ya"), "jen" (a name) and "c" only before the French words that follow them ("ya des frais ?", "jen
rachete", "c gratuit ?"); "cb" is "combien" where a price or a count is asked ("ça coûte cb", "cb de temps"),
the card elsewhere; never "t".
"""
from __future__ import annotations

import re
import unicodedata

_WORDS = {
    # glued elisions
    "jai": "j'ai", "javais": "j'avais", "jaurais": "j'aurais", "jaimerais": "j'aimerais", "jarrive": "j'arrive",
    "jarrivais": "j'arrivais", "jessaie": "j'essaie", "jessaye": "j'essaye", "jattends": "j'attends",
    "jutilise": "j'utilise", "jhabite": "j'habite", "jy": "j'y", "cest": "c'est", "cetait": "c'était",
    "quil": "qu'il", "quon": "qu'on", "jcomprends": "je comprends", "jsuis": "je suis", "chuis": "je suis",
    "jveux": "je veux", "jpeux": "je peux", "jvais": "je vais", "jvois": "je vois", "jsais": "je sais",
    "jcrois": "je crois", "jdois": "je dois", "jpense": "je pense", "jcomprend": "je comprends", "jfais": "je fais",
    "jfait": "je fais", "jlui": "je lui", "jleur": "je leur", "jlai": "je l'ai", "jles": "je les",
    "jme": "je me", "jte": "je te", "qqn": "quelqu'un", "qqun": "quelqu'un",
    # texting
    "pq": "pourquoi", "pk": "pourquoi", "pcq": "parce que", "bjr": "bonjour", "slt": "salut", "bcp": "beaucoup",
    "qd": "quand", "pr": "pour", "jsp": "je ne sais pas", "cmb": "combien", "dsl": "désolé", "tjrs": "toujours",
    "tjs": "toujours", "tjr": "toujours", "koi": "quoi", "mdp": "mot de passe", "cb": "carte", "ds": "dans",
    "tt": "tout", "rdv": "rendez-vous", "msg": "message", "qqch": "quelque chose",
    # breakfast as it is said: "le petit dej c'est combien ?", "pdj inclus ?"
    "pdj": "petit-déjeuner", "petit dej": "petit-déjeuner", "petit déj": "petit-déjeuner", "ptit dej": "petit-déjeuner",
    "ptit déj": "petit-déjeuner", "p'tit dej": "petit-déjeuner", "p'tit déj": "petit-déjeuner",
    "pti dej": "petit-déjeuner", "petit-dej": "petit-déjeuner", "petit-déj": "petit-déjeuner",
    # an article or "de" glued to a noun or a verb that opens on a vowel: "passer a lesim", "jai plus dargent"
    "lesim": "l'eSIM", "lappli": "l'appli", "lapplication": "l'application", "largent": "l'argent",
    "lactiver": "l'activer", "lannuler": "l'annuler", "lopposition": "l'opposition", "letranger": "l'étranger",
    "lagence": "l'agence", "labonnement": "l'abonnement", "dargent": "d'argent", "nimporte": "n'importe",
    "narrive": "n'arrive", "lecran": "l'écran", "lactivation": "l'activation",
}
_WORD = re.compile(r"(?<![\w'’./=&?@#^-])(" + "|".join(sorted(_WORDS, key=len, reverse=True))
                   + r")(?![\w'’/=&@-]|\.\w)", re.IGNORECASE)
# "on ma appelé", "il ma dit", "elle ta envoyé": "m'a", "t'a" before what was done to them
_HAS_DONE = re.compile(
    r"(?<![\w'’-])([mt])a (?=(?:appel|dit|envoy|bloqu|prelev|prélev|refus|contact|repondu|répondu|"
    r"vol|pris|debit|débit|arnaqu|escroqu|pirat|hack|rappel|menac|oblig|expliqu|promis)\w*)"
    # "ma demande", "ma facture", "ma proposition", "ma conseillère" are nouns ("où en est ma demande ?"); "il ma
    # demandé", "on ma facturé", "elle ma proposé" are done to them: these only after the one who did it
    r"|(?<![\w'’-])(il|elle|on|ils|elles|qui|ça|ca|cela|quelqu'un|quelqu’un|personne|conseiller|conseillère|"
    r"conseillere|banque|appli|site|sms|mail|message|gars|mec|type|homme|femme|monsieur|madame|vendeur|vendeuse|"
    r"vous|agence|opérateur|operateur) ([mt])a (?=(?:demand|factur|propos|conseill(?!er\b|ere|ère|ers\b))\w*)",
    re.IGNORECASE)


# "c gratuit ?", "c combien", "jen rachete", "ya des frais ?": "c'est", "j'en", "il y a" before the French words
# that follow them, and only there ("c" and "jen" alone may be anything)
_BEFORE = re.compile(
    r"(?<![\w'’.-])(?:(c)(?= (?:gratuit|payant|combien|quoi|koi|bon|pas|normal|possible|grave|nul|long|cher|ou|quand|"
    r"comment|fait|urgent|bloqu\w*|moi|toi|vous|la|le|un|une|mon|ma|ton|ta|mes|tes|trop|super|top|mort|fini|"
    r"reglé|regle|ok|tout)\b)|"
    r"(jen)(?= (?:ai|avais|veux|voudrais|peux|rachete|rachète|achete|achète|recois|reçois|prends|"
    r"prend|commande|reprends|remets|refais|demande)\b)|(ya)(?= (?:des|un|une|pas|plus|moyen|quoi|encore|toujours|"
    r"rien|combien|un probleme|de|du|d'|eu)\b))", re.IGNORECASE)
_SAID = {"c": "c'est", "jen": "j'en", "ya": "il y a"}
# "ca coute cb la nouvelle", "c cb", "cb de temps": "combien", where a price or a count is asked ("ma cb": the card)
_CB_HOW = re.compile(r"(?<![\w'’-])(?:(?<=cout[eé] )|(?<=co[uû]te )|(?<=coutent )|(?<=co[uû]tent )|(?<=fait )|"
                     r"(?<=c )|(?<=c'est )|(?<=cest )|(?<=en )|(?<=paye )|(?<=payer )|(?<=reste ))cb\b(?!\w)"
                     r"|(?<![\w'’-])cb(?= (?:de |d'|d’)(?:temps|jours?|frais|fois|mois|euros|argent|€))"
                     # "cb coute une esim ?", "cb ca coute", "cb je dois payer": asked first; not "ma cb coûte 3 €"
                     r"|(?<![\w'’-])(?<!ma )(?<!ta )(?<!sa )(?<!la )(?<!une )(?<!votre )"
                     r"cb(?= (?:co[uû]te(?:nt)?|ca co[uû]te|ça co[uû]te|vaut|valent|je (?:dois|paye|paie)"
                     r"|il (?:faut|reste)|on (?:paye|paie))\b)", re.IGNORECASE)
_TEL = re.compile(r"(?<![\w'’-])(mon|ton|son|le|au|du|sur|par|un|nouveau) tel\b(?![.:/])", re.IGNORECASE)  # "mon tel"
_IL_YA = re.compile(r"(?<![\w'’-])(il|y) ya\b", re.IGNORECASE)  # "il ya un problème", "y ya": "il y a"


def unaccented(text: str) -> str:
    """Lower case, no accents, straight apostrophes: "Prêt immobilier d’un ami" → "pret immobilier d'un ami"."""
    text = text.lower()
    if text.isascii():
        return text
    text = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in text if not unicodedata.combining(ch)).replace("\u2019", "'")


_LETTERS = re.compile(r"[a-z]+")
# the words that may open a key: a key of one word itself, and the longer words of the others ("petit dej": "petit")
_KEYS = frozenset(key for key in _WORDS if _LETTERS.fullmatch(key)) | frozenset(
    w for key in _WORDS if not _LETTERS.fullmatch(key) for w in _LETTERS.findall(key) if len(w) >= 3)


# French words a customer types without their accents ("resilier", "prelevement", "etranger"), for a knowledge base
# that never writes them (its articles in English): the multilingual encoder reads "je veux resilier" as little
# more than noise (0.20 to "How do I cancel my subscription?"; 0.44 typed "résilier"). Not a word whose plain form is
# a word of its own, English or French ("crédit", "téléphone", "sûr", "où"; "bloqué" beside "je bloque", and so no
# participle in "é" but of a noun: "santé", "sécurité").
_ACCENTED = """
abîmée acceptée accessibilité accéder activée adhérent adhérente adhésion aéroport amérique annulée août aperçu
appelée après arrêt arrêter arrêtée arrière arrivée assurée avalée âgée bébé bénéfice bénéficiaire bénéficiaires
bénéficier bientôt bloquée bloquées bloqués carrément cassée célibataire cérémonie chéquier clé clés clôturer
coincée complètement conformément congé congés connectée conseillère contestée contrôle contrôler contrôleur coupée
coût coûte coûtent coûter coûts créancier créateur créditée créer créée créneau ça deuxième débiter débitée débités
débloquer débloquée décès décédé décédée déclarer déclarée décompte déconnectée découvert déçu déçue défectueuse
défectueux dégât dégâts délai délais démarche démarches démarrer déménagement déménager déménagée démission
dénoncer dépannage dépanneuse dépassement dépense dépenses déplacement déposer dépôts désabonnement désabonner
désactiver désespérée désinscription désinscrire désinstaller désolé désolée détruit développement différente
difficulté difficultés durée effectuée endommagée enregistrée envoyée erronée espèce espèces européen européenne
exonération expédiée expirée échanger échec échéance échéances échéancier échouée école écran écrire écrit
électricité électrique électronique élevée énergie énervée épargne épouse époux équipe équipement étape étapes état
états éteint été étranger étrangère étude étudiant étudiante éventuel événement être facturée fâchée fenêtre fermée
février fidélité frère fréquence gelée gelées générale gérer gratuité grève grèves hameçonnage héritier
hospitalisée hôpital illimité illimitée immédiat immédiatement impayés impôt impôts indemnisée indemnité inégalité
inquiète intérêt intérêts irrégularité itinérance journée légale liée livrée mariée maternité mensualité
mensualités mécanicien médecin médiateur médicale médicaments mobilité modalités modèle modifiée numéro numéros
obsèques opérateur oubliée ouvrés père pénalité pénalités période périodes pétée piratée plutôt portabilité
possibilité préavis précédente préciser précisément prélever prélevée prélevés prélèvement prélèvements prévenir
prévu prévue prêt prêts priorité problème problèmes propriétaire protégée publicité qualité recommandée reçois
reçoit reçoivent reçu reçue reçus refusée relevés remboursée remboursées remboursés responsabilité retrouvée
règlement réactiver réclamation réclamations récupérer réduite réelle rééditer réémettre régler réglée
régularisation régulariser réinitialisation réinitialiser réinstaller rémunération réparation réparer réponde
répondre répondu réponse réponses réseau réseaux réserver réservée résiliation résilier résiliée résolu résolue
résoudre résultat rétabli rétablie rétablir rétractation rétracter réveil santé sécuriser sécurisée sécurité séjour
société supérieur supplémentaire système télécharger téléphonique témoin très utilisée validée verrouillée véhicule
vélo vérifier vérifiée voilà volée
"""
FRENCH_ACCENTS: dict[str, str] = {unaccented(w): w for w in _ACCENTED.split()}


def spell_out(text: str) -> str:
    """``text`` with French texting written in full ("jai" → "j'ai", "mdp" → "mot de passe").

    Each pattern runs only where the words it writes out are there at all: they open on a look-behind, which
    the regular-expression engine tries at every character, and most messages hold none of them (a turn
    reads its message and those before it many times)."""
    low = text.lower()
    if "ma " in low or "ta " in low:
        text = _HAS_DONE.sub(lambda m: m.group(1) + "'a " if m.group(1) else f"{m.group(2)} {m.group(3)}'a ", text)
    if "ya" in low:
        text = _IL_YA.sub(r"\1 y a", text)
    if "tel" in low:
        text = _TEL.sub(r"\1 téléphone", text)
    if "cb" in low:
        text = _CB_HOW.sub("combien", text)
    if "c " in low or "jen" in low or "ya" in low:
        text = _BEFORE.sub(lambda m: _SAID[next(g for g in m.groups() if g).lower()], text)
    if _KEYS.isdisjoint(_LETTERS.findall(text.lower())):
        return text
    return _WORD.sub(lambda m: _WORDS[m.group(1).lower()], text)
