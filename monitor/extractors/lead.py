"""Take the page furniture a generic extract can leave in a body off it: the headline, a byline, a time stamp.

A short page gives a main-text extractor little to go on, and it may keep the ``<h1>``, the "By Ana Ruiz" line
or a "28 August 2025, 09:12" stamp as paragraphs, or run them into the first one. A blog platform's post adds its
own above the story or below it: a claps count ("1.2K") beside its other lines, "2.3K Followers", "5 min read ·
Apr 16, 2025", "Listen", "Share" (in the story they are a poem's lines, a timeline's years, a score). A date's
label whose date went elsewhere ("Published:") and a source line above or below the story ("Source: Reuters",
"来源：江南晨报") are left too. None of them is story text: a diff of the story must show its paragraphs only.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable, Sequence

from monitor.extractors.authors import BYLINE_LABEL, BYLINE_START, is_credit_line, is_job_title, split_authors
from monitor.extractors.closing import closing_notice
from monitor.extractors.dates import is_date_piece, is_dateline, is_timestamp, without_stamp
from monitor.extractors.promo import follow_call
from monitor.extractors.signoff import is_closing_credit

_KEY = re.compile(r"[\W_]+", re.UNICODE)
_SENTENCE_END = re.compile(r"[.!?…:;\"”»]$")
_CONTINUING = frozenset(",;，、")  # marks a sentence goes on after (a headline ends in none of them)
_MAX_BYLINE_WORDS = 12
_MAX_LABEL_CHARS = 50  # a kicker's or a section's label above the headline: this short, ending no sentence
_MAX_LABEL_WORDS = 5
_LABEL_ENDS = tuple(".!?…:;")
_MAX_LABELS = 6  # above the headline: a kicker, a section's label, a breadcrumb trail's steps
# a picture's credit in words or after a label, in the languages pages come in ("Foto di Paolo Rinaldi", "Photo
# by Ana Ruiz", "Fotografía de Ana Ruiz", "Zdjęcie: Jan Nowak", "Фото: Иван Петров", "写真：山田太郎")
_CREDIT_WORDS = re.compile(
    r"^[(（]?\s*(?:photos?|fotos?|pictures?|images?|bild(?:er)?|photographs?|photography|fotograf(?:ía|ia|ie|ias|ías)|"
    r"illustrations?|zdj[ęe]ci[ea]|fot\.|фото|снимк[аи]|kuvat?|ảnh|φωτογραφία|φωτ\.|写真|照片|图片|圖片|사진|"
    r"फ़ोटो|फोटो|صورة|تصوير|צילום|fotoğraf)\s*"
    r"(?:(?P<by>by|di|de|da|von|door|par|av|af|por|tomada por|taken by)\s+|[:：=]\s*)"
    r"(?P<who>[^()（）\s][^()（）]*?)\s*[)）]?$",
    re.IGNORECASE,
)
_CREDIT_SENTENCE = re.compile(r"[^\W\d_]{2}[.!?。！？](?:\s|$)")
_OF_PLACE = frozenset(("di", "de", "da", "von"))  # "Fotos de Madrid", "Bilder von Hamburg": a place, no credit
_MAX_CAPTION_WORDS = 30  # a caption's description: one sentence or a fragment, this many words at most
_QUOTES = frozenset('"“”„«»‹›「」『』')
_MAX_CREDIT_CHARS = 120
_MAX_CREDIT_WORDS = 8
_MAX_CAPTION = 300
_NAME_JOINS = frozenset(("and", "und", "et", "y", "e", "og", "och", "i", "en", "ja"))  # between a byline's names
_WORDS = re.compile(r"[^\W_]+")
_STAMP_MARKS = " ,;:·|•–—-"  # what sets a byline's time stamp off from it
_MIN_HEADLINE_KEY = 8  # letters and digits of a headline found run on after a kicker, at least
_MAX_FURNITURE = 160  # characters: a longer paragraph is story text, never a headline, byline or stamp
# a place before a stamp ("Cala Serena, 5 jun 2025 - 14:30"): a few words, no digits, capitalised at both ends
_PLACE = re.compile(r"^(?P<place>[^\W\d_][^\d,]{0,40}?),\s*(?P<stamp>.+)$")
_MAX_PLACE_WORDS = 4

# a blog platform's furniture: a count ("1.2K", "2.3K Followers"), a reading time ("5 min read", "Lesezeit 4
# Minuten", "3 分钟阅读") and the buttons beside them ("Listen", "Share", "Follow"), in the languages pages come in
_NUMBER = r"\d+(?:[.,]\d+)?"
_COUNT_NOUNS = (
    r"followers?|following|claps?|likes?|responses?|comments?|repl(?:y|ies)|subscribers?|views?|shares?|reactions?|"
    r"seguidor(?:es|as)?|comentarios?|respuestas?|aplausos?|me gusta|suscriptores|abonn[ée]e?s|commentaires?|"
    r"r[ée]ponses?|j['’]aime|follower|abonnenten|kommentare?|antworten|commenti|risposte|mi piace|iscritti|"
    r"coment[áa]rios?|curtidas|inscritos|volgers|reacties|pengikut|komentar|suka|tanggapan|takip[çc]i|yorum(?:lar)?|"
    r"be[ğg]eni|obserwuj[ąa]cych|komentarz(?:e|y)?|f[öo]ljare|kommentarer|f[øo]lgere|подписчик(?:ов|а|и)?|"
    r"комментари(?:ев|я|й)|متابع(?:ين|ون)?|تعليق(?:ات)?|粉丝|粉絲|关注者|关注|評論|评论|点赞|赞|フォロワー|コメント|いいね|"
    r"팔로워|댓글|좋아요|फ़ॉलोअर्स|फॉलोअर्स|टिप्पणियां|टिप्पणियाँ|阅读|閱讀|浏览|瀏覽"
)
_MULTIPLE = r"(?:[kmb]|mil|mio\.?|tsd\.?|万|萬|千|만|천)"
# a count is whole: thousands grouped ("1,204", "2.100"), a fraction only before a multiple ("1.2K", "1,8 mil");
# "Shares: 12.40" is a price
_WHOLE = rf"(?:\d+(?:[.,]\d+)?\s*{_MULTIPLE}|\d{{1,3}}(?:[.,]\d{{3}})+|\d+)"
_COUNT = re.compile(
    rf"^(?:{_WHOLE}\s*(?:{_COUNT_NOUNS})?|(?:{_COUNT_NOUNS})\s*(?:[:：]?\s*{_WHOLE}|[(（]\s*{_WHOLE}\s*[)）]))$",
    re.IGNORECASE,
)
_BUTTON = (
    r"listen(?: to (?:this|the) (?:article|story))?|share|follow|subscribe|save|clap|reply|bookmark|"
    r"escuchar|compartir|seguir|guardar|(?:artikel )?anh[öo]ren|teilen|folgen|merken|speichern|"
    r"[ée]couter(?: l['’]article)?|partager|suivre|ascolta|condividi|segui|salva|ouvir|compartilhar|partilhar|"
    r"luisteren|delen|volgen|opslaan|dengarkan|bagikan|ikuti|simpan|dinle|payla[şs]|takip et|kaydet|s[łl]uchaj|"
    r"udost[ęe]pnij|obserwuj|lyssna|dela|f[öo]lj|lytt|f[øo]lg|поделиться|подписаться|слушать|مشاركة|متابعة|استمع|"
    r"分享|关注|關注|收听|收聽|收藏|朗读|シェア|フォロー|共有|保存|聞く|공유|팔로우|구독|듣기|"
    r"साझा करें|शेयर करें|शेयर|सुनें|फ़ॉलो करें|फॉलो करें"
)
_BUTTONS = re.compile(rf"^(?:{_BUTTON})(?:\s+(?:{_BUTTON}))*$", re.IGNORECASE)  # "Listen Share": a run of them
_READ_LABEL = (
    r"reading time|read time|time to read|lesezeit|lesedauer|temps de lecture|lecture|tiempo de lectura|lectura|"
    r"tempo di lettura|lettura|tempo de leitura|leitura|leestijd|waktu baca|lama baca|baca|okuma s[üu]resi|"
    r"czas czytania|l[äa]stid|lesetid|l[æa]setid|lukuaika|阅读时间|阅读时长|预计阅读时间|阅读|"
    r"閱讀時間|預計閱讀時間|閱讀|"
    r"読了時間|읽는 시간|पढ़ने का समय|время чтения|وقت القراءة"
)
_READ_AFTER = (
    r"read|reading|(?:de |di )?(?:lectura|lecture|lettura|leitura)|leestijd|lezen|lesezeit|lesedauer|baca(?:an)?|"
    r"okuma|czytania|l[äa]sning|lesing|l[æa]sning|lukuaika|阅读|閱讀|で読めます|읽기|पढ़ें|पढ़ने का समय|чтения|قراءة"
)
_UNIT = (
    r"min(?:s|\.)?|minutes?|minuto?s?|minuti|minuten|minuter|minutter|minut(?:y|ów)?|menit|dakika|dk\.?|"
    r"分钟|分鐘|分|분|मिनट|мин\.?|минут[аы]?|دقائق|دقيقة"
)
# a reading time ends where a word does, or where a capital opens the next with no space between ("4 min
# readMay 22, 2025": a platform runs its reading time and date together)
_SPAN = rf"{_NUMBER}(?:\s*[-–]\s*{_NUMBER})?\s*-?\s*(?:{_UNIT})"
_READING_TIME = re.compile(
    rf"(?<![a-zA-Z\u00c0-\u024f])(?:(?:{_READ_LABEL})\s*[:：]?\s*"  # the label on a word's start ("Lesezeit")
    rf"(?:ca\.?|approx\.?|about|around|environ|circa|etwa|unos|约|約)?\s*{_SPAN}"
    rf"(?:\s*(?:{_READ_AFTER}))?|{_SPAN}\s*(?:of\s+)?(?:{_READ_AFTER}))(?:(?![^\W\d_])|(?=(?-i:[A-ZÀ-ÖØ-Þ])))",
    re.IGNORECASE,
)
# only numbers, with no word to say what they count: a claps and a responses count ("864 23", "1.2K") beside a
# platform's other furniture, but as often a year heading a timeline's part, a vote count, a score ("3 - 1")
_BARE = re.compile(rf"^{_NUMBER}\s*{_MULTIPLE}?(?:\s*[-–—:·•|]?\s*{_NUMBER}\s*{_MULTIPLE}?)*$", re.IGNORECASE)
_SCORE = re.compile(r"^\d+\s*[-–—:]\s*\d+$")  # "3 - 1", "2:0": a score, never a count pair ("864 23")
# a count in a multiple ("1.2K", "3,4 mil", "2万"): a platform's claps or views, never a year, a score or a vote
_MULTIPLE_COUNT = re.compile(rf"^{_NUMBER}\s*{_MULTIPLE}$", re.IGNORECASE)
_COUNT_ABOVE = 2  # story paragraphs above it a multiple's count may stand beside a platform's lines (a subtitle)
_PIECES = re.compile(r"\s*[·•|]\s*|\s+[–—-]\s+")
_MAX_PLATFORM = 100  # characters: a longer line is story text

# a label for more stories with the pointers to them run into its line, below the story ("Weitere Artikel aus
# Lindau » Markt öffnet » Rat tagt", "More from Metro | …"): an old page's list of links read as one paragraph
_MORE_STORIES = re.compile(
    r"^(?:weitere (?:artikel|nachrichten|meldungen)|mehr (?:aus|zum thema|artikel|nachrichten)|more (?:from|stories|"
    r"articles|news)|related (?:stories|articles)|read (?:more|also)|lees (?:meer|ook)|meer nieuws|"
    r"(?:más|otras) noticias|(?:lea|lee) también|autres articles|(?:à )?lire aussi|altri articoli|leggi anche|"
    r"(?:leia|veja) também|mais notícias|czytaj (?:też|także)|baca juga|berita lainnya)\b[^»›|•]{0,60}[»›|•]",
    re.IGNORECASE,
)
# a desk's byline alone above the story ("Redacción", "La Redazione", "Die Redaktion", "Newsroom"): the desk's word
# alone, none that a story opens with ("News", "Online" head a section as often)
_DESK_LINE = re.compile(
    r"^(?:(?:by|por|von|par|di|door|przez|la|el|die|de|the|a)\s+)?(?:redacci[óo]n|r[ée]daction|redazione|redactie|"
    r"redakcja|reda[çc][ãa]o|redaktion|redaksjon(?:en)?|redaktionen|newsroom|news desk|staff)$",
    re.IGNORECASE,
)
# a date's label whose date went elsewhere (its <time> taken out): "Published:", "Veröffentlicht:", "प्रकाशित:"
_DATE_LABEL = re.compile(
    r"^(?:(?:first |last )?(?:published|posted|updated)(?: on)?|ver[öo]ffentlicht(?: am)?|aktualisiert(?: am)?|"
    r"erstellt(?: am)?|publi[ée]e?(?: le)?|mis à jour(?: le)?|publicad[oa](?: el)?|actualizad[oa](?: el)?|"
    r"pubblicat[oa](?: il)?|aggiornat[oa](?: il)?|publicad[oa] em|atualizad[oa](?: em)?|gepubliceerd(?: op)?|"
    r"bijgewerkt(?: op)?|publisert|oppdatert|publicerad|uppdaterad|publiceret|opdateret|julkaistu|p[äa]ivitetty|"
    r"opublikowano|zaktualizowano|yay[ıi]nlanma(?: tarihi)?|g[üu]ncelleme(?: tarihi)?|diterbitkan|dipublikasikan|"
    r"terbit|diperbarui|प्रकाशित|अपडेटेड|अपडेट|发布时间|发布|發佈|发表|更新时间|更新|公開日?|更新日|입력|수정|"
    r"опубликовано|обновлено|نشر(?: في)?|تحديث)\s*[:：]?$"
    r"|^(?:date|datum|fecha|data|tarih|tanggal|日期|日付|날짜|तारीख|дата)\s*[:：]$",
    re.IGNORECASE,
)
# a source line above or below the story: "Source: Reuters", "Fuente: EFE", "Quelle: dpa", "来源：江南晨报"
_SOURCE_LINE = re.compile(
    r"^[(（]?\s*(?:sources?|fuentes?|quellen?|fontes?|bron(?:nen)?|k[äa]lla|kilde|l[äa]hde|[źz]r[óo]d[łl]o|zdroj|"
    r"kaynak|sumber|本文来源|来源|來源|出典|出处|出處|출처|स्रोत|источник|المصدر)\s*[:：]\s*(?P<who>[^()（）:：]+?)\s*[)）]?$",
    re.IGNORECASE,
)
_MAX_SOURCE_WORDS = 5
_MAX_SOURCE_CHARS = 48
_SOURCE_SENTENCE = re.compile(r"[^\W\d_]{2}[.!?。！？](?:\s|$)")
_QUOTE_MARKS = frozenset('"“”„«»‹›「」『』')
# a source names an outlet, an agency or a body: capitalised words ("Kestrel Bay Courier", "Ministerio de Sanidad"),
# the small words between them, an agency's lower-case initials ("dpa"); a lower-case word of more is a sentence's
_SOURCE_WORD = re.compile(r"[^\s/,;&+·()（）-]+")
_LINK_WORDS = "de del la las los le les du des di da do dos van von der den und and y e et of for für"
_NAME_LINKS = frozenset(_LINK_WORDS.split())
_MAX_INITIALS = 3


def strip_furniture(
    paragraphs: Sequence[str],
    headlines: Iterable[str],
    authors: Sequence[str],
    pictured: Callable[[str], bool] | None = None,
) -> tuple[str, ...]:
    """``paragraphs`` without those that repeat a headline, are a byline or only a time stamp, and above the
    story a picture's credit and the author's job title below the byline; a first paragraph that opens with the
    headline (and the byline) keeps only what follows them. A picture's caption closed by its credit goes above
    the story, and in it only where ``pictured`` says the page shows the text beside a picture (else it is a
    story paragraph a credit closes: "The works cost £4.2 million. Photo: Ana Ruiz")."""
    keys = {key for key in (_key(h) for h in headlines if h) if len(key) >= 8}
    headline = _key(headlines[0]) if headlines and headlines[0] else ""
    out: list[str] = []
    bylined = bool(authors)  # a job title below the byline is furniture: a byline the read left out had one
    # a platform's furniture only above the story and in a run below it: in the story a "Share" is a poem's line, a
    # "Comments: 312" a table's; a count of bare numbers there only beside another of its lines (a year, a score, a
    # vote count or an answer may start a story)
    platform = False  # the last line above the story not taken off as other furniture was a platform's
    numbers: list[str] = []  # bare numbers above the story no platform line stood beside yet
    counts: list[str] = []  # bare numbers right after a platform line: a claps count, or the story's first heading
    furnished: set[int] = set()  # where in ``out`` a paragraph follows one taken off as furniture below the story
    dropped = False
    for at, text in enumerate(paragraphs):
        if out and len(out) <= _MAX_LABELS and all(map(_is_label, out)) and _is_headline(text, headlines):
            out.clear()  # a kicker or a section's label above the headline ("CITY COUNCIL", "NEWS")
            furnished.clear()
            dropped = True
            continue
        if not out:
            text = _without_lead(text, keys, authors)
        # the story's headline (or its core, without a kicker) is furniture anywhere; the page's other headings
        # only above the story: below its first paragraph they head sections of it (a page of several <h1>s)
        if not text or len(text) <= _MAX_FURNITURE and _is_furniture(text, keys, authors, headline, bool(out)):
            bylined = bylined or not out and is_byline(text, authors)
            dropped = dropped or bool(text)
            continue
        # above the story, beside the byline and its picture: the picture's credit, the author's job
        if not out and (_is_credit(text) or is_source_line(text) or bylined and is_job_title(text)):
            continue
        if _credits(text, authors, below=bool(out)):
            continue
        if len(text) <= _MAX_CAPTION and _is_caption(text) and (not out or pictured is not None and pictured(text)):
            continue  # a picture's caption, its credit closing it
        if len(out) <= _COUNT_ABOVE and len(text) <= _MAX_FURNITURE and _signature(text, authors):
            continue  # "Renata Vilhena Águas Claras do Sul": the author's name and where they write from
        if len(out) <= _COUNT_ABOVE and _MULTIPLE_COUNT.match(text) and _beside_platform(paragraphs, at):
            continue  # a claps or views count below a subtitle or the first paragraph, beside the platform's lines
        if not out and len(text) <= _MAX_PLATFORM:
            if is_platform_line(text):
                platform, numbers, counts = True, [], []
                continue
            if _BARE.match(text) and not _SCORE.match(text):
                (counts if platform else numbers).append(text)
                continue
        platform = False
        if counts and not out and any(_BARE.match(later) for later in paragraphs[at + 1 :]):
            out.extend(counts)  # the story's headings are numbers too: a timeline's years, a list's numbers
        counts = []
        out.extend(numbers)  # bare numbers beside no platform line: the story's own
        numbers = []
        if dropped and out:
            furnished.add(len(out))
        dropped = False
        out.append(text)
    if not out:  # only numbers (they stand beside no platform line)
        out = numbers
    del out[_story_end(out, furnished) :]
    return tuple(out) if out else tuple(paragraphs)


def _signature(text: str, authors: Sequence[str]) -> bool:
    """An author's signature above the story: their name and a place after it, no more ("Renata Vilhena Águas
    Claras do Sul", "Ana Ruiz, Lima"): a few capitalised words, no digits, no sentence."""
    for author in authors:
        if len(author) < 4 or not text.startswith(author):
            continue
        place = text[len(author) :].strip(" ,·|–—-/")
        words = place.split()
        if (
            words
            and len(words) <= _MAX_PLACE_WORDS + 1
            and words[0][0].isupper()
            and words[-1][0].isupper()
            and not any(ch.isdigit() for ch in place)
            and not _SENTENCE_END.search(place)
            and all(word[0].isupper() or _PLACE_PARTICLES.match(word) for word in words)
            and not any(_HEADLINE_WORDS.match(word.strip(",.:;!?")) for word in words)
        ):
            return True
    return False


# a place name's lower-case words ("Águas Claras do Sul", "Frankfurt am Main", "Stratford upon Avon")
_PLACE_PARTICLES = re.compile(r"^(?:do|da|dos|das|de|del|la|di|du|am|an|im|upon|on|sur|sous|en)$")
# a headline's title-case words, which no place after an author's name has ("Ana Ruiz Foundation Steps In": a
# subheading that opens with the author's name): its capitalised small words, its verbs and its bodies' nouns
_HEADLINE_WORDS = re.compile(
    r"^(?:In|On|At|To|For|Of|With|Up|Out|Over|Off|Into|From|By|As|And|Or|But|Is|Are|Was|Were|Be|Has|Have|"
    r"Had|Will|Can|Says|Said|Steps|Step|Wins|Calls|Gets|Takes|Makes|Opens|Closes|Joins|Backs|Hits|"
    r"Faces|Plans|Warns|Seeks|Sets|Vows|Urges|Helps|Launches|Gives|Leaves|Returns|Speaks|Responds|"
    r"Foundation|Trust|Fund|Council|Group|Company|Institute|Award|Prize|Family|Team|Club|Party|"
    r"Committee|Board|Report)$"
)


def _is_credit(text: str) -> bool:
    """A picture's credit standing alone: "Photo: Ana Ruiz/Reuters", and in words, in the languages pages come
    in ("Foto di Paolo Rinaldi", "Photo by Ana Ruiz", "Zdjęcie: Jan Nowak", "사진: 김민준")."""
    if is_credit_line(text):
        return True
    if len(text) > _MAX_CREDIT_CHARS:
        return False
    match = _CREDIT_WORDS.match(text)
    if match is None:
        return False
    who = match["who"]
    if (match["by"] or "").casefold() in _OF_PLACE and not _named(who):
        return False  # "Fotos de Madrid": pictures of a place; a credit names a person ("Fotografía de Ana Ruiz")
    return not who[0].islower() and len(who.split()) <= _MAX_CREDIT_WORDS and not _CREDIT_SENTENCE.search(who)


# where a picture's credit starts after a byline on one line ("Words by Ana Ruiz Photographs by Tom Bell")
_CREDIT_START = re.compile(
    r"(?:\s+[|·•/–—-])?\s+(?=(?:photos?|fotos?|pictures?|images?|bild(?:er)?|photographs?|photography|"
    r"fotograf(?:ía|ia|ie|ias|ías)|illustrations?|zdj[ęe]cia)\b)",
    re.IGNORECASE,
)


def _credits(text: str, authors: Sequence[str], *, below: bool) -> bool:
    """A magazine's credits line: its byline and its pictures' credit on one line ("Words by Ana Ruiz Photographs
    by Tom Bell", "Text: Jana Nováková · Fotos: Petr Malý"), furniture as each alone is; ``below`` a first
    paragraph (a deck) only when the byline names the story's authors."""
    if len(text) > _MAX_FURNITURE:
        return False
    for match in _CREDIT_START.finditer(text):
        byline, credit = text[: match.start()], text[match.end() :]
        if below and not any(_key(author) in _key(byline) for author in authors if _key(author)):
            continue
        if is_byline(byline, authors) and _is_credit(credit):
            return True
    return False


def _named(who: str) -> bool:
    """Whether ``who`` reads as a person's name: two words or more, each capitalised or a name's particle."""
    words = who.split()
    return len(words) >= 2 and all(word[0].isupper() or word in _NAME_LINKS for word in words)


def _is_caption(text: str) -> bool:
    """A picture's caption with its credit after it ("The quay at dusk. Picture: Sue Barnet", "The quay at dusk
    (Photo: Ana Ruiz)"): never story text, wherever the read put it."""
    start = max(text.rfind(". "), text.rfind("! "), text.rfind("? "), text.rfind("。"), text.rfind("("))
    if start <= 0:
        return False
    tail = text[start:].lstrip(".!? 。") if text[start] != "(" else text[start:]
    if not tail or not (tail[0] in "(（" or ":" in tail or "：" in tail) or not _is_credit(tail):
        return False  # a credit in words closes a story's sentence: "… runs until May. Photographs by Ana Ruiz"
    # a caption's description: one sentence or a fragment, no one's words ("'We had ten minutes to pack,' said
    # resident Tom Keller … (Photo: Ana Ruiz)" is the story's paragraph, its picture's credit run on)
    described = text[:start]
    return (
        len(described.split()) <= _MAX_CAPTION_WORDS
        and not _CREDIT_SENTENCE.search(described)
        and not _QUOTES.intersection(described)
    )


_TITLE_MARKS = ("::", "|", "-", "–", "—", "»", "·", "•", "/")  # between a page's title's parts, not a colon
_MARK_CHARS = frozenset(":|-–—»·•/ ")


def _is_headline(text: str, headlines: Sequence[str]) -> bool:
    """Whether ``text`` is the story's whole headline, or the part of it after a site's name and section in a
    page's title ("Pinecrest Ledger :: News :: Pinecrest approves …"); never its part after a colon ("Ferry
    strike: What you need to know" ends in a key-points box's heading)."""
    raw = headlines[0] if headlines else ""
    key, whole = _key(text), _key(raw)
    if not key or not whole.endswith(key) or 2 * len(key) < len(whole):
        return False
    if key == whole:
        return True
    for at in range(1, len(raw)):
        if raw[at - 1].isspace() and raw[at] not in _MARK_CHARS and _key(raw[at:]) == key:
            return raw[:at].rstrip().endswith(_TITLE_MARKS)
    return False


def _is_label(text: str) -> bool:
    """A few words that end no sentence, opening with a capital (or in a script without case): a kicker's, a
    section's or a box's label, never a story paragraph, nor a poem's line ("boats down in mud")."""
    return (
        len(text) <= _MAX_LABEL_CHARS
        and len(text.split()) <= _MAX_LABEL_WORDS
        and not text.endswith(_LABEL_ENDS)
        and not text[:1].islower()
    )


# a reporter's sign-off closing the story: a name and the word for a reporter and/or an e-mail address ("김서연 기자
# kimsy@…", "山田太郎記者", "记者 张伟", "Ana Ruiz, staff reporter, aruiz@…"), in the languages pages come in
_REPORTER = (
    r"기자|특파원|記者|记者|特派員|特派员|編集委員|通讯员|通訊員|reporter|staff reporter|staff writer|correspondent|"
    r"redakteur(?:in)?|reporter(?:in)?|journaliste|periodista|corrispondente|jornalista|muhabir|wartawan|"
    r"корреспондент|مراسل|כתב(?:ת)?"
)
_EMAIL = r"[(<\[]?[\w.+-]+@[\w-]+(?:\.[\w-]+)+[)>\]]?"
# a name's word, or an initial with its full stop ("Ana M. Ruiz"): never a word with a sentence's full stop
_SIGN_NAME = r"(?:[^\W\d_][^\W\d_.'’-]*?(?:[.'’-][^\W\d_]+)*|[^\W\d_]\.)"
# the word for a reporter as its own token: never the start of a longer word ("기자회견", "기자들에게", "reporters")
_REPORTER_WORD = rf"(?:{_REPORTER})(?![^\W\d_])"
_SIGN_OFF = re.compile(
    rf"^(?P<pre>{_REPORTER_WORD}\s*)?(?P<name>{_SIGN_NAME}(?:\s+{_SIGN_NAME}){{0,3}}?)"
    rf"(?P<post>[,/=·|]?\s*{_REPORTER_WORD})?(?P<mail>\s*[,/=·|:]?\s*{_EMAIL})?$",
    re.IGNORECASE,
)
# a name's lower-case words ("Ana de la Cruz", "Pieter van Dijk")
_NAME_PARTICLES = re.compile(
    r"^(?:de|da|das|do|dos|del|della|di|du|la|le|van|von|der|den|ter|ten|bin|binti|al|el|y|e)$"
)


def is_sign_off(text: str) -> bool:
    """A reporter's sign-off: a name of a few words with the word for a reporter as its own token (or right after
    a name in a script without spaces: "山田太郎記者"), an e-mail address, or both; no sentence's full stop, and a
    line with an e-mail address is a name and the address alone ("Residents can email …" is a sentence)."""
    found = _SIGN_OFF.match(text) if len(text) <= _MAX_CREDIT_CHARS else None
    if not found or not (found["pre"] or found["post"] or found["mail"]):
        return False
    # a name's words are capitalised (or in a script without case): a verb's or a sentence's are not
    return all(
        word[0].isupper() or not word[0].islower() or _NAME_PARTICLES.match(word.lower())
        for word in found["name"].split()
    )


# a comments section's heading, with its count or not ("Comments (3)", "Kommentare", "תגובות"), in the languages
# pages come in: its readers' comments follow it, none of them the story's
_COMMENT_WORDS = (
    r"comments?|reader comments|readers['’] comments|talkbacks?|kommentare?|"
    r"leserkommentare|commentaires?|comentarios?|coment[áa]rios?|commenti|"
    r"komentarze|komentarzy|kommentarer|kommentit|yorumlar|yorum|komentar|комментарии|коментарі|коментари|"
    r"التعليقات|تعليقات|תגובות|תגובות גולשים|σχόλια|komentáře|komentáre|hozzászólások|comentarii|bình luận|"
    r"टिप्पणियां|टिप्पणियाँ|コメント|评论|評論|留言|网友评论|網友評論|댓글"
)
# its count only in brackets or beside the word alone ("12 comments", "댓글 3"): "Comments: 312", "27 responses" are
# as often a story's (a survey's, a table's) lines
_COMMENTS_HEADING = re.compile(
    rf"^(?:{_COMMENT_WORDS})\s*(?:[(（]\s*{_WHOLE}\s*[)）])?\s*[:：]?$|^(?:responses|replies)\s*[(（]\s*{_WHOLE}\s*[)）]$",
    re.IGNORECASE,
)
# the heading that itself says a comments section follows: a count ("Comments (3)", "12 comments", "댓글 3") or a
# call to comment ("Leave a comment", "Reader comments"); a bare "Comments", "Kommentar", "コメント" heads a story's
# own section (residents' comments on a plan, an opinion's label) as often
_COMMENTS_NAMED = re.compile(
    rf"^(?:{_COMMENT_WORDS})\s*[(（]\s*{_WHOLE}\s*[)）]\s*[:：]?$|^\d+\s+(?:{_COMMENT_WORDS})$|^(?:댓글|コメント|评论|評論|"
    r"留言)\s*\d+$|^(?:(?:leave|post|add|write) a (?:comment|reply)|(?:reader|readers['’]|your) comments|join the "
    r"(?:conversation|discussion)|leserkommentare|kommentar (?:schreiben|verfassen|abgeben)|"
    r"(?:laisser|ajouter) un commentaire|"
    r"(?:deja|escribe|añade) (?:un|tu) comentario|(?:deixe|escreva) (?:um|seu) comentário|lascia un commento|"
    r"(?:berikan|tulis|kirim|tinggalkan) komentar(?: anda)?|(?:scrivi|aggiungi) un commento|"
    r"コメントを(?:書く|投稿する)|댓글 (?:쓰기|달기)|发表评论|發表評論)\s*[:：.!]?$",
    re.IGNORECASE,
)
# a reader's comment's furniture below a bare heading: "Mara wrote:", "Jonas sagt:", a date or time alone, "Reply"
_COMMENT_LINE = re.compile(
    r"^[^\W\d_][\w.'’ -]{0,40}\s(?:wrote|says|said|writes|schrieb|sagt|schreibt|a écrit|escribió|escreveu|scrive|"
    r"ha scritto|napisał[a]?)\s*:?$|^\W*(?:\d{1,4}[./-]\d{1,2}[./-]\d{1,4}|\d{1,2}:\d{2})[\d\s.:/,apm-]*$|"
    r"^\d+\s*(?:minutes?|hours?|days?|weeks?|months?)\s+ago$|^vor \d+ (?:minuten|stunden|tagen)$|"
    r"^\d+\s*(?:分|時間|日)前$|^\d+\s*(?:분|시간|일) 전$|^(?:reply|antworten|répondre|responder|rispondi|返信|답글)$",
    re.IGNORECASE,
)
# a comments section's rules, linked below its bare heading ("Normas", "Community guidelines", "Netiquette")
_COMMENT_RULES = re.compile(
    r"^(?:normas(?: de (?:participación|la comunidad|uso))?|reglas(?: de (?:participación|la comunidad))?|"
    r"community (?:guidelines|rules|standards)|house rules|netiquette|diskussionsregeln|"
    r"charte(?: de (?:modération|la communauté))?|regole(?: della community)?|regras(?: da comunidade)?|"
    r"pedoman (?:komentar|komunitas))\s*[:.]?$",
    re.IGNORECASE,
)
_COMMENTS_TAIL = 8  # paragraphs after a comments heading, at most: it closes the page, below the story


def is_comments_heading(text: str) -> bool:
    """A comments section's heading ("Readers' Comments (6)", "Kommentare"): the story ends above it."""
    return bool(_COMMENTS_NAMED.match(text))


def _comments(below: Sequence[str]) -> bool:
    """Whether the lines below a bare comments heading read as readers' comments: a name that wrote or says, a
    date or time alone, a "Reply" — or nothing but comments headings, calls to comment and the section's rules
    ("Normas", "Berikan komentar Anda": an empty section closing the page)."""
    return all(
        _COMMENTS_HEADING.match(line) or _COMMENTS_NAMED.match(line) or _COMMENT_RULES.match(line) for line in below
    ) or any(_COMMENT_LINE.match(line) for line in below)


_PLATFORM_NEAR = 2  # paragraphs either side of a multiple's count a platform's line stands in, at most


def _beside_platform(paragraphs: Sequence[str], at: int) -> bool:
    """Whether a platform's line ("5 min read", "Follow", a claps button's word) stands beside ``paragraphs[at]``:
    a count in a multiple alone ("3.4K", "1.2M") is as often a data story's key figure."""
    near = (*paragraphs[max(0, at - _PLATFORM_NEAR) : at], *paragraphs[at + 1 : at + _PLATFORM_NEAR + 1])
    return any(len(line) <= _MAX_PLATFORM and is_platform_line(line) for line in near)


def _story_end(out: Sequence[str], furnished: set[int]) -> int:
    """Where the story in ``out`` ends: before a source line or a date's label of its own below it, and before a
    platform's lines there when they are unmistakably its: two or more in a run, one right after other furniture
    or one no story line is like ("5 min read", "Listen · Share"). A single button's word or count after a story
    paragraph stays: a poem's last line "Listen", a list's last item "Follow", a survey's "1,204 responses"."""
    end = len(out)
    for at in range(max(1, end - _COMMENTS_TAIL - 1), end):
        if _COMMENTS_NAMED.match(out[at]) or _COMMENTS_HEADING.match(out[at]) and _comments(out[at + 1 :]):
            end = at  # the story ends where its readers' comments begin
            break
    while end > 1:
        text = out[end - 1]
        if (
            is_source_line(text)
            and not _has_speakers(out[: end - 1])
            or _DATE_LABEL.match(text)
            or end == len(out)
            and (is_sign_off(text) or is_closing_credit(text))  # "(Reporting by …; Editing by …)", "（経済部 …）"
            or follow_call(text)  # "Follow the Gazette on Facebook and Instagram"
            or closing_notice(text)  # "Write to Ana Ruiz at ana@…", "Was this article helpful?"
            or _MORE_STORIES.match(text)  # "Weitere Artikel aus Lindau » Markt öffnet » Rat tagt"
        ):
            end -= 1
            continue
        if not is_platform_line(text):
            break
        run = end - 1
        while run > 1 and is_platform_line(out[run - 1]):
            run -= 1
        before = out[run - 1]
        if (
            end - run >= 2
            or run in furnished
            or is_source_line(before)
            and not _has_speakers(out[: run - 1])
            or _DATE_LABEL.match(before)
            or _platform_alone(text)
        ):
            end = run
            continue
        break
    return end


def _platform_alone(text: str) -> bool:
    """A platform line no story line is like: a reading time, or several of its pieces ("12 claps · 3
    responses", "Listen Share"), not one button's word or one count."""
    if any(ch.isdigit() for ch in text) and _READING_TIME.search(text):
        return True
    return (
        len([piece for piece in _PIECES.split(text) if piece.strip()]) >= 2
        or len(text.split()) >= 2
        and bool(_BUTTONS.match(text))
    )


# a paragraph in a transcript's "Label: text" form ("Interviewer: And the dredging?", "Source: Not if I can")
_SPEAKER = re.compile(r"^[^\W\d_][\w.'’-]*(?:\s[^\W\d_][\w.'’-]*){0,2}\s?[:：]\s*\S")


def _has_speakers(paragraphs: Sequence[str]) -> bool:
    """Whether ``paragraphs`` give speakers' words as "Label: text", two of them at least under two labels: then a
    last "Source: We will see" is the source's answer, not the story's source. One such paragraph is a "Read more:
    …" link or a "KESTREL BAY: The board …" dateline."""
    labels = set()
    count = 0
    for text in paragraphs:
        match = _SPEAKER.match(text)
        if match:
            count += 1
            labels.add(_key(text[: match.end()].rsplit(":", 1)[0].rsplit("：", 1)[0]))
            if count >= 2 and len(labels) >= 2:
                return True
    return False


def _is_furniture(text: str, keys: set[str], authors: Sequence[str], headline: str, below: bool) -> bool:
    key = _key(text)
    core = headline.endswith(key) and 2 * len(key) >= len(headline)  # the headline, or it without its kicker
    return (
        (core if below else key in keys)
        or _byline(text, authors, labelled=not below, key=key)
        or is_timestamp(text)
        or is_dateline(text)
        or _placed_stamp(text)
        or not below
        and (
            bool(_DATE_LABEL.match(text))
            or _byline_stamped(text, authors)  # below: only in the trailing trim
            or bool(_DESK_LINE.match(text))
            or _kicked_headline(text, key, headline)
        )
    )


_KICKER_MARKS = " :|·•–—-\xa0"  # what sets a kicker off from the headline it is run into


def _kicked_headline(text: str, key: str, headline: str) -> bool:
    """The headline with its kicker run into it, read as one block above the story ("Harbour dispute:Ferry talks
    resume", a heading's spans): a label of a few words, then the whole headline."""
    if len(headline) < _MIN_HEADLINE_KEY or len(key) <= len(headline) or not key.endswith(headline):
        return False
    wanted, seen = len(key) - len(headline), 0  # the kicker's share of the key: its letters and digits
    for at, char in enumerate(text):
        size = len(_key(char))  # (a casefolded ß is two letters)
        if seen == wanted and size:  # the headline's first letter: all before it is the kicker, its marks too
            kicker = text[:at].strip(_KICKER_MARKS)
            return bool(kicker) and _is_label(kicker)
        seen += size
    return False


def _byline_stamped(text: str, authors: Sequence[str]) -> bool:
    """A byline with its time stamps run on after it, as a block of lines read as one ("Por Ana Ruiz Publicado
    el 4 de marzo de 2025 a las 13:05 Actualizado el 5 de marzo …", "By Ana Ruiz · July 17, 2024")."""
    opening = BYLINE_START.match(text) or BYLINE_LABEL.match(text)
    if not (opening or any(author in text for author in authors)) or not any(ch.isdigit() for ch in text):
        return False  # (spared the stamp's search) no byline's opening, nor an author's name; no date
    byline = without_stamp(text)
    if not byline or byline == text or not is_byline(byline, authors):
        return False
    names = byline[opening.end() :] if opening else byline
    for name in sorted({*authors, *split_authors(names)}, key=len, reverse=True):
        names = names.replace(name, " ")
    if any(word.casefold() not in _NAME_JOINS for word in _WORDS.findall(names)):
        return False  # more than the authors' names: "By Ana Ruiz's count, the ferry … since 4 April"
    rest = text[text.find(byline) + len(byline) :].strip(_STAMP_MARKS)
    return bool(rest) and (is_timestamp(rest) or is_dateline(rest))


def is_platform_line(text: str) -> bool:
    """A blog platform's furniture line: only counts ("1.2K", "2.3K Followers"), a reading time ("5 min read",
    "Lesezeit 4 Minuten", "3 分钟阅读"), its buttons ("Listen", "Share", "Follow"), or those beside the post's date
    ("5 min read · Apr 16, 2025", "1 min read16 Apr 2025", "4 min read · 2 days ago"); never a sentence that
    mentions a number, nor numbers alone ("864 23": a count's, but a score's or a year's as often)."""
    if len(text) > _MAX_PLATFORM:
        return False
    rest = _READING_TIME.sub(" | ", text) if any(ch.isdigit() for ch in text) else text
    pieces = [piece for piece in _PIECES.split(rest) if piece.strip()]
    read = own = rest != text  # a reading time: a date beside it may lack its year ("Apr 16", "2 days ago")
    for piece in pieces:
        if _BARE.match(piece):
            continue
        if _COUNT.match(piece) or _BUTTONS.match(piece):
            own = True
        elif not (is_timestamp(piece) or is_dateline(piece) or read and is_date_piece(piece)):
            return False
    return own


def is_source_line(text: str) -> bool:
    """A line that only names the story's source ("Source: Reuters", "Fuente: EFE", "Quelle: dpa/AFP",
    "来源：江南晨报"), not a sentence that opens with the word ("Source: a ministry official said …")."""
    if len(text) > _MAX_SOURCE_CHARS + 12:
        return False
    match = _SOURCE_LINE.match(text)
    if match is None:
        return False
    who = match["who"]
    if who.endswith(".") and not who.endswith(".."):  # "Source: Reuters."
        who = who[:-1].rstrip()
    return (
        bool(who)
        and len(who) <= _MAX_SOURCE_CHARS
        and len(who.split()) <= _MAX_SOURCE_WORDS
        and not _SOURCE_SENTENCE.search(who)
        and who[-1] not in ".!?。！？"
        and not _QUOTE_MARKS.intersection(who)
        and all(_names(word) for word in _SOURCE_WORD.findall(who))
    )


def _names(word: str) -> bool:
    """Whether ``word`` may be part of a source's name: capitalised, in a script without capitals ("江南晨报"), a
    number, a small word between a name's words, or an agency's initials ("dpa")."""
    first = word[0]
    if not first.islower():
        return first not in "'‘’"
    return word in _NAME_LINKS or len(word) <= _MAX_INITIALS


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
    return _byline(text, authors, labelled=labelled)


def _byline(text: str, authors: Sequence[str], *, labelled: bool, key: str | None = None) -> bool:
    """`is_byline`, ``key`` the text's `_key` when the caller has it."""
    if len(text.split()) > _MAX_BYLINE_WORDS:
        return False
    opens = BYLINE_START.match(text) or labelled and BYLINE_LABEL.match(text)
    starts = bool(opens) and not _SENTENCE_END.search(text)
    # a name split from a line is a run of its characters, so an author the line names is found in it: a line
    # that neither opens like a byline nor holds an author's name is none (and is spared splitting it)
    key = _key(text) if key is None else key
    named = any(_name_key(author) in key for author in authors)
    if not (starts or named):
        return False
    names = {_key(name) for name in split_authors(text)}
    if names and named and names <= {_name_key(a) for a in authors}:
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


@functools.lru_cache(maxsize=1024)
def _name_key(name: str) -> str:
    """`_key` of an author's name (a page's few names, asked about each paragraph)."""
    return _key(name)
