"""Recognise update, correction and editor's notes and lift them out of the story body.

A note is told by how it opens ("Correction:", "UPDATE (14:05 GMT):", "Anmerkung der Redaktion:", "An earlier
version of this article …", "This story has been updated …"), in English, German, French, Spanish, Italian,
Dutch, Portuguese and the Nordic languages, or by the box it sits in (``<div class="correction">``). A short
"Updated 3 minutes ago" stamp is a dateline, not a note: it is kept out of both the notes and the body.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import lru_cache

from lxml.html import HtmlElement

from monitor.extractors.dates import is_dateline
from monitor.extractors.text import clean, element_text
from monitor.models import Note


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_UPDATE_NOUNS = (
    r"updates?|addend(?:um|a)|postscript|aktualisierung|nachtrag|erg[äa]nzung|mise à jour|actualisation|"
    r"actualizaci[oó]n|aggiornamento|"
    r"atualiza[çc][ãa]o|oppdatering|uppdatering|opdatering|p[äa]ivitys|aktualizacja|aktualizace|обновление|"
    r"оновлення"
)
# the words a note opens with, each followed by a colon or a dash ("Correction:", "Update —")
_HEADS = {
    "correction": (
        r"corrections?|clarifications?|corrigend(?:um|a)|errat(?:um|a)|korrektur(?:hinweis)?|korrigendum|"
        r"berichtigung|richtigstellung|klarstellung|rectificatif|correctif|pr[ée]cision|correcci[oó]n|"
        r"rectificaci[oó]n|aclaraci[oó]n|fe de err(?:ores|atas)|rettifica|precisazione|correzione|errata corrige|"
        r"correctie|rectificatie|verduidelijking|r[äa]ttelse|rettelse|korrigering|oikaisu|sprostowanie|"
        r"corre[çc](?:[ãa]o|[õo]es)|retifica[çc][ãa]o|erramos"
    ),
    "editor": (
        r"editor['’]?s['’]? notes?|note (?:from|by) the editors?|(?:a )?note to (?:our )?readers|"
        r"anmerkung der redaktion|"
        r"hinweis der redaktion|redaktioneller hinweis|transparenzhinweis|anmerkung|in eigener sache|"
        r"note de la r[ée]daction|ndlr|nota del editor|nota de la redacci[oó]n|nota della redazione|"
        r"nota dell['’]editore|noot van de redactie|nota do editor|nota da reda[çc][ãa]o|"
        r"redaktionell (?:anm[äa]rkning|merknad)"
    ),
    "update": _UPDATE_NOUNS,
}
_LABEL_HEADS = "|".join(_HEADS.values())  # nouns only: a bare "Updated" is a dateline's first word, not a label
# ("Обновлено в 13:40:", Ukrainian "Оновлено о 13:40:", Polish "Zaktualizowano o 14:20:", Czech "Aktualizováno v
# 14:20:": the time between the word and its colon is the qualifier's)
_HEADS["update"] += (
    r"|(?:last )?updated|aktualisiert|mis à jour|actualizado|aggiornato|bijgewerkt|atualizado|обновлено|оновлено|"
    r"zaktualizowano|aktualizováno"
)
_ANY_HEAD = "|".join(_HEADS.values())
_AND = r"\s*(?:and|&|und|et|y|e|en|/)\s*"
# a date or time between the word and its colon: "UPDATE (14:05 GMT):", "Correction, Sept. 3, 2025:"
_QUALIFIER = r"(?:\s*\([^()]{1,40}\)|,?\s+(?=[^:!?\n]{0,15}\d)(?:[^:!?\n]|(?<=\d):(?=\d)){1,40}?)?"
_TERMINATOR = r"(?:\s*[:：]|\s*[–—]|\s+-(?=\s))"
_HEAD_ONLY = re.compile(rf"^(?:{_LABEL_HEADS})(?:{_AND}(?:{_LABEL_HEADS}))?{_QUALIFIER}\s*[:：.]?$", re.IGNORECASE)

# "this report" is the story; "the report" is more often a document the story is about
_THIS_ONE = r"this (?:story|article|report|post|piece|page|item|column|headline|caption|graphic|(?:live ?)?blog)"
_THIS_STORY = rf"(?:{_THIS_ONE}|the (?:story|article))"
# after "The story has been updated" / "The article was amended" (not "this story", the story's in any words): what
# a note goes on with — the sentence's end, a purpose ("to include …"), what was added ("with …"), when ("on Nov.
# 4", "at 14:05", "since publication") — never the story's own words about an article or a story it tells of ("The
# article was amended in 2021 to allow …", "The story has been updated many times since, said …")
_THE_STORY_NOTE = (
    r"(?(the)(?=\s*(?:[.;:!)]|$)|\s+(?:to|with|since|after|on|at|throughout|again|online|accordingly|and)\b"
    r"(?!\s+(?:the )?(?:\d{4}|many|several|more)\b))|)"
)
_STORY_SUBJECT = rf"(?:{_THIS_ONE}|(?P<the>the) (?:story|article))"
# the story itself in Portuguese: "desta reportagem", "nesta matéria" (a noun that goes on, "deste texto de lei",
# is a text the story is about)
_ESTA = r"(?:dest|nest)[ea] (?:texto|reportagem|matéria|notícia|artigo|nota)(?!\s+(?:d[aeo]s?|n[ao]s?)\b|\s*\d)"
_SENTENCES = {
    "correction": (
        r"(?:in )?an? (?:earlier|previous|prior|older|original) version of this (?:story|article|report|post|piece|"
        r"column|item|text|headline|caption|graphic|video)",
        rf"{_STORY_SUBJECT} (?:has been|was|is|had been) (?:corrected|amended|clarified|changed to correct|"
        rf"edited to correct){_THE_STORY_NOTE}",
        r"a correction (?:was|has been) (?:made|appended|added|issued)",
        r"this version (?:corrects|clarifies)",
        r"\(?corrects\b|\((?:clarifies|fixes)\b",
        r"we (?:have )?(?:corrected|amended|clarified) this",
        r"in (?:einer|der) (?:früheren|vorherigen|ersten|ursprünglichen|älteren) (?:version|fassung)",
        r"(?:dieser|der) (?:artikel|text|beitrag) wurde (?:nachträglich )?(?:korrigiert|berichtigt|geändert)",
        r"(?:dans )?une (?:précédente|première|ancienne) version de cet (?:article|texte)",
        r"cet (?:article|texte) a été (?:corrigé|modifié|rectifié)",
        r"(?:en )?una versión anterior de (?:est[ea]|la) (?:artículo|noticia|nota|información|texto)",
        r"(?:este artículo|esta noticia|esta nota|este texto) (?:ha sido|fue) (?:corregid|modificad|rectificad)[oa]",
        r"in una (?:precedente|prima) versione (?:di questo |dell['’])articolo",
        r"questo articolo è stato (?:corretto|modificato|rettificato)",
        r"in een eerdere versie van dit (?:artikel|bericht|stuk)",
        r"dit (?:artikel|bericht|stuk) is (?:aangepast|gecorrigeerd|gewijzigd)",
        # the story itself ("desta reportagem"), never a text it is about ("deste texto de lei", "deste artigo 5º")
        rf"(?:(?:em )?uma|em|numa|na) versão anterior {_ESTA}",
        # "unlike what was published": the newsroom's verb, no one else's ("… informado pela prefeitura" is the
        # story's); "informed"/"released" only when it says where ("nesta reportagem", "em versão anterior")
        r"(?:diferentemente|ao contrário) do que (?:foi|havia sido|tinha sido) (?:"
        r"publicad[oa](?: anteriormente)?(?=\s*[,;]| (?:em|na|numa) versão anterior| (?:neste|nesta) )|"
        rf"(?:publicad|informad|divulgad)[oa] (?:anteriormente )?(?:(?:em|na|numa) versão anterior|{_ESTA}))",
        r"(?:este texto|esta reportagem|esta matéria|este artigo) foi (?:corrigid|alterad)[oa]",
    ),
    "update": (
        rf"{_STORY_SUBJECT} (?:has been|was|is being|will be|had been|(?:is|was) being) updated{_THE_STORY_NOTE}",
        # "This story was originally published on Nov. 3, 2026, and has been updated."
        r"this (?:story|article|report|post|piece) was (?:originally|first) (?:published|posted)\b[^!?]{0,60}?,? "
        r"(?:and|but) (?:has been|was since|has since been|was) updated",
        r"this (?:story|article|report) (?:is|was) (?:developing|breaking)",
        r"this is an? (?:developing|breaking)(?: news)? (?:story|update)",
        r"(?:more|further) (?:details |information |updates )?(?:to follow|to come|will follow)\b",
        r"check back (?:later |soon )?for (?:updates|more)\b",
        r"(?:please )?refresh (?:this page )?for (?:the latest|updates)\b",
        r"updated? (?:with|to (?:include|add|reflect|remove|clarify|correct|note))\b",
        r"updates with\b",
        r"\((?:updates|adds|recasts|refiles|rewrites|writes through)\b",
        r"(?:dieser|der) (?:artikel|text|beitrag) wurde (?:[^!?]{0,80} )?(?:aktualisiert|ergänzt|überarbeitet)\b",
        r"cet (?:article|texte) a été (?:mis à jour|actualisé|complété)",
        r"(?:este artículo|esta noticia|esta nota|este texto) (?:ha sido|fue|se ha) actualizad[oa]",
        r"(?:esta )?noticia (?:está )?en (?:desarrollo|actualización)",
        r"questo articolo è stato aggiornato|(?:notizia|articolo) in (?:via di )?aggiornamento",
        # the promise of updates, in other languages than English ("This story will be updated")
        r"(?:dieser|der) (?:artikel|text|beitrag) wird (?:laufend |fortlaufend |ständig |weiter )?(?:aktualisiert|"
        r"ergänzt)",
        r"cet (?:article|texte) (?:sera|est) (?:régulièrement )?(?:mis à jour|actualisé|complété)|"
        r"article en cours d['’](?:actualisation|mise à jour)",
        r"(?:este artículo|esta noticia|esta nota|este texto|esta información) se (?:actualizará|está actualizando|"
        r"irá actualizando)",
        r"questo articolo (?:sarà|verrà|viene) aggiornato",
        r"dit (?:artikel|bericht|stuk) wordt (?:voortdurend |continu )?(?:bijgewerkt|aangevuld|geactualiseerd)",
        r"dit (?:artikel|bericht|stuk) is (?:bijgewerkt|geactualiseerd|aangevuld)",
        r"(?:este texto|esta reportagem|esta matéria|este artigo) foi atualizad[oa]",
    ),
}


def _sentences(kind: str) -> str:
    """The sentences that open a note of ``kind``, each maybe after a head ("Update: This story has been …"):
    the optional head once before them all, not once per sentence (a fifth of the regex to compile, at every
    start of a process, and fewer tries on every paragraph that opens with none)."""
    sentences = _SENTENCES.get(kind, ())
    return f"|(?:(?:{_ANY_HEAD})\\s+|{_PLAIN_LABEL})?(?:{'|'.join(f'(?:{s})' for s in sentences)})" if sentences else ""


# a plain label a note's sentence may follow ("Hinweis: In einer früheren Version dieses Artikels …", "Note: This
# story has been updated …"): not a note's label by itself, the sentence after it says what it is
_PLAIN_LABEL = r"(?:hinweis|note|nota|remarque|n\.\s?b\.|nb|anm(?:erkung|\.))\s*[:：]\s*"


_PATTERNS = tuple(
    (
        kind,
        re.compile(
            rf"(?:{_HEADS[kind]})(?:{_AND}(?:{_ANY_HEAD}))?{_QUALIFIER}{_TERMINATOR}\s*\S" + _sentences(kind),
            re.IGNORECASE,
        ),
    )
    for kind in ("correction", "editor", "update")
)
_LOOSE_EDITOR = re.compile(r"(?:editor['’]?s['’]? note|anmerkung der redaktion|note de la r[ée]daction)\s", re.I)
_CORRECTS = re.compile(
    r"\bto (?:correct|clarify|fix)\b|\bum [^.]{0,40}zu korrigieren\b|\bpour (?:corriger|rectifier)\b|"
    r"\bpara (?:corregir|rectificar)\b|\bper (?:correggere|rettificare)\b",
    re.IGNORECASE,
)
# a call to the reader after a note's word: a link to the corrections page, a newsletter's or an app's promotion
_HEAD_CALL = re.compile(
    rf"(?:{_ANY_HEAD}){_QUALIFIER}{_TERMINATOR}\s*(?:(?:see|view|browse|read) (?:all|our|more|the latest)\b|"
    r"sign up\b|subscribe\b|get (?:our|the latest|breaking)\b|follow (?:us|our)\b|download (?:our|the)\b|"
    r"(?:click|tap) here\b|report an? (?:error|correction|mistake)\b|submit an? (?:correction|tip)\b|"
    r"(?:email|contact) (?:us|our)\b|(?:e-?mail|contact|write to)\b[^!?\n]{0,60}?@|follow (?:us\b|our\b|@)|"
    r"have a (?:story idea|tip|news tip|correction|question)\b|got a (?:tip|story)\b|"
    r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+\.?\s*$)",
    re.IGNORECASE,
)
# a section's promise of what it will show, under its heading ("Latest updates will appear here …")
_PLACEHOLDER = re.compile(
    r"\bwill (?:appear|be (?:posted|published|added|shown|listed))(?: here| below| on this page| as they)\b", re.I
)
# a wire service's note on a story it sent again, in brackets ("(Adds comment from the operator in paragraph 6)",
# "(Updates with vote result)"): the bracket is part of the note (a story's sentence may open with "Updates to …")
_WIRE_NOTE = re.compile(
    r"\s*\((?P<verb>updates|adds|recasts|refiles|rewrites|writes through|corrects|clarifies|fixes)\b[^()]{3,300}\)\s*$",
    re.IGNORECASE,
)
_WIRE_CORRECTS = frozenset({"corrects", "clarifies", "fixes"})
# a story's sentence opening with a participle ("Updated with new sensors in 2015, the pier still failed …"): a
# clause of its own after the comma, a subject and its verb (a note's "Updated with comment from the operator, which
# said …" or "…, the county and residents." has none)
_PARTICIPLE = re.compile(
    r"updated (?:with|to)\b[^.!?;:]{3,120}?,\s+(?:the|a|an|its|his|her|their|it|he|she|they|we)\s+(?:\w+\s+){0,3}?"
    r"(?:was|were|is|are|has|had|have|still|remains?|remained|failed|will|would|could|can)\b",
    re.IGNORECASE,
)
# the site telling of itself under an update's word ("Update: We have updated our privacy policy", "Update: Our
# terms of service have changed", "Update: our new app is here"): its own policies and products, no story's update
_SITE_NOTICE = re.compile(
    r"\b(?:we(?:['’]ve| have)? (?:updated|changed|revised) our|our (?:new |updated )?(?:privacy|cookie|terms|"
    r"app\b|website|site\b|newsletters?|subscriptions?|paywall|comment(?:s|ing) (?:policy|system|section)))",
    re.IGNORECASE,
)
_MAX_LENGTH = {"update": 500, "correction": 1200, "editor": 1500}
# how every note above can begin (lower case): a cheap test that spares most paragraphs the patterns
_OPENINGS = tuple(
    word.replace("_", " ")
    for word in _words(
        "correc correç articol article_en addend postscr remarque nb clarif corrig errat korrek korrig berichtig "
        "richtigstell klarstell "
        "rectif précis precis aclarac "
        "fe_de rettific correz verduidelijk rättel rattel rettel oikaisu sprostow retific editor note anmerk hinweis "
        "redaktion transparenz in_ ndlr nota noot updat last_updated aktuali nachtrag ergänz erganz mise mis_ "
        "actuali aggiorn atualiz bijgewerkt oppdater uppdater opdater päivit paivit an_ a_ this the_ we_ dieser "
        "der_ dans une_ cet_ en_ una_ este esta questo notizia noticia dit_ uma_ fixes adds recasts refiles "
        "rewrites writes more_ further_ check_ refresh please_ erramos em_ numa na_ diferent ao_contr обновл оновл "
        "zaktualiz"
    )
)
_LEAD = re.compile(r"^[\s*†‡•(\[–—-]+")
_LEAD_CHARS = frozenset("*†‡•([–—-")
_KIND_OF_HEAD = tuple((kind, re.compile(rf"(?:{heads})\b", re.IGNORECASE)) for kind, heads in _HEADS.items())


def _unled(text: str) -> str:
    """``text`` without the marks and white space a note may open with (most texts open with neither: as is)."""
    first = text[:1]
    return _LEAD.sub("", text) if first in _LEAD_CHARS or first.isspace() else text


def may_open_note(text: str) -> bool:
    """Whether a note, or a note's label, could begin at the start of ``text`` (a superset of what
    ``note_kind`` and ``label_kind`` accept: no length or dateline test)."""
    if _WIRE_NOTE.match(text):
        return True
    probe = _unled(text)
    if probe[:1] in _DATE_FIRST and (dated := _DATE_LEAD.match(probe)):
        probe = probe[dated.end() :]
    if not probe[:20].lower().startswith(_OPENINGS):
        return False
    return any(pattern.match(probe) for _, pattern in _PATTERNS) or bool(
        _LOOSE_EDITOR.match(probe) or _HEAD_ONLY.match(probe.strip())
    )


def opens_note(texts: Iterable[str]) -> bool:
    """Whether a note could begin at the start of any of ``texts`` longer than three characters, its leading white
    space off (``may_open_note`` of each; most texts fail the cheap test of their opening, done here in line)."""
    for text in texts:
        if len(text) > 3:
            probe = text.lstrip()
            if probe[:1] == "(" and _WIRE_NOTE.match(probe):
                return True
            if probe[:1] in _LEAD_CHARS:
                probe = _LEAD.sub("", probe)
            first = probe[:1].lower()[:1]  # (the first of ``probe[:20].lower()``, found without lowering 20)
            if first in _DATE_FIRST and _DATE_LEAD.match(probe) and may_open_note(probe):
                return True
            if first in _FIRST_LETTERS and probe[:20].lower().startswith(_OPENINGS) and may_open_note(probe):
                return True
    return False


_FIRST_LETTERS = frozenset(opening[0] for opening in _OPENINGS)  # a text opening with no other letter opens no note


def note_kind(text: str) -> str | None:
    """``"update"``, ``"correction"`` or ``"editor"`` when ``text`` reads as a publisher's note, else None.

    A dateline ("Updated 10:40 AM EDT, Aug 28, 2025") is not a note; neither is a paragraph that only
    mentions a correction or an update mid-sentence.
    """
    if text[:1] in "( " and len(text) <= _MAX_LENGTH["update"] and (wire := _WIRE_NOTE.match(text)):
        return "correction" if wire["verb"].lower() in _WIRE_CORRECTS or _CORRECTS.search(text) else "update"
    probe = _unled(text)
    if probe[:1] in _DATE_FIRST and (dated := _DATE_LEAD.match(probe)):
        probe = probe[dated.end() :]  # "Nov. 5: An earlier version of this story …": a dated note, in a list of them
    if not probe[:20].lower().startswith(_OPENINGS) or is_dateline(probe) or _DATED_LABEL.match(probe):
        return None
    if _HEAD_CALL.match(probe) or (probe[:1] in "Uu" and _SITE_NOTICE.search(probe[:200])):
        return None  # "Corrections: See all corrections", "Update: Get our morning briefing …": the page's, no note
    if _PARTICIPLE.match(probe):
        return None  # "Updated with new sensors in 2015, the pier still failed …": the story's sentence
    for kind, pattern in _PATTERNS:
        if len(text) <= _MAX_LENGTH[kind] and pattern.match(probe):
            return "correction" if kind == "update" and _CORRECTS.search(probe) else kind
    if len(text) <= _MAX_LENGTH["editor"] and _LOOSE_EDITOR.match(probe):
        return "editor"
    return None


def label_kind(text: str) -> str | None:
    """The kind of a heading that is only a note's label ("Correction", "Editor's Note:", "Korrektur")."""
    probe = _unled(text)
    if len(probe) <= 80 and _DATED_LABEL.match(probe):  # "Correction: Nov. 4, 2026", above the correction's text
        return next((kind for kind, head in _KIND_OF_HEAD if head.match(probe)), None)
    if (
        len(probe) > 80
        or not probe[:20].lower().startswith(_OPENINGS)
        or not _HEAD_ONLY.match(probe)
        or (any(c.isdigit() for c in probe) and is_dateline(probe))
    ):
        return None
    return next((kind for kind, head in _KIND_OF_HEAD if head.match(probe)), None)


def split_notes(paragraphs: Iterable[str]) -> tuple[tuple[str, ...], tuple[Note, ...]]:
    """Separate the body paragraphs from the notes among them; datelines go to neither.

    A label on its own ("Correction") and the paragraph after it are one note: "Correction: …" (a label before
    a few words — "Corrections", "About us" in a link list — is no note).
    """
    body: list[str] = []
    notes = _read_notes(paragraphs, body)
    return tuple(body), notes


def _read_notes(paragraphs: Iterable[str], body: list[str] | None) -> tuple[Note, ...]:
    """The notes among the paragraphs (see :func:`split_notes`); the other paragraphs but datelines go to ``body``
    (None: a reader that wants only the notes, and no dateline is looked for)."""
    notes: list[Note] = []
    label: tuple[str, str] | None = None
    for text in paragraphs:
        if label and len(text.split()) >= 4:
            if _DATED_LABEL.match(_unled(label[1])) and not note_kind(text) and not _NOTE_CUE.search(text):
                notes.append(Note(*label))  # "Correction: Nov. 4, 2026" over the story's text: a stamp of its own
            elif _PLACEHOLDER.search(text) and not note_kind(text):
                pass  # "Updates" over "Latest updates will appear here as they are published": a section's promise
            else:
                notes.append(Note(note_kind(text) or label[0], _join(label[1], text)))
                label = None
                continue
        elif label and _DATED_LABEL.match(_unled(label[1])):
            notes.append(Note(*label))  # a dated label with nothing after it is the note it was read as
        label = None
        if kind := note_kind(text):
            notes.append(Note(kind, text))
        elif kind := label_kind(text):
            label = (kind, text)
        elif body is not None and not is_dateline(text):
            body.append(text)
    if label and _DATED_LABEL.match(_unled(label[1])):
        notes.append(Note(*label))
    return tuple(notes)


def _join(label: str, text: str) -> str:
    return f"{label}{'' if label.rstrip()[-1:] in ':：.—–-' else ':'} {text}"


def split_trailing_notes(paragraphs: Iterable[str]) -> tuple[tuple[str, ...], tuple[Note, ...]]:
    """Like :func:`split_notes`, but also cuts a note off either end of a paragraph.

    JSON-LD ``articleBody`` often runs the note into the story: "… at the weekend. This story has been updated
    with additional developments." at the end, "Editor's note: … . LONDON (AP) — …" at the start.
    """
    body: list[str] = []
    notes: list[Note] = []
    paragraphs = list(paragraphs)
    for index, text in enumerate(paragraphs):
        if _EDGE <= index < len(paragraphs) - _EDGE:
            body.append(text)  # a note runs into the top or the foot of a story; split_notes sees the rest
            continue
        lead = _leading_note(text)
        if lead:
            notes.append(lead)
            text = text[len(lead.text) :].strip()
        for boundary in (0, *(m.end() for m in _SENTENCE_START.finditer(text))):
            tail = text[boundary:]
            kind = note_kind(tail)
            if kind and boundary and _PROMISE.match(tail):
                continue  # "… officials said. This story will be updated.": the story's own last sentence
            if kind and (boundary == 0 or len(_SENTENCE_START.findall(tail)) < 3):
                if boundary == 0 and not lead and body and label_kind(body[-1]):  # "Correction:", then its text
                    notes.append(Note(kind, _join(body.pop(), tail.strip())))
                else:
                    notes.append(Note(kind, tail.strip()))
                text = text[:boundary].strip()
                break
        if text:
            body.append(text)
    kept, more = split_notes(body)
    return kept, (*notes, *more)


# a promise of updates run into a story's last sentences (a stub's "This story will be updated."): the story's words,
# said before any update, not a note of one
_PROMISE = re.compile(
    rf"{_THIS_STORY} will be updated\b|(?:dieser|der) (?:artikel|text|beitrag) wird\b|cet (?:article|texte) sera\b|"
    r"(?:este artículo|esta noticia|esta nota|este texto|esta información) se (?:actualizará|irá)\b|"
    r"questo articolo (?:sarà|verrà)\b|dit (?:artikel|bericht|stuk) wordt\b",
    re.IGNORECASE,
)
_EDGE = 3  # paragraphs at either end of a story where a note may be run into one
_SENTENCE_START = re.compile(r"(?<=[.!?”\"])\s+(?=\S)")
_NOTE_CUE = re.compile(
    r"version|correct|amend|updat|clarif|misstat|misspel|misidentif|incorrect|wrong|erroneous|mistaken|"
    r"regrets? (?:the|this|these) (?:errors?|mistakes?)|"
    r"fassung|korrig|fälschlich|irrtümlich|aktualisiert|corrig|erreur|versión|versione|versie|versão|errad",
    re.IGNORECASE,
)


def _leading_note(text: str) -> Note | None:
    """A note that opens a paragraph of several sentences: its first sentence, and the ones after it that read
    as part of the note (short, or about versions and corrections) — not the story that follows."""
    kind = note_kind(text[:300])
    ends = [m.start() for m in _SENTENCE_START.finditer(text)]
    if not kind or not ends:
        return None
    timed = kind == "update" and bool(_TIMED_UPDATE.match(_unled(text)))
    if timed and _dispatch(text, ends):
        return Note(kind, text.strip())
    cut = ends[0]
    for start, end in zip(ends, [*ends[1:], len(text)], strict=True):
        sentence = text[start:end].strip()
        if end > _MAX_LENGTH[kind] or (timed and _STORY_DATELINE.match(sentence)):
            break
        if not (len(sentence) <= 60 or _NOTE_CUE.search(sentence)):
            break
        cut = end
    return Note(kind, text[:cut].strip())


def _dispatch(text: str, ends: list[int]) -> bool:
    """Whether a paragraph is all one update labelled with its time ("Update, 14:20 Uhr: The road has reopened.
    Traffic is still queuing for eight kilometres."): a dispatch of news, each of its sentences the update's —
    only when it is a paragraph of its own, short (three sentences at most, each a short line), and no story's
    dateline ("LONDON (AP) — …") starts in it. A longer paragraph (a story's text run into the update's, an
    ``articleBody`` given as one string) keeps only what reads as the note (:func:`_leading_note`'s cut)."""
    if len(ends) >= _DISPATCH_SENTENCES or len(text) > _DISPATCH_LENGTH or not _TIMED_UPDATE.match(_unled(text)):
        return False
    sentences = [text[start:end].strip() for start, end in zip(ends, [*ends[1:], len(text)], strict=True)]
    return all(len(sentence) <= _DISPATCH_SENTENCE and not _STORY_DATELINE.match(sentence) for sentence in sentences)


_DISPATCH_SENTENCES = 3  # sentences at most in an update's own paragraph
_DISPATCH_LENGTH = 320  # characters at most in it
_DISPATCH_SENTENCE = 140  # characters at most in each of its sentences after the first (a story's are longer)
# a time of day ("14:20", "2.15pm", "2:15 p.m.", "14 Uhr", "09h30", "14.20 Uhr"): not any number ("Update — 3
# people …", "Update 2:", "Update 3/4/2025:")
_CLOCK = (
    r"(?<!\d)\d{1,2}(?::\d{2}(?!\d)|h\d{2}(?!\d)|\.\d{2}\s*(?:[ap]\.?\s?m\b\.?|uhr\b|h\b)|"
    r"\s*(?:[ap]\.?\s?m\b\.?|uhr\b|h\b))"
)
# an update labelled with its time ("Update, 14:20 Uhr:", "UPDATE (14:05 GMT):", "Update 2.15pm —")
_TIMED_UPDATE = re.compile(
    rf"(?:{_UPDATE_NOUNS})(?=[^:：—–\n]{{0,40}}?{_CLOCK}){_QUALIFIER}{_TERMINATOR}",
    re.IGNORECASE,
)
# a story's dateline where a run-in story starts, at a sentence's start and followed by the story's sentence (a
# capital, then words): "LONDON (AP) — The …", "VALMORA, Norway — The …", "Valmora, Norway — The …", "PLACE — The
# …" — never an acronym inside a sentence's words ("NASA — not ESA — ran the test.")
_STORY_DATELINE = re.compile(
    r"(?:[A-ZÀ-Þ][A-ZÀ-Þ.'’-]+(?: [A-ZÀ-Þ][A-ZÀ-Þ.'’-]+){0,2}(?:,\s*[\w. ]{2,20})?\s*(?:\([^()]{1,20}\))?\s*[—–-]\s|"
    r"[A-ZÀ-Þ][\w.'’-]+(?: [A-ZÀ-Þ][\w.'’-]+){0,2},\s*[A-ZÀ-Þ][\w.'’ -]{1,20}?\s*(?:\([^()]{1,20}\))?\s*[—–]\s)"
    r"(?=[A-ZÀ-Þ\"“‘'][^—–]*?(?:\S+\s+){5})"
)


_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|"
    r"nov(?:ember)?|dec(?:ember)?|januar|februar|märz|mai|juni|juli|oktober|dezember|janvier|février|mars|avril|juin|"
    r"juillet|août|septembre|octobre|novembre|décembre|enero|febrero|marzo|abril|mayo|junio|julio|agosto|"
    r"septiembre|octubre|noviembre|diciembre|gennaio|febbraio|aprile|maggio|giugno|luglio|settembre|ottobre|"
    r"dicembre|januari|februari|maart|augustus)\.?"
)
# a day's date ("Nov. 4, 2026", "4 November 2026", "3. November", "12/04/2026", "2026-11-04"), maybe with its time
_DAY_DATE = (
    rf"(?:{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?|\d{{1,2}}\.?\s+(?:de\s+)?{_MONTH}(?:\s+(?:de\s+)?\d{{4}})?|"
    rf"\d{{1,2}}[./]\d{{1,2}}[./]\d{{2,4}}|\d{{4}}-\d{{2}}-\d{{2}})(?:,?\s+(?:at\s+|um\s+|à\s+)?{_CLOCK}[^:：—–\n]{{0,12}}?)?"
)
# a dated note's date before it, then a colon or a dash ("Nov. 5: An earlier version of this story …")
_DATE_LEAD = re.compile(rf"{_DAY_DATE}\s*(?:[:：]|[—–]|-(?=\s))\s*(?=\S)", re.IGNORECASE)
_DATE_FIRST = frozenset("0123456789jfmasondJFMASOND")  # how a date opens (a month's name or a digit)
# a note's label and its date, no more ("Correction: Nov. 4, 2026"): the label of the correction's text below it
_DATED_LABEL = re.compile(
    rf"(?:{_LABEL_HEADS})(?:{_AND}(?:{_LABEL_HEADS}))?\s*(?:[:：]|[—–]|-(?=\s))\s*{_DAY_DATE}\s*\.?$", re.IGNORECASE
)


# boxes that hold notes, by their class or id; the first group is a note by its box alone when its text says so
NOTE_BOX = re.compile(
    r"correction|clarification|errat(?:um|a)|rectif|korrektur|editors?-?s?-?note|note-?(?:from|by)-?(?:the-?)?editor|"
    r"update-?note|updated-?note|article-?notes?|story-?notes?|article-?footnote|addendum|postscript",
    re.IGNORECASE,
)
# a word every name NOTE_BOX finds holds (in lower case): a name with none of them names no note box
NOTE_BOX_WORDS = _words("correction clarification errat rectif korrektur note addendum postscript")
_NOTE_BOX_LOWER = re.compile(NOTE_BOX.pattern)  # the same, for names in lower case (faster than ignoring case)


def note_box(names: str) -> bool:
    """Whether class or id names name a note box (``NOTE_BOX``): names in ASCII, nearly all, are searched in
    lower case, the same match as ignoring case and several times faster."""
    if names.isascii():
        return _NOTE_BOX_LOWER.search(names.lower()) is not None
    return NOTE_BOX.search(names) is not None


_CORRECTION_BOX = re.compile(r"correction|clarification|errat(?:um|a)|rectif|korrektur", re.IGNORECASE)
_EDITOR_BOX = re.compile(r"editors?-?s?-?note|note-?(?:from|by)-?(?:the-?)?editor", re.IGNORECASE)
_UPDATE_BOX = re.compile(r"updated?-?note|addendum|postscript", re.IGNORECASE)
_NOT_A_NOTE = re.compile(
    r"policy|polic(?:ies)|report an error|spot an error|submit a correction|contact us|@", re.IGNORECASE
)
_BLOCKS = _words("p div aside section article header footer blockquote li dd h2 h3 h4 h5 h6 figure table ul ol main")
_TEXT_BLOCKS = _words("p div aside section footer header blockquote dd h2 h3 h4 h5 h6")
_BOX_TAGS = _TEXT_BLOCKS | {"span", "em", "i", "p"}
_SKIP = _words("a script style noscript template nav menu button select textarea svg head")  # a block in a link
_PAGE_FURNITURE = _words("header footer aside")
# inline wrappers count as blocks of their own beside a block sibling: <div><em>Editor's note: …</em><p>…</p></div>
_LEAF_TAGS = _TEXT_BLOCKS | _words("em i strong b small span")


def boxed_notes(tree: HtmlElement) -> tuple[Note, ...]:
    """Notes the page shows outside the story's paragraphs, read from the intact tree.

    Boxes named as notes (``<div class="correction">``), and any short block of the article (an ``<aside>``,
    a footer, an italic line at the top) that opens like a note. Blocks that are mostly links (a teaser
    "UPDATE: …" in a related-stories list) and blocks outside the article are left alone.
    """
    notes: list[Note] = []
    for texts, box in _blocks(tree):
        notes.extend(_notes_in(texts, box))
    return merge_notes(notes)


def _blocks(tree: HtmlElement) -> Iterator[tuple[list[str], HtmlElement | None]]:
    """(texts, note box or None) for each note box and each article's run of innermost blocks."""
    found = list(tree.iter("article", "main")) or tree.xpath("//body")
    outer = set(found)
    for scope in found:
        if any(parent in outer for parent in scope.iterancestors()):
            continue  # an article inside <main>: read once, with its container
        run: list[str] = []
        for element, named in _walk(scope):
            if named:
                yield _box_texts(element), element
            elif text := _block_text(element):
                run.append(_set_note(element, text))
        if run:
            yield run, None


_SET_TAGS = _words("em i strong b span small")
_STORY_AFTER = 60  # characters of story text after a set-off note, at least, for the note to be only its own


def _block_text(element: HtmlElement) -> str:
    """A block's text, a space where a ``<br>`` breaks its line ("…for route two.<br><br>The ferry …": two
    sentences, never "two.The ferry")."""
    if next(element.iter("br"), None) is None:
        return element_text(element)
    pieces = [element.text or ""]
    for node in element.iterdescendants():
        if node.tag == "br":
            pieces.append(" ")
        elif isinstance(node.tag, str):
            pieces.append(node.text or "")
        pieces.append(node.tail or "")
    return clean("".join(pieces))


def _story_follows(element: HtmlElement) -> bool:
    """Whether a block of story text follows ``element`` among its siblings."""
    return any(
        isinstance(sibling.tag, str) and sibling.tag in _TEXT_BLOCKS and len(element_text(sibling)) >= _STORY_AFTER
        for sibling in element.itersiblings()
    )


def _br_parts(element: HtmlElement) -> list[str]:
    """A block's ``<br><br>``-separated parts, each as :func:`_block_text` reads it (one part: no such break)."""
    parts: list[list[str]] = [[element.text or ""]]
    children = list(element)
    for i, child in enumerate(children):
        if (
            child.tag == "br"
            and i + 1 < len(children)
            and children[i + 1].tag == "br"
            and not (child.tail or "").strip()
        ):
            parts.append([])
        elif child.tag == "br":
            parts[-1].append(" ")
        elif isinstance(child.tag, str):
            parts[-1].append(_block_text(child))
        parts[-1].append(child.tail or "")
    return [text for text in (clean("".join(part)) for part in parts) if text]


def _set_note(element: HtmlElement, text: str) -> str:
    """A block's text, or only the note set off at its start (``<p><em>Correction: …</em> The council voted …</p>``:
    the italic line is the note, the story's opening runs on after it and is no part of it; the same of a note a
    blank line sets off, ``<p>Correction: ….<br><br>The council voted …</p>``, when what follows reads as no note
    and more of the story follows the block: at the story's end, the lines after a note are the note's own)."""
    if next(element.iter("br"), None) is not None and _story_follows(element) and len(parts := _br_parts(element)) > 1:
        first, rest = parts[0], " ".join(parts[1:])
        if note_kind(first) and not label_kind(first) and len(rest) >= _STORY_AFTER and not note_kind(rest):
            return first
    if (element.text or "").strip() or not len(element) or element[0].tag not in _SET_TAGS:
        return text
    first = element_text(element[0])
    if not first or len(text) - len(first) < _STORY_AFTER or not text.startswith(first) or not note_kind(first):
        return text
    rest = text[len(first) :].strip()
    return first if rest and not note_kind(rest) and not label_kind(first) else text


_HEADINGS = _words("h2 h3 h4 h5 h6")
_CARD_TAGS = _words("article li div section")
_CARD_CHARS = 400  # a teaser card's text, at most, its heading's included
_THIS_ONE_RE = re.compile(_THIS_ONE, re.IGNORECASE)


def _teaser_card(element: HtmlElement) -> bool:
    """Whether ``element`` is a card that points to another story: a heading that is a link (``<h3><a>…</a></h3>``,
    ``<a><h3>…</h3></a>``) and a few lines, its dek ("Update: the county has moved …", "Correction: the new rate
    …" — another story's words, never this story's note), unless a line of it names this story."""
    if element.tag not in _CARD_TAGS:
        return False
    linked = False
    for child in element:
        tag = child.tag
        if tag in _HEADINGS and len(child) and _link_share(child) >= 0.9:
            linked = True
            break
        if tag == "a" and next(child.iter(*_HEADINGS), None) is not None:
            linked = True
            break
    if not linked:
        return False
    text = element.text_content()
    return len(text) <= _CARD_CHARS and not _THIS_ONE_RE.search(text)


def _walk(scope: HtmlElement) -> Iterator[tuple[HtmlElement, bool]]:
    """Note boxes and innermost text blocks under ``scope``, in page order, each with whether its class or id
    names a note box (an element without attributes, most of them, is neither hidden nor named)."""
    body = scope.tag == "body"
    stack = [scope]
    while stack:
        element = stack.pop()
        tag = element.tag
        if not isinstance(tag, str) or tag in _SKIP:
            continue
        keys = element.keys()
        if keys and _hidden(element):
            continue
        if body and tag in _PAGE_FURNITURE:
            continue  # no article element: the page's own header, footer and sidebars hold no notes
        if keys and element is not scope and tag in _BOX_TAGS and _box_named(_names(element)):
            yield element, True
        elif tag in _CARD_TAGS and _teaser_card(element):
            continue  # a card pointing to another story: its dek is that story's
        elif tag in _LEAF_TAGS and not _has_block(element):
            if _link_share(element) < 0.5:  # (a leaf's box tag was asked its name above)
                yield element, bool(keys) and tag not in _BOX_TAGS and _box_named(_names(element))
        else:
            stack.extend(reversed([c for c in element if isinstance(c.tag, str)]))


def _has_block(element: HtmlElement) -> bool:
    """Whether a block (``_BLOCKS``) stands anywhere inside ``element``: its children are looked at first (a
    container's are blocks, a paragraph's inline elements mostly hold none), its deeper descendants only when
    no child is a block and one has elements of its own."""
    deeper = False
    for child in element:
        if child.tag in _BLOCKS:
            return True
        deeper = deeper or len(child) > 0
    return deeper and next(element.iterdescendants(*_BLOCKS), None) is not None


def _names(element: HtmlElement) -> str:
    return f"{element.get('class') or ''} {element.get('id') or ''}"


@lru_cache(maxsize=8192)
def _box_named(names: str) -> bool:
    """Whether a class and id name a note box (pages repeat a few names many times: cached)."""
    return note_box(names)


def _hidden(element: HtmlElement) -> bool:
    style = (element.get("style") or "").replace(" ", "").lower()
    return "display:none" in style or element.get("hidden") is not None or element.get("aria-hidden") == "true"


def _link_share(element: HtmlElement) -> float:
    if not len(element):  # a leaf (most blocks): its own text, all of it a link's when it is a link
        own = (element.text or "").strip()
        return 1.0 if not own or element.tag == "a" else 0.0
    text = len(element.text_content().strip())
    return sum(len(a.text_content().strip()) for a in element.iter("a")) / text if text else 1.0


def _box_texts(element: HtmlElement) -> list[str]:
    """The box's innermost blocks, else its whole text."""
    parts = [
        element_text(child)
        for child in element.iter(*_TEXT_BLOCKS, "li")
        if child is not element
        and not any(isinstance(d.tag, str) and d.tag in _BLOCKS for d in child.iterdescendants())
    ]
    parts = [p for p in parts if p]
    return parts if parts else [t for t in [element_text(element)] if t]


def _notes_in(texts: list[str], box: HtmlElement | None) -> list[Note]:
    if box is not None and _link_share(box) >= 0.5:
        return []
    found = list(_read_notes(texts, None))
    if box is None or found:
        return found
    whole = clean(" ".join(texts))
    names = _names(box)
    if len(whole) < 40 or len(whole) > _MAX_LENGTH["editor"] or _NOT_A_NOTE.search(whole) or is_dateline(whole):
        return []
    if _CORRECTION_BOX.search(names) and _NOTE_CUE.search(whole):
        return [Note("correction", whole)]
    if _EDITOR_BOX.search(names):
        return [Note("editor", whole)]
    if _UPDATE_BOX.search(names):
        return [Note("update", whole)]  # "The county has since said …" in an update-note box: no word says it
    return []


def merge_notes(*groups: Iterable[Note]) -> tuple[Note, ...]:
    """All notes in order, dropping one whose text repeats (or is part of) a note already kept; one that holds a
    kept note and more stands in its place (the text a paragraph's note was cut to is the note's all the same:
    the body loses it to the longer note, so the note keeps it — text cut from a note never vanishes), unless the
    kept note is a timed update, cut where the story run into it starts."""
    out: list[Note] = []
    keys: list[str] = []
    for group in groups:
        for note in (part for whole in group for part in _parts_of(whole)):
            key = _key(note.text)
            if not key or any(key in kept for kept in keys):
                continue
            said = _said_key(note.text)
            if said and (same := [i for i, kept in enumerate(out) if _says_same(_said_key(kept.text), said)]):
                if len(key) > len(keys[same[0]]):  # "Update : …" and "Update Nov. 4, 10:15 a.m.: …": one note, dated
                    out[same[0]], keys[same[0]] = note, key
                continue
            held = [index for index, kept in enumerate(keys) if kept in key]
            if held and any(_TIMED_UPDATE.match(_unled(out[index].text)) for index in held):
                continue  # a timed update is cut to its own short paragraph: what follows it is the story's
            if held:
                out[held[0]], keys[held[0]] = note, key
                for index in reversed(held[1:]):
                    del out[index], keys[index]
            else:
                out.append(note)
                keys.append(key)
    return tuple(out)


# where a note's sentence ends and another note, with its own word, begins ("… at 6 a.m. Friday. Correction: An
# earlier version …", two notes a single <br> set apart)
_NEXT_HEAD = re.compile(
    rf"(?<=[.!?”)])\s*(?=(?:{_LABEL_HEADS}|editor['’]?s['’]? notes?)(?:{_AND}(?:{_LABEL_HEADS}))?{_QUALIFIER}"
    rf"{_TERMINATOR})",
    re.IGNORECASE,
)


def _parts_of(note: Note) -> tuple[Note, ...]:
    """A note and any note with a word of its own run on after it, a capital opening it (each its own kind: a
    correction set after an update is a correction), else the note as is."""
    text = note.text
    if len(text) < 40 or not _NEXT_HEAD.search(text, 1):
        return (note,)
    parts: list[Note] = []
    start, kind = 0, note.kind
    for match in _NEXT_HEAD.finditer(text, 1):
        at = match.end()
        if at - start < 20 or not text[at : at + 1].isupper() or not (next_kind := note_kind(text[at:])):
            continue
        part = text[start : match.start()].strip()
        parts.append(Note(note_kind(part) or kind, part))
        start, kind = at, next_kind
    if not parts:
        return (note,)
    return (*parts, Note(kind, text[start:].strip()))


_NOTE_HEAD = re.compile(rf"(?:{_ANY_HEAD})(?:{_AND}(?:{_ANY_HEAD}))?{_QUALIFIER}{_TERMINATOR}\s*", re.IGNORECASE)


def _said_key(text: str) -> str:
    """What a note with a word of its own says, its word and the date or time after it left out ("Update, 10:15
    a.m.: The road is open" and "Update: The road is open" say the same); "" for a note without one, or saying
    too little to tell."""
    head = _NOTE_HEAD.match(_unled(text))
    said = _key(_unled(text)[head.end() :]) if head else ""
    return said if len(said) >= 20 else ""


def _says_same(one: str, other: str) -> bool:
    """Whether two notes' words (``_said_key``) are the same, a date or time before them aside."""
    if not one or not other:
        return False
    short, long = sorted((one, other), key=len)
    return long.endswith(short) and len(long) - len(short) <= _NOTE_DRESS


def within_notes(boxed: Iterable[Note], notes: Iterable[Note]) -> tuple[Note, ...]:
    """The boxed notes whose text the kept ``notes`` hold (a boxed note holding a kept timed update and the story
    run into it is not one: what the note was cut from goes back to the body, never vanishes)."""
    keys = [_key(note.text) for note in notes]
    return tuple(note for note in boxed if any(_key(note.text) in key for key in keys))


def _key(text: str) -> str:
    return "".join(ch for ch in text.casefold() if ch.isalnum())


_NOTE_DRESS = 30  # letters a paragraph may add to a note's and still be only that note ("Correction, 12 May:")


def without_notes(body: Iterable[str], notes: Iterable[Note]) -> tuple[str, ...]:
    """The body with every note's text taken out: a paragraph that is a note (or part of one) goes, and a
    note run into the end or start of a story paragraph is cut off it — a note is never kept twice."""
    texts = [clean(note.text) for note in notes if len(_key(note.text)) >= 20]
    if not texts:
        return tuple(body)
    out: list[str] = []
    for paragraph in body:
        key = _key(paragraph)
        for text in texts:
            note = _key(text)
            if key and (key in note or note in key and len(key) - len(note) <= _NOTE_DRESS):
                paragraph = ""  # the note, or the note in other dress (its label, a date, other spacing)
                break
            if paragraph.endswith(text):
                paragraph = paragraph[: -len(text)].rstrip()
            elif paragraph.startswith(text):
                paragraph = paragraph[len(text) :].lstrip()
        if paragraph:
            out.append(paragraph)
    return tuple(out)
