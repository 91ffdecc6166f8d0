"""Author names from byline text: split lists, take off "By", initials and credits, refuse what is no person.

A byline names people. What pages put beside them is not an author: the publication ("n-tv NACHRICHTEN",
"STERN.de", "mdr.de"), a photo credit ("(Image: Getty Images)"), a reporter's initials ("(obe)", "/obe"), a job
title ("Lifestyle Reporter"), a desk ("Redaktion", "Agenturen"), a label ("Text:"), a dateline's place ("in Berlin",
"at Lune Park").
A URL slug ("sophie-foster") names the person it spells.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from urllib.parse import urlsplit

from monitor.extractors.dates import without_stamp
from monitor.extractors.text import clean

# the kind of piece a byline may name before its "by", in the page's language ("Opinion by", "An analysis by", "Ein
# Kommentar von", "Une analyse de", "Análisis de", "Un commento di"), an article before it or not
_PIECES = (
    r"opinion|analysis|commentary|review|column|kommentar|gastkommentar|gastbeitrag|analyse|kolumne|reportage|essay|interview|commentaire|chronique|tribune|"
    r"análisis|opinión|columna|crónica|analisi|commento|editoriale|commentaar|rubriek|analiza|komentarz|felieton"
)
BYLINE_START = re.compile(
    r"^\s*(?:(?:written|reported|posted|published|words|story|text|interviewed) by|"
    rf"(?:(?:ein|eine|a|an|un|une|una|uno)\s+)?(?:{_PIECES})\s+(?:von|by|par|de|di|por|door|av|przez)|"
    r"материал подготовила?|"  # Russian "the piece was prepared by"
    r"by|von|par|por|di|door|af|av|przez|بقلم|מאת)(?:\s+|\s*:\s*|$)",
    re.IGNORECASE,
)
# the buttons and links a byline's element runs on after each name ("Ana Ruiz Follow Tom Hale Follow", "Ana Ruiz
# Email Twitter"): they part names as a comma does
_UI_WORDS = "follow|following|email|e-mail|twitter|facebook|linkedin|instagram|bluesky|mastodon|rss|bio|profile"
# list separators: commas, semicolons, "and" in the languages bylines come in, ampersands, bars, dots, slashes
# ("Ana Ruiz/dpa"), a spaced dash before a job or an agency ("Ana Ruiz – Staff reporter"), what an agency added
# ("mit Material der dpa", "avec AFP"); a "Y" with its full stop is a middle name's initial ("Marta Y. Soler"), no
# Spanish "and"
_AUTHOR_SPLIT = re.compile(
    r"\s*(?:,|;|\||&|/|·|•|\s[–—-]\s|\b(?:(?:edited|additional reporting|reporting|writing|photos?|text) by|"
    r"mit material (?:von|der|aus)|with (?:additional )?reporting (?:by|from)|con información de|(?-i:with|avec|con)|"
    rf"and|und|et|og|och|y(?!\.)|en|ja|és|ve|oraz|و|ו|{_UI_WORDS})\b)\s*",
    re.IGNORECASE,
)
# a label in front of the name ("Text: Ana Ruiz", "Autorin: Eva Roth", Turkish "Haber: Emre Kaya"); a dateline's
# place after it ("… in Berlin"). "Author:" as Czech, Polish, Slovak, Romanian ("autor", "autorka"), Russian,
# Ukrainian and Bulgarian ("автор", "авторка"), Turkish ("yazar"), Greek ("συντάκτης", "συντάκτρια": editor-writer),
# Vietnamese ("tác giả"), Indonesian and Malay ("penulis"), Finnish ("toimittaja", "kirjoittaja") write it, Spanish,
# Portuguese, Italian, French a woman's ("autora", "autrice", "auteure"), Italian "autore", Czech and Slovak
# "redaktor(ka)" as the byline's first label (after a name it is an editor's), English "Writer:", "Reporting:",
# "Story:", Portuguese "Escrito por:", "Redação:" (not Russian "Текст:", as often a document's or a ministry's text
# as a reporter's)
BYLINE_LABEL = re.compile(
    r"^(?:text|texte|texto|testo|tekst|words|autor|autorin|autorka|autora|autore|autrice|author|auteur|auteure|"
    r"writer|reporting|story|escrito por|redação|reporter|interview|redaktion|redakteur|redakteurin|redaktor|"
    r"redaktorka|haber|muhabir|автор|авторка|yazar|συντάκτης|συντάκτρια|tác giả|penulis|toimittaja|kirjoittaja|"
    r"كتب|كتبت)"  # Arabic "wrote:" (he, she)
    r"\s*:\s*",
    re.I,
)
# a label whose name is no author's: a programme, a source, a picture's or a video's maker ("Sendung: hr-INFO",
# "Photos by Tom Hale", "Фото: Иван Петров", Indonesian "Fotografer:", Finnish "Kuvat:", Vietnamese "Ảnh:"), Russian
# "Текст:"
_MAKER_LABELS = (
    r"sendung|programm|quelle|source|sources|fotos?|photos?|kamera|camera|video|grafik|graphics?|bild|bilder|"
    r"fotó|fotograf|fotografer|fotografie|fotografía|kuva|kuvat|kuvaaja|ảnh|фото|фотограф|фотографии|снимка|снимки|"
    r"φωτογραφία|φωτογραφίες|φωτ\.|текст"
)
# an editor's label, in the languages whose "Author:" a byline may be labelled with ("Editor: Rina Wati", Turkish
# "Editör:", Czech "Redaktor:"): no author's after a name; a byline's only label names its author
_EDITOR_LABELS = (
    r"editor|editors|editör|editing|penyunting|redaktor|redaktorka|urednik|urednica|szerkesztő|biên tập|редактор|"
    r"редакторка"
)
_OTHER_LABEL = re.compile(
    rf"^(?:{_MAKER_LABELS})\s*:"
    r"|^(?:photos?|photographs?|pictures?|images?|illustrations?|graphics?|videos?) by\b"
    # a reviewer's, a fact-checker's credit ("Medically reviewed by Tom Hale, MD — Written by Ana Ruiz")
    r"|^(?:(?:medically|clinically|legally|expert)\s+)?(?:reviewed|fact[- ]?checked|checked|verified)\s+by\b",
    re.I,
)
# such a label later in a byline, after its author's name ("Анна Козлова. Фото: Иван Петров"): the name ends there
_LATER_LABEL = re.compile(rf"([\s.,;|/·•–—-]+)(?:{_MAKER_LABELS}|{_EDITOR_LABELS})\s*:", re.I)
# a credit for other work than the story's words after its author's name ("Words by Ana Ruiz. Photos by Tom Hale",
# "Reporting by Ana Ruiz; Editing by Tom Hale", "Written by Ana Ruiz, Edited by Tom Hale"): the names end there
_LATER_CREDIT = re.compile(
    r"(?:[.,;|/·•–—-]\s*|\s)(?:photos?|photographs?|photography|pictures?|images?|illustrations?|graphics?|videos?|"
    r"editing|edited|fact[- ]?checked|fact[- ]?checking)\s+by\b",
    re.I,
)
# the last separator before a label of several words ("Ana Ruiz, Edición de fotos:", "Ana Ruiz, Politics Editor:")
_LAST_SEPARATOR = re.compile(r"\s*[,;|·/–—][^,;|·/–—]*$")
# any label at the byline's start ("Reportagem: Ana Ruiz", "Urednik: Ivo Horvat"): a word, or one and lower-case
# words after it ("Escrito por:"), not a name ("Ana Ruiz: Analysis")
_START_LABEL = re.compile(r"^[^\W\d_]+(?:\s+(?-i:[^\W\d_A-ZÀ-ÞА-Я][^\W\d_]*)){0,2}\s*:\s+(?=\S)")
# the small words between and inside names ("Ana Ruiz y Pedro Gil", "Jan van der Berg"); any other word written in
# lower case makes a sentence, not names ("Most read: Kestrel wins the harbour race")
_NAME_SMALL_WORDS = frozenset(
    "and und et y e i og och en ve и de da di del della der den des du la le van von ter ten zu bin ibn al el".split()  # noqa: SIM905
)
_WORD = re.compile(r"[^\W\d_][\w'’.-]*")


def written_as_names(text: str) -> bool:
    """Whether what follows a byline's unknown label is written as names: no lower-case word but the small ones
    names and lists of names hold (a script without capitals passes)."""
    words = _WORD.findall(text)
    return bool(words) and all(not word[:1].islower() or word.lower() in _NAME_SMALL_WORDS for word in words)


# a label still in front of a name part ("Editor: Tom Hale" in "Ana Ruiz and Editor: Tom Hale"): no name
_ANY_LABEL = re.compile(r"[^\W\d_]\s*:(?:\s|$)")
# a reporter's job in Chinese, Japanese and Korean, written before or after the name ("记者 李晓梅", "김민준 기자",
# "佐藤健太記者")
_CJK_JOB = re.compile(
    r"^(?:本报|本報)?(?:记者|記者|特派员|特派員|通讯员|通訊員)\s*|\s*(?:记者|記者|기자|특파원|特派员|特派員|編集委員|論説委員)$"
)
# a list's items: what a job or a place after a comma is said in stays whole ("Lucía Campos, corresponsal en Lima")
_SEGMENT = re.compile(r"\s*(?:,|;|\||·|•|\s[–—-]\s|[、，；])\s*")  # (the ideographic and full-width comma too)
# the publication a byline names the authors wrote for ("… for the Wendham Star", "für den Kurier")
_FOR_PUBLICATION = re.compile(r"^(\S+\s+\S.*?)\s+(?i:for|für|pour|para|special to)\s+\S.*$")  # two words before it
# "and" written as a first letter of the next name in Hebrew (ו) and Arabic (و): "נועה ברק ויואב לוי"
_HEBREW_AND = "ו"
# a byline's "By" after a stamp, opening a part of its own or right after the date or time ("Updated 10:20 | By
# Ana Ruiz", "March 12, 2024 By Ana Ruiz", "10:20 pm by", "10:20 GMT By"; not "Sponsored by", "Photos by")
_BY_AFTER = re.compile(
    r"(?:^|[|·•;,–—-]\s*|(?<=\d)\s+|(?<=[ap]m)\s+|(?<=[ap]\.m\.)\s+|(?-i:(?<=[A-Z]{2}))\s+)"
    r"(?:by|von|par|por|av|door)\s+(?=[^\W\d_])",
    re.IGNORECASE,
)
# an Arabic reporter's job after the name ("محمد الزعبي مراسل الشؤون الاقتصادية": correspondent for economic
# affairs; editor, journalist): the name ends before it
_ARABIC_JOB = re.compile(r"\s+(?:مراسل|مراسلة|محرر|محررة|صحفي|صحفية|الصحفي|الصحفية|مندوب|مندوبة)(?:\s.*)?$")
# a label standing alone, its colon on another line (Drupal's field label "Autor" above the linked name)
_LABEL_ALONE = re.compile(BYLINE_LABEL.pattern.removesuffix(r"\s*:\s*") + "$", re.I)
_SON_OF = frozenset(("بن", "ابن", "بنت", "أبو", "عبد", "בן", "בת"))
# "… in Kyiv", "… in Kyiv: Analysis"; a reporter at the ground, the court, the summit ("… at Lune Park")
_PLACE = re.compile(r"\s+(?:in|aus|from|at)\s+([^\W\d_][\w-]*(?:\s+[^\W\d_][\w-]*){0,2})(?::\s.*)?$")
# what a name never is: a desk, a job ("Lifestyle Reporter", "Correspondant à Paris"), a degree ("Ph.D.")
_JOBS = (
    "reporter reporterin correspondent correspondant correspondante korrespondent korrespondentin corresponsal "
    "editor rédacteur rédactrice redakteur redakteurin redactor writer columnist chroniqueur journalist journalistin "
    "journaliste periodista giornalista contributor producer "
    # a job two reporters share, under both their names ("Transport correspondents")
    "reporters correspondents editors writers columnists journalists contributors producers"
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
_DESKS = (
    "online news nachrichten redaktion staff team desk digital newsroom agencies agenturen agences agencias wires "
    "redacción redaccion rédaction redazione redactie redakcja redação redacao redaksjon redaksjonen redaktionen"
)
_DESK_WORDS = frozenset(_DESKS.split())


# a desk in a script written without spaces between words (Thai): the word opens the run ("ทีมข่าวภูมิภาค": the
# regional news team; "กองบรรณาธิการ": the editorial desk; "โต๊ะข่าว": the news desk)
_JOINED_DESKS = ("ทีมข่าว", "กองบรรณาธิการ", "โต๊ะข่าว", "ฝ่ายข่าว")


def names_a_desk(name: str) -> bool:
    """Whether a name holds a desk's word ("Wendham Desk", "Newsroom", "Redaktion Politik", "ทีมข่าวภูมิภาค")."""
    return any(word.casefold() in _DESK_WORDS or word.startswith(_JOINED_DESKS) for word in name.split())


# words that make a name an organisation's: a bureau, an agency, a service, a paper ("Valmora Bureau", "Ostvik
# Press Service", "Valmora Times Staff"); the first group is never a person's surname, the second often is one
# (Wiley Post, Lena Press, Tom Daily, Robert Service, Paul-Louis Courier): a name written as a person's (a first
# name and that surname) is a person's
_ORGANISATIONS = (
    "bureau bureaus agency agentur agence agencia network group foundation institute association company "
    "corporation inc ltd llc gmbh radio tv television channel studios magazine services times tribune gazette "
    "chronicle telegraph weekly record presse prensa"
)
_SURNAME_ORGANISATIONS = "press media service post herald journal courier daily studio"
_ORGANISATION_WORDS = frozenset(_ORGANISATIONS.split())
# what no person's name holds: an agency's, a bureau's, a wire's word ("Allied News Service", "Kelm Valley Wire"),
# a pseudo-byline's ("Staff Reports", "Wire Reports")
_UNNAMED_WORDS = frozenset("agency agentur agence agencia bureau bureaus wire wires syndicate reports".split())  # noqa: SIM905
_SURNAME_ORGANISATION_WORDS = frozenset(_SURNAME_ORGANISATIONS.split())


def names_an_organisation(name: str, site_names: Iterable[str] = ()) -> bool:
    """Whether a name is a desk's, a wire agency's, the site's or an organisation's ("Valmora Bureau",
    "Reuters", "Ostvik Press Service", "Miami Herald"), not a person's. A name with a paper's word in it is
    taken for a paper even when it is written as a person's: "Washington Post" and "Detroit Free Press" look
    like "Wiley Post", and a co-author missed (JSON-LD's author stands) is a smaller wrong than a syndicating
    paper named as the story's author."""
    words = [word.strip(".,").casefold() for word in name.split()]
    if names_a_desk(name) or _is_agency(name) or any(word in _ORGANISATION_WORDS for word in words):
        return True
    sites = [site.casefold().split() for site in site_names if site]
    if _fold(name) in {_fold(" ".join(site)) for site in sites}:
        return True
    return any(word in _SURNAME_ORGANISATION_WORDS for word in words)


_ROLES = (
    "staff senior chief deputy associate managing contributing executive special political foreign science "
    "health business sports sport digital news writer reporter correspondent editor contributor columnist "
    "producer journalist freelance intern"
)
_ROLE_WORDS = frozenset(_ROLES.split())
_ARTICLE_WORDS = "the die der das le la les el los las il lo gli de het"
_ARTICLES = frozenset(_ARTICLE_WORDS.split())
_OUR_WORDS = "our unsere unserer unserem notre nos nuestra nuestro nostra nostro vår vårt onze"  # "unserer Redaktion"
_OUR = frozenset(_OUR_WORDS.split())
# wire services: a byline credits them beside the reporters ("…, Associated Press"), and they are no person
_AGENCIES = (
    "associated press|ap|reuters|thomson reuters|afp|agence france-presse|agence france presse|dpa|"
    "deutsche presse-agentur|apa|sda|keystone-sda|ansa|efe|agencia efe|europa press|upi|united press international|"
    "press association|pa media|kyodo|kyodo news|jiji press|yonhap|xinhua|tass|ria novosti|anadolu agency|"
    "bloomberg|bloomberg news|epd|kna|sid|belga|anp|ntb|tt|ritzau|ctk|pap|aap|australian associated press|"
    "canadian press|bernama|antara|pti|ians|ani"
)
_MAX_NAME = 60
_MAX_NAME_WORDS = 5


def split_authors(text: str) -> list[str]:
    """``"By Jane Doe and John Roe, CNN"`` → ``["Jane Doe", "John Roe"]``; ``"sophie-foster"`` →
    ``["Sophie Foster"]``; ``"Elena Oberholzer (obe)"`` → ``["Elena Oberholzer"]``; ``"By Ana Ruiz · July 17,
    2024"`` → ``["Ana Ruiz"]`` (a date and what follows it are no name)."""
    text = BYLINE_START.sub("", _without_address(clean(text)))
    text = _AGO.sub("", text)  # "Ana Ruiz 12 hours ago"
    kept = without_stamp(text)
    if not kept and (by := _BY_AFTER.search(text)):  # "Updated 10:20 | By Ana Ruiz", "12 March 2024 · By Ana Ruiz"
        kept = without_stamp(text[by.end() :])
    text = kept
    label = _START_LABEL.match(text)
    if label and not _OTHER_LABEL.match(text) and written_as_names(text[label.end() :]):
        text = text[label.end() :]  # "Autora: Ana Ruiz", "Urednik: Ivo Horvat": a label, whichever, and the name
    if later := _LATER_LABEL.search(text):
        cut = later.start()  # "Ana Ruiz | Editor: Tom Hale", "Анна Козлова. Фото: Иван Петров"
        if later.group(1).isspace() and (separator := _LAST_SEPARATOR.search(text, 0, cut)):
            cut = separator.start()  # "Ana Ruiz, Politics Editor: …": the label's first words too
        text = text[:cut]
    if (credit := _LATER_CREDIT.search(text)) and credit.start():
        text = text[: credit.start()]
    text = _without_makers(text)  # "Anna Roth (Text), Ben Keller (Fotos)": the photographer is no author
    if _CREDIT.search(text) and "(" in text:
        text = _PARENTHESES.sub("", text)  # "Ana Ruiz (Image: Getty Images)": the credit goes, the name stays
    names: list[str] = []
    addressed = False  # after a bare domain or an agency ("hessenschau.de, Frankfurt", "PTI, Washington") one-word
    # parts are its place
    barred = [False, *("|" in separator.group() for separator in _SEGMENT.finditer(text))]  # after a "|"
    for index, segment in enumerate(_SEGMENT.split(text)):
        if (named := _after_job(segment, opening=index == 0)) is None or (addressed and len(segment.split()) == 1):
            continue  # "corresponsal en Lima", "Senior Correspondent in Kyiv": a job and its place, whole
        if not segment.strip():
            continue
        if index and names and _job_word(segment.split()[-1]):
            continue  # "Ana Ruiz, Wendham Star Correspondent": the job of the name before it, with its outlet
        if index and _one_place(segment, names):
            continue  # "Anna Roth, Berlin", "Ana Ruiz, Lima, y Pedro Gil, Quito": the place the name wrote from
        if _OTHER_LABEL.match(segment) or (barred[index] and _outlet_after(names, segment)):
            continue  # "Photos by Tom Hale"; "Ana Ruiz | Wirewire": the outlet the author writes for
        addressed = addressed or (len(segment.split()) == 1 and bool(_DOMAIN.search(segment))) or _is_agency(segment)
        addressed = addressed or segment.split()[-1].casefold() in _DESK_WORDS  # "Ana Ruiz BBC News, Lima"
        if index and segment[:1].islower() and segment.split()[0] not in _NAME_SMALL_WORDS:
            continue  # "…, envoyée spéciale à Kiev", "…, inviato a Kiev", "…, корреспондент": a job said in words
        for part in _AUTHOR_SPLIT.split(named):  # each name's own "for the X" ("Ana Ruiz for the Star and Tom Hale")
            pieces = _prefixed_and(_FOR_PUBLICATION.sub(r"\1", part))
            names.extend(name for piece in pieces for one in _lettered_and(piece) if (name := _name(one)))
    return names


# the path segment before an author's page's slug ("/author/ana-ruiz", "/autoren/anna-roth/", "/journalist/…")
_PROFILES = (
    "author authors autor autoren auteur auteurs autore autori autores journalist journalists journalisten "
    "reporter reporters writer writers people profile profiles staff columnist columnists"
)
_PROFILE_SEGMENTS = frozenset(_PROFILES.split())
_PROFILE_SLUG = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+){1,3}")


def profile_name(url: str) -> str | None:
    """The name an author's page's address spells ("https://…/author/ana-ruiz/" → "Ana Ruiz"): the slug after
    an author's segment of the path, two to four words; None for any other address (a social profile's)."""
    parts = urlsplit(url.strip())
    host = _fold(parts.hostname or "")
    segments = [segment for segment in parts.path.split("/") if segment]
    for segment, slug in zip(segments, segments[1:], strict=False):
        if _fold(slug) in host:
            return None  # "/author/tarnmouth-packet" on tarnmouth-packet.example: the paper, no person
        if segment.casefold() in _PROFILE_SEGMENTS and _PROFILE_SLUG.fullmatch(slug) and slug.islower():
            name = " ".join(word.capitalize() for word in slug.split("-"))
            return name if not _no_person(name) and not names_an_organisation(name) else None
    return None


_ADDRESS = re.compile(r"\s*<?\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b>?\s*")
_WRAPPED = re.compile(r"^\((.+)\)$")
# a time told as how long ago, run on after the name ("12 hours ago", "vor 2 Stunden", "hace 3 horas", "il y a 2
# heures", "há 5 minutos")
_AGO = re.compile(
    r"\s+(?:\d+\s*(?:seconds?|secs?|minutes?|mins?|hours?|hrs?|days?|weeks?|months?|years?)\s+ago|"
    r"(?:vor|hace|há|il y a)\s+\d+\s+[^\W\d_]+)$",
    re.IGNORECASE,
)


def _without_address(text: str) -> str:
    """``text`` without an e-mail address beside the name ("Ana Ruiz <ana@…>", a feed's "ana@… (Ana Ruiz)")."""
    if "@" not in text:
        return text
    text = _ADDRESS.sub(" ", text).strip()
    wrapped = _WRAPPED.match(text)
    return wrapped.group(1) if wrapped else text


# a name's part in the piece, in brackets after it, when that part is the pictures, the video or the graphics
_MAKER_PART = re.compile(
    r"\(\s*(?:fotos?|photos?|photography|photographs?|pictures?|images?|bilder?|videos?|kamera|camera|grafik|"
    r"graphics?|illustrations?|ilustraci[óo]n|fotograf[íi]a|фото)\s*\)\s*$",
    re.I,
)

_MAKER_PART_ANYWHERE = re.compile(_MAKER_PART.pattern.removesuffix(r"\s*$"), re.I)


def _without_makers(text: str) -> str:
    """``text`` without the names whose part in brackets is the pictures', the video's or the graphics' ("Anna
    Roth (Text) und Ben Keller (Fotos)" → "Anna Roth (Text)")."""
    if "(" not in text or not _MAKER_PART_ANYWHERE.search(text):
        return text
    segments = []
    for segment in _SEGMENT.split(text):
        parts = [part for part in _AUTHOR_SPLIT.split(segment) if part.strip() and not _MAKER_PART.search(part)]
        if parts:
            segments.append(" and ".join(part.strip() for part in parts))
    return ", ".join(segments)


def _one_place(segment: str, names: list[str]) -> bool:
    """A part of one capitalised word of letters after a full name ("Berlin" in "Anna Roth, Berlin"), or opening
    with one before an "and" ("Lima, y Pedro Gil"): a byline names people whole, so it is the place they wrote
    from."""
    if not names or len(names[-1].split()) < 2:
        return False
    first, *rest = _AUTHOR_SPLIT.split(segment, maxsplit=1)
    if rest or len(first.split()) != 1:
        return False
    word = first.strip()
    return word[:1].isupper() and word.isalpha() and not word.isupper()


def _outlet_after(names: list[str], segment: str) -> bool:
    """A part of one capitalised word after a full name: the outlet the name's author writes for ("Ana Ruiz |
    Wirewire"), not a second person (bylines give people whole names)."""
    words = segment.split()
    return len(words) == 1 and words[0][:1].isupper() and any(len(name.split()) > 1 for name in names)


def _after_job(segment: str, *, opening: bool) -> str | None:
    """``segment``, or None when it opens with a job ("corresponsal en Lima", "Senior Correspondent in Kyiv",
    "Associate Professor of History"): a job and what follows it are no name. Only the byline's first part may
    hold names after a job noun ("Political Editor Ana Ruiz and Tom Hale" → "Ana Ruiz and Tom Hale"): two
    words or more, opening with a capital."""
    words = segment.split()
    if len(words) < 2 or words[0].casefold() not in _JOB_WORDS | _ROLE_WORDS:
        return segment
    lead = 0
    while lead < len(words) and words[lead].casefold() in _JOB_WORDS | _ROLE_WORDS:
        lead += 1
    rest = words[lead:]
    named = any(word.casefold() in _JOB_WORDS for word in words[:lead])
    if opening and named and len(rest) >= 2 and rest[0][:1].isupper() and any(c.isupper() for c in "".join(rest[1:])):
        return " ".join(rest)  # "Ana Ruiz and Tom Hale", "Eva von Roth", "Ana de la Cruz in Lima": split after
    return None


_LETTER_AND = frozenset({"e", "i", "a", "и", "і", "și", "şi"})  # Italian, Portuguese; Polish, Croatian; Czech, Slovak;
# Russian, Bulgarian; Ukrainian; Romanian


def _lettered_and(part: str) -> list[str]:
    """``part`` split at a one-letter "and" ("Ana Ruiz e Marco Rossi", "Anna Nowak i Piotr Zieliński", "Анна
    Козлова и Иван Петров"): only between two names of two capitalised words or more, so a name holding such a
    word ("José Maria e Silva", "Thomas a Kempis") stays whole."""
    words = part.split()
    for i in range(2, len(words) - 2):
        if words[i].casefold() in _LETTER_AND and _two_names(words[:i]) and _two_names(words[i + 1 :]):
            return [" ".join(words[:i]), *_lettered_and(" ".join(words[i + 1 :]))]
    return [part]


def _two_names(words: list[str]) -> bool:
    """A first name and a surname at least, each word capitalised (a particle between them aside)."""
    return len(words) >= 2 and words[0][:1].isupper() and words[-1][:1].isupper()


def _prefixed_and(part: str) -> list[str]:
    """``part`` split where a Hebrew word starts with its "and" letter and begins a second name ("נועה ברק ויואב
    לוי" → ["נועה ברק", "יואב לוי"]): only between two names of two words or more, so a name that starts with
    that letter ("ורד") and a name's "son of" ("בן") stay whole. Arabic is split only at a lone "و": many Arabic
    names start with its letter (وائل, وليد), and a four-part name must not become two people."""
    words = part.split()
    if len(words) > 2 * _MAX_NAME_WORDS:
        return [part]
    for i in range(2, len(words) - 1):
        word = words[i]
        if word[0] == _HEBREW_AND and len(word) > 2 and words[i - 1] not in _SON_OF:
            return [" ".join(words[:i]), *_prefixed_and(" ".join((word[1:], *words[i + 1 :])))]
    return [part]


# what a byline's part opens with when it names the place the story was filed from, not a person ("à Paris",
# "desde Lima", "em Lisboa", "aus Wien", "w Warszawie", "из Москвы")
_PLACE_OPENING = re.compile(
    r"^(?-i:à|en|em|in|aus|from|desde|depuis|dalla|vanuit|från|fra|z|ze|w|we|iz|из|в|во)\s+[^\W\d_]", re.I
)
# an outlet written with its article ("The Wendham Star", "Die Wendham Post"): no person's name opens so (not
# "Les", "La", "Le", "El": first names and surnames open with them)
# what a contributor did, in front of the name ("Compiled by", "Curated by", "Writing by"), or the piece it wrote
# ("Guest column by")
_DONE_BY = re.compile(r"^(?-i:[A-Z]?[a-z]+)(?:\s+(?-i:[a-z]+)){0,2}\s+(?-i:by)\s+(?=[^\W\d_])")
_OUTLET_ARTICLES = frozenset("the die der das het los las".split())  # noqa: SIM905
_HANDLE = re.compile(r"\s+@\w+$")  # "Ana Ruiz @anaruiz": her handle beside her name


# "our" and the reporter's job before the name ("Von unserem Korrespondenten Anna Roth", "De notre envoyée spéciale
# Anne Dupont", "Door onze redacteur Jan de Vries", "By our reporter Ana Ruiz", "Dal nostro inviato Marco Rossi")
_OUR_LEAD = re.compile(
    r"^(?:(?:from|by|von|vom|de|du|par|dal|dalla|dai|di|del|de la|door|van|från|fra|af|av|por)\s+)?"
    r"(?:our|unserem|unserer|unseren|unserm|notre|nos|nuestro|nuestra|nuestros|nuestras|nostro|nostra|nostri|"
    r"onze|vår|vårt|våre|vores|vor)\s+",
    re.I,
)
_OUR_JOB_WORDS = (
    "korrespondent korrespondenten korrespondentin redakteur redakteurs redakteurin reporterin reporters "
    "mitarbeiter mitarbeiterin autor autorin envoyé envoyée envoyés envoyées spécial spéciale spéciaux "
    "spéciales correspondant correspondante correspondants inviato inviata inviati corrispondente "
    "corrispondenti corresponsal corresponsales enviado enviada enviados especial especiales redacteur "
    "redactrice verslaggever verslaggeefster medewerker medewerkster korrespondenter reporter medarbejder"
)
_OUR_JOBS = frozenset(_OUR_JOB_WORDS.split())


def _without_our_job(part: str) -> str:
    """``part`` without "our" and the job after it ("unserem Korrespondenten Anna Roth" → "Anna Roth")."""
    if not (our := _OUR_LEAD.match(part)):
        return part
    words = part[our.end() :].split()
    while words and (words[0][:1].islower() or words[0].casefold() in _JOB_WORDS | _ROLE_WORDS | _OUR_JOBS):
        if _PLACE_OPENING.match(" ".join(words)):
            break  # "correspondant à Berlin": the place stays, and no name is read in it
        words.pop(0)
    return " ".join(words)


def _name(part: str) -> str | None:
    part = _without_our_job(part.strip())
    if _OTHER_LABEL.match(part.strip()) or _PLACE_OPENING.match(part.strip()):
        return None
    part = BYLINE_START.sub("", BYLINE_LABEL.sub("", _PARENTHESES.sub("", part).strip(" .·-–—:()[]（）")))
    part = _ARABIC_JOB.sub("", _CJK_JOB.sub("", part))
    if len(part) == 1 and "\u3400" <= part <= "\u9fff":
        return None  # "文/李晓梅": a label's one character ("text"), no name
    if _LABEL_ALONE.match(part):
        return None  # "Autor": a field's label, its name on the next line
    part = _DONE_BY.sub("", part)  # "Compiled by Ana Ruiz", "Writing by Lee Chan": the name after it
    if (place := _PLACE.search(part)) and all(word[0].isupper() for word in place.group(1).split()):
        part = part[: place.start()]  # "Ana Ruiz in Kyiv" (": Analysis" after it too)
    if _ANY_LABEL.search(part):
        return None  # a label other than an author's ("Editor: Tom Hale", "Kamera: Eva Roth")
    if _SLUG.match(part):
        part = " ".join(word.capitalize() for word in part.split("-"))
    part = _HANDLE.sub("", part)
    if len(words := part.split()) > 1 and words[0].casefold() in _OUTLET_ARTICLES:
        return None  # "The Wendham Star" after the names: the outlet they write for
    if not part or len(part) > _MAX_NAME or len(part.split()) > _MAX_NAME_WORDS:
        return None
    if not any(ch.isupper() for ch in part) and part.isascii():
        return None  # "staff", "redaktion": a word, not a name
    part = _without_agency(_without_job(_without_agency(part)))
    part = _without_outlet(part)
    return None if not part or _no_person(part) else part


def _without_outlet(part: str) -> str:
    """``part`` without a broadcaster's outlet run on after the name ("Ana Ruiz BBC News" → "Ana Ruiz"): a desk's
    word ("News", "Online") and a name in capitals before it, a name of two words at least left."""
    words = part.split()
    if len(words) < 4 or words[-1].casefold() not in _DESK_WORDS:
        return part
    while len(words) > 2 and words[-1].casefold() in _DESK_WORDS:
        words.pop()
    if len(words) > 2 and words[-1].isupper() and len(words[-1]) >= 2 and not words[0].isupper():
        words.pop()
    return " ".join(words)


def _without_agency(part: str) -> str:
    """``part`` without an agency run on after the name ("Ana Ruiz Associated Press", "Ana Ruiz AFP" → "Ana
    Ruiz"), when it is written in capitals or in words enough that no surname reads so."""
    words = part.split()
    for size in (3, 2, 1):
        tail = words[-size:]
        if len(words) - size >= 2 and (size > 1 or tail[0].isupper()) and _fold(" ".join(tail)) in _AGENCY_KEYS:
            return " ".join(words[:-size])
    return part


def _is_agency(text: str) -> bool:
    return _fold(_without_article(text)) in _AGENCY_KEYS


def is_agency(text: str) -> bool:
    """Whether ``text`` is a wire agency's name alone ("AFP", "The Associated Press", "PTI")."""
    return _is_agency(clean(text))


def is_publication(value: str, publications: Iterable[str]) -> bool:
    """Whether an author value is, whole, one of the publication's names ("Mac & Co" beside og:site_name "Mac &
    Co", "The Wendham Star" beside "Wendham Star"): asked before it is split, so that no part of the name ("Mac")
    is taken for a person."""
    key = _fold(_without_article(clean(value)))
    return bool(key) and any(key == _fold(_without_article(clean(name))) for name in publications if name)


def may_be_person(name: str) -> bool:
    """Whether a name that a page's data says is a person's (schema.org ``Person``) may stand as one though
    :func:`split_authors` reads none in it (six words, "Maria de los Angeles Garcia Lopez"): nothing marks it a
    desk, a job, a credit or a site's user ("Newsroom", "Redaktion", "admin"). A wire agency stated as the author
    ("AP", "dpa") stands as given: the story is the agency's."""
    name = BYLINE_START.sub("", clean(name))
    if _fold(_without_article(name)) in _AGENCY_KEYS:
        return True
    if not name or (name.isascii() and name.islower() and " " not in name):
        return False
    return bool(_without_job(name)) and not _no_person(name)


def _no_person(part: str) -> bool:
    if _NOT_A_NAME.search(part) or _CREDIT.search(part) or _DOMAIN.search(part):
        return True
    if part.isupper() and len(part) <= 6:  # "CNN", "AP", "AFP": an agency, not a person
        return True
    if all(word.casefold() in _ROLE_WORDS | _DESK_WORDS | _ARTICLES | _OUR for word in part.split()):
        return True  # "Staff Writer", "Lifestyle Reporter", "Redaktion": the author's job or desk, not an author
    if names_a_desk(part) or any(word.strip(".,").casefold() in _UNNAMED_WORDS for word in part.split()):
        return True  # "Staff Reports", "Allied News Service", "Kelm Valley Wire": a desk's or an agency's name
    return _fold(_without_article(part)) in _AGENCY_KEYS or bool(_DEGREE.match(part))  # "Reuters"; "Ph.D."


def _without_article(text: str) -> str:
    """``text`` without a leading article ("The Wendham Star" → "Wendham Star"); a lone article stays."""
    first, _, rest = text.partition(" ")
    return rest if rest and first.casefold() in _ARTICLES else text


def _job_word(word: str) -> bool:
    """A journalist's job, hyphenated ones by their first part ("Editor-in-Chief", "Editor-at-large")."""
    return word.casefold() in _JOB_WORDS or "-" in word and word.split("-")[0].casefold() in _JOB_WORDS


def _without_job(part: str) -> str:
    """``part`` without a job after the name ("Ana Ruiz Senior Reporter" → "Ana Ruiz"); "" when it is only a job
    ("Lifestyle Reporter", "Correspondant à Paris")."""
    words = part.split()
    if len(words) > 1 and words[0].casefold() in _JOB_WORDS and words[1].islower():
        return ""
    if not _job_word(words[-1]):
        return part
    while words and (_job_word(words[-1]) or words[-1].casefold() in _ROLE_WORDS):
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
_MAX_CREDIT_CHARS = 120
_MAX_JOB_WORDS = 5
_JOB_CONNECTORS = frozenset({"of", "for", "and", "at", "in", "on", "&", "à", "de", "für"})
_JOB_SEPARATOR = re.compile(r"\s*[,|–—]\s*|\s-\s")


def is_credit_line(text: str) -> bool:
    """A picture credit standing alone ("Photo: Nell Farquhar/Wendham Star", "(Image: Getty Images)"), not a
    sentence that opens with the word ("Photo: the harbour at dusk, taken …")."""
    if len(text) > _MAX_CREDIT_CHARS:
        return False  # (and the pattern never meets a long run it could backtrack over)
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
    publications = [p for p in publications if len(_fold(p)) >= 3]
    brands = {_fold(p) for p in publications}
    bare = {words for p in publications if (words := _folded_words(p))}  # "The Wendham Star" → ("wendham", "star")
    return tuple(name for name in names if not _names_publication(name, brands, labels, bare))


def _names_publication(name: str, brands: set[str], labels: set[str], bare: set[tuple[str, ...]]) -> bool:
    key = _fold(name)
    # equal, or the site's name and more ("Wrenfield Gazette staff"); a site named after its author (a personal
    # blog, "Ana Ruiz's notebook") still has that author
    if any(key == brand or key.startswith(brand) for brand in brands):
        return True
    # without "The" on either side ("The Wendham Star" beside og:site_name "Wendham Star", on wendhamstar.example),
    # and word for word, with a desk after it ("Telegraph Sport" beside "The Telegraph"; not "Star Jones")
    words = _folded_words(name)
    if key in labels or "".join(words) in labels or any(_brand_and_desk(words, brand) for brand in bare):
        return True
    # the domain's own name, alone or with a word no person is called ("n-tv NACHRICHTEN", "Kicker Online")
    words = name.split()
    return _fold(words[0]) in labels and any(w.isupper() and len(w) >= 4 or w.casefold() in _DESK_WORDS for w in words)


def _brand_and_desk(words: tuple[str, ...], brand: tuple[str, ...]) -> bool:
    rest = words[len(brand) :]
    return words[: len(brand)] == brand and all(word in _ROLE_WORDS | _DESK_WORDS for word in rest)


def _folded_words(text: str) -> tuple[str, ...]:
    return tuple(key for key in (_fold(word) for word in _without_article(text).split()) if key)


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in text if ch.isalnum())


_AGENCY_KEYS = frozenset(_fold(agency) for agency in _AGENCIES.split("|"))
