"""A stand-in headline for a page that names itself nowhere: the story's opening words.

A page with no ``<title>``, heading or metadata naming it is still a story; refusing it for a missing headline
would leave it untracked. Its first sentence, cut after a dozen words, names it in alerts and listings (layer
``OPENING_LAYER``; the diff never calls an edit there a rewritten headline: the body's edit says it).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

_OPENING_WORDS = 12  # at most this many words (a sentence's usual head)
_OPENING_CHARS = 100  # … and at most this many characters
_MIN_SENTENCE_WORDS = 4  # a shorter "sentence" is a heading's or a label's, not the story's first
_ABBREVIATION = re.compile(r"^\W*(?:[A-Z][a-z]{0,2}|(?:[A-Z]\.)+[A-Z]?)\.$")  # "Mr.", "Dr.", "St.", "U.S.", "U.K."
_SENTENCE_END = re.compile(r"(?<=[.!?…。！？])\s+(?=\W*[^\W\d_])")  # an end, then a word (not "3. 4" or "p. 12")


def opening_words(body: Sequence[str]) -> str | None:
    """The first sentence of the first paragraph, cut after a dozen words (or 100 characters) with an ellipsis;
    None for an empty body."""
    first = next((text.strip() for text in body if text.strip()), None)
    if first is None:
        return None
    sentence = first
    for end in _SENTENCE_END.finditer(first):
        head = first[: end.start()].split()
        if len(head) >= _MIN_SENTENCE_WORDS and not _ABBREVIATION.match(head[-1]):
            sentence = first[: end.start()]
            break
    words = sentence.split()
    opening = " ".join(words[:_OPENING_WORDS])
    if len(opening) > _OPENING_CHARS:  # long words (a URL, a run of unspaced text): cut at a space if there is one
        cut = opening[:_OPENING_CHARS]
        opening = cut.rsplit(" ", 1)[0] if " " in cut else cut
    elif len(words) <= _OPENING_WORDS:
        return opening
    return opening.rstrip(",;:–—-") + "…"
