"""Author names from byline text: split lists, take off "By", initials and credits, refuse what is no person.

A byline names people. What pages put beside them is not an author: the publication ("n-tv NACHRICHTEN",
"STERN.de", "mdr.de"), a photo credit ("(Image: Getty Images)"), a reporter's initials ("(obe)", "/obe"), a job
title ("Lifestyle Reporter"), a desk ("Redaktion", "Agenturen"), a label ("Text:"), a dateline's place ("in Berlin").
A URL slug ("sophie-foster") names the person it spells. An agency, a desk, a publication or a company named
where a person would be ("Reuters", "Redaktion Politik", "The Wrenfield Courier": ``newsrooms``) is no author
either, nor is a photographer's credit ("Photos by …"), an e-mail address or a handle beside a name.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from urllib.parse import urlsplit

from monitor.extractors.newsrooms import agency_after, names_no_person
from monitor.extractors.text import clean

BYLINE_START = re.compile(
    r"^\s*(?:(?:written|reported) by|by|von|par|por|di|door|af|av|przez|بقلم|מאת)\s+", re.IGNORECASE
)
# list separators: commas, semicolons, "and" in the languages bylines come in, ampersands, bars, slashes
# ("Ana Ruiz/dpa"), a spaced dash before a job or an agency ("Ana Ruiz – Staff reporter"), what an agency added
# ("mit Material der dpa", "avec AFP")
_AUTHOR_SPLIT = re.compile(
    r"\s*(?:,|;|\||&|/|\s[–—-]\s|\b(?:(?:edited|editing|additional reporting|reporting|writing|photos?|text) by|"
    r"mit material (?:von|der|aus)|with (?:additional )?reporting (?:by|from)|con información de|"
    r"(?-i:with|avec|con|mit)|and|und|et|og|och|y|en|ja|és|ve|oraz)\b)\s*",
    re.IGNORECASE,
)
# a label in front of the name ("Text: Ana Ruiz", "Autorin: Eva Roth"); a dateline's place after it ("… in Berlin")
_LABEL = re.compile(
    r"^(?:text|texte|texto|testo|tekst|words|autor|autorin|author|auteur|reporter|interview|moderation|recherche)"
    r"(?:\s+(?:und|and|og|och|y|et|e|en|&)\s+(?:fotos?|photos?|bilder?))?\s*:\s*|^gastautor(?:in)?\s+",
    re.I,
)
# what a story's kind puts before "by" ("Ein Kommentar von Ana Ruiz", "Analysis by Ana Ruiz")
_GENRE = re.compile(
    r"^(?:(?:an?\s+)?(?:opinion|analysis|commentary|column|essay|review|interview|story|words|posted)\s+by|"
    r"(?:(?:ein|eine)\s+)?(?:kommentar|analyse|gastbeitrag|gastkommentar|essay|kolumne|reportage|interview)\s+von|"
    r"(?:une?\s+)?(?:analyse|chronique|tribune|éditorial|entretien|reportage)\s+(?:de|par)|"
    r"(?:una?\s+)?(?:opinión|análisis|columna|tribuna|crónica)\s+de|"
    r"escrito\s+por|scritto\s+da|geschreven\s+door|skrevet\s+av|skrivet\s+av)\s+",
    re.IGNORECASE,
)
# a photographer's credit, up to the next list separator ("…, photos by Tomas Brandt"): no author
_PHOTOS_BY = re.compile(
    r"(?:^|(?<=[,;|/]))\s*(?:photos?|photographs?|pictures?|images?|illustrations?|graphics?|video|fotos?)\s+"
    r"(?:by|von|par|por|di|door|av)\s+[^,;|/]*",
    re.IGNORECASE,
)
# a photographer's credit in an agency's form ("AP Photo/Tomas Brandt") or in brackets ("Tomas Brandt (Fotos)")
_PHOTO_SLASH = re.compile(r"(?:\b[\w-]+\s+)?\b(?:photo|foto|bild)\s*/\s*[^,;|/]*", re.IGNORECASE)
_PHOTOGRAPHER = re.compile(r"[^,;|/]*\((?:fotos?|photos?|bilder?|images?|illustrations?)\)", re.IGNORECASE)
# a time or date run on after the name ("By Ana Ruiz Updated 3 hours ago", "Ana Ruiz 12 May 2025")
_MONTHS = (
    "january|jan|february|feb|march|mar|april|apr|may|june|jun|july|jul|august|aug|september|sept|sep|october|oct|"
    "november|nov|december|dec|januar|februar|märz|mai|juni|juli|oktober|dezember|janvier|février|mars|avril|juin|"
    "juillet|août|septembre|octobre|novembre|décembre|enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|"
    "octubre|noviembre|diciembre"
)
_STAMP = re.compile(
    r"\s+(?:(?:updated|published|posted|aktualisiert|veröffentlicht|mis à jour|publié|actualizado|publicado|"
    rf"aggiornato|pubblicato|bijgewerkt|gepubliceerd)\b.*|(?:(?:{_MONTHS})\.?\s+)?\d.*)$",
    re.IGNORECASE,
)
# an e-mail address or a handle beside a name ("Ana Ruiz ana.ruiz@example.com", "Ana Ruiz (@anaruiz)")
_CONTACT = re.compile(
    r"(?:\b(?:follow|folgen|suivez|siga|segui|twitter|e-?mail|mail|instagram|bluesky|mastodon)\b\s*:?\s*)?"
    r"(?:mailto:)?(?:[\w.+-]+@[\w-]+(?:\.[\w-]+)+|(?<![\w@])@\w{2,})",
    re.IGNORECASE,
)
# "and" in Italian and Portuguese ("e"), Catalan and Polish ("i"), which are also particles inside one name
# ("José Maria e Silva"): a join only between two whole names
_SHORT_AND = re.compile(r"^((?:\S+\s+)+\S+)\s+(?:e|i)\s+(\S+(?:\s+\S+)+)$")
_PLACE = re.compile(r"\s+(?:in|aus|from)\s+([^\W\d_][\w-]*)$")
# what a name never is: a desk, a job ("Lifestyle Reporter", "Correspondant à Paris"), a degree ("Ph.D.")
_JOBS = (
    "reporter reporterin correspondent correspondant correspondante korrespondent korrespondentin corresponsal "
    "editor rédacteur rédactrice redakteur redakteurin redactor writer columnist chroniqueur journalist journalistin "
    "journaliste periodista giornalista contributor producer photographer photographe fotograf fotografin fotógrafo "
    "fotógrafa fotografo fotografa envoyé envoyée enviado enviada inviato inviata"
)
_JOB_WORDS = frozenset(_JOBS.split())
_DEGREE = re.compile(r"^(?:ph\.?\s?d|m\.?\s?sc|m\.?d|m\.?a|b\.?a|jr|sr)\.?$", re.IGNORECASE)
_NOT_A_NAME = re.compile(r"https?:|www\.|@|\d|^updated\b|^published\b", re.IGNORECASE)
_PARENTHESES = re.compile(r"\s*[(\[][^)\]]*[)\]]")
_CODE_IN_BRACKETS = re.compile(r"\s*[(\[][^)\]\s]{1,12}[)\]]")  # "(obe)", "(EO/dpa)": before the "/" splits it
# a publication or an agency the person wrote for, after the name ("Ana Ruiz for The Valmora Times")
_WROTE_FOR = re.compile(r"^(.+?)\s+(?:(?:for|für|pour|para|of|at)\s+|(?=The\s))(.+)$")
_CREDIT = re.compile(
    r"\b(?:image|images|photo|photos|photograph|foto|fotos|bild|bilder|picture|pictures|credit|illustration|"
    r"getty|imago|shutterstock|istock|alamy|picture alliance|keystone|afp photo|reuters photo)\b",
    re.IGNORECASE,
)
_DOMAIN = re.compile(r"\.(?:[a-z]{2}|com|net|org|info|news|online)\b", re.IGNORECASE)
_SLUG = re.compile(r"^[a-z]+(?:-[a-z]+){1,3}$")
_HOST_NOISE = frozenset({"www", "edition", "m", "amp", "news", "co", "com"})
_DESKS = "online news nachrichten redaktion staff team desk digital newsroom agencies agenturen agences agencias wires"
_DESK_WORDS = frozenset(_DESKS.split())
_ROLES = (
    "staff senior chief deputy associate managing contributing executive special political foreign science "
    "health business sports sport digital news writer reporter correspondent editor contributor columnist "
    "producer journalist freelance intern parliamentary diplomatic economics economic education environment "
    "environmental legal technology tech entertainment culture arts travel crime courts investigative data energy "
    "climate defence defense security world metro city local regional national international breaking video photo "
    "multimedia social lifestyle fashion food motoring property money finance financial markets film music books "
    "weather royal religion transport medical affairs"
)
_ROLE_WORDS = frozenset(_ROLES.split())
_ARTICLE_WORDS = "the die der das le la les el los las il lo gli de het"
_ARTICLES = frozenset(_ARTICLE_WORDS.split())
_MAX_NAME = 60
_MAX_NAME_WORDS = 5


def split_authors(text: str) -> list[str]:
    """``"By Jane Doe and John Roe, CNN"`` → ``["Jane Doe", "John Roe"]``; ``"sophie-foster"`` →
    ``["Sophie Foster"]``; ``"Elena Oberholzer (obe)"`` → ``["Elena Oberholzer"]``."""
    text = _LABEL.sub("", _GENRE.sub("", BYLINE_START.sub("", clean(text))))
    text = _PHOTOGRAPHER.sub("", _PHOTO_SLASH.sub("", _PHOTOS_BY.sub("", _CONTACT.sub("", text))))
    text = _CODE_IN_BRACKETS.sub("", text)
    if _CREDIT.search(text) and "(" in text:
        text = _PARENTHESES.sub("", text)  # "Ana Ruiz (Image: Getty Images)": the credit goes, the name stays
    names: list[str] = []
    for part in _AUTHOR_SPLIT.split(text):
        for piece in _two_names(part):
            name = _name(piece)
            if name:
                names.append(name)
    return names


def _two_names(part: str) -> list[str]:
    """``"Ana Ruiz e Tomas Brandt"`` → both names; ``"José Maria e Silva"`` stays one name."""
    match = _SHORT_AND.match(part.strip())
    if match and all(word[:1].isupper() for side in match.groups() for word in side.split()):
        return list(match.groups())
    return [part]


def _name(part: str) -> str | None:
    part = BYLINE_START.sub("", _LABEL.sub("", _PARENTHESES.sub("", part).strip(" .·-–—:()[]")))
    part = agency_after(_STAMP.sub("", part) if len(part.split()) > 1 else part)
    if (wrote := _WROTE_FOR.match(part)) and names_no_person(wrote.group(2)):
        part = wrote.group(1)
    if (place := _PLACE.search(part)) and place.group(1)[0].isupper():
        part = part[: place.start()]
    if _SLUG.match(part):
        part = " ".join(word.capitalize() for word in part.split("-"))
    if not part or len(part) > _MAX_NAME or len(part.split()) > _MAX_NAME_WORDS or _NOT_A_NAME.search(part):
        return None
    if _CREDIT.search(part) or _DOMAIN.search(part):
        return None
    if names_no_person(part):  # "AFP", "Reuters", "Redaktion Politik", "The Wrenfield Courier"
        return None
    if not any(ch.isupper() for ch in part) and part.isascii():
        return None  # "staff", "redaktion": a word, not a name
    part = _without_job(part)
    if names_no_person(part):  # "Associated Press Writer": an agency once its job is gone
        return None
    if not part or all(word.casefold() in _ROLE_WORDS | _DESK_WORDS | _ARTICLES for word in part.split()):
        return None  # "Staff Writer", "Lifestyle Reporter", "Redaktion": the author's job or desk, not an author
    if _DEGREE.match(part):
        return None  # "Ana Ruiz, Ph.D.": a degree after the name
    return part


def _without_job(part: str) -> str:
    """``part`` without a job after the name ("Ana Ruiz Senior Reporter" → "Ana Ruiz"); "" when it is only a job
    ("Lifestyle Reporter", "Correspondant à Paris")."""
    words = part.split()
    if len(words) > 1 and words[0].casefold() in _JOB_WORDS and words[1].islower():
        return ""
    if words[-1].casefold() not in _JOB_WORDS:
        return part
    while words and words[-1].casefold() in _JOB_WORDS | _ROLE_WORDS:
        words.pop()
    return " ".join(words) if len(words) >= 2 else ""


def without_publications(names: Iterable[str], publications: Iterable[str], url: str) -> tuple[str, ...]:
    """``names`` without those that name the publication itself: its site name, its publisher, its domain
    ("n-tv NACHRICHTEN" on n-tv.de, "Lesotho Times" beside og:site_name "Lesotho Times")."""
    host = urlsplit(url).hostname or ""
    labels = {key for key in (_fold(label) for label in host.split(".")[:-1] if label not in _HOST_NOISE) if key}
    brands = {key for key in (_fold(p) for p in publications) if len(key) >= 3}
    return tuple(name for name in names if not _names_publication(name, brands, labels))


def _names_publication(name: str, brands: set[str], labels: set[str]) -> bool:
    key = _fold(name)
    # equal, or the site's name and more ("Wrenfield Gazette staff"); a site named after its author (a personal
    # blog, "Ana Ruiz's notebook") still has that author
    if any(key == brand or key.startswith(brand) for brand in brands):
        return True
    # the domain's own name, alone or with a word no person is called ("n-tv NACHRICHTEN", "Kicker Online")
    words = name.split()
    return key in labels or (
        _fold(words[0]) in labels and any(w.isupper() and len(w) >= 4 or w.casefold() in _DESK_WORDS for w in words)
    )


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in text if ch.isalnum())
