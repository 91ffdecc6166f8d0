"""A model-free proper-noun chunker: the people, places and bodies a story names."""

from __future__ import annotations

import re


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_TOKEN = re.compile(r"[^\W\d_][\w'’\-]*(?:\.(?=\w)[\w'’\-]*)*|[.!?:;\"“”«»()\[\]]|,|\d+(?:[,.]\d+)*", re.UNICODE)
_SENTENCE_END = frozenset('.!?:;"“”«»([')
_PARTICLES = _words("bin bint ibn de del della der den di da dos du van von la le al el y ter zu")
_PREFIXED = re.compile(r"^(?:al|el|ad|as|ash|an|at|ar|az|ul)-[A-Z]")
_TITLES = _words(
    "president vice prime minister ministers chancellor premier secretary general foreign defense "
    "defence finance interior mr mrs ms miss dr sir dame lord lady king queen prince princess crown "
    "emperor empress pope sheikh emir sultan senator sen rep representative gov governor mayor judge "
    "justice gen col lt capt sgt adm admiral colonel captain ambassador supreme leader chairman "
    "chairwoman chair ceo director spokesman spokeswoman spokesperson commander officer chief deputy "
    "acting former late st reverend rev father bishop archbishop cardinal professor prof coach "
    "the"
)
_CALENDAR = _words(
    "monday tuesday wednesday thursday friday saturday sunday january february march april may june "
    "july august september october november december jan feb mar apr jun jul aug sep sept oct nov dec "
    "today yesterday tomorrow"
)
_COMMON = _words(
    "a an and as at but by for from he her his i if in into it its many more most no not now of on "
    "one or other others our she so some that the their then there these they this those to two we "
    "what when where which while who why with yet you after before also all both each however "
    "meanwhile officials according during despite since about over under among earlier later last "
    "next new several another such only here how my your us was is are be update updated correction "
    "editor note read watch photo video live"
)


def names(text: str) -> list[str]:
    """Multi-word and single-word proper names in ``text``, each once, in order of first appearance."""
    found: list[str] = []
    seen: set[str] = set()
    for run, sentence_start in _capitalised_runs(text):
        for name in _clean_run(run, sentence_start):
            if name not in seen:
                seen.add(name)
                found.append(name)
    return found


def mentioned(name: str, text: str) -> bool:
    """True when ``name`` occurs in ``text`` as whole words (so chunking quirks never invent a change)."""
    return re.search(rf"(?<!\w){re.escape(name)}(?!\w)", text) is not None


def _capitalised_runs(text: str) -> list[tuple[list[str], bool]]:
    runs: list[tuple[list[str], bool]] = []
    run: list[str] = []
    run_starts_sentence = False
    at_start = True
    previous_end = 0
    for match in _TOKEN.finditer(text):
        token = match.group()
        if "\n" in text[previous_end : match.start()]:  # a paragraph break starts a sentence
            at_start = True
        previous_end = match.end()
        if _is_capitalised(token) or run and token.lower() in _PARTICLES and _next_is_capitalised(text, match):
            if not run:
                run_starts_sentence = at_start
            run.append(token)
            at_start = False
            if _is_possessive(token):
                runs.append((run, run_starts_sentence))
                run = []
            continue
        if run:
            runs.append((run, run_starts_sentence))
            run = []
        at_start = token in _SENTENCE_END
    if run:
        runs.append((run, run_starts_sentence))
    return runs


def _clean_run(run: list[str], sentence_start: bool) -> list[str]:
    words = _after_inner_title([_strip_possessive(word).rstrip(".") for word in run])
    while words and (words[0].lower() in _TITLES or words[0].lower() in _COMMON and sentence_start):
        words.pop(0)
        sentence_start = False
    while words and words[-1].lower() in _PARTICLES:
        words.pop()
    parts: list[list[str]] = [[]]
    for word in words:  # a day or month splits a run: "Pedro Alvarenga on Monday" never joins them
        if word.lower() in _CALENDAR:
            parts.append([])
        else:
            parts[-1].append(word)
    out: list[str] = []
    for index, part in enumerate(parts):
        if not part:
            continue
        single = len(part) == 1
        if single and (part[0].lower() in _COMMON or part[0].lower() in _TITLES or len(part[0]) < 2):
            continue
        if single and sentence_start and index == 0 and part[0] is words[0] and not part[0].isupper():
            continue  # "Officials said…": a sentence-initial single word is too often just a word
        out.append(" ".join(part))
    return out


def _after_inner_title(words: list[str]) -> list[str]:
    """``Ostravan President Mirela Dastan`` → ``Mirela Dastan``: a one-word qualifier before a title goes."""
    if len(words) >= 3 and words[0].lower() not in _TITLES and words[1].lower() in _TITLES:
        return words[1:]
    return words


def _is_capitalised(token: str) -> bool:
    return token[:1].isupper() or bool(_PREFIXED.match(token))


def _next_is_capitalised(text: str, match: re.Match[str]) -> bool:
    """True when the particle at ``match`` is followed (through more particles) by a capitalised word."""
    end = match.end()
    while end < len(text) and text[end] == " ":
        following = _TOKEN.match(text, end + 1)
        if following is None:
            return False
        if _is_capitalised(following.group()):
            return True
        if following.group().lower() not in _PARTICLES:
            return False
        end = following.end()
    return False


def _is_possessive(token: str) -> bool:
    return token.endswith(("'s", "’s", "s'", "s’"))


def _strip_possessive(token: str) -> str:
    for suffix in ("'s", "’s"):
        if token.endswith(suffix):
            return token[: -len(suffix)]
    return token.rstrip("'’")
