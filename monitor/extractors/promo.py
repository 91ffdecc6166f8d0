"""A page's own boxes that ask something of the reader or speak for the publication, not for the story: a call for
tips ("Got a story? Email us …"), a media contact's card, a call to follow a channel ("Join our WhatsApp
Channel"), a donation box, a republishing licence, an opinion page's disclaimer, a gift-article counter, a trust
badge ("Our Standards: …").

Wording alone never drops a block: the block must also stand in a box of its own — a ``<div>``/``<section>`` the
page gave a class or id, or a ``<p>`` carrying a class its sibling paragraphs lack — and be short. A story sentence
that mentions donations, e-mail, views or standards is a paragraph among paragraphs, and stays."""

from __future__ import annotations

import re
from itertools import islice

from lxml.html import HtmlElement

from monitor.extractors.text import class_tokens

MAX_BOX_CHARS = 400  # a promotional box's text, at most
_MAX_BLOCKS = 3  # paragraphs in such a box, at most
_MAX_CHILDREN = 6  # elements right inside such a box, at most (a label, a heading, a paragraph, a button, links)

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_PHONE = re.compile(r"(?<!\d)(?:\+?\d[\d ()./-]{5,}\d)(?!\d)")
# a call for the reader's tips, in the languages pages come in ("Got a story?", "Haben Sie einen Hinweis?")
_TIP_OFF = re.compile(
    r"^\W*(?:(?:have you )?got a (?:news )?(?:story|tip)|(?:do you |if you )?have a (?:news )?(?:story|tip)|"
    r"know (?:something|more about this)|share your (?:story|news|photos)|send us your (?:news|story|tips|photos)|"
    r"(?:haben sie|hast du) (?:einen hinweis|eine geschichte|informationen)|vous avez une (?:info|histoire)|"
    r"¿?(?:tienes|tiene usted) (?:una historia|información|una denuncia)|(?:você )?tem uma (?:história|denúncia)|"
    r"hai una (?:notizia|segnalazione)|heb je (?:een tip|nieuws)|masz (?:temat|informacje)|punya (?:info|cerita))",
)
# the way to reach the newsroom, addressed to the reader ("email us", "Schreiben Sie uns"): a sentence that only
# tells of someone calling or writing ("she called the fire brigade") gives none
_REACH = re.compile(
    r"\b(?:e-?mail|contact|call|ring|write|message|text|whatsapp)(?: to)? us\b|"
    r"\b(?:kontaktieren sie|schreiben sie|schreib|kontaktiere) uns\b|écrivez-nous|contactez-nous|escr[ií]benos|"
    r"llámanos|contáctanos|escreva-nos|fale conosco|scrivici|contattaci|mail ons|napisz do nas",
)
# the label of a media contact's card ("Media contact", "Pressekontakt", "Contacto de prensa")
_CONTACT = re.compile(
    r"^\W*(?:(?:media|press|news media) (?:contacts?|enquiries|inquiries|relations)|for (?:media|press) "
    r"(?:contacts?|enquiries|inquiries)|pressekontakt|medienkontakt|contacts? (?:presse|médias?)|"
    r"contactos? (?:de|para) (?:prensa|medios)|contatos? (?:de|para) (?:imprensa|mídia)|contatti (?:stampa|media)|"
    r"perscontact|kontakt (?:dla mediów|prasowy)|presskontakt|mediekontakt|kontak media)\b",
)
# a call to follow the publication on a messaging channel or a news app
_CHANNEL = re.compile(
    r"whats ?app|telegram|google (?:news|noticias|notícias|nachrichten|actualités|notizie|nieuws|wiadomości|haber)|"
    r"google discover|line today|viber|bluesky|mastodon"
)
_FOLLOW = re.compile(
    r"^\W*(?:follow|join|subscribe|get (?:our|the latest|breaking)|stay (?:up to date|informed)|simak|ikuti|"
    r"gabung|bergabung|dapatkan|siga|sigam|entre (?:no|em) (?:nosso )?canal|participe|sigue|síguenos|únete|"
    r"suivez|rejoignez|abonnez|folge|folgen sie|abonnieren sie|seguici|unisciti|iscriviti|volg|word lid|"
    r"obserwuj|dołącz|takip edin|katılın|theo dõi|подпишитесь|подписывайтесь|присоединяйтесь|підписуйтесь|"
    r"приєднуйтесь)(?=[\s:,!])",
)
# the same call where the verb ends the sentence (Turkish, Japanese, Korean, Hindi)
_FOLLOW_END = re.compile(
    r"(?:takip edin|katılın|abone olun|フォローしてください|登録してください|구독하세요|팔로우하세요|"
    r"फॉलो करें|जुड़ें|सब्सक्राइब करें)\W*$",
)
# a social network or a platform a publication asks to be followed on
_NETWORK = re.compile(
    r"\b(?:facebook|instagram|twitter|youtube|tiktok|linkedin|threads|snapchat|pinterest|flipboard|x \(formerly "
    r"twitter\))\b|@\w{2,}|https?://"
)
_FOLLOW_WORDS = 60  # of a call to follow the publication at the story's end, at most


def follow_call(text: str) -> bool:
    """A line asking the reader to follow the publication somewhere ("Follow the Gazette on Facebook and
    Instagram", "Follow our full coverage at https://…", "Síguenos en TikTok"): its first sentence opens with a
    call's verb, or its last ends with one, and it names a network, a handle or an address. Only read at the story's
    end (``lead``): in the story "Follow" may open an order the story tells of."""
    if len(text.split()) > _FOLLOW_WORDS or _QUOTED.search(text):
        return False  # (someone's words: "'Follow me on Instagram,' she told the crowd")
    folded = text.casefold()
    if not (_NETWORK.search(folded) or _CHANNEL.search(folded)):
        return False
    sentences = _sentences(folded)
    return bool(_FOLLOW.match(sentences[0]) or _FOLLOW_END.search(sentences[-1]))


# a call for the reader's money
_DONATE = re.compile(
    r"\b(?:donate (?:today|now|here|monthly)|mak(?:e|ing) a (?:donation|(?:tax-deductible )?gift)|give (?:today|now)|"
    r"consider (?:donating|a donation|supporting us)|depends on (?:your|readers['’]?) support|"
    r"support (?:our|independent|local|nonprofit|public-interest|quality) (?:\w+ )?(?:journalism|news|reporting|"
    r"newsroom)|become a (?:member|supporter|donor|sustaining member)|jetzt spenden|spenden sie|"
    r"unterstützen sie (?:unseren|unabhängigen) journalismus|faites un don|soutenez (?:notre|le) journalisme|"
    r"dona (?:ahora|hoy)|haz una donación|apoya (?:nuestro|el) periodismo|doe (?:agora|hoje)|faça uma doação|"
    r"apoie (?:o|nosso) jornalismo|dona ora|sostieni (?:il nostro|il) giornalismo|doneer (?:nu|vandaag)|"
    r"steun (?:onafhankelijke|onze) journalistiek|wesprzyj (?:nas|niezależne))\b",
)
# a republishing licence's notice
_LICENCE = re.compile(
    r"creative commons|\bcc[- ]by\b|republish (?:this|our) (?:story|article)|republicar (?:esta|este)|"
    r"republier cet article|diesen artikel (?:weiterverbreiten|übernehmen)",
)
# an opinion page's disclaimer: the views are the author's, not the publication's
_DISCLAIMER = re.compile(
    r"\b(?:views|opinions) expressed\b.*\b(?:own|not necessarily|do not|solely|those of)\b|"
    r"\b(?:views|opinions) (?:in|of) this (?:column|article|piece|op-ed|commentary)\b.*\b(?:own|author|necessarily)|"
    r"\bgibt (?:ausschließlich )?die meinung (?:des|der) (?:autors|autorin|verfasser)|"
    r"\bopinions? (?:exprimées?|émises?)\b.*\bn['’]engagent?\b|\bn['’]engagent? que (?:leurs?|son|sa) auteur|"
    r"\b(?:meinungen|ansichten)\b.*\b(?:geben nicht|nicht notwendigerweise|nicht zwingend)|"
    r"\bopiniones expresadas\b|\bopiniões (?:expressas|emitidas)\b|\bopinioni espresse\b|"
    r"\bstandpunten\b.*\bniet noodzakelijk|\bpoglądy\b.*\bnie (?:muszą|zawsze)",
)
# a count of articles the reader may give away, or a button to give one
_GIFT = re.compile(
    r"\bgift(?:ed|s)?\b|presente(?:ar)?\b|regal(?:ar|a|are)\b|offrir\b|offert|verschenk|geschenk|cadeau|podaruj",
)
_GIFT_COUNT = re.compile(
    r"\b\d+\b[^.!?]{0,40}\b(?:gift|present|regal|offr|verschenk|cadeau)|"
    r"\b(?:gift|presentear|regalar|offrir|verschenken|podarować)\b[^.!?]{0,10}\b\d+\b",
)
# a trust badge's or policy's label: "Our Standards:", "Editorial standards"
_STANDARDS = re.compile(
    r"^\W*(?:our (?:editorial )?(?:standards|principles|ethics)|editorial (?:standards|guidelines|policy)|"
    r"trust principles|unsere (?:standards|grundsätze)|nos (?:principes|standards)|nuestros (?:principios|estándares)|"
    r"nossos (?:princípios|padrões))\s*[:：]",
)
# a broadcaster's box saying when its programme covers the story ("Dieses Thema im Programm: NDR Info am 8. März
# um 12:00 Uhr"; "Über dieses Thema berichtete …")
_ON_AIR = re.compile(r"^\W*(?:dieses thema im programm|ce sujet (?:a été )?diffusé)")
# the line naming the programme: "Über dieses Thema berichtete NDR Info am 8. März um 12:00 Uhr" (a broadcaster's
# all-caps name as its subject, or a word of broadcasting: "Sendung", "Radio", "im Nordmagazin"), never "Über
# dieses Thema berichtete der Hafenmeister in der Sitzung am Montag um 18:00 Uhr"; matched on the text as it is
ON_AIR_LINE = re.compile(
    r"^\W*über dieses thema berichtet(?:e|en)?\s+(?:(?:der|die|das)\s+)?"
    r"(?:(?-i:[A-ZÄÖÜ][A-ZÄÖÜ0-9]{1,4})\b(?!-)|[^.!?]{0,120}?(?:sendung|programm|fernseh|radio|hörfunk|rundfunk|"
    r"funk\b|welle\b|magazin|tagesschau|tagesthemen|nachrichten|podcast|livestream|\btv\b))",
    re.IGNORECASE,
)
# a call to buy a subscription (to the print edition most often)
_SUBSCRIBE = re.compile(
    r"\b(?:get (?:our|the) (?:print )?(?:magazine|edition|paper|newspaper) delivered|subscribe (?:now|today) and save|"
    r"subscribe to (?:our|the) print (?:edition|magazine)|(?:jetzt|hier) abonnieren|abonnez-vous (?:dès maintenant|"
    r"maintenant)|suscr[ií]bete (?:ahora|ya)|assine (?:já|agora)|abbonati (?:ora|subito)|neem nu een abonnement)\b"
)
# the box's own article, which a licence's notice speaks of ("this story", "este artículo"): a story sentence that
# tells of someone's pictures under a Creative Commons licence speaks of none
_SELF = re.compile(
    r"\b(?:this|these) (?:story|stories|article|articles|piece|post|work|content|report)\b|\bour (?:stories|articles|"
    r"content|journalism|reporting)\b|\best[ea] (?:artículo|nota|historia|artigo|conteúdo|reportaje)\b|"
    r"\bcet article\b|\bdies(?:er|en|es) (?:artikel|beitrag|text)|\bquesto articolo\b|\bdeze? (?:artikel|tekst)\b",
)
# a story's reported speech: a box speaks to the reader, it reports nobody's words
_REPORTED = re.compile(
    r"\b(?:said|says|told|according to|urged|sagte|sagt|erklärte|a déclaré|a dit|dijo|afirmó|disse|afirmou|ha detto|"
    r"zei|powiedział)\b",
)
_MAX_OPENING_WORDS = 3  # words before a disclaimer's wording in its sentence, at most ("Las", "Dieser Gastbeitrag")
_CLAUSE_START = re.compile(r"(?:^|[.!?;:,—–]\s*)(?:please |bitte |por favor |s'il vous plaît )?$")
_BOX_TAGS = frozenset({"div", "section", "p"})
_BLOCK_TAGS = ("p", "li", "h2", "h3", "h4", "h5", "h6", "blockquote")


def promo_box(element: HtmlElement) -> bool:
    """Whether ``element`` is a box of its own (see the module's doc) whose text asks something of the reader or
    speaks for the publication."""
    tag = element.tag
    if tag not in _BOX_TAGS or len(element) > _MAX_CHILDREN:
        return False
    if tag == "p" and _set_apart(element) and _emphatic_call(element):
        return True
    classes = element.get("class")
    if not classes and (tag == "p" or not element.get("id")):
        return False  # no box the page set apart (``_own_box``): its text is not read
    if tag == "p" and not any(map(_BOX_CLASS.search, classes.lower().split())):
        return False  # a <p> is a box only by a class named so (``_own_box``)
    if next(islice(element.iter(*_BLOCK_TAGS), _MAX_BLOCKS, None), None) is not None:
        return False  # more paragraphs than a box's (counted before its text is read: a story's wrapper has them)
    pieces = _pieces(element)
    if pieces is None:
        return False
    text = " ".join(" ".join(pieces).split())  # a label's block and its item's: apart
    if not text or len(text) > MAX_BOX_CHARS:
        return False
    return promo_text(text, element) and _own_box(element)  # (the wording first: it rules out nearly every box)


_FIRST_PIECES = 32  # texts of a block taken at once: a box has fewer


def _pieces(element: HtmlElement) -> list[str] | None:
    """The texts of ``element``, None when they run longer than twice a box's length (read no further than
    that: most blocks are longer)."""
    texts = element.itertext()
    pieces = list(islice(texts, _FIRST_PIECES))
    length = sum(map(len, pieces))
    if length > 2 * MAX_BOX_CHARS:
        return None
    if len(pieces) < _FIRST_PIECES:
        return pieces
    for piece in texts:
        pieces.append(piece)
        length += len(piece)
        if length > 2 * MAX_BOX_CHARS:
            return None
    return pieces


_EMPHASIS = frozenset({"em", "i", "strong", "b"})


def _set_apart(paragraph: HtmlElement) -> bool:
    """A ``<p>`` the page set apart from the story's paragraphs by its type: every letter of it bold or italic
    (``<p><em>… is a nonprofit newsroom …</em></p>``, ``<p>📲 <strong>Join our channel …</strong></p>``; a link in
    it too, its text bold or italic); checked on its children only, no text read. A link's address is never read:
    the gate does not digest it."""
    if _letters(paragraph.text):
        return False
    emphasis = False
    for child in paragraph:
        if not isinstance(child.tag, str) or _letters(child.tail):
            return False
        if child.tag in _EMPHASIS:
            emphasis = True
        elif child.tag != "a" or _letters(child.text) or any(c.tag not in _EMPHASIS for c in child):
            return False
    return emphasis


# what opens a call's sentence before its verb: "If you value local reporting, please …"
_CALL_LEAD = re.compile(r"^\W*(?:if you [^,.!?]{1,80},\s*)?(?:please,?\s+)?")
# a call for money or a subscription opens its sentence with its verb (the wording itself is _DONATE's or _SUBSCRIBE's)
_MONEY_VERB = re.compile(
    r"(?:donate|give|support|consider|make|become|subscribe|sign up|jetzt|spenden sie|unterstützen sie|"
    r"faites|soutenez|abonnez|dona|haz|apoya|suscr[ií]bete|doe|faça|apoie|assine|sostieni|abbonati|doneer|steun|"
    r"neem|wesprzyj|hier)\b"
)
# what a story's sentence has and a call has not: a quotation, or a reporting verb ("…,” read the banner")
_QUOTED = re.compile(
    r"[“”„«»\"「」]|[,”\"]\s*(?:read|reads)\b|\b(?:said|says|told|tells|wrote|writes|according to|asked|urged|added|"
    r"sagte|sagt|erklärte|disse|afirmou|dijo|afirmó|a dit|a déclaré|ha detto|zei|сказал|заявил)\b"
)
_CALL_SENTENCES = 3  # of a bold or italic call, at most
_PROSE_WORDS = 12  # a story's paragraph, beside which a call is at the story's edge or not


def _emphatic_call(paragraph: HtmlElement) -> bool:
    """Whether a bold or italic ``<p>`` (``_set_apart``) is a call to the reader: a sentence of it opens with the
    call's verb ("Join our WhatsApp channel", "Please consider making a donation"), and it is no question nor a
    quotation. A call for money or a subscription is one only at the story's edge (no prose paragraph both before
    and after it: a bold question or an italic quotation among the story's paragraphs stays); a channel's call of
    one sentence, anywhere (pages put one between the story's paragraphs)."""
    text = " ".join(paragraph.text_content().split())
    if not text or len(text) > MAX_BOX_CHARS or "?" in text or "¿" in text:
        return False
    lowered = text.lower()
    if _QUOTED.search(lowered):
        return False
    sentences = _sentences(lowered)
    if len(sentences) > _CALL_SENTENCES:
        return False
    channel = money = False
    for sentence in sentences:
        opening = sentence[_CALL_LEAD.match(sentence).end() :]
        if _CHANNEL.search(sentence) and (_FOLLOW.match(opening) or _FOLLOW_END.search(sentence)):
            channel = True
        elif _MONEY_VERB.match(opening) and (_DONATE.search(sentence) or _SUBSCRIBE.search(sentence)):
            money = True
    if channel and len(sentences) == 1:
        return True
    return (channel or money) and _at_edge(paragraph)


def _at_edge(paragraph: HtmlElement) -> bool:
    """Whether no prose paragraph stands both before and after ``paragraph``: looked for among its siblings, then
    its parent's, and so on up to the first level that has any."""
    node = paragraph
    while (parent := node.getparent()) is not None:
        before = any(_prose(p) for sibling in node.itersiblings(preceding=True) for p in _paragraphs(sibling))
        after = any(_prose(p) for sibling in node.itersiblings() for p in _paragraphs(sibling))
        if before or after:
            return not (before and after)
        node = parent
    return True


_NOT_STORY = frozenset({"nav", "aside", "footer", "header", "form", "menu", "dialog", "figure", "script", "style"})


def _paragraphs(element: HtmlElement) -> list[HtmlElement]:
    """The ``<p>``s in ``element``, none inside what the gate does not digest (noise by its tag, class or id, a
    hidden block): an edit there must not move a call to or from the story's edge."""
    from monitor.extractors.cleanup import _noisy_names  # cleanup imports this module

    if not isinstance(element.tag, str) or element.tag in _NOT_STORY:
        return []
    if element.get("hidden") is not None or element.get("aria-hidden") == "true":
        return []
    if "none" in (element.get("style") or "") or _noisy_names(element.get("class") or "", element.get("id") or ""):
        return []
    if element.tag == "p":
        return [element]
    return [p for child in element for p in _paragraphs(child)]


def _prose(paragraph: HtmlElement) -> bool:
    return not _set_apart(paragraph) and len(paragraph.text_content().split()) >= _PROSE_WORDS


def _letters(text: str | None) -> bool:
    return bool(text) and any(c.isalpha() for c in text)


def promo_text(text: str, element: HtmlElement | None = None) -> bool:
    """Whether a short box's ``text`` is a call for tips or money, a contact's card, a channel's call, a licence,
    a disclaimer or a trust badge (``element``: the box, for its links and class)."""
    if ON_AIR_LINE.match(text):
        return True
    text = text.lower()  # the patterns are written in lower case: matching without IGNORECASE is much faster
    if _TIP_OFF.match(text) and (_REACH.search(text) or _reach(text, element)):
        return True
    if _CONTACT.match(text) and _reach(text, element):
        return True
    if _STANDARDS.match(text) or _ON_AIR.match(text) or _calls(text, element):
        return True
    if _CHANNEL.search(text) and any(_FOLLOW.match(s) or _FOLLOW_END.search(s) for s in _sentences(text)):
        return True
    if not _GIFT.search(text):
        return False
    # a gift-article counter: so named by its box's class, or counting the articles ("You can gift 7 a day")
    return (
        element is not None
        and "gift" in class_tokens(element)
        or bool(_GIFT_COUNT.search(text) and _ARTICLES.search(text) and not _REPORTED.search(text))
    )


def _own_text(element: HtmlElement) -> str:
    return " ".join(element.text_content().split()).lower() if isinstance(element.tag, str) else ""


# what a gift counter counts: articles to give away ("10 gift articles", "regalar 5 artículos"), not vouchers
_ARTICLES = re.compile(r"artic|artíc|artikel|beitr[äa]g|stor(?:y|ies)|links?\b|texte|reportag|notícia|noticia")


def _calls(text: str, element: HtmlElement | None = None) -> bool:
    """Whether a box's ``text`` opens with a call for the reader's money (at a sentence's or clause's start:
    "Become a member", "…, donate today"), carries a licence's notice for its own article, or opens a sentence
    with a disclaimer that reports nobody's words: a story sentence telling that someone urged neighbours to
    donate, or that the minister's views were his own, is none of these. The call may open an element of the box
    of its own too (a button's "Jetzt spenden" after a form's amounts)."""
    if _DONATE.search(text) or _SUBSCRIBE.search(text):  # (a call in one of its elements is one in its text)
        parts = (text,) if element is None else (text, *(_own_text(sub) for sub in element.iterdescendants()))
        for part in parts:
            for found in (*_DONATE.finditer(part), *_SUBSCRIBE.finditer(part)):
                if _CLAUSE_START.search(part[: found.start()]):
                    return True
    if _LICENCE.search(text) and (_SELF.search(text) or not re.search(r"creative commons", text)):
        return True
    if not _DISCLAIMER.search(text):
        return False  # (a sentence's match is one in the whole text: most texts hold none, and are not split)
    for sentence in _sentences(text):
        found = _DISCLAIMER.search(sentence)
        if (
            found
            and len(sentence[: found.start()].split()) <= _MAX_OPENING_WORDS
            and not _REPORTED.search(sentence)
            and not sentence.lstrip().startswith(("“", '"', "„", "«", "‘", "'"))
        ):
            return True
    return False


def _reach(text: str, element: HtmlElement | None) -> bool:
    """Whether a box gives a way to reach someone: an e-mail address, a phone number, a mailto: or tel: link."""
    if _EMAIL.search(text) or _PHONE.search(text):
        return True
    links = element.iter("a") if element is not None else ()
    return any((a.get("href") or "").startswith(("mailto:", "tel:")) for a in links)


_SENTENCE_SPLIT = re.compile(r"(?<=[.!?。！？])\s+")


def _sentences(text: str) -> list[str]:
    return _SENTENCE_SPLIT.split(text)


def _own_box(element: HtmlElement) -> bool:
    """A box the page set apart: a class none of its like siblings carry (``div.support-box`` beside
    ``div.story-body``, ``p.contact-box`` among ``p.article-body__paragraph``), or for a ``<div>``/``<section>``
    standing alone, any class or id. A story laid out as a run of like blocks (a ``<div>`` per paragraph, or a
    ``<p>`` alone in each) sets none of its paragraphs apart."""
    names = {name for name in (element.get("class") or "").split() if not _POSITIONAL.search(name.lower())}
    parent = element.getparent()
    if parent is None or not names and (element.tag == "p" or not element.get("id")):
        return False
    others = [set((s.get("class") or "").split()) for s in parent.iterchildren(element.tag) if s is not element]
    if not others:
        return element.tag != "p"
    own = [name for name in names if not any(name in other for other in others)]
    if element.tag == "p":  # a lede's, an intro's, a quote's class sets a story paragraph apart: a box's is named so
        return any(_BOX_CLASS.search(name.lower()) for name in own)
    return bool(own)


# a class that numbers or places a block among its like ones ("para-3", "p-0", "paragraph--first", "nth-2")
_POSITIONAL = re.compile(
    r"^(?:p|para|paragraph|par|graf|block|item|line|text|txt)[-_]{0,2}\d+$|[-_](?:\d+|first|last|odd|even)$|"
    r"^(?:first|last|odd|even|nth)(?:[-_]|$)|^\d+$",
)
# a class naming a box of the kinds (``p.tipline``, ``p.contact-box``, ``p.cta``), never a lede's or a quote's
_BOX_CLASS = re.compile(
    r"box|promo|support|donat|spende|newsletter|contact|kontakt|disclaimer|(?:^|[-_])(?:cta|tips?|tipline|ask|appeal|"
    r"notice|note|hinweis|aviso|gift|member|trust|standards?|licen[cs]e|licencia|reuse|republish|signup|subscribe|"
    r"follow|channel|canal|kanal|callout|banner)"
)
