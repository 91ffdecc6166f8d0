"""What a byline names that is no person: a wire agency, a desk, a publication, a company.

General knowledge, never one page's: the news agencies bylines credit ("Reuters", "Agence France-Presse",
"dpa-AFX"), the words a newsroom's desks are called by in the languages bylines come in ("Redaktion Politik",
"Editorial team", "La rédaction", "Web desk"), the nouns newspapers are named with ("The Wrenfield Courier",
"Valmora Daily News"), a company's legal form or trade ("… Zeitung GmbH", "Valmora Media Group"), an advertiser's
label ("Sponsored by …") and a broadcaster's code before its desk ("VTN Sport"). A person's name that holds one of these
words ("Michael Bloomberg", "Anna Reuter", "Ana Rose") is still a person's.
"""

from __future__ import annotations

import unicodedata

# news agencies and wire services, as bylines spell them (compared without case, accents, spaces or dashes)
_AGENCY_NAMES = (
    "Reuters|Thomson Reuters|Associated Press|Agence France-Presse|Agence France Presse|dpa-AFX|"
    "Deutsche Presse-Agentur|Bloomberg|Dow Jones|Dow Jones Newswires|PA Media|PA Wire|Press Association|"
    "Canadian Press|Australian Associated Press|Press Trust of India|Kyodo|Kyodo News|Jiji|Jiji Press|Yonhap|"
    "Xinhua|Xinhua News Agency|Interfax|Anadolu|Anadolu Agency|Europa Press|Agencia EFE|Belga|Ritzau|Lusa|"
    "Agerpres|Tanjug|Bernama|Antara|Notimex|Prensa Latina|Keystone-SDA|Austria Presse Agentur|"
    "Katholische Nachrichten-Agentur|Evangelischer Pressedienst|Sport-Informations-Dienst|"
    "Agence Belga|Ukrinform|RIA Novosti|Agencias|Agences|Agenzie|Agencies|Wire Services|Wire Service|Newswires"
)
# words after an agency's name that leave it an agency ("Reuters Staff", "Bloomberg News", "AP News")
_TAILS = "staff news wire wires newswire newswires opinion service services team desk writer reporter photographer"
_AGENCY_TAILS = frozenset(_TAILS.split())
# agencies' short codes: one before a dateline's place ("EFE Madrid") or after a name ("Ana Ruiz AFP") is no person
_CODE_NAMES = "AFP DPA AP EFE APA KNA SDA ANP ANSA EPD SID AAP PTI IANS ANI TASS PAP CTK MTI BTA HINA NTB DDP"
_CODES = frozenset(_CODE_NAMES.split())
# what a newsroom calls its desks: a word holding one of these is no part of a person's name
_DESK_STEMS = (
    "redaktion",  # German, Swedish, Danish ("Online-Redaktion", "Nachrichtenredaktion", "Redaktionen")
    "redaction",  # French ("La rédaction")
    "redaccion",  # Spanish
    "redaccio",  # Catalan
    "redacao",  # Portuguese ("Redação")
    "redazione",  # Italian
    "redactie",  # Dutch
    "redaksjon",  # Norwegian
    "redakcja",  # Polish
    "redakce",  # Czech
    "redakcia",  # Slovak
    "toimitus",  # Finnish
    "szerkesztoseg",  # Hungarian
    "newsdesk",
    "newsroom",
    "editorial",
    "agentur",  # "Nachrichtenagentur", "Agenturen"
)
# words that name a desk or a beat, never a person, when a name is made of nothing else ("Web desk", "Wire
# services", "Redaktion Sport"); one alone may be a surname, so only all of them together count
_DESKS = (
    "online news nachrichten staff team teams desk digital web wire wires service services board bureau unit "
    "agencies agences agencias agenzie agency international national local world politics politik economy "
    "wirtschaft kultur culture sport sports metro equipe text words photos red report reports from advertisement "
    "anzeige werbung sponsored promoted publicidad publicite publicidade pubblicita advertorial"
)
_DESK_WORDS = frozenset(_DESKS.split())
# a group of people is no author ("Yomiuri Shimbun Staff Writers")
_GROUP_WORDS = frozenset(
    "writers reporters editors correspondents journalists contributors staffers authors".split()  # noqa: SIM905
)
# the nouns newspapers are named with: a name ending in one names a paper ("Valmora Daily News", "Harbour Times")
_PAPERS = (
    "news times gazette tribune chronicle courier herald journal telegraph observer inquirer examiner bulletin "
    "newswire zeitung nachrichten tagblatt kurier rundschau anzeiger shimbun magazine magazin"
)
_PAPER_NOUNS = frozenset(_PAPERS.split())
_STAFF = frozenset({"staff", "team", "desk", "newsroom"})
_ADVERTISING = frozenset({"sponsored", "promoted", "advertisement", "anzeige", "werbung", "advertorial"})
_PAPER_FIRST = frozenset({"daily", "weekly"})  # "Daily Valmora"
_ARTICLES = frozenset({"The", "Der", "Die", "Das"})  # capitalised, before a name: "The Valmora Courier", "Die Zeit"
_COMPANIES = (
    "gmbh mbh ag kg ltd limited inc llc plc corp corporation verlag verlagsgruppe verlagshaus media medien publishing "
    "publications group gruppe holdings network networks"
)
_COMPANY = frozenset(_COMPANIES.split())


def names_no_person(name: str) -> bool:
    """True when ``name`` is a wire agency ("Reuters", "The Associated Press", "Bloomberg News"), a desk
    ("Redaktion Politik", "Editorial team", "Web desk"), a group ("… Staff Writers"), a publication ("The Wrenfield
    Courier", "Valmora Daily News"), a company ("… GmbH") or an advertiser — anything but a person."""
    words = name.replace("-", " ").split()
    if not words:
        return False
    keys = [_fold(word) for word in words]
    if is_agency(name):
        return True
    if any(stem in key for key in keys for stem in _DESK_STEMS):
        return True
    if all(key in _DESK_WORDS for key in keys) or any(key in _GROUP_WORDS for key in keys):
        return True
    if len(words) >= 2 and words[-1] in _STAFF:
        return True  # "Guardian staff": a name is written capitalised, a desk after a name is not
    if len(words) >= 2 and keys[-1] in _STAFF and any(key in _PAPER_NOUNS for key in keys[:-1]):
        return True  # "Valmora Times Staff"
    if keys[0] in _ADVERTISING:
        return True  # "Sponsored by Acme", "Anzeige": an advertiser, not an author
    if len(words) >= 2 and (words[0] in _ARTICLES or keys[0] in _PAPER_FIRST or keys[-1] in _PAPER_NOUNS):
        return True
    return keys[-1] in _COMPANY and len(words) >= 2


def is_agency(name: str) -> bool:
    """A news agency or a wire service by name ("Reuters", "Agence France-Presse", "AP News", "The Associated
    Press"), or an agency's short all-capital code ("AFP", "DPA")."""
    words = name.split()
    if words and (words[0] in _ARTICLES or words[0] == "the"):
        words = words[1:]
    while len(words) > 1 and _fold(words[-1]) in _AGENCY_TAILS:
        words.pop()
    if len(words) > 1 and _code(words[0]) and all(_fold(word) in _DESK_WORDS for word in words[1:]):
        return True  # "BBC Sport", "CNN Digital": a broadcaster's or an agency's code and its desk
    if len(words) == 1 and words[0].isupper() and len(words[0]) <= 6:
        return True  # "AFP", "AP", "KNA", "ANSA" (a person's all-capital name has a space: "BO LI")
    if len(words) == 2 and words[0] in _CODES and words[1][:1].isupper() and not words[1].isupper():
        return True  # "EFE Madrid": the agency and its dateline's place
    if len(words) >= 3 and words[-1][:1].isupper() and _fold(" ".join(words[:-1])) in _AGENCIES:
        return True  # "Europa Press Madrid"
    return _fold(" ".join(words)) in _AGENCIES


def _code(word: str) -> bool:
    return word.isupper() and 2 <= len(word) <= 6


def agency_after(name: str) -> str:
    """``name`` without a wire agency run on after it ("Ana Ruiz Associated Press", "Ana Ruiz AFP" → "Ana Ruiz");
    only an agency of several words or a code goes ("Ana Maria Bloomberg" is a name)."""
    words = name.split()
    for size in (3, 2, 1):
        if len(words) - size < 2:
            continue
        tail = words[-size:]
        if (tail[0] in _CODES) if size == 1 else is_agency(" ".join(tail)):
            return " ".join(words[:-size])
    return name


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in text if ch.isalnum())


_AGENCIES = frozenset(_fold(name) for name in _AGENCY_NAMES.split("|"))
