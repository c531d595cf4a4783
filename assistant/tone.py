"""How to say it: formality, empathy, brevity and urgency, chosen per turn.

The policy and the words live in configs/tone.toml. ``choose`` returns a Tone
with the reasons behind each choice (``reply.tone`` shows them);
``Tone.words`` gives the phrases for that register.
"""
from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, cast

from assistant.intents import asks_meanwhile, asks_what_if, elliptical, fold, reports_trouble
from assistant.places import EU, countries_named, names_the_rest, regions_named, zones_named
from assistant.screening import screen_all
from handoff.rules import load_rules, over, read_toml

# a sentence ends at . ! ? … and the next begins with no lower-case letter: "tap Forgot password? on the
# login screen", "e.g. a loan" go on
# a sentence ends at a stop before a capital or a figure; not at an abbreviation's ("Rs. 1,000", "Mr. Smith", "e.g.")
_SENTENCE = re.compile(r"(?<=[.!?…])" + "".join(rf"(?<!\b{re.escape(a)})" for a in (
    "Rs.", "rs.", "Re.", "Mr.", "Mrs.", "Ms.", "Dr.", "St.", "No.", "no.", "Nos.", "vs.", "e.g.", "i.e.", "approx.",
    "Inc.", "Ltd.", "Co.", "Mme.", "Mlle.", "Me.", "p.a.", "Av.", "av.", "Bd.", "env.", "cf.", "Cf.", "art.",
    "Art.", "excl.", "incl.", "Excl.", "Incl.", "tel.", "Tel.", "tél.", "Tél.", "n°.", "ex.", "Ex.",
    "hors-tx.", "M.")) + (
    # nor after a list's number ("Vérifiez d'abord : 1. Vos voisins… 2. Le gardien…": the item goes with its number)
    r"(?<!: \d\.)(?<!: \d\d\.)(?<!^\d\.)(?<![.!?…] \d\.)(?<![.!?…] \d\d\.)") + (
    r"\s+(?![a-zß-öø-ÿ»”)\]])"))  # not inside a quote: "« Mot de passe oublié ? » sur la page…"
_WORDS = re.compile(r"[^\W\d_]{4,}")
# what tells the customer what to do: a path in the app, an imperative to go somewhere or call
_STEPS = re.compile(r"\w\s*>\s*\w|\b(go to|tap|open|call|in the app|allez|appuyez|ouvrez|appelez|"
                    r"dans l'application|dans l'appli|rubrique|by (?:calling|uploading|visiting|sending|writing)|"
                    # "Vous pouvez nous signaler un décès en appelant…, ou en déposant les documents sur…"
                    r"en (?:appelant|d[ée]posant|envoyant|vous rendant|contactant|[ée]crivant|t[ée]l[ée]chargeant))\b",
                    re.IGNORECASE)
# a path in the app: "Paiements > Historique > sélectionnez le virement"
_PATH = re.compile(r"\w\s*>\s*\w")
# a sentence that needs the one before it: "From the same screen you can…", "Most of these…", "Ensuite…"
_LEANS_BACK = re.compile(r"^\W*(from (the same|this|that|there)\b|(the|this|that) same\b|this\b|that\b|these\b|"
                         r"those\b|(most|some|all|none|each) of (these|those|them)\b|if so\b|otherwise\b|"
                         r"depuis (cet|ce|le meme|la meme)\b|(au|du) meme (endroit|ecran)\b|dans ce cas\b|sinon\b|"
                         r"cela\b|ceci\b|ce\b|cet\b|cette\b|ces\b|"
                         # "L'application affiche alors un bandeau…", "We then ask the merchant's bank…": after what
                         r"then\b|(?:[\w'-]+ ){1,3}(?:alors(?! que)|then)\b|"
                         # "Pour la débloquer, allez…", "To unblock it, go…": the card of the sentence before
                         r"pour (?:la|le|les|l') ?\w+\W|to \w+ (?:it|them)\W|"
                         # "If that time runs out, the payment fails", "Si ce délai est dépassé…": of the one before
                         r"(?:if|when|once|si|quand|une fois) (?:that|this|these|those|ce|cet|cette|ces|cela|ceci)\b|"
                         # "Il est gratuit…", "It is free…": a pronoun whose noun is in the sentence before;
                         # not "Il est possible de…", which stands alone
                         r"(il|elle|ils|elles) (est|sont) (gratuit|payant|disponible|valable|limite|plafonne|"
                         r"facture|credite|bloque|actif|active|immediat|propose)\w*\b|"
                         r"(it|they) (is|are|'s|'re) (free|charged|available|valid|limited|capped|credited|blocked|"
                         r"active|instant|offered)\b)")
_WHAT_IS = re.compile(r"\b(c'est quoi|qu'est-ce qu\w*|what is|what's|what are|que veut dire|what does .* mean)\b")
# where a thing is ("où est le défibrillateur ?"): the sentence that names it, not the steps beside it
_WHERE_IS = re.compile(r"\b(?:where(?: is| are|'s|s)|ou (?:est|sont|se trouve\w*))\s+"
                       r"(?!my\b|our\b|mon\b|ma\b|mes\b|notre\b|nos\b|-ce\b)")
_HOW = re.compile(r"\b(how(?! (long|much|many|often|soon|old|far)\b)|where|comment|ou|what (should|do|can|must) (i|we) "
                  r"do|what now|faire|fais quoi|steps|etapes)\b")
# "can I take the money out whenever?": whether, more than how; the steps only a little ahead
_CAN = re.compile(r"\b(can i|could i|puis-je|est-ce que je peux|je peux)\b")
# asked why ("Pourquoi ma carte a-t-elle été refusée ?"): the sentence that gives the reasons, short or not
_WHY_ASKED = re.compile(r"\b(why|how come|pourquoi|comment ca se fait|comment se fait-il)\b")
_GIVES_REASONS = re.compile(r"\b(reasons|because|due to|caused by|raisons|parce que|en raison d|a cause d|one of these|"
                            r"l'une des)\b")
_WHY_WEIGHT = 2.0


def without_why(question: str) -> str:
    """``question`` without its "why" ("pourquoi", "how come"): asked why when the answer already says why."""
    return " ".join(_WHY_ASKED.sub(" ", fold(question)).split()) if question else question
# "how much does it cost?", "combien de temps ?": the sentences with a price, or with a time, answer it
_ASKS_PRICE = re.compile(r"\b(how much(?! time)|"
                         # (not a count of things: "je peux emprunter combien de livres ?", "combien de points")
                         r"combien(?!\s+(?:de\b|d')\s*(?!(?:frais|euros?|argent|sous|fric|plus|moins|supplement)\b)\w)|"
                         r"cost|costs|price|prix|tarif\w*|fee|fees|frais|"
                         r"coute\w*|payant\w*|gratuit\w*|free|charged?|cheap\w*|moins chere?s?|less expensive|"
                         r"lowest price|meilleur prix|plus abordable|"
                         # a sum one is owed: "what compensation am I entitled to?", "j'ai droit à quoi ?"
                         r"what compensation|how much compensation|entitled to (?:what|how much)|"
                         r"(?:what|how much)(?: \w+){0,3} (?:am i|are we|i'?m|we'?re) entitled|"
                         r"(?:ai|a|avons|aurai) droit a (?:quoi|combien|quelle (?:indemni\w*|compensation|somme))|"
                         r"(?:quelle|combien d') ?(?:indemnisation|indemnite|compensation)|"
                         # "do i have to pay for the new one?", "je paie la nouvelle carte ?", "faut-il payer ?"
                         r"(?:do|will|would) (?:i|we) (?:have|need) to pay|je (?:paie|paye) (?:la|le|les)|"
                         r"faut(?:-il| il) payer|est-ce que je (?:dois )?(?:paie|paye|payer)|"
                         # "who pays", "et qui paie ?" asked: what it costs, and to whom (not "my dad is the one
                         # who pays the bill")
                         r"^\W*(?:(?:and|so|but|et|alors|mais|du coup|ok)\W+)*(?:who (?:pays|is paying|has to pay)|"
                         r"qui (?:paie|paye|doit payer)))\b")
# not "whenever I want": "je peux retirer quand je veux ?" asks whether, not when
_ASKS_TIME = re.compile(r"\b(how long|how much time|how quickly|how fast|combien de temps|what day|which day|"
                        r"quel jour|quelle date|a quelle date|"
                        # "jusqu'à quelle heure ?", "jusqua quel heure", "until what time", "by what time"
                        r"(?:a|jusqu'a|jusqua|jusque|avant|vers|until|till|by|at) (?:quel|quelle|what) (?:heure|time)|"
                        r"what time|quelle heure|"
                        r"when(?! i (?:want|like|need))|"
                        r"quand(?! (?:je|on|tu|vous) (?:veux|veut|veulent|voulez|souhaite|souhaitez|le souhaite|"
                        r"en ai besoin|le veux|le veut))|delai\w*|how soon|d'ici quand|"
                        # "how many weeks did he say?", "combien de jours ouvrés ?"
                        r"how many (?:\w+ )?(?:days|weeks|months|hours|minutes)|"
                        r"combien de (?:jours?|semaines?|mois|heures?|minutes?)|"
                        # "c long pour la nouvelle ?", "ça prend longtemps ?", "does it take long?"
                        r"(?:c'est|c|est-ce|is it|will it be) (?:long|rapide|quick)|longtemps|takes? long)\b")
# a price in any currency a knowledge base writes: "€15", "Rs. 50", "INR 1,000", "15 euros", "₹500", "100 CHF"
_MONEY = (r"[€$£₹¥]|\b(?:rs|inr|usd|eur|gbp|chf|cad|aud|mad)\.? ?\d|\d ?(?:euros?|dollars?|rupees?|pounds?|inr|usd|"
          r"eur|gbp|chf|cad|aud|dirhams?|francs?)\b|\brupees?\b|\blakhs?\b")
# (a share of a price is one too: "1/30e de votre abonnement par jour", "half the monthly fee", "au prorata"; not a
# day's "le 12/03", "24/7" nor a step's "1/3")
_PRICE = re.compile(_MONEY + r"|(?<!\d)\d+ ?%|\b(free|gratuit\w*|fees?|frais|surcout|extra cost|no cost|no charge)\b|"
                    r"(?<![\d/])\d{1,3} ?/ ?\d{1,3}(?:e|eme|th)\b|"
                    r"(?<![\d/])\d{1,3} ?/ ?\d{1,3} (?:of (?:the|your|a) |de (?:votre |ton |ta |la |l'|son |sa )?)"
                    r"(?:\w+ )?(?:price|fee|subscription|bill|amount|plan|abonnement|facture|prix|montant|mensualite|"
                    r"forfait)|"
                    r"\b(?:half (?:the|your) (?:price|fee|cost|amount|subscription|bill|monthly fee)|half price|"
                    r"la moitie (?:du prix|de la facture|du montant|de l'abonnement|du forfait)|(?:au )?pro ?rata)\b",
                    re.IGNORECASE)
# asked whether it is free, a service said to be included answers too ("Le service est inclus dans toutes les formules")
_PRICE_OR_INCLUDED = re.compile(_PRICE.pattern + r"|\b(inclus|incluse|included|offert|offerte|sans supplement|"
                                r"sans reste a charge)\b", re.IGNORECASE)
# asked "how much per day?" with no word of cost: any sum answers, a limit's too ("we reimburse them up to 50 EUR per
# day"), where a price asked ("how much does it cost per day?") is never answered by a limit
_ANY_SUM = re.compile(f"(?:{_PRICE.pattern})", re.IGNORECASE)  # (a pattern of its own: not ``_PRICE``, re's cache)
_PER_UNIT_ASKED = re.compile(r"\b(?:how much|combien)\b[^?.!]{0,15}\b(?:per|a|an|par)\s+(?:day|night|week|month|year|"
                             r"person|passenger|adult|child|kg|kilo|bag|flight|jour|nuit|semaine|mois|an|annee|"
                             r"personne|passager|adulte|enfant|valise|bagage|vol)\b")
# asked for a price or a time, a sentence that gives one counts as this many words shared: more than the
# subject's own words, which most of the article's sentences share ("How much does an international transfer
# cost?": the €15 fee, before "To send money outside the SEPA zone, go to…")
_FIGURE_WEIGHT = 2.5
# and one that gives it of the thing the question names more: "cb coûte une esim ?" is answered by "Une eSIM est
# gratuite", not by "Une carte SIM physique coûte 10 €", whose amount and word of cost would win otherwise
_SUBJECT_FIGURE = 1.5
# a word of the question a follow-up leans on, found in few of the sentences, counts as one of its own
_CONTEXT_WEIGHT = 1.0
# asked what something costs, a sentence that says what is charged ("Debit interest is charged at 14.9%", "a fee of
# €8") before one that only gives an amount ("an overdraft of up to €500")
# "how much to send money to the US", "combien pour un virement": what it costs to do it
_HOW_MUCH_TO = re.compile(r"\bhow much (?:is it |would it be )?(?:to|for) (?:send|transfer|wire|replace|order|open|"
                          r"close|call|use|activate|unblock|top up|change|get a new|a new|an? (?:transfer|card|sim|"
                          r"esim|replacement))\b|\bcombien pour (?:un|une|envoyer|virer|remplacer|commander)\b")
_COST = re.compile(r"\b(fees?|charges?|charged|costs?|interest|frais|coute\w*|tarif\w*|agios|commission\w*|"
                   r"factur\w*)\b")
# told of a trouble ("i cant log in, the sms code never arrives", "ma carte est bloquée"), the sentence that says what
# to do when it happens ("If you don't receive the confirmation text, check…") and the steps, before the background
_WHEN = re.compile(r"^\W*(if|si|when|lorsque|quand|en cas d\w*|in case)\b")
_NOT = re.compile(r"\b(pas|not|never|jamais|doesn'?t|don'?t|isn'?t|won'?t|didn'?t|n'arrive|ne marche)\b")
# a thing lost or stolen is a trouble told too: "on m'a volé mon tel, ma carte est dans apple pay, je fais quoi ?" is
# answered by "Si vous perdez votre téléphone, geler votre carte…", not by how to add the card
_LOSS = re.compile(r"\b(stolen|stole|robbed|lost|vole|volee|voles|volees|perdu|perdue|perdus|perdues|perdez|perds|"
                   r"(?:me|m'en|se) (?:faire )?voler)\b")
# a loss supposed in an article's sentence: "If you lose it, a replacement costs 10 €" (beside _LOSS's "perdez")
_LOSE = re.compile(r"\b(lose|loses|losing|perdre|perdiez|perd)\b")
# a theft told: "card stolen", "on m'a volé mon sac", "pickpocketed" (not "vol", a flight as often as a theft)
# (snatched from someone: "on m'a arraché mon sac", not "une roue arrachée", "le dentiste m'a arraché une dent", "j'ai
# arraché mon badge")
_THEFT = re.compile(r"\b(stolen|stole|robbed|pickpocket\w*|nicked|mugged|vole|volee|voles|volees|"
                    r"(?:m'a|m'ont|me l'a|me l'ont|(?:me|se|m'en) (?:suis |est |sont )?(?:fait |faite )?|"
                    r"(?:me|se) faire) ?arrach\w*(?! (?:une |la |les |des |deux )?(?:dents?|ongles?|cheveux|poils?|"
                    r"verrues?|molaires?)\b)|(?<!j'ai )(?<!je l'ai )arrach\w* (?:mon|ma|mes|son|sa|ses|des mains|"
                    r"de mes mains)|"
                    r"vol a l'arrache|cambriol\w*|braque\w*|(?:me|m'en|se) (?:faire )?voler)\b")
# the app out of reach: "i cant get into the app", "my phone was stolen too", "j'ai plus accès à l'appli" (with a loss
# told, ``shorten`` prefers the number to call)
_NO_APP = re.compile(
    r"\b(can'?t|cannot|can not|unable to|not able to|no longer|couldn'?t|won'?t let me)\s+(?:get into|get in|get on|"
    r"access|open|use)\s+(?:to )?(?:the |my |your )?(?:app|application|appli)\b|"
    r"\b(?:no|without|lost|pas d'|plus d'|sans)\s?(?:access to |acces a |acces au )?(?:the |my |l'|mon )?"
    r"(?:app|appli|application|phone|telephone|portable)\b|"
    r"\b(?:phone|telephone|portable|tel)\b(?:\s+(?:was|is|has been|got|a ete|est|too|aussi))*\s+(?:stolen|lost|"
    r"vole|perdu|nicked|dead|broken|casse|mort|hs)\b|"
    # the phone among what was taken: "my bag got stolen with my phone and my card", "volé mon sac avec ma carte et
    # mon téléphone" (not "i lost my card, how do i block it in the mobile app")
    r"\b(?:stolen|stole|lost|vole|volee|perdu)\b(?:\s+(?:my|mon|ma|mes|the|le|la|sac|bag|wallet|portefeuille|"
    r"purse|card|carte|cards|cartes|avec|with|and|et|,))*\s+(?:my |mon |the |le )?(?:phone|telephone|portable)\b|"
    r"\b(?:pas|plus) (?:d'?)?acces (?:a|au) (?:l'|mon |votre )?(?:app|appli|application|compte)\b|"
    r"\b(?:don'?t|do not|haven'?t|have not|didn'?t) (?:have|got|bring) (?:the |my )?(?:app|phone)\b|"
    r"\b(?:pas|plus) (?:l'|mon |ma )?(?:app|appli|application|telephone|portable|tel)\b (?:sur moi|avec moi)|"
    r"n'arrive (?:pas|plus) a (?:me connecter|acceder|ouvrir)|(?:je )?(?:peux|peut) (?:pas|plus) "
    r"(?:me connecter|acceder|ouvrir l'appli)")
# a sentence that reaches the company without the app: a number to call, "if you can't access the app"
_WITHOUT_APP = re.compile(r"\+\d[\d ]{6,}\d|\b(can'?t access the app|n'avez pas acces a l'application|"
                          r"n'as pas acces a l'application)\b")
_NO_APP_WEIGHT = 4.0
_IF_EVER = re.compile(r"\b(if|si|s'il|s'ils|in case|en cas d|when|whenever|lorsque|quand|cover\w*|couvr\w*|"
                      r"insurance|assurance|not|never|pas|jamais)\b")
# a sentence saying what something is ("Un prélèvement permet à une entreprise…", "An authorised overdraft lets
# you…"): background, not the answer to "how do I…" (counts this much less there)
_DEFINES = re.compile(r"^(?:un|une|le|la|l'|les|an?|the|your) [\w' -]{2,30}? (?:permet|permettent|lets|allows?|is an?|"
                      r"est une?|sont des)\b")
_DEFINES_WEIGHT = 1.5
# a step the customer tells they took ("I contacted the merchant 3 weeks ago and still no refund", "j'ai déjà appelé
# le service client, toujours rien"): the sentence telling to take it is not the answer, the one saying what to do when
# it came to nothing is (the stems a sentence names that step by, by the verb told)
# (calling or writing to someone is contacting them: "contact the merchant first" is that step too; not "e-mail",
# which a sentence names as a thing to attach: "attach receipts, emails or screenshots")
_CALLED, _WROTE = ("call", "phon", "ring", "contact"), ("writ", "messag", "contact")
_TOOK_EN = {"contacted": ("contact",), "called": _CALLED, "phoned": _CALLED, "rang": _CALLED, "emailed": _WROTE,
            "e-mailed": _WROTE, "wrote": _WROTE, "written": _WROTE, "messaged": _WROTE, "asked": ("ask", "request"),
            "restarted": ("restart", "reboot"), "reinstalled": ("reinstall",), "updated": ("updat",),
            "checked": ("check",)}
_TOOK_FR = {"contacte": ("contact",), "appele": ("appel", "telephon", "contact"),
            "telephone": ("appel", "telephon", "contact"), "ecrit": ("ecri", "messag", "contact"),
            "demande": ("demand",), "relance": ("relanc", "contact"), "redemarre": ("redemarr",),
            "reinstalle": ("reinstall",), "verifie": ("verifi",)}
# the sentences that name the step told taken, by the verb it was told with
_TAKEN = {verb: re.compile(r"\b(?:" + "|".join(stems) + ")") for verb, stems in {**_TOOK_EN, **_TOOK_FR}.items()}
_DONE = re.compile(r"\b(?:i|i'?ve|i have|we|we'?ve|we have)\s+(?:already\s+|even\s+|just\s+)?(" + "|".join(_TOOK_EN)
                   + r")\b|\b(?:j'ai|je (?:les |l'|leur |lui )?ai|on a)\s+(?:deja\s+|bien\s+|meme\s+)?"
                   r"(?:les |leur |lui )?(" + "|".join(_TOOK_FR) + r")s?\b")
# ... and that it came to nothing: "still no refund", "toujours rien", "no answer"
_CAME_TO_NOTHING = re.compile(r"\b(still|toujours|no answer|no reply|no response|nothing|rien|aucune? reponse|"
                              r"sans reponse|ignored?|ignore|pas de reponse|not answer\w*|never answer\w*)\b")
_DONE_WEIGHT = 3.0
_TROUBLE_STEPS = 1.5
_WHEN_TROUBLE = 1.5
_WHEN_TROUBLE_NAMED = 3.5
# an amount, which answers "how much?" better than "at no extra cost" does, unless "is it free?" was asked
_AMOUNT = re.compile(_MONEY + r"|\d ?%", re.IGNORECASE)
_ASKS_FREE = re.compile(r"\b(free|gratuit\w*|payant\w*|no charge)\b")
# a number in words: "two to three months", "plusieurs mois", "quelques jours"
# a count asked of a thing ("combien de séances par an ?", "how many classes can I book?"): the thing, whose number
# a sentence gives ("Formule Confort : 4 séances par an"); not a time or a price, asked otherwise
# an age told: "i'm 23", "jai 20 ans", "my son is 10"
_TELLS_AGE = re.compile(r"\b(?:(?:i'?m|im|i am|he'?s|she'?s|(?:he|she|son|daughter|kid) is) \d{1,2}"
                        r"(?: years?(?: old)?\b|(?=\s*[.!?]*\s*$))|(?:j'ai|jai|il a|elle a) \d{1,2} ans\b)")
_REFUND = re.compile(r"\b(?:rembours\w*|refund\w*|non-?refundable)\b")
# asked whether a thing is refunded: "vous les remboursez ?", "is it refundable?", "do I get the fee back?" (a question,
# not "still no refund")
_REFUND_ASKED = re.compile(r"^(?!.*\b(?:no|pas|toujours|still|never|jamais)\b[^?]{0,12}\b(?:rembours|refund))"
                           r"(?!.*\b(?:how|comment|when|quand|where)\b)"
                           r"(?=.*\?\s*$).*\b(?:rembours\w*|refundable|refunded|refund)\b")
_ASKS_COUNT = re.compile(r"\b(?:how many|combien (?:de|d')|nombre (?:de|d'))\s*([a-z]{3,})\b")
_NUMBER_WORD = (r"(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|sixty|"
                r"ninety|deux|trois|quatre|cinq|sept|huit|neuf|dix|onze|douze|quinze|vingt|trente|quarante|soixante|"
                r"several|a few|a couple of|quelques|plusieurs)")
# a day of every month: "le prélèvement a lieu le 5 ou le 15 du mois", "taken on the 5th or the 15th of the month"
_DAY_OF_MONTH = (r"\b(?:le|the|on the) \d{1,2}(?:er|st|nd|rd|th|e)?(?: (?:ou|or|et|and) (?:le |the )?\d{1,2}"
                 r"(?:er|st|nd|rd|th|e)?)? (?:du mois|de chaque mois|de ce mois|of (?:the|each|every) month)\b")
# asked when, or what day ("c prélevé quel jour ?", "what day do they take it?"), not how long: a sentence that gives a
# day ("le 5 ou le 15 du mois", "on Monday", "on 9 December") before one of a span of months
_ASKS_MOMENT = re.compile(r"\b(?:when(?! i (?:want|like|need))|quand|what day|which day|what date|which date|"
                          r"quel jour|quelle date|le combien)\b")
# the months, folded: "en juin", "le 9 décembre", "December 9th"
_MONTH_EN = r"(?:january|february|march|april|may|june|july|august|september|october|november|december)"
_MONTH = (r"(?:january|february|march|april|may|june|july|august|september|october|november|december|"
          r"janvier|fevrier|mars|avril|mai|juin|juillet|aout|septembre|octobre|novembre|decembre)")
_GIVES_DAY = re.compile(_DAY_OF_MONTH + r"|\b(?:le |on )?(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|"
                        r"lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)s?\b|"
                        r"\b\d{1,2}(?:er|st|nd|rd|th)? " + _MONTH + r"\b")
_DAY_WEIGHT = 1.0
_TIME = re.compile(r"\b(?:\d+|" + _NUMBER_WORD + r")(?: ?(?:to|a|-|ou|or) ?(?:\d+|" + _NUMBER_WORD + r"))? ?"
                   r"(?:more |extra |further |additional |autres )?"
                   r"(?:business |working |full )?(?:days?|hours?|h|minutes?|weeks?|months?|"
                   r"years?|seconds?|jours?|heures?|semaines?|mois|ans?|secondes?)\b|"
                   # "within a month", "sous un mois", "un délai d'un mois" (not "€2 a month", "10 € un mois")
                   # (and how long a thing lasts: "un avoir de 300 € valable un an", "valid for one year")
                   r"(?:\b(?:within|in|takes?|taking|about|around|under|over|after|up to|sous|dans|en|pendant|apres|"
                   r"avant|environ|jusqu'a|valid for|valid|good for|valables?) |\bd')"
                   r"(?:a|an|one|un|une|(?<!up to )(?<!jusqu'a )the) "
                   r"(?:full |whole |single )?(?:day|hour|week|"
                   r"month|year|jour|heure|semaine|mois|an|annee)\b|"
                   # when in the year: "la régularisation est envoyée en juin", "in early March"
                   r"\b(?:en|in|au mois de|courant|debut|mi|fin|early|mid|late|by|avant|d'ici) (?:-)?"
                   + _MONTH + r"\b|"
                   # a day of a month: "la réparation est prévue le 9 décembre", "on December 9th"
                   r"\b\d{1,2}(?:er|st|nd|rd|th)? " + _MONTH + r"\b|"
                   r"\b" + _MONTH_EN + r" \d{1,2}(?:st|nd|rd|th)?\b|" + _DAY_OF_MONTH + r"|"
                   r"\b(next business day|"
                   r"jour ouvre suivant|same day|le jour meme|within seconds|en quelques secondes|"
                   r"(?:with)?in (?:a few )?minutes|en quelques minutes|until the end of|"
                   r"jusqu'a la fin|end of the (?:current )?(?:billing )?month|fin du mois)\b", re.IGNORECASE)

# asked what is needed ("what documents do you need?", "quels justificatifs faut-il ?"), the sentence that says what
# counts as the figure does: "We'll need a copy of the death certificate and your ID", not "…by uploading the documents"
_ASKS_NEEDS = re.compile(
    r"\b(?:what|which) (?:documents?|papers?|paperwork|proofs?|ids?|details)\b|\bwhat (?:do|does|will|would) "
    r"(?:i|you|we) (?:need|have to (?:send|provide|bring))\b|\bwhat(?:'s| is| are) (?:needed|required)\b|"
    r"\b(?:documents?|papers?) (?:needed|required|do you need|do i need)\b|\bquel(?:le)?s? (?:documents?|papiers?|"
    r"justificatifs?|pieces?)\b|\bde quoi (?:ai-je|j'ai|avez-vous|vous avez|as-tu|tu as) besoin\b|"
    r"\b(?:que|qu'est-ce qu'il) (?:dois-je|faut-il|faut) (?:fournir|envoyer|apporter)\b|\bpieces? a fournir\b")
_GIVES_NEEDS = re.compile(
    r"\b(?:need|needs|needed|required|requires?|must provide|copy of|certificate|proof of|passport|identity|id|"
    r"justificatifs?|piece d'identite|pieces? justificatives?|certificat|acte de deces|il (?:nous )?faut|"
    r"besoin d'|copie|have ready|bring|munissez|apportez|preparez)\b")
_NEEDS_WEIGHT = 3.0

# an age, not a time something takes: "un justificatif de moins de 3 mois", "a bill less than 3 months old"
_AGE = re.compile(r"\b(?:de moins de|datant de moins de|no (?:more|older) than|not older than|issued within the last) "
                  r"\d+ ?\w+|\b(?:less than )?\d+ ?\w+ old\b|"
                  # "gratuit pour les moins de 26 ans", "free for under-26s": the customer's age
                  r"\b(?:les )?(?:moins|plus) de \d+ ans\b|\b(?:under|over|aged)[ -]\d+s?\b")


# always open, not a time something takes: "24 h/24 et 7 j/7", "open 24/7", "24 hours a day, 7 days a week"
_ALWAYS = re.compile(r"\b24 ?h? ?/ ?24\b|\b7 ?j? ?/ ?7\b|\b24/7\b|\b24 hours a day\b|\b7 days a week\b")


# a sum that is a limit, not a price: "the minimum amount … is Rs. 2 Lakhs", "limités à 1 000 €", "up to €2,500"
_LIMIT_SUM = re.compile(r"\b(?:minimum|maximum|limit\w*|plafon\w*|up to|jusqu'a|at least|au moins|ceiling|balance|"
                        r"income|revenus?|depot initial|initial deposit)\b"
                        r"(?:(?!fee|charge|cost|frais|cout|tarif|commission|payable|free|gratuit|then|puis|each|"
                        # (nor past an age: "âge minimum 19 ans, 25 EUR par jour" is a fee, not a minimum sum)
                        r"chaque|factur|paie\b|paye\b|\bpay\b|\d+ ans\b|\d+ years\b)[^.;:%€$£₹¥]){0,70}?"
                        r"(?:(?:[€$£₹¥]|\b(?:rs|inr|usd|eur|gbp|chf)\.?) ?\d[\d ,.]*\w*|\d[\d ,.]*\s?(?:[€$£₹¥]|"
                        r"(?:euros?|dollars?|rupees?|inr|usd|eur|gbp|chf|lakhs?|lacs?)\b))")


# a limit's sum over a period, then another over a period joined to it: "jusqu'à 300 € par jour et 1 000 € sur 7 jours"
# (not "up to €500 a day, and €2 per withdrawal", a fee)
_PERIOD = (r"\s*(?:(?:par|per|a|an|/|sur|over|every|chaque)\s*)?(?:\d+\s*)?(?:jours?|semaines?|mois|ans?|days?|weeks?|"
           r"months?|years?)(?: glissants?| rolling)?\b")
_SUM = r"\d{1,3}(?:[ ,.]?\d{3})*(?:[.,]\d+)?"
_AND_SUM = re.compile(r"\x00(?P<gap>" + _PERIOD + r"[^.;:%€$£₹¥\x00]{0,20}?\b(?:et|and)\s+)(?:[€$£] ?" + _SUM
                      + r"|" + _SUM + r"\s?(?:[€$£]|euros?\b|dollars?\b))(?=" + _PERIOD + r")")


def _gives(figure: re.Pattern[str], folded: str) -> bool:
    """Whether a (folded) sentence gives the figure asked for; a time, not an age nor "open 24/7"; a price, not a sum
    that is a limit ("the minimum amount is Rs. 2 Lakhs")."""
    if figure is _TIME:
        folded = _ALWAYS.sub(" ", _AGE.sub(" ", folded))
    elif figure is _PRICE or figure is _PRICE_OR_INCLUDED:
        folded = _LIMIT_SUM.sub(" \x00 ", folded)
        # and the sums a limit's goes on with: "jusqu'à 300 € par jour et 1 000 € sur 7 jours"
        while (cut := _AND_SUM.sub(" \x00 ", folded)) != folded:
            folded = cut
    return bool(figure.search(folded))


# "what's the rate?", "quel est le taux ?": a percentage answers it ("fixed rates from 4.9% APR"); not "how do I get
# a better rate?", which asks how
_WHAT_OF = r"\b(?:what|whats|which|quel\w*|c'est quoi|quoi|is there|are there|y a-t-il|il y a|any)\b[^?.!]{0,25}"
# (not an API's "rate limit": a number of requests)
_ASKS_RATE = re.compile(_WHAT_OF + r"\b(?:rates?(?![ -]?limit)|taux|apr|taeg|percentage|pourcentage)\b|"
                        r"^\W*(?:[\w'-]+\W+){0,3}(?:rates?|taux|apr|taeg)\s*\?")
_RATE = re.compile(r"(?<!\d)\d+(?:[.,]\d+)? ?%")
# "and what's the max?", "c quoi le plafond ?", "is there a limit?": an amount, a number of something ("€3,000 per
# day and 200 notes per transaction"); not "how do I raise my limit?"
_ASKS_LIMIT = re.compile(_WHAT_OF + r"\b(?:max|maximum|minimum|limits?|limites?|plafonds?|ceiling|caps?|capped)\b|"
                         r"^\W*(?:[\w'-]+\W+){0,3}(?:max|maximum|minimum|limits?|limites?|plafonds?|caps?)\s*\?|"
                         r"\bjusqu'a combien\b")
_SAYS_LIMIT = re.compile(r"\b(limit\w*|max\w*|minimum|up to|at most|capped|ceiling|plafon\w*|jusqu'a|au plus|"
                         r"no more than|pas plus de|limite\w*)\b")
_LIMIT = re.compile(_MONEY + r"|\d[\d,. ]* ?(?:[a-z]+ per (?:day|week|month|transaction)\b|"
                    r"(?:par|/) ?(?:jour|semaine|mois|operation|transaction)\b)", re.IGNORECASE)
_NAMES_LIMIT = re.compile(r"\b(plafonds?|limits?|limites?|max|maximum|minimum|ceiling)\b")
_PAYS = re.compile(r"\b(?:do|will|would|should) (?:i|we) (?:have to )?pay\b|\bje (?:paie|paye|vais payer|dois payer)\b")
# "how much can I borrow?", "combien je peux retirer ?": an amount allowed, a limit, not a price
_CAN_AMOUNT = re.compile(r"\bhow much (?:money )?(?:can|could|may|am i allowed to) (?:i|we|you) "
                         r"(?:borrow|withdraw|take out|send|transfer|spend|deposit|pay in|pay with|get)\b|"
                         r"\bcombien (?:d'argent )?(?:puis-je|je peux|j'peux|on peut|peut-on) "
                         r"(?:emprunter|retirer|envoyer|virer|depenser|deposer|payer)\b")


# a number to call asked for: "whats the number again", "c quoi le num", "who do I call?", "quel numéro appeler ?" (not
# the number of an account, a card, a claim: "quel est mon numéro de compte ?")
_ASKS_PHONE = re.compile(
    r"^(?!.*\b(?:numero|num|number|no) (?:de |du |d')?(?:compte|carte|cb|dossier|client|contrat|commande|sinistre|"
    r"suivi|reclamation|police|iban|rib|vol|siege|place|reservation|serie)\b)(?!.*\b(?:account|card|order|claim|policy|"
    r"tracking|reference|case|customer|flight|seat|booking|serial|iban) (?:number|no)\b)"
    r"(?:.*\b(?:what|whats|which|quel\w*|c'est quoi|c quoi|cest quoi|give me|donne[rz]?(?:-moi)?|send me)\b[^?.!]{0,25}"
    r"\b(?:phone number|number|numero|num|telephone|tel)\b|.*\b(?:number|numero|num) (?:to call|a appeler|pour "
    r"appeler|to ring|de telephone)\b|.*\b(?:who|what number) (?:do|should|can) i (?:call|ring|phone)\b|.*\bqui "
    r"(?:dois-je |je dois |faut-il |il faut |on )?(?:appeler|appelle|contacter)\b|.*\bon appelle qui\b)")
# an address to write to asked for: "c'est quoi l'adresse", "what's the address?", "à quelle adresse ?" (not one's
# own to change: "how do I change my address?")
_ASKS_ADDRESS = re.compile(r"(?:\b(?:what'?s|what is|whats|which|c'?est quoi|c quoi|cest quoi|quelle est|quelle|"
                           r"a quelle|give me|send me|donne[rz]?(?:-moi)?|to what)\s+(?:the |l'|l |leur |votre |your |"
                           r"their |cette )?(?:postal |full |exact |mailing )?(?:address|adresse)\b"
                           r"(?!\s*(?:e-?mail|mail|ip|web|internet|electronique|mac)\b)|"
                           r"^\W*(?:(?:and|et|ok)\W+)?(?:the |l'|l )?(?:address|adresse)\s*\?)")
# an address given: "12 rue des Fjords", "avenue Louise 120", "221B Baker Street"
_ADDRESS = re.compile(r"\b\d{1,4}[a-z]?,? (?:rue|avenue|av|boulevard|bd|place|chemin|allee|quai|impasse|route|street|"
                      r"road|lane)\b|\b(?:rue|avenue|boulevard|quai|chemin|allee) [a-z' -]{2,25}?\d{1,4}\b"
                      r"(?!\s*(?:pm|am|h\b|heures?|hours?|minutes?|days?|jours?|%|€|eur))")
# a number to call given: "+33 1 84 60 24 24", "0800 25 24 24", "01 23 45 67 89", "3270", "call 112"
_PHONE = re.compile(r"\+\d{1,3}(?:[ .-]?\(?\d{1,4}\)?){2,5}|(?<![\d,.])0\d(?:[ .-]?\d{2}){4}(?!\d|,\d)|"
                    r"(?<![\d,.])0 ?[89]\d{2}(?:[ .-]?\d{2,4}){2,3}(?!\d|,\d)|"
                    r"\b(?:call|ring|phone|dial|appelez|appeler|appelle|composez|au)\s+(?:the |le )?\d{2,5}\b"
                    r"(?!\s*(?:jan|feb|fev|mar|apr|avr|mai|may|jun|juin|jul|juil|aug|aou|sep|oct|nov|dec|€|e\b|eur|"
                    r"euros?|%|h\b|heures?|jours?|mois|ans?|minutes?|days?|hours?))")


# an age asked ("what's the minimum age to join?", "à partir de quel âge ?") and given ("16 or over", "dès 16 ans")
_ASKS_AGE = re.compile(r"\b(?:how old|what age|which age|minimum age|maximum age|age minimum|age max\w*|quel age|"
                       r"a partir de quel age|l'age minimum|age limite?|limite d'age|age requis|age requirement|"
                       r"age restriction)\b")
_AN_AGE = re.compile(r"\b\d{1,2} ?(?:\+|or over|or older|or above|and over|and older|and above|years? old|"
                     r"years and over|years? of age|years? or (?:over|older)|ans(?: et plus| minimum| revolus)?)(?!\w)|"
                     r"\b(?:over|under)-\d{1,2}s\b|\bdes \d{1,2} ans\b|"
                     # "minimum age 19", "âge minimum : 21 ans", "age limit of 25"
                     r"\b(?:minimum |maximum |min |max )?(?:age|ages)(?: minimum| maximum| min| max| limit| limite)?"
                     r"(?: of| de| is| est)?\s*:?\s*\d{1,2}\b|"
                     r"\b(?:over|under|at least|aged|plus de|moins de|au moins|a partir de) \d{1,2}\b"
                     r"(?! ?(?:€|eur|euros?|chf|\$|£|%|h\b|:|[.,]\d|am\b|pm\b|(?:working |business )?(?:days?|weeks?|"
                     r"months?|hours?|minutes?|jours?|semaines?|mois|heures?|an|year)\b))")


@functools.lru_cache(maxsize=4096)
def _figure_asked(folded: str) -> re.Pattern[str] | None:
    """What a (folded) question asks for: the pattern of a price, of a time, of a rate, of a limit, of an age, of a
    number to call, or None."""
    if _ASKS_AGE.search(folded):
        return _AN_AGE
    priced = _COST.search(folded) is not None or _PAYS.search(folded) is not None  # "how much do I pay over my limit?"
    if not priced and _CAN_AMOUNT.search(folded):
        return _LIMIT
    if not priced and _PER_UNIT_ASKED.search(folded):
        return _ANY_SUM  # "how much per day?": the 50 EUR a day reimbursed at most answers too
    if _ASKS_ADDRESS.search(folded):
        return _ADDRESS
    for asks, figure in ((_ASKS_PRICE, _PRICE), (_ASKS_TIME, _TIME), (_ASKS_RATE, _RATE), (_ASKS_LIMIT, _LIMIT),
                         (_ASKS_PHONE, _PHONE)):
        if asks.search(folded):
            # "elle a dit combien le plafond ?": how much the limit is, not a price
            if figure is _PRICE and _NAMES_LIMIT.search(folded) and not priced:
                return _LIMIT
            return _PRICE_OR_INCLUDED if figure is _PRICE and _ASKS_FREE.search(folded) else figure
    return None


def _count_asked(folded: str) -> re.Pattern[str] | None:
    """The pattern of a number of the thing a (folded) question asks how many of ("combien de séances par an ?": "2
    séances"), None when it asks no count (or one of days or of money, a time or a price)."""
    asked = _ASKS_COUNT.search(folded)
    if asked is None or _TIME.search(f"2 {asked.group(1)}") or _PRICE.search(f"2 {asked.group(1)}"):
        return None
    thing = _cut(asked.group(1))
    return re.compile(rf"(?<![\d,.])(?:\d+|{_NUMBER_WORD}) (?:(?!(?:euros?|eur|chf|dollars?|pounds?|par|per)\b)"
                      rf"[a-z'-]+ ){{0,2}}{re.escape(thing)}")


def giving_the_figure(question: str, sentences: list[str]) -> list[int]:
    """The sentences that give the price or time ``question`` asks for; all of them when it asks for
    neither, or none gives it."""
    figure = _figure_asked(fold(question))
    giving = [i for i, s in enumerate(sentences) if _gives(figure, fold(s))] if figure is not None else []
    if figure is _LIMIT:  # "what's the max?": "Deposits are limited to €3,000 per day", not "more than €10,000"
        giving = [i for i in giving if _SAYS_LIMIT.search(fold(sentences[i]))] or giving
    return giving or list(range(len(sentences)))


_WHY = re.compile(r"^\W*(?:(?:and|et|mais|but|ok|so|alors|donc)\W+)*(?:why|pourquoi|pq|how come|comment ca se fait)\b")
_GIVES_REASON = re.compile(r"\b(reasons?|raisons?|because|parce que|parce qu'|car|due to|en raison|caused|cause|causes|"
                           r"motifs?|since|puisque)\b")


def asks_why(question: str) -> bool:
    """"why?", "why tho", "pourquoi", "how come": a question, with or without its question mark."""
    return _WHY.match(fold(question)) is not None


def giving_the_reason(question: str, sentences: list[str], among: list[int]) -> list[int]:
    """Of ``among``, the sentences that give a reason when ``question`` asks why ("pourquoi ?" after a declined
    card: "A card payment is usually declined for one of these reasons: …"); ``among`` when it does not, or none
    does."""
    if not asks_why(question):
        return among
    giving = [i for i in among if _GIVES_REASON.search(fold(sentences[i]))]
    stated = [i for i in giving if not _WHEN.match(fold(sentences[i]))]  # not "If the reason shows as…"
    return stated or giving or among


def _telling(context: str, asked: set[str], stems: list[set[str]]) -> set[str]:
    """The words of ``context`` (the questions a follow-up leans on) besides ``asked`` that tell ``stems`` (the
    sentences') apart: in at most half of them ("instantané", not "virement")."""
    return {w for w in _stems(context) - asked if 2 * sum(w in x for x in stems) <= len(stems)}


def asks_for_a_figure(question: str) -> bool:
    """Whether ``question`` asks for a price or a time ("how much does it cost?", "combien de temps ?"),
    which the sentences that give one answer (``TonePolicy.shorten``)."""
    return _figure_asked(fold(question)) is not None


_FUNCTION_WORDS = frozenset(
    "dois doit quoi fais fait faut "
    "pour avec dans sans sous vous votre vos nous notre mais donc alors comment quel quelle quels quelles cette "
    "faire peux peut pouvez veux voudrais aussi what with that this have from your yours about there their when "
    "where which would could should does into than then them they will just also more some like want need tell "
    "please merci bonjour hello thanks pourquoi whats sont etes avez anything something those these "
    "vers chez toward towards suis sera serai".split()
)


def shares_words(text: str, question: str, besides: str | None = None, *, subject: bool = False) -> bool:
    """Whether ``text`` has a content word of ``question`` (the steps aside); with ``besides``, one
    of the words ``question`` adds to it (all of them when it adds none). ``subject``: not the words of
    asking a figure ("taux" in "et les agios c quel taux" names no subject), and only the words it adds."""
    words = _stems(question)
    if subject and _figure_asked(fold(question)) is not None:
        words -= _FIGURE_WORDS
    if besides is not None:
        words = (words - _stems(besides)) or (set() if subject else words)
    return bool(words & _stems(text))


# the words of asking for a price or a time, and of pointing back at a thing: no subject of their own
# (of these, the words of asking how much or how long, not whether it is free or charged, which the sentence
# that says so shares)
_ASKING_WORDS = frozenset({"long", "take", "takes", "much", "many", "cost", "costs", "price", "combi", "coute", "temps",
                           "bout",  # "au bout de combien de temps"
                           "cheap", "cher", "chere", "expen",
                           "quand", "time", "prix", "tarif", "frais", "frai", "delai", "fees", "fee", "temp",
                           # the unit asked for: "combien par jour", "how much a month"
                           "jour", "jours", "days", "day", "mois", "moi", "month", "semai", "week", "weeks", "year",
                           "years", "annee", "heure", "hour", "hours", "minut",
                           # "how long before it works?", "combien de temps avant que ça marche ?", "until when?"
                           "befor", "avant", "until", "till"})
_FIGURE_WORDS = _ASKING_WORDS | {"free", "gratu", "payan", "charg", "arriv", "prend", "elle", "elles", "nouve", "autre",
                                 "other", "rate", "rates", "taux", "maxim", "minim", "limit", "plafo", "ceili", "quick",
                                 "fast", "optio",
                                 # "ca sera valable combien de temps ?", "how long is it valid for?"
                                 "valab", "valid", "sera",
                                 # "whats the number again", "c quoi le num"
                                 "numbe", "numer", "phone", "telep", "call", "appel",
                                 # "c'est quoi l'adresse", "what's the address?"
                                 "adres", "addre",
                                 # "jusqu'à quelle heure ?", "until when?"
                                 "jusqu", "until", "till",
                                 # "c'est combien déjà ?", "how much again?", "ça coûte combien encore ?"
                                 "deja", "again", "alrea", "encor",
                                 # "how much is mine?", "et le mien il coûte combien ?": of the thing just talked of
                                 "mine", "mien", "miens", "mienn"}


FIGURE_WORDS = _FIGURE_WORDS  # the words of asking a figure and of pointing back: no subject of their own
# the words of asking for a limit, which a sentence giving another figure may share ("80 € maximum par mois")
_LIMIT_WORDS = frozenset({"max", "maxim", "minim", "limit", "plafo", "ceili", "cap", "caps"})
ASKING_WORDS = _ASKING_WORDS  # the words of asking a price or a time alone ("combien", "how long", the unit)


def _only_a_figure(question: str) -> re.Pattern[str] | None:
    """The figure ``question`` asks for when that is all it asks ("how long does the new one take?", "la nouvelle
    coûte combien ?": no word of a subject of its own); None otherwise."""
    kind = _figure_asked(fold(question))
    if kind is _RATE:  # "what's the interest rate?": interest is what a rate is of, no subject
        question = _INTEREST.sub(" ", fold(question))
    return kind if kind is not None and not (named_things(question) - _FIGURE_WORDS) else None


_INTEREST = re.compile(r"\b(?:interest|interets?|d'interets?|annual|annuel)\b")


def asks_a_figure_only(question: str) -> bool:
    """Whether ``question`` asks only for a figure, naming no subject of its own ("is there a cheaper option?",
    "c long ?"): what it is of is what the conversation was about."""
    return _only_a_figure(question) is not None


def asks_only_for_a_figure(question: str, text: str) -> bool:
    """Whether ``question`` asks only for a price or a time, and ``text`` gives one of that kind."""
    kind = _only_a_figure(question)
    return kind is not None and _gives(kind, fold(text))


def gives_the_figure(question: str, text: str) -> bool:
    """Whether ``question`` asks for a price or a time that ``text`` gives one of."""
    kind = _figure_asked(fold(question))
    return kind is not None and _gives(kind, fold(text))


_ASKING = re.compile(r"\?|^\W*(?:\w+\W+){0,3}?(?:what|whats|how|which|is|are|do|does|can|could|will|would|combien|"
                     r"quel|quelle|quels|quelles|c'est quoi|c quoi|est-ce|y a-t-il|ya t il)\b")


_HOW_MUCH = re.compile(r"\b(?:how much|combien)\b")


def lacks_the_figure(question: str, text: str) -> bool:
    """Whether ``question`` asks for a limit, a price or a rate ("what is the limit for instant transfers?") that
    ``text`` (the whole article: any passage of it is in it) gives none of: a time is often said in words a pattern
    misses ("straight away"), so it is never said missing."""
    asked = fold(question)
    kind = _figure_asked(asked)
    if kind not in (_LIMIT, _PRICE, _RATE) or not _ASKING.search(asked):
        return False  # (nor a figure told, not asked: "I was charged twice this month, I want a refund")
    if _WHY.match(asked) and not _HOW_MUCH.search(asked):
        return False  # a reason asked: "why was I charged twice?", not how much
    if kind is _PRICE and sums_named(question) and not _HOW_MUCH.search(asked):
        return False  # a sum told and asked about: "un sms pour payer 1,99 € de frais, c'est normal ?"
    folded = fold(text)
    return not (_gives(kind, folded) or kind is _LIMIT and _NO_LIMIT.search(folded))


# a limit said to be none: "there is no limit", "unlimited", "sans plafond"
_NO_LIMIT = re.compile(r"\b(no (?:limit|maximum|minimum|cap|ceiling)|unlimited|illimite\w*|sans (?:limite|plafond)|"
                       r"aucun (?:plafond|minimum|maximum)|pas de (?:plafond|limite))\b")


def in_the_unit_asked(question: str, sentence: str) -> bool:
    """Whether ``sentence`` speaks in a unit of time ``question`` names: "how many weeks did he say?" of "It usually
    takes 4 weeks", not of "…up to 5 minutes"."""
    return bool(_units(fold(question)) & _units(fold(sentence)))


def _by_a_unit(question: str) -> tuple[re.Pattern[str], set[int]] | None:
    """The figure ``question`` asks by a unit of time, and the units: a price or a limit ("how much per day for
    data?", "c'est combien par mois ?"), not a time ("how many days?"); None otherwise."""
    folded = fold(question)
    kind, per = _figure_asked(folded), _units(folded)
    return (kind, per) if kind is not None and kind is not _TIME and per else None


def asks_by_a_unit(question: str) -> bool:
    """Whether ``question`` asks a price or a limit by a unit of time (``_by_a_unit``)."""
    return _by_a_unit(question) is not None


def gives_the_figure_per(question: str, text: str) -> bool:
    """Whether ``question`` asks a figure by a unit of time ("how much per day for data?", "combien par mois ?") and
    a sentence of ``text`` gives one of that kind by that unit ("Zone 2 … €10 per day for 500 MB"), not only a price
    ("1 GB for €3")."""
    if (asked := _by_a_unit(question)) is None:
        return False
    kind, per = asked
    return any(_gives(kind, f) and per & _units(f) for f in map(fold, split_sentences(text)))


def gives_the_figure_of(question: str, text: str, subject: str) -> bool:
    """Whether a sentence of ``text`` gives the price or time ``question`` asks for and speaks of ``subject``
    (a content word of it): "how much does it cost?" after "my transfer hasn't arrived" is answered by "…
    international transfers cost €15", not by an account's monthly fee."""
    kind = _figure_asked(fold(question))
    words = _stems(subject) - _FIGURE_WORDS
    return kind is not None and any(_gives(kind, fold(s)) and words & _stems(s) for s in split_sentences(text))


def without_the_figure(question: str) -> str:
    """``question`` without its words of asking a price or a time: "combien de temps prend un virement ?" → "de prend
    un virement ?", the subject it is of, for a search that asks another figure of it ("ça coûte combien ?")."""
    if _figure_asked(fold(question)) is None:
        return question
    return " ".join(w for w in question.split()
                    if not (m := _WORDS.search(fold(w))) or _SAME_STEM.get(_cut(m.group(0)), _cut(m.group(0)))
                    not in _ASKING_WORDS and m.group(0) not in ("long", "much", "many", "combien"))


def misses_the_figure(question: str, text: str) -> bool:
    """Whether ``question`` asks only for a price or a time ("et c'est gratuit ?", "how long does it take?")
    that ``text`` does not give: nothing of it answers."""
    kind = _only_a_figure(question)
    return kind is not None and not _gives(kind, fold(text))


def asks_what_it_is(question: str) -> bool:
    """"what is an overdraft?", "c'est quoi le 3D Secure ?": a question that names what it is about; not "what is
    the price with my discount?", which asks a figure."""
    folded = fold(question)
    return bool(_WHAT_IS.search(folded)) and _figure_asked(folded) is None


def covers(text: str, question: str, besides: str) -> bool:
    """Whether ``text`` has every content word ``question`` adds to ``besides`` (and it adds some); the
    words of asking a price or a time are not the subject ("how long does a return take?": "return")."""
    added = _stems(question) - _stems(besides)
    if _figure_asked(fold(question)) is not None:
        added -= _ASKING_WORDS
    return bool(added) and added <= _stems(text)


def words_added(question: str, besides: str) -> int:
    """How many content words ``question`` adds to ``besides``."""
    return len(_stems(question) - _stems(besides))


# French verbs whose noun is cut differently: "retirer" and "retrait", "payer" and "paiement"
_SAME_STEM = {"recev": "recu", "recoi": "recu", "recue": "recu", "recei": "recu",  # received, "reçu", "recevez"
              "retir": "retra", "payer": "paiem", "payez": "paiem", "paie": "paiem", "paye": "paiem", "virer": "virem",
              # and words for the same act: "can I increase it" of "raise them temporarily"
              "incre": "raise", "raisi": "raise", "reduc": "lower", "decre": "lower",
              # "can i pick a new pin instead" of "If you'd like to choose a new PIN"
              "pick": "choos", "picki": "choos", "chose": "choos", "choix": "chois",
              # "a normal transfer" of "a standard transfer" (not of "a standing order": "stand" is cut longer)
              "norma": "standar",
              # "je la gele" of "gelez-la", "Geler la carte" (a verb of four letters, cut to none of them)
              "gele": "geler", "gelez": "geler", "gelee": "geler", "geles": "geler",
              # "mobilité bancaire" (changing banks) is not a mobile plan's: "mobilit" apart from "mobile(s)"
              "mobilit": "mobilite", "mobiles": "mobile",
              # "nous gardons votre commande 10 jours" of "ils la gardent combien de temps ?"
              "gardo": "garde",
              # "how long until it shows on my card?" of "refunds usually appear 3 to 10 business days after…"
              "show": "appea", "showi": "appea", "shown": "appea",
              # "lost my student card" of "If you lose it, a replacement costs 10 €"; "j'ai perdu ma carte" of "en
              # cas de perte"
              "lost": "lose", "losin": "lose", "loses": "lose", "perdu": "perte", "perdue": "perte", "perdr": "perte",
              "perds": "perte",
              # "ça revient quand ?" of "le retour de l'eau est prévu à 11 h" (not "revenus", nor English "return")
              "retou": "revie",
              # "et pour mon fils ?" of "Pour les enfants de moins de 16 ans…"; "and for my daughter?" of "children"
              "fil": "enfan", "fille": "enfan", "daugh": "child", "kid": "child"}


# asked how to change, update or set a thing
_HOW_TO_CHANGE = re.compile(r"\bhow (?:do|can|should) i (?:change|update|modify|edit|set|add|replace)\b|"
                            r"\bcomment (?:je |on )?(?:change|modifie|ajoute|remplace)\w*\b|"
                            r"\bcomment (?:changer|modifier|mettre a jour|ajouter|remplacer)\b")
_ACRONYM = re.compile(r"\b[A-Z]{2,3}\b")  # "US", "UK", "ATM", "PIN": short, and words all the same


def content_stems(text: str) -> set[str]:
    """The content words of ``text``, cut as ``shares_words`` and ``covers`` compare them."""
    return _stems(text)


def gives_steps(text: str) -> bool:
    """Whether ``text`` tells the customer what to do: a path in the app, an imperative to go somewhere or call."""
    return _STEPS.search(text) is not None


def _steps_weight(steps: float, trouble: bool, shared: set[str]) -> float:
    """What a sentence with steps weighs (``shared``: the question's words it has): told of a trouble, only steps
    that name a word of it weigh fully ("Confirm the payment in the notification we sent you" is no step against "my
    card got declined")."""
    return steps if not trouble or shared else min(steps, 0.5)


def _when_trouble(shared: set[str]) -> float:
    """What a sentence that says what to do when a trouble happens weighs, told of a trouble: most when it names a
    word of it (``shared``: "If you don't receive the notification…" for "i dont get any notification on my phone")."""
    return _WHEN_TROUBLE_NAMED if shared else _WHEN_TROUBLE


def _undoes(folded: str) -> set[str]:
    """The stems of what a (folded) text's words undo: "débloquer" undoes "bloquée", "unblock" "blocked"."""
    return {w[2:7] for w in _WORDS.findall(folded) if len(w) >= 6 and w[:2] in ("de", "un")}


_LONG_PREFIXES = ("inter", "trans", "stand", "mobil", "compteu")  # (a meter, "compteur", is no account, "compte")


def _cut(word: str) -> str:
    """A word cut to five letters; a short one without its plural's "s" ("rates" meets "rate", "fees" "fee", "cards"
    "card"; not "refus", whose longer forms are cut to "refus")."""
    if 4 <= len(word) <= 5 and word[-1] == "s" and word[-2] not in "suiy":  # not "refus", "mois", "pays", "days"
        return word[:-1]
    if word.startswith(_LONG_PREFIXES):
        return word[:7]  # "interest", "intervention" and "international" are three words, not "inter"; "standard"
        # and "standing" two
    return word[:5]


def _stems(text: str) -> set[str]:
    """Content words cut to five letters, accents folded: "retraits" and "retrait" meet, and so do
    "retirer" and "retrait" (``_SAME_STEM``); and acronyms ("and to the US?")."""
    return set(_stems_of(text))


# phrases that say the same with other words, where the words alone do not ("porter plainte", "déposer plainte")
_SAME_PHRASE = re.compile(r"\b(?:port|depos)(?:er|e|es|ez|ee|ees|ons|ent)\s+plaintes?(?:\s+(?:a|au|aupres de|chez)\s+"
                          r"(?:la\s+)?(?:police|gendarmerie|commissariat))?\b")


# disagreeing with a charge, in its words: "how do i contest this", "je conteste", "If you disagree with a damage
# charge", "a dent that was ALREADY THERE" (not "content", "contenu", "contexte")
_DISPUTE = re.compile(r"\b(?:contest(?:s|ed|ing)?|contester|conteste[rzs]?|contestons|contestent|contestation|"
                      r"disagree[sd]?|disagreeing|disputes?|disputed|disputing|(?:was|were) already there|"
                      r"etait deja la|etaient deja la|existait deja)\b")
# a day of the weekend asked is of the weekend: "l'accueil est ouvert à quelle heure le samedi ?" of "le week-end de
# 10 h à 18 h", the day itself still told apart ("et le dimanche ?" of "Samedi : … Dimanche : …")
_WEEKEND = re.compile(r"\b(?:samedis?|dimanches?|saturdays?|sundays?)\b")
_WEEKEND_SPELT = re.compile(r"\bweek-ends?\b")
# giving back, and a letter: "je rends les bouteilles" of "rendez-les au livreur" (not "rendez-vous", "rendement");
# "par courrier" of "par lettre recommandée" (not "courriel")
_RENDRE = re.compile(r"\b(?:rends|rend|rendez-(?:les|le|la|lui|moi|nous))\b")
_COURRIER = re.compile(r"\bcourriers?\b")
# a thing not received, in other words: "Si l'e-mail n'arrive pas sous 15 minutes" is "j'ai rien reçu", "if the code
# doesn't arrive" is "i never got the code" (not "je n'arrive pas à me connecter", which is not managing to)
_NOT_ARRIVED = re.compile(r"\b(?:n'|ne )(?:\w+ )?arrive(?:nt)? (?:pas|jamais|toujours pas)\b(?! a\b)|"
                          r"\b(?:doesn'?t|does not|didn'?t|did not|hasn'?t|has not|haven'?t|have not|never|not) "
                          r"(?:arrive[ds]?|come|came|got|get|gotten)\b"
                          r"(?! (?:to|in|into|at|through|on|off|out|up|back)\b)")


# a bank's and a phone's things of three letters, named alone as their subject
_THREE_LETTER_THINGS = "sim|pin|rib|cvv|otp|atm|dab|sms|bic|tpe"


@functools.lru_cache(maxsize=4096)
def _stems_of(text: str) -> frozenset[str]:
    """``_stems``, once a text: an article's are asked for at every turn that may follow it up."""
    folded = _DISPUTE.sub("dispute", _SAME_PHRASE.sub("deposer plainte", fold(text)))
    folded = _RENDRE.sub("rendre", _COURRIER.sub("lettre", _WEEKEND_SPELT.sub("weekend", folded)))
    folded = _NOT_ARRIVED.sub("pas recu", folded)
    stems = {_SAME_STEM.get(w, w) for w in (_cut(w) for w in _WORDS.findall(folded) if w not in _FUNCTION_WORDS)}
    stems |= set(_SHORT_WORDS.findall(folded))  # "et pour un suv ?" of "800 EUR pour les SUV"
    return frozenset(stems | {w.lower() for w in _ACRONYM.findall(text)} if any(ch.isupper() for ch in text)
                     else stems)


# the things of three letters a question may name alone, in any case: "et pour un suv ?", "and for a van?", "c bio ?"
_SHORT_WORDS = re.compile(rf"\b({_THREE_LETTER_THINGS}|suv|van|bio|gps|gaz|eau|tva|vin|ski|bus|jus|age)\b")


# things of three letters: "et la nouvelle sim elle arrive quand ?" names its subject, as "the new card" does
_SHORT_THINGS = re.compile(rf"\b({_THREE_LETTER_THINGS})\b")


def short_things(text: str) -> set[str]:
    """The things of three letters ``text`` names, in any case ("the atm", "ma sim")."""
    return set(_SHORT_THINGS.findall(fold(text)))


def named_things(text: str) -> set[str]:
    """``content_stems``, and the things of three letters a customer types in lower case ("la nouvelle sim", "my
    pin"): what a question names, beside the words a sentence is chosen by."""
    return _stems(text) | short_things(text)


# a sentence on the product the customer holds counts as this many words shared
_HELD_WEIGHT = 2.0


def product_names(products: Sequence[str]) -> list[str]:
    """The names a customer's products go by in an article: "visa_premier" → "visa premier"."""
    return [" ".join(re.split(r"[_\s-]+", p.strip().lower())) for p in products if p.strip()]


# a product named in an article: a family and its variant in capitals ("Visa Classic", "Visa Premier"), or a variant
# and its kind ("Day Pass", "Monthly Pass"); not "The Day" of "The Day Pass"
_VARIANT = re.compile(r"\b(?!(?:The|A|An|Your|Our|This|Each|Every|Le|La|Les|Un|Une|Votre|Notre|Ce|Cette|Chaque)\b)"
                      r"([A-Z][a-z]+) ([A-Z][a-z]+)\b")
_DIGIT = re.compile(r"\d")


def _with_siblings(sentences: list[str], chosen: list[int], question: str, held: Sequence[str],
                   room: int) -> list[int]:
    """``chosen``, with the sentences on the other products of a kind when one on a product is kept and neither the
    question nor what the customer holds says which is theirs: "With a Visa Premier, the payment limit is €8,000" is
    no customer's limit until "With a Visa Classic, … €2,500" goes with it; when all fit in ``room``. Only sentences
    with figures, which differ by product ("Add to Apple Wallet" is no product of a kind beside Apple Pay)."""
    names = [{(a.lower(), b.lower()) for a, b in _VARIANT.findall(s)} if _DIGIT.search(s) else set()
             for s in sentences]
    kept = {name for i in chosen for name in names[i]}
    asked = fold(question)
    owned = product_names(held)
    added: set[int] = set()
    for family, variant in kept:
        if f"{family} {variant}" in asked:
            continue
        if not any(n.startswith(f"{family} ") for n in owned):
            added |= {j for j, other in enumerate(names)
                      if j not in chosen and any(f == family and (f, v) not in kept for f, v in other)}
        if not any(n.endswith(f" {variant}") for n in owned):  # the kind last: "Day Pass", "Monthly Pass"
            added |= {j for j, other in enumerate(names)
                      if j not in chosen and any(v == variant and (f, v) not in kept for f, v in other)}
    if not added or sum(1 + len(sentences[i]) for i in {*chosen, *added}) > room:
        return chosen
    return sorted({*chosen, *added})


# words in capitals before a product's kind that name no product of it ("The Monthly Pass", "Chaque Pass")
_NOT_A_VARIANT = frozenset("the a an your our this that each every any le la les un une votre notre ce cette chaque "
                           "monday tuesday wednesday thursday friday saturday sunday lundi mardi mercredi jeudi "
                           "vendredi samedi dimanche".split())


def of_products(sentences: list[str], held: Sequence[str], question: str) -> tuple[set[int], set[int]]:
    """The sentences that name a product the customer holds ("Visa Premier"), and those that name another of its
    kind instead: its first word, then another name in capitals ("Visa Classic"), or another name in capitals, then
    its last word ("Monthly Pass" beside the "Day Pass" held); none of either when the question names that other one
    itself ("what are the visa classic's limits?")."""
    theirs: set[int] = set()
    others: set[int] = set()
    asked = fold(question)
    folded = [fold(s) for s in sentences]
    for name in product_names(held):
        words = name.split()
        if len(words) < 2:
            continue
        first, last = words[0], words[-1]
        kinds = ((re.compile(rf"(?i:\b{re.escape(first)})\s+([A-Z][\w-]*)"), words[1], "{family} {other}", first),
                 (re.compile(rf"\b([A-Z][\w-]*)\s+{re.escape(last[0].upper())}(?i:{re.escape(last[1:])})\b"),
                  words[-2], "{other} {family}", last))
        named = re.compile(rf"\b{re.escape(name)}\b")
        for i, s in enumerate(sentences):
            if named.search(folded[i]):
                theirs.add(i)
                continue
            for kind, own, shape, family in kinds:
                for m in kind.finditer(s):
                    other = m.group(1).lower()
                    if other != own and other not in _NOT_A_VARIANT:
                        if re.search(rf"\b{re.escape(shape.format(family=family, other=other))}\b", asked) or (
                                len(other) > 3 and re.search(rf"\b{re.escape(other)}\b", asked)):
                            return set(), set()  # asked of that one ("the visa classic's limits?", "the monthly?")
                        others.add(i)
    return theirs, others - theirs


@dataclass(frozen=True)
class ToneInputs:
    language: str  # "fr" or "en" (anything else speaks English)
    channel: str
    sentiment: float
    trend: str  # falling | flat | rising
    personalized: bool  # consent given and a profile to use
    tier: str | None = None
    segment: str | None = None
    preferred_register: str | None = None  # formal | informal
    topic: str | None = None
    distress: bool = False  # the message has words of frustration or anger (assistant/intents.py)
    question: bool = False  # the message is a plain request for information (assistant/intents.py)
    mood: float | None = None  # the mean score of the trend's last messages, this one included
    raised: bool = False  # an earlier reply of the conversation raised the register for an upset customer: it holds
    stolen: bool = False  # the message tells of a theft ("card stolen and i cant get into the app"): act now
    emergency: bool = False  # a danger now ("ça sent le gaz", "water pouring from my ceiling", "il y a un blessé")
    hurt: bool = False  # of those, someone hurt ("je suis blessé à la main"): the emergency services first
    fire: bool = False  # of those, a fire ("ma lampe a pris feu"): getting out and the fire brigade first
    addressed: str | None = None  # "tu" or "vous": how the customer speaks to the bot (``register_used``), mirrored
    afraid: bool = False  # the message says the customer is afraid or worried (``tells_fear``): fear, not frustration
    animal: bool = False  # an animal in danger now (``tells_an_animal_in_danger``): every step, at once


# how a reason begins when the register was raised for an upset customer (``raised_before`` reads them back)
RAISED = "vous:"
RAISED_EN = "formal register:"


# (grouped by thousands, "2 000 €", or not, "4500 euros")
_SUM = re.compile(r"(?<![\d.,])((?:\d{1,3}(?:[ \u202f\u00a0.,]\d{3})+|\d+)(?:[.,]\d{1,2})?)\s?(?:€|euros?\b|eur\b)"
                  r"|€\s?((?:\d{1,3}(?:[ \u202f\u00a0,]\d{3})+|\d+)(?:[.,]\d{1,2})?)(?![\d.,])", re.IGNORECASE)


_UNIT = re.compile(r"\b(?:(day|days|daily|jour|jours|quotidien\w*)|(week|weeks|weekly|semaine\w*|hebdo\w*)|"
                   r"(month|months|monthly|mois|mensuel\w*)|(year|years|yearly|annual|annuel\w*|annee\w*|"
                   r"(?<=par )an|(?<=\d )ans?|(?<=\d)ans?)|(hours?|heures?)|(minutes?|mins?))\b")


def _units(folded: str) -> set[int]:
    """The units of time ``folded`` speaks of: 0 a day, 1 a week, 2 a month, 3 a year, 4 an hour, 5 a minute."""
    return {i for m in _UNIT.finditer(folded) for i, g in enumerate(m.groups()) if g}


def sums_named(text: str) -> set[str]:
    """The sums of money ``text`` names, as numbers: "8 euros", "8€" and "€8" alike ("8")."""
    return {sum_read(a or b) for a, b in _SUM.findall(text)}


def _numbers(sums: set[str]) -> list[float]:
    """The sums of ``sums_named`` that are numbers (a sum ``sum_read`` could not read stays as said)."""
    return [float(x) for x in sums if re.fullmatch(r"\d+(?:\.\d+)?", x)]


def sum_read(said: str) -> str:
    """A sum as one number: "2 000", "2,000" and "2000" alike; "8,00" and "8" alike."""
    said = re.sub(r"[ \u202f\u00a0]", "", said)
    if re.search(r"[.,]\d{3}$", said) or re.search(r"[.,]\d{3}[.,]", said):
        said = re.sub(r"[.,](?=\d{3}(?:\D|$))", "", said)  # thousands
    try:
        return f"{float(said.replace(',', '.')):g}"
    except ValueError:
        return said


def _still_sour(x: "ToneInputs") -> bool:
    """Whether the conversation's mood is still on the sour side: this message, or the last ones on average."""
    return x.sentiment < 0 or x.distress or (x.mood is not None and x.mood < 0)


def raised_before(tones: list[dict[str, Any]]) -> bool:
    """Whether one of the conversation's replies (their ``tone``, as ``Tone.as_dict`` gives it) raised the register
    for an upset customer: "vous" to a customer who chose "tu", formal English to one spoken to as a friend."""
    return any(str(r).startswith((f"{RAISED} an angry", f"{RAISED} kept", f"{RAISED} an upset", RAISED_EN))
               for t in tones if isinstance(t, dict) for r in t.get("reasons") or ())


@dataclass(frozen=True)
class Tone:
    language: str
    formality: str  # vous | tu | formal | friendly
    empathy: str  # none | acknowledge | apologise
    brevity: str  # full | short
    urgency: str  # normal | high
    personalized: bool
    reasons: tuple[str, ...]
    words: dict[str, str] = field(repr=False, compare=False, default_factory=dict)
    emergency: bool = False  # a danger told now (``tells_an_emergency``): act at once, first in the queue
    hurt: bool = False  # someone hurt now (``tells_someone_hurt``): the emergency services named first
    fire: bool = False  # a fire now (``tells_a_fire``): getting out and the fire brigade named first
    animal: bool = False  # an animal in danger now (``tells_an_animal_in_danger``): what to do at once

    def as_dict(self) -> dict[str, Any]:
        return {
            "language": self.language,
            "formality": self.formality,
            "empathy": self.empathy,
            "brevity": self.brevity,
            "urgency": self.urgency,
            "personalized": self.personalized,
            "default": not self.personalized,
            "reasons": list(self.reasons),
        }


# a sentence that opens on a place as a heading: "Belgium: delivery by bpost takes 3 to 5 business days"
# (with what the heading says of it in brackets: "Suisse (Genève et Lausanne) : …")
_HEADED = re.compile(r"^\W*[^\W\d_][^\W\d_ '’.-]*(?:[ '’.-][^\W\d_]+){0,3}(?:\s?\([^()]{1,40}\))?\s?:\s")


def countries_of_regions(regions: set[str]) -> set[str]:
    """The countries of ``regions`` (``regions_named``), without the zones ("EU", "SEPA", "ABROAD_EURO"…)."""
    return {r for r in regions if r not in ("EU", "SEPA", "EURO") and not r.startswith("ABROAD_")}


def _sections(regions: list[set[str]], sentences: list[str]) -> list[set[str]]:
    """Each sentence's places (``regions``), those of an article in sections by place ("France: … Express delivery by
    Chronopost arrives the next day… Belgium: …") given to the sentences after a heading that name none, up to the
    next heading: the express delivery is France's, not the UK's asked of (what follows the last section is the
    whole article's: "You can also write to us…")."""
    headed = [bool(named) and _HEADED.match(sentence) is not None for named, sentence in zip(regions, sentences)]
    last = max((i for i, h in enumerate(headed) if h), default=-1)
    out, heading = [], set()
    for i, (named, sentence) in enumerate(zip(regions, sentences)):
        if named:
            heading = named if headed[i] else set()
            out.append(named)
        else:
            out.append(heading if i < last else set())
    return out


def headed_section(text: str, question: str, *, other: bool = False, span: int | None = None) -> str | None:
    """The sentence of an article in sections by heading ("Formule Essentielle : 2 séances par an… Formule Confort : 4
    séances par an…") whose heading has every word ``question`` names of its own ("et pour la formule confort ?",
    "et en confort ?"); ``other``: the question asks of another case ("et pour mon collègue qui a un billet Classic
    ?"), whose words may be more than the heading's, all of whose words it names ("Classic :"); ``span``: a span of
    days the question before told ("si on annule 3 semaines avant…", then "et pour une croisière ?"), the row of that
    section's table that holds it, under the section's heading ("Croisières : Moins de 31 jours… : 100 %"), where it
    has one. None when the article has fewer than two such sentences, or none of that heading."""
    sentences = split_sentences(text)
    headed = [(i, m.group(0)) for i, x in enumerate(sentences) if (m := _HEADED.match(x)) is not None]
    if len(headed) < 2:
        return None
    asked = _stems(question) - _ASKING_WORDS
    fitting = [(i, heading) for i, heading in headed if asked and asked <= _stems(heading)]
    if not fitting and other:
        fitting = [(i, heading) for i, heading in headed
                   if (named := _stems(heading) - _ASKING_WORDS) and named <= asked]
    if len(fitting) != 1:
        return None
    first, heading = fitting[0]
    if span is not None:
        end = next((i for i, _ in headed if i > first), len(sentences))
        for i in range(first, end):
            if (found := _spans_of(fold(sentences[i]))) is not None and found[0] <= span <= found[1]:
                return sentences[i] if i == first else f"{heading.strip()} {sentences[i]}"
    return sentences[first]


_QUOTES = re.compile(r"«\s*([^»]{3,60}?)\s*»|“([^”]{3,60})”|\"([^\"]{3,60})\"")


def anticipates(text: str, message: str) -> bool:
    """Whether an article has a sentence on the trouble ``message`` tells, as a case it foresees ("If you never receive
    the code, check…" for "i never get the code"): one that opens on "if"/"si" and has two of its words, one of them
    a word of its negation when the message denies ("never", "pas")."""
    told = _stems(message)
    denied = _NOT.search(fold(message)) is not None
    for sentence in split_sentences(text):
        folded = fold(sentence)
        if (_WHEN.match(folded) and len(told & _stems(sentence)) >= 2
                and (not denied or _NOT.search(folded) is not None)):
            return True
    return False


def quoted_sentence(text: str, message: str) -> str | None:
    """The sentence of an article that quotes, as a screen or a message shows it, words ``message`` says ("ca affiche
    acces suspendu" of "Si le portique affiche un voyant rouge « Accès suspendu », votre abonnement est bloqué…"); None
    when it quotes none of them (a quote of two words at least)."""
    said = f" {' '.join(re.findall(r'[a-z0-9]+', fold(message)))} "
    for sentence in split_sentences(text):
        for m in _QUOTES.finditer(sentence):
            quote = " ".join(re.findall(r"[a-z0-9]+", fold(next(g for g in m.groups() if g))))
            if len(quote.split()) >= 2 and f" {quote} " in said:
                return sentence
    return None


def inside_zones(regions: set[str]) -> set[str]:
    """``regions`` without the world outside the zones ("ABROAD_SEPA", "ABROAD_EURO")."""
    return {r for r in regions if not r.startswith("ABROAD_")}


def split_sentences(text: str) -> list[str]:
    """``text``'s sentences, its whitespace made single."""
    return _SENTENCE.split(" ".join(text.split()))


def with_what_it_leans_on(sentences: list[str], i: int) -> str:
    """Sentence ``i``, after the one before it when it leans on it ("From the same screen…")."""
    if i > 0 and _LEANS_BACK.match(fold(sentences[i])):
        return f"{sentences[i - 1]} {sentences[i]}"
    return sentences[i]


class TonePolicy:
    def __init__(self, rules: dict[str, Any], own: dict[str, Any] | None = None) -> None:
        self.rules = rules
        self._own = own or {}  # what the company's own file says, which house words never replace

    @classmethod
    def load(cls, path: Path, defaults: Path | None = None) -> "TonePolicy":
        """The policy of ``path``; over ``defaults`` (the shipped file) when given: a company's file written for an
        earlier release still has every phrase and threshold the code asks for, its own where it has them."""
        own = defaults is not None and defaults.exists() and defaults.resolve() != path.resolve()
        return cls(load_rules(path, defaults), read_toml(path) if own else None)

    def speak_as_the_house(self, path: Path) -> None:
        """The house's phrases (a file of ``[words.<language>.<register>]`` sections: its app's screens, its fraud
        line's number; the demo bank's) in place of the defaults' of the same name, which name none; never in place
        of what the company's own tone.toml says."""
        raw = read_toml(path)
        house = raw.get("words", {})
        if isinstance(raw.get("page"), dict):  # the chat page's intro and suggested questions
            self.rules["page"] = over(over(self.rules.get("page") or {}, raw["page"]), self._own.get("page") or {})
        own = self._own.get("words") or {}
        for language, registers in house.items() if isinstance(house, dict) else ():
            for register, words in registers.items() if isinstance(registers, dict) else ():
                if isinstance(words, dict) and language in self.rules["words"]:
                    # a register the defaults lack starts from the language's first one: every phrase is said
                    base = self.rules["words"][language]
                    phrases = base.setdefault(register, dict(next(iter(base.values()))))
                    kept = (own.get(language) or {}).get(register) or {}
                    phrases.update({k: v for k, v in words.items() if isinstance(v, str) and k not in kept})

    def page(self) -> dict[str, dict[str, Any]]:
        """The chat page's own words by language (``[page.<language>]``: ``intro``, ``suggestions``, ``advisor``),
        the company's, not a bank's unless it is one."""
        out: dict[str, dict[str, Any]] = {}
        for language, words in (self.rules.get("page") or {}).items():
            if not isinstance(words, dict):
                continue
            suggestions = words.get("suggestions") or []
            out[language] = {
                "intro": str(words["intro"]) if isinstance(words.get("intro"), str) else None,
                "suggestions": [str(q) for q in suggestions if isinstance(q, str) and q.strip()][:6],
                "advisor": str(words["advisor"]) if isinstance(words.get("advisor"), str) else None,
            }
        return out

    def urgent(self, topic: str | None) -> bool:
        """Whether ``topic`` calls for urgent wording (``[urgency] urgent_topics``: fraud, vulnerability)."""
        return topic is not None and topic in self.rules["urgency"]["urgent_topics"]

    def helps_meanwhile(self, topic: str | None) -> bool:
        """Whether a handoff about ``topic`` gives, meanwhile, what the knowledge confidently says (``[urgency]
        meanwhile_topics``: a bereavement's article on a relative's account)."""
        return topic is not None and topic in self.rules["urgency"].get("meanwhile_topics", ())

    def choose(self, x: ToneInputs) -> Tone:
        r = self.rules
        reasons: list[str] = []
        e = r["empathy"]
        question_bar = float(e.get("question_below", e["apologise_below"]))
        if x.question and not x.distress and question_bar < x.sentiment <= float(e.get("distress_below", 0.0)):
            # "Hi, how do I block my lost card?" scores -0.6 from its topic's words, not its writer's mood
            reasons.append(f"calm: a plain question (sentiment {x.sentiment:+.2f} read as neutral)")
            x = replace(x, sentiment=0.0)
        lang = "fr" if x.language == "fr" else "en"
        if not x.personalized:
            reasons.append("default experience: no profile used (unknown customer, thin profile or no consent)")
        if lang == "fr":
            informal = x.personalized and (
                x.preferred_register == "informal" or (x.segment or "") in r["formality"]["informal_segments"]
            )
            # an upset customer is never tutoyé unless they chose it themselves, and a clearly angry one not even then:
            # angry in words, not only worried ("c'est grave ? qqn peut s'en servir ?" scores -0.56 and keeps "tu")
            upset_bar = float(r["formality"].get("vous_when_upset_below", -1.01))
            angry = informal and x.preferred_register == "informal" and x.sentiment <= upset_bar and x.distress
            # once raised, "vous" holds while the mood stays sour: a reply in "tu", then "vous", then "tu" again as
            # the anger comes and goes reads as a bot that cannot decide how to speak to them; calm again, "tu"
            held = informal and x.raised and not angry and _still_sour(x)
            # "tu" by segment only, to a customer not calm (``distress_below``: a damaged parcel at -0.33): "vous",
            # which holds as raised does (not "Bonjour Julien" and "vous", then "Si tu…" the message after, as the mood
            # evens out); not at a shade below zero ("je suis cliente depuis quand ?" at -0.02)
            not_calm = x.sentiment <= float(e.get("distress_below", e["acknowledge_below"]))
            cooled = informal and x.preferred_register != "informal" and not_calm and not held
            if informal and (angry or held or cooled):
                informal = False
            formality = "tu" if informal else "vous"
            if x.addressed in ("tu", "vous"):
                # "salut, tu peux me dire…", "Bonjour, pourriez-vous m'indiquer…": answered as they speak, whatever
                # the profile or the mood says
                formality = x.addressed
                reasons.append(f"{x.addressed}: the customer says {x.addressed}")
            else:
                reasons.append("tu: customer prefers informal register" if informal
                               else f"{RAISED} an angry customer (sentiment {x.sentiment:+.2f})" if angry
                               else f"{RAISED} kept since the customer was upset" if held
                               else f"{RAISED} an upset customer (sentiment {x.sentiment:+.2f})" if cooled
                               else "vous: French default register")
        else:
            formal = x.personalized and (
                x.preferred_register == "formal" or (x.tier or "") in r["formality"]["formal_tiers"]
            )
            upset = not formal and x.sentiment <= r["empathy"]["apologise_below"]
            held = x.raised and not formal and not upset and _still_sour(x)
            formality = "formal" if formal or upset or held else "friendly"
            reasons.append(f"{RAISED_EN} an upset customer (sentiment {x.sentiment:+.2f})" if upset
                           else f"{RAISED_EN} kept since the customer was upset" if held
                           else f"{formality} register" + (f" for {x.tier} tier" if formal and x.tier else ""))
        # words of distress make a milder score count ("C'est nul !"); the score alone must be clear
        bar = float(e.get("distress_below", e["acknowledge_below"])) if x.distress else float(e["acknowledge_below"])
        words_said = ", words of distress" if x.distress else ""
        empathy = "none"
        sour = float(e.get("distress_below", 0.0))  # a falling mood counts from here, this message's and the run's
        if x.sentiment <= e["apologise_below"]:
            empathy = "apologise"
            reasons.append(f"apologise: sentiment {x.sentiment:+.2f}{words_said}")
        elif x.sentiment <= bar or (x.trend == "falling" and x.sentiment <= sour
                                    and (x.mood is None or x.mood <= sour)):
            # a falling mood counts once it is on the sour side: cheerful, then a plain "et pour les retraits ?",
            # is no frustration to acknowledge
            empathy = "acknowledge"
            reasons.append(f"acknowledge: sentiment {x.sentiment:+.2f}{words_said}, trend {x.trend}")
        brevity = "full"
        short_bar = bar if x.distress else float(r["brevity"]["short_below"])
        if x.channel in r["brevity"]["short_channels"]:
            brevity = "short"
            reasons.append(f"short: {x.channel} channel")
        elif x.sentiment <= short_bar:
            brevity = "short"
            reasons.append("short: upset customer")
        urgency = "high" if self.urgent(x.topic) or x.stolen or x.emergency else "normal"
        if urgency == "high":
            reasons.append(f"urgent: {x.topic}" if self.urgent(x.topic) else "urgent: a theft" if x.stolen
                           else "urgent: a danger now")
        if x.animal:
            urgency = "high"
            reasons.append("urgent: an animal in danger")
            if brevity == "short":  # "my dog is having a seizure right now": the vet's number and every step
                brevity = "full"
                reasons.append("full: every step for an animal in danger")
            if not x.afraid:
                empathy = "none"  # no trouble to be sorry for, no frustration: what to do says it is heard
        if x.emergency and brevity == "short":
            # "odeur de gaz dans l'immeuble !!!": every step of what to do and the number to call, not the first two
            brevity = "full"
            reasons.append("full: every step in a danger")
        if x.emergency and empathy == "apologise":
            empathy = "none"  # "I'm sorry for the trouble" to someone whose home smells of gas: the urgent words say it
            reasons.append("no apology: a danger now")
        if (x.emergency or x.stolen) and empathy == "acknowledge":
            # a gas leak, a card stolen in the metro: no frustration to acknowledge, the urgent words say it is heard
            empathy = "none"
        if x.topic == "personal_data" and empathy == "acknowledge" and not x.distress:
            # "please delete all my data and stop sending me marketing emails" (-0.51 as the head hears "delete",
            # "stop"): a right exercised, no frustration to acknowledge
            empathy = "none"
            reasons.append("no acknowledgement: a request on personal data")
        words = dict(r["words"][lang]["vous" if formality == "vous" else formality if lang == "fr" else formality])
        if x.afraid and empathy != "none" and words.get("worried"):
            # "ma mère ne répond plus depuis hier, j'ai peur": worry heard, not "sorry for the inconvenience"
            words["acknowledge"] = words["apologise"] = words["worried"]
            reasons.append("worried: the customer is afraid")
        return Tone(lang, formality, empathy, brevity, urgency, x.personalized, tuple(reasons), dict(words),
                    emergency=x.emergency, hurt=x.emergency and x.hurt, fire=x.emergency and x.fire, animal=x.animal)

    def speaks(self, language: str | None) -> bool:
        """Whether the policy has words in ``language`` (a reply can be given in it)."""
        return language in self.rules["words"]

    def default_words(self, language: str | None) -> dict[str, str]:
        """The phrases of the default experience in a language: "vous" in French, friendly in English."""
        lang = "fr" if language == "fr" else "en"
        return dict(self.rules["words"][lang]["vous" if lang == "fr" else "friendly"])

    def shorten(self, text: str, question: str | None = None, *, only_relevant: bool = False,
                context: str | None = None, held: Sequence[str] = (), home: str | None = None,
                headings: str = "") -> str:
        """Whole sentences up to the short limit (at least one), in their order: the leading ones,
        or, given the customer's ``question``, those that share the most words with it, with the
        steps ("in the app, go to Payments > Direct debits") ahead of the background, and asked for
        a price or a time, those that give one. A sentence that leans on the one before it ("From the
        same screen…") comes with it or not at all. ``only_relevant``: no sentence that answers nothing
        of the question fills the room left (a follow-up on the article just given). ``context``: the question
        that ``question`` leans on ("je peux l'annuler ?" after "j'ai fait un virement instantané au mauvais
        IBAN"), whose words that few sentences have count among the sentences that share the question's own.
        ``held``: the customer's products ("visa_premier"): a sentence on the one they hold comes before, and
        instead of, one on another of its kind ("With a Visa Classic…"), unless the question names that one.
        ``home``: the country the customer lives in ("BE"), the place asked of an article in sections by country
        when neither the question nor the one it leans on names one. ``headings``: the whole article, whose headings
        (each on a line of its own) ``text``, a passage of it, may hold run into their sections."""
        limit = int(self.rules["brevity"]["short_max_chars"])
        # the article's headings, each on a line of its own ("Premium:"), not a sentence's "You choose its date:"
        heads = {" ".join(line.split()) for line in f"{text}\n{headings}".splitlines()
                 if line.strip().endswith(":") and len(line.strip()) <= _HEADING_LINE}
        text = " ".join(text.split())
        if len(text) <= limit and not (only_relevant and question):
            return text
        sentences = _SENTENCE.split(text)
        order = list(range(len(sentences)))
        scores = [0.0] * len(sentences)
        elsewhere = [False] * len(sentences)  # a sentence of places other than the one asked, when one is of it
        gives = [False] * len(sentences)  # a sentence that gives the figure asked
        if question:
            asked_how = fold(question)
            figure = _figure_asked(asked_how)
            if figure is None and context and elliptical(question) and regions_named(question):
                # "and to germany?" after "how long does it take to the US?": the same figure, of Germany (not "et pour
                # l'augmenter temporairement ?" after the card's limits, which asks how)
                figure = _figure_asked(fold(context))
            # the words of asking for the figure are not the subject: "how much does it cost?" is answered by
            # "Zone 2 … €10 per day", not by "at no extra cost"
            asked = _stems(question) - _ASKING_WORDS if figure is not None else _stems(question)
            if _WEEKEND.search(asked_how):
                asked = asked | {"weeke"}  # "le samedi ?" of "le week-end de 10 h à 18 h" too, as of "Samedi : …"
            if figure is _LIMIT and not regions_named(question):
                # "il est de combien au maximum ?" of the overdraft: its "jusqu'à 500 €", not the fee's "80 € maximum"
                asked -= _LIMIT_WORDS
            stems = [_stems(x) for x in sentences]  # once a sentence
            folds = [fold(x) for x in sentences]
            gives = [figure is not None and _gives(figure, f) for f in folds]
            # an amount the customer names ("on m'a prélevé 8 euros") is the sentence's that names it ("8 € par
            # opération")
            sums = sums_named(question)
            # the largest sum named, which a limit below it stops ("payer mon artisan, 4500 euros": "limités à 1 000 €
            # pendant les 24 premières heures")
            most = max(_numbers(sums), default=None)
            named_sums = [sums_named(x) if sums else set() for x in sentences]  # once a sentence
            # a country the question names (or the one it leans on) is the sentence's that names it ("and in the us?":
            # "Zone 1 (UK, USA…)"; "jai combien de go la bas" after Spain: "Dans l'Union européenne…")
            # (the world outside the EU tells no sentence apart here: "Outside Europe, roaming is off…" gives no price
            # of Japan's, "Zone 2 (rest of the world) €10 per day" does)
            asked_where = regions_named(question) - {"ABROAD_EU"}  # "and in Japan?": the question's own
            # or the latest place the questions leaned on named ("how much does it cost?" after "how long to Belgium?"
            # and "and for the UK?": the UK's)
            where = asked_where or next((named for said in reversed(re.split(r"[?!.]+", context or ""))
                                         if (named := regions_named(said) - {"ABROAD_EU"})), set())
            # (the headings themselves naming the countries: "France : …", not "Prix : … en France et … en Suisse")
            headings = [countries_named(m.group(0)) for s in sentences if (m := _HEADED.match(s)) is not None]
            if (not where and home and sum(1 for named in headings if named) >= 2
                    and any(home in named for named in headings)):
                # a Belgian customer's "ils sont ouverts le dimanche ?" of "France : … Belgique : …": Belgium's (its
                # own heading, not France's for the zone both are in)
                where = {home}
            regions = _sections([regions_named(f, zones_of_countries=False) - {"ABROAD_EU"} if where else set()
                                 for f in folds], sentences)
            if figure is None:
                # the world outside a zone tells apart the sentences giving a figure ("how much in japan?": "Outside the
                # eurozone … 1.5%"), not those saying what to do ("ma carte marchera au japon ?": switch payments
                # abroad on)
                asked_where, where = inside_zones(asked_where), inside_zones(where)
                regions = [inside_zones(r) for r in regions]
            # a country no sentence names is the one of "the rest of the world" ("how much in japan?": Zone 2)
            placed = any(where & r for r in regions)
            if placed and (country := countries_of_regions(where)):
                # (not one that names the zone of the country asked: "Dans l'Union européenne … comme en France" of
                # Spain)
                elsewhere = [bool(countries_of_regions(r)) and not country & r and not zones_named(s) & where
                             for r, s in zip(regions, folds)]
            per = _units(asked_how) if figure is not None else set()  # "a monthly cap": the sentence "per month"
            counted = _count_asked(asked_how) if figure is None else None
            # "jai 20 ans je peux louer ?": an age told, the sentences that give the ages ("âge minimum 21 ans")
            aged = figure is None and _TELLS_AGE.search(asked_how) is not None
            # "et mes frais d'inscription vous les remboursez ?": asked whether they are refunded, the sentence that
            # says ("Ils ne sont pas remboursables"), before the ones giving the fees' amounts
            refund = _REFUND_ASKED.search(asked_how) is not None
            moment = figure is _TIME and _ASKS_MOMENT.search(asked_how) is not None
            # of the words of the question leaned on, those that tell the sentences apart ("instantané", not
            # "virement"); for a figure asked, only when the question names nothing of its own ("et la carte arrive
            # quand ?" after opening an account is its card's delay, not the sentence with "l'ouvrir")
            # of the question's words, those that tell apart the sentences giving the figure asked ("esim" of the
            # eSIM's price and the physical SIM's; not "overdrawn" when most of them speak of the overdraft)
            giving = [x for x, g in zip(stems, gives) if g]
            naming = {w for w in asked if 2 * sum(w in x for x in giving) <= len(giving)}
            # (and when none of its words tells them apart: "how long do i wait" after "it says account temporarily
            # locked" is the lock's 30 minutes, not the text message's 2 minutes, both "wait")
            around = (_telling(context, asked, stems) if context and (figure is None or not asked or not naming)
                      else set())
            most_shared = max((len(asked & x) for x in stems), default=0)
            # of the question's words, those most of the article's sentences have count for half: "vous faites des
            # repas pour diabétique ?" is the sentence with "diabétique", not those of "repas", which all have it
            common = {w for w in asked if len(stems) >= 3 and 2 * sum(w in x for x in stems) > len(stems)}
            amount = figure is _PRICE and not _ASKS_FREE.search(asked_how)
            needs = figure is None and _ASKS_NEEDS.search(asked_how) is not None
            # "how do I…" wants the steps most; "what is…" the sentence that says what it is; "how much…" a price
            # asked what it costs ("how much will it cost me"), more than asked how much ("how much can I borrow")
            charged = 1.5 if amount and (_COST.search(asked_how) or _HOW_MUCH_TO.search(asked_how)) else 0.0
            # the trouble told in the question, or in the one it leans on ("and the card in apple pay?" after "phone
            # stolen 10 min ago!!")
            # (not a question on the meantime: "je paie comment en attendant ?" while a card has not come asks how to
            # pay meanwhile, not what to do about the card)
            # (the trouble before it, unless the question asks how to change or set a thing of its own: "How do I
            # change it?" after "my payout has been blocked" wants the steps to change the IBAN)
            how_to_change = _HOW_TO_CHANGE.search(asked_how) is not None
            trouble = figure is None and not asks_meanwhile(question) and (
                any(reports_trouble(x) or _LOSS.search(fold(x)) is not None
                    for x in (question, None if how_to_change else context) if x)
                # "et si ça arrive pas ?": a trouble supposed is one told
                or asks_what_if(question) and _NOT.search(asked_how) is not None)
            # the app out of reach (a stolen phone, "i cant get into the app"): the number to call, not the app's steps
            no_app = _NO_APP.search(asked_how) is not None and (
                _LOSS.search(asked_how) is not None or bool(context) and _LOSS.search(fold(context)) is not None)
            # a step told taken, and, when it came to nothing, the sentence of what to do then ("If the merchant doesn't
            # answer within 15 days, open a dispute" for "I contacted the merchant 3 weeks ago and still no refund")
            done = _DONE.search(asked_how) if figure is None else None
            taken = _TAKEN[done.group(1) or done.group(2)] if done is not None else None
            to_nothing = taken is not None and _CAME_TO_NOTHING.search(asked_how) is not None
            why = figure is None and _WHY_ASKED.search(asked_how) is not None
            steps = (0.0 if figure is not None else _TROUBLE_STEPS if trouble else 0.0 if _WHERE_IS.search(asked_how)
                     else 1.5 if _HOW.search(asked_how) else 0.0 if _WHAT_IS.search(asked_how)
                     else 0.75 if _CAN.search(asked_how) else 0.5)
            def where_weight(s: str, named: set[str]) -> float:
                # the sentence of the country asked of, or, asked a figure, of the rest of the world when none names
                # it ("how much does it cost?" after Japan: Zone 2); not one that names only other countries ("In the
                # EU and EEA…" for Japan)
                if not where:
                    return 0.0
                if where & named or (not placed and (figure is not None or asked_where and context)
                                     and names_the_rest(s)):
                    return _FIGURE_WEIGHT
                return -_FIGURE_WEIGHT if named else 0.0

            # asked a figure that some sentence gives, the others' words of the subject count for half: "how much to
            # send money to the US" is the sentence with "our €15 fee", not the one naming the US and the steps
            subject = 0.5 if figure is not None and any(gives) else 1.0

            def score(s: str, its: set[str], folded: str, gives: bool, named: set[str], its_sums: set[str]) -> float:
                shared = asked & its
                # the words leaned on choose among the sentences that answer the question's own words; asked only a
                # figure, among those that give it ("how long does it take?" after "how do i get an esim": the eSIM's
                # minutes, not the physical SIM's 3 days)
                # ("je peux faire quoi ?", which names nothing of its own, after "mon virement est parti sur le mauvais
                # iban": of the sentences that give steps in the app, the one of a wrong IBAN)
                # (among those that share the most of them: "Can the funeral be paid from her account?" after "How do I
                # send the death certificate?" is the funeral's sentence, not the certificate's, which shares "account")
                # ("combien ?" after "la chambre particulière c remboursé ?": of the sentences giving a price, the
                # private room's)
                # (asked how to change or set a thing, only among the sentences that say how: "How do I change it?"
                # after "my payout has been blocked" is "Go to Profile > Settings…", not the hold after an IBAN change)
                leaned = (_CONTEXT_WEIGHT * len(around & its)
                          if around and (shared and len(shared) >= most_shared
                                         or not asked and (_PATH.search(s) or gives))
                          and (not how_to_change or _STEPS.search(s)) else 0.0)
                return ((len(shared) - _COMMON_DISCOUNT * len(shared & common) + where_weight(s, named))
                        * (1.0 if gives else subject) + leaned
                        + (_steps_weight(steps, trouble, shared) if _STEPS.search(s) else 0.0)
                        + (_FIGURE_WEIGHT if gives else 0.0)
                        + (_FIGURE_WEIGHT if sums & its_sums else 0.0)
                        + (_FIGURE_WEIGHT if most is not None and _SAYS_LIMIT.search(folded)
                           and any(x < most for x in _numbers(its_sums)) else 0.0)
                        + (1.0 if gives and per and per & _units(folded) else 0.0)
                        + (_FIGURE_WEIGHT if counted is not None and counted.search(folded) else 0.0)
                        + (_FIGURE_WEIGHT if aged and _AN_AGE.search(folded) else 0.0)
                        + (_FIGURE_WEIGHT if refund and _REFUND.search(folded) else 0.0)
                        + (_DAY_WEIGHT if gives and moment and _GIVES_DAY.search(folded) else 0.0)
                        + (_SUBJECT_FIGURE if gives and shared & naming else 0.0)
                        + (1.0 if figure is _LIMIT and _SAYS_LIMIT.search(folded) else 0.0)
                        + (0.5 if amount and _AMOUNT.search(s) else 0.0)
                        + (charged if amount and _COST.search(folded) else 0.0)
                        + (_when_trouble(shared) if trouble and _WHEN.match(folded)
                           and (reports_trouble(s) or _LOSS.search(folded) or _LOSE.search(folded)) else 0.0)
                        + (_WHEN_TROUBLE if trouble and _undoes(folded) & asked else 0.0)
                        + (_NEEDS_WEIGHT if needs and _GIVES_NEEDS.search(folded) else 0.0)
                        - (_DEFINES_WEIGHT if steps >= 1.5 and _DEFINES.match(folded) else 0.0)
                        + ((_NO_APP_WEIGHT if _WITHOUT_APP.search(folded) else -_NO_APP_WEIGHT if _STEPS.search(s)
                            else 0.0) if no_app else 0.0)
                        + (_WHY_WEIGHT if why and _GIVES_REASONS.search(folded) else 0.0)
                        + ((-_DONE_WEIGHT if taken.search(folded) else _WHEN_TROUBLE
                            if to_nothing and _WHEN.match(folded) and _NOT.search(folded) else 0.0) if taken else 0.0))

            scores = [score(*x) for x in zip(sentences, stems, folds, gives, regions, named_sums)]
            # (or by the question it leans on: "et pour une croisière ?" after "si on annule 3 semaines avant…")
            if (told_span := span_told(asked_how) or (span_told(fold(context)) if context else None)) is not None:
                # "si on annule 3 semaines avant on perd combien ?": the sentence whose span holds it ("De 30 à 21
                # jours : 50 %"), before the others of the table
                spans = [_spans_of(f) for f in folds]
                fits = [span is not None and span[0] <= told_span <= span[1] for span in spans]
                if any(fits):
                    scores = [x + (_SPAN_WEIGHT if fit else 0.0) for x, fit in zip(scores, fits)]
                    # and none of another span, which would read as the answer too ("De 30 à 21 jours : 50 %" beside
                    # "De 20 à 8 jours : 75 %" for ten days)
                    order = [i for i in order if spans[i] is None or fits[i]]
            if max(scores) > 0:
                order.sort(key=lambda i: (-scores[i], i))
        if held:
            theirs, others = of_products(sentences, held, question or "")
            if theirs and others:  # the article tells products of a kind apart (not "a current account" alone)
                scores = [x + (_HELD_WEIGHT if i in theirs else 0.0) for i, x in enumerate(scores)]
                order = sorted((i for i in order if i not in others), key=lambda i: (-scores[i], i))
        if only_relevant and max(scores) > 0:
            # (and of the place asked, not another's: "how much does it cost?" after "and for the UK?" is not Belgium's;
            # all that answers when none is of it)
            order = ([i for i in order if scores[i] > 0 and not elsewhere[i]]
                     or [i for i in order if scores[i] > 0])
            if question and any(giving_now := [gives[i] for i in order]):
                # asked a figure, the sentences that give it: "et en belgique ?" after Premium's price is Belgium's
                # prices, not its letter to cancel and its clubs, which name Belgium too
                order = [i for i, g in zip(order, giving_now) if g]
        chosen: list[int] = []
        used = -1
        for i in order:
            if i in chosen or any(sentences[i] == sentences[j] for j in chosen):
                continue  # (nor the same sentence twice: "Genève : … 6,90 CHF. Lausanne : … 6,90 CHF.")
            group = [i]
            if i > 0 and i - 1 not in chosen and _LEANS_BACK.match(fold(sentences[i])):
                group = [i - 1, i]  # with the sentence it leans on, when both fit
            cost = sum(1 + len(sentences[j]) for j in group)
            if len(group) > 1 and used + cost > (limit if chosen else 2 * limit):
                group, cost = [i], 1 + len(sentences[i])
                if chosen:
                    continue  # not without what it refers to; as the first sentence, alone then
            if chosen and used + cost > limit:
                if question:
                    continue  # a shorter, less relevant one may still fit
                break
            chosen += group
            used += cost
        chosen = _with_siblings(sentences, chosen, question or "", held, 2 * limit)
        out = " ".join(_with_headings(sentences, sorted(chosen), heads))
        if len(out) > 2 * limit:  # one long sentence: whole up to twice the limit, rather than cut mid-way
            cut = out.rfind(" ", 0, limit - 1)
            out = out[: cut if cut > 0 else limit - 1] + "…"
        return out


# a span of time told or asked ("si on annule 3 semaines avant", "cancelling 10 days before"), in days
_NUMBERS = {"one": 1, "un": 1, "une": 1, "two": 2, "deux": 2, "three": 3, "trois": 3, "four": 4, "quatre": 4,
            "five": 5, "cinq": 5, "six": 6, "seven": 7, "sept": 7, "eight": 8, "huit": 8, "nine": 9, "neuf": 9,
            "ten": 10, "dix": 10}
_DAYS_IN = {"day": 1, "jour": 1, "week": 7, "semaine": 7, "month": 30, "mois": 30}
_SPAN = re.compile(r"\b(\d{1,3}|one|two|three|four|five|six|seven|eight|nine|ten|un|une|deux|trois|quatre|cinq|six|"
                   r"sept|huit|neuf|dix) (days?|jours?|weeks?|semaines?|months?|mois)\b")
# a sentence's span of days: "De 30 à 21 jours : 50 %", "between 60 and 31 days", "Plus de 90 jours…"
_BETWEEN = re.compile(r"\b(?:de|from|between) (\d{1,3}) (?:a|to|and|et) (\d{1,3}) (days?|jours?|weeks?|semaines?|"
                      r"months?|mois)\b")
_BEYOND = re.compile(r"\b(plus de|more than|over|au-dela de|moins de|less than|under) (\d{1,3}) (days?|jours?|weeks?|"
                     r"semaines?|months?|mois)\b")


def _days(number: str, unit: str) -> int:
    """A span told ("3", "semaines") in days."""
    count = int(number) if number.isdigit() else _NUMBERS[number]
    return count * next(n for u, n in _DAYS_IN.items() if unit.startswith(u))


# a weight told or asked ("un colis de 12 kg", "a 8kg parcel"), and a row's span of weights ("De 10 à 20 kg", "Jusqu'à 1
# kg", "Au-delà de 30 kg"), in grams counted from _WEIGHTS: spans of time and of weight are told apart by their numbers
_WEIGHTS = 10_000_000
_WEIGHT = r"(\d{1,4}(?:[.,]\d{1,3})?)\s?(kg|kgs|kilos?|kilogrammes?|g|grammes?|grams?)\b"
_WEIGHT_TOLD = re.compile(r"\b" + _WEIGHT)
_WEIGHT_BETWEEN = re.compile(r"\b(?:de|from|between)?\s?(\d{1,4}(?:[.,]\d{1,3})?)\s?(?:kg|g)?\s?(?:a|to|and|et|-)\s?"
                             + _WEIGHT)
_WEIGHT_BEYOND = re.compile(r"\b(plus de|more than|over|above|au-dela de|moins de|less than|under|jusqu'a|up to)\s"
                            + _WEIGHT)


def _grams(number: str, unit: str) -> int:
    """A weight told ("12", "kg") as the span functions count it (``_WEIGHTS`` and grams)."""
    return _WEIGHTS + round(float(number.replace(",", ".")) * (1 if unit.startswith("g") else 1000))


def span_told(folded: str) -> int | None:
    """The span of time a (folded) question tells, in days ("si on annule 3 semaines avant" → 21), or the weight
    ("et pour 12 kg ?", counted from ``_WEIGHTS``); None when it tells none, or more than one."""
    spans = _SPAN.findall(folded)
    weights = _WEIGHT_TOLD.findall(folded)
    if len(spans) + len(weights) != 1:
        return None
    return _days(*spans[0]) if spans else _grams(*weights[0])


def holds_the_span(text: str, span: int) -> bool:
    """Whether a passage has a sentence whose span of days holds ``span`` ("De 30 à 21 jours : 50 %" for 21)."""
    return any((found := _spans_of(fold(x))) is not None and found[0] <= span <= found[1]
               for x in split_sentences(text))


def _spans_of(folded: str) -> tuple[int, int] | None:
    """The span of days a (folded) sentence gives a rule for ("de 30 a 21 jours" → (21, 30); "plus de 90 jours" →
    (91, 10000); "moins de 8 jours" → (0, 7)); None when it gives none."""
    if (m := _BETWEEN.search(folded)) is not None:
        a, b = _days(m.group(1), m.group(3)), _days(m.group(2), m.group(3))
        return min(a, b), max(a, b)
    if (m := _BEYOND.search(folded)) is not None:
        n = _days(m.group(2), m.group(3))
        return (n + 1, 10_000) if m.group(1) in ("plus de", "more than", "over", "au-dela de") else (0, n - 1)
    # of weights: "De 10 à 20 kg" → 10 to 20 kg; "Jusqu'à 1 kg" → up to 1 kg; "Au-delà de 30 kg" → over
    if (m := _WEIGHT_BETWEEN.search(folded)) is not None:
        a, b = _grams(m.group(1), m.group(3)), _grams(m.group(2), m.group(3))
        return min(a, b), max(a, b)
    if (m := _WEIGHT_BEYOND.search(folded)) is not None:
        n = _grams(m.group(2), m.group(3))
        return ((n + 1, 2 * _WEIGHTS) if m.group(1) in ("plus de", "more than", "over", "above", "au-dela de")
                else (_WEIGHTS, n))
    return None


_HEADING_LINE = 80  # a heading on a line of its own is this short at most
_COMMON_DISCOUNT = 0.5  # what a question's word most of the article's sentences have loses of its weight
_SPAN_WEIGHT = 10.0  # the sentence of the span of time asked, over the rest of a table by span (and its sums)


def _with_headings(sentences: list[str], chosen: list[int], heads: set[str]) -> list[str]:
    """The ``chosen`` sentences of an article in sections by heading ("Premium: €24 per day. Tyres, windscreen…
    covered."), each that is not its section's first given its heading when that first is not chosen: "Premium: Tyres,
    windscreen… covered", never read as the section's before it. ``heads``: the article's headings, each written on a
    line of its own."""
    # (a heading of any length: "Locked out of the room:", five words)
    headings = [next((h for h in heads if x.startswith(h)), None) for x in sentences]
    if sum(1 for x in headings if x) < 2:
        return [sentences[i] for i in chosen]
    out, said = [], set()
    for i in chosen:
        first = next((j for j in range(i, -1, -1) if headings[j]), None)
        if first is None or first == i or first in chosen or first in said:
            out.append(sentences[i])
        else:  # (once a section: "Water leak: If the water comes… Then report it…")
            out.append(f"{cast(str, headings[first])} {sentences[i]}")
        said.add(first)
    return out


def _told(pattern: re.Pattern[str], text: str) -> bool:
    """Whether ``text`` tells what ``pattern`` finds, rather than asking about it ("what if…", "does insurance cover…")
    in the sentence that names it."""
    return _told_at(pattern, fold(text)) is not None


def _told_at(pattern: re.Pattern[str], folded: str) -> re.Match[str] | None:
    """Where a (folded) text tells what ``pattern`` finds (``_told``); None where it does not, or asks about it."""
    told = pattern.search(folded)
    return told if told is not None and _IF_EVER.search(folded[:told.start()].rsplit(".", 1)[-1]) is None else None


def tells_a_loss(text: str) -> bool:
    """Whether a message tells of a thing lost or stolen ("jai perdu ma cb hier soir"), not one asked about ("what if I
    lose my card?")."""
    return _told(_LOSS, text)


_ON_A_MACHINE = (r"oxygen|oxygene|dialysis|dialyse|respirator|ventilator|respirateur|concentrateur|medical equipment|"
                 r"equipement medical|appareil medical|assistance respiratoire")
_NO_POWER = (r"power cut|power (?:is |has )?(?:off|out|down|gone)|no (?:electricity|power)|blackout|"
             r"(?:coupure|panne) (?:de courant|d'electricite|electrique)|plus (?:de|d') ?(?:courant|electricite|jus)|"
             r"pas de courant|(?:on|ils) (?:m'a|nous a|m'ont|nous ont) coupe l'electricite")

# someone who lives on a machine, and the power gone: "we have had a power cut for 3 hours and my father is on an oxygen
# concentrator, the battery is running low", "coupure de courant… ma mère est sous assistance respiratoire"
_MACHINE_UNPOWERED = (rf"(?:{_ON_A_MACHINE})(?=[^.!?]{{0,80}}\b(?:{_NO_POWER})\b)|"
                      rf"(?:{_NO_POWER})(?=[^.!?]{{0,80}}\b(?:{_ON_A_MACHINE}))")
_UNPOWERED = re.compile(rf"\b(?:{_MACHINE_UNPOWERED})")


# who may collapse: a person ("my wife just fainted", "mon père vient de s'effondrer"), not a company or a market
_PERSON_EN = (r"he|she|i|wife|husband|mum|mom|mother|dad|father|son|daughter|child|kid|baby|boy|girl|friend|someone|"
              r"somebody|man|woman|passenger|person|partner|colleague|grandma|grandpa|grandmother|grandfather|brother|"
              r"sister|guy|lady|neighbour|neighbor|cyclist|pedestrian|biker|motorcyclist")
_PERSON_FR = (r"il|elle|quelqu'un|papa|maman|mamie|mamy|papi|papy|"
              r"(?:mon|ma|notre|un|une|le|la) (?:mari|femme|pere|mere|fils|fille|enfant|"
              r"bebe|copain|copine|ami|amie|passager|passagere|voisin|voisine|collegue|homme|dame|monsieur|grand-pere|"
              r"grand-mere|frere|soeur|compagnon|compagne|conjoint|conjointe|pote|gars|mec|type|cycliste|pieton|"
              r"pietonne|passant|passante|motard|motarde)")


# someone hurt, now: "il y a un blessé", "my wife is bleeding", "the other driver is injured" (not "I am hurt by your
# answer", "your fees are bleeding me dry", "il est inconscient du problème"); who is said not to be, or an animal, or
# when it is past or supposed, is read by ``_hurt_now``
_HURT = (
    r"(?:il )?y a (?:un|une|des|deux|trois|plusieurs) blesse(?:e|s|es)?|accident[^.!?]{0,30}\bdes blesses|"
    r"(?<!n')\b(?:est|sont|suis|es|etes|gravement|grievement) blesse(?:e|s|es)?(?! par\b)|"
    r"(?:is|are|was|were|got|been|badly|seriously|i'm|im|am|he's|she's|hes|shes) injured|"
    r"(?<!feelings )(?<!pride )(?:is|are|got|been|badly|seriously|he's|she's|hes|shes) hurt(?! by\b)|"
    r"(?:is|are|i'm|im|i am|he's|she's|hes|shes|am) bleeding(?! me\b| us\b| you\b| them\b| money| cash| dry)|"
    r"saigne(?:nt)? (?:beaucoup|abondamment|du|de la|partout|enormement)|"
    # "ma voisine est tombée, elle saigne" (not "il saigne du nez", "ils saignent les clients")
    r"(?:(?<![\w'])(?:il|elle|ils|elles|je)|" + _PERSON_FR + r")\s+saigne(?:nt)?\b"
    r"(?!\s+(?:du nez|des gencives|un peu|a peine|les|le|la|nous|vous|leurs|ses|mes|tes|ces|nos)\b)|"
    # a fall that left someone on the ground: "elle est tombée et n'arrive pas à se relever", "my dad fell and can't
    # get up", "she fell and hit her head"
    r"(?:tombee?s?|fallen|fell)\b[^.!?]{0,40}\b(?:(?:(?:ne|n')\s*)?(?:peu[tx]|peuvent|arrive|arrivent)\s+"
    r"(?:pas|plus)\s+"
    r"(?:a\s+)?(?:se|me)\s+relever|"
    r"(?:can'?t|cannot|can not|unable to|couldn'?t) get up(?=\s*(?:[.!?,;…]|$|off\b|from\b|and\b|again\b))|"
    r"hit (?:his|her|my|their) head|"
    r"(?:s'est|se|me suis|s'est) cogne\w* la tete)|"
    r"(?<![\w'])(?:is|are|he's|she's|hes|shes|est) (?:unconscious|inconsciente?)(?!\s+(?:du|de|des|d'|chez|ces|ce|"
    r"quand|si|pour|of|about)\b)|"
    r"(?:is not|isn't|isnt|'s not|are not|aren't|not) breathing|(?:\bne |n')?respire (?:plus|pas)\b|"
    r"heart attack|crise cardiaque|"
    # on the floor and unable to get up, now: "ma mère est par terre dans sa cuisine depuis ce matin", "she's lying on
    # the floor, she says her hip hurts" (not "mon téléphone est par terre")
    r"(?:" + _PERSON_FR + r")\s+(?:est|etait|reste|se trouve)\s+(?:toujours\s+|encore\s+)?(?:allongee?\s+)?"
    r"(?:par terre|au sol)\b|"
    r"(?:he's|she's|hes|shes|he is|she is|" + _PERSON_EN + r"\s+is)\s+(?:still\s+)?(?:lying|laying|stuck) on the "
    r"(?:floor|ground)\b|"
    # not moving: "a cyclist … fell, he's on the ground and not moving", "le cycliste est par terre il bouge plus"
    r"(?:he's|she's|hes|shes|he is|she is|" + _PERSON_EN + r"\s+is)\s+(?:(?:still\s+)?on the (?:floor|ground)\s+"
    r"(?:and\s+)?)?(?:not moving|isn'?t moving)\b|(?:he|she) (?:isn'?t|is not|doesn'?t|does not|won'?t) mov(?:e|ing)\b|"
    r"(?:" + _PERSON_FR + r")\s+(?:ne\s+)?bouge\s+(?:plus|pas)\b(?!\s+(?:de|d'|du|des|sur|avant|tant|pour|en|"
    r"jusqu)\b)|"
    # a seizure now: "my son is having a seizure", "elle fait une crise d'épilepsie", "il convulse"
    r"(?:is|are|he's|she's|hes|shes) (?:having a (?:seizure|fit)|convulsing|fitting)\b|"
    r"(?:fait|fais) une (?:crise d'epilepsie|crise convulsive|convulsion)|(?:il|elle) convulse\b|"
    r"(?:a|ont) des convulsions|"
    # a fever with a sign of danger, now: "my daughter has a high fever and is shaking", "mon fils a 40 de fièvre et il
    # ne se réveille pas", "elle tremble et elle a une forte fièvre" (not a fever alone, nor one asked about)
    r"(?:fever|fievre|temperature (?:of|de) (?:39|40|41|10[2-6]))\b[^.!?]{0,60}?\b(?:(?:is|are|keeps|keep|started|"
    r"he's|she's|hes|shes|and) (?:shaking|convulsing|twitching|fitting|shivering uncontrollably)|won'?t wake up|"
    r"(?:is not|isn't|not) waking up|floppy|stiff neck|unresponsive|tremble\w*|convuls\w*|ne se reveille (?:pas|plus)|"
    r"nuque raide|ne repond (?:pas|plus))|"
    r"(?:(?:is|are|he's|she's|hes|shes) (?:shaking|convulsing|twitching)|tremble\w*|convuls\w*)\b[^.!?]{0,40}?\b"
    r"(?:high fever|(?:forte|grosse|tres forte|grosse) fievre|(?:39|40|41)(?:[.,]\d)? (?:de fievre|de temperature))|"
    # a person collapsing (not "the travel company collapsed", "la bourse s'est effondrée")
    r"(?:he's|she's|" + _PERSON_EN + r")\b(?:\s+\w+){0,2}\s+(?<!nearly )(?<!almost )(?<!about )(?<!could have )"
    r"(?:has |just |suddenly )?(?:collapsed|fainted|passed out)|"
    r"(?:" + _PERSON_FR + r")\s+(?:s'est (?:effondree?|evanouie?)|(?:vient|viens|venez) de s'(?:effondrer|evanouir)|"
    r"ne reagit plus)|"
    r"(?:a|vient de faire|fait) un malaise|chest pain|douleurs? (?:a|dans) la poitrine|mal a la poitrine|"
    r"(?:can't|cant|cannot|can not|can barely|can hardly) breathe|(?:n'arrive|arrive) (?:plus|pas) a respirer|"
    r"(?:struggling|hard|trouble|difficulty) (?:to )?breath(?:e|ing)|respire (?:mal|difficilement|tres mal)|"
    r"(?:a|a du) mal a respirer|"
    r"(?:he's|she's|hes|shes|he is|she is) (?:not responding|unresponsive)|"
    r"overdose|"
    # poisoned now: pills or a household product swallowed, too many pills taken ("mon fils de 3 ans a avalé des
    # comprimés", "i think i took too many of my sleeping pills"; not "si mon enfant avale un comprimé", said before)
    r"(?:avale\w*|swallowed|ingere\w*|ingested)\b(?:(?!\b(?:card|carte|cb|ticket|billet|coin|piece|money|argent|cash|"
    r"so|donc|alors|et je|and i)\b)[^.!?,;]){0,40}\b(?:comprimes?|cachets?|medicaments?|pilules?|gelules?|"
    r"pills?|tablets?|medicines?|medications?|capsules?|javel|bleach|detergent|lessive|produit (?:menager|d'entretien)|"
    r"piles?|batter(?:y|ies)|poison|mort aux rats)\b|"
    r"(?:took|taken|take|pris|avale)\s+(?:way\s+)?(?:too many|too much|trop de)\s+(?:\w+\s+){0,3}(?:pills?|tablets?|"
    r"comprimes?|cachets?|medicaments?|gelules?|somniferes?|medicines?|medication|doliprane|paracetamol|"
    r"painkillers?|antidepresseurs?|antidepressants?)\b|"
    r"(?:drank|drunk|a bu|ont bu|j'ai bu)\s+(?:de la |du |de l'|some |the )?(?:javel|bleach|detergent|white spirit|"
    r"antigel|antifreeze)|"
    # hurt by a thing: a shock, a burn ("the lamp shocked me and my arm is numb", "il s'est brûlé la main", "j'ai la
    # main brûlée"; not "your fees shocked me", "burned by your fees", heartburn)
    # (someone electrocuted, not "your prices electrocuted me"; a thing that shocked or burned a person or a limb, not
    # "the charger burned my phone")
    r"(?:was|were|got|been|getting|just) electrocuted|electric(?:al)? shock|decharge electrique|"
    r"(?:lamp|light|plug|socket|charger|cable|wire|appliance|device|heater|kettle|toaster|lampe|prise|chargeur|"
    r"appareil|radiateur|bouilloire)\b[^.!?]{0,20}\b(?:shocked|zapped|electrocuted|burned|burnt) (?:me|him|her|us|them|"
    r"(?:my|his|her) (?:hand|hands|arm|arms|finger|fingers|face|leg|legs|skin|foot|feet|eye|eyes|son|daughter|child|"
    r"kid|baby|wife|husband))\b|"
    r"(?:hand|hands|arm|arms|finger|fingers|face|leg|legs|skin|foot|feet|eye|eyes|head)\s+(?:is |are |got |has been |"
    r"have been |was |were )?(?:badly |really |all |completely )?(?:burned|burnt|blistered|blistering|"
    r"numb(?! from\b| with\b| because\b| after\b))\b|"
    r"burn(?:ed|t) (?:my|his|her|their|our) (?:hand|hands|arm|arms|finger|fingers|face|leg|legs|skin|foot|feet|eye|"
    r"eyes)|"
    r"(?:m'a|l'a|lui a|nous a|t'a|les a|vous a) (?:electrocute|brule (?:la|les|le) (?:main|mains|bras|doigts?|"
    r"visage|jambe|peau|pied))|"
    r"(?:je me suis|il s'est|elle s'est|on s'est|tu t'es) (?:brulee?|electrocutee?)\b|"
    r"(?:main|mains|bras|doigts?|visage|jambes?|peau|pieds?) (?:est |sont )?(?:toute? |tres |gravement |completement )?"
    r"(?:brulee?s?|engourdie?s?|cloquee?s?)\b|"
    r"chest (?:hurts|is hurting|pains?)(?! when\b| every time\b| to see\b| looking\b| each time\b)|"
    # an allergic reaction now: "his lips are swelling", "my wife is having anaphylaxis", "j'ai la gorge qui gonfle"
    # (not "my daughter has a severe nut allergy", "can he go into anaphylactic shock?", "elle a fait une réaction
    # allergique", "ma fille fait une réaction allergique au gluten": she is allergic to it); a part swollen or a
    # throat tight, said with what was eaten or an allergy, is read by ``_hurt_now`` (not "my throat is tight from
    # stress")
    r"(?:(?:is|are|am|i'm|im|he's|she's|hes|shes|just|now|^)\s*(?:having|going into|in) (?:an? )?(?:severe |bad |"
    r"serious |strong )?(?:anaphyla\w+(?: shock| reaction)?|allergic reaction)|"
    r"(?:lips?|throat|tongue|mouth) (?:is |are |keeps |started |starting |is starting |are starting )?"
    r"(?:to )?(?:swelling|swell(?:ing)? up|puffing up)|throat (?:is )?closing(?: up)?|"
    r"(?<!\bai )(?<!\ba )(?<!\bas )(?<!\bont )(?<!\bavait )(?<!\bdeja )(?:en train de faire|fais|fait|font|faites) une "
    r"(?:grosse |forte |violente |grave )?(?:reaction allergique|crise d'allergie)"
    r"(?! (?:a|au|aux|a la|a l')\s?(?!ce |cette |votre |mon |ma |son |sa |leur )\w)|"
    r"(?<!\bai )(?<!\ba )(?<!\bas )(?<!\bont )(?<!\bavait )(?<!\bdeja )(?:fait|fais|font|en train de faire|en) (?:un )?"
    r"(?:choc anaphylactique|(?:oe|\u0153)deme de quincke)|"
    r"(?:levres?|gorge|langue|bouche|visage) (?:qui )?(?:gonflent|enflent|gonfle|enfle)\b)")
# a part of the face swollen, or a throat tight, now, and what was eaten or an allergy said with it: "mon fils a des
# plaques partout et les lèvres gonflées après le burger", "throat feels tight after the satay" (not "my lips are
# swollen after the filler", "j'ai la gorge serrée, je n'arrive plus à payer")
_SWOLLEN = re.compile(
    r"\b(?:lips?|throat|tongue|mouth|face) (?:is |are |r |was |got |has |have |feels? |feeling |getting |is getting |"
    r"looks? )?(?:all |really |very |so )?(?:swollen|swelled up|puffed up|tight|closing)\b|"
    r"\bswollen (?:lips?|face|tongue|throat)\b|"
    r"\b(?:levres?|gorge|langue|visage|bouche) (?:est |sont )?(?:toute? |tres |completement )?"
    r"(?:gonflee?s?|enflee?s?|serree)\b")
# swollen or tight for another reason than what was eaten: a filler, a tooth, the cold, crying, stress
_SWOLLEN_BY_ELSE = re.compile(r"\b(?:filler|botox|injection|dentist|dentiste|surgery|operation|crying|pleure\w*|"
                              r"stress\w*|cold|froid|tooth|teeth|dent\w*|rien qu'a|emotion\w*|angoiss\w*)\b")
_OF_A_MEAL = re.compile(
    r"\b(?:allerg\w*|reaction|anaphyla\w*|ate|eaten|eating|food|meal|nuts?|peanuts?|sesame|"
    r"shellfish|prawns?|gluten|hives|plaques|urticaire|mange\w*|repas|(?<!a )plat|cacahu\w*|noix|arachides?|"
    r"crevettes?|fruits de mer|burger|pizza|sushi|curry|satay)\b")
# someone attacked or harassed now, and afraid: "a man keeps touching me and won't leave me alone, I'm scared", "un
# mec me suit depuis la gare j'ai peur" (not "mon conseiller me suit depuis des années", "cela me touche", "the bank
# keeps hitting me with fees", a debt collector's calls)
_ATTACKED = re.compile(
    r"\b(?:(?:keeps|is|he's|hes|they're|theyre|are|keep) (?:touching|groping|harassing|grabbing|hitting|attacking|"
    r"assaulting|following) me\b|"
    r"(?:man|guy|he|someone|somebody|they|stranger|men|guys)\b[^.!?,]{0,20} (?:won't|wont|will not) leave me alone|"
    r"(?:i'm|im|i am) being (?:harassed|attacked|assaulted|groped|touched|threatened|followed)\b|"
    r"(?:" + _PERSON_FR + r"|ils|des mecs|des hommes|des types|deux hommes) (?:me|nous) (?:suit|suivent|touche|"
    r"touchent|tripote|tripotent|harcele|harcelent|agresse|agressent|frappe|frappent)\b|"
    r"je (?:suis|me fais|me suis fait|me suis faite) (?:suivie?|harcelee?|agressee?|tripotee?|toucher|tripoter|"
    r"suivre|harceler|agresser)\b|"
    # at the door of where they sleep: "a waiter keeps knocking on my door at night and tried to come in, im scared",
    # "un serveur frappe à ma porte toutes les nuits, j'ai peur"
    r"(?:keeps|kept|keep|is|was|been|he's|hes|they're|theyre)\s+(?:\w+\s+)?(?:knocking|banging|pounding|hammering) "
    r"(?:on|at) (?:my|the|our) (?:door|window)|tried to (?:come|get|break|force his way|force their way) in|"
    r"(?:frappe|frappent|tape|tapent|cogne|cognent) (?:a|contre|sur) (?:ma|la|notre) (?:porte|fenetre)|"
    r"(?:a|ont) (?:essaye|tente) d'(?:entrer|ouvrir))")
# someone who attacked or threatened the customer in person, told after it ("le livreur m'a menacée et poussée dans
# l'escalier… j'ai peur il revient demain", "the driver pushed me and threatened me, I'm scared"): afraid, in danger
# still (not threats by letter or phone, ``_AT_A_DISTANCE``)
_STAFF = (r"driver|courier|delivery (?:man|guy|driver|person)|technician|engineer|agent|guard|staff|employee|"
          r"neighbou?r|landlord|instructor|coach|member of staff")
_ASSAULTED = re.compile(
    r"\b(?:he|she|they|someone|somebody|a man|a woman|a guy|(?:the|your|one of your) (?:" + _STAFF + r")s?)\b"
    r"[^.!?]{0,20}\b(?:threatened|shoved|hit|punched|slapped|kicked|assaulted|attacked|spat at|"
    # (pushed to the ground, not into a loan; grabbed by the arm, not a better deal; hurt, not with fees)
    r"pushed(?= me\b(?! (?:into|to (?!the (?:ground|floor))|towards|for)\b))|grabbed(?= me\b(?! (?:a|an|some|the)\b))|"
    r"hurt(?= me\b(?! with\b))) me\b|"
    r"\b(?:" + _PERSON_FR + r"|ils|on|un mec|un type|(?:le|la|votre|un|une|un de vos) (?:livreur|livreuse|chauffeur|"
    r"technicien|technicienne|agent|vigile|employe|employee|coach|gardien|gardienne|proprietaire|bailleur|"
    r"conseiller|conseillere))\b[^.!?]{0,20}\bm'(?:a|ont)\s+(?:\w+\s+)?(?:menace\w*|"
    r"pousse\w*(?! (?:a|au|aux|vers|de)\b)|bouscule\w*|frappe\w*|agresse\w*|gifle\w*|"
    r"attrape\w*(?! (?:a|au|un|une)\b)|violente\w*|cogne\w*|etrangle\w*|"
    r"crache dessus)")
# a threat of harm to the customer, told as it is made: "my neighbour keeps shouting that he will hurt me", "mon voisin
# me menace de me frapper", "he threatened to kill me"
_THREAT_OF_HARM = re.compile(
    r"\b(?:threaten\w*|say|says|said|saying|shout\w*|yell\w*|scream\w*|tell\w*|told) (?:me |us )?(?:that )?"
    r"(?:he|she|they|he's|she's|they're)(?:'ll| will| would|'d| is going to| are going to| gonna) "
    # (coming back for it: "the driver said he would come back and beat me up if I complained again")
    r"(?:(?:come back|come round|come over|find me|wait for me|be back) (?:and |to )?)?"
    r"(?:(?:hurt|kill|beat|hit|stab|smash|punch) (?:me|us)\b(?! with\b)|break (?:my|our) (?:legs?|arms?|face|neck))|"
    r"\bthreaten(?:ed|ing|s)? (?:me |us )?(?:to|that he'?d|that she'?d) (?:hurt|kill|beat|hit|stab|smash|punch) "
    r"(?:me|us)\b(?! with\b)|\b(?:threatened|threatening|threatens) (?:me|us) with a (?:knife|gun|weapon|bat)\b|"
    r"\b(?:me|nous) menace\w* (?:de (?:me |nous )?(?:frapper|tuer|taper|cogner|planter|casser la gueule|faire la peau)|"
    r"avec (?:un couteau|une arme|un pistolet|une batte))|"
    r"\b(?:il|elle|ils|elles) (?:va|vont|veut|veulent) (?:me|nous) (?:frapper|tuer|taper|cogner|planter)\b|"
    # said to the customer: "il m'a dit qu'il allait revenir me casser la gueule si je me plaignais encore"
    r"\bqu'(?:il|elle|ils|elles) (?:allait|allaient|va|vont|viendrait|viendraient|reviendrait|reviendraient)\s+"
    r"(?:(?:revenir|venir|repasser|passer)\s+)?(?:me|nous) (?:frapper|tuer|taper|cogner|planter|casser la gueule|"
    r"faire la peau|defoncer|faire du mal|regler mon compte)\b")
# a threat of the law or of a sanction, not of harm ("il m'a menacé de porter plainte", "threatened me with bailiffs")
_THREAT_OF_LAW = re.compile(
    r"\bmenace\w* (?:de |d')(?:porter plainte|plainte|poursuites?|poursuivre|"
    r"(?:m'envoyer |envoyer )?(?:un )?huissiers?|tribunal|justice|avocats?|expuls\w*|resili\w*|couper|suspendre|"
    r"bloquer|fermer|signaler|annuler|facturer|"
    r"(?:me |nous )?(?:poursuivre|attaquer en justice|mettre dehors|faire payer))|"
    r"\bthreatened (?:me |us )?(?:with (?:legal action|court|a lawsuit|a claim|bailiffs|eviction|the police|police|"
    r"debt collectors?|a fine|fees)|to (?:sue|take (?:me|us) to court|evict|report|cut|cancel|close|suspend|block|"
    r"charge|fine|call the police))")
_AFRAID_WORDS = (r"scared|afraid|frightened|terrified|help me|please help|peur|au secours|aidez-moi|aide-moi|aidez moi|"
                 r"aide moi|terrifiee?|effrayee?|panique")
_AFRAID = re.compile(r"\b(?:" + _AFRAID_WORDS + r")\b")
# by calls, messages or letters: harassment to report, no danger now
_AT_A_DISTANCE = re.compile(r"\b(?:call|calls|calling|phone|phones|phoning|texts?|texting|emails?|messages?|letters?|"
                            r"online|appels?|appelle|appellent|telephone|sms|mails?|courriers?|lettres?|en ligne|"
                            r"commerciaux|demarcheurs?|recouvrement|debt|collectors?)\b")
_SOMEONE_HURT = re.compile(r"\b(?:" + _HURT + ")")  # each alternative from a word's start ("this hurt" is none)
# said just before it in its clause: nobody hurt, supposed, or an animal ("thankfully nobody is badly hurt", "what if
# someone is injured?", "my dog is bleeding")
_NOBODY_OR_IF_WORDS = (r"nobody|no one|no-one|noone|none|personne|aucun|aucune|pas de|if|si|what if|et si|in case|"
                       r"en cas|whether")
_NOT_SOMEONE = re.compile(r"\b(?:" + _NOBODY_OR_IF_WORDS + r"|dog|cat|puppy|kitten|pet|horse|chien|chat|chiot|chaton|"
                          r"cheval|animal)\b[^,;.!?]{0,30}$")
# the same, animals aside: whose hurt it is, an animal's or a person's, ``_an_animal_s`` reads from the sentence
_NOBODY_OR_IF = re.compile(r"\b(?:" + _NOBODY_OR_IF_WORDS + r")\b[^,;.!?]{0,30}$")


# a danger happening now: gas smelt, a fire, water pouring in, carbon monoxide, sparks, someone hurt (not "gas bill",
# "fire insurance", "what if my pipe bursts?")
# a fire: "my kitchen is on fire", "ma lampe a pris feu, il y a de la fumée partout"
_FIRES = (r"(?:house|home|flat|apartment|kitchen|room|boiler|oven|cooker|socket|garage|car|building|bedroom|roof|it|"
          r"lamp|lampe) (?:is |was |'s )?on fire|caught fire|is burning|there'?s a fire|il y a (?:le|un) feu|"
          r"(?:prend|a pris) feu|smoke (?:is )?(?:coming|everywhere|pouring)|fumee (?:partout|qui sort)|"
          # "le carton est en feu dans ma cuisine", "le colis vient de prendre feu", "la batterie fume", "a parcel …
          # making a hissing noise and smoking in my hallway" (not "il fume", "I'm smoking", "no smoking rooms")
          r"(?:est|sont) en feu|(?:vient|viennent) de prendre feu|"
          r"(?:carton|colis|paquet|batterie|chargeur|telephone|portable|ordinateur|trottinette|prise|appareil|boite|"
          r"poubelle|multiprise)s? (?:qui |est en train de |a commence a |commence a )?(?:fume|brule|flambe)\b|"
          r"(?:parcel|package|box|battery|charger|phone|laptop|scooter|e-?bike|device|socket|plug|bin|appliance|"
          r"power bank)s?\b[^.!?]{0,60}?\b(?:(?:is|are|and|started|starting|keeps|now) (?:smoking|burning|on fire|"
          r"in flames)|caught fire)")
_EMERGENCY = re.compile(
    # (said strongly too: "ca sent tres fort le gaz dans ma cuisine", "it smells really strongly of gas")
    r"\b(?:smell(?:s|ing)? (?:(?:really|very|so|strongly|quite|a lot|badly)\s+)*(?:of |like )?gas|"
    r"gas (?:leak|leaking|smell)|(?:odeur|fuite) de gaz|"
    r"(?:sent|pue) (?:(?:tres|trop|vraiment|super|hyper|grave|beaucoup|fort|franchement)\s+)*(?:le|du) gaz|"
    + _FIRES + r"|"
    r"water (?:is |'s )?(?:pouring|gushing|flooding|coming|leaking|pissing|running|streaming|spraying)\b[^.!?]{0,20}"
    r"\b(?:in|into|from|through|out|everywhere|down)(?! (?:of )?(?:the |my )?(?:taps?|faucets?|shower))|"
    r"(?:pipe|tuyau|canalisation) (?:has |a )?(?:burst|eclate|explose)|"
    r"burst pipe|water everywhere|de l'eau partout|"
    # ("au secours y a de l'eau qui coule du plafond de la salle de bain")
    r"l'eau (?:qui )?(?:coule|fuit|rentre|entre|monte|tombe|gicle|jaillit) (?:partout|dans|de|du|des|par|sur)"
    r"(?! (?:la |l')?(?:robinet|douche|evier|lavabo))|fuite d'eau (?:enorme|importante|partout|"
    r"en ce moment)|inonde(?:e|es)? (?:partout|en ce moment)|carbon monoxide|monoxyde de carbone|"
    r"sparks (?:are )?(?:coming|flying)|etincelles (?:qui sortent|de la prise|partout)|"
    # someone shut in a lift: "ma mère est coincée dans l'ascenseur depuis 20 minutes", "I'm stuck in the lift"
    r"(?:stuck|trapped|locked|shut) in (?:the|a|an|our) (?:lift|elevator)|"
    r"(?:coincee?s?|bloquee?s?|enfermee?s?) dans (?:l'|un |le |notre )?ascenseur|"
    # someone who lives on a machine, and the power gone: "my dad is on oxygen at home and we have a power cut"
    rf"{_MACHINE_UNPOWERED})")


# said of a danger, what makes it past or a matter of cover rather than happening now
_NOT_NOW = re.compile(r"\b(in case of|en cas de|planned|scheduled|prevue?s?|programmee?s?|register|priority|"
                      r"prioritaire|"
                      r"yesterday|last (?:week|month|night|year|season|summer|winter)|\d+ (?:days?|weeks?|months?|"
                      r"years?) ago|(?:a|one|two|three) (?:day|week|month|year)s? ago|was fixed|been fixed|repaired|"
                      r"hier|"
                      r"la semaine derniere|le mois dernier|la saison derniere|l'an (?:dernier|passe)|l'annee "
                      r"derniere|il y a (?:\d+|un|une|deux|trois|quelques) (?:jours?|semaines?|mois|ans?)|(?:in|en) "
                      r"(?:19|20)\d\d|(?:in|en) (?:january|february|march|april|june|july|august|september|october|"
                      r"november|december|jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec|janvier|fevrier|avril|juin|"
                      r"juillet|aout|septembre|octobre|novembre|decembre)|repare\w*|covered|cover|insurance|insured|"
                      r"claim|couvert\w*|"
                      r"assurance|assure\w*|declar\w*|sinistre)\b")


def tells_an_emergency(text: str) -> bool:
    """Whether a message tells of a danger at home happening now ("water pouring from my ceiling right now", "ça sent
    le gaz dans mon appartement"): the reply is urgent, with no word of frustration; not one asked about ("what do I do
    if I smell gas?"), past ("my phone caught fire last week") or a matter of cover ("is a burst pipe covered?")."""
    folded = fold(text)
    return _hurt_now(folded) or _danger_now(folded)


@functools.lru_cache(maxsize=4096)
def _danger_now(folded: str) -> bool:
    """Whether a (folded) message tells of a danger at home happening now (``_EMERGENCY``), or a fire alarm going off
    now (``_alarm_now``)."""
    if (told := _told_at(_EMERGENCY, folded)) is None:
        return _alarm_now(folded)
    return not _past_or_covered(folded, told)


def _alarm_now(folded: str) -> bool:
    """Whether a (folded) message tells of a fire alarm going off now: "l'alarme incendie sonne… qu'est ce que je
    fais ??" (not "…every time I cook, can you fix it?", "…pour rien, c'est un exercice ?")."""
    told = _told_at(_FIRE_ALARM, folded)
    return told is not None and _ALARM_ROUTINE.search(folded) is None and not _past_or_covered(folded, told)


# said of a danger, what makes it happen now whatever else is asked of it ("chest pain right now…, is the ER covered?")
_RIGHT_NOW = re.compile(r"\b(?:right now|just now|as we speak|a l'instant)\b")
_NEAR_NOW = 30  # characters either side of the danger told in which "right now" is of it


def _past_or_covered(folded: str, told: re.Match[str]) -> bool:
    """Whether the sentence of what ``told`` found makes it past or a matter of cover (``_NOT_NOW``), unless it says
    beside it that it is happening now (``_RIGHT_NOW``; not "a heart attack last year, in hospital right now")."""
    sentence = re.split(r"[.!?]+\s", folded[told.start():], maxsplit=1)[0]
    before = re.split(r"[.!?]+\s", folded[:told.start()])[-1]
    if _NOT_NOW.search(f"{before} {sentence}") is None:
        return False
    beside = folded[max(0, told.start() - _NEAR_NOW):told.end() + _NEAR_NOW]
    return _RIGHT_NOW.search(beside) is None or _NOT_NOW.search(beside) is not None


# said of someone hurt: they are fine ("the lamp shocked me but I'm fine, I just want a refund")
_FINE = re.compile(r"\b(?:(?:i'm|im|i am|he's|hes|he is|she's|shes|she is|we're|were|we are|they're|everyone'?s?) "
                   r"(?:fine|ok|okay|alright|all right|not hurt|unhurt)|nobody (?:was |got )?hurt|"
                   r"no one (?:was |got )?hurt|je vais bien|il va bien|elle va bien|tout le monde va bien|"
                   r"plus de peur que de mal|rien de grave)\b")
# asked beside an injury, a practical matter the knowledge answers ("my knee is swollen, can I change my seat?")
_ASKS_OTHER = re.compile(r"\b(?:can i|could i|may i|how (?:do|can) i|is it possible to|"
                         # (a practical request of the company; not help or a call asked for, which a person gives)
                         r"(?:can|could) you(?! (?:please )?(?:help|call|ring|phone|contact|send|get)\b)|"
                         r"(?:pouvez-vous|pourriez-vous|vous pouvez|tu peux|peux-tu)"
                         r"(?! (?:m'aider|nous aider|me rappeler|m'appeler))|est-ce que je peux|"
                         r"est ce que je peux|puis-je|je peux|comment (?:je )?(?:peux|faire|fais))\b")


_A_PERSON_NAMED = re.compile(r"\b(?:" + _PERSON_EN + "|" + _PERSON_FR + r")\b")
_PRONOUNS = frozenset({"he", "she", "i", "il", "elle", "someone", "somebody", "quelqu'un"})


def _an_animal_s(folded: str, told: re.Match[str]) -> bool:
    """Whether what a (folded) message tells of someone hurt is said of an animal named before it in its sentence, by a
    pronoun or no subject of its own ("mon chien vient de se faire renverser par une voiture il saigne beaucoup", "my
    dog fell and can't get up"), no person named since ("my dog bit my son and he's bleeding" is the son's)."""
    if (named := _A_PERSON_NAMED.match(folded, told.start())) is not None and named.group(0) not in _PRONOUNS:
        return False  # "ma fille saigne": hers
    before = re.split(r"[.!?]", folded[:told.start()])[-1]
    animals = list(_AN_ANIMAL.finditer(before))
    if not animals:
        return False
    return not any(m.group(0) not in _PRONOUNS for m in _A_PERSON_NAMED.finditer(before, animals[-1].end()))


# an animal in danger now: hit by a car, a seizure, poisoned, bleeding ("my dog was just hit by a car and he's bleeding
# a lot", "my cat just chewed a lily leaf and is drooling", "mon chien fait une crise")
_ANIMAL_NOW = re.compile(
    r"\b(?:(?:hit|run over|knocked down|struck) by (?:a|an|the) (?:car|van|truck|lorry|bus|motorbike|bike|scooter)|"
    r"(?:renverse|percute|ecrase|fauche)e?s? par (?:une|un|la|le) (?:voiture|camion|moto|scooter|velo|bus|camionnette)|"
    r"(?:se faire|s'est fait) (?:renverser|percuter|ecraser|faucher)|"
    r"(?:having|has|had) (?:a )?(?:seizure|fit)|convuls\w*|(?:fait|fais) une crise\b|poisoned|empoisonne\w*|"
    r"(?:chewed|ate|eaten|swallowed|licked|mange|avale|mordille|lèche|leche)\w*\b[^.!?]{0,30}\b(?:lil(?:y|ies)|lys|"
    r"chocolat\w*|chocolate|grapes?|raisins?|xylitol|antifreeze|antigel|rat poison|mort aux rats|slug pellets?|"
    r"anti-limaces|medicaments?|medicines?|pills?|comprimes?|bleach|javel)|drooling|bave (?:beaucoup|partout)|"
    r"(?:is|he's|she's|it's|hes|shes) (?:bleeding|not breathing|struggling to breathe|collapsed)|saigne\w*|"
    r"(?:ne respire plus|respire mal|s'est effondre\w*))")


def tells_an_animal_in_danger(text: str) -> bool:
    """Whether a message tells of an animal in danger now ("my dog is having a seizure right now what do i do", "mon
    chien vient de se faire renverser il saigne"): every step of what to do, at once; not an animal's trouble past or
    asked about ("my dog had a seizure last year, is it covered?"), nor a person hurt (``tells_someone_hurt``)."""
    folded = fold(text)
    if _AN_ANIMAL.search(folded) is None or _hurt_now(folded):
        return False
    told = _ANIMAL_NOW.search(folded)
    return (told is not None and _NOBODY_OR_IF.search(folded[:told.start()]) is None
            and not _past_or_covered(folded, told))


@functools.lru_cache(maxsize=4096)
def _hurt_now(folded: str) -> bool:
    """Whether a (folded) message tells of someone hurt now: "accident il y a 10 min, ma femme saigne beaucoup", "je
    sais pas quoi faire, il y a un blessé"; not nobody hurt, someone hurt if ever, an animal, an injury past or
    claimed for ("my son got injured at rugby last season")."""
    if _FINE.search(folded) is not None:
        return False
    for told in _SOMEONE_HURT.finditer(folded):
        if (_NOBODY_OR_IF.search(folded[:told.start()]) is None and not _past_or_covered(folded, told)
                and not _an_animal_s(folded, told)):
            return True
    if ((swollen := _SWOLLEN.search(folded)) is not None and _OF_A_MEAL.search(folded) is not None
            and _SWOLLEN_BY_ELSE.search(folded) is None):
        return _NOT_SOMEONE.search(folded[:swollen.start()]) is None and not _past_or_covered(folded, swollen)
    if (((assaulted := _assault(folded)) is not None or (assaulted := _THREAT_OF_HARM.search(folded)) is not None)
            and _afraid_of_harm(folded) and _AT_A_DISTANCE.search(folded) is None
            and _WITH_MONEY.search(folded) is None and _NOT_SOMEONE.search(folded[:assaulted.start()]) is None):
        # attacked or threatened in person, and afraid still: past, and a danger all the same ("…m'a dit qu'il allait
        # revenir me casser la gueule si je me plaignais encore, j'ai peur")
        return True
    attacked = _ATTACKED.search(folded)
    return (attacked is not None and _AFRAID.search(folded) is not None and _AT_A_DISTANCE.search(folded) is None
            and _NOT_SOMEONE.search(folded[:attacked.start()]) is None and not _past_or_covered(folded, attacked))


# of the dangers now, a fire
_FIRE = re.compile(r"\b(?:" + _FIRES + ")")
# a fire alarm going off now (not one that went off, one that goes off for nothing, a test, a drill, a refund asked)
_FIRE_ALARM = re.compile(r"\b(?:fire alarm (?:is )?(?:going off|ringing|sounding)|"
                         r"l'?alarme (?:incendie|a incendie|de feu) (?:sonne|retentit|se declenche|vient de sonner))\b")
_ALARM_ROUTINE = re.compile(r"\b(?:pour rien|every time|each time|whenever|chaque fois|tout le temps|all the time|"
                            r"tests?|testing|essais?|exercice|drill|normal|refund|rembours\w*|compensation|"
                            r"dedommag\w*|fix|repar\w*|geste|again|encore)\b")


def tells_a_fire(text: str) -> bool:
    """Whether a message tells of a fire now ("ma lampe a pris feu, il y a de la fumée partout"): getting out and the
    fire brigade first; not one asked about, past or a matter of cover ("is a kitchen fire covered?")."""
    folded = fold(text)
    return ((told := _told_at(_FIRE, folded)) is not None and not _past_or_covered(folded, told)) or _alarm_now(folded)


# afraid of something else than harm: "j'ai peur de ne pas pouvoir rembourser", "afraid it's too late", "peur de perdre"
_AFRAID_OF_ELSE = re.compile(r"^\W*(?:de ne|de pas|de perdre|de rater|de manquer|d'etre (?:a decouvert|en retard|"
                             r"facture)|que (?:ce|ca|mon|ma|mes|le|la|les)|of (?:losing|not|missing|being late|being "
                             r"charged)|(?:that )?(?:it'?s|it is|its) too late|that (?:it|this|my|the))")


def _afraid_of_harm(folded: str) -> bool:
    """Whether a (folded) message says the customer is afraid, not of losing money or of a deadline."""
    return any(_AFRAID_OF_ELSE.search(folded[m.end():m.end() + 40]) is None for m in _AFRAID.finditer(folded))


# afraid or worried, for oneself or someone: "I'm really scared", "j'ai peur", "je suis très inquiète", "aidez-moi"
# (afraid, as a danger is told with, ``_AFRAID``, or worried)
_FEAR = re.compile(r"\b(?:" + _AFRAID_WORDS + r"|worried|worrying|anxious|panicking|panicked|inquiete?s?|inquietude|"
                   r"angoisse\w*|paniquee?s?|terrifiee?s|effrayee?s)\b")
# not for oneself or someone: afraid of missing a deadline, worried about a fee
_FEAR_OF_MONEY = re.compile(r"\b(?:fee|fees|frais|charge\w*|bill|facture|prix|price|payer|pay|rembours\w*|refund|"
                            r"penalt\w*|penalite\w*|late|retard|deadline|delai)\b")


def tells_fear(text: str) -> bool:
    """Whether a message says the customer is afraid or worried, for themselves or someone ("my mum hasn't answered
    since yesterday, I'm really scared", "j'ai appuyé sur le bouton et personne a répondu, j'ai peur"), not of a fee
    or a deadline ("j'ai peur de payer des frais")."""
    folded = fold(text)
    return any(_FEAR_OF_MONEY.search(folded[m.end():m.end() + 40]) is None and _AFRAID_OF_ELSE.search(
        folded[m.end():m.end() + 40]) is None for m in _FEAR.finditer(folded))


def tells_an_assault(text: str) -> bool:
    """Whether a message tells of someone who attacked or threatened the customer in person ("le livreur m'a
    menacée et poussée")."""
    folded = fold(text)
    return (_assault(folded) is not None or _ATTACKED.search(folded) is not None
            or _THREAT_OF_HARM.search(folded) is not None)


# hit with money, not with a fist: "the bank keeps hitting me with fees", "they hit me with a £50 charge"
_WITH_MONEY = re.compile(r"\bwith (?:a |an |more |extra |their |your )?(?:[£$€]?\d+\S* )?(?:fees?|charges?|bills?|"
                         r"fines?|penalt\w+|interest|costs?|invoices?|price|prices)\b")


def tells_a_threat_in_person(text: str) -> bool:
    """Whether a message tells of someone who attacked or threatened the customer in person (``tells_an_assault``), not
    by calls or letters, nor "with fees": "my neighbour keeps shouting that he will hurt me"."""
    folded = fold(text)
    return (tells_an_assault(text) and _AT_A_DISTANCE.search(folded) is None
            and _WITH_MONEY.search(folded) is None)


def _assault(folded: str) -> re.Match[str] | None:
    """Where a (folded) message tells of someone who attacked or threatened the customer in person, and not with the
    law ("il m'a menacé de porter plainte")."""
    assaulted = _ASSAULTED.search(folded)
    return assaulted if assaulted is not None and _THREAT_OF_LAW.search(folded, assaulted.start()) is None else None


def tells_someone_hurt(text: str) -> bool:
    """Whether a message tells of someone hurt now (``tells_an_emergency``): "il y a un blessé", "my wife is
    bleeding"; or of someone whose life hangs on a machine, with the power gone ("power cut for 3 hours and my father
    is on an oxygen concentrator, the battery is running low"): the emergency services first, then a person."""
    return _hurt_now(fold(text)) or tells_a_machine_unpowered(text)


def tells_a_machine_unpowered(text: str) -> bool:
    """Whether a message tells of someone whose life hangs on a machine, with the power gone now ("coupure de courant
    depuis ce matin et ma mère est sous assistance respiratoire"): no article answers it, a person and the emergency
    services do."""
    folded = fold(text)
    return (told := _told_at(_UNPOWERED, folded)) is not None and not _past_or_covered(folded, told)


# someone taken ill, in words that alone tell no emergency ("ma voisine a mal à la tête et elle vomit", "my neighbour
# feels dizzy"): one right after a danger told (gas smelt, smoke) is someone hurt by it
_UNWELL = re.compile(
    r"\b(?:vomit\w*|throwing up|threw up|dizzy|dizziness|light-?headed|headaches?|nause\w*|drowsy|confused|"
    r"(?:feels?|feeling|felt) (?:sick|ill|unwell|faint|weird|strange|drowsy|woozy)|(?:fainted|passed out)|"
    r"vomi\w*|vertiges?|etourdi\w*|mal (?:a|au) (?:la )?(?:tete|coeur)|envie de vomir|somnolente?s?|malaise|"
    r"(?:se sent|se sentent|me sens|nous sentons|on se sent) (?:mal|pas bien|faible|bizarre|partir)|"
    r"tourne de l'oeil|perdu connaissance|perd connaissance)\b")


def tells_someone_unwell(text: str) -> bool:
    """Whether a message tells of someone taken ill ("elle vomit", "feels dizzy"), which right after a danger told is
    someone hurt by it."""
    folded = fold(text)
    return (told := _UNWELL.search(folded)) is not None and _NOT_SOMEONE.search(folded[:told.start()]) is None


# of someone hurt, what makes it a matter of cover: "my son got injured at rugby last season, can I claim?"
_OF_COVER = re.compile(r"\b(?:covered|cover|insurance|insured|claim\w*|couvert\w*|couvre|assurance|assure\w*|declar\w*|"
                       r"sinistre|prise en charge|pris en charge|indemni\w*)\b")


# a body hurt by a fall or a knock, told in other words than "hurt" or "injured": "I slipped by the pool yesterday and
# my wrist still hurts", "hier je suis tombée dans les escaliers, genou tout gonflé" (not a headache, a sore back)
_LIMB_EN = r"wrists?|knees?|ankles?|arms?|legs?|hands?|feet|foot|neck|shoulders?|hips?|fingers?|toes?|elbows?"
_LIMB_FR = r"genoux?|chevilles?|poignets?|bras|jambes?|mains?|pieds?|cou|epaules?|hanches?|doigts?|coudes?"
_INJURED = re.compile(
    # (a fall that hurt a body: not "I slipped up", "fell for it", "I fell and my phone is broken", "it hit my balance")
    r"\b(?:i|he|she|we|they|my \w+)\s+(?:just\s+)?(?:slipped|fell|tripped)"
    r"(?! up\b| for\b| behind\b| in love\b| asleep\b| over my words\b)\b[^.!?]{0,60}\b(?:"
    r"hurt (?:my|his|her|myself|himself|herself)|broke (?:my|his|her) (?:"
    + _LIMB_EN + r"|back|head|nose|ribs?)|twisted|sprained|injured|bleeding|bruised|hit (?:my|his|her) (?:head|"
    + _LIMB_EN + r"))\b|"
    r"\b(?:my|his|her)\s+(?:" + _LIMB_EN + r")\s+(?:still\s+|really\s+)?(?:hurts|is hurting|are hurting|is swollen|"
    r"is broken|is sprained|is bleeding|is bruised)\b|"
    r"\b(?:broke|sprained|twisted|fractured) (?:my|his|her) (?:" + _LIMB_EN + r"|back|head)\b|"
    # hurt by a thing: "I hurt my back on a broken leg press machine"
    r"\b(?:i|he|she|we|they|my \w+)(?:'ve| have| has|'s)?\s+(?:just\s+|badly\s+)?(?:hurt|injured) "
    r"(?:(?:my|his|her|our|their) (?:" + _LIMB_EN + r"|back|head|neck)\b|myself|himself|herself)|"
    # ("je me suis cassé la jambe", not "cassé la tête", "coupé de tout", "tordu de rire")
    r"\b(?:je me suis|il s'est|elle s'est|on s'est)\s+(?:fait mal|blesse\w*|(?:casse|cassee|foule|foulee|tordu|tordue|"
    r"coupe|coupee|ouvert|ouverte) (?:le |la |les |l')?(?:" + _LIMB_FR + r"|dos|nez|cotes?))\b|"
    r"\b(?:" + _LIMB_FR + r")\s+(?:est\s+|sont\s+)?(?:tout\s+|toute\s+|tres\s+|completement\s+)?(?:gonfle\w*|enfle\w*|"
    r"casse\w*|foule\w*|en sang)\b|"
    r"\bj'ai (?:tres |super |trop |vraiment )?mal (?:au|a la|aux|a l')\s?(?:" + _LIMB_FR + r")\b|"
    r"\b(?:suis|est|es|etes|sommes) (?:tombee?s?|tombes)(?! en panne\b| sur\b| d'accord\b| amoureu\w*)\b"
    r"[^.!?]{0,60}\b(?:"
    r"mal|blesse\w*|(?:" + _LIMB_FR + r") (?:casse\w*|gonfle\w*|foule\w*)|saign\w*|foule\w*)\b")


_AN_ANIMAL = re.compile(r"\b(?:dog|cat|puppy|kitten|pet|horse|chien|chat|chiot|chaton|cheval|animal)\b")


# of someone hurt, what tells them taken ill rather than injured: "mon mari a fait un malaise pendant le vol d'hier, il
# est hospitalisé", "my dad had a heart attack last week" (sympathy, not "sorry about this injury, see a doctor")
_TAKEN_ILL = re.compile(r"\b(?:malaise|faint\w*|collaps\w*|passed out|heart attack|crise cardiaque|stroke|avc|"
                        r"evanoui\w*|effondre\w*|chest pain|poitrine|respir\w*|breath\w*|anaphyla\w*|allergi\w*|"
                        r"overdose|ne reagit plus|unresponsive|unconscious|inconscient\w*|fever|fievre|temperature)")


def tells_an_illness(text: str) -> bool:
    """Whether someone hurt that a message tells of (``tells_an_injury``) was taken ill rather than injured: "mon mari
    a fait un malaise pendant le vol d'hier"."""
    folded = fold(text)
    told = [m.group(0) for m in _SOMEONE_HURT.finditer(folded) if _NOT_SOMEONE.search(folded[:m.start()]) is None]
    return bool(told) and all(_TAKEN_ILL.search(t) for t in told) and _INJURED.search(folded) is None


def tells_an_injury(text: str) -> bool:
    """Whether a message tells of someone hurt, not now ("ma lampe m'a brûlé la main hier", "I was electrocuted by the
    lamp last night"): someone hurt to hear and hand over with care; not a matter of cover ("my son got injured at rugby
    last season, can I claim?"), nobody, an animal, nor someone hurt if ever."""
    folded = fold(text)
    if _OF_COVER.search(folded) is not None or _FINE.search(folded) is not None or _ASKS_OTHER.search(folded):
        return False
    return any(_NOT_SOMEONE.search(folded[:told.start()]) is None and _AN_ANIMAL.search(told.group(0)) is None
               and not _an_animal_s(folded, told)  # ("mon chien vient de se faire renverser… il saigne beaucoup")
               for pattern in (_SOMEONE_HURT, _INJURED) for told in pattern.finditer(folded))


# the services that come for someone hurt or a fire ("call 112", "appelez le 15", "les pompiers"): not the police alone
# ("If you felt threatened, contact the police (17)" is no help for a rider bleeding), nor "within 15 days"
_CALLS_FOR_HELP = re.compile(r"\b(?:112|911|999|samu|pompiers|secours|emergency services?|ambulance|fire brigade|"
                             r"fire service|fire department|(?:appelez|appeler|appelle|composez|call|dial|le|the) "
                             r"(?:le |the )?(?:15|18))\b")


# the emergency services, and what to do in a danger (not a card's "emergency line", a "code de secours")
_OF_EMERGENCIES = re.compile(
    r"\b(?:112|911|999|samu|pompiers|les secours|aux secours|services? de secours|emergency services?|"
    r"services? d'urgence|urgences? (?:vitale|medicale)s?|medical emergenc\w*|ambulance|"
    r"(?:appelez|appeler|appelle|composez|call|dial) (?:le |the )?(?:15|17|18)|signal d'alarme|alarm signal|"
    r"emergency (?:alarm|brake|button)|frein d'urgence|harassment|harcelement|assault|agression|aggression|"
    r"alarm button|bouton d'alarme|(?:bouton|touche) d'appel d'urgence)\b")


# a word of a danger, told or asked about ("what do I do if I smell gas?", "fuite", "ça brûle"): a message with none
# has nothing for what to do in one
_DANGER_WORD = re.compile(r"\b(?:leak\w*|smell\w*|odeurs?|odors?|odours?|fuite\w*|fuit|sent|sens|pue\w*|fire|feu|"
                          r"fumee|smoke|smoking|burn\w*|brule\w*|burst|eclat\w*|explos\w*|flood\w*|inond\w*|"
                          r"monoxid\w*|monoxyde|co|sparks?|etincelles?|stuck|trapped|coince\w*|bloque\w*|"
                          r"enferme\w*|urgen\w*|emergenc\w*|danger\w*|safety|securite|alarme?s?|accident\w*|"
                          r"hurt|injur\w*|blesse\w*|secours|help|aide[rz]?|au secours|pouring|coule\w*|water|eau)\b")


def of_a_danger(title: str) -> bool:
    """Whether ``title`` (an article's title or one of its phrasings) is about a danger at home, whenever it happens:
    "Fuite de gaz : que faire", "ça sent le gaz chez moi", "Burst pipe"."""
    folded = fold(title)
    return _EMERGENCY.search(folded) is not None or _FIRE_ALARM.search(folded) is not None


def names_a_danger(text: str) -> bool:
    """Whether a message has a word of a danger, told or asked about: not "vous vendez du gaz aussi ?", "et le gaz
    vert vous avez ?", which what to do in a gas leak does not answer."""
    return _DANGER_WORD.search(fold(text)) is not None


def speaks_of_emergencies(text: str) -> bool:
    """Whether ``text`` (an article) speaks of emergencies at all: one that does not (a funeral allowance, a private
    room's price) is no answer to someone collapsing now, however near the search finds it."""
    return _OF_EMERGENCIES.search(fold(text)) is not None


def names_emergency_services(text: str) -> bool:
    """Whether ``text`` (an answer) names the emergency services or their number ("If anyone is injured, call 112")."""
    return _CALLS_FOR_HELP.search(fold(text)) is not None


def says_the_app_is_out_of_reach(text: str) -> bool:
    """Whether a message says the app cannot be used ("I don't have the app", "jai pas l'appli sur moi", "my phone was
    stolen too")."""
    return _NO_APP.search(fold(text)) is not None


def gives_a_way_without_the_app(text: str) -> bool:
    """Whether an article gives a way to reach the company without the app (a number to call)."""
    return _WITHOUT_APP.search(fold(text)) is not None


# what a thief may use against the customer (a card, a phone, keys, papers): blocked at once; a parcel is not
_PARCEL = re.compile(r"\b(?:parcels?|packages?|deliver(?:y|ies)|colis|livraisons?|commandes?|orders?|paquets?)\b")
_VALUABLES = re.compile(r"\b(?:cards?|cartes?|cb|phones?|telephones?|portables?|wallets?|portefeuilles?|sacs?|bags?|"
                        r"purses?|keys?|cles?|clefs?|papiers|passports?|passeports?|chequebooks?|chequiers?|id|"
                        r"identite|laptop|ordinateur|password|passwords|mot de passe|identifiants?|logins?|credentials|"
                        r"accounts?|comptes?|details|coordonnees|codes?|iban|data|donnees)\b")


def only_a_parcel_stolen(text: str) -> bool:
    """Whether the theft a message tells is of a parcel alone ("on m'a volé mon colis devant ma porte"): something to
    report and replace, not to block at once (no "let's act right away")."""
    folded = fold(text)
    return _PARCEL.search(folded) is not None and _VALUABLES.search(folded) is None


def tells_a_theft(text: str) -> bool:
    """Whether a message tells of a theft ("card stolen and i cant get into the app", "on m'a volé mon sac"): the
    reply acts at once (urgency); not "what should I do if my card is stolen abroad?", "does travel insurance cover
    stolen phones?"."""
    return _told(_THEFT, text)


# the customer speaking to the bot as "tu" ("tu peux me dire", "peux-tu", "t'es un robot ?"), or as "vous" in so many
# words of courtesy ("pourriez-vous", "je vous remercie", "Madame, Monsieur"); a bare "vous" or "vos frais" speaks to
# the company as much as to the bot, and says nothing of a register
_SAYS_TU = re.compile(r"(?:^|[\s,.;:!?(])(?:tu|toi|t'es|t'as|t'aurais|t'aurai|t'sais)(?=$|[\s,.;:!?)])|"
                      r"\b(?:peux|pourrais|sais|saurais|as|aurais|es|connais|vois|veux)-tu\b")
_SAYS_VOUS = re.compile(r"\b(?:pourriez|pouvez|auriez|sauriez|savez|voudriez|avez|etes|connaissez)[- ]vous\b|"
                        r"\bje vous (?:remercie|prie|serais|saurais)\b|\bvous remercie\b|\bveuillez\b|"
                        r"\bmadame,? monsieur\b|\bmerci de bien vouloir\b|\bbien a vous\b|\bcordialement\b")


# what the customer quotes, not says to the bot: «…», "…", and what a message or a caller said ("un SMS qui dit : tu as
# un colis en attente")
_QUOTED = re.compile(r"«[^»]*»?|\"[^\"]*\"?|“[^”]*”?|\b(?:dit|disait|ecrit|says|said|saying|reads)\s*:.*$")


def register_used(texts: Sequence[str]) -> str | None:
    """How the customer speaks to the bot, from their messages, latest first: "tu", "vous" (``_SAYS_VOUS``), or None
    when none of them says."""
    for text in texts:
        folded = _QUOTED.sub(" ", fold(text).replace("’", "'"))
        if _SAYS_TU.search(folded):
            return "tu"
        if _SAYS_VOUS.search(folded):
            return "vous"
    return None


screen_all(globals())  # the patterns above, each searched for a word it needs first (assistant.screening)
