"""Where a customer says something happened, told from where their record says it did.

"my card got declined in a shop in new york yesterday" from a customer whose record holds a payment
declined at a hotel in Tokyo: the record's event is another one, and telling it as the answer would
overrule what the customer just said. The countries and the cities travellers name most, in English
and French, each with its ISO 3166 code as events carry it (``data.country``) or as a destination
names it ("Tokyo, Japan").
"""
from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from assistant.language import detect_language
from knowledge.texting import unaccented as fold

_PLACES: dict[str, tuple[str, ...]] = {
    "US": ("united states", "usa", "u.s.a", "the us", "the states", "etats-unis", "etats unis", "new york", "nyc",
           "los angeles", "miami", "san francisco", "las vegas", "chicago", "boston", "washington", "new orleans",
           "seattle", "hawaii", "florida", "floride", "california", "californie"),
    "CA": ("canada", "montreal", "toronto", "vancouver", "quebec"),
    "GB": ("uk", "united kingdom", "great britain", "england", "royaume-uni", "royaume uni", "angleterre",
           "london", "londres", "scotland", "ecosse", "edinburgh", "edimbourg", "manchester", "wales"),
    "IE": ("ireland", "irlande", "dublin"),
    "JP": ("japan", "japon", "tokyo", "osaka", "kyoto"),
    "CH": ("switzerland", "suisse", "geneva", "geneve", "zurich", "lausanne"),
    "ES": ("spain", "espagne", "madrid", "barcelona", "barcelone", "seville", "valencia", "ibiza"),
    "IT": ("italy", "italie", "rome", "roma", "milan", "venice", "venise", "florence", "naples"),
    "DE": ("germany", "allemagne", "berlin", "munich", "frankfurt", "francfort", "hamburg", "hambourg"),
    "PT": ("portugal", "lisbon", "lisbonne", "lisboa", "porto"),
    "BE": ("belgium", "belgique", "brussels", "bruxelles"),
    "NL": ("netherlands", "pays-bas", "pays bas", "holland", "hollande", "amsterdam"),
    "GR": ("greece", "grece", "athens", "athenes"),
    "TR": ("turquie", "istanbul"),
    "MA": ("morocco", "maroc", "marrakech", "marrakesh", "casablanca", "rabat"),
    "TN": ("tunisia", "tunisie", "tunis", "djerba"),
    "DZ": ("algeria", "algerie", "alger", "algiers"),
    "SN": ("senegal", "dakar"),
    "NG": ("nigeria", "lagos", "abuja"),
    "AE": ("dubai", "abu dhabi", "united arab emirates", "emirats"),
    "TH": ("thailand", "thailande", "bangkok", "phuket"),
    "CN": ("china", "chine", "beijing", "pekin", "shanghai", "hong kong"),
    "KR": ("south korea", "korea", "coree", "seoul"),
    "VN": ("vietnam", "viet nam", "hanoi"),
    "IN": ("india", "inde", "mumbai", "delhi"),
    "AU": ("australia", "australie", "sydney", "melbourne"),
    "BR": ("brazil", "bresil", "rio de janeiro", "sao paulo"),
    "MX": ("mexique", "cancun"),
    "FR": ("france", "paris", "lyon", "marseille", "bordeaux", "toulouse", "lille"),
}
_CODE_OF = {name: code for code, names in _PLACES.items() for name in names}
_NAMED = re.compile(r"(?<![\w-])(" + "|".join(sorted(map(re.escape, _CODE_OF), key=len, reverse=True)) + r")(?![\w-])")


def countries_named(text: str) -> set[str]:
    """The countries ``text`` names, itself or by one of its cities: "in a shop in new york" → {"US"}."""
    return {_CODE_OF[m.group(1)] for m in _NAMED.finditer(fold(text))}


# the European Union and the EEA, where a European plan or card is at home: "je pars en espagne" is answered by "Dans
# l'Union européenne…", not by Zone 1's price
EU = frozenset({"AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE", "IT", "LV", "LT",
                "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE", "IS", "LI", "NO"})
_EUROPE = re.compile(r"(?<!outside )(?<!hors )(?<!hors d')(?<!hors de l')(?<!en dehors de l')"
                     r"\b(?:eu|eea|ue|eee|union europeenne|european union|espace economique europeen|europe)\b")


# a sentence about every country no other names: "Zone 2 (rest of the world) €10 per day"
_THE_REST = re.compile(r"\b(rest of the world|reste du monde|other countries|autres pays|everywhere else|"
                       r"partout ailleurs|all other countries|tous les autres pays)\b")


def names_the_rest(text: str) -> bool:
    """Whether ``text`` speaks of the countries no other sentence names ("Zone 2 (rest of the world)")."""
    return _THE_REST.search(fold(text)) is not None


# the zone of euro transfers (the EU and the EEA, the UK, Switzerland, Monaco, San Marino, the Vatican, Andorra), and
# the eurozone, named as such ("SEPA transfers…", "in the eurozone"; not "outside the SEPA zone", "hors zone euro")
_SEPA_TOO = frozenset({"GB", "CH", "MC", "SM", "VA", "AD"})
_EURO_AREA = frozenset({"AT", "BE", "HR", "CY", "EE", "FI", "FR", "DE", "GR", "IE", "IT", "LV", "LT", "LU", "MT", "NL",
                        "PT", "SK", "SI", "ES"})
_NOT_OUTSIDE = r"(?<!outside the )(?<!outside )(?<!hors de la )(?<!hors la )(?<!hors )(?<!en dehors de la )"
_SEPA = re.compile(_NOT_OUTSIDE + r"\bsepa\b")
_EURO = re.compile(_NOT_OUTSIDE + r"\b(?:eurozone|euro zone|euro area|zone euro)\b")


def regions_named(text: str, *, zones_of_countries: bool = True) -> set[str]:
    """``countries_named``, and "EU" where ``text`` names a country of the EU or the EEA, or them ("In the EU and
    EEA…"; not "Outside Europe…"); "SEPA" and "EURO" where it names the zone of euro transfers or the eurozone, or
    (``zones_of_countries``: a question's "and to germany?", not an article's list of countries) one of theirs."""
    named = countries_named(text)
    folded = fold(text)
    if named & EU or _EUROPE.search(folded):
        named.add("EU")
    if zones_of_countries and named & (EU | _SEPA_TOO) or _SEPA.search(folded):
        named.add("SEPA")
    if zones_of_countries and named & _EURO_AREA or _EURO.search(folded):
        named.add("EURO")
    return named


def country_of(data: Mapping[str, Any]) -> str | None:
    """Where an event happened: its ``country`` (ISO 3166, "JP"), else the country its ``destination`` names."""
    code = data.get("country")
    if isinstance(code, str) and len(code.strip()) == 2:
        return {"UK": "GB"}.get(code.strip().upper(), code.strip().upper())  # "UK" as records often write it
    for key in ("destination", "city", "location"):
        if isinstance(data.get(key), str) and (named := countries_named(data[key])):
            return next(iter(named)) if len(named) == 1 else None
    return None


def elsewhere(data: Mapping[str, Any], said: str) -> bool:
    """Whether ``said`` places what it speaks of in another country than the event whose ``data`` is given: the
    customer names somewhere, and not the event's country."""
    named = countries_named(said) if said else set()
    if not named:
        return False
    where = country_of(data)
    return where is not None and where not in named


def as_abroad(text: str, home: str | None) -> str:
    """``text`` with the places it names outside the ``home`` country (ISO 3166) said as "abroad", for a search the
    place leads astray: "going to new york next week for work" finds nothing sure (0.29), "going to abroad next week
    for work" the card-abroad article (0.57). The text is folded where it names one; unchanged where none, or with no
    home to tell abroad from."""
    if not home:
        return text
    folded = fold(text)
    if not any(_CODE_OF[m.group(1)] != home for m in _NAMED.finditer(folded)):
        return text
    return _NAMED.sub(lambda m: m.group(1) if _CODE_OF[m.group(1)] == home else "abroad", folded)


# a currency not the euro, named by a customer paying abroad: "pay in euros or dollars" is the article's "euros or local
# currency" (the home currency is the euro: ``home`` a country of the eurozone)
_FOREIGN_MONEY = re.compile(r"\b(?:us |american |canadian |australian )?(?:dollars?|usd|pounds?(?: sterling)?|gbp|"
                            r"sterling|yens?|jpy|swiss francs?|francs? suisses?|chf|dirhams?|pesos?|yuans?|rupees?|"
                            r"livres? sterling|livres?|dollar americain|dollars americains)\b")
# the place, not "is there a fee?", "there's a charge"
_THERE = re.compile(r"(?<!\bis )(?<!\bare )(?<!\bwas )(?<!\bwere )\b(?:over there|there|la-bas|labas|la bas)\b"
                    r"(?! is\b| are\b|'s\b| was\b| were\b| will be\b| has\b| have\b| isn| aren)")


def as_local_money(text: str, home: str | None) -> str:
    """``text`` with a currency other than the euro said as the local one, for a customer at home in the eurozone: "the
    card machine asked if i want to pay in euros or dollars" finds nothing sure (0.45); "…euros or local currency"
    is the card abroad's "Should I pay in euros or local currency?". Folded where it names one."""
    if home not in _EURO_AREA:
        return text
    folded = fold(text)
    if not _FOREIGN_MONEY.search(folded):
        return text
    return _FOREIGN_MONEY.sub("devise locale" if detect_language(text, "en") == "fr" else "local currency", folded)


def there_as_abroad(text: str) -> str:
    """``text`` with "there", "là-bas" said as "abroad": for a message after one that named a place abroad ("and will
    my phone work there" after "going to new york next month")."""
    folded = fold(text)
    return _THERE.sub("abroad", folded) if _THERE.search(folded) else text
