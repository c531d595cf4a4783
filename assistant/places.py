"""Where a customer says something happened, told from where their record says it did.

"my card got declined in a shop in new york yesterday" from a customer whose record holds a payment
declined at a hotel in Tokyo: the record's event is another one, and telling it as the answer would
overrule what the customer just said. The countries and the cities travellers name most, in English
and French, each with its ISO 3166 code as events carry it (``data.country``) or as a destination
names it ("Tokyo, Japan").
"""
from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from typing import Any

from assistant.language import detect_language
from assistant.screening import screen_all
from knowledge.texting import unaccented as fold

_PLACES: dict[str, tuple[str, ...]] = {
    "US": ("united states", "usa", "u.s.a", "the us", "the states", "etats-unis", "etats unis", "new york", "nyc",
           "los angeles", "miami", "san francisco", "las vegas", "chicago", "boston", "washington", "new orleans",
           "seattle", "hawaii", "florida", "floride", "california", "californie"),
    "CA": ("canada", "montreal", "toronto", "vancouver", "quebec", "canadian", "canadien", "canadienne"),
    "GB": ("uk", "united kingdom", "great britain", "england", "royaume-uni", "royaume uni", "angleterre",
           "london", "londres", "scotland", "ecosse", "edinburgh", "edimbourg", "manchester", "wales"),
    "IE": ("ireland", "irlande", "dublin", "irish"),
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
    "MA": ("morocco", "maroc", "marrakech", "marrakesh", "casablanca", "rabat", "moroccan", "marocain",
           "marocaine"),
    "TN": ("tunisia", "tunisie", "tunis", "djerba", "tunisian", "tunisien", "tunisienne"),
    "DZ": ("algeria", "algerie", "alger", "algiers", "algerian", "algerien", "algerienne"),
    "SN": ("senegal", "dakar", "senegalese", "senegalais", "senegalaise"),
    "NG": ("nigeria", "lagos", "abuja", "nigerian"),
    "AE": ("dubai", "abu dhabi", "united arab emirates", "emirats"),
    "TH": ("thailand", "thailande", "bangkok", "phuket"),
    "CN": ("china", "chine", "beijing", "pekin", "shanghai", "hong kong"),
    "KR": ("south korea", "korea", "coree", "seoul"),
    "VN": ("vietnam", "viet nam", "hanoi"),
    "IN": ("india", "inde", "mumbai", "delhi", "indian", "indien", "indienne"),
    "AU": ("australia", "australie", "sydney", "melbourne"),
    "BR": ("brazil", "bresil", "rio de janeiro", "sao paulo"),
    "MX": ("mexique", "cancun"),
    "FR": ("france", "paris", "lyon", "marseille", "bordeaux", "toulouse", "lille"),
    "NO": ("norway", "norvege", "oslo"),
    "SE": ("sweden", "suede", "stockholm"),
    "DK": ("denmark", "danemark", "copenhagen", "copenhague"),
    "FI": ("finland", "finlande", "helsinki"),
    "AT": ("austria", "autriche", "vienna"),
    "PL": ("poland", "pologne", "warsaw", "varsovie", "cracovie", "krakow"),
    "LU": ("luxembourg",),
    "CZ": ("czech republic", "czechia", "republique tcheque", "tchequie", "prague"),
    "HU": ("hungary", "hongrie", "budapest"),
    "RO": ("romania", "roumanie", "bucharest", "bucarest"),
    "HR": ("croatia", "croatie", "zagreb", "dubrovnik"),
    "IS": ("iceland", "islande", "reykjavik"),
    "MC": ("monaco",),
    "BG": ("bulgaria", "bulgarie"),
    "CY": ("cyprus", "chypre"),
    "MT": ("malta", "malte"),
    "EE": ("estonia", "estonie", "tallinn"),
    "LV": ("latvia", "lettonie", "riga"),
    "LT": ("lithuania", "lituanie", "vilnius"),
    "SK": ("slovakia", "slovaquie", "bratislava"),
    "SI": ("slovenia", "slovenie", "ljubljana"),
    "LI": ("liechtenstein",),
    "AD": ("andorra", "andorre"),
    "SM": ("san marino", "saint-marin"),
    "VA": ("vatican",),
    "RS": ("serbia", "serbie", "belgrade"),
    "AL": ("albania", "albanie", "tirana"),
    "ME": ("montenegro",),
    "BA": ("bosnia", "bosnie", "sarajevo"),
    "RU": ("russia", "russie", "moscow", "moscou"),
    "UA": ("ukraine", "kyiv", "kiev"),
    "IL": ("israel", "tel aviv", "jerusalem"),
    "LB": ("lebanon", "liban", "beirut", "beyrouth"),
    "JO": ("jordanie",),
    "EG": ("egypt", "egypte", "cairo", "le caire"),
    "QA": ("qatar", "doha"),
    "SA": ("saudi arabia", "arabie saoudite", "riyadh"),
    "ZA": ("south africa", "afrique du sud", "cape town", "johannesburg"),
    "CI": ("ivory coast", "cote d'ivoire", "abidjan"),
    "CM": ("cameroon", "cameroun", "douala", "yaounde"),
    "MG": ("madagascar",),
    "MU": ("mauritius", "ile maurice"),
    "AR": ("argentina", "argentine", "buenos aires"),
    "CO": ("colombia", "colombie", "bogota"),
    "PE": ("peru", "perou"),
    "CU": ("cuba", "havana", "la havane"),
    "DO": ("dominican republic", "republique dominicaine", "punta cana"),
    "ID": ("indonesia", "indonesie", "bali", "jakarta"),
    "PH": ("philippines", "manila", "manille"),
    "SG": ("singapore", "singapour"),
    "MY": ("malaysia", "malaisie", "kuala lumpur"),
    "NZ": ("new zealand", "nouvelle-zelande", "nouvelle zelande", "auckland"),
}
_CODE_OF = {name: code for code, names in _PLACES.items() for name in names}
# "vers lallemagne", "en litalie": the elided article typed without its apostrophe
_CODE_OF |= {f"l{name}": code for name, code in list(_CODE_OF.items()) if name[0] in "aeiouy" and len(name) >= 4}
_NAMED = re.compile(r"(?<![\w-])(" + "|".join(sorted(map(re.escape, _CODE_OF), key=len, reverse=True)) + r")(?![\w-])")


# a name of six letters or more typed with one letter left out or two swapped: "germny", "swtizerland"; not
# the words such a slip makes of some ("german", "island", "hungry", "settle", "swede", "inland", "noway")
_SLIPS = frozenset({"german", "franc", "hungry", "island", "noway", "settle", "boson", "rance", "swede", "munch",
                    "turque", "croate", "inland", "vence", "dubin", "cameron", "cyrus", "mania", "maille", "colombe",
                    "malaise", "serbe", "russe"})


def _slipped(name: str) -> set[str]:
    return ({name[:i] + name[i + 1:] for i in range(len(name))}
            | {name[:i] + name[i + 1] + name[i] + name[i + 2:] for i in range(len(name) - 1)})


_TYPED = {slip: name for name in sorted(_CODE_OF, reverse=True)
          if len(name) >= 6 and re.fullmatch(r"[a-z]+", name) and not (name[0] == "l" and name[1:] in _CODE_OF)
          for slip in _slipped(name) if slip not in _CODE_OF and slip not in _SLIPS}
_WORD = re.compile(r"(?<![\w-])[a-z]{5,}(?![\w-])")


def _spelled(folded: str) -> str:
    """A (folded) text with the names of places typed with a slip written right: "to germny" → "to germany"."""
    return _WORD.sub(lambda m: _TYPED.get(m.group(0), m.group(0)), folded)


# a country named as the place a thing is not: "Frais (hors France) :", "outside the UK", "sauf en Belgique"
_BUT = re.compile(r"\b(?:hors|outside|outside of|en dehors|except|excepte|sauf|other than|ailleurs qu|ailleurs que)"
                  r"(?: (?:de|du|des|d'|en|in|au|aux|a|the|la|le|les|l'))*\s?$")


def countries_named(text: str) -> set[str]:
    """The countries ``text`` names, itself or by one of its cities, typed right or with a slip: "in a shop in new
    york" → {"US"}; "a transfer to germny" → {"DE"}; not the one it places a thing outside of ("hors France"). Read
    a dozen times a turn, of the message and of the articles' titles and sentences: remembered for the last texts."""
    return set(_countries_named(text))


@functools.lru_cache(maxsize=4096)
def _countries_named(text: str) -> frozenset[str]:
    spelled = _spelled(fold(text))
    return frozenset(_CODE_OF[m.group(1)] for m in _NAMED.finditer(spelled)
                     if not _BUT.search(spelled, max(0, m.start() - 40), m.start()))


# the European Union and the EEA, where a European plan or card is at home: "je pars en espagne" is answered by "Dans
# l'Union européenne…", not by Zone 1's price
EU = frozenset({"AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE", "IT", "LV", "LT",
                "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE", "IS", "LI", "NO"})
_EUROPE = re.compile(r"(?<!outside )(?<!outside the )(?<!outside of )(?<!outside of the )(?<!non-)(?<!non )"
                     r"(?<!beyond )(?<!beyond the )(?<!hors )(?<!hors d')(?<!hors de l')(?<!en dehors de l')"
                     r"\b(?:eu|eea|ue|eee|union europeenne|european union|espace economique europeen|europe)\b")


# a sentence about every country no other names: "Zone 2 (rest of the world) €10 per day"
_THE_REST = re.compile(r"\b(rest of the world|reste du monde|other countries|autres pays|everywhere else|"
                       r"partout ailleurs|all other countries|tous les autres pays|"
                       # the zone just named, and outside it: "…in the SEPA area (EU, UK…); from an account outside it"
                       r"outside (?:it|this area|that area|this zone|that zone)|en dehors de (?:celle-ci|cette zone)|"
                       r"hors de cette zone)\b")


def names_the_rest(text: str) -> bool:
    """Whether ``text`` speaks of the countries no other sentence names ("Zone 2 (rest of the world)")."""
    return _THE_REST.search(fold(text)) is not None


# the zone of euro transfers (the EU and the EEA, the UK, Switzerland, Monaco, San Marino, the Vatican, Andorra), and
# the eurozone, named as such ("SEPA transfers…", "in the eurozone"; not "outside the SEPA zone", "hors zone euro")
_SEPA_TOO = frozenset({"GB", "CH", "MC", "SM", "VA", "AD"})
_EURO_AREA = frozenset({"AT", "BE", "BG", "HR", "CY", "EE", "FI", "FR", "DE", "GR", "IE", "IT", "LV", "LT", "LU", "MT",
                        "NL", "PT", "SK", "SI", "ES"})  # Bulgaria since 1 January 2026
_NOT_OUTSIDE = (r"(?<!outside the )(?<!outside )(?<!hors de la )(?<!hors la )(?<!hors )(?<!en dehors de la )"
                r"(?<!hors zone )(?<!hors de la zone )(?<!en dehors de la zone )(?<!non-)(?<!non )")
_SEPA = re.compile(_NOT_OUTSIDE + r"\bsepa\b")
_EURO = re.compile(_NOT_OUTSIDE + r"\b(?:eurozone|euro zone|euro area|zone euro)\b")
# and the world outside them: "international (non-SEPA) transfers", "hors de la zone SEPA", "outside the eurozone"
_OUTSIDE_SEPA = re.compile(r"\b(?:non[- ]sepa|(?:hors|outside|en dehors)(?: of| de)?(?: the| la)?(?: zone)? sepa|"
                           r"internationa(?:l|le|les|ux))\b")
_OUTSIDE_EURO = re.compile(r"\b(?:hors|outside|en dehors)(?: of| de)?(?: the| la)? "
                           r"(?:eurozone|euro zone|euro area|zone euro)\b")
# the world outside the EU, as a roaming article places itself: "Outside Europe…", "Hors de l'Union européenne…",
# "hors UE", "non-EU countries"
_OUTSIDE_EU = re.compile(r"\b(?:non[- ](?:eu|ue|eea)|(?:hors|outside|en dehors|beyond|au-dela)(?: of| de| d'| du)?"
                         r"(?: the| l'| la)? ?(?:eu|eea|ue|eee|union europeenne|european union|europe|"
                         r"espace economique europeen))\b")


def zones_named(text: str) -> set[str]:
    """The zones ``text`` names in words ("Dans l'Union européenne…": "EU"; "to the SEPA zone": "SEPA"), not by a
    country of theirs."""
    folded = fold(text)
    return {zone for zone, said in (("EU", _EUROPE), ("SEPA", _SEPA), ("EURO", _EURO)) if said.search(folded)}


def regions_named(text: str, *, zones_of_countries: bool = True) -> set[str]:
    """``countries_named``, and "EU" where ``text`` names a country of the EU or the EEA, or them ("In the EU and
    EEA…"; not "Outside Europe…"); "SEPA" and "EURO" where it names the zone of euro transfers or the eurozone, or
    (``zones_of_countries``: a question's "and to germany?", not an article's list of countries) one of theirs;
    "ABROAD_SEPA", "ABROAD_EURO" and "ABROAD_EU" where it names the world outside them ("international transfers",
    "outside the eurozone", "Outside Europe…"), or (``zones_of_countries``) a country there ("and to the us?")."""
    countries = countries_named(text)
    named = set(countries)
    folded = fold(text)
    if named & EU or _EUROPE.search(folded):
        named.add("EU")
    if zones_of_countries and named & (EU | _SEPA_TOO) or _SEPA.search(folded):
        named.add("SEPA")
    if zones_of_countries and named & _EURO_AREA or _EURO.search(folded):
        named.add("EURO")
    if zones_of_countries and countries - EU - _SEPA_TOO or _OUTSIDE_SEPA.search(folded):
        named.add("ABROAD_SEPA")  # "and to the us?" is the article's "international ones take 2 to 5 business days"
    if zones_of_countries and countries - _EURO_AREA or _OUTSIDE_EURO.search(folded):
        named.add("ABROAD_EURO")
    if zones_of_countries and countries - EU or _OUTSIDE_EU.search(folded):
        named.add("ABROAD_EU")
    return named


# each zone, and the world outside it, as a question names them
_ZONES = {"SEPA": "ABROAD_SEPA", "EURO": "ABROAD_EURO", "EU": "ABROAD_EU"}
_ZONE_WORDS = {"SEPA": ("to the SEPA zone", "vers la zone SEPA"),
               # "outside the SEPA zone" reads as the SEPA zone to the encoder; "internationally" does not
               "ABROAD_SEPA": ("internationally", "à l'international"),
               "EURO": ("in the eurozone", "dans la zone euro"),
               "ABROAD_EURO": ("outside the eurozone", "hors de la zone euro"),
               "EU": ("in the EU", "dans l'Union européenne"),
               # "outside Europe" reads as Europe to the encoder (in_its_zone then takes the article placed there)
               "ABROAD_EU": ("outside the EU", "hors de l'Union européenne")}
# a country with the words that lead to it: "to the us", "vers l'allemagne", "au maroc"
_PLACED = re.compile(r"(?:(?<![\w-])(?:to|in|into|for|from|en|au|aux|vers|dans|pour|depuis|de)\s+)?"
                     r"(?:(?<![\w-])(?:the|l'|le|la|les)\s*)?" + _NAMED.pattern)


def zone_apart(asked: str, article: str, of: str | None = None, whole: str = "") -> str | None:
    """The zone of the country ``asked`` names (a question) that ``article`` places itself outside of: "SEPA" for
    "how much does a transfer to germany cost?" and the international transfer's "To send money outside the SEPA zone
    (for example to the US…)"; "ABROAD_SEPA" the other way round; "EU" for "je suis en espagne, mes gigas marchent ?"
    and "Hors de l'Union européenne…". None when the question names no country, names the zone itself, or the article
    names that country or speaks of that side too. ``of``: that zone only. ``whole``: the whole article, whose roaming
    "In the EU… Outside Europe…" speaks of both sides of the EU though its first sentence names one."""
    countries = countries_named(asked)
    folded = fold(asked)
    if not countries or _SEPA.search(folded) or _EURO.search(folded):
        return None
    # "an international transfer to germany" is one across a border: the country says which side it is on
    theirs = regions_named(_INTERNATIONAL.sub(" ", folded))
    its = regions_named(article, zones_of_countries=False)
    if countries & its:
        return None
    both = regions_named(whole, zones_of_countries=False) if whole else set()
    for zone, outside in _ZONES.items():
        if zone == "EU" and (_EUROPE.search(folded) or _OUTSIDE_EU.search(folded)
                             or {"EU", "ABROAD_EU"} <= both or whole and names_the_rest(whole)):
            continue  # "roaming in europe, i'm in spain": the zone asked; an article of both sides
        for side, other in ((zone, outside), (outside, zone)):
            if side in theirs and other not in theirs and other in its and side not in its and of in (None, side):
                return side
    return None


def placed_last(*texts: str) -> str:
    """Of ``texts`` (a conversation's questions, in order), the last part that names a country: "and to germany?" of
    "I sent money to the US yesterday, how long does it take? and to germany? how much does it cost?"."""
    parts = [p for t in texts for p in re.split(r"(?<=[?.!])\s+", t) if countries_named(p)]
    return parts[-1] if parts else ""


_INTERNATIONAL = re.compile(r"\binternationa(?:l|le|les|ux)\b")


def as_zone(text: str, zone: str, language: str) -> str:
    """``text`` with the countries it names said as ``zone`` (``zone_apart``), for a search the country leads astray:
    "how much does a transfer to germany cost?" finds the international transfer (0.59); "…to the SEPA zone…" the SEPA
    transfer (0.55). Folded."""
    words = _ZONE_WORDS[zone][1 if language == "fr" else 0]
    folded = _spelled(fold(text))
    if not zone.startswith("ABROAD_"):  # "an international transfer to germany": to the SEPA zone, not international
        folded = _INTERNATIONAL.sub(" ", folded)
    return _PLACED.sub(words, folded)


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


_AWAY = re.compile(r"\b(?:abroad|overseas|foreign|etranger|internationa(?:l|le|les|ux))\b")


def speaks_of_abroad(text: str, home: str | None) -> bool:
    """Whether ``text`` (an article) speaks of somewhere outside the ``home`` country: a country, a zone ("In the EU…",
    "hors zone euro"), or abroad itself ("à l'étranger"). Not a plans list that names no place."""
    countries = countries_named(text)
    return (bool(countries - {home}) or bool(regions_named(text, zones_of_countries=False) - countries - {"EU"})
            or _EUROPE.search(folded := fold(text)) is not None or _AWAY.search(folded) is not None)


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


# a city of the home country, where something happens: "near lyon", "à marseille", "sur l'autoroute vers lille"
_AT_A_PLACE = r"(?:near|in|at|around|outside|by|from|to|a|au|pres de|vers|sur|dans|de|du|a cote de|autour de)"


def without_home_places(text: str, home: str | None) -> str:
    """``text`` without the cities of the ``home`` country (ISO 3166) it names with a word of where ("flat tyre on the
    motorway near lyon" → "flat tyre on the motorway"), for a search the city leads astray (0.41 → 0.68). The text is
    folded where it names one; unchanged where none."""
    if not home:
        return text
    folded = fold(text)
    cities = [name for name in _PLACES.get(home, ())[1:]]
    if not cities or not any(m.group(1) in cities for m in _NAMED.finditer(folded)):
        return text
    named = "|".join(sorted(map(re.escape, cities), key=len, reverse=True))
    return " ".join(re.sub(rf"\b{_AT_A_PLACE}\s+(?:{named})(?![\w-])", " ", folded).split())


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


screen_all(globals())  # the patterns above, each searched for a word it needs first (assistant.screening)
