"""Take the page furniture a generic extract can leave in a body off it: the headline, a byline, a time stamp.

A short page gives a main-text extractor little to go on, and it may keep the ``<h1>``, the "By Ana Ruiz" line
or a "28 August 2025, 09:12" stamp as paragraphs, or run them into the first one. None of them is story text:
a diff of the story must show its paragraphs only.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from monitor.extractors.authors import BYLINE_LABEL, BYLINE_START, is_credit_line, is_job_title, split_authors
from monitor.extractors.dates import is_dateline, is_timestamp

_KEY = re.compile(r"[\W_]+", re.UNICODE)
_SENTENCE_END = re.compile(r"[.!?…:;\"”»]$")
_CONTINUING = frozenset(",;，、")  # marks a sentence goes on after (a headline ends in none of them)
_MAX_BYLINE_WORDS = 12
_MAX_FURNITURE = 160  # characters: a longer paragraph is story text, never a headline, byline or stamp
# a place before a stamp ("Cala Serena, 5 jun 2025 - 14:30"): a few words, no digits, capitalised at both ends
_PLACE = re.compile(r"^(?P<place>[^\W\d_][^\d,]{0,40}?),\s*(?P<stamp>.+)$")
_MAX_PLACE_WORDS = 4


def strip_furniture(paragraphs: Sequence[str], headlines: Iterable[str], authors: Sequence[str]) -> tuple[str, ...]:
    """``paragraphs`` without those that repeat a headline, are a byline or only a time stamp, and above the
    story a picture's credit and the author's job title below the byline; a first paragraph that opens with the
    headline (and the byline) keeps only what follows them."""
    keys = {_key(h) for h in headlines if h and len(_key(h)) >= 8}
    headline = _key(headlines[0]) if headlines and headlines[0] else ""
    out: list[str] = []
    bylined = bool(authors)  # a job title below the byline is furniture: a byline the read left out had one
    for text in paragraphs:
        if not out:
            text = _without_lead(text, keys, authors)
        # the story's headline (or its core, without a kicker) is furniture anywhere; the page's other headings
        # only above the story: below its first paragraph they head sections of it (a page of several <h1>s)
        if not text or len(text) <= _MAX_FURNITURE and _is_furniture(text, keys, authors, headline, bool(out)):
            bylined = bylined or not out and is_byline(text, authors)
            continue
        # above the story, beside the byline and its picture: the picture's credit, the author's job
        if not out and (is_credit_line(text) or bylined and is_job_title(text)):
            continue
        out.append(text)
    return tuple(out) if out else tuple(paragraphs)


def _is_furniture(text: str, keys: set[str], authors: Sequence[str], headline: str, below: bool) -> bool:
    key = _key(text)
    core = headline.endswith(key) and 2 * len(key) >= len(headline)  # the headline, or it without its kicker
    return (
        (core if below else key in keys)
        or is_byline(text, authors, labelled=not below)
        or is_timestamp(text)
        or is_dateline(text)
        or _placed_stamp(text)
    )


def _placed_stamp(text: str) -> bool:
    """A place and only a time stamp after it ("Cala Serena, 5 jun 2025 - 14:30", "LONDON, 12.03.2025"), not a
    first paragraph that a dateline opens ("PARIS, 5 June 2025 — The minister said …")."""
    match = _PLACE.match(text)
    if match is None:
        return False
    words = match["place"].split()
    if len(words) > _MAX_PLACE_WORDS or not (words[0][:1].isupper() and words[-1][:1].isupper()):
        return False
    return is_timestamp(match["stamp"]) or is_dateline(match["stamp"])


def is_byline(text: str, authors: Sequence[str], *, labelled: bool = True) -> bool:
    """A line that only names the story's authors: "By Ana Ruiz and Tomas Brandt", "Von Lida Marek", "Haber: Emre
    Kaya" (``labelled``: a label's form counts too — above the story only; below it "Interview: The mayor" heads a
    section and "Author: Maria Lopez" is a reviewed book's)."""
    if len(text.split()) > _MAX_BYLINE_WORDS:
        return False
    opens = BYLINE_START.match(text) or labelled and BYLINE_LABEL.match(text)
    starts = bool(opens) and not _SENTENCE_END.search(text)
    # a name split from a line is a run of its characters, so an author the line names is found in it: a line
    # that neither opens like a byline nor holds an author's name is none (and is spared splitting it)
    key = _key(text)
    named = any(_key(author) in key for author in authors)
    if not (starts or named):
        return False
    names = {_key(name) for name in split_authors(text)}
    if names and named and names <= {_key(a) for a in authors}:
        return True
    return starts and bool(names)


def _without_lead(text: str, keys: set[str], authors: Sequence[str]) -> str:
    """The first paragraph with a headline, then a "By …" naming the authors, taken off its front."""
    for key in keys:
        cut = _prefix_end(text, key)
        if cut:
            text = text[cut:].strip()
            break
    else:
        return text
    match = BYLINE_START.match(text)
    if match and authors:
        rest = text[match.end() :]
        for name in authors:
            if rest.startswith(name):
                rest = rest[len(name) :].lstrip(" ,&")
                rest = re.sub(r"^(?:and|und|et|y|og)\s+", "", rest)
        text = rest.strip() if rest != text[match.end() :] else text
    return text


def _prefix_end(text: str, key: str) -> int:
    """Where in ``text`` the words that make ``key`` end, when ``text`` starts with them and goes on; else 0.

    Words the sentence goes on from (a comma after them: "Lorem ipsum dolor sit amet, consectetur …") are the
    paragraph's own opening, which only happens to read as the headline: no headline ends in a comma."""
    seen = ""
    for match in re.finditer(r"[^\W_]+", text):
        seen += match.group(0).casefold()
        if seen == key:
            goes_on = text[match.end() :].lstrip()[:1] in _CONTINUING
            return match.end() if len(text) > match.end() + 20 and not goes_on else 0
        if not key.startswith(seen):
            return 0
    return 0


def _key(text: str) -> str:
    return _KEY.sub("", text.casefold())
