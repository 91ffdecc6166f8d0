"""A publication's closing notices: the short lines it sets after a story's last paragraph, in wording alone, not
in a box (``promo`` reads boxes): a reporter's e-mail contact ("Write to Ana Ruiz at ana.ruiz@example.com"), a
copyright or reprint notice ("The Gazette 2025. All rights reserved."), a newsletter's sign-up, a comments
section's login or moderation rule, a rating or error-report prompt ("Was this article helpful?"), a podcast's
line of labelled links ("Listen: https://… Download: https://…") and its heading ("How to listen to …").

Only read in the run at the story's very end (``lead._story_end``): there a line of these is the page's, not the
story's. A story sentence quoting someone or telling what someone did with such wording (reporting verbs,
quotation marks, or more words than a notice has) stays.
"""

from __future__ import annotations

import re

from monitor.extractors.promo import _QUOTED, MAX_BOX_CHARS

_MAX_WORDS = 60  # of a closing notice, at most (a reprint notice is the longest)
# a contact line's verb, addressed to the reader ("Write to …", "Contact the author:", "Schreiben Sie an …")
_CONTACT_LINE = re.compile(
    r"^\W*(?:write to|e-?mail|contact(?: the (?:authors?|writers?|reporters?))?|reach|kontakt|schreiben sie (?:an|der|"
    r"dem)|écrire à|écrivez à|contacter|escriba a|escribe a|contacto|scrivi a|contatti|contato)\b"
)
# the rest of such a line: a name, and one address or a few ("… at ana@example.com", "…: a@x.example, b@x.example")
_ONLY_MAIL = re.compile(r"^[^@]*?(?:\s*(?:,|and|und|et|y|e|or|oder|ou|o)?\s*[^@\s]+@[\w-]+(?:\.[\w-]+)+\.?)+\s*$")
# a copyright or reprint notice without its sign ("The Gazette 2025. All rights reserved", "for your personal,
# non-commercial use only"; a line opening with "©" or "Copyright" is ``body``'s boilerplate)
_COPYRIGHT = re.compile(
    r"all rights reserved|alle rechte vorbehalten|tous droits réservés|todos los derechos reservados|"
    r"todos os direitos reservados|tutti i diritti riservati|alle rechten voorbehouden|wszelkie prawa zastrzeżone|"
    r"tüm hakları saklıdır|personal,? non-?commercial use only"
)
# a call to sign up for the publication's newsletter, opening a sentence or a clause ("For the latest news, sign up
# for our newsletter"): "Residents can sign up for the free newsletter at the library" is a story's
_NEWSLETTER = re.compile(
    r"(?:^|[.!?,:;—–]\s*)(?:please\s+)?(?:sign up|subscribe|register)\b[^.!?]{0,40}\b(?:our|the|free)\b"
    r"[^.!?]{0,30}newsletters?\b|"
    r"newsletter (?:abonnieren|bestellen)|(?:abonnez|inscrivez)-vous à (?:notre|la) newsletter|"
    r"suscr[ií]bete a (?:nuestra|la) newsletter|iscriviti alla (?:nostra )?newsletter|"
    r"(?:assine|inscreva-se (?:em|na)) (?:a |nossa )?newsletter"
)
# a comments section's rule: who may post, or what the moderators will not approve
_COMMENT_RULE = re.compile(
    r"\b(?:must|need to|have to) (?:be )?log(?:ged)? ?in to (?:post a |leave a |add a )?comment|"
    r"\b(?:du musst dich|musst du dich|sie müssen sich|müssen sie sich)\b[^.!?]{0,30}\b(?:einloggen|anmelden)\b"
    r"[^.!?]{0,30}\bkommentar|"
    r"\b(?:comments?|kommentare|commentaires|comentários|comentarios)\b[^.!?]{0,120}(?:will not be (?:approved|"
    r"published)|werden nicht freigeschaltet|ne seront pas publiés|não serão (?:aprovados|publicados)|"
    r"no serán (?:aprobados|publicados))"
)
# a prompt to rate the article or report a mistake in it
_PROMPT = re.compile(
    r"^\W*(?:was this (?:article|story) (?:helpful|useful)|did you (?:find|like) this (?:article|story)|"
    r"(?:how|wie) (?:did you like|hat ihnen) (?:this|dieser) (?:article|story|artikel|beitrag)|"
    r"war dieser (?:artikel|beitrag) hilfreich|cet article vous a-t-il plu|¿te (?:ha )?(?:gustó|resultó útil) "
    r"(?:este|esta) (?:artículo|nota)|(?:found|spotted) (?:an error|a mistake|a typo)|fehler gefunden)[^.!?]{0,40}\?"
)
# the heading above a podcast's links ("How to listen to The Harbour Podcast"): a few words, no sentence
_HOW_TO_LISTEN = re.compile(r"^\W*how to (?:listen|subscribe) to\b[^.!?:]{0,60}$")
# a podcast's or a video's links, each after its label ("Listen: https://… Download: https://…")
_LABELLED_LINKS = re.compile(r"(?:[^\W\d_][\w ]{0,20}:\s*(?:https?://|www\.)\S+\s*)+")


def closing_notice(text: str) -> bool:
    """Whether ``text``, a line at a story's end, is one of the publication's closing notices (see the module's
    doc)."""
    if len(text) > MAX_BOX_CHARS or len(text.split()) > _MAX_WORDS:
        return False
    if _LABELLED_LINKS.fullmatch(text):
        return True
    folded = text.casefold()
    if _QUOTED.search(folded):
        return False  # someone's words, or a story telling what someone wrote
    if "@" in folded and _CONTACT_LINE.match(folded) and _ONLY_MAIL.match(folded):
        return True
    return bool(
        _COPYRIGHT.search(folded)
        or _NEWSLETTER.search(folded)
        or _COMMENT_RULE.search(folded)
        or _PROMPT.match(folded)
        or _HOW_TO_LISTEN.match(folded)
    )
