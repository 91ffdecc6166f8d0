"""Author names from byline text: split lists, take off "By", initials and credits, refuse what is no person.

A byline names people. What pages put beside them is not an author: the publication ("n-tv NACHRICHTEN",
"STERN.de", "mdr.de"), a photo credit ("(Image: Getty Images)"), a reporter's initials ("(obe)", "/obe"), a job
title ("Lifestyle Reporter"), a desk ("Redaktion", "Agenturen"), a label ("Text:"), a dateline's place ("in Berlin").
A URL slug ("sophie-foster") names the person it spells.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from urllib.parse import urlsplit

from monitor.extractors.text import clean

BYLINE_START = re.compile(
    r"^\s*(?:(?:written|reported) by|by|von|par|por|di|door|af|av|przez|بقلم|מאת)\s+", re.IGNORECASE
)
# list separators: commas, semicolons, "and" in the languages bylines come in, ampersands, bars, slashes
# ("Ana Ruiz/dpa"), a spaced dash before a job or an agency ("Ana Ruiz – Staff reporter"), what an agency added
# ("mit Material der dpa", "avec AFP")
_AUTHOR_SPLIT = re.compile(
    r"\s*(?:,|;|\||&|/|\s[–—-]\s|\b(?:(?:edited|additional reporting|reporting|photos?|text) by|"
    r"mit material (?:von|der|aus)|with (?:additional )?reporting (?:by|from)|con información de|(?-i:with|avec|con)|"
    r"and|und|et|og|och|y|en|ja|és|ve|oraz)\b)\s*",
    re.IGNORECASE,
)
# a label in front of the name ("Text: Ana Ruiz", "Autorin: Eva Roth"); a dateline's place after it ("… in Berlin")
_LABEL = re.compile(r"^(?:text|texte|texto|testo|words|autor|autorin|author|auteur|reporter|interview)\s*:\s*", re.I)
_PLACE = re.compile(r"\s+(?:in|aus|from)\s+([^\W\d_][\w-]*)$")
# what a name never is: a desk, a job ("Lifestyle Reporter", "Correspondant à Paris"), a degree ("Ph.D.")
_JOBS = (
    "reporter reporterin correspondent correspondant correspondante korrespondent korrespondentin corresponsal "
    "editor rédacteur rédactrice redakteur redakteurin redactor writer columnist chroniqueur journalist journalistin "
    "journaliste periodista giornalista contributor producer"
)
_JOB_WORDS = frozenset(_JOBS.split())
_DEGREE = re.compile(r"^(?:ph\.?\s?d|m\.?\s?sc|m\.?d|m\.?a|b\.?a|jr|sr)\.?$", re.IGNORECASE)
_NOT_A_NAME = re.compile(r"https?:|www\.|@|\d|^updated\b|^published\b", re.IGNORECASE)
_PARENTHESES = re.compile(r"\s*[(\[][^)\]]*[)\]]")
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
    "producer journalist freelance intern"
)
_ROLE_WORDS = frozenset(_ROLES.split())
_ARTICLE_WORDS = "the die der das le la les el los las il lo gli de het"
_ARTICLES = frozenset(_ARTICLE_WORDS.split())
_MAX_NAME = 60
_MAX_NAME_WORDS = 5


def split_authors(text: str) -> list[str]:
    """``"By Jane Doe and John Roe, CNN"`` → ``["Jane Doe", "John Roe"]``; ``"sophie-foster"`` →
    ``["Sophie Foster"]``; ``"Elena Oberholzer (obe)"`` → ``["Elena Oberholzer"]``."""
    text = BYLINE_START.sub("", clean(text))
    if _CREDIT.search(text) and "(" in text:
        text = _PARENTHESES.sub("", text)  # "Ana Ruiz (Image: Getty Images)": the credit goes, the name stays
    names: list[str] = []
    for part in _AUTHOR_SPLIT.split(text):
        name = _name(part)
        if name:
            names.append(name)
    return names


def _name(part: str) -> str | None:
    part = BYLINE_START.sub("", _LABEL.sub("", _PARENTHESES.sub("", part).strip(" .·-–—:()[]")))
    if (place := _PLACE.search(part)) and place.group(1)[0].isupper():
        part = part[: place.start()]
    if _SLUG.match(part):
        part = " ".join(word.capitalize() for word in part.split("-"))
    if not part or len(part) > _MAX_NAME or len(part.split()) > _MAX_NAME_WORDS or _NOT_A_NAME.search(part):
        return None
    if _CREDIT.search(part) or _DOMAIN.search(part):
        return None
    if part.isupper() and len(part) <= 6:  # "CNN", "AP", "AFP": an agency, not a person
        return None
    if not any(ch.isupper() for ch in part) and part.isascii():
        return None  # "staff", "redaktion": a word, not a name
    part = _without_job(part)
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


# a picture's credit on a line of its own: "Photo: Nell Farquhar/Wendham Star", "Foto: Hollerbacher Tagblatt/dpa",
# "(Image: Getty Images)"; who it credits opens with a capital (not "Photo: the quay at dusk, …")
_CREDIT_LINE = re.compile(
    r"^(?P<open>\(\s*)?(?:(?:photo|foto|image|picture|bild)s?|photograph|bilder|credits?|illustration|"
    r"(?:photo|foto|image|picture|bild)\s+credits?)\s*:\s*(?P<who>[^\W\d_][^()]*?)\s*(?P<close>\))?$",
    re.IGNORECASE,
)
_SENTENCE_END = re.compile(r"[^\W\d_]{2}[.!?](?:\s|$)")  # a word's end, not an initial ("AP Photo/J. Smith")
_MAX_CREDIT_WORDS = 8
_MAX_JOB_WORDS = 5
_JOB_CONNECTORS = frozenset({"of", "for", "and", "at", "in", "on", "&", "à", "de", "für"})
_JOB_SEPARATOR = re.compile(r"\s*[,|–—]\s*|\s-\s")


def is_credit_line(text: str) -> bool:
    """A picture credit standing alone ("Photo: Nell Farquhar/Wendham Star", "(Image: Getty Images)"), not a
    sentence that opens with the word ("Photo: the harbour at dusk, taken …")."""
    match = _CREDIT_LINE.match(text)
    if not match or bool(match["open"]) != bool(match["close"]):
        return False
    who = match["who"]
    return who[0].isupper() and len(who.split()) <= _MAX_CREDIT_WORDS and not _SENTENCE_END.search(who)


def is_job_title(text: str) -> bool:
    """A line that is only a journalist's job ("Staff Writer", "Arts Correspondent", "Senior Reporter, Politics"),
    as old pages set below the byline."""
    words = text.split()
    if not 1 <= len(words) <= _MAX_JOB_WORDS or text[-1] in ".!?:":
        return False
    head = _JOB_SEPARATOR.split(text)[0].split()
    if not head or not all(w[:1].isupper() or w.casefold() in _JOB_CONNECTORS for w in head):
        return False
    return head[-1].casefold() in _JOB_WORDS or head[0].casefold() in _JOB_WORDS


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
