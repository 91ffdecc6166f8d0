"""Choose the story's headline among the page's candidates and take the site's name and labels off it.

The candidates are a site rule's headline, JSON-LD's ``headline``, ``og:title`` (meta) and the page's ``<h1>``
(generic). They often name the same story in different dress: ``"Story | Site"``, ``"Kicker: Story"``,
``"Story…"`` cut short, curly or straight quotes. Comparing them with each other tells the dress from the
headline, so no site needs a rule of its own:

- a tail that names the site (og:site_name, JSON-LD publisher, the domain) or a byline is taken off, and so
  is the site's name in front (``"Site | Story"``, ``"Site: Story"``) and a section the same bar sets off in
  front of it (``"Story | Section | Site"``);
- a tail that one candidate has and another lacks (``"Story | Sport"`` beside ``"Story"``) is a section label;
- a candidate cut short (``"Story…"``, or the first words of another) yields to the full one;
- an ``<h1>`` that og:title or JSON-LD sets behind the headline (``"Story | Site"`` beside ``"Site"``) is the
  site's name, wherever else the page gives it;
- a candidate that is another with a kicker in front (``"Kicker: Story"`` beside ``"Story"``) names the same
  headline, and og:title's wording (the publisher's own standalone form) is kept — unless og:title alone has
  the kicker (``"VIDEO: Story"`` beside JSON-LD, ``<title>`` and ``<h1>`` without it: share-card dress); a
  kicker is a few words, never a quotation (``"‘We were ignored’: Story"`` is a headline of its own), and a
  format's label (``"Opinion | Story"``) the ``<h1>`` or JSON-LD leaves out is no word of the headline, nor is
  a kicker the ``<h1>`` sets in an element of its own over the story's (``<span>Kicker</span><span>Story</span>``
  beside og:title and JSON-LD ``"Kicker: Story"``: the page shows it as a line apart);
- when JSON-LD and og:title name different headlines, the one the page shows as its heading wins;
- a candidate that is only the site's name names no story, and an ``<h1>`` the ``<title>`` repeats is the
  story's whatever og:title says;
- the publisher's typography is kept: the ``<h1>``'s quotes, dashes, ellipsis and no-break spaces when it
  writes the same headline, else of the writings of one headline the one with curly quotes;
- a page named only by its ``<title>`` loses a trail of short parts in front of or behind the headline
  (``"Site :: News :: Story"``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Set
from typing import Any
from urllib.parse import urlsplit

_SEPARATOR = re.compile(r"\s+(?:[|–—:·•*/»~-]|::)\s+|\s*[|ㅣ｜：]\s*|\s+-(?=\S)|(?<=\S)-\s+")
# what may end a kicker in front of a headline: "Kicker: ", "Kicker - ", "Kicker / ", "MSV-"
_KICKER_BOUNDARY = re.compile(r"\s*[:|–—·•/]\s*|\s+-\s*|-")
_COLON = re.compile(r"(?<=\S):\s+")  # "Wrenfield Gazette: Bakery wins prize"
_KICKER_SEPARATOR = re.compile(r"(?:\s*[:|–—·•/]|\s+-)\s+")
_JOINED = re.compile(r"[:|–—·•/-]\s*$")  # a kicker written with the separator joining it on ("Review:")
_BRACKETED = re.compile(r"\s*[(\[]([^()\[\]]+)[)\]]\s*$")  # "Story (Site)", "Story [Site]"
_BYLINE = re.compile(r"^(?:by|von|par|por|di|door|af|av|przez)\s", re.IGNORECASE)
# invisible marks that set a right-to-left string's direction: at a headline's ends they only dress it (a CMS adds
# them to one copy and not another); inside it they stay, as the page has them
_DIRECTION_MARKS = "\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069 "
_ELLIPSIS = re.compile(r"\s*(?:…|\.\.\.)$")
_ALNUM = re.compile(r"[\W_]+", re.UNICODE)
_TRANSLIT = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})
_HOST_NOISE = frozenset({"www", "edition", "m", "amp", "news", "com", "org", "net", "co", "de", "uk"})
_MAX_KICKER_WORDS = 6
_MAX_SPACED_KICKER_WORDS = 3
_MAX_LABEL_WORDS = 8
_MIN_CORE_WORDS = 3
_MAX_LOGO_WORDS = 5
_MAX_LINK_WORD = 3  # "and", "of", "de", "la": the words a name leaves in lower case
_MIN_NAME_PART = 6  # letters of a site's name a shorter part must hold half of


def choose_headline(
    proposals: dict[str, dict[str, Any]], url: str, site_names: list[str], title: str = ""
) -> tuple[str, str] | None:
    """(headline, layer): a rule's, else JSON-LD's, else the page's ``<h1>``, else og:title, else the ``<title>``.

    JSON-LD's headline gives way when the page shows og:title's headline as its heading and not JSON-LD's.
    The ``<h1>`` counts only when it shares most words with og:title — or, on a page without og:title, with
    its ``<title>`` (site name taken off) — else it is the site's logo or a section name. The wording is
    og:title's whenever it names the same headline as the winner.
    """
    if rule := proposals["rule"].get("headline"):
        return rule, "rule"
    brands, names = _brands(url, site_names), _names(url, site_names)
    if banner := _banner(proposals):  # "Story | Site" beside an <h1> "Site": one more of the site's names
        brands, names = brands | {banner}, names | {banner}
    found = {  # an <h1> ends in a site's full name only
        layer: strip_site_name(value, brands, whole=layer == "generic", names=names)
        for layer in ("json-ld", "meta", "generic")
        if (value := proposals[layer].get("headline", "").strip(_DIRECTION_MARKS))
    }
    # og:title or JSON-LD that is only the site's name (a home page's tags on every page) names no story
    found = {layer: text for layer, text in found.items() if not (_short(text) and _fold(text) in brands)}
    found = _kept_clause(_drop_labels(found), found, _site_words(url, site_names), title)
    h1, og = found.get("generic"), found.get("meta")
    if h1:  # a flash's label the <h1> does not carry ("BREAKING: Story" beside "Story"): the story's headline
        found = {layer: _without_flash(text, h1) for layer, text in found.items()}
    page_title = _page_title(title, brands, found, names) if not og else None
    if h1 and page_title and (head := _before_tail(page_title, h1)):
        found["generic"] = h1 = head  # "Story — Site" beside an <h1> "Site": the <h1> is the site's banner
    reference = og or page_title
    if h1 and not og and page_title and len(page_title.split()) <= len(h1.split()):
        reference = None  # a <title> no longer than the <h1> may be the site's name: it cannot overrule it
    if (
        h1
        and reference
        and _overlap(h1, reference) < 0.5
        and _same(h1, reference) is None
        and _short(h1)
        and not _in_title(h1, title)
    ):
        del found["generic"]  # an <h1> that is the site's logo or a section name, not the story's
    elif h1 and (story := _beside_site_part(title, h1, _named(proposals), brands)):
        # "Site: Story" beside an <h1> "Site" (a blog's name over its post) that shares a word with the story:
        # the <h1> names no story; the story's part of the <title> stands for it, unless og:title names one
        if og:
            del found["generic"]
        else:
            found["generic"] = story
    if og and (full := _completed(og, found)):
        found["meta"] = og = full
    shown = _shown(proposals)
    # JSON-LD's headline cut short (to a length a search engine shows) and not shown: the full one's layer names it
    if (ld := found.get("json-ld")) and not _is_shown(ld, shown) and _completed(ld, found):
        del found["json-ld"]
    order = [layer for layer in ("json-ld", "generic", "meta") if layer in found]
    if not order:  # nothing else names the story: its <title>, however short, rather than no headline
        last = page_title or (strip_site_name(title, brands, names=names) if title else "")
        if (trail := _without_crumbs(title)) != title:  # "Site :: Section :: Story": the trail goes whole
            last = trail
        if (label := _BARRED_LABEL.match(last)) and len(last[label.end() :].split()) >= _MIN_CORE_WORDS:
            last = last[label.end() :]  # "Opinion | Story | Site": the section's format label, no headline's word
        return (_without_name_tail(last).replace(_SOFT_HYPHEN, ""), "title") if last else None
    ld, h1 = found.get("json-ld"), found.get("generic")
    if (
        ld
        and not _is_shown(ld, shown)
        and any(
            other and _same(ld, other) is None and not _key(ld).startswith(_key(other)) and _is_shown(other, shown)
            for other in (h1, og)
        )
    ):
        order.remove("json-ld")  # the page shows another headline as its heading, not JSON-LD's
    layer = order[0]
    headline = found[layer]
    # og:title's wording, unless it only puts a kicker ("Opinion | Story") in front of the headline JSON-LD and the
    # <h1> both write without it: the story's own two namings outvote the share card's (and the <title> it feeds)
    outvoted = bool(ld and h1 and _key(ld) == _key(h1) == _key(headline) and _kicker_of(og or "", headline))
    if outvoted and h1:
        headline, layer = h1, "generic"
    elif _FORMAT_LABEL.fullmatch(_kicker_of(og or "", headline) or ""):
        pass  # "Opinion | Story" beside an <h1> or JSON-LD "Story": the section's label, not the headline's words
    elif og and layer != "meta" and (wording := _same(headline, og)):
        headline, layer = (wording, "meta") if wording != headline else (headline, layer)
    if h1 and og and _key(headline) == _key(og) and _share_dress(og, h1, ld, title):
        headline, layer = h1, "generic"
    if h1 and og and _key(headline) in (_key(h1), _key(og)) and (core := _shared_core(h1, og)):
        return _typographic(core, found.values(), h1), "meta"
    parts = proposals["generic"].get("headline_parts")
    kicked = parts or proposals["generic"].get("headline_kicker")
    if layer == "generic" and page_title and kicked and _key(kicked[1]) == _key(page_title) != _key(headline):
        # "<h1><span>Kicker</span> Story</h1>" beside a <title> "Story | Site": the kicker's element is a label
        # over the headline the page names itself by
        return _typographic(kicked[1], found.values(), kicked[1]), layer
    if layer != "generic" and (story := _set_apart(headline, parts)):
        return story, "generic"
    return _typographic(headline, found.values(), h1), layer


def _set_apart(headline: str, parts: tuple[str, str] | None) -> str | None:
    """The story's part of an ``<h1>`` that sets its kicker in an element of its own, when the metadata's headline
    is that kicker and the story's (``"Kicker: Story"`` beside ``<h1><span>Kicker</span><span>Story</span>``): the
    page shows the kicker as a line over the headline, not as the headline's words. Not a kicker whose element
    writes the separator itself (``<span>Review:</span> <span>Story</span>``): the page joins it to the headline, a
    line it shows as one."""
    if not parts or _JOINED.search(parts[0]):
        return None
    kicker, story = parts
    said = _kicker_of(headline, story)
    set_off = said is not None and _KICKER_SEPARATOR.match(headline[len(said) :])  # "Kicker: ", not "Kicker "
    return story if set_off and _key(said or "") == _key(kicker) else None


_CURLY = str.maketrans({"‘": "'", "’": "'", "‚": "'", "“": '"', "”": '"', "„": '"', "«": '"', "»": '"'})
# the other characters one headline is typed with or typeset with: "..." or "…", "-" or a dash
_TYPESET = str.maketrans({"…": "...", "–": "-", "—": "-", "‐": "-", "‑": "-"})
_TYPOGRAPHIC = frozenset("‘’‚“”„«»")
_GUILLEMET_SPACE = re.compile(r"(?<=«)\s+|\s+(?=»)")  # "« Nous »": French sets its quotes off by a (thin) space
_SOFT_HYPHEN = "\xad"  # a hyphenation hint inside a word: no character a reader sees, and no change when moved


def _typographic(headline: str, candidates: Iterable[str], heading: str | None = None) -> str:
    """The publisher's own characters: the page's ``<h1>`` (``heading``) when it writes the same headline with
    other quotes, dashes, an ellipsis for three dots or a no-break space (what readers see, whichever way the
    metadata curls, flattens or retypes them); else, of the candidates
    that do (a CMS flattening its typography into og:title, ``"Nous"`` for ``« Nous »``), the one with the most
    typographic quotes; soft hyphens go."""
    headline = headline.replace(_SOFT_HYPHEN, "")
    plain = _plain_quotes(headline)
    if heading and _typeset(shown := heading.replace(_SOFT_HYPHEN, "")) == _typeset(headline):
        return shown
    if "'" not in headline and '"' not in headline:
        return headline
    best, most = headline, _quote_count(headline)
    for text in candidates:
        text = text.replace(_SOFT_HYPHEN, "")
        if (count := _quote_count(text)) > most and _plain_quotes(text) == plain:
            best, most = text, count
    return best


def _plain_quotes(text: str) -> str:
    return " ".join(_GUILLEMET_SPACE.sub("", text).translate(_CURLY).split())


def _typeset(text: str) -> str:
    return _plain_quotes(text).translate(_TYPESET)


def _quote_count(text: str) -> int:
    return sum(ch in _TYPOGRAPHIC for ch in text)


_NAME_TAIL = re.compile(r"\s+[|–—·•]\s+|\s+-\s+")
_DOMAIN = re.compile(r"\w[\w-]*(?:\.[\w-]+)+")  # "tarnvalley.news"
_MAX_NAME_WORDS = 4
_MAX_PLAIN_NAME_WORDS = 2  # "My website": a name in sentence case is short


def _without_name_tail(title: str) -> str:
    """A <title> alone, without a last "| Site Name" part behind a headline of four words or more: a few words
    that read as a name — capitalised ("Water supply restored in Tarn | Tarn Valley News"), a domain
    ("- tarnvalley.news"), any case after a bar ("| tarn valley news"), or two words in sentence case ("– My
    website")."""
    parts = list(_NAME_TAIL.finditer(title))
    if not parts:
        return title
    head, tail = title[: parts[-1].start()].strip(), title[parts[-1].end() :].strip()
    words = tail.split()
    named = 0 < len(words) <= _MAX_NAME_WORDS and (
        all(w[:1].isupper() or not w[:1].isalpha() for w in words)
        or bool(_DOMAIN.fullmatch(tail))
        or parts[-1].group().strip() in "|·•"
        or (len(words) <= _MAX_PLAIN_NAME_WORDS and words[0][:1].isupper())
    )
    return head if named and len(head.split()) >= 4 else title


_MAX_CRUMB_WORDS = 3
_SCORE = re.compile(r"\d$")
_SCORE_AFTER = re.compile(r"\d")


def _without_crumbs(title: str) -> str:
    """A <title> alone that is a trail of short parts and the headline at one end, each part set off by the same
    separator ("Site :: News :: Council approves tax break for grocery", "Headline in full | News | Site"): the
    headline's part (four words or more, every other part three words at most)."""
    separators: dict[str, list[re.Match[str]]] = {}
    for separator in _SEPARATOR.finditer(title):
        if _SCORE.search(title, 0, separator.start()) and _SCORE_AFTER.match(title, separator.end()):
            continue  # "3 - 1": a score's dash, no separator (numbers are no trail's parts)
        separators.setdefault(separator.group().strip(), []).append(separator)
    for found in separators.values():
        if len(found) < 2:
            continue
        bounds = [0, *(edge for separator in found for edge in separator.span()), len(title)]
        parts = [title[start:end].strip() for start, end in zip(bounds[::2], bounds[1::2], strict=True)]
        for story, others in ((parts[-1], parts[:-1]), (parts[0], parts[1:])):
            if len(story.split()) > _MAX_CRUMB_WORDS and all(_crumb(part) for part in others):
                return story
    return title


def _crumb(part: str) -> bool:
    """A trail's part: a few words, not a number ("Site :: News", not a score's "1")."""
    return 0 < len(part.split()) <= _MAX_CRUMB_WORDS and not part.replace(" ", "").isdigit()


def _in_title(h1: str, title: str) -> bool:
    """The ``<title>`` is mostly the whole ``<h1>`` of three words or more ("Story - Site" beside the <h1>
    "Story", not "Story - Site" beside a banner <h1> "Site"): the page's two own namings of the story agree,
    whatever og:title says ("Startseite", a teaser line)."""
    key, whole = _key(h1), _key(title)
    return len(h1.split()) >= _MIN_CORE_WORDS and key in whole and len(whole) < 2 * len(key)


def _short(h1: str) -> bool:
    """Short enough to be a logo or a section name ("Politics", "The Valmora Ledger"); a longer <h1> is a
    headline, even one that other candidates word differently."""
    return len(h1.split()) <= _MAX_LOGO_WORDS


def _before_tail(title: str, tail: str) -> str | None:
    """The part of ``title`` before a separator after which only ``tail`` follows; None otherwise."""
    key = _key(tail)
    for separator in _SEPARATOR.finditer(title):
        head = title[: separator.start()].strip()
        if _key(title[separator.end() :]) == key and len(head.split()) >= _MIN_CORE_WORDS:
            return head
    return None


def _banner(proposals: dict[str, dict[str, Any]]) -> str | None:
    """The folded ``<h1>`` when it is the site's name: the part og:title or JSON-LD sets behind a separator after a
    longer headline ("Harbour to be dredged next year | Saltings Notebook" beside the <h1> "Saltings Notebook"), a
    name the page may give nowhere else (no og:site_name, a domain of other words). None when JSON-LD names the
    <h1> as its headline, or the <h1> is no short name."""
    h1 = proposals["generic"].get("headline", "").strip(_DIRECTION_MARKS)
    if not h1 or not _short(h1) or _SEPARATOR.search(h1) or not _written_as_name(h1):
        return None
    ld, og = proposals["json-ld"].get("headline"), proposals["meta"].get("headline")
    if ld and _key(ld) == _key(h1):
        return None
    for text in (og, ld):
        if text and (head := _before_tail(text, h1)) and len(head.split()) > len(h1.split()):
            return _fold(h1) or None
    return None


def _written_as_name(text: str) -> bool:
    """Written as a name is: no word but a short link word in lower case ("Pier and Quay Notes", "痞客邦 PIXNET";
    never "North pier rebuilt", a headline in sentence case that a site's name in front may leave short)."""
    return not any(word[:1].islower() and len(word) > _MAX_LINK_WORD for word in text.split())


def _beside_site_part(title: str, h1: str, named: Set[str], brands: Set[str]) -> str | None:
    """The story's part of a ``<title>`` whose other part, in front of or behind a separator, is the short
    ``h1``, when the page names that story part elsewhere too (``named``: a post's heading, JSON-LD's or
    og:title's headline): "Saltings Notebook: Harbour to be dredged" beside the <h1> "Saltings Notebook" and an
    <h2> "Harbour to be dredged". Such an <h1> is the site's name, whatever words it shares with the story's.
    None otherwise (in "Story – Site" the <h1> "Story" is the story's, and only the page's other namings
    tell which part is the site's)."""
    key, words = _key(h1), len(h1.split())
    if not key or not _short(h1):
        return None
    for separator in (*_SEPARATOR.finditer(title), *_COLON.finditer(title)):
        head, rest = title[: separator.start()].strip(), title[separator.end() :].strip()
        for site, story in ((head, rest), (rest, head)):
            count = len(story.split())
            if (
                _key(site) == key
                and count >= _MIN_CORE_WORDS
                and count > words
                and _key(story) in named
                and _fold(story) not in brands  # the part named elsewhere is the site's own name
            ):
                return story
    return None


def _named(proposals: dict[str, dict[str, Any]]) -> set[str]:
    """The keys of the headlines the page states as its story's besides its <h1>: a blog post's title heading,
    JSON-LD's, og:title's (not a header's <h2>: that may be the site's name or the standfirst)."""
    stated = (proposals["generic"].get("post_title"), proposals["json-ld"].get("headline"))
    return {_key(text) for text in (*stated, proposals["meta"].get("headline")) if text}


def _shown(proposals: dict[str, dict[str, Any]]) -> tuple[str, ...]:
    """The headings the page shows: its <h1>s, a header's or an <hgroup>'s <h2>s, a blog post's title."""
    post = proposals["generic"].get("post_title")
    return (*proposals["generic"].get("headings", ()), *((post,) if post else ()))


def _page_title(title: str, brands: set[str], found: dict[str, str], names: set[str]) -> str | None:
    """The ``<title>`` without the site's name, when it reads as a headline (not the bare site name)."""
    text = strip_site_name(title, brands, names=names) if title else ""
    if not text or _names_site(text, brands) or (len(text.split()) < 3 and len(text) < 12):
        return None
    return _drop_labels({"title": text, **found})["title"]


def visible_headline(
    proposals: dict[str, dict[str, Any]], chosen: str | None, title: str, url: str, site_names: list[str]
) -> str | None:
    """The page's ``<h1>`` when it reads differently from the chosen headline and is the story's, not a logo.

    Editors see the ``<h1>``; a CMS may rewrite it (and the ``<title>``) without touching JSON-LD, and a
    monitor must notice. It counts as the story's headline when it shares most words with the chosen one or
    with the ``<title>`` (site name taken off), and has three words or more.
    """
    h1 = (proposals["generic"].get("headline") or "").replace(_SOFT_HYPHEN, "")
    if not h1 or not chosen or " ".join(h1.split()) == " ".join(chosen.split()) or len(h1.split()) < 3:
        return None
    if _banner(proposals):
        return None  # the site's name, behind the story's in og:title
    brands, names = _brands(url, site_names), _names(url, site_names)
    h1 = strip_site_name(h1, brands, whole=True, names=names)
    if _beside_site_part(title, h1, _named(proposals), brands):
        return None  # the site's name, beside the story's in the <title>
    page_title = strip_site_name(title, brands, names=names) if title else ""
    if _overlap(h1, chosen) >= 0.5 or (page_title and _overlap(h1, page_title) >= 0.5):
        return h1
    return None


def strip_site_name(title: str, brands: set[str], *, whole: bool = False, names: Set[str] = frozenset()) -> str:
    """``"Bakery wins prize | Wrenfield Gazette"`` → ``"Bakery wins prize"`` when the tail names the site;
    ``whole``: only when the tail holds a whole name (an ``<h1>``'s "… - Live" is its own word, not "Live News").

    A byline tail (``"… | Site | by Jane Roe"``) goes with it, and so does a site's whole name in front
    (``"Wrenfield Gazette | Bakery wins prize"``, as right-to-left pages often write it); one of ``names`` in
    front also when only a colon follows it (``"Wrenfield Gazette: Bakery wins prize"``), and its whole name in
    brackets behind it (``"Bakery wins prize (Wrenfield Gazette)"``, ``"… [Wrenfield Gazette]"``).
    """
    title = _without_site_name_and_motto(_without_site_lead(title, brands, names), brands)
    bracket = _BRACKETED.search(title)
    if bracket and len(title[: bracket.start()].strip()) >= 10 and _names_site(bracket.group(1), brands, whole=True):
        title = title[: bracket.start()].strip()
    removed = ""
    for _ in range(3):  # "Headline - Section | Site" → "Headline - Section"; "… | Site | by Name" → "…"
        parts = list(_SITE_SEPARATOR.finditer(title))
        if not parts:
            break
        last = parts[-1]
        tail = title[last.end() :].strip()
        head = title[: last.start()].strip()
        if len(head) < 10 or not (_names_site(tail, brands, whole=whole) or _BYLINE.match(tail)):
            break
        title, removed = head, last.group().strip()
    return _without_section(title, removed)


_BARS = frozenset({"|", "｜", "ㅣ", "·", "•", "::", "_"})
# what may set off the site's name behind a headline: a separator, or an underscore as Chinese pages write it
# ("标题_社会_北滨日报"; only a part that names the site goes, so a name_with_underscores stays)
_SITE_SEPARATOR = re.compile(rf"{_SEPARATOR.pattern}|\s*_\s*")
_MIN_UNSPACED_HEAD = 8  # characters of a headline in a script written without spaces
_HAN_HANGUL = "\u3400-\u9fff\uac00-\ud7a3"
# a section's word glued onto a headline's last (two letters each side at least: "한-미", Korea-US, is no section)
_GLUED_SECTION = re.compile(rf"(?<=[{_HAN_HANGUL}]{{2}})-([{_HAN_HANGUL}]{{2,4}})$")
# the sections Korean and Chinese papers glue on so: a word naming no section is the headline's own compound
# ("…결승 한국-일본", Korea–Japan; "中国-东盟", China–ASEAN)
_GLUED_WORDS = (
    "정치 사회 경제 국제 세계 문화 스포츠 연예 사설 칼럼 오피니언 전국 지역 산업 금융 과학 생활 라이프 건강 여행 교육 "
    "북한 증권 부동산 기업 종합 社会 国际 国内 财经 经济 体育 娱乐 科技 军事 文化 时政 政治 新闻 评论 健康 教育 汽车 "
    "房产 地方 本地 两岸 港澳 社會 國際 國內 財經 經濟 體育 娛樂 軍事 時政 新聞 評論 汽車 房產"
)
_GLUED_SECTIONS = frozenset(_GLUED_WORDS.split())


def _without_section(title: str, separator: str) -> str:
    """``title`` without a section's few words set off by the same bar the site's name behind them was
    (``"Headline | Harbour | Site"`` → ``"Headline"``): a trail, whose parts a bar sets off, never the headline's
    own clause (a dash's "Headline - Section" may be); a Chinese page's underscore too ("标题_社会_北滨日报"), and a
    Korean or Chinese page's hyphen that glues a word of a section onto the headline's last ("…커졌다-정치ㅣ한국일보":
    a word that names a section: "…결승 한국-일본", Korea–Japan, is the headline's own)."""
    if separator not in _BARS:
        return title
    if (glued := _GLUED_SECTION.search(title)) and glued.group(1) in _GLUED_SECTIONS:  # "…커졌다-정치ㅣ한국일보"
        return title[: glued.start()]
    last = list(_SITE_SEPARATOR.finditer(title))[-1:]
    if not last or last[0].group().strip() != separator:
        return title
    head, section = title[: last[0].start()].strip(), title[last[0].end() :].strip()
    words = len(head.split())
    long_enough = words >= _MIN_CORE_WORDS or (words == 1 and len(head) >= _MIN_UNSPACED_HEAD)
    return head if _crumb(section) and long_enough else title


def _without_site_name_and_motto(title: str, brands: set[str]) -> str:
    """``"Headline | Site - News from Valmora"`` → ``"Headline"``: a part that is exactly the site's name and what
    follows it (the site's motto) go."""
    parts = list(_SEPARATOR.finditer(title))
    for separator, after in zip(parts, parts[1:], strict=False):
        head, motto = title[: separator.start()].strip(), title[after.end() :]
        named = _fold(title[separator.end() : after.start()]) in brands
        if named and len(head.split()) >= _MIN_CORE_WORDS and len(motto.split()) <= len(head.split()):
            return head
    return title


def _without_site_lead(title: str, brands: set[str], names: Set[str] = frozenset()) -> str:
    for separator, known in ((next(_SEPARATOR.finditer(title), None), brands), (_COLON.search(title), names)):
        if separator is None:
            continue
        lead, rest = title[: separator.start()].strip(), title[separator.end() :].strip()
        if len(rest.split()) >= _MIN_CORE_WORDS and _fold(lead) in known:
            return rest
    return title


def _names_site(tail: str, brands: set[str], *, whole: bool = False) -> bool:
    """Whether ``tail`` names the site: holds one of its names, or (unless ``whole``) is a good part of one
    ("Gazette" of Wrenfield Gazette; not "live" of Liverpool Echo, which ends a live blog's headline)."""
    folded = _fold(tail)
    return bool(folded) and any(
        brand in folded or (not whole and folded in brand and _part_of_name(folded, brand))
        for brand in brands
        if len(brand) >= 3
    )


def _part_of_name(part: str, name: str) -> bool:
    return len(part) >= _MIN_NAME_PART or 2 * len(part) >= len(name)


# a flash's label in front of a headline, in the languages pages come in
_FLASH = re.compile(
    r"^(?:breaking(?: news)?|just in|exclusive|urgent|flash|live|watch|update[d]?|eilmeldung|exklusiv|"
    r"última hora|urgente|exclusiva|alerte|dernière minute|exclusif|ultim'ora)\s*[:|–—-]\s+(?=\S)",
    re.IGNORECASE,
)


def _without_flash(text: str, h1: str) -> str:
    """``text`` without a flash's label ("BREAKING: ") when what follows it is the ``<h1>``, which shows none."""
    flash = _FLASH.match(text)
    return text[flash.end() :] if flash and not _FLASH.match(h1) and _key(text[flash.end() :]) == _key(h1) else text


def _drop_labels(found: dict[str, str]) -> dict[str, str]:
    """Take off a tail that one candidate has and another lacks: ``"Story | Sport"`` beside ``"Story"``."""
    out = dict(found)
    for layer, text in found.items():
        for other in found.values():
            cut = _without_label(text, other)
            if cut:
                out[layer] = cut
                break
    return out


# what sets off an <h1>'s own clause: a spaced dash, or a colon spaced as French sets it ("Story : clause")
_CLAUSE = re.compile(r"\s+[–—:-]\s+")


def _kept_clause(cut: dict[str, str], found: dict[str, str], sites: list[list[str]], title: str) -> dict[str, str]:
    """``cut`` (:func:`_drop_labels`) with the ``<h1>``'s dash clause back ("Council halts car park – residents
    cheer" beside og:title "Council halts car park"), and any candidate's that wrote the same: an ``<h1>`` shows
    the headline readers see, and it rarely carries a section label, least of all after a dash or a colon (French
    sets a space before it: "Le port rouvre : les pêcheurs soulagés" beside "Le port rouvre"). Not a clause
    that names the site (``sites``: the words of its names, :func:`_site_words`, and the ``<title>``'s part after
    its last separator: "– Kelmor Tidings", "– Kelmor", "- KT" beside "… | Kelmor Tidings") nor one that names
    the story's format ("– video", "– in pictures"). A bar's or a dot's label ("Story | Video") still goes."""
    h1 = found.get("generic")
    if not h1 or cut.get("generic") == h1:
        return cut
    rest = h1[len(cut["generic"]) :] if h1.startswith(cut["generic"]) else ""
    dash = _CLAUSE.match(rest)
    if not dash:
        return cut
    clause = rest[dash.end() :].strip()
    if _FORMAT_LABEL.fullmatch(clause) or _names_site_by_words(clause, [*sites, *_title_site(title, h1, clause)]):
        return cut
    return {layer: found[layer] if _key(found[layer]) == _key(h1) else text for layer, text in cut.items()}


# a label naming a story's format, not its words: "– video", "– in pictures", "– live", in the languages pages are
# written in
_FORMAT_LABEL = re.compile(
    r"(?:(?:watch|listen)(?:\s+(?:the\s+)?video)?|videos?|vídeos?|vidéos?|photos?|fotos?|pictures|images|(?:photo\s+)?gallery|"
    r"galerie|galería|galeria|galleria|bilder|bildergalerie|fotogalerie|fotogalería|fotogaleria|(?:in|en|em)\s+"
    r"(?:pictures|photos|images|fotos|bildern|imágenes|imagens|immagini)|live(?:\s*blog)?|liveticker|ticker|"
    r"en\s+direct|en\s+directo|en\s+vivo|ao\s+vivo|in\s+diretta|directo|podcast|audio|opinion|opinión|opinião|"
    r"meinung|kommentar|commentaire|analysis|analyse|análisis|interactive|explainer)[.!]?",
    re.IGNORECASE,
)

# a format label set off in front of a <title>'s headline by a bar ("Opinion | Story", "Video · Story")
_BARRED_LABEL = re.compile(rf"(?:{_FORMAT_LABEL.pattern})\s*[|｜·•]\s*", re.IGNORECASE)


def _title_site(title: str, h1: str, clause: str) -> list[list[str]]:
    """The ``<title>``'s part after its last separator as a site's name's words ("… | Kelmor Tidings"); when it
    is the ``<h1>``'s dash clause itself, only if the ``<title>`` is the ``<h1>`` alone (naming the site nowhere
    else: "Site | Story – Clause" names it in front) and the clause is written as a name is: a few words, each
    capitalised ("… – Kelmor Tidings", never "… – residents cheer")."""
    parts = list(_SEPARATOR.finditer(title))
    if not parts or not title[: parts[-1].start()].strip():
        return []
    tail = title[parts[-1].end() :].split()
    if _key(" ".join(tail)) == _key(clause) and not (
        _key(title) == _key(h1) and len(tail) <= _MAX_LOGO_WORDS and all(w[:1].isupper() for w in tail)
    ):
        return []
    return [[word for word in map(_fold, tail) if word]]


def _site_words(url: str, site_names: list[str]) -> list[list[str]]:
    """The site's names, each as its words (folded): its own names and its domain's labels split at their hyphens
    ("kelmor-tidings")."""
    names = [name for name in site_names if name]
    labels = [label for label in (urlsplit(url).hostname or "").split(".") if label not in _HOST_NOISE]
    words = [[_fold(word) for word in name.split()] for name in names]
    words += [label.split("-") for label in labels if len(label) >= 3]
    return [[word for word in name if word] for name in words if any(name)]


def _names_site_by_words(clause: str, sites: list[list[str]]) -> bool:
    """Whether a dash clause names the site: holds one of its names whole ("Kelmor Tidings Online"), is made of
    its name's words alone ("Kelmor") or is its initials ("KT")."""
    words = [word for word in map(_fold, clause.split()) if word]
    if not words:
        return False
    folded = "".join(words)
    for name in sites:
        whole = "".join(name)
        if len(whole) >= 3 and whole in folded:
            return True
        if set(words) <= set(name) and len(folded) >= 3:
            return True
        if len(words) == 1 and len(name) > 1 and folded == "".join(word[0] for word in name):
            return True
    return False


def _without_label(text: str, other: str) -> str | None:
    """``text`` up to the separator after which it only adds a short label to ``other``; None otherwise."""
    key = _key(other)
    if not key or len(_key(text)) <= len(key):
        return None
    for separator in _SEPARATOR.finditer(text):
        head = text[: separator.start()].strip()
        if _key(head) == key:
            tail = text[separator.end() :]  # a label is short, and shorter than the headline it follows
            return head if 0 < len(tail.split()) <= min(_MAX_LABEL_WORDS, len(head.split()) - 1) else None
    return None


def _completed(text: str, found: dict[str, str]) -> str | None:
    """The full headline of which ``text`` is a cut-short copy (``"Story wins…"``, ``"Story wins and"``)."""
    stem = _key(_ELLIPSIS.sub("", text))
    if len(text.split()) < 2:
        return None
    for other in found.values():
        key = _key(other)
        if len(key) > len(stem) and key.startswith(stem) and not _without_label(other, text):
            return other
    return None


def _same(a: str, b: str) -> str | None:
    """og:title-side wording when ``a`` and ``b`` name the same headline (equal words or one adds a kicker)."""
    if _key(a) == _key(b):
        return b
    if _kicker_of(a, b) or _kicker_of(b, a):
        return b
    return None


def _kicker_of(text: str, core: str) -> str | None:
    """The kicker in front of ``core`` in ``text`` (``"Kicker: Core"`` → ``"Kicker"``); None otherwise."""
    key, core_key = _key(text), _key(core)
    if len(core.split()) < _MIN_CORE_WORDS or len(key) <= len(core_key) or not key.endswith(core_key):
        return None
    for boundary in _KICKER_BOUNDARY.finditer(text):
        kicker = text[: boundary.start()].strip()
        if len(kicker.split()) > _MAX_KICKER_WORDS or _quotation(kicker):
            return None
        if kicker and _key(text[boundary.end() :]) == core_key:
            return kicker
    words = text.split()  # a kicker set off by its own element only ("<span>Weather</span> Core"): a space
    for n in range(1, min(_MAX_SPACED_KICKER_WORDS, len(words) - _MIN_CORE_WORDS) + 1):
        if _key(" ".join(words[n:])) == core_key:
            return " ".join(words[:n])
    return None


def _share_dress(og: str, h1: str, ld: str | None, title: str) -> bool:
    """og:title puts a kicker in front of the page's ``<h1>`` ("VIDEO: Story" beside "Story") that neither the
    JSON-LD headline nor the ``<title>`` carries: dress for the share card, not the headline readers see."""
    if _key(og) == _key(h1) or not _kicker_of(og, h1):
        return False
    return not (ld and _key(og) in _key(ld)) and _key(og) not in _key(title)


def _shared_core(a: str, b: str) -> str | None:
    """The headline two candidates share behind different kickers: ``"K1 - Story"``, ``"K2: Story"`` → Story."""
    if _key(a) == _key(b) or _same(a, b):
        return None
    for separator in _KICKER_SEPARATOR.finditer(b):
        core = b[separator.end() :].strip()
        kicker_words = len(b[: separator.start()].split())
        if kicker_words > _MAX_KICKER_WORDS or kicker_words >= len(core.split()):
            break  # a kicker is a word or two in front of the headline, never the longer part of it
        if _kicker_of(a, core) and _kicker_of(b, core):
            return core
    return None


def _is_shown(text: str, shown: Iterable[str]) -> bool:
    """Whether the page shows ``text`` as a heading: the same words, or behind a kicker of a few words (not a
    longer lead, nor a quotation: "‘I thought I would drown’: survivors recall …" is a headline of its own)."""
    key = _key(text)
    for heading in shown:
        whole = _key(heading)
        if key == whole:
            return True
        if whole.endswith(key) and len(key) > 0.6 * len(whole) and _lead_is_kicker(heading, text):
            return True
    return False


def _lead_is_kicker(heading: str, text: str) -> bool:
    """Whether what ``heading`` sets in front of ``text`` reads as a kicker: a few words, not a quotation."""
    lead = heading.split()[: max(0, len(heading.split()) - len(text.split()))]
    return len(lead) <= _MAX_KICKER_WORDS and not _quotation(" ".join(lead))


_OPENING_QUOTES = "‘“„‚«'\""
_CLOSING = re.compile(r"[’”“‘»'\"][\s:–—|-]*$")


def _quotation(lead: str) -> bool:
    """A lead in quotation marks ("‘We were ignored’:"): the headline's own words, never a label."""
    return len(lead) > 2 and lead[:1] in _OPENING_QUOTES and bool(_CLOSING.search(lead))


def _names(url: str, site_names: list[str]) -> set[str]:
    """The site's own names and its domain's main label ("wrenfieldgazette" of news.wrenfield-gazette.co.uk),
    folded: what a colon may set off in front of a headline. A subdomain's label is left out: it is often a
    place or a section ("Wien: …" on wien.example.at is the story's kicker)."""
    labels = [label for label in (urlsplit(url).hostname or "").split(".")[:-1] if label not in _HOST_NOISE]
    main = {_fold(labels[-1])} if labels and len(labels[-1]) >= 3 else set()
    return main | {_fold(name) for name in site_names if name} - {""}


def _brands(url: str, site_names: list[str]) -> set[str]:
    host = urlsplit(url).hostname or ""
    labels = {label for label in host.split(".") if label not in _HOST_NOISE and len(label) >= 3}
    return {_fold(label) for label in labels} | {_fold(name) for name in site_names if name} - {""}


def _fold(text: str) -> str:
    return _ALNUM.sub("", text.casefold().translate(_TRANSLIT))


def _key(text: str) -> str:
    """Letters and digits only, case-folded: what two renderings of one headline have in common."""
    return _ALNUM.sub("", text.casefold())


def _overlap(a: str, b: str) -> float:
    words_a, words_b = set(_ALNUM.split(a.casefold())) - {""}, set(_ALNUM.split(b.casefold())) - {""}
    return len(words_a & words_b) / max(1, min(len(words_a), len(words_b)))
