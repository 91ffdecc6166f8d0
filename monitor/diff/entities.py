"""A model-free proper-noun chunker: the people, places and bodies a story names.

Capitalised words are gathered into runs (with particles, "of" after a name head, initials and
abbreviated titles inside them), then each run is cleaned: possessives end a run, titles are cut off the
front ("Pakistan's Prime Minister Shehbaz Sharif" → Pakistan, Shehbaz Sharif), days and months split it,
and a sentence's first word counts only with evidence — it is capitalised mid-sentence somewhere, it is
possessive, or a reporting verb follows it. Shouted all-caps headings and "Beijing-based"-style tails are
not names. A lone surname already part of a fuller name is not listed twice.

The text's language (told by its commonest words) adds its titles, calendar words and sentence openers. In
German, where every noun is capitalised, a word is an ordinary noun — never a name, and cut off a name's ends —
when it follows an article or a number somewhere ("die Steuer"), is seen in lower case, or ends like a noun
("Regierung", "Schülerin"); articles join a name only after a particle ("von der Leyen").
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from monitor.diff.lexicon import (
    ABBREVIATIONS,
    CALENDAR,
    COMMON,
    DEMONYMS,
    FIELDS,
    FOREIGN_CALENDAR,
    FOREIGN_TITLES,
    FUNCTION_WORDS,
    NOUN_CAPITALISING,
    NOUN_MARKERS,
    ORG_HEADS,
    PARTICLES,
    PLACE_STARTERS,
    SOFT_TITLES,
    TITLES,
    language_of,
    word_set,
)

NAME_TOKEN = re.compile(
    r"(?:[A-Z]\.){2,}|[^\W\d_][\w'’\-]*|\d[\d,.]*\w*|\S",
    re.UNICODE,
)
_SENTENCE_END = frozenset('.!?:;"“”«»(‘')
_PREFIXED = re.compile(r"^(?:al|el|ad|as|ash|an|at|ar|az|ul|bin|ibn)-[A-Z]")
_ADJECTIVE_TAIL = re.compile(r"^(.+?)-[a-z][\w\-]*$")  # "Beijing-based", "Nobel Prize-winning"
_I_CONTRACTED = re.compile(r"^I['’]")  # "I'm", "I’ve"
_INITIALISM = re.compile(r"^(?:[A-Z]\.){2,}$")
_REPORTING = word_set(
    "said says told added announced confirmed denied arrived left spoke wrote insisted warned urged called "
    "claimed argued noted stated explained replied tweeted posted won lost visited met signed agreed "
    "refused declined resigned has had was is"
)
_MID_BEFORE = re.compile(r"(?:[a-z0-9,;)]|['’]s) $")
_CONNECTORS = PARTICLES | {"of", "for", "the", "and", "&"}
_PREFIXES = word_set("co anti non pro pre post ex mid self neo semi multi pan re un sub inter trans ultra")
_TITLE_ABBREVIATIONS = ABBREVIATIONS - {"jr", "sr", "inc", "ltd", "corp", "co", "no", "vs"}
_ARTICLES = word_set("der den das die dem des la le")  # a particle only after another: "von der Leyen"
# German nouns by their ending: "Regierung", "Sicherheit", "Mannschaft", "Nation", "Qualität", "Ergebnisse",
# and the roles that stand before a name: "Schülerin", "Geschäftsführer", "Parteichef", "Innenminister"
_NOUN_ENDING = re.compile(
    r"(?:ung|ungen|heit|heiten|keit|keiten|schaft|schaften|tion|tionen|tät|täten|ismus|nisse|erin|erinnen|"
    r"führer|führerin|leiter|leiterin|sprecher|sprecherin|chef|chefin|minister|ministerin|-star|-)$"
)
_PLURAL_ENDING = re.compile(r"(?:e|en|ern)$")
# German sentence openers by their ending: adverbs and adjectives ("Südlich", "Politische", "Möglicherweise")
_OPENER_ENDING = re.compile(r"(?:lich|liche|lichen|licher|isch|ische|ischen|ischer|weise|bar|sam)$")


@dataclass
class _Run:
    words: list[str] = field(default_factory=list)
    joins: list[bool] = field(default_factory=list)  # True for connectors: particles, "of", "and"
    initial: bool = False  # the run's first word opens a sentence
    possessive: bool = False
    next_word: str = ""  # the token after the run


def names(text: str, *, evidence: str = "") -> list[str]:
    """Proper names in ``text``, each once, in order of first appearance.

    ``evidence`` (say, the other version of the story) only informs which capitalised sentence openers are
    names; names are never taken from it.
    """
    return names_in([text], f"{text}\n\n{evidence}" if evidence else text)


def names_in(passages: Iterable[str], evidence: str) -> list[str]:
    """Proper names in several passages of one text (see ``windows.name_windows``), each once, in order.

    ``evidence`` is the whole text the passages were cut from: it decides which sentence openers are names.
    """
    seen = _Evidence(evidence)
    found: dict[str, None] = {}
    for text in passages:
        if text.islower():  # no capital letter, so no name word
            continue
        tokens = [(m.group(), m.start()) for m in NAME_TOKEN.finditer(text)]
        for run in _runs(text, tokens, seen):
            found.update(dict.fromkeys(_clean(run, seen)))
    return _without_aliases(list(found))


def ends_names(token: str) -> bool:
    """A lower-case word that can neither join nor start a name: the chunker holds no run and no sentence
    start after it (see ``windows``)."""
    return token[0].islower() and token.lower() not in _CONNECTORS and not _PREFIXED.match(token)


def mentioned(name: str, text: str) -> bool:
    """True when ``name`` occurs in ``text`` as whole words (so chunking quirks never invent a change).

    The words may be spaced differently ("AT & T" is in "AT&T", "Gov. Ana Lind" in "Gov.Ana Lind").
    """
    pattern = r"\s*".join(re.escape(word) for word in name.split(" "))
    return re.search(rf"(?<!\w){pattern}(?!\w)", text) is not None


_NOUN_AFTER = re.compile(r"(?![\w'’\-])(?!\s+[^\W\d_]*[A-ZÄÖÜ])")  # a whole word, no capitalised word next
_MARKER_REACH = 160  # characters before a word that a marker and an adjective may take


class _Evidence:
    """What the whole text says about a word, looked up only for the few words that need it."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._cache: dict[tuple[str, str], bool] = {}
        language = language_of(text)
        self.foreign = language not in (None, "en")  # its articles are no name particles
        self.nouns = language in NOUN_CAPITALISING  # every noun is capitalised: a name needs more evidence
        self.common = COMMON | FUNCTION_WORDS.get(language or "", frozenset())
        self.titles = TITLES | FOREIGN_TITLES.get(language or "", frozenset())
        self.calendar = CALENDAR | FOREIGN_CALENDAR.get(language or "", frozenset())
        markers = NOUN_MARKERS.get(language or "")
        # a marker, then at most one inflected lower-case adjective ("die neue Steuer"; not "sagte"), but not
        # after a particle ("von der Leyen")
        adjective = r"(?:[a-zäöüß][\w\-]*(?<!t)(?:e|en|er|es|em)\s+)?"
        marked = (
            rf"(?<!\w)(?<!von )(?<!van )(?<!zu )(?i:{'|'.join(sorted(markers))}|\d[\d.,]*)\s+{adjective}"
            if markers
            else ""
        )
        # compiled once and asked of the text just before each occurrence of a word (a pattern per word cost a
        # compile of the whole marker list, ~5 ms, for every word asked about)
        self._marked_before = re.compile(marked + r"\Z")

    def is_noun(self, word: str) -> bool:
        """In a language that capitalises nouns, ``word`` is an ordinary word: a function word, seen in lower
        case, a noun by its ending, or after an article, a number or a quantifier ("die Steuer", "zwei Jahre")
        somewhere in the text, with no capitalised word after it (as in "die Deutsche Bank")."""
        if not self.nouns:
            return False
        key = _key(_base(word))
        if key in self.common or _NOUN_ENDING.search(key) or self.is_lower(key):
            return True
        if ("noun", word) not in self._cache:
            self._cache["noun", word] = self._after_marker(_base(word))
        return self._cache["noun", word]

    def _after_marker(self, base: str) -> bool:
        """``base`` occurs as a whole word after a noun marker (and an adjective), no capitalised word after it."""
        text, start = self.text, 0
        while (at := text.find(base, start)) >= 0:
            start = at + 1
            before = max(0, at - _MARKER_REACH)  # the marker's lookbehinds still see the text before it
            if _NOUN_AFTER.match(text, at + len(base)) and self._marked_before.search(text, before, at):
                return True
        return False

    def is_lower(self, key: str) -> bool:
        """``key`` occurs in lower case: an ordinary word."""
        return self._find("lower", key, lambda before: not (before[-1:].isalnum() or before[-1:] in "'’-"))

    def is_mid(self, word: str) -> bool:
        """``word`` occurs capitalised inside a sentence, on its own (not as part of a longer name)."""
        return self._find("mid", word, lambda before: bool(_MID_BEFORE.search(before)), mid=True)

    def _find(self, kind: str, word: str, before_ok: Callable[[str], bool], *, mid: bool = False) -> bool:
        if (kind, word) in self._cache:
            return self._cache[kind, word]
        text, found, start = self.text, False, 0
        while not found:
            at = text.find(word, start)
            if at < 0:
                break
            start = at + 1
            after = text[at + len(word) : at + len(word) + 2]
            if after[:1].isalnum() or after[:1] in "'’-" or mid and after[:1] == " " and after[1:].isupper():
                continue
            found = before_ok(text[max(0, at - 3) : at])
        self._cache[kind, word] = found
        return found


def _runs(text: str, tokens: list[tuple[str, int]], seen: _Evidence) -> list[_Run]:
    shouted = _shouted(tokens, seen)
    runs: list[_Run] = []
    run = _Run()
    at_start = True
    previous_end = 0
    previous = ""

    def flush(next_word: str = "") -> None:
        nonlocal run
        if run.words:
            run.next_word = next_word
            runs.append(run)
        run = _Run()

    for k, (token, start) in enumerate(tokens):
        if "\n" in text[previous_end:start]:  # a paragraph break ends a run and starts a sentence
            flush()
            at_start = True
        previous_end = start + len(token)
        following = tokens[k + 1][0] if k + 1 < len(tokens) else ""
        if run.words and _INITIALISM.match(run.words[-1]) and _key(token) in COMMON:
            flush(token)  # "… in the U.S. He said": the initialism's period ended the sentence
            at_start = True
        if k not in shouted and _is_name_word(token):
            if not run.words:
                run.initial = at_start
            stem = _adjective_stem(token)
            run.words.append(stem or token)
            run.joins.append(False)
            at_start = False
            if stem or _is_possessive(token):
                run.possessive = bool(_is_possessive(token))
                flush(following)
            previous = token
            continue
        if run.words and _joins(token, run, tokens, k, seen):
            run.words.append(token)
            run.joins.append(True)
        elif token == "." and run.words and _abbreviated(run.words[-1]) and _is_name_word(following):
            run.words[-1] += "."
        else:
            flush(token)
            at_start = _ends_sentence(token, previous) or (at_start and not token[0].isalnum())
        previous = token
    flush()
    return runs


def _joins(token: str, run: _Run, tokens: list[tuple[str, int]], k: int, seen: _Evidence) -> bool:
    """A lower-case word that continues a name: a particle, "of" after a name head, "and" between fields.

    In a language other than English an article is a particle only after another ("von der Leyen", not
    "Teilte das Geldhaus"), and where nouns are capitalised no particle follows a noun ("Behandlung von").
    """
    lower = token.lower()
    following = tokens[k + 1][0] if k + 1 < len(tokens) else ""
    last = run.words[-1].lower()
    if lower in PARTICLES and token[0].islower():
        if seen.foreign and lower in _ARTICLES and not (run.joins[-1] and last in PARTICLES):
            return False
        rest = [t for t, _ in tokens[k + 1 : k + 4]]
        if seen.nouns and not run.joins[-1] and (seen.is_noun(run.words[-1]) or _full_name_after(rest, seen)):
            return False
        return any(_is_name_word(t) for t in rest[:1]) or (
            len(rest) > 1 and rest[0].lower() in PARTICLES and _is_name_word(rest[1])
        )
    if lower in ("of", "for") and last in ORG_HEADS:
        return _is_name_word(following) or (
            following == "the" and k + 2 < len(tokens) and _is_name_word(tokens[k + 2][0])
        )
    if lower == "the" and run.joins and run.joins[-1] and last in ("of", "for"):
        return _is_name_word(following)
    if token in ("and", "&") and last in FIELDS and any(run.joins) and _is_name_word(following):
        return True
    return token == "&" and _is_name_word(following)


def _full_name_after(rest: list[str], seen: _Evidence) -> bool:
    """A particle followed by a whole name of its own ("Angaben von Lida Marek"): in a language that capitalises
    nouns it links a noun to that name; a noble particle carries a lone surname ("Otto von Bismarck")."""
    return (
        len(rest) >= 2
        and all(_is_name_word(t) and not seen.is_noun(t) for t in rest[:2])
        and not (len(rest) > 2 and rest[2] == ".")
    )


def _clean(run: _Run, seen: _Evidence) -> list[str]:
    words, joins = list(run.words), list(run.joins)
    words[-1] = _strip_possessive(words[-1])
    out: list[str] = []
    start = 0
    for end in [*[i for i, w in enumerate(words) if _base(w).lower() in seen.calendar], len(words)]:
        part, part_joins = words[start:end], joins[start:end]
        initial = run.initial and start == 0
        start = end + 1
        for candidate, first in _split_titles(part, part_joins, seen.titles):
            name = _tidy(candidate, initial and first, run, seen)
            if name:
                out.append(name)
    return out


def _split_titles(words: list[str], joins: list[bool], titles: frozenset[str]) -> list[tuple[list[str], bool]]:
    """The run without its title: [(prefix, True), (person, False)] — a one-word qualifier prefix goes.

    A name after a title is never a mere sentence opener.
    """
    keys = [_base(w).lower() for w in words]
    for i in range(len(words) - 1, -1, -1):  # the last title stretch with a name after it
        if keys[i] in titles or keys[i] in SOFT_TITLES:
            j = i
            while j > 0 and (keys[j - 1] in titles or keys[j - 1] in SOFT_TITLES):
                j -= 1
            stretch = range(j, i + 1)
            rest = words[i + 1 :]
            firm = any(keys[s] in titles or words[s].endswith(".") for s in stretch)
            if rest and not joins[i + 1] and (firm or len(rest) >= 2) and _base(rest[0]).lower() not in ORG_HEADS:
                prefix = words[:j]
                out: list[tuple[list[str], bool]] = []
                if len(prefix) >= 2:
                    out.append((prefix, True))
                out.append((rest, False))
                return out
            if not rest and all(k in titles or k in SOFT_TITLES for k in keys):
                return []
            break
    return [(words, True)]


def _tidy(words: list[str], sentence_initial: bool, run: _Run, seen: _Evidence) -> str | None:
    words = [w if _INITIALISM.match(w) or len(w) == 2 and w.endswith(".") else w.rstrip(".") for w in words]
    if words:
        words[-1] = words[-1].rstrip("'’")
    while words and words[0] in _CONNECTORS:
        words.pop(0)
    while words and (words[-1] in _CONNECTORS or len(words) > 1 and _base(words[-1]).lower() in seen.titles):
        words.pop()
    if sentence_initial and len(words) >= 2 and _opener(words[0], seen):
        words = words[1:]
        sentence_initial = False
        while words and words[0] in _CONNECTORS:  # "Südlich von Damaskus"
            words.pop(0)
    if seen.nouns:  # nouns before a name ("Schülerin Lida Marek") or after it are not part of it
        while len(words) > 1 and words[1] not in _CONNECTORS and seen.is_noun(words[0]):
            words.pop(0)
            sentence_initial = False
        while len(words) > 1 and words[-2] not in _CONNECTORS and seen.is_noun(words[-1]):
            words.pop()
    if not words:
        return None
    if len(words) == 1:
        word = words[0]
        key = _key(word)
        if key in seen.common or key in seen.titles or key in SOFT_TITLES or len(word.rstrip(".")) < 2:
            return None
        if _demonym(key):  # "Indian", "Ukrainian officials": an adjective, not a name (but "Indian Ocean" is)
            return None
        if seen.is_noun(word) or seen.nouns and _PLURAL_ENDING.search(key) and not any(map(str.isupper, word[1:])):
            return None  # alone, a German word ending like a plural ("für Landwirte") is a noun; not "CDU"
        if sentence_initial and not (
            run.possessive or seen.is_mid(word) or run.next_word.lower() in _REPORTING and not _plural(key, seen)
        ):
            return None
    return " ".join(words)


def _opener(word: str, seen: _Evidence) -> bool:
    """A sentence's first word that is an ordinary word, capitalised only because it opens the sentence."""
    key = _key(word)
    if key in PLACE_STARTERS:
        return False
    if key in seen.common or seen.is_noun(word) or seen.nouns and _OPENER_ENDING.search(key):
        return True
    return (seen.is_lower(key) or key.endswith("ly")) and not seen.is_mid(word)


def _demonym(key: str) -> bool:
    """A nationality word or its plural: "dutch", "ukrainian", "ukrainians", "israelis"."""
    return key in DEMONYMS or key.endswith("s") and key[:-1] in DEMONYMS


def _plural(key: str, seen: _Evidence) -> bool:
    """An ordinary word by the look of it: seen in lower case, or a plural ("Engineers", "Forecasters")."""
    return seen.is_lower(key) or key.endswith("s") and not key.endswith(("ss", "us", "is"))


def _key(word: str) -> str:
    return word.lower().replace("’", "'")


def _without_aliases(found: list[str]) -> list[str]:
    """Drop "Varga" when "Ilse Varga" is listed too (a surname standing for the full name)."""
    surnames = {name.split()[-1] for name in found if " " in name and " of " not in name and " for " not in name}
    return [name for name in found if " " in name or name not in surnames]


def _shouted(tokens: list[tuple[str, int]], seen: _Evidence) -> set[int]:
    """Indices of all-caps heading words ("WHAT'S NEXT", "DEATH BEHIND BARS"); lone acronyms stay."""
    out: set[int] = set()
    k = 0
    while k < len(tokens):
        j = k
        while j < len(tokens) and _all_caps(tokens[j][0]):
            j += 1
        stretch = range(k, j)
        common = any(_base(tokens[i][0]).lower() in COMMON or seen.is_lower(tokens[i][0].lower()) for i in stretch)
        if len(stretch) >= 3 or len(stretch) == 2 and common:
            out.update(stretch)
        elif len(stretch) == 1 and len(tokens[k][0]) >= 3 and tokens[k][0].lower() in COMMON:
            out.add(k)
        k = max(j, k + 1)
    return out


def _all_caps(token: str) -> bool:
    if not token.isupper():  # a lower-case letter, or no cased letter at all
        return False
    letters = [c for c in token if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters) and not _INITIALISM.match(token)


def _is_name_word(token: str) -> bool:
    if not token or not token.isalpha() and any(ch.isdigit() for ch in token):
        return False
    if _PREFIXED.match(token):
        return True
    if not token[0].isupper() or token == "I" or _I_CONTRACTED.match(token):
        return False
    stem = _ADJECTIVE_TAIL.match(token)
    return token[0].isalpha() and not (stem and stem.group(1).lower() in _PREFIXES)


def _adjective_stem(token: str) -> str | None:
    """``Beijing-based`` → ``Beijing`` (the run ends there); None for an ordinary token."""
    match = _ADJECTIVE_TAIL.match(token)
    if match is None or _PREFIXED.match(token):
        return None
    return match.group(1)


def _abbreviated(word: str) -> bool:
    """A title abbreviation ("Gov", "Dr") or an initial ("F" in "John F. Kennedy") that a period follows."""
    return word.lower() in _TITLE_ABBREVIATIONS or len(word) == 1 and word.isupper()


def _ends_sentence(token: str, previous: str) -> bool:
    if token == ".":
        return not (previous.lower() in _TITLE_ABBREVIATIONS or len(previous) == 1 and previous.isupper())
    return token in _SENTENCE_END


def _base(word: str) -> str:
    return _strip_possessive(word).rstrip(".")


def _is_possessive(token: str) -> bool:
    return token.endswith(("'s", "’s", "s'", "s’"))


def _strip_possessive(token: str) -> str:
    for suffix in ("'s", "’s"):
        if token.endswith(suffix):
            return token[: -len(suffix)]
    return token.rstrip("'’")
