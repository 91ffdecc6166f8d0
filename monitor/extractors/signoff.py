"""A story's closing credit: the line after its last paragraph that names who reported it, when no byline does.

- A wire service's sign-off: "(Reporting by Ana Ruiz in Lima and Tom Hale in Quito; Editing by Ben Ode)". Its
  reporters ("Reporting by", "Reported by") and its writer ("Writing by", "Written by": in wire style the one who
  wrote the story from the reporters' files, an author as much as they) are the story's authors; its editors
  ("Editing by"), its "Additional reporting by" contributors, its photographers and its compilers are not.
- A Japanese or Chinese paper's credit in brackets: "（経済部 高橋美咲）" (the desk and the reporter), "（高橋美咲）".
- A lone name set bold and right-aligned as the story's last paragraph (Vietnamese papers: "**Minh Khôi**").

Such a line is no story text (``lead._story_end`` takes the first two off the body's end; the third goes as the
byline it is, once its name is the author).
"""

from __future__ import annotations

import re

from lxml.html import HtmlElement

from monitor.extractors.text import clean, element_text

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
# CJK: a desk ("経済部", "社会部", "北京支局") and a name, or a name alone, in full-width or plain brackets
_CJK = r"\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff"
_CJK_CREDIT = re.compile(
    rf"^[（(]\s*(?:(?P<desk>[{_CJK}]{{1,10}}(?:部|局|支局|総局|支社|本社|报道组|報道組))[\s　・/]+)?"
    rf"(?P<name>[{_CJK}]{{2,6}})(?:記者|记者)?\s*[）)]$"
)
_RIGHT = re.compile(r"text-align\s*:\s*right", re.IGNORECASE)
_BOLD = frozenset({"strong", "b"})
_MAX_NAME_WORDS = 4
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
        return (match["name"],) if match["desk"] or text[0] == "（" else ()
    if not (text[:1] and text[:1] in "([" and text[-1:] in ")]"):
        return ()
    parts = [part.strip() for part in text[1:-1].split(";")]
    labelled = [_PART_LABEL.match(part) for part in parts]
    if not all(labelled) or not any(m["label"].casefold() in _AUTHOR_LABELS for m in labelled if m):
        return ()
    names: list[str] = []
    for match in labelled:
        if match and match["label"].casefold() in _AUTHOR_LABELS:
            for piece in _NAME_SPLIT.split(match["names"]):
                name = _PLACE.sub("", piece).strip(" .")
                if not name or len(name.split()) > _MAX_NAME_WORDS or not is_person_name(name):
                    return ()  # "Reporting by staff in the region": no name
                if name not in names:
                    names.append(name)
    return tuple(names)


def is_closing_credit(text: str) -> bool:
    """A closing credit line (:func:`credit_names` reads a name in it, or a wire sign-off naming only editors
    and contributors: "(Editing by Ben Ode)")."""
    if credit_names(text):
        return True
    text = clean(text)
    if len(text) > _MAX_CREDIT or not (text[:1] in "([" and text[-1:] in ")]"):
        return False
    return all(_PART_LABEL.match(part.strip()) for part in text[1:-1].split(";"))


def closing_credit(tree: HtmlElement) -> tuple[tuple[str, ...], HtmlElement | None]:
    """The authors the story's closing credit names and its element: the last paragraph of its block that is
    a credit line, or a lone bold, right-aligned person's name; ((), None) when there is none."""
    found: tuple[tuple[str, ...], HtmlElement | None] = ((), None)
    for element in tree.iter("p", "div"):
        opening = (element.text or "").lstrip()[:1]
        if not (opening and opening in "([（" or not opening and len(element) == 1 and element[0].tag in _BOLD):
            continue  # (cheap first: most paragraphs open with a word)
        if len(element) > 3 or _later_paragraph(element) or _in_aside(element):
            continue
        text = element_text(element)
        if not text or len(text) > _MAX_CREDIT:
            continue
        names = credit_names(text) or _bold_name(element, text)
        if names:
            found = (names, element)
    return found


def _bold_name(element: HtmlElement, text: str) -> tuple[str, ...]:
    """A paragraph that is only a bold person's name, right-aligned: the story's author signing it."""
    right = _RIGHT.search(element.get("style") or "") or (element.get("align") or "").lower() == "right"
    if not right or len(element) != 1 or element[0].tag not in _BOLD or (element.text or "").strip():
        return ()
    if (element[0].tail or "").strip() or element_text(element[0]) != text:
        return ()
    words = text.split()
    if not 2 <= len(words) <= _MAX_NAME_WORDS or not is_person_name(text) or text[-1] in ".!?:":
        return ()
    return (text,)


def _later_paragraph(element: HtmlElement) -> bool:
    """Whether a paragraph with text follows ``element`` in its block: then it closes nothing."""
    return any(sibling.tag in ("p", "div") and element_text(sibling) for sibling in element.itersiblings())


def _in_aside(element: HtmlElement) -> bool:
    return any(node.tag in ("aside", "nav", "footer", "li", "blockquote") for node in element.iterancestors())


# an editor's label right before a name: "Edited By: Rahul Verma", "Editor: …", Hindi "संपादित", "संपादक",
# Spanish and Portuguese "Editado por", "Edición:", "Edição:", German "Bearbeitet von", "Redigiert von", French
# "Édité par", Italian "A cura della redazione" aside ("a cura di" names an author), Indonesian "Editor:",
# "Penyunting:", Vietnamese "Biên tập:", Turkish "Editör:", Russian "Редактор:"
_EDITOR_BEFORE = re.compile(
    r"(?:\b(?:edited|editing|copy[- ]?edited)\s+by|\beditor|\beditör|\beditado\s+por|\bedición|\bedição|"
    r"\bbearbeitet\s+von|\bredigiert\s+von|\bédité\s+par|\bpenyunting|\bbiên\s+tập|\bредактор|\bredaktor|"
    r"संपादित(?:\s+(?:द्वारा|by))?|संपादक|संपादन|(?:^|\s)(?:edited|editor)\b)\s*[:：]?\s*$",
    re.IGNORECASE,
)
_NAMED = "//body//text()[contains(., $name)][not(ancestor::script) and not(ancestor::style)]"
_BLOCK_TAGS = frozenset({"p", "div", "li", "td", "header", "section", "article", "footer", "body"})
_MAX_LINE = 300


def labelled_editors(tree: HtmlElement, names: tuple[str, ...]) -> dict[str, HtmlElement]:
    """Those of ``names`` the page labels as the story's editor ("Written By: Ana Ruiz | Edited By: Tom Hale"),
    each with the line (block element) that labels it."""
    editors: dict[str, HtmlElement] = {}
    for name in names:
        for node in tree.xpath(_NAMED, name=name):
            block = node.getparent()
            while block is not None and block.tag not in _BLOCK_TAGS:
                block = block.getparent()
            if block is None:
                continue
            text = clean(block.text_content())
            at = text.find(name)
            if at >= 0 and len(text) <= _MAX_LINE and _EDITOR_BEFORE.search(text[:at]):
                editors[name] = block
                break
    return editors
