"""A story's closing credit: the line after its last paragraph that names who reported it, when no byline does.

- A wire service's sign-off: "(Reporting by Ana Ruiz in Lima and Tom Hale in Quito; Editing by Ben Ode)". Its
  reporters ("Reporting by", "Reported by") and its writer ("Writing by", "Written by": in wire style the one who
  wrote the story from the reporters' files, an author as much as they) are the story's authors; its editors
  ("Editing by"), its "Additional reporting by" contributors, its photographers and its compilers are not.
- A Japanese or Chinese paper's credit in brackets: "（経済部 高橋美咲）" (the desk and the reporter),
  "（高橋美咲記者）"; never a lone token ("（共同）", "（新华社）": an agency; "（写真は資料）": a photo note).
- A lone name set bold and right-aligned as the story's last paragraph (Vietnamese papers: "**Minh Khôi**"), never a
  source line ("**Theo VnExpress**", "**(Nguồn: Reuters)**").

Such a line is no story text (``lead._story_end`` takes the first two off the body's end; the third goes as the
byline it is, once its name is the author).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from lxml.html import HtmlElement

from monitor.extractors.text import clean, element_text

if TYPE_CHECKING:
    from monitor.extractors.gate import PageGate

_MAX_CREDIT = 240  # characters: a longer line is a story's
_PART_LABEL = re.compile(
    r"^(?P<label>(?:additional |further )?(?:reporting|reported|writing|written|editing|edited|compiled|"
    r"photos?|photographs|graphics?|video|production|produced|fact-checking|research)(?: and \w+)?)\s+by\s+"
    r"(?P<names>\S.*)$",
    re.IGNORECASE,
)
_AUTHOR_LABELS = frozenset({"reporting", "reported", "writing", "written", "reporting and writing"})
_PLACE = re.compile(r"\s+(?:in|from)\s+\S.*$")  # "Kofi Mensah in Kaldera": the place the reporter filed from
_NAME_SPLIT = re.compile(r"\s*(?:,|&|\band\b)\s*", re.IGNORECASE)
# CJK: a desk ("経済部", "社会部", "北京支局") and a 2-4 Han-character name, or a name and "記者" (reporter), in
# full-width or plain brackets; a lone token ("（共同）", "（新华社）", "（写真は資料）") names an agency or a photo
_HAN = r"\u3400-\u4dbf\u4e00-\u9fff"
_DESK_END = "部|局|課|組|组|班|室|支局|総局|支社|本社|报道组|報道組"
_CJK_CREDIT = re.compile(
    rf"^[（(]\s*(?:(?P<desk>[{_HAN}]{{1,10}}(?:{_DESK_END}))[\s　・/]+(?P<name>[{_HAN}]{{2,4}})(?:記者|记者)?"
    rf"|(?P<reporter>[{_HAN}]{{2,4}})(?:記者|记者))\s*[）)]$"
)
_RIGHT = re.compile(r"text-align\s*:\s*right", re.IGNORECASE)
_BOLD = frozenset({"strong", "b"})
_MAX_NAME_WORDS = 4
_NOT_IN_NAME = frozenset('()[]{}:：;,!?"“”/|（）')
# lower-case words a person's name may hold ("Ana de la Cruz", "Jan van Dijk", "Omar bin Said")
_PARTICLES = frozenset("de da di del della der den des du la le van von ter ten zu bin ibn al el y e".split())  # noqa: SIM905


def is_person_name(name: str) -> bool:
    """Written as a person's name: every word capitalised (a script without capitals passes) but particles."""
    return all(not word[:1].islower() or word in _PARTICLES for word in name.split())


def credit_names(text: str) -> tuple[str, ...]:
    """The authors a closing credit line names: a wire sign-off's reporters and writer, a bracketed CJK credit's
    reporter; () for any other line (one naming only editors too)."""
    text = clean(text)
    if len(text) > _MAX_CREDIT:
        return ()
    if match := _CJK_CREDIT.match(text):
        return (match["name"] or match["reporter"],)
    if not (text[:1] and text[:1] in "([" and text[-1:] in ")]"):
        return ()
    parts = _parts(text)
    if parts is None or not any(label in _AUTHOR_LABELS for label, _ in parts):
        return ()
    names: list[str] = []
    for label, people in parts:
        if label in _AUTHOR_LABELS:
            for name in people:
                if name not in names:
                    names.append(name)
    return tuple(names)


def _parts(text: str) -> list[tuple[str, tuple[str, ...]]] | None:
    """A bracketed sign-off's parts, each its label and the people it names; None unless every part is a label
    and people's names ("Ana Ruiz in Lima and Tom Hale", never "Oxford economists suggests …" nor "Ana Ruiz, who
    spent a year …")."""
    if not (text[:1] and text[:1] in "([" and text[-1:] in ")]"):
        return None
    parts: list[tuple[str, tuple[str, ...]]] = []
    for part in text[1:-1].split(";"):
        match = _PART_LABEL.match(part.strip())
        if not match:
            return None
        people: list[str] = []
        for piece in _NAME_SPLIT.split(match["names"].strip().rstrip(".")):
            name, place = piece.strip(), ""
            if at := _PLACE.search(name):
                name, place = name[: at.start()].strip(), at.group().split(None, 1)[1]
            if not _written_as_name(name) or place and not _written_as_name(place):
                return None  # "Reporting by staff in the region": no name
            people.append(name)
        parts.append((match["label"].casefold(), tuple(people)))
    return parts


def _written_as_name(name: str) -> bool:
    """Up to four words, every one capitalised but particles ("Ana de la Cruz"; a script without capitals
    passes), no digit or punctuation."""
    words = name.split()
    return (
        0 < len(words) <= _MAX_NAME_WORDS
        and all(word[:1].isalpha() and not word[:1].islower() or word in _PARTICLES for word in words)
        and not any(char.isdigit() or char in _NOT_IN_NAME for char in name)
    )


def is_closing_credit(text: str) -> bool:
    """A closing credit line (:func:`credit_names` reads a name in it, or a wire sign-off naming only editors
    and contributors: "(Editing by Ben Ode)")."""
    if credit_names(text):
        return True
    text = clean(text)
    return len(text) <= _MAX_CREDIT and _parts(text) is not None


def closing_credit(tree: HtmlElement, gate: PageGate | None = None) -> tuple[tuple[str, ...], HtmlElement | None, bool]:
    """The authors the story's closing credit names and its element: the last paragraph of its block that is
    a credit line, or a lone bold, right-aligned person's name; ((), None) when there is none. With the page's
    ``gate``, what it leaves out (an ad slot, a newsletter box) neither is a credit nor decides one, and the last
    value says whether the digest cannot vouch for the choice: a candidate or a later paragraph deciding it holds
    a part the gate leaves out, or a bold name's alignment (an attribute the walk never digests) decided it."""
    found: tuple[tuple[str, ...], HtmlElement | None] = ((), None)
    unsure = False
    for element in tree.iter("p", "div"):
        opening = (element.text or "").lstrip()[:1]
        if not (opening and opening in "([（" or not opening and len(element) == 1 and element[0].tag in _BOLD):
            continue  # (cheap first: most paragraphs open with a word)
        if _noise(element, gate) or len(element) > 3 or _in_aside(element):
            continue
        text = element_text(element)
        if not text or len(text) > _MAX_CREDIT:
            continue
        names = credit_names(text)
        bold = () if names else _bold_name(element, text)
        if not names and not bold:
            continue
        later, doubtful = _later_paragraph(element, gate)
        unsure = unsure or doubtful or bool(bold) or not _vouched(element, gate)
        if later or bold and not _right_aligned(element):
            continue
        found = (names or bold, element)
    return (*found, unsure)


_NOT_A_SIGNER = frozenset({"theo", "nguồn", "source", "sources", "via", "ảnh", "photo", "by", "from"})


def _bold_name(element: HtmlElement, text: str) -> tuple[str, ...]:
    """A paragraph that is only a bold person's name (set right-aligned: the story's author signing it; see
    :func:`_right_aligned`), never "Theo VnExpress" nor "(Nguồn: Reuters)"."""
    if len(element) != 1 or element[0].tag not in _BOLD or (element.text or "").strip():
        return ()
    if (element[0].tail or "").strip() or element_text(element[0]) != text:
        return ()
    words = text.split()
    if not 2 <= len(words) <= _MAX_NAME_WORDS or not _written_as_name(text) or text[-1] in ".!?:":
        return ()
    if words[0].casefold() in _NOT_A_SIGNER:
        return ()
    return (text,)


def _right_aligned(element: HtmlElement) -> bool:
    return bool(_RIGHT.search(element.get("style") or "")) or (element.get("align") or "").lower() == "right"


def _noise(element: HtmlElement, gate: PageGate | None) -> bool:
    """Whether the gate leaves ``element`` out whole (an ad slot, a newsletter box)."""
    return gate is not None and any(node in gate.left_out for node in (element, *element.iterancestors()))


def _vouched(element: HtmlElement, gate: PageGate | None) -> bool:
    return gate is None or gate.covers(element)


def _later_paragraph(element: HtmlElement, gate: PageGate | None) -> tuple[bool, bool]:
    """Whether a paragraph with text follows ``element`` in its block (then it closes nothing), and whether one
    the gate cannot vouch for does (a later paragraph holding an ad slot)."""
    later = doubtful = False
    for sibling in element.itersiblings():
        if sibling.tag not in ("p", "div") or _noise(sibling, gate):
            continue
        later = later or bool(element_text(sibling))
        doubtful = doubtful or not _vouched(sibling, gate)
    return later, doubtful


def _in_aside(element: HtmlElement) -> bool:
    return any(node.tag in ("aside", "nav", "footer", "li", "blockquote") for node in element.iterancestors())


# an editor's label right before a name, a verb's ("Edited By: Rahul Verma", "Edited by Tom Hale") or a noun's with
# its colon ("Editor: Tom Hale"; "Ana Ruiz Economics Editor Tom Hale" gives the job title of the name before it):
# Hindi "संपादित", "संपादक", Spanish and Portuguese "Editado por", "Edición:", "Edição:", German "Bearbeitet von",
# "Redigiert von", French "Édité par", Indonesian "Editor:", "Penyunting:", Vietnamese "Biên tập:", Turkish
# "Editör:", Russian "Редактор:"
_EDITOR_BEFORE = re.compile(
    r"(?:(?:\b(?:edited|editing|copy[- ]?edited)\s+by|\beditado\s+por|\bbearbeitet\s+von|\bredigiert\s+von|"
    r"\bédité\s+par|संपादित(?:\s+(?:द्वारा|by))?)\s*[:：]?|(?:\beditor|\beditör|\bedited|\bedición|\bedição|"
    r"\bpenyunting|\bbiên\s+tập|\bредактор|\bredaktor|संपादक|संपादन)\s*[:：])\s*$",
    re.IGNORECASE,
)
_NAMED = "//body//text()[contains(., $name)][not(ancestor::script) and not(ancestor::style)]"
_BLOCK_TAGS = frozenset({"p", "div", "li", "td", "header", "section", "article", "footer", "body"})
_MAX_LINE = 300
_PROSE_WORDS = 12  # a longer line ending as a sentence does is a story's paragraph, not a byline


def labelled_editors(
    tree: HtmlElement, names: tuple[str, ...], gate: PageGate | None = None
) -> tuple[dict[str, HtmlElement], bool]:
    """Those of ``names`` the page labels as the story's editor ("Written By: Ana Ruiz | Edited By: Tom Hale"),
    each with the line (block element) that labels it, read from short lines, never from a story's prose nor
    from what the ``gate`` leaves out (a newsletter box's "Editor: Tom Hale"); and whether a line consulted
    holds a part the gate cannot vouch for."""
    editors: dict[str, HtmlElement] = {}
    unsure = False
    for name in names:
        for node in tree.xpath(_NAMED, name=name):
            block = node.getparent()
            while block is not None and block.tag not in _BLOCK_TAGS:
                block = block.getparent()
            if block is None or _noise(node.getparent(), gate):
                continue
            text = clean(block.text_content())
            at = text.find(name)
            if at < 0 or len(text) > _MAX_LINE or _prose(text):
                continue
            unsure = unsure or not _vouched(block, gate)
            if _EDITOR_BEFORE.search(text[:at]):
                editors[name] = block
                break
    return editors, unsure


def labels_editor(line: str, name: str) -> bool:
    """Whether a byline's line labels ``name`` the story's editor ("Editor: Tom Hale", "Edited by Tom Hale")."""
    text = clean(line)
    at = text.find(name)
    return at >= 0 and bool(_EDITOR_BEFORE.search(text[:at]))


def _prose(text: str) -> bool:
    return len(text.split()) > _PROSE_WORDS and text.rstrip("\"'”’)")[-1:] in ".!?…"
